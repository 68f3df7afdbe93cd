//! What the page asks of the data it was given, and the answers: the one place where files
//! become a batch and a batch becomes the views the page lays out.
//!
//! A [`Session`] holds the files of the batch shown and answers [`Request`]s with [`Reply`]s.
//! The page runs one in a Web Worker, so that reading, parsing, combining and analysing never
//! hold up the page, and talks to it in these messages, in postcard's encoding; where a worker
//! cannot start, the same session runs in the page. Nothing here touches the browser: every
//! request is answered by pure functions, and tested natively.

pub use covdash_protocol::wire::{
    BatchInfo, Combination, Export, Failure, FileName, FirstView, Input, Progress, Reply, Request, Shown,
    FIRST_PACKAGES, MAX_INPUT_BYTES,
};
mod batch;
mod combined;

pub use batch::{Batch, Change, Loaded};
pub use combined::Combined;

use std::rc::Rc;

use crate::model::{Report, Settings, Timestamp};
use crate::present::{self, DashboardView, PackageFiles, PackageRows, SectionBody};

/// A combination as of a snapshot: what a dashboard is made of.
type Moment = (Combination, Option<usize>);

/// The batch shown and its last combination, kept while the person switches snapshots and
/// opens packages.
#[derive(Debug, Default)]
pub struct Session {
    batch: Option<Rc<Batch>>,
    combined: Option<(Combination, Rc<Combined>)>,
    /// The last dashboard made, with every package row, and what it was made of.
    dashboard: Option<(Moment, Rc<DashboardView>)>,
    /// The clock, as the page's edge last read it: a portfolio's repositories are stale by it.
    now: Option<Timestamp>,
}

impl Session {
    /// A session showing `batch`.
    pub fn with(batch: Rc<Batch>) -> Session {
        Session { batch: Some(batch), ..Session::default() }
    }

    /// Sets the clock the next load judges staleness by (the session reads none itself).
    pub fn set_now(&mut self, now: Timestamp) {
        self.now = Some(now);
    }

    /// The batch shown.
    pub fn batch(&self) -> Option<&Batch> {
        self.batch.as_deref()
    }

    /// Answers `request`; `inputs` are the files of a [`Request::Load`], already read.
    /// `progress` hears how a load goes.
    pub fn answer(&mut self, request: Request, inputs: Vec<Input>, progress: &mut dyn FnMut(Progress)) -> Reply {
        match request {
            Request::Load { first, .. } => {
                progress(Progress::Parsing);
                let (batch, failures) = Batch::parse(inputs);
                let mut reply = self.load(batch, failures);
                if let (Reply::Loaded { info: Some(info), first: shown, .. }, Some(first)) = (&mut reply, first) {
                    progress(Progress::Analysing);
                    *shown = Some(Box::new(self.answer(first.request(info.reading), Vec::new(), progress)));
                }
                reply
            }
            Request::Show { ref how, snapshot, ref sections } => {
                let shown = match (self.dashboard(how, snapshot), self.combined(how)) {
                    (Some(view), Some(combined)) => Shown::of(&view, combined.sections(snapshot, sections.as_deref())),
                    _ => empty_shown(),
                };
                Reply::Shown(Rc::new(shown))
            }
            Request::Packages { how, snapshot, filter, limit, order } => {
                Reply::Packages(Rc::new(self.dashboard(&how, snapshot).map_or_else(
                    || PackageRows::of(&[], "", 0, order),
                    |view| PackageRows::of(&view.packages, &filter, limit, order),
                )))
            }
            Request::Files { how, snapshot, package, sort, filter } => Reply::Files(Rc::new(
                self.combined(&how).map_or(PackageFiles { rows: Vec::new(), n_matching: 0, n_files: 0 }, |c| {
                    present::package_files(&c.report, snapshot, &package, sort, &filter)
                }),
            )),
            Request::Lines { how, snapshot, path, fetched } => {
                let view = self.combined(&how).and_then(|combined| {
                    let sources = self.batch.as_ref().map(|b| b.sources.clone()).unwrap_or_default();
                    combined.lines(
                        snapshot,
                        &path,
                        &sources,
                        fetched.as_ref().map(|(url, text)| (url.as_str(), &**text)),
                    )
                });
                Reply::Lines(view.map(Rc::new))
            }
            Request::Treemap { how, snapshot, path } => {
                let combined = self.combined(&how);
                let view = combined.map_or_else(
                    || {
                        present::report_treemap(
                            &Report::empty(crate::model::Metric::Lines),
                            &Settings::default(),
                            None,
                            &[],
                        )
                    },
                    |c| c.treemap(snapshot, &path),
                );
                Reply::Treemap(Rc::new(view))
            }
            Request::Recommendations { how, snapshot, with_files } => {
                Reply::Recommendations(Rc::new(self.combined(&how).map_or_else(
                    || SectionBody::Unavailable(String::new()),
                    |c| c.recommendations(snapshot, with_files),
                )))
            }
            Request::Export { how, export } => {
                Reply::Exported(self.combined(&how).map(|c| c.export(export)).unwrap_or_default())
            }
        }
    }

    /// Shows `batch` if it has a file that could be used. A diff or sources given alone join
    /// the coverage shown: the diff as its change, the sources matched to its files.
    pub fn load(&mut self, batch: Batch, mut failures: Vec<Failure>) -> Reply {
        let alone = batch.files.is_empty() && (batch.change.is_some() || !batch.given.is_empty());
        let (batch, joined) = match (batch, &self.batch) {
            (Batch { change, given, .. }, Some(shown)) if alone && !shown.sample => {
                let diff_given = change.is_some();
                let in_folders: Vec<String> =
                    given.iter().filter(|g| g.in_folder).map(|g| g.failure.file.clone()).collect();
                let change = change.or_else(|| shown.change.clone());
                let joining =
                    Batch { files: Rc::clone(&shown.files), change, sources: Rc::default(), given, ..Batch::default() };
                let (batch, unmatched) = joining.with_given(&shown.sources);
                failures.extend(unmatched);
                // Nothing joined: the batch shown stays as it was.
                if !diff_given && batch.sources.n_matched() == shown.sources.n_matched() {
                    failures.extend(folders_of(&in_folders, "coverage or the source of a file of the report shown"));
                    return Reply::Loaded { info: None, failures, first: None };
                }
                (batch, true)
            }
            (batch, _) => (batch, false),
        };
        if batch.files.is_empty() && batch.portfolio.is_none() {
            if let Some(change) = batch.change {
                let problem = "a diff is read beside a coverage file: give both together".to_owned();
                failures.push(Failure { file: change.name, problem });
            }
            let (in_folders, alone): (Vec<_>, Vec<_>) = batch.given.into_iter().partition(|given| given.in_folder);
            failures.extend(alone.into_iter().map(|given| given.failure));
            let in_folders: Vec<String> = in_folders.into_iter().map(|given| given.failure.file).collect();
            failures.extend(folders_of(&in_folders, "a coverage file"));
            return Reply::Loaded { info: None, failures, first: None };
        }
        let info = BatchInfo { joined, ..batch.info() };
        let now = self.now;
        *self = Session { now, ..Session::with(Rc::new(Batch { now, ..batch })) };
        Reply::Loaded { info: Some(info), failures, first: None }
    }

    /// The dashboard of the batch combined as `how` says, as of `snapshot`: the last one when
    /// it is the same.
    fn dashboard(&mut self, how: &Combination, snapshot: Option<usize>) -> Option<Rc<DashboardView>> {
        if let Some((made_of, view)) = &self.dashboard {
            if made_of.0 == *how && made_of.1 == snapshot {
                return Some(view.clone());
            }
        }
        let view = Rc::new(self.combined(how)?.dashboard(snapshot));
        self.dashboard = Some(((how.clone(), snapshot), view.clone()));
        Some(view)
    }

    /// The batch combined as `how` says: the last combination when it is the same.
    pub fn combined(&mut self, how: &Combination) -> Option<Rc<Combined>> {
        let batch = self.batch.as_ref()?;
        match &self.combined {
            Some((last, combined)) if last == how => Some(combined.clone()),
            _ => {
                let combined = Rc::new(batch.combine(how));
                self.combined = Some((how.clone(), combined.clone()));
                Some(combined)
            }
        }
    }
}

/// What the page shows when no batch was ever loaded.
pub fn empty_shown() -> Shown {
    let report = Report::empty(Default::default());
    let combined = Combined {
        report,
        settings: Settings::default(),
        names: String::new(),
        refs: Vec::new(),
        portfolio: None,
        openable: Vec::new(),
    };
    Shown::of(&combined.dashboard(None), Vec::new())
}

/// One failure a folder for `files` that came in folders and could not be used, none of them
/// being `what` was looked for: a folder holds many files, and a reason a file would bury
/// what they share.
/// A folder is named by the first segment of its files' paths, as the page names them.
fn folders_of(files: &[String], what: &str) -> Vec<Failure> {
    let mut folders: Vec<(&str, u64)> = Vec::new();
    for file in files {
        let folder = file.split_once('/').map_or(file.as_str(), |(folder, _)| folder);
        match folders.iter_mut().find(|(name, _)| *name == folder) {
            Some((_, n)) => *n += 1,
            None => folders.push((folder, 1)),
        }
    }
    folders
        .into_iter()
        .map(|(folder, n)| Failure { file: folder.to_owned(), problem: present::none_of_a_folders(n, what) })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::analysis::Section;
    use crate::model::Reading;
    use crate::present::{FileSort, Overrides, RecommendationRow, SectionBody, RECOMMENDATIONS_SHOWN};

    fn input(name: &str, text: &str) -> Input {
        Input { name: name.to_owned(), bytes: text.as_bytes().to_vec(), modified: None, in_folder: false }
    }

    /// A reply through the wire's encoding (postcard) and back, as from the worker to the page.
    fn through_the_wire(reply: Reply) -> Reply {
        let bytes = postcard::to_allocvec(&reply).unwrap_or_default();
        postcard::from_bytes(&bytes).unwrap_or(Reply::Ready)
    }

    #[test]
    fn a_load_answers_the_first_view_with_the_batch_and_its_answers_survive_the_trip_to_the_page() {
        let lcov = "SF:src/a.rs\nDA:1,1\nDA:2,0\nend_of_record\nSF:src/b.rs\nDA:1,1\nend_of_record\n";
        let load = |first| Request::Load { names: vec!["lcov.info".into()], first };
        let overrides = Overrides { target: crate::model::Percent::new(60.0), ..Overrides::default() };
        let first = FirstView::new(&overrides, None);

        // One round trip: the load brings the first view.
        let mut session = Session::default();
        let loaded = session.answer(load(Some(first.clone())), vec![input("lcov.info", lcov)], &mut |_| ());
        let Reply::Loaded { info: Some(info), failures, first: Some(first) } = through_the_wire(loaded) else {
            panic!("not loaded with its first view")
        };
        let Reply::Shown(shown) = *first.clone() else { panic!("the first view is no view: {first:?}") };
        assert!(failures.is_empty());
        assert_eq!((info.n_files, info.reading), (1, Reading::Merged));
        assert_eq!(shown.view.overall.text, "66.7%");
        assert_eq!((shown.packages.n_total, shown.packages.rows[0].1.full_name.as_str()), (1, "src"));

        // The same view asked apart, of another session, after a load that asked none.
        let mut apart = Session::default();
        let Reply::Loaded { first: None, .. } = apart.answer(load(None), vec![input("lcov.info", lcov)], &mut |_| ())
        else {
            panic!("a first view nobody asked for")
        };
        let how = Combination::new(Reading::Merged, &overrides, &BTreeMap::new());
        let asked =
            apart.answer(Request::Show { how: how.clone(), snapshot: None, sections: None }, vec![], &mut |_| ());
        assert_eq!(through_the_wire(asked), *first);

        let packages = Request::Packages {
            how: how.clone(),
            snapshot: None,
            filter: "SR".into(),
            limit: 10,
            order: Default::default(),
        };
        let Reply::Packages(rows) = through_the_wire(session.answer(packages, vec![], &mut |_| ())) else {
            panic!("none")
        };
        assert_eq!((rows.n_matching, rows.n_total, rows.rows.len()), (1, 1, 1));

        let files =
            Request::Files { how, snapshot: None, package: "src".into(), sort: FileSort::Name, filter: "b".into() };
        let Reply::Files(files) = through_the_wire(session.answer(files, vec![], &mut |_| ())) else {
            panic!("no files")
        };
        assert_eq!((files.n_files, files.n_matching, files.rows[0].key.as_str()), (2, 1, "src/b.rs"));
    }

    /// The first view lists the files of the recommendations the page shows at first; the page
    /// asks for the others' as it shows them, and gets what every other output lists.
    #[test]
    fn recommendations_list_their_files_as_the_page_shows_them() {
        let lcov: String = (0..13).map(|i| format!("SF:p{i:02}/a.rs\nDA:1,1\nDA:2,0\nend_of_record\n")).collect();
        let mut session = Session::default();
        let first = FirstView::new(&Overrides::default(), None);
        let loaded = session.answer(
            Request::Load { names: vec![], first: Some(first) },
            vec![input("lcov.info", &lcov)],
            &mut |_| (),
        );
        let Reply::Loaded { first: Some(first), .. } = through_the_wire(loaded) else { panic!("no first view") };
        let Reply::Shown(shown) = *first else { panic!("no view") };
        let recommendations = |body: &SectionBody| match body {
            SectionBody::Recommendations { rows, with_files, .. } => (rows.clone(), *with_files),
            other => panic!("not recommendations: {other:?}"),
        };
        let files_named = |rows: &[RecommendationRow]| -> Vec<Vec<String>> {
            rows.iter().map(|r| r.files.iter().map(|f| f.path.clone()).collect()).collect()
        };
        let section = shown.sections.iter().find(|s| s.is(Section::Recommendations)).expect("recommendations");
        let (rows, with_files) = recommendations(&section.body);
        assert_eq!((rows.len(), with_files), (13, RECOMMENDATIONS_SHOWN));
        let expected: Vec<Vec<String>> = (0..13).map(|i| vec![format!("p{i:02}/a.rs")]).collect();
        let none: Vec<Vec<String>> = vec![Vec::new(); 3];
        assert_eq!(files_named(&rows), [&expected[..10], &none[..]].concat());

        let how = Combination::new(Reading::Merged, &Overrides::default(), &BTreeMap::new());
        let asked = Request::Recommendations { how: how.clone(), snapshot: None, with_files: 20 };
        let Reply::Recommendations(body) = through_the_wire(session.answer(asked, vec![], &mut |_| ())) else {
            panic!("no recommendations")
        };
        let (all, with_files) = recommendations(&body);
        assert_eq!((with_files, files_named(&all)), (13, expected));
        // The rows the first view listed with their files are the same when asked again.
        assert_eq!(all[..10], rows[..10]);
    }

    #[test]
    fn a_batch_with_no_usable_file_keeps_the_one_shown() {
        let mut session = Session::default();
        session.answer(
            Request::Load { names: vec![], first: None },
            vec![input("a.info", "SF:a\nDA:1,1\nend_of_record\n")],
            &mut |_| (),
        );
        let reply =
            session.answer(Request::Load { names: vec![], first: None }, vec![input("b.json", "{")], &mut |_| ());
        let Reply::Loaded { info: None, failures, .. } = reply else { panic!("replaced") };
        assert!(failures[0].to_string().starts_with("b.json: "), "{failures:?}");
        assert_eq!(session.batch().map(Batch::names).as_deref(), Some("a.info"));
    }

    #[test]
    fn a_diff_given_alone_joins_the_coverage_shown_and_shows_the_change() {
        let diff = "diff --git a/src/a.rs b/src/a.rs\n--- a/src/a.rs\n+++ b/src/a.rs\n@@ -1,0 +2,1 @@\n+x\n";
        let load = |session: &mut Session, name: &str, text: &str| {
            session.answer(Request::Load { names: vec![], first: None }, vec![input(name, text)], &mut |_| ())
        };
        let mut session = Session::default();
        let Reply::Loaded { info: None, failures, .. } = load(&mut session, "change.diff", diff) else {
            panic!("loaded")
        };
        assert_eq!(failures[0].to_string(), "change.diff: a diff is read beside a coverage file: give both together");

        load(&mut session, "a.info", "SF:src/a.rs\nDA:1,1\nDA:2,0\nend_of_record\n");
        let Reply::Loaded { info: Some(info), failures, .. } = load(&mut session, "change.diff", diff) else {
            panic!()
        };
        assert!(failures.is_empty() && info.joined, "{failures:?}");
        assert_eq!(session.batch().map(Batch::names).as_deref(), Some("a.info, change.diff"));
        let how = Combination::new(Reading::Merged, &Overrides::default(), &BTreeMap::new());
        let sections = session.combined(&how).map(|c| c.sections(None, None)).unwrap_or_default();
        // Line 2 was added, and did not run.
        let change = sections.iter().find(|s| s.is(Section::Change)).map(|s| &s.body);
        let Some(SectionBody::Bars { rows, .. }) = change else { panic!("no change shown: {change:?}") };
        let texts: Vec<(&str, &str)> =
            rows.iter().map(|r| (r.text.as_str(), r.detail.as_deref().unwrap_or(""))).collect();
        assert_eq!(texts, [("0.0%", "Needs work · below the 80.0% target"), ("0.0%", "not covered: 2")]);
    }

    #[test]
    fn nothing_given_alone_joins_the_built_in_sample() {
        let mut session = Session::default();
        let sample = Input {
            name: crate::sample::FILE_NAME.to_owned(),
            bytes: crate::sample::JSON.to_vec(),
            modified: None,
            in_folder: false,
        };
        session.answer(Request::Load { names: vec![], first: None }, vec![sample], &mut |_| ());
        let diff =
            "diff --git a/storage/a.py b/storage/a.py\n--- a/storage/a.py\n+++ b/storage/a.py\n@@ -1,0 +2,1 @@\n+x\n";
        let reply =
            session.answer(Request::Load { names: vec![], first: None }, vec![input("change.diff", diff)], &mut |_| ());
        let Reply::Loaded { info: None, failures, .. } = reply else { panic!("the diff joined the sample") };
        assert_eq!(failures[0].to_string(), "change.diff: a diff is read beside a coverage file: give both together");
        assert_eq!(session.batch().map(Batch::names).as_deref(), Some(crate::sample::FILE_NAME));
    }

    #[test]
    fn sources_matched_before_stay_when_a_diff_or_an_unmatched_file_is_given_alone() {
        let load = |session: &mut Session, files: Vec<Input>| {
            session.answer(Request::Load { names: vec![], first: None }, files, &mut |_| ())
        };
        let matched = |session: &Session| session.batch().map(|b| b.sources.n_matched());
        let mut session = Session::default();
        let lcov = "SF:src/a.rs\nDA:1,1\nDA:2,0\nend_of_record\n";
        load(&mut session, vec![input("a.info", lcov), input("src/a.rs", "fn a() {}\nfn b() {}\n")]);
        assert_eq!(matched(&session), Some(1));

        let diff = "diff --git a/src/a.rs b/src/a.rs\n--- a/src/a.rs\n+++ b/src/a.rs\n@@ -1,0 +2,1 @@\n+x\n";
        let Reply::Loaded { info: Some(info), .. } = load(&mut session, vec![input("change.diff", diff)]) else {
            panic!("the diff did not join")
        };
        assert!(info.joined);
        assert_eq!(matched(&session), Some(1), "the diff lost the sources");

        let Reply::Loaded { info, failures, .. } = load(&mut session, vec![input("notes.txt", "nothing to match\n")])
        else {
            panic!("no answer")
        };
        assert_eq!((info, failures.len()), (None, 1));
        assert_eq!(matched(&session), Some(1), "a file that matches nothing lost the sources");
    }

    #[test]
    fn test_results_beside_one_coverage_file_are_not_a_second_part() {
        let fixture = |path: &str| {
            let bytes = std::fs::read(format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR")))
                .unwrap_or_default();
            Input { name: path.to_owned(), bytes, modified: None, in_folder: false }
        };
        // (files, files, coverage files)
        let cases: [(&[&str], usize, usize); 3] = [
            (&["go/ok/generated-go1.19-cover-count.out", "go-test/ok/generated-go1.19-go-test.json"], 2, 1),
            (&["snapshots/more-itertools-before/coverage.lcov", "snapshots/more-itertools-after/coverage.lcov"], 2, 2),
            (&["snapshots/more-itertools-before/coverage.lcov"], 1, 1),
        ];
        for (paths, n_files, n_coverage_files) in cases {
            let (batch, failures) = Batch::parse(paths.iter().map(|p| fixture(p)).collect());
            assert!(failures.is_empty(), "{failures:?}");
            let info = batch.info();
            assert_eq!((info.n_files, info.n_coverage_files), (n_files, n_coverage_files), "{paths:?}");
        }
    }

    #[test]
    fn the_datas_own_settings_survive_the_trip_to_the_page() {
        let json = r#"{"target": 85, "goal": 90, "tiers": [{"name": "Gold", "min": 90}, {"name": "Rest", "min": 0}],
            "snapshots": [{"label": "x", "packages": {"a": 50}}]}"#;
        let (batch, _) = Batch::parse(vec![input("a.json", json)]);
        let loaded = Reply::Loaded { info: Some(batch.info()), failures: Vec::new(), first: None };
        let Reply::Loaded { info: Some(info), .. } = through_the_wire(loaded) else { panic!("lost on the way") };
        let settings = info.settings();
        assert_eq!(settings, batch.settings());
        let tiers: Vec<(&str, f64)> =
            settings.tiers.as_slice().iter().map(|t| (t.name.as_str(), t.min.value())).collect();
        assert_eq!(
            (settings.target.value(), settings.goal.map(|g| g.value()), tiers),
            (85.0, Some(90.0), vec![("Gold", 90.0), ("Rest", 0.0)])
        );
    }

    #[test]
    fn sizes_past_the_limit_are_refused_with_the_size_and_the_limit() {
        assert_eq!(Failure::too_large("a.info", MAX_INPUT_BYTES), None);
        let refusal = Failure::too_large("big.info", 2_400_000_000).map(|f| f.to_string()).unwrap_or_default();
        assert!(refusal.starts_with("big.info: 2.4 GB is more than the page can read at once (1.1 GB)"), "{refusal}");
        assert!(refusal.contains("covdash report"), "{refusal}");
    }
}
