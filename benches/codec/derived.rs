//! The cache's document codec as serde derives + postcard, the side of the comparison in
//! docs/decisions/0041-cache-codec.md that the crate does not ship.
//!
//! The model's own `Serialize` impls are the JSON contract (a status by its name, a
//! problem's kind by its code), so the storage shape is declared here with serde's
//! remote derives: one `…Def` per model type, naming the same public fields, and
//! deserializing straight into the model (no intermediate copy). The few values serde
//! cannot store compactly or at all get a small `with` module: dates as days since the
//! Common Era, enums with an `ALL` table as their index, the text hash as its bits.
//! What it does not do that the hand-written codec does: offsets as deltas, one presence
//! mask for the metadata, each heading trail once per document, and a reduced decode.

use chrono::{Datelike, NaiveDate};
use ike::model::{
    Cadence, CadenceUnit, Document, Effort, Field, FieldKey, Metadata, Priority, Status, Syntax,
    Task, TextHash,
};
use ike::problem::{Problem, ProblemKind, Severity};
use ike::span::{ShortSpan, Span};
use serde::de::Error as _;
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::sync::Arc;

/// Append `doc`'s encoding (its path excepted) to `out`.
pub(crate) fn encode(doc: &Document, out: &mut Vec<u8>) -> bool {
    struct W<'a>(&'a Document);
    impl Serialize for W<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            DocumentDef::serialize(self.0, s)
        }
    }
    match postcard::to_extend(&W(doc), std::mem::take(out)) {
        Ok(bytes) => {
            *out = bytes;
            true
        }
        Err(_) => false,
    }
}

/// Decode a document encoded by [`encode`], giving it (and its problems) `path`.
pub(crate) fn decode(path: &str, bytes: &[u8]) -> Option<Document> {
    #[derive(Deserialize)]
    struct W(#[serde(with = "DocumentDef")] Document);
    let (W(mut doc), rest) = postcard::take_from_bytes::<W>(bytes).ok()?;
    if !rest.is_empty() {
        return None;
    }
    doc.path = path.to_owned();
    for p in &mut doc.problems {
        p.path = path.to_owned();
    }
    Some(doc)
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Document")]
struct DocumentDef {
    #[serde(skip)]
    path: String,
    #[serde(with = "tasks")]
    tasks: Vec<Task>,
    #[serde(with = "problems")]
    problems: Vec<Problem>,
    #[serde(with = "opt_span")]
    front_matter: Option<Span>,
    #[serde(with = "MetadataDef")]
    defaults: Metadata,
    failed: bool,
    #[serde(skip)]
    skimmed: Option<ike::model::Skimmed>,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Problem")]
struct ProblemDef {
    #[serde(skip)]
    path: String,
    line: usize,
    column: usize,
    #[serde(with = "SeverityDef")]
    severity: Severity,
    #[serde(with = "kind")]
    kind: ProblemKind,
    message: String,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Severity")]
enum SeverityDef {
    Error,
    Warning,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Task")]
struct TaskDef {
    line: u32,
    column: u32,
    #[serde(with = "StatusDef")]
    status: Status,
    status_char: char,
    line_start: u32,
    #[serde(with = "short_span")]
    marker: ShortSpan,
    #[serde(with = "short_span")]
    checkbox: ShortSpan,
    #[serde(with = "short_span")]
    text: ShortSpan,
    description: Box<str>,
    #[serde(with = "hash")]
    hash: TextHash,
    #[serde(with = "boxed_fields")]
    fields: Box<[Field]>,
    #[serde(with = "arc_metadata")]
    meta: Arc<Metadata>,
    parent: Option<u32>,
    parent_line: Option<std::num::NonZeroU32>,
    block_id: Option<Box<str>>,
    #[serde(with = "section")]
    section: Arc<[String]>,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Status")]
enum StatusDef {
    Todo,
    InProgress,
    Done,
    Cancelled,
    Named(String),
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Span")]
struct SpanDef {
    start: usize,
    end: usize,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Field")]
struct FieldDef {
    #[serde(with = "FieldKeyDef")]
    key: FieldKey,
    #[serde(with = "SyntaxDef")]
    syntax: Syntax,
    #[serde(with = "SpanDef")]
    span: Span,
    #[serde(with = "SpanDef")]
    value: Span,
    valid: bool,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "FieldKey")]
enum FieldKeyDef {
    Due,
    Scheduled,
    Start,
    Created,
    Done,
    Cancelled,
    Followup,
    Priority,
    Recurrence,
    OnCompletion,
    Id,
    DependsOn,
    Assignee,
    Effort,
    Impact,
    Estimate,
    Urgent,
    Important,
    Checkin,
    Scalable,
    Tag,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Syntax")]
enum SyntaxDef {
    Emoji,
    DataviewBracket,
    DataviewParen,
    Plain,
    Hashtag,
    Mention,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Metadata")]
struct MetadataDef {
    #[serde(with = "opt_days")]
    due: Option<NaiveDate>,
    #[serde(with = "opt_days")]
    scheduled: Option<NaiveDate>,
    #[serde(with = "opt_days")]
    start: Option<NaiveDate>,
    #[serde(with = "opt_days")]
    created: Option<NaiveDate>,
    #[serde(with = "opt_days")]
    done: Option<NaiveDate>,
    #[serde(with = "opt_days")]
    cancelled: Option<NaiveDate>,
    #[serde(with = "opt_days")]
    followup: Option<NaiveDate>,
    #[serde(with = "opt_cadence")]
    checkin: Option<Cadence>,
    #[serde(with = "opt_priority")]
    priority: Option<Priority>,
    recurrence: Option<String>,
    on_completion: Option<String>,
    id: Option<String>,
    depends_on: Vec<String>,
    assignee: Option<String>,
    mentions: Vec<String>,
    contexts: Vec<String>,
    #[serde(with = "opt_effort")]
    effort: Option<Effort>,
    impact: Option<u8>,
    estimate_minutes: Option<u32>,
    urgent: Option<bool>,
    important: Option<bool>,
    scalable: Option<bool>,
    project: Option<String>,
    tags: Vec<String>,
}

/// A `with` module for a `Vec` of a remote type: serialized through a borrowing newtype,
/// deserialized through an owning one (same layout, so the collect reuses the buffer).
macro_rules! vec_of {
    ($module:ident, $ty:ty, $def:ident, $with:literal) => {
        mod $module {
            use super::*;
            pub(super) fn serialize<S: Serializer>(v: &[$ty], s: S) -> Result<S::Ok, S::Error> {
                struct R<'a>(&'a $ty);
                impl Serialize for R<'_> {
                    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                        $def::serialize(self.0, s)
                    }
                }
                s.collect_seq(v.iter().map(R))
            }
            pub(super) fn deserialize<'de, D: Deserializer<'de>>(
                d: D,
            ) -> Result<Vec<$ty>, D::Error> {
                #[derive(Deserialize)]
                struct O(#[serde(with = $with)] $ty);
                let v = Vec::<O>::deserialize(d)?;
                Ok(v.into_iter().map(|O(x)| x).collect())
            }
        }
    };
}

vec_of!(tasks, Task, TaskDef, "TaskDef");
vec_of!(problems, Problem, ProblemDef, "ProblemDef");
vec_of!(fields, Field, FieldDef, "FieldDef");

/// A `with` module for an `Option` of a value stored as a `u32` (or `u16`…) by `to`/`from`.
macro_rules! option_as {
    ($module:ident, $ty:ty, $raw:ty, $to:expr, $from:expr) => {
        mod $module {
            use super::*;
            pub(super) fn serialize<S: Serializer>(
                v: &Option<$ty>,
                s: S,
            ) -> Result<S::Ok, S::Error> {
                let to: fn(&$ty) -> $raw = $to;
                v.as_ref().map(to).serialize(s)
            }
            pub(super) fn deserialize<'de, D: Deserializer<'de>>(
                d: D,
            ) -> Result<Option<$ty>, D::Error> {
                let from: fn($raw) -> Option<$ty> = $from;
                match Option::<$raw>::deserialize(d)? {
                    None => Ok(None),
                    Some(raw) => from(raw)
                        .map(Some)
                        .ok_or_else(|| D::Error::custom("bad value")),
                }
            }
        }
    };
}

option_as!(
    opt_days,
    NaiveDate,
    i32,
    |d| d.num_days_from_ce(),
    NaiveDate::from_num_days_from_ce_opt
);
option_as!(opt_priority, Priority, u8, |p| *p as u8, |i| Priority::ALL
    .get(usize::from(i))
    .copied());
option_as!(opt_effort, Effort, u8, |e| *e as u8, |i| Effort::ALL
    .get(usize::from(i))
    .copied());
option_as!(
    opt_cadence,
    Cadence,
    (u8, u16),
    |c| (c.unit as u8, c.every),
    |(unit, every)| Cadence::new(every, *CadenceUnit::ALL.get(usize::from(unit))?)
);
option_as!(opt_span, Span, (usize, usize), |s| (s.start, s.end), |(
    start,
    end,
)| {
    (start <= end).then(|| Span::new(start, end))
});

mod kind {
    use super::*;
    pub(super) fn serialize<S: Serializer>(k: &ProblemKind, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(u8::try_from(*k as usize).map_err(S::Error::custom)?)
    }
    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ProblemKind, D::Error> {
        let i = u8::deserialize(d)?;
        ProblemKind::ALL
            .get(usize::from(i))
            .copied()
            .ok_or_else(|| D::Error::custom("bad kind"))
    }
}

mod hash {
    use super::*;
    pub(super) fn serialize<S: Serializer>(h: &TextHash, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(h.to_bits())
    }
    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<TextHash, D::Error> {
        TextHash::from_bits(u32::deserialize(d)?).ok_or_else(|| D::Error::custom("bad hash"))
    }
}

mod arc_metadata {
    use super::*;
    pub(super) fn serialize<S: Serializer>(m: &Arc<Metadata>, s: S) -> Result<S::Ok, S::Error> {
        MetadataDef::serialize(m, s)
    }
    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Arc<Metadata>, D::Error> {
        MetadataDef::deserialize(d).map(Arc::new)
    }
}

mod short_span {
    use super::*;
    pub(super) fn serialize<S: Serializer>(v: &ShortSpan, s: S) -> Result<S::Ok, S::Error> {
        SpanDef::serialize(&v.span(), s)
    }
    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ShortSpan, D::Error> {
        SpanDef::deserialize(d).map(ShortSpan::from)
    }
}

mod boxed_fields {
    use super::*;
    pub(super) fn serialize<S: Serializer>(v: &[Field], s: S) -> Result<S::Ok, S::Error> {
        fields::serialize(v, s)
    }
    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Box<[Field]>, D::Error> {
        fields::deserialize(d).map(Vec::into_boxed_slice)
    }
}

mod section {
    use super::*;
    pub(super) fn serialize<S: Serializer>(v: &Arc<[String]>, s: S) -> Result<S::Ok, S::Error> {
        v[..].serialize(s)
    }
    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Arc<[String]>, D::Error> {
        Vec::<String>::deserialize(d).map(Arc::from)
    }
}
