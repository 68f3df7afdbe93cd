//! Coverage over time as the page draws it: the trend of the overall figure, each package's
//! recent figures (its sparkline), and the packages that moved most.

use covdash_protocol::view::*;
use std::collections::HashMap;
use std::rc::Rc;

use super::dashboard::{clock, short_time};
use super::phrases::{moved, points_between};
use crate::analysis::{percents_by_name, short_names, Percents};
use crate::model::{sort_by, Metric, Percent, Report, Settings, Snapshot, Timestamp};
use covdash_protocol::escape::visible;
use covdash_protocol::format::format_percent;
use covdash_protocol::pct;

/// The trend of `report`'s overall figure, `selected` marked; `None` for fewer than two
/// snapshots.
/// `overalls` are the snapshots' overall figures, as the dashboard has them already.
pub fn trend(report: &Report, settings: &Settings, selected: usize, overalls: &[Option<Percent>]) -> Option<TrendView> {
    let snapshots = &report.snapshots;
    if snapshots.len() < 2 {
        return None;
    }
    let metric = report.metric;
    let values: Vec<Option<f64>> = overalls.iter().map(|o| o.map(Percent::value)).collect();
    let times: Option<Vec<Timestamp>> = snapshots.iter().map(|s| s.timestamp).collect();
    let last = snapshots.len() - 1;
    let (xs, spacing, axis): (Vec<f64>, &str, [String; 2]) = match times {
        Some(times) if times[last] > times[0] => {
            let span = times[last].seconds_since(times[0]) as f64;
            let xs = times.iter().map(|t| t.seconds_since(times[0]) as f64 / span).collect();
            (xs, "by time", time_axis(times[0], times[last]))
        }
        _ => {
            let xs = (0..=last).map(|i| i as f64 / last as f64).collect();
            (xs, "in order", [visible(&snapshots[0].label), visible(&snapshots[last].label)])
        }
    };
    let points: Vec<TrendPoint> = snapshots
        .iter()
        .enumerate()
        .map(|(index, snapshot)| {
            let value = values[index];
            let before = index.checked_sub(1).and_then(|i| values[i]);
            let change = before.zip(value).map(|(b, a)| format!("{} points", points_between(b, a)));
            let commit = snapshot.revision.short_commit().map(visible);
            let time = snapshot.timestamp.map(short_time);
            let text = format_percent(value.and_then(Percent::new));
            let label = visible(&snapshot.label);
            let mut parts = vec![label.clone()];
            parts.extend(commit.clone().filter(|c| *c != label));
            parts.extend(time.clone());
            parts.push(text.clone());
            parts.extend(change.clone());
            TrendPoint {
                index,
                x: xs[index],
                value,
                text,
                label,
                commit,
                time,
                change,
                selected: index == selected,
                description: parts.join(" · "),
            }
        })
        .collect();
    let target = settings.target.value();
    let goal = settings.goal.map(Percent::value);
    let lowest = values.iter().flatten().copied().chain([target]).chain(goal).fold(100.0, f64::min);
    let floor = ((lowest / 10.0).floor() * 10.0).clamp(0.0, 90.0);
    let summary = summary(&points, metric, target, goal);
    Some(TrendView {
        summary,
        metric: metric.plural().to_owned(),
        points: points.into(),
        target,
        goal,
        floor,
        spacing: spacing.to_owned(),
        axis,
        selectable: true,
    })
}

/// A time axis from `first` to `last`, as its span reads best: the dates over a day or more,
/// the day once and then hours within one day, both times in full across midnight.
fn time_axis(first: Timestamp, last: Timestamp) -> [String; 2] {
    const DAY: i64 = 86_400;
    if first.date() == last.date() {
        [format!("{}, {}", first.date(), clock(first)), clock(last)]
    } else if last.seconds_since(first) >= DAY {
        [first.date().to_string(), last.date().to_string()]
    } else {
        [short_time(first), short_time(last)]
    }
}

/// "Overall lines coverage across 30 snapshots, from 26.9% (1111111, 2026-03-01 10:00 UTC)
/// to 99.4% (…); lowest 26.9%, highest 99.4%; target 80.0%."
fn summary(points: &[TrendPoint], metric: Metric, target: f64, goal: Option<f64>) -> String {
    let at = |p: &TrendPoint| {
        let mut said = vec![p.commit.clone().unwrap_or_else(|| p.label.clone())];
        said.extend(p.time.clone());
        format!("{} ({})", p.text, said.join(", "))
    };
    let known: Vec<f64> = points.iter().filter_map(|p| p.value).collect();
    let range = match (known.iter().copied().reduce(f64::min), known.iter().copied().reduce(f64::max)) {
        (Some(low), Some(high)) => format!("; lowest {}, highest {}", pct(low), pct(high)),
        _ => String::new(),
    };
    let goal = goal.map(|g| format!(", goal {}", pct(g))).unwrap_or_default();
    let (first, last) = (&points[0], &points[points.len() - 1]);
    format!(
        "Overall {metric} coverage across {} snapshots, from {} to {}{range}; target {}{goal}.",
        points.len(),
        at(first),
        at(last),
        pct(target)
    )
}

/// How many snapshots back a package's sparkline reaches.
pub const SPARK_SNAPSHOTS: usize = 30;

/// Each package's figure in the last [`SPARK_SNAPSHOTS`] snapshots up to `selected`, rounded
/// to a tenth (`None` where it had none), by full name; empty for a single snapshot.
pub fn sparklines(report: &Report, selected: usize) -> HashMap<&str, Rc<[Option<f32>]>> {
    let upto = &report.snapshots[..(selected + 1).min(report.snapshots.len())];
    if upto.len() < 2 {
        return HashMap::new();
    }
    let window = &upto[upto.len().saturating_sub(SPARK_SNAPSHOTS)..];
    let percents: Vec<Percents<'_>> = window.iter().map(|s| percents_by_name(s, report.metric)).collect();
    let Some(latest) = window.last() else { return HashMap::new() };
    latest
        .packages
        .iter()
        .map(|p| {
            let series: Rc<[Option<f32>]> = percents
                .iter()
                .map(|at| at.get(&p.name).map(|percent| (percent * 10.0).round() as f32 / 10.0))
                .collect();
            (p.name.as_str(), series)
        })
        .collect()
}

/// The windows a person can choose the movers over, in snapshots back.
pub const MOVER_WINDOWS: [usize; 4] = [1, 5, 10, 30];

/// How many packages each direction lists.
const SHOWN_MOVERS: usize = 5;

/// The movers over each of [`MOVER_WINDOWS`] that the snapshots up to `selected` reach (and
/// over all of them, when more), shortest first; empty for a single snapshot.
pub fn movers(report: &Report, selected: usize) -> Vec<Movers> {
    let upto = &report.snapshots[..(selected + 1).min(report.snapshots.len())];
    let Some(latest) = upto.last() else { return Vec::new() };
    let mut windows: Vec<usize> = MOVER_WINDOWS.into_iter().filter(|w| *w < upto.len()).collect();
    if upto.len() > 1 && !windows.contains(&(upto.len() - 1)) {
        windows.push(upto.len() - 1);
    }
    windows.into_iter().map(|over| movers_over(&upto[upto.len() - 1 - over], latest, report.metric, over)).collect()
}

fn movers_over(earlier: &Snapshot, latest: &Snapshot, metric: Metric, over: usize) -> Movers {
    let before = percents_by_name(earlier, metric);
    let names = short_names(latest.packages.iter().map(|p| p.name.as_str()));
    let mut moved: Vec<(f64, Mover)> = latest
        .packages
        .iter()
        .filter_map(|p| {
            let after = p.coverage(metric)?.percent()?.value();
            let before = before.get(&p.name)?;
            let change = after - before;
            moved(before, after).then(|| {
                let mover = Mover {
                    name: visible(names.get(p.name.as_str()).map_or(p.name.as_str(), String::as_str)),
                    full_name: visible(&p.name),
                    figures: format!("{} → {}", pct(before), pct(after)),
                    change: format!("{} points", points_between(before, after)),
                };
                (change, mover)
            })
        })
        .collect();
    sort_by(&mut moved, |a, b| b.0.total_cmp(&a.0).then_with(|| a.1.full_name.cmp(&b.1.full_name)));
    let up = moved.iter().filter(|(c, _)| *c > 0.0).take(SHOWN_MOVERS).map(|(_, m)| m.clone()).collect();
    let down = moved.iter().rev().filter(|(c, _)| *c < 0.0).take(SHOWN_MOVERS).map(|(_, m)| m.clone()).collect();
    let mut said = vec![earlier.revision.short_commit().map_or_else(|| visible(&earlier.label), visible)];
    said.extend(earlier.timestamp.map(short_time));
    let since = match said.as_slice() {
        [name, time] => format!("since {name} ({time})"),
        _ => format!("since {}", said.join(" ")),
    };
    let label = if over == 1 { "snapshot".to_owned() } else { format!("{over} snapshots") };
    Movers { over, label, since, up, down }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats;

    /// Two runs of a history: lines 100 of 160 (62.5%), then 120 of 160 (75.0%), a day and an
    /// hour apart, listed newest first.
    const HISTORY: &[u8] = include_bytes!("../../../../tests/fixtures/covdash/ok/0006_history_v2.json");

    #[test]
    fn the_trend_has_a_point_per_snapshot_in_time_order() {
        let parsed = formats::parse(HISTORY).unwrap();
        let settings = parsed.settings.clone().unwrap();
        let overalls: Vec<_> =
            parsed.report.snapshots.iter().map(|s| crate::analysis::overall(s, parsed.report.metric).percent).collect();
        let view = trend(&parsed.report, &settings, 0, &overalls).unwrap();
        let shown: Vec<_> =
            view.points.iter().map(|p| (p.x, p.text.as_str(), p.commit.as_deref(), p.selected)).collect();
        assert_eq!(shown, [(0.0, "62.5%", Some("a1b2c3d"), true), (1.0, "75.0%", Some("b2c3d4e"), false)]);
        assert_eq!(view.points[1].description, "b2c3d4e · 2026-03-02 10:00 UTC · 75.0% · +12.5 points");
        assert_eq!(
            view.summary,
            "Overall lines coverage across 2 snapshots, from 62.5% (a1b2c3d, 2026-03-01 09:00 UTC) to 75.0% \
             (b2c3d4e, 2026-03-02 10:00 UTC); lowest 62.5%, highest 75.0%; target 80.0%."
        );
        assert_eq!(view.floor, 60.0);
        // src/db went from 20 of 60 to 30 of 60 lines; src/api from 80 to 90 of 100.
        let movers = movers(&parsed.report, 1);
        let up: Vec<_> = movers[0].up.iter().map(|m| (m.full_name.as_str(), m.change.as_str())).collect();
        assert_eq!(up, [("src/db", "+16.7 points"), ("src/api", "+10.0 points")]);
        assert_eq!(movers[0].since, "since a1b2c3d (2026-03-01 09:00 UTC)");
        let sparks = sparklines(&parsed.report, 1);
        assert_eq!(sparks["src/db"].as_ref(), [Some(33.3), Some(50.0)]);
    }
}
