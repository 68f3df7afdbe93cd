//! The JSON path of the value a reader stopped at (`files.pkg/a.py.executed_lines[0]`), found
//! from the error's position.
//!
//! A typed reader knows where it stopped, not what it was reading. Rather than tracking the
//! path while reading (a second copy of every reader's deserialisation code, for the rare
//! file that fails), the path is found afterwards: the bytes up to the error are scanned once
//! more, keeping only the keys and indices of the values still open.
//!
//! serde_json stops just after a value of the wrong kind when it is a string, number or literal,
//! and just after the `}` or `]` of an object or list that fails a check (a missing field, an
//! empty list): the value meant is the one just closed, or the innermost one still open. A list
//! or object of the wrong kind it refuses unread, stopping before its `[` or `{`: the value
//! meant is the one about to start. (A reader that takes any kind of value reads the `[` before
//! refusing it; when the refused list starts with another list, `[[`, the path then names that
//! inner list, one level deeper than the value at fault.)

/// One step into the document: a key of an object, or an index of a list (`None` until its
/// first value starts).
enum Step {
    Key(Option<String>),
    Index(Option<usize>),
}

/// A walk over a JSON document's tokens, keeping the keys and indices of the values open.
struct Scan<'a> {
    bytes: &'a [u8],
    at: usize,
    steps: Vec<Step>,
    /// What the next string is, in an object: a key (after `{` or `,`) or a value (after `:`).
    key_next: bool,
    /// Whether a value may start next: after `[`, `:`, or `,` in a list.
    value_next: bool,
}

impl<'a> Scan<'a> {
    fn new(bytes: &'a [u8]) -> Scan<'a> {
        Scan { bytes, at: 0, steps: Vec::new(), key_next: false, value_next: true }
    }

    /// Reads one token (a delimiter, a string, a number or a literal) or one blank.
    fn step(&mut self) {
        let byte = self.bytes[self.at];
        match byte {
            b'{' | b'[' => {
                start_value(&mut self.steps);
                self.steps.push(if byte == b'{' { Step::Key(None) } else { Step::Index(None) });
                self.key_next = byte == b'{';
                self.value_next = byte == b'[';
                self.at += 1;
            }
            b'}' | b']' => {
                self.steps.pop();
                (self.key_next, self.value_next) = (false, false);
                self.at += 1;
            }
            b',' => {
                self.key_next = matches!(self.steps.last(), Some(Step::Key(_)));
                self.value_next = !self.key_next;
                self.at += 1;
            }
            b':' => {
                (self.key_next, self.value_next) = (false, true);
                self.at += 1;
            }
            b'"' => {
                let end = string_end(self.bytes, self.at);
                if self.key_next {
                    if let Some(Step::Key(key)) = self.steps.last_mut() {
                        *key = Some(unescape(&self.bytes[self.at + 1..end.saturating_sub(1).max(self.at + 1)]));
                    }
                } else {
                    start_value(&mut self.steps);
                }
                (self.key_next, self.value_next) = (false, false);
                self.at = end;
            }
            b' ' | b'\t' | b'\n' | b'\r' => self.at += 1,
            _ => {
                // A number or a literal: it runs to the next delimiter.
                start_value(&mut self.steps);
                while self.at < self.bytes.len() && !b",:[]{}\" \t\n\r".contains(&self.bytes[self.at]) {
                    self.at += 1;
                }
                (self.key_next, self.value_next) = (false, false);
            }
        }
    }
}

/// The path of the value at `line` and `column` (serde_json's: 1-based line, bytes read on
/// it); empty at the document's root.
pub(crate) fn path_at(bytes: &[u8], line: usize, column: usize, message: &str) -> String {
    let offset = offset_of(bytes, line, column);
    let mut scan = Scan::new(bytes);
    while scan.at < offset {
        scan.step();
    }
    let Scan { mut steps, value_next, .. } = scan;
    // A list or object refused unread: the value about to start is the one meant.
    let next = bytes[offset..].iter().find(|b| !b.is_ascii_whitespace());
    let refused = match next {
        Some(b'[') => message.starts_with("invalid type: sequence"),
        Some(b'{') => message.starts_with("invalid type: map"),
        _ => false,
    };
    if value_next && refused {
        start_value(&mut steps);
    }
    let mut path = String::new();
    for step in &steps {
        match step {
            Step::Key(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Step::Index(Some(index)) => path.push_str(&format!("[{index}]")),
            Step::Key(None) | Step::Index(None) => {}
        }
    }
    path
}

/// Where each of `wanted` starts: a key (`"time"`) of the object at a path of keys and list
/// indices (`snapshots`, `3`; empty for the document's root), as byte offsets in the order
/// given (`None` for a key not found). One walk over the document, for the rare file that
/// has keys covdash does not read.
pub(crate) fn key_offsets(bytes: &[u8], wanted: &[(Vec<PathPart>, String)]) -> Vec<Option<usize>> {
    let mut found = vec![None; wanted.len()];
    let mut scan = Scan::new(bytes);
    while scan.at < bytes.len() && found.iter().any(Option::is_none) {
        if scan.key_next && bytes[scan.at] == b'"' {
            let start = scan.at;
            scan.step();
            let depth = scan.steps.len() - 1;
            let (parents, last) = scan.steps.split_at(depth);
            if let [Step::Key(Some(key))] = last {
                for (slot, (path, name)) in found.iter_mut().zip(wanted) {
                    if slot.is_none() && name == key && path.len() == depth && parents.iter().zip(path).all(same) {
                        *slot = Some(start);
                    }
                }
            }
        } else {
            scan.step();
        }
    }
    found
}

/// Every key of the objects at most `depth` deep (0 for the document's own), in the document's
/// order, with the path of the object it is in. The same walk as [`key_offsets`]: no reader of
/// its own for a document read already.
pub(crate) fn keys(bytes: &[u8], depth: usize) -> Vec<(Vec<PathPart>, String)> {
    let mut keys = Vec::new();
    let mut scan = Scan::new(bytes);
    while scan.at < bytes.len() {
        let is_key = scan.key_next && bytes[scan.at] == b'"';
        scan.step();
        let Some((Step::Key(Some(key)), parents)) = scan.steps.split_last().filter(|_| is_key) else { continue };
        if parents.len() <= depth {
            let path = parents.iter().filter_map(|step| match step {
                Step::Key(Some(key)) => Some(PathPart::Key(key.clone())),
                Step::Index(Some(index)) => Some(PathPart::Index(*index)),
                Step::Key(None) | Step::Index(None) => None,
            });
            keys.push((path.collect(), key.clone()));
        }
    }
    keys
}

/// One step of a path asked for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PathPart {
    Key(String),
    Index(usize),
}

fn same((step, part): (&Step, &PathPart)) -> bool {
    match (step, part) {
        (Step::Key(Some(key)), PathPart::Key(name)) => key == name,
        (Step::Index(Some(index)), PathPart::Index(wanted)) => index == wanted,
        _ => false,
    }
}

/// A value starts in the innermost open list: it is that list's next index.
fn start_value(steps: &mut [Step]) {
    if let Some(Step::Index(index)) = steps.last_mut() {
        *index = Some(index.map_or(0, |i| i + 1));
    }
}

/// The byte offset of serde_json's position, within `bytes`.
fn offset_of(bytes: &[u8], line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', bytes).nth(line - 2).map_or(bytes.len(), |newline| newline + 1)
    };
    (line_start + column).min(bytes.len())
}

/// Just past the string that opens at `start` (its closing quote), or the end of `bytes`.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => return at + 1,
            b'\\' => at += 2,
            _ => at += 1,
        }
    }
    bytes.len()
}

/// A key's text, its escapes read (`\"`, `\\`, `\/`, `\n`…, `\uXXXX` with surrogate pairs);
/// what cannot be read stays as written.
fn unescape(raw: &[u8]) -> String {
    if !raw.contains(&b'\\') {
        return String::from_utf8_lossy(raw).into_owned();
    }
    let mut text = String::new();
    let mut units: Vec<u16> = Vec::new();
    let mut at = 0;
    let flush = |units: &mut Vec<u16>, text: &mut String| {
        text.extend(char::decode_utf16(units.drain(..)).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)));
    };
    while at < raw.len() {
        if raw[at] == b'\\' && at + 1 < raw.len() {
            let escaped = raw[at + 1];
            if escaped == b'u' {
                if let Some(unit) = raw
                    .get(at + 2..at + 6)
                    .and_then(|hex| std::str::from_utf8(hex).ok())
                    .and_then(|hex| u16::from_str_radix(hex, 16).ok())
                {
                    units.push(unit);
                    at += 6;
                    continue;
                }
            }
            flush(&mut units, &mut text);
            text.push(match escaped {
                b'n' => '\n',
                b't' => '\t',
                b'r' => '\r',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                other => char::from(other),
            });
            at += 2;
        } else {
            flush(&mut units, &mut text);
            let next = raw[at..].iter().position(|&b| b == b'\\').map_or(raw.len(), |p| at + p);
            text.push_str(&String::from_utf8_lossy(&raw[at..next]));
            at = next;
        }
    }
    flush(&mut units, &mut text);
    text
}

#[cfg(test)]
mod tests {
    use super::path_at;

    /// Each document ends where serde_json stops (`|`), with the path a person means.
    #[test]
    fn names_the_value_at_the_position() {
        let cases = [
            // A string, number or literal of the wrong kind: just after it.
            (
                r#"{"files": {"a.py": {"executed_lines": ["x"|]}}}"#,
                "invalid type: string",
                "files.a.py.executed_lines[0]",
            ),
            (r#"{"a": 1, "b": [1, 2, tru|e]}"#, "invalid type: boolean", "b[2]"),
            (r#"{"a": {"b": 1.5|}}"#, "invalid type: floating point", "a.b"),
            // A checked object or list: just after its end.
            (r#"{"s": [{"p": {"a": {"covered": 1}|}}]}"#, "missing field `total`", "s[0].p.a"),
            (r#"{"title": "x", "snapshots": []|}"#, "at least one snapshot is needed", "snapshots"),
            // A list or object refused unread: just before it, or just after its `[` when
            // read by a reader that takes any value.
            (r#"{"lines": [|[1]]}"#, "invalid type: sequence, expected f64", "lines[0]"),
            (r#"{"lines": [1, |{}]}"#, "invalid type: map, expected f64", "lines[1]"),
            (r#"{"seg": [[|1]]}"#, "invalid type: sequence", "seg[0]"),
            (r#"{"seg": [[[|1]]]}"#, "invalid type: sequence", "seg[0][0]"),
            // Keys with escapes, and lines.
            ("{\"a\\\"b\": {\n  \"\\u00e9t\\u00e9\": true|}}", "invalid type: boolean", "a\"b.été"),
            // The document's root.
            (r#"[1, 2]|"#, "invalid type: sequence", ""),
        ];
        for (marked, message, expected) in cases {
            let at = marked.find('|').expect("a marked position");
            let text = marked.replacen('|', "", 1);
            let line = text[..at].matches('\n').count() + 1;
            let column = at - text[..at].rfind('\n').map_or(0, |newline| newline + 1);
            assert_eq!(path_at(text.as_bytes(), line, column, message), expected, "{marked}");
        }
    }
}
