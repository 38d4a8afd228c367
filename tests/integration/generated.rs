//! The task count on a generated vault equals what the generator wrote, and a
//! generated vault goes through every command without a panic.

use crate::doc;
use crate::harness::Test;

#[test]
fn ike_finds_exactly_the_tasks_the_generator_wrote() {
    let mut t = Test::new();
    let mut want = 0;
    // Note 137 is one of the generator's 10,000-line notes.
    for i in 0..300 {
        let d = doc::generate(7, i);
        want += d.tasks;
        t = t.file(&format!("n/{i:03}.md"), d.bytes);
    }
    assert!(
        want > 2_000,
        "the sample holds a real number of tasks: {want}"
    );
    let out = t.run_with("list --format ndjson --today 2026-11-21");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.lines().count(), want);
    for cmd in ["digest", "matrix", "check", "fix --dry-run"] {
        let out = t.run_with(&format!("{cmd} --today 2026-11-21"));
        assert!(
            out.code == 0 || (cmd == "check" && out.code == 1),
            "{cmd}: {}",
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"), "{cmd}: {}", out.stderr);
    }
}
