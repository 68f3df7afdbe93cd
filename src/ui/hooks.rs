//! Hooks: where the page's effects live.

mod use_file_loader;

pub use use_file_loader::use_file_loader;
