//! The digest settings: which sections appear, and the thresholds of the vital few and the
//! nudges. The config resolver fills it from the `digest:` key of `.ike.yaml`.

use serde::Deserialize;

/// Settings for [`build`](super::build) and the renderers. `Default` shows every section.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "snake_case")]
pub struct DigestSettings {
    /// Default output file for `ike digest` (`{date}` expands); `None`: stdout. Read by the
    /// command, not by [`build`](super::build). Kept here so that the whole `digest:` key of
    /// the config file is one type (serde cannot flatten under `deny_unknown_fields`).
    pub out: Option<String>,
    /// Which standard sections appear (a map of switches), or the sections defined by
    /// queries added after them (a list of `{title, query}`).
    pub sections: super::query_section::SectionsKey,
    /// The "too much in Do" nudge fires above this many tasks.
    pub max_do_warning: usize,
    /// Share of own open tasks shown as the vital few (0–1; rounded up, at least one).
    pub vital_few_share: f64,
    /// Most tasks listed per section (and per person in Waiting on); the rest are counted
    /// and pointed to with an `ike list` command. 0: no limit.
    pub max_items: usize,
    /// The "too much busy work" nudge fires when non-production work takes more than this
    /// share (0–1) of the open tasks' estimated hours.
    pub max_non_production_share: f64,
    /// The "no time kept for value production" nudge fires when value work takes less
    /// than this share (0–1) of the open tasks' estimated hours.
    pub min_value_share: f64,
    /// How the Markdown digest links to a task's line: where it is read.
    pub links: super::LinkStyle,
}

impl Default for DigestSettings {
    fn default() -> Self {
        Self {
            out: None,
            sections: super::query_section::SectionsKey::default(),
            max_do_warning: 7,
            vital_few_share: 0.2,
            max_items: 50,
            max_non_production_share: 0.3,
            min_value_share: 0.1,
            links: super::LinkStyle::default(),
        }
    }
}

/// One switch per digest section, all on by default. `summary` switches the Markdown
/// summary line; the JSON `counts` are always written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "snake_case")]
pub struct DigestSections {
    /// The one-line summary of counts.
    pub summary: bool,
    /// Urgent and important.
    pub r#do: bool,
    /// Important, not urgent.
    pub schedule: bool,
    /// Urgent, not important.
    pub delegate: bool,
    /// Neither.
    pub eliminate: bool,
    /// Delegated tasks by assignee.
    pub waiting_on: bool,
    /// Own blocked tasks, with what each waits for.
    pub blocked: bool,
    /// The top tasks by leverage.
    pub vital_few: bool,
    /// Open value tasks.
    pub value: bool,
    /// Routine work to hand off or automate.
    pub hand_off: bool,
    /// Open tasks and hours per effort kind.
    pub effort_balance: bool,
    /// Gentle warnings.
    pub nudges: bool,
    /// Tasks done yesterday or today.
    pub done_recently: bool,
}

impl Default for DigestSections {
    fn default() -> Self {
        Self {
            summary: true,
            r#do: true,
            schedule: true,
            delegate: true,
            eliminate: true,
            waiting_on: true,
            blocked: true,
            vital_few: true,
            value: true,
            hand_off: true,
            effort_balance: true,
            nudges: true,
            done_recently: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_config_keeps_the_other_defaults() {
        let s: DigestSettings = serde_json::from_str(
            r#"{"out": "digests/{date}.md", "sections": {"do": false, "nudges": false}, "max_do_warning": 5}"#,
        )
        .expect("valid settings");
        assert_eq!(s.out.as_deref(), Some("digests/{date}.md"));
        assert!(!s.sections.r#do);
        assert!(!s.sections.nudges);
        assert!(s.sections.schedule);
        assert_eq!(s.max_do_warning, 5);
        assert_eq!(s.vital_few_share, 0.2);
        assert_eq!((s.max_non_production_share, s.min_value_share), (0.3, 0.1));
        assert!(s.sections.hand_off);
        let s: DigestSettings = serde_json::from_str(
            r#"{"max_non_production_share": 0.5, "min_value_share": 0.2, "sections": {"hand_off": false}}"#,
        )
        .expect("valid settings");
        assert_eq!((s.max_non_production_share, s.min_value_share), (0.5, 0.2));
        assert!(!s.sections.hand_off);
    }

    #[test]
    fn unknown_keys_are_rejected() {
        assert!(
            serde_json::from_str::<DigestSettings>(r#"{"sections": {"later": true}}"#).is_err()
        );
        assert!(serde_json::from_str::<DigestSettings>(r#"{"max_do": 3}"#).is_err());
    }

    #[test]
    fn reads_from_yaml_with_the_project_options() {
        let yaml = "out: digests/{date}.md\nsections:\n  do: false\n  done_recently: no\nvital_few_share: 0.25\n";
        let s = serde_saphyr::from_str_with_options::<DigestSettings>(yaml, crate::yaml::options());
        assert!(s.is_err(), "`no` is not a boolean under strict booleans");
        let yaml = yaml.replace("no", "false");
        let s =
            serde_saphyr::from_str_with_options::<DigestSettings>(&yaml, crate::yaml::options())
                .expect("valid YAML settings");
        assert!(!s.sections.r#do && !s.sections.done_recently && s.sections.value);
        assert_eq!(s.vital_few_share, 0.25);
    }
}
