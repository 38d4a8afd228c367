//! ike: reads a folder of Markdown notes, finds every task with its metadata, and says what
//! matters. The library is the pipeline; `main.rs` only calls [`run`].
//!
//! ```text
//! settings ─► discover ─► parse ─► list / check ─► stdout
//! ```
//! See `docs/architecture.md`.

#![forbid(unsafe_code)]

pub mod edit;
pub mod fix;
pub mod line_index;
pub mod model;
pub mod parse;
pub mod problem;
pub mod span;
