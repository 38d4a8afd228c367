//! Trimming the sheets of a scan as they are read, so that a digest of a large vault
//! holds the texts of only the tasks it may still show ([`SheetTrim`]).
//!
//! Every list of the digest shows its first `max_items` tasks by a total order whose
//! last key is the task's place. A row whose key, without the place, is worse than the
//! `max_items`-th best key seen so far (without place) cannot be among the first
//! `max_items` of the whole vault: that many rows are already strictly better. Rows are
//! offered as their sheets arrive, in whatever order the threads read them; whatever the
//! order, every row that ends up shown was kept when it was offered (ties with the bar
//! are kept). The rows themselves all stay, so every count, sum and order is the same;
//! only the entries (texts, statuses, blockers) of rows that cannot be shown are freed.
//!
//! Delegated tasks keep their entries (the "Waiting on" section needs each one's
//! assignee), and so do tasks waiting for the dependency index (their rows change when
//! it is known, so they are not offered).

use super::order::{ByDone, ByEstimate, ByFollowup, ByLeverage, ByUrgency, ByValue, Score};
use super::row::{Row, Sheet, SheetMemo};
use super::rules::{self, Lists};
use crate::classify::ClassifySettings;
use crate::classify::{Link, Quadrant};
use crate::model::Document;
use chrono::NaiveDate;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The best `keep` keys offered so far to one list.
#[derive(Debug)]
pub(super) struct Best<K> {
    keep: usize,
    /// The `keep` least keys offered, the greatest on top.
    heap: BinaryHeap<K>,
}

impl<K: Ord> Best<K> {
    pub(super) fn new(keep: usize) -> Self {
        Self {
            keep,
            heap: BinaryHeap::new(),
        }
    }

    /// Offer `key`: true when it is no worse than the `keep`-th best key offered so far
    /// (itself included), i.e. when its task may still be among the first `keep`.
    pub(super) fn offer(&mut self, key: K) -> bool {
        self.take(key, true)
    }

    /// [`Best::offer`] where a key equal to the `keep`-th best is worse: for the rows of
    /// one sheet, offered in task order, whose places (the tie-breaker) come in order.
    pub(super) fn offer_strict(&mut self, key: K) -> bool {
        self.take(key, false)
    }

    /// Keep `key` if it is among the best `keep`; whether it may be shown, a key equal to
    /// the `keep`-th best counting when `ties`.
    fn take(&mut self, key: K, ties: bool) -> bool {
        if self.heap.len() < self.keep {
            self.heap.push(key);
            return true;
        }
        match self.heap.peek() {
            Some(worst) if key < *worst => {
                self.heap.pop();
                self.heap.push(key);
                true
            }
            Some(worst) => ties && key == *worst,
            None => false,
        }
    }
}

/// What every list has seen, keys without the place.
#[derive(Debug)]
struct Bars {
    quadrants: [Best<ByUrgency<()>>; 4],
    own_open: Best<(Reverse<Score>, Reverse<Score>)>,
    value: Best<ByValue<()>>,
    routine: Best<ByEstimate<()>>,
    done_recently: Best<ByDone<()>>,
    blocked: Best<ByUrgency<()>>,
}

impl Bars {
    /// How many keys each list keeps.
    fn keep(&self) -> usize {
        self.own_open.keep
    }

    fn new(keep: usize) -> Self {
        Self {
            quadrants: std::array::from_fn(|_| Best::new(keep)),
            own_open: Best::new(keep),
            value: Best::new(keep),
            routine: Best::new(keep),
            done_recently: Best::new(keep),
            blocked: Best::new(keep),
        }
    }
}

/// One row offered to the bars: whether some list may show it. `sheet` holds the keys of
/// its own sheet's rows offered before it, which come before it in every list when
/// equal (their place is earlier): a row that many of them beat or tie cannot be shown,
/// even when its key ties with the vault's bar (a note of a million equal tasks keeps
/// the entries of its first few only). `None` for a sheet of no more rows than a list
/// shows, where they cannot.
struct Offer<'b> {
    bars: &'b mut Bars,
    sheet: Option<&'b mut Bars>,
    wanted: bool,
}

/// Offer `key` to its sheet's list `own` (if kept) and, if that keeps it, to the vault's
/// `bar`: whether the list may still show it.
fn offer<K: Ord + Clone>(own: Option<&mut Best<K>>, bar: &mut Best<K>, key: K) -> bool {
    own.is_none_or(|own| own.offer_strict(key.clone())) && bar.offer(key)
}

impl Lists<(), ()> for Offer<'_> {
    fn quadrant(&mut self, q: Quadrant, key: ByUrgency<()>) {
        let i = q.index();
        let own = self.sheet.as_deref_mut().map(|s| &mut s.quadrants[i]);
        self.wanted |= offer(own, &mut self.bars.quadrants[i], key);
    }
    fn own_open(&mut self, key: ByLeverage<()>) {
        // The impact comes after the place in the vital few's order: it never decides.
        let own = self.sheet.as_deref_mut().map(|s| &mut s.own_open);
        self.wanted |= offer(own, &mut self.bars.own_open, (key.0, key.1));
    }
    fn value(&mut self, key: ByValue<()>) {
        let own = self.sheet.as_deref_mut().map(|s| &mut s.value);
        self.wanted |= offer(own, &mut self.bars.value, key);
    }
    fn routine(&mut self, key: ByEstimate<()>) {
        let own = self.sheet.as_deref_mut().map(|s| &mut s.routine);
        self.wanted |= offer(own, &mut self.bars.routine, key);
    }
    fn done_recently(&mut self, key: ByDone<()>) {
        let own = self.sheet.as_deref_mut().map(|s| &mut s.done_recently);
        self.wanted |= offer(own, &mut self.bars.done_recently, key);
    }
    fn waiting_on(&mut self, _: (), _: ByFollowup<()>) {
        self.wanted = true;
    }
    fn blocked(&mut self, key: ByUrgency<()>) {
        let own = self.sheet.as_deref_mut().map(|s| &mut s.blocked);
        self.wanted |= offer(own, &mut self.bars.blocked, key);
    }
}

/// The sheets of one scan, kept in the cache by `memo` and trimmed as they are read to
/// what a digest showing `max_items` per list may show (nothing trimmed when it is 0:
/// every list is whole).
pub struct SheetTrim<'a> {
    memo: SheetMemo<'a>,
    bars: Option<Mutex<Bars>>,
    /// How many more rows may be held with their entries before sheets are trimmed
    /// ([`SheetTrim::after_rows`]).
    untrimmed: AtomicUsize,
}

impl<'a> SheetTrim<'a> {
    /// Trim for lists of `max_items` (0: no limit).
    pub fn new(memo: SheetMemo<'a>, max_items: usize) -> Self {
        let bars = (max_items > 0).then(|| Mutex::new(Bars::new(max_items)));
        Self {
            memo,
            bars,
            untrimmed: AtomicUsize::new(0),
        }
    }

    /// What a scan of a large vault holds untrimmed, in rows: their entries take at most
    /// about 4 MB (an entry and its texts are ~120 bytes), while offering every row of a
    /// small vault costs a tenth of its warm digest.
    pub const UNTRIMMED_ROWS: usize = 32_768;

    /// Leave whole the sheets read while the rows held so far are fewer than `rows`
    /// (counted over the scan, in the order the threads read them); trim the others.
    /// Rows that are not offered only make the bars less tight: what is trimmed is still
    /// never shown.
    pub fn after_rows(self, rows: usize) -> Self {
        Self {
            untrimmed: AtomicUsize::new(rows),
            ..self
        }
    }

    /// Offer `sheet`'s rows and free the entries none of its lists may show.
    pub fn trim(&self, sheet: &mut Sheet) {
        let Some(bars) = &self.bars else {
            return;
        };
        if self.held_whole(sheet.rows().len()) {
            return;
        }
        let mut bars = bars.lock().unwrap_or_else(|e| e.into_inner());
        let mut own = own_bars(sheet.rows().len(), bars.keep());
        sheet.trim(|row| wanted(&mut bars, own.as_mut(), row));
    }

    /// Whether a sheet of `rows` rows is left whole: the allowance of
    /// [`SheetTrim::after_rows`] still holds them (and is reduced by them).
    fn held_whole(&self, rows: usize) -> bool {
        self.untrimmed
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(rows)
            })
            .is_ok()
    }

    /// [`Sheet::unlinked`] of `doc`, trimmed as it is made: the sheet [`SheetTrim::trim`]
    /// would leave, without ever holding the entries it frees (a note may hold a million
    /// tasks). For a scan that keeps no sheet in the cache: a kept sheet has every entry.
    pub fn unlinked(
        &self,
        doc: Document,
        today: NaiveDate,
        cs: &ClassifySettings,
    ) -> (Sheet, Vec<Link>) {
        // Its tasks stand for its rows (there are no more rows than tasks).
        let Some(bars) = self
            .bars
            .as_ref()
            .filter(|_| !self.held_whole(doc.tasks.len()))
        else {
            return Sheet::unlinked(doc, today, cs);
        };
        // Taken at the first row offered, after the rows are made: the classification of
        // a note runs on its own.
        let mut guard = None;
        let tasks = doc.tasks.len();
        let mut own = None;
        Sheet::unlinked_trimmed(doc, today, cs, &mut |row| {
            let bars = guard.get_or_insert_with(|| bars.lock().unwrap_or_else(|e| e.into_inner()));
            let own = own.get_or_insert_with(|| own_bars(tasks, bars.keep()));
            wanted(bars, own.as_mut(), row)
        })
    }
}

/// The bars of one sheet of `rows` rows (at most), for lists of `keep`: none when it has
/// no more rows than a list shows (then no row of it is beaten by `keep` of its own, and
/// most notes are that small).
fn own_bars(rows: usize, keep: usize) -> Option<Bars> {
    (rows > keep).then(|| Bars::new(keep))
}

/// Offer `row` to `bars` and to `sheet`, the bars of its own sheet: whether some list may
/// still show it.
fn wanted(bars: &mut Bars, sheet: Option<&mut Bars>, row: &Row) -> bool {
    let mut offer = Offer {
        bars,
        sheet,
        wanted: false,
    };
    rules::file(row, (), || (), &mut offer);
    offer.wanted
}

impl crate::vault::Memo<(Sheet, Vec<Link>)> for SheetTrim<'_> {
    fn salt(&self) -> u64 {
        self.memo.salt()
    }

    fn encode(&self, value: &(Sheet, Vec<Link>), out: &mut Vec<u8>) -> bool {
        self.memo.encode(value, out)
    }

    fn decode(&self, path: &str, bytes: &[u8]) -> Option<(Sheet, Vec<Link>)> {
        self.memo.decode(path, bytes)
    }

    fn settle(&self, mut value: (Sheet, Vec<Link>)) -> (Sheet, Vec<Link>) {
        self.trim(&mut value.0);
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (no clock, no crate).
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, below: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) % below
        }
    }

    #[test]
    fn sheets_are_left_whole_until_the_rows_allowed_are_held() {
        use crate::classify::{ClassifySettings, Dependencies};
        use crate::parse::{ParseOptions, parse_document};
        let today = crate::classify::task_builder::today();
        let cs = ClassifySettings::default();
        let memo = || SheetMemo {
            today,
            classify: &cs,
        };
        // Three open tasks per note, each note's due later than the one before: with
        // lists of one, the later notes' rows cannot be shown.
        let sheet = |i: usize| {
            let text = format!(
                "- [ ] a{i} ⏫ 📅 2027-0{m}-01\n- [ ] b{i} 🔽 📅 2027-0{m}-02\n- [ ] c{i} 📅 2027-0{m}-03\n",
                m = i + 1
            );
            let doc = parse_document("n.md", text.as_bytes(), &ParseOptions::default());
            Sheet::of(doc, today, &cs, &Dependencies::default())
        };
        for allowed in [0, 2, 3, 5, 6, 9, 100] {
            let trim = SheetTrim::new(memo(), 1).after_rows(allowed);
            // What a trim from the first row does to the sheets past the allowance.
            let reference = SheetTrim::new(memo(), 1);
            let mut left = allowed;
            let mut trimmed = 0;
            for i in 0..4 {
                let mut got = sheet(i);
                trim.trim(&mut got);
                let mut want = sheet(i);
                if left >= want.rows().len() {
                    left -= want.rows().len();
                } else {
                    reference.trim(&mut want);
                }
                assert_eq!(got, want, "{allowed} rows allowed, note {i}");
                trimmed += usize::from(got != sheet(i));
            }
            // Past the allowance the later notes lose their entries.
            assert_eq!(trimmed > 0, allowed < 9, "{allowed} rows allowed");
        }
    }

    #[test]
    fn the_kept_keys_hold_the_first_of_a_full_sort_ties_included() {
        let mut rng = Lcg(7);
        for (keep, n, spread) in [
            (1, 50, 3),
            (3, 40, 2),
            (5, 200, 10),
            (50, 1000, 40),
            (50, 30, 5),
            (10, 500, 1),
        ] {
            // Keys with few distinct values (many ties), and a place that breaks them.
            let rows: Vec<(u64, usize)> = (0..n).map(|place| (rng.next(spread), place)).collect();
            let mut best = Best::new(keep);
            let kept: Vec<(u64, usize)> =
                rows.iter().copied().filter(|r| best.offer(r.0)).collect();
            let first = |mut list: Vec<(u64, usize)>| {
                list.sort();
                list.truncate(keep);
                list
            };
            assert_eq!(
                first(kept.clone()),
                first(rows.clone()),
                "keep {keep} of {n}"
            );
            assert!(
                kept.len() < n || n <= keep || spread == 1,
                "keep {keep} of {n}: nothing dropped"
            );
            // Offered in the order of their places (one sheet's rows), ties are decided
            // as they come: a row tied with the bar comes after the rows that set it.
            let mut own = Best::new(keep);
            let strict: Vec<(u64, usize)> = rows
                .iter()
                .copied()
                .filter(|r| own.offer_strict(r.0))
                .collect();
            assert_eq!(
                first(strict.clone()),
                first(rows.clone()),
                "keep {keep} of {n}, in place order"
            );
            assert!(
                strict.len() < n || n <= keep,
                "keep {keep} of {n}: nothing dropped in place order"
            );
        }
    }
}
