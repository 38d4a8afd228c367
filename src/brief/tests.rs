//! Tests of `ike brief`: who is in it, in which order, and how it reads.

use super::*;
use crate::parse::{ParseOptions, parse_document};

fn day(s: &str) -> NaiveDate {
    crate::parse::value::date(s).expect("date")
}

fn note(path: &str, text: &str) -> Document {
    parse_document(path, text.as_bytes(), &ParseOptions::default())
}

fn vault() -> Vec<Document> {
    vec![
        note(
            "a.md",
            "- [ ] Send the contract to the bank @Bob 📅 2026-11-25 [followup:: 2026-11-14] [checkin:: weekly]\n\
             \x20 - [x] Get it signed\n\
             \x20 - [ ] Scan it\n\
             \x20   - [ ] (a step of a step)\n\
             - [ ] Ask @bob\n\
             - [ ] Mine [assignee:: me]\n\
             - [x] Done already @bob ✅ 2026-11-20\n\
             - [ ] For Carol @carol 📅 2026-11-22\n",
        ),
        note(
            "b.md",
            "- [ ] Book [the room] [assignee:: BOB] 📅 2026-11-23\n",
        ),
    ]
}

fn settings() -> ClassifySettings {
    ClassifySettings {
        me: Some("me".into()),
        ..ClassifySettings::default()
    }
}

#[test]
fn one_persons_open_delegated_tasks_by_deadline() {
    let docs = vault();
    let brief = build(&docs, "@BOB", day("2026-11-21"), &settings());
    assert_eq!(brief.assignee, "BOB", "the first spelling the tasks use");
    let md = render_markdown(&brief, "");
    assert!(
        md.contains("- Next check-in: 2026-11-21 (due now), then weekly\n"),
        "{md}"
    );
    let places: Vec<_> = brief.tasks.iter().map(|t| (t.path, t.line)).collect();
    assert_eq!(places, [("b.md", 1), ("a.md", 1), ("a.md", 5)]);
    let contract = &brief.tasks[1];
    assert_eq!(contract.next_checkin, Some(day("2026-11-21")));
    let steps: Vec<_> = contract
        .steps
        .iter()
        .map(|s| (s.description, s.closed))
        .collect();
    assert_eq!(steps, [("Get it signed", true), ("Scan it", false)]);
    assert!(contract.brief_gaps.is_empty());
    let json = serde_json::to_value(&brief).expect("json");
    assert_eq!(
        json["tasks"][2]["brief_gaps"],
        serde_json::json!(["no-deadline", "no-check-in", "no-steps"])
    );
    assert_eq!(json["tasks"][1]["checkin"], "weekly");
    assert_eq!(json["date"], "2026-11-21");

    let nobody = build(&docs, "me", day("2026-11-21"), &settings());
    assert!(nobody.tasks.is_empty(), "my own tasks are not delegated");
}

#[test]
fn a_person_is_found_under_any_case_folded_spelling() {
    let docs = vec![note(
        "c.md",
        "- [ ] Visit [assignee:: Straße] 📅 2026-11-23\n\
         - [ ] Call @STRASSE 📅 2026-11-24\n\
         - [ ] Write [assignee:: Strase]\n",
    )];
    for name in ["strasse", "STRAẞE", "@Straße"] {
        let brief = build(&docs, name, day("2026-11-21"), &settings());
        let lines: Vec<_> = brief.tasks.iter().map(|t| t.line).collect();
        assert_eq!(lines, [1, 2], "{name}: full case folding, as everywhere");
    }
}

#[test]
fn reads_as_a_message() {
    let docs = vault();
    let brief = build(&docs, "Carol", day("2026-11-23"), &settings());
    assert_eq!(
        render_markdown(&brief, "../"),
        "# For carol (2026-11-23)\n\n\
         1 open task I am counting on you for, soonest deadline first.\n\n\
         ## For Carol @carol\n\n\
         - Deadline: 2026-11-22 (passed)\n\
         - Next check-in: none yet — when shall we talk?\n\
         - Steps: none written — the outcome is the task itself\n\
         - Where: [a.md:8](../a.md#L8)\n"
    );
    let empty = build(&docs, "zoe", day("2026-11-23"), &settings());
    assert_eq!(
        render_markdown(&empty, ""),
        "# For zoe (2026-11-23)\n\nNothing open is waiting on zoe.\n"
    );
}
