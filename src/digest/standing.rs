//! The digest's lists kept standing between builds, for [`super::Ledger`]: the tally and
//! every list as an ordered set, so that a changed document costs a few set operations
//! per task instead of a pass over the vault.
//!
//! This is state only: which lists a task goes to, what it counts and how the sections
//! are made are the digest's rules ([`super::rules`]), the same the one-shot build asks;
//! the sets sort by the same keys ([`super::order`]), so reading the first `max_items` of
//! a set gives the same entries.

use super::blocked::WaitsFor;
use super::order::{ByDone, ByEstimate, ByFollowup, ByLeverage, ByUrgency, ByValue, Placed};
use super::row::Row;
use super::rules::{self, List, Lists, Notes, Shelves, Tally, Texts, Waiting};
use super::{Digest, DigestSettings, Entry};
use crate::classify::{ClassifySettings, Quadrant};
use crate::model::Document;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Where a task is: its document's path, its line (the tie-breaker of every order) and its
/// index among the document's tasks.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Place {
    path: Arc<str>,
    line: u32,
    task: u32,
}

/// One person's delegated tasks.
#[derive(Debug, Default)]
struct Person {
    /// Each spelling of the name, with how many tasks use it.
    spellings: BTreeMap<String, usize>,
    followups_due: usize,
    missing_followups: usize,
    tasks: Keys<ByFollowup<Place>>,
}

/// The standing lists and tally of a vault on one day.
#[derive(Debug, Default)]
pub(super) struct Standing {
    tally: Tally,
    quadrants: [Keys<ByUrgency<Place>>; 4],
    value: Keys<ByValue<Place>>,
    routine: Keys<ByEstimate<Place>>,
    own_open: Keys<ByLeverage<Place>>,
    done_recently: Keys<ByDone<Place>>,
    blocked: Keys<ByUrgency<Place>>,
    /// By [`rules::person_key`].
    waiting: BTreeMap<String, Person>,
}

/// How a document's rows change the lists: added, taken away, or added in bulk (while a
/// whole vault is loaded: keys are gathered and the ordered sets built from them at once
/// by [`Standing::build_sets`], several times faster than a million inserts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sign {
    Add,
    Take,
    Load,
}

impl Sign {
    fn count(self, n: &mut usize, on: bool) {
        if on {
            *n = match self {
                Sign::Add | Sign::Load => n.saturating_add(1),
                Sign::Take => n.saturating_sub(1),
            };
        }
    }

    fn set<T: Ord>(self, keys: &mut Keys<T>, key: T) {
        match self {
            Sign::Add => {
                keys.set.insert(key);
            }
            Sign::Take => {
                keys.set.remove(&key);
            }
            Sign::Load => keys.pending.push(key),
        }
    }
}

/// An ordered set of keys, and the keys gathered for it in bulk until it is built.
#[derive(Debug)]
struct Keys<T> {
    set: BTreeSet<T>,
    pending: Vec<T>,
}

impl<T> Default for Keys<T> {
    fn default() -> Self {
        Self {
            set: BTreeSet::new(),
            pending: Vec::new(),
        }
    }
}

impl<T: Ord + Send> Keys<T> {
    /// Move the gathered keys into the set.
    fn build_set(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let mut pending = std::mem::take(&mut self.pending);
        pending.par_sort_unstable();
        if self.set.is_empty() {
            // Built bottom-up from sorted keys (`collect` finds them sorted).
            self.set = pending.into_iter().collect();
        } else {
            self.set.extend(pending);
        }
    }

    fn len(&self) -> usize {
        self.set.len() + self.pending.len()
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The places of the first `n` keys.
    fn first(&self, n: usize) -> Vec<Place>
    where
        T: Placed<Place>,
    {
        self.set.iter().take(n).map(|k| k.place().clone()).collect()
    }
}

/// The standing lists, changed by one sign: what [`rules::file`] fills.
struct Signed<'s> {
    sign: Sign,
    standing: &'s mut Standing,
}

impl<'n> Lists<Place, &'n str> for Signed<'_> {
    fn quadrant(&mut self, q: Quadrant, key: ByUrgency<Place>) {
        self.sign.set(&mut self.standing.quadrants[q.index()], key);
    }
    fn own_open(&mut self, key: ByLeverage<Place>) {
        self.sign.set(&mut self.standing.own_open, key);
    }
    fn value(&mut self, key: ByValue<Place>) {
        self.sign.set(&mut self.standing.value, key);
    }
    fn routine(&mut self, key: ByEstimate<Place>) {
        self.sign.set(&mut self.standing.routine, key);
    }
    fn done_recently(&mut self, key: ByDone<Place>) {
        self.sign.set(&mut self.standing.done_recently, key);
    }
    fn blocked(&mut self, key: ByUrgency<Place>) {
        self.sign.set(&mut self.standing.blocked, key);
    }
    fn waiting_on(&mut self, name: &'n str, key: ByFollowup<Place>) {
        let sign = self.sign;
        let waiting = &mut self.standing.waiting;
        let person_key = rules::person_key(name);
        let person = waiting.entry(person_key.clone()).or_default();
        sign.count(&mut person.followups_due, key.is_due());
        sign.count(&mut person.missing_followups, key.lacks_followup());
        sign.set(&mut person.tasks, key);
        match sign {
            Sign::Add | Sign::Load => *person.spellings.entry(name.to_owned()).or_default() += 1,
            Sign::Take => {
                if let Some(n) = person.spellings.get_mut(name) {
                    *n -= 1;
                    if *n == 0 {
                        person.spellings.remove(name);
                    }
                }
            }
        }
        if person.tasks.is_empty() {
            waiting.remove(&person_key);
        }
    }
}

impl Shelves<Place> for &Standing {
    fn first(&mut self, list: List, n: usize) -> Vec<Place> {
        match list {
            List::Quadrant(q) => self.quadrants[q.index()].first(n),
            List::Value => self.value.first(n),
            List::Routine => self.routine.first(n),
            List::DoneRecently => self.done_recently.first(n),
            List::Blocked => self.blocked.first(n),
        }
    }

    fn vital_few(&mut self, count: usize, n: usize) -> (u64, Vec<Place>) {
        let impact = self.own_open.set.iter().take(count).map(|k| u64::from(k.3));
        (impact.sum(), self.own_open.first(n.min(count)))
    }

    fn waiting_on(&mut self, shown: &dyn Fn(usize) -> usize) -> Vec<Waiting<Place>> {
        self.waiting
            .values()
            .map(|p| Waiting {
                assignee: p.spellings.keys().next().cloned().unwrap_or_default(),
                followups_due: p.followups_due,
                missing_followups: p.missing_followups,
                open: p.tasks.len(),
                shown: p.tasks.first(shown(p.tasks.len())),
            })
            .collect()
    }
}

impl Standing {
    /// File the rows of the document at `path` (their delegated tasks' assignees in
    /// `assignees`, in row order) by the digest's rules, or take them away again.
    pub(super) fn apply(
        &mut self,
        sign: Sign,
        path: &Arc<str>,
        rows: &[Row],
        assignees: &[Box<str>],
    ) {
        let mut assignees = assignees.iter();
        let mut tally = Tally::default();
        let mut lists = Signed {
            sign,
            standing: self,
        };
        for row in rows {
            let place = Place {
                path: Arc::clone(path),
                line: row.line,
                task: row.task,
            };
            let assignee = || assignees.next().map_or("", |a| &**a);
            tally.add(&rules::file(row, place, assignee, &mut lists));
        }
        match sign {
            Sign::Add | Sign::Load => self.tally.add(&tally),
            Sign::Take => self.tally.take(&tally),
        }
    }

    /// Build the ordered sets from the keys gathered by [`Sign::Load`].
    pub(super) fn build_sets(&mut self) {
        let Self {
            quadrants,
            value,
            routine,
            own_open,
            done_recently,
            blocked,
            waiting,
            ..
        } = self;
        blocked.build_set();
        for q in quadrants {
            q.build_set();
        }
        value.build_set();
        routine.build_set();
        own_open.build_set();
        done_recently.build_set();
        for person in waiting.values_mut() {
            person.tasks.build_set();
        }
    }

    /// The digest on `today` of the notes counted in `notes`. `entry(path, task)` makes
    /// the entry of a task, `waits_for(path, task)` says what it waits for.
    pub(super) fn digest<'a>(
        &self,
        notes: Notes,
        today: NaiveDate,
        cs: &ClassifySettings,
        ds: &DigestSettings,
        entry: impl Fn(&str, u32) -> Option<Entry<'a>>,
        waits_for: impl Fn(&str, u32) -> WaitsFor,
    ) -> Digest<'a> {
        let texts = Texts {
            entry: |p: &Place| entry(&p.path, p.task),
            waits_for: |p: &Place| waits_for(&p.path, p.task),
        };
        rules::finish(&self.tally, notes, &mut &*self, today, cs, ds, texts)
    }
}

/// A document's rows are the ones of its tasks in order; the assignees of its delegated
/// tasks (which a row does not hold) are kept beside them, to take them away again.
pub(super) fn assignees(doc: &Document, rows: &[Row]) -> Vec<Box<str>> {
    rows.iter()
        .filter(|r| r.quadrant.is_some() && r.delegated)
        .map(|r| {
            doc.tasks
                .get(r.task as usize)
                .and_then(super::row::assignee)
                .unwrap_or_default()
                .into()
        })
        .collect()
}
