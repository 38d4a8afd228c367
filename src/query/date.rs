//! Date expressions of date filters: an absolute date, two dates (a range), a numbered
//! period (`2026`, `2026-Q4`, `2026-11`, `2026-W48`), a period relative to today (`last`,
//! `this` or `next` `week|month|quarter|year`), and the relative days the plugin's docs
//! use (`today`, `tomorrow`, `yesterday`, weekday names, `in 3 days`, `two weeks ago`).
//! Anything else is not understood: ike never guesses a date. docs/query.md lists the
//! grammar.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// An inclusive range of days. A single date is a range of one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateRange {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

impl DateRange {
    fn day(date: NaiveDate) -> Self {
        Self {
            start: date,
            end: date,
        }
    }
}

/// Read a date expression (case-insensitive) relative to `today`; `None` when it is not one.
pub(crate) fn parse_range(text: &str, today: NaiveDate) -> Option<DateRange> {
    let lower = text.trim().to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    match words.as_slice() {
        [] => None,
        [a, b] if iso(a).is_some() && iso(b).is_some() => Some(DateRange {
            start: iso(a)?,
            end: iso(b)?,
        }),
        [which, unit]
            if period_unit(unit).is_some() && matches!(*which, "last" | "this" | "next") =>
        {
            relative_period(which, unit, today)
        }
        [one] => iso(one)
            .map(DateRange::day)
            .or_else(|| numbered_period(one))
            .or_else(|| single_day(&words, today).map(DateRange::day)),
        _ => single_day(&words, today).map(DateRange::day),
    }
}

/// `YYYY-MM-DD`, strictly: the task parser's own rule.
fn iso(word: &str) -> Option<NaiveDate> {
    crate::parse::value::date(word).ok()
}

/// `week`, `month`, `quarter` or `year`.
fn period_unit(word: &str) -> Option<&str> {
    matches!(word, "week" | "month" | "quarter" | "year").then_some(word)
}

/// The first day of the period of `unit` that holds `day` (ISO weeks start on Monday).
fn period_start(unit: &str, day: NaiveDate) -> Option<NaiveDate> {
    match unit {
        "week" => day.checked_sub_days(Days::new(u64::from(day.weekday().num_days_from_monday()))),
        "month" => day.with_day(1),
        "quarter" => NaiveDate::from_ymd_opt(day.year(), (day.month0() / 3) * 3 + 1, 1),
        "year" => NaiveDate::from_ymd_opt(day.year(), 1, 1),
        _ => None,
    }
}

/// The period of `unit` from its first day.
fn period_from(unit: &str, start: NaiveDate) -> Option<DateRange> {
    let next = match unit {
        "week" => start.checked_add_days(Days::new(7)),
        "month" => start.checked_add_months(Months::new(1)),
        "quarter" => start.checked_add_months(Months::new(3)),
        "year" => start.checked_add_months(Months::new(12)),
        _ => None,
    }?;
    Some(DateRange {
        start,
        end: next.pred_opt()?,
    })
}

/// `last|this|next week|month|quarter|year`.
fn relative_period(which: &str, unit: &str, today: NaiveDate) -> Option<DateRange> {
    let this = period_start(unit, today)?;
    let start = match (which, unit) {
        ("this", _) => this,
        ("last", "week") => this.checked_sub_days(Days::new(7))?,
        ("next", "week") => this.checked_add_days(Days::new(7))?,
        (_, _) => {
            let months = match unit {
                "month" => 1,
                "quarter" => 3,
                _ => 12,
            };
            if which == "last" {
                this.checked_sub_months(Months::new(months))?
            } else {
                this.checked_add_months(Months::new(months))?
            }
        }
    };
    period_from(unit, start)
}

/// `2026`, `2026-Q4`, `2026-11`, `2026-W48` (an ISO week).
fn numbered_period(word: &str) -> Option<DateRange> {
    let (year, rest) = word.split_at_checked(4)?;
    if !year.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|c| c.is_ascii_digit());
    if rest.is_empty() {
        return period_from("year", NaiveDate::from_ymd_opt(year, 1, 1)?);
    }
    let rest = rest.strip_prefix('-')?;
    if let Some(q) = rest.strip_prefix('q').filter(|q| digits(q, 1)) {
        let q: u32 = q.parse().ok()?;
        if !(1..=4).contains(&q) {
            return None;
        }
        return period_from(
            "quarter",
            NaiveDate::from_ymd_opt(year, (q - 1) * 3 + 1, 1)?,
        );
    }
    if let Some(w) = rest.strip_prefix('w').filter(|w| digits(w, 2)) {
        let start = NaiveDate::from_isoywd_opt(year, w.parse().ok()?, Weekday::Mon)?;
        return period_from("week", start);
    }
    if digits(rest, 2) {
        return period_from(
            "month",
            NaiveDate::from_ymd_opt(year, rest.parse().ok()?, 1)?,
        );
    }
    None
}

/// A weekday's name, full or three letters.
fn weekday(word: &str) -> Option<Weekday> {
    let names = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    names
        .iter()
        .find(|(name, _)| *name == word || (word.len() == 3 && name.starts_with(word)))
        .map(|(_, day)| *day)
}

/// A small count: digits, `a`/`an`, or a number word up to twelve.
fn count(word: &str) -> Option<u32> {
    const WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    if word == "a" || word == "an" {
        return Some(1);
    }
    if let Some(i) = WORDS.iter().position(|w| *w == word) {
        return u32::try_from(i + 1).ok();
    }
    (word.len() <= 5 && word.bytes().all(|c| c.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// `today + n units` (n may be negative).
fn shift(today: NaiveDate, n: i64, unit: &str) -> Option<NaiveDate> {
    let unit = unit.strip_suffix('s').unwrap_or(unit);
    let magnitude = n.unsigned_abs();
    match unit {
        "day" | "week" => {
            let days = Days::new(if unit == "week" {
                magnitude * 7
            } else {
                magnitude
            });
            if n < 0 {
                today.checked_sub_days(days)
            } else {
                today.checked_add_days(days)
            }
        }
        "month" | "year" => {
            let months = Months::new(
                u32::try_from(magnitude)
                    .ok()?
                    .checked_mul(if unit == "year" { 12 } else { 1 })?,
            );
            if n < 0 {
                today.checked_sub_months(months)
            } else {
                today.checked_add_months(months)
            }
        }
        _ => None,
    }
}

/// The day a weekday name means, in a week that starts on Sunday (as the date library of
/// the plugin counts): bare, the nearest such day (today included); `this`, the one of
/// this week; `next` and `last`, the one of the week after or before.
fn weekday_from(today: NaiveDate, day: Weekday, modifier: Option<&str>) -> Option<NaiveDate> {
    let from_sunday = |d: Weekday| i64::from(d.num_days_from_sunday());
    let (target, now) = (from_sunday(day), from_sunday(today.weekday()));
    let offset = match modifier {
        None => {
            let same = target - now;
            [same - 7, same, same + 7]
                .into_iter()
                .min_by_key(|d| (d.abs(), *d != same))?
        }
        Some("this") => target - now,
        Some("next") => target - now + 7,
        Some("last") => target - now - 7,
        Some(_) => return None,
    };
    shift(today, offset, "day")
}

/// One day: `today`, `tomorrow`, `yesterday`, `[this|next|last] <weekday>`,
/// `in <n> <unit>`, `<n> <unit> ago`, `<n> <unit> from now`.
fn single_day(words: &[&str], today: NaiveDate) -> Option<NaiveDate> {
    match words {
        ["today"] => Some(today),
        ["tomorrow"] => today.succ_opt(),
        ["yesterday"] => today.pred_opt(),
        [day] => weekday_from(today, weekday(day)?, None),
        [m @ ("this" | "next" | "last"), day] => weekday_from(today, weekday(day)?, Some(m)),
        ["in", n, unit] => shift(today, i64::from(count(n)?), unit),
        [n, unit, "ago"] => shift(today, -i64::from(count(n)?), unit),
        [n, unit, "from", "now"] => shift(today, i64::from(count(n)?), unit),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Wednesday.
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[track_caller]
    fn check(text: &str, expected: Option<(&str, &str)>) {
        let got = parse_range(text, today()).map(|r| (r.start.to_string(), r.end.to_string()));
        let expected = expected.map(|(a, b)| (a.to_owned(), b.to_owned()));
        assert_eq!(got, expected, "{text:?}");
    }

    #[test]
    fn absolute_dates_and_ranges() {
        check("2026-11-02", Some(("2026-11-02", "2026-11-02")));
        check("2026-11-01 2026-11-30", Some(("2026-11-01", "2026-11-30")));
        check("2026-02-30", None);
        check("2026-1-2", None);
    }

    #[test]
    fn numbered_periods() {
        check("2026", Some(("2026-01-01", "2026-12-31")));
        check("2026-Q4", Some(("2026-10-01", "2026-12-31")));
        check("2026-q1", Some(("2026-01-01", "2026-03-31")));
        check("2026-Q5", None);
        check("2026-02", Some(("2026-02-01", "2026-02-28")));
        check("2026-W48", Some(("2026-11-23", "2026-11-29")));
        check("2026-13", None);
    }

    #[test]
    fn relative_periods() {
        check("this week", Some(("2026-11-23", "2026-11-29")));
        check("last week", Some(("2026-11-16", "2026-11-22")));
        check("next week", Some(("2026-11-30", "2026-12-06")));
        check("this month", Some(("2026-11-01", "2026-11-30")));
        check("last month", Some(("2026-10-01", "2026-10-31")));
        check("next month", Some(("2026-12-01", "2026-12-31")));
        check("this quarter", Some(("2026-10-01", "2026-12-31")));
        check("next quarter", Some(("2027-01-01", "2027-03-31")));
        check("last year", Some(("2025-01-01", "2025-12-31")));
        check("Next Year", Some(("2027-01-01", "2027-12-31")));
    }

    #[test]
    fn relative_days() {
        check("today", Some(("2026-11-25", "2026-11-25")));
        check("TOMORROW", Some(("2026-11-26", "2026-11-26")));
        check("yesterday", Some(("2026-11-24", "2026-11-24")));
        check("in 3 days", Some(("2026-11-28", "2026-11-28")));
        check("in two weeks", Some(("2026-12-09", "2026-12-09")));
        check("in a month", Some(("2026-12-25", "2026-12-25")));
        check("14 days ago", Some(("2026-11-11", "2026-11-11")));
        check("2 years from now", Some(("2028-11-25", "2028-11-25")));
        // Wednesday: the nearest Friday is ahead, the nearest Monday behind.
        check("friday", Some(("2026-11-27", "2026-11-27")));
        check("monday", Some(("2026-11-23", "2026-11-23")));
        check("wed", Some(("2026-11-25", "2026-11-25")));
        check("next monday", Some(("2026-11-30", "2026-11-30")));
        check("last friday", Some(("2026-11-20", "2026-11-20")));
        check("this sunday", Some(("2026-11-22", "2026-11-22")));
    }

    #[test]
    fn anything_else_is_not_understood() {
        for text in [
            "",
            "soon",
            "next fortnight",
            "in 3 sprints",
            "Nov 3",
            "the day after",
        ] {
            check(text, None);
        }
    }
}
