//! Who a task is for: the one place that decides whether a name is the user ("me"),
//! whether two names are the same person, and which `@words` are people and which are
//! GTD contexts (docs/task-syntax.md, "People, contexts and mentions").
//!
//! Parsing, classification, `ike fix`, `ike check` and the `list` filters all ask here.

use std::collections::HashSet;
use unicase::UniCase;

/// The GTD contexts known without any configuration.
pub(crate) const DEFAULT_CONTEXTS: [&str; 11] = [
    "home", "work", "office", "phone", "calls", "computer", "online", "errands", "anywhere",
    "agenda", "waiting",
];

/// The name that always means the user, whatever `me:` is set to.
pub(crate) const ME: &str = "me";

/// A name as written, without the spaces around it and a leading `@`.
fn bare(name: &str) -> &str {
    // Nearly every name is already bare: then the three trims (each a Unicode white-space
    // test at both ends) would give it back unchanged.
    match name.as_bytes() {
        [first, .., last]
            if first.is_ascii_graphic() && *first != b'@' && last.is_ascii_graphic() =>
        {
            name
        }
        _ => name.trim().trim_start_matches('@').trim(),
    }
}

/// True when `a` and `b` name the same person: Unicode full case folding (`Élodie` =
/// `ÉLODIE` = `élodie`, `Straße` = `STRASSE`), spaces around and a leading `@` ignored.
/// Accents are kept (`élodie` is not `elodie`), and no Unicode normalisation is applied
/// (decisions/0019).
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (bare(a), bare(b));
    if a.is_empty() {
        return false;
    }
    ascii_answer(a, b).unwrap_or_else(|| UniCase::new(a) == UniCase::new(b))
}

/// The key a person is grouped under: the name without spaces around it and a leading
/// `@`, case-folded as [`same_name`] compares. Two names give the same key exactly when
/// [`same_name`] says they are the same person (and neither is empty).
pub(crate) fn person_key(name: &str) -> String {
    let name = bare(name);
    if name.is_ascii() {
        name.to_ascii_lowercase()
    } else {
        UniCase::new(name).to_folded_case()
    }
}

/// Whether two names are equal ignoring case, when ASCII alone decides it (the common
/// cases, without case folding); `None` when only folding can. Equal but for ASCII case
/// is the same name (ASCII folds to ASCII, the other characters are equal). Two ASCII
/// names that are not, or two names that start with different ASCII characters, are not:
/// an ASCII character folds or lowercases to one ASCII character, so the results differ
/// at their first. True of full case folding and of `char::to_lowercase` alike.
pub(crate) fn ascii_answer(a: &str, b: &str) -> Option<bool> {
    if a.eq_ignore_ascii_case(b) {
        return Some(true);
    }
    match (a.as_bytes().first(), b.as_bytes().first()) {
        (Some(x), Some(y)) if x.is_ascii() && y.is_ascii() && !x.eq_ignore_ascii_case(y) => {
            Some(false)
        }
        _ => (a.is_ascii() && b.is_ascii()).then_some(false),
    }
}

/// Is `name` the user? `me` (any case) always is; so is the configured `me:` name.
pub(crate) fn is_me(name: &str, me: Option<&str>) -> bool {
    same_name(name, ME) || me.is_some_and(|me| same_name(name, me))
}

/// Is a task with this assignee delegated? It is when it has an assignee who is not the
/// user (every assignee but `me` counts when `me:` is not set).
pub(crate) fn delegated(assignee: Option<&str>, me: Option<&str>) -> bool {
    assignee.is_some_and(|a| !bare(a).is_empty() && !is_me(a, me))
}

/// What an `@word` in a task names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A person: the assignee, or a mention.
    Person,
    /// A GTD context tag (`@phone`).
    Context,
    /// Neither (a configured `people` list does not hold it): plain text.
    Other,
}

/// Which `@words` are people and which are contexts, from the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roster {
    /// The configured `me:` name (a person even when `people` leaves it out).
    pub me: Option<String>,
    /// Context names, without `@`.
    pub contexts: Vec<String>,
    /// When set, the only names (besides `me`) that are people.
    pub people: Option<Vec<String>>,
}

impl Default for Roster {
    fn default() -> Self {
        Self {
            me: None,
            contexts: DEFAULT_CONTEXTS.iter().map(|c| (*c).to_owned()).collect(),
            people: None,
        }
    }
}

impl Roster {
    /// What `@name` names. Contexts win over people (a context is never a person).
    pub fn kind(&self, name: &str) -> NameKind {
        if self.contexts.iter().any(|c| same_name(c, name)) {
            NameKind::Context
        } else if is_me(name, self.me.as_deref())
            || self
                .people
                .as_ref()
                .is_none_or(|people| people.iter().any(|p| same_name(p, name)))
        {
            NameKind::Person
        } else {
            NameKind::Other
        }
    }

    /// Sort the `@names` of one task (text order) into its assignee, mentions and
    /// contexts. `explicit` is an assignee set by a field, which wins over `@names`; the
    /// people named besides the assignee are its mentions.
    pub fn sort(&self, names: &[String], explicit: Option<String>) -> Who {
        let mut who = Who {
            assignee: explicit,
            ..Who::default()
        };
        // The names kept so far: one lookup per name, however many a task holds.
        let mut seen = (HashSet::new(), HashSet::new());
        for name in names {
            match self.kind(name) {
                NameKind::Context => push_new(&mut who.contexts, &mut seen.0, name),
                NameKind::Person => match &who.assignee {
                    None => who.assignee = Some(name.clone()),
                    Some(a) if same_name(a, name) => {}
                    Some(_) => push_new(&mut who.mentions, &mut seen.1, name),
                },
                NameKind::Other => {}
            }
        }
        who
    }
}

/// Push `name` unless `list` has it already (as [`same_name`] compares; `seen` holds the
/// list's names).
fn push_new<'a>(list: &mut Vec<String>, seen: &mut HashSet<UniCase<&'a str>>, name: &'a str) {
    let key = bare(name);
    if key.is_empty() || seen.insert(UniCase::new(key)) {
        list.push(name.to_owned());
    }
}

/// The people and contexts of one task.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Who {
    /// Who does it.
    pub assignee: Option<String>,
    /// The other people named.
    pub mentions: Vec<String>,
    /// Its GTD contexts, without `@`.
    pub contexts: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_me(name: &str, me: Option<&str>, expected: bool) {
        assert_eq!(is_me(name, me), expected, "is_me({name:?}, {me:?})");
    }

    /// The definition the fast paths of [`same_name`] must agree with.
    fn folded_equal(a: &str, b: &str) -> bool {
        let (a, b) = (
            a.trim().trim_start_matches('@').trim(),
            b.trim().trim_start_matches('@').trim(),
        );
        !a.is_empty() && UniCase::new(a) == UniCase::new(b)
    }

    #[test]
    fn same_name_folds_case_whatever_the_path() {
        let rows = [
            ("ana", "ana", true),
            ("Ana", "aNA", true),
            ("@ana", " ana ", true),
            ("ana", "bob", false),
            ("ana", "anna", false),
            ("ana", "", false),
            ("", "", false),
            ("@", "@", false),
            ("Straße", "STRASSE", true),
            ("strasse", "Straße", true),
            ("élodie", "ÉLODIE", true),
            ("élodie", "elodie", false),
            ("\u{212A}elvin", "kelvin", true),
            ("kelvin", "\u{212A}ELVIN", true),
            ("ﬀ", "FF", true),
            ("x\u{e9}", "X\u{c9}", true),
            ("x\u{e9}", "y\u{e9}", false),
            ("\u{a0}ana\u{a0}", "ana", true),
        ];
        for (a, b, expected) in rows {
            assert_eq!(same_name(a, b), expected, "{a:?} vs {b:?}");
            assert_eq!(same_name(b, a), expected, "{b:?} vs {a:?}");
            assert_eq!(folded_equal(a, b), expected, "definition: {a:?} vs {b:?}");
            let keys_equal = !bare(a).is_empty() && person_key(a) == person_key(b);
            assert_eq!(keys_equal, expected, "keys: {a:?} vs {b:?}");
        }
    }

    #[test]
    fn who_is_me() {
        check_me("me", None, true);
        check_me("@Me", Some("ana"), true);
        check_me(" ME ", Some("ana"), true);
        check_me("ana", Some("ana"), true);
        check_me("@ANA", Some("ana"), true);
        check_me("ana", None, false);
        check_me("bob", Some("ana"), false);
        check_me("élodie", Some("Élodie"), true);
        check_me("ÉLODIE", Some("élodie"), true);
        check_me("elodie", Some("Élodie"), false);
        check_me("strasse", Some("Straße"), true);
        check_me("", Some(""), false);
        check_me("meg", None, false);
        check_me("anna", Some("ana"), false);
    }

    #[test]
    fn delegated_means_someone_else() {
        assert!(delegated(Some("bob"), Some("ana")));
        assert!(delegated(Some("bob"), None));
        assert!(!delegated(Some("me"), None));
        assert!(!delegated(Some("@Élodie"), Some("élodie")));
        assert!(!delegated(Some(" @ "), None));
        assert!(!delegated(None, Some("ana")));
    }

    #[track_caller]
    fn check_kind(roster: &Roster, name: &str, expected: NameKind) {
        assert_eq!(roster.kind(name), expected, "{name}");
    }

    #[test]
    fn contexts_are_never_people() {
        let default = Roster::default();
        check_kind(&default, "phone", NameKind::Context);
        check_kind(&default, "Errands", NameKind::Context);
        check_kind(&default, "bob", NameKind::Person);
        check_kind(&default, "me", NameKind::Person);
        let listed = Roster {
            me: Some("ana".into()),
            contexts: vec!["gym".into()],
            people: Some(vec!["Bob".into(), "Élodie".into()]),
        };
        check_kind(&listed, "gym", NameKind::Context);
        check_kind(&listed, "phone", NameKind::Other);
        check_kind(&listed, "bob", NameKind::Person);
        check_kind(&listed, "ÉLODIE", NameKind::Person);
        check_kind(&listed, "ana", NameKind::Person);
        check_kind(&listed, "me", NameKind::Person);
        check_kind(&listed, "carla", NameKind::Other);
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[track_caller]
    fn check_sort(
        names_: &[&str],
        explicit: Option<&str>,
        expected: (Option<&str>, &[&str], &[&str]),
    ) {
        let who = Roster::default().sort(&names(names_), explicit.map(str::to_owned));
        assert_eq!(
            who.assignee.as_deref(),
            expected.0,
            "assignee of {names_:?}"
        );
        assert_eq!(who.mentions, names(expected.1), "mentions of {names_:?}");
        assert_eq!(who.contexts, names(expected.2), "contexts of {names_:?}");
    }

    #[test]
    fn first_person_is_the_assignee() {
        check_sort(&["bob", "carla"], None, (Some("bob"), &["carla"], &[]));
        check_sort(&["phone"], None, (None, &[], &["phone"]));
        check_sort(&["phone", "bob"], None, (Some("bob"), &[], &["phone"]));
        check_sort(
            &["bob", "Bob", "carla", "CARLA"],
            None,
            (Some("bob"), &["carla"], &[]),
        );
        check_sort(&["ann"], Some("bob"), (Some("bob"), &["ann"], &[]));
        check_sort(&["bob"], Some("Bob"), (Some("Bob"), &[], &[]));
        check_sort(
            &["errands", "home"],
            None,
            (None, &[], &["errands", "home"]),
        );
        check_sort(&[], None, (None, &[], &[]));
    }

    #[track_caller]
    fn check_line(roster: &Roster, line: &str, expected: (Option<&str>, &[&str], &[&str])) {
        let opts = crate::parse::ParseOptions {
            roster: roster.clone(),
            ..Default::default()
        };
        let doc = crate::parse::parse_document("n.md", line.as_bytes(), &opts);
        let meta = &doc.tasks[0].meta;
        assert_eq!(meta.assignee.as_deref(), expected.0, "assignee of {line:?}");
        assert_eq!(meta.mentions, names(expected.1), "mentions of {line:?}");
        assert_eq!(meta.contexts, names(expected.2), "contexts of {line:?}");
    }

    #[test]
    fn parsed_tasks_sort_their_names() {
        let d = Roster::default();
        check_line(&d, "- [ ] Call the bank @phone", (None, &[], &["phone"]));
        check_line(
            &d,
            "- [ ] Buy milk @errands @home",
            (None, &[], &["errands", "home"]),
        );
        check_line(
            &d,
            "- [ ] Email to @bob and @carla",
            (Some("bob"), &["carla"], &[]),
        );
        check_line(&d, "- [ ] Call @phone @bob", (Some("bob"), &[], &["phone"]));
        check_line(&d, "- [ ] Mine @me", (Some("me"), &[], &[]));
        check_line(
            &d,
            "- [ ] Ask @ann [assignee:: bob]",
            (Some("bob"), &["ann"], &[]),
        );
        check_line(
            &d,
            "---\nassignee: me\n---\n- [ ] Front matter @phone",
            (Some("me"), &[], &["phone"]),
        );
        let listed = Roster {
            me: Some("ana".into()),
            contexts: vec!["gym".into()],
            people: Some(vec!["bob".into()]),
        };
        check_line(
            &listed,
            "- [ ] Ask @zoe then @bob @gym",
            (Some("bob"), &[], &["gym"]),
        );
        check_line(&listed, "- [ ] Call @phone", (None, &[], &[]));
        check_line(
            &listed,
            "- [ ] Mine @ana @bob",
            (Some("ana"), &["bob"], &[]),
        );
    }
}
