//! Fuzzes a file's lines and its source view: the input is a coverage file of any format, then
//! a NUL byte, then the text given as every file's source (a real C source and its LCOV file
//! when there is no NUL). Each file's line runs must be in order and apart, its view's lines
//! numbered from 1 with no raw control character but a tab, its blocks ascending, and the HTML
//! report that annotates them must hold no raw control character.

#![no_main]

use std::rc::Rc;

use covdash::formats;
use covdash::model::{LineState, Settings, SourceFile, Sources};
use covdash::present::{self, is_unsafe, SourceOrigin, SourceText};

const COVERAGE: &[u8] = include_bytes!("../../tests/fixtures/sources/c-textstat/coverage.info");
const SOURCE: &[u8] = include_bytes!("../../tests/fixtures/sources/c-textstat/src/textstat.c");

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (coverage, source) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (COVERAGE, data),
    };
    let source = if source.is_empty() { SOURCE } else { source };
    let Ok(parsed) = formats::parse(coverage) else { return };
    let text = String::from_utf8_lossy(source);
    let report = &parsed.report;
    let files: Vec<_> = report.snapshots.iter().flat_map(|s| s.packages.iter()).flat_map(|p| &p.files).collect();
    for file in &files {
        for runs in [file.line_runs(), file.line_runs_in(&text)] {
            assert!(runs.iter().all(|r| r.first <= r.last), "a run ends before it starts");
            assert!(runs.windows(2).all(|w| w[0].last < w[1].first), "runs in order and apart");
        }
        let ranges = file.uncovered_ranges();
        assert!(ranges.windows(2).all(|w| w[0].1 < w[1].0), "ranges in order and apart");
        let view = present::source_view(file, report.metric, Ok(SourceText { text: &text, origin: SourceOrigin::Embedded }));
        assert!(view.lines.iter().enumerate().all(|(i, l)| l.number as usize == i + 1), "lines numbered from 1");
        assert!(view.blocks.windows(2).all(|w| w[0] < w[1]), "blocks ascending");
        for line in view.lines.iter() {
            let bad = line.text.chars().find(|c| *c != '\t' && is_unsafe(*c));
            assert!(bad.is_none(), "a raw {bad:?} in a line");
            assert_eq!(line.state.is_some(), line.hits.is_some());
            if line.state == Some(LineState::Uncovered) {
                assert_eq!(line.hits.as_deref(), Some("0"));
            }
        }
    }
    let sources =
        Sources::embedded(files.iter().map(|f| SourceFile { path: f.path.clone(), text: Rc::from(text.as_ref()) }).collect());
    let annotated = present::annotated_files(report, &sources);
    let html = present::html_report(report, &Settings::default(), "fuzz", &annotated);
    let bad = html.chars().find(|c| *c != '\n' && is_unsafe(*c));
    assert!(bad.is_none(), "html report: a raw {bad:?}");
});
