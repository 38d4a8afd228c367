//! Settings resolution: the raw input of a run (the parsed command line, the process
//! environment) plus the settings files it points at (`.ike.yaml`, the vault's
//! `.obsidian/` settings) become the resolved [`Settings`], once, before any command runs.
//! Built-in defaults < `.ike.yaml` < flags; docs/configuration.md describes each key and
//! docs/architecture.md this stage.

use super::Environment;
use super::args::{ColorWhen, GlobalArgs};
use crate::classify::ClassifySettings;
use crate::config::{self, Config, ConfigError};
use crate::fix::DefaultSyntax;
use crate::model::Status;
use crate::obsidian::{Obsidian, StatusType, TaskFormat};
use crate::parse::{GlobalFilter, ParseOptions};
use crate::people::Roster;
use crate::settings::{ConfigFile, Settings};
use crate::vault::Store;
use crate::vault::discover::{DEFAULT_MAX_FILE_SIZE, DiscoverOptions};
use std::path::{Path, PathBuf};

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
    let config_file = choose_config(global, found.config, &vault);
    let config = match &config_file {
        ConfigFile::Read(path) => config::load(path)?,
        ConfigFile::Off | ConfigFile::Absent(_) => Config::default(),
    };
    let obsidian = if config.obsidian.unwrap_or(true) {
        crate::obsidian::read(&vault)
    } else {
        Obsidian::default()
    };
    let plugin = obsidian.tasks.clone().unwrap_or_default();
    if let ConfigFile::Read(path) = &config_file {
        check_section_queries(
            path,
            &config,
            &plugin,
            global.today.unwrap_or(env.local_today),
        )?;
    }
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
            max_file_size: size_limit(config.max_file_size),
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
            exact_parser: global.exact_parser,
        },
        cache: !global.no_cache && config.cache.unwrap_or(true),
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
        config_file,
        root,
        vault,
    })
}

/// A digest section whose query does not read is a config error, at its place in the file.
fn check_section_queries(
    path: &Path,
    config: &Config,
    plugin: &crate::obsidian::TasksPlugin,
    today: chrono::NaiveDate,
) -> Result<(), ConfigError> {
    let sections = &config.digest.sections.queries;
    let Err((i, err)) = crate::digest::check_queries(sections, plugin, today) else {
        return Ok(());
    };
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let (line, column) = crate::digest::locate_query(&sections[i], &text, &err);
    Err(ConfigError::Invalid {
        path: path.to_owned(),
        at: config::Mistake {
            line,
            column,
            key: format!("digest.sections[{}].query", i + 1),
            message: err.message,
        },
    })
}

/// The settings file of a run, chosen here once: none with `--no-config`; `--config FILE`
/// as given; else the nearest `.ike.yaml` found from the scanned folder up to the vault
/// root (`found`); else the vault root's, absent for now.
fn choose_config(global: &GlobalArgs, found: Option<PathBuf>, vault: &Path) -> ConfigFile {
    if global.no_config {
        ConfigFile::Off
    } else if let Some(path) = global.config.clone().or(found) {
        ConfigFile::Read(path)
    } else {
        ConfigFile::Absent(vault.join(crate::vault_root::CONFIG_FILE))
    }
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

/// The most bytes of a note to read: the configured `max_file_size` (the default
/// without one), never over `span::MAX_NOTE_SIZE`: a task keeps its offsets as `u32`.
fn size_limit(configured: Option<crate::config::ByteSize>) -> u64 {
    configured
        .map_or(DEFAULT_MAX_FILE_SIZE, |b| b.0)
        .min(crate::span::MAX_NOTE_SIZE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// The configured size limit, the default without one, never over 4 GiB.
    #[test]
    fn the_size_limit_is_capped() {
        let rows = [
            (None, DEFAULT_MAX_FILE_SIZE),
            (Some(1 << 20), 1 << 20),
            (Some(crate::span::MAX_NOTE_SIZE), crate::span::MAX_NOTE_SIZE),
            (Some(8 << 30), crate::span::MAX_NOTE_SIZE),
            (Some(u64::MAX), crate::span::MAX_NOTE_SIZE),
        ];
        for (configured, want) in rows {
            let got = size_limit(configured.map(crate::config::ByteSize));
            assert_eq!(got, want, "{configured:?}");
        }
    }

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

    #[track_caller]
    fn check_choice(no_config: bool, given: Option<&str>, found: Option<&str>, want: ConfigFile) {
        let global = GlobalArgs {
            today: None,
            config: given.map(PathBuf::from),
            no_config,
            no_cache: false,
            exact_parser: false,
            color: ColorWhen::Auto,
        };
        let got = choose_config(&global, found.map(PathBuf::from), Path::new("v"));
        assert_eq!(
            got, want,
            "no_config={no_config} given={given:?} found={found:?}"
        );
    }

    #[test]
    fn the_config_file_is_chosen_once() {
        let p = |s: &str| PathBuf::from(s);
        check_choice(true, None, Some("v/.ike.yaml"), ConfigFile::Off);
        check_choice(
            false,
            Some("my.yaml"),
            Some("v/a/.ike.yaml"),
            ConfigFile::Read(p("my.yaml")),
        );
        check_choice(
            false,
            None,
            Some("v/a/.ike.yaml"),
            ConfigFile::Read(p("v/a/.ike.yaml")),
        );
        check_choice(false, None, None, ConfigFile::Absent(p("v/.ike.yaml")));
    }
}
