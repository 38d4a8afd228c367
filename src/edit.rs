//! Edits as byte spans, and the one function that splices them into a text.
//!
//! Every change ike makes to a file is a list of [`Edit`]s over the file's original bytes;
//! [`apply`] copies everything outside the edited spans verbatim, so line endings, BOM,
//! indentation and unknown text survive by construction.

use crate::span::Span;
use thiserror::Error;

/// Replace the bytes of `span` with `replacement`. An empty span is an insertion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The original bytes to replace.
    pub span: Span,
    /// What goes in their place.
    pub replacement: String,
}

impl Edit {
    /// Replace `span` with `replacement`.
    pub fn replace(span: Span, replacement: impl Into<String>) -> Self {
        Self {
            span,
            replacement: replacement.into(),
        }
    }

    /// Insert `text` at byte offset `at`.
    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Self::replace(Span::new(at, at), text)
    }

    /// Delete the bytes of `span`.
    pub fn delete(span: Span) -> Self {
        Self::replace(span, String::new())
    }
}

/// Why a plan of edits cannot be applied. Each is a bug in the planner, not in the input.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EditError {
    /// A span ends before it starts.
    #[error("edit span {start}..{end} ends before it starts")]
    Inverted {
        /// Start of the span.
        start: usize,
        /// End of the span.
        end: usize,
    },
    /// A span reaches past the end of the text.
    #[error("edit span {start}..{end} reaches past the end of the text ({len} bytes)")]
    OutOfBounds {
        /// Start of the span.
        start: usize,
        /// End of the span.
        end: usize,
        /// Length of the text.
        len: usize,
    },
    /// A span boundary falls inside a UTF-8 character.
    #[error("edit boundary {offset} falls inside a character")]
    NotCharBoundary {
        /// The offending offset.
        offset: usize,
    },
    /// Two edits touch the same bytes.
    #[error("edits {first:?} and {second:?} overlap")]
    Overlap {
        /// The earlier span.
        first: Span,
        /// The span that overlaps it.
        second: Span,
    },
}

/// Splice `edits` into `src`. Edits may come in any order; insertions at the same offset
/// keep their order in `edits`, and an insertion at the start of a replaced span goes
/// before the replacement. Overlapping edits, and spans outside `src` or off character
/// boundaries, are refused: nothing is applied then.
pub fn apply(src: &str, edits: &[Edit]) -> Result<String, EditError> {
    for e in edits {
        let Span { start, end } = e.span;
        if start > end {
            return Err(EditError::Inverted { start, end });
        }
        if end > src.len() {
            return Err(EditError::OutOfBounds {
                start,
                end,
                len: src.len(),
            });
        }
        for offset in [start, end] {
            if !src.is_char_boundary(offset) {
                return Err(EditError::NotCharBoundary { offset });
            }
        }
    }
    let mut order: Vec<&Edit> = edits.iter().collect();
    // Stable: equal spans (only possible for insertions without an overlap) keep plan order.
    order.sort_by_key(|e| (e.span.start, e.span.end));
    for pair in order.windows(2) {
        let (a, b) = (pair[0].span, pair[1].span);
        // b starting inside a is an overlap; an insertion exactly at a's end (or at another
        // insertion's offset) is not.
        if b.start < a.end {
            return Err(EditError::Overlap {
                first: a,
                second: b,
            });
        }
    }
    let added: usize = order.iter().map(|e| e.replacement.len()).sum();
    let mut out = String::with_capacity(src.len() + added);
    let mut at = 0;
    for e in order {
        out.push_str(&src[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&src[at..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ins(at: usize, t: &str) -> Edit {
        Edit::insert(at, t)
    }

    fn rep(s: usize, e: usize, t: &str) -> Edit {
        Edit::replace(Span::new(s, e), t)
    }

    #[track_caller]
    fn check(src: &str, edits: &[Edit], want: Result<&str, EditError>) {
        assert_eq!(apply(src, edits), want.map(str::to_owned));
    }

    #[test]
    fn applies() {
        let rows: Vec<(&str, Vec<Edit>, &str)> = vec![
            ("abc", vec![], "abc"),
            ("", vec![ins(0, "x")], "x"),
            ("abc", vec![ins(3, "!")], "abc!"),
            ("abc", vec![rep(1, 2, "BB")], "aBBc"),
            ("abc", vec![Edit::delete(Span::new(0, 3))], ""),
            // Out of order in the plan, in order in the text.
            ("abcdef", vec![rep(4, 5, "E"), rep(0, 1, "A")], "AbcdEf"),
            // Two insertions at one offset keep plan order.
            ("ab", vec![ins(1, "1"), ins(1, "2")], "a12b"),
            ("ab", vec![ins(1, "2"), ins(1, "1")], "a21b"),
            // An insertion at the start or end of a replacement is not an overlap.
            ("abc", vec![rep(1, 2, "B"), ins(1, "<")], "a<Bc"),
            ("abc", vec![rep(1, 2, "B"), ins(2, ">")], "aB>c"),
            // Adjacent replacements.
            ("abc", vec![rep(0, 1, "A"), rep(1, 2, "B")], "ABc"),
            // CRLF and multi-byte text outside the edits is copied verbatim.
            (
                "\u{feff}a\r\nb 📅\n",
                vec![ins(6, "-")],
                "\u{feff}a\r\n-b 📅\n",
            ),
        ];
        for (src, edits, want) in rows {
            check(src, &edits, Ok(want));
        }
    }

    #[test]
    fn refuses() {
        let overlap = |a: (usize, usize), b: (usize, usize)| EditError::Overlap {
            first: Span::new(a.0, a.1),
            second: Span::new(b.0, b.1),
        };
        let rows: Vec<(&str, Vec<Edit>, EditError)> = vec![
            (
                "abc",
                vec![rep(0, 2, "x"), rep(1, 3, "y")],
                overlap((0, 2), (1, 3)),
            ),
            (
                "abc",
                vec![rep(0, 2, "x"), rep(0, 2, "y")],
                overlap((0, 2), (0, 2)),
            ),
            (
                "abc",
                vec![rep(0, 3, "x"), ins(1, "y")],
                overlap((0, 3), (1, 1)),
            ),
            (
                "abc",
                vec![rep(1, 4, "x")],
                EditError::OutOfBounds {
                    start: 1,
                    end: 4,
                    len: 3,
                },
            ),
            (
                "abc",
                vec![rep(2, 1, "x")],
                EditError::Inverted { start: 2, end: 1 },
            ),
            (
                "a📅b",
                vec![ins(2, "x")],
                EditError::NotCharBoundary { offset: 2 },
            ),
        ];
        for (src, edits, want) in rows {
            check(src, &edits, Err(want));
        }
    }
}
