//! Find task items with CommonMark's structure: walk pulldown-cmark's events with their
//! byte offsets, and record for each task its marker, checkbox, text segments, parent and
//! heading trail.
//!
//! Known pulldown-cmark traps (see DEPENDENCIES.md) handled here: only `[ ]`/`[x]` are
//! task markers to it, so the checkbox is read from the source bytes; a tab-indented
//! item's range can start at the preceding newline, so the marker is found by skipping
//! whitespace; text events are split and CR-normalised, so text is sliced from the source.
//!
//! Obsidian comments, `%%` … `%%` (on one line or across lines), are found here too, in
//! the text events, so that a `%%` in code is no delimiter: an item that starts inside a
//! comment is no task, and commented text is no part of a task's text. A comment never
//! closed runs to the end of the file, as in Obsidian.

use crate::span::Span;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::sync::Arc;

/// A task item as found in the Markdown structure, before its metadata is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RawTask {
    /// The list marker.
    pub marker: Span,
    /// The `[c]` checkbox.
    pub checkbox: Span,
    /// The character between the brackets.
    pub status_char: char,
    /// The first paragraph's text after the checkbox, one span per line, prefixes cut off.
    pub segments: Vec<Span>,
    /// From the first to the last byte of the text (empty, right after the checkbox, when
    /// the task has no text).
    pub text: Span,
    /// Index of the nearest enclosing task.
    pub parent: Option<usize>,
    /// Heading trail, outermost first (shared by the tasks under the same headings).
    pub section: Arc<[String]>,
}

struct OpenItem {
    /// Index into the output when this item is a task.
    task: Option<usize>,
    /// Nearest task at or above this item (for children's `parent`).
    nearest_task: Option<usize>,
    /// Still reading this item's first paragraph.
    collecting: bool,
    /// Whether a `Paragraph` start has been seen in this item (loose lists).
    in_paragraph: bool,
    /// Inline ranges of the first paragraph, as (start, end) pairs.
    covered: Vec<(usize, usize)>,
    /// Whether the last range of `covered` holds no line break.
    last_one_line: bool,
    /// Where the text may begin (after the checkbox and its whitespace).
    text_start: usize,
}

/// Scan `src[body_start..]` (front matter and BOM excluded) for task items, in one piece.
#[cfg(test)]
pub(super) fn scan(src: &str, body_start: usize) -> Vec<RawTask> {
    Scanner::default().piece(src, body_start, src.len()).tasks
}

/// The walk's state that lives from one piece of a note to the next (`parse::pieces`):
/// the heading trail and the Obsidian comments. Everything else (open items, a heading
/// being read, a code block) is closed at a cut.
#[derive(Default)]
pub(super) struct Scanner {
    trail: Vec<(u8, String)>,
    /// The trail as tasks hold it, rebuilt only when a heading changes it.
    section: Arc<[String]>,
    comments: Comments,
}

/// What scanning one piece found.
pub(super) struct Piece {
    /// The piece's task items in order; a `parent` indexes this list (no item has its
    /// parent in another piece).
    pub tasks: Vec<RawTask>,
    /// Whether a line that starts a list item at column 0 right after the piece is
    /// proven to close every block still open at its end: no fenced code block, HTML
    /// block, table or other block of a kind such a line may not end reaches into the
    /// piece's last line that is not blank.
    pub closed: bool,
}

/// A scanner's state to go back to ([`Scanner::mark`], [`Scanner::reset`]).
pub(super) struct Mark {
    trail: Vec<(u8, String)>,
    section: Arc<[String]>,
    closed_comments: usize,
    open_comment: Option<usize>,
}

impl Scanner {
    /// The state now, to go back to when a piece is scanned again.
    pub(super) fn mark(&self) -> Mark {
        Mark {
            trail: self.trail.clone(),
            section: Arc::clone(&self.section),
            closed_comments: self.comments.closed.len(),
            open_comment: self.comments.open,
        }
    }

    /// Forget what was scanned since `mark`.
    pub(super) fn reset(&mut self, mark: Mark) {
        self.trail = mark.trail;
        self.section = mark.section;
        self.comments.closed.truncate(mark.closed_comments);
        self.comments.open = mark.open_comment;
    }

    /// Scan `src[from..to]` for task items, as the Markdown of its own; every offset is
    /// into `src`.
    pub(super) fn piece(&mut self, src: &str, from: usize, to: usize) -> Piece {
        let body = &src[from..to];
        let mut opts = Options::empty();
        opts.insert(Options::ENABLE_TABLES);
        opts.insert(Options::ENABLE_STRIKETHROUGH);
        let mut out: Vec<RawTask> = Vec::new();
        let mut stack: Vec<OpenItem> = Vec::new();
        let mut heading: Option<(u8, String)> = None;
        let mut in_code_block = false;
        // Where the piece's last line that is not blank starts (relative to `from`).
        let tail = last_content_line(body.as_bytes());
        let mut closed = true;
        let (trail, section, comments) = (&mut self.trail, &mut self.section, &mut self.comments);
        // A piece without `%%` opens or closes no comment: its text events need no search.
        let delimiters = has_comment_delimiter(body.as_bytes());

        for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
            if let Event::Start(tag) = &event {
                if range.end > tail && !closed_by_a_list_line(tag) {
                    closed = false;
                }
            }
            let (start, end) = (range.start + from, range.end + from);
            match event {
                Event::Start(Tag::CodeBlock(_)) => {
                    start_other_block(&mut stack, &mut out);
                    in_code_block = true;
                }
                Event::End(TagEnd::CodeBlock) => in_code_block = false,
                Event::Start(Tag::Heading { level, .. }) => {
                    start_block(&mut stack);
                    heading = Some((level as u8, String::new()));
                }
                Event::End(TagEnd::Heading(_)) => {
                    stop_collecting(&mut stack);
                    if let Some((level, text)) = heading.take() {
                        trail.retain(|(l, _)| *l < level);
                        trail.push((level, text.split_whitespace().collect::<Vec<_>>().join(" ")));
                        *section = trail.iter().map(|(_, t)| t.clone()).collect();
                    }
                }
                Event::Start(Tag::Item) => {
                    stop_collecting(&mut stack);
                    let parent = stack.last().and_then(|i| i.nearest_task);
                    let found = checkbox_at(src, start, end).filter(|_| comments.open.is_none());
                    let task = found.map(|(marker, checkbox, status_char, text_start)| {
                        out.push(RawTask {
                            marker,
                            checkbox,
                            status_char,
                            segments: Vec::new(),
                            text: Span::new(checkbox.end, checkbox.end),
                            parent,
                            section: Arc::clone(section),
                        });
                        (out.len() - 1, text_start)
                    });
                    stack.push(OpenItem {
                        task: task.map(|t| t.0),
                        nearest_task: task.map(|t| t.0).or(parent),
                        collecting: task.is_some(),
                        in_paragraph: false,
                        covered: Vec::new(),
                        last_one_line: false,
                        text_start: task.map_or(0, |t| t.1),
                    });
                }
                Event::End(TagEnd::Item) => {
                    if let Some(item) = stack.pop() {
                        if let Some(idx) = item.task {
                            finish(src, &mut out[idx], &item, comments);
                        }
                    }
                }
                Event::Start(Tag::Paragraph | Tag::Table(_)) => start_block(&mut stack),
                // The header row of a table that starts at the checkbox is the task's text.
                Event::Start(Tag::TableHead | Tag::TableCell) => {}
                Event::End(TagEnd::Paragraph | TagEnd::TableHead) => stop_collecting(&mut stack),
                Event::Start(
                    Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough
                    | Tag::Link { .. }
                    | Tag::Image { .. }
                    | Tag::Superscript
                    | Tag::Subscript,
                ) => cover(&mut stack, src, start, end),
                Event::Start(_) => start_other_block(&mut stack, &mut out),
                Event::Text(_) | Event::Code(_) => {
                    if delimiters && matches!(event, Event::Text(_)) && !in_code_block {
                        comments.scan(src, start, end);
                    }
                    if let Some((_, text)) = heading.as_mut() {
                        text.push_str(&src[start..end]);
                        text.push(' ');
                    }
                    cover(&mut stack, src, start, end);
                }
                Event::InlineHtml(_)
                | Event::InlineMath(_)
                | Event::DisplayMath(_)
                | Event::FootnoteReference(_)
                | Event::TaskListMarker(_) => cover(&mut stack, src, start, end),
                Event::Rule => stop_collecting(&mut stack),
                _ => {}
            }
        }
        // Unclosed items cannot happen with pulldown-cmark, but never lose a found task.
        while let Some(item) = stack.pop() {
            if let Some(idx) = item.task {
                finish(src, &mut out[idx], &item, comments);
            }
        }
        Piece { tasks: out, closed }
    }
}

/// Whether `body` holds `%%` anywhere.
fn has_comment_delimiter(body: &[u8]) -> bool {
    memchr::memchr_iter(b'%', body).any(|i| body.get(i + 1) == Some(&b'%'))
}

/// Does a line that starts a list item at column 0 (a bullet, a space, then text that
/// is no thematic break) close a block of this kind that is open before it? Paragraphs
/// (a bullet item with content interrupts one, so the line is no lazy continuation),
/// headings, block quotes, list items (the line is not indented, so it continues none)
/// and indented code are closed; a fenced code block, an HTML block or a table may go on
/// through such a line, and anything else is not proven.
fn closed_by_a_list_line(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Indented)
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

/// Where the last line of `body` that holds more than spaces and tabs starts (0 when
/// there is none).
fn last_content_line(body: &[u8]) -> usize {
    let Some(last) = body
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    else {
        return 0;
    };
    memchr::memrchr2(b'\n', b'\r', &body[..last]).map_or(0, |i| i + 1)
}

/// The Obsidian comments found so far, in order.
#[derive(Default)]
struct Comments {
    /// Closed comments, `%%` delimiters included.
    closed: Vec<Span>,
    /// Where the comment still open starts.
    open: Option<usize>,
}

impl Comments {
    /// Open or close comments at each `%%` of the text event `src[start..end]`.
    fn scan(&mut self, src: &str, start: usize, end: usize) {
        let Some(text) = src.as_bytes().get(start..end) else {
            return;
        };
        // Text events are short: a `memchr` for `%` is cheaper than a substring searcher,
        // whose iterator copies its state for every event. Matches do not overlap (`%%%`
        // is one delimiter and a `%`), as a substring search finds them.
        let mut from = 0;
        while let Some(i) = memchr::memchr(b'%', &text[from..]).map(|i| from + i) {
            if text.get(i + 1) != Some(&b'%') {
                from = i + 1;
                continue;
            }
            let at = start + i;
            match self.open.take() {
                Some(open) => self.closed.push(Span::new(open, at + 2)),
                None => self.open = Some(at),
            }
            from = i + 2;
        }
    }

    /// The comments overlapping `from..`, the open one (to the end) last.
    fn from(&self, from: usize) -> impl Iterator<Item = Span> + '_ {
        let k = self.closed.partition_point(|c| c.end <= from);
        self.closed[k..]
            .iter()
            .copied()
            .chain(self.open.map(|at| Span::new(at, usize::MAX)))
    }
}

/// A block starts in the innermost item. The first one of a task is its text: a paragraph,
/// or the lines a setext underline or a table's delimiter row turned into a heading or a
/// header row (`- [x] done` over `  ---`). Without that the task would have no text, and a
/// field `ike fix` appends would never read back: every run would append it again.
fn start_block(stack: &mut [OpenItem]) {
    if let Some(top) = stack.last_mut() {
        if top.collecting && !top.in_paragraph && top.covered.is_empty() {
            top.in_paragraph = true;
        } else {
            top.collecting = false;
        }
    }
}

/// A block that holds no task text starts in the innermost item. As a task's first block
/// (`-     [x]` is a list item holding an indented code block), it means the item is no
/// task after all: drop it.
fn start_other_block(stack: &mut [OpenItem], out: &mut Vec<RawTask>) {
    let Some(top) = stack.last_mut() else {
        return;
    };
    let first = top.collecting && !top.in_paragraph && top.covered.is_empty();
    // The task is the last one found: its item has no children yet.
    if let (true, Some(idx)) = (first, top.task) {
        if idx + 1 == out.len() {
            top.nearest_task = out.pop().and_then(|t| t.parent);
            top.task = None;
        }
    }
    top.collecting = false;
}

fn stop_collecting(stack: &mut [OpenItem]) {
    if let Some(top) = stack.last_mut() {
        top.collecting = false;
    }
}

/// Add the inline range `start..end` to the task text being read, if any.
///
/// A range inside the last one adds nothing (`finish` would skip it), and a range that
/// goes on right where the last one ended, on the same line, after the text start, is
/// joined to it: `finish` would give that line the same segment either way, and a long
/// line of many inline events (brackets, emphasis) keeps one range instead of one each.
fn cover(stack: &mut [OpenItem], src: &str, start: usize, end: usize) {
    let Some(top) = stack.last_mut() else {
        return;
    };
    if !top.collecting {
        return;
    }
    let one_line = |from: usize, to: usize| {
        src.as_bytes()
            .get(from..to)
            .is_some_and(|b| memchr::memchr2(b'\n', b'\r', b).is_none())
    };
    if let Some(last) = top.covered.last_mut() {
        if start >= last.0 && end <= last.1 {
            return;
        }
        if start == last.1 && last.0 >= top.text_start && top.last_one_line && one_line(start, end)
        {
            last.1 = end;
            return;
        }
    }
    top.last_one_line = one_line(start, end);
    top.covered.push((start, end));
}

/// Turn the covered inline ranges into one segment per line, starting no earlier than the
/// text start, with trailing whitespace cut.
///
/// A range that runs over a line break (a code span, a link, emphasis) covers the later
/// lines from their content start: the line's start after indentation and `>` quote
/// markers (the container prefix pulldown-cmark does not report). Commented text is cut
/// out, which may leave a line more than one segment.
fn finish(src: &str, task: &mut RawTask, item: &OpenItem, comments: &Comments) {
    let bytes = src.as_bytes();
    // (line start, segment start, segment end), merged per line after sorting.
    let mut pieces: Vec<(usize, usize, usize)> = Vec::with_capacity(item.covered.len());
    // Ranges come in document order, nested or disjoint: a range inside one already cut
    // adds nothing, and the line start is searched for only back to the last one found.
    // Both keep this linear in the text, however many ranges one line holds.
    let mut covered_to = 0;
    let mut lines = LineCursor::default();
    for &(s, e) in &item.covered {
        if e <= covered_to {
            continue;
        }
        covered_to = e;
        let mut s = s.max(item.text_start);
        if s >= e {
            continue;
        }
        let mut line = lines.line_of(bytes, s);
        while s < e {
            let eol = memchr::memchr2(b'\n', b'\r', &bytes[s..e]).map_or(e, |i| s + i);
            if eol > s {
                pieces.push((line, s, eol));
            }
            if eol == e {
                break;
            }
            // Step over the line ending (CRLF counts once) to the next line's content.
            line = eol
                + if bytes[eol] == b'\r' && bytes.get(eol + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
            s = line;
            while s < e && matches!(bytes[s], b' ' | b'\t' | b'>') {
                s += 1;
            }
        }
    }
    // An escaped character's text event starts after its backslash: keep the backslash.
    for piece in &mut pieces {
        if piece.1 > piece.0.max(item.text_start) && bytes[piece.1 - 1] == b'\\' {
            piece.1 -= 1;
        }
    }
    pieces.sort_unstable();
    let mut merged: Vec<(usize, usize, usize)> = Vec::with_capacity(pieces.len());
    for (line, s, e) in pieces {
        match merged.last_mut() {
            Some(last) if last.0 == line => last.2 = last.2.max(e),
            _ => merged.push((line, s, e)),
        }
    }
    let mut segments = Vec::with_capacity(merged.len());
    let mut push = |s: usize, e: usize, after_comment: bool| {
        let (mut s, mut e) = (s, e);
        while after_comment && s < e && matches!(bytes[s], b' ' | b'\t') {
            s += 1;
        }
        while e > s && matches!(bytes[e - 1], b' ' | b'\t' | b'\r' | b'\n') {
            e -= 1;
        }
        if e > s {
            segments.push(Span::new(s, e));
        }
    };
    let mut hidden = comments.from(merged.first().map_or(0, |m| m.1)).peekable();
    for (_, s, e) in merged {
        let mut s = s;
        let mut after_comment = false;
        while s < e {
            while hidden.next_if(|c| c.end <= s).is_some() {}
            match hidden.peek() {
                Some(c) if c.start < e => {
                    push(s, c.start.max(s), after_comment);
                    s = c.end.max(s);
                    after_comment = true;
                }
                _ => {
                    push(s, e, after_comment);
                    break;
                }
            }
        }
    }
    if let (Some(first), Some(last)) = (segments.first(), segments.last()) {
        task.text = Span::new(first.start, last.end);
    }
    task.segments = segments;
}

/// Finds line starts for offsets that mostly only grow, searching back no further than
/// the previous offset asked for.
#[derive(Default)]
struct LineCursor {
    /// The last offset asked for, and the start of its line.
    last: Option<(usize, usize)>,
}

impl LineCursor {
    fn line_of(&mut self, bytes: &[u8], offset: usize) -> usize {
        #[cfg(test)]
        crate::line_index::work::add(offset - self.last.map_or(0, |l| l.0.min(offset)));
        let start = match self.last {
            Some((last, start)) if last <= offset => {
                memchr::memrchr2(b'\n', b'\r', &bytes[last..offset]).map_or(start, |i| last + i + 1)
            }
            _ => memchr::memrchr2(b'\n', b'\r', &bytes[..offset]).map_or(0, |i| i + 1),
        };
        self.last = Some((offset, start));
        start
    }
}

/// If the item starting near `start` begins with a list marker then `[c]` followed by a
/// space, tab or line end, return (marker, checkbox, c, text start).
fn checkbox_at(src: &str, start: usize, end: usize) -> Option<(Span, Span, char, usize)> {
    let bytes = src.as_bytes();
    let end = end.min(bytes.len());
    let mut i = start;
    while i < end && matches!(bytes[i], b' ' | b'\t' | b'\r' | b'\n') {
        i += 1;
    }
    let marker_start = i;
    match bytes.get(i)? {
        b'-' | b'*' | b'+' => i += 1,
        b'0'..=b'9' => {
            while i < end && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i - marker_start > 9 || !matches!(bytes.get(i), Some(b'.' | b')')) {
                return None;
            }
            i += 1;
        }
        _ => return None,
    }
    let marker = Span::new(marker_start, i);
    let after_marker = i;
    while i < end && matches!(bytes[i], b' ' | b'\t') {
        i += 1;
    }
    if i == after_marker || bytes.get(i) != Some(&b'[') {
        return None;
    }
    let c = src.get(i + 1..)?.chars().next()?;
    let close = i + 1 + c.len_utf8();
    if c == '\n' || c == '\r' || bytes.get(close) != Some(&b']') {
        return None;
    }
    let checkbox = Span::new(i, close + 1);
    let mut j = checkbox.end;
    match bytes.get(j) {
        None | Some(b'\n' | b'\r') => {}
        Some(b' ' | b'\t') => {
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t') {
                j += 1;
            }
        }
        Some(_) => return None,
    }
    Some((marker, checkbox, c, j))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Status, text segments joined by `|`, parent, heading trail.
    type Found = (char, String, Option<usize>, Arc<[String]>);

    fn texts(src: &str) -> Vec<Found> {
        scan(src, 0)
            .into_iter()
            .map(|t| {
                let text = t
                    .segments
                    .iter()
                    .map(|s| s.slice(src))
                    .collect::<Vec<_>>()
                    .join("|");
                (t.status_char, text, t.parent, t.section)
            })
            .collect()
    }

    #[track_caller]
    fn check(src: &str, want: &[(char, &str)]) {
        let got: Vec<(char, String)> = texts(src).into_iter().map(|t| (t.0, t.1)).collect();
        let want: Vec<(char, String)> = want.iter().map(|(c, t)| (*c, t.to_string())).collect();
        assert_eq!(got, want, "source: {src:?}");
    }

    #[test]
    fn what_is_a_task() {
        let rows: &[(&str, &[(char, &str)])] = &[
            ("- [ ] a\n", &[(' ', "a")]),
            ("* [x] a\n", &[('x', "a")]),
            ("+ [X] a\n", &[('X', "a")]),
            ("1. [/] a\n", &[('/', "a")]),
            ("12) [-] a\n", &[('-', "a")]),
            ("- [?] a\n", &[('?', "a")]),
            ("- [é] a\n", &[('é', "a")]),
            ("- [ ]\n", &[(' ', "")]),
            ("- [ ]", &[(' ', "")]),
            ("- [ ]\ta\n", &[(' ', "a")]),
            ("- [ ]a\n", &[]),
            ("- [ab] a\n", &[]),
            ("- [] a\n", &[]),
            ("[ ] a\n", &[]),
            ("-[ ] a\n", &[]),
            ("- [x]: http://example.com\n", &[]),
            ("```\n- [ ] code\n```\n", &[]),
            ("    - [ ] indented code\n", &[]),
            ("<div>\n- [ ] html\n</div>\n", &[]),
            ("<!--\n- [ ] comment\n-->\n", &[]),
            ("> - [ ] quoted\n", &[(' ', "quoted")]),
            (
                "> [!note] Callout\n> - [ ] in callout\n",
                &[(' ', "in callout")],
            ),
            ("- [ ] one\n  two\n", &[(' ', "one|two")]),
            ("- [ ] one\ntwo lazy\n", &[(' ', "one|two lazy")]),
            ("> - [ ] one\n>   two\n", &[(' ', "one|two")]),
            ("- [ ] one\r\n  two\r\n", &[(' ', "one|two")]),
            ("- [ ] one\r  two\r", &[(' ', "one|two")]),
            ("- [ ] a\r- [ ] b\r", &[(' ', "a"), (' ', "b")]),
            (
                "- [ ] see [docs](http://x.y)\n",
                &[(' ', "see [docs](http://x.y)")],
            ),
            ("- [ ] *a\n  b*\n", &[(' ', "*a|b*")]),
            (
                "- [ ] a `code\n  x` 📅 2026-01-02\n",
                &[(' ', "a `code|x` 📅 2026-01-02")],
            ),
            ("> - [ ] a `code\n>   x` y\n", &[(' ', "a `code|x` y")]),
            ("- [ ] first\n\n  second para\n", &[(' ', "first")]),
            ("- [ ] a  \n", &[(' ', "a")]),
            ("- [ ] \\[x] escaped\n", &[(' ', "\\[x] escaped")]),
            ("- [ ] a\n  \\#b\n", &[(' ', "a|\\#b")]),
            ("- a\n- [ ] b\n", &[(' ', "b")]),
            ("\t- [x] code, not a task\n", &[]),
            // Found by fuzzing `ike fix`: a first block that is a setext heading or a
            // table is the task's text, as a paragraph would be.
            ("- [x] done\n  ---\n", &[('x', "done")]),
            ("-\t[x] a\n  b\n\t===\n", &[('x', "a|b")]),
            ("- [x] a | b\n  --|--\n  c | d\n", &[('x', "a | b")]),
            ("- [x] a\n\n  b | c\n  --|--\n", &[('x', "a")]),
            ("- [ ] a\n  # b\n", &[(' ', "a")]),
            // An item whose content is an indented code block holds no task.
            ("-     [x] code\n", &[]),
            (
                "- [ ] a\n  -     [x] code\n  - [ ] b\n",
                &[(' ', "a"), (' ', "b")],
            ),
            ("- x\n\t- [x] tabbed child\n", &[('x', "tabbed child")]),
        ];
        for (src, want) in rows {
            check(src, want);
        }
    }

    #[test]
    fn parents_and_sections() {
        // A dropped non-task leaves its parent to the items inside it.
        let got = texts("- [ ] a\n  -     [x] code\n\n    - [ ] b\n");
        let parents: Vec<Option<usize>> = got.iter().map(|t| t.2).collect();
        assert_eq!(parents, vec![None, Some(0)]);

        let src = "# P\n## A\n- [ ] a\n  - [ ] b\n    - plain\n      - [ ] c\n## B\n- [ ] d\n";
        let got = texts(src);
        let parents: Vec<Option<usize>> = got.iter().map(|t| t.2).collect();
        assert_eq!(parents, vec![None, Some(0), Some(1), None]);
        assert_eq!(&got[0].3[..], ["P", "A"]);
        assert_eq!(&got[3].3[..], ["P", "B"]);
    }

    #[test]
    fn spans_are_exact() {
        let src = "x\n  - [/] do it 📅 2026-01-01\n";
        let t = &scan(src, 0)[0];
        assert_eq!(t.marker.slice(src), "-");
        assert_eq!(t.checkbox.slice(src), "[/]");
        assert_eq!(t.text.slice(src), "do it 📅 2026-01-01");
    }

    /// Obsidian `%%` comments hide tasks and text, on one line or across lines; a `%%` in
    /// code delimits nothing.
    #[test]
    fn obsidian_comments() {
        let rows: &[(&str, &[(char, &str)])] = &[
            ("%%\n- [ ] hidden\n%%\n- [ ] shown\n", &[(' ', "shown")]),
            ("%%\n\n- [ ] hidden\n\n%%\n- [ ] shown\n", &[(' ', "shown")]),
            ("- [ ] a %% note %% b\n", &[(' ', "a|b")]),
            ("- [ ] a %% note %%\n", &[(' ', "a")]),
            ("- [ ] %% note %% b\n", &[(' ', "b")]),
            ("- [ ] %% all %%\n", &[(' ', "")]),
            (
                "- [ ] a %% note\n  more %% b\n- [ ] c\n",
                &[(' ', "a|b"), (' ', "c")],
            ),
            ("- [ ] a %% open\n- [ ] hidden\n", &[(' ', "a")]),
            ("%% one line %%\n- [ ] shown\n", &[(' ', "shown")]),
            (
                "- [ ] a\n  - [ ] b %%\n  - [ ] c\n%%\n- [ ] d\n",
                &[(' ', "a"), (' ', "b"), (' ', "d")],
            ),
            (
                "- [ ] `%%` code\n- [ ] x\n",
                &[(' ', "`%%` code"), (' ', "x")],
            ),
            ("```\n%%\n```\n- [ ] after fence\n", &[(' ', "after fence")]),
            (
                "    %%\n\n- [ ] after indented code\n",
                &[(' ', "after indented code")],
            ),
            ("<!-- %% -->\n- [ ] after html\n", &[(' ', "after html")]),
            (
                "%%%%\n- [ ] after empty comment\n",
                &[(' ', "after empty comment")],
            ),
            ("> %%\n> - [ ] quoted hidden\n> %%\n", &[]),
        ];
        for (src, want) in rows {
            check(src, want);
        }
    }

    #[test]
    fn deep_nesting_is_linear() {
        let src = "- ".repeat(10_000) + "[ ] deep\n";
        let got = scan(&src, 0);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].segments[0].slice(&src), "deep");
    }
}
