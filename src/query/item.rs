//! A task as the query language sees it: its document, its classification, and the values
//! the plugin's instructions read (status type and name, file path parts, heading,
//! happens dates, urgency).

use crate::classify::{Dependencies, urgency};
use crate::model::{Document, Status, Task};
use crate::obsidian::{StatusDef, StatusType};
use chrono::NaiveDate;

/// One task offered to a query: made when a filter, a sort key or a grouper asks for it,
/// and let go after (a query of a million tasks holds their places, not their items; see
/// [`Items`]). What only some keys read (blocked, blocking, urgency) is worked out when
/// read.
#[derive(Debug, Clone)]
pub(crate) struct Item<'a> {
    /// Its note.
    pub doc: &'a Document,
    /// The task.
    pub task: &'a Task,
    /// The vault's open ids and who waits for them.
    deps: &'a Dependencies,
    /// The day the urgency counts from; `None` for an item made for the filters only.
    today: Option<NaiveDate>,
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
        deps: &'a Dependencies,
        statuses: &'a [StatusDef],
        today: NaiveDate,
    ) -> Self {
        Self {
            today: Some(today),
            ..Self::for_filters(doc, task, deps, statuses)
        }
    }

    /// The item of `task` in `doc` as the filters see it: everything but the urgency,
    /// which no filter reads (`urgency` lines are refused when a query is read) and which
    /// is 0 here. A note read for a query offers every task to its filters, most of which
    /// are dropped; only the kept ones are sorted, and those get [`Item::new`].
    pub(crate) fn for_filters(
        doc: &'a Document,
        task: &'a Task,
        deps: &'a Dependencies,
        statuses: &'a [StatusDef],
    ) -> Self {
        let def = statuses.iter().find(|d| d.symbol == task.status_char);
        let (status_type, status_name) = match def {
            Some(d) => (d.kind, d.name.as_str()),
            None => default_status(&task.status),
        };
        Self {
            doc,
            task,
            deps,
            today: None,
            status_type,
            status_name,
        }
    }

    /// Not done, cancelled or a non-task: what can be blocked or blocking.
    fn is_open(&self) -> bool {
        !matches!(
            self.status_type,
            StatusType::Done | StatusType::Cancelled | StatusType::NonTask
        )
    }

    /// Open, and waiting for an open task.
    pub(crate) fn blocked(&self) -> bool {
        self.is_open() && (self.task.meta.depends_on.iter()).any(|d| self.deps.open(d).is_some())
    }

    /// Open, and an open task waits for it.
    pub(crate) fn blocking(&self) -> bool {
        self.is_open()
            && (self.task.meta.id.as_deref()).is_some_and(|id| self.deps.is_waited_for(id))
    }

    /// The plugin's urgency score, unrounded (sorting compares it whole); 0 for an item
    /// made for the filters only.
    pub(crate) fn urgency(&self) -> f64 {
        self.today
            .map_or(0.0, |today| urgency(&self.task.meta, today))
    }

    /// The plugin's "done": any status that is neither to do, in progress nor on hold.
    pub(crate) fn is_done(&self) -> bool {
        !matches!(
            self.status_type,
            StatusType::Todo | StatusType::InProgress | StatusType::OnHold
        )
    }

    /// The note's path, `.md` included.
    pub(crate) fn path(&self) -> &'a str {
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
    pub(crate) fn filename(&self) -> &'a str {
        self.doc.path.rsplit('/').next().unwrap_or_default()
    }

    /// The nearest heading above the task, if any.
    pub(crate) fn heading(&self) -> Option<&'a str> {
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

/// The tasks a query runs over, by index: each made into an [`Item`] when asked. A list
/// of items is one (indexed from 0); [`super::places::Places`], whose index of a task
/// says where it is, is the other.
pub(crate) trait Items<'a>: Sync {
    /// Every task's index, ascending: the order of the tasks.
    fn indexes(&self) -> impl Iterator<Item = usize> + '_;
    /// The item of the task of index `i`.
    fn item(&self, i: usize) -> Item<'a>;
}

impl<'a> Items<'a> for [Item<'a>] {
    fn indexes(&self) -> impl Iterator<Item = usize> + '_ {
        0..self.len()
    }

    fn item(&self, i: usize) -> Item<'a> {
        self[i].clone()
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
