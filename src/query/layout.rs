//! Instructions that shape the output, not the results: `short mode`, `full mode`,
//! `hide …` and `show …`.

use super::filter::strip_ci;
use std::collections::BTreeSet;

/// The parts of a task line or of the results that `hide` and `show` name.
pub(crate) const PARTS: [&str; 19] = [
    "backlink",
    "cancelled date",
    "created date",
    "depends on",
    "done date",
    "due date",
    "edit button",
    "id",
    "on completion",
    "postpone button",
    "priority",
    "recurrence rule",
    "scheduled date",
    "start date",
    "tags",
    "task count",
    "toolbar",
    "tree",
    "urgency",
];

/// How the results are shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Layout {
    /// `short mode`: metadata as icons only (ike: no metadata in Markdown output).
    pub short_mode: bool,
    /// The parts hidden (urgency and tree are hidden unless shown).
    pub hidden: BTreeSet<&'static str>,
}

impl Default for Layout {
    fn default() -> Self {
        Self {
            short_mode: false,
            hidden: ["urgency", "tree"].into_iter().collect(),
        }
    }
}

impl Layout {
    /// Is `part` shown?
    pub(crate) fn shows(&self, part: &str) -> bool {
        !self.hidden.contains(part)
    }

    /// Apply a layout instruction; `Ok(false)` when `text` is none.
    pub(crate) fn apply(&mut self, text: &str) -> Result<bool, String> {
        let lower = text.trim().to_ascii_lowercase();
        match lower.as_str() {
            "short mode" | "short" => self.short_mode = true,
            "full mode" | "full" => self.short_mode = false,
            _ => {
                let (hide, part) = match (strip_ci(&lower, "hide "), strip_ci(&lower, "show ")) {
                    (Some(part), _) => (true, part.trim()),
                    (None, Some(part)) => (false, part.trim()),
                    (None, None) => return Ok(false),
                };
                let Some(part) = PARTS.iter().find(|p| **p == part) else {
                    return Err(format!(
                        "do not understand hide/show option `{part}`; known: {}",
                        PARTS.join(", ")
                    ));
                };
                if hide {
                    self.hidden.insert(part);
                } else {
                    self.hidden.remove(part);
                }
            }
        }
        Ok(true)
    }
}
