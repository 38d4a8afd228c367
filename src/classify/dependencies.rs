//! What classification needs to know across notes (docs/classification.md, "Blocked and
//! blocking"): which task ids are still open, which open tasks wait for them, and which
//! of them hold up an urgent task. Built once from every task of the vault, then handed
//! to [`super::classify_among`], which stays a pure function of the task and this index.

use super::ClassifySettings;
use super::classification::Reasons;
use super::urgent;
use crate::model::{Document, Task};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet, VecDeque};

/// The dependency facts of one open task that has an id or depends on one: all the index
/// keeps of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The path of its note.
    pub path: String,
    /// Its 1-based line.
    pub line: usize,
    /// The Obsidian block id ending its first line, without `^`.
    pub block_id: Option<String>,
    /// Its id.
    pub id: Option<String>,
    /// The ids it depends on.
    pub depends_on: Vec<String>,
    /// Who does it.
    pub assignee: Option<String>,
    /// Its description (the reason its blockers are urgent).
    pub description: String,
    /// Urgent by its own rules.
    pub urgent: bool,
}

impl Link {
    /// The facts of `task` (in the note at `path`) on `today`, or `None` when it takes no
    /// part (closed, or neither an id nor a dependency).
    pub fn of(task: &Task, path: &str, today: NaiveDate, s: &ClassifySettings) -> Option<Link> {
        let m = &task.meta;
        if !task.status.is_open() || (m.id.is_none() && m.depends_on.is_empty()) {
            return None;
        }
        let urgent =
            !m.depends_on.is_empty() && urgent::decide(m, today, s, &mut Reasons::new(false));
        Some(Link {
            path: path.to_owned(),
            line: task.line(),
            block_id: task.block_id.as_deref().map(str::to_owned),
            id: m.id.clone(),
            depends_on: m.depends_on.clone(),
            assignee: m.assignee.clone(),
            description: task.description.to_string(),
            urgent,
        })
    }
}

/// The open task with an id, as its dependents see it (the first open task with the id,
/// in the order the index was built from).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Blocker {
    /// Who does it.
    pub assignee: Option<String>,
    /// Its description.
    pub description: String,
    /// The path of its note.
    pub path: String,
    /// Its 1-based line.
    pub line: usize,
    /// The Obsidian block id ending its first line, without `^`.
    pub block_id: Option<String>,
}

/// The vault-wide dependency index. `Default` knows no task: nothing is blocked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dependencies {
    open: HashMap<String, Blocker>,
    waited_for: HashSet<String>,
    /// Id → the description of the urgent task it holds up (directly or through others).
    urgent_for: HashMap<String, String>,
}

impl Dependencies {
    /// The index of every task of `docs` (the parsed vault).
    pub fn of_documents(docs: &[Document], today: NaiveDate, s: &ClassifySettings) -> Self {
        Self::build(docs.iter().flat_map(|d| {
            d.tasks
                .iter()
                .filter_map(|t| Link::of(t, &d.path, today, s))
        }))
    }

    /// Build the index from the links of every open task of the vault.
    pub fn build(links: impl IntoIterator<Item = Link>) -> Self {
        let links: Vec<Link> = links.into_iter().collect();
        let mut index = Dependencies::default();
        for link in &links {
            if let Some(id) = &link.id {
                index.open.entry(id.clone()).or_insert_with(|| Blocker {
                    assignee: link.assignee.clone(),
                    description: link.description.clone(),
                    path: link.path.clone(),
                    line: link.line,
                    block_id: link.block_id.clone(),
                });
            }
        }
        let mut depends_of: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut queue: VecDeque<(&str, &str)> = VecDeque::new();
        for link in &links {
            for dep in &link.depends_on {
                if !index.open.contains_key(dep) {
                    continue;
                }
                index.waited_for.insert(dep.clone());
                if link.urgent {
                    queue.push_back((dep, &link.description));
                }
                if let Some(id) = &link.id {
                    depends_of.entry(id).or_default().push(dep);
                }
            }
        }
        let description: HashMap<&str, &str> = links
            .iter()
            .filter_map(|l| Some((l.id.as_deref()?, l.description.as_str())))
            .collect();
        // Blockers of urgent tasks are urgent, and so are their own blockers; each id once,
        // so a cycle ends.
        while let Some((id, why)) = queue.pop_front() {
            if index.urgent_for.contains_key(id) {
                continue;
            }
            index.urgent_for.insert(id.to_owned(), why.to_owned());
            for dep in depends_of.get(id).into_iter().flatten() {
                queue.push_back((dep, description.get(id).copied().unwrap_or(why)));
            }
        }
        index
    }

    /// The open task with this id, if any.
    pub fn open(&self, id: &str) -> Option<&Blocker> {
        self.open.get(id)
    }

    /// True when an open task waits for the task with this id.
    pub fn is_waited_for(&self, id: &str) -> bool {
        self.waited_for.contains(id)
    }

    /// The urgent task that the task with this id holds up, if any.
    pub fn urgent_because(&self, id: &str) -> Option<&str> {
        self.urgent_for.get(id).map(String::as_str)
    }
}
