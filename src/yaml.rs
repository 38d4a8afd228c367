//! How ike reads YAML (front matter and `.ike.yaml`): one set of hardened parser options,
//! a generic value that remembers where each node is, and errors turned into positions the
//! caller can move into its own file.
//!
//! Why hardened: notes come from anywhere (shared vaults, downloads), and the YAML parser is
//! the one place where a few bytes can ask for gigabytes (alias bombs) or deep recursion.
//! See docs/decisions/0001-yaml-crate.md.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Budget, Error, Location, NonFiniteFloatPolicy, Options, Spanned};
use std::fmt;

/// Cap on scalar bytes in one YAML text, counting every alias replay again. Front matter
/// and configuration are a few KiB; this leaves room for long notes in a block scalar while
/// making "one big anchor, many aliases" fail after a handful of replays.
const MAX_SCALAR_BYTES: usize = 4 * 1024 * 1024;

/// Parser options shared by front matter and the configuration file.
///
/// - Only `true`/`false` are booleans, and numbers with leading zeros or underscores stay
///   strings, so `tags: [x, no, on, 0755]` reads as four strings (the crate's defaults
///   read `no`, `on` and `0755` as false, true and 755).
/// - Non-finite floats (`.nan`, `.inf`) come back as strings, so they are reported as a
///   bad value of their key instead of failing the whole block.
/// - A [`Budget`] and alias limits reject hostile input (alias bombs, huge anchors reused
///   many times, deep nesting) after a bounded amount of work.
/// - No error snippets: callers position the message in their own file.
pub(crate) fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_events = 200_000;
    budget.max_nodes = 100_000;
    budget.max_depth = 32;
    budget.flow_nesting_limit = 32;
    // Two, so a stray `--- x` line gets the parser's clear "multiple documents" message.
    budget.max_documents = 2;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_merge_keys = 100;
    budget.max_total_scalar_bytes = MAX_SCALAR_BYTES;
    budget.max_recorded_anchor_events = 10_000;
    budget.max_recorded_anchor_bytes = MAX_SCALAR_BYTES;

    let mut opts = Options::default();
    opts.budget = Some(budget);
    opts.alias_limits.max_total_replayed_events = 10_000;
    opts.alias_limits.max_replay_stack_depth = 16;
    opts.alias_limits.max_alias_expansions_per_anchor = 1_000;
    opts.strict_booleans = true;
    opts.leading_zero_numbers_as_strings = true;
    opts.underscored_numbers_as_strings = true;
    opts.legacy_octal_numbers = false;
    opts.non_finite_float_policy = NonFiniteFloatPolicy::AsString;
    opts.with_snippet = false;
    opts.crop_radius = 0;
    opts
}

/// Parse `text` with [`options`] into a generic [`Node`]. `Ok(None)` when the text holds
/// no document (empty, blank or only comments).
pub(crate) fn parse(text: &str) -> Result<Option<Node>, Error> {
    serde_saphyr::from_str_with_options::<Option<Node>>(text, options())
}

/// Where a parse error is, relative to the YAML text: 1-based line, 1-based column in
/// characters, and a one-line message without position or snippet. Line and column are
/// `(1, 1)` when the parser gave no position (e.g. for some budget breaches).
pub(crate) fn describe_error(err: &Error) -> (usize, usize, String) {
    let (line, column) = err
        .location()
        .filter(|l| *l != Location::UNKNOWN)
        .map_or((1, 1), |l| (to_usize(l.line()), to_usize(l.column())));
    (line.max(1), column.max(1), error_message(err))
}

/// Byte offset in `text` (the YAML that was parsed) where `err` is. Map this into a larger
/// file rather than the line of [`describe_error`]: YAML also ends a line at a lone `\r`,
/// which other line counters may not.
pub(crate) fn error_offset(err: &Error, text: &str) -> usize {
    let location = err.location().filter(|l| *l != Location::UNKNOWN);
    match location {
        Some(l) => match l.span().byte_offset() {
            Some(offset) => floor_char_boundary(text, to_usize(offset)),
            None => offset_at(text, to_usize(l.line()), to_usize(l.column())),
        },
        None => 0,
    }
}

/// Byte offset of 1-based `line` and character `column` in `text`, counting lines the way
/// YAML does (`\r\n`, `\n` or a lone `\r` ends one). Clamped to the line's end and the text.
pub(crate) fn offset_at(text: &str, line: usize, column: usize) -> usize {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut current = 1;
    while current < line && start < bytes.len() {
        match bytes[start] {
            b'\n' => current += 1,
            b'\r' if bytes.get(start + 1) != Some(&b'\n') => current += 1,
            _ => {}
        }
        start += 1;
    }
    // `start` only ever stops after an ASCII byte or at 0, so it is a char boundary.
    let rest = &text[start..];
    let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
    let in_line = rest[..end]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(end, |(i, _)| i);
    start + in_line
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The message of `err` on one line, without the "at line X, column Y" suffix.
fn error_message(err: &Error) -> String {
    use serde_saphyr::MessageFormatter;
    let text = serde_saphyr::UserMessageFormatter.format_message(err.without_snippet());
    // The formatter's text may hold line breaks or control characters taken from the input;
    // a problem message is one line of plain text.
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let one_line = one_line.split_whitespace().collect::<Vec<_>>().join(" ");
    // The crate names budget breaches by their internal counters; say what it means.
    if one_line.contains("limits breached") || one_line.contains("recursion limit") {
        return format!(
            "too large or too complex for ike's YAML limits (nesting deeper than 32 levels, \
             heavy alias reuse, or over 4 MiB of text) [{one_line}]"
        );
    }
    one_line
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// A YAML node with its position.
pub(crate) type Node = Spanned<Value>;

/// Byte offset of `node` in the parsed text, when known.
pub(crate) fn node_offset(node: &Node) -> Option<usize> {
    if node.referenced == Location::UNKNOWN {
        return None;
    }
    node.referenced.span().byte_offset().map(to_usize)
}

/// The exact spelling of a scalar `node` in `text`, the YAML it was parsed from (`1.50`
/// where the value is `1.5`). For an alias, the spelling at its anchor. `None` when the
/// parser did not record byte positions.
pub(crate) fn source_text<'t>(node: &Node, text: &'t str) -> Option<&'t str> {
    let span = node.defined.span();
    let start = to_usize(span.byte_offset()?);
    let end = start.checked_add(to_usize(span.byte_len()?))?;
    text.get(start..end).filter(|s| !s.is_empty())
}

/// A generic YAML value. Scalars keep the type YAML inferred under [`options`]; mappings
/// keep their entries in document order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// `null`, `~` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i128),
    /// A floating-point number.
    Float(f64),
    /// Text (including dates and times, which YAML-for-serde reads as text).
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping: key (without position) and value.
    Map(Vec<(Value, Node)>),
    /// Something else (e.g. `!!binary` bytes).
    Other,
}

impl Value {
    /// What kind of value this is, for messages (`a list`, `text`, …).
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
            Value::Other => "binary data",
        }
    }

    /// The text of a scalar (`Str`, `Int`, `Float`, `Bool`); `None` for anything else.
    pub(crate) fn scalar_text(&self) -> Option<String> {
        match self {
            Value::Str(s) => Some(s.clone()),
            Value::Int(n) => Some(n.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v.into()))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        Ok(Value::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Int(v.into()))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        Ok(i128::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Value, E> {
        Ok(Value::Other)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Value>()? {
            let value = map.next_value::<Node>()?;
            entries.push((key, value));
        }
        Ok(Value::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seq_of_strings(node: &Node) -> Vec<String> {
        match &node.value {
            Value::Seq(items) => items.iter().filter_map(|i| i.value.scalar_text()).collect(),
            other => panic!("not a list: {other:?}"),
        }
    }

    fn field<'a>(root: &'a Node, key: &str) -> &'a Node {
        match &root.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| *k == Value::Str(key.to_owned()))
                .map(|(_, v)| v)
                .expect("key"),
            other => panic!("not a mapping: {other:?}"),
        }
    }

    #[test]
    fn yaml_1_1_lookalikes_stay_strings() {
        let root = parse("tags: [x, no, on, 0755, 1_000, yes, off, true, 12]\n")
            .expect("parses")
            .expect("a document");
        let tags = field(&root, "tags");
        assert_eq!(
            seq_of_strings(tags),
            ["x", "no", "on", "0755", "1_000", "yes", "off", "true", "12"]
        );
        let Value::Seq(items) = &tags.value else {
            panic!("list")
        };
        let kinds: Vec<_> = items.iter().map(|i| i.value.kind()).collect();
        assert_eq!(kinds[..5], ["text"; 5]);
        assert_eq!(kinds[7..], ["a boolean", "a number"]);
    }

    #[test]
    fn scalars_and_positions() {
        let text = "a: 1.50\nb: ~\nc: 'x'\nd: .inf\n";
        let root = parse(text).expect("parses").expect("a document");
        let a = field(&root, "a");
        assert_eq!(a.value, Value::Float(1.5));
        assert_eq!(source_text(a, text), Some("1.50"));
        assert_eq!(node_offset(a), Some(3));
        assert_eq!(field(&root, "b").value, Value::Null);
        assert_eq!(field(&root, "c").value, Value::Str("x".into()));
        assert_eq!(node_offset(field(&root, "c")), Some(16));
        assert_eq!(field(&root, "d").value, Value::Str(".inf".into()));
    }

    #[test]
    fn empty_text_is_no_document() {
        for text in ["", "\n\n", "# just a comment\n", "   \n"] {
            assert_eq!(parse(text).ok(), Some(None), "{text:?}");
        }
    }

    #[track_caller]
    fn check_error(text: &str, line: usize, column: usize, offset: usize) {
        let err = parse(text).expect_err("malformed");
        let (l, c, message) = describe_error(&err);
        assert_eq!((l, c), (line, column), "{text:?}: {message}");
        assert_eq!(error_offset(&err, text), offset, "{text:?}");
        assert!(
            !message.is_empty() && !message.contains(['\n', '\r']),
            "{message:?}"
        );
        assert!(!message.contains("at line"), "{message:?}");
    }

    #[test]
    fn errors_are_positioned() {
        let rows = [
            ("a: [\n", 1, 4, 3),
            ("a: 1\na: 2\n", 2, 1, 5),
            ("a: b: c\n", 1, 5, 4),
            ("é: x\r  bad: [\r", 2, 6, 11),
            ("é: x\r\n  bad: [\r\n", 2, 6, 12),
            ("a: 1\n--- x\n", 2, 5, 9),
        ];
        for (text, line, column, offset) in rows {
            check_error(text, line, column, offset);
        }
    }

    #[test]
    fn offsets_of_line_and_column() {
        let text = "ab\r\ncé\rd\n\nlast";
        let rows = [
            ((1, 1), 0),
            ((1, 3), 2),
            ((1, 9), 2),
            ((2, 1), 4),
            ((2, 2), 5),
            ((2, 3), 7),
            ((3, 1), 8),
            ((4, 1), 10),
            ((5, 3), 13),
            ((9, 1), 15),
            ((0, 0), 0),
        ];
        for ((line, column), want) in rows {
            assert_eq!(offset_at(text, line, column), want, "{line}:{column}");
        }
    }

    // Hostile input. These only check that each is rejected with an error; how fast is
    // measured by the benchmark, not by a timed test.

    #[track_caller]
    fn check_rejected(text: &str) {
        match parse(text) {
            Err(err) => {
                let (_, _, message) = describe_error(&err);
                assert!(!message.is_empty());
            }
            Ok(_) => panic!("hostile YAML accepted"),
        }
    }

    #[test]
    fn rejects_billion_laughs() {
        let mut text = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let names: Vec<char> = ('a'..='j').collect();
        for pair in names.windows(2) {
            let (prev, next) = (pair[0], pair[1]);
            let refs = vec![format!("*{prev}"); 9].join(",");
            text.push_str(&format!("{next}: &{next} [{refs}]\n"));
        }
        check_rejected(&text);
    }

    #[test]
    fn rejects_big_anchor_reused() {
        let big = "x".repeat(1024 * 1024);
        let refs = vec!["*big"; 5_000].join(", ");
        check_rejected(&format!("a: &big \"{big}\"\nb: [{refs}]\n"));
    }

    #[test]
    fn rejects_deep_flow_nesting() {
        check_rejected(&format!("{}{}", "[".repeat(30_000), "]".repeat(30_000)));
    }

    #[test]
    fn rejects_deep_block_nesting() {
        check_rejected(&format!("{}x\n", "- ".repeat(30_000)));
    }

    #[test]
    fn accepts_a_big_anchor_used_a_few_times() {
        let big = "x".repeat(512 * 1024);
        let root = parse(&format!("a: &big \"{big}\"\nb: [*big, *big]\n"))
            .expect("within budget")
            .expect("a document");
        assert_eq!(seq_of_strings(field(&root, "b")).len(), 2);
    }
}
