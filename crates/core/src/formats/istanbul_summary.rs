//! Istanbul's `coverage-summary.json` (the `json-summary` reporter of nyc, c8, Jest, Vitest):
//! `{"total": {…}, "<path>": {"lines", "statements", "functions", "branches"}}`, each metric
//! `{total, covered, skipped, pct}`.
//!
//! Refs: istanbul-reports `lib/json-summary`, istanbul-lib-coverage `lib/coverage-summary.js`.
//!
//! The file holds figures only, so each file's counts are stated, not derived from detail. The
//! `pct` fields are not read (istanbul floors them to two decimals and writes 100, or
//! `"Unknown"`, when there is nothing to count: covdash keeps the counts and says "n/a").
//! The `total` entry is the sum of the files; it is used only when the summary lists no file.

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

use super::json::{self, count};
use super::{Format, ParseError, Parsed};
use crate::model::{normalize_path, Counts, FileCoverage, Metric, Recorded};

#[derive(Deserialize)]
struct Figure {
    #[serde(default)]
    total: f64,
    #[serde(default)]
    covered: f64,
    #[serde(default, rename = "pct")]
    _pct: IgnoredAny,
}

#[derive(Deserialize, Default)]
struct Entry {
    lines: Option<Figure>,
    statements: Option<Figure>,
    functions: Option<Figure>,
    branches: Option<Figure>,
}

impl Entry {
    fn into_file(self, path: &str) -> FileCoverage {
        let mut file = FileCoverage::new(normalize_path(path), Recorded::default());
        let figures = [
            (Metric::Lines, self.lines),
            (Metric::Statements, self.statements),
            (Metric::Functions, self.functions),
            (Metric::Branches, self.branches),
        ];
        for (metric, figure) in figures {
            let Some(figure) = figure else { continue };
            file.state(metric, Counts::at_most(count(figure.covered), count(figure.total)));
        }
        file
    }
}

/// The files in the order written, and the `total` entry.
struct Summary;

impl<'de> DeserializeSeed<'de> for Summary {
    type Value = (Vec<FileCoverage>, Option<Entry>);

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Summary {
    type Value = (Vec<FileCoverage>, Option<Entry>);

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object of \"total\" and file paths to coverage summaries")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut files, mut total) = (Vec::new(), None);
        while let Some(key) = map.next_key::<String>()? {
            let entry: Entry = map.next_value()?;
            if key == "total" {
                total = Some(entry);
            } else {
                files.push(entry.into_file(&key));
            }
        }
        Ok((files, total))
    }
}

pub(crate) fn parse(bytes: &[u8]) -> Result<Parsed, ParseError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let read = Summary.deserialize(&mut deserializer).and_then(|read| deserializer.end().map(|()| read));
    let (mut files, total) = read.map_err(|err| json::error(&err))?;
    if files.is_empty() {
        // A summary of the total only: one entry, named as istanbul names it.
        if let Some(total) = total {
            let file = total.into_file("total");
            if Metric::ALL.iter().any(|m| file.counts(*m).is_some_and(|c| c.total() > 0)) {
                files.push(file);
            }
        }
    }
    json::report_of(
        Format::IstanbulSummary,
        files,
        Metric::Statements,
        "the istanbul summary lists no file, and its total counts nothing",
    )
}
