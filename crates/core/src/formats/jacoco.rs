//! JaCoCo XML (`report.dtd` 1.0 and 1.1), as JaCoCo, Gradle, Maven and gcovr write it.
//!
//! Refs: jacoco `org.jacoco.report/src/org/jacoco/report/xml/report.dtd`, "Coverage Counters"
//! in JaCoCo's documentation, and `../shared/research/formats.md` §4.
//!
//! A file is a `<sourcefile>` of a `<package>` (`org/gradle` + `/` + `Person.java`; the default
//! package has an empty name); groups of multi-module reports are walked through. A file's
//! figures are its counters, covered / (missed + covered), as JaCoCo computes them: `LINE` as
//! lines, `BRANCH` as branches, `METHOD` as functions. A counter that is absent counts nothing
//! (JaCoCo leaves out `BRANCH` where there are no branches). `INSTRUCTION`, `COMPLEXITY` and
//! `CLASS` counters have no covdash metric and are not read. Counters of classes and methods
//! are never summed into files: a line may belong to several methods and classes. Methods are
//! listed under the file of their class for the drill-down; an inner class without
//! `sourcefilename` (JaCoCo before 0.8) is placed by its outermost class.
//!
//! The report's time is when its data was collected: the latest `<sessioninfo>`'s `dump`
//! (else its `start`), in milliseconds.
//!
//! Streamed with quick-xml over the bytes: Gradle writes the whole report on one line.

use std::collections::HashMap;

use quick_xml::events::BytesStart;

use super::xml::{attribute, count_attribute, read_elements, time_attribute, Elements};
use super::{Format, ParseError, Parsed};
use crate::model::{
    normalize_path, BranchHit, BranchId, Counts, FileCoverage, LineCounts, LineHit, Metric, Recorded, Timestamp,
};

/// Where the reader is.
#[derive(Default)]
struct State {
    package: String,
    /// The `<sourcefile>` being read: its index in `files`.
    file: Option<usize>,
    /// The `<class>` being read: its source file's name in the package, if known.
    class_source: Option<Option<String>>,
    /// The `<method>` being read: name, line, covered (from its METHOD counter).
    method: Option<(String, u32, bool)>,
    files: Vec<FileCoverage>,
    index: HashMap<String, usize>,
    /// The package's classes' source files by class name, for inner classes that lack one.
    sources: HashMap<String, String>,
    /// Methods by the path of their file: name, line, covered.
    methods: Vec<(String, String, u32, bool)>,
    /// When the latest session's data was dumped.
    collected: Option<Timestamp>,
}

impl State {
    fn path(&self, source: &str) -> String {
        if self.package.is_empty() {
            normalize_path(source)
        } else {
            normalize_path(&format!("{}/{source}", self.package))
        }
    }

    fn open_class(&mut self, element: &BytesStart<'_>) {
        let name = attribute(element, "name").unwrap_or_default();
        let source = attribute(element, "sourcefilename").or_else(|| {
            // `org/gradle/Person$Inner` belongs to `org/gradle/Person`'s source file.
            let outer = name.split('$').next().unwrap_or(&name);
            self.sources.get(outer).cloned()
        });
        if let Some(source) = &source {
            self.sources.insert(name, source.clone());
        }
        self.class_source = Some(source);
    }

    fn open_file(&mut self, element: &BytesStart<'_>) {
        let path = self.path(&attribute(element, "name").unwrap_or_default());
        let files = &mut self.files;
        let idx = *self.index.entry(path).or_insert_with_key(|path| {
            // JaCoCo always measures these three: a missing counter is 0 of 0.
            let recorded = Recorded { lines: true, branches: true, functions: true, statements: false };
            let mut file = FileCoverage::new(path.clone(), recorded);
            // A line's `ci` is how many of its instructions ran, not how often it ran.
            file.counts = LineCounts::RanOrNot;
            files.push(file);
            files.len() - 1
        });
        self.file = Some(idx);
    }

    fn read_counter(&mut self, element: &BytesStart<'_>) -> Result<(), String> {
        let kind = attribute(element, "type").unwrap_or_default();
        let missed = count_attribute(element, "missed")?.unwrap_or(0);
        let covered = count_attribute(element, "covered")?.unwrap_or(0);
        if let Some(method) = self.method.as_mut() {
            if kind == "METHOD" || (kind == "INSTRUCTION" && covered > 0) {
                method.2 |= covered > 0;
            }
            return Ok(());
        }
        let (Some(idx), None) = (self.file, &self.class_source) else {
            return Ok(()); // a class's, a package's or the report's: totals of files
        };
        let metric = match kind.as_str() {
            "LINE" => Metric::Lines,
            "BRANCH" => Metric::Branches,
            "METHOD" => Metric::Functions,
            _ => return Ok(()),
        };
        self.files[idx].state(metric, Counts::at_most(covered, covered.saturating_add(missed)));
        Ok(())
    }

    fn read_line(&mut self, element: &BytesStart<'_>) -> Result<(), String> {
        let Some(idx) = self.file else { return Ok(()) };
        let line = count_attribute(element, "nr")?.ok_or("no nr")?;
        let line = u32::try_from(line).map_err(|_| format!("line {line} is out of range"))?;
        let (missed, covered) = (count_attribute(element, "mi")?, count_attribute(element, "ci")?);
        // gcovr writes lines without instruction counts: its LINE counter has the figures.
        if missed.is_some() || covered.is_some() {
            self.files[idx].lines.push(LineHit::new(line, covered.unwrap_or(0)));
        }
        // The line's branches, taken (`cb`) and not (`mb`): they mark a line partly covered. The
        // file's branch figures stay its BRANCH counter's; a line lists at most 64 of each.
        let (branches_missed, branches_covered) = (count_attribute(element, "mb")?, count_attribute(element, "cb")?);
        let outcomes = [(branches_covered, 1), (branches_missed, 0)];
        let mut id = 0;
        for (n, taken) in outcomes {
            for _ in 0..n.unwrap_or(0).min(64) {
                self.files[idx].branches.push(BranchHit::new(line, BranchId::numbered(0, 0, id), Some(taken)));
                id += 1;
            }
        }
        Ok(())
    }

    fn close_method(&mut self) {
        let (Some((name, line, covered)), Some(Some(source))) = (self.method.take(), &self.class_source) else {
            return;
        };
        self.methods.push((self.path(source), name, line, covered));
    }
}

impl Elements for State {
    const ROOT: &'static str = "report";
    const KIND: &'static str = "JaCoCo";
    const FILE_ELEMENT: &'static str = "sourcefile";

    fn open(&mut self, name: &str, element: &BytesStart<'_>, empty: bool) -> Result<(), String> {
        match name {
            "package" => self.package = attribute(element, "name").unwrap_or_default(),
            "class" if !empty => self.open_class(element),
            "method" => {
                let name = attribute(element, "name").unwrap_or_default();
                let desc = attribute(element, "desc").unwrap_or_default();
                let line = attribute(element, "line").and_then(|l| l.trim().parse().ok()).unwrap_or(0);
                self.method = Some((format!("{name}{desc}"), line, false));
                if empty {
                    self.close_method();
                }
            }
            "sourcefile" => {
                self.open_file(element);
                if empty {
                    self.file = None;
                }
            }
            "counter" => self.read_counter(element)?,
            "line" => self.read_line(element)?,
            "sessioninfo" => {
                let time = time_attribute(element, "dump").or_else(|| time_attribute(element, "start"));
                self.collected = self.collected.max(time);
            }
            _ => {}
        }
        Ok(())
    }

    fn close(&mut self, name: &str) {
        match name {
            "package" => {
                self.package.clear();
                self.sources.clear();
            }
            "sourcefile" => self.file = None,
            "class" => self.class_source = None,
            "method" => self.close_method(),
            _ => {}
        }
    }
}

pub(crate) fn parse(bytes: &[u8]) -> Result<Parsed, ParseError> {
    let mut state = State::default();
    let diagnostics = read_elements(bytes, &mut state)?;
    for (path, name, line, covered) in std::mem::take(&mut state.methods) {
        if let Some(&idx) = state.index.get(&path) {
            state.files[idx].push_function(&name, line, u64::from(covered));
        }
    }
    Ok(super::single_snapshot(Format::JaCoCo, state.files, Metric::Lines, diagnostics).written_at(state.collected))
}
