//! ike: reads a folder of Markdown notes, finds every task with its metadata, and says what
//! matters. The library is the pipeline; `main.rs` only calls [`cli::run`].
//!
//! ```text
//! settings ─► discover ─► parse ─► classify ─┬─► digest (build, then render) ─► write
//!                                            ├─► fix (plan edits, splice)    ─► write (guarded, atomic)
//!                                            └─► list / matrix / check       ─► stdout
//! watch: events ─► changed paths ─► the same pipeline, for what changed
//! ```
//! See `docs/architecture.md`.

#![forbid(unsafe_code)]

mod brief;
mod calendar;
mod check;
pub mod classify;
pub mod cli;
mod config;
mod config_error;
mod diff;
pub mod digest;
pub mod edit;
mod escape;
mod exit_code;
mod filter;
pub mod fix;
mod line_index;
pub mod model;
mod obsidian;
pub mod output;
pub mod output_file;
pub mod parse;
mod people;
pub mod problem;
mod progress;
mod query;
mod relative_path;
mod safe_read;
pub mod settings;
pub mod span;
pub mod vault;
mod vault_root;
pub mod watch;
mod write;
mod yaml;
