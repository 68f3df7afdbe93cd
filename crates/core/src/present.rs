//! The view model: everything the page prints, already computed, formatted, sorted and keyed.
//!
//! The page's components (`covdash-page`) only lay these values out. Keeping the wording and rounding
//! here means they are tested natively, with no browser.

mod dashboard;
mod escape;
mod export;
mod files;
mod format;
mod patch;
mod phrases;
mod report;
mod sections;
mod settings_link;
mod source;
mod summary;
mod tail;
mod trend;

pub use dashboard::{
    dashboard, problems, DashboardView, MetricChoice, OverallView, PackageRow, PackageRows, SnapshotTab, TierView, Tone,
};
pub use escape::{elide, is_unsafe, terminal};
pub use export::{badge_svg, covdash_json, markdown_report, text_report};
pub use files::{package_files, FileRow, FileSort, FunctionRow, PackageFiles, SHOWN_FILES};
pub use format::{format_count, format_percent, rounded_percent, size_of_total, size_text};
pub use patch::{patch_json, patch_text, PatchFileJson, PatchJson};
pub use phrases::{
    achievement, basis, estimate, eta, pace, pct, pct_or_na, points, readiness, reason, since, ETA_METHOD,
};
pub use report::{html, markdown, text, TextOptions};
pub use sections::{
    sections, BarRow, Estimate, EtaRow, Fact, FileItem, Ranked, RecommendationRow, SectionBody, SectionView,
};
pub use settings_link::{
    fragment, fragment_with, groups_text, parse_fragment, parse_group, parse_groups, parse_link, parse_metric,
    parse_percent, parse_tiers, parse_wins, tiers_text, wins_text, Key, Link, Overrides, Place, RefChoice, Theme,
};
pub use source::{
    annotated_files, line_mark, missing_source, source_url, source_view, sources_text, Annotated, SourceLine,
    SourceOrigin, SourceText, SourceView, ANNOTATED_FILES,
};
pub use summary::{summary, summary_text, Figure, PackageFigure, Summary};
pub use tail::distinct_tails;
pub use trend::{Mover, Movers, TrendPoint, TrendView};
