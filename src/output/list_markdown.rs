//! `ike list --format md`: a Markdown checklist whose links work on GitHub.

use super::record::TaskRecord;
use std::fmt::Write;

/// A relative Markdown link to `path` at `line` (spaces and parentheses escaped).
pub fn source_link(path: &str, line: usize) -> String {
    let target: String = path
        .chars()
        .map(|c| match c {
            ' ' => "%20".to_owned(),
            '(' => "%28".to_owned(),
            ')' => "%29".to_owned(),
            c => c.to_string(),
        })
        .collect();
    format!("[{path}:{line}]({target}#L{line})")
}

fn checkbox(status: &str) -> &'static str {
    match status {
        "done" => "[x]",
        "in_progress" => "[/]",
        "cancelled" => "[-]",
        "todo" => "[ ]",
        _ => "[?]",
    }
}

/// The tasks as `- [ ] description — due … (link)` lines.
pub fn render_markdown(tasks: &[TaskRecord<'_>]) -> String {
    let mut out = String::new();
    for t in tasks {
        let mut dates = Vec::new();
        if let Some(d) = t.due {
            dates.push(format!("due {d}"));
        }
        if let Some(d) = t.scheduled {
            dates.push(format!("scheduled {d}"));
        }
        if let Some(d) = t.start {
            dates.push(format!("starts {d}"));
        }
        if let Some(d) = t.done {
            dates.push(format!("done {d}"));
        }
        let dates = if dates.is_empty() {
            String::new()
        } else {
            format!(" — {}", dates.join(" · "))
        };
        let _ = writeln!(
            out,
            "- {} {}{} ({})",
            checkbox(t.status),
            t.description,
            dates,
            source_link(t.path, t.line)
        );
    }
    out
}
