//! Obsidian block ids: `^inv42` at the end of a task's first line names the block, so
//! that `[[note#^inv42]]` links to it. Obsidian allows Latin letters, digits and `-` in
//! an id; the caret follows whitespace, or starts the text. The id is neither metadata
//! nor description.

/// Where the block id (its caret) starts in `line`, a task's first line with trailing
/// whitespace cut.
pub(super) fn find(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let id_len = bytes
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
        .count();
    let caret = bytes.len().checked_sub(id_len + 1)?;
    if id_len == 0 || bytes[caret] != b'^' {
        return None;
    }
    match caret.checked_sub(1).map(|i| bytes[i]) {
        None | Some(b' ' | b'\t') => Some(caret),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn block_ids() {
        let rows: &[(&str, Option<&str>)] = &[
            ("Pay invoice 📅 2026-11-20 ^inv42", Some("^inv42")),
            ("^abc-123", Some("^abc-123")),
            ("a\t^X9", Some("^X9")),
            ("a ^", None),
            ("a^b", None),
            ("a ^b_c", None),
            ("a ^bé", None),
            ("a ^b c", None),
            ("2^10", None),
            ("a [[n#^b]]", None),
            ("", None),
        ];
        for (line, want) in rows {
            let got = find(line).map(|at| &line[at..]);
            assert_eq!(got, *want, "{line:?}");
        }
    }
}
