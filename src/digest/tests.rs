//! Tests of the digest: what goes where, in which order, and how it renders.

use super::*;
use crate::classify::ClassifySettings;
use crate::classify::task_builder::{day, doc, task, today};
use crate::model::{Document, Effort, Priority, Status};
use unicode_width::UnicodeWidthStr;

/// The documents a test digest borrows from, kept for the rest of the test run (tests
/// build their documents inline).
fn keep(docs: &[Document]) -> &'static [Document] {
    Box::leak(docs.to_vec().into_boxed_slice())
}

fn digest(docs: &[Document]) -> Digest<'static> {
    build(
        keep(docs),
        today(),
        &ClassifySettings::default(),
        &DigestSettings::default(),
    )
}

fn me_alice() -> ClassifySettings {
    ClassifySettings {
        me: Some("alice".to_owned()),
        ..ClassifySettings::default()
    }
}

/// `path:line` of each entry, to compare orders at a glance.
fn places(entries: &[Entry]) -> Vec<String> {
    entries
        .iter()
        .map(|e| format!("{}:{}", e.path, e.line))
        .collect()
}

#[track_caller]
fn check_places(entries: &[Entry], expected: &[&str]) {
    assert_eq!(places(entries), expected);
}

#[test]
fn quadrant_lists_hold_own_open_startable_tasks_by_urgency() {
    let d = digest(&[
        doc(
            "b.md",
            vec![
                task("important, no date").line(1).priority(Priority::High),
                task("same urgency, due later")
                    .line(2)
                    .priority(Priority::High)
                    .start(-1),
                task("done").line(3).priority(Priority::High).done(0),
                task("not startable")
                    .line(4)
                    .priority(Priority::High)
                    .start(2),
                task("delegated")
                    .line(5)
                    .priority(Priority::High)
                    .assignee("bob"),
            ],
        ),
        doc(
            "a.md",
            vec![
                task("same as b:1, earlier path")
                    .line(9)
                    .priority(Priority::High),
                task("do: overdue")
                    .line(1)
                    .priority(Priority::Medium)
                    .due(-1),
                task("do: due today")
                    .line(2)
                    .priority(Priority::Medium)
                    .due(0),
                task("do: same score, no due")
                    .line(3)
                    .important(true)
                    .urgent(true)
                    .priority(Priority::Highest)
                    .scheduled(-20)
                    .due(30),
                task("eliminate").line(4).priority(Priority::Low),
                task("delegate").line(5).priority(Priority::Low).due(2),
            ],
        ),
    ]);
    check_places(&d.r#do, &["a.md:3", "a.md:1", "a.md:2"]);
    check_places(&d.schedule, &["a.md:9", "b.md:1", "b.md:2"]);
    check_places(&d.delegate, &["a.md:5"]);
    check_places(&d.eliminate, &["a.md:4"]);
    let c = d.counts;
    assert_eq!((c.tasks, c.open, c.done), (11, 10, 1));
    assert_eq!((c.r#do, c.schedule, c.delegate, c.eliminate), (3, 3, 1, 1));
    assert_eq!((c.waiting_on, c.not_startable, c.overdue), (1, 1, 1));
    let parts = c.r#do + c.schedule + c.delegate + c.eliminate + c.waiting_on + c.not_startable;
    assert_eq!(parts, c.open, "summary numbers add up");
}

#[test]
fn equal_urgency_orders_by_due_date_none_last_then_place() {
    // Scores rarely tie across due dates, so tie them by hand and sort with the digest's order.
    let d = digest(&[
        doc(
            "b.md",
            vec![
                task("no due").line(1),
                task("due +30").line(2).due(30),
                task("due +20").line(3).due(20),
                task("due +20, later line").line(4).due(20),
            ],
        ),
        doc("a.md", vec![task("due +20, earlier path").line(9).due(20)]),
    ]);
    let mut entries = d.eliminate.clone();
    for e in &mut entries {
        e.urgency = 1.0;
    }
    entries.sort_by(Entry::by_urgency);
    check_places(
        &entries,
        &["a.md:9", "b.md:3", "b.md:4", "b.md:2", "b.md:1"],
    );
    // Without the tie, the real scores decide: 2.4 for every far due date, 1.95 without.
    check_places(
        &d.eliminate,
        &["a.md:9", "b.md:3", "b.md:4", "b.md:2", "b.md:1"],
    );
    assert_eq!(d.eliminate[0].urgency, 4.35);
}

#[test]
fn vital_few_is_the_top_share_by_leverage() {
    // Ten own open tasks; impacts 1..=10, one hour each except task 1 (6 minutes).
    let tasks = (1..=10u8)
        .map(|i| {
            let t = task("t")
                .line(usize::from(i))
                .impact(i)
                .priority(Priority::Low);
            if i == 1 {
                t.estimate(6)
            } else {
                t.estimate(60)
            }
        })
        .collect();
    let d = digest(&[doc("v.md", tasks)]);
    let v = &d.vital_few;
    // Leverage: task 1 → 10/h, task 10 → 10/h (tie; same urgency) → by line; then 9.
    check_places(&v.tasks, &["v.md:1", "v.md:10"]);
    assert_eq!((v.of, v.impact, v.total_impact), (10, 11, 55));
    assert_eq!(v.impact_percent, 20.0);
    assert_eq!(v.share, 0.2);
}

#[track_caller]
fn check_vital_count(open: usize, share: f64, expected: usize) {
    let tasks = (1..=open).map(|i| task("t").line(i)).collect();
    let d = build(
        keep(&[doc("v.md", tasks)]),
        today(),
        &ClassifySettings::default(),
        &DigestSettings {
            vital_few_share: share,
            ..DigestSettings::default()
        },
    );
    assert_eq!(d.vital_few.tasks.len(), expected, "{open} tasks × {share}");
}

#[test]
fn vital_few_rounds_up_with_at_least_one() {
    check_vital_count(0, 0.2, 0);
    check_vital_count(1, 0.2, 1);
    check_vital_count(5, 0.2, 1);
    check_vital_count(6, 0.2, 2);
    check_vital_count(10, 0.2, 2);
    check_vital_count(11, 0.2, 3);
    check_vital_count(10, 0.7, 7);
    check_vital_count(3, 0.0, 1);
    check_vital_count(3, 5.0, 3);
    check_vital_count(3, f64::NAN, 1);
}

#[test]
fn vital_few_leaves_out_delegated_and_closed_tasks() {
    let d = build(
        keep(&[doc(
            "v.md",
            vec![
                task("mine").line(1).impact(2),
                task("bob's").line(2).impact(10).assignee("bob"),
                task("done").line(3).impact(10).done(0),
                task("mine too").line(4).impact(3).assignee("@Alice"),
            ],
        )]),
        today(),
        &me_alice(),
        &DigestSettings::default(),
    );
    check_places(&d.vital_few.tasks, &["v.md:4"]);
    assert_eq!(d.vital_few.total_impact, 5);
    assert_eq!(d.vital_few.impact_percent, 60.0);
}

#[test]
fn waiting_on_groups_spellings_the_same_under_case_folding() {
    let d = digest(&[doc(
        "w.md",
        vec![
            task("visit").line(1).assignee("Straße"),
            task("call").line(2).assignee("STRASSE"),
            task("write").line(3).assignee("Strase"),
        ],
    )]);
    let people: Vec<(&str, usize)> = d
        .waiting_on
        .iter()
        .map(|p| (p.assignee.as_str(), p.open))
        .collect();
    assert_eq!(people, [("Strase", 1), ("STRASSE", 2)]);
}

#[test]
fn waiting_on_groups_by_person() {
    let d = digest(&[
        doc(
            "w.md",
            vec![
                task("carol later").line(1).assignee("carol").followup(5),
                task("bob, no follow-up").line(2).assignee("@bob"),
                task("bob later").line(3).assignee("Bob").followup(3),
                task("bob due long ago")
                    .line(4)
                    .assignee("bob")
                    .followup(-5),
                task("bob due today").line(5).assignee("bob").followup(0),
                task("bob done").line(6).assignee("bob").done(0),
            ],
        ),
        doc(
            "a.md",
            vec![
                task("bob, no follow-up, earlier path")
                    .line(7)
                    .assignee("bob"),
            ],
        ),
    ]);
    let names: Vec<&str> = d.waiting_on.iter().map(|p| p.assignee.as_str()).collect();
    assert_eq!(names, ["Bob", "carol"]);
    let bob = &d.waiting_on[0];
    check_places(
        &bob.tasks,
        &["w.md:4", "w.md:5", "w.md:3", "a.md:7", "w.md:2"],
    );
    assert_eq!((bob.followups_due, bob.missing_followups), (2, 2));
    assert_eq!(d.counts.waiting_on, 6);
    assert_eq!((d.counts.followups_due, d.counts.missing_followups), (2, 2));
    assert!(
        d.r#do.is_empty() && d.eliminate.is_empty(),
        "delegated tasks are not own"
    );
}

#[test]
fn value_balance_and_done_recently() {
    let d = digest(&[doc(
        "e.md",
        vec![
            task("learn").line(1).tag("learn").estimate(90),
            task("value, delegated")
                .line(2)
                .effort(Effort::Value)
                .assignee("bob"),
            task("admin").line(3).tag("admin").estimate(15),
            task("prod").line(4),
            task("done yesterday").line(5).done(-1),
            task("done today").line(6).done(0),
            task("done before").line(7).done(-2),
            task("cancelled").line(8).status(Status::Cancelled),
        ],
    )]);
    check_places(&d.value, &["e.md:1", "e.md:2"]);
    let balance: Vec<(Effort, usize, f64)> = d
        .effort_balance
        .iter()
        .map(|l| (l.effort, l.tasks, l.hours))
        .collect();
    assert_eq!(
        balance,
        [
            (Effort::Production, 1, 1.0),
            (Effort::NonProduction, 1, 0.25),
            (Effort::Value, 2, 2.5),
            (Effort::NonValue, 0, 0.0),
        ]
    );
    check_places(&d.done_recently, &["e.md:5", "e.md:6"]);
    assert_eq!((d.counts.done, d.counts.done_recently), (3, 2));
}

fn kinds(d: &Digest) -> Vec<NudgeKind> {
    d.nudges.iter().map(|n| n.kind).collect()
}

#[test]
fn nudges_fire_only_when_due() {
    // A healthy list: one urgent of three, value work, follow-ups in place.
    let healthy = digest(&[doc(
        "n.md",
        vec![
            task("urgent").line(1).due(0),
            task("value").line(2).tag("improve"),
            task("send the signed contract to the bank")
                .line(3)
                .assignee("bob")
                .followup(2)
                .due(9),
        ],
    )]);
    assert_eq!(kinds(&healthy), []);

    // Exactly half urgent does not fire; more than half does.
    let half = digest(&[doc(
        "n.md",
        vec![task("u").line(1).due(0).tag("learn"), task("v").line(2)],
    )]);
    assert_eq!(kinds(&half), []);
    let most = digest(&[doc(
        "n.md",
        vec![
            task("u").line(1).due(0).tag("learn"),
            task("v").line(2).due(1),
        ],
    )]);
    assert_eq!(kinds(&most), [NudgeKind::EverythingUrgent]);
    assert_eq!(
        most.nudges[0].message,
        "2 of 2 open tasks are urgent. Resist seeing everything as urgent: \
         which of them would really suffer from waiting a week?"
    );

    // Seven in Do is fine, eight is too many.
    let do_tasks = |n: usize| {
        let mut tasks: Vec<_> = (1..=n)
            .map(|i| task("do").line(i).due(0).priority(Priority::High))
            .collect();
        // Enough calm value tasks to keep "everything urgent" quiet.
        tasks.extend((n + 1..=3 * n).map(|i| task("calm").line(i).tag("learn")));
        digest(&[doc("n.md", tasks)])
    };
    assert_eq!(kinds(&do_tasks(7)), []);
    let eight = do_tasks(8);
    assert_eq!(kinds(&eight), [NudgeKind::TooMuchToDo]);
    assert!(
        eight.nudges[0]
            .message
            .starts_with("8 tasks in Do (more than 7).")
    );

    // No value work.
    let no_value = digest(&[doc("n.md", vec![task("plain").line(1)])]);
    assert_eq!(kinds(&no_value), [NudgeKind::NoValueWork]);
    assert!(
        no_value.nudges[0].message.ends_with(
            "(give it `effort:: value` or tag it #automate, #improve, #learn or #process)."
        ),
        "{}",
        no_value.nudges[0].message
    );

    // Delegated without a follow-up, and a follow-up due.
    let delegation = digest(&[doc(
        "n.md",
        vec![
            task("v").line(1).tag("learn"),
            task("w").line(2),
            task("x").line(3),
            task("a").line(4).assignee("bob"),
            task("b").line(5).assignee("carol").followup(0),
            task("c").line(6).assignee("dan").followup(-1),
        ],
    )]);
    assert_eq!(
        kinds(&delegation),
        [
            NudgeKind::MissingFollowups,
            NudgeKind::ThinBriefs,
            NudgeKind::FollowupsDue
        ]
    );
    assert_eq!(
        delegation.nudges[0].message,
        "1 delegated task has no follow-up date: agree on a check-in (`followup:: YYYY-MM-DD`)."
    );
    assert_eq!(
        delegation.nudges[1].message,
        "3 delegated tasks lack a deadline, a check-in, or steps: see Waiting on, and \
         send a clear brief (`ike brief NAME`)."
    );
    assert_eq!(
        delegation.nudges[2].message,
        "2 follow-ups are due: check in with carol and dan."
    );
}

fn sample() -> Digest<'static> {
    digest(&[
        doc(
            "Projects/Big plan.md",
            vec![
                task("Ship the release")
                    .line(12)
                    .priority(Priority::High)
                    .due(1)
                    .scheduled(-1),
                task("Write the plan")
                    .line(20)
                    .priority(Priority::Medium)
                    .tag("improve"),
                task("Ask for the contract").line(30).assignee("bob"),
            ],
        ),
        doc("inbox.md", vec![task("Filed taxes").line(3).done(-1)]),
    ])
}

#[test]
fn markdown_shows_items_with_dates_and_links() {
    let md = render_markdown(&sample());
    assert!(md.starts_with("# Digest 2026-11-21\n\n**3 open**: 1 do · 1 schedule · 0 delegate · 0 eliminate · 1 waiting on others · 0 not startable yet. 0 overdue, 1 done since yesterday.\n"), "{md}");
    let expected_lines = [
        "1) [ ] Ship the release — due 2026-11-22 · scheduled 2026-11-20 ([Projects/Big plan.md:12#000000](Projects/Big%20plan.md?plain=1#L12))",
        "1) [ ] Ask for the contract — **no follow-up date** · brief lacks: no deadline, no steps or outcome ([Projects/Big plan.md:30#000000](Projects/Big%20plan.md?plain=1#L30))",
        "- Filed taxes — done 2026-11-20 ([inbox.md:3](inbox.md?plain=1#L3))",
        "1) [ ] Ship the release — impact 7 · 1h · leverage 7 · due 2026-11-22 ([Projects/Big plan.md:12#000000](Projects/Big%20plan.md?plain=1#L12))",
        "| value | 1 | 1 |",
        "### bob",
    ];
    for line in expected_lines {
        assert!(md.lines().any(|l| l == line), "missing {line:?} in\n{md}");
    }
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Do",
            "## Schedule",
            "## Delegate",
            "## Eliminate",
            "## Waiting on",
            "## Blocked",
            "## Vital few",
            "## Value work",
            "## Hand off or automate",
            "## Effort balance",
            "## Nudges",
            "## Done since yesterday",
        ]
    );
    assert!(md.contains("## Delegate\n\nNothing here.\n"), "{md}");
    assert!(
        md.contains("1 of 2 own open tasks (the top 20% by impact per hour) carries 58% of their total impact."),
        "{md}"
    );
    assert_eq!(md, render_markdown(&sample()), "deterministic");
}

#[test]
fn every_box_the_markdown_draws_reads_back_when_ticked() {
    let md = render_markdown(&sample());
    assert!(super::tick::ticked(&md).is_empty(), "nothing ticked yet");
    let ticked = md.replace(") [ ] ", ") [x] ");
    let got: Vec<(String, usize)> = super::tick::ticked(&ticked)
        .into_iter()
        .map(|t| (t.path, t.line))
        .collect();
    let boxes = md.matches(") [ ] ").count();
    assert_eq!(got.len(), boxes, "{md}");
    assert!(boxes >= 4, "{md}");
    assert!(
        got.contains(&("Projects/Big plan.md".to_owned(), 30)),
        "{got:?}"
    );
    // Closed tasks get no box.
    assert!(!got.iter().any(|(path, _)| path == "inbox.md"), "{got:?}");
}

#[test]
fn markdown_link_prefix_and_switched_off_sections() {
    let mut d = sample();
    d.sections.summary = false;
    d.sections.eliminate = false;
    d.sections.effort_balance = false;
    let md = render_markdown_at(&d, "../");
    assert!(md.starts_with("# Digest 2026-11-21\n\n## Do\n"), "{md}");
    assert!(!md.contains("## Eliminate") && !md.contains("## Effort balance"));
    assert!(md.contains("](../inbox.md?plain=1#L3))"), "{md}");
}

#[test]
fn empty_vault_says_that_nothing_was_found_once() {
    let md = render_markdown(&digest(&[]));
    assert!(!md.contains("Nothing here.") && !md.contains("## "), "{md}");
    assert!(md.contains("No notes found"), "{md}");
    let md = render_markdown(&digest(&[doc("a.md", vec![])]));
    assert!(
        md.ends_with("\n\nRead 1 note: no tasks found (`- [ ] …`).\n"),
        "{md}"
    );
}

#[test]
fn a_vault_with_tasks_keeps_every_section_even_when_empty() {
    let md = render_markdown(&digest(&[doc(
        "a.md",
        vec![task("old").status(Status::Done)],
    )]));
    // Every list section is empty; the nudges too, since nothing is open.
    assert_eq!(md.matches("Nothing here.").count(), 11, "{md}");
}

#[test]
fn json_has_the_spec_keys_in_order() {
    let json = render_json(&sample());
    let value: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    let keys: Vec<&str> = value
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let mut expected = [
        "date",
        "counts",
        "do",
        "schedule",
        "delegate",
        "eliminate",
        "waiting_on",
        "blocked",
        "vital_few",
        "value",
        "hand_off",
        "effort_balance",
        "nudges",
        "done_recently",
    ];
    expected.sort_unstable(); // serde_json's map is sorted; the text keeps the digest's order.
    assert_eq!(keys, expected);
    let positions: Vec<usize> = ["\"date\"", "\"counts\"", "\"do\"", "\"done_recently\""]
        .iter()
        .filter_map(|k| json.find(k))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert_eq!(value["date"], "2026-11-21");
    assert_eq!(value["do"][0]["path"], "Projects/Big plan.md");
    assert_eq!(value["do"][0]["line"], 12);
    assert_eq!(value["do"][0]["due"], "2026-11-22");
    assert_eq!(value["do"][0]["start"], serde_json::Value::Null);
    assert_eq!(value["do"][0]["urgency"], 19.34);
    assert_eq!(value["waiting_on"][0]["assignee"], "bob");
    assert_eq!(value["vital_few"]["impact_percent"], 58.33);
    assert_eq!(value["nudges"][0]["kind"], "missing-followups");
    assert!(json.ends_with("}\n"));
}

#[test]
fn json_leaves_out_switched_off_sections() {
    let mut d = sample();
    d.sections.value = false;
    d.sections.r#do = false;
    let value: serde_json::Value = serde_json::from_str(&render_json(&d)).unwrap_or_default();
    assert!(
        value.get("value").is_none() && value.get("do").is_none(),
        "{value}"
    );
    assert!(value.get("schedule").is_some() && value.get("counts").is_some());
}

#[test]
fn matrix_fits_the_width_and_colours_only_when_asked() {
    let d = sample();
    for width in [80, 50, 30, 10] {
        let plain = render_matrix(&d, false, width, 3);
        assert!(!plain.contains('\u{1b}'));
        let mut lines = plain.lines();
        let title = lines.next().unwrap_or_default();
        assert!(title.width() <= width.max(30), "{title:?}");
        for line in lines {
            assert_eq!(line.width(), width.max(30), "{line:?}");
        }
    }
    let plain = render_matrix(&d, false, 80, 3);
    assert!(plain.contains("│ Do (1) · important"), "{plain}");
    assert!(plain.contains("• 11-22 · Ship the release"), "{plain}");
    assert!(plain.contains("Delegate (0) · not important"), "{plain}");
    assert_eq!(plain.lines().count(), 1 + 1 + 5 + 1 + 5 + 1);
    let narrow = render_matrix(&d, false, 40, 3);
    assert!(
        narrow.contains("│ Delegate (0)     │ Eliminate (0)     │"),
        "{narrow}"
    );
    let coloured = render_matrix(&d, true, 80, 3);
    assert!(coloured.contains("\u{1b}["));
    assert_ne!(coloured, plain);
}

#[test]
fn matrix_shows_the_top_three_and_how_many_more() {
    let tasks = (1..=5)
        .map(|i| {
            task(&format!("task {i}"))
                .line(i)
                .due(0)
                .priority(Priority::High)
        })
        .collect();
    let m = render_matrix(&digest(&[doc("m.md", tasks)]), false, 80, 3);
    assert!(m.contains("· task 3") && !m.contains("· task 4"), "{m}");
    assert!(m.contains("  + 2 more"), "{m}");
}

#[test]
fn matrix_shows_due_dates_overdue_marks_and_as_many_as_asked() {
    let tasks = vec![
        task("late").line(1).due(-2).priority(Priority::High),
        task("soon").line(2).due(1).priority(Priority::High),
        task("next year").line(3).due(60).priority(Priority::High),
        task("undated").line(4).priority(Priority::High),
    ];
    let d = digest(&[doc("m.md", tasks)]);
    let m = render_matrix(&d, false, 100, 10);
    assert!(m.contains("• 11-19 overdue · late"), "{m}");
    assert!(m.contains("• 11-22 · soon"), "{m}");
    assert!(m.contains("• 2027-01-20 · next year"), "{m}");
    assert!(m.contains("• undated"), "{m}");
    assert!(!m.contains("more"), "{m}");
    let one = render_matrix(&d, false, 100, 1);
    assert!(one.contains("+ 1 more") && !one.contains("soon"), "{one}");
    // The count in a header is the quadrant's, not the listed part's.
    let mut cut = d.clone();
    cut.r#do.truncate(1);
    let m = render_matrix(&cut, false, 100, 0);
    assert!(m.contains("Do (2)") && m.contains("+ 1 more"), "{m}");
}

#[test]
fn dates_are_relative_to_today() {
    assert_eq!(day(1).to_string(), "2026-11-22");
}

#[test]
fn html_page_sections_links_and_switches() {
    let page = render_html(&sample());
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n"),
        "{page}"
    );
    assert!(page.ends_with("</html>\n"));
    let headings: Vec<&str> = page
        .split("-title\">")
        .skip(1)
        // Regions end their start tag with `aria-labelledby="…-title">` and a line break.
        .filter(|s| !s.starts_with('\n'))
        .filter_map(|s| s.split('<').next())
        .collect();
    assert_eq!(
        headings,
        [
            "Eisenhower matrix",
            "Do ",
            "Schedule ",
            "Delegate ",
            "Eliminate ",
            "Waiting on",
            "Blocked",
            "Vital few",
            "Value work",
            "Effort balance",
            "Nudges",
            "Done since yesterday"
        ]
    );
    for want in [
        "data-quadrant=\"do\" data-count=\"1\" data-shown=\"1\"",
        "<span class=\"count\">1 task</span>",
        "<span class=\"count\">0 tasks</span>",
        "due <time datetime=\"2026-11-22\">2026-11-22</time>",
        "href=\"Projects/Big%20plan.md#L12\">Projects/Big plan.md:12</a>",
        "<strong class=\"overdue\">no follow-up date</strong>",
        "<span class=\"badge q-do\">Do</span>",
        "done <time datetime=\"2026-11-20\">2026-11-20</time>",
    ] {
        assert!(page.contains(want), "{want}\n{page}");
    }
    assert_eq!(page, render_html(&sample()), "deterministic");

    let mut d = sample();
    d.sections.eliminate = false;
    d.sections.nudges = false;
    d.sections.summary = false;
    let page = render_html_at(&d, "../a b/");
    assert!(!page.contains("id=\"eliminate\"") && !page.contains("id=\"nudges\""));
    assert!(!page.contains("class=\"summary\""));
    assert!(page.contains("href=\"../a%20b/inbox.md#L3\""), "{page}");
}

#[test]
fn html_cut_lists_say_how_many_more() {
    let docs = [doc(
        "a.md",
        (1..=4)
            .map(|i| {
                task(&format!("Task {i}"))
                    .line(i)
                    .due(-1)
                    .priority(Priority::High)
            })
            .collect(),
    )];
    let settings = DigestSettings {
        max_items: 2,
        ..DigestSettings::default()
    };
    let d = build(
        keep(&docs),
        today(),
        &ClassifySettings::default(),
        &settings,
    );
    let page = render_html(&d);
    assert!(page.contains("data-count=\"4\" data-shown=\"2\""), "{page}");
    assert!(
        page.contains("<p class=\"more\">… and 2 more (<code>ike list --quadrant do</code>)</p>"),
        "{page}"
    );
    // Two in Do, one in the vital few (the top 20% of four, rounded up).
    assert_eq!(
        page.matches("<strong class=\"overdue\">overdue</strong>")
            .count(),
        2 + 1
    );
}
fn digest_with(docs: &[Document], cs: &ClassifySettings, ds: &DigestSettings) -> Digest<'static> {
    build(keep(docs), today(), cs, ds)
}

#[test]
fn scalable_value_work_comes_first_and_weighs_more_in_the_vital_few() {
    let docs = [doc(
        "v.md",
        vec![
            task("urgent value").line(1).tag("learn").due(0),
            task("scalable value").line(2).tag("learn").tag("scalable"),
            task("production").line(3).impact(5),
            task("marked, not value").line(4).scalable(true).impact(2),
        ],
    )];
    let ds = DigestSettings {
        vital_few_share: 0.25,
        ..DigestSettings::default()
    };
    let d = digest_with(&docs, &ClassifySettings::default(), &ds);
    check_places(&d.value, &["v.md:2", "v.md:1"]);
    assert!(d.value[0].scalable && !d.value[1].scalable);
    // Leverage 3 counts double (6) and beats the production task's 5.
    check_places(&d.vital_few.tasks, &["v.md:2"]);
    assert_eq!(d.vital_few.tasks[0].leverage, 3.0, "shown unweighted");
    let md = render_markdown(&d);
    assert!(
        md.contains(
            "1) [ ] scalable value — impact 3 · 1h · leverage 3 · scalable ([v.md:2#000000]"
        ),
        "{md}"
    );
    assert!(
        md.contains("## Value work\n\n1) [ ] scalable value — scalable ([v.md:2#000000]"),
        "{md}"
    );

    // A factor of 1 takes the weight away.
    let plain = ClassifySettings {
        scalable_factor: 1.0,
        ..ClassifySettings::default()
    };
    let d = digest_with(&docs, &plain, &ds);
    check_places(&d.vital_few.tasks, &["v.md:3"]);
    check_places(&d.value, &["v.md:2", "v.md:1"]);
}

#[test]
fn routine_work_is_listed_to_hand_off_with_its_hours() {
    let d = digest(&[doc(
        "r.md",
        vec![
            task("file receipts").line(1).tag("admin").estimate(30),
            task("answer e-mail").line(2).tag("email").estimate(120),
            task("important admin")
                .line(3)
                .tag("admin")
                .priority(Priority::High),
            task("delegated admin").line(4).tag("admin").assignee("bob"),
            task("done admin").line(5).tag("admin").done(0),
            task("production").line(6),
            task("more e-mail").line(7).tag("email").estimate(120),
        ],
    )]);
    check_places(&d.hand_off.tasks, &["r.md:2", "r.md:7", "r.md:1"]);
    assert_eq!((d.hand_off.open, d.hand_off.hours), (3, 4.5));
    assert_eq!(d.counts.routine, 3);
    let md = render_markdown(&d);
    assert!(
        md.contains(
            "## Hand off or automate\n\n3 routine tasks (own, non-production, not important): \
             4.5 h estimated. Hand them off or automate them.\n\n\
             1) [ ] answer e-mail — 2h ([r.md:2#000000](r.md?plain=1#L2))\n"
        ),
        "{md}"
    );
    let json: serde_json::Value = serde_json::from_str(&render_json(&d)).unwrap_or_default();
    assert_eq!(json["hand_off"]["hours"], 4.5);
    assert_eq!(json["hand_off"]["tasks"][2]["line"], 1);
}

#[test]
fn shares_of_hours_nudge_when_busy_work_crowds_out_value_work() {
    let busy = [doc(
        "b.md",
        vec![
            task("paperwork").line(1).tag("admin").estimate(240),
            task("learn").line(2).tag("learn").estimate(60),
            task("work").line(3).estimate(60),
        ],
    )];
    let d = digest(&busy);
    assert_eq!(kinds(&d), [NudgeKind::TooMuchBusyWork]);
    assert_eq!(
        d.nudges[0].message,
        "Non-production work is 67 % of the estimated hours (more than 30 %): hand off \
         or automate the routine (see Hand off or automate)."
    );
    let lenient = DigestSettings {
        max_non_production_share: 0.7,
        ..DigestSettings::default()
    };
    assert_eq!(
        kinds(&digest_with(&busy, &ClassifySettings::default(), &lenient)),
        []
    );

    let little = [doc(
        "l.md",
        vec![
            task("learn").line(1).tag("learn").estimate(30),
            task("work").line(2).estimate(600),
        ],
    )];
    let d = digest(&little);
    assert_eq!(kinds(&d), [NudgeKind::LittleValueTime]);
    assert_eq!(
        d.nudges[0].message,
        "Value work is 5 % of the estimated hours (less than 10 %): no time is kept \
         for value production."
    );
    let modest = DigestSettings {
        min_value_share: 0.04,
        ..DigestSettings::default()
    };
    assert_eq!(
        kinds(&digest_with(&little, &ClassifySettings::default(), &modest)),
        []
    );
}

#[test]
fn waiting_on_shows_the_next_checkin_and_what_each_brief_lacks() {
    let long = "send the signed contract to the bank";
    let d = digest(&[doc(
        "w.md",
        vec![
            // Passed three days ago, weekly: next in four days.
            task(long)
                .line(1)
                .assignee("bob")
                .due(9)
                .followup(-3)
                .checkin("weekly"),
            // Passed a week ago, weekly: due today.
            task(long)
                .line(2)
                .assignee("bob")
                .due(9)
                .followup(-7)
                .checkin("weekly"),
            // Never set: every 3 days from the created date.
            task("call")
                .line(3)
                .assignee("bob")
                .created(-10)
                .checkin("every 3 days"),
            // Nothing at all.
            task("ask").line(4).assignee("bob"),
        ],
    )]);
    let bob = &d.waiting_on[0];
    check_places(&bob.tasks, &["w.md:2", "w.md:3", "w.md:1", "w.md:4"]);
    let next: Vec<_> = bob.tasks.iter().map(|e| e.next_checkin).collect();
    assert_eq!(next, [Some(day(0)), Some(day(2)), Some(day(4)), None]);
    assert_eq!((d.counts.followups_due, d.counts.missing_followups), (1, 1));
    assert_eq!(d.counts.brief_gaps, 2);
    let md = render_markdown(&d);
    for line in [
        "1) [ ] send the signed contract to the bank — due 2026-11-30 · **check-in due 2026-11-21** (weekly) ([w.md:2#000000](w.md?plain=1#L2))",
        "2) [ ] call — next check-in 2026-11-23 (every 3 days) · brief lacks: no deadline, no steps or outcome ([w.md:3#000000](w.md?plain=1#L3))",
        "3) [ ] send the signed contract to the bank — due 2026-11-30 · next check-in 2026-11-25 (weekly) ([w.md:1#000000](w.md?plain=1#L1))",
        "4) [ ] ask — **no follow-up date** · brief lacks: no deadline, no steps or outcome ([w.md:4#000000](w.md?plain=1#L4))",
    ] {
        assert!(md.lines().any(|l| l == line), "missing {line:?} in\n{md}");
    }
    let json: serde_json::Value = serde_json::from_str(&render_json(&d)).unwrap_or_default();
    let tasks = &json["waiting_on"][0]["tasks"];
    assert_eq!(tasks[1]["checkin"], "every 3 days");
    assert_eq!(tasks[1]["next_checkin"], "2026-11-23");
    assert_eq!(
        tasks[3]["brief_gaps"],
        serde_json::json!(["no-deadline", "no-check-in", "no-steps"])
    );
    assert_eq!(tasks[0]["brief_gaps"], serde_json::json!([]));
}

#[test]
fn sub_items_are_a_briefs_steps() {
    let mut docs = [doc(
        "s.md",
        vec![
            task("plan").line(1).assignee("bob").due(3).followup(1),
            task("book the room").line(2),
        ],
    )];
    docs[0].tasks[1].parent = Some(0);
    docs[0].tasks[1].parent_line = std::num::NonZeroU32::new(1);
    let d = digest(&docs);
    assert!(d.waiting_on[0].tasks[0].brief_gaps.is_empty());
    assert_eq!(d.counts.brief_gaps, 0);
}
