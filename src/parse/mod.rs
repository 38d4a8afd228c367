//! Stage 2 of the pipeline: one file's bytes → a [`Document`] of tasks with byte spans.
//!
//! Pure: no I/O. A file that is not UTF-8 or that makes a parser panic becomes a
//! document with a problem and `failed = true`; nothing here panics on any input.

mod flat_yaml;
mod front_matter;
mod global_filter;
mod items;
mod metadata;
mod options;
mod pieces;
mod prefilter;
pub mod value;
mod yaml_tags;

#[cfg(test)]
mod flat_yaml_diff;
#[cfg(test)]
mod tests;

pub use front_matter::{FrontMatter, split as split_front_matter};
pub use global_filter::GlobalFilter;
pub use options::ParseOptions;
pub use pieces::PIECE_SIZE;
pub use prefilter::may_hold_task;

use crate::line_index::{LazyLineIndex, LineIndex};
use crate::model::{Document, FieldKey, Status, Syntax, Task, TextHash};
use crate::problem::{Problem, ProblemKind};
use crate::span::short;
use std::num::NonZeroU32;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

/// Parse one file. `path` is the root-relative, `/`-separated path used in problems.
pub fn parse_document(path: &str, bytes: &[u8], opts: &ParseOptions) -> Document {
    parse_document_in_pieces(path, bytes, opts, PIECE_SIZE)
}

/// [`parse_document`], with a body longer than `piece_size` bytes given to the Markdown
/// parser in pieces of about that size, cut only where that is proven to change nothing
/// (see `pieces.rs`): the document is the same for every `piece_size`. 0 cuts wherever
/// it may (the differential checks use it).
pub fn parse_document_in_pieces(
    path: &str,
    bytes: &[u8],
    opts: &ParseOptions,
    piece_size: usize,
) -> Document {
    // A task keeps its offsets as `u32`; discovery never reads a larger note (the
    // settings cap `max_file_size`), this is for other callers.
    if bytes.len() as u64 > crate::span::MAX_NOTE_SIZE {
        let problem = Problem::error(
            ProblemKind::FileTooLarge,
            1,
            1,
            "file is over 4 GiB; skipped",
        );
        return failed(path, problem);
    }
    let src = match std::str::from_utf8(bytes) {
        Ok(src) => src,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let src = std::str::from_utf8(valid).unwrap_or_default();
            let (line, column) = LineIndex::new(src).position(src, src.len());
            let problem = Problem::error(
                ProblemKind::NotUtf8,
                line,
                column,
                "file is not valid UTF-8; skipped (save it as UTF-8 to include its tasks)",
            );
            return failed(path, problem);
        }
    };
    match catch_unwind(AssertUnwindSafe(|| parse_str(path, src, opts, piece_size))) {
        Ok(doc) => doc,
        Err(_) => failed(
            path,
            Problem::error(
                ProblemKind::ParserPanic,
                1,
                1,
                "internal error while parsing this file; skipped and never rewritten (please report it)",
            ),
        ),
    }
}

/// How many pieces [`parse_document_in_pieces`] gives the Markdown parser for `bytes`
/// with `piece_size` (1 for a note parsed whole; 0 for one that is not UTF-8). For the
/// differential checks, which must see that cuts happen.
pub fn piece_count(bytes: &[u8], piece_size: usize) -> usize {
    let Ok(src) = std::str::from_utf8(bytes) else {
        return 0;
    };
    let lf_copy = lone_crs_as_lf(src);
    let src = lf_copy.as_deref().unwrap_or(src);
    let body_start = front_matter::split(src).map_or_else(|| bom_len(src), |b| b.body_start);
    let mut count = 0;
    pieces::scan(src, body_start, piece_size, &mut |_| count += 1);
    count
}

fn failed(path: &str, problem: Problem) -> Document {
    Document {
        path: path.to_owned(),
        problems: vec![problem.at_path(path)],
        failed: true,
        ..Document::default()
    }
}

/// Parse a document already known to be UTF-8. May panic only through a dependency bug;
/// [`parse_document`] catches that.
///
/// A file with lone CR line endings (old Mac OS) is parsed as a copy of the same length
/// with each lone CR made a LF: every offset stays true in the original, and the Markdown
/// parser, which misses some block structure at lone CRs (fenced code), sees LF lines.
fn parse_str(path: &str, src: &str, opts: &ParseOptions, piece_size: usize) -> Document {
    let lf_copy = lone_crs_as_lf(src);
    let src = lf_copy.as_deref().unwrap_or(src);
    // Made only when a position is asked for (a task, a problem).
    let index = LazyLineIndex::new(src);
    let mut problems = Vec::new();
    let fm = front_matter::split(src);
    let defaults = match &fm {
        Some(block) => {
            let (defaults, mut found) = front_matter::read(src, block, &index, !opts.exact_parser);
            problems.append(&mut found);
            defaults
        }
        None => Default::default(),
    };
    let body_start = fm.as_ref().map_or_else(|| bom_len(src), |b| b.body_start);

    let mut tasks = Tasks {
        src,
        opts,
        index: &index,
        // The value of every task that sets nothing of its own.
        shared: Arc::new(defaults.clone()),
        defaults: &defaults,
        tasks: Vec::new(),
        problems,
    };
    // The exact fast path: a body without a checkbox after a list marker holds no task, so
    // its document is its front matter alone (see `prefilter`).
    let body = &src.as_bytes()[body_start..];
    if opts.exact_parser || may_hold_task(body) {
        // Room for every task at once: no copy of a million tasks when the list grows.
        tasks.tasks.reserve_exact(prefilter::candidates(body));
        pieces::scan(src, body_start, piece_size, &mut |piece| {
            tasks.add(piece.tasks)
        });
    }
    let Tasks {
        mut tasks,
        mut problems,
        ..
    } = tasks;
    // Checkboxes in code or comments were counted too: give back what no task took.
    if tasks.capacity() > 2 * tasks.len() {
        tasks.shrink_to_fit();
    }
    for i in 0..tasks.len() {
        tasks[i].parent_line = tasks[i]
            .parent()
            .and_then(|p| NonZeroU32::new(tasks[p].line));
    }
    problems.sort_by_key(|p| (p.line, p.column));
    Document {
        path: path.to_owned(),
        tasks,
        problems: problems.into_iter().map(|p| p.at_path(path)).collect(),
        front_matter: fm.map(|b| b.block),
        defaults,
        failed: false,
        skimmed: None,
    }
}

/// The tasks of a document, made from its items piece after piece, and the problems found.
struct Tasks<'a> {
    src: &'a str,
    opts: &'a ParseOptions,
    index: &'a LazyLineIndex<'a>,
    defaults: &'a crate::model::Metadata,
    /// The value of every task that sets nothing of its own.
    shared: Arc<crate::model::Metadata>,
    tasks: Vec<Task>,
    problems: Vec<Problem>,
}

impl Tasks<'_> {
    /// Make the tasks of one piece's items (whose parents are items of the same piece).
    fn add(&mut self, raw: Vec<items::RawTask>) {
        let (src, opts, index) = (self.src, self.opts, self.index);
        // Where each item went in `tasks`, or, for an item that is no task (global filter,
        // non-task status), the task its children take as parent instead.
        let mut kept: Vec<Option<usize>> = Vec::with_capacity(raw.len());
        for item in raw {
            let parent = item.parent.and_then(|p| kept.get(p).copied().flatten());
            if !is_task(src, &item, opts) {
                kept.push(parent);
                continue;
            }
            kept.push(Some(self.tasks.len()));
            let mut parsed = metadata::parse(src, &item.segments, index.get());
            self.problems.extend(parsed.problems);
            if let Some(filter) = &opts.global_filter {
                parsed.description = filter.strip(&parsed.description);
            }
            let status = match opts.status_of(item.status_char) {
                Some(status) => status,
                None => {
                    let (line, column) = index.get().position(src, item.checkbox.start + 1);
                    self.problems.push(Problem::warning(
                        ProblemKind::UnknownStatus,
                        line,
                        column,
                        format!(
                            "unknown status character `{}`; read as todo (map it under `statuses` in .ike.yaml)",
                            item.status_char
                        ),
                    ));
                    Status::Todo
                }
            };
            let closing: Vec<_> = parsed
                .fields
                .iter()
                .filter(|f| matches!(f.key, FieldKey::Done | FieldKey::Cancelled))
                .map(|f| f.span)
                .collect();
            let hash = TextHash::of(src, item.text, &closing);
            // No field, no `@name`: nothing of its own.
            let meta = if parsed.fields.is_empty() {
                Arc::clone(&self.shared)
            } else {
                let own = people(parsed.meta, &parsed.fields, &parsed.names, opts);
                Arc::new(own.with_defaults(self.defaults))
            };
            let (line, column) = index.get().position(src, item.checkbox.start);
            self.tasks.push(Task {
                line: short(line),
                column: short(column),
                status,
                status_char: item.status_char,
                // The first line's BOM is not part of it: an inserted line goes after the BOM.
                line_start: short(index.get().line_start(line).max(bom_len(src))),
                marker: item.marker.into(),
                checkbox: item.checkbox.into(),
                text: item.text.into(),
                description: parsed.description.into(),
                hash,
                block_id: parsed
                    .block_id
                    .and_then(|s| src.get(s.start + 1..s.end))
                    .map(Box::from),
                fields: parsed.fields.into(),
                meta,
                parent: parent.map(short),
                parent_line: None,
                section: item.section,
            });
        }
    }
}

/// Is a checkbox item a task under the settings: its status is not a non-task one, and
/// its first line holds the global filter (when there is one)?
fn is_task(src: &str, item: &items::RawTask, opts: &ParseOptions) -> bool {
    if opts.not_tasks.contains(&item.status_char) {
        return false;
    }
    opts.global_filter.as_ref().is_none_or(|filter| {
        let rest = src.get(item.checkbox.end..).unwrap_or_default();
        let first_line = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
        filter.admits(first_line)
    })
}

/// The task's people and contexts, sorted by the roster: an assignee field wins, else
/// the first person named; `@contexts` are never people.
fn people(
    mut meta: crate::model::Metadata,
    fields: &[crate::model::Field],
    names: &[String],
    opts: &ParseOptions,
) -> crate::model::Metadata {
    if names.is_empty() {
        return meta;
    }
    let explicit = fields
        .iter()
        .any(|f| f.valid && f.key == FieldKey::Assignee && f.syntax != Syntax::Mention);
    let who = opts
        .roster
        .sort(names, meta.assignee.take().filter(|_| explicit));
    meta.assignee = who.assignee;
    meta.mentions = who.mentions;
    meta.contexts = who.contexts;
    meta
}

/// `src` with every CR that is not followed by LF replaced by LF, when it has one.
fn lone_crs_as_lf(src: &str) -> Option<String> {
    let bytes = src.as_bytes();
    let lone = |&i: &usize| bytes.get(i + 1) != Some(&b'\n');
    memchr::memchr_iter(b'\r', bytes).find(lone)?;
    let mut copy = bytes.to_vec();
    for i in memchr::memchr_iter(b'\r', bytes).filter(lone) {
        copy[i] = b'\n';
    }
    // One ASCII byte for another: still UTF-8.
    String::from_utf8(copy).ok()
}

fn bom_len(src: &str) -> usize {
    if src.starts_with('\u{feff}') { 3 } else { 0 }
}
