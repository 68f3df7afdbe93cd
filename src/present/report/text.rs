//! The terminal report: headings, Unicode bars, aligned columns; colour only when asked for
//! (the command line asks when stdout is a terminal and `NO_COLOR` is unset).

use std::fmt::Write as _;

use super::super::escape;
use super::super::format::format_count;
use super::super::phrases::{self, pct, pct_or_na, points};
use crate::analysis::{Analysis, Section};
use crate::present::Tone;

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

fn colored(text: impl AsRef<str>, color: Option<&'static str>) -> Cell {
    Cell::Text { text: safe(text.as_ref()), align: Align::Left, color }
}

/// A name from the data (a package, a file, a snapshot label) in a column: made safe, and
/// shortened in the middle so that one long name cannot push every row off the screen.
fn name(text: &str) -> Cell {
    left(escape::elide(text, NAME_WIDTH))
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

/// A colour per tier, from the highest (green) to the lowest (red), through the same tones
/// the page uses.
fn tier_color(index: Option<usize>, n_tiers: usize) -> Option<&'static str> {
    Some(match Tone::of(index?, n_tiers) {
        Tone::Top => "32;1",
        Tone::High => "32",
        Tone::Middle => "36",
        Tone::Low => "33",
        Tone::Bottom => "31",
    })
}

fn heading(out: &mut String, section: Section, options: TextOptions) {
    let title = section.title().to_uppercase();
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
    let n_tiers = analysis.distribution.len();
    let metric = analysis.metric;

    for section in Section::ALL {
        heading(&mut out, section, options);
        if let Some(reason) = analysis.unavailable(section) {
            let _ = writeln!(out, "  not computed: {}", safe(reason));
            continue;
        }
        let mut table = Table { rows: Vec::new() };
        match section {
            Section::Progress => {
                for point in &analysis.progress.points {
                    table.rows.push(vec![
                        name(&point.label),
                        right(pct_or_na(point.percent)),
                        bar(point.percent.unwrap_or(0.0), None),
                        right(point.delta.map(points).unwrap_or_default()),
                    ]);
                }
                table.render(&mut out, options);
                if let Some(gain) = analysis.progress.total_gain {
                    let _ = writeln!(out, "  Total gain: {} points", points(gain));
                }
                if analysis.progress.method == crate::analysis::Method::MeanOfPackages {
                    let _ = writeln!(out, "  (mean of the packages: the data has percentages, not counts)");
                }
                if let Some(order) = analysis.progress.order {
                    let _ = writeln!(out, "  Snapshots {}", phrases::order(order));
                }
            }
            Section::Packages => {
                for line in &analysis.packages {
                    let color = tier_color(line.tier_index, n_tiers);
                    let counts = match (line.covered, line.total) {
                        (Some(c), Some(t)) => format!("{} / {}", format_count(c), format_count(t)),
                        _ => String::new(),
                    };
                    table.rows.push(vec![
                        name(&line.short_name),
                        right(pct_or_na(line.percent)),
                        bar(line.percent.unwrap_or(0.0), color),
                        colored(line.tier.clone().unwrap_or_else(|| "n/a".to_owned()), color),
                        right(line.change.map(points).unwrap_or_default()),
                        right(counts),
                    ]);
                }
                table.render(&mut out, options);
            }
            Section::Wins => {
                for win in &analysis.wins {
                    table.rows.push(vec![
                        name(&win.snapshot),
                        name(&win.short_name),
                        right(format!("{} → {}", pct(win.before), pct(win.after))),
                        right(points(win.delta)),
                        left(win.word.clone()),
                    ]);
                }
                table.render(&mut out, options);
            }
            Section::Tests => {
                if let Some(tests) = &analysis.tests {
                    fact_rows(&mut table, phrases::test_facts(tests));
                    table.render(&mut out, options);
                }
            }
            Section::Distance => {
                for d in &analysis.distance {
                    table.rows.push(vec![
                        name(&d.short_name),
                        right(format!("{} → {}", pct(d.percent), pct(analysis.target))),
                        bar(d.percent / analysis.target * 100.0, None),
                        right(format!("need {}", points(d.points))),
                        left(d.to_cover.map(|n| phrases::more(n, metric)).unwrap_or_default()),
                    ]);
                }
                table.render(&mut out, options);
            }
            Section::TimeToTarget => {
                if let Some(eta) = &analysis.time_to_target {
                    for p in &eta.packages {
                        table.rows.push(vec![
                            name(&p.short_name),
                            left(phrases::eta(p)),
                            left(phrases::basis(p.basis, metric)),
                        ]);
                    }
                    if let (Some(low), Some(high)) = (eta.total_low_hours, eta.total_high_hours) {
                        let unknown = match eta.n_unknown {
                            0 => String::new(),
                            n => format!("{n} unknown, not counted"),
                        };
                        table.rows.push(vec![left("Total"), left(phrases::hour_range(low, high)), left(unknown)]);
                    }
                    table.render(&mut out, options);
                    let _ = writeln!(out, "  How: {}", wrap(phrases::ETA_METHOD, options.width.saturating_sub(7), 7));
                }
            }
            Section::Distribution => {
                for tier in &analysis.distribution {
                    let range = match tier.below {
                        Some(below) => format!("{}–{}", trim(tier.min), trim(below)),
                        None => format!("{}+", trim(tier.min)),
                    };
                    let plural = if tier.packages == 1 { "package" } else { "packages" };
                    table.rows.push(vec![
                        left(format!("{} ({range})", escape::elide(&tier.tier, NAME_WIDTH))),
                        bar(tier.share, None),
                        right(format!("{} {plural}", tier.packages)),
                        right(format!("{:.1}%", tier.share)),
                    ]);
                }
                table.render(&mut out, options);
            }
            Section::Readiness => {
                for group in &analysis.readiness {
                    let status = phrases::readiness(group.status);
                    let color = match group.status {
                        crate::analysis::Readiness::Ready => Some("32"),
                        crate::analysis::Readiness::Near => Some("33"),
                        crate::analysis::Readiness::Below => Some("31"),
                        crate::analysis::Readiness::Unknown => None,
                    };
                    let below = if group.below_target.is_empty() {
                        String::new()
                    } else {
                        format!("lagging: {}", short_list(&group.below_target, analysis))
                    };
                    table.rows.push(vec![
                        name(&group.name),
                        right(pct_or_na(group.percent)),
                        colored(status, color),
                        left(below),
                    ]);
                }
                table.render(&mut out, options);
            }
            Section::Achievements => {
                for item in &analysis.achievements {
                    let _ = writeln!(out, "  ✓ {}", safe(&phrases::achievement(item)));
                }
            }
            Section::Momentum => {
                if let Some(m) = &analysis.momentum {
                    fact_rows(&mut table, phrases::momentum_facts(m));
                    table.render(&mut out, options);
                }
            }
            Section::Goal => {
                if let Some(goal) = &analysis.goal {
                    table.rows.push(vec![left("Current"), right(pct(goal.current)), bar(goal.current, None)]);
                    table.rows.push(vec![left("Goal"), right(pct(goal.goal)), bar(goal.goal, None)]);
                    table.render(&mut out, options);
                    let state = if goal.reached {
                        "reached".to_owned()
                    } else {
                        format!("{} points to go", points(goal.remaining).trim_start_matches('+'))
                    };
                    let _ = writeln!(out, "  {:.1}% of the goal; {state}", goal.share);
                }
            }
            Section::Summary => {
                fact_rows(&mut table, phrases::summary_facts(&analysis.summary));
                table.render(&mut out, options);
            }
            Section::Recommendations => {
                let r = &analysis.recommendations;
                let _ = writeln!(out, "  Ranked {}:", r.description);
                for item in &r.items {
                    let _ = writeln!(
                        out,
                        "  {}. {} ({}): {}",
                        item.rank,
                        safe(&escape::elide(&item.short_name, NAME_WIDTH)),
                        pct(item.percent),
                        safe(&phrases::reason(item, metric, analysis.target))
                    );
                    for file in &item.files {
                        let path = safe(&escape::elide(&file.path, NAME_WIDTH));
                        let _ = writeln!(out, "       {path} — {} uncovered", format_count(file.uncovered));
                    }
                }
            }
        }
    }
    out
}

/// Label–value pairs as two aligned columns: `Passed:  47`.
fn fact_rows(table: &mut Table, facts: Vec<(&'static str, String)>) {
    for (label, value) in facts {
        table.rows.push(vec![left(format!("{label}:")), left(value)]);
    }
}

/// `80` rather than `80.0` for tier bounds.
fn trim(value: f64) -> String {
    let text = format!("{value:.1}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_owned)
}

/// Full package names as their short names.
fn short_list(names: &[String], analysis: &Analysis) -> String {
    names
        .iter()
        .map(|n| analysis.packages.iter().find(|p| &p.name == n).map_or(n.as_str(), |p| p.short_name.as_str()))
        .map(|n| escape::elide(n, NAME_WIDTH))
        .collect::<Vec<_>>()
        .join(", ")
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
