//! The one-shot digest: classify every task once (in parallel) into [`Row`]s, file each
//! row by the digest's rules ([`super::rules`]), keeping only the best of each list, then
//! finish the sections by the same rules.
//!
//! Every list is sorted by keys copied out of the rows ([`super::order`]), by a total
//! order that ends in the task's place (path rank, line), so the result does not depend
//! on how the work was split between threads; entries are made from their tasks only for
//! what is shown.

use super::order::{ByDone, ByEstimate, ByFollowup, ByLeverage, ByUrgency, ByValue};
use super::row::{self, EntrySource, Row, Run};
use super::rules::{self, List, Lists, Notes, Shelves, Tally, Texts, Waiting};
use super::{Digest, DigestSettings};
use crate::classify::{ClassifySettings, Dependencies, Quadrant};
use crate::model::Document;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

/// The digest of `docs` on `today`. Entries borrow their texts from `docs`.
pub fn build<'a>(
    docs: &'a [Document],
    today: NaiveDate,
    cs: &ClassifySettings,
    ds: &DigestSettings,
) -> Digest<'a> {
    let deps = crate::classify::Dependencies::of_documents(docs, today, cs);
    let sheets: Vec<Vec<Row>> = docs
        .par_iter()
        .map(|doc| row::rows(doc, today, cs, &deps))
        .collect();
    let sheets: Vec<&[Row]> = sheets.iter().map(Vec::as_slice).collect();
    assemble(docs, &sheets, Unlisted::default(), &deps, today, cs, ds)
}

/// Where a row is: `sheets[doc][row]`, and its task's place in the vault's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct At {
    /// The document's rank in path order, then the task's line: the tie-breaker of every
    /// order.
    place: (u32, u32),
    doc: u32,
    row: u32,
}

/// The digest of slim [`super::Sheet`] (made on `today` with `cs`, and the dependency
/// index of the whole vault), equal to [`build`]'s of the documents they were made from.
pub fn build_sheets<'a>(
    sheets: &'a [super::Sheet],
    today: NaiveDate,
    cs: &ClassifySettings,
    ds: &DigestSettings,
) -> Digest<'a> {
    let rows: Vec<&[Row]> = sheets.iter().map(super::Sheet::rows).collect();
    // A sheet keeps only the rows that can be listed, and the sum of the others' counts
    // (with, when trimmed as made, the vital few's keys of those left out).
    let mut unlisted = Unlisted {
        tally: Tally::default(),
        runs: sheets.iter().map(super::Sheet::runs).collect(),
    };
    for sheet in sheets {
        unlisted.tally.add(&sheet.unlisted());
    }
    // A sheet knows what its blocked tasks wait for: no index is needed.
    assemble(
        sheets,
        &rows,
        unlisted,
        &Dependencies::default(),
        today,
        cs,
        ds,
    )
}

/// The lists of a one-shot build: the best `max_items` of each task list, and every own
/// open task (the vital few are a share of them) and delegated task (grouped by person at
/// the end).
struct Gathered<'s> {
    quadrants: [Top<ByUrgency<At>>; 4],
    value: Top<ByValue<At>>,
    routine: Top<ByEstimate<At>>,
    done_recently: Top<ByDone<At>>,
    blocked: Top<ByUrgency<At>>,
    own_open: Vec<ByLeverage<At>>,
    delegated: Vec<(&'s str, ByFollowup<At>)>,
}

impl Gathered<'_> {
    /// Empty lists, each task list keeping its best `keep` items.
    fn new(keep: usize) -> Self {
        Gathered {
            quadrants: std::array::from_fn(|_| Top::new(keep)),
            value: Top::new(keep),
            routine: Top::new(keep),
            done_recently: Top::new(keep),
            blocked: Top::new(keep),
            own_open: Vec::new(),
            delegated: Vec::new(),
        }
    }

    /// Take in the items of `other` (gathered from other notes).
    fn merge(&mut self, other: Self) {
        let Gathered {
            quadrants,
            value,
            routine,
            done_recently,
            blocked,
            own_open,
            delegated,
        } = other;
        for (mine, theirs) in self.quadrants.iter_mut().zip(quadrants) {
            mine.merge(theirs);
        }
        self.value.merge(value);
        self.routine.merge(routine);
        self.done_recently.merge(done_recently);
        self.blocked.merge(blocked);
        extend_larger(&mut self.own_open, own_open);
        extend_larger(&mut self.delegated, delegated);
    }
}

/// `list` followed by `more`, copying the shorter of the two (the order of the items
/// does not matter to the lists that take them).
fn extend_larger<T>(list: &mut Vec<T>, mut more: Vec<T>) {
    if more.len() > list.len() {
        std::mem::swap(list, &mut more);
    }
    list.extend(more);
}

impl<'s> Lists<At, &'s str> for Gathered<'s> {
    fn quadrant(&mut self, q: Quadrant, key: ByUrgency<At>) {
        self.quadrants[q.index()].push(key);
    }
    fn own_open(&mut self, key: ByLeverage<At>) {
        self.own_open.push(key);
    }
    fn value(&mut self, key: ByValue<At>) {
        self.value.push(key);
    }
    fn routine(&mut self, key: ByEstimate<At>) {
        self.routine.push(key);
    }
    fn done_recently(&mut self, key: ByDone<At>) {
        self.done_recently.push(key);
    }
    fn waiting_on(&mut self, assignee: &'s str, key: ByFollowup<At>) {
        self.delegated.push((assignee, key));
    }
    fn blocked(&mut self, key: ByUrgency<At>) {
        self.blocked.push(key);
    }
}

impl Shelves<At> for Gathered<'_> {
    fn first(&mut self, list: List, n: usize) -> Vec<At> {
        match list {
            List::Quadrant(q) => self.quadrants[q.index()].first(n, |k| k.2),
            List::Value => self.value.first(n, |k| k.1.2),
            List::Routine => self.routine.first(n, |k| k.1),
            List::DoneRecently => self.done_recently.first(n, |k| k.1),
            List::Blocked => self.blocked.first(n, |k| k.2),
        }
    }

    fn vital_few(&mut self, count: usize, n: usize) -> (u64, Vec<At>) {
        let own_open = &mut self.own_open;
        // The vital few are the first `count` in this (total) order: find them without
        // sorting the rest, then sort only the part shown.
        if count > 0 && count < own_open.len() {
            own_open.select_nth_unstable(count - 1);
        }
        own_open.truncate(count);
        let impact = own_open.iter().map(|k| u64::from(k.3)).sum();
        top(own_open, n, Ord::cmp);
        (impact, own_open.iter().map(|k| k.2).collect())
    }

    fn waiting_on(&mut self, shown: &dyn Fn(usize) -> usize) -> Vec<Waiting<At>> {
        // Fold each spelling once, not each task (a vault may delegate 100,000).
        let mut keys: HashMap<&str, String> = HashMap::new();
        let mut by_key: BTreeMap<String, Vec<(&str, ByFollowup<At>)>> = BTreeMap::new();
        for (name, key) in std::mem::take(&mut self.delegated) {
            let person = keys.entry(name).or_insert_with(|| rules::person_key(name));
            match by_key.get_mut(person.as_str()) {
                Some(list) => list.push((name, key)),
                None => {
                    by_key.insert(person.clone(), vec![(name, key)]);
                }
            }
        }
        by_key
            .into_values()
            .map(|mut tasks| {
                let assignee = tasks.iter().map(|t| t.0).min().unwrap_or_default();
                let followups_due = tasks.iter().filter(|t| t.1.is_due()).count();
                let missing_followups = tasks.iter().filter(|t| t.1.lacks_followup()).count();
                let open = tasks.len();
                top(&mut tasks, shown(open), |a, b| a.1.cmp(&b.1));
                Waiting {
                    assignee: assignee.to_owned(),
                    followups_due,
                    missing_followups,
                    open,
                    shown: tasks.iter().map(|t| t.1.2).collect(),
                }
            })
            .collect()
    }
}

/// A build's lists, with the own open tasks that trimmed sheets left out as runs
/// ([`Run`]: each a key at the place of its first task, and how many tasks). Kept apart
/// from [`Gathered`], which the filing moves from note to note: none of a normal vault's
/// sheets has any.
struct Filed<'s> {
    lists: Gathered<'s>,
    own_runs: Vec<(ByLeverage<At>, u32)>,
}

impl Shelves<At> for Filed<'_> {
    fn first(&mut self, list: List, n: usize) -> Vec<At> {
        self.lists.first(list, n)
    }

    /// With runs: every task and run in the vital few's order (a run's tasks follow each
    /// other in it, see [`Run`]), the first `count` tasks counted off. A run's tasks are
    /// never among the first `n` (trimmed sheets leave out only rows no list can show):
    /// they take their places and show nothing, as a task without an entry would.
    fn vital_few(&mut self, count: usize, n: usize) -> (u64, Vec<At>) {
        if self.own_runs.is_empty() {
            return self.lists.vital_few(count, n);
        }
        let mut all: Vec<(ByLeverage<At>, u32, bool)> = std::mem::take(&mut self.lists.own_open)
            .into_iter()
            .map(|k| (k, 1, true))
            .chain(
                std::mem::take(&mut self.own_runs)
                    .into_iter()
                    .map(|(k, rows)| (k, rows, false)),
            )
            .collect();
        all.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let (mut left, mut seen, mut impact) = (count, 0usize, 0u64);
        let mut shown = Vec::new();
        for (key, rows, row) in all {
            if left == 0 {
                break;
            }
            let took = left.min(rows as usize);
            impact = impact.saturating_add(u64::from(key.3).saturating_mul(took as u64));
            if row && seen < n {
                shown.push(key.2);
            }
            seen += took;
            left -= took;
        }
        (impact, shown)
    }

    fn waiting_on(&mut self, shown: &dyn Fn(usize) -> usize) -> Vec<Waiting<At>> {
        Shelves::waiting_on(&mut self.lists, shown)
    }
}

/// What the rows not given to [`assemble`] add: their counts, and the runs of own open
/// ones each sheet left out (`runs[i]` of `sheets[i]`; none when empty).
#[derive(Default)]
struct Unlisted<'r> {
    tally: Tally,
    runs: Vec<&'r [Run]>,
}

/// The digest of `docs` from their rows (`sheets[i]` are the rows of `docs[i]`, made on
/// `today` with `cs` among the tasks `deps` knows), with what the rows not given add
/// (`unlisted`). `docs` need not be sorted.
fn assemble<'a, S: EntrySource>(
    docs: &'a [S],
    sheets: &[&[Row]],
    unlisted: Unlisted<'_>,
    deps: &Dependencies,
    today: NaiveDate,
    cs: &ClassifySettings,
    ds: &DigestSettings,
) -> Digest<'a> {
    let Unlisted { mut tally, runs } = unlisted;
    let ranks = path_ranks(docs);
    let rank = |doc: usize| ranks.as_ref().map_or(doc, |r| r[doc] as usize) as u32;
    let keep = ds.max_items;
    // The rows are filed on both cores, each its share of the notes, and the lists then
    // merged: every list keeps its best items by a total order, whatever the split.
    let empty = || (Gathered::new(keep), Tally::default());
    // A few pieces per core: each piece is a set of lists merged at the end, and merging
    // copies every own open and delegated task once more.
    let piece = sheets.len() / (4 * rayon::current_num_threads()).max(1) + 1;
    let (lists, filed) = sheets
        .par_iter()
        .with_min_len(piece)
        .enumerate()
        .fold(empty, |(mut lists, mut tally), (d, sheet)| {
            let doc_rank = rank(d);
            for (r, row) in sheet.iter().enumerate() {
                let at = At {
                    place: (doc_rank, row.line),
                    doc: d as u32,
                    row: r as u32,
                };
                let assignee = || docs[d].assignee(row).unwrap_or_default();
                rules::file_into(row, at, assignee, &mut lists, &mut tally);
            }
            (lists, tally)
        })
        .reduce(empty, |(mut a, mut tally), (b, more)| {
            a.merge(b);
            tally.add(&more);
            (a, tally)
        });
    tally.add(&filed);
    // Their counts are in the sheets' tallies already.
    let mut own_runs = Vec::new();
    for (d, runs) in runs.iter().enumerate() {
        let doc_rank = rank(d);
        own_runs.extend(runs.iter().map(|run| {
            let at = At {
                place: (doc_rank, run.line),
                doc: d as u32,
                row: u32::MAX,
            };
            (run.key(at), run.rows)
        }));
    }
    let mut lists = Filed { lists, own_runs };
    let notes = Notes {
        notes: docs.len(),
        problems: docs.iter().map(EntrySource::problems).sum(),
    };
    let me = cs.me.as_deref();
    let texts = Texts {
        entry: |at: &At| docs[at.doc as usize].entry(&sheets[at.doc as usize][at.row as usize]),
        waits_for: |at: &At| {
            docs[at.doc as usize].waits_for(&sheets[at.doc as usize][at.row as usize], deps, me)
        },
    };
    rules::finish(&tally, notes, &mut lists, today, cs, ds, texts)
}

/// The position of each document in path order, or `None` when `docs` are in path order
/// already (as a scan and the watcher keep them).
fn path_ranks(docs: &[impl EntrySource]) -> Option<Vec<u32>> {
    if docs.windows(2).all(|w| w[0].path() <= w[1].path()) {
        return None;
    }
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| docs[a].path().cmp(docs[b].path()));
    let mut ranks = vec![0; docs.len()];
    for (rank, doc) in order.into_iter().enumerate() {
        ranks[doc] = rank as u32;
    }
    Some(ranks)
}

/// The first `keep` items (all when `keep` is 0) of a list too long to hold, in one pass:
/// items are gathered until there are twice `keep`, then cut back to the best `keep`;
/// once cut, an item no better than the worst kept is not even gathered.
struct Top<T> {
    keep: usize,
    items: Vec<T>,
    /// The worst item kept at the last cut.
    bar: Option<T>,
    /// Sorted and cut to `keep` (by [`Top::first`]).
    sorted: bool,
}

impl<T: Ord + Clone + Send> Top<T> {
    fn new(keep: usize) -> Self {
        Self {
            keep,
            items: Vec::new(),
            bar: None,
            sorted: false,
        }
    }

    fn push(&mut self, item: T) {
        if self.keep == 0 {
            self.items.push(item);
            return;
        }
        if self.bar.as_ref().is_some_and(|bar| item >= *bar) {
            return;
        }
        self.items.push(item);
        if self.items.len() >= 2 * self.keep {
            self.items.select_nth_unstable(self.keep - 1);
            self.items.truncate(self.keep);
            self.bar = self.items.last().cloned();
        }
    }

    /// Take in the items `other` kept (as if each had been pushed here).
    fn merge(&mut self, other: Self) {
        for item in other.items {
            self.push(item);
        }
    }

    /// The places of the first `n` items kept (`n` at most `keep`, unless `keep` is 0).
    fn first<P>(&mut self, n: usize, place: impl Fn(&T) -> P) -> Vec<P> {
        if !self.sorted {
            top(&mut self.items, self.keep, Ord::cmp);
            self.sorted = true;
        }
        self.items.iter().take(n).map(place).collect()
    }
}

/// Sort `list` by `order` and keep its first `keep` entries (all when `keep` is 0),
/// sorting only those.
fn top<T: Send>(list: &mut Vec<T>, keep: usize, order: impl Fn(&T, &T) -> Ordering + Sync) {
    if keep > 0 && list.len() > keep {
        list.select_nth_unstable_by(keep - 1, &order);
        list.truncate(keep);
    }
    list.par_sort_by(order);
}
