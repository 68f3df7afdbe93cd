//! covdash's page: Yew components, hooks and state, the only crate that touches the DOM.
//!
//! State lives in one reducer ([`state`]); effects (reading files) live in [`hooks`]; the
//! components in [`components`] lay out what the core's view model
//! ([`present`](covdash::present)) computed, asked of the core through [`backend`].

mod app;
pub mod backend;
mod browser;
pub mod components;
mod embed;
pub mod hooks;
pub mod local;
pub mod state;

pub use app::{App, AppProps};
pub use browser::register_properties;
pub use embed::{Embed, EmbedOptions};
pub use local::Initial;
