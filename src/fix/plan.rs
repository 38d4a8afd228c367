//! Plan the fixes for one parsed document: a list of edits, counted by kind, and the
//! problems that kept a fix from being made. Pure: the caller reads and writes files.

use super::kind::FixKind;
use super::occurrence::{Inherited, next_occurrence};
use super::read_back::reads_back;
use super::settings::FixSettings;
use super::style::{Style, iso_date};
use crate::edit::{Edit, apply};
use crate::line_index::LineIndex;
use crate::model::{Document, FieldKey, Status, Task};
use crate::problem::Problem;
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
    let mut plan = Plan::default();
    if doc.failed {
        return plan;
    }
    let mut index: Option<LineIndex> = None;
    let today_text = iso_date(today);
    // Next occurrences, kept apart until the whole result reads back right: (task, edit,
    // whether it carries a follow-up).
    let mut occurrences: Vec<(usize, Edit, bool)> = Vec::new();
    for (i, task) in doc.tasks.iter().enumerate() {
        let has = |key: FieldKey| task.fields.iter().any(|f| f.key == key);
        let style = || Style::of(task, settings.default_syntax);
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
                    let inherited = inherited_reference(task, style());
                    match next_occurrence(src, task, rule, today, followup.as_deref(), inherited) {
                        Ok(edit) => occurrences.push((i, edit, followup.is_some())),
                        Err(e) => {
                            let index = index.get_or_insert_with(|| LineIndex::new(src));
                            plan.problems
                                .push(problem(doc, src, index, e.offset, e.code, e.message));
                        }
                    }
                }
                if let (true, Some(date)) = (settings.done_dates || recurring, &today_text) {
                    let field = style().date_field(FieldKey::Done, date);
                    plan.push(FixKind::DoneDate, append(src, task, &field));
                }
            }
            Status::Cancelled if settings.done_dates && !has(FieldKey::Cancelled) => {
                if let Some(date) = &today_text {
                    let field = style().date_field(FieldKey::Cancelled, date);
                    plan.push(FixKind::CancelledDate, append(src, task, &field));
                }
            }
            ref status if status.is_open() && needs_followup(task, settings, me) => {
                if let Some(field) = followup_field(task, today, settings) {
                    plan.push(FixKind::Followup, append(src, task, &field));
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
    occurrences: Vec<(usize, Edit, bool)>,
    index: &mut Option<LineIndex>,
) {
    let mut edits = plan.edits.clone();
    edits.extend(occurrences.iter().map(|(_, e, _)| e.clone()));
    let mut want = Vec::with_capacity(doc.tasks.len() + occurrences.len());
    for (i, task) in doc.tasks.iter().enumerate() {
        if occurrences.iter().any(|(j, _, _)| *j == i) {
            want.push((' ', task.description.as_str()));
        }
        want.push((task.status_char, task.description.as_str()));
    }
    let ok = apply(src, &edits).is_ok_and(|out| reads_back(&doc.path, &out, &want));
    for (i, edit, followup) in occurrences {
        if ok {
            plan.push(FixKind::Recurrence, edit);
            if followup {
                plan.count(FixKind::Followup);
            }
        } else {
            let index = index.get_or_insert_with(|| LineIndex::new(src));
            let offset = doc.tasks[i].checkbox.start;
            plan.problems.push(problem(
                doc,
                src,
                index,
                offset,
                "recurrence-not-copyable",
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
    code: &'static str,
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
/// field after it would start a new list item. Right after the checkbox when nothing
/// else is left.
fn append_at(src: &str, task: &Task) -> usize {
    let Span { start, mut end } = task.text;
    let text = |from: usize, to: usize| src.get(from..to).unwrap_or_default();
    let on_checkbox_line = !text(task.checkbox.end, start).contains(['\n', '\r']);
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
    task.checkbox.end
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

/// `[followup:: today + N]` in the task's Dataview form (emoji has no follow-up signifier).
fn followup_field(task: &Task, today: NaiveDate, settings: &FixSettings) -> Option<String> {
    let date = today
        .checked_add_days(Days::new(u64::from(settings.followup_days)))
        .and_then(iso_date)?;
    Some(
        Style::of(task, settings.default_syntax)
            .dataview()
            .date_field(FieldKey::Followup, &date),
    )
}

/// Assigned to someone who is not `me` (any assignee counts when `me` is not set).
fn delegated(task: &Task, me: Option<&str>) -> bool {
    let name = |s: &str| s.trim().trim_start_matches('@').to_lowercase();
    match task.meta.assignee.as_deref().map(name) {
        Some(assignee) if !assignee.is_empty() => me.is_none_or(|me| name(me) != assignee),
        _ => false,
    }
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
