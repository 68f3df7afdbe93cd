//! Fuzzes the diff reader, then patch coverage and every output that prints it. The input is
//! a diff, then a NUL byte, then a coverage file of any format (a fixture when there is no
//! NUL), so hostile paths and line numbers come from both sides.

#![no_main]

use std::rc::Rc;

use covdash::formats;
use covdash::model::{Metric, Settings};
use covdash::present::is_unsafe;

/// A real report to measure the diff against when the input brings none.
const COVERAGE: &[u8] = include_bytes!("../../tests/fixtures/patch/c-gcc-lcov/coverage.info");

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (diff, coverage) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, COVERAGE),
    };
    let Ok(parsed) = formats::parse_diff(diff) else { return };
    assert!(parsed.diagnostics.len() as u64 <= parsed.n_diagnostics);
    for file in &parsed.diff.files {
        assert!(file.added.windows(2).all(|w| w[0] < w[1]), "changed lines ascending, each once");
    }
    if let Some(problems) = covdash::present::problems(&[], Some(("fuzz.diff", &parsed))) {
        no_raw_controls("problems", &problems);
    }
    let Ok(report) = formats::parse(coverage) else { return };
    let Some(snapshot) = report.report.snapshots.last() else { return };
    let patch = covdash::analysis::patch_coverage(&parsed.diff, snapshot);
    assert!(patch.covered <= patch.measured);
    assert_eq!(patch.measured + patch.not_measured, patch.files.iter().map(|f| f.measured + f.not_measured).sum::<u64>());
    assert!(patch.measured + patch.not_measured <= patch.changed);
    for file in &patch.files {
        assert_eq!(file.measured - file.covered, file.uncovered_lines.len() as u64);
        assert!(file.percent.is_none_or(|p| (0.0..=100.0).contains(&p)));
    }
    no_raw_controls("patch text", &covdash::present::patch_text(&patch));
    assert!(serde_json::to_string(&covdash::present::patch_json(&patch)).is_ok());
    // Every report with the change in it: "This change" leads each of them.
    let mut with_change = report.report.clone();
    with_change.change = Some(Rc::new(parsed.diff));
    let settings = Settings::default();
    let analysis = covdash::analysis::analyse(&with_change, Metric::Lines, &settings);
    no_raw_controls("text report", &covdash::present::text(&analysis, covdash::present::TextOptions::default()));
    no_raw_controls("markdown report", &covdash::present::markdown(&analysis, &Default::default()));
    no_raw_controls("html report", &covdash::present::html_report(&with_change, &settings, "fuzz", &Default::default()));
});

fn no_raw_controls(what: &str, text: &str) {
    let bad = text.chars().find(|c| *c != '\n' && is_unsafe(*c));
    assert!(bad.is_none(), "{what}: a raw {bad:?}");
}
