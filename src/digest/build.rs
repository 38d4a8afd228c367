//! Build the digest: classify every task once (in parallel), sort it into the sections,
//! count, nudge.
//!
//! Every list is sorted by a total order that ends in (path, line), so the result does
//! not depend on how the work was split between threads.

use super::{Counts, Digest, DigestSettings, Entry, effort_balance, nudge, vital_few, waiting_on};
use crate::classify::{ClassifySettings, Quadrant, classify_quiet};
use crate::model::{Document, Effort, Status, Task};
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
    let yesterday = today.pred_opt().unwrap_or(today);
    // Classify every task once, in parallel, each into a slot of its own: one allocation
    // of the exact size, where growing lists per thread and joining them cost a fifth of
    // a cached run in page faults (a 100k vault has a million tasks).
    let total = docs.iter().map(|d| d.tasks.len()).sum();
    let mut tasks: Vec<(&'a str, &'a Task)> = Vec::with_capacity(total);
    for doc in docs {
        tasks.extend(doc.tasks.iter().map(|t| (doc.path.as_str(), t)));
    }
    let seen: Vec<Seen<'a>> = tasks
        .par_iter()
        .map(|&(path, task)| Seen::of(path, task, today, yesterday, cs))
        .collect();
    drop(tasks);

    let mut counts = Counts::default();
    let mut quadrants: [Vec<usize>; 4] = Default::default();
    let (mut not_startable, mut delegated, mut value, mut done_recently) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut effort = [(0usize, 0u64); Effort::ALL.len()];
    for (i, s) in seen.iter().enumerate() {
        counts.tasks += 1;
        if s.done {
            counts.done += 1;
            if s.done_recently {
                done_recently.push(i);
            }
        }
        let Some(quadrant) = s.entry.quadrant else {
            continue;
        };
        counts.open += 1;
        counts.urgent += usize::from(s.urgent);
        counts.overdue += usize::from(s.overdue);
        if s.entry.delegated {
            counts.followups_due += usize::from(s.entry.followup_due);
            counts.missing_followups += usize::from(s.entry.followup.is_none());
            delegated.push(i);
        } else if s.startable {
            let q = Quadrant::ALL.iter().position(|q| *q == quadrant);
            if let Some(list) = q.and_then(|q| quadrants.get_mut(q)) {
                list.push(i);
            }
        } else {
            counts.not_startable += 1;
            not_startable.push(i);
        }
        if s.entry.effort == Effort::Value {
            value.push(i);
        }
        if let Some(k) = Effort::ALL.iter().position(|e| *e == s.entry.effort) {
            effort[k].0 += 1;
            effort[k].1 += u64::from(s.entry.estimate_minutes);
        }
    }

    let [r#do, schedule, delegate, eliminate] = &quadrants;
    counts.r#do = r#do.len();
    counts.schedule = schedule.len();
    counts.delegate = delegate.len();
    counts.eliminate = eliminate.len();
    counts.waiting_on = delegated.len();
    counts.value = value.len();
    counts.done_recently = done_recently.len();

    // Own open tasks are the quadrant lists and the ones not startable yet.
    let own_open: Vec<&Entry<'a>> = quadrants
        .iter()
        .chain([&not_startable])
        .flatten()
        .map(|&i| &seen[i].entry)
        .collect();
    let vital_few = vital_few::select(own_open, ds.vital_few_share, ds.max_items);
    let mut waiting_on = waiting_on::group(delegated.iter().map(|&i| seen[i].entry).collect());
    let effort_balance = effort_balance::balance(effort);

    let nudges = nudge::nudges(&nudge::Inputs {
        counts: &counts,
        open_value_tasks: counts.value,
        waiting_on: &waiting_on,
        max_do: ds.max_do_warning,
        classify: cs,
    });

    // A daily digest is read, not searched: long lists are cut after sorting (their
    // counts stay whole) and the renderers point to `ike list` for the rest. Only the
    // part shown is sorted: the orders are total, so that is the same as sorting all.
    let shown = |mut list: Vec<usize>,
                 order: &(dyn Fn(&Entry<'a>, &Entry<'a>) -> Ordering + Sync)| {
        top(&mut list, ds.max_items, |a, b| {
            order(&seen[*a].entry, &seen[*b].entry)
        });
        list.into_iter().map(|i| seen[i].entry).collect::<Vec<_>>()
    };
    let [r#do, schedule, delegate, eliminate] =
        quadrants.map(|list| shown(list, &Entry::by_urgency));
    let value = shown(value, &Entry::by_urgency);
    let done_recently = shown(done_recently, &|a, b| {
        a.done.cmp(&b.done).then_with(|| a.by_place(b))
    });
    if ds.max_items > 0 {
        for person in &mut waiting_on {
            person.tasks.truncate(ds.max_items);
        }
    }

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
        effort_balance,
        nudges,
        done_recently,
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

/// One classified task, with what the counts need besides its entry.
struct Seen<'a> {
    entry: Entry<'a>,
    done: bool,
    done_recently: bool,
    urgent: bool,
    overdue: bool,
    startable: bool,
}

impl<'a> Seen<'a> {
    fn of(
        path: &'a str,
        task: &'a Task,
        today: NaiveDate,
        yesterday: NaiveDate,
        cs: &ClassifySettings,
    ) -> Self {
        let c = classify_quiet(task, today, cs);
        let done = task.status == Status::Done;
        Self {
            entry: Entry::new(path, task, &c),
            done,
            done_recently: done && task.meta.done.is_some_and(|d| d == yesterday || d == today),
            urgent: c.urgent,
            overdue: task.meta.due.is_some_and(|d| d < today),
            startable: c.startable,
        }
    }
}
