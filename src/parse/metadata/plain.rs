//! Plain `key:value` tokens (`due:2026-01-05`, `impact:7`): a whitespace-delimited word for
//! one of a few keys. It is a field only when its value is valid, so ordinary text with a
//! colon (`ratio 3:2`, `due:tomorrow`) stays text and is never reported.

use super::field_value;
use super::segment::Segment;
use super::token::Token;
use crate::model::{FieldKey, Syntax};
use crate::span::Span;

/// Plain key names (compared case-insensitively) and what they set.
const KEYS: [(&str, FieldKey); 9] = [
    ("due", FieldKey::Due),
    ("scheduled", FieldKey::Scheduled),
    ("start", FieldKey::Start),
    ("followup", FieldKey::Followup),
    ("checkin", FieldKey::Checkin),
    ("assignee", FieldKey::Assignee),
    ("effort", FieldKey::Effort),
    ("impact", FieldKey::Impact),
    ("estimate", FieldKey::Estimate),
];

/// The longest key, to give up early on long words.
const MAX_KEY: usize = 9;

/// The lengths of the key names: a plain token has its `:` right after one of them.
const KEY_LENGTHS: [usize; 6] = [3, 5, 6, 7, 8, 9];

/// The plain token starting at `i` (the caller checks it starts a word).
pub(super) fn read<'a>(seg: &Segment<'a>, i: usize) -> Option<Token<'a>> {
    let b = seg.text.as_bytes();
    // Nearly every word is no field: rule it out on where its `:` would have to be
    // before reading its letters.
    if !KEY_LENGTHS.iter().any(|&n| b.get(i + n) == Some(&b':')) {
        return None;
    }
    let mut j = i;
    while j < b.len() && j - i <= MAX_KEY && b[j].is_ascii_alphabetic() {
        j += 1;
    }
    if seg.byte(j) != Some(b':') {
        return None;
    }
    let name = seg.text.get(i..j)?;
    let key = KEYS
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|&(_, key)| key)?;
    let value_start = j + 1;
    if seg.byte(value_start) == Some(b':') {
        return None;
    }
    let word = seg.text.get(value_start..seg.token_end(value_start))?;
    if word.is_empty() {
        return None;
    }
    let (len, read) = field_value::read_word(key, word);
    let value_end = value_start + len;
    Some(Token {
        key,
        syntax: Syntax::Plain,
        span: Span::new(i, value_end),
        value: Span::new(value_start, value_end),
        read: Ok(read.ok()?),
    })
}

#[cfg(test)]
mod tests {
    use super::{KEY_LENGTHS, KEYS, MAX_KEY};

    #[test]
    fn every_key_length_is_checked() {
        for (name, _) in KEYS {
            assert!(KEY_LENGTHS.contains(&name.len()), "{name}");
            assert!(name.len() <= MAX_KEY, "{name}");
        }
    }
}
