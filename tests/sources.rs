//! A file's lines, as the page's source view and the HTML report show them, against the
//! coverage tools' own annotated output, on real projects measured by the real tools
//! (`tests/fixtures/sources/PROVENANCE.md`): gcov's `.gcov` files, `go tool cover -html`'s
//! spans, coverage.py's executed and missing lines, and tarpaulin's traces with the source it
//! embeds.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use covdash::model::{LineState, Reading};
use covdash::present::{Overrides, SourceOrigin, SourceView};
use covdash::session::{Batch, Combination, Input, Reply, Request, Session};

/// The fixtures' folder of one project.
fn project(name: &str) -> std::path::PathBuf {
    common::root().join("tests/fixtures/sources").join(name)
}

fn input(dir: &Path, relative: &str) -> Input {
    let bytes = std::fs::read(dir.join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"));
    Input { name: relative.to_owned(), bytes, modified: None, in_folder: false }
}

/// The session's answer for the file at `path` of `inputs` given together.
fn lines_of(inputs: Vec<Input>, path: &str) -> SourceView {
    let mut session = Session::default();
    let Reply::Loaded { info: Some(_), failures, .. } =
        session.answer(Request::Load { names: vec![], first: None }, inputs, &mut |_| ())
    else {
        panic!("nothing loaded");
    };
    assert!(failures.is_empty(), "{failures:?}");
    let how = Combination::new(Reading::Merged, &Overrides::default(), &BTreeMap::new());
    let request = Request::Lines { how, snapshot: None, path: path.to_owned(), fetched: None };
    match session.answer(request, vec![], &mut |_| ()) {
        Reply::Lines(Some(view)) => (*view).clone(),
        other => panic!("{path}: {other:?}"),
    }
}

/// Each line's state as the view shows it, by number.
fn states(view: &SourceView) -> BTreeMap<u32, Option<LineState>> {
    view.lines.iter().map(|l| (l.number, l.state)).collect()
}

/// Checks the view's line states against the tool's: `expected` names every line's state.
#[track_caller]
fn check(view: &SourceView, expected: &BTreeMap<u32, Option<LineState>>) {
    let got = states(view);
    let differences: Vec<String> = expected
        .iter()
        .filter(|(line, state)| got.get(line) != Some(state))
        .map(|(line, state)| format!("line {line}: the tool says {state:?}, covdash {:?}", got.get(line)))
        .collect();
    assert!(differences.is_empty(), "{}:\n{}", view.key, differences.join("\n"));
    assert_eq!(got.len(), expected.len(), "{}: lines shown", view.key);
}

/// A line's mark as a tool writes its count: `none` for no code, `never` for never ran, any
/// other count for ran; `None` for no count at all.
fn mark(count: &str, none: &str, never: &str) -> Option<Option<LineState>> {
    Some(match count {
        c if c == none => None,
        c if c == never => Some(LineState::Uncovered),
        c if c.chars().next().is_some_and(|c| c.is_ascii_digit()) => Some(LineState::Covered),
        _ => return None,
    })
}

/// A tool's annotated listing read into each line's mark: `row` reads a line's number and mark,
/// `missed` whether a branch row below a line names an outcome never taken (`None` for a row
/// that is no branch); a line that ran with such a branch is partly covered.
fn tool_marks(
    listing: &str,
    row: impl Fn(&str) -> Option<(u32, Option<LineState>)>,
    missed: impl Fn(&str) -> Option<bool>,
) -> BTreeMap<u32, Option<LineState>> {
    let mut marks = BTreeMap::new();
    let mut last = 0;
    for text in listing.lines() {
        if let Some(missed) = missed(text) {
            if missed && marks.get(&last) == Some(&Some(LineState::Covered)) {
                marks.insert(last, Some(LineState::Partial));
            }
        } else if let Some((number, state)) = row(text) {
            marks.insert(number, state);
            last = number;
        }
    }
    marks
}

#[test]
fn c_lines_are_marked_as_gcov_annotates_them() {
    let dir = project("c-textstat");
    let view = lines_of(vec![input(&dir, "coverage.info"), input(&dir, "src/textstat.c")], "/tmp/cproj/src/textstat.c");
    assert_eq!(view.origin, SourceOrigin::Given("src/textstat.c".to_owned()));
    // gcov's annotation: `#####` never ran, `-` nothing to run, a count; a line ran whose
    // branches gcov lists as "taken 0%" or "never executed" is partly covered.
    let gcov = std::fs::read_to_string(dir.join("tool-output/textstat.c.gcov")).unwrap_or_default();
    let expected = tool_marks(
        &gcov,
        |row| {
            let mut columns = row.splitn(3, ':');
            let (count, number) = (columns.next()?, columns.next()?.trim().parse::<u32>().ok()?);
            Some((number, mark(count.trim(), "-", "#####")?)).filter(|(n, _)| *n > 0)
        },
        |row| row.strip_prefix("branch").map(|o| o.contains("taken 0%") || o.contains("never executed")),
    );
    assert_eq!(expected.len(), 57);
    check(&view, &expected);
    // gcov: "Lines executed:54.05% of 37".
    assert!(view.summary.starts_with("54.1% · 20 of 37 lines covered"), "{}", view.summary);
    let line = |n: usize| &view.lines[n - 1];
    assert_eq!((line(11).text.as_str(), line(11).hits.as_deref()), ("\t\treturn 0;", Some("0")));
    assert_eq!((line(12).hits.as_deref(), line(10).branches.as_deref()), (Some("32"), Some("1 of 2 branches")));
    assert_eq!(line(38).note.as_deref(), Some("never called: vowel_share"));
    // `n` and `p` go to these: the first line of each block not (or partly) covered.
    assert_eq!(&*view.blocks, [10, 28, 38]);
}

/// The lines each class of span touches in `go tool cover -html`'s page for one file:
/// (touched by a span that never ran, touched by one that ran).
fn go_spans(html: &str, file: &str) -> (BTreeSet<u32>, BTreeSet<u32>) {
    let start = html.find(&format!("<pre class=\"file\" id=\"{file}\"")).unwrap_or(0);
    let body = &html[start..];
    let body = &body[body.find('>').map_or(0, |i| i + 1)..body.find("</pre>").unwrap_or(body.len())];
    let (mut never, mut ran) = (BTreeSet::new(), BTreeSet::new());
    let mut line = 1;
    let mut rest = body;
    while !rest.is_empty() {
        let Some(open) = rest.find("<span class=\"cov") else { break };
        line += rest[..open].matches('\n').count() as u32;
        let class_end = rest[open..].find('"').map_or(0, |i| i) + open;
        let tail = &rest[open + "<span class=\"cov".len()..];
        let count: u32 = tail[..tail.find('"').unwrap_or(0)].parse().unwrap_or(0);
        let text_start = rest[class_end..].find('>').map_or(0, |i| i + 1) + class_end;
        let text_end = rest[text_start..].find("</span>").map_or(rest.len(), |i| i + text_start);
        for (offset, piece) in rest[text_start..text_end].split('\n').enumerate() {
            if !piece.is_empty() {
                let set = if count == 0 { &mut never } else { &mut ran };
                set.insert(line + offset as u32);
            }
        }
        line += rest[text_start..text_end].matches('\n').count() as u32;
        rest = &rest[(text_end + "</span>".len()).min(rest.len())..];
    }
    (never, ran)
}

#[test]
fn go_lines_are_marked_as_go_tool_cover_colours_them() {
    let dir = project("go-shapes");
    let html = std::fs::read_to_string(dir.join("tool-output/cover.html")).unwrap_or_default();
    // (source given, the report's path, the html page's file)
    let cases = [
        ("shapes/shapes.go", "example.com/goshapes/shapes/shapes.go", "file0"),
        ("units/units.go", "example.com/goshapes/units/units.go", "file1"),
    ];
    for (given, path, file) in cases {
        let view = lines_of(vec![input(&dir, "cover.out"), input(&dir, given)], path);
        let (never, ran) = go_spans(&html, file);
        let n_lines = std::fs::read_to_string(dir.join(given)).unwrap_or_default().lines().count() as u32;
        let expected: BTreeMap<u32, Option<LineState>> = (1..=n_lines)
            .map(|n| {
                let state = match (never.contains(&n), ran.contains(&n)) {
                    (true, true) => Some(LineState::Partial),
                    (true, false) => Some(LineState::Uncovered),
                    (false, true) => Some(LineState::Covered),
                    (false, false) => None,
                };
                (n, state)
            })
            .collect();
        assert!(expected.values().any(|s| *s == Some(LineState::Uncovered)), "{path}");
        check(&view, &expected);
    }
}

#[test]
fn python_lines_are_marked_as_coverage_py_lists_them() {
    let dir = project("more-itertools");
    let run = common::root().join("tests/fixtures/snapshots/more-itertools-before");
    let json = std::fs::read_to_string(run.join("coverage.json")).unwrap_or_default();
    let tool: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    for report in ["coverage.json", "coverage.lcov"] {
        for module in ["more_itertools/recipes.py", "more_itertools/more.py"] {
            let coverage = Input { name: report.to_owned(), ..input(&run, report) };
            let view = lines_of(vec![coverage, input(&dir, module)], module);
            let lines = |key: &str| -> BTreeSet<u32> {
                tool["files"][module][key]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|l| l.as_u64())
                    .map(|l| l as u32)
                    .collect()
            };
            // A line that ran but from which a branch was never taken is partly covered.
            let partial: BTreeSet<u32> = tool["files"][module]["missing_branches"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|arc| arc[0].as_u64())
                .map(|l| l as u32)
                .collect();
            let (executed, missing) = (lines("executed_lines"), lines("missing_lines"));
            let n_lines = view.lines.len() as u32;
            let expected: BTreeMap<u32, Option<LineState>> = (1..=n_lines)
                .map(|n| {
                    let state = if missing.contains(&n) {
                        Some(LineState::Uncovered)
                    } else if executed.contains(&n) && partial.contains(&n) {
                        Some(LineState::Partial)
                    } else if executed.contains(&n) {
                        Some(LineState::Covered)
                    } else {
                        None
                    };
                    (n, state)
                })
                .collect();
            check(&view, &expected);
        }
    }
}

#[test]
fn tarpaulin_shows_the_source_it_embeds() {
    let fixture = common::root().join("tests/fixtures/tarpaulin/ok");
    let coverage = input(&fixture, "generated-tarpaulin-0.37.5-report.json");
    let json: serde_json::Value = serde_json::from_slice(&coverage.bytes).unwrap_or_default();
    let mut n_files = 0;
    for file in json["files"].as_array().into_iter().flatten() {
        let parts: Vec<&str> = file["path"].as_array().into_iter().flatten().filter_map(|p| p.as_str()).collect();
        let path = parts.join("/").replacen("//", "/", 1);
        let view = lines_of(vec![Input { ..coverage.clone() }], &path);
        assert_eq!(view.origin, SourceOrigin::Embedded, "{path}");
        let content = file["content"].as_str().unwrap_or_default();
        assert_eq!(view.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), content.lines().collect::<Vec<_>>());
        let expected: BTreeMap<u32, Option<LineState>> = (1..=content.lines().count() as u32)
            .map(|n| {
                let hits =
                    file["traces"].as_array().into_iter().flatten().find(|t| t["line"].as_u64() == Some(u64::from(n)));
                let state = hits.map(|t| match t["stats"]["Line"].as_u64() {
                    Some(0) => LineState::Uncovered,
                    _ => LineState::Covered,
                });
                (n, state)
            })
            .collect();
        check(&view, &expected);
        n_files += 1;
    }
    assert_eq!(n_files, 3);
}

#[test]
fn sources_given_alone_join_the_coverage_shown_and_odd_files_are_counted() {
    let dir = project("c-textstat");
    let mut session = Session::default();
    let load = |session: &mut Session, inputs: Vec<Input>| {
        session.answer(Request::Load { names: vec![], first: None }, inputs, &mut |_| ())
    };
    // A source given with nothing shown is no coverage file.
    let Reply::Loaded { info: None, failures, .. } = load(&mut session, vec![input(&dir, "src/textstat.c")]) else {
        panic!()
    };
    assert!(failures[0].to_string().starts_with("src/textstat.c: "), "{failures:?}");
    load(&mut session, vec![input(&dir, "coverage.info")]);
    let odd = Input { name: "notes/README.md".into(), bytes: b"# notes\n".to_vec(), modified: None, in_folder: false };
    let image =
        Input { name: "logo.png".into(), bytes: b"\x89PNG\r\n\x1a\n\0\0\0".to_vec(), modified: None, in_folder: false };
    let inputs = vec![input(&dir, "src/textstat.c"), input(&dir, "tests/test_textstat.c"), odd, image];
    let Reply::Loaded { info: Some(info), failures, .. } = load(&mut session, inputs) else { panic!("not joined") };
    assert!(failures.is_empty() && info.joined, "{failures:?}");
    assert_eq!(
        info.sources.as_deref(),
        Some(
            "Sources at hand for 2 of the report's files; 2 files given match none of them: logo.png, notes/README.md"
        )
    );
    // A source that looks like JSON (a file starting with `{`) is a source all the same, and a
    // broken coverage file given beside it says why it broke.
    let lcov = Input {
        name: "c.info".into(),
        bytes: b"SF:src/block.c\nDA:1,1\nDA:2,0\nend_of_record\n".to_vec(),
        modified: None,
        in_folder: false,
    };
    let block =
        Input { name: "src/block.c".into(), bytes: b"{\n  x();\n}\n".to_vec(), modified: None, in_folder: false };
    let (batch, failures) = Batch::parse(vec![lcov, block, broken_json()]);
    assert_eq!(failures.iter().map(|f| f.file.as_str()).collect::<Vec<_>>(), ["coverage.json"]);
    assert_eq!(batch.sources.get("src/block.c").map(|(s, _)| &*s.text), Some("{\n  x();\n}\n"));
    // Files given with the coverage that are no source of it are what they were: not coverage.
    let (_, failures) = Batch::parse(vec![input(&dir, "coverage.info"), input(&dir, "../PROVENANCE.md")]);
    assert_eq!(failures.len(), 1);
    assert!(failures[0].to_string().starts_with("../PROVENANCE.md: "), "{failures:?}");
    // In a folder they are counted: a folder holds more than coverage and its sources. A
    // coverage file broken there still says why.
    let in_folder = |input: Input| Input { in_folder: true, ..input };
    let folder = [input(&dir, "coverage.info"), input(&dir, "../PROVENANCE.md"), input(&dir, "../go-shapes/go.mod")];
    let (batch, failures) = Batch::parse(folder.into_iter().map(in_folder).collect());
    assert!(failures.is_empty(), "{failures:?}");
    assert_eq!(
        batch.info().sources.as_deref(),
        Some(
            "2 files given are no coverage and match none of the report's files: ../PROVENANCE.md, ../go-shapes/go.mod"
        )
    );
    let (_, failures) = Batch::parse(vec![in_folder(input(&dir, "coverage.info")), in_folder(broken_json())]);
    assert_eq!(failures.iter().map(|f| f.file.as_str()).collect::<Vec<_>>(), ["coverage.json"]);
}

#[test]
fn a_folder_with_nothing_to_use_is_said_once_by_its_name() {
    // A folder's files as the page names them, by their path in the folder chosen.
    let dir = project("c-textstat");
    let in_folder =
        |relative: &str| Input { name: format!("c-textstat/{relative}"), in_folder: true, ..input(&dir, relative) };
    let folder = || {
        vec![in_folder("src/textstat.c"), in_folder("tests/test_textstat.c"), in_folder("tool-output/textstat.c.gcov")]
    };
    let said = |reply: Reply| match reply {
        Reply::Loaded { info: None, failures, .. } => failures.iter().map(ToString::to_string).collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    let mut session = Session::default();
    let mut load =
        |inputs: Vec<Input>| session.answer(Request::Load { names: vec![], first: None }, inputs, &mut |_| ());
    // Nothing shown: no coverage among them.
    assert_eq!(said(load(folder())), ["c-textstat: none of its 3 files is a coverage file"]);
    // The coverage of another project shown: none of them is a source of it either.
    load(vec![input(&project("go-shapes"), "cover.out")]);
    assert_eq!(
        said(load(folder())),
        ["c-textstat: none of its 3 files is coverage or the source of a file of the report shown"]
    );
    // A file given alone still says what it is.
    let alone = said(load(vec![input(&dir, "src/textstat.c")]));
    assert!(alone[0].starts_with("src/textstat.c: this looks like text"), "{alone:?}");
}

/// A coverage.py JSON file broken in the middle of its lines.
fn broken_json() -> Input {
    let meta = r#""meta": {"format": 3, "version": "7.6.1", "branch_coverage": false, "show_contexts": false}"#;
    Input {
        name: "coverage.json".into(),
        bytes: format!("{{{meta}, \"files\": {{\"a.py\": {{\"executed_lines\": [1,}}}}}}").into_bytes(),
        modified: None,
        in_folder: false,
    }
}

#[test]
fn the_html_report_annotates_the_sources_under_the_source_root() {
    // `covdash report --format html --source-root ROOT` of the C project's LCOV file.
    let html_report = |root: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_covdash"))
            .args(["report", "--format", "html", "--source-root", root])
            .arg("tests/fixtures/sources/c-textstat/coverage.info")
            .current_dir(common::root())
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let output = html_report("tests/fixtures/sources/c-textstat");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let html = String::from_utf8_lossy(&output.stdout);
    assert!(!html.contains("<script"), "no JavaScript");
    let files = html.split("<details><summary><span class=\"code\">").skip(1).collect::<Vec<_>>();
    // Both files the report names, the one with lines not covered first.
    let names: Vec<&str> = files.iter().map(|f| f.split('<').next().unwrap_or("")).collect();
    assert_eq!(names, ["/tmp/cproj/src/textstat.c", "/tmp/cproj/tests/test_textstat.c"]);
    // textstat.c's rows, by their class: gcov's marks.
    let rows: Vec<&str> = files[0].split("<tr class=\"").skip(1).map(|r| r.split('"').next().unwrap_or("")).collect();
    assert_eq!(rows.len(), 57);
    let view = lines_of(
        vec![input(&project("c-textstat"), "coverage.info"), input(&project("c-textstat"), "src/textstat.c")],
        "/tmp/cproj/src/textstat.c",
    );
    let expected: Vec<&str> =
        view.lines.iter().map(|l| l.state.map_or("", |s| covdash::present::line_mark(s).0)).collect();
    assert_eq!(rows, expected);
    assert!(files[0].contains("<td class=\"t\">        return 0;</td>"), "tabs become spaces");
    // A folder that is not one is said so.
    let missing = html_report("no/such/dir");
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&missing.stderr), "covdash: no/such/dir: not a folder (--source-root)\n");
}

#[test]
fn llvm_cov_lines_are_marked_as_llvm_cov_show_marks_them() {
    let dir = project("c-textstat");
    let view = lines_of(
        vec![input(&dir, "coverage-clang14.json"), input(&dir, "src/textstat.c")],
        "/tmp/clangproj/src/textstat.c",
    );
    // `llvm-cov show`: `  12|     32|code`; a blank count is no code, a branch below its line
    // reads `Branch (10:6): [True: 0, False: 2]`.
    let show = std::fs::read_to_string(dir.join("tool-output/textstat.c.llvm-cov-show.txt")).unwrap_or_default();
    let expected = tool_marks(
        &show,
        |row| {
            let mut columns = row.splitn(3, '|');
            let (number, count) = (columns.next()?.trim().parse::<u32>().ok()?, columns.next()?);
            Some((number, mark(count.trim(), "", "0")?))
        },
        |row| row.split("Branch (").nth(1).map(|b| b.contains("True: 0,") || b.contains("False: 0]")),
    );
    assert_eq!(expected.len(), 57);
    check(&view, &expected);
    // The figures stay the summary's: `llvm-cov report` says 47 lines, 20 missed.
    assert!(view.summary.starts_with("57.4% · 27 of 47 lines covered"), "{}", view.summary);
}

#[test]
fn javascript_lines_not_covered_are_the_ones_istanbul_lists() {
    let dir = project("js-textstat");
    let path = "/tmp/jsproj/src/textstat.js";
    let view = lines_of(vec![input(&dir, "coverage-final.json"), input(&dir, "src/textstat.js")], path);
    // istanbul-lib-coverage's own `getUncoveredLines()`.
    let tool = std::fs::read_to_string(dir.join("tool-output/uncovered-lines.json")).unwrap_or_default();
    let tool: serde_json::Value = serde_json::from_str(&tool).unwrap_or_default();
    let expected: Vec<u32> =
        tool[path].as_array().into_iter().flatten().filter_map(|l| l.as_u64()).map(|l| l as u32).collect();
    let uncovered: Vec<u32> =
        view.lines.iter().filter(|l| l.state == Some(LineState::Uncovered)).map(|l| l.number).collect();
    assert_eq!(uncovered, expected);
    // nyc's "Uncovered Line #s" column joins them as covdash does: `6,21-26`.
    let report = std::fs::read_to_string(dir.join("tool-output/nyc-report-text.txt")).unwrap_or_default();
    let column = report.lines().find(|l| l.contains("textstat.js")).and_then(|l| l.rsplit('|').next()).unwrap_or("");
    let without_source = lines_of(vec![input(&dir, "coverage-final.json")], path);
    assert_eq!(
        without_source.uncovered_lines.as_deref().map(|r| r.replace('–', "-").replace(", ", ",")),
        Some(column.trim().to_owned())
    );
}

#[test]
fn jacoco_lines_with_a_branch_missed_are_partly_covered() {
    // JaCoCo's own line status: `mi`/`ci` instructions, `mb`/`cb` branches missed and covered.
    let fixture = common::root().join("tests/fixtures/jacoco/ok");
    let xml = std::fs::read_to_string(fixture.join("coveralls-jacoco-oneline.xml")).unwrap_or_default();
    let parsed = covdash::formats::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let files: Vec<_> = parsed.report.snapshots.iter().flat_map(|s| s.packages.iter()).flat_map(|p| &p.files).collect();
    let mut n_lines = 0;
    for element in xml.split("<line ").skip(1) {
        let attribute = |name: &str| -> u64 {
            element
                .split(&format!("{name}=\""))
                .nth(1)
                .and_then(|v| v.split('"').next())
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        let (nr, ci, mb, cb) = (attribute("nr") as u32, attribute("ci"), attribute("mb"), attribute("cb"));
        let expected = match (ci, mb) {
            (0, _) => LineState::Uncovered,
            (_, 0) => LineState::Covered,
            _ => LineState::Partial,
        };
        let states: Vec<LineState> = files
            .iter()
            .filter_map(|f| f.line_runs().into_iter().find(|r| r.first <= nr && nr <= r.last).map(|r| r.state))
            .collect();
        assert!(states.contains(&expected), "line {nr} (ci {ci}, mb {mb}, cb {cb}): {states:?}");
        n_lines += 1;
    }
    assert!(n_lines > 5);
}

#[test]
fn a_source_address_survives_covdash_json_and_the_link() {
    let fixture = common::root().join("tests/fixtures/covdash/ok/0007_source_address.json");
    let parsed = covdash::formats::parse(&std::fs::read(fixture).unwrap_or_default()).unwrap_or_else(|e| panic!("{e}"));
    let settings = parsed.settings.clone().unwrap_or_default();
    let link = settings.source.clone().unwrap_or_else(|| panic!("no source address read"));
    assert_eq!(
        (link.template.as_str(), link.strip.as_deref()),
        ("https://raw.example/org/app/{commit}/{path}", Some("/home/runner/work/app/app/"))
    );
    // Written and read again, as the page's export and `covdash record` write it.
    let written = covdash::present::covdash_json(&parsed.report, &settings);
    let again = covdash::formats::parse(written.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.settings.and_then(|s| s.source), Some(link.clone()));
    // Through the settings' fragment, as the page carries the data's settings.
    let fragment = covdash::present::fragment(&Overrides::of(&settings));
    let (overrides, problems) = covdash::present::parse_fragment(&fragment);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(overrides.apply(&covdash::model::Settings::default()).source, Some(link.clone()));
    // The address of a file, with the snapshot's commit.
    assert_eq!(
        covdash::present::source_url(&link, Some("0a1b2c3d"), "/home/runner/work/app/app/src/lib.rs").as_deref(),
        Ok("https://raw.example/org/app/0a1b2c3d/src/lib.rs")
    );
}

#[test]
fn the_html_report_annotates_at_most_its_limit_of_files_the_most_uncovered_first() {
    // 501 files, file `i` with `i` lines not covered, each with a source.
    let n = covdash::present::ANNOTATED_FILES + 1;
    let mut lcov = String::new();
    for i in 0..n {
        lcov.push_str(&format!("SF:src/f{i:03}.c\nDA:1,1\n"));
        for line in 0..i {
            lcov.push_str(&format!("DA:{},0\n", line + 2));
        }
        lcov.push_str("end_of_record\n");
    }
    let parsed = covdash::formats::parse(lcov.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let paths =
        parsed.report.snapshots.iter().flat_map(|s| s.packages.iter()).flat_map(|p| &p.files).map(|f| f.path.clone());
    let sources = covdash::model::Sources::embedded(
        paths.map(|path| covdash::model::SourceFile { path, text: std::rc::Rc::from("x\n") }).collect(),
    );
    let annotated = covdash::present::annotated_files(&parsed.report, &sources);
    assert_eq!((annotated.files.len(), annotated.n_with_source), (n - 1, n));
    assert_eq!(annotated.files.first().map(|f| f.key.as_str()), Some("src/f500.c"));
    assert_eq!(annotated.files.last().map(|f| f.key.as_str()), Some("src/f001.c"));
    let html = covdash::present::html_report(&parsed.report, &Default::default(), "many", &annotated);
    assert!(html.contains("The 500 of the 501 files with their source, most lines not covered first."));
}

#[test]
fn a_count_that_says_only_whether_a_line_ran_is_not_shown_as_a_number_of_runs() {
    // coverage.py records which lines ran, not how often; Go's `set` mode writes 1 for a block
    // that ran; JaCoCo counts a line's instructions. None of those is "times run", and the view
    // shows no count for them; LCOV's and Go's `count` mode's counts are shown.
    let run = common::root().join("tests/fixtures/snapshots/more-itertools-before");
    let (python, go, java) =
        (project("more-itertools"), project("go-shapes"), common::root().join("tests/fixtures/jacoco/ok"));
    let profile = std::fs::read_to_string(go.join("cover.out")).unwrap();
    // The same run in `set` mode, as `go test -covermode=set` writes it: each count 0 or 1.
    let set = std::iter::once("mode: set".to_owned())
        .chain(profile.lines().skip(1).map(|l| {
            let (block, count) = l.rsplit_once(' ').unwrap();
            format!("{block} {}", u8::from(count != "0"))
        }))
        .collect::<Vec<_>>()
        .join("\n");
    let set = Input { name: "cover-set.out".to_owned(), bytes: set.into_bytes(), modified: None, in_folder: false };
    // The JaCoCo report has no source beside it: a blank file of its length stands for it.
    let blank =
        Input { name: "MessageBuilder.java".to_owned(), bytes: vec![b'\n'; 40], modified: None, in_folder: false };
    let more = "more_itertools/recipes.py";
    let shapes = ("shapes/shapes.go", "example.com/goshapes/shapes/shapes.go");
    let cases: [(&str, Vec<Input>, &str, bool); 5] = [
        ("coverage.py JSON", vec![input(&run, "coverage.json"), input(&python, more)], more, false),
        ("Go, count mode", vec![input(&go, "cover.out"), input(&go, shapes.0)], shapes.1, true),
        ("Go, set mode", vec![set, input(&go, shapes.0)], shapes.1, false),
        (
            "JaCoCo",
            vec![input(&java, "coveralls-jacoco-oneline.xml"), blank],
            "com/jacocodemo/examples/MessageBuilder.java",
            false,
        ),
        (
            "LCOV",
            vec![input(&project("c-textstat"), "coverage.info"), input(&project("c-textstat"), "src/textstat.c")],
            "/tmp/cproj/src/textstat.c",
            true,
        ),
    ];
    for (what, inputs, path, counted) in cases {
        let view = lines_of(inputs, path);
        let ran: Vec<Option<&str>> = view
            .lines
            .iter()
            .filter(|l| matches!(l.state, Some(LineState::Covered | LineState::Partial)))
            .map(|l| l.hits.as_deref())
            .collect();
        assert!(!ran.is_empty(), "{what}: no line ran");
        assert!(ran.iter().all(|hits| hits.is_some() == counted), "{what}: {ran:?}");
        assert_eq!(view.counted, counted, "{what}: the column of counts");
    }
}
