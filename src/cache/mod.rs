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
//! re-parsed. Nothing here panics or fails the run: a shard that cannot be written is
//! reported once by the caller as a warning.

mod codec;
mod shard;

pub use codec::Detail;

use crate::discover::{DiscoverOptions, Discovered, FileStamp, SourceFile, discover};
use crate::model::{Document, Vault};
use crate::parse::{ParseOptions, parse_document};
use crate::problem::Problem;
use crate::progress::Progress;
use rayon::prelude::*;
use shard::Shard;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::SystemTime;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

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
            Ok(rel) => crate::discover::relative(Path::new(""), rel),
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

/// The length and xxh3 hash of a file's bytes.
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
}

/// A vault scanned through the cache.
#[derive(Debug)]
pub struct CachedScan {
    /// The same vault [`crate::scan::scan`] gives.
    pub vault: Vault,
    /// The length and xxh3 of the bytes each document was read from (in the order of
    /// `vault.documents`; `None` when the file could not be read), so that a watcher
    /// knows whether a file still holds them without reading it again.
    pub contents: Vec<Option<Content>>,
    /// What the cache did.
    pub stats: CacheStats,
    /// The first error met writing the cache, if any (the vault is complete regardless).
    pub write_error: Option<String>,
}

/// Scan `root` like [`crate::scan::scan`], reading and updating the cache in `store`
/// (`root/.ike/cache` for [`Store::of`]). `now` is the run's start (the tests move it to the future); each
/// file resolved ticks `progress`.
pub fn scan(
    root: &Path,
    store: &Store,
    discover_opts: &DiscoverOptions,
    parse_opts: &ParseOptions,
    now: SystemTime,
    progress: &Progress,
) -> CachedScan {
    let found = discover(root, &with_cache_dir(store, discover_opts));
    progress.add_total(found.files.len());
    scan_found(store, found, parse_opts, now, progress)
}

/// [`scan`], each document turned into a `T` by `map` as soon as it is decoded or parsed,
/// so that a stage that needs only part of each document never holds them all.
#[allow(clippy::too_many_arguments)]
pub fn scan_map<T: Send>(
    root: &Path,
    store: &Store,
    discover_opts: &DiscoverOptions,
    parse_opts: &ParseOptions,
    now: SystemTime,
    progress: &Progress,
    detail: Detail,
    map: &(dyn Fn(Document) -> T + Sync),
) -> CachedMap<T> {
    let found = discover(root, &with_cache_dir(store, discover_opts));
    progress.add_total(found.files.len());
    scan_found_map(store, found, parse_opts, now, progress, detail, map)
}

/// Discovery never walks into the cache.
fn with_cache_dir(store: &Store, discover_opts: &DiscoverOptions) -> DiscoverOptions {
    let mut opts = discover_opts.clone();
    opts.own_outputs.push(store.dir.clone());
    opts
}

/// What [`scan_map`] gives: one `T` per file, in path order, and what [`CachedScan`]
/// says besides its vault.
#[derive(Debug)]
pub struct CachedMap<T> {
    /// One per file discovered.
    pub items: Vec<T>,
    /// Discovery's problems.
    pub problems: Vec<Problem>,
    /// As in [`CachedScan`].
    pub contents: Vec<Option<Content>>,
    /// What the cache did.
    pub stats: CacheStats,
    /// The first error met writing the cache, if any.
    pub write_error: Option<String>,
}

/// Files resolved per batch of [`scan_each`]: enough for both cores, few enough that a
/// batch of documents (or of what they are mapped to) is small.
pub const BATCH: usize = 4096;

/// What [`scan_each`] says besides what it handed over.
#[derive(Debug)]
pub struct CachedEach {
    /// Discovery's problems.
    pub problems: Vec<Problem>,
    /// What the cache did.
    pub stats: CacheStats,
    /// The first error met writing the cache, if any.
    pub write_error: Option<String>,
}

/// [`scan_map`] in path order and in batches of `batch` files ([`BATCH`] is a good
/// size): `each` gets the mapped documents of one batch of files after another, so that a stage that writes as it goes (the lists)
/// never holds the whole vault. Every shard is read first (the cache, ~1 KiB per note,
/// is held to the end); shards that changed are written after the last batch. Stops
/// at the first error of `each` (the cache is then left as it was).
#[allow(clippy::too_many_arguments)]
pub fn scan_each<T: Send, E>(
    root: &Path,
    store: &Store,
    discover_opts: &DiscoverOptions,
    parse_opts: &ParseOptions,
    now: SystemTime,
    progress: &Progress,
    batch: usize,
    map: &(dyn Fn(Document) -> T + Sync),
    each: &mut dyn FnMut(Vec<T>) -> Result<(), E>,
) -> Result<CachedEach, E> {
    let found = discover(root, &with_cache_dir(store, discover_opts));
    progress.add_total(found.files.len());
    let ctx = Context::new(store, &found, parse_opts, now, progress, Detail::Full);
    let olds: Vec<(Option<Shard>, bool)> = (0..SHARDS)
        .into_par_iter()
        .map(|index| ctx.load(index))
        .collect();
    let shard_of_file: Vec<u32> = found
        .files
        .iter()
        .map(|f| shard_of(&store.key(&f.rel)))
        .collect();
    let n = found.files.len();
    let mut pieces: Vec<Option<Piece>> = Vec::with_capacity(n);
    let mut kept = Vec::with_capacity(n);
    let mut matched = vec![0usize; SHARDS as usize];
    let mut stats = CacheStats::default();
    for start in (0..n).step_by(batch.max(1)) {
        let resolved: Vec<(T, Resolved, bool)> = (start..n.min(start + batch.max(1)))
            .into_par_iter()
            .map_init(Vec::new, |buf, i| {
                let file = &found.files[i];
                let old = olds[shard_of_file[i] as usize].0.as_ref();
                let entry = old.and_then(|sh| sh.find(&store.key(&file.rel)).map(|e| (sh, e)));
                let key = store.key(&file.rel);
                let mut r = ctx.resolve(file, &key, found.stamps[i], entry, buf);
                progress.tick();
                let doc = std::mem::take(&mut r.doc);
                (map(doc), r, entry.is_some())
            })
            .collect();
        let mut items = Vec::with_capacity(resolved.len());
        for (i, (item, r, had_entry)) in (start..).zip(resolved) {
            stats.count(r.how);
            matched[shard_of_file[i] as usize] += usize::from(had_entry);
            kept.push(r.kept);
            pieces.push(r.piece);
            items.push(item);
        }
        each(items)?;
    }
    // Each shard's entries, in path order, and whether any of them changed.
    let mut bodies: Vec<(Body, bool)> = (0..SHARDS).map(|_| (Body::default(), false)).collect();
    for ((piece, kept), shard) in pieces.into_iter().zip(kept).zip(&shard_of_file) {
        let (body, changed) = &mut bodies[*shard as usize];
        body.push(piece);
        *changed |= !kept;
    }
    let written: Vec<Option<Result<(), String>>> = bodies
        .into_par_iter()
        .enumerate()
        .map(|(index, (body, any_changed))| {
            let (old, existed) = &olds[index];
            let entries = old.as_ref().map_or(0, |s| ctx.covered(s));
            let changed = (*existed && old.is_none()) || any_changed || matched[index] < entries;
            changed.then(|| ctx.write(index as u32, body, old.as_ref()))
        })
        .collect();
    let mut write_error = None;
    for w in written.into_iter().flatten() {
        match w {
            Ok(()) => stats.shards_written += 1,
            Err(e) => {
                write_error.get_or_insert(e);
            }
        }
    }
    Ok(CachedEach {
        problems: found.problems,
        stats,
        write_error,
    })
}

/// The cache half of [`scan`], for files already discovered.
pub fn scan_found(
    store: &Store,
    found: Discovered,
    parse_opts: &ParseOptions,
    now: SystemTime,
    progress: &Progress,
) -> CachedScan {
    let m = scan_found_map(
        store,
        found,
        parse_opts,
        now,
        progress,
        Detail::Full,
        &|d| d,
    );
    CachedScan {
        vault: Vault {
            documents: m.items,
            problems: m.problems,
        },
        contents: m.contents,
        stats: m.stats,
        write_error: m.write_error,
    }
}

/// [`scan_found`], mapping each document as [`scan_map`] does. Documents taken from the
/// cache are decoded to `detail` (parsed ones are whole).
pub fn scan_found_map<T: Send>(
    store: &Store,
    found: Discovered,
    parse_opts: &ParseOptions,
    now: SystemTime,
    progress: &Progress,
    detail: Detail,
    map: &(dyn Fn(Document) -> T + Sync),
) -> CachedMap<T> {
    let ctx = Context::new(store, &found, parse_opts, now, progress, detail);
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); SHARDS as usize];
    for (i, file) in found.files.iter().enumerate() {
        groups[shard_of(&store.key(&file.rel)) as usize].push(i);
    }
    let outcomes: Vec<ShardOutcome<T>> = groups
        .par_iter()
        .enumerate()
        .map(|(index, files)| ctx.shard(index as u32, files, map))
        .collect();

    let mut slots: Vec<Option<(T, Option<Content>)>> = Vec::new();
    slots.resize_with(found.files.len(), || None);
    let mut stats = CacheStats::default();
    let mut write_error = None;
    for outcome in outcomes {
        for (i, item, content) in outcome.docs {
            slots[i] = Some((item, content));
        }
        stats.trusted += outcome.stats.trusted;
        stats.verified += outcome.stats.verified;
        stats.parsed += outcome.stats.parsed;
        stats.shards_written += outcome.stats.shards_written;
        if write_error.is_none() {
            write_error = outcome.write_error;
        }
    }
    let (items, contents) = slots.into_iter().flatten().unzip();
    CachedMap {
        items,
        problems: found.problems,
        contents,
        stats,
        write_error,
    }
}

/// Drop the entries of `rels` (paths relative to the scanned folder) from the cache in
/// `store`, e.g. for files `ike fix` rewrote. Shards that do not hold them are left alone;
/// a missing or unusable cache is nothing to do.
pub fn forget(store: &Store, parse_opts: &ParseOptions, rels: &[&str]) -> Result<(), String> {
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
        let mut body = Vec::with_capacity(shard.bytes.len());
        let mut count = 0;
        for entry in &shard.entries {
            if !gone.iter().any(|g| g == shard.path(entry)) {
                body.extend_from_slice(&shard.bytes[entry.raw.clone()]);
                count += 1;
            }
        }
        if count < shard.entries.len() {
            // Removing entries keeps every other entry's promise: the old stamp stays.
            write_shard(dir, index as u32, key, shard.stamp, count, &body)
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// Which shard holds `rel`.
fn shard_of(rel: &str) -> u32 {
    (xxh3_64(rel.as_bytes()) % u64::from(SHARDS)) as u32
}

fn shard_name(index: u32) -> String {
    format!("shard-{index:02}.bin")
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

/// Everything the shards of one scan share.
struct Context<'a> {
    /// How much of a cached document to decode.
    detail: Detail,
    store: &'a Store,
    key: u64,
    /// This run's start, the write stamp of every shard it writes.
    stamp: i64,
    parse: &'a ParseOptions,
    files: &'a [SourceFile],
    stamps: &'a [FileStamp],
    /// The cache folder was created (once, by the first shard that writes).
    dir_ready: OnceLock<Result<(), String>>,
    progress: &'a Progress,
    /// The most bytes read of a note.
    read_limit: u64,
    /// Why the cache folder is not used (it, or `.ike`, is a link or not a folder).
    refused: Option<String>,
}

/// What one shard contributed.
struct ShardOutcome<T> {
    docs: Vec<(usize, T, Option<Content>)>,
    stats: CacheStats,
    write_error: Option<String>,
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
        }
    }
}

impl Body {
    fn push(&mut self, piece: Option<Piece>) {
        self.pieces.extend(piece);
    }

    fn count(&self) -> usize {
        self.pieces.len()
    }

    /// The entries' bytes, `old` being the shard the kept entries come from.
    fn bytes(&self, old: Option<&Shard>) -> Vec<u8> {
        let old = old.map_or(&[][..], |s| &s.bytes[..]);
        let pieces: Vec<&[u8]> = self.pieces.iter().map(|p| p.bytes(old)).collect();
        pieces.concat()
    }
}

/// What resolving one file gave.
struct Resolved {
    doc: Document,
    /// Its entry is the old one, unchanged.
    kept: bool,
    /// Length and hash of the bytes read (or trusted).
    content: Option<Content>,
    /// Its entry in the shard written next (none: not cached).
    piece: Option<Piece>,
    /// How it was resolved.
    how: How,
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
    fn count(&mut self, how: How) {
        match how {
            How::Trusted => self.trusted += 1,
            How::Verified => self.verified += 1,
            How::Parsed => self.parsed += 1,
            How::Unreadable => {}
        }
    }
}

impl<'a> Context<'a> {
    /// The context of one run over `found` in `root`, started at `now`.
    fn new(
        store: &'a Store,
        found: &'a Discovered,
        parse: &'a ParseOptions,
        now: SystemTime,
        progress: &'a Progress,
        detail: Detail,
    ) -> Self {
        Self {
            detail,
            store,
            key: key(parse),
            stamp: nanos(now),
            parse,
            files: &found.files,
            stamps: &found.stamps,
            dir_ready: OnceLock::new(),
            progress,
            read_limit: found.read_limit,
            refused: store_refused(store),
        }
    }

    /// Load shard `index`, resolve its `files` (indices into `self.files`, in path order),
    /// and write the shard again when anything in it changed.
    fn shard<T>(
        &self,
        index: u32,
        files: &[usize],
        map: &(dyn Fn(Document) -> T + Sync),
    ) -> ShardOutcome<T> {
        let (old, existed) = self.load(index);
        // A file that is there but unusable is rewritten (or removed).
        let mut changed = existed && old.is_none();
        let entries = old.as_ref().map_or(&[][..], |s| &s.entries[..]);
        let mut out = ShardOutcome {
            docs: Vec::with_capacity(files.len()),
            stats: CacheStats::default(),
            write_error: None,
        };
        let mut body = Body::default();
        let mut buf = Vec::new();
        let mut k = 0;
        for &i in files {
            let file = &self.files[i];
            let key = self.store.key(&file.rel);
            let mut entry = None;
            if let Some(shard) = &old {
                while k < entries.len() && shard.path(&entries[k]) < &*key {
                    // An entry whose file is gone (entries outside the scan are kept).
                    changed |= self.store.covers(shard.path(&entries[k]));
                    k += 1;
                }
                if k < entries.len() && shard.path(&entries[k]) == key {
                    entry = Some((shard, &entries[k]));
                    k += 1;
                }
            }
            let r = self.resolve(file, &key, self.stamps[i], entry, &mut buf);
            self.progress.tick();
            changed |= !r.kept;
            out.stats.count(r.how);
            body.push(r.piece);
            out.docs.push((i, map(r.doc), r.content));
        }
        if let Some(shard) = &old {
            changed |= entries[k..]
                .iter()
                .any(|e| self.store.covers(shard.path(e)));
        }
        if changed {
            match self.write(index, body, old.as_ref()) {
                Ok(()) => out.stats.shards_written += 1,
                Err(e) => out.write_error = Some(e),
            }
        }
        out
    }

    /// Shard `index` as on disk (`None` when missing or unusable), and whether a file was
    /// there at all.
    fn load(&self, index: u32) -> (Option<Shard>, bool) {
        if self.refused.is_some() {
            return (None, false);
        }
        match read_shard(&self.store.dir.join(shard_name(index))) {
            Ok(bytes) => (Shard::parse(bytes, index, self.key), true),
            Err(e) => (None, !e.is_not_found()),
        }
    }

    /// The number of entries of `shard` under the scanned folder.
    fn covered(&self, shard: &Shard) -> usize {
        if self.store.prefix.is_empty() {
            return shard.entries.len();
        }
        let covers = |e: &shard::Entry| self.store.covers(shard.path(e));
        shard.entries.iter().filter(|e| covers(e)).count()
    }

    /// Write shard `index` with the entries of `body` (`old`: where its kept entries are),
    /// and, around them, the entries of `old` outside the scanned folder, unchanged.
    fn write(&self, index: u32, body: Body, old: Option<&Shard>) -> Result<(), String> {
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
        write_shard(
            dir,
            index,
            self.key,
            self.stamp,
            body.count(),
            &body.bytes(old),
        )
        .map_err(|e| format!("{}: {e}", dir.join(shard_name(index)).display()))
    }

    /// The document of one file, from the cache when it can be trusted, with the file's
    /// entry for the shard written next.
    fn resolve(
        &self,
        file: &SourceFile,
        key: &str,
        stamp: FileStamp,
        entry: Option<(&Shard, &shard::Entry)>,
        buf: &mut Vec<u8>,
    ) -> Resolved {
        if let Some((shard, e)) = entry {
            if e.stamp == stamp && settled(stamp, shard.stamp) {
                if let Ok(doc) =
                    codec::decode_as(&file.rel, &shard.bytes[e.doc.clone()], self.detail)
                {
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
        if let Err(err) = crate::scan::read_into(&file.path, self.read_limit, bytes) {
            // Not cached: the next run tries again.
            return Resolved {
                doc: crate::scan::unreadable(file, &err),
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
            if let Ok(doc) = codec::decode_as(&file.rel, &shard.bytes[e.doc.clone()], self.detail) {
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

    /// Create the cache folder once, with a `.gitignore` that keeps it out of commits.
    fn ensure_dir(&self) -> Result<(), String> {
        self.dir_ready
            .get_or_init(|| {
                let dir = &self.store.dir;
                let created = !dir.is_dir();
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                if created {
                    // Best effort: the cache works without it.
                    let _ = std::fs::write(dir.join(".gitignore"), "*\n");
                }
                Ok(())
            })
            .clone()
    }
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
fn store_refused(store: &Store) -> Option<String> {
    let vault = store.dir.parent().and_then(Path::parent)?;
    refused(vault)
}

/// [`store_refused`] for the vault folder `root`.
fn refused(root: &Path) -> Option<String> {
    let mut path = root.to_path_buf();
    for part in DIR.split('/') {
        path.push(part);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Some(format!(
                    "{}: is a symbolic link; not followed, the cache is not used",
                    path.display()
                ));
            }
            Ok(meta) if !meta.is_dir() => {
                return Some(format!(
                    "{}: is not a folder; the cache is not used",
                    path.display()
                ));
            }
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
    index: u32,
    key: u64,
    stamp: i64,
    count: usize,
    entries: &[u8],
) -> std::io::Result<()> {
    let path = dir.join(shard_name(index));
    if count == 0 {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    }
    let bytes = shard::file_bytes(index, key, stamp, count, entries);
    let mut tmp = tempfile::Builder::new()
        .prefix(".shard-")
        .tempfile_in(dir)?;
    tmp.write_all(&bytes)?;
    tmp.persist(&path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests;
