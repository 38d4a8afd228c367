//! The urgency score, exactly as Obsidian Tasks computes it, so that users can
//! compare numbers between the two tools.
//!
//! Checked against Obsidian Tasks' `src/Task/Urgency.ts`: the due term maps the 21 days from
//! 14 days ahead to 7 days overdue linearly onto 0.2–1.0 (× 12); beyond that range it is
//! constant. Days are whole calendar days.

use crate::model::{Metadata, Priority};
use chrono::NaiveDate;

/// Weight of the due-date term.
const DUE_COEFFICIENT: f64 = 12.0;
/// Added when the scheduled date is today or earlier.
const SCHEDULED_TERM: f64 = 5.0;
/// Added when the start date is after today.
const NOT_STARTED_TERM: f64 = -3.0;

/// The due-date term: 0 without a due date.
pub(super) fn due_term(due: Option<NaiveDate>, today: NaiveDate) -> f64 {
    let Some(due) = due else { return 0.0 };
    let days_overdue = (today - due).num_days() as f64;
    let multiplier = if days_overdue >= 7.0 {
        1.0
    } else if days_overdue >= -14.0 {
        (days_overdue + 14.0) * 0.8 / 21.0 + 0.2
    } else {
        0.2
    };
    multiplier * DUE_COEFFICIENT
}

/// The scheduled-date term: 5 when scheduled today or earlier.
pub(super) fn scheduled_term(scheduled: Option<NaiveDate>, today: NaiveDate) -> f64 {
    match scheduled {
        Some(date) if date <= today => SCHEDULED_TERM,
        _ => 0.0,
    }
}

/// The start-date term: −3 while the start date is after today.
pub(super) fn start_term(start: Option<NaiveDate>, today: NaiveDate) -> f64 {
    match start {
        Some(date) if date > today => NOT_STARTED_TERM,
        _ => 0.0,
    }
}

/// The priority term (a task without a priority counts as `none`).
pub(super) fn priority_term(priority: Option<Priority>) -> f64 {
    match priority.unwrap_or(Priority::None) {
        Priority::Highest => 9.0,
        Priority::High => 6.0,
        Priority::Medium => 3.9,
        Priority::None => 1.95,
        Priority::Low => 0.0,
        Priority::Lowest => -1.8,
    }
}

/// The urgency score of a task's metadata on `today`, unrounded.
pub fn urgency(meta: &Metadata, today: NaiveDate) -> f64 {
    urgency_of(meta.due, meta.scheduled, meta.start, meta.priority, today)
}

/// The urgency score of a task with these dates and priority on `today`, unrounded: the
/// whole of what [`urgency`] reads, for callers that keep these fields and not the task.
pub fn urgency_of(
    due: Option<NaiveDate>,
    scheduled: Option<NaiveDate>,
    start: Option<NaiveDate>,
    priority: Option<Priority>,
    today: NaiveDate,
) -> f64 {
    due_term(due, today)
        + scheduled_term(scheduled, today)
        + start_term(start, today)
        + priority_term(priority)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::round2;
    use crate::classify::task_builder::{day, today};

    #[track_caller]
    fn check_due(days_from_today: Option<i64>, expected: f64) {
        let got = round2(due_term(days_from_today.map(day), today()));
        assert_eq!(got, expected, "due in {days_from_today:?} days");
    }

    #[test]
    fn due_term_boundaries() {
        check_due(None, 0.0);
        check_due(Some(-30), 12.0); // long overdue
        check_due(Some(-8), 12.0);
        check_due(Some(-7), 12.0); // 7 days overdue: the ramp's top
        check_due(Some(-6), 11.54); // ((6 + 14) × 0.8 / 21 + 0.2) × 12
        check_due(Some(-1), 9.26);
        check_due(Some(0), 8.8); // due today
        check_due(Some(1), 8.34);
        check_due(Some(13), 2.86);
        check_due(Some(14), 2.4); // the ramp's foot: 0.2 × 12
        check_due(Some(15), 2.4);
        check_due(Some(365), 2.4);
    }

    #[test]
    fn scheduled_and_start_terms() {
        assert_eq!(scheduled_term(None, today()), 0.0);
        assert_eq!(scheduled_term(Some(day(-1)), today()), 5.0);
        assert_eq!(scheduled_term(Some(day(0)), today()), 5.0);
        assert_eq!(scheduled_term(Some(day(1)), today()), 0.0);
        assert_eq!(start_term(None, today()), 0.0);
        assert_eq!(start_term(Some(day(-1)), today()), 0.0);
        assert_eq!(start_term(Some(day(0)), today()), 0.0);
        assert_eq!(start_term(Some(day(1)), today()), -3.0);
    }

    #[test]
    fn priority_terms() {
        let table = [
            (Some(Priority::Highest), 9.0),
            (Some(Priority::High), 6.0),
            (Some(Priority::Medium), 3.9),
            (Some(Priority::None), 1.95),
            (None, 1.95),
            (Some(Priority::Low), 0.0),
            (Some(Priority::Lowest), -1.8),
        ];
        for (priority, expected) in table {
            assert_eq!(priority_term(priority), expected, "{priority:?}");
        }
    }

    #[track_caller]
    fn check_worked(meta: Metadata, expected: f64) {
        assert_eq!(round2(urgency(&meta, today())), expected, "{meta:?}");
    }

    /// The worked examples of the Obsidian Tasks documentation.
    #[test]
    fn worked_examples() {
        // Due today, medium priority, not scheduled, no start date.
        check_worked(
            Metadata {
                due: Some(day(0)),
                priority: Some(Priority::Medium),
                ..Metadata::default()
            },
            12.7,
        );
        // No due date, high priority, scheduled yesterday, started yesterday.
        check_worked(
            Metadata {
                priority: Some(Priority::High),
                scheduled: Some(day(-1)),
                start: Some(day(-1)),
                ..Metadata::default()
            },
            11.0,
        );
        // No due date, high priority, scheduled tomorrow, starts tomorrow.
        check_worked(
            Metadata {
                priority: Some(Priority::High),
                scheduled: Some(day(1)),
                start: Some(day(1)),
                ..Metadata::default()
            },
            3.0,
        );
        // Nothing at all: the `none` priority term alone.
        check_worked(Metadata::default(), 1.95);
    }
}
