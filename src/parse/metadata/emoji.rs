//! Obsidian Tasks emoji signifiers: `📅 2026-11-23`, `⏫`, `🔁 every week`, `⛔ a,b`…
//! A signifier may carry a U+FE0F variation selector, and any whitespace (NBSP included,
//! or none) may stand between it and its value.

use super::field_value::{self, Value};
use super::segment::Segment;
use super::token::{self, Token};
use crate::model::{FieldKey, Priority, Syntax};
use crate::span::Span;

/// What a signifier introduces.
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// A `YYYY-MM-DD` date for this key.
    Date(FieldKey),
    /// A rule running up to the next token.
    Recurrence,
    /// `keep` or `delete`.
    OnCompletion,
    /// One id.
    Id,
    /// Ids separated by commas.
    DependsOn,
    /// Nothing: the signifier is the value.
    Priority(Priority),
}

fn kind(c: char) -> Option<Kind> {
    Some(match c {
        '📅' | '📆' | '🗓' => Kind::Date(FieldKey::Due),
        '⏳' | '⌛' => Kind::Date(FieldKey::Scheduled),
        '🛫' => Kind::Date(FieldKey::Start),
        '➕' => Kind::Date(FieldKey::Created),
        '✅' => Kind::Date(FieldKey::Done),
        '❌' => Kind::Date(FieldKey::Cancelled),
        '🔁' => Kind::Recurrence,
        '🏁' => Kind::OnCompletion,
        '🆔' => Kind::Id,
        '⛔' => Kind::DependsOn,
        _ => Kind::Priority(Priority::from_emoji(c)?),
    })
}

/// True for every signifier character.
pub(super) fn is_signifier(c: char) -> bool {
    kind(c).is_some()
}

const VARIATION_SELECTOR: char = '\u{FE0F}';

/// The token whose signifier is at `i`.
pub(super) fn read<'a>(seg: &Segment<'a>, i: usize) -> Option<Token<'a>> {
    let c = seg.char_at(i)?;
    let kind = kind(c)?;
    let mut sig_end = i + c.len_utf8();
    if seg.char_at(sig_end) == Some(VARIATION_SELECTOR) {
        sig_end += VARIATION_SELECTOR.len_utf8();
    }
    let key = match kind {
        Kind::Date(key) => key,
        Kind::Recurrence => FieldKey::Recurrence,
        Kind::OnCompletion => FieldKey::OnCompletion,
        Kind::Id => FieldKey::Id,
        Kind::DependsOn => FieldKey::DependsOn,
        Kind::Priority(p) => {
            return Some(Token {
                key: FieldKey::Priority,
                syntax: Syntax::Emoji,
                span: Span::new(i, sig_end),
                value: Span::new(sig_end, sig_end),
                read: Ok(Value::Priority(p)),
            });
        }
    };
    let start = seg.skip_space(sig_end);
    // A value never starts with another token: in `📅 [followup:: 2026-11-24]` the date is
    // missing and the Dataview field stands on its own. Taken as an invalid date, the field
    // would vanish, and `ike fix`, which appends fields after the text, would append it
    // again on every run.
    let (end, read) = if token::starts_at(seg, start, start > sig_end) {
        (start, Err(String::new()))
    } else {
        match kind {
            Kind::Recurrence => recurrence(seg, start),
            Kind::DependsOn => depends_on(seg, start),
            _ => {
                let word = seg.text.get(start..seg.word_end(start))?;
                let (len, read) = field_value::read_word(key, word);
                (start + len, read)
            }
        }
    };
    if end == start {
        let message = match kind {
            _ if seg.text[start..].starts_with("<%") => {
                format!(
                    "after {c}: {}",
                    field_value::templater(field_value::name(key))
                )
            }
            Kind::Date(_) => format!("missing date after {c}: expected YYYY-MM-DD"),
            Kind::Recurrence => {
                format!("missing recurrence rule after {c}: expected e.g. `every week`")
            }
            Kind::OnCompletion => format!("missing action after {c}: expected keep or delete"),
            Kind::Id => format!("missing id after {c}"),
            _ => format!("missing ids after {c}: expected ids separated by commas"),
        };
        return Some(Token {
            key,
            syntax: Syntax::Emoji,
            span: Span::new(i, sig_end),
            value: Span::new(sig_end, sig_end),
            read: Err(message),
        });
    }
    Some(Token {
        key,
        syntax: Syntax::Emoji,
        span: Span::new(i, end),
        value: Span::new(start, end),
        read,
    })
}

/// A recurrence rule: the text up to the next token or code span, trimmed.
fn recurrence<'a>(seg: &Segment<'a>, start: usize) -> (usize, Result<Value<'a>, String>) {
    let mut i = start;
    let mut end = start;
    let mut after_space = true;
    while let Some(c) = seg.char_at(i) {
        if c.is_whitespace() {
            after_space = true;
        } else {
            if token::starts_at(seg, i, after_space) {
                break;
            }
            after_space = false;
            end = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    let rule = seg.text.get(start..end).unwrap_or("");
    (end, field_value::read(FieldKey::Recurrence, rule))
}

/// Ids separated by commas, with optional spaces around them (`⛔ a1, b2`). A list that
/// runs into other characters (`⛔ abc*`) is invalid as a whole word.
fn depends_on<'a>(seg: &Segment<'a>, start: usize) -> (usize, Result<Value<'a>, String>) {
    let id_end = |mut i: usize| {
        while seg.byte(i).is_some_and(field_value::is_id_char) {
            i += 1;
        }
        i
    };
    let mut end = id_end(start);
    if end > start {
        loop {
            let comma = seg.skip_space(end);
            if seg.byte(comma) != Some(b',') {
                break;
            }
            let next = seg.skip_space(comma + 1);
            let next_end = id_end(next);
            if next_end == next {
                break;
            }
            end = next_end;
        }
    }
    let clean = match seg.char_at(end) {
        None => true,
        Some(c) => c.is_whitespace() || c.is_ascii_punctuation() || is_signifier(c),
    };
    if end == start || !clean {
        end = seg.word_end(end);
    }
    let ids = seg.text.get(start..end).unwrap_or("");
    let read = if clean {
        field_value::read(FieldKey::DependsOn, ids)
    } else {
        Err(format!(
            "invalid dependency list `{ids}`: expected ids separated by commas"
        ))
    };
    (end, read)
}
