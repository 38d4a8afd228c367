//! The I/O end of closing tasks on request (`ike done`, ticks in the digest): read each
//! file named, find each task (see [`super::locate`]), close the ones still there as
//! `ike fix` would, and write the file back guarded — or, without writing, only report the
//! change.

use super::{CloseRun, Closing, FileChange, Found, close, locate};
use crate::model::TaskRef;
use crate::parse::parse_document;
use crate::problem::{Problem, ProblemKind};
use crate::write::{WriteOutcome, write_guarded};
use std::collections::BTreeMap;
use std::path::{Component, Path};

/// One task to close.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Request {
    /// Which task.
    pub task: TaskRef,
    /// Done or cancelled.
    pub closing: Closing,
    /// Where the request came from, for messages: the argument as typed, `id `x``, or
    /// `ticked in digests/2026-11-21.md:12`.
    pub origin: String,
}

/// What a run of [`close_files`] did.
#[derive(Debug, Default)]
pub(crate) struct CloseReport {
    /// Files changed (or that would change), in path order.
    pub changes: Vec<FileChange>,
    /// The tasks closed (or that would be), as `path:line`.
    pub closed: Vec<String>,
    /// Requests for tasks already closed: `(request, path:line, status)`.
    pub already: Vec<(Request, String, String)>,
    /// Requests refused and files not written, and why (errors).
    pub problems: Vec<Problem>,
}

/// Close the tasks `requests` name, under `root`; write the files when `write`.
pub(crate) fn close_files(
    root: &Path,
    requests: &[Request],
    run: &CloseRun<'_>,
    write: bool,
) -> CloseReport {
    let mut report = CloseReport::default();
    let mut by_file: BTreeMap<&str, Vec<&Request>> = BTreeMap::new();
    for r in requests {
        // `./a.md` is `a.md`: one file, one read, and the path `ike list` prints.
        let rel = r.task.path.trim_start_matches("./");
        by_file.entry(rel).or_default().push(r);
    }
    for (rel, requests) in by_file {
        close_in_file(root, rel, &requests, run, write, &mut report);
    }
    report
}

fn close_in_file(
    root: &Path,
    rel: &str,
    requests: &[&Request],
    run: &CloseRun<'_>,
    write: bool,
    report: &mut CloseReport,
) {
    let refuse = |r: &Request, line: usize, why: String| {
        let asked = if r.origin == r.task.to_string() {
            String::new()
        } else {
            format!(" ({})", r.origin)
        };
        Problem::error(
            ProblemKind::NotClosed,
            line,
            1,
            format!("{why}{asked}; nothing changed"),
        )
        .at_path(rel)
    };
    let inside = Path::new(rel)
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    let original = if inside {
        std::fs::read(root.join(rel)).map_err(|e| format!("cannot read the file: {e}"))
    } else {
        Err("not a path inside the notes folder (give it as `ike list` prints it)".to_owned())
    };
    let original = match original {
        Ok(bytes) => bytes,
        Err(why) => {
            let problems = requests.iter().map(|r| refuse(r, r.task.line, why.clone()));
            report.problems.extend(problems);
            return;
        }
    };
    // A huge note: what its parse frees goes back to the system at once, as in `ike fix`.
    crate::vault::note_read(&original);
    let doc = parse_document(rel, &original, run.parse);
    if doc.failed {
        let problems = requests.iter().map(|r| {
            refuse(
                r,
                r.task.line,
                "the file cannot be parsed (see `ike check`)".into(),
            )
        });
        report.problems.extend(problems);
        return;
    }
    // The text once, not beside a copy of its bytes, when it is UTF-8 (as nearly every
    // note is): the bytes the write compares with are then the text's.
    let (src, invalid) = match String::from_utf8(original) {
        Ok(src) => (src, None),
        Err(e) => {
            let bytes = e.into_bytes();
            (String::from_utf8_lossy(&bytes).into_owned(), Some(bytes))
        }
    };
    let original = invalid.as_deref().unwrap_or(src.as_bytes());
    let mut targets: Vec<(usize, Closing)> = Vec::new();
    for r in requests {
        match locate(&doc, r.task.line, r.task.hash) {
            Ok(Found::Open(i)) if targets.iter().any(|(t, _)| *t == i) => {}
            Ok(Found::Open(i)) => targets.push((i, r.closing)),
            Ok(Found::Closed(i)) => {
                let t = &doc.tasks[i];
                report.already.push((
                    (*r).clone(),
                    format!("{rel}:{}", t.line),
                    t.status.to_string(),
                ));
            }
            Err(lost) => report
                .problems
                .push(refuse(r, r.task.line, lost.to_string())),
        }
    }
    if targets.is_empty() {
        return;
    }
    let mut lines: Vec<usize> = targets.iter().map(|(i, _)| doc.tasks[*i].line()).collect();
    let new = match close(&src, doc, &targets, run) {
        Ok(new) => new,
        Err(problems) => {
            report.problems.extend(problems);
            return;
        }
    };
    let landed = if write {
        match write_guarded(&root.join(rel), original, new.as_bytes()) {
            Ok(WriteOutcome::ChangedOnDisk) => {
                report.problems.push(
                    Problem::error(
                        ProblemKind::ChangedOnDisk,
                        1,
                        1,
                        "changed on disk while closing tasks; left untouched (run again)",
                    )
                    .at_path(rel),
                );
                return;
            }
            Ok(_) => super::Landed::Written,
            Err(e) => {
                report.problems.push(
                    Problem::error(
                        ProblemKind::WriteFailed,
                        1,
                        1,
                        format!("{e}; the file is intact"),
                    )
                    .at_path(rel),
                );
                return;
            }
        }
    } else {
        super::Landed::Planned
    };
    lines.sort_unstable();
    report
        .closed
        .extend(lines.iter().map(|l| format!("{rel}:{l}")));
    report.changes.push(FileChange {
        rel: rel.to_owned(),
        old: src,
        new,
        landed,
    });
}
