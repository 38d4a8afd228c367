//! Flat front matter: recognise, without the YAML parser, the narrow kind of block most
//! notes have — `key: word` lines, a list of words under a key, a flow list of words —
//! and hand anything else to the YAML parser.
//!
//! The recogniser only says yes where the YAML parser (with ike's options) reads a
//! mapping of the same keys, in the same order, to the same text at the same byte
//! offsets; a differential property test (`flat_yaml_diff`) holds the two equal on generated
//! blocks. So the rules are strict on purpose: ASCII only, LF line ends, no tabs, no
//! comments, no quotes, no blank lines, no trailing blanks, no `:` or `#` inside a
//! value, no word YAML could read as a null or a boolean, no repeated key. A block that
//! breaks any rule is no error: it is simply read by the YAML parser.

/// A plain scalar: its text, and where it starts in the block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Plain<'a> {
    /// The scalar as written (the YAML parser's text for it, numbers as written).
    pub text: &'a str,
    /// Byte offset of its first character in the block.
    pub offset: usize,
}

/// The value of one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum FlatValue<'a> {
    /// `key: word words`.
    Scalar(Plain<'a>),
    /// `key:` over `- word` lines, or `key: [word, word]`.
    List {
        /// Where the list starts, as the YAML parser places it (see [`block_list`]), or
        /// its `[`.
        offset: usize,
        /// Its items in order.
        items: Vec<Plain<'a>>,
    },
}

/// One `key: value` entry of a flat block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FlatEntry<'a> {
    /// The key as written.
    pub key: &'a str,
    /// Its value.
    pub value: FlatValue<'a>,
}

/// Longest block, key and scalar the recogniser takes; longer ones go to the parser
/// (YAML limits implicit keys to 1024 characters, and the parser has a text budget).
const MAX_BLOCK: usize = 64 * 1024;
const MAX_KEY: usize = 64;
const MAX_SCALAR: usize = 256;
/// Deepest indentation of a `- word` line.
const MAX_INDENT: usize = 8;

/// The entries of `text` when it is a flat block, in order; `None` for anything else
/// (also for an empty block).
pub(super) fn read(text: &str) -> Option<Vec<FlatEntry<'_>>> {
    let bytes = text.as_bytes();
    if bytes.is_empty()
        || bytes.len() > MAX_BLOCK
        || bytes.last() != Some(&b'\n')
        || !bytes
            .iter()
            .all(|&b| b == b'\n' || (b' '..=b'~').contains(&b))
    {
        return None;
    }
    let mut entries: Vec<FlatEntry<'_>> = Vec::new();
    let mut lines = Lines { text, at: 0 };
    while let Some((start, line)) = lines.next() {
        let colon = line.find(':')?;
        let key = &line[..colon];
        if !is_key(key) || entries.iter().any(|e| e.key == key) {
            return None;
        }
        let rest = &line[colon + 1..];
        let value = if rest.is_empty() {
            block_list(&mut lines)?
        } else {
            let blanks = rest.len() - rest.trim_start_matches(' ').len();
            if blanks == 0 {
                return None;
            }
            let offset = start + colon + 1 + blanks;
            let value = &rest[blanks..];
            if value.starts_with('[') {
                flow_list(value, offset)?
            } else if is_scalar(value) {
                FlatValue::Scalar(Plain {
                    text: value,
                    offset,
                })
            } else {
                return None;
            }
        };
        entries.push(FlatEntry { key, value });
    }
    Some(entries)
}

/// The lines of the block (each ended by LF), with their start offsets.
struct Lines<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Lines<'a> {
    fn next(&mut self) -> Option<(usize, &'a str)> {
        let line = self.peek()?;
        let start = self.at;
        self.at += line.len() + 1;
        Some((start, line))
    }

    fn peek(&self) -> Option<&'a str> {
        let rest = self.text.get(self.at..).filter(|r| !r.is_empty())?;
        rest.split('\n').next()
    }
}

/// The `- word` lines after a `key:` line: at least one, all at the same indentation.
fn block_list<'a>(lines: &mut Lines<'a>) -> Option<FlatValue<'a>> {
    let mut items = Vec::new();
    let mut indent = None;
    let mut offset = 0;
    while let Some(line) = lines.peek() {
        let spaces = line.len() - line.trim_start_matches(' ').len();
        let Some(word) = line[spaces..].strip_prefix("- ") else {
            break;
        };
        if spaces > MAX_INDENT || *indent.get_or_insert(spaces) != spaces || !is_scalar(word) {
            return None;
        }
        let (start, _) = lines.next()?;
        if items.is_empty() {
            // The parser places an indented list at its first `-`, and a list at the
            // key's own indentation (YAML's "indentless" sequence) at its first item.
            offset = start + if spaces == 0 { 2 } else { spaces };
        }
        items.push(Plain {
            text: word,
            offset: start + spaces + 2,
        });
    }
    (!items.is_empty()).then_some(FlatValue::List { offset, items })
}

/// `[word, word]` (one space after each comma, none inside the brackets), the rest of
/// a line starting at `offset`.
fn flow_list(value: &str, offset: usize) -> Option<FlatValue<'_>> {
    let inner = value.strip_prefix('[')?.strip_suffix(']')?;
    let mut items = Vec::new();
    let mut at = offset + 1;
    for word in inner.split(", ") {
        if !is_word(word) {
            return None;
        }
        items.push(Plain {
            text: word,
            offset: at,
        });
        at += word.len() + 2;
    }
    Some(FlatValue::List { offset, items })
}

/// A key: a word ([`is_word`]) that starts with a letter.
fn is_key(key: &str) -> bool {
    key.len() <= MAX_KEY
        && key.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && is_word(key)
}

/// A word of a flow list: letters, digits, `_` and `-`, starting with a letter or digit.
fn is_word(word: &str) -> bool {
    is_plain(word, |b| b == b'_' || b == b'-')
}

/// A one-line plain scalar of block context: starts with a letter or digit, then
/// letters, digits, spaces and `, . _ / ( ) -`, and does not end in a space.
fn is_scalar(value: &str) -> bool {
    !value.ends_with(' ')
        && is_plain(value, |b| {
            matches!(b, b' ' | b',' | b'.' | b'_' | b'/' | b'(' | b')' | b'-')
        })
}

/// Text of at most [`MAX_SCALAR`] bytes that starts with a letter or digit, holds only
/// letters, digits and the bytes `also` allows, and that YAML reads as that very text
/// ([`reads_as_written`]).
fn is_plain(text: &str, also: impl Fn(u8) -> bool) -> bool {
    text.len() <= MAX_SCALAR
        && text
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric())
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || also(b))
        && reads_as_written(text)
}

/// False for what YAML (1.1 or 1.2) may read as other than its text: a null, a boolean
/// or a non-finite number by name (`null`, `yes`, `inf`, in any case), a float too large
/// to be finite (`1e400`, which the parser gives back as the text `.inf`), and a number
/// in another base (`0x1F`; how the parser reads one too large for it is its own).
fn reads_as_written(text: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf", "infinity",
    ];
    let prefix = text.get(..2).map(str::to_ascii_lowercase);
    !KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(text))
        && !text.parse::<f64>().is_ok_and(|f| !f.is_finite())
        && !matches!(prefix.as_deref(), Some("0x" | "0o" | "0b"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(text: &str, offset: usize) -> Plain<'_> {
        Plain { text, offset }
    }

    #[test]
    fn flat_blocks_and_what_is_left_to_the_parser() {
        use FlatValue::{List, Scalar};
        let rows: &[(&str, Option<Vec<FlatEntry>>)] = &[
            (
                "title: Renew the plan\ntags: q4, important\n",
                Some(vec![
                    FlatEntry {
                        key: "title",
                        value: Scalar(scalar("Renew the plan", 7)),
                    },
                    FlatEntry {
                        key: "tags",
                        value: Scalar(scalar("q4, important", 28)),
                    },
                ]),
            ),
            (
                "tags:\n  - a\n  - b2\nimpact:  3\n",
                Some(vec![
                    FlatEntry {
                        key: "tags",
                        value: List {
                            offset: 8,
                            items: vec![scalar("a", 10), scalar("b2", 16)],
                        },
                    },
                    FlatEntry {
                        key: "impact",
                        value: Scalar(scalar("3", 28)),
                    },
                ]),
            ),
            (
                "aliases: [note, draft]\n",
                Some(vec![FlatEntry {
                    key: "aliases",
                    value: List {
                        offset: 9,
                        items: vec![scalar("note", 10), scalar("draft", 16)],
                    },
                }]),
            ),
            ("", None),
            ("a: b", None),
            ("a: b \n", None),
            ("a: b\r\n", None),
            ("a:\tb\n", None),
            ("a: b # c\n", None),
            ("a: \"b\"\n", None),
            ("a: b\n\nc: d\n", None),
            ("a: b\na: c\n", None),
            ("a: true\n", None),
            ("a: No\n", None),
            ("a: 12:30\n", None),
            ("a: 1e400\n", None),
            ("a: [1E999]\n", None),
            ("a: 0x1F\n", None),
            ("a:\n  - 0B1\n", None),
            ("a: é\n", None),
            ("a:\n", None),
            ("a:\nb: c\n", None),
            ("a:\n  - b\n - c\n", None),
            ("a: [b,c]\n", None),
            ("a: [b, [c]]\n", None),
            ("a: []\n", None),
            ("yes: b\n", None),
            ("-a: b\n", None),
            (" a: b\n", None),
            ("a:b\n", None),
        ];
        for (text, want) in rows {
            assert_eq!(&read(text), want, "{text:?}");
        }
    }
}
