//! `#tags`, by Obsidian's rules: letters, digits, `_`, `-` and `/`, at least one character
//! that is not a digit (`#123` is not a tag), no trailing `/`.

use super::field_value::Value;
use super::segment::Segment;
use super::token::Token;
use crate::model::{FieldKey, Syntax};
use crate::span::Span;

/// The tag whose `#` is at `i` (the caller checks it starts a word).
pub(super) fn read<'a>(seg: &Segment<'a>, i: usize) -> Option<Token<'a>> {
    let start = i + 1;
    let mut end = start;
    while let Some(c) = seg.char_at(end) {
        if !(c.is_alphanumeric() || matches!(c, '_' | '-' | '/')) {
            break;
        }
        end += c.len_utf8();
    }
    let name = seg.text.get(start..end)?.trim_end_matches('/');
    if !name.chars().any(|c| !c.is_ascii_digit()) {
        return None;
    }
    let end = start + name.len();
    Some(Token {
        key: FieldKey::Tag,
        syntax: Syntax::Hashtag,
        span: Span::new(i, end),
        value: Span::new(start, end),
        read: Ok(Value::Text(name)),
    })
}
