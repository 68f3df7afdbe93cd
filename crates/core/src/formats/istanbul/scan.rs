//! A hand-written reader for the common shape of `coverage-final.json`: the fast path.
//!
//! Istanbul files are mostly statement maps, and reading them through serde's generic
//! machinery costs several times the work of looking at each byte once, most of all in the
//! page's size-optimised build. This reader walks the bytes once with a cursor, reads the
//! fields covdash counts into the same [`FileCov`] the serde path fills, and skips everything
//! else without building it (iteratively: nesting depth costs no stack).
//!
//! It only reads what it is sure of: integers, `null`, strings (escapes included), the known
//! fields. At anything else — a negative or fractional number, a syntax error, a field name
//! with escapes — it gives up and returns `None`, and the serde path reads the file again:
//! the same result, with serde's positioned error messages.

use std::borrow::Cow;

use super::{BranchEntry, Entries, FileCov, First, FnEntry, Key, Num, Pos, Span, FILE_FIELDS};
use crate::model::sort_by;

struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    #[inline(always)]
    fn peek(&mut self) -> Option<u8> {
        while let Some(&b) = self.bytes.get(self.pos) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(b);
            }
            self.pos += 1;
        }
        None
    }

    #[inline(always)]
    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    /// Whether the next byte is `byte`, eaten if so.
    #[inline(always)]
    fn next_is(&mut self, byte: u8) -> bool {
        self.eat(byte).is_some()
    }

    /// The raw text of a string (between its quotes, escapes as written), and whether it has
    /// escapes.
    #[inline(always)]
    fn raw_string(&mut self) -> Option<(&'a [u8], bool)> {
        self.eat(b'"')?;
        let start = self.pos;
        let mut escaped = false;
        loop {
            // Most strings here are short keys ("0", "line"): a plain loop finds their end
            // sooner than memchr's setup; long ones (paths, names) go to memchr.
            // After an escape at the very end, the position is past the end: no string.
            let rest = self.bytes.get(self.pos..)?;
            let mut idx = 0;
            while idx < 16 && idx < rest.len() && rest[idx] != b'"' && rest[idx] != b'\\' {
                idx += 1;
            }
            if idx == rest.len() {
                return None;
            }
            if idx == 16 {
                idx += memchr::memchr2(b'"', b'\\', &rest[16..])?;
            }
            self.pos += idx;
            if self.bytes[self.pos] == b'"' {
                self.pos += 1;
                return Some((&self.bytes[start..self.pos - 1], escaped));
            }
            escaped = true;
            self.pos += 2; // the backslash and the byte it escapes
        }
    }

    fn string(&mut self) -> Option<Cow<'a, str>> {
        let start = self.pos;
        let (raw, escaped) = self.raw_string()?;
        if escaped {
            // Unescaped by serde_json, from the quotes on.
            let quoted = &self.bytes[self.bytes[start..].iter().position(|&b| b == b'"')? + start..self.pos];
            return serde_json::from_slice::<String>(quoted).ok().map(Cow::Owned);
        }
        if raw.iter().any(|&b| b < 0x20) {
            return None; // a control character: invalid JSON, serde says where
        }
        std::str::from_utf8(raw).ok().map(Cow::Borrowed)
    }

    /// A field name as written; `None` (give up) when it has escapes.
    #[inline(always)]
    fn field(&mut self) -> Option<&'a [u8]> {
        let (raw, escaped) = self.raw_string()?;
        self.eat(b':')?;
        (!escaped).then_some(raw)
    }

    #[inline(always)]
    fn key(&mut self) -> Option<Key> {
        let (raw, escaped) = self.raw_string()?;
        self.eat(b':')?;
        if escaped {
            return None;
        }
        if !raw.is_empty() && raw.len() < 20 && raw.iter().all(u8::is_ascii_digit) {
            return Some(Key::Number(raw.iter().fold(0u64, |n, d| n * 10 + u64::from(d - b'0'))));
        }
        std::str::from_utf8(raw).ok().map(Key::of)
    }

    /// A non-negative integer or `null`; `None` for anything else.
    #[inline(always)]
    fn number(&mut self) -> Option<Num> {
        match self.peek()? {
            b'0'..=b'9' => {
                let mut value = 0u64;
                while let Some(&b) = self.bytes.get(self.pos) {
                    let digit = b.wrapping_sub(b'0');
                    if digit > 9 {
                        break;
                    }
                    // Below 10^18 nothing can overflow (and wasm has no cheap overflow check).
                    value = if value < 1_000_000_000_000_000_000 {
                        value * 10 + u64::from(digit)
                    } else {
                        value.saturating_mul(10).saturating_add(u64::from(digit))
                    };
                    self.pos += 1;
                }
                // A fraction or an exponent: the serde path reads those.
                match self.bytes.get(self.pos) {
                    Some(b'.' | b'e' | b'E') => None,
                    _ => Some(Num(value)),
                }
            }
            b'n' if self.bytes[self.pos..].starts_with(b"null") => {
                self.pos += 4;
                Some(Num(0))
            }
            _ => None,
        }
    }

    /// Skips one value of any kind, without recursion.
    fn skip(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match self.peek()? {
                b'{' | b'[' => {
                    self.pos += 1;
                    depth += 1;
                    continue;
                }
                b'}' | b']' => {
                    if depth == 0 {
                        return None;
                    }
                    self.pos += 1;
                    depth -= 1;
                }
                b'"' => {
                    self.raw_string()?;
                }
                b',' | b':' if depth > 0 => self.pos += 1,
                _ => {
                    let rest = &self.bytes[self.pos..];
                    let len = rest
                        .iter()
                        .position(|b| matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t' | b':'))
                        .unwrap_or(rest.len());
                    let token = &rest[..len];
                    let valid = matches!(token, b"true" | b"false" | b"null")
                        || (!token.is_empty()
                            && token.iter().all(|b| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')));
                    if !valid {
                        return None;
                    }
                    self.pos += len;
                }
            }
            if depth == 0 {
                return Some(());
            }
        }
    }

    /// Reads an object, calling `each` with the cursor after each key's colon.
    #[inline(always)]
    fn object<K>(
        &mut self,
        mut key: impl FnMut(&mut Self) -> Option<K>,
        mut each: impl FnMut(&mut Self, K) -> Option<()>,
    ) -> Option<()> {
        self.eat(b'{')?;
        if self.next_is(b'}') {
            return Some(());
        }
        loop {
            let k = key(self)?;
            each(self, k)?;
            if self.next_is(b',') {
                continue;
            }
            return self.eat(b'}');
        }
    }

    #[inline(always)]
    fn entries<V>(&mut self, mut value: impl FnMut(&mut Self) -> Option<V>) -> Option<Entries<V>> {
        let mut entries = Vec::new();
        self.eat(b'{')?;
        if !self.next_is(b'}') {
            loop {
                let key = self.key()?;
                entries.push((key, value(self)?));
                if !self.next_is(b',') {
                    self.eat(b'}')?;
                    break;
                }
            }
        }
        if !entries.is_sorted_by(|a, b| a.0 <= b.0) {
            sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        }
        Some(Entries(entries))
    }

    // `pos` and `span` are most of a file: written out rather than through `object`, whose
    // closures the size-optimised build does not inline.
    #[inline(always)]
    fn pos(&mut self) -> Option<Pos> {
        let mut pos = Pos::default();
        self.eat(b'{')?;
        if self.next_is(b'}') {
            return Some(pos);
        }
        loop {
            match self.field()? {
                b"line" => pos.line = self.number()?,
                b"column" => pos.column = self.number()?,
                _ => self.skip()?,
            }
            if !self.next_is(b',') {
                self.eat(b'}')?;
                return Some(pos);
            }
        }
    }

    #[inline(always)]
    fn span(&mut self) -> Option<Span> {
        let mut span = Span::default();
        self.eat(b'{')?;
        if self.next_is(b'}') {
            return Some(span);
        }
        loop {
            match self.field()? {
                b"start" => span.start = self.pos()?,
                b"end" => span.end = self.optional(Cursor::pos)?,
                _ => self.skip()?,
            }
            if !self.next_is(b',') {
                self.eat(b'}')?;
                return Some(span);
            }
        }
    }

    /// `null`, or a value read by `read`.
    #[inline(always)]
    fn optional<V>(&mut self, read: impl FnOnce(&mut Self) -> Option<V>) -> Option<Option<V>> {
        if self.peek()? == b'n' {
            self.number()?;
            return Some(None);
        }
        read(self).map(Some)
    }

    fn function(&mut self) -> Option<FnEntry> {
        let mut entry = FnEntry { name: None, decl: None, loc: None, line: None };
        self.object(Cursor::field, |c, field| {
            match field {
                b"name" => entry.name = c.optional(|c| c.string().map(Cow::into_owned))?,
                b"decl" => entry.decl = c.optional(Cursor::span)?,
                b"loc" => entry.loc = c.optional(Cursor::span)?,
                b"line" => entry.line = Some(c.number()?),
                _ => c.skip()?,
            }
            Some(())
        })?;
        Some(entry)
    }

    fn branch(&mut self) -> Option<BranchEntry> {
        let mut entry = BranchEntry { loc: None, locations: First(None), line: None };
        self.object(Cursor::field, |c, field| {
            match field {
                b"loc" => entry.loc = c.optional(Cursor::span)?,
                b"line" => entry.line = Some(c.number()?),
                b"locations" => {
                    c.eat(b'[')?;
                    if !c.next_is(b']') {
                        entry.locations = First(Some(c.span()?));
                        while c.next_is(b',') {
                            c.skip()?;
                        }
                        c.eat(b']')?;
                    }
                }
                _ => c.skip()?,
            }
            Some(())
        })?;
        Some(entry)
    }

    fn counts(&mut self) -> Option<Vec<Num>> {
        let mut counts = Vec::new();
        self.eat(b'[')?;
        if self.next_is(b']') {
            return Some(counts);
        }
        loop {
            counts.push(self.number()?);
            if !self.next_is(b',') {
                self.eat(b']')?;
                return Some(counts);
            }
        }
    }

    /// One field of a FileCoverage, the cursor after its colon.
    fn file_field(&mut self, cov: &mut FileCov, field: &[u8]) -> Option<()> {
        match field {
            b"path" => cov.path = self.optional(|c| c.string().map(Cow::into_owned))?,
            b"statementMap" => cov.statement_map = self.entries(Cursor::span)?,
            b"fnMap" => cov.fn_map = self.entries(Cursor::function)?,
            b"branchMap" => cov.branch_map = self.entries(Cursor::branch)?,
            b"s" => cov.s = self.entries(Cursor::number)?,
            b"f" => cov.f = self.entries(Cursor::number)?,
            b"b" => cov.b = self.entries(Cursor::counts)?,
            _ => self.skip()?,
        }
        Some(())
    }

    fn file(&mut self) -> Option<FileCov> {
        let mut cov = FileCov::default();
        self.object(Cursor::field, |c, field| c.file_field(&mut cov, field))?;
        Some(cov)
    }
}

/// Reads a whole `coverage-final.json` (keyed by path, or one bare FileCoverage) into files,
/// each handed to `file_of` as soon as it is read; `None` if the file is not of the common
/// shape this reader knows.
pub(super) fn read<'a, T>(bytes: &'a [u8], mut file_of: impl FnMut(&str, FileCov) -> T) -> Option<Vec<T>> {
    let mut c = Cursor { bytes, pos: 0 };
    // Each file a call, through a pointer no optimiser sees through: the browser's optimised
    // code reaches a call only when it begins (as `lcov::Reader` says).
    let file: fn(&mut Cursor<'a>) -> Option<FileCov> = std::hint::black_box(Cursor::file);
    let mut files = Vec::new();
    c.eat(b'{')?;
    if !c.next_is(b'}') {
        let first = c.string()?;
        c.eat(b':')?;
        if FILE_FIELDS.contains(&first.as_ref()) {
            // A bare FileCoverage: the object is its fields.
            let mut cov = FileCov::default();
            c.file_field(&mut cov, first.as_bytes())?;
            while c.next_is(b',') {
                let field = c.field()?;
                c.file_field(&mut cov, field)?;
            }
            c.eat(b'}')?;
            files.push(file_of("", cov));
        } else {
            files.push(file_of(&first, file(&mut c)?));
            while c.next_is(b',') {
                let path = c.string()?;
                c.eat(b':')?;
                files.push(file_of(&path, file(&mut c)?));
            }
            c.eat(b'}')?;
        }
    }
    // Nothing but white space may follow.
    c.peek().is_none().then_some(files)
}
