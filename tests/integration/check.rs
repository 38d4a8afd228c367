//! `ike check`: findings with snippets, exit codes.

use crate::harness::Test;

#[test]
fn vault_wide_lints() {
    let out = Test::fixture("bad/dup-ids")
        .args("check --today 2026-11-21 --color never")
        .expect(1);
    let findings: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("ids.md:"))
        .collect();
    assert_eq!(
        findings,
        vec![
            "ids.md:4:3: error: duplicate task id `a1`, also used at ids.md:3; give each task its own id",
            "ids.md:5:3: error: depends on unknown task id `zz9`: no task has `🆔 zz9` or `[id:: zz9]`; fix the id or remove the dependency",
            "ids.md:7:3: warning: delegated to bob without a follow-up date; add [followup:: YYYY-MM-DD]",
            "ids.md:8:3: warning: recurring task without a due, scheduled or start date; its next occurrence cannot be computed",
        ]
    );
    assert!(
        out.stdout
            .ends_with("1 file checked: 2 errors, 2 warnings\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn warnings_alone_exit_0_errors_exit_1() {
    Test::fixture("bad/unknown-status").args("check").expect(0);
    Test::fixture("bad/invalid-values").args("check").expect(1);
    Test::fixture("bad/malformed-yaml").args("check").expect(1);
    Test::new()
        .file("a.md", "- [ ] fine 📅 2026-11-22\n")
        .args("check")
        .expect(0);
}

#[test]
fn check_output_with_snippets() {
    let out = Test::fixture("bad/invalid-values")
        .args("check --color never")
        .expect(1);
    crate::snapshot!("check-invalid-values", out.stdout);
}

#[test]
fn demo_vault_check() {
    let out = Test::fixture("demo")
        .args("check --today 2026-11-21 --color never")
        .run();
    crate::snapshot!("check-demo", format!("exit {}\n{}", out.code, out.stdout));
}
