//! A task as the query language sees it: its document, its classification, and the values
//! the plugin's instructions read (status type and name, file path parts, heading,
//! happens dates, urgency).

use crate::classify::{Dependencies, urgency};
use crate::model::{Document, Status, Task};
use crate::obsidian::{StatusDef, StatusType};
use chrono::NaiveDate;

/// One task offered to a query.
#[derive(Debug, Clone)]
pub(crate) struct Item<'a> {
    /// Its note.
    pub doc: &'a Document,
    /// The task.
    pub task: &'a Task,
    /// Open, and waiting for an open task.
    pub blocked: bool,
    /// Open, and an open task waits for it.
    pub blocking: bool,
    /// The plugin's urgency score, unrounded (sorting compares it whole).
    pub urgency: f64,
    /// What its status means to the plugin.
    pub status_type: StatusType,
    /// The status's name, as the plugin's settings give it.
    pub status_name: &'a str,
}

impl<'a> Item<'a> {
    /// The item of `task` in `doc` on `today`; `deps` knows the vault's open ids and who
    /// waits for them; `statuses` are the plugin's status settings (empty without them).
    pub(crate) fn new(
        doc: &'a Document,
        task: &'a Task,
        deps: &Dependencies,
        statuses: &'a [StatusDef],
        today: NaiveDate,
    ) -> Self {
        let mut item = Self::for_filters(doc, task, deps, statuses);
        item.urgency = urgency(&task.meta, today);
        item
    }

    /// The item of `task` in `doc` as the filters see it: everything but the urgency,
    /// which no filter reads (`urgency` lines are refused when a query is read) and which
    /// is left at 0. A note read for a query offers every task to its filters, most of
    /// which are dropped; only the kept ones are sorted, and those get [`Item::new`].
    pub(crate) fn for_filters(
        doc: &'a Document,
        task: &'a Task,
        deps: &Dependencies,
        statuses: &'a [StatusDef],
    ) -> Self {
        let def = statuses.iter().find(|d| d.symbol == task.status_char);
        let (status_type, status_name) = match def {
            Some(d) => (d.kind, d.name.as_str()),
            None => default_status(&task.status),
        };
        let open = !matches!(
            status_type,
            StatusType::Done | StatusType::Cancelled | StatusType::NonTask
        );
        let m = &task.meta;
        Self {
            doc,
            task,
            blocked: open && m.depends_on.iter().any(|d| deps.open(d).is_some()),
            blocking: open && m.id.as_deref().is_some_and(|id| deps.is_waited_for(id)),
            urgency: 0.0,
            status_type,
            status_name,
        }
    }

    /// The plugin's "done": any status that is neither to do, in progress nor on hold.
    pub(crate) fn is_done(&self) -> bool {
        !matches!(
            self.status_type,
            StatusType::Todo | StatusType::InProgress | StatusType::OnHold
        )
    }

    /// The note's path, `.md` included.
    pub(crate) fn path(&self) -> &str {
        &self.doc.path
    }

    /// The folder, with a trailing `/`; `/` at the vault's top.
    pub(crate) fn folder(&self) -> String {
        match self.doc.path.rfind('/') {
            Some(i) => self.doc.path[..=i].to_owned(),
            None => "/".to_owned(),
        }
    }

    /// The top-level folder, with a trailing `/`; `/` at the vault's top.
    pub(crate) fn root(&self) -> String {
        match self.doc.path.find('/') {
            Some(i) => self.doc.path[..=i].to_owned(),
            None => "/".to_owned(),
        }
    }

    /// The file name, extension included.
    pub(crate) fn filename(&self) -> &str {
        self.doc.path.rsplit('/').next().unwrap_or_default()
    }

    /// The nearest heading above the task, if any.
    pub(crate) fn heading(&self) -> Option<&str> {
        self.task.section.last().map(String::as_str)
    }

    /// Start, scheduled and due dates: the ones `happens` looks at.
    pub(crate) fn happens_dates(&self) -> [Option<NaiveDate>; 3] {
        let m = &self.task.meta;
        [m.start, m.scheduled, m.due]
    }

    /// The earliest of the happens dates.
    pub(crate) fn happens(&self) -> Option<NaiveDate> {
        self.happens_dates().into_iter().flatten().min()
    }

    /// The task's tags as the plugin writes them, with `#`.
    pub(crate) fn tags(&self) -> impl Iterator<Item = String> + '_ {
        self.task.meta.tags.iter().map(|t| format!("#{t}"))
    }

    /// True for a task indented by more than one character before its list marker (the
    /// plugin's sub-items; a quote prefix counts as indentation here, see docs/query.md).
    pub(crate) fn is_sub_item(&self) -> bool {
        self.task
            .marker
            .start()
            .saturating_sub(self.task.line_start as usize)
            > 1
    }
}

/// The plugin's default type and name of ike's built-in statuses; a status named in
/// `.ike.yaml` is `ON_HOLD` when it is called `on_hold` (still to be done, as the plugin
/// counts it), otherwise a non-task (ike does not count it as open).
fn default_status(status: &Status) -> (StatusType, &str) {
    match status {
        Status::Todo => (StatusType::Todo, "Todo"),
        Status::InProgress => (StatusType::InProgress, "In Progress"),
        Status::Done => (StatusType::Done, "Done"),
        Status::Cancelled => (StatusType::Cancelled, "Cancelled"),
        Status::Named(name) if name == "on_hold" => (StatusType::OnHold, name),
        Status::Named(name) => (StatusType::NonTask, name),
    }
}

/// The plugin's spelling of a status type (`IN_PROGRESS`).
pub(crate) fn type_name(kind: StatusType) -> &'static str {
    match kind {
        StatusType::Todo => "TODO",
        StatusType::InProgress => "IN_PROGRESS",
        StatusType::OnHold => "ON_HOLD",
        StatusType::Done => "DONE",
        StatusType::Cancelled => "CANCELLED",
        StatusType::NonTask => "NON_TASK",
    }
}

/// The group name of a status type: a hidden `%%n%%` prefix puts in-progress tasks first.
pub(crate) fn type_group_name(kind: StatusType) -> String {
    let rank = match kind {
        StatusType::InProgress => 1,
        StatusType::Todo => 2,
        StatusType::OnHold => 3,
        StatusType::Done => 4,
        StatusType::Cancelled => 5,
        StatusType::NonTask => 6,
    };
    format!("%%{rank}%%{}", type_name(kind))
}
