//! Whole-document parsing: lone-CR files read like their LF twin, YAML tags in front
//! matter, and linear work on hostile long lines.

use super::{ParseOptions, parse_document};
use crate::line_index::work;
use crate::model::Document;
use chrono::NaiveDate;

fn parse(src: &str) -> Document {
    parse_document("n.md", src.as_bytes(), &ParseOptions::default())
}

/// A file with lone CR line endings has the same tasks, spans and problems as its LF
/// twin (the two have the same length, so every offset must agree).
#[test]
fn lone_cr_files_parse_like_their_lf_twin() {
    let lf = "---\ndue: 2026-11-20\n---\n# Old Mac\n```\n- [x] in code\n```\n- [ ] after code 📅 2026-02-30\n  continued ^id1\n\n~~~\n- [ ] tilde\n~~~\n> - [x] quoted\n%%\n- [ ] hidden\n%%\n- [/] last";
    let cr = lf.replace('\n', "\r");
    let (a, b) = (parse(lf), parse(&cr));
    assert_eq!(a.tasks.len(), 3, "{:?}", a.tasks);
    assert_eq!(a.tasks, b.tasks);
    assert_eq!(a.problems, b.problems);
    assert_eq!(a.defaults, b.defaults);
    let lines: Vec<usize> = b.tasks.iter().map(|t| t.line()).collect();
    assert_eq!(lines, [8, 14, 18]);
    // CRLF files are not copied, and read the same too.
    let crlf = lf.replace('\n', "\r\n");
    let c = parse(&crlf);
    let descriptions = |d: &Document| {
        d.tasks
            .iter()
            .map(|t| t.description.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(descriptions(&a), descriptions(&c));
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A standard YAML tag on a front-matter value is read as the plain value; the other keys
/// still apply.
#[test]
fn yaml_tags_in_front_matter() {
    // Front matter, the due date and impact it gives, the problem codes.
    type Row = (
        &'static str,
        Option<NaiveDate>,
        Option<u8>,
        &'static [&'static str],
    );
    let rows: &[Row] = &[
        (
            "due: !!timestamp 2026-11-20\nimpact: 7",
            date(2026, 11, 20),
            Some(7),
            &[],
        ),
        (
            "due: !!str 2026-11-20\nimpact: !!int 7",
            date(2026, 11, 20),
            Some(7),
            &[],
        ),
        (
            "impact: 7\ndue: !!timestamp soon",
            None,
            Some(7),
            &["invalid-front-matter-value"],
        ),
        (
            "due: !!timestamp 2026-11-20T10:00:00Z",
            date(2026, 11, 20),
            None,
            &[],
        ),
        (
            "due: !!binary 2026-11-20\nimpact: 7",
            date(2026, 11, 20),
            Some(7),
            &[],
        ),
        (
            "due: !local 2026-11-20\nimpact: 7",
            date(2026, 11, 20),
            Some(7),
            &[],
        ),
        (
            "tags: [!!str a, !!timestamp 2026-01-01]\nimpact: 7",
            None,
            Some(7),
            &[],
        ),
    ];
    for (yaml, due, impact, codes) in rows {
        let doc = parse(&format!("---\n{yaml}\n---\n- [ ] t\n"));
        assert_eq!(doc.defaults.due, *due, "{yaml:?}");
        assert_eq!(doc.defaults.impact, *impact, "{yaml:?}");
        let got: Vec<&str> = doc.problems.iter().map(|p| p.kind.code()).collect();
        assert_eq!(got, *codes, "{yaml:?}: {:?}", doc.problems);
    }
}

/// The bytes the position lookups and line-start searches go over grow linearly with a
/// hostile line (many fields, each a duplicate to report), not with its square.
#[test]
fn long_lines_are_linear_work() {
    let work_for = |n: usize| {
        let src = format!("- [ ] {}\n", "w [due:: 2026-11-20] #t ".repeat(n));
        work::take();
        let doc = parse(&src);
        // One problem for all the repeats of a key, with their count.
        assert_eq!(doc.problems.len(), 1, "{:?}", doc.problems.first());
        let more = n - 2;
        assert_eq!(
            doc.problems[0].message,
            format!(
                "duplicate due field `[due:: 2026-11-20]` and {more} more after it: the one at line 1, column 9 is used; remove them"
            )
        );
        assert_eq!(doc.problems[0].column, 33);
        assert_eq!(doc.tasks.len(), 1);
        assert_eq!(doc.tasks[0].fields.len(), 2 * n);
        assert_eq!(doc.tasks[0].meta.tags, ["t"]);
        work::take()
    };
    let (small, large) = (work_for(1_000), work_for(8_000));
    assert!(small > 0);
    // Linear work is 8 times as much; quadratic would be 64 times.
    assert!(
        large <= small * 10,
        "work {small} for 1,000 fields, {large} for 8,000"
    );
}

/// A line of many different tags, people and contexts keeps each once, in order, and
/// folds case as before (a set per task, not a search of the list per name).
#[test]
fn many_different_tags_and_names_are_each_kept_once() {
    let n = 20_000;
    let mut line = String::from("- [ ] ");
    for i in 0..n {
        line.push_str(&format!("#t{i} #T{i} @p{i} @P{i} "));
    }
    line.push_str("@phone @Phone @home\n");
    let doc = parse(&line);
    let task = &doc.tasks[0];
    assert_eq!(task.meta.tags.len(), n);
    assert_eq!(task.meta.tags[n - 1], format!("t{}", n - 1));
    assert_eq!(task.meta.assignee.as_deref(), Some("p0"));
    // Every person but the assignee, once (`@P0` is the assignee again).
    assert_eq!(task.meta.mentions.len(), n - 1);
    assert_eq!(task.meta.mentions[0], "p1");
    assert_eq!(task.meta.contexts, ["phone", "home"]);
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
}
