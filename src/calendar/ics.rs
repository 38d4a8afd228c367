//! iCalendar content lines (RFC 5545, section 3.1): text values escaped, lines folded at
//! 75 octets without splitting a UTF-8 character, every line ended by CRLF.

/// The longest a content line may be, in octets, before its line break.
const MAX_OCTETS: usize = 75;

/// Append `NAME:value` (the value already escaped where it is text) as one folded
/// content line.
pub(super) fn line(out: &mut String, name: &str, value: &str) {
    let mut logical = String::with_capacity(name.len() + 1 + value.len());
    logical.push_str(name);
    logical.push(':');
    logical.push_str(value);
    fold(out, &logical);
}

/// Append `NAME:text`, with `text` escaped as a TEXT value.
pub(super) fn text_line(out: &mut String, name: &str, text: &str) {
    line(out, name, &escape_text(text));
}

/// A TEXT value: backslash, semicolon and comma escaped, line breaks as `\n`. Other
/// control characters (which content lines may not hold) become U+FFFD.
pub(super) fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                // CRLF is one break; a lone CR is one too.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Append `logical` folded: at most 75 octets per physical line, each continuation line
/// starting with one space (which counts), never inside a UTF-8 character; CRLF after each.
pub(super) fn fold(out: &mut String, logical: &str) {
    let mut room = MAX_OCTETS;
    let mut used = 0;
    for c in logical.chars() {
        let n = c.len_utf8();
        if used + n > room {
            out.push_str("\r\n ");
            // The space takes one octet of the next line.
            room = MAX_OCTETS - 1;
            used = 0;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn escaped(text: &str, want: &str) {
        assert_eq!(escape_text(text), want);
    }

    #[test]
    fn escapes_text_values() {
        escaped("plain words", "plain words");
        escaped("a, b; c", "a\\, b\\; c");
        escaped("back\\slash", "back\\\\slash");
        escaped("two\nlines", "two\\nlines");
        escaped("crlf\r\nand lone\rcr", "crlf\\nand lone\\ncr");
        escaped("bell\u{7}nul\u{0}", "bell\u{FFFD}nul\u{FFFD}");
        escaped("tab\there", "tab\there");
        escaped("café: ✅", "café: ✅");
        escaped("", "");
    }

    #[track_caller]
    fn folded(logical: &str, want: &[&str]) {
        let mut out = String::new();
        fold(&mut out, logical);
        let lines: Vec<&str> = out
            .strip_suffix("\r\n")
            .expect("CRLF")
            .split("\r\n")
            .collect();
        assert_eq!(lines, want);
        for l in &lines {
            assert!(l.len() <= MAX_OCTETS, "{} octets: {l:?}", l.len());
        }
        // Unfolding gives the logical line back.
        assert_eq!(out.replace("\r\n ", "").trim_end_matches("\r\n"), logical);
    }

    #[test]
    fn folds_at_75_octets_on_character_boundaries() {
        let a75 = "a".repeat(75);
        let a76 = "a".repeat(76);
        let a74 = "a".repeat(74);
        folded("", &[""]);
        folded("SUMMARY:short", &["SUMMARY:short"]);
        folded(&a75, &[a75.as_str()]);
        folded(&a76, &[a75.as_str(), " a"]);
        // 75 + 74 + 74: each continuation holds 74 octets after its space.
        let long = "b".repeat(75 + 74 + 74);
        let b74 = format!(" {}", "b".repeat(74));
        folded(
            &long,
            &["b".repeat(75).as_str(), b74.as_str(), b74.as_str()],
        );
        // A 2-octet character that would straddle octet 75 moves to the next line.
        let straddle = format!("{a74}é");
        folded(&straddle, &[a74.as_str(), " é"]);
        // 4-octet characters: 18 fit in 72 octets, the 19th would make 76.
        let emoji = "✅".repeat(30);
        let first: String = "✅".repeat(25);
        let rest = format!(" {}", "✅".repeat(5));
        folded(&emoji, &[first.as_str(), rest.as_str()]);
        let four = "😀".repeat(19);
        let first4 = "😀".repeat(18);
        folded(&four, &[first4.as_str(), " 😀"]);
    }
}
