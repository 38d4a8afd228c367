//! A date as the table shows it (`2026-11-21`), its digits written directly: a table of
//! many rows writes one a row, and chrono's formatter costs about ten times as much.

use chrono::{Datelike, NaiveDate};
use std::fmt::Write;

/// Append `date` to `out` exactly as chrono's `Display` writes it: `YYYY-MM-DD` for the
/// years 0 to 9999, and chrono's own signed form for any other year.
pub(crate) fn push_iso_date(out: &mut String, date: NaiveDate) {
    let year = date.year();
    let Ok(year @ 0..=9999) = u32::try_from(year) else {
        let _ = write!(out, "{date}");
        return;
    };
    let digits = |n: u32| char::from(b'0' + (n % 10) as u8);
    out.extend([
        digits(year / 1000),
        digits(year / 100),
        digits(year / 10),
        digits(year),
        '-',
        digits(date.month() / 10),
        digits(date.month()),
        '-',
        digits(date.day() / 10),
        digits(date.day()),
    ]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(year: i32, month: u32, day: u32, want: &str) {
        let date = NaiveDate::from_ymd_opt(year, month, day).expect("a real day");
        let mut got = String::from("x");
        push_iso_date(&mut got, date);
        assert_eq!(got, format!("x{want}"), "{year}-{month}-{day}");
        assert_eq!(
            got,
            format!("x{date}"),
            "chrono's spelling of {year}-{month}-{day}"
        );
    }

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        check(2026, 11, 21, "2026-11-21");
        check(2026, 1, 9, "2026-01-09");
        check(1999, 12, 31, "1999-12-31");
        check(2000, 2, 29, "2000-02-29");
        check(999, 10, 1, "0999-10-01");
        check(42, 3, 4, "0042-03-04");
        check(7, 5, 6, "0007-05-06");
        check(0, 1, 1, "0000-01-01");
        check(9999, 12, 31, "9999-12-31");
        check(10000, 1, 1, "+10000-01-01");
        check(-1, 12, 31, "-0001-12-31");
        check(-12345, 6, 7, "-12345-06-07");
    }

    /// Every day of a few centuries, against chrono.
    #[test]
    fn every_day_matches_chrono() {
        let mut day = NaiveDate::from_ymd_opt(1899, 12, 25).expect("a real day");
        let end = NaiveDate::from_ymd_opt(2101, 1, 3).expect("a real day");
        let mut got = String::new();
        while day <= end {
            got.clear();
            push_iso_date(&mut got, day);
            assert_eq!(got, day.to_string());
            day = day.succ_opt().expect("a next day");
        }
    }
}
