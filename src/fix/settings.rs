//! The `fix:` section of `.ike.yaml`: which fixes run, and how they write.

use serde::Deserialize;

/// Which metadata syntax a fix writes into a task that has no metadata yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DefaultSyntax {
    /// Obsidian Tasks emoji: `✅ 2026-11-21`.
    #[default]
    Emoji,
    /// Dataview inline field: `[completion:: 2026-11-21]`.
    Dataview,
}

/// Settings of `ike fix`. Every key is optional; unknown keys are an error.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FixSettings {
    /// Give done tasks a done date and cancelled tasks a cancelled date (today).
    pub done_dates: bool,
    /// Insert the next occurrence of a recurring task that was just completed. The
    /// completed task gets its done date too, even with `done_dates` off: without it the
    /// next run would insert the occurrence again.
    pub recurrence: bool,
    /// Give open delegated tasks without a follow-up date one, `followup_days` from today.
    pub followups: bool,
    /// Days from today for a new follow-up date.
    pub followup_days: u32,
    /// Move the follow-up date of an open delegated task with a check-in cadence to its
    /// next check-in once it has passed (the date is rewritten where it stands).
    pub checkins: bool,
    /// Move done tasks older than `archive_after_days` into `archive_file`.
    pub archive: bool,
    /// Age in days (since the done date) after which a done task is archived.
    pub archive_after_days: u32,
    /// The archive file, relative to the scanned root.
    pub archive_file: String,
    /// The syntax written into tasks that have no metadata yet; unset, the Obsidian Tasks
    /// plugin's task format, else emoji (see [`FixSettings::syntax`]).
    pub default_syntax: Option<DefaultSyntax>,
    /// The day a done or cancelled date says: `modified` (the note's last save, when
    /// before today) or `today`.
    pub done_date: super::DoneDate,
}

impl FixSettings {
    /// The syntax written into tasks that have no metadata yet.
    pub fn syntax(&self) -> DefaultSyntax {
        self.default_syntax.unwrap_or_default()
    }
}

impl Default for FixSettings {
    fn default() -> Self {
        Self {
            done_dates: true,
            recurrence: true,
            followups: false,
            followup_days: 3,
            checkins: false,
            archive: false,
            archive_after_days: 30,
            archive_file: "archive.md".to_owned(),
            default_syntax: None,
            done_date: super::DoneDate::Modified,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(yaml: &str, want: Result<FixSettings, ()>) {
        let got: Result<FixSettings, _> = serde_saphyr::from_str(yaml);
        assert_eq!(got.map_err(|_| ()), want, "yaml: {yaml:?}");
    }

    #[test]
    fn reads_yaml() {
        let d = FixSettings::default;
        check("{}", Ok(d()));
        check(
            "followups: true\nfollowup_days: 5\n",
            Ok(FixSettings {
                followups: true,
                followup_days: 5,
                ..d()
            }),
        );
        check(
            "default_syntax: dataview\ndone_dates: false\n",
            Ok(FixSettings {
                default_syntax: Some(DefaultSyntax::Dataview),
                done_dates: false,
                ..d()
            }),
        );
        check(
            "archive: true\narchive_after_days: 7\narchive_file: done/old.md\n",
            Ok(FixSettings {
                archive: true,
                archive_after_days: 7,
                archive_file: "done/old.md".to_owned(),
                ..d()
            }),
        );
        check("default_syntax: plain\n", Err(()));
        check("done_date: true\n", Err(()));
    }
}
