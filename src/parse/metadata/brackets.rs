//! Where a Dataview field's bracket closes, found for every field of a line from one pass
//! over it: the first closing bracket after the value's start at which the nesting depth,
//! counted from there, drops below zero (backslash-escaped bytes skipped). Searching
//! forward from each `[` instead would be quadratic on a line of many unclosed fields.

/// The brackets of one kind in a segment, indexed for [`Brackets::closing`].
#[derive(Debug, Default)]
pub(super) struct Brackets {
    /// Offset of every unescaped bracket of the kind, with the depth after it.
    marks: Vec<(usize, i64)>,
    /// Every closing bracket as (depth before it, offset), sorted: a line has few, and a
    /// sorted list needs no hasher and one allocation.
    closes: Vec<(i64, usize)>,
}

impl Brackets {
    /// Index the `open`/`close` brackets of `text`.
    pub(super) fn new(text: &[u8], open: u8, close: u8) -> Self {
        #[cfg(test)]
        crate::line_index::work::add(text.len());
        let mut out = Self::default();
        let mut depth = 0i64;
        // A line is mostly other bytes: jump from one byte that matters to the next.
        let mut from = 0;
        while let Some(k) = text
            .get(from..)
            .and_then(|rest| memchr::memchr3(b'\\', open, close, rest))
            .map(|i| from + i)
        {
            match text[k] {
                b'\\' => from = k + 2,
                c if c == open => {
                    depth += 1;
                    out.marks.push((k, depth));
                    from = k + 1;
                }
                _ => {
                    out.closes.push((depth, k));
                    depth -= 1;
                    out.marks.push((k, depth));
                    from = k + 1;
                }
            }
        }
        out.closes.sort_unstable();
        out
    }

    /// The offset of the bracket that closes one opened just before `from`, counting
    /// nested pairs; `from` must not follow an escaping backslash.
    pub(super) fn closing(&self, from: usize) -> Option<usize> {
        let before = self.marks.partition_point(|&(at, _)| at < from);
        let depth = before.checked_sub(1).map_or(0, |i| self.marks[i].1);
        let k = self.closes.partition_point(|&c| c < (depth, from));
        self.closes
            .get(k)
            .filter(|&&(d, _)| d == depth)
            .map(|&(_, at)| at)
    }
}

#[cfg(test)]
mod tests {
    use super::Brackets;

    /// The naive forward search the index replaces.
    fn scan(b: &[u8], from: usize, open: u8, close: u8) -> Option<usize> {
        let mut depth = 0usize;
        let mut k = from;
        while k < b.len() {
            match b[k] {
                b'\\' => k += 1,
                c if c == open => depth += 1,
                c if c == close => {
                    if depth == 0 {
                        return Some(k);
                    }
                    depth -= 1;
                }
                _ => {}
            }
            k += 1;
        }
        None
    }

    #[test]
    fn agrees_with_a_forward_search() {
        let rows = [
            "[a:: b]",
            "[a:: [b] c] d]",
            "[a:: [b c] ]] [x:: y]",
            "] ] [a:: b",
            "[a:: \\] b] c]",
            "\\\\[a:: b\\\\] c]",
            "(a:: (b) c) (d:: e",
            "[[[a:: b]]] [c:: [d:: e] f]",
            // Backslashes at the end, in runs, and before both kinds of bracket.
            "[a:: b\\",
            "\\",
            "[a:: \\\\\\] b] c]",
            "(a:: \\(b) c) [d:: \\[ e]",
            "plain words with no bracket at all, long enough for a vector search",
        ];
        for text in rows {
            let b = text.as_bytes();
            for (open, close) in [(b'[', b']'), (b'(', b')')] {
                let index = Brackets::new(b, open, close);
                for from in 0..=b.len() {
                    // The callers' contract: `from` follows `::`, never a backslash.
                    if from > 0 && b[from - 1] == b'\\' {
                        continue;
                    }
                    assert_eq!(
                        index.closing(from),
                        scan(b, from, open, close),
                        "{text:?} from {from}"
                    );
                }
            }
        }
    }
}
