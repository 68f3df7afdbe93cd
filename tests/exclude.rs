//! `--exclude` and `--include` leave files out before anything is counted: the figures after
//! them equal lcov's own `--remove` and `--extract` (lcov 1.16, run here) and gcovr's own
//! `--exclude` (gcovr 8.4, its report kept in the fixture), on real reports of one C project
//! (`tests/fixtures/exclude/PROVENANCE.md`). Every command applies them, and says so.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is a failed test")]

mod common;

use std::process::Command;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/exclude");

fn covdash(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_covdash")).args(args).current_dir(DIR).output().unwrap()
}

/// `covdash summary --json`'s total lines, covered and in all.
fn covdash_lines(report: &str, flags: &[&str]) -> (u64, u64) {
    let mut args = vec!["summary", "--json", report];
    args.extend_from_slice(flags);
    let output = covdash(&args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    (json["total"]["covered"].as_u64().unwrap(), json["total"]["total"].as_u64().unwrap())
}

/// lcov's own figures for `full.info` after `lcov MODE PATTERNS` (`--remove` or `--extract`):
/// `lcov --summary`'s "lines......: 56.0% (14 of 25 lines)".
fn lcov_lines(mode: &str, patterns: &[&str]) -> (u64, u64) {
    let scratch = common::Scratch::new(&format!("lcov-{mode}"));
    let out = scratch.join("kept.info");
    let mut args = vec!["--quiet", mode, "full.info"];
    args.extend_from_slice(patterns);
    args.extend(["-o", out.to_str().unwrap()]);
    let status = Command::new("lcov")
        .args(&args)
        .current_dir(DIR)
        .status()
        .expect("lcov 1.16 is needed (scripts/setup.sh installs Debian's lcov)");
    assert!(status.success());
    let summary = Command::new("lcov").args(["--summary", out.to_str().unwrap()]).output().unwrap();
    let text = String::from_utf8_lossy(&summary.stdout).into_owned() + &String::from_utf8_lossy(&summary.stderr);
    let line = text.lines().find(|l| l.trim_start().starts_with("lines")).unwrap_or_else(|| panic!("{text}"));
    let figures = line.split('(').nth(1).unwrap_or_default();
    let numbers: Vec<u64> = figures.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
    (numbers[0], numbers[1])
}

/// gcovr's totals in one of its Cobertura reports, read from the root element's attributes.
fn gcovr_lines(file: &str) -> (u64, u64) {
    let xml = std::fs::read_to_string(format!("{DIR}/{file}")).unwrap();
    let attribute = |name: &str| -> u64 {
        let at = xml.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        xml[at..].split('"').next().unwrap().parse().unwrap()
    };
    (attribute("lines-covered"), attribute("lines-valid"))
}

#[test]
fn the_figures_left_equal_lcovs_and_gcovrs_own() {
    // (covdash's flags, lcov's mode and patterns)
    let cases: [(&[&str], &str, &[&str]); 4] = [
        (&[], "--remove", &["/nothing/*"]),
        (&["--exclude", "**/test/**"], "--remove", &["*/test/*"]),
        (&["--exclude", "**/test/**", "--exclude", "**/*.config.*"], "--remove", &["*/test/*", "*.config.*"]),
        (&["--include", "**/src/**"], "--extract", &["*/src/*"]),
    ];
    for (flags, mode, patterns) in cases {
        assert_eq!(covdash_lines("full.info", flags), lcov_lines(mode, patterns), "{flags:?}");
    }
    assert_eq!(lcov_lines("--remove", &["*/test/*", "*.config.*"]), (14, 25));

    // gcovr's report of the whole build, and its own report with its --exclude.
    assert_eq!(covdash_lines("full.cobertura.xml", &[]), gcovr_lines("full.cobertura.xml"));
    let excluded = gcovr_lines("excluded.cobertura.xml");
    for report in ["full.cobertura.xml", "full.info"] {
        let flags = ["--exclude", "**/test/**", "--exclude", "**/*.config.*"];
        assert_eq!(covdash_lines(report, &flags), excluded, "{report}");
    }
}

#[test]
fn every_command_leaves_the_files_out_and_says_so() {
    let flags = ["--exclude", "**/test/**", "--exclude", "**/*.config.*"];
    let said = "2 files left out by **/test/**, **/*.config.*, and with them 2 packages";
    let text = |args: &[&str]| {
        let output = covdash(args);
        (output.status.code(), String::from_utf8_lossy(&output.stdout).into_owned())
    };

    let (_, report) = text(&[&["report", "full.info", "--width", "100"][..], &flags].concat());
    assert!(report.contains(said), "{report}");
    assert!(report.contains("56.0%") && !report.contains("test_stats"), "{report}");
    let (_, markdown) = text(&[&["report", "full.info", "--format", "markdown"][..], &flags].concat());
    assert!(
        markdown.contains("_2 files left out by `**/test/**`, `**/*.config.*`, and with them 2 packages._"),
        "{markdown}"
    );
    let (_, summary) = text(&[&["summary", "full.info"][..], &flags].concat());
    assert!(summary.contains(&format!("({said})")), "{summary}");

    // The gate: 65.3% of all lines, 56.0% of those left.
    let (status, _) = text(&["check", "full.info", "--fail-under", "60"]);
    assert_eq!(status, Some(0));
    let (status, _) = text(&[&["check", "full.info", "--fail-under", "60"][..], &flags].concat());
    assert_eq!(status, Some(1));

    // A history records what is left.
    let scratch = common::Scratch::new("exclude-history");
    let history = scratch.join("history.json");
    let history = history.to_str().unwrap();
    let args =
        [&["record", "--history", history, "--label", "one", "--commit", "abc1234", "full.info"][..], &flags].concat();
    let (status, recorded) = text(&args);
    assert_eq!(status, Some(0), "{recorded}");
    assert!(recorded.contains("56.0% of lines"), "{recorded}");
}

#[test]
fn covdash_jsons_own_exclusions_count_and_the_flags_replace_them() {
    let dir = common::Scratch::new("exclude-json");
    let data = dir.join("coverage.json");
    std::fs::write(
        &data,
        r#"{"exclude": ["generated/**"], "snapshots": [{"label": "now", "packages":
            {"api": {"covered": 45, "total": 50}, "generated/pb": {"covered": 1, "total": 50}}}]}"#,
    )
    .unwrap();
    let data = data.to_str().unwrap();
    // (flags, the total's covered and in all, what is said)
    let cases: [(&[&str], (u64, u64), &str); 3] = [
        (&[], (45, 50), "1 package left out by generated/**"),
        (&["--exclude", "api"], (1, 50), "1 package left out by api"),
        (&["--include", "**"], (45, 50), "1 package left out by generated/**, only **"),
    ];
    for (flags, total, said) in cases {
        let mut args = vec!["summary", "--json", data];
        args.extend_from_slice(flags);
        let output = covdash(&args);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let figures = (json["total"]["covered"].as_u64().unwrap(), json["total"]["total"].as_u64().unwrap());
        assert_eq!(figures, total, "{flags:?}");
        let report = covdash(&[&["report", data, "--width", "100"][..], flags].concat());
        let text = String::from_utf8_lossy(&report.stdout);
        assert!(text.contains(said), "{flags:?}: {text}");
    }
}
