//! Turns byte offsets into 1-based `line:column` positions (column in characters).

/// Start offsets of every line of a text, for offset → line/column lookups.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Index the line starts of `src`. As in CommonMark, a line ends at `\n`, `\r\n` or a
    /// lone `\r`.
    pub fn new(src: &str) -> Self {
        let bytes = src.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        Self { starts }
    }

    /// 1-based line number of `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// Byte offset where the 1-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.saturating_sub(1).min(self.starts.len() - 1)]
    }

    /// 1-based line and 1-based character column of `offset` in `src`.
    pub fn position(&self, src: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(src, offset.min(src.len()));
        let line = self.line(offset);
        let start = self.line_start(line);
        let column = src[start..offset].chars().count() + 1;
        (line, column)
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
    use super::LineIndex;

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
}
