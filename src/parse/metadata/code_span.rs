//! Inline code spans (`` `📅 2026-01-01` ``) and Templater expressions (`<% tp.file.title
//! %>`) in a task's text: what they hold is not metadata. Code spans are found by
//! CommonMark's rule — a run of N backticks opens a span closed by the next run of exactly
//! N backticks — over all the task's lines, since a code span may continue on the next
//! line; a Templater expression runs from `<%` outside code to the next `%>`, also across
//! lines.

use crate::span::Span;

/// Absolute spans of the code spans and Templater expressions in the segments, delimiters
/// included, in order and disjoint. Allocates nothing when the text has neither.
pub(super) fn find(src: &str, segments: &[Span]) -> Vec<Span> {
    let code = code_spans(src, segments);
    let templater = templater(src, segments, &code);
    if templater.is_empty() {
        return code;
    }
    let mut all = code;
    all.extend(templater);
    all.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(all.len());
    for s in all {
        match out.last_mut() {
            Some(last) if s.start < last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// `<%` … `%>` expressions whose `<%` is not inside a code span, in order.
fn templater(src: &str, segments: &[Span], code: &[Span]) -> Vec<Span> {
    let bytes = src.as_bytes();
    let in_code = |at: usize| {
        let k = code.partition_point(|c| c.end <= at);
        code.get(k).is_some_and(|c| c.start <= at)
    };
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for seg in segments {
        let Some(text) = bytes.get(seg.start..seg.end) else {
            continue;
        };
        for at in memchr::memchr_iter(b'%', text).map(|p| seg.start + p) {
            match open {
                None if at > seg.start && bytes[at - 1] == b'<' && !in_code(at - 1) => {
                    open = Some(at - 1);
                }
                Some(start)
                    if at > start + 1 && bytes.get(at + 1) == Some(&b'>') && at + 2 <= seg.end =>
                {
                    out.push(Span::new(start, at + 2));
                    open = None;
                }
                _ => {}
            }
        }
    }
    out
}

/// Absolute spans of the code spans in the segments, backticks included, in order.
fn code_spans(src: &str, segments: &[Span]) -> Vec<Span> {
    let bytes = src.as_bytes();
    let mut runs: Vec<Span> = Vec::new();
    for seg in segments {
        let Some(text) = bytes.get(seg.start..seg.end) else {
            continue;
        };
        for at in memchr::memchr_iter(b'`', text).map(|p| seg.start + p) {
            match runs.last_mut() {
                Some(run) if run.end == at => run.end += 1,
                _ => runs.push(Span::new(at, at + 1)),
            }
        }
    }
    let mut spans = Vec::new();
    // Lengths with no closing run after some point: no later opener of that length can
    // close either, which keeps the search linear on backtick-heavy text.
    let mut unclosed: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        let run = runs[i];
        // An opener's first backtick may be escaped; a closer's never is.
        let opener = if escaped(bytes, run.start) {
            Span::new(run.start + 1, run.end)
        } else {
            run
        };
        let len = opener.len();
        if len == 0 || unclosed.contains(&len) {
            i += 1;
            continue;
        }
        match runs[i + 1..].iter().position(|r| r.len() == len) {
            Some(k) => {
                let closer = runs[i + 1 + k];
                spans.push(Span::new(opener.start, closer.end));
                i += k + 2;
            }
            None => {
                unclosed.push(len);
                i += 1;
            }
        }
    }
    spans
}

/// True when the byte at `at` follows an odd number of backslashes.
fn escaped(bytes: &[u8], at: usize) -> bool {
    bytes[..at]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count()
        % 2
        == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(lines: &[&str], want: &[&str]) {
        let src = lines.join("\n");
        let mut segments = Vec::new();
        let mut at = 0;
        for line in lines {
            segments.push(Span::new(at, at + line.len()));
            at += line.len() + 1;
        }
        let got: Vec<&str> = find(&src, &segments)
            .iter()
            .map(|s| s.slice(&src))
            .collect();
        assert_eq!(got, want, "{lines:?}");
    }

    #[test]
    fn code_spans() {
        check(&["no code"], &[]);
        check(&["a `b` c `d`"], &["`b`", "`d`"]);
        check(&["a ``b ` c`` d"], &["``b ` c``"]);
        check(&["unclosed ` here"], &[]);
        check(&["`` a ` b"], &[]);
        check(&["` a ``b`` c `"], &["` a ``b`` c `"]);
        check(&["\\`not` code`"], &["` code`"]);
        check(&["\\\\`code`"], &["`code`"]);
        check(&["starts `here", "ends` there"], &["`here\nends`"]);
    }

    #[test]
    fn templater_expressions() {
        check(&["📅 <% tp.date.now() %> x"], &["<% tp.date.now() %>"]);
        check(&["<%* let a = 1 -%>"], &["<%* let a = 1 -%>"]);
        check(&["<%%> <%"], &["<%%>"]);
        check(&["unclosed <% here"], &[]);
        check(&["`<% code %>` <% t %>"], &["`<% code %>`", "<% t %>"]);
        check(&["<% a `b` c %>"], &["<% a `b` c %>"]);
        check(&["<% a", "b %> c"], &["<% a\nb %>"]);
    }
}
