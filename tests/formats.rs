//! Parser tests, driven by the fixtures under `tests/fixtures/<format>/{ok,err}`.
//!
//! Each `ok` input has a `.txt` dump of what was parsed; each `err` input has a `.txt` with the
//! error message, position included. `UPDATE_EXPECT=1 cargo test` re-blesses them.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is a failed test")]

mod common;

use common::{check_snapshot, dump, expected_path, fixtures};
use covdash::formats::{self, ErrorKind};

/// The one place that runs a fixture through the parser and compares. The fixture's folder
/// says what to expect: `ok` parses cleanly, `warn` parses with diagnostics, `err` fails.
#[track_caller]
fn check(fixture: &std::path::Path) {
    let bytes = std::fs::read(fixture).unwrap();
    let class = fixture.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap_or("");
    let name = fixture.display();
    let actual = match (formats::parse(&bytes), class) {
        (Ok(parsed), "ok") => {
            assert!(parsed.diagnostics.is_empty(), "{name}: unexpected diagnostics {:?}", parsed.diagnostics);
            dump(&parsed)
        }
        (Ok(parsed), "warn") => {
            assert!(!parsed.diagnostics.is_empty(), "{name}: expected diagnostics, found none");
            dump(&parsed)
        }
        (Err(error), "err") => format!("{error}\n"),
        (Ok(parsed), _) => panic!("{name}: parsed, but it should not:\n{}", dump(&parsed)),
        (Err(error), _) => panic!("{name}: {error}"),
    };
    check_snapshot(&expected_path(fixture), &actual);
}

#[test]
fn covdash_json_fixtures() {
    for fixture in fixtures("covdash") {
        check(&fixture);
    }
}

#[test]
fn lcov_fixtures() {
    for fixture in fixtures("lcov") {
        check(&fixture);
    }
}

#[test]
fn cobertura_fixtures() {
    for fixture in fixtures("cobertura") {
        check(&fixture);
    }
}

#[test]
fn go_test_fixtures() {
    for fixture in fixtures("go-test") {
        check(&fixture);
    }
}

#[test]
fn istanbul_fixtures() {
    for fixture in fixtures("istanbul") {
        check(&fixture);
    }
}

#[test]
fn coverage_py_fixtures() {
    for fixture in fixtures("coveragepy") {
        check(&fixture);
    }
}

#[test]
fn llvm_cov_fixtures() {
    for fixture in fixtures("llvmcov") {
        check(&fixture);
    }
}

#[test]
fn tarpaulin_fixtures() {
    for fixture in fixtures("tarpaulin") {
        check(&fixture);
    }
}

#[test]
fn jacoco_fixtures() {
    for fixture in fixtures("jacoco") {
        check(&fixture);
    }
}

#[test]
fn clover_fixtures() {
    for fixture in fixtures("clover") {
        check(&fixture);
    }
}

#[test]
fn sonarqube_fixtures() {
    for fixture in fixtures("sonarqube") {
        check(&fixture);
    }
}

#[test]
fn junit_fixtures() {
    for fixture in fixtures("junit") {
        check(&fixture);
    }
}

#[test]
fn go_profile_fixtures() {
    for fixture in fixtures("go") {
        check(&fixture);
    }
}

#[test]
fn encoding_fixtures() {
    // Empty files, a byte order mark alone, white space, UTF-16 with and without its mark.
    for fixture in fixtures("encoding") {
        check(&fixture);
    }
}

#[test]
fn a_million_records_of_one_file_merge_into_one() {
    // Repeated records of one file (a tracefile concatenated from many test processes) are
    // merged as they come: a million of them read as one file, its lines' hits added.
    let mut lcov = Vec::with_capacity(40_000_000);
    for record in 0..1_000_000u32 {
        lcov.extend_from_slice(format!("SF:src/a.c\nDA:1,1\nDA:{},0\nend_of_record\n", 2 + record % 3).as_bytes());
    }
    let parsed = formats::parse(&lcov).unwrap();
    let files: Vec<_> = parsed.report.snapshots[0].packages.iter().flat_map(|p| &p.files).collect();
    assert_eq!(files.len(), 1);
    let file = files[0];
    assert_eq!(file.path, "src/a.c");
    assert_eq!(
        file.lines.iter().map(|l| (l.line, l.hits)).collect::<Vec<_>>(),
        [(1, 1_000_000), (2, 0), (3, 0), (4, 0)]
    );
}

#[test]
fn errors_carry_a_position() {
    // Every covdash JSON error points at its place.
    for fixture in fixtures("covdash/err") {
        let error = formats::parse(&std::fs::read(&fixture).unwrap()).unwrap_err();
        let position = error.position();
        assert!(position.is_some_and(|p| p.line >= 1 && p.column.is_some()), "{}: {error}", fixture.display());
    }
}

#[test]
fn the_sample_parses_cleanly() {
    let parsed = covdash::sample::parsed().unwrap();
    assert!(parsed.diagnostics.is_empty());
    check_snapshot(&common::root().join("tests/fixtures/sample.txt"), &dump(&parsed));
}

#[test]
fn unknown_content_says_what_it_looks_like() {
    // (input, message)
    let cases: [(&[u8], &str); 3] = [
        (b"", "the file is empty"),
        (b"Name    Stmts   Miss  Cover\n", "this looks like text starting with \"Name    Stmts   Miss  Cover\", which is not a coverage format covdash reads (accepted: covdash JSON, LCOV, Cobertura XML, Go coverage profile, go test output, go test -json output, JUnit XML, Istanbul JSON, Istanbul summary JSON, coverage.py JSON, llvm-cov export JSON, tarpaulin JSON, JaCoCo XML, Clover XML, SonarQube generic coverage XML)"),
        (b"<?xml version=\"1.0\"?><report name=\"x\">", "this looks like XML with a <report> root element, which is not a coverage format covdash reads (accepted: covdash JSON, LCOV, Cobertura XML, Go coverage profile, go test output, go test -json output, JUnit XML, Istanbul JSON, Istanbul summary JSON, coverage.py JSON, llvm-cov export JSON, tarpaulin JSON, JaCoCo XML, Clover XML, SonarQube generic coverage XML)"),
    ];
    for (input, message) in cases {
        let error = formats::parse(input).unwrap_err();
        assert_eq!(error.to_string(), message);
    }
}

#[test]
fn every_prefix_of_every_fixture_parses_or_fails_cleanly() {
    let mut inputs: Vec<Vec<u8>> = fixtures("").into_iter().map(|p| std::fs::read(p).unwrap()).collect();
    inputs.push(covdash::sample::JSON.to_vec());
    let mut n_prefixes = 0;
    for input in &inputs {
        // Every prefix of small files; of large ones, evenly spaced prefixes and the last 256
        // bytes one by one: about 16 MB of parsing per file keeps the test quick in debug builds.
        let step = (input.len() * input.len() / 16_000_000).max(1);
        let lens = (0..=input.len()).filter(|len| len % step == 0 || input.len() - len < 256);
        for len in lens {
            n_prefixes += 1;
            // A prefix may parse or fail; either way it returns, and a failure explains itself.
            if let Err(error) = formats::parse(&input[..len]) {
                assert!(!error.to_string().is_empty());
                let prefix = input[..len].strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&input[..len]);
                if !prefix.iter().all(u8::is_ascii_whitespace) {
                    assert!(!matches!(error.kind(), ErrorKind::Empty), "prefix of {len} bytes reported as empty");
                }
            }
        }
    }
    assert!(n_prefixes > 1000, "only {n_prefixes} prefixes were tried");
}

/// One run of c8 written by four of its reporters (`tests/fixtures/lines/c8`, `record.sh`
/// there): whichever the format, each line is marked as the LCOV file's own records say, read
/// here record by record. A line is not covered when its `DA` count is 0, and partly covered
/// when it ran but a `BRDA` on it has a count of 0 or `-`: Clover's `cond` lines, as istanbul
/// writes them, count branches taken and not taken, not the two outcomes of one condition.
#[test]
fn every_format_of_one_run_marks_the_lines_as_its_lcov_records_do() {
    let dir = common::root().join("tests/fixtures/lines/c8");
    let lcov = std::fs::read_to_string(dir.join("lcov.info")).unwrap();
    let mut hits = std::collections::BTreeMap::new();
    let mut branches: std::collections::BTreeMap<u32, Vec<bool>> = std::collections::BTreeMap::new();
    for record in lcov.lines() {
        let fields: Vec<&str> = record.split([':', ',']).collect();
        match fields[..] {
            ["DA", line, count, ..] => {
                hits.insert(line.parse::<u32>().unwrap(), count.parse::<u64>().unwrap());
            }
            ["BRDA", line, _, _, taken] => {
                branches.entry(line.parse().unwrap()).or_default().push(!matches!(taken, "0" | "-"));
            }
            _ => {}
        }
    }
    let not_covered: Vec<u32> = hits.iter().filter(|(_, &n)| n == 0).map(|(&l, _)| l).collect();
    let partly: Vec<(u32, u64, u64)> = branches
        .iter()
        .filter(|(line, taken)| hits[line] > 0 && taken.contains(&false))
        .map(|(&line, taken)| (line, taken.iter().filter(|&&t| t).count() as u64, taken.len() as u64))
        .collect();
    assert!(!not_covered.is_empty() && !partly.is_empty(), "the run has lines of both kinds");
    for name in ["lcov.info", "clover.xml", "cobertura-coverage.xml", "coverage-final.json"] {
        let parsed = formats::parse(&std::fs::read(dir.join(name)).unwrap()).unwrap();
        let files: Vec<_> = parsed.report.snapshots[0].packages.iter().flat_map(|p| &p.files).collect();
        assert_eq!(files.len(), 1, "{name}");
        let ours: Vec<u32> = files[0]
            .uncovered_ranges()
            .iter()
            .flat_map(|&(first, last)| first..=last)
            .filter(|line| hits.contains_key(line))
            .collect();
        assert_eq!((ours, files[0].partial_branch_lines()), (not_covered.clone(), partly.clone()), "{name}");
    }
}

/// gcovr's own text reports of the run its SonarQube file holds (`sonarqube/tool-output/`):
/// per file, the lines its "Missing" column lists are the lines covdash finds not covered;
/// with `--txt-metric branch`, the lines whose branches were not all taken are those lines
/// that ran and covdash finds partly covered.
#[test]
fn sonarqube_lines_are_the_ones_gcovr_lists_missing() {
    let dir = common::root().join("tests/fixtures/sonarqube");
    let missing = |name: &str| -> Vec<(String, Vec<u32>)> {
        let text = std::fs::read_to_string(dir.join("tool-output").join(name)).unwrap();
        text.lines()
            .filter(|l| l.starts_with("src/"))
            .map(|l| {
                let columns: Vec<&str> = l.split_whitespace().collect();
                let lines = columns.get(4).map_or(vec![], |m| m.split(',').map(|n| n.parse().unwrap()).collect());
                (columns[0].to_owned(), lines)
            })
            .collect()
    };
    let (lines, branches) = (missing("generated-gcovr-8.8-lines.txt"), missing("generated-gcovr-8.8-branches.txt"));
    assert_eq!(lines.len(), 2);
    let parsed = formats::parse(&std::fs::read(dir.join("ok/generated-gcovr-8.8-sonarqube.xml")).unwrap()).unwrap();
    let files: Vec<_> = parsed.report.snapshots[0].packages.iter().flat_map(|p| &p.files).collect();
    for ((path, not_covered), (_, not_all_taken)) in lines.iter().zip(&branches) {
        let file = files.iter().find(|f| &f.path == path).unwrap();
        let ours: Vec<u32> = file.uncovered_ranges().iter().flat_map(|&(a, b)| a..=b).collect();
        let partly: Vec<u32> = file.partial_branch_lines().iter().map(|p| p.0).collect();
        let ran: Vec<u32> = not_all_taken.iter().copied().filter(|l| !not_covered.contains(l)).collect();
        assert_eq!((&ours, &partly), (not_covered, &ran), "{path}");
    }
}

#[test]
fn another_tools_json_is_told_apart_from_covdash_json_that_lacks_its_data() {
    // (input, what the error says): a JSON object no reader claims is read as covdash JSON.
    let cases = [
        (
            r#"{"data": {"x.c": [1, 0]}, "tool": "some coverage tool"}"#,
            "this looks like a JSON object with none of covdash JSON's keys (\"snapshots\", \"title\" …), which is \
             not a coverage format covdash reads (accepted: covdash JSON, LCOV,",
        ),
        (
            r#"{"tool": "x", "meta": {"title": "a key of covdash's, but not at the top"}}"#,
            "this looks like a JSON object with none of covdash JSON's keys",
        ),
        (r#"{ "title": "no data here" }"#, "line 1, column 27: missing field `snapshots`"),
        ("{\n  \"exclude\": []\n}\n\n", "line 3, column 1: missing field `snapshots`"),
        (
            r#"{"title": "t", "snapshots": null}"#,
            "line 1, column 32: snapshots: invalid type: null, expected a sequence",
        ),
        // npm's package.json shares one key with covdash JSON, `version`, as a text.
        (
            r#"{"name": "money", "version": "1.0.0", "type": "module", "scripts": {"test": "node --test"}}"#,
            "this looks like a JSON object with no \"snapshots\" and keys covdash JSON does not have (\"name\", \"type\", \"scripts\"), which is not a coverage format",
        ),
        // A key misspelt is said as such.
        (r#"{"title": "t", "snapshot": []}"#, "this looks like a JSON object with no \"snapshots\" and keys covdash JSON does not have (\"snapshot\")"),
        // tsconfig.json, with the comments TypeScript allows: no JSON, and no covdash JSON.
        (
            "{\n  // Emit ES modules.\n  \"compilerOptions\": {\"module\": \"es2022\"}\n}\n",
            "this looks like JSON with an error (line 2, column 3: key must be a string) and no \"snapshots\", which is not a coverage format",
        ),
        // covdash JSON with a mistake in it is told where.
        (r#"{"version": "2", "snapshots": []}"#, "line 1, column 15: version: invalid type: string"),
        ("{\"snapshots\": [,]}", "line 1, column 16: invalid JSON"),
        (
            r#"{"gcovr/format_version": "0.15", "files": []}"#,
            "this looks like gcovr's JSON report (gcovr writes the same run as LCOV with --lcov, Cobertura with \
             --cobertura), which is not a coverage format covdash reads",
        ),
    ];
    for (input, said) in cases {
        let error = formats::parse(input.as_bytes()).unwrap_err().to_string();
        assert!(error.starts_with(said), "{input}: {error}");
    }
}
