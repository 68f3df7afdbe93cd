//! `covdash portfolio`, `portfolio build` and `check --portfolio`: many repositories read
//! together (docs/portfolio.md). An index names each repository's history (or report), read
//! here as every command reads coverage; a built portfolio is read as it is; a history or
//! report given on its own is a repository named by its title, else its file.

use std::path::{Path, PathBuf};

use crate::args::{PortfolioFormat, PortfolioViewArgs};
use crate::cli::{Done, Fatal};
use crate::input::{read_combined, warn};
use covdash::analysis::{analyse_portfolio, repository_of, PortfolioAnalysis, PortfolioOptions, STALE_AFTER_DAYS};
use covdash::formats::{is_portfolio, read_portfolio, write_portfolio, PortfolioFile};
use covdash::model::{Percent, Portfolio, Settings, Timestamp};
use covdash::present::{self, Overrides};

/// Every file given, read into one portfolio: the repositories in the order given, the
/// settings of the first index or built portfolio that has them.
pub(crate) fn read_all(paths: &[String]) -> Result<Portfolio, Fatal> {
    let mut portfolio = Portfolio::default();
    let shown = |path: &str| present::terminal(path).into_owned();
    for path in paths {
        let bytes = std::fs::read(path).map_err(|e| Fatal(format!("{}: {e}", shown(path))))?;
        if !is_portfolio(&bytes) {
            let name = repository_name(path);
            let combined = read_combined(std::slice::from_ref(path), None, &Overrides::default())?;
            let name = combined.report.title.clone().filter(|t| !t.trim().is_empty()).unwrap_or(name);
            let mut repository = repository_of(name, None, Vec::new(), &combined.report);
            repository.history = Some(path.clone());
            portfolio.repositories.push(repository);
            continue;
        }
        let file = read_portfolio(&bytes).map_err(|e| Fatal(format!("{}: {e}", shown(path))))?;
        let part = match file {
            PortfolioFile::Built(built) => built,
            PortfolioFile::Index(index) => {
                warn(path, index.diagnostics.len() as u64, &index.diagnostics, present::Skipped::Keys);
                let folder = Path::new(path).parent().map(Path::to_path_buf).unwrap_or_default();
                let mut repositories = Vec::with_capacity(index.entries.len());
                for entry in index.entries {
                    let source = resolve(&folder, &entry.source).map_err(|problem| {
                        Fatal(format!("{}: repository “{}”: {problem}", shown(path), shown(&entry.name)))
                    })?;
                    let combined = read_combined(std::slice::from_ref(&source), None, &Overrides::default()).map_err(
                        |Fatal(problem)| {
                            Fatal(format!("{}: repository “{}”: {problem}", shown(path), shown(&entry.name)))
                        },
                    )?;
                    let mut repository = repository_of(entry.name, entry.team, entry.tags, &combined.report);
                    repository.history = Some(source);
                    repositories.push(repository);
                }
                Portfolio { repositories, ..index.portfolio }
            }
        };
        portfolio.absorb(part);
    }
    let mut names: Vec<&str> = portfolio.repositories.iter().map(|r| r.name.as_str()).collect();
    covdash::model::sort(&mut names);
    if let Some(twice) = names.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(Fatal(format!(
            "two repositories are named “{}”: name them apart in the index (or give each history a title)",
            shown(twice[0])
        )));
    }
    Ok(portfolio)
}

/// A repository's name from its file: the file's name without its extensions, or, for a name
/// any repository's history could have (`coverage-history.json`, `lcov.info`), its folder's.
fn repository_name(path: &str) -> String {
    let path = Path::new(path);
    let stem = path.file_name().and_then(|n| n.to_str()).map(|n| n.split('.').next().unwrap_or(n)).unwrap_or("");
    const GENERIC: [&str; 8] =
        ["coverage", "coverage-history", "history", "lcov", "cobertura", "covdash", "report", "coverage-final"];
    let folder = path.parent().and_then(Path::file_name).and_then(|n| n.to_str());
    match folder {
        Some(folder) if GENERIC.contains(&stem) || stem.is_empty() => folder.to_owned(),
        _ => stem.to_owned(),
    }
}

/// An index entry's source as a path: relative to the index's folder. Addresses are the
/// page's to fetch.
fn resolve(folder: &Path, source: &str) -> Result<String, String> {
    if source.contains("://") {
        return Err(format!(
            "{}: an address; the command line reads files (download it first, or build the portfolio where the histories are)",
            present::terminal(source)
        ));
    }
    let path = PathBuf::from(source);
    let path = if path.is_absolute() { path } else { folder.join(path) };
    Ok(path.to_string_lossy().into_owned())
}

/// `target`'s path from the folder `from`, `/`-separated (`../histories/a.json`); `None` when
/// either cannot be found.
fn relative(target: &Path, from: &Path) -> Option<String> {
    let from = if from.as_os_str().is_empty() { Path::new(".") } else { from };
    let (target, from) = (target.canonicalize().ok()?, from.canonicalize().ok()?);
    let (to, base): (Vec<_>, Vec<_>) = (target.components().collect(), from.components().collect());
    let common = to.iter().zip(&base).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); base.len() - common];
    parts.extend(to[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    Some(parts.join("/"))
}

/// The view's options: the flags over the index's, over the defaults.
fn options(portfolio: &Portfolio, view: &PortfolioViewArgs, overrides: &Overrides) -> (PortfolioOptions, Settings) {
    let settings = overrides.apply(&Settings::default());
    let target = overrides.target.map(Percent::value).or(portfolio.target).unwrap_or(settings.target.value());
    let now = view.now.unwrap_or_else(|| {
        let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        Timestamp::from_unix_seconds(i64::try_from(seconds).unwrap_or(i64::MAX))
    });
    let options = PortfolioOptions {
        metric: overrides.metric.unwrap_or_else(|| portfolio.usual_metric()),
        target,
        window: view.window,
        stale_after_days: view.stale_after.or(portfolio.stale_after_days).unwrap_or(STALE_AFTER_DAYS),
        now,
    };
    (options, settings)
}

/// The organisation's view of the files.
pub(crate) fn analysed(
    files: &[String],
    view: &PortfolioViewArgs,
    overrides: &Overrides,
) -> Result<PortfolioAnalysis, Fatal> {
    let portfolio = read_all(files)?;
    if portfolio.repositories.is_empty() {
        return Err(Fatal("the portfolio names no repository".to_owned()));
    }
    let (options, settings) = options(&portfolio, view, overrides);
    Ok(analyse_portfolio(&portfolio, &options, &settings))
}

/// `covdash portfolio`.
pub(crate) fn show(
    files: &[String],
    format: PortfolioFormat,
    view: &PortfolioViewArgs,
    max_chars: usize,
    overrides: &Overrides,
) -> Result<Done, Fatal> {
    let analysis = analysed(files, view, overrides)?;
    Ok(Done::from(match format {
        PortfolioFormat::Text => present::portfolio_text(&analysis),
        PortfolioFormat::Markdown => present::portfolio_markdown(&analysis, max_chars),
        PortfolioFormat::Csv => present::portfolio_csv(&analysis),
        PortfolioFormat::Json => present::portfolio_json(&analysis),
    }))
}

/// `covdash portfolio build`: written whole, then renamed into place, so a reader never sees
/// half a file.
pub(crate) fn build(files: &[String], output: Option<&str>) -> Result<Done, Fatal> {
    let mut portfolio = read_all(files)?;
    // Each history's address from where the built file is, for a page that fetched it.
    let here =
        output.map_or_else(|| PathBuf::from("."), |o| Path::new(o).parent().map(Path::to_path_buf).unwrap_or_default());
    for repository in &mut portfolio.repositories {
        repository.history = repository.history.as_deref().and_then(|h| relative(Path::new(h), &here));
    }
    let text = write_portfolio(&portfolio);
    let Some(output) = output else { return Ok(Done::from(text)) };
    let shown = present::terminal(output).into_owned();
    let partial = format!("{output}.partial-{}", std::process::id());
    std::fs::write(&partial, &text).map_err(|e| Fatal(format!("{shown}: {e}")))?;
    std::fs::rename(&partial, output).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        Fatal(format!("{shown}: {e}"))
    })?;
    let n = portfolio.repositories.len() as u64;
    Ok(Done::from(format!(
        "{shown}: {} ({} bytes)\n",
        covdash::present::counted(n, "repository", "repositories"),
        covdash::present::format_count(text.len() as u64)
    )))
}

/// `covdash check --portfolio`: the organisation's figure (and each team's, `per_team`) at or
/// above `fail_under`.
pub(crate) fn check(
    files: &[String],
    fail_under: Option<Percent>,
    per_team: bool,
    view: &PortfolioViewArgs,
    overrides: &Overrides,
) -> Result<Done, Fatal> {
    let analysis = analysed(files, view, overrides)?;
    let Some(least) = fail_under else {
        return Err(Fatal("--portfolio needs --fail-under: the least figure the organisation must reach".to_owned()));
    };
    let least = least.value();
    let metric = analysis.metric.plural();
    let mut said = Vec::new();
    let mut failed = Vec::new();
    let mut judge = |who: String, percent: Option<f64>| {
        let figure = percent.map_or("n/a".to_owned(), |p| format!("{}%", present::judged(p, least)));
        let given = present::threshold(least);
        match percent {
            Some(p) if p >= least => said.push(format!("{who}: {figure} of {metric}, at least {given}%")),
            _ => failed.push(format!("{who}: {figure} of {metric}, under {given}%")),
        }
    };
    judge("the organisation".to_owned(), analysis.percent);
    if per_team {
        for team in &analysis.teams {
            judge(format!("team {}", team.team), team.percent);
        }
    }
    let output = format!("{}\n", present::portfolio_headline(&analysis));
    Ok(Done { output, passed: said, failed })
}
