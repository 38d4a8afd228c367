//! "Waiting on" (§1.5, §7): delegated open tasks, grouped by the person they wait on.

use super::Entry;
use super::entry::dates_none_last;
use serde::Serialize;
use std::collections::BTreeMap;

/// Everything delegated to one person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person<'a> {
    /// The assignee as written (without `@`); spellings that differ only in case are one
    /// person, shown with the first spelling in sort order.
    pub assignee: String,
    /// How many of their tasks have a follow-up due.
    pub followups_due: usize,
    /// How many of their tasks have no follow-up date.
    pub missing_followups: usize,
    /// How many open tasks wait on this person (`tasks` may list fewer: `max_items`).
    pub open: usize,
    /// Follow-ups due first, then by follow-up date, path, line.
    pub tasks: Vec<Entry<'a>>,
}

/// Group delegated entries by assignee (case-insensitive), people sorted by name.
pub(super) fn group(entries: Vec<Entry<'_>>) -> Vec<Person<'_>> {
    let mut by_key: BTreeMap<String, Vec<Entry<'_>>> = BTreeMap::new();
    for entry in entries {
        let key = entry.assignee.unwrap_or_default().to_lowercase();
        by_key.entry(key).or_default().push(entry);
    }
    by_key
        .into_values()
        .map(|mut tasks| {
            tasks.sort_by(|a, b| {
                b.followup_due
                    .cmp(&a.followup_due)
                    .then_with(|| dates_none_last(a.followup, b.followup))
                    .then_with(|| a.by_place(b))
            });
            let assignee = tasks
                .iter()
                .filter_map(|t| t.assignee)
                .min()
                .unwrap_or_default()
                .to_owned();
            Person {
                assignee,
                followups_due: tasks.iter().filter(|t| t.followup_due).count(),
                missing_followups: tasks.iter().filter(|t| t.followup.is_none()).count(),
                open: tasks.len(),
                tasks,
            }
        })
        .collect()
}
