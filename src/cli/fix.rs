//! `ike fix`: lossless in-place fixes (§8). Writes by default; `--dry-run` prints a
//! unified diff and writes nothing; `--check` exits 1 when anything would change.

use super::args::FixArgs;
use super::list::report;
use super::sink::Sink;
use crate::discover::discover;
use crate::exit_code::ExitCode;
use crate::fix::{FixReport, FixRun, fix_files};
use crate::settings::Settings;

pub fn run(settings: &Settings, args: &FixArgs, out: &mut Sink) -> anyhow::Result<ExitCode> {
    let mut discover_opts = settings.discover.clone();
    discover_opts
        .own_outputs
        .extend(super::digest::output_template(settings, None));
    let found = discover(&settings.root, &discover_opts);
    report(&found.problems, settings.color);
    let write = !(args.dry_run || args.check);
    let run = FixRun {
        root: &settings.root,
        parse: &settings.parse,
        settings: &settings.fix,
        today: settings.today,
        me: settings.me.as_deref(),
        write,
    };
    let result = fix_files(&found.files, &run);
    report(&result.problems, settings.color);
    if write && settings.cache && !result.changes.is_empty() {
        // Rewritten files have a new mtime, so the cache would re-read them anyway; dropping
        // their entries also covers a rewrite within the same clock tick.
        let rels: Vec<&str> = result.changes.iter().map(|c| c.rel.as_str()).collect();
        if let Err(err) = crate::cache::forget(&settings.root, &settings.parse, &rels) {
            eprintln!("ike: warning: cannot update the cache ({err})");
        }
    }
    if args.dry_run {
        let mut text = String::new();
        for (rel, old, new) in one_diff_per_file(&result.changes) {
            text.push_str(&crate::diff::unified(rel, old, &new));
        }
        out.write_str(&text)?;
    } else if args.check {
        let mut text = String::new();
        for change in &result.changes {
            text.push_str(&format!("{}: would be fixed\n", change.rel));
        }
        out.write_str(&text)?;
    }
    eprintln!("{}", summary(&result, write));
    Ok(if args.check && !result.changes.is_empty() {
        ExitCode::Found
    } else {
        ExitCode::Success
    })
}

/// The changes as one (path, old, new) per file. Without writing, every source's move
/// into the archive is planned against the archive as it is on disk, so the archive shows
/// up once per source: its appends are put together in order, into one diff that applies.
fn one_diff_per_file(changes: &[crate::fix::FileChange]) -> Vec<(&str, &str, String)> {
    let mut files: Vec<(&str, &str, String)> = Vec::new();
    for c in changes {
        match files.iter_mut().find(|(rel, _, _)| *rel == c.rel) {
            Some((_, old, new)) if *old == c.old && c.new.starts_with(c.old.as_str()) => {
                new.push_str(&c.new[c.old.len()..]);
            }
            _ => files.push((&c.rel, &c.old, c.new.clone())),
        }
    }
    files
}

/// `ike fix: 2 files changed: 1 done_date, 1 recurrence` (or `would change` without writing).
fn summary(r: &FixReport, wrote: bool) -> String {
    if r.changes.is_empty() {
        return "ike fix: nothing to fix".to_owned();
    }
    let kinds: Vec<String> = r.kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let landed = r.changes.len() - r.changed_on_disk();
    let verb = if wrote { "changed" } else { "would change" };
    let mut s = format!(
        "ike fix: {landed} file{} {verb}: {}",
        if landed == 1 { "" } else { "s" },
        kinds.join(", ")
    );
    if wrote && r.changed_on_disk() > 0 {
        s.push_str(&format!(
            "; {} changed on disk meanwhile and left untouched (run again)",
            r.changed_on_disk()
        ));
    }
    s
}
