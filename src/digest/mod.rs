//! Stage 4 of the pipeline: the daily digest. [`build`] turns parsed documents into a
//! plain [`Digest`]; the renderers turn that into Markdown, JSON, a web page or a terminal matrix.
//!
//! Pure and deterministic: `today` is a parameter, every list has a total order, and no
//! hash map is iterated, so the same vault and date give byte-identical output.

mod blocked;
mod build;
mod counts;
mod effort_balance;
mod entry;
mod hand_off;
mod html;
mod json;
mod ledger;
mod link;
mod markdown;
mod matrix;
mod nudge;
mod order;
mod query_section;
mod row;
mod rules;
mod section;
mod settings;
mod show;
mod standing;
pub mod tick;
mod trim;
mod vital_few;
mod waiting_on;

pub use blocked::{Blocked, MAX_BLOCKERS, Waited, WaitsFor};
pub use build::{build, build_sheets};
pub use counts::Counts;
pub use effort_balance::EffortLine;
pub use entry::Entry;
pub(crate) use entry::{date as entry_date, dates_none_last, optional_date as entry_optional_date};
pub use hand_off::HandOff;
pub use html::{render_html, render_html_at, write_html_at};
pub use json::{render_json, write_json};
pub use ledger::Ledger;
pub use link::{LinkStyle, link_target};
pub(crate) use markdown::escape_link_text;
pub use markdown::{MarkdownStyle, render_markdown, render_markdown_at, write_markdown_at};
pub use matrix::render_matrix;
pub use nudge::{Nudge, NudgeKind};
pub use query_section::{CustomGroup, CustomSection, QuerySection, SectionsKey};
pub(crate) use query_section::{
    Run as QueryRun, check as check_queries, locate as locate_query, queries as section_queries,
    run as run_queries, run_notes as run_query_notes,
};
pub use row::{EntrySource, Row, Sheet, SheetMemo};
pub use section::Section;
pub use settings::{DigestSections, DigestSettings};
pub use trim::SheetTrim;
pub use vital_few::VitalFew;
pub use waiting_on::Person;

use crate::classify::Quadrant;
use chrono::NaiveDate;

/// The digest of one day, every section computed; [`Digest::sections`] says which the
/// renderers show.
#[derive(Debug, Clone, PartialEq)]
pub struct Digest<'a> {
    /// The day it is for.
    pub date: NaiveDate,
    /// Which sections appear.
    pub sections: DigestSections,
    /// The numbers of the summary line.
    pub counts: Counts,
    /// Own, open, startable, urgent and important tasks, by urgency.
    pub r#do: Vec<Entry<'a>>,
    /// … important, not urgent.
    pub schedule: Vec<Entry<'a>>,
    /// … urgent, not important.
    pub delegate: Vec<Entry<'a>>,
    /// … neither.
    pub eliminate: Vec<Entry<'a>>,
    /// Delegated open tasks, by person.
    pub waiting_on: Vec<Person<'a>>,
    /// Own open tasks waiting for open tasks, by urgency, with what each waits for.
    pub blocked: Vec<Blocked<'a>>,
    /// The top own open tasks by leverage.
    pub vital_few: VitalFew<'a>,
    /// Open value tasks (own or delegated): scalable first, then by urgency.
    pub value: Vec<Entry<'a>>,
    /// Routine work to hand off or automate.
    pub hand_off: HandOff<'a>,
    /// Open tasks and hours per effort kind.
    pub effort_balance: Vec<EffortLine>,
    /// Warnings, in a fixed order.
    pub nudges: Vec<Nudge>,
    /// Tasks done yesterday or today, by done date, path, line.
    pub done_recently: Vec<Entry<'a>>,
    /// The sections defined by queries, after the standard ones (see [`run_queries`]).
    pub custom: Vec<CustomSection<'a>>,
}

impl<'a> Digest<'a> {
    /// The task list of one quadrant.
    pub fn quadrant(&self, q: Quadrant) -> &[Entry<'a>] {
        match q {
            Quadrant::Do => &self.r#do,
            Quadrant::Schedule => &self.schedule,
            Quadrant::Delegate => &self.delegate,
            Quadrant::Eliminate => &self.eliminate,
        }
    }
}

#[cfg(test)]
mod tests;
