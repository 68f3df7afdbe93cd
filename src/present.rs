//! The view model: everything the page prints, already computed, formatted, sorted and keyed.
//!
//! Components in [`ui`](crate::ui) only lay these values out. Keeping the wording and rounding
//! here means they are tested natively, with no browser.

mod dashboard;
mod format;
mod summary;

pub use dashboard::{dashboard, problems, DashboardView, OverallView, PackageRow, SnapshotTab, TierView, Tone};
pub use format::{format_count, format_percent, rounded_percent};
pub use summary::{summary, summary_text, Figure, PackageFigure, Summary};
