//! A file's lines as the page and the HTML report show them: the source, when it is at hand,
//! each line marked by what it did in the run (by a class, a glyph and words, never by colour
//! alone), with its count, its branches and the functions never called that start on it; and
//! the uncovered lines as ranges when it is not.
//!
//! Source text is data like any name: a line keeps its tabs, and every other control or
//! reordering character in it is written as a visible escape (`\u{202e}`), so that no line can
//! read as another ("Trojan Source").

use covdash_protocol::view::*;
use std::rc::Rc;

use super::files::{listed, ranges_text};
use crate::analysis::FileLines;
use crate::model::{
    most_uncovered_first, sort_by, Counts, FileCoverage, LineCounts, LineState, Metric, Report, Snapshot, SourceFile,
    SourceLink, Sources,
};
use covdash_protocol::escape::terminal;
use covdash_protocol::format::{count_of, counted, format_count, format_percent};

/// The source at hand for a file, and where it came from.
pub struct SourceText<'a> {
    pub text: &'a str,
    pub origin: SourceOrigin,
}

impl<'a> SourceText<'a> {
    /// A source at hand (as [`Sources::get`] gives it): carried by the report, or given.
    pub fn at_hand((file, embedded): (&'a SourceFile, bool)) -> SourceText<'a> {
        let origin =
            if embedded { SourceOrigin::Embedded } else { SourceOrigin::Given(terminal(&file.path).into_owned()) };
        SourceText { text: &file.text, origin }
    }
}

/// Ranges and names listed at most.
const LISTED: usize = 40;

/// `file` opened to its lines, with `source` where it is at hand; `missing` says where to
/// fetch it, or why it cannot be shown, where it is not.
pub fn source_view(file: &FileCoverage, metric: Metric, source: Result<SourceText<'_>, SourceOrigin>) -> SourceView {
    // The lines as marked: against the source where it is at hand (a Go block that starts at
    // the end of a line leaves that line out), so the summary counts what is shown.
    let runs = match &source {
        Ok(source) => file.line_runs_in(source.text),
        Err(_) => file.line_runs(),
    };
    let details = FileLines::of(file);
    let counts = file.counts(metric).or_else(|| file.counts(Metric::Lines));
    let n_runs = |state| runs.iter().filter(|r| r.state == state).map(|r| u64::from(r.last - r.first) + 1).sum::<u64>();
    let (uncovered, partial) = (n_runs(LineState::Uncovered), n_runs(LineState::Partial));
    let summary = summary(counts, metric, uncovered, partial, runs.is_empty());
    let no_detail = (!file.has_line_detail()).then(|| {
        "the report gives this file's figures, not its lines (as llvm-cov's summary export and Istanbul's \
         coverage-summary.json do): give the report with line detail to see which lines ran"
            .to_owned()
    });
    let uncalled = listed(
        details.uncalled_functions.iter().map(|(name, line)| format!("{} (line {line})", terminal(name))),
        details.uncalled_functions.len(),
        LISTED,
    );
    let (origin, lines, mismatch) = match source {
        Ok(source) => {
            let (lines, mismatch) = annotate(file, &runs, &details, source.text);
            (source.origin, lines, mismatch)
        }
        Err(origin) => (origin, Rc::from([]), None),
    };
    // A block goes on over lines with nothing to cover, and ends at one that ran whole.
    let mut blocks: Vec<u32> = Vec::new();
    let mut open = false;
    for run in &runs {
        match (run.state, open) {
            (LineState::Covered, _) => open = false,
            (_, false) => {
                blocks.push(run.first);
                open = true;
            }
            (_, true) => {}
        }
    }
    SourceView {
        key: file.path.clone(),
        name: terminal(&file.path).into_owned(),
        summary,
        origin,
        lines,
        counted: file.counts == LineCounts::Runs,
        blocks: blocks.into(),
        uncovered_lines: ranges_text(&details.uncovered_lines, LISTED),
        partial_branches: listed(
            details.partial_branches.iter().map(|(line, taken, all)| format!("{line}: {taken} of {all}")),
            details.partial_branches.len(),
            LISTED,
        ),
        uncalled_functions: uncalled,
        no_detail,
        mismatch,
    }
}

fn summary(counts: Option<Counts>, metric: Metric, uncovered: u64, partial: u64, no_lines: bool) -> String {
    let mut parts = Vec::new();
    if let Some(counts) = counts {
        parts.push(format_percent(counts.percent()));
        parts.push(format!("{} of {} {metric} covered", format_count(counts.covered()), format_count(counts.total())));
    }
    if !no_lines {
        parts.push(format!("{} not covered", count_of(uncovered, "line")));
        if partial > 0 {
            parts.push(format!("{} partly covered", format_count(partial)));
        }
    }
    parts.join(" · ")
}

/// The source's lines, each with what the report says of it; and a warning when the report
/// marks lines the source does not have.
fn annotate(
    file: &FileCoverage,
    runs: &[crate::model::LineRun],
    details: &FileLines,
    text: &str,
) -> (Rc<[SourceLine]>, Option<String>) {
    let mut branches = file.branch_lines().peekable();
    let mut uncalled = details.uncalled_functions.iter().peekable();
    let past = runs.last().map_or(0, |r| u64::from(r.last));
    let mut runs = runs.iter().peekable();
    let mut lines = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        while runs.next_if(|r| r.last < number).is_some() {}
        let run = runs.peek().filter(|r| r.first <= number);
        while branches.next_if(|b| b.line < number).is_some() {}
        let branch = branches.next_if(|b| b.line == number);
        let mut notes = Vec::new();
        while uncalled.next_if(|f| f.1 < number).is_some() {}
        while let Some((name, _)) = uncalled.next_if(|f| f.1 == number) {
            notes.push(format!("never called: {}", terminal(name)));
        }
        lines.push(SourceLine {
            number,
            text: source_text(raw),
            state: run.map(|r| r.state),
            // A count that says only whether the line ran is not shown as "ran once".
            hits: run.filter(|_| file.counts == LineCounts::Runs).map(|r| format_count(r.hits)),
            branches: branch.map(|b| format!("{} of {}", format_count(b.taken), counted(b.all, "branch", "branches"))),
            note: (!notes.is_empty()).then(|| notes.join("; ")),
        });
    }
    let n_lines = lines.len() as u64;
    let mismatch = (past > n_lines).then(|| {
        format!(
            "the report marks line {} but this source has {}: it may not be the source that was measured",
            format_count(past),
            count_of(n_lines, "line")
        )
    });
    (lines.into(), mismatch)
}

/// A line of source as shown: tabs kept, other unsafe characters escaped.
fn source_text(raw: &str) -> String {
    let raw = raw.strip_suffix('\r').unwrap_or(raw);
    if !raw.contains('\t') {
        return terminal(raw).into_owned();
    }
    raw.split('\t').map(|part| terminal(part).into_owned()).collect::<Vec<_>>().join("\t")
}

/// The files the HTML report shows line by line, and how many had their source.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Annotated {
    /// Those with the most lines not covered first, at most [`ANNOTATED_FILES`].
    pub files: Vec<SourceView>,
    /// The files of the report whose source is at hand.
    pub n_with_source: usize,
}

/// The most files the HTML report annotates: a report of 200,000 files with its sources would
/// otherwise be gigabytes.
pub const ANNOTATED_FILES: usize = 500;

/// The files of `report`'s latest snapshot whose source is in `sources`, opened to their lines,
/// those with the most lines not covered first: what the HTML report annotates.
pub fn annotated_files(report: &Report, sources: &Sources) -> Annotated {
    let files = report.latest().into_iter().flat_map(Snapshot::files);
    let mut with_source: Vec<(u64, &FileCoverage)> = files
        .filter(|file| sources.get(&file.path).is_some())
        .map(|file| (file.counts(report.metric).map_or(0, |c| c.missed()), file))
        .collect();
    sort_by(&mut with_source, |a, b| most_uncovered_first(*a, *b));
    let n_with_source = with_source.len();
    let files = with_source
        .into_iter()
        .take(ANNOTATED_FILES)
        .filter_map(|(_, file)| {
            let source = SourceText::at_hand(sources.get(&file.path)?);
            Some(source_view(file, report.metric, Ok(source)))
        })
        .collect();
    Annotated { files, n_with_source }
}

/// Where the source of the report's file at `path` may be had when none is at hand: from the
/// source address, if one is set, or from the person.
pub fn missing_source(link: Option<&SourceLink>, commit: Option<&str>, path: &str) -> SourceOrigin {
    match link.map(|link| source_url(link, commit, path)) {
        Some(Ok(url)) => SourceOrigin::ToFetch(url),
        Some(Err(why)) => SourceOrigin::Missing(why),
        None => SourceOrigin::Missing(
            "no source at hand: give the source files, or their folder, with the coverage file".to_owned(),
        ),
    }
}

/// What the page says of the sources at hand: `"Sources at hand for 12 of the report's files;
/// 2 files given match none of them: README.md, logo.png"`, or where none is at hand, of the
/// files of a folder that are none (`"2 files given are no coverage and match none of the
/// report's files: …"`); `None` when there are none.
pub fn sources_text(sources: &Sources) -> Option<String> {
    if sources.is_empty() {
        return None;
    }
    let unmatched = sources.unmatched();
    let given = count_of(unmatched.len() as u64, "file");
    let names = listed(unmatched.iter().map(|n| terminal(n).into_owned()), unmatched.len(), 5).unwrap_or_default();
    let one = unmatched.len() == 1;
    Some(match sources.n_matched() {
        0 => {
            let (is, matches) = if one { ("is", "matches") } else { ("are", "match") };
            format!("{given} given {is} no coverage and {matches} none of the report's files: {names}")
        }
        n => {
            let at_hand = match n {
                1 => "Source at hand for 1 of the report's files".to_owned(),
                n => format!("Sources at hand for {} of the report's files", format_count(n as u64)),
            };
            match unmatched.len() {
                0 => at_hand,
                _ => {
                    format!("{at_hand}; {given} given {} none of them: {names}", if one { "matches" } else { "match" })
                }
            }
        }
    })
}

/// What the page says of coverage files that held a run another file holds (`read`, with the
/// files `left out` for it, in so many `formats`): `"The same run in 3 formats:
/// coverage-final.json read; clover.xml and lcov.info left out"`, or `"in 3 files of 2 formats"`
/// where one is a copy; a sentence a run; `None` when every file was read.
pub fn read_once<'a>(runs: impl Iterator<Item = (&'a str, &'a [String], usize)>) -> Option<String> {
    let sentences: Vec<String> = runs
        .map(|(read, left_out, formats)| {
            let mut names: Vec<String> = left_out.iter().map(|name| terminal(name).into_owned()).collect();
            let last = names.pop().unwrap_or_default();
            let names = if names.is_empty() { last } else { format!("{} and {last}", names.join(", ")) };
            let files = left_out.len() + 1;
            let given = if formats == files {
                format!("{files} formats")
            } else {
                format!("{files} files of {}", count_of(formats as u64, "format"))
            };
            format!("The same run in {given}: {} read; {names} left out", terminal(read))
        })
        .collect();
    (!sentences.is_empty()).then(|| sentences.join(". "))
}

/// The address of `path`'s source under `link` (`{commit}` and `{path}` filled, the prefix
/// stripped), or why there is none.
pub fn source_url(link: &SourceLink, commit: Option<&str>, path: &str) -> Result<String, String> {
    let relative = match link.strip.as_deref().filter(|s| !s.is_empty()) {
        Some(prefix) => path.strip_prefix(prefix).unwrap_or(path),
        None => path,
    };
    let relative = relative.trim_start_matches('/');
    let mut url = link.template.replace("{path}", &encode_path(relative));
    if url.contains("{commit}") {
        let commit = commit.ok_or_else(|| {
            "the source address needs the commit ({commit}), and the report does not say which was measured".to_owned()
        })?;
        url = url.replace("{commit}", &encode_path(commit));
    }
    Ok(url)
}

/// A path for a URL: each segment percent-encoded, the slashes kept.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' | b'+' | b'@' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Notes on `view`'s lines the category `changed` gives them, in words after the code
/// (`"LBC: line that lost its tests"`): every current line but those the change left as they
/// were, still tested or still not (CBC, UBC).
pub fn mark_changes(view: &mut SourceView, changed: &crate::analysis::FileDifferential) {
    use crate::analysis::Category;
    let current = |c: Category| !matches!(c, Category::Dcb | Category::Dub | Category::Ecb | Category::Eub);
    let marks: std::collections::HashMap<u32, Category> = changed
        .lines
        .iter()
        .filter(|l| current(l.category) && !matches!(l.category, Category::Cbc | Category::Ubc))
        .map(|l| (l.line, l.category))
        .collect();
    if marks.is_empty() {
        return;
    }
    let lines: Vec<SourceLine> = view
        .lines
        .iter()
        .map(|line| {
            let mut line = line.clone();
            if let Some(category) = marks.get(&line.number) {
                let mark = format!("{}: {}", category.code(), category.words());
                line.note = Some(match line.note.take() {
                    Some(note) => format!("{mark} · {note}"),
                    None => mark,
                });
            }
            line
        })
        .collect();
    view.lines = Rc::from(lines);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats;

    fn link(template: &str, strip: Option<&str>) -> SourceLink {
        SourceLink { template: template.to_owned(), strip: strip.map(str::to_owned) }
    }

    #[test]
    fn a_template_is_filled_with_the_commit_and_the_path() {
        let raw = link("https://raw.example/org/app/{commit}/{path}", Some("/home/ci/app/"));
        // (path, commit, address or why not)
        let cases = [
            ("/home/ci/app/src/lib.rs", Some("0a1b2c"), Ok("https://raw.example/org/app/0a1b2c/src/lib.rs")),
            ("src/a b#1.rs", Some("main"), Ok("https://raw.example/org/app/main/src/a%20b%231.rs")),
            ("src/lib.rs", None, Err("the source address needs the commit")),
        ];
        for (path, commit, expected) in cases {
            let got = source_url(&raw, commit, path);
            match expected {
                Ok(url) => assert_eq!(got.as_deref(), Ok(url)),
                Err(start) => assert!(got.as_ref().is_err_and(|e| e.starts_with(start)), "{got:?}"),
            }
        }
        assert_eq!(source_url(&link("/src/{path}", None), None, "/abs/x.go").as_deref(), Ok("/src/abs/x.go"));
    }

    #[test]
    fn a_source_is_annotated_line_by_line() {
        // Line 2 has one branch, as Node's own coverage writes a function's block.
        let lcov = "SF:a.c\nFN:2,used\nFNDA:4,used\nFN:6,unused\nFNDA:0,unused\nDA:2,4\nBRDA:2,1,0,4\nDA:3,4\n\
BRDA:3,0,0,4\nBRDA:3,0,1,0\nDA:6,0\nDA:7,0\nend_of_record\n";
        let parsed = formats::parse(lcov.as_bytes()).map_err(|e| e.to_string()).unwrap_or_else(|e| panic!("{e}"));
        let file = &parsed.report.snapshots[0].packages[0].files[0];
        let text = "#include <x.h>\nint used(int x) {\n\tif (x) return 1; /* \u{202e} */\n}\nstatic\nint unused(void) {\n  return 0;\n}\n";
        let view = source_view(file, Metric::Lines, Ok(SourceText { text, origin: SourceOrigin::Embedded }));
        type Row<'a> = (u32, &'a str, Option<LineState>, Option<&'a str>, Option<&'a str>, Option<&'a str>);
        let got: Vec<Row> = view
            .lines
            .iter()
            .map(|l| (l.number, l.text.as_str(), l.state, l.hits.as_deref(), l.branches.as_deref(), l.note.as_deref()))
            .collect();
        use LineState::*;
        assert_eq!(
            got,
            [
                (1, "#include <x.h>", None, None, None, None),
                (2, "int used(int x) {", Some(Covered), Some("4"), Some("1 of 1 branch"), None),
                (3, "\tif (x) return 1; /* \\u{202e} */", Some(Partial), Some("4"), Some("1 of 2 branches"), None),
                (4, "}", None, None, None, None),
                (5, "static", None, None, None, None),
                (6, "int unused(void) {", Some(Uncovered), Some("0"), None, Some("never called: unused")),
                (7, "  return 0;", Some(Uncovered), Some("0"), None, None),
                (8, "}", None, None, None, None),
            ]
        );
        assert_eq!(&*view.blocks, [3]);
        assert_eq!(view.summary, "50.0% · 2 of 4 lines covered · 2 lines not covered · 1 partly covered");
        assert_eq!(view.mismatch, None);
        // A shorter source than the report's lines is not the one measured.
        let short = source_view(file, Metric::Lines, Ok(SourceText { text: "a\nb\n", origin: SourceOrigin::Embedded }));
        assert!(short.mismatch.is_some_and(|m| m.starts_with("the report marks line 7 but this source has 2 lines")));
        let one = source_view(file, Metric::Lines, Ok(SourceText { text: "a\n", origin: SourceOrigin::Embedded }));
        assert!(one.mismatch.is_some_and(|m| m.starts_with("the report marks line 7 but this source has 1 line:")));
        // Without a source, the ranges.
        let bare = source_view(file, Metric::Lines, Err(SourceOrigin::Missing("none given".into())));
        assert!(bare.lines.is_empty());
        assert_eq!(bare.uncovered_lines.as_deref(), Some("6–7"));
        assert_eq!(bare.partial_branches.as_deref(), Some("3: 1 of 2"));
        assert_eq!(bare.uncalled_functions.as_deref(), Some("unused (line 6)"));
    }
}
