//! One task as the digest shows it: where it is, what it says, its key dates and scores.

use crate::classify::{BriefGaps, Quadrant};
use crate::model::{Cadence, Effort, Status, TextHash};
use chrono::NaiveDate;
use serde::{Serialize, Serializer};
use std::cmp::Ordering;

/// A task line of the digest, borrowing its texts from the parsed documents (a vault's
/// digest lists about a million of them). Serialized with dates as `YYYY-MM-DD` (or null).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Entry<'a> {
    /// Path relative to the root, `/`-separated.
    pub path: &'a str,
    /// 1-based line of the checkbox.
    pub line: usize,
    /// The task's text without metadata.
    pub description: &'a str,
    /// The hash of the task's text (see [`TextHash`]).
    pub hash: TextHash,
    /// The Obsidian block id ending the task's first line, without `^`.
    pub block_id: Option<&'a str>,
    /// Its status.
    pub status: &'a Status,
    /// Due date.
    #[serde(serialize_with = "optional_date")]
    pub due: Option<NaiveDate>,
    /// Scheduled date.
    #[serde(serialize_with = "optional_date")]
    pub scheduled: Option<NaiveDate>,
    /// Start date.
    #[serde(serialize_with = "optional_date")]
    pub start: Option<NaiveDate>,
    /// Follow-up date.
    #[serde(serialize_with = "optional_date")]
    pub followup: Option<NaiveDate>,
    /// Check-in cadence (`weekly`, `every 3 days`).
    pub checkin: Option<Cadence>,
    /// The next check-in: the follow-up, moved on by the cadence once it has passed.
    #[serde(serialize_with = "optional_date")]
    pub next_checkin: Option<NaiveDate>,
    /// Done date.
    #[serde(serialize_with = "optional_date")]
    pub done: Option<NaiveDate>,
    /// Assignee, without a leading `@`.
    pub assignee: Option<&'a str>,
    /// Urgency score (two decimals).
    pub urgency: f64,
    /// Matrix cell; `None` when closed.
    pub quadrant: Option<Quadrant>,
    /// Effort kind.
    pub effort: Effort,
    /// Impact 1–10.
    pub impact: u8,
    /// Estimate in minutes.
    pub estimate_minutes: u32,
    /// Impact per hour (two decimals).
    pub leverage: f64,
    /// Value work that scales.
    pub scalable: bool,
    /// Delegated to someone else.
    pub delegated: bool,
    /// Its next check-in is today or earlier.
    pub followup_due: bool,
    /// What its brief lacks (delegated open tasks only).
    pub brief_gaps: BriefGaps,
}

impl<'a> Entry<'a> {
    /// The digest's order for task lists: urgency descending, then due date (none
    /// last), path, line.
    pub fn by_urgency(a: &Entry<'_>, b: &Entry<'_>) -> Ordering {
        b.urgency
            .total_cmp(&a.urgency)
            .then_with(|| dates_none_last(a.due, b.due))
            .then_with(|| a.by_place(b))
    }

    /// Path, then line: the tie-breaker of every order.
    pub fn by_place(&self, other: &Entry<'_>) -> Ordering {
        self.path.cmp(other.path).then(self.line.cmp(&other.line))
    }
}

/// Earlier dates first, missing dates last.
pub(crate) fn dates_none_last(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Serialize a date as `YYYY-MM-DD`.
pub(crate) fn date<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(date)
}

/// Serialize an optional date as `YYYY-MM-DD` or null.
pub(crate) fn optional_date<S: Serializer>(
    date: &Option<NaiveDate>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}
