//! The `.ike.yaml` file as written: raw, optional values, before flags are applied.
//! Settings resolution (`cli/resolve.rs`) merges it with defaults and flags into the
//! resolved settings (`settings.rs`; defaults < file < flags). Its name and where it is
//! looked up: [`crate::vault_root`].

use crate::check::CheckSettings;
use crate::classify::ClassifySettings;
pub(crate) use crate::config_error::{ConfigError, Mistake};
use crate::digest::DigestSettings;
use crate::fix::FixSettings;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The contents of `.ike.yaml`. Every key is optional; unknown keys are an error so that
/// typos do not silently do nothing.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct Config {
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
    /// Thresholds, tag names and the effort tag map of the classification.
    pub classification: ClassifySettings,
    /// The digest's output path, sections and nudge thresholds.
    pub digest: DigestSettings,
    /// Which fixes `ike fix` makes, and how.
    pub fix: FixSettings,
    /// The opt-in lints of `ike check`.
    pub check: CheckSettings,
}

/// A byte count written as a number or with a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ByteSize(pub u64);

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
pub(crate) fn parse_byte_size(s: &str) -> Result<u64, String> {
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

/// The largest config file read: far above any real one.
pub(crate) const CONFIG_LIMIT: u64 = 1 << 20;

/// Read and parse a config file (a regular file of at most [`CONFIG_LIMIT`] bytes).
pub(crate) fn load(path: &Path) -> Result<Config, ConfigError> {
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
    parse(&text).map_err(|at| ConfigError::Invalid {
        path: path.to_owned(),
        at,
    })
}

/// Parse and check config text (with the hardened YAML options every YAML read uses).
pub(crate) fn parse(text: &str) -> Result<Config, Mistake> {
    let config =
        serde_saphyr::from_str_with_options::<Option<Config>>(text, crate::yaml::options())
            .map_err(|e| Mistake::of_yaml(&e, text))?
            .unwrap_or_default();
    check_ranges(&config, text)?;
    Ok(config)
}

/// The values that parse but make no sense: a share above one, days before today…
fn check_ranges(c: &Config, text: &str) -> Result<(), Mistake> {
    let bad = |key: &str, message: String| Err(Mistake::at_key(text, key, message));
    let share = c.digest.vital_few_share;
    if !(share > 0.0 && share <= 1.0) {
        return bad(
            "digest.vital_few_share",
            format!("expected a share above 0 and at most 1 (0.2 is the top 20%), found {share}"),
        );
    }
    let cs = &c.classification;
    if cs.urgent_within_days < 0 {
        return bad(
            "classification.urgent_within_days",
            format!("expected 0 days or more, found {}", cs.urgent_within_days),
        );
    }
    if !(1..=10).contains(&cs.important_min_impact) {
        return bad(
            "classification.important_min_impact",
            format!(
                "expected an impact from 1 to 10, found {}",
                cs.important_min_impact
            ),
        );
    }
    if cs.default_estimate_minutes == 0 {
        return bad(
            "classification.default_estimate_minutes",
            "expected 1 minute or more, found 0".to_owned(),
        );
    }
    if c.max_file_size == Some(ByteSize(0)) {
        return bad(
            "max_file_size",
            "expected a size above 0, e.g. 8MiB".to_owned(),
        );
    }
    for key in c.statuses.keys() {
        if key.chars().count() != 1 {
            return bad(
                &format!("statuses.{key}"),
                format!(
                    "a status is given for one checkbox character, e.g. `\"?\": on_hold`; found `{key}`"
                ),
            );
        }
    }
    Ok(())
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

    #[track_caller]
    fn check_mistake(text: &str, want: &str) {
        let got = parse(text)
            .map(|_| ())
            .map_err(|m| format!("{}:{}: {}", m.line, m.column, m.describe()));
        assert_eq!(got, Err(want.to_owned()), "{text:?}");
    }

    #[test]
    fn every_mistake_says_where_which_key_and_what_was_expected_once() {
        let rows = [
            (
                "digest:\n  vital_few_share: 7\n",
                "2:20: digest.vital_few_share: expected a share above 0 and at most 1 (0.2 is the top 20%), found 7",
            ),
            (
                "digest:\n  vital_few_share: 0\n",
                "2:20: digest.vital_few_share: expected a share above 0 and at most 1 (0.2 is the top 20%), found 0",
            ),
            (
                "classification:\n  urgent_within_days: -5\n",
                "2:23: classification.urgent_within_days: expected 0 days or more, found -5",
            ),
            (
                "classification:\n  important_min_impact: 11\n",
                "2:25: classification.important_min_impact: expected an impact from 1 to 10, found 11",
            ),
            (
                "digest:\n  max_items: abc\n",
                "2:14: digest.max_items: expected a whole number, 0 or more",
            ),
            (
                "digest:\n  max_items: -3\n",
                "2:14: digest.max_items: expected a whole number, 0 or more",
            ),
            (
                "exclude: foo\n",
                "1:10: exclude: expected a list, e.g. `[a, b]`",
            ),
            ("exclude:\n  - a\n  - [b]\n", "3:5: exclude: expected text"),
            ("me: a\nme: b\n", "2:1: me: set twice; keep one"),
            ("me: [a\n", "1:5: me: expected text"),
            (
                "digest:\n  sections:\n    do: maybe\n",
                "3:9: digest.sections.do: expected true or false",
            ),
            (
                "foo: 1\n",
                "1:1: foo: unknown key; the keys here are: me, contexts, people, exclude, templates, obsidian, global_filter, remove_global_filter, max_file_size, statuses, follow_links, cache, classification, digest, fix, check",
            ),
            (
                "digest:\n  foo: 1\n",
                "2:3: digest.foo: unknown key; the keys here are: out, sections, max_do_warning, vital_few_share, max_items, max_non_production_share, min_value_share, links",
            ),
            (
                "max_file_size: 8 parsecs\n",
                "1:16: max_file_size: invalid size unit in `8 parsecs`: use B, KiB, MiB or GiB",
            ),
            (
                "statuses:\n  \"ab\": x\n",
                "2:9: statuses.ab: a status is given for one checkbox character, e.g. `\"?\": on_hold`; found `ab`",
            ),
            (
                "fix:\n  default_syntax: yaml\n",
                "2:19: fix.default_syntax: `yaml` is not one of: emoji, dataview",
            ),
            (
                "me: a\n---\nme: b\n",
                "3:1: me: a second YAML document (`---`): the config is one document",
            ),
        ];
        for (text, want) in rows {
            check_mistake(text, want);
        }
        for text in ["", "# only a comment\n", "me: ~\ndigest:\n  out: ~\n"] {
            assert!(parse(text).is_ok(), "{text:?}");
        }
        // No parser internals, whatever the input.
        let deep = format!("me: {}{}\n", "[".repeat(40), "]".repeat(40));
        let alias = "a: &x [1]\nb: *x\n";
        for text in [deep.as_str(), alias, "me: null\nexclude: ~\n"] {
            if let Err(m) = parse(text) {
                let said = m.describe();
                for internal in [
                    "serde",
                    "Option<",
                    "DuplicateKeyPolicy",
                    "RecordedAnchor",
                    "line 1 column",
                    "error:",
                ] {
                    assert!(!said.contains(internal), "{text:?}: {said}");
                }
            }
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
        assert_eq!(err.line, 2, "{err:?}");
        assert_eq!(err.key, "excldue", "{err:?}");
    }
}
