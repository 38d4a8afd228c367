//! The digest's sections kept standing between builds, for [`super::Ledger`]: counts and
//! tallies that are added to and taken from, and every list as an ordered set, so that a
//! changed document costs a few set operations per task instead of a pass over the vault.
//!
//! The sets use the orders of [`super::build`] (which sorts lists built from scratch), so
//! reading the first `max_items` of a set gives the same entries.

use super::entry::dates_none_last;
use super::hand_off::{ByEstimate, HandOff};
use super::row::Row;
use super::vital_few::{how_many, percent};
use super::waiting_on::Person;
use super::{Counts, Digest, DigestSettings, Entry, VitalFew, effort_balance, nudge};
use crate::classify::ClassifySettings;
use crate::model::{Document, Effort};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Where a task is: its document's path, its line (the tie-breaker of every order) and its
/// index among the document's tasks.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    path: Arc<str>,
    line: u32,
    task: u32,
}

/// An f64 that sorts by `total_cmp`.
#[derive(Debug, Clone, Copy)]
struct Score(f64);

impl PartialEq for Score {
    fn eq(&self, other: &Self) -> bool {
        self.0.total_cmp(&other.0) == Ordering::Equal
    }
}
impl Eq for Score {}
impl PartialOrd for Score {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Score {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// A due date that sorts missing last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NoneLast(Option<NaiveDate>);

impl PartialOrd for NoneLast {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for NoneLast {
    fn cmp(&self, other: &Self) -> Ordering {
        dates_none_last(self.0, other.0)
    }
}

/// The task lists' order: urgency descending, due date (none last), path, line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct ByUrgency(std::cmp::Reverse<Score>, NoneLast, Place);

/// The vital few's order: leverage descending, urgency descending, path, line; with the
/// task's impact (which never decides: places differ).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct ByLeverage(
    std::cmp::Reverse<Score>,
    std::cmp::Reverse<Score>,
    Place,
    u8,
);

/// Value work's order: scalable first, then by urgency.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct ByValue(std::cmp::Reverse<bool>, ByUrgency);

/// "Done recently": by done date, path, line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct ByDone(Option<NaiveDate>, Place);

/// "Waiting on" per person: follow-ups due first, by follow-up date (none last), path,
/// line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct ByFollowup(std::cmp::Reverse<bool>, NoneLast, Place);

/// One person's delegated tasks.
#[derive(Debug, Default)]
struct Waiting {
    /// Each spelling of the name, with how many tasks use it.
    spellings: BTreeMap<String, usize>,
    followups_due: usize,
    missing_followups: usize,
    tasks: Keys<ByFollowup>,
}

/// The standing sections of a vault on one day.
#[derive(Debug, Default)]
pub(super) struct Standing {
    tasks: usize,
    open: usize,
    done: usize,
    not_startable: usize,
    urgent: usize,
    overdue: usize,
    followups_due: usize,
    missing_followups: usize,
    brief_gaps: usize,
    quadrants: [Keys<ByUrgency>; 4],
    value: Keys<ByValue>,
    routine: Keys<ByEstimate<Place>>,
    /// The estimates of the routine tasks, summed.
    routine_minutes: u64,
    own_open: Keys<ByLeverage>,
    /// The impact of every own open task, summed.
    own_impact: u64,
    done_recently: Keys<ByDone>,
    /// By lower-cased name.
    waiting: BTreeMap<String, Waiting>,
    effort: [(usize, u64); Effort::ALL.len()],
}

/// Add, take away, or add in bulk (while a whole vault is loaded: keys are gathered and
/// the ordered sets built from them at once by [`Standing::settle`], several times
/// faster than a million inserts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sign {
    Add,
    Take,
    Load,
}

impl Sign {
    fn apply(self, n: &mut usize, on: bool) {
        if on {
            *n = match self {
                Sign::Add | Sign::Load => n.saturating_add(1),
                Sign::Take => n.saturating_sub(1),
            };
        }
    }

    fn apply_u64(self, n: &mut u64, by: u64) {
        *n = match self {
            Sign::Add | Sign::Load => n.saturating_add(by),
            Sign::Take => n.saturating_sub(by),
        };
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

/// An ordered set of keys, and the keys gathered for it in bulk until it is settled.
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
    fn settle(&mut self) {
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

    fn iter(&self) -> std::collections::btree_set::Iter<'_, T> {
        self.set.iter()
    }
}

impl Standing {
    /// Add the rows of the document at `path` (their delegated tasks' assignees in
    /// `assignees`, in row order), or take them away again.
    pub(super) fn apply(
        &mut self,
        sign: Sign,
        path: &Arc<str>,
        rows: &[Row],
        assignees: &[Box<str>],
    ) {
        let mut assignees = assignees.iter();
        for row in rows {
            let place = Place {
                path: Arc::clone(path),
                line: row.line,
                task: row.task,
            };
            sign.apply(&mut self.tasks, true);
            sign.apply(&mut self.done, row.is_done);
            if row.done_recently {
                sign.set(&mut self.done_recently, ByDone(row.done, place.clone()));
            }
            let Some(quadrant) = row.quadrant else {
                continue;
            };
            let by_urgency = ByUrgency(
                std::cmp::Reverse(Score(row.urgency)),
                NoneLast(row.due),
                place.clone(),
            );
            sign.apply(&mut self.open, true);
            sign.apply(&mut self.urgent, row.urgent);
            sign.apply(&mut self.overdue, row.overdue);
            if row.delegated {
                sign.apply(&mut self.followups_due, row.followup_due);
                sign.apply(&mut self.missing_followups, row.next_checkin.is_none());
                sign.apply(&mut self.brief_gaps, !row.brief_gaps.is_empty());
                let name = assignees.next().map_or("", |a| &**a);
                self.wait(sign, name, row, place.clone());
            } else {
                sign.set(
                    &mut self.own_open,
                    ByLeverage(
                        std::cmp::Reverse(Score(row.vital_leverage)),
                        std::cmp::Reverse(Score(row.urgency)),
                        place.clone(),
                        row.impact,
                    ),
                );
                sign.apply_u64(&mut self.own_impact, u64::from(row.impact));
                if row.startable {
                    sign.set(&mut self.quadrants[quadrant.index()], by_urgency.clone());
                } else {
                    sign.apply(&mut self.not_startable, true);
                }
            }
            if row.routine {
                sign.apply_u64(&mut self.routine_minutes, u64::from(row.estimate_minutes));
                let key = ByEstimate {
                    minutes: std::cmp::Reverse(row.estimate_minutes),
                    place,
                };
                sign.set(&mut self.routine, key);
            }
            if row.effort == Effort::Value {
                let key = ByValue(std::cmp::Reverse(row.scalable), by_urgency);
                sign.set(&mut self.value, key);
            }
            if let Some(k) = Effort::ALL.iter().position(|e| *e == row.effort) {
                sign.apply(&mut self.effort[k].0, true);
                sign.apply_u64(&mut self.effort[k].1, u64::from(row.estimate_minutes));
            }
        }
    }

    fn wait(&mut self, sign: Sign, name: &str, row: &Row, place: Place) {
        let key = name.to_lowercase();
        let person = self.waiting.entry(key.clone()).or_default();
        sign.apply(&mut person.followups_due, row.followup_due);
        sign.apply(&mut person.missing_followups, row.next_checkin.is_none());
        sign.set(
            &mut person.tasks,
            ByFollowup(
                std::cmp::Reverse(row.followup_due),
                NoneLast(row.next_checkin),
                place,
            ),
        );
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
            self.waiting.remove(&key);
        }
    }

    /// Build the ordered sets from the keys gathered by [`Sign::Load`].
    pub(super) fn settle(&mut self) {
        let Self {
            quadrants,
            value,
            routine,
            own_open,
            done_recently,
            waiting,
            ..
        } = self;
        for q in quadrants {
            q.settle();
        }
        value.settle();
        routine.settle();
        own_open.settle();
        done_recently.settle();
        for person in waiting.values_mut() {
            person.tasks.settle();
        }
    }

    /// The digest on `today`. `entry(path, task)` makes the entry of a task.
    pub(super) fn digest<'a>(
        &self,
        today: NaiveDate,
        cs: &ClassifySettings,
        ds: &DigestSettings,
        entry: impl Fn(&str, u32) -> Option<Entry<'a>>,
    ) -> Digest<'a> {
        let shown = |n: usize| {
            if ds.max_items == 0 {
                n
            } else {
                n.min(ds.max_items)
            }
        };
        let entries = |places: &mut dyn Iterator<Item = &Place>, n: usize| -> Vec<Entry<'a>> {
            places
                .take(shown(n))
                .filter_map(|p| entry(&p.path, p.task))
                .collect()
        };
        let quadrant = |i: usize| {
            let set = &self.quadrants[i];
            entries(&mut set.iter().map(|k| &k.2), set.len())
        };
        let counts = Counts {
            // Filled by the ledger, which holds the documents.
            notes: 0,
            problems: 0,
            tasks: self.tasks,
            open: self.open,
            done: self.done,
            r#do: self.quadrants[0].len(),
            schedule: self.quadrants[1].len(),
            delegate: self.quadrants[2].len(),
            eliminate: self.quadrants[3].len(),
            waiting_on: self.waiting.values().map(|p| p.tasks.len()).sum(),
            not_startable: self.not_startable,
            urgent: self.urgent,
            overdue: self.overdue,
            followups_due: self.followups_due,
            missing_followups: self.missing_followups,
            done_recently: self.done_recently.len(),
            value: self.value.len(),
            routine: self.routine.len(),
            brief_gaps: self.brief_gaps,
        };
        let waiting_on: Vec<Person<'a>> = self
            .waiting
            .values()
            .map(|p| Person {
                assignee: p.spellings.keys().next().cloned().unwrap_or_default(),
                followups_due: p.followups_due,
                missing_followups: p.missing_followups,
                open: p.tasks.len(),
                tasks: entries(&mut p.tasks.iter().map(|k| &k.2), p.tasks.len()),
            })
            .collect();
        let of = self.own_open.len();
        let (share, count) = how_many(of, ds.vital_few_share);
        let vital = self.own_open.iter().take(count);
        let impact = vital.map(|k| u64::from(k.3)).sum();
        let vital_few = VitalFew {
            share,
            of,
            impact,
            total_impact: self.own_impact,
            impact_percent: percent(impact, self.own_impact),
            count,
            tasks: entries(&mut self.own_open.iter().take(count).map(|k| &k.2), count),
        };
        let effort_balance = effort_balance::balance(self.effort);
        let nudges = nudge::of_digest(&counts, &waiting_on, &effort_balance, ds, cs);
        let hand_off = HandOff::new(
            self.routine.len(),
            self.routine_minutes,
            entries(
                &mut self.routine.iter().map(|k| &k.place),
                self.routine.len(),
            ),
        );
        Digest {
            date: today,
            sections: ds.sections,
            counts,
            r#do: quadrant(0),
            schedule: quadrant(1),
            delegate: quadrant(2),
            eliminate: quadrant(3),
            waiting_on,
            vital_few,
            value: entries(&mut self.value.iter().map(|k| &k.1.2), self.value.len()),
            hand_off,
            effort_balance,
            nudges,
            done_recently: entries(
                &mut self.done_recently.iter().map(|k| &k.1),
                self.done_recently.len(),
            ),
        }
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
