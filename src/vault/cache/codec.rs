//! A compact binary encoding of one parsed [`Document`], for the persistent cache.
//!
//! Hand-rolled (see docs/decisions/0003-cache.md and 0041-cache-codec.md): LEB128
//! varints, byte offsets as zigzag deltas from the previous offset written (so most take
//! one byte), dates as days since the Common Era, optional metadata behind one presence bitmask (its bits named
//! once, by [`Bit`]), a problem's kind as its index in `ProblemKind::ALL`, and each
//! distinct heading trail written once per document. Every struct is destructured without
//! `..`, so a field added to the model is a compile error here until it is encoded.
//!
//! Decoding never panics and never trusts a length: every read is bounds-checked, and a
//! count can only ask for as many items as there are bytes left. Anything inconsistent is
//! [`Corrupt`], and the caller re-parses the file instead.

use crate::model::{
    Cadence, CadenceUnit, Document, Effort, Field, FieldKey, Metadata, Priority, Status, Syntax,
    Task, TextHash,
};
use crate::problem::{Problem, ProblemKind, Severity};
use crate::span::Span;
use chrono::{Datelike, NaiveDate};
use std::num::NonZeroU32;
use std::sync::Arc;

/// The bytes do not decode to a document: the entry is ignored and the file re-parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Corrupt;

const FIELD_KEYS: [FieldKey; 21] = [
    FieldKey::Due,
    FieldKey::Scheduled,
    FieldKey::Start,
    FieldKey::Created,
    FieldKey::Done,
    FieldKey::Cancelled,
    FieldKey::Followup,
    FieldKey::Priority,
    FieldKey::Recurrence,
    FieldKey::OnCompletion,
    FieldKey::Id,
    FieldKey::DependsOn,
    FieldKey::Assignee,
    FieldKey::Effort,
    FieldKey::Impact,
    FieldKey::Estimate,
    FieldKey::Urgent,
    FieldKey::Important,
    FieldKey::Checkin,
    FieldKey::Scalable,
    FieldKey::Tag,
];

const SYNTAXES: [Syntax; 6] = [
    Syntax::Emoji,
    Syntax::DataviewBracket,
    Syntax::DataviewParen,
    Syntax::Plain,
    Syntax::Hashtag,
    Syntax::Mention,
];

/// The presence bits of a metadata block: bit `b as u32` is set when field `b` has a
/// value, and the values present follow the mask in this order. Each bit number is
/// written here once; the encoder and the decoder name the bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bit {
    Due,
    Scheduled,
    Start,
    Created,
    Done,
    Cancelled,
    Followup,
    Recurrence,
    OnCompletion,
    Id,
    Assignee,
    Project,
    Priority,
    DependsOn,
    Effort,
    Impact,
    Estimate,
    Urgent,
    Important,
    Tags,
    Checkin,
    Scalable,
    Mentions,
    Contexts,
}

impl Bit {
    /// One past the last bit: a mask with a higher bit set is corrupt.
    const COUNT: u32 = Bit::Contexts as u32 + 1;

    fn mask(self) -> u64 {
        1 << self as u32
    }
}

/// The presence mask of a metadata block (see [`Bit`]).
fn presence(m: &Metadata) -> u64 {
    let Metadata {
        due,
        scheduled,
        start,
        created,
        done,
        cancelled,
        followup,
        checkin,
        priority,
        recurrence,
        on_completion,
        id,
        depends_on,
        assignee,
        mentions,
        contexts,
        effort,
        impact,
        estimate_minutes,
        urgent,
        important,
        scalable,
        project,
        tags,
    } = m;
    let present = [
        (Bit::Due, due.is_some()),
        (Bit::Scheduled, scheduled.is_some()),
        (Bit::Start, start.is_some()),
        (Bit::Created, created.is_some()),
        (Bit::Done, done.is_some()),
        (Bit::Cancelled, cancelled.is_some()),
        (Bit::Followup, followup.is_some()),
        (Bit::Recurrence, recurrence.is_some()),
        (Bit::OnCompletion, on_completion.is_some()),
        (Bit::Id, id.is_some()),
        (Bit::Assignee, assignee.is_some()),
        (Bit::Project, project.is_some()),
        (Bit::Priority, priority.is_some()),
        (Bit::DependsOn, !depends_on.is_empty()),
        (Bit::Effort, effort.is_some()),
        (Bit::Impact, impact.is_some()),
        (Bit::Estimate, estimate_minutes.is_some()),
        (Bit::Urgent, urgent.is_some()),
        (Bit::Important, important.is_some()),
        (Bit::Tags, !tags.is_empty()),
        (Bit::Checkin, checkin.is_some()),
        (Bit::Scalable, scalable.is_some()),
        (Bit::Mentions, !mentions.is_empty()),
        (Bit::Contexts, !contexts.is_empty()),
    ];
    present
        .iter()
        .filter(|(_, here)| *here)
        .fold(0, |mask, (bit, _)| mask | bit.mask())
}

/// Append `doc`'s encoding (its path excepted: the cache entry holds it) to `out`.
///
/// Each task is its head (line, column, status, line start, marker, parent, and of its
/// metadata the presence mask, the dates and the priority), the length of its body, then
/// the body (everything else). The body's offsets continue from the head's, and each
/// task's offsets count from the previous task's line start, so that a reader that wants
/// only a task's head reads past its body unread ([`Skim`]).
/// Returns false, leaving `out` as it was, when the document cannot be cached.
pub(super) fn encode(doc: &Document, out: &mut Vec<u8>) -> bool {
    let mark = out.len();
    let ok = Encoder { out, cursor: 0 }.document(doc);
    if !ok {
        out.truncate(mark);
    }
    ok
}

/// A decoded number that a task keeps as `u32` (see [`crate::span::MAX_NOTE_SIZE`]).
fn narrow(n: usize) -> Result<u32, Corrupt> {
    u32::try_from(n).map_err(|_| Corrupt)
}

/// A decoded span that a task keeps as a [`crate::span::ShortSpan`].
fn short_span(s: Span) -> Result<crate::span::ShortSpan, Corrupt> {
    narrow(s.end)?;
    Ok(s.into())
}

/// Decode a document encoded by [`encode`], giving it `path`.
#[cfg(test)]
pub(super) fn decode(path: &str, bytes: &[u8]) -> Result<Document, Corrupt> {
    decode_as(path, bytes, Detail::Full)
}

/// How much of a document to decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detail {
    /// All of it.
    #[default]
    Full,
    /// What classification and the digest read: tasks without their metadata tokens
    /// (`fields`, which only `fix` and `list` use), without the metadata values no
    /// decision reads (recurrence, on-completion, project; ids and dependencies are kept
    /// for blocked tasks), without byte offsets (every span and `line_start` is empty; the
    /// front matter's span only says that there is one) and without heading trails
    /// (every `section` is empty). What is left out is read past, not copied out; the
    /// strings left out are not checked to be UTF-8 (the shard's checksum covers them).
    Digest,
    /// What queries and the task records of `ike list`'s JSON read: every metadata value,
    /// without the metadata tokens (`fields`, which only `fix`, `check` and the table of
    /// `ike list` read).
    Values,
}

/// Which cached tasks a scan keeps, and which of those it decodes in full. A skim is
/// offered each cached task's head: the task without its text (empty description, no
/// metadata tokens, no block id, no headings) and with only its dates, its priority and
/// whether it recurs (an empty recurrence) among its metadata values; its status, line,
/// offsets and parent are whole. A task it drops never becomes a [`Task`] (its head is
/// read into one reused value, its body read past) and is left out of the document; the
/// document's [`crate::model::Skimmed`] then says which tasks were judged and which have
/// steps. A task with an id or a dependency is always decoded in full, its head never
/// offered. A skim suits a caller that would drop, unread, every task it drops.
pub trait Skim: Sync + std::fmt::Debug {
    /// A note's tasks are about to be offered, in order, on this thread, before any other
    /// note's (a skim may judge a task against the ones before it in its note).
    fn begin_note(&self) {}

    /// What becomes of the task whose head is `head`.
    fn judge(&self, head: &Task) -> Verdict;
}

/// A [`Skim`]'s answer for one task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Left out of the document.
    Drop,
    /// Kept as its head (its body read past).
    Head,
    /// Kept and decoded in full.
    Whole,
}

/// A task left out by a skim, in the list of kept indexes (no note holds `u32::MAX` tasks:
/// a note is at most `span::MAX_NOTE_SIZE` bytes).
const LEFT_OUT: u32 = u32::MAX;

/// [`decode`] to the given [`Detail`].
pub(super) fn decode_as(path: &str, bytes: &[u8], detail: Detail) -> Result<Document, Corrupt> {
    decode_skimmed(path, bytes, detail, None)
}

/// [`decode_as`], the tasks `skim` does not want decoded as their heads (see [`Skim`]).
pub(super) fn decode_skimmed(
    path: &str,
    bytes: &[u8],
    detail: Detail,
    skim: Option<&dyn Skim>,
) -> Result<Document, Corrupt> {
    let mut d = Decoder {
        r: Reader::new(bytes),
        cursor: 0,
        light: detail == Detail::Digest,
        tokens: detail == Detail::Full,
        skim,
        no_trail: None,
    };
    let doc = d.document(path)?;
    if !d.r.is_empty() {
        return Err(Corrupt);
    }
    Ok(doc)
}

// ---------------------------------------------------------------------------------------
// Primitives

/// Append `v` as an unsigned LEB128 varint.
pub(super) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// Append a signed value (zigzag, then varint).
pub(super) fn put_signed(out: &mut Vec<u8>, v: i64) {
    put_varint(out, zigzag(v));
}

/// Append a length-prefixed string.
pub(super) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// A bounds-checked reader over a byte slice.
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, pos: 0 }
    }

    /// True when every byte was read.
    pub(super) fn is_empty(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    /// Bytes not read yet.
    pub(super) fn remaining(&self) -> usize {
        self.bytes.len().saturating_sub(self.pos)
    }

    /// The next `n` bytes.
    pub(super) fn take(&mut self, n: usize) -> Result<&'a [u8], Corrupt> {
        let end = self.pos.checked_add(n).ok_or(Corrupt)?;
        let slice = self.bytes.get(self.pos..end).ok_or(Corrupt)?;
        self.pos = end;
        Ok(slice)
    }

    /// One byte.
    pub(super) fn byte(&mut self) -> Result<u8, Corrupt> {
        let b = *self.bytes.get(self.pos).ok_or(Corrupt)?;
        self.pos += 1;
        Ok(b)
    }

    /// An unsigned varint.
    pub(super) fn varint(&mut self) -> Result<u64, Corrupt> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(Corrupt)
    }

    /// A signed varint.
    pub(super) fn signed(&mut self) -> Result<i64, Corrupt> {
        self.varint().map(unzigzag)
    }

    /// A varint that fits a `usize`.
    pub(super) fn usize(&mut self) -> Result<usize, Corrupt> {
        usize::try_from(self.varint()?).map_err(|_| Corrupt)
    }

    /// A count of items that take at least one byte each: never more than the bytes left,
    /// so a corrupt count cannot make a huge allocation.
    pub(super) fn count(&mut self) -> Result<usize, Corrupt> {
        let n = self.usize()?;
        if n > self.remaining() {
            return Err(Corrupt);
        }
        Ok(n)
    }

    /// A length-prefixed UTF-8 string, borrowed.
    pub(super) fn str(&mut self) -> Result<&'a str, Corrupt> {
        let n = self.usize()?;
        std::str::from_utf8(self.take(n)?).map_err(|_| Corrupt)
    }

    /// A little-endian u64.
    pub(super) fn u64_le(&mut self) -> Result<u64, Corrupt> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
}

// ---------------------------------------------------------------------------------------
// Encoding

struct Encoder<'a> {
    out: &'a mut Vec<u8>,
    /// The last byte offset written: offsets are written as differences from it.
    cursor: usize,
}

impl Encoder<'_> {
    fn varint(&mut self, v: u64) {
        put_varint(self.out, v);
    }

    fn usize(&mut self, v: usize) {
        self.varint(v as u64);
    }

    fn str(&mut self, s: &str) {
        put_str(self.out, s);
    }

    fn offset(&mut self, at: usize) {
        put_signed(self.out, at as i64 - self.cursor as i64);
        self.cursor = at;
    }

    fn span(&mut self, span: Span) {
        self.offset(span.start);
        self.offset(span.end);
    }

    fn option_usize(&mut self, v: Option<usize>) {
        self.varint(v.map_or(0, |v| v as u64 + 1));
    }

    fn document(&mut self, doc: &Document) -> bool {
        let Document {
            path,
            tasks,
            problems,
            front_matter,
            defaults,
            failed,
            // Only a decode under a skim sets it, and only parsed notes are encoded.
            skimmed: _,
        } = doc;
        self.out.push(u8::from(*failed));
        match front_matter {
            Some(span) => {
                self.out.push(1);
                self.span(*span);
            }
            None => self.out.push(0),
        }
        self.metadata(defaults);
        self.usize(problems.len());
        for p in problems {
            if !self.problem(p, path) {
                return false;
            }
        }
        // Heading trails: each distinct one once, in order of first use.
        let mut trails: Vec<&[String]> = Vec::new();
        let mut trail_of = Vec::with_capacity(tasks.len());
        for task in tasks {
            let i = match trails.iter().rposition(|t| **t == *task.section) {
                Some(i) => i,
                None => {
                    trails.push(&task.section);
                    trails.len() - 1
                }
            };
            trail_of.push(i);
        }
        self.usize(trails.len());
        for trail in &trails {
            self.usize(trail.len());
            for heading in *trail {
                self.str(heading);
            }
        }
        self.usize(tasks.len());
        let mut line = 0usize;
        for (task, trail) in tasks.iter().zip(trail_of) {
            self.task(task, trail, &mut line);
        }
        true
    }

    fn problem(&mut self, p: &Problem, doc_path: &str) -> bool {
        let Problem {
            path,
            line,
            column,
            severity,
            kind,
            message,
        } = p;
        if path != doc_path {
            return false;
        }
        self.usize(*line);
        self.usize(*column);
        self.out.push(match severity {
            Severity::Error => 0,
            Severity::Warning => 1,
        });
        // The kind's index in `ProblemKind::ALL` (its declaration order).
        self.usize(*kind as usize);
        self.str(message);
        true
    }

    /// A task: its head (what a [`Skim`] reads), then the length of its body, then the
    /// body. The body's offsets follow the head's, and the next task's count from this
    /// one's `line_start`, so a body can be read past unread.
    fn task(&mut self, task: &Task, trail: usize, prev_line: &mut usize) {
        let Task {
            line,
            column,
            status,
            status_char,
            line_start,
            marker,
            checkbox,
            text,
            description,
            hash,
            fields,
            meta,
            parent,
            parent_line,
            block_id,
            section: _, // written as `trail`
        } = task;
        put_signed(self.out, i64::from(*line) - *prev_line as i64);
        *prev_line = *line as usize;
        self.usize(*column as usize);
        match status {
            Status::Todo => self.out.push(0),
            Status::InProgress => self.out.push(1),
            Status::Done => self.out.push(2),
            Status::Cancelled => self.out.push(3),
            Status::Named(name) => {
                self.out.push(4);
                self.str(name);
            }
        }
        self.varint(u64::from(u32::from(*status_char)));
        self.offset(*line_start as usize);
        self.span(marker.span());
        self.option_usize(parent.map(|p| p as usize));
        self.metadata_head(meta);
        let body = self.out.len();
        self.metadata_rest(meta);
        self.span(checkbox.span());
        self.span(text.span());
        self.str(description);
        self.varint(u64::from(hash.to_bits()));
        self.usize(fields.len());
        for f in fields {
            self.field(f);
        }
        self.option_usize(parent_line.map(|l| l.get() as usize));
        match block_id {
            Some(id) => {
                self.out.push(1);
                self.str(id);
            }
            None => self.out.push(0),
        }
        self.usize(trail);
        let mut len = Vec::new();
        put_varint(&mut len, (self.out.len() - body) as u64);
        self.out.splice(body..body, len);
        self.cursor = *line_start as usize;
    }

    fn field(&mut self, f: &Field) {
        let Field {
            key,
            syntax,
            span,
            value,
            valid,
        } = f;
        let key = FIELD_KEYS.iter().position(|k| k == key).unwrap_or(0);
        let syntax = SYNTAXES.iter().position(|s| s == syntax).unwrap_or(0);
        self.out.push(key as u8);
        self.out.push((syntax as u8) << 1 | u8::from(*valid));
        self.span(*span);
        self.span(*value);
    }

    fn metadata(&mut self, m: &Metadata) {
        self.metadata_head(m);
        self.metadata_rest(m);
    }

    /// The presence mask of `m`, its dates and its priority: what a task's head holds.
    fn metadata_head(&mut self, m: &Metadata) {
        let mask = presence(m);
        self.varint(mask);
        let dates = [
            m.due,
            m.scheduled,
            m.start,
            m.created,
            m.done,
            m.cancelled,
            m.followup,
        ];
        for d in dates.into_iter().flatten() {
            put_signed(self.out, i64::from(d.num_days_from_ce()));
        }
        if let Some(p) = m.priority {
            self.out.push(p as u8);
        }
    }

    /// The values of `m` after its head, in the order of their bits. (A new field of
    /// [`Metadata`] fails to compile in [`presence`] until it has a bit; writing its value
    /// here is checked by the round trip of every value.)
    fn metadata_rest(&mut self, m: &Metadata) {
        let strings = [
            &m.recurrence,
            &m.on_completion,
            &m.id,
            &m.assignee,
            &m.project,
        ];
        for s in strings.into_iter().flatten() {
            self.str(s);
        }
        if !m.depends_on.is_empty() {
            self.strings(&m.depends_on);
        }
        if let Some(e) = m.effort {
            self.out.push(e as u8);
        }
        if let Some(i) = m.impact {
            self.out.push(i);
        }
        if let Some(e) = m.estimate_minutes {
            self.varint(u64::from(e));
        }
        if let Some(u) = m.urgent {
            self.out.push(u8::from(u));
        }
        if let Some(i) = m.important {
            self.out.push(u8::from(i));
        }
        if !m.tags.is_empty() {
            self.strings(&m.tags);
        }
        if let Some(c) = &m.checkin {
            self.out.push(c.unit as u8);
            self.varint(u64::from(c.every));
        }
        if let Some(s) = m.scalable {
            self.out.push(u8::from(s));
        }
        if !m.mentions.is_empty() {
            self.strings(&m.mentions);
        }
        if !m.contexts.is_empty() {
            self.strings(&m.contexts);
        }
    }

    fn strings(&mut self, list: &[String]) {
        self.usize(list.len());
        for s in list {
            self.str(s);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Decoding

struct Decoder<'a> {
    r: Reader<'a>,
    /// The last byte offset read: offsets are stored as differences from it.
    cursor: usize,
    /// [`Detail::Digest`]: read past what the digest does not use.
    light: bool,
    /// [`Detail::Full`]: the metadata tokens are copied out.
    tokens: bool,
    /// Decides which tasks are decoded in full (`None`: all of them).
    skim: Option<&'a dyn Skim>,
    /// Under a skim: the empty heading trail every head gets.
    no_trail: Option<Arc<[String]>>,
}

/// A document's heading trails. Under a skim they are decoded when the first task that
/// is decoded in full needs them (most skimmed notes never do).
struct Trails {
    /// Where their encoding starts.
    at: usize,
    /// How many there are.
    count: usize,
    /// Decoded (all of them), or not yet.
    decoded: Option<Vec<Arc<[String]>>>,
}

/// A task with nothing read yet: its own empty metadata block (to be filled in place),
/// `section` as its heading trail.
fn blank_task(section: &Arc<[String]>) -> Task {
    Task {
        line: 0,
        column: 0,
        status: Status::Todo,
        status_char: ' ',
        line_start: 0,
        marker: Default::default(),
        checkbox: Default::default(),
        text: Default::default(),
        description: Box::default(),
        hash: TextHash::default(),
        fields: Box::default(),
        meta: Arc::new(Metadata::default()),
        parent: None,
        parent_line: None,
        block_id: None,
        section: Arc::clone(section),
    }
}

impl Trails {
    /// The trails, decoded from the document's `bytes` on first use.
    fn decode(&mut self, bytes: &[u8]) -> Result<&[Arc<[String]>], Corrupt> {
        if self.decoded.is_none() {
            let mut r = Reader::new(bytes);
            r.pos = self.at;
            let mut d = Decoder {
                r,
                cursor: 0,
                light: false,
                tokens: false,
                skim: None,
                no_trail: None,
            };
            let mut decoded = Vec::with_capacity(self.count);
            for _ in 0..self.count {
                decoded.push(d.strings()?.into());
            }
            self.decoded = Some(decoded);
        }
        Ok(self.decoded.as_deref().unwrap_or_default())
    }
}

impl<'a> Decoder<'a> {
    fn byte(&mut self) -> Result<u8, Corrupt> {
        self.r.byte()
    }

    fn varint(&mut self) -> Result<u64, Corrupt> {
        self.r.varint()
    }

    fn usize(&mut self) -> Result<usize, Corrupt> {
        self.r.usize()
    }

    fn count(&mut self) -> Result<usize, Corrupt> {
        self.r.count()
    }

    fn string(&mut self) -> Result<String, Corrupt> {
        self.r.str().map(str::to_owned)
    }

    /// Read past a string that is not used (its bytes are covered by the shard's
    /// checksum; they are not checked to be UTF-8).
    fn skip_string(&mut self) -> Result<(), Corrupt> {
        let n = self.usize()?;
        self.r.take(n).map(drop)
    }

    fn bool(&mut self) -> Result<bool, Corrupt> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Corrupt),
        }
    }

    fn offset(&mut self) -> Result<usize, Corrupt> {
        if self.light {
            // No offset is read at this detail: read past it (every span comes out empty).
            self.varint()?;
            return Ok(0);
        }
        let delta = self.r.signed()?;
        let at = i64::try_from(self.cursor)
            .ok()
            .and_then(|c| c.checked_add(delta))
            .and_then(|v| usize::try_from(v).ok())
            .ok_or(Corrupt)?;
        self.cursor = at;
        Ok(at)
    }

    fn span(&mut self) -> Result<Span, Corrupt> {
        let start = self.offset()?;
        let end = self.offset()?;
        if end < start {
            return Err(Corrupt);
        }
        Ok(Span::new(start, end))
    }

    fn option_usize(&mut self) -> Result<Option<usize>, Corrupt> {
        match self.varint()? {
            0 => Ok(None),
            v => usize::try_from(v - 1).map(Some).map_err(|_| Corrupt),
        }
    }

    fn document(&mut self, path: &str) -> Result<Document, Corrupt> {
        let failed = self.bool()?;
        let front_matter = if self.bool()? {
            Some(self.span()?)
        } else {
            None
        };
        let defaults = self.metadata()?;
        let n = self.count()?;
        let mut problems = Vec::with_capacity(n);
        for _ in 0..n {
            problems.push(self.problem(path)?);
        }
        let n = self.count()?;
        let mut lazy = Trails {
            at: self.r.pos,
            count: n,
            decoded: None,
        };
        let mut trails: Vec<Arc<[String]>> = Vec::new();
        if self.skim.is_some() {
            self.no_trail = Some(Arc::new([]));
            for _ in 0..n {
                for _ in 0..self.count()? {
                    self.skip_string()?;
                }
            }
        } else if self.light {
            // The digest never reads a task's headings: one empty trail for all.
            let none: Arc<[String]> = Arc::new([]);
            for _ in 0..n {
                for _ in 0..self.count()? {
                    self.skip_string()?;
                }
                trails.push(Arc::clone(&none));
            }
        } else {
            trails.reserve(n);
            for _ in 0..n {
                trails.push(self.strings()?.into());
            }
        }
        let n = self.count()?;
        // Tasks that set nothing of their own share one value, as parsing leaves them.
        let shared = Arc::new(defaults.clone());
        let (tasks, skimmed) = match self.skim {
            Some(skim) => {
                let (tasks, skimmed) = self.skimmed_tasks(skim, n, &mut lazy, &shared)?;
                (tasks, Some(skimmed))
            }
            None => {
                let mut tasks = Vec::with_capacity(n);
                let mut line = 0usize;
                for _ in 0..n {
                    let mut task = self.task(&trails, &mut line)?;
                    if task.meta == shared {
                        task.meta = Arc::clone(&shared);
                    }
                    if task.parent().is_some_and(|p| p >= tasks.len()) {
                        return Err(Corrupt);
                    }
                    tasks.push(task);
                }
                (tasks, None)
            }
        };
        Ok(Document {
            path: path.to_owned(),
            tasks,
            problems,
            front_matter,
            defaults,
            failed,
            skimmed,
        })
    }

    /// The `n` tasks of a document under `skim`: those it keeps, and what it knew of them
    /// (see [`Skim`]). Each head is read into one reused task, so a dropped head allocates
    /// nothing.
    fn skimmed_tasks(
        &mut self,
        skim: &dyn Skim,
        n: usize,
        trails: &mut Trails,
        shared: &Arc<Metadata>,
    ) -> Result<(Vec<Task>, crate::model::Skimmed), Corrupt> {
        let none: Arc<[String]> = Arc::clone(self.no_trail.get_or_insert_with(|| Arc::new([])));
        // Room for every task, as a whole decode takes: growing the lists costs more than
        // the room the dropped tasks leave unused while the note is read.
        let mut tasks = Vec::with_capacity(n);
        let mut skimmed = crate::model::Skimmed {
            judged: Vec::with_capacity(n),
            steps: Vec::with_capacity(n),
        };
        // For each task read so far: its index among the kept tasks, or `LEFT_OUT` (four
        // bytes a task, not eight: a note may hold a million).
        let mut kept_as: Vec<u32> = Vec::with_capacity(n);
        let kept = |kept_as: &[u32], p: usize| Some(kept_as[p]).filter(|&k| k != LEFT_OUT);
        let mut head = blank_task(&none);
        let mut line = 0usize;
        skim.begin_note();
        for i in 0..n {
            let (mask, body) = self.head_into(&mut head, &mut line)?;
            let parent = head.parent();
            if parent.is_some_and(|p| p >= i) {
                return Err(Corrupt);
            }
            // A task's steps follow it at once: the one before this is its parent's, or
            // has none.
            if let Some(p) = parent.filter(|&p| p + 1 == i) {
                if let Some(k) = kept(&kept_as, p) {
                    skimmed.steps[k as usize] = true;
                }
            }
            let has = |bit: Bit| mask & bit.mask() != 0;
            if has(Bit::Recurrence) {
                // A head says only that the task recurs; the skim decides on that (the
                // body, if decoded, puts the rule in its place).
                Arc::make_mut(&mut head.meta).recurrence = Some(String::new());
            }
            // A task with an id or a dependency is always whole: the index needs them.
            let offered = !has(Bit::Id) && !has(Bit::DependsOn);
            let verdict = if offered {
                skim.judge(&head)
            } else {
                Verdict::Whole
            };
            if verdict != Verdict::Whole {
                self.r.take(body)?;
                self.cursor = head.line_start as usize;
            }
            if verdict == Verdict::Drop {
                kept_as.push(LEFT_OUT);
                continue;
            }
            let mut task = std::mem::replace(&mut head, blank_task(&none));
            if verdict == Verdict::Whole {
                let decoded = trails.decode(self.r.bytes)?;
                self.task_body(&mut task, mask, body, decoded)?;
            }
            task.parent = parent.and_then(|p| kept(&kept_as, p));
            if task.meta == *shared {
                task.meta = Arc::clone(shared);
            }
            kept_as.push(narrow(tasks.len())?);
            skimmed.judged.push(offered);
            skimmed.steps.push(false);
            tasks.push(task);
        }
        Ok((tasks, skimmed))
    }

    fn problem(&mut self, path: &str) -> Result<Problem, Corrupt> {
        let line = self.usize()?;
        let column = self.usize()?;
        let severity = match self.byte()? {
            0 => Severity::Error,
            1 => Severity::Warning,
            _ => return Err(Corrupt),
        };
        let kind = *ProblemKind::ALL.get(self.usize()?).ok_or(Corrupt)?;
        let message = self.string()?;
        Ok(Problem {
            path: path.to_owned(),
            line,
            column,
            severity,
            kind,
            message,
        })
    }

    fn task(&mut self, trails: &[Arc<[String]>], prev_line: &mut usize) -> Result<Task, Corrupt> {
        let (mut task, mask, body) = self.task_head(prev_line)?;
        self.task_body(&mut task, mask, body, trails)?;
        Ok(task)
    }

    /// A task's head: the task with its head fields set (its metadata: the dates and the
    /// priority), its metadata's presence mask, and the length of its body.
    fn task_head(&mut self, prev_line: &mut usize) -> Result<(Task, u64, usize), Corrupt> {
        let mut task = blank_task(&Arc::default());
        let (mask, body) = self.head_into(&mut task, prev_line)?;
        Ok((task, mask, body))
    }

    /// Read a task's head into `task` (its head fields overwritten, its metadata's head
    /// values cleared first, nothing else touched); returns the presence mask and the
    /// length of the body.
    fn head_into(
        &mut self,
        task: &mut Task,
        prev_line: &mut usize,
    ) -> Result<(u64, usize), Corrupt> {
        let delta = self.r.signed()?;
        let line = i64::try_from(*prev_line)
            .ok()
            .and_then(|l| l.checked_add(delta))
            .and_then(|l| usize::try_from(l).ok())
            .ok_or(Corrupt)?;
        *prev_line = line;
        task.line = narrow(line)?;
        task.column = narrow(self.usize()?)?;
        task.status = match self.byte()? {
            0 => Status::Todo,
            1 => Status::InProgress,
            2 => Status::Done,
            3 => Status::Cancelled,
            4 => Status::Named(self.string()?),
            _ => return Err(Corrupt),
        };
        task.status_char = u32::try_from(self.varint()?)
            .ok()
            .and_then(char::from_u32)
            .ok_or(Corrupt)?;
        task.line_start = narrow(self.offset()?)?;
        task.marker = short_span(self.span()?)?;
        task.parent = self.option_usize()?.map(narrow).transpose()?;
        // Filled in place: a metadata block is large, and most heads are never moved again.
        let m = Arc::make_mut(&mut task.meta);
        let Metadata {
            due,
            scheduled,
            start,
            created,
            done,
            cancelled,
            followup,
            priority,
            recurrence,
            ..
        } = m;
        (*due, *scheduled, *start, *created) = (None, None, None, None);
        (*done, *cancelled, *followup, *priority) = (None, None, None, None);
        *recurrence = None;
        let mask = self.metadata_head(m)?;
        let body = self.count()?;
        Ok((mask, body))
    }

    /// The body of `task` (of `len` bytes; `mask`: its metadata's presence mask).
    fn task_body(
        &mut self,
        task: &mut Task,
        mask: u64,
        len: usize,
        trails: &[Arc<[String]>],
    ) -> Result<(), Corrupt> {
        let end = self.r.remaining().checked_sub(len).ok_or(Corrupt)?;
        self.metadata_rest(mask, Arc::make_mut(&mut task.meta))?;
        task.checkbox = short_span(self.span()?)?;
        task.text = short_span(self.span()?)?;
        task.description = self.string()?.into();
        task.hash = u32::try_from(self.varint()?)
            .ok()
            .and_then(TextHash::from_bits)
            .ok_or(Corrupt)?;
        let n = self.count()?;
        let mut fields = Vec::with_capacity(if self.tokens { n } else { 0 });
        for _ in 0..n {
            let field = self.field()?;
            if self.tokens {
                fields.push(field);
            }
        }
        task.fields = fields.into();
        task.parent_line = self
            .option_usize()?
            .map(|l| narrow(l).and_then(|l| NonZeroU32::new(l).ok_or(Corrupt)))
            .transpose()?;
        task.block_id = match self.byte()? {
            0 => None,
            1 => Some(Box::from(self.string()?)),
            _ => return Err(Corrupt),
        };
        task.section = Arc::clone(trails.get(self.usize()?).ok_or(Corrupt)?);
        if self.r.remaining() != end {
            return Err(Corrupt);
        }
        self.cursor = task.line_start as usize;
        Ok(())
    }

    fn field(&mut self) -> Result<Field, Corrupt> {
        let key = *FIELD_KEYS.get(usize::from(self.byte()?)).ok_or(Corrupt)?;
        let b = self.byte()?;
        let syntax = *SYNTAXES.get(usize::from(b >> 1)).ok_or(Corrupt)?;
        Ok(Field {
            key,
            syntax,
            span: self.span()?,
            value: self.span()?,
            valid: b & 1 == 1,
        })
    }

    fn date(&mut self) -> Result<Option<NaiveDate>, Corrupt> {
        let days = i32::try_from(self.r.signed()?).map_err(|_| Corrupt)?;
        NaiveDate::from_num_days_from_ce_opt(days)
            .map(Some)
            .ok_or(Corrupt)
    }

    fn metadata(&mut self) -> Result<Metadata, Corrupt> {
        let mut m = Metadata::default();
        let mask = self.metadata_head(&mut m)?;
        self.metadata_rest(mask, &mut m)?;
        Ok(m)
    }

    /// The presence mask, the dates and the priority (see [`Encoder::metadata_head`]) into
    /// `m`; returns the mask.
    fn metadata_head(&mut self, m: &mut Metadata) -> Result<u64, Corrupt> {
        let mask = self.varint()?;
        if mask >> Bit::COUNT != 0 {
            return Err(Corrupt);
        }
        let has = |bit: Bit| mask & bit.mask() != 0;
        // The dates are the first bits, in the order they are written: only the bits set
        // are visited (most tasks carry one or two dates of seven).
        let mut dates = mask & (Bit::Followup.mask() * 2 - 1);
        while dates != 0 {
            let bit = dates.trailing_zeros();
            dates &= dates - 1;
            let slot = match bit {
                b if b == Bit::Due as u32 => &mut m.due,
                b if b == Bit::Scheduled as u32 => &mut m.scheduled,
                b if b == Bit::Start as u32 => &mut m.start,
                b if b == Bit::Created as u32 => &mut m.created,
                b if b == Bit::Done as u32 => &mut m.done,
                b if b == Bit::Cancelled as u32 => &mut m.cancelled,
                _ => &mut m.followup,
            };
            *slot = self.date()?;
        }
        if has(Bit::Priority) {
            m.priority = Some(
                *Priority::ALL
                    .get(usize::from(self.byte()?))
                    .ok_or(Corrupt)?,
            );
        }
        Ok(mask)
    }

    /// The values after the head of a metadata block whose presence mask is `mask`.
    fn metadata_rest(&mut self, mask: u64, m: &mut Metadata) -> Result<(), Corrupt> {
        let has = |bit: Bit| mask & bit.mask() != 0;
        let light = self.light;
        let strings = [
            (Bit::Recurrence, &mut m.recurrence, light),
            (Bit::OnCompletion, &mut m.on_completion, light),
            // Blocked and blocking tasks are classified from ids and dependencies.
            (Bit::Id, &mut m.id, false),
            (Bit::Assignee, &mut m.assignee, false),
            (Bit::Project, &mut m.project, light),
        ];
        for (bit, slot, skip) in strings {
            if has(bit) {
                if skip {
                    self.skip_string()?;
                } else {
                    *slot = Some(self.string()?);
                }
            }
        }
        if has(Bit::DependsOn) {
            m.depends_on = self.strings()?;
        }
        if has(Bit::Effort) {
            m.effort = Some(*Effort::ALL.get(usize::from(self.byte()?)).ok_or(Corrupt)?);
        }
        if has(Bit::Impact) {
            m.impact = Some(self.byte()?);
        }
        if has(Bit::Estimate) {
            m.estimate_minutes = Some(u32::try_from(self.varint()?).map_err(|_| Corrupt)?);
        }
        if has(Bit::Urgent) {
            m.urgent = Some(self.bool()?);
        }
        if has(Bit::Important) {
            m.important = Some(self.bool()?);
        }
        if has(Bit::Tags) {
            m.tags = self.strings()?;
        }
        if has(Bit::Checkin) {
            let unit = *CadenceUnit::ALL
                .get(usize::from(self.byte()?))
                .ok_or(Corrupt)?;
            let every = u16::try_from(self.varint()?).map_err(|_| Corrupt)?;
            m.checkin = Some(Cadence::new(every, unit).ok_or(Corrupt)?);
        }
        if has(Bit::Scalable) {
            m.scalable = Some(self.bool()?);
        }
        if has(Bit::Mentions) {
            m.mentions = self.strings()?;
        }
        if has(Bit::Contexts) {
            m.contexts = self.strings()?;
        }
        Ok(())
    }

    fn strings(&mut self) -> Result<Vec<String>, Corrupt> {
        let n = self.count()?;
        let mut list = Vec::with_capacity(n);
        for _ in 0..n {
            list.push(self.string()?);
        }
        Ok(list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ParseOptions, parse_document};
    use std::path::{Path, PathBuf};

    /// Every Markdown file under `fixtures/`, with its bytes.
    fn fixture_files() -> Vec<(String, Vec<u8>)> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if crate::vault::discover::is_markdown(&path) {
                    out.push(path);
                }
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut paths = Vec::new();
        walk(&root, &mut paths);
        paths.sort();
        paths
            .into_iter()
            .map(|p| {
                let rel = crate::vault::discover::relative(&root, &p);
                (rel, std::fs::read(&p).unwrap_or_default())
            })
            .collect()
    }

    #[track_caller]
    fn round_trip(doc: &Document) -> Vec<u8> {
        let mut bytes = Vec::new();
        assert!(encode(doc, &mut bytes), "{} is cacheable", doc.path);
        assert_eq!(decode(&doc.path, &bytes).as_ref(), Ok(doc), "{}", doc.path);
        // The values' decoding leaves out the tokens, and only them.
        let mut values = doc.clone();
        for task in &mut values.tasks {
            task.fields = Box::default();
        }
        let got = decode_as(&doc.path, &bytes, Detail::Values);
        assert_eq!(got.as_ref(), Ok(&values), "{} (values detail)", doc.path);
        // The digest's decoding leaves out exactly what it promises to.
        let mut light = doc.clone();
        let none = Span::new(0, 0);
        light.front_matter = light.front_matter.map(|_| none);
        for task in &mut light.tasks {
            task.fields = Box::default();
            let m = Arc::make_mut(&mut task.meta);
            (m.recurrence, m.on_completion, m.project) = (None, None, None);
            (task.line_start, task.marker, task.checkbox, task.text) =
                (0, none.into(), none.into(), none.into());
            task.section = Arc::new([]);
        }
        let m = &mut light.defaults;
        (m.recurrence, m.on_completion, m.project) = (None, None, None);
        let got = decode_as(&doc.path, &bytes, Detail::Digest);
        assert_eq!(got.as_ref(), Ok(&light), "{} (digest detail)", doc.path);
        // Under a skim, the tasks it keeps whole (and those with an id or a dependency) come
        // out as the values' decoding gives them, those it keeps as heads as their heads,
        // those it drops not at all.
        for skim in [Lines::All, Lines::Odd, Lines::None, Lines::Thirds] {
            let got = decode_skimmed(&doc.path, &bytes, Detail::Values, Some(&skim));
            let want = skimmed(&values, skim);
            assert_eq!(got.as_ref(), Ok(&want), "{} (skim {skim:?})", doc.path);
        }
        // A skim decides on the head the task comes out as when kept as its head.
        let seen = Seen::default();
        let _ = decode_skimmed(&doc.path, &bytes, Detail::Values, Some(&seen));
        let offered = seen.0.into_inner().unwrap_or_default();
        let heads: Vec<Task> = values
            .tasks
            .iter()
            .filter(|t| t.meta.id.is_none() && t.meta.depends_on.is_empty())
            .map(head_of)
            .collect();
        assert_eq!(offered, heads, "{} (heads offered)", doc.path);
        bytes
    }

    /// A skim that keeps every task as its head and records every head it is offered.
    #[derive(Debug, Default)]
    struct Seen(std::sync::Mutex<Vec<Task>>);

    impl Skim for Seen {
        fn judge(&self, head: &Task) -> Verdict {
            if let Ok(mut seen) = self.0.lock() {
                seen.push(head.clone());
            }
            Verdict::Head
        }
    }

    /// A skim that judges a task by its line.
    #[derive(Debug, Clone, Copy)]
    enum Lines {
        /// Every task whole.
        All,
        /// Odd lines whole, even ones as heads.
        Odd,
        /// Every task as its head.
        None,
        /// Lines 3k dropped, 3k + 1 as heads, 3k + 2 whole.
        Thirds,
    }

    impl Lines {
        fn verdict(self, line: usize) -> Verdict {
            match (self, line % 3) {
                (Self::All, _) => Verdict::Whole,
                (Self::Odd, _) if line % 2 == 1 => Verdict::Whole,
                (Self::Odd | Self::None, _) => Verdict::Head,
                (Self::Thirds, 0) => Verdict::Drop,
                (Self::Thirds, 1) => Verdict::Head,
                (Self::Thirds, _) => Verdict::Whole,
            }
        }
    }

    impl Skim for Lines {
        fn judge(&self, head: &Task) -> Verdict {
            self.verdict(head.line())
        }
    }

    /// What `skim` leaves of `values` (the note decoded whole at `Detail::Values`), worked
    /// out from the whole note: the tasks it keeps, parents counted among them, whole or
    /// as their heads, and what it knew of them.
    fn skimmed(values: &Document, skim: Lines) -> Document {
        let mut want = Document {
            tasks: Vec::new(),
            skimmed: Some(crate::model::Skimmed::default()),
            ..values.clone()
        };
        let mut kept_as: Vec<Option<u32>> = Vec::new();
        for (i, task) in values.tasks.iter().enumerate() {
            let offered = task.meta.id.is_none() && task.meta.depends_on.is_empty();
            let verdict = match offered {
                true => skim.verdict(task.line()),
                false => Verdict::Whole,
            };
            if verdict == Verdict::Drop {
                kept_as.push(None);
                continue;
            }
            let mut kept = match verdict {
                Verdict::Head => head_of(task),
                _ => task.clone(),
            };
            kept.parent = task.parent().and_then(|p| kept_as[p]);
            kept_as.push(Some(want.tasks.len() as u32));
            want.tasks.push(kept);
            let known = want.skimmed.as_mut().expect("set above");
            known.judged.push(offered);
            known.steps.push(crate::classify::has_steps(values, i));
        }
        want
    }

    /// What a skim leaves of `task`: its head.
    fn head_of(task: &Task) -> Task {
        let m = &task.meta;
        let meta = Metadata {
            due: m.due,
            scheduled: m.scheduled,
            start: m.start,
            created: m.created,
            done: m.done,
            cancelled: m.cancelled,
            followup: m.followup,
            priority: m.priority,
            recurrence: m.recurrence.as_ref().map(|_| String::new()),
            ..Metadata::default()
        };
        Task {
            checkbox: Default::default(),
            text: Default::default(),
            description: Box::default(),
            hash: TextHash::default(),
            fields: Box::default(),
            meta: Arc::new(meta),
            parent_line: None,
            block_id: None,
            section: Arc::new([]),
            ..task.clone()
        }
    }

    #[test]
    fn every_fixture_round_trips() {
        let files = fixture_files();
        assert!(files.len() > 30, "fixtures found: {}", files.len());
        let mut opts = ParseOptions::default();
        opts.statuses.insert('?', Status::Named("on_hold".into()));
        for (rel, bytes) in &files {
            round_trip(&parse_document(rel, bytes, &ParseOptions::default()));
            round_trip(&parse_document(rel, bytes, &opts));
        }
    }

    #[test]
    fn every_value_round_trips() {
        let src = "---\ntags: [a, b]\nproject: P\npriority: high\n---\n# H1\n## H2 `code`\n\
            - [ ] one 📅 2026-11-23 ⏳ 2026-11-22 🛫 2026-11-20 ➕ 2026-11-01 🔁 every week \
            🆔 x1 ⛔ y1,z2 🔺 #tag @bob [effort:: value] [impact:: 7] [estimate:: 2h] \
            [urgent:: true] [important:: false] [followup:: 2026-12-01] [checkin:: every 3 days] \
            [scalable:: true]\n\
            \x20 - [x] child ✅ 2026-11-21\n\
            # Other\n- [-] gone ❌ 2026-11-19\n- [?] odd [due:: 2026-02-30]\n";
        let mut opts = ParseOptions::default();
        opts.statuses.insert('?', Status::Named("on_hold".into()));
        let doc = parse_document("n/a.md", src.as_bytes(), &opts);
        assert_eq!(doc.tasks.len(), 4);
        let first = &doc.tasks[0].meta;
        assert_eq!(
            first.checkin.map(|c| c.to_string()).as_deref(),
            Some("every 3 days")
        );
        assert_eq!(first.scalable, Some(true));
        assert!(!doc.problems.is_empty(), "an invalid date is reported");
        round_trip(&doc);
        let mut failed = parse_document("b.md", b"caf\xe9", &opts);
        round_trip(&failed);
        // Every kind of problem is cached, and comes back the same.
        for kind in ProblemKind::ALL {
            failed.problems[0].kind = kind;
            round_trip(&failed);
        }
    }

    #[test]
    fn enum_orders_match_their_tables() {
        for (i, p) in Priority::ALL.iter().enumerate() {
            assert_eq!(*p as usize, i, "{p}");
        }
        for (i, e) in Effort::ALL.iter().enumerate() {
            assert_eq!(*e as usize, i, "{e}");
        }
        for (i, u) in CadenceUnit::ALL.iter().enumerate() {
            assert_eq!(*u as usize, i, "{u:?}");
        }
    }

    #[test]
    fn damaged_bytes_never_panic() {
        let src = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/bad/invalid-values/values.md"),
        )
        .unwrap_or_default();
        let doc = parse_document("v.md", &src, &ParseOptions::default());
        let bytes = round_trip(&doc);
        for cut in 0..bytes.len() {
            assert!(decode("v.md", &bytes[..cut]).is_err(), "truncated at {cut}");
            let light = decode_as("v.md", &bytes[..cut], Detail::Digest);
            assert!(light.is_err(), "truncated at {cut} (digest detail)");
            for skim in [Lines::None, Lines::Thirds] {
                let skimmed = decode_skimmed("v.md", &bytes[..cut], Detail::Values, Some(&skim));
                assert!(skimmed.is_err(), "truncated at {cut} (skim {skim:?})");
            }
        }
        for i in 0..bytes.len() {
            for flip in [0x01u8, 0x80, 0xff] {
                let mut damaged = bytes.clone();
                damaged[i] ^= flip;
                let _ = decode("v.md", &damaged);
                let _ = decode_as("v.md", &damaged, Detail::Digest);
                for skim in [Lines::Odd, Lines::Thirds] {
                    let _ = decode_skimmed("v.md", &damaged, Detail::Values, Some(&skim));
                }
            }
        }
        let mut long = bytes;
        long.push(0);
        assert!(decode("v.md", &long).is_err(), "a trailing byte");
    }

    #[test]
    fn varints() {
        for v in [0u64, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            let mut out = Vec::new();
            put_varint(&mut out, v);
            assert_eq!(Reader::new(&out).varint(), Ok(v), "{v}");
        }
        for v in [0i64, -1, 1, -64, 64, i64::MIN, i64::MAX] {
            let mut out = Vec::new();
            put_signed(&mut out, v);
            assert_eq!(Reader::new(&out).signed(), Ok(v), "{v}");
        }
        assert_eq!(Reader::new(&[0xff; 11]).varint(), Err(Corrupt));
        // Several in a row: each read leaves the reader just past its last byte.
        let values = [300u64, 0, u64::MAX, 5, 1 << 35];
        let mut out = Vec::new();
        values.iter().for_each(|&v| put_varint(&mut out, v));
        let mut r = Reader::new(&out);
        for v in values {
            assert_eq!(r.varint(), Ok(v), "{v}");
        }
        assert!(r.is_empty());
        assert_eq!(r.varint(), Err(Corrupt), "nothing left");
        assert_eq!(
            Reader::new(&[0x80, 0x80]).varint(),
            Err(Corrupt),
            "cut short"
        );
        assert_eq!(Reader::new(&[5, b'a']).str(), Err(Corrupt));
        assert_eq!(Reader::new(&[200, 1]).count(), Err(Corrupt));
    }
}
