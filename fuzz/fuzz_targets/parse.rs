//! Fuzz target: the parser over arbitrary bytes. It must not panic (libfuzzer-sys aborts on
//! any panic, even one `parse_document` would catch, and a caught one would still show as a
//! `parser-panic` problem), and every span it returns must lie inside the input, on
//! character boundaries, in the order a task's parts appear. Parsed in the smallest pieces
//! (a cut wherever one is allowed, decision 0056), the document must be the same.

#![no_main]

use ike::model::Document;
use ike::parse::{ParseOptions, parse_document, parse_document_in_pieces};
use ike::span::Span;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let doc = parse_document("fuzz.md", bytes, &ParseOptions::default());
    let cut = parse_document_in_pieces("fuzz.md", bytes, &ParseOptions::default(), 0);
    assert_eq!(cut, doc, "the parse in pieces differs");
    assert!(
        !doc.problems.iter().any(|p| p.kind.code() == "parser-panic"),
        "the parser panicked: {:?}",
        doc.problems
    );
    match std::str::from_utf8(bytes) {
        Err(_) => {
            assert!(doc.failed, "non-UTF-8 input parsed");
            assert!(doc.tasks.is_empty(), "tasks from non-UTF-8 input");
            assert!(doc.problems.iter().any(|p| p.kind.code() == "not-utf8"));
        }
        Ok(src) => {
            assert!(!doc.failed, "UTF-8 input failed: {:?}", doc.problems);
            check_spans(src, &doc);
        }
    }
});

/// Every span of `doc` lies in `src` on character boundaries, and each task's parts come
/// in order: line start, marker, checkbox, text; fields inside the text.
fn check_spans(src: &str, doc: &Document) {
    let valid = |s: Span| {
        s.start <= s.end
            && s.end <= src.len()
            && src.is_char_boundary(s.start)
            && src.is_char_boundary(s.end)
    };
    if let Some(fm) = doc.front_matter {
        assert!(valid(fm), "front matter {fm:?}");
    }
    for (i, t) in doc.tasks.iter().enumerate() {
        for s in [t.marker, t.checkbox, t.text] {
            assert!(valid(s), "task {i}: span {s:?} in {t:?}");
        }
        assert!(
            src.is_char_boundary(t.line_start),
            "task {i}: line start {t:?}"
        );
        assert!(t.line >= 1 && t.column >= 1, "task {i}: position {t:?}");
        assert!(
            t.line_start <= t.marker.start
                && t.marker.end <= t.checkbox.start
                && t.checkbox.end <= t.text.start,
            "task {i}: parts out of order {t:?}"
        );
        let checkbox = t.checkbox.slice(src);
        assert!(
            checkbox.starts_with('[') && checkbox.ends_with(']'),
            "task {i}: checkbox {checkbox:?}"
        );
        assert!(
            t.parent.is_none_or(|p| p < i),
            "task {i}: parent {:?}",
            t.parent
        );
        for f in &t.fields {
            assert!(valid(f.span) && valid(f.value), "task {i}: field {f:?}");
            assert!(
                t.text.start <= f.span.start && f.span.end <= t.text.end,
                "task {i}: field outside the text {f:?} {t:?}"
            );
        }
    }
}
