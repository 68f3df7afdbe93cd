//! The built-in sample: a hand-written team report (`docs/sample.md`) expressed in covdash
//! JSON, shown when no file has been given.

use crate::formats::{self, ParseError, Parsed};

/// The sample's file name, as shown on the page.
pub const FILE_NAME: &str = "modelscan-session.json";

/// The sample, as shipped in `samples/`.
pub const JSON: &[u8] = include_bytes!("../samples/modelscan-session.json");

/// The sample, parsed. A test keeps this an `Ok`.
pub fn parsed() -> Result<Parsed, ParseError> {
    formats::parse(JSON)
}
