//! docs/json.md documents every key of every JSON object ike writes: its tables are
//! compared with the keys of real `ike list` and `ike digest` output.

use crate::harness::{Test, fixtures};
use std::collections::{BTreeMap, BTreeSet};

/// The documented keys per heading: the first column of each table, split at `, `.
fn documented() -> BTreeMap<String, BTreeSet<String>> {
    let path = fixtures().join("../docs/json.md");
    let text = std::fs::read_to_string(path).expect("docs/json.md");
    let mut tables: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut heading = String::new();
    for line in text.lines() {
        if let Some(h) = line
            .strip_prefix("### ")
            .or_else(|| line.strip_prefix("## "))
        {
            heading = h.to_owned();
            continue;
        }
        let Some(cell) = line.strip_prefix("| `") else {
            continue;
        };
        let first = cell.split(" |").next().unwrap_or_default();
        for key in first.split(", ") {
            let key = key.trim_matches('`');
            tables
                .entry(heading.clone())
                .or_default()
                .insert(key.to_owned());
        }
    }
    tables
}

fn keys(value: &serde_json::Value) -> BTreeSet<String> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("an object: {value}"))
        .keys()
        .cloned()
        .collect()
}

#[track_caller]
fn same(docs: &BTreeMap<String, BTreeSet<String>>, heading: &str, real: BTreeSet<String>) {
    let documented = docs
        .get(heading)
        .unwrap_or_else(|| panic!("docs/json.md has no table under `{heading}`"));
    assert_eq!(
        documented, &real,
        "docs/json.md `{heading}`: documented keys (left) differ from the real ones (right)"
    );
}

#[test]
fn documented_keys_are_the_real_keys() {
    let docs = documented();
    let test = Test::fixture("demo").file("bad.md", "- [ ] pay 📅 2026-02-30\n");
    let list = test.run_with("list --format json --today 2026-11-21");
    let list: serde_json::Value = serde_json::from_str(&list.stdout).expect("list JSON");
    same(&docs, "List", keys(&list));
    same(&docs, "Task", keys(&list["tasks"][0]));
    same(&docs, "Problem", keys(&list["problems"][0]));

    let digest = test.run_with("digest --format json --today 2026-11-21");
    let d: serde_json::Value = serde_json::from_str(&digest.stdout).expect("digest JSON");
    // Query sections (`query_sections`) appear only when the config defines some.
    let sections = Test::new()
        .file(
            ".ike.yaml",
            "digest:\n  sections:\n    - title: Open\n      query: not done\n",
        )
        .file("a.md", "- [ ] One\n")
        .run_with("digest --format json --today 2026-11-21");
    let s: serde_json::Value = serde_json::from_str(&sections.stdout).expect("digest JSON");
    same(&docs, "Digest", keys(&s));
    let mut plain = keys(&s);
    plain.remove("query_sections");
    assert_eq!(keys(&d), plain, "the demo's digest has every other key");
    // `error` appears only when a query checked with the config fails to read later.
    let mut section = keys(&s["query_sections"][0]);
    assert!(section.insert("error".to_owned()), "no error here");
    same(&docs, "Query section", section);
    same(
        &docs,
        "Query section group",
        keys(&s["query_sections"][0]["groups"][0]),
    );
    same(&docs, "Counts", keys(&d["counts"]));
    same(&docs, "Entry", keys(&d["do"][0]));
    same(&docs, "Person", keys(&d["waiting_on"][0]));
    // A blocked task is an entry with more keys: the Blocked table lists those.
    let entry = docs.get("Entry").cloned().unwrap_or_default();
    let blocked = keys(&d["blocked"][0]).difference(&entry).cloned().collect();
    same(&docs, "Blocked", blocked);
    same(&docs, "Waited", keys(&d["blocked"][0]["waits_for"][0]));
    same(&docs, "Vital few", keys(&d["vital_few"]));
    same(&docs, "Effort line", keys(&d["effort_balance"][0]));
    same(&docs, "Nudge", keys(&d["nudges"][0]));

    let query = test.run_with("query --format json --today 2026-11-21 done");
    let q: serde_json::Value = serde_json::from_str(&query.stdout).expect("query JSON");
    same(&docs, "Query", keys(&q));
    same(&docs, "Query group", keys(&q["groups"][0]));
    let blocks = test
        .file("q.md", "```tasks\ndone\n```\n```tasks\nfrobnicate\n```\n")
        .run_with("query --blocks q.md --format json --today 2026-11-21");
    let b: serde_json::Value = serde_json::from_str(&blocks.stdout).expect("blocks JSON");
    same(&docs, "Query block", keys(&b["blocks"][1]));
}
