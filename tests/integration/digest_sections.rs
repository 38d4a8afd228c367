//! Digest sections defined by queries (`digest.sections` as a list): rendered after the
//! standard sections in Markdown, JSON and HTML, bounded by `max_items`, a query that does
//! not read is a config error at its place in `.ike.yaml`.

use crate::harness::Test;

const TODAY: &str = "--today 2026-11-30 --no-cache";

const CONFIG: &str = "me: ana
digest:
  max_items: 3
  sections:
    - title: Due this week
      query: |
        not done
        due before 2026-12-08
    - title: By folder
      query: \"not done\\ngroup by folder\"
";

/// Two notes, a small config with two sections (the second grouped).
fn vault() -> Test {
    Test::new()
        .file(".ike.yaml", CONFIG)
        .file(
            "proj/a.md",
            "# A\n- [ ] Write plan 📅 2026-12-01\n- [ ] Call Bob #phone 📅 2026-12-03\n- [x] Old thing ✅ 2026-11-29\n",
        )
        .file(
            "b.md",
            "- [ ] Top-level task 📅 2026-12-20\n- [ ] Another ⏳ 2026-12-02\n",
        )
}

#[test]
fn query_sections_follow_the_standard_ones_in_markdown_and_json() {
    let out = vault().args("digest").args(TODAY).success();
    let md = &out.stdout;
    let done = md
        .find("## Done since yesterday")
        .expect("standard section");
    let week = md.find("## Due this week").expect("first query section");
    let folder = md.find("## By folder").expect("second query section");
    assert!(done < week && week < folder, "{md}");
    // Grouped by folder; three entries at most (`max_items`), the rest counted.
    assert!(md.contains("### proj/"), "{md}");
    assert!(md.ends_with("- … and 1 more\n"), "{md}");
    crate::snapshot!("digest-sections-md", out.stdout);

    let out = vault().args("digest --format json").args(TODAY).success();
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    let sections = v["query_sections"].as_array().expect("query_sections");
    assert_eq!(sections.len(), 2);
    assert_eq!(sections[0]["title"], "Due this week");
    assert_eq!(sections[0]["groups"][0]["tasks"][1]["line"], 3);
    assert_eq!(sections[1]["groups"][1]["names"][0], "proj/");
    assert_eq!(sections[1]["more"], 1);
    crate::snapshot!("digest-sections-json", out.stdout);

    let out = vault().args("digest --format html").args(TODAY).success();
    assert!(
        out.stdout
            .contains("<h2 id=\"query-2-title\">By folder</h2>"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_query_limit_replaces_max_items() {
    let config = CONFIG.replace("group by folder", "limit 1");
    let out = vault()
        .file(".ike.yaml", config)
        .args("digest")
        .args(TODAY)
        .success();
    let tail = &out.stdout[out.stdout.find("## By folder").expect("section")..];
    assert_eq!(tail.matches("[ ]").count(), 1, "{tail}");
    assert!(!tail.contains("more"), "{tail}");
}

#[test]
fn without_query_sections_there_is_no_key() {
    let out = Test::new()
        .file("a.md", "- [ ] One\n")
        .args("digest --format json")
        .args(TODAY)
        .success();
    assert!(!out.stdout.contains("query_sections"), "{}", out.stdout);
}

#[track_caller]
fn check_bad(config: &str, want: &str) {
    let out = Test::new()
        .file(".ike.yaml", config)
        .file("a.md", "- [ ] One\n")
        .args("digest")
        .args(TODAY)
        .expect(2);
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr.trim_end(), want);
}

#[test]
fn a_query_that_does_not_read_is_a_config_error_at_its_place() {
    check_bad(
        "digest:\n  sections:\n    - title: A\n      query: |\n        not done\n        due bfore tomorrow\n",
        "ike: error: ./.ike.yaml:6:9: digest.sections[1].query: do not understand due date",
    );
    check_bad(
        "digest:\n  sections:\n    - title: A\n      query: done\n    - title: B\n      query: \"sort by nonsense\"\n",
        "ike: error: ./.ike.yaml:6:15: digest.sections[2].query: do not understand query: unknown sort key `nonsense`",
    );
    check_bad(
        "digest:\n  sections:\n    - title: A\n      qury: done\n",
        "ike: error: ./.ike.yaml:4:7: digest.sections.qury: unknown key; the keys here are: title, query",
    );
}
