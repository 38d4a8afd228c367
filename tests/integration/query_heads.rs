//! `ike query` from a warm cache decides filters on the tasks' heads and decodes only the
//! tasks it keeps (a `limit N` query: only the notes of its first N): its answers equal
//! those of a run without the cache, on generated vaults of both shapes and the fixtures,
//! for a table of queries that read heads only and queries that read more.

use crate::harness::{Test, copy_dir, fixtures};
use crate::{doc, real};

/// Queries (one line per argument) and what they exercise.
const QUERIES: &[&[&str]] = &[
    // The benchmark's two queries.
    &["not done", "limit 10"],
    &["not done", "due before tomorrow"],
    // Head filters, with a limit and the default order.
    &["done", "limit 5"],
    &["not done", "exclude sub-items", "limit 20"],
    &["(not done) AND (is recurring)", "limit 8"],
    &["priority is above none", "has scheduled date"],
    &["status.type is IN_PROGRESS"],
    &["happens before 2026-11-25", "NOT (done)", "limit 15"],
    &["no due date", "starts after 2026-10-01"],
    // Head filters without a limit: the skim decides each cached task from its head.
    &["is recurring"],
    &["not done", "is not recurring", "due before 2026-12-01"],
    &["exclude sub-items", "priority is high"],
    &["done", "done after 2026-11-01"],
    &[
        "(is recurring) OR (has start date)",
        "NOT (status.type is DONE)",
    ],
    &["scheduled on or before 2026-11-25", "created in 2026-10"],
    &["happens on 2026-11-21"],
    &["(due in next week) OR (cancelled date is invalid)"],
    &["NOT (done)", "priority is not none", "limit 11"],
    // Head filters, sorted by head keys and by text keys.
    &[
        "not done",
        "sort by priority",
        "sort by filename",
        "limit 7",
    ],
    &["not done", "sort by description", "limit 6"],
    // A `limit N` in an order of head keys: heads that cannot be among the first N are
    // dropped as the cache is read (decision 0092).
    &["not done", "sort by due reverse", "limit 3"],
    &["sort by done", "sort by priority reverse", "limit 12"],
    &[
        "not done",
        "sort by happens",
        "sort by recurring",
        "limit 1",
    ],
    &["sort by urgency reverse", "limit 25"],
    &["not done", "sort by scheduled", "sort by path", "limit 2"],
    &["not done", "limit 4", "group by filename"],
    &["due before tomorrow", "group by tags"],
    // Filters beyond the head: the whole path.
    &["description includes the", "limit 9"],
    &["not done", "tags include #q", "limit 9"],
    &["is blocked"],
    &["not done", "is not blocking", "limit 5"],
    &["has id"],
];

/// Every query of [`QUERIES`] over `t` in each format: the warm answer (the second run
/// with the cache) equals the answer without it.
#[track_caller]
fn same_with_and_without_the_cache(t: &Test, what: &str) {
    let root = t.path().display().to_string();
    for lines in QUERIES {
        for format in ["table", "json"] {
            let mut args = vec!["query", root.as_str()];
            args.extend_from_slice(lines);
            args.extend(["--format", format, "--today", "2026-11-21"]);
            let mut cold = args.clone();
            cold.push("--no-cache");
            let want = t.run_args_for_test(&cold);
            let first = t.run_args_for_test(&args);
            let warm = t.run_args_for_test(&args);
            for got in [&first, &warm] {
                assert_eq!(got.code, want.code, "{what} {lines:?} {format}");
                assert_eq!(got.stdout, want.stdout, "{what} {lines:?} {format}");
                assert_eq!(got.stderr, want.stderr, "{what} {lines:?} {format}");
            }
            assert!(!want.stdout.is_empty(), "{what} {lines:?} {format}");
        }
    }
}

#[test]
fn generated_vaults_answer_the_same_from_the_cache() {
    let mut default = Test::new();
    for i in 0..60 {
        default = default.file(&format!("d/{i:03}.md"), doc::generate(3, i).bytes);
    }
    same_with_and_without_the_cache(&default, "default shape");
    let mut shaped = Test::new();
    for i in 0..120 {
        shaped = shaped.file(&format!("r/{i:03}.md"), real::note(3, 120, i).bytes);
    }
    same_with_and_without_the_cache(&shaped, "real shape");
}

#[test]
fn the_fixtures_answer_the_same_from_the_cache() {
    let t = Test::new();
    copy_dir(&fixtures().join("query"), t.path());
    same_with_and_without_the_cache(&t, "fixtures/query");
}

#[test]
fn a_limit_query_reads_a_changed_note_as_it_is_now() {
    // The first N are chosen among the cached heads, then their notes are read again:
    // a note changed since the cache was written is read from disk, not from its entry.
    let t = Test::new()
        .file(
            "a.md",
            "- [ ] late 📅 2026-11-01\n- [ ] later 📅 2026-11-30\n",
        )
        .file("b.md", "- [ ] soon 📅 2026-11-10\n");
    let root = t.path().display().to_string();
    let query = [
        "query",
        root.as_str(),
        "not done",
        "limit 2",
        "--today",
        "2026-11-21",
    ];
    let before = t.run_args_for_test(&query);
    assert!(before.stdout.contains("late\n"), "{}", before.stdout);
    std::fs::write(
        t.path().join("a.md"),
        "- [ ] late, renamed 📅 2026-11-01\n- [ ] later 📅 2026-11-30\n",
    )
    .expect("write");
    let warm = t.run_args_for_test(&query);
    assert_eq!(warm.code, 0, "{}", warm.stderr);
    assert!(warm.stdout.contains("late, renamed"), "{}", warm.stdout);
    assert!(warm.stdout.contains("soon"), "{}", warm.stdout);
    assert!(!warm.stdout.contains("later"), "{}", warm.stdout);
}
