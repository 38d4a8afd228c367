//! The `tasks` code blocks of a note: where each starts and the query it holds.

/// One `tasks` code block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    /// 1-based line of the opening fence.
    pub line: usize,
    /// The query: the lines between the fences.
    pub text: String,
}

/// Every `tasks` code block (fenced by backticks or tildes) of `text`, quoted ones (`> `) included. A block
/// left open runs to the end of the note, as Markdown reads it.
pub(crate) fn tasks_blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<(char, usize, Block)> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = strip_quote(raw);
        let indent = line.len() - line.trim_start_matches(' ').len();
        let body = line.trim_start_matches(' ');
        let fence = body.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = fence.map_or(0, |c| body.chars().take_while(|x| *x == c).count());
        match &mut open {
            Some((c, len, block)) => {
                if fence == Some(*c) && run >= *len && indent < 4 && body[run..].trim().is_empty() {
                    if let Some((_, _, block)) = open.take() {
                        out.push(block);
                    }
                } else {
                    block.text.push_str(line);
                    block.text.push('\n');
                }
            }
            None => {
                if let Some(c) = fence.filter(|_| run >= 3 && indent < 4) {
                    let info = body[run..].trim();
                    if info.eq_ignore_ascii_case("tasks") {
                        open = Some((
                            c,
                            run,
                            Block {
                                line: i + 1,
                                text: String::new(),
                            },
                        ));
                    }
                }
            }
        }
    }
    if let Some((_, _, block)) = open {
        out.push(block);
    }
    out
}

/// A line without its blockquote markers.
fn strip_quote(line: &str) -> &str {
    let mut rest = line;
    while let Some(r) = rest.trim_start_matches(' ').strip_prefix('>') {
        rest = r.strip_prefix(' ').unwrap_or(r);
    }
    rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, expected: &[(usize, &str)]) {
        let got: Vec<(usize, String)> = tasks_blocks(text)
            .into_iter()
            .map(|b| (b.line, b.text))
            .collect();
        let want: Vec<(usize, String)> = expected
            .iter()
            .map(|(l, t)| (*l, (*t).to_owned()))
            .collect();
        assert_eq!(got, want, "{text:?}");
    }

    #[test]
    fn finds_tasks_blocks() {
        check(
            "# Today\n```tasks\nnot done\ndue today\n```\n",
            &[(2, "not done\ndue today\n")],
        );
        check(
            "```js\nx\n```\n~~~~tasks\na\n```\nb\n~~~~\n",
            &[(4, "a\n```\nb\n")],
        );
        check("> ```tasks\n> done\n> ```\n", &[(1, "done\n")]);
        check("```tasks\nopen\n", &[(1, "open\n")]);
        check("    ```tasks\nindented code\n", &[]);
        check("```tasksx\n```\n", &[]);
    }
}
