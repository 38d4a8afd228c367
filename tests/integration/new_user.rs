//! What a new user meets first: an empty or wrong folder, notes with problems, flags with
//! wrong values, paths that do not exist. Each test is named after what misled.

use crate::harness::Test;

const TODAY: &str = "--today 2026-11-21";

#[test]
fn an_empty_folder_says_that_nothing_was_found() {
    let out = Test::new().args("digest").args(TODAY).success();
    assert_eq!(
        out.stdout,
        "# Digest 2026-11-21\n\nNo notes found: ike reads the Markdown files (`.md`) under ROOT. \
         Is it the folder of your notes?\n"
    );
    let out = Test::new()
        .file("a.md", "# just text\n")
        .file("b.md", "no tasks\n")
        .args("digest")
        .args(TODAY)
        .success();
    assert_eq!(
        out.stdout,
        "# Digest 2026-11-21\n\nRead 2 notes: no tasks found (`- [ ] …`).\n"
    );
    let json = Test::new()
        .file("a.md", "text\n")
        .args("digest --format json")
        .args(TODAY)
        .success();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["counts"]["notes"], 1);
    assert_eq!(
        v["nudges"].as_array().map(Vec::len),
        Some(0),
        "no advice on nothing"
    );
}

#[test]
fn invalid_dates_are_counted_in_the_digest() {
    let out = Test::new()
        .file(
            "a.md",
            "- [ ] pay rent 📅 2026-02-31\n- [ ] call 📅 2026-13-01\n",
        )
        .args("digest")
        .args(TODAY)
        .run();
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.contains(
            "\n**Problems**: 2 in the notes (invalid dates or values, bad front matter…); \
             tasks with an invalid date may be misplaced. `ike check` lists them.\n"
        ),
        "{}",
        out.stdout
    );
    assert_eq!(out.stderr.lines().count(), 2, "{}", out.stderr);
}

#[test]
fn a_digest_prints_the_first_problems_and_points_to_ike_check() {
    let mut note = String::new();
    for i in 0..12 {
        note.push_str(&format!("- [ ] task {i} 📅 2026-02-3{}\n", i % 2));
    }
    let test = Test::new().file("a.md", &note);
    let out = test.run_with("digest --today 2026-11-21");
    assert_eq!(out.code, 0);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 6, "{}", out.stderr);
    assert_eq!(
        lines[5],
        "ike: … and 7 more problems; `ike check` lists them all"
    );
    let check = test.run_with("check --today 2026-11-21");
    assert_eq!(
        check
            .stdout
            .lines()
            .filter(|l| l.starts_with("a.md:"))
            .count()
            + check
                .stderr
                .lines()
                .filter(|l| l.starts_with("a.md:"))
                .count(),
        12,
        "ike check lists them all:\n{}\n{}",
        check.stdout,
        check.stderr
    );
}

#[test]
fn an_unknown_status_is_a_usage_error_that_lists_the_known_ones() {
    let test = Test::fixture("demo");
    let out = test.run_with("list --status waiting --today 2026-11-21");
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert_eq!(
        out.stderr,
        "ike: error: --status: unknown status `waiting`; use one of: todo, in_progress, done, \
         cancelled, on_hold (more in .ike.yaml's `statuses`)\n"
    );
    assert_eq!(out.stdout, "");
    // `in-progress` is `in_progress`; a configured status is known.
    for status in ["in-progress", "in_progress", "on_hold"] {
        let out = test.run_with(&format!("list --status {status} --format json {TODAY}"));
        assert_eq!(out.code, 0, "{status}: {}", out.stderr);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        let tasks = v["tasks"].as_array().unwrap();
        assert!(!tasks.is_empty(), "{status}");
        let want = status.replace('-', "_");
        assert!(
            tasks.iter().all(|t| t["status"] == want.as_str()),
            "{status}"
        );
    }
    for (args, flag) in [
        ("list --quadrant later", "--quadrant"),
        ("list --effort leisure", "--effort"),
        ("list --section later", "--section"),
        ("list --format yaml", "--format"),
        ("digest --format pdf", "--format"),
    ] {
        let out = test.run_with(args);
        assert_eq!(out.code, 2, "{args}");
        assert!(
            out.stderr.contains(flag) && out.stderr.contains("possible values"),
            "{args}: {}",
            out.stderr
        );
    }
}

#[test]
fn an_empty_table_says_so() {
    let out = Test::fixture("demo")
        .args("list --tag no-such-tag")
        .args(TODAY)
        .success();
    assert_eq!(out.stdout, "No tasks match.\n");
}

#[test]
fn a_folder_given_to_path_selects_the_notes_under_it() {
    let test = Test::new()
        .file("daily/2026-11-21.md", "- [ ] today\n")
        .file("daily/old/2026-01-01.md", "- [ ] old\n")
        .file("dailyish.md", "- [ ] not daily\n");
    for glob in ["daily", "daily/"] {
        let out = test.run_with(&format!("list --path {glob} --format json {TODAY}"));
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        let paths: Vec<&str> = v["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["path"].as_str().unwrap())
            .collect();
        assert_eq!(
            paths,
            ["daily/2026-11-21.md", "daily/old/2026-01-01.md"],
            "{glob}"
        );
    }
}

#[test]
fn a_wrong_root_or_out_is_said_before_scanning() {
    let test = Test::new().file("a.md", "- [ ] one\n").file("sub/x.md", "");
    let out = test.run_with("list no/such/folder");
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            2,
            "ike: error: no/such/folder: no such folder (give the folder of your notes as ROOT)\n"
        )
    );
    let out = test.run_with("list a.md");
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            2,
            "ike: error: a.md: a file, not a folder (give the folder of your notes as ROOT)\n"
        )
    );
    let out = test.run_with("digest --check --today 2026-11-21");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .starts_with("ike: error: --check compares with a file"),
        "{}",
        out.stderr
    );
    assert!(!test.path().join(".ike").exists(), "nothing was scanned");
    let out = test.run_with("digest --out sub --today 2026-11-21");
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            2,
            "ike: error: sub: a folder; give a file to write the digest to, e.g. sub/{date}.md\n"
        )
    );
}

#[test]
fn writing_the_digest_says_what_was_created_and_written() {
    let test = Test::new().file("a.md", "- [ ] one\n");
    let out = test.run_with("digest --out new/deeper/{date}.md --today 2026-11-21");
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stderr,
        "ike: created the folder new/deeper\nike: wrote new/deeper/2026-11-21.md\n"
    );
    assert!(test.path().join("new/deeper/2026-11-21.md").is_file());
    let again = test.run_with("digest --out new/deeper/{date}.md --today 2026-11-21");
    assert_eq!(
        again.stderr,
        "ike: new/deeper/2026-11-21.md is up to date\n"
    );
    let quiet = test.run_with("digest -q --out new/deeper/{date}.md --today 2026-11-22");
    assert_eq!((quiet.code, quiet.stderr.as_str()), (0, ""));
    assert!(test.path().join("new/deeper/2026-11-22.md").is_file());
}

#[test]
fn front_matter_project_is_in_the_json_and_a_filter() {
    let test = Test::new()
        .file(
            "apollo.md",
            "---\nproject: \"[[Apollo]]\"\n---\n- [ ] launch\n",
        )
        .file("other.md", "- [ ] elsewhere\n");
    let out = test.run_with("list --project apollo --format json --today 2026-11-21");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let tasks = v["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 1, "{}", out.stdout);
    assert_eq!(tasks[0]["project"], "Apollo");
    let all = test.run_with("list --format json --today 2026-11-21");
    let v: serde_json::Value = serde_json::from_str(&all.stdout).unwrap();
    assert_eq!(v["tasks"][1]["project"], serde_json::Value::Null);
}

#[test]
fn the_matrix_fits_columns_and_shows_as_many_as_asked() {
    let test = Test::fixture("demo").env("COLUMNS", "60");
    let out = test.run_with("matrix --color never --today 2026-11-21");
    assert_eq!(out.code, 0);
    for line in out.stdout.lines().skip(1) {
        assert_eq!(unicode_width::UnicodeWidthStr::width(line), 60, "{line}");
    }
    let wide = Test::fixture("demo")
        .env("COLUMNS", "120")
        .args("matrix --color never --limit 5")
        .args(TODAY)
        .success();
    let first = wide.stdout.lines().nth(1).unwrap();
    assert_eq!(unicode_width::UnicodeWidthStr::width(first), 120);
    assert!(wide.stdout.contains("overdue ·"), "{}", wide.stdout);
    // Do's first five tasks, then how many more.
    let do_cell: Vec<&str> = wide.stdout.lines().skip(3).take(6).collect();
    assert!(do_cell[5].contains("+ "), "{}", wide.stdout);
}

#[test]
fn wide_characters_keep_the_table_aligned() {
    let out = Test::new()
        .file("日本語.md", "- [ ] 日本語のタスク\n")
        .file("a.md", "- [ ] plain\n")
        .args("list --color never")
        .args(TODAY)
        .success();
    // The TASK column starts at one display column on every line.
    let columns: Vec<usize> = out
        .stdout
        .lines()
        .map(|l| {
            let at = l
                .find("TASK")
                .or_else(|| l.find("plain"))
                .or_else(|| l.find("日本語のタスク"));
            unicode_width::UnicodeWidthStr::width(&l[..at.unwrap()])
        })
        .collect();
    assert_eq!(columns.len(), 3, "{}", out.stdout);
    assert!(
        columns.windows(2).all(|w| w[0] == w[1]),
        "{columns:?}\n{}",
        out.stdout
    );
}

#[test]
fn man_pages_for_every_command() {
    let test = Test::new();
    let out = test.run_with("man --dir man1");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.starts_with("ike: wrote 13 man pages into man1"),
        "{}",
        out.stderr
    );
    let list = std::fs::read_to_string(test.path().join("man1/ike-list.1")).expect("ike-list.1");
    crate::snapshot!("man-ike-list", list);
    let top = test.run_with("man");
    assert!(
        top.stdout.contains("ike\\-list(1)"),
        "the top page points to the others"
    );
    assert_eq!(
        top.stdout.as_bytes(),
        std::fs::read(test.path().join("man1/ike.1")).unwrap()
    );
}

#[test]
fn global_options_are_refused_where_they_do_nothing() {
    for args in [
        "man --today 2026-11-21",
        "completions bash --no-cache",
        "man --color never",
    ] {
        let out = Test::new().run_with(args);
        assert_eq!(out.code, 2, "{args}");
        assert!(
            out.stderr.contains("does nothing for this command"),
            "{args}: {}",
            out.stderr
        );
    }
}

#[test]
fn digest_links_follow_where_the_digest_is_read() {
    let note = "- [ ] one 📅 2026-11-21\n";
    for (links, want) in [
        ("", "](a%20b.md?plain=1#L1))"),
        ("  links: github\n", "](a%20b.md?plain=1#L1))"),
        ("  links: obsidian\n", "](a%20b.md))"),
        ("  links: editor\n", "](a%20b.md#L1))"),
    ] {
        let out = Test::new()
            .file("a b.md", note)
            .file(".ike.yaml", format!("digest:\n  max_items: 50\n{links}"))
            .args("digest")
            .args(TODAY)
            .success();
        assert!(out.stdout.contains(want), "{links:?}: {}", out.stdout);
    }
    // A task with a block id is linked to itself in Obsidian.
    let out = Test::new()
        .file("a b.md", "- [ ] pay 📅 2026-11-21 ^inv42\n")
        .file(".ike.yaml", "digest:\n  links: obsidian\n")
        .args("digest")
        .args(TODAY)
        .success();
    assert!(out.stdout.contains("](a%20b.md#^inv42))"), "{}", out.stdout);
    let bad = Test::new()
        .file(".ike.yaml", "digest:\n  links: gitlab\n")
        .args("digest")
        .expect(2);
    assert!(
        bad.stderr
            .contains("digest.links: `gitlab` is not one of: github, obsidian, editor"),
        "{}",
        bad.stderr
    );
}

#[test]
fn a_markdown_list_saved_in_the_vault_adds_no_tasks() {
    let test = Test::fixture("demo");
    let before = test.run_with("list --format json --today 2026-11-21");
    let count = |out: &str| {
        let v: serde_json::Value = serde_json::from_str(out).unwrap();
        v["tasks"].as_array().unwrap().len()
    };
    let md = test.run_with("list --format md --today 2026-11-21");
    assert_eq!(md.code, 0);
    assert!(
        md.stdout
            .lines()
            .all(|l| l.starts_with("- **") || l.starts_with("  - ")),
        "{}",
        md.stdout
    );
    std::fs::write(test.path().join("all.md"), &md.stdout).unwrap();
    let after = test.run_with("list --format json --today 2026-11-21");
    assert_eq!(count(&after.stdout), count(&before.stdout));
}

#[test]
fn a_dry_run_shows_one_diff_of_the_archive_that_applies() {
    let test = Test::new()
        .file(".ike.yaml", "fix:\n  archive: true\n")
        .file(
            "archive.md",
            format!("{}\n# Archive\n", ike::output_file::ARCHIVE_MARKER),
        )
        .file("a.md", "- [x] old a ✅ 2026-01-01\n- [ ] open a\n")
        .file("b.md", "- [x] old b ✅ 2026-01-02\n- [ ] open b\n");
    let out = test.run_with("fix --dry-run --today 2026-11-21");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout.matches("--- a/archive.md").count(),
        1,
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            " # Archive\n+\n+## From a.md, archived 2026-11-21\n+\n+- [x] old a ✅ 2026-01-01\n\
                 +\n+## From b.md, archived 2026-11-21\n+\n+- [x] old b ✅ 2026-01-02\n"
        ),
        "{}",
        out.stdout
    );
}
