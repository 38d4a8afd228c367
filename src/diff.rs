//! Unified diffs of a file's old and new text, for `--check` and `--dry-run`.

use similar::TextDiff;

/// A unified diff (`--- a/PATH`, `+++ b/PATH`, 3 lines of context); empty when equal.
pub fn unified(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::unified;

    #[test]
    fn diffs() {
        assert_eq!(unified("x.md", "a\n", "a\n"), "");
        assert_eq!(
            unified("x.md", "a\nb\n", "a\nc\n"),
            "--- a/x.md\n+++ b/x.md\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"
        );
    }
}
