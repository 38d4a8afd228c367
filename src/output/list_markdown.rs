//! `ike list --format md`: a Markdown list whose links work on GitHub. Its items are plain
//! bullets with the status as a word, never checkboxes: a list saved in the vault must
//! not become a second copy of every task (for ike and for Obsidian Tasks).

use super::record::TaskRecord;
use std::fmt::Write;

/// A relative Markdown link to `path` at `line` that works on GitHub, its text the
/// task's `PATH:LINE#HASH`.
pub fn source_link(path: &str, line: usize, hash: crate::model::TextHash) -> String {
    format!(
        "[{}]({})",
        crate::model::located(&crate::escape::display(path), line, hash),
        crate::digest::link_target(path, line)
    )
}

/// The tasks as `- **todo** description — due … (link)` lines; with `explain`, the
/// reasons as a nested list under each.
pub fn render_markdown(tasks: &[TaskRecord<'_>], explain: bool) -> String {
    let mut out = String::new();
    for t in tasks {
        push_markdown(&mut out, t, explain);
    }
    out
}

/// One task's line of [`render_markdown`] (and its reasons with `explain`), appended to
/// `out`: a list is written task by task, never held whole.
pub fn push_markdown(out: &mut String, t: &TaskRecord<'_>, explain: bool) {
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
        crate::escape::display(t.description),
        dates,
        source_link(t.path, t.line, t.hash)
    );
    if explain {
        for reason in &t.reasons {
            let _ = writeln!(out, "  - {}", crate::escape::display(reason));
        }
    }
}
