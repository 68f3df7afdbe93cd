//! JUnit XML test reports, as Maven Surefire, pytest (`--junitxml`), cargo-nextest
//! (quick-junit), Gradle, go-junit-report and many others write them.
//!
//! Refs: the Ant/Surefire `testsuite` schema and quick-junit's extensions.
//!
//! Only test outcomes are read, case by case; the suites' own `tests`/`failures` totals are not
//! trusted (zero-test suites, nested suites and retries make them disagree). A case:
//! - with `<failure>` or `<error>` failed (also when it carries `flakyFailure`: quick-junit's
//!   "flaky but configured to fail");
//! - with `<skipped>` was skipped (pytest's xfail included);
//! - with `flakyFailure`/`flakyError` and no failure passed on a retry: passed, and flaky;
//! - otherwise passed.
//!
//! Test cases are the `<testcase>` elements; test functions are their distinct
//! `classname`/`name` pairs with a parametrisation suffix (`test_param[3]`) left out.

use std::collections::HashSet;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::lines::Diagnostics;
use super::xml::attribute;
use super::{ErrorKind, Format, ParseError, Parsed, Position};
use crate::model::{Metric, Report, Snapshot, TestStats};

/// What one test case ended as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Outcome {
    failed: bool,
    skipped: bool,
    flaky: bool,
}

pub(crate) fn parse(bytes: &[u8]) -> Result<Parsed, ParseError> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().check_end_names = false;
    let mut diagnostics = Diagnostics::default();
    let mut seen_root = false;
    let mut functions: HashSet<(String, String)> = HashSet::new();
    let mut stats = TestStats {
        cases: Some(0),
        passed: Some(0),
        failed: Some(0),
        skipped: Some(0),
        flaky: Some(0),
        ..TestStats::default()
    };
    let mut open: Option<Outcome> = None;

    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(err) => {
                let position = Position::of_offset(bytes, reader.error_position());
                let message = format!("the XML is malformed ({err})");
                if !seen_root {
                    return Err(ParseError::new(ErrorKind::Syntax { message }, Some(position)));
                }
                diagnostics.push(position.line, || format!("{message}; the rest of the file was not read"));
                break;
            }
        };
        let (element, is_empty) = match event {
            Event::Start(element) => (element, false),
            Event::Empty(element) => (element, true),
            Event::End(element) => {
                if element.name().into_inner() == "testcase" {
                    if let Some(outcome) = open.take() {
                        count(&mut stats, outcome);
                    }
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        match element.name().into_inner() {
            "testsuites" | "testsuite" => seen_root = true,
            "testcase" => {
                if let Some(outcome) = open.take() {
                    count(&mut stats, outcome); // a case left open by a malformed file
                }
                let name = attribute(&element, "name").unwrap_or_default();
                let class = attribute(&element, "classname").unwrap_or_default();
                let function = match name.find('[') {
                    Some(idx) if name.ends_with(']') => name[..idx].to_owned(),
                    _ => name,
                };
                functions.insert((class, function));
                if is_empty {
                    count(&mut stats, Outcome::default());
                } else {
                    open = Some(Outcome::default());
                }
            }
            tag => {
                if let Some(outcome) = open.as_mut() {
                    match tag {
                        "failure" | "error" => outcome.failed = true,
                        "skipped" => outcome.skipped = true,
                        "flakyFailure" | "flakyError" => outcome.flaky = true,
                        _ => {}
                    }
                }
            }
        }
    }
    if let Some(outcome) = open.take() {
        count(&mut stats, outcome);
    }
    if !seen_root {
        let message = "no <testsuites> or <testsuite> element: this is not a JUnit report".to_owned();
        return Err(ParseError::new(ErrorKind::Syntax { message }, None));
    }
    stats.functions = Some(functions.len() as u64);
    let (diagnostics, n_diagnostics) = diagnostics.finish();
    let snapshot = Snapshot::new(Format::JUnit.name().to_owned(), None, Vec::new());
    let report = Report { tests: Some(stats), ..Report::of_snapshot(Metric::Lines, snapshot) };
    Ok(Parsed { format: Format::JUnit, report, settings: None, diagnostics, n_diagnostics, sources: Vec::new() })
}

fn count(stats: &mut TestStats, outcome: Outcome) {
    let add = |field: &mut Option<u64>| *field = Some(field.unwrap_or(0) + 1);
    add(&mut stats.cases);
    if outcome.failed {
        add(&mut stats.failed);
    } else if outcome.skipped {
        add(&mut stats.skipped);
    } else {
        add(&mut stats.passed);
        if outcome.flaky {
            add(&mut stats.flaky);
        }
    }
}
