//! The template folders Obsidian's plugins name: the core Templates plugin's
//! `.obsidian/templates.json` (key `folder`) and Templater's
//! `.obsidian/plugins/templater-obsidian/data.json` (key `templates_folder`). Notes in them
//! are templates, not notes: discovery skips them (docs/configuration.md, `templates`).

use super::tasks_plugin::Malformed;
use serde::Deserialize;

/// The core Templates plugin's settings, relative to the vault root.
pub(crate) const CORE_PATH: &str = ".obsidian/templates.json";

/// Templater's settings, relative to the vault root.
pub(crate) const TEMPLATER_PATH: &str = ".obsidian/plugins/templater-obsidian/data.json";

/// The plugin whose settings file a text is (the two name the folder under different keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TemplatePlugin {
    /// The core Templates plugin, `templates.json`: key `folder`.
    Core,
    /// Templater's `data.json`: key `templates_folder`.
    Templater,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Raw {
    folder: Option<String>,
    templates_folder: Option<String>,
}

/// The vault-relative, `/`-separated template folder a settings file names, if any.
pub(crate) fn parse(text: &str, plugin: TemplatePlugin) -> Result<Option<String>, Malformed> {
    let raw: Raw = serde_json::from_str(text).map_err(|e| Malformed {
        line: e.line().max(1),
        column: e.column().max(1),
        message: e.to_string(),
    })?;
    let folder = match plugin {
        TemplatePlugin::Core => raw.folder,
        TemplatePlugin::Templater => raw.templates_folder,
    };
    Ok(folder.and_then(|f| clean(&f)))
}

/// `Templates/`, `/Templates`, `./Meta\Templates` → `Templates`, `Meta/Templates`; the
/// vault root itself (empty, `/`) is no template folder.
fn clean(folder: &str) -> Option<String> {
    let parts: Vec<&str> = folder
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, plugin: TemplatePlugin, want: Result<Option<&str>, ()>) {
        let got = parse(text, plugin);
        assert_eq!(
            got.as_ref().map(|f| f.as_deref()).map_err(|_| ()),
            want,
            "{text} ({plugin:?})"
        );
    }

    #[test]
    fn reads_the_folder() {
        use TemplatePlugin::{Core, Templater};
        let rows = [
            (r#"{"folder": "Templates"}"#, Core, Ok(Some("Templates"))),
            (
                r#"{"folder": "/Meta/Templates/"}"#,
                Core,
                Ok(Some("Meta/Templates")),
            ),
            (r#"{"folder": "./Meta\\Tpl"}"#, Core, Ok(Some("Meta/Tpl"))),
            (r#"{"folder": "/"}"#, Core, Ok(None)),
            (r#"{"folder": ""}"#, Core, Ok(None)),
            (r#"{"templates_folder": "Templates"}"#, Core, Ok(None)),
            (
                r#"{"templates_folder": "Tpl", "trigger_on_file_creation": true}"#,
                Templater,
                Ok(Some("Tpl")),
            ),
            ("{}", Templater, Ok(None)),
            ("{\"folder\": 3}", Core, Err(())),
            ("not json", Core, Err(())),
        ];
        for (text, plugin, want) in rows {
            check(text, plugin, want);
        }
    }
}
