//! Hostile names through every output: the corpus in `tests/fixtures/hostile/` (script tags,
//! attribute breakers, Markdown links and images, pipes, backticks, mentions, ANSI and OSC
//! escapes, C1 controls, bidirectional overrides, a 5,000-character name, invalid UTF-8) is
//! analysed and printed as the terminal report, the summary table, the Markdown comment (read
//! back with GitHub's own renderer, cmark-gfm), the HTML report and the badge, and every answer
//! the page's session gives (each string but the identifiers the page asks with); each output is
//! checked for what a hostile name must not become there.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is a failed test")]

mod common;

use std::io::Write as _;
use std::process::{Command, Stdio};

use common::acts_on_text;
use covdash::analysis::{analyse, Analysis};
use covdash::formats::{self, Parsed};
use covdash::model::{Metric, SourceFile, Sources};
use covdash::present::{self, TextOptions};

/// The corpus, parsed.
fn corpus() -> Vec<(String, Parsed)> {
    common::fixtures("hostile")
        .into_iter()
        .map(|path| {
            let parsed = formats::parse(&std::fs::read(&path).unwrap()).unwrap();
            (path.file_name().unwrap().to_string_lossy().into_owned(), parsed)
        })
        .collect()
}

fn analyses(parsed: &Parsed) -> Vec<Analysis> {
    let settings = parsed.settings.clone().unwrap_or_default();
    Metric::ALL
        .into_iter()
        .filter(|m| parsed.report.recorded_metrics().contains(m))
        .map(|metric| analyse(&parsed.report, metric, &settings))
        .collect()
}

/// The one check for terminal text: no character that acts on a terminal or reorders text,
/// once covdash's own colours (`ESC [ n m`, only when asked for) are taken out.
#[track_caller]
fn check_terminal(what: &str, text: &str) {
    let mut rest = text.to_owned();
    while let Some(start) = rest.find("\u{1b}[") {
        let end = rest[start + 2..].find(|c: char| !(c.is_ascii_digit() || c == ';')).map(|i| start + 2 + i);
        match end {
            Some(end) if rest[end..].starts_with('m') => rest.replace_range(start..=end, ""),
            _ => panic!("{what}: an escape sequence that is not one of covdash's colours: {:?}", &rest[start..]),
        }
    }
    let bad: Vec<char> = rest.chars().filter(|c| *c != '\n' && acts_on_text(*c)).collect();
    assert!(bad.is_empty(), "{what}: raw control characters {bad:?} in\n{text}");
}

#[test]
fn the_terminal_report_and_summary_show_names_as_text() {
    for (name, parsed) in corpus() {
        for analysis in analyses(&parsed) {
            for (width, color) in [(40, false), (80, true), (200, false)] {
                let text = present::text(&analysis, TextOptions { width, color });
                check_terminal(&format!("{name} text report, width {width}, colour {color}"), &text);
                // A 5,000-character name is shortened: no line is longer than the report's
                // widest row of names and figures.
                let longest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
                assert!(longest < 400, "{name}: a line of {longest} characters");
            }
        }
        let snapshot = parsed.report.latest().unwrap();
        let summary = present::summary("lcov", snapshot, parsed.report.metric);
        check_terminal(&format!("{name} summary"), &present::summary_text(&summary));
    }
}

#[test]
fn the_cli_never_writes_control_characters_from_the_data_or_its_file_names() {
    let root = common::root();
    for (name, _) in corpus() {
        let file = root.join("tests/fixtures/hostile").join(&name);
        for args in [&["summary"][..], &["report"], &["report", "--format", "markdown"]] {
            let output = Command::new(env!("CARGO_BIN_EXE_covdash")).args(args).arg(&file).output().unwrap();
            assert!(output.status.success(), "{name} {args:?}");
            check_terminal(&format!("covdash {args:?} {name}"), &String::from_utf8_lossy(&output.stdout));
        }
    }
    // The gates say one rule a line, on stderr when it fails and on stdout when it holds, each
    // line begun by covdash's own words: a line break in a name never starts a line.
    for (name, parsed) in corpus() {
        let file = root.join("tests/fixtures/hostile").join(&name);
        // Failed: the overall figure and each package under 100%; held: the two rules.
        let metric = parsed.report.metric;
        let packages = &parsed.report.latest().unwrap().packages;
        let under =
            packages.iter().filter(|p| p.coverage(metric).and_then(|c| c.percent()).is_some_and(|p| p.value() < 100.0));
        let (n_failed, n_held) = (1 + under.count(), 2);
        for (least, status, stream, start, n) in
            [("100", 1, "stderr", "covdash: ", n_failed), ("0", 0, "stdout", "ok: ", n_held)]
        {
            let output = Command::new(env!("CARGO_BIN_EXE_covdash"))
                .args(["check", "--fail-under", least, "--fail-under-package", least])
                .arg(&file)
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(status), "{name} --fail-under {least}");
            let said = String::from_utf8_lossy(if status == 1 { &output.stderr } else { &output.stdout }).into_owned();
            let what = format!("covdash check --fail-under {least} {name} ({stream})");
            check_terminal(&what, &said);
            assert!(
                said.lines().count() == n && said.lines().all(|l| l.starts_with(start)),
                "{what}: {n} lines?\n{said}"
            );
        }
    }
    // Error messages quote file names and input.
    let dir = common::Scratch::new("hostile");
    let hostile = dir.join("x\u{1b}]0;owned\u{7}\u{202e}.info");
    std::fs::write(&hostile, "SF:a.c\nDA:1,\u{1b}[31m\nend_of_record\nDA:\u{9b}2J\n").unwrap();
    for path in [hostile.clone(), dir.join("missing\u{1b}[2J.info")] {
        let output = Command::new(env!("CARGO_BIN_EXE_covdash")).arg("summary").arg(&path).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.is_empty(), "{path:?}: nothing said");
        check_terminal(&format!("covdash summary {path:?} (stderr)"), &stderr);
    }
    // A snapshot is named by its file, and "This change" names the one it compares with.
    let before = dir.join("before\u{7f}\u{1b}[2J\u{202e}.info");
    std::fs::write(&before, "SF:a.c\nDA:1,1\nDA:2,0\nDA:3,0\nend_of_record\n").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&before)
        .and_then(|f| f.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000)))
        .unwrap();
    let after = dir.join("after.info");
    std::fs::write(&after, "SF:a.c\nDA:1,1\nDA:2,1\nDA:3,0\nend_of_record\n").unwrap();
    let diff = dir.join("change.diff");
    std::fs::write(&diff, "diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1,2 +1,3 @@\n x\n+y\n z\n").unwrap();
    for format in ["text", "markdown"] {
        let output = Command::new(env!("CARGO_BIN_EXE_covdash"))
            .args(["report", "--format", format, "--diff"])
            .args([&diff, &before, &after])
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&output.stdout);
        assert!(said.contains("line by line against"), "{format}: {said}");
        check_terminal(&format!("covdash report --format {format} --diff (a snapshot's name)"), &said);
    }
    // A snapshot recorded: its label, its ref and its commit are anyone's to write (a branch's
    // name), and the next record names the one before by its commit.
    let history = dir.join("history.json");
    let runs = [("\u{1b}[2Jdeadbeef", "2026-01-01T00:00:00Z"), ("cafe", "2026-01-02T00:00:00Z")];
    for (commit, time) in runs {
        let output = Command::new(env!("CARGO_BIN_EXE_covdash"))
            .args(["record", "--history"])
            .arg(&history)
            .args(["--commit", commit, "--ref", "ma\u{202e}in\u{1b}[2J", "--label", "l\u{1b}]0;x\u{7}", "--time", time])
            .arg(&after)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        check_terminal("covdash record", &String::from_utf8_lossy(&output.stdout));
    }
    // A file that cannot be used is one message, whatever its name holds.
    let named = dir.join("empty\nFORGED.info");
    std::fs::write(&named, "").unwrap();
    let output =
        Command::new(env!("CARGO_BIN_EXE_covdash")).args(["check", "--fail-under", "1"]).arg(&named).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!((output.status.code(), stderr.lines().count()), (Some(2), 1), "{stderr}");
    // And the arguments: a wrong value or flag is quoted back.
    let arguments: [&[&str]; 3] = [
        &["report", "--target", "\u{1b}]0;owned\u{7}", "a.info"],
        &["report", "--tiers=A=\u{9b}2J", "a.info"],
        &["badge", "--\u{1b}[2J", "a.info"],
    ];
    for args in arguments {
        let output = Command::new(env!("CARGO_BIN_EXE_covdash")).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        check_terminal(&format!("covdash {args:?} (stderr)"), &String::from_utf8_lossy(&output.stderr));
    }
}

/// Markdown rendered by cmark-gfm, GitHub's fork of cmark, with the extensions GitHub turns on
/// and raw HTML let through (GitHub keeps `<details>`; anything from the data must not be HTML).
fn render_gfm(markdown: &str) -> String {
    let mut child = Command::new("cmark-gfm")
        .args(["--unsafe", "-e", "table", "-e", "autolink", "-e", "tagfilter", "-e", "strikethrough", "-e", "tasklist"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("cmark-gfm is needed (scripts/setup.sh installs Debian's cmark-gfm)");
    child.stdin.take().unwrap().write_all(markdown.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

/// The tags of an HTML text, as `(name, attributes)`: every `<` starts one, since text from
/// the data is escaped.
fn tags(html: &str) -> Vec<(String, String)> {
    html.split('<')
        .skip(1)
        .map(|rest| {
            let tag = rest.split('>').next().unwrap_or("");
            let tag = tag.trim_start_matches('/');
            let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '!').collect();
            (name.to_ascii_lowercase(), tag[name.len()..].to_owned())
        })
        .collect()
}

/// Text outside `<code>` elements, where GitHub looks for mentions and issue references.
fn text_outside_code(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<code>") {
        out.push_str(&rest[..start]);
        rest = rest[start..].split_once("</code>").map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out
}

#[test]
fn the_markdown_comment_renders_names_as_code_on_github() {
    const MARKDOWN_TAGS: [&str; 19] = [
        "h2", "h3", "h4", "p", "em", "strong", "code", "table", "thead", "tbody", "tr", "th", "td", "ul", "ol", "li",
        "details", "summary", "br",
    ];
    // Whole, and cut to a size that leaves most out (the cut keeps every table whole).
    let fits = [present::MarkdownOptions::default(), present::MarkdownOptions { max_chars: 2_000, link: None }];
    for (name, parsed) in corpus() {
        for (analysis, fit) in analyses(&parsed).iter().flat_map(|a| fits.iter().map(move |f| (a, f))) {
            let markdown = present::markdown(analysis, fit);
            assert!(markdown.chars().count() <= fit.max_chars, "{name}: {} characters", markdown.chars().count());
            check_terminal(&format!("{name} markdown"), &markdown);
            let html = render_gfm(&markdown);
            for (tag, attributes) in tags(&html) {
                assert!(MARKDOWN_TAGS.contains(&tag.as_str()), "{name}: <{tag}{attributes}> in\n{html}");
                // cmark-gfm's own: column alignment, and where a numbered list starts.
                let attributes = attributes.replace(" align=\"right\"", "");
                let attributes = attributes.split(" start=\"").next().unwrap_or("");
                assert!(!attributes.contains('='), "{name}: <{tag}{attributes}>: an attribute from the data");
            }
            let outside = text_outside_code(&html);
            for word in ["@org", "@octocat", "@admins", "#123", "https://", "www.", "<img", "<script"] {
                assert!(!outside.contains(word), "{name}: {word:?} outside a code span:\n{outside}");
            }
            // Every row of a table has as many cells as its header: no pipe broke one.
            for table in html.split("<table>").skip(1) {
                let table = table.split("</table>").next().unwrap();
                let cells = |row: &str, tag: &str| {
                    row.matches(&format!("<{tag}>")).count() + row.matches(&format!("<{tag} ")).count()
                };
                let header = cells(table.split("</tr>").next().unwrap(), "th");
                for row in table.split("<tr>").skip(2) {
                    assert_eq!(cells(row, "td"), header, "{name}: a row with a broken cell: {row}");
                }
            }
        }
    }
}

#[test]
fn the_html_report_and_the_badge_hold_no_markup_from_the_data() {
    const HTML_TAGS: [&str; 32] = [
        "!doctype", "html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "p", "section",
        "div", "ul", "ol", "li", "span", "strong", "br", "dl", "dt", "dd", "details", "summary", "table", "thead",
        "tbody", "tfoot", "tr", "th", "td",
    ];
    const ATTRIBUTES: [&str; 15] = [
        "aria-hidden",
        "class",
        "title",
        "role",
        "id",
        "style",
        "lang",
        "charset",
        "name",
        "content",
        "aria-label",
        "aria-labelledby",
        "aria-value",
        "scope",
        "colspan",
    ];
    // Every file's source is hostile too: markup, escapes, reordering, tabs.
    let source = "<script>alert(1)</script>\n\t\u{1b}]0;owned\u{7}\u{1b}[31mred\n\"><img src=x onerror=alert(1)>\u{202e}cba\u{85}\n";
    let mut n_annotated = 0;
    for (name, parsed) in corpus() {
        let settings = parsed.settings.clone().unwrap_or_default();
        let paths =
            parsed.report.snapshots.iter().flat_map(|s| s.packages.iter()).flat_map(|p| &p.files).map(|f| &f.path);
        let sources = Sources::embedded(paths.map(|p| SourceFile { path: p.clone(), text: source.into() }).collect());
        let files = present::annotated_files(&parsed.report, &sources);
        let html = present::html_report(&parsed.report, &settings, &name, &files);
        if parsed.report.latest().is_some_and(|s| s.packages.iter().any(|p| !p.files.is_empty())) {
            assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{name}: the source is not shown");
            n_annotated += files.files.len();
        }
        check_terminal(&format!("{name} html"), &html);
        let body = html.split("</style>").nth(1).unwrap();
        for (tag, attributes) in tags(body) {
            assert!(HTML_TAGS.contains(&tag.as_str()), "{name}: <{tag}{attributes}>");
            // Attribute names are ours; their values are quoted text.
            let mut rest = attributes.as_str();
            while let Some((before, after)) = rest.split_once("=\"") {
                let attribute = before.rsplit(' ').next().unwrap();
                assert!(ATTRIBUTES.iter().any(|a| attribute.starts_with(a)), "{name}: attribute {attribute:?}");
                rest = after.split_once('"').map_or("", |(_, next)| next);
            }
        }
        let badge = present::badge_svg(&parsed.report, &settings);
        let mut reader = quick_xml::Reader::from_str(&badge);
        loop {
            match reader.read_event().unwrap() {
                quick_xml::events::Event::Eof => break,
                quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                    let tag = e.name().into_inner().to_owned();
                    let allowed = ["svg", "title", "linearGradient", "stop", "clipPath", "rect", "g", "text"];
                    assert!(allowed.contains(&tag.as_str()), "{name}: <{tag}> in the badge");
                }
                _ => {}
            }
        }
    }
    assert!(n_annotated > 0, "no file was annotated");
}

/// What the page says was skipped (`present::problems`, its banner's text) quotes the records
/// it skipped and the names of their files: as text, whatever they hold. Each line is checked
/// against Unicode's categories, as the terminal's outputs are.
#[test]
fn what_was_skipped_is_said_as_text() {
    let lcov = "SF:a.c\nDA:1,\u{0}\u{1b}[2J\nDA:2,1\nDA:\u{202e}3,1\nFN\u{2028}:4\u{85},f\nend_of_record\n";
    let parsed = formats::parse(lcov.as_bytes()).unwrap();
    assert_eq!(parsed.n_diagnostics, 3, "{:?}", parsed.diagnostics);
    let diff = "diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1,1 +1,2 @@\n a\n+b\n@@ x\u{1b}]0;t\u{7} @@\n";
    let diff = formats::parse_diff(diff.as_bytes()).unwrap();
    assert_eq!(diff.n_diagnostics, 1, "{:?}", diff.diagnostics);
    let files = [("x\u{1b}]0;owned\u{7}\u{202e}.info", &parsed)];
    let problems = present::problems(&files, Some(("c\u{9b}2J.diff", &diff))).unwrap();
    // Each file's sentence and each reason on a line of its own.
    assert_eq!(problems.lines().count(), 6, "{problems}");
    check_terminal("the records skipped, as the page says them", &problems);
}

/// A file the page cannot use is said with its name and the reason (`Failure`, the page's error
/// banner): as text, whatever the name and the bytes quoted in the reason hold.
#[test]
fn what_could_not_be_read_is_said_as_text() {
    use covdash::session::{Batch, Input};
    let input = |name: &str, bytes: &str| Input {
        name: name.to_owned(),
        bytes: bytes.as_bytes().to_vec(),
        modified: None,
        in_folder: false,
    };
    let diff = "diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-a\n+b\n";
    let batches = [
        vec![
            // Malformed XML: the reader quotes the tag.
            input(
                "x\u{1b}]0;owned\u{7}\u{202e}.xml",
                "<?xml version=\"1.0\"?>\n<coverage\u{1b}[2J></covera\u{2028}ge>",
            ),
            // covdash JSON of the wrong shape: the reader quotes the value.
            input("b\u{9b}2J.json", "{\"snapshots\": [{\"label\": 1, \"packages\": \"\u{7f}\u{202e}\"}]}"),
        ],
        // A second diff, left out.
        vec![input("c\u{2029}.diff", diff), input("d\u{85}.diff", diff)],
    ];
    // Files that are not coverage wait as possible sources, with their reasons.
    let failures: Vec<_> = batches
        .into_iter()
        .flat_map(|inputs| {
            let (batch, mut failures) = Batch::parse(inputs);
            failures.extend(batch.given_failures().cloned());
            failures
        })
        .collect();
    assert_eq!(failures.len(), 3, "{failures:?}");
    for failure in failures {
        let said = failure.to_string();
        assert_eq!(said.lines().count(), 1, "{said}");
        check_terminal("a failure, as the page says it", &said);
    }
}

/// A link is anyone's to write: what the page says of a setting it cannot read (its warning
/// banner) quotes the link's text as text.
#[test]
fn what_a_link_could_not_set_is_said_as_text() {
    let hostile = "%1B%5B2J%E2%80%AE%E2%80%A8%C2%85%C2%AD%F3%A0%81%81";
    let fragment = format!("#goal={hostile}&tiers={hostile}&groups={hostile}&ref={hostile}&{hostile}=1&\u{1b}[2J\u{202e}=1&exclude=%5B{hostile}");
    let link = present::parse_link(&format!("?target={hostile}"), &fragment);
    assert_eq!(link.problems.len(), 8, "{:?}", link.problems);
    for problem in &link.problems {
        check_terminal("a link's setting, as the page says it", problem);
    }
}

/// Every string of a reply, as the page gets it (through serde, as the wire carries it), with
/// where it is (`.rows[2].files[0].path`).
fn strings_of(reply: &covdash::session::Reply) -> Vec<(String, String)> {
    fn walk(value: &serde_json::Value, at: &str, out: &mut Vec<(String, String)>) {
        match value {
            serde_json::Value::String(s) => out.push((at.to_owned(), s.clone())),
            serde_json::Value::Array(items) => {
                items.iter().enumerate().for_each(|(i, v)| walk(v, &format!("{at}[{i}]"), out))
            }
            serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| walk(v, &format!("{at}.{k}"), out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::to_value(reply).unwrap(), "", &mut out);
    out
}

/// An organisation's index is anyone's to write too: its repositories' and teams' names reach
/// the page's view of the organisation as text, whatever they hold.
#[test]
fn the_organisations_view_shows_its_names_as_text() {
    use covdash::session::{FirstView, Input, Reply, Request, Session};
    let fixtures = common::root().join("tests/fixtures/portfolio");
    let index = std::fs::read_to_string(fixtures.join("covdash-portfolio.json")).unwrap();
    let hostile = index
        .replace("\"team\": \"python\"", "\"team\": \"py\\u202eevil\\u001b[2J\"")
        .replace("\"team\": \"core\"", "\"team\": \"co\\u0000re\\u2028x\"")
        .replace("\"name\": \"go-module\"", "\"name\": \"go\\u202emodule\\u001b[2J\"")
        .replace("\"name\": \"calc-c\"", "\"name\": \"calc\\u0085c\"")
        .replace("\"name\": \"more-itertools\"", "\"name\": \"more\\u2028iter\\u009btools\"");
    assert_ne!(hostile, index);
    let mut inputs = vec![Input {
        name: "covdash-portfolio.json".into(),
        bytes: hostile.into_bytes(),
        modified: None,
        in_folder: false,
    }];
    for entry in ["histories", "reports"].iter().flat_map(|d| std::fs::read_dir(fixtures.join(d)).unwrap()) {
        let path = entry.unwrap().path();
        let folder = path.parent().unwrap().file_name().unwrap().to_string_lossy().into_owned();
        let name = format!("{folder}/{}", path.file_name().unwrap().to_string_lossy());
        inputs.push(Input { name, bytes: std::fs::read(&path).unwrap(), modified: None, in_folder: false });
    }
    let mut session = Session::default();
    session.set_now(covdash::model::Timestamp::parse("2026-12-05T00:00:00Z").unwrap());
    let request =
        Request::Load { names: inputs.iter().map(Input::file_name).collect(), first: Some(FirstView::default()) };
    let Reply::Loaded { first: Some(first), .. } = session.answer(request, inputs, &mut |_| {}) else {
        panic!("not loaded")
    };
    assert!(matches!(*first, Reply::Shown(_)), "no view");
    let said = strings_of(&first);
    for shown in ["evil", "module", "calc", "tools"] {
        assert!(said.iter().any(|(_, s)| s.contains(shown)), "{shown} is not shown");
    }
    check_reply("the organisation", &first);
    // Its rows in every order, its map, its recommendations, and each repository opened.
    use covdash::present::RowOrder;
    use covdash::session::Combination;
    let ask = |session: &mut Session, request: Request| session.answer(request, Vec::new(), &mut |_| {});
    let how = Combination::new(covdash::model::Reading::Merged, &Default::default(), &Default::default());
    let mut repositories = Vec::new();
    for order in [RowOrder::HighestFirst, RowOrder::LowestFirst, RowOrder::MostUncovered, RowOrder::ByName] {
        let request = Request::Packages { how: how.clone(), snapshot: None, filter: String::new(), limit: 50, order };
        let reply = ask(&mut session, request);
        check_reply("the organisation's rows", &reply);
        if let Reply::Packages(rows) = reply {
            repositories = rows.rows.iter().map(|(_, row)| row.key.clone()).collect();
        }
    }
    assert_eq!(repositories.len(), 7);
    check_reply("the map", &ask(&mut session, Request::Treemap { how: how.clone(), snapshot: None, path: Vec::new() }));
    let request = Request::Recommendations { how: how.clone(), snapshot: None, with_files: 20 };
    check_reply("the recommendations", &ask(&mut session, request));
    for repository in repositories {
        let within = how.clone().within(Some(repository.clone()));
        let shown = ask(&mut session, Request::Show { how: within, snapshot: None, sections: None });
        check_reply(&format!("{repository:?} opened"), &shown);
    }
}

/// Whether a string at `at` (`.rows[2].files[0].path`) names a row or a file to the page (to
/// keep it across updates, to ask for it) and is never shown: a `key`, a `path`.
fn an_identifier(at: &str) -> bool {
    let field = at.rsplit('.').next().unwrap_or_default();
    let field = field.split('[').next().unwrap_or_default();
    matches!(field, "key" | "path")
}

/// The characters that act on text in every string a reply holds but its identifiers.
#[track_caller]
fn check_reply(what: &str, reply: &covdash::session::Reply) {
    for (at, text) in strings_of(reply).iter().filter(|(at, _)| !an_identifier(at)) {
        let bad: Vec<char> = text.chars().filter(|c| acts_on_text(*c)).collect();
        assert!(bad.is_empty(), "{what}: raw {bad:?} in {at}={text:?}");
    }
}

/// Every answer the page's session gives of the corpus (the dashboard as read and per snapshot,
/// the package rows in every order, their files, a file's lines, the map, the recommendations)
/// holds a hostile name only as text: each string is checked against Unicode's categories.
#[test]
fn every_answer_the_page_gets_shows_names_as_text() {
    use covdash::model::Reading;
    use covdash::present::{FileSort, RowOrder};
    use covdash::session::{Combination, FirstView, Input, Reply, Request, Session};
    let ask = |session: &mut Session, request: Request| session.answer(request, Vec::new(), &mut |_| {});
    let mut n_replies = 0;
    for path in common::fixtures("hostile") {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut session = Session::default();
        let input =
            Input { name: name.clone(), bytes: std::fs::read(&path).unwrap(), modified: None, in_folder: false };
        let request = Request::Load { names: vec![input.file_name()], first: Some(FirstView::default()) };
        let loaded = session.answer(request, vec![input], &mut |_| {});
        check_reply(&name, &loaded);
        for reading in [Reading::Merged, Reading::Snapshots] {
            let how = Combination::new(reading, &Default::default(), &Default::default());
            let shown = ask(&mut session, Request::Show { how: how.clone(), snapshot: None, sections: None });
            check_reply(&name, &shown);
            let mut packages = Vec::new();
            for order in [RowOrder::HighestFirst, RowOrder::LowestFirst, RowOrder::MostUncovered, RowOrder::ByName] {
                let request =
                    Request::Packages { how: how.clone(), snapshot: None, filter: String::new(), limit: 50, order };
                let reply = ask(&mut session, request);
                check_reply(&name, &reply);
                if let Reply::Packages(rows) = reply {
                    packages = rows.rows.iter().map(|(_, row)| row.key.clone()).collect();
                }
            }
            for package in packages.iter().take(3) {
                let request = Request::Files {
                    how: how.clone(),
                    snapshot: None,
                    package: package.clone(),
                    sort: FileSort::Uncovered,
                    filter: String::new(),
                };
                let reply = ask(&mut session, request);
                check_reply(&name, &reply);
                let Reply::Files(files) = reply else { continue };
                for file in files.rows.iter().take(3) {
                    let request =
                        Request::Lines { how: how.clone(), snapshot: None, path: file.key.clone(), fetched: None };
                    check_reply(&name, &ask(&mut session, request));
                    n_replies += 1;
                }
            }
            check_reply(
                &name,
                &ask(&mut session, Request::Treemap { how: how.clone(), snapshot: None, path: Vec::new() }),
            );
            check_reply(&name, &ask(&mut session, Request::Recommendations { how, snapshot: None, with_files: 20 }));
        }
    }
    assert!(n_replies > 5, "{n_replies} files' lines asked");

    // Two moments and a change: "This change" names the snapshot it compares with, whose label
    // is its file's name.
    let time = |s: &str| covdash::model::Timestamp::parse(s).ok();
    let inputs = vec![
        Input {
            name: "before\u{7f}\u{1b}[2J\u{202e}.info".into(),
            bytes: b"SF:a.c\nDA:1,1\nDA:2,0\nDA:3,0\nend_of_record\n".to_vec(),
            modified: time("2026-01-01T00:00:00Z"),
            in_folder: false,
        },
        Input {
            name: "after.info".into(),
            bytes: b"SF:a.c\nDA:1,1\nDA:2,1\nDA:3,0\nend_of_record\n".to_vec(),
            modified: time("2026-01-02T00:00:00Z"),
            in_folder: false,
        },
        Input {
            name: "change.diff".into(),
            bytes: b"diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1,2 +1,3 @@\n x\n+y\n z\n".to_vec(),
            modified: None,
            in_folder: false,
        },
    ];
    let mut session = Session::default();
    let request = Request::Load { names: inputs.iter().map(Input::file_name).collect(), first: None };
    check_reply("two moments", &session.answer(request, inputs, &mut |_| {}));
    let how = Combination::new(Reading::Snapshots, &Default::default(), &Default::default());
    let shown = ask(&mut session, Request::Show { how, snapshot: None, sections: None });
    let said = strings_of(&shown);
    assert!(said.iter().any(|(_, s)| s.contains("line by line against")), "{said:#?}");
    check_reply("two moments and a change", &shown);

    // A link is anyone's to write: the tiers, groups and win words it names are names.
    let link = "tiers=Top\u{202e}=90,Mid\u{1b}[2J=50,Low=0&groups=G\u{7}roup=**&wins=hu\u{2028}ge=10,small=0";
    let (overrides, problems) = covdash::present::parse_fragment(link);
    assert!(problems.is_empty(), "{problems:?}");
    let how = Combination::new(Reading::Snapshots, &overrides, &Default::default());
    let shown = ask(&mut session, Request::Show { how, snapshot: None, sections: None });
    check_reply("settings from a link", &shown);
    let said = strings_of(&shown);
    for word in ["hu", "Top", "Mid", "roup"] {
        assert!(said.iter().any(|(_, s)| s.contains(word)), "{word} not shown: {said:#?}");
    }
}

/// An organisation's index with hostile repository and team names, written beside copies of
/// the portfolio fixture's histories and reports.
fn hostile_organisation(dir: &std::path::Path) -> std::path::PathBuf {
    let fixtures = common::root().join("tests/fixtures/portfolio");
    for folder in ["histories", "reports"] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        for entry in std::fs::read_dir(fixtures.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, dir.join(folder).join(path.file_name().unwrap())).unwrap();
        }
    }
    let index = std::fs::read_to_string(fixtures.join("covdash-portfolio.json"))
        .unwrap()
        .replace("\"team\": \"python\"", "\"team\": \"py\\u202eevil\\u001b[2J\"")
        .replace("\"name\": \"go-module\"", "\"name\": \"go\\u202emodule\\u001b]0;owned\\u0007\"")
        .replace("\"name\": \"more-itertools\"", "\"name\": \"more\\u2028iter\\u009btools\"");
    let path = dir.join("covdash-portfolio.json");
    std::fs::write(&path, index).unwrap();
    path
}

/// `covdash portfolio` and its gate print the organisation's names as text.
#[test]
fn the_organisations_names_reach_the_terminal_as_text() {
    let dir = common::Scratch::new("hostile-organisation");
    let index = hostile_organisation(&dir);
    let now = "2026-12-05T00:00:00Z";
    for format in ["text", "markdown"] {
        let output = Command::new(env!("CARGO_BIN_EXE_covdash"))
            .args(["portfolio", "--now", now, "--format", format])
            .arg(&index)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let said = String::from_utf8_lossy(&output.stdout);
        assert!(said.contains("module") && said.contains("evil") && said.contains("tools"), "{said}");
        check_terminal(&format!("covdash portfolio --format {format}"), &said);
    }
    let output = Command::new(env!("CARGO_BIN_EXE_covdash"))
        .args(["check", "--portfolio", "--per-team", "--fail-under", "99", "--now", now])
        .arg(&index)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    for said in [&output.stdout, &output.stderr] {
        let said = String::from_utf8_lossy(said);
        check_terminal("covdash check --portfolio --per-team", &said);
    }
    assert!(String::from_utf8_lossy(&output.stderr).contains("evil"));
}
