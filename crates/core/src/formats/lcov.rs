//! LCOV tracefiles (geninfo/lcov 1.x and 2.x, and the many tools that write them: gcovr,
//! llvm-cov, istanbul, coverage.py, c8, grcov, tarpaulin…).
//!
//! Refs: lcov's `geninfo` manual, "TRACEFILE FORMAT", and its reader (`lib/lcovutil.pm`).
//!
//! Totals are recomputed from the records, never read from `LF`/`LH`, `FNF`/`FNH` or
//! `BRF`/`BRH` (real files carry wrong ones; lcov ignores them too), but for a record that lists
//! no function and counts some in `FNF`/`FNH`, as bun writes them: those are its functions. A
//! file that appears in several records (or under several spellings of its path) is merged:
//! line, branch and function hits are added. Functions are counted per name, as `lcov --summary` does, so
//! `FNL`/`FNA` aliases each count. Branches marked `U` (unreachable) are left out.

use super::lines::{parse_count, parse_line_number, parse_u32, show, Count, Diagnostics};
use super::{ErrorKind, Format, ParseError, Parsed};
use crate::model::{
    compare_bytes, merge_repeats, normalize_path, packages_from_files, same_bytes, sort_by, BranchHit, BranchId,
    Counts, FileCoverage, LineHit, Metric, Recorded, Report, Snapshot,
};

/// A record tag (`DA`, `BRDA`…) as a number, so that each tag is told apart by one integer
/// comparison: byte-slice comparisons are calls to `memcmp` in the page's size-optimised wasm.
/// Tags longer than four bytes are not LCOV tags and map to 0.
const fn tag(bytes: &[u8]) -> u64 {
    if bytes.len() > 4 {
        return 0;
    }
    let mut value = bytes.len() as u64;
    let mut i = 0;
    while i < bytes.len() {
        value = (value << 8) | bytes[i] as u64;
        i += 1;
    }
    value
}

const SF: u64 = tag(b"SF");
const DA: u64 = tag(b"DA");
const FN: u64 = tag(b"FN");
const FNDA: u64 = tag(b"FNDA");
const FNL: u64 = tag(b"FNL");
const FNA: u64 = tag(b"FNA");
const FNF: u64 = tag(b"FNF");
const FNH: u64 = tag(b"FNH");
const BRDA: u64 = tag(b"BRDA");

/// Whether `tag` carries nothing covdash needs (test names, versions, embedded totals, MC/DC).
fn is_ignored(tag_bytes: &[u8]) -> bool {
    const IGNORED: [u64; 9] = [
        tag(b"TN"),
        tag(b"VER"),
        tag(b"LF"),
        tag(b"LH"),
        tag(b"BRF"),
        tag(b"BRH"),
        tag(b"MCDC"),
        tag(b"MCF"),
        tag(b"MCH"),
    ];
    let key = tag(tag_bytes);
    key != 0 && IGNORED.contains(&key)
}

/// How much of the input one [`Reader::step`] reads (it finishes the line it is in).
const STEP: usize = 64 * 1024;

pub(crate) fn parse<'a>(bytes: &'a [u8]) -> Result<Parsed, ParseError> {
    let mut reader = Reader::new(bytes);
    // Called through a pointer the optimisers cannot see through: `wasm-opt` inlines every
    // function with one caller, whatever Rust asks, which would make the parse one call again.
    let step: fn(&mut Reader<'a>, usize) = std::hint::black_box(Reader::step);
    while reader.pos < bytes.len() {
        let until = reader.pos.saturating_add(STEP);
        step(&mut reader, until);
    }
    let Reader { mut files, mut diagnostics, mut record, mut n_records, number, .. } = reader;
    if let Some(open) = record.take() {
        // `number` is the last line's: the reader numbered every line as it went.
        diagnostics
            .push(number, || format!("the file ends inside the record for {:?} (no end_of_record)", open.file.path));
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
    let packages = packages_from_files(merge_repeats(files));
    let snapshot = Snapshot::new(Format::Lcov.name().to_owned(), None, packages);
    let report = Report::of_snapshot(Metric::Lines, snapshot);
    Ok(Parsed { format: Format::Lcov, report, settings: None, diagnostics, n_diagnostics, sources: Vec::new() })
}

/// The parse under way. The input is read in steps of [`STEP`] bytes, each a call of its own.
/// A browser runs a WebAssembly call to its end in the code it had when the call began: at
/// first its quickly compiled, slower tier (V8 moves no running call to optimised code). A
/// parse that is one call reads all of a 100 MB file that way, about twice as slowly
/// (docs/benchmarks.md); in steps, the calls after the first few run optimised.
struct Reader<'a> {
    bytes: &'a [u8],
    /// Where the next line starts.
    pos: usize,
    /// The number of the line last read.
    number: u64,
    files: Vec<FileCoverage>,
    diagnostics: Diagnostics,
    record: Option<Record<'a>>,
    scratch: Scratch,
    n_records: u64,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader {
            bytes,
            pos: 0,
            number: 0,
            files: Vec::new(),
            diagnostics: Diagnostics::default(),
            record: None,
            scratch: Scratch::default(),
            n_records: 0,
        }
    }

    /// Reads the lines that start before `until` (and the line it falls in).
    #[inline(never)]
    fn step(&mut self, until: usize) {
        let bytes = self.bytes;
        let until = until.min(bytes.len());
        let Reader { pos, number, files, diagnostics, record, scratch, n_records, .. } = self;
        while *pos < until {
            *number += 1;
            // Most lines are plain `DA` and `BRDA` records: read in one pass without looking
            // for the line's end first. Anything unusual falls through to the general reader.
            if let Some(open) = record.as_mut() {
                if let Some(next) = open.read_plain(bytes, *pos) {
                    *pos = next;
                    continue;
                }
            }
            let end = memchr::memchr(b'\n', &bytes[*pos..]).map_or(bytes.len(), |idx| *pos + idx);
            let line = bytes[*pos..end].trim_ascii_end();
            *pos = end + 1;
            if line.is_empty() || line[0] == b'#' {
                continue;
            }
            if line == b"end_of_record" {
                match record.take() {
                    Some(done) => {
                        *n_records += 1;
                        *scratch = done.finish(files);
                    }
                    None => diagnostics.push(*number, || "end_of_record without a SF record".to_owned()),
                }
                continue;
            }
            let Some(colon) = memchr::memchr(b':', line) else {
                diagnostics.push(*number, || format!("not an LCOV record: {:?}", show(line, 60)));
                continue;
            };
            let (tag, value) = (&line[..colon], &line[colon + 1..]);
            if self::tag(tag) == SF {
                if let Some(open) = record.take() {
                    diagnostics.push(*number, || format!("the record for {:?} has no end_of_record", open.file.path));
                    *n_records += 1;
                    *scratch = open.finish(files);
                }
                let path = normalize_path(&String::from_utf8_lossy(value));
                *record = Some(Record::new(path, std::mem::take(scratch)));
                continue;
            }
            let Some(open) = record.as_mut() else {
                if is_ignored(tag) {
                    continue;
                }
                diagnostics.push(*number, || format!("{} outside a SF record", show(tag, 20)));
                continue;
            };
            if let Err(problem) = open.read(tag, value) {
                diagnostics.push(*number, || format!("{}: {problem}, skipped", show(line, 80)));
            }
            if open.negative {
                open.negative = false;
                diagnostics.push(*number, || format!("{}: a negative count, read as 0", show(line, 80)));
            }
        }
    }
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
    /// `FNF` and `FNH`: the functions' totals, read only where no function is listed (bun
    /// writes them alone).
    functions_stated: (Option<u64>, Option<u64>),
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
            functions_stated: (None, None),
        }
    }

    /// Reads a plain `DA:<line>,<count>` or `BRDA:<line>,<block>,<branch>,<taken>` line starting
    /// at `bytes[at]` (numbers only, no checksum, no flags, no trailing blanks) and returns where
    /// the next line starts. `None`, having recorded nothing, for any other line: the general
    /// reader then reads it and reports what is wrong with it.
    #[inline]
    fn read_plain(&mut self, bytes: &[u8], at: usize) -> Option<usize> {
        let rest = &bytes[at..];
        // Slice patterns compare bytes one by one: no `memcmp` call (see [`tag`]).
        if let [b'D', b'A', b':', ..] = rest {
            let mut i = at + 3;
            let (line, sep) = plain_number(bytes, &mut i)?;
            let line = plain_line(line).filter(|_| sep == b',')?;
            i += 1;
            let (hits, end) = plain_number(bytes, &mut i)?;
            let next = plain_end(bytes, i, end)?;
            self.scratch.lines.push(LineHit::new(line, hits));
            Some(next)
        } else if let [b'B', b'R', b'D', b'A', b':', ..] = rest {
            let mut i = at + 5;
            let (line, sep) = plain_number(bytes, &mut i)?;
            let line = plain_line(line).filter(|_| sep == b',')?;
            i += 1;
            let (block, _) = plain_number(bytes, &mut i).filter(|&(_, sep)| sep == b',')?;
            i += 1;
            let (branch, _) = plain_number(bytes, &mut i).filter(|&(_, sep)| sep == b',')?;
            i += 1;
            let (taken, next) = if bytes.get(i) == Some(&b'-') {
                (None, plain_end(bytes, i + 1, bytes.get(i + 1).copied().unwrap_or(b'\n'))?)
            } else {
                let (taken, end) = plain_number(bytes, &mut i)?;
                (Some(taken), plain_end(bytes, i, end)?)
            };
            let id = BranchId::numbered(0, u32::try_from(block).ok()?, u32::try_from(branch).ok()?);
            self.scratch.branches.push(BranchHit::new(line, id, taken));
            self.file.recorded.branches = true;
            Some(next)
        } else {
            None
        }
    }

    /// Reads one record line; an `Err` says why it was skipped.
    fn read(&mut self, tag: &[u8], value: &'a [u8]) -> Result<(), String> {
        match self::tag(tag) {
            DA => {
                // DA:<line>,<count>[,<checksum>]
                let (line, rest) = split_once(value).ok_or("no execution count")?;
                let line = parse_line_number(line).ok_or("no valid line number")?;
                let count = split_once(rest).map_or(rest, |(count, _checksum)| count);
                let hits = self.count(count)?;
                self.scratch.lines.push(LineHit::new(line, hits));
            }
            FN => {
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
            FNDA => {
                // FNDA:<count>,<name>
                let (calls, name) = split_once(value).ok_or("no function name")?;
                let calls = self.count(calls)?;
                self.calls.push((name, calls));
                self.file.recorded.functions = true;
            }
            FNL => {
                // FNL:<index>,<start>[,<end>]
                let mut fields = value.split(|&b| b == b',');
                let index = fields.next().and_then(parse_u32).ok_or("no valid group index")?;
                let line = fields.next().and_then(parse_line_number).ok_or("no valid line number")?;
                self.groups.push((index, line));
                self.file.recorded.functions = true;
            }
            FNA => {
                // FNA:<index>,<count>,<alias>; each alias counts as a function.
                let (index, rest) = split_once(value).ok_or("no call count")?;
                let index = parse_u32(index).ok_or("no valid group index")?;
                let (calls, name) = split_once(rest).ok_or("no function name")?;
                let line = self.groups.iter().rev().find(|(i, _)| *i == index).map(|(_, line)| *line);
                let line = line.ok_or_else(|| format!("no FNL record for group {index}"))?;
                let hits = self.count(calls)?;
                self.file.push_function(&text(name), line, hits);
                self.file.recorded.functions = true;
            }
            BRDA => {
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
            FNF => self.functions_stated.0 = Some(self.count(value)?),
            FNH => self.functions_stated.1 = Some(self.count(value)?),
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

    /// Completes the file and adds it to `files` (repeats are merged at the end); hands back
    /// the scratch space, emptied.
    fn finish(mut self, files: &mut Vec<FileCoverage>) -> Scratch {
        // One allocation of the final size each, instead of growing by doubling.
        self.file.lines = self.scratch.lines.to_vec();
        self.file.branches = self.scratch.branches.to_vec();
        self.scratch.lines.clear();
        self.scratch.branches.clear();
        // Join definitions and calls by name. Tools write them in the same order, which one
        // pass confirms; otherwise both are sorted and walked together.
        let in_step = self.definitions.len() == self.calls.len()
            && self.definitions.iter().zip(&self.calls).all(|((defined, _), (called, _))| same_bytes(defined, called));
        if in_step {
            for ((name, line), (_, hits)) in self.definitions.iter().zip(&self.calls) {
                self.file.push_function(&text(name), *line, *hits);
            }
        } else {
            sort_by(&mut self.definitions, |a, b| compare_bytes(a.0, b.0).then(a.1.cmp(&b.1)));
            sort_by(&mut self.calls, |a, b| compare_bytes(a.0, b.0));
            let mut calls = self.calls.iter().peekable();
            for (name, line) in self.definitions {
                while calls.next_if(|(called, _)| compare_bytes(called, name).is_lt()).is_some() {}
                let mut hits = 0u64;
                while let Some((_, n)) = calls.next_if(|(called, _)| same_bytes(called, name)) {
                    hits = hits.saturating_add(*n);
                }
                self.file.push_function(&text(name), line, hits);
            }
        }
        // A record that lists no function but counts some (bun's): its counts are its functions.
        if let (false, (Some(found @ 1..), Some(hit))) = (self.file.recorded.functions, self.functions_stated) {
            if let Some(counts) = Counts::new(hit, found) {
                self.file.state(Metric::Functions, counts);
            }
        }
        self.file.normalize();
        files.push(self.file);
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

/// UTF-8 text as it is (the common case, checked quickly), or with invalid bytes replaced.
fn text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.into(),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Reads the digits at `bytes[*at..]` (at most 19, so no overflow) and the byte after them.
/// `None` when there are no digits, too many, or the input ends.
#[inline(always)]
fn plain_number(bytes: &[u8], at: &mut usize) -> Option<(u64, u8)> {
    let start = *at;
    let mut value = 0u64;
    while let Some(&byte) = bytes.get(*at) {
        let digit = byte.wrapping_sub(b'0');
        if digit > 9 {
            let len = *at - start;
            return (len > 0 && len <= 19).then_some((value, byte));
        }
        value = value.wrapping_mul(10).wrapping_add(u64::from(digit));
        *at += 1;
    }
    let len = *at - start;
    (len > 0 && len <= 19).then_some((value, b'\n'))
}

/// Whether `byte`, found after a record's last field at `bytes[at]`, ends the line; returns
/// where the next line starts.
#[inline(always)]
fn plain_end(bytes: &[u8], at: usize, byte: u8) -> Option<usize> {
    match byte {
        b'\n' => Some(at + 1),
        b'\r' if bytes.get(at + 1).is_none_or(|&b| b == b'\n') => Some(at + 2),
        _ => None,
    }
}

/// A positive line number that fits.
#[inline(always)]
fn plain_line(value: u64) -> Option<u32> {
    u32::try_from(value).ok().filter(|&line| line > 0)
}
