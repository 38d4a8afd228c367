//! `ike query --format md`: each task as a plain bullet (never a checkbox, as in
//! `ike list --format md`) with the parts of the task the query's `hide`/`show` lines and
//! `short mode` leave visible (docs/query.md, "Limits, layout, explain").

use super::list_markdown::source_link;
use super::record::TaskRecord;
use crate::model::Priority;
use std::fmt::Write;

/// The tasks as `- **status** description — part · part (link)` lines. `shows(part)`
/// answers for a part name of the query language (`due date`, `priority`, `backlink`…);
/// `short` leaves out every part but the link.
pub(crate) fn render(
    tasks: &[TaskRecord<'_>],
    shows: &dyn Fn(&str) -> bool,
    short: bool,
) -> String {
    let mut out = String::new();
    for t in tasks {
        let parts = if short { Vec::new() } else { parts(t, shows) };
        let parts = if parts.is_empty() {
            String::new()
        } else {
            format!(" — {}", parts.join(" · "))
        };
        let link = if shows("backlink") {
            format!(" ({})", source_link(t.path, t.line, t.hash))
        } else {
            String::new()
        };
        let description = if shows("tags") {
            t.description.to_owned()
        } else {
            without_tags(t.description)
        };
        let _ = writeln!(
            out,
            "- **{}** {}{parts}{link}",
            t.status,
            crate::escape::display(&description),
        );
    }
    out
}

/// The description without its `#tags` (ike keeps them in the description, where the
/// task's line has them).
fn without_tags(description: &str) -> String {
    description
        .split(' ')
        .filter(|word| !(word.len() > 1 && word.starts_with('#')))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The visible parts of one task, in the order the plugin writes them on a task line.
fn parts(t: &TaskRecord<'_>, shows: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut parts = Vec::new();
    let mut add = |part: &str, text: Option<String>| {
        if let Some(text) = text.filter(|_| shows(part)) {
            parts.push(crate::escape::display(&text).into_owned());
        }
    };
    add(
        "priority",
        (t.priority != Priority::None).then(|| format!("priority {}", t.priority.as_str())),
    );
    add("recurrence rule", t.recurrence.map(|r| format!("🔁 {r}")));
    add("created date", t.created.map(|d| format!("created {d}")));
    add("start date", t.start.map(|d| format!("starts {d}")));
    add(
        "scheduled date",
        t.scheduled.map(|d| format!("scheduled {d}")),
    );
    add("due date", t.due.map(|d| format!("due {d}")));
    add(
        "cancelled date",
        t.cancelled.map(|d| format!("cancelled {d}")),
    );
    add("done date", t.done.map(|d| format!("done {d}")));
    add("id", t.id.map(|id| format!("id {id}")));
    add(
        "depends on",
        (!t.depends_on.is_empty()).then(|| format!("after {}", t.depends_on.join(", "))),
    );
    add("urgency", Some(format!("urgency {:.2}", t.urgency)));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::classify;
    use crate::parse::{ParseOptions, parse_document};

    const NOTE: &str = "- [ ] Send the report ⏫ 🔁 every week 📅 2026-11-20 ⛔ a1 #work\n";

    #[track_caller]
    fn check(hidden: &[&str], short: bool, want: &str) {
        let today = crate::parse::value::date("2026-11-21").expect("date");
        let doc = parse_document("w.md", NOTE.as_bytes(), &ParseOptions::default());
        let t = &doc.tasks[0];
        let record = TaskRecord::new(
            &doc,
            t,
            &classify(t, today, &Default::default()),
            &Default::default(),
        );
        let shows = |part: &str| !hidden.contains(&part);
        let got = render(std::slice::from_ref(&record), &shows, short);
        assert_eq!(got, want);
    }

    #[test]
    fn hide_show_and_short_mode_shape_each_line() {
        let doc = parse_document("w.md", NOTE.as_bytes(), &ParseOptions::default());
        let link = format!(" ({})\n", source_link("w.md", 1, doc.tasks[0].hash));
        let today = crate::parse::value::date("2026-11-21").expect("date");
        let urgency = classify(&doc.tasks[0], today, &Default::default()).urgency;
        let parts = "priority high · 🔁 every week · due 2026-11-20 · after a1";
        let plain = format!("- **todo** Send the report #work — {parts}");
        check(&["urgency", "tree"], false, &format!("{plain}{link}"));
        check(
            &["tree"],
            false,
            &format!("{plain} · urgency {urgency:.2}{link}"),
        );
        check(
            &[
                "urgency",
                "backlink",
                "priority",
                "due date",
                "tags",
                "depends on",
                "recurrence rule",
            ],
            false,
            "- **todo** Send the report\n",
        );
        check(
            &["urgency", "backlink"],
            true,
            "- **todo** Send the report #work\n",
        );
        check(
            &["urgency", "tags"],
            true,
            &format!("- **todo** Send the report{link}"),
        );
    }
}
