//! Line-oriented reading shared by the text formats: a streaming iterator over lines with
//! their numbers, and a collector for non-fatal diagnostics.

use super::{Diagnostic, Position};
use covdash_protocol::decimal::parse_number;

/// The lines of `bytes`, split on `\n` with memchr, each with its 1-based number and with a
/// trailing `\r` and other trailing white space removed. Never copies.
pub(crate) fn lines(bytes: &[u8]) -> impl Iterator<Item = (u64, &[u8])> {
    let mut start = 0;
    let mut number = 0u64;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |idx| start + idx);
        let line = bytes[start..end].trim_ascii_end();
        start = end + 1;
        number += 1;
        Some((number, line))
    })
}

/// How many diagnostics are kept with their text; the rest are only counted.
pub(crate) const KEPT_DIAGNOSTICS: usize = 20;

/// Collects diagnostics: the first [`KEPT_DIAGNOSTICS`] in full, and a count of all.
#[derive(Debug, Default)]
pub(crate) struct Diagnostics {
    kept: Vec<Diagnostic>,
    total: u64,
}

impl Diagnostics {
    pub(crate) fn push(&mut self, line: u64, message: impl FnOnce() -> String) {
        self.total += 1;
        if self.kept.len() < KEPT_DIAGNOSTICS {
            self.kept.push(Diagnostic { position: Position::line(line), message: message() });
        }
    }

    /// How many diagnostics are kept in full so far.
    pub(crate) fn n_kept(&self) -> usize {
        self.kept.len()
    }

    pub(crate) fn finish(self) -> (Vec<Diagnostic>, u64) {
        (self.kept, self.total)
    }
}

/// Reads a hit count as coverage tools write it: an integer, or a float such as `1.0` or
/// `1.0e+19` (saturating). A negative count is read as 0, as lcov does, and reported.
pub(crate) enum Count {
    Ok(u64),
    Negative,
    Invalid,
}

pub(crate) fn parse_count(text: &[u8]) -> Count {
    if let Some(value) = digits(text) {
        return Count::Ok(value);
    }
    let Some(value) = std::str::from_utf8(text).ok().and_then(parse_number) else {
        return Count::Invalid;
    };
    // `parse_number` reads no `NaN` or `inf`: what is left is a number.
    if value < 0.0 {
        Count::Negative
    } else {
        // `as` saturates: 1e30 becomes u64::MAX.
        Count::Ok(value as u64)
    }
}

/// A non-empty run of ASCII digits as a number (saturating), in one pass; `None` otherwise.
fn digits(text: &[u8]) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    let mut value = 0u64;
    for &byte in text {
        let digit = byte.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        value = value.saturating_mul(10).saturating_add(u64::from(digit));
    }
    Some(value)
}

/// Reads a positive line number.
pub(crate) fn parse_line_number(text: &[u8]) -> Option<u32> {
    if text.len() > 10 {
        return None;
    }
    digits(text).and_then(|n| u32::try_from(n).ok()).filter(|&n| n > 0)
}

/// A serde_json error's message without the " at line L column C" it appends: the position is
/// reported apart.
pub(crate) fn json_message(err: &serde_json::Error) -> String {
    let full = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    full.strip_suffix(&suffix).unwrap_or(&full).to_owned()
}

/// A run of ASCII digits as a `u32` index or number (0 allowed); `None` otherwise.
pub(crate) fn parse_u32(text: &[u8]) -> Option<u32> {
    if text.len() > 10 {
        return None;
    }
    digits(text).and_then(|n| u32::try_from(n).ok())
}

/// Lossy text for messages, shortened to `max` characters.
pub(crate) fn show(bytes: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    if text.chars().count() > max {
        format!("{}…", text.chars().take(max).collect::<String>())
    } else {
        text.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_numbered_and_trimmed() {
        let got: Vec<(u64, &[u8])> = lines(b"a\r\nb  \n\nc").collect();
        assert_eq!(got, [(1, &b"a"[..]), (2, b"b"), (3, b""), (4, b"c")]);
        assert_eq!(lines(b"").count(), 0);
        assert_eq!(lines(b"x\n").count(), 1);
    }

    #[test]
    fn counts_read_like_lcov_reads_them() {
        // (text, how it reads)
        let cases: [(&[u8], &str); 9] = [
            (b"0", "0"),
            (b"42", "42"),
            (b"1.0", "1"),
            (b"1.0e+19", "10000000000000000000"),
            (b"99999999999999999999999", "18446744073709551615"),
            (b"-3", "negative"),
            (b"1.a0e+19", "invalid"),
            (b"undefined", "invalid"),
            (b"", "invalid"),
        ];
        for (text, expected) in cases {
            let got = match parse_count(text) {
                Count::Ok(n) => n.to_string(),
                Count::Negative => "negative".to_owned(),
                Count::Invalid => "invalid".to_owned(),
            };
            assert_eq!(got, expected, "{}", String::from_utf8_lossy(text));
        }
    }

    #[test]
    fn line_numbers_are_positive() {
        assert_eq!(parse_line_number(b"7"), Some(7));
        assert_eq!(parse_line_number(b"0"), None);
        assert_eq!(parse_line_number(b"99999999999"), None);
        assert_eq!(parse_line_number(b"-1"), None);
    }
}
