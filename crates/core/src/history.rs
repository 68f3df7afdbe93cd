//! Coverage over time: a history is a covdash JSON file of snapshots that CI appends one to per
//! run (`covdash record`), and that the page and `covdash check` read.
//!
//! Everything here is pure: the CLI reads the clock, the environment, `git` and the files, and
//! hands the values in. What a CI's environment says about the commit is read through a
//! function, so that the table of variables is tested without setting any.

use serde::Serialize;

use crate::analysis::overall;
use crate::model::{short_commit, sort_by_key, Metric, Package, Report, Revision, Snapshot, Timestamp};

/// How many snapshots a history keeps unless told otherwise.
pub const DEFAULT_KEEP: usize = 500;

/// What happened to a history when a snapshot was added.
#[derive(Debug, Clone, PartialEq)]
pub struct Added {
    /// The snapshot's place in the history after it was added.
    pub index: usize,
    /// It replaced a snapshot of the same commit and ref (a re-run of a job).
    pub replaced: bool,
    /// How many of the oldest snapshots were dropped to keep the history to its length.
    pub dropped: usize,
}

/// A run's packages as a history keeps them: their figures for every metric the data has,
/// without the files (summed into their packages already).
pub fn package_figures(snapshot: &Snapshot) -> Vec<Package> {
    snapshot.packages.iter().map(|p| Package { name: p.name.clone(), metrics: p.metrics, files: Vec::new() }).collect()
}

/// Adds `snapshot` to `history`: in place of a snapshot of the same commit and ref if there is
/// one, else as a new one; then in time order (the sort is stable: snapshots of one time stay
/// in the order they were recorded), keeping the `keep` newest.
pub fn add(history: &mut Report, snapshot: Snapshot, keep: usize) -> Added {
    let same = |s: &Snapshot| {
        snapshot.revision.commit.is_some()
            && s.revision.commit == snapshot.revision.commit
            && s.revision.git_ref == snapshot.revision.git_ref
    };
    let replaced = match history.snapshots.iter().position(same) {
        Some(at) => {
            history.snapshots.remove(at);
            true
        }
        None => false,
    };
    let (label, timestamp) = (snapshot.label.clone(), snapshot.timestamp);
    history.snapshots.push(snapshot);
    if history.snapshots.iter().all(|s| s.timestamp.is_some()) {
        sort_by_key(&mut history.snapshots, |s| s.timestamp);
    }
    let keep = keep.max(1);
    let dropped = history.snapshots.len().saturating_sub(keep);
    history.snapshots.drain(..dropped);
    // The one just added, found again after the sort: the last of its label and time.
    let index = history.snapshots.iter().rposition(|s| s.label == label && s.timestamp == timestamp).unwrap_or(0);
    Added { index, replaced, dropped }
}

/// The snapshot a new one on `git_ref` is compared with: the latest of the same ref that
/// measured another commit (any ref's latest when the ref is not known).
pub fn previous<'h>(history: &'h [Snapshot], git_ref: Option<&str>, commit: Option<&str>) -> Option<&'h Snapshot> {
    history.iter().rev().find(|s| {
        let same_ref = git_ref.is_none() || s.revision.git_ref.as_deref() == git_ref;
        let other_commit = commit.is_none() || s.revision.commit.as_deref() != commit;
        same_ref && other_commit
    })
}

/// The change of the overall figure since an earlier snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Since {
    /// The earlier snapshot's label.
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    /// Its overall figure, and the current one, for the metric analysed.
    pub before: f64,
    pub after: f64,
    /// `after - before`, in percentage points.
    pub points: f64,
}

impl Since {
    /// What names the earlier snapshot: its commit's first seven characters, else its label.
    pub fn earlier(&self) -> &str {
        match &self.commit {
            Some(commit) => short_commit(commit),
            None => &self.label,
        }
    }
}

/// How `now` compares with `earlier` on `metric`; `None` when either has no figure for it.
pub fn since(earlier: &Snapshot, now: &Snapshot, metric: Metric) -> Option<Since> {
    let before = overall(earlier, metric).percent?.value();
    let after = overall(now, metric).percent?.value();
    Some(Since {
        label: earlier.label.clone(),
        commit: earlier.revision.commit.clone(),
        before,
        after,
        points: after - before,
    })
}

/// The label a recorded snapshot gets when none is given: the short commit, else the time.
pub fn default_label(revision: &Revision, time: Option<Timestamp>) -> String {
    match (revision.short_commit(), time) {
        (Some(short), _) => short.to_owned(),
        (None, Some(time)) => time.to_string(),
        (None, None) => "snapshot".to_owned(),
    }
}

/// What a CI service's environment says about the commit a job builds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CiRevision {
    /// The service, by name.
    pub service: &'static str,
    pub commit: Option<String>,
    pub git_ref: Option<String>,
    /// The commit's time, where the service gives it (RFC 3339).
    pub commit_time: Option<String>,
}

/// A CI service and the environment variables covdash reads from it.
pub struct CiService {
    pub name: &'static str,
    /// Set (to anything) in every job of the service.
    pub marker: &'static str,
    pub commit: &'static [&'static str],
    /// The first one set names the ref; a `refs/heads/` or `refs/tags/` prefix and Jenkins'
    /// `origin/` are taken off.
    pub git_ref: &'static [&'static str],
    pub commit_time: &'static [&'static str],
}

/// The services covdash knows, in the order they are tried (`docs/history.md` lists them).
pub const CI_SERVICES: [CiService; 6] = [
    CiService {
        name: "GitHub Actions",
        marker: "GITHUB_ACTIONS",
        commit: &["GITHUB_SHA"],
        // A pull request's branch, else the branch or tag pushed.
        git_ref: &["GITHUB_HEAD_REF", "GITHUB_REF_NAME"],
        commit_time: &[],
    },
    CiService {
        name: "GitLab CI",
        marker: "GITLAB_CI",
        commit: &["CI_COMMIT_SHA"],
        git_ref: &["CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "CI_COMMIT_REF_NAME"],
        commit_time: &["CI_COMMIT_TIMESTAMP"],
    },
    CiService {
        name: "Jenkins",
        marker: "JENKINS_URL",
        commit: &["GIT_COMMIT"],
        git_ref: &["CHANGE_BRANCH", "BRANCH_NAME", "GIT_BRANCH"],
        commit_time: &[],
    },
    CiService {
        name: "CircleCI",
        marker: "CIRCLECI",
        commit: &["CIRCLE_SHA1"],
        git_ref: &["CIRCLE_BRANCH", "CIRCLE_TAG"],
        commit_time: &[],
    },
    CiService {
        name: "Buildkite",
        marker: "BUILDKITE",
        commit: &["BUILDKITE_COMMIT"],
        git_ref: &["BUILDKITE_BRANCH", "BUILDKITE_TAG"],
        commit_time: &[],
    },
    CiService {
        name: "Azure Pipelines",
        marker: "TF_BUILD",
        commit: &["BUILD_SOURCEVERSION"],
        git_ref: &["SYSTEM_PULLREQUEST_SOURCEBRANCH", "BUILD_SOURCEBRANCH"],
        commit_time: &[],
    },
];

/// The commit, ref and commit time of the first CI service whose marker `var` finds set.
pub fn ci_revision(var: &dyn Fn(&str) -> Option<String>) -> Option<CiRevision> {
    let set = |name: &str| var(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let first = |names: &[&str]| names.iter().find_map(|n| set(n));
    let service = CI_SERVICES.iter().find(|s| set(s.marker).is_some())?;
    Some(CiRevision {
        service: service.name,
        commit: first(service.commit),
        git_ref: first(service.git_ref).map(|r| short_ref(&r).to_owned()),
        commit_time: first(service.commit_time),
    })
}

/// `refs/heads/main`, `origin/main` → `main`; `refs/tags/v1` → `v1`.
pub fn short_ref(name: &str) -> &str {
    ["refs/heads/", "refs/tags/", "refs/remotes/origin/", "origin/"]
        .iter()
        .find_map(|prefix| name.strip_prefix(prefix))
        .unwrap_or(name)
}

/// The refs a history has snapshots of, the one to show first at its head: `main` or
/// `master` if either has snapshots, else the one with most (ties to the most recent).
pub fn refs(snapshots: &[Snapshot]) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    for (at, name) in snapshots.iter().enumerate().filter_map(|(i, s)| Some((i, s.revision.git_ref.as_deref()?))) {
        match counts.iter_mut().find(|(known, ..)| known == name) {
            Some((_, n, last)) => {
                *n += 1;
                *last = at;
            }
            None => counts.push((name.to_owned(), 1, at)),
        }
    }
    let rank = |(name, n, last): &(String, usize, usize)| {
        (!matches!(name.as_str(), "main" | "master"), usize::MAX - n, usize::MAX - last)
    };
    sort_by_key(&mut counts, rank);
    counts.into_iter().map(|(name, n, _)| (name, n)).collect()
}

/// Keeps the snapshots of `git_ref`, and those of no ref (recorded without one).
pub fn keep_ref(report: &mut Report, git_ref: &str) {
    report.snapshots.retain(|s| s.revision.git_ref.as_deref().is_none_or(|r| r == git_ref));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Counts, Coverage};

    fn snapshot(label: &str, time: i64, commit: &str, git_ref: &str, covered: u64) -> Snapshot {
        let package = Package::summary("a".into(), Metric::Lines, Coverage::Counts(Counts::new(covered, 100).unwrap()));
        let revision = Revision { commit: Some(commit.into()), git_ref: Some(git_ref.into()), run_time: None };
        Snapshot::new(label.into(), Some(Timestamp::from_unix_seconds(time)), vec![package]).with(revision, None)
    }

    fn history(snapshots: Vec<Snapshot>) -> Report {
        let mut report = Report::of_snapshot(Metric::Lines, snapshots[0].clone());
        report.snapshots = snapshots;
        report
    }

    #[test]
    fn a_rerun_replaces_its_snapshot_and_order_is_by_time() {
        let mut h = history(vec![snapshot("a", 10, "aaa", "main", 50), snapshot("c", 30, "ccc", "main", 70)]);
        // An older commit recorded late goes in its place by time.
        let added = add(&mut h, snapshot("b", 20, "bbb", "main", 60), 500);
        assert_eq!(added, Added { index: 1, replaced: false, dropped: 0 });
        // The same commit on another ref is another point; on the same ref it replaces.
        assert!(!add(&mut h, snapshot("b'", 20, "bbb", "feature", 61), 500).replaced);
        let again = add(&mut h, snapshot("b", 25, "bbb", "main", 65), 500);
        assert!(again.replaced);
        let labels: Vec<&str> = h.snapshots.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["a", "b'", "b", "c"]);
        assert_eq!(
            h.snapshots[2].packages[0].coverage(Metric::Lines),
            Some(Coverage::Counts(Counts::new(65, 100).unwrap()))
        );
    }

    #[test]
    fn keep_drops_the_oldest() {
        let mut h = history(vec![snapshot("a", 10, "aaa", "main", 50), snapshot("b", 20, "bbb", "main", 60)]);
        let added = add(&mut h, snapshot("c", 30, "ccc", "main", 70), 2);
        assert_eq!(added, Added { index: 1, replaced: false, dropped: 1 });
        assert_eq!(h.snapshots[0].label, "b");
    }

    #[test]
    fn the_previous_snapshot_is_of_the_same_ref_and_another_commit() {
        let h = [
            snapshot("a", 10, "aaa", "main", 50),
            snapshot("f", 20, "fff", "topic", 90),
            snapshot("b", 30, "bbb", "main", 55),
        ];
        let label = |s: Option<&Snapshot>| s.map(|s| s.label.clone());
        assert_eq!(label(previous(&h, Some("main"), Some("ccc"))), Some("b".into()));
        assert_eq!(label(previous(&h, Some("main"), Some("bbb"))), Some("a".into()));
        assert_eq!(label(previous(&h, Some("topic"), Some("ggg"))), Some("f".into()));
        assert_eq!(label(previous(&h, Some("other"), None)), None);
        assert_eq!(label(previous(&h, None, None)), Some("b".into()));
        let change = since(&h[0], &h[2], Metric::Lines).unwrap();
        assert_eq!((change.before, change.after), (50.0, 55.0));
        assert!((change.points - 5.0).abs() < 1e-9);
    }

    #[test]
    fn each_ci_service_is_read_from_its_own_variables() {
        // (environment, service, commit, ref, commit time)
        type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, &'a str, &'a str, Option<&'a str>);
        let cases: [Case; 7] = [
            (
                &[
                    ("GITHUB_ACTIONS", "true"),
                    ("GITHUB_SHA", "abc"),
                    ("GITHUB_REF_NAME", "main"),
                    ("GITHUB_HEAD_REF", ""),
                ],
                "GitHub Actions",
                "abc",
                "main",
                None,
            ),
            (
                &[
                    ("GITHUB_ACTIONS", "true"),
                    ("GITHUB_SHA", "abc"),
                    ("GITHUB_REF_NAME", "7/merge"),
                    ("GITHUB_HEAD_REF", "topic"),
                ],
                "GitHub Actions",
                "abc",
                "topic",
                None,
            ),
            (
                &[
                    ("GITLAB_CI", "true"),
                    ("CI_COMMIT_SHA", "def"),
                    ("CI_COMMIT_REF_NAME", "main"),
                    ("CI_COMMIT_TIMESTAMP", "2026-01-02T03:04:05+00:00"),
                ],
                "GitLab CI",
                "def",
                "main",
                Some("2026-01-02T03:04:05+00:00"),
            ),
            (
                &[("JENKINS_URL", "http://ci"), ("GIT_COMMIT", "123"), ("GIT_BRANCH", "origin/release")],
                "Jenkins",
                "123",
                "release",
                None,
            ),
            (&[("CIRCLECI", "true"), ("CIRCLE_SHA1", "456"), ("CIRCLE_TAG", "v1.2")], "CircleCI", "456", "v1.2", None),
            (
                &[("BUILDKITE", "true"), ("BUILDKITE_COMMIT", "789"), ("BUILDKITE_BRANCH", "main")],
                "Buildkite",
                "789",
                "main",
                None,
            ),
            (
                &[("TF_BUILD", "True"), ("BUILD_SOURCEVERSION", "0ab"), ("BUILD_SOURCEBRANCH", "refs/heads/dev")],
                "Azure Pipelines",
                "0ab",
                "dev",
                None,
            ),
        ];
        for (env, service, commit, git_ref, time) in cases {
            let var = |name: &str| env.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned());
            let found = ci_revision(&var).unwrap_or_else(|| panic!("{service} not found"));
            assert_eq!(
                (found.service, found.commit.as_deref(), found.git_ref.as_deref(), found.commit_time.as_deref()),
                (service, Some(commit), Some(git_ref), time)
            );
        }
        assert_eq!(ci_revision(&|_| None), None);
    }

    #[test]
    fn the_ref_shown_first_is_main_else_the_busiest() {
        let h =
            [snapshot("a", 1, "a", "topic", 1), snapshot("b", 2, "b", "topic", 1), snapshot("c", 3, "c", "main", 1)];
        assert_eq!(refs(&h), [("main".to_owned(), 1), ("topic".to_owned(), 2)]);
        let h = [snapshot("a", 1, "a", "x", 1), snapshot("b", 2, "b", "y", 1), snapshot("c", 3, "c", "y", 1)];
        assert_eq!(refs(&h)[0], ("y".to_owned(), 2));
    }
}
