//! One task's classification as the digest needs it, owning nothing: the first step of
//! [`super::build`], kept per document by [`super::Ledger`] between builds.
//!
//! A row holds every number the digest counts and sorts by, so that assembling a digest
//! from a million rows reads them in order and never goes back to the tasks; only the
//! entries shown are made from their tasks.

mod dated;
mod dropped;
mod memo;

use dated::Undated;
pub(super) use dropped::{Dropped, Run};

pub use memo::SheetMemo;

use super::Entry;
use super::blocked::{WaitsFor, waits_for};
use super::rules::Tally;
use crate::classify::{
    BriefGaps, ClassifySettings, Dependencies, Link, Quadrant, brief_gaps, classify_among,
    has_steps,
};
use crate::model::{Cadence, Document, Effort, Status, Task, TextHash};
use chrono::NaiveDate;

/// One classified task of a document, on one day, under one set of settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    /// Index of the task in its document.
    pub(super) task: u32,
    /// Its 1-based line (saturated at `u32::MAX`).
    pub(super) line: u32,
    /// Urgency score (two decimals).
    pub(super) urgency: f64,
    /// Impact per hour (two decimals).
    pub(super) leverage: f64,
    /// Due date.
    pub(super) due: Option<NaiveDate>,
    /// Done date.
    pub(super) done: Option<NaiveDate>,
    /// Follow-up date.
    pub(super) followup: Option<NaiveDate>,
    /// Check-in cadence.
    pub(super) checkin: Option<Cadence>,
    /// The next check-in (the follow-up, moved on by the cadence).
    pub(super) next_checkin: Option<NaiveDate>,
    /// What the brief of a delegated open task lacks.
    pub(super) brief_gaps: BriefGaps,
    /// The leverage the vital few rank by (scalable value work weighs more).
    pub(super) vital_leverage: f64,
    /// Scalable value work.
    pub(super) scalable: bool,
    /// Routine work to hand off or automate.
    pub(super) routine: bool,
    /// Estimate in minutes.
    pub(super) estimate_minutes: u32,
    /// Impact 1–10.
    pub(super) impact: u8,
    /// Effort kind.
    pub(super) effort: Effort,
    /// Matrix cell; `None` when closed.
    pub(super) quadrant: Option<Quadrant>,
    /// Status `done`.
    pub(super) is_done: bool,
    /// Done yesterday or today.
    pub(super) done_recently: bool,
    /// Urgent.
    pub(super) urgent: bool,
    /// Open and due before today.
    pub(super) overdue: bool,
    /// Not waiting for its start date.
    pub(super) startable: bool,
    /// Assigned to someone else.
    pub(super) delegated: bool,
    /// Open and waiting for an open task.
    pub(super) blocked: bool,
    /// Follow-up today or earlier.
    pub(super) followup_due: bool,
}

impl Row {
    /// The row of `task`, the `index`th task of its document; `has_steps`: it has
    /// sub-items.
    pub(super) fn of(
        index: usize,
        task: &Task,
        has_steps: bool,
        today: NaiveDate,
        cs: &ClassifySettings,
        deps: &Dependencies,
    ) -> Self {
        let c = classify_among(task, today, cs, deps, false);
        let brief_gaps = if c.delegated && c.quadrant.is_some() {
            brief_gaps(&task.meta, &task.description, has_steps, cs)
        } else {
            BriefGaps::NONE
        };
        let meta = &task.meta;
        let is_done = task.status == Status::Done;
        Self {
            task: u32::try_from(index).unwrap_or(u32::MAX),
            line: task.line,
            urgency: c.urgency,
            leverage: c.leverage,
            due: meta.due,
            done: meta.done,
            followup: meta.followup,
            checkin: meta.checkin,
            next_checkin: c.next_checkin,
            brief_gaps,
            vital_leverage: c.vital_leverage,
            scalable: c.scalable,
            routine: c.routine,
            estimate_minutes: c.estimate_minutes,
            impact: c.impact,
            effort: c.effort,
            quadrant: c.quadrant,
            is_done,
            done_recently: super::section::done_recently(&task.status, meta.done, today),
            urgent: c.urgent,
            overdue: meta.due.is_some_and(|d| d < today),
            startable: c.startable,
            delegated: c.delegated,
            blocked: c.blocked,
            followup_due: c.followup_due,
        }
    }
}

/// Where the texts of the digest's entries come from: a parsed document, or the slim
/// [`Sheet`] of one.
pub trait EntrySource: Sync {
    /// Root-relative path.
    fn path(&self) -> &str;
    /// How many problems the note has.
    fn problems(&self) -> usize;
    /// The entry of `row`'s task, or `None` if the task is not there.
    fn entry(&self, row: &Row) -> Option<Entry<'_>>;
    /// The assignee of `row`'s task as the digest shows it.
    fn assignee(&self, row: &Row) -> Option<&str>;
    /// What `row`'s task waits for, among the open tasks `deps` knows (`me`: the user). A
    /// [`Sheet`] knew them when it was made, and answers that.
    fn waits_for(&self, row: &Row, deps: &Dependencies, me: Option<&str>) -> WaitsFor;
}

impl EntrySource for Document {
    fn path(&self) -> &str {
        &self.path
    }

    fn problems(&self) -> usize {
        self.problems.len()
    }

    fn entry(&self, row: &Row) -> Option<Entry<'_>> {
        let task = self.tasks.get(row.task as usize)?;
        let meta = &task.meta;
        Some(row.entry(
            &self.path,
            Shown {
                line: task.line(),
                description: &task.description,
                hash: task.hash,
                block_id: task.block_id.as_deref(),
                status: &task.status,
                scheduled: meta.scheduled,
                start: meta.start,
                assignee: assignee(task),
            },
        ))
    }

    fn assignee(&self, row: &Row) -> Option<&str> {
        self.tasks.get(row.task as usize).and_then(assignee)
    }

    fn waits_for(&self, row: &Row, deps: &Dependencies, me: Option<&str>) -> WaitsFor {
        match self.tasks.get(row.task as usize) {
            Some(task) if row.blocked => waits_for(&task.meta.depends_on, deps, me),
            _ => WaitsFor::default(),
        }
    }
}

/// What an entry shows beyond its row.
struct Shown<'a> {
    line: usize,
    description: &'a str,
    hash: TextHash,
    block_id: Option<&'a str>,
    status: &'a Status,
    scheduled: Option<NaiveDate>,
    start: Option<NaiveDate>,
    assignee: Option<&'a str>,
}

impl Row {
    fn entry<'a>(&self, path: &'a str, shown: Shown<'a>) -> Entry<'a> {
        Entry {
            path,
            line: shown.line,
            description: shown.description,
            hash: shown.hash,
            block_id: shown.block_id,
            status: shown.status,
            due: self.due,
            scheduled: shown.scheduled,
            start: shown.start,
            followup: self.followup,
            checkin: self.checkin,
            next_checkin: self.next_checkin,
            done: self.done,
            assignee: shown.assignee,
            urgency: self.urgency,
            quadrant: self.quadrant,
            effort: self.effort,
            impact: self.impact,
            estimate_minutes: self.estimate_minutes,
            leverage: self.leverage,
            scalable: self.scalable,
            delegated: self.delegated,
            followup_due: self.followup_due,
            brief_gaps: self.brief_gaps,
        }
    }

    /// True when the digest may show this row's task: open, or done recently.
    fn showable(&self) -> bool {
        self.quadrant.is_some() || self.done_recently
    }
}

/// One document as the digest needs it, and no more: the rows of the tasks that may be
/// shown (open, or done recently) with the texts of their entries, the sum of what the
/// other rows add to the counts, and the note's first problems. `ike digest` keeps a
/// sheet per note instead of the parsed document. The texts of a sheet are one string,
/// each entry holding ranges of it, so that a sheet is a handful of allocations however
/// many tasks it has.
///
/// A vault has one per note, so it is kept small: boxed slices, not vectors.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    path: Box<str>,
    /// The rows of the tasks that may be listed, in task order.
    rows: Box<[Row]>,
    /// One per row of `rows`, or, once trimmed ([`Sheet::trim`]), one per place in
    /// `picked`.
    shown: Box<[SheetTask]>,
    /// The places in `rows` of the entries of `shown`, when the sheet was trimmed to the
    /// tasks a digest may still show; `None`: `shown` has one entry per row.
    picked: Option<Box<[u32]>>,
    /// The texts `shown` points into.
    texts: Box<str>,
    /// The rows left out (closed, not done recently), and how many of them are done.
    unlisted: Unlisted,
    /// The rows a sheet trimmed as it was made left out because no list can show them
    /// (only such a sheet has any).
    dropped: Option<Box<Dropped>>,
    /// How many problems the note has.
    problem_count: usize,
    /// The note's first [`Sheet::FIRST_PROBLEMS`] problems, in order.
    problems: Box<[crate::problem::Problem]>,
    /// The statuses named by the settings that its rows have (seldom any: such tasks are
    /// not open), which [`StatusCode`]s point into.
    named: Box<[Status]>,
    /// The tasks that take part in dependencies, while the sheet waits for the vault's
    /// dependency index ([`Sheet::unlinked`], [`Sheet::link`]).
    linked: Box<[Linked]>,
    /// The day its rows were made for. They stay right, once moved to the day
    /// ([`Sheet::redate`]), on every later day: the closed rows it leaves out can be done
    /// recently on none of them.
    made: NaiveDate,
}

/// The tasks of a sheet left out of its rows: they go to no list, and add only to the
/// number of tasks and of done tasks ([`super::rules::tally_closed`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Unlisted {
    tasks: u32,
    done: u32,
}

impl Unlisted {
    /// What they add to the counts.
    fn tally(self) -> Tally {
        super::rules::tally_closed(self.tasks as usize, self.done as usize)
    }
}

/// A task whose row depends on the vault's dependency index: kept until it is known.
#[derive(Debug, Clone, PartialEq)]
struct Linked {
    index: u32,
    has_steps: bool,
    task: Task,
}

/// A range of a sheet's texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Text {
    start: u32,
    len: u32,
}

#[derive(Debug, Clone, PartialEq)]
struct SheetTask {
    line: u32,
    description: Text,
    hash: TextHash,
    block_id: Option<Text>,
    status: StatusCode,
    scheduled: Option<NaiveDate>,
    start: Option<NaiveDate>,
    assignee: Option<Text>,
    /// What it waits for, when it is blocked.
    waits: Option<Box<WaitsFor>>,
    /// What its row's date-dependent answers need on another day.
    undated: Undated,
}

/// A task's status as a sheet keeps it, in four bytes instead of a [`Status`]: the four
/// plain ones by their place in [`PLAIN`], one named by the settings by its place in the
/// sheet's `named` list after them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct StatusCode(u32);

/// The statuses that need no text, in [`StatusCode`] order.
static PLAIN: [Status; 4] = [
    Status::Todo,
    Status::InProgress,
    Status::Done,
    Status::Cancelled,
];

impl StatusCode {
    /// The code of `status`, adding it to `named` when it is a named one (`None`: more
    /// named statuses than a code holds).
    fn of(status: &Status, named: &mut Vec<Status>) -> Option<Self> {
        let at = match PLAIN.iter().position(|p| p == status) {
            Some(at) => at,
            None => match named.iter().position(|n| n == status) {
                Some(at) => PLAIN.len() + at,
                None => {
                    named.push(status.clone());
                    PLAIN.len() + named.len() - 1
                }
            },
        };
        u32::try_from(at).ok().map(StatusCode)
    }

    /// The status, `named` being the sheet's.
    fn get(self, named: &[Status]) -> &Status {
        let at = self.0 as usize;
        PLAIN
            .get(at)
            .or_else(|| named.get(at - PLAIN.len()))
            .unwrap_or(&PLAIN[0])
    }
}

/// What `task` waits for, kept by a sheet when its row is blocked and its own (a blocked
/// delegated task is never shown with its blockers).
fn kept_waits(
    task: &Task,
    row: &Row,
    deps: &Dependencies,
    cs: &ClassifySettings,
) -> Option<Box<WaitsFor>> {
    (row.blocked && !row.delegated)
        .then(|| Box::new(waits_for(&task.meta.depends_on, deps, cs.me.as_deref())))
}

/// Append `s` to `texts`; its range there. A sheet's texts are a note's, so they fit a
/// `u32` (the size limit of a note is far below); past it, the text is left empty rather
/// than cut.
fn put_text(texts: &mut String, s: &str) -> Text {
    match (u32::try_from(texts.len()), u32::try_from(s.len())) {
        (Ok(start), Ok(len)) if start.checked_add(len).is_some() => {
            texts.push_str(s);
            Text { start, len }
        }
        _ => Text::default(),
    }
}

/// How [`Sheet::made`] trims a sheet as it makes it: the indexes of the tasks whose rows
/// stay whatever they are (in order), and whether some list may still show each of a
/// batch of rows ([`Wanted`]).
type MadeTrimmed<'t, 'f> = (&'t [u32], &'t mut Wanted<'f>);

/// Asked of a batch of rows (in task order): whether some list may still show each, as
/// one answer per row pushed to the cleared vector.
pub(super) type Wanted<'f> = dyn FnMut(&[Row], &mut Vec<bool>) + 'f;

/// How many rows a sheet trimmed as it is made asks about at once: the batch is held
/// until the answers come (a lock is taken for each batch).
const BATCH: usize = 4096;

impl Sheet {
    /// The most problems a sheet keeps (in order; it counts them all): a digest reports
    /// the vault's first few and how many more there are.
    pub const FIRST_PROBLEMS: usize = 5;

    /// The sheet of `doc` on `today`, among the tasks `deps` knows.
    pub fn of(doc: Document, today: NaiveDate, cs: &ClassifySettings, deps: &Dependencies) -> Self {
        Self::made(doc, today, cs, deps, None)
    }

    /// [`Sheet::of`]; with `trim`, the sheet [`Sheet::trim`] would leave, made without the
    /// entries it would free: `trim` holds the indexes of the tasks whose entries stay
    /// whatever their rows (those waiting for the dependency index) and what is asked of
    /// each other row, in the same order.
    fn made(
        doc: Document,
        today: NaiveDate,
        cs: &ClassifySettings,
        deps: &Dependencies,
        trim: Option<MadeTrimmed<'_, '_>>,
    ) -> Self {
        // A row is left out when it goes to no list and its tally says only that it is a
        // task (done or not): then the sheet counts it instead. A task done yesterday or
        // later is kept: it is (or will be) done recently on a later day, and a sheet
        // moves to later days without its document.
        let yesterday = today.pred_opt().unwrap_or(today);
        let unlisted = |row: &Row| {
            let tally = super::rules::tally_unlisted(row);
            let closed = super::rules::tally_closed(1, usize::from(row.is_done));
            let may_be_recent = row.is_done && row.done.is_some_and(|d| d >= yesterday);
            (!row.showable() && !may_be_recent && tally == closed).then_some(row.is_done)
        };
        // The rows first, each straight to its place, then the entries: a note may hold a
        // million tasks, and a vector of every row beside the kept ones was as large as
        // the document. Trimmed, a row no list can show is not kept at all, only added to
        // what the left-out rows add up to (a million rows were 70 MiB beside the
        // document).
        let mut left_out = Unlisted::default();
        let mut sifted = Sifted {
            batch: Vec::new(),
            answers: Vec::new(),
            rows: Vec::with_capacity(if trim.is_some() { 0 } else { doc.tasks.len() }),
            dropped: Dropped::default(),
        };
        let mut trim = trim;
        for (i, task) in doc.tasks.iter().enumerate() {
            let row = Row::of(i, task, has_steps(&doc, i), today, cs, deps);
            if let Some(done) = unlisted(&row) {
                left_out.tasks = left_out.tasks.saturating_add(1);
                left_out.done = left_out.done.saturating_add(u32::from(done));
                continue;
            }
            let Some((linked, wanted)) = trim.as_mut() else {
                sifted.rows.push(row);
                continue;
            };
            if linked.binary_search(&row.task).is_ok() {
                // Not asked about (its row is not final): kept, after the rows before it.
                sifted.sift(&mut **wanted);
                sifted.rows.push(row);
                sifted.dropped.keep();
            } else {
                sifted.batch.push(row);
                if sifted.batch.len() == BATCH {
                    sifted.sift(&mut **wanted);
                }
            }
        }
        if let Some((_, wanted)) = trim.as_mut() {
            sifted.sift(&mut **wanted);
        }
        let Sifted {
            rows, mut dropped, ..
        } = sifted;
        // Every row kept has its entry (no `picked`); a sheet that left rows out is
        // trimmed all the same ([`Sheet::is_trimmed`]).
        dropped.shrink();
        let dropped = (!dropped.is_empty()).then(|| Box::new(dropped));
        let count = rows.len();
        // A row's task is its index in the document, which a `u32` holds (a note is
        // smaller than 4 GiB).
        let entries = || {
            rows.iter()
                .filter_map(|row| doc.tasks.get(row.task as usize).map(|t| (t, row)))
        };
        let mut texts = String::with_capacity(
            entries()
                .map(|(task, _)| {
                    task.description.len()
                        + task.block_id.as_deref().map_or(0, str::len)
                        + assignee(task).map_or(0, str::len)
                })
                .sum(),
        );
        let mut shown = Vec::with_capacity(count);
        let mut named = Vec::new();
        for (task, row) in entries() {
            let texts = &mut texts;
            // A note has fewer distinct named statuses than tasks, and fewer tasks than a
            // `u32` counts (the settings name a handful): the code always fits.
            let status = StatusCode::of(&task.status, &mut named).unwrap_or(StatusCode(0));
            shown.push(SheetTask {
                line: task.line,
                hash: task.hash,
                description: put_text(texts, &task.description),
                block_id: task.block_id.as_deref().map(|b| put_text(texts, b)),
                status,
                scheduled: task.meta.scheduled,
                start: task.meta.start,
                assignee: assignee(task).map(|a| put_text(texts, a)),
                waits: kept_waits(task, row, deps, cs),
                undated: Undated::of(task, cs),
            });
        }
        let problem_count = doc.problems.len();
        let mut problems = doc.problems;
        if problems.len() > Self::FIRST_PROBLEMS {
            problems.select_nth_unstable(Self::FIRST_PROBLEMS - 1);
            problems.truncate(Self::FIRST_PROBLEMS);
        }
        problems.sort();
        Self {
            path: doc.path.into(),
            rows: rows.into(),
            shown: shown.into(),
            picked: None,
            texts: texts.into(),
            unlisted: left_out,
            dropped,
            problem_count,
            problems: problems.into(),
            named: named.into(),
            linked: Box::default(),
            made: today,
        }
    }

    /// The sheet of `doc` on `today` before the vault's dependency index is known, and the
    /// dependency facts of its tasks (to build that index from): one scan makes both. Its
    /// rows are final only after [`Sheet::link`]; only the tasks with an id or a
    /// dependency can change then, and those few are kept until it.
    pub fn unlinked(doc: Document, today: NaiveDate, cs: &ClassifySettings) -> (Self, Vec<Link>) {
        Self::unlinked_made(doc, today, cs, None)
    }

    /// [`Sheet::unlinked`], trimmed as it is made ([`Sheet::made`]) by `wanted`: what
    /// [`Sheet::trim`] would leave of it, without ever holding the entries it frees.
    pub(super) fn unlinked_trimmed(
        doc: Document,
        today: NaiveDate,
        cs: &ClassifySettings,
        wanted: &mut Wanted<'_>,
    ) -> (Self, Vec<Link>) {
        Self::unlinked_made(doc, today, cs, Some(wanted))
    }

    fn unlinked_made(
        doc: Document,
        today: NaiveDate,
        cs: &ClassifySettings,
        wanted: Option<&mut Wanted<'_>>,
    ) -> (Self, Vec<Link>) {
        let mut links = Vec::new();
        let mut linked = Vec::new();
        for (i, task) in doc.tasks.iter().enumerate() {
            if let Some(link) = Link::of(task, &doc.path, today, cs) {
                links.push(link);
                linked.push(Linked {
                    index: u32::try_from(i).unwrap_or(u32::MAX),
                    has_steps: has_steps(&doc, i),
                    task: task.clone(),
                });
            }
        }
        let indexes: Vec<u32> = linked.iter().map(|l| l.index).collect();
        let trim = wanted.map(|w| (indexes.as_slice(), &mut *w));
        let mut sheet = Self::made(doc, today, cs, &Dependencies::default(), trim);
        sheet.linked = linked.into();
        (sheet, links)
    }

    /// Classify again, among the tasks `deps` knows, the tasks of an [`Sheet::unlinked`]
    /// sheet that take part in dependencies: the sheet is then [`Sheet::of`]'s. (A task
    /// whose row was left out is closed: the index changes nothing it counts.)
    pub fn link(&mut self, today: NaiveDate, cs: &ClassifySettings, deps: &Dependencies) {
        for l in std::mem::take(&mut self.linked).into_vec() {
            let Some(at) = self.at(l.index) else {
                continue;
            };
            let i = l.index as usize;
            let row = Row::of(i, &l.task, l.has_steps, today, cs, deps);
            // A trimmed sheet keeps the entries of its linked tasks.
            if let Some(s) = self.shown_at(at) {
                self.shown[s].waits = kept_waits(&l.task, &row, deps, cs);
            }
            self.rows[at] = row;
        }
    }

    /// Whether the sheet was trimmed ([`Sheet::trim`]): then it is trimmed no further.
    /// A sheet made trimmed keeps an entry for every row it kept, but left rows out.
    pub(super) fn is_trimmed(&self) -> bool {
        self.picked.is_some() || self.dropped.is_some()
    }

    /// The rows of the tasks that may be shown, in task order.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The note's first [`Sheet::FIRST_PROBLEMS`] problems, in order.
    pub fn first_problems(&self) -> &[crate::problem::Problem] {
        &self.problems
    }

    /// What the rows a sheet leaves out add to the counts.
    pub(super) fn unlisted(&self) -> Tally {
        let mut tally = self.unlisted.tally();
        if let Some(d) = &self.dropped {
            tally.add(&d.tally);
        }
        tally
    }

    /// The own open rows a sheet trimmed as it was made left out, as runs in task order
    /// (the vital few's share counts them).
    pub(super) fn runs(&self) -> &[Run] {
        self.dropped.as_deref().map_or(&[], Dropped::runs)
    }

    /// Where the row of task `index` is in `rows`, if it was kept.
    fn at(&self, index: u32) -> Option<usize> {
        self.rows.binary_search_by_key(&index, |r| r.task).ok()
    }

    /// The text at `t`.
    fn text(&self, t: Text) -> &str {
        let start = t.start as usize;
        self.texts
            .get(start..start + t.len as usize)
            .unwrap_or_default()
    }

    /// Where the entry of the row at `at` is in `shown`, if it was kept.
    fn shown_at(&self, at: usize) -> Option<usize> {
        match &self.picked {
            None => (at < self.shown.len()).then_some(at),
            Some(picked) => picked.binary_search(&u32::try_from(at).ok()?).ok(),
        }
    }

    fn shown(&self, row: &Row) -> Option<&SheetTask> {
        self.shown.get(self.shown_at(self.at(row.task)?)?)
    }

    /// Keep the entries (texts, statuses, what blocked tasks wait for) of only the rows
    /// `wanted` says a digest may still show, and of the tasks waiting for the dependency
    /// index (which `wanted` is not asked about: their rows are not final). Every row
    /// stays, so the counts and orders are the same; the entry of a row left out is
    /// `None`. A trimmed sheet is neither kept in the cache nor moved to another day.
    pub(super) fn trim(&mut self, mut wanted: impl FnMut(&Row) -> bool) {
        if self.is_trimmed() {
            return;
        }
        let linked: Vec<u32> = self.linked.iter().map(|l| l.index).collect();
        let mut picked = Vec::new();
        for (at, row) in self.rows.iter().enumerate() {
            if linked.contains(&row.task) || wanted(row) {
                picked.push(u32::try_from(at).unwrap_or(u32::MAX));
            }
        }
        if picked.len() == self.rows.len() {
            return;
        }
        let old = std::mem::take(&mut self.shown).into_vec();
        let mut texts = String::new();
        let mut shown = Vec::with_capacity(picked.len());
        let mut next = picked.iter().peekable();
        for (at, mut t) in old.into_iter().enumerate() {
            if next.next_if(|&&p| p as usize == at).is_none() {
                continue;
            }
            t.description = put_text(&mut texts, self.text(t.description));
            t.block_id = t.block_id.map(|b| put_text(&mut texts, self.text(b)));
            t.assignee = t.assignee.map(|a| put_text(&mut texts, self.text(a)));
            shown.push(t);
        }
        self.shown = shown.into();
        self.texts = texts.into();
        self.picked = Some(picked.into());
    }
}

impl EntrySource for Sheet {
    fn path(&self) -> &str {
        &self.path
    }

    fn problems(&self) -> usize {
        self.problem_count
    }

    fn entry(&self, row: &Row) -> Option<Entry<'_>> {
        let t = self.shown(row)?;
        Some(row.entry(
            &self.path,
            Shown {
                line: t.line as usize,
                description: self.text(t.description),
                hash: t.hash,
                block_id: t.block_id.map(|b| self.text(b)),
                status: t.status.get(&self.named),
                scheduled: t.scheduled,
                start: t.start,
                assignee: t.assignee.map(|a| self.text(a)),
            },
        ))
    }

    fn assignee(&self, row: &Row) -> Option<&str> {
        self.shown(row)?.assignee.map(|a| self.text(a))
    }

    fn waits_for(&self, row: &Row, _: &Dependencies, _: Option<&str>) -> WaitsFor {
        self.shown(row)
            .and_then(|t| t.waits.as_deref())
            .cloned()
            .unwrap_or_default()
    }
}

/// The rows of a sheet being made trimmed: those kept, those left out, and the batch
/// waiting for the bars' answers.
struct Sifted {
    batch: Vec<Row>,
    answers: Vec<bool>,
    rows: Vec<Row>,
    dropped: Dropped,
}

impl Sifted {
    /// Ask `wanted` about the rows of the batch (emptied): keep those some list may still
    /// show, leave the others out.
    fn sift(&mut self, wanted: &mut Wanted<'_>) {
        if self.batch.is_empty() {
            return;
        }
        self.answers.clear();
        wanted(&self.batch, &mut self.answers);
        for (k, row) in self.batch.drain(..).enumerate() {
            // A row without an answer is kept: keeping is always right.
            if self.answers.get(k).copied().unwrap_or(true) {
                self.rows.push(row);
                self.dropped.keep();
            } else {
                self.dropped.add(&row);
            }
        }
    }
}

/// The rows of every task of `doc`, in task order.
pub(super) fn rows(
    doc: &Document,
    today: NaiveDate,
    cs: &ClassifySettings,
    deps: &Dependencies,
) -> Vec<Row> {
    doc.tasks
        .iter()
        .enumerate()
        .map(|(i, t)| Row::of(i, t, has_steps(doc, i), today, cs, deps))
        .collect()
}

/// The task's assignee as the digest shows it: trimmed, without a leading `@`; `None` when
/// empty.
pub(super) fn assignee(task: &Task) -> Option<&str> {
    task.meta
        .assignee
        .as_deref()
        .map(|a| a.trim().trim_start_matches('@'))
        .filter(|a| !a.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ParseOptions, parse_document};

    #[test]
    fn status_codes_give_back_their_status() {
        let statuses = [
            Status::Done,
            Status::Named("on_hold".into()),
            Status::Todo,
            Status::Named("waiting".into()),
            Status::Cancelled,
            Status::Named("on_hold".into()),
            Status::InProgress,
        ];
        let mut named = Vec::new();
        let codes: Vec<StatusCode> = statuses
            .iter()
            .map(|s| StatusCode::of(s, &mut named).expect("a code"))
            .collect();
        assert_eq!(named.len(), 2, "each named status kept once: {named:?}");
        for (status, code) in statuses.iter().zip(&codes) {
            assert_eq!(code.get(&named), status);
        }
        assert_eq!(codes[1], codes[5]);
    }

    #[test]
    fn an_unlinked_sheet_once_linked_is_the_sheet_made_with_the_index() {
        let today = crate::classify::task_builder::today();
        let cs = ClassifySettings::default();
        let notes = [
            (
                "a.md",
                "- [ ] Brief 🆔 brief [assignee:: bob]\n- [ ] Plan 🆔 plan\n- [x] Old 🆔 old\n",
            ),
            (
                "b.md",
                "- [ ] Mock-ups ⛔ brief 📅 2026-11-22 ⏫\n- [ ] Free ⛔ old\n- [ ] Later ⛔ plan\n  - [ ] step\n",
            ),
        ];
        let docs: Vec<Document> = notes
            .iter()
            .map(|(p, t)| parse_document(p, t.as_bytes(), &ParseOptions::default()))
            .collect();
        let deps = Dependencies::of_documents(&docs, today, &cs);
        let mut links = Vec::new();
        let mut unlinked: Vec<Sheet> = docs
            .iter()
            .map(|d| {
                let (sheet, mut l) = Sheet::unlinked(d.clone(), today, &cs);
                links.append(&mut l);
                sheet
            })
            .collect();
        assert_eq!(Dependencies::build(links), deps);
        let blocked = |s: &Sheet| s.rows.iter().filter(|r| !r.startable).count();
        assert_eq!(unlinked.iter().map(blocked).sum::<usize>(), 0);
        for sheet in &mut unlinked {
            sheet.link(today, &cs, &deps);
        }
        let want: Vec<Sheet> = docs
            .into_iter()
            .map(|d| Sheet::of(d, today, &cs, &deps))
            .collect();
        assert_eq!(unlinked, want);
        assert_eq!(want.iter().map(blocked).sum::<usize>(), 2);
    }
}
