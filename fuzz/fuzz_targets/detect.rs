//! Fuzzes sniffing and parsing as the page does it: whatever the bytes, detect and parse.

#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::check(None, data));
