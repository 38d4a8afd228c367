//! A metadata token found in a segment, and the one place that decides which syntax a
//! position starts: emoji signifier, Dataview field, plain `key:value`, `#tag` or `@name`.

use super::field_value::Value;
use super::segment::Segment;
use super::{dataview, emoji, mention, plain, tag};
use crate::model::{FieldKey, Syntax};
use crate::span::Span;

/// A token, with spans relative to its segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token<'a> {
    /// What it sets.
    pub key: FieldKey,
    /// How it was written.
    pub syntax: Syntax,
    /// The whole token.
    pub span: Span,
    /// The value alone.
    pub value: Span,
    /// The checked value, or what is wrong with it.
    pub read: Result<Value<'a>, String>,
}

impl Token<'_> {
    /// Tags and mentions are words of the description too; field tokens are taken out.
    pub(super) fn stays_in_description(&self) -> bool {
        matches!(self.syntax, Syntax::Hashtag | Syntax::Mention)
    }
}

/// The token starting at byte `i` of the segment, if any. `after_space` says whether `i`
/// starts the segment or follows whitespace (tags, mentions and plain tokens need that).
pub(super) fn at<'a>(seg: &Segment<'a>, i: usize, after_space: bool) -> Option<Token<'a>> {
    match seg.byte(i)? {
        b'#' if after_space => tag::read(seg, i),
        b'@' if after_space => mention::read(seg, i),
        b'[' | b'(' => dataview::read(seg, i),
        b if after_space && b.is_ascii_alphabetic() => plain::read(seg, i),
        b if b >= 0x80 => emoji::read(seg, i),
        _ => None,
    }
}

/// True when something other than running text starts at `i`: a token or a code span.
/// A recurrence rule's text runs up to the first such place.
pub(super) fn starts_at(seg: &Segment<'_>, i: usize, after_space: bool) -> bool {
    if seg.code_end(i).is_some() {
        return true;
    }
    match seg.byte(i) {
        // Only the signifier matters here; reading it fully could recurse into a rule.
        Some(b) if b >= 0x80 => seg.char_at(i).is_some_and(emoji::is_signifier),
        Some(_) => at(seg, i, after_space).is_some(),
        None => false,
    }
}
