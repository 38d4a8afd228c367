//! `ike list` as an aligned table (the default format).

use super::record::TaskRecord;
use super::style::{DIM, ERROR, WARNING, paint};
use crate::escape::display;
use anstyle::Style;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// Rows rendered together on one core.
const ROWS_PER_CHUNK: usize = 2048;

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
        .par_iter()
        .map(|t| crate::model::located(&display(t.path), t.line, t.hash))
        .collect();
    // Display columns, not characters: a CJK character takes two.
    let widths: Vec<usize> = locations.par_iter().map(|l| l.width()).collect();
    let width = widths
        .iter()
        .copied()
        .max()
        .unwrap_or(0)
        .max("LOCATION".len());
    let header = format!(
        "{:<3}  {:<9}  {:<10}  {:<7}  {:<width$}  {}",
        "", "QUADRANT", "DUE", "PRI", "LOCATION", "TASK"
    );
    let _ = writeln!(out, "{}", paint(header.trim_end(), DIM, color));
    // Rows in chunks on all cores, each chunk's lines in reused buffers: a query may print
    // tens of thousands of rows.
    let rows: Vec<(&TaskRecord<'_>, (&String, &usize))> =
        tasks.iter().zip(locations.iter().zip(&widths)).collect();
    let chunks: Vec<String> = rows
        .par_chunks(ROWS_PER_CHUNK)
        .map(|chunk| {
            let mut out = String::new();
            let mut buffers = (String::new(), String::new());
            for &(t, (location, loc_width)) in chunk {
                let cells = Cells {
                    location,
                    pad: width.saturating_sub(*loc_width),
                };
                row(&mut out, &mut buffers, t, &cells, today, explain, color);
            }
            out
        })
        .collect();
    for chunk in chunks {
        out.push_str(&chunk);
    }
    out
}

/// A row's location and the spaces that pad it to the column's width.
struct Cells<'l> {
    location: &'l str,
    pad: usize,
}

/// One task's line (and its reasons with `explain`), written with the two reused buffers.
fn row(
    out: &mut String,
    (line, cell): &mut (String, String),
    t: &TaskRecord<'_>,
    cells: &Cells<'_>,
    today: NaiveDate,
    explain: bool,
    color: bool,
) {
    let location = cells.location;
    let open = matches!(t.status, "todo" | "in_progress");
    line.clear();
    line.push_str(super::checkbox(t.status));
    line.push_str("  ");
    pad(line, t.quadrant.unwrap_or(""), 9);
    line.push_str("  ");
    cell.clear();
    if let Some(d) = t.due {
        let _ = write!(cell, "{d}");
    }
    fill(cell, 10);
    let overdue = open && t.due.is_some_and(|d| d < today);
    paint_into(line, cell, ERROR, color && overdue);
    line.push_str("  ");
    let pri = match t.priority.as_str() {
        "none" => "",
        p => p,
    };
    cell.clear();
    pad(cell, pri, 7);
    paint_into(
        line,
        cell,
        WARNING,
        color && matches!(pri, "high" | "highest"),
    );
    line.push_str("  ");
    cell.clear();
    cell.push_str(location);
    cell.extend(std::iter::repeat_n(' ', cells.pad));
    paint_into(line, cell, DIM, color);
    line.push_str("  ");
    paint_into(line, &display(t.description), DIM, color && !open);
    out.push_str(line.trim_end());
    out.push('\n');
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

/// `text` then spaces up to `chars` characters (as `{:<chars}` pads).
fn pad(out: &mut String, text: &str, chars: usize) {
    out.push_str(text);
    let n = text.chars().count();
    out.extend(std::iter::repeat_n(' ', chars.saturating_sub(n)));
}

/// Spaces after `cell`'s text up to `chars` characters.
fn fill(cell: &mut String, chars: usize) {
    let n = cell.chars().count();
    cell.extend(std::iter::repeat_n(' ', chars.saturating_sub(n)));
}

/// `text` in `style` when `color`, else plain: [`paint`] written into `out`.
fn paint_into(out: &mut String, text: &str, style: Style, color: bool) {
    if color {
        let _ = write!(out, "{style}{text}{style:#}");
    } else {
        out.push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::{ClassifySettings, Dependencies, classify_among};
    use crate::parse::{ParseOptions, parse_document};

    /// Rows rendered on several cores come back whole and in order.
    #[test]
    fn rows_of_many_chunks_stay_in_order() {
        let n = 2 * ROWS_PER_CHUNK + 5;
        let text: String = (0..n)
            .map(|i| format!("- [ ] task {i} 📅 2026-11-{:02}\n", 1 + i % 28))
            .collect();
        let doc = parse_document("n.md", text.as_bytes(), &ParseOptions::default());
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let (cs, deps) = (ClassifySettings::default(), Dependencies::default());
        let classes: Vec<_> = doc
            .tasks
            .iter()
            .map(|t| classify_among(t, today, &cs, &deps, false))
            .collect();
        let records: Vec<TaskRecord<'_>> = doc
            .tasks
            .iter()
            .zip(&classes)
            .map(|(t, c)| TaskRecord::new(&doc, t, c, &cs))
            .collect();
        let table = render_table(&records, today, false, false);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), n + 1, "a header, then one line per task");
        for (i, line) in lines[1..].iter().enumerate() {
            let location = format!("n.md:{}#", i + 1);
            assert!(line.contains(&location), "line {i}: {line}");
            assert!(line.ends_with(&format!("task {i}")), "line {i}: {line}");
        }
    }
}
