//! Fuzzes both go test log parsers (text and -json) directly, then everything downstream.

#![no_main]

mod common;

use covdash::formats::Format;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::check(Some(Format::GoTestText), data);
    common::check(Some(Format::GoTestJson), data);
});
