//! The view of every analysis section the page shows below the packages: each already
//! worded, rounded and keyed, or the reason it cannot be shown.

use super::escape;
use super::format::{format_count, rounded_percent};
use super::phrases::{self, pct, pct_or_na, points};
use crate::analysis::{self, Analysis, Readiness, Section};
use crate::model::{Percent, Report, Settings};
use crate::present::Tone;

/// A label and its value, for sections that are lists of facts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

fn facts(pairs: Vec<(&'static str, String)>) -> Vec<Fact> {
    pairs.into_iter().map(|(label, value)| Fact { label: label.to_owned(), value }).collect()
}

/// A row with a bar: a name, the bar's value (0–100, rounded) and the texts around it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BarRow {
    /// Unique within its list.
    pub key: String,
    pub name: String,
    /// The bar's value, 0–100.
    pub value: Option<f64>,
    /// The figure shown beside the bar, `"78.3%"`.
    pub text: String,
    /// What a screen reader reads for the bar.
    pub value_text: String,
    /// Shown after the figure: a change, a distance, a count.
    pub note: Option<String>,
    /// Shown after the note, in smaller type: items to cover, packages lagging…
    pub detail: Option<String>,
    pub tone: Option<Tone>,
}

/// The estimate for one package, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EtaRow {
    pub key: String,
    pub name: String,
    /// `"30 min – 1.1 h"` or `"unknown: …"`.
    pub estimate: String,
    /// Where the pace came from.
    pub basis: String,
}

/// One recommendation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RecommendationRow {
    pub key: String,
    pub rank: usize,
    pub name: String,
    pub percent: String,
    pub reason: String,
    /// `"more.py — 1,381 uncovered"`.
    pub files: Vec<String>,
}

/// What one section shows.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum SectionBody {
    /// Rows with bars, and an optional line under them.
    Bars { rows: Vec<BarRow>, footer: Option<String> },
    /// Label–value pairs.
    Facts(Vec<Fact>),
    /// Sentences.
    List(Vec<String>),
    /// Time to target: rows, the total, and the method shown on demand.
    Eta {
        rows: Vec<EtaRow>,
        total: Option<String>,
        #[serde(skip, default = "eta_method")]
        method: &'static str,
    },
    /// Ranked recommendations under the strategy that ranked them.
    Recommendations { strategy: String, rows: Vec<RecommendationRow> },
    /// The data cannot support the section.
    Unavailable(String),
}

fn eta_method() -> &'static str {
    phrases::ETA_METHOD
}

/// One section of the page.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(into = "SectionWire")]
pub struct SectionView {
    /// A stable id (`"time-to-target"`), for the heading's id and for tests.
    pub id: &'static str,
    pub title: &'static str,
    pub body: SectionBody,
}

/// A section as it travels: its section, from which its id and title follow.
#[derive(serde::Serialize, serde::Deserialize)]
struct SectionWire {
    section: Section,
    body: SectionBody,
}

impl From<SectionView> for SectionWire {
    fn from(view: SectionView) -> SectionWire {
        let section = Section::ALL.into_iter().find(|s| section_id(*s) == view.id).unwrap_or(Section::Summary);
        SectionWire { section, body: view.body }
    }
}

impl<'de> serde::Deserialize<'de> for SectionView {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<SectionView, D::Error> {
        let wire = SectionWire::deserialize(deserializer)?;
        Ok(SectionView { id: section_id(wire.section), title: wire.section.title(), body: wire.body })
    }
}

fn section_id(section: Section) -> &'static str {
    match section {
        Section::Progress => "progress",
        Section::Packages => "packages",
        Section::Wins => "wins",
        Section::Tests => "tests",
        Section::Distance => "distance",
        Section::TimeToTarget => "time-to-target",
        Section::Distribution => "distribution",
        Section::Readiness => "readiness",
        Section::Achievements => "achievements",
        Section::Momentum => "momentum",
        Section::Goal => "goal",
        Section::Summary => "summary",
        Section::Recommendations => "recommendations",
    }
}

fn shown(value: f64) -> f64 {
    Percent::new(value.clamp(0.0, 100.0)).map_or(0.0, rounded_percent)
}

fn tone_of(tier_index: Option<usize>, n_tiers: usize) -> Option<Tone> {
    tier_index.map(|idx| Tone::of(idx, n_tiers))
}

/// The sections of `report` as of snapshot `selected` (the latest when `None`): the analysis
/// sees the snapshots up to the selected one. The packages section is shown apart (see
/// [`super::dashboard`]), so it is not among these.
pub fn sections(report: &Report, settings: &Settings, selected: Option<usize>) -> Vec<SectionView> {
    let analysis = analysis::analyse_as_of(&report.as_of(selected), report.metric, settings);
    Section::ALL.into_iter().filter(|s| *s != Section::Packages).map(|s| section(&analysis, s).visible()).collect()
}

impl SectionView {
    /// Every text of the section with control and reordering characters from the data shown as
    /// escapes ([`escape::terminal`]): a name with a right-to-left override must not read as
    /// another. The section's own words have none, so this changes only names.
    fn visible(mut self) -> SectionView {
        let v = |text: &mut String| {
            if text.chars().any(escape::is_unsafe) {
                *text = escape::terminal(text).into_owned();
            }
        };
        match &mut self.body {
            SectionBody::Bars { rows, footer } => {
                for row in rows {
                    v(&mut row.name);
                    v(&mut row.text);
                    v(&mut row.value_text);
                    row.note.iter_mut().chain(row.detail.iter_mut()).for_each(v);
                }
                footer.iter_mut().for_each(v);
            }
            SectionBody::Facts(facts) => facts.iter_mut().for_each(|f| v(&mut f.value)),
            SectionBody::List(items) => items.iter_mut().for_each(v),
            SectionBody::Eta { rows, total, .. } => {
                for row in rows {
                    v(&mut row.name);
                    v(&mut row.estimate);
                }
                total.iter_mut().for_each(v);
            }
            SectionBody::Recommendations { rows, .. } => {
                for row in rows {
                    v(&mut row.name);
                    v(&mut row.reason);
                    row.files.iter_mut().for_each(v);
                }
            }
            SectionBody::Unavailable(reason) => v(reason),
        }
        self
    }
}

fn section(a: &Analysis, section: Section) -> SectionView {
    let body = match a.unavailable(section) {
        Some(reason) => SectionBody::Unavailable(reason.to_owned()),
        None => body(a, section),
    };
    SectionView { id: section_id(section), title: section.title(), body }
}

fn body(a: &Analysis, section: Section) -> SectionBody {
    let metric = a.metric;
    let n_tiers = a.distribution.len();
    match section {
        Section::Progress => {
            let rows = a
                .progress
                .points
                .iter()
                .enumerate()
                .map(|(idx, p)| BarRow {
                    key: format!("{idx}"),
                    name: p.label.clone(),
                    value: p.percent.map(shown),
                    text: pct_or_na(p.percent),
                    value_text: pct_or_na(p.percent),
                    note: p.delta.map(|d| format!("{} pts", points(d))),
                    detail: None,
                    tone: None,
                })
                .collect();
            let mut footer = a.progress.total_gain.map(|g| format!("Total gain: {} points", points(g)));
            if a.progress.method == analysis::Method::MeanOfPackages {
                let note = "overall figures are the mean of the packages (the data has percentages, not counts)";
                footer = Some(footer.map_or(note.to_owned(), |f| format!("{f}; {note}")));
            }
            if let Some(order) = a.progress.order {
                let note = format!("snapshots {}", phrases::order(order));
                footer = Some(footer.map_or(note.clone(), |f| format!("{f}; {note}")));
            }
            SectionBody::Bars { rows, footer }
        }
        Section::Wins => SectionBody::Bars {
            rows: a
                .wins
                .iter()
                .map(|w| BarRow {
                    key: format!("{}@{}", w.package, w.snapshot),
                    name: w.short_name.clone(),
                    value: Some(shown(w.after)),
                    text: format!("{} → {}", pct(w.before), pct(w.after)),
                    value_text: format!(
                        "{} to {}, {} points, {}",
                        pct(w.before),
                        pct(w.after),
                        points(w.delta),
                        w.word
                    ),
                    note: Some(format!("{} pts", points(w.delta))),
                    detail: Some(format!("{} · {}", w.word, w.snapshot)),
                    tone: None,
                })
                .collect(),
            footer: None,
        },
        Section::Tests => SectionBody::Facts(a.tests.as_ref().map(phrases::test_facts).map(facts).unwrap_or_default()),
        Section::Distance => SectionBody::Bars {
            rows: a
                .distance
                .iter()
                .map(|d| BarRow {
                    key: d.package.clone(),
                    name: d.short_name.clone(),
                    value: Some(shown(d.percent)),
                    text: format!("{} → {}", pct(d.percent), pct(a.target)),
                    value_text: format!("{}, {} points to {}", pct(d.percent), points(d.points), pct(a.target)),
                    note: Some(format!("need {} pts", points(d.points))),
                    detail: d.to_cover.map(|n| phrases::more(n, metric)),
                    tone: None,
                })
                .collect(),
            footer: None,
        },
        Section::TimeToTarget => {
            let eta = a.time_to_target.as_ref();
            SectionBody::Eta {
                rows: eta
                    .map(|e| {
                        e.packages
                            .iter()
                            .map(|p| EtaRow {
                                key: p.package.clone(),
                                name: p.short_name.clone(),
                                estimate: phrases::eta(p),
                                basis: phrases::basis(p.basis, metric).to_owned(),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                total: eta.and_then(|e| {
                    let range = phrases::hour_range(e.total_low_hours?, e.total_high_hours?);
                    Some(match e.n_unknown {
                        0 => range,
                        n => format!("{range} ({n} unknown, not counted)"),
                    })
                }),
                method: phrases::ETA_METHOD,
            }
        }
        Section::Distribution => SectionBody::Bars {
            rows: a
                .distribution
                .iter()
                .enumerate()
                .map(|(idx, t)| {
                    let range = match t.below {
                        Some(below) => format!("{}–{}", pct(t.min), pct(below)),
                        None => format!("{} and above", pct(t.min)),
                    };
                    let plural = if t.packages == 1 { "package" } else { "packages" };
                    BarRow {
                        key: t.tier.clone(),
                        name: t.tier.clone(),
                        value: Some(shown(t.share)),
                        text: format!("{} {plural}", t.packages),
                        value_text: format!("{} {plural}, {:.1}% of packages", t.packages, t.share),
                        note: Some(format!("{:.1}%", t.share)),
                        detail: Some(range),
                        tone: tone_of(Some(idx), n_tiers),
                    }
                })
                .collect(),
            footer: None,
        },
        Section::Readiness => {
            let short: std::collections::HashMap<&str, &str> =
                a.packages.iter().map(|p| (p.name.as_str(), p.short_name.as_str())).collect();
            SectionBody::Bars {
                rows: a
                    .readiness
                    .iter()
                    .map(|g| {
                        let lagging: Vec<&str> = g
                            .below_target
                            .iter()
                            .map(|n| short.get(n.as_str()).copied().unwrap_or(n.as_str()))
                            .collect();
                        BarRow {
                            key: g.name.clone(),
                            name: g.name.clone(),
                            value: g.percent.map(shown),
                            text: pct_or_na(g.percent),
                            value_text: format!("{}, {}", pct_or_na(g.percent), phrases::readiness(g.status)),
                            note: Some(readiness_mark(g.status).to_owned()),
                            detail: (!lagging.is_empty()).then(|| format!("lagging: {}", lagging.join(", "))),
                            tone: Some(readiness_tone(g.status)),
                        }
                    })
                    .collect(),
                footer: Some(format!(
                    "Ready at {} or more; near within {} points",
                    pct(a.target),
                    analysis::NEAR_POINTS
                )),
            }
        }
        Section::Achievements => SectionBody::List(a.achievements.iter().map(phrases::achievement).collect()),
        Section::Momentum => {
            SectionBody::Facts(a.momentum.as_ref().map(phrases::momentum_facts).map(facts).unwrap_or_default())
        }
        Section::Goal => {
            let rows = a
                .goal
                .iter()
                .flat_map(|g| {
                    [("current", "Current", g.current), ("goal", "Goal", g.goal)].map(|(key, name, value)| BarRow {
                        key: key.to_owned(),
                        name: name.to_owned(),
                        value: Some(shown(value)),
                        text: pct(value),
                        value_text: pct(value),
                        note: None,
                        detail: None,
                        tone: None,
                    })
                })
                .collect();
            let footer = a.goal.as_ref().map(|g| {
                let state = if g.reached {
                    "reached".to_owned()
                } else {
                    format!("{} points to go", points(g.remaining).trim_start_matches('+'))
                };
                format!("{:.1}% of the goal; {state}", g.share)
            });
            SectionBody::Bars { rows, footer }
        }
        Section::Summary => SectionBody::Facts(facts(phrases::summary_facts(&a.summary))),
        Section::Recommendations => SectionBody::Recommendations {
            strategy: format!("Ranked {}", a.recommendations.description),
            rows: a
                .recommendations
                .items
                .iter()
                .map(|r| RecommendationRow {
                    key: r.package.clone(),
                    rank: r.rank,
                    name: r.short_name.clone(),
                    percent: pct(r.percent),
                    reason: phrases::reason(r, metric, a.target),
                    files: r
                        .files
                        .iter()
                        .map(|f| format!("{} — {} uncovered", f.path, format_count(f.uncovered)))
                        .collect(),
                })
                .collect(),
        },
        Section::Packages => SectionBody::Unavailable("shown above".to_owned()),
    }
}

fn readiness_mark(status: Readiness) -> &'static str {
    match status {
        Readiness::Ready => "✓ ready",
        Readiness::Near => "◐ near",
        Readiness::Below => "✗ below target",
        Readiness::Unknown => "– no data",
    }
}

fn readiness_tone(status: Readiness) -> Tone {
    match status {
        Readiness::Ready => Tone::Top,
        Readiness::Near => Tone::Middle,
        Readiness::Below | Readiness::Unknown => Tone::Bottom,
    }
}
