//! Working smart over the demo vault and small vaults: `ike brief`, `ike list --routine`,
//! the Hand off section, and `fix.checkins`.

use crate::harness::Test;

const TODAY: &str = "--today 2026-11-21";

#[test]
fn demo_brief_markdown_and_json() {
    let out = Test::fixture("demo")
        .args("brief priya")
        .args(TODAY)
        .success();
    assert_eq!(out.stderr, "");
    crate::snapshot!("brief-demo-priya-md", out.stdout);
    // Any spelling of the name is the same person.
    let dan = Test::fixture("demo")
        .args("brief @DAN")
        .args(TODAY)
        .success();
    crate::snapshot!("brief-demo-dan-md", dan.stdout);
    let json = Test::fixture("demo")
        .args("brief priya --format json")
        .args(TODAY)
        .success();
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("valid JSON");
    assert_eq!(value["assignee"], "priya");
    assert_eq!(value["tasks"][0]["line"], 36);
    assert_eq!(value["tasks"][0]["next_checkin"], "2026-11-27");
    assert_eq!(value["tasks"][0]["steps"][0]["line"], 37);
    assert_eq!(
        value["tasks"][2]["brief_gaps"],
        serde_json::json!(["no-deadline", "no-steps"])
    );
}

#[test]
fn brief_out_is_an_output_file_written_only_when_it_changes() {
    let t = Test::fixture("demo")
        .args("brief carla --out briefs/carla-{date}.md")
        .args(TODAY);
    let out = t.success();
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("", ""));
    let path = t.path().join("briefs/carla-2026-11-21.md");
    let text = std::fs::read_to_string(&path).expect("brief written");
    let marker = format!("{}\n", ike::output_file::DIGEST_MARKER);
    assert!(
        text.starts_with(&format!("{marker}# For carla (2026-11-21)\n")),
        "{text}"
    );
    // Links are relative to the brief's folder.
    assert!(
        text.contains("(../meetings/2026-11-18-design-review.md#L19)"),
        "{text}"
    );
    let before = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    t.success();
    let after = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    assert_eq!(before, after, "unchanged bytes are not written again");
    // The brief is ike's own output: the next digest does not read its copy of the tasks.
    let digest = t.run_with("digest --today 2026-11-21 --format json");
    let value: serde_json::Value = serde_json::from_str(&digest.stdout).expect("json");
    assert!(value["counts"]["tasks"].as_u64().is_some());
}

#[test]
fn list_routine_is_the_hand_off_section() {
    let list = Test::fixture("demo")
        .args("list --routine --format json")
        .args(TODAY)
        .success();
    let value: serde_json::Value = serde_json::from_str(&list.stdout).expect("json");
    let tasks = value["tasks"].as_array().expect("tasks");
    assert_eq!(tasks.len(), 9);
    assert!(
        tasks
            .iter()
            .all(|t| t["routine"] == true && t["effort"] == "non-production")
    );
    let digest = Test::fixture("demo")
        .args("digest --format json")
        .args(TODAY)
        .success();
    let d: serde_json::Value = serde_json::from_str(&digest.stdout).expect("json");
    assert_eq!(d["hand_off"]["open"], 9);
    assert_eq!(d["counts"]["routine"], 9);
    assert_eq!(d["hand_off"]["hours"], 9.0);
}

#[test]
fn list_json_carries_the_new_fields() {
    let list = Test::fixture("demo")
        .args("list --format json --path meetings/2026-11-20-vendor-sync.md")
        .args(TODAY)
        .success();
    let value: serde_json::Value = serde_json::from_str(&list.stdout).expect("json");
    let task = |line: u64| {
        value["tasks"]
            .as_array()
            .and_then(|ts| ts.iter().find(|t| t["line"] == line))
            .cloned()
            .unwrap_or_default()
    };
    let negotiate = task(36);
    assert_eq!(negotiate["checkin"], "weekly");
    assert_eq!(negotiate["next_checkin"], "2026-11-27");
    assert_eq!(negotiate["brief_gaps"], serde_json::json!([]));
    let quotes = task(37);
    assert_eq!(quotes["checkin"], "every 2 weeks");
    assert_eq!(quotes["next_checkin"], "2026-11-24");
    assert_eq!(
        quotes["brief_gaps"],
        serde_json::json!(["no-deadline", "no-steps"])
    );
    let growth = Test::fixture("demo")
        .args("list --format json --path areas/growth.md")
        .args(TODAY)
        .success();
    let value: serde_json::Value = serde_json::from_str(&growth.stdout).expect("json");
    let scalable: Vec<_> = value["tasks"]
        .as_array()
        .map(|ts| {
            ts.iter()
                .filter(|t| t["scalable"] == true)
                .map(|t| t["line"].clone())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(scalable, [serde_json::json!(15)]);
}

#[test]
fn fix_checkins_is_off_by_default_and_moves_passed_followups_when_on() {
    let note = "- [ ] Ask [assignee:: bob] [followup:: 2026-10-30] [checkin:: weekly]\n";
    let off = Test::new().file("a.md", note).args("fix").args(TODAY);
    off.success();
    let text = std::fs::read_to_string(off.path().join("a.md")).expect("read");
    assert_eq!(text, note, "off by default");

    let on = Test::new()
        .file("a.md", note)
        .file(".ike.yaml", "fix:\n  checkins: true\n")
        .args("fix")
        .args(TODAY);
    on.success();
    let text = std::fs::read_to_string(on.path().join("a.md")).expect("read");
    assert_eq!(
        text,
        "- [ ] Ask [assignee:: bob] [followup:: 2026-11-27] [checkin:: weekly]\n"
    );
    let again = on.run_with("fix --check --today 2026-11-21");
    assert_eq!(again.code, 0, "nothing left to fix: {}", again.stdout);
}

#[test]
fn thresholds_come_from_the_config_file() {
    let nudges = |config: &str| {
        let out = Test::new()
            .file(".ike.yaml", config)
            .file(
                "a.md",
                "- [ ] paperwork #admin [estimate:: 2h]\n- [ ] learn #learn\n\
                 - [ ] work [estimate:: 3h]\n- [ ] ask @bob 📅 2026-11-30 [followup:: 2026-11-25]\n",
            )
            .args("digest --format json")
            .args(TODAY)
            .success();
        let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
        v["nudges"]
            .as_array()
            .map(|n| {
                n.iter()
                    .map(|n| n["kind"].as_str().unwrap_or("").to_owned())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    // 2 of 7 hours are busy work (29 %), 1 of 7 value (14 %); "ask" is two words.
    assert_eq!(nudges("me: ana\n"), ["thin-briefs"]);
    assert_eq!(
        nudges(
            "me: ana\nclassification:\n  brief_min_words: 2\n\
             digest:\n  max_non_production_share: 0.25\n  min_value_share: 0.15\n"
        ),
        ["too-much-busy-work", "little-value-time"]
    );
}
