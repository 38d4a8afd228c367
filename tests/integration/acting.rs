//! Closing tasks without opening the note: `ike done`, and boxes ticked in the digest that
//! `ike fix` applies, each checked byte by byte.

use crate::harness::Test;

fn read(t: &Test, rel: &str) -> String {
    std::fs::read_to_string(t.path().join(rel)).expect("read")
}

/// The `PATH:LINE#HASH` that `ike list` prints for the task at `place` (`PATH:LINE`).
fn listed(t: &Test, place: &str) -> String {
    let out = t.run_with("list --format md --no-cache --today 2026-11-21");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let start = format!("[{place}#");
    let line = out
        .stdout
        .lines()
        .find(|l| l.contains(&start))
        .unwrap_or_else(|| panic!("{place} in {}", out.stdout));
    let from = line.find(&start).unwrap() + 1;
    let len = line[from..].find(']').unwrap();
    line[from..from + len].to_owned()
}

const NOTE: &str = "\
# Tasks

- [ ] Call Bob 📅 2026-11-22
- [ ] Pay rent [due:: 2026-11-30]
- [ ] Water plants 🔁 every week 📅 2026-11-21
- [ ] Same 🆔 twin
- [ ] Other 🆔 twin
- [ ] Write report 🆔 rep
";

#[test]
fn done_closes_by_place_hash_and_id_as_fix_would() {
    let t = Test::new().file("a.md", NOTE);
    let rent = listed(&t, "a.md:4");
    let out = t
        .run_with("done --no-cache ./a.md:3 a.md:5 rep --today 2026-11-21")
        .code;
    assert_eq!(out, 0);
    let out = t.run_args_for_test(&[
        "done",
        "--no-cache",
        "--cancel",
        &rent,
        "--today",
        "2026-11-21",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "ike done: a.md:4 cancelled\n");
    assert_eq!(
        read(&t, "a.md"),
        "\
# Tasks

- [x] Call Bob 📅 2026-11-22 ✅ 2026-11-21
- [-] Pay rent [due:: 2026-11-30] [cancelled:: 2026-11-21]
- [ ] Water plants 🔁 every week 📅 2026-11-28
- [x] Water plants 🔁 every week 📅 2026-11-21 ✅ 2026-11-21
- [ ] Same 🆔 twin
- [ ] Other 🆔 twin
- [x] Write report 🆔 rep ✅ 2026-11-21
"
    );
    // Again: nothing to do, nothing written.
    let again = t.run_with("done --no-cache rep --today 2026-11-21");
    assert_eq!(again.code, 0);
    assert_eq!(
        again.stderr,
        "ike done: a.md:9 is already done; nothing to do\n"
    );
}

#[test]
fn done_refuses_with_the_reason_and_writes_nothing() {
    let t = Test::new().file("a.md", NOTE);
    let call = listed(&t, "a.md:3");
    std::fs::write(t.path().join("a.md"), NOTE.replace("Call Bob", "Call Rob")).unwrap();
    let before = read(&t, "a.md");
    for (args, reason) in [
        (
            vec![call.as_str()],
            "a.md:3:1: error: the task on line 3 changed since it was shown",
        ),
        (
            vec!["a.md:2"],
            "a.md:2:1: error: line 2 is not a task (any more); nothing changed",
        ),
        (vec!["twin"], "2 tasks have the id `twin` (a.md:6#"),
        (vec!["nope"], "no task has the id `nope`"),
        (vec!["../a.md:3"], "not a path inside the notes folder"),
        (
            vec!["a.md:3#xyz"],
            "a.md:3#xyz: `xyz` is not a task hash (six hexadecimal digits",
        ),
    ] {
        let mut all = vec!["done", "--no-cache", "--today", "2026-11-21"];
        all.extend(args);
        let out = t.run_args_for_test(&all);
        assert_eq!(out.code, 1, "{all:?}: {}", out.stderr);
        assert!(out.stderr.contains(reason), "{all:?}: {}", out.stderr);
        assert_eq!(read(&t, "a.md"), before, "{all:?}");
    }
    // The dry run shows the diff and writes nothing.
    let out = t.run_with("done --no-cache --dry-run a.md:3 --today 2026-11-21");
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.contains(
            "-- [ ] Call Rob 📅 2026-11-22\n+- [x] Call Rob 📅 2026-11-22 ✅ 2026-11-21\n"
        ),
        "{}",
        out.stdout
    );
    assert_eq!(read(&t, "a.md"), before);
}

/// Tick the box of the entry whose reference starts with `place` (`PATH:LINE#`).
fn tick(digest: &str, place: &str, mark: char) -> String {
    let needle = format!("([{place}#");
    let mut done = false;
    let out: Vec<String> = digest
        .split_inclusive('\n')
        .map(|line| {
            if !done && line.contains(&needle) {
                done = true;
                let at = line.find(") [ ] ").expect("an open box") + 3;
                let mut l = line.to_owned();
                l.replace_range(at..at + 1, &mark.to_string());
                l
            } else {
                line.to_owned()
            }
        })
        .collect();
    assert!(done, "{place} not in the digest");
    out.concat()
}

#[test]
fn ticking_in_the_digest_closes_the_sources_that_did_not_drift() {
    let t = Test::fixture("demo");
    let config = read(&t, ".ike.yaml") + "digest:\n  out: digests/{date}.md\n";
    std::fs::write(t.path().join(".ike.yaml"), config).unwrap();
    let out = t.run_with("digest --no-cache --quiet --today 2026-11-21");
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    let digest_path = "digests/2026-11-21.md";
    let digest = read(&t, digest_path);
    assert!(
        digest.contains("\n1) [ ] Finish the board deck outline"),
        "{digest}"
    );

    // Tick two boxes: one whose source stays, one whose source is edited meanwhile.
    let ticked = tick(
        &tick(&digest, "inbox.md:8", 'x'),
        "projects/hiring.md:18",
        'x',
    );
    std::fs::write(t.path().join(digest_path), &ticked).unwrap();
    let inbox = read(&t, "inbox.md");
    let hiring = read(&t, "projects/hiring.md");
    let edited = hiring.replace(
        "Send the take-home exercise to the two finalists",
        "Send the take-home exercise to the three finalists",
    );
    assert_ne!(edited, hiring);
    std::fs::write(t.path().join("projects/hiring.md"), &edited).unwrap();

    let out = t.run_with("fix --no-cache --today 2026-11-21");
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "projects/hiring.md:18:1: error: the task on line 18 changed since it was shown"
        ) && out.stderr.contains("(ticked in digests/2026-11-21.md:"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("ike fix: 1 task ticked in the digest closed: inbox.md:8\n"),
        "{}",
        out.stderr
    );
    assert_eq!(
        read(&t, "inbox.md"),
        inbox.replace(
            "- [ ] Answer the accountant's questions about VAT #email 📅 2026-11-23 ⏫\n",
            "- [x] Answer the accountant's questions about VAT #email 📅 2026-11-23 ⏫ ✅ 2026-11-21\n"
        )
    );
    assert_eq!(
        read(&t, "projects/hiring.md"),
        edited,
        "the drifted source is untouched"
    );
    assert_eq!(
        read(&t, digest_path),
        ticked,
        "the digest is left as the user ticked it"
    );

    // A second run closes nothing more, and the next digest no longer shows the task.
    let again = t.run_with("fix --no-cache --today 2026-11-21");
    assert_eq!(
        again.code, 1,
        "the drift is still reported: {}",
        again.stderr
    );
    assert!(
        !again.stderr.contains("ticked in the digest closed"),
        "{}",
        again.stderr
    );
    let out = t.run_with("digest --no-cache --today 2026-11-21");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let next = read(&t, digest_path);
    assert!(!next.contains("[ ] Answer the accountant's"), "{next}");
    assert!(
        next.contains("- Answer the accountant's questions about VAT #email — done 2026-11-21"),
        "{next}"
    );
    let clean = t.run_with("fix --check --no-cache --today 2026-11-21");
    assert_eq!(clean.code, 0, "{}", clean.stderr);
}

#[test]
fn a_dash_cancels_and_fix_check_counts_ticks() {
    let t = Test::new()
        .file(".ike.yaml", "digest:\n  out: digest.md\n")
        .file("a.md", "- [ ] Call Bob 📅 2026-11-22\n");
    assert_eq!(t.run_with("digest --no-cache --today 2026-11-21").code, 0);
    let digest = read(&t, "digest.md");
    std::fs::write(t.path().join("digest.md"), tick(&digest, "a.md:1", '-')).unwrap();
    let check = t.run_with("fix --check --no-cache --today 2026-11-21");
    assert_eq!(
        (check.code, check.stdout.as_str()),
        (1, "a.md: would be fixed\n")
    );
    assert_eq!(read(&t, "a.md"), "- [ ] Call Bob 📅 2026-11-22\n");
    let out = t.run_with("fix --no-cache --today 2026-11-21");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        read(&t, "a.md"),
        "- [-] Call Bob 📅 2026-11-22 ❌ 2026-11-21\n"
    );
}

#[test]
fn check_and_fix_speak_github_and_json() {
    let t = Test::new()
        .file("notes/a,b.md", "- [ ] Pay 📅 2026-02-30\n- [x] Paid\n")
        .file("notes/ok.md", "- [ ] fine\n");
    let out = t.run_with("check notes --no-cache --format github --today 2026-11-21");
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "::error file=notes/a%2Cb.md,line=1,col=13,title=ike invalid-date::invalid due date `2026-02-30`: no such day in the calendar\n"
    );
    let json = t.run_with("check notes --no-cache --format json --today 2026-11-21");
    assert_eq!(json.code, 1);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(
        (
            v["files"].as_u64(),
            v["errors"].as_u64(),
            v["warnings"].as_u64()
        ),
        (Some(2), Some(1), Some(0))
    );
    assert_eq!(v["problems"][0]["path"], "a,b.md");
    assert_eq!(v["problems"][0]["line"], 1);
    assert_eq!(v["problems"][0]["column"], 13);
    assert_eq!(v["problems"][0]["severity"], "error");
    assert_eq!(v["problems"][0]["code"], "invalid-date");
    let fix = t.run_with("fix notes --check --no-cache --format github --today 2026-11-21");
    assert_eq!(fix.code, 1, "{}", fix.stderr);
    assert_eq!(
        fix.stdout,
        "::error file=notes/a%2Cb.md,line=2,col=1,title=ike would-fix::`ike fix` would change this file (run it, or see `ike fix --dry-run`)\n"
    );
}

#[test]
fn the_readme_digest_excerpt_is_what_ike_prints() {
    let readme = std::fs::read_to_string(crate::harness::fixtures().join("../README.md")).unwrap();
    let start = readme
        .find("```markdown\n# Digest 2026-11-21")
        .expect("the excerpt");
    let excerpt = &readme[start + "```markdown\n".len()..];
    let excerpt = &excerpt[..excerpt.find("```").unwrap()];
    let out = Test::fixture("demo")
        .args("digest --no-cache --today 2026-11-21")
        .success();
    let mut checked = 0;
    for line in excerpt.lines().filter(|l| !l.is_empty() && *l != "…") {
        assert!(
            out.stdout.lines().any(|l| l == line),
            "README line not printed: {line}"
        );
        checked += 1;
    }
    assert!(checked >= 10, "{checked}");
}
