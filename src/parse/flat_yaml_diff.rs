//! The differential test of the flat front-matter reader (`flat_yaml`, decision 0076)
//! against the YAML parser: generated front matter, both readers, equal results.
//!
//! The blocks are lines of keys ike reads and keys it ignores, with values that are
//! words, numbers, dates, YAML keywords, near misses (quotes, comments, colons, tabs,
//! trailing blanks, non-ASCII) and lists of every form, plus random text both inside
//! and outside the flat reader's alphabet, so that a fair share is flat and the rest
//! probes its edges. On every block:
//!
//! - ike reads the same metadata and the same problems (wording, line, column) with the
//!   flat reader allowed and with every block sent to the parser;
//! - when the flat reader takes the block, the parser reads a mapping of the same keys
//!   in the same order, each value the same text (numbers as written) at the same byte
//!   offset, each list at the same offset with the same items.

use super::flat_yaml::{self, FlatValue, Plain};
use super::front_matter::{read, split};
use crate::line_index::LazyLineIndex;
use crate::yaml::{self, Node, Value};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

const KEYS: &[&str] = &[
    "title",
    "tags",
    "Tags",
    "impact",
    "due",
    "created",
    "priority",
    "effort",
    "project",
    "assignee",
    "urgent",
    "important",
    "scalable",
    "estimate",
    "checkin",
    "start",
    "followup",
    "scheduled",
    "aliases",
    "x-y",
    "a_b",
    "k1",
    "y",
    "yes",
    "No",
    "null",
    "Due",
    "IMPACT",
];

/// The first twelve are common, well-formed values; the rest are rarer.
const VALUES: &[&str] = &[
    "Renew the plan",
    "q4, important",
    "3",
    "10",
    "2026-09-02",
    "high",
    "value",
    "30m",
    "weekly",
    "work home",
    "bob",
    "Home",
    "true",
    "0",
    "007",
    "1_000",
    "0x1F",
    "1e5",
    "1.5",
    "2026-13-45",
    "2026-9-2",
    "Highest",
    "nope",
    "false",
    "True",
    "no",
    "off",
    "y",
    "N",
    "null",
    "Null",
    "~",
    "NaN",
    "inf",
    "Inf",
    "infinity",
    "-1",
    "+1",
    ".5",
    "a -b",
    "a - b",
    "(x)",
    "a/b",
    "x,y",
    "non-production",
    "1h",
    "2h 30m",
    "every week",
    "[[Home]]",
    "@bob",
    "#tag",
    "a #b",
    "a: b",
    "'q'",
    "\"q\"",
    "é",
    "a\tb",
    "",
    " ",
    "a ",
    "12:30",
    "2026-11-21 09:30",
    "foo.",
    "x(",
    "1,000",
    "1.0.0",
    "0o17",
    "0b101",
    "1__0",
    "e5",
    "5e",
    "-",
    "--",
    "...",
    "a,",
    "1 2",
    "0.0",
    "1e400",
    "9E999",
    "1.5e308",
    "0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
    "0o7777777777777777777777777777777777777777777777",
    "12345678901234567890123",
    "123456789012345678901234567890123456789012345",
    "_x",
    "x_",
    "a  b",
    "1.",
    "1-2",
    "A",
    "Z9",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(KEYS).prop_map(str::to_owned),
        1 => "[a-zA-Z0-9_ -]{1,5}",
    ]
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(&VALUES[..12]).prop_map(str::to_owned),
        2 => prop::sample::select(VALUES).prop_map(str::to_owned),
        // The flat reader's own alphabet: taken or refused on shape alone.
        2 => "[a-zA-Z0-9][a-zA-Z0-9 ,._/()-]{0,7}",
        1 => "[a-zA-Z0-9 ,._/()-]{0,8}",
        // Anything YAML gives a meaning to.
        1 => "[a-zA-Z0-9 ,._/()\\-:#'\"%\\[\\]{}&*!|>?@`~\t\\\\é]{0,8}",
    ]
}

/// One entry of a block, or a line of something else.
fn entry() -> impl Strategy<Value = String> {
    let gap = prop::sample::select(&[" ", " ", " ", " ", " ", " ", "  ", "", "\t", " \t"][..]);
    let indent = prop::sample::select(&["", "  ", "    ", " ", "         "][..]);
    let separator = prop::sample::select(&[", ", ", ", ",", " , ", ",  "][..]);
    prop_oneof![
        12 => (key(), gap, value()).prop_map(|(k, g, v)| format!("{k}:{g}{v}\n")),
        3 => (key(), indent, prop::collection::vec((value(), 0..30usize), 1..4)).prop_map(
            |(k, indent, items)| {
                let mut out = format!("{k}:\n");
                for (v, odd) in items {
                    // Now and then one item out of line.
                    let indent = if odd == 0 { "   " } else { indent };
                    out.push_str(&format!("{indent}- {v}\n"));
                }
                out
            }
        ),
        3 => (key(), separator, prop::collection::vec(value(), 0..4))
            .prop_map(|(k, sep, items)| format!("{k}: [{}]\n", items.join(sep))),
        1 => prop::sample::select(&["\n", "# note\n", "\r\n", "  x\n", " \n", "- a\n"][..])
            .prop_map(str::to_owned),
    ]
}

/// A front-matter block: one to four entries (every line ended, as `split` cuts them).
fn block() -> impl Strategy<Value = String> {
    prop::collection::vec(entry(), 1..5).prop_map(|lines| lines.concat())
}

/// Read `text` as the front matter of a note both ways and compare; when the flat
/// reader takes it, compare its entries with the parser's mapping too. True when the
/// flat reader took the block.
#[track_caller]
fn same_both_ways(text: &str) -> bool {
    let src = format!("---\n{text}---\nbody\n");
    let Some(fm) = split(&src) else {
        return false;
    };
    let index = LazyLineIndex::new(&src);
    assert_eq!(
        read(&src, &fm, &index, true),
        read(&src, &fm, &index, false),
        "flat and parsed differ: {src:?}"
    );
    let yaml = fm.yaml.slice(&src);
    let Some(entries) = flat_yaml::read(yaml) else {
        return false;
    };
    let Ok(Some(root)) = yaml::parse(yaml) else {
        panic!("flat but not parsed: {yaml:?}");
    };
    let Value::Map(map) = &root.value else {
        panic!("flat but no mapping: {yaml:?}");
    };
    assert_eq!(map.len(), entries.len(), "{yaml:?}");
    for ((key, node), entry) in map.iter().zip(&entries) {
        assert_eq!(key, &Value::Str(entry.key.to_owned()), "{yaml:?}");
        match (&entry.value, &node.value) {
            (FlatValue::Scalar(plain), _) => same_scalar(plain, node, yaml),
            (FlatValue::List { offset, items }, Value::Seq(nodes)) => {
                assert_eq!(yaml::node_offset(node), Some(*offset), "{yaml:?}");
                assert_eq!(items.len(), nodes.len(), "{yaml:?}");
                for (plain, node) in items.iter().zip(nodes) {
                    same_scalar(plain, node, yaml);
                }
            }
            (FlatValue::List { .. }, other) => panic!("{yaml:?}: a list read as {other:?}"),
        }
    }
    true
}

/// A flat scalar is the parser's text (a number as written) at the parser's offset.
#[track_caller]
fn same_scalar(plain: &Plain<'_>, node: &Node, text: &str) {
    let as_parsed = match &node.value {
        Value::Str(s) => Some(s.as_str()),
        Value::Int(_) | Value::Float(_) => yaml::source_text(node, text),
        _ => None,
    };
    assert_eq!(as_parsed, Some(plain.text), "{text:?}");
    assert_eq!(yaml::node_offset(node), Some(plain.offset), "{text:?}");
}

/// 4,000 cases in the suite; proptest's own `PROPTEST_CASES` asks for more (a long run:
/// docs/decisions/0076-flat-front-matter.md).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4_000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]
    #[test]
    fn flat_reader_reads_as_the_yaml_parser(text in block()) {
        same_both_ways(&text);
    }
}

/// The property above is no vacuous pass: a good share of the generated blocks is flat,
/// and a good share is not.
#[test]
fn generated_blocks_are_flat_and_not() {
    let mut runner = TestRunner::deterministic();
    let strategy = block();
    let mut flat = 0;
    for _ in 0..2_000 {
        let text = strategy.new_tree(&mut runner).expect("a block").current();
        flat += usize::from(same_both_ways(&text));
    }
    assert!((300..1_700).contains(&flat), "{flat} of 2,000 blocks flat");
}
