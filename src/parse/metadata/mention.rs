//! `@name` mentions naming the assignee: letters, digits, `_`, `-` and `.`, not ending in
//! `.` (so `@bob.` at the end of a sentence is `bob`). Only at the start of a word, so an
//! e-mail address is not a mention.

use super::field_value::Value;
use super::segment::Segment;
use super::token::Token;
use crate::model::{FieldKey, Syntax};
use crate::span::Span;

/// The mention whose `@` is at `i` (the caller checks it starts a word).
pub(super) fn read<'a>(seg: &Segment<'a>, i: usize) -> Option<Token<'a>> {
    let start = i + 1;
    let mut end = start;
    while let Some(c) = seg.char_at(end) {
        if !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.')) {
            break;
        }
        end += c.len_utf8();
    }
    let name = seg.text.get(start..end)?.trim_end_matches('.');
    if name.is_empty() {
        return None;
    }
    let end = start + name.len();
    Some(Token {
        key: FieldKey::Assignee,
        syntax: Syntax::Mention,
        span: Span::new(i, end),
        value: Span::new(start, end),
        read: Ok(Value::Text(name)),
    })
}
