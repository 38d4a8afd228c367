//! Boxes ticked in ike's own digest files (the config's `digest.out`, every day's), for
//! `ike fix` and `ike watch --fix`: each becomes a request to close its source task, which
//! is made only if the source is still the task the digest showed (docs/acting.md).

use crate::digest::tick::ticked;
use crate::fix::{CloseReport, CloseRun, Closing, Request, close_files};
use crate::model::TaskRef;
use crate::problem::{Problem, ProblemKind};
use crate::settings::Settings;
use crate::vault::is_own_output;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Close the source tasks of every box ticked in the digest files `digests` (see
/// [`digest_files`]), as of `today`; write when `write`. Requests for tasks already closed
/// are dropped silently (a tick stays in the digest until it is written again); the
/// report's problems are the drifts and unknown marks.
pub(super) fn close_ticked(
    settings: &Settings,
    today: NaiveDate,
    digests: &[PathBuf],
    write: bool,
) -> CloseReport {
    let (requests, mut problems) = requests(settings, digests);
    let run = CloseRun {
        today,
        settings: &settings.fix,
        parse: &settings.parse,
        me: settings.me(),
        next_symbols: &settings.next_symbols(),
    };
    let mut report = close_files(&settings.root, &requests, &run, write);
    report.already.clear();
    problems.append(&mut report.problems);
    report.problems = problems;
    report
}

/// The requests of every ticked box, and the boxes that hold a mark ike does not know.
fn requests(settings: &Settings, digests: &[PathBuf]) -> (Vec<Request>, Vec<Problem>) {
    let mut requests = Vec::new();
    let mut problems = Vec::new();
    for path in digests {
        // A digest that cannot be read as text has no ticks to apply.
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let rel = crate::vault::relative(&settings.root, path);
        for tick in ticked(&text) {
            let closing = match tick.mark {
                'x' | 'X' => Closing::Done,
                '-' => Closing::Cancelled,
                other => {
                    problems.push(
                        Problem::warning(
                            ProblemKind::UnknownTick,
                            tick.digest_line,
                            2,
                            format!(
                                "the box holds `{other}`: write `x` to mark the task done, `-` to cancel it"
                            ),
                        )
                        .at_path(&rel),
                    );
                    continue;
                }
            };
            requests.push(Request {
                task: TaskRef {
                    path: tick.path,
                    line: tick.line,
                    hash: Some(tick.hash),
                },
                closing,
                origin: format!("ticked in {rel}:{}", tick.digest_line),
            });
        }
    }
    (requests, problems)
}

/// The digest files ike wrote: the config's `digest.out`, and for a `{date}` in its file
/// name every file of that folder the pattern matches, in name order.
pub(super) fn digest_files(settings: &Settings) -> Vec<PathBuf> {
    let Some(template) = super::digest::output_template(settings, None) else {
        return Vec::new();
    };
    let is_file = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file());
    let dated = template.to_string_lossy().contains("{date}");
    let dir = template.parent().unwrap_or(Path::new(""));
    if !dated || dir.to_string_lossy().contains("{date}") {
        let today = template
            .to_string_lossy()
            .replace("{date}", &settings.today.to_string());
        let path = PathBuf::from(today);
        return if is_file(&path) {
            vec![path]
        } else {
            Vec::new()
        };
    }
    let listed = if dir.as_os_str().is_empty() {
        std::fs::read_dir(".")
    } else {
        std::fs::read_dir(dir)
    };
    let Ok(entries) = listed else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| dir.join(e.file_name()))
        .filter(|p| is_own_output(std::slice::from_ref(&template), p) && is_file(p))
        .collect();
    files.sort();
    files
}
