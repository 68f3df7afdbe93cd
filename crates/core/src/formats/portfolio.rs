//! The portfolio's two files (`docs/portfolio.md`, `docs/portfolio.schema.json`): the index a
//! person writes (`covdash-portfolio.json`: each repository's name, history or report, team and
//! tags) and the built portfolio `covdash portfolio build` writes from it (each repository's
//! latest figures and a short trend, so that a page reads one file, not thousands).
//!
//! Both are JSON read into typed structs; a wrong value is a fatal error naming its JSON path,
//! line and column. A key an index does not have is read past and said, where it first is (a
//! person writes the index: `"teem"` would leave a repository out of its team without a word);
//! a built portfolio's are read past in silence (covdash wrote it, perhaps a later one).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::json;
use super::json_path::{self, PathPart};
use super::{Diagnostic, ErrorKind, ParseError};
use crate::model::{Counts, Coverage, Metric, Metrics, Percent, Portfolio, Repository, Timestamp, TrendPoint};
use covdash_protocol::decimal::shortest;
use covdash_protocol::format::format_count;

/// The built portfolio's version, the one covdash writes and reads.
pub const PORTFOLIO_VERSION: u64 = 1;

/// What a portfolio file holds.
#[derive(Debug, Clone, PartialEq)]
pub enum PortfolioFile {
    /// An index: the repositories, each to be read from its history or report.
    Index(Index),
    /// A built portfolio: everything already read.
    Built(Portfolio),
}

/// An index as written: where each repository's history is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Index {
    /// Its title, metric, target, staleness and teams; no repository yet.
    pub portfolio: Portfolio,
    pub entries: Vec<IndexEntry>,
    /// The keys it has that an index does not, each once, where it first is: read past.
    pub diagnostics: Vec<Diagnostic>,
}

/// One repository of an index.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexEntry {
    pub name: String,
    /// A path (relative to the index) or an address: a history (`covdash record`) or a single
    /// report in any format covdash reads.
    pub source: String,
    pub team: Option<String>,
    pub tags: Vec<String>,
}

/// Whether `bytes` look like a portfolio file: JSON whose top level has `covdash_portfolio`
/// or `repositories` (a covdash JSON history has neither). Coverage in JSON (an Istanbul file
/// of 50 MB) is told apart by a search for the two names, not by reading it twice.
pub fn is_portfolio(bytes: &[u8]) -> bool {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF);
    if start.is_none_or(|at| bytes[at] != b'{') {
        return false;
    }
    let named = |name: &[u8]| memchr::memmem::find(bytes, name).is_some();
    if !named(b"\"covdash_portfolio\"") && !named(b"\"repositories\"") {
        return false;
    }
    #[derive(Deserialize)]
    struct Sniff {
        covdash_portfolio: Option<serde::de::IgnoredAny>,
        repositories: Option<serde::de::IgnoredAny>,
    }
    serde_json::from_slice::<Sniff>(bytes).is_ok_and(|s| s.covdash_portfolio.is_some() || s.repositories.is_some())
}

/// Reads an index or a built portfolio.
pub fn read_portfolio(bytes: &[u8]) -> Result<PortfolioFile, ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let document: Document = json::read(bytes)?;
    let invalid = |path: String, message: String| ParseError::new(ErrorKind::InvalidValue { path, message }, None);
    if let Some(version) = document.covdash_portfolio {
        if version > PORTFOLIO_VERSION {
            return Err(ParseError::new(
                ErrorKind::UnsupportedVersion { found: version, supported: PORTFOLIO_VERSION },
                None,
            ));
        }
    }
    let target = match document.target {
        Some(t) if !(0.0..=100.0).contains(&t) => {
            return Err(invalid("target".to_owned(), format!("{} is not a percentage from 0 to 100", shortest(t))));
        }
        t => t,
    };
    let mut portfolio = Portfolio {
        title: document.title,
        metric: document.metric.map(|m| m.0),
        target,
        stale_after_days: document.stale_after_days,
        teams: document.teams.into_iter().collect(),
        repositories: Vec::new(),
    };
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (at, entry) in document.repositories.iter().enumerate() {
        let name = entry.name.trim();
        if name.is_empty() {
            return Err(invalid(format!("repositories[{at}].name"), "a repository needs a name".to_owned()));
        }
        if let Some(first) = seen.insert(name, at) {
            return Err(invalid(
                format!("repositories[{at}].name"),
                format!("“{name}” names repositories[{first}] already: each repository needs its own name"),
            ));
        }
    }
    if document.covdash_portfolio.is_some() {
        portfolio.repositories = document.repositories.into_iter().map(BuiltEntry::into_repository).collect();
        return Ok(PortfolioFile::Built(portfolio));
    }
    let mut entries = Vec::with_capacity(document.repositories.len());
    for (at, entry) in document.repositories.into_iter().enumerate() {
        let source = match (entry.history, entry.report) {
            (Some(source), None) | (None, Some(source)) if !source.trim().is_empty() => source,
            (Some(_), Some(_)) => {
                return Err(invalid(format!("repositories[{at}]"), "give a history or a report, not both".to_owned()))
            }
            _ => {
                return Err(invalid(
                    format!("repositories[{at}]"),
                    "no \"history\" (or \"report\"): where is this repository's coverage?".to_owned(),
                ))
            }
        };
        entries.push(IndexEntry { name: entry.name.trim().to_owned(), source, team: entry.team, tags: entry.tags });
    }
    Ok(PortfolioFile::Index(Index { portfolio, entries, diagnostics: ignored_keys(bytes) }))
}

/// An index's keys, as [`Document`] reads them.
const INDEX_KEYS: [&str; 6] = ["title", "metric", "target", "stale_after_days", "teams", "repositories"];

/// A repository's keys in an index, as [`Entry`] reads them (the others are a built portfolio's).
const REPOSITORY_KEYS: [&str; 5] = ["name", "history", "report", "team", "tags"];

/// Where a key an index does not have was found.
#[derive(PartialEq)]
enum Among {
    Index,
    Repository,
}

/// The keys of the index in `bytes` (read already) that an index does not have, said once a
/// key and place ([`json::Unread`]).
fn ignored_keys(bytes: &[u8]) -> Vec<Diagnostic> {
    let mut unread = json::Unread::new();
    for (path, key) in json_path::keys(bytes, 2) {
        match path.as_slice() {
            [] if !INDEX_KEYS.contains(&key.as_str()) => unread.note(Among::Index, &key, Vec::new),
            [PathPart::Key(list), PathPart::Index(_)]
                if list == "repositories" && !REPOSITORY_KEYS.contains(&key.as_str()) =>
            {
                unread.note(Among::Repository, &key, || path.clone())
            }
            _ => {}
        }
    }
    unread.said(bytes, |among, key, n| match among {
        Among::Index => {
            format!("{key:?} is not a key of a portfolio's index (it has {}): ignored", INDEX_KEYS.join(", "))
        }
        Among::Repository => format!(
            "{key:?}, in {}, is not a key of an index's repository (it has {}): ignored",
            if n == 1 { "a repository".to_owned() } else { format!("{} repositories", format_count(n)) },
            REPOSITORY_KEYS.join(", ")
        ),
    })
}

#[derive(Deserialize)]
struct Document {
    covdash_portfolio: Option<u64>,
    title: Option<String>,
    metric: Option<MetricName>,
    target: Option<f64>,
    stale_after_days: Option<u32>,
    #[serde(default)]
    teams: BTreeMap<String, Vec<String>>,
    repositories: Vec<Entry>,
}

/// A repository as either file gives it: an index's `history`/`report`, a built file's figures.
#[derive(Deserialize)]
struct Entry {
    name: String,
    team: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    history: Option<String>,
    report: Option<String>,
    #[serde(default)]
    snapshots: usize,
    time: Option<TimeText>,
    commit: Option<String>,
    #[serde(rename = "ref")]
    git_ref: Option<String>,
    #[serde(default)]
    latest: FiguresJson,
    #[serde(default)]
    trend: TrendJson,
    #[serde(default)]
    packages: BTreeMap<String, FiguresJson>,
}

type BuiltEntry = Entry;

impl Entry {
    fn into_repository(self) -> Repository {
        Repository {
            name: self.name.trim().to_owned(),
            team: self.team,
            tags: self.tags,
            latest: self.latest.metrics(),
            last_time: self.time.map(|t| t.0),
            commit: self.commit,
            git_ref: self.git_ref,
            snapshots: self.snapshots,
            trend: self.trend.points(),
            packages: self.packages.into_iter().map(|(name, figures)| (name, figures.metrics())).collect(),
            history: self.history.or(self.report),
        }
    }
}

/// A repository's trend by columns: `{"time": [unix seconds…], "lines": [[covered, total]…],
/// "branches": […]}`, each metric's column as long as `time` (`null` where a point has no
/// figure for it). A third of the bytes of a point per row.
#[derive(Deserialize, Serialize, Default)]
struct TrendJson {
    time: Vec<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    lines: Vec<Option<FigureJson>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    statements: Vec<Option<FigureJson>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    branches: Vec<Option<FigureJson>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    functions: Vec<Option<FigureJson>>,
}

impl TrendJson {
    fn column(&self, metric: Metric) -> &[Option<FigureJson>] {
        match metric {
            Metric::Lines => &self.lines,
            Metric::Statements => &self.statements,
            Metric::Branches => &self.branches,
            Metric::Functions => &self.functions,
        }
    }

    fn of(points: &[TrendPoint]) -> TrendJson {
        let column = |metric: Metric| -> Vec<Option<FigureJson>> {
            let figures: Vec<Option<FigureJson>> =
                points.iter().map(|p| FigureJson::of(p.figures.get(metric))).collect();
            if figures.iter().all(Option::is_none) {
                Vec::new()
            } else {
                figures
            }
        };
        TrendJson {
            time: points.iter().map(|p| p.time.unix_seconds()).collect(),
            lines: column(Metric::Lines),
            statements: column(Metric::Statements),
            branches: column(Metric::Branches),
            functions: column(Metric::Functions),
        }
    }

    /// The points; a column shorter than `time` lacks figures for the points past its end.
    fn points(&self) -> Vec<TrendPoint> {
        (0..self.time.len())
            .map(|at| {
                let mut figures = Metrics::default();
                for metric in Metric::ALL {
                    if let Some(coverage) =
                        self.column(metric).get(at).copied().flatten().and_then(FigureJson::coverage)
                    {
                        figures.set(metric, coverage);
                    }
                }
                TrendPoint { time: Timestamp::from_unix_seconds(self.time[at]), figures }
            })
            .collect()
    }
}

/// A metric by its name (`"lines"`).
struct MetricName(Metric);

impl<'de> Deserialize<'de> for MetricName {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<MetricName, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Metric::ALL.into_iter().find(|m| m.plural() == text).map(MetricName).ok_or_else(|| {
            serde::de::Error::custom(format!("“{text}” is not a metric (lines, statements, branches, functions)"))
        })
    }
}

/// An RFC 3339 time, or a local one without a zone as a history may hold.
struct TimeText(Timestamp);

impl<'de> Deserialize<'de> for TimeText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<TimeText, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Timestamp::parse_zoneless(&text).map(TimeText).map_err(serde::de::Error::custom)
    }
}

/// Figures per metric: `{"lines": [covered, total], "statements": 81.5}` (a percentage where
/// only one was kept).
#[derive(Deserialize, Serialize, Default)]
struct FiguresJson(BTreeMap<String, FigureJson>);

#[derive(Deserialize, Serialize, Clone, Copy)]
#[serde(untagged)]
enum FigureJson {
    Counts([u64; 2]),
    Percent(f64),
}

impl FigureJson {
    fn of(coverage: Option<Coverage>) -> Option<FigureJson> {
        match coverage? {
            Coverage::Counts(c) => Some(FigureJson::Counts([c.covered(), c.total()])),
            Coverage::Percent(p) => Some(FigureJson::Percent(p.value())),
        }
    }

    /// `None` for a figure that makes no sense (covered above total, a percentage out of range).
    fn coverage(self) -> Option<Coverage> {
        match self {
            FigureJson::Counts([covered, total]) => Counts::new(covered, total).map(Coverage::Counts),
            FigureJson::Percent(p) => Percent::new(p).map(Coverage::Percent),
        }
    }
}

impl FiguresJson {
    fn of(metrics: &Metrics) -> FiguresJson {
        let figures = Metric::ALL
            .into_iter()
            .filter_map(|metric| Some((metric.plural().to_owned(), FigureJson::of(metrics.get(metric))?)))
            .collect();
        FiguresJson(figures)
    }

    /// Figures that make no sense (covered above total, a percentage out of range) are read
    /// as missing.
    fn metrics(&self) -> Metrics {
        let mut metrics = Metrics::default();
        for metric in Metric::ALL {
            if let Some(coverage) = self.0.get(metric.plural()).copied().and_then(FigureJson::coverage) {
                metrics.set(metric, coverage);
            }
        }
        metrics
    }
}

/// The built portfolio as covdash writes it: the index's settings, then one repository per
/// line, in the index's order, so that two builds of the same histories are the same bytes and
/// a change to one repository is one line of a diff.
pub fn write_portfolio(portfolio: &Portfolio) -> String {
    #[derive(Serialize)]
    struct Head<'a> {
        covdash_portfolio: u64,
        #[serde(skip_serializing_if = "Option::is_none")]
        title: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        metric: Option<&'static str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        target: Option<f64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        stale_after_days: Option<u32>,
        #[serde(skip_serializing_if = "BTreeMap::is_empty")]
        teams: BTreeMap<&'a str, &'a [String]>,
    }
    #[derive(Serialize)]
    struct Line<'a> {
        name: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        team: Option<&'a str>,
        #[serde(skip_serializing_if = "<[String]>::is_empty")]
        tags: &'a [String],
        snapshots: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        time: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        commit: Option<&'a str>,
        #[serde(rename = "ref", skip_serializing_if = "Option::is_none")]
        git_ref: Option<&'a str>,
        latest: FiguresJson,
        trend: TrendJson,
        #[serde(skip_serializing_if = "BTreeMap::is_empty")]
        packages: BTreeMap<&'a str, FiguresJson>,
        #[serde(skip_serializing_if = "Option::is_none")]
        history: Option<&'a str>,
    }
    let head = Head {
        covdash_portfolio: PORTFOLIO_VERSION,
        title: portfolio.title.as_deref(),
        metric: portfolio.metric.map(Metric::plural),
        target: portfolio.target,
        stale_after_days: portfolio.stale_after_days,
        teams: portfolio.teams.iter().map(|(team, globs)| (team.as_str(), globs.as_slice())).collect(),
    };
    // The head's fields, then the repositories, by hand: serde_json writes either one line or
    // one line per value.
    let head = serde_json::to_string(&head).unwrap_or_default();
    let mut out = String::with_capacity(256 + portfolio.repositories.len() * 512);
    out.push_str(&head[..head.len() - 1]);
    out.push_str(",\"repositories\":[");
    for (at, repository) in portfolio.repositories.iter().enumerate() {
        let line = Line {
            name: &repository.name,
            team: repository.team.as_deref(),
            tags: &repository.tags,
            snapshots: repository.snapshots,
            time: repository.last_time.map(|t| t.to_string()),
            commit: repository.commit.as_deref(),
            git_ref: repository.git_ref.as_deref(),
            latest: FiguresJson::of(&repository.latest),
            trend: TrendJson::of(&repository.trend),
            packages: repository
                .packages
                .iter()
                .map(|(name, figures)| (name.as_str(), FiguresJson::of(figures)))
                .collect(),
            history: repository.history.as_deref(),
        };
        let _ = write!(out, "{}\n{}", if at == 0 { "" } else { "," }, serde_json::to_string(&line).unwrap_or_default());
    }
    out.push_str("\n]}\n");
    out
}
