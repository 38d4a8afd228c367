//! `group by <key> [reverse]` lines: the group names of a task under each key, as the
//! plugin writes them (`2026-11-25 Wednesday`, `No due date`, `%%2%%TODO`, `(No tags)`…).
//! A hidden `%%n%%` prefix orders groups; renderers drop it.

use super::date_field::DateField;
use super::filter::strip_ci;
use super::item::{Item, type_group_name};
use crate::model::Priority;

/// What tasks are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GroupKey {
    /// `Todo` or `Done`.
    Status,
    /// The status's name.
    StatusName,
    /// The status type.
    StatusType,
    /// `High priority`, `Normal priority`…
    Priority,
    /// The urgency score with two decimals.
    Urgency,
    /// A date (`YYYY-MM-DD Weekday`) or `No <field> date`.
    Date(DateField),
    /// `Recurring` or `Not Recurring`.
    Recurring,
    /// The recurrence rule, or `None`.
    Recurrence,
    /// The path without `.md`.
    Path,
    /// The folder with a trailing `/`.
    Folder,
    /// The top-level folder with a trailing `/`.
    Root,
    /// `[[name]]`.
    Filename,
    /// The nearest heading, or `(No heading)`.
    Heading,
    /// One group per tag, or `(No tags)`.
    Tags,
    /// The id, or `No id`.
    Id,
}

/// One group line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Grouper {
    /// The key.
    pub key: GroupKey,
    /// Groups in reverse order.
    pub reverse: bool,
}

/// The keys by the words after `group by`.
const KEYS: [(&str, GroupKey); 16] = [
    ("status", GroupKey::Status),
    ("status.name", GroupKey::StatusName),
    ("status.type", GroupKey::StatusType),
    ("priority", GroupKey::Priority),
    ("urgency", GroupKey::Urgency),
    ("recurring", GroupKey::Recurring),
    ("recurrence", GroupKey::Recurrence),
    ("path", GroupKey::Path),
    ("folder", GroupKey::Folder),
    ("root", GroupKey::Root),
    ("filename", GroupKey::Filename),
    ("heading", GroupKey::Heading),
    ("tags", GroupKey::Tags),
    ("tag", GroupKey::Tags),
    ("id", GroupKey::Id),
    ("happens", GroupKey::Date(DateField::Happens)),
];

/// Parse the text after `group by `.
pub(crate) fn parse(rest: &str) -> Result<Grouper, String> {
    let rest = rest.trim();
    if strip_ci(rest, "function").is_some() {
        return Err(
            "`group by function` runs JavaScript inside Obsidian; ike does not support it"
                .to_owned(),
        );
    }
    let lower = rest.to_ascii_lowercase();
    let (name, reverse) = match lower.strip_suffix(" reverse") {
        Some(name) => (name.trim(), true),
        None => (lower.as_str(), false),
    };
    let key = KEYS
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, key)| *key)
        .or_else(|| {
            DateField::ALL
                .into_iter()
                .find(|f| f.name() == name)
                .map(GroupKey::Date)
        });
    match key {
        Some(key) => Ok(Grouper { key, reverse }),
        None if name == "backlink" => Err("`group by backlink` is not supported by ike yet; use `group by filename` or `group by heading`".to_owned()),
        None => Err(format!("do not understand query: unknown group key `{name}`")),
    }
}

impl Grouper {
    /// The instruction as written by ike.
    pub(crate) fn instruction(&self) -> String {
        let name = match self.key {
            GroupKey::Date(f) => f.name(),
            key => KEYS
                .iter()
                .find(|(_, k)| *k == key)
                .map(|(name, _)| *name)
                .unwrap_or_default(),
        };
        format!(
            "group by {name}{}",
            if self.reverse { " reverse" } else { "" }
        )
    }

    /// The names of the groups `item` belongs to (one, except for tags).
    pub(crate) fn names(&self, item: &Item<'_>) -> Vec<String> {
        let m = &item.task.meta;
        let one = |s: String| vec![s];
        match self.key {
            GroupKey::Status => one(if item.is_done() { "Done" } else { "Todo" }.to_owned()),
            GroupKey::StatusName => one(item.status_name.to_owned()),
            GroupKey::StatusType => one(type_group_name(item.status_type)),
            GroupKey::Priority => one(priority_name(m.priority.unwrap_or(Priority::None))),
            GroupKey::Urgency => one(format!("{:.2}", item.urgency())),
            GroupKey::Date(field) => one(match field.value(item) {
                Some(d) => d.format("%Y-%m-%d %A").to_string(),
                None => format!("No {} date", field.name()),
            }),
            GroupKey::Recurring => one(if m.recurrence.is_some() {
                "Recurring"
            } else {
                "Not Recurring"
            }
            .to_owned()),
            GroupKey::Recurrence => one(m.recurrence.clone().unwrap_or_else(|| "None".to_owned())),
            GroupKey::Path => one(item
                .path()
                .strip_suffix(".md")
                .unwrap_or(item.path())
                .to_owned()),
            GroupKey::Folder => one(item.folder()),
            GroupKey::Root => one(item.root()),
            GroupKey::Filename => {
                let name = item.filename();
                one(format!("[[{}]]", name.strip_suffix(".md").unwrap_or(name)))
            }
            GroupKey::Heading => one(item.heading().unwrap_or("(No heading)").to_owned()),
            GroupKey::Tags => {
                let tags: Vec<String> = item.tags().collect();
                if tags.is_empty() {
                    one("(No tags)".to_owned())
                } else {
                    tags
                }
            }
            GroupKey::Id => one(m.id.clone().unwrap_or_else(|| "No id".to_owned())),
        }
    }

    /// Urgency groups are listed highest first, as the plugin does.
    pub(crate) fn descending(&self) -> bool {
        (self.key == GroupKey::Urgency) != self.reverse
    }
}

/// `%%1%%High priority`: the hidden rank puts the highest first.
fn priority_name(p: Priority) -> String {
    let (rank, name) = match p {
        Priority::Highest => (0, "Highest"),
        Priority::High => (1, "High"),
        Priority::Medium => (2, "Medium"),
        Priority::None => (3, "Normal"),
        Priority::Low => (4, "Low"),
        Priority::Lowest => (5, "Lowest"),
    };
    format!("%%{rank}%%{name} priority")
}

/// A group name as shown: without its hidden `%%…%%` ordering prefix.
pub(crate) fn display(name: &str) -> &str {
    if let Some(rest) = name.strip_prefix("%%") {
        if let Some(end) = rest.find("%%") {
            return rest[end + 2..].trim_start();
        }
    }
    name
}
