//! Stage `fix`: plan lossless in-place edits for a parsed document (§8). Planning is pure;
//! [`crate::edit::apply`] splices a plan and [`crate::write`] replaces the file.

mod archive;
mod kind;
mod line_ending;
mod occurrence;
mod plan;
mod read_back;
pub mod recurrence;
mod settings;
mod style;

pub use archive::{ArchivePlan, plan_archive};
pub use kind::FixKind;
pub use plan::{Plan, plan};
pub use settings::{DefaultSyntax, FixSettings};

#[cfg(test)]
mod tests;
