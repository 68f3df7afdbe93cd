//! Unified diffs, as `git diff`, `git format-patch` and `diff -u` write them: each file's paths
//! before and after, and the lines of the new side that were added or changed.
//!
//! The reader streams over the lines (`\r\n` or `\n`). It knows `diff --git` headers with
//! their extended lines (`new file mode`, `deleted file mode`, `rename from`/`rename to`,
//! `copy from`/`copy to`, `Binary files … differ`, `GIT binary patch`), the `---`/`+++` pair
//! of any unified diff (a tab and a time after the name, as `diff -u` writes them; `/dev/null`
//! for a file that is not there), paths quoted as git quotes them, the `a/` and `b/` prefixes
//! (or none, with `--no-prefix`; or git's mnemonic ones), and `\ No newline at end of file`,
//! which is not a line of either side. A hunk is read for exactly as many lines as its header
//! says, so a line that starts with `+++` or `---` inside a hunk is a line of the hunk.
//! Anything else (a patch's mail headers and message, `index` lines, a stat) is passed over.

use super::lines::{lines, Diagnostics};
use super::{Diagnostic, ErrorKind, ParseError, Position};
use crate::model::{sort, ChangeKind, Diff, FileChange};

/// A diff that was read, with what was skipped on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedDiff {
    pub diff: Diff,
    /// The first problems, in input order (at most 20).
    pub diagnostics: Vec<Diagnostic>,
    pub n_diagnostics: u64,
}

/// Whether `head` (the start of a file) is a unified diff: a patch from `git format-patch`, or
/// text with a `diff --git` line, or a `---` line directly followed by a `+++` line.
pub fn is_diff(head: &[u8]) -> bool {
    // `git format-patch`: `From <commit> Mon Sep 17 00:00:00 2001`, however long the message.
    if head.starts_with(b"From ") && head.get(5..45).is_some_and(|id| id.iter().all(u8::is_ascii_hexdigit)) {
        return true;
    }
    let mut previous: &[u8] = b"";
    for (_, line) in lines(head) {
        if line.starts_with(b"diff --git ")
            || is_combined_header(line)
            || (previous.starts_with(b"--- ") && line.starts_with(b"+++ "))
        {
            return true;
        }
        previous = line;
    }
    false
}

/// A file being read: what its headers said so far.
#[derive(Default)]
struct Building {
    /// From `diff --git a/… b/…`, used where no `---`/`+++` or rename line says better.
    header: Option<(String, String)>,
    old: Option<Option<String>>,
    new: Option<Option<String>>,
    kind: Option<ChangeKind>,
    added: Vec<u32>,
    deleted: Vec<u32>,
    /// A hunk has been read.
    hunks: bool,
    /// Every hunk read starts from nothing on the old side (`-0,0`), or on the new (`+0,0`):
    /// a file `diff -N` creates or removes.
    from_nothing: bool,
    to_nothing: bool,
}

impl Building {
    fn finish(self) -> Option<FileChange> {
        let Building { header, old, new, kind, mut added, mut deleted, hunks, from_nothing, to_nothing } = self;
        if header.is_none() && old.is_none() && new.is_none() {
            return None;
        }
        let (header_old, header_new) = header.map_or((None, None), |(a, b)| (Some(a), Some(b)));
        let (old, new) = strip_prefixes(old.unwrap_or(header_old), new.unwrap_or(header_new));
        let kind = kind.unwrap_or(match (&old, &new) {
            _ if hunks && from_nothing => ChangeKind::Added,
            _ if hunks && to_nothing => ChangeKind::Deleted,
            (None, Some(_)) => ChangeKind::Added,
            (Some(_), None) => ChangeKind::Deleted,
            (Some(a), Some(b)) if a != b => ChangeKind::Renamed,
            _ => ChangeKind::Modified,
        });
        let (old, new) = match kind {
            ChangeKind::Added if !hunks => (None, new.or(old)),
            ChangeKind::Deleted => (old.or(new), None),
            _ => (old, new),
        };
        sort(&mut added);
        added.dedup();
        sort(&mut deleted);
        deleted.dedup();
        Some(FileChange { old_path: old, new_path: new, kind, added, deleted })
    }
}

/// A hunk being read: the lines of each side still to come, and each side's next line.
struct Hunk {
    old_left: u64,
    new_left: u64,
    old_next: u64,
    next: u64,
    /// Where its header is, for a message if it ends early.
    header_line: u64,
}

/// Whether `line` begins a file of a merge's combined diff.
fn is_combined_header(line: &[u8]) -> bool {
    line.starts_with(b"diff --cc ") || line.starts_with(b"diff --combined ")
}

/// What a merge's combined diff (`diff --cc`) is, and what to give instead.
const COMBINED: &str = "a merge's combined diff, which gives each line's change against every parent at once: \
                        give the change against one parent (`git diff MERGE^1 MERGE`)";

/// Reads `bytes` as a unified diff.
pub fn parse_diff(bytes: &[u8]) -> Result<ParsedDiff, ParseError> {
    let bytes = super::sniff::strip_bom(bytes);
    let mut files: Vec<FileChange> = Vec::new();
    let mut file = Building::default();
    let mut hunk: Option<Hunk> = None;
    let mut diagnostics = Diagnostics::default();
    let mut previous_minus: Option<Option<String>> = None;
    // Inside a merge's combined diff (`diff --cc`), whose lines are skipped to the next file;
    // where the first one began.
    let mut combined = false;
    let mut first_combined = None;
    for (number, line) in lines(bytes) {
        if let Some(h) = hunk.as_mut() {
            let consumed = match line.first() {
                Some(b'+') if h.new_left > 0 => {
                    if let Ok(at) = u32::try_from(h.next) {
                        file.added.push(at);
                    }
                    h.new_left -= 1;
                    h.next += 1;
                    true
                }
                Some(b'-') if h.old_left > 0 => {
                    if let Ok(at) = u32::try_from(h.old_next) {
                        file.deleted.push(at);
                    }
                    h.old_left -= 1;
                    h.old_next += 1;
                    true
                }
                // A context line; white space trimmed off the end leaves a blank one empty.
                Some(b' ') | None if h.old_left > 0 && h.new_left > 0 => {
                    h.old_left -= 1;
                    h.new_left -= 1;
                    h.old_next += 1;
                    h.next += 1;
                    true
                }
                Some(b'\\') => true,
                _ => false,
            };
            if consumed {
                if h.old_left == 0 && h.new_left == 0 {
                    hunk = None;
                }
                continue;
            }
            let header_line = h.header_line;
            diagnostics.push(number, || {
                format!("the hunk from line {header_line} ends early: its header counts more lines than follow")
            });
            hunk = None;
        }
        if is_combined_header(line) {
            files.extend(std::mem::take(&mut file).finish());
            previous_minus = None;
            combined = true;
            first_combined = first_combined.or(Some(number));
            diagnostics.push(number, || format!("{}: {COMBINED}, skipped", show(line)));
            continue;
        }
        if combined && !line.starts_with(b"diff --git ") {
            continue;
        }
        combined = false;
        if let Some(rest) = line.strip_prefix(b"diff --git ") {
            files.extend(std::mem::take(&mut file).finish());
            file.header = git_header_paths(rest);
            if file.header.is_none() {
                diagnostics.push(number, || "a `diff --git` line whose paths cannot be read".to_owned());
            }
            previous_minus = None;
        } else if let Some(rest) = line.strip_prefix(b"--- ") {
            previous_minus = Some(header_path(rest));
        } else if let Some(rest) = line.strip_prefix(b"+++ ") {
            let Some(old) = previous_minus.take() else {
                continue;
            };
            // Without `diff --git` lines (`diff -u`), a `---`/`+++` pair starts the next file.
            if file.hunks || (file.header.is_none() && file.new.is_some()) {
                files.extend(std::mem::take(&mut file).finish());
            }
            file.old = Some(old);
            file.new = Some(header_path(rest));
        } else if line.starts_with(b"@@ ") {
            previous_minus = None;
            if file.header.is_none() && file.new.is_none() {
                diagnostics.push(number, || "a hunk before any file header, skipped".to_owned());
                continue;
            }
            match hunk_header(line) {
                Some(((old_start, old_count), (new_start, new_count))) => {
                    // `-0,0` is a file that was not there; `-2,0` (`git diff -U0`) is lines
                    // inserted after line 2 of a file that was.
                    file.from_nothing = old_count == 0 && old_start == 0 && (file.from_nothing || !file.hunks);
                    file.to_nothing = new_count == 0 && new_start == 0 && (file.to_nothing || !file.hunks);
                    file.hunks = true;
                    if old_count > 0 || new_count > 0 {
                        hunk = Some(Hunk {
                            old_left: old_count,
                            new_left: new_count,
                            old_next: old_start,
                            next: new_start,
                            header_line: number,
                        });
                    }
                }
                None => diagnostics.push(number, || {
                    format!("{:?} is not a hunk header (`@@ -START,COUNT +START,COUNT @@`), skipped", show(line))
                }),
            }
        } else if file.header.is_some() && !file.hunks {
            extended_header(&mut file, line);
        } else {
            previous_minus = None;
        }
    }
    if let Some(h) = hunk {
        let header_line = h.header_line;
        diagnostics.push(header_line, || "the diff ends inside this hunk: its header counts more lines".to_owned());
    }
    files.extend(file.finish());
    if files.is_empty() {
        let (message, at) = match first_combined {
            Some(at) => (COMBINED.to_owned(), at),
            None => ("no file changes found (no `diff --git` line, `---`/`+++` pair or hunk)".to_owned(), 1),
        };
        return Err(ParseError::new(ErrorKind::Syntax { message }, Some(Position::line(at))));
    }
    let (diagnostics, n_diagnostics) = diagnostics.finish();
    Ok(ParsedDiff { diff: Diff { files }, diagnostics, n_diagnostics })
}

/// The lines of a `diff --git` header that say what happened to the file.
fn extended_header(file: &mut Building, line: &[u8]) {
    let text = |rest: &[u8]| unquote(rest);
    if line.starts_with(b"new file mode") {
        file.kind = Some(ChangeKind::Added);
        file.old = Some(None);
    } else if line.starts_with(b"deleted file mode") {
        file.kind = Some(ChangeKind::Deleted);
        file.new = Some(None);
    } else if let Some(rest) = line.strip_prefix(b"rename from ").or_else(|| line.strip_prefix(b"copy from ")) {
        file.old = Some(Some(text(rest)));
        file.kind = Some(if line.starts_with(b"copy") { ChangeKind::Added } else { ChangeKind::Renamed });
    } else if let Some(rest) = line.strip_prefix(b"rename to ").or_else(|| line.strip_prefix(b"copy to ")) {
        file.new = Some(Some(text(rest)));
    } else if line.starts_with(b"Binary files ") || line == b"GIT binary patch" {
        file.kind = Some(ChangeKind::Binary);
    }
}

/// The two paths of `diff --git A B`, as written (prefixes kept). Unquoted paths may hold
/// spaces: the header is split where both halves are the same file (`a/x y b/x y`), else at
/// the last ` b/`.
fn git_header_paths(rest: &[u8]) -> Option<(String, String)> {
    if rest.first() == Some(&b'"') {
        let end = closing_quote(rest)?;
        let (first, second) = (&rest[..=end], rest.get(end + 1..)?.trim_ascii_start());
        return Some((unquote(first), unquote(second)));
    }
    let text = String::from_utf8_lossy(rest).into_owned();
    if text.ends_with('"') {
        let start = text.rfind(" \"")?;
        return Some((text[..start].to_owned(), unquote(&text.as_bytes()[start + 1..])));
    }
    // Same name on both sides, with or without prefixes.
    // (The middle byte is looked at before slicing there: a space is a character boundary on
    // both sides, any other byte may not be.)
    let middle = text.len() / 2;
    if text.len() % 2 == 1 && text.as_bytes()[middle] == b' ' {
        let (a, b) = (&text[..middle], &text[middle + 1..]);
        if without_prefix(a) == without_prefix(b) {
            return Some((a.to_owned(), b.to_owned()));
        }
    }
    let split = text.rfind(" b/").or_else(|| text.find(' '))?;
    Some((text[..split].to_owned(), text[split + 1..].to_owned()))
}

fn without_prefix(path: &str) -> &str {
    match path.as_bytes() {
        [letter, b'/', ..] if letter.is_ascii_lowercase() => &path[2..],
        _ => path,
    }
}

/// The path of a `---` or `+++` line: quoted or not, a tab and what follows it dropped,
/// `None` for `/dev/null`.
fn header_path(rest: &[u8]) -> Option<String> {
    let path = if rest.first() == Some(&b'"') {
        unquote(rest)
    } else {
        let end = memchr::memchr(b'\t', rest).unwrap_or(rest.len());
        String::from_utf8_lossy(&rest[..end]).into_owned()
    };
    (path != "/dev/null").then_some(path)
}

/// Drops the prefixes of a diff's two paths, as `patch -p1` does when they have them: the
/// first directory of each, where the two differ only in it (`a/x` and `b/x`; `old/x` and
/// `new/x` from `diff -ru old new`), or where it is git's (`a/`, `b/`, or the mnemonic `i/`,
/// `w/`…); nothing for `--no-prefix`.
fn strip_prefixes(old: Option<String>, new: Option<String>) -> (Option<String>, Option<String>) {
    let split = |path: &Option<String>| -> Option<(String, String)> {
        let (first, rest) = path.as_deref()?.split_once('/')?;
        (!first.is_empty() && !rest.is_empty()).then(|| (first.to_owned(), rest.to_owned()))
    };
    let letter = |first: &str| first.len() == 1 && first.as_bytes()[0].is_ascii_lowercase();
    let strip = match (split(&old), split(&new)) {
        (Some((a, x)), Some((b, y))) => a != b && (x == y || (letter(&a) && letter(&b))),
        (Some((a, _)), None) => new.is_none() && a == "a",
        (None, Some((b, _))) => old.is_none() && b == "b",
        _ => false,
    };
    if strip {
        let cut = |path: Option<String>| path.map(|p| p.split_once('/').map_or(p.clone(), |(_, rest)| rest.to_owned()));
        (cut(old), cut(new))
    } else {
        (old, new)
    }
}

/// `@@ -START[,COUNT] +START[,COUNT] @@…`: the old count, the new start and the new count.
/// A hunk's `(start, count)` on the old side and on the new.
fn hunk_header(line: &[u8]) -> Option<((u64, u64), (u64, u64))> {
    let text = std::str::from_utf8(line).ok()?;
    let inner = text.strip_prefix("@@ ")?;
    let inner = &inner[..inner.find(" @@")?];
    let (old, new) = inner.split_once(' ')?;
    let range = |text: &str, sign: char| -> Option<(u64, u64)> {
        let text = text.strip_prefix(sign)?;
        match text.split_once(',') {
            Some((start, count)) => Some((start.parse().ok()?, count.parse().ok()?)),
            None => Some((text.parse().ok()?, 1)),
        }
    };
    Some((range(old, '-')?, range(new, '+')?))
}

/// Where the quote that opens `text` closes.
fn closing_quote(text: &[u8]) -> Option<usize> {
    let mut i = 1;
    while i < text.len() {
        match text[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// A path as git writes it: in double quotes with C escapes (`\t`, `\"`, `\\`, `\303\251`)
/// when it has special characters; as it is otherwise.
fn unquote(text: &[u8]) -> String {
    let Some(inner) = text.strip_prefix(b"\"").and_then(|t| Some(&t[..closing_quote(text)? - 1])) else {
        return String::from_utf8_lossy(text).into_owned();
    };
    let mut out = Vec::with_capacity(inner.len());
    let mut i = 0;
    while i < inner.len() {
        if inner[i] != b'\\' || i + 1 == inner.len() {
            out.push(inner[i]);
            i += 1;
            continue;
        }
        let octal = inner.get(i + 1..i + 4).filter(|d| d.iter().all(|b| (b'0'..=b'7').contains(b)));
        if let Some(digits) = octal {
            out.push(digits.iter().fold(0u8, |n, d| n.wrapping_mul(8).wrapping_add(d - b'0')));
            i += 4;
            continue;
        }
        out.push(match inner[i + 1] {
            b't' => b'\t',
            b'n' => b'\n',
            b'r' => b'\r',
            b'a' => 7,
            b'b' => 8,
            b'f' => 12,
            b'v' => 11,
            other => other,
        });
        i += 2;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A line for a message: at most 60 characters of it.
fn show(line: &[u8]) -> String {
    let text = String::from_utf8_lossy(line);
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunk_headers_read_as_git_writes_them() {
        // (header, (old start, count), (new start, count))
        let cases = [
            ("@@ -1,3 +1,4 @@", Some(((1, 3), (1, 4)))),
            ("@@ -0,0 +1 @@", Some(((0, 0), (1, 1)))),
            ("@@ -5 +5,2 @@ fn main() {", Some(((5, 1), (5, 2)))),
            ("@@ -1,3 +1,4", None),
            ("@@ -x +1 @@", None),
        ];
        for (header, read) in cases {
            assert_eq!(hunk_header(header.as_bytes()), read, "{header}");
        }
    }

    #[test]
    fn paths_read_as_git_quotes_them() {
        assert_eq!(unquote(br#""a/caf\303\251 \"x\".txt""#), "a/café \"x\".txt");
        assert_eq!(unquote(b"a/plain name.txt"), "a/plain name.txt");
        assert_eq!(git_header_paths(b"a/x y.c b/x y.c"), Some(("a/x y.c".into(), "b/x y.c".into())));
        assert_eq!(git_header_paths(b"src/x.c src/x.c"), Some(("src/x.c".into(), "src/x.c".into())));
        assert_eq!(git_header_paths(b"a/old.c b/new.c"), Some(("a/old.c".into(), "b/new.c".into())));
        assert_eq!(git_header_paths(br#""a/t\tb.c" "b/t\tb.c""#), Some(("a/t\tb.c".into(), "b/t\tb.c".into())));
    }
}
