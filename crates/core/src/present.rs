//! The view model: everything the page prints, already computed, formatted, sorted and keyed.
//!
//! The page's components (`covdash-page`) only lay these values out. Keeping the wording and rounding
//! here means they are tested natively, with no browser.

pub mod convert;
mod dashboard;
mod differential;
mod export;
mod files;
mod patch;
mod phrases;
mod portfolio;
mod portfolio_view;
mod reading;
mod report;
mod sections;
mod source;
mod summary;
mod table;
mod treemap;
mod trend;

pub use covdash_protocol::escape::{elide, escape_markup, is_unsafe, terminal, visible};
pub use covdash_protocol::format::{
    count_of, counted, format_count, format_percent, pct, rounded_percent, size_of_total, size_text,
};
pub use covdash_protocol::key::*;
pub use covdash_protocol::link::*;
pub use covdash_protocol::overrides::*;
pub use covdash_protocol::settings_text::*;
pub use covdash_protocol::tail::distinct_tails;
pub use covdash_protocol::view::*;
pub use dashboard::{dashboard, problems, problems_of};
pub use differential::{differential_text, differential_words};
pub use export::{badge_of, badge_svg, covdash_json, html_report, markdown_report, text_report};
pub use files::{lines_text, package_files, SHOWN_FILES};
pub use patch::{patch_json, patch_text, PatchFileJson, PatchJson};
pub use phrases::{
    achievement, basis, estimate, eta, judged, none_of_a_folders, pace, pct_or_na, points, readiness, reason, since,
    skipped, threshold, Skipped,
};
pub use portfolio::{
    portfolio_csv, portfolio_headline, portfolio_json, portfolio_markdown, portfolio_text, portfolio_trend, ranked,
    recommended, sparkline, window_words,
};
pub use portfolio_view::{portfolio_dashboard, portfolio_sections};
pub use reading::{apply_metric, apply_ref};
pub use report::{differential_markdown, html, markdown, text, HtmlParts, MarkdownOptions, TextOptions, COMMENT_CHARS};
pub use sections::{recommendations_section, sections};
pub use source::{
    annotated_files, mark_changes, missing_source, read_once, source_url, source_view, sources_text, Annotated,
    SourceText, ANNOTATED_FILES,
};
pub use summary::{summary, summary_text, Figure, PackageFigure, Summary};
pub use treemap::{portfolio_treemap, report_treemap, CELLS as TREEMAP_CELLS};
