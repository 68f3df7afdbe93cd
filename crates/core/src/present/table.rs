//! Aligned text tables, for the terminal and for scripts: the text report's sections,
//! `covdash summary` and `covdash patch` lay their rows out here.
//!
//! Columns are two spaces apart; a left-aligned cell is padded to its column's width unless it
//! is the last of its row, a right-aligned one is padded before its text, and no line ends in
//! spaces. At most one column is a bar, which takes the width the others leave. Within a width
//! (the text report's), nothing passes it that can go on over another line: where the columns
//! after a bar would leave it less than 10 cells they go on lines of their own under the second
//! column (and the names are shortened in the middle where even then they would not fit), and
//! a last cell too long for its line is broken between its words. Every cell's text is made
//! safe for a terminal ([`terminal`]): no character from the data acts on it.

use covdash_protocol::escape::{self, terminal};

/// Where a cell's text sits in its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One cell of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, with an ANSI colour (`"32;1"`) used when colour is asked for.
    Text { text: String, align: Align, color: Option<&'static str> },
    /// A bar filled to `percent`, as wide as the table leaves.
    Bar { percent: f64, color: Option<&'static str> },
}

impl Cell {
    pub fn left(text: impl AsRef<str>) -> Cell {
        Cell::Text { text: terminal(text.as_ref()).into_owned(), align: Align::Left, color: None }
    }

    pub fn right(text: impl AsRef<str>) -> Cell {
        Cell::Text { text: terminal(text.as_ref()).into_owned(), align: Align::Right, color: None }
    }

    pub fn bar(percent: f64, color: Option<&'static str>) -> Cell {
        Cell::Bar { percent, color }
    }
}

/// A row: cells, or a rule across the columns of figures (before a total).
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    Cells(Vec<Cell>),
    Rule,
}

/// How a table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Spaces before each line.
    pub indent: usize,
    /// Columns available: a bar takes what the other columns leave (10 to 40), and what would
    /// pass them goes on over more lines. `None` for scripts: each row one line, bars of 10.
    pub width: Option<usize>,
    /// ANSI colours, where cells have one.
    pub color: bool,
}

/// Rows laid out in aligned columns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<Row>,
}

/// What a cell's text takes on a terminal: a column per character (the names are made safe,
/// so no character is invisible).
pub(crate) fn width_of(text: &str) -> usize {
    text.chars().count()
}

/// What a line takes on a terminal, its colours' escape sequences left out (the cells' text
/// has none of its own: it is made safe).
fn shown_width(line: &str) -> usize {
    let mut width = 0;
    let mut in_escape = false;
    for c in line.chars() {
        match (in_escape, c) {
            (false, '\x1b') => in_escape = true,
            (true, 'm') => in_escape = false,
            (true, _) => {}
            (false, _) => width += 1,
        }
    }
    width
}

impl Table {
    pub fn push(&mut self, cells: Vec<Cell>) {
        self.rows.push(Row::Cells(cells));
    }

    pub fn rule(&mut self) {
        self.rows.push(Row::Rule);
    }

    /// The table as lines, each ending in a newline.
    pub fn render(&self, layout: Layout) -> String {
        let cells = || self.rows.iter().filter_map(|row| if let Row::Cells(cells) = row { Some(cells) } else { None });
        let n_cols = cells().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0usize; n_cols];
        let mut bar_col = None;
        // The rule spans the columns up to the last right-aligned one (the figures).
        let mut figures = 0;
        for row in cells() {
            for (idx, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Text { text, align, .. } => {
                        widths[idx] = widths[idx].max(width_of(text));
                        if *align == Align::Right {
                            figures = figures.max(idx + 1);
                        }
                    }
                    Cell::Bar { .. } => bar_col = Some(idx),
                }
            }
        }
        let span = |columns: &[usize]| columns.iter().sum::<usize>() + 2 * columns.len().saturating_sub(1);
        let width = layout.width.unwrap_or(usize::MAX);
        let fixed = layout.indent + span(&widths);
        // The columns after the bar go on a second line where they leave it less than 10 cells.
        let fold = bar_col.filter(|&idx| idx + 1 < n_cols && fixed + 10 > width);
        let names = widths.first().copied().unwrap_or(0);
        if let Some(idx) = fold.filter(|&idx| idx > 0) {
            // Where even the names, the figures and 10 cells of bar pass the width, the names
            // are shortened in the middle (to 10 characters at least).
            let over = (layout.indent + span(&widths[..=idx]) + 10).saturating_sub(width);
            widths[0] = names.saturating_sub(over).max(names.min(10));
        }
        let bar_width = match (layout.width, fold) {
            (None, _) => 10,
            (Some(_), Some(idx)) => width.saturating_sub(layout.indent + span(&widths[..=idx])),
            (Some(_), None) => width.saturating_sub(fixed),
        }
        .clamp(10, 40);
        if let Some(idx) = bar_col {
            widths[idx] = bar_width;
        }
        let indent = " ".repeat(layout.indent);
        // What goes on over a line of its own starts under the second column, or near the
        // left edge where that would leave less than 20 characters.
        let second = layout.indent + widths.first().map_or(0, |w| w + 2);
        let under = " ".repeat(if width.saturating_sub(second) >= 20 { second } else { layout.indent + 2 });
        let mut out = String::new();
        for row in &self.rows {
            let mut line = indent.clone();
            match row {
                Row::Rule => {
                    line.push_str(&"-".repeat(span(&widths[..figures])));
                }
                Row::Cells(cells) => {
                    let (cells, after) = match fold {
                        Some(bar) => cells.split_at((bar + 1).min(cells.len())),
                        None => (&cells[..], &[][..]),
                    };
                    for (idx, cell) in cells.iter().enumerate() {
                        if idx > 0 {
                            line.push_str("  ");
                        }
                        let last = idx + 1 == cells.len();
                        match cell {
                            Cell::Text { text, align, color } => {
                                let text = &*escape::elide(text, if idx == 0 { widths[0] } else { usize::MAX });
                                let pad = " ".repeat(widths[idx].saturating_sub(width_of(text)));
                                let painted = paint(text, *color, layout.color);
                                match align {
                                    // The last cell, where it would pass the width, goes on over
                                    // lines of its own, under its column, or under the second
                                    // where its own leaves less than 20 characters.
                                    Align::Left if last && shown_width(&line) + width_of(text) > width => {
                                        let mut column = shown_width(&line);
                                        if width.saturating_sub(column) < 20 && idx > 1 {
                                            out.push_str(line.trim_end());
                                            out.push('\n');
                                            line = under.clone();
                                            column = under.len();
                                        }
                                        let room = width.saturating_sub(column);
                                        if room >= 20 {
                                            let under = " ".repeat(column);
                                            for (idx, part) in broken(text, room).iter().enumerate() {
                                                if idx > 0 {
                                                    out.push_str(line.trim_end());
                                                    out.push('\n');
                                                    line = under.clone();
                                                }
                                                line.push_str(&paint(part, *color, layout.color));
                                            }
                                        } else {
                                            line.push_str(&painted);
                                        }
                                    }
                                    Align::Left => {
                                        line.push_str(&painted);
                                        line.push_str(&pad);
                                    }
                                    Align::Right => {
                                        line.push_str(&pad);
                                        line.push_str(&painted);
                                    }
                                }
                            }
                            Cell::Bar { percent, color } => {
                                line.push_str(&paint(&bar_text(*percent, bar_width), *color, layout.color))
                            }
                        }
                    }
                    // Folded: the cells after the bar, left-aligned on lines of their own
                    // under the second column, a new line where the next would not fit, and
                    // a cell wider than the room broken between its words.
                    let room = width.saturating_sub(under.len()).max(20);
                    let mut on_line = 0;
                    for cell in after {
                        let Cell::Text { text, color, .. } = cell else { continue };
                        if text.is_empty() {
                            continue;
                        }
                        if on_line == 0 || on_line + 2 + width_of(text) > room {
                            out.push_str(line.trim_end());
                            out.push('\n');
                            line = under.clone();
                            on_line = 0;
                        } else {
                            line.push_str("  ");
                            on_line += 2;
                        }
                        for (idx, part) in broken(text, room).iter().enumerate() {
                            if idx > 0 {
                                out.push_str(line.trim_end());
                                out.push('\n');
                                line = under.clone();
                                on_line = 0;
                            }
                            line.push_str(&paint(part, *color, layout.color));
                            on_line += width_of(part);
                        }
                    }
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

/// `text` broken between its words into parts of at most `room` characters (a word longer
/// than that is a part of its own).
pub(crate) fn broken(text: &str, room: usize) -> Vec<String> {
    let mut parts = vec![String::new()];
    for word in text.split(' ') {
        let part = parts.last_mut().map_or(0, |p| width_of(p));
        if part > 0 && part + 1 + width_of(word) > room {
            parts.push(word.to_owned());
        } else {
            let last = parts.len() - 1;
            if part > 0 {
                parts[last].push(' ');
            }
            parts[last].push_str(word);
        }
    }
    parts
}

/// A bar of `width` cells, in eighths of a cell.
pub fn bar_text(percent: f64, width: usize) -> String {
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

/// `text` in the ANSI colour `color`, when colour is `enabled`.
pub fn paint(text: &str, color: Option<&'static str>, enabled: bool) -> String {
    match (color, enabled) {
        (Some(code), true) => format!("\x1b[{code}m{text}\x1b[0m"),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: Layout = Layout { indent: 0, width: Some(80), color: false };

    #[test]
    fn bars_fill_in_eighths() {
        assert_eq!(bar_text(0.0, 4), "░░░░");
        assert_eq!(bar_text(100.0, 4), "████");
        assert_eq!(bar_text(50.0, 4), "██░░");
        assert_eq!(bar_text(12.5 / 4.0, 4), "▏░░░");
    }

    #[test]
    fn columns_align_as_their_cells_say_and_the_rule_spans_the_figures() {
        let mut table = Table::default();
        table.push(vec![Cell::left("file"), Cell::right("lines"), Cell::left("note")]);
        table.push(vec![Cell::left("src/a.rs"), Cell::right("1,204"), Cell::left("12–14")]);
        table.push(vec![Cell::left("b"), Cell::right("7"), Cell::left("")]);
        table.rule();
        table.push(vec![Cell::left("total"), Cell::right("1,211")]);
        let expected = "file      lines  note\n\
                        src/a.rs  1,204  12–14\n\
                        b             7\n\
                        ---------------\n\
                        total     1,211\n";
        assert_eq!(table.render(PLAIN), expected);
    }

    #[test]
    fn a_bar_takes_what_the_other_columns_leave_and_colour_is_only_given_when_asked() {
        let mut table = Table::default();
        table.push(vec![Cell::left("ab"), Cell::bar(50.0, Some("32"))]);
        let layout = Layout { indent: 2, width: Some(30), color: false };
        // 30 columns less the indent (2), the name (2) and the gap (2): 24 cells, half full.
        assert_eq!(table.render(layout), format!("  ab  {}{}\n", "█".repeat(12), "░".repeat(12)));
        let painted = table.render(Layout { color: true, ..layout });
        assert!(painted.contains("\x1b[32m█"), "{painted:?}");
    }

    #[test]
    fn what_follows_a_bar_goes_on_over_lines_of_its_own_where_it_would_not_fit() {
        let mut table = Table::default();
        table.push(vec![
            Cell::left("src/parser"),
            Cell::right("62.5%"),
            Cell::bar(62.5, None),
            Cell::right("Needs work · 10 / 16"),
            Cell::left("coverage changed: GBC 12–14, 20"),
        ]);
        table.push(vec![Cell::left("cli"), Cell::right("100.0%"), Cell::bar(100.0, None), Cell::right("Elite")]);
        let layout = Layout { indent: 2, width: Some(40), color: false };
        // 40 columns: the indent (2), the names (10), the figures (6), two gaps (4), a bar of 18.
        let expected = "  src/parser   62.5%  ███████████▎░░░░░░\n\
                        \x20             Needs work · 10 / 16\n\
                        \x20             coverage changed: GBC\n\
                        \x20             12–14, 20\n\
                        \x20 cli         100.0%  ██████████████████\n\
                        \x20             Elite\n";
        assert_eq!(table.render(layout), expected);
        // Wide enough, one line each.
        let wide = table.render(Layout { width: Some(120), ..layout });
        assert_eq!(wide.lines().count(), 2, "{wide}");
    }

    #[test]
    fn text_from_the_data_never_acts_on_the_terminal() {
        let mut table = Table::default();
        table.push(vec![Cell::left("evil\x1b[2J\u{202e}name"), Cell::right("1")]);
        let shown = table.render(PLAIN);
        assert!(!shown.chars().any(|c| c.is_control() && c != '\n'), "{shown:?}");
        assert!(!shown.contains('\u{202e}'), "{shown:?}");
    }
}
