//! The kinds of fix, for counting edits in a run's summary.

use serde::Serialize;
use std::fmt;

/// One kind of fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FixKind {
    /// A done date added to a done task.
    DoneDate,
    /// A cancelled date added to a cancelled task.
    CancelledDate,
    /// The next occurrence of a recurring task inserted.
    Recurrence,
    /// A follow-up date added to a delegated task.
    Followup,
    /// A passed follow-up date moved on by the task's check-in cadence.
    Checkin,
    /// A done task moved to the archive file.
    Archive,
}

impl FixKind {
    /// The name used in summaries and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DoneDate => "done_date",
            Self::CancelledDate => "cancelled_date",
            Self::Recurrence => "recurrence",
            Self::Followup => "followup",
            Self::Checkin => "checkin",
            Self::Archive => "archive",
        }
    }
}

impl fmt::Display for FixKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
