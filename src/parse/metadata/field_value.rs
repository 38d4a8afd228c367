//! The typed value of a metadata field: read and checked from the field's text by its key,
//! then applied to the task's [`Metadata`]. Shared by the emoji, Dataview and plain syntaxes
//! so that a value means the same whichever way it is written.

use crate::model::{Cadence, Effort, FieldKey, Metadata, Priority};
use crate::parse::value;
use crate::problem::ProblemKind;
use chrono::NaiveDate;

/// A checked value, borrowing the task's text until it is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Value<'a> {
    /// A calendar date.
    Date(NaiveDate),
    /// A priority level.
    Priority(Priority),
    /// Text kept as written: recurrence rule, action, id, assignee, tag.
    Text(&'a str),
    /// A checked comma-separated list of ids.
    Ids(&'a str),
    /// An effort kind.
    Effort(Effort),
    /// An impact from 1 to 10.
    Impact(u8),
    /// An estimate in minutes.
    Minutes(u32),
    /// An explicit flag.
    Flag(bool),
    /// A check-in cadence.
    Cadence(Cadence),
}

/// The field's name in messages.
pub(super) fn name(key: FieldKey) -> &'static str {
    match key {
        FieldKey::Due => "due",
        FieldKey::Scheduled => "scheduled",
        FieldKey::Start => "start",
        FieldKey::Created => "created",
        FieldKey::Done => "done",
        FieldKey::Cancelled => "cancelled",
        FieldKey::Followup => "follow-up",
        FieldKey::Priority => "priority",
        FieldKey::Recurrence => "recurrence",
        FieldKey::OnCompletion => "on-completion",
        FieldKey::Id => "id",
        FieldKey::DependsOn => "depends-on",
        FieldKey::Assignee => "assignee",
        FieldKey::Effort => "effort",
        FieldKey::Impact => "impact",
        FieldKey::Estimate => "estimate",
        FieldKey::Urgent => "urgent",
        FieldKey::Important => "important",
        FieldKey::Checkin => "check-in",
        FieldKey::Scalable => "scalable",
        FieldKey::Tag => "tag",
    }
}

/// The problem code for an invalid value of `key`.
pub(super) fn problem_code(key: FieldKey) -> ProblemKind {
    if key.is_date() {
        ProblemKind::InvalidDate
    } else {
        ProblemKind::InvalidValue
    }
}

/// True for a character allowed in a task id (Obsidian Tasks: `[A-Za-z0-9_-]`).
pub(super) fn is_id_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_id_char)
}

/// Read the value of `key` from its (already trimmed) text. The error says what is wrong
/// and what a valid value looks like.
pub(super) fn read(key: FieldKey, text: &str) -> Result<Value<'_>, String> {
    let field = name(key);
    if text.starts_with("<%") {
        return Err(templater(field));
    }
    if text.is_empty() {
        return Err(match key {
            _ if key.is_date() => format!("missing {field} date: expected YYYY-MM-DD"),
            FieldKey::Recurrence => "missing recurrence rule: expected e.g. `every week`".into(),
            _ => format!("missing {field} value"),
        });
    }
    match key {
        _ if key.is_date() => value::date(text)
            .map(Value::Date)
            .map_err(|m| m.replacen("invalid date", &format!("invalid {field} date"), 1)),
        FieldKey::Priority => Priority::from_name(text)
            .map(Value::Priority)
            .ok_or_else(|| {
                format!(
                    "invalid priority `{text}`: expected highest, high, medium, none, low or lowest"
                )
            }),
        FieldKey::Recurrence => Ok(Value::Text(text)),
        FieldKey::OnCompletion => {
            if text.eq_ignore_ascii_case("keep") {
                Ok(Value::Text("keep"))
            } else if text.eq_ignore_ascii_case("delete") {
                Ok(Value::Text("delete"))
            } else {
                Err(format!(
                    "invalid on-completion action `{text}`: expected keep or delete"
                ))
            }
        }
        FieldKey::Id => {
            if is_id(text) {
                Ok(Value::Text(text))
            } else {
                Err(format!(
                    "invalid id `{text}`: use only letters, digits, `_` and `-`"
                ))
            }
        }
        FieldKey::DependsOn => {
            if text.split(',').all(|id| is_id(id.trim())) {
                Ok(Value::Ids(text))
            } else {
                Err(format!(
                    "invalid dependency list `{text}`: expected ids separated by commas"
                ))
            }
        }
        FieldKey::Assignee => match text.strip_prefix('@').unwrap_or(text) {
            "" => Err(format!("invalid assignee `{text}`: expected a name")),
            name => Ok(Value::Text(name)),
        },
        FieldKey::Effort => Effort::from_name(text).map(Value::Effort).ok_or_else(|| {
            format!(
                "invalid effort `{text}`: expected production, non-production, value or non-value"
            )
        }),
        FieldKey::Impact => value::impact(text).map(Value::Impact),
        FieldKey::Estimate => value::duration_minutes(text).map(Value::Minutes),
        FieldKey::Checkin => Cadence::parse(text).map(Value::Cadence),
        FieldKey::Urgent | FieldKey::Important | FieldKey::Scalable => value::boolean(text)
            .map(Value::Flag)
            .map_err(|m| m.replacen("invalid flag", &format!("invalid {field} flag"), 1)),
        _ => Ok(Value::Text(text)),
    }
}

/// The message for a Templater expression (`<% tp.date.now() %>`) where a value belongs:
/// it is template code, not a value, until the template is applied.
pub(super) fn templater(field: &str) -> String {
    format!(
        "a Templater expression is not a {field} value (apply the template, or keep template \
         files out of the scan with `exclude`)"
    )
}

/// Read a value written as one word of running text, where trailing sentence punctuation
/// (`due:2026-01-05.`, `(📅 2026-01-05)`) is not part of it. Returns the length of the
/// value used (the whole word when it is invalid, so the report shows it all).
pub(super) fn read_word(key: FieldKey, word: &str) -> (usize, Result<Value<'_>, String>) {
    match read(key, word) {
        Ok(v) => (word.len(), Ok(v)),
        Err(e) => {
            let bare =
                word.trim_end_matches([',', '.', ';', ':', '!', '?', ')', ']', '}', '"', '\'']);
            match read(key, bare) {
                Ok(v) if !bare.is_empty() => (bare.len(), Ok(v)),
                _ => (word.len(), Err(e)),
            }
        }
    }
}

/// Set `key` to `value` in `meta`. Tags accumulate without case-insensitive duplicates;
/// the caller decides which of several values of another key wins.
pub(super) fn apply(meta: &mut Metadata, key: FieldKey, value: Value<'_>) {
    match (key, value) {
        (FieldKey::Due, Value::Date(d)) => meta.due = Some(d),
        (FieldKey::Scheduled, Value::Date(d)) => meta.scheduled = Some(d),
        (FieldKey::Start, Value::Date(d)) => meta.start = Some(d),
        (FieldKey::Created, Value::Date(d)) => meta.created = Some(d),
        (FieldKey::Done, Value::Date(d)) => meta.done = Some(d),
        (FieldKey::Cancelled, Value::Date(d)) => meta.cancelled = Some(d),
        (FieldKey::Followup, Value::Date(d)) => meta.followup = Some(d),
        (FieldKey::Priority, Value::Priority(p)) => meta.priority = Some(p),
        (FieldKey::Recurrence, Value::Text(t)) => meta.recurrence = Some(t.to_owned()),
        (FieldKey::OnCompletion, Value::Text(t)) => meta.on_completion = Some(t.to_owned()),
        (FieldKey::Id, Value::Text(t)) => meta.id = Some(t.to_owned()),
        (FieldKey::DependsOn, Value::Ids(t)) => {
            meta.depends_on = t.split(',').map(|id| id.trim().to_owned()).collect();
        }
        (FieldKey::Assignee, Value::Text(t)) => meta.assignee = Some(t.to_owned()),
        (FieldKey::Effort, Value::Effort(e)) => meta.effort = Some(e),
        (FieldKey::Impact, Value::Impact(n)) => meta.impact = Some(n),
        (FieldKey::Estimate, Value::Minutes(m)) => meta.estimate_minutes = Some(m),
        (FieldKey::Urgent, Value::Flag(b)) => meta.urgent = Some(b),
        (FieldKey::Important, Value::Flag(b)) => meta.important = Some(b),
        (FieldKey::Scalable, Value::Flag(b)) => meta.scalable = Some(b),
        (FieldKey::Checkin, Value::Cadence(c)) => meta.checkin = Some(c),
        (FieldKey::Tag, Value::Text(t)) if !meta.tags.iter().any(|have| same_tag(have, t)) => {
            meta.tags.push(t.to_owned());
        }
        // The readers never pair a key with another kind of value.
        _ => {}
    }
}

/// A tag's case-folded form: two tags are the same when these are equal (as in [`same_tag`]).
pub(super) fn tag_key(tag: &str) -> String {
    tag.chars().flat_map(char::to_lowercase).collect()
}

/// Tags compare case-insensitively (Obsidian's rule), for any script.
fn same_tag(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(key: FieldKey, text: &str, want: Result<Value<'_>, &str>) {
        assert_eq!(
            read(key, text),
            want.map_err(str::to_owned),
            "{key:?} {text:?}"
        );
    }

    #[test]
    fn values_by_key() {
        let d = |y, m, day| {
            NaiveDate::from_ymd_opt(y, m, day)
                .map(Value::Date)
                .ok_or("")
        };
        check(FieldKey::Due, "2026-01-31", d(2026, 1, 31));
        check(
            FieldKey::Due,
            "2026-02-30",
            Err("invalid due date `2026-02-30`: no such day in the calendar"),
        );
        check(
            FieldKey::Followup,
            "tomorrow",
            Err("invalid follow-up date `tomorrow`: expected YYYY-MM-DD"),
        );
        check(
            FieldKey::Done,
            "",
            Err("missing done date: expected YYYY-MM-DD"),
        );
        check(
            FieldKey::Priority,
            "HIGH",
            Ok(Value::Priority(Priority::High)),
        );
        check(
            FieldKey::Priority,
            "none",
            Ok(Value::Priority(Priority::None)),
        );
        check(
            FieldKey::Priority,
            "urgent",
            Err("invalid priority `urgent`: expected highest, high, medium, none, low or lowest"),
        );
        check(FieldKey::OnCompletion, "Delete", Ok(Value::Text("delete")));
        check(
            FieldKey::OnCompletion,
            "maybe",
            Err("invalid on-completion action `maybe`: expected keep or delete"),
        );
        check(FieldKey::Id, "a_b-1", Ok(Value::Text("a_b-1")));
        check(
            FieldKey::Id,
            "a b",
            Err("invalid id `a b`: use only letters, digits, `_` and `-`"),
        );
        check(
            FieldKey::DependsOn,
            "a1, b2,c3",
            Ok(Value::Ids("a1, b2,c3")),
        );
        check(
            FieldKey::DependsOn,
            "a1,,b2",
            Err("invalid dependency list `a1,,b2`: expected ids separated by commas"),
        );
        check(FieldKey::Assignee, "@bob", Ok(Value::Text("bob")));
        check(
            FieldKey::Assignee,
            "@",
            Err("invalid assignee `@`: expected a name"),
        );
        check(
            FieldKey::Effort,
            "non_value",
            Ok(Value::Effort(Effort::NonValue)),
        );
        check(FieldKey::Impact, "10", Ok(Value::Impact(10)));
        check(FieldKey::Estimate, "1.5h", Ok(Value::Minutes(90)));
        check(FieldKey::Urgent, "yes", Ok(Value::Flag(true)));
        check(FieldKey::Scalable, "true", Ok(Value::Flag(true)));
        check(
            FieldKey::Scalable,
            "lots",
            Err("invalid scalable flag `lots`: expected true or false"),
        );
        check(
            FieldKey::Checkin,
            "every 2 weeks",
            Cadence::parse("every 2 weeks")
                .map(Value::Cadence)
                .map_err(|_| ""),
        );
        check(
            FieldKey::Checkin,
            "often",
            Err(
                "invalid check-in cadence `often`: expected daily, weekly, fortnightly, monthly or every N days|weeks|months",
            ),
        );
        check(
            FieldKey::Important,
            "maybe",
            Err("invalid important flag `maybe`: expected true or false"),
        );
    }

    #[test]
    fn words_lose_trailing_punctuation_only_when_that_makes_them_valid() {
        let rows = [
            ("2026-01-05.", 10, true),
            ("2026-01-05),", 10, true),
            ("2026-02-30.", 11, false),
            ("tomorrow", 8, false),
            (".", 1, false),
        ];
        for (word, len, ok) in rows {
            let (got_len, got) = read_word(FieldKey::Due, word);
            assert_eq!((got_len, got.is_ok()), (len, ok), "{word:?}");
        }
    }

    #[test]
    fn tags_deduplicate_case_insensitively() {
        let mut meta = Metadata::default();
        for t in ["Work", "work", "ÉTÉ", "été", "home"] {
            apply(&mut meta, FieldKey::Tag, Value::Text(t));
        }
        assert_eq!(meta.tags, ["Work", "ÉTÉ", "home"]);
    }
}
