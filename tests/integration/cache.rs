//! The persistent cache: cached and uncached runs print the same bytes on every
//! fixture, on the demo vault and on a generated vault; a damaged cache is discarded;
//! `--no-cache` and `cache: false` write nothing.

use crate::doc;
use crate::harness::{Output, Test, fixtures};

const TODAY: &str = "--today 2026-11-21";

/// The commands compared, each with and without the cache.
const COMMANDS: &[&str] = &[
    "list --format json",
    "list --format ndjson",
    "list --explain",
    "digest",
    "digest --format json",
    "matrix --color never",
    "check --color never",
];

fn cache_dir(t: &Test) -> std::path::PathBuf {
    t.path().join(".ike/cache")
}

fn shard_files(t: &Test) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(cache_dir(t))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .collect();
    files.sort();
    files
}

#[track_caller]
fn same(label: &str, want: &Output, got: &Output) {
    assert_eq!(
        got.code, want.code,
        "{label}: exit code; stderr:\n{}",
        got.stderr
    );
    assert_eq!(got.stdout, want.stdout, "{label}: stdout");
    assert_eq!(got.stderr, want.stderr, "{label}: stderr");
}

/// Run every command without the cache, then twice with it (the first run fills it, the
/// second reads it): all three print the same.
#[track_caller]
fn check_vault(t: &Test, name: &str) {
    for cmd in COMMANDS {
        let plain = t.run_with(&format!("{cmd} --no-cache {TODAY}"));
        let cold = t.run_with(&format!("{cmd} {TODAY}"));
        let warm = t.run_with(&format!("{cmd} {TODAY}"));
        same(&format!("{name}: {cmd} (cold cache)"), &plain, &cold);
        same(&format!("{name}: {cmd} (warm cache)"), &plain, &warm);
    }
}

/// Every folder of fixtures: the demo vault, each bad input, each fix case.
fn fixture_folders() -> Vec<String> {
    let mut names = vec!["demo".to_owned()];
    for group in ["bad", "fix"] {
        let mut sub: Vec<String> = std::fs::read_dir(fixtures().join(group))
            .expect("fixture group")
            .flatten()
            .filter(|e| e.path().is_dir())
            .map(|e| format!("{group}/{}", e.file_name().to_string_lossy()))
            .collect();
        sub.sort();
        names.extend(sub);
    }
    names
}

#[test]
fn every_fixture_prints_the_same_with_and_without_the_cache() {
    let names = fixture_folders();
    assert!(names.len() > 30, "{names:?}");
    for name in &names {
        let t = Test::fixture(name);
        check_vault(&t, name);
        assert!(
            name.ends_with("/empty") || !shard_files(&t).is_empty(),
            "{name}: the cache was written"
        );
    }
}

#[test]
fn a_generated_vault_prints_the_same_with_and_without_the_cache() {
    let mut t = Test::new();
    for i in 0..300 {
        t = t.file(&format!("n/{i:03}.md"), doc::generate(11, i).bytes);
    }
    check_vault(&t, "generated");
    // One note changed: the cache picks it up.
    let note = t.path().join("n/005.md");
    let mut text = std::fs::read_to_string(&note).expect("read");
    text.push_str("\n- [ ] a new task 📅 2026-11-22\n");
    std::fs::write(&note, text).expect("write");
    check_vault(&t, "generated, one note changed");
}

#[test]
fn a_damaged_cache_is_discarded() {
    let t = Test::fixture("demo");
    let want = t.run_with(&format!("digest --no-cache {TODAY}"));
    t.run_with(&format!("digest {TODAY}"));
    let shards = shard_files(&t);
    assert!(shards.len() >= 4, "{shards:?}");
    for (i, shard) in shards.iter().enumerate() {
        let bytes = std::fs::read(shard).expect("read");
        let damaged: Vec<u8> = match i % 4 {
            0 => bytes[..bytes.len() / 2].to_vec(),
            1 => b"not a cache at all".to_vec(),
            2 => {
                let mut b = bytes;
                b[9] ^= 0x55; // the format version
                b
            }
            _ => {
                let mut b = bytes;
                let mid = b.len() / 2;
                b[mid] ^= 0x01;
                b
            }
        };
        std::fs::write(shard, damaged).expect("write");
    }
    same("damaged", &want, &t.run_with(&format!("digest {TODAY}")));
    same("rewritten", &want, &t.run_with(&format!("digest {TODAY}")));
}

#[test]
fn an_edit_is_picked_up() {
    let t = Test::new().file("a.md", "- [ ] first 📅 2026-11-22\n");
    t.run_with(&format!("list --format ndjson {TODAY}"));
    // Same size, new bytes (the mtime moves with the write).
    std::fs::write(t.path().join("a.md"), "- [x] first 📅 2026-11-22\n").expect("write");
    let out = t.run_with(&format!("list --format ndjson {TODAY}"));
    assert!(out.stdout.contains("\"status\":\"done\""), "{}", out.stdout);
}

#[track_caller]
fn nothing_written(t: &Test) {
    assert!(!t.path().join(".ike").exists(), "nothing in .ike/");
}

#[test]
fn no_cache_flag_and_config_write_nothing() {
    let t = Test::fixture("demo");
    for cmd in COMMANDS {
        t.run_with(&format!("{cmd} --no-cache {TODAY}"));
    }
    nothing_written(&t);

    let t = Test::fixture("demo");
    let config = std::fs::read_to_string(t.path().join(".ike.yaml")).expect("config");
    std::fs::write(
        t.path().join(".ike.yaml"),
        format!("{config}\ncache: false\n"),
    )
    .expect("write config");
    for cmd in COMMANDS {
        let out = t.run_with(&format!("{cmd} {TODAY}"));
        assert_ne!(out.code, 2, "{cmd}: {}", out.stderr);
    }
    nothing_written(&t);
}

#[test]
fn an_unwritable_cache_is_one_warning() {
    let t = Test::fixture("demo").file(".ike", "not a folder");
    let want = t.run_with(&format!("digest --no-cache {TODAY}"));
    let out = t.run_with(&format!("digest {TODAY}"));
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout, want.stdout);
    let extra: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| !want.stderr.lines().any(|w| w == *l))
        .collect();
    assert_eq!(extra.len(), 1, "{extra:?}");
    assert!(
        extra[0].starts_with("ike: warning: cannot write the cache"),
        "{extra:?}"
    );
}

#[test]
fn fix_drops_the_entries_of_the_files_it_rewrote() {
    let t = Test::new().file("a.md", "- [x] done without a date\n");
    t.run_with(&format!("list --format ndjson {TODAY}"));
    let out = t.run_with(&format!("fix {TODAY}"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let listed = t.run_with(&format!("list --format ndjson {TODAY}"));
    assert!(
        listed.stdout.contains("\"done\":\"2026-11-21\""),
        "{}",
        listed.stdout
    );
}

/// The memo files of the cache (the digest's sheets kept beside the documents), with
/// their modification times.
fn memo_files(t: &Test) -> Vec<(std::path::PathBuf, std::time::SystemTime)> {
    shard_files(t)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("memo-"))
        .map(|p| {
            let modified = std::fs::metadata(&p)
                .and_then(|m| m.modified())
                .expect("mtime");
            (p, modified)
        })
        .collect()
}

/// The memo files of the cache and their bytes.
fn memo_contents(t: &Test) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    memo_files(t)
        .into_iter()
        .map(|(p, _)| {
            let bytes = std::fs::read(&p).expect("read a memo file");
            (p, bytes)
        })
        .collect()
}

#[test]
fn kept_digest_sheets_print_the_same_as_a_fresh_scan() {
    let mut t = Test::fixture("demo");
    for i in 0..200 {
        t = t.file(&format!("n/{i:03}.md"), doc::generate(7, i).bytes);
    }
    let digests = ["digest", "digest --format json", "matrix --color never"];
    let today = |day: &str| format!("--today {day}");
    t.run_with(&format!("digest {TODAY}"));
    // Notes are trusted on their stamp (and their kept sheets used) only once their
    // times are older than the cache's by a margin: wait it out once.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    t.run_with(&format!("digest {TODAY}"));
    let kept = memo_files(&t);
    assert!(!kept.is_empty(), "the sheets are kept");
    for day in ["2026-11-21", "2026-11-22", "2026-11-21"] {
        for cmd in digests {
            let plain = t.run_with(&format!("{cmd} --no-cache {}", today(day)));
            let warm = t.run_with(&format!("{cmd} {}", today(day)));
            same(&format!("{cmd} on {day}"), &plain, &warm);
        }
    }
    // The same day again reads the kept sheets and writes nothing.
    t.run_with(&format!("digest {TODAY}"));
    let before = memo_files(&t);
    t.run_with(&format!("digest {TODAY}"));
    assert_eq!(memo_files(&t), before, "nothing rewritten");
    // A later day moves the kept sheets to it: no sheet is made or written again.
    let on_day = |t: &Test, day: &str, label: &str| {
        for cmd in digests {
            let plain = t.run_with(&format!("{cmd} --no-cache {}", today(day)));
            let warm = t.run_with(&format!("{cmd} {}", today(day)));
            same(&format!("{cmd} on {day}, {label}"), &plain, &warm);
        }
    };
    let made = memo_contents(&t);
    on_day(&t, "2026-11-30", "a later day");
    assert!(memo_contents(&t) == made, "a new day rewrites no sheet");
    // A day before they were made for: the sheets are made again, for that day, and
    // stay right on the days after it.
    on_day(&t, "2026-11-19", "an earlier day");
    let remade = memo_contents(&t);
    assert!(
        remade != made,
        "the sheets are made again for an earlier day"
    );
    on_day(&t, "2026-11-21", "after an earlier day");
    assert!(
        memo_contents(&t) == remade,
        "made for an earlier day, kept later"
    );
    // A damaged memo file is refused and written again.
    let (damaged_path, mut damaged) = remade[0].clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x5a;
    std::fs::write(&damaged_path, &damaged).expect("damage a memo file");
    on_day(&t, "2026-11-21", "a damaged memo file");
    let rewritten = memo_contents(&t);
    assert!(
        rewritten.len() == remade.len() && rewritten[0].1 != damaged,
        "the damaged file is written again"
    );
    assert!(
        rewritten[1..] == remade[1..],
        "the other memo files are left alone"
    );
    on_day(&t, "2026-11-22", "after a damaged memo file");
    assert!(memo_contents(&t) == rewritten, "and then kept");
    // One note changed: its sheet is made again.
    let note = t.path().join("n/005.md");
    let mut text = std::fs::read_to_string(&note).expect("read");
    text.push_str("\n- [ ] a new task 📅 2026-11-22 ⏫\n");
    std::fs::write(&note, text).expect("write");
    for cmd in digests {
        let plain = t.run_with(&format!("{cmd} --no-cache {TODAY}"));
        same(
            &format!("{cmd}, one note changed"),
            &plain,
            &t.run_with(&format!("{cmd} {TODAY}")),
        );
    }
}

/// A warm digest trusts a note on its kept sheet without reading the note's document
/// shard; damaged document shards under intact memo files never change what any command
/// prints, and the first command that needs the documents writes them again.
#[test]
fn damaged_document_shards_under_kept_sheets_change_nothing() {
    let mut t = Test::fixture("demo");
    for i in 0..100 {
        t = t.file(&format!("n/{i:03}.md"), doc::generate(11, i).bytes);
    }
    let digest = format!("digest {TODAY}");
    let want = t.run_with(&format!("digest --no-cache {TODAY}"));
    let listed = t.run_with(&format!("list --format json --no-cache {TODAY}"));
    t.run_with(&digest);
    // Notes are trusted on their stamps only once older than the cache by a margin.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    t.run_with(&digest);
    let documents: Vec<_> = shard_files(&t)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("shard-"))
        .collect();
    assert!(documents.len() >= 4, "{documents:?}");
    for (i, shard) in documents.iter().enumerate() {
        let mut bytes = std::fs::read(shard).expect("read");
        // Past the header: a byte of an entry, the last byte, the entry count.
        let at = match i % 3 {
            0 => bytes.len() / 2,
            1 => bytes.len() - 1,
            _ => 48,
        };
        bytes[at] ^= 0x20;
        std::fs::write(shard, bytes).expect("damage a shard");
    }
    same("damaged shards", &want, &t.run_with(&digest));
    same("again", &want, &t.run_with(&digest));
    same(
        "a list reads the documents",
        &listed,
        &t.run_with(&format!("list --format json {TODAY}")),
    );
    same("after the list", &want, &t.run_with(&digest));
}
