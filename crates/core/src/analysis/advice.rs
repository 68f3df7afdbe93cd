//! What the data says was achieved, where the goal stands, and what to test next.

use std::collections::HashMap;

use serde::Serialize;

use super::eta::Pace;
use super::standings::{Distance, PackageLine};
use super::tests::TestSummary;
use super::timeline::Progress;
use crate::model::{
    most_uncovered_first, sort_by, AsOf, Counts, Coverage, FileCoverage, Metric, Package, Settings, Snapshot, Span,
    Strategy, Tiers, Timestamp,
};

/// One fact worth celebrating, true of the data.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Achievement {
    /// The overall figure rose.
    Gain { from: f64, to: f64, points: f64 },
    /// A package moved up at least one tier since the first snapshot.
    TierUp { package: String, from_tier: String, to_tier: String },
    /// Packages at or above the target.
    AboveTarget { packages: usize, of: usize, target: f64 },
    /// Tests recorded (test functions and cases).
    Tests { functions: Option<u64>, cases: Option<u64> },
    /// Every test passed, none flaky.
    NoFailures { passed: u64 },
}

pub fn achievements(
    report: &AsOf<'_>,
    tiers: &Tiers,
    target: f64,
    progress: &Progress,
    lines: &[PackageLine],
    tests: Option<&TestSummary>,
) -> Vec<Achievement> {
    let mut out = Vec::new();
    let figures: Vec<f64> = progress.points.iter().filter_map(|p| p.percent).collect();
    if let ([from, ..], Some(points)) = (figures.as_slice(), progress.total_gain) {
        if points > 1e-9 {
            out.push(Achievement::Gain { from: *from, to: from + points, points });
        }
    }
    if report.snapshots.len() > 1 {
        for line in lines {
            let Some(first) = line.first else {
                continue;
            };
            let Some(before) = crate::model::Percent::new(first) else {
                continue;
            };
            let (from_idx, to_idx) = (tiers.index_of(before), line.tier_index.unwrap_or(usize::MAX));
            if to_idx < from_idx {
                out.push(Achievement::TierUp {
                    package: line.short_name.clone(),
                    from_tier: tiers.as_slice()[from_idx].name.clone(),
                    to_tier: tiers.as_slice()[to_idx].name.clone(),
                });
            }
        }
    }
    let ranked: Vec<f64> = lines.iter().filter_map(|l| l.percent).collect();
    let above = ranked.iter().filter(|p| **p >= target).count();
    if above > 0 {
        out.push(Achievement::AboveTarget { packages: above, of: ranked.len(), target });
    }
    if let Some(tests) = tests {
        if tests.counts.functions.is_some_and(|n| n > 0) || tests.counts.cases.is_some_and(|n| n > 0) {
            out.push(Achievement::Tests { functions: tests.counts.functions, cases: tests.counts.cases });
        }
        if let (Some(passed), Some(0)) = (tests.counts.passed, tests.counts.failed) {
            if passed > 0 && tests.counts.flaky.unwrap_or(0) == 0 {
                out.push(Achievement::NoFailures { passed });
            }
        }
    }
    out
}

/// The overall figure against the goal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalStatus {
    pub current: f64,
    pub goal: f64,
    /// `current / goal`, in percent (100 when reached).
    pub share: f64,
    pub reached: bool,
    /// Points still to gain.
    pub remaining: f64,
    /// When the goal would be reached at the overall figure's pace: seconds at its fast and
    /// slow pace, from `from`. `None` when reached, or without a rising pace.
    pub low_seconds: Option<Span>,
    pub high_seconds: Option<Span>,
    /// The time the estimate counts from: the latest snapshot's.
    #[serde(serialize_with = "super::rfc3339")]
    pub from: Option<Timestamp>,
}

/// The overall figure against the goal, and when the goal would be reached at `pace`.
pub(crate) fn goal(
    current: Option<f64>,
    goal: Option<f64>,
    pace: Option<Pace>,
    from: Option<Timestamp>,
) -> Result<GoalStatus, String> {
    let goal = goal.ok_or("no goal is set (settings: goal)")?;
    let current = current.ok_or("there is no overall figure")?;
    if goal <= 0.0 {
        return Err("a goal of 0% is always reached".to_owned());
    }
    let (reached, remaining) = (current >= goal, (goal - current).max(0.0));
    let when = pace.filter(|_| !reached).map(|pace| pace.time_for(remaining));
    Ok(GoalStatus {
        current,
        goal,
        share: (current / goal * 100.0).min(100.0),
        reached,
        remaining,
        low_seconds: when.map(|w| w.0),
        high_seconds: when.map(|w| w.1),
        from,
    })
}

/// Which lines of a file to test: what its coverage records of them, line by line.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct FileLines {
    /// The uncovered lines as ranges (`[[12, 18], [40, 40]]`), where the format records lines.
    pub uncovered_lines: Vec<(u32, u32)>,
    /// The lines whose branches were partly taken: `[line, taken, branches]`.
    pub partial_branches: Vec<(u32, u64, u64)>,
    /// The functions never called, by line: `[name, line]`.
    pub uncalled_functions: Vec<(String, u32)>,
}

impl FileLines {
    pub fn of(file: &FileCoverage) -> FileLines {
        let mut uncalled: Vec<(String, u32)> = file
            .functions()
            .iter()
            .filter(|f| f.hits == 0)
            .map(|f| (file.function_name(f).to_owned(), f.line))
            .collect();
        sort_by(&mut uncalled, |a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
        FileLines {
            uncovered_lines: file.uncovered_ranges(),
            partial_branches: file.partial_branch_lines(),
            uncalled_functions: uncalled,
        }
    }
}

/// A file to look at inside a recommended package.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileHint {
    pub path: String,
    pub uncovered: u64,
    pub percent: Option<f64>,
    #[serde(flatten)]
    pub lines: FileLines,
}

/// One package to test next, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    pub rank: usize,
    pub package: String,
    pub short_name: String,
    pub percent: f64,
    /// Points to the target; 0 when it is reached.
    pub points_to_target: f64,
    /// Items still to cover to reach the target, when counts are known.
    pub to_cover: Option<u64>,
    /// Items not covered at all, when counts are known.
    pub uncovered: Option<u64>,
    /// How many points the overall figure gains if this package reaches the target.
    pub overall_gain: Option<f64>,
    /// The files with the most uncovered items, most first (at most three).
    pub files: Vec<FileHint>,
}

/// A file to test next once every package has reached the target: a package at 86% can still
/// hide a file at 30%.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileToTest {
    pub rank: usize,
    pub path: String,
    /// The package it is in.
    pub package: String,
    pub uncovered: u64,
    pub percent: Option<f64>,
    #[serde(flatten)]
    pub lines: FileLines,
}

/// The ranked list, and the strategy that ranked it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendations {
    pub strategy: &'static str,
    pub description: &'static str,
    /// The packages below the target, ranked by the strategy.
    pub items: Vec<Recommendation>,
    /// When no package is below the target: the files with the most uncovered items in the
    /// whole report, most first ("largest uncovered first"); empty otherwise.
    pub files: Vec<FileToTest>,
    /// How many of the first items list their files (all of them, but where the page asked
    /// for fewer).
    #[serde(skip)]
    pub with_files: usize,
}

/// How many files are suggested per package.
const FILES_PER_PACKAGE: usize = 3;

/// How many files are suggested when every package has reached the target.
const FILES_TO_TEST: usize = 10;

pub fn recommendations(
    report: &AsOf<'_>,
    metric: Metric,
    settings: &Settings,
    lines: &[PackageLine],
    distances: &[Distance],
    weighted: bool,
    with_files: usize,
) -> Recommendations {
    let grand_total: u64 = lines.iter().filter_map(|l| l.total).fold(0, u64::saturating_add);
    let n_ranked = lines.iter().filter(|l| l.percent.is_some()).count();
    // Looked up by name once each, not searched: a monorepo has thousands of packages.
    let line_of: HashMap<&str, &PackageLine> = lines.iter().map(|l| (l.name.as_str(), l)).collect();
    let latest: HashMap<&str, &Package> =
        report.latest().map(|s| s.packages.iter().map(|p| (p.name.as_str(), p)).collect()).unwrap_or_default();
    let mut items: Vec<Recommendation> = distances
        .iter()
        .map(|d| {
            let line = line_of.get(d.package.as_str()).copied();
            let uncovered = line.and_then(PackageLine::uncovered);
            let overall_gain = if weighted {
                d.to_cover.filter(|_| grand_total > 0).map(|n| n as f64 * 100.0 / grand_total as f64)
            } else {
                (n_ranked > 0).then(|| d.points / n_ranked as f64)
            };
            Recommendation {
                rank: 0,
                package: d.package.clone(),
                short_name: d.short_name.clone(),
                percent: d.percent,
                points_to_target: d.points,
                to_cover: d.to_cover,
                uncovered,
                overall_gain,
                files: Vec::new(),
            }
        })
        .collect();
    match settings.strategy {
        Strategy::ClosestToTarget => {} // distances come closest first
        Strategy::LargestEffect => sort_by(&mut items, |a, b| {
            let key = |r: &Recommendation| (r.uncovered.map_or(-1.0, |n| n as f64), r.overall_gain.unwrap_or(0.0));
            let (x, y) = (key(a), key(b));
            y.0.total_cmp(&x.0).then(y.1.total_cmp(&x.1)).then_with(|| a.package.cmp(&b.package))
        }),
    }
    for (idx, item) in items.iter_mut().enumerate() {
        item.rank = idx + 1;
    }
    let with_files = with_files.min(items.len());
    for item in &mut items[..with_files] {
        item.files = latest.get(item.package.as_str()).map_or_else(Vec::new, |p| file_hints(p, metric));
    }
    let files = match (items.is_empty(), report.latest()) {
        (true, Some(latest)) => files_to_test(latest, metric),
        _ => Vec::new(),
    };
    Recommendations {
        strategy: settings.strategy.id(),
        description: settings.strategy.describe(),
        items,
        files,
        with_files,
    }
}

/// The files of the whole snapshot with the most uncovered items, most first, then by path.
fn files_to_test(snapshot: &Snapshot, metric: Metric) -> Vec<FileToTest> {
    let files = snapshot.packages.iter().flat_map(|p| p.files.iter().map(move |file| (p, file)));
    most_uncovered(files, metric, FILES_TO_TEST)
        .into_iter()
        .enumerate()
        .map(|(idx, (package, file, counts))| FileToTest {
            rank: idx + 1,
            path: file.path.clone(),
            package: package.name.clone(),
            uncovered: counts.missed(),
            percent: Coverage::Counts(counts).percent().map(|p| p.value()),
            lines: FileLines::of(file),
        })
        .collect()
}

fn file_hints(package: &Package, metric: Metric) -> Vec<FileHint> {
    most_uncovered(package.files.iter().map(|file| (package, file)), metric, FILES_PER_PACKAGE)
        .into_iter()
        .map(|(_, file, counts)| FileHint {
            path: file.path.clone(),
            uncovered: counts.missed(),
            percent: Coverage::Counts(counts).percent().map(|p| p.value()),
            lines: FileLines::of(file),
        })
        .collect()
}

/// Of `files`, those with anything of `metric` uncovered, the most uncovered first (then by
/// path), at most `n`: the one ranking of files to test.
fn most_uncovered<'a>(
    files: impl Iterator<Item = (&'a Package, &'a FileCoverage)>,
    metric: Metric,
    n: usize,
) -> Vec<(&'a Package, &'a FileCoverage, Counts)> {
    let mut found: Vec<_> = files
        .filter_map(|(package, file)| file.counts(metric).filter(|c| c.missed() > 0).map(|c| (package, file, c)))
        .collect();
    sort_by(&mut found, |a, b| most_uncovered_first((a.2.missed(), a.1), (b.2.missed(), b.1)));
    found.truncate(n);
    found
}
