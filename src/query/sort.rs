//! `sort by <key> [reverse]` lines, and the plugin's default order that follows them:
//! status (open first), urgency (highest first), due date, priority, path.

use super::date_field::DateField;
use super::filter::strip_ci;
#[cfg(test)]
use {
    super::collate::natural,
    super::item::{Item, type_group_name},
    crate::model::Priority,
    std::cmp::Ordering,
};

/// What tasks are sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SortKey {
    /// Open before done.
    Status,
    /// The status's name.
    StatusName,
    /// The status type, in-progress first.
    StatusType,
    /// Highest urgency first.
    Urgency,
    /// Highest priority first.
    Priority,
    /// A date, earliest first; tasks without it last.
    Date(DateField),
    /// Recurring tasks first.
    Recurring,
    /// The note's path.
    Path,
    /// The note's file name.
    Filename,
    /// The nearest heading; tasks without one first.
    Heading,
    /// The description, leading formatting and link brackets aside.
    Description,
    /// The n-th tag (1-based); tasks with fewer tags last.
    Tag(usize),
    /// The id; tasks without one first.
    Id,
}

impl SortKey {
    /// The key reads only a task's head (status, dates, priority, recurring or not) and
    /// its note's path.
    pub(crate) fn reads_head(self) -> bool {
        matches!(
            self,
            Self::Status
                | Self::StatusType
                | Self::Urgency
                | Self::Priority
                | Self::Date(_)
                | Self::Recurring
                | Self::Path
                | Self::Filename
        )
    }
}

/// One sort line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sorter {
    /// The key.
    pub key: SortKey,
    /// Reversed.
    pub reverse: bool,
}

/// The plugin's default order, appended after the query's own sort lines.
pub(crate) const DEFAULT: [Sorter; 5] = [
    Sorter {
        key: SortKey::Status,
        reverse: false,
    },
    Sorter {
        key: SortKey::Urgency,
        reverse: false,
    },
    Sorter {
        key: SortKey::Date(DateField::Due),
        reverse: false,
    },
    Sorter {
        key: SortKey::Priority,
        reverse: false,
    },
    Sorter {
        key: SortKey::Path,
        reverse: false,
    },
];

/// Parse the text after `sort by `.
pub(crate) fn parse(rest: &str) -> Result<Sorter, String> {
    let rest = rest.trim();
    if strip_ci(rest, "function").is_some() {
        return Err(
            "`sort by function` runs JavaScript inside Obsidian; ike does not support it"
                .to_owned(),
        );
    }
    let lowered: Vec<String> = rest
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    let mut words: Vec<&str> = lowered.iter().map(String::as_str).collect();
    let reverse = words.last() == Some(&"reverse");
    if reverse {
        words.pop();
    }
    let key =
        match words.as_slice() {
            ["status"] => SortKey::Status,
            ["status.name"] => SortKey::StatusName,
            ["status.type"] => SortKey::StatusType,
            ["urgency"] => SortKey::Urgency,
            ["priority"] => SortKey::Priority,
            ["recurring"] => SortKey::Recurring,
            ["path"] => SortKey::Path,
            ["filename"] => SortKey::Filename,
            ["heading"] => SortKey::Heading,
            ["description"] => SortKey::Description,
            ["id"] => SortKey::Id,
            ["tag"] => SortKey::Tag(1),
            ["tag", n] => match n.parse::<usize>() {
                Ok(n) if n >= 1 => SortKey::Tag(n),
                _ => {
                    return Err(format!(
                        "do not understand query: sort by tag needs a tag number from 1, not `{n}`"
                    ));
                }
            },
            ["random"] => return Err(
                "`sort by random` is not supported by ike (its order would change at every run)"
                    .to_owned(),
            ),
            [name] => match DateField::ALL.into_iter().find(|f| f.name() == *name) {
                Some(field) => SortKey::Date(field),
                None => {
                    return Err(format!(
                        "do not understand query: unknown sort key `{name}`"
                    ));
                }
            },
            _ => return Err("do not understand query".to_owned()),
        };
    Ok(Sorter { key, reverse })
}

impl Sorter {
    /// The instruction as written by ike.
    pub(crate) fn instruction(&self) -> String {
        let key = match self.key {
            SortKey::Status => "status".to_owned(),
            SortKey::StatusName => "status.name".to_owned(),
            SortKey::StatusType => "status.type".to_owned(),
            SortKey::Urgency => "urgency".to_owned(),
            SortKey::Priority => "priority".to_owned(),
            SortKey::Date(f) => f.name().to_owned(),
            SortKey::Recurring => "recurring".to_owned(),
            SortKey::Path => "path".to_owned(),
            SortKey::Filename => "filename".to_owned(),
            SortKey::Heading => "heading".to_owned(),
            SortKey::Description => "description".to_owned(),
            SortKey::Tag(n) => format!("tag {n}"),
            SortKey::Id => "id".to_owned(),
        };
        format!(
            "sort by {key}{}",
            if self.reverse { " reverse" } else { "" }
        )
    }

    /// Compare two tasks: the meaning of the key, which [`super::order`] computes faster
    /// and is tested against.
    #[cfg(test)]
    pub(crate) fn compare(&self, a: &Item<'_>, b: &Item<'_>) -> Ordering {
        let order = compare_key(self.key, a, b);
        if self.reverse { order.reverse() } else { order }
    }
}

/// Present values first, missing last.
#[cfg(test)]
fn present_first<T>(a: Option<T>, b: Option<T>, cmp: impl Fn(T, T) -> Ordering) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => cmp(x, y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
fn compare_key(key: SortKey, a: &Item<'_>, b: &Item<'_>) -> Ordering {
    match key {
        SortKey::Status => a.is_done().cmp(&b.is_done()),
        SortKey::StatusName => natural(a.status_name, b.status_name),
        SortKey::StatusType => natural(
            &type_group_name(a.status_type),
            &type_group_name(b.status_type),
        ),
        SortKey::Urgency => b.urgency().total_cmp(&a.urgency()),
        SortKey::Priority => {
            let p = |i: &Item<'_>| i.task.meta.priority.unwrap_or(Priority::None);
            p(b).cmp(&p(a))
        }
        SortKey::Date(field) => present_first(field.value(a), field.value(b), |x, y| x.cmp(&y)),
        SortKey::Recurring => {
            let r = |i: &Item<'_>| i.task.meta.recurrence.is_none();
            r(a).cmp(&r(b))
        }
        SortKey::Path => natural(a.path(), b.path()),
        SortKey::Filename => natural(a.filename(), b.filename()),
        SortKey::Heading => natural(
            a.heading().unwrap_or_default(),
            b.heading().unwrap_or_default(),
        ),
        SortKey::Description => natural(&clean(&a.task.description), &clean(&b.task.description)),
        SortKey::Tag(n) => {
            let tag = |i: &Item<'_>| i.tags().nth(n - 1);
            present_first(tag(a), tag(b), |x, y| natural(&x, &y))
        }
        SortKey::Id => natural(
            a.task.meta.id.as_deref().unwrap_or_default(),
            b.task.meta.id.as_deref().unwrap_or_default(),
        ),
    }
}

/// A description without the emphasis or link brackets it starts with, as the plugin
/// sorts descriptions: `**Call** Bob` sorts as `Call Bob`, `[[Note]] x` as `Note x`.
pub(crate) fn clean(description: &str) -> String {
    let d = description.trim();
    if let Some(rest) = d.strip_prefix("[[").or_else(|| d.strip_prefix('[')) {
        if let Some(end) = rest.find(']') {
            let after = rest[end..].trim_start_matches(']');
            return format!("{}{after}", &rest[..end]);
        }
    }
    for mark in ["**", "==", "__", "*", "_"] {
        if let Some(rest) = d.strip_prefix(mark) {
            if let Some(end) = rest.find(mark) {
                if end > 0 {
                    return format!("{}{}", &rest[..end], &rest[end + mark.len()..]);
                }
            }
        }
    }
    d.to_owned()
}
