//! Istanbul's `coverage-final.json` (nyc, c8, Jest, Vitest, solidity-coverage): a map from path
//! to FileCoverage, or one bare FileCoverage.
//!
//! Refs: istanbul-lib-coverage `lib/file-coverage.js` (the counting rules below) and
//! `../shared/research/formats.md`.
//!
//! Each statement becomes a one-statement block at its location; statements at the same
//! location merge (hits added), as istanbul's merge does. Lines are derived from statements:
//! a line is the start line of a statement and its count is the highest of those statements.
//! Every outcome in `b` is a branch (an `if` with one location and two counts has an implicit
//! else). Functions are counted by their key: two functions with one name (`constructor`)
//! stay two. Missing `decl`/`loc`, `null` columns and 0- or 1-based keys are all accepted.

use std::collections::HashMap;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::json::{self, count, number};
use super::{Format, ParseError, Parsed};
use crate::model::{normalize_path, Block, BranchHit, BranchId, FileCoverage, LineHit, Metric, Recorded};

#[derive(Deserialize)]
struct Pos {
    line: Option<f64>,
    column: Option<f64>,
}

#[derive(Deserialize)]
struct Span {
    start: Pos,
    end: Option<Pos>,
}

#[derive(Deserialize)]
struct FnEntry {
    #[serde(default)]
    name: Option<String>,
    decl: Option<Span>,
    loc: Option<Span>,
    line: Option<f64>,
}

#[derive(Deserialize)]
struct BranchEntry {
    loc: Option<Span>,
    #[serde(default)]
    locations: Vec<Span>,
    line: Option<f64>,
}

#[derive(Deserialize, Default)]
struct FileCov {
    path: Option<String>,
    #[serde(rename = "statementMap", default)]
    statement_map: HashMap<String, Span>,
    #[serde(rename = "fnMap", default)]
    fn_map: HashMap<String, FnEntry>,
    #[serde(rename = "branchMap", default)]
    branch_map: HashMap<String, BranchEntry>,
    #[serde(default)]
    s: HashMap<String, f64>,
    #[serde(default)]
    f: HashMap<String, f64>,
    #[serde(default)]
    b: HashMap<String, Vec<f64>>,
}

/// The keys in numeric order where they are numbers (`"0"`, `"1"`…), then the others by text:
/// a total order whatever the keys (mixing the two comparisons pair by pair would not be one).
fn sorted_keys<V>(map: &HashMap<String, V>) -> Vec<&String> {
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort_by_key(|key| (key.parse::<u64>().map_err(|_| ()), *key));
    keys
}

fn file_of(key: &str, cov: FileCov) -> FileCoverage {
    // The map key is what the tool names the file; `path` may be absolute where the key is not
    // (solidity-coverage): the key wins when both exist.
    let raw = if key.is_empty() { cov.path.as_deref().unwrap_or("") } else { key };
    let recorded = Recorded { lines: true, statements: true, branches: true, functions: true };
    let mut file = FileCoverage::new(normalize_path(raw), recorded);
    let mut line_hits: HashMap<u32, u64> = HashMap::new();
    for key in sorted_keys(&cov.statement_map) {
        let span = &cov.statement_map[key];
        let hits = cov.s.get(key).copied().map_or(0, count);
        let start = (number(span.start.line), number(span.start.column));
        let end = span.end.as_ref().map_or(start, |e| (number(e.line), number(e.column)));
        file.blocks.push(Block { start, end: end.max(start), statements: 1, hits });
        if start.0 > 0 {
            let line = line_hits.entry(start.0).or_insert(0);
            *line = (*line).max(hits);
        }
    }
    file.lines = line_hits.into_iter().map(|(line, hits)| LineHit::new(line, hits)).collect();
    let mut seen: HashMap<String, u32> = HashMap::new();
    for key in sorted_keys(&cov.fn_map) {
        let entry = &cov.fn_map[key];
        let line = entry
            .decl
            .as_ref()
            .or(entry.loc.as_ref())
            .map(|s| number(s.start.line))
            .filter(|l| *l > 0)
            .unwrap_or(number(entry.line));
        let hits = cov.f.get(key).copied().map_or(0, count);
        let base = entry.name.clone().filter(|n| !n.is_empty()).unwrap_or_else(|| format!("(function {key})"));
        // Functions are counted by key: a repeated name gets its line (or key) to stay apart.
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        let name = if *n == 1 { base } else { format!("{base} (line {line}, #{key})") };
        file.push_function(&name, line, hits);
    }
    for key in sorted_keys(&cov.b) {
        let counts = &cov.b[key];
        let entry = cov.branch_map.get(key);
        let line = entry
            .and_then(|e| e.loc.as_ref().or(e.locations.first()))
            .map(|s| number(s.start.line))
            .filter(|l| *l > 0)
            .or_else(|| entry.map(|e| number(e.line)))
            .unwrap_or(0);
        let block = key.parse::<u32>().unwrap_or(u32::MAX);
        for (idx, taken) in counts.iter().enumerate() {
            let id = if block == u32::MAX {
                BranchId::named(&format!("{key},{idx}"))
            } else {
                BranchId::numbered(0, block, u32::try_from(idx).unwrap_or(u32::MAX))
            };
            file.branches.push(BranchHit::new(line, id, Some(count(*taken))));
        }
    }
    file.normalize();
    file
}

/// Reads either a map of path → FileCoverage or one bare FileCoverage, deciding by the first
/// key (a bare one starts with one of its own fields).
struct Files;

const FILE_FIELDS: [&str; 10] =
    ["path", "statementMap", "fnMap", "branchMap", "s", "f", "b", "_coverageSchema", "hash", "contentHash"];

impl<'de> DeserializeSeed<'de> for Files {
    type Value = Vec<FileCoverage>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Files {
    type Value = Vec<FileCoverage>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object of file paths to istanbul FileCoverage objects, or one FileCoverage")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut files = Vec::new();
        let Some(first) = map.next_key::<String>()? else {
            return Ok(files);
        };
        if FILE_FIELDS.contains(&first.as_str()) {
            // A bare FileCoverage: its fields, typed, one by one.
            let mut cov = FileCov::default();
            let mut key = Some(first);
            while let Some(name) = key {
                match name.as_str() {
                    "path" => cov.path = map.next_value()?,
                    "statementMap" => cov.statement_map = map.next_value()?,
                    "fnMap" => cov.fn_map = map.next_value()?,
                    "branchMap" => cov.branch_map = map.next_value()?,
                    "s" => cov.s = map.next_value()?,
                    "f" => cov.f = map.next_value()?,
                    "b" => cov.b = map.next_value()?,
                    _ => {
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
                key = map.next_key::<String>()?;
            }
            files.push(file_of("", cov));
            return Ok(files);
        }
        files.push(file_of(&first, map.next_value()?));
        while let Some(key) = map.next_key::<String>()? {
            let cov: FileCov = map.next_value()?;
            files.push(file_of(&key, cov));
        }
        Ok(files)
    }
}

pub(crate) fn parse(bytes: &[u8]) -> Result<Parsed, ParseError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let files = Files.deserialize(&mut deserializer).and_then(|files| deserializer.end().map(|()| files));
    let files = files.map_err(|err| json::error(&err))?;
    json::report_of(Format::Istanbul, files, Metric::Statements, "the istanbul report lists no file")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sort_numbers_first_then_text() {
        let map: HashMap<String, ()> =
            ["10", "2", "1a", "09", "9", "b"].into_iter().map(|k| (k.to_owned(), ())).collect();
        let keys: Vec<&str> = sorted_keys(&map).into_iter().map(String::as_str).collect();
        assert_eq!(keys, ["2", "09", "9", "10", "1a", "b"]);
    }
}
