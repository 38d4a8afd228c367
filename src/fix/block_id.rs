//! Where a task's Obsidian block id (`^inv42`) sits, so that fixes keep it last on its
//! line (`[[note#^inv42]]` links need it there) and a next occurrence does not copy it
//! (two blocks with one id would break the link).

use crate::model::Task;
use crate::span::Span;

/// The span of `task`'s block id, caret included, at the end of its first line.
pub(super) fn span(src: &str, task: &Task) -> Option<Span> {
    let id = task.block_id.as_deref()?;
    let text = task.text.span();
    let first_line = src.get(text.start..text.end)?;
    let line = match memchr::memchr2(b'\n', b'\r', first_line.as_bytes()) {
        Some(i) => &first_line[..i],
        None => first_line,
    };
    let line = line.trim_end_matches([' ', '\t']);
    let caret = line.strip_suffix(id)?.strip_suffix('^')?.len();
    Some(Span::new(text.start + caret, text.start + line.len()))
}
