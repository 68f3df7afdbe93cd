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

/// Whether each of the changed lines `added` (ascending) is measured and ran: `None` when the
/// file does not measure it. A line ran if any reading of it says so (merged parts record a
/// line twice). Where the tool records blocks (Go), a line is measured if a block with
/// statements spans it, and ran if one of those blocks ran; only the changed lines are looked
/// at, so a block spanning millions of lines costs no more than a short one.
fn changed_line_states(file: &FileCoverage, added: &[u32]) -> Vec<Option<bool>> {
    let mut states = vec![None; added.len()];
    let mut mark = |at: usize, ran: bool| {
        let state: &mut Option<bool> = &mut states[at];
        *state = Some(state.unwrap_or(false) || ran);
    };
    if file.lines.is_empty() {
        for block in file.blocks.iter().filter(|b| b.statements > 0) {
            let (first, last) = (block.start.0, block.end.0.max(block.start.0));
            let from = added.partition_point(|&line| line < first);
            let to = added.partition_point(|&line| line <= last);
            for at in from..to {
                mark(at, block.hits > 0);
            }
        }
    } else {
        for line in &file.lines {
            if let Ok(at) = added.binary_search(&line.line) {
                mark(at, line.hits > 0);
            }
        }
    }
    states
}

/// For each of `paths` (a diff's), the report file whose path shares the longest ending with
/// it, by whole components; of two ending alike as far, the shorter path, then the first in
/// byte order. The diff's paths are indexed by every ending (`src/pkg/util.py` under itself,
/// `pkg/util.py` and `util.py`), and each report file looks its own endings up there, once its
/// name is found: the cost grows with the report's files, not with their product with the
/// diff's, however many files share a name.
pub(crate) fn match_paths<'a>(paths: &[&str], snapshot: &'a Snapshot) -> Vec<Option<&'a FileCoverage>> {
    let mut by_ending: HashMap<&str, Vec<usize>> = HashMap::new();
    for (at, path) in paths.iter().enumerate() {
        for ending in endings(path) {
            by_ending.entry(ending).or_default().push(at);
        }
    }
    // The best so far for each path: components in common, and the file.
    let mut best: Vec<Option<(usize, &FileCoverage)>> = vec![None; paths.len()];
    let better = |(n, file): (usize, &FileCoverage), than: Option<(usize, &FileCoverage)>| match than {
        None => true,
        Some((m, other)) => {
            (n, std::cmp::Reverse(file.path.len()), std::cmp::Reverse(&file.path))
                > (m, std::cmp::Reverse(other.path.len()), std::cmp::Reverse(&other.path))
        }
    };
    for file in snapshot.files() {
        let name = endings(&file.path).last();
        if !name.is_some_and(|name| by_ending.contains_key(name)) {
            continue;
        }
        for ending in endings(&file.path) {
            let Some(ats) = by_ending.get(ending) else { continue };
            let n = ending.split('/').count();
            for &at in ats {
                if better((n, file), best[at]) {
                    best[at] = Some((n, file));
                }
            }
        }
    }
    best.into_iter().map(|b| b.map(|(_, file)| file)).collect()
}

/// The endings of `path` made of whole components, longest first, ignoring a leading `./`.
fn endings(path: &str) -> impl Iterator<Item = &str> {
    let path = path.trim_start_matches("./");
    std::iter::once(path).chain(path.match_indices('/').map(move |(at, _)| &path[at + 1..])).filter(|e| !e.is_empty())
}

/// The patch figures of `diff` against the report's `snapshot`.
pub fn patch_coverage(diff: &Diff, snapshot: &Snapshot) -> Patch {
    let changes: Vec<_> = diff
        .files
        .iter()
        .filter(|f| !f.added.is_empty() && !matches!(f.kind, ChangeKind::Deleted | ChangeKind::Binary))
        .collect();
    let found = match_paths(&changes.iter().map(|c| c.path()).collect::<Vec<_>>(), snapshot);
    let mut files = Vec::new();
    for (change, found) in changes.into_iter().zip(found) {
        let path = change.path().to_owned();
        let Some(file) = found else {
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
        let (mut measured, mut covered, mut not_measured) = (0u64, 0u64, 0u64);
        let mut uncovered_lines = Vec::new();
        for (&line, state) in change.added.iter().zip(changed_line_states(file, &change.added)) {
            match state {
                Some(true) => {
                    measured += 1;
                    covered += 1;
                }
                Some(false) => {
                    measured += 1;
                    uncovered_lines.push(line);
                }
                None => not_measured += 1,
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
    fn a_diff_path_finds_the_report_file_with_the_longest_common_ending() {
        let report =
            ["pkg/util.py", "other/util.py", "./lib/pkg/util.py", "src/deep/pkg/util.py", "tutil.py", "a/b.py"];
        let files = report.iter().map(|path| {
            let mut file = FileCoverage::default();
            file.path = (*path).to_owned();
            file
        });
        let snapshot = Snapshot::new(String::new(), None, crate::model::packages_from_files(files.collect()));
        // (diff path, the report file it is)
        let cases = [
            ("src/deep/pkg/util.py", Some("src/deep/pkg/util.py")),
            // Two end in `lib/pkg/util.py`'s two last components: the shorter path.
            ("x/pkg/util.py", Some("pkg/util.py")),
            ("other/util.py", Some("other/util.py")),
            ("lib/pkg/util.py", Some("./lib/pkg/util.py")),
            ("./a/b.py", Some("a/b.py")),
            // Only whole components: `util.py` is not `tutil.py`'s ending.
            ("nowhere/x/util.py", Some("pkg/util.py")),
            ("til.py", None),
            ("b.py/", None),
        ];
        let paths: Vec<&str> = cases.iter().map(|c| c.0).collect();
        let found: Vec<Option<&str>> =
            match_paths(&paths, &snapshot).iter().map(|f| f.map(|f| f.path.as_str())).collect();
        assert_eq!(found, cases.iter().map(|c| c.1).collect::<Vec<_>>());
    }
}
