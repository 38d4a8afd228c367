//! `ike watch`: resolve where the digest goes, start the watch loop with the digest
//! renderer of `ike digest`, print one line per update on stderr, stop on Ctrl-C.

use super::args::{DigestFormat, GlobalArgs, WatchArgs};
use crate::config;
use crate::exit_code::ExitCode;
use crate::fix::{FixRun, fix_files};
use crate::output::diagnostic;
use crate::problem::{Problem, Severity};
use crate::settings::{self, Environment, Settings};
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

pub fn run(
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
        config: config_file(settings, global),
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
            settings::resolve(global, root.as_deref(), env).map_err(|e| e.to_string())
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
        me: settings.me.as_deref(),
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

/// The config file to follow: `--config FILE`, else the one found for ROOT, else the
/// vault root's `.ike.yaml` (which may be created later); none with `--no-config`.
fn config_file(settings: &Settings, global: &GlobalArgs) -> Option<PathBuf> {
    if global.no_config {
        return None;
    }
    Some(
        global
            .config
            .clone()
            .or_else(|| settings.config_path.clone())
            .unwrap_or_else(|| settings.vault.join(config::FILE_NAME)),
    )
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

/// Parse a `--poll` interval: `2s`, `500ms`, `1m`, or a number of seconds.
pub fn parse_interval(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let bad = || {
        format!(
            "invalid interval `{text}`: write e.g. 2s, 500ms or 1m (and put ROOT before --poll)"
        )
    };
    let n: u64 = number.parse().map_err(|_| bad())?;
    let interval = match unit.trim() {
        "" | "s" => Duration::from_secs(n),
        "ms" => Duration::from_millis(n),
        "m" | "min" => Duration::from_secs(n.saturating_mul(60)),
        _ => return Err(bad()),
    };
    if interval.is_zero() {
        return Err(bad());
    }
    Ok(interval)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals() {
        let rows = [
            ("2s", Some(Duration::from_secs(2))),
            ("500ms", Some(Duration::from_millis(500))),
            ("1m", Some(Duration::from_secs(60))),
            ("3", Some(Duration::from_secs(3))),
            ("0", None),
            ("notes", None),
            ("2h", None),
            ("", None),
        ];
        for (text, want) in rows {
            assert_eq!(parse_interval(text).ok(), want, "{text}");
        }
    }
}
