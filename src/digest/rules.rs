//! The digest's rules, written once: which lists and counts a classified task goes to
//! ([`file`]), and how the sections are made from the lists and counts ([`finish`]: the
//! limits, the vital few's share, hand-off hours, the effort balance, the nudges).
//!
//! Two builds keep the lists, each its own way, and ask these rules: the one-shot build
//! ([`super::build`]) gathers every row once and keeps only the best of each list; the
//! standing sections of `ike watch` ([`super::Ledger`]) keep every list as an ordered set
//! and file a changed note's rows out and in again. Neither decides anything itself: they
//! are state, these are the rules. A property test holds the two equal
//! (`digest::ledger::tests`).

use super::blocked::{Blocked, WaitsFor};
use super::hand_off::HandOff;
use super::order::{ByDone, ByEstimate, ByFollowup, ByLeverage, ByUrgency, ByValue, Score};
use super::row::Row;
use super::vital_few::{how_many, percent};
use super::waiting_on::Person;
use super::{Counts, Digest, DigestSettings, Entry, VitalFew, effort_balance, nudge};
use crate::classify::{ClassifySettings, Quadrant};
use crate::model::Effort;
use chrono::NaiveDate;
use std::cmp::Reverse;

/// The numbers a set of tasks adds up to: the summary's counts, and the sums the sections
/// show. One task's tally is what [`file`] returns; a build adds them up (and the
/// standing sections take a changed note's away again).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Tally {
    /// The counts (`notes` and `problems` stay 0: they are the documents', not the tasks').
    pub counts: Counts,
    /// Own open tasks (the vital few are a share of them).
    pub own_open: usize,
    /// The impact of the own open tasks, summed.
    pub own_impact: u64,
    /// The estimates of the routine tasks, summed.
    pub routine_minutes: u64,
    /// Open tasks and estimated minutes per effort kind, in [`Effort::ALL`] order.
    pub effort: [(usize, u64); Effort::ALL.len()],
}

impl Tally {
    /// Add `other` to this tally.
    pub(super) fn add(&mut self, other: &Tally) {
        self.combine(other, usize::saturating_add, u64::saturating_add);
    }

    /// Take `other` (added before) away again.
    pub(super) fn take(&mut self, other: &Tally) {
        self.combine(other, usize::saturating_sub, u64::saturating_sub);
    }

    fn combine(&mut self, o: &Tally, n: fn(usize, usize) -> usize, m: fn(u64, u64) -> u64) {
        let (c, oc) = (&mut self.counts, &o.counts);
        for (a, b) in [
            (&mut c.tasks, oc.tasks),
            (&mut c.open, oc.open),
            (&mut c.done, oc.done),
            (&mut c.r#do, oc.r#do),
            (&mut c.schedule, oc.schedule),
            (&mut c.delegate, oc.delegate),
            (&mut c.eliminate, oc.eliminate),
            (&mut c.waiting_on, oc.waiting_on),
            (&mut c.not_startable, oc.not_startable),
            (&mut c.blocked, oc.blocked),
            (&mut c.urgent, oc.urgent),
            (&mut c.overdue, oc.overdue),
            (&mut c.followups_due, oc.followups_due),
            (&mut c.missing_followups, oc.missing_followups),
            (&mut c.done_recently, oc.done_recently),
            (&mut c.value, oc.value),
            (&mut c.routine, oc.routine),
            (&mut c.brief_gaps, oc.brief_gaps),
            (&mut self.own_open, o.own_open),
        ] {
            *a = n(*a, b);
        }
        self.own_impact = m(self.own_impact, o.own_impact);
        self.routine_minutes = m(self.routine_minutes, o.routine_minutes);
        for (a, b) in self.effort.iter_mut().zip(o.effort) {
            a.0 = n(a.0, b.0);
            a.1 = m(a.1, b.1);
        }
    }
}

/// The lists a build keeps, as [`file`] fills them: each takes a task's sort key (see
/// [`super::order`]), whose place `P` says where the task is. `A` is an assignee's name.
pub(super) trait Lists<P, A> {
    /// An own, startable open task, in its quadrant.
    fn quadrant(&mut self, q: Quadrant, key: ByUrgency<P>);
    /// An own open task, a candidate for the vital few.
    fn own_open(&mut self, key: ByLeverage<P>);
    /// Open value work, own or delegated.
    fn value(&mut self, key: ByValue<P>);
    /// Routine work to hand off or automate.
    fn routine(&mut self, key: ByEstimate<P>);
    /// A task done yesterday or today.
    fn done_recently(&mut self, key: ByDone<P>);
    /// A delegated open task, waiting on `assignee`.
    fn waiting_on(&mut self, assignee: A, key: ByFollowup<P>);
    /// An own open task waiting for an open task.
    fn blocked(&mut self, key: ByUrgency<P>);
}

/// File one classified task: put its keys in the lists it belongs to, and return what it
/// adds to the counts. `assignee` is asked only for a delegated open task.
pub(super) fn file<P: Clone, A>(
    row: &Row,
    place: P,
    assignee: impl FnOnce() -> A,
    lists: &mut impl Lists<P, A>,
) -> Tally {
    let mut t = Tally::default();
    file_into(row, place, assignee, lists, &mut t);
    t
}

/// [`file`], adding what the task adds to the counts straight to `t` (the same sums as
/// [`Tally::add`] of what [`file`] returns, without a tally per task).
pub(super) fn file_into<P: Clone, A>(
    row: &Row,
    place: P,
    assignee: impl FnOnce() -> A,
    lists: &mut impl Lists<P, A>,
    t: &mut Tally,
) {
    fn one(n: &mut usize, yes: bool) {
        *n = n.saturating_add(usize::from(yes));
    }
    let c = &mut t.counts;
    one(&mut c.tasks, true);
    one(&mut c.done, row.is_done);
    if row.done_recently {
        one(&mut c.done_recently, true);
        lists.done_recently(ByDone(row.done, place.clone()));
    }
    let Some(quadrant) = row.quadrant else {
        return;
    };
    one(&mut c.open, true);
    one(&mut c.urgent, row.urgent);
    one(&mut c.overdue, row.overdue);
    let by_urgency = ByUrgency::new(row.urgency, row.due, place.clone());
    if row.delegated {
        one(&mut c.waiting_on, true);
        one(&mut c.followups_due, row.followup_due);
        one(&mut c.missing_followups, row.next_checkin.is_none());
        one(&mut c.brief_gaps, !row.brief_gaps.is_empty());
        let key = ByFollowup(
            Reverse(row.followup_due),
            super::order::NoneLast(row.next_checkin),
            place.clone(),
        );
        lists.waiting_on(assignee(), key);
    } else {
        one(&mut t.own_open, true);
        t.own_impact = t.own_impact.saturating_add(u64::from(row.impact));
        lists.own_open(ByLeverage(
            Reverse(Score(row.vital_leverage)),
            Reverse(Score(row.urgency)),
            place.clone(),
            row.impact,
        ));
        if row.startable {
            one(quadrant_count(c, quadrant), true);
            lists.quadrant(quadrant, by_urgency.clone());
        } else {
            one(&mut c.not_startable, true);
            if row.blocked {
                one(&mut c.blocked, true);
                lists.blocked(by_urgency.clone());
            }
        }
    }
    let c = &mut t.counts;
    if row.effort == Effort::Value {
        one(&mut c.value, true);
        lists.value(ByValue(Reverse(row.scalable), by_urgency));
    }
    if row.routine {
        one(&mut c.routine, true);
        t.routine_minutes = t
            .routine_minutes
            .saturating_add(u64::from(row.estimate_minutes));
        lists.routine(ByEstimate(Reverse(row.estimate_minutes), place));
    }
    if let Some(k) = Effort::ALL.iter().position(|e| *e == row.effort) {
        let (open, minutes) = &mut t.effort[k];
        one(open, true);
        *minutes = minutes.saturating_add(u64::from(row.estimate_minutes));
    }
}

/// A tally of `tasks` tasks, `done` of them done, and nothing else: what the tasks that
/// go to no list add up to (closed, not done recently; see [`tally_unlisted`]).
pub(super) fn tally_closed(tasks: usize, done: usize) -> Tally {
    let mut t = Tally::default();
    (t.counts.tasks, t.counts.done) = (tasks, done);
    t
}

/// What `row` adds to the counts when it goes to no list (closed, not done recently): a
/// [`super::Sheet`] keeps the sum of such rows instead of the rows, when it is a
/// [`tally_closed`].
pub(super) fn tally_unlisted(row: &Row) -> Tally {
    /// Lists that take nothing: the row is only counted.
    struct Nowhere;
    impl Lists<(), ()> for Nowhere {
        fn quadrant(&mut self, _: Quadrant, _: ByUrgency<()>) {}
        fn own_open(&mut self, _: ByLeverage<()>) {}
        fn value(&mut self, _: ByValue<()>) {}
        fn routine(&mut self, _: ByEstimate<()>) {}
        fn done_recently(&mut self, _: ByDone<()>) {}
        fn waiting_on(&mut self, _: (), _: ByFollowup<()>) {}
        fn blocked(&mut self, _: ByUrgency<()>) {}
    }
    file(row, (), || (), &mut Nowhere)
}

fn quadrant_count(c: &mut Counts, q: Quadrant) -> &mut usize {
    match q {
        Quadrant::Do => &mut c.r#do,
        Quadrant::Schedule => &mut c.schedule,
        Quadrant::Delegate => &mut c.delegate,
        Quadrant::Eliminate => &mut c.eliminate,
    }
}

/// A list of one key type, as [`Shelves::first`] reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum List {
    Quadrant(Quadrant),
    Value,
    Routine,
    DoneRecently,
    Blocked,
}

/// One person waited on, as a build's lists hold them.
#[derive(Debug)]
pub(super) struct Waiting<P> {
    /// The name as written (the first spelling in sort order).
    pub assignee: String,
    /// Their tasks whose follow-up is due.
    pub followups_due: usize,
    /// Their tasks without a check-in date.
    pub missing_followups: usize,
    /// Their open tasks.
    pub open: usize,
    /// The places of the tasks shown, in order.
    pub shown: Vec<P>,
}

/// The lists a build kept, read in their orders.
pub(super) trait Shelves<P> {
    /// The places of the first `n` tasks of `list`.
    fn first(&mut self, list: List, n: usize) -> Vec<P>;
    /// The impact of the first `count` own open tasks by leverage, summed, and the places
    /// of the first `n` of them.
    fn vital_few(&mut self, count: usize, n: usize) -> (u64, Vec<P>);
    /// Everyone waited on, by name (case-insensitive), each with the places of their
    /// first `shown(open)` tasks.
    fn waiting_on(&mut self, shown: &dyn Fn(usize) -> usize) -> Vec<Waiting<P>>;
}

/// The key one person is grouped under in "Waiting on": spellings that are the same
/// person (`people::same_name`: case-folded) are one person.
pub(super) fn person_key(assignee: &str) -> String {
    crate::people::person_key(assignee)
}

/// What the documents add to the summary: how many notes were read, with how many problems.
#[derive(Debug, Clone, Copy)]
pub(super) struct Notes {
    pub notes: usize,
    pub problems: usize,
}

/// Where a build finds what the digest shows of the task at a place.
pub(super) struct Texts<E, W> {
    /// The entry of the task (`None`: it is not there and is left out).
    pub entry: E,
    /// What the (blocked) task waits for.
    pub waits_for: W,
}

/// The digest on `today` from a build's `tally` and `shelves`; `texts` make the entries.
pub(super) fn finish<'a, P>(
    tally: &Tally,
    notes: Notes,
    shelves: &mut impl Shelves<P>,
    today: NaiveDate,
    cs: &ClassifySettings,
    ds: &DigestSettings,
    texts: Texts<impl Fn(&P) -> Option<Entry<'a>>, impl Fn(&P) -> WaitsFor>,
) -> Digest<'a> {
    let Texts { entry, waits_for } = texts;
    let counts = Counts {
        notes: notes.notes,
        problems: notes.problems,
        ..tally.counts
    };
    // A daily digest is read, not searched: long lists are cut (their counts stay whole)
    // and the renderers point to `ike list` for the rest.
    let max = ds.max_items;
    let shown = move |n: usize| if max == 0 { n } else { n.min(max) };
    let entries = |places: Vec<P>| places.iter().filter_map(&entry).collect::<Vec<_>>();
    let mut list = |l: List, n: usize| entries(shelves.first(l, shown(n)));
    let [r#do, schedule, delegate, eliminate] =
        Quadrant::ALL.map(|q| list(List::Quadrant(q), counts.quadrant(q)));
    let value = list(List::Value, counts.value);
    let routine = list(List::Routine, counts.routine);
    let done_recently = list(List::DoneRecently, counts.done_recently);
    let blocked = shelves
        .first(List::Blocked, shown(counts.blocked))
        .iter()
        .filter_map(|p| {
            Some(Blocked {
                task: entry(p)?,
                waits: waits_for(p),
            })
        })
        .collect();

    let (share, count) = how_many(tally.own_open, ds.vital_few_share);
    let (impact, vital) = shelves.vital_few(count, shown(count));
    let vital_few = VitalFew {
        share,
        of: tally.own_open,
        impact,
        total_impact: tally.own_impact,
        impact_percent: percent(impact, tally.own_impact),
        count,
        tasks: entries(vital),
    };
    let waiting_on: Vec<Person<'a>> = shelves
        .waiting_on(&shown)
        .into_iter()
        .map(|w| Person {
            assignee: w.assignee,
            followups_due: w.followups_due,
            missing_followups: w.missing_followups,
            open: w.open,
            tasks: entries(w.shown),
        })
        .collect();
    let effort_balance = effort_balance::balance(tally.effort);
    let nudges = nudge::of_digest(&counts, &waiting_on, &effort_balance, ds, cs);
    Digest {
        date: today,
        sections: *ds.sections,
        counts,
        r#do,
        schedule,
        delegate,
        eliminate,
        waiting_on,
        blocked,
        vital_few,
        value,
        hand_off: HandOff::new(counts.routine, tally.routine_minutes, routine),
        effort_balance,
        nudges,
        done_recently,
        custom: Vec::new(),
    }
}
