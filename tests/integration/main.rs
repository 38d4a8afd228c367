//! The one integration-test binary: runs the real `ike` over fixtures and scratch vaults.
//!
//! Snapshots live in `fixtures/snapshots/`; after an intended change, regenerate them with
//! `INSTA_UPDATE=always cargo test --locked` and review the diff like code.

mod harness;

mod acting;
mod architecture;
mod bad_input;
mod blocked;
mod cache;
mod calendar;
mod check;
mod cli;
mod digest;
mod digest_page;
mod digest_sections;
mod docs_examples;
mod fast_path;
mod fix;
mod generated;
mod json_docs;
mod list;
mod more_commands;
mod new_user;
mod obsidian;
mod pieces;
mod pre_commit;
mod query;
mod query_heads;
mod safety;
mod smart;
mod watch;

// The vault generator's modules (examples/gen_vault), for `generated.rs` and
// `fast_path.rs` (which also runs the `fast-path-diff` example's inputs). They refer to
// each other as `crate::…`, so they live at the root of this test crate.
#[allow(dead_code)]
#[path = "../../examples/gen_vault/doc.rs"]
mod doc;
#[allow(dead_code)]
#[path = "../../examples/fast-path-diff.rs"]
mod fast_path_diff;
#[allow(dead_code)]
#[path = "../../examples/pieces-diff.rs"]
mod pieces_diff;
#[allow(dead_code)]
#[path = "../../examples/race/trial.rs"]
mod race_trial;
#[allow(dead_code)]
#[path = "../../examples/gen_vault/real.rs"]
mod real;
#[allow(dead_code)]
#[path = "../../examples/gen_vault/rng.rs"]
mod rng;
#[allow(dead_code)]
#[path = "../../examples/gen_vault/words.rs"]
mod words;
