//! A fixture per bad input (`fixtures/bad/`, described in `fixtures/bad.txt`): each is
//! reported at `path:line:col`, never panics, and every other task is still read.

use crate::harness::Test;
use serde_json::Value;

/// `ike list --format json` over a bad fixture: (tasks, problems as `path:line:col: code`).
fn list(name: &str) -> (Vec<Value>, Vec<String>, String) {
    let out = Test::fixture(&format!("bad/{name}"))
        .args("list --format json --today 2026-11-21")
        .success();
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    let v: Value = serde_json::from_str(&out.stdout).expect("json");
    let tasks = v["tasks"].as_array().expect("tasks").clone();
    let problems = v["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            format!(
                "{}:{}:{}: {}",
                p["path"].as_str().unwrap(),
                p["line"],
                p["column"],
                p["code"].as_str().unwrap()
            )
        })
        .collect();
    (tasks, problems, out.stderr)
}

fn lines(tasks: &[Value]) -> Vec<String> {
    tasks
        .iter()
        .map(|t| format!("{}:{}", t["path"].as_str().unwrap(), t["line"]))
        .collect()
}

#[test]
fn every_bad_fixture_is_snapshotted() {
    let mut names: Vec<String> = std::fs::read_dir(crate::harness::fixtures().join("bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        let out = Test::fixture(&format!("bad/{name}"))
            .args("list --format ndjson --today 2026-11-21")
            .success();
        crate::snapshot!(
            format!("bad-{name}"),
            format!("--- stdout\n{}--- stderr\n{}", out.stdout, out.stderr)
        );
    }
}

#[test]
fn not_utf8_is_skipped_at_its_position_and_the_sibling_read() {
    let (tasks, problems, _) = list("not-utf8");
    assert_eq!(lines(&tasks), vec!["good.md:3"]);
    assert_eq!(problems, vec!["latin1.md:3:21: not-utf8"]);
}

#[test]
fn binary_file_is_skipped() {
    let (tasks, problems, _) = list("binary");
    assert_eq!(problems, vec!["image.md:1:1: not-utf8"]);
    assert_eq!(lines(&tasks), vec!["notes.md:3", "nul-in-text.md:1"]);
}

#[test]
fn empty_file_has_nothing() {
    let (tasks, problems, _) = list("empty");
    assert!(
        tasks.is_empty() && problems.is_empty(),
        "{tasks:?} {problems:?}"
    );
}

#[test]
fn file_over_the_default_limit_is_skipped() {
    let big = "- [ ] task\n".repeat((8 << 20) / 11 + 1);
    let want = format!(
        "big.md:1:1: error: file is {} bytes, over the 8388608 byte limit",
        big.len()
    );
    assert!(big.len() > 8 << 20);
    let out = Test::new()
        .file("big.md", big)
        .file("small.md", "- [ ] small\n")
        .args("list --format ndjson")
        .success();
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.stdout);
    assert!(out.stderr.contains(&want), "{}", out.stderr);
}

#[test]
fn deep_nesting_reads_all_four_tasks() {
    let (tasks, _, _) = list("deep-nesting");
    assert_eq!(
        lines(&tasks),
        vec!["deep.md:3", "deep.md:5", "deep.md:7", "deep.md:11"]
    );
}

#[test]
fn tabs_are_indentation() {
    let (tasks, _, _) = list("tabs");
    let got: Vec<(String, Value)> = tasks
        .iter()
        .map(|t| (format!("{}", t["line"]), t["parent_line"].clone()))
        .collect();
    let want: Vec<(String, Value)> = [
        ("3", Value::Null),
        ("4", 3.into()),
        ("5", 3.into()),
        ("6", 5.into()),
        ("7", Value::Null),
        ("8", Value::Null),
    ]
    .into_iter()
    .map(|(l, p)| (l.to_owned(), p))
    .collect();
    assert_eq!(got, want);
}
