//! The classified rows of every document kept between digests, for `ike watch`: after a
//! save only the changed documents are classified again, and their rows are taken out of
//! and put back into the standing sections ([`Standing`]), so that an update costs a few
//! set operations per changed task, not a pass over a million (tens of milliseconds
//! where classifying and sorting everything again takes hundreds).
//!
//! Rows depend on the day and the classification settings: when either differs from the
//! last build, everything is classified again.

use super::row::{self, EntrySource, Row};
use super::rules::Notes;
use super::standing::{self, Sign, Standing};
use super::{Digest, DigestSettings};
use crate::classify::{ClassifySettings, Dependencies};
use crate::model::Document;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The rows of one document, and the assignees of its delegated tasks: what is filed
/// into the standing lists, kept to take it out again.
#[derive(Debug)]
struct DocumentRows {
    rows: Vec<Row>,
    assignees: Vec<Box<str>>,
}

impl DocumentRows {
    fn of(doc: &Document, today: NaiveDate, cs: &ClassifySettings, deps: &Dependencies) -> Self {
        let rows = row::rows(doc, today, cs, deps);
        let assignees = standing::assignees(doc, &rows);
        Self { rows, assignees }
    }
}

/// The rows of the documents of the last build, by path, and the sections they make.
#[derive(Debug, Default)]
pub struct Ledger {
    /// The day and settings the rows were made for.
    basis: Option<(NaiveDate, ClassifySettings)>,
    /// The dependency index the rows were made with: a save in one note can block or
    /// free tasks in others, so when it changes, every row is made again.
    deps: Dependencies,
    documents: BTreeMap<Arc<str>, DocumentRows>,
    standing: Standing,
}

impl Ledger {
    /// An empty ledger: the first build classifies everything.
    pub fn new() -> Self {
        Self::default()
    }

    /// The digest of `docs`, equal to [`super::build`]'s, classifying again only the
    /// documents at the paths in `changed` (added, modified or removed since the last
    /// build). `docs` are sorted by path, as a scan and the watcher keep them; when they
    /// are not, or the ledger's documents do not match them, everything is classified
    /// again.
    pub fn build<'a, 'p>(
        &mut self,
        docs: &'a [Document],
        changed: impl IntoIterator<Item = &'p str>,
        today: NaiveDate,
        cs: &ClassifySettings,
        ds: &DigestSettings,
    ) -> Digest<'a> {
        if !docs.windows(2).all(|w| w[0].path < w[1].path) {
            // Out of order, or two documents with one path: build from scratch.
            *self = Self::new();
            return super::build(docs, today, cs, ds);
        }
        let deps = crate::classify::Dependencies::of_documents(docs, today, cs);
        let same_basis = self.deps == deps
            && self
                .basis
                .as_ref()
                .is_some_and(|(day, settings)| *day == today && settings == cs);
        self.deps = deps;
        if same_basis {
            for path in changed {
                self.take_out(path);
                if let Ok(i) = docs.binary_search_by(|d| d.path.as_str().cmp(path)) {
                    let rows = DocumentRows::of(&docs[i], today, cs, &self.deps);
                    self.put_in(Arc::from(path), rows);
                }
            }
        }
        // Rows must fit their documents (a document changed without a word keeps its
        // rows only while they do): they are never trusted past its tasks.
        let in_step = same_basis
            && self.documents.len() == docs.len()
            && self.documents.iter().zip(docs).all(|((path, kept), doc)| {
                **path == *doc.path && kept.rows.len() == doc.tasks.len()
            });
        if !in_step {
            self.restart(docs, today, cs);
        }
        let documents = &self.documents;
        let notes = Notes {
            notes: docs.len(),
            problems: docs.iter().map(|d| d.problems.len()).sum(),
        };
        let at = |path: &str, task: u32| {
            let doc = &docs[docs.binary_search_by(|d| d.path.as_str().cmp(path)).ok()?];
            Some((doc, documents.get(path)?.rows.get(task as usize)?))
        };
        let deps = &self.deps;
        let me = cs.me.as_deref();
        self.standing.digest(
            notes,
            today,
            cs,
            ds,
            |path, task| at(path, task).and_then(|(doc, row)| doc.entry(row)),
            |path, task| {
                at(path, task)
                    .map(|(doc, row)| doc.waits_for(row, deps, me))
                    .unwrap_or_default()
            },
        )
    }

    /// Classify every document again.
    fn restart(&mut self, docs: &[Document], today: NaiveDate, cs: &ClassifySettings) {
        let deps = &self.deps;
        let all: Vec<DocumentRows> = docs
            .par_iter()
            .map(|d| DocumentRows::of(d, today, cs, deps))
            .collect();
        self.documents.clear();
        self.standing = Standing::default();
        for (doc, kept) in docs.iter().zip(all) {
            let path: Arc<str> = Arc::from(doc.path.as_str());
            self.standing
                .apply(Sign::Load, &path, &kept.rows, &kept.assignees);
            self.documents.insert(path, kept);
        }
        self.standing.build_sets();
        self.basis = Some((today, cs.clone()));
    }

    /// File a document's rows into the standing lists and keep them.
    fn put_in(&mut self, path: Arc<str>, kept: DocumentRows) {
        self.standing
            .apply(Sign::Add, &path, &kept.rows, &kept.assignees);
        self.documents.insert(path, kept);
    }

    /// Take the rows of the document at `path` (if kept) out of the standing lists.
    fn take_out(&mut self, path: &str) {
        if let Some((path, kept)) = self.documents.remove_entry(path) {
            self.standing
                .apply(Sign::Take, &path, &kept.rows, &kept.assignees);
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ParseOptions, parse_document};

    fn note(path: &str, text: &str) -> Document {
        parse_document(path, text.as_bytes(), &ParseOptions::default())
    }

    fn day(s: &str) -> NaiveDate {
        crate::parse::value::date(s).expect("date")
    }

    /// A small vault: each note mixes quadrants, a delegated task and a done one.
    fn vault() -> Vec<Document> {
        let mut docs: Vec<Document> = (0..6)
            .map(|i| {
                note(
                    &format!("n{i}.md"),
                    &format!(
                        "- [ ] call {i} 📅 2026-11-2{i} ⏫\n\
                         - [ ] plan {i} [impact:: {}]\n\
                         - [ ] ask bob {i} [assignee:: bob] [followup:: 2026-11-2{i}]\n\
                         - [x] shipped {i} ✅ 2026-11-21\n",
                        i + 3
                    ),
                )
            })
            .collect();
        docs.sort_by(|a, b| a.path.cmp(&b.path));
        docs
    }

    fn fresh<'a>(docs: &'a [Document], today: NaiveDate, cs: &ClassifySettings) -> Digest<'a> {
        super::super::build(docs, today, cs, &DigestSettings::default())
    }

    #[test]
    fn follows_changes_told_and_equals_a_fresh_build() {
        let cs = ClassifySettings::default();
        let ds = DigestSettings::default();
        let today = day("2026-11-21");
        let mut ledger = Ledger::new();
        let mut docs = vault();
        let first = ledger.build(&docs, [], today, &cs, &ds);
        assert_eq!(first, fresh(&docs, today, &cs));
        assert_eq!(first.counts.tasks, 24);

        // Each step changes the vault and tells the ledger which paths changed.
        type Step = fn(&mut Vec<Document>) -> Vec<&'static str>;
        let steps: [(&str, Step); 4] = [
            ("modified", |d| {
                d[2] = note("n2.md", "- [ ] only one now 📅 2026-11-01\n");
                vec!["n2.md"]
            }),
            ("added", |d| {
                d.push(note("m.md", "- [ ] new 🔺\n- [x] old ✅ 2026-11-20\n"));
                d.sort_by(|a, b| a.path.cmp(&b.path));
                vec!["m.md"]
            }),
            ("removed", |d| {
                d.retain(|doc| doc.path != "n4.md");
                vec!["n4.md"]
            }),
            ("all three", |d| {
                d.retain(|doc| doc.path != "n0.md");
                d[0] = note(&d[0].path.clone(), "- [ ] changed [assignee:: carol]\n");
                d.push(note("z.md", "- [ ] last\n"));
                vec!["n0.md", "m.md", "z.md"]
            }),
        ];
        for (name, step) in steps {
            let changed = step(&mut docs);
            let got = ledger.build(&docs, changed, today, &cs, &ds);
            assert_eq!(got, fresh(&docs, today, &cs), "{name}");
        }
    }

    #[test]
    fn keeps_the_rows_of_documents_not_told_of() {
        // The ledger is incremental: a document changed behind its back keeps its old
        // rows (the watcher always tells it) while they fit its tasks; when they no longer
        // fit, everything is classified again rather than trusted.
        let cs = ClassifySettings::default();
        let ds = DigestSettings::default();
        let today = day("2026-11-21");
        let mut ledger = Ledger::new();
        let mut docs = vault();
        let before = ledger.build(&docs, [], today, &cs, &ds).counts;
        let all_done = "- [x] a ✅ 2026-11-21\n- [x] b ✅ 2026-11-21\n\
                        - [x] c ✅ 2026-11-21\n- [x] d ✅ 2026-11-21\n";
        docs[1] = note("n1.md", all_done);
        let stale = ledger.build(&docs, [], today, &cs, &ds);
        assert_eq!(stale.counts, before);
        assert_ne!(stale, fresh(&docs, today, &cs));

        docs[2] = note("n2.md", "- [x] one ✅ 2026-11-21\n");
        let refit = ledger.build(&docs, [], today, &cs, &ds);
        assert_eq!(refit, fresh(&docs, today, &cs));
        assert_eq!(refit.counts.tasks, before.tasks - 3);
        assert_eq!(refit.counts.done, before.done + 3);

        let tomorrow = day("2026-11-22");
        let next_day = ledger.build(&docs, [], tomorrow, &cs, &ds);
        assert_eq!(next_day, fresh(&docs, tomorrow, &cs));
    }

    #[test]
    fn starts_over_when_settings_change_or_documents_are_out_of_order() {
        let ds = DigestSettings::default();
        let today = day("2026-11-21");
        let mut ledger = Ledger::new();
        let docs = vault();
        let cs = ClassifySettings::default();
        ledger.build(&docs, [], today, &cs, &ds);
        let alice = ClassifySettings {
            me: Some("bob".to_owned()),
            ..ClassifySettings::default()
        };
        let got = ledger.build(&docs, [], today, &alice, &ds);
        assert_eq!(got, fresh(&docs, today, &alice));
        assert_eq!(got.counts.waiting_on, 0);

        let mut shuffled = docs.clone();
        shuffled.reverse();
        let got = ledger.build(&shuffled, [], today, &cs, &ds);
        assert_eq!(got, fresh(&shuffled, today, &cs));
        assert_eq!(got.counts.waiting_on, 6);
    }

    #[test]
    fn what_blocked_tasks_wait_for_follows_edits_to_their_blockers() {
        let cs = ClassifySettings {
            me: Some("eve".into()),
            ..ClassifySettings::default()
        };
        let ds = DigestSettings::default();
        let today = day("2026-11-21");
        const BLOCKERS: &str = "- [ ] B0 🆔 t0\n- [ ] B1 🆔 t1 [assignee:: bob]\n- [ ] B2 🆔 t2\n\
                        - [ ] B3 🆔 t3 ⛔ t9\n- [ ] B4 🆔 t4\n";
        let mut docs = vec![
            note("a.md", BLOCKERS),
            note("b.md", "- [ ] Wait ⛔ t1,t0,t2,t3,t4 📅 2026-11-22\n"),
            note("c.md", "- [ ] Nine 🆔 t9\n"),
        ];
        let mut ledger = Ledger::new();
        // What the first blocked task waits for: (description, line, delegated to), more.
        type Shown = (Vec<(String, usize, Option<String>)>, usize);
        let shown = |d: &Digest<'_>| -> Shown {
            let w = &d.blocked[0].waits;
            let named = w.waits_for.iter();
            let named = named.map(|b| (b.description.clone(), b.line, b.delegated_to.clone()));
            (named.collect(), w.more_blockers)
        };
        let first = ledger.build(&docs, [], today, &cs, &ds);
        assert_eq!(first, fresh(&docs, today, &cs));
        let b = |d: &str, l: usize, who: Option<&str>| (d.to_owned(), l, who.map(str::to_owned));
        assert_eq!(
            shown(&first),
            (
                vec![b("B1", 2, Some("bob")), b("B0", 1, None), b("B2", 3, None)],
                2
            )
        );
        // "B3" waits for "Nine" in turn: a chain, two blocked tasks.
        assert_eq!(first.counts.blocked, 2);

        type Step = fn(&mut Vec<Document>) -> &'static str;
        let steps: [(&str, Step, Shown); 3] = [
            (
                "a line above the blockers, B0 renamed",
                |d| {
                    d[0] = note(
                        "a.md",
                        &format!("intro\n{}", BLOCKERS.replace("B0", "Zero")),
                    );
                    "a.md"
                },
                (
                    vec![
                        b("B1", 3, Some("bob")),
                        b("Zero", 2, None),
                        b("B2", 4, None),
                    ],
                    2,
                ),
            ),
            (
                "B1 done, B2 handed to carol",
                |d| {
                    let text = BLOCKERS
                        .replace("- [ ] B1", "- [x] B1")
                        .replace("B2 🆔 t2", "B2 🆔 t2 [assignee:: carol]");
                    d[0] = note("a.md", &text);
                    "a.md"
                },
                (
                    vec![
                        b("B0", 1, None),
                        b("B2", 3, Some("carol")),
                        b("B3", 4, None),
                    ],
                    1,
                ),
            ),
            (
                "the end of the chain is done: B3 is no longer blocked",
                |d| {
                    d[2] = note("c.md", "- [x] Nine 🆔 t9\n");
                    "c.md"
                },
                (
                    vec![
                        b("B0", 1, None),
                        b("B2", 3, Some("carol")),
                        b("B3", 4, None),
                    ],
                    1,
                ),
            ),
        ];
        for (name, step, want) in steps {
            let changed = step(&mut docs);
            let got = ledger.build(&docs, [changed], today, &cs, &ds);
            assert_eq!(got, fresh(&docs, today, &cs), "{name}");
            assert_eq!(shown(&got), want, "{name}");
        }
        assert_eq!(ledger.build(&docs, [], today, &cs, &ds).counts.blocked, 1);
    }

    /// One task line from a few numbers: status, due offset, priority, assignee, effort.
    fn task_line(n: &(u8, i8, u8, u8, u8)) -> String {
        let (status, due, priority, who, effort) = *n;
        let status = [" ", "x", "/", "-"][usize::from(status % 4)];
        let mut line = format!("- [{status}] task");
        if due % 5 != 0 {
            let date = day("2026-11-21") + chrono::Days::new(30)
                - chrono::Days::new(due.unsigned_abs().into());
            line.push_str(&format!(" 📅 {date}"));
        }
        line.push_str(["", " ⏫", " 🔽", " 🔺"][usize::from(priority % 4)]);
        line.push_str(
            [
                "",
                " [assignee:: Bob]",
                " [assignee:: bob] [followup:: 2026-11-20]",
                " [assignee:: eve]",
                " [assignee:: bob] [checkin:: weekly] [followup:: 2026-11-10]",
                " [assignee:: Bob] [checkin:: every 3 days] ➕ 2026-11-01",
            ][usize::from(who % 6)],
        );
        line.push_str(
            [
                "",
                " #value",
                " [estimate:: 15m]",
                " [impact:: 9]",
                " #admin [estimate:: 2h]",
                " #learn #scalable",
                " #email",
            ][usize::from(effort % 7)],
        );
        // Ids and dependencies across notes: a save in one note blocks or frees tasks
        // in others. Blockers may be delegated (`who`), blocked themselves (chains, and
        // cycles), or more than a blocked entry names.
        match (u16::from(due.unsigned_abs()) + u16::from(priority)) % 7 {
            0 => line.push_str(&format!(" 🆔 t{}", who % 5)),
            4 => line.push_str(&format!(" 🆔 t{}", effort % 5)),
            1 => line.push_str(&format!(" ⛔ t{}", effort % 5)),
            2 => line.push_str(&format!(
                " 🆔 t{} ⛔ t{}",
                who.wrapping_add(1) % 5,
                effort % 5
            )),
            3 => line.push_str(" ⛔ t4,t3,t0,t2,t1"),
            _ => {}
        }
        if status == "x" {
            line.push_str(" ✅ 2026-11-21");
        }
        line
    }

    fn note_of(path: &str, tasks: &[(u8, i8, u8, u8, u8)]) -> Document {
        let text: String = tasks.iter().map(|t| task_line(t) + "\n").collect();
        note(path, &text)
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Any sequence of edits, told to the ledger, gives the digest a fresh build gives,
        /// with lists cut short (so the order decides what is shown); so do slim sheets.
        #[test]
        fn any_edits_equal_a_fresh_build(
            steps in proptest::collection::vec(
                (0u8..8, proptest::collection::vec(any::<(u8, i8, u8, u8, u8)>(), 0..6)),
                1..12,
            ),
            max_items in 0usize..3,
        ) {
            let cs = ClassifySettings { me: Some("eve".into()), ..ClassifySettings::default() };
            let ds = DigestSettings { max_items, vital_few_share: 0.3, ..DigestSettings::default() };
            let today = day("2026-11-21");
            let mut ledger = Ledger::new();
            let mut docs: Vec<Document> = Vec::new();
            for (slot, tasks) in steps {
                let path = format!("n{slot}.md");
                // Every other step at a slot already taken removes the note instead.
                let taken = docs.iter().position(|d| d.path == path);
                match taken {
                    Some(i) if tasks.len() % 2 == 1 => {
                        docs.remove(i);
                    }
                    Some(i) => docs[i] = note_of(&path, &tasks),
                    None => {
                        docs.push(note_of(&path, &tasks));
                        docs.sort_by(|a, b| a.path.cmp(&b.path));
                    }
                }
                let got = ledger.build(&docs, [path.as_str()], today, &cs, &ds);
                let want = fresh_with(&docs, today, &cs, &ds);
                // The slim sheets `ike digest` keeps give the same digest too.
                let sheets: Vec<super::super::Sheet> = docs
                    .iter()
                    .map(|d| super::super::Sheet::of(d.clone(), today, &cs, &crate::classify::Dependencies::of_documents(&docs, today, &cs)))
                    .collect();
                prop_assert_eq!(&super::super::build_sheets(&sheets, today, &cs, &ds), &want);
                // Trimmed as a scan trims them (in any order), they give it too.
                let memo = super::super::SheetMemo { today, classify: &cs };
                let trim = super::super::SheetTrim::new(memo, max_items);
                let mut trimmed = sheets.clone();
                for sheet in trimmed.iter_mut().rev() {
                    trim.trim(sheet);
                }
                prop_assert_eq!(&super::super::build_sheets(&trimmed, today, &cs, &ds), &want);
                // Trimmed as they are made (a scan without the cache), they are the sheets
                // trimmed once made, and give it too.
                let (as_made, once_made) = (
                    super::super::SheetTrim::new(super::super::SheetMemo { today, classify: &cs }, max_items),
                    super::super::SheetTrim::new(super::super::SheetMemo { today, classify: &cs }, max_items),
                );
                let deps = crate::classify::Dependencies::of_documents(&docs, today, &cs);
                let mut made = Vec::new();
                for d in docs.iter().rev() {
                    let (mut sheet, _) = as_made.unlinked(d.clone(), today, &cs);
                    let (mut want_sheet, _) = super::super::Sheet::unlinked(d.clone(), today, &cs);
                    once_made.trim(&mut want_sheet);
                    // It keeps the rows the sheet trimmed once made keeps entries for,
                    // with those entries, and the others only add to its counts.
                    prop_assert_eq!(shown(&sheet, true), shown(&want_sheet, false));
                    prop_assert_eq!(counted(&sheet), counted(&want_sheet));
                    prop_assert!(sheet.rows().len() <= want_sheet.rows().len());
                    sheet.link(today, &cs, &deps);
                    made.push(sheet);
                }
                made.reverse();
                prop_assert_eq!(&super::super::build_sheets(&made, today, &cs, &ds), &want);
                prop_assert_eq!(got, want);
            }
        }
    }

    /// The rows of `sheet` that have an entry, with it (`all`: every row, entry or not).
    fn shown(sheet: &super::super::Sheet, all: bool) -> Vec<String> {
        use super::super::EntrySource;
        sheet
            .rows()
            .iter()
            .map(|row| (row, sheet.entry(row)))
            .filter(|(_, entry)| all || entry.is_some())
            .map(|(row, entry)| format!("{row:?} {entry:?}"))
            .collect()
    }

    /// What all the tasks of `sheet` add to the counts, and the vital few's keys (without
    /// place) of its own open tasks, runs spelled out, sorted.
    fn counted(sheet: &super::super::Sheet) -> (super::super::rules::Tally, Vec<String>) {
        use super::super::order::{ByLeverage, Score};
        use std::cmp::Reverse;
        let mut tally = sheet.unlisted();
        let mut keys = Vec::new();
        for row in sheet.rows() {
            tally.add(&super::super::rules::tally_unlisted(row));
            if row.quadrant.is_some() && !row.delegated {
                let key = ByLeverage(
                    Reverse(Score(row.vital_leverage)),
                    Reverse(Score(row.urgency)),
                    (),
                    row.impact,
                );
                keys.push(format!("{key:?}"));
            }
        }
        for run in sheet.runs() {
            keys.extend((0..run.rows).map(|_| format!("{:?}", run.key(()))));
        }
        keys.sort();
        (tally, keys)
    }

    fn fresh_with<'a>(
        docs: &'a [Document],
        today: NaiveDate,
        cs: &ClassifySettings,
        ds: &DigestSettings,
    ) -> Digest<'a> {
        super::super::build(docs, today, cs, ds)
    }
}
