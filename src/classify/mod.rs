//! Stage 3 of the pipeline: each parsed task → its Eisenhower classification, with
//! the reasons for every decision.
//!
//! Pure: [`classify`] takes the task, `today` and the settings, and reads nothing else.

mod brief;
mod classification;
mod delegation;
mod dependencies;
mod effort;
mod important;
mod leverage;
mod quadrant;
mod scalable;
mod settings;
#[cfg(test)]
pub(crate) mod task_builder;
mod urgency;
mod urgent;

pub use brief::{BriefGap, BriefGaps, brief_gaps, has_steps, steps};
use classification::Reasons;
pub use classification::{Classification, round2};
pub use dependencies::{Blocker, Dependencies, Link};
pub use quadrant::Quadrant;
pub use settings::ClassifySettings;
/// Whether two names are the same person (or tag): the one comparison ike makes.
pub(crate) use settings::same_tag;
pub use urgency::{urgency, urgency_of};

use crate::model::{Effort, Task};
use chrono::NaiveDate;

/// Classify one task on `today`, knowing nothing of other tasks (nothing is blocked).
/// Closed tasks get every field too, but no quadrant.
pub fn classify(task: &Task, today: NaiveDate, s: &ClassifySettings) -> Classification {
    classify_among(task, today, s, &Dependencies::default(), true)
}

/// [`classify`] without the reasons' text (`reasons` is empty): the same decisions, for
/// the digest and the matrix, which never show them.
pub fn classify_quiet(task: &Task, today: NaiveDate, s: &ClassifySettings) -> Classification {
    classify_among(task, today, s, &Dependencies::default(), false)
}

/// Classify one task among the others of its vault, as `deps` knows them: blocked and
/// blocking tasks (docs/classification.md). `keep_reasons` as in [`classify`] /
/// [`classify_quiet`].
pub fn classify_among(
    task: &Task,
    today: NaiveDate,
    s: &ClassifySettings,
    deps: &Dependencies,
    keep_reasons: bool,
) -> Classification {
    let meta = &task.meta;
    let mut reasons = Reasons::new(keep_reasons);
    let (effort, effort_reason) = effort::resolve(meta, s);
    let impact = leverage::impact(meta);
    let estimate_minutes = leverage::estimate_minutes(meta, s);

    let open = task.status.is_open();
    let id = meta.id.as_deref().filter(|_| open);
    // A blocker of an urgent task is urgent unless its own `urgent` field says otherwise;
    // when that is why it is urgent, its own rules' "not urgent: …" is not shown.
    let urgent_because = id
        .and_then(|id| deps.urgent_because(id))
        .filter(|_| meta.urgent.is_none());
    let urgent = match urgent_because {
        None => urgent::decide(meta, today, s, &mut reasons),
        Some(why) => {
            let mut own = Reasons::new(keep_reasons);
            let urgent = urgent::decide(meta, today, s, &mut own);
            if urgent {
                reasons.extend(own);
            } else {
                reasons.push(|| format!("blocks “{why}”, which is urgent"));
            }
            true
        }
    };
    let blocking = id.is_some_and(|id| deps.is_waited_for(id));
    let blocked_by: Vec<String> = if open {
        meta.depends_on
            .iter()
            .filter(|d| deps.open(d).is_some())
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    for dep in &blocked_by {
        let who = deps.open(dep).and_then(|b| b.assignee.as_deref());
        reasons.push(|| match who {
            Some(who) if crate::people::delegated(Some(who), s.me.as_deref()) => {
                format!("blocked: waits for `{dep}` (open, delegated to {who})")
            }
            _ => format!("blocked: waits for `{dep}` (open)"),
        });
    }
    let important = important::decide(meta, effort, impact, s, &mut reasons);
    if let Some(tag) = effort_reason {
        reasons.push(|| format!("effort {effort} from #{tag}"));
    }
    let delegated = delegation::delegated(meta, s, &mut reasons);
    let next_checkin = delegation::next_checkin(meta, delegated, today, &mut reasons);
    let followup_due = delegation::followup_due(next_checkin, delegated, today, &mut reasons);
    let scalable = scalable::decide(meta, effort, s, &mut reasons);
    let leverage = round2(leverage::leverage(impact, estimate_minutes));
    let vital_leverage = scalable::vital_leverage(leverage, scalable, s, &mut reasons);
    let startable = match meta.start {
        Some(start) if start > today => {
            reasons.push(|| format!("starts {start} (not startable)"));
            false
        }
        _ => blocked_by.is_empty(),
    };
    let quadrant = if open {
        let quadrant = Quadrant::of(urgent, important);
        if quadrant == Quadrant::Do && !blocked_by.is_empty() {
            reasons.push(|| "blocked, so in Schedule rather than Do".to_owned());
            Some(Quadrant::Schedule)
        } else {
            Some(quadrant)
        }
    } else {
        reasons.push(|| format!("status {}: closed, so in no quadrant", task.status));
        None
    };
    let routine = quadrant.is_some() && !delegated && effort == Effort::NonProduction && !important;
    if routine {
        reasons.push(|| "routine: own, open, non-production, not important".to_owned());
    }

    Classification {
        urgent,
        important,
        quadrant,
        urgency: round2(urgency(meta, today)),
        startable,
        blocked: !blocked_by.is_empty(),
        blocking,
        blocked_by,
        delegated,
        followup_due,
        next_checkin,
        effort,
        impact,
        estimate_minutes,
        leverage,
        scalable,
        vital_leverage,
        routine,
        reasons: reasons.into_list(),
    }
}

#[cfg(test)]
mod tests;
