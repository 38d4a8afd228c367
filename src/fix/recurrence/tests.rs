//! Next dates, one row per example in the Obsidian Tasks documentation (and its tests),
//! then the month-end, leap-year and grammar cases.

use super::*;

fn d(s: &str) -> NaiveDate {
    crate::parse::value::date(s).expect("test date")
}

/// `rule` started on `from` gives each of `expected` in turn (each one the start of the
/// next step, as when a task is completed again and again).
#[track_caller]
fn steps(rule: &str, from: &str, expected: &[&str]) {
    let parsed = Rule::parse(rule).unwrap_or_else(|e| panic!("{rule:?}: {e}"));
    let mut at = d(from);
    for want in expected {
        let next = parsed.next(at);
        assert_eq!(next, Some(d(want)), "{rule:?} after {at}");
        at = d(want);
    }
}

#[test]
fn documented_examples() {
    // Usage and "when done" examples.
    steps("every Sunday", "2021-04-25", &["2021-05-02"]);
    steps("every week", "2021-02-06", &["2021-02-13"]);
    steps("every week when done", "2022-02-13", &["2022-02-20"]);
    steps("every 2 weeks", "2021-10-30", &["2021-11-13"]);
    // Monthly pitfalls.
    steps(
        "every month on the last",
        "2022-01-31",
        &[
            "2022-02-28",
            "2022-03-31",
            "2022-04-30",
            "2022-05-31",
            "2022-06-30",
        ],
    );
    steps(
        "every month",
        "2021-10-31",
        &[
            "2021-11-30",
            "2021-12-30",
            "2022-01-30",
            "2022-02-28",
            "2022-03-28",
        ],
    );
    steps(
        "every month on the 31st",
        "2022-01-31",
        &["2022-03-31", "2022-05-31", "2022-07-31", "2022-08-31"],
    );
    steps(
        "every 3 months",
        "2022-01-31",
        &["2022-04-30", "2022-07-30"],
    );
    // The examples list (from Saturday 2026-11-21 unless said).
    steps("every 3 days", "2026-11-21", &["2026-11-24"]);
    steps("every 10 days when done", "2026-11-21", &["2026-12-01"]);
    steps("every weekday", "2026-11-20", &["2026-11-23", "2026-11-24"]);
    steps(
        "every week on Sunday",
        "2026-11-21",
        &["2026-11-22", "2026-11-29"],
    );
    steps(
        "every week on Tuesday, Friday",
        "2026-11-24",
        &["2026-11-27", "2026-12-01"],
    );
    steps("every 2 weeks", "2026-11-21", &["2026-12-05"]);
    steps(
        "every 3 weeks on Friday",
        "2026-11-16",
        &["2026-11-20", "2026-12-11"],
    );
    steps("every 2 months", "2026-11-21", &["2027-01-21"]);
    steps(
        "every month on the 1st",
        "2026-11-21",
        &["2026-12-01", "2027-01-01"],
    );
    steps(
        "every month on the last",
        "2026-11-21",
        &["2026-11-30", "2026-12-31"],
    );
    steps(
        "every month on the last Friday",
        "2026-11-21",
        &["2026-11-27", "2026-12-25"],
    );
    steps(
        "every month on the 2nd last Friday",
        "2026-11-21",
        &["2026-12-18", "2027-01-22"],
    );
    steps(
        "every 6 months on the 2nd Wednesday",
        "2026-11-21",
        &["2027-05-12", "2027-11-10"],
    );
    steps(
        "every January on the 15th",
        "2026-11-21",
        &["2027-01-15", "2028-01-15"],
    );
    steps(
        "every February on the last",
        "2026-11-21",
        &["2027-02-28", "2028-02-29"],
    );
    steps(
        "every April and December on the 1st and 24th",
        "2026-11-21",
        &["2026-12-01", "2026-12-24", "2027-04-01", "2027-04-24"],
    );
    steps("every year", "2026-11-21", &["2027-11-21"]);
}

#[test]
fn month_ends_and_leap_years() {
    steps("every month", "2022-01-31", &["2022-02-28"]);
    steps("every 2 months", "2023-12-31", &["2024-02-29"]);
    steps("every 2 years", "2024-02-29", &["2026-02-28"]);
    steps("every year", "2024-02-29", &["2025-02-28"]);
    steps("every 11 months", "2020-03-31", &["2021-02-28"]);
    steps("every 13 months", "2020-01-31", &["2021-02-28"]);
    steps(
        "every 2 months on the 31st",
        "2026-07-31",
        &["2027-01-31", "2027-03-31"],
    );
    steps("every month when done", "2026-01-31", &["2026-02-28"]);
    steps("every month on the 30th", "2028-01-30", &["2028-03-30"]);
    steps("every year on the last", "2026-11-21", &["2026-11-30"]);
}

#[test]
fn rules_the_plugin_accepts() {
    steps(
        "every month on the 2nd Tuesday",
        "2026-11-21",
        &["2026-12-08"],
    );
    steps(
        "every 3 weeks on Tuesday, Thursday",
        "2026-11-24",
        &["2026-11-26", "2026-12-15"],
    );
    // The library reads `weekend` as `week` and stops at the `end` it cannot read.
    steps("every weekend", "2026-11-21", &["2026-11-28"]);
    steps(
        "Every Mon, Wed and Fri",
        "2026-11-23",
        &["2026-11-25", "2026-11-27"],
    );
    steps(
        "every week on Monday and Friday",
        "2026-11-23",
        &["2026-11-27"],
    );
    steps("every day at 10", "2026-11-21", &["2026-11-22"]);
    steps("every hour", "2026-11-21", &["2026-11-22"]);
    steps("every 50 hours", "2026-11-21", &["2026-11-23"]);
    steps("every 2 weekdays", "2026-11-20", &["2026-11-30"]);
    steps("every year in March", "2026-11-21", &["2027-03-21"]);
    steps(
        "every month on the first Monday",
        "2026-11-21",
        &["2026-12-07"],
    );
    steps(
        "every year on the 3rd Sunday",
        "2026-11-21",
        &["2027-01-17"],
    );
    steps("every year on week 2", "2026-11-21", &["2027-01-11"]);
    steps(
        "every day when the sun shines",
        "2026-11-21",
        &["2026-11-22"],
    );
    steps("  EVERY   WEEK   WHEN DONE ", "2026-11-21", &["2026-11-28"]);
}

#[test]
fn when_done_is_read_from_the_end() {
    let rule = Rule::parse("every week on Monday when done").expect("rule");
    assert!(rule.when_done);
    assert_eq!(rule.weekdays, vec![(Weekday::Mon, 0)]);
    assert!(!Rule::parse("every week").expect("rule").when_done);
}

#[test]
fn rules_that_cannot_be_computed() {
    for text in [
        "",
        "every",
        "daily",
        "when done",
        "every other week",
        "every two weeks",
        "every 0 days",
        "every -1 days",
        "every fortnight",
        "every month on the 2nd.",
        "every day for 3 times",
        "every week until 2027",
        "every day at 25",
        "every 📅 day",
    ] {
        let got = Rule::parse(text);
        assert!(got.is_err(), "{text:?} parsed as {got:?}");
    }
    let msg = Rule::parse("every blue moon").unwrap_err();
    assert!(msg.contains("`every blue moon`"), "{msg}");
}

#[test]
fn a_day_that_never_comes_has_no_next_date() {
    let rule = Rule::parse("every February on the 30th").expect("rule");
    assert_eq!(rule.next(d("2026-01-01")), None);
    let huge = Rule::parse("every 4000000000 days").expect("rule");
    assert_eq!(huge.next(d("2026-01-01")), None);
}
