//! `covdash convert --to lcov`: every format's real fixtures written as LCOV and read back by
//! lcov 1.16 itself (`lcov --summary`), whose totals must equal covdash's own figures for the
//! input: lines, functions and branches, wherever the input has them.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is a failed test")]

mod common;

use std::process::Command;

const FORMATS: [&str; 9] =
    ["clover", "cobertura", "coveragepy", "go", "istanbul", "jacoco", "lcov", "llvmcov", "tarpaulin"];

fn covdash(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_covdash")).args(args).output().unwrap()
}

/// covdash's own figure for `metric` of `file`: `(covered, total)`, `None` when it has none.
fn own(file: &str, metric: &str) -> Option<(u64, u64)> {
    let output = covdash(&["summary", "--json", "--metric", metric, file]);
    if !output.status.success() {
        return None;
    }
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    Some((json["total"]["covered"].as_u64()?, json["total"]["total"].as_u64()?))
}

/// `lcov --summary`'s figures for a tracefile: lines, functions, branches, each `None` where
/// it says "no data found".
fn lcov_summary(tracefile: &str) -> [Option<(u64, u64)>; 3] {
    let output = Command::new("lcov")
        .args(["--summary", tracefile, "--rc", "lcov_branch_coverage=1"])
        .output()
        .expect("lcov 1.16 is needed (scripts/setup.sh installs Debian's lcov)");
    let text = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
    ["lines", "functions", "branches"].map(|what| {
        let line = text.lines().find(|l| l.trim_start().starts_with(what))?;
        let figures = line.split('(').nth(1)?;
        let numbers: Vec<u64> = figures.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
        Some((numbers[0], numbers[1]))
    })
}

#[test]
fn every_formats_fixtures_convert_to_lcov_with_the_figures_lcov_itself_reads() {
    let dir = std::env::temp_dir().join(format!("covdash-convert-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut checked = 0;
    for format in FORMATS {
        for fixture in common::fixtures(&format!("{format}/ok")) {
            let name = fixture.display().to_string();
            let output = covdash(&["convert", "--to", "lcov", &name]);
            if !output.status.success() {
                // A fixture covdash refuses as a whole is another test's business.
                continue;
            }
            let notes = String::from_utf8_lossy(&output.stderr);
            let tracefile = dir.join("converted.info");
            std::fs::write(&tracefile, &output.stdout).unwrap();
            let [lines, functions, branches] = lcov_summary(tracefile.to_str().unwrap());
            // What the input lacks is said, and then not compared: Go's lines are its statement
            // blocks'; a metric a tool states as figures only has nothing to write.
            if format == "go" && output.stdout.windows(3).any(|w| w == b"DA:") {
                assert!(notes.contains("Go statement blocks written as lines"), "{name}: {notes}");
            }
            let lacks = |metric: &str| notes.contains(&format!("the {metric} of ")) || notes.contains("no path");
            let figures = [("lines", lines), ("functions", functions), ("branches", branches)];
            for (metric, read_back) in figures {
                // lcov reads a branch only on a line it measures.
                let skip =
                    lacks(metric) || (metric == "branches" && lacks("lines")) || (format == "go" && metric == "lines");
                if let (Some(own), false) = (own(&name, metric), skip) {
                    assert_eq!(read_back.unwrap_or((0, 0)), own, "{name}: {metric}");
                }
            }
            checked += 1;
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(checked >= 30, "only {checked} fixtures converted");
}

/// Runs `program` with `args` in `dir`; its stdout.
fn run(dir: &std::path::Path, program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{program} is needed (scripts/setup.sh installs it): {e}"));
    assert!(output.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The Cobertura covdash writes, read by the consumers CI platforms use: diff-cover's patch
/// figures equal `covdash patch`'s (and diff-cover's own on the original report), and
/// pycobertura's totals equal covdash's (pycobertura counts a line with a branch not taken as
/// missed: so do these).
#[test]
fn the_cobertura_written_reads_in_diff_cover_and_pycobertura_with_covdashs_figures() {
    let dir = std::env::temp_dir().join(format!("covdash-cobertura-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // diff-cover asks git where the project is.
    run(&dir, "git", &["init", "--quiet"]);
    for case in ["c-gcc-lcov", "more-itertools-lcov"] {
        let fixtures = common::root().join("tests/fixtures/patch").join(case);
        let coverage = std::fs::read_dir(&fixtures)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("coverage.")))
            .unwrap();
        let (coverage, diff) = (coverage.to_str().unwrap(), fixtures.join("change.diff"));
        let xml = covdash(&["convert", "--to", "cobertura", coverage]);
        assert!(xml.status.success(), "{}", String::from_utf8_lossy(&xml.stderr));
        std::fs::write(dir.join("coverage.xml"), &xml.stdout).unwrap();

        let patch = covdash(&["patch", "--json", "--diff", diff.to_str().unwrap(), coverage]);
        let patch: serde_json::Value = serde_json::from_slice(&patch.stdout).unwrap();
        let diff_arg = diff.to_str().unwrap();
        run(&dir, "diff-cover", &["coverage.xml", "--diff-file", diff_arg, "--json-report", "diff-cover.json"]);
        let read: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("diff-cover.json")).unwrap()).unwrap();
        let kept: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(fixtures.join("diff-cover.json")).unwrap()).unwrap();
        let figures = |v: &serde_json::Value| (v["total_num_lines"].as_u64(), v["total_num_violations"].as_u64());
        assert_eq!(figures(&read), figures(&kept), "{case}: diff-cover on the Cobertura and on the original");
        let measured = patch["measured"].as_u64().unwrap();
        assert_eq!(figures(&read), (Some(measured), Some(measured - patch["covered"].as_u64().unwrap())), "{case}");

        let shown = run(&dir, "pycobertura", &["show", "--format", "json", "coverage.xml"]);
        let shown: serde_json::Value = serde_json::from_str(&shown).unwrap();
        let total = (shown["total"]["Stmts"].as_u64().unwrap(), shown["total"]["Miss"].as_u64().unwrap());
        let (covered, all) = own(coverage, "lines").unwrap();
        let partial: u64 = xml
            .stdout
            .split(|b| *b == b'\n')
            .filter(|l| {
                let l = String::from_utf8_lossy(l);
                l.contains("condition-coverage")
                    && !l.contains("condition-coverage=\"100%")
                    && !l.contains("hits=\"0\"")
            })
            .count() as u64;
        assert_eq!(total, (all, all - covered + partial), "{case}: pycobertura's totals");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
