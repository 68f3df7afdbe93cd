//! Where each package stands: ranked with tiers and change, wins between snapshots, distance
//! to the target, and the tier distribution.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{sort_by, AsOf, Coverage, Metric, Package, Settings, Snapshot, Tiers};

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

/// Each package's percentage in `snapshot`, by name: made once per snapshot, so that looking
/// packages up across snapshots does not search every snapshot for every package.
pub(crate) fn percents_by_name(snapshot: &Snapshot, metric: Metric) -> Percents<'_> {
    let packages = snapshot.packages.as_slice();
    if packages.windows(2).all(|pair| pair[0].name < pair[1].name) {
        return Percents { metric, sorted: packages, by_name: None };
    }
    let by_name =
        packages.iter().filter_map(|p| Some((p.name.as_str(), p.coverage(metric)?.percent()?.value()))).collect();
    Percents { metric, sorted: &[], by_name: Some(by_name) }
}

/// A snapshot's package percentages by name: a binary search where the snapshot lists its
/// packages sorted by name (as every reader and covdash's own JSON do), a map otherwise.
pub(crate) struct Percents<'a> {
    metric: Metric,
    sorted: &'a [Package],
    by_name: Option<HashMap<&'a str, f64>>,
}

impl Percents<'_> {
    pub(crate) fn get(&self, name: &str) -> Option<f64> {
        match &self.by_name {
            Some(by_name) => by_name.get(name).copied(),
            None => {
                let at = self.sorted.binary_search_by(|p| p.name.as_str().cmp(name)).ok()?;
                Some(self.sorted[at].coverage(self.metric)?.percent()?.value())
            }
        }
    }
}

/// The latest snapshot's packages, highest coverage first (ties by name), those with nothing
/// to count last.
pub fn package_lines(report: &AsOf<'_>, metric: Metric, tiers: &Tiers) -> Vec<PackageLine> {
    let Some(latest) = report.latest() else {
        return Vec::new();
    };
    let names = super::short_names(latest.packages.iter().map(|p| p.name.as_str()));
    let earlier = &report.snapshots[..report.snapshots.len() - 1];
    let earlier_percents: Vec<Percents<'_>> = earlier.iter().map(|s| percents_by_name(s, metric)).collect();
    // Ranked once, as the page's list ranks them.
    super::ranked_packages(latest, metric)
        .into_iter()
        .map(|standing| {
            let (percent, counts) = (standing.percent, standing.coverage.and_then(Coverage::counts));
            let first = earlier_percents.iter().find_map(|percents| percents.get(standing.name));
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

/// The most gains an analysis keeps: a history has one per package per run.
pub const MAX_WINS: usize = 100;

/// The package gains between consecutive snapshots, the largest first: the first
/// [`MAX_WINS`], and how many there are in all.
pub fn wins(report: &AsOf<'_>, metric: Metric, settings: &Settings, lines: &[PackageLine]) -> (Vec<Win>, usize) {
    let short_names: HashMap<&str, &str> = lines.iter().map(|l| (l.name.as_str(), l.short_name.as_str())).collect();
    let short = |name: &str| short_names.get(name).copied().unwrap_or(name).to_owned();
    // The gains first, as numbers and places (a history has one per package per run); the
    // words only for them.
    let mut gains: Vec<(f64, usize, usize, f64, f64)> = Vec::new();
    for (at, pair) in report.snapshots.windows(2).enumerate() {
        // Runs of one project list their packages in the same order: matched by place, and by
        // name only where the places differ.
        let mut by_name: Option<Percents<'_>> = None;
        for (i, package) in pair[1].packages.iter().enumerate() {
            let Some(after) = package.coverage(metric).and_then(Coverage::percent).map(|p| p.value()) else {
                continue;
            };
            let before = match pair[0].packages.get(i) {
                Some(same) if same.name == package.name => {
                    same.coverage(metric).and_then(Coverage::percent).map(|p| p.value())
                }
                _ => by_name.get_or_insert_with(|| percents_by_name(&pair[0], metric)).get(package.name.as_str()),
            };
            let Some(before) = before else { continue };
            let delta = after - before;
            if delta > 1e-9 {
                gains.push((delta, at + 1, i, before, after));
            }
        }
    }
    let name = |(_, at, i, ..): &(f64, usize, usize, f64, f64)| report.snapshots[*at].packages[*i].name.as_str();
    let order = |a: &(f64, usize, usize, f64, f64), b: &(f64, usize, usize, f64, f64)| {
        b.0.total_cmp(&a.0).then_with(|| name(a).cmp(name(b)))
    };
    let n_gains = gains.len();
    if n_gains > MAX_WINS {
        gains.select_nth_unstable_by(MAX_WINS - 1, order);
        gains.truncate(MAX_WINS);
    }
    sort_by(&mut gains, order);
    let wins = gains
        .iter()
        .map(|gain @ &(delta, at, _, before, after)| {
            let package = name(gain);
            Win {
                package: package.to_owned(),
                short_name: short(package),
                snapshot: report.snapshots[at].label.clone(),
                before,
                after,
                delta,
                word: settings.wins.word(delta).to_owned(),
            }
        })
        .collect();
    (wins, n_gains)
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
    sort_by(&mut distances, |a, b| a.points.total_cmp(&b.points).then_with(|| a.package.cmp(&b.package)));
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
                below: tiers.ceiling(idx).map(|p| p.value()),
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
    fn a_long_history_keeps_its_largest_gains_and_counts_them_all() {
        use crate::model::{Counts, Report};
        // 3 packages over 101 runs, each gaining k+1 lines of 1000 at run k, one of them out of
        // order in every other run (found by name, not by place).
        let names = ["a", "b", "c"];
        let snapshots: Vec<Snapshot> = (0..101u64)
            .map(|run| {
                let mut packages: Vec<Package> = names
                    .iter()
                    .enumerate()
                    .map(|(k, name)| {
                        let covered = run * (k as u64 + 1);
                        Package::summary(
                            (*name).into(),
                            Metric::Lines,
                            Coverage::Counts(Counts::new(covered, 1000).unwrap()),
                        )
                    })
                    .collect();
                if run % 2 == 1 {
                    packages.reverse();
                }
                Snapshot::new(format!("run {run}"), None, packages)
            })
            .collect();
        let mut report = Report::of_snapshot(Metric::Lines, snapshots[0].clone());
        report.snapshots = snapshots;
        let settings = Settings::default();
        let lines = package_lines(&report.as_of(None), Metric::Lines, &settings.tiers);
        let (wins, n_wins) = wins(&report.as_of(None), Metric::Lines, &settings, &lines);
        assert_eq!(n_wins, 300);
        assert_eq!(wins.len(), MAX_WINS);
        // c gains 0.3 points a run, b 0.2, a 0.1: c's 100 gains are the largest, by name order
        // among equals (all of c's are equal: by snapshot order is not promised).
        assert!(wins.iter().all(|w| w.package == "c" && (w.delta - 0.3).abs() < 1e-9), "{:?}", &wins[..3]);
    }

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
