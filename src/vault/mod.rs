//! The vault stage: turn a root folder into parsed documents, the one way every command
//! and the watcher load a vault (docs/architecture.md, "Loading a vault").
//!
//! A [`Request`] says what to load: the root, how to discover its notes
//! ([`DiscoverOptions`]), how to parse them ([`ParseOptions`]), the persistent cache to
//! go through (or none), how much of a cached document to decode, and where to count
//! progress. It is consumed in one of four ways:
//!
//! - [`Request::all`]: every document, in path order;
//! - [`Request::map`]: each document turned into a `T` as soon as it is read, so that a
//!   stage that needs only part of each document never holds them all;
//! - [`Request::map_memo`]: the same, each `T` kept in the cache beside its document
//!   ([`Memo`]) and taken from there by a later run while the note is unchanged;
//! - [`Request::stream`]: the mapped documents handed over in path order, batch after
//!   batch, so that a stage that writes as it goes never holds the whole vault.
//!
//! All of them run the same loop: discover (`discover`), then resolve each batch of files
//! in parallel, through the cache when there is one (`cache`: the files of each shard
//! together; trust, verify, or read and parse) or by reading and parsing them (`read`),
//! and write the shards that changed.
//! The ignore policy ([`walk_builder`]) and what the watcher needs to keep a live vault
//! (admission of a new file, [`Content`] of the bytes read, [`unreadable`]) live here
//! too, so that discovery, the cache and the watcher agree on what the vault is.

pub mod cache;
pub mod discover;
mod huge_note;
mod read;

pub use cache::{
    CacheError, CacheStats, Content, Detail, Skim, Store, Verdict, decode_document, drop_entries,
    encode_document, lookup,
};
pub use discover::{
    DiscoverOptions, Discovered, FileStamp, SourceFile, discover, exclude_set, is_markdown,
    is_own_output, relative, walk_builder,
};
pub(crate) use huge_note::note_read;
#[cfg(test)]
pub(crate) use huge_note::switches_in;
pub use huge_note::{HUGE_NOTE_BYTES, HUGE_NOTE_TASKS, on_huge_note};
pub use read::{read_into, unreadable};

use crate::model::{Document, Vault};
use crate::parse::ParseOptions;
use crate::problem::Problem;
use crate::progress::Progress;
use cache::Session;
use rayon::prelude::*;
use std::path::Path;
use std::time::SystemTime;

/// Files resolved per batch of [`Request::stream`]: enough for both cores, few enough
/// that a batch of documents (or of what they are mapped to) is small.
pub const BATCH: usize = 4096;

/// What to load, and how. Built with [`Request::new`] and its `with_…` methods.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The folder to scan: the vault root or a folder in it.
    pub root: &'a Path,
    /// Which files are notes.
    pub discover: &'a DiscoverOptions,
    /// How notes are parsed.
    pub parse: &'a ParseOptions,
    /// The persistent cache to go through, and this run's start (the write stamp of the
    /// shards it writes; the tests move it to the future). `None`: every note is read
    /// and parsed, and nothing is written.
    pub cache: Option<(&'a Store, SystemTime)>,
    /// How much of a cached document to decode (parsed ones are whole).
    pub detail: Detail,
    /// Which cached tasks to decode in full, the others as their heads (`None`: every
    /// one; parsed documents are whole).
    pub skim: Option<&'a dyn Skim>,
    /// Ticked once per file resolved (`None`: not counted).
    pub progress: Option<&'a Progress>,
}

/// What [`Request::all`] and [`Request::map`] give: one `T` per file discovered, in path
/// order, and what loading them said besides.
#[derive(Debug)]
pub struct Loaded<T> {
    /// One per file discovered.
    pub items: Vec<T>,
    /// Discovery's problems (those of each document are in the document).
    pub problems: Vec<Problem>,
    /// The length and xxh3 of the bytes each item was read from (same order; `None` when
    /// the file could not be read, and for every file of a request without a cache), so
    /// that a watcher knows whether a file still holds them without reading it again.
    pub contents: Vec<Option<Content>>,
    /// What the cache did (all zero without one).
    pub stats: CacheStats,
    /// The first error met using or writing the cache, if any (the items are complete
    /// regardless).
    pub write_error: Option<CacheError>,
}

impl Loaded<Document> {
    /// The documents and discovery's problems as a [`Vault`].
    pub fn into_vault(self) -> Vault {
        Vault {
            documents: self.items,
            problems: self.problems,
        }
    }
}

/// A value made from each document ([`Request::map_memo`]) that the cache keeps beside
/// the document, so that a later run whose document is trusted takes the value as it was
/// kept instead of decoding the document and making it again. Kept values are used only
/// for an unchanged file (the same content hash) and under the same [`Memo::salt`].
pub trait Memo<T>: Sync {
    /// What the values depend on besides the document and the cache (say, the day and
    /// the settings they were made with): values kept under another salt are never used.
    fn salt(&self) -> u64;
    /// Append `value`'s encoding to `out`; false, leaving `out` as it was, when it is not
    /// kept.
    fn encode(&self, value: &T, out: &mut Vec<u8>) -> bool;
    /// The value of the note at `path` from its encoding; `None` when the bytes do not
    /// decode (the document is then decoded and the value made again).
    fn decode(&self, path: &str, bytes: &[u8]) -> Option<T>;
    /// The value as the scan holds it, once it is made (and encoded) or decoded: a memo
    /// may drop here what its run will not need. Unchanged by default.
    fn settle(&self, value: T) -> T {
        value
    }
}

/// What [`Request::stream`] says besides what it handed over.
#[derive(Debug)]
pub struct Streamed {
    /// Discovery's problems.
    pub problems: Vec<Problem>,
    /// What the cache did.
    pub stats: CacheStats,
    /// The first error met using or writing the cache, if any.
    pub write_error: Option<CacheError>,
}

impl<'a> Request<'a> {
    /// Load the notes under `root`, found with `discover` and parsed with `parse`,
    /// without a cache, decoding everything, counting nothing.
    pub fn new(root: &'a Path, discover: &'a DiscoverOptions, parse: &'a ParseOptions) -> Self {
        Self {
            root,
            discover,
            parse,
            cache: None,
            detail: Detail::Full,
            skim: None,
            progress: None,
        }
    }

    /// Go through the cache in `store` (`None`: read everything); `now` is the run's start.
    pub fn with_cache(self, store: Option<&'a Store>, now: SystemTime) -> Self {
        Self {
            cache: store.map(|s| (s, now)),
            ..self
        }
    }

    /// Decode cached documents to `detail`.
    pub fn with_detail(self, detail: Detail) -> Self {
        Self { detail, ..self }
    }

    /// Decode only the cached tasks `skim` wants in full (see [`Skim`]).
    pub fn with_skim(self, skim: &'a dyn Skim) -> Self {
        Self {
            skim: Some(skim),
            ..self
        }
    }

    /// Tick `progress` once per file.
    pub fn with_progress(self, progress: &'a Progress) -> Self {
        Self {
            progress: Some(progress),
            ..self
        }
    }

    /// Every document, in path order.
    pub fn all(&self) -> Loaded<Document> {
        self.map(&|d| d)
    }

    /// Each document turned into a `T` by `map` as soon as it is read (in parallel), in
    /// path order.
    pub fn map<T: Send>(&self, map: &(dyn Fn(Document) -> T + Sync)) -> Loaded<T> {
        self.map_found(self.discover(), map)
    }

    /// [`Request::map`], the values kept in the cache beside the documents by `memo` (see
    /// [`Memo`]); without a cache, the same as [`Request::map`].
    pub fn map_memo<T: Send>(
        &self,
        memo: &dyn Memo<T>,
        map: &(dyn Fn(Document) -> T + Sync),
    ) -> Loaded<T> {
        self.map_with(self.discover(), Some(memo), map)
    }

    /// [`Request::map`] in path order and in batches of `batch` files ([`BATCH`] is a
    /// good size): `each` gets the mapped documents of one batch after another. Stops at
    /// the first error of `each` and returns it (the cache is then left as it was).
    pub fn stream<T: Send, E>(
        &self,
        batch: usize,
        map: &(dyn Fn(Document) -> T + Sync),
        each: &mut dyn FnMut(Vec<T>) -> Result<(), E>,
    ) -> Result<Streamed, E> {
        let (streamed, _) = self.run(self.discover(), batch, false, None, map, each)?;
        Ok(streamed)
    }

    /// Discovery, which never walks into the cache.
    fn discover(&self) -> Discovered {
        match self.cache {
            Some((store, _)) => {
                let mut opts = self.discover.clone();
                opts.own_outputs.push(store.dir.clone());
                discover(self.root, &opts)
            }
            None => discover(self.root, self.discover),
        }
    }

    /// [`Request::map`] of files already discovered (with this request's options).
    pub(crate) fn map_found<T: Send>(
        &self,
        found: Discovered,
        map: &(dyn Fn(Document) -> T + Sync),
    ) -> Loaded<T> {
        self.map_with(found, None, map)
    }

    fn map_with<T: Send>(
        &self,
        found: Discovered,
        memo: Option<&dyn Memo<T>>,
        map: &(dyn Fn(Document) -> T + Sync),
    ) -> Loaded<T> {
        let mut items = Vec::new();
        let keep = &mut |batch| -> Result<(), std::convert::Infallible> {
            items = batch;
            Ok(())
        };
        let (streamed, contents) = match self.run(found, usize::MAX, true, memo, map, keep) {
            Ok(done) => done,
            Err(never) => match never {},
        };
        Loaded {
            items,
            problems: streamed.problems,
            contents,
            stats: streamed.stats,
            write_error: streamed.write_error,
        }
    }

    /// The one loop: resolve the files of `found` in batches of `batch`, each batch in
    /// parallel (with a cache, shard by shard), hand each batch's mapped documents to
    /// `each` in path order, and write the shards that changed (as soon as their files are
    /// done when there is one batch, else at the end). `keep_contents`: also return each
    /// file's [`Content`]. `memo`: the values kept beside the documents.
    fn run<T: Send, E>(
        &self,
        found: Discovered,
        batch: usize,
        keep_contents: bool,
        memo: Option<&dyn Memo<T>>,
        map: &(dyn Fn(Document) -> T + Sync),
        each: &mut dyn FnMut(Vec<T>) -> Result<(), E>,
    ) -> Result<(Streamed, Vec<Option<Content>>), E> {
        let none = Progress::none();
        let progress = self.progress.unwrap_or(&none);
        progress.add_total(found.files.len());
        let n = found.files.len();
        let step = batch.max(1);
        let session = self.cache.map(|(store, now)| {
            let memo = memo.map(|m| m.salt());
            let decoding = (self.detail, self.skim);
            Session::open(store, &found, self.parse, now, decoding, step >= n, memo)
        });
        let mut stats = CacheStats::default();
        let mut cache_error = None;
        let mut contents = Vec::with_capacity(if keep_contents { n } else { 0 });
        for start in (0..n).step_by(step) {
            let end = n.min(start + step);
            let items: Vec<T> = match &session {
                Some(session) => {
                    // The files of each shard together, in path order: one worker per
                    // shard, which stays in that shard's bytes.
                    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); cache::SHARDS as usize];
                    for i in start..end {
                        groups[session.shard_of(i)].push(i);
                    }
                    let batches: Vec<_> = groups
                        .par_iter()
                        .enumerate()
                        .map_init(Vec::new, |buf, (shard, files)| {
                            if files.is_empty() {
                                return None;
                            }
                            let io = (buf, progress);
                            Some(session.resolve_shard(shard, files, &found, io, memo, map))
                        })
                        .collect();
                    // Each shard's items are in path order: take them in turn, the next
                    // file's from its shard (no list of slots, each item moved once).
                    let mut shards = Vec::with_capacity(batches.len());
                    for b in batches {
                        shards.push(b.map(|b| {
                            stats.add(&b.stats);
                            if cache_error.is_none() {
                                cache_error = b.error;
                            }
                            b.items.into_iter().peekable()
                        }));
                    }
                    let mut items = Vec::with_capacity(end - start);
                    for i in start..end {
                        let next = shards[session.shard_of(i)].as_mut();
                        let Some((_, item, content)) = next.and_then(|s| s.next_if(|x| x.0 == i))
                        else {
                            continue;
                        };
                        if keep_contents {
                            contents.push(content);
                        }
                        items.push(item);
                    }
                    items
                }
                None => {
                    if keep_contents {
                        contents.resize(end, None);
                    }
                    found.files[start..end]
                        .par_iter()
                        .map_init(Vec::new, |buf, file| {
                            let doc = read::read_document(file, found.read_limit, self.parse, buf);
                            let doc = huge_note::noted(doc);
                            progress.tick();
                            map(doc)
                        })
                        .collect()
                }
            };
            each(items)?;
        }
        let (stats, write_error) = match session {
            Some(session) => session.finish(stats, cache_error),
            None => (stats, cache_error),
        };
        let streamed = Streamed {
            problems: found.problems,
            stats,
            write_error,
        };
        Ok((streamed, contents))
    }
}
