//! `covdash convert --to lcov`: every format's real fixtures written as LCOV and read back by
//! lcov 1.16 itself (`lcov --summary`), whose totals must equal covdash's own figures for the
//! input: lines, functions and branches, wherever the input has them.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is a failed test")]

mod common;

use std::process::Command;

const FORMATS: [&str; 10] =
    ["clover", "cobertura", "coveragepy", "go", "istanbul", "jacoco", "lcov", "llvmcov", "sonarqube", "tarpaulin"];

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
    let dir = common::Scratch::new("convert");
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
    eprintln!("{checked} fixtures' LCOV read back by lcov --summary");
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
    let dir = common::Scratch::new("cobertura");
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

        check_pycobertura(&dir, coverage, &xml.stdout);
    }
}

/// pycobertura's totals of `xml` (written in `dir` as `coverage.xml`), covdash's own converted:
/// its statements are covdash's lines, and what it counts missed covdash's lines not covered
/// plus the covered lines with a branch not taken (which pycobertura counts as missed).
fn check_pycobertura(dir: &std::path::Path, coverage: &str, xml: &[u8]) {
    let shown = run(dir, "pycobertura", &["show", "--format", "json", "coverage.xml"]);
    let shown: serde_json::Value = serde_json::from_str(&shown).unwrap();
    let total = (shown["total"]["Stmts"].as_u64().unwrap(), shown["total"]["Miss"].as_u64().unwrap());
    let (covered, all) = own(coverage, "lines").unwrap();
    let partial = xml
        .split(|b| *b == b'\n')
        .filter(|l| {
            let l = String::from_utf8_lossy(l);
            l.contains("condition-coverage") && !l.contains("condition-coverage=\"100%") && !l.contains("hits=\"0\"")
        })
        .count() as u64;
    assert_eq!(total, (all, all - covered + partial), "{coverage}: pycobertura's totals");
}

/// Every format's fixtures, converted to Cobertura, read by pycobertura with covdash's figures
/// (where the input has lines: Go's are its blocks', and a report of figures alone has none).
#[test]
fn every_formats_fixtures_convert_to_cobertura_with_covdashs_figures_in_pycobertura() {
    let dir = common::Scratch::new("cobertura-all");
    let mut checked = 0;
    for format in FORMATS {
        for fixture in common::fixtures(&format!("{format}/ok")) {
            let name = fixture.display().to_string();
            let output = covdash(&["convert", "--to", "cobertura", &name]);
            let notes = String::from_utf8_lossy(&output.stderr);
            let has_lines = output.stdout.windows(6).any(|w| w == b"<line ");
            if !output.status.success() || format == "go" || !has_lines || notes.contains("the lines of") {
                continue;
            }
            // pycobertura keeps a list as long as the highest line number: a fixture of lines
            // near u32::MAX would take the machine's memory.
            let text = String::from_utf8_lossy(&output.stdout);
            let highest =
                text.split("number=\"").skip(1).filter_map(|n| n.split('"').next()?.parse::<u64>().ok()).max();
            if own(&name, "lines").is_none() || highest > Some(1_000_000) {
                continue;
            }
            std::fs::write(dir.join("coverage.xml"), &output.stdout).unwrap();
            check_pycobertura(&dir, &name, &output.stdout);
            checked += 1;
        }
    }
    eprintln!("{checked} fixtures' Cobertura read back by pycobertura");
    assert!(checked >= 25, "only {checked} fixtures read back");
}

/// A Cobertura report over `--max-bytes` is written in parts, each a whole report under the
/// limit: diff-cover reading them all gives the patch figures it gives on the single file, and
/// pycobertura's totals of the parts add up to the single file's.
#[test]
fn a_cobertura_report_over_the_limit_is_split_into_whole_reports_the_consumers_read() {
    let dir = common::Scratch::new("cobertura-split");
    run(&dir, "git", &["init", "--quiet"]);
    let fixtures = common::root().join("tests/fixtures/patch/more-itertools-lcov");
    let coverage = fixtures.join("coverage.lcov");
    let (coverage, diff) = (coverage.to_str().unwrap(), fixtures.join("change.diff"));
    let whole =
        covdash(&["convert", "--to", "cobertura", coverage, "--output", dir.join("whole.xml").to_str().unwrap()]);
    assert!(whole.status.success(), "{}", String::from_utf8_lossy(&whole.stderr));
    let size = std::fs::metadata(dir.join("whole.xml")).unwrap().len();
    let limit = (size / 3).to_string();
    let output = dir.join("part.xml");
    let split = covdash(&[
        "convert",
        "--to",
        "cobertura",
        coverage,
        "--max-bytes",
        &limit,
        "--output",
        output.to_str().unwrap(),
    ]);
    let said = String::from_utf8_lossy(&split.stderr);
    assert!(split.status.success(), "{said}");
    let parts: Vec<String> =
        (1..).map(|n| format!("part.{n}.xml")).take_while(|name| dir.join(name).exists()).collect();
    assert!(parts.len() >= 3, "{parts:?}: {said}");
    assert!(said.contains(&format!("written as {} reports of at most", parts.len())), "{said}");
    for part in &parts {
        let bytes = std::fs::metadata(dir.join(part)).unwrap().len();
        assert!(bytes <= size / 3 || said.contains("alone over"), "{part}: {bytes} bytes");
    }
    // Standard output cannot hold several files: it says so.
    let refused = covdash(&["convert", "--to", "cobertura", coverage, "--max-bytes", &limit]);
    assert_eq!(refused.status.code(), Some(2), "{}", String::from_utf8_lossy(&refused.stderr));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("give --output FILE"));

    let diff_cover = |reports: &[&str]| {
        let mut args = reports.to_vec();
        args.extend(["--diff-file", diff.to_str().unwrap(), "--json-report", "diff-cover.json"]);
        run(&dir, "diff-cover", &args);
        let read: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("diff-cover.json")).unwrap()).unwrap();
        (read["total_num_lines"].as_u64(), read["total_num_violations"].as_u64(), read["num_changed_lines"].as_u64())
    };
    let part_names: Vec<&str> = parts.iter().map(String::as_str).collect();
    assert_eq!(diff_cover(&part_names), diff_cover(&["whole.xml"]));
    let totals = |report: &str| {
        let shown: serde_json::Value =
            serde_json::from_str(&run(&dir, "pycobertura", &["show", "--format", "json", report])).unwrap();
        (shown["total"]["Stmts"].as_u64().unwrap(), shown["total"]["Miss"].as_u64().unwrap())
    };
    let summed = parts.iter().map(|p| totals(p)).fold((0, 0), |(s, m), (s2, m2)| (s + s2, m + m2));
    assert_eq!(summed, totals("whole.xml"));
}

/// Every format's fixtures whose paths are relative (diff-cover matches a report's files to the
/// change's from the project's root), converted to Cobertura and read by diff-cover against a
/// change that adds every line of every file: its figures equal `covdash patch`'s on the
/// original report with the same change.
#[test]
fn every_formats_fixtures_convert_to_cobertura_with_covdashs_patch_figures_in_diff_cover() {
    let dir = common::Scratch::new("cobertura-diff");
    run(&dir, "git", &["init", "--quiet"]);
    let mut checked = Vec::new();
    for format in FORMATS {
        for fixture in common::fixtures(&format!("{format}/ok")) {
            let name = fixture.display().to_string();
            let output = covdash(&["convert", "--to", "cobertura", &name]);
            let xml = String::from_utf8_lossy(&output.stdout).into_owned();
            // Each file's path and highest line.
            let mut files: Vec<(String, u64)> = Vec::new();
            for class in xml.split("<class ").skip(1) {
                let path = class.split("filename=\"").nth(1).and_then(|p| p.split('"').next()).unwrap_or_default();
                let highest = class
                    .split("number=\"")
                    .skip(1)
                    .filter_map(|n| n.split('"').next()?.parse::<u64>().ok())
                    .max()
                    .unwrap_or(0);
                files.push((path.replace("&amp;", "&"), highest));
            }
            let plain = |p: &str| {
                !p.is_empty() && !p.starts_with('/') && !p.contains(':') && !p.contains("..") && !p.contains('&')
            };
            if !output.status.success() || files.is_empty() || !files.iter().all(|(p, n)| plain(p) && *n <= 100_000) {
                continue;
            }
            let mut diff = String::new();
            for (path, highest) in &files {
                diff.push_str(&format!(
                    "diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n@@ -0,0 +1,{highest} @@\n"
                ));
                diff.push_str(&"+x\n".repeat(*highest as usize));
            }
            std::fs::write(dir.join("change.diff"), &diff).unwrap();
            std::fs::write(dir.join("coverage.xml"), &output.stdout).unwrap();
            let diff_path = dir.join("change.diff");
            let patch = covdash(&["patch", "--json", "--diff", diff_path.to_str().unwrap(), &name]);
            assert!(patch.status.success(), "{name}: {}", String::from_utf8_lossy(&patch.stderr));
            let patch: serde_json::Value = serde_json::from_slice(&patch.stdout).unwrap();
            run(
                &dir,
                "diff-cover",
                &["coverage.xml", "--diff-file", "change.diff", "--json-report", "diff-cover.json"],
            );
            let read: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(dir.join("diff-cover.json")).unwrap()).unwrap();
            let measured = patch["measured"].as_u64().unwrap();
            let missed = measured - patch["covered"].as_u64().unwrap();
            assert_eq!(
                (read["total_num_lines"].as_u64(), read["total_num_violations"].as_u64()),
                (Some(measured), Some(missed)),
                "{name}"
            );
            checked.push(format);
        }
    }
    let fixtures = checked.len();
    checked.dedup();
    eprintln!("diff-cover read back the Cobertura of {fixtures} fixtures of {checked:?}");
    assert!(checked.len() >= 6, "only {checked:?}");
}

/// Names are data in a converted report: a path is written as it is, so that a platform finds
/// the file, or, where the format has no way to hold it, the file is left out and said. Each
/// output is read back by a reader other than covdash's: the LCOV by its lines (a record is a
/// line) and by lcov itself, the Cobertura by Python's XML reader.
#[test]
fn hostile_paths_and_names_are_written_as_they_are_or_left_out_and_said() {
    let dir = common::root().join("tests/fixtures/hostile");
    let sorted = |mut list: Vec<String>| {
        covdash::model::sort(&mut list);
        list
    };
    let line_break = |s: &String| s.contains(['\n', '\r']);
    // XML 1.0's characters (its `Char` production, less the surrogates Rust has none of).
    let in_xml = |s: &String| {
        s.chars().all(|c| matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}'))
    };
    for name in ["paths.coveragepy.json", "functions.istanbul.json"] {
        let input = dir.join(name);
        let parsed = covdash::formats::parse(&std::fs::read(&input).unwrap()).unwrap();
        let files: Vec<_> = parsed.report.latest().unwrap().files().collect();
        let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
        let functions: Vec<String> =
            files.iter().flat_map(|f| f.functions().iter().map(|g| f.function_name(g).to_owned())).collect();
        let input = input.to_str().unwrap();

        let lcov = covdash(&["convert", "--to", "lcov", input]);
        let (text, said) = (String::from_utf8(lcov.stdout).unwrap(), String::from_utf8(lcov.stderr).unwrap());
        let records =
            |prefix: &str| text.split('\n').filter_map(|l| l.strip_prefix(prefix)).map(str::to_owned).collect();
        let written: Vec<String> = records("SF:");
        assert_eq!(sorted(written), sorted(paths.iter().filter(|p| !line_break(p)).cloned().collect()), "{name}");
        let named: Vec<String> = records("FN:").into_iter().map(|r| r.split_once(',').unwrap().1.to_owned()).collect();
        assert_eq!(sorted(named), sorted(functions.iter().filter(|f| !line_break(f)).cloned().collect()), "{name}");
        for (n, what) in [
            (paths.iter().filter(|p| line_break(p)).count(), "file"),
            (functions.iter().filter(|f| line_break(f)).count(), "function"),
        ] {
            let told = said.contains(&format!("{n} {what}{} left out: a line break", if n == 1 { "" } else { "s" }));
            assert_eq!(told, n > 0, "{name}: {said}");
        }
        let scratch = common::Scratch::new(&format!("hostile-{name}"));
        let tracefile = scratch.join("converted.info");
        std::fs::write(&tracefile, &text).unwrap();
        let [lines, ..] = lcov_summary(tracefile.to_str().unwrap());
        let kept = files.iter().filter(|f| !line_break(&f.path));
        let expected = kept.fold((0, 0), |(c, t), f| {
            (c + f.lines.iter().filter(|l| l.hits > 0).count() as u64, t + f.lines.len() as u64)
        });
        assert_eq!(lines, Some(expected), "{name}: lcov's lines");

        let cobertura = covdash(&["convert", "--to", "cobertura", input]);
        let said = String::from_utf8(cobertura.stderr).unwrap();
        let mut python = Command::new("python3")
            .args(["-c", "import sys, json, xml.etree.ElementTree as E; print(json.dumps([c.get('filename') for c in E.parse(sys.stdin).iter('class')]))"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut python.stdin.take().unwrap(), &cobertura.stdout).unwrap();
        let read = python.wait_with_output().unwrap();
        assert!(read.status.success(), "{name}: Python could not read the Cobertura written");
        let read_back: Vec<String> = serde_json::from_slice(&read.stdout).unwrap();
        assert_eq!(sorted(read_back), sorted(paths.iter().filter(|p| in_xml(p)).cloned().collect()), "{name}");
        let n = paths.iter().filter(|p| !in_xml(p)).count();
        assert_eq!(said.contains("left out: a control character"), n > 0, "{name}: {said}");
    }
}
