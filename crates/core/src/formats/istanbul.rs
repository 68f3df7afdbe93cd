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
//!
//! Speed: these files reach hundreds of megabytes, and most of their bytes are the statement
//! map. Each map is read into a vector of (key, value) in file order, keys parsed as numbers
//! where they are numbers (they almost always are, in order), numbers read as integers without
//! a detour through `f64` or an allocation; only what is counted is kept (a function's name,
//! the first line of a branch), the rest is skipped unbuilt. The maps are then joined by key.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

mod scan;

use super::json::{self, First};
use super::{Format, ParseError, Parsed};
use crate::model::{
    normalize_path, sort_by, sort_by_key, Block, BranchHit, BranchId, FileCoverage, LineHit, Metric, Recorded,
};

/// A map key: a number where it is one, otherwise its text. Numbers order before text, so
/// keys have a total order whatever they are.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Number(u64),
    Text(String),
}

impl Key {
    fn of(text: &str) -> Key {
        match text.parse::<u64>() {
            Ok(n) => Key::Number(n),
            Err(_) => Key::Text(text.to_owned()),
        }
    }

    fn display(&self) -> String {
        match self {
            Key::Number(n) => n.to_string(),
            Key::Text(text) => text.clone(),
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Key, E> {
                Ok(Key::of(text))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// A number as istanbul writes it (an integer; a float or `null` after some tools' processing),
/// read as a non-negative integer: negative, `null` and non-finite read as 0, huge saturate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Num(u64);

impl Num {
    fn line(self) -> u32 {
        u32::try_from(self.0).unwrap_or(u32::MAX)
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Num, D::Error> {
        struct NumVisitor;
        impl Visitor<'_> for NumVisitor {
            type Value = Num;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_u64<E>(self, n: u64) -> Result<Num, E> {
                Ok(Num(n))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Num, E> {
                Ok(Num(u64::try_from(n).unwrap_or(0)))
            }
            fn visit_f64<E>(self, n: f64) -> Result<Num, E> {
                Ok(Num(json::count(n)))
            }
            fn visit_unit<E>(self) -> Result<Num, E> {
                Ok(Num(0))
            }
            fn visit_none<E>(self) -> Result<Num, E> {
                Ok(Num(0))
            }
        }
        deserializer.deserialize_any(NumVisitor)
    }
}

#[derive(Deserialize, Default, Clone, Copy)]
struct Pos {
    #[serde(default)]
    line: Num,
    #[serde(default)]
    column: Num,
}

impl Pos {
    fn pair(self) -> (u32, u32) {
        (self.line.line(), self.column.line())
    }
}

#[derive(Deserialize, Default, Clone, Copy)]
struct Span {
    #[serde(default)]
    start: Pos,
    end: Option<Pos>,
}

#[derive(Deserialize)]
struct FnEntry {
    #[serde(default)]
    name: Option<String>,
    decl: Option<Span>,
    loc: Option<Span>,
    line: Option<Num>,
}

#[derive(Deserialize)]
struct BranchEntry {
    loc: Option<Span>,
    #[serde(default)]
    locations: First<Span>,
    line: Option<Num>,
}

/// A JSON object read as its entries in file order, sorted by key only if they were not.
struct Entries<V>(Vec<(Key, V)>);

impl<V> Default for Entries<V> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Entries<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for EntriesVisitor<V> {
            type Value = Entries<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries<V>, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(key) = map.next_key::<Key>()? {
                    entries.push((key, map.next_value::<V>()?));
                }
                if !entries.is_sorted_by(|a, b| a.0 <= b.0) {
                    sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor(PhantomData))
    }
}

impl<V> Entries<V> {
    /// The value at `key`, found from `hint` onwards first: maps written together share their
    /// keys in order, so the lookup is usually the next entry.
    fn find(&self, key: &Key, hint: &mut usize) -> Option<&V> {
        if let Some((k, v)) = self.0.get(*hint) {
            if k == key {
                *hint += 1;
                return Some(v);
            }
        }
        let idx = self.0.binary_search_by(|(k, _)| k.cmp(key)).ok()?;
        *hint = idx + 1;
        Some(&self.0[idx].1)
    }
}

#[derive(Default)]
struct FileCov {
    path: Option<String>,
    statement_map: Entries<Span>,
    fn_map: Entries<FnEntry>,
    branch_map: Entries<BranchEntry>,
    s: Entries<Num>,
    f: Entries<Num>,
    b: Entries<Vec<Num>>,
}

impl<'de> Deserialize<'de> for FileCov {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<FileCov, D::Error> {
        deserializer.deserialize_map(FileCovVisitor(None))
    }
}

/// Reads a FileCoverage's fields; `first` is a field name already read (a bare FileCoverage is
/// told apart by its first key).
struct FileCovVisitor(Option<String>);

impl<'de> Visitor<'de> for FileCovVisitor {
    type Value = FileCov;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an istanbul FileCoverage object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FileCov, A::Error> {
        let mut cov = FileCov::default();
        let mut field = match self.0 {
            Some(first) => Some(first),
            None => map.next_key::<String>()?,
        };
        while let Some(name) = field {
            match name.as_str() {
                "path" => cov.path = map.next_value()?,
                "statementMap" => cov.statement_map = map.next_value()?,
                "fnMap" => cov.fn_map = map.next_value()?,
                "branchMap" => cov.branch_map = map.next_value()?,
                "s" => cov.s = map.next_value()?,
                "f" => cov.f = map.next_value()?,
                "b" => cov.b = map.next_value()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            field = map.next_key::<String>()?;
        }
        Ok(cov)
    }
}

fn file_of(key: &str, cov: FileCov) -> FileCoverage {
    // The map key is what the tool names the file; `path` may be absolute where the key is not
    // (solidity-coverage): the key wins when both exist.
    let raw = if key.is_empty() { cov.path.as_deref().unwrap_or("") } else { key };
    let recorded = Recorded { lines: true, statements: true, branches: true, functions: true };
    let mut file = FileCoverage::new(normalize_path(raw), recorded);

    file.blocks.reserve_exact(cov.statement_map.0.len());
    file.lines.reserve(cov.statement_map.0.len());
    let mut hint = 0;
    for (key, span) in &cov.statement_map.0 {
        let hits = cov.s.find(key, &mut hint).map_or(0, |n| n.0);
        let start = span.start.pair();
        let end = span.end.map_or(start, Pos::pair);
        file.blocks.push(Block { start, end: end.max(start), statements: 1, hits });
        if start.0 > 0 {
            file.lines.push(LineHit::new(start.0, hits));
        }
    }
    // A line's count is the highest of the statements starting on it (not their sum).
    if !file.lines.is_sorted_by_key(|l| l.line) {
        sort_by_key(&mut file.lines, |l| l.line);
    }
    file.lines.dedup_by(|later, kept| {
        let same = later.line == kept.line;
        if same {
            kept.hits = kept.hits.max(later.hits);
        }
        same
    });

    let mut seen: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    let mut hint = 0;
    for (key, entry) in &cov.fn_map.0 {
        let line = entry
            .decl
            .as_ref()
            .or(entry.loc.as_ref())
            .map(|s| s.start.line.line())
            .filter(|l| *l > 0)
            .unwrap_or(entry.line.map_or(0, Num::line));
        let hits = cov.f.find(key, &mut hint).map_or(0, |n| n.0);
        let base = entry.name.as_deref().filter(|n| !n.is_empty());
        // Functions are counted by key: a repeated name gets its line and key to stay apart.
        let n = seen.entry(base.unwrap_or("")).or_insert(0);
        *n += 1;
        match (base, *n) {
            (Some(name), 1) => file.push_function(name, line, hits),
            (Some(name), _) => file.push_function(&format!("{name} (line {line}, #{})", key.display()), line, hits),
            (None, _) => file.push_function(&format!("(function {})", key.display()), line, hits),
        }
    }

    let mut hint = 0;
    for (key, counts) in &cov.b.0 {
        let entry = cov.branch_map.find(key, &mut hint);
        let line = entry
            .and_then(|e| e.loc.as_ref().or(e.locations.0.as_ref()))
            .map(|s| s.start.line.line())
            .filter(|l| *l > 0)
            .or_else(|| entry.and_then(|e| e.line).map(Num::line))
            .unwrap_or(0);
        for (idx, taken) in counts.iter().enumerate() {
            let idx = u32::try_from(idx).unwrap_or(u32::MAX);
            let id = match key {
                Key::Number(block) if *block < 1 << 29 => BranchId::numbered(0, *block as u32, idx),
                _ => BranchId::named(&format!("{},{idx}", key.display())),
            };
            file.branches.push(BranchHit::new(line, id, Some(taken.0)));
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

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of file paths to istanbul FileCoverage objects, or one FileCoverage")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut files = Vec::new();
        let Some(first) = map.next_key::<String>()? else {
            return Ok(files);
        };
        if FILE_FIELDS.contains(&first.as_str()) {
            // A bare FileCoverage: the map is its fields.
            let cov = FileCovVisitor(Some(first)).visit_map(map)?;
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
    // A call per file (not inlined into the loop that reads them all, see `scan::read`).
    let file_of: fn(&str, FileCov) -> FileCoverage = std::hint::black_box(file_of);
    let files = match scan::read(bytes, file_of) {
        Some(files) => files,
        None => read_with_serde(bytes)?,
    };
    json::report_of(Format::Istanbul, files, Metric::Statements, "the istanbul report lists no file")
}

/// The general path: any valid JSON, and positioned errors.
fn read_with_serde(bytes: &[u8]) -> Result<Vec<FileCoverage>, ParseError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let files = Files.deserialize(&mut deserializer).and_then(|files| deserializer.end().map(|()| files));
    files.map_err(|err| json::error(&err))
}

#[cfg(test)]
mod tests {
    use std::cmp::Ordering;

    use super::*;

    #[test]
    fn keys_sort_numbers_first_then_text() {
        let mut keys: Vec<Key> = ["10", "2", "1a", "09", "9", "b"].into_iter().map(Key::of).collect();
        crate::model::sort(&mut keys);
        let shown: Vec<String> = keys.iter().map(Key::display).collect();
        assert_eq!(shown, ["2", "9", "9", "10", "1a", "b"]);
        assert_eq!(Key::of("09").cmp(&Key::of("9")), Ordering::Equal);
    }

    #[test]
    fn the_fast_path_reads_what_serde_reads() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/istanbul/ok");
        let mut inputs: Vec<Vec<u8>> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .map(|p| std::fs::read(p).unwrap())
            .collect();
        // Escapes, nulls, unknown fields of every kind, a key out of order, white space.
        inputs.push(br#" { "C:\\src\\a.js" : { "path": "C:\\src\\a.js", "all": true, "x": [{"y": [1, -2.5e3, null, true, "}"]}],
            "statementMap": { "1": {"start": {"line": 3, "column": null}, "end": null}, "0": {"start": {"line": 1, "column": 0}, "end": {"line": 1, "column": 9}} },
            "fnMap": { "0": {"name": "f\u00e9", "decl": null, "loc": {"start": {"line": 1, "column": 0}, "end": {"line": 2, "column": 1}}, "line": 1} },
            "branchMap": { "0": {"type": "if", "locations": [{"start": {"line": 3, "column": 0}, "end": {"line": 3, "column": 4}}, {}], "line": 3} },
            "s": {"0": 2, "1": 0}, "f": {"0": 1}, "b": {"0": [1, 0]}, "inputSourceMap": {"mappings": "AAAA;\"x\""} } } "#.to_vec());
        for input in inputs {
            let fast = scan::read(&input, file_of).expect("the fast path reads it");
            assert_eq!(
                fast,
                read_with_serde(&input).unwrap(),
                "{}",
                String::from_utf8_lossy(&input[..80.min(input.len())])
            );
        }
        // Deep nesting where nothing is counted costs neither path any stack.
        let deep = format!(
            r#"{{"a.js": {{"inputSourceMap": {}{}, "s": {{"0": 1}}}}}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let fast = scan::read(deep.as_bytes(), file_of).expect("the fast path reads it");
        assert_eq!(fast, read_with_serde(deep.as_bytes()).unwrap());
        // What the fast path leaves to serde: fractions, negative counts, a bad end.
        for input in [&br#"{"a.js": {"s": {"0": 1.5}}}"#[..], br#"{"a.js": {"s": {"0": -1}}}"#, br#"{"a.js": {}} x"#] {
            assert!(scan::read(input, file_of).is_none());
        }
    }
}
