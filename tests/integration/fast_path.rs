//! The exact fast path (notes that cannot hold a task skip the Markdown parse) gives the
//! very documents and outputs of the full parse: every fixture note and every note of
//! generated vaults of both shapes, compared whole; and the CLI's outputs with and
//! without `--exact-parser`.

use crate::harness::{Test, fixtures};
use crate::{doc, fast_path_diff, real};
use ike::parse::{ParseOptions, may_hold_task, parse_document};
use std::path::Path;

/// Parse `bytes` both ways and demand the same `Document`; true when the fast path skipped
/// the parse.
#[track_caller]
fn same_both_ways(rel: &str, bytes: &[u8]) -> bool {
    let exact = ParseOptions {
        exact_parser: true,
        ..ParseOptions::default()
    };
    let full = parse_document(rel, bytes, &exact);
    let fast = parse_document(rel, bytes, &ParseOptions::default());
    assert_eq!(
        fast, full,
        "{rel}: the fast path differs from the full parse"
    );
    !may_hold_task(bytes)
}

/// Every Markdown note under `dir`, into `out`.
pub(crate) fn markdown_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
        {
            out.push(path);
        }
    }
}

#[test]
fn every_fixture_note_parses_the_same_both_ways() {
    let mut files = Vec::new();
    markdown_files(&fixtures(), &mut files);
    assert!(files.len() > 50, "{} fixture notes", files.len());
    let mut skipped = 0;
    for path in &files {
        let bytes = std::fs::read(path).expect("read fixture");
        skipped += usize::from(same_both_ways(&path.display().to_string(), &bytes));
    }
    // Some fixture notes hold no task: the fast path is exercised, not only bypassed.
    assert!(skipped > 0, "no fixture note took the fast path");
}

#[test]
fn generated_notes_of_both_shapes_parse_the_same_both_ways() {
    let mut skipped = [0, 0];
    // Note 137 is one of the default shape's 10,000-line notes.
    for i in 0..400 {
        let d = doc::generate(11, i);
        skipped[0] += usize::from(same_both_ways(&format!("default/{i}.md"), &d.bytes));
        let r = real::note(11, 400, i as usize);
        skipped[1] += usize::from(same_both_ways(&format!("real/{i}.md"), &r.bytes));
    }
    // The default shape has hardly any note without checkbox-like bytes, the real shape
    // many (~40 %).
    assert!(skipped[0] > 0, "default shape: {} skipped", skipped[0]);
    assert!(skipped[1] > 80, "real shape: {} skipped", skipped[1]);
}

#[test]
fn outputs_are_identical_with_and_without_exact_parser() {
    let mut t = Test::new();
    let mut want = 0;
    for i in 0..120 {
        let d = real::note(5, 120, i);
        want += d.tasks;
        t = t.file(&format!("r/{i:03}.md"), d.bytes);
    }
    for cmd in ["list --format json", "digest", "check", "matrix"] {
        let fast = t.run_with(&format!("{cmd} --no-cache --today 2026-11-21"));
        let full = t.run_with(&format!(
            "{cmd} --no-cache --exact-parser --today 2026-11-21"
        ));
        assert_eq!(fast.code, full.code, "{cmd}");
        assert_eq!(fast.stdout, full.stdout, "{cmd}");
        assert_eq!(fast.stderr, full.stderr, "{cmd}");
    }
    let out = t.run_with("list --format ndjson --no-cache --today 2026-11-21");
    assert_eq!(out.stdout.lines().count(), want);
}

#[test]
fn random_notes_parse_the_same_both_ways() {
    // The `fast-path-diff` example runs millions of these (docs/performance.md); here a
    // sample, so that a regression shows in the test suite.
    let mut decided = 0;
    for i in 0..20_000 {
        let src = fast_path_diff::input(3, i);
        let same = fast_path_diff::compare(&src);
        assert!(same.is_some(), "input {i} differs: {src:?}");
        decided += usize::from(same == Some(true));
    }
    assert!(decided > 2_000, "only {decided} inputs took the fast path");
}
