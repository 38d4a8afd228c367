//! `ike list` filters: which tasks to show. Pure predicates over a task and its file.

use crate::classify::{Classification, Quadrant};
use crate::digest::Section;
use crate::model::{Document, Effort, Status, Task};
use crate::people;
use chrono::NaiveDate;
use globset::GlobMatcher;

/// The filters of `ike list`; an empty filter passes everything.
#[derive(Debug, Clone, Default)]
pub(crate) struct TaskFilter {
    /// Any of these statuses.
    pub statuses: Vec<Status>,
    /// Any of these tags (case-insensitive, without `#`).
    pub tags: Vec<String>,
    /// This assignee (the same name as `people::same_name` says; `me` and the configured
    /// `me:` name are one person).
    pub assignee: Option<String>,
    /// Tasks that mention this person (besides their assignee).
    pub mention: Option<String>,
    /// Tasks with this GTD context (`@` optional).
    pub context: Option<String>,
    /// The configured `me:` name, for `assignee`.
    pub me: Option<String>,
    /// Only blocked tasks (open, waiting for an open task).
    pub blocked: bool,
    /// Only blocking tasks (open, and an open task waits for them).
    pub blocking: bool,

    /// This project (case-insensitive).
    pub project: Option<String>,
    /// Any of these quadrants (closed tasks have none, so never match).
    pub quadrants: Vec<Quadrant>,
    /// This effort kind (as classified: explicit, by tag, else production).
    pub effort: Option<Effort>,
    /// Open and due before `today`.
    pub overdue_on: Option<NaiveDate>,
    /// Due before this date.
    pub due_before: Option<NaiveDate>,
    /// File path, or a folder above it, matches this glob.
    pub path: Option<GlobMatcher>,
    /// Only routine work: own, open, non-production, not important.
    pub routine: bool,
    /// The digest of this day lists the task in this section.
    pub section: Option<(Section, NaiveDate)>,
}

impl TaskFilter {
    /// Does the classified task pass every filter?
    pub(crate) fn matches(&self, doc: &Document, task: &Task, c: &Classification) -> bool {
        self.matches_task(doc, task) && self.matches_class(task, c)
    }

    /// Whether any test of the filter reads the task's classification: when none does,
    /// [`TaskFilter::matches_task`] alone decides, and a task need not be classified to
    /// be filtered.
    pub(crate) fn reads_classification(&self) -> bool {
        self.blocked
            || self.blocking
            || !self.quadrants.is_empty()
            || self.effort.is_some()
            || self.routine
            || self.section.is_some()
    }

    /// The tests of [`TaskFilter::matches`] that read only the task and its note.
    pub(crate) fn matches_task(&self, doc: &Document, task: &Task) -> bool {
        let m = &task.meta;
        (self.statuses.is_empty() || self.statuses.contains(&task.status))
            && (self.tags.is_empty()
                || self.tags.iter().any(|want| {
                    let want = want.trim_start_matches('#');
                    m.tags
                        .iter()
                        .any(|t| t.eq_ignore_ascii_case(want) || is_parent_tag(want, t))
                }))
            && self.assignee.as_ref().is_none_or(|want| {
                m.assignee
                    .as_deref()
                    .is_some_and(|a| same_person(a, want, self.me.as_deref()))
            })
            && self.project.as_ref().is_none_or(|want| {
                m.project
                    .as_deref()
                    .is_some_and(|p| people::same_name(p.trim(), want.trim()))
            })
            && self.mention.as_ref().is_none_or(|want| {
                m.mentions
                    .iter()
                    .any(|a| same_person(a, want, self.me.as_deref()))
            })
            && self
                .context
                .as_ref()
                .is_none_or(|want| m.contexts.iter().any(|c| people::same_name(c, want)))
            && self
                .overdue_on
                .is_none_or(|today| task.status.is_open() && m.due.is_some_and(|d| d < today))
            && self
                .due_before
                .is_none_or(|date| m.due.is_some_and(|d| d < date))
            && self.path.as_ref().is_none_or(|g| in_glob(g, &doc.path))
    }

    /// The tests of [`TaskFilter::matches`] that read the task's classification (see
    /// [`TaskFilter::reads_classification`]).
    fn matches_class(&self, task: &Task, c: &Classification) -> bool {
        (!self.blocked || c.blocked)
            && (!self.blocking || c.blocking)
            && (self.quadrants.is_empty()
                || c.quadrant.is_some_and(|q| self.quadrants.contains(&q)))
            && self.effort.is_none_or(|e| c.effort == e)
            && (!self.routine || c.routine)
            && self
                .section
                .is_none_or(|(section, today)| section.holds(task, c, today))
    }
}

/// Does the root-relative `path`, or one of the folders above it, match `glob`? So
/// `daily` selects every note under `daily/`, as `exclude` does.
pub(crate) fn in_glob(glob: &GlobMatcher, path: &str) -> bool {
    glob.is_match(path)
        || path
            .match_indices('/')
            .any(|(i, _)| glob.is_match(&path[..i]))
}

/// The same person: the same name, or both the user.
fn same_person(a: &str, b: &str, me: Option<&str>) -> bool {
    people::same_name(a, b) || (people::is_me(a, me) && people::is_me(b, me))
}

/// `#work` also selects `#work/meetings`, as in Obsidian.
fn is_parent_tag(want: &str, tag: &str) -> bool {
    tag.len() > want.len()
        && tag.as_bytes()[want.len()] == b'/'
        && tag[..want.len()].eq_ignore_ascii_case(want)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_glob(glob: &str, path: &str, want: bool) {
        let g = globset::GlobBuilder::new(glob)
            .literal_separator(true)
            .build()
            .unwrap()
            .compile_matcher();
        assert_eq!(in_glob(&g, path), want, "{glob} ~ {path}");
    }

    /// A filter that tests a classified value says so; the others are decided without
    /// classifying (the lists classify a task only when the filter needs it).
    #[test]
    fn filters_that_read_the_classification_say_so() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let rows: [(&str, TaskFilter, bool); 9] = [
            ("none", TaskFilter::default(), false),
            (
                "blocked",
                TaskFilter {
                    blocked: true,
                    ..Default::default()
                },
                true,
            ),
            (
                "blocking",
                TaskFilter {
                    blocking: true,
                    ..Default::default()
                },
                true,
            ),
            (
                "quadrant",
                TaskFilter {
                    quadrants: vec![crate::classify::Quadrant::Do],
                    ..Default::default()
                },
                true,
            ),
            (
                "effort",
                TaskFilter {
                    effort: Some(crate::model::Effort::Value),
                    ..Default::default()
                },
                true,
            ),
            (
                "routine",
                TaskFilter {
                    routine: true,
                    ..Default::default()
                },
                true,
            ),
            (
                "section",
                TaskFilter {
                    section: crate::digest::Section::from_name("do").map(|s| (s, today)),
                    ..Default::default()
                },
                true,
            ),
            (
                "overdue",
                TaskFilter {
                    overdue_on: Some(today),
                    ..Default::default()
                },
                false,
            ),
            (
                "tags",
                TaskFilter {
                    tags: vec!["a".to_owned()],
                    ..Default::default()
                },
                false,
            ),
        ];
        for (name, filter, want) in rows {
            assert_eq!(filter.reads_classification(), want, "{name}");
        }
    }

    #[test]
    fn a_folder_selects_the_notes_under_it() {
        check_glob("daily", "daily/2026-11-21.md", true);
        check_glob("daily", "daily/2026/11.md", true);
        check_glob("daily", "dailyish.md", false);
        check_glob("daily", "notes/daily.md", false);
        check_glob("*/2026", "daily/2026/11.md", true);
        check_glob("projects/**", "projects/a/b.md", true);
        check_glob("*.md", "inbox.md", true);
        check_glob("*.md", "daily/x.md", false);
    }

    #[test]
    fn assignees_differ_only_in_case_and_at() {
        assert!(same_person("@Ana", "ana", None));
        assert!(same_person("ÉMILE", "émile", None));
        assert!(!same_person("ana", "anna", None));
        assert!(same_person("me", "ana", Some("ana")));
    }
}
