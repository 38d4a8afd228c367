//! Which line ending an inserted line gets: the one of the line it sits beside.

/// The line ending of the line containing `offset`: `"\r\n"` or `"\n"`. On a last line
/// without one, the file's first line ending, else `"\n"`.
pub fn line_ending_at(src: &str, offset: usize) -> &'static str {
    let bytes = src.as_bytes();
    let from = offset.min(bytes.len());
    let eol = memchr::memchr(b'\n', &bytes[from..])
        .map(|i| from + i)
        .or_else(|| memchr::memchr(b'\n', bytes));
    match eol {
        Some(i) if i > 0 && bytes[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

#[cfg(test)]
mod tests {
    use super::line_ending_at;

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
            ("a\rb\n", 0, "\n"),
        ];
        for (src, offset, want) in rows {
            assert_eq!(line_ending_at(src, offset), want, "{src:?} at {offset}");
        }
    }
}
