//! Several files at once, as dropped together: parts of one run or moments of one project.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is a failed test")]

mod common;

use covdash::formats::{self, Parsed};
use covdash::model::{combine, suggest_reading, Metric, Part, Reading, Timestamp};

fn parse(fixture: &str) -> Parsed {
    formats::parse(&std::fs::read(common::root().join("tests/fixtures").join(fixture)).unwrap()).unwrap()
}

fn parts<'a>(files: &'a [(&'a str, Parsed)]) -> Vec<Part<'a>> {
    files.iter().map(|(name, parsed)| Part { name, report: &parsed.report, modified: None }).collect()
}

#[test]
fn the_same_project_at_two_moments_is_read_as_snapshots() {
    let files = [
        ("after.lcov", parse("snapshots/more-itertools-after/coverage.lcov")),
        ("before.lcov", parse("snapshots/more-itertools-before/coverage.lcov")),
    ];
    let mut parts = parts(&files);
    assert_eq!(suggest_reading(&parts), Reading::Snapshots);
    // Without times the order is by name; with the files' own times, oldest first.
    let by_name = combine(&parts, Reading::Snapshots);
    assert_eq!(by_name.snapshots.iter().map(|s| s.label.as_str()).collect::<Vec<_>>(), ["after.lcov", "before.lcov"]);
    parts[0].modified = Some(Timestamp::parse("2026-02-01T00:00:00Z").unwrap());
    parts[1].modified = Some(Timestamp::parse("2026-01-01T00:00:00Z").unwrap());
    let report = combine(&parts, Reading::Snapshots);
    let figures: Vec<(&str, Option<u64>)> = report
        .snapshots
        .iter()
        .map(|s| {
            let covered =
                s.packages.iter().filter_map(|p| p.coverage(Metric::Lines)?.counts()).map(|c| c.covered()).sum();
            (s.label.as_str(), Some(covered))
        })
        .collect();
    assert_eq!(figures, [("before.lcov", Some(514)), ("after.lcov", Some(1897))]);
}

#[test]
fn files_of_different_sources_are_read_as_parts_of_one_run() {
    let files = [
        ("cpp.info", parse("lcov/ok/generated-gcc12-lcov1.16-branches.info")),
        ("rust.lcov", parse("lcov/ok/generated-tarpaulin-0.37.5.lcov")),
    ];
    let parts = parts(&files);
    assert_eq!(suggest_reading(&parts), Reading::Merged);
    let report = combine(&parts, Reading::Merged);
    assert_eq!(report.snapshots.len(), 1);
    assert_eq!(report.snapshots[0].label, "cpp.info + rust.lcov");
    let lines = report.snapshots[0].packages.iter().filter_map(|p| p.coverage(Metric::Lines)?.counts());
    let (covered, total) = lines.fold((0, 0), |(c, t), x| (c + x.covered(), t + x.total()));
    // 28 of 33 lines (lcov) plus 7 of 12 (tarpaulin).
    assert_eq!((covered, total), (35, 45));
}

#[test]
fn one_file_is_one_reading() {
    let files = [("only.out", parse("go/ok/grcov-go-atomic.out"))];
    let parts = parts(&files);
    assert_eq!(suggest_reading(&parts), Reading::Merged);
    assert_eq!(combine(&parts, Reading::Snapshots), files[0].1.report);
    // The sample's three snapshots stay three, with their own labels.
    let sample = covdash::sample::parsed().unwrap();
    let parts = [Part { name: "sample.json", report: &sample.report, modified: None }];
    let labels: Vec<String> = combine(&parts, Reading::Merged).snapshots.into_iter().map(|s| s.label).collect();
    assert_eq!(labels, ["Session start", "Round 1 end", "Final"]);
}
