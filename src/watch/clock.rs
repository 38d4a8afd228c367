//! The watcher's only source of "what day is it": an injectable clock, so that the
//! midnight rebuild can be tested without waiting for midnight.

use chrono::{Local, NaiveDate};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Tells the watch loop the date and how long it may sleep before asking again.
pub trait Clock: Send {
    /// The local date now.
    fn today(&self) -> NaiveDate;
    /// How long the loop may wait for events before asking [`Clock::today`] again;
    /// `None` when the date never changes.
    fn next_check(&self) -> Option<Duration>;
}

/// The longest sleep before the system clock is asked again. Capped so that a suspended
/// laptop, a changed time zone or a clock set by hand are noticed within a minute.
const MAX_SLEEP: Duration = Duration::from_secs(60);

/// The local wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn today(&self) -> NaiveDate {
        Local::now().date_naive()
    }

    fn next_check(&self) -> Option<Duration> {
        let now = Local::now().naive_local();
        let midnight = now
            .date()
            .succ_opt()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or(now);
        // A few milliseconds past midnight, so that `today` has surely moved on.
        let until = (midnight - now).to_std().unwrap_or(Duration::ZERO) + Duration::from_millis(5);
        Some(until.min(MAX_SLEEP))
    }
}

/// A date that never changes (`--today`).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub NaiveDate);

impl Clock for FixedClock {
    fn today(&self) -> NaiveDate {
        self.0
    }

    fn next_check(&self) -> Option<Duration> {
        None
    }
}

/// A clock moved by hand, for tests: clones share the date.
#[derive(Debug, Clone)]
pub struct ManualClock {
    date: Arc<Mutex<NaiveDate>>,
    poll: Duration,
}

impl ManualClock {
    /// A clock showing `date`; the loop asks it again every 10 ms.
    pub fn new(date: NaiveDate) -> Self {
        Self {
            date: Arc::new(Mutex::new(date)),
            poll: Duration::from_millis(10),
        }
    }

    /// Move the clock to `date`.
    pub fn set(&self, date: NaiveDate) {
        // A poisoned lock only means a test thread panicked: the date is still usable.
        let mut guard = self.date.lock().unwrap_or_else(|e| e.into_inner());
        *guard = date;
    }
}

impl Clock for ManualClock {
    fn today(&self) -> NaiveDate {
        *self.date.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn next_check(&self) -> Option<Duration> {
        Some(self.poll)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        crate::parse::value::date(s).expect("date")
    }

    #[test]
    fn clocks() {
        let fixed = FixedClock(date("2026-01-02"));
        assert_eq!(fixed.today(), date("2026-01-02"));
        assert_eq!(fixed.next_check(), None);

        let manual = ManualClock::new(date("2026-01-02"));
        let shared = manual.clone();
        shared.set(date("2026-01-03"));
        assert_eq!(manual.today(), date("2026-01-03"));
        assert_eq!(manual.next_check(), Some(Duration::from_millis(10)));

        let sleep = SystemClock.next_check().expect("system clock sleeps");
        assert!(sleep <= MAX_SLEEP, "{sleep:?}");
    }
}
