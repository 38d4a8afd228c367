//! Stage `fix`: plan lossless in-place edits for a parsed document (§8). Planning is pure;
//! [`crate::edit::apply`] splices a plan and [`crate::write`] replaces the file.

mod kind;
mod line_ending;
mod occurrence;
mod plan;
pub mod recurrence;
mod settings;
mod style;

pub use kind::FixKind;
pub use plan::{Plan, plan};
pub use settings::{DefaultSyntax, FixSettings};

#[cfg(test)]
mod tests;
