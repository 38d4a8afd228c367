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

pub mod brief;
pub mod calendar;
pub mod check;
pub mod classify;
pub mod cli;
pub mod config;
pub mod config_error;
pub mod diff;
pub mod digest;
pub mod edit;
pub mod escape;
pub mod exit_code;
pub mod filter;
pub mod fix;
pub mod line_index;
pub mod model;
pub mod obsidian;
pub mod output;
pub mod output_file;
pub mod parse;
pub mod people;
pub mod problem;
pub mod progress;
pub mod query;
pub mod relative_path;
pub mod safe_read;
pub mod settings;
pub mod span;
pub mod vault;
pub mod vault_root;
pub mod watch;
pub mod write;
pub mod yaml;
