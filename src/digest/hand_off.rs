//! "Hand off or automate": routine work — own, open, non-production, not important — with
//! its estimated hours, biggest first (docs/classification.md).

use super::Entry;
use crate::classify::round2;
use serde::Serialize;

/// The routine tasks and the hours they take.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct HandOff<'a> {
    /// How many routine tasks there are (`tasks` may list fewer: `max_items`).
    pub open: usize,
    /// Their estimates, summed, in hours (two decimals).
    pub hours: f64,
    /// By estimate descending, then path, line.
    pub tasks: Vec<Entry<'a>>,
}

impl<'a> HandOff<'a> {
    /// The section from its tally and the entries shown.
    pub(super) fn new(open: usize, minutes: u64, tasks: Vec<Entry<'a>>) -> Self {
        Self {
            open,
            hours: round2(minutes as f64 / 60.0),
            tasks,
        }
    }
}
