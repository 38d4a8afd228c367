//! The digest's "Blocked" section over small vaults: what each own blocked task waits for
//! (and who, when the blocker is delegated), bounded like every list, and the same tasks
//! `ike list --section blocked` lists.

use crate::harness::Test;

const TODAY: &str = "--today 2026-11-21";

/// The text of one `## TITLE` section of a Markdown digest.
fn section<'a>(md: &'a str, title: &str) -> &'a str {
    md.split(&format!("## {title}\n\n"))
        .nth(1)
        .unwrap_or_else(|| panic!("no {title} in {md}"))
        .split("\n## ")
        .next()
        .unwrap_or_default()
}

#[test]
fn a_blocked_task_shows_what_it_waits_for_and_who() {
    let t = Test::new()
        .file(".ike.yaml", "me: ana\n")
        .file(
            "plan.md",
            "- [ ] Write the brief 🆔 brief [assignee:: @bob]\n\
             - [ ] Check the budget 🆔 budget [assignee:: Ana]\n\
             - [x] Old thing 🆔 old ✅ 2026-11-01\n",
        )
        .file(
            "work.md",
            "- [ ] Design the mock-ups ⛔ brief,budget,old 📅 2026-11-23\n\
             - [ ] Review the mock-ups 🆔 review ⛔ brief\n\
             - [ ] Ship ⛔ review\n\
             - [ ] Free to start ⛔ old\n",
        )
        .args("digest")
        .args(TODAY);
    let out = t.success();
    let blocked = section(&out.stdout, "Blocked");
    // Own blocked tasks by urgency; a closed blocker holds nothing up ("Free to start"),
    // a blocker assigned to the user is not delegated, a chain shows each link.
    assert_eq!(
        blocked,
        "1) [ ] Design the mock-ups — due 2026-11-23 ([work.md:1#426820](work.md?plain=1#L1))\n\
         \x20  - waits for: Write the brief ([plan.md:1](plan.md?plain=1#L1)), delegated to bob; \
         Check the budget ([plan.md:2](plan.md?plain=1#L2))\n\
         2) [ ] Review the mock-ups ([work.md:2#5c6037](work.md?plain=1#L2))\n\
         \x20  - waits for: Write the brief ([plan.md:1](plan.md?plain=1#L1)), delegated to bob\n\
         3) [ ] Ship ([work.md:3#b62a19](work.md?plain=1#L3))\n\
         \x20  - waits for: Review the mock-ups ([work.md:2](work.md?plain=1#L2))\n",
    );
    assert!(
        out.stdout.contains("3 not startable yet"),
        "they are not startable: {}",
        out.stdout
    );

    let json = t.run_with("digest --format json --today 2026-11-21");
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("digest JSON");
    assert_eq!(v["counts"]["blocked"].as_u64(), Some(3));
    let first = &v["blocked"][0];
    assert_eq!(first["description"], "Design the mock-ups");
    assert_eq!(first["waits_for"][0]["delegated_to"], "bob");
    assert_eq!(first["waits_for"][0]["id"], "brief");
    assert!(first["waits_for"][1]["delegated_to"].is_null());
    assert_eq!(first["more_blockers"], 0);

    let html = t.run_with("digest --format html --today 2026-11-21");
    assert!(
        html.stdout.contains(
            "<span class=\"waits\">waits for: <span class=\"desc\">Write the brief</span> \
             <a class=\"src\" href=\"plan.md#L1\">plan.md:1</a>, delegated to bob; "
        ),
        "{}",
        html.stdout
    );
}

#[test]
fn the_section_and_each_entry_are_bounded() {
    let mut blockers = String::new();
    let mut blocked = String::new();
    for i in 0..5 {
        blockers.push_str(&format!("- [ ] Blocker {i} 🆔 b{i}\n"));
    }
    for i in 0..4 {
        blocked.push_str(&format!(
            "- [ ] Waiting {i} ⛔ b4,b3,b2,b1,b0 📅 2026-11-2{}\n",
            i + 2
        ));
    }
    let t = Test::new()
        .file(".ike.yaml", "digest:\n  max_items: 2\n")
        .file("a.md", &blockers)
        .file("b.md", &blocked)
        .args("digest")
        .args(TODAY);
    let out = t.success();
    let section = section(&out.stdout, "Blocked");
    let lines: Vec<&str> = section.lines().collect();
    assert_eq!(lines.len(), 5, "{section}");
    assert!(
        lines[0].starts_with("1) [ ] Waiting 0 — due 2026-11-22 "),
        "{section}"
    );
    assert_eq!(
        lines[1],
        "   - waits for: Blocker 4 ([a.md:5](a.md?plain=1#L5)); \
         Blocker 3 ([a.md:4](a.md?plain=1#L4)); Blocker 2 ([a.md:3](a.md?plain=1#L3)); and 2 more"
    );
    assert!(lines[2].starts_with("2) [ ] Waiting 1 — "), "{section}");
    assert_eq!(
        lines[4],
        "- … and 2 more (`ike list --today 2026-11-21 --section blocked`)"
    );

    // The command offered lists the whole section.
    let list = t.run_with("list --today 2026-11-21 --section blocked --format json");
    let v: serde_json::Value = serde_json::from_str(&list.stdout).expect("list JSON");
    let listed: Vec<&str> = v["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .filter_map(|t| t["description"].as_str())
        .collect();
    assert_eq!(listed, ["Waiting 0", "Waiting 1", "Waiting 2", "Waiting 3"]);
}
