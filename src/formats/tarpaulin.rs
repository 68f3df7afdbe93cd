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

use serde::de::IgnoredAny;
use serde::Deserialize;

use super::json::{self, count, number};
use super::{Format, ParseError, Parsed};
use crate::model::{normalize_path, BranchHit, BranchId, FileCoverage, LineHit, Metric, Recorded};

#[derive(Deserialize)]
struct Document {
    files: Vec<TarpaulinFile>,
}

#[derive(Deserialize)]
struct TarpaulinFile {
    #[serde(default)]
    path: Vec<String>,
    #[serde(default, rename = "content")]
    _content: IgnoredAny,
    #[serde(default)]
    traces: Vec<Trace>,
}

#[derive(Deserialize)]
struct Trace {
    line: Option<f64>,
    stats: Stats,
}

#[derive(Deserialize)]
enum Stats {
    Line(f64),
    Branch(Outcomes),
    Condition(Vec<Outcomes>),
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

fn file_of(tarpaulin: TarpaulinFile) -> FileCoverage {
    let recorded = Recorded { lines: true, ..Recorded::default() };
    let mut file = FileCoverage::new(normalize_path(&join(&tarpaulin.path)), recorded);
    for trace in tarpaulin.traces {
        let line = number(trace.line);
        let mut outcomes = |index: u32, o: &Outcomes| {
            file.recorded.branches = true;
            for (branch, seen) in [(2 * index, o.been_true), (2 * index + 1, o.been_false)] {
                file.branches.push(BranchHit::new(line, BranchId::numbered(0, 0, branch), Some(u64::from(seen))));
            }
        };
        match trace.stats {
            Stats::Line(hits) => file.lines.push(LineHit::new(line, count(hits))),
            Stats::Branch(o) => outcomes(0, &o),
            Stats::Condition(list) => {
                for (index, o) in list.iter().enumerate() {
                    outcomes(u32::try_from(index).unwrap_or(u32::MAX / 2 - 1), o);
                }
            }
        }
    }
    file.normalize();
    file
}

pub(crate) fn parse(bytes: &[u8]) -> Result<Parsed, ParseError> {
    let document: Document = json::read(bytes)?;
    let files = document.files.into_iter().map(file_of).collect();
    json::report_of(Format::Tarpaulin, files, Metric::Lines, "the tarpaulin report lists no file")
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
