//! Vocabulary and dates for generated notes. Every word is plain ASCII letters or a
//! harmless token, so no generated line can start a Markdown block by accident.

use crate::rng::Rng;

/// Task verbs.
pub(crate) const VERBS: &[&str] = &[
    "Draft", "Review", "Send", "Call", "Fix", "Plan", "Write", "Update", "Check", "Book",
    "Prepare", "Clean", "Refactor", "Invoice", "Email", "Schedule", "Test", "Ship", "Read",
    "Sketch", "Measure", "Renew", "Order", "Archive", "Migrate", "Document", "Outline",
];

/// Task objects.
pub(crate) const OBJECTS: &[&str] = &[
    "the quarterly report",
    "the budget sheet",
    "onboarding notes",
    "the release checklist",
    "the landing page",
    "tax documents",
    "the offsite agenda",
    "customer feedback",
    "the API docs",
    "the backup script",
    "the team newsletter",
    "dentist appointment",
    "the grant proposal",
    "flight tickets",
    "the hiring plan",
    "the data pipeline",
    "meeting minutes",
    "the roadmap",
    "the contract draft",
    "slides for Monday",
    "the garden shed",
    "insurance renewal",
    "the reading list",
    "the style guide",
];

/// Filler words for prose and task tails.
pub(crate) const WORDS: &[&str] = &[
    "about",
    "after",
    "again",
    "before",
    "between",
    "carefully",
    "client",
    "draft",
    "early",
    "every",
    "final",
    "first",
    "follow",
    "from",
    "group",
    "idea",
    "inbox",
    "later",
    "maybe",
    "meeting",
    "month",
    "notes",
    "other",
    "outline",
    "project",
    "quickly",
    "really",
    "second",
    "simple",
    "small",
    "still",
    "summary",
    "team",
    "their",
    "things",
    "through",
    "today",
    "under",
    "until",
    "value",
    "weekly",
    "while",
    "with",
    "without",
    "worth",
    "write",
    "year",
    "review",
    "context",
    "details",
];

/// Capitalised words that may start a prose line.
pub(crate) const STARTERS: &[&str] = &[
    "The",
    "This",
    "We",
    "Our",
    "Some",
    "Most",
    "After",
    "Before",
    "Today",
    "Later",
    "Then",
    "Also",
    "Meanwhile",
    "However",
    "Notes",
    "Ideas",
    "Everyone",
    "Nobody",
];

/// People.
pub(crate) const NAMES: &[&str] = &[
    "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
];

/// Tags (without `#`).
pub(crate) const TAGS: &[&str] = &[
    "work",
    "home",
    "errand",
    "finance",
    "health",
    "q4",
    "writing",
    "admin",
    "deep-work",
    "project/apollo",
    "project/zephyr",
    "someday",
    "waiting",
    "urgent",
    "important",
];

/// Project names.
pub(crate) const PROJECTS: &[&str] = &[
    "Apollo",
    "Zephyr",
    "Household",
    "Garden",
    "Thesis",
    "Hiring",
];

/// Effort kinds.
pub(crate) const EFFORTS: &[&str] = &["production", "non-production", "value", "non-value"];

/// Priority names.
pub(crate) const PRIORITIES: &[&str] = &["highest", "high", "medium", "low", "lowest", "none"];

/// Estimates.
pub(crate) const ESTIMATES: &[&str] = &["15m", "30m", "45m", "1h", "1.5h", "2h", "3h", "1d"];

/// Recurrence rules.
pub(crate) const RECURRENCES: &[&str] =
    &["every day", "every week", "every month", "every 2 weeks"];

/// Code languages for fences.
pub(crate) const LANGS: &[&str] = &["markdown", "md", "text", "rust", "python", "sh", ""];

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `YYYY-MM-DD` of a day number.
pub(crate) fn civil(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The reference day of generated vaults: 2026-11-21.
pub(crate) fn reference_day() -> i64 {
    days_from_civil(2026, 11, 21)
}

/// A date around the reference day: overdue, near or far.
pub(crate) fn date(rng: &mut Rng) -> String {
    let offset = match rng.weighted(&[30, 35, 35]) {
        0 => -(rng.range(1, 90) as i64),
        1 => rng.range(0, 14) as i64,
        _ => rng.range(15, 240) as i64,
    };
    civil(reference_day() + offset)
}

/// A date before the reference day (for created/done/cancelled).
pub(crate) fn past_date(rng: &mut Rng) -> String {
    civil(reference_day() - rng.range(0, 120) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(y: i64, m: i64, d: i64, want: &str) {
        let days = days_from_civil(y, m, d);
        assert_eq!(civil(days), want);
    }

    #[test]
    fn civil_dates_round_trip() {
        let rows = [
            (1970, 1, 1, "1970-01-01"),
            (2026, 11, 21, "2026-11-21"),
            (2024, 2, 29, "2024-02-29"),
            (2026, 12, 31, "2026-12-31"),
            (2000, 3, 1, "2000-03-01"),
        ];
        for (y, m, d, want) in rows {
            check(y, m, d, want);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil(reference_day() + 10), "2026-12-01");
    }
}
