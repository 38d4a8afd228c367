//! `ike check`'s lints across the whole vault, beyond what parsing already reports:
//! duplicate ids, dependencies on unknown ids, delegated tasks without a follow-up,
//! recurring tasks without a date. Pure: a vault in, problems out.

mod settings;

pub(crate) use settings::CheckSettings;

use crate::fix::recurrence::Rule;
use crate::model::{Document, Task, Vault};
use crate::problem::{Problem, ProblemKind};
use std::collections::BTreeMap;

/// Cross-file lints. `me` is the user's own assignee name (tasks for others are delegated).
pub(crate) fn lint(vault: &Vault, me: Option<&str>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut ids: BTreeMap<&str, Vec<(&Document, &Task)>> = BTreeMap::new();
    for (doc, task) in vault.tasks() {
        if let Some(id) = task.meta.id.as_deref() {
            ids.entry(id).or_default().push((doc, task));
        }
    }
    for (id, places) in &ids {
        if let [(first_doc, first), rest @ ..] = places.as_slice() {
            for (doc, task) in rest {
                problems.push(at(
                    doc,
                    task,
                    Problem::error(
                        ProblemKind::DuplicateId,
                        0,
                        0,
                        format!("duplicate task id `{id}`, also used at {}:{}; give each task its own id", first_doc.path, first.line),
                    ),
                ));
            }
        }
    }
    problems.extend(cycles(&ids));
    for (doc, task) in vault.tasks() {
        let m = &task.meta;
        for dep in &m.depends_on {
            if !ids.contains_key(dep.as_str()) {
                problems.push(at(
                    doc,
                    task,
                    Problem::error(
                        ProblemKind::UnknownDependency,
                        0,
                        0,
                        format!("depends on unknown task id `{dep}`: no task has `🆔 {dep}` or `[id:: {dep}]`; fix the id or remove the dependency"),
                    ),
                ));
            }
        }
        if task.status.is_open() {
            if let Some(who) = m.assignee.as_deref() {
                if crate::people::delegated(Some(who), me)
                    && m.followup.is_none()
                    && m.checkin.is_none()
                {
                    problems.push(at(
                        doc,
                        task,
                        Problem::warning(
                            ProblemKind::MissingFollowup,
                            0,
                            0,
                            format!("delegated to {who} without a follow-up date; add [followup:: YYYY-MM-DD]"),
                        ),
                    ));
                }
            }
            if let Some(problem) = m
                .recurrence
                .as_deref()
                .and_then(|r| recurrence_problem(r, m))
            {
                problems.push(at(doc, task, problem));
            }
            if m.recurrence.is_some()
                && m.due.is_none()
                && m.scheduled.is_none()
                && m.start.is_none()
            {
                problems.push(at(
                    doc,
                    task,
                    Problem::warning(
                        ProblemKind::RecurrenceWithoutDate,
                        0,
                        0,
                        "recurring task without a due, scheduled or start date; its next occurrence cannot be computed",
                    ),
                ));
            }
        }
    }
    problems
}

/// A rule ike cannot step, or one with no next date after the task's reference date:
/// once the task is ticked, `ike fix` could not create its next occurrence.
fn recurrence_problem(rule: &str, m: &crate::model::Metadata) -> Option<Problem> {
    match Rule::parse(rule) {
        Err(message) => Some(Problem::error(
            ProblemKind::UnknownRecurrence,
            0,
            0,
            message,
        )),
        Ok(parsed) => {
            let reference = m.due.or(m.scheduled).or(m.start)?;
            parsed.next(reference).is_none().then(|| {
                Problem::error(
                    ProblemKind::RecurrenceOutOfRange,
                    0,
                    0,
                    format!(
                        "recurrence `{}` has no next date after {reference}; fix the rule",
                        rule.trim()
                    ),
                )
            })
        }
    }
}

/// Dependency cycles (`a` waits for `b`, which waits for `a`): each reported once, at the
/// task whose dependency closes it, naming every task of the cycle with its place.
fn cycles(ids: &BTreeMap<&str, Vec<(&Document, &Task)>>) -> Vec<Problem> {
    let first = |id: &str| ids.get(id).and_then(|places| places.first().copied());
    let edges = |id: &str| -> Vec<&str> {
        first(id).map_or_else(Vec::new, |(_, t)| {
            t.meta
                .depends_on
                .iter()
                .filter_map(|d| ids.get_key_value(d.as_str()).map(|(k, _)| *k))
                .collect()
        })
    };
    // 0: not seen, 1: on the path being walked, 2: done.
    let mut state: BTreeMap<&str, u8> = BTreeMap::new();
    let mut problems = Vec::new();
    for &root in ids.keys() {
        if state.get(root).copied().unwrap_or(0) != 0 {
            continue;
        }
        let mut path: Vec<(&str, Vec<&str>, usize)> = vec![(root, edges(root), 0)];
        state.insert(root, 1);
        while let Some((node, next, i)) = path.last_mut() {
            let node = *node;
            let Some(&dep) = next.get(*i) else {
                state.insert(node, 2);
                path.pop();
                continue;
            };
            *i += 1;
            match state.get(dep).copied().unwrap_or(0) {
                0 => {
                    state.insert(dep, 1);
                    path.push((dep, edges(dep), 0));
                }
                1 => {
                    let start = path.iter().position(|(n, ..)| *n == dep).unwrap_or(0);
                    let places: Vec<String> = path[start..]
                        .iter()
                        .map(|(n, ..)| n)
                        .chain([&dep])
                        .map(|n| match first(n) {
                            Some((d, t)) => format!("`{n}` ({}:{})", d.path, t.line),
                            None => format!("`{n}`"),
                        })
                        .collect();
                    if let Some((doc, task)) = first(node) {
                        problems.push(at(
                            doc,
                            task,
                            Problem::error(
                                ProblemKind::DependencyCycle,
                                0,
                                0,
                                format!(
                                    "dependency cycle: {}; none of these tasks can start, remove one dependency",
                                    places.join(" waits for ")
                                ),
                            ),
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    problems
}

fn at(doc: &Document, task: &Task, mut p: Problem) -> Problem {
    p.line = task.line();
    p.column = task.column as usize;
    p.at_path(&doc.path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ParseOptions, parse_document};

    fn vault(notes: &[(&str, &str)]) -> Vault {
        Vault {
            documents: notes
                .iter()
                .map(|(path, text)| parse_document(path, text.as_bytes(), &ParseOptions::default()))
                .collect(),
            problems: Vec::new(),
        }
    }

    #[track_caller]
    fn check(notes: &[(&str, &str)], me: Option<&str>, expected: &[(&str, usize, &str, &str)]) {
        let got = lint(&vault(notes), me);
        let got: Vec<(&str, usize, &str, &str)> = got
            .iter()
            .map(|p| (p.path.as_str(), p.line, p.kind.code(), p.message.as_str()))
            .collect();
        assert_eq!(got.len(), expected.len(), "{got:#?}");
        for ((path, line, code, message), want) in got.iter().zip(expected) {
            assert_eq!((*path, *line, *code), (want.0, want.1, want.2), "{message}");
            assert!(message.contains(want.3), "{message:?} lacks {:?}", want.3);
        }
    }

    #[test]
    fn dependency_cycles_name_every_place() {
        check(
            &[
                ("a.md", "- [ ] A 🆔 a ⛔ b\n"),
                ("b.md", "- [ ] B 🆔 b ⛔ a\n"),
            ],
            None,
            &[(
                "b.md",
                1,
                "dependency-cycle",
                "`a` (a.md:1) waits for `b` (b.md:1) waits for `a` (a.md:1)",
            )],
        );
        check(
            &[("s.md", "- [ ] S 🆔 s ⛔ s\n")],
            None,
            &[("s.md", 1, "dependency-cycle", "`s` (s.md:1) waits for `s`")],
        );
        check(
            &[(
                "c.md",
                "- [ ] A 🆔 a ⛔ b\n- [ ] B 🆔 b ⛔ c\n- [ ] C 🆔 c\n",
            )],
            None,
            &[],
        );
        check(
            &[("u.md", "- [ ] U ⛔ nope\n")],
            None,
            &[("u.md", 1, "unknown-dependency", "unknown task id `nope`")],
        );
    }

    #[test]
    fn who_is_me_and_what_recurs() {
        check(
            &[(
                "m.md",
                "- [ ] Mine [assignee:: élodie]\n- [ ] Also mine @me\n- [ ] Bob's @bob\n",
            )],
            Some("Élodie"),
            &[("m.md", 3, "missing-followup", "delegated to bob")],
        );
        check(
            &[(
                "r.md",
                "- [ ] A 🔁 every month on the 2nd Tuesday 📅 2026-11-10\n\
                 - [ ] B 🔁 every blue moon 📅 2026-11-10\n\
                 - [x] C 🔁 every blue moon 📅 2026-11-10\n\
                 - [ ] D 🔁 every February on the 30th 📅 2026-11-10\n",
            )],
            None,
            &[
                (
                    "r.md",
                    2,
                    "unknown-recurrence",
                    "`every blue moon` cannot be computed",
                ),
                (
                    "r.md",
                    4,
                    "recurrence-out-of-range",
                    "no next date after 2026-11-10",
                ),
            ],
        );
    }
}
