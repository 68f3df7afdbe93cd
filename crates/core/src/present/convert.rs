//! `covdash convert`: a report written in another tool's format, for the platforms and tools
//! that read only theirs. LCOV here; covdash JSON is the history's writer
//! ([`super::covdash_json`]).
//!
//! What the input has is carried over exactly: each line's hits, each branch's count (or
//! `-` where its branch point never ran), each function's line and calls. What it lacks is
//! said, never made up: a Go report has statement blocks, not lines, so its lines are the
//! blocks' (a line's hits are the most of any block on it); a file with no line, branch or
//! function to write (a summary's) is left out; figures a tool states beyond its detail are
//! said, and the detail is written.

use std::fmt::Write as _;

use crate::model::{FileCoverage, LineState, Metric, Report};

/// A converted report, and what the conversion had to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    pub text: String,
    /// One sentence each: what the input lacked, what was left out.
    pub notes: Vec<String>,
}

/// `report`'s latest snapshot as an LCOV tracefile, as lcov 1.x writes one: per file its
/// functions (`FN`, `FNDA`, `FNF`, `FNH`), branches (`BRDA`, `BRF`, `BRH`) and lines (`DA`,
/// `LF`, `LH`).
pub fn lcov(report: &Report) -> Converted {
    let mut out = String::new();
    let mut notes = Vec::new();
    if report.snapshots.len() > 1 {
        notes.push(format!("the latest of {} snapshots is written: LCOV holds one run", report.snapshots.len()));
    }
    let Some(latest) = report.latest() else {
        return Converted { text: out, notes };
    };
    let (mut from_blocks, mut without_lines, mut without_path) = (0usize, 0usize, 0usize);
    // Files whose tool states a metric's figures beyond the detail it gives, per metric.
    let mut stated_only = [0usize; 3];
    for file in latest.files() {
        // What the detail written counts, beside what the tool stated.
        let functions = file.functions();
        let written = [
            (file.lines.iter().filter(|l| l.hits > 0).count(), file.lines.len()),
            (functions.iter().filter(|f| f.hits > 0).count(), functions.len()),
            (file.branches.iter().filter(|b| b.taken().is_some_and(|t| t > 0)).count(), file.branches.len()),
        ];
        let from_go = file.lines.is_empty() && !file.blocks.is_empty();
        for (index, metric) in [Metric::Lines, Metric::Functions, Metric::Branches].into_iter().enumerate() {
            let stated = file.stated.get(metric).map(|c| (c.covered() as usize, c.total() as usize));
            if stated.is_some_and(|s| s != written[index]) && !(index == 0 && from_go) {
                stated_only[index] += 1;
            }
        }
        let lines = lines_of(file);
        if lines.is_empty() && file.functions().is_empty() && file.branches.is_empty() {
            without_lines += 1;
            continue;
        }
        if file.lines.is_empty() && !file.blocks.is_empty() {
            from_blocks += 1;
        }
        without_path += usize::from(file.path.is_empty());
        let _ = writeln!(out, "TN:\nSF:{}", file.path);
        let functions = file.functions();
        for function in functions {
            let _ = writeln!(out, "FN:{},{}", function.line, file.function_name(function));
        }
        for function in functions {
            let _ = writeln!(out, "FNDA:{},{}", function.hits, file.function_name(function));
        }
        if !functions.is_empty() {
            let hit = functions.iter().filter(|f| f.hits > 0).count();
            let _ = writeln!(out, "FNF:{}\nFNH:{hit}", functions.len());
        }
        // Each line's branches numbered in their order, as block 0.
        let mut taken = 0;
        for line in file.branches.chunk_by(|a, b| a.line == b.line) {
            for (index, branch) in line.iter().enumerate() {
                let count = branch.taken().map_or_else(|| "-".to_owned(), |t| t.to_string());
                taken += usize::from(branch.taken().is_some_and(|t| t > 0));
                let _ = writeln!(out, "BRDA:{},0,{index},{count}", branch.line);
            }
        }
        if !file.branches.is_empty() {
            let _ = writeln!(out, "BRF:{}\nBRH:{taken}", file.branches.len());
        }
        for (line, hits) in &lines {
            let _ = writeln!(out, "DA:{line},{hits}");
        }
        let hit = lines.iter().filter(|(_, hits)| *hits > 0).count();
        let _ = writeln!(out, "LF:{}\nLH:{hit}\nend_of_record", lines.len());
    }
    if from_blocks > 0 {
        notes.push(format!(
            "{} of Go statement blocks written as lines: a line's hits are the most of any block on it",
            crate::present::count_of(from_blocks as u64, "file")
        ));
    }
    for (n, metric) in stated_only.into_iter().zip([Metric::Lines, Metric::Functions, Metric::Branches]) {
        if n > 0 {
            notes.push(format!(
                "the {} of {} are stated as figures the detail does not hold: the detail is written",
                metric.plural(),
                crate::present::count_of(n as u64, "file")
            ));
        }
    }
    if without_path > 0 {
        notes.push(format!(
            "{} with no path, as the input has it, written as `SF:` alone (lcov leaves such a record out)",
            crate::present::count_of(without_path as u64, "file")
        ));
    }
    if without_lines > 0 {
        notes.push(format!(
            "{} with no line, branch or function to write left out",
            crate::present::count_of(without_lines as u64, "file")
        ));
    }
    Converted { text: out, notes }
}

/// A file's lines and their hits: its own, or its blocks' where it counts statements.
fn lines_of(file: &FileCoverage) -> Vec<(u32, u64)> {
    if !file.lines.is_empty() {
        return file.lines.iter().map(|l| (l.line, u64::from(l.hits))).collect();
    }
    let mut lines = Vec::new();
    for run in file.line_runs() {
        // A hostile block's span is not expanded past what a source file can hold.
        for line in run.first..=run.last.min(run.first.saturating_add(1_000_000)) {
            let hits = if run.state == LineState::Uncovered { 0 } else { run.hits.max(1) };
            lines.push((line, hits));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats;

    #[test]
    fn an_lcov_file_converts_to_itself_record_for_record() {
        let lcov_in =
            "TN:\nSF:src/a.c\nFN:3,main\nFNDA:2,main\nFNF:1\nFNH:1\nBRDA:4,0,0,1\nBRDA:4,0,1,-\nBRF:2\nBRH:1\n\
                       DA:3,2\nDA:4,2\nDA:5,0\nLF:3\nLH:2\nend_of_record\n";
        let report = formats::parse(lcov_in.as_bytes()).unwrap_or_else(|e| panic!("{e}")).report;
        let converted = lcov(&report);
        assert_eq!(converted.text, lcov_in);
        assert!(converted.notes.is_empty());
    }

    #[test]
    fn go_blocks_become_lines_and_the_conversion_says_so() {
        let go = "mode: count\nexample.com/m/a.go:3.10,5.2 2 4\nexample.com/m/a.go:6.2,6.9 1 0\n";
        let report = formats::parse(go.as_bytes()).unwrap_or_else(|e| panic!("{e}")).report;
        let converted = lcov(&report);
        let da: Vec<&str> = converted.text.lines().filter(|l| l.starts_with("DA:")).collect();
        assert_eq!(da, ["DA:3,4", "DA:4,4", "DA:5,4", "DA:6,0"]);
        assert_eq!(
            converted.notes,
            ["1 file of Go statement blocks written as lines: a line's hits are the most of any block on it"]
        );
    }
}
