//! The vital few: the top share of own open tasks by leverage, and the share of the
//! total impact they carry.

use super::Entry;
use crate::classify::round2;
use serde::Serialize;

/// The vital few and what they carry.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct VitalFew<'a> {
    /// The share of own open tasks shown (the setting, e.g. 0.2).
    pub share: f64,
    /// How many own open tasks there are.
    pub of: usize,
    /// The sum of the impact of the tasks shown.
    pub impact: u64,
    /// The sum of the impact of all own open tasks.
    pub total_impact: u64,
    /// `impact` as a percentage of `total_impact` (two decimals; 0 when there is none).
    pub impact_percent: f64,
    /// How many tasks are the vital few (`tasks` may list fewer: `max_items`).
    pub count: usize,
    /// By leverage descending, then urgency descending, path, line.
    pub tasks: Vec<Entry<'a>>,
}

/// The share actually used (clamped to 0–1; NaN: 0.2) and how many of `of` own open tasks
/// are the vital few: the share rounded up, at least one.
pub(super) fn how_many(of: usize, share: f64) -> (f64, usize) {
    let share = if share.is_nan() {
        0.2
    } else {
        share.clamp(0.0, 1.0)
    };
    let wanted = ((of as f64 * share) - 1e-9).ceil().max(1.0) as usize;
    (share, wanted.min(of))
}

/// `part` as a percentage of `total` (two decimals; 0 when there is none).
pub(super) fn percent(part: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        round2(part as f64 * 100.0 / total as f64)
    }
}
