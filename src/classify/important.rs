//! The important rule: explicit flag, else the important tag, a priority at or above
//! the threshold, value effort, or an impact at or above the threshold.

use super::ClassifySettings;
use super::classification::Reasons;
use super::settings::has_tag;
use crate::model::{Effort, Metadata, Priority};

/// Decide whether a task is important, adding the reasons to `reasons`. `effort` and
/// `impact` are the task's resolved values.
pub(super) fn decide(
    meta: &Metadata,
    effort: Effort,
    impact: u8,
    s: &ClassifySettings,
    reasons: &mut Reasons,
) -> bool {
    if let Some(explicit) = meta.important {
        reasons.push(|| format!("explicit important: {explicit}"));
        return explicit;
    }
    let before = reasons.len();
    let priority = meta.priority.unwrap_or(Priority::None);
    if has_tag(&meta.tags, &s.important_tag) {
        reasons.push(|| format!("#{}", s.important_tag.trim_start_matches('#')));
    }
    if priority >= s.important_min_priority {
        reasons.push(|| format!("priority {priority}"));
    }
    if effort == Effort::Value {
        reasons.push(|| "effort value".to_owned());
    }
    let min = s.important_min_impact;
    let impact_text = || match meta.impact {
        Some(_) => format!("impact {impact}"),
        None => format!("impact {impact} (from priority {priority})"),
    };
    if impact >= min {
        reasons.push(|| format!("{} ≥ {min}", impact_text()));
    }
    if reasons.len() > before {
        return true;
    }
    reasons.push(|| {
        format!(
            "not important: priority {priority} below {}, effort {effort}, {} < {min}",
            s.important_min_priority,
            impact_text()
        )
    });
    false
}
