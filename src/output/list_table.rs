//! `ike list` as an aligned table (the default format).

use super::record::TaskRecord;
use super::style::{DIM, ERROR, WARNING, paint};
use chrono::NaiveDate;
use std::fmt::Write;

fn glyph(status: &str) -> &'static str {
    match status {
        "done" => "[x]",
        "in_progress" => "[/]",
        "cancelled" => "[-]",
        "todo" => "[ ]",
        _ => "[?]",
    }
}

/// Columns: status, due, priority, location, description (last, so it never needs padding).
pub fn render_table(tasks: &[TaskRecord<'_>], today: NaiveDate, color: bool) -> String {
    let locations: Vec<String> = tasks
        .iter()
        .map(|t| format!("{}:{}", t.path, t.line))
        .collect();
    let width = locations
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
        .max("LOCATION".len());
    let mut out = String::new();
    if tasks.is_empty() {
        return out;
    }
    let header = format!(
        "{:<3}  {:<10}  {:<7}  {:<width$}  {}",
        "", "DUE", "PRI", "LOCATION", "TASK"
    );
    let _ = writeln!(out, "{}", paint(header.trim_end(), DIM, color));
    for (t, location) in tasks.iter().zip(&locations) {
        let open = matches!(t.status, "todo" | "in_progress");
        let due = t.due.map_or_else(String::new, |d| d.to_string());
        let due_cell = format!("{due:<10}");
        let due_cell = if open && t.due.is_some_and(|d| d < today) {
            paint(&due_cell, ERROR, color)
        } else {
            due_cell
        };
        let pri = t.priority.as_str();
        let pri = if pri == "none" { "" } else { pri };
        let pri_cell = format!("{pri:<7}");
        let pri_cell = if matches!(pri, "high" | "highest") {
            paint(&pri_cell, WARNING, color)
        } else {
            pri_cell
        };
        let loc_cell = paint(&format!("{location:<width$}"), DIM, color);
        let desc = if open {
            t.description.to_owned()
        } else {
            paint(t.description, DIM, color)
        };
        let line = format!(
            "{}  {}  {}  {}  {}",
            glyph(t.status),
            due_cell,
            pri_cell,
            loc_cell,
            desc
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}
