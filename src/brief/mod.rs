//! `ike brief NAME`: one person's open delegated tasks as a message to send them — each
//! task's description, its sub-items as steps, deadline, next check-in, and a link to it
//! (docs/classification.md, "Delegating well"). [`build`] is pure; [`render_markdown`] and
//! the JSON serialization turn the result into text.

mod markdown;

pub(crate) use markdown::render_markdown;

use crate::classify::{BriefGaps, ClassifySettings, brief_gaps, classify_quiet, has_steps, steps};
use crate::digest::entry_date as date;
use crate::model::{Cadence, Document};
use chrono::NaiveDate;
use serde::Serialize;

/// One person's brief.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Brief<'a> {
    /// The day it is for.
    #[serde(serialize_with = "date")]
    pub date: NaiveDate,
    /// The person: their name as the tasks write it (the first spelling in sort order),
    /// or as asked for when nothing waits on them.
    pub assignee: String,
    /// Their open delegated tasks: by due date (none last), then path and line.
    pub tasks: Vec<BriefTask<'a>>,
}

/// One task of a brief.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct BriefTask<'a> {
    /// Path relative to the root, `/`-separated.
    pub path: &'a str,
    /// 1-based line of the checkbox.
    pub line: usize,
    /// The task's text without metadata.
    pub description: &'a str,
    /// The deadline.
    #[serde(serialize_with = "crate::digest::entry_optional_date")]
    pub due: Option<NaiveDate>,
    /// The check-in cadence.
    pub checkin: Option<Cadence>,
    /// The next check-in.
    #[serde(serialize_with = "crate::digest::entry_optional_date")]
    pub next_checkin: Option<NaiveDate>,
    /// The sub-items, in order.
    pub steps: Vec<Step<'a>>,
    /// What the brief lacks.
    pub brief_gaps: BriefGaps,
}

/// A sub-item of a task.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Step<'a> {
    /// 1-based line.
    pub line: usize,
    /// Its text without metadata.
    pub description: &'a str,
    /// Done or cancelled.
    pub closed: bool,
}

/// True when the assignee `assignee` is the person `name`: the one comparison of people
/// ike makes everywhere.
fn same_person(assignee: &str, name: &str) -> bool {
    crate::people::same_name(assignee, name)
}

/// The brief for `name` on `today`: the open tasks delegated to them.
pub(crate) fn build<'a>(
    docs: &'a [Document],
    name: &str,
    today: NaiveDate,
    cs: &ClassifySettings,
) -> Brief<'a> {
    let mut tasks = Vec::new();
    let mut spelling: Option<&str> = None;
    for doc in docs {
        for (i, task) in doc.tasks.iter().enumerate() {
            let Some(assignee) = task.meta.assignee.as_deref() else {
                continue;
            };
            if !same_person(assignee, name) {
                continue;
            }
            let c = classify_quiet(task, today, cs);
            if !c.delegated || c.quadrant.is_none() {
                continue;
            }
            let written = assignee.trim().trim_start_matches('@');
            spelling = Some(spelling.map_or(written, |s| s.min(written)));
            tasks.push(BriefTask {
                path: &doc.path,
                line: task.line(),
                description: &task.description,
                due: task.meta.due,
                checkin: task.meta.checkin,
                next_checkin: c.next_checkin,
                steps: steps(doc, i)
                    .map(|s| Step {
                        line: s.line(),
                        description: &s.description,
                        closed: !s.status.is_open(),
                    })
                    .collect(),
                brief_gaps: brief_gaps(&task.meta, &task.description, has_steps(doc, i), cs),
            });
        }
    }
    tasks.sort_by(|a, b| {
        crate::digest::dates_none_last(a.due, b.due)
            .then_with(|| a.path.cmp(b.path))
            .then(a.line.cmp(&b.line))
    });
    Brief {
        date: today,
        assignee: spelling
            .unwrap_or_else(|| name.trim().trim_start_matches('@'))
            .to_owned(),
        tasks,
    }
}

#[cfg(test)]
mod tests;
