//! The overall figure through time: progress per snapshot, momentum, and the session summary.

use serde::Serialize;

use super::overall::{overall, OverallMethod};
use crate::model::{AsOf, Metric, Order, Snapshot, TestStats, Timestamp};

/// The overall figure of one snapshot, and how it moved since the one before.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressPoint {
    pub label: String,
    /// RFC 3339, when the snapshot has a time.
    pub timestamp: Option<String>,
    /// `None` when no package has a figure.
    pub percent: Option<f64>,
    /// Covered and total items, when the figure is weighted by counts.
    pub covered: Option<u64>,
    pub total: Option<u64>,
    /// Percentage points since the previous snapshot.
    pub delta: Option<f64>,
}

/// How an overall figure is obtained from its packages' figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Method {
    /// Covered over total, summed over the packages.
    #[serde(rename = "weighted")]
    Weighted,
    /// The mean of the packages' percentages: some package has only a percentage.
    #[serde(rename = "mean of packages")]
    MeanOfPackages,
}

/// Overall progress across the snapshots, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    pub points: Vec<ProgressPoint>,
    /// Points from the first snapshot with a figure to the last; `None` with fewer than two.
    pub total_gain: Option<f64>,
    /// How each point was obtained.
    pub method: Method,
    /// What put the snapshots in order, when they come from several files.
    pub order: Option<Order>,
}

pub fn progress(report: &AsOf<'_>, metric: Metric) -> Progress {
    let mut points: Vec<ProgressPoint> = Vec::with_capacity(report.snapshots.len());
    let mut mean = false;
    let mut previous: Option<f64> = None;
    for snapshot in report.snapshots {
        let figure = overall(snapshot, metric);
        let (covered, total) = match figure.method {
            OverallMethod::Weighted { counts, .. } => (Some(counts.covered()), Some(counts.total())),
            OverallMethod::MeanOfPackages { .. } => {
                mean = true;
                (None, None)
            }
            OverallMethod::NoData => (None, None),
        };
        let percent = figure.percent.map(|p| p.value());
        let delta = match (previous, percent) {
            (Some(before), Some(now)) => Some(now - before),
            _ => None,
        };
        previous = percent.or(previous);
        points.push(ProgressPoint {
            label: snapshot.label.clone(),
            timestamp: snapshot.timestamp.map(|t| t.to_string()),
            percent,
            covered,
            total,
            delta,
        });
    }
    let figures: Vec<f64> = points.iter().filter_map(|p| p.percent).collect();
    let total_gain = match figures.as_slice() {
        [first, .., last] => Some(last - first),
        _ => None,
    };
    Progress {
        points,
        total_gain,
        method: if mean { Method::MeanOfPackages } else { Method::Weighted },
        order: report.order,
    }
}

/// Consecutive timestamped snapshots: `(earlier, later, hours between)`, for rates. Pairs with
/// no time between them are left out.
pub(crate) fn intervals(snapshots: &[Snapshot]) -> Vec<(&Snapshot, &Snapshot, f64)> {
    snapshots
        .windows(2)
        .filter_map(|pair| {
            let hours = hours_between(pair[0].timestamp?, pair[1].timestamp?)?;
            Some((&pair[0], &pair[1], hours))
        })
        .collect()
}

fn hours_between(start: Timestamp, end: Timestamp) -> Option<f64> {
    let seconds = end.seconds_since(start);
    (seconds > 0).then(|| seconds as f64 / 3600.0)
}

/// How long the work took: the session's own start and end, or the first and last snapshot
/// times. `None` when neither is known.
pub fn duration_hours(report: &AsOf<'_>) -> Option<f64> {
    if let Some(session) = report.session {
        if let (Some(start), Some(end)) = (session.start, session.end) {
            return hours_between(start, end);
        }
    }
    let first = report.snapshots.first()?.timestamp?;
    let last = report.snapshots.last()?.timestamp?;
    hours_between(first, last)
}

/// Pace of the work.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Momentum {
    pub hours: f64,
    /// Overall percentage points per hour.
    pub points_per_hour: Option<f64>,
    /// Test functions per hour.
    pub tests_per_hour: Option<f64>,
    /// Lines of test code per hour.
    pub test_lines_per_hour: Option<f64>,
    /// The last interval's pace against the one before: `"accelerating"`, `"steady"`,
    /// `"slowing"`, `"stalled"` or `"falling"`; with one interval, `"rising"`, `"stalled"` or
    /// `"falling"`.
    pub trend: Option<&'static str>,
    /// Overall points per hour in each interval between timestamped snapshots, oldest first.
    pub interval_rates: Vec<f64>,
}

/// `Err` with the reason when there is no duration to divide by.
pub fn momentum(report: &AsOf<'_>, metric: Metric, progress: &Progress) -> Result<Momentum, String> {
    let hours = duration_hours(report)
        .ok_or("no session times and fewer than two timestamped snapshots, so there is no duration")?;
    let per_hour = |n: Option<u64>| n.map(|n| n as f64 / hours);
    let tests: TestStats = report.tests.unwrap_or_default();
    let interval_rates: Vec<f64> = intervals(report.snapshots)
        .into_iter()
        .filter_map(|(a, b, h)| {
            let before = overall(a, metric).percent?.value();
            let after = overall(b, metric).percent?.value();
            Some((after - before) / h)
        })
        .collect();
    Ok(Momentum {
        hours,
        points_per_hour: progress.total_gain.map(|gain| gain / hours),
        tests_per_hour: per_hour(tests.functions),
        test_lines_per_hour: per_hour(tests.lines),
        trend: trend(&interval_rates),
        interval_rates,
    })
}

/// A word for the last pace against the one before (a quarter either way is "steady").
fn trend(rates: &[f64]) -> Option<&'static str> {
    const STILL: f64 = 1e-9;
    let word = |last: f64| {
        if last > STILL {
            "rising"
        } else if last < -STILL {
            "falling"
        } else {
            "stalled"
        }
    };
    match rates {
        [] => None,
        [only] => Some(word(*only)),
        [.., before, last] => Some(match word(*last) {
            "rising" if *before <= STILL || *last > before * 1.25 => "accelerating",
            "rising" if *last < before * 0.75 => "slowing",
            "rising" => "steady",
            other => other,
        }),
    }
}

/// The session in a few figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub hours: Option<f64>,
    pub start_percent: Option<f64>,
    pub end_percent: Option<f64>,
    pub gain: Option<f64>,
    /// The test figures of the snapshots summarised.
    pub tests: TestStats,
    /// Passed over passed and failed, in percent.
    pub pass_rate: Option<f64>,
}

pub fn summary(report: &AsOf<'_>, progress: &Progress, pass_rate: Option<f64>) -> Summary {
    let figures: Vec<f64> = progress.points.iter().filter_map(|p| p.percent).collect();
    let tests = report.tests.unwrap_or_default();
    Summary {
        hours: duration_hours(report),
        start_percent: figures.first().copied(),
        end_percent: figures.last().copied(),
        gain: progress.total_gain,
        tests,
        pass_rate,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trend_words() {
        // (interval rates, word)
        let cases: [(&[f64], Option<&str>); 8] = [
            (&[], None),
            (&[1.0], Some("rising")),
            (&[0.0], Some("stalled")),
            (&[-1.0], Some("falling")),
            (&[1.0, 2.0], Some("accelerating")),
            (&[1.36, 0.66], Some("slowing")),
            (&[1.0, 1.1], Some("steady")),
            (&[0.0, 0.5], Some("accelerating")),
        ];
        for (rates, word) in cases {
            assert_eq!(trend(rates), word, "{rates:?}");
        }
    }
}
