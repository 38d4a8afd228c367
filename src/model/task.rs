//! A task: a list item with a checkbox, its bytes and its metadata.

use super::{Field, Metadata, Status, TextHash};
use crate::span::ShortSpan;
use std::num::NonZeroU32;
use std::sync::Arc;

/// One task as parsed from a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    /// 1-based line of the checkbox (`u32`: a note is at most `span::MAX_NOTE_SIZE` bytes).
    pub line: u32,
    /// 1-based character column of the checkbox (`u32`, as every offset below: a note is
    /// at most `span::MAX_NOTE_SIZE` bytes).
    pub column: u32,
    /// Status from the checkbox character (and the config's status map).
    pub status: Status,
    /// The character between the brackets.
    pub status_char: char,
    /// Byte offset of the start of the task's first line (indentation and quote prefix begin here).
    pub line_start: u32,
    /// The list marker (`-`, `*`, `+`, `1.`, `1)`).
    pub marker: ShortSpan,
    /// The checkbox `[c]`.
    pub checkbox: ShortSpan,
    /// The task's text: its first paragraph after the checkbox, trailing whitespace excluded.
    /// May span several lines.
    pub text: ShortSpan,
    /// The text with metadata taken out and whitespace collapsed.
    /// Boxed: a note may hold a million tasks, and a `String`'s capacity is 8 bytes each.
    pub description: Box<str>,
    /// The short hash of the text that says whether a line still holds this task.
    pub hash: TextHash,
    /// Every metadata token in the text, in order.
    pub fields: Box<[Field]>,
    /// Metadata: the task's own values, with its file's front-matter defaults filled in.
    /// Shared: every task of a file that sets no value of its own holds the same one (most
    /// tasks set none, and a note may hold a million tasks).
    pub meta: Arc<Metadata>,
    /// Index (in the document's `tasks`) of the nearest enclosing task, if any; as a
    /// `usize`, [`Task::parent`].
    pub parent: Option<u32>,
    /// Line of that parent task (lines are 1-based, so never zero: the option takes no
    /// room of its own).
    pub parent_line: Option<NonZeroU32>,
    /// The Obsidian block id ending the task's first line (`inv42` for `^inv42`), which
    /// `[[note#^inv42]]` links point at. Not part of the description.
    pub block_id: Option<Box<str>>,
    /// The heading trail above the task, outermost first. Shared by the tasks under the
    /// same headings (a vault has a million tasks and far fewer trails).
    pub section: Arc<[String]>,
}

impl Task {
    /// [`Task::parent`] as an index into the document's `tasks`.
    pub fn parent(&self) -> Option<usize> {
        self.parent.map(|p| p as usize)
    }

    /// [`Task::line`] as a `usize`.
    pub fn line(&self) -> usize {
        self.line as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A note may hold a million tasks: the size of one is the memory floor of parsing it
    /// (it was 432 bytes with the metadata inline, 224 with `usize` offsets and spans, 176
    /// with a `usize` line, a `String` description, a `Vec` of fields and an optional
    /// `u32` parent line).
    #[test]
    fn a_task_stays_small() {
        let size = std::mem::size_of::<Task>();
        assert!(size <= 152, "size_of::<Task>() is {size} bytes");
    }
}
