//! The text of a recurrence rule → its parts, read the way Obsidian Tasks reads it: the
//! words of the JavaScript `rrule` library's English rule language (`every 2 weeks on
//! Tuesday, Thursday`, `every January on the 15th`, `every month on the 2nd last Friday`),
//! with the same quirks: a word is the longest known prefix of what is left (`weekend`
//! reads as `week`), and reading stops silently at the first text that is no known word.
//! docs/fixes.md lists the grammar.

use super::{Frequency, Rule};
use chrono::Weekday;

/// The words of the rule language, in the library's order (a tie goes to the first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    Number(u32),
    NumberAsText,
    Every,
    Day,
    Weekday,
    Week,
    Hour,
    Minute,
    Month,
    Year,
    On,
    At,
    The,
    First,
    Second,
    Third,
    Nth(u32),
    Last,
    For,
    Times,
    Until,
    Day7(Weekday),
    MonthName(u32),
    Comma,
}

/// Length of the longest `parts[0] parts[1]? …` chain at the start of `s` (each later part
/// only after the one before it), or `None` when `parts[0]` is not there.
fn chain(s: &str, parts: &[&str]) -> Option<usize> {
    let mut len = 0;
    for (i, part) in parts.iter().enumerate() {
        if s[len..].starts_with(part) {
            len += part.len();
        } else if i == 0 {
            return None;
        } else {
            break;
        }
    }
    Some(len)
}

fn digits(s: &str) -> usize {
    match s.as_bytes().first() {
        Some(b'1'..=b'9') => s.bytes().take_while(u8::is_ascii_digit).count(),
        _ => 0,
    }
}

const WEEKDAYS: [(Weekday, &[&str]); 7] = [
    (Weekday::Mon, &["mo", "n", "day"]),
    (Weekday::Tue, &["tu", "e", "s", "day"]),
    (Weekday::Wed, &["we", "d", "n", "esday"]),
    (Weekday::Thu, &["th", "u", "r", "sday"]),
    (Weekday::Fri, &["fr", "i", "day"]),
    (Weekday::Sat, &["sa", "t", "urday"]),
    (Weekday::Sun, &["su", "n", "day"]),
];

const MONTHS: [&[&str]; 12] = [
    &["jan", "uary"],
    &["feb", "ruary"],
    &["mar", "ch"],
    &["apr", "il"],
    &["may"],
    &["jun", "e"],
    &["jul", "y"],
    &["aug", "ust"],
    &["sep", "t", "ember"],
    &["oct", "ober"],
    &["nov", "ember"],
    &["dec", "ember"],
];

/// The word at the start of `s` (lower case, no leading blank) and its length.
fn word(s: &str) -> Option<(Word, usize)> {
    let mut best: Option<(Word, usize)> = None;
    let mut offer = |w: Word, len: Option<usize>| {
        if let Some(len) = len.filter(|l| *l > 0) {
            if best.is_none_or(|(_, b)| len > b) {
                best = Some((w, len));
            }
        }
    };
    let n = digits(s);
    if n > 0 {
        let value = s[..n].parse().unwrap_or(u32::MAX);
        offer(Word::Number(value), Some(n));
    }
    let any = |options: &[&str]| options.iter().find(|o| s.starts_with(*o)).map(|o| o.len());
    let plural = |w: &str| any(&[&format!("{w}s"), w]);
    offer(Word::NumberAsText, any(&["one", "two", "three"]));
    offer(Word::Every, any(&["every"]));
    offer(Word::Day, plural("day"));
    offer(Word::Weekday, plural("weekday"));
    offer(Word::Week, plural("week"));
    offer(Word::Hour, plural("hour"));
    offer(Word::Minute, plural("minute"));
    offer(Word::Month, plural("month"));
    offer(Word::Year, plural("year"));
    offer(Word::On, any(&["on", "in"]));
    offer(Word::At, any(&["at"]));
    offer(Word::The, any(&["the"]));
    offer(Word::First, any(&["first"]));
    offer(Word::Second, any(&["second"]));
    offer(Word::Third, any(&["third"]));
    if n > 0 {
        let suffix = ["th", "nd", "rd", "st", "."]
            .iter()
            .find(|x| s[n..].starts_with(*x));
        if let Some(x) = suffix {
            offer(
                Word::Nth(s[..n].parse().unwrap_or(u32::MAX)),
                Some(n + x.len()),
            );
        }
    }
    offer(Word::Last, any(&["last"]));
    offer(Word::For, any(&["for"]));
    offer(Word::Times, plural("time"));
    offer(Word::Until, any(&["until", "til"]));
    for (day, parts) in WEEKDAYS {
        offer(Word::Day7(day), chain(s, parts));
    }
    for (i, parts) in (1..).zip(MONTHS) {
        offer(Word::MonthName(i), chain(s, parts));
    }
    // `,` and `and` / `or`, each with the blanks after it, any number of them.
    let mut comma = 0;
    loop {
        let rest = &s[comma..];
        let len = if rest.starts_with(',') {
            1
        } else if rest.starts_with("and") || rest.starts_with("or") {
            if rest.starts_with('a') { 3 } else { 2 }
        } else {
            break;
        };
        comma += len;
        comma += s[comma..].len() - s[comma..].trim_start().len();
    }
    offer(Word::Comma, Some(comma));
    best
}

/// What a rule text says, before defaults from its start date.
#[derive(Debug, Default)]
struct Parts {
    frequency: Option<Frequency>,
    interval: Option<u32>,
    weekdays: Option<Vec<(Weekday, i32)>>,
    month_days: Option<Vec<i32>>,
    months: Option<Vec<u32>>,
    week_numbers: Option<Vec<u32>>,
    hours: Option<Vec<u32>>,
    bounded: bool,
}

/// The reader: the word under the cursor, as the library's tokenizer gives it.
struct Reader<'a> {
    rest: &'a str,
    word: Option<Word>,
    done: bool,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        let mut r = Self {
            rest: text,
            word: None,
            done: false,
        };
        r.next();
        r
    }

    /// Move to the next word; false at the end or at text that is no word.
    fn next(&mut self) -> bool {
        self.word = None;
        if self.done {
            return false;
        }
        self.rest = self.rest.trim_start();
        if self.rest.is_empty() {
            self.done = true;
            return false;
        }
        match word(self.rest) {
            Some((w, len)) => {
                self.rest = &self.rest[len..];
                if self.rest.trim_start().is_empty() {
                    self.done = true;
                }
                self.word = Some(w);
                true
            }
            None => {
                self.done = true;
                false
            }
        }
    }

    fn accept(&mut self, w: Word) -> bool {
        if self.word == Some(w) {
            self.next();
            true
        } else {
            false
        }
    }

    fn number(&mut self) -> Option<u32> {
        match self.word {
            Some(Word::Number(n)) => {
                self.next();
                Some(n)
            }
            _ => None,
        }
    }

    fn is_done(&self) -> bool {
        self.done && self.word.is_none()
    }

    fn weekday(&self) -> Option<Weekday> {
        match self.word {
            Some(Word::Day7(d)) => Some(d),
            _ => None,
        }
    }

    fn month(&self) -> Option<u32> {
        match self.word {
            Some(Word::MonthName(m)) => Some(m),
            _ => None,
        }
    }

    /// `last`, `first`, `2nd`, `2nd last`, … (moves past it); `Err` when out of range.
    fn nth(&mut self) -> Result<Option<i32>, String> {
        let n = match self.word {
            Some(Word::Last) => {
                self.next();
                return Ok(Some(-1));
            }
            Some(Word::First) => {
                self.next();
                return Ok(Some(1));
            }
            Some(Word::Second) => 2,
            Some(Word::Third) => 3,
            Some(Word::Nth(n)) if n <= 366 => n as i32,
            Some(Word::Nth(n)) => return Err(format!("{n} is out of range")),
            _ => return Ok(None),
        };
        self.next();
        Ok(Some(if self.accept(Word::Last) { -n } else { n }))
    }
}

const WORKDAYS: [Weekday; 5] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];

/// Read a rule text. `Err` says why it is not a rule Obsidian Tasks reads.
pub(super) fn read(text: &str) -> Result<Rule, String> {
    let text = text.trim();
    if text.is_empty()
        || !text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ',' | ' ' | '!'))
    {
        return Err("only letters, digits, spaces and commas may be in a rule".to_owned());
    }
    let lower = text.to_ascii_lowercase();
    let (body, when_done) = match lower.strip_suffix(" when done") {
        Some(body) if !body.trim().is_empty() => (body.trim(), true),
        _ => (lower.as_str(), false),
    };
    let mut parts = Parts::default();
    sentence(&mut Reader::new(body), &mut parts)?;
    if parts.bounded {
        return Err(
            "`for N times` and `until` are not supported by Obsidian Tasks' recurrence".to_owned(),
        );
    }
    if parts.hours.iter().flatten().any(|h| *h > 23) {
        return Err("an hour after `at` must be 0–23".to_owned());
    }
    let frequency = parts.frequency.ok_or("no frequency")?;
    let interval = parts.interval.unwrap_or(1);
    Ok(Rule {
        frequency,
        interval,
        weekdays: parts.weekdays.unwrap_or_default(),
        month_days: parts.month_days.unwrap_or_default(),
        months: parts.months.unwrap_or_default(),
        week_numbers: parts.week_numbers.unwrap_or_default(),
        when_done,
    })
}

fn sentence(r: &mut Reader<'_>, p: &mut Parts) -> Result<(), String> {
    if !r.accept(Word::Every) {
        return Err("a rule starts with `every`".to_owned());
    }
    if let Some(n) = r.number() {
        p.interval = Some(n);
    }
    if r.is_done() {
        return Err(
            "no number, unit, weekday or month that the rule language knows after `every`"
                .to_owned(),
        );
    }
    let unit = |f| Some(f);
    match r.word {
        Some(Word::Day) => {
            p.frequency = unit(Frequency::Daily);
            if r.next() {
                at(r, p)?;
                bound(r, p);
            }
        }
        Some(Word::Weekday) => {
            p.frequency = unit(Frequency::Weekly);
            p.weekdays = Some(WORKDAYS.iter().map(|d| (*d, 0)).collect());
            r.next();
            at(r, p)?;
            bound(r, p);
        }
        Some(w @ (Word::Week | Word::Hour | Word::Minute | Word::Month | Word::Year)) => {
            p.frequency = unit(match w {
                Word::Week => Frequency::Weekly,
                Word::Hour => Frequency::Hourly,
                Word::Minute => Frequency::Minutely,
                Word::Month => Frequency::Monthly,
                _ => Frequency::Yearly,
            });
            if r.next() {
                on(r, p)?;
                bound(r, p);
            }
        }
        Some(Word::Day7(day)) => {
            p.frequency = unit(Frequency::Weekly);
            let mut days = vec![(day, 0)];
            if r.next() {
                while r.accept(Word::Comma) {
                    if r.is_done() {
                        return Err("the rule ends after a comma".to_owned());
                    }
                    days.push((r.weekday().ok_or("expected a weekday")?, 0));
                    r.next();
                }
                p.weekdays = Some(days);
                at(r, p)?;
                month_days(r, p)?;
                bound(r, p);
            } else {
                p.weekdays = Some(days);
            }
        }
        Some(Word::MonthName(m)) => {
            p.frequency = unit(Frequency::Yearly);
            let mut months = vec![m];
            if r.next() {
                while r.accept(Word::Comma) {
                    if r.is_done() {
                        return Err("the rule ends after a comma".to_owned());
                    }
                    months.push(r.month().ok_or("expected a month")?);
                    r.next();
                }
                p.months = Some(months);
                on(r, p)?;
                bound(r, p);
            } else {
                p.months = Some(months);
            }
        }
        _ => {
            return Err(
                "expected a unit (day, week, month, year), a weekday or a month".to_owned(),
            );
        }
    }
    Ok(())
}

/// `on the 2nd Tuesday, the last`, `in January`, `on weekdays`, `on week 5`.
fn on(r: &mut Reader<'_>, p: &mut Parts) -> Result<(), String> {
    let on = r.accept(Word::On);
    let the = r.accept(Word::The);
    if !(on || the) {
        return Ok(());
    }
    loop {
        let nth = r.nth()?;
        let weekday = r.weekday();
        let month = r.month();
        if let Some(nth) = nth {
            if let Some(day) = weekday {
                r.next();
                p.weekdays.get_or_insert_with(Vec::new).push((day, nth));
            } else {
                p.month_days.get_or_insert_with(Vec::new).push(nth);
                r.accept(Word::Day);
            }
        } else if let Some(day) = weekday {
            r.next();
            p.weekdays.get_or_insert_with(Vec::new).push((day, 0));
        } else if r.word == Some(Word::Weekday) {
            r.next();
            p.weekdays
                .get_or_insert_with(|| WORKDAYS.iter().map(|d| (*d, 0)).collect());
        } else if r.word == Some(Word::Week) {
            r.next();
            let mut weeks = vec![r.number().ok_or("expected a week number")?];
            while r.accept(Word::Comma) {
                weeks.push(r.number().ok_or("expected a week number")?);
            }
            p.week_numbers = Some(weeks);
        } else if let Some(m) = month {
            r.next();
            p.months.get_or_insert_with(Vec::new).push(m);
        } else {
            return Ok(());
        }
        if !(r.accept(Word::Comma) || r.accept(Word::The) || r.accept(Word::On)) {
            return Ok(());
        }
    }
}

/// `at 9, 17` (hours: they do not move dates).
fn at(r: &mut Reader<'_>, p: &mut Parts) -> Result<(), String> {
    if !r.accept(Word::At) {
        return Ok(());
    }
    loop {
        let mut hours = vec![r.number().ok_or("expected an hour")?];
        while r.accept(Word::Comma) {
            hours.push(r.number().ok_or("expected an hour")?);
        }
        p.hours = Some(hours);
        if !(r.accept(Word::Comma) || r.accept(Word::At)) {
            return Ok(());
        }
    }
}

/// Days of the month after a weekday list (`every Monday on the 1st`). Like the library,
/// one word after the first day is skipped.
fn month_days(r: &mut Reader<'_>, p: &mut Parts) -> Result<(), String> {
    r.accept(Word::On);
    r.accept(Word::The);
    let Some(first) = r.nth()? else {
        return Ok(());
    };
    let mut days = vec![first];
    r.next();
    while r.accept(Word::Comma) {
        days.push(r.nth()?.ok_or("expected a day of the month")?);
        r.next();
    }
    p.month_days = Some(days);
    Ok(())
}

/// `for N times` and `until DATE`: read, then refused.
fn bound(r: &mut Reader<'_>, p: &mut Parts) {
    if r.word == Some(Word::Until) || r.accept(Word::For) {
        p.bounded = true;
    }
}
