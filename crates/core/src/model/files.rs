//! Per-file coverage detail, as coverage tools record it: line hits, Go statement blocks,
//! branches and functions. Detail is kept (not only totals) so that files from parts of one
//! run can be merged exactly, and so a package can be opened into its files.

use std::cmp::Ordering;

use super::{Counts, Metric};
use covdash_protocol::sort::{sort_by, sort_by_key};

/// How often one source line ran. Hits saturate at `u32::MAX` (4,294,967,295): a line's
/// exact count beyond that changes no figure, and eight bytes a line keep a 100 MB report's
/// model small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineHit {
    pub line: u32,
    pub hits: u32,
}

impl LineHit {
    /// A line and its count, saturated to fit.
    pub fn new(line: u32, hits: u64) -> LineHit {
        LineHit { line, hits: u32::try_from(hits).unwrap_or(u32::MAX) }
    }
}

/// A Go coverage block: a source span holding `statements` statements that ran `hits` times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub start: (u32, u32),
    pub end: (u32, u32),
    pub statements: u32,
    pub hits: u64,
}

/// One outcome of a branch point, in sixteen bytes. Its count is `None` when the branch point
/// was never evaluated (LCOV's `-`); counts saturate at `u32::MAX - 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BranchHit {
    pub line: u32,
    /// The branch's identity within its line.
    pub id: BranchId,
    /// The count, or [`BranchHit::NOT_EVALUATED`].
    taken: u32,
}

impl BranchHit {
    const NOT_EVALUATED: u32 = u32::MAX;

    pub fn new(line: u32, id: BranchId, taken: Option<u64>) -> BranchHit {
        let taken = taken.map_or(BranchHit::NOT_EVALUATED, |t| {
            u32::try_from(t).unwrap_or(u32::MAX).min(BranchHit::NOT_EVALUATED - 1)
        });
        BranchHit { line, id, taken }
    }

    /// How often the branch was taken; `None` when its branch point never ran.
    pub fn taken(&self) -> Option<u32> {
        (self.taken != BranchHit::NOT_EVALUATED).then_some(self.taken)
    }

    /// Adds another reading of the same branch: counts add (saturating); a count beats "never
    /// evaluated".
    fn absorb(&mut self, other: BranchHit) {
        self.taken = match (self.taken(), other.taken()) {
            (Some(a), Some(b)) => a.saturating_add(b).min(BranchHit::NOT_EVALUATED - 1),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => BranchHit::NOT_EVALUATED,
        };
    }
}

/// A line's branches, counted: see [`FileCoverage::branch_lines`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BranchLine {
    pub line: u32,
    pub taken: u64,
    pub all: u64,
    /// The branch point ran (some branch has a count, even 0).
    pub ran: bool,
}

/// Which outcome of which branch point on a line, in eight bytes: a block and a branch number
/// where the tool writes numbers, a 63-bit hash of the text where it writes text
/// (coverage.py's `jump to line 7`). Ids are only ever compared within one line, where a hash
/// collision is not a practical concern. Kept as two halves so that a [`BranchHit`] packs into
/// sixteen bytes; they order as the 64-bit value would.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BranchId {
    high: u32,
    low: u32,
}

impl BranchId {
    const NAMED: u64 = 1 << 63;

    fn from_u64(value: u64) -> BranchId {
        BranchId { high: (value >> 32) as u32, low: value as u32 }
    }

    /// `kind` keeps a tool's marker (LCOV's `e`xception and `f`allthrough blocks; 0 when there
    /// is none). Numbers too large to pack are identified by their text instead.
    pub fn numbered(kind: u8, block: u32, branch: u32) -> BranchId {
        if block >= 1 << 29 || branch >= 1 << 31 {
            return BranchId::named(&format!("{kind}:{block},{branch}"));
        }
        BranchId::from_u64((u64::from(kind & 0b11) << 60) | (u64::from(block) << 31) | u64::from(branch))
    }

    /// A branch known by text (FNV-1a, 63 bits).
    pub fn named(text: &str) -> BranchId {
        let hash =
            text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        BranchId::from_u64(BranchId::NAMED | (hash & !BranchId::NAMED))
    }
}

/// A function and how often it was called (saturating at `u32::MAX`). Its name lives in its
/// file's [`FileCoverage::names`], so that a function costs sixteen bytes and no allocation of
/// its own: see [`FileCoverage::function_name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FunctionHit {
    name: NameRef,
    pub line: u32,
    pub hits: u32,
}

/// Where a function's name sits in its file's name arena.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NameRef {
    start: u32,
    len: u32,
}

/// Which metrics a source records for a file. A file whose source records lines but has none
/// (an empty module) has 0 of 0 lines, which is "n/a"; a source that records no branches at
/// all has no branch figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Recorded {
    pub lines: bool,
    pub statements: bool,
    pub branches: bool,
    pub functions: bool,
}

impl Recorded {
    pub fn has(self, metric: Metric) -> bool {
        match metric {
            Metric::Lines => self.lines,
            Metric::Statements => self.statements,
            Metric::Branches => self.branches,
            Metric::Functions => self.functions,
        }
    }

    /// One metric recorded.
    pub fn only(metric: Metric) -> Recorded {
        let mut recorded = Recorded::default();
        match metric {
            Metric::Lines => recorded.lines = true,
            Metric::Statements => recorded.statements = true,
            Metric::Branches => recorded.branches = true,
            Metric::Functions => recorded.functions = true,
        }
        recorded
    }

    pub fn union(self, other: Recorded) -> Recorded {
        Recorded {
            lines: self.lines || other.lines,
            statements: self.statements || other.statements,
            branches: self.branches || other.branches,
            functions: self.functions || other.functions,
        }
    }
}

/// What a file's line (and block) counts say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineCounts {
    /// How many times each line ran (LCOV, Cobertura, Go's `count` and `atomic` modes…).
    #[default]
    Runs,
    /// Only whether each line ran: coverage.py and SonarQube record no counts, Go's `set` mode
    /// writes 0 or 1, and JaCoCo's counts are instructions, not runs. Shown as run or not, never
    /// as "ran once".
    RanOrNot,
}

/// One source file's coverage.
///
/// Invariant (kept by [`FileCoverage::normalize`], which parsers call last): `lines` sorted by
/// line with no repeats; `blocks` sorted by span with no repeats; `functions` unique by name;
/// `branches` unique by `(line, id)`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileCoverage {
    /// Normalised: `/` separators, no `.` segments, `..` resolved where possible.
    pub path: String,
    pub recorded: Recorded,
    /// What the counts of `lines` and `blocks` say.
    pub counts: LineCounts,
    pub lines: Vec<LineHit>,
    pub blocks: Vec<Block>,
    pub branches: Vec<BranchHit>,
    /// Add with [`FileCoverage::push_function`]; names read with
    /// [`FileCoverage::function_name`].
    functions: Vec<FunctionHit>,
    /// The functions' names, one after another.
    names: String,
    /// Figures the tool stated for the file, where it gives figures rather than (all of) the
    /// detail: they win over counts derived from detail.
    pub stated: Stated,
}

/// A file's covered and total per metric, as its tool stated them (JaCoCo's counters,
/// llvm-cov's summaries, Istanbul's `coverage-summary.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stated([Option<Counts>; 4]);

impl Stated {
    pub fn get(&self, metric: Metric) -> Option<Counts> {
        self.0[metric.index()]
    }

    pub fn set(&mut self, metric: Metric, counts: Counts) {
        self.0[metric.index()] = Some(counts);
    }

    /// Two statements of one file's figures, from parts of one run. Which items the parts share
    /// is unknown, so neither a sum nor a union is right: the larger figures are kept (covered
    /// and total each), a lower bound of the merged coverage.
    fn absorb(&mut self, other: Stated) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine = match (*mine, theirs) {
                (Some(a), Some(b)) => {
                    let total = a.total().max(b.total());
                    Counts::new(a.covered().max(b.covered()).min(total), total)
                }
                (a, b) => a.or(b),
            };
        }
    }
}

impl FileCoverage {
    /// The lines whose branch point ran but not every branch of it was taken, ascending, each
    /// with its branches taken and in all (`(31, 1, 2)`): coverage.py's partial branches,
    /// lcov's lines with a `BRDA` count of 0 beside a taken one. A line whose branches never
    /// ran is uncovered, not partial.
    pub fn partial_branch_lines(&self) -> Vec<(u32, u64, u64)> {
        self.branch_lines().filter(|b| b.ran && b.taken < b.all).map(|b| (b.line, b.taken, b.all)).collect()
    }

    /// Each line with branches, ascending: how many of them were taken, how many there are,
    /// and whether its branch point ran at all.
    pub fn branch_lines(&self) -> impl Iterator<Item = BranchLine> + '_ {
        self.branches.chunk_by(|a, b| a.line == b.line).map(|branches| BranchLine {
            line: branches[0].line,
            taken: branches.iter().filter(|b| b.taken().is_some_and(|t| t > 0)).count() as u64,
            all: branches.len() as u64,
            ran: branches.iter().any(|b| b.taken().is_some()),
        })
    }

    pub fn new(path: String, recorded: Recorded) -> FileCoverage {
        FileCoverage { path, recorded, ..FileCoverage::default() }
    }

    /// Records the branches of `line` where a format says only how many there are and how
    /// many were taken (Cobertura's `condition-coverage`, SonarQube's `coveredBranches`,
    /// istanbul's Clover): numbered 0 to `total` (at most 1,024), the first `taken` taken once.
    /// Merging by (line, number) keeps the best of several parts.
    pub fn push_branches_taken(&mut self, line: u32, total: u64, taken: u64) {
        for branch in 0..total.min(1024) as u32 {
            let hits = u64::from(u64::from(branch) < taken);
            self.branches.push(BranchHit::new(line, BranchId::numbered(0, 0, branch), Some(hits)));
        }
    }

    /// Records a function (`hits` saturate at `u32::MAX`). Repeats of a name are merged by
    /// [`FileCoverage::normalize`].
    pub fn push_function(&mut self, name: &str, line: u32, hits: u64) {
        // A file's names beyond 4 GiB are not a case worth a wider reference: they are cut.
        let start = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        let len = u32::try_from(name.len()).unwrap_or(0);
        if start.checked_add(len).is_none() {
            return;
        }
        self.names.push_str(name);
        self.functions.push(FunctionHit {
            name: NameRef { start, len },
            line,
            hits: u32::try_from(hits).unwrap_or(u32::MAX),
        });
    }

    /// Records the figures the tool states for `metric` (they win over counts from detail).
    pub fn state(&mut self, metric: Metric, counts: Counts) {
        self.stated.set(metric, counts);
        self.recorded = self.recorded.union(Recorded::only(metric));
    }

    /// The file's functions, unique by name once normalised.
    pub fn functions(&self) -> &[FunctionHit] {
        &self.functions
    }

    /// The name of one of this file's functions.
    pub fn function_name(&self, function: &FunctionHit) -> &str {
        let NameRef { start, len } = function.name;
        self.names.get(start as usize..(start + len) as usize).unwrap_or("")
    }

    /// Covered and total for `metric`, or `None` when the source does not record it.
    pub fn counts(&self, metric: Metric) -> Option<Counts> {
        if let Some(stated) = self.stated.get(metric) {
            return Some(stated);
        }
        if !self.recorded.has(metric) {
            return None;
        }
        let (covered, total) = match metric {
            Metric::Lines => (self.lines.iter().filter(|l| l.hits > 0).count() as u64, self.lines.len() as u64),
            Metric::Statements => self.blocks.iter().fold((0u64, 0u64), |(c, t), b| {
                let n = u64::from(b.statements);
                (if b.hits > 0 { c + n } else { c }, t + n)
            }),
            Metric::Branches => (
                self.branches.iter().filter(|b| b.taken().is_some_and(|t| t > 0)).count() as u64,
                self.branches.len() as u64,
            ),
            Metric::Functions => {
                (self.functions.iter().filter(|f| f.hits > 0).count() as u64, self.functions.len() as u64)
            }
        };
        Counts::new(covered, total)
    }

    /// Sorts and merges repeats: hits of the same line, block, branch or function are added
    /// (saturating), as lcov and `go tool cover` do when a file appears more than once.
    pub fn normalize(&mut self) {
        // Tools write lines in order: a check inlined here is the whole cost for them.
        if !self.lines.is_sorted_by_key(|l| l.line) {
            sort_by_key(&mut self.lines, |l| l.line);
        }
        self.lines.dedup_by(|later, kept| {
            let same = later.line == kept.line;
            if same {
                kept.hits = kept.hits.saturating_add(later.hits);
            }
            same
        });
        sort_by_key(&mut self.blocks, |b| (b.start, b.end, b.statements));
        self.blocks.dedup_by(|later, kept| {
            let same = later.start == kept.start && later.end == kept.end && later.statements == kept.statements;
            if same {
                kept.hits = kept.hits.saturating_add(later.hits);
            }
            same
        });
        if !self.branches.is_sorted_by_key(|b| (b.line, b.id)) {
            sort_by_key(&mut self.branches, |b| (b.line, b.id));
        }
        self.branches.dedup_by(|later, kept| {
            let same = later.line == kept.line && later.id == kept.id;
            if same {
                kept.absorb(*later);
            }
            same
        });
        self.unrun_branches_of_unrun_lines();
        self.normalize_functions();
        // Parsing grows these by doubling; the model lives on, so give back the slack.
        self.lines.shrink_to_fit();
        self.blocks.shrink_to_fit();
        self.branches.shrink_to_fit();
        self.names.shrink_to_fit();
        self.functions.shrink_to_fit();
    }

    /// A branch point on a line that never ran never ran either. Most formats have no way to
    /// say so and write its branches as taken 0 times (coverage.py's missing arcs, Cobertura's
    /// `condition-coverage="0% (0/2)"` on a line of 0 hits, Clover's, JaCoCo's): those become
    /// "never evaluated", as lcov writes them (`-`). The counts are unchanged; a line that never
    /// ran is then uncovered, not partly covered, as coverage.py's BrPart counts it. Lines and
    /// branches are sorted.
    fn unrun_branches_of_unrun_lines(&mut self) {
        let mut lines = self.lines.iter().peekable();
        for chunk in self.branches.chunk_by_mut(|a, b| a.line == b.line) {
            let line = chunk[0].line;
            while lines.next_if(|l| l.line < line).is_some() {}
            let unrun = lines.peek().is_some_and(|l| l.line == line && l.hits == 0);
            if unrun && chunk.iter().all(|b| b.taken() == Some(0)) {
                for branch in chunk {
                    branch.taken = BranchHit::NOT_EVALUATED;
                }
            }
        }
    }

    /// Adds `other`'s detail to this file's (same path), then normalises.
    pub fn merge(&mut self, other: FileCoverage) {
        self.recorded = self.recorded.union(other.recorded);
        // A sum with a part that says only "ran" says only that.
        if other.counts == LineCounts::RanOrNot {
            self.counts = LineCounts::RanOrNot;
        }
        self.stated.absorb(other.stated);
        self.lines.extend_from_slice(&other.lines);
        self.blocks.extend_from_slice(&other.blocks);
        self.branches.extend_from_slice(&other.branches);
        for function in &other.functions {
            self.push_function(other.function_name(function), function.line, u64::from(function.hits));
        }
        self.normalize();
    }

    /// Sorts functions by name and merges repeats; the arena is rewritten only when repeats
    /// left names unused.
    fn normalize_functions(&mut self) {
        let names = &self.names;
        let name =
            |f: &FunctionHit| names.get(f.name.start as usize..(f.name.start + f.name.len) as usize).unwrap_or("");
        let order = |a: &FunctionHit, b: &FunctionHit| compare_bytes(name(a).as_bytes(), name(b).as_bytes());
        if !self.functions.is_sorted_by(|a, b| order(a, b).is_le()) {
            sort_by(&mut self.functions, order);
        }
        let before = self.functions.len();
        self.functions.dedup_by(|later, kept| {
            let same = same_bytes(name(later).as_bytes(), name(kept).as_bytes());
            if same {
                kept.hits = kept.hits.saturating_add(later.hits);
                kept.line = kept.line.min(later.line);
            }
            same
        });
        if self.functions.len() < before {
            let mut compact = String::with_capacity(self.names.len());
            for function in &mut self.functions {
                let NameRef { start, len } = function.name;
                let text = self.names.get(start as usize..(start + len) as usize).unwrap_or("");
                function.name.start = compact.len() as u32;
                compact.push_str(text);
            }
            self.names = compact;
        }
    }
}

/// The one ranking of files to test, wherever files are ranked so (the recommendations, a
/// package's files sorted by what is uncovered, the HTML report's annotated files): the most
/// left uncovered first, then by path. `missed` is what each leaves uncovered of the metric
/// judged.
pub fn most_uncovered_first(a: (u64, &FileCoverage), b: (u64, &FileCoverage)) -> Ordering {
    b.0.cmp(&a.0).then_with(|| a.1.path.cmp(&b.1.path))
}

/// Orders byte strings as `<[u8]>::cmp` does, eight bytes at a time: in wasm, `memcmp` is a
/// byte-by-byte loop, and names (C++ symbols, paths) often share long prefixes.
pub fn compare_bytes(a: &[u8], b: &[u8]) -> Ordering {
    let (mut a_rest, mut b_rest) = (a, b);
    while let (Some((a_word, a_tail)), Some((b_word, b_tail))) =
        (a_rest.split_first_chunk::<8>(), b_rest.split_first_chunk::<8>())
    {
        let (x, y) = (u64::from_be_bytes(*a_word), u64::from_be_bytes(*b_word));
        if x != y {
            return x.cmp(&y);
        }
        (a_rest, b_rest) = (a_tail, b_tail);
    }
    for (x, y) in a_rest.iter().zip(b_rest) {
        if x != y {
            return x.cmp(y);
        }
    }
    a_rest.len().cmp(&b_rest.len())
}

/// Byte-string equality by [`compare_bytes`].
pub fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && compare_bytes(a, b).is_eq()
}

/// Merges the files that share a path (hits added, in the order given); the result is sorted
/// by path.
pub fn merge_repeats(mut files: Vec<FileCoverage>) -> Vec<FileCoverage> {
    sort_by(&mut files, |a, b| a.path.cmp(&b.path));
    let mut merged: Vec<FileCoverage> = Vec::with_capacity(files.len());
    for file in files {
        match merged.last_mut() {
            Some(last) if last.path == file.path => last.merge(file),
            _ => merged.push(file),
        }
    }
    merged
}

/// Normalises a path as written by a coverage tool: `\` becomes `/`, `.` segments and repeated
/// separators go, `a/../` is resolved where it can be. A leading `/`, a drive letter (`C:`) or
/// a URL scheme (`resource://`) is kept.
pub fn normalize_path(raw: &str) -> String {
    let unified = raw.trim().replace('\\', "/");
    let (prefix, rest) = match unified.find("://") {
        Some(idx) if unified[..idx].chars().all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.') => {
            unified.split_at(idx + 3)
        }
        _ if unified.starts_with('/') => unified.split_at(1),
        _ => ("", unified.as_str()),
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in rest.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != ".." && !p.ends_with(':')) => {
                parts.pop();
            }
            // `/..` is `/`, and `C:/..` is `C:/`.
            ".." if !prefix.is_empty() || parts.last().is_some_and(|p| p.ends_with(':')) => {}
            _ => parts.push(part),
        }
    }
    format!("{prefix}{}", parts.join("/"))
}

/// The directory part of a normalised path: `a/b/c.go` → `a/b`; `c.go` → ``.
pub fn parent_dir(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) => "/",
        Some(idx) => &path[..idx],
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalised() {
        // (raw, normalised)
        let cases = [
            ("foo/bar/oof.cpp", "foo/bar/oof.cpp"),
            ("foo/./bar/./oof.cpp", "foo/bar/oof.cpp"),
            ("foo/bar/../bar/oof.cpp", "foo/bar/oof.cpp"),
            ("./src//lib.rs", "src/lib.rs"),
            (r"C:\temp\main.cpp", "C:/temp/main.cpp"),
            (r".\scripts\maths.lua", "scripts/maths.lua"),
            ("/abs/../x.c", "/x.c"),
            ("/../x.c", "/x.c"),
            ("../up/x.c", "../up/x.c"),
            ("a/../../x.c", "../x.c"),
            ("C:/../x.c", "C:/x.c"),
            ("resource://gre/modules/x.js", "resource://gre/modules/x.js"),
            ("", ""),
        ];
        for (raw, normalised) in cases {
            assert_eq!(normalize_path(raw), normalised, "{raw}");
        }
    }

    #[test]
    fn parents() {
        assert_eq!(parent_dir("a/b/c.go"), "a/b");
        assert_eq!(parent_dir("c.go"), "");
        assert_eq!(parent_dir("/c.go"), "/");
    }

    #[test]
    fn repeats_merge_by_adding_hits() {
        let recorded = Recorded { lines: true, statements: true, branches: true, functions: true };
        let mut file = FileCoverage::new("a.c".into(), recorded);
        file.lines = vec![LineHit::new(2, 0), LineHit::new(1, 1), LineHit::new(2, 3)];
        let block = |hits| Block { start: (1, 1), end: (2, 5), statements: 2, hits };
        file.blocks = vec![block(0), block(0), block(4)];
        let branch = |taken| BranchHit::new(3, BranchId::numbered(0, 0, 1), taken);
        file.branches = vec![branch(None), branch(Some(0)), branch(None), branch(Some(u64::MAX))];
        file.push_function("g", 1, 0);
        file.push_function("f", 9, 1);
        file.push_function("f", 4, 2);
        file.normalize();
        assert_eq!(file.lines, [LineHit::new(1, 1), LineHit::new(2, 3)]);
        assert_eq!(file.blocks, [block(4)]);
        assert_eq!(file.branches.len(), 1);
        assert_eq!(file.branches[0].taken(), Some(u32::MAX - 1));
        let functions: Vec<(&str, u32, u32)> =
            file.functions().iter().map(|f| (file.function_name(f), f.line, f.hits)).collect();
        assert_eq!(functions, [("f", 4, 3), ("g", 1, 0)]);
        assert_eq!(file.names, "fg");
        // (metric, covered, total)
        let cases =
            [(Metric::Lines, 2, 2), (Metric::Statements, 2, 2), (Metric::Branches, 1, 1), (Metric::Functions, 1, 2)];
        for (metric, covered, total) in cases {
            assert_eq!(file.counts(metric), Counts::new(covered, total), "{metric}");
        }
    }

    #[test]
    fn bytes_order_as_slices_do() {
        let words: [&[u8]; 9] =
            [b"", b"a", b"ab", b"abcdefgh", b"abcdefgh\0", b"abcdefgi", b"abcdefghij", b"b", b"\xff"];
        for a in words {
            for b in words {
                assert_eq!(compare_bytes(a, b), a.cmp(b), "{a:?} {b:?}");
                assert_eq!(same_bytes(a, b), a == b);
            }
        }
    }

    #[test]
    fn items_stay_small() {
        assert_eq!(std::mem::size_of::<LineHit>(), 8);
        assert_eq!(std::mem::size_of::<BranchHit>(), 16);
        assert_eq!(std::mem::size_of::<FunctionHit>(), 16);
    }

    #[test]
    fn stated_figures_win_and_merge_to_the_larger() {
        let mut file = FileCoverage::new("A.java".into(), Recorded { lines: true, ..Recorded::default() });
        file.lines = vec![LineHit::new(1, 1)];
        file.stated.set(Metric::Lines, Counts::new(3, 10).unwrap());
        assert_eq!(file.counts(Metric::Lines), Counts::new(3, 10));
        let mut other = FileCoverage::new("A.java".into(), Recorded::default());
        other.stated.set(Metric::Lines, Counts::new(5, 8).unwrap());
        other.stated.set(Metric::Branches, Counts::new(1, 2).unwrap());
        file.merge(other);
        assert_eq!(file.counts(Metric::Lines), Counts::new(5, 10));
        assert_eq!(file.counts(Metric::Branches), Counts::new(1, 2));
        assert_eq!(file.counts(Metric::Functions), None);
    }

    #[test]
    fn unrecorded_metrics_have_no_counts() {
        let file = FileCoverage::new("a.c".into(), Recorded { lines: true, ..Recorded::default() });
        assert_eq!(file.counts(Metric::Lines), Counts::new(0, 0));
        assert_eq!(file.counts(Metric::Branches), None);
    }
}
