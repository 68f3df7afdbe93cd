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
