//! The pull-request comment: a summary table, the packages with their tiers, the top
//! recommendations, and the rest folded in `<details>`.
//!
//! Names from the data (packages, files, snapshot labels, groups, tiers, the title) are shown
//! as they are when plain, and otherwise as code spans ([`name`]): in GitHub- and
//! GitLab-flavoured Markdown nothing inside one is a link, an image, a mention, an issue
//! reference or HTML, and a `|` in one cannot break a table. The report's own words go through
//! [`esc`].

use std::fmt::Write as _;

use super::super::phrases::{self, pct_or_na, points_between};
use super::super::sections::{all_sections, Quote};
use crate::analysis::{Analysis, Category, Counts, Differential, Section};
use covdash_protocol::escape;
use covdash_protocol::format::format_count;
use covdash_protocol::pct;
use covdash_protocol::{BarRow, RecommendationRow, SectionBody, SectionView};

use crate::model::sort_by_key;
use covdash_protocol::decimal::fixed;

/// How many recommendations are shown before the fold.
const TOP: usize = 3;

/// How many rows of the change (its total and its files) are shown before the fold.
const CHANGED_FILES: usize = 11;

/// Escapes the report's own text for a Markdown table cell or line: Markdown's punctuation
/// loses its meaning, `<`, `>` and `&` are entities, line breaks are spaces.
pub(crate) fn esc(text: &str) -> String {
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
pub(crate) fn name(text: &str) -> String {
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
        return crate::analysis::ROOT_PACKAGE.to_owned();
    }
    let text = escape::terminal(text).replace('|', "\\|");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']) { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Names as [`name`] quotes them, the report's words as [`esc`] escapes them.
pub(crate) struct Markdown;

impl Quote for Markdown {
    fn name(&self, text: &str) -> String {
        name(text)
    }

    fn words(&self, text: &str) -> String {
        esc(text)
    }
}

/// The most characters GitHub takes in a pull-request comment (its job summaries take 1 MiB).
pub const COMMENT_CHARS: usize = 65_536;

/// How the Markdown report fits where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownOptions {
    /// The most characters the report may have: what does not fit is left out, the least a
    /// reviewer needs first, and the report says what was.
    pub max_chars: usize,
    /// Where the full report is, named where something was left out.
    pub link: Option<String>,
}

impl Default for MarkdownOptions {
    fn default() -> MarkdownOptions {
        MarkdownOptions { max_chars: COMMENT_CHARS, link: None }
    }
}

/// A part of a Markdown comment, in the order it is printed.
pub(crate) enum Block {
    /// Always printed.
    Fixed(String),
    /// What opens and closes the blocks between them (`<details>`): printed when one of them
    /// is, with all of them.
    Open(String),
    Close(String),
    /// Printed with as many of its rows as fit, or left out when not even one fits: `head`
    /// (a heading, a table's head), the rows (each a whole line or list item, with how much a
    /// reviewer needs it), `tail` (a footer, a closing tag). `noun` names one row and more in
    /// the note of what was left out.
    Rows {
        rank: u8,
        head: String,
        rows: Vec<(Need, String)>,
        tail: String,
        noun: (&'static str, &'static str),
    },
}

/// How much a reviewer needs a row, in the order rows are kept when not all fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Need {
    /// What must be seen: packages below the target or that moved, new code not tested, lines
    /// that lost their tests.
    First,
    /// What changed otherwise.
    Then,
    /// The rest: what the change left as it was.
    Last,
}

impl Need {
    const ALL: [Need; 3] = [Need::First, Need::Then, Need::Last];
}

/// The Markdown report of `analysis`, within `options.max_chars` characters.
pub fn markdown(analysis: &Analysis, options: &MarkdownOptions) -> String {
    fitted(blocks(analysis), options)
}

/// `blocks` printed whole when they fit in `options.max_chars` characters, cut to fit otherwise.
pub(crate) fn fitted(blocks: Vec<Block>, options: &MarkdownOptions) -> String {
    let whole: String = blocks.iter().map(|b| b.whole()).collect();
    if whole.chars().count() <= options.max_chars {
        return whole;
    }
    fit(blocks, options)
}

impl Block {
    /// The text of a block that has no rows to keep or leave out.
    fn fixed(&self) -> Option<&str> {
        match self {
            Block::Fixed(text) | Block::Open(text) | Block::Close(text) => Some(text),
            Block::Rows { .. } => None,
        }
    }

    fn whole(&self) -> String {
        match self {
            Block::Fixed(text) | Block::Open(text) | Block::Close(text) => text.clone(),
            Block::Rows { head, rows, tail, .. } => {
                let mut out = head.clone();
                rows.iter().for_each(|(_, row)| out.push_str(row));
                out.push_str(tail);
                out
            }
        }
    }
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

/// The blocks cut to fit: what is always printed, then the rows a reviewer needs first, block
/// by block in rank order (the change, the packages that moved or are below the target, what
/// to test next), then the others the same way (the other packages, the details), until the
/// budget is spent; a note says what was left out.
fn fit(blocks: Vec<Block>, options: &MarkdownOptions) -> String {
    let link = options.link.as_deref().map(|url| format!(" (full report: {})", esc(url))).unwrap_or_default();
    // The note's longest form, kept free.
    let reserve = 160 + chars(&link);
    let fixed: usize = blocks.iter().filter_map(Block::fixed).map(chars).sum();
    let mut left = options.max_chars.saturating_sub(fixed + reserve);
    // For each block, the rows kept.
    let mut kept: Vec<Vec<bool>> = blocks
        .iter()
        .map(|b| if let Block::Rows { rows, .. } = b { vec![false; rows.len()] } else { Vec::new() })
        .collect();
    let mut order: Vec<usize> = (0..blocks.len()).filter(|&i| matches!(blocks[i], Block::Rows { .. })).collect();
    sort_by_key(&mut order, |&i| if let Block::Rows { rank, .. } = &blocks[i] { *rank } else { 0 });
    for need in Need::ALL {
        for &i in &order {
            let Block::Rows { head, rows, tail, .. } = &blocks[i] else { continue };
            let frame = chars(head) + chars(tail);
            for (k, (needed, row)) in rows.iter().enumerate() {
                if *needed != need {
                    continue;
                }
                // A block's head and tail are paid with its first row.
                let cost = chars(row) + if kept[i].contains(&true) { 0 } else { frame };
                if cost <= left {
                    kept[i][k] = true;
                    left -= cost;
                }
            }
        }
    }
    let mut out = String::new();
    let mut left_out: Vec<(usize, (&'static str, &'static str))> = Vec::new();
    // Where the wrapper being printed opened, and whether a block inside it was printed.
    let mut opened: Option<(usize, bool)> = None;
    for (block, kept) in blocks.iter().zip(&kept) {
        match block {
            Block::Fixed(text) => out.push_str(text),
            Block::Open(text) => {
                opened = Some((out.len(), false));
                out.push_str(text);
            }
            Block::Close(text) => match opened.take() {
                Some((at, false)) => out.truncate(at),
                _ => out.push_str(text),
            },
            Block::Rows { head, rows, tail, noun, .. } => {
                let n_kept = kept.iter().filter(|k| **k).count();
                if n_kept < rows.len() {
                    match left_out.iter_mut().find(|(_, n)| n == noun) {
                        Some((count, _)) => *count += rows.len() - n_kept,
                        None => left_out.push((rows.len() - n_kept, *noun)),
                    }
                }
                if n_kept == 0 {
                    continue;
                }
                if let Some((_, printed)) = opened.as_mut() {
                    *printed = true;
                }
                out.push_str(head);
                rows.iter().zip(kept).filter(|(_, k)| **k).for_each(|((_, row), _)| out.push_str(row));
                out.push_str(tail);
            }
        }
    }
    let what: Vec<String> = left_out
        .iter()
        .map(|(n, (one, many))| format!("{} more {}", format_count(*n as u64), if *n == 1 { one } else { many }))
        .collect();
    let _ = writeln!(
        out,
        "\n_… and {}: left out to fit {} characters{link}._",
        what.join(", "),
        format_count(options.max_chars as u64)
    );
    out
}

/// The report as blocks, in print order.
fn blocks(analysis: &Analysis) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut out = String::new();
    let metric = analysis.metric;
    let title = analysis.title.as_deref().unwrap_or("Coverage report");
    let _ = writeln!(out, "## {}\n", name(title));

    // The change since the history's previous snapshot, first: what a pull request did.
    if let Some(change) = &analysis.since {
        let _ = writeln!(out, "**{}**\n", phrases::since(change, &code(change.earlier())));
    }
    if let Some(left_out) = &analysis.left_out {
        let _ = writeln!(out, "_{}._\n", phrases::left_out(left_out, &code));
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
        blocks.push(Block::Fixed(std::mem::take(&mut out)));
        let (head, rows, tail) = parts(change);
        let n = rows.len();
        let mut shown: Vec<(Need, String)> = rows.into_iter().map(|row| (Need::First, row)).collect();
        let folded = shown.split_off(n.min(CHANGED_FILES));
        // The footer once, under the last of the rows.
        let first_tail = if folded.is_empty() { tail.clone() } else { String::new() };
        blocks.push(Block::Rows {
            rank: 0,
            head,
            rows: shown,
            tail: first_tail,
            noun: ("changed file", "changed files"),
        });
        if !folded.is_empty() {
            let (head, _, _) = parts(change);
            let head = format!("\n<details><summary>{} more files</summary>\n\n{head}", folded.len());
            let folded = folded.into_iter().map(|(_, row)| (Need::Last, row)).collect();
            blocks.push(Block::Rows {
                rank: 0,
                head,
                rows: folded,
                tail: format!("{tail}\n</details>\n"),
                noun: ("changed file", "changed files"),
            });
        }
        out.push('\n');
    }

    // The summary table.
    let current = analysis.progress.points.iter().rev().find_map(|p| p.percent);
    let _ = writeln!(out, "| | |\n|---|---|");
    let _ = writeln!(out, "| **Coverage** ({metric}) | **{}** |", pct_or_na(current));
    if let (Some(_), Some(first), Some(last)) =
        (analysis.progress.total_gain, analysis.progress.points.iter().find_map(|p| p.percent), current)
    {
        let _ = writeln!(out, "| Change | {} points (from {}) |", points_between(first, last), pct(first));
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
        let _ = writeln!(out, "| Goal | {} ({}% reached) |", pct(goal.goal), fixed(goal.share, 1));
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
    blocks.push(Block::Fixed(std::mem::take(&mut out)));

    let packages = sections.iter().find(|s| s.is(Section::Packages));
    let recommendations = sections.iter().find(|s| s.is(Section::Recommendations));
    // The packages, then the first recommendations, open; everything else folded. Cut to fit,
    // the packages that moved or are below the target are kept first.
    if let Some(packages) = packages {
        let (head, rows, tail) = parts(packages);
        let needed = analysis
            .packages
            .iter()
            .map(|p| p.change.is_some_and(|d| d != 0.0) || p.percent.is_some_and(|v| v < analysis.target));
        let rows = rows
            .into_iter()
            .zip(needed.chain(std::iter::repeat(false)))
            .map(|(row, first)| (if first { Need::First } else { Need::Last }, row))
            .collect();
        blocks.push(Block::Rows {
            rank: 1,
            head: format!("\n### {}\n\n{head}", packages.title()),
            rows,
            tail,
            noun: ("package", "packages"),
        });
    }
    if let Some(SectionBody::Recommendations { strategy, rows, .. }) = recommendations.map(|s| &s.body) {
        if !rows.is_empty() {
            let head = format!("\n### Test next\n\n{strategy}:\n\n");
            let rows = rows.iter().take(TOP).map(|row| (Need::First, recommendation(row, false))).collect();
            blocks.push(Block::Rows {
                rank: 2,
                head,
                rows,
                tail: String::new(),
                noun: ("recommendation", "recommendations"),
            });
        }
    }
    blocks.push(Block::Open("\n<details><summary>Details</summary>\n\n".to_owned()));
    // The change with a diff is shown above; one source measured twice is among the details.
    let apart = |s: &SectionView| s.is(Section::Packages) || (s.is(Section::Change) && analysis.patch.is_some());
    for section in sections.iter().filter(|s| !apart(s)) {
        let (head, rows, tail) = parts(section);
        let rows = rows.into_iter().map(|row| (Need::Last, row)).collect();
        let head = format!("#### {}\n\n{head}", section.title());
        blocks.push(Block::Rows {
            rank: 3,
            head,
            rows,
            tail: format!("{tail}\n"),
            noun: ("row of the details", "rows of the details"),
        });
    }
    blocks.push(Block::Close("</details>\n".to_owned()));
    blocks
}

/// covdash's own words (ASCII) with a capital first letter.
fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}

/// One section's body in three parts: what comes before its rows (a table's head, the
/// strategy), its rows (each a whole line, or a list item with its files), what comes after
/// (a footer, the method).
fn parts(section: &SectionView) -> (String, Vec<String>, String) {
    let (mut head, mut rows, mut tail) = (String::new(), Vec::new(), String::new());
    match &section.body {
        SectionBody::Unavailable(reason) => {
            let _ = writeln!(head, "Not computed: {reason}.");
        }
        SectionBody::Bars { rows: bars, footer } => {
            // A column is shown when it has a head or a row has something in it.
            let cells = |row: &BarRow| {
                [
                    row.name.clone(),
                    row.text.clone(),
                    row.note.clone().unwrap_or_default(),
                    row.detail.clone().unwrap_or_default(),
                ]
            };
            let titles = section.columns();
            let columns: Vec<usize> = (0..4)
                .filter(|&i| i < 2 || !titles[i].is_empty() || bars.iter().any(|r| !cells(r)[i].is_empty()))
                .collect();
            let heads: Vec<&str> = columns.iter().map(|&i| titles[i]).collect();
            let rule: Vec<&str> = columns.iter().map(|&i| if i == 0 || i == 3 { "---" } else { "---:" }).collect();
            let _ = writeln!(head, "| {} |\n|{}|", heads.join(" | "), rule.join("|"));
            for row in bars {
                let cells = cells(row);
                let row: Vec<&str> = columns.iter().map(|&i| cells[i].as_str()).collect();
                rows.push(format!("| {} |\n", row.join(" | ")));
            }
            if let Some(footer) = footer {
                let _ = writeln!(tail, "\n_{footer}_");
            }
        }
        SectionBody::Facts(facts) => {
            rows = facts.iter().map(|fact| format!("- {}: {}\n", fact.label, fact.value)).collect();
        }
        SectionBody::List(items) => {
            rows = items.iter().map(|item| format!("- {item}\n")).collect();
        }
        SectionBody::Eta { rows: etas, total, method } => {
            let [name, estimate, pace, _] = section.columns();
            let _ = writeln!(head, "| {name} | {estimate} | {pace} |\n|---|---|---|");
            rows = etas.iter().map(|row| format!("| {} | {} | {} |\n", row.name, row.estimate, row.basis)).collect();
            if let Some(total) = total {
                rows.push(format!("| **Total** | {total} | |\n"));
            }
            let _ = writeln!(tail, "\n{}", esc(method));
        }
        SectionBody::Recommendations { strategy, rows: ranked, .. } => {
            let _ = writeln!(head, "{strategy}:\n");
            rows = ranked.iter().map(|row| recommendation(row, true)).collect();
        }
    }
    (head, rows, tail)
}

/// A recommendation as a list item, with its files when `files`.
fn recommendation(row: &RecommendationRow, files: bool) -> String {
    let mut out = format!("{}. **{}** ({}): {}\n", row.rank, row.name, row.percent, row.reason);
    if files {
        for file in &row.files {
            let _ = writeln!(out, "   - {}", file.text);
        }
    }
    out
}

/// `covdash compare --format markdown`: the counts in words, a table of the files by category
/// (the total first, files with new code not tested or lost tests first kept), and the lines
/// whose coverage changed where the code did not; within `options.max_chars`, as the report.
pub fn differential_markdown(differential: &Differential, options: &MarkdownOptions) -> String {
    let columns: Vec<Category> = differential.total.present().map(|(c, _)| c).collect();
    let cells = |counts: &Counts| -> String {
        columns
            .iter()
            .map(|c| format!(" {} |", if counts.get(*c) == 0 { String::new() } else { format_count(counts.get(*c)) }))
            .collect()
    };
    let mut head = format!("| file |{}\n|---|", columns.iter().map(|c| format!(" {} |", c.code())).collect::<String>());
    head.push_str(&"---:|".repeat(columns.len()));
    let _ = writeln!(head, "\n| **total** |{}", cells(&differential.total));
    // New code not tested and lost tests first, then any other change, then files the change
    // left as they were (still tested or still not).
    let need = |counts: &Counts| {
        if counts.get(Category::Unc) + counts.get(Category::Lbc) > 0 {
            Need::First
        } else if counts.present().any(|(c, _)| !matches!(c, Category::Cbc | Category::Ubc)) {
            Need::Then
        } else {
            Need::Last
        }
    };
    let rows: Vec<(Need, String)> = differential
        .files
        .iter()
        .filter(|f| f.counts.present().next().is_some())
        .map(|f| (need(&f.counts), format!("| {} |{}\n", name(&f.path), cells(&f.counts))))
        .collect();
    let indirect: Vec<(Need, String)> = differential
        .files
        .iter()
        .filter_map(|f| {
            let said = super::super::differential::indirect_changes(f, "; ")?;
            let lost = f.counts.get(Category::Lbc) > 0;
            Some((if lost { Need::First } else { Need::Then }, format!("- {}: {}\n", name(&f.path), esc(&said))))
        })
        .collect();
    let words = esc(&super::super::differential_words(&differential.total));
    let codes = |name: &str, counts| {
        super::super::differential::codes(counts)
            .map(|codes| format!("{name}: {}.\n\n", esc(&codes)))
            .unwrap_or_default()
    };
    let functions = codes("Functions", &differential.function_total) + &codes("Branches", &differential.branch_total);
    let mut blocks = vec![Block::Fixed(format!("### Coverage change, line by line\n\n{words}.\n\n{functions}"))];
    if !columns.is_empty() {
        blocks.push(Block::Rows { rank: 0, head, rows, tail: "\n".to_owned(), noun: ("file", "files") });
    }
    if !indirect.is_empty() {
        let head = "Coverage changed where the code did not (LBC lost its tests, GBC newly tested):\n\n".to_owned();
        let noun = (
            "file whose coverage changed where the code did not",
            "files whose coverage changed where the code did not",
        );
        blocks.push(Block::Rows { rank: 1, head, rows: indirect, tail: "\n".to_owned(), noun });
    }
    fitted(blocks, options)
}
