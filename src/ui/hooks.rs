//! Hooks: where the page's effects live.

mod use_css_vars;
mod use_file_loader;
mod use_settings_link;
mod use_sources;

pub use use_css_vars::use_css_vars;
pub use use_file_loader::use_file_loader;
pub use use_settings_link::use_settings_link;
pub use use_sources::{use_inline_source, use_remote_source, use_text_loader};
