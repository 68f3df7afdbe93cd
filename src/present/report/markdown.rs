//! The pull-request comment: a summary table, the packages with their tiers, the top
//! recommendations, and the rest folded in `<details>`.
//!
//! Names from the data are escaped so that they cannot break the table or inject markup.

use std::fmt::Write as _;

use super::super::format::format_count;
use super::super::phrases::{self, pct, pct_or_na, points};
use crate::analysis::{Analysis, Readiness, Section};

/// How many recommendations are shown before the fold.
const TOP: usize = 3;

/// Escapes text for a Markdown table cell or line: `|`, `<`, `>`, `*`, `_`, `` ` ``, `[`, `]`,
/// `\` and `#` lose their meaning.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '*' | '_' | '`' | '[' | ']' | '\\' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
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
    let _ = writeln!(out, "## {}\n", esc(title));

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
    if analysis.progress.method == "mean of packages" {
        let _ =
            writeln!(out, "\n_Overall figures are the mean of the packages: the data has percentages, not counts._");
    }

    // Packages with tiers.
    let _ = writeln!(out, "\n### Packages\n");
    let _ = writeln!(out, "| Package | Coverage | Tier | Change |\n|---|---:|---|---:|");
    for line in &analysis.packages {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            esc(&line.short_name),
            pct_or_na(line.percent),
            esc(line.tier.as_deref().unwrap_or("n/a")),
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
                    esc(&p.label),
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
                    esc(&w.snapshot),
                    esc(&w.short_name),
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
                    esc(&d.short_name),
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
                        esc(&p.short_name),
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
                let _ = writeln!(out, "| {} | {} | {} | {:.1}% |", esc(&t.tier), pct(t.min), t.packages, t.share);
            }
        }
        Section::Readiness => {
            let _ = writeln!(out, "| Group | Coverage | Status | Below target |\n|---|---:|---|---|");
            for g in &analysis.readiness {
                let below: Vec<String> = g.below_target.iter().map(|n| esc(n)).collect();
                let _ = writeln!(
                    out,
                    "| {} | {} | {} {} | {} |",
                    esc(&g.name),
                    pct_or_na(g.percent),
                    status_mark(g.status),
                    phrases::readiness(g.status),
                    below.join(", ")
                );
            }
        }
        Section::Achievements => {
            for a in &analysis.achievements {
                let _ = writeln!(out, "- {}", esc(&phrases::achievement(a)));
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
                    let _ =
                        writeln!(out, "   - `{}`: {} uncovered", f.path.replace('`', "'"), format_count(f.uncovered));
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

fn recommendation_line(out: &mut String, item: &crate::analysis::Recommendation, metric: &str, target: f64) {
    let _ = writeln!(
        out,
        "{}. **{}** ({}): {}",
        item.rank,
        esc(&item.short_name),
        pct(item.percent),
        esc(&phrases::reason(item, metric, target))
    );
}
