//! The command-line tool: the same parsers and analysis as the page, for terminals and CI.
//!
//! `covdash summary FILE... [--json] [--metric lines|statements|branches|functions]`
//! `covdash report FILE... [--format text|markdown|json|html] [settings]`
//! `covdash badge FILE... [--tiers ...]`

use std::io::{IsTerminal as _, Write as _};
use std::process::ExitCode;

use covdash::analysis::analyse;
use covdash::formats::{self, Parsed};
use covdash::model::{
    combine, suggest_reading, Group, Metric, Part, Percent, Reading, Report, Settings, Strategy, Tiers, Timestamp,
};
use covdash::present::{self, markdown, summary, summary_text, text, TextOptions};

const USAGE: &str = "\
covdash: a code-coverage dashboard, here as a command-line tool

usage:
  covdash summary FILE... [--json] [--metric lines|statements|branches|functions]
  covdash report FILE... [--format text|markdown|json|html] [--metric M] [--target N] [--goal N]
                 [--tiers NAME=MIN,...] [--group NAME=GLOB[,GLOB...]]... [--strategy closest|effect]
                 [--reading merged|snapshots] [--width N] [--no-color]
  covdash badge FILE... [--tiers NAME=MIN,...]

summary   prints per-package and total coverage. Several files are taken as parts of one
          run and merged file by file. --json prints
          {\"format\", \"metric\", \"total\": {\"covered\", \"total\", \"percent\"}, \"packages\": [...]}
          with percentages at full precision. The metric defaults to the one the format's own
          tool headlines (lines for LCOV, statements for Go).

report    every section of the analysis: progress across snapshots, packages and tiers, wins,
          tests, distance and time to the target, distribution, readiness by group,
          achievements, momentum, goal, summary and what to test next. Sections the data
          cannot support say why. Files that are moments of one project become snapshots,
          parts of one run are merged (covdash decides from how much they overlap; --reading
          overrides). JUnit XML and `go test -json` logs given beside coverage add test results.
          text is for terminals (colour when stdout is one and NO_COLOR is unset; the width
          follows COLUMNS), markdown for pull-request comments, json is the whole analysis.
          html is one self-contained page (inline CSS, no JavaScript) for portals that run no
          scripts. Settings from a covdash JSON file are used; flags override them.

badge     prints a shields-style SVG badge of the overall figure, coloured by its tier
          (covdash badge FILE... [--tiers ...] > coverage.svg).

Exit status: 0 on success, 2 when a file cannot be read or used, or the arguments are wrong.";

/// What went wrong, for the message and the exit status.
struct Failure(String);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(output) => {
            // A closed pipe (`covdash summary … | head`) is not an error worth a message.
            let _ = std::io::stdout().write_all(output.as_bytes());
            ExitCode::SUCCESS
        }
        Err(Failure(message)) => {
            // Messages quote file names and input: shown, never acting on the terminal.
            let lines: Vec<_> = message.lines().map(present::terminal).collect();
            eprintln!("covdash: {}", lines.join("\n"));
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<String, Failure> {
    match args.first().map(String::as_str) {
        Some("summary") => summary_command(&args[1..]),
        Some("report") => report_command(&args[1..]),
        Some("badge") => badge_command(&args[1..]),
        Some("-h" | "--help" | "help") => Ok(format!("{USAGE}\n")),
        Some("-V" | "--version") => Ok(format!("covdash {}\n", env!("CARGO_PKG_VERSION"))),
        Some(other) => Err(Failure(format!("unknown command {other:?}\n\n{USAGE}"))),
        None => Err(Failure(format!("a command is needed\n\n{USAGE}"))),
    }
}

fn summary_command(args: &[String]) -> Result<String, Failure> {
    let mut json = false;
    let mut metric: Option<Metric> = None;
    let mut paths: Vec<&str> = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--metric" => {
                let name = it.next().ok_or_else(|| Failure("--metric needs a value".to_owned()))?;
                metric = Some(parse_metric(name)?);
            }
            _ if arg.starts_with("--metric=") => metric = Some(parse_metric(&arg["--metric=".len()..])?),
            _ if arg.starts_with('-') && arg.len() > 1 => return Err(Failure(format!("unknown option {arg:?}"))),
            _ => paths.push(arg),
        }
    }
    if paths.is_empty() {
        return Err(Failure("summary needs at least one file".to_owned()));
    }

    let parsed = read_all(&paths)?;

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
        let names: Vec<&str> = Metric::ALL.into_iter().filter(|m| recorded.contains(m)).map(Metric::plural).collect();
        if names.is_empty() {
            let files = paths.join(", ");
            return Err(Failure(format!("{files}: no coverage figures (no source file or package has a count)")));
        }
        return Err(Failure(format!("the data has no {metric} figures (it has: {})", names.join(", "))));
    }
    // Several files are parts of one run: merged as the page merges them.
    let parts = parts_of(&paths, &parsed);
    let report = combine(&parts, Reading::Merged);
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

fn badge_command(args: &[String]) -> Result<String, Failure> {
    let mut tiers: Option<Tiers> = None;
    let mut paths: Vec<&str> = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--tiers" => tiers = Some(parse_tiers(it.next().ok_or_else(|| Failure("--tiers needs a value".into()))?)?),
            _ if arg.starts_with("--tiers=") => tiers = Some(parse_tiers(&arg["--tiers=".len()..])?),
            _ if arg.starts_with('-') && arg.len() > 1 => return Err(Failure(format!("unknown option {arg:?}"))),
            _ => paths.push(arg),
        }
    }
    if paths.is_empty() {
        return Err(Failure("badge needs at least one file".to_owned()));
    }
    let (report, mut settings) = read_combined(&paths, None)?;
    settings.tiers = tiers.unwrap_or(settings.tiers);
    Ok(present::badge_svg(&report, &settings) + "\n")
}

/// A file's modification time: the stand-in for a report's own time, as a browser's
/// `lastModified` is on the page.
fn modified(path: &str) -> Option<Timestamp> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let seconds = modified.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(Timestamp::from_unix_seconds(i64::try_from(seconds).ok()?))
}

/// The parts of a batch, each with its file's modification time.
fn parts_of<'a>(paths: &'a [&str], parsed: &'a [Parsed]) -> Vec<Part<'a>> {
    paths.iter().zip(parsed).map(|(name, p)| Part { name, report: &p.report, modified: modified(name) }).collect()
}

/// Reads and parses every file, reporting skipped records on stderr.
fn read_all(paths: &[&str]) -> Result<Vec<Parsed>, Failure> {
    let mut parsed: Vec<Parsed> = Vec::with_capacity(paths.len());
    for path in paths {
        let bytes = std::fs::read(path).map_err(|e| Failure(format!("{path}: {e}")))?;
        let file = formats::parse(&bytes).map_err(|e| Failure(format!("{path}: {e}")))?;
        if file.n_diagnostics > 0 {
            eprintln!("covdash: {}: {} record(s) skipped or repaired", present::terminal(path), file.n_diagnostics);
            for diagnostic in &file.diagnostics {
                eprintln!("  {}", present::terminal(&diagnostic.to_string()));
            }
        }
        parsed.push(file);
    }
    Ok(parsed)
}

/// Reads the files and combines them (as `reading` says, or as covdash suggests), with the
/// settings of the last file that brings any.
fn read_combined(paths: &[&str], reading: Option<Reading>) -> Result<(Report, Settings), Failure> {
    let parsed = read_all(paths)?;
    let parts = parts_of(paths, &parsed);
    let report = combine(&parts, reading.unwrap_or_else(|| suggest_reading(&parts)));
    let settings = parsed.iter().rev().find_map(|p| p.settings.clone()).unwrap_or_default();
    Ok((report, settings))
}

#[derive(Clone, Copy, PartialEq)]
enum ReportFormat {
    Text,
    Markdown,
    Json,
    Html,
}

fn report_command(args: &[String]) -> Result<String, Failure> {
    let mut output = ReportFormat::Text;
    let mut metric: Option<Metric> = None;
    let mut target: Option<Percent> = None;
    let mut goal: Option<Percent> = None;
    let mut tiers: Option<Tiers> = None;
    let mut groups: Vec<Group> = Vec::new();
    let mut strategy: Option<Strategy> = None;
    let mut reading: Option<Reading> = None;
    let mut width: Option<usize> = None;
    let mut color = true;
    let mut paths: Vec<&str> = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        // `--flag value` and `--flag=value` alike.
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if arg.starts_with("--") => (flag, Some(value.to_owned())),
            _ => (arg.as_str(), None),
        };
        let mut value = || -> Result<String, Failure> {
            inline.clone().or_else(|| it.next().cloned()).ok_or_else(|| Failure(format!("{flag} needs a value")))
        };
        match flag {
            "--format" => {
                output = match value()?.as_str() {
                    "text" => ReportFormat::Text,
                    "markdown" | "md" => ReportFormat::Markdown,
                    "json" => ReportFormat::Json,
                    "html" => ReportFormat::Html,
                    other => {
                        return Err(Failure(format!(
                            "unknown report format {other:?}: use text, markdown, json or html"
                        )))
                    }
                }
            }
            "--metric" => metric = Some(parse_metric(&value()?)?),
            "--target" => target = Some(parse_percent("--target", &value()?)?),
            "--goal" => goal = Some(parse_percent("--goal", &value()?)?),
            "--tiers" => tiers = Some(parse_tiers(&value()?)?),
            "--group" => groups.push(parse_group(&value()?)?),
            "--strategy" => {
                let id = value()?;
                strategy = Some(
                    Strategy::from_id(&id)
                        .ok_or_else(|| Failure(format!("unknown strategy {id:?}: use closest or effect")))?,
                );
            }
            "--reading" => {
                reading = Some(match value()?.as_str() {
                    "merged" => Reading::Merged,
                    "snapshots" => Reading::Snapshots,
                    other => return Err(Failure(format!("unknown reading {other:?}: use merged or snapshots"))),
                })
            }
            "--width" => {
                let text = value()?;
                width = Some(text.parse().map_err(|_| Failure(format!("--width: {text:?} is not a number")))?);
            }
            "--no-color" => color = false,
            _ if arg.starts_with('-') && arg.len() > 1 => return Err(Failure(format!("unknown option {arg:?}"))),
            _ => paths.push(arg),
        }
    }
    if paths.is_empty() {
        return Err(Failure("report needs at least one file".to_owned()));
    }
    let (mut report, mut settings) = read_combined(&paths, reading)?;
    settings.target = target.unwrap_or(settings.target);
    settings.goal = goal.or(settings.goal);
    settings.tiers = tiers.unwrap_or(settings.tiers);
    if !groups.is_empty() {
        settings.groups = groups;
    }
    settings.strategy = strategy.unwrap_or(settings.strategy);
    // Judged by the chosen metric everywhere, the HTML page included.
    report.metric = metric.unwrap_or(report.metric);
    let analysis = analyse(&report, report.metric, &settings);
    Ok(match output {
        ReportFormat::Json => {
            let text = serde_json::to_string_pretty(&analysis).map_err(|e| Failure(e.to_string()))?;
            format!("{text}\n")
        }
        ReportFormat::Markdown => markdown(&analysis),
        ReportFormat::Html => present::html(&report, &settings, &paths.join(", ")),
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

fn parse_percent(flag: &str, text: &str) -> Result<Percent, Failure> {
    present::parse_percent(text).map_err(|e| Failure(format!("{flag}: {e}")))
}

/// `Elite=90,Excellent=85,Good=75,OK=70,Needs work=0`.
fn parse_tiers(text: &str) -> Result<Tiers, Failure> {
    present::parse_tiers(text).map_err(|e| Failure(format!("--tiers: {e}")))
}

/// `Core SDK=sdk/**,lib/core`.
fn parse_group(text: &str) -> Result<Group, Failure> {
    present::parse_group(text).map_err(|e| Failure(format!("--group: {e}")))
}

fn parse_metric(name: &str) -> Result<Metric, Failure> {
    present::parse_metric(name).map_err(|e| Failure(format!("--metric: {e}")))
}
