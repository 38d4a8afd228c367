//! What a file held when the watcher last read or wrote it. An event for a file that still
//! holds the same bytes is not a change: this is how the watcher ignores its own writes
//! (fixed files), its own reads, and editors that save without changing anything.

use crate::cache::Content;

/// Length and hash (xxh3, as the cache keeps it) of a file's bytes. Keeping the bytes
/// themselves would cost the size of the vault in memory; 16 bytes per file do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint {
    len: u64,
    hash: u64,
}

impl Fingerprint {
    /// The fingerprint of `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        Content::of(bytes).into()
    }

    /// True for an empty file.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl From<Content> for Fingerprint {
    fn from(c: Content) -> Self {
        Self {
            len: c.len,
            hash: c.hash,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_bytes_same_fingerprint() {
        let rows: [(&[u8], &[u8], bool); 4] = [
            (b"- [ ] a\n", b"- [ ] a\n", true),
            (b"- [ ] a\n", b"- [x] a\n", false),
            (b"", b"", true),
            (b"ab", b"ab\n", false),
        ];
        for (a, b, same) in rows {
            assert_eq!(
                Fingerprint::of(a) == Fingerprint::of(b),
                same,
                "{a:?} {b:?}"
            );
        }
        assert!(Fingerprint::of(b"").is_empty());
    }
}
