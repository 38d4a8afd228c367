//! One line of a task's text as the metadata scanner sees it: its text, where it sits in
//! the document, and the code spans that hide metadata. Offsets here are relative to the
//! segment; tokens never cross a segment boundary.

use super::brackets::Brackets;
use super::emoji;
use crate::span::Span;
use std::cell::OnceCell;

/// A segment of a task's text under scan.
pub(super) struct Segment<'a> {
    /// The segment's text.
    pub text: &'a str,
    /// Absolute offset of `text` in the document.
    pub base: usize,
    /// Absolute spans of the task's inline code spans (may cross segments), in order and
    /// disjoint.
    pub code: &'a [Span],
    /// The segment's `[]` and `()` brackets, indexed on the first Dataview field read.
    pub brackets: [OnceCell<Brackets>; 2],
}

impl<'a> Segment<'a> {
    /// A segment of `text`, which starts at `base` in the document.
    pub(super) fn new(text: &'a str, base: usize, code: &'a [Span]) -> Self {
        Self {
            text,
            base,
            code,
            brackets: [OnceCell::new(), OnceCell::new()],
        }
    }

    /// Where the bracket closes that was opened (as `open`, `[` or `(`) just before
    /// `from`, nested pairs counted and escaped bytes skipped.
    pub(super) fn closing(&self, from: usize, open: u8) -> Option<usize> {
        let (slot, close) = if open == b'[' { (0, b']') } else { (1, b')') };
        self.brackets[slot]
            .get_or_init(|| Brackets::new(self.text.as_bytes(), open, close))
            .closing(from)
    }

    /// The character at byte `i`, if `i` is inside the text on a character boundary.
    pub(super) fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..)?.chars().next()
    }

    /// The byte at `i`.
    pub(super) fn byte(&self, i: usize) -> Option<u8> {
        self.text.as_bytes().get(i).copied()
    }

    /// First offset at or after `i` that is not whitespace (NBSP included).
    pub(super) fn skip_space(&self, mut i: usize) -> usize {
        while let Some(c) = self.char_at(i) {
            if !c.is_whitespace() {
                break;
            }
            i += c.len_utf8();
        }
        i
    }

    /// End of the word starting at `i`: it stops at whitespace, and at an emoji signifier
    /// so that `📅 2026-01-01⏫` reads the date and then the priority.
    pub(super) fn word_end(&self, mut i: usize) -> usize {
        while let Some(c) = self.char_at(i) {
            if c.is_whitespace() || emoji::is_signifier(c) {
                break;
            }
            i += c.len_utf8();
        }
        i
    }

    /// End of the whitespace-delimited token starting at `i`.
    pub(super) fn token_end(&self, mut i: usize) -> usize {
        while let Some(c) = self.char_at(i) {
            if c.is_whitespace() {
                break;
            }
            i += c.len_utf8();
        }
        i
    }

    /// If byte `i` lies inside an inline code span, where that span ends in this segment.
    pub(super) fn code_end(&self, i: usize) -> Option<usize> {
        let at = self.base + i;
        // The spans are in order and disjoint: the first one ending after `at`.
        let k = self.code.partition_point(|r| r.end <= at);
        self.code
            .get(k)
            .filter(|r| r.start <= at)
            .map(|r| (r.end - self.base).min(self.text.len()))
    }

    /// A span relative to the segment, made absolute.
    pub(super) fn absolute(&self, start: usize, end: usize) -> Span {
        Span::new(self.base + start, self.base + end)
    }

    /// The text between two relative offsets with surrounding whitespace trimmed, as
    /// relative offsets.
    pub(super) fn trimmed(&self, start: usize, end: usize) -> (usize, usize) {
        let raw = self.text.get(start..end).unwrap_or("");
        let lead = raw.len() - raw.trim_start().len();
        let inner = raw.trim().len();
        (start + lead, start + lead + inner)
    }
}
