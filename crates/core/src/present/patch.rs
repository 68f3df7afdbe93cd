//! What `covdash patch` prints: each changed file's patch figures and the total, as an
//! aligned table or as JSON.

use serde::Serialize;

use super::files::lines_text;
use super::table::{Cell, Layout, Table};
use crate::analysis::Patch;
use crate::model::Percent;
use covdash_protocol::escape;
use covdash_protocol::format::{format_count, format_percent};

/// `covdash patch --json`: exactly these fields, percentages at full precision, `null` where
/// no changed line is measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatchJson<'a> {
    pub measured: u64,
    pub covered: u64,
    pub percent: Option<f64>,
    pub not_measured: u64,
    pub files: Vec<PatchFileJson<'a>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatchFileJson<'a> {
    pub path: &'a str,
    pub measured: u64,
    pub covered: u64,
    pub percent: Option<f64>,
    pub uncovered_lines: &'a [u32],
}

pub fn patch_json(patch: &Patch) -> PatchJson<'_> {
    PatchJson {
        measured: patch.measured,
        covered: patch.covered,
        percent: patch.percent,
        not_measured: patch.not_measured,
        files: patch
            .files
            .iter()
            .map(|f| PatchFileJson {
                path: &f.path,
                measured: f.measured,
                covered: f.covered,
                percent: f.percent,
                uncovered_lines: &f.uncovered_lines,
            })
            .collect(),
    }
}

/// A figure as the table prints it: one decimal, `n/a` for none.
fn shown(percent: Option<f64>) -> String {
    format_percent(percent.and_then(Percent::new))
}

/// The table `covdash patch` prints: a row per changed file, then the total and the changed
/// lines the report does not measure. Paths are shown safe for a terminal.
pub fn patch_text(patch: &Patch) -> String {
    let mut table = Table::default();
    let header = ["measured", "covered", "percent"].map(Cell::right);
    table.push([vec![Cell::left("file")], header.to_vec(), vec![Cell::left("not covered")]].concat());
    for f in &patch.files {
        let note =
            if f.report_path.is_none() { "(not in the report)".to_owned() } else { lines_text(&f.uncovered_lines) };
        table.push(vec![
            Cell::left(escape::elide(&f.path, 60)),
            Cell::right(format_count(f.measured)),
            Cell::right(format_count(f.covered)),
            Cell::right(shown(f.percent)),
            Cell::left(note),
        ]);
    }
    table.rule();
    table.push(vec![
        Cell::left("total"),
        Cell::right(format_count(patch.measured)),
        Cell::right(format_count(patch.covered)),
        Cell::right(shown(patch.percent)),
    ]);
    let mut out = table.render(Layout { indent: 0, width: None, color: false });
    if patch.not_measured > 0 {
        let n = patch.not_measured;
        out.push_str(&super::phrases::not_measured(n));
        out.push('\n');
    }
    if patch.measured == 0 {
        out.push_str("no changed line is measured: there is no patch figure\n");
    }
    out
}
