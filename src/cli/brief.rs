//! `ike brief NAME`: scan, pick one person's open delegated tasks, render the message, and
//! write it — to stdout, or to an output file as `ike digest` writes its own.

use super::args::{BriefArgs, BriefFormat};
use super::digest::write_output;
use super::sink::Sink;
use crate::exit_code::ExitCode;
use crate::settings::Settings;
use std::path::{Path, PathBuf};

pub(super) fn run(
    settings: &Settings,
    args: &BriefArgs,
    out: &mut Sink,
) -> anyhow::Result<ExitCode> {
    let target = args.out.as_deref().map(|p| {
        PathBuf::from(
            p.to_string_lossy()
                .replace("{date}", &settings.today.to_string()),
        )
    });
    let mut discover = settings.discover.clone();
    discover.own_outputs.extend(args.out.clone());
    let json = args.format == BriefFormat::Json;
    let vault = super::Load::new(settings, &discover)
        .with_progress(json)
        .all();
    super::list::report(&vault.all_problems(), settings.color);
    let brief = crate::brief::build(
        &vault.documents,
        &args.name,
        settings.today,
        &settings.classify,
    );
    let text = match args.format {
        BriefFormat::Json => {
            let mut text = serde_json::to_string_pretty(&brief)?;
            text.push('\n');
            text
        }
        BriefFormat::Md => {
            let prefix = match target.as_deref().and_then(Path::parent) {
                Some(dir) if dir.as_os_str().is_empty() => {
                    crate::relative_path::link_prefix(Path::new("."), &settings.root)
                }
                Some(dir) => crate::relative_path::link_prefix(dir, &settings.root),
                None => String::new(),
            };
            crate::brief::render_markdown(&brief, &prefix)
        }
    };
    drop(brief);
    super::forget(vault);
    match target {
        None => {
            out.write_str(&text)?;
            Ok(ExitCode::Success)
        }
        Some(path) => write_output(
            &path,
            &crate::output_file::mark_digest(&text),
            false,
            true,
            "brief",
            out,
        ),
    }
}
