//! Go coverage profiles, as written by `go test -coverprofile` (modes `set`, `count` and
//! `atomic`).
//!
//! Refs: golang.org/x/tools `cover/profile.go` (`ParseProfilesFromReader`), the parser
//! `go tool cover` uses.
//!
//! A block line is `<file>:<startLine>.<startCol>,<endLine>.<endCol> <statements> <count>`. It
//! is read from the right, so a file name may contain `:` or spaces. Blocks that repeat (one
//! copy per test binary with `-coverpkg`) are merged before anything is counted — `set` ORs
//! the counts, the other modes add them — exactly as `go tool cover` does; counting first would
//! inflate the totals. A package is the directory of the file's import path, exactly: `a/b` and
//! `a/b/c` are different packages.

use std::collections::HashMap;

use super::lines::{lines, parse_count, parse_u32, show, Count, Diagnostics};
use super::{ErrorKind, Format, ParseError, Parsed, Position};
use crate::model::{
    normalize_path, packages_from_files, Block, FileCoverage, LineCounts, Metric, Recorded, Report, Snapshot,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Set,
    Count,
    Atomic,
}

impl Mode {
    fn parse(line: &[u8]) -> Option<Mode> {
        match line.strip_prefix(b"mode:")?.trim_ascii() {
            b"set" => Some(Mode::Set),
            b"count" => Some(Mode::Count),
            b"atomic" => Some(Mode::Atomic),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Mode::Set => "set",
            Mode::Count => "count",
            Mode::Atomic => "atomic",
        }
    }
}

/// A file's blocks as read, each with the number of the line it was read from.
type NumberedBlocks = Vec<(u64, Block)>;

/// The profile's lines, numbered, as [`lines`] gives them.
type Lines<'a> = dyn Iterator<Item = (u64, &'a [u8])> + 'a;

/// How many lines one [`Read::step`] reads.
const STEP_LINES: usize = 16 * 1024;

pub(crate) fn parse<'a>(bytes: &'a [u8]) -> Result<Parsed, ParseError> {
    let mut read = Read::default();
    let mut lines = lines(bytes);
    // In steps, each a call, through a pointer no optimiser sees through: the browser's
    // optimised code reaches a call only when it begins (as `lcov::Reader` says).
    let step: fn(&mut Read<'a>, &mut Lines<'a>) -> Result<bool, ParseError> = std::hint::black_box(Read::step);
    while step(&mut read, &mut lines)? {}
    let Read { mode, files, mut diagnostics, .. } = read;
    let Some(mode) = mode else {
        return Err(fatal(1, "a Go coverage profile starts with a `mode:` line".to_owned()));
    };

    let recorded = Recorded { statements: true, ..Recorded::default() };
    let mut merged: HashMap<String, FileCoverage> = HashMap::new();
    for (raw_path, blocks) in files {
        let path = normalize_path(&String::from_utf8_lossy(raw_path));
        let blocks = consistent_blocks(&path, blocks, &mut diagnostics);
        let file = merged.entry(path.clone()).or_insert_with(|| FileCoverage::new(path, recorded));
        file.blocks.extend(blocks);
    }
    let mut files: Vec<FileCoverage> = merged.into_values().collect();
    for file in &mut files {
        file.normalize();
        if mode == Mode::Set {
            file.counts = LineCounts::RanOrNot;
            for block in &mut file.blocks {
                block.hits = block.hits.min(1);
            }
        }
    }

    let (diagnostics, n_diagnostics) = diagnostics.finish();
    let packages = packages_from_files(files);
    let snapshot = Snapshot::new(Format::GoProfile.name().to_owned(), None, packages);
    let report = Report::of_snapshot(Metric::Statements, snapshot);
    Ok(Parsed { format: Format::GoProfile, report, settings: None, diagnostics, n_diagnostics, sources: Vec::new() })
}

/// The profile's lines being read.
#[derive(Default)]
struct Read<'a> {
    mode: Option<Mode>,
    /// Blocks by file, in order of first appearance. A file's blocks come in runs, so `index`
    /// is consulted only when the file changes.
    files: Vec<(&'a [u8], NumberedBlocks)>,
    index: HashMap<&'a [u8], usize>,
    current: Option<usize>,
    diagnostics: Diagnostics,
}

impl<'a> Read<'a> {
    /// Reads the next [`STEP_LINES`] of `lines`; `Ok(false)` once they have ended.
    #[inline(never)]
    fn step(&mut self, lines: &mut Lines<'a>) -> Result<bool, ParseError> {
        for _ in 0..STEP_LINES {
            let Some((number, line)) = lines.next() else { return Ok(false) };
            if line.is_empty() {
                continue;
            }
            if line.starts_with(b"mode:") {
                let Some(this) = Mode::parse(line) else {
                    return Err(fatal(number, format!("unknown coverage mode in {:?}", show(line, 40))));
                };
                match self.mode {
                    None => self.mode = Some(this),
                    Some(first) if first == this => {} // a concatenated profile repeats its header
                    Some(first) => {
                        return Err(fatal(
                            number,
                            format!(
                                "mode {} after mode {}: profiles of different modes cannot be merged",
                                this.name(),
                                first.name()
                            ),
                        ))
                    }
                }
                continue;
            }
            if self.mode.is_none() {
                return Err(fatal(number, "a Go coverage profile starts with a `mode:` line".to_owned()));
            }
            match parse_block(line) {
                Ok((file, block)) => {
                    let idx = match self.current {
                        Some(idx) if self.files[idx].0 == file => idx,
                        _ => *self.index.entry(file).or_insert_with(|| {
                            self.files.push((file, Vec::new()));
                            self.files.len() - 1
                        }),
                    };
                    self.current = Some(idx);
                    self.files[idx].1.push((number, block));
                }
                Err(problem) => self.diagnostics.push(number, || format!("{}: {problem}, skipped", show(line, 80))),
            }
        }
        Ok(true)
    }
}

fn fatal(line: u64, message: String) -> ParseError {
    ParseError::new(ErrorKind::Syntax { message }, Some(Position::line(line)))
}

/// Reads `<file>:<sl>.<sc>,<el>.<ec> <statements> <count>` from the right.
#[inline]
fn parse_block(line: &[u8]) -> Result<(&[u8], Block), String> {
    match parse_plain_block(line) {
        Some(read) => Ok(read),
        None => parse_any_block(line),
    }
}

/// The common case in one backward pass over the bytes: plain numbers, each separator where
/// it belongs. `None` for anything else, which [`parse_any_block`] then reads or explains.
#[inline(always)]
fn parse_plain_block(line: &[u8]) -> Option<(&[u8], Block)> {
    let mut end = line.len();
    let hits = number_before(line, &mut end, b' ')?;
    let statements = u32::try_from(number_before(line, &mut end, b' ')?).ok()?;
    let end_column = u32::try_from(number_before(line, &mut end, b'.')?).ok()?;
    let end_line = u32::try_from(number_before(line, &mut end, b',')?).ok()?;
    let start_column = u32::try_from(number_before(line, &mut end, b'.')?).ok()?;
    let start_line = u32::try_from(number_before(line, &mut end, b':')?).ok()?;
    let (start, finish) = ((start_line, start_column), (end_line, end_column));
    (end > 0 && finish >= start).then_some((&line[..end], Block { start, end: finish, statements, hits }))
}

/// Reads the 1 to 19 digits that end `line[..*end]`, preceded by `separator`, and moves `end`
/// to the separator.
#[inline(always)]
fn number_before(line: &[u8], end: &mut usize, separator: u8) -> Option<u64> {
    let stop = *end;
    let mut start = stop;
    while start > 0 && line[start - 1].is_ascii_digit() {
        start -= 1;
    }
    if start == stop || stop - start > 19 || start == 0 || line[start - 1] != separator {
        return None;
    }
    *end = start - 1;
    Some(line[start..stop].iter().fold(0u64, |value, &digit| value * 10 + u64::from(digit - b'0')))
}

/// Reads any block line, with a reason when it cannot.
fn parse_any_block(line: &[u8]) -> Result<(&[u8], Block), String> {
    let (rest, count) = split_last(line, b' ').ok_or("no count")?;
    let (rest, statements) = split_last(rest, b' ').ok_or("no statement count")?;
    let (file, span) = split_last(rest, b':').ok_or("no `file:span`")?;
    let (start, end) = split_last(span, b',').ok_or("no `start,end` span")?;
    let position = |text: &[u8]| -> Option<(u32, u32)> {
        let (line, column) = split_last(text, b'.')?;
        Some((parse_u32(line)?, parse_u32(column)?))
    };
    let start = position(start).ok_or("the span's start is not `line.column`")?;
    let end = position(end).ok_or("the span's end is not `line.column`")?;
    if file.is_empty() {
        return Err("no file name".to_owned());
    }
    if end < start {
        return Err("the span ends before it starts".to_owned());
    }
    let statements = parse_u32(statements).ok_or("the statement count is not a number")?;
    let hits = match parse_count(count) {
        Count::Ok(n) if count.iter().all(u8::is_ascii_digit) => n,
        _ => return Err(format!("{:?} is not a count", show(count, 20))),
    };
    Ok((file, Block { start, end, statements, hits }))
}

/// Blocks with the same span must agree on their statement count (`go tool cover` refuses
/// the profile otherwise): the first one read is kept and the others are reported.
fn consistent_blocks(path: &str, mut blocks: NumberedBlocks, diagnostics: &mut Diagnostics) -> Vec<Block> {
    crate::model::sort_by_key(&mut blocks, |(_, b)| (b.start, b.end)); // stable: the first read stays first
    let mut kept: Vec<Block> = Vec::with_capacity(blocks.len());
    for (number, block) in blocks {
        match kept.last() {
            Some(last) if last.start == block.start && last.end == block.end && last.statements != block.statements => {
                let first = last.statements;
                diagnostics.push(number, || {
                    format!(
                        "{path}:{}.{},{}.{}: {} statements here but {first} in an earlier copy of the block; the first is kept",
                        block.start.0, block.start.1, block.end.0, block.end.1, block.statements
                    )
                });
            }
            _ => kept.push(block),
        }
    }
    kept
}

fn split_last(bytes: &[u8], separator: u8) -> Option<(&[u8], &[u8])> {
    let idx = memchr::memrchr(separator, bytes)?;
    Some((&bytes[..idx], &bytes[idx + 1..]))
}
