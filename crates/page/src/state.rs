//! The dashboard's state and the one reducer that changes it.
//!
//! Reducing is pure: reading files and parsing happen in hooks, which dispatch the outcome.
//! What the page shows (the combined report, the view) is derived from this state in `app.rs`,
//! never stored here.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::Reducible;

use covdash_protocol::{BatchInfo, Failure, Progress};
use covdash_protocol::{Key, Overrides, Place};
use covdash_protocol::{Metric, Reading};

/// Everything the page knows.
#[derive(Debug, Clone)]
pub struct DashboardState {
    /// What the dashboard shows; `None` only if even the sample could not be read.
    pub batch: Option<Rc<BatchInfo>>,
    /// Counts the batches shown, so that what is derived from one is never taken for another's.
    pub generation: u64,
    /// How the batch's files are read together (for two files or more).
    pub reading: Reading,
    /// The snapshot shown, by index; `None` is the latest.
    pub snapshot: Option<usize>,
    /// The files of the last attempt that could not be used, until dismissed or replaced.
    pub errors: Rc<[Failure]>,
    /// The load under way: the files' names and how far it has got.
    pub loading: Option<Loading>,
    /// What the person changed from the data's own settings (kept in the URL fragment).
    pub overrides: Overrides,
    /// Snapshot labels the person typed, by snapshot index, for the current batch and reading.
    pub labels: Rc<BTreeMap<usize, String>>,
    /// The file opened to its lines, and the line shown (kept in the URL fragment).
    pub opened: Option<Place>,
    /// The file opened came from the page's link and waits for the data it names: the first
    /// batch shown keeps it open.
    pub opened_by_link: bool,
    /// One repository of an organisation shown as its own dashboard; `None` is the whole.
    pub repository: Option<String>,
}

impl Default for DashboardState {
    fn default() -> DashboardState {
        DashboardState {
            batch: None,
            generation: 0,
            reading: Reading::Merged,
            snapshot: None,
            errors: Rc::from([]),
            loading: None,
            overrides: Overrides::default(),
            labels: Rc::default(),
            opened: None,
            opened_by_link: false,
            repository: None,
        }
    }
}

/// Opens a file to its lines: given by the page to the parts that name files (the drill-down,
/// the recommendations), as a context.
#[derive(Debug, Clone, PartialEq)]
pub struct Opener(pub yew::Callback<Place>);

/// Opens one repository of an organisation as its own dashboard: by name, when its history was
/// given with the index, or by its history's address, when the organisation was fetched (a
/// built portfolio). Given to the rows of an organisation, as a context.
#[derive(Debug, Clone, PartialEq)]
pub struct RepositoryOpener {
    /// Called with the repository's name and, to fetch it, its history's address.
    pub open: yew::Callback<(String, Option<String>)>,
    /// The organisation was fetched: a history's address can be followed.
    pub by_address: bool,
}

/// A load under way.
#[derive(Debug, Clone, PartialEq)]
pub struct Loading {
    /// The files' names, joined.
    pub names: String,
    pub progress: Option<Progress>,
}

impl DashboardState {
    /// The state of a page showing `batch` (the sample, or an embedding's data).
    pub fn showing(batch: Option<BatchInfo>, errors: Vec<Failure>) -> DashboardState {
        DashboardState {
            reading: batch.as_ref().map_or(Reading::Merged, |b| b.reading),
            batch: batch.map(Rc::new),
            errors: Rc::from(errors),
            ..DashboardState::default()
        }
    }

    /// Shows `repository` of the organisation as its own dashboard (`None`: the whole), from
    /// its latest snapshot, with no labels and no file open.
    fn show_repository(&mut self, repository: Option<String>) {
        self.repository = repository;
        self.snapshot = None;
        self.labels = Rc::default();
        self.opened = None;
    }
}

/// The things that can happen to the state.
#[derive(Debug)]
pub enum Action {
    /// Files named `names` started to load.
    BeginLoading { names: String },
    /// The load under way got further.
    Advance(Progress),
    /// A load ended: show its batch (if any file could be used), and report the others.
    Show { batch: Option<BatchInfo>, failures: Vec<Failure> },
    /// The person cancelled the load under way; the dashboard shown stays.
    CancelLoading,
    /// The person chose how to read the files together.
    ChooseReading(Reading),
    /// The person chose a snapshot.
    ChooseSnapshot(usize),
    /// The person closed the error banner.
    DismissErrors,
    /// The person changed one setting to the value typed (which the panel has checked).
    ChangeSetting { key: Key, value: String },
    /// The person put the settings back to the data's own.
    ResetSettings,
    /// The person chose the metric to judge by.
    ChooseMetric(Metric),
    /// The person chose the branch or tag whose snapshots a history shows.
    ChooseRef(String),
    /// The person renamed a snapshot; an empty label restores the original.
    RenameSnapshot { index: usize, label: String },
    /// The person opened a file to its lines (at a line, if given).
    OpenFile(Place),
    /// The person went to a line of the file opened.
    GoToLine(u32),
    /// The person went back from the file to the dashboard.
    CloseFile,
    /// The person opened a repository of the organisation shown as its own dashboard.
    OpenRepository(String),
    /// The person went back from a repository to the organisation.
    CloseRepository,
}

impl Reducible for DashboardState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::BeginLoading { names } => next.loading = Some(Loading { names, progress: None }),
            Action::Advance(progress) => {
                if let Some(loading) = &mut next.loading {
                    loading.progress = Some(progress);
                }
            }
            Action::Show { batch, failures } => {
                next.loading = None;
                next.errors = Rc::from(failures);
                if let Some(batch) = batch {
                    // A link's file waits for the first data, and a file stays open when its
                    // sources (or a diff) join the data shown; a file of other data closes.
                    if !std::mem::take(&mut next.opened_by_link) && !batch.joined {
                        next.opened = None;
                    }
                    next.reading = batch.reading;
                    next.batch = Some(Rc::new(batch));
                    next.generation += 1;
                    next.snapshot = None;
                    next.labels = Rc::default();
                    next.repository = None;
                }
            }
            Action::CancelLoading => next.loading = None,
            Action::ChooseReading(reading) => {
                next.reading = reading;
                next.snapshot = None;
                next.labels = Rc::default();
            }
            Action::ChooseSnapshot(idx) => next.snapshot = Some(idx),
            Action::DismissErrors => next.errors = Rc::from([]),
            // Applied to the settings in force when it arrives, never to a copy taken when the
            // panel was drawn: two changes before a render both stay. A value that cannot be
            // used changes nothing (the panel has said why).
            Action::ChangeSetting { key, value } => {
                let mut overrides = next.overrides.clone();
                if key.set(&mut overrides, &value).is_ok() {
                    next.overrides = overrides;
                }
            }
            Action::ResetSettings => next.overrides = Overrides::default(),
            Action::ChooseMetric(metric) => next.overrides.metric = Some(metric),
            Action::ChooseRef(git_ref) => {
                // Another ref's snapshots: the latest shown, labels typed for these dropped.
                next.overrides.git_ref = Some(git_ref);
                next.snapshot = None;
                next.labels = Rc::default();
            }
            Action::RenameSnapshot { index, label } => {
                let mut labels = (*next.labels).clone();
                match label.trim() {
                    "" => labels.remove(&index),
                    label => labels.insert(index, label.to_owned()),
                };
                next.labels = Rc::new(labels);
            }
            Action::OpenFile(place) => {
                next.opened = Some(place);
                next.opened_by_link = false;
            }
            Action::GoToLine(line) => {
                if let Some(place) = &mut next.opened {
                    place.line = Some(line);
                }
            }
            Action::CloseFile => {
                next.opened = None;
                next.opened_by_link = false;
            }
            Action::OpenRepository(name) => next.show_repository(Some(name)),
            Action::CloseRepository => next.show_repository(None),
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(reading: Reading) -> BatchInfo {
        BatchInfo {
            n_files: 1,
            n_coverage_files: 1,
            reading,
            problems: None,
            settings: String::new(),
            joined: false,
            sources: None,
            read_once: None,
        }
    }

    fn failure(file: &str) -> Failure {
        Failure { file: file.to_owned(), problem: "gone".to_owned() }
    }

    #[test]
    fn failures_keep_the_dashboard_and_a_success_clears_them() {
        let state = Rc::new(DashboardState::showing(Some(info(Reading::Merged)), vec![]));
        let shown = state.batch.clone().unwrap();
        let state = state.reduce(Action::BeginLoading { names: "broken.json".into() });
        assert!(state.loading.is_some());
        let state = state.reduce(Action::Show { batch: None, failures: vec![failure("broken.json")] });
        assert!(Rc::ptr_eq(state.batch.as_ref().unwrap(), &shown));
        assert_eq!((state.generation, state.errors[0].to_string().as_str()), (0, "broken.json: gone"));
        assert_eq!(state.loading, None);

        let state = state.reduce(Action::Show { batch: Some(info(Reading::Snapshots)), failures: vec![] });
        assert_eq!((state.generation, state.reading), (1, Reading::Snapshots));
        assert!(state.errors.is_empty());
    }

    #[test]
    fn a_cancelled_load_keeps_everything_shown() {
        let state = Rc::new(DashboardState::showing(Some(info(Reading::Merged)), vec![]))
            .reduce(Action::ChooseSnapshot(1))
            .reduce(Action::BeginLoading { names: "big.info".into() })
            .reduce(Action::Advance(Progress::Reading { done: 5, total: 10 }));
        assert_eq!(state.loading.as_ref().and_then(|l| l.progress), Some(Progress::Reading { done: 5, total: 10 }));
        let state = state.reduce(Action::CancelLoading);
        assert_eq!((state.loading.clone(), state.snapshot, state.generation), (None, Some(1), 0));
    }

    #[test]
    fn a_new_batch_shows_its_latest_snapshot_in_the_suggested_reading() {
        let state =
            Rc::new(DashboardState::showing(Some(info(Reading::Snapshots)), vec![])).reduce(Action::ChooseSnapshot(0));
        assert_eq!(state.snapshot, Some(0));
        let state = state.reduce(Action::ChooseReading(Reading::Merged));
        assert_eq!((state.reading, state.snapshot), (Reading::Merged, None));
        let state = state.reduce(Action::Show { batch: Some(info(Reading::Snapshots)), failures: vec![] });
        assert_eq!((state.reading, state.snapshot), (Reading::Snapshots, None));
    }

    #[test]
    fn snapshot_labels_can_be_changed_and_restored() {
        let state = Rc::new(DashboardState::showing(Some(info(Reading::Snapshots)), vec![]))
            .reduce(Action::RenameSnapshot { index: 0, label: " Monday ".into() })
            .reduce(Action::RenameSnapshot { index: 2, label: "Friday".into() })
            .reduce(Action::RenameSnapshot { index: 2, label: "  ".into() });
        assert_eq!(state.labels.iter().collect::<Vec<_>>(), [(&0, &"Monday".to_owned())]);
        let state = state.reduce(Action::ChooseReading(Reading::Merged));
        assert!(state.labels.is_empty());
    }

    #[test]
    fn choosing_a_metric_keeps_the_other_settings() {
        let target = covdash_protocol::Percent::new(90.0);
        let state = Rc::new(DashboardState::showing(Some(info(Reading::Merged)), vec![]))
            .reduce(Action::ChangeSetting { key: Key::Target, value: "90".into() })
            .reduce(Action::ChooseMetric(Metric::Branches));
        assert_eq!((state.overrides.metric, state.overrides.target), (Some(Metric::Branches), target));
    }

    #[test]
    fn changes_to_settings_add_up_and_a_reset_drops_them_all() {
        // Two changes with no render between them (each panel's handler built from the same
        // settings): both are kept; one that cannot be used keeps what was in force.
        let state = Rc::new(DashboardState::showing(Some(info(Reading::Merged)), vec![]))
            .reduce(Action::ChangeSetting { key: Key::Target, value: "90".into() })
            .reduce(Action::ChangeSetting { key: Key::Goal, value: "95".into() })
            .reduce(Action::ChangeSetting { key: Key::Target, value: "ninety".into() })
            .reduce(Action::ChooseMetric(Metric::Branches));
        let text = |state: &DashboardState| Key::ALL.map(|key| key.text(&state.overrides));
        let mut expected = Key::ALL.map(|_| None);
        expected[Key::Target as usize] = Some("90".to_owned());
        expected[Key::Goal as usize] = Some("95".to_owned());
        expected[Key::Metric as usize] = Some("branches".to_owned());
        assert_eq!(text(&state), expected);
        let state = state.reduce(Action::ResetSettings);
        assert_eq!(text(&state), Key::ALL.map(|_| None));
    }

    #[test]
    fn a_linked_file_waits_for_its_data_and_other_data_closes_a_file() {
        let place = |line| Place { file: "src/a.rs".into(), line };
        let linked = DashboardState { opened: Some(place(Some(3))), opened_by_link: true, ..DashboardState::default() };
        let state = Rc::new(linked).reduce(Action::Show { batch: Some(info(Reading::Merged)), failures: vec![] });
        assert_eq!((state.opened.clone(), state.opened_by_link), (Some(place(Some(3))), false));
        let state = state.reduce(Action::GoToLine(9));
        assert_eq!(state.opened, Some(place(Some(9))));
        // Its sources given after it: the file stays open, to show them.
        let joined = BatchInfo { joined: true, ..info(Reading::Merged) };
        let state = state.reduce(Action::Show { batch: Some(joined), failures: vec![] });
        assert_eq!(state.opened, Some(place(Some(9))));
        let state = state.reduce(Action::Show { batch: Some(info(Reading::Merged)), failures: vec![] });
        assert_eq!(state.opened, None);
        let state = state.reduce(Action::OpenFile(place(None))).reduce(Action::CloseFile);
        assert_eq!(state.opened, None);
    }

    #[test]
    fn dismissing_clears_only_the_errors() {
        let state = Rc::new(DashboardState::showing(Some(info(Reading::Merged)), vec![failure("a")]))
            .reduce(Action::DismissErrors);
        assert!(state.errors.is_empty());
        assert!(state.batch.is_some());
    }
}
