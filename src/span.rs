//! Byte spans into a document's original text: the truth every later stage edits by.

use serde::Serialize;

/// A half-open byte range `start..end` into a document's original bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// Number of bytes covered.
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text this span covers in `src`.
    pub fn slice(self, src: &str) -> &str {
        &src[self.start..self.end]
    }
}

/// A [`Span`] in half the room: two `u32` offsets. A note is read only up to
/// [`MAX_NOTE_SIZE`] bytes, so every offset into it fits; a note may hold a million tasks,
/// and each keeps a few spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ShortSpan {
    start: u32,
    end: u32,
}

/// The largest note ike reads (`max_file_size` is capped to it): the offsets of a
/// [`ShortSpan`] and a task's line start are `u32`.
pub const MAX_NOTE_SIZE: u64 = u32::MAX as u64;

/// An offset as `u32`, saturated (never reached: notes are at most [`MAX_NOTE_SIZE`]).
pub fn short(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

impl ShortSpan {
    /// First byte of the range.
    pub const fn start(self) -> usize {
        self.start as usize
    }

    /// One past the last byte of the range.
    pub const fn end(self) -> usize {
        self.end as usize
    }

    /// True when the span covers no bytes.
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The span as a [`Span`].
    pub const fn span(self) -> Span {
        Span::new(self.start(), self.end())
    }
}

impl From<Span> for ShortSpan {
    fn from(s: Span) -> Self {
        Self {
            start: short(s.start),
            end: short(s.end),
        }
    }
}

impl From<ShortSpan> for Span {
    fn from(s: ShortSpan) -> Self {
        s.span()
    }
}
