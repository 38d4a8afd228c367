//! The four kinds of effort a task can be.

use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// Kind of effort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Effort {
    /// Clearly defined work that produces the output.
    Production,
    /// Admin and busy work.
    NonProduction,
    /// Work that makes future production easier or more impactful.
    Value,
    /// Everything else.
    NonValue,
}

impl Effort {
    /// All kinds, in display order.
    pub const ALL: [Effort; 4] = [
        Self::Production,
        Self::NonProduction,
        Self::Value,
        Self::NonValue,
    ];

    /// Parse `production`, `non-production`, `value`, `non-value` (any case, `_` for `-` too).
    pub fn from_name(name: &str) -> Option<Self> {
        let name = name.trim().replace('_', "-");
        Self::ALL
            .into_iter()
            .find(|e| e.as_str().eq_ignore_ascii_case(&name))
    }

    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Production => "production",
            Self::NonProduction => "non-production",
            Self::Value => "value",
            Self::NonValue => "non-value",
        }
    }
}

impl fmt::Display for Effort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Read from config by name (`production`, `non-production`, `value`, `non-value`), via
/// [`Effort::from_name`].
impl<'de> Deserialize<'de> for Effort {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Self::from_name(&name).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown effort `{name}`; expected production, non-production, value or non-value"
            ))
        })
    }
}
