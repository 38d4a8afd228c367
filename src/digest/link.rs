//! Links from the digest back to a task's line: a relative, percent-encoded path, with
//! the line anchor the place the digest is read in follows ([`LinkStyle`]).

use serde::Deserialize;
use std::fmt::Write as _;

/// Where the digest is read, and so how its links point at a line (`digest.links`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkStyle {
    /// GitHub: `notes/a.md?plain=1#L12` (rendered Markdown has no line anchors; the
    /// plain view has).
    #[default]
    Github,
    /// Obsidian: `notes/a.md`, the note without an anchor (Obsidian reads `#L12` as a
    /// heading).
    Obsidian,
    /// An editor's Markdown preview (VS Code): `notes/a.md#L12`.
    Editor,
}

/// Append the link target for line `line` of `path` in `style`.
pub(crate) fn styled_target_to(
    out: &mut String,
    path: &str,
    line: usize,
    block_id: Option<&str>,
    style: LinkStyle,
) {
    match style {
        LinkStyle::Github => {
            encode_path_to(out, path);
            let _ = write!(out, "?plain=1#L{line}");
        }
        // Obsidian opens a block by its id (`note.md#^inv42`); lines it does not know.
        LinkStyle::Obsidian => {
            encode_path_to(out, path);
            if let Some(id) = block_id {
                let _ = write!(out, "#^{id}");
            }
        }
        LinkStyle::Editor => link_target_to(out, path, line),
    }
}

/// The link target for line `line` of the root-relative `path`: `notes/a%20b.md#L12`.
/// Every byte outside the URL-safe set (letters, digits, `-._~/!$&'*+,;=:@`) is
/// percent-encoded, so spaces, parentheses, `#`, `?` and non-ASCII names stay one link.
pub fn link_target(path: &str, line: usize) -> String {
    let mut out = String::with_capacity(path.len() + 8);
    link_target_to(&mut out, path, line);
    out
}

/// Append [`link_target`] to `out`.
pub(crate) fn link_target_to(out: &mut String, path: &str, line: usize) {
    encode_path_to(out, path);
    // Writing to a String cannot fail.
    let _ = write!(out, "#L{line}");
}

/// Append `path` percent-encoded as [`link_target`] encodes it (`/` kept), without an
/// anchor.
pub(crate) fn encode_path_to(out: &mut String, path: &str) {
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/!$&'*+,;=:@".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(path: &str, line: usize, expected: &str) {
        assert_eq!(link_target(path, line), expected);
    }

    #[test]
    fn encodes_what_would_break_the_link() {
        check("todo.md", 3, "todo.md#L3");
        check("Projects/Big plan.md", 12, "Projects/Big%20plan.md#L12");
        check("a (b)/c#d?.md", 1, "a%20%28b%29/c%23d%3F.md#L1");
        check("100%.md", 1, "100%25.md#L1");
        check("café.md", 2, "caf%C3%A9.md#L2");
        check("a_b-c~d.md", 9, "a_b-c~d.md#L9");
    }

    #[test]
    fn each_style_links_the_way_its_reader_follows() {
        let styled = |style, block_id| {
            let mut out = String::new();
            styled_target_to(&mut out, "My notes/a.md", 12, block_id, style);
            out
        };
        assert_eq!(
            styled(LinkStyle::Github, None),
            "My%20notes/a.md?plain=1#L12"
        );
        assert_eq!(styled(LinkStyle::Obsidian, None), "My%20notes/a.md");
        assert_eq!(styled(LinkStyle::Editor, None), "My%20notes/a.md#L12");
        // A block id is where Obsidian can take the reader; the other readers use lines.
        let id = Some("inv42");
        assert_eq!(styled(LinkStyle::Obsidian, id), "My%20notes/a.md#^inv42");
        assert_eq!(styled(LinkStyle::Github, id), "My%20notes/a.md?plain=1#L12");
        assert_eq!(styled(LinkStyle::Editor, id), "My%20notes/a.md#L12");
    }
}
