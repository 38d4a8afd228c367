//! `ike list --format json` and `ndjson`.

use super::record::TaskRecord;
use crate::problem::Problem;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Serialize)]
struct ListJson<'a> {
    today: NaiveDate,
    tasks: &'a [TaskRecord<'a>],
    problems: &'a [Problem],
}

/// The whole list as one pretty-printed JSON object, with a final newline.
pub fn render_json(today: NaiveDate, tasks: &[TaskRecord<'_>], problems: &[Problem]) -> String {
    let mut out = serde_json::to_string_pretty(&ListJson {
        today,
        tasks,
        problems,
    })
    .unwrap_or_default();
    out.push('\n');
    out
}

/// One compact JSON task object per line.
pub fn render_ndjson(tasks: &[TaskRecord<'_>]) -> String {
    let mut out = String::new();
    for task in tasks {
        out.push_str(&serde_json::to_string(task).unwrap_or_default());
        out.push('\n');
    }
    out
}
