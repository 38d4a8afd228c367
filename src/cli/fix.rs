//! `ike fix`: lossless in-place fixes (§8). Writes by default; `--dry-run` prints a
//! unified diff and writes nothing; `--check` exits 1 when anything would change.

use super::args::FixArgs;
use super::list::report;
use super::sink::Sink;
use crate::discover::discover;
use crate::exit_code::ExitCode;
use crate::fix::{FixReport, FixRun, Landed, fix_files};
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
        read_limit: settings.discover.max_file_size,
    };
    let result = fix_files(&found.files, &run);
    report(&result.problems, settings.color);
    if write && settings.cache && !result.changes.is_empty() {
        // Rewritten files have a new mtime, so the cache would re-read them anyway; dropping
        // their entries also covers a rewrite within the same clock tick.
        let rels: Vec<&str> = result.changes.iter().map(|c| c.rel.as_str()).collect();
        if let Err(err) = crate::cache::forget(&settings.root, &settings.parse, &rels) {
            eprintln!(
                "ike: warning: cannot update the cache ({})",
                crate::escape::display(&err)
            );
        }
    }
    if args.dry_run {
        let mut text = String::new();
        for change in &result.changes {
            text.push_str(&crate::diff::unified(&change.rel, &change.old, &change.new));
        }
        out.write_str(&text)?;
    } else if args.check {
        let mut text = String::new();
        for change in &result.changes {
            text.push_str(&format!(
                "{}: would be fixed\n",
                crate::escape::display(&change.rel)
            ));
        }
        out.write_str(&text)?;
    }
    eprintln!("{}", summary(&result, write));
    let not_landed = result.count(Landed::ChangedOnDisk) + result.count(Landed::Failed);
    // Archiving refused (the archive is not ike's, or outside the vault) is a fix not done.
    let refused = result
        .problems
        .iter()
        .any(|p| matches!(p.code, "not-ike-output" | "outside-root"));
    Ok(
        if (args.check && !result.changes.is_empty()) || not_landed > 0 || refused {
            ExitCode::Found
        } else {
            ExitCode::Success
        },
    )
}

/// `ike fix: 2 files changed: 1 done_date, 1 recurrence` (or `would change` without
/// writing). Only what landed on disk is counted; files not written are counted after.
fn summary(r: &FixReport, wrote: bool) -> String {
    if r.changes.is_empty() {
        return "ike fix: nothing to fix".to_owned();
    }
    let kinds: Vec<String> = r.kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let landed = if wrote {
        r.count(Landed::Written)
    } else {
        r.changes.len()
    };
    let verb = if wrote { "changed" } else { "would change" };
    let mut s = format!(
        "ike fix: {landed} file{} {verb}",
        if landed == 1 { "" } else { "s" },
    );
    if !kinds.is_empty() {
        s.push_str(&format!(": {}", kinds.join(", ")));
    }
    let changed = r.count(Landed::ChangedOnDisk);
    if changed > 0 {
        s.push_str(&format!(
            "; {changed} changed on disk meanwhile and not rewritten (run again)"
        ));
    }
    let failed = r.count(Landed::Failed);
    if failed > 0 {
        s.push_str(&format!(
            "; {failed} could not be written (see above; {} intact)",
            if failed == 1 { "it is" } else { "they are" }
        ));
    }
    s
}
