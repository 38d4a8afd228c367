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

/// An own open task as the vital few rank it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate<A> {
    pub leverage: f64,
    pub urgency: f64,
    pub impact: u8,
    /// (rank of the path, line): the tie-breaker.
    pub place: (u32, u32),
    /// Where its entry comes from.
    pub at: A,
}

/// Pick the vital few among `own_open`. `share` outside 0–1 (or NaN) is clamped (NaN: 0.2).
/// `tasks` lists the first `max_items` of them (all when 0), made by `entry`.
pub(super) fn select<'a, A: Copy + Send>(
    mut own_open: Vec<Candidate<A>>,
    share: f64,
    max_items: usize,
    entry: impl Fn(A) -> Option<Entry<'a>>,
) -> VitalFew<'a> {
    let of = own_open.len();
    let (share, count) = how_many(of, share);
    let total_impact: u64 = own_open.iter().map(|e| u64::from(e.impact)).sum();
    let order = |a: &Candidate<A>, b: &Candidate<A>| {
        b.leverage
            .total_cmp(&a.leverage)
            .then_with(|| b.urgency.total_cmp(&a.urgency))
            .then_with(|| a.place.cmp(&b.place))
    };
    // The vital few are the first `count` in this (total) order: find them without
    // sorting the rest, then sort only the part shown.
    if count > 0 && count < of {
        own_open.select_nth_unstable_by(count - 1, order);
    }
    own_open.truncate(count);
    let impact: u64 = own_open.iter().map(|e| u64::from(e.impact)).sum();
    super::build::top(&mut own_open, max_items, order);
    VitalFew {
        share,
        of,
        impact,
        total_impact,
        impact_percent: percent(impact, total_impact),
        count,
        tasks: own_open.into_iter().filter_map(|c| entry(c.at)).collect(),
    }
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
