//! A delegation brief's quality: what a delegated task lacks to be handed over well —
//! a deadline, a check-in, steps or an outcome (docs/classification.md).

use super::ClassifySettings;
use crate::model::{Document, Metadata};
use serde::{Serialize, Serializer};

/// One thing a brief lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BriefGap {
    /// No due date.
    Deadline,
    /// Neither a follow-up date nor a check-in cadence.
    Checkin,
    /// No sub-items, and a description under `brief_min_words` words.
    Steps,
}

impl BriefGap {
    /// All gaps, in the order they are listed.
    pub const ALL: [BriefGap; 3] = [Self::Deadline, Self::Checkin, Self::Steps];

    /// The stable name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Deadline => "no-deadline",
            Self::Checkin => "no-check-in",
            Self::Steps => "no-steps",
        }
    }

    /// What the digest says is missing.
    pub fn label(self) -> &'static str {
        match self {
            Self::Deadline => "no deadline",
            Self::Checkin => "no check-in",
            Self::Steps => "no steps or outcome",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// The gaps of one brief, as a small set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BriefGaps(u8);

impl BriefGaps {
    /// No gap.
    pub const NONE: BriefGaps = BriefGaps(0);

    /// True when the brief lacks nothing.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// True when it lacks `gap`.
    pub fn has(self, gap: BriefGap) -> bool {
        self.0 & gap.bit() != 0
    }

    /// The gaps, in [`BriefGap::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = BriefGap> {
        BriefGap::ALL.into_iter().filter(move |g| self.has(*g))
    }

    /// The set as bits (for the cache).
    pub(crate) fn bits(self) -> u8 {
        self.0
    }

    /// The set of `bits`; `None` when a bit names no gap.
    pub(crate) fn from_bits(bits: u8) -> Option<Self> {
        let known = BriefGap::ALL.iter().fold(0, |all, g| all | g.bit());
        (bits & !known == 0).then_some(Self(bits))
    }

    fn with(self, gap: BriefGap, on: bool) -> Self {
        if on { Self(self.0 | gap.bit()) } else { self }
    }
}

/// A list of names: `["no-deadline", "no-steps"]`.
impl Serialize for BriefGaps {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(BriefGap::as_str))
    }
}

/// What the brief of a delegated task lacks. `has_steps`: the task has sub-items. Own
/// tasks have no brief: call this for delegated tasks only.
pub fn brief_gaps(
    meta: &Metadata,
    description: &str,
    has_steps: bool,
    s: &ClassifySettings,
) -> BriefGaps {
    let short = description.split_whitespace().count() < s.brief_min_words;
    BriefGaps::NONE
        .with(BriefGap::Deadline, meta.due.is_none())
        .with(
            BriefGap::Checkin,
            meta.followup.is_none() && meta.checkin.is_none(),
        )
        .with(BriefGap::Steps, !has_steps && short)
}

/// Whether the `index`th task of `doc` has sub-items: tasks nested under it. The tasks
/// nested under a task follow it, so the next task is one of them if any is.
pub fn has_steps(doc: &Document, index: usize) -> bool {
    doc.tasks
        .get(index + 1)
        .is_some_and(|next| next.parent() == Some(index))
}

/// The steps of the `index`th task of `doc`: the tasks whose nearest enclosing task it is,
/// in document order.
pub fn steps(doc: &Document, index: usize) -> impl Iterator<Item = &crate::model::Task> {
    doc.tasks
        .iter()
        .skip(index + 1)
        .take_while(move |t| t.parent().is_some_and(|p| p >= index))
        .filter(move |t| t.parent() == Some(index))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Cadence;

    #[track_caller]
    fn check(meta: Metadata, description: &str, has_steps: bool, want: &[&str]) {
        let s = ClassifySettings::default();
        let got = brief_gaps(&meta, description, has_steps, &s);
        let names: Vec<&str> = got.iter().map(BriefGap::as_str).collect();
        assert_eq!(names, want, "{description:?}");
        assert_eq!(
            serde_json::to_string(&got).expect("json"),
            serde_json::to_string(want).expect("json")
        );
    }

    #[test]
    fn a_brief_lacks_what_it_does_not_say() {
        let date = crate::parse::value::date("2026-12-01").ok();
        let full = Metadata {
            due: date,
            followup: date,
            ..Metadata::default()
        };
        let long = "draft the quarterly report with the sales figures";
        check(full.clone(), long, false, &[]);
        check(
            Metadata::default(),
            "ask",
            false,
            &["no-deadline", "no-check-in", "no-steps"],
        );
        check(
            Metadata::default(),
            "ask",
            true,
            &["no-deadline", "no-check-in"],
        );
        // Five words are short (under six); six are enough.
        check(
            full.clone(),
            "one two three four five",
            false,
            &["no-steps"],
        );
        check(full.clone(), "one two three four five six", false, &[]);
        let cadence_only = Metadata {
            due: date,
            checkin: Cadence::parse("weekly").ok(),
            ..Metadata::default()
        };
        check(cadence_only, long, false, &[]);
        let no_due = Metadata { due: None, ..full };
        check(no_due, long, true, &["no-deadline"]);
    }

    #[test]
    fn the_word_threshold_is_a_setting() {
        let s = ClassifySettings {
            brief_min_words: 2,
            ..ClassifySettings::default()
        };
        let gaps = brief_gaps(&Metadata::default(), "call Bob", false, &s);
        assert!(!gaps.has(BriefGap::Steps));
        let s = ClassifySettings {
            brief_min_words: 0,
            ..s
        };
        assert!(!brief_gaps(&Metadata::default(), "", false, &s).has(BriefGap::Steps));
    }
}
