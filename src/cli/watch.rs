//! `ike watch`: resolve where the digest goes, start the watch loop with the digest
//! renderer of `ike digest`, print one line per update on stderr, stop on Ctrl-C.

use super::Environment;
use super::args::{DigestFormat, GlobalArgs, WatchArgs};
use crate::exit_code::ExitCode;
use crate::fix::{FixRun, fix_files};
use crate::output::diagnostic;
use crate::problem::{Problem, Severity};
use crate::settings::Settings;
use crate::vault::SourceFile;
use crate::watch::{
    self, Clock, EventSource, FixOutcome, FixedClock, Options, Pipeline, Report, SystemClock,
};
use chrono::NaiveDate;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The digest file when neither `--out` nor the config's `digest.out` says: one a day,
/// under ROOT.
const DEFAULT_OUT: &str = "digests/{date}.md";

/// … and with `--format html` (or `json`).
const DEFAULT_OUT_HTML: &str = "digests/{date}.html";
const DEFAULT_OUT_JSON: &str = "digests/{date}.json";

pub(super) fn run(
    settings: &Settings,
    args: &WatchArgs,
    global: &GlobalArgs,
    env: &Environment,
) -> anyhow::Result<ExitCode> {
    if let (None, Some(out)) = (&args.out, &settings.digest.out) {
        if let Err(why) =
            crate::output_file::inside_root(&settings.vault, Path::new(out), "digest.out")
        {
            eprintln!("ike: error: {why}");
            return Ok(ExitCode::Error);
        }
    }
    let options = Options {
        out: out_template(settings, args.out.as_deref(), args.format),
        config: settings.config_file.followed().map(Path::to_path_buf),
        source: args.poll.map_or(EventSource::Native, EventSource::Poll),
        debounce: Duration::from_millis(args.debounce_ms),
        calendar: args.calendar.clone(),
    };
    let clock: Box<dyn Clock> = match global.today {
        Some(date) => Box::new(FixedClock(date)),
        None => Box::new(SystemClock),
    };
    let root = args.root.root.clone();
    let pipeline = Pipeline {
        reload: Box::new(move || {
            super::resolve::resolve(global, root.as_deref(), env).map_err(|e| e.to_string())
        }),
        render: Box::new(|digest, settings, out| {
            super::digest::render_built(digest, settings, args.format, Some(out))
        }),
        fix: args
            .fix
            .then(|| Box::new(fixer(options.out.clone())) as Box<watch::Fixer<'_>>),
        calendar: args
            .calendar
            .is_some()
            .then(|| Box::new(super::calendar::render_vault) as Box<watch::CalendarRender<'_>>),
    };
    let (stop, inbox) = watch::inbox();
    ctrlc::set_handler(move || stop.stop())?;
    let color = settings.color;
    let result = watch::run(
        settings.clone(),
        &options,
        pipeline,
        clock.as_ref(),
        inbox,
        |report| print(&report, color),
    );
    match result {
        Ok(()) => Ok(ExitCode::Success),
        Err(e) => {
            eprintln!("ike: error: {e}");
            Ok(ExitCode::Error)
        }
    }
}

/// `ike watch --fix`'s [`watch::Fixer`], for the digest file `template` (`{date}` in it
/// expands to the loop's date): see [`fix`].
pub fn fixer(template: PathBuf) -> impl FnMut(&[SourceFile], NaiveDate, &Settings) -> FixOutcome {
    move |files, today, settings| fix(files, today, settings, &template)
}

/// `--fix`: the boxes ticked in the day's digest (`template`, `{date}` expanded), then
/// `ike fix` on the files given, writing them guarded. A ticked task whose source drifted
/// is a warning: the loop goes on.
fn fix(files: &[SourceFile], today: NaiveDate, settings: &Settings, template: &Path) -> FixOutcome {
    let digest = PathBuf::from(
        template
            .to_string_lossy()
            .replace("{date}", &today.to_string()),
    );
    let ticks = super::ticks::close_ticked(settings, today, &[digest], true);
    super::done::forget_in_cache(settings, &ticks);
    let run = FixRun {
        root: &settings.root,
        parse: &settings.parse,
        settings: &settings.fix,
        today,
        me: settings.me(),
        write: true,
        read_limit: settings.discover.max_file_size,
    };
    let report = fix_files(files, &run);
    let mut problems: Vec<Problem> = ticks
        .problems
        .into_iter()
        .map(|mut p| {
            p.severity = Severity::Warning;
            p
        })
        .collect();
    problems.extend(report.problems);
    FixOutcome {
        written: ticks
            .changes
            .into_iter()
            .chain(report.changes)
            .filter(|c| c.landed == crate::fix::Landed::Written)
            .map(|c| c.rel)
            .collect(),
        problems,
    }
}

/// `--out` (relative to the working directory), else the config's `digest.out`, else
/// the default, both relative to the vault root. `{date}` stays in: the loop expands it each day.
fn out_template(settings: &Settings, flag: Option<&Path>, format: DigestFormat) -> PathBuf {
    let default = match format {
        DigestFormat::Md => DEFAULT_OUT,
        DigestFormat::Html => DEFAULT_OUT_HTML,
        DigestFormat::Json => DEFAULT_OUT_JSON,
    };
    match (flag, &settings.digest.out) {
        (Some(path), _) => path.to_path_buf(),
        (None, Some(out)) => settings.vault.join(out),
        (None, None) => settings.vault.join(default),
    }
}

/// Print a report on stderr: problems of the files read, files fixed, then the one line.
/// A failed stderr write is not worth stopping for.
fn print(report: &Report, color: bool) {
    let mut err = std::io::stderr().lock();
    match report {
        Report::Update(update) => {
            for p in &update.problems {
                let _ = writeln!(err, "{}", diagnostic::render(p, color));
            }
            for rel in &update.fixed {
                let _ = writeln!(err, "ike: fixed {}", crate::escape::display(rel));
            }
            let _ = writeln!(err, "{}", crate::escape::display(&update.to_string()));
        }
        Report::Trouble(message) => {
            let _ = writeln!(err, "ike: warning: {}", crate::escape::display(message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::args::ColorWhen;
    use crate::digest::Digest;
    use crate::watch::{Cause, ManualClock};

    /// The loop on a real folder with a clock moved by hand: the date change alone rebuilds
    /// the digest, and the file name follows the date.
    #[test]
    fn midnight_rebuilds_with_the_new_date() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().canonicalize().expect("canonical");
        std::fs::write(root.join("a.md"), "- [ ] a 📅 2026-01-05\n").expect("write");
        let day = |s: &str| crate::parse::value::date(s).expect("date");
        let clock = ManualClock::new(day("2026-01-02"));
        let global = GlobalArgs {
            today: None,
            config: None,
            no_config: true,
            no_cache: true,
            exact_parser: false,
            color: ColorWhen::Never,
        };
        let env = Environment {
            local_today: day("2026-01-02"),
            no_color: true,
            stdout_is_terminal: false,
            terminal_width: None,
        };
        let settings =
            super::super::resolve::resolve(&global, Some(&root), &env).expect("settings");
        let options = Options {
            out: root.join("digests/{date}.md"),
            config: None,
            source: EventSource::Native,
            debounce: Duration::from_millis(50),
            calendar: None,
        };
        let (stop, inbox) = watch::inbox();
        let (tx, rx) = std::sync::mpsc::channel();
        let loop_clock = clock.clone();
        let handle = std::thread::spawn(move || {
            let pipeline = Pipeline {
                reload: Box::new(|| Err("no reload in this test".into())),
                render: Box::new(|digest: &Digest<'_>, _: &Settings, _: &Path| {
                    format!("{}: {} tasks\n", digest.date, digest.counts.tasks)
                }),
                fix: None,
                calendar: None,
            };
            watch::run(settings, &options, pipeline, &loop_clock, inbox, |r| {
                let _ = tx.send(r);
            })
        });
        let next = || rx.recv_timeout(Duration::from_secs(10)).expect("a report");
        let Report::Update(start) = next() else {
            panic!("expected the start update")
        };
        assert_eq!(start.cause, Cause::Start);
        assert_eq!(
            std::fs::read_to_string(root.join("digests/2026-01-02.md")).expect("digest"),
            crate::output_file::mark_digest("2026-01-02: 1 tasks\n")
        );

        clock.set(day("2026-01-03"));
        let Report::Update(midnight) = next() else {
            panic!("expected the midnight update")
        };
        assert_eq!(midnight.cause, Cause::Midnight);
        assert_eq!(midnight.written, Some(root.join("digests/2026-01-03.md")));
        assert_eq!(
            std::fs::read_to_string(root.join("digests/2026-01-03.md")).expect("digest"),
            crate::output_file::mark_digest("2026-01-03: 1 tasks\n")
        );
        stop.stop();
        handle.join().expect("loop thread").expect("loop result");
    }
}
