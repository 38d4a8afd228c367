//! The stable per-task JSON record of `ike list` (§6): one flat object per task.

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
    pub due: Option<NaiveDate>,
    pub scheduled: Option<NaiveDate>,
    pub start: Option<NaiveDate>,
    pub created: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    pub cancelled: Option<NaiveDate>,
    pub followup: Option<NaiveDate>,
    pub priority: Priority,
    pub assignee: Option<&'a str>,
    pub delegated: Option<bool>,
    pub effort: Option<&'static str>,
    pub impact: Option<u8>,
    pub estimate_minutes: Option<u32>,
    pub urgent: Option<bool>,
    pub important: Option<bool>,
    pub quadrant: Option<&'static str>,
    pub urgency: Option<f64>,
    pub startable: Option<bool>,
    pub recurrence: Option<&'a str>,
    pub id: Option<&'a str>,
    pub depends_on: &'a [String],
    pub parent_line: Option<usize>,
    pub section: &'a [String],
    pub reasons: Vec<String>,
}

impl<'a> TaskRecord<'a> {
    /// The record of a task, classification fields empty.
    pub fn new(doc: &'a Document, task: &'a Task) -> Self {
        let m = &task.meta;
        Self {
            path: &doc.path,
            line: task.line,
            status: task.status.as_str(),
            description: &task.description,
            tags: &m.tags,
            due: m.due,
            scheduled: m.scheduled,
            start: m.start,
            created: m.created,
            done: m.done,
            cancelled: m.cancelled,
            followup: m.followup,
            priority: m.priority.unwrap_or(Priority::None),
            assignee: m.assignee.as_deref(),
            delegated: None,
            effort: m.effort.map(|e| e.as_str()),
            impact: m.impact,
            estimate_minutes: m.estimate_minutes,
            urgent: None,
            important: None,
            quadrant: None,
            urgency: None,
            startable: None,
            recurrence: m.recurrence.as_deref(),
            id: m.id.as_deref(),
            depends_on: &m.depends_on,
            parent_line: task.parent_line,
            section: &task.section,
            reasons: Vec::new(),
        }
    }
}
