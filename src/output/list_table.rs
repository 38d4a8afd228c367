//! `ike list` as an aligned table (the default format).

use super::record::TaskRecord;
use super::style::{DIM, ERROR, WARNING, paint};
use crate::escape::{display, is_printable_ascii};
use anstyle::Style;
use chrono::NaiveDate;
use rayon::prelude::*;
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
    let width = tasks
        .par_iter()
        .map(|t| location_width(t.path, t.line, t.hash))
        .max()
        .unwrap_or(0);
    out.push_str(&header(width, color));
    let style = RowStyle {
        width,
        today,
        explain,
        color,
    };
    let _ = write_rows::<std::convert::Infallible, _>(
        tasks.len(),
        &|i| &tasks[i],
        &style,
        &mut |text| {
            out.push_str(text);
            Ok(())
        },
    );
    out
}

/// The display width of a row's location (`PATH:LINE#HASH`), the one column padded to
/// the widest of its table. It needs only the task, not its record, so a first pass
/// over the tasks can find the column's width before any row is rendered.
pub fn location_width(path: &str, line: usize, hash: crate::model::TextHash) -> usize {
    if is_printable_ascii(path) {
        // The whole location is then printable ASCII, one column a byte: its width is
        // counted without writing it (a table of many rows measures every one).
        return path.len() + 1 + decimal_digits(line) + 1 + crate::model::TextHash::SHOWN_LEN;
    }
    // Display columns, not characters: a CJK character takes two.
    crate::model::located(&display(path), line, hash).width()
}

/// The display width of an already written location: its length when it is printable
/// ASCII (as nearly every path is), else its Unicode width.
fn shown_width(location: &str) -> usize {
    if is_printable_ascii(location) {
        location.len()
    } else {
        location.width()
    }
}

/// How many digits `n` takes in decimal.
fn decimal_digits(mut n: usize) -> usize {
    let mut digits = 1;
    while n >= 10 {
        n /= 10;
        digits += 1;
    }
    digits
}

/// The header line of a table whose widest location is `width` columns wide.
pub fn header(width: usize, color: bool) -> String {
    let width = width.max("LOCATION".len());
    let header = format!(
        "{:<3}  {:<9}  {:<10}  {:<7}  {:<width$}  {}",
        "", "QUADRANT", "DUE", "PRI", "LOCATION", "TASK"
    );
    format!("{}\n", paint(header.trim_end(), DIM, color))
}

/// How rows are drawn: the location column's width (the widest location of the whole
/// table), the day overdue dates are measured against, reasons or not, colour or not.
pub struct RowStyle {
    /// The widest location of the table, in display columns (see [`location_width`]).
    pub width: usize,
    /// Due dates before this day are overdue.
    pub today: NaiveDate,
    /// Each row's reasons follow it.
    pub explain: bool,
    /// ANSI colours.
    pub color: bool,
}

/// Rows `0..n` of a table, `record(i)` giving row `i`, rendered block by block (each block
/// on all cores) and handed to `write` in order; `write`'s first error stops it.
pub fn write_rows<'a, E, R>(
    n: usize,
    record: &(dyn Fn(usize) -> R + Sync),
    style: &RowStyle,
    write: &mut dyn FnMut(&str) -> Result<(), E>,
) -> Result<(), E>
where
    R: std::borrow::Borrow<TaskRecord<'a>>,
{
    let width = style.width.max("LOCATION".len());
    let render = |rows: std::ops::Range<usize>| {
        let mut out = String::new();
        let mut buffers = (String::new(), String::new());
        // Each row's location is written into one reused buffer.
        let mut location = String::new();
        for i in rows {
            let r = record(i);
            let t = r.borrow();
            location.clear();
            crate::model::push_located(&mut location, &display(t.path), t.line, t.hash);
            let cells = Cells {
                pad: width.saturating_sub(shown_width(&location)),
                location: &location,
            };
            row(&mut out, &mut buffers, t, &cells, style);
        }
        out
    };
    super::blocks::write_in_blocks(n, &render, write)
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
    style: &RowStyle,
) {
    let (today, explain, color) = (style.today, style.explain, style.color);
    let location = cells.location;
    let open = matches!(t.status, "todo" | "in_progress");
    line.clear();
    line.push_str(super::checkbox(t.status));
    line.push_str("  ");
    pad(line, t.quadrant.unwrap_or(""), 9);
    line.push_str("  ");
    cell.clear();
    if let Some(d) = t.due {
        super::iso_date::push_iso_date(cell, d);
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

    /// The width counted without writing the location is the width of the location
    /// written, for every kind of path and line number.
    #[test]
    fn location_width_is_the_written_width() {
        let hash = crate::model::TextHash::from_bits(0x0a_bc_de).unwrap();
        let zero = crate::model::TextHash::from_bits(0).unwrap();
        let cases = [
            ("inbox.md", 1),
            ("a/b c.md", 9),
            ("notes/2026/week.md", 10),
            ("deep/er/path-with~tilde.md", 123_456),
            ("", 0),
            ("日本語/メモ.md", 42),
            ("emoji/👩\u{200d}💻.md", 7),
            ("bell\u{7}and\ttab.md", 3),
            ("del\u{7f}.md", 100),
            ("rtl/\u{202e}dm.txt", 5),
            ("e\u{301}toile.md", 99),
        ];
        for (path, line) in cases {
            for h in [hash, zero] {
                let written = crate::model::located(&display(path), line, h);
                assert_eq!(
                    location_width(path, line, h),
                    written.width(),
                    "{path:?}:{line}"
                );
                assert_eq!(shown_width(&written), written.width(), "{path:?}:{line}");
            }
        }
    }

    #[test]
    fn decimal_digits_count() {
        for (n, want) in [(0, 1), (9, 1), (10, 2), (99, 2), (100, 3), (usize::MAX, 20)] {
            assert_eq!(decimal_digits(n), want, "{n}");
            assert_eq!(n.to_string().len(), want, "{n}");
        }
    }

    /// Rows rendered on several cores come back whole and in order.
    #[test]
    fn rows_of_many_chunks_stay_in_order() {
        let n = 2 * super::super::blocks::ROWS_PER_CHUNK + 5;
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
