//! Time to target: how long each package below the target may take to reach it, from the
//! pace observed between timestamped snapshots.
//!
//! The method (also shown on the page and in the reports):
//!
//! 1. A package that gained between its first and last snapshot has its own pace. Its **slow**
//!    pace is the net gain over the whole time between those snapshots; its **fast** pace is its
//!    best single interval. The estimate is `distance / fast` to `distance / slow`.
//! 2. A package that did not move borrows the project's pace: in items per hour (lines or
//!    statements covered, from counts) when every snapshot has counts, so that the estimate is
//!    `items still to cover / pace`; otherwise in overall percentage points per hour, applied to
//!    the package's distance in points. Slow and fast as above.
//! 3. With fewer than two timestamped snapshots, snapshots too close in time for a pace
//!    ([`super::timeline::MIN_PACE`]), or no gain anywhere, there is no pace: the estimate is
//!    unknown, with that reason.
//!
//! The total adds the packages' low and high ends: the work is assumed to be done one package
//! after the other. Estimates count from the latest snapshot's time, so that a history's
//! estimate is also a range of dates.

use serde::Serialize;

use super::overall::{overall, OverallMethod};
use super::standings::{percents_by_name, Distance, Percents};
use super::timeline::{intervals, no_pace, overall_steps};
use crate::model::{AsOf, Metric, Span, Timestamp};

/// Where a pace came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The package's own gain.
    OwnPace,
    /// The project's items covered per hour.
    ProjectItems,
    /// The project's overall points per hour.
    ProjectPoints,
}

/// The estimate for one package.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PackageEta {
    pub package: String,
    pub short_name: String,
    /// Seconds at the fast pace; `None` with `reason`.
    pub low_seconds: Option<Span>,
    /// Seconds at the slow pace.
    pub high_seconds: Option<Span>,
    pub basis: Option<Basis>,
    /// Why there is no estimate.
    pub reason: Option<String>,
}

/// Estimates for every package below the target, and their sum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeToTarget {
    pub packages: Vec<PackageEta>,
    /// The sum of the known estimates; `None` when none is known.
    pub total_low_seconds: Option<Span>,
    pub total_high_seconds: Option<Span>,
    /// Packages without an estimate, left out of the total.
    pub n_unknown: usize,
    /// The time the estimates count from: the latest snapshot's, when it has one.
    #[serde(serialize_with = "super::rfc3339")]
    pub from: Option<Timestamp>,
}

/// A pace, per second: slow (whole span) and fast (best interval), both positive.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pace {
    slow: f64,
    fast: f64,
}

impl Pace {
    /// From per-interval gains and spans; `None` when the net gain is not positive.
    pub(crate) fn from_intervals(steps: &[(f64, Span)]) -> Option<Pace> {
        let gain: f64 = steps.iter().map(|(g, _)| g).sum();
        let seconds: f64 = steps.iter().map(|(_, s)| s.as_seconds()).sum();
        if gain <= 1e-9 || seconds <= 0.0 {
            return None;
        }
        let slow = gain / seconds;
        let fast = steps.iter().map(|(g, s)| g / s.as_seconds()).fold(slow, f64::max);
        Some(Pace { slow, fast })
    }

    /// How long `amount` takes: at the fast pace, and at the slow one.
    pub(crate) fn time_for(self, amount: f64) -> (Span, Span) {
        (Span::seconds(amount / self.fast), Span::seconds(amount / self.slow))
    }
}

pub fn time_to_target(report: &AsOf<'_>, metric: Metric, distances: &[Distance]) -> TimeToTarget {
    let spans = intervals(report.snapshots);
    let project = project_pace(report, metric);
    // Each timed snapshot's figures by package, once, for every package's pace.
    let span_percents: Vec<SpanPercents<'_>> =
        spans.iter().map(|(a, b, span)| (percents_by_name(a, metric), percents_by_name(b, metric), *span)).collect();
    let packages: Vec<PackageEta> = distances
        .iter()
        .map(|distance| {
            let unknown = |reason: String| PackageEta {
                package: distance.package.clone(),
                short_name: distance.short_name.clone(),
                low_seconds: None,
                high_seconds: None,
                basis: None,
                reason: Some(reason),
            };
            if spans.is_empty() {
                return unknown(no_pace(report.snapshots));
            }
            let name = distance.package.as_str();
            let own: Vec<(f64, Span)> = span_percents
                .iter()
                .filter_map(|(before, after, span)| Some((after.get(name)? - before.get(name)?, *span)))
                .collect();
            let (pace, amount, basis) = match (Pace::from_intervals(&own), &project) {
                (Some(pace), _) => (pace, distance.points, Basis::OwnPace),
                (None, Some(ProjectPace::Items(pace))) => match distance.to_cover {
                    Some(items) => (*pace, items as f64, Basis::ProjectItems),
                    None => return unknown("the package has no counts to measure against the project's pace".into()),
                },
                (None, Some(ProjectPace::Points(pace))) => (*pace, distance.points, Basis::ProjectPoints),
                (None, None) => return unknown("neither the package nor the project gained between snapshots".into()),
            };
            let (low, high) = pace.time_for(amount);
            PackageEta {
                package: distance.package.clone(),
                short_name: distance.short_name.clone(),
                low_seconds: Some(low),
                high_seconds: Some(high),
                basis: Some(basis),
                reason: None,
            }
        })
        .collect();
    let known: Vec<&PackageEta> = packages.iter().filter(|p| p.low_seconds.is_some()).collect();
    let sum = |f: fn(&PackageEta) -> Option<Span>| {
        (!known.is_empty()).then(|| Span::seconds(known.iter().filter_map(|p| f(p)).map(Span::as_seconds).sum()))
    };
    TimeToTarget {
        total_low_seconds: sum(|p| p.low_seconds),
        total_high_seconds: sum(|p| p.high_seconds),
        n_unknown: packages.len() - known.len(),
        packages,
        from: report.latest().and_then(|s| s.timestamp),
    }
}

/// One interval between timed snapshots: each package's figure before and after, and its span.
type SpanPercents<'a> = (Percents<'a>, Percents<'a>, Span);

enum ProjectPace {
    Items(Pace),
    Points(Pace),
}

/// The whole project's pace: in items when every timed snapshot is weighted by counts.
fn project_pace(report: &AsOf<'_>, metric: Metric) -> Option<ProjectPace> {
    let spans = intervals(report.snapshots);
    let mut items: Option<Vec<(f64, Span)>> = Some(Vec::new());
    for (a, b, span) in &spans {
        match (overall(a, metric).method, overall(b, metric).method) {
            (OverallMethod::Weighted { counts: x, .. }, OverallMethod::Weighted { counts: y, .. }) => {
                if let Some(steps) = items.as_mut() {
                    steps.push((y.covered() as f64 - x.covered() as f64, *span));
                }
            }
            _ => items = None,
        }
    }
    match items.filter(|steps| !steps.is_empty()).and_then(|steps| Pace::from_intervals(&steps)) {
        Some(pace) => Some(ProjectPace::Items(pace)),
        None => Pace::from_intervals(&overall_steps(&spans, metric)).map(ProjectPace::Points),
    }
}

/// The overall figure's own pace in points, for the goal: `None` without one.
pub(crate) fn overall_pace(report: &AsOf<'_>, metric: Metric) -> Option<Pace> {
    Pace::from_intervals(&overall_steps(&intervals(report.snapshots), metric))
}
