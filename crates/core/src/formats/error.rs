//! Errors and diagnostics, each with the position in the input it is about.

use std::fmt;

/// A place in an input file. Lines and columns count from 1; columns count bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: u64,
    pub column: Option<u64>,
}

impl Position {
    pub fn line(line: u64) -> Position {
        Position { line, column: None }
    }

    pub fn line_column(line: u64, column: u64) -> Position {
        Position { line, column: Some(column) }
    }

    /// Line and column (1-based) of byte `offset` of `bytes`.
    pub(crate) fn of_offset(bytes: &[u8], offset: u64) -> Position {
        let offset = usize::try_from(offset).unwrap_or(bytes.len()).min(bytes.len());
        let before = &bytes[..offset];
        let line = memchr::memchr_iter(b'\n', before).count() as u64 + 1;
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |idx| idx + 1);
        Position::line_column(line, (offset - line_start) as u64 + 1)
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(column) => write!(f, "line {}, column {column}", self.line),
            None => write!(f, "line {}", self.line),
        }
    }
}

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file is empty or holds only white space.
    Empty,
    /// The content matches none of the formats covdash reads. `looks_like` describes it.
    UnknownFormat { looks_like: String },
    /// The text is malformed for its format, e.g. a JSON syntax error.
    Syntax { message: String },
    /// A value has the wrong type or is out of range. `path` names it (`snapshots[0].label`);
    /// it is empty when the problem is with the document as a whole (a missing field).
    InvalidValue { path: String, message: String },
    /// The file declares a version of its format that is newer than covdash reads.
    UnsupportedVersion { found: u64, supported: u64 },
    /// The text is UTF-16 (as PowerShell's `>` writes it); covdash reads UTF-8.
    Utf16,
    /// The file is compressed in a way covdash does not inflate (`how`: "Zstandard").
    Compressed { how: &'static str },
}

/// A fatal error: nothing usable could be read. Carries the position where known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    kind: ErrorKind,
    position: Option<Position>,
}

impl ParseError {
    pub fn new(kind: ErrorKind, position: Option<Position>) -> ParseError {
        ParseError { kind, position }
    }

    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    pub fn position(&self) -> Option<Position> {
        self.position
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(position) = self.position {
            write!(f, "{position}: ")?;
        }
        match &self.kind {
            ErrorKind::Empty => f.write_str("the file is empty"),
            ErrorKind::UnknownFormat { looks_like } => write!(
                f,
                "this looks like {looks_like}, which is not a coverage format covdash reads (accepted: {})",
                super::Format::accepted_list()
            ),
            ErrorKind::Syntax { message } => f.write_str(message),
            ErrorKind::InvalidValue { path, message } if path.is_empty() => f.write_str(message),
            ErrorKind::InvalidValue { path, message } => write!(f, "{path}: {message}"),
            ErrorKind::UnsupportedVersion { found, supported } => {
                write!(f, "format version {found} is newer than this covdash reads (version {supported})")
            }
            ErrorKind::Utf16 => f.write_str(
                "the file is UTF-16 text, which covdash does not read: save it as UTF-8 \
                 (PowerShell: `Out-File -Encoding utf8`; elsewhere `iconv -f UTF-16 -t UTF-8`)",
            ),
            ErrorKind::Compressed { how } => write!(
                f,
                "the file is compressed with {how}, which covdash does not inflate: give it as it is, gzipped, \
                 or in a zip or tar archive"
            ),
        }
    }
}

impl std::error::Error for ParseError {}

/// A non-fatal problem: a record that was skipped or repaired while the rest was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub position: Position,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.position, self.message)
    }
}
