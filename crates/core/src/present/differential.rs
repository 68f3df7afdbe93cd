//! What `covdash compare` prints: the change's lines by genhtml's categories, per file and in
//! all, as an aligned table with the counts in words, or as JSON (the analysis as it is).

use super::files::lines_text;
use super::table::{Cell, Layout, Table};
use crate::analysis::{Category, Counts, Differential, FileDifferential};
use covdash_protocol::escape::{self, terminal};
use covdash_protocol::format::format_count;

/// The counts in words, most telling first (new code, lost and gained tests, then the rest):
/// `"14 new lines tested, 2 new lines not tested, 1 line that lost its tests"`.
pub fn differential_words(counts: &Counts) -> String {
    const ORDER: [Category; 12] = [
        Category::Gnc,
        Category::Unc,
        Category::Lbc,
        Category::Gbc,
        Category::Uic,
        Category::Gic,
        Category::Ubc,
        Category::Cbc,
        Category::Dcb,
        Category::Dub,
        Category::Ecb,
        Category::Eub,
    ];
    let said: Vec<String> = ORDER
        .into_iter()
        .map(|c| (c, counts.get(c)))
        .filter(|(_, n)| *n > 0)
        .map(|(c, n)| format!("{} {}", format_count(n), if n == 1 { c.words() } else { c.words_plural() }))
        .collect();
    if said.is_empty() {
        "no measured line, before or after".to_owned()
    } else {
        said.join(", ")
    }
}

/// A file's indirect changes, the lines the change left alone whose coverage changed: `"LBC 13;
/// GBC 7–8, 16"` (each category's lines as ranges, the first 12), `None` for none.
pub(crate) fn indirect_changes(file: &FileDifferential, separator: &str) -> Option<String> {
    let said: Vec<String> = [Category::Lbc, Category::Gbc]
        .into_iter()
        .map(|c| (c, file.lines_in(&[c])))
        .filter(|(_, lines)| !lines.is_empty())
        .map(|(c, lines)| format!("{} {}", c.code(), lines_text(&lines)))
        .collect();
    (!said.is_empty()).then(|| said.join(separator))
}

/// Categories by their codes and counts (`"GNC 3, CBC 4, DCB 1"`), when any.
pub(crate) fn codes(counts: &Counts) -> Option<String> {
    let said: Vec<String> = counts.present().map(|(c, n)| format!("{} {}", c.code(), format_count(n))).collect();
    (!said.is_empty()).then(|| said.join(", "))
}

/// The table: a column per category any file has, a row per file with lines in one, the total.
pub fn differential_text(differential: &Differential) -> String {
    let columns: Vec<Category> = differential.total.present().map(|(c, _)| c).collect();
    let mut table = Table::default();
    table.push([vec![Cell::left("file")], columns.iter().map(|c| Cell::right(c.code())).collect()].concat());
    let row = |name: &str, counts: &Counts| {
        let figures = columns.iter().map(|c| match counts.get(*c) {
            0 => Cell::right(""),
            n => Cell::right(format_count(n)),
        });
        [vec![Cell::left(escape::elide(name, 60))], figures.collect()].concat()
    };
    for file in differential.files.iter().filter(|f| f.counts.present().next().is_some()) {
        table.push(row(&file.path, &file.counts));
    }
    table.rule();
    table.push(row("total", &differential.total));
    let mut out = table.render(Layout { indent: 0, width: None, color: false });
    out.push_str(&differential_words(&differential.total));
    out.push('\n');
    if let Some(functions) = codes(&differential.function_total) {
        out.push_str(&format!("functions: {functions}\n"));
    }
    if let Some(branches) = codes(&differential.branch_total) {
        out.push_str(&format!("branches: {branches}\n"));
    }
    // Indirect changes: lines the change left alone whose state flipped.
    let mut indirect = Vec::new();
    for file in &differential.files {
        if let Some(said) = indirect_changes(file, "; ") {
            indirect.push(format!("  {}: {said}\n", terminal(&escape::elide(&file.path, 60))));
        }
    }
    if !indirect.is_empty() {
        out.push_str("Coverage changed where the code did not (LBC lost its tests, GBC newly tested):\n");
        out.extend(indirect);
    }
    out
}
