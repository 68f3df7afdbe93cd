//! The commands: what each does with what it read, and how the tool ends (its output, its
//! messages, its exit status). The grammar is `args.rs`, the reading `input.rs`.

use std::collections::BTreeMap;
use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::args::{Cli, Command, CompareFormat, ConvertFormat, PortfolioCommand, ReportFormat};
use crate::input::{combined, differential_of, missing, read_batch, read_combined, sources_under};
use crate::record;
use clap::Parser;
use covdash::analysis::{analyse, patch_coverage};
use covdash::model::{combine, Metric, Percent, Reading};
use covdash::present::{self, markdown, summary, summary_text, text, MarkdownOptions, Overrides, TextOptions};
use covdash::session::{Combination, Combined};

/// Why a command could not run: its message, and exit status 2 (the page's `Failure` is a file it
/// could not use, and the page goes on).
pub(crate) struct Fatal(pub(crate) String);

/// What a command printed, and, for a gate, the rules it held and those it failed (exit status
/// 1 when any failed), each said on a line of its own whatever the names in it hold.
pub(crate) struct Done {
    pub(crate) output: String,
    pub(crate) passed: Vec<String>,
    pub(crate) failed: Vec<String>,
}

impl From<String> for Done {
    fn from(output: String) -> Done {
        Done { output, passed: Vec::new(), failed: Vec::new() }
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
        Ok(Done { mut output, passed, failed }) => {
            // One line per rule, held on stdout and failed on stderr: a line break in a name is
            // shown, never a line of its own.
            for rule in &passed {
                output.push_str(&format!("ok: {}\n", present::terminal(rule)));
            }
            // A closed pipe (`covdash summary … | head`) is not an error worth a message.
            let _ = std::io::stdout().write_all(output.as_bytes());
            for reason in &failed {
                eprintln!("covdash: {}", present::terminal(reason));
            }
            if failed.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(Fatal(message)) => {
            // Messages quote file names and input: shown, never acting on the terminal, and a
            // line break in a name is shown too, not taken as the start of another message.
            eprintln!("covdash: {}", present::terminal(&message));
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<Done, Fatal> {
    match command {
        Command::Summary { files, json, metric, paths } => {
            summary_command(&files, json, metric, &paths.over(&Overrides::default())).map(Done::from)
        }
        Command::Report {
            files,
            format,
            reading,
            width,
            no_color,
            diff,
            history,
            git_ref,
            source_root,
            fit,
            settings,
            paths,
        } => {
            let files = with_diff(files, diff)?;
            let history = history.map(|path| (path, git_ref));
            let reading = reading.map(Reading::from);
            let fit = fit.options();
            let how = ReportHow { output: format, reading, width, color: !no_color, history, source_root, fit };
            report_command(&files, &how, &paths.over(&settings.0)).map(Done::from)
        }
        Command::Record { history, label, commit, git_ref, time, keep, git_branch, remote, files, settings, paths } => {
            let noted = record::Noted { label, commit, git_ref, time };
            let shared = git_branch.map(|branch| record::Shared { branch, remote });
            record::record(&history, &files, &noted, keep, &paths.over(&settings.0), shared.as_ref())
        }
        Command::Check {
            files,
            fail_under,
            fail_under_package,
            max_drop,
            history,
            git_ref,
            baseline,
            diff,
            fail_on,
            ignore_unstable,
            portfolio,
            per_team,
            view,
            settings,
            paths,
        } => {
            if portfolio {
                return crate::portfolio::check(&files, fail_under, per_team, &view, &settings.0);
            }
            let change = baseline.map(|baseline| record::ChangeGate {
                baseline,
                diff,
                fail_on: fail_on.map(|f| f.0).unwrap_or_default(),
                unstable: ignore_unstable,
            });
            if fail_under.is_none() && fail_under_package.is_none() && max_drop.is_none() && change.is_none() {
                // A gate that judges nothing would pass whatever the coverage.
                return Err(Fatal(
                    "no rule to check: give --fail-under, --fail-under-package, --max-drop with --history, or \
                     --fail-on with --baseline"
                        .to_owned(),
                ));
            }
            let gates = record::Gates { fail_under, fail_under_package, max_drop, history, git_ref, change };
            record::check(&files, &gates, &paths.over(&settings.0))
        }
        Command::Compare { baseline, current, diff, format, fit, paths } => {
            let overrides = paths.over(&Overrides::default());
            let before = read_combined(std::slice::from_ref(&baseline), Some(Reading::Merged), &overrides)?;
            let given_diff = diff.is_some();
            let now = read_combined(&with_diff(vec![current], diff)?, Some(Reading::Merged), &overrides)?;
            let differential = differential_of(&before, &now, given_diff)?;
            Ok(Done::from(match format {
                CompareFormat::Text => present::differential_text(&differential),
                CompareFormat::Markdown => present::differential_markdown(&differential, &fit.options()),
                CompareFormat::Json => {
                    serde_json::to_string_pretty(&differential).map_err(|e| Fatal(e.to_string()))? + "\n"
                }
            }))
        }
        Command::Patch { diff, files, json, fail_under, paths } => {
            patch_command(files, diff, json, fail_under, &paths.over(&Overrides::default()))
        }
        Command::Convert { to, files, output, max_bytes, paths } => {
            let combined = read_combined(&files, Some(Reading::Merged), &paths.over(&Overrides::default()))?;
            let converted = match to {
                ConvertFormat::Lcov => present::convert::lcov(&combined.report),
                ConvertFormat::Cobertura => present::convert::cobertura(&combined.report, max_bytes),
                ConvertFormat::Json => present::convert::Converted {
                    files: vec![present::covdash_json(&combined.report, &combined.settings)],
                    notes: Vec::new(),
                },
            };
            for note in &converted.notes {
                eprintln!("covdash: {}", present::terminal(note));
            }
            write_converted(converted.files, output.as_deref())
        }
        Command::Portfolio { build: Some(PortfolioCommand::Build { files, output }), .. } => {
            crate::portfolio::build(&files, output.as_deref())
        }
        Command::Portfolio { build: None, files, format, view, max_chars, settings } => {
            crate::portfolio::show(&files, format, &view, max_chars, &settings.0)
        }
        Command::Badge { files, settings, paths } => {
            let combined = read_combined(&files, None, &paths.over(&settings.0))?;
            Ok(Done::from(present::badge_svg(&combined.report, &combined.settings) + "\n"))
        }
    }
}

/// A converted report to standard output, or to `output` (in parts, `NAME.1.EXT`, …, when it
/// is in several), each file written whole or not at all.
fn write_converted(files: Vec<String>, output: Option<&str>) -> Result<Done, Fatal> {
    match (output, files.len()) {
        (None, 1) => Ok(Done::from(files.concat())),
        (None, n) => Err(Fatal(format!("the report is in {n} parts: give --output FILE to write them"))),
        (Some(path), 1) => {
            record::write_atomically(path, files[0].as_bytes(), std::fs::read(path).ok().as_deref())?;
            Ok(Done::from(String::new()))
        }
        (Some(path), _) => {
            let (stem, extension) = match path.rsplit_once('.') {
                Some((stem, extension)) if !extension.contains('/') => (stem, format!(".{extension}")),
                _ => (path, String::new()),
            };
            let mut written = Vec::new();
            for (index, text) in files.iter().enumerate() {
                let part = format!("{stem}.{}{extension}", index + 1);
                record::write_atomically(&part, text.as_bytes(), std::fs::read(&part).ok().as_deref())?;
                written.push(part);
            }
            eprintln!("covdash: wrote {}", present::terminal(&written.join(", ")));
            Ok(Done::from(String::new()))
        }
    }
}

/// The files to read, and the diff given with `--diff`, which must be one.
fn with_diff(mut files: Vec<String>, diff: Option<String>) -> Result<Vec<String>, Fatal> {
    if let Some(diff) = diff {
        files.push(diff);
    }
    Ok(files)
}

fn patch_command(
    files: Vec<String>,
    diff: String,
    json: bool,
    fail_under: Option<Percent>,
    paths_given: &Overrides,
) -> Result<Done, Fatal> {
    let paths = with_diff(files, Some(diff.clone()))?;
    let batch = read_batch(&paths)?;
    if batch.change.is_none() {
        let name = if diff == "-" { "standard input" } else { diff.as_str() };
        return Err(Fatal(format!("{name}: this is not a diff (no `diff --git` line or `---`/`+++` pair)")));
    }
    let reading = batch.info().reading;
    let combined = batch.combine(&Combination::new(reading, paths_given, &BTreeMap::new()));
    let (Some(change), Some(latest)) = (combined.report.change.as_deref(), combined.report.latest()) else {
        return Err(Fatal("the coverage files hold no snapshot".to_owned()));
    };
    let patch = patch_coverage(change, latest);
    let output = if json {
        let text = serde_json::to_string_pretty(&present::patch_json(&patch)).map_err(|e| Fatal(e.to_string()))?;
        format!("{text}\n")
    } else {
        present::patch_text(&patch)
    };
    let failed = match (fail_under, patch.percent) {
        (Some(threshold), Some(percent)) if percent < threshold.value() => vec![format!(
            "patch coverage {}% is below {}%: {} of {} changed lines measured are covered",
            present::judged(percent, threshold.value()),
            present::threshold(threshold.value()),
            present::format_count(patch.covered),
            present::format_count(patch.measured)
        )],
        _ => Vec::new(),
    };
    Ok(Done { output, passed: Vec::new(), failed })
}

/// The summary of `paths`, less the files the data's exclusions, or `paths_given`'s over them,
/// leave out.
fn summary_command(
    paths: &[String],
    json: bool,
    metric: Option<Metric>,
    paths_given: &Overrides,
) -> Result<String, Fatal> {
    let batch = read_batch(paths)?;
    // Several files are parts of one run: merged as the page merges them. Test results beside
    // them (JUnit's) have no figures, and say nothing of the metric or the format.
    let mut report = combine(&batch.parts(), Reading::Merged);
    let with_figures: Vec<_> =
        batch.files.iter().map(|f| &f.parsed).filter(|p| !p.report.recorded_metrics().is_empty()).collect();
    let format = match with_figures.split_first() {
        Some((first, rest)) if rest.iter().any(|p| p.format != first.format) => "mixed".to_owned(),
        Some((first, _)) => first.format.id().to_owned(),
        // None has figures: refused below.
        None => String::new(),
    };
    let metric = metric.unwrap_or(report.metric);
    let recorded = report.recorded_metrics();
    if !recorded.contains(&metric) {
        if recorded.is_empty() {
            let files = paths.join(", ");
            return Err(Fatal(format!("{files}: no coverage figures (no source file or package has a count)")));
        }
        return Err(missing(metric, &recorded));
    }
    report.keep_paths(&paths_given.apply(&batch.settings()).paths);
    let Some(snapshot) = report.latest() else {
        return Err(Fatal("the files hold no snapshot".to_owned()));
    };
    let mut summary = summary(&format, snapshot, metric);
    summary.left_out = report.left_out.last().cloned();
    if json {
        let text = serde_json::to_string_pretty(&summary).map_err(|e| Fatal(e.to_string()))?;
        Ok(format!("{text}\n"))
    } else {
        Ok(summary_text(&summary))
    }
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
    /// What the Markdown report fits in.
    fit: MarkdownOptions,
}

fn report_command(paths: &[String], how: &ReportHow, overrides: &Overrides) -> Result<String, Fatal> {
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
            let text = serde_json::to_string_pretty(&analysis).map_err(|e| Fatal(e.to_string()))?;
            format!("{text}\n")
        }
        ReportFormat::Markdown => markdown(&analysis, &how.fit),
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
