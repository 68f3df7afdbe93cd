//! The terminal report: headings, Unicode bars, aligned columns; colour only when asked for
//! (the command line asks when stdout is a terminal and `NO_COLOR` is unset).

use std::fmt::Write as _;

use super::super::phrases::{self};
use super::super::sections::{all_sections, Quote};
use crate::analysis::Analysis;
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

/// Cell alignment.
#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Right,
}

/// A table whose one bar column takes the width the others leave.
struct Table {
    rows: Vec<Vec<Cell>>,
}

#[derive(Clone)]
enum Cell {
    Text { text: String, align: Align, color: Option<&'static str> },
    Bar { percent: f64, color: Option<&'static str> },
}

/// Every cell's text goes through [`safe`]: no character from the data acts on the terminal.
fn left(text: impl AsRef<str>) -> Cell {
    Cell::Text { text: safe(text.as_ref()), align: Align::Left, color: None }
}

fn right(text: impl AsRef<str>) -> Cell {
    Cell::Text { text: safe(text.as_ref()), align: Align::Right, color: None }
}

/// The widest a name may be in a column.
const NAME_WIDTH: usize = 60;

/// Text for the terminal: controls and reordering characters written as visible escapes.
fn safe(text: &str) -> String {
    escape::terminal(text).into_owned()
}

fn bar(percent: f64, color: Option<&'static str>) -> Cell {
    Cell::Bar { percent, color }
}

fn width_of(text: &str) -> usize {
    text.chars().count()
}

impl Table {
    fn render(&self, out: &mut String, options: TextOptions) {
        let n_cols = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0usize; n_cols];
        let mut bar_col = None;
        for row in &self.rows {
            for (idx, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Text { text, .. } => widths[idx] = widths[idx].max(width_of(text)),
                    Cell::Bar { .. } => bar_col = Some(idx),
                }
            }
        }
        // Two spaces of indent, two between columns.
        let fixed: usize = 2 + widths.iter().sum::<usize>() + 2 * n_cols.saturating_sub(1);
        let bar_width = options.width.saturating_sub(fixed).clamp(10, 40);
        if let Some(idx) = bar_col {
            widths[idx] = bar_width;
        }
        for row in &self.rows {
            let mut line = String::from("  ");
            for (idx, cell) in row.iter().enumerate() {
                if idx > 0 {
                    line.push_str("  ");
                }
                let last = idx + 1 == row.len();
                match cell {
                    Cell::Text { text, align, color } => {
                        let pad = widths[idx].saturating_sub(width_of(text));
                        let painted = paint(text, *color, options.color);
                        match align {
                            Align::Left if last => line.push_str(&painted),
                            Align::Left => {
                                line.push_str(&painted);
                                line.push_str(&" ".repeat(pad));
                            }
                            Align::Right => {
                                line.push_str(&" ".repeat(pad));
                                line.push_str(&painted);
                            }
                        }
                    }
                    Cell::Bar { percent, color } => {
                        line.push_str(&paint(&bar_text(*percent, bar_width), *color, options.color))
                    }
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
}

/// A bar of `width` cells, in eighths of a cell.
fn bar_text(percent: f64, width: usize) -> String {
    const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = ((percent.clamp(0.0, 100.0) / 100.0) * (width * 8) as f64).round() as usize;
    let (full, part) = (eighths / 8, eighths % 8);
    let mut text = "█".repeat(full);
    if part > 0 {
        text.push(EIGHTHS[part]);
    }
    let used = full + usize::from(part > 0);
    text.push_str(&"░".repeat(width.saturating_sub(used)));
    text
}

fn paint(text: &str, color: Option<&'static str>, enabled: bool) -> String {
    match (color, enabled) {
        (Some(code), true) => format!("\x1b[{code}m{text}\x1b[0m"),
        _ => text.to_owned(),
    }
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

fn heading(out: &mut String, title: &str, options: TextOptions) {
    let title = title.to_uppercase();
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

    for section in all_sections(analysis, &Terminal) {
        heading(&mut out, section.title, options);
        let mut table = Table { rows: Vec::new() };
        match section.body {
            SectionBody::Unavailable(reason) => {
                let said = format!("not computed: {}", safe(&reason));
                let _ = writeln!(out, "  {}", wrap(&said, options.width.saturating_sub(2), 2));
            }
            SectionBody::Bars { rows, footer } => {
                for row in rows {
                    let color = tone_color(row.tone);
                    table.rows.push(vec![
                        left(row.name),
                        right(row.text),
                        bar(row.value.unwrap_or(0.0), color),
                        right(row.note.unwrap_or_default()),
                        left(row.detail.unwrap_or_default()),
                    ]);
                }
                table.render(&mut out, options);
                if let Some(footer) = footer {
                    let _ = writeln!(out, "  {}", wrap(&safe(&footer), options.width.saturating_sub(2), 2));
                }
            }
            SectionBody::Facts(facts) => {
                for fact in facts {
                    table.rows.push(vec![left(format!("{}:", fact.label)), left(fact.value)]);
                }
                table.render(&mut out, options);
            }
            SectionBody::List(items) => {
                for item in items {
                    let _ = writeln!(out, "  ✓ {}", safe(&item));
                }
            }
            SectionBody::Eta { rows, total, method } => {
                for row in rows {
                    table.rows.push(vec![left(row.name), left(row.estimate.to_string()), left(row.basis)]);
                }
                if let Some(total) = total {
                    table.rows.push(vec![left("Total"), left(total.to_string())]);
                }
                table.render(&mut out, options);
                let _ = writeln!(out, "  How: {}", wrap(method, options.width.saturating_sub(7), 7));
            }
            SectionBody::Recommendations { strategy, rows, .. } => {
                let _ = writeln!(out, "  {}:", safe(&strategy));
                for row in rows {
                    let _ = writeln!(out, "  {}. {} ({}): {}", row.rank, row.name, row.percent, safe(&row.reason));
                    for file in row.files {
                        let _ = writeln!(out, "       {}", safe(&file.text));
                    }
                }
            }
        }
    }
    out
}

/// Wraps `text` at `width` columns, continuation lines indented by `indent`.
fn wrap(text: &str, width: usize, indent: usize) -> String {
    let width = width.max(30);
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        if line_len > 0 && line_len + 1 + width_of(word) > width {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += width_of(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_in_eighths() {
        assert_eq!(bar_text(0.0, 4), "░░░░");
        assert_eq!(bar_text(100.0, 4), "████");
        assert_eq!(bar_text(50.0, 4), "██░░");
        assert_eq!(bar_text(12.5 / 4.0, 4), "▏░░░");
    }
}
