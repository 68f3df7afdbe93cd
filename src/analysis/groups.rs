//! Readiness by group: packages gathered by glob patterns, each group judged against the target.

use serde::Serialize;

use super::names::shared_depth;
use super::overall::{overall_of, OverallMethod};
use crate::model::{Group, Metric, Package, Snapshot};

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
    pub method: &'static str,
    pub packages: Vec<String>,
    /// Its packages below the target.
    pub below_target: Vec<String>,
    pub status: Readiness,
}

/// The groups of `settings` (or, when there are none, one per top-level directory under the
/// packages' shared prefix), each with its packages. Packages no group matches make an
/// "Other" group. A package matched by several groups counts in each.
pub fn readiness(snapshot: &Snapshot, metric: Metric, groups: &[Group], target: f64) -> Vec<GroupReadiness> {
    let groups = if groups.is_empty() { default_groups(snapshot) } else { groups.to_vec() };
    let mut out: Vec<GroupReadiness> = groups
        .iter()
        .map(|group| {
            let members: Vec<&Package> = snapshot
                .packages
                .iter()
                .filter(|p| group.patterns.iter().any(|pattern| glob_match(pattern, &p.name)))
                .collect();
            judge(group.name.clone(), group.patterns.clone(), &members, metric, target)
        })
        .collect();
    let ungrouped: Vec<&Package> = snapshot
        .packages
        .iter()
        .filter(|p| !groups.iter().any(|g| g.patterns.iter().any(|pattern| glob_match(pattern, &p.name))))
        .collect();
    if !ungrouped.is_empty() {
        out.push(judge("Other".to_owned(), Vec::new(), &ungrouped, metric, target));
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
            OverallMethod::MeanOfPackages { .. } => "mean of packages",
            _ => "weighted",
        },
        packages: members.iter().map(|p| p.name.clone()).collect(),
        below_target,
        status: Readiness::of(percent, target),
    }
}

/// One group per first directory under the packages' shared prefix, in name order; a package
/// directly in the shared directory is its own group.
fn default_groups(snapshot: &Snapshot) -> Vec<Group> {
    let depth = shared_depth(snapshot.packages.iter().map(|p| p.name.as_str()));
    let mut groups: Vec<Group> = Vec::new();
    for package in &snapshot.packages {
        let segments: Vec<&str> = package.name.split('/').collect();
        // The group's directory: the shared prefix and one more segment.
        let (name, pattern) = match segments.get(depth) {
            Some(top) if segments.len() > depth + 1 => {
                ((*top).to_owned(), format!("{}/**", segments[..=depth].join("/")))
            }
            Some(top) if !top.is_empty() => ((*top).to_owned(), package.name.clone()),
            _ if package.name.is_empty() => ("(root)".to_owned(), String::new()),
            _ => (package.name.clone(), package.name.clone()),
        };
        match groups.iter_mut().find(|g| g.name == name) {
            Some(group) => {
                if !group.patterns.contains(&pattern) {
                    group.patterns.push(pattern);
                }
            }
            None => groups.push(Group { name, patterns: vec![pattern] }),
        }
    }
    groups.sort_by(|a, b| a.name.cmp(&b.name));
    groups
}

/// Glob matching over package names: `*` matches within one path segment, `**` across
/// segments (`a/**` matches `a/b` and `a/b/c`), `?` one character other than `/`; anything
/// else matches itself.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    // Memoised on (pattern position, name position): at most |p| × |n| states, so no pattern
    // can make matching slow.
    let mut memo: Vec<Option<bool>> = vec![None; (p.len() + 1) * (n.len() + 1)];
    // `a/**` also matches `a` itself.
    matches(&p, &n, 0, 0, &mut memo) || pattern.strip_suffix("/**").is_some_and(|dir| dir == name)
}

fn matches(p: &[char], n: &[char], i: usize, j: usize, memo: &mut Vec<Option<bool>>) -> bool {
    let key = i * (n.len() + 1) + j;
    if let Some(known) = memo[key] {
        return known;
    }
    let result = match &p[i..] {
        [] => j == n.len(),
        // `**/` matches zero or more whole segments.
        ['*', '*', '/', ..] => {
            matches(p, n, i + 3, j, memo) || (j..n.len()).any(|k| n[k] == '/' && matches(p, n, i + 3, k + 1, memo))
        }
        ['*', '*', ..] => (j..=n.len()).any(|k| matches(p, n, i + 2, k, memo)),
        ['*', ..] => (j..=n.len()).take_while(|&k| k == j || n[k - 1] != '/').any(|k| matches(p, n, i + 1, k, memo)),
        ['?', ..] => n.get(j).is_some_and(|&c| c != '/') && matches(p, n, i + 1, j + 1, memo),
        [c, ..] => n.get(j) == Some(c) && matches(p, n, i + 1, j + 1, memo),
    };
    memo[key] = Some(result);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        let long = "a".repeat(60);
        // (pattern, name, matches)
        let cases = [
            ("sdk/cli", "sdk/cli", true),
            ("sdk/cli", "sdk/client", false),
            ("sdk/*", "sdk/cli", true),
            ("sdk/*", "sdk/cli/x", false),
            ("sdk/**", "sdk/cli/x", true),
            ("sdk/**", "sdk", true),
            ("**/storage", "storage", true),
            ("**/storage", "sdk/storage", true),
            ("**/storage", "sdk/storages", false),
            ("s?k/*", "sdk/agent", true),
            ("*", "storage", true),
            ("*", "sdk/agent", false),
            ("**", "a/b/c", true),
            ("github.com/acme/*/api", "github.com/acme/app/api", true),
            ("*a*a*a*a*a*a*a*a*a*a*a*b", long.as_str(), false),
        ];
        for (pattern, name, expected) in cases {
            assert_eq!(glob_match(pattern, name), expected, "{pattern} {name}");
        }
    }

    #[test]
    fn default_groups_take_the_first_directory_under_the_shared_prefix() {
        use crate::model::{Coverage, Percent};
        /// A group's name and patterns.
        type Expected<'a> = &'a [(&'a str, &'a [&'a str])];
        // (package names, groups with their patterns)
        let cases: [(&[&str], Expected<'_>); 4] = [
            (
                &["sdk/agent", "sdk/cli", "storage", "providers"],
                &[("providers", &["providers"]), ("sdk", &["sdk/**"]), ("storage", &["storage"])],
            ),
            (
                &["example.com/m/calc", "example.com/m/calc/deep", "example.com/m/api"],
                &[("api", &["example.com/m/api"]), ("calc", &["example.com/m/calc", "example.com/m/calc/**"])],
            ),
            (&["", "a"], &[("(root)", &[""]), ("a", &["a"])]),
            (&["only/one"], &[("one", &["only/one"])]),
        ];
        for (names, expected) in cases {
            let packages = names
                .iter()
                .map(|n| Package::summary((*n).to_owned(), Metric::Lines, Coverage::Percent(Percent::FULL)))
                .collect();
            let snapshot = Snapshot { label: "x".to_owned(), timestamp: None, packages };
            let groups = default_groups(&snapshot);
            let got: Vec<(&str, Vec<&str>)> =
                groups.iter().map(|g| (g.name.as_str(), g.patterns.iter().map(String::as_str).collect())).collect();
            let want: Vec<(&str, Vec<&str>)> = expected.iter().map(|(n, p)| (*n, p.to_vec())).collect();
            assert_eq!(got, want, "{names:?}");
            // Every package is in a group.
            for name in names {
                assert!(groups.iter().any(|g| g.patterns.iter().any(|p| glob_match(p, name))), "{name}");
            }
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
