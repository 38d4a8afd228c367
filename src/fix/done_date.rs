//! Which day a done (or cancelled) date says: the day `ike fix` runs, or the day the note
//! was last saved. A weekly `ike fix` (a hook, a cron job) would otherwise date a task
//! ticked on Monday with Sunday's date, and a `when done` series would count from there.
//! docs/fixes.md, "The done date".

use chrono::NaiveDate;
use serde::Deserialize;

/// The `fix.done_date` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DoneDate {
    /// The day ike runs.
    Today,
    /// The note's last modification day, when it is before today: the tick was saved on
    /// that day or earlier, so it is the closest day known. Never a day after today.
    #[default]
    Modified,
}

impl DoneDate {
    /// The date to write on `today` for a note last modified on `modified` (`None` when
    /// the file system does not say).
    pub fn on(self, today: NaiveDate, modified: Option<NaiveDate>) -> NaiveDate {
        match (self, modified) {
            (Self::Modified, Some(day)) if day < today => day,
            _ => today,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::parse::value::date(s).expect("test date")
    }

    #[track_caller]
    fn check(rule: DoneDate, modified: Option<&str>, expected: &str) {
        let today = d("2026-11-21");
        assert_eq!(
            rule.on(today, modified.map(d)),
            d(expected),
            "{rule:?} {modified:?}"
        );
    }

    #[test]
    fn the_day_written() {
        check(DoneDate::Today, Some("2026-11-17"), "2026-11-21");
        check(DoneDate::Today, None, "2026-11-21");
        check(DoneDate::Modified, Some("2026-11-17"), "2026-11-17");
        check(DoneDate::Modified, Some("2026-11-21"), "2026-11-21");
        // A clock that ran ahead, or a file from the future: never after today.
        check(DoneDate::Modified, Some("2026-12-01"), "2026-11-21");
        check(DoneDate::Modified, None, "2026-11-21");
    }

    #[test]
    fn reads_from_config() {
        let read = |s: &str| serde_json::from_str::<DoneDate>(s).ok();
        assert_eq!(read("\"today\""), Some(DoneDate::Today));
        assert_eq!(read("\"modified\""), Some(DoneDate::Modified));
        assert_eq!(read("\"yesterday\""), None);
        assert_eq!(DoneDate::default(), DoneDate::Modified);
    }
}
