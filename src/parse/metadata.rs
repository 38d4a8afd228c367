//! Task metadata: find the emoji, Dataview and plain `key:value` tokens, `#tags` and
//! `@mentions` in a task's text, with their byte spans; check their values; derive the
//! task's description.
//!
//! One pass per line (segment): at each position [`token::at`] decides which syntax, if
//! any, starts there. Code spans are skipped. The first valid value of a key wins; later
//! ones are reported as duplicates. Nothing allocates per character: only the outputs.

mod block_id;
mod brackets;
mod code_span;
mod dataview;
mod description;
mod emoji;
mod field_value;
mod mention;
mod plain;
mod segment;
mod tag;
mod token;

#[cfg(test)]
mod tests;

use self::description::Description;
use self::segment::Segment;
use self::token::Token;
use crate::line_index::LineIndex;
use crate::model::{Field, FieldKey, Metadata, Syntax};
use crate::problem::{Problem, ProblemKind};
use crate::span::Span;
use std::collections::HashSet;

/// What a task's text holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct ParsedText {
    /// Every metadata token, in text order.
    pub fields: Vec<Field>,
    /// The task's own values (no front-matter defaults).
    pub meta: Metadata,
    /// The text without metadata tokens, whitespace collapsed, trimmed.
    pub description: String,
    /// Invalid values, positioned in the document.
    pub problems: Vec<Problem>,
    /// Every `@name`, in text order: people or contexts, as the roster says
    /// (`people::Roster::sort`).
    pub names: Vec<String>,
    /// The Obsidian block id ending the first line (`^inv42`, caret included), if any.
    pub block_id: Option<Span>,
}

/// Parse the text of one task. `segments` are the absolute spans of its first paragraph,
/// one per line, with indentation and block-quote prefixes already cut off.
pub(super) fn parse(src: &str, segments: &[Span], index: &LineIndex) -> ParsedText {
    let code = code_span::find(src, segments);
    let capacity = segments.iter().map(|s| s.len() + 1).sum();
    let mut found = Found {
        src,
        index,
        out: ParsedText::default(),
        first: [None; KEYS],
        repeats: [None; KEYS],
        tags: HashSet::new(),
        mention: None,
    };
    let mut description = Description::with_capacity(capacity);
    let mut block_id = None;
    for (k, span) in segments.iter().enumerate() {
        let Some(mut text) = src.get(span.start..span.end) else {
            continue;
        };
        if k == 0 {
            if let Some(at) = block_id::find(text) {
                block_id = Some(Span::new(span.start + at, span.end));
                text = &text[..at];
            }
        }
        description.separate();
        if !may_hold_metadata(text) {
            description.push(text);
            continue;
        }
        let seg = Segment::new(text, span.start, &code);
        scan(&seg, &mut found, &mut description);
    }
    found.report_repeats();
    let mut out = found.out;
    if out.meta.assignee.is_none() {
        out.meta.assignee = found.mention.map(str::to_owned);
    }
    out.description = description.finish();
    out.block_id = block_id;
    out
}

/// Number of [`FieldKey`]s, for per-key bookkeeping.
const KEYS: usize = FieldKey::Tag as usize + 1;

/// The pre-check: a pure ASCII line without `#`, `@`, `[`, `(` or `:` holds no metadata.
fn may_hold_metadata(text: &str) -> bool {
    text.bytes()
        .any(|b| b >= 0x80 || matches!(b, b'#' | b'@' | b'[' | b'(' | b':'))
}

/// Scan one segment: record its tokens, and push the text between field tokens to the
/// description.
fn scan<'a>(seg: &Segment<'a>, found: &mut Found<'a>, description: &mut Description) {
    let text = seg.text;
    let mut i = 0;
    let mut kept = 0;
    let mut after_space = true;
    let bytes = text.as_bytes();
    while let Some(c) = seg.char_at(i) {
        if !seg.code.is_empty() {
            if let Some(end) = seg.code_end(i) {
                i = end.max(i + 1);
                after_space = false;
                continue;
            }
        } else if !after_space {
            // Inside a word no token starts at an ASCII byte other than a bracket (see
            // `token::at`): run to the next blank, bracket or non-ASCII byte at once.
            let run = bytes[i..].iter().take_while(|&&b| inside_word(b)).count();
            if run > 0 {
                i += run;
                continue;
            }
        }
        if c.is_whitespace() {
            after_space = true;
            i += c.len_utf8();
            continue;
        }
        match token::at(seg, i, after_space) {
            Some(token) => {
                let (start, end) = (token.span.start, token.span.end);
                // An invalid field stays in the description as written: text a signifier
                // did not take as a value is still the user's text.
                if token.read.is_ok() && !token.stays_in_description() {
                    description.push(text.get(kept..start).unwrap_or(""));
                    description.separate();
                    kept = end;
                }
                found.record(seg, token);
                i = end.max(i + c.len_utf8());
            }
            None => i += c.len_utf8(),
        }
        after_space = false;
    }
    description.push(text.get(kept..).unwrap_or(""));
}

/// An ASCII byte that is not whitespace and cannot start a token after another byte of
/// the word: neither `[` nor `(` (`#`, `@` and key names start tokens only after a blank).
fn inside_word(b: u8) -> bool {
    b.is_ascii_graphic() && b != b'[' && b != b'('
}

/// What the scan has found so far in one task.
struct Found<'a> {
    src: &'a str,
    index: &'a LineIndex,
    out: ParsedText,
    /// Where each key's first valid value is (absolute offset).
    first: [Option<usize>; KEYS],
    /// Each key's later values: one problem per key, however many there are.
    repeats: [Option<Repeats>; KEYS],
    /// The tags kept so far, case-folded: one lookup per tag, however many the task has.
    tags: HashSet<String>,
    /// The first `@mention`: the assignee unless a field names one.
    mention: Option<&'a str>,
}

impl<'a> Found<'a> {
    fn record(&mut self, seg: &Segment<'a>, token: Token<'a>) {
        let span = seg.absolute(token.span.start, token.span.end);
        let value = seg.absolute(token.value.start, token.value.end);
        let key = token.key;
        self.out.fields.push(Field {
            key,
            syntax: token.syntax,
            span,
            value,
            valid: token.read.is_ok(),
        });
        let read = match token.read {
            Ok(read) => read,
            Err(message) => {
                let (line, column) = self.index.position(self.src, value.start);
                let code = field_value::problem_code(key);
                self.out
                    .problems
                    .push(Problem::error(code, line, column, message));
                return;
            }
        };
        if token.syntax == Syntax::Mention {
            if let field_value::Value::Text(name) = read {
                self.mention.get_or_insert(name);
                self.out.names.push(name.to_owned());
            }
            return;
        }
        if key == FieldKey::Tag {
            if let field_value::Value::Text(tag) = read {
                if self.tags.insert(field_value::tag_key(tag)) {
                    self.out.meta.tags.push(tag.to_owned());
                }
            }
            return;
        }
        let slot = &mut self.first[key as usize];
        if let Some(first) = *slot {
            match &mut self.repeats[key as usize] {
                Some(repeats) => repeats.count += 1,
                None => {
                    // The message is written once the task is read, with the count.
                    let (line, column) = self.index.position(self.src, span.start);
                    self.repeats[key as usize] = Some(Repeats {
                        key,
                        problem: self.out.problems.len(),
                        span,
                        first,
                        count: 1,
                    });
                    self.out.problems.push(Problem::warning(
                        ProblemKind::DuplicateField,
                        line,
                        column,
                        String::new(),
                    ));
                }
            }
            return;
        }
        *slot = Some(span.start);
        field_value::apply(&mut self.out.meta, key, read);
    }
}

/// The values of one key after its first, in one task: reported as one problem at the
/// first of them (a line of 300,000 repeats is one warning, not 300,000).
#[derive(Debug, Clone, Copy)]
struct Repeats {
    /// The key repeated.
    key: FieldKey,
    /// Index of the problem in `ParsedText::problems`.
    problem: usize,
    /// The first repeated token.
    span: Span,
    /// Where the value that is used starts.
    first: usize,
    /// How many values after the first.
    count: usize,
}

impl Found<'_> {
    /// Write the message of each duplicate-field problem, now that its count is known.
    fn report_repeats(&mut self) {
        for r in self.repeats.into_iter().flatten() {
            let (line, column) = self.index.position(self.src, r.first);
            let more = match r.count {
                1 => String::new(),
                n => format!(" and {} more after it", n - 1),
            };
            let remove = if r.count == 1 { "one" } else { "them" };
            if let Some(problem) = self.out.problems.get_mut(r.problem) {
                problem.message = format!(
                    "duplicate {} field `{}`{more}: the one at line {line}, column {column} is used; remove {remove}",
                    field_value::name(r.key),
                    r.span.slice(self.src),
                );
            }
        }
    }
}
