//! Lines as CommonMark sees them (ended by `\n`, `\r\n` or a lone `\r`), and which line
//! ending an inserted line gets: the one of the line it sits beside.

/// Where the line containing `from` ends: (end of its content, start of the next line).
/// On the last line without an ending both are the end of the text.
pub(super) fn line_end(bytes: &[u8], from: usize) -> (usize, usize) {
    let from = from.min(bytes.len());
    match memchr::memchr2(b'\n', b'\r', &bytes[from..]).map(|i| from + i) {
        Some(i) if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') => (i, i + 2),
        Some(i) => (i, i + 1),
        None => (bytes.len(), bytes.len()),
    }
}

/// Where the line containing `at` begins.
pub(super) fn line_begin(bytes: &[u8], at: usize) -> usize {
    let at = at.min(bytes.len());
    memchr::memrchr2(b'\n', b'\r', &bytes[..at]).map_or(0, |i| i + 1)
}

/// The line ending of the line containing `offset`: `"\r\n"`, `"\n"` or `"\r"`. On a last
/// line without one, the text's first line ending, else `"\n"`.
pub(super) fn line_ending_at(src: &str, offset: usize) -> &'static str {
    let bytes = src.as_bytes();
    let ending = |from: usize| {
        let (end, next) = line_end(bytes, from);
        match &bytes[end..next] {
            b"\r\n" => Some("\r\n"),
            b"\r" => Some("\r"),
            b"\n" => Some("\n"),
            _ => None,
        }
    };
    ending(offset).or_else(|| ending(0)).unwrap_or("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings() {
        let rows = [
            ("a\nb\n", 0, "\n"),
            ("a\r\nb\n", 0, "\r\n"),
            ("a\r\nb\n", 3, "\n"),
            ("a\nb\r\n", 2, "\r\n"),
            ("a\r\nb", 3, "\r\n"),
            ("a\nb", 2, "\n"),
            ("a", 0, "\n"),
            ("", 0, "\n"),
            ("a\rb\n", 0, "\r"),
            ("a\rb\n", 2, "\n"),
            ("a\rb", 2, "\r"),
        ];
        for (src, offset, want) in rows {
            assert_eq!(line_ending_at(src, offset), want, "{src:?} at {offset}");
        }
    }

    #[test]
    fn lines() {
        let src = b"ab\r\ncd\ref\ngh";
        assert_eq!(line_end(src, 0), (2, 4));
        assert_eq!(line_end(src, 4), (6, 7));
        assert_eq!(line_end(src, 7), (9, 10));
        assert_eq!(line_end(src, 10), (12, 12));
        assert_eq!(line_begin(src, 1), 0);
        assert_eq!(line_begin(src, 5), 4);
        assert_eq!(line_begin(src, 8), 7);
        assert_eq!(line_begin(src, 12), 10);
    }
}
