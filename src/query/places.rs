//! The tasks a query runs over, held by their places: a task's index is its note's
//! index in the high 32 bits and its own index among that note's kept tasks in the low
//! ones, and its [`Item`] is made whenever a filter, sort key or grouper reads it. A
//! query of a million tasks then holds nothing per task beside the notes, where it held
//! a 48-byte item and an 8-byte place (decision 0090).

use super::item::{Item, Items};
use super::note::Note;
use crate::classify::Dependencies;
use crate::model::{Document, Task};
use crate::obsidian::StatusDef;
use chrono::NaiveDate;

/// The bits of an index that hold the task's own index (a note's tasks are fewer than
/// its bytes, which are fewer than 4 GiB; so are the notes of a vault).
const TASK_BITS: u32 = 32;

// An index holds both halves.
const _: () = assert!(usize::BITS >= 2 * TASK_BITS, "a 64-bit target");

/// The kept tasks of some notes, in note then task order.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Places<'a> {
    notes: &'a [Note],
    deps: &'a Dependencies,
    statuses: &'a [StatusDef],
    today: NaiveDate,
}

impl<'a> Places<'a> {
    /// Every kept task of `notes`; their items see `deps` (the vault's open ids and who
    /// waits for them), the plugin's `statuses` and `today`.
    pub(crate) fn new(
        notes: &'a [Note],
        deps: &'a Dependencies,
        statuses: &'a [StatusDef],
        today: NaiveDate,
    ) -> Self {
        Self {
            notes,
            deps,
            statuses,
            today,
        }
    }

    /// The note index and the task's index among that note's kept tasks of index `i`.
    pub(crate) fn place(&self, i: usize) -> (usize, usize) {
        (i >> TASK_BITS, i & ((1 << TASK_BITS) - 1))
    }

    /// The note and the task of index `i`.
    pub(crate) fn task(&self, i: usize) -> (&'a Document, &'a Task) {
        let (n, t) = self.place(i);
        let doc = &self.notes[n].doc;
        (doc, &doc.tasks[t])
    }
}

impl<'a> Items<'a> for Places<'a> {
    fn indexes(&self) -> impl Iterator<Item = usize> + '_ {
        let notes = self.notes.iter().enumerate();
        notes.flat_map(|(n, note)| (0..note.doc.tasks.len()).map(move |t| n << TASK_BITS | t))
    }

    fn item(&self, i: usize) -> Item<'a> {
        let (doc, task) = self.task(i);
        Item::new(doc, task, self.deps, self.statuses, self.today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ParseOptions, parse_document};

    /// Each task's place, note and item follow the notes' kept tasks in order, notes
    /// without tasks skipped.
    #[test]
    fn places_follow_the_notes_tasks_in_order() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let note = |path: &str, text: &str| Note {
            doc: parse_document(path, text.as_bytes(), &ParseOptions::default()),
            steps: Vec::new(),
            links: Vec::new(),
        };
        let notes = [
            note("a.md", "- [ ] one\n- [x] two 📅 2026-11-24\n"),
            note("b.md", "no tasks\n"),
            note("c.md", "text\n- [/] three ⏫\n"),
        ];
        let deps = Dependencies::default();
        let places = Places::new(&notes, &deps, &[], today);
        // (place, path, line, description, done)
        let want = [
            ((0, 0), "a.md", 1, "one", false),
            ((0, 1), "a.md", 2, "two", true),
            ((2, 0), "c.md", 2, "three", false),
        ];
        let indexes: Vec<usize> = places.indexes().collect();
        assert_eq!(indexes, [0, 1, 2 << 32]);
        for (i, (place, path, line, description, done)) in indexes.into_iter().zip(want) {
            let item = places.item(i);
            assert_eq!(places.place(i), place, "{description}");
            assert_eq!(
                (item.path(), item.task.line(), &*item.task.description),
                (path, line, description)
            );
            assert_eq!(item.is_done(), done, "{description}");
            // Made on `today`: the urgency is the task's, not the filters' 0.
            let urgency = crate::classify::urgency(&item.task.meta, today);
            assert_eq!(item.urgency(), urgency, "{description}");
        }
        let high = places.item(2 << 32);
        assert!(high.urgency() > 0.0, "a high priority counts");
        let filters = Item::for_filters(high.doc, high.task, &deps, &[]);
        assert_eq!(filters.urgency(), 0.0, "no filter reads the urgency");
    }
}
