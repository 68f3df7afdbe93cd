//! The dashboard's state and the one reducer that changes it.
//!
//! Reducing is pure: reading files and parsing happen in hooks, which dispatch the outcome.

use std::fmt;
use std::rc::Rc;

use yew::{AttrValue, Reducible};

use crate::formats::{ParseError, Parsed};
use crate::model::Settings;
use crate::sample;

/// A file that was read and parsed.
#[derive(Debug, PartialEq)]
pub struct Loaded {
    /// The file name, as the user knows it.
    pub source: AttrValue,
    pub parsed: Parsed,
}

impl Loaded {
    /// The settings to judge the data by: the file's own, or the defaults.
    pub fn settings(&self) -> Settings {
        self.parsed.settings.clone().unwrap_or_default()
    }
}

/// Why a file did not replace the dashboard.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The browser could not read the file.
    Read { file: AttrValue, message: String },
    /// The file was read but is not usable coverage data.
    Parse { file: AttrValue, error: ParseError },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Read { file, message } => {
                write!(f, "{file}: could not read the file: {message}")
            }
            LoadError::Parse { file, error } => write!(f, "{file}: {error}"),
        }
    }
}

/// Everything the page knows.
#[derive(Debug, Clone, Default)]
pub struct DashboardState {
    /// What the dashboard shows; `None` only if even the sample could not be read.
    pub loaded: Option<Rc<Loaded>>,
    /// The last failure, until dismissed or replaced by a success.
    pub error: Option<Rc<LoadError>>,
    /// Files being read right now.
    pub n_reading: usize,
}

impl DashboardState {
    /// The state the page starts in: the built-in sample.
    pub fn with_sample() -> DashboardState {
        match sample::parsed() {
            Ok(parsed) => {
                DashboardState::showing(Rc::new(Loaded { source: AttrValue::Static(sample::FILE_NAME), parsed }))
            }
            Err(error) => DashboardState {
                error: Some(Rc::new(LoadError::Parse { file: AttrValue::Static(sample::FILE_NAME), error })),
                ..DashboardState::default()
            },
        }
    }

    pub fn showing(loaded: Rc<Loaded>) -> DashboardState {
        DashboardState { loaded: Some(loaded), ..DashboardState::default() }
    }
}

/// The things that can happen to the state.
#[derive(Debug)]
pub enum Action {
    /// `n` files started to be read.
    BeginReading(usize),
    /// A file was read and parsed: show it, and clear any earlier error.
    Show(Rc<Loaded>),
    /// A file could not be used: say so, and keep showing what was shown.
    Fail(Rc<LoadError>),
    /// The user closed the error banner.
    DismissError,
}

impl Reducible for DashboardState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::BeginReading(n) => next.n_reading += n,
            Action::Show(loaded) => {
                next.n_reading = next.n_reading.saturating_sub(1);
                next.loaded = Some(loaded);
                next.error = None;
            }
            Action::Fail(error) => {
                next.n_reading = next.n_reading.saturating_sub(1);
                next.error = Some(error);
            }
            Action::DismissError => next.error = None,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats;

    fn loaded(name: &'static str, json: &str) -> Rc<Loaded> {
        Rc::new(Loaded { source: AttrValue::Static(name), parsed: formats::parse(json.as_bytes()).unwrap() })
    }

    #[test]
    fn a_failure_keeps_the_dashboard_and_a_success_clears_the_error() {
        let state = Rc::new(DashboardState::with_sample());
        let sample = state.loaded.clone().unwrap();
        let state = state.reduce(Action::BeginReading(2));
        let error = LoadError::Read { file: "broken.json".into(), message: "gone".into() };
        let state = state.reduce(Action::Fail(Rc::new(error)));
        assert!(Rc::ptr_eq(state.loaded.as_ref().unwrap(), &sample));
        assert_eq!(state.error.as_ref().unwrap().to_string(), "broken.json: could not read the file: gone");
        assert_eq!(state.n_reading, 1);

        let other = loaded("other.json", r#"{"snapshots": [{"label": "x", "packages": {"a": 50}}]}"#);
        let state = state.reduce(Action::Show(other.clone()));
        assert!(Rc::ptr_eq(state.loaded.as_ref().unwrap(), &other));
        assert!(state.error.is_none());
        assert_eq!(state.n_reading, 0);
    }

    #[test]
    fn dismissing_clears_only_the_error() {
        let error = LoadError::Read { file: "a".into(), message: "b".into() };
        let state =
            Rc::new(DashboardState::with_sample()).reduce(Action::Fail(Rc::new(error))).reduce(Action::DismissError);
        assert!(state.error.is_none());
        assert!(state.loaded.is_some());
    }
}
