//! Which lines of a file ran: the one place that turns a format's detail (line hits, Go's
//! statement blocks, branches) into states per line, for the uncovered ranges, the annotated
//! source and the reports alike.
//!
//! Formats that count lines (LCOV, Cobertura, coverage.py, JaCoCo, Istanbul, Clover,
//! tarpaulin) give a state per line: covered when it ran, uncovered when it did not, partial
//! when it ran but a branch on it was never taken. Go counts statement blocks, which span
//! lines and columns: a line is covered when every block on it ran, uncovered when none did,
//! and partial when some did — as `go tool cover -html` colours the parts of such a line
//! apart. Blocks are never expanded line by line, so a hostile block of four billion lines
//! costs what any block costs.

use super::files::FileCoverage;
use super::LineState;

/// Consecutive lines in one state, with the most any of them ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineRun {
    pub first: u32,
    pub last: u32,
    pub state: LineState,
    pub hits: u64,
}

impl FileCoverage {
    /// The file's lines with something to cover, as runs in line order (one a line for the
    /// formats that count lines), or none when the format records no per-line detail
    /// (llvm-cov's and Istanbul's summaries).
    pub fn line_runs(&self) -> Vec<LineRun> {
        if self.lines.is_empty() {
            self.runs_of_blocks(None)
        } else {
            self.runs_of_lines()
        }
    }

    /// [`FileCoverage::line_runs`] against the file's source: a Go block that starts past the
    /// end of its first line (`case 3:` ends where its clause's block starts) or ends before
    /// the first column of its last line leaves those lines out, as `go tool cover -html`
    /// leaves them uncoloured. Lines counted line by line do not depend on the source.
    pub fn line_runs_in(&self, source: &str) -> Vec<LineRun> {
        if !self.lines.is_empty() {
            return self.runs_of_lines();
        }
        let lengths: Vec<u32> = source.lines().map(|l| u32::try_from(l.len()).unwrap_or(u32::MAX)).collect();
        self.runs_of_blocks(Some(&lengths))
    }

    /// Whether the report says anything about the file's lines.
    pub fn has_line_detail(&self) -> bool {
        !self.lines.is_empty() || !self.blocks.is_empty()
    }

    fn runs_of_lines(&self) -> Vec<LineRun> {
        let partial = self.partial_branch_lines();
        let mut partial = partial.iter().map(|&(line, ..)| line).peekable();
        self.lines
            .iter()
            .map(|hit| {
                while partial.next_if(|&line| line < hit.line).is_some() {}
                let state = match (hit.hits, partial.next_if_eq(&hit.line)) {
                    (0, _) => LineState::Uncovered,
                    (_, Some(_)) => LineState::Partial,
                    (_, None) => LineState::Covered,
                };
                LineRun { first: hit.line, last: hit.line, state, hits: u64::from(hit.hits) }
            })
            .collect()
    }

    /// A sweep over the blocks' first and last lines: at each line where a block starts or
    /// ends, the blocks open there decide the state of the lines up to the next such line.
    fn runs_of_blocks(&self, lengths: Option<&[u32]>) -> Vec<LineRun> {
        // (line, opens: +1 / closes after: -1, ran, hits)
        let mut events: Vec<(u64, i8, bool, u64)> = Vec::with_capacity(self.blocks.len() * 2);
        for block in self.blocks.iter().filter(|b| b.statements > 0) {
            let (mut first, mut last) = (u64::from(block.start.0), u64::from(block.end.0.max(block.start.0)));
            if let Some(lengths) = lengths {
                // Columns count bytes from 1; a block's end column is the one after it.
                let length = |line: u32| lengths.get((line as usize).wrapping_sub(1)).copied();
                if length(block.start.0).is_some_and(|n| block.start.1 > n) {
                    first += 1;
                }
                if block.end.0 > block.start.0 && block.end.1 <= 1 {
                    last -= 1;
                }
                if first > last {
                    continue;
                }
            }
            events.push((first, 1, block.hits > 0, block.hits));
            events.push((last + 1, -1, block.hits > 0, block.hits));
        }
        crate::model::sort_by_key(&mut events, |e| (e.0, e.1));
        let (mut ran, mut idle) = (0u64, 0u64);
        // The hits of the blocks open, as a multiset kept sorted: its last is the most.
        let mut open_hits: Vec<u64> = Vec::new();
        let mut runs: Vec<LineRun> = Vec::new();
        let mut at = 0u64;
        for (line, change, block_ran, hits) in events {
            if line > at && (ran > 0 || idle > 0) {
                let state = match (ran, idle) {
                    (_, 0) => LineState::Covered,
                    (0, _) => LineState::Uncovered,
                    _ => LineState::Partial,
                };
                let hits = open_hits.last().copied().unwrap_or(0);
                let (first, last) = (clamp(at), clamp(line - 1));
                match runs.last_mut() {
                    Some(run) if run.state == state && run.hits == hits && u64::from(run.last) + 1 == at => {
                        run.last = last;
                    }
                    _ => runs.push(LineRun { first, last, state, hits }),
                }
            }
            at = line;
            let count = if block_ran { &mut ran } else { &mut idle };
            if change > 0 {
                *count += 1;
                let place = open_hits.partition_point(|&h| h < hits);
                open_hits.insert(place, hits);
            } else {
                *count = count.saturating_sub(1);
                if let Ok(place) = open_hits.binary_search(&hits) {
                    open_hits.remove(place);
                }
            }
        }
        runs
    }

    /// The file's uncovered lines as ranges: for the formats that count lines, consecutive
    /// lines that never ran, a range going on over lines with nothing to cover and ending at
    /// one that ran (as coverage.py's "Missing" column joins them); for Go, the lines with a
    /// statement that never ran.
    pub fn uncovered_ranges(&self) -> Vec<(u32, u32)> {
        let by_blocks = self.lines.is_empty();
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        let mut open = false;
        for run in self.line_runs() {
            let missing = match run.state {
                LineState::Uncovered => true,
                LineState::Partial => by_blocks,
                LineState::Covered => false,
            };
            match (missing, open, ranges.last_mut()) {
                (false, _, _) => open = false,
                (true, true, Some(last)) if by_blocks && last.1.saturating_add(1) < run.first => {
                    ranges.push((run.first, run.last));
                }
                (true, true, Some(last)) => last.1 = run.last,
                (true, _, _) => {
                    ranges.push((run.first, run.last));
                    open = true;
                }
            }
        }
        ranges
    }
}

fn clamp(line: u64) -> u32 {
    u32::try_from(line).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, BranchHit, BranchId, LineHit, Recorded};

    /// A block: its start, its end, its statements, its hits.
    type Span = ((u32, u32), (u32, u32), u32, u64);

    fn go_file(blocks: &[Span]) -> FileCoverage {
        let mut file = FileCoverage::new("a.go".into(), Recorded { statements: true, ..Recorded::default() });
        file.blocks =
            blocks.iter().map(|&(start, end, statements, hits)| Block { start, end, statements, hits }).collect();
        file.normalize();
        file
    }

    fn runs(file: &FileCoverage) -> Vec<(u32, u32, LineState, u64)> {
        file.line_runs().into_iter().map(|r| (r.first, r.last, r.state, r.hits)).collect()
    }

    #[test]
    fn blocks_give_lines_their_states_without_being_expanded() {
        use LineState::*;
        // func f(x int) int {   3.19–4.11 ran twice; the if's body 4.11–6.3 never ran;
        // return 0 at 7.2–7.10 ran twice.
        let file = go_file(&[((3, 19), (4, 11), 1, 2), ((4, 11), (6, 3), 1, 0), ((7, 2), (7, 10), 1, 2)]);
        assert_eq!(runs(&file), [(3, 3, Covered, 2), (4, 4, Partial, 2), (5, 6, Uncovered, 0), (7, 7, Covered, 2)]);
        assert_eq!(file.uncovered_ranges(), [(4, 6)]);
        // A block of four billion lines, and an empty one, cost nothing.
        let huge = go_file(&[((1, 1), (u32::MAX, 2), 4_000_000_000, 0), ((2, 1), (9, 1), 0, 5)]);
        assert_eq!(runs(&huge), [(1, u32::MAX, Uncovered, 0)]);
        // Apart, two uncovered blocks are two ranges.
        let apart = go_file(&[((1, 1), (2, 2), 1, 0), ((3, 1), (3, 9), 1, 1), ((4, 1), (5, 2), 1, 0)]);
        assert_eq!(apart.uncovered_ranges(), [(1, 2), (4, 5)]);
    }

    #[test]
    fn lines_with_a_branch_not_taken_are_partial() {
        use LineState::*;
        let mut file = FileCoverage::new("a.c".into(), Recorded { lines: true, branches: true, ..Recorded::default() });
        file.lines = vec![LineHit::new(1, 3), LineHit::new(2, 3), LineHit::new(4, 0), LineHit::new(6, 0)];
        let branch = |line, n, taken| BranchHit::new(line, BranchId::numbered(0, 0, n), taken);
        file.branches = vec![branch(2, 0, Some(3)), branch(2, 1, Some(0)), branch(4, 0, None), branch(4, 1, None)];
        file.normalize();
        assert_eq!(runs(&file), [(1, 1, Covered, 3), (2, 2, Partial, 3), (4, 4, Uncovered, 0), (6, 6, Uncovered, 0)]);
        // The range goes on over line 5, which has nothing to cover.
        assert_eq!(file.uncovered_ranges(), [(4, 6)]);
    }
}
