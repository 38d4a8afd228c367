//! A task's status, read from the character between its brackets.

use serde::{Serialize, Serializer};
use std::fmt;

/// The status of a task.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// `[ ]`, and any unknown character that the config does not map.
    Todo,
    /// `[/]`
    InProgress,
    /// `[x]` or `[X]`
    Done,
    /// `[-]`
    Cancelled,
    /// A status the config names for some character (e.g. `?` → `on_hold`); not open.
    Named(String),
}

impl Status {
    /// The built-in status for a checkbox character, if it has one.
    pub fn from_char(c: char) -> Option<Self> {
        match c {
            ' ' => Some(Self::Todo),
            'x' | 'X' => Some(Self::Done),
            '/' => Some(Self::InProgress),
            '-' => Some(Self::Cancelled),
            _ => None,
        }
    }

    /// Parse a status name as written in config (`todo`, `in_progress`, `done`, `cancelled`, or any other name).
    pub fn from_name(name: &str) -> Self {
        match name {
            "todo" => Self::Todo,
            "in_progress" => Self::InProgress,
            "done" => Self::Done,
            "cancelled" => Self::Cancelled,
            other => Self::Named(other.to_owned()),
        }
    }

    /// The status as it appears in output.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Todo => "todo",
            Self::InProgress => "in_progress",
            Self::Done => "done",
            Self::Cancelled => "cancelled",
            Self::Named(name) => name,
        }
    }

    /// Open tasks are `todo` or `in_progress`; only they are classified.
    pub fn is_open(&self) -> bool {
        matches!(self, Self::Todo | Self::InProgress)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
