//! What ike guarantees about the files in and around a vault (docs/safety.md): output
//! files are ike's own, special files never hang or blow up a run, failed writes are
//! counted as failed, control characters never reach the terminal raw, stale temporary
//! files are cleaned up.

use crate::harness::{Output, Test};
use std::fs;
use std::path::Path;

const TODAY: &str = "2026-11-21";
const MARKER: &str = "<!-- written by ike";

/// `out` exited with `code` and said `message` on stderr.
#[track_caller]
fn said(out: &Output, code: i32, message: &str) {
    assert_eq!(out.code, code, "{}", out.stderr);
    assert!(out.stderr.contains(message), "{}", out.stderr);
}

#[test]
fn the_digest_never_replaces_a_note_it_did_not_write() {
    let t = Test::new()
        .file("a.md", "- [ ] task 📅 2026-11-21\n")
        .file("daily/2026-11-21.md", "# Today\n\nMy own words.\n");
    let out = t.run_within(
        30,
        &["digest", "--today", TODAY, "--out", "daily/{date}.md"],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("daily/2026-11-21.md: exists and was not written by ike"),
        "{}",
        out.stderr
    );
    assert_eq!(
        fs::read_to_string(t.path().join("daily/2026-11-21.md")).unwrap(),
        "# Today\n\nMy own words.\n"
    );
}

#[test]
fn the_digest_file_carries_the_marker_and_is_replaced_again() {
    let t = Test::new().file("a.md", "- [ ] task 📅 2026-11-21\n");
    let args = ["digest", "--today", TODAY, "--out", "out/digest.md"];
    assert_eq!(t.run_within(30, &args).code, 0);
    let first = fs::read_to_string(t.path().join("out/digest.md")).unwrap();
    assert!(first.starts_with(MARKER), "{first}");
    assert!(first.contains("\n# Digest 2026-11-21\n"), "{first}");
    // Its own file is replaced; `--check` agrees with what it wrote.
    fs::write(t.path().join("a.md"), "- [ ] other 📅 2026-11-21\n").unwrap();
    assert_eq!(t.run_within(30, &args).code, 0);
    let second = fs::read_to_string(t.path().join("out/digest.md")).unwrap();
    assert!(
        second.starts_with(MARKER) && second.contains("other"),
        "{second}"
    );
    let mut check = args.to_vec();
    check.push("--check");
    assert_eq!(t.run_within(30, &check).code, 0);
    // JSON carries it as its first key.
    let json = [
        "digest", "--today", TODAY, "--format", "json", "--out", "d.json",
    ];
    assert_eq!(t.run_within(30, &json).code, 0);
    let text = fs::read_to_string(t.path().join("d.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(v["written_by"], "ike");
    assert_eq!(t.run_within(30, &json).code, 0);
}

#[test]
fn a_config_path_must_stay_inside_the_vault() {
    let outside = tempfile::tempdir().unwrap();
    let rows = [
        "digest:\n  out: ../escaped.md\n".to_owned(),
        format!(
            "digest:\n  out: {}\n",
            outside.path().join("x.md").display()
        ),
        "digest:\n  out: link/x.md\n".to_owned(),
    ];
    for config in rows {
        let t = Test::new()
            .file("a.md", "- [ ] task\n")
            .file(".ike.yaml", &config);
        #[cfg(unix)]
        std::os::unix::fs::symlink(outside.path(), t.path().join("link")).unwrap();
        let out = t.run_within(30, &["digest", "--today", TODAY]);
        said(&out, 2, "points outside the vault");
        assert!(!t.path().parent().unwrap().join("escaped.md").exists());
        assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0, "{config}");
    }
}

#[test]
fn the_archive_is_ike_s_own_file() {
    let note = "- [x] old ✅ 2026-01-05\n- [ ] keep\n";
    let config = "fix:\n  archive: true\n";
    // A new archive starts with the marker.
    let t = Test::new().file("a.md", note).file(".ike.yaml", config);
    let out = t.run_within(30, &["fix", "--today", TODAY]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let archive = fs::read_to_string(t.path().join("archive.md")).unwrap();
    assert!(archive.starts_with(MARKER), "{archive}");
    assert!(archive.contains("- [x] old ✅ 2026-01-05"), "{archive}");
    // A note of the user's at that name is left alone, and so is the source.
    let t = Test::new()
        .file("a.md", note)
        .file(".ike.yaml", config)
        .file("archive.md", "# My archive, by hand\n");
    let out = t.run_within(30, &["fix", "--today", TODAY]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("archive.md:1:1: error: the archive file was not written by ike"),
        "{}",
        out.stderr
    );
    assert_eq!(
        fs::read_to_string(t.path().join("archive.md")).unwrap(),
        "# My archive, by hand\n"
    );
    assert_eq!(fs::read_to_string(t.path().join("a.md")).unwrap(), note);
    // An archive path outside the vault is refused.
    let t = Test::new().file("a.md", note).file(
        ".ike.yaml",
        "fix:\n  archive: true\n  archive_file: ../archive.md\n",
    );
    let out = t.run_within(30, &["fix", "--today", TODAY]);
    said(&out, 1, "points outside the vault");
    assert!(!t.path().parent().unwrap().join("archive.md").exists());
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn special_files_never_hang_or_grow() {
    let t = Test::new().file("a.md", "- [ ] task\n");
    mkfifo(&t.path().join("fifo.md"));
    mkfifo(&t.path().join("fifo.yaml"));
    std::os::unix::fs::symlink("/dev/zero", t.path().join("zero.md")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", t.path().join("zero.json")).unwrap();
    let rows: [(&[&str], i32, &str); 6] = [
        (
            &["digest", "--out", "/dev/zero"],
            2,
            "/dev/zero: is a device",
        ),
        (&["digest", "--out", "fifo.yaml"], 2, "fifo.yaml: is a FIFO"),
        (
            &["digest", "--out", "zero.json"],
            2,
            "zero.json: is a symbolic link",
        ),
        (
            &["list", "--config", "/dev/zero"],
            2,
            "/dev/zero: cannot read the config file: is a device",
        ),
        (
            &["list", "--config", "fifo.yaml"],
            2,
            "fifo.yaml: cannot read the config file: is a FIFO",
        ),
        // A FIFO note is never opened for a blocking read (and a link is not followed).
        (&["list", "--no-cache"], 0, ""),
    ];
    for (args, code, message) in rows {
        said(&t.run_within(20, args), code, message);
    }
    // Following links, the FIFO and the device are reported, not read.
    let t2 = Test::new()
        .file("a.md", "- [ ] task\n")
        .file(".ike.yaml", "follow_links: true\n");
    mkfifo(&t2.path().join("fifo.md"));
    std::os::unix::fs::symlink("/dev/zero", t2.path().join("zero.md")).unwrap();
    let out = t2.run_within(20, &["list", "--no-cache"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("task"), "{}", out.stdout);
}

#[cfg(unix)]
#[test]
fn a_planted_cache_is_never_followed() {
    // A shard that is a link to an endless device, or a FIFO: read as no cache.
    let t = Test::new().file("a.md", "- [ ] task\n");
    assert_eq!(t.run_within(30, &["list"]).code, 0);
    let cache = t.path().join(".ike/cache");
    let shards: Vec<_> = fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .collect();
    assert!(!shards.is_empty());
    fs::remove_file(&shards[0]).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &shards[0]).unwrap();
    if let Some(second) = shards.get(1) {
        fs::remove_file(second).unwrap();
        mkfifo(second);
    }
    let out = t.run_within(30, &["list"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("task"), "{}", out.stdout);
    // The cache folder itself a link out of the vault: not followed, reported once.
    let outside = tempfile::tempdir().unwrap();
    let t = Test::new().file("a.md", "- [ ] task\n");
    fs::create_dir_all(t.path().join(".ike")).unwrap();
    std::os::unix::fs::symlink(outside.path(), t.path().join(".ike/cache")).unwrap();
    let out = t.run_within(30, &["list"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("task"), "{}", out.stdout);
    assert_eq!(
        out.stderr
            .matches("is a symbolic link; not followed")
            .count(),
        1,
        "{}",
        out.stderr
    );
    assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0);
}

/// Make `dir` refuse new files: `chmod 555`, or, for root (whom modes do not stop),
/// the immutable attribute. Returns the command that undoes it.
#[cfg(target_os = "linux")]
fn make_read_only(dir: &Path) -> Box<dyn Fn()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).unwrap();
    if fs::write(dir.join(".probe"), "").is_err() {
        let d = dir.to_path_buf();
        return Box::new(move || {
            fs::set_permissions(&d, fs::Permissions::from_mode(0o755)).unwrap();
        });
    }
    fs::remove_file(dir.join(".probe")).unwrap();
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
    let status = std::process::Command::new("chattr")
        .arg("+i")
        .arg(dir)
        .status()
        .expect("chattr (root needs it to make a folder read-only)");
    assert!(status.success(), "chattr +i failed");
    let d = dir.to_path_buf();
    Box::new(move || {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&d)
            .status();
    })
}

#[cfg(target_os = "linux")]
#[test]
fn fix_counts_only_what_landed() {
    let t = Test::new()
        .file("a.md", "- [x] one\n")
        .file("locked/b.md", "- [x] two\n- [x] three\n");
    let undo = make_read_only(&t.path().join("locked"));
    let out = t.run_within(30, &["fix", "--today", TODAY, "--no-cache"]);
    undo();
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("ike fix: 1 file changed: 1 done_date; 1 could not be written"),
        "{}",
        out.stderr
    );
    let failures: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("locked/b.md:1:1: error:"))
        .collect();
    assert_eq!(failures.len(), 1, "{}", out.stderr);
    assert_eq!(
        failures[0].matches("os error").count(),
        1,
        "{}",
        failures[0]
    );
    assert_eq!(
        fs::read_to_string(t.path().join("locked/b.md")).unwrap(),
        "- [x] two\n- [x] three\n"
    );
    assert_eq!(
        fs::read_to_string(t.path().join("a.md")).unwrap(),
        "- [x] one ✅ 2026-11-21\n"
    );
}

#[cfg(unix)]
#[test]
fn control_characters_never_reach_the_terminal() {
    let evil = "evil\u{1b}]0;pwned\u{7}\nname.md";
    let t = Test::new().file(evil, "- [x] \u{1b}[2Jdone 📅 2026-02-30\n");
    let shown = "evil\\e]0;pwned\\x07\\nname.md";
    let table = t.run_within(30, &["list", "--today", TODAY, "--status", "done"]);
    assert!(!table.stdout.contains('\u{1b}'), "{:?}", table.stdout);
    assert!(
        table.stdout.contains(&format!("{shown}:1")),
        "{:?}",
        table.stdout
    );
    assert!(table.stdout.contains("\\e[2Jdone"), "{:?}", table.stdout);
    assert!(!table.stderr.contains('\u{1b}'), "{:?}", table.stderr);
    assert!(
        table.stderr.contains(&format!("{shown}:1:")),
        "{:?}",
        table.stderr
    );
    let dry = t.run_within(30, &["fix", "--today", TODAY, "--dry-run"]);
    assert!(!dry.stdout.contains('\u{1b}'), "{:?}", dry.stdout);
    assert!(
        dry.stdout
            .starts_with(&format!("--- a/{shown}\n+++ b/{shown}\n")),
        "{:?}",
        dry.stdout
    );
    let check = t.run_within(30, &["fix", "--today", TODAY, "--check"]);
    assert_eq!(check.stdout, format!("{shown}: would be fixed\n"));
    // JSON stays exact.
    let json = t.run_within(30, &["list", "--today", TODAY, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(v["tasks"][0]["path"], evil);
}

#[test]
fn stale_temporaries_are_removed_and_never_read() {
    let stale = ".a.md.Ab12Cd.ike-tmp";
    let t = Test::new()
        .file("a.md", "- [x] done\n")
        .file(stale, "- [ ] half-written by a killed run\n")
        .file(
            "other/.b.md.Zz99Yy.ike-tmp",
            "- [ ] in a folder ike does not write\n",
        )
        .file("other/b.md", "- [ ] b\n")
        .file(".not-ours.ike-tmp", "x");
    let list = t.run_within(30, &["list", "--format", "json", "--no-cache"]);
    assert!(!list.stdout.contains("half-written"), "{}", list.stdout);
    // Stale once older than two seconds (a younger one may be a live run's).
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let out = t.run_within(30, &["fix", "--today", TODAY]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!t.path().join(stale).exists());
    assert!(t.path().join("other/.b.md.Zz99Yy.ike-tmp").exists());
    assert!(t.path().join(".not-ours.ike-tmp").exists());
}

/// The short version of `bench/race.sh`: an editor keeps saving five notes while `ike fix`
/// rewrites them; no save may be lost, whichever way the editor saves.
#[cfg(target_os = "linux")]
#[test]
fn no_save_is_lost_to_a_racing_fix() {
    use crate::race_trial::{Kind, run_trial};
    let ike = assert_cmd::cargo::cargo_bin("ike");
    for kind in [Kind::Rename, Kind::InPlace] {
        let (mut lost, mut kept) = (0, 0);
        for trial in 0..25 {
            let t = run_trial(
                &ike,
                kind,
                5,
                std::time::Duration::from_millis(60),
                7,
                trial,
            );
            assert!(
                matches!(t.exit, Some(0 | 1)),
                "{kind:?} trial {trial}: {:?}",
                t.exit
            );
            assert_eq!(t.lost, 0, "{kind:?} trial {trial}: {}", t.detail);
            assert_eq!(t.leftovers, 0, "{kind:?} trial {trial}");
            lost += t.lost;
            kept += t.edit_kept;
        }
        assert_eq!(lost, 0);
        // The race is real: ike's edit lands on some notes and is superseded on others.
        assert!(kept > 0, "{kind:?}: ike never fixed a note");
    }
}
