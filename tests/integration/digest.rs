//! `ike digest` and `ike matrix` over the demo vault and small vaults: snapshots,
//! `--check` both ways, `--out` with `{date}`, config overrides, nudges, determinism.

use crate::harness::Test;

const TODAY: &str = "--today 2026-11-21";

#[test]
fn demo_digest_markdown_and_json() {
    let out = Test::fixture("demo").args("digest").args(TODAY).success();
    assert_eq!(out.stderr, "");
    crate::snapshot!("digest-demo-md", out.stdout);
    let out = Test::fixture("demo")
        .args("digest --format json")
        .args(TODAY)
        .success();
    let _: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    // Top-level keys in written order (pretty-printed: two-space indent).
    let keys: Vec<&str> = out
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("  \"")?.split('"').next())
        .collect();
    assert_eq!(
        keys,
        [
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
            "done_recently"
        ]
    );
    crate::snapshot!("digest-demo-json", out.stdout);
}

#[test]
fn demo_matrix() {
    let out = Test::fixture("demo")
        .args("matrix --color never")
        .args(TODAY)
        .success();
    for line in out.stdout.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "wider than 80 columns: {line}"
        );
    }
    crate::snapshot!("matrix-demo", out.stdout);
}

#[test]
fn same_vault_same_date_same_bytes() {
    let t = Test::fixture("demo").args("digest").args(TODAY);
    let a = t.success();
    let b = t.run();
    assert_eq!(a.stdout, b.stdout);
    let other_day = Test::fixture("demo")
        .args("digest --today 2026-11-22")
        .success();
    assert_ne!(a.stdout, other_day.stdout, "the date matters");
}

#[test]
fn out_file_with_date_links_back_to_the_root_and_check_both_ways() {
    let t = Test::fixture("demo")
        .args("digest --out digests/{date}.md")
        .args(TODAY);
    t.success();
    let path = t.path().join("digests/2026-11-21.md");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        written.contains("([inbox.md:8#34f48c](../inbox.md?plain=1#L8))"),
        "links are relative to digests/"
    );
    // The digest file is ike's own output: a second run does not read it as a note.
    let again = t.run();
    assert_eq!(again.code, 0);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);

    let check = Test::fixture("demo")
        .args("digest --out digests/{date}.md --check")
        .args(TODAY);
    std::fs::create_dir_all(check.path().join("digests")).unwrap();
    std::fs::write(check.path().join("digests/2026-11-21.md"), &written).unwrap();
    let out = check.expect(0);
    assert_eq!(out.stdout, "");
    let stale = written.replace("## Do", "## Do it");
    std::fs::write(check.path().join("digests/2026-11-21.md"), &stale).unwrap();
    let out = check.expect(1);
    assert!(out.stdout.contains("-## Do it\n+## Do\n"), "{}", out.stdout);
    assert_eq!(
        std::fs::read_to_string(check.path().join("digests/2026-11-21.md")).unwrap(),
        stale,
        "--check writes nothing"
    );
}

#[test]
fn check_without_a_file_is_a_usage_error() {
    Test::fixture("demo")
        .args("digest --check")
        .args(TODAY)
        .expect(2);
}

#[test]
fn config_sets_output_sections_and_thresholds() {
    let t = Test::new()
        .file(".ike.yaml", "me: ana\nclassification:\n  urgent_within_days: 0\ndigest:\n  out: today.md\n  sections:\n    eliminate: false\n    vital_few: false\n")
        .file("a.md", "- [ ] tomorrow 📅 2026-11-22 ⏫\n- [ ] someday\n")
        .args("digest")
        .args(TODAY);
    t.success();
    let text = std::fs::read_to_string(t.path().join("today.md")).unwrap();
    assert!(
        !text.contains("## Eliminate") && !text.contains("## Vital few"),
        "{text}"
    );
    let schedule = text
        .split("## Schedule")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    assert!(
        schedule.contains("tomorrow"),
        "with urgent_within_days 0, tomorrow is not urgent:\n{text}"
    );
}

#[test]
fn each_nudge_fires() {
    let mut urgent = String::new();
    for i in 0..9 {
        urgent.push_str(&format!("- [ ] urgent {i} 📅 2026-11-21 ⏫\n"));
    }
    let t = Test::new()
        .file(".ike.yaml", "me: ana\n")
        .file("a.md", urgent)
        .file("b.md", "- [ ] ask @bob\n")
        .args("digest --format json")
        .args(TODAY);
    let v: serde_json::Value = serde_json::from_str(&t.success().stdout).unwrap();
    let kinds: Vec<&str> = v["nudges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "everything-urgent",
            "too-much-to-do",
            "no-value-work",
            "missing-followups",
            "thin-briefs"
        ]
    );
    let calm = Test::new()
        .file("a.md", "- [ ] improve the process #improve\n")
        .args("digest --format json")
        .args(TODAY);
    let v: serde_json::Value = serde_json::from_str(&calm.success().stdout).unwrap();
    assert_eq!(v["nudges"].as_array().unwrap().len(), 0, "{}", v["nudges"]);
}

#[test]
fn long_sections_are_cut_and_point_to_ike_list() {
    let mut many = String::new();
    for i in 0..60 {
        many.push_str(&format!("- [ ] someday {i:02}\n"));
    }
    let t = Test::new().file("a.md", &many).args("digest").args(TODAY);
    let out = t.success();
    let eliminate = out
        .stdout
        .split("## Eliminate\n\n")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    assert_eq!(eliminate.lines().count(), 51, "{eliminate}");
    assert!(
        eliminate
            .ends_with("- … and 10 more (`ike list --today 2026-11-21 --section eliminate`)\n"),
        "{eliminate}"
    );
    assert!(
        out.stdout.contains("60 eliminate"),
        "the summary counts them all"
    );

    let json = t.run_with("digest --format json --today 2026-11-21");
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        (
            v["counts"]["eliminate"].as_u64(),
            v["eliminate"].as_array().unwrap().len()
        ),
        (Some(60), 50)
    );

    let t = Test::new()
        .file("a.md", &many)
        .file(".ike.yaml", "digest:\n  max_items: 0\n")
        .args("digest")
        .args(TODAY);
    let out = t.success();
    assert!(
        out.stdout.contains("someday 59") && !out.stdout.contains("more (`ike list"),
        "0 means no limit"
    );
}

#[test]
fn yesterdays_digest_is_not_read_as_a_note() {
    let t = Test::new()
        .file(".ike.yaml", "digest:\n  out: digests/{date}.md\n")
        .file(
            "digests/2026-11-20.md",
            "- [ ] a checkbox in yesterday's digest\n",
        )
        .file("digests/notes.md", "- [ ] a real note in the same folder\n")
        .file("a.md", "- [ ] real\n");
    let out = t.run_with("list --format ndjson --today 2026-11-21");
    assert_eq!(out.code, 0);
    let paths: Vec<String> = out
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["path"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(
        paths,
        ["a.md", "digests/notes.md"],
        "a note beside the digests is still a note"
    );
}
