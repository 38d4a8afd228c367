//! Recurrence rules (`🔁 every …`, `[repeat:: …]`): read the rule text, and step a date to
//! its next occurrence, with the same dates as Obsidian Tasks.
//!
//! The plugin reads a rule with the JavaScript `rrule` library's English rule language
//! ([`grammar`]) and steps it as an RFC 5545 rule that starts on the reference date:
//! the next occurrence is the first day after it that the rule's periods (every N days,
//! weeks from Monday, months or years, counted from the start's own period) and filters
//! (months, week numbers, weekdays, the Nth weekday, days of the month) allow. Two rules of
//! the plugin's own come on top: a monthly rule without `on …` (`every 2 months`) and a
//! yearly one (`every year`) that would skip past a month or year lacking the start's day
//! (Jan 31 + 1 month) starts one day earlier, again, until it does not; a listed day
//! (`every month on the 31st`) skips the months without it. docs/fixes.md has the grammar
//! and examples.

mod grammar;
#[cfg(test)]
mod tests;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// How long one period of a rule is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Frequency {
    /// Years.
    Yearly,
    /// Months.
    Monthly,
    /// Weeks, Monday first.
    Weekly,
    /// Days.
    Daily,
    /// Hours (a date moves when the hours run past midnight).
    Hourly,
    /// Minutes.
    Minutely,
}

/// A parsed recurrence rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rule {
    /// The period.
    pub frequency: Frequency,
    /// Periods between occurrences (1 or more).
    pub interval: u32,
    /// Weekdays; with an N (`2` = the 2nd, `-1` = the last) in monthly and yearly rules,
    /// `0` for every one.
    pub weekdays: Vec<(Weekday, i32)>,
    /// Days of the month; negative ones count from its end (`-1` = the last).
    pub month_days: Vec<i32>,
    /// Months, 1–12.
    pub months: Vec<u32>,
    /// ISO week numbers.
    pub week_numbers: Vec<u32>,
    /// `when done`: the next occurrence counts from the completion date.
    pub when_done: bool,
}

/// Periods searched before a rule is said to have no next date: 400 years hold every
/// pattern of the Gregorian calendar.
const SEARCH_DAYS: u64 = 400 * 366;

impl Rule {
    /// Parse a rule text such as `every 2 weeks on Tuesday, Thursday when done` (any
    /// case). `Err` says why it is not a rule ike (and Obsidian Tasks) can step.
    pub(crate) fn parse(text: &str) -> Result<Rule, String> {
        let mut rule = grammar::read(text).map_err(|why| {
            format!(
                "recurrence rule `{}` cannot be computed ({why}): write e.g. `every 2 weeks`, \
                 `every week on Tuesday, Friday`, `every month on the 2nd Tuesday`, `every \
                 January on the 15th` or `every month on the last`, optionally followed by \
                 `when done` (docs/fixes.md)",
                text.trim()
            )
        })?;
        if rule.interval == 0 {
            rule.interval = 1;
        }
        Ok(rule)
    }

    /// The next occurrence strictly after `from`, the rule starting on `from`. `None` when
    /// none comes within 400 years or the calendar's range.
    pub(crate) fn next(&self, from: NaiveDate) -> Option<NaiveDate> {
        let mut next = self.after(from, from)?;
        // The plugin's own rules for `every N months` / `every N years` that land too late.
        let (monthly, yearly) = self.steps_back();
        let mut start = from;
        for _ in 0..31 {
            let too_late = if monthly {
                months_between(start, next) > i64::from(self.interval)
            } else if yearly {
                i64::from(next.year() - start.year()) > i64::from(self.interval)
            } else {
                false
            };
            if !too_late {
                return Some(next);
            }
            start = start.pred_opt()?;
            next = self.after(start, start)?;
        }
        Some(next)
    }

    /// Whether the plugin steps back for this rule: a monthly rule with no day or weekday
    /// named, and a yearly one, as the library writes them back (`every 2 months`, `every
    /// year`, but not `every January`).
    fn steps_back(&self) -> (bool, bool) {
        let named_month = !self.months.is_empty() && self.interval == 1;
        let monthly = self.frequency == Frequency::Monthly
            && self.month_days.is_empty()
            && self.weekdays.is_empty()
            && !named_month;
        let yearly = self.frequency == Frequency::Yearly && !named_month;
        (monthly, yearly)
    }

    /// The first occurrence after the day `after` of the rule started on `start`.
    fn after(&self, start: NaiveDate, after: NaiveDate) -> Option<NaiveDate> {
        let filters = self.with_defaults(start);
        match self.frequency {
            Frequency::Hourly | Frequency::Minutely => {
                let step = u64::from(self.interval)
                    * if self.frequency == Frequency::Hourly {
                        60
                    } else {
                        1
                    };
                (1..=SEARCH_DAYS).find_map(|d| {
                    let day = after.checked_add_days(Days::new(d))?;
                    let minutes = u64::try_from((day - start).num_days()).ok()? * 1440;
                    let first = minutes.div_ceil(step) * step;
                    (first < minutes + 1440 && filters.allows(day)).then_some(day)
                })
            }
            _ => {
                let mut period = 0u64;
                loop {
                    let days = self.period(start, period)?;
                    if days.first()?.year() > after.year() + 400 {
                        return None;
                    }
                    if let Some(day) = days.into_iter().find(|d| *d > after && filters.allows(*d)) {
                        return Some(day);
                    }
                    period += 1;
                }
            }
        }
    }

    /// The days of the `k`-th period of the rule started on `start`.
    fn period(&self, start: NaiveDate, k: u64) -> Option<Vec<NaiveDate>> {
        let n = k.checked_mul(u64::from(self.interval))?;
        let (first, len) = match self.frequency {
            Frequency::Yearly => {
                let year = i32::try_from(i64::from(start.year()) + i64::try_from(n).ok()?).ok()?;
                let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
                (first, if first.leap_year() { 366 } else { 365 })
            }
            Frequency::Monthly => {
                let first = start
                    .with_day(1)?
                    .checked_add_months(Months::new(u32::try_from(n).ok()?))?;
                (first, month_len(first)?)
            }
            Frequency::Weekly => {
                let monday = start.checked_sub_days(Days::new(u64::from(
                    start.weekday().num_days_from_monday(),
                )))?;
                (monday.checked_add_days(Days::new(n.checked_mul(7)?))?, 7)
            }
            _ => (start.checked_add_days(Days::new(n))?, 1),
        };
        (0..len)
            .map(|i| first.checked_add_days(Days::new(u64::from(i))))
            .collect()
    }

    /// The rule's filters, with the defaults a start date gives a rule that names no day:
    /// its weekday (weekly), its day (monthly), its day and month (yearly).
    fn with_defaults(&self, start: NaiveDate) -> Filters {
        let mut f = Filters {
            weekdays: self.weekdays.clone(),
            month_days: self.month_days.clone(),
            months: self.months.clone(),
            week_numbers: self.week_numbers.clone(),
            yearly_nth_in_month: false,
        };
        let names_a_day =
            !(f.week_numbers.is_empty() && f.month_days.is_empty() && f.weekdays.is_empty());
        if !names_a_day {
            match self.frequency {
                Frequency::Yearly => {
                    if f.months.is_empty() {
                        f.months.push(start.month());
                    }
                    f.month_days.push(start.day() as i32);
                }
                Frequency::Monthly => f.month_days.push(start.day() as i32),
                Frequency::Weekly => f.weekdays.push((start.weekday(), 0)),
                _ => {}
            }
        }
        // An Nth weekday counts within the month (monthly, or yearly in named months) or
        // the year; in shorter periods the N is ignored.
        let counts_nth = matches!(self.frequency, Frequency::Yearly | Frequency::Monthly);
        for (_, n) in &mut f.weekdays {
            if !counts_nth {
                *n = 0;
            }
        }
        f.yearly_nth_in_month = self.frequency == Frequency::Monthly || !f.months.is_empty();
        f
    }
}

/// The filters a day must pass.
#[derive(Debug)]
struct Filters {
    weekdays: Vec<(Weekday, i32)>,
    month_days: Vec<i32>,
    months: Vec<u32>,
    week_numbers: Vec<u32>,
    /// An Nth weekday counts within the day's month (else within its year).
    yearly_nth_in_month: bool,
}

impl Filters {
    fn allows(&self, day: NaiveDate) -> bool {
        (self.months.is_empty() || self.months.contains(&day.month()))
            && (self.week_numbers.is_empty() || self.week_numbers.contains(&day.iso_week().week()))
            && self.weekday_ok(day)
            && (self.month_days.is_empty() || self.month_day_ok(day))
    }

    /// Plain weekdays and Nth weekdays are two filters, both applied when both are given.
    fn weekday_ok(&self, day: NaiveDate) -> bool {
        let plain: Vec<Weekday> = self
            .weekdays
            .iter()
            .filter(|(_, n)| *n == 0)
            .map(|(d, _)| *d)
            .collect();
        let nth: Vec<(Weekday, i32)> = self
            .weekdays
            .iter()
            .copied()
            .filter(|(_, n)| *n != 0)
            .collect();
        (plain.is_empty() || plain.contains(&day.weekday()))
            && (nth.is_empty()
                || nth
                    .iter()
                    .any(|(d, n)| *d == day.weekday() && self.is_nth(day, *n)))
    }

    /// Is `day` the `n`-th of its weekday (from the end when negative) in its range?
    fn is_nth(&self, day: NaiveDate, n: i32) -> bool {
        let index = if self.yearly_nth_in_month {
            (day.day() - 1) / 7
        } else {
            (day.ordinal() - 1) / 7
        };
        if n > 0 {
            return index + 1 == n as u32;
        }
        // From the end: count the same weekdays after it in the range.
        let after = if self.yearly_nth_in_month {
            let len = month_len(day).unwrap_or(31);
            (len - day.day()) / 7
        } else {
            let len = if day.leap_year() { 366 } else { 365 };
            (len - day.ordinal()) / 7
        };
        after + 1 == n.unsigned_abs()
    }

    fn month_day_ok(&self, day: NaiveDate) -> bool {
        let len = month_len(day).unwrap_or(31) as i32;
        let d = day.day() as i32;
        self.month_days.iter().any(|m| *m == d || *m == d - len - 1)
    }
}

/// Days in `date`'s month.
fn month_len(date: NaiveDate) -> Option<u32> {
    let first = date.with_day(1)?;
    Some(first.checked_add_months(Months::new(1))?.pred_opt()?.day())
}

/// Whole calendar months from `a`'s month to `b`'s.
fn months_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (i64::from(b.year()) - i64::from(a.year())) * 12 + i64::from(b.month()) - i64::from(a.month())
}
