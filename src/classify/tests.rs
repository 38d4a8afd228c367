//! The classification boundaries, one table row each.

use super::task_builder::{TaskBuilder, task, today};
use super::*;
use crate::model::{Effort, Metadata, Priority, Status};

/// What a row expects; `None` fields are not checked.
#[derive(Debug, Default)]
struct Expect {
    urgent: Option<bool>,
    important: Option<bool>,
    quadrant: Option<Option<Quadrant>>,
    urgency: Option<f64>,
    startable: Option<bool>,
    delegated: Option<bool>,
    followup_due: Option<bool>,
    effort: Option<Effort>,
    impact: Option<u8>,
    estimate: Option<u32>,
    leverage: Option<f64>,
    /// Each of these must be one of the reasons, verbatim.
    reasons: &'static [&'static str],
}

#[track_caller]
fn check_with(s: &ClassifySettings, name: &str, task: TaskBuilder, e: Expect) {
    let c = classify(&task.build(), today(), s);
    let ctx = format!("{name}: {c:#?}");
    if let Some(v) = e.urgent {
        assert_eq!(c.urgent, v, "urgent, {ctx}");
    }
    if let Some(v) = e.important {
        assert_eq!(c.important, v, "important, {ctx}");
    }
    if let Some(v) = e.quadrant {
        assert_eq!(c.quadrant, v, "quadrant, {ctx}");
    }
    if let Some(v) = e.urgency {
        assert_eq!(c.urgency, v, "urgency, {ctx}");
    }
    if let Some(v) = e.startable {
        assert_eq!(c.startable, v, "startable, {ctx}");
    }
    if let Some(v) = e.delegated {
        assert_eq!(c.delegated, v, "delegated, {ctx}");
    }
    if let Some(v) = e.followup_due {
        assert_eq!(c.followup_due, v, "followup_due, {ctx}");
    }
    if let Some(v) = e.effort {
        assert_eq!(c.effort, v, "effort, {ctx}");
    }
    if let Some(v) = e.impact {
        assert_eq!(c.impact, v, "impact, {ctx}");
    }
    if let Some(v) = e.estimate {
        assert_eq!(c.estimate_minutes, v, "estimate, {ctx}");
    }
    if let Some(v) = e.leverage {
        assert_eq!(c.leverage, v, "leverage, {ctx}");
    }
    for reason in e.reasons {
        assert!(
            c.reasons.iter().any(|r| r == reason),
            "reason {reason:?}, {ctx}"
        );
    }
}

#[track_caller]
fn check(name: &str, task: TaskBuilder, e: Expect) {
    check_with(&ClassifySettings::default(), name, task, e);
}

fn me(name: &str) -> ClassifySettings {
    ClassifySettings {
        me: Some(name.to_owned()),
        ..ClassifySettings::default()
    }
}

#[test]
fn urgent_boundaries() {
    check(
        "due today+3 is urgent",
        task("a").due(3),
        Expect {
            urgent: Some(true),
            reasons: &["due 2026-11-24, within 3 days"],
            ..Expect::default()
        },
    );
    check(
        "due today+4 is not",
        task("a").due(4),
        Expect {
            urgent: Some(false),
            reasons: &["not urgent: due 2026-11-25, more than 3 days away"],
            ..Expect::default()
        },
    );
    check(
        "due today",
        task("a").due(0),
        Expect {
            urgent: Some(true),
            reasons: &["due 2026-11-21, today"],
            ..Expect::default()
        },
    );
    check(
        "overdue is urgent",
        task("a").due(-2),
        Expect {
            urgent: Some(true),
            reasons: &["overdue since 2026-11-19"],
            ..Expect::default()
        },
    );
    check(
        "long overdue is urgent",
        task("a").due(-400),
        Expect {
            urgent: Some(true),
            ..Expect::default()
        },
    );
    check(
        "scheduled today is urgent",
        task("a").scheduled(0),
        Expect {
            urgent: Some(true),
            reasons: &["scheduled 2026-11-21 (today or earlier)"],
            ..Expect::default()
        },
    );
    check(
        "scheduled tomorrow is not",
        task("a").scheduled(1),
        Expect {
            urgent: Some(false),
            reasons: &["not urgent: scheduled 2026-11-22 (after today)"],
            ..Expect::default()
        },
    );
    check(
        "#urgent tag",
        task("a").tag("Urgent"),
        Expect {
            urgent: Some(true),
            reasons: &["#urgent"],
            ..Expect::default()
        },
    );
    check(
        "explicit urgent: false beats #urgent and an overdue date",
        task("a").tag("urgent").due(-1).urgent(false),
        Expect {
            urgent: Some(false),
            reasons: &["explicit urgent: false"],
            ..Expect::default()
        },
    );
    check(
        "explicit urgent: true without any date",
        task("a").urgent(true),
        Expect {
            urgent: Some(true),
            reasons: &["explicit urgent: true"],
            ..Expect::default()
        },
    );
    check(
        "nothing makes it urgent",
        task("a"),
        Expect {
            urgent: Some(false),
            reasons: &["not urgent: no #urgent, no due or scheduled date"],
            ..Expect::default()
        },
    );
}

#[test]
fn urgent_window_is_configurable() {
    let s = ClassifySettings {
        urgent_within_days: 7,
        urgent_tag: "#now".to_owned(),
        ..ClassifySettings::default()
    };
    let urgent = Expect {
        urgent: Some(true),
        ..Expect::default()
    };
    check_with(&s, "due today+7 with 7 days", task("a").due(7), urgent);
    check_with(
        &s,
        "custom tag",
        task("a").tag("now"),
        Expect {
            urgent: Some(true),
            reasons: &["#now"],
            ..Expect::default()
        },
    );
    check_with(
        &s,
        "default tag no longer counts",
        task("a").tag("urgent"),
        Expect {
            urgent: Some(false),
            ..Expect::default()
        },
    );
}

#[test]
fn important_boundaries() {
    check(
        "medium priority is important",
        task("a").priority(Priority::Medium),
        Expect {
            important: Some(true),
            reasons: &["priority medium"],
            ..Expect::default()
        },
    );
    check(
        "low priority is not",
        task("a").priority(Priority::Low),
        Expect {
            important: Some(false),
            reasons: &[
                "not important: priority low below medium, effort production, impact 2 (from priority low) < 7",
            ],
            ..Expect::default()
        },
    );
    check(
        "no priority is not",
        task("a"),
        Expect {
            important: Some(false),
            impact: Some(3),
            ..Expect::default()
        },
    );
    check(
        "impact 7 is important",
        task("a").priority(Priority::Low).impact(7),
        Expect {
            important: Some(true),
            reasons: &["impact 7 ≥ 7"],
            ..Expect::default()
        },
    );
    check(
        "impact 6 is not",
        task("a").priority(Priority::Low).impact(6),
        Expect {
            important: Some(false),
            ..Expect::default()
        },
    );
    check(
        "value effort is important",
        task("a").effort(Effort::Value),
        Expect {
            important: Some(true),
            reasons: &["effort value"],
            ..Expect::default()
        },
    );
    check(
        "#important tag",
        task("a").tag("important"),
        Expect {
            important: Some(true),
            reasons: &["#important"],
            ..Expect::default()
        },
    );
    check(
        "explicit important: false beats high priority",
        task("a").priority(Priority::High).important(false),
        Expect {
            important: Some(false),
            reasons: &["explicit important: false"],
            ..Expect::default()
        },
    );
    check(
        "high priority gives impact 7 by default",
        task("a").priority(Priority::High),
        Expect {
            important: Some(true),
            impact: Some(7),
            reasons: &["priority high", "impact 7 (from priority high) ≥ 7"],
            ..Expect::default()
        },
    );
}

#[test]
fn own_priority_beats_front_matter() {
    let front_matter = Metadata {
        priority: Some(Priority::High),
        urgent: Some(true),
        ..Metadata::default()
    };
    check(
        "own low priority over the file's high",
        task("a").priority(Priority::Low).defaults(&front_matter),
        Expect {
            important: Some(false),
            impact: Some(2),
            urgency: Some(0.0), // no dates, low priority
            urgent: Some(true),
            reasons: &["explicit urgent: true"],
            ..Expect::default()
        },
    );
    check(
        "the file's priority when the task sets none",
        task("a").defaults(&front_matter),
        Expect {
            important: Some(true),
            urgency: Some(6.0),
            reasons: &["priority high"],
            ..Expect::default()
        },
    );
    check(
        "own urgent: false over the file's true",
        task("a").urgent(false).defaults(&front_matter),
        Expect {
            urgent: Some(false),
            ..Expect::default()
        },
    );
}

#[test]
fn effort_impact_estimate_leverage() {
    check(
        "effort from a tag",
        task("a").tag("Admin"),
        Expect {
            effort: Some(Effort::NonProduction),
            reasons: &["effort non-production from #Admin"],
            ..Expect::default()
        },
    );
    check(
        "value effort from a tag makes it important",
        task("a").tag("misc").tag("automate"),
        Expect {
            effort: Some(Effort::Value),
            important: Some(true),
            reasons: &["effort value from #automate", "effort value"],
            ..Expect::default()
        },
    );
    check(
        "explicit effort beats the tag",
        task("a").tag("admin").effort(Effort::NonValue),
        Expect {
            effort: Some(Effort::NonValue),
            ..Expect::default()
        },
    );
    check(
        "production by default",
        task("a"),
        Expect {
            effort: Some(Effort::Production),
            estimate: Some(60),
            impact: Some(3),
            leverage: Some(3.0),
            ..Expect::default()
        },
    );
    check(
        "leverage is impact per hour",
        task("a").impact(8).estimate(30),
        Expect {
            leverage: Some(16.0),
            ..Expect::default()
        },
    );
    check(
        "leverage rounded to two decimals",
        task("a").impact(1).estimate(90),
        Expect {
            leverage: Some(0.67),
            ..Expect::default()
        },
    );
    check(
        "a zero estimate stays finite",
        task("a").impact(5).estimate(0),
        Expect {
            leverage: Some(300.0),
            ..Expect::default()
        },
    );
}

#[test]
fn startable_and_urgency_terms() {
    check(
        "start tomorrow: not startable, −3",
        task("a").start(1),
        Expect {
            startable: Some(false),
            urgency: Some(-1.05),
            reasons: &["starts 2026-11-22 (not startable)"],
            ..Expect::default()
        },
    );
    check(
        "start today: startable",
        task("a").start(0),
        Expect {
            startable: Some(true),
            urgency: Some(1.95),
            ..Expect::default()
        },
    );
    check(
        "due today + medium = 12.7",
        task("a").due(0).priority(Priority::Medium),
        Expect {
            urgency: Some(12.7),
            ..Expect::default()
        },
    );
    check(
        "no due + high + scheduled and started yesterday = 11.0",
        task("a").priority(Priority::High).scheduled(-1).start(-1),
        Expect {
            urgency: Some(11.0),
            ..Expect::default()
        },
    );
    check(
        "high + scheduled and start tomorrow = 3.0",
        task("a").priority(Priority::High).scheduled(1).start(1),
        Expect {
            urgency: Some(3.0),
            ..Expect::default()
        },
    );
    check(
        "highest + 7 days overdue",
        task("a").priority(Priority::Highest).due(-7),
        Expect {
            urgency: Some(21.0),
            ..Expect::default()
        },
    );
    check(
        "lowest, due in 15 days",
        task("a").priority(Priority::Lowest).due(15),
        Expect {
            urgency: Some(0.6),
            ..Expect::default()
        },
    );
}

#[test]
fn delegation_and_followup() {
    check(
        "any assignee delegates when me is unset",
        task("a").assignee("@bob"),
        Expect {
            delegated: Some(true),
            reasons: &[
                "assigned to bob (not me: `me` is not set)",
                "no follow-up date",
            ],
            ..Expect::default()
        },
    );
    check_with(
        &me("Alice"),
        "assignee equal to me is not delegated",
        task("a").assignee("@alice"),
        Expect {
            delegated: Some(false),
            reasons: &["assigned to alice (me)"],
            ..Expect::default()
        },
    );
    check_with(
        &me("@alice"),
        "someone else is delegated",
        task("a").assignee("bob").followup(1),
        Expect {
            delegated: Some(true),
            followup_due: Some(false),
            reasons: &["assigned to bob (not me)", "follow-up 2026-11-22"],
            ..Expect::default()
        },
    );
    check(
        "follow-up today is due",
        task("a").assignee("bob").followup(0),
        Expect {
            followup_due: Some(true),
            reasons: &["follow-up due 2026-11-21"],
            ..Expect::default()
        },
    );
    check_with(
        &me("ana"),
        "the name me is always the user",
        task("a").assignee("me"),
        Expect {
            delegated: Some(false),
            reasons: &["assigned to me (me)"],
            ..Expect::default()
        },
    );
    check(
        "the name me is the user when me is unset",
        task("a").assignee("@Me"),
        Expect {
            delegated: Some(false),
            ..Expect::default()
        },
    );
    check_with(
        &me("Élodie"),
        "names compare with Unicode case folding",
        task("a").assignee("élodie"),
        Expect {
            delegated: Some(false),
            reasons: &["assigned to élodie (me)"],
            ..Expect::default()
        },
    );
    check(
        "no assignee, not delegated",
        task("a"),
        Expect {
            delegated: Some(false),
            followup_due: Some(false),
            ..Expect::default()
        },
    );
}

#[test]
fn quadrants() {
    let q = |quadrant| Expect {
        quadrant: Some(quadrant),
        ..Expect::default()
    };
    check(
        "do",
        task("a").due(0).priority(Priority::High),
        q(Some(Quadrant::Do)),
    );
    check(
        "schedule",
        task("a").priority(Priority::High),
        q(Some(Quadrant::Schedule)),
    );
    check("delegate", task("a").due(1), q(Some(Quadrant::Delegate)));
    check("eliminate", task("a"), q(Some(Quadrant::Eliminate)));
    check(
        "in progress is open",
        task("a").status(Status::InProgress),
        q(Some(Quadrant::Eliminate)),
    );
    check(
        "done has no quadrant",
        task("a").due(0).priority(Priority::High).done(0),
        Expect {
            quadrant: Some(None),
            urgent: Some(true),
            reasons: &["status done: closed, so in no quadrant"],
            ..Expect::default()
        },
    );
    check(
        "cancelled has no quadrant",
        task("a").status(Status::Cancelled),
        q(None),
    );
    check(
        "a configured status has no quadrant",
        task("a").status(Status::Named("on_hold".to_owned())),
        q(None),
    );
}

/// What the working-smart rules decide for one task.
#[derive(Debug, PartialEq)]
struct Smart {
    scalable: bool,
    vital_leverage: f64,
    routine: bool,
    next_checkin: Option<i64>,
    followup_due: bool,
}

#[track_caller]
fn check_smart(s: &ClassifySettings, name: &str, task: TaskBuilder, want: Smart, reason: &str) {
    let c = classify(&task.build(), today(), s);
    let got = Smart {
        scalable: c.scalable,
        vital_leverage: c.vital_leverage,
        routine: c.routine,
        next_checkin: c.next_checkin.map(|d| (d - today()).num_days()),
        followup_due: c.followup_due,
    };
    assert_eq!(got, want, "{name}: {:#?}", c.reasons);
    if !reason.is_empty() {
        assert!(
            c.reasons.iter().any(|r| r == reason),
            "{name}: no reason {reason:?} in {:#?}",
            c.reasons
        );
    }
}

fn smart(leverage: f64) -> Smart {
    Smart {
        scalable: false,
        vital_leverage: leverage,
        routine: false,
        next_checkin: None,
        followup_due: false,
    }
}

#[test]
fn working_smart_rules() {
    let d = ClassifySettings::default();
    let me = me("ana");
    let rows: [(&str, &ClassifySettings, TaskBuilder, Smart, &str); 12] = [
        (
            "scalable by tag",
            &d,
            task("screencast").tag("learn").tag("scalable"),
            Smart {
                scalable: true,
                vital_leverage: 6.0,
                ..smart(6.0)
            },
            "scalable: leverage 3 counts ×2 in the vital few (6)",
        ),
        (
            "scalable by field",
            &d,
            task("script")
                .effort(Effort::Value)
                .scalable(true)
                .impact(8)
                .estimate(120),
            Smart {
                scalable: true,
                vital_leverage: 8.0,
                ..smart(8.0)
            },
            "scalable:: true: scalable value work",
        ),
        (
            "explicit false beats the tag",
            &d,
            task("x").tag("learn").tag("scalable").scalable(false),
            smart(3.0),
            "",
        ),
        (
            "marked, but not value work",
            &d,
            task("x").tag("scalable"),
            smart(3.0),
            "#scalable: not value work, so not scalable value work",
        ),
        (
            "routine",
            &d,
            task("file receipts").tag("admin"),
            Smart {
                routine: true,
                ..smart(3.0)
            },
            "routine: own, open, non-production, not important",
        ),
        (
            "important admin is not routine",
            &d,
            task("x").tag("admin").priority(Priority::High),
            smart(7.0),
            "",
        ),
        (
            "delegated admin is not routine",
            &me,
            task("x").tag("admin").assignee("bob").followup(3),
            Smart {
                next_checkin: Some(3),
                ..smart(3.0)
            },
            "",
        ),
        (
            "done admin is not routine",
            &d,
            task("x").tag("admin").done(0),
            smart(3.0),
            "",
        ),
        (
            "cadence: a passed follow-up moves on",
            &me,
            task("x").assignee("bob").followup(-3).checkin("weekly"),
            Smart {
                next_checkin: Some(4),
                ..smart(3.0)
            },
            "check-in weekly: next 2026-11-25, from the follow-up 2026-11-18",
        ),
        (
            "cadence: due on a step",
            &me,
            task("x").assignee("bob").followup(-14).checkin("weekly"),
            Smart {
                next_checkin: Some(0),
                followup_due: true,
                ..smart(3.0)
            },
            "follow-up due 2026-11-21",
        ),
        (
            "cadence: nothing set yet, due today",
            &me,
            task("x").assignee("bob").checkin("every 2 weeks"),
            Smart {
                next_checkin: Some(0),
                followup_due: true,
                ..smart(3.0)
            },
            "check-in every 2 weeks: next 2026-11-21, today (no follow-up or created date yet)",
        ),
        (
            "cadence on my own task: the follow-up as written",
            &me,
            task("x").assignee("ana").followup(-3).checkin("weekly"),
            Smart {
                next_checkin: Some(-3),
                followup_due: true,
                ..smart(3.0)
            },
            "",
        ),
    ];
    for (name, s, task, want, reason) in rows {
        check_smart(s, name, task, want, reason);
    }
    let flat = ClassifySettings {
        scalable_factor: 1.0,
        ..ClassifySettings::default()
    };
    check_smart(
        &flat,
        "factor 1",
        task("x").tag("learn").tag("scalable"),
        Smart {
            scalable: true,
            ..smart(3.0)
        },
        "#scalable: scalable value work",
    );
}

/// Parse `notes`, build the dependency index, and classify the task on `line` of the
/// first note.
fn among(notes: &[&str], line: usize, me: Option<&str>) -> Classification {
    let s = ClassifySettings {
        me: me.map(str::to_owned),
        ..ClassifySettings::default()
    };
    let docs: Vec<_> = notes
        .iter()
        .enumerate()
        .map(|(i, text)| {
            crate::parse::parse_document(&format!("{i}.md"), text.as_bytes(), &Default::default())
        })
        .collect();
    let deps = Dependencies::of_documents(&docs, today(), &s);
    let task = docs[0]
        .tasks
        .iter()
        .find(|t| t.line() == line)
        .expect("a task on that line");
    classify_among(task, today(), &s, &deps, true)
}

#[track_caller]
fn check_links(c: &Classification, blocked: bool, blocking: bool, urgent: bool, reason: &str) {
    assert_eq!(
        (c.blocked, c.blocking, c.urgent),
        (blocked, blocking, urgent),
        "{c:#?}"
    );
    assert!(
        reason.is_empty() || c.reasons.iter().any(|r| r == reason),
        "reason {reason:?} in {:#?}",
        c.reasons
    );
}

#[test]
fn blocked_and_blocking() {
    let chain = "- [ ] Write the brief 🆔 brief [assignee:: bob]\n\
                 - [ ] Design the mock-ups ⛔ brief 📅 2026-11-22 ⏫\n\
                 - [x] Old step 🆔 old\n\
                 - [ ] After the old step ⛔ old ⏫\n";
    let blocked = among(&[chain], 2, Some("ana"));
    check_links(
        &blocked,
        true,
        false,
        true,
        "blocked: waits for `brief` (open, delegated to bob)",
    );
    assert!(!blocked.startable);
    assert_eq!(blocked.quadrant, Some(Quadrant::Schedule), "never in Do");
    assert_eq!(blocked.blocked_by, vec!["brief".to_owned()]);
    // The blocker of an urgent task is urgent too, with the reason.
    let blocker = among(&[chain], 1, Some("ana"));
    check_links(
        &blocker,
        false,
        true,
        true,
        "blocks “Design the mock-ups”, which is urgent",
    );
    // A done dependency blocks nothing.
    let free = among(&[chain], 4, Some("ana"));
    check_links(&free, false, false, false, "");
    assert!(free.startable);
    assert_eq!(free.quadrant, Some(Quadrant::Schedule));
    // Across notes, and through a chain: c waits for b, b for a; c is urgent.
    let a = "- [ ] A 🆔 a\n";
    let b = "- [ ] B 🆔 b ⛔ a\n";
    let c = "- [ ] C ⛔ b #urgent\n";
    check_links(
        &among(&[a, b, c], 1, None),
        false,
        true,
        true,
        "blocks “B”, which is urgent",
    );
    check_links(
        &among(&[b, a, c], 1, None),
        true,
        true,
        true,
        "blocks “C #urgent”, which is urgent",
    );
    // A cycle ends; both are blocked.
    let x = "- [ ] X 🆔 x ⛔ y #urgent\n- [ ] Y 🆔 y ⛔ x\n";
    check_links(&among(&[x], 1, None), true, true, true, "");
    check_links(
        &among(&[x], 2, None),
        true,
        true,
        true,
        "blocks “X #urgent”, which is urgent",
    );
    // Without the index, nothing is blocked.
    let alone = classify(
        &parse_one("- [ ] D ⛔ brief"),
        today(),
        &ClassifySettings::default(),
    );
    assert!(!alone.blocked && alone.startable);
}

fn parse_one(line: &str) -> crate::model::Task {
    crate::parse::parse_document("t.md", line.as_bytes(), &Default::default())
        .tasks
        .remove(0)
}

#[track_caller]
fn check_urgency_reasons(notes: &[&str], line: usize, want: &[&str]) {
    let c = among(notes, line, None);
    let urgency: Vec<&str> = c
        .reasons
        .iter()
        .map(String::as_str)
        .filter(|r| {
            r.starts_with("not urgent")
                || r.starts_with("blocks ")
                || r.starts_with("due ")
                || r.starts_with("explicit urgent")
        })
        .collect();
    assert_eq!(urgency, want, "{:#?}", c.reasons);
}

#[test]
fn a_blocker_made_urgent_says_why_and_never_not_urgent() {
    let c = "- [ ] C ⛔ b #urgent\n";
    // Not urgent by its own rules: the reason it is urgent is the urgent task it holds up.
    check_urgency_reasons(
        &["- [ ] B 🆔 b\n", c],
        1,
        &["blocks “C #urgent”, which is urgent"],
    );
    // Urgent by its own rules: those rules say so, as for any task.
    check_urgency_reasons(
        &["- [ ] B 🆔 b 📅 2026-11-21\n", c],
        1,
        &["due 2026-11-21, today"],
    );
    // Its own `urgent` field decides.
    check_urgency_reasons(
        &["- [ ] B 🆔 b [urgent:: false]\n", c],
        1,
        &["explicit urgent: false"],
    );
    // Blocking nothing urgent: not urgent, with its own reasons.
    check_urgency_reasons(
        &["- [ ] B 🆔 b\n", "- [ ] C ⛔ b\n"],
        1,
        &["not urgent: no #urgent, no due or scheduled date"],
    );
}
