//! Effort balance: how the open tasks and their estimated hours split over the
//! four kinds of effort.

use crate::classify::round2;
use crate::model::Effort;
use serde::Serialize;

/// One kind of effort's share of the open work.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EffortLine {
    /// The kind.
    pub effort: Effort,
    /// Open tasks of this kind.
    pub tasks: usize,
    /// Their estimates, summed, in hours (two decimals).
    pub hours: f64,
}

/// One line per kind, in [`Effort::ALL`] order, zeros included, from the open tasks and
/// estimated minutes of each kind (in the same order).
pub(super) fn balance(tally: [(usize, u64); Effort::ALL.len()]) -> Vec<EffortLine> {
    Effort::ALL
        .into_iter()
        .zip(tally)
        .map(|(effort, (tasks, minutes))| EffortLine {
            effort,
            tasks,
            hours: round2(minutes as f64 / 60.0),
        })
        .collect()
}
