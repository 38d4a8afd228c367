//! `ike check`'s lints across the whole vault (§6), beyond what parsing already reports:
//! duplicate ids, dependencies on unknown ids, delegated tasks without a follow-up,
//! recurring tasks without a date. Pure: a vault in, problems out.

use crate::fix::recurrence::Rule;
use crate::model::{Document, Task, Vault};
use crate::problem::Problem;
use std::collections::BTreeMap;

/// Cross-file lints. `me` is the user's own assignee name (tasks for others are delegated).
pub fn lint(vault: &Vault, me: Option<&str>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut ids: BTreeMap<&str, Vec<(&Document, &Task)>> = BTreeMap::new();
    for (doc, task) in vault.tasks() {
        if let Some(id) = task.meta.id.as_deref() {
            ids.entry(id).or_default().push((doc, task));
        }
    }
    for (id, places) in &ids {
        if let [(first_doc, first), rest @ ..] = places.as_slice() {
            for (doc, task) in rest {
                problems.push(at(
                    doc,
                    task,
                    Problem::error(
                        "duplicate-id",
                        0,
                        0,
                        format!("duplicate task id `{id}`, also used at {}:{}; give each task its own id", first_doc.path, first.line),
                    ),
                ));
            }
        }
    }
    for (doc, task) in vault.tasks() {
        let m = &task.meta;
        for dep in &m.depends_on {
            if !ids.contains_key(dep.as_str()) {
                problems.push(at(
                    doc,
                    task,
                    Problem::error(
                        "unknown-dependency",
                        0,
                        0,
                        format!("depends on unknown task id `{dep}`"),
                    ),
                ));
            }
        }
        if task.status.is_open() {
            if let Some(who) = m.assignee.as_deref() {
                if crate::people::delegated(Some(who), me) && m.followup.is_none() {
                    problems.push(at(
                        doc,
                        task,
                        Problem::warning(
                            "missing-followup",
                            0,
                            0,
                            format!("delegated to {who} without a follow-up date; add [followup:: YYYY-MM-DD]"),
                        ),
                    ));
                }
            }
            if let Some(problem) = m.recurrence.as_deref().and_then(|r| recurrence_problem(r, m)) {
                problems.push(at(doc, task, problem));
            }
            if m.recurrence.is_some()
                && m.due.is_none()
                && m.scheduled.is_none()
                && m.start.is_none()
            {
                problems.push(at(
                    doc,
                    task,
                    Problem::warning(
                        "recurrence-without-date",
                        0,
                        0,
                        "recurring task without a due, scheduled or start date; its next occurrence cannot be computed",
                    ),
                ));
            }
        }
    }
    problems
}

/// A rule ike cannot step, or one with no next date after the task's reference date:
/// once the task is ticked, `ike fix` could not create its next occurrence.
fn recurrence_problem(rule: &str, m: &crate::model::Metadata) -> Option<Problem> {
    match Rule::parse(rule) {
        Err(message) => Some(Problem::error("unknown-recurrence", 0, 0, message)),
        Ok(parsed) => {
            let reference = m.due.or(m.scheduled).or(m.start)?;
            parsed.next(reference).is_none().then(|| {
                Problem::error(
                    "recurrence-out-of-range",
                    0,
                    0,
                    format!("recurrence `{}` has no next date after {reference}; fix the rule", rule.trim()),
                )
            })
        }
    }
}

fn at(doc: &Document, task: &Task, mut p: Problem) -> Problem {
    p.line = task.line;
    p.column = task.column;
    p.at_path(&doc.path)
}
