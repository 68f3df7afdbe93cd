//! The overall figure through time: progress per snapshot, momentum, and the session summary.

use serde::Serialize;

use super::overall::{overall, OverallMethod};
use crate::model::{AsOf, Metric, Order, Snapshot, Span, TestStats, Timestamp};

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

/// The shortest time over which a change in coverage is read as a pace: reports written
/// minutes apart measure one change, not the speed of the work. An interval between
/// snapshots shorter than this is joined with the next one; a history whose first and last
/// timed snapshots are closer than this has no pace at all (`docs/analysis.md`).
pub const MIN_PACE: Span = Span::minutes(10);

/// The intervals a pace is read over: `(earlier, later, span)` between timestamped snapshots,
/// oldest first, each at least [`MIN_PACE`] long (a shorter one is joined with the next, and a
/// short last one with the one before). Undated snapshots are passed over.
pub(crate) fn intervals(snapshots: &[Snapshot]) -> Vec<(&Snapshot, &Snapshot, Span)> {
    let mut timed = snapshots.iter().filter_map(|s| Some((s, s.timestamp?)));
    let Some(mut start) = timed.next() else { return Vec::new() };
    let mut out: Vec<(&Snapshot, &Snapshot, Span)> = Vec::new();
    let mut last = start;
    for now in timed {
        last = now;
        let seconds = now.1.seconds_since(start.1);
        if seconds as f64 >= MIN_PACE.as_seconds() {
            out.push((start.0, now.0, Span::seconds(seconds as f64)));
            start = now;
        }
    }
    // What is left after the last full interval belongs to it, so the latest snapshot counts.
    if let Some(tail) = out.last_mut() {
        if !std::ptr::eq(tail.1, last.0) {
            let from = tail.0.timestamp.unwrap_or(last.1);
            *tail = (tail.0, last.0, Span::seconds(last.1.seconds_since(from) as f64));
        }
    }
    out
}

/// The overall figure's gain in points over each of `spans` (see [`intervals`]) whose ends
/// both have one: what momentum, the goal's date and a package without a pace of its own read.
pub(crate) fn overall_steps(spans: &[(&Snapshot, &Snapshot, Span)], metric: Metric) -> Vec<(f64, Span)> {
    let figure = |s: &Snapshot| overall(s, metric).percent.map(|p| p.value());
    spans.iter().filter_map(|(a, b, span)| Some((figure(b)? - figure(a)?, *span))).collect()
}

/// Why the snapshots give no pace: too few with a time, or too close together.
pub(crate) fn no_pace(snapshots: &[Snapshot]) -> String {
    let mut times = snapshots.iter().filter_map(|s| s.timestamp);
    match (times.next(), times.next_back()) {
        (Some(first), Some(last)) => {
            let apart = last.seconds_since(first);
            if apart == 0 {
                "the snapshots carry the same time: no pace to go by".to_owned()
            } else {
                format!(
                    "the snapshots are {} apart: too close for a pace (it takes {MIN_PACE} or more)",
                    Span::seconds(apart as f64)
                )
            }
        }
        _ => "fewer than two snapshots with a time: no pace to go by".to_owned(),
    }
}

/// How long the work took: the session's own start and end, or the first and last snapshot
/// times. `None` when neither is known.
pub fn duration(report: &AsOf<'_>) -> Option<Span> {
    if let Some(session) = report.session {
        if let (Some(start), Some(end)) = (session.start, session.end) {
            return span_between(start, end);
        }
    }
    let mut times = report.snapshots.iter().filter_map(|s| s.timestamp);
    span_between(times.next()?, times.next_back()?)
}

fn span_between(start: Timestamp, end: Timestamp) -> Option<Span> {
    let seconds = end.seconds_since(start);
    (seconds > 0).then(|| Span::seconds(seconds as f64))
}

/// Pace of the work.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Momentum {
    /// The span the pace is read over, in seconds: from the first to the last timed snapshot
    /// (or the session's own start and end where the snapshots carry no time).
    pub seconds: Span,
    /// Overall percentage points gained over that span.
    pub gain: f64,
    /// The same gain per hour (the outputs say it per the unit that fits the span).
    pub points_per_hour: f64,
    /// Test functions per hour.
    pub tests_per_hour: Option<f64>,
    /// Lines of test code per hour.
    pub test_lines_per_hour: Option<f64>,
    /// Where the figure is going, and how its last interval compares with the one before.
    pub trend: Trend,
    /// Overall points per hour in each interval (see [`intervals`]), oldest first.
    pub interval_rates: Vec<f64>,
}

/// The direction of the overall figure over the span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Rising,
    Steady,
    Falling,
}

/// How the pace of the later half of the intervals compares with the earlier half's, in the
/// trend's direction (with two intervals, the last against the one before).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Lately {
    /// More than a quarter faster.
    Faster,
    /// More than a quarter slower.
    Slower,
    /// Going the other way.
    Turned,
}

/// The trend: the direction of the whole span's gain, and how its pace changed lately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Trend {
    pub direction: Direction,
    pub lately: Option<Lately>,
}

/// `Err` with the reason when there is no span to read a pace over.
pub fn momentum(report: &AsOf<'_>, metric: Metric, progress: &Progress) -> Result<Momentum, String> {
    let spans = intervals(report.snapshots);
    let steps = overall_steps(&spans, metric);
    let (gain, span) = if !steps.is_empty() {
        (steps.iter().map(|(g, _)| g).sum(), Span::seconds(steps.iter().map(|(_, s)| s.as_seconds()).sum()))
    } else if report.snapshots.iter().all(|s| s.timestamp.is_none()) {
        // Undated snapshots of a session with its own start and end.
        let span = duration(report)
            .ok_or("no session times and fewer than two timestamped snapshots, so there is no duration")?;
        if span < MIN_PACE {
            return Err(format!("the session lasted {span}: too short for a pace (it takes {MIN_PACE} or more)"));
        }
        (progress.total_gain.ok_or("fewer than two snapshots with a figure: no gain to read a pace from")?, span)
    } else if spans.is_empty() {
        return Err(no_pace(report.snapshots));
    } else {
        return Err("fewer than two timed snapshots with a figure: no gain to read a pace from".to_owned());
    };
    let hours = span.as_hours();
    let per_hour = |n: Option<u64>| n.map(|n| n as f64 / hours);
    let tests: TestStats = report.tests.unwrap_or_default();
    let interval_rates: Vec<f64> = steps.iter().map(|(g, s)| g / s.as_hours()).collect();
    Ok(Momentum {
        seconds: span,
        gain,
        points_per_hour: gain / hours,
        tests_per_hour: per_hour(tests.functions),
        test_lines_per_hour: per_hour(tests.lines),
        trend: trend(gain, &steps),
        interval_rates,
    })
}

/// The direction of the whole gain, and the pace of the later half of the intervals against
/// the earlier half's (the middle one of an odd number left out; a quarter either way is the
/// same pace).
fn trend(gain: f64, steps: &[(f64, Span)]) -> Trend {
    const STILL: f64 = 1e-9;
    let direction = if gain > STILL {
        Direction::Rising
    } else if gain < -STILL {
        Direction::Falling
    } else {
        Direction::Steady
    };
    let half = steps.len() / 2;
    let pace = |steps: &[(f64, Span)]| {
        steps.iter().map(|(g, _)| g).sum::<f64>() / steps.iter().map(|(_, s)| s.as_hours()).sum::<f64>().max(1e-9)
    };
    let lately = match direction {
        _ if half == 0 => None,
        Direction::Steady => None,
        _ => {
            let (before, last) = (pace(&steps[..half]), pace(&steps[steps.len() - half..]));
            // Paces in the direction of the trend: positive when going its way.
            let sign = if direction == Direction::Rising { 1.0 } else { -1.0 };
            let (before, last) = (before * sign, last * sign);
            if last <= STILL {
                Some(Lately::Turned)
            } else if before <= STILL || last > before * 1.25 {
                Some(Lately::Faster)
            } else if last < before * 0.75 {
                Some(Lately::Slower)
            } else {
                None
            }
        }
    };
    Trend { direction, lately }
}

/// The session in a few figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// How long the work took, in seconds (see [`duration`]).
    pub seconds: Option<Span>,
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
        seconds: duration(report),
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
    fn trend_is_the_direction_of_the_gain_and_what_the_last_interval_adds() {
        use Direction::*;
        use Lately::*;
        let hour = Span::hours(1.0);
        // (gains of hour-long intervals, trend)
        let cases: [(&[f64], Direction, Option<Lately>); 11] = [
            (&[], Steady, None),
            (&[1.0], Rising, None),
            (&[-1.0], Falling, None),
            // Three weekly snapshots, 65.0 → 67.5 → 69.8: rising, at about the same pace.
            (&[2.5, 2.3], Rising, None),
            (&[1.0, 2.0], Rising, Some(Faster)),
            (&[2.7, 1.0], Rising, Some(Slower)),
            (&[0.0, 0.5], Rising, Some(Faster)),
            (&[2.0, -1.0], Rising, Some(Turned)),
            (&[-1.0, -2.0], Falling, Some(Faster)),
            (&[1e-12], Steady, None),
            // A day's pause in a daily history changes nothing: halves, not the last two.
            (&[1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 0.0, 1.0], Rising, None),
        ];
        for (gains, direction, lately) in cases {
            let steps: Vec<(f64, Span)> = gains.iter().map(|g| (*g, hour)).collect();
            assert_eq!(trend(gains.iter().sum(), &steps), Trend { direction, lately }, "{gains:?}");
        }
    }

    fn at(label: &str, time: &str) -> Snapshot {
        Snapshot::new(label.to_owned(), Some(Timestamp::parse(time).unwrap_or_else(|e| panic!("{e}"))), Vec::new())
    }

    #[test]
    fn intervals_are_at_least_the_shortest_pace() {
        // (snapshot times, intervals as "first–last label: seconds")
        let cases: [(&[&str], &[&str]); 4] = [
            (&["2026-11-24T09:54:52Z", "2026-11-24T09:55:01Z"], &[]),
            (&["2025-12-18T09:00:00Z", "2025-12-18T11:00:00Z", "2025-12-18T12:30:00Z"], &["0-1: 7200", "1-2: 5400"]),
            // A run seconds after another joins the interval before it; one minutes after the
            // start joins the next.
            (
                &["2026-11-01T00:00:00Z", "2026-11-01T00:03:00Z", "2026-11-02T00:00:00Z", "2026-11-02T00:00:04Z"],
                &["0-3: 86404"],
            ),
            (
                &["2026-11-01T00:00:00Z", "2026-11-08T00:00:00Z", "2026-11-15T00:00:00Z"],
                &["0-1: 604800", "1-2: 604800"],
            ),
        ];
        for (times, expected) in cases {
            let snapshots: Vec<Snapshot> = times.iter().enumerate().map(|(i, t)| at(&i.to_string(), t)).collect();
            let said: Vec<String> = intervals(&snapshots)
                .iter()
                .map(|(a, b, span)| format!("{}-{}: {}", a.label, b.label, span.as_seconds()))
                .collect();
            assert_eq!(said, expected, "{times:?}");
        }
    }

    #[test]
    fn no_pace_says_why() {
        let pair = [at("before", "2026-11-24T09:54:52Z"), at("after", "2026-11-24T09:54:56Z")];
        assert_eq!(no_pace(&pair), "the snapshots are 4 s apart: too close for a pace (it takes 10 min or more)");
        assert_eq!(no_pace(&pair[..1]), "fewer than two snapshots with a time: no pace to go by");
        assert_eq!(no_pace(&[pair[0].clone(), pair[0].clone()]), "the snapshots carry the same time: no pace to go by");
    }
}
