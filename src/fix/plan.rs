//! Plan the fixes for one parsed document: a list of edits, counted by kind, and the
//! problems that kept a fix from being made. Pure: the caller reads and writes files.

use super::block_id;
use super::kind::FixKind;
use super::occurrence::{Inherited, next_occurrence};
use super::read_back::reads_back;
use super::settings::FixSettings;
use super::style::{Style, iso_date};
use crate::edit::{Edit, apply};
use crate::line_index::LineIndex;
use crate::model::{Document, FieldKey, Status, Task};
use crate::problem::{Problem, ProblemKind};
use crate::span::Span;
use chrono::{Days, NaiveDate};
use std::collections::BTreeMap;

/// The edits for one file, how many of each kind, and what could not be fixed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// Edits over the file's original text, for [`crate::edit::apply`].
    pub edits: Vec<Edit>,
    /// Number of fixes of each kind (one fix may be one edit or more).
    pub kinds: BTreeMap<FixKind, usize>,
    /// Fixes not made, positioned in the file.
    pub problems: Vec<Problem>,
    /// Completed recurring tasks left untouched because their next occurrence could not
    /// be made (no done date either: it would end the series).
    pub held: usize,
}

impl Plan {
    /// True when the plan changes nothing.
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    fn push(&mut self, kind: FixKind, edit: Edit) {
        self.edits.push(edit);
        self.count(kind);
    }

    fn count(&mut self, kind: FixKind) {
        *self.kinds.entry(kind).or_default() += 1;
    }
}

/// Plan the fixes `settings` switches on for `doc`, parsed from `src`, on `today`. `me` is
/// the user's own assignee name (tasks assigned to anyone else are delegated). A document
/// whose parse failed gets an empty plan: it is never rewritten.
pub fn plan(
    src: &str,
    doc: &Document,
    today: NaiveDate,
    settings: &FixSettings,
    me: Option<&str>,
) -> Plan {
    plan_dated(src, doc, today, today, settings, me)
}

/// [`plan`], with done and cancelled dates (and the start of a `when done` series) on
/// `done_on` rather than `today` (the `fix.done_date` rule, see [`super::DoneDate`]).
pub(crate) fn plan_dated(
    src: &str,
    doc: &Document,
    today: NaiveDate,
    done_on: NaiveDate,
    settings: &FixSettings,
    me: Option<&str>,
) -> Plan {
    plan_only(src, doc, today, done_on, settings, me, &|_| true)
}

/// [`plan_dated`], for the tasks whose index in `doc.tasks` `selected` accepts: what
/// `ike done` plans for the tasks it has just closed, leaving the rest of the file alone.
pub(crate) fn plan_only(
    src: &str,
    doc: &Document,
    today: NaiveDate,
    done_on: NaiveDate,
    settings: &FixSettings,
    me: Option<&str>,
    selected: &dyn Fn(usize) -> bool,
) -> Plan {
    let mut plan = Plan::default();
    if doc.failed {
        return plan;
    }
    let mut index: Option<LineIndex> = None;
    let done_text = iso_date(done_on);
    // Next occurrences, kept apart until the whole result reads back right: (task, edit,
    // whether it carries a follow-up).
    let mut occurrences: Vec<(usize, Edit, bool, bool)> = Vec::new();
    for (i, task) in doc.tasks.iter().enumerate().filter(|(i, _)| selected(*i)) {
        let has = |key: FieldKey| task.fields.iter().any(|f| f.key == key);
        let style = || Style::of(task, settings.syntax());
        match task.status {
            Status::Done if !has(FieldKey::Done) => {
                // An empty rule is already reported by the parser (and marked invalid).
                let rule = task
                    .fields
                    .iter()
                    .find(|f| f.key == FieldKey::Recurrence && f.valid);
                let recurring = settings.recurrence && rule.is_some();
                if let (true, Some(rule)) = (recurring, rule) {
                    // The new occurrence is open: give it the follow-up it would get next run.
                    let followup = needs_followup(task, settings, me)
                        .then(|| followup_field(task, today, settings))
                        .flatten();
                    let delete = task
                        .meta
                        .on_completion
                        .as_deref()
                        .is_some_and(|o| o.eq_ignore_ascii_case("delete"));
                    let inherited = inherited_reference(task, style());
                    match next_occurrence(
                        src,
                        task,
                        rule,
                        done_on,
                        followup.as_deref(),
                        delete,
                        inherited,
                    ) {
                        Ok(edit) if delete => {
                            // The copy replaces the completed task: no done date for it.
                            occurrences.push((i, edit, followup.is_some(), true));
                            continue;
                        }
                        Ok(edit) => occurrences.push((i, edit, followup.is_some(), false)),
                        Err(e) => {
                            // Ticked but no next occurrence: leave the task as it is (a done
                            // date would end the series) and say so.
                            let index = index.get_or_insert_with(|| LineIndex::new(src));
                            let message = format!(
                                "{}; the completed task was left unchanged (no done date)",
                                e.message
                            );
                            plan.problems
                                .push(problem(doc, src, index, e.offset, e.code, message));
                            plan.held += 1;
                            continue;
                        }
                    }
                }
                if let (true, Some(date)) = (settings.done_dates || recurring, &done_text) {
                    let field = style().date_field(FieldKey::Done, date);
                    plan.push(FixKind::DoneDate, append(src, task, &field));
                }
            }
            Status::Cancelled if settings.done_dates && !has(FieldKey::Cancelled) => {
                if let Some(date) = &done_text {
                    let field = style().date_field(FieldKey::Cancelled, date);
                    plan.push(FixKind::CancelledDate, append(src, task, &field));
                }
            }
            ref status if status.is_open() && needs_followup(task, settings, me) => {
                if let Some(field) = followup_field(task, today, settings) {
                    plan.push(FixKind::Followup, append(src, task, &field));
                }
            }
            ref status if status.is_open() && settings.checkins && delegated(task, me) => {
                if let Some(edit) = next_checkin(task, today) {
                    plan.push(FixKind::Checkin, edit);
                }
            }
            _ => {}
        }
    }
    if !occurrences.is_empty() {
        add_occurrences(src, doc, &mut plan, occurrences, &mut index);
    }
    plan
}

/// Add the next occurrences to the plan if the result reads back as the same tasks plus
/// one open copy above each recurred task; else add none, and report each.
fn add_occurrences(
    src: &str,
    doc: &Document,
    plan: &mut Plan,
    occurrences: Vec<(usize, Edit, bool, bool)>,
    index: &mut Option<LineIndex>,
) {
    let mut edits = plan.edits.clone();
    edits.extend(occurrences.iter().map(|(_, e, _, _)| e.clone()));
    let mut want = Vec::with_capacity(doc.tasks.len() + occurrences.len());
    for (i, task) in doc.tasks.iter().enumerate() {
        match occurrences.iter().find(|(j, ..)| *j == i) {
            // `🏁 delete`: the open copy takes the completed task's place.
            Some((.., true)) => want.push((' ', task.description.as_ref())),
            Some(_) => {
                want.push((' ', task.description.as_ref()));
                want.push((task.status_char, task.description.as_ref()));
            }
            None => want.push((task.status_char, task.description.as_ref())),
        }
    }
    let ok = apply(src, &edits).is_ok_and(|out| reads_back(&doc.path, &out, &want));
    for (i, edit, followup, _) in occurrences {
        if ok {
            plan.push(FixKind::Recurrence, edit);
            if followup {
                plan.count(FixKind::Followup);
            }
        } else {
            let index = index.get_or_insert_with(|| LineIndex::new(src));
            let offset = doc.tasks[i].checkbox.start();
            plan.problems.push(problem(
                doc,
                src,
                index,
                offset,
                ProblemKind::RecurrenceNotCopyable,
                "the next occurrence was not created: the copied lines would not read back \
                 as the same task here (Markdown context); add it by hand"
                    .to_owned(),
            ));
        }
    }
}

fn problem(
    doc: &Document,
    src: &str,
    index: &LineIndex,
    offset: usize,
    code: ProblemKind,
    message: String,
) -> Problem {
    let (line, column) = index.position(src, offset);
    Problem::error(code, line, column, message).at_path(&doc.path)
}

/// Append `field` after one space at the end of the task's text (right after the checkbox
/// when it has none).
fn append(src: &str, task: &Task, field: &str) -> Edit {
    Edit::insert(append_at(src, task), format!(" {field}"))
}

/// The end of the task's text, skipping back over last lines that are a bare list marker
/// (`-`, `*`, `1.`): such a line is text only while nothing follows the marker, and with a
/// field after it would start a new list item. Before a block id that ends the text
/// (`^inv42` stays last, or links to it break). Right after the checkbox when nothing
/// else is left.
fn append_at(src: &str, task: &Task) -> usize {
    let Span { start, mut end } = task.text.span();
    if let Some(id) = block_id::span(src, task).filter(|id| id.end == end) {
        let before = src.get(start..id.start).unwrap_or_default();
        let before = before.trim_end_matches([' ', '\t']);
        return if before.is_empty() {
            task.checkbox.end()
        } else {
            start + before.len()
        };
    }
    let text = |from: usize, to: usize| src.get(from..to).unwrap_or_default();
    let on_checkbox_line = !text(task.checkbox.end(), start).contains(['\n', '\r']);
    while end > start {
        let line_start = text(start, end).rfind(['\n', '\r']).map(|i| start + i + 1);
        let line = text(line_start.unwrap_or(start), end);
        if !is_bare_marker(line.trim_start_matches([' ', '\t', '>'])) {
            return end;
        }
        match line_start {
            Some(after_break) => {
                let before = text(start, after_break);
                end = start + before.trim_end_matches([' ', '\t', '\r', '\n']).len();
            }
            None if on_checkbox_line => return end,
            None => break,
        }
    }
    task.checkbox.end()
}

/// `-`, `+`, `*`, or up to nine digits and `.` or `)`.
fn is_bare_marker(line: &str) -> bool {
    match line.as_bytes() {
        [b'-' | b'+' | b'*'] => true,
        [digits @ .., b'.' | b')'] => {
            (1..=9).contains(&digits.len()) && digits.iter().all(u8::is_ascii_digit)
        }
        _ => false,
    }
}

/// Follow-ups are on, and the task is delegated and has no follow-up date (an invalid one
/// counts as one; so does one from front matter).
fn needs_followup(task: &Task, settings: &FixSettings, me: Option<&str>) -> bool {
    settings.followups
        && delegated(task, me)
        && task.meta.followup.is_none()
        && !task.fields.iter().any(|f| f.key == FieldKey::Followup)
}

/// The task's own follow-up date, when it has passed and the task has a check-in cadence:
/// rewritten in place (its value only, in its own syntax) to the next check-in.
fn next_checkin(task: &Task, today: NaiveDate) -> Option<Edit> {
    let cadence = task.meta.checkin?;
    let followup = task.meta.followup.filter(|f| *f < today)?;
    // The first valid follow-up field is the one the date came from; a date from the front
    // matter has no field here and stays as it is.
    let field = task
        .fields
        .iter()
        .find(|f| f.key == FieldKey::Followup && f.valid)?;
    let next = cadence.first_step_from(followup, today)?;
    Some(Edit::replace(field.value, iso_date(next)?))
}

/// `[followup:: today + N]` in the task's Dataview form (emoji has no follow-up signifier).
fn followup_field(task: &Task, today: NaiveDate, settings: &FixSettings) -> Option<String> {
    let date = today
        .checked_add_days(Days::new(u64::from(settings.followup_days)))
        .and_then(iso_date)?;
    Some(
        Style::of(task, settings.syntax())
            .dataview()
            .date_field(FieldKey::Followup, &date),
    )
}

/// Assigned to someone who is not the user.
fn delegated(task: &Task, me: Option<&str>) -> bool {
    crate::people::delegated(task.meta.assignee.as_deref(), me)
}

/// The date a recurring task without its own due, scheduled or start date takes from its
/// front matter (due, else scheduled, else start), as its next occurrence moves it.
fn inherited_reference(task: &Task, style: Style) -> Option<Inherited> {
    // An own date, even an invalid one, is the task's: never shadowed by a second.
    let own = |key: FieldKey| task.fields.iter().any(|f| f.key == key);
    if own(FieldKey::Due) || own(FieldKey::Scheduled) || own(FieldKey::Start) {
        return None;
    }
    let m = &task.meta;
    [
        (FieldKey::Due, m.due),
        (FieldKey::Scheduled, m.scheduled),
        (FieldKey::Start, m.start),
    ]
    .into_iter()
    .find_map(|(key, date)| {
        Some(Inherited {
            key,
            date: date?,
            style,
        })
    })
}
