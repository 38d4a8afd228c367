//! The persistent cache of parsed files, in `VAULT/.ike/cache/`, so that an unchanged
//! vault is digested again without reading or parsing its notes (design and
//! choices in docs/decisions/0003-cache.md).
//!
//! Files are spread over [`SHARDS`] shard files by a hash of their path, so shards load,
//! decode and get written in parallel, and one changed note rewrites one shard. Each entry
//! holds the file's vault-relative path, its `stat` stamp (size, mtime, ctime), an xxh3
//! hash of its bytes, and the encoded [`Document`]. For each discovered file:
//!
//! - same stamp, and its times are older than the shard's write stamp minus a racy window
//!   (as git does: a file changed within the same clock tick as it was read would keep
//!   its stamp): the cached document is used without reading the file;
//! - otherwise the file is read; same hash: the cached document is used;
//! - otherwise it is parsed, and its entry replaced.
//!
//! A shard that is missing, truncated, corrupt, from another ike binary or written with
//! other parse options is ignored (and rewritten); an entry that does not decode is
//! re-parsed. Nothing here panics or fails the run: a shard that cannot be written is a
//! [`CacheError`], reported once by the caller as a warning.
//!
//! Beside each shard, a memo file in the same format keeps values made from its
//! documents (a [`Memo`], e.g. the digest's sheets), keyed by the cache's key and the
//! memo's salt; an entry is used only while its file is trusted and has the same content
//! hash (docs/decisions/0059-digest-sheets-kept-in-the-cache.md). A file is trusted on its
//! memo entry alone by the same stamp rule, and then its shard is not read unless it must
//! be written (docs/decisions/0086-memo-trusted-without-its-shard.md).
//!
//! The vault stage's one loop (`super`) drives a `Session`: open, resolve the files of
//! each shard batch by batch (a shard is loaded when first needed, and, when the scan is
//! one batch, written and let go as soon as its files are done), finish (write the shards
//! left that changed).

mod codec;
mod shard;

pub use codec::{Detail, Skim, Verdict};

use super::Memo;
use super::discover::{Discovered, FileStamp, SourceFile};
use super::read::{read_into, unreadable};
use crate::model::Document;
use crate::parse::{ParseOptions, parse_document};
use crate::progress::Progress;
use rayon::prelude::*;
use shard::Shard;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// Encode `doc` (its path excepted) as the cache stores it, appending to `out`; false,
/// leaving `out` as it was, when it cannot be cached. Public so that `benches/codec.rs`
/// can measure the codec on its own (docs/decisions/0041-cache-codec.md); the cache
/// itself is used through a [`Store`].
pub fn encode_document(doc: &Document, out: &mut Vec<u8>) -> bool {
    codec::encode(doc, out)
}

/// Decode what [`encode_document`] wrote, to `detail`, giving it `path`; `None` when the
/// bytes are not a document.
pub fn decode_document(path: &str, bytes: &[u8], detail: Detail) -> Option<Document> {
    codec::decode_as(path, bytes, detail).ok()
}

/// The documents of a few notes of `store`'s vault, from the cache alone, decoded to
/// `detail`: for a caller that scanned the vault and wants some of its notes again, whole
/// or only the tasks a [`Skim`] keeps. Each note is given by its path relative to `root`
/// (the scanned folder), with its skim if any, and read only when its entry can be
/// trusted on the file's stamp as it is now (`None` otherwise: the caller reads the file).
/// Writes nothing; reads each shard it needs once.
pub fn lookup(
    store: &Store,
    root: &Path,
    parse: &ParseOptions,
    detail: Detail,
    paths: &[(&str, Option<&dyn Skim>)],
) -> Vec<Option<Document>> {
    let key = key(parse);
    let refused = store_refused(store).is_some();
    let mut shards: Vec<Option<Option<Shard>>> = (0..SHARDS).map(|_| None).collect();
    paths
        .iter()
        .map(|&(rel, skim)| {
            let stamp = FileStamp::of(&std::fs::metadata(root.join(rel)).ok()?);
            let entry_key = store.key(rel);
            let index = shard_of(&entry_key);
            let shard = shards[index as usize]
                .get_or_insert_with(|| load(store, refused, File::Shard(index), key).0)
                .as_ref()?;
            let e = shard.find(&entry_key, &mut 0)?;
            let trusted = e.stamp == stamp && settled(stamp, shard.stamp);
            trusted
                .then(|| codec::decode_skimmed(rel, &shard.bytes[e.doc.clone()], detail, skim).ok())
                .flatten()
        })
        .collect()
}

/// The cache folder, relative to the vault root.
pub const DIR: &str = ".ike/cache";

/// Where the cache is, and which of its entries a scan covers. The cache belongs to the
/// vault root and its entries are keyed by vault-relative paths; a scan of a subfolder
/// uses and rewrites only the entries under that subfolder and keeps every other entry
/// as it is (docs/decisions/0016-vault-root.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    /// The cache folder, `VAULT/.ike/cache`.
    pub dir: PathBuf,
    /// The scanned folder relative to the vault root, `/`-separated and ending in `/`
    /// (empty when the vault root itself is scanned).
    pub prefix: String,
}

impl Store {
    /// The cache of the vault at `vault`, for a scan of `root` (the vault or a folder in it).
    pub fn new(vault: &Path, root: &Path) -> Self {
        let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let (vault_abs, root_abs) = (abs(vault), abs(root));
        let mut prefix = match root_abs.strip_prefix(&vault_abs) {
            Ok(rel) => super::discover::relative(Path::new(""), rel),
            Err(_) => String::new(),
        };
        // A folder outside the vault (cannot happen from settings) gets a cache of its own.
        let dir = if root_abs.starts_with(&vault_abs) {
            vault.join(DIR)
        } else {
            root.join(DIR)
        };
        if !prefix.is_empty() {
            prefix.push('/');
        }
        Self { dir, prefix }
    }

    /// The cache of `root` scanned as a vault of its own.
    pub fn of(root: &Path) -> Self {
        Self::new(root, root)
    }

    /// The cache key of a scan-relative path.
    fn key<'a>(&self, rel: &'a str) -> std::borrow::Cow<'a, str> {
        if self.prefix.is_empty() {
            std::borrow::Cow::Borrowed(rel)
        } else {
            std::borrow::Cow::Owned(format!("{}{rel}", self.prefix))
        }
    }

    /// Is a cached path under the scanned folder?
    fn covers(&self, key: &str) -> bool {
        key.starts_with(&self.prefix)
    }
}

/// Number of shard files. A power of two well above the number of cores, so work spreads
/// evenly, and small enough that a tiny vault does not open many files.
pub const SHARDS: u32 = 64;

/// A file whose mtime or ctime is this close to (or after) the shard's write stamp is
/// read and hashed even when its stamp matches: it may have changed again within the
/// same clock tick. Two seconds covers the coarsest common file systems (FAT).
const RACY_NS: i64 = 2_000_000_000;

/// How one scan used the cache.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Files taken from the cache without being read (stamp matched).
    pub trusted: usize,
    /// Files read whose bytes matched the cached hash (not parsed).
    pub verified: usize,
    /// Files parsed (new, changed, or the cache had nothing usable).
    pub parsed: usize,
    /// Shard files written or removed.
    pub shards_written: usize,
}

/// The length and xxh3 hash of a file's bytes: what the cache checks a file against, and
/// what the watcher remembers of each file it read or wrote (an event for a file that
/// still holds the same bytes is no change). 16 bytes per file, where keeping the bytes
/// would cost the size of the vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Content {
    /// Length in bytes.
    pub len: u64,
    /// `xxh3_64` of the bytes.
    pub hash: u64,
}

impl Content {
    /// The content of `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        Self {
            len: bytes.len() as u64,
            hash: xxh3_64(bytes),
        }
    }

    /// True for an empty file.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Why the cache could not be used or written. The scan is complete regardless: the
/// caller reports the first one as a warning.
#[derive(Debug, Clone, thiserror::Error)]
pub enum CacheError {
    /// `.ike` or `.ike/cache` is a symbolic link (a cloned or synced vault could point it
    /// anywhere).
    #[error("{}: is a symbolic link; not followed, the cache is not used", .0.display())]
    Link(PathBuf),
    /// `.ike` or `.ike/cache` is there but is not a folder.
    #[error("{}: is not a folder; the cache is not used", .0.display())]
    NotFolder(PathBuf),
    /// Creating the cache folder, or writing or removing a shard, failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The folder or shard file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: Arc<std::io::Error>,
    },
}

impl CacheError {
    fn io(path: PathBuf, source: std::io::Error) -> Self {
        Self::Io {
            path,
            source: Arc::new(source),
        }
    }
}

/// Drop the entries of `rels` (paths relative to the scanned folder) from the cache in
/// `store`, e.g. for files `ike fix` rewrote. Shards that do not hold them are left alone;
/// a missing or unusable cache is nothing to do.
pub fn drop_entries(
    store: &Store,
    parse_opts: &ParseOptions,
    rels: &[&str],
) -> Result<(), CacheError> {
    if let Some(why) = store_refused(store) {
        return Err(why);
    }
    let dir = &store.dir;
    let key = key(parse_opts);
    let mut by_shard: Vec<Vec<String>> = vec![Vec::new(); SHARDS as usize];
    for rel in rels {
        let rel = store.key(rel.trim_start_matches("./")).into_owned();
        by_shard[shard_of(&rel) as usize].push(rel);
    }
    for (index, gone) in by_shard.iter().enumerate() {
        if gone.is_empty() {
            continue;
        }
        let path = dir.join(shard_name(index as u32));
        let Some(shard) = read_shard(&path)
            .ok()
            .and_then(|b| Shard::parse(b, index as u32, key))
        else {
            continue;
        };
        let body: Vec<&[u8]> = shard
            .entries
            .iter()
            .filter(|entry| !gone.iter().any(|g| g == shard.path(entry)))
            .map(|entry| &shard.bytes[entry.raw.clone()])
            .collect();
        let count = body.len();
        if count < shard.entries.len() {
            // Removing entries keeps every other entry's promise: the old stamp stays.
            write_shard(
                dir,
                File::Shard(index as u32),
                key,
                shard.stamp,
                count,
                &body,
            )
            .map_err(|e| CacheError::io(path, e))?;
        }
    }
    Ok(())
}

/// One scan's use of the cache. The vault stage's one loop hands it, batch after batch,
/// the discovered files of each shard ([`Session::resolve_shard`], shards in parallel, a
/// shard's files in path order): the shard is loaded the first time, each file resolved
/// against it (trusted, verified or parsed), and its entries rebuilt. When nothing can
/// stop the scan any more (a single batch: `early`), a shard whose last file is resolved
/// is written at once, if it changed, and let go, so that the whole cache is never held;
/// otherwise (a stream, which its consumer may stop) every shard waits for
/// [`Session::finish`].
pub(crate) struct Session<'a> {
    store: &'a Store,
    /// How much of a cached document to decode.
    detail: Detail,
    /// Which cached tasks to decode in full (`None`: every one).
    skim: Option<&'a dyn Skim>,
    key: u64,
    /// This run's start, the write stamp of every shard it writes.
    stamp: i64,
    parse: &'a ParseOptions,
    /// The most bytes read of a note.
    read_limit: u64,
    /// Why the cache folder is not used (it, or `.ike`, is a link or not a folder).
    refused: Option<CacheError>,
    /// The cache folder was created (once, by the first shard that writes).
    dir_ready: OnceLock<Result<(), CacheError>>,
    /// The shard of each discovered file.
    shard_of_file: Vec<u32>,
    /// Each shard's state, locked by the one worker resolving its files in a batch.
    shards: Vec<Mutex<ShardState>>,
    /// Write each shard as soon as its last file is resolved.
    early: bool,
    /// The key of the values kept beside the documents ([`Memo`]): the cache's key and
    /// the memo's salt. `None`: no values are kept in this scan.
    memo_key: Option<u64>,
}

/// One shard during a scan.
#[derive(Default)]
struct ShardState {
    /// `old` and `existed` were read from disk. A scan that keeps values may never read
    /// the shard: while every file it resolves is trusted on its memo entry alone, the
    /// shard is needed only to be written, which an unchanged shard is not.
    loaded: bool,
    /// The shard as on disk (`None`: missing or unusable).
    old: Option<Shard>,
    /// A file was there at all.
    existed: bool,
    /// Its entries as rebuilt, in path order.
    body: Body,
    /// An entry is new or not kept as it was.
    touched: bool,
    /// Entries that a discovered file matched.
    matched: usize,
    /// Discovered files of this shard not resolved yet.
    left: usize,
    /// Written (or found unchanged) and let go.
    closed: bool,
    /// Where the next file's entry likely is in `old` (see [`Shard::find`]).
    hint: usize,
    /// Pieces of `body` that are [`Piece::Unread`]: files trusted on their memo entry
    /// before the shard was read.
    unread: usize,
    /// The values kept beside this shard's documents ([`Memo`]), the same way: the memo
    /// file as on disk and as rebuilt.
    memo: MemoState,
}

/// The memo file of one shard during a scan: one entry per file, its path, stamp and
/// content hash as in the shard and the value's encoding for a document.
#[derive(Default)]
struct MemoState {
    /// `old` and `existed` were read from disk.
    loaded: bool,
    old: Option<Shard>,
    hint: usize,
    existed: bool,
    body: Body,
    touched: bool,
    matched: usize,
}

/// What resolving one shard's files of a batch gave.
pub(crate) struct ShardBatch<T> {
    /// Each file's index, mapped document and content.
    pub(crate) items: Vec<(usize, T, Option<Content>)>,
    /// What the cache did.
    pub(crate) stats: CacheStats,
    /// The error met writing the shard, if it was written and failed.
    pub(crate) error: Option<CacheError>,
}

/// What resolving one file gave.
struct Resolved {
    doc: Document,
    /// Length and hash of the bytes read (or trusted).
    content: Option<Content>,
    /// Its entry is the old one, unchanged.
    kept: bool,
    /// Its entry in the shard written next (none: not cached).
    piece: Option<Piece>,
    /// How it was resolved.
    how: How,
}

impl<'a> Session<'a> {
    /// Open the cache in `store` for the files of `found`. `early`: shards may be written
    /// as soon as their files are resolved (nothing stops the scan before its end).
    pub(crate) fn open(
        store: &'a Store,
        found: &Discovered,
        parse: &'a ParseOptions,
        now: SystemTime,
        (detail, skim): (Detail, Option<&'a dyn Skim>),
        early: bool,
        memo_salt: Option<u64>,
    ) -> Self {
        let shard_of_file: Vec<u32> = found
            .files
            .iter()
            .map(|f| shard_of(&store.key(&f.rel)))
            .collect();
        let mut states: Vec<ShardState> = (0..SHARDS).map(|_| ShardState::default()).collect();
        for &shard in &shard_of_file {
            states[shard as usize].left += 1;
        }
        let key = key(parse);
        let memo_key = memo_salt.map(|salt| {
            let mut h = Xxh3::new();
            h.update(&key.to_le_bytes());
            h.update(&salt.to_le_bytes());
            h.digest()
        });
        Self {
            store,
            detail,
            skim,
            key,
            stamp: nanos(now),
            parse,
            read_limit: found.read_limit,
            refused: store_refused(store),
            dir_ready: OnceLock::new(),
            shard_of_file,
            shards: states.into_iter().map(Mutex::new).collect(),
            early,
            memo_key,
        }
    }

    /// The shard of discovered file number `i`.
    pub(crate) fn shard_of(&self, i: usize) -> usize {
        self.shard_of_file[i] as usize
    }

    /// Resolve `files` (indices into `found`, in path order, all of shard `shard`): each
    /// document from the cache when it can be trusted, else read (into the buffer of `io`)
    /// and parsed, then turned into a `T` by `map`, or, with a `memo`, the `T` kept beside
    /// a trusted document taken as it was; `io`'s progress ticks once per file.
    pub(crate) fn resolve_shard<T>(
        &self,
        shard: usize,
        files: &[usize],
        found: &Discovered,
        io: (&mut Vec<u8>, &Progress),
        memo: Option<&dyn Memo<T>>,
        map: &(dyn Fn(Document) -> T + Sync),
    ) -> ShardBatch<T> {
        let (buf, progress) = io;
        let mut st = self.shards[shard].lock().unwrap_or_else(|e| e.into_inner());
        let memo = memo.filter(|_| self.memo_key.is_some());
        if memo.is_some() {
            self.load_memo(shard, &mut st);
        } else {
            self.load_into(shard, &mut st);
        }
        let mut out = ShardBatch {
            items: Vec::with_capacity(files.len()),
            stats: CacheStats::default(),
            error: None,
        };
        for &i in files {
            let file = &found.files[i];
            let key = self.store.key(&file.rel);
            let stamp = found.stamps[i];
            progress.tick();
            let st = &mut *st;
            let kept_at = st
                .memo
                .old
                .as_ref()
                .and_then(|m| m.position(&key, &mut st.memo.hint));
            // Trusted on the memo entry alone, by the shard's own rule (the same stamp,
            // settled before the memo file was written): the shard need not be read
            // (docs/decisions/0086-memo-trusted-without-its-shard.md).
            let alone = match (memo, kept_at, st.memo.old.as_ref()) {
                (Some(memo), Some(at), Some(m))
                    if m.entries[at].stamp == stamp && settled(stamp, m.stamp) =>
                {
                    Some((memo, at, m))
                }
                _ => None,
            };
            let tried = alone.is_some();
            if let Some((memo, at, m)) = alone {
                let me = &m.entries[at];
                super::huge_note::note_kept(stamp.size);
                if let Some(value) = memo.decode(&file.rel, &m.bytes[me.doc.clone()]) {
                    out.stats.count(How::Trusted);
                    st.body.push(Some(Piece::Unread(at)));
                    st.unread += 1;
                    st.memo.matched += 1;
                    st.memo.body.push(Some(Piece::keep(me)));
                    let content = Content {
                        len: stamp.size,
                        hash: me.hash,
                    };
                    out.items.push((i, memo.settle(value), Some(content)));
                    continue;
                }
            }
            self.load_into(shard, st);
            let hint = &mut st.hint;
            let entry = st
                .old
                .as_ref()
                .and_then(|sh| sh.find(&key, hint).map(|e| (sh, e)));
            let kept = kept_at.and_then(|at| st.memo.old.as_ref().map(|m| (m, &m.entries[at])));
            if let (Some(memo), Some((sh, e)), Some((m, me)), false) = (memo, entry, kept, tried) {
                let value = (e.stamp == stamp && settled(stamp, sh.stamp) && me.hash == e.hash)
                    .then(|| {
                        super::huge_note::note_kept(stamp.size);
                        memo.decode(&file.rel, &m.bytes[me.doc.clone()])
                    })
                    .flatten();
                if let Some(value) = value {
                    // Trusted, and its value kept: the shard's entry does not change. The
                    // memo entry takes the file's stamp if it had another (the file was
                    // verified since by a scan that keeps no values), so that the next run
                    // trusts it without reading the shard.
                    out.stats.count(How::Trusted);
                    st.matched += 1;
                    st.body.push(Some(Piece::keep(e)));
                    st.memo.matched += 1;
                    let piece = if me.stamp == stamp {
                        Piece::keep(me)
                    } else {
                        st.memo.touched = true;
                        Piece::put(&key, stamp, e.hash, &m.bytes[me.doc.clone()])
                    };
                    st.memo.body.push(Some(piece));
                    let content = Content {
                        len: stamp.size,
                        hash: e.hash,
                    };
                    out.items.push((i, memo.settle(value), Some(content)));
                    continue;
                }
            }
            let r = self.resolve_entry(file, &key, stamp, entry, buf);
            out.stats.count(r.how);
            st.matched += usize::from(entry.is_some());
            st.touched |= !r.kept;
            st.body.push(r.piece);
            let value = map(super::huge_note::noted(r.doc));
            if let Some(memo) = memo {
                let mut bytes = Vec::new();
                let piece = r
                    .content
                    .filter(|_| memo.encode(&value, &mut bytes))
                    .map(|c| Piece::put(&key, stamp, c.hash, &bytes));
                // A value kept now, or one kept before and not any more, changes the file.
                st.memo.matched += usize::from(kept.is_some());
                st.memo.touched |= piece.is_some() || kept.is_some();
                st.memo.body.push(piece);
            }
            let value = match memo {
                Some(memo) => memo.settle(value),
                None => value,
            };
            out.items.push((i, value, r.content));
        }
        st.left = st.left.saturating_sub(files.len());
        if self.early && st.left == 0 {
            match self.close(shard, &mut st) {
                Some(Ok(())) => out.stats.shards_written += 1,
                Some(Err(e)) => out.error = Some(e),
                None => {}
            }
        }
        out
    }

    /// Write the shards not written yet that changed (every shard with `early` off; with it
    /// on, those no discovered file belongs to), adding to `stats` and `error` (the first
    /// error met so far).
    pub(crate) fn finish(
        self,
        mut stats: CacheStats,
        mut error: Option<CacheError>,
    ) -> (CacheStats, Option<CacheError>) {
        let written: Vec<Option<Result<(), CacheError>>> = (0..SHARDS as usize)
            .into_par_iter()
            .map(|index| {
                let mut st = self.shards[index].lock().unwrap_or_else(|e| e.into_inner());
                if st.closed {
                    return None;
                }
                self.close(index, &mut st)
            })
            .collect();
        for w in written.into_iter().flatten() {
            match w {
                Ok(()) => stats.shards_written += 1,
                Err(e) => {
                    error.get_or_insert(e);
                }
            }
        }
        (stats, error)
    }

    /// Read shard `index` from disk into `st`, once, and its memo file if this scan
    /// keeps values.
    fn load_into(&self, index: usize, st: &mut ShardState) {
        if !st.loaded {
            let refused = self.refused.is_some();
            let shard = File::Shard(index as u32);
            (st.old, st.existed) = load(self.store, refused, shard, self.key);
            st.loaded = true;
        }
        self.load_memo(index, st);
    }

    /// Read the memo file of shard `index` from disk into `st`, once, if this scan keeps
    /// values.
    fn load_memo(&self, index: usize, st: &mut ShardState) {
        let memo = &mut st.memo;
        if let (Some(key), false) = (self.memo_key, memo.loaded) {
            let refused = self.refused.is_some();
            (memo.old, memo.existed) = load(self.store, refused, File::Memo(index as u32), key);
            memo.loaded = true;
        }
    }

    /// Read shard `index` if it was not read and may have to be written: its memo file
    /// changes (something in the shard changed), the scan covers only part of it, or its
    /// header does not say it holds exactly the files trusted on their memo entries (a
    /// file was removed, or the shard is missing or not this scan's). Then put the
    /// shard's entries in place of the files trusted before it was read.
    fn settle_unread(&self, index: usize, st: &mut ShardState) {
        if st.loaded {
            return;
        }
        let memo = &st.memo;
        let memo_changes = must_write(
            memo.existed,
            memo.old.as_ref().map(|m| self.covered(m)),
            memo.touched,
            memo.matched,
        );
        let refused = self.refused.is_some();
        let path = self.store.dir.join(File::Shard(index as u32).name());
        let unchanged = !memo_changes
            && !refused
            && self.store.prefix.is_empty()
            && read_count(&path, index as u32, self.key) == Some(st.unread as u64);
        if unchanged {
            return;
        }
        self.load_into(index, st);
        let (Some(memo), shard) = (st.memo.old.as_ref(), st.old.as_ref()) else {
            return;
        };
        let mut hint = 0;
        for piece in &mut st.body.pieces {
            let Piece::Unread(at) = *piece else {
                continue;
            };
            let me = &memo.entries[at];
            let found = shard
                .and_then(|sh| sh.find(memo.path(me), &mut hint))
                .filter(|e| e.stamp == me.stamp && e.hash == me.hash);
            *piece = match found {
                Some(e) => {
                    st.matched += 1;
                    Piece::keep(e)
                }
                // The shard has no entry for the file as the memo knows it (it was
                // damaged and written again without it): none is written, which alone
                // does not make the shard change, and the next scan that needs the
                // document parses the file.
                None => Piece::Gone,
            };
        }
        st.unread = 0;
    }

    /// Write shard `index` if it changed, and let it go. `None`: nothing to write.
    fn close(&self, index: usize, st: &mut ShardState) -> Option<Result<(), CacheError>> {
        self.load_memo(index, st);
        self.settle_unread(index, st);
        let changed = st.loaded
            && must_write(
                st.existed,
                st.old.as_ref().map(|s| self.covered(s)),
                st.touched,
                st.matched,
            );
        let body = std::mem::take(&mut st.body);
        let index = index as u32;
        let mut written =
            changed.then(|| self.write(File::Shard(index), self.key, body, st.old.as_ref()));
        st.old = None;
        st.closed = true;
        let memo = std::mem::take(&mut st.memo);
        if let Some(key) = self.memo_key {
            let old = memo.old.as_ref();
            let covered = old.map(|m| self.covered(m));
            if must_write(memo.existed, covered, memo.touched, memo.matched) {
                let wrote = self.write(File::Memo(index), key, memo.body, old);
                // The memo is the shard's companion: a shard written counts once.
                written = Some(match written {
                    Some(Err(e)) => Err(e),
                    _ => wrote,
                });
            }
        }
        written
    }

    /// The number of entries of `shard` under the scanned folder.
    fn covered(&self, shard: &Shard) -> usize {
        if self.store.prefix.is_empty() {
            return shard.entries.len();
        }
        let covers = |e: &shard::Entry| self.store.covers(shard.path(e));
        shard.entries.iter().filter(|e| covers(e)).count()
    }

    /// Write `file` (written with `key`) with the entries of `body` (`old`: where its kept
    /// entries are), and, around them, the entries of `old` outside the scanned folder,
    /// unchanged.
    fn write(
        &self,
        file: File,
        key: u64,
        body: Body,
        old: Option<&Shard>,
    ) -> Result<(), CacheError> {
        if let Some(why) = &self.refused {
            return Err(why.clone());
        }
        let body = match old {
            Some(shard) if !self.store.prefix.is_empty() => {
                let mut before = Vec::new();
                let mut after = Vec::new();
                for e in &shard.entries {
                    let path = shard.path(e);
                    if self.store.covers(path) {
                        continue;
                    }
                    if path < self.store.prefix.as_str() {
                        before.push(Piece::keep(e));
                    } else {
                        after.push(Piece::keep(e));
                    }
                }
                Body {
                    pieces: before.into_iter().chain(body.pieces).chain(after).collect(),
                }
            }
            _ => body,
        };
        self.ensure_dir()?;
        let dir = &self.store.dir;
        let old = old.map_or(&[][..], |s| &s.bytes[..]);
        let pieces: Vec<&[u8]> = body.pieces.iter().map(|p| p.bytes(old)).collect();
        write_shard(dir, file, key, self.stamp, body.count(), &pieces)
            .map_err(|e| CacheError::io(dir.join(file.name()), e))
    }

    /// The document of one file, from the cache when it can be trusted, with the file's
    /// entry for the shard written next.
    fn resolve_entry(
        &self,
        file: &SourceFile,
        key: &str,
        stamp: FileStamp,
        entry: Option<(&Shard, &shard::Entry)>,
        buf: &mut Vec<u8>,
    ) -> Resolved {
        if let Some((shard, e)) = entry {
            if e.stamp == stamp && settled(stamp, shard.stamp) {
                if let Ok(doc) = self.decode(&file.rel, &shard.bytes[e.doc.clone()]) {
                    return Resolved {
                        doc,
                        kept: true,
                        content: Some(Content {
                            len: stamp.size,
                            hash: e.hash,
                        }),
                        piece: Some(Piece::keep(e)),
                        how: How::Trusted,
                    };
                }
            }
        }
        let bytes = &mut *buf;
        if let Err(err) = read_into(&file.path, self.read_limit, bytes) {
            // Not cached: the next run tries again.
            return Resolved {
                doc: unreadable(file, &err),
                kept: entry.is_none(),
                content: None,
                piece: None,
                how: How::Unreadable,
            };
        }
        let hash = xxh3_64(bytes);
        let content = Some(Content {
            len: bytes.len() as u64,
            hash,
        });
        if let Some((shard, e)) = entry.filter(|(_, e)| e.hash == hash) {
            if let Ok(doc) = self.decode(&file.rel, &shard.bytes[e.doc.clone()]) {
                // Rewrite the entry when its stamp moved, or when rewriting the shard now
                // lets the next run trust it without reading.
                let same = e.stamp == stamp && !settled(stamp, self.stamp);
                let piece = if same {
                    Piece::keep(e)
                } else {
                    Piece::put(key, stamp, hash, &shard.bytes[e.doc.clone()])
                };
                return Resolved {
                    doc,
                    kept: same,
                    content,
                    piece: Some(piece),
                    how: How::Verified,
                };
            }
        }
        super::huge_note::note_read(bytes);
        let doc = parse_document(&file.rel, bytes, self.parse);
        let mut encoded = Vec::new();
        let cached = codec::encode(&doc, &mut encoded);
        Resolved {
            kept: !cached && entry.is_none(),
            piece: cached.then(|| Piece::put(key, stamp, hash, &encoded)),
            doc,
            content,
            how: How::Parsed,
        }
    }

    /// The cached document of `path` from its entry's bytes, to this scan's detail and
    /// skim.
    fn decode(&self, path: &str, bytes: &[u8]) -> Result<Document, codec::Corrupt> {
        codec::decode_skimmed(path, bytes, self.detail, self.skim)
    }

    /// Create the cache folder once, with a `.gitignore` that keeps it out of commits.
    fn ensure_dir(&self) -> Result<(), CacheError> {
        self.dir_ready
            .get_or_init(|| {
                let dir = &self.store.dir;
                let created = !dir.is_dir();
                std::fs::create_dir_all(dir).map_err(|e| CacheError::io(dir.clone(), e))?;
                if created {
                    // Best effort: the cache works without it.
                    let _ = std::fs::write(dir.join(".gitignore"), "*\n");
                }
                Ok(())
            })
            .clone()
    }
}

/// The one rule for "did this shard change", so must it be written again: a file was
/// there but did not load (it is rewritten, or removed); an entry is new, changed or
/// rewritten (`touched`); or it holds entries under the scanned folder (`covered`) that no
/// discovered file matched (their files are gone).
fn must_write(existed: bool, covered: Option<usize>, touched: bool, matched: usize) -> bool {
    match covered {
        None => existed || touched,
        Some(covered) => touched || matched < covered,
    }
}

/// `file` of `store` as on disk (`None` when missing, unusable or `refused`), and whether
/// a file was there at all.
fn load(store: &Store, refused: bool, file: File, key: u64) -> (Option<Shard>, bool) {
    if refused {
        return (None, false);
    }
    match read_shard(&store.dir.join(file.name())) {
        Ok(bytes) => (Shard::parse(bytes, file.index(), key), true),
        Err(e) => (None, !e.is_not_found()),
    }
}

/// How many entries the header of the shard file at `path` says it holds, without
/// reading or checking the rest: none when there is no file; `None` when it cannot be
/// read or is not shard `index` of `key`.
fn read_count(path: &Path, index: u32, key: u64) -> Option<u64> {
    use std::io::Read;
    let file = match crate::safe_read::open_regular(path, crate::safe_read::Links::Refuse) {
        Ok(file) => file,
        Err(e) if e.is_not_found() => return Some(0),
        Err(_) => return None,
    };
    let mut head = Vec::with_capacity(shard::HEAD_LEN);
    file.take(shard::HEAD_LEN as u64)
        .read_to_end(&mut head)
        .ok()?;
    shard::count_in_head(&head, index, key)
}

/// Is a file with `stamp` safe to trust on its stamp in a shard written at `written`?
fn settled(stamp: FileStamp, written: i64) -> bool {
    let limit = written.saturating_sub(RACY_NS);
    stamp.mtime_ns < limit && stamp.ctime_ns < limit
}

/// The entries of a shard being rebuilt, as pieces: entries of the old shard kept as
/// they are (by range, not copied: a warm run rewrites no shard and copies nothing) and
/// new ones. Only a shard that changed is put together.
#[derive(Default)]
struct Body {
    pieces: Vec<Piece>,
}

enum Piece {
    /// The raw bytes of an entry of the old shard.
    Old(std::ops::Range<usize>),
    /// A new entry.
    New(Vec<u8>),
    /// A file trusted on its memo entry (this index in the old memo file) before the
    /// shard was read: the shard's entry for it, once read ([`Session::settle_unread`]).
    Unread(usize),
    /// Nothing: a file whose entry was unread and not found in the shard.
    Gone,
}

impl Piece {
    /// An entry of the old shard, unchanged.
    fn keep(entry: &shard::Entry) -> Self {
        Piece::Old(entry.raw.clone())
    }

    /// A new entry.
    fn put(path: &str, stamp: FileStamp, hash: u64, doc: &[u8]) -> Self {
        let mut bytes = Vec::new();
        shard::put_entry(&mut bytes, path, stamp, hash, doc);
        Piece::New(bytes)
    }

    /// Its bytes, `old` being the shard's bytes the kept entries come from.
    fn bytes<'a>(&'a self, old: &'a [u8]) -> &'a [u8] {
        match self {
            Piece::Old(range) => old.get(range.clone()).unwrap_or_default(),
            Piece::New(bytes) => bytes,
            // Settled before any write.
            Piece::Unread(_) | Piece::Gone => &[],
        }
    }
}

impl Body {
    fn push(&mut self, piece: Option<Piece>) {
        self.pieces.extend(piece);
    }

    fn count(&self) -> usize {
        let gone = |p: &&Piece| matches!(p, Piece::Unread(_) | Piece::Gone);
        self.pieces.len() - self.pieces.iter().filter(gone).count()
    }
}

/// Where a document came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    Trusted,
    Verified,
    Parsed,
    Unreadable,
}

impl CacheStats {
    /// Add `other`'s counts to these.
    pub fn add(&mut self, other: &CacheStats) {
        self.trusted += other.trusted;
        self.verified += other.verified;
        self.parsed += other.parsed;
        self.shards_written += other.shards_written;
    }

    fn count(&mut self, how: How) {
        match how {
            How::Trusted => self.trusted += 1,
            How::Verified => self.verified += 1,
            How::Parsed => self.parsed += 1,
            How::Unreadable => {}
        }
    }
}

/// Which shard holds `rel`.
fn shard_of(rel: &str) -> u32 {
    (xxh3_64(rel.as_bytes()) % u64::from(SHARDS)) as u32
}

fn shard_name(index: u32) -> String {
    File::Shard(index).name()
}

/// A file of the cache folder: a shard of documents, or the memo file beside it (the
/// values a scan keeps beside the shard's documents, [`Memo`]), in the same format.
#[derive(Debug, Clone, Copy)]
enum File {
    Shard(u32),
    Memo(u32),
}

impl File {
    fn index(self) -> u32 {
        match self {
            File::Shard(i) | File::Memo(i) => i,
        }
    }

    fn name(self) -> String {
        match self {
            File::Shard(i) => format!("shard-{i:02}.bin"),
            File::Memo(i) => format!("memo-{i:02}.bin"),
        }
    }
}

/// Nanoseconds since the Unix epoch (negative before it).
fn nanos(t: SystemTime) -> i64 {
    match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
        Err(e) => i64::try_from(e.duration().as_nanos()).map_or(i64::MIN, |n| -n),
    }
}

/// What a shard must have been written with to be read: the cache format, this ike
/// binary (version, and the executable's size and mtime, so a rebuilt binary with a
/// changed parser never trusts an older one's results) and the parse options.
fn key(parse: &ParseOptions) -> u64 {
    static BINARY: OnceLock<u64> = OnceLock::new();
    let binary = *BINARY.get_or_init(|| {
        let mut h = Xxh3::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        if let Ok(meta) = std::env::current_exe().and_then(std::fs::metadata) {
            let stamp = FileStamp::of(&meta);
            h.update(&stamp.size.to_le_bytes());
            h.update(&stamp.mtime_ns.to_le_bytes());
        }
        h.digest()
    });
    let mut h = Xxh3::new();
    h.update(&shard::FORMAT_VERSION.to_le_bytes());
    h.update(&binary.to_le_bytes());
    h.update(&SHARDS.to_le_bytes());
    for (c, status) in &parse.statuses {
        h.update(&u32::from(*c).to_le_bytes());
        h.update(status.as_str().as_bytes());
        h.update(&[0]);
    }
    for c in &parse.not_tasks {
        h.update(&u32::from(*c).to_le_bytes());
    }
    h.update(&[0xff]);
    if let Some(filter) = &parse.global_filter {
        h.update(&[1, u8::from(filter.remove)]);
        h.update(filter.text.as_bytes());
    }
    let roster = &parse.roster;
    let lists = [
        Some(roster.me.as_slice()),
        Some(roster.contexts.as_slice()),
        roster.people.as_deref(),
    ];
    for list in lists {
        // A list left out (`None`) and an empty one are different rosters.
        h.update(&[u8::from(list.is_some())]);
        for name in list.unwrap_or_default() {
            h.update(name.as_bytes());
            h.update(&[0]);
        }
        h.update(&[1]);
    }
    h.digest()
}

/// The most bytes read of one shard file (a 1,000,000-note vault has shards of about
/// 16 MiB).
const SHARD_LIMIT: u64 = 256 << 20;

/// Read a shard file: a regular file, never through a link, at most [`SHARD_LIMIT`].
fn read_shard(path: &Path) -> Result<Vec<u8>, crate::safe_read::ReadError> {
    crate::safe_read::read_regular(path, SHARD_LIMIT, crate::safe_read::Links::Refuse)
}

/// Why the cache of `root` must not be used: `.ike` or `.ike/cache` is a symbolic link
/// (a cloned or synced vault could point it anywhere) or not a folder. `None`: usable
/// (or not created yet).
fn store_refused(store: &Store) -> Option<CacheError> {
    let vault = store.dir.parent().and_then(Path::parent)?;
    refused(vault)
}

/// [`store_refused`] for the vault folder `root`.
fn refused(root: &Path) -> Option<CacheError> {
    let mut path = root.to_path_buf();
    for part in DIR.split('/') {
        path.push(part);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => return Some(CacheError::Link(path)),
            Ok(meta) if !meta.is_dir() => return Some(CacheError::NotFolder(path)),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

/// Replace shard `index` atomically (temporary file in the same folder, then rename), or
/// remove it when it has no entries.
fn write_shard(
    dir: &Path,
    file: File,
    key: u64,
    stamp: i64,
    count: usize,
    entries: &[&[u8]],
) -> std::io::Result<()> {
    let index = file.index();
    let path = dir.join(file.name());
    if count == 0 {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    }
    let bytes = shard::file_bytes_of(index, key, stamp, count, entries);
    let mut tmp = tempfile::Builder::new()
        .prefix(".shard-")
        .tempfile_in(dir)?;
    tmp.write_all(&bytes)?;
    tmp.persist(&path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests;
