//! The exact fast path's byte test: can a note's body hold a task item at all?
//!
//! Every task item starts, in the bytes, with the last byte of a list marker (`-`, `*`,
//! `+`, or the `.`/`)` closing an ordered marker), one or more spaces or tabs, a `[`, one
//! character that is no line break, a `]`, and then a space, a tab, a line break or the
//! end of the file (`items::checkbox_at` accepts nothing else). A body in which that
//! sequence occurs nowhere holds no task, whatever its containers (lists, block quotes,
//! callouts), code, HTML or Obsidian comments do: those can only turn a candidate into no
//! task, never make a task out of bytes without the sequence. Such a body needs no
//! Markdown parse: its document is its front matter alone. The test looks at bytes only,
//! so it can answer "maybe" for text that is no task (a checkbox in code): then the full
//! parse decides, as before. See docs/decisions/0046-exact-fast-path.md.

/// Could `body` (the text after the front matter, lone CRs already made LFs) hold a task
/// item? `false` is exact: the full parse would find no item with a checkbox.
pub fn may_hold_task(body: &[u8]) -> bool {
    memchr::memchr_iter(b'[', body).any(|at| checkbox_after_marker(body, at))
}

/// How many task items `body` could hold at most: the places the test of
/// [`may_hold_task`] passes (each task item has its own).
pub(super) fn candidates(body: &[u8]) -> usize {
    memchr::memchr_iter(b'[', body)
        .filter(|&at| checkbox_after_marker(body, at))
        .count()
}

/// Does the `[` at `at` open a checkbox that follows a list marker and its whitespace?
fn checkbox_after_marker(body: &[u8], at: usize) -> bool {
    // Before: one or more spaces or tabs, then a marker's last byte.
    let mut i = at;
    while i > 0 && matches!(body[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    if i == at || i == 0 || !matches!(body[i - 1], b'-' | b'*' | b'+' | b'.' | b')') {
        return false;
    }
    // After: one character (of any UTF-8 length) that is no line break, then `]`.
    let Some(&lead) = body.get(at + 1) else {
        return false;
    };
    if matches!(lead, b'\n' | b'\r') {
        return false;
    }
    let width = match lead {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xff => 4,
        // A continuation byte cannot start a character in UTF-8; answer "maybe".
        _ => return true,
    };
    let close = at + 1 + width;
    if body.get(close) != Some(&b']') {
        return false;
    }
    matches!(
        body.get(close + 1),
        None | Some(b' ' | b'\t' | b'\n' | b'\r')
    )
}

#[cfg(test)]
mod tests {
    use super::may_hold_task;

    #[track_caller]
    fn check(body: &str, want: bool) {
        assert_eq!(may_hold_task(body.as_bytes()), want, "body: {body:?}");
    }

    #[test]
    fn candidates_and_non_candidates() {
        let rows = [
            ("", false),
            ("plain prose\n", false),
            ("- [ ] task", true),
            ("- [x] done\n", true),
            ("* [/] half", true),
            ("+ [?] custom", true),
            ("1. [ ] ordered", true),
            ("12) [-] cancelled\n", true),
            ("-\t[ ] tab", true),
            ("-   [ ] spaces", true),
            ("> - [ ] quoted", true),
            ("- [é] two-byte status", true),
            ("- [✓] three-byte status", true),
            ("- [😀] four-byte status", true),
            ("- [ ]\r\nnext", true),
            ("- [ ]\rlone CR", true),
            ("- [ ]", true),
            ("%% - [ ] commented %%", true),
            ("```\n- [ ] fenced\n```", true),
            // No marker, no whitespace, or no checkbox shape.
            ("[ ] no marker", false),
            ("-[ ] no space", false),
            ("- [ ]no space after", false),
            ("- [] empty", false),
            ("- [ab] two characters", false),
            ("- [\n] line break", false),
            ("- [[wikilink]]", false),
            ("see [x] mid-line", false),
            ("word [x] after a word", false),
            ("a - [ ] after a dash", true),
            ("[", false),
            ("- [", false),
            ("- [x", false),
        ];
        for (body, want) in rows {
            check(body, want);
        }
    }
}
