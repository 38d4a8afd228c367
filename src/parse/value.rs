//! Parsers for metadata values shared by task fields and front matter: dates, durations,
//! impact, booleans. Each returns `Err(message)` saying what a valid value looks like.

use chrono::NaiveDate;

/// Parse a strict `YYYY-MM-DD` date that exists in the calendar.
pub fn date(s: &str) -> Result<NaiveDate, String> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return Err(format!("invalid date `{s}`: expected YYYY-MM-DD"));
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    NaiveDate::from_ymd_opt(num(0..4) as i32, num(5..7), num(8..10))
        .ok_or_else(|| format!("invalid date `{s}`: no such day in the calendar"))
}

/// Parse a duration (`30m`, `2h`, `1.5h`, `1h30m`, `1d` = 8h, `90` = minutes) into minutes.
pub fn duration_minutes(s: &str) -> Result<u32, String> {
    let err = || format!("invalid estimate `{s}`: expected a duration like 30m, 2h, 1.5h or 1d");
    let t = s.trim().to_ascii_lowercase();
    if t.is_empty() {
        return Err(err());
    }
    if let Ok(minutes) = t.parse::<u32>() {
        return if minutes > 0 { Ok(minutes) } else { Err(err()) };
    }
    let mut total = 0.0_f64;
    let mut rest = t.as_str();
    while !rest.is_empty() {
        let n = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(err)?;
        let value: f64 = rest[..n].parse().map_err(|_| err())?;
        rest = &rest[n..];
        let u = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let per = match &rest[..u] {
            "m" | "min" | "mins" | "minute" | "minutes" => 1.0,
            "h" | "hr" | "hrs" | "hour" | "hours" => 60.0,
            "d" | "day" | "days" => 480.0,
            _ => return Err(err()),
        };
        total += value * per;
        rest = &rest[u..];
    }
    if !(total.is_finite() && total > 0.0 && total < f64::from(u32::MAX)) {
        return Err(err());
    }
    Ok(total.round() as u32)
}

/// Parse an impact, a whole number from 1 to 10.
pub fn impact(s: &str) -> Result<u8, String> {
    match s.trim().parse::<u8>() {
        Ok(n @ 1..=10) => Ok(n),
        _ => Err(format!(
            "invalid impact `{s}`: expected a whole number from 1 to 10"
        )),
    }
}

/// Parse `true`/`false` (also `yes`/`no`), any case.
pub fn boolean(s: &str) -> Result<bool, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" => Ok(true),
        "false" | "no" => Ok(false),
        _ => Err(format!("invalid flag `{s}`: expected true or false")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check<T: PartialEq + std::fmt::Debug>(got: Result<T, String>, want: Option<T>) {
        assert_eq!(got.ok(), want);
    }

    #[test]
    fn dates() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        let rows = [
            ("2026-11-21", d(2026, 11, 21)),
            ("2024-02-29", d(2024, 2, 29)),
            ("2026-02-29", None),
            ("2026-02-30", None),
            ("2026-13-01", None),
            ("2026-1-01", None),
            ("26-11-21", None),
            ("2026/11/21", None),
            ("２０２６-11-21", None),
            ("", None),
        ];
        for (input, want) in rows {
            check(date(input), want);
        }
    }

    #[test]
    fn durations() {
        let rows = [
            ("30m", Some(30)),
            ("2h", Some(120)),
            ("1.5h", Some(90)),
            ("1h30m", Some(90)),
            ("1d", Some(480)),
            ("45", Some(45)),
            ("2 h", None),
            ("h", None),
            ("0m", None),
            ("0", None),
            ("-1h", None),
            ("1w", None),
            ("", None),
        ];
        for (input, want) in rows {
            check(duration_minutes(input), want);
        }
    }

    #[test]
    fn impacts_and_flags() {
        check(impact("7"), Some(7));
        check(impact("10"), Some(10));
        check(impact("0"), None);
        check(impact("11"), None);
        check(impact("12"), None);
        check(impact("x"), None);
        check(boolean("TRUE"), Some(true));
        check(boolean("no"), Some(false));
        check(boolean("maybe"), None);
    }
}
