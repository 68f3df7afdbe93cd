//! The analysis as a report: a terminal report ([`text`]) and a pull-request comment
//! ([`markdown`]). The JSON report is the [`Analysis`](crate::analysis::Analysis) itself.

mod markdown;
mod text;

pub use markdown::markdown;
pub use text::{text, TextOptions};
