//! coverage.py's JSON report (`coverage json`): formats 2 and 3 and the unnumbered files of
//! coverage.py 5 and 6.
//!
//! Refs: coverage.py `coverage/jsonreport.py` and `coverage/results.py`, and
//! `../shared/research/formats.md` §7.
//!
//! Statements are read as lines (coverage.py's `executed_lines` and `missing_lines`), as its
//! LCOV and Cobertura writers do, so that one project's reports in any of the three formats
//! agree; they are statements too (one a line), since coverage.py's own report calls them so
//! ("Stmts"), and `--metric statements` gives the same figures. Branches are the arcs of
//! `executed_branches` and `missing_branches`, and those coverage.py counts without listing them
//! ([`unlisted_arcs`]); files of coverage.py before 6.5 have no arcs, and their `summary`
//! branch figures are used instead.
//! Functions come from format 3's `functions` regions: a function ran when one of its
//! statements did; the module-level region `""` and regions without statements (excluded with
//! `pragma: no cover`) are not functions. coverage.py's own "Cover" column mixes statements and
//! branches into one figure; covdash keeps them apart.

use std::collections::HashMap;

use serde::de::IgnoredAny;
use serde::Deserialize;

use super::json::{self, count, number};
use super::{Format, ParseError, Parsed};
use crate::model::{
    normalize_path, sort, sort_by, Block, BranchHit, BranchId, Counts, FileCoverage, LineCounts, LineHit, Metric,
    Recorded, Timestamp,
};

#[derive(Deserialize)]
struct Document {
    #[serde(default)]
    meta: Meta,
    files: HashMap<String, PyFile>,
}

#[derive(Deserialize, Default)]
struct Meta {
    /// When the report was written, in the machine's local time without a zone.
    #[serde(default)]
    timestamp: Option<Text>,
}

/// A value read only when it is text: anything else is passed over, not an error.
#[derive(Deserialize)]
#[serde(untagged)]
enum Text {
    Text(String),
    Other(IgnoredAny),
}

#[derive(Deserialize, Default)]
struct Summary {
    num_branches: Option<f64>,
    covered_branches: Option<f64>,
    #[serde(default)]
    num_statements: f64,
    #[serde(default)]
    covered_lines: f64,
}

#[derive(Deserialize)]
struct Region {
    #[serde(default)]
    summary: Summary,
    start_line: Option<f64>,
    #[serde(default)]
    executed_lines: Vec<f64>,
    #[serde(default)]
    missing_lines: Vec<f64>,
}

#[derive(Deserialize)]
struct PyFile {
    #[serde(default)]
    executed_lines: Vec<f64>,
    #[serde(default)]
    missing_lines: Vec<f64>,
    executed_branches: Option<Vec<Arc>>,
    missing_branches: Option<Vec<Arc>>,
    #[serde(default)]
    summary: Summary,
    functions: Option<HashMap<String, Region>>,
}

/// An arc's destination as a branch identity: coverage.py writes exits as negative lines.
fn arc_id(to: f64) -> BranchId {
    let exit = to < 0.0;
    BranchId::numbered(u8::from(exit), 0, number(Some(to.abs())))
}

/// The arcs coverage.py counts but does not list. An arc not taken from a line marked
/// `pragma: no branch` (its `partial_branches`) is in neither `executed_branches` nor
/// `missing_branches`, yet counted, as covered: the file's `summary` then says more than the
/// arcs. A branch line has two arcs or more, so a line with one listed arc has the others
/// unlisted: where the unlisted arcs are one on each such line, each is added there, taken (as
/// coverage.py's Cobertura writes the line, "100% (2/2)"); otherwise (a marked line that never
/// ran lists no arc at all) the summary's figures are stated for the file.
fn unlisted_arcs(file: &mut FileCoverage, (covered, total): (u64, u64), (executed, missing): (&[Arc], &[Arc])) {
    let listed = (executed.len() + missing.len()) as u64;
    if (covered, total) == (executed.len() as u64, listed) {
        return;
    }
    let mut arcs_from: Vec<u32> = executed.iter().chain(missing).map(|(from, _)| number(Some(*from))).collect();
    sort(&mut arcs_from);
    let single: Vec<u32> =
        arcs_from.chunk_by(|a, b| a == b).filter(|arcs| arcs.len() == 1).map(|arcs| arcs[0]).collect();
    let unlisted = total.saturating_sub(listed);
    if unlisted == single.len() as u64 && covered.checked_sub(executed.len() as u64) == Some(unlisted) {
        for line in single {
            file.branches.push(BranchHit::new(line, BranchId::numbered(UNLISTED, 0, 0), Some(1)));
        }
    } else {
        file.state(Metric::Branches, Counts::at_most(covered, total));
    }
}

/// An arc as coverage.py writes one: from a line to a line (negative: an exit).
type Arc = (f64, f64);

/// The block of the branch identities given to arcs coverage.py counts but does not list
/// ([`unlisted_arcs`]); listed arcs are 0 (to a line) or 1 (an exit).
const UNLISTED: u8 = 2;

fn file_of(path: &str, py: PyFile) -> FileCoverage {
    let recorded = Recorded { lines: true, statements: true, ..Recorded::default() };
    let mut file = FileCoverage::new(normalize_path(path), recorded);
    file.counts = LineCounts::RanOrNot;
    file.lines.extend(py.executed_lines.iter().map(|l| LineHit::new(number(Some(*l)), 1)));
    file.lines.extend(py.missing_lines.iter().map(|l| LineHit::new(number(Some(*l)), 0)));
    let statement = |line: &f64, hits: u64| {
        let line = number(Some(*line));
        Block { start: (line, 0), end: (line, 0), statements: 1, hits }
    };
    file.blocks.extend(py.executed_lines.iter().map(|l| statement(l, 1)));
    file.blocks.extend(py.missing_lines.iter().map(|l| statement(l, 0)));
    match (py.executed_branches, py.missing_branches) {
        (Some(executed), Some(missing)) => {
            file.recorded.branches = true;
            for ((from, to), taken) in executed.iter().map(|a| (a, 1)).chain(missing.iter().map(|a| (a, 0))) {
                file.branches.push(BranchHit::new(number(Some(*from)), arc_id(*to), Some(taken)));
            }
            if let (Some(total), Some(covered)) = (py.summary.num_branches, py.summary.covered_branches) {
                unlisted_arcs(&mut file, (count(covered), count(total)), (&executed, &missing));
            }
        }
        _ => {
            if let (Some(total), Some(covered)) = (py.summary.num_branches, py.summary.covered_branches) {
                let total = count(total);
                file.state(Metric::Branches, Counts::at_most(count(covered), total));
            }
        }
    }
    if let Some(functions) = py.functions {
        file.recorded.functions = true;
        let mut regions: Vec<(&String, &Region)> = functions.iter().filter(|(name, _)| !name.is_empty()).collect();
        sort_by(&mut regions, |a, b| a.0.cmp(b.0));
        for (name, region) in regions {
            let statements =
                region.summary.num_statements.max((region.executed_lines.len() + region.missing_lines.len()) as f64);
            if statements <= 0.0 {
                continue; // excluded from measurement: not a function coverage.py counts
            }
            let ran = region.summary.covered_lines > 0.0 || !region.executed_lines.is_empty();
            let line = region
                .start_line
                .map(|l| number(Some(l)))
                .or_else(|| region.executed_lines.iter().chain(&region.missing_lines).map(|l| number(Some(*l))).min())
                .unwrap_or(0);
            file.push_function(name, line, u64::from(ran));
        }
    }
    file.normalize();
    file
}

pub(crate) fn parse(bytes: &[u8]) -> Result<Parsed, ParseError> {
    let document: Document = json::read(bytes)?;
    let mut files: Vec<FileCoverage> = document.files.into_iter().map(|(path, py)| file_of(&path, py)).collect();
    sort_by(&mut files, |a, b| a.path.cmp(&b.path));
    let written = match &document.meta.timestamp {
        Some(Text::Text(text)) => Timestamp::parse_zoneless(text).ok(),
        _ => None,
    };
    Ok(json::report_of(Format::CoveragePy, files, Metric::Lines, "the coverage.py report lists no file")?
        .written_at(written))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The arcs coverage.py counts without listing them: on the lines with one listed arc where
    /// they are one a line, else as the file's figures. (file's arcs, its summary's covered and
    /// total, the branch figures read, the lines with branches and how many of each were taken)
    #[test]
    fn arcs_counted_but_not_listed_are_counted() {
        type Case = (&'static str, (u64, u64), &'static [(u32, usize, usize)]);
        let cases: [Case; 4] = [
            // Nothing unlisted.
            (
                r#""executed_branches": [[1, 2], [1, 3]], "missing_branches": [[4, 5], [4, -1]]"#,
                (2, 4),
                &[(1, 2, 2), (4, 2, 0)],
            ),
            // Line 7 is marked `pragma: no branch`: its arc not taken is unlisted.
            (r#""executed_branches": [[1, 2], [7, 8]], "missing_branches": [[1, 3]]"#, (3, 4), &[(1, 2, 1), (7, 2, 2)]),
            // Two lines with one arc each, two unlisted: one on each.
            (r#""executed_branches": [[1, 2], [7, 8]], "missing_branches": []"#, (4, 4), &[(1, 2, 2), (7, 2, 2)]),
            // A marked line that never ran lists no arc: its two are counted, not placed.
            (r#""executed_branches": [[1, 2]], "missing_branches": [[1, 3]]"#, (3, 4), &[(1, 2, 1)]),
        ];
        for (arcs, (covered, total), lines) in cases {
            let json = format!(
                r#"{{"meta": {{"format": 3, "branch_coverage": true}}, "files": {{"a.py": {{
                    "executed_lines": [1, 2, 7, 8], "missing_lines": [3], {arcs},
                    "summary": {{"num_branches": {total}, "covered_branches": {covered}}}}}}}}}"#
            );
            let parsed = parse(json.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
            let file = &parsed.report.snapshots[0].packages[0].files[0];
            assert_eq!(
                file.counts(Metric::Branches).map(|c| (c.covered(), c.total())),
                Some((covered, total)),
                "{arcs}"
            );
            let mut read: Vec<(u32, usize, usize)> = Vec::new();
            for branch in &file.branches {
                let taken = usize::from(branch.taken().is_some_and(|t| t > 0));
                match read.last_mut() {
                    Some((line, n, t)) if *line == branch.line => (*n, *t) = (*n + 1, *t + taken),
                    _ => read.push((branch.line, 1, taken)),
                }
            }
            assert_eq!(read, lines, "{arcs}");
        }
    }
}
