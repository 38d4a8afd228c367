//! The urgent rule: explicit flag, else the urgent tag, a due date within reach
//! (overdue included) or a scheduled date that has come.

use super::ClassifySettings;
use super::classification::Reasons;
use super::settings::has_tag;
use crate::model::Metadata;
use chrono::NaiveDate;

/// Decide whether a task is urgent, adding the reasons to `reasons`.
pub(super) fn decide(
    meta: &Metadata,
    today: NaiveDate,
    s: &ClassifySettings,
    reasons: &mut Reasons,
) -> bool {
    if let Some(explicit) = meta.urgent {
        reasons.push(|| format!("explicit urgent: {explicit}"));
        return explicit;
    }
    let before = reasons.len();
    if has_tag(&meta.tags, &s.urgent_tag) {
        reasons.push(|| format!("#{}", s.urgent_tag.trim_start_matches('#')));
    }
    let days = s.urgent_within_days;
    if let Some(due) = meta.due {
        // Whole days between today and the due date; no date arithmetic that could overflow.
        let ahead = (due - today).num_days();
        if due < today && ahead <= days {
            reasons.push(|| format!("overdue since {due}"));
        } else if ahead == 0 && days >= 0 {
            reasons.push(|| format!("due {due}, today"));
        } else if ahead <= days {
            reasons.push(|| format!("due {due}, within {days} {}", plural(days, "day")));
        }
    }
    if let Some(scheduled) = meta.scheduled.filter(|d| *d <= today) {
        reasons.push(|| format!("scheduled {scheduled} (today or earlier)"));
    }
    if reasons.len() > before {
        return true;
    }
    reasons.push(|| {
        let mut why = Vec::new();
        if let Some(due) = meta.due {
            why.push(format!(
                "due {due}, more than {days} {} away",
                plural(days, "day")
            ));
        }
        if let Some(scheduled) = meta.scheduled {
            why.push(format!("scheduled {scheduled} (after today)"));
        }
        if why.is_empty() {
            why.push(format!(
                "no #{}, no due or scheduled date",
                s.urgent_tag.trim_start_matches('#')
            ));
        }
        format!("not urgent: {}", why.join("; "))
    });
    false
}

/// `word` with an `s` unless `n` is 1.
pub(super) fn plural(n: i64, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}
