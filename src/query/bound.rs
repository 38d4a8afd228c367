//! A bound on the first N tasks of a `limit N` query, kept while the cache is read: once
//! N tasks that pass the filters are known, a task whose leading sort keys come after
//! theirs cannot be among the first N, so its cached head is dropped instead of being
//! kept to be sorted with the others (decision 0092). When the order after those keys
//! only compares notes (path, file name), N earlier tasks of the same note that tie with
//! a task or come before it also rule it out: their place breaks the tie.

use super::Item;
use super::order::{is_number, number, urgency_number};
use super::sort::{SortKey, Sorter};
use crate::classify::urgency;
use chrono::NaiveDate;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::{Mutex, PoisonError};

/// How many leading sort keys a bound compares at most.
const KEYS: usize = 4;

/// A task's leading sort keys, as numbers in the order's order (missing keys 0).
type Key = [u64; KEYS];

/// The first N tasks so far, as their leading keys: one list per thread, so that the
/// threads reading the cache do not wait for each other. Each list alone bounds the
/// first N: N tasks that pass the filters come before any task whose key is greater than
/// all of theirs.
#[derive(Debug)]
pub(crate) struct Bound {
    n: usize,
    /// The leading sorters of the order whose keys are numbers of the task alone.
    sorters: Vec<Sorter>,
    /// Every key of the order after `sorters` is the same for all tasks of a note: tasks
    /// of a note that tie on `sorters` are in the order of their places.
    within_note: bool,
    today: NaiveDate,
    /// Per thread: the least N keys seen, in the vault and in the note being read.
    slots: Vec<Mutex<Slot>>,
}

/// One thread's least N keys (each list with the greatest on top).
#[derive(Debug, Default)]
struct Slot {
    /// Among every task this thread was offered.
    vault: BinaryHeap<Key>,
    /// Among the tasks of the note this thread is reading.
    note: BinaryHeap<Key>,
}

impl Bound {
    /// The bound of the first `n` tasks in `order` (a query's whole order, default keys
    /// included) on `today`; `None` when the order does not start with a key of numbers
    /// or `n` is 0 (nothing is kept then anyway).
    pub(crate) fn new(order: &[Sorter], n: usize, today: NaiveDate) -> Option<Self> {
        let numbers = order.iter().take_while(|s| is_number(s.key)).count();
        let sorters: Vec<Sorter> = order[..numbers].iter().take(KEYS).copied().collect();
        if n == 0 || sorters.is_empty() {
            return None;
        }
        let within_note = numbers <= KEYS
            && order[numbers..]
                .iter()
                .all(|s| matches!(s.key, SortKey::Path | SortKey::Filename));
        Some(Self {
            n,
            sorters,
            within_note,
            today,
            slots: (0..=rayon::current_num_threads())
                .map(|_| Mutex::default())
                .collect(),
        })
    }

    /// The value of `sorter`'s key for `item`, in the order's order (the urgency worked
    /// out here: the filters leave it at 0).
    fn value(&self, sorter: &Sorter, item: &Item<'_>) -> u64 {
        let v = match sorter.key {
            SortKey::Urgency => urgency_number(urgency(&item.task.meta, self.today)),
            key => number(key, item).unwrap_or_default(),
        };
        if sorter.reverse { !v } else { v }
    }

    /// This thread's lists.
    fn slot(&self) -> std::sync::MutexGuard<'_, Slot> {
        let slot = rayon::current_thread_index().map_or(0, |i| i + 1) % self.slots.len();
        self.slots[slot]
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The tasks offered next on this thread are of another note (in their order).
    pub(crate) fn begin_note(&self) {
        if self.within_note {
            self.slot().note.clear();
        }
    }

    /// False when `item` (which passes the filters) cannot be among the first N: N tasks
    /// offered before it come before it on the leading keys alone, or (when the order
    /// after them compares notes only) N tasks of its note before it are not after it on
    /// those keys. Otherwise `item` is counted among the first N so far. Its keys are
    /// worked out one by one, only while it is tied with the N-th so far.
    pub(crate) fn admits(&self, item: &Item<'_>) -> bool {
        let mut slot = self.slot();
        let Slot { vault: heap, note } = &mut *slot;
        let mut key: Key = [0; KEYS];
        let full = heap.len() >= self.n;
        let nth = heap.peek().copied().filter(|_| full);
        let mut sorters = self.sorters.iter().enumerate();
        if let Some(nth) = nth {
            for (k, s) in sorters.by_ref() {
                key[k] = self.value(s, item);
                match key[k].cmp(&nth[k]) {
                    Ordering::Greater => return false,
                    Ordering::Less => break,
                    Ordering::Equal => {}
                }
            }
        }
        for (k, s) in sorters {
            key[k] = self.value(s, item);
        }
        if self.within_note {
            // The note's tasks come in the order of their places: an earlier one that
            // ties comes first.
            if note.len() >= self.n && note.peek().is_some_and(|nth| key >= *nth) {
                return false;
            }
            keep_least(note, self.n, key);
        }
        keep_least(heap, self.n, key);
        true
    }
}

/// Count `key` among the least `n` keys of `heap`.
fn keep_least(heap: &mut BinaryHeap<Key>, n: usize, key: Key) {
    if heap.len() < n {
        heap.push(key);
    } else if let Some(mut greatest) = heap.peek_mut() {
        if key < *greatest {
            *greatest = key;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::Dependencies;
    use crate::parse::{ParseOptions, parse_document};
    use crate::query::date_field::DateField;
    use crate::query::order::sorted;
    use crate::query::sort::DEFAULT;

    /// Tasks of every status, with dates, priorities and recurrence spread so that the
    /// leading keys tie often.
    fn note() -> String {
        const MARKS: [&str; 9] = [
            "",
            "📅 2026-11-20",
            "📅 2026-11-25",
            "📅 2026-12-30 ⏫",
            "⏳ 2026-11-21 🔽",
            "🛫 2026-11-30",
            "🔺 🔁 every week",
            "📅 2026-11-25 ⏫",
            "✅ 2026-11-02",
        ];
        let mut text = String::new();
        for i in 0..60 {
            let status = [" ", "x", "/", "-", " "][i % 5];
            let (a, b) = (MARKS[i * 7 % 9], MARKS[i * 5 % 9]);
            text.push_str(&format!("- [{status}] task {i} {a} {b}\n"));
        }
        text
    }

    #[test]
    fn the_first_n_are_always_admitted() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let doc = parse_document("n.md", note().as_bytes(), &ParseOptions::default());
        let none = Dependencies::default();
        let items: Vec<Item<'_>> = doc
            .tasks
            .iter()
            .map(|t| Item::new(&doc, t, &none, &[], today))
            .collect();
        let sort = |key, reverse| Sorter { key, reverse };
        let orders: [&[Sorter]; 6] = [
            &[],
            &[sort(SortKey::Date(DateField::Due), true)],
            &[
                sort(SortKey::Priority, false),
                sort(SortKey::Recurring, true),
            ],
            &[sort(SortKey::Date(DateField::Done), false)],
            &[sort(SortKey::Date(DateField::Happens), true)],
            &[sort(SortKey::Urgency, true), sort(SortKey::Status, true)],
        ];
        for lines in orders {
            let order: Vec<Sorter> = lines.iter().copied().chain(DEFAULT).collect();
            for n in [1, 2, 3, 5, 17, 59, 60, 100] {
                // Offered in three different sequences: forwards as one note is read,
                // then backwards and interleaved, each task as if read in a note of its
                // own (a note's tasks come in their order).
                let sequences: [Vec<usize>; 3] = [
                    (0..items.len()).collect(),
                    (0..items.len()).rev().collect(),
                    (0..items.len()).map(|i| i * 7 % items.len()).collect(),
                ];
                for (s, sequence) in sequences.into_iter().enumerate() {
                    let bound = Bound::new(&order, n, today).unwrap();
                    bound.begin_note();
                    let admitted: Vec<usize> = sequence
                        .iter()
                        .copied()
                        .filter(|&i| {
                            if s > 0 {
                                bound.begin_note();
                            }
                            let item = Item::for_filters(&doc, items[i].task, &none, &[]);
                            bound.admits(&item)
                        })
                        .collect();
                    let all: Vec<usize> = (0..items.len()).collect();
                    for want in sorted(&order, items.as_slice(), &all, Some(n)) {
                        assert!(admitted.contains(&want), "{lines:?} n={n}: {want}");
                    }
                    if n <= 3 {
                        assert!(admitted.len() < items.len(), "{lines:?} n={n}");
                    }
                }
            }
        }
        assert!(Bound::new(&DEFAULT, 0, today).is_none());
        let text_first = [sort(SortKey::Path, false)];
        assert!(Bound::new(&text_first, 5, today).is_none());
    }

    #[test]
    fn tasks_alike_in_a_note_are_decided_by_their_place() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let text = "- [ ] x\n".repeat(50);
        let doc = parse_document("n.md", text.as_bytes(), &ParseOptions::default());
        let none = Dependencies::default();
        let sort = |key, reverse| Sorter { key, reverse };
        // (order, whether ties in a note are broken by place, tasks admitted per note)
        let rows: [(Vec<Sorter>, bool); 4] = [
            (DEFAULT.to_vec(), true),
            (
                vec![
                    sort(SortKey::Priority, false),
                    sort(SortKey::Filename, true),
                ],
                true,
            ),
            // A key that differs within a note after the numbers: ties stay.
            (
                vec![
                    sort(SortKey::Priority, false),
                    sort(SortKey::Description, false),
                ],
                false,
            ),
            // More number keys than the bound compares: the rest may differ.
            (
                [sort(SortKey::Date(DateField::Start), false)]
                    .into_iter()
                    .chain(DEFAULT)
                    .collect(),
                false,
            ),
        ];
        for (order, by_place) in rows {
            let bound = Bound::new(&order, 3, today).unwrap();
            for note in 0..2 {
                bound.begin_note();
                let admitted = doc
                    .tasks
                    .iter()
                    .filter(|t| bound.admits(&Item::for_filters(&doc, t, &none, &[])))
                    .count();
                let want = if by_place { 3 } else { 50 };
                assert_eq!(admitted, want, "{order:?}, note {note}");
            }
        }
    }
}
