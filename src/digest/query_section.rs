//! Digest sections defined by queries: the `digest.sections` list of `.ike.yaml` (a title
//! and a query in the Obsidian Tasks language each), checked when the config is read, and
//! run over the parsed documents each time a digest is built. docs/query.md ("Digest
//! sections") describes them.

use super::{DigestSections, Entry};
use crate::classify::{ClassifySettings, Dependencies, has_steps};
use crate::model::Document;
use crate::obsidian::{StatusDef, TasksPlugin};
use crate::query::note::Note;
use crate::query::{self, Context, Item, Query, QueryError};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::ops::Deref;

/// One section of the config: its title, and its query (with where it is in the config,
/// for errors).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuerySection {
    /// The section's heading.
    pub title: String,
    /// The query's text, newline-separated lines.
    pub query: Spanned<String>,
}

/// The key, inside the map form of `digest.sections`, of the sections defined by queries.
const QUERIES_KEY: &str = "queries";

/// The `digest.sections` key: a map switches the standard sections on and off (and may
/// hold the sections defined by queries under `queries`); a list is those sections alone
/// (the standard ones all shown). Reads as the switches.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SectionsKey {
    /// Which standard sections appear.
    pub shown: DigestSections,
    /// The sections defined by queries, in order.
    pub queries: Vec<QuerySection>,
}

impl Deref for SectionsKey {
    type Target = DigestSections;
    fn deref(&self) -> &DigestSections {
        &self.shown
    }
}

impl<'de> Deserialize<'de> for SectionsKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = SectionsKey;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map of section switches, or a list of `{title, query}`")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                // The switches, and the query sections under `queries`: read apart so
                // that the queries keep their places in the file.
                let mut switches: Vec<(String, bool)> = Vec::new();
                let mut queries = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if key == QUERIES_KEY {
                        queries = map.next_value()?;
                    } else {
                        switches.push((key, map.next_value()?));
                    }
                }
                let shown =
                    DigestSections::deserialize(serde::de::value::MapDeserializer::<
                        _,
                        serde::de::value::Error,
                    >::new(switches.into_iter()))
                    .map_err(|e| serde::de::Error::custom(with_queries_key(&e.to_string())))?;
                Ok(SectionsKey { shown, queries })
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<Self::Value, A::Error> {
                let queries = Vec::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
                Ok(SectionsKey {
                    shown: DigestSections::default(),
                    queries,
                })
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// A switches' error naming the keys accepted beside `queries`: `queries` is one too.
fn with_queries_key(message: &str) -> String {
    if message.contains("expected one of ") {
        format!("{message}, `{QUERIES_KEY}`")
    } else {
        message.to_owned()
    }
}

/// A query section as built: its title, and its tasks by group.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CustomSection<'a> {
    /// The heading.
    pub title: String,
    /// The groups, in the query's order (one unnamed group without `group by`).
    pub groups: Vec<CustomGroup<'a>>,
    /// Entries the query found beyond those shown (the digest's `max_items`).
    pub more: usize,
    /// Why the query could not be read on this run (the plugin's presets changed since
    /// the config was checked); no groups then.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// One group of a query section.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CustomGroup<'a> {
    /// The group's name at each `group by` level.
    pub names: Vec<String>,
    /// Its tasks, in the query's order.
    pub tasks: Vec<Entry<'a>>,
}

/// Where a query's line and column are in the config file: a block scalar (`|`, `>`)
/// starts on the next line, indented; a one-line value where its text starts.
pub(crate) fn locate(
    section: &QuerySection,
    config_text: &str,
    err: &QueryError,
) -> (usize, usize) {
    let at = &section.query.referenced;
    let reported = usize::try_from(at.line()).unwrap_or(1).max(1);
    let lines: Vec<&str> = config_text.lines().collect();
    // The parser may report the `query:` line or the value's first line: the key's line,
    // at or above the reported one, is the anchor.
    let key = (1..=reported.min(lines.len()))
        .rev()
        .find(|&n| lines[n - 1].contains("query:"));
    let Some(key) = key else {
        return (reported, usize::try_from(at.column()).unwrap_or(1));
    };
    let text = lines[key - 1];
    let after = text
        .find("query:")
        .map_or(text.len(), |i| i + "query:".len());
    let rest = &text[after..];
    let value = rest.trim_start();
    let start = text[..after].chars().count() + (rest.chars().count() - value.chars().count());
    if value.starts_with('|') || value.starts_with('>') {
        let indent = lines
            .iter()
            .skip(key)
            .find(|l| !l.trim().is_empty())
            .map_or(0, |l| l.len() - l.trim_start().len());
        (key + err.line, indent + err.column)
    } else if err.line == 1 {
        // The lines of a quoted value (`\n`) are not lines of the file: past its first
        // line, the value's start is the place.
        let quoted = usize::from(value.starts_with('"') || value.starts_with('\''));
        (key, start + 1 + quoted + err.column - 1)
    } else {
        (key, start + 1)
    }
}

/// Read every section's query on `today` with the plugin's presets and global query; the
/// first one that cannot be read, with its index.
pub(crate) fn check(
    sections: &[QuerySection],
    plugin: &TasksPlugin,
    today: NaiveDate,
) -> Result<(), (usize, QueryError)> {
    for (i, s) in sections.iter().enumerate() {
        read(s, plugin, today).map_err(|e| (i, e))?;
    }
    Ok(())
}

/// One section's query on `today`, after the plugin's global query.
fn read(s: &QuerySection, plugin: &TasksPlugin, today: NaiveDate) -> Result<Query, QueryError> {
    let ctx = Context {
        today,
        file: None,
        presets: &plugin.presets,
    };
    let q = query::parse(&s.query.value, 1, &ctx)?;
    // A global query that does not read is `ike query`'s error to report; here it adds nothing.
    Ok(
        match plugin
            .global_query
            .as_deref()
            .map(|g| query::parse(g, 1, &ctx))
        {
            Some(Ok(global)) => query::with_global(q, global),
            _ => q,
        },
    )
}

/// What the sections are run with.
pub(crate) struct Run<'s> {
    /// The day.
    pub today: NaiveDate,
    /// The classification settings (the entries' quadrants and scores).
    pub classify: &'s ClassifySettings,
    /// The plugin's statuses, presets and global query.
    pub plugin: &'s TasksPlugin,
    /// The plugin's status settings as ike resolved them.
    pub statuses: &'s [StatusDef],
    /// The most entries per section (0: no limit) unless the query has a `limit`.
    pub max_items: usize,
}

/// Every section's query, as [`run`] reads it (those that cannot be read are left out).
pub(crate) fn queries(
    sections: &[QuerySection],
    plugin: &TasksPlugin,
    today: NaiveDate,
) -> Vec<Query> {
    sections
        .iter()
        .filter_map(|s| read(s, plugin, today).ok())
        .collect()
}

/// Run every section over `docs`. Nothing is done without sections.
pub(crate) fn run<'a>(
    sections: &[QuerySection],
    docs: &'a [Document],
    r: &Run<'_>,
) -> Vec<CustomSection<'a>> {
    if sections.is_empty() {
        return Vec::new();
    }
    let deps = Dependencies::of_documents(docs, r.today, r.classify);
    let tasks = docs
        .iter()
        .flat_map(|doc| (0..doc.tasks.len()).map(move |ti| (doc, ti, has_steps(doc, ti))));
    run_over(sections, tasks, &deps, r)
}

/// Run every section over the tasks `notes` kept (see [`crate::query::note`]), `deps`
/// being the whole vault's dependency index. Nothing is done without sections.
pub(crate) fn run_notes<'a>(
    sections: &[QuerySection],
    notes: &'a [Note],
    deps: &Dependencies,
    r: &Run<'_>,
) -> Vec<CustomSection<'a>> {
    if sections.is_empty() {
        return Vec::new();
    }
    let tasks = notes.iter().flat_map(|n| {
        (0..n.doc.tasks.len())
            .map(move |ti| (&n.doc, ti, n.steps.get(ti).copied().unwrap_or_default()))
    });
    run_over(sections, tasks, deps, r)
}

/// Run every section over `tasks`: each one's note, its index there, and whether it has
/// steps in the whole note.
fn run_over<'a>(
    sections: &[QuerySection],
    tasks: impl Iterator<Item = (&'a Document, usize, bool)>,
    deps: &Dependencies,
    r: &Run<'_>,
) -> Vec<CustomSection<'a>> {
    let (today, cs) = (r.today, r.classify);
    let mut places = Vec::new();
    let mut items = Vec::new();
    for (doc, ti, steps) in tasks {
        if let Some(task) = doc.tasks.get(ti) {
            places.push((doc, ti, steps));
            items.push(Item::new(doc, task, deps, r.statuses, today));
        }
    }
    let entry = |i: usize| -> Option<Entry<'a>> {
        let (doc, ti, steps) = places[i];
        let task = doc.tasks.get(ti)?;
        let row = super::row::Row::of(ti, task, steps, today, cs, deps);
        super::EntrySource::entry(doc, &row)
    };
    sections
        .iter()
        .map(|s| {
            let q = match read(s, r.plugin, today) {
                Ok(q) => q,
                Err(e) => {
                    return CustomSection {
                        title: s.title.clone(),
                        groups: Vec::new(),
                        more: 0,
                        error: Some(e.to_string()),
                    };
                }
            };
            let result = query::run(&q, items.as_slice());
            let cap = match (q.limit, r.max_items) {
                (None, n) if n > 0 => n,
                _ => usize::MAX,
            };
            let (mut shown, mut more) = (0usize, 0usize);
            let mut groups = Vec::new();
            for g in result.groups {
                let keep = g.items.len().min(cap - shown);
                more += g.items.len() - keep;
                shown += keep;
                if keep == 0 && !g.names.is_empty() {
                    continue;
                }
                groups.push(CustomGroup {
                    names: g
                        .names
                        .iter()
                        .map(|n| query::group::display(n).to_owned())
                        .collect(),
                    tasks: g.items[..keep].iter().filter_map(|&i| entry(i)).collect(),
                });
            }
            CustomSection {
                title: s.title.clone(),
                groups,
                more,
                error: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(yaml: &str) -> super::super::DigestSettings {
        serde_saphyr::from_str_with_options(yaml, crate::yaml::options()).expect("valid settings")
    }

    /// The title and query text of each query section of `s`.
    fn titled_queries(s: &super::super::DigestSettings) -> Vec<(&str, &str)> {
        s.sections
            .queries
            .iter()
            .map(|q| (q.title.as_str(), q.query.value.as_str()))
            .collect()
    }

    #[test]
    fn the_key_is_switches_or_a_list_of_queries() {
        let s = settings("sections:\n  do: false\n");
        assert!(!s.sections.r#do && s.sections.schedule);
        assert!(s.sections.queries.is_empty());
        let s = settings(
            "sections:\n  - title: A\n    query: done\n  - title: B\n    query: |\n      not done\n      limit 2\n",
        );
        assert!(
            s.sections.r#do,
            "the list form shows every standard section"
        );
        assert_eq!(
            titled_queries(&s),
            [("A", "done"), ("B", "not done\nlimit 2\n")]
        );
        let s = settings(
            "sections:\n  blocked: false\n  queries:\n    - title: C\n      query: done\n",
        );
        assert!(
            !s.sections.blocked && s.sections.r#do,
            "switches and queries together"
        );
        assert_eq!(titled_queries(&s), [("C", "done")]);
        let bad: Result<super::super::DigestSettings, _> = serde_saphyr::from_str_with_options(
            "sections:\n  dooo: false\n",
            crate::yaml::options(),
        );
        let message = bad
            .expect_err("an unknown switch is still an error")
            .to_string();
        assert!(
            message.contains("`done_recently`, `queries`"),
            "the accepted keys include `queries`: {message}"
        );
    }

    #[track_caller]
    fn check_place(yaml: &str, want: (usize, usize, &str)) {
        let s = settings(yaml);
        let plugin = TasksPlugin::default();
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
        let (i, err) = check(&s.sections.queries, &plugin, today).expect_err("a bad query");
        let (line, column) = locate(&s.sections.queries[i], yaml, &err);
        assert_eq!((line, column, err.message.as_str()), want, "{yaml}");
    }

    #[test]
    fn a_bad_query_is_placed_in_the_config() {
        let unknown = "do not understand query: unknown sort key `x`";
        let rows = [
            // Block scalar: the query's lines are the file's, indented.
            (
                "sections:\n  - title: A\n    query: |\n      done\n      sort by x\n",
                (5, 7, unknown),
            ),
            // Plain and quoted one-line values: the column counts from the value.
            (
                "sections:\n  - title: A\n    query: sort by x\n",
                (3, 12, unknown),
            ),
            (
                "sections:\n  - title: A\n    query: \"sort by x\"\n",
                (3, 13, unknown),
            ),
            // A quoted value's later lines are not the file's: its start is the place.
            (
                "sections:\n  - title: A\n    query: \"done\\nsort by x\"\n",
                (3, 12, unknown),
            ),
            (
                "sections:\n  - {title: A, query: done}\n  - title: B\n    query: |\n      sort by x\n",
                (5, 7, unknown),
            ),
        ];
        for (yaml, want) in rows {
            check_place(yaml, want);
        }
    }

    /// The sections of `queries` run over whole notes, and over the notes a sieve of the
    /// same queries reduced (as `ike digest` runs them): the same sections.
    #[test]
    fn sections_over_reduced_notes_are_the_sections_over_whole_notes() {
        let notes = [
            (
                "people/carla.md",
                "- [ ] Draft the brief [assignee:: carla] 📅 2026-11-26 🆔 brief\n\
                 \x20   - [ ] step one\n\
                 - [ ] Book the hall [assignee:: carla] ⛔ brief\n\
                 - [x] Sent the invites ✅ 2026-11-24\n",
            ),
            (
                "work/plan.md",
                "# Plan\n- [ ] Ship it 📅 2026-11-25 ⏫\n    - [ ] test it\n- [ ] Later 🔽\n",
            ),
        ];
        let docs: Vec<Document> = notes
            .iter()
            .map(|(p, t)| crate::parse::parse_document(p, t.as_bytes(), &Default::default()))
            .collect();
        let yaml = "sections:\n  - title: Open\n    query: not done\n\
                    \x20 - title: Steps\n    query: description includes st\n\
                    \x20 - title: Blocked\n    query: is blocked\n\
                    \x20 - title: Done\n    query: |\n      done\n      group by filename\n";
        let sections = settings(yaml).sections.queries;
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let (cs, plugin) = (ClassifySettings::default(), TasksPlugin::default());
        let r = Run {
            today,
            classify: &cs,
            plugin: &plugin,
            statuses: &[],
            max_items: 0,
        };
        let whole = run(&sections, &docs, &r);
        assert_eq!(whole.len(), 4);
        assert!(
            whole
                .iter()
                .all(|s| s.error.is_none() && !s.groups.is_empty())
        );
        // One section at a time (a sieve of one query), then all of them together.
        let mut each = Vec::new();
        for one in sections.chunks(1).chain([&sections[..]]) {
            let parsed = queries(one, &plugin, today);
            let parsed: Vec<&Query> = parsed.iter().collect();
            let sieve = crate::query::note::Sieve::new(&parsed, today, &cs, &[]);
            let notes: Vec<Note> = docs.iter().map(|d| sieve.copy(d)).collect();
            let deps = Dependencies::of_documents(&docs, today, &cs);
            let got = run_notes(one, &notes, &deps, &r);
            let want: Vec<_> = whole
                .iter()
                .filter(|w| one.iter().any(|s| s.title == w.title))
                .cloned()
                .collect();
            assert_eq!(format!("{got:?}"), format!("{want:?}"));
            each.push(notes.iter().map(|n| n.doc.tasks.len()).sum::<usize>());
        }
        assert_eq!(each, [6, 2, 7, 1, 7], "tasks kept per sieve");
    }
}
