//! The digest as JSON: the same content as the Markdown, for scripts.

use super::{Blocked, Counts, Digest, EffortLine, Entry, HandOff, Nudge, Person, VitalFew, entry};
use chrono::NaiveDate;
use serde::Serialize;

/// The JSON document, keys in the digest's order; switched-off sections are left out.
#[derive(Serialize)]
struct JsonDigest<'a> {
    #[serde(serialize_with = "entry::date")]
    date: NaiveDate,
    counts: &'a Counts,
    #[serde(rename = "do", skip_serializing_if = "Option::is_none")]
    r#do: Option<&'a [Entry<'a>]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    schedule: Option<&'a [Entry<'a>]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    delegate: Option<&'a [Entry<'a>]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    eliminate: Option<&'a [Entry<'a>]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    waiting_on: Option<&'a [Person<'a>]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    blocked: Option<&'a [Blocked<'a>]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vital_few: Option<&'a VitalFew<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a [Entry<'a>]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hand_off: Option<&'a HandOff<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    effort_balance: Option<&'a [EffortLine]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nudges: Option<&'a [Nudge]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    done_recently: Option<&'a [Entry<'a>]>,
    #[serde(rename = "query_sections", skip_serializing_if = "<[_]>::is_empty")]
    custom: &'a [super::CustomSection<'a>],
}

/// The digest as pretty-printed JSON, ending with a newline. Scores are already rounded
/// to two decimals by the model.
pub fn render_json(digest: &Digest<'_>) -> String {
    let mut bytes = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_json(digest, &mut bytes);
    String::from_utf8(bytes).unwrap_or_else(|_| "{}\n".to_owned())
}

/// [`render_json`], written to `sink` as it is serialized.
pub fn write_json(digest: &Digest<'_>, sink: &mut dyn std::io::Write) -> std::io::Result<()> {
    let s = &digest.sections;
    let view = JsonDigest {
        date: digest.date,
        counts: &digest.counts,
        r#do: s.r#do.then_some(digest.r#do.as_slice()),
        schedule: s.schedule.then_some(digest.schedule.as_slice()),
        delegate: s.delegate.then_some(digest.delegate.as_slice()),
        eliminate: s.eliminate.then_some(digest.eliminate.as_slice()),
        waiting_on: s.waiting_on.then_some(digest.waiting_on.as_slice()),
        blocked: s.blocked.then_some(digest.blocked.as_slice()),
        vital_few: s.vital_few.then_some(&digest.vital_few),
        value: s.value.then_some(digest.value.as_slice()),
        hand_off: s.hand_off.then_some(&digest.hand_off),
        effort_balance: s.effort_balance.then_some(digest.effort_balance.as_slice()),
        nudges: s.nudges.then_some(digest.nudges.as_slice()),
        done_recently: s.done_recently.then_some(digest.done_recently.as_slice()),
        custom: &digest.custom,
    };
    // Serializing plain structs with string keys cannot fail: an error is the sink's.
    serde_json::to_writer_pretty(&mut *sink, &view)?;
    sink.write_all(b"\n")
}
