//! `covdash convert`: a report written in another tool's format, for the platforms and tools
//! that read only theirs: LCOV and Cobertura here; covdash JSON is the history's writer
//! ([`super::covdash_json`]).
//!
//! What the input has is carried over exactly: each line's hits, each branch's count (or
//! `-` where its branch point never ran), each function's line and calls. What it lacks is
//! said, never made up: a Go report has statement blocks, not lines, so its lines are the
//! blocks' (a line's hits are the most of any block on it); a file with no line, branch or
//! function to write (a summary's) is left out; figures a tool states beyond its detail are
//! said, and the detail is written. Paths and names are data here, written as they are (not
//! made visible as the reports make them), so that a platform finds the file; one the format
//! cannot hold (a line break in an LCOV record, a control character in XML) is left out, and
//! said.

use std::fmt::Write as _;

use crate::model::{FileCoverage, LineCounts, LineState, Metric, Report};
use covdash_protocol::decimal::shortest;
use covdash_protocol::escape::markup_entity;

/// A converted report, and what the conversion had to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    /// The report, in one file or, where a platform limits a file's size, in several.
    pub files: Vec<String>,
    /// One sentence each: what the input lacked, what was left out.
    pub notes: Vec<String>,
}

/// `report`'s latest snapshot as an LCOV tracefile, as lcov 1.x writes one: per file its
/// functions (`FN`, `FNDA`, `FNF`, `FNH`), branches (`BRDA`, `BRF`, `BRH`) and lines (`DA`,
/// `LF`, `LH`).
pub fn lcov(report: &Report) -> Converted {
    let mut out = String::new();
    let mut notes = Vec::new();
    notes.extend(one_run(report, "LCOV"));
    let Some(latest) = report.latest() else {
        return Converted { files: vec![out], notes };
    };
    let (mut from_blocks, mut without_lines, mut without_path) = (0usize, 0usize, 0usize);
    let (mut broken_paths, mut broken_functions) = (0usize, 0usize);
    for file in latest.files() {
        let lines = lines_of(file);
        if lines.is_empty() && file.functions().is_empty() && file.branches.is_empty() {
            without_lines += 1;
            continue;
        }
        // An LCOV record is a line: a path with a line break in it would end its `SF:` record
        // and write the rest as records of its own.
        if has_line_break(&file.path) {
            broken_paths += 1;
            continue;
        }
        if file.lines.is_empty() && !file.blocks.is_empty() {
            from_blocks += 1;
        }
        without_path += usize::from(file.path.is_empty());
        let _ = writeln!(out, "TN:\nSF:{}", file.path);
        let all = file.functions();
        let functions: Vec<_> = all.iter().filter(|f| !has_line_break(file.function_name(f))).collect();
        broken_functions += all.len() - functions.len();
        for function in &functions {
            let _ = writeln!(out, "FN:{},{}", function.line, file.function_name(function));
        }
        for function in &functions {
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
    notes.extend(blocks_as_lines(from_blocks));
    notes.extend(stated_beyond_detail(report));
    notes.extend(counted(
        without_path,
        "file",
        "with no path, as the input has it, written as `SF:` alone (lcov leaves such a record out)",
    ));
    notes.extend(counted(without_lines, "file", "with no line, branch or function to write left out"));
    notes.extend(counted(broken_paths, "file", "left out: a line break in the path, which an LCOV record cannot hold"));
    notes.extend(counted(
        broken_functions,
        "function",
        "left out: a line break in the name, which an LCOV record cannot hold",
    ));
    Converted { files: vec![out], notes }
}

/// `"2 files {then}"`: a note on what `n` of them were or lacked, when there are any.
fn counted(n: usize, noun: &str, then: &str) -> Option<String> {
    (n > 0).then(|| format!("{} {then}", crate::present::count_of(n as u64, noun)))
}

/// Whether `text` would break an LCOV line (a carriage return too: readers take CR LF as the
/// line's end).
fn has_line_break(text: &str) -> bool {
    text.contains(['\n', '\r'])
}

/// GitLab's limit on a Cobertura report it annotates merge requests from: 10 MiB a file.
pub const COBERTURA_MAX_BYTES: usize = 10 * 1024 * 1024;

/// One file's `<class>`, written, with its counts.
struct Class {
    xml: String,
    lines: usize,
    hit: usize,
    branches: usize,
    taken: usize,
}

/// `report`'s latest snapshot as Cobertura XML reports, as GitLab's and GitHub's coverage
/// views read one: a package per covdash package, a class per file (`filename` its path), each
/// line with its hits, and on a line with branches `branch="true"` and its
/// `condition-coverage`. One `<source>` (`.`): the paths are the report's as they are (GitLab
/// reads at most 100).
///
/// A report over `max_bytes` is split between files, each a whole Cobertura report of some of
/// the files with their own totals, in the report's order; a package may continue in the next
/// file. (A consumer that reads several reports, as GitLab and diff-cover do, sees them all.)
/// One file's class is never cut: a class over `max_bytes` alone is a file over it, and said.
pub fn cobertura(report: &Report, max_bytes: usize) -> Converted {
    let mut notes = Vec::new();
    notes.extend(one_run(report, "Cobertura"));
    let (mut from_blocks, mut without_lines, mut unwritable) = (0usize, 0usize, 0usize);
    let mut packages: Vec<(String, Vec<Class>)> = Vec::new();
    for package in report.latest().map(|s| s.packages.as_slice()).unwrap_or_default() {
        let mut classes = Vec::new();
        let package_name = xml_attribute(&package.name);
        for file in &package.files {
            let lines = lines_of(file);
            if lines.is_empty() {
                without_lines += 1;
                continue;
            }
            // A package whose name XML cannot hold takes its files with it; none is written.
            let Some(class) = package_name.as_ref().and_then(|_| class(file, &lines)) else {
                unwritable += 1;
                continue;
            };
            from_blocks += usize::from(file.lines.is_empty());
            classes.push(class);
        }
        if let (Some(name), false) = (package_name, classes.is_empty()) {
            packages.push((name, classes));
        }
    }
    // Packages and their classes, split where the next class would take a file over the limit.
    let mut files: Vec<Vec<(&str, Vec<&Class>)>> = vec![Vec::new()];
    // What a file holds before any class, and each package's wrapper, measured once.
    let empty = document(&[]).len();
    let mut size = empty;
    let mut oversized = 0;
    for (name, classes) in &packages {
        let mut opened = false;
        let package_wrapper = package_xml(name, &[]).len();
        for class in classes {
            let wrapper = if opened { 0 } else { package_wrapper };
            let current = files.last_mut().map_or(0, |f| f.len());
            if size + wrapper + class.xml.len() > max_bytes && current > 0 {
                files.push(Vec::new());
                size = empty;
                opened = false;
            }
            let wrapper = if opened { 0 } else { package_wrapper };
            let Some(file) = files.last_mut() else { continue };
            if !opened {
                file.push((name.as_str(), Vec::new()));
                opened = true;
            }
            if let Some((_, in_file)) = file.last_mut() {
                in_file.push(class);
            }
            size += wrapper + class.xml.len();
            oversized += usize::from(empty + wrapper + class.xml.len() > max_bytes);
        }
    }
    let texts: Vec<String> = files.iter().map(|packages| document(packages)).collect();
    notes.extend(blocks_as_lines(from_blocks));
    notes.extend(stated_beyond_detail(report));
    notes.extend(counted(without_lines, "file", "with no line to write left out"));
    notes.extend(counted(
        unwritable,
        "file",
        "left out: a control character in the path or the package's name, which XML cannot hold",
    ));
    if texts.len() > 1 {
        notes.push(format!(
            "written as {} reports of at most {} bytes, each with its own totals",
            texts.len(),
            crate::present::format_count(max_bytes as u64)
        ));
    }
    let over =
        format!("alone over {} bytes: a file's lines are never split", crate::present::format_count(max_bytes as u64));
    notes.extend(counted(oversized, "file", &over));
    Converted { files: texts, notes }
}

/// A file's `<class>`, its lines (with their branches) written out; `None` when its path
/// cannot be written in XML.
fn class(file: &FileCoverage, lines: &[(u32, u64)]) -> Option<Class> {
    let path = xml_attribute(&file.path)?;
    // The file's name, the path's last part (a `/` is written as it is).
    let name = path.rsplit('/').next().unwrap_or(&path);
    let branch_lines: Vec<_> = file.branch_lines().collect();
    let mut body = String::new();
    let (mut hit, mut branches, mut taken) = (0, 0, 0);
    for (line, hits) in lines {
        hit += usize::from(*hits > 0);
        match branch_lines.iter().find(|b| b.line == *line) {
            Some(b) => {
                branches += b.all as usize;
                taken += b.taken as usize;
                let percent = (b.taken * 100).checked_div(b.all).unwrap_or(0);
                let _ = writeln!(
                    body,
                    "          <line number=\"{line}\" hits=\"{hits}\" branch=\"true\" condition-coverage=\"{percent}% ({}/{})\"/>",
                    b.taken, b.all
                );
            }
            None => {
                let _ = writeln!(body, "          <line number=\"{line}\" hits=\"{hits}\"/>");
            }
        }
    }
    let xml = format!(
        "      <class name=\"{name}\" filename=\"{path}\" line-rate=\"{}\" branch-rate=\"{}\" complexity=\"0\">\n        <methods/>\n        <lines>\n{body}        </lines>\n      </class>\n",
        rate(hit, lines.len()),
        rate(taken, branches)
    );
    Some(Class { xml, lines: lines.len(), hit, branches, taken })
}

/// `text` as an XML attribute's value that reads back as `text`: markup escaped, and tabs and
/// line breaks as character references (an XML reader turns them into spaces otherwise).
/// `None` when `text` holds a character XML 1.0 has no place for (the other C0 controls,
/// U+FFFE, U+FFFF). A path is data here, not a name shown: it is written as it is, so that a
/// platform finds the file.
fn xml_attribute(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if let Some(entity) = markup_entity(c) {
            out.push_str(entity);
            continue;
        }
        match c {
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

/// The share `covered` is of `all` (1 when there is none, as Cobertura writes it).
fn rate(covered: usize, all: usize) -> String {
    shortest(if all == 0 { 1.0 } else { covered as f64 / all as f64 })
}

/// The counts of `classes`: lines, lines hit, branches, branches taken.
fn totals<'a>(classes: impl IntoIterator<Item = &'a Class>) -> (usize, usize, usize, usize) {
    classes.into_iter().fold((0, 0, 0, 0), |(l, h, b, t), c| (l + c.lines, h + c.hit, b + c.branches, t + c.taken))
}

/// A `<package>` of `classes`.
/// `name` is written as it is: [`xml_attribute`] made it so.
fn package_xml(name: &str, classes: &[&Class]) -> String {
    let (lines, hit, branches, taken) = totals(classes.iter().copied());
    let body: String = classes.iter().map(|c| c.xml.as_str()).collect();
    format!(
        "  <package name=\"{name}\" line-rate=\"{}\" branch-rate=\"{}\" complexity=\"0\">\n    <classes>\n{body}    </classes>\n  </package>\n",
        rate(hit, lines),
        rate(taken, branches)
    )
}

/// A whole Cobertura report of `packages`, with their totals.
fn document(packages: &[(&str, Vec<&Class>)]) -> String {
    let (lines, hit, branches, taken) = totals(packages.iter().flat_map(|(_, classes)| classes.iter().copied()));
    let body: String = packages.iter().map(|(name, classes)| package_xml(name, classes)).collect();
    format!(
        "<?xml version=\"1.0\" ?>\n<!DOCTYPE coverage SYSTEM \"http://cobertura.sourceforge.net/xml/coverage-04.dtd\">\n\
         <coverage line-rate=\"{}\" branch-rate=\"{}\" lines-covered=\"{hit}\" lines-valid=\"{lines}\" branches-covered=\"{taken}\" branches-valid=\"{branches}\" complexity=\"0\" version=\"covdash\" timestamp=\"0\">\n<sources>\n  <source>.</source>\n</sources>\n<packages>\n{body}</packages>\n</coverage>\n",
        rate(hit, lines),
        rate(taken, branches)
    )
}

/// For each metric (lines, functions, branches) whose figures a file's tool states beyond the
/// detail it gives (llvm-cov's summaries, a report of totals), the note that the detail, not
/// the figure, is written.
fn stated_beyond_detail(report: &Report) -> Vec<String> {
    let mut stated_only = [0usize; 3];
    for file in report.latest().into_iter().flat_map(|s| s.files()) {
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
    }
    let metrics = [Metric::Lines, Metric::Functions, Metric::Branches];
    stated_only
        .into_iter()
        .zip(metrics)
        .filter(|(n, _)| *n > 0)
        .map(|(n, metric)| {
            format!(
                "the {} of {} are stated as figures the detail does not hold: the detail is written",
                metric.plural(),
                crate::present::count_of(n as u64, "file")
            )
        })
        .collect()
}

/// The note a format that holds one run needs for a report of several snapshots.
fn one_run(report: &Report, format: &str) -> Option<String> {
    let n = report.snapshots.len();
    (n > 1).then(|| format!("the latest of {n} snapshots is written: {format} holds one run"))
}

/// The note for `n` files of Go statement blocks written as lines.
fn blocks_as_lines(n: usize) -> Option<String> {
    (n > 0).then(|| {
        format!(
            "{} of Go statement blocks written as lines: a line's hits are the most of any block on it",
            crate::present::count_of(n as u64, "file")
        )
    })
}

/// A file's lines and their hits: its own, or its blocks' where it counts statements. Where
/// the counts say only whether a line ran (JaCoCo's are its instructions), a line that ran is
/// written as run once, as coverage.py writes its own.
fn lines_of(file: &FileCoverage) -> Vec<(u32, u64)> {
    if !file.lines.is_empty() {
        let ran_only = file.counts == LineCounts::RanOrNot;
        return file
            .lines
            .iter()
            .map(|l| (l.line, if ran_only { u64::from(l.hits.min(1)) } else { u64::from(l.hits) }))
            .collect();
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
        assert_eq!(converted.files, [lcov_in]);
        assert!(converted.notes.is_empty());
    }

    #[test]
    fn go_blocks_become_lines_and_the_conversion_says_so() {
        let go = "mode: count\nexample.com/m/a.go:3.10,5.2 2 4\nexample.com/m/a.go:6.2,6.9 1 0\n";
        let report = formats::parse(go.as_bytes()).unwrap_or_else(|e| panic!("{e}")).report;
        let converted = lcov(&report);
        let da: Vec<&str> = converted.files[0].lines().filter(|l| l.starts_with("DA:")).collect();
        assert_eq!(da, ["DA:3,4", "DA:4,4", "DA:5,4", "DA:6,0"]);
        assert_eq!(
            converted.notes,
            ["1 file of Go statement blocks written as lines: a line's hits are the most of any block on it"]
        );
    }

    #[test]
    fn a_jacoco_line_is_written_as_run_once_not_as_its_instructions() {
        // JaCoCo's `ci` counts the line's instructions that ran: 9 of them, not 9 runs.
        let xml = r#"<report name="r"><package name="p"><sourcefile name="A.java">
            <line nr="3" mi="0" ci="9" mb="0" cb="0"/><line nr="4" mi="2" ci="0" mb="0" cb="0"/>
            <counter type="LINE" missed="1" covered="1"/></sourcefile></package></report>"#;
        let report = formats::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}")).report;
        let converted = lcov(&report);
        let da: Vec<&str> = converted.files[0].lines().filter(|l| l.starts_with("DA:")).collect();
        assert_eq!(da, ["DA:3,1", "DA:4,0"]);
    }
}
