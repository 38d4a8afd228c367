//! The stable per-task JSON record of `ike list` (§6): one flat object per task.

use crate::classify::Classification;
use crate::model::{Document, Priority, Task};
use chrono::NaiveDate;
use serde::Serialize;

/// One task as `ike list --format json|ndjson` writes it. Field order is the documented order.
#[derive(Debug, Clone, Serialize)]
pub struct TaskRecord<'a> {
    pub path: &'a str,
    pub line: usize,
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
    pub delegated: bool,
    pub followup_due: bool,
    pub effort: &'static str,
    pub impact: u8,
    pub estimate_minutes: u32,
    pub leverage: f64,
    pub urgent: bool,
    pub important: bool,
    pub quadrant: Option<&'static str>,
    pub urgency: f64,
    pub startable: bool,
    pub recurrence: Option<&'a str>,
    pub id: Option<&'a str>,
    pub depends_on: &'a [String],
    pub parent_line: Option<usize>,
    pub section: &'a [String],
    pub reasons: Vec<String>,
}

impl<'a> TaskRecord<'a> {
    /// The record of a classified task.
    pub fn new(doc: &'a Document, task: &'a Task, c: &Classification) -> Self {
        let m = &task.meta;
        Self {
            path: &doc.path,
            line: task.line,
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
            delegated: c.delegated,
            followup_due: c.followup_due,
            effort: c.effort.as_str(),
            impact: c.impact,
            estimate_minutes: c.estimate_minutes,
            leverage: c.leverage,
            urgent: c.urgent,
            important: c.important,
            quadrant: c.quadrant.map(|q| q.as_str()),
            urgency: c.urgency,
            startable: c.startable,
            recurrence: m.recurrence.as_deref(),
            id: m.id.as_deref(),
            depends_on: &m.depends_on,
            parent_line: task.parent_line,
            section: &task.section[..],
            reasons: c.reasons.clone(),
        }
    }
}
