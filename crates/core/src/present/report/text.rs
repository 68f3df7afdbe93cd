//! The terminal report: headings, Unicode bars, aligned columns; colour only when asked for
//! (the command line asks when stdout is a terminal and `NO_COLOR` is unset).

use std::fmt::Write as _;

use super::super::phrases::{self};
use super::super::sections::{all_sections, Quote};
use crate::analysis::Analysis;
use crate::present::table::{broken, paint, width_of, Cell, Layout, Table};
use crate::present::Tone;
use covdash_protocol::escape;
use covdash_protocol::pct;
use covdash_protocol::SectionBody;

/// How the report is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextOptions {
    /// Columns available; the bars take what the other columns leave.
    pub width: usize,
    /// ANSI colours for tiers and statuses.
    pub color: bool,
}

impl Default for TextOptions {
    fn default() -> TextOptions {
        TextOptions { width: 80, color: false }
    }
}

/// The widest a name may be in a column.
const NAME_WIDTH: usize = 60;

/// Text for the terminal: controls and reordering characters written as visible escapes.
fn safe(text: &str) -> String {
    escape::terminal(text).into_owned()
}

/// A colour per tone, from the highest tier (green) to the lowest (red), as the page's tones.
fn tone_color(tone: Option<Tone>) -> Option<&'static str> {
    Some(match tone? {
        Tone::Top => "32;1",
        Tone::High => "32",
        Tone::Middle => "36",
        Tone::Low => "33",
        Tone::Bottom => "31",
    })
}

/// Names in a column of the terminal: made safe and shortened in the middle; the report's
/// words as they are.
struct Terminal;

impl Quote for Terminal {
    fn name(&self, text: &str) -> String {
        safe(&escape::elide(text, NAME_WIDTH))
    }

    fn words(&self, text: &str) -> String {
        text.to_owned()
    }
}

/// A section's heading, in capitals: its title is covdash's own words (ASCII), never the data's.
fn heading(out: &mut String, title: &str, options: TextOptions) {
    let title = title.to_ascii_uppercase();
    let rule = "━".repeat(options.width.min(80).saturating_sub(width_of(&title) + 4));
    let text = format!("━━ {title} {rule}");
    out.push('\n');
    out.push_str(&paint(&text, Some("1"), options.color));
    out.push('\n');
}

/// The terminal report of `analysis`.
pub fn text(analysis: &Analysis, options: TextOptions) -> String {
    let mut out = String::new();
    let title = analysis.title.as_deref().unwrap_or("Coverage report");
    let _ = writeln!(out, "{}", paint(&safe(&escape::elide(title, 2 * NAME_WIDTH)), Some("1"), options.color));
    let goal = analysis.goal_percent.map(|g| format!(" · goal {}", pct(g))).unwrap_or_default();
    let _ = writeln!(out, "{} · target {}{goal}", analysis.metric, pct(analysis.target));
    if let Some(change) = &analysis.since {
        let _ = writeln!(out, "{}", safe(&phrases::since(change, change.earlier())));
    }
    if let Some(left_out) = &analysis.left_out {
        let _ = writeln!(out, "{}", safe(&phrases::left_out(left_out, &|g| g.to_owned())));
    }

    for section in all_sections(analysis, &Terminal) {
        heading(&mut out, section.title(), options);
        let mut table = Table::default();
        let layout = Layout { indent: 2, width: Some(options.width), color: options.color };
        match section.body {
            SectionBody::Unavailable(reason) => {
                let said = format!("not computed: {}", safe(&reason));
                let _ = writeln!(out, "  {}", wrap(&said, options.width.saturating_sub(2), 2));
            }
            SectionBody::Bars { rows, footer } => {
                for row in rows {
                    let color = tone_color(row.tone);
                    table.push(vec![
                        Cell::left(row.name),
                        Cell::right(row.text),
                        Cell::bar(row.value.unwrap_or(0.0), color),
                        Cell::right(row.note.unwrap_or_default()),
                        Cell::left(row.detail.unwrap_or_default()),
                    ]);
                }
                out.push_str(&table.render(layout));
                if let Some(footer) = footer {
                    let _ = writeln!(out, "  {}", wrap(&safe(&footer), options.width.saturating_sub(2), 2));
                }
            }
            SectionBody::Facts(facts) => {
                for fact in facts {
                    table.push(vec![Cell::left(format!("{}:", fact.label)), Cell::left(fact.value)]);
                }
                out.push_str(&table.render(layout));
            }
            SectionBody::List(items) => {
                for item in items {
                    let _ = writeln!(out, "  ✓ {}", wrap(&safe(&item), options.width.saturating_sub(4), 4));
                }
            }
            SectionBody::Eta { rows, total, method } => {
                for row in rows {
                    table.push(vec![Cell::left(row.name), Cell::left(row.estimate.to_string()), Cell::left(row.basis)]);
                }
                if let Some(total) = total {
                    table.push(vec![Cell::left("Total"), Cell::left(total.to_string())]);
                }
                out.push_str(&table.render(layout));
                let _ = writeln!(out, "  How: {}", wrap(method, options.width.saturating_sub(7), 7));
            }
            SectionBody::Recommendations { strategy, rows, .. } => {
                let _ = writeln!(out, "  {}:", wrap(&safe(&strategy), options.width.saturating_sub(2), 2));
                for row in rows {
                    let said = format!("{}. {} ({}): {}", row.rank, row.name, row.percent, safe(&row.reason));
                    let _ = writeln!(out, "  {}", wrap(&said, options.width.saturating_sub(5), 5));
                    for file in row.files {
                        let _ = writeln!(out, "       {}", wrap(&safe(&file.text), options.width.saturating_sub(9), 9));
                    }
                }
            }
        }
    }
    out
}

/// Wraps `text` at `width` columns (30 at least), continuation lines indented by `indent`
/// beyond them: the caller's first line has a prefix no wider than `indent`. Runs of spaces
/// count as one; the lines are the table's own ([`broken`]).
fn wrap(text: &str, width: usize, indent: usize) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    broken(&words, width.max(30)).join(&format!("\n{}", " ".repeat(indent)))
}
