//! The settings the parse stage needs, and nothing more.

use crate::model::Status;
use crate::people::Roster;
use std::collections::BTreeMap;

/// Parse settings resolved from config.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// Extra checkbox characters and the status each means (e.g. `?` → `on_hold`).
    pub statuses: BTreeMap<char, Status>,
    /// Which `@names` are people and which are contexts.
    pub roster: Roster,
}
