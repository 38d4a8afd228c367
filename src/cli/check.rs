//! `ike check`: every problem parsing found, plus the vault-wide lints, with source
//! snippets (or as JSON, or as GitHub Actions annotations); exit 1 when any is an error.

use super::args::{CheckArgs, CheckFormat};
use super::sink::Sink;
use crate::exit_code::ExitCode;
use crate::line_index::LineIndex;
use crate::output::{diagnostic, github};
use crate::problem::{Problem, Severity};
use crate::settings::Settings;
use std::path::Path;

pub(super) fn run(
    settings: &Settings,
    args: &CheckArgs,
    out: &mut Sink,
) -> anyhow::Result<ExitCode> {
    let json = args.format == CheckFormat::Json;
    let vault = super::Load::new(settings, &settings.discover)
        .with_progress(json)
        .all();
    let mut problems = vault.all_problems();
    problems.extend(crate::check::lint(&vault, settings.me()));
    if settings.check.obsidian_compat {
        problems.extend(obsidian_compat(&vault, settings));
    }
    problems.sort();
    problems.dedup();
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    let files = vault.documents.len();
    let text = match args.format {
        CheckFormat::Text => text(settings, &problems, files, errors, warnings),
        CheckFormat::Github => annotations(&settings.root, &problems),
        CheckFormat::Json => {
            let mut text = serde_json::to_string_pretty(&CheckJson {
                files,
                errors,
                warnings,
                problems: &problems,
            })?;
            text.push('\n');
            text
        }
    };
    out.write_str(&text)?;
    super::forget(vault);
    Ok(if errors > 0 {
        ExitCode::Found
    } else {
        ExitCode::Success
    })
}

/// The `obsidian_compat` lint, for the documents whose tasks carry metadata (their text
/// is read again: documents do not keep it). A file changed since the scan may give
/// positions that moved; it is read as it is now, like the snippets.
fn obsidian_compat(
    vault: &crate::model::Vault,
    settings: &Settings,
) -> Vec<crate::problem::Problem> {
    use crate::model::FieldKey;
    let mut out = Vec::new();
    for doc in &vault.documents {
        let has_fields = doc
            .tasks
            .iter()
            .any(|t| t.fields.iter().any(|f| f.key != FieldKey::Tag));
        if !has_fields {
            continue;
        }
        if let Ok(src) = std::fs::read_to_string(settings.root.join(&doc.path)) {
            out.extend(crate::obsidian::compat::lint(
                doc,
                &src,
                settings.task_format,
            ));
        }
    }
    out
}

/// `ike check --format json`: counts, then the problems as `ike list` writes them.
#[derive(serde::Serialize)]
struct CheckJson<'a> {
    files: usize,
    errors: usize,
    warnings: usize,
    problems: &'a [Problem],
}

fn text(
    settings: &Settings,
    problems: &[Problem],
    files: usize,
    errors: usize,
    warnings: usize,
) -> String {
    // The file of the problems at hand, and its line index (built once per file).
    let mut source: Option<(String, Option<(String, LineIndex)>)> = None;
    let mut text = String::new();
    for p in problems {
        if source.as_ref().is_none_or(|(path, _)| path != &p.path) {
            let contents = crate::safe_read::read_regular(
                &settings.root.join(&p.path),
                settings.discover.max_file_size,
                crate::safe_read::Links::Follow,
            )
            .ok()
            .and_then(|b| String::from_utf8(b).ok());
            let indexed = contents.map(|c| {
                let index = LineIndex::new(&c);
                (c, index)
            });
            source = Some((p.path.clone(), indexed));
        }
        let src = source
            .as_ref()
            .and_then(|(_, s)| s.as_ref())
            .map(|(text, index)| (text.as_str(), index));
        text.push_str(&diagnostic::render_with_snippet_in(p, src, settings.color));
        text.push('\n');
    }
    text.push_str(&format!(
        "{files} file{} checked: {errors} error{}, {warnings} warning{}\n",
        plural(files),
        plural(errors),
        plural(warnings)
    ));
    text
}

/// One workflow command per problem, its file named from the working directory (where a
/// workflow runs: the repository's root).
pub(super) fn annotations(root: &Path, problems: &[Problem]) -> String {
    let mut text = String::new();
    for p in problems {
        text.push_str(&github::command(p, &from_cwd(root, &p.path)));
        text.push('\n');
    }
    text
}

/// `root/rel` as a `/`-separated path, without a leading `./`.
fn from_cwd(root: &Path, rel: &str) -> String {
    let root = root.to_string_lossy().replace('\\', "/");
    let root = root.trim_start_matches("./").trim_end_matches('/');
    if root.is_empty() || root == "." {
        rel.to_owned()
    } else {
        format!("{root}/{rel}")
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
