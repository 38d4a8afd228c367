//! The stable per-task JSON record of `ike list`: one flat object per task.

use crate::classify::{BriefGaps, Classification, ClassifySettings, brief_gaps, has_steps};
use crate::model::{Cadence, Document, Priority, Task, TextHash};
use chrono::NaiveDate;
use serde::Serialize;

/// One task as `ike list --format json|ndjson` writes it. Field order is the documented order.
#[derive(Debug, Clone, Serialize)]
pub struct TaskRecord<'a> {
    pub path: &'a str,
    pub line: usize,
    pub hash: TextHash,
    pub status: &'a str,
    pub description: &'a str,
    pub tags: &'a [String],
    pub project: Option<&'a str>,
    pub due: Option<NaiveDate>,
    pub scheduled: Option<NaiveDate>,
    pub start: Option<NaiveDate>,
    pub created: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    pub cancelled: Option<NaiveDate>,
    pub followup: Option<NaiveDate>,
    pub priority: Priority,
    pub assignee: Option<&'a str>,
    pub mentions: &'a [String],
    pub contexts: &'a [String],
    pub delegated: bool,
    pub followup_due: bool,
    pub checkin: Option<Cadence>,
    pub next_checkin: Option<NaiveDate>,
    pub brief_gaps: BriefGaps,
    pub effort: &'static str,
    pub impact: u8,
    pub estimate_minutes: u32,
    pub leverage: f64,
    pub scalable: bool,
    pub routine: bool,
    pub urgent: bool,
    pub important: bool,
    pub quadrant: Option<&'static str>,
    pub urgency: f64,
    pub startable: bool,
    pub blocked: bool,
    pub blocking: bool,
    pub blocked_by: Vec<String>,
    pub recurrence: Option<&'a str>,
    pub id: Option<&'a str>,
    pub depends_on: &'a [String],
    pub parent_line: Option<usize>,
    pub section: &'a [String],
    pub block_id: Option<&'a str>,
    pub reasons: Vec<String>,
}

impl<'a> TaskRecord<'a> {
    /// The record of a classified task (`cs`: the settings it was classified with).
    pub fn new(
        doc: &'a Document,
        task: &'a Task,
        c: &Classification,
        cs: &ClassifySettings,
    ) -> Self {
        let m = &task.meta;
        let brief_gaps = if c.delegated && c.quadrant.is_some() {
            // Tasks are in line order: find this one's index to look at what follows it.
            let index = doc.tasks.partition_point(|t| t.line < task.line);
            brief_gaps(m, &task.description, has_steps(doc, index), cs)
        } else {
            BriefGaps::NONE
        };
        Self {
            path: &doc.path,
            line: task.line,
            hash: task.hash,
            status: task.status.as_str(),
            description: &task.description,
            tags: &m.tags,
            project: m.project.as_deref(),
            due: m.due,
            scheduled: m.scheduled,
            start: m.start,
            created: m.created,
            done: m.done,
            cancelled: m.cancelled,
            followup: m.followup,
            priority: m.priority.unwrap_or(Priority::None),
            assignee: m.assignee.as_deref(),
            mentions: &m.mentions,
            contexts: &m.contexts,
            delegated: c.delegated,
            followup_due: c.followup_due,
            checkin: m.checkin,
            next_checkin: c.next_checkin,
            brief_gaps,
            effort: c.effort.as_str(),
            impact: c.impact,
            estimate_minutes: c.estimate_minutes,
            leverage: c.leverage,
            scalable: c.scalable,
            routine: c.routine,
            urgent: c.urgent,
            important: c.important,
            quadrant: c.quadrant.map(|q| q.as_str()),
            urgency: c.urgency,
            startable: c.startable,
            blocked: c.blocked,
            blocking: c.blocking,
            blocked_by: c.blocked_by.clone(),
            recurrence: m.recurrence.as_deref(),
            id: m.id.as_deref(),
            depends_on: &m.depends_on,
            parent_line: task.parent_line,
            section: &task.section[..],
            block_id: task.block_id.as_deref(),
            reasons: c.reasons.clone(),
        }
    }
}
