//! Text from the vault (file names, task text, YAML values) made safe to show on a
//! terminal: control characters are written as visible escapes.
//!
//! A file name holding `ESC ]0;…` would retitle or clear the terminal it is printed on; a
//! newline in a name would split a `path:line:col` line or a patch header in two. Every
//! human-readable output (diagnostics, tables, the matrix, Markdown, `--dry-run` and
//! `--check`) passes vault text through [`display`]. JSON output stays exact (its own
//! escaping is lossless).
//!
//! Escaped: the C0 controls (U+0000–U+001F) as `\n`, `\r`, `\t`, `\e` or `\xNN`; DEL as
//! `\x7f`; the C1 controls (U+0080–U+009F) and the bidirectional overrides and isolates
//! (U+202A–U+202E, U+2066–U+2069, which can make text read in another order than it is
//! stored) as `\u{NNNN}`. Everything else, backslashes included, is shown as it is.

use std::borrow::Cow;
use std::fmt::Write;

/// True for a character [`display`] escapes.
pub(crate) fn needs_escape(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// True when every byte of `text` is printable ASCII (U+0020–U+007E): such text has
/// nothing [`display`] escapes, and takes one terminal column a byte.
pub(crate) fn is_printable_ascii(text: &str) -> bool {
    text.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// `text` with every control character written as a visible escape (borrowed when there
/// is none, the common case).
pub(crate) fn display(text: &str) -> Cow<'_, str> {
    // Printable ASCII (most paths and task text) is settled a byte at a time, without
    // decoding characters; only text holding another byte is looked at character by
    // character.
    if is_printable_ascii(text) || !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    push(&mut out, text);
    Cow::Owned(out)
}

/// Append `text` to `out`, escaped as [`display`] does.
pub(crate) fn push(out: &mut String, text: &str) {
    for c in text.chars() {
        if !needs_escape(c) {
            out.push(c);
            continue;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{1b}' => out.push_str("\\e"),
            '\u{0}'..='\u{1f}' | '\u{7f}' => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            _ => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
        }
    }
}

/// The lines of a text shown on a terminal (a diff's body): each line's control
/// characters escaped, except the tab and the line ending itself.
pub(crate) fn display_lines(text: &str) -> Cow<'_, str> {
    let bad = |c: char| needs_escape(c) && !matches!(c, '\n' | '\t');
    if !text.chars().any(bad) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix("\r\n") {
            Some(body) => (body, "\r\n"),
            None => match line.strip_suffix('\n') {
                Some(body) => (body, "\n"),
                None => (line, ""),
            },
        };
        for part in body.split_inclusive('\t') {
            let (piece, tab) = match part.strip_suffix('\t') {
                Some(p) => (p, "\t"),
                None => (part, ""),
            };
            push(&mut out, piece);
            out.push_str(tab);
        }
        out.push_str(end);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, want: &str) {
        assert_eq!(display(input), want, "{input:?}");
    }

    #[test]
    fn escapes_control_characters() {
        let rows = [
            ("notes/plain.md", "notes/plain.md"),
            ("\u{1b}]0;pwned\u{7}.md", "\\e]0;pwned\\x07.md"),
            ("a\nb.md", "a\\nb.md"),
            ("a\r\nb", "a\\r\\nb"),
            ("tab\there", "tab\\there"),
            ("nul\0", "nul\\x00"),
            ("del\u{7f}", "del\\x7f"),
            ("c1\u{85}\u{9b}", "c1\\u{85}\\u{9b}"),
            ("bidi\u{202e}txt.md", "bidi\\u{202e}txt.md"),
            ("isolate\u{2066}x\u{2069}", "isolate\\u{2066}x\\u{2069}"),
            ("back\\slash é 📅 ✅", "back\\slash é 📅 ✅"),
            ("", ""),
        ];
        for (input, want) in rows {
            check(input, want);
        }
        assert!(matches!(display("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn keeps_line_structure_in_multi_line_text() {
        let rows = [
            ("a\nb\n", "a\nb\n"),
            ("- [ ] \u{1b}[2Jx\n", "- [ ] \\e[2Jx\n"),
            ("crlf\r\nnext", "crlf\r\nnext"),
            ("lone\rcr\n", "lone\\rcr\n"),
            ("\tindented\u{7}\n", "\tindented\\x07\n"),
        ];
        for (input, want) in rows {
            assert_eq!(display_lines(input), want, "{input:?}");
        }
    }
}
