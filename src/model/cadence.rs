//! A delegated task's check-in cadence (`checkin:: weekly`): how often to check in with the
//! person it waits on, and the next check-in it gives from the last follow-up date.
//!
//! The grammar (any case, words separated by spaces) is in docs/task-syntax.md:
//! `daily`, `weekly`, `fortnightly`, `monthly`, `every day|week|month`, and
//! `every N days|weeks|months` with N from 1 to 999.

use chrono::{Days, Months, NaiveDate};
use serde::{Serialize, Serializer};
use std::fmt;

/// The unit a cadence counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CadenceUnit {
    /// Days.
    Day,
    /// Weeks (seven days).
    Week,
    /// Calendar months (a day missing in a shorter month becomes its last day).
    Month,
}

impl CadenceUnit {
    /// All units, in the order the cache stores them.
    pub const ALL: [CadenceUnit; 3] = [Self::Day, Self::Week, Self::Month];

    fn name(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
        }
    }
}

/// Every `every` `unit`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cadence {
    /// How many units between check-ins (1–999).
    pub every: u16,
    /// The unit.
    pub unit: CadenceUnit,
}

/// The largest N in `every N days`: a check-in further apart is not a cadence.
pub(super) const MAX_EVERY: u16 = 999;

impl Cadence {
    /// A cadence of `every` units; `None` when `every` is 0 or above [`MAX_EVERY`].
    pub fn new(every: u16, unit: CadenceUnit) -> Option<Self> {
        (1..=MAX_EVERY)
            .contains(&every)
            .then_some(Self { every, unit })
    }

    /// Read a cadence; the error says what is wrong and what a valid one looks like.
    pub fn parse(text: &str) -> Result<Self, String> {
        let err = || {
            format!(
                "invalid check-in cadence `{text}`: expected daily, weekly, fortnightly, \
                 monthly or every N days|weeks|months"
            )
        };
        let lower = text.trim().to_ascii_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let unit = |word: &str| match word.strip_suffix('s').unwrap_or(word) {
            "day" => Some(CadenceUnit::Day),
            "week" => Some(CadenceUnit::Week),
            "month" => Some(CadenceUnit::Month),
            _ => None,
        };
        let cadence = match words.as_slice() {
            ["daily"] => Self::new(1, CadenceUnit::Day),
            ["weekly"] => Self::new(1, CadenceUnit::Week),
            ["fortnightly" | "biweekly"] => Self::new(2, CadenceUnit::Week),
            ["monthly"] => Self::new(1, CadenceUnit::Month),
            ["every", word] if !word.ends_with('s') => unit(word).and_then(|u| Self::new(1, u)),
            ["every", n, word] if n.bytes().all(|b| b.is_ascii_digit()) => n
                .parse::<u16>()
                .ok()
                .zip(unit(word))
                .and_then(|(n, u)| Self::new(n, u)),
            _ => None,
        };
        cadence.ok_or_else(err)
    }

    /// The date `steps` cadence steps after `anchor` (months are counted from the anchor,
    /// so a cadence from January 31 gives February's last day, then March 31); `None`
    /// past the calendar's end.
    pub fn step(self, anchor: NaiveDate, steps: u64) -> Option<NaiveDate> {
        let n = u64::from(self.every).checked_mul(steps)?;
        match self.unit {
            CadenceUnit::Day => anchor.checked_add_days(Days::new(n)),
            CadenceUnit::Week => anchor.checked_add_days(Days::new(n.checked_mul(7)?)),
            CadenceUnit::Month => anchor.checked_add_months(Months::new(u32::try_from(n).ok()?)),
        }
    }

    /// The first step after `anchor` (one step at least) that is on or after `today`;
    /// `None` past the calendar's end.
    pub fn first_step_from(self, anchor: NaiveDate, today: NaiveDate) -> Option<NaiveDate> {
        let behind = u64::try_from((today - anchor).num_days()).unwrap_or(0);
        // An estimate that never overshoots: a month has at most 31 days.
        let per_step = match self.unit {
            CadenceUnit::Day => 1,
            CadenceUnit::Week => 7,
            CadenceUnit::Month => 31,
        } * u64::from(self.every);
        let mut steps = (behind / per_step).max(1);
        // Days and weeks land on the first try or the next; months within a few steps.
        loop {
            let date = self.step(anchor, steps)?;
            if date >= today {
                return Some(date);
            }
            steps += 1;
        }
    }
}

/// The next check-in of a delegated task: its follow-up date while that has not passed;
/// after it passed, the first step of the cadence from it that is on or after `today`.
/// Without a follow-up, the cadence counts from the created date; without either, the
/// next check-in is today. Without a cadence, it is the follow-up date (if any).
pub fn next_checkin(
    followup: Option<NaiveDate>,
    created: Option<NaiveDate>,
    cadence: Option<Cadence>,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let Some(cadence) = cadence else {
        return followup;
    };
    match (followup, created) {
        (Some(f), _) if f >= today => Some(f),
        (Some(anchor), _) | (None, Some(anchor)) => {
            Some(cadence.first_step_from(anchor, today).unwrap_or(today))
        }
        (None, None) => Some(today),
    }
}

impl fmt::Display for Cadence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.every, self.unit) {
            (1, CadenceUnit::Day) => f.write_str("daily"),
            (1, CadenceUnit::Week) => f.write_str("weekly"),
            (1, CadenceUnit::Month) => f.write_str("monthly"),
            (n, unit) => write!(f, "every {n} {}s", unit.name()),
        }
    }
}

/// Written as its canonical text (`weekly`, `every 3 days`).
impl Serialize for Cadence {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        crate::parse::value::date(s).expect("date")
    }

    #[track_caller]
    fn check_parse(text: &str, want: Option<(u16, CadenceUnit)>) {
        let got = Cadence::parse(text).ok().map(|c| (c.every, c.unit));
        assert_eq!(got, want, "{text:?}");
    }

    #[test]
    fn grammar() {
        use CadenceUnit::*;
        check_parse("daily", Some((1, Day)));
        check_parse(" Weekly ", Some((1, Week)));
        check_parse("fortnightly", Some((2, Week)));
        check_parse("biweekly", Some((2, Week)));
        check_parse("monthly", Some((1, Month)));
        check_parse("every day", Some((1, Day)));
        check_parse("every week", Some((1, Week)));
        check_parse("Every  3 days", Some((3, Day)));
        check_parse("every 2 weeks", Some((2, Week)));
        check_parse("every 1 week", Some((1, Week)));
        check_parse("every 6 months", Some((6, Month)));
        check_parse("every 999 days", Some((999, Day)));
        check_parse("every 1000 days", None);
        check_parse("every 0 days", None);
        check_parse("every -1 days", None);
        check_parse("every +2 days", None);
        check_parse("every days", None);
        check_parse("every year", None);
        check_parse("hourly", None);
        check_parse("", None);
        check_parse("weekly please", None);
    }

    #[test]
    fn error_says_what_is_valid() {
        assert_eq!(
            Cadence::parse("often"),
            Err(
                "invalid check-in cadence `often`: expected daily, weekly, fortnightly, \
                 monthly or every N days|weeks|months"
                    .to_owned()
            )
        );
    }

    #[test]
    fn displays_canonically() {
        for (text, shown) in [
            ("every day", "daily"),
            ("every 1 week", "weekly"),
            ("fortnightly", "every 2 weeks"),
            ("every 3 months", "every 3 months"),
            ("monthly", "monthly"),
        ] {
            let c = Cadence::parse(text).expect("valid");
            assert_eq!(c.to_string(), shown, "{text}");
            assert_eq!(Cadence::parse(shown), Ok(c), "{shown} reads back");
        }
    }

    #[track_caller]
    fn check_next(
        followup: Option<&str>,
        created: Option<&str>,
        cadence: Option<&str>,
        today: &str,
        want: Option<&str>,
    ) {
        let cadence = cadence.map(|c| Cadence::parse(c).expect("cadence"));
        let got = next_checkin(followup.map(day), created.map(day), cadence, day(today));
        assert_eq!(
            got,
            want.map(day),
            "{followup:?} {created:?} {cadence:?} {today}"
        );
    }

    #[test]
    fn next_checkin_steps_from_the_last_followup() {
        // No cadence: the follow-up as written.
        check_next(
            Some("2026-11-01"),
            None,
            None,
            "2026-11-21",
            Some("2026-11-01"),
        );
        check_next(None, Some("2026-11-01"), None, "2026-11-21", None);
        // A follow-up not passed yet (today included) is the next check-in.
        check_next(
            Some("2026-11-21"),
            None,
            Some("weekly"),
            "2026-11-21",
            Some("2026-11-21"),
        );
        check_next(
            Some("2026-12-01"),
            None,
            Some("daily"),
            "2026-11-21",
            Some("2026-12-01"),
        );
        // Passed: the first step on or after today.
        check_next(
            Some("2026-11-20"),
            None,
            Some("daily"),
            "2026-11-21",
            Some("2026-11-21"),
        );
        check_next(
            Some("2026-11-14"),
            None,
            Some("weekly"),
            "2026-11-21",
            Some("2026-11-21"),
        );
        check_next(
            Some("2026-11-13"),
            None,
            Some("weekly"),
            "2026-11-21",
            Some("2026-11-27"),
        );
        check_next(
            Some("2026-11-10"),
            None,
            Some("every 3 days"),
            "2026-11-21",
            Some("2026-11-22"),
        );
        // Over month and year ends.
        check_next(
            Some("2026-01-28"),
            None,
            Some("weekly"),
            "2026-02-01",
            Some("2026-02-04"),
        );
        check_next(
            Some("2026-12-29"),
            None,
            Some("every 2 weeks"),
            "2027-01-05",
            Some("2027-01-12"),
        );
        check_next(
            Some("2028-02-27"),
            None,
            Some("every 2 days"),
            "2028-02-28",
            Some("2028-02-29"),
        );
        check_next(
            Some("2026-01-31"),
            None,
            Some("monthly"),
            "2026-02-10",
            Some("2026-02-28"),
        );
        check_next(
            Some("2026-01-31"),
            None,
            Some("monthly"),
            "2026-03-01",
            Some("2026-03-31"),
        );
        check_next(
            Some("2026-01-31"),
            None,
            Some("every 3 months"),
            "2026-11-21",
            Some("2027-01-31"),
        );
        // No follow-up ever set: from the created date, else today.
        check_next(
            None,
            Some("2026-11-02"),
            Some("weekly"),
            "2026-11-21",
            Some("2026-11-23"),
        );
        check_next(
            None,
            Some("2026-10-31"),
            Some("monthly"),
            "2026-11-21",
            Some("2026-11-30"),
        );
        check_next(
            None,
            Some("2026-11-21"),
            Some("weekly"),
            "2026-11-21",
            Some("2026-11-28"),
        );
        check_next(None, None, Some("weekly"), "2026-11-21", Some("2026-11-21"));
        // Far in the past: one calculation, not a walk.
        check_next(
            Some("1900-01-01"),
            None,
            Some("daily"),
            "2026-11-21",
            Some("2026-11-21"),
        );
        // Past the calendar's end: today.
        let monthly = Cadence::parse("monthly").ok();
        let max = NaiveDate::MAX;
        assert_eq!(next_checkin(None, Some(max), monthly, max), Some(max));
    }
}
