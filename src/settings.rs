//! Resolved settings: what a run does, after built-in defaults < `.ike.yaml` (and the
//! vault's `.obsidian/` settings) < flags were merged. The command layer resolves them
//! once at the top (`cli/resolve.rs`); each stage then gets only the part it needs. This
//! module knows nothing of the command line.

use crate::check::CheckSettings;
use crate::classify::ClassifySettings;
use crate::digest::{CustomSection, DigestSettings, QueryRun, run_queries};
use crate::fix::FixSettings;
use crate::model::Document;
use crate::obsidian::{StatusDef, TaskFormat, TasksPlugin};
use crate::parse::ParseOptions;
use crate::problem::Problem;
use crate::vault::Store;
use crate::vault::discover::DiscoverOptions;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Everything a command needs, resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The folder scanned, as given (paths in output are relative to it).
    pub root: PathBuf,
    /// The vault root `root` belongs to: settings, `.obsidian/`, the cache and relative
    /// output paths are its (see [`crate::vault_root`]).
    pub vault: PathBuf,
    /// The settings file of this run, chosen once.
    pub config_file: ConfigFile,
    /// Problems met reading settings that did not stop the run (a malformed Obsidian
    /// settings file), positioned relative to `root`; every command reports them.
    pub problems: Vec<Problem>,
    /// The run's date.
    pub today: NaiveDate,
    /// Colour on stdout.
    pub color: bool,
    /// Discovery settings.
    pub discover: DiscoverOptions,
    /// Parse settings.
    pub parse: ParseOptions,
    /// Use the persistent cache in `ROOT/.ike/cache` (off with `--no-cache` or `cache: false`).
    pub cache: bool,
    /// Classification settings, with who "me" is (see [`Settings::me`]).
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

/// The settings file of a run: chosen once from `--config`, `--no-config` and the
/// `.ike.yaml` files around the scanned folder, read when settings are resolved, and
/// followed by `ike watch` (a change resolves the settings again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigFile {
    /// `--no-config`: built-in defaults and flags only; no file is read or followed.
    Off,
    /// The file read: `--config FILE`, else the nearest `.ike.yaml` from the scanned
    /// folder up to the vault root.
    Read(PathBuf),
    /// No `.ike.yaml` was found: the vault root's, not read, but followed in case it is
    /// created.
    Absent(PathBuf),
}

impl ConfigFile {
    /// The file `ike watch` follows: the one read, else where one would be created.
    pub fn followed(&self) -> Option<&Path> {
        match self {
            Self::Off => None,
            Self::Read(path) | Self::Absent(path) => Some(path),
        }
    }
}

impl Settings {
    /// The user's own assignee name (`me:` in `.ike.yaml`, without a leading `@`).
    pub fn me(&self) -> Option<&str> {
        self.classify.me.as_deref()
    }

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

    /// The digest's sections defined by queries, run over whole `docs` on `today` (the
    /// watcher's updates; the one-shot digest runs them over the tasks each note kept as
    /// it was read, with the same [`Settings::query_run`]).
    pub fn query_sections<'a>(&self, docs: &'a [Document]) -> Vec<CustomSection<'a>> {
        let sections = &self.digest.sections.queries;
        if sections.is_empty() {
            return Vec::new();
        }
        let plugin = crate::obsidian::read(&self.vault).tasks.unwrap_or_default();
        run_queries(sections, docs, &self.query_run(&plugin))
    }

    /// What the digest's query sections run with: these settings and the plugin's
    /// settings `plugin` (its presets, global query and statuses).
    pub(crate) fn query_run<'s>(&'s self, plugin: &'s TasksPlugin) -> QueryRun<'s> {
        QueryRun {
            today: self.today,
            classify: &self.classify,
            plugin,
            statuses: &self.statuses,
            max_items: self.digest.max_items,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn followed_config_file() {
        let rows = [
            (ConfigFile::Off, None),
            (ConfigFile::Read("a/.ike.yaml".into()), Some("a/.ike.yaml")),
            (
                ConfigFile::Absent("v/.ike.yaml".into()),
                Some("v/.ike.yaml"),
            ),
        ];
        for (file, want) in rows {
            assert_eq!(file.followed(), want.map(Path::new), "{file:?}");
        }
    }
}
