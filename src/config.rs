//! The `.ike.yaml` file as written: raw, optional values, before flags are applied.
//! [`crate::settings`] resolves it with defaults and flags (defaults < file < flags).

use crate::check::CheckSettings;
use crate::classify::ClassifySettings;
use crate::digest::DigestSettings;
use crate::fix::FixSettings;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Name of the config file looked up in the scanned root.
pub const FILE_NAME: &str = ".ike.yaml";

/// The contents of `.ike.yaml`. Every key is optional; unknown keys are an error so that
/// typos do not silently do nothing.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Your own name as used for assignees: tasks assigned to anyone else are delegated.
    pub me: Option<String>,
    /// GTD context names (`@phone`): context tags, never people. Replaces the default
    /// list when set.
    pub contexts: Option<Vec<String>>,
    /// When set, the only `@names` that are people (besides `me`).
    pub people: Option<Vec<String>>,
    /// Globs (relative to the vault root, `/`-separated) of files and folders to skip.
    pub exclude: Vec<String>,
    /// Globs of template folders and files: skipped like `exclude`, besides the template
    /// folders named in `.obsidian/`.
    pub templates: Vec<String>,
    /// Read the vault's `.obsidian/` settings (Tasks plugin, template folders); default true.
    pub obsidian: Option<bool>,
    /// Only checkbox items whose first line holds this text are tasks (`""`: every item);
    /// default: the Obsidian Tasks plugin's global filter.
    pub global_filter: Option<String>,
    /// Take the global filter out of descriptions; default: the plugin's setting.
    pub remove_global_filter: Option<bool>,
    /// Largest file read, in bytes or with a unit (`8MiB`, `512KiB`).
    pub max_file_size: Option<ByteSize>,
    /// Checkbox characters and the status each means, e.g. `"?": on_hold`; `non_task`
    /// makes such items no tasks.
    pub statuses: BTreeMap<String, String>,
    /// Follow symbolic links while scanning (default false).
    pub follow_links: Option<bool>,
    /// Keep parsed files in `ROOT/.ike/cache` between runs (default true).
    pub cache: Option<bool>,
    /// Thresholds, tag names and the effort tag map of the classification (§5).
    pub classification: ClassifySettings,
    /// The digest's output path, sections and nudge thresholds (§7).
    pub digest: DigestSettings,
    /// Which fixes `ike fix` makes, and how (§8).
    pub fix: FixSettings,
    /// The opt-in lints of `ike check`.
    pub check: CheckSettings,
}

/// A byte count written as a number or with a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteSize(pub u64);

impl<'de> Deserialize<'de> for ByteSize {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(u64),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Number(n) => Ok(ByteSize(n)),
            Raw::Text(s) => parse_byte_size(&s)
                .map(ByteSize)
                .map_err(serde::de::Error::custom),
        }
    }
}

/// Parse `8MiB`, `512 KiB`, `1GB`, `1000` into bytes.
pub fn parse_byte_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("invalid size `{s}`: expected e.g. 8MiB"))?;
    let mul: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => {
            return Err(format!(
                "invalid size unit in `{s}`: use B, KiB, MiB or GiB"
            ));
        }
    };
    n.checked_mul(mul)
        .ok_or_else(|| format!("size `{s}` is too large"))
}

/// Why a config file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{path}: cannot read config: {reason}")]
    Read {
        /// The config file.
        path: PathBuf,
        /// Why (the OS error, or the file is not a regular file, too large, not UTF-8).
        reason: String,
    },
    /// The file is not valid YAML or has a wrong key or value.
    #[error("{path}:{line}:{column}: invalid config: {message}")]
    Invalid {
        /// The config file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// The largest config file read: far above any real one.
pub const CONFIG_LIMIT: u64 = 1 << 20;

/// Read and parse a config file (a regular file of at most [`CONFIG_LIMIT`] bytes).
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let bytes = crate::safe_read::read_regular(path, CONFIG_LIMIT, crate::safe_read::Links::Follow)
        .map_err(|e| ConfigError::Read {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
    let text = String::from_utf8(bytes).map_err(|e| ConfigError::Read {
        path: path.to_owned(),
        reason: format!(
            "is not valid UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        ),
    })?;
    parse(&text).map_err(|(line, column, message)| ConfigError::Invalid {
        path: path.to_owned(),
        line,
        column,
        message,
    })
}

/// Parse config text; an error carries its 1-based line and column.
pub fn parse(text: &str) -> Result<Config, (usize, usize, String)> {
    if text.trim().is_empty() {
        return Ok(Config::default());
    }
    serde_saphyr::from_str::<Config>(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
        let message = e
            .to_string()
            .lines()
            .next()
            .unwrap_or("invalid YAML")
            .to_owned();
        (line, column, message)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_sizes() {
        let rows = [
            ("8MiB", Some(8 << 20)),
            ("512 KiB", Some(512 << 10)),
            ("1000", Some(1000)),
            ("2gb", Some(2 << 30)),
            ("8 parsecs", None),
            ("MiB", None),
        ];
        for (input, want) in rows {
            assert_eq!(parse_byte_size(input).ok(), want, "{input}");
        }
    }

    #[test]
    fn parses_keys_and_rejects_unknown_ones() {
        let c = parse("me: ana\nexclude: [\"templates/**\"]\nmax_file_size: 1MiB\nstatuses: {\"?\": on_hold}\n").unwrap();
        assert_eq!(c.me.as_deref(), Some("ana"));
        assert_eq!(c.exclude, vec!["templates/**"]);
        assert_eq!(c.max_file_size, Some(ByteSize(1 << 20)));
        assert_eq!(c.statuses.get("?").map(String::as_str), Some("on_hold"));
        let err = parse("me: ana\nexcldue: []\n").unwrap_err();
        assert_eq!(err.0, 2, "{err:?}");
        assert!(err.2.contains("excldue"), "{err:?}");
    }
}
