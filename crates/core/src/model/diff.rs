//! A change, as a unified diff describes it: for each file, its paths before and after and
//! the lines of the new side that were added or changed. That is all patch coverage needs.

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
}

impl FileChange {
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
