//! Counts, percentages and the report that holds them.

use super::{Metric, Percent};
use covdash_protocol::sort::sort_by;

use super::files::{merge_repeats, parent_dir, FileCoverage};
use super::{Diff, Timestamp};
use std::rc::Rc;

/// How many of a set of items (lines, statements, branches, functions) were covered.
///
/// Invariant: `covered <= total`. Counts are integers end to end; a percentage is derived from
/// them only when something needs to be shown or compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    covered: u64,
    total: u64,
}

impl Counts {
    /// Returns `None` when `covered > total`.
    pub fn new(covered: u64, total: u64) -> Option<Counts> {
        (covered <= total).then_some(Counts { covered, total })
    }

    /// Counts as a tool states them, where a covered figure above the total can only be a
    /// broken file: it is read as all covered.
    pub fn at_most(covered: u64, total: u64) -> Counts {
        Counts { covered: covered.min(total), total }
    }

    pub fn covered(self) -> u64 {
        self.covered
    }

    pub fn total(self) -> u64 {
        self.total
    }

    /// The items not covered.
    pub fn missed(self) -> u64 {
        self.total - self.covered
    }

    /// `None` when there is nothing to count: such a package is "n/a", not 0%.
    pub fn percent(self) -> Option<Percent> {
        if self.total == 0 {
            return None;
        }
        // Both operands fit f64 exactly up to 2^53 items, far beyond any real project.
        Percent::new(self.covered as f64 * 100.0 / self.total as f64)
    }

    /// The sum of two counts; saturates rather than overflowing.
    pub fn saturating_add(self, other: Counts) -> Counts {
        let total = self.total.saturating_add(other.total);
        let covered = self.covered.saturating_add(other.covered).min(total);
        Counts { covered, total }
    }
}

/// One package's coverage at one moment: counts where the source has them, otherwise only the
/// percentage a tool or a person reported.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Coverage {
    Counts(Counts),
    Percent(Percent),
}

impl Coverage {
    /// `None` for counts with nothing to count.
    pub fn percent(self) -> Option<Percent> {
        match self {
            Coverage::Counts(counts) => counts.percent(),
            Coverage::Percent(percent) => Some(percent),
        }
    }

    pub fn counts(self) -> Option<Counts> {
        match self {
            Coverage::Counts(counts) => Some(counts),
            Coverage::Percent(_) => None,
        }
    }
}

/// A package's coverage for each metric its source records; `None` where it records nothing.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Metrics {
    pub lines: Option<Coverage>,
    pub statements: Option<Coverage>,
    pub branches: Option<Coverage>,
    pub functions: Option<Coverage>,
}

impl Metrics {
    /// Coverage of one metric only.
    pub fn only(metric: Metric, coverage: Coverage) -> Metrics {
        let mut metrics = Metrics::default();
        *metrics.slot(metric) = Some(coverage);
        metrics
    }

    pub fn get(&self, metric: Metric) -> Option<Coverage> {
        match metric {
            Metric::Lines => self.lines,
            Metric::Statements => self.statements,
            Metric::Branches => self.branches,
            Metric::Functions => self.functions,
        }
    }

    /// Sets the figure for `metric`.
    pub fn set(&mut self, metric: Metric, coverage: Coverage) {
        *self.slot(metric) = Some(coverage);
    }

    fn slot(&mut self, metric: Metric) -> &mut Option<Coverage> {
        match metric {
            Metric::Lines => &mut self.lines,
            Metric::Statements => &mut self.statements,
            Metric::Branches => &mut self.branches,
            Metric::Functions => &mut self.functions,
        }
    }

    /// The sums of the files' counts, metric by metric.
    pub fn sum_of(files: &[FileCoverage]) -> Metrics {
        let mut metrics = Metrics::default();
        for metric in Metric::ALL {
            let counts = files.iter().filter_map(|f| f.counts(metric)).reduce(Counts::saturating_add);
            *metrics.slot(metric) = counts.map(Coverage::Counts);
        }
        metrics
    }
}

/// A package (a directory, a module, a Go import path) and its coverage.
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    /// The full name: an import path, or a directory as the tool wrote it (normalised).
    pub name: String,
    pub metrics: Metrics,
    /// The files, sorted by path; empty when the source has package figures only.
    pub files: Vec<FileCoverage>,
}

impl Package {
    /// A package known only by its figure for one metric.
    pub fn summary(name: String, metric: Metric, coverage: Coverage) -> Package {
        Package { name, metrics: Metrics::only(metric, coverage), files: Vec::new() }
    }

    pub fn coverage(&self, metric: Metric) -> Option<Coverage> {
        self.metrics.get(metric)
    }
}

/// Groups files into packages by directory (a Go file's directory is its import path), sorted
/// by name. Files are expected normalised and unique by path.
pub fn packages_from_files(files: Vec<FileCoverage>) -> Vec<Package> {
    // Directory first, then path; each file's directory is found once, not in every comparison.
    let mut files: Vec<(usize, FileCoverage)> = files.into_iter().map(|f| (parent_dir(&f.path).len(), f)).collect();
    sort_by(&mut files, |(a_dir, a), (b_dir, b)| (&a.path[..*a_dir], &a.path).cmp(&(&b.path[..*b_dir], &b.path)));
    let mut packages: Vec<Package> = Vec::new();
    for (dir_len, file) in files {
        let dir = &file.path[..dir_len];
        match packages.last_mut() {
            Some(package) if package.name == dir => package.files.push(file),
            _ => packages.push(Package { name: dir.to_owned(), metrics: Metrics::default(), files: vec![file] }),
        }
    }
    for package in &mut packages {
        package.metrics = Metrics::sum_of(&package.files);
    }
    packages
}

/// The state of a project at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub label: String,
    /// When the code it measured was committed, or else when it was measured.
    pub timestamp: Option<Timestamp>,
    /// In source order; package names are unique within a snapshot. Shared: a report read
    /// another way (combined with the settings, as of a snapshot) copies no file, and a change
    /// to them (exclusions) copies them once (`Rc::make_mut`).
    pub packages: Rc<Vec<Package>>,
    /// The commit and branch it measured and when the run was, where known (a history
    /// written by `covdash record`).
    pub revision: Revision,
    /// What this snapshot's test run reported, where a history records it.
    pub tests: Option<TestStats>,
}

impl Snapshot {
    /// A snapshot with no revision or test figures of its own.
    pub fn new(label: String, timestamp: Option<Timestamp>, packages: Vec<Package>) -> Snapshot {
        Snapshot { label, timestamp, packages: Rc::new(packages), revision: Revision::default(), tests: None }
    }

    /// The snapshot with `revision` and `tests`.
    pub fn with(mut self, revision: Revision, tests: Option<TestStats>) -> Snapshot {
        self.revision = revision;
        self.tests = tests;
        self
    }

    /// Every file of every package, in package order.
    pub fn files(&self) -> impl Iterator<Item = &super::FileCoverage> {
        self.packages.iter().flat_map(|p| &p.files)
    }
}

/// A commit id's first seven characters, as `git log --oneline` shows it.
pub fn short_commit(commit: &str) -> &str {
    commit.char_indices().nth(7).map_or(commit, |(end, _)| &commit[..end])
}

/// What a CI run knew about the code it measured.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Revision {
    /// The commit's full id, as `git rev-parse HEAD` prints it.
    pub commit: Option<String>,
    /// The branch or tag (`main`, `refs/tags/v1.2` written as `v1.2`).
    pub git_ref: Option<String>,
    /// When the run was, as against the commit's time (the snapshot's timestamp).
    pub run_time: Option<Timestamp>,
}

impl Revision {
    /// The commit's first seven characters, as `git log --oneline` shows it.
    pub fn short_commit(&self) -> Option<&str> {
        self.commit.as_deref().map(short_commit)
    }
}

/// What a test run reported. Every figure is optional: sources carry different subsets. As
/// JSON (covdash JSON's `tests`, the analysis), the figures a source does not carry are left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct TestStats {
    /// Test functions (Go `TestXxx`, JUnit methods).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub functions: Option<u64>,
    /// Test cases, table rows and subtests included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cases: Option<u64>,
    /// Lines of test code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<u64>,
    /// Mock servers (HTTP fakes and the like) the tests stand up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mock_servers: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passed: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<u64>,
    /// Tests that failed and then passed on a retry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flaky: Option<u64>,
}

impl TestStats {
    /// Figures of two test runs together: each figure is the sum of those known.
    pub fn combined(self, other: TestStats) -> TestStats {
        let sum = |a: Option<u64>, b: Option<u64>| match (a, b) {
            (Some(x), Some(y)) => Some(x.saturating_add(y)),
            (x, y) => x.or(y),
        };
        TestStats {
            functions: sum(self.functions, other.functions),
            cases: sum(self.cases, other.cases),
            lines: sum(self.lines, other.lines),
            mock_servers: sum(self.mock_servers, other.mock_servers),
            passed: sum(self.passed, other.passed),
            failed: sum(self.failed, other.failed),
            skipped: sum(self.skipped, other.skipped),
            flaky: sum(self.flaky, other.flaky),
        }
    }
}

/// Merges snapshots that are parts of one run (two test jobs, two LCOV files): files with
/// the same path are merged (hits added), packages are rebuilt from the merged files, and
/// packages known only by a figure are kept (a later one replaces an earlier one of the same
/// name).
pub fn merge_snapshots(snapshots: Vec<Snapshot>, label: String) -> Snapshot {
    let timestamp = snapshots.iter().filter_map(|s| s.timestamp).max();
    let mut files: Vec<FileCoverage> = Vec::new();
    let mut summaries: Vec<Package> = Vec::new();
    for package in snapshots.into_iter().flat_map(|s| Rc::unwrap_or_clone(s.packages)) {
        if package.files.is_empty() {
            summaries.retain(|known| known.name != package.name);
            summaries.push(package);
        } else {
            files.extend(package.files);
        }
    }
    let mut packages = packages_from_files(merge_repeats(files));
    packages.retain(|p| !summaries.iter().any(|s| s.name == p.name));
    packages.extend(summaries);
    sort_by(&mut packages, |a, b| a.name.cmp(&b.name));
    Snapshot::new(label, timestamp, packages)
}

/// When the work a report describes started and ended (covdash JSON's `session`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WorkTimes {
    pub start: Option<Timestamp>,
    pub end: Option<Timestamp>,
}

/// Everything one source said about a project.
///
/// Invariant: `snapshots` is not empty; they are in chronological order, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub title: Option<String>,
    /// What the counts in `snapshots` count.
    pub metric: Metric,
    pub snapshots: Vec<Snapshot>,
    pub tests: Option<TestStats>,
    pub session: Option<WorkTimes>,
    /// What put the snapshots in order, when they come from several files.
    pub order: Option<super::Order>,
    /// The change the latest snapshot measured, when a diff was given beside the report.
    pub change: Option<Rc<Diff>>,
    /// What the settings' exclusions left out of each snapshot, in the same order
    /// ([`Report::keep_paths`]); empty when nothing is excluded.
    pub left_out: Vec<super::LeftOut>,
}

impl Report {
    /// What one coverage file of one run says: a single snapshot, counting `metric`, and
    /// nothing else known yet.
    pub fn of_snapshot(metric: Metric, snapshot: Snapshot) -> Report {
        Report {
            title: None,
            metric,
            snapshots: vec![snapshot],
            tests: None,
            session: None,
            order: None,
            change: None,
            left_out: Vec::new(),
        }
    }

    /// A report of no snapshot yet, counting `metric`: a history before its first run, a page
    /// before its first file.
    pub fn empty(metric: Metric) -> Report {
        Report { snapshots: Vec::new(), ..Report::of_snapshot(metric, Snapshot::new(String::new(), None, Vec::new())) }
    }

    /// The most recent snapshot.
    pub fn latest(&self) -> Option<&Snapshot> {
        self.snapshots.last()
    }

    /// The path of every file in every snapshot (a file measured twice, twice).
    pub fn file_paths(&self) -> impl Iterator<Item = &str> {
        self.snapshots.iter().flat_map(Snapshot::files).map(|f| f.path.as_str())
    }

    /// The report as of snapshot `upto` (the latest when `None` or out of range): the
    /// snapshots up to it, borrowed, with everything else the report knows.
    pub fn as_of(&self, upto: Option<usize>) -> AsOf<'_> {
        let n = upto.filter(|idx| *idx < self.snapshots.len()).map_or(self.snapshots.len(), |idx| idx + 1);
        let snapshots = &self.snapshots[..n];
        AsOf {
            title: self.title.as_deref(),
            snapshots,
            // A history keeps each run's test figures with its snapshot.
            tests: snapshots.last().and_then(|s| s.tests).or(self.tests),
            session: self.session,
            order: self.order,
            change: self.change.as_deref(),
            left_out: self.left_out.get(n.wrapping_sub(1)),
        }
    }

    /// The metrics some package of some snapshot has a figure for, in [`Metric::ALL`] order.
    pub fn recorded_metrics(&self) -> Vec<Metric> {
        Metric::ALL
            .into_iter()
            .filter(|m| self.snapshots.iter().flat_map(|s| s.packages.iter()).any(|p| p.coverage(*m).is_some()))
            .collect()
    }
}

/// A report as of one of its snapshots, borrowed: what the analysis reads, so that looking at
/// an older snapshot copies nothing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AsOf<'a> {
    pub title: Option<&'a str>,
    /// Oldest first, up to the snapshot looked at.
    pub snapshots: &'a [Snapshot],
    pub tests: Option<TestStats>,
    pub session: Option<WorkTimes>,
    pub order: Option<super::Order>,
    pub change: Option<&'a Diff>,
    /// What the settings' exclusions left out of the snapshot looked at.
    pub left_out: Option<&'a super::LeftOut>,
}

impl AsOf<'_> {
    /// The snapshot looked at.
    pub fn latest(&self) -> Option<&Snapshot> {
        self.snapshots.last()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_reject_more_covered_than_total() {
        assert_eq!(Counts::new(3, 2), None);
        assert_eq!(Counts::new(2, 2).map(Counts::missed), Some(0));
    }

    #[test]
    fn nothing_to_count_is_not_zero_percent() {
        assert_eq!(Counts::new(0, 0).and_then(Counts::percent), None);
        assert_eq!(Counts::new(0, 4).and_then(Counts::percent), Some(Percent::ZERO));
    }

    #[test]
    fn percent_is_bounded_and_finite() {
        // (input, accepted)
        let cases = [
            (0.0, true),
            (100.0, true),
            (68.1, true),
            (-0.1, false),
            (100.01, false),
            (f64::NAN, false),
            (f64::INFINITY, false),
        ];
        for (input, accepted) in cases {
            assert_eq!(Percent::new(input).is_some(), accepted, "{input}");
        }
    }

    #[test]
    fn metric_names_round_trip() {
        for metric in Metric::ALL {
            assert_eq!(Metric::from_plural(metric.plural()), Some(metric));
        }
        assert_eq!(Metric::from_plural("bytes"), None);
    }
}
