//! The dashboard's view of one snapshot.

use crate::analysis::{self, short_names, OverallMethod};
use covdash_protocol::format::{count_of, format_count, format_percent, rounded_percent};
use covdash_protocol::view::*;

use super::phrases::Skipped;
use crate::formats::{Diagnostic, Parsed, ParsedDiff};
use crate::model::{Coverage, Percent, Report, Settings, Timestamp};

/// The metrics of `report` with the overall figure of its snapshot `selected` by each.
fn metric_choices(report: &Report, selected: usize) -> Vec<MetricChoice> {
    let Some(snapshot) = report.snapshots.get(selected) else {
        return Vec::new();
    };
    report
        .recorded_metrics()
        .into_iter()
        .map(|metric| MetricChoice {
            metric,
            label: metric.label().to_owned(),
            overall: format_percent(analysis::overall(snapshot, metric).percent),
            selected: metric == report.metric,
        })
        .collect()
}

/// What was skipped or repaired while reading `files` (name, parse result): a sentence per
/// file, then each reason the reader kept on a line of its own, and how many it did not keep;
/// `None` when everything was read. (The page shows the first lines and folds the rest.) The
/// names and the records quoted are made [visible]: a record may hold any byte.
pub fn problems(files: &[(&str, &Parsed)], diff: Option<(&str, &ParsedDiff)>) -> Option<String> {
    let said = files.iter().map(|(name, p)| (*name, p.n_diagnostics, p.diagnostics.as_slice(), Skipped::of(p.format)));
    let diff = diff.map(|(name, d)| (name, d.n_diagnostics, d.diagnostics.as_slice(), Skipped::Records));
    problems_of(said.chain(diff))
}

/// As [`problems`], of each file's name, how many things were skipped, repaired or read past in
/// it, the reasons kept, and what they are: an organisation's index and histories as much as a
/// report's files.
pub fn problems_of<'a>(said: impl Iterator<Item = (&'a str, u64, &'a [Diagnostic], Skipped)>) -> Option<String> {
    let mut text = String::new();
    for (name, n, diagnostics, what) in said.filter(|(_, n, ..)| *n > 0) {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&super::phrases::skipped(&visible(name), n, what));
        for diagnostic in diagnostics {
            text.push('\n');
            text.push_str(&visible(&diagnostic.to_string()));
        }
        let unlisted = n.saturating_sub(diagnostics.len() as u64);
        if unlisted > 0 {
            text.push_str(&format!("\nand {} more", format_count(unlisted)));
        }
    }
    (!text.is_empty()).then_some(text)
}

/// The view of one snapshot of `report` (the latest when `snapshot` is `None` or out of range),
/// its data read `from` the files so named.
pub fn dashboard(report: &Report, settings: &Settings, from: &str, snapshot: Option<usize>) -> DashboardView {
    let n_snapshots = report.snapshots.len();
    let selected = snapshot.filter(|idx| *idx < n_snapshots).unwrap_or(n_snapshots.saturating_sub(1));
    // Each snapshot's overall figure, once, for the tabs and the trend.
    let overalls: Vec<Option<Percent>> =
        report.snapshots.iter().map(|s| analysis::overall(s, report.metric).percent).collect();
    let tabs = snapshot_tabs(report, selected, &overalls);
    let Some(snapshot) = report.snapshots.get(selected) else {
        return DashboardView {
            rows: Rows::Packages,
            title: title_of(report, from),
            names: visible(from),
            snapshot_label: String::new(),
            snapshot_time: None,
            overall: OverallView {
                value: None,
                text: format_percent(None),
                method: "no snapshots".to_owned(),
                tier: None,
            },
            packages: std::rc::Rc::from([]),
            snapshots: tabs,
            metrics: Vec::new(),
            trend: None,
            movers: Vec::new(),
            refs: Vec::new(),
            left_out: None,
        };
    };
    let overall = analysis::overall(snapshot, report.metric);
    let overall = OverallView {
        value: overall.percent.map(rounded_percent),
        text: format_percent(overall.percent),
        method: describe_method(overall.method),
        tier: overall.percent.map(|p| TierView::of(&settings.tiers, p)),
    };
    let names = short_names(snapshot.packages.iter().map(|p| p.name.as_str()));
    let sparks = super::trend::sparklines(report, selected);
    let packages = analysis::ranked_packages(snapshot, report.metric)
        .into_iter()
        .map(|standing| PackageRow {
            key: standing.name.to_owned(),
            name: visible(names.get(standing.name).map_or(standing.name, String::as_str)),
            full_name: visible(standing.name),
            value: standing.percent.map(rounded_percent),
            text: format_percent(standing.percent),
            counts: standing
                .coverage
                .and_then(Coverage::counts)
                .map(|c| format!("{} of {} {}", format_count(c.covered()), format_count(c.total()), report.metric)),
            tier: standing.percent.map(|p| TierView::of(&settings.tiers, p)),
            n_files: standing.n_files,
            spark: sparks.get(standing.name).cloned(),
            dashboard: false,
            uncovered: standing.coverage.and_then(Coverage::counts).map(|c| c.missed()),
            changes: Vec::new(),
            history: None,
        })
        .collect();
    DashboardView {
        rows: Rows::Packages,
        title: title_of(report, from),
        names: visible(from),
        snapshot_label: visible(&snapshot.label),
        snapshot_time: snapshot.timestamp.map(short_time),
        overall,
        packages,
        snapshots: tabs,
        metrics: metric_choices(report, selected),
        trend: super::trend::trend(report, settings, selected, &overalls),
        movers: super::trend::movers(report, selected),
        refs: Vec::new(),
        left_out: report.left_out.get(selected).map(|l| visible(&super::phrases::left_out(l, &|g| g.to_owned()))),
    }
}

/// "2025-12-18T12:30:00Z" → "2025-12-18 12:30 UTC".
pub(super) fn short_time(timestamp: Timestamp) -> String {
    let text = timestamp.to_string();
    format!("{} {}", &text[..10], clock(timestamp))
}

/// "2025-12-18T12:30:00Z" → "12:30 UTC"; a local time, whose zone is not known, "12:30".
pub(super) fn clock(timestamp: Timestamp) -> String {
    let time = &timestamp.to_string()[11..16];
    if timestamp.is_local() {
        time.to_owned()
    } else {
        format!("{time} UTC")
    }
}

/// One tab per snapshot, with its overall figure and the change from the one before.
fn snapshot_tabs(report: &Report, selected: usize, overalls: &[Option<Percent>]) -> Vec<SnapshotTab> {
    report
        .snapshots
        .iter()
        .enumerate()
        .map(|(index, snapshot)| {
            let previous = index.checked_sub(1).and_then(|idx| overalls[idx]);
            let change = match (previous, overalls[index]) {
                (Some(before), Some(after)) => {
                    Some(format!("{} pts", super::phrases::points_between(before.value(), after.value())))
                }
                _ => None,
            };
            SnapshotTab {
                index,
                label: visible(&snapshot.label),
                time: snapshot.timestamp.map(short_time),
                overall: format_percent(overalls[index]),
                change,
                selected: index == selected,
            }
        })
        .collect()
}

fn title_of(report: &Report, from: &str) -> String {
    visible(report.title.as_deref().unwrap_or(from))
}

/// A name from the data as the page shows it: control and reordering characters as visible
/// escapes, so that a right-to-left override cannot make one name read as another.
pub(super) use covdash_protocol::escape::visible;

pub(super) fn describe_method(method: OverallMethod) -> String {
    match method {
        OverallMethod::Weighted { metric, counts, n_packages } => format!(
            "{} of {} {metric} covered in {}",
            format_count(counts.covered()),
            format_count(counts.total()),
            count_of(n_packages as u64, "package")
        ),
        OverallMethod::MeanOfPackages { metric, n_packages, n_without_counts } if n_without_counts >= n_packages => {
            format!("mean of {}, no {} counts", count_of(n_packages as u64, "package"), metric.singular())
        }
        OverallMethod::MeanOfPackages { metric, n_packages, n_without_counts } => format!(
            "mean of {}, {n_without_counts} without {} counts",
            count_of(n_packages as u64, "package"),
            metric.singular()
        ),
        OverallMethod::NoData => "no package has anything to count".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_directories_are_dropped_from_names() {
        // (full names, shown names)
        let cases: [(&[&str], &[&str]); 7] = [
            (&["/home/me/src", "/home/me/src/util"], &["src", "src/util"]),
            (&["example.com/m/calc", "example.com/m/cmd/app"], &["calc", "cmd/app"]),
            (&["example.com/m/calc", "example.com/m/calc/deep"], &["calc", "calc/deep"]),
            (&["sdk/agent", "storage", "sdk/cli"], &["sdk/agent", "storage", "sdk/cli"]),
            (&["/home/dev/work/c/src"], &["src"]),
            (&["", "pkg"], &["(root)", "pkg"]),
            (&["C:/temp", "C:/temp/sub"], &["temp", "temp/sub"]),
        ];
        for (full, shown) in cases {
            let names = short_names(full.iter().copied());
            let got: Vec<&str> = full.iter().map(|n| names[n].as_str()).collect();
            assert_eq!(got, shown, "{full:?}");
        }
    }

    #[test]
    fn tones_spread_over_the_tiers() {
        let tones = |n: usize| (0..n).map(|idx| Tone::of(idx, n).as_str()).collect::<Vec<_>>();
        assert_eq!(tones(1), ["top"]);
        assert_eq!(tones(2), ["top", "bottom"]);
        assert_eq!(tones(3), ["top", "middle", "bottom"]);
        assert_eq!(tones(5), ["top", "high", "middle", "low", "bottom"]);
        assert_eq!(tones(7), ["top", "high", "high", "middle", "low", "low", "bottom"]);
    }
}
