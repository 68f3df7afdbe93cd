//! coverage.py's JSON report (`coverage json`): formats 2 and 3 and the unnumbered files of
//! coverage.py 5 and 6.
//!
//! Refs: coverage.py `coverage/jsonreport.py` and `coverage/results.py`, and
//! `../shared/research/formats.md` §7.
//!
//! Statements are read as lines (coverage.py's `executed_lines` and `missing_lines`), as its
//! LCOV and Cobertura writers do, so that one project's reports in any of the three formats
//! agree; they are statements too (one a line), since coverage.py's own report calls them so
//! ("Stmts"), and `--metric statements` gives the same figures. Branches are the arcs of `executed_branches` and `missing_branches`; files of
//! coverage.py before 6.5 have no arcs, and their `summary` branch figures are used instead.
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
    normalize_path, sort_by, Block, BranchHit, BranchId, Counts, FileCoverage, LineCounts, LineHit, Metric, Recorded,
    Timestamp,
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
    executed_branches: Option<Vec<(f64, f64)>>,
    missing_branches: Option<Vec<(f64, f64)>>,
    #[serde(default)]
    summary: Summary,
    functions: Option<HashMap<String, Region>>,
}

/// An arc's destination as a branch identity: coverage.py writes exits as negative lines.
fn arc_id(to: f64) -> BranchId {
    let exit = to < 0.0;
    BranchId::numbered(u8::from(exit), 0, number(Some(to.abs())))
}

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
        Some(Text::Text(text)) => Timestamp::parse_zoneless(text),
        _ => None,
    };
    Ok(json::report_of(Format::CoveragePy, files, Metric::Lines, "the coverage.py report lists no file")?
        .written_at(written))
}
