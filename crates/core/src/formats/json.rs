//! What the JSON readers share: typed reading with positioned errors, and numbers read the way
//! the tools write them.
//!
//! Every reader deserialises into typed structures (never `serde_json::Value`); serde_json's
//! recursion limit turns a deeply nested document into an error instead of a stack overflow.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::json_path::{self, path_at, PathPart};
use super::lines::json_message;
use super::{Diagnostic, ErrorKind, Format, ParseError, Parsed, Position};
use crate::model::{FileCoverage, Metric};

/// Reads the whole of `bytes` as one `T`; a value of the wrong kind is named by its JSON path
/// (`files.pkg/a.py.executed_lines`) as well as its line and column.
pub(crate) fn read<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ParseError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = T::deserialize(&mut deserializer).map_err(|err| with_path(bytes, &err, error(&err)))?;
    deserializer.end().map_err(|err| error(&err))?;
    Ok(value)
}

/// `error`, the value at fault named by its JSON path when it is a value of the wrong kind
/// (not at the document's root).
pub(crate) fn with_path(bytes: &[u8], err: &serde_json::Error, error: ParseError) -> ParseError {
    match error.kind() {
        ErrorKind::InvalidValue { path, message } if path.is_empty() && err.line() > 0 => {
            let path = path_at(bytes, err.line(), err.column(), message);
            if path.is_empty() {
                return error;
            }
            ParseError::new(ErrorKind::InvalidValue { path, message: message.clone() }, error.position())
        }
        _ => error,
    }
}

/// A serde_json error as a [`ParseError`] at its line and column.
pub(crate) fn error(err: &serde_json::Error) -> ParseError {
    let position = (err.line() > 0).then(|| super::Position::line_column(err.line() as u64, err.column() as u64));
    let message = json_message(err);
    let kind = match err.classify() {
        serde_json::error::Category::Eof => {
            ErrorKind::Syntax { message: format!("the JSON ends too early ({message})") }
        }
        serde_json::error::Category::Data => ErrorKind::InvalidValue { path: String::new(), message },
        _ => ErrorKind::Syntax { message: format!("invalid JSON: {message}") },
    };
    ParseError::new(kind, position)
}

/// Whether `key` is an annotation rather than a key a format could have: `x-…`, or `$schema`
/// and the like for editors. Read past in silence.
pub(crate) fn is_annotation(key: &str) -> bool {
    key.starts_with("x-") || key.starts_with('$')
}

/// The keys a document has that its reader does not, gathered as it is read: each said once a
/// kind of object and key (`A`: a snapshot, a repository…), with how many objects have it, where
/// it is first. A key misspelt (`"time"` for `"timestamp"`, `"teem"`) would otherwise be read
/// past without a word, and the figures shown as if it were not there.
pub(crate) struct Unread<A> {
    /// Each kind and key, the path of the first object that has it, and how many have it.
    keys: Vec<(A, String, Vec<PathPart>, u64)>,
}

impl<A: PartialEq> Unread<A> {
    pub(crate) fn new() -> Unread<A> {
        Unread { keys: Vec::new() }
    }

    /// `key`, in an object of kind `among` at `path` (built only the first time).
    pub(crate) fn note(&mut self, among: A, key: &str, path: impl FnOnce() -> Vec<PathPart>) {
        if is_annotation(key) {
            return;
        }
        match self.keys.iter_mut().find(|(a, k, ..)| *a == among && k == key) {
            Some((.., n)) => *n += 1,
            None => self.keys.push((among, key.to_owned(), path(), 1)),
        }
    }

    /// A diagnostic for each, where the key is first in `bytes`, in its words: `say(among, key,
    /// how many objects have it)`. One walk over the document, only when there is something to say.
    pub(crate) fn said(self, bytes: &[u8], say: impl Fn(&A, &str, u64) -> String) -> Vec<Diagnostic> {
        if self.keys.is_empty() {
            return Vec::new();
        }
        let wanted: Vec<(Vec<PathPart>, String)> =
            self.keys.iter().map(|(_, key, path, _)| (path.clone(), key.clone())).collect();
        let offsets = json_path::key_offsets(bytes, &wanted);
        let mut said: Vec<Diagnostic> = self
            .keys
            .into_iter()
            .zip(offsets)
            .map(|((among, key, _, n), offset)| Diagnostic {
                position: Position::of_offset(bytes, offset.unwrap_or(0) as u64),
                message: say(&among, &key, n),
            })
            .collect();
        crate::model::sort_by_key(&mut said, |d| (d.position.line, d.position.column));
        said
    }
}

/// A count as written (tools write integers, some floats): negative and non-finite values read
/// as 0, huge ones saturate.
pub(crate) fn count(value: f64) -> u64 {
    if value.is_finite() && value > 0.0 {
        value.min(u64::MAX as f64) as u64
    } else {
        0
    }
}

/// A line or column number as written; 0 when absent, negative or not a number.
pub(crate) fn number(value: Option<f64>) -> u32 {
    value.filter(|v| v.is_finite() && *v >= 0.0).map_or(0, |v| v.min(f64::from(u32::MAX)) as u32)
}

/// The one-snapshot report of a file list; an empty list is an error naming what the file
/// lacked.
pub(crate) fn report_of(
    format: Format,
    files: Vec<FileCoverage>,
    metric: Metric,
    empty: &str,
) -> Result<Parsed, ParseError> {
    if files.is_empty() {
        return Err(ParseError::new(ErrorKind::Syntax { message: empty.to_owned() }, None));
    }
    Ok(super::single_snapshot(format, files, metric, super::lines::Diagnostics::default()))
}

/// The first element of a JSON array, read as `T`; the others are skipped without being built
/// (a branch's first location, a function's first region).
pub(crate) struct First<T>(pub(crate) Option<T>);

impl<T> Default for First<T> {
    fn default() -> Self {
        First(None)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for First<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FirstVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for FirstVisitor<T> {
            type Value = First<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<First<T>, A::Error> {
                let first = seq.next_element::<T>()?;
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(First(first))
            }
        }
        deserializer.deserialize_seq(FirstVisitor(PhantomData))
    }
}

/// A string checked as it is read: a value that fails `check` is then named by its own path
/// (serde_json places the error just after the string, json_path.rs), not its object's.
pub(crate) fn checked_str<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    check: fn(&str) -> Result<T, String>,
) -> Result<T, D::Error> {
    struct Text<T>(fn(&str) -> Result<T, String>);
    impl<T> Visitor<'_> for Text<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
            (self.0)(text).map_err(E::custom)
        }
    }
    deserializer.deserialize_str(Text(check))
}

/// A list checked as it is read: a list that fails `check` is then named by its own path
/// (serde_json places the error just after its `]`), not its object's.
pub(crate) fn checked_list<'de, D: Deserializer<'de>, T: Deserialize<'de>, U>(
    deserializer: D,
    check: fn(Vec<T>) -> Result<U, String>,
) -> Result<U, D::Error> {
    struct List<T, U>(fn(Vec<T>) -> Result<U, String>);
    impl<'de, T: Deserialize<'de>, U> Visitor<'de> for List<T, U> {
        type Value = U;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a sequence")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<U, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element()? {
                items.push(item);
            }
            (self.0)(items).map_err(serde::de::Error::custom)
        }
    }
    deserializer.deserialize_seq(List(check))
}
