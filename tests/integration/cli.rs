//! Command-line behaviour shared by all commands: help, exit codes, pipes, completions.

use crate::harness::Test;
use clap::CommandFactory;

#[test]
fn clap_definition_is_consistent() {
    ike::cli::args::Cli::command().debug_assert();
}

#[test]
fn help_text() {
    let out = Test::new().args("--help").success();
    crate::snapshot!("help", out.stdout);
    let out = Test::new().args("list --help").success();
    crate::snapshot!("help-list", out.stdout);
}

#[test]
fn usage_errors_exit_2() {
    let rows = [
        "list --format yaml",
        "list --today 2026-02-30",
        "frobnicate",
        "list --config a --no-config",
    ];
    for args in rows {
        let out = Test::new().args(args).run();
        assert_eq!(out.code, 2, "{args}: {}", out.stderr);
    }
}

#[test]
fn missing_root_exits_2_with_a_message() {
    let out = Test::new().args("list no-such-folder").expect(2);
    assert!(
        out.stderr.contains("no-such-folder: no such folder"),
        "{}",
        out.stderr
    );
}

#[test]
fn invalid_config_exits_2_at_its_line() {
    let t = Test::new()
        .file(".ike.yaml", "me: ana\nexlude: [x]\n")
        .file("a.md", "- [ ] a\n")
        .args("list");
    let out = t.expect(2);
    assert!(out.stderr.contains(".ike.yaml:2:"), "{}", out.stderr);
}

#[test]
fn completions_and_man_page() {
    let out = Test::new().args("completions bash").success();
    assert!(
        out.stdout.contains("_ike()"),
        "{}",
        &out.stdout[..200.min(out.stdout.len())]
    );
    let out = Test::new().args("man").success();
    assert!(
        out.stdout.starts_with(".ie \\n(.g .ds Aq"),
        "{}",
        &out.stdout[..80.min(out.stdout.len())]
    );
    assert!(out.stdout.contains("ike"));
}

#[test]
fn closed_pipe_is_a_clean_exit() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut body = String::new();
    for i in 0..20_000 {
        body.push_str(&format!("- [ ] task number {i}\n"));
    }
    let t = Test::new().file("big.md", body);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("ike"))
        .args(["list", "--format", "ndjson"])
        .current_dir(t.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("read some output");
    drop(stdout);
    let out = child.wait_with_output().expect("wait");
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
