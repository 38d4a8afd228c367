//! Settings stage, Obsidian's half: what a vault's `.obsidian/` folder says about reading
//! its notes. One file per settings file read: the Tasks plugin's `data.json`
//! ([`tasks_plugin`]), the template folders ([`templates`]). Settings resolution
//! (`cli/resolve.rs`) turns these into plain settings for discovery, parsing and fixes;
//! `.ike.yaml` overrides each. The `obsidian_compat` lint of `ike check` is [`compat`].

pub(crate) mod compat;
pub(crate) mod tasks_plugin;
pub(crate) mod templates;

pub(crate) use tasks_plugin::{StatusDef, StatusType, TaskFormat, TasksPlugin};

use crate::problem::{Problem, ProblemKind};
use std::path::Path;

/// What `.obsidian/` says, read once per run.
#[derive(Debug, Clone, Default)]
pub(crate) struct Obsidian {
    /// The Tasks plugin's settings, when its `data.json` exists and reads.
    pub tasks: Option<TasksPlugin>,
    /// Vault-relative folders of templates (core Templates plugin, Templater).
    pub template_folders: Vec<String>,
    /// Settings files that exist but could not be read, with their vault-relative path.
    pub problems: Vec<Problem>,
}

/// Read the settings files of the vault rooted at `vault`. A missing file is no problem;
/// an unreadable or malformed one is a problem, and its values are left at their defaults.
pub(crate) fn read(vault: &Path) -> Obsidian {
    let mut out = Obsidian::default();
    if let Some(text) = read_text(vault, tasks_plugin::PATH, &mut out.problems) {
        match tasks_plugin::parse(&text) {
            Ok(plugin) => out.tasks = Some(plugin),
            Err(e) => out.problems.push(malformed(tasks_plugin::PATH, &e)),
        }
    }
    for (path, plugin) in [
        (templates::CORE_PATH, templates::TemplatePlugin::Core),
        (
            templates::TEMPLATER_PATH,
            templates::TemplatePlugin::Templater,
        ),
    ] {
        if let Some(text) = read_text(vault, path, &mut out.problems) {
            match templates::parse(&text, plugin) {
                Ok(Some(folder)) if !out.template_folders.contains(&folder) => {
                    out.template_folders.push(folder);
                }
                Ok(_) => {}
                Err(e) => out.problems.push(malformed(path, &e)),
            }
        }
    }
    out
}

/// The text of `vault/rel`; `None` when it does not exist (or cannot be read: a problem).
fn read_text(vault: &Path, rel: &str, problems: &mut Vec<Problem>) -> Option<String> {
    match std::fs::read(vault.join(rel)) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(text),
            Err(_) => {
                problems.push(
                    Problem::error(
                        ProblemKind::BadObsidianSettings,
                        1,
                        1,
                        "Obsidian settings file is not UTF-8; ignored, ike uses its defaults",
                    )
                    .at_path(rel),
                );
                None
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            problems.push(
                Problem::error(
                    ProblemKind::BadObsidianSettings,
                    1,
                    1,
                    format!("cannot read Obsidian settings ({e}); ike uses its defaults"),
                )
                .at_path(rel),
            );
            None
        }
    }
}

fn malformed(rel: &str, e: &tasks_plugin::Malformed) -> Problem {
    Problem::error(
        ProblemKind::BadObsidianSettings,
        e.line,
        e.column,
        format!(
            "malformed Obsidian settings ({}); ignored, ike uses its defaults (fix the file, or set the values in .ike.yaml)",
            e.message
        ),
    )
    .at_path(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vault(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        for (rel, text) in files {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        dir
    }

    #[test]
    fn reads_every_settings_file() {
        let dir = vault(&[
            (tasks_plugin::PATH, r##"{"globalFilter": "#task"}"##),
            (templates::CORE_PATH, r#"{"folder": "Templates"}"#),
            (
                templates::TEMPLATER_PATH,
                r#"{"templates_folder": "Meta/Templater"}"#,
            ),
        ]);
        let o = read(dir.path());
        assert_eq!(
            o.tasks.and_then(|t| t.global_filter).as_deref(),
            Some("#task")
        );
        assert_eq!(o.template_folders, ["Templates", "Meta/Templater"]);
        assert!(o.problems.is_empty(), "{:?}", o.problems);
    }

    #[test]
    fn missing_files_are_no_problem_and_bad_ones_are() {
        assert!(read(vault(&[]).path()).problems.is_empty());
        let dir = vault(&[
            (tasks_plugin::PATH, "{\n  \"globalFilter\": 3\n}"),
            (templates::CORE_PATH, r#"{"folder": "Same"}"#),
            (templates::TEMPLATER_PATH, r#"{"templates_folder": "Same"}"#),
        ]);
        let o = read(dir.path());
        assert_eq!(o.tasks, None);
        assert_eq!(o.template_folders, ["Same"]);
        let at: Vec<_> = o
            .problems
            .iter()
            .map(|p| (p.path.as_str(), p.line, p.column, p.kind.code()))
            .collect();
        assert_eq!(at, [(tasks_plugin::PATH, 2, 19, "bad-obsidian-settings")]);
    }
}
