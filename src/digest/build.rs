//! Build the digest: classify every task once (in parallel, document by document), sort
//! it into the sections, count, nudge.
//!
//! Every list is sorted by a total order that ends in (path, line), so the result does
//! not depend on how the work was split between threads.

use super::{Counts, Digest, DigestSettings, Entry, effort_balance, nudge, vital_few, waiting_on};
use crate::classify::{ClassifySettings, Quadrant, classify_quiet};
use crate::model::{Document, Effort, Status};
use chrono::NaiveDate;
use rayon::prelude::*;

/// The digest of `docs` on `today`. Entries borrow their texts from `docs`.
pub fn build<'a>(
    docs: &'a [Document],
    today: NaiveDate,
    cs: &ClassifySettings,
    ds: &DigestSettings,
) -> Digest<'a> {
    let yesterday = today.pred_opt().unwrap_or(today);
    let Part {
        mut counts,
        quadrants,
        not_startable,
        delegated,
        mut value,
        effort,
        mut done_recently,
    } = docs
        .par_iter()
        .fold(Part::default, |mut part, doc| {
            part.add(doc, today, yesterday, cs);
            part
        })
        .reduce(Part::default, Part::merge);

    let [mut r#do, mut schedule, mut delegate, mut eliminate] = quadrants;
    counts.r#do = r#do.len();
    counts.schedule = schedule.len();
    counts.delegate = delegate.len();
    counts.eliminate = eliminate.len();
    counts.waiting_on = delegated.len();
    counts.value = value.len();
    counts.done_recently = done_recently.len();

    // Own open tasks are the quadrant lists and the ones not startable yet.
    let own_open: Vec<&Entry<'a>> = [&r#do, &schedule, &delegate, &eliminate, &not_startable]
        .into_iter()
        .flatten()
        .collect();
    let vital_few = vital_few::select(own_open, ds.vital_few_share, ds.max_items);
    let mut waiting_on = waiting_on::group(delegated);
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
    for list in [&mut r#do, &mut schedule, &mut delegate, &mut eliminate, &mut value] {
        top(list, ds.max_items, Entry::by_urgency);
    }
    top(&mut done_recently, ds.max_items, |a, b| {
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

/// The entries and counts of a run of documents.
#[derive(Default)]
struct Part<'a> {
    counts: Counts,
    /// Own, open, startable tasks by quadrant, in `Quadrant::ALL` order.
    quadrants: [Vec<Entry<'a>>; 4],
    /// Own, open tasks that cannot start yet.
    not_startable: Vec<Entry<'a>>,
    delegated: Vec<Entry<'a>>,
    /// Open value tasks, own or delegated.
    value: Vec<Entry<'a>>,
    /// Open tasks and minutes per effort kind, in `Effort::ALL` order.
    effort: [(usize, u64); Effort::ALL.len()],
    done_recently: Vec<Entry<'a>>,
}

impl<'a> Part<'a> {
    fn add(
        &mut self,
        doc: &'a Document,
        today: NaiveDate,
        yesterday: NaiveDate,
        cs: &ClassifySettings,
    ) {
        let counts = &mut self.counts;
        for task in &doc.tasks {
            counts.tasks += 1;
            let c = classify_quiet(task, today, cs);
            if task.status == Status::Done {
                counts.done += 1;
                if task.meta.done.is_some_and(|d| d == yesterday || d == today) {
                    self.done_recently.push(Entry::new(&doc.path, task, &c));
                }
            }
            let Some(quadrant) = c.quadrant else { continue };
            counts.open += 1;
            counts.urgent += usize::from(c.urgent);
            counts.overdue += usize::from(task.meta.due.is_some_and(|d| d < today));
            let entry = Entry::new(&doc.path, task, &c);
            if c.delegated {
                counts.followups_due += usize::from(c.followup_due);
                counts.missing_followups += usize::from(task.meta.followup.is_none());
                self.delegated.push(entry);
            } else {
                if c.startable {
                    let i = Quadrant::ALL.iter().position(|q| *q == quadrant);
                    if let Some(list) = i.and_then(|i| self.quadrants.get_mut(i)) {
                        list.push(entry);
                    }
                } else {
                    counts.not_startable += 1;
                    self.not_startable.push(entry);
                }
            }
            if entry.effort == Effort::Value {
                self.value.push(entry);
            }
            if let Some(i) = Effort::ALL.iter().position(|e| *e == entry.effort) {
                self.effort[i].0 += 1;
                self.effort[i].1 += u64::from(entry.estimate_minutes);
            }
        }
    }

    /// `self` followed by `next`.
    fn merge(mut self, mut next: Part<'a>) -> Part<'a> {
        let (a, b) = (&mut self.counts, next.counts);
        a.tasks += b.tasks;
        a.open += b.open;
        a.done += b.done;
        a.not_startable += b.not_startable;
        a.urgent += b.urgent;
        a.overdue += b.overdue;
        a.followups_due += b.followups_due;
        a.missing_followups += b.missing_followups;
        for (list, more) in self.quadrants.iter_mut().zip(&mut next.quadrants) {
            list.append(more);
        }
        self.not_startable.append(&mut next.not_startable);
        self.delegated.append(&mut next.delegated);
        self.value.append(&mut next.value);
        for (tally, more) in self.effort.iter_mut().zip(next.effort) {
            tally.0 += more.0;
            tally.1 += more.1;
        }
        self.done_recently.append(&mut next.done_recently);
        self
    }
}
