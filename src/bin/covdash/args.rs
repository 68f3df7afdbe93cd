//! The command line's grammar, for clap: the commands, their flags and the settings flags
//! (the page's settings, under the names its links give them).

use std::path::PathBuf;

use clap::{Arg, ArgAction, ArgMatches, Args, FromArgMatches, Parser, Subcommand, ValueEnum};
use covdash::analysis::{Category, Window};
use covdash::model::{Metric, Percent, Reading, Timestamp};
use covdash::present::{self, Key, Overrides};

/// covdash: the coverage your tools measured, read from their own reports, as figures, changes,
/// histories and gates for CI.
///
/// Reads LCOV, Cobertura, JaCoCo, Clover, SonarQube's generic XML, coverage.py's, Istanbul's,
/// llvm-cov's and tarpaulin's JSON, Go's profiles, JUnit results and covdash's own JSON (as they
/// are, gzipped, or in a zip or tar archive, such as a CI artifact), and prints text, Markdown or
/// JSON with the figures each tool itself reports. The page, on the same core, shows them in the
/// browser.
#[derive(Parser)]
#[command(name = "covdash", version, after_help = EXIT_STATUS)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

const EXIT_STATUS: &str =
    "Exit status: 0 on success, 2 when a file cannot be read or used, or the arguments are wrong.";

#[derive(Subcommand)]
pub(crate) enum Command {
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
        #[command(flatten)]
        paths: PathArgs,
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
        fit: FitArgs,
        #[command(flatten)]
        settings: SettingsArgs,
        #[command(flatten)]
        paths: PathArgs,
    },
    /// What a change did to coverage, line by line, in genhtml 2.x's differential categories.
    ///
    /// Every line of the current report, and every line of the baseline the change deleted or
    /// the current report no longer measures, in one of 12 categories: UNC/GNC new code not
    /// tested/tested, LBC lost its tests, GBC newly tested, CBC/UBC still tested/not, UIC/GIC
    /// newly measured, DCB/DUB deleted, ECB/EUB no longer measured (docs/change.md). The diff
    /// (`git diff BASE..HEAD`, with or without `a/` `b/`) maps the lines; without one the
    /// reports are of the same source. --format json prints {"total": {"UNC": n, …}, "files": [{"path",
    /// "counts", "lines": [{"line", "category"}]}]}.
    Compare {
        /// The coverage of the baseline, in any format covdash reads.
        #[arg(value_name = "BASELINE")]
        baseline: String,
        /// The coverage now.
        #[arg(value_name = "CURRENT")]
        current: String,
        /// The change between the two reports' sources: a unified diff, `-` for stdin.
        #[arg(long, value_name = "FILE")]
        diff: Option<String>,
        /// text is an aligned table for terminals, markdown a pull-request comment, json every
        /// line's category.
        #[arg(long, value_enum, default_value_t = CompareFormat::Text)]
        format: CompareFormat,
        #[command(flatten)]
        fit: FitArgs,
        #[command(flatten)]
        paths: PathArgs,
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
        #[command(flatten)]
        paths: PathArgs,
    },
    /// Writes the coverage in another format, for the tools and CI platforms that read only theirs.
    ///
    /// lcov: an LCOV tracefile of the latest snapshot, per-line hits, branch counts and
    /// functions carried over as the input has them (what it lacks is said on stderr).
    /// cobertura: Cobertura XML of the latest snapshot (lines and branches), as GitLab's and
    /// GitHub's coverage views read it. json: covdash JSON, every snapshot. Several files are
    /// read as parts of one run.
    Convert {
        /// The format to write.
        #[arg(long, value_enum)]
        to: ConvertFormat,
        /// Coverage files, in any format covdash reads.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
        /// Writes the report to this file (standard output otherwise). A Cobertura report over
        /// --max-bytes is written in parts, `coverage.xml` as `coverage.1.xml`,
        /// `coverage.2.xml`, …: GitLab reads them all with `coverage_report: path:
        /// coverage.*.xml`.
        #[arg(long, short, value_name = "FILE")]
        output: Option<String>,
        /// The most a Cobertura file may hold, in bytes (GitLab's limit, 10 MiB, by default).
        #[arg(long, value_name = "BYTES", default_value_t = present::convert::COBERTURA_MAX_BYTES)]
        max_bytes: usize,
        #[command(flatten)]
        paths: PathArgs,
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
        /// Keeps the history on this git branch of --remote, which many jobs can share: the
        /// branch is fetched, the snapshot added to its history (the file named as --history),
        /// committed alone and pushed; a push refused because another job pushed first is
        /// tried again on the new tip. The working tree is not touched; the history is also
        /// written to --history.
        #[arg(long, value_name = "BRANCH")]
        git_branch: Option<String>,
        /// The remote of --git-branch.
        #[arg(long, value_name = "NAME", default_value = "origin", requires = "git_branch")]
        remote: String,
        /// Coverage and test-result files of one run.
        #[arg(required = true, value_name = "COVERAGE_OR_TEST_FILE")]
        files: Vec<String>,
        #[command(flatten)]
        settings: SettingsArgs,
        #[command(flatten)]
        paths: PathArgs,
    },
    /// Gates for CI: exits 1, with one line per rule failed, when coverage is too low or fell.
    ///
    /// --fail-under judges the overall figure, --fail-under-package each package, --max-drop
    /// the fall in points since the history's previous snapshot of the same ref (another
    /// commit). Passed rules are printed on stdout, failed ones on stderr. Given no rule, it
    /// exits 2: a gate that judges nothing would pass whatever the coverage.
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
        /// The coverage of the baseline, for --fail-on.
        #[arg(long, value_name = "FILE", requires = "fail_on")]
        baseline: Option<String>,
        /// The change since the baseline (`git diff BASE..HEAD`), for --fail-on.
        #[arg(long, value_name = "FILE", requires = "baseline")]
        diff: Option<String>,
        /// Fails when a line falls in one of these categories of `covdash compare`, against
        /// --baseline through --diff: `UNC,LBC` (new code not tested, lines that lost their tests).
        #[arg(long, value_name = "CODES", requires = "baseline", value_parser = parse_categories)]
        fail_on: Option<Categories>,
        /// The files are a portfolio (indexes, built portfolios, histories): --fail-under
        /// gates the organisation's figure, and with --per-team each team's.
        #[arg(long, conflicts_with_all = ["fail_under_package", "max_drop", "history", "baseline"])]
        portfolio: bool,
        /// With --portfolio: every team's figure must reach --fail-under too.
        #[arg(long, requires = "portfolio")]
        per_team: bool,
        #[command(flatten)]
        view: PortfolioViewArgs,
        /// Another run of the same commit: lines it and the files checked find the other way
        /// (covered in one run, not the other) are unstable, and --fail-on leaves them out.
        #[arg(long, value_name = "FILE", requires = "fail_on")]
        ignore_unstable: Option<String>,
        #[command(flatten)]
        settings: SettingsArgs,
        #[command(flatten)]
        paths: PathArgs,
    },
    /// An organisation's coverage: every repository in one view, weighted by counts.
    ///
    /// Reads a portfolio index (covdash-portfolio.json: each repository's name, history or
    /// report, team and tags), a portfolio built by `portfolio build`, or histories and reports
    /// given together (each a repository, named by its title, else its file). Prints the
    /// organisation's figure (Σ covered / Σ total of the metric over the repositories that have
    /// it) and trend, every repository (furthest from the target first), the teams and where
    /// the lines to the target are. `portfolio build` writes one compact file a page reads
    /// instead of every history. docs/portfolio.md.
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Portfolio {
        #[command(subcommand)]
        build: Option<PortfolioCommand>,
        /// Portfolio indexes, built portfolios, histories and reports.
        #[arg(required = true, value_name = "INDEX_OR_HISTORY")]
        files: Vec<String>,
        /// text for terminals, markdown for comments (within --max-chars), csv one row per
        /// repository, json the whole view.
        #[arg(long, value_enum, default_value_t = PortfolioFormat::Text)]
        format: PortfolioFormat,
        #[command(flatten)]
        view: PortfolioViewArgs,
        /// The most characters the Markdown output may have (repositories left out from the
        /// end, and said so).
        #[arg(long, value_name = "N", default_value_t = present::COMMENT_CHARS, value_parser = clap::value_parser!(usize))]
        max_chars: usize,
        /// --metric and --target over the index's (else the metric most repositories have,
        /// and 80%); --tiers for the tiers.
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
        #[command(flatten)]
        paths: PathArgs,
    },
}

/// `covdash portfolio build`.
#[derive(Subcommand)]
pub(crate) enum PortfolioCommand {
    /// Reads every repository's history once and writes one compact portfolio (each
    /// repository's latest counts per metric, a trend of at most 120 days, its last time and
    /// commit): the same bytes for the same histories, one repository per line.
    Build {
        /// Portfolio indexes, built portfolios, histories and reports.
        #[arg(required = true, value_name = "INDEX_OR_HISTORY")]
        files: Vec<String>,
        /// Where to write it (written whole, then renamed into place); standard output when
        /// not given.
        #[arg(short, long, value_name = "FILE")]
        output: Option<String>,
    },
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub(crate) enum PortfolioFormat {
    Text,
    #[value(alias = "md")]
    Markdown,
    Csv,
    Json,
}

/// How an organisation is looked at.
#[derive(Args, Clone)]
pub(crate) struct PortfolioViewArgs {
    /// What a change is measured over: `last` (each repository's snapshot before), or days
    /// (`7d`, `30d`).
    #[arg(long, value_name = "WINDOW", default_value = "7d", value_parser = parse_window)]
    pub(crate) window: Window,
    /// Days without a run before a repository is stale (default: the index's, else 14).
    #[arg(long, value_name = "DAYS")]
    pub(crate) stale_after: Option<u32>,
    /// The moment staleness is judged at, RFC 3339 (default: now).
    #[arg(long, value_name = "RFC3339", value_parser = |text: &str| Timestamp::parse(text).map_err(|e| e.to_string()))]
    pub(crate) now: Option<Timestamp>,
}

fn parse_window(text: &str) -> Result<Window, String> {
    match text.trim() {
        "last" => Ok(Window::LastSnapshot),
        other => other
            .strip_suffix('d')
            .and_then(|days| days.parse::<u32>().ok())
            .filter(|days| *days > 0)
            .map(Window::Days)
            .ok_or_else(|| format!("“{other}” is not a window: `last`, or days as `7d` or `30d`")),
    }
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub(crate) enum ReportFormat {
    Text,
    #[value(alias = "md")]
    Markdown,
    Json,
    Html,
}

/// How a Markdown output fits where it goes.
#[derive(Args, Clone)]
pub(crate) struct FitArgs {
    /// The most characters the Markdown output may have (default 65536, what GitHub takes in
    /// a comment; 1048576 for a job summary): what does not fit is left out, the least a
    /// reviewer needs first, and the output says so.
    #[arg(long, value_name = "N", default_value_t = present::COMMENT_CHARS, value_parser = clap::value_parser!(usize))]
    max_chars: usize,
    /// Where the full report is (an address): named in the Markdown output when something was
    /// left out to fit.
    #[arg(long, value_name = "URL")]
    link: Option<String>,
}

impl FitArgs {
    pub(crate) fn options(self) -> present::MarkdownOptions {
        present::MarkdownOptions { max_chars: self.max_chars, link: self.link }
    }
}

/// What `covdash compare` prints.
#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub(crate) enum CompareFormat {
    Text,
    #[value(alias = "md")]
    Markdown,
    Json,
}

/// What `covdash convert` writes.
#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub(crate) enum ConvertFormat {
    Lcov,
    Cobertura,
    Json,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub(crate) enum ReadingArg {
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

/// Which of the report's files count, for every command that reads coverage.
#[derive(Args, Clone, Default)]
pub(crate) struct PathArgs {
    /// Leaves out the files whose path (as the report writes it) this glob matches: `*`
    /// within a path segment, `**` across segments, `?` one character (`--exclude '**/test/**'
    /// --exclude '**/*.config.*'`). Applied before anything is counted.
    #[arg(long, value_name = "GLOB", help_heading = "Files")]
    exclude: Vec<String>,
    /// Counts only the files whose path one of these globs matches (as --exclude).
    #[arg(long, value_name = "GLOB", help_heading = "Files")]
    include: Vec<String>,
}

impl PathArgs {
    /// `overrides` with these globs, which win over the data's (covdash JSON's `exclude` and
    /// `include`) as every flag wins over the data's settings.
    pub(crate) fn over(&self, overrides: &Overrides) -> Overrides {
        let mut overrides = overrides.clone();
        if !self.exclude.is_empty() {
            overrides.exclude = Some(self.exclude.clone());
        }
        if !self.include.is_empty() {
            overrides.include = Some(self.include.clone());
        }
        overrides
    }
}

/// The settings a command takes, one flag per [`Key`] the command line has, read by the same
/// parser as the page's link.
#[derive(Clone, Default)]
pub(crate) struct SettingsArgs(pub(crate) Overrides);

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

/// Categories of `covdash compare`, as `--fail-on` takes them.
#[derive(Clone, Debug)]
pub(crate) struct Categories(pub(crate) Vec<Category>);

/// `UNC,LBC`: genhtml's three-letter codes, comma-separated.
fn parse_categories(text: &str) -> Result<Categories, String> {
    let codes = text.split(',').filter(|c| !c.trim().is_empty());
    let read: Result<Vec<Category>, String> = codes
        .map(|code| {
            Category::from_code(code).ok_or_else(|| {
                let known: Vec<&str> = Category::ALL.iter().map(|c| c.code()).collect();
                format!("{:?} is not a category ({})", code.trim(), known.join(", "))
            })
        })
        .collect();
    match read? {
        categories if categories.is_empty() => Err("name at least one category, such as UNC".to_owned()),
        categories => Ok(Categories(categories)),
    }
}

/// A number of percentage points, 0 or more.
fn parse_points(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(points) if points.is_finite() && points >= 0.0 => Ok(points),
        _ => Err(format!("expected a number of points, 0 or more, such as 0.5; found {text:?}")),
    }
}
