//! Diffs and patch coverage: the diff reader on real diffs from git and GNU diff
//! (`tests/fixtures/diff/{ok,warn,err}`, each with the reading expected beside it), and the
//! patch figures against diff-cover's own on real projects (`tests/fixtures/patch/`).

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is a failed test")]

mod common;

use std::fmt::Write as _;

use common::{check_snapshot, expected_path, fixtures};
use covdash::formats::{self, ParsedDiff};

/// A stable reading of a diff: a line per file, its kind, paths and added lines as ranges.
/// ` 2 4-6`: ascending line numbers, runs joined.
fn ranges(out: &mut String, numbers: &[u32]) {
    let mut lines = numbers.iter().peekable();
    while let Some(&start) = lines.next() {
        let mut end = start;
        while lines.peek().is_some_and(|&&next| next == end + 1) {
            end = *lines.next().unwrap();
        }
        let _ = if start == end { write!(out, " {start}") } else { write!(out, " {start}-{end}") };
    }
}

fn dump_diff(parsed: &ParsedDiff) -> String {
    let mut out = String::new();
    for file in &parsed.diff.files {
        let path = |p: &Option<String>| p.as_deref().map_or("-".to_owned(), |p| format!("{p:?}"));
        let _ = write!(out, "{:?} {} -> {}:", file.kind, path(&file.old_path), path(&file.new_path));
        let sides = [("added", &file.added), ("deleted", &file.deleted)];
        for (i, (what, lines)) in sides.into_iter().filter(|(_, lines)| !lines.is_empty()).enumerate() {
            out.push_str(if i == 0 { " " } else { "; " });
            out.push_str(what);
            ranges(&mut out, lines);
        }
        out.push('\n');
    }
    for diagnostic in &parsed.diagnostics {
        let _ = writeln!(out, "! {diagnostic}");
    }
    out
}

/// The `err/` fixtures that are diffs, of a kind covdash does not read.
const REFUSED_DIFFS: [&str; 1] = ["git-show-merge-cc.diff"];

/// The one check for the diff reader: the fixture's folder says what to expect.
#[track_caller]
fn check(fixture: &std::path::Path) {
    let bytes = std::fs::read(fixture).unwrap();
    let class = fixture.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap_or("");
    let name = fixture.display();
    // A refused diff is still taken for one, so that what is said is why it is refused.
    let a_diff = class != "err" || REFUSED_DIFFS.iter().any(|refused| fixture.ends_with(refused));
    assert_eq!(formats::is_diff(&bytes[..bytes.len().min(4096)]), a_diff, "{name}: sniffed wrongly");
    let actual = match (formats::parse_diff(&bytes), class) {
        (Ok(parsed), "ok") => {
            assert!(parsed.diagnostics.is_empty(), "{name}: unexpected diagnostics {:?}", parsed.diagnostics);
            dump_diff(&parsed)
        }
        (Ok(parsed), "warn") => {
            assert!(!parsed.diagnostics.is_empty(), "{name}: expected diagnostics, found none");
            dump_diff(&parsed)
        }
        (Err(error), "err") => format!("{error}\n"),
        (Ok(parsed), _) => panic!("{name}: read, but it should not be:\n{}", dump_diff(&parsed)),
        (Err(error), _) => panic!("{name}: {error}"),
    };
    check_snapshot(&expected_path(fixture), &actual);
}

#[test]
fn diff_fixtures() {
    for fixture in fixtures("diff") {
        check(&fixture);
    }
}

#[test]
fn every_prefix_of_every_diff_reads_without_panicking() {
    for fixture in fixtures("diff") {
        let bytes = std::fs::read(&fixture).unwrap();
        for end in 0..=bytes.len() {
            // Nothing panics, and what is read of a prefix is consistent.
            if let Ok(parsed) = formats::parse_diff(&bytes[..end]) {
                assert!(parsed.diagnostics.len() as u64 <= parsed.n_diagnostics);
                assert!(parsed.diff.files.iter().all(|f| f.added.windows(2).all(|w| w[0] < w[1])));
            }
        }
    }
}

#[test]
fn every_fuzz_finding_of_the_diff_reader_reads_and_measures() {
    // What `fuzz/fuzz_targets/diff.rs` checks: a diff, a NUL, then a coverage file (the gcc/lcov
    // case's when there is no NUL).
    let fixture_coverage = std::fs::read(common::root().join("tests/fixtures/patch/c-gcc-lcov/coverage.info")).unwrap();
    for finding in fixtures("fuzz/diff") {
        let bytes = std::fs::read(&finding).unwrap();
        let (diff, coverage) = match bytes.iter().position(|&b| b == 0) {
            Some(at) => (&bytes[..at], &bytes[at + 1..]),
            None => (&bytes[..], &fixture_coverage[..]),
        };
        let Ok(parsed) = formats::parse_diff(diff) else { continue };
        for file in &parsed.diff.files {
            assert!(file.added.windows(2).all(|w| w[0] < w[1]), "{}: changed lines out of order", finding.display());
        }
        let Some(snapshot) = formats::parse(coverage).ok().and_then(|p| p.report.snapshots.last().cloned()) else {
            continue;
        };
        let patch = covdash::analysis::patch_coverage(&parsed.diff, &snapshot);
        assert!(patch.covered <= patch.measured && patch.measured + patch.not_measured <= patch.changed);
        let text = covdash::present::patch_text(&patch);
        assert!(text.chars().all(|c| c == '\n' || !common::acts_on_text(c)), "{text:?}");
    }
}

/// The patch figures of a case folder's change against its coverage, read as the page and
/// the CLI read them.
fn patch_of(dir: &std::path::Path) -> covdash::analysis::Patch {
    let coverage = ["coverage.xml", "coverage.lcov", "coverage.info"]
        .into_iter()
        .map(|name| dir.join(name))
        .find(|p| p.exists())
        .unwrap();
    let inputs = [coverage, dir.join("change.diff")].map(|path| covdash::session::Input {
        name: path.display().to_string(),
        bytes: std::fs::read(&path).unwrap(),
        modified: None,
        in_folder: false,
    });
    let (batch, failures) = covdash::session::Batch::parse(inputs.into());
    assert!(failures.is_empty(), "{failures:?}");
    let reading = batch.info().reading;
    let how = covdash::session::Combination::new(reading, &Default::default(), &Default::default());
    covdash::analysis::analyse(&batch.combine(&how).report, covdash::model::Metric::Lines, &Default::default())
        .patch
        .unwrap()
}

/// diff-cover's JSON report, as covdash's figures: per file (measured, covered, uncovered
/// lines), and the totals.
type Figures = (Vec<(String, u64, u64, Vec<u32>)>, u64, u64);

fn diff_cover(dir: &std::path::Path) -> Figures {
    let text = std::fs::read_to_string(dir.join("diff-cover.json")).unwrap();
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    let lines = |v: &serde_json::Value| -> Vec<u32> {
        v.as_array().unwrap().iter().map(|n| u32::try_from(n.as_u64().unwrap()).unwrap()).collect()
    };
    let mut files: Vec<(String, u64, u64, Vec<u32>)> = report["src_stats"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(path, stats)| {
            let (covered, missed) = (lines(&stats["covered_lines"]), lines(&stats["violation_lines"]));
            (path.clone(), (covered.len() + missed.len()) as u64, covered.len() as u64, missed)
        })
        .collect();
    covdash::model::sort(&mut files);
    let total = report["total_num_lines"].as_u64().unwrap();
    (files, total, total - report["total_num_violations"].as_u64().unwrap())
}

fn covdash_figures(patch: &covdash::analysis::Patch) -> Figures {
    let mut files: Vec<(String, u64, u64, Vec<u32>)> = patch
        .files
        .iter()
        .filter(|f| f.measured > 0)
        .map(|f| (f.path.clone(), f.measured, f.covered, f.uncovered_lines.clone()))
        .collect();
    covdash::model::sort(&mut files);
    (files, patch.measured, patch.covered)
}

#[test]
fn patch_figures_are_diff_covers() {
    let root = common::root().join("tests/fixtures/patch");
    for case in ["more-itertools-cobertura", "more-itertools-lcov", "c-gcc-lcov"] {
        let dir = root.join(case);
        assert_eq!(covdash_figures(&patch_of(&dir)), diff_cover(&dir), "{case}");
    }
    // A Cobertura report whose file names are relative to a `<source>` that is not on this
    // machine: diff-cover finds nothing of the diff in it, covdash matches the paths by their
    // ending and gives what diff-cover gives where the source is at hand.
    let elsewhere = root.join("more-itertools-cobertura-elsewhere");
    assert_eq!(diff_cover(&elsewhere), (vec![], 0, 0));
    assert_eq!(covdash_figures(&patch_of(&elsewhere)), diff_cover(&root.join("more-itertools-cobertura")));
}

#[test]
fn changed_lines_the_report_does_not_measure_are_counted_apart() {
    // diff-cover's num_changed_lines: every line the diff adds, measured or not.
    let root = common::root().join("tests/fixtures/patch");
    for case in ["more-itertools-cobertura", "c-gcc-lcov"] {
        let dir = root.join(case);
        let report: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("diff-cover.json")).unwrap()).unwrap();
        let patch = patch_of(&dir);
        assert_eq!(patch.changed, report["num_changed_lines"].as_u64().unwrap(), "{case}");
        assert_eq!(patch.measured + patch.not_measured, patch.changed, "{case}");
    }
}
