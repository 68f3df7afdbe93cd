//! Per-file coverage detail, as coverage tools record it: line hits, Go statement blocks,
//! branches and functions. Detail is kept (not only totals) so that files from parts of one
//! run can be merged exactly, and so a package can be opened into its files.

use super::{Counts, Metric};

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

/// One outcome of a branch point. `taken` is `None` when the branch point was never evaluated;
/// counts saturate at `u32::MAX`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BranchHit {
    pub line: u32,
    pub taken: Option<u32>,
    /// The branch's identity within its line.
    pub id: BranchId,
}

impl BranchHit {
    pub fn new(line: u32, id: BranchId, taken: Option<u64>) -> BranchHit {
        BranchHit { line, id, taken: taken.map(|t| u32::try_from(t).unwrap_or(u32::MAX)) }
    }
}

/// Which outcome of which branch point on a line, in eight bytes: a block and a branch number
/// where the tool writes numbers, a 63-bit hash of the text where it writes text
/// (coverage.py's `jump to line 7`). Ids are only ever compared within one line, where a hash
/// collision is not a practical concern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BranchId(u64);

impl BranchId {
    const NAMED: u64 = 1 << 63;

    /// `kind` keeps a tool's marker (LCOV's `e`xception and `f`allthrough blocks; 0 when there
    /// is none). Numbers too large to pack are identified by their text instead.
    pub fn numbered(kind: u8, block: u32, branch: u32) -> BranchId {
        if block >= 1 << 29 || branch >= 1 << 31 {
            return BranchId::named(&format!("{kind}:{block},{branch}"));
        }
        BranchId((u64::from(kind & 0b11) << 60) | (u64::from(block) << 31) | u64::from(branch))
    }

    /// A branch known by text (FNV-1a, 63 bits).
    pub fn named(text: &str) -> BranchId {
        let hash =
            text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        BranchId(BranchId::NAMED | (hash & !BranchId::NAMED))
    }
}

/// A function and how often it was called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionHit {
    pub name: Box<str>,
    pub line: u32,
    pub hits: u64,
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

    pub fn union(self, other: Recorded) -> Recorded {
        Recorded {
            lines: self.lines || other.lines,
            statements: self.statements || other.statements,
            branches: self.branches || other.branches,
            functions: self.functions || other.functions,
        }
    }
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
    pub lines: Vec<LineHit>,
    pub blocks: Vec<Block>,
    pub branches: Vec<BranchHit>,
    pub functions: Vec<FunctionHit>,
}

impl FileCoverage {
    pub fn new(path: String, recorded: Recorded) -> FileCoverage {
        FileCoverage { path, recorded, ..FileCoverage::default() }
    }

    /// Covered and total for `metric`, or `None` when the source does not record it.
    pub fn counts(&self, metric: Metric) -> Option<Counts> {
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
                self.branches.iter().filter(|b| b.taken.is_some_and(|t| t > 0)).count() as u64,
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
        self.lines.sort_unstable_by_key(|l| l.line);
        self.lines.dedup_by(|later, kept| {
            let same = later.line == kept.line;
            if same {
                kept.hits = kept.hits.saturating_add(later.hits);
            }
            same
        });
        self.blocks.sort_unstable_by_key(|b| (b.start, b.end, b.statements));
        self.blocks.dedup_by(|later, kept| {
            let same = later.start == kept.start && later.end == kept.end && later.statements == kept.statements;
            if same {
                kept.hits = kept.hits.saturating_add(later.hits);
            }
            same
        });
        self.branches.sort_unstable_by_key(|b| (b.line, b.id));
        self.branches.dedup_by(|later, kept| {
            let same = later.line == kept.line && later.id == kept.id;
            if same {
                kept.taken = match (kept.taken, later.taken) {
                    (Some(a), Some(b)) => Some(a.saturating_add(b)),
                    (a, b) => a.or(b),
                };
            }
            same
        });
        self.functions.sort_by(|a, b| a.name.cmp(&b.name));
        self.functions.dedup_by(|later, kept| {
            let same = later.name == kept.name;
            if same {
                kept.hits = kept.hits.saturating_add(later.hits);
                kept.line = kept.line.min(later.line);
            }
            same
        });
        // Parsing grows these by doubling; the model lives on, so give back the slack.
        self.lines.shrink_to_fit();
        self.blocks.shrink_to_fit();
        self.branches.shrink_to_fit();
        self.functions.shrink_to_fit();
    }

    /// Adds `other`'s detail to this file's (same path), then normalises.
    pub fn merge(&mut self, other: FileCoverage) {
        self.recorded = self.recorded.union(other.recorded);
        self.lines.extend(other.lines);
        self.blocks.extend(other.blocks);
        self.branches.extend(other.branches);
        self.functions.extend(other.functions);
        self.normalize();
    }
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
        let branch = |taken| BranchHit { line: 3, id: BranchId::numbered(0, 0, 1), taken };
        file.branches = vec![branch(None), branch(Some(0)), branch(None)];
        file.functions = vec![
            FunctionHit { name: "f".into(), line: 9, hits: 1 },
            FunctionHit { name: "f".into(), line: 4, hits: 2 },
        ];
        file.normalize();
        assert_eq!(file.lines, [LineHit::new(1, 1), LineHit::new(2, 3)]);
        assert_eq!(file.blocks, [block(4)]);
        assert_eq!(file.branches, [branch(Some(0))]);
        assert_eq!(file.functions, [FunctionHit { name: "f".into(), line: 4, hits: 3 }]);
        // (metric, covered, total)
        let cases =
            [(Metric::Lines, 2, 2), (Metric::Statements, 2, 2), (Metric::Branches, 0, 1), (Metric::Functions, 1, 1)];
        for (metric, covered, total) in cases {
            assert_eq!(file.counts(metric), Counts::new(covered, total), "{metric}");
        }
    }

    #[test]
    fn unrecorded_metrics_have_no_counts() {
        let file = FileCoverage::new("a.c".into(), Recorded { lines: true, ..Recorded::default() });
        assert_eq!(file.counts(Metric::Lines), Counts::new(0, 0));
        assert_eq!(file.counts(Metric::Branches), None);
    }
}
