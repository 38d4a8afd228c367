//! Front matter (§3): split the leading YAML block off a document by hand, and read the
//! keys ike uses from it.
//!
//! INTERFACE (filled in by the front-matter work): `split` finds the block, `read` parses it.

use crate::line_index::LineIndex;
use crate::model::Metadata;
use crate::problem::Problem;
use crate::span::Span;

/// Where a document's front matter is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// The whole block: opening `---` line through the closing `---`/`...` line and its line ending.
    pub block: Span,
    /// The YAML text between the delimiter lines.
    pub yaml: Span,
    /// Where the Markdown body starts (= `block.end`).
    pub body_start: usize,
}

/// Find the front matter of `src`: a `---` line first in the file (after an optional BOM),
/// closed by a `---` or `...` line. `None` when there is none (or it is never closed).
pub fn split(src: &str) -> Option<FrontMatter> {
    let _ = src;
    None
}

/// Read the keys of §3 from the block. Problems are positioned in the `.md` file.
pub fn read(src: &str, fm: &FrontMatter, index: &LineIndex) -> (Metadata, Vec<Problem>) {
    let _ = (src, fm, index);
    (Metadata::default(), Vec::new())
}
