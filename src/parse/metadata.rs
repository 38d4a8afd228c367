//! Task metadata (§4): find the emoji, Dataview and plain `key:value` tokens, `#tags` and
//! `@mentions` in a task's text, with their byte spans; derive its description.
//!
//! INTERFACE (filled in by the metadata work).

use crate::line_index::LineIndex;
use crate::model::{Field, Metadata};
use crate::problem::Problem;
use crate::span::Span;

/// What a task's text holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedText {
    /// Every metadata token, in text order.
    pub fields: Vec<Field>,
    /// The task's own values (no front-matter defaults).
    pub meta: Metadata,
    /// The text without metadata tokens, whitespace collapsed, trimmed.
    pub description: String,
    /// Invalid values, positioned in the document.
    pub problems: Vec<Problem>,
}

/// Parse the text of one task. `segments` are the absolute spans of its first paragraph,
/// one per line, with indentation and block-quote prefixes already cut off.
pub fn parse(src: &str, segments: &[Span], index: &LineIndex) -> ParsedText {
    let _ = index;
    let text: Vec<&str> = segments.iter().map(|s| s.slice(src)).collect();
    ParsedText {
        description: text
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        ..Default::default()
    }
}
