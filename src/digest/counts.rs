//! The numbers behind the digest's summary line.

use crate::classify::Quadrant;
use serde::Serialize;

/// Counts over the whole vault on the digest's date. The four quadrant counts, `waiting_on`
/// and `not_startable` add up to `open`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Notes read.
    pub notes: usize,
    /// Problems found in the notes read (invalid values, bad front matter…): `ike check`
    /// lists them.
    pub problems: usize,
    /// Every task, open or closed.
    pub tasks: usize,
    /// Open tasks (`todo`, `in_progress`).
    pub open: usize,
    /// Tasks with status `done`.
    pub done: usize,
    /// Own, open, startable tasks in Do.
    pub r#do: usize,
    /// … in Schedule.
    pub schedule: usize,
    /// … in Delegate.
    pub delegate: usize,
    /// … in Eliminate.
    pub eliminate: usize,
    /// Open tasks delegated to someone else.
    pub waiting_on: usize,
    /// Own open tasks not startable yet: their start date is after today, or they are
    /// blocked.
    pub not_startable: usize,
    /// Own open tasks that wait for an open task (the Blocked section, before
    /// `max_items`; counted in `not_startable` too).
    pub blocked: usize,
    /// Open urgent tasks (own or delegated).
    pub urgent: usize,
    /// Open tasks due before today.
    pub overdue: usize,
    /// Open delegated tasks whose follow-up is due.
    pub followups_due: usize,
    /// Open delegated tasks without a follow-up date.
    pub missing_followups: usize,
    /// Tasks done yesterday or today.
    pub done_recently: usize,
    /// Open value tasks (the Value work section, before `max_items`).
    pub value: usize,
    /// Routine tasks (the Hand off or automate section, before `max_items`).
    pub routine: usize,
    /// Open delegated tasks whose brief lacks something.
    pub brief_gaps: usize,
}

impl Counts {
    /// The count for one quadrant.
    pub fn quadrant(&self, q: Quadrant) -> usize {
        match q {
            Quadrant::Do => self.r#do,
            Quadrant::Schedule => self.schedule,
            Quadrant::Delegate => self.delegate,
            Quadrant::Eliminate => self.eliminate,
        }
    }
}
