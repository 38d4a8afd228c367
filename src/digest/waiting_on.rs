//! "Waiting on": delegated open tasks, grouped by the person they wait on.

use super::Entry;
use super::entry::dates_none_last;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

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

/// A delegated open task as "Waiting on" sorts it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Delegated<'s, A> {
    /// The assignee as written, without `@`.
    pub assignee: &'s str,
    pub followup_due: bool,
    pub followup: Option<chrono::NaiveDate>,
    /// (rank of the path, line): the tie-breaker.
    pub place: (u32, u32),
    /// Where its entry comes from.
    pub at: A,
}

impl<A> Delegated<'_, A> {
    fn order(a: &Self, b: &Self) -> Ordering {
        b.followup_due
            .cmp(&a.followup_due)
            .then_with(|| dates_none_last(a.followup, b.followup))
            .then_with(|| a.place.cmp(&b.place))
    }
}

/// Group delegated tasks by assignee (case-insensitive), people sorted by name; each
/// person's list holds its first `max_items` tasks (all when 0), made by `entry`.
pub(super) fn group<'a, A: Copy + Send>(
    delegated: Vec<Delegated<'_, A>>,
    max_items: usize,
    entry: impl Fn(A) -> Option<Entry<'a>>,
) -> Vec<Person<'a>> {
    // Lower-case each spelling once, not each task (a vault may delegate 100,000).
    let mut keys: HashMap<&str, String> = HashMap::new();
    let mut by_key: BTreeMap<String, Vec<Delegated<'_, A>>> = BTreeMap::new();
    for task in delegated {
        let key = keys
            .entry(task.assignee)
            .or_insert_with(|| task.assignee.to_lowercase());
        match by_key.get_mut(key.as_str()) {
            Some(list) => list.push(task),
            None => {
                by_key.insert(key.clone(), vec![task]);
            }
        }
    }
    by_key
        .into_values()
        .map(|mut tasks| {
            let assignee = tasks
                .iter()
                .map(|t| t.assignee)
                .min()
                .unwrap_or_default()
                .to_owned();
            let followups_due = tasks.iter().filter(|t| t.followup_due).count();
            let missing_followups = tasks.iter().filter(|t| t.followup.is_none()).count();
            let open = tasks.len();
            super::build::top(&mut tasks, max_items, Delegated::order);
            Person {
                assignee,
                followups_due,
                missing_followups,
                open,
                tasks: tasks.into_iter().filter_map(|t| entry(t.at)).collect(),
            }
        })
        .collect()
}
