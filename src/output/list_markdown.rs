//! `ike list --format md`: a Markdown list whose links work on GitHub. Its items are plain
//! bullets with the status as a word, never checkboxes: a list saved in the vault must
//! not become a second copy of every task (for ike and for Obsidian Tasks).

use super::record::TaskRecord;
use std::fmt::Write;

/// A relative Markdown link to `path` at `line` that works on GitHub.
pub fn source_link(path: &str, line: usize) -> String {
    format!(
        "[{path}:{line}]({})",
        crate::digest::link_target(path, line)
    )
}

/// The tasks as `- **todo** description — due … (link)` lines; with `explain`, the
/// reasons as a nested list under each.
pub fn render_markdown(tasks: &[TaskRecord<'_>], explain: bool) -> String {
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
            "- **{}** {}{} ({})",
            t.status,
            t.description,
            dates,
            source_link(t.path, t.line)
        );
        if explain {
            for reason in &t.reasons {
                let _ = writeln!(out, "  - {reason}");
            }
        }
    }
    out
}
