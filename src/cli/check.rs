//! `ike check`: every problem parsing found, plus the vault-wide lints, with source
//! snippets; exit 1 when any is an error.

use super::sink::Sink;
use crate::exit_code::ExitCode;
use crate::line_index::LineIndex;
use crate::output::diagnostic;
use crate::problem::Severity;
use crate::settings::Settings;

pub fn run(settings: &Settings, out: &mut Sink) -> anyhow::Result<ExitCode> {
    let vault = super::scan_vault(settings, &settings.discover, false);
    let mut problems = vault.all_problems();
    problems.extend(crate::check::lint(&vault, settings.me.as_deref()));
    problems.sort();
    problems.dedup();
    // The file of the problems at hand, and its line index (built once per file).
    let mut source: Option<(String, Option<(String, LineIndex)>)> = None;
    let mut text = String::new();
    for p in &problems {
        if source.as_ref().is_none_or(|(path, _)| path != &p.path) {
            let contents = std::fs::read_to_string(settings.root.join(&p.path)).ok();
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
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    text.push_str(&format!(
        "{} file{} checked: {errors} error{}, {warnings} warning{}\n",
        vault.documents.len(),
        plural(vault.documents.len()),
        plural(errors),
        plural(warnings)
    ));
    out.write_str(&text)?;
    super::forget(vault);
    Ok(if errors > 0 {
        ExitCode::Found
    } else {
        ExitCode::Success
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
