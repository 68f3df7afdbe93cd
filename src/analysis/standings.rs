//! Where each package stands: ranked with tiers and change, wins between snapshots, distance
//! to the target, and the tier distribution.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{AsOf, Coverage, Metric, Settings, Snapshot, Tiers};

/// One package in the latest snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PackageLine {
    pub name: String,
    /// The name without the directory every package shares.
    pub short_name: String,
    /// `None` when the package has nothing to count.
    pub percent: Option<f64>,
    pub tier: Option<String>,
    /// 0 = the highest tier.
    pub tier_index: Option<usize>,
    pub covered: Option<u64>,
    pub total: Option<u64>,
    /// Points since the first snapshot that has the package; `None` with one snapshot.
    pub change: Option<f64>,
    /// Its percentage in that first snapshot, as it was (not rebuilt from `change`, which could
    /// land a hair under a tier's floor).
    #[serde(skip)]
    pub first: Option<f64>,
}

impl PackageLine {
    /// Items not covered, when counts are known.
    pub fn uncovered(&self) -> Option<u64> {
        Some(self.total? - self.covered?)
    }
}

/// Each package's percentage in `snapshot`, by name: built once per snapshot, so that looking
/// packages up across snapshots does not search every snapshot for every package.
pub(crate) fn percents_by_name(snapshot: &Snapshot, metric: Metric) -> HashMap<&str, f64> {
    snapshot.packages.iter().filter_map(|p| Some((p.name.as_str(), p.coverage(metric)?.percent()?.value()))).collect()
}

/// The latest snapshot's packages, highest coverage first (ties by name), those with nothing
/// to count last.
pub fn package_lines(report: &AsOf<'_>, metric: Metric, tiers: &Tiers) -> Vec<PackageLine> {
    let Some(latest) = report.latest() else {
        return Vec::new();
    };
    let names = super::short_names(latest.packages.iter().map(|p| p.name.as_str()));
    let earlier = &report.snapshots[..report.snapshots.len() - 1];
    let earlier_percents: Vec<HashMap<&str, f64>> = earlier.iter().map(|s| percents_by_name(s, metric)).collect();
    // Ranked once, as the page's list ranks them.
    super::ranked_packages(latest, metric)
        .into_iter()
        .map(|standing| {
            let (percent, counts) = (standing.percent, standing.coverage.and_then(Coverage::counts));
            let first = earlier_percents.iter().find_map(|percents| percents.get(standing.name).copied());
            let tier_index = percent.map(|p| tiers.index_of(p));
            PackageLine {
                name: standing.name.to_owned(),
                short_name: names.get(standing.name).cloned().unwrap_or_else(|| standing.name.to_owned()),
                percent: percent.map(|p| p.value()),
                tier: tier_index.map(|idx| tiers.as_slice()[idx].name.clone()),
                tier_index,
                covered: counts.map(|c| c.covered()),
                total: counts.map(|c| c.total()),
                change: match (first, percent) {
                    (Some(before), Some(now)) => Some(now.value() - before),
                    _ => None,
                },
                first: first.filter(|_| percent.is_some()),
            }
        })
        .collect()
}

/// A package that improved between two consecutive snapshots.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Win {
    pub package: String,
    pub short_name: String,
    /// The label of the snapshot the gain was measured in.
    pub snapshot: String,
    pub before: f64,
    pub after: f64,
    pub delta: f64,
    /// From the settings' win scale.
    pub word: String,
}

/// Every package gain between consecutive snapshots, the largest first.
pub fn wins(report: &AsOf<'_>, metric: Metric, settings: &Settings, lines: &[PackageLine]) -> Vec<Win> {
    let short_names: std::collections::HashMap<&str, &str> =
        lines.iter().map(|l| (l.name.as_str(), l.short_name.as_str())).collect();
    let short = |name: &str| short_names.get(name).copied().unwrap_or(name).to_owned();
    let mut wins: Vec<Win> = Vec::new();
    for pair in report.snapshots.windows(2) {
        let before_percents = percents_by_name(&pair[0], metric);
        for package in &pair[1].packages {
            let Some(after) = package.coverage(metric).and_then(Coverage::percent).map(|p| p.value()) else {
                continue;
            };
            let Some(before) = before_percents.get(package.name.as_str()).copied() else {
                continue;
            };
            let delta = after - before;
            if delta > 1e-9 {
                wins.push(Win {
                    package: package.name.clone(),
                    short_name: short(&package.name),
                    snapshot: pair[1].label.clone(),
                    before,
                    after,
                    delta,
                    word: settings.wins.word(delta).to_owned(),
                });
            }
        }
    }
    wins.sort_by(|a, b| b.delta.total_cmp(&a.delta).then_with(|| a.package.cmp(&b.package)));
    wins
}

/// How far a package below the target is from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distance {
    pub package: String,
    pub short_name: String,
    pub percent: f64,
    /// Percentage points still to gain.
    pub points: f64,
    /// Lines or statements still to cover, when counts are known: the fewest that reach the
    /// target.
    pub to_cover: Option<u64>,
}

/// The packages below `target`, closest first.
pub fn distances(lines: &[PackageLine], target: f64) -> Vec<Distance> {
    let mut distances: Vec<Distance> = lines
        .iter()
        .filter_map(|line| {
            let percent = line.percent?;
            (percent < target).then(|| Distance {
                package: line.name.clone(),
                short_name: line.short_name.clone(),
                percent,
                points: target - percent,
                to_cover: match (line.covered, line.total) {
                    (Some(covered), Some(total)) => Some(items_to_reach(covered, total, target)),
                    _ => None,
                },
            })
        })
        .collect();
    distances.sort_by(|a, b| a.points.total_cmp(&b.points).then_with(|| a.package.cmp(&b.package)));
    distances
}

/// The fewest more items to cover so that `covered / total` reaches `target` percent.
pub fn items_to_reach(covered: u64, total: u64, target: f64) -> u64 {
    // In integers where it matters: the smallest n with (covered + n) * 100 >= target * total.
    // The target has at most a few decimals; 1e-9 absorbs its binary representation.
    let needed = (target * total as f64 / 100.0 - 1e-9).ceil().max(0.0) as u64;
    needed.min(total).saturating_sub(covered)
}

/// How many packages fall in one tier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TierShare {
    pub tier: String,
    /// The tier's lower bound, in percent.
    pub min: f64,
    /// The next tier's lower bound; `None` for the highest.
    pub below: Option<f64>,
    pub packages: usize,
    /// Of the packages that have a figure, in percent.
    pub share: f64,
}

/// Every tier with its packages: each package with a figure is in exactly one.
pub fn distribution(lines: &[PackageLine], tiers: &Tiers) -> Vec<TierShare> {
    let n_ranked = lines.iter().filter(|l| l.tier_index.is_some()).count();
    tiers
        .as_slice()
        .iter()
        .enumerate()
        .map(|(idx, tier)| {
            let packages = lines.iter().filter(|l| l.tier_index == Some(idx)).count();
            TierShare {
                tier: tier.name.clone(),
                min: tier.min.value(),
                below: idx.checked_sub(1).map(|up| tiers.as_slice()[up].min.value()),
                packages,
                share: if n_ranked == 0 { 0.0 } else { packages as f64 * 100.0 / n_ranked as f64 },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_to_reach_the_target() {
        // (covered, total, target, needed)
        let cases = [(0, 10, 80.0, 8), (8, 10, 80.0, 0), (9, 10, 80.0, 0), (514, 1908, 80.0, 1013), (0, 0, 80.0, 0)];
        for (covered, total, target, needed) in cases {
            assert_eq!(items_to_reach(covered, total, target), needed, "{covered}/{total}");
        }
        // 1526.4 rounds up: 1527 of 1908 is 80.03%, 1526 is 79.98%.
        assert_eq!(items_to_reach(0, 1908, 80.0), 1527);
    }
}
