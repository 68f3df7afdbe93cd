//! Hooks: where the page's effects live.

mod use_answer;
mod use_css_vars;
mod use_fetched_text;
mod use_loader;
mod use_settings_link;

pub use use_answer::{use_answer, Answer};
pub use use_css_vars::use_css_vars;
pub use use_fetched_text::{use_fetched_text, Fetched};
pub use use_loader::{use_inline_source, use_loader, use_remote_source, use_text_loader};
pub use use_settings_link::use_settings_link;
