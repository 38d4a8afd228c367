//! `ike list` as an aligned table (the default format).

use super::record::TaskRecord;
use super::style::{DIM, ERROR, WARNING, paint};
use crate::escape::display;
use chrono::NaiveDate;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// Columns: status, quadrant, due, priority, location, description (last, so it never
/// needs padding). With `explain`, each task's reasons follow it, indented.
pub fn render_table(
    tasks: &[TaskRecord<'_>],
    today: NaiveDate,
    explain: bool,
    color: bool,
) -> String {
    let mut out = String::new();
    if tasks.is_empty() {
        return out;
    }
    let locations: Vec<String> = tasks
        .iter()
        .map(|t| crate::model::located(&display(t.path), t.line, t.hash))
        .collect();
    // Display columns, not characters: a CJK character takes two.
    let width = locations
        .iter()
        .map(|l| l.width())
        .max()
        .unwrap_or(0)
        .max("LOCATION".len());
    let header = format!(
        "{:<3}  {:<9}  {:<10}  {:<7}  {:<width$}  {}",
        "", "QUADRANT", "DUE", "PRI", "LOCATION", "TASK"
    );
    let _ = writeln!(out, "{}", paint(header.trim_end(), DIM, color));
    for (t, location) in tasks.iter().zip(&locations) {
        let open = matches!(t.status, "todo" | "in_progress");
        let due = t.due.map_or_else(String::new, |d| d.to_string());
        let due_cell = format!("{due:<10}");
        let overdue = open && t.due.is_some_and(|d| d < today);
        let due_cell = if overdue {
            paint(&due_cell, ERROR, color)
        } else {
            due_cell
        };
        let pri = match t.priority.as_str() {
            "none" => "",
            p => p,
        };
        let pri_cell = format!("{pri:<7}");
        let high = matches!(pri, "high" | "highest");
        let pri_cell = if high {
            paint(&pri_cell, WARNING, color)
        } else {
            pri_cell
        };
        let quadrant = format!("{:<9}", t.quadrant.unwrap_or(""));
        let pad = " ".repeat(width.saturating_sub(location.width()));
        let loc_cell = paint(&format!("{location}{pad}"), DIM, color);
        let desc = if open {
            display(t.description).into_owned()
        } else {
            paint(&display(t.description), DIM, color)
        };
        let line = format!(
            "{}  {quadrant}  {due_cell}  {pri_cell}  {loc_cell}  {desc}",
            super::checkbox(t.status)
        );
        let _ = writeln!(out, "{}", line.trim_end());
        if explain {
            for reason in &t.reasons {
                let _ = writeln!(
                    out,
                    "     {}",
                    paint(&format!("· {}", display(reason)), DIM, color)
                );
            }
        }
    }
    out
}
