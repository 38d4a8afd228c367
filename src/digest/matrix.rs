//! The Eisenhower matrix on the terminal (`ike matrix`): a 2×2 grid with the count and the
//! top tasks of each quadrant, fitted to a width, coloured only when asked.

use super::Digest;
use crate::classify::Quadrant;
use anstyle::{AnsiColor, Style};
use std::fmt::Write as _;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Narrowest grid drawn; a smaller width is widened to this.
pub(super) const MIN_WIDTH: usize = 30;

/// The matrix, `width` columns wide (at least 30), each line ending in a newline, with
/// the first `limit` tasks of each quadrant (as many as the digest holds when 0). ANSI
/// colour only when `color` is true.
pub fn render_matrix(digest: &Digest, color: bool, width: usize, limit: usize) -> String {
    let width = width.max(MIN_WIDTH);
    let top = match limit {
        0 => Quadrant::ALL
            .iter()
            .map(|q| digest.quadrant(*q).len())
            .max()
            .unwrap_or(0),
        n => n,
    };
    let left = (width - 3) / 2;
    let right = width - 3 - left;
    let c = &digest.counts;
    let mut out = String::new();
    let title = format!(
        "Eisenhower matrix {}: {} open, {} waiting on others, {} not startable yet",
        digest.date, c.open, c.waiting_on, c.not_startable
    );
    let _ = writeln!(out, "{}", fit(&title, width));
    let _ = writeln!(
        out,
        "┌{}┬{}┐",
        labelled_rule("urgent", left),
        labelled_rule("not urgent", right)
    );
    let rows = [
        (Quadrant::Do, Quadrant::Schedule, "important"),
        (Quadrant::Delegate, Quadrant::Eliminate, "not important"),
    ];
    for (i, (a, b, axis)) in rows.into_iter().enumerate() {
        if i > 0 {
            let _ = writeln!(out, "├{}┼{}┤", "─".repeat(left), "─".repeat(right));
        }
        let cell_a = cell(digest, a, axis, left - 2, top);
        let cell_b = cell(digest, b, axis, right - 2, top);
        let height = cell_a.len().max(cell_b.len());
        let (mut cell_a, mut cell_b) = (cell_a, cell_b);
        cell_a.resize_with(height, || Line::new("", Style::new()));
        cell_b.resize_with(height, || Line::new("", Style::new()));
        for (la, lb) in cell_a.iter().zip(&cell_b) {
            let _ = writeln!(
                out,
                "│ {} │ {} │",
                la.render(left - 2, color),
                lb.render(right - 2, color)
            );
        }
    }
    let _ = writeln!(out, "└{}┴{}┘", "─".repeat(left), "─".repeat(right));
    out
}

/// One line of a cell: text and how to style it.
struct Line {
    text: String,
    style: Style,
}

impl Line {
    fn new(text: impl Into<String>, style: Style) -> Self {
        Self {
            text: text.into(),
            style,
        }
    }

    /// The text fitted and padded to exactly `width` columns, styled when `color`.
    fn render(&self, width: usize, color: bool) -> String {
        let text = fit(&self.text, width);
        let pad = " ".repeat(width.saturating_sub(text.width()));
        if color && !text.is_empty() {
            format!(
                "{}{text}{}{pad}",
                self.style.render(),
                self.style.render_reset()
            )
        } else {
            format!("{text}{pad}")
        }
    }
}

/// The lines of one quadrant's cell, `width` columns inside: header, the `top` tasks
/// (each with its due date first, so that a cut keeps it; overdue marked), then how many
/// more. The header drops its axis label when it would not fit.
fn cell(digest: &Digest, q: Quadrant, axis: &str, width: usize, top: usize) -> Vec<Line> {
    let entries = digest.quadrant(q);
    let total = digest.counts.quadrant(q);
    let dim = Style::new().dimmed();
    let short = format!("{} ({total})", q.title());
    let long = format!("{short} · {axis}");
    let header = if long.width() <= width { long } else { short };
    let mut lines = vec![Line::new(
        header,
        Style::new().bold().fg_color(Some(colour(q).into())),
    )];
    if entries.is_empty() {
        lines.push(Line::new("  nothing here", dim));
    }
    let overdue = Style::new().fg_color(Some(AnsiColor::Red.into()));
    for e in entries.iter().take(top) {
        let (text, style) = match e.due {
            Some(due) if due < digest.date => (
                format!(
                    "• {} overdue · {}",
                    short_date(due, digest.date),
                    crate::escape::display(e.description)
                ),
                overdue,
            ),
            Some(due) => (
                format!(
                    "• {} · {}",
                    short_date(due, digest.date),
                    crate::escape::display(e.description)
                ),
                Style::new(),
            ),
            None => (
                format!("• {}", crate::escape::display(e.description)),
                Style::new(),
            ),
        };
        lines.push(Line::new(text, style));
    }
    let shown = entries.len().min(top);
    if total > shown {
        lines.push(Line::new(format!("  + {} more", total - shown), dim));
    }
    // Every cell of a grid has the same height: header, `top` tasks and the "more" line.
    lines.resize_with(top + 2, || Line::new("", Style::new()));
    lines
}

/// `11-20` for a date in the year of `today`, else `2027-01-05`.
fn short_date(date: chrono::NaiveDate, today: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    if date.year() == today.year() {
        date.format("%m-%d").to_string()
    } else {
        date.to_string()
    }
}

fn colour(q: Quadrant) -> AnsiColor {
    match q {
        Quadrant::Do => AnsiColor::Red,
        Quadrant::Schedule => AnsiColor::Blue,
        Quadrant::Delegate => AnsiColor::Yellow,
        Quadrant::Eliminate => AnsiColor::BrightBlack,
    }
}

/// `─ label ───…` exactly `width` columns wide.
fn labelled_rule(label: &str, width: usize) -> String {
    let label = fit(&format!("─ {label} "), width);
    let fill = width.saturating_sub(label.width());
    format!("{label}{}", "─".repeat(fill))
}

/// `text` on one line, control characters blanked (no escape sequences from the notes
/// reach the terminal), cut to `width` columns with an ellipsis.
fn fit(text: &str, width: usize) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.width() <= width {
        return clean;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in clean.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_fit(text: &str, width: usize, expected: &str) {
        let got = fit(text, width);
        assert_eq!(got, expected);
        assert!(got.width() <= width, "{got:?} wider than {width}");
    }

    #[test]
    fn fit_cuts_by_display_width() {
        check_fit("short", 10, "short");
        check_fit("exactly10!", 10, "exactly10!");
        check_fit("a bit too long", 10, "a bit too…");
        check_fit("日本語のタスク", 7, "日本語…");
        check_fit("日本語のタスク", 8, "日本語…");
        check_fit("esc\u{1b}[31mred", 20, "esc [31mred");
        check_fit("abc", 0, "");
    }

    #[test]
    fn rule_has_exact_width() {
        assert_eq!(labelled_rule("urgent", 12), "─ urgent ───");
        assert_eq!(labelled_rule("not urgent", 8).width(), 8);
    }
}
