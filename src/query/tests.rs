//! Whole queries over small notes: filters, Boolean lines, sorting, grouping, limits and
//! errors, from the plugin's documented examples.

use super::*;
use crate::classify::{ClassifySettings, Dependencies};
use crate::model::Document;
use crate::parse::{ParseOptions, parse_document};

/// A Wednesday.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// The notes every test runs over: (path, text).
const NOTES: [(&str, &str); 4] = [
    (
        "inbox.md",
        "# Inbox\n\
         - [ ] call the bank 📅 2026-11-24\n\
         - [ ] renew passport 📅 2026-11-25 ⏫\n\
         - [x] pay rent 📅 2026-11-20 ✅ 2026-11-21\n\
         - [ ] plan trip #travel 🛫 2026-12-01\n\
         - [/] write report #work 📅 2026-11-27 ⏳ 2026-11-23\n",
    ),
    (
        "work/projects/alpha.md",
        "## Alpha\n\
         - [ ] ship alpha #work 🆔 alpha 📅 2026-12-10\n\
         - [ ] write docs #work #docs ⛔ alpha\n\
         \x20   - [ ] proofread 🔽\n\
         - [-] old idea ❌ 2026-11-01\n",
    ),
    (
        "work/beta.md",
        "- [ ] weekly review 🔁 every week 📅 2026-11-30\n\
         - [ ] Item 10 🔼\n\
         - [ ] Item 9 🔼\n",
    ),
    ("notes/empty.md", "No tasks here.\n"),
];

fn documents() -> Vec<Document> {
    let opts = ParseOptions::default();
    NOTES
        .iter()
        .map(|(path, text)| parse_document(path, text.as_bytes(), &opts))
        .collect()
}

/// A group's names and the `(path, line)` of its tasks.
type Found = (Vec<String>, Vec<(String, usize)>);

/// `(path, line)` of each task, grouped, for `source`.
fn results(source: &str) -> Vec<Found> {
    let docs = documents();
    let cs = ClassifySettings::default();
    let deps = Dependencies::of_documents(&docs, today(), &cs);
    let items: Vec<Item<'_>> = docs
        .iter()
        .flat_map(|d| d.tasks.iter().map(move |t| (d, t)))
        .map(|(d, t)| Item::new(d, t, &deps, &[], today()))
        .collect();
    let presets = BTreeMap::new();
    let ctx = Context {
        today: today(),
        file: Some("work/beta.md"),
        presets: &presets,
    };
    let query = parse(source, 1, &ctx).unwrap_or_else(|e| panic!("{source:?}: {e}"));
    let result = run(&query, items.as_slice());
    result
        .groups
        .into_iter()
        .map(|g| {
            let tasks = g
                .items
                .iter()
                .map(|&i| (items[i].doc.path.clone(), items[i].task.line()))
                .collect();
            (g.names, tasks)
        })
        .collect()
}

/// The `(path, line)` list of a query without groups, as `path:line` strings.
fn found(source: &str) -> Vec<String> {
    let groups = results(source);
    assert_eq!(groups.len(), 1, "{source:?} made groups");
    groups[0]
        .1
        .iter()
        .map(|(p, l)| format!("{p}:{l}"))
        .collect()
}

#[track_caller]
fn check(source: &str, expected: &[&str]) {
    let mut got = found(source);
    got.sort();
    let mut want: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
    want.sort();
    assert_eq!(got, want, "{source:?}");
}

#[track_caller]
fn check_order(source: &str, expected: &[&str]) {
    assert_eq!(found(source), expected, "{source:?}");
}

#[track_caller]
fn check_error(source: &str, line: usize, column: usize, part: &str) {
    let presets = BTreeMap::new();
    let ctx = Context {
        today: today(),
        file: None,
        presets: &presets,
    };
    let err = parse(source, 1, &ctx).expect_err(source);
    assert_eq!((err.line, err.column), (line, column), "{source:?}: {err}");
    assert!(
        err.message.contains(part),
        "{source:?}: {err} lacks {part:?}"
    );
}

#[test]
fn status_filters() {
    check("done", &["inbox.md:4", "work/projects/alpha.md:5"]);
    check("status.type is IN_PROGRESS", &["inbox.md:6"]);
    check(
        "status.type is not todo",
        &["inbox.md:4", "inbox.md:6", "work/projects/alpha.md:5"],
    );
    check("status.name includes progress", &["inbox.md:6"]);
    check(
        "not done\nstatus.name regex matches /^Todo$/\npath includes beta",
        &["work/beta.md:1", "work/beta.md:2", "work/beta.md:3"],
    );
}

#[test]
fn date_filters() {
    check(
        "due before tomorrow",
        &["inbox.md:2", "inbox.md:3", "inbox.md:4"],
    );
    check("due today", &["inbox.md:3"]);
    check("due on or before 2026-11-24", &["inbox.md:2", "inbox.md:4"]);
    check(
        "due after this week",
        &["work/projects/alpha.md:2", "work/beta.md:1"],
    );
    check("due in next week", &["work/beta.md:1"]);
    check(
        "due 2026-11-24 2026-11-27",
        &["inbox.md:2", "inbox.md:3", "inbox.md:6"],
    );
    check("due in two weeks", &[]);
    check("done on 2026-11-21", &["inbox.md:4"]);
    check("cancelled in 2026-11", &["work/projects/alpha.md:5"]);
    check("scheduled on or after monday", &["inbox.md:6"]);
}

#[test]
fn a_task_without_a_start_date_matches_starts_before() {
    let mut all = found("starts before tomorrow");
    all.sort();
    assert!(!all.contains(&"inbox.md:5".to_owned()), "starts 2026-12-01");
    assert_eq!(all.len(), 11, "{all:?}");
    check(
        "starts after 2026-11-30",
        &[
            "inbox.md:2",
            "inbox.md:3",
            "inbox.md:4",
            "inbox.md:5",
            "inbox.md:6",
            "work/projects/alpha.md:2",
            "work/projects/alpha.md:3",
            "work/projects/alpha.md:4",
            "work/projects/alpha.md:5",
            "work/beta.md:1",
            "work/beta.md:2",
            "work/beta.md:3",
        ],
    );
    check("has start date", &["inbox.md:5"]);
}

#[test]
fn happens_looks_at_start_scheduled_and_due() {
    // write report: scheduled 2026-11-23, due 2026-11-27: either date may match.
    check("happens on 2026-11-23", &["inbox.md:6"]);
    check("happens on 2026-11-27", &["inbox.md:6"]);
    check(
        "happens in 2026-12",
        &["inbox.md:5", "work/projects/alpha.md:2"],
    );
    check(
        "no happens date",
        &[
            "work/projects/alpha.md:3",
            "work/projects/alpha.md:4",
            "work/projects/alpha.md:5",
            "work/beta.md:2",
            "work/beta.md:3",
        ],
    );
}

#[test]
fn other_filters() {
    check("priority is high", &["inbox.md:3"]);
    check(
        "priority is above none",
        &["inbox.md:3", "work/beta.md:2", "work/beta.md:3"],
    );
    check("priority below none", &["work/projects/alpha.md:4"]);
    check("is recurring", &["work/beta.md:1"]);
    check("recurrence includes week", &["work/beta.md:1"]);
    check(
        "tags include #work",
        &[
            "inbox.md:6",
            "work/projects/alpha.md:2",
            "work/projects/alpha.md:3",
        ],
    );
    check("tag regex matches /^#do/", &["work/projects/alpha.md:3"]);
    check(
        "has tags\nnot done\ntags do not include work",
        &["inbox.md:5"],
    );
    check(
        "folder includes work/projects/",
        &[
            "work/projects/alpha.md:2",
            "work/projects/alpha.md:3",
            "work/projects/alpha.md:4",
            "work/projects/alpha.md:5",
        ],
    );
    check(
        "root includes work\nfilename includes beta",
        &["work/beta.md:1", "work/beta.md:2", "work/beta.md:3"],
    );
    check(
        "heading includes alpha\nnot done",
        &[
            "work/projects/alpha.md:2",
            "work/projects/alpha.md:3",
            "work/projects/alpha.md:4",
        ],
    );
    check(
        "description includes ITEM",
        &["work/beta.md:2", "work/beta.md:3"],
    );
    check(
        "description does not include e\nnot done",
        &["work/projects/alpha.md:2"],
    );
    check("id includes alp", &["work/projects/alpha.md:2"]);
    check("is blocking", &["work/projects/alpha.md:2"]);
    check("is blocked", &["work/projects/alpha.md:3"]);
    check("has depends on", &["work/projects/alpha.md:3"]);
    check(
        "path includes {{query.file.path}}",
        &["work/beta.md:1", "work/beta.md:2", "work/beta.md:3"],
    );
    check(
        "filename includes alpha\nexclude sub-items\nnot done",
        &["work/projects/alpha.md:2", "work/projects/alpha.md:3"],
    );
}

#[test]
fn boolean_combinations() {
    check("(due today) OR (priority is above medium)", &["inbox.md:3"]);
    check(
        "(is recurring) OR (tags include travel)",
        &["inbox.md:5", "work/beta.md:1"],
    );
    check(
        "(tags include work) AND NOT (done)",
        &[
            "inbox.md:6",
            "work/projects/alpha.md:2",
            "work/projects/alpha.md:3",
        ],
    );
    check(
        "NOT (path includes work)",
        &[
            "inbox.md:2",
            "inbox.md:3",
            "inbox.md:4",
            "inbox.md:5",
            "inbox.md:6",
        ],
    );
    check(
        "(has due date) XOR (tags include work)",
        &[
            "inbox.md:2",
            "inbox.md:3",
            "inbox.md:4",
            "work/projects/alpha.md:3",
            "work/beta.md:1",
        ],
    );
    check(
        "[description includes (maybe] OR [is recurring]",
        &["work/beta.md:1"],
    );
    check(
        "\"done\" AND \"path includes alpha\"",
        &["work/projects/alpha.md:5"],
    );
    // OR binds loosest: a OR (b AND c).
    check(
        "(is recurring) OR (tags include work) AND (done)",
        &["work/beta.md:1"],
    );
    check(
        "((is recurring) OR (tags include work)) AND (not done)",
        &[
            "inbox.md:6",
            "work/projects/alpha.md:2",
            "work/projects/alpha.md:3",
            "work/beta.md:1",
        ],
    );
    check(
        "(not done) OR NOT (path includes inbox)",
        &[
            "inbox.md:2",
            "inbox.md:3",
            "inbox.md:5",
            "inbox.md:6",
            "work/projects/alpha.md:2",
            "work/projects/alpha.md:3",
            "work/projects/alpha.md:4",
            "work/projects/alpha.md:5",
            "work/beta.md:1",
            "work/beta.md:2",
            "work/beta.md:3",
        ],
    );
}

#[test]
fn default_sort_is_status_urgency_due_priority_path() {
    check_order(
        "path includes inbox",
        &[
            "inbox.md:6", // due in two days (7.89), scheduled already (+5): 14.84
            "inbox.md:3", // due today (8.8), high priority (+6): 14.8
            "inbox.md:2", // overdue by a day: 11.21
            "inbox.md:5", // starts later: -3
            "inbox.md:4", // done last
        ],
    );
}

#[test]
fn sort_lines_come_before_the_default_order() {
    check_order(
        "path includes beta\nsort by description",
        &["work/beta.md:3", "work/beta.md:2", "work/beta.md:1"],
    );
    check_order(
        "path includes beta\nsort by description reverse",
        &["work/beta.md:1", "work/beta.md:2", "work/beta.md:3"],
    );
    check_order(
        "has due date\nsort by due",
        &[
            "inbox.md:4",
            "inbox.md:2",
            "inbox.md:3",
            "inbox.md:6",
            "work/beta.md:1",
            "work/projects/alpha.md:2",
        ],
    );
    check_order(
        "has happens date\nnot done\nsort by happens reverse\nlimit 2",
        &["work/projects/alpha.md:2", "inbox.md:5"],
    );
}

#[test]
fn groups_are_named_like_the_plugin_names_them() {
    let got = results("path includes inbox\ngroup by due");
    let names: Vec<&str> = got.iter().map(|(n, _)| n[0].as_str()).collect();
    assert_eq!(
        names,
        [
            "2026-11-20 Friday",
            "2026-11-24 Tuesday",
            "2026-11-25 Wednesday",
            "2026-11-27 Friday",
            "No due date",
        ]
    );
    let got = results("not done\ngroup by priority\ngroup by folder reverse\nlimit groups 1");
    let names: Vec<String> = got
        .iter()
        .map(|(n, t)| format!("{}|{}|{}", n[0], n[1], t.len()))
        .collect();
    assert_eq!(
        names,
        [
            "%%1%%High priority|/|1",
            "%%2%%Medium priority|work/|1",
            "%%3%%Normal priority|work/projects/|1",
            "%%3%%Normal priority|work/|1",
            "%%3%%Normal priority|/|1",
            "%%4%%Low priority|work/projects/|1",
        ]
    );
    let got = results("not done\ngroup by tags");
    let names: Vec<&str> = got.iter().map(|(n, _)| n[0].as_str()).collect();
    assert_eq!(names, ["#docs", "#travel", "#work", "(No tags)"]);
    let got = results("group by heading\ngroup by status.type");
    let names: Vec<String> = got.iter().map(|(n, _)| n.join("|")).collect();
    assert_eq!(
        names,
        [
            "(No heading)|%%2%%TODO",
            "Alpha|%%2%%TODO",
            "Alpha|%%5%%CANCELLED",
            "Inbox|%%1%%IN_PROGRESS",
            "Inbox|%%2%%TODO",
            "Inbox|%%4%%DONE",
        ]
    );
}

#[test]
fn limits_cut_the_results() {
    assert_eq!(found("not done\nlimit 2").len(), 2);
    assert_eq!(found("not done\nlimit to 3 tasks").len(), 3);
    assert_eq!(found("not done\nlimit to 1 task").len(), 1);
    assert_eq!(found("limit 0"), Vec::<String>::new());
}

#[test]
fn bad_lines_are_errors_with_their_place() {
    check_error(
        "not done\ndue before someday",
        2,
        1,
        "do not understand due date",
    );
    check_error("  frobnicate", 1, 3, "do not understand query");
    check_error("filter by function task.isDone", 1, 1, "not support");
    check_error("sort by function task.due", 1, 1, "not support");
    check_error("group by function task.due", 1, 1, "not support");
    check_error(
        "(done) AND (due someday)",
        1,
        13,
        "do not understand due date",
    );
    check_error("(done) AND [not done]", 1, 1, "one pair of delimiters");
    check_error("priority is urgent", 1, 1, "do not understand priority");
    check_error("limit many", 1, 1, "needs a number");
    check_error("path includes {{query.file.path}}", 1, 1, "--blocks");
    check_error("description regex matches /(/", 1, 1, "regex");
    check_error("urgency above 5", 1, 1, "not supported");
    check_error("hide everything", 1, 1, "hide/show");
    check_error("preset mine", 1, 1, "unknown preset");
}

#[test]
fn presets_stand_for_their_lines() {
    let presets: BTreeMap<String, String> =
        [("open".to_owned(), "not done\ngroup by folder".to_owned())]
            .into_iter()
            .collect();
    let ctx = Context {
        today: today(),
        file: None,
        presets: &presets,
    };
    let q = parse("preset open\nsort by due", 1, &ctx).unwrap();
    assert_eq!(q.filters.len(), 1);
    assert_eq!(q.groupers.len(), 1);
    assert_eq!(q.sorters.len(), 1);
    let presets: BTreeMap<String, String> = [
        ("outer".to_owned(), "preset open\nlimit 3".to_owned()),
        ("open".to_owned(), "not done".to_owned()),
        ("loop".to_owned(), "preset loop".to_owned()),
        ("bad".to_owned(), "frobnicate".to_owned()),
    ]
    .into_iter()
    .collect();
    let ctx = Context {
        today: today(),
        file: None,
        presets: &presets,
    };
    let q = parse("preset outer", 1, &ctx).unwrap();
    assert_eq!((q.filters.len(), q.limit), (1, Some(3)));
    let err = parse("done\n preset loop", 1, &ctx).unwrap_err();
    assert_eq!((err.line, err.column), (2, 2));
    assert!(err.message.contains("nested more than"), "{err}");
    let err = parse("preset bad", 1, &ctx).unwrap_err();
    assert!(
        err.message
            .contains("in preset `bad`: do not understand query"),
        "{err}"
    );
}

#[test]
fn explain_says_how_each_line_was_read() {
    let presets = BTreeMap::new();
    let ctx = Context {
        today: today(),
        file: None,
        presets: &presets,
    };
    let q = parse(
        "starts before tomorrow\n(done) OR (is recurring)\ngroup by due",
        1,
        &ctx,
    )
    .unwrap();
    let text = explain::explain(&q);
    assert!(
        text.contains("starts before tomorrow =>\n  start date is before 2026-11-26 (Thursday) OR no start date\n"),
        "{text}"
    );
    assert!(
        text.contains("OR (at least one of):\n    done\n    is recurring\n"),
        "{text}"
    );
    assert!(text.contains("group by due\n"), "{text}");
}

/// The filters decide a task without its urgency: [`Item::for_filters`] (urgency left
/// at 0) keeps the same tasks as [`Item::new`] for every kind of filter line.
#[test]
fn filters_never_read_the_urgency() {
    let docs = documents();
    let cs = ClassifySettings::default();
    let deps = Dependencies::of_documents(&docs, today(), &cs);
    let presets = BTreeMap::new();
    let ctx = Context {
        today: today(),
        file: Some("work/beta.md"),
        presets: &presets,
    };
    let tasks = || {
        docs.iter()
            .flat_map(|d| d.tasks.iter().map(move |t| (d, t)))
    };
    for source in [
        "not done",
        "done",
        "due before tomorrow",
        "happens after 2026-11-24",
        "has start date",
        "no due date",
        "priority is above none",
        "is recurring",
        "is blocked",
        "is not blocking",
        "status.type is IN_PROGRESS",
        "description includes item",
        "path includes work",
        "heading includes alpha",
        "tags include #work",
        "exclude sub-items",
        "(not done) AND (due before 2026-11-26)",
        "NOT (priority is high) OR (is recurring)",
    ] {
        let query = parse(source, 1, &ctx).unwrap_or_else(|e| panic!("{source:?}: {e}"));
        let whole: Vec<bool> = tasks()
            .map(|(d, t)| query.keeps(&Item::new(d, t, &deps, &[], today())))
            .collect();
        let filtered: Vec<bool> = tasks()
            .map(|(d, t)| query.keeps(&Item::for_filters(d, t, &deps, &[])))
            .collect();
        assert_eq!(filtered, whole, "{source:?}");
        assert!(
            whole.contains(&true),
            "{source:?} keeps no task: the comparison would be empty"
        );
    }
}
