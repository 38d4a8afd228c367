//! `ike list`: scan, filter, render.

use super::args::{FilterArgs, ListArgs, ListFormat};
use super::sink::Sink;
use crate::classify::{Dependencies, Quadrant, classify_among};
use crate::exit_code::ExitCode;
use crate::filter::TaskFilter;
use crate::model::{Document, Effort, Status, Task};
use crate::output::blocks::write_in_blocks;
use crate::output::{diagnostic, list_json, list_markdown, list_table, record::TaskRecord};
use crate::settings::Settings;
use anyhow::Context;
use rayon::prelude::*;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

pub(super) fn run(
    settings: &Settings,
    args: &ListArgs,
    out: &mut Sink,
) -> anyhow::Result<ExitCode> {
    let filter = task_filter(&args.filter, settings)?;
    let today = settings.today;
    // The JSON records carry the reasons; the table and Markdown only with --explain.
    let keep_reasons = matches!(args.format, ListFormat::Json | ListFormat::Ndjson) || args.explain;
    let mut lister = Lister {
        filter: &filter,
        settings,
        keep_reasons,
        deps: Dependencies::default(),
    };
    match args.format {
        ListFormat::Table | ListFormat::Md => {
            let vault = super::Load::new(settings, &settings.discover)
                .with_progress(false)
                .all();
            report(&vault.all_problems(), settings.color);
            lister.deps = Dependencies::of_documents(&vault.documents, today, &settings.classify);
            let table = args.format == ListFormat::Table;
            // First pass: the tasks kept, and the width of the table's location column.
            // Rows are rendered in a second pass, block by block as they are written: a
            // note of a million tasks must not become a million records at once.
            let width = AtomicUsize::new(0);
            let kept = kept_places(&vault.documents, |d, t| {
                let keep = lister.keeps(d, t);
                if keep && table {
                    let w = list_table::location_width(&d.path, t.line(), t.hash);
                    width.fetch_max(w, Ordering::Relaxed);
                }
                keep
            });
            let record = |i: usize| {
                let (n, t) = kept[i];
                let d = &vault.documents[n as usize];
                lister.record_of(d, &d.tasks[t as usize])
            };
            let mut write = |text: &str| out.write_str(text);
            if !table {
                let render = |rows: std::ops::Range<usize>| {
                    let mut text = String::new();
                    for i in rows {
                        list_markdown::push_markdown(&mut text, &record(i), args.explain);
                    }
                    text
                };
                write_in_blocks(kept.len(), &render, &mut write)?;
            } else if kept.is_empty() {
                write("No tasks match.\n")?;
            } else {
                let style = list_table::RowStyle {
                    width: width.into_inner(),
                    today,
                    explain: args.explain,
                    color: settings.color,
                };
                write(&list_table::header(style.width, style.color))?;
                list_table::write_rows(kept.len(), &record, &style, &mut write)?;
            }
            drop(kept);
            super::forget(vault);
        }
        ListFormat::Ndjson | ListFormat::Json => {
            // The streamed lists read the vault twice: first the dependency facts (few
            // tasks have any), then the records.
            lister.deps = super::scan_dependencies(settings, &settings.discover);
        }
    }
    let lister = lister;
    match args.format {
        ListFormat::Table | ListFormat::Md => {}
        ListFormat::Ndjson => {
            let problems = stream(settings, out, 0, &|text, d, t| {
                if let Some(r) = lister.record(d, t) {
                    list_json::push_ndjson(text, &r);
                }
            })?
            .1;
            report(&problems, settings.color);
        }
        ListFormat::Json => {
            out.write_str(&list_json::json_head(today))?;
            // Every task is written after a comma; the first one's is dropped.
            let (any, problems) = stream(settings, out, 1, &|text, d, t| {
                if let Some(r) = lister.record(d, t) {
                    list_json::push_json_task(text, false, &r);
                }
            })?;
            out.write_str(&list_json::json_tail(any, &problems))?;
            report(&problems, settings.color);
        }
    }
    Ok(ExitCode::Success)
}

/// The filters as typed → the filter applied (`today` for `--overdue`).
pub(super) fn task_filter(args: &FilterArgs, settings: &Settings) -> anyhow::Result<TaskFilter> {
    let today = settings.today;
    Ok(TaskFilter {
        statuses: statuses(&args.status, settings).map_err(anyhow::Error::msg)?,
        tags: args.tag.clone(),
        assignee: args.assignee.clone(),
        project: args.project.clone(),
        mention: args.mention.clone(),
        context: args.context.clone(),
        me: settings.me().map(str::to_owned),
        blocked: args.blocked,
        blocking: args.blocking,
        quadrants: args
            .quadrant
            .iter()
            .filter_map(|q| Quadrant::from_name(q))
            .collect(),
        effort: args.effort.as_deref().and_then(Effort::from_name),
        overdue_on: args.overdue.then_some(today),
        due_before: args.due_before,
        path: match &args.path {
            Some(glob) => Some(
                globset::GlobBuilder::new(glob.trim_end_matches('/'))
                    .literal_separator(true)
                    .build()
                    .with_context(|| format!("invalid --path glob `{glob}`"))?
                    .compile_matcher(),
            ),
            None => None,
        },
        routine: args.routine,
        section: args
            .section
            .as_deref()
            .and_then(crate::digest::Section::from_name)
            .map(|s| (s, today)),
    })
}

/// The `--status` values as statuses: the built-in names (`in-progress` is
/// `in_progress`) and the ones the config gives to checkbox characters. An unknown name
/// is an error that lists the known ones.
fn statuses(names: &[String], settings: &Settings) -> Result<Vec<Status>, String> {
    let mut known: Vec<Status> = vec![
        Status::Todo,
        Status::InProgress,
        Status::Done,
        Status::Cancelled,
    ];
    for s in settings.parse.statuses.values() {
        if !known.contains(s) {
            known.push(s.clone());
        }
    }
    names
        .iter()
        .map(|name| {
            let name = name.trim();
            let wanted = Status::from_name(&name.replace('-', "_"));
            if known.contains(&wanted) {
                return Ok(wanted);
            }
            // A configured name may itself hold a `-`.
            let as_written = Status::from_name(name);
            if known.contains(&as_written) {
                return Ok(as_written);
            }
            let names: Vec<&str> = known.iter().map(Status::as_str).collect();
            Err(format!(
                "--status: unknown status `{name}`; use one of: {} (more in .ike.yaml's `statuses`)",
                names.join(", ")
            ))
        })
        .collect()
}

/// Print problems on stderr, one per line. A failed stderr write is not worth dying for.
pub(super) fn report(problems: &[crate::problem::Problem], color: bool) {
    let mut err = std::io::stderr().lock();
    for p in problems {
        let _ = writeln!(err, "{}", diagnostic::render(p, color));
    }
}

/// The place of each task of `docs` that `keep` keeps (its note's index and its own, as
/// `u32`s: a note's tasks are fewer than its bytes, which are fewer than 4 GiB), in
/// order. Decided on all cores into a flag per task first, then gathered at the size
/// they need: a note of a million tasks holds 8 bytes per kept task and a byte per task,
/// not a pair of references per task collected in pieces and joined (decision 0090).
fn kept_places(
    docs: &[Document],
    keep: impl Fn(&Document, &Task) -> bool + Sync,
) -> Vec<(u32, u32)> {
    let flags: Vec<Vec<bool>> = docs
        .par_iter()
        .map(|d| d.tasks.par_iter().map(|t| keep(d, t)).collect())
        .collect();
    let count = flags.iter().flatten().filter(|k| **k).count();
    let mut places = Vec::with_capacity(count);
    for (n, flags) in flags.iter().enumerate() {
        let kept = flags.iter().enumerate().filter(|(_, k)| **k);
        places.extend(kept.map(|(t, _)| (n as u32, t as u32)));
    }
    places
}

/// What turns a task into its record, or filters it out.
struct Lister<'s> {
    filter: &'s TaskFilter,
    settings: &'s Settings,
    keep_reasons: bool,
    deps: Dependencies,
}

impl Lister<'_> {
    fn record<'a>(&self, d: &'a Document, t: &'a Task) -> Option<TaskRecord<'a>> {
        let (today, cs) = (self.settings.today, &self.settings.classify);
        let c = classify_among(t, today, cs, &self.deps, self.keep_reasons);
        self.filter
            .matches(d, t, &c)
            .then(|| TaskRecord::new(d, t, &c, cs))
    }

    /// Whether the filter keeps a task, classified only when the filter reads the
    /// classification (and then without reasons: the filter does not read them).
    fn keeps(&self, d: &Document, t: &Task) -> bool {
        if !self.filter.reads_classification() {
            return self.filter.matches_task(d, t);
        }
        let (today, cs) = (self.settings.today, &self.settings.classify);
        let c = classify_among(t, today, cs, &self.deps, false);
        self.filter.matches(d, t, &c)
    }

    /// The record of a task the filter keeps.
    fn record_of<'a>(&self, d: &'a Document, t: &'a Task) -> TaskRecord<'a> {
        let (today, cs) = (self.settings.today, &self.settings.classify);
        let c = classify_among(t, today, cs, &self.deps, self.keep_reasons);
        TaskRecord::new(d, t, &c, cs)
    }
}

/// Notes with more tasks than this are rendered while they are written, not before.
const HUGE_NOTE: usize = 10_000;

/// Bytes of rendered text written at once for such a note.
const CHUNK: usize = 1 << 16;

/// One note of a batch: its rendered text and problems, or the note itself when huge.
enum Rendered {
    Text(String, Vec<crate::problem::Problem>),
    Huge(Box<Document>),
}

/// Scan and render every task with `render` (which appends to a text, or not), each
/// document as soon as it is read, and write the texts in path order batch by batch,
/// without holding the vault or the whole output: a 100,000-note vault lists a million
/// tasks (a gigabyte of JSON). The first `skip` bytes of the first text written are left
/// out. Returns whether anything was written, and every problem met, sorted (written by
/// the caller after the list: they are only known at its end).
///
/// A note with more than [`HUGE_NOTE`] tasks is not rendered whole (its text would be
/// several times the note's size: a 6 MB note of a million checkboxes is a gigabyte of
/// JSON) but handed over as it is and written in chunks of [`CHUNK`] bytes.
fn stream(
    settings: &Settings,
    out: &mut Sink,
    skip: usize,
    render: &(dyn Fn(&mut String, &Document, &Task) + Sync),
) -> anyhow::Result<(bool, Vec<crate::problem::Problem>)> {
    let mut any = false;
    let mut problems = Vec::new();
    let mut write = |out: &mut Sink, text: &str| -> anyhow::Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        let start = if any { 0 } else { skip.min(text.len()) };
        out.write_str(text.get(start..).unwrap_or_default())?;
        any = true;
        Ok(())
    };
    let mut found = super::Load::new(settings, &settings.discover).stream(
        &|doc| {
            if doc.tasks.len() > HUGE_NOTE {
                return Rendered::Huge(Box::new(doc));
            }
            let mut text = String::new();
            for t in &doc.tasks {
                render(&mut text, &doc, t);
            }
            Rendered::Text(text, doc.problems)
        },
        &mut |batch| {
            for item in batch {
                match item {
                    Rendered::Text(text, doc_problems) => {
                        problems.extend(doc_problems);
                        write(out, &text)?;
                    }
                    Rendered::Huge(mut doc) => {
                        problems.append(&mut doc.problems);
                        let mut text = String::with_capacity(CHUNK + CHUNK / 4);
                        for t in &doc.tasks {
                            render(&mut text, &doc, t);
                            if text.len() >= CHUNK {
                                write(out, &text)?;
                                text.clear();
                            }
                        }
                        write(out, &text)?;
                    }
                }
            }
            Ok(())
        },
    )?;
    found.append(&mut problems);
    found.sort();
    Ok((any, found))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ParseOptions, parse_document};

    /// The places kept follow the notes and their tasks in order, for any filter.
    #[test]
    fn kept_places_are_in_note_then_task_order() {
        let opts = ParseOptions::default();
        let docs = [
            parse_document("a.md", b"- [ ] a1\n- [x] a2\n- [ ] a3\n", &opts),
            parse_document("b.md", b"no tasks\n", &opts),
            parse_document("c.md", b"- [x] c1\n- [ ] c2\n", &opts),
        ];
        let open = |_: &Document, t: &Task| t.status == Status::Todo;
        let in_c = |d: &Document, _: &Task| d.path == "c.md";
        // (case, places kept)
        type Keep<'k> = &'k (dyn Fn(&Document, &Task) -> bool + Sync);
        type Case<'k> = (&'k str, Keep<'k>, Vec<(u32, u32)>);
        let cases: [Case<'_>; 4] = [
            (
                "every task",
                &|_, _| true,
                vec![(0, 0), (0, 1), (0, 2), (2, 0), (2, 1)],
            ),
            ("none", &|_, _| false, vec![]),
            ("open ones", &open, vec![(0, 0), (0, 2), (2, 1)]),
            ("one note's", &in_c, vec![(2, 0), (2, 1)]),
        ];
        for (case, keep, want) in cases {
            assert_eq!(kept_places(&docs, keep), want, "{case}");
        }
    }
}
