//! `ike query`: read a query (arguments, `--file`, stdin, or the `tasks` code blocks of the
//! notes), load the vault as `ike list` does, run the query, render its groups.

use super::args::{QueryArgs, QueryFormat};
use super::sink::Sink;
use crate::classify::classify_among;
use crate::exit_code::ExitCode;
use crate::output::blocks::write_in_blocks;
use crate::output::pretty_json::Pretty;
use crate::output::{list_table, query_markdown, record::TaskRecord};
use crate::query::bound::Bound;
use crate::query::note::{self, Heads, Sieve};
use crate::query::places::Places;
use crate::query::{self, Context, Query, QueryResult, group};
use crate::settings::Settings;
use anyhow::Context as _;
use rayon::prelude::*;
use serde::Serialize;

use std::io::Read;
use std::path::PathBuf;

/// The root among the arguments: the first one, when it is an existing folder. With
/// --blocks, a note's path also names its vault: the nearest folder above it that holds
/// `.obsidian` or `.ike.yaml`.
pub(super) fn root_arg(args: &QueryArgs) -> Option<PathBuf> {
    let first = args.args.first()?;
    let path = PathBuf::from(first);
    if first != "-" && path.is_dir() {
        return Some(path);
    }
    if !args.blocks || !path.is_file() {
        return None;
    }
    let absolute = std::path::absolute(&path).ok()?;
    absolute
        .ancestors()
        .skip(1)
        .find(|dir| dir.join(".obsidian").is_dir() || dir.join(".ike.yaml").is_file())
        .map(std::path::Path::to_path_buf)
}

/// A --blocks path as typed → vault-relative (`/`-separated): an existing path is taken
/// from the current folder, anything else as relative to the vault root.
fn vault_relative(settings: &Settings, typed: &str) -> String {
    let as_typed = std::path::Path::new(typed);
    let inside = as_typed
        .exists()
        .then(|| {
            let (path, root) = (
                as_typed.canonicalize().ok()?,
                settings.root.canonicalize().ok()?,
            );
            let rel = path.strip_prefix(root).ok()?;
            Some(rel.to_string_lossy().replace('\\', "/"))
        })
        .flatten();
    inside.unwrap_or_else(|| typed.trim_start_matches("./").to_owned())
}

/// One query to run: its text, where it came from, and the note holding it.
struct Source {
    /// `query`, the `--file` path, or the note's path (in errors: `LABEL:LINE:COL`).
    label: String,
    /// The note's vault-relative path and the block's fence line (for --blocks).
    block: Option<(String, usize)>,
    text: String,
    first_line: usize,
}

/// A query ready to run, or why it cannot.
struct Prepared {
    source: Source,
    query: Result<Query, String>,
}

pub(super) fn run(
    settings: &Settings,
    args: &QueryArgs,
    out: &mut Sink,
) -> anyhow::Result<ExitCode> {
    let today = settings.today;
    let plugin = crate::obsidian::read(&settings.vault)
        .tasks
        .unwrap_or_default();
    let rest: Vec<&String> = args
        .args
        .iter()
        .skip(usize::from(root_arg(args).is_some()))
        .collect();
    let json = matches!(args.format, QueryFormat::Json | QueryFormat::Ndjson);
    // A query typed in is read before the vault, so that a mistake costs no scan.
    let scanned = args.blocks.then(|| {
        super::Load::new(settings, &settings.discover)
            .with_progress(json)
            .with_detail(super::load::Detail::Values)
            .all()
    });
    let sources = match &scanned {
        Some(vault) => block_sources(settings, vault, &rest)?,
        None => vec![command_line_source(args, &rest)?],
    };
    let global =
        match &plugin.global_query {
            Some(text) => {
                let ctx = Context {
                    today,
                    file: None,
                    presets: &plugin.presets,
                };
                Some(query::parse(text, 1, &ctx).map_err(|e| {
                    anyhow::anyhow!("global query (the Tasks plugin's settings):{e}")
                })?)
            }
            None => None,
        };
    let prepared: Vec<Prepared> = sources
        .into_iter()
        .map(|source| {
            let ctx = Context {
                today,
                file: source.block.as_ref().map(|(p, _)| p.as_str()),
                presets: &plugin.presets,
            };
            let query = query::parse(&source.text, source.first_line, &ctx)
                .map(|q| match &global {
                    Some(g) => query::with_global(q, g.clone()),
                    None => q,
                })
                .map_err(|e| format!("{}:{e}", source.label));
            Prepared { source, query }
        })
        .collect();
    let failed = prepared.iter().any(|p| p.query.is_err());
    if !args.blocks {
        if let Some(Err(message)) = prepared.first().map(|p| &p.query) {
            eprintln!("ike: error: {}", crate::escape::display(message));
            return Ok(ExitCode::Error);
        }
    }
    let (cs, statuses) = (&settings.classify, &settings.statuses);
    // Each note keeps only the tasks the query can show, decided as it is read.
    let (notes, problems, deps) = match scanned {
        Some(vault) => {
            let sieve = Sieve::all(today, cs);
            let notes = vault.documents.into_iter().map(|d| sieve.note(d)).collect();
            gathered(notes, vault.problems)
        }
        None => {
            let queries: Vec<&Query> = prepared
                .iter()
                .filter_map(|p| p.query.as_ref().ok())
                .collect();
            let sieve = Sieve::new(&queries, today, cs, statuses);
            let first = first_n(&queries);
            // A `limit N` query whose order reads heads chooses its first N among them.
            let among_heads = first.is_some_and(|(q, _)| q.order_reads_heads());
            let bound = first
                .filter(|_| among_heads)
                .and_then(|(q, n)| Bound::new(&q.order(), n, today));
            let heads = Heads::new(sieve, !among_heads).map(|h| h.with_bound(bound));
            let load = super::Load::new(settings, &settings.discover)
                .with_progress(json)
                .with_detail(super::load::Detail::Values)
                .with_skim(heads.as_ref().map(|h| h as &dyn crate::vault::Skim));
            match first {
                Some((query, n)) => {
                    // `limit N`: batch after batch, only the first N tasks so far are kept.
                    let (mut kept, mut links, mut problems) = (Vec::new(), Vec::new(), Vec::new());
                    let found =
                        load.stream_in(FIRST_N_BATCH, &|d| sieve.note(d), &mut |batch| {
                            let last = batch.len() < FIRST_N_BATCH;
                            // Room for the whole batch at once: a note is large to move.
                            kept.reserve(batch.len());
                            for mut note in batch {
                                links.append(&mut note.links);
                                problems.append(&mut note.doc.problems);
                                kept.push(note);
                            }
                            let first =
                                note::first(query, n, std::mem::take(&mut kept), statuses, today);
                            kept = first.kept;
                            // Only the last batch is shorter than the others: what it lets
                            // go would be freed just before the run ends, so it is not.
                            if last {
                                super::forget(first.let_go);
                            } else {
                                first.let_go.into_par_iter().for_each(drop);
                            }
                            Ok(())
                        })?;
                    problems.extend(found);
                    problems.sort();
                    // Without the cache every note was parsed whole: nothing to read again.
                    if among_heads && heads.is_some() && settings.cache {
                        kept = whole(settings, &sieve, query, n, kept);
                    }
                    (kept, problems, crate::classify::Dependencies::build(links))
                }
                None => {
                    let (notes, problems) = load.map(&|d| sieve.note(d));
                    gathered(notes, problems)
                }
            }
        }
    };
    super::list::report(&problems, settings.color);
    let items = Places::new(&notes, &deps, statuses, today);
    let record = |i: usize| {
        let ((doc, task), (n, t)) = (items.task(i), items.place(i));
        let c = classify_among(task, today, cs, &deps, json);
        TaskRecord::with_steps(&doc.path, task, &c, cs, || notes[n].steps[t])
    };
    // Where a row's task is, without classifying it (the table's location column).
    let locate = |i: usize| {
        let (doc, task) = items.task(i);
        (doc.path.as_str(), task.line(), task.hash)
    };
    let mut text = String::new();
    let results: Vec<Option<QueryResult>> = prepared
        .iter()
        .map(|p| p.query.as_ref().ok().map(|q| query::run(q, &items)))
        .collect();
    // JSON is written as the tasks are made (a query may show a million): the top object
    // and, with --blocks, the array of blocks are open while the results are written.
    let mut json = (args.format == QueryFormat::Json).then(|| {
        let mut top = Pretty::object(&mut text, 0);
        top.field(&mut text, "today", &today);
        let blocks = args.blocks.then(|| {
            top.key(&mut text, "blocks");
            Pretty::array(&mut text, top.inner())
        });
        (top, blocks)
    });
    for (k, (p, result)) in prepared.iter().zip(&results).enumerate() {
        match args.format {
            QueryFormat::Table | QueryFormat::Md => {
                let rows = Rows {
                    record: &record,
                    locate: &locate,
                };
                render_text(&mut text, out, p, result.as_ref(), args, settings, &rows)?;
            }
            QueryFormat::Json => match &mut json {
                Some((_, Some(blocks))) => {
                    blocks.next(&mut text);
                    let mut block = Pretty::object(&mut text, blocks.inner());
                    if let Some((path, line)) = &p.source.block {
                        block.field(&mut text, "path", path);
                        block.field(&mut text, "line", line);
                    }
                    let json_out = JsonOut {
                        text: &mut text,
                        out,
                        record: &record,
                    };
                    write_json_result(json_out, &mut block, p, result.as_ref())?;
                    if let Err(message) = &p.query {
                        block.field(&mut text, "error", message);
                    }
                    block.close(&mut text);
                }
                // One query: its fields are the top object's (a query line has one).
                Some((top, None)) if k == 0 => {
                    let json_out = JsonOut {
                        text: &mut text,
                        out,
                        record: &record,
                    };
                    write_json_result(json_out, top, p, result.as_ref())?;
                }
                _ => {}
            },
            QueryFormat::Ndjson => {
                if let Some(r) = result {
                    for g in &r.groups {
                        for &i in &g.items {
                            let line = NdjsonLine {
                                block: p
                                    .source
                                    .block
                                    .as_ref()
                                    .map(|(path, line)| BlockRef { path, line: *line }),
                                names: g.names.iter().map(|n| group::display(n)).collect(),
                                task: record(i),
                            };
                            text.push_str(&serde_json::to_string(&line).unwrap_or_default());
                            text.push('\n');
                            flush_long(&mut text, out)?;
                        }
                    }
                }
            }
        }
        if let (Err(message), true) = (&p.query, args.blocks) {
            eprintln!("ike: error: {}", crate::escape::display(message));
        }
    }
    if let Some((mut top, blocks)) = json {
        if let Some(blocks) = blocks {
            blocks.close(&mut text);
        }
        top.field(&mut text, "problems", &problems);
        top.close(&mut text);
        text.push('\n');
    }
    out.write_str(&text)?;
    super::forget(notes);
    Ok(if failed {
        ExitCode::Error
    } else {
        ExitCode::Success
    })
}

/// Notes read before a `limit N` query drops the tasks past its first N: a vault of up
/// to this many notes is read in one batch (as fast as without `limit`); a larger one
/// holds about this many notes' tasks at a time, and re-reads each cache shard once per
/// batch.
const FIRST_N_BATCH: usize = 32_768;

/// The one query with a `limit N` whose filters decide a note alone, and its N: only the
/// first N tasks need be kept while the vault is read.
fn first_n<'q>(queries: &[&'q Query]) -> Option<(&'q Query, usize)> {
    match queries {
        [q] if !q.reads_dependencies() => Some((*q, q.limit?)),
        _ => None,
    }
}

/// The first `n` tasks of `query` among `kept` (the notes holding them, their tasks
/// decoded as heads), each note read and parsed again, whole: a few notes, since at
/// most `n` hold one. Their problems and links were taken from the first reading.
fn whole(
    settings: &Settings,
    sieve: &Sieve<'_>,
    query: &Query,
    n: usize,
    kept: Vec<note::Note>,
) -> Vec<note::Note> {
    let paths: Vec<&str> = kept.iter().map(|k| k.doc.path.as_str()).collect();
    // From the cache only the tasks chosen are decoded (a note may hold a million).
    let chosen: Vec<note::Chosen> = kept.iter().map(|k| note::Chosen::of(&k.doc)).collect();
    let cached = match settings.cache {
        true => {
            let (store, detail) = (settings.cache_store(), crate::vault::Detail::Values);
            let wanted: Vec<(&str, Option<&dyn crate::vault::Skim>)> = paths
                .iter()
                .zip(&chosen)
                .map(|(&path, c)| (path, Some(c as &dyn crate::vault::Skim)))
                .collect();
            crate::vault::lookup(&store, &settings.root, &settings.parse, detail, &wanted)
        }
        false => Vec::new(),
    };
    let mut cached = cached.into_iter();
    let mut buf = Vec::new();
    let notes = paths
        .iter()
        .map(|&rel| {
            let path = settings.root.join(rel);
            let limit = settings.discover.max_file_size;
            let read = |buf: &mut Vec<u8>| match crate::vault::read_into(&path, limit, buf) {
                Ok(()) => crate::parse::parse_document(rel, buf, &settings.parse),
                // Gone since it was read: it shows no task.
                Err(_) => crate::model::Document {
                    path: rel.to_owned(),
                    ..crate::model::Document::default()
                },
            };
            let doc = cached.next().flatten().unwrap_or_else(|| read(&mut buf));
            let mut note = sieve.note(doc);
            note.links.clear();
            note.doc.problems.clear();
            note
        })
        .collect();
    let (statuses, today) = (&settings.statuses, settings.today);
    note::first(query, n, notes, statuses, today).kept
}

/// The notes, every problem (sorted) and the dependency index of their links.
fn gathered(
    mut notes: Vec<note::Note>,
    mut problems: Vec<crate::problem::Problem>,
) -> (
    Vec<note::Note>,
    Vec<crate::problem::Problem>,
    crate::classify::Dependencies,
) {
    problems.extend(notes.iter().flat_map(|n| n.doc.problems.iter().cloned()));
    problems.sort();
    let deps = note::dependencies(&mut notes);
    (notes, problems, deps)
}

/// The query of the command line: its arguments, `--file`, or stdin (`-`).
fn command_line_source(args: &QueryArgs, rest: &[&String]) -> anyhow::Result<Source> {
    if let Some(file) = &args.file {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read the query file {}", file.display()))?;
        return Ok(Source {
            label: file.display().to_string(),
            block: None,
            text,
            first_line: 1,
        });
    }
    let mut text = String::new();
    for arg in rest {
        if arg.as_str() == "-" {
            std::io::stdin()
                .take(1 << 20)
                .read_to_string(&mut text)
                .context("cannot read the query from stdin")?;
            if !text.ends_with('\n') {
                text.push('\n');
            }
        } else {
            text.push_str(arg);
            text.push('\n');
        }
    }
    Ok(Source {
        label: "query".to_owned(),
        block: None,
        text,
        first_line: 1,
    })
}

/// Every `tasks` code block of the notes named in `paths` (all notes when none), in path order.
fn block_sources(
    settings: &Settings,
    vault: &crate::model::Vault,
    paths: &[&String],
) -> anyhow::Result<Vec<Source>> {
    let wanted: Vec<String> = paths
        .iter()
        .map(|p| vault_relative(settings, p).trim_end_matches('/').to_owned())
        .collect();
    let mut sources = Vec::new();
    let mut docs: Vec<&str> = vault.documents.iter().map(|d| d.path.as_str()).collect();
    docs.sort_unstable();
    for path in docs {
        let chosen = wanted.is_empty()
            || wanted
                .iter()
                .any(|w| path == w || path.starts_with(&format!("{w}/")));
        if !chosen {
            continue;
        }
        let bytes = crate::safe_read::read_regular(
            &settings.root.join(path),
            settings.discover.max_file_size,
            crate::safe_read::Links::Follow,
        );
        let Ok(bytes) = bytes else { continue };
        let text = String::from_utf8_lossy(&bytes);
        for b in query::blocks::tasks_blocks(&text) {
            sources.push(Source {
                label: path.to_owned(),
                block: Some((path.to_owned(), b.line)),
                text: b.text,
                first_line: b.line + 1,
            });
        }
    }
    Ok(sources)
}

/// Output text longer than this is written out before more is rendered: a query may show
/// a million tasks, and their text need not be held at once.
const FLUSH_AT: usize = 1 << 20;

/// Write `text` to `out` and empty it, when it has grown past [`FLUSH_AT`].
fn flush_long(text: &mut String, out: &mut Sink) -> anyhow::Result<()> {
    if text.len() >= FLUSH_AT {
        out.write_str(text)?;
        text.clear();
    }
    Ok(())
}

/// How the rows of a query's results are made from its items' indexes.
struct Rows<'r, 'a> {
    /// The task record of an item.
    record: &'r (dyn Fn(usize) -> TaskRecord<'a> + Sync),
    /// An item's note path, line and text hash: its location, known without its record.
    locate: &'r (dyn Fn(usize) -> (&'a str, usize, crate::model::TextHash) + Sync),
}

/// The table or Markdown of one query's results, appended to `text` (long text written to
/// `out` as it grows).
fn render_text(
    text: &mut String,
    out: &mut Sink,
    p: &Prepared,
    result: Option<&QueryResult>,
    args: &QueryArgs,
    settings: &Settings,
    rows: &Rows<'_, '_>,
) -> anyhow::Result<()> {
    let record = rows.record;
    let md = args.format == QueryFormat::Md;
    if let Some((path, line)) = &p.source.block {
        let at = crate::escape::display(&format!("{path}:{line}")).into_owned();
        text.push_str(&if md {
            format!("## {at}\n\n")
        } else {
            format!("== {at}\n")
        });
    }
    let (Ok(q), Some(result)) = (&p.query, result) else {
        if let Err(message) = &p.query {
            text.push_str(&format!("error: {}\n\n", crate::escape::display(message)));
        }
        return Ok(());
    };
    if q.explain {
        text.push_str(&query::explain::explain(q));
        text.push('\n');
    }
    let mut previous: Vec<String> = Vec::new();
    for g in &result.groups {
        for (level, name) in g.names.iter().enumerate() {
            if previous.get(level) == Some(name) && previous[..level] == g.names[..level] {
                continue;
            }
            let shown = crate::escape::display(group::display(name)).into_owned();
            if md {
                text.push_str(&format!("{} {shown}\n\n", "#".repeat((4 + level).min(6))));
            } else {
                text.push_str(&format!("{}{shown}\n", "  ".repeat(level)));
            }
        }
        previous.clone_from(&g.names);
        // Rows rendered block by block on all cores: a group may hold a million tasks,
        // and their records are not held at once.
        let (n, at) = (g.items.len(), |k: usize| record(g.items[k]));
        let mut push = |chunk: &str| -> anyhow::Result<()> {
            text.push_str(chunk);
            flush_long(text, out)
        };
        if md {
            let shows = |part: &str| q.layout.shows(part);
            let render = |rows: std::ops::Range<usize>| {
                let records: Vec<TaskRecord<'_>> = rows.map(at).collect();
                query_markdown::render(&records, &shows, q.layout.short_mode)
            };
            write_in_blocks(n, &render, &mut push)?;
            text.push('\n');
        } else if n > 0 {
            let width = (0..n)
                .into_par_iter()
                .map(|k| {
                    let (path, line, hash) = (rows.locate)(g.items[k]);
                    list_table::location_width(path, line, hash)
                })
                .max()
                .unwrap_or(0);
            let style = list_table::RowStyle {
                width,
                today: settings.today,
                explain: false,
                color: settings.color,
            };
            push(&list_table::header(width, style.color))?;
            list_table::write_rows(n, &at, &style, &mut push)?;
        }
    }
    if q.layout.shows("task count") {
        let n = result.total;
        text.push_str(&format!("{n} task{}\n", if n == 1 { "" } else { "s" }));
    }
    if args.blocks {
        text.push('\n');
    }
    Ok(())
}

#[derive(Serialize)]
struct BlockRef<'a> {
    path: &'a str,
    line: usize,
}

#[derive(Serialize)]
struct NdjsonLine<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    block: Option<BlockRef<'a>>,
    names: Vec<&'a str>,
    task: TaskRecord<'a>,
}

/// Where a query's JSON results are written: the text, flushed to `out` as it grows, and
/// how a task's record is made.
struct JsonOut<'t, 'r, 'a> {
    text: &'t mut String,
    out: &'t mut Sink,
    record: &'r (dyn Fn(usize) -> TaskRecord<'a> + Sync),
}

/// The fields of one query's results in the JSON object `object`: the query's text, the
/// total, and the groups with their tasks (none when the query could not be read).
fn write_json_result(
    to: JsonOut<'_, '_, '_>,
    object: &mut Pretty,
    p: &Prepared,
    result: Option<&QueryResult>,
) -> anyhow::Result<()> {
    let JsonOut { text, out, record } = to;
    object.field(text, "query", p.source.text.trim_end());
    object.field(text, "total", &result.map_or(0, |r| r.total));
    object.key(text, "groups");
    let mut groups = Pretty::array(text, object.inner());
    for g in result.map_or(&[][..], |r| &r.groups) {
        groups.next(text);
        let mut group = Pretty::object(text, groups.inner());
        let names: Vec<&str> = g.names.iter().map(|n| group::display(n)).collect();
        group.field(text, "names", &names);
        group.key(text, "tasks");
        let mut tasks = Pretty::array(text, group.inner());
        for &i in &g.items {
            tasks.element(text, &record(i));
            flush_long(text, out)?;
        }
        tasks.close(text);
        group.close(text);
    }
    groups.close(text);
    Ok(())
}
