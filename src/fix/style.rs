//! How a fix writes a field: in the metadata syntax the task already uses.

use super::settings::DefaultSyntax;
use crate::model::{FieldKey, Syntax, Task};
use chrono::{Datelike, NaiveDate};

/// The syntax a new field is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    /// `✅ 2026-11-21`
    Emoji,
    /// `[completion:: 2026-11-21]`
    DataviewBracket,
    /// `(completion:: 2026-11-21)`
    DataviewParen,
}

impl Style {
    /// The style of `task`: the syntax most of its emoji and Dataview fields use (on a tie,
    /// the last one's, nearest to where fields are appended); `default` when it has none.
    pub(super) fn of(task: &Task, default: DefaultSyntax) -> Style {
        let mut emoji = 0usize;
        let mut dataview = 0usize;
        let mut last = None;
        for f in &task.fields {
            match f.syntax {
                Syntax::Emoji => emoji += 1,
                Syntax::DataviewBracket | Syntax::DataviewParen => dataview += 1,
                Syntax::Plain | Syntax::Hashtag | Syntax::Mention => continue,
            }
            last = Some(f.syntax);
        }
        let dataview_form = task
            .fields
            .iter()
            .rev()
            .find(|f| f.syntax.is_dataview())
            .map_or(Style::DataviewBracket, |f| match f.syntax {
                Syntax::DataviewParen => Style::DataviewParen,
                _ => Style::DataviewBracket,
            });
        match (emoji.cmp(&dataview), last) {
            (_, None) => match default {
                DefaultSyntax::Emoji => Style::Emoji,
                DefaultSyntax::Dataview => Style::DataviewBracket,
            },
            (std::cmp::Ordering::Greater, _) => Style::Emoji,
            (std::cmp::Ordering::Less, _) => dataview_form,
            (std::cmp::Ordering::Equal, Some(Syntax::Emoji)) => Style::Emoji,
            (std::cmp::Ordering::Equal, Some(_)) => dataview_form,
        }
    }

    /// This style without emoji: for fields that have no emoji signifier (follow-up).
    pub(super) fn dataview(self) -> Style {
        match self {
            Style::Emoji => Style::DataviewBracket,
            other => other,
        }
    }

    /// A date field as written in this style, without surrounding space. Emoji exist only
    /// for done and cancelled among the keys fixes write; others fall back to Dataview.
    pub(super) fn date_field(self, key: FieldKey, date: &str) -> String {
        let (emoji, name) = match key {
            FieldKey::Done => (Some('✅'), "completion"),
            FieldKey::Cancelled => (Some('❌'), "cancelled"),
            FieldKey::Due => (Some('📅'), "due"),
            FieldKey::Scheduled => (Some('⏳'), "scheduled"),
            FieldKey::Start => (Some('🛫'), "start"),
            FieldKey::Created => (Some('➕'), "created"),
            _ => (None, "followup"),
        };
        match (self, emoji) {
            (Style::Emoji, Some(e)) => format!("{e} {date}"),
            (Style::DataviewParen, _) => format!("({name}:: {date})"),
            _ => format!("[{name}:: {date}]"),
        }
    }
}

/// `YYYY-MM-DD`, or `None` for a year that form cannot hold (it would not parse back).
pub(super) fn iso_date(date: NaiveDate) -> Option<String> {
    (0..=9999)
        .contains(&date.year())
        .then(|| format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()))
}
