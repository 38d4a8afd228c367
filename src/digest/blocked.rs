//! "Blocked": the user's own open tasks that wait for open tasks, each with what it waits
//! for (docs/classification.md, "The digest"; decisions/0037).

use super::Entry;
use crate::classify::Dependencies;
use serde::Serialize;
use std::collections::BTreeSet;

/// How many blockers an entry names; the rest are counted ("and N more").
pub const MAX_BLOCKERS: usize = 3;

/// An own open blocked task and what it waits for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Blocked<'a> {
    /// The task, as every list shows it.
    #[serde(flatten)]
    pub task: Entry<'a>,
    /// What it waits for.
    #[serde(flatten)]
    pub waits: WaitsFor,
}

/// The open tasks a task waits for: the first [`MAX_BLOCKERS`] in the order its
/// dependencies are written, and how many more.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct WaitsFor {
    /// The blockers named.
    pub waits_for: Vec<Waited>,
    /// How many more open blockers it has.
    pub more_blockers: usize,
}

/// One open task waited for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Waited {
    /// Its id.
    pub id: String,
    /// Its description.
    pub description: String,
    /// The path of its note.
    pub path: String,
    /// Its 1-based line.
    pub line: usize,
    /// The Obsidian block id ending its first line, without `^`.
    pub block_id: Option<String>,
    /// Who it is delegated to (without `@`), when that is someone else.
    pub delegated_to: Option<String>,
}

/// What a task depending on the ids `depends_on` waits for, among the open tasks `deps`
/// knows; `me` is the user (a blocker assigned to anyone else is delegated).
pub(super) fn waits_for(depends_on: &[String], deps: &Dependencies, me: Option<&str>) -> WaitsFor {
    // A set, not a scan of those seen: a task may list thousands of ids.
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut w = WaitsFor::default();
    for id in depends_on {
        if !seen.insert(id.as_str()) {
            continue;
        }
        let Some(b) = deps.open(id) else { continue };
        if w.waits_for.len() == MAX_BLOCKERS {
            w.more_blockers += 1;
            continue;
        }
        let who = b
            .assignee
            .as_deref()
            .filter(|a| crate::people::delegated(Some(a), me));
        w.waits_for.push(Waited {
            id: id.clone(),
            description: b.description.clone(),
            path: b.path.clone(),
            line: b.line,
            block_id: b.block_id.clone(),
            delegated_to: who.map(|a| a.trim().trim_start_matches('@').trim().to_owned()),
        });
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::{ClassifySettings, Link};
    use crate::parse::{ParseOptions, parse_document};

    #[track_caller]
    fn check(me: Option<&str>, depends: &[&str], want: &[(&str, Option<&str>)], more: usize) {
        let text = "- [ ] Brief 🆔 a [assignee:: @Bob]\n- [ ] Plan 🆔 b [assignee:: ana]\n\
                    - [ ] Book 🆔 c\n- [ ] Call 🆔 d\n- [x] Old 🆔 e\n";
        let doc = parse_document("p.md", text.as_bytes(), &ParseOptions::default());
        let today = crate::classify::task_builder::today();
        let cs = ClassifySettings::default();
        let deps = Dependencies::build(
            doc.tasks
                .iter()
                .filter_map(|t| Link::of(t, "p.md", today, &cs)),
        );
        let ids: Vec<String> = depends.iter().map(|d| (*d).to_owned()).collect();
        let got = waits_for(&ids, &deps, me);
        let got_pairs: Vec<(&str, Option<&str>)> = got
            .waits_for
            .iter()
            .map(|w| (w.description.as_str(), w.delegated_to.as_deref()))
            .collect();
        assert_eq!(got_pairs, want, "{depends:?}");
        assert_eq!(got.more_blockers, more, "{depends:?}");
    }

    #[test]
    fn names_open_blockers_in_written_order_and_who_they_are_delegated_to() {
        check(
            Some("ana"),
            &["b", "a"],
            &[("Plan", None), ("Brief", Some("Bob"))],
            0,
        );
        check(None, &["b"], &[("Plan", Some("ana"))], 0);
        check(None, &["e", "zz", "c", "c"], &[("Book", None)], 0);
        check(
            Some("ana"),
            &["d", "c", "b", "a"],
            &[("Call", None), ("Book", None), ("Plan", None)],
            1,
        );
        check(None, &[], &[], 0);
    }

    #[test]
    fn a_blocker_links_to_its_line() {
        let doc = parse_document(
            "x/p.md",
            b"\n- [ ] Brief \xF0\x9F\x86\x94 a ^blk\n",
            &ParseOptions::default(),
        );
        let today = crate::classify::task_builder::today();
        let cs = ClassifySettings::default();
        let deps = Dependencies::build(
            doc.tasks
                .iter()
                .filter_map(|t| Link::of(t, "x/p.md", today, &cs)),
        );
        let w = waits_for(&["a".to_owned()], &deps, None);
        let b = &w.waits_for[0];
        assert_eq!(
            (b.path.as_str(), b.line, b.block_id.as_deref()),
            ("x/p.md", 2, Some("blk"))
        );
    }
}
