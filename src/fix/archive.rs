//! Plan moving old done tasks to the archive file: removals from the source, one append
//! to the archive. The caller writes both files, or neither.
//!
//! Only tasks that move cleanly are moved: done, with a valid done date older than
//! `archive_after_days`; no child tasks; not under an open parent (a done step stays with
//! the task it is part of); not in a block quote; nothing else on their lines;
//! and no more-indented line after them (a second paragraph, a code block or a plain child
//! item belongs to the task and would be left behind or re-parented).

use super::line_ending::{line_end, line_ending_at};
use super::read_back::reads_back;
use super::settings::FixSettings;
use crate::edit::{Edit, apply};
use crate::line_index::LineIndex;
use crate::model::{Document, FieldKey, Status, Task};
use crate::parse::{ParseOptions, parse_document, value};
use crate::problem::{Problem, ProblemKind};
use crate::span::Span;
use chrono::NaiveDate;

/// The two halves of a move.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ArchivePlan {
    /// Removals from the source file (whole lines).
    pub source: Vec<Edit>,
    /// Edits of the archive file: one append at its end.
    pub archive: Vec<Edit>,
    /// Number of tasks moved (counted as [`FixKind::Archive`](super::FixKind::Archive)).
    pub moved: usize,
    /// Why nothing was moved, when the archive file cannot take the tasks.
    pub problems: Vec<Problem>,
}

/// Plan moving `doc`'s old done tasks into the archive file, whose current text is
/// `archive_src` (empty when it does not exist yet). The archive file itself, and any
/// document whose parse failed, moves nothing.
pub(crate) fn plan_archive(
    src: &str,
    doc: &Document,
    archive_src: &str,
    today: NaiveDate,
    settings: &FixSettings,
) -> ArchivePlan {
    let mut plan = ArchivePlan::default();
    if doc.failed || !settings.archive || doc.path == settings.archive_file {
        return plan;
    }
    let ending = if archive_src.contains(['\n', '\r']) {
        line_ending_at(archive_src, 0)
    } else {
        line_ending_at(src, 0)
    };
    let mut appended = String::new();
    let mut descriptions = Vec::new();
    for (i, task) in doc.tasks.iter().enumerate() {
        if !old_enough(src, task, today, settings.archive_after_days)
            || doc.tasks.iter().any(|t| t.parent() == Some(i))
            || task
                .parent()
                .and_then(|p| doc.tasks.get(p))
                .is_some_and(|parent| parent.status.is_open())
        {
            continue;
        }
        let Some((lines, indent)) = movable_lines(src, task) else {
            continue;
        };
        plan.source.push(Edit::delete(lines));
        let mut at = lines.start;
        while at < lines.end {
            let (end, next) = line_end(src.as_bytes(), at);
            let body = &src[at..end];
            appended.push_str(body.strip_prefix(indent).unwrap_or(body));
            appended.push_str(ending);
            at = next;
        }
        plan.moved += 1;
        descriptions.push(task.description.as_ref());
    }
    if plan.moved > 0 && !source_reads_back(src, doc, &plan.source) {
        let (line, column) = LineIndex::new(src).position(src, plan.source[0].span.start);
        return ArchivePlan {
            problems: vec![
                Problem::error(
                    ProblemKind::ArchiveNotMovable,
                    line,
                    column,
                    "old done tasks were not archived: taking their lines out would change the \
                 tasks around them (Markdown context); move them by hand",
                )
                .at_path(&doc.path),
            ],
            ..ArchivePlan::default()
        };
    }
    if !appended.is_empty() {
        // Where the tasks came from, and when: a heading above each move.
        let from: String = doc
            .path
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let blank = if archive_src.trim().is_empty() {
            ""
        } else {
            ending
        };
        appended.insert_str(
            0,
            &format!("{blank}## From {from}, archived {today}{ending}{ending}"),
        );
        if !archive_src.is_empty() && !archive_src.ends_with(['\n', '\r']) {
            appended.insert_str(0, ending);
        }
        if let Err(problem) = lands_as_tasks(archive_src, &appended, &descriptions, settings) {
            return ArchivePlan {
                problems: vec![problem],
                ..ArchivePlan::default()
            };
        }
        plan.archive.push(Edit::insert(archive_src.len(), appended));
    }
    plan
}

/// The source without the moved lines still holds every other task, unchanged.
fn source_reads_back(src: &str, doc: &Document, removals: &[Edit]) -> bool {
    let removed = |t: &Task| {
        removals
            .iter()
            .any(|e| e.span.start <= t.checkbox.start() && t.checkbox.start() < e.span.end)
    };
    let want: Vec<(char, &str)> = doc
        .tasks
        .iter()
        .filter(|t| !removed(t))
        .map(|t| (t.status_char, t.description.as_ref()))
        .collect();
    apply(src, removals).is_ok_and(|left| reads_back(&doc.path, &left, &want))
}

/// Check that the appended lines read back as the moved tasks: an archive file that ends
/// inside a code block, an HTML block or a comment would swallow them.
fn lands_as_tasks(
    archive_src: &str,
    appended: &str,
    descriptions: &[&str],
    settings: &FixSettings,
) -> Result<(), Problem> {
    let combined = format!("{archive_src}{appended}");
    let path = settings.archive_file.as_str();
    let doc = parse_document(path, combined.as_bytes(), &ParseOptions::default());
    let landed: Vec<&str> = doc
        .tasks
        .iter()
        .filter(|t| t.checkbox.start() >= archive_src.len())
        .map(|t| t.description.as_ref())
        .collect();
    if !doc.failed && landed == descriptions {
        return Ok(());
    }
    let (line, column) = LineIndex::new(archive_src).position(archive_src, archive_src.len());
    Err(Problem::error(
        ProblemKind::ArchiveNotAppendable,
        line,
        column,
        "tasks appended here would not read back as tasks (the file ends inside a code block, \
         an HTML block or a comment?); close it, then run again. Nothing was moved",
    )
    .at_path(path))
}

/// Done, with its own valid done date more than `days` days before `today`.
fn old_enough(src: &str, task: &Task, today: NaiveDate, days: u32) -> bool {
    if task.status != Status::Done {
        return false;
    }
    let done = task
        .fields
        .iter()
        .find(|f| f.key == FieldKey::Done && f.valid)
        .and_then(|f| value::date(f.value.slice(src)).ok());
    done.is_some_and(|d| (today - d).num_days() > i64::from(days))
}

/// The task's whole lines, ending included, and its first line's indentation, when the
/// task can be moved without touching anything else.
fn movable_lines<'a>(src: &'a str, task: &Task) -> Option<(Span, &'a str)> {
    let bytes = src.as_bytes();
    let start = task.line_start as usize;
    let indent = src.get(start..task.marker.start())?;
    if !indent.bytes().all(|b| matches!(b, b' ' | b'\t')) {
        return None; // A block quote, or another marker before this one.
    }
    let text_end = if task.text.is_empty() {
        task.checkbox.end()
    } else {
        task.text.end()
    };
    // Only blanks may follow the text on its last line.
    let (end, eol) = line_end(bytes, text_end);
    if !bytes[text_end..end]
        .iter()
        .all(|b| matches!(b, b' ' | b'\t'))
    {
        return None;
    }
    // The next non-blank line must not be indented deeper than the task: it would be part
    // of the task's item.
    let mut at = eol;
    while at < bytes.len() {
        let (end, next) = line_end(bytes, at);
        let line = &bytes[at..end];
        if let Some(width) = line.iter().position(|b| !matches!(b, b' ' | b'\t')) {
            if width > indent.len() {
                return None;
            }
            break;
        }
        at = next;
    }
    Some((Span::new(start, eol), indent))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ParseOptions, parse_document};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).expect("valid date")
    }

    fn on() -> FixSettings {
        FixSettings {
            archive: true,
            ..FixSettings::default()
        }
    }

    /// `want_archive` with the heading a move puts above the tasks of notes.md, after
    /// `archive` (and the line ending it lacked): the tests write only the tasks.
    fn with_heading(archive: &str, want_archive: &str) -> String {
        if want_archive == archive {
            return want_archive.to_owned();
        }
        let ending = if want_archive.contains("\r\n") {
            "\r\n"
        } else if want_archive.contains('\n') {
            "\n"
        } else {
            "\r"
        };
        let mut kept = archive.to_owned();
        if !kept.is_empty() && !kept.ends_with(['\n', '\r']) {
            kept.push_str(ending);
        }
        let blank = if archive.trim().is_empty() {
            ""
        } else {
            ending
        };
        let tasks = &want_archive[kept.len()..];
        format!("{kept}{blank}## From notes.md, archived 2026-11-21{ending}{ending}{tasks}")
    }

    #[track_caller]
    fn check(src: &str, archive: &str, want_src: &str, want_archive: &str, moved: usize) {
        let want_archive = with_heading(archive, want_archive);
        let want_archive = want_archive.as_str();
        let doc = parse_document("notes.md", src.as_bytes(), &ParseOptions::default());
        let plan = plan_archive(src, &doc, archive, today(), &on());
        let got_src = apply(src, &plan.source).expect("source plan applies");
        let got_archive = apply(archive, &plan.archive).expect("archive plan applies");
        assert_eq!(
            (got_src.as_str(), got_archive.as_str()),
            (want_src, want_archive)
        );
        assert_eq!(plan.moved, moved, "{src:?}");
    }

    #[test]
    fn moves_old_done_tasks() {
        let rows = [
            // 2026-10-21 is exactly 31 days back: old enough; 2026-10-22 (30 days) is not.
            (
                "- [x] old ✅ 2026-10-21\n- [x] recent ✅ 2026-10-22\n- [ ] open\n",
                "",
                "- [x] recent ✅ 2026-10-22\n- [ ] open\n",
                "- [x] old ✅ 2026-10-21\n",
            ),
            (
                "# T\r\n- [x] old ✅ 2026-01-01\r\n- [ ] open\r\n",
                "# Archive\n- [x] older ✅ 2025-01-01",
                "# T\r\n- [ ] open\r\n",
                "# Archive\n- [x] older ✅ 2025-01-01\n- [x] old ✅ 2026-01-01\n",
            ),
            // A done child of a closed parent moves without its indentation.
            (
                "- [x] parent ✅ 2026-11-20\n  - [x] child ✅ 2026-01-01\n  - [ ] sibling\n",
                "",
                "- [x] parent ✅ 2026-11-20\n  - [ ] sibling\n",
                "- [x] child ✅ 2026-01-01\n",
            ),
            // A done step of an open task stays with it.
            (
                "- [ ] parent\n  - [x] child ✅ 2026-01-01\n  - [ ] sibling\n",
                "",
                "- [ ] parent\n  - [x] child ✅ 2026-01-01\n  - [ ] sibling\n",
                "",
            ),
            // Multi-line text moves whole.
            (
                "- [x] two\n  lines ✅ 2026-01-01\n- [ ] b",
                "",
                "- [ ] b",
                "- [x] two\n  lines ✅ 2026-01-01\n",
            ),
            // Last line without a newline.
            (
                "- [ ] a\n- [x] old ✅ 2026-01-01",
                "",
                "- [ ] a\n",
                "- [x] old ✅ 2026-01-01\n",
            ),
            (
                "- [x] old ✅ 2026-01-01\r- [ ] b\r",
                "",
                "- [ ] b\r",
                "- [x] old ✅ 2026-01-01\r",
            ),
            (
                "\u{feff}- [x] old ✅ 2026-01-01\n",
                "",
                "\u{feff}",
                "- [x] old ✅ 2026-01-01\n",
            ),
        ];
        for (src, archive, want_src, want_archive) in rows {
            let moved = usize::from(want_archive != archive);
            check(src, archive, want_src, want_archive, moved);
        }
        // The heading, written out once.
        let doc = parse_document(
            "n.md",
            b"- [x] a \xe2\x9c\x85 2026-01-01\n",
            &ParseOptions::default(),
        );
        let plan = plan_archive(
            "- [x] a ✅ 2026-01-01\n",
            &doc,
            "# Archive\n",
            today(),
            &on(),
        );
        assert_eq!(
            apply("# Archive\n", &plan.archive).unwrap(),
            "# Archive\n\n## From n.md, archived 2026-11-21\n\n- [x] a ✅ 2026-01-01\n"
        );
    }

    #[track_caller]
    fn refused(src: &str, archive: &str, code: &str, at: (&str, usize, usize)) {
        let doc = parse_document("notes.md", src.as_bytes(), &ParseOptions::default());
        let plan = plan_archive(src, &doc, archive, today(), &on());
        assert_eq!(
            (plan.moved, plan.source.len(), plan.archive.len()),
            (0, 0, 0)
        );
        let got: Vec<(&str, &str, usize, usize)> = plan
            .problems
            .iter()
            .map(|p| (p.kind.code(), p.path.as_str(), p.line, p.column))
            .collect();
        assert_eq!(got, vec![(code, at.0, at.1, at.2)]);
    }

    #[test]
    fn refuses_moves_that_would_not_read_back() {
        refused(
            "> - [ ] a\n - [x] b ✅ 2026-01-01\n> Gym\n",
            "",
            "archive-not-movable",
            ("notes.md", 2, 1),
        );
        refused(
            "- [x] b ✅ 2026-01-01\n",
            "# Archive\n```\n",
            "archive-not-appendable",
            ("archive.md", 3, 1),
        );
    }

    #[test]
    fn moves_several_in_order_with_the_source_ending() {
        check(
            "- [x] a ✅ 2026-01-01\r\n- [ ] b\r\n- [x] c ✅ 2026-01-02\r\n",
            "",
            "- [ ] b\r\n",
            "- [x] a ✅ 2026-01-01\r\n- [x] c ✅ 2026-01-02\r\n",
            2,
        );
    }

    #[test]
    fn leaves_what_does_not_move_cleanly() {
        let rows = [
            "- [x] no date\n",
            "- [x] invalid date ✅ 2026-02-30\n",
            "- [-] cancelled ❌ 2026-01-01\n",
            "- [x] has a child ✅ 2026-01-01\n  - [x] child ✅ 2026-11-20\n",
            "- [x] has a plain child ✅ 2026-01-01\n  - note\n",
            "- [x] has a second paragraph ✅ 2026-01-01\n\n  more\n",
            "> - [x] quoted ✅ 2026-01-01\n",
            "- - [x] nested on one line ✅ 2026-01-01\n",
            "- [x] second paragraph after lone CRs ✅ 2026-01-01\r\r  more\r",
        ];
        for src in rows {
            check(src, "", src, "", 0);
        }
        // Taking the line out would make `> Gym` continue the quoted task.
        let src = "> - [ ] a\n - [x] b ✅ 2026-01-01\n> Gym\n";
        check(src, "", src, "", 0);
        let doc = parse_document(
            "archive.md",
            b"- [x] old \xe2\x9c\x85 2026-01-01\n",
            &ParseOptions::default(),
        );
        let plan = plan_archive("- [x] old ✅ 2026-01-01\n", &doc, "", today(), &on());
        assert_eq!(plan, ArchivePlan::default());
    }
}
