//! What `covdash portfolio` prints: the organisation's figure, weighted by counts, its trend,
//! every repository (furthest from the target first), the teams, the tiers and where the lines
//! to the target are, as a terminal table, a Markdown comment within a budget, CSV (one row per
//! repository) or JSON (`docs/portfolio.md`).
//!
//! Each phrase and ordering is built once here and laid out by each output.

use serde::Serialize;

use super::files::listed;
use super::phrases::points_between;
use super::report::{fitted, markdown_name, markdown_words, Block, Markdown, MarkdownOptions, Need};
use super::sections::{AsText, Quote};
use super::table::{Cell, Layout, Table};
use crate::analysis::{PortfolioAnalysis, RepositoryRow, Window};
use crate::model::{sort_by, Timestamp};
use covdash_protocol::decimal::shortest;
use covdash_protocol::escape::{self, terminal};
use covdash_protocol::format::{counted, format_count};
use covdash_protocol::pct;

/// How many repositories the text and Markdown recommendations name.
pub const RECOMMENDED: usize = 10;

/// The organisation in one sentence: `"78.4% of lines (12,345 of 15,740) across 5
/// repositories, weighted by counts"`, then what was left out and what is stale; for a
/// terminal, the repositories' names made safe.
pub fn portfolio_headline(a: &PortfolioAnalysis) -> String {
    headline(a, &AsText)
}

/// [`portfolio_headline`], covdash's words and the repositories' names each quoted by `q`.
pub(crate) fn headline(a: &PortfolioAnalysis, q: &dyn Quote) -> String {
    let metric = a.metric.plural();
    let with_counts = a.repositories.len() - a.without_metric.len();
    let said = match a.percent {
        Some(percent) => format!(
            "{} of {metric} ({} of {}) across {}, weighted by counts",
            pct(percent),
            format_count(a.total.covered()),
            format_count(a.total.total()),
            counted(with_counts as u64, "repository", "repositories"),
        ),
        None => format!("no {metric} counted in any repository"),
    };
    let mut said = q.words(&said);
    if let Some(names) = listed(a.without_metric.iter().map(|n| q.name(n)), a.without_metric.len(), 5) {
        let n = a.without_metric.len() as u64;
        let left_out =
            format!("; {} without {metric} counts, left out of the total: ", counted(n, "repository", "repositories"));
        said.push_str(&q.words(&left_out));
        said.push_str(&names);
    }
    if a.stale > 0 {
        said.push_str(&q.words(&format!(
            "; {} stale ({})",
            counted(a.stale as u64, "repository", "repositories"),
            stale_words(a.stale_after_days)
        )));
    }
    said
}

/// The organisation's trend in words: `"71.0% on 3 Nov 2026 → 78.4% on 4 Dec 2026 (30 days
/// with a run; on the last, 4 of 6 repositories carried from an earlier run)"`.
pub fn portfolio_trend(a: &PortfolioAnalysis) -> Option<String> {
    let first = a.trend.iter().find(|p| p.counts.total() > 0)?;
    let last = a.trend.last()?;
    let percent = |p: &crate::analysis::OrgPoint| p.counts.percent().map_or("n/a".to_owned(), |p| pct(p.value()));
    let mut said = format!("{} on {} → {} on {}", percent(first), first.time.date(), percent(last), last.time.date());
    said.push_str(&format!(" ({} with a run", counted(a.trend.len() as u64, "day", "days")));
    if last.carried > 0 {
        said.push_str(&format!(
            "; on the last, {} of {} carried from an earlier run",
            format_count(last.carried as u64),
            counted(last.repositories as u64, "repository", "repositories")
        ));
    }
    said.push(')');
    Some(said)
}

/// What makes a repository stale, in words: "no run in 14 days".
pub fn stale_words(days: u32) -> String {
    format!("no run in {}", counted(u64::from(days), "day", "days"))
}

/// What a change is measured over, in words.
pub fn window_words(window: Window) -> String {
    match window {
        Window::LastSnapshot => "since each repository's snapshot before".to_owned(),
        Window::Days(1) => "over a day".to_owned(),
        Window::Days(days) => format!("over {days} days"),
    }
}

/// The repositories, furthest below the target first (by items to the target, then the lowest
/// figure), those without the metric last.
pub fn ranked(a: &PortfolioAnalysis) -> Vec<&RepositoryRow> {
    let mut rows: Vec<&RepositoryRow> = a.repositories.iter().collect();
    sort_by(&mut rows, |x, y| {
        let key = |r: &RepositoryRow| (r.counts.is_none(), std::cmp::Reverse(r.to_target.unwrap_or(0)));
        key(x)
            .cmp(&key(y))
            .then(x.percent.unwrap_or(f64::INFINITY).total_cmp(&y.percent.unwrap_or(f64::INFINITY)))
            .then_with(|| x.name.cmp(&y.name))
    });
    rows
}

/// `"▁▂▄▆█"`: the last 16 figures of a trend, scaled to their own range.
pub fn sparkline(values: &[f64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let values = &values[values.len().saturating_sub(16)..];
    let (low, high) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| (l.min(*v), h.max(*v)));
    values
        .iter()
        .map(|v| match high - low {
            range if range < 0.05 => BARS[3],
            range => BARS[(((v - low) / range) * 7.0).round().clamp(0.0, 7.0) as usize],
        })
        .collect()
}

/// A repository's cells, as every table shows them.
struct Shown {
    figure: String,
    change: String,
    to_target: String,
    last_run: String,
    stale: &'static str,
}

fn shown(row: &RepositoryRow, metric: &str) -> Shown {
    Shown {
        figure: match (row.percent, row.counts) {
            (Some(p), _) => pct(p),
            (None, Some(_)) => "n/a".to_owned(),
            (None, None) => format!("no {metric}"),
        },
        change: row
            .change
            .zip(row.percent)
            .map_or(String::new(), |(c, now)| format!("{} pts", points_between(now - c, now))),
        to_target: match row.to_target {
            Some(0) => "reached".to_owned(),
            Some(n) => format_count(n),
            None => String::new(),
        },
        last_run: row.last_time.map_or("no time".to_owned(), |t| t.date().to_string()),
        stale: if row.stale { "stale" } else { "" },
    }
}

/// The terminal's view.
pub fn portfolio_text(a: &PortfolioAnalysis) -> String {
    let metric = a.metric.plural();
    let mut out = String::new();
    let title = a.title.as_deref().map_or("Organisation".to_owned(), |t| terminal(t).into_owned());
    out.push_str(&format!("{title}\n{metric} · target {} · change {}\n\n", pct(a.target), window_words(a.window)));
    out.push_str(&format!("{}\n", portfolio_headline(a).replace('\n', " ")));
    if let Some(trend) = portfolio_trend(a) {
        out.push_str(&format!("trend: {trend}\n"));
    }
    out.push('\n');
    let mut table = Table::default();
    let head = ["repository", "team", "coverage", "change", &format!("{metric} to target"), "last run", "", "trend"];
    table.push(
        head.iter()
            .enumerate()
            .map(|(i, h)| if (2..=4).contains(&i) { Cell::right(h) } else { Cell::left(h) })
            .collect(),
    );
    for row in ranked(a) {
        let s = shown(row, metric);
        table.push(vec![
            Cell::left(escape::elide(&terminal(&row.name), 40)),
            Cell::left(row.team.as_deref().map_or(String::new(), |t| terminal(t).into_owned())),
            Cell::right(s.figure),
            Cell::right(s.change),
            Cell::right(s.to_target),
            Cell::left(s.last_run),
            Cell::left(s.stale),
            Cell::left(sparkline(&row.spark)),
        ]);
    }
    out.push_str(&table.render(Layout { indent: 0, width: None, color: false }));
    if !a.teams.is_empty() {
        out.push_str("\nteams (weighted by counts)\n");
        let mut table = Table::default();
        table.push(vec![
            Cell::left("team"),
            Cell::right("coverage"),
            Cell::left("readiness"),
            Cell::right("repositories"),
            Cell::right(format!("{metric} to target")),
        ]);
        for team in &a.teams {
            table.push(vec![
                Cell::left(terminal(&team.team)),
                Cell::right(team.percent.map_or("n/a".to_owned(), pct)),
                Cell::left(super::phrases::readiness(team.readiness)),
                Cell::right(format_count(team.repositories as u64)),
                Cell::right(format_count(team.to_target)),
            ]);
        }
        out.push_str(&table.render(Layout { indent: 0, width: None, color: false }));
    }
    out.push_str(&format!("\ntiers: {}\n", tiers_said(a)));
    let closest = recommended(a);
    if !closest.is_empty() {
        out.push_str(&format!("\nwhere the {metric} to the target are (most first):\n"));
        for (at, row) in closest.iter().enumerate() {
            out.push_str(&format!(
                "{:>2}. {}: {} to reach {}\n",
                at + 1,
                terminal(&row.name),
                counted(row.to_target.unwrap_or(0), a.metric.singular(), metric),
                pct(a.target)
            ));
        }
    }
    out
}

/// `"Elite 2 · Excellent 1 · Good 0 · OK 0 · Needs work 3"`.
fn tiers_said(a: &PortfolioAnalysis) -> String {
    a.tiers.iter().map(|(name, n)| format!("{name} {n}")).collect::<Vec<_>>().join(" · ")
}

/// The repositories with the most items to the target, at most [`RECOMMENDED`].
pub fn recommended(a: &PortfolioAnalysis) -> Vec<&RepositoryRow> {
    ranked(a).into_iter().filter(|r| r.to_target.is_some_and(|n| n > 0)).take(RECOMMENDED).collect()
}

/// The Markdown comment: the headline, the teams' table and the repositories' (furthest from
/// the target first), within `max_chars`, cut as every Markdown comment is: the rows furthest
/// from the target kept, and what was left out said.
pub fn portfolio_markdown(a: &PortfolioAnalysis, max_chars: usize) -> String {
    let metric = a.metric.plural();
    let title = a.title.as_deref().map_or("Coverage across the organisation".to_owned(), markdown_words);
    let mut head = format!("### {title}\n\n**{}**", headline(a, &Markdown));
    head.push_str(&format!(" (target {}; change {}).\n\n", pct(a.target), window_words(a.window)));
    if let Some(trend) = portfolio_trend(a) {
        head.push_str(&format!("Trend: {}.\n\n", markdown_words(&trend)));
    }
    let mut teams = String::new();
    if !a.teams.is_empty() {
        teams.push_str(&format!(
            "| team | coverage | readiness | repositories | {metric} to target |\n|---|---:|---|---:|---:|\n"
        ));
        for team in &a.teams {
            teams.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                markdown_name(&team.team),
                team.percent.map_or("n/a".to_owned(), pct),
                super::phrases::readiness(team.readiness),
                format_count(team.repositories as u64),
                format_count(team.to_target)
            ));
        }
        teams.push('\n');
    }
    let tiers = format!("Tiers: {}.\n", markdown_words(&tiers_said(a)));
    let table_head =
        format!("| repository | team | coverage | change | {metric} to target | last run | |\n|---|---|---:|---:|---:|---|---|\n");
    // Furthest from the target first: the rows kept when not all fit.
    let rows: Vec<(Need, String)> = ranked(a)
        .into_iter()
        .map(|row| {
            let s = shown(row, metric);
            let row = format!(
                "| {} | {} | {} | {} | {} | {} | {} |\n",
                markdown_name(&row.name),
                row.team.as_deref().map_or(String::new(), markdown_name),
                s.figure,
                s.change,
                s.to_target,
                s.last_run,
                if row.stale { "⚠ stale" } else { "" }
            );
            (Need::First, row)
        })
        .collect();
    let blocks = vec![
        Block::Fixed(head + &teams),
        Block::Rows { rank: 0, head: table_head, rows, tail: "\n".to_owned(), noun: ("repository", "repositories") },
        Block::Fixed(tiers),
    ];
    fitted(blocks, &MarkdownOptions { max_chars, link: None })
}

/// CSV, one row per repository in the portfolio's order, RFC 4180 quoting; a field a
/// spreadsheet would read as a formula (`=`, `+`, `-`, `@` first) is quoted with a `'` before
/// it.
pub fn portfolio_csv(a: &PortfolioAnalysis) -> String {
    let mut out =
        String::from("name,team,tags,metric,covered,total,percent,change,last_time,stale,to_target,snapshots\r\n");
    for row in &a.repositories {
        let fields = [
            csv_text(&row.name),
            csv_text(row.team.as_deref().unwrap_or("")),
            csv_text(&row.tags.join(" ")),
            a.metric.plural().to_owned(),
            row.counts.map_or(String::new(), |c| c.covered().to_string()),
            row.counts.map_or(String::new(), |c| c.total().to_string()),
            row.percent.map_or(String::new(), shortest),
            row.change.map_or(String::new(), shortest),
            row.last_time.map_or(String::new(), |t| t.to_string()),
            row.stale.to_string(),
            row.to_target.map_or(String::new(), |n| n.to_string()),
            row.snapshots.to_string(),
        ];
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_text(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() };
    if text.contains([',', '"', '\n', '\r']) || text != text.trim() {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The JSON output (`docs/portfolio.md`): the total, every repository in the portfolio's order,
/// the teams and the trend, percentages at full precision.
pub fn portfolio_json(a: &PortfolioAnalysis) -> String {
    #[derive(Serialize)]
    struct Figure {
        metric: &'static str,
        covered: u64,
        total: u64,
        percent: Option<f64>,
    }
    #[derive(Serialize)]
    struct RepositoryJson<'a> {
        name: &'a str,
        team: Option<&'a str>,
        tags: &'a [String],
        metric: &'static str,
        covered: Option<u64>,
        total: Option<u64>,
        percent: Option<f64>,
        tier: Option<&'a str>,
        change: Option<f64>,
        last_time: Option<String>,
        stale: bool,
        to_target: Option<u64>,
        snapshots: usize,
    }
    #[derive(Serialize)]
    struct TeamJson<'a> {
        team: &'a str,
        covered: u64,
        total: u64,
        percent: Option<f64>,
        readiness: &'static str,
        repositories: usize,
        without_metric: usize,
        to_target: u64,
    }
    #[derive(Serialize)]
    struct PointJson {
        date: String,
        covered: u64,
        total: u64,
        percent: Option<f64>,
        repositories: usize,
        carried: usize,
    }
    #[derive(Serialize)]
    struct Json<'a> {
        title: Option<&'a str>,
        target: f64,
        window: String,
        stale_after_days: u32,
        total: Figure,
        repositories: Vec<RepositoryJson<'a>>,
        without_metric: &'a [String],
        teams: Vec<TeamJson<'a>>,
        tiers: Vec<(&'a str, usize)>,
        trend: Vec<PointJson>,
    }
    let metric = a.metric.plural();
    let date = |t: Timestamp| t.to_string()[..10].to_owned();
    let json = Json {
        title: a.title.as_deref(),
        target: a.target,
        window: match a.window {
            Window::LastSnapshot => "last".to_owned(),
            Window::Days(d) => format!("{d}d"),
        },
        stale_after_days: a.stale_after_days,
        total: Figure { metric, covered: a.total.covered(), total: a.total.total(), percent: a.percent },
        repositories: a
            .repositories
            .iter()
            .map(|r| RepositoryJson {
                name: &r.name,
                team: r.team.as_deref(),
                tags: &r.tags,
                metric,
                covered: r.counts.map(|c| c.covered()),
                total: r.counts.map(|c| c.total()),
                percent: r.percent,
                tier: r.tier.and_then(|t| a.tiers.get(t)).map(|(name, _)| name.as_str()),
                change: r.change,
                last_time: r.last_time.map(|t| t.to_string()),
                stale: r.stale,
                to_target: r.to_target,
                snapshots: r.snapshots,
            })
            .collect(),
        without_metric: &a.without_metric,
        teams: a
            .teams
            .iter()
            .map(|t| TeamJson {
                team: &t.team,
                covered: t.counts.covered(),
                total: t.counts.total(),
                percent: t.percent,
                readiness: match t.readiness {
                    crate::analysis::Readiness::Ready => "ready",
                    crate::analysis::Readiness::Near => "near",
                    crate::analysis::Readiness::Below => "below",
                    crate::analysis::Readiness::Unknown => "unknown",
                },
                repositories: t.repositories,
                without_metric: t.without_metric,
                to_target: t.to_target,
            })
            .collect(),
        tiers: a.tiers.iter().map(|(name, n)| (name.as_str(), *n)).collect(),
        trend: a
            .trend
            .iter()
            .map(|p| PointJson {
                date: date(p.time),
                covered: p.counts.covered(),
                total: p.counts.total(),
                percent: p.counts.percent().map(|p| p.value()),
                repositories: p.repositories,
                carried: p.carried,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&json).unwrap_or_default() + "\n"
}
