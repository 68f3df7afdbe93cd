//! Names from the data made safe for the place they are printed in.
//!
//! Coverage files are written from file and function names anyone with a branch controls, so a
//! name is hostile until shown otherwise: in a terminal it may carry escape sequences (retitle
//! the window, recolour or hide output), anywhere it may carry bidirectional overrides that make
//! one name read as another. Each output passes names through the function for its medium:
//! [`terminal`] here, [`escape_markup`] for HTML and SVG, the Markdown report's
//! own code spans.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal (or a reader) as it is: a character that acts on text
/// instead of being text, by Unicode's own general categories (Unicode 16): the controls (Cc:
/// C0, DEL, C1), the format characters (Cf: bidirectional marks, embeddings, overrides and
/// isolates, zero-width spaces and joiners, the byte-order mark, invisible operators, tags) and
/// the line and paragraph separators (Zl, Zp), which break a line where none is seen.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        // Cc
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // Cf
        | '\u{ad}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}' | '\u{890}'..='\u{891}'
        | '\u{8e2}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}' | '\u{110bd}' | '\u{110cd}'
        | '\u{13430}'..='\u{1343f}' | '\u{1bca0}'..='\u{1bca3}' | '\u{1d173}'..='\u{1d17a}' | '\u{e0001}'
        | '\u{e0020}'..='\u{e007f}'
        // Zl, Zp
        | '\u{2028}' | '\u{2029}'
    )
}

/// `text` with every [unsafe](is_unsafe) character written as a visible escape (`\x1b`,
/// `\u{202e}`), so it prints as text, one column a character, and never acts on the terminal.
/// A backslash stays a backslash: Windows paths are common, escapes in names are not.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        let code = u32::from(c);
        if !is_unsafe(c) {
            out.push(c);
        } else if code < 0x100 {
            out.push_str(&format!("\\x{code:02x}"));
        } else {
            out.push_str(&format!("\\u{{{code:x}}}"));
        }
    }
    Cow::Owned(out)
}

/// `text` shortened to `max` characters by an ellipsis in the middle (`src/very/…/file.rs`),
/// keeping both ends: the start says where a path is, the end which file.
pub fn elide(text: &str, max: usize) -> Cow<'_, str> {
    let n = text.chars().count();
    if n <= max || max < 3 {
        return Cow::Borrowed(text);
    }
    let head = (max - 1) / 2;
    let tail = max - 1 - head;
    let start: String = text.chars().take(head).collect();
    let end: String = text.chars().skip(n - tail).collect();
    Cow::Owned(format!("{start}…{end}"))
}

/// A name from the data as the page and the reports show it: made safe as text.
pub fn visible(name: &str) -> String {
    terminal(name).into_owned()
}

/// Escapes text for HTML or XML element content and attribute values. Control and reordering
/// characters become visible escapes too ([`terminal`]): a bidirectional
/// override must not make one file's name read as another's.
pub fn escape_markup(text: &str) -> String {
    let text = terminal(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match markup_entity(c) {
            Some(entity) => out.push_str(entity),
            None => out.push(c),
        }
    }
    out
}

/// The entity that writes `c` in HTML or XML text and attribute values, for the characters
/// that would otherwise be markup.
pub fn markup_entity(c: char) -> Option<&'static str> {
    match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&#39;"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_overrides_become_visible_text() {
        // (input, shown)
        let cases = [
            ("src/lib.rs", "src/lib.rs"),
            ("a\u{1b}]0;owned\u{7}b", "a\\x1b]0;owned\\x07b"),
            ("\u{1b}[31mred", "\\x1b[31mred"),
            ("tab\there\nnewline\r", "tab\\x09here\\x0anewline\\x0d"),
            ("del\u{7f} c1\u{9b}", "del\\x7f c1\\x9b"),
            ("evil\u{202e}txt.exe", "evil\\u{202e}txt.exe"),
            ("iso\u{2066}late\u{2069}", "iso\\u{2066}late\\u{2069}"),
            ("C:\\src\\main.c", "C:\\src\\main.c"),
            ("naïve/日本語.rs", "naïve/日本語.rs"),
        ];
        for (input, shown) in cases {
            assert_eq!(terminal(input), shown, "{input:?}");
        }
    }

    #[test]
    fn long_names_keep_both_ends() {
        assert_eq!(elide("short", 10), "short");
        assert_eq!(elide("abcdefghijklmnopqrstuvwxyz", 9), "abcd…wxyz");
        assert_eq!(elide(&"x".repeat(5000), 60).chars().count(), 60);
    }
}
