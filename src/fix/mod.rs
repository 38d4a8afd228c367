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
pub mod recurrence;
mod settings;
mod style;

pub use archive::{ArchivePlan, plan_archive};
pub use close::{CloseRun, Closing, close};
pub use close_files::{CloseReport, Request, close_files};
pub use done_date::DoneDate;
pub use files::{FileChange, FixReport, FixRun, Landed, fix_files};
pub use kind::FixKind;
pub use locate::{Found, Lost, has_id, locate};
pub use plan::{Plan, plan, plan_dated, plan_only};
pub use settings::{DefaultSyntax, FixSettings};

#[cfg(test)]
mod tests;
