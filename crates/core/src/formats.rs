//! Reading coverage files: sniff the format from the bytes, then parse into the [`model`].
//!
//! Parsing returns [`Parsed`] (the report plus non-fatal [`Diagnostic`]s) or, only when nothing
//! usable is left, a [`ParseError`] that carries a [`Position`]. No function here panics on any
//! input; a test feeds every prefix of every fixture to [`parse`] to keep it that way.
//!
//! [`model`]: crate::model

mod clover;
mod cobertura;
mod covdash;
mod coverage_py;
mod diff;
mod error;
mod go_profile;
mod go_test;
mod istanbul;
mod istanbul_summary;
mod jacoco;
mod json;
mod json_path;
mod junit;
mod lcov;
mod lines;
mod llvm_cov;
mod portfolio;
mod sniff;
mod sonarqube;
mod tarpaulin;
mod xml;

pub use diff::{is_diff, parse_diff, ParsedDiff};
/// The covdash JSON version covdash writes (every version up to it is read).
pub const COVDASH_JSON_VERSION: u64 = covdash::VERSION;
pub use error::{Diagnostic, ErrorKind, ParseError, Position};
pub use portfolio::{
    is_portfolio, read_portfolio, write_portfolio, Index, IndexEntry, PortfolioFile, PORTFOLIO_VERSION,
};
pub use sniff::{detect, Format};

use crate::model::{
    merge_repeats, packages_from_files, FileCoverage, Metric, Report, Settings, Snapshot, SourceFile, Timestamp,
};

/// What a file yielded.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub format: Format,
    pub report: Report,
    /// Settings the file carries (only covdash JSON has them); `None` means "keep the defaults".
    pub settings: Option<Settings>,
    /// The first records that were skipped or repaired, in input order (at most 20).
    pub diagnostics: Vec<Diagnostic>,
    /// How many records were skipped or repaired in all.
    pub n_diagnostics: u64,
    /// The files' sources, where the report carries them (cargo-tarpaulin's `content`), by
    /// the report's paths.
    pub sources: Vec<SourceFile>,
}

impl Parsed {
    /// The report's snapshot dated by the time its tool wrote into it, where it wrote one.
    pub(crate) fn written_at(mut self, time: Option<Timestamp>) -> Parsed {
        if let (Some(time), [snapshot]) = (time, self.report.snapshots.as_mut_slice()) {
            snapshot.timestamp = Some(time);
        }
        self
    }
}

/// Detects the format of `bytes` and parses them.
pub fn parse(bytes: &[u8]) -> Result<Parsed, ParseError> {
    parse_as(detect(bytes)?, bytes)
}

/// Parses `bytes` as `format`, without sniffing.
pub fn parse_as(format: Format, bytes: &[u8]) -> Result<Parsed, ParseError> {
    let bytes = sniff::strip_bom(bytes);
    match format {
        Format::CovdashJson => covdash::parse(bytes),
        Format::Lcov => lcov::parse(bytes),
        Format::Cobertura => cobertura::parse(bytes),
        Format::GoProfile => go_profile::parse(bytes),
        Format::GoTestText => go_test::parse_text(bytes),
        Format::GoTestJson => go_test::parse_json(bytes),
        Format::JUnit => junit::parse(bytes),
        Format::Istanbul => istanbul::parse(bytes),
        Format::IstanbulSummary => istanbul_summary::parse(bytes),
        Format::CoveragePy => coverage_py::parse(bytes),
        Format::LlvmCov => llvm_cov::parse(bytes),
        Format::Tarpaulin => tarpaulin::parse(bytes),
        Format::JaCoCo => jacoco::parse(bytes),
        Format::Clover => clover::parse(bytes),
        Format::SonarQube => sonarqube::parse(bytes),
    }
}

/// The report of a coverage file that is one moment of one run: its files normalised, repeated
/// paths merged, files grouped into packages by directory.
pub(crate) fn single_snapshot(
    format: Format,
    mut files: Vec<FileCoverage>,
    metric: Metric,
    diagnostics: lines::Diagnostics,
) -> Parsed {
    for file in &mut files {
        file.normalize();
    }
    let packages = packages_from_files(merge_repeats(files));
    let snapshot = Snapshot::new(format.name().to_owned(), None, packages);
    let report = Report::of_snapshot(metric, snapshot);
    let (diagnostics, n_diagnostics) = diagnostics.finish();
    Parsed { format, report, settings: None, diagnostics, n_diagnostics, sources: Vec::new() }
}
