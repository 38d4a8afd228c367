//! A brief as a Markdown message: a heading per task, its deadline, next check-in, steps
//! and a link back to it.

use super::Brief;
use std::fmt::Write as _;

/// The brief as Markdown, with `link_prefix` put before every link target (`"../"` for a
/// file written one folder below the root).
pub(crate) fn render_markdown(brief: &Brief<'_>, link_prefix: &str) -> String {
    let mut out = String::new();
    let name = &brief.assignee;
    let _ = writeln!(out, "# For {name} ({})\n", brief.date);
    let n = brief.tasks.len();
    if n == 0 {
        let _ = writeln!(out, "Nothing open is waiting on {name}.");
        return out;
    }
    let _ = writeln!(
        out,
        "{n} open {} I am counting on you for, soonest deadline first.",
        if n == 1 { "task" } else { "tasks" }
    );
    for task in &brief.tasks {
        let title = if task.description.is_empty() {
            "(no description)"
        } else {
            task.description
        };
        let _ = write!(out, "\n## {title}\n\n");
        match task.due {
            Some(due) if due < brief.date => {
                let _ = writeln!(out, "- Deadline: {due} (passed)");
            }
            Some(due) => {
                let _ = writeln!(out, "- Deadline: {due}");
            }
            None => out.push_str("- Deadline: none yet — when can it be done?\n"),
        }
        let now = |next| if next <= brief.date { " (due now)" } else { "" };
        match (task.next_checkin, task.checkin) {
            (Some(next), Some(cadence)) => {
                let _ = writeln!(out, "- Next check-in: {next}{}, then {cadence}", now(next));
            }
            (Some(next), None) => {
                let _ = writeln!(out, "- Next check-in: {next}{}", now(next));
            }
            (None, _) => out.push_str("- Next check-in: none yet — when shall we talk?\n"),
        }
        if task.steps.is_empty() {
            out.push_str("- Steps: none written — the outcome is the task itself\n");
        } else {
            out.push_str("- Steps:\n");
            for step in &task.steps {
                let mark = if step.closed { 'x' } else { ' ' };
                let _ = writeln!(out, "  - [{mark}] {}", step.description);
            }
        }
        out.push_str("- Where: [");
        crate::digest::escape_link_text(&mut out, task.path);
        let _ = write!(out, ":{}]({link_prefix}", task.line);
        out.push_str(&crate::digest::link_target(task.path, task.line));
        out.push_str(")\n");
    }
    out
}
