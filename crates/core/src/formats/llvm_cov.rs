//! `llvm-cov export` JSON (`llvm.coverage.json.export`, versions 2.0.x and 3.x; full and
//! `--summary-only`), as clang's tools and cargo-llvm-cov write it.
//!
//! Refs: llvm `tools/llvm-cov/CoverageExporterJson.cpp` and `CoverageSummaryInfo.h`, and
//! `../shared/research/formats.md` §5.
//!
//! Each file's figures are its exported `summary`, as `llvm-cov report` prints them: lines,
//! functions and branches. They are not recomputed from segments, because llvm-cov merges
//! template instantiations and functions emitted in several translation units with rules a
//! union of the detail does not reproduce (a function is counted once per source location; a
//! branch of two instantiations counts by the best instantiation). Regions and MC/DC, figures
//! of llvm-cov's own, are not among covdash's metrics. Functions are listed per file for the
//! drill-down (mangled, one entry per instantiation), without changing the counts.
//!
//! Which lines ran is read from a full export's segments, as `llvm-cov show` marks them
//! (`LineCoverageStats`): a line is mapped when a counted region starts on it (a gap region
//! does not count) or a counted region wraps into it, and not when a skipped region starts
//! it; its count is the most of those. Each outcome of its `branches` is a branch of its line.
//! These give the lines to test and the source view; the figures stay the summary's.

use std::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::json::{self, count, number, First};
use super::{ErrorKind, Format, ParseError, Parsed};
use crate::model::{normalize_path, BranchHit, BranchId, Counts, FileCoverage, LineHit, Metric, Recorded};

#[derive(Deserialize)]
struct Document {
    #[serde(default)]
    data: Vec<Export>,
    #[serde(rename = "type")]
    kind: Option<String>,
}

#[derive(Deserialize)]
struct Export {
    #[serde(default)]
    files: Vec<ExportFile>,
    #[serde(default)]
    functions: Vec<Function>,
}

#[derive(Deserialize)]
struct ExportFile {
    #[serde(default)]
    filename: String,
    #[serde(default)]
    summary: Summary,
    /// `[line, col, count, hasCount, isRegionEntry, isGapRegion]`, in order.
    #[serde(default)]
    segments: Vec<Segment>,
    /// `[lineStart, colStart, lineEnd, colEnd, trueCount, falseCount, fileID, expandedFileID, kind]`.
    #[serde(default)]
    branches: Vec<BranchRegion>,
}

/// Where a region starts or ends, and the count from there on.
#[derive(Clone, Copy, Deserialize)]
#[serde(try_from = "Values<6>")]
struct Segment {
    line: u32,
    count: u64,
    has_count: bool,
    entry: bool,
    gap: bool,
}

/// A branch: where it is and how often each way was taken.
#[derive(Deserialize)]
#[serde(try_from = "Values<6>")]
struct BranchRegion {
    line: u32,
    column: u32,
    taken: [u64; 2],
}

/// The first `N` values of one of the export's arrays (`true` and `false` as 1 and 0), and how
/// many it had: segments, branches and regions are arrays of this kind.
struct Values<const N: usize> {
    values: [f64; N],
    len: usize,
}

impl<'de, const N: usize> Deserialize<'de> for Values<N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Array<const N: usize>;
        impl<'de, const N: usize> Visitor<'de> for Array<N> {
            type Value = Values<N>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of numbers")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Values<N>, A::Error> {
                let mut out = Values { values: [0.0; N], len: 0 };
                while let Some(value) = seq.next_element::<NumberOrFlag>()? {
                    if let Some(slot) = out.values.get_mut(out.len) {
                        *slot = value.0;
                    }
                    out.len += 1;
                }
                Ok(out)
            }
        }
        deserializer.deserialize_seq(Array::<N>)
    }
}

impl<const N: usize> Values<N> {
    /// The values, when there are at least `least` of them.
    fn at_least(self, least: usize, what: &str) -> Result<[f64; N], String> {
        if self.len < least {
            return Err(format!("a {what} has {} values, fewer than {least}", self.len));
        }
        Ok(self.values)
    }
}

/// A number, or a flag as 1 or 0.
struct NumberOrFlag(f64);

impl<'de> Deserialize<'de> for NumberOrFlag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Atom;
        impl<'de> Visitor<'de> for Atom {
            type Value = NumberOrFlag;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or true/false")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<NumberOrFlag, E> {
                Ok(NumberOrFlag(if v { 1.0 } else { 0.0 }))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<NumberOrFlag, E> {
                Ok(NumberOrFlag(v as f64))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<NumberOrFlag, E> {
                Ok(NumberOrFlag(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<NumberOrFlag, E> {
                Ok(NumberOrFlag(v))
            }
        }
        deserializer.deserialize_any(Atom)
    }
}

impl TryFrom<Values<6>> for Segment {
    type Error = String;
    fn try_from(values: Values<6>) -> Result<Segment, String> {
        let v = values.at_least(5, "segment")?;
        Ok(Segment {
            line: number(Some(v[0])),
            count: count(v[2]),
            has_count: v[3] != 0.0,
            entry: v[4] != 0.0,
            gap: v[5] != 0.0,
        })
    }
}

impl TryFrom<Values<6>> for BranchRegion {
    type Error = String;
    fn try_from(values: Values<6>) -> Result<BranchRegion, String> {
        let v = values.at_least(6, "branch")?;
        Ok(BranchRegion { line: number(Some(v[0])), column: number(Some(v[1])), taken: [count(v[4]), count(v[5])] })
    }
}

impl TryFrom<Values<6>> for RegionStart {
    type Error = String;
    fn try_from(values: Values<6>) -> Result<RegionStart, String> {
        let v = values.at_least(6, "region")?;
        Ok(RegionStart { line: number(Some(v[0])), file_id: number(Some(v[5])) as usize })
    }
}

/// Lines between two segments are expanded one by one up to this many: no source file has
/// more lines, and a hostile segment on line four billion costs nothing.
const MOST_LINES: u32 = 1 << 22;

/// The lines `llvm-cov show` marks, with their counts, from a file's segments (in order).
fn lines_of(segments: &[Segment]) -> Vec<LineHit> {
    let mut lines = Vec::new();
    let starts = |s: &Segment| !s.gap && s.has_count && s.entry;
    let mut wrapped: Option<Segment> = None;
    let mut at = 0;
    while at < segments.len() {
        let line = segments[at].line;
        let end = at + segments[at..].iter().take_while(|s| s.line == line).count();
        let on_line = &segments[at..end];
        let starting = on_line.iter().filter(|s| starts(s)).count();
        let skipped = on_line.first().is_some_and(|s| !s.has_count && s.entry);
        if !skipped && (wrapped.is_some_and(|w| w.has_count) || starting > 0) {
            let wrapped_count = wrapped.map_or(0, |w| w.count);
            let most = on_line.iter().filter(|s| starts(s)).map(|s| s.count).max().unwrap_or(0);
            lines.push(LineHit::new(line, wrapped_count.max(most)));
        }
        wrapped = on_line.last().copied().or(wrapped);
        // The lines up to the next segment's are inside the last region begun.
        let next = segments.get(end).map_or(line, |s| s.line);
        if let Some(w) = wrapped.filter(|w| w.has_count && next > line.saturating_add(1)) {
            let last = next.min(line.saturating_add(MOST_LINES));
            lines.extend((line + 1..last).map(|l| LineHit::new(l, w.count)));
        }
        at = end;
    }
    lines
}

#[derive(Deserialize, Default)]
struct Summary {
    lines: Option<Figure>,
    functions: Option<Figure>,
    branches: Option<Figure>,
}

#[derive(Deserialize)]
struct Figure {
    #[serde(default)]
    count: f64,
    #[serde(default)]
    covered: f64,
}

#[derive(Deserialize)]
struct Function {
    #[serde(default)]
    name: String,
    #[serde(default)]
    count: f64,
    #[serde(default)]
    filenames: Vec<String>,
    #[serde(default)]
    regions: First<RegionStart>,
}

/// Where a function starts: the line and file of its first region
/// `[lineStart, colStart, lineEnd, colEnd, count, fileID, expandedFileID, kind]`.
#[derive(Deserialize)]
#[serde(try_from = "Values<6>")]
struct RegionStart {
    line: u32,
    file_id: usize,
}

pub(crate) fn parse(bytes: &[u8]) -> Result<Parsed, ParseError> {
    let document: Document = json::read(bytes)?;
    if let Some(kind) = document.kind.as_deref().filter(|k| !k.starts_with("llvm.coverage.json.export")) {
        let message = format!("the export's type is {kind:?}, not \"llvm.coverage.json.export\"");
        return Err(ParseError::new(ErrorKind::InvalidValue { path: "type".to_owned(), message }, None));
    }
    let mut files: Vec<FileCoverage> = Vec::new();
    for export in document.data {
        let first = files.len();
        for exported in export.files {
            let mut file = FileCoverage::new(normalize_path(&exported.filename), Recorded::default());
            let summary = &exported.summary;
            let figures = [
                (Metric::Lines, summary.lines.as_ref()),
                (Metric::Functions, summary.functions.as_ref()),
                (Metric::Branches, summary.branches.as_ref()),
            ];
            for (metric, figure) in figures {
                if let Some(figure) = figure {
                    file.state(metric, Counts::at_most(count(figure.covered), count(figure.count)));
                }
            }
            file.lines = lines_of(&exported.segments);
            for branch in &exported.branches {
                for (way, taken) in branch.taken.into_iter().enumerate() {
                    let id = BranchId::numbered(0, branch.column, way as u32);
                    file.branches.push(BranchHit::new(branch.line, id, Some(taken)));
                }
            }
            files.push(file);
        }
        // Functions, by the file of their first region, for the drill-down.
        let index: std::collections::HashMap<String, usize> =
            files[first..].iter().enumerate().map(|(i, f)| (f.path.clone(), first + i)).collect();
        for function in export.functions {
            let Some(RegionStart { line, file_id }) = function.regions.0 else { continue };
            let Some(name) = function.filenames.get(file_id) else { continue };
            if let Some(idx) = index.get(&normalize_path(name)) {
                files[*idx].push_function(&function.name, line, count(function.count));
            }
        }
    }
    if !files.is_empty() && files.iter().all(|f| f.recorded == Recorded::default()) {
        let message = "no file of the export has a summary (lines, functions or branches)".to_owned();
        return Err(ParseError::new(
            ErrorKind::InvalidValue { path: "data[].files[].summary".to_owned(), message },
            None,
        ));
    }
    for file in &mut files {
        file.normalize();
    }
    json::report_of(Format::LlvmCov, files, Metric::Lines, "the llvm-cov export lists no file")
}
