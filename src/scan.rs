//! Discover + read + parse: turn a root folder into a [`Vault`], files in parallel.
//!
//! The only stage that reads files for the parser. A file that cannot be read becomes a
//! failed document with a problem; the run goes on.

use crate::discover::{DiscoverOptions, SourceFile, discover};
use crate::model::{Document, Vault};
use crate::parse::{ParseOptions, parse_document};
use crate::problem::Problem;
use crate::progress::Progress;
use rayon::prelude::*;
use std::path::Path;

/// Scan `root`: every Markdown file parsed, in path order.
pub fn scan(root: &Path, discover_opts: &DiscoverOptions, parse_opts: &ParseOptions) -> Vault {
    scan_with(root, discover_opts, parse_opts, &Progress::none())
}

/// [`scan`], counting files read on `progress`.
pub fn scan_with(
    root: &Path,
    discover_opts: &DiscoverOptions,
    parse_opts: &ParseOptions,
    progress: &Progress,
) -> Vault {
    let (documents, problems) = scan_map(root, discover_opts, parse_opts, progress, &|d| d);
    Vault {
        documents,
        problems,
    }
}

/// [`scan_with`], each document turned into a `T` by `map` as soon as it is parsed (in
/// path order, in parallel), so that a stage that needs only part of each document never
/// holds them all. Also returns discovery's problems.
pub fn scan_map<T: Send>(
    root: &Path,
    discover_opts: &DiscoverOptions,
    parse_opts: &ParseOptions,
    progress: &Progress,
    map: &(dyn Fn(Document) -> T + Sync),
) -> (Vec<T>, Vec<Problem>) {
    let mut items = Vec::new();
    let problems = scan_each(
        root,
        discover_opts,
        parse_opts,
        progress,
        usize::MAX,
        map,
        &mut |batch| -> Result<(), std::convert::Infallible> {
            items = batch;
            Ok(())
        },
    )
    .unwrap_or_else(|never| match never {});
    (items, problems)
}

/// [`scan_map`] in path order and in batches of `batch` files: `each` gets the mapped
/// documents of one batch after another, so that a stage that writes as it goes never
/// holds the whole vault. Stops at the first error of `each`; returns discovery's problems.
pub fn scan_each<T: Send, E>(
    root: &Path,
    discover_opts: &DiscoverOptions,
    parse_opts: &ParseOptions,
    progress: &Progress,
    batch: usize,
    map: &(dyn Fn(Document) -> T + Sync),
    each: &mut dyn FnMut(Vec<T>) -> Result<(), E>,
) -> Result<Vec<Problem>, E> {
    let found = discover(root, discover_opts);
    progress.add_total(found.files.len());
    for files in found.files.chunks(batch.max(1)) {
        let items = files
            .par_iter()
            .map_init(Vec::new, |buf, file| {
                let doc = match read_into(&file.path, found.read_limit, buf) {
                    Ok(()) => parse_document(&file.rel, buf, parse_opts),
                    Err(err) => unreadable(file, &err),
                };
                progress.tick();
                map(doc)
            })
            .collect();
        each(items)?;
    }
    Ok(found.problems)
}

/// Read the note at `path` into `buf` (cleared first): a regular file only, at most `limit`
/// bytes (see [`crate::safe_read`]). Each worker thread reads every file into the same
/// buffer: a fresh allocation per file costs page faults (the kernel zeroes every new
/// page) that add up to a fifth of a cold scan.
pub fn read_into(
    path: &Path,
    limit: u64,
    buf: &mut Vec<u8>,
) -> Result<(), crate::safe_read::ReadError> {
    crate::safe_read::read_regular_into(path, limit, crate::safe_read::Links::Follow, buf)
}

/// The failed document of a file that cannot be read.
pub(crate) fn unreadable(file: &SourceFile, err: &dyn std::fmt::Display) -> Document {
    Document {
        path: file.rel.clone(),
        problems: vec![
            Problem::error(
                "unreadable",
                1,
                1,
                format!("cannot read file: {err}; skipped"),
            )
            .at_path(&file.rel),
        ],
        failed: true,
        ..Document::default()
    }
}
