//! covdash: a code-coverage dashboard that runs entirely in the browser.
//!
//! Data flows one way: bytes → [`formats`] (detect, parse) → [`model`] → [`analysis`] →
//! [`present`] (the view model) → the page's components (`covdash-page`). `ARCHITECTURE.md` at
//! the repository root has the code map.
//!
//! # Implementation note
//!
//! This crate is the pure core: it has no web dependency (the page and the worker are crates of
//! their own), so the compiler keeps the browser out of it. Nothing here reads a clock,
//! touches the DOM, or panics on input.

pub mod analysis;
pub mod formats;
pub mod history;
pub mod model;
pub mod packed;
pub mod present;
pub mod sample;
pub mod session;
