//! `covdash compare` puts every line in the category genhtml 2.x puts it in: per file and in
//! all, on real pairs of reports (gcc + lcov; coverage.py and c8, whose own JSON covdash reads
//! while genhtml reads their LCOV) and the real diff between their commits
//! (`tests/fixtures/differential/`), against genhtml 2.3.2's printed counts kept beside them,
//! and against genhtml itself when it can run here (lcov 2.3.2's `bin/` in `LCOV2`, or beside
//! the project in `../shared/oracles/lcov-2.3.2/bin`, with Debian's Perl modules).

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is a failed test")]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Category counts: per file (by the path genhtml prints), and the total under `""`; lines under
/// the path, functions under `"path (functions)"`, branches under `"path (branches)"`.
type Counts = BTreeMap<String, BTreeMap<String, u64>>;

/// The categories genhtml 2.3.2 counts twice in its branch summaries, all but the deleted
/// (which it skips as "not in current"): `_countBranchTlaData` adds 1 to the category's
/// counter, then `branchCovCount($tla, 'noGroup', undef, 1)` adds 1 to the same counter. Its
/// own total (`branches=14`), its HTML's per-branch marks and covdash count each branch once.
const IN_CURRENT: [&str; 10] = ["UNC", "LBC", "UIC", "UBC", "GBC", "GIC", "GNC", "CBC", "EUB", "ECB"];

/// genhtml's printed counts: `Processing file src/calc.c …` then `    line: UNC:1 GNC:3`, and
/// the top level's `  line: …` (or, for a project of one folder, which genhtml prints without a
/// top level, that folder's). Branch counts of the current report's branches are halved (see
/// [`IN_CURRENT`]), and then, per file, must add up to genhtml's own `branches=N`.
fn genhtml_counts(text: &str) -> Counts {
    let mut counts = Counts::new();
    let mut file: Option<String> = None;
    let mut level: Option<&str> = None;
    let mut folders: Vec<(String, BTreeMap<String, u64>)> = Vec::new();
    let mut branches_found: Option<u64> = None;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("Processing file ") {
            (file, level) = (Some(rest.split(" (").next().unwrap().to_owned()), None);
        } else if line.trim_start().starts_with("lines=") {
            // A file's summary line, before its categories: `lines=4 hit=3 … branches=2 hit=1`.
            branches_found = line.split_whitespace().find_map(|w| w.strip_prefix("branches=")?.parse().ok());
        } else if line.starts_with("Processing directory") {
            (file, level) = (None, Some("folder"));
        } else if line.starts_with("Processing top level") {
            (file, level) = (None, Some("top"));
        } else if let Some((what, rest)) = ["line: ", "function: ", "branch: "]
            .iter()
            .find_map(|what| Some((*what, line.trim_start().strip_prefix(what)?)))
        {
            let mut read: BTreeMap<String, u64> = rest
                .split_whitespace()
                .map(|pair| {
                    let (code, n) = pair.split_once(':').unwrap();
                    (code.to_owned(), n.parse().unwrap())
                })
                .collect();
            if what == "branch: " {
                for (code, n) in read.iter_mut().filter(|(code, _)| IN_CURRENT.contains(&code.as_str())) {
                    assert_eq!(*n % 2, 0, "genhtml's {code} count {n} is not twice a count: {line}");
                    *n /= 2;
                }
                if let (Some(found), Some(_)) = (branches_found, &file) {
                    // Excluded branches are the baseline's: not among the current report's.
                    let current = |code: &str| IN_CURRENT.contains(&code) && !["EUB", "ECB"].contains(&code);
                    let in_current: u64 = read.iter().filter(|(code, _)| current(code)).map(|(_, n)| n).sum();
                    assert_eq!(
                        in_current, found,
                        "{file:?}: halved branch categories against genhtml's branches={found}"
                    );
                }
            }
            let key = |name: &str| match what {
                "line: " => name.to_owned(),
                "function: " => format!("{name} (functions)"),
                _ => format!("{name} (branches)"),
            };
            match (&file, level) {
                (Some(file), _) => {
                    counts.insert(key(file), read);
                }
                (None, Some("top")) => {
                    counts.insert(key(""), read);
                }
                (None, Some(_)) => folders.push((key(""), read)),
                _ => {}
            }
        }
    }
    // A project of one folder: its folder's counts are the total.
    if !counts.contains_key("") {
        for (key, read) in folders {
            counts.entry(key).or_insert(read);
        }
    }
    counts
}

/// covdash's counts, keyed as genhtml keys them: a file by the ending of its path genhtml
/// prints (relative to the project).
fn covdash_counts(dir: &Path, diff: &str, names: &[String]) -> Counts {
    let (baseline, current) = (report(dir, "baseline", COVDASH_READS), report(dir, "current", COVDASH_READS));
    let output = Command::new(env!("CARGO_BIN_EXE_covdash"))
        .args(["compare", "--format", "json", &baseline, &current, "--diff", diff])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let read = |counts: &serde_json::Value| -> BTreeMap<String, u64> {
        counts.as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_u64().unwrap())).collect()
    };
    let mut counts = Counts::new();
    counts.insert(String::new(), read(&json["total"]));
    counts.insert(" (functions)".to_owned(), read(&json["function_total"]));
    counts.insert(" (branches)".to_owned(), read(&json["branch_total"]));
    for file in json["files"].as_array().unwrap() {
        let path = file["path"].as_str().unwrap();
        let name = names
            .iter()
            .find(|n| path == n.as_str() || path.ends_with(&format!("/{n}")))
            .cloned()
            .unwrap_or(path.to_owned());
        counts.insert(format!("{name} (functions)"), read(&file["function_counts"]));
        counts.insert(format!("{name} (branches)"), read(&file["branch_counts"]));
        counts.insert(name, read(&file["counts"]));
    }
    counts.retain(|_, c| !c.is_empty());
    counts
}

/// The reports covdash reads, by preference: the tool's own format (coverage.py's JSON) where the
/// pair has it, else its LCOV. genhtml reads only LCOV (`.lcov`, or `.info` as lcov names it).
const COVDASH_READS: &[&str] = &["json", "info"];
const GENHTML_READS: &[&str] = &["lcov", "info"];

/// The pair's report `name` (`baseline`, `current`) in the first of `extensions` it has.
fn report(dir: &Path, name: &str, extensions: &[&str]) -> String {
    let found = extensions.iter().map(|e| format!("{name}.{e}")).find(|file| dir.join(file).exists());
    found.unwrap_or_else(|| panic!("{}: no {name} report", dir.display()))
}

/// Pairs whose function categories genhtml counts from a report it repairs first, and why.
const FUNCTIONS_DIFFER: &[(&str, &str)] = &[(
    "python-coveragepy",
    "genhtml counts a coverage.py function as run when its `def` line ran (on import); \
     coverage.py, and covdash reading its JSON, when its body ran",
)];

/// Pairs whose branches genhtml does not classify, and why (their `genhtml.txt` is recorded
/// without `--branch-coverage`).
const BRANCHES_DIFFER: &[(&str, &str)] = &[(
    "js-c8",
    "genhtml 2.3.2 stops with \"unexpected branch TLA ECB\" on c8's branch data (blocks that \
     move between lines), after counting each of them twice",
)];

/// lcov 2.3.2's `bin/`, when genhtml can run here.
fn genhtml_here() -> Option<PathBuf> {
    let bin = std::env::var_os("LCOV2")
        .map(PathBuf::from)
        .unwrap_or_else(|| common::root().join("../shared/oracles/lcov-2.3.2/bin"));
    let modules = Command::new("perl")
        .args(["-MCapture::Tiny", "-MDateTime", "-MJSON::XS", "-MDate::Parse", "-e1"])
        .status()
        .is_ok_and(|s| s.success());
    (bin.join("genhtml").exists() && modules).then_some(bin)
}

#[test]
fn the_categories_equal_genhtmls_per_file_and_in_all() {
    let live = genhtml_here();
    let root = common::root().join("tests/fixtures/differential");
    let mut cases = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        // A pair with genhtml's counts beside it (a pair of runs of one commit has none).
        if !dir.join("genhtml.txt").exists() {
            continue;
        }
        let recorded = genhtml_counts(&std::fs::read_to_string(dir.join("genhtml.txt")).unwrap());
        assert!(recorded.len() >= 2, "{}: genhtml.txt holds no counts", dir.display());
        let names: Vec<String> =
            recorded.keys().filter(|k| !k.is_empty() && !k.ends_with(" (functions)")).cloned().collect();
        // The diff as git writes it, without `a/` `b/` as genhtml needs it, and without context
        // (`git diff -U0`): the same lines (and functions, but where genhtml repairs the report
        // first).
        let pair = dir.file_name().unwrap().to_string_lossy().into_owned();
        let no_functions = FUNCTIONS_DIFFER.iter().any(|(name, _)| *name == pair);
        let no_branches = BRANCHES_DIFFER.iter().any(|(name, _)| *name == pair);
        let compared = |counts: &Counts| -> Counts {
            counts
                .iter()
                .filter(|(key, _)| !(no_functions && key.ends_with(" (functions)")))
                .filter(|(key, _)| !(no_branches && key.ends_with(" (branches)")))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        };
        for diff in ["change.diff", "change-no-prefix.diff", "change-u0.diff"] {
            assert_eq!(compared(&covdash_counts(&dir, diff, &names)), compared(&recorded), "{}: {diff}", dir.display());
        }
        if let Some(bin) = &live {
            // genhtml reads the current sources, from a copy of them, with the reports' paths
            // made relative to it (the prefix the kept counts' paths lack).
            let work = common::Scratch::new("genhtml");
            copy_tree(&dir.join("current"), &work.join("src-tree"));
            let (baseline, current) = (report(&dir, "baseline", GENHTML_READS), report(&dir, "current", GENHTML_READS));
            let current_text = std::fs::read_to_string(dir.join(&current)).unwrap();
            let first = current_text.lines().find_map(|l| l.strip_prefix("SF:")).unwrap();
            let ending = names.iter().find(|n| first == n.as_str() || first.ends_with(&format!("/{n}"))).unwrap();
            let prefix = &first[..first.len() - ending.len()];
            let output = Command::new(bin.join("genhtml"))
                .arg("--baseline-file")
                .arg(dir.join(&baseline))
                .arg("--diff-file")
                .arg(dir.join("change-no-prefix.diff"))
                .arg(dir.join(&current))
                .args(["--ignore-errors", "source,unused,inconsistent,unsupported"])
                .args((!no_branches).then_some("--branch-coverage"))
                .args(["--substitute", &format!("s#^{prefix}##"), "--show-details", "-o"])
                .arg(work.join("html"))
                .current_dir(work.join("src-tree"))
                .output()
                .unwrap();
            assert!(output.status.success(), "genhtml: {}", String::from_utf8_lossy(&output.stderr));
            let now = genhtml_counts(&String::from_utf8_lossy(&output.stdout));
            assert_eq!(now, recorded, "{}: genhtml run here and its kept counts", dir.display());
        }
        cases += 1;
    }
    eprintln!(
        "{cases} pairs; genhtml 2.3.2 {}",
        if live.is_some() { "run here too" } else { "not here: its kept counts" }
    );
    assert!(cases >= 1);
}

/// A copy of the folder `from` at `to`.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Two runs of one commit whose test depends on the clock: exactly the line the clock decides
/// is unstable; a gate on lost or gained lines fails on it, and leaves it out when told the
/// other run.
#[test]
fn two_runs_of_one_commit_give_the_flaky_line_as_unstable_and_a_gate_leaves_it_out() {
    let dir = common::root().join("tests/fixtures/differential/unstable-c");
    let covdash = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_covdash")).args(args).current_dir(&dir).output().unwrap();
        let text = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
        (output.status.code(), text)
    };
    let (status, json) = covdash(&["compare", "--format", "json", "run-1.info", "run-2.info"]);
    assert_eq!(status, Some(0), "{json}");
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let flipped: Vec<(String, u64)> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| {
            let path = f["path"].as_str().unwrap().rsplit('/').next().unwrap().to_owned();
            f["lines"].as_array().unwrap().iter().filter_map(move |l| {
                let category = l["category"].as_str().unwrap();
                ["LBC", "GBC"].contains(&category).then(|| (path.clone(), l["line"].as_u64().unwrap()))
            })
        })
        .collect();
    assert_eq!(flipped, [("clock.c".to_owned(), 9)]);
    // The second run checked out elsewhere: its files are still the first run's.
    let scratch = common::Scratch::new("moved-run");
    let moved = scratch.join("run-2.info");
    let text = std::fs::read_to_string(dir.join("run-2.info")).unwrap();
    std::fs::write(&moved, text.replace("/tmp/covdash-unstable-demo/", "/elsewhere/checkout/")).unwrap();
    let (status, text) = covdash(&["compare", "run-1.info", moved.to_str().unwrap()]);
    assert_eq!(status, Some(0), "{text}");
    assert!(text.contains("1 line that lost its tests, 7 lines still tested\n"), "{text}");

    let gate = ["check", "run-2.info", "--baseline", "run-1.info", "--fail-on", "LBC,GBC"];
    let (status, said) = covdash(&gate);
    assert_eq!(status, Some(1), "{said}");
    assert!(
        said.contains("1 line in LBC (lines that lost their tests): /tmp/covdash-unstable-demo/clock.c 9"),
        "{said}"
    );
    let (status, said) = covdash(&[&gate[..], &["--ignore-unstable", "run-1.info"]].concat());
    assert_eq!(status, Some(0), "{said}");
    assert!(
        said.contains("ok: no line in LBC") && said.contains("ok: 1 line unstable between the two runs left out"),
        "{said}"
    );
}

/// The comment `compare --format markdown` writes keeps to its budget without breaking its
/// table (read back by cmark-gfm, GitHub's renderer), and says what it left out.
#[test]
fn the_markdown_comparison_fits_its_budget_with_whole_tables() {
    let dir = common::root().join("tests/fixtures/differential/python-coveragepy");
    // The whole comment is 648 characters.
    for max_chars in [65_536, 648, 647, 400] {
        let output = Command::new(env!("CARGO_BIN_EXE_covdash"))
            .args(["compare", "--format", "markdown", "baseline.json", "current.json", "--diff", "change.diff"])
            .args(["--max-chars", &max_chars.to_string()])
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let markdown = String::from_utf8(output.stdout).unwrap();
        assert!(markdown.chars().count() <= max_chars, "{max_chars}: {markdown}");
        assert!(markdown.contains("9 new lines tested, 3 new lines not tested, 3 lines that lost their tests"));
        let rows = markdown.lines().filter(|l| l.starts_with("| ")).count();
        let mut child = Command::new("cmark-gfm")
            .args(["-e", "table"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("cmark-gfm is needed (scripts/setup.sh installs Debian's cmark-gfm)");
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), markdown.as_bytes()).unwrap();
        let html = String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap();
        assert_eq!(html.matches("<tr>").count(), rows, "{max_chars}: {markdown}");
        let whole = max_chars >= 648;
        if whole {
            // The head, the total and the two files.
            assert_eq!(rows, 4, "{markdown}");
        }
        assert_eq!(markdown.contains("left out to fit"), !whole, "{max_chars}: {markdown}");
    }
}

/// `git diff -U0` writes an insertion as a hunk of no old lines after a line other than 0
/// (`@@ -2,0 +3 @@`): lines inserted into a file that was there, not a file that was not.
#[test]
fn a_change_given_without_context_leaves_the_other_lines_as_they_were() {
    // `appended.txt` of the fixture gained its line 3. Its coverage is written for the test:
    // line 1 lost its tests, line 2 kept them, the new line 3 did not run.
    let dir = common::Scratch::new("u0");
    std::fs::write(dir.join("baseline.info"), "SF:appended.txt\nDA:1,1\nDA:2,1\nend_of_record\n").unwrap();
    std::fs::write(dir.join("current.info"), "SF:appended.txt\nDA:1,0\nDA:2,1\nDA:3,0\nend_of_record\n").unwrap();
    let diff = common::root().join("tests/fixtures/diff/ok/git-diff-U0.diff");
    let output = Command::new(env!("CARGO_BIN_EXE_covdash"))
        .args(["compare", "--format", "json", "baseline.info", "current.info", "--diff"])
        .arg(&diff)
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["total"], serde_json::json!({"LBC": 1, "CBC": 1, "UNC": 1}));
}

/// Under a budget, the comparison keeps the files the change moved before those it left as
/// they were: written for the test, 40 files of 3 lines, the first 20 (in path order) still
/// tested, the last 20 newly tested on line 2.
#[test]
fn the_markdown_comparison_keeps_what_changed_before_what_did_not() {
    let dir = common::Scratch::new("compare-need");
    let (mut before, mut after) = (String::new(), String::new());
    for f in 0..40 {
        let newly = f >= 20;
        before.push_str(&format!("SF:src/f{f:02}.c\nDA:1,1\nDA:2,{}\nDA:3,1\nend_of_record\n", u8::from(!newly)));
        after.push_str(&format!("SF:src/f{f:02}.c\nDA:1,1\nDA:2,1\nDA:3,1\nend_of_record\n"));
    }
    std::fs::write(dir.join("before.info"), before).unwrap();
    std::fs::write(dir.join("after.info"), after).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_covdash"))
        .args(["compare", "--format", "markdown", "--max-chars", "900", "before.info", "after.info"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let markdown = String::from_utf8(output.stdout).unwrap();
    let files: Vec<&str> = markdown.lines().filter(|l| l.starts_with("| src/")).collect();
    assert!(!files.is_empty() && files.len() < 40, "{markdown}");
    // Every file kept has a line newly tested (its GBC cell is 1), until they are all kept.
    let moved = files.iter().filter(|row| row.contains("| 1 |")).count();
    assert_eq!(moved, files.len().min(20), "{markdown}");
}
