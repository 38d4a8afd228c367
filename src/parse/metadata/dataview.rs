//! Dataview inline fields, `[key:: value]` and `(key:: value)`, for the keys ike knows.
//! Unknown keys are not fields and stay in the description. The brackets must balance
//! within the line; `[[wikilinks]]` are never fields.

use super::field_value;
use super::segment::Segment;
use super::token::Token;
use crate::model::{FieldKey, Syntax};
use crate::span::Span;

/// Dataview key names (compared case-insensitively) and what they set.
const KEYS: [(&str, FieldKey); 20] = [
    ("due", FieldKey::Due),
    ("scheduled", FieldKey::Scheduled),
    ("start", FieldKey::Start),
    ("created", FieldKey::Created),
    ("completion", FieldKey::Done),
    ("cancelled", FieldKey::Cancelled),
    ("priority", FieldKey::Priority),
    ("repeat", FieldKey::Recurrence),
    ("onCompletion", FieldKey::OnCompletion),
    ("id", FieldKey::Id),
    ("dependsOn", FieldKey::DependsOn),
    ("assignee", FieldKey::Assignee),
    ("effort", FieldKey::Effort),
    ("impact", FieldKey::Impact),
    ("estimate", FieldKey::Estimate),
    ("followup", FieldKey::Followup),
    ("urgent", FieldKey::Urgent),
    ("important", FieldKey::Important),
    ("checkin", FieldKey::Checkin),
    ("scalable", FieldKey::Scalable),
];

fn key_named(name: &str) -> Option<FieldKey> {
    KEYS.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|&(_, key)| key)
}

/// The field whose opening bracket is at `i`.
pub(super) fn read<'a>(seg: &Segment<'a>, i: usize) -> Option<Token<'a>> {
    let b = seg.text.as_bytes();
    let (open, syntax) = match seg.byte(i)? {
        b'[' => (b'[', Syntax::DataviewBracket),
        b'(' => (b'(', Syntax::DataviewParen),
        _ => return None,
    };
    if open == b'[' && (seg.byte(i + 1) == Some(b'[') || (i > 0 && b[i - 1] == b'[')) {
        return None;
    }
    let key_start = skip_blanks(b, i + 1);
    let mut j = key_start;
    while j < b.len() && b[j].is_ascii_alphabetic() {
        j += 1;
    }
    let key = key_named(seg.text.get(key_start..j)?)?;
    let j = skip_blanks(b, j);
    if !b.get(j..)?.starts_with(b"::") {
        return None;
    }
    let value_start = j + 2;
    let close_at = seg.closing(value_start, open)?;
    let (vs, ve) = seg.trimmed(value_start, close_at);
    Some(Token {
        key,
        syntax,
        span: Span::new(i, close_at + 1),
        value: Span::new(vs, ve),
        read: field_value::read(key, seg.text.get(vs..ve)?),
    })
}

fn skip_blanks(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t') {
        i += 1;
    }
    i
}
