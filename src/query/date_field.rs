//! The date fields a query can filter, sort and group by, and the value of each on a task.

use super::item::Item;
use chrono::NaiveDate;

/// A task date the query language knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateField {
    /// 📅 due.
    Due,
    /// ⏳ scheduled.
    Scheduled,
    /// 🛫 start (the filter's keyword is `starts`).
    Start,
    /// ➕ created.
    Created,
    /// ✅ done.
    Done,
    /// ❌ cancelled.
    Cancelled,
    /// The earliest of start, scheduled and due.
    Happens,
}

impl DateField {
    /// Every field, in the order the docs list them.
    pub(crate) const ALL: [DateField; 7] = [
        Self::Due,
        Self::Scheduled,
        Self::Start,
        Self::Created,
        Self::Done,
        Self::Cancelled,
        Self::Happens,
    ];

    /// The field's name in `has … date`, `sort by …`, `group by …` and group names.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Due => "due",
            Self::Scheduled => "scheduled",
            Self::Start => "start",
            Self::Created => "created",
            Self::Done => "done",
            Self::Cancelled => "cancelled",
            Self::Happens => "happens",
        }
    }

    /// The first word of the field's date filter (`starts before …`).
    pub(crate) fn keyword(self) -> &'static str {
        match self {
            Self::Start => "starts",
            other => other.name(),
        }
    }

    /// The task's value: for `happens`, the earliest of its three dates.
    pub(crate) fn value(self, item: &Item<'_>) -> Option<NaiveDate> {
        let m = &item.task.meta;
        match self {
            Self::Due => m.due,
            Self::Scheduled => m.scheduled,
            Self::Start => m.start,
            Self::Created => m.created,
            Self::Done => m.done,
            Self::Cancelled => m.cancelled,
            Self::Happens => item.happens(),
        }
    }

    /// Whether a date filter matches a task that lacks the date: only start-date filters
    /// do (a task without a start date can be started any day).
    pub(crate) fn missing_matches(self) -> bool {
        self == Self::Start
    }
}
