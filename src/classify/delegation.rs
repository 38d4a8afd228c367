//! Delegation and follow-up (§1.5, §5): a task assigned to someone other than `me` is
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

/// Whether the follow-up is due (on or before today), adding the reason to `reasons`.
/// A delegated task without a follow-up date is flagged.
pub(super) fn followup_due(
    meta: &Metadata,
    delegated: bool,
    today: NaiveDate,
    reasons: &mut Reasons,
) -> bool {
    match meta.followup {
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
