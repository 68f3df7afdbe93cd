//! LCOV tracefiles (geninfo/lcov 1.x and 2.x, and the many tools that write them: gcovr,
//! llvm-cov, istanbul, coverage.py, c8, grcov, tarpaulin…).
//!
//! Refs: lcov's `geninfo` manual, "TRACEFILE FORMAT", and its reader (`lib/lcovutil.pm`).
//!
//! Totals are recomputed from the records, never read from `LF`/`LH`, `FNF`/`FNH` or
//! `BRF`/`BRH` (real files carry wrong ones; lcov ignores them too). A file that appears in
//! several records (or under several spellings of its path) is merged: line, branch and
//! function hits are added. Functions are counted per name, as `lcov --summary` does, so
//! `FNL`/`FNA` aliases each count. Branches marked `U` (unreachable) are left out.

use std::collections::HashMap;

use super::lines::{lines, parse_count, parse_line_number, parse_u32, show, Count, Diagnostics};
use super::{ErrorKind, Format, ParseError, Parsed};
use crate::model::{
    normalize_path, packages_from_files, BranchHit, BranchId, FileCoverage, FunctionHit, LineHit, Metric, Recorded,
    Report, Snapshot,
};

/// Whether `tag` carries nothing covdash needs (test names, versions, embedded totals, MC/DC).
fn is_ignored(tag: &[u8]) -> bool {
    matches!(tag, b"TN" | b"VER" | b"LF" | b"LH" | b"FNF" | b"FNH" | b"BRF" | b"BRH" | b"MCDC" | b"MCF" | b"MCH")
}

pub(crate) fn parse(bytes: &[u8]) -> Result<Parsed, ParseError> {
    let mut files: HashMap<String, FileCoverage> = HashMap::new();
    let mut diagnostics = Diagnostics::default();
    let mut record: Option<Record> = None;
    let mut scratch = Scratch::default();
    let mut n_records = 0u64;

    for (number, line) in lines(bytes) {
        if line.is_empty() || line[0] == b'#' {
            continue;
        }
        if line == b"end_of_record" {
            match record.take() {
                Some(done) => {
                    n_records += 1;
                    scratch = done.finish(&mut files);
                }
                None => diagnostics.push(number, || "end_of_record without a SF record".to_owned()),
            }
            continue;
        }
        let Some(colon) = memchr::memchr(b':', line) else {
            diagnostics.push(number, || format!("not an LCOV record: {:?}", show(line, 60)));
            continue;
        };
        let (tag, value) = (&line[..colon], &line[colon + 1..]);
        if tag == b"SF" {
            if let Some(open) = record.take() {
                diagnostics.push(number, || format!("the record for {:?} has no end_of_record", open.file.path));
                n_records += 1;
                scratch = open.finish(&mut files);
            }
            record = Some(Record::new(normalize_path(&String::from_utf8_lossy(value)), std::mem::take(&mut scratch)));
            continue;
        }
        let Some(open) = record.as_mut() else {
            if is_ignored(tag) {
                continue;
            }
            diagnostics.push(number, || format!("{} outside a SF record", show(tag, 20)));
            continue;
        };
        if let Err(problem) = open.read(tag, value) {
            diagnostics.push(number, || format!("{}: {problem}, skipped", show(line, 80)));
        }
        if open.negative {
            open.negative = false;
            diagnostics.push(number, || format!("{}: a negative count, read as 0", show(line, 80)));
        }
    }
    if let Some(open) = record.take() {
        diagnostics.push(lines(bytes).count() as u64, || {
            format!("the file ends inside the record for {:?} (no end_of_record)", open.file.path)
        });
        n_records += 1;
        open.finish(&mut files);
    }
    if n_records == 0 {
        return Err(ParseError::new(
            ErrorKind::Syntax { message: "no SF record found: this LCOV file describes no source file".to_owned() },
            None,
        ));
    }

    let (diagnostics, n_diagnostics) = diagnostics.finish();
    let packages = packages_from_files(files.into_values().collect());
    let snapshot = Snapshot { label: Format::Lcov.name().to_owned(), timestamp: None, packages };
    let report = Report { title: None, metric: Metric::Lines, snapshots: vec![snapshot], tests: None, session: None };
    Ok(Parsed { format: Format::Lcov, report, settings: None, diagnostics, n_diagnostics })
}

/// Growable buffers reused from record to record.
#[derive(Default)]
struct Scratch {
    lines: Vec<LineHit>,
    branches: Vec<BranchHit>,
}

/// One `SF` … `end_of_record` section. Function names are borrowed from the input until the
/// record ends.
struct Record<'a> {
    file: FileCoverage,
    scratch: Scratch,
    /// `FN` definitions: name → line.
    definitions: Vec<(&'a [u8], u32)>,
    /// `FNDA` counts: name → calls.
    calls: Vec<(&'a [u8], u64)>,
    /// `FNL` groups: index → start line.
    groups: Vec<(u32, u32)>,
    /// Set when the last line read had a negative count (read as 0, and reported).
    negative: bool,
}

impl<'a> Record<'a> {
    fn new(path: String, scratch: Scratch) -> Record<'a> {
        // Every LCOV record has lines; functions and branches only when the tool wrote them.
        let recorded = Recorded { lines: true, ..Recorded::default() };
        Record {
            file: FileCoverage::new(path, recorded),
            scratch,
            definitions: Vec::new(),
            calls: Vec::new(),
            groups: Vec::new(),
            negative: false,
        }
    }

    /// Reads one record line; an `Err` says why it was skipped.
    fn read(&mut self, tag: &[u8], value: &'a [u8]) -> Result<(), String> {
        match tag {
            b"DA" => {
                // DA:<line>,<count>[,<checksum>]
                let (line, rest) = split_once(value).ok_or("no execution count")?;
                let line = parse_line_number(line).ok_or("no valid line number")?;
                let count = split_once(rest).map_or(rest, |(count, _checksum)| count);
                let hits = self.count(count)?;
                self.scratch.lines.push(LineHit::new(line, hits));
            }
            b"FN" => {
                // FN:<line>[,<end line>],<name>; the name may contain commas.
                let (line, rest) = split_once(value).ok_or("no function name")?;
                let line = parse_line_number(line).ok_or("no valid line number")?;
                let name = match split_once(rest) {
                    Some((end, name)) if parse_line_number(end).is_some() => name,
                    _ => rest,
                };
                self.definitions.push((name, line));
                self.file.recorded.functions = true;
            }
            b"FNDA" => {
                // FNDA:<count>,<name>
                let (calls, name) = split_once(value).ok_or("no function name")?;
                let calls = self.count(calls)?;
                self.calls.push((name, calls));
                self.file.recorded.functions = true;
            }
            b"FNL" => {
                // FNL:<index>,<start>[,<end>]
                let mut fields = value.split(|&b| b == b',');
                let index = fields.next().and_then(parse_u32).ok_or("no valid group index")?;
                let line = fields.next().and_then(parse_line_number).ok_or("no valid line number")?;
                self.groups.push((index, line));
                self.file.recorded.functions = true;
            }
            b"FNA" => {
                // FNA:<index>,<count>,<alias>; each alias counts as a function.
                let (index, rest) = split_once(value).ok_or("no call count")?;
                let index = parse_u32(index).ok_or("no valid group index")?;
                let (calls, name) = split_once(rest).ok_or("no function name")?;
                let line = self.groups.iter().rev().find(|(i, _)| *i == index).map(|(_, line)| *line);
                let line = line.ok_or_else(|| format!("no FNL record for group {index}"))?;
                let hits = self.count(calls)?;
                self.file.functions.push(FunctionHit { name: text(name), line, hits });
                self.file.recorded.functions = true;
            }
            b"BRDA" => {
                // BRDA:<line>,[e|f][U]<block>,<branch>,<taken>; the branch may contain commas,
                // so `taken` is what follows the last comma.
                let (line, rest) = split_once(value).ok_or("no block")?;
                let line = parse_line_number(line).ok_or("no valid line number")?;
                let last = memchr::memrchr(b',', rest).ok_or("no taken count")?;
                let (id, taken) = (&rest[..last], &rest[last + 1..]);
                let (block, _) = split_once(id).ok_or("no branch")?;
                self.file.recorded.branches = true;
                if block.contains(&b'U') {
                    return Ok(()); // unreachable: not counted
                }
                let taken = if taken == b"-" { None } else { Some(self.count(taken)?) };
                self.scratch.branches.push(BranchHit::new(line, branch_id(block, &id[block.len() + 1..]), taken));
            }
            // Looked at last: the common records are matched first.
            _ if is_ignored(tag) => {}
            _ => return Err(format!("unknown record type {:?}", show(tag, 20))),
        }
        Ok(())
    }

    fn count(&mut self, text: &[u8]) -> Result<u64, String> {
        match parse_count(text) {
            Count::Ok(n) => Ok(n),
            Count::Negative => {
                self.negative = true;
                Ok(0)
            }
            Count::Invalid => Err(format!("{:?} is not a count", show(text, 20))),
        }
    }

    /// Completes the file and merges it into `files`; hands back the scratch space, emptied.
    fn finish(mut self, files: &mut HashMap<String, FileCoverage>) -> Scratch {
        // One allocation of the final size each, instead of growing by doubling.
        self.file.lines = self.scratch.lines.to_vec();
        self.file.branches = self.scratch.branches.to_vec();
        self.scratch.lines.clear();
        self.scratch.branches.clear();
        // Join definitions and calls by name: both sorted, then walked together.
        self.definitions.sort_unstable();
        self.calls.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut calls = self.calls.iter().peekable();
        for (name, line) in self.definitions {
            while calls.next_if(|(called, _)| *called < name).is_some() {}
            let mut hits = 0u64;
            while let Some((_, n)) = calls.next_if(|(called, _)| *called == name) {
                hits = hits.saturating_add(*n);
            }
            self.file.functions.push(FunctionHit { name: text(name), line, hits });
        }
        self.file.normalize();
        match files.get_mut(&self.file.path) {
            Some(known) => known.merge(self.file),
            None => {
                files.insert(self.file.path.clone(), self.file);
            }
        }
        self.scratch
    }
}

/// `f0` and `3` → numbered; anything else (`jump to line 7`) → named by the text.
fn branch_id(block: &[u8], branch: &[u8]) -> BranchId {
    let (kind, digits) = match block {
        [b'e', rest @ ..] => (1, rest),
        [b'f', rest @ ..] => (2, rest),
        _ => (0, block),
    };
    match (parse_u32(digits), parse_u32(branch)) {
        (Some(block), Some(branch)) => BranchId::numbered(kind, block, branch),
        _ => {
            let mut text = String::from_utf8_lossy(block).into_owned();
            text.push(',');
            text.push_str(&String::from_utf8_lossy(branch));
            BranchId::named(&text)
        }
    }
}

fn split_once(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let idx = memchr::memchr(b',', bytes)?;
    Some((&bytes[..idx], &bytes[idx + 1..]))
}

fn text(bytes: &[u8]) -> Box<str> {
    String::from_utf8_lossy(bytes).into()
}
