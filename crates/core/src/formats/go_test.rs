//! What `go test -cover` prints, as text or as `go test -json` events: a coverage percentage
//! per package, and (from the JSON) which tests passed, failed or were skipped.
//!
//! Refs: `go help test`, `go doc test2json`; cmd/go's coverage line is
//! `coverage: %.1f%% of statements[ in <packages>]` or `coverage: [no statements]`.
//!
//! The text carries percentages only, no statement counts, so the overall figure of a
//! `go test` log is the mean of its packages (and is labelled so); a coverage profile gives
//! exact counts. Packages without test files are listed with no figure rather than a made-up
//! 0%.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Deserialize;

use super::lines::{json_message, lines, show, Diagnostics};
use super::{ErrorKind, Format, ParseError, Parsed, Position};
use crate::model::{
    sort_by, Counts, Coverage, Metric, Metrics, Package, Percent, Report, Snapshot, TestStats, Timestamp,
};
use covdash_protocol::decimal::parse_decimal;

pub(crate) fn parse_text(bytes: &[u8]) -> Result<Parsed, ParseError> {
    let mut log = Log::default();
    for (number, line) in lines(bytes) {
        log.read_line(number, line);
    }
    log.finish(Format::GoTestText, None)
}

pub(crate) fn parse_json(bytes: &[u8]) -> Result<Parsed, ParseError> {
    let mut log = Log::default();
    let mut tests = TestCounter::default();
    let mut n_events = 0u64;
    let mut latest: Option<Timestamp> = None;
    for (number, line) in lines(bytes) {
        if line.is_empty() {
            continue;
        }
        let event: Event = match serde_json::from_slice(line) {
            Ok(event) => event,
            Err(err) => {
                log.diagnostics.push(number, || format!("not a go test -json event: {}", json_message(&err)));
                continue;
            }
        };
        n_events += 1;
        if let Some(time) = event.time.as_deref().and_then(|t| Timestamp::parse(t).ok()) {
            latest = latest.max(Some(time));
        }
        match (event.action.as_ref(), event.test.as_deref()) {
            ("output", None) => {
                if let Some(output) = &event.output {
                    for piece in output.lines() {
                        log.read_line(number, piece.as_bytes());
                    }
                }
            }
            ("pass" | "fail" | "skip", Some(test)) => {
                tests.record(event.package.as_deref().unwrap_or(""), test, &event.action);
            }
            _ => {}
        }
    }
    if n_events == 0 {
        return Err(ParseError::new(
            ErrorKind::Syntax { message: "no go test -json event found".to_owned() },
            Some(Position::line(1)),
        ));
    }
    Ok(log.finish(Format::GoTestJson, Some(tests.stats()))?.written_at(latest))
}

/// One `go test -json` event (test2json's `TestEvent`); other fields are ignored.
#[derive(Deserialize)]
struct Event<'a> {
    #[serde(rename = "Time", borrow, default)]
    time: Option<Cow<'a, str>>,
    #[serde(rename = "Action", borrow)]
    action: Cow<'a, str>,
    #[serde(rename = "Package", borrow, default)]
    package: Option<Cow<'a, str>>,
    #[serde(rename = "Test", borrow, default)]
    test: Option<Cow<'a, str>>,
    #[serde(rename = "Output", borrow, default)]
    output: Option<Cow<'a, str>>,
}

/// The state of reading a `go test` log, line by line.
#[derive(Default)]
struct Log {
    /// Package → its figure; `None` for a package with no test files or that failed to build.
    packages: Vec<(String, Option<Coverage>)>,
    /// A `coverage:` line printed on its own, waiting for the `FAIL <pkg>` or `ok <pkg>` line
    /// that names its package.
    pending: Option<Coverage>,
    diagnostics: Diagnostics,
}

impl Log {
    fn read_line(&mut self, number: u64, line: &[u8]) {
        let Ok(line) = std::str::from_utf8(line) else {
            return;
        };
        let line = line.trim_end();
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            // A bare coverage line: before `FAIL <pkg>`, or before `ok <pkg>` in JSON output.
            [single] if single.starts_with("coverage: ") => match coverage(single) {
                Some(figure) => self.pending = Some(figure),
                None => {
                    self.diagnostics.push(number, || format!("{}: not a coverage figure", show(line.as_bytes(), 80)))
                }
            },
            ["ok" | "ok  ", package, rest @ ..] => {
                let figure = rest.iter().find_map(|f| coverage(f)).or(self.pending.take());
                self.set(package, figure);
            }
            ["FAIL", package, ..] if !package.is_empty() => {
                let package = package.split(' ').next().unwrap_or(package); // "pkg [build failed]"
                let figure = self.pending.take();
                self.set(package, figure);
            }
            ["?   " | "?", package, "[no test files]"] => self.set(package, None),
            // Go 1.22+: a covered package without tests, "\t<pkg>\t\tcoverage: 0.0% of statements".
            ["", package, "", figure] if figure.starts_with("coverage: ") => self.set(package, coverage(figure)),
            _ => {}
        }
    }

    fn set(&mut self, package: &str, figure: Option<Coverage>) {
        self.pending = None;
        match self.packages.iter_mut().find(|(name, _)| name == package) {
            Some(known) => known.1 = figure.or(known.1),
            None => self.packages.push((package.to_owned(), figure)),
        }
    }

    fn finish(self, format: Format, tests: Option<TestStats>) -> Result<Parsed, ParseError> {
        if self.packages.is_empty() && tests.is_none_or(|t| t.cases.unwrap_or(0) == 0) {
            return Err(ParseError::new(
                ErrorKind::Syntax {
                    message: "no package result found (lines such as \"ok  \\t<package>\\t…\")".to_owned(),
                },
                None,
            ));
        }
        let mut packages: Vec<Package> = self
            .packages
            .into_iter()
            .map(|(name, figure)| Package {
                name,
                metrics: figure.map_or(Metrics::default(), |c| Metrics::only(Metric::Statements, c)),
                files: Vec::new(),
            })
            .collect();
        sort_by(&mut packages, |a, b| a.name.cmp(&b.name));
        let snapshot = Snapshot::new(format.name().to_owned(), None, packages);
        let report = Report { tests, ..Report::of_snapshot(Metric::Statements, snapshot) };
        let (diagnostics, n_diagnostics) = self.diagnostics.finish();
        Ok(Parsed { format, report, settings: None, diagnostics, n_diagnostics, sources: Vec::new() })
    }
}

/// `coverage: 58.3% of statements[ in ./...]` → 58.3%; `coverage: [no statements]` → nothing to
/// count.
fn coverage(text: &str) -> Option<Coverage> {
    let rest = text.strip_prefix("coverage: ")?;
    if rest.starts_with("[no statements]") {
        return Counts::new(0, 0).map(Coverage::Counts);
    }
    let (number, tail) = rest.split_once('%')?;
    if !tail.starts_with(" of statements") {
        return None;
    }
    parse_decimal(number).and_then(Percent::new).map(Coverage::Percent)
}

/// Test results from terminal `pass`/`fail`/`skip` events, counted as gotestsum counts them:
/// every test and every subtest is a case, told apart by package and name (`TestParse` of two
/// packages is two cases). A case that reports several results (a rerun) counts once, by its
/// last result; a case that failed and later passed is flaky. Functions are the top-level tests.
#[derive(Default)]
struct TestCounter {
    /// (package, test name) → its index in `results`.
    index: HashMap<(String, String), usize>,
    /// (is a subtest, last result, failed at some point), in order of first result.
    results: Vec<(bool, Outcome, bool)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Pass,
    Fail,
    Skip,
}

impl TestCounter {
    fn record(&mut self, package: &str, test: &str, action: &str) {
        let outcome = match action {
            "pass" => Outcome::Pass,
            "fail" => Outcome::Fail,
            _ => Outcome::Skip,
        };
        let next = self.results.len();
        let idx = *self.index.entry((package.to_owned(), test.to_owned())).or_insert(next);
        match self.results.get_mut(idx) {
            Some(known) => {
                known.2 |= outcome == Outcome::Fail;
                known.1 = outcome;
            }
            None => self.results.push((test.contains('/'), outcome, outcome == Outcome::Fail)),
        }
    }

    fn stats(&self) -> TestStats {
        let count = |wanted: Outcome| self.results.iter().filter(|(_, o, _)| *o == wanted).count() as u64;
        TestStats {
            functions: Some(self.results.iter().filter(|(subtest, _, _)| !subtest).count() as u64),
            cases: Some(self.results.len() as u64),
            passed: Some(count(Outcome::Pass)),
            failed: Some(count(Outcome::Fail)),
            skipped: Some(count(Outcome::Skip)),
            flaky: Some(self.results.iter().filter(|(_, o, failed)| *o == Outcome::Pass && *failed).count() as u64),
            ..TestStats::default()
        }
    }
}
