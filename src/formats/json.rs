//! What the JSON readers share: typed reading with positioned errors, and numbers read the way
//! the tools write them.
//!
//! Every reader deserialises into typed structures (never `serde_json::Value`); serde_json's
//! recursion limit turns a deeply nested document into an error instead of a stack overflow.

use serde::de::DeserializeOwned;

use super::lines::json_message;
use super::{ErrorKind, Format, ParseError, Parsed};
use crate::model::{FileCoverage, Metric};

/// Reads the whole of `bytes` as one `T`; a value of the wrong kind is named by its JSON path
/// (`files.pkg/a.py.executed_lines`) as well as its line and column.
pub(crate) fn read<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ParseError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        let path = err.path().to_string();
        let error = error(err.inner());
        match error.kind() {
            // serde_path_to_error names the root ".".
            ErrorKind::InvalidValue { message, .. } if path != "." => {
                ParseError::new(ErrorKind::InvalidValue { path, message: message.clone() }, error.position())
            }
            _ => error,
        }
    })?;
    deserializer.end().map_err(|err| error(&err))?;
    Ok(value)
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
