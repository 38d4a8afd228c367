//! Properties of parse → plan → apply over generated documents: every fix is an insertion
//! and the bytes around insertions are the original's; a second run changes nothing; a
//! re-parse finds the same tasks plus the inserted occurrences.

use super::today;
use crate::edit::apply;
use crate::fix::{DefaultSyntax, FixKind, FixSettings, plan, plan_archive};
use crate::model::Document;
use crate::parse::{ParseOptions, parse_document};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "Gym",
    "pay rent",
    "a`b",
    "`code 📅 2026-01-01`",
    "[",
    "(",
    "]",
    "#tag",
    "#urgent",
    "@ann",
    "@me",
    "x:y",
    "due:2026-11-20",
    "📅 2026-11-20",
    "📅 2026-01-31",
    "📅 2026-02-30",
    "⏳ 2026-11-18",
    "🛫 2028-02-29",
    "➕ 2026-11-01",
    "✅ 2026-11-20",
    "✅ 2026-01-01",
    "✅ nope",
    "❌ 2026-11-19",
    "⏫",
    "🔽",
    "🆔 abc",
    "⛔ abc,def",
    "🏁 delete",
    "🔁 every day",
    "🔁 every week on Monday, Friday",
    "🔁 every month",
    "🔁 every month on the last",
    "🔁 every 2 weeks when done",
    "🔁 every blue moon",
    "🔁",
    "[repeat:: every weekday]",
    "(repeat:: every year)",
    "[due:: 2026-11-20]",
    "(scheduled:: 2026-01-31)",
    "[completion:: 2026-11-01]",
    "[cancelled:: 2026-11-01]",
    "[id:: q]",
    "[dependsOn:: q]",
    "[assignee:: bob]",
    "(followup:: 2026-11-22)",
    "[priority:: high]",
    "<b>x</b>",
    "**bold**",
    "[link](http://x.y)",
    "\\",
    "\u{a0}",
    "~~strike~~",
    "*em",
    "<",
    "![img](x.png)",
    "[[wiki link]]",
    "%%comment%%",
    "$x$",
    "_",
    "\\[",
    "📅\u{fe0f} 2026-11-20",
    "🔁\u{a0}every day",
    "⏳\u{a0}2026-01-31",
    "🔁 every month on the 31st",
    "🔁 Every Week On Sunday When Done",
    "[repeat:: every 2 months on the last]",
];

const OTHER_LINES: &[&str] = &[
    "",
    "",
    "text",
    "# Heading",
    "```",
    "---",
    "> quote",
    "    code",
    "- plain item",
    "<!--",
    "-->",
    "===",
];

fn text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(PIECES), 0..6),
        prop::sample::select(&[" ", "  ", "\t"][..]),
    )
        .prop_map(|(pieces, sep)| pieces.join(sep))
}

fn task_line() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&["", "  ", "    ", "\t", " "][..]),
        prop::sample::select(&["", "> ", ">", "> > "][..]),
        prop::sample::select(&["-", "*", "+", "1.", "2)", "- -"][..]),
        prop::sample::select(&[" ", "\t", "  "][..]),
        prop::sample::select(&[' ', 'x', 'X', '-', '/', '?'][..]),
        prop::sample::select(&["", " ", "\t"][..]),
        text(),
        prop::sample::select(&["", " ", "  "][..]),
    )
        .prop_map(|(indent, quote, marker, gap, c, sep, text, trail)| {
            format!("{quote}{indent}{marker}{gap}[{c}]{sep}{text}{trail}")
        })
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => task_line(),
        1 => (prop::sample::select(&["  ", "> ", ">   ", ""][..]), text())
            .prop_map(|(p, t)| format!("{p}{t}")),
        2 => prop::sample::select(OTHER_LINES).prop_map(str::to_owned),
    ]
}

fn document() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::collection::vec(
            (
                line(),
                prop::sample::select(&["\n", "\r\n", "\n", "\r"][..]),
            ),
            0..10,
        ),
        any::<bool>(),
    )
        .prop_map(|(bom, lines, last_ending)| {
            let mut s = String::new();
            if bom {
                s.push('\u{feff}');
            }
            let n = lines.len();
            for (i, (line, ending)) in lines.into_iter().enumerate() {
                s.push_str(&line);
                if i + 1 < n || last_ending {
                    s.push_str(ending);
                }
            }
            s
        })
}

fn settings() -> impl Strategy<Value = FixSettings> {
    (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(done_dates, recurrence, followups, dataview)| FixSettings {
            done_dates,
            recurrence,
            followups,
            default_syntax: Some(if dataview {
                DefaultSyntax::Dataview
            } else {
                DefaultSyntax::Emoji
            }),
            ..FixSettings::default()
        },
    )
}

fn parse(src: &str) -> Document {
    parse_document("t.md", src.as_bytes(), &ParseOptions::default())
}

/// (status character, description) of each task, in document order.
fn tasks(doc: &Document) -> Vec<(char, String)> {
    doc.tasks
        .iter()
        .map(|t| (t.status_char, comparable(&t.description)))
        .collect()
}

/// The description without backslashes: the item scanner drops an escaping backslash
/// that starts a task's text (`\[` → `[`), so a copy whose text starts there after a
/// removed token reads one backslash shorter. The bytes are right; the description is
/// derived.
fn comparable(description: &str) -> String {
    description.replace('\\', "")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn fixes_are_lossless_idempotent_and_reparse(src in document(), s in settings()) {
        let me = Some("me");
        let doc = parse(&src);
        let p = plan(&src, &doc, today(), &s, me);
        let out = apply(&src, &p.edits).expect("plan applies");

        // Every fix inserts, but for a `🏁 delete` occurrence, which replaces its task from
        // the start of its line; around the edits, the original bytes in order.
        let line_starts: Vec<usize> = doc.tasks.iter().map(|t| t.line_start as usize).collect();
        let mut edits: Vec<_> = p.edits.iter().collect();
        edits.sort_by_key(|e| e.span.start);
        let (mut at_src, mut at_out) = (0, 0);
        for e in &edits {
            prop_assert!(
                e.span.is_empty() || line_starts.contains(&e.span.start),
                "not an insertion: {:?}", e
            );
            let gap = &src[at_src..e.span.start];
            prop_assert_eq!(&out[at_out..at_out + gap.len()], gap);
            at_out += gap.len() + e.replacement.len();
            at_src = e.span.end;
        }
        prop_assert_eq!(&out[at_out..], &src[at_src..]);

        // Twice is once.
        let again = plan(&out, &parse(&out), today(), &s, me);
        prop_assert!(again.edits.is_empty(), "second run: {:?}\nafter first: {:?}", again.edits, out);

        // The same tasks, plus one open copy above each recurred task.
        // Occurrences are inserted at the start of a task's line; other fixes never are.
        let replaced: Vec<usize> = p
            .edits
            .iter()
            .filter(|e| !e.span.is_empty())
            .map(|e| e.span.start)
            .collect();
        let starts: Vec<usize> = p
            .edits
            .iter()
            .map(|e| e.span.start)
            .filter(|at| line_starts.contains(at))
            .collect();
        prop_assert_eq!(starts.len(), p.kinds.get(&FixKind::Recurrence).copied().unwrap_or(0));
        let mut want = Vec::new();
        for t in &doc.tasks {
            if starts.contains(&(t.line_start as usize)) {
                want.push((' ', comparable(&t.description)));
            }
            if !replaced.contains(&(t.line_start as usize)) {
                want.push((t.status_char, comparable(&t.description)));
            }
        }
        prop_assert_eq!(tasks(&parse(&out)), want, "output: {:?}", out);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn archiving_moves_whole_tasks(src in document(), archive in document()) {
        let s = FixSettings { archive: true, ..FixSettings::default() };
        let doc = parse(&src);
        let moves = plan_archive(&src, &doc, &archive, today(), &s);
        let fixes = plan(&src, &doc, today(), &s, None);

        // Fixes and removals touch different tasks: together they apply.
        let mut all = fixes.edits.clone();
        all.extend(moves.source.iter().cloned());
        prop_assert!(apply(&src, &all).is_ok(), "fixes and moves overlap: {:?}", all);

        // Removals are whole lines.
        for e in &moves.source {
            let start_ok = e.span.start == 0
                || matches!(src.as_bytes()[e.span.start - 1], b'\n' | b'\r')
                || (e.span.start == 3 && src.starts_with('\u{feff}'));
            prop_assert!(start_ok && (e.span.end == src.len() || matches!(src.as_bytes()[e.span.end - 1], b'\n' | b'\r')), "{:?}", e);
        }

        // The source keeps every other task; the archive gains exactly the moved ones.
        let left = apply(&src, &moves.source).expect("removals apply");
        let archived = apply(&archive, &moves.archive).expect("append applies");
        let moved_at = |t: &crate::model::Task| {
            moves.source.iter().any(|e| e.span.start == t.line_start as usize)
        };
        let kept: Vec<(char, String)> = doc.tasks.iter().filter(|t| !moved_at(t))
            .map(|t| (t.status_char, comparable(&t.description))).collect();
        let gone: Vec<(char, String)> = doc.tasks.iter().filter(|t| moved_at(t))
            .map(|t| (t.status_char, comparable(&t.description))).collect();
        prop_assert_eq!(gone.len(), moves.moved);
        prop_assert_eq!(tasks(&parse(&left)), kept, "left: {:?}", left);
        let mut want_archive = tasks(&parse(&archive));
        want_archive.extend(gone);
        prop_assert_eq!(tasks(&parse(&archived)), want_archive, "archive: {:?}", archived);
    }
}
