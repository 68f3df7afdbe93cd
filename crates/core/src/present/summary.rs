//! The per-package and total figures the CLI's `summary` prints, as text or JSON.

use serde::Serialize;

use crate::analysis::{self, OverallMethod};
use crate::model::{Counts, Coverage, Metric, Snapshot};
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
    packages.sort_by(|a, b| a.name.cmp(&b.name));
    let note = match overall.method {
        OverallMethod::MeanOfPackages { .. } => {
            Some(format!("total: {}", super::dashboard::describe_method(overall.method)))
        }
        _ => None,
    };
    Summary { format: format.to_owned(), metric: metric.plural(), total, packages, note }
}

/// The summary as an aligned table.
pub fn summary_text(summary: &Summary) -> String {
    let rows: Vec<[String; 4]> = summary
        .packages
        .iter()
        .map(|p| row(if p.name.is_empty() { "(root)" } else { &p.name }, p.figure))
        .chain(std::iter::once(row("total", summary.total)))
        .collect();
    let header = ["package".to_owned(), "covered".to_owned(), summary.metric.to_owned(), "percent".to_owned()];
    let mut widths = header.clone().map(|h| h.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &[String; 4]| {
        format!(
            "{:<w0$}  {:>w1$}  {:>w2$}  {:>w3$}\n",
            cells[0],
            cells[1],
            cells[2],
            cells[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3]
        )
    };
    let mut out = line(&header);
    for (idx, cells) in rows.iter().enumerate() {
        if idx + 1 == rows.len() {
            out.push_str(&format!("{}\n", "-".repeat(widths.iter().sum::<usize>() + 6)));
        }
        out.push_str(&line(cells));
    }
    if let Some(note) = &summary.note {
        out.push_str(&format!("({})\n", covdash_protocol::escape::terminal(note)));
    }
    out
}

fn row(name: &str, figure: Figure) -> [String; 4] {
    let count = |n: Option<u64>| n.map_or("-".to_owned(), format_count);
    let percent = figure.percent.and_then(crate::model::Percent::new);
    // Names in full (the table is what a script greps), but never acting on the terminal.
    [
        covdash_protocol::escape::terminal(name).into_owned(),
        count(figure.covered),
        count(figure.total),
        format_percent(percent),
    ]
}
