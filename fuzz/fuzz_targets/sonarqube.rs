//! Fuzzes the SonarQube generic coverage reader directly, then everything downstream.

#![no_main]

mod common;

use covdash::formats::Format;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::check(Some(Format::SonarQube), data);
});
