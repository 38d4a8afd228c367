//! A query's text → its instructions: one a line, blank lines and `#` comments dropped, a
//! line ending with `\` continued on the next one.

/// One instruction of a query, as written, with where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Instruction {
    /// The instruction, trimmed; continued lines joined by one space.
    pub text: String,
    /// 1-based line of its first source line.
    pub line: usize,
    /// 1-based character column of its first character.
    pub column: usize,
}

/// The instructions of `source`, numbering its lines from `first_line`.
pub(crate) fn instructions(source: &str, first_line: usize) -> Vec<Instruction> {
    let mut out: Vec<Instruction> = Vec::new();
    let mut pending: Option<Instruction> = None;
    for (i, raw) in source.lines().enumerate() {
        let line = first_line + i;
        let trimmed = raw.trim();
        let column = raw.chars().take_while(|c| c.is_whitespace()).count() + 1;
        let (body, continues) = match trimmed.strip_suffix('\\') {
            Some(rest) => (rest.trim_end(), true),
            None => (trimmed, false),
        };
        let current = match pending.take() {
            Some(mut open) => {
                if !body.is_empty() {
                    if !open.text.is_empty() {
                        open.text.push(' ');
                    }
                    open.text.push_str(body);
                }
                open
            }
            None => Instruction {
                text: body.to_owned(),
                line,
                column,
            },
        };
        if continues {
            pending = Some(current);
        } else if !current.text.is_empty() && !current.text.starts_with('#') {
            out.push(current);
        }
    }
    if let Some(open) = pending.filter(|o| !o.text.is_empty() && !o.text.starts_with('#')) {
        out.push(open);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(source: &str, expected: &[(&str, usize, usize)]) {
        let got: Vec<(String, usize, usize)> = instructions(source, 1)
            .into_iter()
            .map(|i| (i.text, i.line, i.column))
            .collect();
        let expected: Vec<(String, usize, usize)> = expected
            .iter()
            .map(|(t, l, c)| ((*t).to_owned(), *l, *c))
            .collect();
        assert_eq!(got, expected, "{source:?}");
    }

    #[test]
    fn lines_comments_and_continuations() {
        check(
            "not done\n\n  due today\n",
            &[("not done", 1, 1), ("due today", 3, 3)],
        );
        check("# a comment\nnot done", &[("not done", 2, 1)]);
        check(
            "(due today) OR \\\n  (due tomorrow)\nlimit 3",
            &[("(due today) OR (due tomorrow)", 1, 1), ("limit 3", 3, 1)],
        );
        check("done \\", &[("done", 1, 1)]);
        check("", &[]);
        check("\\\n# hidden\n", &[]);
    }
}
