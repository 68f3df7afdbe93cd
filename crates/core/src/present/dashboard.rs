//! The dashboard's view of one snapshot.

use super::format::{format_count, format_percent, rounded_percent};
use crate::analysis::{self, short_names, OverallMethod};

use crate::formats::{Parsed, ParsedDiff};
use crate::model::{Coverage, Metric, Percent, Report, Settings, Tiers, Timestamp};

/// A tier's colour family, from the best to the worst. Tiers are spread over these five by
/// their rank, so three tiers get `Top`, `Middle` and `Bottom`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Tone {
    Top,
    High,
    Middle,
    Low,
    Bottom,
}

impl Tone {
    const ALL: [Tone; 5] = [Tone::Top, Tone::High, Tone::Middle, Tone::Low, Tone::Bottom];

    pub(crate) fn of(tier_idx: usize, n_tiers: usize) -> Tone {
        if n_tiers <= 1 {
            return Tone::Top;
        }
        let last = Tone::ALL.len() - 1;
        // Round to the nearest of the five tones.
        let idx = (tier_idx * last * 2 + (n_tiers - 1)) / ((n_tiers - 1) * 2);
        Tone::ALL[idx.min(last)]
    }

    /// The CSS class that colours an element by `tone` (`styles/tokens.css`; the HTML report
    /// has the same classes): `tone-top` … `tone-bottom`, `tone-none` without one.
    pub fn class(tone: Option<Tone>) -> &'static str {
        match tone {
            Some(Tone::Top) => "tone-top",
            Some(Tone::High) => "tone-high",
            Some(Tone::Middle) => "tone-middle",
            Some(Tone::Low) => "tone-low",
            Some(Tone::Bottom) => "tone-bottom",
            None => "tone-none",
        }
    }

    /// A stable name for the tone, used in CSS class names.
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Top => "top",
            Tone::High => "high",
            Tone::Middle => "middle",
            Tone::Low => "low",
            Tone::Bottom => "bottom",
        }
    }
}

/// A tier as shown: its name and its colour family.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TierView {
    pub name: String,
    pub tone: Tone,
}

impl TierView {
    fn of(tiers: &Tiers, percent: Percent) -> TierView {
        let idx = tiers.index_of(percent);
        TierView { name: visible(&tiers.as_slice()[idx].name), tone: Tone::of(idx, tiers.as_slice().len()) }
    }
}

/// The overall figure of the snapshot shown.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OverallView {
    /// The rounded figure, as given to `aria-valuenow`; `None` when there is no data.
    pub value: Option<f64>,
    /// `"81.1%"` or `"n/a"`.
    pub text: String,
    /// How the figure was obtained: `"mean of 8 packages, no statement counts"`.
    pub method: String,
    pub tier: Option<TierView>,
}

/// One package's row.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PackageRow {
    /// Unique within the view; stable across snapshots, so rows animate from their own values.
    pub key: String,
    /// The name shown: the package's full name less the prefix all packages share.
    pub name: String,
    /// The package's full name (an import path, a directory as the tool wrote it).
    pub full_name: String,
    /// The rounded figure, as given to `aria-valuenow`; `None` when there is nothing to count.
    pub value: Option<f64>,
    /// `"78.3%"` or `"n/a"`.
    pub text: String,
    /// `"94 of 120 statements"` when the source has counts.
    pub counts: Option<String>,
    pub tier: Option<TierView>,
    /// How many files the package has (0 when the source has package figures only).
    pub n_files: usize,
    /// Its figures in the last snapshots up to the one shown, oldest first, for a sparkline;
    /// `None` for a single snapshot.
    pub spark: Option<std::rc::Rc<[Option<f32>]>>,
}

/// Some of a view's package rows: those whose full name contains a filter, the first few.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PackageRows {
    /// Each row with its place in the whole list (for ids and the staggered animation).
    pub rows: Vec<(usize, PackageRow)>,
    /// Rows the filter matches, all of which the list could show.
    pub n_matching: usize,
    /// Rows in the view.
    pub n_total: usize,
}

impl PackageRows {
    /// The first `limit` of `rows` whose full name contains `filter`, ignoring case.
    pub fn of(rows: &[PackageRow], filter: &str, limit: usize) -> PackageRows {
        let needle = filter.trim().to_lowercase();
        let mut matching = rows
            .iter()
            .enumerate()
            .filter(|(_, row)| needle.is_empty() || row.full_name.to_lowercase().contains(&needle));
        let chosen: Vec<(usize, PackageRow)> = matching.by_ref().take(limit).map(|(i, r)| (i, r.clone())).collect();
        let n_matching = chosen.len() + matching.count();
        PackageRows { rows: chosen, n_matching, n_total: rows.len() }
    }
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DashboardView {
    pub title: String,
    /// The file the data came from.
    pub source: String,
    /// The label of the snapshot shown, e.g. `"Final"`.
    pub snapshot_label: String,
    /// Its time, `"2025-12-18 12:30 UTC"`, when known.
    pub snapshot_time: Option<String>,
    pub overall: OverallView,
    /// Highest coverage first; shared, since it is as long as the data is wide.
    pub packages: std::rc::Rc<[PackageRow]>,
    /// Every snapshot of the report, oldest first, one of them selected.
    pub snapshots: Vec<SnapshotTab>,
    /// The metrics the data has figures for, the one judged by selected; one choice when the
    /// data has one metric.
    pub metrics: Vec<MetricChoice>,
    /// The overall figure across the snapshots, for two or more.
    pub trend: Option<super::TrendView>,
    /// The packages that moved most, over each window the snapshots reach.
    pub movers: Vec<super::Movers>,
    /// The refs of a history with several, the one shown selected; empty otherwise.
    pub refs: Vec<super::RefChoice>,
}

/// A metric as offered in the metric switch, with the snapshot's overall figure by it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MetricChoice {
    pub metric: Metric,
    /// `"Branches"`.
    pub label: String,
    /// `"59.4%"`, or `"n/a"`.
    pub overall: String,
    pub selected: bool,
}

/// The metrics of `report` with the overall figure of its snapshot `selected` by each.
fn metric_choices(report: &Report, selected: usize) -> Vec<MetricChoice> {
    let Some(snapshot) = report.snapshots.get(selected) else {
        return Vec::new();
    };
    report
        .recorded_metrics()
        .into_iter()
        .map(|metric| {
            let plural = metric.plural();
            MetricChoice {
                metric,
                label: format!("{}{}", plural[..1].to_uppercase(), &plural[1..]),
                overall: format_percent(analysis::overall(snapshot, metric).percent),
                selected: metric == report.metric,
            }
        })
        .collect()
}

/// A snapshot as offered in the switcher.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SnapshotTab {
    pub index: usize,
    pub label: String,
    pub time: Option<String>,
    /// Its overall figure, `"80.1%"`.
    pub overall: String,
    /// The change of the overall figure from the snapshot before, `"+2.7 pts"`.
    pub change: Option<String>,
    pub selected: bool,
}

/// How many reasons for skipped records the page lists per file.
const SHOWN_PROBLEMS: usize = 3;

/// What was skipped or repaired while reading `files` (name, parse result), said in a
/// sentence per file with the first few reasons on lines of their own; `None` when
/// everything was read.
pub fn problems(files: &[(&str, &Parsed)], diff: Option<(&str, &ParsedDiff)>) -> Option<String> {
    let mut text = String::new();
    let said = files.iter().map(|(name, p)| (*name, p.n_diagnostics, &p.diagnostics));
    let said = said.chain(diff.map(|(name, d)| (name, d.n_diagnostics, &d.diagnostics)));
    for (name, n, diagnostics) in said.filter(|(_, n, _)| *n > 0) {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&format!("{name}: {n} record{} skipped or repaired", if n == 1 { "" } else { "s" }));
        for diagnostic in diagnostics.iter().take(SHOWN_PROBLEMS) {
            text.push_str(&format!("\n{diagnostic}"));
        }
        if n > SHOWN_PROBLEMS as u64 {
            text.push_str("\n…");
        }
    }
    (!text.is_empty()).then_some(text)
}

/// The view of one snapshot of `report` (the latest when `snapshot` is `None` or out of range).
pub fn dashboard(report: &Report, settings: &Settings, source: &str, snapshot: Option<usize>) -> DashboardView {
    let n_snapshots = report.snapshots.len();
    let selected = snapshot.filter(|idx| *idx < n_snapshots).unwrap_or(n_snapshots.saturating_sub(1));
    // Each snapshot's overall figure, once, for the tabs and the trend.
    let overalls: Vec<Option<Percent>> =
        report.snapshots.iter().map(|s| analysis::overall(s, report.metric).percent).collect();
    let tabs = snapshot_tabs(report, selected, &overalls);
    let Some(snapshot) = report.snapshots.get(selected) else {
        return DashboardView {
            title: title_of(report, source),
            source: visible(source),
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
        })
        .collect();
    DashboardView {
        title: title_of(report, source),
        source: visible(source),
        snapshot_label: visible(&snapshot.label),
        snapshot_time: snapshot.timestamp.map(short_time),
        overall,
        packages,
        snapshots: tabs,
        metrics: metric_choices(report, selected),
        trend: super::trend::trend(report, settings, selected, &overalls),
        movers: super::trend::movers(report, selected),
        refs: Vec::new(),
    }
}

/// "2025-12-18T12:30:00Z" → "2025-12-18 12:30 UTC".
pub(super) fn short_time(timestamp: Timestamp) -> String {
    let text = timestamp.to_string();
    format!("{} {} UTC", &text[..10], &text[11..16])
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
                    Some(format!("{} pts", super::phrases::points(after.value() - before.value())))
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

fn title_of(report: &Report, source: &str) -> String {
    visible(report.title.as_deref().unwrap_or(source))
}

/// A name from the data as the page shows it: control and reordering characters as visible
/// escapes, so that a right-to-left override cannot make one name read as another.
pub(super) fn visible(name: &str) -> String {
    super::escape::terminal(name).into_owned()
}

pub(super) fn describe_method(method: OverallMethod) -> String {
    match method {
        OverallMethod::Weighted { metric, counts, n_packages } => format!(
            "{} of {} {metric} covered in {} package{}",
            format_count(counts.covered()),
            format_count(counts.total()),
            n_packages,
            plural(n_packages)
        ),
        OverallMethod::MeanOfPackages { metric, n_packages, n_without_counts } if n_without_counts >= n_packages => {
            format!("mean of {n_packages} package{}, no {} counts", plural(n_packages), metric.singular())
        }
        OverallMethod::MeanOfPackages { metric, n_packages, n_without_counts } => format!(
            "mean of {n_packages} package{}, {n_without_counts} without {} counts",
            plural(n_packages),
            metric.singular()
        ),
        OverallMethod::NoData => "no package has anything to count".to_owned(),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
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
