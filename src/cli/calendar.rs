//! `ike calendar`: scan, keep the dated open tasks and follow-ups that pass the filters,
//! and write them as an iCalendar file — to stdout, or to `--out` as `ike digest --out`
//! writes (atomically, only when its bytes change), or compare with `--check`.

use super::args::CalendarArgs;
use super::sink::Sink;
use crate::calendar::{self, Item};
use crate::exit_code::ExitCode;
use crate::filter::TaskFilter;
use crate::settings::Settings;

pub(super) fn run(
    settings: &Settings,
    args: &CalendarArgs,
    out: &mut Sink,
) -> anyhow::Result<ExitCode> {
    let filter = super::list::task_filter(&args.filter, settings)?;
    let text = render(settings, &filter);
    match &args.out {
        Some(path) => super::digest::write_output(path, &text, args.check, true, "calendar", out),
        None => {
            out.write_str(&text)?;
            Ok(ExitCode::Success)
        }
    }
}

/// The calendar of the vault at `settings.root`, its problems reported on stderr.
fn render(settings: &Settings, filter: &TaskFilter) -> String {
    let (today, classify) = (settings.today, &settings.classify);
    let deps = super::scan_dependencies(settings, &settings.discover);
    let (found, mut problems) = super::Load::new(settings, &settings.discover)
        .with_progress(false)
        .map(&|doc| {
            let items = calendar::items(&doc, today, classify, &deps, filter);
            (items, doc.problems)
        });
    let mut items: Vec<Item> = Vec::new();
    for (mut doc_items, doc_problems) in found {
        items.append(&mut doc_items);
        problems.extend(doc_problems);
    }
    problems.sort();
    super::list::report(&problems, settings.color);
    calendar::render(items, today)
}

/// The calendar of a vault already parsed (as `ike watch` keeps it), unfiltered.
pub(super) fn render_vault(vault: &crate::model::Vault, settings: &Settings) -> String {
    let filter = TaskFilter::default();
    let (today, cs) = (settings.today, &settings.classify);
    let deps = crate::classify::Dependencies::of_documents(&vault.documents, today, cs);
    let items = vault
        .documents
        .iter()
        .flat_map(|doc| calendar::items(doc, today, cs, &deps, &filter))
        .collect();
    calendar::render(items, settings.today)
}
