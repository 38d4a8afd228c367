//! `ike list`: discovery rules, formats and filters.

use crate::harness::Test;

fn paths(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).expect("json");
    v["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| format!("{}:{}", t["path"].as_str().unwrap(), t["line"]))
        .collect()
}

#[test]
fn discovery_rules() {
    let t = Test::new()
        .file("a.md", "- [ ] a\n")
        .file("B.MARKDOWN", "- [ ] b\n")
        .file("notes.txt", "- [ ] not markdown\n")
        .file(".hidden.md", "- [ ] hidden\n")
        .file(".obsidian/x.md", "- [ ] hidden dir\n")
        .file(".gitignore", "ignored/\n")
        .file("ignored/c.md", "- [ ] gitignored\n")
        .file(".ignore", "also.md\n")
        .file("also.md", "- [ ] dot-ignored\n")
        .file("templates/t.md", "- [ ] template\n")
        .file("sub/deep/d.md", "- [ ] deep\n")
        .file(".ike.yaml", "exclude: [\"templates/**\"]\n")
        .args("list --format json");
    let out = t.success();
    assert_eq!(
        paths(&out.stdout),
        vec!["B.MARKDOWN:1", "a.md:1", "sub/deep/d.md:1"]
    );
    let all = Test::new()
        .file("templates/t.md", "- [ ] template\n")
        .file(".ike.yaml", "exclude: [\"templates/**\"]\n")
        .args("list --format json --no-config");
    assert_eq!(paths(&all.success().stdout), vec!["templates/t.md:1"]);
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed() {
    let t = Test::new().file("real/a.md", "- [ ] a\n");
    std::os::unix::fs::symlink(t.path().join("real"), t.path().join("link")).unwrap();
    std::os::unix::fs::symlink(t.path().join("real/a.md"), t.path().join("b.md")).unwrap();
    let out = t.args("list --format json").success();
    assert_eq!(paths(&out.stdout), vec!["real/a.md:1"]);
}

#[test]
fn oversized_file_is_skipped_with_a_problem() {
    let big = "- [ ] x\n".repeat(2000);
    let t = Test::new()
        .file("big.md", &big)
        .file("small.md", "- [ ] small\n")
        .file(".ike.yaml", "max_file_size: 1KiB\n")
        .args("list --format json");
    let out = t.success();
    assert_eq!(paths(&out.stdout), vec!["small.md:1"]);
    assert!(
        out.stderr
            .contains("big.md:1:1: error: file is 16000 bytes, over the 1024 byte limit"),
        "{}",
        out.stderr
    );
}

#[test]
fn filters() {
    let t = Test::new().file(
        "a.md",
        "- [ ] a #work\n- [x] b #home\n- [/] c #work/meet\n- [-] d\n- [ ] e @bob\n",
    );
    let rows: &[(&str, &[&str])] = &[
        ("--status todo", &["a.md:1", "a.md:5"]),
        ("--status done,cancelled", &["a.md:2", "a.md:4"]),
        ("--tag work", &["a.md:1", "a.md:3"]),
        ("--assignee bob", &["a.md:5"]),
        ("--path b.md", &[]),
        ("--path *.md --status in_progress", &["a.md:3"]),
    ];
    for (args, want) in rows {
        let out = Test::new()
            .file("a.md", std::fs::read(t.path().join("a.md")).unwrap())
            .args("list --format json")
            .args(args)
            .success();
        assert_eq!(paths(&out.stdout), *want, "{args}");
    }
}

#[test]
fn root_with_spaces_and_colour_choice() {
    let t = Test::new().file("my vault/a.md", "- [ ] a 📅 2026-01-01\n");
    let plain = Test::new()
        .file("my vault/a.md", "- [ ] a 📅 2026-01-01\n")
        .arg("list")
        .arg("my vault")
        .args("--color never --today 2026-11-21");
    let out = plain.success();
    assert!(
        out.stdout.contains("a.md:1") && !out.stdout.contains('\u{1b}'),
        "{}",
        out.stdout
    );
    let out = t
        .arg("list")
        .arg("my vault")
        .args("--color always --today 2026-11-21")
        .success();
    assert!(out.stdout.contains("\u{1b}["), "{}", out.stdout);
}

#[test]
fn demo_vault_json() {
    let out = Test::fixture("demo")
        .args("list --format json --today 2026-11-21")
        .success();
    assert_eq!(out.stderr, "", "the demo vault has no parse problems");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        v["tasks"].as_array().unwrap().len(),
        100,
        "fixtures/demo.txt counts 100 tasks"
    );
    crate::snapshot!("list-demo-json", out.stdout);
}

#[test]
fn demo_vault_formats() {
    for format in ["table", "md", "ndjson"] {
        let out = Test::fixture("demo")
            .args("list --today 2026-11-21 --color never --format")
            .arg(format)
            .success();
        crate::snapshot!(format!("list-demo-{format}"), out.stdout);
    }
}

#[test]
fn every_task_keeps_exact_spans_in_the_demo() {
    // The description of every demo task is made of bytes of its own line(s): a task
    // found at line N really starts there.
    let out = Test::fixture("demo")
        .args("list --format ndjson --today 2026-11-21")
        .success();
    for line in out.stdout.lines() {
        let t: serde_json::Value = serde_json::from_str(line).unwrap();
        let path = crate::harness::fixtures()
            .join("demo")
            .join(t["path"].as_str().unwrap());
        let text = std::fs::read_to_string(path).unwrap();
        let source_line = text
            .lines()
            .nth(t["line"].as_u64().unwrap() as usize - 1)
            .unwrap();
        let first_word = t["description"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap_or("");
        assert!(
            source_line.contains("[") && (source_line.contains(first_word)),
            "{line}\n{source_line}"
        );
    }
}
