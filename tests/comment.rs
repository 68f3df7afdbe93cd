//! The pull-request comment keeps to its budget (`covdash report --format markdown
//! --max-chars N`): a large report is cut, what a reviewer needs first is kept, no table is
//! broken (read back by cmark-gfm, GitHub's renderer), and the comment says what it left out.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is a failed test")]

mod common;

use std::io::Write as _;
use std::process::{Command, Stdio};

/// An LCOV report of `n_files` files in `n_dirs` directories, 10 lines each: the files of one
/// directory in ten are not covered at all (their packages are below the target), the rest
/// fully.
fn lcov(n_files: usize, n_dirs: usize) -> String {
    let mut out = String::new();
    for f in 0..n_files {
        let dir = f % n_dirs;
        let hits = if dir.is_multiple_of(10) { 0 } else { 1 };
        out.push_str(&format!("SF:/repo/src/d{dir:04}/file{f}.c\n"));
        for line in 1..=10 {
            out.push_str(&format!("DA:{line},{hits}\n"));
        }
        out.push_str("end_of_record\n");
    }
    out
}

fn covdash(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_covdash")).args(args).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn render_gfm(markdown: &str) -> String {
    let mut child = Command::new("cmark-gfm")
        .args(["--unsafe", "-e", "table", "-e", "autolink", "-e", "tagfilter"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("cmark-gfm is needed (scripts/setup.sh installs Debian's cmark-gfm)");
    child.stdin.take().unwrap().write_all(markdown.as_bytes()).unwrap();
    String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap()
}

/// The rows of the Markdown's tables (lines that start with `|`, less their `|---|` rules),
/// and the rows of the HTML's tables: equal when every table was read whole.
fn table_rows(markdown: &str, html: &str) -> (usize, usize) {
    let md = markdown.lines().filter(|l| l.starts_with('|') && !l.starts_with("|-") && !l.starts_with("|:")).count();
    (md, html.matches("<tr>").count())
}

#[test]
fn a_large_report_is_cut_to_the_budget_keeping_the_packages_below_the_target() {
    let dir = common::Scratch::new("comment");
    let path = dir.join("many.info");
    // 2,500 packages: 250 of them below the target.
    std::fs::write(&path, lcov(20_000, 2_500)).unwrap();
    let path = path.to_str().unwrap();

    let whole = covdash(&["report", "--format", "markdown", "--max-chars", "100000000", path]);
    assert!(whole.chars().count() > 65_536, "the whole comment fits already: {}", whole.chars().count());

    let cases: [(&[&str], usize); 2] = [(&[], 65_536), (&["--max-chars", "20000"], 20_000)];
    for (flags, budget) in cases {
        let mut args = vec!["report", "--format", "markdown", "--link", "https://ci.example/run/7"];
        args.extend_from_slice(flags);
        args.push(path);
        let comment = covdash(&args);
        assert!(comment.chars().count() <= budget, "{} characters over {budget}", comment.chars().count());
        // The overall figure and the summary come first, whole.
        assert!(comment.contains("| **Coverage** (lines) | **90.0%** |"), "{comment}");
        assert!(comment.contains("| Target | 80.0% per package: 250 of 2500 below |"), "{comment}");
        // Every package below the target is listed before any other.
        let below = (0..2_500).filter(|d| d % 10 == 0).map(|d| format!("| d{d:04} | 0.0%"));
        let listed_below = below.filter(|row| comment.contains(row.as_str())).count();
        let listed_above =
            (0..2_500).filter(|d| d % 10 != 0).filter(|d| comment.contains(&format!("| d{d:04} | 100.0%"))).count();
        assert_eq!(listed_below, 250, "packages below the target left out under {budget}");
        assert!(listed_above < 2_250, "nothing was left out under {budget}");
        // What was left out is said, with where the rest is.
        let note = comment.lines().last().unwrap_or_default();
        let left_out = 2_250 - listed_above;
        assert!(
            note.starts_with(&format!("_… and {} more packages, ", covdash::present::format_count(left_out as u64)))
                && note.ends_with(&format!(
                    "to fit {} characters (full report: https://ci.example/run/7)._",
                    covdash::present::format_count(budget as u64)
                )),
            "{note}"
        );
        // GitHub reads every table whole: the cut falls between rows.
        let html = render_gfm(&comment);
        let (md_rows, html_rows) = table_rows(&comment, &html);
        assert_eq!(md_rows, html_rows, "a table was broken under {budget}");
        // A part whose every row was left out is left out whole: no "Details" to open on nothing.
        for details in html.split("<details>").skip(1) {
            let inside = details.split("</summary>").nth(1).and_then(|rest| rest.split("</details>").next());
            assert!(inside.is_some_and(|text| !text.trim().is_empty()), "an empty <details> under {budget}");
        }
    }
}

#[test]
fn a_report_that_fits_is_printed_whole() {
    let path = format!("{}/tests/fixtures/snapshots/more-itertools-after/coverage.lcov", env!("CARGO_MANIFEST_DIR"));
    let whole = covdash(&["report", "--format", "markdown", &path]);
    let roomy = covdash(&["report", "--format", "markdown", "--max-chars", "1048576", &path]);
    assert_eq!(whole, roomy);
    assert!(!whole.contains("left out to fit"), "{whole}");
}
