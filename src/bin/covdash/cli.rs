//! The command line, parsed with clap (native only: the page's wasm never carries it).

use std::collections::{BTreeMap, HashSet};
use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::record;
use clap::{Arg, ArgAction, ArgMatches, Args, FromArgMatches, Parser, Subcommand, ValueEnum};
use covdash::analysis::{analyse, patch_coverage};
use covdash::model::{combine, Metric, Percent, Reading, Report, SourceFile, Sources, Timestamp};
use covdash::present::{self, markdown, summary, summary_text, text, Key, Overrides, TextOptions};
use covdash::session::{Batch, Combination, Combined, Input};

/// covdash: a code-coverage dashboard, here as a command-line tool.
#[derive(Parser)]
#[command(name = "covdash", version, about, after_help = EXIT_STATUS)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXIT_STATUS: &str =
    "Exit status: 0 on success, 2 when a file cannot be read or used, or the arguments are wrong.";

#[derive(Subcommand)]
enum Command {
    /// Per-package and total coverage.
    ///
    /// Several files are taken as parts of one run and merged file by file. --json prints
    /// {"format", "metric", "total": {"covered", "total", "percent"}, "packages": [...]} with
    /// percentages at full precision.
    Summary {
        /// Coverage files, in any format covdash reads.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
        /// Prints JSON instead of an aligned table.
        #[arg(long)]
        json: bool,
        /// The metric to count (default: the one the format's own tool headlines, lines for
        /// LCOV, statements for Go).
        #[arg(long, value_name = Key::Metric.syntax(), value_parser = |text: &str| present::parse_metric(text))]
        metric: Option<Metric>,
    },
    /// Every section of the analysis.
    ///
    /// Progress across snapshots, packages and tiers, wins, tests, distance and time to the
    /// target, distribution, readiness by group, achievements, momentum, goal, summary and
    /// what to test next; sections the data cannot support say why. Files that are moments of
    /// one project become snapshots, parts of one run are merged (covdash decides from how
    /// much they overlap; --reading overrides). JUnit XML and `go test -json` logs given beside
    /// coverage add test results. Settings from a covdash JSON file are used; flags override
    /// them.
    Report {
        /// Coverage and test-result files, in any format covdash reads.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
        /// text is for terminals (colour when stdout is one and NO_COLOR is unset; the width
        /// follows COLUMNS), markdown for pull-request comments, json is the whole analysis, html
        /// one self-contained page (inline CSS, no JavaScript).
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// How the files are read together (default: as covdash suggests from their overlap).
        #[arg(long, value_enum)]
        reading: Option<ReadingArg>,
        /// The text report's width in columns (40 to 200).
        #[arg(long, value_name = "N")]
        width: Option<usize>,
        /// No colour in the text report, even on a terminal.
        #[arg(long)]
        no_color: bool,
        /// A diff of the change (`-` for stdin): the report leads with its patch coverage.
        #[arg(long, value_name = "FILE")]
        diff: Option<String>,
        /// A history (see `record`): the report leads with the change since its previous
        /// snapshot of the ref being built.
        #[arg(long, value_name = "FILE")]
        history: Option<String>,
        /// The ref being built, for --history (default: the CI's, else git's).
        #[arg(long = "ref", value_name = "NAME", requires = "history")]
        git_ref: Option<String>,
        /// The folder the measured sources are in: the HTML report shows each file found there
        /// (matched to the report's paths by their longest common ending) line by line.
        #[arg(long, value_name = "DIR")]
        source_root: Option<PathBuf>,
        #[command(flatten)]
        settings: SettingsArgs,
    },
    /// Patch coverage: how much of a change the tests run.
    ///
    /// The lines a diff adds or changes that the coverage report measures, and how many of them
    /// ran, per file and in all, as diff-cover counts them; changed lines the report does not
    /// measure are counted apart, and a change with no measured line has no figure.
    /// `git diff origin/main...HEAD | covdash patch --diff - coverage.info`. --json prints
    /// {"measured", "covered", "percent", "not_measured", "files": [{"path", "measured",
    /// "covered", "percent", "uncovered_lines"}]}.
    Patch {
        /// The change: a unified diff (`git diff`, `git format-patch`, `diff -u`), `-` for stdin.
        #[arg(long, value_name = "FILE")]
        diff: String,
        /// Coverage files of the changed code, in any format covdash reads.
        #[arg(required = true, value_name = "COVERAGE")]
        files: Vec<String>,
        /// Prints JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Exits with status 1, and says why, when the patch figure is below this percentage.
        #[arg(long, value_name = "PERCENT", value_parser = |text: &str| present::parse_percent(text))]
        fail_under: Option<Percent>,
    },
    /// Adds a snapshot of a run's coverage to a history file (created if missing).
    ///
    /// The files are read as `report` reads them, as parts of one run, and their per-package
    /// figures for every metric, with the test results, become one snapshot with its commit,
    /// ref, commit time and run time. Those come from the flags, else the CI's environment
    /// (GitHub Actions, GitLab CI, Jenkins, CircleCI, Buildkite, Azure Pipelines), else `git`
    /// in the current directory. Recording the same commit and ref again replaces its
    /// snapshot. The file is written whole, then renamed into place; a history that cannot be
    /// read is left as it is.
    Record {
        /// The history: covdash JSON, as the page and `check --history` read it.
        #[arg(long, value_name = "FILE")]
        history: String,
        /// The snapshot's name (default: the short commit, else the time).
        #[arg(long, value_name = "TEXT")]
        label: Option<String>,
        /// The commit measured.
        #[arg(long, value_name = "SHA")]
        commit: Option<String>,
        /// The branch or tag measured.
        #[arg(long = "ref", value_name = "NAME")]
        git_ref: Option<String>,
        /// The commit's time, RFC 3339 (default: the CI's or git's, else now).
        #[arg(long, value_name = "RFC3339", value_parser = |text: &str| Timestamp::parse(text).map_err(|e| e.to_string()))]
        time: Option<Timestamp>,
        /// How many snapshots to keep; the oldest beyond go.
        #[arg(long, value_name = "N", default_value_t = covdash::history::DEFAULT_KEEP)]
        keep: usize,
        /// Coverage and test-result files of one run.
        #[arg(required = true, value_name = "COVERAGE_OR_TEST_FILE")]
        files: Vec<String>,
        #[command(flatten)]
        settings: SettingsArgs,
    },
    /// Gates for CI: exits 1, with one line per rule failed, when coverage is too low or fell.
    ///
    /// --fail-under judges the overall figure, --fail-under-package each package, --max-drop
    /// the fall in points since the history's previous snapshot of the same ref (another
    /// commit). Passed rules are printed on stdout, failed ones on stderr.
    Check {
        /// Coverage files of one run, in any format covdash reads.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
        /// The least overall coverage, in percent.
        #[arg(long, value_name = "PERCENT", value_parser = |text: &str| present::parse_percent(text))]
        fail_under: Option<Percent>,
        /// The least coverage of every package, in percent.
        #[arg(long, value_name = "PERCENT", value_parser = |text: &str| present::parse_percent(text))]
        fail_under_package: Option<Percent>,
        /// The most the overall figure may fall, in points, since the history's previous snapshot.
        #[arg(long, value_name = "POINTS", requires = "history", value_parser = parse_points)]
        max_drop: Option<f64>,
        /// The history to compare with (see `record`).
        #[arg(long, value_name = "FILE")]
        history: Option<String>,
        /// The ref being built (default: the CI's, else git's).
        #[arg(long = "ref", value_name = "NAME")]
        git_ref: Option<String>,
        #[command(flatten)]
        settings: SettingsArgs,
    },
    /// A shields-style SVG badge of the overall figure, coloured by its tier
    /// (covdash badge FILE... > coverage.svg).
    Badge {
        /// Coverage files, in any format covdash reads.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
        #[command(flatten)]
        settings: SettingsArgs,
    },
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum ReportFormat {
    Text,
    #[value(alias = "md")]
    Markdown,
    Json,
    Html,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum ReadingArg {
    /// Parts of one run, merged file by file.
    Merged,
    /// Moments of one project, each a snapshot.
    Snapshots,
}

impl From<ReadingArg> for Reading {
    fn from(reading: ReadingArg) -> Reading {
        match reading {
            ReadingArg::Merged => Reading::Merged,
            ReadingArg::Snapshots => Reading::Snapshots,
        }
    }
}

/// The settings a command takes, one flag per [`Key`] the command line has, read by the same
/// parser as the page's link.
#[derive(Clone, Default)]
struct SettingsArgs(Overrides);

impl Args for SettingsArgs {
    fn augment_args(command: clap::Command) -> clap::Command {
        Key::ALL.into_iter().fold(command, |command, key| {
            let Some(flag) = key.flag() else { return command };
            let arg = Arg::new(flag)
                .long(flag)
                .value_name(key.syntax())
                .help(key.help())
                .help_heading("Settings")
                // Checked as it is read, so clap's message names the flag and the value.
                .value_parser(move |text: &str| key.set(&mut Overrides::default(), text).map(|()| text.to_owned()));
            command.arg(if key == Key::Groups { arg.action(ArgAction::Append) } else { arg })
        })
    }

    fn augment_args_for_update(command: clap::Command) -> clap::Command {
        SettingsArgs::augment_args(command)
    }
}

impl FromArgMatches for SettingsArgs {
    fn from_arg_matches(matches: &ArgMatches) -> Result<SettingsArgs, clap::Error> {
        let mut overrides = Overrides::default();
        for key in Key::ALL {
            let Some(values) = key.flag().and_then(|flag| matches.get_many::<String>(flag)) else { continue };
            // `--group` is given once per group; the link separates groups with `;`.
            let text = values.map(String::as_str).collect::<Vec<_>>().join(";");
            key.set(&mut overrides, &text).map_err(|e| clap::Error::raw(clap::error::ErrorKind::ValueValidation, e))?;
        }
        Ok(SettingsArgs(overrides))
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = SettingsArgs::from_arg_matches(matches)?;
        Ok(())
    }
}

/// A number of percentage points, 0 or more.
fn parse_points(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(points) if points.is_finite() && points >= 0.0 => Ok(points),
        _ => Err(format!("expected a number of points, 0 or more, such as 0.5; found {text:?}")),
    }
}

/// What went wrong, for the message and the exit status.
pub(crate) struct Failure(pub(crate) String);

/// What a command printed, and the rule it failed, if any (exit status 1).
pub(crate) struct Done {
    pub(crate) output: String,
    pub(crate) failed: Option<String>,
}

impl From<String> for Done {
    fn from(output: String) -> Done {
        Done { output, failed: None }
    }
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version go to stdout with status 0; a wrong argument to stderr with 2.
            // The message quotes what was typed: shown, never acting on the terminal.
            let message = error.render().to_string();
            let shown: Vec<_> = message.lines().map(present::terminal).collect();
            if error.use_stderr() {
                eprintln!("{}", shown.join("\n"));
            } else {
                let _ = writeln!(std::io::stdout(), "{}", shown.join("\n"));
            }
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    match run(cli.command) {
        Ok(Done { output, failed }) => {
            // A closed pipe (`covdash summary … | head`) is not an error worth a message.
            let _ = std::io::stdout().write_all(output.as_bytes());
            match failed {
                Some(reasons) => {
                    // One line per rule failed.
                    for reason in reasons.lines() {
                        eprintln!("covdash: {}", present::terminal(reason));
                    }
                    ExitCode::from(1)
                }
                None => ExitCode::SUCCESS,
            }
        }
        Err(Failure(message)) => {
            // Messages quote file names and input: shown, never acting on the terminal.
            let lines: Vec<_> = message.lines().map(present::terminal).collect();
            eprintln!("covdash: {}", lines.join("\n"));
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<Done, Failure> {
    match command {
        Command::Summary { files, json, metric } => summary_command(&files, json, metric).map(Done::from),
        Command::Report { files, format, reading, width, no_color, diff, history, git_ref, source_root, settings } => {
            let files = with_diff(files, diff)?;
            let history = history.map(|path| (path, git_ref));
            let reading = reading.map(Reading::from);
            let how = ReportHow { output: format, reading, width, color: !no_color, history, source_root };
            report_command(&files, &how, &settings.0).map(Done::from)
        }
        Command::Record { history, label, commit, git_ref, time, keep, files, settings } => {
            let noted = record::Noted { label, commit, git_ref, time };
            record::record(&history, &files, &noted, keep, &settings.0)
        }
        Command::Check { files, fail_under, fail_under_package, max_drop, history, git_ref, settings } => {
            let gates = record::Gates { fail_under, fail_under_package, max_drop, history, git_ref };
            record::check(&files, &gates, &settings.0)
        }
        Command::Patch { diff, files, json, fail_under } => patch_command(files, diff, json, fail_under),
        Command::Badge { files, settings } => {
            let combined = read_combined(&files, None, &settings.0)?;
            Ok(Done::from(present::badge_svg(&combined.report, &combined.settings) + "\n"))
        }
    }
}

/// The files to read, and the diff given with `--diff`, which must be one.
fn with_diff(mut files: Vec<String>, diff: Option<String>) -> Result<Vec<String>, Failure> {
    if let Some(diff) = diff {
        files.push(diff);
    }
    Ok(files)
}

fn patch_command(files: Vec<String>, diff: String, json: bool, fail_under: Option<Percent>) -> Result<Done, Failure> {
    let paths = with_diff(files, Some(diff.clone()))?;
    let batch = read_batch(&paths)?;
    if batch.change.is_none() {
        let name = if diff == "-" { "standard input" } else { diff.as_str() };
        return Err(Failure(format!("{name}: this is not a diff (no `diff --git` line or `---`/`+++` pair)")));
    }
    let reading = batch.info().reading;
    let combined = batch.combine(&Combination::new(reading, &Overrides::default(), &BTreeMap::new()));
    let (Some(change), Some(latest)) = (combined.report.change.as_deref(), combined.report.latest()) else {
        return Err(Failure("the coverage files hold no snapshot".to_owned()));
    };
    let patch = patch_coverage(change, latest);
    let output = if json {
        let text = serde_json::to_string_pretty(&present::patch_json(&patch)).map_err(|e| Failure(e.to_string()))?;
        format!("{text}\n")
    } else {
        present::patch_text(&patch)
    };
    let failed = match (fail_under, patch.percent) {
        (Some(threshold), Some(percent)) if percent < threshold.value() => Some(format!(
            "patch coverage {} is below {}: {} of {} changed lines measured are covered",
            present::pct(percent),
            present::pct(threshold.value()),
            present::format_count(patch.covered),
            present::format_count(patch.measured)
        )),
        _ => None,
    };
    Ok(Done { output, failed })
}

fn summary_command(paths: &[String], json: bool, metric: Option<Metric>) -> Result<String, Failure> {
    let batch = read_batch(paths)?;
    let parsed: Vec<_> = batch.files.iter().map(|f| &f.parsed).collect();
    let format = {
        let first = parsed[0].format;
        if parsed.iter().all(|p| p.format == first) {
            first.id().to_owned()
        } else {
            "mixed".to_owned()
        }
    };
    let metric = metric.unwrap_or(parsed[0].report.metric);
    let recorded: Vec<Metric> = parsed.iter().flat_map(|p| p.report.recorded_metrics()).collect();
    if !recorded.contains(&metric) {
        if recorded.is_empty() {
            let files = paths.join(", ");
            return Err(Failure(format!("{files}: no coverage figures (no source file or package has a count)")));
        }
        return Err(missing(metric, &recorded));
    }
    // Several files are parts of one run: merged as the page merges them.
    let report = combine(&batch.parts(), Reading::Merged);
    let Some(snapshot) = report.latest() else {
        return Err(Failure("the files hold no snapshot".to_owned()));
    };
    let summary = summary(&format, snapshot, metric);
    if json {
        let text = serde_json::to_string_pretty(&summary).map_err(|e| Failure(e.to_string()))?;
        Ok(format!("{text}\n"))
    } else {
        Ok(summary_text(&summary))
    }
}

/// The data has no figures for `metric`, only for `recorded`.
fn missing(metric: Metric, recorded: &[Metric]) -> Failure {
    let names: Vec<&str> = Metric::ALL.into_iter().filter(|m| recorded.contains(m)).map(Metric::plural).collect();
    Failure(format!("the data has no {metric} figures (it has: {})", names.join(", ")))
}

/// A file's modification time: the stand-in for a report's own time, as a browser's
/// `lastModified` is on the page.
fn modified(path: &str) -> Option<Timestamp> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let seconds = modified.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(Timestamp::from_unix_seconds(i64::try_from(seconds).ok()?))
}

/// Reads and parses every file as the page does, reporting skipped records on stderr; a file
/// that cannot be read or used fails the command.
fn read_batch(paths: &[String]) -> Result<Batch, Failure> {
    let mut inputs = Vec::with_capacity(paths.len());
    for path in paths {
        if path == "-" {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
                .map_err(|e| Failure(format!("standard input: {e}")))?;
            inputs.push(Input { name: "standard input".to_owned(), bytes, modified: None });
            continue;
        }
        let bytes = std::fs::read(path).map_err(|e| Failure(format!("{path}: {e}")))?;
        inputs.push(Input { name: path.clone(), bytes, modified: modified(path) });
    }
    let (batch, failures) = Batch::parse(inputs);
    if let Some(failure) = failures.iter().chain(batch.given_failures()).next() {
        return Err(Failure(failure.to_string()));
    }
    for file in batch.files.iter().filter(|f| f.parsed.n_diagnostics > 0) {
        let (name, n) = (present::terminal(&file.source), file.parsed.n_diagnostics);
        eprintln!("covdash: {name}: {n} record(s) skipped or repaired");
        for diagnostic in &file.parsed.diagnostics {
            eprintln!("  {}", present::terminal(&diagnostic.to_string()));
        }
    }
    Ok(batch)
}

/// Reads the files and combines them as the page does: as `reading` says (or as covdash
/// suggests), with the data's settings under the flags'.
pub(crate) fn read_combined(
    paths: &[String],
    reading: Option<Reading>,
    overrides: &Overrides,
) -> Result<Combined, Failure> {
    combined(&read_batch(paths)?, reading, overrides)
}

/// `batch` read together as `reading` (as it reads best when `None`), with `overrides`; `Err`
/// when the data has no figure for the metric it is to be judged by (the flag's, else the
/// file's), while it has figures for others: every figure would be "n/a".
fn combined(batch: &Batch, reading: Option<Reading>, overrides: &Overrides) -> Result<Combined, Failure> {
    let reading = reading.unwrap_or_else(|| batch.info().reading);
    let combined = batch.combine(&Combination::new(reading, overrides, &BTreeMap::new()));
    let asked = overrides.metric.unwrap_or(combined.report.metric);
    let recorded = combined.report.recorded_metrics();
    if !recorded.is_empty() && (asked != combined.report.metric || !recorded.contains(&asked)) {
        return Err(missing(asked, &recorded));
    }
    Ok(combined)
}

/// The sources under `root` of `report`'s files: the files there that bear the name of one of
/// them, matched by their longest common ending. Hidden folders and installed packages
/// (`node_modules`) are not read.
fn sources_under(root: &Path, report: &Report) -> Result<Sources, Failure> {
    if !root.is_dir() {
        return Err(Failure(format!(
            "{}: not a folder (--source-root)",
            present::terminal(&root.display().to_string())
        )));
    }
    let paths: Vec<&str> = report.file_paths().collect();
    let names: HashSet<&str> = paths.iter().map(|p| p.rsplit('/').next().unwrap_or(p)).collect();
    let mut given = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                if !covdash::model::skipped_folder(&name) {
                    folders.push(entry.path());
                }
            } else if kind.is_file() && names.contains(name.as_str()) {
                let path = entry.path();
                let relative = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().into_owned();
                if let Some(file) = std::fs::read(&path).ok().and_then(|bytes| SourceFile::of_bytes(relative, &bytes)) {
                    given.push(file);
                }
            }
        }
    }
    Ok(Sources::matched(given, paths))
}

/// How `covdash report` writes its report.
struct ReportHow {
    output: ReportFormat,
    reading: Option<Reading>,
    width: Option<usize>,
    color: bool,
    /// A history, and the ref being built.
    history: Option<(String, Option<String>)>,
    /// Where the sources are, for the HTML report.
    source_root: Option<PathBuf>,
}

fn report_command(paths: &[String], how: &ReportHow, overrides: &Overrides) -> Result<String, Failure> {
    let ReportHow { output, reading, width, color, .. } = *how;
    if how.source_root.is_some() && !matches!(output, ReportFormat::Html) {
        eprintln!("covdash: --source-root is read by the HTML report (--format html) only");
    }
    let batch = read_batch(paths)?;
    let Combined { report, settings, .. } = combined(&batch, reading, overrides)?;
    let mut analysis = analyse(&report, report.metric, &settings);
    if let (Some((path, git_ref)), Some(latest)) = (&how.history, report.latest()) {
        analysis.since = record::since_history(path, latest, report.metric, git_ref.as_deref())?;
    }
    Ok(match output {
        ReportFormat::Json => {
            let text = serde_json::to_string_pretty(&analysis).map_err(|e| Failure(e.to_string()))?;
            format!("{text}\n")
        }
        ReportFormat::Markdown => markdown(&analysis),
        ReportFormat::Html => {
            let sources = match &how.source_root {
                Some(root) => sources_under(root, &report)?.and(&batch.sources),
                None => (*batch.sources).clone(),
            };
            let files = present::annotated_files(&report, &sources);
            let dashboard = present::dashboard(&report, &settings, &paths.join(", "), None);
            present::html(&analysis, present::HtmlParts { dashboard: &dashboard, files: &files })
        }
        ReportFormat::Text => {
            let stdout = std::io::stdout();
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse::<usize>().ok());
            let options = TextOptions {
                width: width.or(columns).unwrap_or(80).clamp(40, 200),
                color: color && !no_color && stdout.is_terminal(),
            };
            text(&analysis, options)
        }
    })
}
