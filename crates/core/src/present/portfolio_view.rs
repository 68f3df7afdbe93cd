//! The organisation on the page: a portfolio's view laid out as the dashboard lays out a
//! report, its rows the repositories (the same virtualised list, filter and movers), its trend
//! the organisation's by day, its sections the teams' readiness, the tiers, where the lines to
//! the target are and what the figure leaves out (`docs/portfolio.md`).

use std::rc::Rc;

use covdash_protocol::view::*;

use super::phrases::{self, points, points_between};
use super::portfolio::{headline, portfolio_trend, recommended, stale_words, window_words};
use super::sections::{readiness_mark, readiness_tone, AsText, Quote};
use crate::analysis::{OrgPoint, PortfolioAnalysis, Readiness, RepositoryRow, WINDOWS};
use crate::model::{sort_by, Percent, Settings, Span, Timestamp};
use covdash_protocol::escape::visible;
use covdash_protocol::format::{count_of, counted, format_count, format_percent, rounded_percent};
use covdash_protocol::pct;
use covdash_protocol::vocab::Section;

fn tier_of(settings: &Settings, percent: Option<f64>) -> Option<TierView> {
    percent.and_then(Percent::new).map(|p| TierView::of(&settings.tiers, p))
}

fn date_of(time: Timestamp) -> String {
    time.date().to_string()
}

/// The organisation's dashboard; the repositories named in `openable` have their own (their
/// histories were given).
pub fn portfolio_dashboard(
    a: &PortfolioAnalysis,
    settings: &Settings,
    names: &str,
    openable: &[String],
) -> DashboardView {
    let metric = a.metric.plural();
    let latest = a.repositories.iter().filter_map(|r| r.last_time).max();
    let with_counts = a.repositories.len() - a.without_metric.len();
    let method = format!(
        "weighted by counts: {} of {} {metric} across {}{}",
        format_count(a.total.covered()),
        format_count(a.total.total()),
        counted(with_counts as u64, "repository", "repositories"),
        match a.without_metric.len() {
            0 => String::new(),
            n => format!("; {} without {metric} left out", counted(n as u64, "repository", "repositories")),
        }
    );
    // Highest first, as packages are listed; those without the metric last.
    let mut rows: Vec<&RepositoryRow> = a.repositories.iter().collect();
    sort_by(&mut rows, |x, y| {
        y.percent.unwrap_or(-1.0).total_cmp(&x.percent.unwrap_or(-1.0)).then_with(|| x.name.cmp(&y.name))
    });
    let packages: Rc<[PackageRow]> = rows
        .iter()
        .map(|r| {
            let mut said = Vec::new();
            if let Some(c) = r.counts {
                said.push(format!("{} of {} {metric}", format_count(c.covered()), format_count(c.total())));
            } else {
                said.push(format!("no {metric} counted"));
            }
            said.push(r.last_time.map_or("no run time".to_owned(), |t| format!("last run {}", date_of(t))));
            if r.stale {
                said.push("⚠ stale".to_owned());
            }
            if let Some(n) = r.to_target.filter(|n| *n > 0) {
                said.push(format!("{} {metric} to target", format_count(n)));
            }
            let team = r.team.as_deref().map(visible);
            PackageRow {
                key: r.name.clone(),
                name: visible(&r.name),
                full_name: match &team {
                    Some(team) => format!("{} · {team}", visible(&r.name)),
                    None => visible(&r.name),
                },
                value: r.percent.and_then(Percent::new).map(rounded_percent),
                text: format_percent(r.percent.and_then(Percent::new)),
                counts: Some(said.join(" · ")),
                tier: tier_of(settings, r.percent),
                n_files: 0,
                spark: (r.spark.len() > 1).then(|| r.spark.iter().map(|v| Some(*v as f32)).collect()),
                dashboard: openable.contains(&r.name),
                uncovered: r.counts.map(|c| c.missed()),
                changes: r
                    .changes
                    .iter()
                    .map(|c| {
                        c.zip(r.percent)
                            .map_or(String::new(), |(c, now)| format!("{} pts", points_between(now - c, now)))
                    })
                    .collect(),
                history: r.history.clone(),
            }
        })
        .collect();
    DashboardView {
        rows: Rows::Repositories,
        title: visible(a.title.as_deref().unwrap_or("Organisation")),
        names: visible(names),
        snapshot_label: "Latest runs".to_owned(),
        snapshot_time: latest.map(|t| format!("last run {}", date_of(t))),
        overall: OverallView {
            value: a.percent.and_then(Percent::new).map(rounded_percent),
            text: format_percent(a.percent.and_then(Percent::new)),
            method,
            tier: tier_of(settings, a.percent),
        },
        packages,
        snapshots: Vec::new(),
        metrics: a
            .per_metric
            .iter()
            .map(|(m, counts)| MetricChoice {
                metric: *m,
                label: m.label().to_owned(),
                overall: format_percent(counts.percent()),
                selected: *m == a.metric,
            })
            .collect(),
        trend: trend(a, settings),
        movers: movers(a),
        refs: Vec::new(),
        left_out: (!a.without_metric.is_empty()).then(|| {
            let n = a.without_metric.len() as u64;
            let has = if n == 1 { "has" } else { "have" };
            visible(&format!(
                "{} {has} no {metric} counts: listed, but not in the total",
                counted(n, "repository", "repositories")
            ))
        }),
    }
}

/// The organisation's figure by day, each repository's last figure carried between its runs.
fn trend(a: &PortfolioAnalysis, settings: &Settings) -> Option<TrendView> {
    let org = &a.trend;
    if org.len() < 2 {
        return None;
    }
    let (first, last) = (org[0].time.unix_seconds(), org[org.len() - 1].time.unix_seconds());
    let span = (last - first).max(1) as f64;
    let values: Vec<Option<f64>> = org.iter().map(|p| p.counts.percent().map(Percent::value)).collect();
    let points: Rc<[TrendPoint]> = org
        .iter()
        .enumerate()
        .map(|(index, p)| {
            let value = values[index];
            let text = format_percent(value.and_then(Percent::new));
            let change = index
                .checked_sub(1)
                .and_then(|i| values[i])
                .zip(value)
                .map(|(b, v)| format!("{} points", points_between(b, v)));
            let label = date_of(p.time);
            let carried = match p.carried {
                0 => format!("{} measured", counted(p.repositories as u64, "repository", "repositories")),
                n => format!("{} of {} carried from an earlier run", n, p.repositories),
            };
            let mut parts = vec![label.clone(), text.clone()];
            parts.extend(change.clone());
            parts.push(carried);
            TrendPoint {
                index,
                x: (p.time.unix_seconds() - first) as f64 / span,
                value,
                text,
                label,
                commit: None,
                time: None,
                change,
                selected: index == values.len() - 1,
                description: parts.join(" · "),
            }
        })
        .collect();
    let target = a.target;
    let goal = settings.goal.map(Percent::value);
    let lowest = values.iter().flatten().copied().chain([target]).chain(goal).fold(100.0, f64::min);
    Some(TrendView {
        summary: format!("The organisation's {} by day: {}", a.metric.plural(), portfolio_trend(a).unwrap_or_default()),
        metric: a.metric.plural().to_owned(),
        points,
        target,
        goal,
        floor: ((lowest / 10.0).floor() * 10.0).clamp(0.0, 90.0),
        spacing: "by time".to_owned(),
        // Its points are days, each labelled by its date.
        axis: [date_of(org[0].time), date_of(org[org.len() - 1].time)],
        selectable: false,
    })
}

/// The repositories that moved most over each window that some repository reaches.
fn movers(a: &PortfolioAnalysis) -> Vec<Movers> {
    const SHOWN: usize = 5;
    WINDOWS
        .iter()
        .enumerate()
        .filter_map(|(at, window)| {
            let mut moved: Vec<(f64, &RepositoryRow)> = a
                .repositories
                .iter()
                .filter_map(|r| Some((r.changes[at]?, r)))
                .filter(|(change, r)| r.percent.is_some_and(|now| phrases::moved(now - change, now)))
                .collect();
            if moved.is_empty() {
                return None;
            }
            sort_by(&mut moved, |x, y| y.0.total_cmp(&x.0).then_with(|| x.1.name.cmp(&y.1.name)));
            let mover = |(change, r): &(f64, &RepositoryRow)| Mover {
                name: visible(&r.name),
                full_name: visible(&r.name),
                figures: format!("{} → {}", pct(r.percent.unwrap_or(0.0) - change), pct(r.percent.unwrap_or(0.0))),
                change: format!(
                    "{} points",
                    points_between(r.percent.unwrap_or(0.0) - change, r.percent.unwrap_or(0.0))
                ),
            };
            let up = moved.iter().filter(|m| m.0 > 0.0).take(SHOWN).map(mover).collect();
            let down = moved.iter().rev().filter(|m| m.0 < 0.0).take(SHOWN).map(mover).collect();
            let (over, label) = match *window {
                crate::analysis::Window::LastSnapshot => (1, "snapshot".to_owned()),
                crate::analysis::Window::Days(days) => (days as usize, counted(u64::from(days), "day", "days")),
            };
            Some(Movers { over, label, since: window_words(*window), up, down })
        })
        .collect()
}

/// The organisation's sections: its summary, the teams' readiness, the tiers and where the
/// lines to the target are.
pub fn portfolio_sections(a: &PortfolioAnalysis, settings: &Settings) -> Vec<SectionView> {
    let q = &AsText;
    let metric = a.metric.plural();
    let n_tiers = a.tiers.len();
    let mut facts = vec![Fact { label: "Organisation".to_owned(), value: headline(a, q) }];
    // Weighted as the trend is: its point the window back, and its last.
    let percent = |p: &OrgPoint| p.counts.percent().map(Percent::value);
    if let Some((from, to, was, is)) = a.change().and_then(|(from, to)| Some((from, to, percent(from)?, percent(to)?)))
    {
        facts.push(Fact {
            label: format!("Change {}", window_words(a.window)),
            value: format!(
                "{} points: {} on {} → {} on {}",
                points_between(was, is),
                pct(was),
                from.time.date(),
                pct(is),
                to.time.date()
            ),
        });
    }
    if let Some(trend) = portfolio_trend(a) {
        facts.push(Fact { label: "Trend".to_owned(), value: q.words(&trend) });
    }
    let stale: Vec<&str> = a.repositories.iter().filter(|r| r.stale).map(|r| r.name.as_str()).collect();
    if !stale.is_empty() {
        facts.push(Fact {
            label: format!("Stale ({})", stale_words(a.stale_after_days)),
            value: q.name(&stale.join(", ")),
        });
    }
    if !a.without_metric.is_empty() {
        facts.push(Fact { label: format!("Without {metric}"), value: q.name(&a.without_metric.join(", ")) });
    }
    let teams = if a.teams.is_empty() {
        SectionBody::Unavailable(
            "no repository names a team (give each a \"team\" in the index, or teams by glob)".to_owned(),
        )
    } else {
        let rows = a
            .teams
            .iter()
            .map(|t| BarRow {
                key: t.team.clone(),
                name: q.name(&t.team),
                value: t.percent.and_then(Percent::new).map(rounded_percent),
                text: format_percent(t.percent.and_then(Percent::new)),
                value_text: format!(
                    "{} of {metric} covered, weighted by counts",
                    format_percent(t.percent.and_then(Percent::new))
                ),
                note: Some(readiness_mark(t.readiness).to_owned()),
                detail: Some(q.words(&format!(
                    "{} · {} {metric} to target",
                    counted_repositories(t.repositories),
                    format_count(t.to_target)
                ))),
                tone: Some(readiness_tone(t.readiness)),
            })
            .collect();
        SectionBody::Bars { rows, footer: Some(format!("Ready at {} or more; near within 5 points", pct(a.target))) }
    };
    let n_with = (a.repositories.len() - a.without_metric.len()).max(1) as f64;
    let range = |at: usize| {
        let tier = settings.tiers.as_slice().get(at)?;
        Some(phrases::tier_range(tier.min.value(), settings.tiers.ceiling(at).map(Percent::value)))
    };
    let tiers = SectionBody::Bars {
        rows: a
            .tiers
            .iter()
            .enumerate()
            .map(|(at, (name, n))| {
                let share = *n as f64 * 100.0 / n_with;
                BarRow {
                    key: name.clone(),
                    name: q.name(name),
                    value: Some(share.round()),
                    text: counted(*n as u64, "repository", "repositories"),
                    value_text: format!("{} in {name}", counted(*n as u64, "repository", "repositories")),
                    note: Some(pct(share)),
                    detail: range(at),
                    tone: Some(Tone::of(at, n_tiers)),
                }
            })
            .collect(),
        footer: None,
    };
    let closest = recommended(a);
    let recommendations = if closest.is_empty() {
        SectionBody::Unavailable(format!("every repository with {metric} counts has reached the target"))
    } else {
        SectionBody::Bars {
            rows: closest
                .iter()
                .map(|r| BarRow {
                    key: r.name.clone(),
                    name: q.name(&r.name),
                    value: r.percent.and_then(Percent::new).map(rounded_percent),
                    text: format_percent(r.percent.and_then(Percent::new)),
                    value_text: format!("{} of {metric} covered", format_percent(r.percent.and_then(Percent::new))),
                    note: Some(format!("{} {metric} to {}", format_count(r.to_target.unwrap_or(0)), pct(a.target))),
                    detail: r.team.as_deref().map(|t| format!("{}{}", q.words("team "), q.name(t))),
                    tone: r.tier.map(|t| Tone::of(t, n_tiers)),
                })
                .collect(),
            footer: Some(match closest.len() {
                1 => format!("The one repository with {metric} to the target"),
                n => format!("The {n} repositories with the most {metric} to the target, the most first"),
            }),
        }
    };
    vec![
        SectionView::new(Section::Summary, SectionBody::Facts(facts)),
        SectionView::new(Section::Readiness, teams),
        SectionView::new(Section::TimeToTarget, time_to_target(a)),
        SectionView::new(Section::Distribution, tiers),
        SectionView::new(Section::Achievements, achievements(a)),
        SectionView::new(Section::Recommendations, recommendations),
    ]
}

/// The organisation's pace over the last 30 days of its trend, and when it reaches the target
/// at that pace, in days, weeks or months and a date.
fn time_to_target(a: &PortfolioAnalysis) -> SectionBody {
    let (Some(last), Some(now)) = (a.trend.last(), a.percent) else {
        return SectionBody::Unavailable("the organisation has no figure with a time".to_owned());
    };
    if now >= a.target {
        return SectionBody::Unavailable(format!(
            "the organisation is at {}, at or above the {} target",
            pct(now),
            pct(a.target)
        ));
    }
    let since = last.time.plus_seconds(-30.0 * 86_400.0);
    let Some(first) = a.trend.iter().rev().find(|p| since.is_some_and(|s| p.time <= s)).or(a.trend.first()) else {
        return SectionBody::Unavailable("no trend to read a pace from".to_owned());
    };
    let days = last.time.seconds_since(first.time) as f64 / 86_400.0;
    let (Some(then), true) = (first.counts.percent().map(Percent::value), days >= 7.0) else {
        return SectionBody::Unavailable("less than a week of the organisation's trend: no pace to go by".to_owned());
    };
    let per_day = (now - then) / days;
    let mut facts = vec![
        Fact {
            label: "Now".to_owned(),
            value: format!(
                "{}, {} points below the {} target",
                pct(now),
                points_between(now, a.target).trim_start_matches('+'),
                pct(a.target)
            ),
        },
        Fact {
            label: "Pace".to_owned(),
            value: format!(
                "{} points a week over the last {}",
                points(per_day * 7.0),
                count_of(days.round() as u64, "day")
            ),
        },
    ];
    if per_day > 0.0 {
        // Worded as every output words a time to target: days, weeks, months or years, and a date.
        let to_go = Span::seconds((a.target - now) / per_day * 86_400.0);
        facts.push(Fact {
            label: "At that pace".to_owned(),
            value: format!("the target in about {}", phrases::estimate(to_go, to_go, Some(last.time))),
        });
    } else {
        facts.push(Fact { label: "At that pace".to_owned(), value: "the target is not getting closer".to_owned() });
    }
    SectionBody::Facts(facts)
}

/// What the organisation can be pleased with.
fn achievements(a: &PortfolioAnalysis) -> SectionBody {
    let mut said = Vec::new();
    let reached = a.repositories.iter().filter(|r| r.to_target == Some(0)).count();
    let measured = a.repositories.len() - a.without_metric.len();
    if reached > 0 {
        let of = counted(measured as u64, "repository", "repositories");
        said.push(format!("{reached} of {of} at or above the {} target", pct(a.target)));
    }
    for team in a.teams.iter().filter(|t| t.readiness == Readiness::Ready) {
        said.push(format!(
            "team {} is ready: {}",
            visible(&team.team),
            format_percent(team.percent.and_then(Percent::new))
        ));
    }
    let risen = a.repositories.iter().filter(|r| r.changes[2].is_some_and(|c| c > 0.0)).count();
    if risen > 0 {
        said.push(format!("{} rose over the last 30 days", counted_repositories(risen)));
    }
    if said.is_empty() {
        return SectionBody::Unavailable(
            "no repository has reached the target or risen over the last 30 days".to_owned(),
        );
    }
    SectionBody::List(said)
}

fn counted_repositories(n: usize) -> String {
    counted(n as u64, "repository", "repositories")
}
