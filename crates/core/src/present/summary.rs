//! The per-package and total figures the CLI's `summary` prints, as text or JSON.

use serde::Serialize;

use super::table::{Cell, Layout, Table};
use crate::analysis::{self, OverallMethod};
use crate::model::{sort_by, Counts, Coverage, Metric, Snapshot};
use covdash_protocol::format::{format_count, format_percent};

/// One figure: counts where known, and the percentage at full precision (rounding is for
/// display). All three are `null` in JSON when there is nothing to count.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Figure {
    pub covered: Option<u64>,
    pub total: Option<u64>,
    pub percent: Option<f64>,
}

impl Figure {
    fn of(coverage: Option<Coverage>) -> Figure {
        let counts = coverage.and_then(Coverage::counts);
        Figure {
            covered: counts.map(|c| c.covered()),
            total: counts.map(|c| c.total()),
            percent: coverage.and_then(Coverage::percent).map(|p| p.value()),
        }
    }
}

/// A package's figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PackageFigure {
    pub name: String,
    #[serde(flatten)]
    pub figure: Figure,
}

/// `covdash summary --json`: `{"format", "metric", "total", "packages"}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The detected format's id, e.g. `"lcov"`.
    pub format: String,
    pub metric: &'static str,
    pub total: Figure,
    /// Sorted by name; a package with no figure for the metric has `null`s.
    pub packages: Vec<PackageFigure>,
    /// How the total was obtained, when it is not a sum of counts (text output only).
    #[serde(skip)]
    pub note: Option<String>,
    /// What `--exclude` and `--include` left out, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left_out: Option<crate::model::LeftOut>,
}

/// The summary of `snapshot` for `metric`.
pub fn summary(format: &str, snapshot: &Snapshot, metric: Metric) -> Summary {
    let overall = analysis::overall(snapshot, metric);
    let all_counts: Option<Vec<Counts>> =
        snapshot.packages.iter().filter_map(|p| p.coverage(metric)).map(Coverage::counts).collect();
    let total = match (overall.method, all_counts) {
        (OverallMethod::Weighted { counts, .. }, _) => Figure::of(Some(Coverage::Counts(counts))),
        // Counts everywhere, but nothing to count: 0 of 0, and no percentage.
        (OverallMethod::NoData, Some(all)) if !all.is_empty() => {
            Figure { covered: Some(0), total: Some(0), percent: None }
        }
        _ => Figure { covered: None, total: None, percent: overall.percent.map(|p| p.value()) },
    };
    // Every package, those with no figure for the metric included (as the page lists them).
    let mut packages: Vec<PackageFigure> = snapshot
        .packages
        .iter()
        .map(|p| PackageFigure { name: p.name.clone(), figure: Figure::of(p.coverage(metric)) })
        .collect();
    sort_by(&mut packages, |a, b| a.name.cmp(&b.name));
    let note = match overall.method {
        OverallMethod::MeanOfPackages { .. } => {
            Some(format!("total: {}", super::dashboard::describe_method(overall.method)))
        }
        _ => None,
    };
    Summary { format: format.to_owned(), metric: metric.plural(), total, packages, note, left_out: None }
}

/// The summary as an aligned table: a row per package, a rule, the total.
pub fn summary_text(summary: &Summary) -> String {
    let mut table = Table::default();
    table.push(vec![
        Cell::left("package"),
        Cell::right("covered"),
        Cell::right(summary.metric),
        Cell::right("percent"),
    ]);
    for p in &summary.packages {
        table.push(row(crate::analysis::shown_package(&p.name), p.figure));
    }
    table.rule();
    table.push(row("total", summary.total));
    let mut out = table.render(Layout { indent: 0, width: None, color: false });
    if let Some(note) = &summary.note {
        out.push_str(&format!("({})\n", covdash_protocol::escape::terminal(note)));
    }
    if let Some(left_out) = &summary.left_out {
        let said = super::phrases::left_out(left_out, &|g| g.to_owned());
        out.push_str(&format!("({})\n", covdash_protocol::escape::terminal(&said)));
    }
    out
}

/// Names in full (the table is what a script greps), made safe by the table.
fn row(name: &str, figure: Figure) -> Vec<Cell> {
    let count = |n: Option<u64>| n.map_or("-".to_owned(), format_count);
    let percent = figure.percent.and_then(crate::model::Percent::new);
    vec![
        Cell::left(name),
        Cell::right(count(figure.covered)),
        Cell::right(count(figure.total)),
        Cell::right(format_percent(percent)),
    ]
}
