//! Fuzzes the Cobertura parser directly (no sniffing), then everything downstream of it.

#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::check(Some(covdash::formats::Format::Cobertura), data));
