//! Task priority, the six levels of Obsidian Tasks.

use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// Priority, lowest to highest (so `Ord` compares by importance).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    /// `⏬`
    Lowest,
    /// `🔽`
    Low,
    /// No priority signifier.
    None,
    /// `🔼`
    Medium,
    /// `⏫`
    High,
    /// `🔺`
    Highest,
}

impl Priority {
    /// All levels, lowest first.
    pub const ALL: [Priority; 6] = [
        Self::Lowest,
        Self::Low,
        Self::None,
        Self::Medium,
        Self::High,
        Self::Highest,
    ];

    /// Parse a priority name (`highest`, `high`, `medium`, `none`, `low`, `lowest`), any case.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(name.trim()))
    }

    /// The priority for an Obsidian Tasks priority emoji.
    pub fn from_emoji(c: char) -> Option<Self> {
        match c {
            '🔺' => Some(Self::Highest),
            '⏫' => Some(Self::High),
            '🔼' => Some(Self::Medium),
            '🔽' => Some(Self::Low),
            '⏬' => Some(Self::Lowest),
            _ => None,
        }
    }

    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lowest => "lowest",
            Self::Low => "low",
            Self::None => "none",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Highest => "highest",
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Read from config by name (`highest` … `lowest`, any case), via [`Priority::from_name`].
impl<'de> Deserialize<'de> for Priority {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Self::from_name(&name).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown priority `{name}`; expected highest, high, medium, none, low or lowest"
            ))
        })
    }
}
