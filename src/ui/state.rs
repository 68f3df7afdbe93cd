//! The dashboard's state and the one reducer that changes it.
//!
//! Reducing is pure: reading files and parsing happen in hooks, which dispatch the outcome.
//! What the page shows (the combined report, the view) is derived from this state in `app.rs`,
//! never stored here.

use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

use yew::{AttrValue, Reducible};

use crate::formats::{ParseError, Parsed};
use crate::model::{suggest_reading, Part, Reading, Settings, Timestamp};
use crate::present::Overrides;
use crate::sample;

/// A file that was read and parsed.
#[derive(Debug, PartialEq)]
pub struct Loaded {
    /// The file name, as the user knows it.
    pub source: AttrValue,
    pub parsed: Parsed,
    /// When the file was last changed, as the browser reports it.
    pub modified: Option<Timestamp>,
}

/// Files given together (chosen or dropped at once) that could be read.
#[derive(Debug, PartialEq)]
pub struct Batch {
    pub files: Vec<Loaded>,
}

impl Batch {
    pub fn one(loaded: Loaded) -> Batch {
        Batch { files: vec![loaded] }
    }

    /// The inputs, for [`crate::model::combine`].
    pub fn parts(&self) -> Vec<Part<'_>> {
        self.files.iter().map(|f| Part { name: &f.source, report: &f.parsed.report, modified: f.modified }).collect()
    }

    /// The settings the data came with: the last file's own, or the defaults.
    pub fn settings(&self) -> Settings {
        self.files.iter().rev().find_map(|f| f.parsed.settings.clone()).unwrap_or_default()
    }

    /// The files' names, joined.
    pub fn source(&self) -> String {
        self.files.iter().map(|f| f.source.as_str()).collect::<Vec<_>>().join(", ")
    }
}

/// The report as shown, with the settings in force: what exports and drill-down read.
/// Compared by address: the report can be large.
#[derive(Clone, Debug)]
pub struct SharedReport(pub Rc<(crate::model::Report, Settings)>);

impl PartialEq for SharedReport {
    fn eq(&self, other: &SharedReport) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Why a file did not replace the dashboard.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The browser could not read the file.
    Read { file: AttrValue, message: String },
    /// The file was read but is not usable coverage data.
    Parse { file: AttrValue, error: ParseError },
    /// A `?src=` address could not be fetched.
    Fetch { url: AttrValue, message: String },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Read { file, message } => write!(f, "{file}: could not read the file: {message}"),
            LoadError::Parse { file, error } => write!(f, "{file}: {error}"),
            LoadError::Fetch { url, message } => write!(f, "{url}: could not fetch it: {message}"),
        }
    }
}

/// Everything the page knows.
#[derive(Debug, Clone)]
pub struct DashboardState {
    /// What the dashboard shows; `None` only if even the sample could not be read.
    pub batch: Option<Rc<Batch>>,
    /// How the batch's files are read together (for two files or more).
    pub reading: Reading,
    /// The snapshot shown, by index; `None` is the latest.
    pub snapshot: Option<usize>,
    /// The files of the last attempt that could not be used, until dismissed or replaced.
    pub errors: Rc<[LoadError]>,
    /// Files being read right now.
    pub n_reading: usize,
    /// What the person changed from the data's own settings (kept in the URL fragment).
    pub overrides: Overrides,
    /// Snapshot labels the person typed, by snapshot index, for the current batch and reading.
    pub labels: Rc<BTreeMap<usize, String>>,
}

impl Default for DashboardState {
    fn default() -> DashboardState {
        DashboardState {
            batch: None,
            reading: Reading::Merged,
            snapshot: None,
            errors: Rc::from([]),
            n_reading: 0,
            overrides: Overrides::default(),
            labels: Rc::default(),
        }
    }
}

impl DashboardState {
    /// The state the page starts in: the built-in sample.
    pub fn with_sample() -> DashboardState {
        let source = AttrValue::Static(sample::FILE_NAME);
        match sample::parsed() {
            Ok(parsed) => DashboardState::showing(Rc::new(Batch::one(Loaded { source, parsed, modified: None }))),
            Err(error) => DashboardState {
                errors: Rc::from([LoadError::Parse { file: source, error }]),
                ..DashboardState::default()
            },
        }
    }

    pub fn showing(batch: Rc<Batch>) -> DashboardState {
        DashboardState { reading: suggest_reading(&batch.parts()), batch: Some(batch), ..DashboardState::default() }
    }
}

/// The things that can happen to the state.
#[derive(Debug)]
pub enum Action {
    /// `n` files started to be read.
    BeginReading(usize),
    /// A batch of files was read: show those that could be used (if any), and report the others.
    Show { batch: Rc<Batch>, failures: Vec<LoadError> },
    /// The person chose how to read the files together.
    ChooseReading(Reading),
    /// The person chose a snapshot.
    ChooseSnapshot(usize),
    /// The person closed the error banner.
    DismissErrors,
    /// The person changed the settings (or opened a link that carries some).
    ChangeSettings(Overrides),
    /// The person renamed a snapshot; an empty label restores the original.
    RenameSnapshot { index: usize, label: String },
}

impl Reducible for DashboardState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::BeginReading(n) => next.n_reading += n,
            Action::Show { batch, failures } => {
                next.n_reading = next.n_reading.saturating_sub(batch.files.len() + failures.len());
                next.errors = Rc::from(failures);
                if !batch.files.is_empty() {
                    next.reading = suggest_reading(&batch.parts());
                    next.batch = Some(batch);
                    next.snapshot = None;
                    next.labels = Rc::default();
                }
            }
            Action::ChooseReading(reading) => {
                next.reading = reading;
                next.snapshot = None;
                next.labels = Rc::default();
            }
            Action::ChooseSnapshot(idx) => next.snapshot = Some(idx),
            Action::DismissErrors => next.errors = Rc::from([]),
            Action::ChangeSettings(overrides) => next.overrides = overrides,
            Action::RenameSnapshot { index, label } => {
                let mut labels = (*next.labels).clone();
                match label.trim() {
                    "" => labels.remove(&index),
                    label => labels.insert(index, label.to_owned()),
                };
                next.labels = Rc::new(labels);
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats;

    fn loaded(name: &'static str, json: &str) -> Loaded {
        Loaded { source: AttrValue::Static(name), parsed: formats::parse(json.as_bytes()).unwrap(), modified: None }
    }

    #[test]
    fn failures_keep_the_dashboard_and_a_success_clears_them() {
        let state = Rc::new(DashboardState::with_sample());
        let sample = state.batch.clone().unwrap();
        let state = state.reduce(Action::BeginReading(1));
        let error = LoadError::Read { file: "broken.json".into(), message: "gone".into() };
        let state = state.reduce(Action::Show { batch: Rc::new(Batch { files: vec![] }), failures: vec![error] });
        assert!(Rc::ptr_eq(state.batch.as_ref().unwrap(), &sample));
        assert_eq!(state.errors[0].to_string(), "broken.json: could not read the file: gone");
        assert_eq!(state.n_reading, 0);

        let other =
            Rc::new(Batch::one(loaded("other.json", r#"{"snapshots": [{"label": "x", "packages": {"a": 50}}]}"#)));
        let state = state.reduce(Action::Show { batch: other.clone(), failures: vec![] });
        assert!(Rc::ptr_eq(state.batch.as_ref().unwrap(), &other));
        assert!(state.errors.is_empty());
    }

    #[test]
    fn a_new_batch_shows_its_latest_snapshot_in_the_suggested_reading() {
        let state = Rc::new(DashboardState::with_sample()).reduce(Action::ChooseSnapshot(0));
        assert_eq!(state.snapshot, Some(0));
        let state = state.reduce(Action::ChooseReading(Reading::Snapshots));
        assert_eq!((state.reading, state.snapshot), (Reading::Snapshots, None));
        let batch = Rc::new(Batch::one(loaded("a.json", r#"{"snapshots": [{"label": "x", "packages": {"a": 50}}]}"#)));
        let state = state.reduce(Action::Show { batch, failures: vec![] });
        assert_eq!((state.reading, state.snapshot), (Reading::Merged, None));
    }

    #[test]
    fn snapshot_labels_can_be_changed_and_restored() {
        let state = Rc::new(DashboardState::with_sample())
            .reduce(Action::RenameSnapshot { index: 0, label: " Monday ".into() })
            .reduce(Action::RenameSnapshot { index: 2, label: "Friday".into() })
            .reduce(Action::RenameSnapshot { index: 2, label: "  ".into() });
        assert_eq!(state.labels.iter().collect::<Vec<_>>(), [(&0, &"Monday".to_owned())]);
        let state = state.reduce(Action::ChooseReading(Reading::Merged));
        assert!(state.labels.is_empty());
    }

    #[test]
    fn dismissing_clears_only_the_errors() {
        let error = LoadError::Read { file: "a".into(), message: "b".into() };
        let state = Rc::new(DashboardState::with_sample())
            .reduce(Action::Show { batch: Rc::new(Batch { files: vec![] }), failures: vec![error] })
            .reduce(Action::DismissErrors);
        assert!(state.errors.is_empty());
        assert!(state.batch.is_some());
    }
}
