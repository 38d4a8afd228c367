//! Test-only: build tasks without the parser, dates relative to a fixed `today`.

use crate::model::{Document, Effort, Metadata, Priority, Status, Task};
use chrono::{Days, NaiveDate};
use std::sync::Arc;

/// The fixed `today` of the tests: Saturday 2026-11-21.
pub(crate) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default()
}

/// `today` moved by `days` (negative: earlier).
pub(crate) fn day(days: i64) -> NaiveDate {
    let t = today();
    if days >= 0 {
        t.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        t.checked_sub_days(Days::new(days.unsigned_abs()))
    }
    .unwrap_or(t)
}

/// A task under construction; [`TaskBuilder::build`] finishes it.
#[derive(Debug, Clone)]
pub(crate) struct TaskBuilder {
    task: Task,
}

/// A new open task with the given description on line 1.
pub(crate) fn task(description: &str) -> TaskBuilder {
    TaskBuilder {
        task: Task {
            line: 1,
            column: 3,
            status: Status::Todo,
            status_char: ' ',
            line_start: 0,
            marker: Default::default(),
            checkbox: Default::default(),
            text: Default::default(),
            description: description.into(),
            hash: Default::default(),
            fields: Box::default(),
            meta: Arc::default(),
            parent: None,
            parent_line: None,
            block_id: None,
            section: Default::default(),
        },
    }
}

#[allow(dead_code)] // Not every test uses every setter.
impl TaskBuilder {
    pub(crate) fn line(mut self, line: usize) -> Self {
        self.task.line = u32::try_from(line).expect("a test line fits in u32");
        self
    }
    pub(crate) fn status(mut self, status: Status) -> Self {
        self.task.status = status;
        self
    }
    pub(crate) fn due(mut self, days: i64) -> Self {
        self.meta().due = Some(day(days));
        self
    }
    pub(crate) fn scheduled(mut self, days: i64) -> Self {
        self.meta().scheduled = Some(day(days));
        self
    }
    pub(crate) fn start(mut self, days: i64) -> Self {
        self.meta().start = Some(day(days));
        self
    }
    pub(crate) fn done(mut self, days: i64) -> Self {
        self.task.status = Status::Done;
        self.meta().done = Some(day(days));
        self
    }
    pub(crate) fn followup(mut self, days: i64) -> Self {
        self.meta().followup = Some(day(days));
        self
    }
    pub(crate) fn priority(mut self, p: Priority) -> Self {
        self.meta().priority = Some(p);
        self
    }
    pub(crate) fn effort(mut self, e: Effort) -> Self {
        self.meta().effort = Some(e);
        self
    }
    pub(crate) fn impact(mut self, i: u8) -> Self {
        self.meta().impact = Some(i);
        self
    }
    pub(crate) fn estimate(mut self, minutes: u32) -> Self {
        self.meta().estimate_minutes = Some(minutes);
        self
    }
    pub(crate) fn urgent(mut self, v: bool) -> Self {
        self.meta().urgent = Some(v);
        self
    }
    pub(crate) fn important(mut self, v: bool) -> Self {
        self.meta().important = Some(v);
        self
    }
    pub(crate) fn assignee(mut self, name: &str) -> Self {
        self.meta().assignee = Some(name.to_owned());
        self
    }
    pub(crate) fn checkin(mut self, cadence: &str) -> Self {
        self.meta().checkin = crate::model::Cadence::parse(cadence).ok();
        self
    }
    pub(crate) fn scalable(mut self, v: bool) -> Self {
        self.meta().scalable = Some(v);
        self
    }
    pub(crate) fn created(mut self, days: i64) -> Self {
        self.meta().created = Some(day(days));
        self
    }
    pub(crate) fn tag(mut self, tag: &str) -> Self {
        self.meta().tags.push(tag.to_owned());
        self
    }
    /// Fill unset values from front-matter `defaults`, as the parser does.
    pub(crate) fn defaults(mut self, defaults: &Metadata) -> Self {
        self.task.meta = Arc::new(Metadata::clone(&self.task.meta).with_defaults(defaults));
        self
    }
    /// The task's own metadata, to change.
    fn meta(&mut self) -> &mut Metadata {
        Arc::make_mut(&mut self.task.meta)
    }
    pub(crate) fn build(self) -> Task {
        self.task
    }
}

/// A document at `path` holding `tasks`.
pub(crate) fn doc(path: &str, tasks: Vec<TaskBuilder>) -> Document {
    Document {
        path: path.to_owned(),
        tasks: tasks.into_iter().map(TaskBuilder::build).collect(),
        ..Document::default()
    }
}
