//! The orders of the digest's lists, written once as sort keys: each key holds what its
//! list sorts by, then the task's place, which breaks every tie. Both builds sort by these
//! keys — the one-shot build ([`super::build`]) with a place that is the document's rank
//! and the task's line, the standing sections of `ike watch` ([`super::Ledger`]) with the
//! path and the line — so the same tasks come first in both.

use super::entry::dates_none_last;
use chrono::NaiveDate;
use std::cmp::{Ordering, Reverse};

/// An f64 that sorts by `total_cmp`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Score(pub f64);

impl PartialEq for Score {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Score {}
impl PartialOrd for Score {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Score {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// A date that sorts missing last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NoneLast(pub Option<NaiveDate>);

impl PartialOrd for NoneLast {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for NoneLast {
    fn cmp(&self, other: &Self) -> Ordering {
        dates_none_last(self.0, other.0)
    }
}

/// The task lists' order (the quadrants): urgency descending, due date (none last), place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct ByUrgency<P>(pub Reverse<Score>, pub NoneLast, pub P);

impl<P> ByUrgency<P> {
    pub(super) fn new(urgency: f64, due: Option<NaiveDate>, place: P) -> Self {
        Self(Reverse(Score(urgency)), NoneLast(due), place)
    }
}

/// Value work's order: scalable first, then by urgency.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct ByValue<P>(pub Reverse<bool>, pub ByUrgency<P>);

/// The vital few's order: leverage descending, urgency descending, place; with the task's
/// impact (which never decides: places differ).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct ByLeverage<P>(pub Reverse<Score>, pub Reverse<Score>, pub P, pub u8);

/// "Done since yesterday": by done date, place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct ByDone<P>(pub Option<NaiveDate>, pub P);

/// "Waiting on", per person: follow-ups due first, by next check-in (none last), place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct ByFollowup<P>(pub Reverse<bool>, pub NoneLast, pub P);

impl<P> ByFollowup<P> {
    /// Its follow-up is due.
    pub(super) fn is_due(&self) -> bool {
        self.0.0
    }

    /// It has no check-in date.
    pub(super) fn lacks_followup(&self) -> bool {
        self.1.0.is_none()
    }
}

/// "Hand off or automate": longest estimate first, then place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct ByEstimate<P>(pub Reverse<u32>, pub P);

/// A key's place: the tie-breaker, and where the task's entry comes from.
pub(super) trait Placed<P> {
    fn place(&self) -> &P;
}

impl<P> Placed<P> for ByUrgency<P> {
    fn place(&self) -> &P {
        &self.2
    }
}
impl<P> Placed<P> for ByValue<P> {
    fn place(&self) -> &P {
        &self.1.2
    }
}
impl<P> Placed<P> for ByLeverage<P> {
    fn place(&self) -> &P {
        &self.2
    }
}
impl<P> Placed<P> for ByDone<P> {
    fn place(&self) -> &P {
        &self.1
    }
}
impl<P> Placed<P> for ByFollowup<P> {
    fn place(&self) -> &P {
        &self.2
    }
}
impl<P> Placed<P> for ByEstimate<P> {
    fn place(&self) -> &P {
        &self.1
    }
}
