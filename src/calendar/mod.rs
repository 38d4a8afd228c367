//! Stage `calendar`: open tasks with a due or scheduled date, and the follow-ups of
//! delegated tasks, as an iCalendar file (RFC 5545) that calendar apps can subscribe to.
//!
//! Each note becomes a few owned [`Item`]s as soon as it is parsed ([`items`], which
//! classifies and filters as `ike list` does); [`render`] sorts them and writes the
//! calendar. Pure and deterministic: `today` gives `DTSTAMP`, no clock is read, the order
//! is total. One all-day `VEVENT` per entry (docs/decisions/0023-calendar-events.md), a
//! stable `UID` per task ([`uid`]). See `docs/calendar.md`.

mod ics;
mod uid;

pub(crate) use uid::task_key;

use crate::classify::{ClassifySettings, Dependencies, Quadrant, classify_among};
use crate::filter::TaskFilter;
use crate::model::Document;
use chrono::{Days, NaiveDate};
use std::cmp::Ordering;

/// What an entry stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    /// The task's own date: its due date, else its scheduled date.
    Task,
    /// The follow-up date of a delegated task.
    FollowUp,
}

/// One calendar entry, owning its texts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    /// The all-day date it falls on.
    pub date: NaiveDate,
    /// Task date or follow-up.
    pub kind: Kind,
    /// Root-relative path, `/`-separated.
    pub path: String,
    /// 1-based line of the checkbox.
    pub line: usize,
    /// The task's text without metadata.
    pub description: String,
    /// The task's cell of the matrix.
    pub quadrant: Quadrant,
    /// Due date.
    pub due: Option<NaiveDate>,
    /// Scheduled date.
    pub scheduled: Option<NaiveDate>,
    /// Follow-up date.
    pub followup: Option<NaiveDate>,
    /// Who it is delegated to (without `@`), for delegated tasks.
    pub assignee: Option<String>,
    /// The task's key for its UID ([`task_key`]).
    pub key: String,
}

/// The calendar entries of one note on `today`: every open task that passes `filter` and
/// has a due or scheduled date, and every delegated open task's follow-up. `deps` is the
/// vault's dependency index (blocked tasks are in no quadrant's Do).
pub(crate) fn items(
    doc: &Document,
    today: NaiveDate,
    classify: &ClassifySettings,
    deps: &Dependencies,
    filter: &TaskFilter,
) -> Vec<Item> {
    let mut out = Vec::new();
    for task in &doc.tasks {
        if !task.status.is_open() {
            continue;
        }
        let m = &task.meta;
        let own_date = m.due.or(m.scheduled);
        if own_date.is_none() && m.followup.is_none() {
            continue;
        }
        let c = classify_among(task, today, classify, deps, false);
        if !filter.matches(doc, task, &c) {
            continue;
        }
        let Some(quadrant) = c.quadrant else {
            continue;
        };
        let followup = m.followup.filter(|_| c.delegated);
        let item = |kind, date| Item {
            date,
            kind,
            path: doc.path.clone(),
            line: task.line(),
            description: task.description.to_string(),
            quadrant,
            due: m.due,
            scheduled: m.scheduled,
            followup: m.followup,
            assignee: m.assignee.clone().filter(|_| c.delegated),
            key: task_key(m.id.as_deref(), &doc.path, &task.description),
        };
        if let Some(date) = own_date {
            out.push(item(Kind::Task, date));
        }
        if let Some(date) = followup {
            out.push(item(Kind::FollowUp, date));
        }
    }
    out
}

/// Entries by date, then path, line and kind: a total order.
fn order(a: &Item, b: &Item) -> Ordering {
    a.date
        .cmp(&b.date)
        .then_with(|| a.path.cmp(&b.path))
        .then(a.line.cmp(&b.line))
        .then(a.kind.cmp(&b.kind))
}

/// The calendar with `items` (in any order), stamped with `today`. Lines end with CRLF.
pub(crate) fn render(mut items: Vec<Item>, today: NaiveDate) -> String {
    // Tasks that share a key (a duplicated id, the same text twice in a note) are told
    // apart by their place: the first by path and line keeps the plain UID.
    items.sort_by(|a, b| {
        a.key
            .cmp(&b.key)
            .then_with(|| a.path.cmp(&b.path))
            .then(a.line.cmp(&b.line))
            .then(a.kind.cmp(&b.kind))
    });
    let mut uids = Vec::with_capacity(items.len());
    let mut nth = 0;
    for (i, item) in items.iter().enumerate() {
        let same_task = i > 0 && {
            let prev = &items[i - 1];
            prev.key == item.key && prev.path == item.path && prev.line == item.line
        };
        let same_key = i > 0 && items[i - 1].key == item.key;
        nth = match (same_key, same_task) {
            (false, _) => 1,
            (true, true) => nth,
            (true, false) => nth + 1,
        };
        let kind = match item.kind {
            Kind::Task => "",
            Kind::FollowUp => "-followup",
        };
        uids.push(uid::uid(&item.key, kind, nth));
    }
    let mut entries: Vec<(Item, String)> = items.into_iter().zip(uids).collect();
    entries.sort_by(|a, b| order(&a.0, &b.0));

    let mut out = String::with_capacity(256 + entries.len() * 400);
    for (name, value) in [
        ("BEGIN", "VCALENDAR"),
        // PRODID second: it is the marker that says the file is ike's own.
        ("PRODID", "-//ike//ike calendar//EN"),
        ("VERSION", "2.0"),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
        ("X-WR-CALNAME", "ike tasks"),
    ] {
        ics::line(&mut out, name, value);
    }
    for (item, uid) in &entries {
        event(&mut out, item, uid, today);
    }
    ics::line(&mut out, "END", "VCALENDAR");
    out
}

/// One all-day event.
fn event(out: &mut String, item: &Item, uid: &str, today: NaiveDate) {
    let day = |d: NaiveDate| d.format("%Y%m%d").to_string();
    let next = item
        .date
        .checked_add_days(Days::new(1))
        .unwrap_or(item.date);
    let description = if item.description.is_empty() {
        "(no description)"
    } else {
        item.description.as_str()
    };
    let summary = match (item.kind, &item.assignee) {
        (Kind::FollowUp, Some(who)) => {
            format!(
                "[{}] Follow up with @{who}: {description}",
                item.quadrant.title()
            )
        }
        (Kind::FollowUp, None) => format!("[{}] Follow up: {description}", item.quadrant.title()),
        (Kind::Task, _) => {
            let what = match item.due {
                Some(due) if due == item.date && due < today => "due, overdue",
                Some(due) if due == item.date => "due",
                _ => "scheduled",
            };
            format!("[{}] {description} ({what})", item.quadrant.title())
        }
    };
    let mut details = format!("Quadrant: {}\n", item.quadrant.title());
    for (label, date) in [
        ("Due", item.due),
        ("Scheduled", item.scheduled),
        ("Follow-up", item.followup),
    ] {
        if let Some(d) = date {
            details.push_str(&format!("{label}: {d}\n"));
        }
    }
    if let Some(who) = &item.assignee {
        details.push_str(&format!("Delegated to: @{who}\n"));
    }
    details.push_str(&format!("Source: {}:{}", item.path, item.line));

    ics::line(out, "BEGIN", "VEVENT");
    ics::text_line(out, "UID", uid);
    ics::line(out, "DTSTAMP", &format!("{}T000000Z", day(today)));
    ics::line(out, "DTSTART;VALUE=DATE", &day(item.date));
    ics::line(out, "DTEND;VALUE=DATE", &day(next));
    ics::text_line(out, "SUMMARY", &summary);
    ics::text_line(out, "DESCRIPTION", &details);
    ics::text_line(out, "CATEGORIES", item.quadrant.title());
    ics::line(out, "TRANSP", "TRANSPARENT");
    if item.kind == Kind::FollowUp {
        ics::line(out, "BEGIN", "VALARM");
        ics::line(out, "ACTION", "DISPLAY");
        ics::text_line(out, "DESCRIPTION", &summary);
        // Nine in the morning of the follow-up day (an all-day event starts at midnight).
        ics::line(out, "TRIGGER;RELATED=START", "PT9H");
        ics::line(out, "END", "VALARM");
    }
    ics::line(out, "END", "VEVENT");
}

#[cfg(test)]
mod tests;
