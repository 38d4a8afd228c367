//! The parsed vault kept in memory between events, and the ways to bring it up to date:
//! re-read a few files, walk the tree again, or read everything again.
//!
//! Documents stay sorted by path, as a fresh scan sorts them, so that the digest of the
//! live vault equals the digest of a fresh `ike digest`. Each document's bytes are
//! remembered as a [`Content`] (length and hash); a file that still holds them is not
//! re-parsed. Loading, discovery and the ignore policy are the vault stage's.

use super::settled_read::{SettledRead, read_settled};
use crate::model::{Document, Vault};
use crate::parse::{ParseOptions, parse_document};
use crate::vault::{
    CacheError, Content, DiscoverOptions, Request, SourceFile, Store, discover, exclude_set,
    walk_builder,
};
use globset::GlobSet;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Above this many insertions or removals, a batch is applied by sorting or filtering the
/// whole list once instead of shifting it once per document.
const SMALL_BATCH: usize = 16;

/// The vault of a root, kept current.
#[derive(Debug)]
pub(super) struct LiveVault {
    root: PathBuf,
    discover: DiscoverOptions,
    parse: ParseOptions,
    excluded: GlobSet,
    /// The persistent cache [`LiveVault::load_cached`] starts from (the root's own unless
    /// [`LiveVault::set_store`] says otherwise).
    store: Store,
    vault: Vault,
    seen: HashMap<String, Content>,
}

/// Which documents an update added, changed or removed (root-relative paths).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Delta {
    /// New documents.
    pub added: Vec<String>,
    /// Documents whose file changed.
    pub modified: Vec<String>,
    /// Documents gone.
    pub removed: Vec<String>,
}

impl Delta {
    /// True when nothing changed.
    pub(super) fn is_empty(&self) -> bool {
        self.added.is_empty() && self.modified.is_empty() && self.removed.is_empty()
    }

    /// Add `other`'s changes to these.
    pub(super) fn extend(&mut self, other: Delta) {
        self.added.extend(other.added);
        self.modified.extend(other.modified);
        self.removed.extend(other.removed);
    }
}

/// What bringing the vault up to date did, and what is left to do.
#[derive(Debug, Default)]
pub(super) struct Refresh {
    /// The documents changed.
    pub delta: Delta,
    /// Files caught mid-save: read them again after a debounce window.
    pub unsettled: Vec<SourceFile>,
    /// A file could not be judged by itself (new folder, size limit, symbolic link):
    /// walk the tree.
    pub rediscover: bool,
}

/// What reading one file found.
enum Loaded {
    /// The bytes are the ones last parsed: keep the document.
    Same,
    /// A new parse (no fingerprint when the file could not be read).
    Parsed(Box<Document>, Option<Content>),
    /// The file is gone.
    Missing,
    /// The file was caught mid-save.
    Unsettled,
}

/// Whether discovery would admit a new file.
#[derive(Debug, PartialEq, Eq)]
enum Admission {
    In,
    Out,
    /// Only a walk can tell.
    Walk,
}

impl LiveVault {
    /// An empty vault of `root` (an absolute path: event paths are compared with it).
    pub(super) fn new(root: PathBuf, discover: DiscoverOptions, parse: ParseOptions) -> Self {
        let (excluded, _) = exclude_set(&discover.exclude);
        Self {
            store: Store::of(&root),
            root,
            discover,
            parse,
            excluded,
            vault: Vault::default(),
            seen: HashMap::new(),
        }
    }

    /// Take the documents of [`LiveVault::load_cached`] from `store` (the vault's cache
    /// when the root is a folder inside a vault).
    pub(super) fn set_store(&mut self, store: Store) {
        self.store = store;
    }

    /// New discovery and parse settings; follow with [`LiveVault::rescan`].
    pub(super) fn configure(&mut self, discover: DiscoverOptions, parse: ParseOptions) {
        self.excluded = exclude_set(&discover.exclude).0;
        self.discover = discover;
        self.parse = parse;
    }

    /// The vault as it stands.
    pub(super) fn vault(&self) -> &Vault {
        &self.vault
    }

    /// The document at a root-relative path.
    pub(super) fn document(&self, rel: &str) -> Option<&Document> {
        self.position(rel).ok().map(|i| &self.vault.documents[i])
    }

    /// The number of tasks in the vault.
    pub(super) fn task_count(&self) -> usize {
        self.vault.documents.iter().map(|d| d.tasks.len()).sum()
    }

    /// Walk the tree and read every file again; `reparse` also parses files whose bytes
    /// did not change (after the parse settings changed).
    pub(super) fn rescan(&mut self, reparse: bool) -> Refresh {
        self.walk(true, reparse)
    }

    /// Walk the tree and take every document from the persistent cache (`.ike/cache/`,
    /// parsing only the files that changed since it was written), as `ike digest` does:
    /// the start of a watch costs what a warm `ike digest` costs. The cache's hashes of
    /// the files' bytes become their fingerprints. Returns the first error met writing
    /// the cache, if any (the vault is complete regardless).
    pub(super) fn load_cached(&mut self, now: SystemTime) -> (Refresh, Option<CacheError>) {
        let mut scanned = Request::new(&self.root, &self.discover, &self.parse)
            .with_cache(Some(&self.store), now)
            .all();
        let mut out = Refresh::default();
        let old: HashSet<String> = self.vault.documents.drain(..).map(|d| d.path).collect();
        self.seen.clear();
        for (doc, content) in scanned.items.iter().zip(&scanned.contents) {
            if let Some(content) = content {
                self.seen.insert(doc.path.clone(), *content);
            }
            if old.contains(&doc.path) {
                out.delta.modified.push(doc.path.clone());
            } else {
                out.delta.added.push(doc.path.clone());
            }
        }
        let kept: HashSet<&str> = scanned.items.iter().map(|d| d.path.as_str()).collect();
        let mut removed: Vec<String> = old
            .iter()
            .filter(|p| !kept.contains(p.as_str()))
            .cloned()
            .collect();
        removed.sort();
        out.delta.removed = removed;
        let write_error = scanned.write_error.take();
        self.vault = scanned.into_vault();
        (out, write_error)
    }

    /// Walk the tree: read the files not known yet, drop the documents whose file is no
    /// longer admitted; known files are not read.
    pub(super) fn rediscover(&mut self) -> Refresh {
        self.walk(false, false)
    }

    /// Read `files` (root-relative path → path) again. `patient`: this is the second look
    /// at files caught mid-save, take what is there.
    pub(super) fn refresh(&mut self, files: &BTreeMap<String, PathBuf>, patient: bool) -> Refresh {
        let mut out = Refresh::default();
        let mut todo = Vec::new();
        for (rel, path) in files {
            let file = SourceFile {
                rel: rel.clone(),
                path: path.clone(),
            };
            if self.seen.contains_key(rel) || self.position(rel).is_ok() {
                // Over the size limit now: discovery reports it and drops the document.
                let too_large = std::fs::metadata(path)
                    .is_ok_and(|m| m.is_file() && m.len() > self.discover.max_file_size);
                if too_large {
                    out.rediscover = true;
                } else {
                    todo.push(file);
                }
                continue;
            }
            match self.admission(&file) {
                Admission::In => todo.push(file),
                Admission::Out => {}
                Admission::Walk => out.rediscover = true,
            }
        }
        let loaded: Vec<Loaded> = todo
            .par_iter()
            .map(|f| {
                load(
                    f,
                    self.seen.get(&f.rel).copied(),
                    &self.parse,
                    false,
                    patient,
                    self.discover.max_file_size,
                )
            })
            .collect();
        let mut upserts = Vec::new();
        let mut removals = HashSet::new();
        for (file, loaded) in todo.into_iter().zip(loaded) {
            match loaded {
                Loaded::Same => {}
                Loaded::Parsed(doc, fingerprint) => {
                    self.remember(&file.rel, fingerprint);
                    if self.position(&file.rel).is_ok() {
                        out.delta.modified.push(file.rel);
                    } else {
                        out.delta.added.push(file.rel);
                    }
                    upserts.push(*doc);
                }
                Loaded::Missing => {
                    self.seen.remove(&file.rel);
                    if self.position(&file.rel).is_ok() {
                        out.delta.removed.push(file.rel.clone());
                        removals.insert(file.rel);
                    }
                }
                Loaded::Unsettled => out.unsettled.push(file),
            }
        }
        self.commit(upserts, &removals);
        out
    }

    /// Drop the documents at or under the root-relative paths `gone` whose files no longer
    /// exist (a deleted or moved-away file or folder).
    pub(super) fn remove_gone(&mut self, gone: &BTreeSet<String>) -> Delta {
        let mut removals = HashSet::new();
        for prefix in gone {
            let under = format!("{prefix}/");
            let start = self
                .vault
                .documents
                .partition_point(|d| d.path.as_str() < prefix.as_str());
            for doc in &self.vault.documents[start..] {
                if doc.path != *prefix && !doc.path.starts_with(&under) {
                    break;
                }
                // Only what is really gone: a folder may have been moved back already.
                if !self.root.join(&doc.path).exists() {
                    removals.insert(doc.path.clone());
                }
            }
        }
        for rel in &removals {
            self.seen.remove(rel);
        }
        self.vault.problems.retain(|p| {
            !gone
                .iter()
                .any(|g| p.path == *g || p.path.starts_with(&format!("{g}/")))
        });
        let mut removed: Vec<String> = removals.iter().cloned().collect();
        removed.sort();
        self.commit(Vec::new(), &removals);
        Delta {
            removed,
            ..Delta::default()
        }
    }

    fn walk(&mut self, read_known: bool, reparse: bool) -> Refresh {
        let found = discover(&self.root, &self.discover);
        let seen = &self.seen;
        let parse = &self.parse;
        let limit = found.read_limit;
        let loaded: Vec<Option<Loaded>> = found
            .files
            .par_iter()
            .map(|f| {
                let previous = seen.get(&f.rel).copied();
                let known = previous.is_some();
                (read_known || !known).then(|| load(f, previous, parse, reparse, false, limit))
            })
            .collect();
        let mut old: HashMap<String, Document> = std::mem::take(&mut self.vault.documents)
            .into_iter()
            .map(|d| (d.path.clone(), d))
            .collect();
        let mut out = Refresh::default();
        let mut documents = Vec::with_capacity(found.files.len());
        for (file, loaded) in found.files.into_iter().zip(loaded) {
            let previous = old.remove(&file.rel);
            match (loaded, previous) {
                (None | Some(Loaded::Same), Some(doc)) => documents.push(doc),
                (Some(Loaded::Parsed(doc, fingerprint)), previous) => {
                    self.seen.remove(&file.rel);
                    if let Some(fp) = fingerprint {
                        self.seen.insert(file.rel.clone(), fp);
                    }
                    if previous.is_some() {
                        out.delta.modified.push(file.rel);
                    } else {
                        out.delta.added.push(file.rel);
                    }
                    documents.push(*doc);
                }
                (Some(Loaded::Unsettled), previous) => {
                    documents.extend(previous);
                    out.unsettled.push(file);
                }
                (Some(Loaded::Missing), Some(_)) => {
                    self.seen.remove(&file.rel);
                    out.delta.removed.push(file.rel);
                }
                // Known only by its fingerprint (its document was dropped), or vanished
                // before it was read: nothing to show.
                (None | Some(Loaded::Same | Loaded::Missing), None) => {
                    self.seen.remove(&file.rel);
                }
            }
        }
        let mut removed: Vec<String> = old.into_keys().collect();
        removed.sort();
        for rel in &removed {
            self.seen.remove(rel);
        }
        out.delta.removed.extend(removed);
        self.vault.documents = documents;
        self.vault.problems = found.problems;
        out
    }

    /// Would discovery admit `file`, a Markdown file not in the vault? Cheap when its
    /// folder already holds documents: that folder passed every rule, so only the file's
    /// own name and the ignore files of its folders are left to check.
    fn admission(&self, file: &SourceFile) -> Admission {
        let folder = file.rel.rsplit_once('/').map_or("", |(dir, _)| dir);
        if !self.folder_known(folder) {
            return Admission::Walk;
        }
        if self.excluded.is_match(&*self.discover.glob_path(&file.rel))
            || self.is_own_output(&file.path)
        {
            return Admission::Out;
        }
        match std::fs::symlink_metadata(&file.path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                if self.discover.follow_links {
                    return Admission::Walk;
                }
                return Admission::Out;
            }
            Ok(meta) if meta.len() > self.discover.max_file_size => return Admission::Walk,
            Ok(meta) if meta.is_file() => {}
            // Gone again, or not a file: the refresh reading it will tell.
            Ok(_) | Err(_) => return Admission::In,
        }
        let Some(parent) = file.path.parent() else {
            return Admission::Walk;
        };
        // The ignore crate decides, with discovery's own walk: hidden names, `.gitignore`,
        // `.ignore` and `.git/info/exclude` of the folder and its parents.
        let name = file.path.file_name().map(ToOwned::to_owned);
        let mut walker = walk_builder(parent, self.discover.follow_links);
        walker
            .max_depth(Some(1))
            .filter_entry(move |e| e.depth() == 0 || Some(e.file_name()) == name.as_deref());
        let admitted = walker
            .build()
            .filter_map(Result::ok)
            .any(|e| e.depth() == 1 && e.path() == file.path);
        if admitted {
            Admission::In
        } else {
            Admission::Out
        }
    }

    /// True when documents live in the root-relative `folder` or below it, i.e. discovery
    /// walked into it.
    fn folder_known(&self, folder: &str) -> bool {
        if folder.is_empty() {
            return true;
        }
        let prefix = format!("{folder}/");
        let i = self
            .vault
            .documents
            .partition_point(|d| d.path.as_str() < prefix.as_str());
        self.vault
            .documents
            .get(i)
            .is_some_and(|d| d.path.starts_with(&prefix))
    }

    fn is_own_output(&self, path: &Path) -> bool {
        crate::vault::is_own_output(&self.discover.own_outputs, path)
    }

    fn position(&self, rel: &str) -> Result<usize, usize> {
        self.vault
            .documents
            .binary_search_by(|d| d.path.as_str().cmp(rel))
    }

    fn remember(&mut self, rel: &str, fingerprint: Option<Content>) {
        match fingerprint {
            Some(fp) => {
                self.seen.insert(rel.to_owned(), fp);
            }
            None => {
                self.seen.remove(rel);
            }
        }
    }

    /// Put `upserts` in place (replacing documents of the same path) and drop `removals`,
    /// keeping the path order.
    fn commit(&mut self, upserts: Vec<Document>, removals: &HashSet<String>) {
        let docs = &mut self.vault.documents;
        if removals.len() > SMALL_BATCH {
            docs.retain(|d| !removals.contains(&d.path));
        } else {
            for rel in removals {
                if let Ok(i) = docs.binary_search_by(|d| d.path.as_str().cmp(rel)) {
                    docs.remove(i);
                }
            }
        }
        let mut inserts = Vec::new();
        for doc in upserts {
            match docs.binary_search_by(|d| d.path.as_str().cmp(&doc.path)) {
                Ok(i) => docs[i] = doc,
                Err(_) => inserts.push(doc),
            }
        }
        if inserts.len() > SMALL_BATCH {
            docs.extend(inserts);
            // Two sorted runs, or nearly: the standard sort merges them in about linear time.
            docs.sort_by(|a, b| a.path.cmp(&b.path));
        } else {
            for doc in inserts {
                let i = docs.partition_point(|d| d.path < doc.path);
                docs.insert(i, doc);
            }
        }
    }
}

/// Read and parse one file. `previous`: the fingerprint of the bytes last parsed.
fn load(
    file: &SourceFile,
    previous: Option<Content>,
    parse: &ParseOptions,
    reparse: bool,
    patient: bool,
    limit: u64,
) -> Loaded {
    let was_empty = previous.is_none_or(|fp| fp.is_empty());
    let bytes = match read_settled(&file.path, was_empty || patient, limit) {
        SettledRead::Bytes(bytes) => bytes,
        SettledRead::Missing => return Loaded::Missing,
        SettledRead::Unsettled if patient => {
            match crate::safe_read::read_regular(&file.path, limit, crate::safe_read::Links::Follow)
            {
                Ok(bytes) => bytes,
                Err(e) => return unreadable(file, &e.to_string()),
            }
        }
        SettledRead::Unsettled => return Loaded::Unsettled,
        SettledRead::Failed(e) => return unreadable(file, &e),
    };
    let fingerprint = Content::of(&bytes);
    if !reparse && previous == Some(fingerprint) {
        return Loaded::Same;
    }
    Loaded::Parsed(
        Box::new(parse_document(&file.rel, &bytes, parse)),
        Some(fingerprint),
    )
}

/// The document of a file that cannot be read, as the vault stage makes it.
fn unreadable(file: &SourceFile, err: &str) -> Loaded {
    Loaded::Parsed(Box::new(crate::vault::unreadable(file, &err)), None)
}
