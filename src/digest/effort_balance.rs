//! Effort balance (§1.3, §7): how the open tasks and their estimated hours split over the
//! four kinds of effort.

use super::Entry;
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

/// One line per kind, in [`Effort::ALL`] order, zeros included.
pub(super) fn balance<'a>(open: impl IntoIterator<Item = &'a Entry>) -> Vec<EffortLine> {
    let mut tally = [(0usize, 0u64); Effort::ALL.len()];
    for entry in open {
        if let Some(i) = Effort::ALL.iter().position(|e| *e == entry.effort) {
            tally[i].0 += 1;
            tally[i].1 += u64::from(entry.estimate_minutes);
        }
    }
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
