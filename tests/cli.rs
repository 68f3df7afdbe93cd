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
        ("sonarqube/ok/generated-gcovr-8.8-sonarqube.xml", "lines", 21, 25, "84.0%", "gcovr 8.8 --txt: 25, 21, 84%"),
        (
            "sonarqube/ok/generated-gcovr-8.8-sonarqube.xml",
            "branches",
            8,
            12,
            "66.7%",
            "gcovr 8.8 --txt-metric branch: 12, 8, 66%",
        ),
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

/// How a tool rounds the percentage it prints, for comparing with what it printed.
#[derive(Clone, Copy)]
enum Rounding {
    /// istanbul-lib-coverage `percent()`: floored to two decimals.
    IstanbulFloor,
    /// `llvm-cov report` and tarpaulin: `%.2f`.
    TwoDecimals,
    /// JaCoCo's HTML: floored to a whole percent.
    JaCoCoFloor,
}

/// covdash's full-precision percentage as the tool rounds and prints it.
fn as_the_tool_prints(rounding: Rounding, percent: f64) -> String {
    match rounding {
        Rounding::IstanbulFloor => format!("{}", (percent * 100.0).floor() / 100.0),
        Rounding::TwoDecimals => format!("{percent:.2}%"),
        Rounding::JaCoCoFloor => format!("{}%", percent.floor()),
    }
}

#[test]
fn json_and_xml_totals_match_the_tools_own() {
    use Rounding::{IstanbulFloor, JaCoCoFloor, TwoDecimals};
    // (file, metric, covered, total, the tool's figure as it printed it, its rounding, the tool)
    let cases = [
        ("istanbul/ok/ngx-bdir-coverage-summary.json", "statements", 57, 57, "100", IstanbulFloor, "its total"),
        ("istanbul/ok/ngx-bdir-coverage-summary.json", "branches", 12, 14, "85.71", IstanbulFloor, "its total"),
        ("istanbul/ok/ngx-bdir-coverage-summary.json", "functions", 16, 16, "100", IstanbulFloor, "its total"),
        ("istanbul/ok/ngx-bdir-coverage-summary.json", "lines", 48, 48, "100", IstanbulFloor, "its total"),
        ("istanbul/ok/coverage-final.from-spec-missing-decl.json", "branches", 41, 43, "95.34", IstanbulFloor, "text"),
        ("llvmcov/ok/generated-clang14-export-2.0.1.json", "lines", 34, 41, "82.93%", TwoDecimals, "llvm-cov report"),
        ("llvmcov/ok/generated-clang14-export-2.0.1.json", "functions", 6, 7, "85.71%", TwoDecimals, "llvm-cov report"),
        (
            "llvmcov/ok/generated-clang14-export-2.0.1.json",
            "branches",
            19,
            32,
            "59.38%",
            TwoDecimals,
            "llvm-cov report",
        ),
        ("llvmcov/ok/generated-clang19-mcdc-export.json", "lines", 34, 41, "82.93%", TwoDecimals, "llvm-cov report"),
        ("llvmcov/ok/generated-clang19-mcdc-export.json", "functions", 6, 7, "85.71%", TwoDecimals, "llvm-cov report"),
        ("llvmcov/ok/generated-clang19-mcdc-export.json", "branches", 19, 32, "59.38%", TwoDecimals, "llvm-cov report"),
        ("llvmcov/ok/cargo-llvm-cov-issue303-summary-only.json", "lines", 14, 14, "100.00%", TwoDecimals, "totals"),
        ("llvmcov/ok/cargo-llvm-cov-issue303-summary-only.json", "functions", 4, 4, "100.00%", TwoDecimals, "totals"),
        ("llvmcov/ok/cargo-llvm-cov-real1-summary-only.json", "lines", 19, 27, "70.37%", TwoDecimals, "totals"),
        ("llvmcov/ok/cargo-llvm-cov-real1-summary-only.json", "functions", 4, 4, "100.00%", TwoDecimals, "totals"),
        ("tarpaulin/ok/generated-tarpaulin-0.37.5-report.json", "lines", 7, 12, "58.33%", TwoDecimals, "tarpaulin"),
        ("jacoco/ok/rg-jacoco-0.8.3.xml", "lines", 26, 38, "68%", JaCoCoFloor, "JaCoCo's report counters"),
        ("jacoco/ok/rg-jacoco-0.8.3.xml", "branches", 1, 4, "25%", JaCoCoFloor, "JaCoCo's report counters"),
        ("jacoco/ok/rg-jacoco-0.8.3.xml", "functions", 9, 18, "50%", JaCoCoFloor, "JaCoCo's report counters"),
        ("jacoco/ok/rg-jacoco-0.7.7.xml", "lines", 26, 38, "68%", JaCoCoFloor, "JaCoCo's report counters"),
        ("jacoco/ok/rg-jacoco-0.7.7.xml", "branches", 1, 4, "25%", JaCoCoFloor, "JaCoCo's report counters"),
        ("jacoco/ok/rg-jacoco-0.7.7.xml", "functions", 9, 18, "50%", JaCoCoFloor, "JaCoCo's report counters"),
        ("jacoco/ok/coveralls-jacoco-oneline.xml", "lines", 5, 6, "83%", JaCoCoFloor, "JaCoCo's report counters"),
        ("jacoco/ok/coveralls-jacoco-oneline.xml", "branches", 2, 4, "50%", JaCoCoFloor, "JaCoCo's report counters"),
        ("jacoco/ok/coveralls-jacoco-oneline.xml", "functions", 2, 2, "100%", JaCoCoFloor, "JaCoCo's report counters"),
        ("jacoco/ok/grcov-jacoco-inner-classes.xml", "lines", 0, 14, "0%", JaCoCoFloor, "JaCoCo's report counters"),
        ("jacoco/ok/grcov-jacoco-inner-classes.xml", "functions", 0, 12, "0%", JaCoCoFloor, "JaCoCo's report counters"),
        ("jacoco/ok/gcovr-nested-gcc5.jacoco.xml", "lines", 25, 42, "59%", JaCoCoFloor, "gcovr's report counters"),
        ("jacoco/ok/gcovr-nested-gcc5.jacoco.xml", "branches", 4, 14, "28%", JaCoCoFloor, "gcovr's report counters"),
        ("jacoco/ok/gcovr-nested-gcc5.jacoco.xml", "functions", 6, 10, "60%", JaCoCoFloor, "gcovr's report counters"),
    ];
    for (file, metric, covered, total, printed, rounding, tool) in cases {
        let json = summary(&[&format!("tests/fixtures/{file}"), "--metric", metric]);
        let context = format!("{file} {metric} ({tool})");
        let counts = (json["total"]["covered"].as_u64(), json["total"]["total"].as_u64());
        assert_eq!(counts, (Some(covered), Some(total)), "{context}");
        // covdash's own percentage, rounded as the tool rounds, is what the tool printed.
        let percent = json["total"]["percent"].as_f64().unwrap_or(f64::NAN);
        assert_eq!(as_the_tool_prints(rounding, percent), printed, "{context}");
    }
}

#[test]
fn coverage_py_totals_match_its_report() {
    // (file, statements, missed, branches, covered branches, "Cover" as coverage.py printed it)
    let cases = [
        ("coveragepy/ok/generated-coveragepy-7.17.3-format3-branch.json", 22, 7, 10, 4, 59),
        ("coveragepy/ok/derived-format2-branch.json", 22, 7, 10, 4, 59),
        ("coveragepy/ok/derived-before-6.5-no-arcs.json", 22, 7, 10, 4, 59),
        // Arcs not taken from lines marked `pragma: no branch` are in neither list, and counted
        // as covered (tool-output/generated-coveragepy-7.18.0-no-branch-pragma-report.txt).
        ("coveragepy/ok/generated-coveragepy-7.18.0-no-branch-pragma.json", 30, 2, 8, 7, 92),
        ("snapshots/more-itertools-before/coverage.json", 1908, 1394, 758, 110, 23),
        ("snapshots/more-itertools-after/coverage.json", 1908, 11, 758, 743, 99),
    ];
    for (file, statements, missed, branches, covered_branches, cover) in cases {
        let lines = summary(&[&format!("tests/fixtures/{file}"), "--metric", "lines"]);
        let arcs = summary(&[&format!("tests/fixtures/{file}"), "--metric", "branches"]);
        // coverage.py's report calls them statements ("Stmts"); its LCOV and Cobertura, lines.
        let stmts = summary(&[&format!("tests/fixtures/{file}"), "--metric", "statements"]);
        assert_eq!(stmts["total"], lines["total"], "{file}");
        assert_eq!(lines["format"], "coverage-py", "{file}");
        assert_eq!(lines["total"]["total"], statements, "{file}");
        assert_eq!(lines["total"]["covered"], statements - missed, "{file}");
        assert_eq!(
            (arcs["total"]["covered"].as_u64(), arcs["total"]["total"].as_u64()),
            (Some(covered_branches), Some(branches)),
            "{file}"
        );
        // coverage.py's "Cover" puts statements and branches together and rounds to a whole
        // percent (never to 0 or 100 unless exact).
        let together = (statements - missed + covered_branches) as f64 * 100.0 / (statements + branches) as f64;
        assert_eq!(together.round() as u64, cover, "{file}");
    }
}

#[test]
fn clover_totals_match_the_projects_metrics() {
    // (file, statements covered/total, conditionals, methods), as `<project><metrics>` says;
    // the other Clover fixtures are excerpts whose project metrics count files left out.
    let cases = [
        ("clover/ok/rg-clover-openclover-4.3.1.xml", (15, 22), (1, 2), (6, 12)),
        ("clover/ok/gcovr-several-functions-same-line.clover.xml", (41, 43), (0, 0), (0, 0)),
    ];
    for (file, statements, conditionals, methods) in cases {
        for (metric, (covered, total)) in
            [("statements", statements), ("branches", conditionals), ("functions", methods)]
        {
            let json = summary(&[&format!("tests/fixtures/{file}"), "--metric", metric]);
            let counts = (json["total"]["covered"].as_u64(), json["total"]["total"].as_u64());
            assert_eq!(counts, (Some(covered), Some(total)), "{file} {metric}");
        }
    }
}

#[test]
fn an_empty_total_is_not_a_percentage() {
    // istanbul writes 100 for a file with nothing to count (and its text report 0): covdash
    // keeps the counts and has no percentage.
    let json = summary(&["tests/fixtures/istanbul/ok/coverage-final.from-spec-empty-file.json"]);
    assert_eq!(json["total"]["total"], 0);
    assert!(json["total"]["percent"].is_null());
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
fn clover_totals_match_the_projects_own_metrics() {
    // OpenClover, istanbul, PHPUnit and gcovr write the project's totals in the <metrics> of
    // <project>, read here by an XML reader of the test's own; <testproject> (the tests' own
    // code) is not among them.
    let mut n_checked = 0;
    for fixture in common::fixtures("clover/ok") {
        if fixture.extension().is_none_or(|e| e != "xml") {
            continue;
        }
        let text = std::fs::read_to_string(&fixture).unwrap();
        let (project, files) = project_metrics(&text);
        // An excerpt of a report (coveralls' copies) keeps its totals, not all its files.
        if project.get("files").is_some_and(|&n| n != files) {
            continue;
        }
        for (metric, covered, total) in [
            ("statements", "coveredstatements", "statements"),
            ("branches", "coveredconditionals", "conditionals"),
            ("functions", "coveredmethods", "methods"),
        ] {
            let json = summary(&["--metric", metric, fixture.to_str().unwrap()]);
            assert_eq!(
                (json["total"]["covered"].as_u64(), json["total"]["total"].as_u64()),
                (project.get(covered).copied(), project.get(total).copied()),
                "{}: {metric}",
                fixture.display()
            );
        }
        n_checked += 1;
    }
    assert_eq!(n_checked, 3);
}

/// The numbers of a Clover report's `<project><metrics>`, and how many `<file>`s its project has.
fn project_metrics(text: &str) -> (std::collections::HashMap<String, u64>, u64) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let (mut path, mut metrics, mut files) = (Vec::<String>::new(), std::collections::HashMap::new(), 0);
    loop {
        let (element, opens) = match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(_) => {
                path.pop();
                continue;
            }
            _ => continue,
        };
        let name = element.name().as_ref().to_owned();
        if path.last().is_some_and(|p| p == "project") && name == "metrics" {
            for a in element.attributes().flatten() {
                let value = a.value.parse::<f64>().unwrap_or(-1.0);
                metrics.insert(a.key.as_ref().to_owned(), value as u64);
            }
        }
        files += u64::from(name == "file" && path.iter().any(|p| p == "project"));
        if opens {
            path.push(name);
        }
    }
    (metrics, files)
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
        ("istanbul/ok/solidity-coverage-final.json", "statements"),
        ("istanbul/ok/ngx-bdir-coverage-summary.json", "statements"),
        ("coveragepy/ok/generated-coveragepy-7.17.3-format3-branch.json", "lines"),
        ("llvmcov/ok/generated-clang14-export-2.0.1.json", "lines"),
        ("tarpaulin/ok/influxdb-rust-tarpaulin-report.json", "lines"),
        ("jacoco/ok/grcov-jacoco-kotlin.xml", "lines"),
        ("clover/ok/coveralls-clover-phpunit-phpcsutils.xml", "statements"),
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
    // `lcov -a before -a after` (lcov 1.16, Debian's): "lines......: 99.4% (1897 of 1908 lines)".
    assert_eq!((both["total"]["covered"].as_u64(), both["total"]["total"].as_u64()), (Some(1897), Some(1908)));
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
    let cases: [(&[&str], &str); 6] = [
        (&["summary", "tests/fixtures/nothing-here.info"], "covdash: tests/fixtures/nothing-here.info: "),
        (&["summary", "README.md"], "covdash: README.md: this looks like text starting with \"# covdash\""),
        (&["summary", "tests/fixtures/go/err/0001_mixed_modes.out"], "line 3: mode count after mode set"),
        (
            &["summary", "--metric", "branches", "tests/fixtures/go/ok/grcov-go-atomic.out"],
            "the data has no branches figures (it has: statements)",
        ),
        (&["frobnicate"], "unrecognized subcommand 'frobnicate'"),
        (
            &["report", "--target", "120", "a.info"],
            "invalid value '120' for '--target <PERCENT>': \"120\" is not a percentage",
        ),
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

#[test]
fn the_html_report_follows_the_metric_asked_for() {
    let output = covdash(&[
        "report",
        "--metric",
        "branches",
        "--format",
        "html",
        "tests/fixtures/jacoco/ok/rg-jacoco-0.8.3.xml",
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let html = String::from_utf8(output.stdout).unwrap();
    assert!(html.contains("1 of 4 branches"), "{html}");
    assert!(!html.contains(" lines covered"), "{html}");
}

/// Copies `fixtures` (`(fixture, folder)`) into a fresh directory as `folder/<name>`, each with
/// the modification time given (seconds since 1970), and returns the directory.
fn copies_with_times(fixtures: &[(&str, &str, u64)]) -> common::Scratch {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = common::Scratch::new(&format!("cli-{n}"));
    for (fixture, folder, seconds) in fixtures {
        let from = common::root().join("tests/fixtures").join(fixture);
        let to = dir.join(folder).join(from.file_name().unwrap());
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&from, &to).unwrap();
        let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(*seconds);
        std::fs::File::options().write(true).open(&to).unwrap().set_modified(time).unwrap();
    }
    dir
}

#[test]
fn snapshots_are_ordered_by_the_reports_own_times_then_by_file_time() {
    const EARLY: u64 = 1_577_836_800; // 2020-01-01
    const LATE: u64 = 1_609_459_200; // 2021-01-01
                                     // (fixtures with misleading file times, as given; figures in the order expected; the order)
    /// A fixture copied into a folder, with the file time it is given.
    type Copy<'a> = (&'a str, &'a str, u64);
    let cases: [(&[Copy<'_>], &[&str], &str); 3] = [
        // coverage.py's meta.timestamp: before 09:54:52, after 09:55:01.
        (
            &[
                ("snapshots/more-itertools-after/coverage.json", "after", EARLY),
                ("snapshots/more-itertools-before/coverage.json", "before", LATE),
            ],
            &["26.9", "99.4"],
            r#"{"by":"report_times"}"#,
        ),
        // Cobertura's timestamp, in milliseconds.
        (
            &[
                ("snapshots/more-itertools-after/coverage.xml", "after", EARLY),
                ("snapshots/more-itertools-before/coverage.xml", "before", LATE),
            ],
            &["26.9", "99.4"],
            r#"{"by":"report_times"}"#,
        ),
        // LCOV carries no time: the file times decide, and the report says so.
        (
            &[
                ("snapshots/more-itertools-after/coverage.lcov", "after", EARLY),
                ("snapshots/more-itertools-before/coverage.lcov", "before", LATE),
            ],
            &["99.4", "26.9"],
            r#"{"by":"file_times","undated":2,"n":2}"#,
        ),
    ];
    for (fixtures, expected, order) in cases {
        let dir = copies_with_times(fixtures);
        let paths: Vec<String> = fixtures
            .iter()
            .map(|(f, folder, _)| dir.join(folder).join(f.rsplit('/').next().unwrap()).display().to_string())
            .collect();
        let mut args = vec!["report", "--format", "json"];
        args.extend(paths.iter().map(String::as_str));
        let output = covdash(&args);
        assert!(output.status.success(), "{fixtures:?}: {}", String::from_utf8_lossy(&output.stderr));
        let analysis: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let figures: Vec<String> = analysis["progress"]["points"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| format!("{:.1}", p["percent"].as_f64().unwrap()))
            .collect();
        assert_eq!(figures, expected, "{fixtures:?}");
        assert_eq!(
            analysis["progress"]["order"],
            serde_json::from_str::<serde_json::Value>(order).unwrap(),
            "{fixtures:?}"
        );
        let text = covdash(&[&["report", "--width", "200"], &args[3..]].concat());
        let text = String::from_utf8(text.stdout).unwrap();
        let said = if order.contains("file_times") {
            "snapshots ordered by file time: the reports carry no timestamp"
        } else {
            "snapshots ordered by the times the reports were written"
        };
        assert!(text.contains(said), "{fixtures:?}: {text}");
    }
}

#[test]
fn go_test_counts_follow_gotestsum() {
    // gotestsum counts every test and subtest as a case, by package and name: two packages'
    // `TestParse` are two tests. Its closing line for the same log is the oracle.
    let printed = std::fs::read_to_string(
        common::root().join("tests/fixtures/go-test/tool-output/generated-go1.19-same-test-names.gotestsum.txt"),
    )
    .unwrap();
    let done = printed.lines().find(|l| l.starts_with("DONE ")).unwrap();
    let number = |word: &str| -> u64 {
        let before = done.split(word).next().unwrap();
        before.trim_end().rsplit(|c: char| !c.is_ascii_digit()).next().unwrap().parse().unwrap()
    };
    let output =
        covdash(&["report", "--format", "json", "tests/fixtures/go-test/ok/generated-go1.19-same-test-names.json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let analysis: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let tests = &analysis["tests"];
    assert_eq!(done, "DONE 7 tests, 1 skipped, 2 failures in 0.001s");
    assert_eq!(tests["cases"].as_u64(), Some(number(" tests")));
    assert_eq!(tests["skipped"].as_u64(), Some(number(" skipped")));
    assert_eq!(tests["failed"].as_u64(), Some(number(" failures")));
    assert_eq!(tests["passed"].as_u64(), Some(7 - 1 - 2));
}

#[test]
fn covdash_patch_prints_the_patch_figures_and_gates_on_them() {
    let case = "tests/fixtures/patch/c-gcc-lcov";
    let (diff, coverage) = (format!("{case}/change.diff"), format!("{case}/coverage.info"));
    // The JSON, exactly: diff-cover's figures for this case (diff-cover.json).
    let output = covdash(&["patch", "--diff", &diff, &coverage, "--json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let expected = serde_json::json!({
        "measured": 8, "covered": 6, "percent": 75.0, "not_measured": 4,
        "files": [
            {"path": "src/strutil.c", "measured": 7, "covered": 5, "percent": 500.0 / 7.0, "uncovered_lines": [23, 34]},
            {"path": "src/strutil.h", "measured": 0, "covered": 0, "percent": null, "uncovered_lines": []},
            {"path": "tests/test_strutil.c", "measured": 1, "covered": 1, "percent": 100.0, "uncovered_lines": []},
        ]
    });
    assert_eq!(json, expected);
    // (threshold, exit status, what stderr says)
    let cases = [
        ("75", 0, ""),
        ("75.1", 1, "covdash: patch coverage 75.0% is below 75.1%: 6 of 8 changed lines measured are covered\n"),
    ];
    for (threshold, status, said) in cases {
        let output = covdash(&["patch", "--diff", &diff, &coverage, "--fail-under", threshold]);
        assert_eq!(output.status.code(), Some(status), "--fail-under {threshold}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), said, "--fail-under {threshold}");
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            "\
file                  measured  covered  percent  not covered
src/strutil.c                7        5    71.4%  23, 34
src/strutil.h                0        0      n/a  (not in the report)
tests/test_strutil.c         1        1   100.0%
------------------------------------------------
total                        8        6    75.0%
4 changed lines not measured
"
        );
    }
    // The diff from standard input, as `git diff … | covdash patch --diff - …` gives it.
    let mut child = Command::new(env!("CARGO_BIN_EXE_covdash"))
        .args(["patch", "--diff", "-", &coverage, "--json"])
        .current_dir(common::root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &std::fs::read(common::root().join(&diff)).unwrap())
        .unwrap();
    let piped: serde_json::Value = serde_json::from_slice(&child.wait_with_output().unwrap().stdout).unwrap();
    assert_eq!(piped, expected);
    // Unusable input: status 2, and which file.
    let output = covdash(&["patch", "--diff", &coverage, &coverage]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("coverage.info: this is not a diff"));
}

#[test]
fn the_pull_request_comment_leads_with_the_patch_figure() {
    let case = "tests/fixtures/patch/more-itertools-cobertura";
    let output = covdash(&[
        "report",
        &format!("{case}/coverage.xml"),
        "--diff",
        &format!("{case}/change.diff"),
        "--format",
        "markdown",
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let markdown = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = markdown.lines().collect();
    assert_eq!(
        lines[2],
        "**This change: 76.9%** of its changed lines covered (10 of 13 measured), below the 80.0% target."
    );
    // diff-cover: more.py 181, 182 and recipes.py 1090 not covered.
    assert!(lines.contains(&"| `more_itertools/more.py` | 0.0% | 0 of 2 lines | not covered: 181–182 |"), "{markdown}");
    assert!(
        lines.contains(&"| `more_itertools/recipes.py` | 90.9% | 10 of 11 lines | not covered: 1090 |"),
        "{markdown}"
    );
    // `covdash patch` says the same ranges the same way as the report and the page.
    let output = covdash(&["patch", "--diff", &format!("{case}/change.diff"), &format!("{case}/coverage.xml")]);
    let table = String::from_utf8(output.stdout).unwrap();
    let row = table.lines().find(|l| l.contains("more_itertools/more.py")).unwrap_or_default();
    assert!(row.ends_with("181–182"), "{table}");
}

#[test]
fn a_file_at_the_root_is_said_to_be_in_the_root_package() {
    // Every package has reached the target: the files are ranked, each with its package. This
    // one's is the report's root, whose name is empty.
    let output = covdash(&["report", "--no-color", "--width", "200", "tests/fixtures/lines/c8/lcov.info"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let ranked: Vec<&str> = text.lines().filter(|l| l.contains("money.mjs")).map(str::trim).collect();
    assert_eq!(
        ranked,
        ["1. money.mjs (80.0%): 6 lines uncovered, in (root); not covered: 4–5, 9–10, 27–28; branches partly \
          taken: 8 (0 of 1), 26 (0 of 1); never called: cents (3)"]
    );
}

#[test]
fn the_help_says_what_covdash_is() {
    let help = String::from_utf8(covdash(&["--help"]).stdout).unwrap();
    let first = help.lines().next().unwrap_or_default();
    // The package's own description speaks of the tests it holds, which are not the tool's.
    assert_ne!(first, env!("CARGO_PKG_DESCRIPTION"), "{help}");
    assert!(first.starts_with("covdash: "), "{help}");
}

#[test]
fn the_same_run_in_several_formats_is_read_once_from_the_richest() {
    // (the files given together, the one read, how many snapshots, the overall figure)
    let cases: [(&[&str], Option<&str>, usize, &str); 5] = [
        // c8's coverage folder as Jest's default reporters leave it (tests/fixtures/folders).
        (
            &[
                "folders/c8-coverage/clover.xml",
                "folders/c8-coverage/coverage-final.json",
                "folders/c8-coverage/lcov.info",
            ],
            Some("folders/c8-coverage/coverage-final.json"),
            1,
            "80.0%",
        ),
        // The same run in another order: the file that records the most metrics is read (of
        // Clover's and Istanbul's, which record as many, Istanbul's, listed first).
        (
            &[
                "lines/c8/lcov.info",
                "lines/c8/clover.xml",
                "lines/c8/cobertura-coverage.xml",
                "lines/c8/coverage-final.json",
            ],
            Some("lines/c8/coverage-final.json"),
            1,
            "80.0%",
        ),
        // coverage.py's three reports of one run.
        (
            &[
                "snapshots/more-itertools-before/coverage.lcov",
                "snapshots/more-itertools-before/coverage.xml",
                "snapshots/more-itertools-before/coverage.json",
            ],
            Some("snapshots/more-itertools-before/coverage.json"),
            1,
            "26.9%",
        ),
        // Two runs, in two formats: two moments.
        (
            &["snapshots/more-itertools-before/coverage.lcov", "snapshots/more-itertools-after/coverage.xml"],
            None,
            2,
            "99.4%",
        ),
        // One format twice is never read as copies of each other.
        (
            &["snapshots/more-itertools-before/coverage.lcov", "snapshots/more-itertools-before/coverage.lcov"],
            None,
            2,
            "26.9%",
        ),
    ];
    for (files, read, n_snapshots, figure) in cases {
        let paths: Vec<String> = files.iter().map(|f| format!("tests/fixtures/{f}")).collect();
        let mut args = vec!["report", "--format", "json"];
        args.extend(paths.iter().map(String::as_str));
        let output = covdash(&args);
        assert!(output.status.success(), "{files:?}: {}", String::from_utf8_lossy(&output.stderr));
        let said = String::from_utf8_lossy(&output.stderr);
        match read {
            Some(read) => {
                let mut left_out: Vec<String> =
                    paths.iter().filter(|p| !p.ends_with(read)).map(|p| p.to_string()).collect();
                covdash::model::sort(&mut left_out);
                let last = left_out.pop().unwrap();
                let left_out = if left_out.is_empty() { last } else { format!("{} and {last}", left_out.join(", ")) };
                let expected = format!(
                    "covdash: The same run in {} formats: tests/fixtures/{read} read; {} left out\n",
                    files.len(),
                    left_out
                );
                assert_eq!(said, expected, "{files:?}");
            }
            None => assert!(!said.contains("same run"), "{files:?}: {said}"),
        }
        let analysis: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(analysis["progress"]["points"].as_array().map(Vec::len), Some(n_snapshots), "{files:?}");
        let summary = covdash(&[&["summary", "--json"][..], &args[3..]].concat());
        let total: serde_json::Value = serde_json::from_slice(&summary.stdout).unwrap();
        assert_eq!(shown(&total["total"]["percent"]), figure, "{files:?}");
    }
}

#[test]
fn coverage_packed_as_ci_hands_it_over_is_read_as_it_was_before() {
    // Each packed file (tests/fixtures/packed/record.sh) against the files it was made from:
    // the same figures, and the same words with the archive's name for the folder's.
    let packed = "tests/fixtures/packed";
    let folder = "tests/fixtures/folders/c8-coverage";
    let same = [
        ("lcov.info.gz", vec![format!("{folder}/lcov.info")], ""),
        ("c8-coverage.zip", vec![folder.to_owned()], "c8-coverage.zip"),
        ("upload-artifact.zip", vec![folder.to_owned()], "upload-artifact.zip"),
        ("stream.zip", vec![format!("{folder}/clover.xml"), format!("{folder}/lcov.info")], "stream.zip/coverage"),
        ("c8-coverage.tar.gz", vec![folder.to_owned()], "c8-coverage.tar.gz"),
    ];
    // A path longer than a tar header's name, as GNU tar, pax and ustar's prefix write it.
    let long = "coverage-of-the-packages-under-test/reports-from-the-nightly-job/lcov-and-clover-as-written-by-c8";
    let two = vec![format!("{folder}/clover.xml"), format!("{folder}/lcov.info")];
    let tars =
        ["gnu-long.tar", "pax-long.tar", "ustar-long.tar"].map(|tar| (tar, two.clone(), format!("{tar}/{long}")));
    let same = same.into_iter().map(|(given, unpacked, named)| (given, unpacked, named.to_owned())).chain(tars);
    for (given, unpacked, named) in same {
        let output = covdash(&["summary", "--json", &format!("{packed}/{given}")]);
        assert!(output.status.success(), "{given:?}: {}", String::from_utf8_lossy(&output.stderr));
        let unpacked: Vec<&str> = unpacked.iter().map(String::as_str).collect();
        let expected = covdash(&[&["summary", "--json"][..], &unpacked].concat());
        assert_eq!(String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&expected.stdout), "{given:?}");
        let said = String::from_utf8_lossy(&output.stderr).replace(&format!("{packed}/{named}"), folder);
        assert_eq!(said, String::from_utf8_lossy(&expected.stderr), "{given:?}");
    }
    // What cannot be opened: said by the file's name (an archive's file by its path in it),
    // and the command fails.
    let refused = [
        (
            "cut.zip",
            "cut.zip: a zip archive that cannot be opened: it is cut short: its list of files is missing or \
             incomplete",
        ),
        ("encrypted.zip", "encrypted.zip/lcov.info: encrypted: covdash reads archives made without a password"),
        (
            "bzip2.zip",
            "bzip2.zip/lcov.info: compressed by method 12 (bzip2), which covdash does not read: zip it with \
             deflate, zip's default; tests/fixtures/packed/bzip2.zip/clover.xml: compressed by method 12 (bzip2), \
             which covdash does not read: zip it with deflate, zip's default",
        ),
        (
            "corrupt.info.gz",
            "corrupt.info.gz: compressed with gzip, and it cannot be inflated: corrupt gzip stream does not have a \
             matching checksum",
        ),
        (
            "hidden.zip",
            "hidden.zip: a zip archive with no file in it (hidden folders, node_modules and __MACOSX left out)",
        ),
        (
            "cut.tar",
            "cut.tar: a tar archive that cannot be read to its end: it is cut short in \
             coverage-of-the-packages-under-test/reports-from-the-nightly-job/lcov-and-clover-as-written-by-c8/clover.xml",
        ),
        (
            "damaged.tar",
            "damaged.tar: a tar archive that cannot be read to its end: the header at byte 1536 is damaged (its \
             checksum is not its bytes' sum)",
        ),
        (
            "lcov.info.zst",
            "lcov.info.zst: the file is compressed with Zstandard, which covdash does not inflate: give it as it \
             is, gzipped, or in a zip or tar archive",
        ),
    ];
    for (file, problem) in refused {
        let output = covdash(&["summary", &format!("{packed}/{file}")]);
        assert_eq!(output.status.code(), Some(2), "{file}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), format!("covdash: {packed}/{problem}\n"));
    }
    // In a folder, a gzip file that cannot be inflated is said and left out, as a folder's
    // other files are counted, not refused.
    let project = common::Scratch::new("cli-packed-folder");
    std::fs::copy(common::root().join(packed).join("corrupt.info.gz"), project.join("corrupt.info.gz")).unwrap();
    std::fs::copy(common::root().join(folder).join("lcov.info"), project.join("lcov.info")).unwrap();
    let output = covdash(&["summary", "--json", project.to_str().unwrap()]);
    let expected = covdash(&["summary", "--json", &format!("{folder}/lcov.info")]);
    assert_eq!(String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&expected.stdout));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "covdash: {}/corrupt.info.gz: compressed with gzip, and it cannot be inflated: corrupt gzip stream does \
             not have a matching checksum\n",
            project.display()
        )
    );
    // An archive's file that cannot be read is left out, and said; the rest is read.
    let output = covdash(&["summary", "--json", &format!("{packed}/mixed.zip")]);
    let expected = covdash(&["summary", "--json", &format!("{folder}/lcov.info")]);
    assert_eq!(String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&expected.stdout));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "covdash: {packed}/mixed.zip/clover.xml: compressed by method 12 (bzip2), which covdash does not read: \
             zip it with deflate, zip's default\n"
        )
    );
}

#[test]
fn an_archive_in_an_artifact_is_opened_in_turn_and_a_copy_of_a_run_is_read_once() {
    // GitHub's artifact zip holding a tarball, an LCOV file gzipped and a jar (a zip, not named
    // as an archive): the tar and the gzip file are opened, the jar is not; clover.xml, lcov.info
    // and the gzipped copy of lcov.info are one run, read once.
    let packed = "tests/fixtures/packed";
    let folder = "tests/fixtures/folders/c8-coverage";
    let output = covdash(&["summary", "--json", &format!("{packed}/artifact-of-a-tarball.zip")]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let expected = covdash(&["summary", "--json", &format!("{folder}/clover.xml")]);
    assert_eq!(String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&expected.stdout));
    let artifact = format!("{packed}/artifact-of-a-tarball.zip");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "covdash: 1 file given is no coverage and matches none of the report's files: {artifact}/tool.jar\n\
             covdash: The same run in 3 files of 2 formats: {artifact}/coverage.tar/clover.xml read; \
             {artifact}/coverage.tar/lcov.info and {artifact}/lcov.info.gz left out\n"
        )
    );
    // The same with the files as they are, whatever their order: no package of the copy's own.
    let scratch = common::Scratch::new("cli-same-run-copy");
    for name in ["clover.xml", "lcov.info"] {
        std::fs::copy(common::root().join(folder).join(name), scratch.join(name)).unwrap();
    }
    std::fs::copy(common::root().join(folder).join("lcov.info"), scratch.join("copy.info")).unwrap();
    let given = |name: &str| scratch.join(name).to_str().unwrap().to_owned();
    for order in [["clover.xml", "lcov.info", "copy.info"], ["lcov.info", "copy.info", "clover.xml"]] {
        let paths: Vec<String> = order.iter().map(|name| given(name)).collect();
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        let output = covdash(&[&["summary", "--json"][..], &paths].concat());
        assert_eq!(String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&expected.stdout), "{order:?}");
    }
}

#[test]
fn a_folder_stands_for_the_coverage_files_under_it() {
    // c8's folder as Jest's default reporters leave it: one run in three formats, its HTML
    // report and c8's V8 dumps. The figures are those of the run's own file.
    let folder = "tests/fixtures/folders/c8-coverage";
    let output = covdash(&["summary", "--json", folder]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let alone = covdash(&["summary", "--json", &format!("{folder}/coverage-final.json")]);
    assert_eq!(String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&alone.stdout));
    let said = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines.len(), 2, "{said}");
    assert!(
        lines[0].starts_with(&format!(
            "covdash: 11 files given are no coverage and match none of the report's files: {folder}/lcov-report/base.css, "
        )),
        "{said}"
    );
    assert!(lines[1].starts_with("covdash: The same run in 3 formats: "), "{said}");
    // A folder is read whole: one of more than the page reads at once (a project's, with its
    // build's output) is refused before anything is read. The file is sparse: it takes no room.
    let project = common::Scratch::new("cli-large-folder");
    std::fs::copy(common::root().join(folder).join("lcov.info"), project.join("lcov.info")).unwrap();
    std::fs::create_dir(project.join("target")).unwrap();
    let build = std::fs::File::create(project.join("target/app.bin")).unwrap();
    build.set_len(covdash::session::MAX_INPUT_BYTES).unwrap();
    let output = covdash(&["summary", project.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains(": 1.1 GB in 2 files under it, more than a folder is read for"), "{said}");
    // A folder with no coverage file in it, alone or beside another, is said by its name, in
    // the words the page says it of a folder chosen.
    let sources = "tests/fixtures/sources/c-textstat/src";
    let none = format!("covdash: {sources}: none of its 2 files is a coverage file\n");
    for args in [&["summary", sources][..], &["summary", sources, "tests/fixtures/sources/go-shapes/go.mod"]] {
        let output = covdash(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), none, "{args:?}");
    }
    let empty = common::Scratch::new("cli-empty-folder");
    let output = covdash(&["summary", empty.to_str().unwrap(), sources]);
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stderr);
    assert_eq!(said, format!("covdash: {}: it holds no file; {}", empty.display(), &none["covdash: ".len()..]));
}

#[test]
fn test_results_given_beside_coverage_change_nothing_in_its_summary() {
    // JUnit's results have no figures: the summary is the coverage file's, whichever comes
    // first (its metric, its format), as `covdash report` reads the same files.
    let coverage = "tests/fixtures/istanbul/ok/solidity-coverage-final.json";
    let results = "tests/fixtures/junit/ok/generated-pytest-9.2-xunit2.xml";
    let alone = summary(&[coverage]);
    assert_eq!(alone["metric"], "statements");
    for given in [[results, coverage], [coverage, results]] {
        assert_eq!(summary(&given), alone, "{given:?}");
    }
}
