//! Delegation and follow-up: a task assigned to someone other than `me` is
//! delegated, and its follow-up date says when to check in.

use super::ClassifySettings;
use super::classification::Reasons;
use crate::model::Metadata;
use crate::people;
use chrono::NaiveDate;

/// Whether the task is delegated, adding the reason to `reasons`.
pub(super) fn delegated(meta: &Metadata, s: &ClassifySettings, reasons: &mut Reasons) -> bool {
    let Some(assignee) = meta
        .assignee
        .as_deref()
        .map(|a| a.trim().trim_start_matches('@'))
        .filter(|a| !a.is_empty())
    else {
        return false;
    };
    match s.me.as_deref() {
        me if !people::delegated(Some(assignee), me) => {
            reasons.push(|| format!("assigned to {assignee} (me)"));
            false
        }
        Some(_) => {
            reasons.push(|| format!("assigned to {assignee} (not me)"));
            true
        }
        None => {
            reasons.push(|| format!("assigned to {assignee} (not me: `me` is not set)"));
            true
        }
    }
}

/// The next check-in of a task: for a delegated task with a check-in cadence, computed
/// from its last follow-up (see [`crate::model::next_checkin`]); otherwise its follow-up
/// date. Adds the cadence's reason to `reasons`.
pub(super) fn next_checkin(
    meta: &Metadata,
    delegated: bool,
    today: NaiveDate,
    reasons: &mut Reasons,
) -> Option<NaiveDate> {
    let cadence = meta.checkin.filter(|_| delegated);
    let next = crate::model::next_checkin(meta.followup, meta.created, cadence, today);
    if let (Some(cadence), Some(next)) = (cadence, next) {
        reasons.push(|| {
            let from = match (meta.followup, meta.created) {
                (Some(f), _) if f >= today => "the follow-up".to_owned(),
                (Some(f), _) => format!("from the follow-up {f}"),
                (None, Some(c)) => format!("from the created date {c} (no follow-up yet)"),
                (None, None) => "today (no follow-up or created date yet)".to_owned(),
            };
            format!("check-in {cadence}: next {next}, {from}")
        });
    }
    next
}

/// Whether the follow-up (the next check-in, `next`) is due (on or before today), adding
/// the reason to `reasons`. A delegated task without one is flagged.
pub(super) fn followup_due(
    next: Option<NaiveDate>,
    delegated: bool,
    today: NaiveDate,
    reasons: &mut Reasons,
) -> bool {
    match next {
        Some(date) if date <= today => {
            reasons.push(|| format!("follow-up due {date}"));
            true
        }
        Some(date) => {
            if delegated {
                reasons.push(|| format!("follow-up {date}"));
            }
            false
        }
        None => {
            if delegated {
                reasons.push(|| "no follow-up date".to_owned());
            }
            false
        }
    }
}
