//! Close tasks on request (`ike done`, a ticked box in the digest): set the checkbox, then
//! plan for those tasks exactly what `ike fix` plans for a task closed by hand — done or
//! cancelled date in the task's own syntax, the next occurrence of a recurring task. Pure.

use super::{FixSettings, plan_only};
use crate::edit::{Edit, apply};
use crate::model::{Document, Status};
use crate::parse::{ParseOptions, parse_document};
use crate::problem::{Problem, ProblemKind};
use crate::span::Span;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// How a task is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Closing {
    /// Done: `[x]`.
    Done,
    /// Cancelled: `[-]`.
    Cancelled,
}

impl Closing {
    /// The checkbox character written when no status setting says otherwise.
    pub(crate) fn symbol(self) -> char {
        match self {
            Self::Done => 'x',
            Self::Cancelled => '-',
        }
    }

    /// The checkbox character that closes a task whose box holds `from`: the next symbol
    /// the Obsidian Tasks plugin's status settings give `from`, when that symbol means
    /// this way of closing (a custom `[>]` whose next symbol is `[d]`, a done status);
    /// else [`Closing::symbol`].
    pub(crate) fn symbol_from(
        self,
        from: char,
        next: &BTreeMap<char, char>,
        parse: &ParseOptions,
    ) -> char {
        next.get(&from)
            .copied()
            .filter(|n| parse.status_of(*n) == Some(self.status()))
            .unwrap_or_else(|| self.symbol())
    }

    fn status(self) -> Status {
        match self {
            Self::Done => Status::Done,
            Self::Cancelled => Status::Cancelled,
        }
    }
}

/// What closing needs besides the file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CloseRun<'a> {
    /// The run's date.
    pub today: NaiveDate,
    /// Fix settings (which dates are written, in which syntax).
    pub settings: &'a FixSettings,
    /// Parse settings (custom statuses).
    pub parse: &'a ParseOptions,
    /// The user's own assignee name.
    pub me: Option<&'a str>,
    /// Each status symbol's next symbol, from the Obsidian Tasks plugin's settings.
    pub next_symbols: &'a BTreeMap<char, char>,
}

/// The text of `src` (parsed as `doc`) with the tasks at `targets` (indices into
/// `doc.tasks`, each open) closed. Fails, closing none of them, when a task cannot be
/// closed the way `ike fix` would close it (a recurring task whose next occurrence cannot
/// be computed), with the problems that say why. `doc` is let go before the ticked text is
/// parsed: a note of a million tasks is not held twice.
pub(crate) fn close(
    src: &str,
    doc: Document,
    targets: &[(usize, Closing)],
    run: &CloseRun<'_>,
) -> Result<String, Vec<Problem>> {
    let path = doc.path.clone();
    let internal = |message: String| {
        vec![Problem::error(ProblemKind::CloseFailed, 1, 1, message).at_path(&path)]
    };
    let mut ticks = Vec::with_capacity(targets.len());
    for &(i, how) in targets {
        let task = doc
            .tasks
            .get(i)
            .ok_or_else(|| internal(format!("no task number {i}")))?;
        // The character between the brackets (one character, possibly several bytes).
        let inside = Span::new(
            task.checkbox.start() + 1,
            task.checkbox.end().saturating_sub(1),
        );
        let symbol = how.symbol_from(task.status_char, run.next_symbols, run.parse);
        ticks.push(Edit::replace(inside, symbol.to_string()));
    }
    ticks.sort_by_key(|e| e.span.start);
    ticks.dedup_by_key(|e| e.span.start);
    // Every target was found above.
    let lines: Vec<u32> = targets.iter().map(|&(i, _)| doc.tasks[i].line).collect();
    let count = doc.tasks.len();
    drop(doc);
    let ticked = apply(src, &ticks).map_err(|e| internal(e.to_string()))?;
    let after = parse_document(&path, ticked.as_bytes(), run.parse);
    // A checkbox character changes no structure: the same tasks, in the same order.
    let same_shape = !after.failed
        && after.tasks.len() == count
        && targets.iter().zip(&lines).all(|(&(i, how), &line)| {
            after.tasks[i].status == how.status() && after.tasks[i].line == line
        });
    if !same_shape {
        return Err(internal(
            "the file does not read back as the same tasks once ticked; close the task by hand"
                .to_owned(),
        ));
    }
    let selected = |i: usize| targets.iter().any(|&(t, _)| t == i);
    let plan = plan_only(
        &ticked,
        &after,
        run.today,
        run.today,
        run.settings,
        run.me,
        &selected,
    );
    if !plan.problems.is_empty() {
        return Err(plan.problems);
    }
    apply(&ticked, &plan.edits).map_err(|e| internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(src: &str, lines: &[(usize, Closing)], want: Result<&str, &str>) {
        let parse = ParseOptions::default();
        let settings = FixSettings::default();
        let run = CloseRun {
            today: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
            settings: &settings,
            parse: &parse,
            me: None,
            next_symbols: &BTreeMap::new(),
        };
        let doc = parse_document("a.md", src.as_bytes(), &parse);
        let targets: Vec<(usize, Closing)> = lines
            .iter()
            .map(|&(line, how)| {
                (
                    doc.tasks.iter().position(|t| t.line() == line).unwrap(),
                    how,
                )
            })
            .collect();
        match (close(src, doc, &targets, &run), want) {
            (Ok(got), Ok(want)) => assert_eq!(got, want),
            (Err(problems), Err(part)) => assert!(
                problems.iter().any(|p| p.message.contains(part)),
                "{problems:?}"
            ),
            (got, want) => panic!("got {got:?}, want {want:?}"),
        }
    }

    #[test]
    fn closes_as_fix_would() {
        use Closing::*;
        check(
            "- [ ] a\n- [ ] b\n",
            &[(2, Done)],
            Ok("- [ ] a\n- [x] b ✅ 2026-11-21\n"),
        );
        check(
            "- [/] a [due:: 2026-11-22]\r\n",
            &[(1, Done)],
            Ok("- [x] a [due:: 2026-11-22] [completion:: 2026-11-21]\r\n"),
        );
        check(
            "- [ ] a\n",
            &[(1, Cancelled)],
            Ok("- [-] a ❌ 2026-11-21\n"),
        );
        check(
            "- [ ] a 🔁 every week 📅 2026-11-21\n",
            &[(1, Done)],
            Ok(
                "- [ ] a 🔁 every week 📅 2026-11-28\n- [x] a 🔁 every week 📅 2026-11-21 ✅ 2026-11-21\n",
            ),
        );
        check(
            "- [ ] a\n- [ ] b\n",
            &[(1, Done), (2, Cancelled)],
            Ok("- [x] a ✅ 2026-11-21\n- [-] b ❌ 2026-11-21\n"),
        );
        // Only the named tasks: another done task without a date is left to `ike fix`.
        check(
            "- [x] a\n- [ ] b\n",
            &[(2, Done)],
            Ok("- [x] a\n- [x] b ✅ 2026-11-21\n"),
        );
    }

    #[test]
    fn custom_statuses_decide_the_symbol_written() {
        use crate::model::Status;
        let mut parse = ParseOptions::default();
        parse.statuses.insert('>', Status::Todo);
        parse.statuses.insert('d', Status::Done);
        let settings = FixSettings::default();
        // `>` moves on to `d` (a done status); ` ` moves on to `/` (not done: `x` is kept).
        let next = BTreeMap::from([('>', 'd'), (' ', '/')]);
        let run = CloseRun {
            today: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
            settings: &settings,
            parse: &parse,
            me: None,
            next_symbols: &next,
        };
        let src = "- [>] a\n- [ ] b\n";
        let doc = parse_document("a.md", src.as_bytes(), &parse);
        let got = close(src, doc, &[(0, Closing::Done), (1, Closing::Done)], &run);
        assert_eq!(
            got,
            Ok("- [d] a ✅ 2026-11-21\n- [x] b ✅ 2026-11-21\n".to_owned())
        );
    }

    #[test]
    fn refuses_what_fix_refuses() {
        check(
            "- [ ] a 🔁 every florp 📅 2026-11-21\n",
            &[(1, Closing::Done)],
            Err("cannot be computed"),
        );
    }
}
