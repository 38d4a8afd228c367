//! Tests of the calendar: which tasks become entries, their UIDs, and the file's shape.

use super::*;
use crate::parse::{ParseOptions, parse_document};

fn date(s: &str) -> NaiveDate {
    crate::parse::value::date(s).expect("date")
}

fn today() -> NaiveDate {
    date("2026-11-21")
}

fn items_of(path: &str, text: &str) -> Vec<Item> {
    let doc = parse_document(path, text.as_bytes(), &ParseOptions::default());
    items(
        &doc,
        today(),
        &ClassifySettings::default(),
        &crate::classify::Dependencies::default(),
        &TaskFilter::default(),
    )
}

/// (kind, date, line) of each entry.
#[track_caller]
fn check(text: &str, want: &[(Kind, &str, usize)]) {
    let got: Vec<(Kind, NaiveDate, usize)> = items_of("a.md", text)
        .iter()
        .map(|i| (i.kind, i.date, i.line))
        .collect();
    let want: Vec<(Kind, NaiveDate, usize)> =
        want.iter().map(|(k, d, l)| (*k, date(d), *l)).collect();
    assert_eq!(got, want, "{text}");
}

#[test]
fn which_tasks_become_entries() {
    use Kind::{FollowUp, Task};
    check("- [ ] no date\n", &[]);
    check("- [ ] pay 📅 2026-11-25\n", &[(Task, "2026-11-25", 1)]);
    check("- [ ] plan ⏳ 2026-11-23\n", &[(Task, "2026-11-23", 1)]);
    // Due wins over scheduled: one entry per task.
    check(
        "- [ ] both ⏳ 2026-11-23 📅 2026-11-25\n",
        &[(Task, "2026-11-25", 1)],
    );
    check("- [x] done 📅 2026-11-25\n", &[]);
    check("- [-] cancelled 📅 2026-11-25\n", &[]);
    check("- [/] started 📅 2026-11-25\n", &[(Task, "2026-11-25", 1)]);
    // A start date alone is no calendar date.
    check("- [ ] later 🛫 2026-11-25\n", &[]);
    // A delegated task: its due date and its follow-up.
    check(
        "- [ ] contract @bob 📅 2026-11-30 [followup:: 2026-11-24]\n",
        &[(Task, "2026-11-30", 1), (FollowUp, "2026-11-24", 1)],
    );
    check(
        "- [ ] contract @bob [followup:: 2026-11-24]\n",
        &[(FollowUp, "2026-11-24", 1)],
    );
}

#[test]
fn uids_are_unique_and_survive_edits_of_other_lines() {
    let before = "# Notes\n- [ ] pay rent 📅 2026-11-25\n- [ ] pay rent 📅 2026-11-26\n\
                  - [ ] call 📅 2026-11-22 🆔 call1\n";
    let after = "# Notes\n\nsome new text\n- [ ] pay rent 📅 2026-11-25\n- [ ] pay rent 📅 2026-11-26\n\
                 - [ ] call mum, again 📅 2026-11-22 🆔 call1\n- [ ] new one 📅 2026-11-22\n";
    let uids = |text: &str| -> Vec<(String, String)> {
        let ics = render(items_of("a.md", text), today());
        let unfolded = ics.replace("\r\n ", "");
        let mut out = Vec::new();
        let mut uid = String::new();
        for line in unfolded.split("\r\n") {
            if let Some(u) = line.strip_prefix("UID:") {
                uid = u.to_owned();
            }
            if let Some(s) = line.strip_prefix("DTSTART;VALUE=DATE:") {
                out.push((uid.clone(), s.to_owned()));
            }
        }
        out
    };
    let a = uids(before);
    let b = uids(after);
    assert_eq!(a.len(), 3);
    let mut unique: Vec<&String> = b.iter().map(|(u, _)| u).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), b.len(), "{b:?}");
    for entry in &a {
        assert!(b.contains(entry), "{entry:?} lost in {b:?}");
    }
    // The same text twice: the second by line gets a suffix.
    assert!(
        a.iter().any(|(u, _)| u.ends_with("-2@ike.invalid")),
        "{a:?}"
    );
}

#[test]
fn the_file_is_well_formed_and_deterministic() {
    let text = "- [ ] Pay, rent; now\\ 📅 2026-11-25 #home\n\
                - [ ] a very long description that goes on and on well beyond the seventy-five \
                octets a content line may hold before it is folded ✅ 📅 2026-11-22\n\
                - [ ] send contract @bob [followup:: 2026-11-20]\n";
    let ics = render(items_of("notes/a b.md", text), today());
    assert_eq!(ics, render(items_of("notes/a b.md", text), today()));
    assert!(
        ics.starts_with(crate::output_file::CALENDAR_MARKER),
        "{ics}"
    );
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.contains('\n') && !line.contains('\r'));
    }
    let unfolded = ics.replace("\r\n ", "");
    let lines: Vec<&str> = unfolded.split("\r\n").collect();
    let has = |l: &str| lines.contains(&l);
    assert!(has("DTSTAMP:20261121T000000Z"));
    assert!(
        has("SUMMARY:[Eliminate] Pay\\, rent\\; now\\\\ #home (due)"),
        "{unfolded}"
    );
    assert!(has("DTSTART;VALUE=DATE:20261125"));
    assert!(has("DTEND;VALUE=DATE:20261126"));
    assert!(
        has("SUMMARY:[Eliminate] Follow up with @bob: send contract @bob"),
        "{unfolded}"
    );
    assert!(has("TRIGGER;RELATED=START:PT9H"));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("DESCRIPTION:Quadrant: ")
                && l.ends_with("\\nSource: notes/a b.md:1")),
        "{unfolded}"
    );
    // By date: the follow-up (20th), the long one (22nd), then the rent (25th).
    let starts: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("DTSTART;VALUE=DATE:"))
        .collect();
    assert_eq!(starts, ["20261120", "20261122", "20261125"]);
    assert_eq!(lines.iter().filter(|l| **l == "BEGIN:VALARM").count(), 1);
}
