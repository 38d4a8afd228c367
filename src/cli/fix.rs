//! `ike fix`: lossless in-place fixes. Writes by default; `--dry-run` prints a
//! unified diff and writes nothing; `--check` exits 1 when anything would change.

use super::args::{FixArgs, FixFormat};
use super::list::report;
use super::sink::Sink;
use crate::exit_code::ExitCode;
use crate::fix::{FixReport, FixRun, Landed, fix_files};
use crate::problem::{Problem, ProblemKind, Severity};
use crate::settings::Settings;
use crate::vault::discover;

pub(super) fn run(settings: &Settings, args: &FixArgs, out: &mut Sink) -> anyhow::Result<ExitCode> {
    let mut discover_opts = settings.discover.clone();
    discover_opts
        .own_outputs
        .extend(super::digest::output_template(settings, None));
    let write = !(args.dry_run || args.check);
    // Boxes ticked in the digest first: closing their tasks is a fix like the others.
    let digests = super::ticks::digest_files(settings);
    let ticks = super::ticks::close_ticked(settings, settings.today, &digests, write);
    let github = args.format == FixFormat::Github;
    let mut annotated: Vec<Problem> = Vec::new();
    let mut report = |problems: &[Problem]| {
        if github {
            annotated.extend_from_slice(problems);
        } else {
            report(problems, settings.color);
        }
    };
    report(&ticks.problems);
    if write {
        super::done::forget_in_cache(settings, &ticks);
    }
    let found = discover(&settings.root, &discover_opts);
    report(&found.problems);
    report(&settings.problems);
    let run = FixRun {
        root: &settings.root,
        parse: &settings.parse,
        settings: &settings.fix,
        today: settings.today,
        me: settings.me(),
        write,
        read_limit: settings.discover.max_file_size,
    };
    let result = fix_files(&found.files, &run);
    report(&result.problems);
    if write {
        super::forget_rewritten(settings, &result.changes);
    }
    if args.dry_run {
        let mut text = String::new();
        for (rel, old, new) in one_diff_per_file(ticks.changes.iter().chain(&result.changes)) {
            text.push_str(&crate::diff::unified(rel, old, &new));
        }
        out.write_str(&text)?;
    } else if args.check && !github {
        let mut text = String::new();
        for change in ticks.changes.iter().chain(&result.changes) {
            text.push_str(&format!(
                "{}: would be fixed\n",
                crate::escape::display(&change.rel)
            ));
        }
        out.write_str(&text)?;
    }
    if github {
        if args.check {
            annotated.extend(ticks.changes.iter().chain(&result.changes).map(|c| {
                Problem::error(
                    ProblemKind::WouldFix,
                    first_changed_line(&c.old, &c.new),
                    1,
                    "`ike fix` would change this file (run it, or see `ike fix --dry-run`)",
                )
                .at_path(&c.rel)
            }));
        }
        out.write_str(&super::check::annotations(&settings.root, &annotated))?;
    }
    if !ticks.closed.is_empty() {
        eprintln!(
            "ike fix: {} task{} ticked in the digest {}: {}",
            ticks.closed.len(),
            if ticks.closed.len() == 1 { "" } else { "s" },
            if write { "closed" } else { "would be closed" },
            ticks.closed.join(", ")
        );
    }
    eprintln!("{}", summary(&result, write));
    let drift = ticks.problems.iter().any(|p| p.severity == Severity::Error);
    let would_change = !(result.changes.is_empty() && ticks.changes.is_empty());
    let not_landed = result.count(Landed::ChangedOnDisk) + result.count(Landed::Failed);
    // Archiving refused (the archive is not ike's, or outside the vault) is a fix not done.
    let refused = result
        .problems
        .iter()
        .any(|p| matches!(p.kind, ProblemKind::NotIkeOutput | ProblemKind::OutsideRoot));
    // A ticked recurring task whose series could not go on is the user's to fix.
    Ok(
        if drift || (args.check && would_change) || result.held > 0 || not_landed > 0 || refused {
            ExitCode::Found
        } else {
            ExitCode::Success
        },
    )
}

/// The changes as one (path, old, new) per file. Without writing, every source's move
/// into the archive is planned against the archive as it is on disk, so the archive shows
/// up once per source: its appends are put together in order, into one diff that applies.
fn one_diff_per_file<'a>(
    changes: impl Iterator<Item = &'a crate::fix::FileChange>,
) -> Vec<(&'a str, &'a str, String)> {
    let mut files: Vec<(&'a str, &'a str, String)> = Vec::new();
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

/// The 1-based line of the first byte where `new` differs from `old`.
fn first_changed_line(old: &str, new: &str) -> usize {
    let at = old
        .bytes()
        .zip(new.bytes())
        .position(|(a, b)| a != b)
        .unwrap_or(old.len().min(new.len()));
    1 + old.as_bytes()[..at].iter().filter(|b| **b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::first_changed_line;

    #[test]
    fn the_first_changed_line() {
        for (old, new, want) in [
            ("a\nb\n", "a\nb ✅ 2026-11-21\n", 2),
            ("a\nb\n", "x\na\nb\n", 1),
            ("a\nb\n", "a\nb\nc\n", 3),
            ("", "a\n", 1),
        ] {
            assert_eq!(first_changed_line(old, new), want, "{old:?} → {new:?}");
        }
    }
}
