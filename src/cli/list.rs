//! `ike list`: scan, filter, render.

use super::args::{ListArgs, ListFormat};
use super::sink::Sink;
use crate::classify::{Quadrant, classify, classify_quiet};
use crate::exit_code::ExitCode;
use crate::filter::TaskFilter;
use crate::model::{Document, Effort, Status, Task};
use crate::output::{diagnostic, list_json, list_markdown, list_table, record::TaskRecord};
use crate::settings::Settings;
use anyhow::Context;
use rayon::prelude::*;
use std::io::Write;

pub fn run(settings: &Settings, args: &ListArgs, out: &mut Sink) -> anyhow::Result<ExitCode> {
    let filter = TaskFilter {
        statuses: args
            .status
            .iter()
            .map(|s| Status::from_name(s.trim()))
            .collect(),
        tags: args.tag.clone(),
        assignee: args.assignee.clone(),
        quadrants: args
            .quadrant
            .iter()
            .filter_map(|q| Quadrant::from_name(q))
            .collect(),
        effort: args.effort.as_deref().and_then(Effort::from_name),
        overdue_on: args.overdue.then_some(settings.today),
        due_before: args.due_before,
        path: match &args.path {
            Some(glob) => Some(
                globset::GlobBuilder::new(glob)
                    .literal_separator(true)
                    .build()
                    .with_context(|| format!("invalid --path glob `{glob}`"))?
                    .compile_matcher(),
            ),
            None => None,
        },
    };
    let vault = super::scan_vault(
        settings,
        &settings.discover,
        matches!(args.format, ListFormat::Json | ListFormat::Ndjson),
    );
    let problems = vault.all_problems();
    report(&problems, settings.color);
    let today = settings.today;
    // The JSON records carry the reasons; the table and Markdown only with --explain.
    let keep_reasons = matches!(args.format, ListFormat::Json | ListFormat::Ndjson) || args.explain;
    let lister = Lister {
        filter: &filter,
        settings,
        keep_reasons,
    };
    match args.format {
        ListFormat::Table | ListFormat::Md => {
            let records: Vec<TaskRecord<'_>> = vault
                .tasks()
                .filter_map(|(d, t)| lister.record(d, t))
                .collect();
            let text = if args.format == ListFormat::Table {
                list_table::render_table(&records, settings.today, args.explain, settings.color)
            } else {
                list_markdown::render_markdown(&records, args.explain)
            };
            out.write_str(&text)?;
        }
        ListFormat::Ndjson => {
            stream(&vault.documents, out, 0, |text, d, t| {
                if let Some(r) = lister.record(d, t) {
                    list_json::push_ndjson(text, &r);
                }
            })?;
        }
        ListFormat::Json => {
            out.write_str(&list_json::json_head(today))?;
            // Every task is written after a comma; the first one's is dropped.
            let any = stream(&vault.documents, out, 1, |text, d, t| {
                if let Some(r) = lister.record(d, t) {
                    list_json::push_json_task(text, false, &r);
                }
            })?;
            out.write_str(&list_json::json_tail(any, &problems))?;
        }
    }
    super::forget(vault);
    Ok(ExitCode::Success)
}

/// Print problems on stderr, one per line. A failed stderr write is not worth dying for.
pub fn report(problems: &[crate::problem::Problem], color: bool) {
    let mut err = std::io::stderr().lock();
    for p in problems {
        let _ = writeln!(err, "{}", diagnostic::render(p, color));
    }
}

/// What turns a task into its record, or filters it out.
struct Lister<'s> {
    filter: &'s TaskFilter,
    settings: &'s Settings,
    keep_reasons: bool,
}

impl Lister<'_> {
    fn record<'a>(&self, d: &'a Document, t: &'a Task) -> Option<TaskRecord<'a>> {
        let (today, cs) = (self.settings.today, &self.settings.classify);
        let c = if self.keep_reasons {
            classify(t, today, cs)
        } else {
            classify_quiet(t, today, cs)
        };
        self.filter
            .matches(d, t, &c)
            .then(|| TaskRecord::new(d, t, &c))
    }
}

/// Documents per parallel job, and jobs per batch written at once.
const CHUNK: usize = 256;
const BATCH: usize = 32;

/// Render every task of `docs` with `render` (which appends to a text, or not) in
/// parallel chunks, and write the texts in document order without holding the whole
/// output: a 100,000-note vault lists a million tasks. The first `skip` bytes of the
/// first text written are left out. True when anything was written.
fn stream(
    docs: &[Document],
    out: &mut Sink,
    skip: usize,
    render: impl Fn(&mut String, &Document, &Task) + Sync,
) -> anyhow::Result<bool> {
    let mut any = false;
    for batch in docs.chunks(CHUNK * BATCH) {
        let texts: Vec<String> = batch
            .par_chunks(CHUNK)
            .map(|chunk| {
                let mut text = String::new();
                for d in chunk {
                    for t in &d.tasks {
                        render(&mut text, d, t);
                    }
                }
                text
            })
            .collect();
        for text in texts.iter().filter(|t| !t.is_empty()) {
            let start = if any { 0 } else { skip.min(text.len()) };
            out.write_str(text.get(start..).unwrap_or_default())?;
            any = true;
        }
    }
    Ok(any)
}
