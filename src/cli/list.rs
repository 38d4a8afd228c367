//! `ike list`: scan, filter, render.

use super::args::{ListArgs, ListFormat};
use super::sink::Sink;
use crate::classify::{Quadrant, classify};
use crate::exit_code::ExitCode;
use crate::filter::TaskFilter;
use crate::model::{Effort, Status};
use crate::output::{diagnostic, list_json, list_markdown, list_table, record::TaskRecord};
use crate::scan::scan;
use crate::settings::Settings;
use anyhow::Context;
use std::io::Write;

pub fn run(settings: &Settings, args: &ListArgs, out: &mut Sink) -> anyhow::Result<ExitCode> {
    let filter = TaskFilter {
        statuses: args
            .status
            .iter()
            .map(|s| Status::from_name(s.trim()))
            .collect(),
        tags: args.tag.clone(),
        assignee: args.assignee.clone(),
        quadrants: args
            .quadrant
            .iter()
            .filter_map(|q| Quadrant::from_name(q))
            .collect(),
        effort: args.effort.as_deref().and_then(Effort::from_name),
        overdue_on: args.overdue.then_some(settings.today),
        due_before: args.due_before,
        path: match &args.path {
            Some(glob) => Some(
                globset::GlobBuilder::new(glob)
                    .literal_separator(true)
                    .build()
                    .with_context(|| format!("invalid --path glob `{glob}`"))?
                    .compile_matcher(),
            ),
            None => None,
        },
    };
    let vault = scan(&settings.root, &settings.discover, &settings.parse);
    let problems = vault.all_problems();
    report(&problems, settings.color);
    let today = settings.today;
    let records: Vec<TaskRecord<'_>> = vault
        .tasks()
        .filter_map(|(d, t)| {
            let c = classify(t, today, &settings.classify);
            filter.matches(d, t, &c).then(|| TaskRecord::new(d, t, &c))
        })
        .collect();
    let text = match args.format {
        ListFormat::Table => {
            list_table::render_table(&records, settings.today, args.explain, settings.color)
        }
        ListFormat::Json => list_json::render_json(settings.today, &records, &problems),
        ListFormat::Ndjson => list_json::render_ndjson(&records),
        ListFormat::Md => list_markdown::render_markdown(&records, args.explain),
    };
    out.write_str(&text)?;
    Ok(ExitCode::Success)
}

/// Print problems on stderr, one per line. A failed stderr write is not worth dying for.
pub fn report(problems: &[crate::problem::Problem], color: bool) {
    let mut err = std::io::stderr().lock();
    for p in problems {
        let _ = writeln!(err, "{}", diagnostic::render(p, color));
    }
}
