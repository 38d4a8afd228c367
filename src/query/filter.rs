//! One filter instruction (`not done`, `due before tomorrow`, `path includes work`…) →
//! a test on a task, with the words `explain` prints for it.

use super::date::{DateRange, parse_range};
use super::date_field::DateField;
use super::item::{Item, type_name};
use super::matcher::Matcher;
use crate::model::Priority;
use crate::obsidian::StatusType;
use chrono::NaiveDate;
use std::fmt;
use std::sync::Arc;

/// The test of a filter.
type Test = Arc<dyn Fn(&Item<'_>) -> bool + Send + Sync>;

/// A filter: a test on a task and how it was understood.
#[derive(Clone)]
pub(crate) struct Filter {
    /// What the filter keeps, in words (several lines for a Boolean combination).
    pub explanation: String,
    /// It reads `blocked` or `blocking`, which only the whole vault's dependency index
    /// knows; any other filter decides from the task and its note alone.
    pub reads_dependencies: bool,
    /// It reads only what a cached task's head holds (see [`crate::vault::Skim`]): the
    /// status, the dates, the priority, whether the task recurs, whether it is a
    /// sub-item. A head passes it exactly when the whole task does.
    pub reads_head: bool,
    test: Test,
}

impl fmt::Debug for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Filter")
            .field("explanation", &self.explanation)
            .finish_non_exhaustive()
    }
}

impl Filter {
    /// A filter from its explanation and its test.
    pub(crate) fn new(
        explanation: impl Into<String>,
        test: impl Fn(&Item<'_>) -> bool + Send + Sync + 'static,
    ) -> Self {
        Self {
            explanation: explanation.into(),
            reads_dependencies: false,
            reads_head: false,
            test: Arc::new(test),
        }
    }

    /// The same filter, marked as reading only a task's head when `reads` is true.
    pub(crate) fn reading_head(self, reads: bool) -> Self {
        Self {
            reads_head: reads,
            ..self
        }
    }

    /// The same filter, marked as reading the dependency index when `reads` is true.
    pub(crate) fn reading_dependencies(self, reads: bool) -> Self {
        Self {
            reads_dependencies: self.reads_dependencies || reads,
            ..self
        }
    }

    /// True when `item` passes.
    pub(crate) fn matches(&self, item: &Item<'_>) -> bool {
        (self.test)(item)
    }
}

/// `text` starts with `prefix`, ignoring ASCII case; returns what follows.
pub(crate) fn strip_ci<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// `text` is `word`, ignoring ASCII case.
fn is(text: &str, word: &str) -> bool {
    text.eq_ignore_ascii_case(word)
}

/// Parse one filter instruction (not a Boolean combination) on `today`. The error is the
/// message only; the caller knows where the instruction is.
pub(crate) fn parse(text: &str, today: NaiveDate) -> Result<Filter, String> {
    let text = text.trim();
    if let Some(f) = flag(text) {
        return Ok(f);
    }
    if strip_ci(text, "filter by function").is_some() {
        return Err(
            "`filter by function` runs JavaScript inside Obsidian; ike does not support it"
                .to_owned(),
        );
    }
    if strip_ci(text, "urgency").is_some() {
        return Err(
            "filtering by urgency is not supported (the Tasks plugin does not support it either); use `sort by urgency` or `group by urgency`"
                .to_owned(),
        );
    }
    if let Some(rest) = strip_ci(text, "priority") {
        return priority(rest.trim()).map(|f| f.reading_head(true));
    }
    if let Some(rest) = strip_ci(text, "status.type ") {
        return status_type(rest.trim()).map(|f| f.reading_head(true));
    }
    for field in DateField::ALL {
        if let Some(f) = has_date(text, field) {
            return Ok(f.reading_head(true));
        }
        if let Some(rest) = strip_ci(text, field.keyword()).and_then(|r| r.strip_prefix(' ')) {
            return date_filter(field, rest.trim(), today).map(|f| f.reading_head(true));
        }
    }
    if let Some(f) = text_filter(text)? {
        return Ok(f);
    }
    Err("do not understand query".to_owned())
}

/// The fixed instructions.
fn flag(text: &str) -> Option<Filter> {
    let lower = text.to_ascii_lowercase();
    let f = match lower.as_str() {
        "done" => Filter::new("done", |i: &Item<'_>| i.is_done()),
        "not done" => Filter::new("not done", |i: &Item<'_>| !i.is_done()),
        "exclude sub-items" => Filter::new("exclude sub-items", |i: &Item<'_>| !i.is_sub_item()),
        "is recurring" => Filter::new("is recurring", |i: &Item<'_>| {
            i.task.meta.recurrence.is_some()
        }),
        "is not recurring" => Filter::new("is not recurring", |i: &Item<'_>| {
            i.task.meta.recurrence.is_none()
        }),
        _ => return flag_beyond_head(&lower),
    };
    Some(f.reading_head(true))
}

/// The fixed instructions that read more than a task's head.
fn flag_beyond_head(lower: &str) -> Option<Filter> {
    let f = match lower {
        "is blocking" => {
            Filter::new("is blocking", |i: &Item<'_>| i.blocking()).reading_dependencies(true)
        }
        "is not blocking" => {
            Filter::new("is not blocking", |i: &Item<'_>| !i.blocking()).reading_dependencies(true)
        }
        "is blocked" => {
            Filter::new("is blocked", |i: &Item<'_>| i.blocked()).reading_dependencies(true)
        }
        "is not blocked" => {
            Filter::new("is not blocked", |i: &Item<'_>| !i.blocked()).reading_dependencies(true)
        }
        "has id" => Filter::new("has id", |i: &Item<'_>| i.task.meta.id.is_some()),
        "no id" => Filter::new("no id", |i: &Item<'_>| i.task.meta.id.is_none()),
        "has depends on" => Filter::new("has depends on", |i: &Item<'_>| {
            !i.task.meta.depends_on.is_empty()
        }),
        "no depends on" => Filter::new("no depends on", |i: &Item<'_>| {
            i.task.meta.depends_on.is_empty()
        }),
        "has tags" | "has tag" => {
            Filter::new("has tags", |i: &Item<'_>| !i.task.meta.tags.is_empty())
        }
        "no tags" | "no tag" => Filter::new("no tags", |i: &Item<'_>| i.task.meta.tags.is_empty()),
        _ => return None,
    };
    Some(f)
}

/// `has due date`, `no due date`, `due date is invalid` (ike keeps no invalid dates: it
/// reports them as problems, so the last matches nothing).
fn has_date(text: &str, field: DateField) -> Option<Filter> {
    let name = field.name();
    if is(text, &format!("has {name} date")) {
        return Some(Filter::new(
            format!("has {name} date"),
            move |i: &Item<'_>| {
                if field == DateField::Happens {
                    i.happens_dates().iter().any(Option::is_some)
                } else {
                    field.value(i).is_some()
                }
            },
        ));
    }
    if is(text, &format!("no {name} date")) {
        return Some(Filter::new(
            format!("no {name} date"),
            move |i: &Item<'_>| {
                if field == DateField::Happens {
                    i.happens_dates().iter().all(Option::is_none)
                } else {
                    field.value(i).is_none()
                }
            },
        ));
    }
    if field != DateField::Happens && is(text, &format!("{name} date is invalid")) {
        return Some(Filter::new(
            format!("{name} date is invalid"),
            |_: &Item<'_>| false,
        ));
    }
    None
}

/// How a date is compared with a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateOp {
    Before,
    After,
    OnOrBefore,
    OnOrAfter,
    In,
}

impl DateOp {
    fn holds(self, date: NaiveDate, r: DateRange) -> bool {
        match self {
            Self::Before => date < r.start,
            Self::After => date > r.end,
            Self::OnOrBefore => date <= r.end,
            Self::OnOrAfter => date >= r.start,
            Self::In => r.start <= date && date <= r.end,
        }
    }
}

/// The words of a date for `explain`: `2026-11-27 (Friday)`.
fn day_words(date: NaiveDate) -> String {
    format!("{} ({})", date.format("%Y-%m-%d"), date.format("%A"))
}

/// `due before tomorrow`, `starts in this week`, `done 2026-11-01 2026-11-30`…
fn date_filter(field: DateField, rest: &str, today: NaiveDate) -> Result<Filter, String> {
    const OPS: [(&str, DateOp); 8] = [
        ("on or before ", DateOp::OnOrBefore),
        ("on or after ", DateOp::OnOrAfter),
        ("in or before ", DateOp::OnOrBefore),
        ("in or after ", DateOp::OnOrAfter),
        ("before ", DateOp::Before),
        ("after ", DateOp::After),
        ("on ", DateOp::In),
        ("in ", DateOp::In),
    ];
    let (op, date_text) = OPS
        .iter()
        .find_map(|(word, op)| strip_ci(rest, word).map(|d| (*op, d)))
        .unwrap_or((DateOp::In, rest));
    // `due in two weeks`: `two weeks` is no date, `in two weeks` is one.
    let range = parse_range(date_text, today)
        .or_else(|| parse_range(rest, today))
        .ok_or_else(|| format!("do not understand {} date", field.name()))?;
    let what = if field == DateField::Happens {
        "due, start or scheduled date".to_owned()
    } else {
        format!("{} date", field.name())
    };
    let (verb, bound) = match op {
        DateOp::Before => ("before", range.start),
        DateOp::After => ("after", range.end),
        DateOp::OnOrBefore => ("on or before", range.end),
        DateOp::OnOrAfter => ("on or after", range.start),
        DateOp::In => ("on", range.start),
    };
    let mut explanation = if op == DateOp::In && range.start != range.end {
        format!(
            "{what} is between {} and {} inclusive",
            day_words(range.start),
            day_words(range.end)
        )
    } else {
        format!("{what} is {verb} {}", day_words(bound))
    };
    if field.missing_matches() {
        explanation.push_str(&format!(" OR no {} date", field.name()));
    }
    Ok(Filter::new(explanation, move |i: &Item<'_>| {
        if field == DateField::Happens {
            return i
                .happens_dates()
                .into_iter()
                .flatten()
                .any(|d| op.holds(d, range));
        }
        match field.value(i) {
            Some(d) => op.holds(d, range),
            None => field.missing_matches(),
        }
    }))
}

/// `priority is above none`, `priority is high`, `priority not low`…
fn priority(rest: &str) -> Result<Filter, String> {
    let lowered: Vec<String> = rest
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    let mut words: Vec<&str> = lowered.iter().map(String::as_str).collect();
    if words.first() == Some(&"is") {
        words.remove(0);
    }
    let (cmp, level) = match words.as_slice() {
        [level] => ("is", *level),
        [cmp @ ("above" | "below" | "not"), level] => (*cmp, *level),
        _ => return Err("do not understand query filter (priority)".to_owned()),
    };
    let wanted = Priority::from_name(level).ok_or("do not understand priority")?;
    let explanation = format!("priority is {cmp} {}", wanted.as_str()).replace("is is", "is");
    let cmp = cmp.to_owned();
    Ok(Filter::new(explanation, move |i: &Item<'_>| {
        let p = i.task.meta.priority.unwrap_or(Priority::None);
        match cmp.as_str() {
            "above" => p > wanted,
            "below" => p < wanted,
            "not" => p != wanted,
            _ => p == wanted,
        }
    }))
}

/// `status.type is IN_PROGRESS`, `status.type is not DONE`.
fn status_type(rest: &str) -> Result<Filter, String> {
    let (negate, name) = match strip_ci(rest, "is not ") {
        Some(name) => (true, name),
        None => (false, strip_ci(rest, "is ").unwrap_or("")),
    };
    let all = [
        StatusType::Todo,
        StatusType::InProgress,
        StatusType::OnHold,
        StatusType::Done,
        StatusType::Cancelled,
        StatusType::NonTask,
    ];
    let wanted = all
        .into_iter()
        .find(|t| type_name(*t).eq_ignore_ascii_case(name.trim()))
        .ok_or_else(|| {
            format!(
                "invalid status.type instruction: use `is` or `is not` and one of {}",
                all.map(type_name).join(", ")
            )
        })?;
    let explanation = format!(
        "status.type is {}{}",
        if negate { "not " } else { "" },
        type_name(wanted)
    );
    Ok(Filter::new(explanation, move |i: &Item<'_>| {
        (i.status_type == wanted) != negate
    }))
}

/// A text value of a task that `includes` and `regex matches` test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextField {
    Path,
    Folder,
    Root,
    Filename,
    Heading,
    Description,
    Id,
    Recurrence,
    StatusName,
    Tags,
}

impl TextField {
    /// The names an instruction may start with.
    const NAMES: [(&'static str, TextField); 11] = [
        ("path", Self::Path),
        ("folder", Self::Folder),
        ("root", Self::Root),
        ("filename", Self::Filename),
        ("heading", Self::Heading),
        ("description", Self::Description),
        ("id", Self::Id),
        ("recurrence", Self::Recurrence),
        ("status.name", Self::StatusName),
        ("tags", Self::Tags),
        ("tag", Self::Tags),
    ];

    /// The task's values (several only for tags; none for a missing value).
    fn values(self, i: &Item<'_>) -> Vec<String> {
        let m = &i.task.meta;
        let one = |s: &str| vec![s.to_owned()];
        match self {
            Self::Path => one(i.path()),
            Self::Folder => vec![i.folder()],
            Self::Root => vec![i.root()],
            Self::Filename => one(i.filename()),
            Self::Heading => one(i.heading().unwrap_or_default()),
            Self::Description => one(&i.task.description),
            Self::Id => one(m.id.as_deref().unwrap_or_default()),
            Self::Recurrence => one(m.recurrence.as_deref().unwrap_or_default()),
            Self::StatusName => one(i.status_name),
            Self::Tags => i.tags().collect(),
        }
    }
}

/// `<field> includes|does not include|regex matches|regex does not match <value>`.
fn text_filter(text: &str) -> Result<Option<Filter>, String> {
    let Some((name, field, rest)) = TextField::NAMES.iter().find_map(|(name, field)| {
        strip_ci(text, name)
            .and_then(|r| r.strip_prefix(' '))
            .map(|r| (*name, *field, r))
    }) else {
        return Ok(None);
    };
    const OPS: [(&str, bool, bool); 6] = [
        ("includes ", false, false),
        ("include ", false, false),
        ("does not include ", true, false),
        ("do not include ", true, false),
        ("regex matches ", false, true),
        ("regex does not match ", true, true),
    ];
    let Some((negate, regex, value)) = OPS
        .iter()
        .find_map(|(op, negate, regex)| strip_ci(rest, op).map(|v| (*negate, *regex, v)))
    else {
        return Err(format!("do not understand query filter ({name})"));
    };
    let matcher = if regex {
        Matcher::regex(value)?
    } else {
        Matcher::includes(value)
    };
    let verb = match (negate, regex) {
        (false, false) => "includes",
        (true, false) => "does not include",
        (false, true) => "regex matches",
        (true, true) => "regex does not match",
    };
    let explanation = format!("{name} {verb} {value}");
    Ok(Some(Filter::new(explanation, move |i: &Item<'_>| {
        let any = field.values(i).iter().any(|v| matcher.matches(v));
        any != negate
    })))
}
