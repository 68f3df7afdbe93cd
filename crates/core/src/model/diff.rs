//! A change, as a unified diff describes it: for each file, its paths before and after, the
//! lines of the new side that were added or changed (all patch coverage needs) and those of the
//! old side that were removed or changed; every other line is the same line on both sides
//! ([`FileChange::old_line`]).

/// What a diff does to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Deleted,
    Modified,
    Renamed,
    /// A binary file changed: no lines to speak of.
    Binary,
}

/// One file of a diff.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FileChange {
    /// The path before the change (`None` for a new file), without `a/`.
    pub old_path: Option<String>,
    /// The path after the change (`None` for a deleted file), without `b/`.
    pub new_path: Option<String>,
    pub kind: ChangeKind,
    /// The new side's lines that were added or changed, ascending, each once.
    pub added: Vec<u32>,
    /// The old side's lines that were removed or changed, ascending, each once.
    pub deleted: Vec<u32>,
}

impl FileChange {
    /// The old side's number of the new side's line `new`, when the change left it as it was;
    /// `None` for a line the change added. Unchanged lines keep their order: the k-th of the
    /// new side's is the k-th of the old side's.
    pub fn old_line(&self, new: u32) -> Option<u32> {
        if self.added.binary_search(&new).is_ok() {
            return None;
        }
        // Unchanged lines before `new` on the new side, then the old line that many unchanged
        // lines in.
        let added_before = self.added.partition_point(|&a| a < new) as u32;
        let mut old = new - added_before;
        // Each deleted line at or before the candidate pushes it one further.
        let mut passed = 0;
        for &deleted in &self.deleted {
            if deleted <= old + passed {
                passed += 1;
            } else {
                break;
            }
        }
        old += passed;
        Some(old)
    }

    /// The path the change is about: the new one, or the old one of a deleted file.
    pub fn path(&self) -> &str {
        self.new_path.as_deref().or(self.old_path.as_deref()).unwrap_or("")
    }
}

/// A change to several files, in the diff's order.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Diff {
    pub files: Vec<FileChange>,
}

impl Diff {
    /// Lines added or changed, in every file.
    pub fn n_added(&self) -> u64 {
        self.files.iter().map(|f| f.added.len() as u64).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unchanged_line_is_found_on_the_old_side_through_the_changes_before_it() {
        // Old: 1 2 3 4 5 6 7; new: 1 (2 deleted) 3 NEW NEW 4 (5, 6 replaced by) NEW 7.
        // New numbering: 1→1, 3→2, NEW 3, NEW 4, 4→5, NEW 6, 7→7.
        let change = FileChange {
            old_path: Some("a.c".to_owned()),
            new_path: Some("a.c".to_owned()),
            kind: ChangeKind::Modified,
            added: vec![3, 4, 6],
            deleted: vec![2, 5, 6],
        };
        let found: Vec<Option<u32>> = (1..=8).map(|line| change.old_line(line)).collect();
        assert_eq!(found, [Some(1), Some(3), None, None, Some(4), None, Some(7), Some(8)]);
    }
}
