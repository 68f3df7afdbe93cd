//! An organisation's coverage from its repositories (`docs/portfolio.md`): each repository's
//! latest figure, the organisation's weighted by counts (Σ covered / Σ total, never a mean of
//! percentages), teams weighted the same way, changes over a window, stale repositories, the
//! lines that separate each from the target, and the organisation's trend with each
//! repository's last value carried forward between its runs.
//!
//! Pure: "now" (for staleness) is given, never read from a clock.

use std::collections::BTreeMap;

use super::Readiness;
use super::{overall, OverallMethod};
use crate::model::{
    glob_match, sort_by, Counts, Coverage, Metric, Metrics, Portfolio, Report, Repository, Settings, Timestamp,
    TrendPoint, RECENT_DAYS, TREND_POINTS,
};

/// A repository's entry, from its history (or single report) as read: its latest snapshot's
/// figures, per metric, and the last snapshot of each day for its trend.
pub fn repository_of(name: String, team: Option<String>, tags: Vec<String>, report: &Report) -> Repository {
    let figures = |snapshot| {
        let mut metrics = Metrics::default();
        for metric in Metric::ALL {
            let whole = overall(snapshot, metric);
            let coverage = match whole.method {
                OverallMethod::Weighted { counts, .. } => Some(Coverage::Counts(counts)),
                _ => whole.percent.map(Coverage::Percent),
            };
            if let Some(coverage) = coverage {
                metrics.set(metric, coverage);
            }
        }
        metrics
    };
    let latest = report.latest();
    // The last snapshot of each day (snapshots are oldest first).
    let mut trend: Vec<TrendPoint> = Vec::new();
    for snapshot in &report.snapshots {
        let Some(time) = snapshot.timestamp else { continue };
        let point = TrendPoint { time, figures: figures(snapshot) };
        match trend.last_mut() {
            Some(last) if last.time.date() == time.date() => *last = point,
            _ => trend.push(point),
        }
    }
    Repository {
        name,
        team,
        tags,
        latest: latest.map(figures).unwrap_or_default(),
        last_time: latest.and_then(|s| s.timestamp),
        commit: latest.and_then(|s| s.revision.commit.clone()),
        git_ref: latest.and_then(|s| s.revision.git_ref.clone()),
        snapshots: report.snapshots.len(),
        trend: down_sample(trend, TREND_POINTS),
        packages: latest.map(|s| s.packages.iter().map(|p| (p.name.clone(), p.metrics)).collect()).unwrap_or_default(),
        history: None,
    }
}

/// At most `n` points: every one of the last [`RECENT_DAYS`] before the latest, then the
/// older ones spread evenly over what is left (the first among them).
fn down_sample(points: Vec<TrendPoint>, n: usize) -> Vec<TrendPoint> {
    if points.len() <= n || n < 2 {
        return points;
    }
    let last = points[points.len() - 1].time;
    let recent_from = points.partition_point(|p| last.seconds_since(p.time) > RECENT_DAYS * 86_400);
    let recent = points.len() - recent_from;
    let (older, keep_recent) = if recent >= n { (0, n) } else { (n - recent, recent) };
    let mut kept = Vec::with_capacity(n);
    if older > 0 && recent_from > 0 {
        let span = recent_from - 1;
        kept.extend((0..older).map(|k| points[if older == 1 { 0 } else { k * span / (older - 1) }]));
        kept.dedup_by_key(|p| p.time);
    }
    kept.extend_from_slice(&points[points.len() - keep_recent..]);
    kept
}

/// Over what a change is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// Since each repository's snapshot before its latest.
    LastSnapshot,
    /// Since the repository's figure as it stood this many days before its latest run.
    Days(u32),
}

/// The windows every view offers: the snapshot before, 7 days, 30 days.
pub const WINDOWS: [Window; 3] = [Window::LastSnapshot, Window::Days(7), Window::Days(30)];

/// How the organisation is looked at.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioOptions {
    pub metric: Metric,
    pub target: f64,
    pub window: Window,
    pub stale_after_days: u32,
    /// The moment staleness is judged at.
    pub now: Timestamp,
}

/// Days without a run before a repository is stale, when the index does not say.
pub const STALE_AFTER_DAYS: u32 = 14;

/// One repository's standing.
#[derive(Debug, Clone, PartialEq)]
pub struct RepositoryRow {
    pub name: String,
    pub team: Option<String>,
    pub tags: Vec<String>,
    /// `None`: no counts for the metric (left out of every total).
    pub counts: Option<Counts>,
    pub percent: Option<f64>,
    /// The tier's index among the settings' tiers (0 the highest).
    pub tier: Option<usize>,
    /// In points, over the window; `None` where there is nothing to compare with.
    pub change: Option<f64>,
    /// In points, over each of [`WINDOWS`], in order.
    pub changes: [Option<f64>; 3],
    pub last_time: Option<Timestamp>,
    pub stale: bool,
    /// Items to cover to reach the target (0 at or above it).
    pub to_target: Option<u64>,
    /// A down-sampled trend of the metric's percentage, oldest first, for a sparkline.
    pub spark: Vec<f64>,
    pub snapshots: usize,
    /// Its latest packages' counts for the metric (`None`: none for it).
    pub packages: Vec<(String, Option<Counts>)>,
    /// Where its history is, relative to the built portfolio, when it was built from one.
    pub history: Option<String>,
}

/// One team's standing, weighted by counts.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamRow {
    pub team: String,
    pub counts: Counts,
    pub percent: Option<f64>,
    pub readiness: Readiness,
    pub repositories: usize,
    /// Of them, those without counts for the metric.
    pub without_metric: usize,
    pub to_target: u64,
}

/// The organisation on one day: every repository's last figure by its end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OrgPoint {
    pub time: Timestamp,
    pub counts: Counts,
    /// Repositories with a figure by then.
    pub repositories: usize,
    /// Of them, those whose figure is from an earlier day (carried forward).
    pub carried: usize,
}

/// The organisation's view.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioAnalysis {
    pub title: Option<String>,
    pub metric: Metric,
    pub target: f64,
    pub window: Window,
    pub stale_after_days: u32,
    /// Σ covered / Σ total over the repositories with counts for the metric.
    pub total: Counts,
    pub percent: Option<f64>,
    /// In the portfolio's order.
    pub repositories: Vec<RepositoryRow>,
    /// Repositories with no counts for the metric, by name: listed, left out of the total.
    pub without_metric: Vec<String>,
    /// By name; repositories with no team are in none.
    pub teams: Vec<TeamRow>,
    /// How many repositories per tier, highest first.
    pub tiers: Vec<(String, usize)>,
    pub trend: Vec<OrgPoint>,
    pub stale: usize,
    /// The organisation's counts for every metric some repository has, in [`Metric::ALL`]
    /// order: for a switch between them.
    pub per_metric: Vec<(Metric, Counts)>,
}

/// The organisation's view of `portfolio`.
pub fn analyse_portfolio(portfolio: &Portfolio, options: &PortfolioOptions, settings: &Settings) -> PortfolioAnalysis {
    let metric = options.metric;
    let tiers = settings.tiers.as_slice();
    let stale_after = i64::from(options.stale_after_days) * 86_400;
    let team_of = |repository: &Repository| -> Option<String> {
        repository.team.clone().or_else(|| {
            portfolio
                .teams
                .iter()
                .find(|(_, globs)| globs.iter().any(|g| glob_match(g, &repository.name)))
                .map(|(team, _)| team.clone())
        })
    };
    let percent_of = |figures: &Metrics| figures.get(metric).and_then(Coverage::percent).map(|p| p.value());
    let mut rows = Vec::with_capacity(portfolio.repositories.len());
    for repository in &portfolio.repositories {
        let counts = repository.counts(metric);
        let percent = counts.and_then(Counts::percent).map(|p| p.value());
        let change_over = |window| {
            percent.and_then(|now| Some(now - before(repository, window).and_then(|p| percent_of(&p.figures))?))
        };
        let change = change_over(options.window);
        let changes = WINDOWS.map(change_over);
        let to_target = counts.map(|c| items_to(c, options.target));
        rows.push(RepositoryRow {
            name: repository.name.clone(),
            team: team_of(repository),
            tags: repository.tags.clone(),
            counts,
            percent,
            tier: percent.and_then(crate::model::Percent::new).map(|p| settings.tiers.index_of(p)),
            change,
            changes,
            last_time: repository.last_time,
            stale: repository.last_time.is_none_or(|t| options.now.seconds_since(t) > stale_after),
            to_target,
            spark: repository.trend.iter().filter_map(|p| percent_of(&p.figures)).collect(),
            snapshots: repository.snapshots,
            packages: repository
                .packages
                .iter()
                .map(|(name, figures)| (name.clone(), figures.get(metric).and_then(Coverage::counts)))
                .collect(),
            history: repository.history.clone(),
        });
    }
    let total = rows.iter().filter_map(|r| r.counts).fold(Counts::default(), Counts::saturating_add);
    let without_metric = rows.iter().filter(|r| r.counts.is_none()).map(|r| r.name.clone()).collect();
    let mut by_team: BTreeMap<&str, Vec<&RepositoryRow>> = BTreeMap::new();
    for row in &rows {
        if let Some(team) = &row.team {
            by_team.entry(team).or_default().push(row);
        }
    }
    let teams = by_team
        .into_iter()
        .map(|(team, members)| {
            let counts = members.iter().filter_map(|r| r.counts).fold(Counts::default(), Counts::saturating_add);
            let percent = counts.percent().map(|p| p.value());
            TeamRow {
                team: team.to_owned(),
                counts,
                percent,
                readiness: Readiness::of(percent, options.target),
                repositories: members.len(),
                without_metric: members.iter().filter(|r| r.counts.is_none()).count(),
                to_target: items_to(counts, options.target),
            }
        })
        .collect();
    let mut per_tier = vec![0usize; tiers.len()];
    for tier in rows.iter().filter_map(|r| r.tier) {
        per_tier[tier] += 1;
    }
    let stale = rows.iter().filter(|r| r.stale).count();
    PortfolioAnalysis {
        title: portfolio.title.clone(),
        metric,
        target: options.target,
        window: options.window,
        stale_after_days: options.stale_after_days,
        total,
        percent: total.percent().map(|p| p.value()),
        without_metric,
        teams,
        tiers: tiers.iter().zip(per_tier).map(|(t, n)| (t.name.clone(), n)).collect(),
        trend: org_trend(portfolio, metric),
        per_metric: Metric::ALL
            .into_iter()
            .filter_map(|m| {
                let counts: Vec<Counts> = portfolio.repositories.iter().filter_map(|r| r.counts(m)).collect();
                (!counts.is_empty()).then(|| (m, counts.into_iter().fold(Counts::default(), Counts::saturating_add)))
            })
            .collect(),
        repositories: rows,
        stale,
    }
}

/// The items of `counts` still to cover to reach `target` percent.
fn items_to(counts: Counts, target: f64) -> u64 {
    let needed = (target / 100.0 * counts.total() as f64 - 1e-9).ceil().max(0.0) as u64;
    needed.saturating_sub(counts.covered())
}

/// The trend point a change over `window` is measured from.
fn before(repository: &Repository, window: Window) -> Option<&TrendPoint> {
    measured_from(&repository.trend, window, repository.last_time, |p| p.time)
}

/// Of a trend (oldest first), the point a change over `window` to its last is measured from:
/// the one before the last, or the latest at least the window's days before `latest` (`None`
/// where the trend does not reach back that far).
fn measured_from<T>(
    trend: &[T],
    window: Window,
    latest: Option<Timestamp>,
    time: impl Fn(&T) -> Timestamp,
) -> Option<&T> {
    let [earlier @ .., _] = trend else { return None };
    match window {
        Window::LastSnapshot => earlier.last(),
        Window::Days(days) => {
            let since = latest?.plus_seconds(-f64::from(days) * 86_400.0)?;
            earlier.iter().rev().find(|p| time(p) <= since)
        }
    }
}

impl PortfolioAnalysis {
    /// The organisation's change over its window: the trend's point it is measured from, and
    /// its last; `None` where the trend does not reach back that far.
    pub fn change(&self) -> Option<(&OrgPoint, &OrgPoint)> {
        let last = self.trend.last()?;
        let from = measured_from(&self.trend, self.window, Some(last.time), |p| p.time)?;
        Some((from, last))
    }
}

/// The organisation by day: on each day a repository ran, every repository's last figure by
/// that day's end, summed; a repository that did not run that day keeps its last figure
/// (carried, and counted as such), one not yet measured takes no part.
fn org_trend(portfolio: &Portfolio, metric: Metric) -> Vec<OrgPoint> {
    // Each repository's counts by day, oldest first.
    let series: Vec<Vec<(i64, Counts)>> = portfolio
        .repositories
        .iter()
        .map(|r| r.trend.iter().filter_map(|p| Some((day(p.time), p.figures.get(metric)?.counts()?))).collect())
        .collect();
    let mut days: Vec<i64> = series.iter().flatten().map(|(d, _)| *d).collect();
    sort_by(&mut days, i64::cmp);
    days.dedup();
    // One cursor per repository, moved forward as the days go by: linear in points and days.
    let mut next = vec![0usize; series.len()];
    let mut points = Vec::with_capacity(days.len());
    for day in days {
        let (mut counts, mut repositories, mut carried) = (Counts::default(), 0, 0);
        for (points_of, at) in series.iter().zip(next.iter_mut()) {
            while *at < points_of.len() && points_of[*at].0 <= day {
                *at += 1;
            }
            if let Some((when, figure)) = at.checked_sub(1).map(|i| points_of[i]) {
                counts = counts.saturating_add(figure);
                repositories += 1;
                carried += usize::from(when < day);
            }
        }
        points.push(OrgPoint { time: Timestamp::from_unix_seconds(day * 86_400), counts, repositories, carried });
    }
    // A chart of a few hundred points says what one of a thousand does.
    if points.len() > ORG_TREND_POINTS {
        let last = points.len() - 1;
        points = (0..ORG_TREND_POINTS).map(|k| points[k * last / (ORG_TREND_POINTS - 1)]).collect();
    }
    points
}

/// The most days the organisation's trend keeps: every one computed, then spread evenly.
pub const ORG_TREND_POINTS: usize = 120;

/// The UTC day a time falls on, as days since 1970.
fn day(time: Timestamp) -> i64 {
    time.unix_seconds().div_euclid(86_400)
}
