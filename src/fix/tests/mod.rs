//! Tests of the fix stage as a whole: parse → plan → apply.

mod fixtures;
mod plans;
mod properties;

use super::{FixSettings, Plan, plan};
use crate::edit::apply;
use crate::parse::{ParseOptions, parse_document};
use chrono::NaiveDate;

/// The date every test runs on: Saturday 2026-11-21.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).expect("valid date")
}

/// Parse, plan and apply; panics if the plan does not apply.
fn run(src: &str, s: &FixSettings, me: Option<&str>) -> (String, Plan) {
    let doc = parse_document("t.md", src.as_bytes(), &ParseOptions::default());
    let plan = plan(src, &doc, today(), s, me);
    let out = apply(src, &plan.edits).expect("plan applies");
    (out, plan)
}
