//! A large note parsed in pieces gives the very document of its parse in one piece: every
//! fixture note and generated notes of both shapes, cut wherever a cut is allowed, and a
//! sample of the `pieces-diff` example's random notes, compared whole.

use crate::fast_path::markdown_files;
use crate::{doc, pieces_diff, real};
use ike::parse::{ParseOptions, parse_document_in_pieces, piece_count};

/// Parse `bytes` whole and in the smallest pieces and demand the same `Document`; the
/// number of pieces.
#[track_caller]
fn same_in_pieces(rel: &str, bytes: &[u8]) -> usize {
    let opts = ParseOptions::default();
    let whole = parse_document_in_pieces(rel, bytes, &opts, usize::MAX);
    let cut = parse_document_in_pieces(rel, bytes, &opts, 0);
    assert_eq!(cut, whole, "{rel}: the parse in pieces differs");
    piece_count(bytes, 0)
}

#[test]
fn every_fixture_note_parses_the_same_in_pieces() {
    let mut files = Vec::new();
    markdown_files(&crate::harness::fixtures(), &mut files);
    assert!(files.len() > 50, "{} fixture notes", files.len());
    let mut cut = 0;
    for path in &files {
        let bytes = std::fs::read(path).expect("read fixture");
        cut += usize::from(same_in_pieces(&path.display().to_string(), &bytes) > 1);
    }
    assert!(cut > 20, "only {cut} fixture notes were cut");
}

#[test]
fn generated_notes_of_both_shapes_parse_the_same_in_pieces() {
    let mut pieces = [0, 0];
    // Note 137 is one of the default shape's 10,000-line notes.
    for i in 0..400 {
        let d = doc::generate(12, i);
        pieces[0] += same_in_pieces(&format!("default/{i}.md"), &d.bytes);
        let r = real::note(12, 400, i as usize);
        pieces[1] += same_in_pieces(&format!("real/{i}.md"), &r.bytes);
    }
    assert!(pieces[0] > 5_000, "default shape: {} pieces", pieces[0]);
    assert!(pieces[1] > 1_000, "real shape: {} pieces", pieces[1]);
}

#[test]
fn random_notes_parse_the_same_in_pieces() {
    // The `pieces-diff` example runs millions of these (docs/performance.md); here a
    // sample, so that a regression shows in the test suite.
    let mut cut = 0;
    for i in 0..20_000 {
        let src = pieces_diff::input(5, i);
        let same = pieces_diff::compare(&src, true);
        assert!(same.is_some(), "input {i} differs: {src:?}");
        cut += usize::from(same == Some(true));
    }
    assert!(cut > 5_000, "only {cut} inputs were cut");
}

#[test]
fn a_huge_note_is_parsed_in_pieces_of_the_size_asked() {
    let note = "- [ ] x\n".repeat(100_000);
    let bytes = note.as_bytes();
    // 800,000 bytes in pieces of 64 KiB (each ends at the first cut line after its size).
    assert_eq!(piece_count(bytes, 64 * 1024), 13);
    assert_eq!(piece_count(bytes, ike::parse::PIECE_SIZE), 4);
    assert_eq!(piece_count(bytes, usize::MAX), 1);
    let doc = parse_document_in_pieces("n.md", bytes, &ParseOptions::default(), 64 * 1024);
    assert_eq!(doc.tasks.len(), 100_000);
    assert_eq!(doc.tasks[99_999].line, 100_000);
    assert_eq!(doc.tasks[70_000].text.start(), 70_000 * 8 + 6);
}
