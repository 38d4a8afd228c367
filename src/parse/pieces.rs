//! A large note's body is given to the Markdown parser in pieces, so that the parser's
//! tree of blocks (built for all of its input before the first event) and the items found
//! are those of one piece at a time, never of the whole note.
//!
//! A piece ends only where the parse in pieces is proven to give what the parse of the
//! whole body gives (docs/decisions/0056-notes-in-pieces.md):
//!
//! - **at a cut line**: a line at column 0 that starts with `-`, `*` or `+`, a space and
//!   `[` or an ASCII letter or digit ([`is_cut_line`]). Such a line starts a list item
//!   wherever the blocks before it leave it at the top level: it continues no list item
//!   (not indented) and no block quote (no `>`), it interrupts a paragraph (a bullet item
//!   with content does, so it is no lazy continuation), and it is no thematic break,
//!   setext underline or table delimiter row (the `[`, letter or digit). So every block
//!   open before it ends there, and nothing after it reaches back;
//! - **unless the piece before is not closed there**: a fenced code block, an HTML block
//!   or a table (or any block not named in `items::closed_by_a_list_line`) that reaches
//!   the piece's last line that is not blank may go on through the cut line. The piece
//!   is scanned, and when it is not closed the cut is dropped: the piece is scanned again
//!   up to a cut at least twice as far (so the work stays linear);
//! - **never when the body may define a link reference** (`]:` anywhere in it): a
//!   definition anywhere applies to links anywhere. Such a body is parsed whole.
//!
//! What crosses a cut is carried by `items::Scanner`: the heading trail (tasks record
//! their section) and the Obsidian `%%` comment still open. No item has its parent in
//! another piece: the cut line's item is at the top level. A list that runs across a cut
//! becomes two lists, which can change whether each is loose or tight (whether its
//! items' text comes in paragraph events); the walk reads the same task text either way.
//! The differential check `examples/pieces-diff.rs` compares whole `Document`s parsed
//! both ways (docs/performance.md has the figures).

use super::items::{Piece, Scanner};

/// The default size from which a body is cut into pieces, and their size: 256 KiB. The
/// Markdown parser's tree of a piece this size takes a few MiB.
pub const PIECE_SIZE: usize = 256 * 1024;

/// Scan `src[body_start..]` for task items in pieces of about `size` bytes, handing each
/// piece's items to `each` in order. `size` 0 cuts at every cut line (for tests).
pub(super) fn scan(src: &str, body_start: usize, size: usize, each: &mut dyn FnMut(Piece)) {
    let bytes = src.as_bytes();
    let whole = bytes.len() - body_start <= size
        || memchr::memmem::find(&bytes[body_start..], b"]:").is_some();
    let mut scanner = Scanner::default();
    if whole {
        each(scanner.piece(src, body_start, src.len()));
        return;
    }
    let mut from = body_start;
    let mut reach = size;
    while from < bytes.len() {
        let to = next_cut(bytes, from.saturating_add(reach).max(from + 1));
        let mark = scanner.mark();
        #[cfg(test)]
        WALKED.with(|w| w.set(w.get() + (to - from)));
        let piece = scanner.piece(src, from, to);
        if piece.closed || to == bytes.len() {
            each(piece);
            from = to;
            reach = size;
        } else {
            // The cut may fall inside a block: scan again, at least twice as far.
            scanner.reset(mark);
            reach = reach.saturating_mul(2).max(to - from + 1);
        }
    }
}

#[cfg(test)]
thread_local! {
    /// Bytes given to the Markdown parser by [`scan`] when it cuts (the work a dropped cut
    /// costs shows here).
    static WALKED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The first cut line starting at or after `at`, else the end of `bytes`.
fn next_cut(bytes: &[u8], at: usize) -> usize {
    let mut start = at;
    if start < bytes.len() && bytes[start - 1] != b'\n' {
        match memchr::memchr(b'\n', &bytes[start..]) {
            Some(i) => start += i + 1,
            None => return bytes.len(),
        }
    }
    while start < bytes.len() {
        if is_cut_line(&bytes[start..]) {
            return start;
        }
        match memchr::memchr(b'\n', &bytes[start..]) {
            Some(i) => start += i + 1,
            None => break,
        }
    }
    bytes.len()
}

/// Does `line` (from a line start on) start with a bullet, a space, and `[` or an ASCII
/// letter or digit? Such a line is no thematic break, setext underline or table
/// delimiter row, and its item is not empty.
fn is_cut_line(line: &[u8]) -> bool {
    matches!(line, [b'-' | b'*' | b'+', b' ', c, ..] if *c == b'[' || c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_cut(src: &str, at: usize, want: usize) {
        assert_eq!(next_cut(src.as_bytes(), at), want, "{src:?} from {at}");
    }

    /// The pieces `src` is scanned in at size 0, and each task's status, text and
    /// section, which must be those of the scan in one piece.
    #[track_caller]
    fn check_pieces(src: &str, want_pieces: usize, want_tasks: &[&str]) {
        type Found = Vec<(char, String, Vec<String>)>;
        let found = |size: usize| {
            let (mut pieces, mut tasks): (usize, Found) = (0, Vec::new());
            scan(src, 0, size, &mut |piece| {
                pieces += 1;
                tasks.extend(piece.tasks.iter().map(|t| {
                    let text = t.segments.iter().map(|s| s.slice(src)).collect::<Vec<_>>();
                    (t.status_char, text.join("|"), t.section.to_vec())
                }));
            });
            (pieces, tasks)
        };
        let (pieces, cut) = found(0);
        let (one, whole) = found(usize::MAX);
        assert_eq!(one, 1);
        assert_eq!(cut, whole, "{src:?}");
        assert_eq!(pieces, want_pieces, "{src:?}");
        let texts: Vec<&str> = cut.iter().map(|t| t.1.as_str()).collect();
        assert_eq!(texts, want_tasks, "{src:?}");
    }

    #[test]
    fn where_a_note_is_cut() {
        let rows: &[(&str, usize, &[&str])] = &[
            ("- [ ] a\n- [ ] b\n- [ ] c\n", 3, &["a", "b", "c"]),
            ("- [ ] a\n  - [ ] b\n- [ ] c\n", 2, &["a", "b", "c"]),
            // A fence open at a cut line: the cut is dropped, the next one taken.
            ("```\n- [ ] a\n- [ ] b\n```\ntext\n- [ ] c\n", 2, &["c"]),
            // A block that ends on the piece's last line is not told from one still open.
            ("```\n- [ ] a\n```\n- [ ] c\n", 1, &["c"]),
            ("~~~\n- [ ] a\n", 1, &[]),
            ("<div>\n- [ ] a\n\ntext\n- [ ] c\n", 2, &["c"]),
            ("<!--\n- [ ] a\n-->\ntext\n- [ ] b\n", 2, &["b"]),
            ("| a |\n|---|\n- [ ] b\n- [ ] c\n", 2, &["b", "c"]),
            // A link reference definition anywhere: parsed whole.
            ("- [ ] [a]\n- [ ] b\n\n[a]: /u\n", 1, &["[a]", "b"]),
            // A comment open at a cut hides the items after it until it closes.
            ("%%\n- [ ] a\n- [ ] b\n%%\n- [ ] c\n", 4, &["c"]),
            ("- [ ] a %%\n- [ ] b\n- [ ] c %% d\n", 3, &["a"]),
            // A block quote, a paragraph, indented code: closed by the cut line.
            ("> - [ ] a\n- [ ] b\n", 2, &["a", "b"]),
            ("text\n- [ ] b\n", 2, &["b"]),
            ("    code\n- [ ] b\n", 2, &["b"]),
            // Loose before the cut, tight after.
            ("- [ ] a\n\n- [ ] b\n- [ ] c\n", 3, &["a", "b", "c"]),
        ];
        for (src, pieces, tasks) in rows {
            check_pieces(src, *pieces, tasks);
        }
        // The heading trail carries over.
        let src = "# A\n- [ ] a\n## B\n- [ ] b\n- [ ] c\n";
        let mut sections = Vec::new();
        scan(src, 0, 0, &mut |piece| {
            sections.extend(piece.tasks.iter().map(|t| t.section.join("/")));
        });
        assert_eq!(sections, ["A", "A/B", "A/B"]);
    }

    /// Dropped cuts make the walk go over the note again, at most about twice more.
    #[test]
    fn dropped_cuts_keep_the_work_linear() {
        let lines = "- [ ] a\n".repeat(20_000);
        let rows = [
            // Every cut is taken: each byte walked once.
            (lines.clone(), 1, 1, 20_000),
            // Never closed: every cut is dropped, the piece grows by doubling.
            (format!("```\n{lines}"), 1, 3, 0),
            (format!("<div>\n{lines}"), 1, 3, 0),
            // Closed halfway.
            (format!("```\n{lines}```\n\n{lines}"), 1, 3, 20_000),
        ];
        for (src, at_least, at_most, want) in rows {
            WALKED.with(|w| w.set(0));
            let mut tasks = 0;
            scan(&src, 0, 1024, &mut |piece| tasks += piece.tasks.len());
            let walked = WALKED.with(std::cell::Cell::get);
            assert!(
                walked >= at_least * src.len() && walked <= at_most * src.len(),
                "walked {walked} bytes of {}",
                src.len()
            );
            assert_eq!(tasks, want);
        }
    }

    #[test]
    fn cut_lines() {
        let rows = [
            ("- [ ] a\n- [ ] b\n", 1, 8),
            ("- [ ] a\n- [ ] b\n", 8, 8),
            ("- [ ] a\n- [ ] b\n", 9, 16),
            ("- [ ] a\n  - [ ] b\n* [x] c\n", 1, 18),
            ("- [ ] a\nx\n+ [ ] c\n", 1, 10),
            ("- [ ] a\n- x\n", 1, 8),
            ("- [ ] a\n* 1\n", 1, 8),
            // Not at column 0, no space, no bracket, letter or digit: no cut.
            (
                "- [ ] a\n - [ ] b\n-[ ] c\n- - -\n-\n- `x`\n1. [ ] d\n",
                1,
                47,
            ),
            // A lone CR was made a LF before; a CRLF line ends at its LF.
            ("- [ ] a\r\n- [ ] b\r\n", 1, 9),
        ];
        for (src, at, want) in rows {
            check_cut(src, at, want);
        }
    }
}
