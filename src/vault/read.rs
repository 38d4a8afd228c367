//! Reading one note for the parser: a regular file only, at most the size limit, into a
//! buffer each worker thread reuses. A file that cannot be read becomes a failed document
//! with a problem; the run goes on.

use super::discover::SourceFile;
use crate::model::Document;
use crate::parse::{ParseOptions, parse_document};
use crate::problem::{Problem, ProblemKind};
use std::path::Path;

/// Read the note at `path` into `buf` (cleared first): a regular file only, at most `limit`
/// bytes (see [`crate::safe_read`]). Each worker thread reads every file into the same
/// buffer: a fresh allocation per file costs page faults (the kernel zeroes every new
/// page) that add up to a fifth of a cold scan.
pub fn read_into(
    path: &Path,
    limit: u64,
    buf: &mut Vec<u8>,
) -> Result<(), crate::safe_read::ReadError> {
    crate::safe_read::read_regular_into(path, limit, crate::safe_read::Links::Follow, buf)
}

/// The document of `file`, read into `buf` (at most `limit` bytes) and parsed, or the
/// failed document of a file that cannot be read.
pub(crate) fn read_document(
    file: &SourceFile,
    limit: u64,
    parse: &ParseOptions,
    buf: &mut Vec<u8>,
) -> Document {
    match read_into(&file.path, limit, buf) {
        Ok(()) => {
            super::huge_note::note_read(buf);
            parse_document(&file.rel, buf, parse)
        }
        Err(err) => unreadable(file, &err),
    }
}

/// The failed document of a file that cannot be read.
pub fn unreadable(file: &SourceFile, err: &dyn std::fmt::Display) -> Document {
    Document {
        path: file.rel.clone(),
        problems: vec![
            Problem::error(
                ProblemKind::Unreadable,
                1,
                1,
                format!("cannot read file: {err}; skipped"),
            )
            .at_path(&file.rel),
        ],
        failed: true,
        ..Document::default()
    }
}
