//! covdash's parsers exported to JavaScript, for measuring them under Node (bench/run.mjs).

use wasm_bindgen::prelude::*;

/// Grows the heap once to hold `bytes` more: dlmalloc keeps the freed block, so the parse
/// that follows does not grow memory in small steps (each `memory.grow` costs ~0.3 ms).
#[wasm_bindgen]
pub fn reserve(bytes: usize) {
    drop(Vec::<u8>::with_capacity(bytes));
}

/// Detects and parses `bytes`; returns how many packages the last snapshot has.
#[wasm_bindgen]
pub fn parse(bytes: &[u8]) -> Result<u32, JsError> {
    let parsed = covdash::formats::parse(bytes).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(parsed.report.latest().map_or(0, |s| s.packages.len() as u32))
}
