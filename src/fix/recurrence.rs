//! Recurrence rules (`🔁 every …`, `[repeat:: …]`): read the rule text, and step a date to
//! its next occurrence.
//!
//! The grammar is small and closed; a rule outside it is an error for the caller to
//! report, never a guess:
//!
//! ```text
//! rule     = "every" (step | "weekday" | days) ["when done"]
//! step     = [N | "other"] ("day"|"week"|"month"|"year")["s"] [on]
//! on       = "on" (weekdays            -- after week(s)
//!                 | ["the"] monthday {("," | "and") ["the"] monthday})   -- after month(s)
//! days     = weekdays                   -- "every Monday, Friday" = every week on …
//! weekdays = weekday {("," | "and") weekday}    -- "monday" or "mon", any case
//! monthday = 1st … 31st | "last"
//! ```
//!
//! Stepping follows Obsidian Tasks (rrule with the reference date as start): a month or
//! year step from a day the target month lacks lands on its last day (Jan 31 + 1 month =
//! Feb 28 or 29; Feb 29 + 1 year = Feb 28); a listed day of the month that a month lacks
//! (`on the 31st`) skips that month; `N weeks on …` and `N months on …` count whole weeks
//! (Monday first) and whole months from the reference date's own week or month.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Largest interval accepted (`every 1000 years`); it keeps date arithmetic in range.
const MAX_INTERVAL: u32 = 1000;

/// A day of the month a monthly rule lands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MonthDay {
    /// A day number, 1–31.
    Day(u8),
    /// The month's last day.
    Last,
}

/// How often a task recurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frequency {
    /// Every N days.
    Days(u32),
    /// Every N weeks; on the listed weekdays (Monday first), or on the same weekday when
    /// the list is empty.
    Weeks {
        /// Number of weeks between occurrences.
        interval: u32,
        /// Weekdays, in week order, without duplicates.
        on: Vec<Weekday>,
    },
    /// Every Monday to Friday.
    Weekdays,
    /// Every N months; on the listed days, or on the same day (clamped) when empty.
    Months {
        /// Number of months between occurrences.
        interval: u32,
        /// Days of the month, sorted, without duplicates.
        on: Vec<MonthDay>,
    },
    /// Every N years, on the same day (Feb 29 → Feb 28).
    Years(u32),
}

/// A parsed recurrence rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// How often.
    pub frequency: Frequency,
    /// `when done`: the next occurrence counts from the completion date, not the task's date.
    pub when_done: bool,
}

impl Rule {
    /// Parse a rule text such as `every 2 weeks on Monday, Friday when done` (any case).
    /// `Err` says what is wrong and what a valid rule looks like.
    pub fn parse(text: &str) -> Result<Rule, String> {
        parse(text).ok_or_else(|| {
            format!(
                "unknown recurrence rule `{}`: expected e.g. `every day`, `every 2 weeks`, \
                 `every weekday`, `every week on Monday, Friday`, `every month on the 1st` or \
                 `every month on the last`, optionally followed by `when done`",
                text.trim()
            )
        })
    }

    /// The next occurrence strictly after `from`. `None` only when it falls outside the
    /// calendar's range, or when a listed day never occurs (`every 12 months on the 30th`
    /// from a February).
    pub fn next(&self, from: NaiveDate) -> Option<NaiveDate> {
        match &self.frequency {
            Frequency::Days(n) => from.checked_add_days(Days::new(u64::from(*n))),
            Frequency::Weeks { interval, on } if on.is_empty() => {
                from.checked_add_days(Days::new(7 * u64::from(*interval)))
            }
            Frequency::Weeks { interval, on } => next_weekday_in(from, *interval, on),
            Frequency::Weekdays => next_weekday_in(
                from,
                1,
                &[
                    Weekday::Mon,
                    Weekday::Tue,
                    Weekday::Wed,
                    Weekday::Thu,
                    Weekday::Fri,
                ],
            ),
            Frequency::Months { interval, on } if on.is_empty() => {
                from.checked_add_months(Months::new(*interval))
            }
            Frequency::Months { interval, on } => next_month_day(from, *interval, on),
            Frequency::Years(n) => from.checked_add_months(Months::new(n.checked_mul(12)?)),
        }
    }
}

/// The first listed weekday after `from` in `from`'s week (Monday first), else in the week
/// `interval` weeks later.
fn next_weekday_in(from: NaiveDate, interval: u32, on: &[Weekday]) -> Option<NaiveDate> {
    let monday =
        from.checked_sub_days(Days::new(u64::from(from.weekday().num_days_from_monday())))?;
    for weeks in [0, u64::from(interval)] {
        let week = monday.checked_add_days(Days::new(7 * weeks))?;
        for day in on {
            let date = week.checked_add_days(Days::new(u64::from(day.num_days_from_monday())))?;
            if date > from {
                return Some(date);
            }
        }
    }
    None
}

/// The first listed day after `from` in `from`'s month, else in the months `interval`,
/// 2 × `interval`, … later (a month without the day is skipped).
fn next_month_day(from: NaiveDate, interval: u32, on: &[MonthDay]) -> Option<NaiveDate> {
    let first = from.with_day(1)?;
    // 400 years hold every calendar pattern; past them the day never comes.
    let tries = 4800 / interval.max(1) + 2;
    for k in 0..tries {
        let month = first.checked_add_months(Months::new(k.checked_mul(interval)?))?;
        for day in on {
            let date = match day {
                MonthDay::Day(d) => month.with_day(u32::from(*d)),
                MonthDay::Last => last_day_of_month(month),
            };
            if let Some(date) = date.filter(|d| *d > from) {
                return Some(date);
            }
        }
    }
    None
}

fn last_day_of_month(date: NaiveDate) -> Option<NaiveDate> {
    date.with_day(1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

/// Split into lower-case words, with `,` as a word of its own.
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(',', " , ")
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

fn parse(text: &str) -> Option<Rule> {
    let mut w = words(text);
    let mut when_done = false;
    if w.len() >= 2 && w[w.len() - 2] == "when" && w[w.len() - 1] == "done" {
        when_done = true;
        w.truncate(w.len() - 2);
    }
    let w: Vec<&str> = w.iter().map(String::as_str).collect();
    let (first, rest) = w.split_first()?;
    if *first != "every" {
        return None;
    }
    let frequency = frequency(rest)?;
    Some(Rule {
        frequency,
        when_done,
    })
}

fn frequency(w: &[&str]) -> Option<Frequency> {
    // `every Monday, Friday` is `every week on Monday, Friday`.
    if let Some(on) = weekdays(w) {
        return Some(Frequency::Weeks { interval: 1, on });
    }
    let (interval, counted, w) = match w.first() {
        Some(&"other") => (2, true, &w[1..]),
        Some(n) if n.bytes().all(|b| b.is_ascii_digit()) => {
            let n: u32 = n.parse().ok()?;
            if n == 0 || n > MAX_INTERVAL {
                return None;
            }
            (n, true, &w[1..])
        }
        _ => (1, false, w),
    };
    let (unit, rest) = w.split_first()?;
    let unit = unit.strip_suffix('s').unwrap_or(unit);
    let on = match rest {
        [] => None,
        ["on", list @ ..] => Some(list),
        _ => return None,
    };
    match (unit, on) {
        ("day", None) => Some(Frequency::Days(interval)),
        ("week", None) => Some(Frequency::Weeks {
            interval,
            on: Vec::new(),
        }),
        ("week", Some(list)) => Some(Frequency::Weeks {
            interval,
            on: weekdays(list)?,
        }),
        ("month", None) => Some(Frequency::Months {
            interval,
            on: Vec::new(),
        }),
        ("month", Some(list)) => Some(Frequency::Months {
            interval,
            on: month_days(list)?,
        }),
        ("year", None) => Some(Frequency::Years(interval)),
        ("weekday", None) if !counted => Some(Frequency::Weekdays),
        _ => None,
    }
}

/// Split a list on `,` and `and` (an Oxford `, and` too); `None` when an item is missing.
fn list_items<'a>(w: &[&'a str]) -> Option<Vec<Vec<&'a str>>> {
    let mut items = vec![Vec::new()];
    let mut previous = "";
    for &word in w {
        if word == "," || word == "and" {
            // `, and` is one separator.
            if !(previous == "," && word == "and") {
                items.push(Vec::new());
            }
        } else if let Some(last) = items.last_mut() {
            last.push(word);
        }
        previous = word;
    }
    if items.iter().any(Vec::is_empty) {
        return None;
    }
    Some(items)
}

/// `monday, friday` → [Mon, Fri], sorted Monday first, duplicates dropped.
fn weekdays(w: &[&str]) -> Option<Vec<Weekday>> {
    let mut out = Vec::new();
    for item in list_items(w)? {
        let [name] = item.as_slice() else {
            return None;
        };
        out.push(weekday(name)?);
    }
    out.sort_by_key(Weekday::num_days_from_monday);
    out.dedup();
    Some(out)
}

fn weekday(name: &str) -> Option<Weekday> {
    const NAMES: [(&str, Weekday); 7] = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    NAMES
        .iter()
        .find(|(full, _)| name == *full || (name.len() == 3 && full.starts_with(name)))
        .map(|(_, day)| *day)
}

/// `the 1st and the 15th` → [Day(1), Day(15)]; `the last` → [Last].
fn month_days(w: &[&str]) -> Option<Vec<MonthDay>> {
    let mut out = Vec::new();
    for item in list_items(w)? {
        let word = match item.as_slice() {
            ["the", word] | [word] => *word,
            _ => return None,
        };
        out.push(month_day(word)?);
    }
    out.sort();
    out.dedup();
    Some(out)
}

fn month_day(word: &str) -> Option<MonthDay> {
    if word == "last" {
        return Some(MonthDay::Last);
    }
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    match digits.parse::<u8>() {
        Ok(d @ 1..=31) => Some(MonthDay::Day(d)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::parse::value::date(s).expect("test date")
    }

    #[track_caller]
    fn parses(text: &str, frequency: Frequency, when_done: bool) {
        assert_eq!(
            Rule::parse(text),
            Ok(Rule {
                frequency,
                when_done
            }),
            "rule {text:?}"
        );
    }

    #[test]
    fn parse_rules() {
        use Frequency::*;
        use Weekday::*;
        let weeks = |interval, on: &[Weekday]| Weeks {
            interval,
            on: on.to_vec(),
        };
        let months = |interval, on: &[MonthDay]| Months {
            interval,
            on: on.to_vec(),
        };
        let rows = [
            ("every day", Days(1), false),
            ("every 3 days", Days(3), false),
            ("Every 1 Day", Days(1), false),
            ("every week", weeks(1, &[]), false),
            ("every 2 weeks", weeks(2, &[]), false),
            ("every other week", weeks(2, &[]), false),
            ("every month", months(1, &[]), false),
            ("every 6 months", months(6, &[]), false),
            ("every year", Years(1), false),
            ("every 2 years", Years(2), false),
            ("every weekday", Weekdays, false),
            ("every week on Monday", weeks(1, &[Mon]), false),
            ("every week on Monday, Friday", weeks(1, &[Mon, Fri]), false),
            ("every week on friday,monday", weeks(1, &[Mon, Fri]), false),
            (
                "every week on Monday and Friday",
                weeks(1, &[Mon, Fri]),
                false,
            ),
            (
                "every week on Mon, Wed, and Fri",
                weeks(1, &[Mon, Wed, Fri]),
                false,
            ),
            ("every 2 weeks on Tuesday", weeks(2, &[Tue]), false),
            ("every Monday", weeks(1, &[Mon]), false),
            ("every Saturday, Sunday", weeks(1, &[Sat, Sun]), false),
            (
                "every month on the 1st",
                months(1, &[MonthDay::Day(1)]),
                false,
            ),
            (
                "every month on the 2nd",
                months(1, &[MonthDay::Day(2)]),
                false,
            ),
            (
                "every month on the 15th",
                months(1, &[MonthDay::Day(15)]),
                false,
            ),
            (
                "every month on the last",
                months(1, &[MonthDay::Last]),
                false,
            ),
            (
                "every month on the 1st and the 15th",
                months(1, &[MonthDay::Day(1), MonthDay::Day(15)]),
                false,
            ),
            (
                "every 3 months on the last",
                months(3, &[MonthDay::Last]),
                false,
            ),
            ("every day when done", Days(1), true),
            ("  EVERY   WEEK   WHEN DONE ", weeks(1, &[]), true),
            ("every week on Monday when done", weeks(1, &[Mon]), true),
        ];
        for (text, frequency, when_done) in rows {
            parses(text, frequency, when_done);
        }
    }

    #[test]
    fn unknown_rules_are_errors() {
        let rows = [
            "",
            "every",
            "daily",
            "every 0 days",
            "every 1001 days",
            "every -1 days",
            "every 2 weekdays",
            "every fortnight",
            "every week on",
            "every week on Funday",
            "every week on Monday,",
            "every week on the 1st",
            "every month on Monday",
            "every month on the 32nd",
            "every month on the 0th",
            "every month on the 1xt",
            "every year on the 1st",
            "every day on Monday",
            "every day when",
            "when done",
            "every day when done when done",
            "every week on Monday and and Friday",
        ];
        for text in rows {
            let got = Rule::parse(text);
            assert!(got.is_err(), "{text:?} parsed as {got:?}");
        }
        let msg = Rule::parse("every blue moon").unwrap_err();
        assert!(msg.contains("`every blue moon`"), "{msg}");
    }

    #[track_caller]
    fn steps(rule: &str, from: &str, want: &str) {
        let rule = Rule::parse(rule).expect("valid rule");
        assert_eq!(rule.next(d(from)), Some(d(want)), "{rule:?} from {from}");
    }

    #[test]
    fn next_dates() {
        // 2026-11-21 is a Saturday.
        let rows = [
            ("every day", "2026-11-21", "2026-11-22"),
            ("every 3 days", "2026-12-30", "2027-01-02"),
            ("every day", "2028-02-28", "2028-02-29"),
            ("every week", "2026-11-21", "2026-11-28"),
            ("every 2 weeks", "2026-12-25", "2027-01-08"),
            ("every month", "2026-11-21", "2026-12-21"),
            ("every month", "2026-01-31", "2026-02-28"),
            ("every month", "2028-01-31", "2028-02-29"),
            ("every month", "2026-03-31", "2026-04-30"),
            ("every month", "2026-02-28", "2026-03-28"),
            ("every 6 months", "2026-08-31", "2027-02-28"),
            ("every 12 months", "2028-02-29", "2029-02-28"),
            ("every year", "2028-02-29", "2029-02-28"),
            ("every 4 years", "2028-02-29", "2032-02-29"),
            ("every year", "2026-11-21", "2027-11-21"),
            ("every weekday", "2026-11-20", "2026-11-23"), // Fri → Mon
            ("every weekday", "2026-11-21", "2026-11-23"), // Sat → Mon
            ("every weekday", "2026-11-22", "2026-11-23"), // Sun → Mon
            ("every weekday", "2026-11-23", "2026-11-24"), // Mon → Tue
            ("every week on Monday", "2026-11-21", "2026-11-23"),
            ("every week on Monday", "2026-11-23", "2026-11-30"),
            ("every week on Monday, Friday", "2026-11-23", "2026-11-27"),
            ("every week on Monday, Friday", "2026-11-27", "2026-11-30"),
            ("every week on Monday, Friday", "2026-11-25", "2026-11-27"),
            ("every Sunday", "2026-11-22", "2026-11-29"),
            // Two-week steps count from the reference date's own week.
            (
                "every 2 weeks on Monday, Friday",
                "2026-11-23",
                "2026-11-27",
            ),
            (
                "every 2 weeks on Monday, Friday",
                "2026-11-27",
                "2026-12-07",
            ),
            ("every 2 weeks on Monday", "2026-11-23", "2026-12-07"),
            ("every month on the 1st", "2026-11-21", "2026-12-01"),
            ("every month on the 1st", "2026-12-01", "2027-01-01"),
            ("every month on the 15th", "2026-11-14", "2026-11-15"),
            ("every month on the 15th", "2026-11-15", "2026-12-15"),
            ("every month on the last", "2026-11-21", "2026-11-30"),
            ("every month on the last", "2026-11-30", "2026-12-31"),
            ("every month on the last", "2027-01-31", "2027-02-28"),
            ("every month on the last", "2028-01-31", "2028-02-29"),
            ("every month on the last", "2028-02-29", "2028-03-31"),
            // A listed day a month lacks skips the month (rrule, as Obsidian Tasks does).
            ("every month on the 31st", "2026-01-31", "2026-03-31"),
            ("every month on the 30th", "2026-01-30", "2026-03-30"),
            ("every month on the 29th", "2027-01-29", "2027-03-29"),
            ("every month on the 29th", "2028-01-29", "2028-02-29"),
            ("every month on the 1st, 15th", "2026-11-01", "2026-11-15"),
            ("every month on the 1st, 15th", "2026-11-15", "2026-12-01"),
            ("every 3 months on the 1st", "2026-11-01", "2027-02-01"),
            ("every 3 months on the 1st", "2026-11-21", "2027-02-01"),
            ("every 2 months on the last", "2026-11-10", "2026-11-30"),
            ("every 2 months on the last", "2026-11-30", "2027-01-31"),
            // `when done` changes the start date, not the step.
            ("every week when done", "2026-11-21", "2026-11-28"),
        ];
        for (rule, from, want) in rows {
            steps(rule, from, want);
        }
    }

    #[test]
    fn next_out_of_range_is_none() {
        let rule = Rule::parse("every 1000 years").expect("valid");
        assert_eq!(rule.next(NaiveDate::MAX), None);
        let rule = Rule::parse("every 12 months on the 30th").expect("valid");
        assert_eq!(rule.next(d("2026-02-01")), None);
        for text in [
            "every day",
            "every week on Sunday",
            "every month on the last",
        ] {
            let rule = Rule::parse(text).expect("valid");
            assert_eq!(rule.next(NaiveDate::MAX), None, "{text}");
        }
    }
}
