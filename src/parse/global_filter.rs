//! The Obsidian Tasks plugin's global filter: only checkbox items whose first line holds
//! it are tasks, and it may be taken out of their descriptions (docs/task-syntax.md).

/// A global filter and what to do with it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GlobalFilter {
    /// The text looked for: a plain, case-sensitive substring (`#task` also matches
    /// `#tasks` and `#task/home`, as in the plugin).
    pub text: String,
    /// Take it out of descriptions where it stands as a word of its own.
    pub remove: bool,
}

impl GlobalFilter {
    /// Does a task's first line make it a task?
    pub fn admits(&self, first_line: &str) -> bool {
        first_line.contains(&self.text)
    }

    /// `description` with the filter taken out where it is a whole word (between spaces or
    /// the ends), when removal is on; a longer word holding it (`#task/home`) stays.
    pub fn strip(&self, description: &str) -> String {
        if !self.remove || self.text.is_empty() {
            return description.to_owned();
        }
        let words: Vec<&str> = description
            .split_whitespace()
            .filter(|w| *w != self.text)
            .collect();
        // A filter with spaces in it is looked for as a phrase.
        if self.text.contains(char::is_whitespace) {
            let joined = words.join(" ");
            let phrase = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let padded = format!(" {joined} ").replace(&format!(" {phrase} "), " ");
            return padded.split_whitespace().collect::<Vec<_>>().join(" ");
        }
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(filter: &str, remove: bool, line: &str, admits: bool, description: &str) {
        let f = GlobalFilter {
            text: filter.to_owned(),
            remove,
        };
        assert_eq!(f.admits(line), admits, "admits {line:?}");
        assert_eq!(f.strip(line), description, "strip {line:?}");
    }

    #[test]
    fn admits_and_strips() {
        check("#task", true, "#task Pay rent", true, "Pay rent");
        check("#task", true, "Pay #task rent", true, "Pay rent");
        check("#task", false, "Pay rent #task", true, "Pay rent #task");
        check("#task", true, "Pay rent", false, "Pay rent");
        // Substring: admitted, but not a word of its own, so it stays.
        check("#task", true, "Pay #tasks rent", true, "Pay #tasks rent");
        check(
            "#task",
            true,
            "Pay #task/home rent",
            true,
            "Pay #task/home rent",
        );
        // Case matters.
        check("#task", true, "Pay #Task rent", false, "Pay #Task rent");
        // Plain text filters and phrases.
        check("TODO", true, "TODO call Ana", true, "call Ana");
        check("to do", true, "call to do Ana", true, "call Ana");
    }

    /// `(line, status, description, parent line)` of each task `md` yields.
    #[track_caller]
    fn tasks(
        md: &str,
        opts: &crate::parse::ParseOptions,
        want: &[(usize, &str, &str, Option<usize>)],
    ) {
        let doc = crate::parse::parse_document("t.md", md.as_bytes(), opts);
        let got: Vec<(usize, String, String, Option<usize>)> = doc
            .tasks
            .iter()
            .map(|t| {
                (
                    t.line(),
                    t.status.to_string(),
                    t.description.to_string(),
                    t.parent_line.map(|l| l.get() as usize),
                )
            })
            .collect();
        let want: Vec<(usize, String, String, Option<usize>)> = want
            .iter()
            .map(|(l, s, d, p)| (*l, (*s).to_owned(), (*d).to_owned(), *p))
            .collect();
        assert_eq!(got, want, "{md:?}");
    }

    #[test]
    fn parsing_keeps_only_the_tasks_the_settings_admit() {
        use crate::model::Status;
        use crate::parse::ParseOptions;
        let md = "- [ ] #task Pay rent 📅 2026-12-01\n\
                  - [ ] milk\n\
                  \x20 - [ ] #task child of milk\n\
                  - [~] #task a pro, not a task\n\
                  \x20 - [ ] #task child of the pro\n\
                  - [!] #task urgent custom\n\
                  - [ ] Next line only\n\
                  \x20 #task\n";
        let mut opts = ParseOptions {
            global_filter: Some(GlobalFilter {
                text: "#task".into(),
                remove: true,
            }),
            ..ParseOptions::default()
        };
        opts.not_tasks.insert('~');
        opts.statuses.insert('!', Status::Todo);
        opts.statuses.insert('x', Status::Cancelled);
        tasks(
            md,
            &opts,
            &[
                (1, "todo", "Pay rent", None),
                // Its parent item is no task: it has none.
                (3, "todo", "child of milk", None),
                (5, "todo", "child of the pro", None),
                (6, "todo", "urgent custom", None),
            ],
        );
        // Without removal the filter stays in the description; a status from the settings
        // wins over the built-in meaning of its character.
        opts.global_filter = Some(GlobalFilter {
            text: "#task".into(),
            remove: false,
        });
        tasks(
            "- [x] #task done?\n  - [ ] #task sub\n",
            &opts,
            &[
                (1, "cancelled", "#task done?", None),
                (2, "todo", "#task sub", Some(1)),
            ],
        );
        // No settings: every checkbox item is a task.
        tasks(
            "- [ ] milk\n- [~] pro\n",
            &ParseOptions::default(),
            &[(1, "todo", "milk", None), (2, "todo", "pro", None)],
        );
    }
}
