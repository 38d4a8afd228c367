//! The part of a [`Row`] that depends on the day, computed again for another day from
//! what a [`Sheet`] keeps: a sheet kept in the cache is made once, when its note changes,
//! and each run moves its rows to the run's day without the note's document (the
//! urgency score, urgent, the quadrant, overdue, done recently, startable, the next
//! check-in and whether it is due).
//!
//! [`Row::of`] classifies a task with [`crate::classify::classify_among`]; this module
//! says the same for the date-dependent answers of a task that takes part in no
//! dependency, and a test holds the two equal over many tasks and days.

use super::{Row, Sheet};
use crate::classify::{ClassifySettings, Quadrant, round2, same_tag, urgency_of};
use crate::model::{Priority, Task};
use chrono::{NaiveDate, TimeDelta};

/// What a row's date-dependent answers need beyond the row and the entry's dates: read
/// from the task once, the same on every day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Undated {
    /// Created date (a check-in cadence counts from it before the first follow-up).
    pub created: Option<NaiveDate>,
    /// Priority (a term of the urgency score).
    pub priority: Option<Priority>,
    /// The task says it is urgent, or not, whatever its dates.
    pub urgent: Option<bool>,
    /// It has the settings' urgent tag.
    pub tagged: bool,
}

impl Undated {
    /// The date-free facts of `task` under `cs`.
    pub(super) fn of(task: &Task, cs: &ClassifySettings) -> Self {
        let meta = &task.meta;
        Self {
            created: meta.created,
            priority: meta.priority,
            urgent: meta.urgent,
            tagged: meta.tags.iter().any(|t| same_tag(t, &cs.urgent_tag)),
        }
    }
}

/// The day rows are moved to, with what every row asks of it worked out once.
#[derive(Debug, Clone, Copy)]
pub(super) struct Day {
    today: NaiveDate,
    yesterday: NaiveDate,
    /// The last due date that is urgent (`None`: past the calendar's end, so work it out
    /// per row).
    urgent_until: Option<NaiveDate>,
    urgent_within_days: i64,
}

impl Day {
    /// `today` under `cs`.
    pub(super) fn new(today: NaiveDate, cs: &ClassifySettings) -> Self {
        let days = cs.urgent_within_days;
        Self {
            today,
            yesterday: today.pred_opt().unwrap_or(today),
            urgent_until: TimeDelta::try_days(days).and_then(|d| today.checked_add_signed(d)),
            urgent_within_days: days,
        }
    }

    /// A due date within `urgent_within_days` of today (overdue included).
    fn urgent_due(&self, due: NaiveDate) -> bool {
        match self.urgent_until {
            Some(until) => due <= until,
            None => (due - self.today).num_days() <= self.urgent_within_days,
        }
    }
}

impl Row {
    /// Move this row to `day`: its date-dependent answers as [`Row::of`] gives them on
    /// that day. `scheduled` and `start` are the task's (kept with its entry). Only for a
    /// row that is not blocked: a blocked row's quadrant depends on the vault's
    /// dependency index, which a kept sheet does not hold (`None`, nothing changed).
    pub(super) fn redate(
        &mut self,
        u: &Undated,
        scheduled: Option<NaiveDate>,
        start: Option<NaiveDate>,
        day: &Day,
    ) -> Option<()> {
        if self.blocked {
            return None;
        }
        let today = day.today;
        // An open row's quadrant says whether it is important, which is date-free.
        let important = matches!(self.quadrant, Some(Quadrant::Do | Quadrant::Schedule));
        self.urgency = round2(urgency_of(self.due, scheduled, start, u.priority, today));
        // A due date within `urgent_within_days` (overdue included), a scheduled date
        // passed, or the urgent tag, unless the task says otherwise.
        self.urgent = u.urgent.unwrap_or_else(|| {
            u.tagged
                || self.due.is_some_and(|d| day.urgent_due(d))
                || scheduled.is_some_and(|s| s <= today)
        });
        self.quadrant = self.quadrant.map(|_| Quadrant::of(self.urgent, important));
        let cadence = self.checkin.filter(|_| self.delegated);
        self.next_checkin = crate::model::next_checkin(self.followup, u.created, cadence, today);
        self.followup_due = self.next_checkin.is_some_and(|d| d <= today);
        self.startable = start.is_none_or(|s| s <= today);
        self.overdue = self.due.is_some_and(|d| d < today);
        self.done_recently =
            self.is_done && self.done.is_some_and(|d| d == day.yesterday || d == today);
        Some(())
    }
}

impl Sheet {
    /// Move every row of this sheet (made on [`Sheet::made`], without dependency links)
    /// to `today`. `None` when it cannot be: `today` is before the day it was made (it
    /// left out tasks done before then, which may be recent on an earlier day), or a row
    /// is blocked.
    pub(super) fn redate(&mut self, today: NaiveDate, cs: &ClassifySettings) -> Option<()> {
        if today < self.made || !self.linked.is_empty() || self.is_trimmed() {
            return None;
        }
        let day = Day::new(today, cs);
        for (row, task) in self.rows.iter_mut().zip(self.shown.iter()) {
            row.redate(&task.undated, task.scheduled, task.start, &day)?;
        }
        self.made = today;
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::Dependencies;
    use crate::parse::{ParseOptions, parse_document};

    /// Tasks whose date-dependent answers change over the days around the tests' today
    /// (2026-11-21): due, scheduled and start dates on both sides, explicit urgency, the
    /// urgent tag, check-ins with and without a follow-up or created date, done dates.
    const NOTE: &str = "\
- [ ] Due soon 📅 2026-11-23 ⏫
- [ ] Due long ago 📅 2026-10-01 🔽
- [ ] Due later 📅 2026-12-20 [effort:: value] [impact:: 9]
- [ ] Scheduled ⏳ 2026-11-25
- [ ] Starts 🛫 2026-11-28 🔼
- [ ] Says not urgent 📅 2026-11-20 [urgent:: false]
- [ ] Says urgent [urgent:: true] ⏬
- [ ] Tagged #urgent
- [ ] Tagged otherwise #URGENT 🛫 2026-11-19
- [ ] Chase [assignee:: bob] [checkin:: every 2 weeks] [followup:: 2026-11-24]
- [ ] Chase later [assignee:: ann] [checkin:: weekly] ➕ 2026-11-01
- [ ] Chase now [assignee:: cy] [checkin:: every 3 days]
- [ ] Ping [assignee:: dee] [followup:: 2026-11-22] 📅 2026-11-22
- [/] Going 📅 2026-11-21 ⏳ 2026-11-21 🛫 2026-11-21 #routine [effort:: non-production]
- [x] Done today ✅ 2026-11-21
- [x] Done tomorrow ✅ 2026-11-22
- [x] Done in a week ✅ 2026-11-28
- [x] Done long ago ✅ 2026-01-01
- [-] Cancelled 📅 2026-11-22 ❌ 2026-11-22
- [ ] Plain
";

    #[test]
    fn a_row_moved_to_another_day_is_the_row_made_on_it() {
        for within in [3, 0, -2, 30, i64::MAX, i64::MIN] {
            check_moved(within);
        }
    }

    /// Every task of [`NOTE`], its row made on the tests' today and moved to each day
    /// around it, is the row made on that day (`within`: the urgent window in days).
    #[track_caller]
    fn check_moved(within: i64) {
        let made = crate::classify::task_builder::today();
        let cs = ClassifySettings {
            urgent_within_days: within,
            ..ClassifySettings::default()
        };
        let doc = parse_document("a.md", NOTE.as_bytes(), &ParseOptions::default());
        assert_eq!(doc.tasks.len(), 20);
        let deps = Dependencies::default();
        let rows_on = |day| super::super::rows(&doc, day, &cs, &deps);
        let first = rows_on(made);
        let mut changed = 0;
        for days in -3..=40 {
            let day = made + chrono::TimeDelta::days(days);
            let want = rows_on(day);
            let on = Day::new(day, &cs);
            for ((task, row), want) in doc.tasks.iter().zip(&first).zip(&want) {
                let mut moved = *row;
                let u = Undated::of(task, &cs);
                moved.redate(&u, task.meta.scheduled, task.meta.start, &on);
                assert_eq!(
                    &moved, want,
                    "{} on {day}, within {within}",
                    task.description
                );
                changed += usize::from(moved != *row);
            }
        }
        assert!(
            changed > 100,
            "the days change many rows: {changed} (within {within})"
        );
    }

    #[test]
    fn a_blocked_row_is_not_moved() {
        let today = crate::classify::task_builder::today();
        let cs = ClassifySettings::default();
        let text = "- [ ] First 🆔 one\n- [ ] Then ⛔ one\n";
        let doc = parse_document("a.md", text.as_bytes(), &ParseOptions::default());
        let deps = Dependencies::of_documents(std::slice::from_ref(&doc), today, &cs);
        let rows = super::super::rows(&doc, today, &cs, &deps);
        let mut blocked = rows[1];
        assert!(blocked.blocked);
        let u = Undated::of(&doc.tasks[1], &cs);
        assert_eq!(blocked.redate(&u, None, None, &Day::new(today, &cs)), None);
        assert_eq!(blocked, rows[1]);
    }
}
