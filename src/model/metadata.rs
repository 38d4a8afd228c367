//! Task metadata values, shared by a task's own fields and its file's front-matter defaults.

use super::{Cadence, Effort, Priority};
use chrono::NaiveDate;

/// Metadata values. Every field is optional; `tags` and `depends_on` may be empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// Due date.
    pub due: Option<NaiveDate>,
    /// Scheduled date.
    pub scheduled: Option<NaiveDate>,
    /// Start date.
    pub start: Option<NaiveDate>,
    /// Created date.
    pub created: Option<NaiveDate>,
    /// Done date.
    pub done: Option<NaiveDate>,
    /// Cancelled date.
    pub cancelled: Option<NaiveDate>,
    /// Follow-up date for delegated tasks.
    pub followup: Option<NaiveDate>,
    /// How often to check in on a delegated task (`checkin:: weekly`).
    pub checkin: Option<Cadence>,
    /// Priority.
    pub priority: Option<Priority>,
    /// Recurrence rule text, e.g. `every week on Monday`.
    pub recurrence: Option<String>,
    /// `keep` or `delete` on completion.
    pub on_completion: Option<String>,
    /// Task id.
    pub id: Option<String>,
    /// Ids of tasks this one depends on.
    pub depends_on: Vec<String>,
    /// Who does it: an assignee field, else the first person named with `@`.
    pub assignee: Option<String>,
    /// The other people named with `@` (not front-matter defaults).
    pub mentions: Vec<String>,
    /// GTD contexts named with `@` (`@phone`), without `@`.
    pub contexts: Vec<String>,
    /// Effort kind.
    pub effort: Option<Effort>,
    /// Impact 1–10.
    pub impact: Option<u8>,
    /// Estimate in minutes.
    pub estimate_minutes: Option<u32>,
    /// Explicit urgency.
    pub urgent: Option<bool>,
    /// Explicit importance.
    pub important: Option<bool>,
    /// Explicit mark of value work that scales (`scalable:: true`).
    pub scalable: Option<bool>,
    /// Project name (front matter).
    pub project: Option<String>,
    /// Tags without `#`, in order of appearance, without duplicates.
    pub tags: Vec<String>,
}

impl Metadata {
    /// This task's values, with `defaults` filling what it does not set; tags are the union
    /// (own tags first).
    pub fn with_defaults(mut self, defaults: &Metadata) -> Metadata {
        macro_rules! fill {
            ($($f:ident),*) => { $( if self.$f.is_none() { self.$f = defaults.$f.clone(); } )* };
        }
        fill!(
            due,
            scheduled,
            start,
            created,
            done,
            cancelled,
            followup,
            checkin,
            priority,
            recurrence,
            on_completion,
            id,
            assignee,
            effort,
            impact,
            estimate_minutes,
            urgent,
            important,
            scalable,
            project
        );
        if self.depends_on.is_empty() {
            self.depends_on = defaults.depends_on.clone();
        }
        for tag in &defaults.tags {
            if !self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                self.tags.push(tag.clone());
            }
        }
        self
    }
}
