//! Judging a report: every section of a coverage report, computed from the data.
//!
//! Pure functions over the [`model`](crate::model): no I/O, no clock (times come from the
//! data), no formatting (that is [`present`](crate::present)'s job). [`analyse`] runs them all
//! and says which sections the data cannot support, and why.

mod advice;
mod differential;
mod eta;
mod groups;
mod names;
mod overall;
mod packages;
mod patch;
mod portfolio;
mod standings;
mod tests;
mod timeline;

use serde::Serialize;

pub use covdash_protocol::vocab::Section;

pub use crate::model::glob_match;
pub use advice::{Achievement, FileHint, FileLines, FileToTest, GoalStatus, Recommendation, Recommendations};
pub use differential::{
    differential, file_differential, unstable_lines, Category, Counts, Differential, FileDifferential, LineCategory,
};
pub use eta::{Basis, PackageEta, TimeToTarget};
pub use groups::{GroupReadiness, Readiness, NEAR_POINTS};
pub use names::{short_names, shown_package, ROOT_PACKAGE};
pub use overall::{overall, overall_of, Overall, OverallMethod};
pub use packages::{ranked_packages, PackageStanding};
pub use patch::{patch_coverage, Patch, PatchFile};
pub use portfolio::{
    analyse_portfolio, repository_of, OrgPoint, PortfolioAnalysis, PortfolioOptions, RepositoryRow, TeamRow, Window,
    STALE_AFTER_DAYS, WINDOWS,
};
pub use standings::{items_to_reach, Distance, PackageLine, TierShare, Win, MAX_WINS};
pub(crate) use standings::{percents_by_name, Percents};
pub use tests::TestSummary;
pub use timeline::{duration, Direction, Lately, Method, Momentum, Progress, ProgressPoint, Summary, Trend, MIN_PACE};

use crate::model::{AsOf, Diff, FileCoverage, Metric, Report, Settings, Snapshot};

/// A section the data cannot support, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unavailable {
    pub section: Section,
    pub reason: String,
}

/// Every section of the report. A section the data cannot support is `None` (or empty) and
/// listed in `unavailable` with its reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub title: Option<String>,
    /// The metric every figure counts (`"lines"`, `"statements"`… in JSON).
    #[serde(serialize_with = "plural")]
    pub metric: Metric,
    pub target: f64,
    pub goal_percent: Option<f64>,
    /// The coverage of the change, when a diff was given.
    pub patch: Option<Patch>,
    /// What the change did line by line, against the snapshot before (its label first), when
    /// the two are [`compared`]. The JSON report has its counts, per file and in all; every
    /// line's category is `covdash compare --format json`'s (as long as the report itself).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "differential_counts")]
    pub differential: Option<(String, Differential)>,
    /// The change since the previous snapshot of a history given beside (`covdash report
    /// --history`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<crate::history::Since>,
    /// The files `--exclude` and `--include` left out, when given (set by the command).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left_out: Option<crate::model::LeftOut>,
    pub progress: Progress,
    pub packages: Vec<PackageLine>,
    /// The largest gains, at most [`MAX_WINS`].
    pub wins: Vec<Win>,
    /// How many gains there are in all.
    pub n_wins: usize,
    pub tests: Option<TestSummary>,
    pub distance: Vec<Distance>,
    pub time_to_target: Option<TimeToTarget>,
    pub distribution: Vec<TierShare>,
    pub readiness: Vec<GroupReadiness>,
    pub achievements: Vec<Achievement>,
    pub momentum: Option<Momentum>,
    pub goal: Option<GoalStatus>,
    pub summary: Summary,
    pub recommendations: Recommendations,
    pub unavailable: Vec<Unavailable>,
}

impl Analysis {
    /// Why `section` is not shown, if it is not.
    pub fn unavailable(&self, section: Section) -> Option<&str> {
        self.unavailable.iter().find(|u| u.section == section).map(|u| u.reason.as_str())
    }
}

/// A time as RFC 3339 text, or `null`.
fn rfc3339<S: serde::Serializer>(time: &Option<crate::model::Timestamp>, serializer: S) -> Result<S::Ok, S::Error> {
    match time {
        Some(time) => serializer.collect_str(time),
        None => serializer.serialize_none(),
    }
}

/// The differential's counts, per file (those with any) and in all, against the snapshot named.
fn differential_counts<S: serde::Serializer>(
    differential: &Option<(String, Differential)>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct FileCounts<'a> {
        path: &'a str,
        counts: &'a Counts,
        function_counts: &'a Counts,
        branch_counts: &'a Counts,
    }
    #[derive(Serialize)]
    struct Summary<'a> {
        against: &'a str,
        total: &'a Counts,
        function_total: &'a Counts,
        branch_total: &'a Counts,
        files: Vec<FileCounts<'a>>,
    }
    let Some((against, d)) = differential else { return serializer.serialize_none() };
    let files = d
        .files
        .iter()
        .filter(|f| f.counts.present().next().is_some())
        .map(|f| FileCounts {
            path: &f.path,
            counts: &f.counts,
            function_counts: &f.function_counts,
            branch_counts: &f.branch_counts,
        })
        .collect();
    Summary { against, total: &d.total, function_total: &d.function_total, branch_total: &d.branch_total, files }
        .serialize(serializer)
}

fn plural<S: serde::Serializer>(metric: &Metric, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(metric.plural())
}

/// Every section of `report` for `metric`, judged by `settings`.
pub fn analyse(report: &Report, metric: Metric, settings: &Settings) -> Analysis {
    analyse_as_of(&report.as_of(None), metric, settings)
}

/// Every section of a report as of one of its snapshots: the analysis sees the snapshots up
/// to it, borrowed.
pub fn analyse_as_of(report: &AsOf<'_>, metric: Metric, settings: &Settings) -> Analysis {
    analyse_listing(report, metric, settings, usize::MAX)
}

/// As [`analyse_as_of`], with the files to start with listed for the first `with_files`
/// recommended packages only. The page shows a few at a time, and listing each file's lines
/// for every package below the target is most of a large monorepo's first view (60 of 76 ms
/// natively for 1,136 packages).
pub fn analyse_listing(report: &AsOf<'_>, metric: Metric, settings: &Settings, with_files: usize) -> Analysis {
    let target = settings.target.value();
    let mut unavailable: Vec<Unavailable> = Vec::new();
    let mut missing =
        |section: Section, reason: &str| unavailable.push(Unavailable { section, reason: reason.to_owned() });

    let patch = report.change.zip(report.latest()).map(|(diff, latest)| patch::patch_coverage(diff, latest));
    let differential = compared(report.snapshots, report.change)
        .map(|(before, latest)| (before.label.clone(), differential::differential(before, latest, report.change)));
    if patch.as_ref().is_some_and(|p| p.files.is_empty()) {
        missing(Section::Change, "the diff adds or changes no line of a text file");
    }
    let progress = timeline::progress(report, metric);
    if progress.points.iter().all(|p| p.percent.is_none()) {
        missing(Section::Progress, "no package has a figure to count");
    } else if report.snapshots.len() < 2 {
        // One point is the overall figure again, not progress.
        missing(Section::Progress, "one snapshot only: progress is the change between snapshots");
    }
    let packages = standings::package_lines(report, metric, &settings.tiers);
    if packages.is_empty() {
        missing(Section::Packages, "the data has no packages");
    }
    let (wins, n_wins) = standings::wins(report, metric, settings, &packages);
    if report.snapshots.len() < 2 {
        missing(Section::Wins, "one snapshot only: wins are gains between snapshots");
    } else if wins.is_empty() {
        missing(Section::Wins, "no package gained between snapshots");
    }
    let tests = tests::test_summary(report.tests).map_err(|reason| missing(Section::Tests, &reason)).ok();
    let distance = standings::distances(&packages, target);
    if distance.is_empty() && !packages.is_empty() {
        missing(Section::Distance, "every package has reached the target");
    }
    let time_to_target = if distance.is_empty() {
        missing(Section::TimeToTarget, "no package is below the target");
        None
    } else {
        let eta = eta::time_to_target(report, metric, &distance);
        if eta.n_unknown == eta.packages.len() {
            let reason = eta.packages.first().and_then(|p| p.reason.clone()).unwrap_or_default();
            missing(Section::TimeToTarget, &reason);
        }
        Some(eta)
    };
    let distribution = standings::distribution(&packages, &settings.tiers);
    if packages.iter().all(|p| p.percent.is_none()) {
        missing(Section::Distribution, "no package has a figure to count");
    }
    let readiness = match report.latest() {
        Some(latest) => groups::readiness(latest, metric, &settings.groups, target),
        None => Vec::new(),
    };
    let achievements = advice::achievements(report, &settings.tiers, target, &progress, &packages, tests.as_ref());
    if achievements.is_empty() {
        missing(Section::Achievements, "nothing in the data stands out yet");
    }
    let momentum =
        timeline::momentum(report, metric, &progress).map_err(|reason| missing(Section::Momentum, &reason)).ok();
    let current = progress.points.iter().rev().find_map(|p| p.percent);
    let from = report.latest().and_then(|s| s.timestamp);
    let goal = advice::goal(current, settings.goal.map(|g| g.value()), eta::overall_pace(report, metric), from)
        .map_err(|reason| missing(Section::Goal, &reason))
        .ok();
    let summary = timeline::summary(report, &progress, tests.as_ref().and_then(|t| t.pass_rate));
    let weighted = progress.method == timeline::Method::Weighted;
    let recommendations = advice::recommendations(report, metric, settings, &packages, &distance, weighted, with_files);
    if recommendations.items.is_empty() && recommendations.files.is_empty() {
        missing(Section::Recommendations, "every package has reached the target and no file has anything uncovered");
    }
    Analysis {
        title: report.title.map(str::to_owned),
        metric,
        target,
        goal_percent: settings.goal.map(|g| g.value()),
        patch,
        differential,
        since: None,
        left_out: report.left_out.cloned(),
        progress,
        packages,
        wins,
        n_wins,
        tests,
        distance,
        time_to_target,
        distribution,
        readiness,
        achievements,
        momentum,
        goal,
        summary,
        recommendations,
        unavailable,
    }
}

/// Whether a snapshot has any file's lines (a history's snapshots have packages' figures only).
/// The two snapshots the latest is compared with line by line (docs/change.md), when there
/// is such a pair: the last two, both with their lines, and either a diff between them or one
/// source measured twice, whose lines then match line by line: the same commit where both
/// name theirs, else the same files with the same lines measured.
pub fn compared<'a>(snapshots: &'a [Snapshot], diff: Option<&Diff>) -> Option<(&'a Snapshot, &'a Snapshot)> {
    let [.., before, latest] = snapshots else { return None };
    if !has_lines(before) || !has_lines(latest) {
        return None;
    }
    let same_source = || match (&before.revision.commit, &latest.revision.commit) {
        (Some(a), Some(b)) => a == b,
        _ => differential::same_lines(before, latest),
    };
    (diff.is_some() || same_source()).then_some((before, latest))
}

fn has_lines(snapshot: &Snapshot) -> bool {
    snapshot.files().any(FileCoverage::has_line_detail)
}
