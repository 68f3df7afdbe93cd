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

use std::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::json::{self, count, number, First};
use super::{ErrorKind, Format, ParseError, Parsed};
use crate::model::{normalize_path, Counts, FileCoverage, Metric, Recorded};

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
struct RegionStart {
    line: u32,
    file_id: usize,
}

impl<'de> Deserialize<'de> for RegionStart {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Region;
        impl<'de> Visitor<'de> for Region {
            type Value = RegionStart;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a region (an array of numbers)")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RegionStart, A::Error> {
                let mut values = [0f64; 6];
                let mut n = 0;
                while let Some(value) = seq.next_element::<f64>()? {
                    if let Some(slot) = values.get_mut(n) {
                        *slot = value;
                    }
                    n += 1;
                }
                if n < 6 {
                    return Err(de::Error::invalid_length(n, &"8 numbers"));
                }
                Ok(RegionStart { line: number(Some(values[0])), file_id: number(Some(values[5])) as usize })
            }
        }
        deserializer.deserialize_seq(Region)
    }
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
