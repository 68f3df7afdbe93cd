//! The `covdash` command-line tool, run as a user runs it, and its figures checked against
//! the totals each coverage tool printed for the same data.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is a failed test")]

mod common;

use std::process::{Command, Output};

fn covdash(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_covdash")).args(args).current_dir(common::root()).output().unwrap()
}

/// Runs `covdash summary --json` and returns the parsed JSON.
#[track_caller]
fn summary(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["summary", "--json"];
    all.extend_from_slice(args);
    let output = covdash(&all);
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The figure a tool would print: covdash's display rounding applied to the full-precision
/// percentage from the JSON.
fn shown(percent: &serde_json::Value) -> String {
    let percent = covdash::model::Percent::new(percent.as_f64().unwrap());
    covdash::present::format_percent(percent)
}

#[test]
fn totals_match_the_tools_own() {
    // (file, metric, covered, total, what the tool printed, which tool)
    let cases = [
        ("lcov/ok/generated-gcc12-lcov1.16-branches.info", "lines", 28, 33, "84.8%", "lcov 1.16 --summary"),
        ("lcov/ok/generated-gcc12-lcov1.16-branches.info", "functions", 7, 8, "87.5%", "lcov 1.16 --summary"),
        ("lcov/ok/generated-gcc12-lcov1.16-branches.info", "branches", 16, 29, "55.2%", "lcov 1.16 --summary"),
        ("lcov/ok/generated-gcc12-lcov2.5-fnl-fna.info", "lines", 28, 33, "84.8%", "lcov 2.5 --summary"),
        ("lcov/ok/generated-gcc12-lcov2.5-fnl-fna.info", "functions", 7, 8, "87.5%", "lcov 2.5 --summary (aliases)"),
        ("lcov/ok/generated-gcc12-lcov2.5-fnl-fna.info", "branches", 16, 29, "55.2%", "lcov 2.5 (its BRF/BRH)"),
        ("lcov/ok/generated-llvm19-export.lcov", "lines", 35, 42, "83.3%", "lcov 1.16 --summary"),
        ("lcov/ok/generated-llvm19-export.lcov", "functions", 7, 9, "77.8%", "lcov 1.16 --summary"),
        ("lcov/ok/generated-llvm19-export.lcov", "branches", 20, 34, "58.8%", "lcov 1.16 --summary"),
        ("lcov/ok/gcovr-windows-drive-subst.lcov", "lines", 7, 9, "77.8%", "lcov 1.16 --summary"),
        ("lcov/ok/gcovr-windows-drive-subst.lcov", "branches", 2, 4, "50.0%", "lcov 1.16 --summary"),
        (
            "lcov/ok/generated-coveragepy-7.17.3.lcov",
            "lines",
            15,
            22,
            "68.2%",
            "lcov 1.16 --summary; coverage.py line-rate 0.6818",
        ),
        ("lcov/ok/generated-tarpaulin-0.37.5.lcov", "lines", 7, 12, "58.3%", "lcov 1.16 --summary; tarpaulin 58.33"),
        ("lcov/ok/generated-tarpaulin-0.37.5.lcov", "functions", 2, 4, "50.0%", "lcov 1.16 --summary"),
        ("lcov/ok/diffcover-coveragepy.lcov", "lines", 45, 45, "100.0%", "lcov 1.16 --summary"),
        ("lcov/ok/diffcover-typescript-branches.lcov", "branches", 11, 11, "100.0%", "lcov 1.16 --summary"),
        ("lcov/ok/rg-lcov-cpp-windows-paths.info", "lines", 17, 19, "89.5%", "lcov 1.16 --summary"),
        ("lcov/ok/derived-crlf-bom-windows-paths.info", "lines", 17, 19, "89.5%", "lcov 1.16 --summary"),
        (
            "snapshots/more-itertools-before/coverage.lcov",
            "lines",
            514,
            1908,
            "26.9%",
            "lcov --summary; coverage.py 1908 stmts, 1394 miss",
        ),
        (
            "snapshots/more-itertools-after/coverage.lcov",
            "lines",
            1897,
            1908,
            "99.4%",
            "lcov --summary; coverage.py 1908 stmts, 11 miss",
        ),
        ("go/ok/generated-go1.19-coverpkg-atomic.out", "statements", 9, 16, "56.2%", "go tool cover -func: total"),
        (
            "istanbul/ok/coverage-final.from-spec-missing-decl.json",
            "statements",
            50,
            50,
            "100.0%",
            "istanbul text: 100",
        ),
        (
            "istanbul/ok/coverage-final.from-spec-missing-decl.json",
            "branches",
            41,
            43,
            "95.3%",
            "istanbul BRF/BRH; text 95.34",
        ),
        ("istanbul/ok/coverage-final.from-spec-missing-decl.json", "functions", 8, 8, "100.0%", "istanbul FNF/FNH"),
        ("istanbul/ok/coverage-final.from-spec-missing-decl.json", "lines", 46, 46, "100.0%", "istanbul LF/LH"),
    ];
    for (file, metric, covered, total, printed, tool) in cases {
        let json = summary(&[&format!("tests/fixtures/{file}"), "--metric", metric]);
        let context = format!("{file} {metric} ({tool})");
        assert_eq!(json["metric"], metric, "{context}");
        assert_eq!(
            (json["total"]["covered"].as_u64(), json["total"]["total"].as_u64()),
            (Some(covered), Some(total)),
            "{context}"
        );
        assert_eq!(shown(&json["total"]["percent"]), printed, "{context}");
    }
}

#[test]
fn cobertura_totals_match_what_the_producer_wrote_on_the_root() {
    // coverage.py, gcovr, tarpaulin, coverlet, Cobertura 2.1.1, the Swift and .NET converters
    // all write lines-covered and lines-valid on <coverage>; covdash counts <line> elements and
    // must arrive at the same numbers (several classes sharing a file included).
    let mut n_checked = 0;
    for fixture in common::fixtures("cobertura/ok").into_iter().chain(common::fixtures("snapshots")) {
        if fixture.extension().is_none_or(|e| e != "xml") {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(&fixture).unwrap()).into_owned();
        let root_start = text.find("<coverage").unwrap();
        let root = &text[root_start..root_start + text[root_start..].find('>').unwrap()];
        let attribute = |name: &str| -> Option<u64> {
            let start = root.find(&format!(" {name}=\""))? + name.len() + 3;
            root[start..].split('"').next()?.parse::<f64>().ok().map(|v| v as u64)
        };
        let (Some(covered), Some(valid)) = (attribute("lines-covered"), attribute("lines-valid")) else {
            continue;
        };
        let json = summary(&[fixture.to_str().unwrap()]);
        let name = fixture.display();
        assert_eq!(json["format"], "cobertura", "{name}");
        assert_eq!(
            (json["total"]["covered"].as_u64(), json["total"]["total"].as_u64()),
            (Some(covered), Some(valid)),
            "{name}"
        );
        n_checked += 1;
    }
    assert_eq!(n_checked, 10);
}

#[test]
fn go_packages_match_go_test_cover() {
    // `go test -cover ./...` on the run that wrote the profile (tests/fixtures/go/tool-output).
    let json = summary(&["tests/fixtures/go/ok/generated-go1.19-cover-count.out"]);
    assert_eq!(json["format"], "go-coverprofile");
    assert_eq!(json["metric"], "statements");
    let packages: Vec<(String, String)> = json["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap().to_owned(), shown(&p["percent"])))
        .collect();
    let tool = std::fs::read_to_string(
        common::root().join("tests/fixtures/go/tool-output/generated-go1.19-go-test-cover.txt"),
    )
    .unwrap();
    for (name, percent) in &packages {
        let line = tool.lines().find(|l| l.starts_with("ok") && l.split('\t').nth(1) == Some(name)).unwrap();
        assert!(line.ends_with(&format!("coverage: {percent} of statements")), "{name}: covdash {percent}, go: {line}");
    }
    assert_eq!(packages.len(), 2);
}

#[test]
fn the_default_metric_is_the_one_the_tool_headlines() {
    // (file, metric)
    let cases = [
        ("lcov/ok/generated-llvm19-export.lcov", "lines"),
        ("go/ok/grcov-go-atomic.out", "statements"),
        ("covdash/ok/0001_counts_and_percentages.json", "lines"),
    ];
    for (file, metric) in cases {
        assert_eq!(summary(&[&format!("tests/fixtures/{file}")])["metric"], metric, "{file}");
    }
}

#[test]
fn parts_of_one_run_are_merged_file_by_file() {
    // The same tracefile twice: every line is in both parts, so the figures do not change.
    let once = summary(&["tests/fixtures/lcov/ok/generated-llvm19-export.lcov"]);
    let twice = summary(&[
        "tests/fixtures/lcov/ok/generated-llvm19-export.lcov",
        "tests/fixtures/lcov/ok/generated-llvm19-export.lcov",
    ]);
    assert_eq!(once["total"], twice["total"]);
    // Before and after of one project: a line covered in either run counts once.
    let both = summary(&[
        "tests/fixtures/snapshots/more-itertools-before/coverage.lcov",
        "tests/fixtures/snapshots/more-itertools-after/coverage.lcov",
    ]);
    assert_eq!(both["total"]["total"], 1908);
    assert!(both["total"]["covered"].as_u64().unwrap() >= 1897);
}

#[test]
fn the_text_table_is_aligned() {
    let output = covdash(&["summary", "tests/fixtures/go/ok/generated-go1.19-cover-count.out"]);
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "\
package                  covered  statements  percent
example.com/m/calc             7          12    58.3%
example.com/m/calc/deep        1           1   100.0%
-----------------------------------------------------
total                          8          13    61.5%
"
    );
}

#[test]
fn failures_exit_with_2_and_say_why() {
    // (arguments, message)
    let cases: [(&[&str], &str); 5] = [
        (&["summary", "tests/fixtures/nothing-here.info"], "covdash: tests/fixtures/nothing-here.info: "),
        (&["summary", "README.md"], "covdash: README.md: this looks like text starting with \"# covdash\""),
        (&["summary", "tests/fixtures/go/err/0001_mixed_modes.out"], "line 3: mode count after mode set"),
        (
            &["summary", "--metric", "branches", "tests/fixtures/go/ok/grcov-go-atomic.out"],
            "the data has no branches figures (it has: statements)",
        ),
        (&["frobnicate"], "covdash: unknown command \"frobnicate\""),
    ];
    for (args, message) in cases {
        let output = covdash(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
}

#[test]
fn the_badge_command_prints_an_svg_badge_of_the_overall_figure() {
    // (file, the figure on the badge)
    let cases = [
        ("samples/modelscan-session.json", "coverage: 81.1%"),
        ("tests/fixtures/go/ok/generated-go1.19-coverpkg-atomic.out", "coverage: 56.2%"),
    ];
    for (file, label) in cases {
        let output = covdash(&["badge", file]);
        assert!(output.status.success(), "{file}: {}", String::from_utf8_lossy(&output.stderr));
        let svg = String::from_utf8(output.stdout).unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{svg}");
        assert!(svg.contains(&format!("aria-label=\"{label}\"")), "{file}: {svg}");
    }
}
