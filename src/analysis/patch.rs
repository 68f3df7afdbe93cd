//! Patch coverage: how well a change is tested, as diff-cover counts it. The lines the
//! change added or changed on the new side that the report measures are the patch's lines;
//! the covered ones among them over all of them is the figure. Changed lines the report does
//! not measure (comments, blank lines, files it does not cover) are counted apart, and a change
//! with no measured line has no figure (diff-cover says 100%).
//!
//! A diff's path is matched to the report's file with the longest common ending, by whole
//! path components (`src/pkg/util.py` in a diff is `pkg/util.py` in a Cobertura report relative
//! to its `<source>`); two report files ending alike as far are told apart by the shorter path.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{ChangeKind, Diff, FileCoverage, Snapshot};

/// The patch figures of one changed file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatchFile {
    /// The path in the diff (the new side's).
    pub path: String,
    /// The report's file it was matched to, if any.
    pub report_path: Option<String>,
    /// Changed lines the report measures, and those of them that ran.
    pub measured: u64,
    pub covered: u64,
    /// `covered / measured` in percent; `None` when nothing changed is measured.
    pub percent: Option<f64>,
    /// Changed lines the report measures that did not run, ascending.
    pub uncovered_lines: Vec<u32>,
    /// Changed lines the report does not measure.
    pub not_measured: u64,
    /// Branches on the changed lines, where the report has branches: taken, and in all.
    pub branches: Option<(u64, u64)>,
}

/// The patch figures of a change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Patch {
    pub measured: u64,
    pub covered: u64,
    pub percent: Option<f64>,
    pub not_measured: u64,
    /// Lines added or changed in all, measured or not.
    pub changed: u64,
    pub branches: Option<(u64, u64)>,
    /// The files with changed lines, in the diff's order (deleted and binary files have none).
    pub files: Vec<PatchFile>,
}

/// Each line the file records, ascending, and whether it ran: its line hits, or where the
/// tool records blocks (Go), the lines the blocks span (a line ran if any block on it ran).
fn line_states(file: &FileCoverage) -> Vec<(u32, bool)> {
    let mut states: Vec<(u32, bool)> = if file.lines.is_empty() {
        let mut spans: Vec<(u32, bool)> = file
            .blocks
            .iter()
            .filter(|b| b.statements > 0)
            .flat_map(|b| (b.start.0..=b.end.0.max(b.start.0)).map(move |line| (line, b.hits > 0)))
            .collect();
        spans.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        spans
    } else {
        let mut lines: Vec<(u32, bool)> = file.lines.iter().map(|l| (l.line, l.hits > 0)).collect();
        lines.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        lines
    };
    // A line read twice (merged parts, overlapping blocks) ran if any reading says so: the
    // sort put that reading first.
    states.dedup_by_key(|s| s.0);
    states
}

/// The report's files, found by the last component of their path.
struct Index<'a> {
    by_name: HashMap<&'a str, Vec<&'a FileCoverage>>,
}

impl<'a> Index<'a> {
    fn new(snapshot: &'a Snapshot) -> Index<'a> {
        let mut by_name: HashMap<&str, Vec<&FileCoverage>> = HashMap::new();
        for file in snapshot.packages.iter().flat_map(|p| &p.files) {
            by_name.entry(last_component(&file.path)).or_default().push(file);
        }
        Index { by_name }
    }

    /// The file whose path shares the longest ending with `path`, by whole components.
    fn find(&self, path: &str) -> Option<&'a FileCoverage> {
        let candidates = self.by_name.get(last_component(path))?;
        candidates.iter().copied().max_by(|a, b| {
            common_ending(&a.path, path)
                .cmp(&common_ending(&b.path, path))
                .then_with(|| b.path.len().cmp(&a.path.len()))
                .then_with(|| b.path.cmp(&a.path))
        })
    }
}

fn last_component(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// How many path components `a` and `b` end with in common.
fn common_ending(a: &str, b: &str) -> usize {
    a.trim_start_matches("./")
        .rsplit('/')
        .zip(b.trim_start_matches("./").rsplit('/'))
        .take_while(|(x, y)| x == y)
        .count()
}

/// The patch figures of `diff` against the report's `snapshot`.
pub fn patch_coverage(diff: &Diff, snapshot: &Snapshot) -> Patch {
    let index = Index::new(snapshot);
    let mut files = Vec::new();
    for change in diff.files.iter().filter(|f| !f.added.is_empty()) {
        if matches!(change.kind, ChangeKind::Deleted | ChangeKind::Binary) {
            continue;
        }
        let path = change.path().to_owned();
        let Some(file) = index.find(&path) else {
            let not_measured = change.added.len() as u64;
            files.push(PatchFile {
                path,
                report_path: None,
                measured: 0,
                covered: 0,
                percent: None,
                uncovered_lines: Vec::new(),
                not_measured,
                branches: None,
            });
            continue;
        };
        let states = line_states(file);
        let (mut measured, mut covered, mut not_measured) = (0u64, 0u64, 0u64);
        let mut uncovered_lines = Vec::new();
        for &line in &change.added {
            match states.binary_search_by_key(&line, |s| s.0) {
                Ok(at) => {
                    measured += 1;
                    if states[at].1 {
                        covered += 1;
                    } else {
                        uncovered_lines.push(line);
                    }
                }
                Err(_) => not_measured += 1,
            }
        }
        let branches = file.recorded.branches.then(|| {
            let on_changed = file.branches.iter().filter(|b| change.added.binary_search(&b.line).is_ok());
            on_changed.fold((0, 0), |(taken, all), b| (taken + u64::from(b.taken().is_some_and(|t| t > 0)), all + 1))
        });
        files.push(PatchFile {
            path,
            report_path: Some(file.path.clone()),
            measured,
            covered,
            percent: percent(covered, measured),
            uncovered_lines,
            not_measured,
            branches,
        });
    }
    let sum = |f: fn(&PatchFile) -> u64| files.iter().map(f).sum::<u64>();
    let (measured, covered, not_measured) = (sum(|f| f.measured), sum(|f| f.covered), sum(|f| f.not_measured));
    let branches = files.iter().filter_map(|f| f.branches).reduce(|a, b| (a.0 + b.0, a.1 + b.1));
    Patch {
        measured,
        covered,
        percent: percent(covered, measured),
        not_measured,
        changed: diff.n_added(),
        branches,
        files,
    }
}

fn percent(covered: u64, measured: u64) -> Option<f64> {
    (measured > 0).then(|| covered as f64 * 100.0 / measured as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_by_their_longest_common_ending() {
        // (report path, diff path, components in common)
        let cases = [
            ("pkg/util.py", "src/pkg/util.py", 2),
            ("src/pkg/util.py", "src/pkg/util.py", 3),
            ("other/util.py", "src/pkg/util.py", 1),
            ("./pkg/util.py", "pkg/util.py", 2),
            ("util.py", "tutil.py", 0),
        ];
        for (report, diff, common) in cases {
            assert_eq!(common_ending(report, diff), common, "{report} ~ {diff}");
        }
    }
}
