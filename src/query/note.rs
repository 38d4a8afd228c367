//! A note as a query run keeps it: read one note at a time (on the loader's threads), it
//! keeps only the tasks its queries can show, what the dependency index needs of every
//! open task, and whether each kept task has steps (which the full note knew). A query
//! over a large vault then holds a few tasks instead of every parsed note.

use super::bound::Bound;
use super::places::Places;
use super::{Item, Items, Query};
use crate::classify::{ClassifySettings, Dependencies, Link, has_steps};
use crate::model::{Document, Task};
use crate::obsidian::StatusDef;
use crate::vault::{Skim, Verdict};
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
        let (keep, steps) = self.marks(&doc);
        doc.skimmed = None;
        retain_marked(&mut doc.tasks, &keep);
        Note { doc, steps, links }
    }

    /// A copy of the tasks of `doc` kept, with its path (no problems, no links: the caller
    /// keeps those of the whole note).
    pub(crate) fn copy(&self, doc: &Document) -> Note {
        let (keep, steps) = self.marks(doc);
        let tasks = doc
            .tasks
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(t, _)| t.clone())
            .collect();
        Note {
            steps,
            doc: Document {
                path: doc.path.clone(),
                tasks,
                ..Document::default()
            },
            links: Vec::new(),
        }
    }

    /// For each task of `doc`: it is kept; and for each kept task: it has steps. The tasks
    /// of a skimmed note that its skim (this sieve's [`Heads`]) judged are not judged again.
    fn marks(&self, doc: &Document) -> (Vec<bool>, Vec<bool>) {
        // No filter here reads the index: an empty one answers the same.
        let none = Dependencies::default();
        let Some(skimmed) = &doc.skimmed else {
            let keep: Vec<bool> = doc
                .tasks
                .iter()
                .map(|t| self.keeps(doc, t, &none))
                .collect();
            let steps = steps(doc, &keep);
            return (keep, steps);
        };
        let keep: Vec<bool> = doc
            .tasks
            .iter()
            .zip(&skimmed.judged)
            .map(|(t, &judged)| judged || self.keeps(doc, t, &none))
            .collect();
        let steps = skimmed
            .steps
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(s, _)| *s)
            .collect();
        (keep, steps)
    }

    /// `task` of `doc` is kept (`none`: an empty dependency index).
    fn keeps(&self, doc: &Document, task: &Task, none: &Dependencies) -> bool {
        match self.queries {
            None => true,
            Some(_) => self.passes(&Item::for_filters(doc, task, none, self.statuses)),
        }
    }

    /// `item` passes one of the queries (every item does when there are none).
    fn passes(&self, item: &Item<'_>) -> bool {
        self.queries
            .is_none_or(|queries| queries.iter().any(|q| q.keeps(item)))
    }
}

/// Which cached tasks a query run keeps and decodes in full: a [`Sieve`] whose queries'
/// filters read only a task's head decides each task from its head, so the tasks it drops
/// never become tasks, and the ones it keeps are not judged again ([`Sieve::note`]).
#[derive(Debug)]
pub(crate) struct Heads<'q> {
    sieve: Sieve<'q>,
    /// The tasks the sieve keeps are decoded in full; else they are kept as heads (a
    /// `limit N` query chooses its first N among them, then reads those notes again).
    kept_whole: bool,
    /// The note a head is offered in: no filter that reads heads reads the note.
    blank: Document,
    none: Dependencies,
    /// For a `limit N` query choosing among heads: the heads that cannot be among its
    /// first N are dropped.
    bound: Option<Bound>,
}

impl<'q> Heads<'q> {
    /// The skim of `sieve`, or `None` when one of its queries reads more than heads.
    pub(crate) fn new(sieve: Sieve<'q>, kept_whole: bool) -> Option<Self> {
        let queries = sieve.queries?;
        queries
            .iter()
            .all(|q| q.filters_read_heads())
            .then(|| Self {
                sieve,
                kept_whole,
                blank: Document::default(),
                none: Dependencies::default(),
                bound: None,
            })
    }

    /// The same skim, dropping the heads `bound` says cannot be among the first N.
    pub(crate) fn with_bound(self, bound: Option<Bound>) -> Self {
        Self { bound, ..self }
    }
}

impl Skim for Heads<'_> {
    fn begin_note(&self) {
        if let Some(bound) = &self.bound {
            bound.begin_note();
        }
    }

    fn judge(&self, head: &Task) -> Verdict {
        let item = Item::for_filters(&self.blank, head, &self.none, self.sieve.statuses);
        if !self.sieve.passes(&item) {
            Verdict::Drop
        } else if self.kept_whole {
            Verdict::Whole
        } else if self.bound.as_ref().is_some_and(|b| !b.admits(&item)) {
            Verdict::Drop
        } else {
            Verdict::Head
        }
    }
}

/// The skim of a note read again for the first N tasks of a `limit N` query, chosen
/// among its heads: the tasks on the chosen lines are decoded whole, the others left out.
#[derive(Debug)]
pub(crate) struct Chosen {
    /// The chosen tasks' lines, ascending.
    lines: Vec<u32>,
}

impl Chosen {
    /// The skim that keeps the tasks of `doc` (the note as its heads were kept).
    pub(crate) fn of(doc: &Document) -> Self {
        let mut lines: Vec<u32> = doc.tasks.iter().map(|t| t.line).collect();
        lines.sort_unstable();
        Self { lines }
    }
}

impl Skim for Chosen {
    fn judge(&self, head: &Task) -> Verdict {
        match self.lines.binary_search(&head.line) {
            Ok(_) => Verdict::Whole,
            Err(_) => Verdict::Drop,
        }
    }
}

/// Keep the elements of `v` whose mark in `keep` is true.
fn retain_marked<T>(v: &mut Vec<T>, keep: &[bool]) {
    let mut marks = keep.iter();
    v.retain(|_| marks.next().copied().unwrap_or_default());
}

/// For each kept task of `doc`: it has steps.
fn steps(doc: &Document, keep: &[bool]) -> Vec<bool> {
    (0..doc.tasks.len())
        .filter(|&i| keep[i])
        .map(|i| has_steps(doc, i))
        .collect()
}

/// The notes a `limit N` query keeps after a batch, and the notes it lets go.
#[derive(Debug, Default)]
pub(crate) struct First {
    /// The notes holding one of the first `n` tasks, with only those tasks, in path order.
    pub kept: Vec<Note>,
    /// Every other note, whole. Freeing them is most of the cost of this step; the caller
    /// chooses when (on all threads, or not at all when the run is about to end).
    pub let_go: Vec<Note>,
}

/// `notes` (in path order) with only the tasks among the first `n` in `query`'s order,
/// notes left with none set apart. The first `n` of more notes are among these and the
/// first `n` of the notes that follow: a `limit N` query keeps no more while it reads.
/// The notes' filters must already be decided (by a [`Sieve`] of `query`); sorting never
/// reads the dependency index, so an empty one serves here.
pub(crate) fn first(
    query: &Query,
    n: usize,
    notes: Vec<Note>,
    statuses: &[StatusDef],
    today: NaiveDate,
) -> First {
    let mut keep: Vec<Vec<bool>> = notes
        .iter()
        .map(|n| vec![false; n.doc.tasks.len()])
        .collect();
    {
        let none = Dependencies::default();
        let items = Places::new(&notes, &none, statuses, today);
        let all: Vec<usize> = items.indexes().collect();
        for i in super::order::sorted(&query.order(), &items, &all, Some(n)) {
            let (note, task) = items.place(i);
            keep[note][task] = true;
        }
    }
    // Most notes are let go: room for all of them at once (a note is large to move).
    let mut first = First {
        kept: Vec::new(),
        let_go: Vec::with_capacity(notes.len()),
    };
    for (mut note, keep) in notes.into_iter().zip(keep) {
        if keep.contains(&true) {
            retain_marked(&mut note.doc.tasks, &keep);
            retain_marked(&mut note.steps, &keep);
            // A note of a million tasks keeps a few: its list is let go, not kept empty.
            note.doc.tasks.shrink_to_fit();
            first.kept.push(note);
        } else {
            first.let_go.push(note);
        }
    }
    first
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
        let kept: Vec<usize> = note.doc.tasks.iter().map(|t| t.line()).collect();
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

    /// The (path, line) of each task `query` shows over `notes`.
    fn shown(query: &Query, notes: &[Note], today: NaiveDate) -> Vec<(String, usize)> {
        let deps = Dependencies::default();
        let items = Places::new(notes, &deps, &[], today);
        let result = super::super::run(query, &items);
        let tasks = result.groups.iter().flat_map(|g| g.items.iter());
        tasks
            .map(|&i| (items.item(i).path().to_owned(), items.item(i).task.line()))
            .collect()
    }

    #[test]
    fn the_first_n_batch_after_batch_are_the_first_n_of_all() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let texts = [
            (
                "a.md",
                "- [ ] b 📅 2026-11-24\n- [ ] a ⏫\n- [x] z\n- [ ] c 🔽\n",
            ),
            ("b.md", "- [ ] a 📅 2026-11-20\n- [ ] d\n"),
            ("c.md", "no tasks\n"),
            (
                "d.md",
                "- [ ] e 📅 2026-11-26 ⏫\n- [/] f\n- [ ] a\n    - [ ] g\n",
            ),
        ];
        let presets = BTreeMap::new();
        let ctx = super::super::Context {
            today,
            file: None,
            presets: &presets,
        };
        let cs = ClassifySettings::default();
        for source in [
            "not done\nlimit 3",
            "limit 5\nsort by description",
            "limit 1\ngroup by filename",
            "limit 0",
            "done\nlimit 9",
        ] {
            let q = super::super::parse(source, 1, &ctx).unwrap();
            let queries = [&q];
            let sieve = Sieve::new(&queries, today, &cs, &[]);
            let notes = || {
                texts.iter().map(|(p, t)| {
                    sieve.note(parse_document(p, t.as_bytes(), &ParseOptions::default()))
                })
            };
            let all: Vec<Note> = notes().collect();
            let want = shown(&q, &all, today);
            for batch in [1, 2, 3] {
                let mut kept = Vec::new();
                let mut pending: Vec<Note> = notes().collect();
                while !pending.is_empty() {
                    let rest = pending.split_off(batch.min(pending.len()));
                    kept.extend(pending);
                    let offered: Vec<String> = kept.iter().map(|n| n.doc.path.clone()).collect();
                    let found = first(&q, q.limit.unwrap(), kept, &[], today);
                    // Every note offered is either kept or let go, in path order.
                    let mut back: Vec<String> = found
                        .kept
                        .iter()
                        .chain(&found.let_go)
                        .map(|n| n.doc.path.clone())
                        .collect();
                    back.sort();
                    assert_eq!(back, offered, "{source}, batches of {batch}");
                    kept = found.kept;
                    pending = rest;
                }
                let kept_tasks: usize = kept.iter().map(|n| n.doc.tasks.len()).sum();
                assert!(kept_tasks <= q.limit.unwrap(), "{source}");
                assert_eq!(
                    shown(&q, &kept, today),
                    want,
                    "{source}, batches of {batch}"
                );
            }
        }
    }
}
