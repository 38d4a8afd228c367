//! The stable per-task JSON record of `ike list`: one flat object per task.

use crate::classify::{BriefGaps, Classification, ClassifySettings, brief_gaps, has_steps};
use crate::model::{Cadence, Document, Priority, Task, TextHash};
use chrono::NaiveDate;
use serde::Serialize;

/// One task as `ike list --format json|ndjson` writes it: each field is one key of the
/// task object, in the order docs/json.md ("Task") lists them.
#[derive(Debug, Clone, Serialize)]
pub struct TaskRecord<'a> {
    /// The note, relative to the scanned folder, `/`-separated.
    pub path: &'a str,
    /// The 1-based line of the task's checkbox.
    pub line: usize,
    /// Six hex digits of the task's text: `ike done PATH:LINE#HASH` closes the task only
    /// while its text still hashes to it.
    pub hash: TextHash,
    /// `todo`, `in_progress`, `done`, `cancelled`, or a status name from `.ike.yaml`.
    pub status: &'a str,
    /// The text without metadata tokens, whitespace collapsed (`#tags` and `@names` stay).
    pub description: &'a str,
    /// Tags without `#`: the task's own first, then its note's front matter's.
    pub tags: &'a [String],
    /// The `project` of the note's front matter; `None` when it names none.
    pub project: Option<&'a str>,
    /// The due date: the task's own, else the front matter's; `None` when neither sets one.
    pub due: Option<NaiveDate>,
    /// The scheduled date, own else the front matter's; `None` when unset.
    pub scheduled: Option<NaiveDate>,
    /// The start date, own else the front matter's; `None` when unset.
    pub start: Option<NaiveDate>,
    /// The created date, own else the front matter's; `None` when unset.
    pub created: Option<NaiveDate>,
    /// The done date, own else the front matter's; `None` when unset.
    pub done: Option<NaiveDate>,
    /// The cancelled date, own else the front matter's; `None` when unset.
    pub cancelled: Option<NaiveDate>,
    /// The follow-up date, own else the front matter's; `None` when unset.
    pub followup: Option<NaiveDate>,
    /// The priority; `none` when the task sets none.
    pub priority: Priority,
    /// The person the task is assigned to (a field, the first `@name` that is a person,
    /// or the front matter); `None` when nobody is.
    pub assignee: Option<&'a str>,
    /// The other people named with `@`, besides the assignee.
    pub mentions: &'a [String],
    /// The GTD contexts named with `@` (`phone` for `@phone`), without the `@`.
    pub contexts: &'a [String],
    /// Assigned to someone other than `me`.
    pub delegated: bool,
    /// The next check-in is today or earlier.
    pub followup_due: bool,
    /// The check-in cadence (`weekly`, `every 2 weeks`, …); `None` when the task has none.
    pub checkin: Option<Cadence>,
    /// The next check-in: the follow-up date, moved on by the cadence once passed;
    /// `None` without a follow-up date.
    pub next_checkin: Option<NaiveDate>,
    /// For a delegated open task, what its brief lacks (a deadline, a check-in, steps);
    /// empty for any other task.
    pub brief_gaps: BriefGaps,
    /// The effort kind: `production`, `non-production`, `value` or `non-value`.
    pub effort: &'static str,
    /// Impact from 1 to 10: the task's own, else derived from its priority.
    pub impact: u8,
    /// The estimate in minutes: the task's own, else the configured default.
    pub estimate_minutes: u32,
    /// Impact per hour of estimate, rounded to two decimals.
    pub leverage: f64,
    /// Value work marked scalable.
    pub scalable: bool,
    /// Own, open, non-production and not important: work to hand off or automate.
    pub routine: bool,
    /// Urgent, by the rules of docs/classification.md.
    pub urgent: bool,
    /// Important, by the rules of docs/classification.md.
    pub important: bool,
    /// The matrix cell (`do`, `schedule`, `delegate`, `eliminate`); `None` for a closed task.
    pub quadrant: Option<&'static str>,
    /// The Obsidian Tasks urgency score, rounded to two decimals.
    pub urgency: f64,
    /// False while the start date is after today, or while the task is blocked.
    pub startable: bool,
    /// Open, and waiting for a task that is still open.
    pub blocked: bool,
    /// Open, and an open task waits for it.
    pub blocking: bool,
    /// The ids of the open tasks it waits for (empty when not blocked).
    pub blocked_by: Vec<String>,
    /// The recurrence rule's text (`every week on Monday`); `None` when it does not recur.
    pub recurrence: Option<&'a str>,
    /// The task's own id (`🆔` or `[id:: ]`); `None` when it has none.
    pub id: Option<&'a str>,
    /// The ids of the tasks it depends on, open or not.
    pub depends_on: &'a [String],
    /// The line of the enclosing task, for a subtask; `None` at the top level.
    pub parent_line: Option<usize>,
    /// The heading trail above the task, outermost first.
    pub section: &'a [String],
    /// The Obsidian block id ending the task's first line, without `^`; `None` when
    /// there is none.
    pub block_id: Option<&'a str>,
    /// Why the task is urgent, important, delegated…, one sentence each.
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
        // Tasks are in line order: find this one's index to look at what follows it.
        let steps = || has_steps(doc, doc.tasks.partition_point(|t| t.line < task.line));
        Self::with_steps(&doc.path, task, c, cs, steps)
    }

    /// The record of a classified task of the note at `path`; `steps` says whether the
    /// task has steps (subtasks), for a note that no longer holds all its tasks.
    pub fn with_steps(
        path: &'a str,
        task: &'a Task,
        c: &Classification,
        cs: &ClassifySettings,
        steps: impl FnOnce() -> bool,
    ) -> Self {
        let m = &task.meta;
        let brief_gaps = if c.delegated && c.quadrant.is_some() {
            brief_gaps(m, &task.description, steps(), cs)
        } else {
            BriefGaps::NONE
        };
        Self {
            path,
            line: task.line(),
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
            parent_line: task.parent_line.map(|l| l.get() as usize),
            section: &task.section[..],
            block_id: task.block_id.as_deref(),
            reasons: c.reasons.clone(),
        }
    }
}
