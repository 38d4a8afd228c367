//! Fuzz target: parse → plan → apply with every fix on, over any UTF-8 input whose parse
//! did not fail. The invariants of `src/fix/tests/properties.rs`, for inputs no generator
//! thought of: the plan applies; every edit is an insertion and the bytes around the
//! insertions are the original's, in order; fixing the output plans nothing (twice is
//! once); a re-parse of the output finds the same tasks plus one open copy above each
//! recurred task. Checked with each default syntax.

#![no_main]

use chrono::NaiveDate;
use ike::edit::apply;
use ike::fix::{DefaultSyntax, FixKind, FixSettings, plan};
use ike::model::Document;
use ike::parse::{ParseOptions, parse_document};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(src) = std::str::from_utf8(bytes) else {
        return;
    };
    let doc = parse(src);
    if doc.failed {
        return;
    }
    for default_syntax in [DefaultSyntax::Emoji, DefaultSyntax::Dataview] {
        let settings = FixSettings {
            done_dates: true,
            recurrence: true,
            followups: true,
            default_syntax,
            ..FixSettings::default()
        };
        check(src, &doc, &settings);
    }
});

/// The date the fixtures and properties run on: Saturday 2026-11-21.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).expect("valid date")
}

fn parse(src: &str) -> Document {
    parse_document("fuzz.md", src.as_bytes(), &ParseOptions::default())
}

fn check(src: &str, doc: &Document, settings: &FixSettings) {
    let me = Some("me");
    let p = plan(src, doc, today(), settings, me);

    // (1) The plan applies.
    let out = match apply(src, &p.edits) {
        Ok(out) => out,
        Err(e) => panic!("plan does not apply: {e}\nedits: {:?}", p.edits),
    };

    // (2) Every fix inserts; around the insertions, the original bytes in order.
    let mut edits: Vec<_> = p.edits.iter().collect();
    edits.sort_by_key(|e| e.span.start);
    let (mut at_src, mut at_out) = (0, 0);
    for e in &edits {
        assert!(e.span.is_empty(), "not an insertion: {e:?}");
        let gap = &src[at_src..e.span.start];
        assert_eq!(
            &out[at_out..at_out + gap.len()],
            gap,
            "bytes changed before {e:?}"
        );
        at_out += gap.len() + e.replacement.len();
        at_src = e.span.start;
    }
    assert_eq!(
        &out[at_out..],
        &src[at_src..],
        "bytes changed after the last edit"
    );

    // (3) Twice is once.
    let reparsed = parse(&out);
    assert!(
        !reparsed.failed,
        "output failed to parse: {:?}",
        reparsed.problems
    );
    let again = plan(&out, &reparsed, today(), settings, me);
    assert!(
        again.edits.is_empty(),
        "second run plans {:?}\nafter the first: {out:?}",
        again.edits
    );

    // (4) The same tasks, plus one open copy above each recurred task. Occurrences are
    // inserted at the start of a task's line; other fixes never are.
    let line_starts: Vec<usize> = doc.tasks.iter().map(|t| t.line_start).collect();
    let starts: Vec<usize> = p
        .edits
        .iter()
        .map(|e| e.span.start)
        .filter(|at| line_starts.contains(at))
        .collect();
    let recurred = p.kinds.get(&FixKind::Recurrence).copied().unwrap_or(0);
    assert_eq!(
        starts.len(),
        recurred,
        "occurrence edits vs count: {:?}",
        p.edits
    );
    let mut want = Vec::with_capacity(doc.tasks.len() + recurred);
    for t in &doc.tasks {
        if starts.contains(&t.line_start) {
            want.push((' ', comparable(&t.description)));
        }
        want.push((t.status_char, comparable(&t.description)));
    }
    assert_eq!(tasks(&reparsed), want, "output: {out:?}");
}

/// (status character, description) of each task, in document order.
fn tasks(doc: &Document) -> Vec<(char, String)> {
    doc.tasks
        .iter()
        .map(|t| (t.status_char, comparable(&t.description)))
        .collect()
}

/// The description without backslashes: the item scanner drops an escaping backslash that
/// starts a task's text (`\[` → `[`), so a copy whose text starts there after a removed
/// token reads one backslash shorter (see `src/fix/tests/properties.rs`).
fn comparable(description: &str) -> String {
    description.replace('\\', "")
}
