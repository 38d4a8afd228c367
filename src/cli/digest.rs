//! `ike digest`: scan, classify, build the digest, render it, and write it — to stdout, or
//! to a file (atomically, only when its bytes change), or compare with `--check`.

use super::args::{DigestArgs, DigestFormat};
use super::sink::Sink;
use crate::digest::Digest;
use crate::exit_code::ExitCode;
use crate::settings::Settings;
use crate::write::WriteOutcome;
use anyhow::Context;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Where the digest goes: `--out` (relative to the working directory), else the config's
/// `digest.out` (relative to the vault root); `{date}` expands. `None`: stdout.
pub fn output_path(settings: &Settings, flag: Option<&Path>) -> Option<PathBuf> {
    output_template(settings, flag).map(|p| expand(&p, settings.today))
}

/// `template` with `{date}` replaced by `today`.
fn expand(template: &Path, today: NaiveDate) -> PathBuf {
    PathBuf::from(
        template
            .to_string_lossy()
            .replace("{date}", &today.to_string()),
    )
}

/// The output path before `{date}` expands: ike's own output on every day, never a note.
pub fn output_template(settings: &Settings, flag: Option<&Path>) -> Option<PathBuf> {
    match flag {
        Some(path) => Some(path.to_path_buf()),
        None => settings
            .digest
            .out
            .as_deref()
            .map(|p| settings.vault.join(p)),
    }
}

/// The text of a digest already built (as `ike watch` builds it, from the rows it keeps).
pub fn render_built(
    digest: &Digest<'_>,
    settings: &Settings,
    format: DigestFormat,
    out: Option<&Path>,
) -> String {
    let mut bytes = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_built(digest, settings, format, out, &mut bytes);
    String::from_utf8(bytes).unwrap_or_default()
}

fn write_built(
    digest: &Digest<'_>,
    settings: &Settings,
    format: DigestFormat,
    out: Option<&Path>,
    sink: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let prefix = || match out.and_then(Path::parent) {
        Some(dir) => {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            crate::relative_path::link_prefix(dir, &settings.root)
        }
        None => String::new(),
    };
    match format {
        DigestFormat::Md => {
            let prefix = prefix();
            let root = settings.root.to_string_lossy();
            let style = crate::digest::MarkdownStyle {
                link_prefix: &prefix,
                root: &root,
                links: settings.digest.links,
            };
            crate::digest::write_markdown_at(digest, &style, sink)
        }
        DigestFormat::Html => crate::digest::write_html_at(digest, &prefix(), sink),
        DigestFormat::Json => crate::digest::write_json(digest, sink),
    }
}

pub(crate) fn run(
    settings: &Settings,
    args: &DigestArgs,
    out: &mut Sink,
) -> anyhow::Result<ExitCode> {
    let target = output_path(settings, args.out.as_deref());
    // Arguments are checked before the vault is scanned.
    if let Err(message) = check_target(target.as_deref(), args.check) {
        eprintln!("ike: error: {message}");
        return Ok(ExitCode::Error);
    }
    let mut discover = settings.discover.clone();
    discover
        .own_outputs
        .extend(output_template(settings, args.out.as_deref()));
    if !settings.digest.sections.queries.is_empty() {
        // Each note also keeps the tasks a query section can show, decided as it is read.
        let plugin = crate::obsidian::read(&settings.vault)
            .tasks
            .unwrap_or_default();
        let sections = &settings.digest.sections.queries;
        let queries = crate::digest::section_queries(sections, &plugin, settings.today);
        let queries: Vec<&crate::query::Query> = queries.iter().collect();
        let sieve = crate::query::note::Sieve::new(
            &queries,
            settings.today,
            &settings.classify,
            &settings.statuses,
        );
        let scan = super::Scan {
            settings,
            discover: &discover,
            json_output: args.format == DigestFormat::Json,
            detail: super::load::Detail::Values,
        };
        let (sheets, notes, deps) = scan.sheets_with(&|doc| sieve.copy(doc));
        let mut digest = crate::digest::build_sheets(
            &sheets,
            settings.today,
            &settings.classify,
            &settings.digest,
        );
        let run = settings.query_run(&plugin);
        digest.custom = crate::digest::run_query_notes(sections, &notes, &deps, &run);
        let code = finish(settings, args, out, target, &digest);
        drop(digest);
        super::forget((sheets, notes));
        return code;
    }
    let json = args.format == DigestFormat::Json;
    let sheets = super::scan_sheets(settings, &discover, json, settings.digest.max_items);
    let digest = crate::digest::build_sheets(
        &sheets,
        settings.today,
        &settings.classify,
        &settings.digest,
    );

    let code = finish(settings, args, out, target, &digest);
    drop(digest);
    super::forget(sheets);
    code
}

/// Write a digest built with query sections where [`run`] writes the others.
fn finish(
    settings: &Settings,
    args: &DigestArgs,
    out: &mut Sink,
    target: Option<PathBuf>,
    digest: &Digest<'_>,
) -> anyhow::Result<ExitCode> {
    let Some(path) = target else {
        write_built(digest, settings, args.format, None, out.writer())?;
        return Ok(ExitCode::Success);
    };
    if args.out.is_none() {
        if let Some(out) = &settings.digest.out {
            let rel = expand(Path::new(out), settings.today);
            if let Err(why) = crate::output_file::inside_root(&settings.vault, &rel, "digest.out") {
                eprintln!("ike: error: {why}");
                return Ok(ExitCode::Error);
            }
        }
    }
    let text =
        crate::output_file::mark_digest(&render_built(digest, settings, args.format, Some(&path)));
    write_output(&path, &text, args.check, args.quiet, "digest", out)
}

/// Write `text` to the output file `path` (ike's own: a digest, a calendar, a brief)
/// atomically, only when its bytes change, and never over a file ike did not write (see
/// [`crate::output_file`]); with `check`, write nothing and print a diff instead (exit 1
/// when it differs). `what` names the output in messages; unless `quiet`, one line on
/// stderr says what was created and written.
pub(super) fn write_output(
    path: &Path,
    text: &str,
    check: bool,
    quiet: bool,
    what: &str,
    out: &mut Sink,
) -> anyhow::Result<ExitCode> {
    let say = |what: std::fmt::Arguments<'_>| {
        if !quiet {
            eprintln!("ike: {what}");
        }
    };
    let shown = crate::escape::display(&path.to_string_lossy()).into_owned();
    let on_disk = match crate::safe_read::read_regular(
        path,
        crate::output_file::OUTPUT_LIMIT,
        crate::safe_read::Links::Refuse,
    ) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.is_not_found() => None,
        Err(e) => {
            eprintln!("ike: error: {shown}: {e}; the {what} is not written there");
            return Ok(ExitCode::Error);
        }
    };
    let unchanged = on_disk.as_deref() == Some(text.as_bytes());
    if check {
        if unchanged {
            return Ok(ExitCode::Success);
        }
        let old = on_disk
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        out.write_str(&crate::diff::unified(&path.to_string_lossy(), &old, text))?;
        return Ok(ExitCode::Found);
    }
    if unchanged {
        say(format_args!("{shown} is up to date"));
        return Ok(ExitCode::Success);
    }
    if on_disk
        .as_deref()
        .is_some_and(|b| !crate::output_file::is_marked(b))
    {
        eprintln!("ike: error: {}", crate::output_file::not_ours(path));
        return Ok(ExitCode::Error);
    }
    if let Some(dir) = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && !d.is_dir())
    {
        let dir_shown = crate::escape::display(&dir.to_string_lossy()).into_owned();
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the folder {dir_shown}"))?;
        say(format_args!("created the folder {dir_shown}"));
    }
    let original = on_disk.unwrap_or_default();
    if crate::write::write_guarded(path, &original, text.as_bytes())? == WriteOutcome::ChangedOnDisk
    {
        eprintln!(
            "ike: error: {shown}: changed on disk while writing the {what}; not replaced (run again)"
        );
        return Ok(ExitCode::Error);
    }
    say(format_args!("wrote {shown}"));
    Ok(ExitCode::Success)
}

/// What is wrong with where the digest would go, before anything is scanned.
fn check_target(target: Option<&Path>, check: bool) -> Result<(), String> {
    match target {
        None if check => Err(
            "--check compares with a file: give --out FILE or set digest.out in .ike.yaml".into(),
        ),
        Some(path) if path.is_dir() => Err(format!(
            "{}: a folder; give a file to write the digest to, e.g. {}",
            path.display(),
            path.join("{date}.md").display()
        )),
        _ => Ok(()),
    }
}
