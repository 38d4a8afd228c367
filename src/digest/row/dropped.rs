//! The rows a sheet trimmed as it is made leaves out ([`Dropped`]): what they add to the
//! counts, and their keys in the vital few's order as runs, so that a note of a million
//! tasks no list can show is held as a few numbers instead of a million rows.
//!
//! A left-out row is never among the first tasks of any list (the trim's bars beat it),
//! so the only list that still needs it is the vital few's share of all own open tasks:
//! which of them are the first `count` decides the impact shown. Its order is leverage,
//! urgency, then place; a run is a stretch of left-out own open rows, in task order and
//! with no kept row between them, with one key and one impact. Sorting runs by their
//! first row's place gives every row its place in the full order: no other row of the
//! sheet lies inside a run's stretch of lines (decision 0082).

use super::super::order::{ByDone, ByEstimate, ByFollowup, ByLeverage, ByUrgency, ByValue, Score};
use super::super::rules::{self, Lists, Tally};
use super::Row;
use crate::classify::Quadrant;
use std::cmp::Reverse;

/// What the rows left out of a trimmed sheet add up to.
#[derive(Debug, Clone, Default, PartialEq)]
pub(in crate::digest) struct Dropped {
    /// Their counts and sums.
    pub(in crate::digest) tally: Tally,
    /// The own open ones, as runs in task order.
    runs: Vec<Run>,
    /// A kept row came after the last run: the next left-out row starts a new one.
    cut: bool,
}

/// Own open rows left out, one after the other in their sheet, with one vital-few key and
/// one impact.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(in crate::digest) struct Run {
    /// The leverage the vital few rank by.
    vital_leverage: f64,
    /// The urgency score.
    urgency: f64,
    /// The line of the first row (the others come after it, in order).
    pub(in crate::digest) line: u32,
    /// How many rows.
    pub(in crate::digest) rows: u32,
    /// The impact of each.
    pub(in crate::digest) impact: u8,
}

impl Run {
    /// The vital few's key of its first row, at `place`.
    pub(in crate::digest) fn key<P>(&self, place: P) -> ByLeverage<P> {
        ByLeverage(
            Reverse(Score(self.vital_leverage)),
            Reverse(Score(self.urgency)),
            place,
            self.impact,
        )
    }
}

impl Dropped {
    /// Leave `row` out: add it to the tally and, when own and open, to the runs.
    pub(in crate::digest) fn add(&mut self, row: &Row) {
        let mut own = OwnOpen(None);
        rules::file_into(row, (), || (), &mut own, &mut self.tally);
        let Some(key) = own.0 else {
            return;
        };
        let (vital_leverage, urgency) = ((key.0).0.0, (key.1).0.0);
        let same = |r: &Run| {
            Score(r.vital_leverage) == Score(vital_leverage)
                && Score(r.urgency) == Score(urgency)
                && r.impact == key.3
        };
        match self.runs.last_mut() {
            Some(run) if !self.cut && same(run) && run.rows < u32::MAX => run.rows += 1,
            _ => self.runs.push(Run {
                vital_leverage,
                urgency,
                line: row.line,
                rows: 1,
                impact: key.3,
            }),
        }
        self.cut = false;
    }

    /// A row is kept: the run of left-out rows before it ends.
    pub(in crate::digest) fn keep(&mut self) {
        self.cut = true;
    }

    /// Whether any row was left out.
    pub(in crate::digest) fn is_empty(&self) -> bool {
        self.tally == Tally::default()
    }

    /// The runs, in task order.
    pub(in crate::digest) fn runs(&self) -> &[Run] {
        &self.runs
    }

    /// Done adding: the runs take no more room than they need.
    pub(in crate::digest) fn shrink(&mut self) {
        self.runs.shrink_to_fit();
        self.cut = false;
    }
}

/// Lists that keep only an own open task's vital-few key.
struct OwnOpen(Option<ByLeverage<()>>);

impl Lists<(), ()> for OwnOpen {
    fn quadrant(&mut self, _: Quadrant, _: ByUrgency<()>) {}
    fn own_open(&mut self, key: ByLeverage<()>) {
        self.0 = Some(key);
    }
    fn value(&mut self, _: ByValue<()>) {}
    fn routine(&mut self, _: ByEstimate<()>) {}
    fn done_recently(&mut self, _: ByDone<()>) {}
    fn waiting_on(&mut self, _: (), _: ByFollowup<()>) {}
    fn blocked(&mut self, _: ByUrgency<()>) {}
}
