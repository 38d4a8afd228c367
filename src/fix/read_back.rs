//! The last check on a planned rewrite that adds or removes lines: parse the result and
//! compare its tasks with the ones expected. Markdown structure is context-sensitive (a
//! line removed can make the next one a lazy continuation; a copied line can end inside
//! a multi-line code span), so a move or copy is kept only when it reads back as intended.

use crate::parse::{ParseOptions, parse_document};

/// True when `text` parses (as `path`) to exactly the tasks `want`: status character and
/// description, in document order.
pub(super) fn reads_back(path: &str, text: &str, want: &[(char, &str)]) -> bool {
    let doc = parse_document(path, text.as_bytes(), &ParseOptions::default());
    !doc.failed
        && doc.tasks.len() == want.len()
        && doc
            .tasks
            .iter()
            .zip(want)
            .all(|(t, (c, d))| t.status_char == *c && &*t.description == *d)
}

#[cfg(test)]
mod tests {
    use super::reads_back;

    #[test]
    fn compares_status_and_description_in_order() {
        let text = "- [ ] a 📅 2026-11-21\n- [x] b\n";
        assert!(reads_back("t.md", text, &[(' ', "a"), ('x', "b")]));
        assert!(!reads_back("t.md", text, &[('x', "b"), (' ', "a")]));
        assert!(!reads_back("t.md", text, &[(' ', "a")]));
        assert!(!reads_back("t.md", text, &[(' ', "a"), ('x', "b c")]));
        assert!(!reads_back("t.md", "```\n- [ ] a\n", &[(' ', "a")]));
    }
}
