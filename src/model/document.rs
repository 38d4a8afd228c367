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
}
