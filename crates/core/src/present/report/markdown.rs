//! The pull-request comment: a summary table, the packages with their tiers, the top
//! recommendations, and the rest folded in `<details>`.
//!
//! Names from the data (packages, files, snapshot labels, groups, tiers, the title) are shown
//! as they are when plain, and otherwise as code spans ([`name`]): in GitHub- and
//! GitLab-flavoured Markdown nothing inside one is a link, an image, a mention, an issue
//! reference or HTML, and a `|` in one cannot break a table. The report's own words go through
//! [`esc`].

use std::fmt::Write as _;

use super::super::phrases::{self, pct_or_na, points};
use super::super::sections::{all_sections, Quote};
use crate::analysis::{Analysis, Section};
use covdash_protocol::escape;
use covdash_protocol::format::format_count;
use covdash_protocol::pct;
use covdash_protocol::{BarRow, RecommendationRow, SectionBody, SectionView};

/// How many recommendations are shown before the fold.
const TOP: usize = 3;

/// How many rows of the change (its total and its files) are shown before the fold.
const CHANGED_FILES: usize = 11;

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

/// Names as [`name`] quotes them, the report's words as [`esc`] escapes them.
struct Markdown;

impl Quote for Markdown {
    fn name(&self, text: &str) -> String {
        name(text)
    }

    fn words(&self, text: &str) -> String {
        esc(text)
    }
}

/// The Markdown report of `analysis`.
pub fn markdown(analysis: &Analysis) -> String {
    let mut out = String::new();
    let metric = analysis.metric;
    let title = analysis.title.as_deref().unwrap_or("Coverage report");
    let _ = writeln!(out, "## {}\n", name(title));

    // The change since the history's previous snapshot, first: what a pull request did.
    if let Some(change) = &analysis.since {
        let _ = writeln!(out, "**{}**\n", phrases::since(change, &code(change.earlier())));
    }
    let sections = all_sections(analysis, &Markdown);
    // The change first, when a diff was given: its figure, then its files (the first shown,
    // the rest folded).
    if let (Some(patch), Some(change)) = (&analysis.patch, sections.iter().find(|s| s.is(Section::Change))) {
        let verdict = match patch.percent {
            Some(p) if p >= analysis.target => format!("at or above the {} target", pct(analysis.target)),
            Some(_) => format!("below the {} target", pct(analysis.target)),
            None => "no changed line is measured".to_owned(),
        };
        let _ = writeln!(
            out,
            "**This change: {}** of its changed lines covered ({} of {} measured), {verdict}.\n",
            pct_or_na(patch.percent),
            format_count(patch.covered),
            format_count(patch.measured)
        );
        body(&mut out, change, 0..CHANGED_FILES);
        if let SectionBody::Bars { rows, .. } = &change.body {
            if rows.len() > CHANGED_FILES {
                let _ = writeln!(out, "\n<details><summary>{} more files</summary>\n", rows.len() - CHANGED_FILES);
                body(&mut out, change, CHANGED_FILES..rows.len());
                let _ = writeln!(out, "\n</details>");
            }
        }
        out.push('\n');
    }

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
        if let Some(n) = tests.counts.failed {
            cells.push(format!("{} failed", format_count(n)));
        }
        if let Some(n) = tests.counts.skipped {
            cells.push(format!("{} skipped", format_count(n)));
        }
        if let Some(n) = tests.counts.flaky {
            cells.push(format!("{} flaky", format_count(n)));
        }
        if !cells.is_empty() {
            let _ = writeln!(out, "| Tests | {} |", cells.join(", "));
        }
    }
    if analysis.progress.method == crate::analysis::Method::MeanOfPackages {
        let _ = writeln!(out, "\n_{}._", esc(&upper_first(phrases::MEAN_OF_PACKAGES)));
    }

    let packages = sections.iter().find(|s| s.is(Section::Packages));
    let recommendations = sections.iter().find(|s| s.is(Section::Recommendations));
    // The packages, then the first recommendations, open; everything else folded.
    if let Some(packages) = packages {
        let _ = writeln!(out, "\n### {}\n", packages.title);
        body(&mut out, packages, 0..usize::MAX);
    }
    if let Some(SectionBody::Recommendations { strategy, rows, .. }) = recommendations.map(|s| &s.body) {
        if !rows.is_empty() {
            let _ = writeln!(out, "\n### Test next\n\n{strategy}:\n");
            recommendations_list(&mut out, rows, TOP, false);
        }
    }
    let _ = writeln!(out, "\n<details><summary>Details</summary>\n");
    for section in sections.iter().filter(|s| !s.is(Section::Packages) && !s.is(Section::Change)) {
        let _ = writeln!(out, "#### {}\n", section.title);
        body(&mut out, section, 0..usize::MAX);
        out.push('\n');
    }
    let _ = writeln!(out, "</details>");
    out
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// One section's body, the rows in `shown`.
fn body(out: &mut String, section: &SectionView, shown: std::ops::Range<usize>) {
    let limit = shown.end.saturating_sub(shown.start);
    match &section.body {
        SectionBody::Unavailable(reason) => {
            let _ = writeln!(out, "Not computed: {reason}.");
        }
        SectionBody::Bars { rows, footer } => {
            // A column is shown when it has a head or a row has something in it.
            let cells = |row: &BarRow| {
                [
                    row.name.clone(),
                    row.text.clone(),
                    row.note.clone().unwrap_or_default(),
                    row.detail.clone().unwrap_or_default(),
                ]
            };
            let columns: Vec<usize> = (0..4)
                .filter(|&i| i < 2 || !section.columns[i].is_empty() || rows.iter().any(|r| !cells(r)[i].is_empty()))
                .collect();
            let heads: Vec<&str> = columns.iter().map(|&i| section.columns[i]).collect();
            let rule: Vec<&str> = columns.iter().map(|&i| if i == 0 || i == 3 { "---" } else { "---:" }).collect();
            let _ = writeln!(out, "| {} |\n|{}|", heads.join(" | "), rule.join("|"));
            for row in rows.iter().skip(shown.start).take(limit) {
                let cells = cells(row);
                let row: Vec<&str> = columns.iter().map(|&i| cells[i].as_str()).collect();
                let _ = writeln!(out, "| {} |", row.join(" | "));
            }
            // A footer once, under the last of the rows.
            if let Some(footer) = footer.as_ref().filter(|_| shown.end >= rows.len()) {
                let _ = writeln!(out, "\n_{footer}_");
            }
        }
        SectionBody::Facts(facts) => {
            for fact in facts {
                let _ = writeln!(out, "- {}: {}", fact.label, fact.value);
            }
        }
        SectionBody::List(items) => {
            for item in items {
                let _ = writeln!(out, "- {item}");
            }
        }
        SectionBody::Eta { rows, total, method } => {
            let [name, estimate, pace, _] = section.columns;
            let _ = writeln!(out, "| {name} | {estimate} | {pace} |\n|---|---|---|");
            for row in rows.iter().skip(shown.start).take(limit) {
                let _ = writeln!(out, "| {} | {} | {} |", row.name, row.estimate, row.basis);
            }
            if let Some(total) = total {
                let _ = writeln!(out, "| **Total** | {total} | |");
            }
            let _ = writeln!(out, "\n{}", esc(method));
        }
        SectionBody::Recommendations { strategy, rows, .. } => {
            let _ = writeln!(out, "{strategy}:\n");
            recommendations_list(out, rows, limit, true);
        }
    }
}

fn recommendations_list(out: &mut String, rows: &[RecommendationRow], limit: usize, files: bool) {
    for row in rows.iter().take(limit) {
        let _ = writeln!(out, "{}. **{}** ({}): {}", row.rank, row.name, row.percent, row.reason);
        if files {
            for file in &row.files {
                let _ = writeln!(out, "   - {}", file.text);
            }
        }
    }
}
