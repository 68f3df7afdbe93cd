//! SonarQube's generic coverage XML, as gcovr (`--sonarqube`) and the converters for SonarQube
//! write it.
//!
//! Refs: SonarQube's "Generic test data" (the `coverage` format, version 1).
//!
//! `<coverage version="1">` holds a `<file path="…">` per source file, and each file a
//! `<lineToCover lineNumber="…" covered="true|false">` per line, with `branchesToCover` and
//! `coveredBranches` on a line with branches. The format has no hit counts (a covered line is
//! read as run once, each covered branch as taken once), no functions and no time. Lines are
//! the headline metric, branches are counted apart (SonarQube's own "Coverage" mixes the two).
//! A line that says something else is skipped and reported.

use quick_xml::events::BytesStart;

use super::lines::parse_line_number;
use super::xml::{attribute, count_attribute, read_elements, Elements};
use super::{Format, ParseError, Parsed};
use crate::model::{normalize_path, FileCoverage, LineCounts, LineHit, Metric, Recorded};

#[derive(Default)]
struct State {
    files: Vec<FileCoverage>,
    /// Whether a `<file>` is open.
    in_file: bool,
}

impl State {
    fn read_line(&mut self, element: &BytesStart<'_>) -> Result<(), String> {
        let (true, Some(file)) = (self.in_file, self.files.last_mut()) else {
            return Ok(());
        };
        let number = attribute(element, "lineNumber").ok_or("no lineNumber")?;
        let line = parse_line_number(number.trim().as_bytes())
            .ok_or_else(|| format!("lineNumber={number:?} is not a line number"))?;
        let covered = match attribute(element, "covered").as_deref().map(str::trim) {
            Some("true") => true,
            Some("false") => false,
            Some(other) => return Err(format!("covered={other:?} is neither true nor false")),
            None => return Err("no covered".to_owned()),
        };
        let branches = count_attribute(element, "branchesToCover")?.unwrap_or(0);
        let taken = count_attribute(element, "coveredBranches")?.unwrap_or(0);
        if taken > branches {
            return Err(format!("coveredBranches={taken} is more than branchesToCover={branches}"));
        }
        file.lines.push(LineHit::new(line, u64::from(covered)));
        if branches > 0 {
            file.recorded.branches = true;
            file.push_branches_taken(line, branches, taken);
        }
        Ok(())
    }
}

impl Elements for State {
    const ROOT: &'static str = "coverage";
    const KIND: &'static str = "SonarQube generic coverage";
    const FILE_ELEMENT: &'static str = "file";

    fn open(&mut self, name: &str, element: &BytesStart<'_>, empty: bool) -> Result<(), String> {
        match name {
            "file" => {
                let path = attribute(element, "path").unwrap_or_default();
                let recorded = Recorded { lines: true, ..Recorded::default() };
                let mut file = FileCoverage::new(normalize_path(&path), recorded);
                file.counts = LineCounts::RanOrNot;
                self.files.push(file);
                self.in_file = !empty;
                Ok(())
            }
            "lineToCover" => self.read_line(element),
            _ => Ok(()),
        }
    }

    fn close(&mut self, name: &str) {
        if name == "file" {
            self.in_file = false;
        }
    }
}

pub(crate) fn parse(bytes: &[u8]) -> Result<Parsed, ParseError> {
    let mut state = State::default();
    let diagnostics = read_elements(bytes, &mut state)?;
    Ok(super::single_snapshot(Format::SonarQube, state.files, Metric::Lines, diagnostics))
}
