//! The view of every analysis section the page shows below the packages: each already
//! worded, rounded and keyed, or the reason it cannot be shown.

use super::files::{consecutive, ranges_text};
use super::phrases::{self, pct_or_na, points_between};
use crate::analysis::{self, Analysis, Category, Differential, FileDifferential, FileLines, Readiness, Section};
use crate::model::{Percent, Report, Settings, Span, Timestamp};
use crate::present::Tone;
use covdash_protocol::decimal::fixed;
use covdash_protocol::escape;
use covdash_protocol::format::{count_of, format_count, rounded_percent};
use covdash_protocol::pct;
use covdash_protocol::view::*;

/// The most snapshots the progress section lists: the first and the latest ones.
const PROGRESS_ROWS: usize = 12;

/// The most gains the wins section lists, the largest first.
const SHOWN_WINS: usize = 12;
/// How an output quotes what a section says: the names from the data (packages, files, snapshot
/// labels, groups, tiers) and the report's own words. The sections are built once, through
/// an output's `Quote`, and each output lays them out.
pub trait Quote {
    fn name(&self, text: &str) -> String;
    fn words(&self, text: &str) -> String;
}

/// For text a browser prints as text (the page, the HTML report, which escapes markup as it lays
/// out): words as they are, names with control and reordering characters shown as escapes
/// ([`escape::terminal`]), so that a name with a right-to-left override cannot read as another.
pub struct AsText;

impl Quote for AsText {
    fn name(&self, text: &str) -> String {
        escape::terminal(text).into_owned()
    }

    fn words(&self, text: &str) -> String {
        text.to_owned()
    }
}

fn shown(value: f64) -> f64 {
    Percent::new(value.clamp(0.0, 100.0)).map_or(0.0, rounded_percent)
}

fn tone_of(tier_index: Option<usize>, n_tiers: usize) -> Option<Tone> {
    tier_index.map(|idx| Tone::of(idx, n_tiers))
}

/// The sections of `report` as of snapshot `selected` (the latest when `None`), for the page:
/// the analysis sees the snapshots up to the selected one. The packages section is shown apart
/// (see [`super::dashboard`]), so it is not among these. The recommendations list the files of
/// the first [`RECOMMENDATIONS_SHOWN`] only, as many as the page shows at first.
pub fn sections(report: &Report, settings: &Settings, selected: Option<usize>) -> Vec<SectionView> {
    let analysis = analysis::analyse_listing(&report.as_of(selected), report.metric, settings, RECOMMENDATIONS_SHOWN);
    all_sections(&analysis, &AsText).into_iter().filter(|s| !s.is(Section::Packages)).collect()
}

/// The recommendations section of `report` as of snapshot `selected`, for the page, with the
/// files of the first `with_files` listed: what it asks for as it shows more of them.
pub fn recommendations_section(
    report: &Report,
    settings: &Settings,
    selected: Option<usize>,
    with_files: usize,
) -> SectionBody {
    let analysis = analysis::analyse_listing(&report.as_of(selected), report.metric, settings, with_files);
    section(&analysis, Section::Recommendations, &AsText).body
}

/// Every section of `analysis`, in order, its names and words quoted by `q`: what every
/// output lays out.
pub fn all_sections(analysis: &Analysis, q: &dyn Quote) -> Vec<SectionView> {
    // "This change" is there when a diff was given, or one commit measured twice.
    let shown = |s: &Section| *s != Section::Change || analysis.patch.is_some() || analysis.differential.is_some();
    Section::ALL.into_iter().filter(shown).map(|s| section(analysis, s, q)).collect()
}

fn section(a: &Analysis, section: Section, q: &dyn Quote) -> SectionView {
    let body = match a.unavailable(section) {
        Some(reason) => SectionBody::Unavailable(q.words(reason)),
        None => body(a, section, q),
    };
    SectionView::new(section, body)
}

fn body(a: &Analysis, section: Section, q: &dyn Quote) -> SectionBody {
    match section {
        Section::Change => change(a, q),
        Section::Progress => progress(a, q),
        Section::Packages => packages(a, q),
        Section::Wins => wins(a, q),
        Section::Tests => tests(a, q),
        Section::Distance => distance(a, q),
        Section::TimeToTarget => time_to_target(a, q),
        Section::Distribution => distribution(a, q),
        Section::Readiness => readiness(a, q),
        Section::Achievements => achievements(a, q),
        Section::Momentum => momentum(a, q),
        Section::Goal => goal(a, q),
        Section::Summary => summary(a, q),
        Section::Recommendations => recommendations(a, q),
    }
}

/// Facts, their labels and values in the output's words.
fn facts(pairs: Vec<(&'static str, String)>, q: &dyn Quote) -> Vec<Fact> {
    pairs.into_iter().map(|(label, value)| Fact { label: q.words(label), value: q.words(&value) }).collect()
}

/// Each snapshot's overall figure: a long history lists its first snapshot and its latest
/// ones (the trend shows all).
fn progress(a: &Analysis, q: &dyn Quote) -> SectionBody {
    let w = |text: String| q.words(&text);
    let n = a.progress.points.len();
    let skipped = n.saturating_sub(PROGRESS_ROWS);
    let rows = a
        .progress
        .points
        .iter()
        .enumerate()
        .filter(|(idx, _)| *idx == 0 || *idx > skipped)
        .map(|(idx, p)| BarRow {
            key: format!("{idx}"),
            name: q.name(&p.label),
            value: p.percent.map(shown),
            text: w(pct_or_na(p.percent)),
            value_text: w(pct_or_na(p.percent)),
            note: p.delta.zip(p.percent).map(|(d, now)| w(format!("{} pts", points_between(now - d, now)))),
            detail: None,
            tone: None,
        })
        .collect();
    let mut notes: Vec<String> = Vec::new();
    let mut percents = a.progress.points.iter().filter_map(|p| p.percent);
    if let (Some(_), Some(first), Some(last)) = (a.progress.total_gain, percents.next(), percents.next_back()) {
        notes.push(format!("Total gain: {} points", points_between(first, last)));
    }
    if skipped > 0 {
        let skipped = count_of(skipped as u64, "snapshot");
        notes.push(format!("{skipped} between the first and the last {} not listed", PROGRESS_ROWS - 1));
    }
    if a.progress.method == analysis::Method::MeanOfPackages {
        notes.push(phrases::MEAN_OF_PACKAGES.to_owned());
    }
    notes.extend(a.progress.order.map(|order| format!("snapshots {}", phrases::order(order))));
    SectionBody::Bars { rows, footer: (!notes.is_empty()).then(|| w(notes.join("; "))) }
}

/// Every package with its figure, tier and change.
fn packages(a: &Analysis, q: &dyn Quote) -> SectionBody {
    let n_tiers = a.distribution.len();
    let w = |text: String| q.words(&text);
    SectionBody::Bars {
        rows: a
            .packages
            .iter()
            .map(|p| {
                let counts = match (p.covered, p.total) {
                    (Some(c), Some(t)) => format!(" · {} / {}", format_count(c), format_count(t)),
                    _ => String::new(),
                };
                let tier = p.tier.as_deref().map_or_else(|| w("n/a".to_owned()), |t| q.name(t));
                BarRow {
                    key: p.name.clone(),
                    name: q.name(&p.short_name),
                    value: p.percent.map(shown),
                    text: w(pct_or_na(p.percent)),
                    value_text: w(format!("{}, {}", pct_or_na(p.percent), p.tier.as_deref().unwrap_or("no tier"))),
                    note: p.change.zip(p.percent).map(|(d, now)| w(format!("{} pts", points_between(now - d, now)))),
                    detail: Some(format!("{tier}{}", w(counts))),
                    tone: tone_of(p.tier_index, n_tiers),
                }
            })
            .collect(),
        footer: None,
    }
}

/// The largest gains: a long history has one per package per run.
fn wins(a: &Analysis, q: &dyn Quote) -> SectionBody {
    let w = |text: String| q.words(&text);
    SectionBody::Bars {
        rows: a
            .wins
            .iter()
            .take(SHOWN_WINS)
            .map(|win| BarRow {
                key: format!("{}@{}", win.package, win.snapshot),
                name: q.name(&win.short_name),
                value: Some(shown(win.after)),
                text: w(format!("{} → {}", pct(win.before), pct(win.after))),
                // The win's word is the settings' (a link's), a name as the snapshot's is.
                value_text: format!(
                    "{}{}",
                    w(format!(
                        "{} to {}, {} points, ",
                        pct(win.before),
                        pct(win.after),
                        points_between(win.before, win.after)
                    )),
                    q.name(&win.word)
                ),
                note: Some(w(format!("{} pts", points_between(win.before, win.after)))),
                detail: Some(format!("{}{}{}", q.name(&win.word), w(" · ".to_owned()), q.name(&win.snapshot))),
                tone: None,
            })
            .collect(),
        footer: (a.n_wins > SHOWN_WINS)
            .then(|| w(format!("The {SHOWN_WINS} largest of {} gains", format_count(a.n_wins as u64)))),
    }
}

/// The test figures the data carries.
fn tests(a: &Analysis, q: &dyn Quote) -> SectionBody {
    SectionBody::Facts(a.tests.as_ref().map(phrases::test_facts).map(|pairs| facts(pairs, q)).unwrap_or_default())
}

/// How far each package below the target is from it.
fn distance(a: &Analysis, q: &dyn Quote) -> SectionBody {
    let metric = a.metric;
    let w = |text: String| q.words(&text);
    SectionBody::Bars {
        rows: a
            .distance
            .iter()
            .map(|d| BarRow {
                key: d.package.clone(),
                name: q.name(&d.short_name),
                value: Some(shown(d.percent)),
                text: w(format!("{} → {}", pct(d.percent), pct(a.target))),
                value_text: w(format!(
                    "{}, {} points to {}",
                    pct(d.percent),
                    points_between(d.percent, a.target),
                    pct(a.target)
                )),
                note: Some(w(format!("need {} pts", points_between(d.percent, a.target)))),
                detail: d.to_cover.map(|n| w(phrases::more(n, metric))),
                tone: None,
            })
            .collect(),
        footer: None,
    }
}

/// When each package below the target reaches it at its pace, and all of them.
fn time_to_target(a: &Analysis, q: &dyn Quote) -> SectionBody {
    let metric = a.metric;
    let w = |text: String| q.words(&text);
    let eta = a.time_to_target.as_ref();
    SectionBody::Eta {
        rows: eta
            .map(|e| {
                e.packages
                    .iter()
                    .map(|p| EtaRow {
                        key: p.package.clone(),
                        name: q.name(&p.short_name),
                        estimate: match (p.low_seconds, p.high_seconds) {
                            (Some(low), Some(high)) => {
                                Estimate { span: w(Span::range(low, high)), dates: dates(e.from, low, high, &w) }
                            }
                            _ => Estimate { span: w(phrases::eta(p, e.from)), dates: None },
                        },
                        basis: q.words(phrases::basis(p.basis, metric)),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        total: eta.and_then(|e| {
            let (low, high) = (e.total_low_seconds?, e.total_high_seconds?);
            let range = Span::range(low, high);
            Some(Estimate {
                span: w(match e.n_unknown {
                    0 => range,
                    n => format!("{range} ({n} unknown, not counted)"),
                }),
                dates: dates(e.from, low, high, &w),
            })
        }),
        method: covdash_protocol::ETA_METHOD,
    }
}

/// How many packages each tier holds.
fn distribution(a: &Analysis, q: &dyn Quote) -> SectionBody {
    let n_tiers = a.distribution.len();
    let w = |text: String| q.words(&text);
    SectionBody::Bars {
        rows: a
            .distribution
            .iter()
            .enumerate()
            .map(|(idx, t)| {
                let range = phrases::tier_range(t.min, t.below);
                let packages = count_of(t.packages as u64, "package");
                BarRow {
                    key: t.tier.clone(),
                    name: q.name(&t.tier),
                    value: Some(shown(t.share)),
                    value_text: w(format!("{packages}, {}% of packages", fixed(t.share, 1))),
                    text: w(packages),
                    note: Some(w(format!("{}%", fixed(t.share, 1)))),
                    detail: Some(w(range)),
                    tone: tone_of(Some(idx), n_tiers),
                }
            })
            .collect(),
        footer: None,
    }
}

/// Each group's figure and whether it is ready.
fn readiness(a: &Analysis, q: &dyn Quote) -> SectionBody {
    let w = |text: String| q.words(&text);
    let short: std::collections::HashMap<&str, &str> =
        a.packages.iter().map(|p| (p.name.as_str(), p.short_name.as_str())).collect();
    SectionBody::Bars {
        rows: a
            .readiness
            .iter()
            .map(|g| {
                let shown_names: Vec<&str> =
                    g.below_target.iter().map(|n| short.get(n.as_str()).copied().unwrap_or(n.as_str())).collect();
                // A group that is one package of its own name (one per directory) needs no
                // "lagging: calc" beside "calc … below target".
                let itself = g.packages.len() == 1 && shown_names == [g.name.as_str()];
                let lagging: Vec<String> =
                    if itself { Vec::new() } else { shown_names.into_iter().map(|n| q.name(n)).collect() };
                BarRow {
                    key: g.name.clone(),
                    name: q.name(&g.name),
                    value: g.percent.map(shown),
                    text: w(pct_or_na(g.percent)),
                    value_text: w(format!("{}, {}", pct_or_na(g.percent), phrases::readiness(g.status))),
                    note: Some(w(readiness_mark(g.status).to_owned())),
                    detail: (!lagging.is_empty())
                        .then(|| format!("{}{}", w("lagging: ".to_owned()), lagging.join(&w(", ".to_owned())))),
                    tone: Some(readiness_tone(g.status)),
                }
            })
            .collect(),
        footer: Some(w(format!(
            "Ready at {} or more; near within {} points",
            pct(a.target),
            fixed(analysis::NEAR_POINTS, 0)
        ))),
    }
}

/// What the work achieved, in words.
fn achievements(a: &Analysis, q: &dyn Quote) -> SectionBody {
    SectionBody::List(
        a.achievements.iter().map(|item| phrases::achievement_with(item, &|t| q.words(t), &|n| q.name(n))).collect(),
    )
}

/// The pace of the work.
fn momentum(a: &Analysis, q: &dyn Quote) -> SectionBody {
    SectionBody::Facts(
        a.momentum.as_ref().map(phrases::momentum_facts).map(|pairs| facts(pairs, q)).unwrap_or_default(),
    )
}

/// The overall figure against the goal.
fn goal(a: &Analysis, q: &dyn Quote) -> SectionBody {
    let w = |text: String| q.words(&text);
    let rows = a
        .goal
        .iter()
        .flat_map(|g| {
            [("current", "Current", g.current), ("goal", "Goal", g.goal)].map(|(key, name, value)| BarRow {
                key: key.to_owned(),
                name: q.words(name),
                value: Some(shown(value)),
                text: w(pct(value)),
                value_text: w(pct(value)),
                note: None,
                detail: None,
                tone: None,
            })
        })
        .collect();
    let footer = a.goal.as_ref().map(|g| w(phrases::goal(g)));
    SectionBody::Bars { rows, footer }
}

/// The session in facts.
fn summary(a: &Analysis, q: &dyn Quote) -> SectionBody {
    SectionBody::Facts(facts(phrases::summary_facts(&a.summary), q))
}

/// What to test next: the packages ranked by the strategy chosen, or, once every package has
/// reached the target, the files with the most left uncovered.
fn recommendations(a: &Analysis, q: &dyn Quote) -> SectionBody {
    let metric = a.metric;
    let w = |text: String| q.words(&text);
    if a.recommendations.items.is_empty() {
        SectionBody::Recommendations {
            strategy: w(format!(
                "Every package has reached the target: the files with the most uncovered {}, largest first",
                metric.plural()
            )),
            ranked: Ranked::Files,
            rows: a
                .recommendations
                .files
                .iter()
                .map(|f| RecommendationRow {
                    key: f.path.clone(),
                    rank: f.rank,
                    name: q.name(&f.path),
                    percent: w(pct_or_na(f.percent)),
                    reason: format!(
                        "{}{}{}",
                        w(format!("{} uncovered, in ", phrases::count(f.uncovered, metric))),
                        q.name(crate::analysis::shown_package(&f.package)),
                        lines_said(&f.lines, q)
                    ),
                    files: Vec::new(),
                })
                .collect(),
            with_files: a.recommendations.files.len(),
        }
    } else {
        SectionBody::Recommendations {
            strategy: w(format!("Ranked {}", a.recommendations.description)),
            ranked: Ranked::Packages,
            rows: a
                .recommendations
                .items
                .iter()
                .map(|r| RecommendationRow {
                    key: r.package.clone(),
                    rank: r.rank,
                    name: q.name(&r.short_name),
                    percent: w(pct(r.percent)),
                    reason: w(phrases::reason(r, metric, a.target)),
                    files: r
                        .files
                        .iter()
                        .map(|f| FileItem {
                            path: f.path.clone(),
                            text: format!(
                                "{}{}{}",
                                q.name(&f.path),
                                w(format!(" — {} uncovered", format_count(f.uncovered))),
                                lines_said(&f.lines, q)
                            ),
                        })
                        .collect(),
                })
                .collect(),
            with_files: a.recommendations.with_files,
        }
    }
}

/// A recommended file's uncovered lines, the first few ranges: the drill-down lists them all.
fn lines_shown(ranges: &[(u32, u32)]) -> Option<String> {
    super::files::ranges_text(ranges, SHOWN_LINES)
}

/// How many ranges, partial branch lines or functions a recommended file lists of each.
const SHOWN_LINES: usize = 6;

/// What a recommended file's lines record, each part after "; ", quoted by `q` (a function's
/// name is the data's): "; not covered: 12–18, 40; branches partly taken: 31 (1 of 2); never
/// called: parse (12)". Empty when nothing is known.
fn lines_said(lines: &FileLines, q: &dyn Quote) -> String {
    let mut said = String::new();
    if let Some(ranges) = lines_shown(&lines.uncovered_lines) {
        said.push_str(&q.words(&format!("; not covered: {ranges}")));
    }
    let partial = lines.partial_branches.iter().map(|(line, taken, all)| format!("{line} ({taken} of {all})"));
    if let Some(partial) = super::files::listed(partial, lines.partial_branches.len(), SHOWN_LINES) {
        said.push_str(&q.words(&format!("; branches partly taken: {partial}")));
    }
    let uncalled = lines
        .uncalled_functions
        .iter()
        .map(|(name, line)| format!("{}{}", q.name(name), q.words(&format!(" ({line})"))));
    let n_uncalled = lines.uncalled_functions.len();
    if let Some(uncalled) = super::files::listed(uncalled, n_uncalled, SHOWN_LINES) {
        // `listed` joins with words of its own: ", " and " and N more" need no quoting.
        said.push_str(&format!("{}{uncalled}", q.words("; never called: ")));
    }
    said
}

/// "This change": the patch figure with its tier, then each file's, with the changed lines
/// not covered; the report's own figure in the footer, for scale.
fn change(a: &Analysis, q: &dyn Quote) -> SectionBody {
    let w = |text: String| q.words(&text);
    let Some(patch) = &a.patch else {
        return match &a.differential {
            Some((label, differential)) => same_source(a, label, differential, q),
            None => SectionBody::Bars { rows: Vec::new(), footer: None },
        };
    };
    let n_tiers = a.distribution.len();
    // The tier a figure falls in (the distribution lists the tiers from the highest).
    let tier = |percent: Option<f64>| -> Option<(usize, &str)> {
        let percent = percent?;
        a.distribution.iter().position(|t| percent >= t.min).map(|idx| (idx, a.distribution[idx].tier.as_str()))
    };
    let lines = |covered: u64, measured: u64| match measured {
        0 => "no line measured".to_owned(),
        n => format!("{} of {}", format_count(covered), count_of(n, "line")),
    };
    let total_tier = tier(patch.percent);
    let verdict = match patch.percent {
        Some(p) if p >= a.target => format!("at or above the {} target", pct(a.target)),
        Some(_) => format!("below the {} target", pct(a.target)),
        None => "no changed line is measured".to_owned(),
    };
    let mut rows = vec![BarRow {
        key: ALL_CHANGED_LINES.to_owned(),
        name: q.words("All changed lines"),
        value: patch.percent.map(shown),
        text: w(pct_or_na(patch.percent)),
        value_text: w(format!("{} of the changed lines covered, {verdict}", pct_or_na(patch.percent))),
        note: Some(w(lines(patch.covered, patch.measured))),
        detail: Some(match total_tier {
            Some((_, name)) => format!("{}{}", q.name(name), w(format!(" · {verdict}"))),
            None => w(verdict.clone()),
        }),
        tone: total_tier.map(|(idx, _)| Tone::of(idx, n_tiers)),
    }];
    // Each file's lines by category, and those the change left alone whose coverage changed:
    // lost their tests, newly tested (its new lines not tested are those "not covered").
    let categories = |report_path: Option<&str>| -> Option<String> {
        let (_, differential) = a.differential.as_ref()?;
        let file = differential.files.iter().find(|d| Some(d.path.as_str()) == report_path)?;
        let codes = super::differential::codes(&file.counts);
        let indirect = super::differential::indirect_changes(file, " · ")
            .map(|said| format!("changed where the code did not: {said}"));
        let said: Vec<String> = codes.into_iter().chain(indirect).collect();
        (!said.is_empty()).then(|| said.join(" · "))
    };
    rows.extend(patch.files.iter().map(|f| {
        let missed = line_ranges(&f.uncovered_lines);
        let mut detail = match (missed.is_empty(), f.report_path.is_some()) {
            (_, false) => "not in the report".to_owned(),
            (true, true) if f.measured > 0 => "every measured line covered".to_owned(),
            (true, true) => "no changed line is measured".to_owned(),
            (false, true) => format!("not covered: {missed}"),
        };
        if let Some(categories) = categories(f.report_path.as_deref()) {
            detail = format!("{detail} · {categories}");
        }
        let detail = w(detail);
        BarRow {
            key: f.path.clone(),
            name: q.name(&f.path),
            value: f.percent.map(shown),
            text: w(pct_or_na(f.percent)),
            value_text: w(format!("{} of its changed lines covered", pct_or_na(f.percent))),
            note: Some(w(lines(f.covered, f.measured))),
            detail: Some(detail),
            tone: tier(f.percent).map(|(idx, _)| Tone::of(idx, n_tiers)),
        }
    }));
    // Files the diff left alone whose coverage changed all the same.
    if let Some((_, differential)) = &a.differential {
        let in_patch = |path: &str| patch.files.iter().any(|f| f.report_path.as_deref() == Some(path));
        rows.extend(differential.files.iter().filter(|f| !in_patch(&f.path)).filter_map(|f| {
            let said = super::differential::indirect_changes(f, " · ")?;
            let tone = |percent: Option<f64>| tier(percent).map(|(idx, _)| Tone::of(idx, n_tiers));
            Some(differential_row(f, format!("not in the diff; changed where the code did not: {said}"), q, &tone))
        }));
    }
    let mut notes = Vec::new();
    if let Some((label, differential)) = &a.differential {
        let words = super::differential_words(&differential.total);
        notes.push(format!(
            "{}{}{}",
            w("line by line against ".to_owned()),
            against(label, q),
            w(format!(": {words}"))
        ));
    }
    if patch.not_measured > 0 {
        let n = patch.not_measured;
        notes.push(w(phrases::not_measured(n)));
    }
    if let Some((taken, all)) = patch.branches.filter(|b| b.1 > 0) {
        notes.push(w(format!("branches on changed lines: {} of {}", format_count(taken), format_count(all))));
    }
    if let Some(overall) = a.progress.points.iter().rev().find_map(|p| p.percent) {
        notes.push(w(format!("the whole report: {}", pct(overall))));
    }
    // Each note is quoted as it was made: the label compared with is a name, the rest words.
    SectionBody::Bars { rows, footer: (!notes.is_empty()).then(|| notes.join("; ")) }
}

/// How the snapshot compared with is named: by its label, else as "the snapshot before".
fn against(label: &str, q: &dyn Quote) -> String {
    if label.is_empty() {
        q.words("the snapshot before")
    } else {
        format!("“{}”", q.name(label))
    }
}

/// A file of the line-by-line comparison as a row: its current lines' share covered, its
/// categories' counts, and `detail`.
fn differential_row(
    file: &FileDifferential,
    detail: String,
    q: &dyn Quote,
    tone: &dyn Fn(Option<f64>) -> Option<Tone>,
) -> BarRow {
    let now = Category::ALL.into_iter().filter(|c| c.in_current());
    let measured: u64 = now.clone().map(|c| file.counts.get(c)).sum();
    let covered: u64 = now.filter(|c| c.covered()).map(|c| file.counts.get(c)).sum();
    let percent = (measured > 0).then(|| covered as f64 * 100.0 / measured as f64);
    BarRow {
        key: file.path.clone(),
        name: q.name(&file.path),
        value: percent.map(shown),
        text: q.words(&pct_or_na(percent)),
        value_text: q.words(&format!("{} of its lines covered now", pct_or_na(percent))),
        note: Some(q.words(&super::differential_words(&file.counts))),
        detail: Some(q.words(&detail)),
        tone: tone(percent),
    }
}

/// "This change" for one source measured twice, without a diff (two runs of one commit, or
/// tests changed around the same code): the files whose lines changed state.
fn same_source(a: &Analysis, label: &str, differential: &Differential, q: &dyn Quote) -> SectionBody {
    let n_tiers = a.distribution.len();
    let tone = |percent: Option<f64>| {
        let percent = percent?;
        a.distribution.iter().position(|t| percent >= t.min).map(|idx| Tone::of(idx, n_tiers))
    };
    let rows = differential
        .files
        .iter()
        .filter_map(|f| {
            let said = super::differential::indirect_changes(f, " · ")?;
            Some(differential_row(f, format!("coverage changed: {said}"), q, &tone))
        })
        .collect();
    let words = super::differential_words(&differential.total);
    let footer = format!(
        "{}{}{}",
        q.words("the same source measured twice (the same lines in both), line by line against "),
        against(label, q),
        q.words(&format!(": {words}"))
    );
    SectionBody::Bars { rows, footer: Some(footer) }
}

/// `"12–14, 20"`: ascending line numbers as ranges of consecutive ones, every one.
fn line_ranges(lines: &[u32]) -> String {
    ranges_text(&consecutive(lines), usize::MAX).unwrap_or_default()
}

/// When an estimate of `low` to `high` from `from` falls, its words through `w`.
fn dates(
    from: Option<Timestamp>,
    low: Span,
    high: Span,
    w: &dyn Fn(String) -> String,
) -> Option<(String, Option<String>)> {
    phrases::around_parts(from, low, high).map(|(first, last)| (w(first), last.map(w)))
}

pub(super) fn readiness_mark(status: Readiness) -> &'static str {
    match status {
        Readiness::Ready => "✓ ready",
        Readiness::Near => "◐ near",
        Readiness::Below => "✗ below target",
        Readiness::Unknown => "– no data",
    }
}

pub(super) fn readiness_tone(status: Readiness) -> Tone {
    match status {
        Readiness::Ready => Tone::Top,
        Readiness::Near => Tone::Middle,
        Readiness::Below | Readiness::Unknown => Tone::Bottom,
    }
}
