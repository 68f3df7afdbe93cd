//! Hooks: where the page's effects live.

mod use_file_loader;
mod use_settings_link;
mod use_sources;

pub use use_file_loader::use_file_loader;
pub use use_settings_link::use_settings_link;
pub use use_sources::{use_source_parameter, use_text_loader};
