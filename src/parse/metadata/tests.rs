//! Tests of the metadata parser as a whole: one row per syntax and variant, exact spans,
//! values, descriptions and problems; multi-line tasks; a brute-force robustness sweep.

use super::{ParsedText, parse};
use crate::line_index::LineIndex;
use crate::model::{Effort, FieldKey as K, Metadata, Priority, Syntax as S};
use crate::parse::items;
use crate::problem::Severity;
use crate::span::Span;
use chrono::NaiveDate;

const PREFIX: &str = "- [ ] ";

/// Parse `text` as the one line of a task (`- [ ] ` before it, so offsets are absolute).
fn one(text: &str) -> (String, ParsedText) {
    let src = format!("{PREFIX}{text}\n");
    let seg = Span::new(PREFIX.len(), PREFIX.len() + text.len());
    let parsed = parse(&src, &[seg], &LineIndex::new(&src));
    (src, parsed)
}

type WantField = (K, S, &'static str, &'static str, bool);

#[track_caller]
fn check(text: &str, fields: &[WantField], description: &str) {
    let (src, got) = one(text);
    let got_fields: Vec<(K, S, &str, &str, bool)> = got
        .fields
        .iter()
        .map(|f| {
            (
                f.key,
                f.syntax,
                f.span.slice(&src),
                f.value.slice(&src),
                f.valid,
            )
        })
        .collect();
    assert_eq!(got_fields, fields, "fields of {text:?}");
    assert_eq!(got.description, description, "description of {text:?}");
}

#[test]
fn emoji_dates() {
    let rows: &[(&str, &[WantField], &str)] = &[
        (
            "Pay 📅 2026-11-23",
            &[(K::Due, S::Emoji, "📅 2026-11-23", "2026-11-23", true)],
            "Pay",
        ),
        (
            "📆 2026-11-23 rent",
            &[(K::Due, S::Emoji, "📆 2026-11-23", "2026-11-23", true)],
            "rent",
        ),
        (
            "🗓 2026-11-23",
            &[(K::Due, S::Emoji, "🗓 2026-11-23", "2026-11-23", true)],
            "",
        ),
        (
            "🗓\u{fe0f} 2026-11-23",
            &[(K::Due, S::Emoji, "🗓\u{fe0f} 2026-11-23", "2026-11-23", true)],
            "",
        ),
        (
            "📅\u{a0}2026-11-23",
            &[(K::Due, S::Emoji, "📅\u{a0}2026-11-23", "2026-11-23", true)],
            "",
        ),
        (
            "📅\u{fe0f}\u{a0}2026-11-23",
            &[(
                K::Due,
                S::Emoji,
                "📅\u{fe0f}\u{a0}2026-11-23",
                "2026-11-23",
                true,
            )],
            "",
        ),
        (
            "📅2026-11-23",
            &[(K::Due, S::Emoji, "📅2026-11-23", "2026-11-23", true)],
            "",
        ),
        (
            "📅 \t 2026-11-23",
            &[(K::Due, S::Emoji, "📅 \t 2026-11-23", "2026-11-23", true)],
            "",
        ),
        (
            "a ⏳ 2026-01-02 b",
            &[(K::Scheduled, S::Emoji, "⏳ 2026-01-02", "2026-01-02", true)],
            "a b",
        ),
        (
            "⌛ 2026-01-02",
            &[(K::Scheduled, S::Emoji, "⌛ 2026-01-02", "2026-01-02", true)],
            "",
        ),
        (
            "🛫 2026-01-03",
            &[(K::Start, S::Emoji, "🛫 2026-01-03", "2026-01-03", true)],
            "",
        ),
        (
            "➕ 2026-01-04",
            &[(K::Created, S::Emoji, "➕ 2026-01-04", "2026-01-04", true)],
            "",
        ),
        (
            "✅ 2026-01-05",
            &[(K::Done, S::Emoji, "✅ 2026-01-05", "2026-01-05", true)],
            "",
        ),
        (
            "❌ 2026-01-06",
            &[(K::Cancelled, S::Emoji, "❌ 2026-01-06", "2026-01-06", true)],
            "",
        ),
        (
            "Call Bob 📅 2026-11-23 about the contract",
            &[(K::Due, S::Emoji, "📅 2026-11-23", "2026-11-23", true)],
            "Call Bob about the contract",
        ),
        (
            "(📅 2026-11-23).",
            &[(K::Due, S::Emoji, "📅 2026-11-23", "2026-11-23", true)],
            "( ).",
        ),
        (
            "Pay📅 2026-11-23rent",
            &[(
                K::Due,
                S::Emoji,
                "📅 2026-11-23rent",
                "2026-11-23rent",
                false,
            )],
            "Pay📅 2026-11-23rent",
        ),
        (
            "📅 2026-11-23⏫",
            &[
                (K::Due, S::Emoji, "📅 2026-11-23", "2026-11-23", true),
                (K::Priority, S::Emoji, "⏫", "", true),
            ],
            "",
        ),
        // Invalid values: a field, marked invalid, its word taken out of the description.
        (
            "📅 2026-02-30 x",
            &[(K::Due, S::Emoji, "📅 2026-02-30", "2026-02-30", false)],
            "📅 2026-02-30 x",
        ),
        (
            "📅 tomorrow",
            &[(K::Due, S::Emoji, "📅 tomorrow", "tomorrow", false)],
            "📅 tomorrow",
        ),
        ("x 📅", &[(K::Due, S::Emoji, "📅", "", false)], "x 📅"),
        // A value never starts with another token (found by fuzzing `ike fix`, which
        // appends fields after the text: a swallowed field was appended on every run).
        (
            "x 📅 [followup:: 2026-11-24]",
            &[
                (K::Due, S::Emoji, "📅", "", false),
                (
                    K::Followup,
                    S::DataviewBracket,
                    "[followup:: 2026-11-24]",
                    "2026-11-24",
                    true,
                ),
            ],
            "x 📅",
        ),
        (
            "x 📅 #tag",
            &[
                (K::Due, S::Emoji, "📅", "", false),
                (K::Tag, S::Hashtag, "#tag", "tag", true),
            ],
            "x 📅 #tag",
        ),
        (
            "x 📅 `code`",
            &[(K::Due, S::Emoji, "📅", "", false)],
            "x 📅 `code`",
        ),
        (
            "📅\u{fe0f}  ⏫",
            &[
                (K::Due, S::Emoji, "📅\u{fe0f}", "", false),
                (K::Priority, S::Emoji, "⏫", "", true),
            ],
            "📅\u{fe0f}",
        ),
    ];
    for (text, fields, description) in rows {
        check(text, fields, description);
    }
}

#[test]
fn emoji_other_signifiers() {
    let rows: &[(&str, &[WantField], &str)] = &[
        (
            "Do 🔺 it",
            &[(K::Priority, S::Emoji, "🔺", "", true)],
            "Do it",
        ),
        ("⏫", &[(K::Priority, S::Emoji, "⏫", "", true)], ""),
        (
            "⏫\u{fe0f} x",
            &[(K::Priority, S::Emoji, "⏫\u{fe0f}", "", true)],
            "x",
        ),
        ("🔼", &[(K::Priority, S::Emoji, "🔼", "", true)], ""),
        ("🔽", &[(K::Priority, S::Emoji, "🔽", "", true)], ""),
        ("⏬", &[(K::Priority, S::Emoji, "⏬", "", true)], ""),
        (
            "Call⏫Bob",
            &[(K::Priority, S::Emoji, "⏫", "", true)],
            "Call Bob",
        ),
        (
            "Gym 🔁 every week on Monday 📅 2026-01-05",
            &[
                (
                    K::Recurrence,
                    S::Emoji,
                    "🔁 every week on Monday",
                    "every week on Monday",
                    true,
                ),
                (K::Due, S::Emoji, "📅 2026-01-05", "2026-01-05", true),
            ],
            "Gym",
        ),
        (
            "🔁\u{fe0f}every day when done  ",
            &[(
                K::Recurrence,
                S::Emoji,
                "🔁\u{fe0f}every day when done",
                "every day when done",
                true,
            )],
            "",
        ),
        (
            "🔁 every week [due:: 2026-01-01]",
            &[
                (K::Recurrence, S::Emoji, "🔁 every week", "every week", true),
                (
                    K::Due,
                    S::DataviewBracket,
                    "[due:: 2026-01-01]",
                    "2026-01-01",
                    true,
                ),
            ],
            "",
        ),
        (
            "🔁 every week #work @ann",
            &[
                (K::Recurrence, S::Emoji, "🔁 every week", "every week", true),
                (K::Tag, S::Hashtag, "#work", "work", true),
                (K::Assignee, S::Mention, "@ann", "ann", true),
            ],
            "#work @ann",
        ),
        (
            "🔁 every day `code`",
            &[(K::Recurrence, S::Emoji, "🔁 every day", "every day", true)],
            "`code`",
        ),
        (
            "🔁 ⏫",
            &[
                (K::Recurrence, S::Emoji, "🔁", "", false),
                (K::Priority, S::Emoji, "⏫", "", true),
            ],
            "🔁",
        ),
        (
            "🏁 keep",
            &[(K::OnCompletion, S::Emoji, "🏁 keep", "keep", true)],
            "",
        ),
        (
            "🏁 delete x",
            &[(K::OnCompletion, S::Emoji, "🏁 delete", "delete", true)],
            "x",
        ),
        (
            "🏁 maybe",
            &[(K::OnCompletion, S::Emoji, "🏁 maybe", "maybe", false)],
            "🏁 maybe",
        ),
        (
            "🆔 abc-1_X",
            &[(K::Id, S::Emoji, "🆔 abc-1_X", "abc-1_X", true)],
            "",
        ),
        ("🆔 abc.", &[(K::Id, S::Emoji, "🆔 abc", "abc", true)], "."),
        (
            "🆔 abç",
            &[(K::Id, S::Emoji, "🆔 abç", "abç", false)],
            "🆔 abç",
        ),
        (
            "⛔ a1,b2 x",
            &[(K::DependsOn, S::Emoji, "⛔ a1,b2", "a1,b2", true)],
            "x",
        ),
        (
            "⛔ a1, b2 , c3 x",
            &[(
                K::DependsOn,
                S::Emoji,
                "⛔ a1, b2 , c3",
                "a1, b2 , c3",
                true,
            )],
            "x",
        ),
        (
            "⛔ a1, then",
            &[(K::DependsOn, S::Emoji, "⛔ a1, then", "a1, then", true)],
            "",
        ),
        (
            "⛔ a1 , ",
            &[(K::DependsOn, S::Emoji, "⛔ a1", "a1", true)],
            ",",
        ),
        (
            "⛔ a1é",
            &[(K::DependsOn, S::Emoji, "⛔ a1é", "a1é", false)],
            "⛔ a1é",
        ),
        ("⛔", &[(K::DependsOn, S::Emoji, "⛔", "", false)], "⛔"),
    ];
    for (text, fields, description) in rows {
        check(text, fields, description);
    }
}

#[test]
fn dataview_fields() {
    let rows: &[(&str, &[WantField], &str)] = &[
        (
            "a [due:: 2026-01-01] b",
            &[(
                K::Due,
                S::DataviewBracket,
                "[due:: 2026-01-01]",
                "2026-01-01",
                true,
            )],
            "a b",
        ),
        (
            "a (due:: 2026-01-01) b",
            &[(
                K::Due,
                S::DataviewParen,
                "(due:: 2026-01-01)",
                "2026-01-01",
                true,
            )],
            "a b",
        ),
        (
            "[DUE:: 2026-01-01]",
            &[(
                K::Due,
                S::DataviewBracket,
                "[DUE:: 2026-01-01]",
                "2026-01-01",
                true,
            )],
            "",
        ),
        (
            "[ Due ::  2026-01-01\u{a0}]",
            &[(
                K::Due,
                S::DataviewBracket,
                "[ Due ::  2026-01-01\u{a0}]",
                "2026-01-01",
                true,
            )],
            "",
        ),
        (
            "x[due::2026-01-01]y",
            &[(
                K::Due,
                S::DataviewBracket,
                "[due::2026-01-01]",
                "2026-01-01",
                true,
            )],
            "x y",
        ),
        (
            "[scheduled:: 2026-01-02]",
            &[(
                K::Scheduled,
                S::DataviewBracket,
                "[scheduled:: 2026-01-02]",
                "2026-01-02",
                true,
            )],
            "",
        ),
        (
            "[start:: 2026-01-03]",
            &[(
                K::Start,
                S::DataviewBracket,
                "[start:: 2026-01-03]",
                "2026-01-03",
                true,
            )],
            "",
        ),
        (
            "[created:: 2026-01-04]",
            &[(
                K::Created,
                S::DataviewBracket,
                "[created:: 2026-01-04]",
                "2026-01-04",
                true,
            )],
            "",
        ),
        (
            "[completion:: 2026-01-05]",
            &[(
                K::Done,
                S::DataviewBracket,
                "[completion:: 2026-01-05]",
                "2026-01-05",
                true,
            )],
            "",
        ),
        (
            "[cancelled:: 2026-01-06]",
            &[(
                K::Cancelled,
                S::DataviewBracket,
                "[cancelled:: 2026-01-06]",
                "2026-01-06",
                true,
            )],
            "",
        ),
        (
            "[followup:: 2026-01-07]",
            &[(
                K::Followup,
                S::DataviewBracket,
                "[followup:: 2026-01-07]",
                "2026-01-07",
                true,
            )],
            "",
        ),
        (
            "[priority:: High]",
            &[(
                K::Priority,
                S::DataviewBracket,
                "[priority:: High]",
                "High",
                true,
            )],
            "",
        ),
        (
            "[repeat:: every week]",
            &[(
                K::Recurrence,
                S::DataviewBracket,
                "[repeat:: every week]",
                "every week",
                true,
            )],
            "",
        ),
        (
            "[onCompletion:: delete]",
            &[(
                K::OnCompletion,
                S::DataviewBracket,
                "[onCompletion:: delete]",
                "delete",
                true,
            )],
            "",
        ),
        (
            "(oncompletion:: keep)",
            &[(
                K::OnCompletion,
                S::DataviewParen,
                "(oncompletion:: keep)",
                "keep",
                true,
            )],
            "",
        ),
        (
            "[id:: x1]",
            &[(K::Id, S::DataviewBracket, "[id:: x1]", "x1", true)],
            "",
        ),
        (
            "[dependsOn:: a, b]",
            &[(
                K::DependsOn,
                S::DataviewBracket,
                "[dependsOn:: a, b]",
                "a, b",
                true,
            )],
            "",
        ),
        (
            "[assignee:: @bob]",
            &[(
                K::Assignee,
                S::DataviewBracket,
                "[assignee:: @bob]",
                "@bob",
                true,
            )],
            "",
        ),
        (
            "[effort:: non-value]",
            &[(
                K::Effort,
                S::DataviewBracket,
                "[effort:: non-value]",
                "non-value",
                true,
            )],
            "",
        ),
        (
            "[impact:: 7]",
            &[(K::Impact, S::DataviewBracket, "[impact:: 7]", "7", true)],
            "",
        ),
        (
            "[estimate:: 1.5h]",
            &[(
                K::Estimate,
                S::DataviewBracket,
                "[estimate:: 1.5h]",
                "1.5h",
                true,
            )],
            "",
        ),
        (
            "[urgent:: true]",
            &[(
                K::Urgent,
                S::DataviewBracket,
                "[urgent:: true]",
                "true",
                true,
            )],
            "",
        ),
        (
            "(important:: no)",
            &[(
                K::Important,
                S::DataviewParen,
                "(important:: no)",
                "no",
                true,
            )],
            "",
        ),
        (
            "(note [due:: 2026-01-01])",
            &[(
                K::Due,
                S::DataviewBracket,
                "[due:: 2026-01-01]",
                "2026-01-01",
                true,
            )],
            "(note )",
        ),
        (
            "(due:: 2026-01-01 (ok))",
            &[(
                K::Due,
                S::DataviewParen,
                "(due:: 2026-01-01 (ok))",
                "2026-01-01 (ok)",
                false,
            )],
            "(due:: 2026-01-01 (ok))",
        ),
        // Invalid values.
        (
            "[impact:: 12]",
            &[(K::Impact, S::DataviewBracket, "[impact:: 12]", "12", false)],
            "[impact:: 12]",
        ),
        (
            "[due:: tomorrow] x",
            &[(
                K::Due,
                S::DataviewBracket,
                "[due:: tomorrow]",
                "tomorrow",
                false,
            )],
            "[due:: tomorrow] x",
        ),
        (
            "[due::]",
            &[(K::Due, S::DataviewBracket, "[due::]", "", false)],
            "[due::]",
        ),
        // Not fields.
        ("[foo:: bar] x", &[], "[foo:: bar] x"),
        ("[[due:: 2026-01-01]]", &[], "[[due:: 2026-01-01]]"),
        ("[due:: 2026-01-01", &[], "[due:: 2026-01-01"),
        ("(due: 2026-01-01)", &[], "(due: 2026-01-01)"),
        ("[due 2026-01-01]", &[], "[due 2026-01-01]"),
    ];
    for (text, fields, description) in rows {
        check(text, fields, description);
    }
}

#[test]
fn plain_tokens() {
    let rows: &[(&str, &[WantField], &str)] = &[
        (
            "due:2026-01-05 x",
            &[(K::Due, S::Plain, "due:2026-01-05", "2026-01-05", true)],
            "x",
        ),
        (
            "x DUE:2026-01-05",
            &[(K::Due, S::Plain, "DUE:2026-01-05", "2026-01-05", true)],
            "x",
        ),
        (
            "Finish by due:2026-01-05.",
            &[(K::Due, S::Plain, "due:2026-01-05", "2026-01-05", true)],
            "Finish by .",
        ),
        (
            "scheduled:2026-01-02",
            &[(
                K::Scheduled,
                S::Plain,
                "scheduled:2026-01-02",
                "2026-01-02",
                true,
            )],
            "",
        ),
        (
            "start:2026-01-03",
            &[(K::Start, S::Plain, "start:2026-01-03", "2026-01-03", true)],
            "",
        ),
        (
            "followup:2026-01-07",
            &[(
                K::Followup,
                S::Plain,
                "followup:2026-01-07",
                "2026-01-07",
                true,
            )],
            "",
        ),
        (
            "assignee:bob",
            &[(K::Assignee, S::Plain, "assignee:bob", "bob", true)],
            "",
        ),
        (
            "checkin:weekly x",
            &[(K::Checkin, S::Plain, "checkin:weekly", "weekly", true)],
            "x",
        ),
        // A cadence of several words is not a plain value: it stays text.
        ("checkin:every 3 days", &[], "checkin:every 3 days"),
        (
            "[checkin:: every 3 days] (scalable:: true)",
            &[
                (
                    K::Checkin,
                    S::DataviewBracket,
                    "[checkin:: every 3 days]",
                    "every 3 days",
                    true,
                ),
                (
                    K::Scalable,
                    S::DataviewParen,
                    "(scalable:: true)",
                    "true",
                    true,
                ),
            ],
            "",
        ),
        (
            "effort:production",
            &[(K::Effort, S::Plain, "effort:production", "production", true)],
            "",
        ),
        (
            "Impact:7",
            &[(K::Impact, S::Plain, "Impact:7", "7", true)],
            "",
        ),
        (
            "estimate:30m",
            &[(K::Estimate, S::Plain, "estimate:30m", "30m", true)],
            "",
        ),
        (
            "\u{a0}due:2026-01-05",
            &[(K::Due, S::Plain, "due:2026-01-05", "2026-01-05", true)],
            "",
        ),
        // Ordinary text: no field, no problem.
        ("ratio 3:2", &[], "ratio 3:2"),
        ("due:tomorrow", &[], "due:tomorrow"),
        ("impact:12", &[], "impact:12"),
        ("due:2026-02-30", &[], "due:2026-02-30"),
        ("xdue:2026-01-05", &[], "xdue:2026-01-05"),
        ("(due:2026-01-05)", &[], "(due:2026-01-05)"),
        ("due::2026-01-05", &[], "due::2026-01-05"),
        ("due: 2026-01-05", &[], "due: 2026-01-05"),
        ("created:2026-01-05", &[], "created:2026-01-05"),
        (
            "estimate:30m📅",
            &[(K::Due, S::Emoji, "📅", "", false)],
            "estimate:30m📅",
        ),
    ];
    for (text, fields, description) in rows {
        check(text, fields, description);
    }
}

#[test]
fn tags_mentions_and_code() {
    let rows: &[(&str, &[WantField], &str)] = &[
        (
            "Fix #work now",
            &[(K::Tag, S::Hashtag, "#work", "work", true)],
            "Fix #work now",
        ),
        (
            "#a/b-c_d/",
            &[(K::Tag, S::Hashtag, "#a/b-c_d", "a/b-c_d", true)],
            "#a/b-c_d/",
        ),
        (
            "#été.",
            &[(K::Tag, S::Hashtag, "#été", "été", true)],
            "#été.",
        ),
        ("#1a", &[(K::Tag, S::Hashtag, "#1a", "1a", true)], "#1a"),
        ("#123 #/ # x#y", &[], "#123 #/ # x#y"),
        ("(#x)", &[], "(#x)"),
        (
            "@bob.",
            &[(K::Assignee, S::Mention, "@bob", "bob", true)],
            "@bob.",
        ),
        (
            "@j.doe-2",
            &[(K::Assignee, S::Mention, "@j.doe-2", "j.doe-2", true)],
            "@j.doe-2",
        ),
        ("mail a@b.com @ .", &[], "mail a@b.com @ ."),
        (
            "`📅 2026-01-01` 📅 2026-01-02",
            &[(K::Due, S::Emoji, "📅 2026-01-02", "2026-01-02", true)],
            "`📅 2026-01-01`",
        ),
        (
            "`#no [due:: 2026-01-01] @x` #yes",
            &[(K::Tag, S::Hashtag, "#yes", "yes", true)],
            "`#no [due:: 2026-01-01] @x` #yes",
        ),
        (
            "``a ` ⏫`` ⏬",
            &[(K::Priority, S::Emoji, "⏬", "", true)],
            "``a ` ⏫``",
        ),
        (
            "unclosed ` ⏫",
            &[(K::Priority, S::Emoji, "⏫", "", true)],
            "unclosed `",
        ),
    ];
    for (text, fields, description) in rows {
        check(text, fields, description);
    }
}

#[test]
fn mixed_syntaxes_in_any_order() {
    let rows: &[(&str, &[WantField], &str)] = &[
        (
            "⏫ Call [due:: 2026-01-01] Bob #work impact:7 @ann 🔁 every week",
            &[
                (K::Priority, S::Emoji, "⏫", "", true),
                (
                    K::Due,
                    S::DataviewBracket,
                    "[due:: 2026-01-01]",
                    "2026-01-01",
                    true,
                ),
                (K::Tag, S::Hashtag, "#work", "work", true),
                (K::Impact, S::Plain, "impact:7", "7", true),
                (K::Assignee, S::Mention, "@ann", "ann", true),
                (K::Recurrence, S::Emoji, "🔁 every week", "every week", true),
            ],
            "Call Bob #work @ann",
        ),
        (
            "estimate:2h (effort:: value) 🛫 2026-01-01 text ✅ 2026-01-02",
            &[
                (K::Estimate, S::Plain, "estimate:2h", "2h", true),
                (
                    K::Effort,
                    S::DataviewParen,
                    "(effort:: value)",
                    "value",
                    true,
                ),
                (K::Start, S::Emoji, "🛫 2026-01-01", "2026-01-01", true),
                (K::Done, S::Emoji, "✅ 2026-01-02", "2026-01-02", true),
            ],
            "text",
        ),
    ];
    for (text, fields, description) in rows {
        check(text, fields, description);
    }
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn metadata_values() {
    let rows: Vec<(&str, Metadata)> = vec![
        (
            "📅 2026-01-01 ⏳ 2026-01-02 🛫 2026-01-03 ➕ 2026-01-04 ✅ 2026-01-05 ❌ 2026-01-06",
            Metadata {
                due: date(2026, 1, 1),
                scheduled: date(2026, 1, 2),
                start: date(2026, 1, 3),
                created: date(2026, 1, 4),
                done: date(2026, 1, 5),
                cancelled: date(2026, 1, 6),
                ..Metadata::default()
            },
        ),
        (
            "⏬ 🔁 every week 🏁 Delete 🆔 t1 ⛔ a, b #x #X #y @ann",
            Metadata {
                priority: Some(Priority::Lowest),
                recurrence: Some("every week".into()),
                on_completion: Some("delete".into()),
                id: Some("t1".into()),
                depends_on: vec!["a".into(), "b".into()],
                tags: vec!["x".into(), "y".into()],
                assignee: Some("ann".into()),
                ..Metadata::default()
            },
        ),
        (
            "@ann [assignee:: @bob] [priority:: none] [effort:: Production] [impact:: 3] \
             [estimate:: 1d] [followup:: 2026-03-01] [urgent:: yes] [important:: false]",
            Metadata {
                assignee: Some("bob".into()),
                priority: Some(Priority::None),
                effort: Some(Effort::Production),
                impact: Some(3),
                estimate_minutes: Some(480),
                followup: date(2026, 3, 1),
                urgent: Some(true),
                important: Some(false),
                ..Metadata::default()
            },
        ),
        (
            "@ann @bob [dependsOn:: x]",
            Metadata {
                assignee: Some("ann".into()),
                depends_on: vec!["x".into()],
                ..Metadata::default()
            },
        ),
        // First valid value wins; invalid ones are ignored.
        (
            "📅 2026-02-30 📅 2026-01-01 [due:: 2026-02-02] 🔼 ⏫",
            Metadata {
                due: date(2026, 1, 1),
                priority: Some(Priority::Medium),
                ..Metadata::default()
            },
        ),
        ("[impact:: 12] 🏁 maybe due:tomorrow", Metadata::default()),
        (
            "#urgent #important",
            Metadata {
                tags: vec!["urgent".into(), "important".into()],
                ..Metadata::default()
            },
        ),
    ];
    for (text, want) in rows {
        assert_eq!(one(text).1.meta, want, "{text:?}");
    }
}

type WantProblem<'a> = (usize, usize, Severity, &'static str, &'a str);

#[test]
fn problems() {
    let rows: &[(&str, &[WantProblem<'static>])] = &[
        ("ok 📅 2026-01-01 due:tomorrow ratio 3:2", &[]),
        (
            "x 📅 2026-02-30",
            &[(
                1,
                11,
                Severity::Error,
                "invalid-date",
                "invalid due date `2026-02-30`: no such day in the calendar",
            )],
        ),
        (
            "⏳ tomorrow",
            &[(
                1,
                9,
                Severity::Error,
                "invalid-date",
                "invalid scheduled date `tomorrow`: expected YYYY-MM-DD",
            )],
        ),
        (
            "📅",
            &[(
                1,
                8,
                Severity::Error,
                "invalid-date",
                "missing date after 📅: expected YYYY-MM-DD",
            )],
        ),
        (
            "[impact:: 12]",
            &[(
                1,
                17,
                Severity::Error,
                "invalid-value",
                "invalid impact `12`: expected a whole number from 1 to 10",
            )],
        ),
        (
            "[due:: tomorrow]",
            &[(
                1,
                14,
                Severity::Error,
                "invalid-date",
                "invalid due date `tomorrow`: expected YYYY-MM-DD",
            )],
        ),
        (
            "🏁 maybe",
            &[(
                1,
                9,
                Severity::Error,
                "invalid-value",
                "invalid on-completion action `maybe`: expected keep or delete",
            )],
        ),
        (
            "🔁",
            &[(
                1,
                8,
                Severity::Error,
                "invalid-value",
                "missing recurrence rule after 🔁: expected e.g. `every week`",
            )],
        ),
        (
            "📅 2026-01-01 [due:: 2026-02-02]",
            &[(
                1,
                20,
                Severity::Warning,
                "duplicate-field",
                "duplicate due field `[due:: 2026-02-02]`: the one at line 1, column 7 is used; remove one",
            )],
        ),
        (
            "📅 2026-02-30 due:2026-01-01",
            &[(
                1,
                9,
                Severity::Error,
                "invalid-date",
                "invalid due date `2026-02-30`: no such day in the calendar",
            )],
        ),
        ("#a #a @x @y [assignee:: z]", &[]),
    ];
    for (text, want) in rows {
        let (_, parsed) = one(text);
        assert!(parsed.problems.iter().all(|p| p.path.is_empty()));
        let got: Vec<WantProblem> = parsed
            .problems
            .iter()
            .map(|p| {
                (
                    p.line,
                    p.column,
                    p.severity,
                    p.kind.code(),
                    p.message.as_str(),
                )
            })
            .collect();
        assert_eq!(got, *want, "{text:?}");
    }
}

#[test]
fn multi_line_tasks() {
    let src = "# H\n\n- [ ] Call Bob\n  about it 📅 2026-02-30 #x\n  ⏫ more [id:: t1]\n\n> - [ ] quoted\n> 🛫 2026-01-01 end\n";
    let index = LineIndex::new(src);
    let tasks = items::scan(src, 0);
    assert_eq!(tasks.len(), 2);

    let first = parse(src, &tasks[0].segments, &index);
    let fields: Vec<(K, &str, &str, bool)> = first
        .fields
        .iter()
        .map(|f| (f.key, f.span.slice(src), f.value.slice(src), f.valid))
        .collect();
    assert_eq!(
        fields,
        [
            (K::Due, "📅 2026-02-30", "2026-02-30", false),
            (K::Tag, "#x", "x", true),
            (K::Priority, "⏫", "", true),
            (K::Id, "[id:: t1]", "t1", true),
        ]
    );
    assert_eq!(first.description, "Call Bob about it 📅 2026-02-30 #x more");
    let at: Vec<(usize, usize)> = first.problems.iter().map(|p| (p.line, p.column)).collect();
    assert_eq!(at, [(4, 14)]);

    let second = parse(src, &tasks[1].segments, &index);
    assert_eq!(second.meta.start, date(2026, 1, 1));
    assert_eq!(second.description, "quoted end");
}

#[test]
fn code_span_across_lines() {
    // Segments made by hand: what items.rs should produce for a code span over two lines.
    let src = "- [ ] a `code\n  📅 2026-01-01` 📅 2026-01-02\n";
    let first = Span::new(6, 13);
    let second = Span::new(16, src.len() - 1);
    assert_eq!(second.slice(src), "📅 2026-01-01` 📅 2026-01-02");
    let parsed = parse(src, &[first, second], &LineIndex::new(src));
    let values: Vec<&str> = parsed.fields.iter().map(|f| f.value.slice(src)).collect();
    assert_eq!(values, ["2026-01-02"]);
    assert_eq!(parsed.description, "a `code 📅 2026-01-01`");
}

#[test]
fn segments_out_of_range_are_skipped() {
    let src = "- [ ] 📅 2026-01-01";
    let bad = [Span::new(7, 9), Span::new(40, 50), Span::new(6, src.len())];
    let parsed = parse(src, &bad, &LineIndex::new(src));
    assert_eq!(parsed.meta.due, date(2026, 1, 1));
    assert_eq!(parsed.description, "");
}

/// Every combination of up to three awkward pieces, and longer pseudo-random strings, on
/// one and on two lines: nothing panics, every span is on character boundaries inside its
/// segment, and the description is collapsed.
#[test]
fn awkward_inputs_never_break_spans() {
    const PIECES: [&str; 30] = [
        "📅",
        "\u{fe0f}",
        "⏫",
        "🔁",
        "⛔",
        "🆔",
        "🏁",
        "[",
        "]",
        "(",
        ")",
        "::",
        "due",
        ":",
        "#",
        "@",
        "`",
        "é",
        "日本",
        "\u{a0}",
        " ",
        "2026-01-01",
        ",",
        "\\",
        "a",
        "1",
        "/",
        ".",
        "impact:",
        "[[",
    ];
    let mut inputs: Vec<String> = Vec::new();
    for a in PIECES {
        for b in PIECES {
            for c in PIECES {
                inputs.push(format!("{a}{b}{c}"));
            }
        }
    }
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..20_000 {
        let mut s = String::new();
        for _ in 0..8 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            s.push_str(PIECES[(state >> 33) as usize % PIECES.len()]);
        }
        inputs.push(s);
    }
    for text in &inputs {
        let (src, parsed) = one(text);
        let seg = Span::new(PREFIX.len(), PREFIX.len() + text.len());
        assert_sound(&src, &[seg], &parsed);

        let src = format!("- [ ] {text}\n  {text}\n");
        let first = Span::new(6, 6 + text.len());
        let second = Span::new(first.end + 3, first.end + 3 + text.len());
        let parsed = parse(&src, &[first, second], &LineIndex::new(&src));
        assert_sound(&src, &[first, second], &parsed);
    }
}

#[track_caller]
fn assert_sound(src: &str, segments: &[Span], parsed: &ParsedText) {
    for f in &parsed.fields {
        let inside = segments
            .iter()
            .any(|s| s.start <= f.span.start && f.span.end <= s.end);
        assert!(inside, "{f:?} outside the segments of {src:?}");
        assert!(
            f.span.start <= f.value.start
                && f.value.start <= f.value.end
                && f.value.end <= f.span.end,
            "{f:?} value outside token in {src:?}"
        );
        for at in [f.span.start, f.span.end, f.value.start, f.value.end] {
            assert!(
                src.is_char_boundary(at),
                "{f:?} off a char boundary in {src:?}"
            );
        }
    }
    let d = &parsed.description;
    assert_eq!(d.trim(), d, "untrimmed description for {src:?}");
    assert!(!d.contains("  "), "uncollapsed description for {src:?}");
}

/// A signifier or field whose value is invalid stays in the description exactly as
/// written (and is reported); Templater expressions are never values nor metadata.
#[test]
fn invalid_values_stay_in_the_description() {
    // Text, description, and the problems as (column, message).
    type Row = (&'static str, &'static str, &'static [(usize, &'static str)]);
    let rows: &[Row] = &[
        (
            "Pay rent ⏳ [[2026-12-01]] before noon",
            "Pay rent ⏳ [[2026-12-01]] before noon",
            &[(
                18,
                "invalid scheduled date `[[2026-12-01]]`: expected YYYY-MM-DD",
            )],
        ),
        (
            "Water the plants 📅 <% tp.date.now(\"YYYY-MM-DD\") %>",
            "Water the plants 📅 <% tp.date.now(\"YYYY-MM-DD\") %>",
            &[(
                25,
                "after 📅: a Templater expression is not a due value (apply the template, or \
                 keep template files out of the scan with `exclude`)",
            )],
        ),
        (
            "x [due:: <% tp.date.now() %>] y",
            "x [due:: <% tp.date.now() %>] y",
            &[(
                16,
                "a Templater expression is not a due value (apply the template, or keep \
                 template files out of the scan with `exclude`)",
            )],
        ),
        (
            "a [due:: tomorrow] b",
            "a [due:: tomorrow] b",
            &[(16, "invalid due date `tomorrow`: expected YYYY-MM-DD")],
        ),
        (
            "a (impact:: 12) b",
            "a (impact:: 12) b",
            &[(
                19,
                "invalid impact `12`: expected a whole number from 1 to 10",
            )],
        ),
        // Plain `key:value` words with an invalid value are text, never reported.
        ("a due:tomorrow b", "a due:tomorrow b", &[]),
        (
            "🔁 📅 2026-01-01",
            "🔁",
            &[(
                8,
                "missing recurrence rule after 🔁: expected e.g. `every week`",
            )],
        ),
        // Inside a Templater expression nothing is metadata.
        (
            "<% \"#tag [due:: 2026-01-01] 📅 2026-01-01\" %> x",
            "<% \"#tag [due:: 2026-01-01] 📅 2026-01-01\" %> x",
            &[],
        ),
        ("<%* tR += \"⏫\" %> ⏫", "<%* tR += \"⏫\" %>", &[]),
    ];
    for (text, description, problems) in rows {
        let (_, parsed) = one(text);
        assert_eq!(parsed.description, *description, "{text:?}");
        let got: Vec<(usize, &str)> = parsed
            .problems
            .iter()
            .map(|p| (p.column, p.message.as_str()))
            .collect();
        assert_eq!(got, *problems, "{text:?}");
    }
    let (_, parsed) = one("<% \"#tag [due:: 2026-01-01]\" %> x");
    assert_eq!(parsed.fields, []);
    assert_eq!(parsed.meta, Metadata::default());
}

/// `^id` at the end of the first line is the block id: neither metadata nor description.
#[test]
fn block_ids() {
    let rows: &[(&str, Option<&str>, &str)] = &[
        (
            "Pay invoice 📅 2026-11-20 ^inv42",
            Some("^inv42"),
            "Pay invoice",
        ),
        ("^only", Some("^only"), ""),
        ("🔁 every week ^r1", Some("^r1"), ""),
        ("a ^bad_id", None, "a ^bad_id"),
        ("2^10 is 1024", None, "2^10 is 1024"),
        ("see [[n#^b1]]", None, "see [[n#^b1]]"),
    ];
    for (text, id, description) in rows {
        let (src, parsed) = one(text);
        assert_eq!(parsed.block_id.map(|s| s.slice(&src)), *id, "{text:?}");
        assert_eq!(parsed.description, *description, "{text:?}");
    }
    let (_, parsed) = one("🔁 every week ^r1");
    assert_eq!(parsed.meta.recurrence.as_deref(), Some("every week"));
}
