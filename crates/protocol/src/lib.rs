//! What covdash's page and its core share: the vocabulary (a metric, a percentage, a time,
//! the settings and their link syntax), the view model's values the page lays out, and the
//! requests and replies between them ([`wire`]), sent in postcard's encoding (`message`, with
//! the `web` feature). The page depends on this crate and never on the core, so the compiler
//! keeps the parsers and the analysis out of the page; the core builds these values.

pub mod decimal;
pub mod escape;
pub mod format;
pub mod key;
pub mod link;
#[cfg(feature = "web")]
pub mod message;
pub mod overrides;
pub mod sample;
pub mod settings;
pub mod settings_text;
pub mod sort;
pub mod tail;
pub mod time;
pub mod view;
pub mod vocab;
pub mod wire;

pub use escape::{elide, escape_markup, is_unsafe, terminal, visible};
pub use format::{count_of, counted, format_count, format_percent, pct, rounded_percent, size_of_total, size_text};
pub use key::*;
pub use link::*;
pub use overrides::*;
pub use settings::{Group, PathFilter, Settings, SourceLink, Strategy, Tier, TierError, Tiers, WinScale};
pub use settings_text::*;
pub use tail::distinct_tails;
pub use time::{Date, Timestamp, TimestampError};
pub use view::*;
pub use vocab::{skipped_folder, LineState, Metric, Percent, Reading, Section};
pub use wire::*;
