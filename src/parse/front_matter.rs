//! Front matter: split the leading YAML block off a document by hand, and read the
//! keys ike uses from it into the file's default [`Metadata`].
//!
//! Splitting is done by hand (not by the YAML or Markdown parser) so that the block's byte
//! span is exact and a `---` elsewhere in the file is never mistaken for front matter.
//! Reading is forgiving: a bad value is a problem at its own line and is left unset; the
//! other keys still apply.

use crate::line_index::LazyLineIndex;
use crate::model::{Effort, Metadata, Priority};
use crate::parse::flat_yaml::{self, FlatValue, Plain};
use crate::parse::value;
use crate::parse::yaml_tags;
use crate::problem::{Problem, ProblemKind};
use crate::span::Span;
use crate::yaml::{self, Node, Value};
use chrono::NaiveDate;

/// Where a document's front matter is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// The whole block: opening `---` line through the closing `---`/`...` line and its line ending.
    pub block: Span,
    /// The YAML text between the delimiter lines.
    pub yaml: Span,
    /// Where the Markdown body starts (= `block.end`).
    pub body_start: usize,
}

/// Find the front matter of `src`: a `---` line first in the file (after an optional BOM),
/// closed by a `---` or `...` line. `None` when there is none (or it is never closed).
///
/// A delimiter line may carry trailing spaces or tabs and end in LF or CRLF.
pub fn split(src: &str) -> Option<FrontMatter> {
    let start = if src.starts_with('\u{feff}') { 3 } else { 0 };
    let (first, yaml_start) = line_at(src, start);
    if !is_delimiter(first, "---") {
        return None;
    }
    let mut pos = yaml_start;
    while pos < src.len() {
        let (line, next) = line_at(src, pos);
        if is_delimiter(line, "---") || is_delimiter(line, "...") {
            return Some(FrontMatter {
                block: Span::new(start, next),
                yaml: Span::new(yaml_start, pos),
                body_start: next,
            });
        }
        pos = next;
    }
    None
}

/// The line starting at `pos` without its line ending, and where the next line starts.
fn line_at(src: &str, pos: usize) -> (&str, usize) {
    let rest = &src[pos..];
    match memchr::memchr(b'\n', rest.as_bytes()) {
        Some(nl) => {
            let line = &rest[..nl];
            (line.strip_suffix('\r').unwrap_or(line), pos + nl + 1)
        }
        None => (rest, src.len()),
    }
}

fn is_delimiter(line: &str, delimiter: &str) -> bool {
    line.strip_prefix(delimiter)
        .is_some_and(|rest| rest.bytes().all(|b| b == b' ' || b == b'\t'))
}

/// Read the front-matter keys ike uses (docs/task-syntax.md) from the block. Problems are positioned in the `.md` file.
///
/// With `flat`, a block of plain `key: value` lines ([`flat_yaml`]) is read without the
/// YAML parser, to the same result; without it every block goes through the parser.
pub(super) fn read(
    src: &str,
    fm: &FrontMatter,
    index: &LazyLineIndex<'_>,
    flat: bool,
) -> (Metadata, Vec<Problem>) {
    // Same length as the block: node positions stay true in the file.
    let untagged = yaml_tags::blank_standard_tags(fm.yaml.slice(src));
    let text = &*untagged;
    let mut reader = Reader {
        src,
        text,
        yaml_start: fm.yaml.start,
        index,
        meta: Metadata::default(),
        problems: Vec::new(),
    };
    if let Some(entries) = flat.then(|| flat_yaml::read(text)).flatten() {
        for entry in &entries {
            let value = match &entry.value {
                FlatValue::Scalar(plain) => Item::Plain(*plain),
                FlatValue::List { offset, items } => Item::List {
                    offset: *offset,
                    items,
                },
            };
            reader.entry(entry.key, value);
        }
        return (reader.meta, reader.problems);
    }
    let root = match yaml::parse(text) {
        Ok(Some(root)) => root,
        Ok(None) => return (Metadata::default(), Vec::new()),
        Err(err) => {
            let (_, _, message) = yaml::describe_error(&err);
            let (line, column) = reader.position(yaml::error_offset(&err, text));
            let problem = Problem::error(
                ProblemKind::MalformedYaml,
                line,
                column,
                format!(
                    "malformed YAML in front matter: {message}; the file's tasks are read without its defaults"
                ),
            );
            return (Metadata::default(), vec![problem]);
        }
    };
    match &root.value {
        Value::Map(entries) => {
            for (key, node) in entries {
                if let Value::Str(key) = key {
                    reader.entry(key, Item::Node(node));
                }
            }
        }
        Value::Null => {}
        other => {
            let (line, column) = reader.node_position(&root);
            let problem = Problem::error(
                ProblemKind::FrontMatterNotMapping,
                line,
                column,
                format!(
                    "front matter is {}, not `key: value` lines; the file's tasks are read without its defaults",
                    other.kind()
                ),
            );
            return (Metadata::default(), vec![problem]);
        }
    }
    (reader.meta, reader.problems)
}

/// A value to read: a node from the YAML parser, or a flat block's scalar or list.
#[derive(Clone, Copy)]
enum Item<'n> {
    Node(&'n Node),
    Plain(Plain<'n>),
    List {
        offset: usize,
        items: &'n [Plain<'n>],
    },
}

/// State while reading one block: where it is, and what was found so far.
struct Reader<'a> {
    src: &'a str,
    /// The YAML text, which node spans index into.
    text: &'a str,
    /// Offset of `text` in `src`.
    yaml_start: usize,
    index: &'a LazyLineIndex<'a>,
    meta: Metadata,
    problems: Vec<Problem>,
}

/// What a key expects, for messages about a value of the wrong shape.
const DATE: &str = "a date (YYYY-MM-DD)";

impl Reader<'_> {
    /// `.md` line and column of a byte offset into the YAML text.
    fn position(&self, offset_in_yaml: usize) -> (usize, usize) {
        self.index
            .get()
            .position(self.src, self.yaml_start + offset_in_yaml)
    }

    fn node_position(&self, node: &Node) -> (usize, usize) {
        self.position(yaml::node_offset(node).unwrap_or(0))
    }

    fn item_position(&self, item: Item<'_>) -> (usize, usize) {
        match item {
            Item::Node(node) => self.node_position(node),
            Item::Plain(Plain { offset, .. }) | Item::List { offset, .. } => self.position(offset),
        }
    }

    fn invalid(&mut self, item: Item<'_>, key: &str, message: impl std::fmt::Display) {
        let (line, column) = self.item_position(item);
        self.problems.push(Problem::error(
            ProblemKind::InvalidFrontMatterValue,
            line,
            column,
            format!("front matter `{key}`: {message}"),
        ));
    }

    /// Apply one `key: value` entry. Key names match in any case; unknown keys are ignored.
    fn entry(&mut self, key: &str, node: Item<'_>) {
        match key.to_ascii_lowercase().as_str() {
            "tags" => self.tags(key, node),
            "project" => {
                if let Some(name) = self.name(key, node, "a project name") {
                    self.meta.project = Some(name);
                }
            }
            "assignee" => {
                if let Some(name) = self.name(key, node, "a name") {
                    let name = name.strip_prefix('@').unwrap_or(&name).trim().to_owned();
                    self.meta.assignee = Some(name).filter(|n| !n.is_empty());
                }
            }
            "priority" => {
                self.meta.priority = self.parsed(key, node, "a priority", |s| {
                    Priority::from_name(s).ok_or_else(|| {
                        format!(
                            "invalid priority `{s}`: expected highest, high, medium, none, low or lowest"
                        )
                    })
                });
            }
            "effort" => {
                self.meta.effort = self.parsed(key, node, "an effort kind", |s| {
                    Effort::from_name(s).ok_or_else(|| {
                        format!(
                            "invalid effort `{s}`: expected production, non-production, value or non-value"
                        )
                    })
                });
            }
            "impact" => {
                self.meta.impact = self.parsed(key, node, "a number from 1 to 10", value::impact);
            }
            "estimate" => {
                self.meta.estimate_minutes =
                    self.parsed(key, node, "a duration", value::duration_minutes);
            }
            "due" => self.meta.due = self.parsed(key, node, DATE, date),
            "scheduled" => self.meta.scheduled = self.parsed(key, node, DATE, date),
            "start" => self.meta.start = self.parsed(key, node, DATE, date),
            "followup" => self.meta.followup = self.parsed(key, node, DATE, date),
            "created" => self.meta.created = self.parsed(key, node, DATE, date),
            "urgent" => self.meta.urgent = self.flag(key, node),
            "important" => self.meta.important = self.flag(key, node),
            "scalable" => self.meta.scalable = self.flag(key, node),
            "checkin" => {
                self.meta.checkin = self.parsed(
                    key,
                    node,
                    "a check-in cadence",
                    crate::model::Cadence::parse,
                );
            }
            _ => {}
        }
    }

    /// The text of a scalar value; numbers as written. `None` for a null value (left
    /// unset, no problem) and for a list or mapping (reported, expecting `expected`).
    fn scalar(&mut self, key: &str, item: Item<'_>, expected: &str) -> Option<String> {
        let node = match item {
            Item::Node(node) => node,
            // A flat scalar is text or a number, as written either way.
            Item::Plain(plain) => return Some(plain.text.to_owned()),
            Item::List { .. } => {
                self.invalid(item, key, format!("expected {expected}, found a list"));
                return None;
            }
        };
        match &node.value {
            Value::Null => None,
            Value::Int(_) | Value::Float(_) => yaml::source_text(node, self.text)
                .map(|s| s.trim().to_owned())
                .or_else(|| node.value.scalar_text()),
            Value::Str(_) | Value::Bool(_) => node.value.scalar_text(),
            other => {
                let found = other.kind();
                self.invalid(item, key, format!("expected {expected}, found {found}"));
                None
            }
        }
    }

    /// A scalar run through `parse`; a parse error is reported and leaves the key unset.
    fn parsed<T>(
        &mut self,
        key: &str,
        item: Item<'_>,
        expected: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        let text = self.scalar(key, item, expected)?;
        match parse(&text) {
            Ok(v) => Some(v),
            Err(message) => {
                self.invalid(item, key, message);
                None
            }
        }
    }

    fn flag(&mut self, key: &str, item: Item<'_>) -> Option<bool> {
        match item {
            Item::Node(Node {
                value: Value::Bool(b),
                ..
            }) => Some(*b),
            _ => self.parsed(key, item, "true or false", value::boolean),
        }
    }

    /// A name (project, assignee): text or a number, trimmed; an Obsidian link `[[Name]]`
    /// or `[[Name|shown]]` becomes `Name`, also when left unquoted (YAML then reads it as a
    /// list in a list).
    fn name(&mut self, key: &str, item: Item<'_>, expected: &str) -> Option<String> {
        let text = match item {
            Item::Node(Node {
                value: Value::Seq(outer),
                ..
            }) => match outer.as_slice() {
                [inner] => match &inner.value {
                    Value::Seq(items) => match items.as_slice() {
                        [item] => item.value.scalar_text().map(|s| format!("[[{s}]]")),
                        _ => None,
                    },
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        };
        let text = match text {
            Some(text) => text,
            None => self.scalar(key, item, expected)?,
        };
        let name = unlink(text.trim()).trim();
        (!name.is_empty()).then(|| name.to_owned())
    }

    /// `tags`: a list, or one string of tags separated by commas or spaces. A leading `#`
    /// is dropped; numbers are kept as written.
    fn tags(&mut self, key: &str, item: Item<'_>) {
        match item {
            Item::Node(Node {
                value: Value::Seq(items),
                ..
            }) => {
                for item in items {
                    if let Some(tag) = self.scalar(key, Item::Node(item), "a tag") {
                        self.add_tag(&tag);
                    }
                }
            }
            Item::List { items, .. } => {
                for plain in items {
                    self.add_tag(plain.text);
                }
            }
            _ => {
                if let Some(text) = self.scalar(key, item, "a list of tags") {
                    for tag in text.split(|c: char| c == ',' || c.is_whitespace()) {
                        self.add_tag(tag);
                    }
                }
            }
        }
    }

    fn add_tag(&mut self, tag: &str) {
        let tag = tag.trim();
        let tag = tag.strip_prefix('#').unwrap_or(tag).trim();
        if !tag.is_empty() && !self.meta.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            self.meta.tags.push(tag.to_owned());
        }
    }
}

/// `Name` from `[[Name]]` or `[[Name|shown]]`; anything else unchanged.
fn unlink(text: &str) -> &str {
    match text.strip_prefix("[[").and_then(|t| t.strip_suffix("]]")) {
        Some(inner) => inner.split('|').next().unwrap_or(inner),
        None => text,
    }
}

/// A date value: `YYYY-MM-DD`, or a YAML date-time (`2026-11-21T09:30:00Z`,
/// `2026-11-21 09:30`), of which the date part is kept.
fn date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    if let (Some(day), Some(time)) = (text.get(..10), text.get(10..)) {
        let time = time
            .strip_prefix(['T', 't', ' ', '\t'])
            .map(str::trim_start);
        if time.is_some_and(looks_like_time) {
            return value::date(day).map_err(|_| {
                format!("invalid date `{text}`: expected YYYY-MM-DD or a YAML date-time")
            });
        }
    }
    value::date(text)
}

/// `H:MM` or `HH:MM` at the start, as YAML timestamps have.
fn looks_like_time(s: &str) -> bool {
    let b = s.as_bytes();
    let hour = b.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=2).contains(&hour)
        && b.get(hour) == Some(&b':')
        && b.get(hour + 1..hour + 3)
            .is_some_and(|m| m.iter().all(u8::is_ascii_digit))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(block.start, block.end, yaml.start, yaml.end)`.
    type Spans = (usize, usize, usize, usize);

    /// Expected problems as `(code, line, column)`.
    type Found<'a> = &'a [(&'a str, usize, usize)];

    #[track_caller]
    fn check_split(src: &str, want: Option<Spans>) {
        let got = split(src).map(|fm| {
            assert_eq!(fm.body_start, fm.block.end, "body_start = block.end");
            (fm.block.start, fm.block.end, fm.yaml.start, fm.yaml.end)
        });
        assert_eq!(got, want, "{src:?}");
    }

    #[test]
    fn splits() {
        let rows: &[(&str, Option<Spans>)] = &[
            // (block.start, block.end, yaml.start, yaml.end)
            ("---\na: 1\n---\nbody\n", Some((0, 13, 4, 9))),
            ("---\r\na: 1\r\n---\r\nbody\r\n", Some((0, 16, 5, 11))),
            ("\u{feff}---\na: 1\n---\nbody\n", Some((3, 16, 7, 12))),
            ("---\na: 1\n...\nbody\n", Some((0, 13, 4, 9))),
            ("---\n---\n", Some((0, 8, 4, 4))),
            ("---\n---", Some((0, 7, 4, 4))),
            ("---\na: 1\n---", Some((0, 12, 4, 9))),
            ("--- \t\na: 1\n---  \nx", Some((0, 17, 6, 11))),
            ("---\na: 1\n...\t\r\n", Some((0, 15, 4, 9))),
            ("---\na: |\n  ---x\n---\n", Some((0, 20, 4, 16))),
            ("---\na: 1\n", None),
            ("---\na: 1\n----\n", None),
            ("---", None),
            ("", None),
            ("\n---\na: 1\n---\n", None),
            ("# title\n---\na: 1\n---\n", None),
            ("----\na: 1\n---\n", None),
            (" ---\na: 1\n---\n", None),
            ("---x\na: 1\n---\n", None),
            ("--- a\n---\n", None),
            ("---\ra: 1\r---\r", None),
            ("\u{feff}\u{feff}---\n---\n", None),
        ];
        for &(src, want) in rows {
            check_split(src, want);
        }
    }

    /// Split and read `src`, which must have front matter.
    #[track_caller]
    fn read_src(src: &str) -> (Metadata, Vec<Problem>) {
        let fm = split(src).expect("front matter");
        let index = LazyLineIndex::new(src);
        let parsed = read(src, &fm, &index, false);
        assert_eq!(
            read(src, &fm, &index, true),
            parsed,
            "flat and parsed: {src:?}"
        );
        parsed
    }

    /// Positions are asked for only to report a problem: a block read without one, flat
    /// or parsed, leaves the note's line index unmade.
    #[test]
    fn the_line_index_is_made_only_for_a_problem() {
        let rows: &[(&str, bool)] = &[
            ("title: Renew\nimpact: 3\n", false),
            ("tags:\n  - a\n", false),
            ("title: 'quoted'\n", false),
            ("impact: 11\n", true),
            ("due: [a]\n", true),
            ("a: [\n", true),
        ];
        for &(yaml, made) in rows {
            let src = format!("---\n{yaml}---\n");
            let fm = split(&src).expect("front matter");
            for flat in [true, false] {
                let index = LazyLineIndex::new(&src);
                read(&src, &fm, &index, flat);
                assert_eq!(index.is_made(), made, "{yaml:?}, flat {flat}");
            }
        }
    }

    #[track_caller]
    fn check_read(yaml: &str, want: Metadata, problems: Found) {
        let src = format!("---\n{yaml}---\n- [ ] task\n");
        let (got, found) = read_src(&src);
        let found: Vec<_> = found
            .iter()
            .map(|p| (p.kind.code(), p.line, p.column))
            .collect();
        assert_eq!(found, problems, "problems for {yaml:?}");
        assert_eq!(got, want, "metadata for {yaml:?}");
    }

    fn meta(f: impl FnOnce(&mut Metadata)) -> Metadata {
        let mut m = Metadata::default();
        f(&mut m);
        m
    }

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    fn tags(list: &[&str]) -> Metadata {
        meta(|m| m.tags = list.iter().map(|s| s.to_string()).collect())
    }

    const BAD: &str = "invalid-front-matter-value";

    #[test]
    fn reads_each_key() {
        let rows: Vec<(&str, Metadata, Found)> = vec![
            ("", Metadata::default(), &[]),
            ("# only a comment\n", Metadata::default(), &[]),
            ("title: x\naliases: [a]\n", Metadata::default(), &[]),
            (
                "project: Apollo\n",
                meta(|m| m.project = Some("Apollo".into())),
                &[],
            ),
            (
                "project: \"[[Apollo|the moon]]\"\n",
                meta(|m| m.project = Some("Apollo".into())),
                &[],
            ),
            (
                "project: [[Apollo]]\n",
                meta(|m| m.project = Some("Apollo".into())),
                &[],
            ),
            (
                "project: 2026\n",
                meta(|m| m.project = Some("2026".into())),
                &[],
            ),
            ("project: [a, b]\n", Metadata::default(), &[(BAD, 2, 10)]),
            ("project:\n", Metadata::default(), &[]),
            (
                "priority: high\n",
                meta(|m| m.priority = Some(Priority::High)),
                &[],
            ),
            (
                "Priority: Lowest\n",
                meta(|m| m.priority = Some(Priority::Lowest)),
                &[],
            ),
            ("priority: urgent\n", Metadata::default(), &[(BAD, 2, 11)]),
            ("priority: 1\n", Metadata::default(), &[(BAD, 2, 11)]),
            (
                "due: 2026-11-21\n",
                meta(|m| m.due = day(2026, 11, 21)),
                &[],
            ),
            (
                "due: '2026-11-21'\n",
                meta(|m| m.due = day(2026, 11, 21)),
                &[],
            ),
            (
                "due: 2026-11-21T09:30:00Z\n",
                meta(|m| m.due = day(2026, 11, 21)),
                &[],
            ),
            (
                "due: 2026-11-21 9:30:00 -5\n",
                meta(|m| m.due = day(2026, 11, 21)),
                &[],
            ),
            (
                "due: 2026-11-21t09:30\n",
                meta(|m| m.due = day(2026, 11, 21)),
                &[],
            ),
            ("due: 2026-02-30\n", Metadata::default(), &[(BAD, 2, 6)]),
            (
                "due: 2026-02-30T10:00\n",
                Metadata::default(),
                &[(BAD, 2, 6)],
            ),
            ("due: 2026-1-5\n", Metadata::default(), &[(BAD, 2, 6)]),
            (
                "due: 2026-11-21 later\n",
                Metadata::default(),
                &[(BAD, 2, 6)],
            ),
            ("due: 20261121\n", Metadata::default(), &[(BAD, 2, 6)]),
            ("due: [2026-11-21]\n", Metadata::default(), &[(BAD, 2, 6)]),
            ("due:\n", Metadata::default(), &[]),
            (
                "scheduled: 2026-11-22\n",
                meta(|m| m.scheduled = day(2026, 11, 22)),
                &[],
            ),
            (
                "start: 2026-11-23\n",
                meta(|m| m.start = day(2026, 11, 23)),
                &[],
            ),
            (
                "followup: 2026-11-24\n",
                meta(|m| m.followup = day(2026, 11, 24)),
                &[],
            ),
            (
                "created: 2026-11-25\n",
                meta(|m| m.created = day(2026, 11, 25)),
                &[],
            ),
            ("start: soon\n", Metadata::default(), &[(BAD, 2, 8)]),
            (
                "assignee: \"@alice\"\n",
                meta(|m| m.assignee = Some("alice".into())),
                &[],
            ),
            (
                "assignee: bob\n",
                meta(|m| m.assignee = Some("bob".into())),
                &[],
            ),
            (
                "assignee: {name: bob}\n",
                Metadata::default(),
                &[(BAD, 2, 11)],
            ),
            (
                "effort: non-production\n",
                meta(|m| m.effort = Some(Effort::NonProduction)),
                &[],
            ),
            (
                "effort: Value\n",
                meta(|m| m.effort = Some(Effort::Value)),
                &[],
            ),
            ("effort: lots\n", Metadata::default(), &[(BAD, 2, 9)]),
            ("impact: 7\n", meta(|m| m.impact = Some(7)), &[]),
            ("impact: '10'\n", meta(|m| m.impact = Some(10)), &[]),
            ("impact: 11\n", Metadata::default(), &[(BAD, 2, 9)]),
            ("impact: 0\n", Metadata::default(), &[(BAD, 2, 9)]),
            ("impact: 7.5\n", Metadata::default(), &[(BAD, 2, 9)]),
            ("impact: .nan\n", Metadata::default(), &[(BAD, 2, 9)]),
            ("impact: high\n", Metadata::default(), &[(BAD, 2, 9)]),
            (
                "estimate: 90\n",
                meta(|m| m.estimate_minutes = Some(90)),
                &[],
            ),
            (
                "estimate: 1.5h\n",
                meta(|m| m.estimate_minutes = Some(90)),
                &[],
            ),
            (
                "estimate: 1d\n",
                meta(|m| m.estimate_minutes = Some(480)),
                &[],
            ),
            ("estimate: 1w\n", Metadata::default(), &[(BAD, 2, 11)]),
            ("estimate: 1.5\n", Metadata::default(), &[(BAD, 2, 11)]),
            ("urgent: true\n", meta(|m| m.urgent = Some(true)), &[]),
            ("scalable: true\n", meta(|m| m.scalable = Some(true)), &[]),
            ("scalable: often\n", Metadata::default(), &[(BAD, 2, 11)]),
            (
                "checkin: every 2 weeks\n",
                meta(|m| m.checkin = crate::model::Cadence::parse("every 2 weeks").ok()),
                &[],
            ),
            ("checkin: hourly\n", Metadata::default(), &[(BAD, 2, 10)]),
            ("urgent: False\n", meta(|m| m.urgent = Some(false)), &[]),
            ("urgent: yes\n", meta(|m| m.urgent = Some(true)), &[]),
            (
                "important: false\n",
                meta(|m| m.important = Some(false)),
                &[],
            ),
            ("important: maybe\n", Metadata::default(), &[(BAD, 2, 12)]),
            ("important: [true]\n", Metadata::default(), &[(BAD, 2, 12)]),
            (
                "tags: [x, no, on, 0755]\n",
                tags(&["x", "no", "on", "0755"]),
                &[],
            ),
            (
                "tags:\n  - '#work'\n  - home\n",
                tags(&["work", "home"]),
                &[],
            ),
            ("tags: work, #home  errands\n", tags(&["work"]), &[]),
            (
                "tags: 'work, #home  errands'\n",
                tags(&["work", "home", "errands"]),
                &[],
            ),
            ("tags: work\n", tags(&["work"]), &[]),
            (
                "tags: [2026, 1.50, true, Work, work]\n",
                tags(&["2026", "1.50", "true", "Work"]),
                &[],
            ),
            ("tags: [a, [b], c]\n", tags(&["a", "c"]), &[(BAD, 2, 11)]),
            ("tags: {a: 1}\n", Metadata::default(), &[(BAD, 2, 7)]),
            ("tags:\n", Metadata::default(), &[]),
            ("tags: [a, '', '#']\n", tags(&["a"]), &[]),
            (
                "due: nope\npriority: high\nimpact: 99\n",
                meta(|m| m.priority = Some(Priority::High)),
                &[(BAD, 2, 6), (BAD, 4, 9)],
            ),
            (
                "base: &d 2026-11-21\ndue: *d\nstart: *d\n",
                meta(|m| {
                    m.due = day(2026, 11, 21);
                    m.start = day(2026, 11, 21);
                }),
                &[],
            ),
        ];
        for (yaml, want, problems) in rows {
            check_read(yaml, want, problems);
        }
    }

    #[test]
    fn messages_name_key_value_and_expectation() {
        let rows = [
            (
                "due: 2026-02-30\n",
                "front matter `due`: invalid date `2026-02-30`: no such day in the calendar",
            ),
            (
                "priority: urgent\n",
                "front matter `priority`: invalid priority `urgent`: expected highest, high, medium, none, low or lowest",
            ),
            (
                "impact: 7.5\n",
                "front matter `impact`: invalid impact `7.5`: expected a whole number from 1 to 10",
            ),
            (
                "due: [2026-11-21]\n",
                "front matter `due`: expected a date (YYYY-MM-DD), found a list",
            ),
        ];
        for (yaml, want) in rows {
            let (_, problems) = read_src(&format!("---\n{yaml}---\n"));
            let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
            assert_eq!(messages, [want], "{yaml:?}");
        }
    }

    #[track_caller]
    fn check_whole_block_problem(src: &str, code: &str, line: usize, column: usize) {
        let (got, problems) = read_src(src);
        assert_eq!(got, Metadata::default(), "{src:?}");
        let found: Vec<_> = problems
            .iter()
            .map(|p| (p.kind.code(), p.line, p.column))
            .collect();
        assert_eq!(found, [(code, line, column)], "{src:?}");
        assert!(
            !problems[0].message.contains('\n'),
            "one line: {:?}",
            problems[0].message
        );
    }

    #[test]
    fn malformed_or_not_a_mapping() {
        let rows = [
            (
                "---\ndue: 2026-11-21\ntags: [a, b\n---\n",
                "malformed-yaml",
                3,
                7,
            ),
            ("---\nproject: x\n  bad: [\n---\n", "malformed-yaml", 3, 6),
            (
                "\u{feff}---\r\nproject: x\r\n  bad: [\r\n---\r\n",
                "malformed-yaml",
                3,
                6,
            ),
            ("---\na: 1\na: 2\n---\n", "malformed-yaml", 3, 1),
            ("---\n\n\nx: \"é\u{1}\"\n---\n", "malformed-yaml", 4, 6),
            ("---\nx: *nowhere\n---\n", "malformed-yaml", 2, 4),
            ("---\n- a\n- b\n---\n", "front-matter-not-mapping", 2, 1),
            ("---\njust text\n---\n", "front-matter-not-mapping", 2, 1),
        ];
        for (src, code, line, column) in rows {
            check_whole_block_problem(src, code, line, column);
        }
    }

    #[test]
    fn malformed_message_is_reported() {
        let (_, problems) = read_src("---\ntags: [a, b\n---\n");
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .message
                .starts_with("malformed YAML in front matter: "),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn hostile_yaml_is_one_problem() {
        let deep = format!(
            "---\nx: {}{}\n---\n",
            "[".repeat(30_000),
            "]".repeat(30_000)
        );
        let (got, problems) = read_src(&deep);
        assert_eq!(got, Metadata::default());
        let codes: Vec<_> = problems.iter().map(|p| p.kind.code()).collect();
        assert_eq!(codes, ["malformed-yaml"]);
    }
}
