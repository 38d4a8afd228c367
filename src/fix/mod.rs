//! Stage `fix`: plan lossless in-place edits for a parsed document (§8).

pub mod recurrence;
