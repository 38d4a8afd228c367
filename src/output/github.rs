//! Problems as GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`),
//! which a workflow run turns into annotations on the lines of a pull request
//! (docs/git.md).

use crate::problem::{Problem, Severity};

/// One workflow command for `problem`, whose file is at `file` (relative to the
/// repository's root, where the workflow runs), without a trailing newline.
pub fn command(problem: &Problem, file: &str) -> String {
    let level = match problem.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    format!(
        "::{level} file={},line={},col={},title={}::{}",
        property(file),
        problem.line,
        problem.column,
        property(&format!("ike {}", problem.kind)),
        data(&problem.message)
    )
}

/// A command's message: `%`, CR and LF encoded, so one message stays one command.
fn data(text: &str) -> String {
    encode(text, &['%', '\r', '\n'])
}

/// A property value: as [`data`], and `:` and `,` too, which end a property.
fn property(text: &str) -> String {
    encode(text, &['%', '\r', '\n', ':', ','])
}

fn encode(text: &str, special: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if special.contains(&c) {
            out.push_str(&format!("%{:02X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::ProblemKind;

    #[track_caller]
    fn check(problem: Problem, file: &str, want: &str) {
        assert_eq!(command(&problem, file), want);
    }

    #[test]
    fn commands_with_their_escapes() {
        check(
            Problem::error(
                ProblemKind::InvalidDate,
                3,
                9,
                "invalid due date `2026-02-30`",
            )
            .at_path("a.md"),
            "notes/a.md",
            "::error file=notes/a.md,line=3,col=9,title=ike invalid-date::invalid due date `2026-02-30`",
        );
        check(
            Problem::warning(ProblemKind::UnknownStatus, 1, 4, "50% done,\r\nreally: yes")
                .at_path("x"),
            "a,b:c%d\ne.md",
            "::warning file=a%2Cb%3Ac%25d%0Ae.md,line=1,col=4,title=ike unknown-status::50%25 done,%0D%0Areally: yes",
        );
    }
}
