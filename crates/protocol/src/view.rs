//! The view model's values: every string and rounded number the page lays out, as the core
//! computes them (`covdash::present`) and sends them (`crate::wire`). Values only; the core
//! builds them.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::escape::visible;
use crate::settings::Tiers;
use crate::vocab::{LineState, Metric, Percent, Section};

// ── The dashboard ──

/// A tier's colour family, from the best to the worst. Tiers are spread over these five by
/// their rank, so three tiers get `Top`, `Middle` and `Bottom`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Tone {
    Top,
    High,
    Middle,
    Low,
    Bottom,
}

impl Tone {
    const ALL: [Tone; 5] = [Tone::Top, Tone::High, Tone::Middle, Tone::Low, Tone::Bottom];

    pub fn of(tier_idx: usize, n_tiers: usize) -> Tone {
        if n_tiers <= 1 {
            return Tone::Top;
        }
        let last = Tone::ALL.len() - 1;
        // Round to the nearest of the five tones.
        let idx = (tier_idx * last * 2 + (n_tiers - 1)) / ((n_tiers - 1) * 2);
        Tone::ALL[idx.min(last)]
    }

    /// The CSS class that colours an element by `tone` (`styles/tokens.css`; the HTML report
    /// has the same classes): `tone-top` … `tone-bottom`, `tone-none` without one.
    pub fn class(tone: Option<Tone>) -> &'static str {
        match tone {
            Some(Tone::Top) => "tone-top",
            Some(Tone::High) => "tone-high",
            Some(Tone::Middle) => "tone-middle",
            Some(Tone::Low) => "tone-low",
            Some(Tone::Bottom) => "tone-bottom",
            None => "tone-none",
        }
    }

    /// A stable name for the tone, used in CSS class names.
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Top => "top",
            Tone::High => "high",
            Tone::Middle => "middle",
            Tone::Low => "low",
            Tone::Bottom => "bottom",
        }
    }
}

/// A tier as shown: its name and its colour family.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TierView {
    pub name: String,
    pub tone: Tone,
}

impl TierView {
    pub fn of(tiers: &Tiers, percent: Percent) -> TierView {
        let idx = tiers.index_of(percent);
        TierView { name: visible(&tiers.as_slice()[idx].name), tone: Tone::of(idx, tiers.as_slice().len()) }
    }
}

/// The overall figure of the snapshot shown.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OverallView {
    /// The rounded figure, as given to `aria-valuenow`; `None` when there is no data.
    pub value: Option<f64>,
    /// `"81.1%"` or `"n/a"`.
    pub text: String,
    /// How the figure was obtained: `"mean of 8 packages, no statement counts"`.
    pub method: String,
    pub tier: Option<TierView>,
}

/// One package's row.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PackageRow {
    /// Unique within the view; stable across snapshots, so rows animate from their own values.
    pub key: String,
    /// The name shown: the package's full name less the prefix all packages share.
    pub name: String,
    /// The package's full name (an import path, a directory as the tool wrote it).
    pub full_name: String,
    /// The rounded figure, as given to `aria-valuenow`; `None` when there is nothing to count.
    pub value: Option<f64>,
    /// `"78.3%"` or `"n/a"`.
    pub text: String,
    /// `"94 of 120 statements"` when the source has counts.
    pub counts: Option<String>,
    pub tier: Option<TierView>,
    /// How many files the package has (0 when the source has package figures only).
    pub n_files: usize,
    /// Its figures in the last snapshots up to the one shown, oldest first, for a sparkline;
    /// `None` for a single snapshot.
    pub spark: Option<std::rc::Rc<[Option<f32>]>>,
    /// A repository whose own dashboard can be shown (its history was given with the index).
    #[serde(default)]
    pub dashboard: bool,
    /// Items not covered, where the source has counts: for the "most not covered" order.
    #[serde(default)]
    pub uncovered: Option<u64>,
    /// A repository's change over each of [`CHANGE_WINDOWS`] (`"+1.5 pts"`, empty where its
    /// history does not reach): the person chooses which the list shows. Empty for a package.
    #[serde(default)]
    pub changes: Vec<String>,
    /// A repository's history, by its address relative to the organisation's (a built
    /// portfolio's): a page that fetched the organisation fetches it to open the repository.
    #[serde(default)]
    pub history: Option<String>,
}

/// The windows a repository's change is shown over, as the list's control names them.
pub const CHANGE_WINDOWS: [&str; 3] = ["since its run before", "over 7 days", "over 30 days"];

/// How the rows are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum RowOrder {
    /// Highest coverage first, as the view lists them.
    #[default]
    HighestFirst,
    LowestFirst,
    /// The most items not covered first: where the work is.
    MostUncovered,
    ByName,
}

impl RowOrder {
    pub const ALL: [RowOrder; 4] =
        [RowOrder::HighestFirst, RowOrder::LowestFirst, RowOrder::MostUncovered, RowOrder::ByName];

    /// For the order's control.
    pub fn label(self) -> &'static str {
        match self {
            RowOrder::HighestFirst => "highest coverage first",
            RowOrder::LowestFirst => "lowest coverage first",
            RowOrder::MostUncovered => "most not covered first",
            RowOrder::ByName => "by name",
        }
    }

    /// A stable id, for the control's values.
    pub fn id(self) -> &'static str {
        match self {
            RowOrder::HighestFirst => "highest",
            RowOrder::LowestFirst => "lowest",
            RowOrder::MostUncovered => "uncovered",
            RowOrder::ByName => "name",
        }
    }

    pub fn from_id(id: &str) -> Option<RowOrder> {
        RowOrder::ALL.into_iter().find(|o| o.id() == id)
    }
}

/// Some of a view's package rows: those whose full name contains a filter, the first few.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PackageRows {
    /// Each row with its place in the whole list (for ids and the staggered animation).
    pub rows: Vec<(usize, PackageRow)>,
    /// Rows the filter matches, all of which the list could show.
    pub n_matching: usize,
    /// Rows in the view.
    pub n_total: usize,
}

impl PackageRows {
    /// The first `limit` of `rows` whose full name contains `filter`, ignoring case, in `order`
    /// (rows without a figure last; ties by name).
    pub fn of(rows: &[PackageRow], filter: &str, limit: usize, order: RowOrder) -> PackageRows {
        let needle = filter.trim().to_lowercase();
        let mut indices: Vec<usize> = (0..rows.len()).collect();
        if order != RowOrder::HighestFirst {
            let value = |i: usize| rows[i].value.unwrap_or(-1.0);
            crate::sort::sort_by(&mut indices, |&a, &b| {
                let (x, y) = (&rows[a], &rows[b]);
                let by = match order {
                    RowOrder::LowestFirst => (x.value.is_none(), value(a)).partial_cmp(&(y.value.is_none(), value(b))),
                    RowOrder::MostUncovered => Some(y.uncovered.cmp(&x.uncovered)),
                    RowOrder::ByName | RowOrder::HighestFirst => Some(std::cmp::Ordering::Equal),
                };
                by.unwrap_or(std::cmp::Ordering::Equal).then_with(|| x.full_name.cmp(&y.full_name))
            });
        }
        let mut matching = indices
            .into_iter()
            .map(|i| (i, &rows[i]))
            .filter(|(_, row)| needle.is_empty() || row.full_name.to_lowercase().contains(&needle));
        let chosen: Vec<(usize, PackageRow)> = matching.by_ref().take(limit).map(|(i, r)| (i, r.clone())).collect();
        let n_matching = chosen.len() + matching.count();
        PackageRows { rows: chosen, n_matching, n_total: rows.len() }
    }
}

/// What the dashboard's rows are: a report's packages, or an organisation's repositories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Rows {
    #[default]
    Packages,
    Repositories,
}

impl Rows {
    /// `"package"`.
    pub fn singular(self) -> &'static str {
        match self {
            Rows::Packages => "package",
            Rows::Repositories => "repository",
        }
    }

    /// `"packages"`.
    pub fn plural(self) -> &'static str {
        match self {
            Rows::Packages => "packages",
            Rows::Repositories => "repositories",
        }
    }

    /// The list's heading, `"Packages by coverage"`.
    pub fn heading(self) -> &'static str {
        match self {
            Rows::Packages => "Packages by coverage",
            Rows::Repositories => "Repositories by coverage",
        }
    }
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DashboardView {
    pub title: String,
    /// What the rows are.
    pub rows: Rows,
    /// The files the data came from, by name.
    pub names: String,
    /// The label of the snapshot shown, e.g. `"Final"`.
    pub snapshot_label: String,
    /// Its time, `"2025-12-18 12:30 UTC"`, when known.
    pub snapshot_time: Option<String>,
    pub overall: OverallView,
    /// Highest coverage first; shared, since it is as long as the data is wide.
    pub packages: std::rc::Rc<[PackageRow]>,
    /// Every snapshot of the report, oldest first, one of them selected.
    pub snapshots: Vec<SnapshotTab>,
    /// The metrics the data has figures for, the one judged by selected; one choice when the
    /// data has one metric.
    pub metrics: Vec<MetricChoice>,
    /// The overall figure across the snapshots, for two or more.
    pub trend: Option<super::TrendView>,
    /// The packages that moved most, over each window the snapshots reach.
    pub movers: Vec<super::Movers>,
    /// The refs of a history with several, the one shown selected; empty otherwise.
    pub refs: Vec<super::RefChoice>,
    /// What the exclusions left out of the snapshot shown: `"3 files left out by test/**"`.
    pub left_out: Option<String>,
}

/// A metric as offered in the metric switch, with the snapshot's overall figure by it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MetricChoice {
    pub metric: Metric,
    /// `"Branches"`.
    pub label: String,
    /// `"59.4%"`, or `"n/a"`.
    pub overall: String,
    pub selected: bool,
}

/// A snapshot as offered in the switcher.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SnapshotTab {
    pub index: usize,
    pub label: String,
    pub time: Option<String>,
    /// Its overall figure, `"80.1%"`.
    pub overall: String,
    /// The change of the overall figure from the snapshot before, `"+2.7 pts"`.
    pub change: Option<String>,
    pub selected: bool,
}

// ── The sections ──

/// A label and its value, for sections that are lists of facts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

/// A row with a bar: a name, the bar's value (0–100, rounded) and the texts around it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BarRow {
    /// Unique within its list.
    pub key: String,
    pub name: String,
    /// The bar's value, 0–100.
    pub value: Option<f64>,
    /// The figure shown beside the bar, `"78.3%"`.
    pub text: String,
    /// What a screen reader reads for the bar.
    pub value_text: String,
    /// Shown after the figure: a change, a distance, a count.
    pub note: Option<String>,
    /// Shown after the note, in smaller type: items to cover, packages lagging…
    pub detail: Option<String>,
    pub tone: Option<Tone>,
}

/// The estimate for one package, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EtaRow {
    pub key: String,
    pub name: String,
    pub estimate: Estimate,
    /// Where the pace came from.
    pub basis: String,
}

/// A time estimate: how long (`"30 min – 1.1 h"`, `"3 weeks"`, or `"unknown: …"`) and, where
/// the data has real times and the estimate runs to days, when: the first and the last day,
/// each as pieces that read as one (`"8–10 Nov 2026"`; `"28 Nov"` to `"3 Dec 2026"`). Text
/// outputs say it all as one phrase (`"3 weeks, around 8–10 Nov 2026"`); the page never breaks
/// a line inside a piece.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Estimate {
    pub span: String,
    pub dates: Option<(String, Option<String>)>,
}

impl std::fmt::Display for Estimate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.dates {
            Some((first, Some(last))) => write!(f, "{}, around {first} – {last}", self.span),
            Some((first, None)) => write!(f, "{}, around {first}", self.span),
            None => f.write_str(&self.span),
        }
    }
}

/// One recommendation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RecommendationRow {
    pub key: String,
    pub rank: usize,
    pub name: String,
    pub percent: String,
    pub reason: String,
    /// The package's files to start with.
    pub files: Vec<FileItem>,
}

/// A file named in a section, by the report's path (what opens it), as the output words it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileItem {
    pub path: String,
    /// `"more.py — 1,381 uncovered"`.
    pub text: String,
}

/// How many recommendations the page shows at first, and adds with each "Show more": its
/// first view lists the files of that many.
pub const RECOMMENDATIONS_SHOWN: usize = 10;

/// What a section's recommendations rank: the packages below the target, or, once every
/// package has reached it, the files with the most left uncovered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Ranked {
    Packages,
    Files,
}

/// What one section shows.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum SectionBody {
    /// Rows with bars, and an optional line under them.
    Bars { rows: Vec<BarRow>, footer: Option<String> },
    /// Label–value pairs.
    Facts(Vec<Fact>),
    /// Sentences.
    List(Vec<String>),
    /// Time to target: rows, the total, and the method shown on demand.
    Eta {
        rows: Vec<EtaRow>,
        total: Option<Estimate>,
        #[serde(skip, default = "eta_method")]
        method: &'static str,
    },
    /// Ranked recommendations under the strategy that ranked them. Only the first `with_files`
    /// rows list their files: the page asks for more ([`crate::Request::Recommendations`]) as
    /// it shows more; every other output has them all.
    Recommendations { strategy: String, ranked: Ranked, rows: Vec<RecommendationRow>, with_files: usize },
    /// The data cannot support the section.
    Unavailable(String),
}

fn eta_method() -> &'static str {
    ETA_METHOD
}

/// One section of the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionView {
    pub section: Section,
    pub body: SectionBody,
}

impl SectionView {
    pub fn new(section: Section, body: SectionBody) -> SectionView {
        SectionView { section, body }
    }

    /// Whether this is the view of `section`.
    pub fn is(&self, section: Section) -> bool {
        self.section == section
    }

    /// The section's stable id (`"time-to-target"`), for the heading's id and for tests.
    pub fn id(&self) -> &'static str {
        self.section.id()
    }

    /// The section's heading.
    pub fn title(&self) -> &'static str {
        self.section.title()
    }

    /// What the columns of its rows hold (name, figure, note, detail), for outputs that head
    /// them.
    pub fn columns(&self) -> [&'static str; 4] {
        columns(self.section, &self.body)
    }
}

/// The heads of a section's columns: name, figure, note, detail.
/// The key of "This change"'s first row, all the changed lines, when a diff was given; without
/// one (one source measured twice) the rows are the files whose coverage changed.
pub const ALL_CHANGED_LINES: &str = "all";

fn columns(section: Section, body: &SectionBody) -> [&'static str; 4] {
    match section {
        Section::Change if matches!(body, SectionBody::Bars { rows, .. } if rows.first().is_some_and(|r| r.key == ALL_CHANGED_LINES)) => {
            ["File", "Changed lines covered", "Lines", "Not covered"]
        }
        Section::Change => ["File", "Coverage now", "Lines", "Coverage changed"],
        Section::Progress => ["Snapshot", "Coverage", "Change", ""],
        Section::Packages => ["Package", "Coverage", "Change", "Tier"],
        Section::Wins => ["Package", "Before → after", "Gain", "Snapshot"],
        Section::Tests | Section::Momentum | Section::Summary | Section::Goal => ["", "", "", ""],
        Section::Distance => ["Package", "Coverage → target", "Points", "Still to cover"],
        Section::TimeToTarget => ["Package", "Estimate", "Pace", ""],
        Section::Distribution => ["Tier", "Packages", "Share", "Range"],
        Section::Readiness => ["Group", "Coverage", "Status", "Lagging"],
        Section::Achievements => ["", "", "", ""],
        Section::Recommendations if matches!(body, SectionBody::Recommendations { ranked: Ranked::Files, .. }) => {
            ["File", "Coverage", "Why", ""]
        }
        Section::Recommendations => ["Package", "Coverage", "Why", "Files"],
    }
}

/// The method behind the time estimates, for "how is this computed?".
pub const ETA_METHOD: &str = "A package that gained has its own pace: its net gain over the time between its first and \
last snapshot (slow), and its best interval (fast). A package that did not move borrows the project's pace, in items of \
the metric judged by (lines, statements, branches or functions) when counts are known, in overall points otherwise. The \
range is the distance divided by the fast and the slow pace, counted from the latest snapshot's time. The total adds the \
packages, as if they were done one after the other. Snapshots less than 10 minutes apart give no pace.";

// ── Coverage over time ──

/// The overall figure across the snapshots, for the chart at the top of the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendView {
    /// What the chart shows, in a sentence, for those who do not see it.
    pub summary: String,
    /// The metric the figures count, `"lines"`.
    pub metric: String,
    /// Oldest first, one per snapshot.
    pub points: Rc<[TrendPoint]>,
    pub target: f64,
    pub goal: Option<f64>,
    /// The lowest percentage the chart's scale shows: a multiple of ten below every figure,
    /// the target and the goal.
    pub floor: f64,
    /// How the points are spaced: `"by time"` (commit time in a history) or `"in order"`.
    pub spacing: String,
    /// What the chart's two ends say, as its span reads best: dates over days and weeks
    /// (`"5 Oct 2026"`, `"19 Oct 2026"`), a day and its hours within one day
    /// (`"18 Dec 2025, 09:00 UTC"`, `"12:30 UTC"`), the first and last labels in order.
    pub axis: [String; 2],
    /// Each point is a snapshot the page can show (a report's); an organisation's points are
    /// days, shown but not chosen.
    pub selectable: bool,
}

/// A snapshot on the trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub index: usize,
    /// Its place across the chart, 0 (the first) to 1 (the last).
    pub x: f64,
    /// Its overall figure at full precision; `None` when it has nothing to count.
    pub value: Option<f64>,
    /// `"81.3%"` or `"n/a"`.
    pub text: String,
    pub label: String,
    /// The commit's first seven characters.
    pub commit: Option<String>,
    /// `"2026-03-02 10:00 UTC"`.
    pub time: Option<String>,
    /// `"+0.4 points"` since the snapshot before.
    pub change: Option<String>,
    pub selected: bool,
    /// Everything above in one line, for a tooltip and a screen reader.
    pub description: String,
}

/// The packages that moved most over a window of snapshots.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Movers {
    /// How many snapshots back the window reaches (days, for an organisation's).
    pub over: usize,
    /// The window as the switch offers it: `"snapshot"`, `"5 snapshots"`, `"7 days"`.
    pub label: String,
    /// `"since a1b2c3d (2026-03-01 10:00 UTC)"`.
    pub since: String,
    /// Largest gain first.
    pub up: Vec<Mover>,
    /// Largest fall first.
    pub down: Vec<Mover>,
}

/// A package's move.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mover {
    pub name: String,
    pub full_name: String,
    /// `"26.9% → 99.4%"`.
    pub figures: String,
    /// `"+72.5 points"`.
    pub change: String,
}

// ── A package's files ──

/// How the files are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum FileSort {
    /// By path.
    #[default]
    Name,
    /// Lowest coverage first: where to look.
    Coverage,
    /// Most uncovered lines or statements first.
    Uncovered,
}

impl FileSort {
    pub const ALL: [FileSort; 3] = [FileSort::Name, FileSort::Coverage, FileSort::Uncovered];

    pub fn id(self) -> &'static str {
        match self {
            FileSort::Name => "name",
            FileSort::Coverage => "coverage",
            FileSort::Uncovered => "uncovered",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FileSort::Name => "Name",
            FileSort::Coverage => "Coverage, lowest first",
            FileSort::Uncovered => "Uncovered, most first",
        }
    }

    pub fn from_id(id: &str) -> Option<FileSort> {
        FileSort::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// One function of a file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FunctionRow {
    pub name: String,
    /// `"called 12 times"`, `"never called"`, with its line where the format gives one:
    /// `"never called · line 40"`.
    pub calls: String,
    pub covered: bool,
}

/// One file of the package.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FileRow {
    /// The file's path: unique.
    pub key: String,
    /// The path inside the package's directory.
    pub name: String,
    pub value: Option<f64>,
    /// `"68.1%"` or `"n/a"`.
    pub text: String,
    /// `"94 of 120 lines"`.
    pub counts: Option<String>,
    pub uncovered: u64,
    /// The uncovered lines as ranges, `"12–18, 40, 52–60"` (a range runs over lines with
    /// nothing to cover, as coverage.py's "Missing" does); `None` when the format records no
    /// lines for the file or none is uncovered.
    pub uncovered_lines: Option<String>,
    /// The lines with branches only partly taken, `"31: 1 of 2, 45: 2 of 4"`; `None` when the
    /// format records no branches for the file or none is partial.
    pub partial_branches: Option<String>,
    /// In name order; empty when the format has none.
    pub functions: std::rc::Rc<[FunctionRow]>,
    /// `"1 function"`, `"3 functions"`.
    pub functions_label: String,
}

/// The files shown, and how many matched in all.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PackageFiles {
    pub rows: Vec<FileRow>,
    /// Files matching the filter (all of which would be shown without the limit).
    pub n_matching: usize,
    /// Files in the package.
    pub n_files: usize,
}

// ── A file's lines ──

/// How a marked line is shown: the class suffix, the glyph, the words for a screen reader.
pub fn line_mark(state: LineState) -> (&'static str, &'static str, &'static str) {
    match state {
        LineState::Covered => ("covered", "✓", "covered"),
        LineState::Partial => ("partial", "◐", "partly covered"),
        LineState::Uncovered => ("uncovered", "✗", "not covered"),
    }
}

/// One line of a file's source.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SourceLine {
    pub number: u32,
    /// The line's text, unsafe characters escaped; tabs kept.
    pub text: String,
    /// What it did in the run; `None` for a line with nothing to cover.
    #[serde(default)]
    pub state: Option<LineState>,
    /// How often it ran, `"1,204"`; `None` with nothing to cover.
    #[serde(default)]
    pub hits: Option<String>,
    /// `"1 of 2 branches"`, on a line with branches.
    #[serde(default)]
    pub branches: Option<String>,
    /// `"never called: parse"`, on the line a function never called starts on.
    #[serde(default)]
    pub note: Option<String>,
}

/// Where the source shown came from, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SourceOrigin {
    /// In the coverage report itself (cargo-tarpaulin's `content`).
    Embedded,
    /// A file given with the coverage, by the path it was given under.
    Given(String),
    /// Fetched from this address (the embedding's source template).
    Fetched(String),
    /// None at hand: to be fetched from this address, filled from the source template.
    ToFetch(String),
    /// None at hand, and why.
    Missing(String),
}

/// A file opened to its lines.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SourceView {
    /// The report's path of the file: unique.
    pub key: String,
    /// The path as shown.
    pub name: String,
    /// `"62.5% · 10 of 16 lines covered · 5 not covered · 1 partly"`.
    pub summary: String,
    pub origin: SourceOrigin,
    /// The whole source, line by line; empty when none is at hand.
    pub lines: Rc<[SourceLine]>,
    /// Whether the lines say how many times each ran: not where the format records only
    /// whether a line ran (their `hits` are then `None`, and the column is not drawn).
    pub counted: bool,
    /// The first line of each block of lines not (or partly) covered, ascending: where `n`
    /// and `p` go.
    pub blocks: Rc<[u32]>,
    /// Without the source: the uncovered lines as ranges (`"12–18, 40"`).
    pub uncovered_lines: Option<String>,
    /// Without the source: `"31: 1 of 2, 45: 2 of 4"`.
    pub partial_branches: Option<String>,
    /// `"parse (line 12), render (line 40)"`.
    pub uncalled_functions: Option<String>,
    /// Why the report says nothing line by line about the file, when it does not.
    pub no_detail: Option<String>,
    /// Lines of the source past the report's last: the source is not the one measured.
    pub mismatch: Option<String>,
}

// ── Where the uncovered code is ──

/// One level of the treemap: a report's packages (or one package's files), an organisation's
/// repositories (or one repository's packages), as rectangles whose areas are the items
/// measured, laid out in a [`TREEMAP_WIDTH`] × [`TREEMAP_HEIGHT`] box.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TreemapView {
    /// From the top to the level shown: each crumb's label and the path that shows it.
    pub crumbs: Vec<Crumb>,
    /// The largest first; the rest as one cell (`other`).
    pub cells: Vec<TreemapCell>,
    /// What the map shows, in a sentence, for those who do not see it.
    pub summary: String,
    /// What a cell is: `"package"`, `"file"`, `"repository"`.
    pub noun: String,
}

/// A step of the treemap's breadcrumbs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Crumb {
    pub label: String,
    pub path: Vec<String>,
}

/// One rectangle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TreemapCell {
    /// The name to ask for to open it (a package's or a repository's full name).
    pub key: String,
    /// As shown.
    pub name: String,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    /// `"78.3%"`, or `"n/a"`.
    pub text: String,
    /// Everything in one line, starting with the words the cell shows (its name and figure):
    /// `"src/api 78.3%, 1,234 of 1,576 lines, 342 not covered"`.
    pub description: String,
    pub tone: Option<Tone>,
    /// It has a level below (a package's files, a repository's packages).
    pub opens: bool,
    /// The cell of everything past the largest.
    pub other: bool,
}

/// The treemap's box, in its own units.
pub const TREEMAP_WIDTH: f32 = 1000.0;
pub const TREEMAP_HEIGHT: f32 = 560.0;
