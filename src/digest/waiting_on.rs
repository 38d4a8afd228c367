//! "Waiting on": delegated open tasks, grouped by the person they wait on.

use super::Entry;
use serde::Serialize;

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
