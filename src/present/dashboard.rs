//! The dashboard's view of one snapshot.

use super::format::{format_count, format_percent, rounded_percent};
use crate::analysis::{self, OverallMethod};
use std::collections::HashMap;

use crate::formats::Parsed;
use crate::model::{Coverage, Percent, Report, Settings, Tiers};

/// A tier's colour family, from the best to the worst. Tiers are spread over these five by
/// their rank, so three tiers get `Top`, `Middle` and `Bottom`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tone {
    Top,
    High,
    Middle,
    Low,
    Bottom,
}

impl Tone {
    const ALL: [Tone; 5] = [Tone::Top, Tone::High, Tone::Middle, Tone::Low, Tone::Bottom];

    fn of(tier_idx: usize, n_tiers: usize) -> Tone {
        if n_tiers <= 1 {
            return Tone::Top;
        }
        let last = Tone::ALL.len() - 1;
        // Round to the nearest of the five tones.
        let idx = (tier_idx * last * 2 + (n_tiers - 1)) / ((n_tiers - 1) * 2);
        Tone::ALL[idx.min(last)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierView {
    pub name: String,
    pub tone: Tone,
}

impl TierView {
    fn of(tiers: &Tiers, percent: Percent) -> TierView {
        let idx = tiers.index_of(percent);
        TierView { name: tiers.as_slice()[idx].name.clone(), tone: Tone::of(idx, tiers.as_slice().len()) }
    }
}

/// The overall figure of the snapshot shown.
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
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
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq)]
pub struct DashboardView {
    pub title: String,
    /// The file the data came from.
    pub source: String,
    /// The label of the snapshot shown, e.g. `"Final"`.
    pub snapshot_label: String,
    /// Its time, `"2025-12-18 12:30 UTC"`, when known.
    pub snapshot_time: Option<String>,
    pub overall: OverallView,
    /// Highest coverage first.
    pub packages: Vec<PackageRow>,
    /// Records of the file that were skipped or repaired, said in a sentence, with the first
    /// few reasons on lines of their own; `None` when everything was read.
    pub problems: Option<String>,
}

/// How many reasons for skipped records the page lists.
const SHOWN_PROBLEMS: usize = 3;

/// The view of the latest snapshot of a parsed file.
pub fn dashboard(parsed: &Parsed, settings: &Settings, source: &str) -> DashboardView {
    let report = &parsed.report;
    let problems = (parsed.n_diagnostics > 0).then(|| {
        let n = parsed.n_diagnostics;
        let mut text = format!("{source}: {n} record{} skipped or repaired", if n == 1 { "" } else { "s" });
        for diagnostic in parsed.diagnostics.iter().take(SHOWN_PROBLEMS) {
            text.push_str(&format!("\n{diagnostic}"));
        }
        if n > SHOWN_PROBLEMS as u64 {
            text.push_str("\n…");
        }
        text
    });
    let Some(snapshot) = report.latest() else {
        return DashboardView {
            title: title_of(report, source),
            source: source.to_owned(),
            snapshot_label: String::new(),
            snapshot_time: None,
            overall: OverallView {
                value: None,
                text: format_percent(None),
                method: "no snapshots".to_owned(),
                tier: None,
            },
            packages: Vec::new(),
            problems,
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
    let packages = analysis::ranked_packages(snapshot, report.metric, &settings.tiers)
        .into_iter()
        .map(|standing| PackageRow {
            key: standing.name.to_owned(),
            name: names.get(standing.name).cloned().unwrap_or_else(|| standing.name.to_owned()),
            full_name: standing.name.to_owned(),
            value: standing.percent.map(rounded_percent),
            text: format_percent(standing.percent),
            counts: standing
                .coverage
                .and_then(Coverage::counts)
                .map(|c| format!("{} of {} {}", format_count(c.covered()), format_count(c.total()), report.metric)),
            tier: standing.percent.map(|p| TierView::of(&settings.tiers, p)),
        })
        .collect();
    DashboardView {
        title: title_of(report, source),
        source: source.to_owned(),
        snapshot_label: snapshot.label.clone(),
        snapshot_time: snapshot.timestamp.map(|t| {
            let text = t.to_string();
            // "2025-12-18T12:30:00Z" → "2025-12-18 12:30 UTC"
            format!("{} {} UTC", &text[..10], &text[11..16])
        }),
        overall,
        packages,
        problems,
    }
}

/// Display names: the directories all packages share are dropped, keeping the last shared one
/// when a package is that directory itself (`/home/me/src`, `/home/me/src/util` → `src`,
/// `src/util`; `example.com/m/calc`, `example.com/m/cmd` → `calc`, `cmd`). A package with an
/// empty name (files at the root) is `(root)`.
fn short_names<'a>(names: impl Iterator<Item = &'a str> + Clone) -> HashMap<&'a str, String> {
    let split = |name: &'a str| name.split('/').collect::<Vec<&str>>();
    let mut common: Vec<&str> = names.clone().next().map(split).unwrap_or_default();
    for name in names.clone() {
        let parts = split(name);
        let shared = common.iter().zip(&parts).take_while(|(a, b)| a == b).count();
        common.truncate(shared);
    }
    let n_names = names.clone().count();
    let is_root = |name: &'a str| split(name).len() == common.len();
    // One package, or one that is the shared directory itself: keep that directory's name.
    let keep = if n_names == 1 || names.clone().any(is_root) { common.len().saturating_sub(1) } else { common.len() };
    names
        .map(|name| {
            let short = split(name)[keep..].join("/");
            let short = match (short.is_empty(), name.is_empty()) {
                (true, true) => "(root)".to_owned(),
                (true, false) => name.to_owned(),
                (false, _) => short,
            };
            (name, short)
        })
        .collect()
}

fn title_of(report: &Report, source: &str) -> String {
    report.title.clone().unwrap_or_else(|| source.to_owned())
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
