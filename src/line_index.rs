//! Turns byte offsets into 1-based `line:column` positions (column in characters).
//!
//! Every lookup is logarithmic in the number of lines plus at most one block of bytes:
//! a column deep in a long line is counted from a checkpoint (the number of characters
//! before every [`BLOCK`]-byte boundary, built once, on the first such lookup), never from
//! the line start. A file of one 8 MiB line with a problem every few bytes stays linear.

use std::cell::OnceCell;
use std::sync::OnceLock;

/// Bytes between two character-count checkpoints.
const BLOCK: usize = 512;

/// Start offsets of every line of a text, for offset → line/column lookups.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Characters before each multiple of [`BLOCK`], built on the first column counted
    /// over more than a block.
    checkpoints: OnceLock<Vec<usize>>,
}

impl LineIndex {
    /// Index the line starts of `src`. As in CommonMark, a line ends at `\n`, `\r\n` or a
    /// lone `\r`.
    pub fn new(src: &str) -> Self {
        let bytes = src.as_bytes();
        let mut starts = vec![0];
        if memchr::memchr(b'\r', bytes).is_none() {
            // Nearly every note: one search for one byte is the cheaper pass.
            starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        } else {
            for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
                if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                    starts.push(i + 1);
                }
            }
        }
        Self {
            starts,
            checkpoints: OnceLock::new(),
        }
    }

    /// 1-based line number of `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// Byte offset where the 1-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.saturating_sub(1).min(self.starts.len() - 1)]
    }

    /// 1-based line and 1-based character column of `offset` in `src` (the text this
    /// index was built from).
    pub fn position(&self, src: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(src, offset.min(src.len()));
        let line = self.line(offset);
        let start = self.line_start(line).min(offset);
        let column = if offset - start <= BLOCK {
            chars(&src.as_bytes()[start..offset])
        } else {
            self.chars_before(src, offset) - self.chars_before(src, start)
        };
        (line, column + 1)
    }

    /// Number of characters in `src[..offset]`: a checkpoint plus less than a block.
    fn chars_before(&self, src: &str, offset: usize) -> usize {
        let bytes = src.as_bytes();
        let checkpoints = self.checkpoints.get_or_init(|| {
            let mut total = 0;
            let mut out = Vec::with_capacity(bytes.len() / BLOCK + 1);
            out.push(0);
            for block in bytes.chunks(BLOCK) {
                total += chars(block);
                out.push(total);
            }
            out
        });
        let block = offset / BLOCK;
        checkpoints.get(block).copied().unwrap_or(0) + chars(&bytes[block * BLOCK..offset])
    }
}

/// The [`LineIndex`] of one text, made on first use: a note that holds no task and whose
/// front matter has no problem never asks for a position, and most notes of a real vault
/// are such notes.
pub(crate) struct LazyLineIndex<'s> {
    src: &'s str,
    index: OnceCell<LineIndex>,
}

impl<'s> LazyLineIndex<'s> {
    /// An index of `src`, not made yet.
    pub(crate) fn new(src: &'s str) -> Self {
        Self {
            src,
            index: OnceCell::new(),
        }
    }

    /// The index, made now if it was not yet.
    pub(crate) fn get(&self) -> &LineIndex {
        self.index.get_or_init(|| LineIndex::new(self.src))
    }

    /// Whether the index was made, for tests.
    #[cfg(test)]
    pub(crate) fn is_made(&self) -> bool {
        self.index.get().is_some()
    }
}

/// Characters in a byte range of UTF-8: the bytes that do not continue a character
/// (additive over any split, so blocks may cut a character).
fn chars(bytes: &[u8]) -> usize {
    #[cfg(test)]
    work::add(bytes.len());
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// A count of the bytes the position lookups and line-start searches went over, per
/// thread, so that tests can tell linear work from quadratic without timing anything.
#[cfg(test)]
pub(crate) mod work {
    use std::cell::Cell;

    thread_local! {
        static BYTES: Cell<usize> = const { Cell::new(0) };
    }

    /// Count `n` bytes gone over.
    pub(crate) fn add(n: usize) {
        BYTES.with(|b| b.set(b.get() + n));
    }

    /// The bytes counted since the last call.
    pub(crate) fn take() -> usize {
        BYTES.with(|b| b.replace(0))
    }
}

fn floor_char_boundary(src: &str, mut offset: usize) -> usize {
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::{BLOCK, LineIndex};

    #[test]
    fn positions() {
        let src = "ab\ncd\r\n📅 x\n";
        let idx = LineIndex::new(src);
        let cases = [
            (0, (1, 1)),
            (1, (1, 2)),
            (3, (2, 1)),
            (7, (3, 1)),
            (11, (3, 2)),
            (12, (3, 3)),
            (14, (4, 1)),
        ];
        for (offset, want) in cases {
            assert_eq!(idx.position(src, offset), want, "offset {offset}");
        }
    }

    /// Columns far into a long line, counted from checkpoints, equal a plain count; a
    /// block boundary may fall inside a character.
    #[test]
    fn long_lines_count_from_checkpoints() {
        let src = format!("x\n{}\nab", "é📅a".repeat(3 * BLOCK));
        let idx = LineIndex::new(&src);
        for offset in [2, 3, 5, BLOCK + 1, BLOCK + 2, 5 * BLOCK + 3, src.len() - 3] {
            let offset = (offset..).find(|&o| src.is_char_boundary(o)).unwrap_or(0);
            let want = src[2..offset].chars().count() + 1;
            assert_eq!(idx.position(&src, offset), (2, want), "offset {offset}");
        }
        assert_eq!(idx.position(&src, src.len()), (3, 3));
    }
}
