//! The view model: everything the page prints, already computed, formatted, sorted and keyed.
//!
//! Components in [`ui`](crate::ui) only lay these values out. Keeping the wording and rounding
//! here means they are tested natively, with no browser.

mod dashboard;
mod export;
mod format;
mod phrases;
mod report;
mod sections;
mod summary;

pub use dashboard::{dashboard, problems, DashboardView, OverallView, PackageRow, SnapshotTab, TierView, Tone};
pub use export::{badge_svg, covdash_json, markdown_report, text_report};
pub use format::{format_count, format_percent, rounded_percent};
pub use phrases::{achievement, basis, eta, hour_range, hours, pct, pct_or_na, points, readiness, reason, ETA_METHOD};
pub use report::{markdown, text, TextOptions};
pub use sections::{sections, BarRow, EtaRow, Fact, RecommendationRow, SectionBody, SectionView};
pub use summary::{summary, summary_text, Figure, PackageFigure, Summary};
