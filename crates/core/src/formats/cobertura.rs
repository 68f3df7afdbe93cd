//! Cobertura XML (coverage-04.dtd) and the variants coverage.py, gcovr, istanbul, tarpaulin,
//! coverlet, scoverage and Cobertura itself write.
//!
//! Refs: `coverage-04.dtd`; the writers in coverage.py (`xmlreport.py`), gcovr
//! (`formats/cobertura/write.py`) and istanbul-reports (`lib/cobertura`).
//!
//! Streamed with quick-xml's pull parser over the bytes, so a single-line file of gigabytes is
//! read like any other. The rates in the file are not read: lines are counted from `<line>`
//! elements. Several `<class>` elements may share a file (coverlet's nested classes, Kotlin's
//! file classes): their lines are merged per line, a line covered by any of them is covered,
//! and a branch line keeps the best `condition-coverage` — which reproduces the totals
//! coverage.py, gcovr and istanbul write on the root element. Lines under `<method>` repeat the
//! class's lines and are read only to know which methods ran. `<source>` roots are not joined
//! to file names: they are often bogus (`--source`, padded with white space) and a package is
//! the directory of the file name as written.

use std::collections::HashMap;

use quick_xml::events::BytesStart;

use super::lines::{parse_count, parse_line_number, Count, KEPT_DIAGNOSTICS};
use super::xml::{attribute, count_attribute, read_elements, time_attribute, Elements};
use super::{Diagnostic, Format, ParseError, Parsed, Position};
use crate::model::{normalize_path, FileCoverage, LineHit, Metric, Recorded, Timestamp};

pub(crate) fn parse(bytes: &[u8]) -> Result<Parsed, ParseError> {
    let mut state = State::default();
    let diagnostics = read_elements(bytes, &mut state)?;
    let root_branches = state.root_branches;
    let mut parsed =
        super::single_snapshot(Format::Cobertura, state.files, Metric::Lines, diagnostics).written_at(state.written);
    // Branches the root counts and no `<line>` holds: istanbul counts a default argument's
    // branch on the function's line, where it writes no `<line>` (no statement starts there).
    // They cannot be placed, so the figures are the lines'; the difference is said first.
    let on_lines = parsed.report.snapshots.iter().flat_map(|s| s.files()).filter_map(|f| f.counts(Metric::Branches));
    let on_lines =
        on_lines.fold((0, 0), |(covered, total), counts| (covered + counts.covered(), total + counts.total()));
    // A file whose lines hold no branch at all is left alone: Swift's converter writes
    // `branches-valid="1.0"` with none.
    if let Some((covered, total)) = root_branches.filter(|&(_, total)| total > on_lines.1 && on_lines.1 > 0) {
        let at = memchr::memmem::find(bytes, b"<coverage").unwrap_or(0);
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64;
        let (missing, verb) = match total - on_lines.1 {
            1 => ("1 branch".to_owned(), "is"),
            n => (format!("{n} branches"), "are"),
        };
        let message = format!(
            "the root element counts {total} branches, {covered} covered, where its <line> elements hold {}, {} \
             covered: {missing} on no line (istanbul writes none for a default argument's) cannot be placed, and \
             {verb} left out",
            on_lines.1, on_lines.0
        );
        parsed.diagnostics.insert(0, Diagnostic { position: Position::line(line), message });
        parsed.diagnostics.truncate(KEPT_DIAGNOSTICS);
        parsed.n_diagnostics += 1;
    }
    Ok(parsed)
}

impl Elements for State {
    const ROOT: &'static str = "coverage";
    const KIND: &'static str = "Cobertura";
    const FILE_ELEMENT: &'static str = "class";

    fn open(&mut self, name: &str, element: &BytesStart<'_>, empty: bool) -> Result<(), String> {
        match name {
            "class" => {
                self.open_class(element);
                if empty {
                    self.close_class();
                }
            }
            "method" => {
                self.open_method(element);
                if empty {
                    self.close_method();
                }
            }
            "line" => self.read_line(element)?,
            // `timestamp`: milliseconds (Cobertura, coverage.py, istanbul) or seconds (gcovr).
            "coverage" => {
                self.written = time_attribute(element, "timestamp");
                let count = |name| count_attribute(element, name).ok().flatten();
                self.root_branches = count("branches-covered").zip(count("branches-valid"));
            }
            _ => {}
        }
        Ok(())
    }

    fn close(&mut self, name: &str) {
        match name {
            "class" => self.close_class(),
            "method" => self.close_method(),
            _ => {}
        }
    }
}

#[derive(Default)]
struct State {
    /// When the report was written, from the root element.
    written: Option<Timestamp>,
    /// The branches the root element counts (covered, valid), where it counts them.
    root_branches: Option<(u64, u64)>,
    /// The files, in order of first appearance, and where each is by path.
    files: Vec<FileCoverage>,
    index: HashMap<String, usize>,
    /// The file of the `<class>` being read, by index.
    class_file: Option<usize>,
    /// The `<method>` being read: name, first line, most hits, whether it had lines.
    method: Option<(String, u32, u64, bool)>,
    /// Whether the class being read has lines of its own (outside its methods).
    class_has_lines: bool,
    /// Its methods' lines, which count when the class has none of its own (some converters
    /// write lines only under `<method>`).
    method_lines: Vec<LineHit>,
}

impl State {
    fn open_class(&mut self, element: &BytesStart<'_>) {
        let path = normalize_path(&attribute(element, "filename").unwrap_or_default());
        let files = &mut self.files;
        let idx = *self.index.entry(path).or_insert_with_key(|path| {
            files.push(FileCoverage::new(path.clone(), Recorded { lines: true, ..Recorded::default() }));
            files.len() - 1
        });
        self.class_file = Some(idx);
        self.class_has_lines = false;
        self.method_lines.clear();
    }

    fn close_class(&mut self) {
        if !self.class_has_lines {
            if let Some(idx) = self.class_file {
                self.files[idx].lines.append(&mut self.method_lines);
            }
        }
        self.method_lines.clear();
        self.class_file = None;
        self.method = None;
    }

    fn open_method(&mut self, element: &BytesStart<'_>) {
        let name = attribute(element, "name").unwrap_or_default();
        let signature = attribute(element, "signature").unwrap_or_default();
        let hits = attribute(element, "hits").and_then(|h| match parse_count(h.as_bytes()) {
            Count::Ok(n) => Some(n),
            _ => None,
        });
        self.method = Some((format!("{name}{signature}"), u32::MAX, hits.unwrap_or(0), false));
    }

    fn close_method(&mut self) {
        let Some((name, line, hits, _)) = self.method.take() else {
            return;
        };
        let (Some(idx), false) = (self.class_file, name.is_empty()) else {
            return;
        };
        let file = &mut self.files[idx];
        file.recorded.functions = true;
        let line = if line == u32::MAX { 0 } else { line };
        file.push_function(&name, line, hits);
    }

    fn read_line(&mut self, element: &BytesStart<'_>) -> Result<(), String> {
        let Some(file_idx) = self.class_file else {
            return Ok(()); // a <line> outside any class: nothing to attach it to
        };
        // One pass over the raw attributes: numbers and flags need no unescaping, so nothing is
        // allocated for an ordinary line.
        let (mut number, mut hits, mut branch, mut condition) = (None, None, false, None);
        for attr in element.attributes().with_checks(false).flatten() {
            match attr.key.into_inner() {
                "number" => number = Some(attr.value),
                "hits" => hits = Some(attr.value),
                "branch" => branch = attr.value.trim().eq_ignore_ascii_case("true"),
                "condition-coverage" => condition = Some(attr.value),
                _ => {}
            }
        }
        let number = number.ok_or("no number")?;
        let line = parse_line_number(number.trim().as_bytes()).ok_or_else(|| format!("line number {number:?}"))?;
        let hits_text = hits.ok_or("no hits")?;
        let hits = match parse_count(hits_text.trim().as_bytes()) {
            Count::Ok(n) => n,
            Count::Negative => 0,
            Count::Invalid => return Err(format!("hits {hits_text:?} is not a count")),
        };
        if let Some(method) = self.method.as_mut() {
            // Method lines repeat the class's lines: they only say whether the method ran.
            method.1 = method.1.min(line);
            method.2 = method.2.max(hits);
            method.3 = true;
            self.method_lines.push(LineHit::new(line, hits));
            return Ok(());
        }
        self.class_has_lines = true;
        let file = &mut self.files[file_idx];
        file.lines.push(LineHit::new(line, hits));
        if branch {
            file.recorded.branches = true;
            if let Some((covered, total)) = condition.as_deref().and_then(condition_counts) {
                // One entry per outcome; merging by (line, outcome) keeps the best of several
                // classes sharing the file.
                file.push_branches_taken(line, u64::from(total), u64::from(covered));
            }
        }
        Ok(())
    }
}

/// `"50% (1/2)"` → (1, 2).
fn condition_counts(text: &str) -> Option<(u32, u32)> {
    let inner = text.split_once('(')?.1.split_once(')')?.0;
    let (covered, total) = inner.split_once('/')?;
    let covered: u32 = covered.trim().parse().ok()?;
    let total: u32 = total.trim().parse().ok()?;
    (covered <= total).then_some((covered, total))
}
