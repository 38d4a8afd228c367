//! `ike done`: close tasks named on the command line, by place or by id, as `ike fix`
//! closes a task ticked by hand (docs/acting.md).

use super::args::DoneArgs;
use super::list::report;
use super::sink::Sink;
use crate::exit_code::ExitCode;
use crate::fix::{CloseReport, CloseRun, Closing, Lost, Request, close_files, has_id};
use crate::model::{TaskRef, TextHash};
use crate::settings::Settings;

pub(super) fn run(
    settings: &Settings,
    args: &DoneArgs,
    out: &mut Sink,
) -> anyhow::Result<ExitCode> {
    let closing = if args.cancel {
        Closing::Cancelled
    } else {
        Closing::Done
    };
    let mut failed = false;
    let mut requests = Vec::new();
    let mut ids = Vec::new();
    for arg in &args.tasks {
        match TaskRef::parse(arg) {
            Some(task) => requests.push(Request {
                task,
                closing,
                origin: arg.clone(),
            }),
            None => match arg.rsplit_once('#') {
                // `PATH:LINE#…` with something else than a hash after the `#`.
                Some((place, hash)) if TaskRef::parse(place).is_some() => {
                    let why = hash
                        .parse::<TextHash>()
                        .err()
                        .map_or_else(String::new, |e| e.to_string());
                    eprintln!("ike: error: {arg}: {why}; nothing changed");
                    failed = true;
                }
                _ => ids.push(arg.as_str()),
            },
        }
    }
    if !ids.is_empty() {
        for (id, found) in ids.iter().zip(find_ids(settings, &ids)) {
            match found.as_slice() {
                [one] => requests.push(Request {
                    task: one.clone(),
                    closing,
                    origin: format!("id `{id}`"),
                }),
                several => {
                    let lost = if several.is_empty() {
                        Lost::NoId { id: id.to_string() }
                    } else {
                        Lost::SeveralIds {
                            id: id.to_string(),
                            places: several.iter().map(ToString::to_string).collect(),
                        }
                    };
                    eprintln!("ike: error: {lost}; nothing changed");
                    failed = true;
                }
            }
        }
    }
    let run = CloseRun {
        today: settings.today,
        settings: &settings.fix,
        parse: &settings.parse,
        me: settings.me(),
        next_symbols: &settings.next_symbols(),
    };
    let write = !args.dry_run;
    let result = close_files(&settings.root, &requests, &run, write);
    report(&result.problems, settings.color);
    for (request, place, status) in &result.already {
        eprintln!("ike done: {place} is already {status}; nothing to do");
        let _ = request;
    }
    if write {
        forget_in_cache(settings, &result);
    } else {
        let mut text = String::new();
        for change in &result.changes {
            text.push_str(&crate::diff::unified(&change.rel, &change.old, &change.new));
        }
        out.write_str(&text)?;
    }
    let verb = match (write, closing) {
        (true, Closing::Done) => "marked done",
        (true, Closing::Cancelled) => "cancelled",
        (false, Closing::Done) => "would be marked done",
        (false, Closing::Cancelled) => "would be cancelled",
    };
    for place in &result.closed {
        eprintln!("ike done: {place} {verb}");
    }
    failed |= !result.problems.is_empty();
    Ok(if failed {
        ExitCode::Found
    } else {
        ExitCode::Success
    })
}

/// For each id, the places of the tasks that answer to it (with their hashes, so that the
/// file is checked again when it is read for writing).
fn find_ids(settings: &Settings, ids: &[&str]) -> Vec<Vec<TaskRef>> {
    let vault = super::Load::new(settings, &settings.discover)
        .with_progress(false)
        .all();
    report(&vault.problems, settings.color);
    let found = ids
        .iter()
        .map(|id| {
            vault
                .documents
                .iter()
                .flat_map(|d| {
                    d.tasks.iter().filter(|t| has_id(t, id)).map(|t| TaskRef {
                        path: d.path.clone(),
                        line: t.line(),
                        hash: Some(t.hash),
                    })
                })
                .collect()
        })
        .collect();
    super::forget(vault);
    found
}

/// Drop the files closing rewrote from the cache (as `ike fix` does).
pub(super) fn forget_in_cache(settings: &Settings, result: &CloseReport) {
    super::forget_rewritten(settings, &result.changes);
}
