//! `ike fix` end to end: exactly the expected bytes change, twice = once over every
//! fixture, dry-run and check write nothing, guarded writes.

use crate::harness::{Test, fixtures};
use std::collections::BTreeMap;
use std::path::Path;

const TODAY: &str = "--today 2026-11-21";

/// Every file of a folder (hidden ones included) with its bytes.
fn snapshot_dir(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            let ty = entry.file_type().unwrap();
            if ty.is_dir() {
                stack.push(entry.path());
            } else if ty.is_file() {
                let rel = entry
                    .path()
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(entry.path()).unwrap());
            }
        }
    }
    out
}

#[test]
fn demo_fix_changes_exactly_one_line() {
    let t = Test::fixture("demo").args("fix").args(TODAY);
    let before = snapshot_dir(t.path());
    let out = t.success();
    assert_eq!(out.stderr, "ike fix: 1 file changed: 1 done_date\n");
    let after = snapshot_dir(t.path());
    let changed: Vec<&String> = before.keys().filter(|k| before[*k] != after[*k]).collect();
    assert_eq!(changed, ["daily/2026-11-20.md"]);
    let old = String::from_utf8(before["daily/2026-11-20.md"].clone()).unwrap();
    let new = String::from_utf8(after["daily/2026-11-20.md"].clone()).unwrap();
    assert_eq!(
        new,
        old.replace(
            "- [x] Pay the coworking invoice #invoice\n",
            "- [x] Pay the coworking invoice #invoice ✅ 2026-11-21\n"
        )
    );
    let second = t.success();
    assert_eq!(second.stderr, "ike fix: nothing to fix\n");
    assert_eq!(snapshot_dir(t.path()), after);
}

#[test]
fn dry_run_and_check_write_nothing() {
    let t = Test::fixture("demo").args("fix --dry-run").args(TODAY);
    let before = snapshot_dir(t.path());
    let out = t.success();
    crate::snapshot!("fix-demo-dry-run", out.stdout);
    assert_eq!(snapshot_dir(t.path()), before);

    let check = Test::fixture("demo").args("fix --check").args(TODAY);
    let out = check.expect(1);
    assert_eq!(out.stdout, "daily/2026-11-20.md: would be fixed\n");
    assert_eq!(snapshot_dir(check.path()), before);
}

#[test]
fn check_passes_after_fix() {
    let t = Test::fixture("demo").args("fix").args(TODAY);
    t.success();
    let out = t.run_with("fix --check --today 2026-11-21");
    assert_eq!((out.code, out.stdout.as_str()), (0, ""));
}

/// Fix twice = fix once, and a run that finds nothing writes nothing, on every fixture.
#[test]
fn twice_equals_once_on_every_fixture() {
    let mut names = vec!["demo".to_owned()];
    for group in ["bad", "fix"] {
        let mut more: Vec<String> = std::fs::read_dir(fixtures().join(group))
            .unwrap()
            .map(|e| format!("{group}/{}", e.unwrap().file_name().to_string_lossy()))
            .collect();
        more.sort();
        names.extend(more);
    }
    for name in names {
        let t = Test::fixture(&name).args("fix --no-config").args(TODAY);
        // A ticked recurring task whose rule cannot be stepped is left alone, with exit 1.
        let held = if name == "fix/problems" { 1 } else { 0 };
        t.expect(held);
        let once = snapshot_dir(t.path());
        let out = t.expect(held);
        assert_eq!(
            out.stderr.lines().last(),
            Some("ike fix: nothing to fix"),
            "{name}: {}",
            out.stderr
        );
        assert_eq!(
            snapshot_dir(t.path()),
            once,
            "{name}: second run changed bytes"
        );
    }
}

#[test]
fn files_that_failed_to_parse_are_never_rewritten() {
    let t = Test::fixture("bad/not-utf8").args("fix").args(TODAY);
    let before = snapshot_dir(t.path());
    t.success();
    assert_eq!(snapshot_dir(t.path()), before);
}

#[cfg(unix)]
#[test]
fn a_symlinked_note_is_not_replaced() {
    let t = Test::new()
        .file("real/a.md", "- [x] done\n")
        .file(".ike.yaml", "follow_links: true\n");
    std::os::unix::fs::symlink(t.path().join("real/a.md"), t.path().join("link.md")).unwrap();
    let out = t.run_with("fix --today 2026-11-21");
    // The link is not rewritten: that is a fix that did not land, so the exit code is 1.
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("link.md:1:1: error: is a symbolic link; not rewritten"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_to_string(t.path().join("real/a.md")).unwrap(),
        "- [x] done ✅ 2026-11-21\n"
    );
    assert!(
        std::fs::symlink_metadata(t.path().join("link.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let t = Test::new().file("a.md", "- [x] done\n");
    std::fs::set_permissions(
        t.path().join("a.md"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    assert_eq!(t.run_with("fix --today 2026-11-21").code, 0);
    let mode = std::fs::metadata(t.path().join("a.md"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn recurrence_and_settings_from_config() {
    let t = Test::new()
        .file(
            ".ike.yaml",
            "me: ana\nfix:\n  followups: true\n  done_dates: true\n",
        )
        .file(
            "a.md",
            "- [x] Water plants 🔁 every week 📅 2026-11-20\r\n- [ ] Ask @bob\r\n",
        )
        .args("fix")
        .args(TODAY);
    let out = t.success();
    assert_eq!(
        out.stderr,
        "ike fix: 1 file changed: 1 done_date, 1 recurrence, 1 followup\n"
    );
    assert_eq!(
        std::fs::read_to_string(t.path().join("a.md")).unwrap(),
        "- [ ] Water plants 🔁 every week 📅 2026-11-27\r\n- [x] Water plants 🔁 every week 📅 2026-11-20 ✅ 2026-11-21\r\n- [ ] Ask @bob [followup:: 2026-11-24]\r\n"
    );
}
