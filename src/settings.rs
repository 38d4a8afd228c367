//! Resolved settings: built-in defaults < `.ike.yaml` < flags, resolved once at the top.
//! Each stage then gets only the part it needs.

use crate::classify::ClassifySettings;
use crate::cli::args::{ColorWhen, GlobalArgs};
use crate::config::{self, Config, ConfigError};
use crate::digest::DigestSettings;
use crate::discover::{DEFAULT_MAX_FILE_SIZE, DiscoverOptions};
use crate::fix::FixSettings;
use crate::model::Status;
use crate::parse::ParseOptions;
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
    /// The folder scanned.
    pub root: PathBuf,
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
    let config_path = if global.no_config {
        None
    } else if let Some(path) = &global.config {
        Some(path.clone())
    } else {
        let candidate = root.join(config::FILE_NAME);
        candidate.is_file().then_some(candidate)
    };
    let config = match &config_path {
        Some(path) => config::load(path)?,
        None => Config::default(),
    };
    // Keys are one character each (checked with the config).
    let statuses = config
        .statuses
        .iter()
        .filter_map(|(key, name)| Some((key.chars().next()?, Status::from_name(name))))
        .collect();
    let me = config
        .me
        .clone()
        .map(|m| m.trim_start_matches('@').to_owned());
    let color = color_on(global.color, env);
    Ok(Settings {
        today: global.today.unwrap_or(env.local_today),
        color,
        discover: DiscoverOptions {
            exclude: config.exclude.clone(),
            max_file_size: config.max_file_size.map_or(DEFAULT_MAX_FILE_SIZE, |b| b.0),
            follow_links: config.follow_links.unwrap_or(false),
            // Every day's digest (`{date}` kept) is ike's own output, for every command; so
            // is the cache (hidden, so never walked anyway: listed in case that changes).
            own_outputs: config
                .digest
                .out
                .iter()
                .map(|out| root.join(out))
                .chain([root.join(crate::cache::DIR)])
                .collect(),
        },
        parse: ParseOptions { statuses },
        cache: !global.no_cache && config.cache.unwrap_or(true),
        me: me.clone(),
        classify: ClassifySettings {
            me,
            ..config.classification.clone()
        },
        digest: config.digest.clone(),
        fix: config.fix.clone(),
        config_path,
        config,
        root,
    })
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
