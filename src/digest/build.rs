//! Build the digest: classify every task once (in parallel) into [`Row`]s, then assemble
//! the sections from the rows: count, sort, nudge.
//!
//! Assembling reads only the rows: every list is sorted by keys copied out of them, by a
//! total order that ends in (path, line), so the result does not depend on how the work
//! was split between threads; entries are made from their tasks only for what is shown.

use super::hand_off::{ByEstimate, HandOff};
use super::row::{self, Row, Sheet, Source};
use super::{Counts, Digest, DigestSettings, effort_balance, nudge, vital_few, waiting_on};
use crate::classify::ClassifySettings;
use crate::model::{Document, Effort};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::cmp::Ordering;

/// The digest of `docs` on `today`. Entries borrow their texts from `docs`.
pub fn build<'a>(
    docs: &'a [Document],
    today: NaiveDate,
    cs: &ClassifySettings,
    ds: &DigestSettings,
) -> Digest<'a> {
    let deps = row::dependencies(docs, today, cs);
    let sheets: Vec<Vec<Row>> = docs
        .par_iter()
        .map(|doc| row::rows(doc, today, cs, &deps))
        .collect();
    let sheets: Vec<&[Row]> = sheets.iter().map(Vec::as_slice).collect();
    assemble(docs, &sheets, today, cs, ds)
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

/// A task in a list sorted by urgency: urgency descending, due date (none last),
/// path, line.
#[derive(Debug, Clone, Copy)]
struct ByUrgency {
    urgency: f64,
    due: Option<NaiveDate>,
    at: At,
}

impl ByUrgency {
    fn order(a: &Self, b: &Self) -> Ordering {
        b.urgency
            .total_cmp(&a.urgency)
            .then_with(|| super::entry::dates_none_last(a.due, b.due))
            .then_with(|| a.at.place.cmp(&b.at.place))
    }
}

/// Value work's order: scalable first, then by urgency.
#[derive(Debug, Clone, Copy)]
struct ByValue {
    scalable: bool,
    urgency: ByUrgency,
}

impl ByValue {
    fn order(a: &Self, b: &Self) -> Ordering {
        b.scalable
            .cmp(&a.scalable)
            .then_with(|| ByUrgency::order(&a.urgency, &b.urgency))
    }
}

type Routine = ByEstimate<((u32, u32), (u32, u32))>;

/// The digest of slim [`Sheet`]s (made on `today` with `cs`, and the dependency index of
/// the whole vault), equal to [`build`]'s of the documents they were made from.
pub fn build_sheets<'a>(
    sheets: &'a [Sheet],
    today: NaiveDate,
    cs: &ClassifySettings,
    ds: &DigestSettings,
) -> Digest<'a> {
    let rows: Vec<&[Row]> = sheets.iter().map(Sheet::rows).collect();
    assemble(sheets, &rows, today, cs, ds)
}

/// The digest of `docs` from their rows (`sheets[i]` are the rows of `docs[i]`, made on
/// `today` with `cs`). `docs` need not be sorted.
fn assemble<'a, S: Source>(
    docs: &'a [S],
    sheets: &[&[Row]],
    today: NaiveDate,
    cs: &ClassifySettings,
    ds: &DigestSettings,
) -> Digest<'a> {
    let ranks = path_ranks(docs);
    let rank = |doc: usize| ranks.as_ref().map_or(doc, |r| r[doc] as usize) as u32;

    let mut counts = Counts {
        notes: docs.len(),
        problems: docs.iter().map(Source::problems).sum(),
        ..Counts::default()
    };
    let keep = ds.max_items;
    let mut quadrants: [Top<ByUrgency>; 4] = std::array::from_fn(|_| Top::new(keep));
    let mut value = Top::new(keep);
    let mut routine: Top<Routine> = Top::new(keep);
    let mut routine_minutes = 0u64;
    let (mut done_recently, mut own_open, mut delegated) = (Vec::new(), Vec::new(), Vec::new());
    let mut effort = [(0usize, 0u64); Effort::ALL.len()];
    for (d, sheet) in sheets.iter().enumerate() {
        let doc_rank = rank(d);
        for (r, row) in sheet.iter().enumerate() {
            let at = At {
                place: (doc_rank, row.line),
                doc: d as u32,
                row: r as u32,
            };
            counts.tasks += 1;
            if row.is_done {
                counts.done += 1;
                if row.done_recently {
                    done_recently.push((row.done, at));
                }
            }
            let Some(quadrant) = row.quadrant else {
                continue;
            };
            let key = ByUrgency {
                urgency: row.urgency,
                due: row.due,
                at,
            };
            counts.open += 1;
            counts.urgent += usize::from(row.urgent);
            counts.overdue += usize::from(row.overdue);
            if row.delegated {
                counts.followups_due += usize::from(row.followup_due);
                counts.missing_followups += usize::from(row.next_checkin.is_none());
                counts.brief_gaps += usize::from(!row.brief_gaps.is_empty());
                delegated.push(waiting_on::Delegated {
                    assignee: docs[d].assignee(row).unwrap_or_default(),
                    followup_due: row.followup_due,
                    followup: row.next_checkin,
                    place: at.place,
                    at: (at.doc, at.row),
                });
            } else {
                own_open.push(vital_few::Candidate {
                    leverage: row.vital_leverage,
                    urgency: row.urgency,
                    impact: row.impact,
                    place: at.place,
                    at: (at.doc, at.row),
                });
                if row.startable {
                    quadrants[quadrant.index()].push(key, ByUrgency::order);
                } else {
                    counts.not_startable += 1;
                }
            }
            if row.effort == Effort::Value {
                let key = ByValue {
                    scalable: row.scalable,
                    urgency: key,
                };
                value.push(key, ByValue::order);
            }
            if row.routine {
                routine_minutes += u64::from(row.estimate_minutes);
                let key = ByEstimate {
                    minutes: std::cmp::Reverse(row.estimate_minutes),
                    place: (at.place, (at.doc, at.row)),
                };
                routine.push(key, Ord::cmp);
            }
            if let Some(k) = Effort::ALL.iter().position(|e| *e == row.effort) {
                effort[k].0 += 1;
                effort[k].1 += u64::from(row.estimate_minutes);
            }
        }
    }

    let [r#do, schedule, delegate, eliminate] = &quadrants;
    counts.r#do = r#do.seen;
    counts.schedule = schedule.seen;
    counts.delegate = delegate.seen;
    counts.eliminate = eliminate.seen;
    counts.waiting_on = delegated.len();
    counts.value = value.seen;
    counts.routine = routine.seen;
    counts.done_recently = done_recently.len();

    let entry = |doc: u32, row: u32| docs[doc as usize].entry(&sheets[doc as usize][row as usize]);
    let vital_few = vital_few::select(own_open, ds.vital_few_share, ds.max_items, |(d, r)| {
        entry(d, r)
    });
    let waiting_on = waiting_on::group(delegated, ds.max_items, |(d, r)| entry(d, r));
    let effort_balance = effort_balance::balance(effort);

    let nudges = nudge::of_digest(&counts, &waiting_on, &effort_balance, ds, cs);

    // A daily digest is read, not searched: long lists are cut after sorting (their
    // counts stay whole) and the renderers point to `ike list` for the rest. Only the
    // part shown is sorted: the orders are total, so that is the same as sorting all.
    let shown = |list: Top<ByUrgency>| {
        list.finish(ByUrgency::order)
            .iter()
            .filter_map(|k| entry(k.at.doc, k.at.row))
            .collect::<Vec<_>>()
    };
    let [r#do, schedule, delegate, eliminate] = quadrants.map(shown);
    let value = value
        .finish(ByValue::order)
        .iter()
        .filter_map(|k| entry(k.urgency.at.doc, k.urgency.at.row))
        .collect();
    let hand_off = HandOff::new(
        routine.seen,
        routine_minutes,
        routine
            .finish(Ord::cmp)
            .iter()
            .filter_map(|k| entry(k.place.1.0, k.place.1.1))
            .collect(),
    );
    top(&mut done_recently, ds.max_items, |a, b| {
        a.0.cmp(&b.0).then_with(|| a.1.place.cmp(&b.1.place))
    });
    let done_recently = done_recently
        .iter()
        .filter_map(|(_, at)| entry(at.doc, at.row))
        .collect();

    Digest {
        date: today,
        sections: ds.sections,
        counts,
        r#do,
        schedule,
        delegate,
        eliminate,
        waiting_on,
        vital_few,
        value,
        hand_off,
        effort_balance,
        nudges,
        done_recently,
    }
}

/// The position of each document in path order, or `None` when `docs` are in path order
/// already (as a scan and the watcher keep them).
fn path_ranks(docs: &[impl Source]) -> Option<Vec<u32>> {
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
    /// Every item pushed.
    seen: usize,
}

impl<T: Clone + Send> Top<T> {
    fn new(keep: usize) -> Self {
        Self {
            keep,
            items: Vec::new(),
            bar: None,
            seen: 0,
        }
    }

    fn push(&mut self, item: T, order: impl Fn(&T, &T) -> Ordering) {
        self.seen += 1;
        if self.keep == 0 {
            self.items.push(item);
            return;
        }
        if self
            .bar
            .as_ref()
            .is_some_and(|bar| order(&item, bar).is_ge())
        {
            return;
        }
        self.items.push(item);
        if self.items.len() >= 2 * self.keep {
            self.items.select_nth_unstable_by(self.keep - 1, &order);
            self.items.truncate(self.keep);
            self.bar = self.items.last().cloned();
        }
    }

    /// The items kept, sorted.
    fn finish(mut self, order: impl Fn(&T, &T) -> Ordering + Sync) -> Vec<T> {
        top(&mut self.items, self.keep, order);
        self.items
    }
}

/// Sort `list` by `order` and keep its first `keep` entries (all when `keep` is 0),
/// sorting only those.
pub(super) fn top<T: Send>(
    list: &mut Vec<T>,
    keep: usize,
    order: impl Fn(&T, &T) -> std::cmp::Ordering + Sync,
) {
    if keep > 0 && list.len() > keep {
        list.select_nth_unstable_by(keep - 1, &order);
        list.truncate(keep);
    }
    list.par_sort_by(order);
}
