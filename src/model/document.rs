//! A parsed Markdown file: its tasks, its front-matter defaults and its problems.

use super::{Metadata, Task};
use crate::problem::Problem;
use crate::span::Span;

/// One Markdown file after parsing. The source text is not kept: stages that edit re-read it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// Path relative to the scanned root, `/`-separated.
    pub path: String,
    /// Tasks in document order.
    pub tasks: Vec<Task>,
    /// Everything wrong with the file, in document order.
    pub problems: Vec<Problem>,
    /// The front-matter block, delimiters included, if the file has one.
    pub front_matter: Option<Span>,
    /// The front matter's values that apply to every task of the file.
    pub defaults: Metadata,
    /// True when the file could not be read or parsed; such a file is never rewritten.
    pub failed: bool,
    /// Set when the note was decoded from the cache under a skim (`vault::Skim`): then
    /// `tasks` holds only the tasks the skim did not drop, and this keeps what a reader of
    /// the note would have needed the dropped ones for. `None` for every other note.
    pub skimmed: Option<Skimmed>,
}

/// What a skimmed decode of a note knows of the tasks it kept: one entry per task of the
/// note's `tasks`. The kept tasks' `parent` is the index of their parent among the kept
/// tasks, `None` when the skim dropped it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Skimmed {
    /// The skim judged the task and did not drop it (false: it was never offered, as a
    /// task with an id or a dependency is not: a reader must judge it itself).
    pub judged: Vec<bool>,
    /// The task has steps in the whole note: the task after it, kept or dropped, is its
    /// child (what [`crate::classify::has_steps`] says of the whole note).
    pub steps: Vec<bool>,
}
