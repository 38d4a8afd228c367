//! The next occurrence of a completed recurring task: a copy of its text, byte for byte,
//! with the checkbox open, its dates moved by the rule, and its completion and identity
//! tokens taken out.

use super::line_ending::line_ending_at;
use super::recurrence::Rule;
use super::style::iso_date;
use crate::edit::{Edit, apply};
use crate::model::{Field, FieldKey, Task};
use crate::parse::value;
use crate::span::Span;
use chrono::NaiveDate;

/// Why no next occurrence was made: where, a problem code, and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OccurrenceError {
    /// Byte offset the problem points at.
    pub offset: usize,
    /// Stable problem code.
    pub code: &'static str,
    /// What is wrong and what to do.
    pub message: String,
}

/// The text to insert at `task.line_start`: the task's lines from `line_start` to the end
/// of its text, edited, plus the line ending of the task's first line.
///
/// Dates: the reference is the task's own due date, else scheduled, else start; it moves
/// to the rule's next date after it (after `today` for `when done`); follow-up, due,
/// scheduled and start dates keep their offset to it; a created date becomes `today`.
/// Done and cancelled dates, ids and depends-on are removed with one adjacent space.
pub fn next_occurrence(
    src: &str,
    task: &Task,
    rule: &Field,
    today: NaiveDate,
) -> Result<String, OccurrenceError> {
    let err = |offset, code, message: String| OccurrenceError {
        offset,
        code,
        message,
    };
    let rule_text = rule.value.slice(src);
    let parsed = Rule::parse(rule_text).map_err(|m| {
        err(
            rule.value.start,
            "unknown-recurrence",
            format!("{m}; the next occurrence was not created"),
        )
    })?;
    let dates: Vec<(&Field, NaiveDate)> = task
        .fields
        .iter()
        .filter(|f| f.valid && is_date_key(f.key))
        .filter_map(|f| value::date(f.value.slice(src)).ok().map(|d| (f, d)))
        .collect();
    let reference = [FieldKey::Due, FieldKey::Scheduled, FieldKey::Start]
        .iter()
        .find_map(|k| dates.iter().find(|(f, _)| f.key == *k).map(|(_, d)| *d))
        .ok_or_else(|| {
            err(
                rule.span.start,
                "recurrence-without-date",
                "recurring task has no due, scheduled or start date to move; the next \
                 occurrence was not created (give it one, e.g. `📅 2026-11-21`)"
                    .to_owned(),
            )
        })?;
    let base = if parsed.when_done { today } else { reference };
    let out_of_range = || {
        err(
            rule.value.start,
            "recurrence-out-of-range",
            format!(
                "recurrence `{}` has no next date after {base}; the next occurrence was not created",
                rule_text.trim()
            ),
        )
    };
    let next = parsed.next(base).ok_or_else(out_of_range)?;
    let delta = next - reference;

    let region_end = if task.text.is_empty() {
        task.checkbox.end
    } else {
        task.text.end
    };
    let region = Span::new(task.line_start, region_end);
    let mut edits = vec![Edit::replace(task.checkbox, "[ ]")];
    for (field, date) in &dates {
        let moved = match field.key {
            FieldKey::Created => Some(today),
            FieldKey::Done | FieldKey::Cancelled => continue,
            _ => date.checked_add_signed(delta),
        };
        let text = moved.and_then(iso_date).ok_or_else(out_of_range)?;
        edits.push(Edit::replace(field.value, text));
    }
    let removals: Vec<Span> = task
        .fields
        .iter()
        .filter(|f| {
            matches!(
                f.key,
                FieldKey::Done | FieldKey::Cancelled | FieldKey::Id | FieldKey::DependsOn
            )
        })
        .map(|f| with_one_space(src, task.text, f.span))
        .collect();
    edits.extend(merge(removals).into_iter().map(Edit::delete));
    let local: Vec<Edit> = edits
        .into_iter()
        .filter(|e| e.span.start >= region.start && e.span.end <= region.end)
        .map(|e| Edit {
            span: Span::new(e.span.start - region.start, e.span.end - region.start),
            replacement: e.replacement,
        })
        .collect();
    let mut copy = apply(region.slice(src), &local).map_err(|e| {
        err(
            rule.span.start,
            "internal-error",
            format!("internal error while copying the recurring task ({e}); please report it"),
        )
    })?;
    copy.push_str(line_ending_at(src, task.line_start));
    Ok(copy)
}

fn is_date_key(key: FieldKey) -> bool {
    matches!(
        key,
        FieldKey::Due
            | FieldKey::Scheduled
            | FieldKey::Start
            | FieldKey::Created
            | FieldKey::Done
            | FieldKey::Cancelled
            | FieldKey::Followup
    )
}

/// `token` widened by one space or tab: the one before it when that is inside the text,
/// else the one after it.
fn with_one_space(src: &str, text: Span, token: Span) -> Span {
    let bytes = src.as_bytes();
    let blank = |i: usize| matches!(bytes.get(i), Some(b' ' | b'\t'));
    if token.start > text.start && blank(token.start - 1) {
        Span::new(token.start - 1, token.end)
    } else if token.end < text.end && blank(token.end) {
        Span::new(token.start, token.end + 1)
    } else {
        token
    }
}

/// Sorted spans with overlapping ones joined (two tokens may claim the same space).
fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start < last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}
