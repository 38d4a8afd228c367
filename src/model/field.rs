//! One metadata token found in a task's text, with the bytes it occupies.

use crate::span::Span;
use serde::Serialize;

/// What a metadata token sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKey {
    /// Due date.
    Due,
    /// Scheduled date.
    Scheduled,
    /// Start date.
    Start,
    /// Created date.
    Created,
    /// Done (completion) date.
    Done,
    /// Cancelled date.
    Cancelled,
    /// Follow-up date for delegated tasks (ike's own).
    Followup,
    /// Priority.
    Priority,
    /// Recurrence rule (`every …`).
    Recurrence,
    /// What to do with a recurring task on completion (`keep`/`delete`).
    OnCompletion,
    /// Task id.
    Id,
    /// Ids this task depends on.
    DependsOn,
    /// Assignee (a field, or an `@name`).
    Assignee,
    /// Effort kind.
    Effort,
    /// Impact 1–10.
    Impact,
    /// Time estimate.
    Estimate,
    /// Explicit urgent flag.
    Urgent,
    /// Explicit important flag.
    Important,
    /// Check-in cadence of a delegated task (ike's own).
    Checkin,
    /// Explicit mark of scalable value work (ike's own).
    Scalable,
    /// A `#tag`.
    Tag,
}

impl FieldKey {
    /// True for the keys whose value is a date.
    pub fn is_date(self) -> bool {
        matches!(
            self,
            Self::Due
                | Self::Scheduled
                | Self::Start
                | Self::Created
                | Self::Done
                | Self::Cancelled
                | Self::Followup
        )
    }
}

/// Which of the metadata syntaxes a token was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Syntax {
    /// Obsidian Tasks emoji signifier (`📅 2026-11-23`, `⏫`).
    Emoji,
    /// Dataview inline field in brackets: `[due:: 2026-11-23]`.
    DataviewBracket,
    /// Dataview inline field in parentheses: `(due:: 2026-11-23)`.
    DataviewParen,
    /// Plain `key:value` token.
    Plain,
    /// `#tag`
    Hashtag,
    /// `@name`
    Mention,
}

impl Syntax {
    /// True for the two Dataview forms.
    pub fn is_dataview(self) -> bool {
        matches!(self, Self::DataviewBracket | Self::DataviewParen)
    }
}

/// A metadata token: its key, syntax, the whole token's bytes and its value's bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    /// What it sets.
    pub key: FieldKey,
    /// How it was written.
    pub syntax: Syntax,
    /// The whole token, signifier or brackets included, absolute in the document.
    pub span: Span,
    /// The value alone, absolute in the document (empty for bare priority emoji).
    pub value: Span,
    /// False when the value was invalid (reported, and ignored for classification).
    pub valid: bool,
}
