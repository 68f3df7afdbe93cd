//! Aligned text tables, for the terminal and for scripts: the text report's sections,
//! `covdash summary` and `covdash patch` lay their rows out here.
//!
//! Columns are two spaces apart; a left-aligned cell is padded to its column's width unless it
//! is the last of its row, a right-aligned one is padded before its text, and no line ends in
//! spaces. At most one column is a bar, which takes the width the others leave. Every cell's
//! text is made safe for a terminal ([`terminal`]): no character from the data acts on it.

use covdash_protocol::escape::terminal;

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
    /// Columns available: a bar takes what the other columns leave (10 to 40).
    pub width: usize,
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
fn width_of(text: &str) -> usize {
    text.chars().count()
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
        let fixed: usize = layout.indent + widths.iter().sum::<usize>() + 2 * n_cols.saturating_sub(1);
        let bar_width = layout.width.saturating_sub(fixed).clamp(10, 40);
        if let Some(idx) = bar_col {
            widths[idx] = bar_width;
        }
        let indent = " ".repeat(layout.indent);
        let mut out = String::new();
        for row in &self.rows {
            let mut line = indent.clone();
            match row {
                Row::Rule => {
                    let span = widths[..figures].iter().sum::<usize>() + 2 * figures.saturating_sub(1);
                    line.push_str(&"-".repeat(span));
                }
                Row::Cells(cells) => {
                    for (idx, cell) in cells.iter().enumerate() {
                        if idx > 0 {
                            line.push_str("  ");
                        }
                        let last = idx + 1 == cells.len();
                        match cell {
                            Cell::Text { text, align, color } => {
                                let pad = " ".repeat(widths[idx].saturating_sub(width_of(text)));
                                let painted = paint(text, *color, layout.color);
                                match align {
                                    Align::Left if last => line.push_str(&painted),
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
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
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

    const PLAIN: Layout = Layout { indent: 0, width: 80, color: false };

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
        let layout = Layout { indent: 2, width: 30, color: false };
        // 30 columns less the indent (2), the name (2) and the gap (2): 24 cells, half full.
        assert_eq!(table.render(layout), format!("  ab  {}{}\n", "█".repeat(12), "░".repeat(12)));
        let painted = table.render(Layout { color: true, ..layout });
        assert!(painted.contains("\x1b[32m█"), "{painted:?}");
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
