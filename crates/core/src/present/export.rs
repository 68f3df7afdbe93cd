//! What the page exports: the reports as text, a shields-style SVG badge, and the data as
//! normalised covdash JSON (which reads back to the same dashboard).

use serde::Serialize;

use super::report::{html, markdown, text, HtmlParts, MarkdownOptions, TextOptions};
use super::source::Annotated;
use super::Tone;
use covdash_protocol::escape::escape_markup;
use covdash_protocol::format::format_percent;
use std::collections::BTreeMap;

use crate::analysis;
use crate::formats;
use crate::model::{Coverage, Metric, Package, Report, Settings, TestStats};

/// The Markdown pull-request comment for `report` as the page shows it.
pub fn markdown_report(report: &Report, settings: &Settings) -> String {
    markdown(&analysis::analyse(report, report.metric, settings), &MarkdownOptions::default())
}

/// The terminal report, 80 columns, no colour.
pub fn text_report(report: &Report, settings: &Settings) -> String {
    text(&analysis::analyse(report, report.metric, settings), TextOptions::default())
}

/// The static HTML report of `report`'s latest snapshot (its data named `source`), with
/// `files` annotated below the sections.
pub fn html_report(report: &Report, settings: &Settings, source: &str, files: &Annotated) -> String {
    let analysis = analysis::analyse(report, report.metric, settings);
    let dashboard = super::dashboard(report, settings, source, None);
    html(&analysis, HtmlParts { dashboard: &dashboard, files })
}

/// A badge colour per tone: white text on each meets WCAG AA (≥ 4.5:1).
fn badge_color(tone: Option<Tone>) -> &'static str {
    match tone {
        Some(Tone::Top) => "#1d6b3f",
        Some(Tone::High) => "#0f6b63",
        Some(Tone::Middle) => "#6b5200",
        Some(Tone::Low) => "#9a3d00",
        Some(Tone::Bottom) => "#b02a3e",
        None => "#5b6472",
    }
}

/// Text width in the badge's 11 px Verdana-like font, approximated per character.
fn text_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii_digit() || c == '%' { 7 } else { 6 }).sum::<usize>() + 12
}

/// A shields-style badge: `coverage | 81.1%`, the value on the tier's colour.
pub fn badge_svg(report: &Report, settings: &Settings) -> String {
    let overall = report.latest().map(|s| analysis::overall(s, report.metric));
    badge_of(overall.and_then(|o| o.percent), settings)
}

/// The badge of a figure, coloured by its tier.
pub fn badge_of(percent: Option<crate::model::Percent>, settings: &Settings) -> String {
    let value = format_percent(percent);
    let tone = percent.map(|p| Tone::of(settings.tiers.index_of(p), settings.tiers.as_slice().len()));
    let label = "coverage";
    let (left, right) = (text_width(label), text_width(&value));
    let width = left + right;
    let color = badge_color(tone);
    let title = escape_markup(&format!("{label}: {value}"));
    let value = escape_markup(&value);
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" aria-label="{title}"><title>{title}</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="{width}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="{left}" height="20" fill="#555"/><rect x="{left}" width="{right}" height="20" fill="{color}"/><rect width="{width}" height="20" fill="url(#s)"/></g><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11"><text x="{lx}" y="14">{label}</text><text x="{rx}" y="14">{value}</text></g></svg>"##,
        lx = left / 2,
        rx = left + right / 2,
    )
}

/// covdash JSON (`docs/format.md`) as [`covdash_json`] writes it, but for the snapshots.
#[derive(Serialize)]
struct Head<'a> {
    version: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    metric: &'static str,
    target: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    goal: Option<f64>,
    tiers: Vec<TierOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    groups: Vec<GroupOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    session: Option<SessionOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<SourceOut<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    exclude: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    include: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    tests: Option<TestStats>,
}

#[derive(Serialize)]
struct SourceOut<'a> {
    template: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    strip: Option<&'a str>,
}

#[derive(Serialize)]
struct TierOut<'a> {
    name: &'a str,
    min: f64,
}

#[derive(Serialize)]
struct GroupOut<'a> {
    name: &'a str,
    patterns: &'a [String],
}

#[derive(Serialize)]
struct SessionOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
}

#[derive(Serialize)]
struct SnapshotOut<'a> {
    label: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    timestamp: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    commit: Option<&'a str>,
    #[serde(rename = "ref", skip_serializing_if = "Option::is_none")]
    git_ref: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    run_time: Option<String>,
    /// In the report's order.
    packages: Packages<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tests: Option<TestStats>,
}

/// Packages as a JSON object, keys in the report's order.
struct Packages<'a>(Vec<(&'a str, FiguresOut)>);

impl Serialize for Packages<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(name, figures)| (name, figures)))
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum CoverageOut {
    Counts { covered: u64, total: u64 },
    Percent(f64),
}

impl From<Coverage> for CoverageOut {
    fn from(coverage: Coverage) -> CoverageOut {
        match coverage {
            Coverage::Counts(c) => CoverageOut::Counts { covered: c.covered(), total: c.total() },
            Coverage::Percent(p) => CoverageOut::Percent(p.value()),
        }
    }
}

/// A package's figures: the one form when it has the document's metric only, else one per
/// metric it has.
#[derive(Serialize)]
#[serde(untagged)]
enum FiguresOut {
    One(CoverageOut),
    PerMetric(BTreeMap<&'static str, CoverageOut>),
}

impl FiguresOut {
    fn of(package: &Package, metric: Metric) -> Option<FiguresOut> {
        let known: Vec<(Metric, Coverage)> =
            Metric::ALL.into_iter().filter_map(|m| Some((m, package.coverage(m)?))).collect();
        match known.as_slice() {
            [] => None,
            [(only, coverage)] if *only == metric => Some(FiguresOut::One((*coverage).into())),
            // Inserted one by one: collecting a map sorts its items with a copy of the standard
            // sort of its own, in the core's module for the browser.
            _ => Some(FiguresOut::PerMetric(known.into_iter().fold(BTreeMap::new(), |mut map, (m, c)| {
                map.insert(m.plural(), c.into());
                map
            }))),
        }
    }
}

/// The report and its settings as covdash JSON: every snapshot's packages with their counts
/// (or percentages) for each metric they have, its commit, ref, run time and tests where known,
/// the settings and the test figures. Per-file detail is summed into packages. Reading the
/// result back gives the same dashboard.
///
/// The settings come first, one field per line; then the snapshots, oldest first, one per
/// line, so that a history kept in git changes by a line a run.
pub fn covdash_json(report: &Report, settings: &Settings) -> String {
    let metric: Metric = report.metric;
    let head = Head {
        version: formats::COVDASH_JSON_VERSION,
        title: report.title.as_deref(),
        metric: metric.plural(),
        target: settings.target.value(),
        goal: settings.goal.map(|g| g.value()),
        tiers: settings.tiers.as_slice().iter().map(|t| TierOut { name: &t.name, min: t.min.value() }).collect(),
        groups: settings.groups.iter().map(|g| GroupOut { name: &g.name, patterns: &g.patterns }).collect(),
        session: report
            .session
            .map(|s| SessionOut { start: s.start.map(|t| t.to_string()), end: s.end.map(|t| t.to_string()) }),
        source: settings.source.as_ref().map(|s| SourceOut { template: &s.template, strip: s.strip.as_deref() }),
        exclude: &settings.paths.exclude,
        include: &settings.paths.include,
        tests: report.tests,
    };
    let snapshots = report.snapshots.iter().map(|s| SnapshotOut {
        label: &s.label,
        timestamp: s.timestamp.map(|t| t.to_string()),
        commit: s.revision.commit.as_deref(),
        git_ref: s.revision.git_ref.as_deref(),
        run_time: s.revision.run_time.map(|t| t.to_string()),
        packages: Packages(
            s.packages.iter().filter_map(|p| Some((p.name.as_str(), FiguresOut::of(p, metric)?))).collect(),
        ),
        tests: s.tests,
    });
    // Serialising these plain structs cannot fail: their maps have string keys and their
    // numbers are finite.
    let head = serde_json::to_string_pretty(&head).unwrap_or_default();
    let lines: Vec<String> =
        snapshots.map(|s| format!("    {}", serde_json::to_string(&s).unwrap_or_default())).collect();
    let head = head.strip_suffix("\n}").unwrap_or(&head);
    format!("{head},\n  \"snapshots\": [\n{}\n  ]\n}}\n", lines.join(",\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats;

    #[test]
    fn the_normalised_json_reads_back_to_the_same_figures() {
        let sample = crate::sample::JSON;
        let parsed = formats::parse(sample).unwrap();
        let settings = parsed.settings.clone().unwrap();
        let written = covdash_json(&parsed.report, &settings);
        let again = formats::parse(written.as_bytes()).unwrap();
        assert_eq!(again.settings.as_ref(), Some(&settings));
        let summary = |r: &Report| markdown_report(r, &settings);
        assert_eq!(summary(&again.report), summary(&parsed.report));
    }

    #[test]
    fn the_badge_names_the_figure() {
        let parsed = formats::parse(crate::sample::JSON).unwrap();
        let settings = parsed.settings.clone().unwrap();
        let svg = badge_svg(&parsed.report, &settings);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("aria-label=\"coverage: 81.1%\""));
        assert!(svg.contains("#6b5200"), "the Good tier's colour");
    }
}
