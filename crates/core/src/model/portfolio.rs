//! An organisation's repositories: for each, its latest figures per metric and a short trend,
//! what `covdash portfolio build` keeps of its history and every organisation view reads
//! (`docs/portfolio.md`).

use super::{Coverage, Metric, Metrics, Timestamp};

/// Many repositories, read together.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Portfolio {
    pub title: Option<String>,
    /// The metric the index asks for, if it does (else the views choose: see
    /// [`Portfolio::usual_metric`]).
    pub metric: Option<Metric>,
    /// The target the index sets, in percent, if it does.
    pub target: Option<f64>,
    /// After how many days without a run a repository is stale, if the index says.
    pub stale_after_days: Option<u32>,
    /// Teams as globs over repository names, for repositories whose entry names no team.
    pub teams: Vec<(String, Vec<String>)>,
    /// In the index's order.
    pub repositories: Vec<Repository>,
}

/// One repository: its latest snapshot's figures and when it was measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Repository {
    pub name: String,
    pub team: Option<String>,
    pub tags: Vec<String>,
    /// The latest snapshot's figures: each metric's counts summed over its packages (a
    /// percentage where the history kept only percentages).
    pub latest: Metrics,
    /// The latest snapshot's time (its commit's), when known.
    pub last_time: Option<Timestamp>,
    pub commit: Option<String>,
    pub git_ref: Option<String>,
    /// How many snapshots its history holds.
    pub snapshots: usize,
    /// Oldest first: the last snapshot of each day with a time, at most [`TREND_POINTS`] of
    /// them: every day of the last [`RECENT_DAYS`] (the windows changes are measured over),
    /// the older ones spread evenly.
    pub trend: Vec<TrendPoint>,
    /// The latest snapshot's packages and their figures, by name: the level under the
    /// repository in the treemap.
    pub packages: Vec<(String, Metrics)>,
    /// Where its history is, relative to the built portfolio: the page fetches it to show the
    /// repository's own dashboard.
    pub history: Option<String>,
}

/// A repository's figures at one moment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendPoint {
    pub time: Timestamp,
    pub figures: Metrics,
}

/// The most trend points kept per repository.
pub const TREND_POINTS: usize = 60;

/// The days before a repository's latest run whose points are all kept: the longest window a
/// change is measured over, and a day.
pub const RECENT_DAYS: i64 = 31;

impl Repository {
    /// The repository's counts for `metric`, when its latest snapshot has them.
    pub fn counts(&self, metric: Metric) -> Option<super::Counts> {
        self.latest.get(metric).and_then(Coverage::counts)
    }
}

impl Portfolio {
    /// Takes in another portfolio file read with this one: its settings where this one has none
    /// (the first file's win), its teams and its repositories after these.
    pub fn absorb(&mut self, other: Portfolio) {
        self.title = self.title.take().or(other.title);
        self.metric = self.metric.or(other.metric);
        self.target = self.target.or(other.target);
        self.stale_after_days = self.stale_after_days.or(other.stale_after_days);
        self.teams.extend(other.teams);
        self.repositories.extend(other.repositories);
    }

    /// The metric most of the repositories have counts for (lines before statements before
    /// branches before functions on a tie), when the index names none.
    pub fn usual_metric(&self) -> Metric {
        if let Some(metric) = self.metric {
            return metric;
        }
        let having = |metric: Metric| self.repositories.iter().filter(|r| r.counts(metric).is_some()).count();
        let mut best = Metric::Lines;
        for metric in Metric::ALL {
            if having(metric) > having(best) {
                best = metric;
            }
        }
        best
    }
}
