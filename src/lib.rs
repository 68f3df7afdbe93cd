//! covdash: a code-coverage dashboard that runs entirely in the browser.
//!
//! Data flows one way: bytes → [`formats`] (detect, parse) → [`model`] → [`analysis`] →
//! [`present`] (the view model) → [`ui`] (Yew components). `ARCHITECTURE.md` at the repository
//! root has the code map.
//!
//! # Implementation note
//!
//! Only `ui` (the `web` feature, on by default) may name `yew`, `web_sys`, `gloo`,
//! `wasm_bindgen` or `js_sys`: everything else is a pure core that builds without them
//! (`cargo build --no-default-features`) and is tested natively (`tests/tidy.rs` checks it too). Nothing below
//! `ui` reads a clock, touches the DOM, or panics on input.

pub mod analysis;
pub mod formats;
pub mod history;
pub mod model;
pub mod present;
pub mod sample;
pub mod session;
#[cfg(feature = "web")]
pub mod ui;
