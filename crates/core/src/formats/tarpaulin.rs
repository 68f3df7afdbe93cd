//! cargo-tarpaulin's JSON report (`tarpaulin-report.json`): current files with totals, and
//! older ones with only `files`.
//!
//! Refs: cargo-tarpaulin `src/report/json.rs` and `src/traces.rs`, and
//! `../shared/research/formats.md` §8.
//!
//! A file's path is written as its components (`["/", "home", …, "lib.rs"]`, on Windows
//! `["C:", "\\", …]`) and is joined back. Each trace is a line (`{"Line": hits}`), a branch
//! (`{"Branch": {been_true, been_false}}`: two outcomes) or a condition (`{"Condition": […]}`:
//! two outcomes each). tarpaulin's own figure, `covered / coverable`, adds lines and branch
//! outcomes together; covdash keeps lines and branches apart, and they agree whenever the
//! traces are lines, as they are for tarpaulin's ptrace and LLVM engines today. Files with
//! nothing coverable (tests, benches) are listed as tarpaulin lists them: "n/a".

use serde::Deserialize;

use super::json::{self, count, number};
use super::lines::Diagnostics;
use super::{Format, ParseError, Parsed};
use crate::model::{normalize_path, BranchHit, BranchId, FileCoverage, LineHit, Metric, Recorded, SourceFile};

#[derive(Deserialize)]
struct Document {
    files: Vec<TarpaulinFile>,
}

#[derive(Deserialize)]
struct TarpaulinFile {
    #[serde(default)]
    path: Vec<String>,
    /// The file's source, as tarpaulin read it.
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    traces: Vec<Trace>,
}

#[derive(Deserialize)]
struct Trace {
    line: Option<f64>,
    stats: Stats,
}

/// One of the three kinds tarpaulin writes (`{"Line": 3}`…); a kind it may add later reads as
/// none of them, and the trace is skipped and reported.
#[derive(Deserialize)]
struct Stats {
    #[serde(rename = "Line")]
    line: Option<f64>,
    #[serde(rename = "Branch")]
    branch: Option<Outcomes>,
    #[serde(rename = "Condition")]
    condition: Option<Vec<Outcomes>>,
}

#[derive(Deserialize)]
struct Outcomes {
    #[serde(default)]
    been_true: bool,
    #[serde(default)]
    been_false: bool,
}

/// `["/", "home", "src", "lib.rs"]` → `/home/src/lib.rs`; `["C:", "\\", "src"]` → `C:/src`.
fn join(components: &[String]) -> String {
    let mut path = String::new();
    for component in components {
        let separator = component == "/" || component == "\\";
        if separator {
            if !path.ends_with('/') {
                path.push('/');
            }
            continue;
        }
        if !path.is_empty() && !path.ends_with('/') {
            path.push('/');
        }
        path.push_str(component);
    }
    path
}

fn file_of(
    index: usize,
    tarpaulin: TarpaulinFile,
    diagnostics: &mut Diagnostics,
    sources: &mut Vec<SourceFile>,
) -> FileCoverage {
    let recorded = Recorded { lines: true, ..Recorded::default() };
    let mut file = FileCoverage::new(normalize_path(&join(&tarpaulin.path)), recorded);
    if let Some(content) = tarpaulin.content.filter(|c| !c.is_empty()) {
        sources.push(SourceFile { path: file.path.clone(), text: content.into() });
    }
    for (trace_index, trace) in tarpaulin.traces.into_iter().enumerate() {
        let line = number(trace.line);
        let mut outcomes = |index: u32, o: &Outcomes| {
            file.recorded.branches = true;
            for (branch, seen) in [(2 * index, o.been_true), (2 * index + 1, o.been_false)] {
                file.branches.push(BranchHit::new(line, BranchId::numbered(0, 0, branch), Some(u64::from(seen))));
            }
        };
        match trace.stats {
            Stats { line: Some(hits), .. } => file.lines.push(LineHit::new(line, count(hits))),
            Stats { branch: Some(o), .. } => outcomes(0, &o),
            Stats { condition: Some(list), .. } => {
                for (index, o) in list.iter().enumerate() {
                    outcomes(u32::try_from(index).unwrap_or(u32::MAX / 2 - 1), o);
                }
            }
            // tarpaulin writes its JSON on one line.
            _ => diagnostics.push(1, || {
                format!("files[{index}].traces[{trace_index}]: a kind of trace covdash does not know, skipped")
            }),
        }
    }
    file.normalize();
    file
}

pub(crate) fn parse(bytes: &[u8]) -> Result<Parsed, ParseError> {
    let document: Document = json::read(bytes)?;
    let mut diagnostics = Diagnostics::default();
    let mut sources = Vec::new();
    let files =
        document.files.into_iter().enumerate().map(|(i, f)| file_of(i, f, &mut diagnostics, &mut sources)).collect();
    let mut parsed = json::report_of(Format::Tarpaulin, files, Metric::Lines, "the tarpaulin report lists no file")?;
    (parsed.diagnostics, parsed.n_diagnostics) = diagnostics.finish();
    parsed.sources = sources;
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_joined_from_components() {
        // (components, path)
        let cases: [(&[&str], &str); 4] = [
            (&["/", "home", "src", "lib.rs"], "/home/src/lib.rs"),
            (&["C:", "\\", "work", "lib.rs"], "C:/work/lib.rs"),
            (&["src", "util", "mod.rs"], "src/util/mod.rs"),
            (&[], ""),
        ];
        for (components, path) in cases {
            let components: Vec<String> = components.iter().map(|c| (*c).to_owned()).collect();
            assert_eq!(join(&components), path);
        }
    }
}
