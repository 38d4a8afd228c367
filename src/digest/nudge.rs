//! Nudges: short warnings when the list looks unhealthy — everything urgent, too
//! much to do now, no value work, delegation without follow-through.

use super::{Counts, EffortLine, Person};
use crate::classify::ClassifySettings;
use crate::model::Effort;
use serde::Serialize;

/// Which warning a nudge is; a stable name for scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NudgeKind {
    /// More than half of the open tasks are urgent.
    EverythingUrgent,
    /// More tasks in Do than anyone does in a day.
    TooMuchToDo,
    /// No open value task.
    NoValueWork,
    /// Delegated tasks without a follow-up date.
    MissingFollowups,
    /// Follow-ups that are due.
    FollowupsDue,
    /// Delegated tasks whose brief lacks a deadline, a check-in, or steps.
    ThinBriefs,
    /// Non-production work takes too large a share of the estimated hours.
    TooMuchBusyWork,
    /// Value work takes too small a share of the estimated hours.
    LittleValueTime,
}

/// One nudge: its kind and the sentence shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Nudge {
    /// The kind.
    pub kind: NudgeKind,
    /// The message, one or two sentences.
    pub message: String,
}

/// What the nudges look at.
pub(super) struct Inputs<'a> {
    pub counts: &'a Counts,
    pub open_value_tasks: usize,
    pub waiting_on: &'a [Person<'a>],
    pub effort: &'a [EffortLine],
    pub max_do: usize,
    pub max_non_production_share: f64,
    pub min_value_share: f64,
    pub classify: &'a ClassifySettings,
}

/// The nudges of a digest with these counts and people waited on.
pub(super) fn of_digest(
    counts: &Counts,
    waiting_on: &[Person<'_>],
    effort: &[EffortLine],
    ds: &super::DigestSettings,
    cs: &ClassifySettings,
) -> Vec<Nudge> {
    nudges(&Inputs {
        counts,
        open_value_tasks: counts.value,
        waiting_on,
        effort,
        max_do: ds.max_do_warning,
        max_non_production_share: ds.max_non_production_share,
        min_value_share: ds.min_value_share,
        classify: cs,
    })
}

/// The share (0–1) of the open tasks' estimated hours that `kind` takes; `None` when
/// there are no hours.
fn share_of_hours(effort: &[EffortLine], kind: Effort) -> Option<f64> {
    let total: f64 = effort.iter().map(|l| l.hours).sum();
    let part: f64 = effort
        .iter()
        .filter(|l| l.effort == kind)
        .map(|l| l.hours)
        .sum();
    (total > 0.0).then(|| part / total)
}

/// A share as a whole percentage, for messages.
fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

/// The nudges that apply, in a fixed order.
pub(super) fn nudges(i: &Inputs<'_>) -> Vec<Nudge> {
    let c = i.counts;
    let mut out = Vec::new();
    let mut push = |kind, message: String| out.push(Nudge { kind, message });
    if c.urgent * 2 > c.open {
        push(
            NudgeKind::EverythingUrgent,
            format!(
                "{} of {} open tasks are urgent. Resist seeing everything as urgent: \
                 which of them would really suffer from waiting a week?",
                c.urgent, c.open
            ),
        );
    }
    if c.r#do > i.max_do {
        push(
            NudgeKind::TooMuchToDo,
            format!(
                "{} tasks in Do (more than {}). Nobody does that many things today: \
                 schedule, delegate or drop some.",
                c.r#do, i.max_do
            ),
        );
    }
    // An empty list needs no advice on what to plan.
    if i.open_value_tasks == 0 && c.open > 0 {
        let tags: Vec<String> = i
            .classify
            .effort_tags
            .iter()
            .filter(|(_, e)| **e == Effort::Value)
            .map(|(tag, _)| format!("#{}", tag.trim_start_matches('#')))
            .collect();
        let how = if tags.is_empty() {
            "give it `effort:: value`".to_owned()
        } else {
            format!("give it `effort:: value` or tag it {}", or_list(&tags))
        };
        push(
            NudgeKind::NoValueWork,
            format!(
                "No value work planned. Add one task that will matter a year from now \
                 ({how})."
            ),
        );
    }
    if c.missing_followups > 0 {
        let n = c.missing_followups;
        push(
            NudgeKind::MissingFollowups,
            format!(
                "{n} delegated {} no follow-up date: agree on a check-in \
                 (`followup:: YYYY-MM-DD`).",
                if n == 1 { "task has" } else { "tasks have" }
            ),
        );
    }
    if c.brief_gaps > 0 {
        let n = c.brief_gaps;
        push(
            NudgeKind::ThinBriefs,
            format!(
                "{n} delegated {} a deadline, a check-in, or steps: see Waiting on, and \
                 send a clear brief (`ike brief NAME`).",
                if n == 1 { "task lacks" } else { "tasks lack" }
            ),
        );
    }
    if let Some(share) =
        share_of_hours(i.effort, Effort::NonProduction).filter(|s| *s > i.max_non_production_share)
    {
        push(
            NudgeKind::TooMuchBusyWork,
            format!(
                "Non-production work is {} of the estimated hours (more than {}): hand off \
                 or automate the routine (see Hand off or automate).",
                percent(share),
                percent(i.max_non_production_share)
            ),
        );
    }
    if let Some(share) = share_of_hours(i.effort, Effort::Value)
        .filter(|s| i.open_value_tasks > 0 && *s < i.min_value_share)
    {
        push(
            NudgeKind::LittleValueTime,
            format!(
                "Value work is {} of the estimated hours (less than {}): no time is kept \
                 for value production.",
                percent(share),
                percent(i.min_value_share)
            ),
        );
    }
    if c.followups_due > 0 {
        let n = c.followups_due;
        let people: Vec<String> = i
            .waiting_on
            .iter()
            .filter(|p| p.followups_due > 0)
            .map(|p| p.assignee.clone())
            .collect();
        push(
            NudgeKind::FollowupsDue,
            format!(
                "{n} {} due: check in with {}.",
                if n == 1 {
                    "follow-up is"
                } else {
                    "follow-ups are"
                },
                and_list(&people)
            ),
        );
    }
    out
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String]) -> String {
    join_last(items, " or ")
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    join_last(items, " and ")
}

fn join_last(items: &[String], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., tail] => format!("{}{last}{tail}", init.join(", ")),
    }
}
