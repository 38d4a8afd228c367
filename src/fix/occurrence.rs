//! The next occurrence of a completed recurring task: a copy of its text, byte for byte,
//! with the checkbox open, its dates moved by the rule, and its completion and identity
//! tokens (ids, dependencies, the block id) taken out.

use super::block_id;
use super::line_ending::{line_begin, line_end, line_ending_at};
use super::recurrence::Rule;
use super::style::iso_date;
use crate::edit::{Edit, apply};
use crate::model::{Field, FieldKey, Syntax, Task};
use crate::parse::value;
use crate::problem::ProblemKind;
use crate::span::Span;
use chrono::NaiveDate;

/// Why no next occurrence was made: where, a problem code, and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct OccurrenceError {
    /// Byte offset the problem points at.
    pub offset: usize,
    /// Stable problem code.
    pub code: ProblemKind,
    /// What is wrong and what to do.
    pub message: String,
}

/// A date a task takes from its note's front matter, and the style its copy writes it in.
#[derive(Debug, Clone, Copy)]
pub(super) struct Inherited {
    /// `Due`, `Scheduled` or `Start`.
    pub key: FieldKey,
    /// The front matter's date.
    pub date: NaiveDate,
    /// How the copy writes it.
    pub style: super::style::Style,
}

/// The insertion of the next occurrence above the task: the task's lines from the start of
/// its first line (after a BOM) to the end of its text, edited, plus the line ending of the
/// task's first line.
///
/// Dates: the reference is the task's own due date, else scheduled, else start, else the
/// one it takes from the front matter (`inherited`: key, date and how to write it); it
/// moves to the rule's next date after it (after `today` for `when done`); follow-up, due,
/// scheduled and start dates keep their offset to it; a created date becomes `today`. An
/// inherited reference is written into the copy, moved, as the copy's own field: the
/// front matter's date stays the one of the task done.
/// Without any reference the copy keeps its dates, as in Obsidian Tasks. Done and
/// cancelled dates, ids, depends-on and the block id are removed with one adjacent space.
/// `append` (a field, e.g. a follow-up date the new open task needs) goes at the end of
/// the copy's text after one space. With `delete` (`🏁 delete`) the copy replaces the
/// completed task's lines instead of going above them.
pub(super) fn next_occurrence(
    src: &str,
    task: &Task,
    rule: &Field,
    today: NaiveDate,
    append: Option<&str>,
    delete: bool,
    inherited: Option<Inherited>,
) -> Result<Edit, OccurrenceError> {
    let err = |offset, code, message: String| OccurrenceError {
        offset,
        code,
        message,
    };
    let rule_text = rule.value.slice(src);
    let parsed = Rule::parse(rule_text).map_err(|m| {
        err(
            rule.value.start,
            ProblemKind::UnknownRecurrence,
            format!("{m}; the next occurrence was not created"),
        )
    })?;
    let dates: Vec<(&Field, NaiveDate)> = task
        .fields
        .iter()
        .filter(|f| f.valid && FieldKey::is_date(f.key))
        .filter_map(|f| value::date(f.value.slice(src)).ok().map(|d| (f, d)))
        .collect();
    let own = [FieldKey::Due, FieldKey::Scheduled, FieldKey::Start]
        .iter()
        .find_map(|k| dates.iter().find(|(f, _)| f.key == *k).map(|(_, d)| *d));
    let inherited = inherited.filter(|_| own.is_none());
    // Without a due, scheduled or start date there is nothing to move: the copy keeps its
    // dates, as in Obsidian Tasks.
    let reference = own.or(inherited.map(|i| i.date));
    let base = if parsed.when_done {
        today
    } else {
        reference.unwrap_or(today)
    };
    let out_of_range = || {
        err(
            rule.value.start,
            ProblemKind::RecurrenceOutOfRange,
            format!(
                "recurrence `{}` has no next date after {base}; the next occurrence was not created",
                rule_text.trim()
            ),
        )
    };
    let next = parsed.next(base).ok_or_else(out_of_range)?;
    let delta = reference.map_or(chrono::TimeDelta::zero(), |r| next - r);

    let region_end = if task.text.is_empty() {
        task.checkbox.end()
    } else {
        task.text.end()
    };
    let line_start = task.line_start as usize;
    let region = Span::new(line_start, region_end);
    if !whole_lines(src, region) {
        return Err(err(
            task.checkbox.start(),
            ProblemKind::RecurrenceNotCopyable,
            "cannot create the next occurrence: the task's last line holds other content after \
             its text"
                .to_owned(),
        ));
    }
    let mut edits = vec![Edit::replace(task.checkbox.span(), "[ ]")];
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
        .map(|f| f.span)
        .chain(block_id::span(src, task))
        .map(|span| with_one_space(src, task.text.span(), span))
        .collect();
    let removals = emptied_lines(src, region, merge(removals));
    if let Some(token) = rule_would_grow(src, task, &removals) {
        return Err(err(
            token.start,
            ProblemKind::RecurrenceTokenOrder,
            format!(
                "cannot create the next occurrence: without `{}` its recurrence rule would run \
                 on into the text after it; move that text before the 🔁 rule or the token after it",
                token.slice(src)
            ),
        ));
    }
    edits.extend(removals.into_iter().map(Edit::delete));
    if let Some(i) = inherited {
        let moved = i.date.checked_add_signed(delta).and_then(iso_date);
        let field = i.style.date_field(i.key, &moved.ok_or_else(out_of_range)?);
        edits.push(Edit::insert(region_end, format!(" {field}")));
    }
    if let Some(field) = append {
        edits.push(Edit::insert(region_end, format!(" {field}")));
    }
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
            ProblemKind::InternalError,
            format!("internal error while copying the recurring task ({e}); please report it"),
        )
    })?;
    if delete {
        return Ok(Edit::replace(region, copy));
    }
    copy.push_str(line_ending_at(src, line_start));
    Ok(Edit::insert(line_start, copy))
}

/// An emoji rule's text runs up to the next token. If a removed token is what ends it,
/// and running text follows on the same line before any kept token, the copy's rule
/// would swallow that text: return the removed token that ended it.
fn rule_would_grow(src: &str, task: &Task, removals: &[Span]) -> Option<Span> {
    let removed = |at: usize| {
        removals
            .iter()
            .find(|r| r.start <= at && at < r.end)
            .copied()
    };
    for rule in task
        .fields
        .iter()
        .filter(|f| f.key == FieldKey::Recurrence && f.syntax == Syntax::Emoji)
    {
        let mut at = rule.span.end;
        let mut first_removed: Option<Span> = None;
        while let Some(c) = src.get(at..).and_then(|rest| rest.chars().next()) {
            if c == '\n' || c == '\r' {
                break;
            }
            if let Some(r) = removed(at) {
                first_removed.get_or_insert(r);
                at = r.end;
            } else if c.is_whitespace() {
                at += c.len_utf8();
            } else if at >= task.text.end() || task.fields.iter().any(|f| f.span.start == at) {
                break;
            } else {
                // Running text: the rule would reach it if a removal is all that stood between.
                return first_removed.map(|r| {
                    let token = r.slice(src);
                    let lead = token.len() - token.trim_start().len();
                    Span::new(r.start + lead, r.start + token.trim_end().len())
                });
            }
        }
    }
    None
}

/// `removals` plus every continuation line they leave blank (only blanks and quote
/// markers), taken out whole with one line ending: a blank line would end the copy's
/// paragraph.
fn emptied_lines(src: &str, region: Span, removals: Vec<Span>) -> Vec<Span> {
    if removals.is_empty() {
        return removals;
    }
    let bytes = src.as_bytes();
    let removed = |i: usize| removals.iter().any(|r| r.start <= i && i < r.end);
    let mut extra = Vec::new();
    let (mut prev_end, mut start) = line_end(bytes, region.start);
    while start < region.end {
        let (end, next) = line_end(bytes, start);
        let end = end.min(region.end);
        let touched = (start..end).any(removed);
        let blank = (start..end).all(|j| removed(j) || matches!(bytes[j], b' ' | b'\t' | b'>'));
        if touched && blank {
            extra.push(if next <= region.end {
                // The line and its own ending.
                Span::new(start, next)
            } else {
                // The last line has no ending in the region: take the one before it.
                Span::new(prev_end, end)
            });
        }
        prev_end = end;
        start = next;
    }
    let mut all = removals;
    all.extend(extra);
    merge(all)
}

/// True when only blanks follow `region` on its last line, so that copying it with a line
/// ending copies whole lines.
fn whole_lines(src: &str, region: Span) -> bool {
    let bytes = src.as_bytes();
    let (end, _) = line_end(bytes, region.end);
    bytes[region.end..end]
        .iter()
        .all(|b| matches!(b, b' ' | b'\t'))
}

/// `token` widened by one space or tab, so that no double space and no glued words are
/// left: the blank before it when text precedes it on its line, the blank after it when it
/// starts its line's text, neither when it is glued to the word before it (or a backslash
/// would end up before a line end and turn into a hard break).
fn with_one_space(src: &str, text: Span, token: Span) -> Span {
    let bytes = src.as_bytes();
    let blank = |i: usize| matches!(bytes.get(i), Some(b' ' | b'\t'));
    let line_begin = line_begin(bytes, token.start).max(text.start);
    let first_on_line = bytes[line_begin..token.start]
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'>'));
    if first_on_line {
        if token.end < text.end && blank(token.end) {
            Span::new(token.start, token.end + 1)
        } else {
            token
        }
    } else if blank(token.start - 1) && !(token.start >= 2 && bytes[token.start - 2] == b'\\') {
        Span::new(token.start - 1, token.end)
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
