//! `ike calendar` read back by an independent iCalendar parser (the `icalendar` crate):
//! every dated open task once, on its date; follow-ups with a reminder; UIDs unique and
//! stable across an edit of another line; filters; `--out` and `--check`.

use crate::harness::Test;
use icalendar::parser::{Component, read_calendar, unfold};
use std::collections::BTreeMap;

const TODAY: &str = "--today 2026-11-21";

/// (path, line, follow-up?) → (date `YYYYMMDD`, UID, summary), from the parsed calendar.
type Entries = BTreeMap<(String, usize, bool), (String, String, String)>;

fn value(c: &Component<'_>, name: &str) -> Option<String> {
    c.properties
        .iter()
        .find(|p| p.name == name)
        .map(|p| p.val.clone().unescape_text().as_str().to_owned())
}

/// Parse `ics` with the independent parser and key its events by their source.
#[track_caller]
fn parse(ics: &str) -> Entries {
    let unfolded = unfold(ics);
    let calendar = read_calendar(&unfolded).expect("the icalendar crate parses it");
    let version = calendar
        .properties
        .iter()
        .find(|p| p.name == "VERSION")
        .map(|p| p.val.as_str().to_owned());
    assert_eq!(version.as_deref(), Some("2.0"));
    let mut out = Entries::new();
    for event in &calendar.components {
        assert_eq!(event.name, "VEVENT");
        let uid = value(event, "UID").expect("UID");
        let start = event
            .properties
            .iter()
            .find(|p| p.name == "DTSTART")
            .expect("DTSTART");
        assert!(
            start
                .params
                .iter()
                .any(|p| p.key == "VALUE" && p.val.as_ref().is_some_and(|v| v.as_str() == "DATE")),
            "not all-day: {uid}"
        );
        let description = value(event, "DESCRIPTION").expect("DESCRIPTION");
        let source = description
            .lines()
            .find_map(|l| l.strip_prefix("Source: "))
            .expect("a Source line");
        let (path, line) = source.rsplit_once(':').expect("path:line");
        let followup = uid.contains("-followup");
        let alarms = event
            .components
            .iter()
            .filter(|c| c.name == "VALARM")
            .count();
        assert_eq!(alarms, usize::from(followup), "{uid}: alarms");
        let key = (path.to_owned(), line.parse().expect("line"), followup);
        let summary = value(event, "SUMMARY").expect("SUMMARY");
        let entry = (start.val.as_str().to_owned(), uid, summary);
        assert!(out.insert(key.clone(), entry).is_none(), "twice: {key:?}");
    }
    let mut uids: Vec<&String> = out.values().map(|(_, u, _)| u).collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), out.len(), "UIDs are not unique");
    out
}

/// What the calendar should hold, from `ike list --format json`: (path, line, follow-up?)
/// → date `YYYYMMDD`.
fn expected(test: &Test, filters: &str) -> BTreeMap<(String, usize, bool), String> {
    let out = test.run_with(&format!("list --format json {filters} {TODAY}"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let list: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    let mut want = BTreeMap::new();
    let compact = |v: &serde_json::Value| v.as_str().map(|d| d.replace('-', ""));
    for t in list["tasks"].as_array().expect("tasks") {
        if t["quadrant"].is_null() {
            continue;
        }
        let place = |f| {
            (
                t["path"].as_str().expect("path").to_owned(),
                t["line"].as_u64().expect("line") as usize,
                f,
            )
        };
        if let Some(date) = compact(&t["due"]).or_else(|| compact(&t["scheduled"])) {
            want.insert(place(false), date);
        }
        if t["delegated"] == true {
            if let Some(date) = compact(&t["followup"]) {
                want.insert(place(true), date);
            }
        }
    }
    want
}

#[test]
fn demo_calendar_has_every_dated_task_once_on_its_date() {
    let test = Test::fixture("demo").args("calendar").args(TODAY);
    let out = test.success();
    let got = parse(&out.stdout);
    let want = expected(&test, "");
    assert!(want.len() > 20, "the demo vault has dated tasks: {want:?}");
    assert!(want.keys().any(|k| k.2), "and follow-ups");
    let got_dates: BTreeMap<_, _> = got.iter().map(|(k, v)| (k.clone(), v.0.clone())).collect();
    assert_eq!(got_dates, want);
    // Summaries name the quadrant in words.
    for (key, (_, _, summary)) in &got {
        assert!(
            ["[Do] ", "[Schedule] ", "[Delegate] ", "[Eliminate] "]
                .iter()
                .any(|q| summary.starts_with(q)),
            "{key:?}: {summary}"
        );
    }
    // The snapshot shows lines without their CR (every line ends with CRLF).
    assert_eq!(
        out.stdout.matches("\r\n").count(),
        out.stdout.matches('\n').count()
    );
    crate::snapshot!("calendar-demo", out.stdout.replace("\r\n", "\n"));
    // Deterministic, and stamped with --today, not the clock.
    assert_eq!(test.success().stdout, out.stdout);
    assert!(out.stdout.contains("\r\nDTSTAMP:20261121T000000Z\r\n"));
}

#[test]
fn uids_stay_when_other_lines_change() {
    let test = Test::fixture("demo").args("calendar").args(TODAY);
    let before = parse(&test.success().stdout);
    // A line added at the top of a note moves every task in it down by one.
    let note = test.path().join("projects/q4-budget.md");
    let text = std::fs::read_to_string(&note).expect("read");
    let (front, body) = text.split_at(text.find("\n#").expect("a heading") + 1);
    std::fs::write(&note, format!("{front}A new first line.\n\n{body}")).expect("write");
    let after = parse(&test.success().stdout);
    assert_eq!(before.len(), after.len());
    let by_uid = |e: &Entries| -> BTreeMap<String, String> {
        e.values().map(|(d, u, _)| (u.clone(), d.clone())).collect()
    };
    assert_eq!(by_uid(&before), by_uid(&after));
    let moved = after
        .keys()
        .filter(|k| k.0 == "projects/q4-budget.md")
        .count();
    assert!(moved > 0, "the note has dated tasks");
    assert!(
        before
            .keys()
            .filter(|k| k.0 == "projects/q4-budget.md")
            .all(|(p, l, f)| after.contains_key(&(p.clone(), l + 2, *f))),
        "the tasks moved down two lines"
    );
}

#[test]
fn filters_as_ike_list() {
    let test = Test::fixture("demo");
    for filters in [
        "--quadrant do",
        "--assignee dan",
        "--path projects/** --tag admin",
    ] {
        let out = test.run_with(&format!("calendar {filters} {TODAY}"));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let got: BTreeMap<_, _> = parse(&out.stdout)
            .into_iter()
            .map(|(k, v)| (k, v.0))
            .collect();
        assert_eq!(got, expected(&test, filters), "{filters}");
        if filters == "--quadrant do" {
            assert!(!got.is_empty());
        }
    }
}

#[test]
fn out_and_check() {
    let test = Test::fixture("demo")
        .args("calendar --out cal/tasks.ics")
        .args(TODAY);
    test.success();
    let written = std::fs::read_to_string(test.path().join("cal/tasks.ics")).expect("written");
    assert!(!parse(&written).is_empty());
    let check = test.run_with(&format!("calendar --out cal/tasks.ics --check {TODAY}"));
    assert_eq!(check.code, 0, "{}", check.stdout);
    let later = test.run_with("calendar --out cal/tasks.ics --check --today 2026-11-22");
    assert_eq!(later.code, 1);
    assert!(
        later.stdout.contains("-DTSTAMP:20261121T000000Z"),
        "{}",
        later.stdout
    );
    // --check wrote nothing.
    let again = std::fs::read_to_string(test.path().join("cal/tasks.ics")).expect("read");
    assert_eq!(again, written);
}

#[test]
fn hostile_text_is_escaped_and_folded() {
    let test = Test::new()
        .file(
            "a.md",
            "- [ ] Pay; now, \\ or END:VCALENDAR\u{7} 日日日日日日日日日日日日日日日日日日日日日日日日日日日 📅 2026-11-25\n",
        )
        .args("calendar")
        .args(TODAY);
    let out = test.success();
    for line in out.stdout.split("\r\n") {
        assert!(line.len() <= 75, "{line:?}");
    }
    let got = parse(&out.stdout);
    let (date, _, summary) = got.get(&("a.md".to_owned(), 1, false)).expect("the task");
    assert_eq!(date, "20261125");
    assert!(
        summary.contains("Pay; now, \\ or END:VCALENDAR\u{FFFD} 日"),
        "{summary}"
    );
}

/// Poll `ok` every 50 ms for at most 15 s.
#[track_caller]
fn eventually(what: &str, mut ok: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while !ok() {
        assert!(std::time::Instant::now() < deadline, "never: {what}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// A child process, killed when dropped (a failed assertion included).
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn watch_keeps_the_page_and_the_calendar_current() {
    let test = Test::fixture("demo");
    let _watch = Running(
        std::process::Command::new(assert_cmd::cargo::cargo_bin("ike"))
            .current_dir(test.path())
            .args([
                "watch",
                "--format",
                "html",
                "--calendar",
                "cal.ics",
                "--no-cache",
            ])
            .args(TODAY.split_whitespace())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start ike watch"),
    );
    let fresh = |args: &str| test.run_with(&format!("{args} --check {TODAY}")).code == 0;
    let page = "digest --format html --out digests/2026-11-21.html";
    let calendar = "calendar --out cal.ics";
    eventually("the page matches ike digest", || {
        test.path().join("digests/2026-11-21.html").is_file() && fresh(page)
    });
    eventually("the calendar matches ike calendar", || {
        test.path().join("cal.ics").is_file() && fresh(calendar)
    });
    let note = test.path().join("inbox.md");
    let text = std::fs::read_to_string(&note).expect("read");
    std::fs::write(
        &note,
        format!("{text}- [ ] Book the piano tuner 📅 2026-11-27\n"),
    )
    .expect("write");
    eventually("the new task is in the calendar", || {
        std::fs::read_to_string(test.path().join("cal.ics"))
            .is_ok_and(|t| t.contains("Book the piano tuner"))
            && fresh(calendar)
    });
    eventually("… and on the page", || fresh(page));
}
