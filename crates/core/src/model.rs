//! The coverage data covdash works on: counts, percentages, packages, snapshots, and the
//! settings that say how to judge them.
//!
//! Everything here is a plain value. Nothing in this module does I/O, reads a clock, or knows
//! about the page: a parser builds these values, the analysis reads them.

mod combine;
mod coverage;
mod diff;
mod files;
mod filter;
mod glob;
mod lines;
mod portfolio;
mod source;
mod span;

pub use combine::{combine, coverage_parts, order, same_run, suggest_reading, Order, Part};
pub use covdash_protocol::settings::{
    Group, PathFilter, Settings, SourceLink, Strategy, Tier, TierError, Tiers, WinScale,
};
pub use covdash_protocol::sort::{sort, sort_by, sort_by_key};
pub use covdash_protocol::time::{Date, Timestamp, TimestampError};
pub use covdash_protocol::vocab::{skipped_folder, LineState, Metric, Percent, Reading};
pub use coverage::{
    merge_snapshots, packages_from_files, short_commit, AsOf, Counts, Coverage, Metrics, Package, Report, Revision,
    Snapshot, TestStats, WorkTimes,
};
pub use diff::{ChangeKind, Diff, FileChange};
pub use files::{
    compare_bytes, merge_repeats, most_uncovered_first, normalize_path, parent_dir, same_bytes, Block, BranchHit,
    BranchId, BranchLine, FileCoverage, FunctionHit, LineCounts, LineHit, Recorded, Stated,
};
pub use filter::{keeps, LeftOut};
pub use glob::glob_match;
pub use lines::LineRun;
pub use portfolio::{Portfolio, Repository, TrendPoint, RECENT_DAYS, TREND_POINTS};
pub use source::{SourceFile, Sources};
pub use span::{Span, Unit};
