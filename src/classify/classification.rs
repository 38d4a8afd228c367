//! The result of classifying one task: every decision, and the reasons for it.

use super::Quadrant;
use crate::model::Effort;
use serde::Serialize;

/// Everything ike decides about one task. Scores are already rounded to two decimals, so
/// that sorting and output agree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    /// Urgent (explicit, tag, due soon or scheduled).
    pub urgent: bool,
    /// Important (explicit, tag, priority, value effort or impact).
    pub important: bool,
    /// The matrix cell; `None` for closed tasks.
    pub quadrant: Option<Quadrant>,
    /// The Obsidian Tasks urgency score, rounded to two decimals.
    pub urgency: f64,
    /// False while the start date is after today, or while the task is blocked.
    pub startable: bool,
    /// Open, and waits for a task that is still open.
    pub blocked: bool,
    /// Open, and an open task waits for it.
    pub blocking: bool,
    /// The ids of the open tasks it waits for.
    pub blocked_by: Vec<String>,
    /// Assigned to someone other than `me`.
    pub delegated: bool,
    /// The follow-up (the next check-in) is today or earlier.
    pub followup_due: bool,
    /// The next check-in: the follow-up date, moved on by the check-in cadence of a
    /// delegated task once it has passed.
    pub next_checkin: Option<chrono::NaiveDate>,
    /// Kind of effort (explicit, by tag, else production).
    pub effort: Effort,
    /// Impact 1–10 (explicit, else by priority).
    pub impact: u8,
    /// Estimate in minutes (explicit, else the default).
    pub estimate_minutes: u32,
    /// Impact per hour of estimate, rounded to two decimals.
    pub leverage: f64,
    /// Value work marked scalable.
    pub scalable: bool,
    /// The leverage the vital few rank by: `leverage`, times the scalable factor for
    /// scalable value work.
    pub vital_leverage: f64,
    /// Routine work to hand off or automate: own, open, non-production, not important.
    pub routine: bool,
    /// Why: one human-readable line per rule that decided something.
    pub reasons: Vec<String>,
}

/// Where the rules put their reasons. Rules ask how many reasons they gave (a decision
/// can hinge on "any reason yet?"), so every reason is counted; its text is only built
/// when kept (`ike list --explain` and the JSON records show them, the digest does not).
#[derive(Debug, Default)]
pub(crate) struct Reasons {
    keep: bool,
    count: usize,
    list: Vec<String>,
}

impl Reasons {
    /// A collector that keeps the text of every reason, or only counts them.
    pub(crate) fn new(keep: bool) -> Self {
        Self {
            keep,
            count: 0,
            list: Vec::new(),
        }
    }

    /// Add a reason; `text` runs only when reasons are kept.
    pub(crate) fn push(&mut self, text: impl FnOnce() -> String) {
        self.count += 1;
        if self.keep {
            self.list.push(text());
        }
    }

    /// Add the reasons gathered in `other`.
    pub(crate) fn extend(&mut self, other: Reasons) {
        self.count += other.count;
        if self.keep {
            self.list.extend(other.list);
        }
    }

    /// Reasons given so far.
    pub(crate) fn len(&self) -> usize {
        self.count
    }

    /// The texts kept.
    pub(crate) fn into_list(self) -> Vec<String> {
        self.list
    }
}

/// Round to two decimals, the precision of every score ike shows (and never `-0`).
pub fn round2(x: f64) -> f64 {
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 || !r.is_finite() { 0.0 } else { r }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(x: f64, expected: f64) {
        assert_eq!(round2(x), expected, "round2({x})");
    }

    #[test]
    fn rounds_to_two_decimals() {
        check(8.799_999_999_999_999, 8.8);
        check(12.700_000_000_000_001, 12.7);
        check(1.0 / 3.0, 0.33);
        check(2.0 / 3.0, 0.67);
        check(-0.001, 0.0);
        check(f64::NAN, 0.0);
        assert!(round2(-0.001).is_sign_positive());
    }
}
