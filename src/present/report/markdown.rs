//! The pull-request comment: a summary table, the packages with their tiers, the top
//! recommendations, and the rest folded in `<details>`.
//!
//! Names from the data (packages, files, snapshot labels, groups, tiers, the title) are shown
//! as they are when plain, and otherwise as code spans ([`name`]): in GitHub- and
//! GitLab-flavoured Markdown nothing inside one is a link, an image, a mention, an issue
//! reference or HTML, and a `|` in one cannot break a table. The report's own words go through
//! [`esc`].

use std::fmt::Write as _;

use super::super::escape;
use super::super::format::format_count;
use super::super::phrases::{self, pct, pct_or_na, points};
use crate::analysis::{Analysis, Readiness, Section};

/// How many recommendations are shown before the fold.
const TOP: usize = 3;

/// Escapes the report's own text for a Markdown table cell or line: Markdown's punctuation
/// loses its meaning, `<`, `>` and `&` are entities, line breaks are spaces.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '*' | '_' | '`' | '[' | ']' | '\\' | '#' | '@' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A name from the data as it is, when it is plain (letters, digits, spaces and `.,-/:()+='`,
/// no `://` or `www.`: nothing Markdown or GitHub would act on), or else as a [`code`] span.
fn name(text: &str) -> String {
    let plain = text.chars().all(|c| c.is_alphanumeric() || " .,-/:()+='—–".contains(c))
        && !text.contains("://")
        && !text.to_lowercase().contains("www.")
        && !text.is_empty()
        && !text.starts_with([' ', '-', '+', '=']);
    if plain {
        text.to_owned()
    } else {
        code(text)
    }
}

/// A name from the data as an inline code span that holds it literally: fenced by one backtick
/// more than its longest run of backticks, padded where it starts or ends with a backtick or a
/// space, `|` escaped (GFM reads table cells before code spans), and control or reordering
/// characters shown as escapes. An empty name is `(root)`.
fn code(text: &str) -> String {
    if text.is_empty() {
        return "(root)".to_owned();
    }
    let text = escape::terminal(text).replace('|', "\\|");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']) { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

fn status_mark(status: Readiness) -> &'static str {
    match status {
        Readiness::Ready => "✅",
        Readiness::Near => "🟡",
        Readiness::Below => "🔴",
        Readiness::Unknown => "⚪",
    }
}

/// The Markdown report of `analysis`.
pub fn markdown(analysis: &Analysis) -> String {
    let mut out = String::new();
    let metric = analysis.metric;
    let title = analysis.title.as_deref().unwrap_or("Coverage report");
    let _ = writeln!(out, "## {}\n", name(title));

    // The summary table.
    let current = analysis.progress.points.iter().rev().find_map(|p| p.percent);
    let _ = writeln!(out, "| | |\n|---|---|");
    let _ = writeln!(out, "| **Coverage** ({metric}) | **{}** |", pct_or_na(current));
    if let Some(gain) = analysis.progress.total_gain {
        let first = analysis.progress.points.iter().find_map(|p| p.percent);
        let _ = writeln!(out, "| Change | {} points (from {}) |", points(gain), pct_or_na(first));
    }
    let below = analysis.distance.len();
    let _ = writeln!(
        out,
        "| Target | {} per package: {} of {} below |",
        pct(analysis.target),
        below,
        analysis.packages.iter().filter(|p| p.percent.is_some()).count()
    );
    if let Some(goal) = &analysis.goal {
        let _ = writeln!(out, "| Goal | {} ({:.1}% reached) |", pct(goal.goal), goal.share);
    }
    if let Some(tests) = &analysis.tests {
        let mut cells: Vec<String> = Vec::new();
        if let Some(rate) = tests.pass_rate {
            cells.push(format!("{} pass", pct(rate)));
        }
        if let Some(n) = tests.failed {
            cells.push(format!("{} failed", format_count(n)));
        }
        if let Some(n) = tests.skipped {
            cells.push(format!("{} skipped", format_count(n)));
        }
        if let Some(n) = tests.flaky {
            cells.push(format!("{} flaky", format_count(n)));
        }
        if !cells.is_empty() {
            let _ = writeln!(out, "| Tests | {} |", cells.join(", "));
        }
    }
    if analysis.progress.method == crate::analysis::Method::MeanOfPackages {
        let _ =
            writeln!(out, "\n_Overall figures are the mean of the packages: the data has percentages, not counts._");
    }
    if let Some(order) = analysis.progress.order {
        let _ = writeln!(out, "\n_Snapshots {}._", phrases::order(order));
    }

    // Packages with tiers.
    let _ = writeln!(out, "\n### Packages\n");
    let _ = writeln!(out, "| Package | Coverage | Tier | Change |\n|---|---:|---|---:|");
    for line in &analysis.packages {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            name(&line.short_name),
            pct_or_na(line.percent),
            line.tier.as_deref().map_or_else(|| "n/a".to_owned(), name),
            line.change.map(points).unwrap_or_default()
        );
    }

    // Top recommendations.
    let recs = &analysis.recommendations;
    if !recs.items.is_empty() {
        let _ = writeln!(out, "\n### Test next ({})\n", recs.description);
        for item in recs.items.iter().take(TOP) {
            recommendation_line(&mut out, item, metric, analysis.target);
        }
    }

    // Everything else, folded.
    let _ = writeln!(out, "\n<details><summary>Details</summary>\n");
    for section in [
        Section::Progress,
        Section::Wins,
        Section::Distance,
        Section::TimeToTarget,
        Section::Distribution,
        Section::Readiness,
        Section::Achievements,
        Section::Momentum,
        Section::Tests,
        Section::Recommendations,
    ] {
        let _ = writeln!(out, "#### {}\n", section.title());
        if let Some(reason) = analysis.unavailable(section) {
            let _ = writeln!(out, "Not computed: {}.\n", esc(reason));
            continue;
        }
        details(&mut out, analysis, section);
        out.push('\n');
    }
    let _ = writeln!(out, "</details>");
    out
}

fn details(out: &mut String, analysis: &Analysis, section: Section) {
    let metric = analysis.metric;
    match section {
        Section::Progress => {
            let _ = writeln!(out, "| Snapshot | Coverage | Change |\n|---|---:|---:|");
            for p in &analysis.progress.points {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    name(&p.label),
                    pct_or_na(p.percent),
                    p.delta.map(points).unwrap_or_default()
                );
            }
        }
        Section::Wins => {
            let _ = writeln!(out, "| Snapshot | Package | Before → after | Gain | |\n|---|---|---|---:|---|");
            for w in &analysis.wins {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} → {} | {} | {} |",
                    name(&w.snapshot),
                    name(&w.short_name),
                    pct(w.before),
                    pct(w.after),
                    points(w.delta),
                    esc(&w.word)
                );
            }
        }
        Section::Distance => {
            let _ = writeln!(
                out,
                "| Package | Coverage | Points to {} | More {metric} |\n|---|---:|---:|---:|",
                pct(analysis.target)
            );
            for d in &analysis.distance {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    name(&d.short_name),
                    pct(d.percent),
                    points(d.points),
                    d.to_cover.map(format_count).unwrap_or_default()
                );
            }
        }
        Section::TimeToTarget => {
            if let Some(eta) = &analysis.time_to_target {
                let _ = writeln!(out, "| Package | Estimate | Pace |\n|---|---|---|");
                for p in &eta.packages {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} |",
                        name(&p.short_name),
                        esc(&phrases::eta(p)),
                        phrases::basis(p.basis, metric)
                    );
                }
                if let (Some(low), Some(high)) = (eta.total_low_hours, eta.total_high_hours) {
                    let _ = writeln!(out, "| **Total** | {} | |", phrases::hour_range(low, high));
                }
                let _ = writeln!(out, "\n{}", phrases::ETA_METHOD);
            }
        }
        Section::Distribution => {
            let _ = writeln!(out, "| Tier | From | Packages | Share |\n|---|---:|---:|---:|");
            for t in &analysis.distribution {
                let _ = writeln!(out, "| {} | {} | {} | {:.1}% |", name(&t.tier), pct(t.min), t.packages, t.share);
            }
        }
        Section::Readiness => {
            let _ = writeln!(out, "| Group | Coverage | Status | Below target |\n|---|---:|---|---|");
            for g in &analysis.readiness {
                let below: Vec<String> = g.below_target.iter().map(|n| name(n)).collect();
                let _ = writeln!(
                    out,
                    "| {} | {} | {} {} | {} |",
                    name(&g.name),
                    pct_or_na(g.percent),
                    status_mark(g.status),
                    phrases::readiness(g.status),
                    below.join(", ")
                );
            }
        }
        Section::Achievements => {
            for a in &analysis.achievements {
                let _ = writeln!(out, "- {}", phrases::achievement_with(a, &|text| esc(text), &name));
            }
        }
        Section::Momentum => {
            if let Some(m) = &analysis.momentum {
                fact_list(out, phrases::momentum_facts(m));
            }
        }
        Section::Tests => {
            if let Some(t) = &analysis.tests {
                fact_list(out, phrases::test_facts(t));
            }
        }
        Section::Recommendations => {
            for item in &analysis.recommendations.items {
                recommendation_line(out, item, metric, analysis.target);
                for f in &item.files {
                    let _ = writeln!(out, "   - {}: {} uncovered", name(&f.path), format_count(f.uncovered));
                }
            }
        }
        _ => {}
    }
}

fn fact_list(out: &mut String, facts: Vec<(&'static str, String)>) {
    for (label, value) in facts {
        let _ = writeln!(out, "- {label}: {}", esc(&value));
    }
}

fn recommendation_line(
    out: &mut String,
    item: &crate::analysis::Recommendation,
    metric: crate::model::Metric,
    target: f64,
) {
    let _ = writeln!(
        out,
        "{}. **{}** ({}): {}",
        item.rank,
        name(&item.short_name),
        pct(item.percent),
        esc(&phrases::reason(item, metric, target))
    );
}
