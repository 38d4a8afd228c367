//! The repository's `.pre-commit-hooks.yaml`, run by the real `pre-commit` framework over a
//! git repository of notes. `pre-commit` is installed with pip when it is missing; a
//! machine that can do neither fails this test (it is never skipped).

use crate::harness::Test;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The `pre-commit` command, installed with `python3 -m pip install --user pre-commit`
/// when it is not on PATH.
fn pre_commit() -> PathBuf {
    let works = |cmd: &Path| {
        Command::new(cmd)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let on_path = PathBuf::from("pre-commit");
    if works(&on_path) {
        return on_path;
    }
    let install = Command::new("python3")
        .args(["-m", "pip", "install", "--user", "--quiet", "pre-commit"])
        .status()
        .expect("python3 is needed to install pre-commit (pip install pre-commit)");
    assert!(
        install.success(),
        "`python3 -m pip install --user pre-commit` failed"
    );
    let base = Command::new("python3")
        .args(["-m", "site", "--user-base"])
        .output()
        .expect("python3 -m site");
    let installed = PathBuf::from(String::from_utf8_lossy(&base.stdout).trim())
        .join("bin")
        .join("pre-commit");
    assert!(
        works(&installed),
        "pre-commit was installed but does not run: {}",
        installed.display()
    );
    installed
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=ike",
            "-c",
            "user.email=ike@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn head(dir: &Path) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["rev-parse", "HEAD"])
        .output()
        .expect("git");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

struct Run {
    code: i32,
    output: String,
}

/// `pre-commit ARGS` in `notes`, with ike's binary first on PATH and a private cache.
fn run(pre_commit: &Path, notes: &Path, home: &Path, args: &[&str]) -> Run {
    let bin = Path::new(env!("CARGO_BIN_EXE_ike"))
        .parent()
        .expect("bin dir");
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH");
    let out = Command::new(pre_commit)
        .current_dir(notes)
        .args(args)
        .env("PATH", path)
        .env("PRE_COMMIT_HOME", home)
        .env("NO_COLOR", "1")
        .output()
        .expect("run pre-commit");
    Run {
        code: out.status.code().unwrap_or(-1),
        output: format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

#[test]
fn the_hooks_run_under_pre_commit() {
    let pre_commit = pre_commit();
    let scratch = tempfile::tempdir().expect("temp dir");
    let home = scratch.path().join("cache");
    // A hooks repository holding this repository's manifest, committed.
    let hooks = scratch.path().join("hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
        hooks.join(".pre-commit-hooks.yaml"),
    )
    .expect("the manifest");
    git(&hooks, &["init", "-q"]);
    git(&hooks, &["add", "-A"]);
    git(&hooks, &["commit", "-q", "-m", "hooks"]);
    let rev = head(&hooks);

    // A notes repository with a committed digest for a pinned date.
    let notes = Test::new()
        .file(".ike.yaml", "digest:\n  out: digests/{date}.md\n")
        .file(
            "a.md",
            "- [ ] Call Bob 📅 2026-11-22\n- [ ] Pay rent 📅 2026-11-30\n",
        );
    let dir = notes.path();
    assert_eq!(notes.run_with("digest --today 2026-11-21").code, 0);
    std::fs::write(
        dir.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: ike-check\n      - id: ike-fix\n      - id: ike-digest\n        args: [\"--today=2026-11-21\"]\n",
            hooks.display()
        ),
    )
    .unwrap();
    std::fs::write(dir.join(".gitignore"), ".ike/\n").unwrap();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);

    let tried = run(
        &pre_commit,
        dir,
        &home,
        &[
            "try-repo",
            hooks.to_str().unwrap(),
            "ike-check",
            "--all-files",
        ],
    );
    assert_eq!(tried.code, 0, "{}", tried.output);
    assert!(
        tried.output.contains("ike check") && tried.output.contains("Passed"),
        "{}",
        tried.output
    );

    let clean = run(&pre_commit, dir, &home, &["run", "--all-files"]);
    assert_eq!(clean.code, 0, "{}", clean.output);
    for hook in ["ike check", "ike fix --check", "ike digest --check"] {
        assert!(clean.output.contains(hook), "{hook}: {}", clean.output);
    }

    // A box ticked in the digest, and a bad date: each hook fails with ike's reason.
    let digest = std::fs::read_to_string(dir.join("digests/2026-11-21.md")).unwrap();
    std::fs::write(
        dir.join("digests/2026-11-21.md"),
        digest.replacen(") [ ] ", ") [x] ", 1),
    )
    .unwrap();
    std::fs::write(
        dir.join("a.md"),
        "- [ ] Call Bob 📅 2026-11-22\n- [ ] Pay rent 📅 2026-11-31\n",
    )
    .unwrap();
    git(dir, &["add", "-A"]);
    let dirty = run(&pre_commit, dir, &home, &["run", "--all-files"]);
    assert_eq!(dirty.code, 1, "{}", dirty.output);
    assert!(
        dirty.output.contains("a.md:2:"),
        "ike check's problem: {}",
        dirty.output
    );
    assert!(
        dirty.output.contains("a.md: would be fixed"),
        "ike fix --check: {}",
        dirty.output
    );
    assert!(
        dirty.output.contains("+++ b/"),
        "ike digest --check's diff: {}",
        dirty.output
    );
}
