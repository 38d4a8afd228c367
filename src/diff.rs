//! Unified diffs of a file's old and new text, for `--check` and `--dry-run`.

use similar::TextDiff;

/// A unified diff (`--- a/PATH`, `+++ b/PATH`, 3 lines of context); empty when equal.
/// It is shown on a terminal: control characters in the path and in the lines are escaped
/// ([`crate::escape`]), line endings and tabs kept. A file whose text holds other control
/// characters gets a diff that shows the change but does not apply as a patch.
/// An absolute PATH is written as it is on both sides (`--- /tmp/x.md`: apply with
/// `patch -p0`), never `a//tmp/x.md`; a leading `./` is dropped.
pub(crate) fn unified(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let path = path.strip_prefix("./").unwrap_or(path);
    let absolute = std::path::Path::new(path).is_absolute() || path.starts_with('/');
    let path = crate::escape::display(path);
    let (a, b) = if absolute {
        (path.clone().into_owned(), path.into_owned())
    } else {
        (format!("a/{path}"), format!("b/{path}"))
    };
    let diff = TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&a, &b)
        .to_string();
    crate::escape::display_lines(&diff).into_owned()
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
        assert_eq!(
            unified("new\nline\u{1b}.md", "a\u{1b}[2J\r\n", "b\r\n"),
            "--- a/new\\nline\\e.md\n+++ b/new\\nline\\e.md\n@@ -1 +1 @@\n-a\\e[2J\r\n+b\r\n"
        );
        let headers = |path: &str| {
            let diff = unified(path, "a\n", "b\n");
            diff.lines().take(2).collect::<Vec<_>>().join("|")
        };
        assert_eq!(headers("/tmp/d/x.md"), "--- /tmp/d/x.md|+++ /tmp/d/x.md");
        assert_eq!(headers("./d/x.md"), "--- a/d/x.md|+++ b/d/x.md");
        assert_eq!(headers("d/x.md"), "--- a/d/x.md|+++ b/d/x.md");
    }
}
