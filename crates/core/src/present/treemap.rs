//! Where the uncovered code is, at a glance: one level of a report (its packages, or one
//! package's files) or of an organisation (its repositories, or one repository's packages) as
//! rectangles whose areas are the items measured, coloured by tier, laid out squarified
//! (Bruls, Huizing and van Wijk: rows that keep each rectangle's sides as near equal as they
//! can). The largest [`CELLS`] are drawn and the rest are one "other" rectangle, so the map
//! costs the same at 200,000 files as at 20. Only the level shown is laid out.

use covdash_protocol::view::*;

use crate::analysis::PortfolioAnalysis;
use crate::model::{sort_by, Counts, Metric, Percent, Report, Settings};
use covdash_protocol::escape::visible;
use covdash_protocol::format::{counted, format_count, format_percent};

/// The most rectangles one level draws; the rest are one.
pub const CELLS: usize = 100;

/// Something to draw: its key, its name, its counts, whether it opens.
struct Item {
    key: String,
    name: String,
    counts: Counts,
    opens: bool,
}

/// The level at `path` of `report` as of `snapshot`: its packages, or one package's files.
pub fn report_treemap(report: &Report, settings: &Settings, snapshot: Option<usize>, path: &[String]) -> TreemapView {
    let metric = report.metric;
    let top = Crumb { label: "All packages".to_owned(), path: Vec::new() };
    let selected = snapshot.and_then(|i| report.snapshots.get(i)).or(report.latest());
    let Some(snapshot) = selected else { return level(vec![top], Vec::new(), "package", metric, settings) };
    match path {
        [package, ..] => {
            let Some(found) = snapshot.packages.iter().find(|p| &p.name == package) else {
                return level(vec![top], Vec::new(), "file", metric, settings);
            };
            let prefix = format!("{}/", found.name);
            let items = found
                .files
                .iter()
                .filter_map(|f| {
                    let name = f.path.strip_prefix(&prefix).unwrap_or(&f.path);
                    Some(Item { key: f.path.clone(), name: name.to_owned(), counts: f.counts(metric)?, opens: false })
                })
                .collect();
            let crumbs = vec![top, Crumb { label: visible(&found.name), path: vec![found.name.clone()] }];
            level(crumbs, items, "file", metric, settings)
        }
        [] => {
            let items = snapshot
                .packages
                .iter()
                .filter_map(|p| {
                    let counts = p.coverage(metric)?.counts()?;
                    Some(Item { key: p.name.clone(), name: p.name.clone(), counts, opens: !p.files.is_empty() })
                })
                .collect();
            level(vec![top], items, "package", metric, settings)
        }
    }
}

/// The level at `path` of an organisation: its repositories, or one repository's packages.
pub fn portfolio_treemap(a: &PortfolioAnalysis, settings: &Settings, path: &[String]) -> TreemapView {
    let top = Crumb { label: "All repositories".to_owned(), path: Vec::new() };
    match path {
        [repository, ..] => {
            let Some(found) = a.repositories.iter().find(|r| &r.name == repository) else {
                return level(vec![top], Vec::new(), "package", a.metric, settings);
            };
            let items = found
                .packages
                .iter()
                .filter_map(|(name, counts)| {
                    Some(Item { key: name.clone(), name: name.clone(), counts: (*counts)?, opens: false })
                })
                .collect();
            let crumbs = vec![top, Crumb { label: visible(&found.name), path: vec![found.name.clone()] }];
            level(crumbs, items, "package", a.metric, settings)
        }
        [] => {
            let items = a
                .repositories
                .iter()
                .filter_map(|r| {
                    let counts = r.counts?;
                    Some(Item { key: r.name.clone(), name: r.name.clone(), counts, opens: !r.packages.is_empty() })
                })
                .collect();
            level(vec![top], items, "repository", a.metric, settings)
        }
    }
}

/// One level laid out: the largest [`CELLS`] (by items measured), the rest as "other".
fn level(crumbs: Vec<Crumb>, mut items: Vec<Item>, noun: &str, metric: Metric, settings: &Settings) -> TreemapView {
    items.retain(|i| i.counts.total() > 0);
    sort_by(&mut items, |a, b| b.counts.total().cmp(&a.counts.total()).then_with(|| a.name.cmp(&b.name)));
    let n_items = items.len();
    if items.len() > CELLS {
        let rest = items.split_off(CELLS - 1);
        let counts = rest.iter().fold(Counts::default(), |sum, i| sum.saturating_add(i.counts));
        let name = format!("{} other {}", format_count(rest.len() as u64), plural(noun));
        items.push(Item { key: String::new(), name, counts, opens: false });
    }
    let other_at = (n_items > CELLS).then(|| items.len() - 1);
    let values: Vec<f64> = items.iter().map(|i| i.counts.total() as f64).collect();
    let rects = squarify(&values, Rect { x: 0.0, y: 0.0, w: f64::from(TREEMAP_WIDTH), h: f64::from(TREEMAP_HEIGHT) });
    let n_tiers = settings.tiers.as_slice().len();
    let cells: Vec<TreemapCell> = items
        .iter()
        .zip(rects)
        .enumerate()
        .map(|(at, (item, rect))| {
            let percent = item.counts.percent();
            let text = format_percent(percent);
            let name = visible(&item.name);
            let description = format!(
                "{name} {text}, {} of {} {}, {} not covered",
                format_count(item.counts.covered()),
                format_count(item.counts.total()),
                metric.plural(),
                format_count(item.counts.missed())
            );
            TreemapCell {
                key: item.key.clone(),
                name,
                x: rect.x as f32,
                y: rect.y as f32,
                width: rect.w as f32,
                height: rect.h as f32,
                text,
                description,
                tone: percent.map(|p: Percent| Tone::of(settings.tiers.index_of(p), n_tiers)),
                opens: item.opens,
                other: other_at == Some(at),
            }
        })
        .collect();
    let total = items.iter().fold(Counts::default(), |sum, i| sum.saturating_add(i.counts));
    let here = crumbs.last().map_or(String::new(), |c| c.label.clone());
    let summary = format!(
        "{here}: {} by {} measured, {} of {} not covered; area by {} measured, colour and pattern by tier",
        counted(n_items as u64, noun, &plural(noun)),
        metric.plural(),
        format_count(total.missed()),
        format_count(total.total()),
        metric.plural()
    );
    TreemapView { crumbs, cells, summary, noun: noun.to_owned() }
}

fn plural(noun: &str) -> String {
    match noun {
        "repository" => "repositories".to_owned(),
        other => format!("{other}s"),
    }
}

/// A rectangle of the layout.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

/// `values` (descending) as rectangles filling `space`, in the same order: rows laid along the
/// shorter side, each grown while that does not make its worst aspect ratio worse.
fn squarify(values: &[f64], space: Rect) -> Vec<Rect> {
    let total: f64 = values.iter().sum();
    if values.is_empty() || total <= 0.0 {
        return Vec::new();
    }
    let scale = space.w * space.h / total;
    let areas: Vec<f64> = values.iter().map(|v| v * scale).collect();
    let mut out = Vec::with_capacity(areas.len());
    let mut free = space;
    let mut start = 0;
    while start < areas.len() {
        let side = free.w.min(free.h);
        let mut end = start + 1;
        while end < areas.len() && worst(&areas[start..=end], side) <= worst(&areas[start..end], side) {
            end += 1;
        }
        let row = &areas[start..end];
        let sum: f64 = row.iter().sum();
        if free.w >= free.h {
            // A column at the left, as wide as its area needs.
            let width = if free.h > 0.0 { sum / free.h } else { 0.0 };
            let mut y = free.y;
            for area in row {
                let h = if width > 0.0 { area / width } else { 0.0 };
                out.push(Rect { x: free.x, y, w: width, h });
                y += h;
            }
            free = Rect { x: free.x + width, w: (free.w - width).max(0.0), ..free };
        } else {
            let height = if free.w > 0.0 { sum / free.w } else { 0.0 };
            let mut x = free.x;
            for area in row {
                let w = if height > 0.0 { area / height } else { 0.0 };
                out.push(Rect { x, y: free.y, w, h: height });
                x += w;
            }
            free = Rect { y: free.y + height, h: (free.h - height).max(0.0), ..free };
        }
        start = end;
    }
    out
}

/// The worst aspect ratio of a row of `areas` laid along a side of length `side`.
fn worst(areas: &[f64], side: f64) -> f64 {
    let sum: f64 = areas.iter().sum();
    let (min, max) = areas.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), a| (lo.min(*a), hi.max(*a)));
    if sum <= 0.0 || min <= 0.0 {
        return f64::INFINITY;
    }
    let (s2, w2) = (sum * sum, side * side);
    (w2 * max / s2).max(s2 / (w2 * min))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A level with nothing measured is an empty map that says so, for a report of percentages
    /// alone (the built-in sample), a package that is not there, and one without files.
    #[test]
    fn a_level_with_nothing_measured_is_an_empty_map() {
        let parsed = crate::formats::parse(crate::sample::JSON).unwrap_or_else(|e| panic!("{e}"));
        let settings = parsed.settings.clone().unwrap_or_default();
        let cases: [(&[&str], &str); 2] = [
            (&[], "All packages: 0 packages by statements measured, 0 of 0 not covered; area by statements measured, colour and pattern by tier"),
            (&["no such package"], "All packages: 0 files by statements measured, 0 of 0 not covered; area by statements measured, colour and pattern by tier"),
        ];
        for (path, summary) in cases {
            let path: Vec<String> = path.iter().map(|p| (*p).to_owned()).collect();
            let view = report_treemap(&parsed.report, &settings, None, &path);
            assert_eq!((view.cells.len(), view.summary.as_str()), (0, summary), "{path:?}");
        }
    }

    /// Every rectangle inside the box, none overlapping, each with its share of the area.
    #[test]
    fn squarified_rectangles_tile_the_box_in_proportion() {
        let cases: [&[f64]; 4] = [&[6.0, 6.0, 4.0, 3.0, 2.0, 2.0, 1.0], &[1.0], &[100.0, 1.0, 1.0], &[5.0; 37]];
        for values in cases {
            let space = Rect { x: 0.0, y: 0.0, w: 600.0, h: 400.0 };
            let rects = squarify(values, space);
            assert_eq!(rects.len(), values.len());
            let total: f64 = values.iter().sum();
            for (rect, value) in rects.iter().zip(values) {
                let share = rect.w * rect.h / (600.0 * 400.0);
                assert!((share - value / total).abs() < 1e-9, "{values:?}: {rect:?}");
                assert!(
                    rect.x >= -1e-9
                        && rect.y >= -1e-9
                        && rect.x + rect.w <= 600.0 + 1e-6
                        && rect.y + rect.h <= 400.0 + 1e-6
                );
            }
            for (i, a) in rects.iter().enumerate() {
                for b in &rects[i + 1..] {
                    let overlap_w = (a.x + a.w).min(b.x + b.w) - a.x.max(b.x);
                    let overlap_h = (a.y + a.h).min(b.y + b.h) - a.y.max(b.y);
                    assert!(overlap_w <= 1e-6 || overlap_h <= 1e-6, "{a:?} overlaps {b:?}");
                }
            }
        }
        // The classic example's first row: 6 and 6 side by side along the short side.
        let rects = squarify(&[6.0, 6.0, 4.0, 3.0, 2.0, 2.0, 1.0], Rect { x: 0.0, y: 0.0, w: 6.0, h: 4.0 });
        assert!((rects[0].w - 3.0).abs() < 1e-9 && (rects[0].h - 2.0).abs() < 1e-9, "{:?}", rects[0]);
    }
}
