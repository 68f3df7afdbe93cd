//! The words the page and the core share: the metric judged by, a percentage, how files
//! given together are read, a line's state, and the report's sections.

use std::fmt;

use serde::Serialize;

/// A coverage percentage in `0.0..=100.0`, at full precision (rounding is for display).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Percent(f64);

impl Percent {
    pub const ZERO: Percent = Percent(0.0);
    pub const FULL: Percent = Percent(100.0);

    /// Returns `None` unless `value` is finite and within `0..=100`.
    pub fn new(value: f64) -> Option<Percent> {
        (value.is_finite() && (0.0..=100.0).contains(&value)).then_some(Percent(value))
    }

    pub fn value(self) -> f64 {
        self.0
    }
}

/// The metric that counts are made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Metric {
    Lines,
    #[default]
    Statements,
    Branches,
    Functions,
}

impl Metric {
    pub const ALL: [Metric; 4] = [Metric::Lines, Metric::Statements, Metric::Branches, Metric::Functions];

    /// The metric's place in [`Metric::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The plural noun, as used in sentences: "no statement counts", "120 of 132 lines".
    pub fn plural(self) -> &'static str {
        match self {
            Metric::Lines => "lines",
            Metric::Statements => "statements",
            Metric::Branches => "branches",
            Metric::Functions => "functions",
        }
    }

    /// The plural as a label on its own: "Lines", "Branches" (the metric switch's choices).
    pub fn label(self) -> &'static str {
        match self {
            Metric::Lines => "Lines",
            Metric::Statements => "Statements",
            Metric::Branches => "Branches",
            Metric::Functions => "Functions",
        }
    }

    /// The singular noun, as used in compounds: "line counts".
    pub fn singular(self) -> &'static str {
        match self {
            Metric::Lines => "line",
            Metric::Statements => "statement",
            Metric::Branches => "branch",
            Metric::Functions => "function",
        }
    }

    /// Parses the plural noun, as written in files and URLs.
    pub fn from_plural(s: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.plural() == s)
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.plural())
    }
}

/// How to read several files given together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Reading {
    /// Parts of one run: merged file by file into one snapshot.
    Merged,
    /// Moments of one project: one snapshot each, oldest first.
    Snapshots,
}

/// What a line's code did in the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LineState {
    /// It ran, and every branch on it was taken.
    Covered,
    /// It ran, but not all of it: a branch never taken, or (Go) a block on it that never ran.
    Partial,
    /// It never ran.
    Uncovered,
}

/// The sections of a report, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// Patch coverage, when a diff is given.
    Change,
    Progress,
    Packages,
    Wins,
    Tests,
    Distance,
    TimeToTarget,
    Distribution,
    Readiness,
    Achievements,
    Momentum,
    Goal,
    Summary,
    Recommendations,
}

impl Section {
    pub const ALL: [Section; 14] = [
        Section::Change,
        Section::Progress,
        Section::Packages,
        Section::Wins,
        Section::Tests,
        Section::Distance,
        Section::TimeToTarget,
        Section::Distribution,
        Section::Readiness,
        Section::Achievements,
        Section::Momentum,
        Section::Goal,
        Section::Summary,
        Section::Recommendations,
    ];

    /// The section's stable id (`"time-to-target"`): the heading's id on the page and in the
    /// HTML report, and what an embedding's `sections` names.
    pub fn id(self) -> &'static str {
        match self {
            Section::Change => "change",
            Section::Progress => "progress",
            Section::Packages => "packages",
            Section::Wins => "wins",
            Section::Tests => "tests",
            Section::Distance => "distance",
            Section::TimeToTarget => "time-to-target",
            Section::Distribution => "distribution",
            Section::Readiness => "readiness",
            Section::Achievements => "achievements",
            Section::Momentum => "momentum",
            Section::Goal => "goal",
            Section::Summary => "summary",
            Section::Recommendations => "recommendations",
        }
    }

    /// The section whose [`id`](Section::id) this is.
    pub fn from_id(id: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The section's heading.
    pub fn title(self) -> &'static str {
        match self {
            Section::Change => "This change",
            Section::Progress => "Overall progress",
            Section::Packages => "Packages",
            Section::Wins => "Wins",
            Section::Tests => "Tests",
            Section::Distance => "Distance to target",
            Section::TimeToTarget => "Time to target",
            Section::Distribution => "Distribution",
            Section::Readiness => "Readiness by group",
            Section::Achievements => "Achievements",
            Section::Momentum => "Momentum",
            Section::Goal => "Goal",
            Section::Summary => "Summary",
            Section::Recommendations => "Recommendations",
        }
    }
}

/// Whether a folder is left out when a folder is read for sources: hidden ones (`.git`) and
/// installed packages, which no report measures and which can hold more files than the rest.
pub fn skipped_folder(name: &str) -> bool {
    name.starts_with('.') || name == "node_modules" || name == "__pycache__"
}
