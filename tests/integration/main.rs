//! The one integration-test binary: runs the real `ike` over fixtures and scratch vaults.
//!
//! Snapshots live in `fixtures/snapshots/`; after an intended change, regenerate them with
//! `INSTA_UPDATE=always cargo test --locked` and review the diff like code.

mod harness;

mod bad_input;
mod check;
mod cli;
mod digest;
mod docs_examples;
mod fix;
mod list;
mod watch;
