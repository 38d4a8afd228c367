//! The Obsidian Tasks plugin's settings file, `.obsidian/plugins/obsidian-tasks-plugin/
//! data.json`: the global filter, whether it is removed from descriptions, the task format
//! the status list, the global query and the query presets. Read with serde into ike's own types; every other key is ignored.
//! docs/configuration.md ("Obsidian settings") says how each value is used.

use serde::Deserialize;

/// Where the plugin keeps its settings, relative to the vault root.
pub(crate) const PATH: &str = ".obsidian/plugins/obsidian-tasks-plugin/data.json";

/// The metadata format the plugin writes (its `taskFormat`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskFormat {
    /// `tasksPluginEmoji`: `📅 2026-11-21`.
    Emoji,
    /// `dataview`: `[due:: 2026-11-21]`.
    Dataview,
}

/// What a status means to the plugin (its "status type").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatusType {
    /// Not started.
    Todo,
    /// Started.
    InProgress,
    /// Waiting; still open to the plugin.
    OnHold,
    /// Finished.
    Done,
    /// Dropped.
    Cancelled,
    /// A checkbox that is no task at all (pros and cons lists and the like).
    NonTask,
}

impl StatusType {
    /// The type named in the file. The plugin reads an unknown or missing type as `TODO`.
    fn from_name(name: &str) -> Self {
        match name {
            "IN_PROGRESS" => Self::InProgress,
            "ON_HOLD" => Self::OnHold,
            "DONE" => Self::Done,
            "CANCELLED" => Self::Cancelled,
            "NON_TASK" => Self::NonTask,
            _ => Self::Todo,
        }
    }
}

/// One status of the plugin's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusDef {
    /// The character between the brackets.
    pub symbol: char,
    /// The user's name for it (`In Progress`, `Important`).
    pub name: String,
    /// What it means.
    pub kind: StatusType,
    /// The character the plugin writes when the checkbox is clicked: what `ike done` and
    /// `ike fix` should write to move a task on from this status (none when unset).
    pub next_symbol: Option<char>,
}

/// The plugin's settings that ike uses.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct TasksPlugin {
    /// Only checkbox items whose first line contains this text are tasks (none: all are).
    pub global_filter: Option<String>,
    /// Remove the global filter from descriptions.
    pub remove_global_filter: bool,
    /// The format new metadata is written in (none when the file does not say).
    pub task_format: Option<TaskFormat>,
    /// Core statuses first, then custom ones; the first of a symbol wins, as in the plugin.
    pub statuses: Vec<StatusDef>,
    /// The global query, put in front of every query (`ike query`); none when empty.
    pub global_query: Option<String>,
    /// Named query texts that a query's `preset NAME` line stands for.
    pub presets: std::collections::BTreeMap<String, String>,
}

/// The file as written: only the keys ike reads, all optional.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Raw {
    global_filter: Option<String>,
    remove_global_filter: Option<bool>,
    task_format: Option<String>,
    status_settings: Option<RawStatusSettings>,
    global_query: Option<String>,
    presets: Option<std::collections::BTreeMap<String, String>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct RawStatusSettings {
    core_statuses: Vec<RawStatus>,
    custom_statuses: Vec<RawStatus>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct RawStatus {
    symbol: Option<String>,
    name: Option<String>,
    next_status_symbol: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
}

/// A `data.json` that could not be read as the plugin's settings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub(crate) struct Malformed {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Read the text of a `data.json`.
pub(crate) fn parse(text: &str) -> Result<TasksPlugin, Malformed> {
    let raw: Raw = serde_json::from_str(text).map_err(|e| Malformed {
        line: e.line().max(1),
        column: e.column().max(1),
        message: e.to_string(),
    })?;
    let mut statuses: Vec<StatusDef> = Vec::new();
    let status_settings = raw.status_settings.unwrap_or_default();
    for s in status_settings
        .core_statuses
        .into_iter()
        .chain(status_settings.custom_statuses)
    {
        // A status without exactly one symbol character cannot match a checkbox.
        let Some(symbol) = single_char(s.symbol.as_deref().unwrap_or(" ")) else {
            continue;
        };
        if statuses.iter().any(|d| d.symbol == symbol) {
            continue;
        }
        statuses.push(StatusDef {
            symbol,
            name: s.name.unwrap_or_default(),
            kind: StatusType::from_name(s.kind.as_deref().unwrap_or("")),
            next_symbol: s.next_status_symbol.as_deref().and_then(single_char),
        });
    }
    Ok(TasksPlugin {
        global_filter: raw.global_filter.filter(|f| !f.is_empty()),
        remove_global_filter: raw.remove_global_filter.unwrap_or(false),
        task_format: raw.task_format.as_deref().and_then(|f| match f {
            "tasksPluginEmoji" => Some(TaskFormat::Emoji),
            "dataview" => Some(TaskFormat::Dataview),
            _ => None,
        }),
        statuses,
        global_query: raw.global_query.filter(|q| !q.trim().is_empty()),
        presets: raw.presets.unwrap_or_default(),
    })
}

fn single_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(symbol: char, name: &str, kind: StatusType, next: Option<char>) -> StatusDef {
        StatusDef {
            symbol,
            name: name.to_owned(),
            kind,
            next_symbol: next,
        }
    }

    #[track_caller]
    fn check(json: &str, want: Result<TasksPlugin, (usize, usize)>) {
        let got = parse(json).map_err(|e| (e.line, e.column));
        assert_eq!(got, want, "json: {json}");
    }

    #[test]
    fn reads_the_keys_ike_uses() {
        let full = r##"{
  "globalFilter": "#task",
  "removeGlobalFilter": true,
  "taskFormat": "dataview",
  "setDoneDate": true,
  "statusSettings": {
    "coreStatuses": [
      {"symbol": " ", "name": "Todo", "nextStatusSymbol": "x", "availableAsCommand": true, "type": "TODO"},
      {"symbol": "x", "name": "Done", "nextStatusSymbol": " ", "availableAsCommand": true, "type": "DONE"}
    ],
    "customStatuses": [
      {"symbol": "/", "name": "In Progress", "nextStatusSymbol": "x", "type": "IN_PROGRESS"},
      {"symbol": "x", "name": "Shadowed", "nextStatusSymbol": " ", "type": "CANCELLED"},
      {"symbol": "~", "name": "Pro", "nextStatusSymbol": "~", "type": "NON_TASK"},
      {"symbol": "h", "name": "On hold", "nextStatusSymbol": "", "type": "ON_HOLD"},
      {"symbol": "!", "name": "Old", "nextStatusSymbol": "x"},
      {"symbol": "ab", "name": "Two chars", "type": "DONE"}
    ]
  }
}"##;
        check(
            full,
            Ok(TasksPlugin {
                global_filter: Some("#task".into()),
                remove_global_filter: true,
                task_format: Some(TaskFormat::Dataview),
                statuses: vec![
                    status(' ', "Todo", StatusType::Todo, Some('x')),
                    status('x', "Done", StatusType::Done, Some(' ')),
                    status('/', "In Progress", StatusType::InProgress, Some('x')),
                    status('~', "Pro", StatusType::NonTask, Some('~')),
                    status('h', "On hold", StatusType::OnHold, None),
                    status('!', "Old", StatusType::Todo, Some('x')),
                ],
                ..TasksPlugin::default()
            }),
        );
        check(
            r#"{"globalQuery": "not done\nlimit 50", "presets": {"mine": "tags include me"}}"#,
            Ok(TasksPlugin {
                global_query: Some("not done\nlimit 50".into()),
                presets: [("mine".to_owned(), "tags include me".to_owned())]
                    .into_iter()
                    .collect(),
                ..TasksPlugin::default()
            }),
        );
        check(r#"{"globalQuery": "  "}"#, Ok(TasksPlugin::default()));
        check("{}", Ok(TasksPlugin::default()));
        check(
            r#"{"globalFilter": "", "taskFormat": "tasksPluginEmoji"}"#,
            Ok(TasksPlugin {
                task_format: Some(TaskFormat::Emoji),
                ..TasksPlugin::default()
            }),
        );
    }

    #[test]
    fn malformed_files_say_where() {
        check("{\n  \"globalFilter\": \"#task\",\n}", Err((3, 1)));
        check("{\"removeGlobalFilter\": \"yes\"}", Err((1, 28)));
        check("", Err((1, 1)));
        check("[1, 2]", Err((1, 2)));
    }
}
