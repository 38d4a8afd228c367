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

/// One row offered to the bars: which lists may show it. `sheet` holds the keys of its
/// own sheet's rows offered before it, which come before it in every list when equal
/// (their place is earlier): a row that many of them beat or tie cannot be shown, even
/// when its key ties with the vault's bar (a note of a million equal tasks keeps the
/// entries of its first few only). `None` for a sheet of no more rows than a list shows,
/// where they cannot. `bars`, the vault's, is `None` when only the sheet's own are asked
/// (a kept sheet being decoded: the vault's see its rows once it has decoded, in a second
/// step offered only the lists of `lists`).
struct Offer<'b> {
    bars: Option<&'b mut Bars>,
    sheet: Option<&'b mut Bars>,
    /// The lists to offer the row to, by [`Offer::list`]'s numbers (all by default).
    lists: u16,
    /// The lists that may show it.
    kept: u16,
}

/// An [`Offer`]'s list numbers: the quadrants are 0–3.
const OWN_OPEN: u16 = 4;
const VALUE: u16 = 5;
const ROUTINE: u16 = 6;
const DONE_RECENTLY: u16 = 7;
const WAITING_ON: u16 = 8;
const BLOCKED: u16 = 9;

impl Offer<'_> {
    /// Offer `key` to list `at` of its sheet (if kept) and, if that keeps it, of the
    /// vault (if asked).
    fn list<K: Ord + Clone>(&mut self, at: u16, list: impl Fn(&mut Bars) -> &mut Best<K>, key: K) {
        let bit = 1 << at;
        if self.lists & bit == 0 {
            return;
        }
        let own = self
            .sheet
            .as_deref_mut()
            .is_none_or(|s| list(s).offer_strict(key.clone()));
        if own && self.bars.as_deref_mut().is_none_or(|b| list(b).offer(key)) {
            self.kept |= bit;
        }
    }
}

impl Lists<(), ()> for Offer<'_> {
    fn quadrant(&mut self, q: Quadrant, key: ByUrgency<()>) {
        let i = q.index();
        self.list(i as u16, |b| &mut b.quadrants[i], key);
    }
    fn own_open(&mut self, key: ByLeverage<()>) {
        // The impact comes after the place in the vital few's order: it never decides.
        self.list(OWN_OPEN, |b| &mut b.own_open, (key.0, key.1));
    }
    fn value(&mut self, key: ByValue<()>) {
        self.list(VALUE, |b| &mut b.value, key);
    }
    fn routine(&mut self, key: ByEstimate<()>) {
        self.list(ROUTINE, |b| &mut b.routine, key);
    }
    fn done_recently(&mut self, key: ByDone<()>) {
        self.list(DONE_RECENTLY, |b| &mut b.done_recently, key);
    }
    fn waiting_on(&mut self, _: (), _: ByFollowup<()>) {
        self.kept |= (1 << WAITING_ON) & self.lists;
    }
    fn blocked(&mut self, key: ByUrgency<()>) {
        self.list(BLOCKED, |b| &mut b.blocked, key);
    }
}

/// The sheets of one scan, kept in the cache by `memo` and trimmed as they are read to
/// what a digest showing `max_items` per list may show (nothing trimmed when it is 0:
/// every list is whole).
pub struct SheetTrim<'a> {
    memo: SheetMemo<'a>,
    bars: Option<Mutex<Bars>>,
    /// How many keys each list keeps.
    keep: usize,
    /// How many more rows may be held with their entries before sheets are trimmed
    /// ([`SheetTrim::after_rows`]).
    untrimmed: AtomicUsize,
    /// What `untrimmed` started at: a sheet of more rows is never left whole.
    allowance: usize,
}

impl<'a> SheetTrim<'a> {
    /// Trim for lists of `max_items` (0: no limit).
    pub fn new(memo: SheetMemo<'a>, max_items: usize) -> Self {
        let bars = (max_items > 0).then(|| Mutex::new(Bars::new(max_items)));
        Self {
            memo,
            bars,
            keep: max_items,
            untrimmed: AtomicUsize::new(0),
            allowance: 0,
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
            allowance: rows,
            ..self
        }
    }

    /// Offer `sheet`'s rows and free the entries none of its lists may show.
    pub fn trim(&self, sheet: &mut Sheet) {
        let Some(bars) = &self.bars else {
            return;
        };
        if sheet.is_trimmed() || self.held_whole(sheet.rows().len()) {
            return;
        }
        let mut bars = bars.lock().unwrap_or_else(|e| e.into_inner());
        let mut own = own_bars(sheet.rows().len(), self.keep);
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
        // Taken for each batch of rows, once it is made: the classification of a note
        // runs on its own, and a huge note does not hold the others up. The order in which
        // sheets' batches meet the bars does not matter (see the module's header); a
        // sheet's own bars see its rows in task order.
        let tasks = doc.tasks.len();
        let mut own = None;
        Sheet::unlinked_trimmed(doc, today, cs, &mut |rows, answers| {
            let mut bars = bars.lock().unwrap_or_else(|e| e.into_inner());
            let own = own.get_or_insert_with(|| own_bars(tasks, self.keep));
            answers.extend(rows.iter().map(|row| wanted(&mut bars, own.as_mut(), row)));
        })
    }
}

impl SheetTrim<'_> {
    /// The kept sheet `bytes` of `rows` rows, decoded trimmed: what [`SheetTrim::trim`]
    /// would leave of it decoded whole.
    fn decode_trimmed(
        &self,
        bars: &Mutex<Bars>,
        rows: usize,
        path: &str,
        bytes: &[u8],
    ) -> Option<(Sheet, Vec<Link>)> {
        let mut own = own_bars(rows, self.keep);
        // Taken once the sheet has decoded, for its rows that its own bars keep.
        let mut guard = None;
        self.memo.decode_trimmed(
            path,
            bytes,
            &mut |row| offered(None, own.as_mut(), u16::MAX, row),
            &mut |row, lists| {
                let bars =
                    guard.get_or_insert_with(|| bars.lock().unwrap_or_else(|e| e.into_inner()));
                offered(Some(bars), None, lists, row) != 0
            },
        )
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
    offered(Some(bars), sheet, u16::MAX, row) != 0
}

/// Offer `row` to the `lists` of `bars` and of `sheet` that are given: the lists that may
/// still show it.
fn offered(bars: Option<&mut Bars>, sheet: Option<&mut Bars>, lists: u16, row: &Row) -> u16 {
    let mut offer = Offer {
        bars,
        sheet,
        lists,
        kept: 0,
    };
    rules::file(row, (), || (), &mut offer);
    offer.kept
}

impl crate::vault::Memo<(Sheet, Vec<Link>)> for SheetTrim<'_> {
    fn salt(&self) -> u64 {
        self.memo.salt()
    }

    fn encode(&self, value: &(Sheet, Vec<Link>), out: &mut Vec<u8>) -> bool {
        self.memo.encode(value, out)
    }

    fn decode(&self, path: &str, bytes: &[u8]) -> Option<(Sheet, Vec<Link>)> {
        // A sheet of more rows than the allowance is never left whole (and asking
        // [`SheetTrim::held_whole`] about it changes nothing): it is trimmed as it decodes,
        // and `settle` leaves it. The others decode whole and are trimmed there.
        let rows = SheetMemo::rows_in(bytes).filter(|&rows| rows > self.allowance);
        match (&self.bars, rows) {
            (Some(bars), Some(rows)) => self.decode_trimmed(bars, rows, path, bytes),
            _ => self.memo.decode(path, bytes),
        }
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

    /// A note of `n` tasks with few distinct priorities, due dates, done dates and efforts
    /// (many ties), some delegated or with a block id.
    fn note(rng: &mut Lcg, n: usize) -> String {
        let mut text = String::new();
        for i in 0..n {
            let status = [" ", " ", " ", "x", "/", "-"][rng.next(6) as usize];
            let priority = ["", " ⏫", " 🔼", " 🔽", " 🔺"][rng.next(5) as usize];
            let due = match rng.next(4) {
                0 => String::new(),
                d => format!(" 📅 2026-11-{:02}", 15 + 3 * d),
            };
            let done = if status == "x" {
                format!(" ✅ 2026-11-{:02}", 19 + rng.next(3))
            } else {
                String::new()
            };
            let extra = [
                "",
                " [effort:: value]",
                " #routine [estimate:: 2h]",
                " [assignee:: bob]",
                " ^b",
            ][rng.next(5) as usize];
            text += &format!("- [{status}] t{i}{priority}{due}{done}{extra}\n");
        }
        text
    }

    /// What the digest reads of a sheet: its rows, each with its entry if it has one.
    fn read(sheet: &Sheet) -> Vec<String> {
        use super::super::row::EntrySource;
        sheet
            .rows()
            .iter()
            .map(|row| format!("{row:?} {:?}", sheet.entry(row)))
            .collect()
    }

    #[test]
    fn a_sheet_trimmed_as_it_decodes_is_the_sheet_decoded_then_trimmed() {
        use crate::parse::{ParseOptions, parse_document};
        use crate::vault::Memo;
        let made = crate::classify::task_builder::today();
        let cs = ClassifySettings::default();
        let mut rng = Lcg(11);
        let mut trimmed = 0;
        // (tasks per note, notes, lists of, days later): from every entry kept (a note of
        // no more tasks than a list shows) to few.
        for (n, notes, keep, later) in [
            (40, 3, 5, 0),
            (200, 4, 3, 1),
            (300, 2, 50, 3),
            (30, 1, 50, 2),
            (500, 3, 1, 0),
            (30, 5, 10, 10),
        ] {
            let today = made + chrono::TimeDelta::days(later);
            let memo = || SheetMemo {
                today,
                classify: &cs,
            };
            let kept: Vec<Vec<u8>> = (0..notes)
                .map(|i| {
                    let text = note(&mut rng, n);
                    let doc = parse_document(
                        &format!("n{i}.md"),
                        text.as_bytes(),
                        &ParseOptions::default(),
                    );
                    let value = Sheet::unlinked(doc, made, &cs);
                    let mut bytes = Vec::new();
                    assert!(
                        SheetMemo {
                            today: made,
                            classify: &cs
                        }
                        .encode(&value, &mut bytes)
                    );
                    bytes
                })
                .collect();
            let as_it_decodes = SheetTrim::new(memo(), keep);
            let after = SheetTrim::new(memo(), keep);
            for (i, bytes) in kept.iter().enumerate() {
                let path = format!("n{i}.md");
                // Bytes cut short decode to nothing, and the vault's bars never see them.
                let cut = &bytes[..bytes.len() - 1];
                assert_eq!(
                    as_it_decodes.decode(&path, cut),
                    None,
                    "{n} tasks, note {i}"
                );
                let (got, _) =
                    as_it_decodes.settle(as_it_decodes.decode(&path, bytes).expect("it decodes"));
                let (mut want, _) = memo().decode(&path, bytes).expect("it decodes");
                after.trim(&mut want);
                assert!(got.is_trimmed(), "{n} tasks, note {i}");
                assert_eq!(
                    read(&got),
                    read(&want),
                    "{n} tasks, lists of {keep}, note {i}"
                );
                assert_eq!(got.unlisted(), want.unlisted());
                assert_eq!(got.first_problems(), want.first_problems());
                trimmed += usize::from(
                    read(&got) != read(&memo().decode(&path, bytes).expect("it decodes").0),
                );
            }
        }
        // Entries were freed: the trims are not empty.
        assert!(trimmed > 0);
    }

    #[test]
    fn sheets_trimmed_as_made_give_the_digest_of_the_documents() {
        use super::super::{DigestSettings, build, build_sheets};
        use crate::classify::Dependencies;
        use crate::parse::{ParseOptions, parse_document};
        let today = crate::classify::task_builder::today();
        let cs = ClassifySettings::default();
        let mut rng = Lcg(5);
        let mut runs = 0;
        // (tasks per note, notes, lists of, vital few's share, equal tasks at the end of
        // each note): rows left out in runs long and short, the share's last task inside
        // a run or not.
        for (n, notes, keep, share, same) in [
            (40, 3, 5, 0.2, 0),
            (200, 4, 3, 0.3, 50),
            (300, 2, 10, 0.5, 0),
            (500, 3, 1, 0.1, 200),
            (30, 5, 2, 0.9, 30),
            (0, 2, 3, 0.2, 1000),
            (120, 2, 0, 0.2, 40),
        ] {
            let docs: Vec<Document> = (0..notes)
                .map(|i| {
                    let mut text = note(&mut rng, n);
                    // Equal in the vital few's order, not in impact: where their runs
                    // end decides the impact counted.
                    for k in 0..same {
                        let (impact, hours) = [(4, 2), (2, 1), (4, 2), (4, 2), (6, 3)][k % 5];
                        text += &format!(
                            "- [ ] same 🔼 📅 2026-12-01 [impact:: {impact}] [estimate:: {hours}h]\n"
                        );
                    }
                    parse_document(&format!("n{i}.md"), text.as_bytes(), &ParseOptions::default())
                })
                .collect();
            let ds = DigestSettings {
                max_items: keep,
                vital_few_share: share,
                ..DigestSettings::default()
            };
            let want = build(&docs, today, &cs, &ds);
            let trim = SheetTrim::new(
                SheetMemo {
                    today,
                    classify: &cs,
                },
                keep,
            );
            let deps = Dependencies::of_documents(&docs, today, &cs);
            let sheets: Vec<Sheet> = docs
                .iter()
                .map(|d| {
                    let (mut sheet, _) = trim.unlinked(d.clone(), today, &cs);
                    sheet.link(today, &cs, &deps);
                    sheet
                })
                .collect();
            runs += sheets
                .iter()
                .flat_map(Sheet::runs)
                .filter(|r| r.rows > 1)
                .count();
            let got = build_sheets(&sheets, today, &cs, &ds);
            assert_eq!(
                got, want,
                "{n} tasks and {same} equal, lists of {keep}, share {share}"
            );
        }
        // Rows were left out, many in runs of more than one.
        assert!(runs > 10, "{runs} runs");
    }

    #[test]
    fn a_kept_row_between_left_out_rows_keeps_its_place_in_the_vital_few() {
        use super::super::{DigestSettings, build, build_sheets};
        use crate::parse::{ParseOptions, parse_document};
        let today = crate::classify::task_builder::today();
        let cs = ClassifySettings::default();
        // Equal in the vital few's order; the third is value work, kept for its list,
        // and of another impact. Lists of one keep the first; the others are left out.
        let text = "- [ ] a [impact:: 4] [estimate:: 2h]\n\
                    - [ ] b [impact:: 4] [estimate:: 2h]\n\
                    - [ ] c [impact:: 2] [estimate:: 1h] [effort:: value]\n\
                    - [ ] d [impact:: 4] [estimate:: 2h]\n";
        let docs = [parse_document(
            "n.md",
            text.as_bytes(),
            &ParseOptions::default(),
        )];
        for share in [0.25, 0.5, 0.75, 1.0] {
            let ds = DigestSettings {
                max_items: 1,
                vital_few_share: share,
                ..DigestSettings::default()
            };
            let trim = SheetTrim::new(
                SheetMemo {
                    today,
                    classify: &cs,
                },
                1,
            );
            let (sheet, _) = trim.unlinked(docs[0].clone(), today, &cs);
            assert_eq!(sheet.runs().len(), 2, "b and d are two runs");
            let sheets = [sheet];
            let want = build(&docs, today, &cs, &ds);
            assert_eq!(
                build_sheets(&sheets, today, &cs, &ds),
                want,
                "share {share}"
            );
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
