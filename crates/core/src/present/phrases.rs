//! Words and numbers for the analysis, shared by the page and the reports: one wording
//! everywhere.

use crate::analysis::{
    Achievement, Basis, Direction, GoalStatus, Lately, Momentum, PackageEta, Readiness, Recommendation, Summary,
    TestSummary, Trend,
};
use crate::model::{Date, Metric, Order, Span, Timestamp, Unit};
use covdash_protocol::decimal::{fixed, parse_decimal, shortest};
use covdash_protocol::format::{count_of, counted, format_count};
use covdash_protocol::format::{pct, rounded_percent};
use covdash_protocol::view::Estimate;
use covdash_protocol::vocab::Percent;

/// `68.1%` or `n/a`.
pub fn pct_or_na(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_owned(), pct)
}

/// What a figure made of packages' percentages is, where the data has no counts.
pub const MEAN_OF_PACKAGES: &str =
    "overall figures are the mean of the packages (the data has percentages, not counts)";

/// A change in percentage points, signed: `+1.7`, `−0.4` (a minus sign), `±0.0`.
pub fn points(value: f64) -> String {
    let shown = fixed(value.abs(), 1);
    if shown == "0.0" {
        "±0.0".to_owned()
    } else if value > 0.0 {
        format!("+{shown}")
    } else {
        format!("−{shown}")
    }
}

/// The change from the percentage `before` to `after`, in points, as it reads beside them: the
/// difference of the two as they are shown, so that "68.1% → 68.0%" is "−0.1", never "±0.0",
/// and "67.96% → 68.03%" (both shown as 68.0%) is "±0.0", never "+0.1". The figures
/// themselves keep their full precision.
pub fn points_between(before: f64, after: f64) -> String {
    points(change_shown(before, after))
}

/// The difference of two percentages as they are shown (see [`points_between`]): 0, or at least
/// a tenth of a point either way.
fn change_shown(before: f64, after: f64) -> f64 {
    let shown = |value: f64| Percent::new(value).map_or(value, rounded_percent);
    shown(after) - shown(before)
}

/// Whether a change from `before` to `after` shows: "68.0% → 68.0%" moved nothing a reader sees.
pub fn moved(before: f64, after: f64) -> bool {
    change_shown(before, after).abs() > 0.05
}

/// A gate's threshold (a percentage, or points) as it was given, with one decimal at least:
/// `--fail-under 79.95` is "79.95", `80` is "80.0"; never rounded into another.
pub fn threshold(value: f64) -> String {
    let given = shortest(value);
    if given.contains('.') {
        given
    } else {
        format!("{given}.0")
    }
}

/// A figure a gate judged against `limit` (as [`threshold`] says it), with as many decimals as
/// it takes, one to four, to read as it compares (under, equal or over): 79.96 under 80 is
/// "79.96", not "80.0"; a drop of 0.54 against 0.5 allowed is "0.54", not "0.5". Closer than
/// that, a figure under the limit is cut, not rounded, at the fourth: 79.99999 is "79.9999".
pub fn judged(value: f64, limit: f64) -> String {
    let limit_shown = parse_decimal(&threshold(limit)).unwrap_or(limit);
    let (compared, under) = (value.partial_cmp(&limit), value < limit);
    let reads = |text: &str| parse_decimal(text).is_some_and(|shown| shown.partial_cmp(&limit_shown) == compared);
    let first = fixed(Percent::new(value).map_or(value, rounded_percent), 1);
    let shown = std::iter::once(first).chain((2..=4).map(|decimals| fixed(value, decimals))).find(|text| reads(text));
    shown.unwrap_or_else(|| fixed(if under { (value * 1e4).floor() / 1e4 } else { value }, 4))
}

/// The change since an earlier snapshot, its name as `quoted` gives it: "+0.4 points since
/// `abc1234` (80.9% → 81.3%)".
pub fn since(change: &crate::history::Since, quoted: &str) -> String {
    format!(
        "{} points since {quoted} ({} → {})",
        points_between(change.before, change.after),
        pct(change.before),
        pct(change.after)
    )
}

/// A rate of something per second, said per the unit that fits `span` (the span it was read
/// over: an hour for a session, a day or a week for a history), moved to a larger unit while it
/// would read as zero: `("+1.1", Unit::Hour)`, `("+2.4", Unit::Week)`. `signed` puts `+`, `−`
/// or `±` before it; `decimals` is how many it keeps.
fn per_unit(per_second: f64, span: Span, decimals: usize, signed: bool) -> (String, Unit) {
    let mut unit = match span.unit() {
        Unit::Second | Unit::Minute | Unit::Hour => Unit::Hour,
        Unit::Year => Unit::Month,
        unit => unit,
    };
    let shown = |unit: Unit| fixed((per_second * unit.seconds()).abs(), decimals);
    let zero = fixed(0.0, decimals);
    while shown(unit) == zero && per_second != 0.0 {
        match unit.larger() {
            Some(larger) => unit = larger,
            None => break,
        }
    }
    let number = shown(unit);
    let sign = match (signed, number == zero, per_second > 0.0) {
        (false, _, _) => "",
        (true, true, _) => "±",
        (true, false, true) => "+",
        (true, false, false) => "−",
    };
    (format!("{sign}{number}"), unit)
}

/// A gain of `points` over `span`, as a pace: "+1.1 points an hour", "+2.4 points a week".
pub fn pace(points: f64, span: Span) -> String {
    let (number, unit) = per_unit(points / span.as_seconds().max(1.0), span, 1, true);
    format!("{number} points {}", unit.per())
}

/// So many of something an hour, said per the unit that fits `span`: "6.3 functions an hour".
fn count_pace(per_hour: f64, span: Span, decimals: usize, noun: &str) -> String {
    let (number, unit) = per_unit(per_hour / 3_600.0, span, decimals, false);
    format!("{number} {noun} {}", unit.per())
}

/// The range of dates an estimate of `low` to `high` from `from` falls in, as the pieces of
/// [`Date::range_parts`] ("5–10 Nov 2026"; "28 Nov", "3 Dec 2026"), when it runs to a day or
/// more: shorter ones read best as they are.
pub fn around_parts(from: Option<Timestamp>, low: Span, high: Span) -> Option<(String, Option<String>)> {
    const DAY: f64 = 86_400.0;
    let from = from.filter(|_| high.as_seconds() >= DAY)?;
    let (first, last) = (from.plus_seconds(low.as_seconds())?, from.plus_seconds(high.as_seconds())?);
    Some(Date::range_parts(first.date(), last.date()))
}

/// An estimate of `low` to `high` from `from` as one phrase, worded as every output words an
/// [`Estimate`]: "30 min – 1.1 h", "3–4 weeks, around 26 Nov – 3 Dec 2026".
pub fn estimate(low: Span, high: Span, from: Option<Timestamp>) -> String {
    Estimate { span: Span::range(low, high), dates: around_parts(from, low, high) }.to_string()
}

/// A package's time to target, or why it is unknown.
pub fn eta(eta: &PackageEta, from: Option<Timestamp>) -> String {
    match (eta.low_seconds, eta.high_seconds) {
        (Some(low), Some(high)) => estimate(low, high, from),
        _ => format!("unknown: {}", eta.reason.as_deref().unwrap_or("no pace")),
    }
}

/// The trend in words: "rising", "rising, slower lately", "steady", "falling, but rising lately".
pub fn trend(trend: Trend) -> String {
    let direction = match trend.direction {
        Direction::Rising => "rising",
        Direction::Steady => "steady",
        Direction::Falling => "falling",
    };
    let lately = match (trend.lately, trend.direction) {
        (None, _) => return direction.to_owned(),
        (Some(Lately::Faster), _) => "faster lately",
        (Some(Lately::Slower), _) => "slower lately",
        (Some(Lately::Turned), Direction::Falling) => "but rising lately",
        (Some(Lately::Turned), _) => "but falling lately",
    };
    format!("{direction}, {lately}")
}

/// The goal's state: "90.1% of the goal; 8.9 points to go; at this pace in 6.6–8.4 h".
pub fn goal(goal: &GoalStatus) -> String {
    if goal.reached {
        return format!("{}% of the goal; reached", fixed(goal.share, 1));
    }
    let mut said = format!(
        "{}% of the goal; {} points to go",
        fixed(goal.share, 1),
        points_between(goal.current, goal.goal).trim_start_matches('+')
    );
    if let (Some(low), Some(high)) = (goal.low_seconds, goal.high_seconds) {
        said.push_str(&format!("; at this pace in {}", estimate(low, high, goal.from)));
    }
    said
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

/// The percentages a tier holds, from its minimum up to the next tier's (none for the
/// highest): "75.0%–85.0%", "90.0% and above".
pub fn tier_range(min: f64, below: Option<f64>) -> String {
    match below {
        Some(below) => format!("{}–{}", pct(min), pct(below)),
        None => format!("{} and above", pct(min)),
    }
}

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
        Achievement::Gain { from, to, .. } => {
            format!("Overall coverage rose from {} to {} ({} points)", pct(*from), pct(*to), points_between(*from, *to))
        }
        Achievement::AboveTarget { packages, of, target } => {
            format!("{packages} of {} at or above the {} target", count_of(*of as u64, "package"), pct(*target))
        }
        Achievement::Tests { functions, cases } => match (functions, cases) {
            (Some(f), Some(c)) => format!("{}, {}", count_of(*f, "test function"), count_of(*c, "test case")),
            (Some(f), None) => count_of(*f, "test function"),
            (None, Some(c)) => count_of(*c, "test case"),
            (None, None) => "tests recorded".to_owned(),
        },
        Achievement::NoFailures { passed: 1 } => "The one test passed, not flaky".to_owned(),
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

/// The pace of the work as label–value pairs, each rate said per the unit that fits the span
/// it was read over, which is the duration given first.
pub fn momentum_facts(momentum: &Momentum) -> Vec<(&'static str, String)> {
    let span = momentum.seconds;
    let mut facts = vec![("Duration", span.to_string()), ("Pace", pace(momentum.gain, span))];
    if let Some(rate) = momentum.tests_per_hour {
        facts.push(("Tests", count_pace(rate, span, 1, "functions")));
    }
    if let Some(rate) = momentum.test_lines_per_hour {
        facts.push(("Test code", count_pace(rate, span, 0, "lines")));
    }
    facts.push(("Trend", trend(momentum.trend)));
    facts
}

/// The session in a few label–value pairs.
pub fn summary_facts(summary: &Summary) -> Vec<(&'static str, String)> {
    let mut facts = Vec::new();
    if let Some(span) = summary.seconds {
        facts.push(("Duration", span.to_string()));
    }
    match (summary.start_percent, summary.end_percent, summary.gain) {
        (Some(start), Some(end), Some(_)) => {
            facts.push(("Gain", format!("{} → {} ({} points)", pct(start), pct(end), points_between(start, end))))
        }
        (_, Some(end), _) => facts.push(("Coverage", pct(end))),
        _ => {}
    }
    let join = |parts: [Option<String>; 3]| parts.into_iter().flatten().collect::<Vec<_>>().join(", ");
    let tests = join([
        summary.tests.functions.map(|n| count_of(n, "function")),
        summary.tests.cases.map(|n| count_of(n, "case")),
        summary.tests.lines.map(|n| count_of(n, "line")),
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
    counted(n, metric.singular(), metric.plural())
}

/// `"3 changed lines not measured"`: what a diff changed that the report does not measure,
/// as "This change" and `covdash patch` say it.
pub fn not_measured(n: u64) -> String {
    format!("{} not measured", count_of(n, "changed line"))
}

/// `"none of its 3 files is a coverage file"`: why a folder given could not be used, `what`
/// being what was looked for among its `n` files. The page and the CLI say it of a folder
/// alike; the files' own reasons would bury what they share.
pub fn none_of_a_folders(n: u64, what: &str) -> String {
    match n {
        0 => "it holds no file".to_owned(),
        1 => format!("its one file is not {what}"),
        n => format!("none of its {} files is {what}", format_count(n)),
    }
}

/// What a file's problems are: records its reader skipped or mended (the text and XML formats),
/// or keys a JSON document has that its reader does not have (covdash JSON, a portfolio's index).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skipped {
    Records,
    Keys,
}

impl Skipped {
    /// What a reader of `format` says of what it could not use.
    pub fn of(format: crate::formats::Format) -> Skipped {
        match format {
            crate::formats::Format::CovdashJson => Skipped::Keys,
            _ => Skipped::Records,
        }
    }
}

/// `"lcov.info: 2 records skipped or repaired"`, `"history.json: 1 key it does not have, read
/// past"`: what reading a file had to leave out or mend.
pub fn skipped(file: &str, n: u64, what: Skipped) -> String {
    match what {
        Skipped::Records => format!("{file}: {} skipped or repaired", count_of(n, "record")),
        Skipped::Keys => format!("{file}: {} it does not have, read past", count_of(n, "key")),
    }
}

/// `"3 files left out by **/test/**, **/*.config.*, and with them 2 packages"`: what the
/// exclusions (`--exclude`, `--include`, the settings') left out, each glob quoted by `quote`.
/// Data of packages alone (a history) leaves packages out by name.
pub fn left_out(left_out: &crate::model::LeftOut, quote: &dyn Fn(&str) -> String) -> String {
    let globs = left_out.globs.iter().map(|g| quote(g)).collect::<Vec<String>>().join(", ");
    let (files, packages) = (left_out.files as u64, left_out.packages as u64);
    match (files, packages) {
        (0, 0) => format!("nothing left out by {globs}"),
        (0, _) => format!("{} left out by {globs}", count_of(packages, "package")),
        (_, 0) => format!("{} left out by {globs}", count_of(files, "file")),
        _ => {
            format!("{} left out by {globs}, and with them {}", count_of(files, "file"), count_of(packages, "package"))
        }
    }
}

/// `"1 more line"`, `"12 more statements"`: items of `metric` still to cover.
pub fn more(n: u64, metric: Metric) -> String {
    format!("{} more {}", format_count(n), if n == 1 { metric.singular() } else { metric.plural() })
}

/// Why a package is recommended.
pub fn reason(item: &Recommendation, metric: Metric, target: f64) -> String {
    let to_target = if item.points_to_target > 0.0 { points_between(item.percent, target) } else { points(0.0) };
    let mut parts = vec![format!("{} points to {}", to_target.trim_start_matches('+'), pct(target))];
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
    fn achievements_agree_in_number() {
        let cases = [
            (
                Achievement::AboveTarget { packages: 1, of: 1, target: 80.0 },
                "1 of 1 package at or above the 80.0% target",
            ),
            (
                Achievement::AboveTarget { packages: 2, of: 3, target: 80.0 },
                "2 of 3 packages at or above the 80.0% target",
            ),
            (Achievement::Tests { functions: Some(1), cases: Some(1) }, "1 test function, 1 test case"),
            (Achievement::Tests { functions: Some(12), cases: None }, "12 test functions"),
            (Achievement::NoFailures { passed: 1 }, "The one test passed, not flaky"),
            (Achievement::NoFailures { passed: 1_204 }, "All 1,204 tests passed, none flaky"),
        ];
        for (item, said) in cases {
            assert_eq!(achievement(&item), said);
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
        // (before, after, shown): the difference of the figures as shown beside it, 99.96% shown
        // as 99.9% (never rounded up to 100%).
        let cases = [
            (68.08, 68.03, "−0.1"),
            (67.96, 68.03, "±0.0"),
            (56.25, 56.35, "+0.2"),
            (99.96, 100.0, "+0.1"),
            (0.0, 0.01, "+0.1"),
            (26.94, 99.44, "+72.5"),
        ];
        for (before, after, shown) in cases {
            assert_eq!(points_between(before, after), shown, "{before} → {after}");
        }
        // A gate's threshold as given; the figure judged by it with the decimals it takes.
        for (given, said) in [(80.0, "80.0"), (79.95, "79.95"), (0.25, "0.25"), (0.0, "0.0"), (100.0, "100.0")] {
            assert_eq!(threshold(given), said, "{given}");
        }
        // (figure, threshold, shown)
        let cases = [
            (79.96, 80.0, "79.96"),
            (80.04, 80.0, "80.04"),
            (80.0, 80.0, "80.0"),
            (68.0, 80.0, "68.0"),
            (79.93, 79.95, "79.9"),
            (0.46, 0.5, "0.46"),
            (0.54, 0.5, "0.54"),
            (79.99999, 80.0, "79.9999"),
            (99.96, 99.95, "99.96"),
        ];
        for (value, limit, shown) in cases {
            assert_eq!(judged(value, limit), shown, "{value} against {limit}");
        }
    }

    #[test]
    fn a_pace_is_said_per_the_unit_that_fits_its_span_and_always_has_digits() {
        let (hour, day, week) = (Span::hours(1.0), Span::hours(24.0), Span::hours(168.0));
        let span = |n: f64, unit: Span| Span::seconds(n * unit.as_seconds());
        // (points, over, said)
        let cases = [
            // The seed's session: 3.7 points in 3.5 h.
            (3.7, span(3.5, hour), "+1.1 points an hour"),
            (10.0, Span::minutes(25), "+24.0 points an hour"),
            // Three weekly snapshots, 65.0 → 67.5 → 69.8.
            (4.8, span(2.0, week), "+2.4 points a week"),
            (-1.2, span(5.0, day), "−0.2 points a day"),
            // Too little to show a day: said per week; per month when a week is too little.
            (0.2, span(29.0, day), "+0.2 points a month"),
            (0.02, span(6.0, day), "+0.1 points a month"),
            (0.0, span(2.0, week), "±0.0 points a week"),
        ];
        for (gain, over, said) in cases {
            assert_eq!(pace(gain, over), said, "{gain} over {over}");
        }
    }

    #[test]
    fn trends_in_words() {
        let cases = [
            (Direction::Rising, None, "rising"),
            (Direction::Rising, Some(Lately::Slower), "rising, slower lately"),
            (Direction::Rising, Some(Lately::Turned), "rising, but falling lately"),
            (Direction::Falling, Some(Lately::Turned), "falling, but rising lately"),
            (Direction::Steady, None, "steady"),
        ];
        for (direction, lately, said) in cases {
            assert_eq!(trend(Trend { direction, lately }), said);
        }
    }

    #[test]
    fn estimates_from_a_known_time_run_to_dates() {
        let from = Timestamp::parse("2026-11-02T09:00:00Z").ok();
        let (low, high) = (Span::hours(546.0), Span::hours(624.0));
        assert_eq!(estimate(low, high, from), "3–4 weeks, around 25–28 Nov 2026");
        assert_eq!(estimate(low, high, None), "3–4 weeks");
        // A session's estimate reads as it is.
        assert_eq!(estimate(Span::hours(0.49), Span::hours(1.14), from), "30 min – 1.1 h");
    }
}
