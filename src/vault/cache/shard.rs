//! One shard file of the cache: a header that says whose it is and when it was written,
//! then one entry per file (path, stat stamp, content hash, encoded document), sorted by
//! path, all covered by a checksum.
//!
//! ```text
//! magic "IKECACHE" · format u32 · shard u32 · key u64 · stamp i64 · length u64 · checksum u64
//! payload: count, then per entry: path, size, mtime, ctime, xxh3 of the bytes, document
//! ```
//! (integers in the header little-endian; in the payload LEB128 varints, see `codec`.)
//! A file that is short, foreign, of another version, another shard, another key, or whose
//! checksum or entries do not add up is not a shard: [`Shard::parse`] returns `None`.

use super::super::discover::FileStamp;
use super::codec::{Reader, put_signed, put_str, put_varint};
use std::ops::Range;
use xxhash_rust::xxh3::xxh3_64;

const MAGIC: &[u8; 8] = b"IKECACHE";
/// Bumped whenever the layout of a shard or of an encoded document changes.
pub(super) const FORMAT_VERSION: u32 = 7;
const HEADER_LEN: usize = 8 + 4 + 4 + 8 + 8 + 8 + 8;

/// The most bytes [`count_in_head`] needs: the header and the entry count's varint.
pub(super) const HEAD_LEN: usize = HEADER_LEN + 10;

/// What a shard's header says of its payload.
struct Header {
    /// When the run that wrote it started (ns since the Unix epoch).
    stamp: i64,
    /// The payload's length.
    len: usize,
    /// Its xxh3.
    checksum: u64,
}

impl Header {
    /// The header at the start of `bytes`, if it is one of shard `index` with `key`.
    fn read(bytes: &[u8], index: u32, key: u64) -> Option<Header> {
        let header = bytes.get(..HEADER_LEN)?;
        let u32_at = |at: usize| -> Option<u32> {
            Some(u32::from_le_bytes(header.get(at..at + 4)?.try_into().ok()?))
        };
        let u64_at = |at: usize| -> Option<u64> {
            Some(u64::from_le_bytes(header.get(at..at + 8)?.try_into().ok()?))
        };
        if &header[..8] != MAGIC
            || u32_at(8)? != FORMAT_VERSION
            || u32_at(12)? != index
            || u64_at(16)? != key
        {
            return None;
        }
        Some(Header {
            stamp: u64_at(24)? as i64,
            len: usize::try_from(u64_at(32)?).ok()?,
            checksum: u64_at(40)?,
        })
    }
}

/// How many entries the shard beginning with `head` (at least its first [`HEAD_LEN`]
/// bytes, or the whole file if shorter) says it holds, when it is shard `index` with
/// `key`. Nothing past the count is read or checked: the count may be wrong in a
/// damaged file, which [`Shard::parse`] would refuse.
pub(super) fn count_in_head(head: &[u8], index: u32, key: u64) -> Option<u64> {
    Header::read(head, index, key)?;
    Reader::new(head.get(HEADER_LEN..)?).varint().ok()
}

/// One file's entry, as ranges into the shard's bytes.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    /// Root-relative path.
    pub path: Range<usize>,
    /// What `stat` said when the file was read.
    pub stamp: FileStamp,
    /// xxh3 of the file's bytes.
    pub hash: u64,
    /// The encoded document.
    pub doc: Range<usize>,
    /// The whole entry, to copy into a rewritten shard unchanged.
    pub raw: Range<usize>,
}

/// A shard read from disk and checked.
#[derive(Debug)]
pub(super) struct Shard {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// When the run that wrote it started (ns since the Unix epoch).
    pub stamp: i64,
    /// Entries, sorted by path.
    pub entries: Vec<Entry>,
}

impl Shard {
    /// Check and index `bytes` as shard `index` with `key`; `None` when they are not one.
    pub(super) fn parse(bytes: Vec<u8>, index: u32, key: u64) -> Option<Shard> {
        let Header {
            stamp,
            len,
            checksum,
        } = Header::read(&bytes, index, key)?;
        let payload = bytes.get(HEADER_LEN..)?;
        if payload.len() != len || xxh3_64(payload) != checksum {
            return None;
        }
        let entries = index_entries(payload)?;
        Some(Shard {
            bytes,
            stamp,
            entries,
        })
    }

    /// The path of an entry.
    pub(super) fn path(&self, entry: &Entry) -> &str {
        // Checked to be UTF-8 by `parse`.
        std::str::from_utf8(&self.bytes[entry.path.clone()]).unwrap_or_default()
    }

    /// The entry of the vault-relative `path`, if the shard has one. `hint`: where the
    /// entry is likely to be (the files of a shard are asked for in order, so the entry
    /// after the last one found); moved past the entry found.
    pub(super) fn find(&self, path: &str, hint: &mut usize) -> Option<&Entry> {
        let at = self.position(path, hint)?;
        self.entries.get(at)
    }

    /// Where [`Shard::find`]'s entry is in `entries`.
    pub(super) fn position(&self, path: &str, hint: &mut usize) -> Option<usize> {
        // Paths compare as bytes (UTF-8 orders as its bytes): no check per comparison.
        let key = |e: &Entry| self.bytes.get(e.path.clone()).unwrap_or_default();
        let path = path.as_bytes();
        let at = match self.entries.get(*hint) {
            Some(e) if key(e) == path => *hint,
            _ => self.entries.binary_search_by(|e| key(e).cmp(path)).ok()?,
        };
        *hint = at + 1;
        Some(at)
    }
}

/// Read the entries of a payload, with ranges shifted to the whole file.
fn index_entries(payload: &[u8]) -> Option<Vec<Entry>> {
    let mut r = Reader::new(payload);
    let n = r.count().ok()?;
    let mut entries: Vec<Entry> = Vec::with_capacity(n);
    let at = |r: &Reader<'_>| HEADER_LEN + payload.len() - r.remaining();
    for _ in 0..n {
        let start = at(&r);
        let path_len = r.usize().ok()?;
        let path_start = at(&r);
        let path = r.take(path_len).ok()?;
        std::str::from_utf8(path).ok()?;
        let stamp = FileStamp {
            size: r.varint().ok()?,
            mtime_ns: r.signed().ok()?,
            ctime_ns: r.signed().ok()?,
        };
        let hash = r.u64_le().ok()?;
        let doc_len = r.usize().ok()?;
        let doc_start = at(&r);
        r.take(doc_len).ok()?;
        let end = at(&r);
        // Sorted, no duplicates: the merge with the discovered files relies on it.
        if let Some(last) = entries.last() {
            let last_path = &payload[last.path.start - HEADER_LEN..last.path.end - HEADER_LEN];
            if last_path >= path {
                return None;
            }
        }
        entries.push(Entry {
            path: path_start..path_start + path_len,
            stamp,
            hash,
            doc: doc_start..doc_start + doc_len,
            raw: start..end,
        });
    }
    r.is_empty().then_some(entries)
}

/// Append one entry to a payload being built.
pub(super) fn put_entry(out: &mut Vec<u8>, path: &str, stamp: FileStamp, hash: u64, doc: &[u8]) {
    put_str(out, path);
    put_varint(out, stamp.size);
    put_signed(out, stamp.mtime_ns);
    put_signed(out, stamp.ctime_ns);
    out.extend_from_slice(&hash.to_le_bytes());
    put_varint(out, doc.len() as u64);
    out.extend_from_slice(doc);
}

/// The whole file for a payload of `count` entries (`entries`: their bytes, as
/// [`put_entry`] wrote them).
#[cfg(test)]
pub(super) fn file_bytes(
    index: u32,
    key: u64,
    stamp: i64,
    count: usize,
    entries: &[u8],
) -> Vec<u8> {
    file_bytes_of(index, key, stamp, count, &[entries])
}

/// [`file_bytes`] of entries given in pieces (each one or more whole entries, in order),
/// each copied once, straight into the file's bytes.
pub(super) fn file_bytes_of(
    index: u32,
    key: u64,
    stamp: i64,
    count: usize,
    pieces: &[&[u8]],
) -> Vec<u8> {
    let len: usize = pieces.iter().map(|p| p.len()).sum();
    let mut out = Vec::with_capacity(HEADER_LEN + 10 + len);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&index.to_le_bytes());
    out.extend_from_slice(&key.to_le_bytes());
    out.extend_from_slice(&stamp.to_le_bytes());
    // The payload's length and checksum, filled in once it is written.
    let sums = out.len();
    out.extend_from_slice(&[0; 16]);
    put_varint(&mut out, count as u64);
    for piece in pieces {
        out.extend_from_slice(piece);
    }
    let payload = &out[HEADER_LEN..];
    let (payload_len, checksum) = (payload.len() as u64, xxh3_64(payload));
    out[sums..sums + 8].copy_from_slice(&payload_len.to_le_bytes());
    out[sums + 8..sums + 16].copy_from_slice(&checksum.to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let mut entries = Vec::new();
        let stamp = FileStamp {
            size: 10,
            mtime_ns: 1_000,
            ctime_ns: -5,
        };
        put_entry(&mut entries, "a.md", stamp, 7, b"doc-a");
        put_entry(&mut entries, "b/c.md", stamp, 8, b"");
        file_bytes(3, 42, 123, 2, &entries)
    }

    #[test]
    fn round_trip() {
        let shard = Shard::parse(sample(), 3, 42).expect("a shard");
        assert_eq!(shard.stamp, 123);
        let got: Vec<(&str, u64, &[u8])> = shard
            .entries
            .iter()
            .map(|e| (shard.path(e), e.hash, &shard.bytes[e.doc.clone()]))
            .collect();
        assert_eq!(got, [("a.md", 7, &b"doc-a"[..]), ("b/c.md", 8, &b""[..])]);
        assert_eq!(shard.entries[0].stamp.ctime_ns, -5);
    }

    #[track_caller]
    fn rejected(bytes: Vec<u8>, index: u32, key: u64, why: &str) {
        assert!(Shard::parse(bytes, index, key).is_none(), "{why}");
    }

    #[test]
    fn rejects_what_is_not_this_shard() {
        let good = sample();
        rejected(good.clone(), 4, 42, "another shard");
        rejected(good.clone(), 3, 43, "another key");
        for cut in [0, 5, HEADER_LEN - 1, HEADER_LEN, good.len() - 1] {
            rejected(good[..cut].to_vec(), 3, 42, &format!("truncated at {cut}"));
        }
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        rejected(flipped, 3, 42, "checksum");
        let mut version = good.clone();
        version[8] += 1;
        rejected(version, 3, 42, "version");
        rejected(b"garbage".repeat(20), 3, 42, "garbage");
        let mut long = good;
        long.push(0);
        rejected(long, 3, 42, "trailing byte");
    }

    #[test]
    fn rejects_unsorted_entries() {
        let mut entries = Vec::new();
        let stamp = FileStamp::default();
        put_entry(&mut entries, "b.md", stamp, 1, b"");
        put_entry(&mut entries, "a.md", stamp, 1, b"");
        rejected(file_bytes(0, 1, 0, 2, &entries), 0, 1, "unsorted");
        let mut dup = Vec::new();
        put_entry(&mut dup, "a.md", stamp, 1, b"");
        put_entry(&mut dup, "a.md", stamp, 1, b"");
        rejected(file_bytes(0, 1, 0, 2, &dup), 0, 1, "duplicate");
    }
}
