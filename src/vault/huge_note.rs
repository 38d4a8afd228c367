//! What the process does once a scan meets a huge note: the binary may give memory back
//! to the system as soon as it is freed, from then on.
//!
//! A note of a million tasks is a document of ~150 MiB, and commands read it, free it and
//! read it again (the streamed lists read the vault twice), or free large buffers beside
//! it. mimalloc keeps freed memory for 10 ms before returning it, long enough for the
//! next allocation to come on top: peak RSS on such a note was ~60 MiB above what is
//! live. Returning freed memory at once costs system time on every run (a warm digest of
//! a 10k vault: ~20 ms more), so it is switched on only when a note this large is met
//! (decision 0071). The library names no allocator: the binary installs the switch.

use crate::model::Document;
use std::sync::OnceLock;

/// A note with more tasks than this is huge.
pub const HUGE_NOTE_TASKS: usize = 100_000;

/// A note longer than this is huge: known before it is parsed, so that what the parse
/// frees (a piece's Markdown tree) is returned too.
pub const HUGE_NOTE_BYTES: usize = 4 << 20;

static ON_HUGE_NOTE: OnceLock<fn()> = OnceLock::new();

/// Call `switch` (once or more, from any thread) when a scan meets a huge note. Only the
/// first switch installed counts.
pub fn on_huge_note(switch: fn()) {
    let _ = ON_HUGE_NOTE.set(switch);
}

/// `doc`, after calling the installed switch if it is huge.
pub(super) fn noted(doc: Document) -> Document {
    if doc.tasks.len() > HUGE_NOTE_TASKS {
        switch();
    }
    doc
}

/// Call the installed switch if a note of `bytes` is huge. For every reading of a note,
/// also those outside a scan (`ike fix` reads and parses each note itself).
pub(crate) fn note_read(bytes: &[u8]) {
    if bytes.len() > HUGE_NOTE_BYTES {
        switch();
    }
}

/// Call the installed switch if the note of a value kept in the cache, `len` bytes long,
/// is huge: the value is taken instead of reading the note, and what its decoding frees
/// (a digest sheet of a million rows) is returned too.
pub(super) fn note_kept(len: u64) {
    if usize::try_from(len).map_or(true, |len| len > HUGE_NOTE_BYTES) {
        switch();
    }
}

fn switch() {
    if let Some(switch) = ON_HUGE_NOTE.get() {
        switch();
    }
}

/// How many times `f`, run on this thread, called the switch (the switch of the tests,
/// which counts its calls per thread: tests run side by side, and a scan of another may
/// meet a huge note meanwhile).
#[cfg(test)]
pub(crate) fn switches_in(f: impl FnOnce()) -> usize {
    use std::cell::Cell;
    thread_local! {
        static CALLS: Cell<usize> = const { Cell::new(0) };
    }
    fn count() {
        CALLS.with(|c| c.set(c.get() + 1));
    }
    on_huge_note(count);
    let before = CALLS.with(Cell::get);
    f();
    CALLS.with(Cell::get) - before
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Task;

    /// Only a huge note throws the switch, whether known by its bytes or by its tasks.
    #[test]
    fn only_a_huge_note_throws_the_switch() {
        let task = || -> Task {
            let doc = crate::parse::parse_document("a.md", b"- [ ] x\n", &Default::default());
            doc.tasks[0].clone()
        };
        let doc = |tasks: usize| Document {
            tasks: vec![task(); tasks],
            ..Document::default()
        };
        // (case, bytes read, tasks parsed, length of a note whose kept value is taken,
        // calls of the switch)
        let limit = HUGE_NOTE_BYTES as u64;
        let cases = [
            ("bytes at the limit", HUGE_NOTE_BYTES, 0, 0, 0),
            ("bytes past it", HUGE_NOTE_BYTES + 1, 0, 0, 1),
            ("tasks at the limit", 0, HUGE_NOTE_TASKS, 0, 0),
            ("tasks past it", 0, HUGE_NOTE_TASKS + 1, 0, 1),
            ("kept note at the limit", 0, 0, limit, 0),
            ("kept note past it", 0, 0, limit + 1, 1),
        ];
        for (case, bytes, tasks, kept, calls) in cases {
            let (bytes, doc) = (vec![b'x'; bytes], doc(tasks));
            let made = switches_in(|| {
                note_read(&bytes);
                drop(noted(doc));
                note_kept(kept);
            });
            assert_eq!(made, calls, "{case}");
        }
    }
}
