//! Stage `fix`: plan lossless in-place edits for a parsed document. Planning is pure;
//! [`crate::edit::apply`] splices a plan and [`crate::write::write_guarded`] replaces the
//! file.
//!
//! ```text
//! bytes ─► parse_document ─► plan(src, &doc, today, &settings, me) ─► apply(src, &plan.edits)
//!       ─► write_guarded(path, bytes, new)            (plan_archive: two files, see archive.rs)
//! ```
//!
//! Every fix only inserts text (done, cancelled and follow-up dates appended to a task's
//! text; a recurring task's next occurrence inserted above it), so bytes outside the
//! insertions are the original's. Planning twice over the result plans nothing.

mod archive;
mod block_id;
mod close;
mod close_files;
mod done_date;
mod files;
mod kind;
mod line_ending;
mod locate;
mod occurrence;
mod plan;
mod read_back;
pub(crate) mod recurrence;
mod settings;
mod style;

pub(crate) use archive::plan_archive;
pub(crate) use close::{CloseRun, Closing, close};
pub(crate) use close_files::{CloseReport, Request, close_files};
pub(crate) use done_date::DoneDate;
pub(crate) use files::{FileChange, FixReport, FixRun, Landed, fix_files};
pub use kind::FixKind;
pub(crate) use locate::{Found, Lost, has_id, locate};
pub use plan::{Plan, plan};
pub(crate) use plan::{plan_dated, plan_only};
pub use settings::{DefaultSyntax, FixSettings};

#[cfg(test)]
mod tests;
