//! Readiness by group: packages gathered by glob patterns, each group judged against the target.

use std::collections::HashMap;

use serde::Serialize;

use super::names::shared_depth;
use super::overall::{overall_of, OverallMethod};
use super::timeline::Method;
use crate::model::{glob_match, sort_by, Group, Metric, Package, Snapshot};

/// How far a group is from the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Readiness {
    /// At or above the target.
    Ready,
    /// Within [`NEAR_POINTS`] of it.
    Near,
    /// Further below.
    Below,
    /// Nothing to count.
    Unknown,
}

/// How close "near" is, in percentage points.
pub const NEAR_POINTS: f64 = 5.0;

impl Readiness {
    pub fn of(percent: Option<f64>, target: f64) -> Readiness {
        match percent {
            None => Readiness::Unknown,
            Some(p) if p >= target => Readiness::Ready,
            Some(p) if p >= target - NEAR_POINTS => Readiness::Near,
            Some(_) => Readiness::Below,
        }
    }
}

/// One group's standing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupReadiness {
    pub name: String,
    pub patterns: Vec<String>,
    /// Weighted by counts when all its packages have them; the mean of its packages otherwise.
    pub percent: Option<f64>,
    pub method: Method,
    pub packages: Vec<String>,
    /// Its packages below the target.
    pub below_target: Vec<String>,
    pub status: Readiness,
}

/// The groups of `settings` (or, when there are none, one per top-level directory under the
/// packages' shared prefix), each with its packages. Packages no group matches make an
/// "Other" group. A package matched by several groups counts in each.
pub fn readiness(snapshot: &Snapshot, metric: Metric, groups: &[Group], target: f64) -> Vec<GroupReadiness> {
    let gathered = if groups.is_empty() { by_directory(snapshot) } else { by_pattern(snapshot, groups) };
    gathered.into_iter().map(|(group, members)| judge(group.name, group.patterns, &members, metric, target)).collect()
}

/// The packages each of `groups`' patterns match, and those none matches as "Other".
fn by_pattern<'s>(snapshot: &'s Snapshot, groups: &[Group]) -> Vec<(Group, Vec<&'s Package>)> {
    let mut grouped = vec![false; snapshot.packages.len()];
    let mut out: Vec<(Group, Vec<&Package>)> = groups
        .iter()
        .map(|group| {
            let members = snapshot
                .packages
                .iter()
                .enumerate()
                .filter(|(_, p)| group.patterns.iter().any(|pattern| glob_match(pattern, &p.name)))
                .map(|(i, p)| {
                    grouped[i] = true;
                    p
                })
                .collect();
            (group.clone(), members)
        })
        .collect();
    let ungrouped: Vec<&Package> =
        snapshot.packages.iter().zip(&grouped).filter(|(_, grouped)| !**grouped).map(|(p, _)| p).collect();
    if !ungrouped.is_empty() {
        out.push((Group { name: "Other".to_owned(), patterns: Vec::new() }, ungrouped));
    }
    out
}
fn judge(name: String, patterns: Vec<String>, members: &[&Package], metric: Metric, target: f64) -> GroupReadiness {
    let figure = overall_of(members.iter().copied(), metric);
    let percent = figure.percent.map(|p| p.value());
    let below_target = members
        .iter()
        .filter(|p| p.coverage(metric).and_then(|c| c.percent()).is_some_and(|pc| pc.value() < target))
        .map(|p| p.name.clone())
        .collect();
    GroupReadiness {
        name,
        patterns,
        percent,
        method: match figure.method {
            OverallMethod::MeanOfPackages { .. } => Method::MeanOfPackages,
            _ => Method::Weighted,
        },
        packages: members.iter().map(|p| p.name.clone()).collect(),
        below_target,
        status: Readiness::of(percent, target),
    }
}

/// One group per first directory under the packages' shared prefix, in name order; a package
/// directly in the shared directory is its own group. Packages are placed by their names'
/// segments, never by matching the patterns shown: a name is plain text even when it holds
/// `*` or `?`, so `a*` is a group of one package and does not take in `ab`.
fn by_directory(snapshot: &Snapshot) -> Vec<(Group, Vec<&Package>)> {
    let depth = shared_depth(snapshot.packages.iter().map(|p| p.name.as_str()));
    let mut groups: Vec<(Group, Vec<&Package>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for package in snapshot.packages.iter() {
        let segments: Vec<&str> = package.name.split('/').collect();
        // The group's directory: the shared prefix and one more segment.
        let (name, pattern) = match segments.get(depth) {
            Some(top) if segments.len() > depth + 1 => {
                ((*top).to_owned(), format!("{}/**", segments[..=depth].join("/")))
            }
            Some(top) if !top.is_empty() => ((*top).to_owned(), package.name.clone()),
            _ if package.name.is_empty() => (super::names::ROOT_PACKAGE.to_owned(), String::new()),
            _ => (package.name.clone(), package.name.clone()),
        };
        let at = *index.entry(name.clone()).or_insert_with(|| {
            groups.push((Group { name, patterns: Vec::new() }, Vec::new()));
            groups.len() - 1
        });
        let (group, members) = &mut groups[at];
        if !group.patterns.contains(&pattern) {
            group.patterns.push(pattern);
        }
        members.push(package);
    }
    sort_by(&mut groups, |a, b| a.0.name.cmp(&b.0.name));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_groups_take_the_first_directory_under_the_shared_prefix() {
        use crate::model::{Coverage, Percent};
        /// A group's name, patterns and members.
        type Expected<'a> = &'a [(&'a str, &'a [&'a str], &'a [&'a str])];
        // (package names, groups with their patterns and members)
        let cases: [(&[&str], Expected<'_>); 5] = [
            (
                &["sdk/agent", "sdk/cli", "storage", "providers"],
                &[
                    ("providers", &["providers"], &["providers"]),
                    ("sdk", &["sdk/**"], &["sdk/agent", "sdk/cli"]),
                    ("storage", &["storage"], &["storage"]),
                ],
            ),
            (
                &["example.com/m/calc", "example.com/m/calc/deep", "example.com/m/api"],
                &[
                    ("api", &["example.com/m/api"], &["example.com/m/api"]),
                    (
                        "calc",
                        &["example.com/m/calc", "example.com/m/calc/**"],
                        &["example.com/m/calc", "example.com/m/calc/deep"],
                    ),
                ],
            ),
            (&["", "a"], &[("(root)", &[""], &[""]), ("a", &["a"], &["a"])]),
            (&["only/one"], &[("one", &["only/one"], &["only/one"])]),
            // Names are plain text: `a*` does not take in `ab`, nor `?/**` take in `b/c`.
            (
                &["a*", "ab", "?/x", "b/c"],
                &[
                    ("?", &["?/**"], &["?/x"]),
                    ("a*", &["a*"], &["a*"]),
                    ("ab", &["ab"], &["ab"]),
                    ("b", &["b/**"], &["b/c"]),
                ],
            ),
        ];
        for (names, expected) in cases {
            let packages = names
                .iter()
                .map(|n| Package::summary((*n).to_owned(), Metric::Lines, Coverage::Percent(Percent::FULL)))
                .collect();
            let snapshot = Snapshot::new("x".to_owned(), None, packages);
            let got: Vec<(String, Vec<String>, Vec<String>)> = by_directory(&snapshot)
                .into_iter()
                .map(|(g, members)| (g.name, g.patterns, members.iter().map(|p| p.name.clone()).collect()))
                .collect();
            let owned = |words: &[&str]| words.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>();
            let want: Vec<(String, Vec<String>, Vec<String>)> =
                expected.iter().map(|(n, p, m)| ((*n).to_owned(), owned(p), owned(m))).collect();
            assert_eq!(got, want, "{names:?}");
        }
    }

    #[test]
    fn readiness_words() {
        assert_eq!(Readiness::of(Some(80.0), 80.0), Readiness::Ready);
        assert_eq!(Readiness::of(Some(75.0), 80.0), Readiness::Near);
        assert_eq!(Readiness::of(Some(74.9), 80.0), Readiness::Below);
        assert_eq!(Readiness::of(None, 80.0), Readiness::Unknown);
    }
}
