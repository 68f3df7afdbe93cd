//! Differential coverage: what a change did to coverage, line by line, in the categories
//! genhtml 2.x (lcov's differential mode) puts every line in, from a baseline report, a current
//! report and the diff between their sources; no source is read.
//!
//! A current line the diff added is new code: covered, GNC; not, UNC. A current line the diff
//! left as it was is matched to its baseline line through the diff's hunks ([`FileChange::old_line`]);
//! when both reports measure it, its two states give CBC (covered in both), GBC (covered now
//! only), LBC (covered before only) or UBC (in neither); when only the current report does,
//! it is included code: GIC, UIC. A baseline line the diff deleted is DCB or DUB (covered in
//! the baseline, or not); one the diff left but the current report no longer measures is
//! excluded: ECB, EUB. Without a diff the two reports are of the same source, matched line by
//! line.
//!
//! Functions are classified the same way by their first lines, as genhtml does: a function
//! whose body changed is new code (see [`categorize_functions`]). Branches are classified one
//! by one, by their line and their identity on it (see [`categorize_branches`]).
//!
//! Files are matched as patch coverage matches them: a diff's path to the report's file with
//! the longest common ending, and a file the diff leaves alone to the baseline's file with the
//! longest common ending (the same path, where the two runs were in the same folder). A file
//! the diff deletes is counted from the baseline; a file in the baseline only, that the diff
//! does not delete, is not counted (genhtml reads the current report's files and the diff's
//! deletions).

use std::collections::HashMap;

use serde::Serialize;

use super::patch::match_paths;
use crate::model::{
    sort, sort_by, sort_by_key, BranchId, ChangeKind, Diff, FileChange, FileCoverage, LineState, Snapshot,
};

/// genhtml's categories, in the order its reports list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Category {
    /// Uncovered new code.
    #[serde(rename = "UNC")]
    Unc,
    /// Lost baseline coverage.
    #[serde(rename = "LBC")]
    Lbc,
    /// Uncovered included code.
    #[serde(rename = "UIC")]
    Uic,
    /// Uncovered baseline code.
    #[serde(rename = "UBC")]
    Ubc,
    /// Gained baseline coverage.
    #[serde(rename = "GBC")]
    Gbc,
    /// Gained included coverage.
    #[serde(rename = "GIC")]
    Gic,
    /// Gained new coverage.
    #[serde(rename = "GNC")]
    Gnc,
    /// Covered baseline code.
    #[serde(rename = "CBC")]
    Cbc,
    /// Excluded uncovered baseline.
    #[serde(rename = "EUB")]
    Eub,
    /// Excluded covered baseline.
    #[serde(rename = "ECB")]
    Ecb,
    /// Deleted uncovered baseline.
    #[serde(rename = "DUB")]
    Dub,
    /// Deleted covered baseline.
    #[serde(rename = "DCB")]
    Dcb,
}

impl Category {
    pub const ALL: [Category; 12] = [
        Category::Unc,
        Category::Lbc,
        Category::Uic,
        Category::Ubc,
        Category::Gbc,
        Category::Gic,
        Category::Gnc,
        Category::Cbc,
        Category::Eub,
        Category::Ecb,
        Category::Dub,
        Category::Dcb,
    ];

    /// genhtml's three letters.
    pub fn code(self) -> &'static str {
        self.names().0
    }

    /// The category of genhtml's three letters (`UNC`, `unc`).
    pub fn from_code(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code().eq_ignore_ascii_case(code.trim()))
    }

    /// What a line of it is, in words: `"new line tested"`.
    pub fn words(self) -> &'static str {
        self.names().1
    }

    /// What many lines of it are: `"new lines tested"`.
    pub fn words_plural(self) -> &'static str {
        self.names().2
    }

    fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Category::Unc => ("UNC", "new line not tested", "new lines not tested"),
            Category::Lbc => ("LBC", "line that lost its tests", "lines that lost their tests"),
            Category::Uic => ("UIC", "line newly measured, not tested", "lines newly measured, not tested"),
            Category::Ubc => ("UBC", "line still not tested", "lines still not tested"),
            Category::Gbc => ("GBC", "line newly tested", "lines newly tested"),
            Category::Gic => ("GIC", "line newly measured and tested", "lines newly measured and tested"),
            Category::Gnc => ("GNC", "new line tested", "new lines tested"),
            Category::Cbc => ("CBC", "line still tested", "lines still tested"),
            Category::Eub => ("EUB", "untested line no longer measured", "untested lines no longer measured"),
            Category::Ecb => ("ECB", "tested line no longer measured", "tested lines no longer measured"),
            Category::Dub => ("DUB", "untested line deleted", "untested lines deleted"),
            Category::Dcb => ("DCB", "tested line deleted", "tested lines deleted"),
        }
    }

    /// Whether the category's lines are in the current report (all but the baseline's deleted
    /// and excluded ones).
    pub fn in_current(self) -> bool {
        !matches!(self, Category::Dcb | Category::Dub | Category::Ecb | Category::Eub)
    }

    /// A line of the current report covered in it (GNC, GBC, GIC, CBC), or not: for the
    /// categories of deleted and excluded lines, whether the baseline covered it.
    pub fn covered(self) -> bool {
        matches!(self, Category::Gnc | Category::Gbc | Category::Gic | Category::Cbc | Category::Ecb | Category::Dcb)
    }
}

/// How many lines fall in each category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts([u64; 12]);

impl Counts {
    pub fn get(&self, category: Category) -> u64 {
        self.0[category as usize]
    }

    fn add(&mut self, category: Category) {
        self.0[category as usize] += 1;
    }

    fn add_all(&mut self, other: &Counts) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine += theirs;
        }
    }

    /// The categories with lines, in [`Category::ALL`]'s order.
    pub fn present(&self) -> impl Iterator<Item = (Category, u64)> + '_ {
        Category::ALL.into_iter().map(|c| (c, self.get(c))).filter(|(_, n)| *n > 0)
    }
}

impl Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        for (category, n) in self.present() {
            map.serialize_entry(category.code(), &n)?;
        }
        map.end()
    }
}

/// One line and its category: numbered as the current report numbers it, or, for a deleted or
/// excluded line, as the baseline did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCategory {
    pub line: u32,
    pub category: Category,
}

/// One function and its category: its line as the current report numbers it, or, for a
/// deleted or excluded one, as the baseline did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FunctionCategory {
    pub name: String,
    pub line: u32,
    pub category: Category,
}

/// One file's lines (and functions) by category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileDifferential {
    /// The current report's path (the baseline's, for a file the change deleted).
    pub path: String,
    pub counts: Counts,
    /// In line order: the current report's lines, then the baseline's deleted and excluded.
    pub lines: Vec<LineCategory>,
    /// The functions' categories, counted (where the reports have functions).
    pub function_counts: Counts,
    pub functions: Vec<FunctionCategory>,
    /// The branches' categories, counted (where the reports have branches).
    pub branch_counts: Counts,
    /// One entry per branch, in line order, on its line as [`FileDifferential::lines`] numbers it.
    pub branches: Vec<LineCategory>,
}

impl FileDifferential {
    /// The current report's lines in one of `categories`, ascending (the baseline's, for
    /// deleted and excluded lines).
    pub fn lines_in(&self, categories: &[Category]) -> Vec<u32> {
        let mut lines: Vec<u32> =
            self.lines.iter().filter(|l| categories.contains(&l.category)).map(|l| l.line).collect();
        sort(&mut lines);
        lines
    }
}

/// Every file's lines by category, and the counts of all of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Differential {
    pub total: Counts,
    /// The functions', where the reports have functions.
    pub function_total: Counts,
    /// The branches', where the reports have branches.
    pub branch_total: Counts,
    pub files: Vec<FileDifferential>,
}

/// The lines of `run` that another run of the same commit, `other`, found the other way
/// (covered in one, not in the other): per file of `run`, ascending. A gate leaves them out.
pub fn unstable_lines(run: &Snapshot, other: &Snapshot) -> Vec<(String, Vec<u32>)> {
    differential(other, run, None)
        .files
        .into_iter()
        .map(|file| {
            let lines = file.lines_in(&[Category::Gbc, Category::Lbc]);
            (file.path, lines)
        })
        .filter(|(_, lines)| !lines.is_empty())
        .collect()
}

/// Whether two snapshots measure the same files, each on the same lines: two runs of one
/// source, as far as their reports can tell.
pub fn same_lines(one: &Snapshot, other: &Snapshot) -> bool {
    let mut ones: Vec<&FileCoverage> = one.files().collect();
    let mut others: Vec<&FileCoverage> = other.files().collect();
    sort_by(&mut ones, |a, b| a.path.cmp(&b.path));
    sort_by(&mut others, |a, b| a.path.cmp(&b.path));
    let measured = |file: &FileCoverage| line_states(file).into_iter().map(|(line, _)| line).collect::<Vec<u32>>();
    ones.len() == others.len() && ones.iter().zip(&others).all(|(a, b)| a.path == b.path && measured(a) == measured(b))
}

/// Each measured line of `file` and whether it ran (a line read twice ran if either says so).
fn line_states(file: &FileCoverage) -> Vec<(u32, bool)> {
    let mut states: Vec<(u32, bool)> = Vec::new();
    for run in file.line_runs() {
        // A hostile block's span is not expanded past what a source file can hold.
        for line in run.first..=run.last.min(run.first.saturating_add(1_000_000)) {
            let covered = run.state != LineState::Uncovered;
            match states.last_mut() {
                Some((last, ran)) if *last == line => *ran |= covered,
                _ => states.push((line, covered)),
            }
        }
    }
    sort_by_key(&mut states, |(line, _)| *line);
    states.dedup_by(|(line, ran), (kept_line, kept_ran)| {
        let same = line == kept_line;
        if same {
            *kept_ran |= *ran;
        }
        same
    });
    states
}

/// The categories of `current`'s lines against `baseline`'s, through `diff` (or line by line
/// when there is none).
pub fn differential(baseline: &Snapshot, current: &Snapshot, diff: Option<&Diff>) -> Differential {
    let matched = Matched::of(baseline, current, diff);
    let mut files: Vec<FileDifferential> = current.files().map(|file| matched.categorize(file)).collect();
    // Files the change deleted: their baseline lines.
    for (at, change) in matched.changes.iter().enumerate() {
        if change.kind == ChangeKind::Deleted {
            if let Some(base) = matched.in_baseline[at] {
                files.push(categorize(base.path.clone(), None, Some(base), Some(change)));
            }
        }
    }
    let (mut total, mut function_total, mut branch_total) = (Counts::default(), Counts::default(), Counts::default());
    for file in &files {
        total.add_all(&file.counts);
        function_total.add_all(&file.function_counts);
        branch_total.add_all(&file.branch_counts);
    }
    Differential { total, function_total, branch_total, files }
}

/// The categories of the lines of `current`'s file at `path` alone (a file opened to its lines).
pub fn file_differential(
    baseline: &Snapshot,
    current: &Snapshot,
    diff: Option<&Diff>,
    path: &str,
) -> Option<FileDifferential> {
    let file = current.files().find(|f| f.path == path)?;
    Some(Matched::of(baseline, current, diff).categorize(file))
}

/// The diff's files matched to both reports' files.
struct Matched<'a> {
    changes: Vec<&'a FileChange>,
    /// Each change's file in the baseline (its old side's).
    in_baseline: Vec<Option<&'a FileCoverage>>,
    /// A current file's change, by its path.
    change_of: HashMap<&'a str, usize>,
    /// A current file's baseline file, when the change leaves it alone: the same path, else
    /// the one ending most like it (two runs checked out in different folders).
    baseline_of: HashMap<&'a str, &'a FileCoverage>,
}

impl<'a> Matched<'a> {
    fn of(baseline: &'a Snapshot, current: &'a Snapshot, diff: Option<&'a Diff>) -> Matched<'a> {
        let changes: Vec<&FileChange> =
            diff.map(|d| d.files.iter().filter(|f| f.kind != ChangeKind::Binary).collect()).unwrap_or_default();
        let new_paths: Vec<&str> = changes.iter().map(|c| c.new_path.as_deref().unwrap_or("")).collect();
        let old_paths: Vec<&str> = changes.iter().map(|c| c.old_path.as_deref().unwrap_or("")).collect();
        let in_current = match_paths(&new_paths, current);
        let in_baseline = match_paths(&old_paths, baseline);
        let mut change_of: HashMap<&str, usize> = HashMap::new();
        for (at, file) in in_current.iter().enumerate() {
            if let (Some(file), Some(_)) = (file, &changes[at].new_path) {
                change_of.entry(file.path.as_str()).or_insert(at);
            }
        }
        let unchanged: Vec<&str> =
            current.files().map(|f| f.path.as_str()).filter(|p| !change_of.contains_key(p)).collect();
        let baseline_of = unchanged
            .iter()
            .zip(match_paths(&unchanged, baseline))
            .filter_map(|(path, found)| Some((*path, found?)))
            .collect();
        Matched { changes, in_baseline, change_of, baseline_of }
    }

    /// The categories of the current report's `file`.
    fn categorize(&self, file: &FileCoverage) -> FileDifferential {
        let change = self.change_of.get(file.path.as_str()).map(|&at| (self.changes[at], at));
        let base = match change {
            Some((change, _)) if change.kind == ChangeKind::Added => None,
            Some((_, at)) => self.in_baseline[at],
            None => self.baseline_of.get(file.path.as_str()).copied(),
        };
        categorize(file.path.clone(), Some(file), base, change.map(|(c, _)| c))
    }
}

/// The categories of one file's lines: `current` and `base` its two readings (either absent),
/// `change` what the diff did to it.
fn categorize(
    path: String,
    current: Option<&FileCoverage>,
    base: Option<&FileCoverage>,
    change: Option<&FileChange>,
) -> FileDifferential {
    let base_states = base.map(line_states).unwrap_or_default();
    let base_state = |line: u32| base_states.binary_search_by_key(&line, |(l, _)| *l).ok().map(|at| base_states[at].1);
    let mut lines = Vec::new();
    let mut matched: Vec<u32> = Vec::new();
    let current_states = current.map(line_states).unwrap_or_default();
    for &(line, covered) in &current_states {
        let old = match change {
            Some(change) if change.kind == ChangeKind::Added => None,
            Some(change) => change.old_line(line),
            None => Some(line),
        };
        let category = match old {
            None => pick(covered, Category::Gnc, Category::Unc),
            Some(old) => match base_state(old) {
                Some(was) => {
                    matched.push(old);
                    match (was, covered) {
                        (true, true) => Category::Cbc,
                        (false, true) => Category::Gbc,
                        (true, false) => Category::Lbc,
                        (false, false) => Category::Ubc,
                    }
                }
                None => pick(covered, Category::Gic, Category::Uic),
            },
        };
        lines.push(LineCategory { line, category });
    }
    sort(&mut matched);
    for (line, covered) in &base_states {
        if matched.binary_search(line).is_ok() {
            continue;
        }
        let deleted = change.is_some_and(|c| c.kind == ChangeKind::Deleted || c.deleted.binary_search(line).is_ok());
        let category = match deleted {
            true => pick(*covered, Category::Dcb, Category::Dub),
            false => pick(*covered, Category::Ecb, Category::Eub),
        };
        lines.push(LineCategory { line: *line, category });
    }
    let mut counts = Counts::default();
    for line in &lines {
        counts.add(line.category);
    }
    let functions = categorize_functions(current, base, change, &current_states, &base_states);
    let mut function_counts = Counts::default();
    for function in &functions {
        function_counts.add(function.category);
    }
    let branches = categorize_branches(current, base, change);
    let mut branch_counts = Counts::default();
    for branch in &branches {
        branch_counts.add(branch.category);
    }
    FileDifferential { path, counts, lines, function_counts, functions, branch_counts, branches }
}

/// A function's name, its start line, its end where genhtml would know it, and whether it ran.
/// Reports rarely give an end: genhtml derives one for C, C++, Java and Perl files only (the
/// last measured line before the next function, or the file's last measured line), and so
/// does covdash, so that a function's body "changed" where genhtml says so.
fn function_spans(file: Option<&FileCoverage>, states: &[(u32, bool)]) -> Vec<(String, u32, Option<u32>, bool)> {
    let Some(file) = file else { return Vec::new() };
    let mut starts: Vec<(String, u32, bool)> =
        file.functions().iter().map(|f| (file.function_name(f).to_owned(), f.line, f.hits > 0)).collect();
    sort_by_key(&mut starts, |(_, line, _)| *line);
    let derive = derived_end_lines(&file.path);
    let mut spans = Vec::new();
    for (at, (name, line, ran)) in starts.iter().enumerate() {
        let next = starts[at + 1..].iter().map(|(_, l, _)| *l).find(|l| l > line).unwrap_or(u32::MAX);
        // The last measured line before `next`, if it is in the function.
        let before_next = states.partition_point(|(l, _)| *l < next);
        let end = derive.then(|| before_next.checked_sub(1).map(|at| states[at].0).filter(|l| l >= line));
        spans.push((name.clone(), *line, end.flatten(), *ran));
    }
    spans
}

/// Whether genhtml derives a file's functions' end lines (lcov's `derive_function_end_line`:
/// the languages `c`, `java` and `perl`, by their extensions).
fn derived_end_lines(path: &str) -> bool {
    const EXTENSIONS: [&str; 16] =
        ["c", "h", "i", "C", "H", "I", "icc", "cpp", "cc", "cxx", "hh", "hpp", "hxx", "java", "pl", "pm"];
    path.rsplit_once('.').is_some_and(|(_, extension)| !extension.contains('/') && EXTENSIONS.contains(&extension))
}

/// The categories of one file's functions, as genhtml gives them: a function the diff added
/// is new (GNC, UNC); one on an unchanged line whose baseline function is there too is judged
/// by the two runs (CBC, GBC, LBC, UBC), but as new code (GNC, UNC; LBC stays) when its body
/// changed (a code line added in it, a line that became or stopped being code, a code line
/// deleted from it), where its end is known; one the baseline lacked is included (GIC, UIC);
/// a baseline function deleted is DCB or DUB, one no longer reported ECB or EUB.
fn categorize_functions(
    current: Option<&FileCoverage>,
    base: Option<&FileCoverage>,
    change: Option<&FileChange>,
    current_states: &[(u32, bool)],
    base_states: &[(u32, bool)],
) -> Vec<FunctionCategory> {
    let is_code = |states: &[(u32, bool)], line: u32| states.binary_search_by_key(&line, |(l, _)| *l).is_ok();
    let added = |line: u32| change.is_some_and(|c| c.kind == ChangeKind::Added || c.added.binary_search(&line).is_ok());
    let deleted =
        |line: u32| change.is_some_and(|c| c.kind == ChangeKind::Deleted || c.deleted.binary_search(&line).is_ok());
    let old_of = |line: u32| match change {
        Some(c) if c.kind == ChangeKind::Added => None,
        Some(c) => c.old_line(line),
        None => Some(line),
    };
    let base_spans = function_spans(base, base_states);
    let mut matched = vec![false; base_spans.len()];
    let mut functions = Vec::new();
    for (name, line, end, ran) in function_spans(current, current_states) {
        let category = match old_of(line).filter(|_| !added(line)) {
            None => pick(ran, Category::Gnc, Category::Unc),
            Some(old) => match base_spans.iter().position(|(_, l, _, _)| *l == old) {
                None => pick(ran, Category::Gic, Category::Uic),
                Some(at) => {
                    matched[at] = true;
                    let (_, base_line, base_end, was) = &base_spans[at];
                    let body_changed = |end: u32| {
                        (line..=end).any(|l| match old_of(l).filter(|_| !added(l)) {
                            None => is_code(current_states, l),
                            Some(o) => is_code(base_states, o) != is_code(current_states, l),
                        })
                    };
                    let lines_deleted = |end: u32| (*base_line..=end).any(|o| deleted(o) && is_code(base_states, o));
                    let changed = end.is_some_and(body_changed) || base_end.is_some_and(lines_deleted);
                    match (*was, ran, changed) {
                        (true, true, false) => Category::Cbc,
                        (false, true, false) => Category::Gbc,
                        (_, true, true) => Category::Gnc,
                        (true, false, _) => Category::Lbc,
                        (false, false, false) => Category::Ubc,
                        (false, false, true) => Category::Unc,
                    }
                }
            },
        };
        functions.push(FunctionCategory { name, line, category });
    }
    for ((name, line, _, was), matched) in base_spans.into_iter().zip(matched) {
        if !matched {
            let category = match deleted(line) {
                true => pick(was, Category::Dcb, Category::Dub),
                false => pick(was, Category::Ecb, Category::Eub),
            };
            functions.push(FunctionCategory { name, line, category });
        }
    }
    functions
}

/// The categories of one file's branches, as genhtml gives them, branch by branch: on a line
/// the diff added, or in a file the baseline lacks, new (GNC, UNC); on a line the diff left
/// alone, the branch with the same identity on its baseline line judged by the two runs (CBC,
/// GBC, LBC, UBC), one the baseline lacks included (GIC, UIC), one the current report lacks
/// excluded (ECB, EUB); on a line the diff deleted, DCB or DUB. A branch counts as covered when
/// taken at least once.
fn categorize_branches(
    current: Option<&FileCoverage>,
    base: Option<&FileCoverage>,
    change: Option<&FileChange>,
) -> Vec<LineCategory> {
    let taken = |count: Option<u32>| count.is_some_and(|n| n > 0);
    let base_branches: &[crate::model::BranchHit] = base.map_or(&[], |b| &b.branches);
    let on_line = |line: u32| -> &[crate::model::BranchHit] {
        let from = base_branches.partition_point(|b| b.line < line);
        let to = base_branches.partition_point(|b| b.line <= line);
        &base_branches[from..to]
    };
    let mut categories = Vec::new();
    let mut matched: Vec<u32> = Vec::new();
    for branches in current.map_or(&[][..], |c| &c.branches).chunk_by(|a, b| a.line == b.line) {
        let line = branches[0].line;
        let old = match change {
            _ if base.is_none() => None,
            Some(change) if change.kind == ChangeKind::Added => None,
            Some(change) => change.old_line(line),
            None => Some(line),
        };
        let Some(old) = old else {
            categories.extend(
                branches
                    .iter()
                    .map(|b| LineCategory { line, category: pick(taken(b.taken()), Category::Gnc, Category::Unc) }),
            );
            continue;
        };
        matched.push(old);
        let before = on_line(old);
        let was = |id: BranchId| before.iter().find(|b| b.id == id).map(|b| taken(b.taken()));
        for branch in branches {
            let now = taken(branch.taken());
            let category = match (was(branch.id), now) {
                (Some(true), true) => Category::Cbc,
                (Some(false), true) => Category::Gbc,
                (Some(true), false) => Category::Lbc,
                (Some(false), false) => Category::Ubc,
                (None, _) => pick(now, Category::Gic, Category::Uic),
            };
            categories.push(LineCategory { line, category });
        }
        for gone in before.iter().filter(|b| !branches.iter().any(|c| c.id == b.id)) {
            categories.push(LineCategory { line, category: pick(taken(gone.taken()), Category::Ecb, Category::Eub) });
        }
    }
    sort(&mut matched);
    let deleted =
        |line: u32| change.is_some_and(|c| c.kind == ChangeKind::Deleted || c.deleted.binary_search(&line).is_ok());
    for branches in base_branches.chunk_by(|a, b| a.line == b.line) {
        let line = branches[0].line;
        if matched.binary_search(&line).is_ok() {
            continue;
        }
        let (yes, no) = match deleted(line) {
            true => (Category::Dcb, Category::Dub),
            false => (Category::Ecb, Category::Eub),
        };
        categories.extend(branches.iter().map(|b| LineCategory { line, category: pick(taken(b.taken()), yes, no) }));
    }
    categories
}

fn pick(covered: bool, yes: Category, no: Category) -> Category {
    if covered {
        yes
    } else {
        no
    }
}
