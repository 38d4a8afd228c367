//! A note as a query run keeps it: read one note at a time (on the loader's threads), it
//! keeps only the tasks its queries can show, what the dependency index needs of every
//! open task, and whether each kept task has steps (which the full note knew). A query
//! over a large vault then holds a few tasks instead of every parsed note.

use super::{Item, Query};
use crate::classify::{ClassifySettings, Dependencies, Link, has_steps};
use crate::model::Document;
use crate::obsidian::StatusDef;
use chrono::NaiveDate;

/// One note, reduced to the tasks its queries can show.
#[derive(Debug, Clone)]
pub(crate) struct Note {
    /// The note: its path, problems and front matter; `tasks` holds the kept tasks only.
    pub doc: Document,
    /// For each kept task: it has steps (subtasks) in the whole note.
    pub steps: Vec<bool>,
    /// The dependency facts of every open task of the note, kept or not.
    pub links: Vec<Link>,
}

/// What decides which tasks a note keeps.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sieve<'q> {
    /// Keep a task when one of these passes it; `None`: keep every task.
    queries: Option<&'q [&'q Query]>,
    today: NaiveDate,
    classify: &'q ClassifySettings,
    statuses: &'q [StatusDef],
}

impl<'q> Sieve<'q> {
    /// Keep the tasks one of `queries` passes. A query whose filters read the dependency
    /// index cannot decide a note alone: then every task is kept.
    pub(crate) fn new(
        queries: &'q [&'q Query],
        today: NaiveDate,
        classify: &'q ClassifySettings,
        statuses: &'q [StatusDef],
    ) -> Self {
        let decides = !queries.iter().any(|q| q.reads_dependencies());
        Self {
            queries: decides.then_some(queries),
            today,
            classify,
            statuses,
        }
    }

    /// Keep every task.
    pub(crate) fn all(today: NaiveDate, classify: &'q ClassifySettings) -> Self {
        Self {
            queries: None,
            today,
            classify,
            statuses: &[],
        }
    }

    /// `doc` reduced to the tasks kept.
    pub(crate) fn note(&self, mut doc: Document) -> Note {
        let (today, cs) = (self.today, self.classify);
        let links = doc
            .tasks
            .iter()
            .filter_map(|t| Link::of(t, &doc.path, today, cs))
            .collect();
        let keep = self.keep(&doc);
        let steps = steps(&doc, &keep);
        let mut index = 0;
        doc.tasks.retain(|_| {
            index += 1;
            keep[index - 1]
        });
        Note { doc, steps, links }
    }

    /// A copy of the tasks of `doc` kept, with its path (no problems, no links: the caller
    /// keeps those of the whole note).
    pub(crate) fn copy(&self, doc: &Document) -> Note {
        let keep = self.keep(doc);
        let tasks = doc
            .tasks
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(t, _)| t.clone())
            .collect();
        Note {
            steps: steps(doc, &keep),
            doc: Document {
                path: doc.path.clone(),
                tasks,
                ..Document::default()
            },
            links: Vec::new(),
        }
    }

    /// For each task of `doc`: it is kept.
    fn keep(&self, doc: &Document) -> Vec<bool> {
        match self.queries {
            None => vec![true; doc.tasks.len()],
            Some(queries) => {
                // No filter here reads the index: an empty one answers the same.
                let none = Dependencies::default();
                doc.tasks
                    .iter()
                    .map(|t| {
                        let item = Item::new(doc, t, &none, self.statuses, self.today);
                        queries.iter().any(|q| q.keeps(&item))
                    })
                    .collect()
            }
        }
    }
}

/// For each kept task of `doc`: it has steps.
fn steps(doc: &Document, keep: &[bool]) -> Vec<bool> {
    (0..doc.tasks.len())
        .filter(|&i| keep[i])
        .map(|i| has_steps(doc, i))
        .collect()
}

/// The items of the kept tasks of `notes`, in note then task order, with each one's note
/// and task index (into the note's kept tasks).
pub(crate) fn items<'a>(
    notes: &'a [Note],
    deps: &Dependencies,
    statuses: &'a [StatusDef],
    today: NaiveDate,
) -> (Vec<Item<'a>>, Vec<(usize, usize)>) {
    let mut items = Vec::new();
    let mut places = Vec::new();
    for (n, note) in notes.iter().enumerate() {
        for (t, task) in note.doc.tasks.iter().enumerate() {
            items.push(Item::new(&note.doc, task, deps, statuses, today));
            places.push((n, t));
        }
    }
    (items, places)
}

/// The dependency index of the whole vault, from its notes' links (in note order, as
/// [`Dependencies::of_documents`] builds it from whole notes); the links are moved out.
pub(crate) fn dependencies(notes: &mut [Note]) -> Dependencies {
    Dependencies::build(notes.iter_mut().flat_map(|n| std::mem::take(&mut n.links)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ParseOptions, parse_document};
    use std::collections::BTreeMap;

    const NOTE: &str = "- [ ] plan 🆔 p\n\
                        \x20   - [x] step\n\
                        - [x] shipped\n\
                        - [ ] wait ⛔ p\n\
                        \x20   - [ ] sub\n";

    /// The lines and steps a note keeps for `query`, and how many links it keeps.
    #[track_caller]
    fn check(query: &str, lines: &[usize], steps: &[bool]) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let presets = BTreeMap::new();
        let ctx = super::super::Context {
            today,
            file: None,
            presets: &presets,
        };
        let q = super::super::parse(query, 1, &ctx).unwrap();
        let cs = ClassifySettings::default();
        let queries = [&q];
        let doc = parse_document("n.md", NOTE.as_bytes(), &ParseOptions::default());
        let note = Sieve::new(&queries, today, &cs, &[]).note(doc);
        let kept: Vec<usize> = note.doc.tasks.iter().map(|t| t.line).collect();
        assert_eq!(kept, lines, "{query}");
        assert_eq!(note.steps, steps, "{query}");
        assert_eq!(
            note.links.len(),
            2,
            "{query}: every open task with an id or a dependency"
        );
    }

    #[test]
    fn a_note_keeps_the_tasks_its_query_shows() {
        check("not done", &[1, 4, 5], &[true, true, false]);
        check("done", &[2, 3], &[false, false]);
        check("description includes s", &[2, 3, 5], &[false, false, false]);
        check("path includes other", &[], &[]);
        // Blocked needs the whole vault: every task is kept, decided later.
        check(
            "is blocked",
            &[1, 2, 3, 4, 5],
            &[true, false, false, true, false],
        );
        check(
            "not done\nNOT (is blocking)",
            &[1, 2, 3, 4, 5],
            &[true, false, false, true, false],
        );
    }
}
