//! `plan` over really parsed text: input → expected bytes, one row per case, each also
//! checked to be a fixed point (planning the output again changes nothing).

use super::{run, today};
use crate::fix::{DefaultSyntax, FixKind, FixSettings, Plan, plan};
use crate::parse::{ParseOptions, parse_document};

#[track_caller]
fn check_with(src: &str, s: &FixSettings, me: Option<&str>, want: &str) {
    let (got, _) = run(src, s, me);
    assert_eq!(got, want, "input: {src:?}");
    let (again, plan) = run(&got, s, me);
    assert_eq!(again, got, "second run changed {got:?}: {plan:?}");
}

#[track_caller]
fn check(src: &str, want: &str) {
    check_with(src, &FixSettings::default(), None, want);
}

#[test]
fn done_and_cancelled_dates() {
    let rows = [
        ("- [x] done\n", "- [x] done ✅ 2026-11-21\n"),
        ("- [X] done\n", "- [X] done ✅ 2026-11-21\n"),
        ("- [x] done ✅ 2026-11-20\n", "- [x] done ✅ 2026-11-20\n"),
        // An invalid done date is still a done date: reported, not doubled.
        ("- [x] done ✅ 2026-02-30\n", "- [x] done ✅ 2026-02-30\n"),
        (
            "- [x] done [due:: 2026-11-20]\n",
            "- [x] done [due:: 2026-11-20] [completion:: 2026-11-21]\n",
        ),
        (
            "- [x] (due:: 2026-11-20) done\n",
            "- [x] (due:: 2026-11-20) done (completion:: 2026-11-21)\n",
        ),
        (
            "- [x] done [completion:: 2026-11-20]\n",
            "- [x] done [completion:: 2026-11-20]\n",
        ),
        (
            "- [x] mixed 📅 2026-11-20 [priority:: high] ⏫\n",
            "- [x] mixed 📅 2026-11-20 [priority:: high] ⏫ ✅ 2026-11-21\n",
        ),
        (
            "- [x] due:2026-11-20 #tag @ann\n",
            "- [x] due:2026-11-20 #tag @ann ✅ 2026-11-21\n",
        ),
        ("- [-] dropped\n", "- [-] dropped ❌ 2026-11-21\n"),
        (
            "- [-] dropped [due:: 2026-11-20]\n",
            "- [-] dropped [due:: 2026-11-20] [cancelled:: 2026-11-21]\n",
        ),
        (
            "- [-] dropped ❌ 2026-11-01\n",
            "- [-] dropped ❌ 2026-11-01\n",
        ),
        ("- [x]\n", "- [x] ✅ 2026-11-21\n"),
        ("- [x]", "- [x] ✅ 2026-11-21"),
        ("- [x] \n", "- [x] ✅ 2026-11-21 \n"),
        ("- [x] text  \n", "- [x] text ✅ 2026-11-21  \n"),
        ("- [x] text\t\r\n", "- [x] text ✅ 2026-11-21\t\r\n"),
        ("- [ ] open\n", "- [ ] open\n"),
        ("- [/] going\n", "- [/] going\n"),
        ("- [?] odd\n", "- [?] odd\n"),
        ("> - [x] quoted\r\n", "> - [x] quoted ✅ 2026-11-21\r\n"),
        ("1. [x] first\n", "1. [x] first ✅ 2026-11-21\n"),
        (
            "- [x] one\n  two\n\n  para\n",
            "- [x] one\n  two ✅ 2026-11-21\n\n  para\n",
        ),
        (
            "- [x] see `📅 2026-01-01`\n",
            "- [x] see `📅 2026-01-01` ✅ 2026-11-21\n",
        ),
        (
            "\u{feff}- [x] bom\r\n",
            "\u{feff}- [x] bom ✅ 2026-11-21\r\n",
        ),
        (
            "---\ndue: 2026-11-01\n---\n- [x] fm\n",
            "---\ndue: 2026-11-01\n---\n- [x] fm ✅ 2026-11-21\n",
        ),
        ("```\n- [x] code\n```\n", "```\n- [x] code\n```\n"),
        // Found by fuzzing: a task read as a setext heading or a table header row.
        ("-\t[x]\n\t-", "-\t[x] ✅ 2026-11-21\n\t-"),
        ("-     [x] code\n", "-     [x] code\n"),
        // A last line that is a bare list marker would start a list item with the date.
        ("- [-]\n-\u{b}", "- [-] ❌ 2026-11-21\n-\u{b}"),
        ("- [x] a\n  *\n", "- [x] a ✅ 2026-11-21\n  *\n"),
        (
            "> - [x] a  \r\n>   1)\r\n>   -\u{b}\r\n",
            "> - [x] a ✅ 2026-11-21  \r\n>   1)\r\n>   -\u{b}\r\n",
        ),
        ("- [x] -\n", "- [x] - ✅ 2026-11-21\n"),
        ("- [x] a\n  2.5\n", "- [x] a\n  2.5 ✅ 2026-11-21\n"),
        (
            "- [x] a | b\n  --|--\n",
            "- [x] a | b ✅ 2026-11-21\n  --|--\n",
        ),
    ];
    for (src, want) in rows {
        check(src, want);
    }
}

#[test]
fn default_syntax_and_switches() {
    let dataview = FixSettings {
        default_syntax: Some(DefaultSyntax::Dataview),
        ..FixSettings::default()
    };
    check_with(
        "- [x] a\n- [-] b\n- [x] c ⏫\n",
        &dataview,
        None,
        "- [x] a [completion:: 2026-11-21]\n- [-] b [cancelled:: 2026-11-21]\n- [x] c ⏫ ✅ 2026-11-21\n",
    );
    let off = FixSettings {
        done_dates: false,
        ..FixSettings::default()
    };
    check_with("- [x] a\n- [-] b\n", &off, None, "- [x] a\n- [-] b\n");
    // A recurring task gets its done date anyway, or the next run would recur it again.
    check_with(
        "- [x] a 🔁 every day 📅 2026-11-21\n",
        &off,
        None,
        "- [ ] a 🔁 every day 📅 2026-11-22\n- [x] a 🔁 every day 📅 2026-11-21 ✅ 2026-11-21\n",
    );
    let no_recurrence = FixSettings {
        recurrence: false,
        ..FixSettings::default()
    };
    check_with(
        "- [x] a 🔁 every day 📅 2026-11-21\n",
        &no_recurrence,
        None,
        "- [x] a 🔁 every day 📅 2026-11-21 ✅ 2026-11-21\n",
    );
}

#[test]
fn recurrence() {
    let rows = [
        (
            "- [x] Gym 🔁 every week 📅 2026-11-20\n",
            "- [ ] Gym 🔁 every week 📅 2026-11-27\n- [x] Gym 🔁 every week 📅 2026-11-20 ✅ 2026-11-21\n",
        ),
        // `when done` counts from today; other dates keep their offset to the reference.
        (
            "- [x] Water 🔁 every 3 days when done ⏳ 2026-11-10 📅 2026-11-12\n",
            "- [ ] Water 🔁 every 3 days when done ⏳ 2026-11-22 📅 2026-11-24\n- [x] Water 🔁 every 3 days when done ⏳ 2026-11-10 📅 2026-11-12 ✅ 2026-11-21\n",
        ),
        // Reference: due, else scheduled, else start.
        (
            "- [x] R 🔁 every week 🛫 2026-11-16 ⏳ 2026-11-18 📅 2026-11-20\n",
            "- [ ] R 🔁 every week 🛫 2026-11-23 ⏳ 2026-11-25 📅 2026-11-27\n- [x] R 🔁 every week 🛫 2026-11-16 ⏳ 2026-11-18 📅 2026-11-20 ✅ 2026-11-21\n",
        ),
        (
            "- [x] S 🔁 every month ⏳ 2026-01-31 🛫 2026-01-30\n",
            "- [ ] S 🔁 every month ⏳ 2026-02-28 🛫 2026-02-27\n- [x] S 🔁 every month ⏳ 2026-01-31 🛫 2026-01-30 ✅ 2026-11-21\n",
        ),
        (
            "- [x] T 🛫 2028-02-29 🔁 every year\n",
            "- [ ] T 🛫 2029-02-28 🔁 every year\n- [x] T 🛫 2028-02-29 🔁 every year ✅ 2026-11-21\n",
        ),
        // Dataview, parentheses kept, field order kept.
        (
            "- [x] Rent [due:: 2026-01-31] (repeat:: every month)\n",
            "- [ ] Rent [due:: 2026-02-28] (repeat:: every month)\n- [x] Rent [due:: 2026-01-31] (repeat:: every month) (completion:: 2026-11-21)\n",
        ),
        // Created becomes today; id and depends-on go, with one space each.
        (
            "- [x] A 🆔 abc ⛔ xyz ➕ 2026-11-01 🔁 every day 📅 2026-11-21\n",
            "- [ ] A ➕ 2026-11-21 🔁 every day 📅 2026-11-22\n- [x] A 🆔 abc ⛔ xyz ➕ 2026-11-01 🔁 every day 📅 2026-11-21 ✅ 2026-11-21\n",
        ),
        (
            "- [x] 🆔 abc A [repeat:: every weekday] [due:: 2026-11-20] [id:: q]\n",
            "- [ ] A [repeat:: every weekday] [due:: 2026-11-23]\n- [x] 🆔 abc A [repeat:: every weekday] [due:: 2026-11-20] [id:: q] [completion:: 2026-11-21]\n",
        ),
        // A token glued to the word before it goes alone: no words are joined.
        (
            "- [x] G,🆔 g H 🔁 every day 📅 2026-11-21\n",
            "- [ ] G, H 🔁 every day 📅 2026-11-22\n- [x] G,🆔 g H 🔁 every day 📅 2026-11-21 ✅ 2026-11-21\n",
        ),
        // The id sits between the rule and a kept token: removing it is safe.
        (
            "- [x] G 🔁 every day 🆔 g #home 📅 2026-11-21\n",
            "- [ ] G 🔁 every day #home 📅 2026-11-22\n- [x] G 🔁 every day 🆔 g #home 📅 2026-11-21 ✅ 2026-11-21\n",
        ),
        // A stray cancelled date on a done task does not travel.
        (
            "- [x] C 📅 2026-11-21 ❌ 2026-11-20 🔁 every week on Monday, Friday\n",
            "- [ ] C 📅 2026-11-23 🔁 every week on Monday, Friday\n- [x] C 📅 2026-11-21 ❌ 2026-11-20 🔁 every week on Monday, Friday ✅ 2026-11-21\n",
        ),
        (
            "- [x] Pay 🔁 every month on the last 📅 2026-11-30\n",
            "- [ ] Pay 🔁 every month on the last 📅 2026-12-31\n- [x] Pay 🔁 every month on the last 📅 2026-11-30 ✅ 2026-11-21\n",
        ),
        (
            "- [x] Pay 🔁 every month on the 1st 📅 2026-11-01\n",
            "- [ ] Pay 🔁 every month on the 1st 📅 2026-12-01\n- [x] Pay 🔁 every month on the 1st 📅 2026-11-01 ✅ 2026-11-21\n",
        ),
        // Indentation, quote prefix and line endings.
        (
            "- parent\n  - [x] G 🔁 every day 📅 2026-11-21\n",
            "- parent\n  - [ ] G 🔁 every day 📅 2026-11-22\n  - [x] G 🔁 every day 📅 2026-11-21 ✅ 2026-11-21\n",
        ),
        (
            "> - [x] G 🔁 every day 📅 2026-11-21\n",
            "> - [ ] G 🔁 every day 📅 2026-11-22\n> - [x] G 🔁 every day 📅 2026-11-21 ✅ 2026-11-21\n",
        ),
        (
            "a\r\n- [x] G 🔁 every day 📅 2026-11-21\r\n",
            "a\r\n- [ ] G 🔁 every day 📅 2026-11-22\r\n- [x] G 🔁 every day 📅 2026-11-21 ✅ 2026-11-21\r\n",
        ),
        (
            "a\r\n- [x] G 🔁 every day 📅 2026-11-21",
            "a\r\n- [ ] G 🔁 every day 📅 2026-11-22\r\n- [x] G 🔁 every day 📅 2026-11-21 ✅ 2026-11-21",
        ),
        (
            "a\n- [x] G 🔁 every day 📅 2026-11-21\r\n\nb\n",
            "a\n- [ ] G 🔁 every day 📅 2026-11-22\r\n- [x] G 🔁 every day 📅 2026-11-21 ✅ 2026-11-21\r\n\nb\n",
        ),
        // Multi-line: the whole first paragraph is copied, continuation prefixes included.
        (
            "> - [x] G 🔁 every day\n>   📅 2026-11-21 🆔 g\n",
            "> - [ ] G 🔁 every day\n>   📅 2026-11-22\n> - [x] G 🔁 every day\n>   📅 2026-11-21 🆔 g ✅ 2026-11-21\n",
        ),
        // A continuation line emptied by a removal goes whole, or it would end the paragraph.
        (
            "- [x] G 🔁 every day\r\n  🆔 g\r\n  📅 2026-11-21\r\n",
            "- [ ] G 🔁 every day\r\n  📅 2026-11-22\r\n- [x] G 🔁 every day\r\n  🆔 g\r\n  📅 2026-11-21 ✅ 2026-11-21\r\n",
        ),
        (
            "> - [x] G 🔁 every day 📅 2026-11-21\n>   ⛔ a ❌ 2026-11-20\n",
            "> - [ ] G 🔁 every day 📅 2026-11-22\n> - [x] G 🔁 every day 📅 2026-11-21\n>   ⛔ a ❌ 2026-11-20 ✅ 2026-11-21\n",
        ),
        // Old Mac line endings (a lone CR ends a line, as in CommonMark).
        (
            "a\r- [x] G 🔁 every day\r  🆔 g\r  📅 2026-11-21\r",
            "a\r- [ ] G 🔁 every day\r  📅 2026-11-22\r- [x] G 🔁 every day\r  🆔 g\r  📅 2026-11-21 ✅ 2026-11-21\r",
        ),
        // Tabs and an ordered marker.
        (
            "1.\t[x]\tT\t🔁 every day\t📅 2026-11-21\n",
            "1.\t[ ]\tT\t🔁 every day\t📅 2026-11-22\n1.\t[x]\tT\t🔁 every day\t📅 2026-11-21 ✅ 2026-11-21\n",
        ),
        // Cancelled recurring tasks do not recur.
        (
            "- [-] G 🔁 every day 📅 2026-11-21\n",
            "- [-] G 🔁 every day 📅 2026-11-21 ❌ 2026-11-21\n",
        ),
    ];
    for (src, want) in rows {
        check(src, want);
    }
}

#[test]
fn recurrence_problems() {
    // A ticked task whose series cannot go on is left as it is: a done date would end it.
    let rows = [
        (
            "x\n- [x] B 🔁 every blue moon 📅 2026-11-21\n",
            "x\n- [x] B 🔁 every blue moon 📅 2026-11-21\n",
            ("unknown-recurrence", 2, 11),
        ),
        (
            "- [x] C 🔁 every day for 3 times 📅 2026-11-21\n",
            "- [x] C 🔁 every day for 3 times 📅 2026-11-21\n",
            ("unknown-recurrence", 1, 11),
        ),
        (
            "- [x] D 🔁 every February on the 30th 📅 2026-11-21\n",
            "- [x] D 🔁 every February on the 30th 📅 2026-11-21\n",
            ("recurrence-out-of-range", 1, 11),
        ),
        // Without the id, the rule would run on into "text": no copy, a problem.
        (
            "- [x] G 🔁 every day 🆔 g text 📅 2026-11-21\n",
            "- [x] G 🔁 every day 🆔 g text 📅 2026-11-21\n",
            ("recurrence-token-order", 1, 21),
        ),
    ];
    for (src, want, (code, line, column)) in rows {
        let (got, plan) = run(src, &FixSettings::default(), None);
        assert_eq!(got, want);
        let problems: Vec<(&str, usize, usize, &str)> = plan
            .problems
            .iter()
            .map(|p| (p.kind.code(), p.line, p.column, p.path.as_str()))
            .collect();
        assert_eq!(problems, vec![(code, line, column, "t.md")], "{src:?}");
        assert_eq!(plan.kinds.get(&FixKind::Recurrence), None);
        assert_eq!(plan.held, 1, "{src:?}: left unchanged, and counted");
    }
}

#[test]
fn next_occurrences_and_on_completion_delete() {
    let rows = [
        // No date to move: the copy keeps its dates (its created date becomes today).
        (
            "- [x] D 🔁 every day ➕ 2026-11-01\n",
            "- [ ] D 🔁 every day ➕ 2026-11-21\n- [x] D 🔁 every day ➕ 2026-11-01 ✅ 2026-11-21\n",
        ),
        (
            "- [x] Water plants 🔁 every week 🏁 delete 📅 2026-11-20\n- [ ] next\n",
            "- [ ] Water plants 🔁 every week 🏁 delete 📅 2026-11-27\n- [ ] next\n",
        ),
        (
            "a\r\n- [x] Pay rent [repeat:: every month] [onCompletion:: Delete] [due:: 2026-11-01]\r\n",
            "a\r\n- [ ] Pay rent [repeat:: every month] [onCompletion:: Delete] [due:: 2026-12-01]\r\n",
        ),
        (
            "- [x] Keep 🔁 every day 🏁 keep 📅 2026-11-20\n",
            "- [ ] Keep 🔁 every day 🏁 keep 📅 2026-11-21\n- [x] Keep 🔁 every day 🏁 keep 📅 2026-11-20 ✅ 2026-11-21\n",
        ),
    ];
    for (src, want) in rows {
        let (got, plan) = run(src, &FixSettings::default(), None);
        assert_eq!(got, want, "{src:?}");
        assert_eq!(plan.kinds.get(&FixKind::Recurrence), Some(&1), "{src:?}");
        assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    }
}

#[test]
fn followups() {
    let on = FixSettings {
        followups: true,
        ..FixSettings::default()
    };
    let rows = [
        (
            "- [ ] Ask @ann\n",
            "- [ ] Ask @ann [followup:: 2026-11-24]\n",
        ),
        (
            "- [/] Ask @ann\n",
            "- [/] Ask @ann [followup:: 2026-11-24]\n",
        ),
        ("- [ ] Mine @me\n", "- [ ] Mine @me\n"),
        ("- [ ] Mine @Me\n", "- [ ] Mine @Me\n"),
        ("- [ ] Nobody's\n", "- [ ] Nobody's\n"),
        (
            "- [ ] Ask [assignee:: bob] (followup:: 2026-11-22)\n",
            "- [ ] Ask [assignee:: bob] (followup:: 2026-11-22)\n",
        ),
        (
            "- [ ] Ask (assignee:: bob)\n",
            "- [ ] Ask (assignee:: bob) (followup:: 2026-11-24)\n",
        ),
        (
            "- [ ] Ask @bob 📅 2026-12-01\n",
            "- [ ] Ask @bob 📅 2026-12-01 [followup:: 2026-11-24]\n",
        ),
        // Found by fuzzing: a signifier without its value must not swallow the field
        // appended after it, or every run appends it again.
        ("- [ ] @b📅", "- [ ] @b📅 [followup:: 2026-11-24]"),
        (
            "- [ ] Ask @bob 🆔\n",
            "- [ ] Ask @bob 🆔 [followup:: 2026-11-24]\n",
        ),
        ("- [x] Ask @ann\n", "- [x] Ask @ann ✅ 2026-11-21\n"),
        (
            "---\nassignee: ann\n---\n- [ ] Ask\n",
            "---\nassignee: ann\n---\n- [ ] Ask [followup:: 2026-11-24]\n",
        ),
    ];
    for (src, want) in rows {
        check_with(src, &on, Some("me"), want);
    }
    check_with(
        "- [ ] Ask @ann\n",
        &FixSettings::default(),
        None,
        "- [ ] Ask @ann\n",
    );
    let later = FixSettings {
        followup_days: 10,
        ..on
    };
    check_with(
        "- [ ] Ask @ann\n",
        &later,
        Some("me"),
        "- [ ] Ask @ann [followup:: 2026-12-01]\n",
    );
}

#[test]
fn kinds_are_counted() {
    let on = FixSettings {
        followups: true,
        ..FixSettings::default()
    };
    let src = "- [x] a\n- [x] b 🔁 every day 📅 2026-11-21\n- [-] c\n- [ ] d @ann\n";
    let (_, plan) = run(src, &on, Some("me"));
    let kinds: Vec<(FixKind, usize)> = plan.kinds.into_iter().collect();
    assert_eq!(
        kinds,
        vec![
            (FixKind::DoneDate, 2),
            (FixKind::CancelledDate, 1),
            (FixKind::Recurrence, 1),
            (FixKind::Followup, 1),
        ]
    );
}

#[test]
fn failed_documents_get_no_plan() {
    let doc = parse_document("t.md", b"- [x] a\n\xff\n", &ParseOptions::default());
    assert!(doc.failed);
    let got = plan("", &doc, today(), &FixSettings::default(), None);
    assert_eq!(got, Plan::default());
}

#[test]
fn done_dates_on_the_day_given() {
    let done_on = crate::parse::value::date("2026-11-17").expect("date");
    let rows = [
        (
            "- [x] A\n- [-] B\n",
            "- [x] A ✅ 2026-11-17\n- [-] B ❌ 2026-11-17\n",
        ),
        // `when done` counts from the done date; the follow-up and created dates from today.
        (
            "- [x] C 🔁 every week when done ➕ 2026-11-01 📅 2026-11-10\n",
            "- [ ] C 🔁 every week when done ➕ 2026-11-17 📅 2026-11-24\n\
             - [x] C 🔁 every week when done ➕ 2026-11-01 📅 2026-11-10 ✅ 2026-11-17\n",
        ),
    ];
    for (src, want) in rows {
        let doc = crate::parse::parse_document("t.md", src.as_bytes(), &Default::default());
        let p = crate::fix::plan_dated(src, &doc, today(), done_on, &FixSettings::default(), None);
        let got = crate::edit::apply(src, &p.edits).expect("plan applies");
        assert_eq!(got, want, "{src:?}");
    }
}

#[test]
fn recurrence_takes_its_date_from_the_front_matter() {
    let rows = [
        // The copy gets the front matter's date, moved, as its own.
        (
            "---\ndue: 2026-11-20\n---\n- [x] Gym 🔁 every week\n",
            "---\ndue: 2026-11-20\n---\n- [ ] Gym 🔁 every week 📅 2026-11-27\n- [x] Gym 🔁 every week ✅ 2026-11-21\n",
        ),
        (
            "---\nscheduled: 2026-11-20\n---\n- [x] Gym [repeat:: every day]\n",
            "---\nscheduled: 2026-11-20\n---\n- [ ] Gym [repeat:: every day] [scheduled:: 2026-11-21]\n- [x] Gym [repeat:: every day] [completion:: 2026-11-21]\n",
        ),
        // An own date wins over the front matter's.
        (
            "---\ndue: 2026-01-01\n---\n- [x] Gym 🔁 every week 📅 2026-11-20\n",
            "---\ndue: 2026-01-01\n---\n- [ ] Gym 🔁 every week 📅 2026-11-27\n- [x] Gym 🔁 every week 📅 2026-11-20 ✅ 2026-11-21\n",
        ),
    ];
    for (src, want) in rows {
        check(src, want);
    }
}
