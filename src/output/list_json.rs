//! `ike list --format json` and `ndjson`.

use super::pretty_json::push_pretty_at;
use super::record::TaskRecord;
use crate::problem::Problem;
use chrono::NaiveDate;
#[cfg(test)]
use serde::Serialize;

/// The whole list in one piece: the reference the streamed pieces are tested against.
#[cfg(test)]
#[derive(Serialize)]
struct ListJson<'a> {
    today: NaiveDate,
    tasks: &'a [TaskRecord<'a>],
    problems: &'a [Problem],
}

/// The whole list as one pretty-printed JSON object, with a final newline (the
/// reference for [`json_head`], [`push_json_task`] and [`json_tail`]).
#[cfg(test)]
fn render_json(today: NaiveDate, tasks: &[TaskRecord<'_>], problems: &[Problem]) -> String {
    let mut out = serde_json::to_string_pretty(&ListJson {
        today,
        tasks,
        problems,
    })
    .unwrap_or_default();
    out.push('\n');
    out
}

/// One compact JSON task object per line (the reference for [`push_ndjson`]).
#[cfg(test)]
fn render_ndjson(tasks: &[TaskRecord<'_>]) -> String {
    let mut out = String::new();
    for task in tasks {
        out.push_str(&serde_json::to_string(task).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// Append one compact JSON task object and a line break.
pub fn push_ndjson(out: &mut String, task: &TaskRecord<'_>) {
    out.push_str(&serde_json::to_string(task).unwrap_or_default());
    out.push('\n');
}

/// The start of [`render_json`]'s object, up to the first task (exclusive).
pub fn json_head(today: NaiveDate) -> String {
    format!("{{\n  \"today\": \"{today}\",\n  \"tasks\": [")
}

/// Append one task of [`render_json`]'s `tasks` array (after the head or a previous task).
pub fn push_json_task(out: &mut String, first: bool, task: &TaskRecord<'_>) {
    out.push_str(if first { "\n    " } else { ",\n    " });
    push_pretty_at(out, task, 2);
}

/// The end of [`render_json`]'s object, after the last task.
pub fn json_tail(any_task: bool, problems: &[Problem]) -> String {
    let mut out = String::from(if any_task { "\n  ],\n" } else { "],\n" });
    out.push_str("  \"problems\": ");
    push_pretty_at(&mut out, problems, 1);
    out.push_str("\n}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::classify;
    use crate::model::Document;
    use crate::parse::{ParseOptions, parse_document};

    #[test]
    fn streamed_pieces_equal_the_whole() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default();
        let src = "# H\n- [ ] a \"quoted\"\\n 📅 2026-11-22 #t\n  - [x] b\n- [?] c\n";
        let doc: Document = parse_document("a b.md", src.as_bytes(), &ParseOptions::default());
        let all: Vec<TaskRecord<'_>> = doc
            .tasks
            .iter()
            .map(|t| {
                TaskRecord::new(
                    &doc,
                    t,
                    &classify(t, today, &Default::default()),
                    &Default::default(),
                )
            })
            .collect();
        for n in [0, 1, all.len()] {
            let tasks = &all[..n];
            for problems in [&doc.problems[..], &[]] {
                let mut streamed = json_head(today);
                for (i, t) in tasks.iter().enumerate() {
                    push_json_task(&mut streamed, i == 0, t);
                }
                streamed.push_str(&json_tail(!tasks.is_empty(), problems));
                assert_eq!(streamed, render_json(today, tasks, problems), "{n} tasks");
            }
            let mut nd = String::new();
            for t in tasks {
                push_ndjson(&mut nd, t);
            }
            assert_eq!(nd, render_ndjson(tasks));
        }
    }
}
