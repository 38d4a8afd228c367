//! Impact, estimate and leverage: what a task is worth, what it costs, and the ratio
//! the vital few are ranked by.

use super::ClassifySettings;
use crate::model::{Metadata, Priority};

/// Impact: explicit, else by priority (highest 9, high 7, medium 5, none 3, low 2, lowest 1).
pub(super) fn impact(meta: &Metadata) -> u8 {
    meta.impact
        .unwrap_or(match meta.priority.unwrap_or(Priority::None) {
            Priority::Highest => 9,
            Priority::High => 7,
            Priority::Medium => 5,
            Priority::None => 3,
            Priority::Low => 2,
            Priority::Lowest => 1,
        })
}

/// Estimate in minutes: explicit, else the configured default.
pub(super) fn estimate_minutes(meta: &Metadata, s: &ClassifySettings) -> u32 {
    meta.estimate_minutes.unwrap_or(s.default_estimate_minutes)
}

/// Impact per hour of estimate, unrounded. A zero estimate counts as one minute, so that
/// leverage stays finite.
pub(super) fn leverage(impact: u8, estimate_minutes: u32) -> f64 {
    f64::from(impact) * 60.0 / f64::from(estimate_minutes.max(1))
}
