//! covdash JSON, versions 1 and 2: snapshots of per-package coverage, with the settings and
//! test figures that go with them; version 2 adds what a history written by `covdash record`
//! keeps (each snapshot's commit, ref, run time and tests, and a package's figures per metric). The format is specified in `docs/format.md` and
//! `docs/covdash.schema.json`.
//!
//! A key the format does not have is read past and said (a diagnostic, once a key, where it
//! first is), so that a key misspelt is not taken for one left out; an annotation (`x-…`,
//! `$schema`) is read past in silence. A value of the wrong type or out of range is a fatal error that
//! names its JSON path, line and column: a covdash JSON file is written by a person or a script
//! on purpose, so guessing what a wrong value meant would hide a mistake.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::json;
use super::json_path::PathPart;
use super::lines::json_message;
use super::{Diagnostic, ErrorKind, Format, ParseError, Parsed, Position};
use crate::model::{
    sort_by_key, Counts, Coverage, Group, Metric, Metrics, Package, PathFilter, Percent, Report, Revision, Settings,
    Snapshot, SourceLink, TestStats, Tier, Tiers, Timestamp, WorkTimes,
};
use covdash_protocol::decimal::shortest;
use covdash_protocol::format::format_count;

/// The newest version of the format, the one covdash writes; every version up to it is read.
pub(crate) const VERSION: u64 = 2;

pub(crate) fn parse(bytes: &[u8]) -> Result<Parsed, ParseError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let document = Document::deserialize(&mut deserializer).and_then(|document| deserializer.end().map(|()| document));
    let mut document = match document {
        Ok(document) => document,
        Err(err) => {
            return Err(
                another_tools(bytes, Some(&err)).unwrap_or_else(|| json::with_path(bytes, &err, to_parse_error(&err)))
            )
        }
    };
    let Some(snapshots) = document.snapshots.take() else {
        if let Some(error) = another_tools(bytes, None) {
            return Err(error);
        }
        let message = "missing field `snapshots`".to_owned();
        return Err(ParseError::new(ErrorKind::InvalidValue { path: String::new(), message }, Some(end_of(bytes))));
    };
    let ignored = ignored_keys(bytes, &document, &snapshots);
    let mut parsed = document.into_parsed(snapshots);
    (parsed.diagnostics, parsed.n_diagnostics) = ignored;
    Ok(parsed)
}

/// Where a key covdash JSON does not have was found.
#[derive(Clone, Copy, PartialEq)]
enum Among {
    Document,
    Snapshot,
    Figures,
}

/// What a document holds that covdash JSON does not have, said once a key and place (with how
/// many snapshots or packages have it), where it first is ([`json::Unread`]).
fn ignored_keys(bytes: &[u8], document: &Document, snapshots: &Snapshots) -> (Vec<Diagnostic>, u64) {
    let mut unread = json::Unread::new();
    for key in &document.unknown {
        unread.note(Among::Document, key, Vec::new);
    }
    for (index, snapshot) in snapshots.0.iter().enumerate() {
        let at = || vec![PathPart::Key("snapshots".to_owned()), PathPart::Index(index)];
        for key in &snapshot.unknown {
            unread.note(Among::Snapshot, key, at);
        }
        for (package, key) in &snapshot.packages.unknown {
            let name = &snapshot.packages.figures[*package].0;
            unread.note(Among::Figures, key, || {
                [at(), vec![PathPart::Key("packages".to_owned()), PathPart::Key(name.clone())]].concat()
            });
        }
    }
    let diagnostics = unread.said(bytes, |among, key, n| match among {
        Among::Document => format!("{key:?} is not a key of covdash JSON (it has {}): ignored", KEYS.join(", ")),
        Among::Snapshot => format!(
            "{key:?}, in {}, is not a key of a snapshot (it has {}): ignored",
            if n == 1 { "a snapshot".to_owned() } else { format!("{} snapshots", format_count(n)) },
            SNAPSHOT_KEYS.join(", ")
        ),
        Among::Figures => format!(
            "{key:?}, in {}, is not a key of a package's figures (covered and total, or lines, statements, \
             branches, functions): ignored",
            if n == 1 { "a package's figures".to_owned() } else { format!("{} packages' figures", format_count(n)) },
        ),
    });
    let n = diagnostics.len() as u64;
    (diagnostics, n)
}

/// covdash JSON's keys, as [`Document`] names them.
const KEYS: [&str; 13] = [
    "version",
    "title",
    "metric",
    "target",
    "goal",
    "tiers",
    "groups",
    "session",
    "source",
    "exclude",
    "include",
    "snapshots",
    "tests",
];

/// Any JSON no other reader claims is read as covdash JSON: this says when it is another
/// tool's, rather than what covdash JSON lacks. It is when it has no `snapshots` (which covdash
/// JSON must have) and none of covdash JSON's keys, or keys covdash JSON does not have (npm's
/// `package.json` shares only `version`, as a text); or when it is no JSON at all (`error`, a
/// syntax error: `tsconfig.json` with comments) and names no `snapshots` anywhere.
fn another_tools(bytes: &[u8], error: Option<&serde_json::Error>) -> Option<ParseError> {
    let unknown = |looks_like: String| Some(ParseError::new(ErrorKind::UnknownFormat { looks_like }, None));
    let keys = match serde_json::from_slice::<TopKeys>(bytes) {
        Ok(TopKeys(keys)) => keys,
        Err(_) if memchr::memmem::find(bytes, b"\"snapshots\"").is_some() => return None,
        Err(_) => {
            let error = error.filter(|e| e.is_syntax() || e.is_eof())?;
            let at = format!("line {}, column {}", error.line(), error.column());
            return unknown(format!("JSON with an error ({at}: {}) and no \"snapshots\"", json_message(error)));
        }
    };
    if keys.iter().any(|key| key == "snapshots") {
        return None;
    }
    let foreign: Vec<String> =
        keys.iter().filter(|key| !KEYS.contains(&key.as_str())).map(|key| format!("\"{key}\"")).collect();
    if keys.len() == foreign.len() {
        return unknown("a JSON object with none of covdash JSON's keys (\"snapshots\", \"title\" …)".to_owned());
    }
    if foreign.is_empty() {
        return None;
    }
    let shown = foreign.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    let more = if foreign.len() > 3 { " …" } else { "" };
    unknown(format!("a JSON object with no \"snapshots\" and keys covdash JSON does not have ({shown}{more})"))
}

/// The keys of a JSON object, its values read past.
struct TopKeys(Vec<String>);

impl<'de> Deserialize<'de> for TopKeys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<TopKeys, D::Error> {
        struct Keys;
        impl<'de> Visitor<'de> for Keys {
            type Value = TopKeys;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopKeys, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    map.next_value::<de::IgnoredAny>()?;
                    keys.push(key);
                }
                Ok(TopKeys(keys))
            }
        }
        deserializer.deserialize_map(Keys)
    }
}

/// Where a document's last value ends (the top-level object's `}`), as serde_json counts
/// lines and columns.
fn end_of(bytes: &[u8]) -> Position {
    let end = bytes.iter().rposition(|b| !b.is_ascii_whitespace()).unwrap_or(0);
    Position::of_offset(bytes, end as u64)
}

/// Why serde_json stopped, as a [`ParseError`]: a newer format version typed as such.
fn to_parse_error(err: &serde_json::Error) -> ParseError {
    let position = (err.line() > 0).then(|| Position::line_column(err.line() as u64, err.column() as u64));
    let message = json_message(err);
    if let Some(version) = message.strip_prefix(UNSUPPORTED_VERSION) {
        let found = version.parse().unwrap_or(u64::MAX);
        return ParseError::new(ErrorKind::UnsupportedVersion { found, supported: VERSION }, position);
    }
    use serde_json::error::Category;
    let kind = match err.classify() {
        Category::Data => ErrorKind::InvalidValue { path: String::new(), message },
        Category::Eof => ErrorKind::Syntax { message: format!("the JSON ends too early ({message})") },
        Category::Syntax | Category::Io => ErrorKind::Syntax { message: format!("invalid JSON: {message}") },
    };
    ParseError::new(kind, position)
}

/// The marker a version check leaves in its serde error, turned into a typed error above.
const UNSUPPORTED_VERSION: &str = "covdash: unsupported version ";

/// A covdash JSON document. Every key is optional to serde: a document without `snapshots` is
/// told apart from another tool's JSON by whether it has any of covdash's keys.
struct Document {
    #[allow(dead_code, reason = "read for its check: a version newer than covdash's is refused as it is read")]
    version: Option<Version>,
    title: Option<String>,
    metric: Option<MetricValue>,
    target: Option<PercentValue>,
    goal: Option<PercentValue>,
    tiers: Option<TiersValue>,
    groups: Option<Vec<GroupValue>>,
    session: Option<SessionValue>,
    source: Option<SourceValue>,
    /// Globs of the files (or, in data of packages alone, the packages) left out.
    exclude: Option<Vec<String>>,
    /// Globs of the only files (or packages) counted.
    include: Option<Vec<String>>,
    /// `null` is an error, as for any other key whose value must be present.
    snapshots: Option<Snapshots>,
    tests: Option<TestStats>,
    /// The keys covdash JSON does not have, in the order read: said, and their values skipped.
    unknown: Vec<String>,
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> Visitor<'de> for Keys {
            type Value = Document;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a covdash JSON document (an object)")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
                let mut d = Document {
                    version: None,
                    title: None,
                    metric: None,
                    target: None,
                    goal: None,
                    tiers: None,
                    groups: None,
                    session: None,
                    source: None,
                    exclude: None,
                    include: None,
                    snapshots: None,
                    tests: None,
                    unknown: Vec::new(),
                };
                while let Some(FieldName(key)) = map.next_key()? {
                    let m = &mut map;
                    match key.as_ref() {
                        "version" => optional(m, &mut d.version, "version")?,
                        "title" => optional(m, &mut d.title, "title")?,
                        "metric" => optional(m, &mut d.metric, "metric")?,
                        "target" => optional(m, &mut d.target, "target")?,
                        "goal" => optional(m, &mut d.goal, "goal")?,
                        "tiers" => optional(m, &mut d.tiers, "tiers")?,
                        "groups" => optional(m, &mut d.groups, "groups")?,
                        "session" => optional(m, &mut d.session, "session")?,
                        "source" => optional(m, &mut d.source, "source")?,
                        "exclude" => optional(m, &mut d.exclude, "exclude")?,
                        "include" => optional(m, &mut d.include, "include")?,
                        // `null` is refused here: the list must be there when its key is.
                        "snapshots" => once(m, &mut d.snapshots, "snapshots")?,
                        "tests" => optional(m, &mut d.tests, "tests")?,
                        _ => skip(m, &mut d.unknown, &key)?,
                    }
                }
                Ok(d)
            }
        }
        deserializer.deserialize_map(Keys)
    }
}

/// Reads a key's value into `slot`; a key given twice is an error, as a derived reader says it.
fn once<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// [`once`] for a key whose `null` means it is not there.
fn optional<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = map.next_value::<Option<T>>()?;
    Ok(())
}

/// A key the format does not have: its value read past, and the key kept to be said (but for an
/// annotation, [`json::is_annotation`]).
fn skip<'de, A: MapAccess<'de>>(map: &mut A, unknown: &mut Vec<String>, key: &str) -> Result<(), A::Error> {
    map.next_value::<de::IgnoredAny>()?;
    unknown.push(key.to_owned());
    Ok(())
}

impl Document {
    fn into_parsed(self, snapshots: Snapshots) -> Parsed {
        let defaults = Settings::default();
        let settings = Settings {
            target: self.target.map_or(defaults.target, |p| p.0),
            goal: self.goal.map(|p| p.0),
            tiers: self.tiers.map_or(defaults.tiers, |t| t.0),
            groups: self
                .groups
                .unwrap_or_default()
                .into_iter()
                .map(|g| Group { name: g.name, patterns: g.patterns })
                .collect(),
            source: self.source.map(|s| SourceLink { template: s.template.0, strip: s.strip }),
            paths: PathFilter { exclude: self.exclude.unwrap_or_default(), include: self.include.unwrap_or_default() },
            ..defaults
        };
        let session = self.session.map(|s| WorkTimes { start: s.start.map(|t| t.0), end: s.end.map(|t| t.0) });
        let metric = self.metric.map_or_else(|| snapshots.metric_of_data(), |m| m.0);
        let mut snapshots: Vec<Snapshot> = snapshots
            .0
            .into_iter()
            .map(|s| Snapshot {
                label: s.label,
                timestamp: s.timestamp.map(|t| t.0),
                packages: s
                    .packages
                    .figures
                    .into_iter()
                    .map(|(name, figures)| match figures {
                        Figures::One(coverage) => Package::summary(name, metric, coverage),
                        Figures::PerMetric(metrics) => Package { name, metrics, files: Vec::new() },
                    })
                    .collect::<Vec<_>>()
                    .into(),
                revision: Revision { commit: s.commit, git_ref: s.git_ref, run_time: s.run_time.map(|t| t.0) },
                tests: s.tests,
            })
            .collect();
        // Chronological order when every snapshot has a time; file order otherwise.
        if snapshots.iter().all(|s| s.timestamp.is_some()) {
            sort_by_key(&mut snapshots, |s| s.timestamp);
        }
        let tests = self.tests;
        let report = Report {
            title: self.title,
            metric,
            snapshots,
            tests,
            session,
            order: None,
            change: None,
            left_out: Vec::new(),
        };
        Parsed {
            format: Format::CovdashJson,
            report,
            settings: Some(settings),
            diagnostics: Vec::new(),
            n_diagnostics: 0,
            sources: Vec::new(),
        }
    }
}

struct SnapshotValue {
    label: String,
    timestamp: Option<TimestampValue>,
    packages: Packages,
    commit: Option<String>,
    git_ref: Option<String>,
    run_time: Option<TimestampValue>,
    tests: Option<TestStats>,
    /// The keys a snapshot does not have, in the order read: said, and their values skipped.
    unknown: Vec<String>,
}

/// A snapshot's keys, as [`SnapshotValue`] reads them.
const SNAPSHOT_KEYS: [&str; 7] = ["label", "timestamp", "packages", "commit", "ref", "run_time", "tests"];

impl<'de> Deserialize<'de> for SnapshotValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> Visitor<'de> for Keys {
            type Value = SnapshotValue;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a snapshot (an object with a label and packages)")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SnapshotValue, A::Error> {
                let (mut label, mut timestamp, mut packages, mut commit) = (None, None, None, None);
                let (mut git_ref, mut run_time, mut tests, mut unknown) = (None, None, None, Vec::new());
                while let Some(FieldName(key)) = map.next_key()? {
                    let m = &mut map;
                    match key.as_ref() {
                        "label" => once(m, &mut label, "label")?,
                        "timestamp" => optional(m, &mut timestamp, "timestamp")?,
                        "packages" => once(m, &mut packages, "packages")?,
                        "commit" => optional(m, &mut commit, "commit")?,
                        "ref" => optional(m, &mut git_ref, "ref")?,
                        "run_time" => optional(m, &mut run_time, "run_time")?,
                        "tests" => optional(m, &mut tests, "tests")?,
                        _ => skip(m, &mut unknown, &key)?,
                    }
                }
                Ok(SnapshotValue {
                    label: label.ok_or_else(|| de::Error::missing_field("label"))?,
                    timestamp,
                    packages: packages.ok_or_else(|| de::Error::missing_field("packages"))?,
                    commit,
                    git_ref,
                    run_time,
                    tests,
                    unknown,
                })
            }
        }
        deserializer.deserialize_map(Keys)
    }
}

/// Where the files' sources are fetched from (`docs/format.md`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceValue {
    template: Template,
    strip: Option<String>,
}

/// A source address: it must have `{path}` to fill.
struct Template(String);

impl<'de> Deserialize<'de> for Template {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        json::checked_str(deserializer, |text| {
            if !text.contains("{path}") || text.chars().any(char::is_control) {
                return Err(format!("{text:?} is not an address with {{path}} in it"));
            }
            Ok(Template(text.to_owned()))
        })
    }
}

#[derive(Deserialize)]
struct GroupValue {
    name: String,
    patterns: Vec<String>,
}

#[derive(Deserialize)]
struct SessionValue {
    start: Option<TimestampValue>,
    end: Option<TimestampValue>,
}

#[derive(Deserialize)]
struct TierValue {
    name: String,
    min: PercentValue,
}

/// `version`: 1 to [`VERSION`].
struct Version;

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let found = u64::deserialize(deserializer)?;
        if (1..=VERSION).contains(&found) {
            Ok(Version)
        } else {
            Err(de::Error::custom(format_args!("{UNSUPPORTED_VERSION}{found}")))
        }
    }
}

/// A number within 0..=100.
struct PercentValue(Percent);

impl<'de> Deserialize<'de> for PercentValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(deserializer)?;
        Percent::new(value).map(PercentValue).ok_or_else(|| {
            de::Error::custom(format_args!("a percentage must be between 0 and 100, found {}", shortest(value)))
        })
    }
}

/// One of the metric names.
struct MetricValue(Metric);

impl<'de> Deserialize<'de> for MetricValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Metric::from_plural(&name).map(MetricValue).ok_or_else(|| {
            de::Error::custom(format_args!(
                "unknown metric {name:?}, expected one of lines, statements, branches, functions"
            ))
        })
    }
}

/// An RFC 3339 string.
struct TimestampValue(Timestamp);

impl<'de> Deserialize<'de> for TimestampValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        json::checked_str(deserializer, |text| {
            Timestamp::parse_zoneless(text).map(TimestampValue).map_err(|e| e.to_string())
        })
    }
}

/// A list of tiers that satisfies the [`Tiers`] invariant.
struct TiersValue(Tiers);

impl<'de> Deserialize<'de> for TiersValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        json::checked_list(deserializer, |tiers: Vec<TierValue>| {
            let tiers = tiers.into_iter().map(|t| Tier { name: t.name, min: t.min.0 }).collect();
            Tiers::new(tiers).map(TiersValue).map_err(|e| e.to_string())
        })
    }
}

/// A non-empty list of snapshots.
struct Snapshots(Vec<SnapshotValue>);

impl<'de> Deserialize<'de> for Snapshots {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        json::checked_list(deserializer, |snapshots| {
            if snapshots.is_empty() {
                return Err("at least one snapshot is needed".to_owned());
            }
            Ok(Snapshots(snapshots))
        })
    }
}

impl Snapshots {
    /// The metric a document that names none is judged by: the default (statements) when a
    /// package gives one figure, which counts it, or the data has statements; otherwise the
    /// first metric the data has, in the order of [`Metric::ALL`]. A file whose packages give
    /// only `{"lines": …}` means lines.
    fn metric_of_data(&self) -> Metric {
        let mut has = [false; Metric::ALL.len()];
        for (_, figures) in self.0.iter().flat_map(|s| &s.packages.figures) {
            match figures {
                Figures::One(_) => return Metric::default(),
                Figures::PerMetric(metrics) => {
                    for metric in Metric::ALL {
                        has[metric.index()] |= metrics.get(metric).is_some();
                    }
                }
            }
        }
        if has[Metric::default().index()] {
            return Metric::default();
        }
        Metric::ALL.into_iter().find(|m| has[m.index()]).unwrap_or_default()
    }
}

/// `{"name": figures, …}` in file order, names unique.
struct Packages {
    figures: Vec<(String, Figures)>,
    /// Each key a package's figures do not have, with the package's index: said, and read past.
    unknown: Vec<(usize, String)>,
}

/// What a package's entry holds: one figure for the document's metric, or one per metric.
enum Figures {
    One(Coverage),
    PerMetric(Metrics),
}

impl<'de> Deserialize<'de> for Packages {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PackagesVisitor;

        impl<'de> Visitor<'de> for PackagesVisitor {
            type Value = Packages;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object mapping package names to coverage")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Packages, A::Error> {
                let mut packages: Vec<(String, Figures)> = Vec::new();
                let mut unknown = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    let FiguresValue(coverage, keys) = map.next_value::<FiguresValue>()?;
                    unknown.extend(keys.into_iter().map(|key| (packages.len(), key)));
                    packages.push((name, coverage));
                }
                // Names sorted once, rather than each compared with every one before it.
                let mut names: Vec<&str> = packages.iter().map(|(name, _)| name.as_str()).collect();
                crate::model::sort(&mut names);
                if let Some(pair) = names.windows(2).find(|pair| pair[0] == pair[1]) {
                    return Err(de::Error::custom(format_args!("package {:?} is listed twice", pair[0])));
                }
                Ok(Packages { figures: packages, unknown })
            }
        }

        deserializer.deserialize_map(PackagesVisitor)
    }
}

/// A percentage, counts, or `{"lines": …, "branches": …}`: each metric's percentage or counts.
/// With the keys it does not have, read past (`"brnaches"`), to be said.
struct FiguresValue(Figures, Vec<String>);

impl<'de> Deserialize<'de> for FiguresValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FiguresVisitor;

        impl<'de> Visitor<'de> for FiguresVisitor {
            type Value = FiguresValue;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"a percentage, {"covered": n, "total": n}, or figures per metric"#)
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<FiguresValue, E> {
                self.visit_f64(value as f64)
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<FiguresValue, E> {
                self.visit_f64(value as f64)
            }

            fn visit_f64<E: de::Error>(self, value: f64) -> Result<FiguresValue, E> {
                CoverageValue::percent(value).map(|c| FiguresValue(Figures::One(c.0), Vec::new()))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FiguresValue, A::Error> {
                let (mut covered, mut total) = (None, None);
                let mut metrics = Metrics::default();
                let mut any_metric = false;
                let mut unknown = Vec::new();
                while let Some(key) = map.next_key::<FieldName>()? {
                    match key.0.as_ref() {
                        "covered" => covered = Some(map.next_value::<u64>()?),
                        "total" => total = Some(map.next_value::<u64>()?),
                        name => match Metric::from_plural(name) {
                            Some(metric) => {
                                metrics.set(metric, map.next_value::<CoverageValue>()?.0);
                                any_metric = true;
                            }
                            None => skip(&mut map, &mut unknown, name)?,
                        },
                    }
                }
                match (covered, total, any_metric) {
                    (Some(covered), Some(total), false) => {
                        CoverageValue::counts(covered, total).map(|c| FiguresValue(Figures::One(c.0), unknown))
                    }
                    (None, None, true) => Ok(FiguresValue(Figures::PerMetric(metrics), unknown)),
                    (None, None, false) => Err(de::Error::custom(
                        "no figure: give covered and total, or lines, statements, branches or functions",
                    )),
                    (Some(_), None, false) => Err(de::Error::missing_field("total")),
                    (None, Some(_), false) => Err(de::Error::missing_field("covered")),
                    _ => Err(de::Error::custom(
                        "covered and total count the document's metric: give them or figures per metric, not both",
                    )),
                }
            }
        }

        deserializer.deserialize_any(FiguresVisitor)
    }
}

/// A key of an object (a package's figures, a snapshot, the document), borrowed from the input
/// where it can be (a history has one per metric per package per run).
struct FieldName<'de>(std::borrow::Cow<'de, str>);

impl<'de> Deserialize<'de> for FieldName<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor;

        impl<'de> Visitor<'de> for NameVisitor {
            type Value = FieldName<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_borrowed_str<E: de::Error>(self, name: &'de str) -> Result<FieldName<'de>, E> {
                Ok(FieldName(std::borrow::Cow::Borrowed(name)))
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<FieldName<'de>, E> {
                Ok(FieldName(std::borrow::Cow::Owned(name.to_owned())))
            }
        }

        deserializer.deserialize_str(NameVisitor)
    }
}

/// Either a percentage (`78.3`) or counts (`{"covered": 94, "total": 120}`).
struct CoverageValue(Coverage);

impl CoverageValue {
    fn percent<E: de::Error>(value: f64) -> Result<CoverageValue, E> {
        Percent::new(value)
            .map(|p| CoverageValue(Coverage::Percent(p)))
            .ok_or_else(|| E::custom(format_args!("a percentage must be between 0 and 100, found {}", shortest(value))))
    }

    fn counts<E: de::Error>(covered: u64, total: u64) -> Result<CoverageValue, E> {
        Counts::new(covered, total)
            .map(|c| CoverageValue(Coverage::Counts(c)))
            .ok_or_else(|| E::custom(format_args!("covered ({covered}) is more than total ({total})")))
    }
}

impl<'de> Deserialize<'de> for CoverageValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CoverageVisitor;

        impl<'de> Visitor<'de> for CoverageVisitor {
            type Value = CoverageValue;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"a percentage or {"covered": n, "total": n}"#)
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<CoverageValue, E> {
                CoverageValue::percent(value as f64)
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<CoverageValue, E> {
                CoverageValue::percent(value as f64)
            }

            fn visit_f64<E: de::Error>(self, value: f64) -> Result<CoverageValue, E> {
                CoverageValue::percent(value)
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<CoverageValue, A::Error> {
                #[derive(Deserialize)]
                struct CountsValue {
                    covered: u64,
                    total: u64,
                }
                let counts = CountsValue::deserialize(de::value::MapAccessDeserializer::new(map))?;
                CoverageValue::counts(counts.covered, counts.total)
            }
        }

        deserializer.deserialize_any(CoverageVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keys_told_apart_from_another_tools_are_the_documents() {
        // Every key listed is one the document reads: a value no key takes is refused under it.
        for key in KEYS {
            let error = parse(format!(r#"{{"{key}": [[[]]]}}"#).as_bytes()).map(|_| ()).unwrap_err();
            assert!(matches!(error.kind(), ErrorKind::InvalidValue { .. }), "{key}: {error}");
            assert!(error.to_string().contains(&format!(": {key}")), "{key}: {error}");
        }
        // And every key the document reads is listed: a field added to it fails to build here
        // until it is named, in the list's order.
        let named = |document: Document| {
            let Document {
                version: _,
                title: _,
                metric: _,
                target: _,
                goal: _,
                tiers: _,
                groups: _,
                session: _,
                source: _,
                exclude: _,
                include: _,
                snapshots: _,
                tests: _,
                unknown: _,
            } = document;
            13
        };
        assert_eq!(named(serde_json::from_str("{}").unwrap()), KEYS.len());
        // Each key a snapshot is said to have is read: a value of no kind it takes is refused
        // under its name, where a key not read would be said and read past.
        for key in SNAPSHOT_KEYS {
            let others = match key {
                "label" => r#""packages": {}"#,
                "packages" => r#""label": "a""#,
                _ => r#""label": "a", "packages": {}"#,
            };
            let document = format!(r#"{{"snapshots": [{{{others}, "{key}": [[[]]]}}]}}"#);
            let error = parse(document.as_bytes()).map(|_| ()).unwrap_err();
            assert!(!error.to_string().contains("duplicate"), "{key}: {error}");
            assert!(error.to_string().contains(&format!("snapshots[0].{key}")), "{key}: {error}");
        }
    }
}
