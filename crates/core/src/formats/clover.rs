//! Clover XML, as OpenClover, istanbul, PHPUnit and gcovr write it.
//!
//! Refs: OpenClover `clover.xsd`, Atlassian's "How are the Clover coverage percentages
//! calculated?", and `../shared/research/formats.md` §8.
//!
//! A file is a `<file>` (its `path`, or its `name` where PHPUnit writes the path there),
//! under a `<package>` or directly under `<project>`. `<testproject>` holds the tests' own code
//! (OpenClover's "test code", gcovr's a `dummy` file): not counted, as Clover's own totals, the
//! project's `<metrics>`, do not count it. Its figures are its own `<metrics>`:
//! `statements` as statements, `conditionals` (both outcomes of each branch) as branches,
//! `methods` as functions. A file without `<metrics>` is counted from its `<line>`s instead:
//! each `stmt` line a statement, each `cond` line two branch outcomes (`truecount`,
//! `falsecount`), each `method` line a function. istanbul writes a `cond` line's counts
//! otherwise: `truecount` is how many of the line's branches were taken, `falsecount` how many
//! were not (`2` and `1`: three branches, two taken, each at least once). Its files are known by
//! what its reporter writes on every one, `<coverage clover="3.2.0">` and `<project name="All
//! files">`. Lines are the `stmt` and `cond` lines, a
//! line covered when it ran; gcovr lists a line once per function on it, and repeats merge.
//! Packages are directories, as for every other format (Clover's package names follow the
//! directories for Java, and PHPUnit writes none). The report's time is the root's `generated`
//! (else the project's `timestamp`): milliseconds from OpenClover and istanbul, seconds from
//! PHPUnit and gcovr.

use quick_xml::events::BytesStart;

use super::xml::{attribute, count_attribute, read_elements, time_attribute, Elements};
use super::{Format, ParseError, Parsed};
use crate::model::{
    normalize_path, Block, BranchHit, BranchId, Counts, FileCoverage, LineHit, Metric, Recorded, Timestamp,
};

#[derive(Default)]
struct State {
    files: Vec<FileCoverage>,
    /// Whether a `<file>` is open, and how deep in classes the reader is within it.
    in_file: bool,
    class_depth: u32,
    /// When the report was generated.
    generated: Option<Timestamp>,
    /// Whether the root says `clover="3.2.0"`, as istanbul's reporter writes it.
    clover_3_2_0: bool,
    /// Whether istanbul wrote the report: its `cond` lines count branches, not outcomes.
    istanbul: bool,
    /// Whether the reader is in `<testproject>`: the tests' own code, not counted.
    in_tests: bool,
}

impl State {
    fn open_file(&mut self, element: &BytesStart<'_>) {
        let path = attribute(element, "path").or_else(|| attribute(element, "name")).unwrap_or_default();
        let recorded = Recorded { lines: true, statements: true, branches: true, functions: true };
        self.files.push(FileCoverage::new(normalize_path(&path), recorded));
        self.in_file = true;
        self.class_depth = 0;
    }

    fn read_metrics(&mut self, element: &BytesStart<'_>) -> Result<(), String> {
        let (true, 0, Some(file)) = (self.in_file, self.class_depth, self.files.last_mut()) else {
            return Ok(()); // a class's, a package's or the project's: totals of files
        };
        let pairs = [
            (Metric::Statements, "statements", "coveredstatements"),
            (Metric::Branches, "conditionals", "coveredconditionals"),
            (Metric::Functions, "methods", "coveredmethods"),
        ];
        for (metric, total, covered) in pairs {
            let (Some(total), covered) = (count_attribute(element, total)?, count_attribute(element, covered)?) else {
                continue;
            };
            file.state(metric, Counts::at_most(covered.unwrap_or(0), total));
        }
        Ok(())
    }

    fn read_line(&mut self, element: &BytesStart<'_>) -> Result<(), String> {
        let (true, Some(file)) = (self.in_file, self.files.last_mut()) else {
            return Ok(());
        };
        let line = count_attribute(element, "num")?.ok_or("no num")?;
        let line = u32::try_from(line).map_err(|_| format!("line {line} is out of range"))?;
        let kind = attribute(element, "type").unwrap_or_default();
        let hits = count_attribute(element, "count")?;
        match kind.as_str() {
            "method" => {
                let name = attribute(element, "name")
                    .or_else(|| attribute(element, "signature"))
                    .unwrap_or_else(|| format!("(method at line {line})"));
                file.push_function(&name, line, hits.unwrap_or(0));
            }
            "cond" => {
                let true_count = count_attribute(element, "truecount")?.unwrap_or(0);
                let false_count = count_attribute(element, "falsecount")?.unwrap_or(0);
                if self.istanbul {
                    // How often each branch was taken is not written: once, for those taken.
                    file.push_branches_taken(line, true_count.saturating_add(false_count), true_count);
                } else {
                    for (branch, taken) in [(0, true_count), (1, false_count)] {
                        file.branches.push(BranchHit::new(line, BranchId::numbered(0, 0, branch), Some(taken)));
                    }
                }
                let hits = hits.unwrap_or(true_count.saturating_add(false_count));
                file.lines.push(LineHit::new(line, hits));
            }
            _ => {
                let hits = hits.ok_or("no count")?;
                file.lines.push(LineHit::new(line, hits));
                file.blocks.push(Block { start: (line, 0), end: (line, 0), statements: 1, hits });
            }
        }
        Ok(())
    }
}

impl Elements for State {
    const ROOT: &'static str = "coverage";
    const KIND: &'static str = "Clover";
    const FILE_ELEMENT: &'static str = "file";

    fn open(&mut self, name: &str, element: &BytesStart<'_>, empty: bool) -> Result<(), String> {
        if self.in_tests {
            return Ok(());
        }
        match name {
            "testproject" => self.in_tests = !empty,
            "file" => {
                self.open_file(element);
                self.in_file = !empty;
            }
            "class" if !empty => self.class_depth += 1,
            "metrics" => self.read_metrics(element)?,
            "line" => self.read_line(element)?,
            "coverage" => {
                self.generated = time_attribute(element, "generated");
                self.clover_3_2_0 = attribute(element, "clover").as_deref() == Some("3.2.0");
            }
            "project" => {
                self.generated = self.generated.or_else(|| time_attribute(element, "timestamp"));
                self.istanbul = self.clover_3_2_0 && attribute(element, "name").as_deref() == Some("All files");
            }
            _ => {}
        }
        Ok(())
    }

    fn close(&mut self, name: &str) {
        match name {
            "testproject" => self.in_tests = false,
            "file" => self.in_file = false,
            "class" => self.class_depth = self.class_depth.saturating_sub(1),
            _ => {}
        }
    }
}

pub(crate) fn parse(bytes: &[u8]) -> Result<Parsed, ParseError> {
    let mut state = State::default();
    let diagnostics = read_elements(bytes, &mut state)?;
    Ok(super::single_snapshot(Format::Clover, state.files, Metric::Statements, diagnostics).written_at(state.generated))
}
