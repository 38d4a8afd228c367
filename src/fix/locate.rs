//! Find the task a reference names in a freshly parsed file: by line, by hash, or by id.
//! The rules that keep `ike done` and ticking in the digest from closing the wrong task
//! (docs/acting.md).

use crate::model::{Document, Task, TextHash};

/// The task found, by its index in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// An open task: it can be closed.
    Open(usize),
    /// A task already closed (done, cancelled, or a closed custom status): nothing to do.
    Closed(usize),
}

/// Why no task was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum Lost {
    /// Nothing on that line is a task (and no task in the file has the hash).
    #[error("line {line} is not a task (any more)")]
    NoTask {
        /// The line asked for.
        line: usize,
    },
    /// The line holds a task with another text (and no other task has the hash).
    #[error(
        "the task on line {line} changed since it was shown (its hash is {now}, not {was}); run `ike list` again"
    )]
    Changed {
        /// The line asked for.
        line: usize,
        /// The hash given.
        was: TextHash,
        /// The hash the task has now.
        now: TextHash,
    },
    /// The hash matches several open tasks, none of them on the line.
    #[error("the task moved, and {} tasks have its text (lines {}); name one by its line", lines.len(), join(lines))]
    Several {
        /// Their lines.
        lines: Vec<usize>,
    },
    /// No task has the id.
    #[error("no task has the id `{id}`")]
    NoId {
        /// The id.
        id: String,
    },
    /// Several tasks have the id.
    #[error("{} tasks have the id `{id}` ({}); name one as PATH:LINE", places.len(), places.join(", "))]
    SeveralIds {
        /// The id.
        id: String,
        /// Where: `path:line`.
        places: Vec<String>,
    },
}

fn join(lines: &[usize]) -> String {
    lines
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn found(doc: &Document, i: usize) -> Found {
    if doc.tasks[i].status.is_open() {
        Found::Open(i)
    } else {
        Found::Closed(i)
    }
}

/// The task `doc` holds at `line` — and, when `hash` is given, only if its text still has
/// that hash. A task whose text has the hash but moved to another line (lines added or
/// removed above it) is found there, if it is the only open one with that text.
pub(crate) fn locate(doc: &Document, line: usize, hash: Option<TextHash>) -> Result<Found, Lost> {
    let at = doc.tasks.iter().position(|t| t.line() == line);
    let Some(hash) = hash else {
        return at.map(|i| found(doc, i)).ok_or(Lost::NoTask { line });
    };
    if let Some(i) = at.filter(|i| doc.tasks[*i].hash == hash) {
        return Ok(found(doc, i));
    }
    let same: Vec<usize> = (0..doc.tasks.len())
        .filter(|i| doc.tasks[*i].hash == hash)
        .collect();
    let open: Vec<usize> = same
        .iter()
        .copied()
        .filter(|i| doc.tasks[*i].status.is_open())
        .collect();
    match (same.as_slice(), open.as_slice()) {
        ([], _) => Err(match at {
            Some(i) => Lost::Changed {
                line,
                was: hash,
                now: doc.tasks[i].hash,
            },
            None => Lost::NoTask { line },
        }),
        (_, [one]) => Ok(Found::Open(*one)),
        ([first, ..], []) => Ok(Found::Closed(*first)),
        (_, several) => Err(Lost::Several {
            lines: several.iter().map(|i| doc.tasks[*i].line()).collect(),
        }),
    }
}

/// The ids a task answers to: its `🆔`/`[id:: ]` value and its Obsidian block id (`^id`).
pub(super) fn ids(task: &Task) -> impl Iterator<Item = &str> {
    task.meta
        .id
        .as_deref()
        .into_iter()
        .chain(task.block_id.as_deref())
}

/// Does `task` answer to `id` (a leading `^` is the block-id form and ignored)?
pub(crate) fn has_id(task: &Task, id: &str) -> bool {
    let id = id.strip_prefix('^').unwrap_or(id);
    ids(task).any(|own| own == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ParseOptions, parse_document};

    const SRC: &str = "\
- [ ] call Bob 📅 2026-11-21
- [x] call Bob 📅 2026-11-14 ✅ 2026-11-14
text
- [ ] write 🆔 w1
- [ ] dup
- [ ] dup
- [ ] pay the invoice ^inv42
";

    fn doc() -> Document {
        parse_document("a.md", SRC.as_bytes(), &ParseOptions::default())
    }

    fn hash_at(line: usize) -> TextHash {
        doc().tasks.iter().find(|t| t.line() == line).unwrap().hash
    }

    #[track_caller]
    fn check(line: usize, hash_of: Option<usize>, want: Result<Option<usize>, &str>) {
        let d = doc();
        let got = locate(&d, line, hash_of.map(hash_at));
        let got = match got {
            Ok(Found::Open(i)) => Ok(Some(d.tasks[i].line())),
            Ok(Found::Closed(_)) => Ok(None),
            Err(e) => Err(e.to_string()),
        };
        match want {
            Ok(w) => assert_eq!(got, Ok(w), "line {line}"),
            Err(part) => {
                let e = got.expect_err("an error");
                assert!(e.contains(part), "line {line}: {e}");
            }
        }
    }

    #[test]
    fn by_line_and_hash() {
        check(1, None, Ok(Some(1)));
        check(1, Some(1), Ok(Some(1)));
        check(2, None, Ok(None));
        check(3, None, Err("line 3 is not a task"));
        check(3, Some(1), Ok(Some(1))); // moved
        check(1, Some(4), Ok(Some(4))); // moved, unique
        check(4, Some(1), Ok(Some(1)));
        check(5, Some(5), Ok(Some(5)));
        check(1, Some(5), Err("2 tasks have its text (lines 5, 6)"));
    }

    #[test]
    fn changed_text_is_drift() {
        let d = doc();
        let other = TextHash::of("zzz", crate::span::Span::new(0, 3), &[]);
        let e = locate(&d, 1, Some(other)).unwrap_err();
        assert!(matches!(e, Lost::Changed { line: 1, .. }), "{e:?}");
        assert_eq!(locate(&d, 9, Some(other)), Err(Lost::NoTask { line: 9 }));
    }

    #[test]
    fn a_closed_copy_with_the_same_text_is_handled() {
        // After closing a recurring task the line holds its next occurrence (dates moved),
        // and the closed task one line further down keeps its hash.
        let src = "- [ ] call 📅 2026-11-28\n- [x] call 📅 2026-11-21 ✅ 2026-11-21\n";
        let d = parse_document("a.md", src.as_bytes(), &ParseOptions::default());
        let before = parse_document(
            "a.md",
            "- [ ] call 📅 2026-11-21\n".as_bytes(),
            &ParseOptions::default(),
        );
        assert_eq!(
            locate(&d, 1, Some(before.tasks[0].hash)),
            Ok(Found::Closed(1))
        );
    }

    #[test]
    fn ids_match_with_or_without_caret() {
        let d = doc();
        assert!(has_id(&d.tasks[2], "w1"));
        assert!(has_id(&d.tasks[2], "^w1"));
        assert!(!has_id(&d.tasks[0], "w1"));
        // A block id names its task too, with or without the caret.
        assert!(has_id(&d.tasks[5], "inv42"));
        assert!(has_id(&d.tasks[5], "^inv42"));
        assert!(!has_id(&d.tasks[2], "inv42"));
    }
}
