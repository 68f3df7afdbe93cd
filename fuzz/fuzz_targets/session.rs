//! The page's whole path from a drop to every view: the input split into up to four files at
//! its form feeds (byte 0x0c; a file that starts `@NAME` and a line break is so named, and came
//! in a folder when the name has a slash, as a folder's files are named by their path), loaded
//! into a session as a drop is, read both ways (merged and as snapshots), as given and with a
//! person's changes (the metric, an exclusion), and asked every question the page asks of it:
//! each snapshot's dashboard, its package rows in every order, the first packages' files in
//! every order, the first files' lines, the treemap and its first level, the recommendations
//! and the four exports; an organisation's first repositories opened. No answer may panic, and none may hold a character that acts on text
//! from the data, in any string the page shows.

#![no_main]

use covdash::model::{Metric, Reading};
use covdash::present::{is_unsafe, FileSort, Overrides, RowOrder, Rows};
use covdash::session::{Combination, Export, FirstView, Input, Reply, Request, Session};

/// A file that starts `@NAME` and a line break, as its name and its bytes (a source is
/// matched to the report's files by its name); other files are named `file0`, `file1`….
fn named(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let rest = bytes.strip_prefix(b"@")?;
    let end = rest.iter().position(|b| *b == b'\n')?;
    Some((&rest[..end], &rest[end + 1..]))
}

fn ask(session: &mut Session, request: Request) -> Reply {
    let reply = session.answer(request, Vec::new(), &mut |_| {});
    every_string_as_text(&reply);
    reply
}

/// Every string of a reply, as the page gets it, but the identifiers it asks with (a row's
/// `key`, a file's `path`) and the failures (as given: the page shows them through their
/// `Display`, checked apart): no character that acts on text from the data. A source line
/// keeps its tabs; a message its line breaks.
fn every_string_as_text(reply: &Reply) {
    fn walk(value: &serde_json::Value, field: &str) {
        match value {
            serde_json::Value::String(text) if !matches!(field, "key" | "path") => {
                let bad = text.chars().find(|c| !matches!(c, '\n' | '\t') && is_unsafe(*c));
                assert!(bad.is_none(), "{field}: a raw {bad:?} in {text:?}");
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, field)),
            serde_json::Value::Object(map) => {
                map.iter().filter(|(k, _)| *k != "failures").for_each(|(k, v)| walk(v, k))
            }
            _ => {}
        }
    }
    // An export is a file, checked by its kind below (JSON and SVG carry the data as it is).
    if matches!(reply, Reply::Exported(_)) {
        return;
    }
    if let Ok(value) = serde_json::to_value(reply) {
        walk(&value, "");
    }
}

fn no_raw(what: &str, text: &str) {
    let bad = text.chars().find(|c| *c != '\n' && is_unsafe(*c));
    assert!(bad.is_none(), "{what}: a raw {bad:?} in {text:?}");
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let inputs: Vec<Input> = data
        .split(|b| *b == 0x0c)
        .take(4)
        .enumerate()
        .map(|(i, bytes)| match named(bytes) {
            Some((name, bytes)) => Input {
                name: String::from_utf8_lossy(name).into_owned(),
                bytes: bytes.to_vec(),
                modified: None,
                in_folder: name.contains(&b'/'),
            },
            None => Input { name: format!("file{i}"), bytes: bytes.to_vec(), modified: None, in_folder: false },
        })
        .collect();
    let mut session = Session::default();
    let first = Some(FirstView::new(&Overrides::default(), None));
    let names = inputs.iter().map(Input::file_name).collect();
    let loaded = session.answer(Request::Load { names, first }, inputs, &mut |_| {});
    every_string_as_text(&loaded);
    let Reply::Loaded { info, failures, .. } = loaded else { panic!("a load answered {loaded:?}") };
    for failure in &failures {
        no_raw("a failure", &failure.to_string());
    }
    let Some(info) = info else { return };
    for (what, said) in
        [("the problems", &info.problems), ("the sources", &info.sources), ("read once", &info.read_once)]
    {
        if let Some(said) = said {
            no_raw(what, said);
        }
    }
    // As read, and as a person may change it: judged by branches, a folder left out.
    let changed = Overrides {
        metric: Some(Metric::Branches),
        exclude: Some(vec!["**/test*/**".to_owned()]),
        ..Overrides::default()
    };
    let readings = [Reading::Merged, Reading::Snapshots];
    for (reading, overrides) in readings.into_iter().flat_map(|r| [(r, Overrides::default()), (r, changed.clone())]) {
        let how = Combination::new(reading, &overrides, &Default::default());
        let Reply::Shown(shown) = ask(&mut session, Request::Show { how: how.clone(), snapshot: None, sections: None })
        else {
            panic!("a show answered otherwise")
        };
        let n_snapshots = shown.view.snapshots.len().clamp(1, 3);
        for snapshot in (0..n_snapshots).map(Some) {
            ask(&mut session, Request::Show { how: how.clone(), snapshot, sections: None });
            let mut packages = Vec::new();
            for order in [RowOrder::HighestFirst, RowOrder::LowestFirst, RowOrder::MostUncovered, RowOrder::ByName] {
                let request = Request::Packages { how: how.clone(), snapshot, filter: String::new(), limit: 5, order };
                if let Reply::Packages(rows) = ask(&mut session, request) {
                    packages = rows.rows.iter().map(|(_, row)| row.key.clone()).collect();
                }
            }
            let mut files = Vec::new();
            for package in packages.iter().take(2) {
                for sort in [FileSort::Name, FileSort::Coverage, FileSort::Uncovered] {
                    let request = Request::Files {
                        how: how.clone(),
                        snapshot,
                        package: package.clone(),
                        sort,
                        filter: String::new(),
                    };
                    if let Reply::Files(found) = ask(&mut session, request) {
                        files = found.rows.iter().map(|row| row.key.clone()).collect();
                    }
                }
            }
            for path in files.iter().take(2) {
                let request = Request::Lines { how: how.clone(), snapshot, path: path.clone(), fetched: None };
                if let Reply::Lines(Some(view)) = ask(&mut session, request) {
                    for line in view.lines.iter() {
                        no_raw("a source line", &line.text.replace('\t', " "));
                    }
                }
            }
            let top = ask(&mut session, Request::Treemap { how: how.clone(), snapshot, path: Vec::new() });
            if let Reply::Treemap(map) = top {
                if let Some(cell) = map.cells.iter().find(|c| c.opens) {
                    ask(&mut session, Request::Treemap { how: how.clone(), snapshot, path: vec![cell.key.clone()] });
                }
            }
            ask(&mut session, Request::Recommendations { how: how.clone(), snapshot, with_files: 20 });
        }
        // An organisation's repositories, each opened into its own dashboard.
        if shown.view.rows == Rows::Repositories {
            for row in shown.packages.rows.iter().map(|(_, row)| row).filter(|row| row.dashboard).take(2) {
                let how = how.clone().within(Some(row.key.clone()));
                ask(&mut session, Request::Show { how: how.clone(), snapshot: None, sections: None });
                ask(&mut session, Request::Treemap { how, snapshot: None, path: Vec::new() });
            }
        }
        for export in [Export::Markdown, Export::Text, Export::Badge, Export::Json] {
            if let Reply::Exported(text) = ask(&mut session, Request::Export { how: how.clone(), export }) {
                if matches!(export, Export::Text | Export::Markdown) {
                    no_raw("an export", &text);
                }
            }
        }
    }
});
