//! The four cells of the Eisenhower matrix.

use serde::Serialize;
use std::fmt;

/// Where an open task falls in the Eisenhower matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Quadrant {
    /// Urgent and important: do it now, yourself.
    Do,
    /// Important, not urgent: plan a time for it.
    Schedule,
    /// Urgent, not important: hand it off.
    Delegate,
    /// Neither: postpone or drop it.
    Eliminate,
}

impl Quadrant {
    /// All quadrants, in the digest's order.
    pub const ALL: [Quadrant; 4] = [Self::Do, Self::Schedule, Self::Delegate, Self::Eliminate];

    /// The quadrant for an urgent/important pair.
    pub fn of(urgent: bool, important: bool) -> Self {
        match (urgent, important) {
            (true, true) => Self::Do,
            (false, true) => Self::Schedule,
            (true, false) => Self::Delegate,
            (false, false) => Self::Eliminate,
        }
    }

    /// Its position in [`Quadrant::ALL`].
    pub fn index(self) -> usize {
        match self {
            Self::Do => 0,
            Self::Schedule => 1,
            Self::Delegate => 2,
            Self::Eliminate => 3,
        }
    }

    /// The lowercase name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Do => "do",
            Self::Schedule => "schedule",
            Self::Delegate => "delegate",
            Self::Eliminate => "eliminate",
        }
    }

    /// The capitalised name used in headings.
    pub fn title(self) -> &'static str {
        match self {
            Self::Do => "Do",
            Self::Schedule => "Schedule",
            Self::Delegate => "Delegate",
            Self::Eliminate => "Eliminate",
        }
    }

    /// Parse a quadrant name (`do`, `schedule`, `delegate`, `eliminate`), any case.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|q| q.as_str().eq_ignore_ascii_case(name.trim()))
    }
}

impl fmt::Display for Quadrant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quadrant_of_each_pair() {
        assert_eq!(Quadrant::of(true, true), Quadrant::Do);
        assert_eq!(Quadrant::of(false, true), Quadrant::Schedule);
        assert_eq!(Quadrant::of(true, false), Quadrant::Delegate);
        assert_eq!(Quadrant::of(false, false), Quadrant::Eliminate);
    }

    #[test]
    fn index_is_the_position_in_all() {
        for (i, q) in Quadrant::ALL.into_iter().enumerate() {
            assert_eq!(q.index(), i, "{q}");
        }
    }

    #[test]
    fn names_round_trip() {
        for q in Quadrant::ALL {
            assert_eq!(Quadrant::from_name(q.as_str()), Some(q));
            assert_eq!(Quadrant::from_name(q.title()), Some(q));
        }
        assert_eq!(Quadrant::from_name("later"), None);
        assert_eq!(
            serde_json::to_string(&Quadrant::Schedule).ok().as_deref(),
            Some("\"schedule\"")
        );
    }
}
