//! Words and numbers for the analysis, shared by the page and the reports: one wording
//! everywhere.

use super::format::{format_count, format_percent};
use crate::analysis::{Achievement, Basis, Momentum, PackageEta, Readiness, Recommendation, Summary, TestSummary};
use crate::model::{Metric, Order, Percent};

/// `68.1%`, rounded as the coverage tools round (see [`format_percent`]).
pub fn pct(value: f64) -> String {
    format_percent(Percent::new(value.clamp(0.0, 100.0)))
}

/// `68.1%` or `n/a`.
pub fn pct_or_na(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_owned(), pct)
}

/// What a figure made of packages' percentages is, where the data has no counts.
pub const MEAN_OF_PACKAGES: &str =
    "overall figures are the mean of the packages (the data has percentages, not counts)";

/// A change in percentage points, signed: `+1.7`, `−0.4` (a minus sign), `±0.0`.
pub fn points(value: f64) -> String {
    let shown = format!("{:.1}", value.abs());
    if shown == "0.0" {
        "±0.0".to_owned()
    } else if value > 0.0 {
        format!("+{shown}")
    } else {
        format!("−{shown}")
    }
}

/// The change since an earlier snapshot, its name as `quoted` gives it: "+0.4 points since
/// `abc1234` (80.9% → 81.3%)".
pub fn since(change: &crate::history::Since, quoted: &str) -> String {
    format!("{} points since {quoted} ({} → {})", points(change.points), pct(change.before), pct(change.after))
}

/// A duration: `25 min`, `1.5 h`, `14 h`.
pub fn hours(value: f64) -> String {
    if value < 1.0 {
        // To the nearest 5 minutes, at least 5.
        let minutes = ((value * 60.0 / 5.0).round() * 5.0).max(5.0);
        format!("{minutes:.0} min")
    } else if value < 10.0 {
        format!("{value:.1} h")
    } else {
        format!("{value:.0} h")
    }
}

/// `25 min – 1.1 h`, or one figure when both ends round alike.
pub fn hour_range(low: f64, high: f64) -> String {
    let (a, b) = (hours(low), hours(high));
    if a == b {
        a
    } else {
        format!("{a} – {b}")
    }
}

/// A package's time to target, or why it is unknown.
pub fn eta(eta: &PackageEta) -> String {
    match (eta.low_hours, eta.high_hours) {
        (Some(low), Some(high)) => hour_range(low, high),
        _ => format!("unknown: {}", eta.reason.as_deref().unwrap_or("no pace")),
    }
}

/// Where an estimate's pace came from.
/// What put the snapshots in order: "ordered by file time: the reports carry no timestamp".
pub fn order(order: Order) -> String {
    let undated = |undated: usize, n: usize| match (undated, n) {
        (u, n) if u == n => "the reports carry no timestamp".to_owned(),
        (1, n) => format!("1 of {n} reports carries no timestamp"),
        (u, n) => format!("{u} of {n} reports carry no timestamp"),
    };
    match order {
        Order::ReportTimes => "ordered by the times the reports were written".to_owned(),
        Order::FileTimes { undated: u, n } => format!("ordered by file time: {}", undated(u, n)),
        Order::Names { undated: u, n } => format!("ordered by name: {}", undated(u, n)),
    }
}

pub fn basis(basis: Option<Basis>, metric: Metric) -> &'static str {
    match basis {
        Some(Basis::OwnPace) => "its own pace",
        Some(Basis::ProjectItems) => match metric {
            Metric::Lines => "the project's pace in lines",
            Metric::Statements => "the project's pace in statements",
            Metric::Branches => "the project's pace in branches",
            Metric::Functions => "the project's pace in functions",
        },
        Some(Basis::ProjectPoints) => "the project's pace in points",
        None => "",
    }
}

/// The method behind the time estimates, for "how is this computed?".
pub const ETA_METHOD: &str = "A package that gained has its own pace: its net gain over the time between its first and \
last snapshot (slow), and its best interval (fast). A package that did not move borrows the project's pace, in items of \
the metric judged by (lines, statements, branches or functions) per hour when counts are known, in overall points per \
hour otherwise. The range is the distance divided by \
the fast and the slow pace. The total adds the packages, as if they were done one after the other.";

/// A readiness status in words.
pub fn readiness(status: Readiness) -> &'static str {
    match status {
        Readiness::Ready => "ready",
        Readiness::Near => "near",
        Readiness::Below => "below target",
        Readiness::Unknown => "no data",
    }
}

/// An achievement as a sentence.
pub fn achievement(item: &Achievement) -> String {
    achievement_with(item, &str::to_owned, &str::to_owned)
}

/// An achievement as a sentence, its words through `words` and the names from the data
/// (packages, tiers) through `name`: each output quotes names its own way.
pub fn achievement_with(item: &Achievement, words: &dyn Fn(&str) -> String, name: &dyn Fn(&str) -> String) -> String {
    let sentence = match item {
        Achievement::TierUp { package, from_tier, to_tier } => {
            let (moved, to) = (words("moved up from"), words("to"));
            return format!("{} {moved} {} {to} {}", name(package), name(from_tier), name(to_tier));
        }
        Achievement::Gain { from, to, points: gain } => {
            format!("Overall coverage rose from {} to {} ({} points)", pct(*from), pct(*to), points(*gain))
        }
        Achievement::AboveTarget { packages, of, target } => {
            format!("{packages} of {of} packages at or above the {} target", pct(*target))
        }
        Achievement::Tests { functions, cases } => match (functions, cases) {
            (Some(f), Some(c)) => format!("{} test functions, {} test cases", format_count(*f), format_count(*c)),
            (Some(f), None) => format!("{} test functions", format_count(*f)),
            (None, Some(c)) => format!("{} test cases", format_count(*c)),
            (None, None) => "tests recorded".to_owned(),
        },
        Achievement::NoFailures { passed } => format!("All {} tests passed, none flaky", format_count(*passed)),
    };
    words(&sentence)
}

/// The test figures as label–value pairs, in the order every report shows them.
pub fn test_facts(tests: &TestSummary) -> Vec<(&'static str, String)> {
    let figures = [
        ("Test functions", tests.counts.functions),
        ("Test cases", tests.counts.cases),
        ("Lines of test code", tests.counts.lines),
        ("Mock servers", tests.counts.mock_servers),
        ("Passed", tests.counts.passed),
        ("Failed", tests.counts.failed),
        ("Skipped", tests.counts.skipped),
        ("Flaky (passed on retry)", tests.counts.flaky),
    ];
    let mut facts: Vec<(&'static str, String)> =
        figures.into_iter().filter_map(|(label, value)| Some((label, format_count(value?)))).collect();
    if let Some(rate) = tests.pass_rate {
        facts.push(("Pass rate", pct(rate)));
    }
    facts
}

/// The pace of the work as label–value pairs.
pub fn momentum_facts(momentum: &Momentum) -> Vec<(&'static str, String)> {
    let mut facts = vec![("Duration", hours(momentum.hours))];
    if let Some(rate) = momentum.points_per_hour {
        facts.push(("Gain per hour", format!("{} points", points(rate))));
    }
    if let Some(rate) = momentum.tests_per_hour {
        facts.push(("Tests per hour", format!("{rate:.1}")));
    }
    if let Some(rate) = momentum.test_lines_per_hour {
        facts.push(("Test lines per hour", format!("{rate:.0}")));
    }
    if let Some(trend) = momentum.trend {
        facts.push(("Trend", trend.to_owned()));
    }
    facts
}

/// The session in a few label–value pairs.
pub fn summary_facts(summary: &Summary) -> Vec<(&'static str, String)> {
    let mut facts = Vec::new();
    if let Some(h) = summary.hours {
        facts.push(("Duration", hours(h)));
    }
    match (summary.start_percent, summary.end_percent, summary.gain) {
        (Some(start), Some(end), Some(gain)) => {
            facts.push(("Gain", format!("{} → {} ({} points)", pct(start), pct(end), points(gain))))
        }
        (_, Some(end), _) => facts.push(("Coverage", pct(end))),
        _ => {}
    }
    let join = |parts: [Option<String>; 3]| parts.into_iter().flatten().collect::<Vec<_>>().join(", ");
    let tests = join([
        summary.tests.functions.map(|n| format!("{} functions", format_count(n))),
        summary.tests.cases.map(|n| format!("{} cases", format_count(n))),
        summary.tests.lines.map(|n| format!("{} lines", format_count(n))),
    ]);
    if !tests.is_empty() {
        facts.push(("Tests", tests));
    }
    let quality = join([
        summary.pass_rate.map(|r| format!("{} pass rate", pct(r))),
        summary.tests.failed.map(|n| format!("{} failed", format_count(n))),
        summary.tests.flaky.map(|n| format!("{} flaky", format_count(n))),
    ]);
    if !quality.is_empty() {
        facts.push(("Quality", quality));
    }
    facts
}

/// `"7 lines"`, `"1 branch"`.
pub fn count(n: u64, metric: Metric) -> String {
    format!("{} {}", format_count(n), if n == 1 { metric.singular() } else { metric.plural() })
}

/// `"1 more line"`, `"12 more statements"`: items of `metric` still to cover.
pub fn more(n: u64, metric: Metric) -> String {
    format!("{} more {}", format_count(n), if n == 1 { metric.singular() } else { metric.plural() })
}

/// Why a package is recommended.
pub fn reason(item: &Recommendation, metric: Metric, target: f64) -> String {
    let mut parts =
        vec![format!("{} points to {}", points(item.points_to_target).trim_start_matches('+'), pct(target))];
    if let Some(n) = item.to_cover {
        parts.push(more(n, metric));
    }
    if let Some(n) = item.uncovered {
        parts.push(format!("{} uncovered", format_count(n)));
    }
    if let Some(gain) = item.overall_gain {
        parts.push(format!("{} overall at target", points(gain)));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_to_cover_agree_in_number() {
        let cases = [
            (1, Metric::Lines, "1 more line"),
            (2, Metric::Branches, "2 more branches"),
            (1_381, Metric::Statements, "1,381 more statements"),
        ];
        for (n, metric, said) in cases {
            assert_eq!(more(n, metric), said);
        }
    }

    #[test]
    fn a_borrowed_pace_is_in_the_metric_judged_by() {
        let cases = [
            (Metric::Lines, "the project's pace in lines"),
            (Metric::Statements, "the project's pace in statements"),
            (Metric::Branches, "the project's pace in branches"),
            (Metric::Functions, "the project's pace in functions"),
        ];
        for (metric, said) in cases {
            assert_eq!(basis(Some(Basis::ProjectItems), metric), said);
            assert_eq!(basis(Some(Basis::ProjectPoints), metric), "the project's pace in points");
        }
    }

    #[test]
    fn numbers_in_words() {
        assert_eq!(points(1.7000000000000028), "+1.7");
        assert_eq!(points(-0.04), "±0.0");
        // (change, shown): one minus sign, ties to even as `%.1f`, no signed zero.
        for (change, shown) in [(3.7, "+3.7"), (-2.25, "−2.2"), (-1.25, "−1.2"), (0.04, "±0.0"), (-0.0, "±0.0")] {
            assert_eq!(points(change), shown, "{change}");
        }
        assert_eq!(hours(0.49), "30 min");
        assert_eq!(hours(0.01), "5 min");
        assert_eq!(hours(1.14), "1.1 h");
        assert_eq!(hours(14.3), "14 h");
        assert_eq!(hour_range(0.49, 1.14), "30 min – 1.1 h");
        assert_eq!(hour_range(2.0, 2.01), "2.0 h");
    }
}
