//! The classification settings: every threshold, tag name and map the rules use,
//! with the product's defaults. The config resolver fills it from `.ike.yaml` and flags.

use crate::model::{Effort, Priority};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Settings for [`classify`](super::classify). `Default` holds the documented defaults (docs/classification.md); every key
/// may be left out of the config file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "snake_case")]
pub struct ClassifySettings {
    /// Who "me" is. A task assigned to anyone else is delegated; when unset, every
    /// assigned task is. Compared case-insensitively, a leading `@` ignored. The config
    /// resolver fills it from the top-level `me:` key.
    pub me: Option<String>,
    /// A task due on or before `today + urgent_within_days` is urgent.
    pub urgent_within_days: i64,
    /// The tag (without `#`) that makes a task urgent.
    pub urgent_tag: String,
    /// The tag (without `#`) that makes a task important.
    pub important_tag: String,
    /// A task with this priority or above is important.
    pub important_min_priority: Priority,
    /// A task with this impact or above is important.
    pub important_min_impact: u8,
    /// Tag (without `#`) → effort kind, for tasks that do not set their effort. Setting
    /// this key in the config replaces the whole default map.
    pub effort_tags: BTreeMap<String, Effort>,
    /// Estimate for tasks that do not give one, in minutes.
    pub default_estimate_minutes: u32,
    /// The tag (without `#`) that marks value work as scalable.
    pub scalable_tag: String,
    /// How many times a scalable value task's leverage counts in the vital few.
    pub scalable_factor: f64,
    /// A delegated task's description shorter than this many words, without sub-items,
    /// lacks steps or an outcome.
    pub brief_min_words: usize,
}

impl Default for ClassifySettings {
    fn default() -> Self {
        let effort_tags = [
            ("admin", Effort::NonProduction),
            ("email", Effort::NonProduction),
            ("invoice", Effort::NonProduction),
            ("errand", Effort::NonProduction),
            ("improve", Effort::Value),
            ("automate", Effort::Value),
            ("process", Effort::Value),
            ("learn", Effort::Value),
        ]
        .into_iter()
        .map(|(tag, effort)| (tag.to_owned(), effort))
        .collect();
        Self {
            me: None,
            urgent_within_days: 3,
            urgent_tag: "urgent".to_owned(),
            important_tag: "important".to_owned(),
            important_min_priority: Priority::Medium,
            important_min_impact: 7,
            effort_tags,
            default_estimate_minutes: 60,
            scalable_tag: "scalable".to_owned(),
            scalable_factor: 2.0,
            brief_min_words: 6,
        }
    }
}

impl ClassifySettings {
    /// The effort a tag maps to, if any (case-insensitive, a leading `#` in the map ignored).
    pub fn effort_for_tag(&self, tag: &str) -> Option<Effort> {
        // Asked for every tag of every task: the tag is stripped once, not once per name.
        let tag = strip_name(tag);
        self.effort_tags
            .iter()
            .find(|(name, _)| same_stripped(strip_name(name), tag))
            .map(|(_, effort)| *effort)
    }
}

/// A name without the white space around it and its leading `#`s and `@`s.
fn strip_name(s: &str) -> &str {
    // Names seldom have spaces around them: skip `trim` (which checks for Unicode white
    // space at both ends) when both ends are ASCII and not white space.
    let trimmed = match s.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        _ => s.trim(),
    };
    // `#` and `@` are ASCII: a byte count is a character boundary.
    let marks = trimmed
        .bytes()
        .take_while(|b| matches!(b, b'#' | b'@'))
        .count();
    &trimmed[marks..]
}

/// [`same_tag`] of two names already stripped ([`strip_name`]).
fn same_stripped(a: &str, b: &str) -> bool {
    // Different first letters are the usual answer of the effort map.
    crate::people::ascii_answer(a, b).unwrap_or_else(|| {
        a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
    })
}

/// Compare two tag names the way users write them in tasks and settings: case-insensitive
/// (each character lower-cased, as Obsidian compares tags), with a leading `#` or `@`
/// ignored on either side. People are compared by `people::same_name` instead.
pub(crate) fn same_tag(a: &str, b: &str) -> bool {
    same_stripped(strip_name(a), strip_name(b))
}

/// True when `tags` (without `#`) holds `name`.
pub(crate) fn has_tag(tags: &[String], name: &str) -> bool {
    tags.iter().any(|t| same_tag(t, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_same(a: &str, b: &str, expected: bool) {
        assert_eq!(same_tag(a, b), expected, "{a:?} vs {b:?}");
    }

    #[test]
    fn names_compare_loosely() {
        check_same("Bob", "bob", true);
        check_same("@bob", "BOB", true);
        check_same("#Admin", "admin", true);
        check_same("Élodie", "élodie", true);
        check_same("bob", "bobby", false);
        check_same("", "x", false);
        check_same(" bob ", "Bob", true);
        check_same("\u{a0}bob\u{a0}", "#BOB", true);
        check_same("x", "X", true);
        check_same("ÉLODIE", "élodie", true);
        check_same("élodie", "elodie", false);
        check_same("bob", "bo", false);
        // Different ASCII first letters, and the paths past that test.
        check_same("admin", "email", false);
        check_same("#Email", "email", true);
        check_same("\u{212A}elvin", "kelvin", true);
        check_same("kelvin", "\u{212A}ELVIN", true);
        check_same("écrire", "ecrire", false);
        check_same("aé", "bé", false);
    }

    #[test]
    fn defaults_match_the_spec() {
        let s = ClassifySettings::default();
        assert_eq!(s.urgent_within_days, 3);
        assert_eq!(s.important_min_priority, Priority::Medium);
        assert_eq!(s.important_min_impact, 7);
        assert_eq!(s.default_estimate_minutes, 60);
        assert_eq!(s.scalable_tag, "scalable");
        assert_eq!(s.scalable_factor, 2.0);
        assert_eq!(s.brief_min_words, 6);
        assert_eq!(s.effort_for_tag("Email"), Some(Effort::NonProduction));
        assert_eq!(s.effort_for_tag("learn"), Some(Effort::Value));
        assert_eq!(s.effort_for_tag("misc"), None);
    }

    #[test]
    fn deserializes_partial_config_over_defaults() {
        let s: ClassifySettings = serde_json::from_str(
            r#"{"urgent_within_days": 5, "important_min_priority": "High",
                "effort_tags": {"deep": "value", "chore": "non_production"}}"#,
        )
        .expect("valid settings");
        assert_eq!(s.urgent_within_days, 5);
        assert_eq!(s.important_min_priority, Priority::High);
        assert_eq!(s.urgent_tag, "urgent");
        assert_eq!(s.effort_for_tag("deep"), Some(Effort::Value));
        assert_eq!(s.effort_for_tag("chore"), Some(Effort::NonProduction));
        assert_eq!(
            s.effort_for_tag("admin"),
            None,
            "the map is replaced, not merged"
        );
    }

    #[test]
    fn rejects_unknown_keys_and_values() {
        let unknown = serde_json::from_str::<ClassifySettings>(r#"{"urgent_days": 5}"#);
        assert!(unknown.is_err());
        let bad = serde_json::from_str::<ClassifySettings>(r#"{"important_min_priority": "big"}"#)
            .expect_err("bad priority");
        assert!(bad.to_string().contains("unknown priority `big`"), "{bad}");
    }

    #[test]
    fn reads_from_yaml_with_the_project_options() {
        let yaml = "urgent_within_days: 2\nimportant_min_priority: high\nimportant_min_impact: 8\n\
                    effort_tags:\n  deep: value\n  '#chores': non-production\n";
        let s =
            serde_saphyr::from_str_with_options::<ClassifySettings>(yaml, crate::yaml::options())
                .expect("valid YAML settings");
        assert_eq!(s.urgent_within_days, 2);
        assert_eq!(s.important_min_priority, Priority::High);
        assert_eq!(s.important_min_impact, 8);
        assert_eq!(s.effort_for_tag("Deep"), Some(Effort::Value));
        assert_eq!(s.effort_for_tag("chores"), Some(Effort::NonProduction));
    }
}
