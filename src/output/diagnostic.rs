//! A problem as the user reads it on stderr: `path:line:col: severity: message`, and
//! optionally the source line with a caret under the column.

use super::style::{DIM, ERROR, WARNING, paint};
use crate::escape::display;
use crate::line_index::LineIndex;
use crate::problem::{Problem, Severity};
use unicode_width::UnicodeWidthStr;

/// One problem line, without a trailing newline. The path and message come from the
/// vault, so their control characters are escaped ([`crate::escape`]).
pub fn render(problem: &Problem, color: bool) -> String {
    let style = match problem.severity {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
    };
    format!(
        "{}:{}:{}: {}: {}",
        display(&problem.path),
        problem.line,
        problem.column,
        paint(&problem.severity.to_string(), style, color),
        display(&problem.message)
    )
}

/// The problem followed by its source line and a caret, when `source` (the file's text)
/// is given and the line exists.
#[cfg(test)]
pub fn render_with_snippet(problem: &Problem, source: Option<&str>, color: bool) -> String {
    let index = source.map(LineIndex::new);
    render_with_snippet_in(problem, source.zip(index.as_ref()), color)
}

/// The problem followed by its source line and a caret, when `source` (the file's text
/// and its line index, built once by the caller: a file with many problems is then
/// indexed once, not once per problem) is given and the line exists.
pub fn render_with_snippet_in(
    problem: &Problem,
    source: Option<(&str, &LineIndex)>,
    color: bool,
) -> String {
    let mut out = render(problem, color);
    let Some(text) = source.and_then(|(s, index)| nth_line(s, index, problem.line)) else {
        return out;
    };
    if text.len() > 300 {
        return out;
    }
    let number = problem.line.to_string();
    let gutter = " ".repeat(number.len());
    let before: String = text
        .chars()
        .take(problem.column.saturating_sub(1))
        .collect();
    let pad = " ".repeat(UnicodeWidthStr::width(display(&before).as_ref()));
    let text = display(text);
    out.push_str(&format!(
        "\n{} {}\n{} {} {}",
        paint(&number, DIM, color),
        paint(&format!("| {text}"), DIM, color),
        gutter,
        paint("|", DIM, color),
        paint(&format!("{pad}^"), ERROR, color)
    ));
    out
}

/// The 1-based `line` of `src`, lines ending at `\n`, `\r\n` or a lone `\r` (as in CommonMark).
fn nth_line<'s>(src: &'s str, index: &LineIndex, line: usize) -> Option<&'s str> {
    let start = index.line_start(line);
    if index.line(start) != line || start > src.len() || (start == src.len() && line > 1) {
        return None;
    }
    let rest = &src[start..];
    // Lines over 300 bytes get no snippet: look no further (a cut inside a character
    // means such a line too).
    let rest = &rest.as_bytes()[..rest.len().min(302)];
    let end = memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len());
    std::str::from_utf8(&rest[..end]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::ProblemKind;

    #[test]
    fn snippet_points_at_the_column() {
        let p = Problem::error(ProblemKind::InvalidDate, 2, 9, "invalid due date").at_path("a.md");
        let got = render_with_snippet(&p, Some("# T\n- [ ] 📅 x 2026-02-30\n"), false);
        assert_eq!(
            got,
            "a.md:2:9: error: invalid due date\n2 | - [ ] 📅 x 2026-02-30\n  |          ^"
        );
    }

    #[test]
    fn control_characters_are_escaped() {
        let p = Problem::error(
            ProblemKind::InvalidDate,
            1,
            9,
            "invalid due date `\u{1b}[2J`",
        )
        .at_path("evil\u{1b}]0;x\u{7}\nname.md");
        let got = render_with_snippet(&p, Some("- [ ] \u{1b}[2J 📅 x\n"), false);
        assert_eq!(
            got,
            "evil\\e]0;x\\x07\\nname.md:1:9: error: invalid due date `\\e[2J`\n1 | - [ ] \\e[2J 📅 x\n  |          ^"
        );
    }
}
