//! The vital few (§1.4): the top share of own open tasks by leverage, and the share of the
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

/// Pick the vital few among `own_open`. `share` outside 0–1 (or NaN) is clamped (NaN: 0.2).
/// `tasks` lists the first `max_items` of them (all when 0).
pub(super) fn select<'a>(
    mut own_open: Vec<&Entry<'a>>,
    share: f64,
    max_items: usize,
) -> VitalFew<'a> {
    let share = if share.is_nan() {
        0.2
    } else {
        share.clamp(0.0, 1.0)
    };
    let of = own_open.len();
    let wanted = ((of as f64 * share) - 1e-9).ceil().max(1.0) as usize;
    let count = wanted.min(of);
    let total_impact: u64 = own_open.iter().map(|e| u64::from(e.impact)).sum();
    let order = |a: &&Entry<'_>, b: &&Entry<'_>| {
        b.leverage
            .total_cmp(&a.leverage)
            .then_with(|| b.urgency.total_cmp(&a.urgency))
            .then_with(|| a.by_place(b))
    };
    // The vital few are the first `count` in this (total) order: find them without
    // sorting the rest, then sort only the part shown.
    if count > 0 && count < of {
        own_open.select_nth_unstable_by(count - 1, order);
    }
    own_open.truncate(count);
    let impact: u64 = own_open.iter().map(|e| u64::from(e.impact)).sum();
    super::build::top(&mut own_open, max_items, order);
    let impact_percent = if total_impact == 0 {
        0.0
    } else {
        round2(impact as f64 * 100.0 / total_impact as f64)
    };
    VitalFew {
        share,
        of,
        impact,
        total_impact,
        impact_percent,
        count,
        tasks: own_open.into_iter().copied().collect(),
    }
}
