//! The settings the parse stage needs, and nothing more.

use super::global_filter::GlobalFilter;
use crate::model::Status;
use crate::people::Roster;
use std::collections::{BTreeMap, BTreeSet};

/// Parse settings resolved from config (and the Obsidian Tasks plugin's settings).
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// Checkbox characters and the status each means (e.g. `?` → `on_hold`); they win
    /// over the built-in meaning of a character.
    pub statuses: BTreeMap<char, Status>,
    /// Checkbox characters whose items are no tasks at all (the plugin's `NON_TASK`).
    pub not_tasks: BTreeSet<char>,
    /// Only items whose first line holds this text are tasks.
    pub global_filter: Option<GlobalFilter>,
    /// Which `@names` are people and which are contexts.
    pub roster: Roster,
    /// Run every note through the Markdown parser, even one whose bytes cannot hold a
    /// task, and every front matter through the YAML parser, even a flat one
    /// (`--exact-parser`; the fast paths skip them, with the same result).
    pub exact_parser: bool,
}

impl ParseOptions {
    /// The status a checkbox character means: the configured one, else the built-in one.
    pub fn status_of(&self, c: char) -> Option<Status> {
        self.statuses
            .get(&c)
            .cloned()
            .or_else(|| Status::from_char(c))
    }
}
