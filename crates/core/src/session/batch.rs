//! Files given together, parsed: coverage (one or several reports), a diff, and the sources
//! of the coverage's files; and how they combine into the report a `Combination` asks for.

use std::collections::HashSet;
use std::rc::Rc;

use super::combined::Combined;
use crate::analysis::{analyse_portfolio, repository_of, PortfolioOptions, STALE_AFTER_DAYS};
use crate::formats::{self, ErrorKind, Parsed};
use crate::model::{
    combine, same_run, suggest_reading, Diff, Part, Portfolio, Report, Settings, SourceFile, Sources, Timestamp,
};
use crate::present::{self, Overrides};
use covdash_protocol::wire::{BatchInfo, Combination, Failure, Input};

/// A file that was read and parsed.
#[derive(Debug, PartialEq)]
pub struct Loaded {
    /// The file name, as the user knows it.
    pub name: String,
    pub parsed: Parsed,
    /// When the file was last changed, as the browser reports it.
    pub modified: Option<Timestamp>,
}

/// Files given together (chosen or dropped at once) that could be read.
#[derive(Debug, PartialEq, Default)]
pub struct Batch {
    /// Shared, so that a diff given later joins the files shown without copying them.
    pub files: Rc<[Loaded]>,
    /// A diff given beside the coverage: the change whose coverage "This change" shows.
    pub change: Option<Change>,
    /// The sources of the report's files at hand: carried by the reports, or given beside
    /// them and matched to their paths.
    pub sources: Rc<Sources>,
    /// Files given that could not be read as coverage or a diff: sources to match once the
    /// coverage they go with is known.
    pub(super) given: Vec<Given>,
    /// The built-in sample, read from its own bytes: shown until the person gives data of
    /// their own, so nothing given alone (a diff, sources) joins it.
    pub(super) sample: bool,
    /// An organisation's repositories, when a portfolio (an index with its histories, or a
    /// built portfolio) was given: the batch is then the organisation, and `files` is empty.
    pub portfolio: Option<Rc<Portfolio>>,
    /// The moment staleness is judged at: the page's clock when the batch was loaded.
    pub now: Option<Timestamp>,
    /// What a portfolio was read from: `"covdash-portfolio.json and 7 files"`.
    pub(super) portfolio_from: String,
    /// The histories (or reports) of the portfolio's repositories that were given, by name:
    /// each repository's own dashboard.
    pub(super) repositories: Vec<(String, Loaded)>,
    /// The keys each index given has that an index does not, by the index's file name.
    pub(super) indexes_read_past: Vec<(String, Vec<formats::Diagnostic>)>,
    /// Coverage files given that hold the same run as another in another format, and were
    /// left out for it: the run is read once.
    pub(super) same_runs: Vec<SameRun>,
}

/// Coverage files that hold one run, in several formats (a tool's reporters side by side):
/// the one read and the others, left out.
#[derive(Debug, PartialEq)]
pub(super) struct SameRun {
    pub(super) read: String,
    pub(super) left_out: Vec<String>,
    /// How many formats the run was given in (fewer than its files where one is a copy).
    pub(super) formats: usize,
}

/// `files` with each run read once: of the files that hold the same run in different formats
/// ([`crate::model::same_run`]), the one that records the most metrics is kept (of those, the
/// format listed first in [`formats::Format::ALL`], whatever order they were given in: a
/// browser gives a folder's files in an order of its own), in the place of the first of them.
fn read_once(files: Vec<Loaded>) -> (Vec<Loaded>, Vec<SameRun>) {
    let mut groups: Vec<Vec<Loaded>> = Vec::new();
    for file in files {
        let same = groups.iter_mut().find(|group| {
            group.iter().all(|other| other.parsed.format != file.parsed.format)
                && same_run(&group[0].parsed.report, &file.parsed.report)
        });
        match same {
            Some(group) => group.push(file),
            None => groups.push(vec![file]),
        }
    }
    // A file left alone that holds the run of files read in several formats is a copy of one
    // of them (`lcov.info` and `lcov.info.gz` in one artifact): read once with them. Two files
    // of one format alone stay apart: the same figures at two moments, or two jobs' parts.
    let mut at = 0;
    while at < groups.len() {
        let alone = &groups[at];
        let joins = (alone.len() == 1)
            .then(|| groups.iter().position(|g| g.len() > 1 && same_run(&g[0].parsed.report, &alone[0].parsed.report)))
            .flatten();
        match joins {
            Some(to) => {
                let file = groups.remove(at).remove(0);
                groups[if to > at { to - 1 } else { to }].push(file);
            }
            None => at += 1,
        }
    }
    let mut read = Vec::with_capacity(groups.len());
    let mut same_runs = Vec::new();
    for mut group in groups {
        let rank = |file: &Loaded| {
            let listed = formats::Format::ALL.iter().position(|f| *f == file.parsed.format);
            (file.parsed.report.recorded_metrics().len(), std::cmp::Reverse(listed))
        };
        let richest =
            (1..group.len()).fold(0, |best, at| if rank(&group[at]) > rank(&group[best]) { at } else { best });
        let kept = group.remove(richest);
        if !group.is_empty() {
            let mut formats = vec![kept.parsed.format];
            for file in &group {
                if !formats.contains(&file.parsed.format) {
                    formats.push(file.parsed.format);
                }
            }
            let mut left_out: Vec<String> = group.into_iter().map(|f| f.name).collect();
            crate::model::sort(&mut left_out);
            same_runs.push(SameRun { read: kept.name.clone(), left_out, formats: formats.len() });
        }
        read.push(kept);
    }
    (read, same_runs)
}

/// A file given that could not be read as coverage or a diff.
#[derive(Debug, PartialEq)]
pub(super) struct Given {
    /// Its text; `None` for a binary file.
    pub(super) text: Option<SourceFile>,
    /// Why it could not be read as coverage.
    pub(super) failure: Failure,
    /// It looked like a coverage file (its format was recognised) and broke: unless it is the
    /// source of one of the report's files (a `.json` or `.xml` source), the reason is shown.
    pub(super) broken: bool,
    /// It came in a folder ([`Input::in_folder`]).
    pub(super) in_folder: bool,
}

/// A diff that was read, and its file's name.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The diff's file name.
    pub name: String,
    pub parsed: formats::ParsedDiff,
    pub diff: Rc<Diff>,
}

impl Batch {
    pub fn one(loaded: Loaded) -> Batch {
        Batch::of(vec![loaded], None, Vec::new()).0
    }

    /// The batch of `files` and `change`, with `given` matched as their sources; a given file
    /// that matches none of the files is a failure (it is neither coverage nor a source).
    fn of(files: Vec<Loaded>, change: Option<Change>, given: Vec<Given>) -> (Batch, Vec<Failure>) {
        let embedded = Sources::embedded(files.iter().flat_map(|f| f.parsed.sources.iter().cloned()).collect());
        let (files, same_runs) = read_once(files);
        let files: Rc<[Loaded]> = files.into();
        let batch = Batch { files, change, sources: Rc::new(embedded), given, same_runs, ..Batch::default() };
        batch.with_given(&Sources::default())
    }

    /// Why each file given that is neither coverage nor a diff could not be read as coverage:
    /// the batch's failures where it has no coverage for them to be the sources of.
    pub fn given_failures(&self) -> impl Iterator<Item = &Failure> {
        self.given.iter().map(|given| &given.failure)
    }

    /// Every path of the report's files, in every snapshot of every file.
    fn report_paths(&self) -> impl Iterator<Item = &str> {
        self.files.iter().flat_map(|f| f.parsed.report.file_paths())
    }

    /// This batch with its given files matched as sources, over `earlier` ones, which it
    /// keeps whatever is given. Where none of the given files matches a file of the coverage,
    /// they were not meant as sources: each is a failure, with why it is no coverage file, but
    /// for those that came in a folder, which holds more than coverage and its sources. Where
    /// some do (a folder of sources), those that match nothing are only counted. A coverage
    /// file that broke is a failure wherever it came from. Without coverage, the given files
    /// wait.
    pub(super) fn with_given(mut self, earlier: &Sources) -> (Batch, Vec<Failure>) {
        let mut failures = Vec::new();
        let mut sources = (*self.sources).clone();
        if !self.files.is_empty() && !self.given.is_empty() {
            let given = std::mem::take(&mut self.given);
            let texts = given.iter().filter_map(|g| g.text.clone()).collect();
            let mut matched = Sources::matched(texts, self.report_paths());
            let none_matched = matched.n_matched() == 0;
            let mut binary = Vec::new();
            for Given { text, failure, broken, in_folder } in given {
                let unmatched = text.as_ref().is_none_or(|t| matched.is_unmatched(&t.path));
                if unmatched && (broken || (none_matched && !in_folder)) {
                    matched.forget(&failure.file);
                    failures.push(failure);
                } else if text.is_none() {
                    binary.push(failure.file);
                }
            }
            sources = sources.and(&matched.with_unmatched(binary));
        }
        if !earlier.is_empty() {
            sources = sources.and(earlier);
        }
        self.sources = Rc::new(sources);
        (self, failures)
    }

    /// Each input parsed (a diff as the change, the rest as coverage or test results, and
    /// what is none of these as a source of the coverage's files); those that cannot be used
    /// are reasons.
    pub fn parse(inputs: Vec<Input>) -> (Batch, Vec<Failure>) {
        let sample = matches!(&inputs[..], [only] if only.bytes == crate::sample::JSON);
        let (mut files, mut failures) = (Vec::new(), Vec::new());
        let mut given = Vec::new();
        let mut change: Option<Change> = None;
        let mut portfolios = Vec::new();
        for input in inputs {
            if formats::is_portfolio(&input.bytes) {
                match formats::read_portfolio(&input.bytes) {
                    Ok(read) => portfolios.push((input.name, read)),
                    Err(error) => failures.push(Failure { file: input.name, problem: error.to_string() }),
                }
                continue;
            }
            if formats::is_diff(&input.bytes[..input.bytes.len().min(4096)]) {
                match formats::parse_diff(&input.bytes) {
                    Ok(parsed) if change.is_none() => {
                        let diff = Rc::new(parsed.diff.clone());
                        change = Some(Change { name: input.name, parsed, diff });
                    }
                    Ok(_) => failures.push(Failure {
                        file: input.name,
                        problem: "one diff at a time: this one was left out".to_owned(),
                    }),
                    Err(error) => failures.push(Failure { file: input.name, problem: error.to_string() }),
                }
                continue;
            }
            match formats::parse(&input.bytes) {
                Ok(parsed) => files.push(Loaded { name: input.name, parsed, modified: input.modified }),
                Err(error) => {
                    let failure = Failure { file: input.name, problem: error.to_string() };
                    // A file no coverage tool wrote (or one that only looks like JSON or XML) may
                    // be the source of one the report names.
                    let broken = !matches!(error.kind(), ErrorKind::UnknownFormat { .. } | ErrorKind::Empty);
                    let text = SourceFile::of_bytes(failure.file.clone(), &input.bytes);
                    given.push(Given { text, failure, broken, in_folder: input.in_folder });
                }
            }
        }
        // Histories given together, with no index: each a repository of one organisation.
        if portfolios.is_empty() && change.is_none() && given.is_empty() && are_histories(&files) {
            portfolios.push((String::new(), formats::PortfolioFile::Built(Portfolio::default())));
        }
        if !portfolios.is_empty() {
            let mut from: Vec<String> =
                portfolios.iter().map(|(name, _)| name.clone()).filter(|n| !n.is_empty()).collect();
            if !files.is_empty() {
                from.push(covdash_protocol::format::count_of(files.len() as u64, "file"));
            }
            let indexes_read_past = portfolios
                .iter()
                .filter_map(|(name, read)| match read {
                    formats::PortfolioFile::Index(index) if !index.diagnostics.is_empty() => {
                        Some((name.clone(), index.diagnostics.clone()))
                    }
                    _ => None,
                })
                .collect();
            let (portfolio, repositories) = gather(portfolios, files, &mut failures);
            let batch = Batch {
                files: Rc::from([]),
                change: None,
                sources: Rc::default(),
                given: Vec::new(),
                sample: false,
                portfolio: (!portfolio.repositories.is_empty()).then(|| Rc::new(portfolio)),
                now: None,
                portfolio_from: from.join(" and "),
                repositories,
                indexes_read_past,
                same_runs: Vec::new(),
            };
            return (batch, failures);
        }
        let (batch, unmatched) = Batch::of(files, change, given);
        failures.extend(unmatched);
        (Batch { sample, ..batch }, failures)
    }

    /// The inputs, for [`crate::model::combine`].
    pub fn parts(&self) -> Vec<Part<'_>> {
        parts_of(&self.files)
    }

    /// The settings the data came with: the last file's own, or the defaults.
    pub fn settings(&self) -> Settings {
        self.files.iter().rev().find_map(|f| f.parsed.settings.clone()).unwrap_or_default()
    }

    /// The files' names, joined, the diff's last.
    pub fn names(&self) -> String {
        if self.portfolio.is_some() {
            return self.portfolio_from.clone();
        }
        let names = self.files.iter().map(|f| f.name.as_str()).chain(self.change.as_ref().map(|c| c.name.as_str()));
        names.collect::<Vec<_>>().join(", ")
    }

    /// What the page says about the batch before anything is combined.
    pub fn info(&self) -> BatchInfo {
        let files: Vec<(&str, &Parsed)> = self.files.iter().map(|f| (f.name.as_str(), &f.parsed)).collect();
        // An organisation's: its indexes' and its histories'.
        let indexes = self.indexes_read_past.iter();
        let indexes = indexes.map(|(name, d)| (name.as_str(), d.len() as u64, d.as_slice(), present::Skipped::Keys));
        let histories = self.repositories.iter().map(|(_, f)| (f.name.as_str(), &f.parsed));
        let histories = histories
            .map(|(name, p)| (name, p.n_diagnostics, p.diagnostics.as_slice(), present::Skipped::of(p.format)));
        let problems = match self.portfolio {
            Some(_) => present::problems_of(indexes.chain(histories)),
            None => present::problems(&files, self.change.as_ref().map(|c| (c.name.as_str(), &c.parsed))),
        };
        BatchInfo {
            n_files: self.files.len(),
            n_coverage_files: crate::model::coverage_parts(&self.parts()),
            reading: suggest_reading(&self.parts()),
            problems,
            settings: present::fragment(&Overrides::of(&self.settings())),
            joined: false,
            sources: present::sources_text(&self.sources),
            read_once: present::read_once(
                self.same_runs.iter().map(|s| (s.read.as_str(), s.left_out.as_slice(), s.formats)),
            ),
        }
    }

    /// The batch read as `how` says, with the person's settings and labels applied.
    pub fn combine(&self, how: &Combination) -> Combined {
        let overrides = &how.overrides;
        let repository = how.repository.as_ref().and_then(|name| self.repositories.iter().find(|(n, _)| n == name));
        if let Some((name, loaded)) = repository {
            // One repository of the organisation: its history, as if it were given alone.
            let file_settings = loaded.parsed.settings.clone().unwrap_or_default();
            let mut combined = combine_files(std::slice::from_ref(loaded), None, &file_settings, how);
            combined.report.title = combined.report.title.or_else(|| Some(name.clone()));
            combined.names = loaded.name.clone();
            return combined;
        }
        if let Some(portfolio) = &self.portfolio {
            let settings = overrides.apply(&Settings::default());
            let target = overrides.target.map(|t| t.value()).or(portfolio.target).unwrap_or(settings.target.value());
            // Without a clock (the command line's tests), staleness is judged at the latest run.
            let latest = portfolio.repositories.iter().filter_map(|r| r.last_time).max();
            let options = PortfolioOptions {
                metric: overrides.metric.unwrap_or_else(|| portfolio.usual_metric()),
                target,
                window: crate::analysis::Window::Days(7),
                stale_after_days: portfolio.stale_after_days.unwrap_or(STALE_AFTER_DAYS),
                now: self.now.or(latest).unwrap_or(Timestamp::from_unix_seconds(0)),
            };
            let analysis = analyse_portfolio(portfolio, &options, &settings);
            let settings =
                Settings { target: crate::model::Percent::new(target).unwrap_or(settings.target), ..settings };
            let report = Report::empty(options.metric);
            let openable = self.repositories.iter().map(|(name, _)| name.clone()).collect();
            let portfolio = Some(Rc::new(analysis));
            return Combined { report, settings, names: self.names(), refs: Vec::new(), portfolio, openable };
        }
        let change = self.change.as_ref().map(|c| c.diff.clone());
        Combined { names: self.names(), ..combine_files(&self.files, change, &self.settings(), how) }
    }
}

/// The repositories of the portfolio files given, an index's histories found among the
/// coverage files given with it (by the longest common ending of their paths), and any other
/// coverage file given a repository of its own (named by its title, else its file).
fn gather(
    portfolios: Vec<(String, formats::PortfolioFile)>,
    files: Vec<Loaded>,
    failures: &mut Vec<Failure>,
) -> (Portfolio, Vec<(String, Loaded)>) {
    let mut portfolio = Portfolio::default();
    let mut given = Vec::new();
    let mut files: Vec<Option<Loaded>> = files.into_iter().map(Some).collect();
    for (name, read) in portfolios {
        let part = match read {
            formats::PortfolioFile::Built(built) => built,
            formats::PortfolioFile::Index(index) => {
                let mut repositories = Vec::new();
                for entry in index.entries {
                    let names: Vec<&str> = files.iter().map(|f| f.as_ref().map_or("", |f| f.name.as_str())).collect();
                    match best_match(&entry.source, &names) {
                        Some(at) => {
                            if let Some(loaded) = files[at].take() {
                                let report = &loaded.parsed.report;
                                repositories.push(repository_of(entry.name.clone(), entry.team, entry.tags, report));
                                given.push((entry.name, loaded));
                            }
                        }
                        None => failures.push(Failure {
                            file: name.clone(),
                            problem: format!(
                                "repository “{}”: {} was not given; give the index with its histories, or the portfolio covdash portfolio build writes from it",
                                entry.name, entry.source
                            ),
                        }),
                    }
                }
                Portfolio { repositories, ..index.portfolio }
            }
        };
        portfolio.absorb(part);
    }
    for loaded in files.into_iter().flatten() {
        let stem = loaded.name.rsplit('/').next().unwrap_or(&loaded.name);
        let stem = stem.split('.').next().unwrap_or(stem).to_owned();
        let name = loaded.parsed.report.title.clone().filter(|t| !t.trim().is_empty()).unwrap_or(stem);
        if portfolio.repositories.iter().any(|r| r.name == name) {
            failures
                .push(Failure { file: loaded.name, problem: format!("a repository is named “{name}” already") });
            continue;
        }
        portfolio.repositories.push(repository_of(name.clone(), None, Vec::new(), &loaded.parsed.report));
        given.push((name, loaded));
    }
    (portfolio, given)
}

/// Whether `files` are histories of several repositories: two or more covdash JSON files,
/// each with its commits recorded (as `covdash record` writes them), of different projects
/// (no commit shared).
fn are_histories(files: &[Loaded]) -> bool {
    fn commits(f: &Loaded) -> Option<HashSet<&str>> {
        let is_history = f.parsed.format == formats::Format::CovdashJson
            && f.parsed.report.snapshots.iter().all(|s| s.revision.commit.is_some());
        is_history.then(|| f.parsed.report.snapshots.iter().filter_map(|s| s.revision.commit.as_deref()).collect())
    }
    let Some(all) = files.iter().map(commits).collect::<Option<Vec<_>>>() else { return false };
    files.len() >= 2
        && all.iter().all(|c| !c.is_empty())
        && all.iter().enumerate().all(|(i, a)| all[i + 1..].iter().all(|b| a.is_disjoint(b)))
}

/// `files` read as `how` says, with the person's settings over `file_settings` and their
/// labels applied, `change` the diff they measured.
fn combine_files(files: &[Loaded], change: Option<Rc<Diff>>, file_settings: &Settings, how: &Combination) -> Combined {
    let overrides = &how.overrides;
    let mut report = combine(&parts_of(files), how.reading);
    present::apply_metric(overrides, &mut report);
    let refs = present::apply_ref(overrides, &mut report);
    for (index, label) in &how.labels {
        if let Some(snapshot) = report.snapshots.get_mut(*index) {
            snapshot.label = label.clone();
        }
    }
    report.change = change;
    let settings = overrides.apply(file_settings);
    report.keep_paths(&settings.paths);
    Combined { settings, report, names: String::new(), refs, portfolio: None, openable: Vec::new() }
}

/// `files` as the inputs of [`crate::model::combine`].
fn parts_of(files: &[Loaded]) -> Vec<Part<'_>> {
    files.iter().map(|f| Part { name: &f.name, report: &f.parsed.report, modified: f.modified }).collect()
}

/// The name among `names` that ends most like `source`, by whole path components; at least
/// the file's name must agree.
fn best_match(source: &str, names: &[&str]) -> Option<usize> {
    let parts: Vec<&str> = source.trim_start_matches("./").split('/').filter(|p| !p.is_empty()).collect();
    let common = |name: &str| parts.iter().rev().zip(name.split('/').rev()).take_while(|(a, b)| **a == *b).count();
    let (at, n) = names
        .iter()
        .enumerate()
        .map(|(at, name)| (at, common(name)))
        .max_by_key(|(at, n)| (*n, std::cmp::Reverse(*at)))?;
    (n > 0).then_some(at)
}
