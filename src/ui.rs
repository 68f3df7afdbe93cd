//! The page: Yew components, hooks and state. The only module that touches the DOM.
//!
//! State lives in one reducer ([`state`]); effects (reading files) live in [`hooks`]; the
//! components in [`components`] lay out what [`present`](crate::present) computed.

mod app;
pub mod backend;
mod browser;
pub mod components;
mod embed;
pub mod hooks;
pub mod local;
mod message;
pub mod state;
pub mod worker;

pub use app::{App, AppProps};
pub use browser::register_count_properties;
pub use embed::{Embed, EmbedOptions};
pub use local::Initial;
