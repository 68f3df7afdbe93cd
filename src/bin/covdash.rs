//! The command-line tool: the same parsers and analysis as the page, for terminals and CI.
//!
//! `covdash summary FILE... [--json] [--metric lines|statements|branches|functions]`

use std::io::Write as _;
use std::process::ExitCode;

use covdash::formats::{self, Parsed};
use covdash::model::{combine, Metric, Part, Reading};
use covdash::present::{summary, summary_text};

const USAGE: &str = "\
covdash: a code-coverage dashboard, here as a command-line tool

usage:
  covdash summary FILE... [--json] [--metric lines|statements|branches|functions]

summary   prints per-package and total coverage. Several files are taken as parts of one
          run and merged file by file. --json prints
          {\"format\", \"metric\", \"total\": {\"covered\", \"total\", \"percent\"}, \"packages\": [...]}
          with percentages at full precision. The metric defaults to the one the format's own
          tool headlines (lines for LCOV, statements for Go).

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
            eprintln!("covdash: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<String, Failure> {
    match args.first().map(String::as_str) {
        Some("summary") => summary_command(&args[1..]),
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

    let mut parsed: Vec<Parsed> = Vec::with_capacity(paths.len());
    for path in &paths {
        let bytes = std::fs::read(path).map_err(|e| Failure(format!("{path}: {e}")))?;
        let file = formats::parse(&bytes).map_err(|e| Failure(format!("{path}: {e}")))?;
        if file.n_diagnostics > 0 {
            eprintln!("covdash: {path}: {} record(s) skipped or repaired", file.n_diagnostics);
            for diagnostic in &file.diagnostics {
                eprintln!("  {diagnostic}");
            }
        }
        parsed.push(file);
    }

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
        return Err(Failure(format!("the data has no {metric} figures (it has: {})", names.join(", "))));
    }
    // Several files are parts of one run: merged as the page merges them.
    let parts: Vec<Part<'_>> =
        paths.iter().zip(&parsed).map(|(name, p)| Part { name, report: &p.report, modified: None }).collect();
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

fn parse_metric(name: &str) -> Result<Metric, Failure> {
    Metric::from_plural(name)
        .ok_or_else(|| Failure(format!("unknown metric {name:?}: use lines, statements, branches or functions")))
}
