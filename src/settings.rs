//! Resolved settings: built-in defaults < `.ike.yaml` < flags, resolved once at the top.
//! Each stage then gets only the part it needs.

use crate::check::CheckSettings;
use crate::classify::ClassifySettings;
use crate::cli::args::{ColorWhen, GlobalArgs};
use crate::config::{self, Config, ConfigError};
use crate::digest::DigestSettings;
use crate::fix::{DefaultSyntax, FixSettings};
use crate::model::Status;
use crate::obsidian::{Obsidian, StatusDef, StatusType, TaskFormat};
use crate::parse::{GlobalFilter, ParseOptions};
use crate::people::Roster;
use crate::problem::Problem;
use crate::vault::Store;
use crate::vault::discover::{DEFAULT_MAX_FILE_SIZE, DiscoverOptions};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// What the process environment says, read once by the binary.
#[derive(Debug, Clone, Copy)]
pub struct Environment {
    /// The local date (used when `--today` is not given).
    pub local_today: NaiveDate,
    /// `NO_COLOR` is set to a non-empty value.
    pub no_color: bool,
    /// Standard output is a terminal.
    pub stdout_is_terminal: bool,
    /// The terminal's width in columns: `COLUMNS`, else the size of the terminal on
    /// stdout; `None` when neither says (output to a file or pipe).
    pub terminal_width: Option<usize>,
}

/// Everything a command needs, resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The folder scanned, as given (paths in output are relative to it).
    pub root: PathBuf,
    /// The vault root `root` belongs to: settings, `.obsidian/`, the cache and relative
    /// output paths are its (see [`crate::vault_root`]).
    pub vault: PathBuf,
    /// Problems met reading settings that did not stop the run (a malformed Obsidian
    /// settings file), positioned relative to `root`; every command reports them.
    pub problems: Vec<Problem>,
    /// The run's date.
    pub today: NaiveDate,
    /// Colour on stdout.
    pub color: bool,
    /// The config file used, if any.
    pub config_path: Option<PathBuf>,
    /// The raw config (sections read by later stages).
    pub config: Config,
    /// Discovery settings.
    pub discover: DiscoverOptions,
    /// Parse settings.
    pub parse: ParseOptions,
    /// Use the persistent cache in `ROOT/.ike/cache` (off with `--no-cache` or `cache: false`).
    pub cache: bool,
    /// The user's own assignee name.
    pub me: Option<String>,
    /// Classification settings (`me` filled in).
    pub classify: ClassifySettings,
    /// Digest settings.
    pub digest: DigestSettings,
    /// Fix settings.
    pub fix: FixSettings,
    /// `ike check`'s opt-in lints.
    pub check: CheckSettings,
    /// The syntax the Obsidian Tasks plugin reads and writes (its task format; emoji when
    /// it does not say), for the `obsidian_compat` lint.
    pub task_format: TaskFormat,
    /// The Obsidian Tasks plugin's statuses (names and next symbols), as its settings
    /// list them: `next_symbol` is what moving a task on from a status writes into its
    /// checkbox (for `ike done` and `ike fix`). Empty without the plugin's settings.
    pub statuses: Vec<StatusDef>,
}

impl Settings {
    /// Each status symbol's next symbol, from the plugin's status settings (what `ike done`
    /// and a tick in the digest write into a box that holds that symbol). The first
    /// definition of a symbol wins, as in the plugin.
    pub fn next_symbols(&self) -> std::collections::BTreeMap<char, char> {
        let mut next = std::collections::BTreeMap::new();
        for d in &self.statuses {
            if let Some(n) = d.next_symbol {
                next.entry(d.symbol).or_insert(n);
            }
        }
        next
    }

    /// The persistent cache of this run: the vault's, covering the scanned folder.
    pub fn cache_store(&self) -> Store {
        Store::new(&self.vault, &self.root)
    }
}

/// Why settings could not be resolved.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The root folder does not exist.
    #[error("{0}: no such folder (give the folder of your notes as ROOT)")]
    NoRoot(PathBuf),
    /// The root is a file, not a folder.
    #[error("{0}: a file, not a folder (give the folder of your notes as ROOT)")]
    RootNotFolder(PathBuf),
    /// The config file is unusable.
    #[error(transparent)]
    Config(#[from] ConfigError),
}

/// Resolve settings for a command scanning `root`.
pub fn resolve(
    global: &GlobalArgs,
    root: Option<&Path>,
    env: &Environment,
) -> Result<Settings, SettingsError> {
    let root = root.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    if !root.is_dir() {
        return Err(if root.exists() {
            SettingsError::RootNotFolder(root)
        } else {
            SettingsError::NoRoot(root)
        });
    }
    let found = crate::vault_root::find(&root);
    let vault = found.dir;
    let config_path = if global.no_config {
        None
    } else if let Some(path) = &global.config {
        Some(path.clone())
    } else {
        found.config
    };
    let config = match &config_path {
        Some(path) => config::load(path)?,
        None => Config::default(),
    };
    let obsidian = if config.obsidian.unwrap_or(true) {
        crate::obsidian::read(&vault)
    } else {
        Obsidian::default()
    };
    let plugin = obsidian.tasks.clone().unwrap_or_default();
    let mut statuses = std::collections::BTreeMap::new();
    let mut not_tasks = std::collections::BTreeSet::new();
    for def in &plugin.statuses {
        match status_of_type(def.kind) {
            Some(status) => {
                statuses.insert(def.symbol, status);
            }
            None => {
                not_tasks.insert(def.symbol);
            }
        }
    }
    for (key, name) in &config.statuses {
        let mut chars = key.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if name == "non_task" => {
                statuses.remove(&c);
                not_tasks.insert(c);
            }
            (Some(c), None) => {
                not_tasks.remove(&c);
                statuses.insert(c, Status::from_name(name));
            }
            // Keys are one character each: checked with the config file.
            _ => {}
        }
    }
    let filter_text = config
        .global_filter
        .clone()
        .or(plugin.global_filter.clone());
    let global_filter = filter_text
        .filter(|t| !t.is_empty())
        .map(|text| GlobalFilter {
            text,
            remove: config
                .remove_global_filter
                .unwrap_or(plugin.remove_global_filter),
        });
    let mut fix = config.fix.clone();
    if fix.default_syntax.is_none() {
        fix.default_syntax = plugin.task_format.map(|f| match f {
            TaskFormat::Emoji => DefaultSyntax::Emoji,
            TaskFormat::Dataview => DefaultSyntax::Dataview,
        });
    }
    let task_format = match fix.syntax() {
        DefaultSyntax::Emoji => TaskFormat::Emoji,
        DefaultSyntax::Dataview => TaskFormat::Dataview,
    };
    let me = config
        .me
        .clone()
        .map(|m| m.trim_start_matches('@').to_owned());
    let color = color_on(global.color, env);
    // Problems of files at the vault root, shown relative to the scanned folder.
    let to_vault = crate::relative_path::link_prefix(&root, &vault);
    let problems = obsidian
        .problems
        .iter()
        .map(|p| {
            let path = format!("{to_vault}{}", p.path);
            p.clone().at_path(&path)
        })
        .collect();
    let store = Store::new(&vault, &root);
    Ok(Settings {
        today: global.today.unwrap_or(env.local_today),
        color,
        discover: DiscoverOptions {
            exclude: config
                .exclude
                .iter()
                .chain(&config.templates)
                .cloned()
                .chain(obsidian.template_folders.iter().map(|f| format!("/{f}")))
                .collect(),
            glob_prefix: store.prefix.clone(),
            max_file_size: config.max_file_size.map_or(DEFAULT_MAX_FILE_SIZE, |b| b.0),
            follow_links: config.follow_links.unwrap_or(false),
            // Every day's digest (`{date}` kept) is ike's own output, for every command; so
            // is the cache (hidden, so never walked anyway: listed in case that changes).
            own_outputs: config
                .digest
                .out
                .iter()
                .map(|out| vault.join(out))
                .chain([store.dir.clone()])
                .collect(),
        },
        parse: ParseOptions {
            statuses,
            not_tasks,
            global_filter,
            roster: Roster {
                me: me.clone(),
                contexts: config.contexts.clone().map_or_else(
                    || Roster::default().contexts,
                    |list| {
                        list.iter()
                            .map(|c| c.trim_start_matches('@').to_owned())
                            .collect()
                    },
                ),
                people: config.people.clone(),
            },
        },
        cache: !global.no_cache && config.cache.unwrap_or(true),
        me: me.clone(),
        classify: ClassifySettings {
            me,
            ..config.classification.clone()
        },
        digest: config.digest.clone(),
        fix,
        check: config.check.clone(),
        task_format,
        statuses: plugin.statuses,
        problems,
        config_path,
        config,
        root,
        vault,
    })
}

/// ike's status for a plugin status type; `None` for a non-task. `ON_HOLD` is a named
/// status of its own, as `"h": on_hold` in `.ike.yaml` would make it.
fn status_of_type(kind: StatusType) -> Option<Status> {
    match kind {
        StatusType::Todo => Some(Status::Todo),
        StatusType::InProgress => Some(Status::InProgress),
        StatusType::OnHold => Some(Status::Named("on_hold".to_owned())),
        StatusType::Done => Some(Status::Done),
        StatusType::Cancelled => Some(Status::Cancelled),
        StatusType::NonTask => None,
    }
}

/// Colour on stdout: `always`/`never` as asked; `auto` only on a terminal without `NO_COLOR`.
pub fn color_on(when: ColorWhen, env: &Environment) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => env.stdout_is_terminal && !env.no_color,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_choice() {
        let rows = [
            (ColorWhen::Auto, true, false, true),
            (ColorWhen::Auto, true, true, false),
            (ColorWhen::Auto, false, false, false),
            (ColorWhen::Always, false, true, true),
            (ColorWhen::Never, true, false, false),
        ];
        for (when, terminal, no_color, want) in rows {
            let env = Environment {
                local_today: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
                no_color,
                stdout_is_terminal: terminal,
                terminal_width: None,
            };
            assert_eq!(
                color_on(when, &env),
                want,
                "{when:?} terminal={terminal} NO_COLOR={no_color}"
            );
        }
    }
}
