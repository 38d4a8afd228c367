//! The digest's task lists by name, and the rule that says which tasks each one holds:
//! one rule for the digest and for `ike list --section`, so that the command a digest
//! offers for "… and N more" lists exactly that section.

use crate::classify::{Classification, Quadrant};
use crate::model::{Effort, Status, Task};
use chrono::NaiveDate;

/// A task list of the digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// Own, open, startable tasks in Do.
    Do,
    /// … in Schedule.
    Schedule,
    /// … in Delegate.
    Delegate,
    /// … in Eliminate.
    Eliminate,
    /// Open tasks delegated to someone else.
    WaitingOn,
    /// Own open tasks waiting for an open task.
    Blocked,
    /// Open `value` tasks, own or delegated.
    Value,
    /// Own, open routine work to hand off or automate (non-production, not important).
    HandOff,
    /// Tasks done yesterday or today.
    DoneRecently,
}

impl Section {
    /// Every section, in the digest's order.
    pub const ALL: [Self; 9] = [
        Self::Do,
        Self::Schedule,
        Self::Delegate,
        Self::Eliminate,
        Self::WaitingOn,
        Self::Blocked,
        Self::Value,
        Self::HandOff,
        Self::DoneRecently,
    ];

    /// Parse a name as [`Section::as_str`] writes it.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == name.trim())
    }

    /// The section of one quadrant.
    pub fn of_quadrant(q: Quadrant) -> Self {
        match q {
            Quadrant::Do => Self::Do,
            Quadrant::Schedule => Self::Schedule,
            Quadrant::Delegate => Self::Delegate,
            Quadrant::Eliminate => Self::Eliminate,
        }
    }

    /// The name on the command line (`--section waiting-on`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Do => "do",
            Self::Schedule => "schedule",
            Self::Delegate => "delegate",
            Self::Eliminate => "eliminate",
            Self::WaitingOn => "waiting-on",
            Self::Blocked => "blocked",
            Self::Value => "value",
            Self::HandOff => "hand-off",
            Self::DoneRecently => "done-recently",
        }
    }

    /// Does the digest of `today` list `task` (classified as `c`) in this section?
    pub fn holds(self, task: &Task, c: &Classification, today: NaiveDate) -> bool {
        let quadrant = |q: Quadrant| c.quadrant == Some(q) && !c.delegated && c.startable;
        match self {
            Self::Do => quadrant(Quadrant::Do),
            Self::Schedule => quadrant(Quadrant::Schedule),
            Self::Delegate => quadrant(Quadrant::Delegate),
            Self::Eliminate => quadrant(Quadrant::Eliminate),
            Self::WaitingOn => c.quadrant.is_some() && c.delegated,
            Self::Blocked => c.quadrant.is_some() && !c.delegated && c.blocked,
            Self::Value => c.quadrant.is_some() && c.effort == Effort::Value,
            Self::HandOff => c.routine,
            Self::DoneRecently => done_recently(&task.status, task.meta.done, today),
        }
    }
}

/// Done yesterday or today: the digest's "Done since yesterday".
pub(super) fn done_recently(status: &Status, done: Option<NaiveDate>, today: NaiveDate) -> bool {
    let yesterday = today.pred_opt().unwrap_or(today);
    *status == Status::Done && done.is_some_and(|d| d == yesterday || d == today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in Section::ALL {
            assert_eq!(Section::from_name(s.as_str()), Some(s));
        }
        assert_eq!(Section::from_name("later"), None);
    }

    #[track_caller]
    fn check_done(status: Status, done: Option<&str>, want: bool) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let done = done.map(|d| d.parse().unwrap());
        assert_eq!(
            done_recently(&status, done, today),
            want,
            "{status:?} {done:?}"
        );
    }

    #[test]
    fn done_recently_is_yesterday_or_today() {
        check_done(Status::Done, Some("2026-11-21"), true);
        check_done(Status::Done, Some("2026-11-20"), true);
        check_done(Status::Done, Some("2026-11-19"), false);
        check_done(Status::Done, None, false);
        check_done(Status::Cancelled, Some("2026-11-21"), false);
    }
}
