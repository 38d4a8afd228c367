//! The command layer: turn parsed arguments into settings, run one command, write its
//! output, and return the exit code. The only place (with `main.rs`) that does I/O on
//! stdout/stderr.

pub mod args;
mod brief;
mod calendar;
mod check;
pub mod digest;
mod done;
mod environment;
mod fix;
mod list;
mod load;
mod man;
mod matrix;
mod query;
pub mod resolve;
mod sink;
mod ticks;
mod watch;

use crate::exit_code::ExitCode;
use crate::settings::Settings;
use args::{Cli, Command, GlobalArgs};
use clap::CommandFactory;
pub use environment::Environment;
use load::Load;
use sink::Sink;
use std::path::Path;
pub use watch::fixer as watch_fixer;

/// Run one command line. Errors are reported on stderr here; the result is the exit code.
pub fn run(cli: Cli, env: Environment) -> ExitCode {
    let mut out = Sink::stdout();
    if let (Command::Completions { .. } | Command::Man(_), Some(flag)) =
        (&cli.command, cli.global.first_given())
    {
        eprintln!(
            "ike: error: {flag} does nothing for this command (it reads no notes); leave it out"
        );
        return ExitCode::Error;
    }
    let result = match &cli.command {
        Command::List(a) => with_settings(&cli.global, a.root.root.as_deref(), &env, |s| {
            list::run(s, a, &mut out)
        }),
        Command::Digest(a) => with_settings(&cli.global, a.root.root.as_deref(), &env, |s| {
            digest::run(s, a, &mut out)
        }),
        Command::Watch(a) => with_settings(&cli.global, a.root.root.as_deref(), &env, |s| {
            watch::run(s, a, &cli.global, &env)
        }),
        Command::Calendar(a) => with_settings(&cli.global, a.root.root.as_deref(), &env, |s| {
            calendar::run(s, a, &mut out)
        }),
        Command::Matrix(a) => with_settings(&cli.global, a.root.root.as_deref(), &env, |s| {
            matrix::run(s, a, env.terminal_width, &mut out)
        }),
        Command::Fix(a) => with_settings(&cli.global, a.root.root.as_deref(), &env, |s| {
            fix::run(s, a, &mut out)
        }),
        Command::Done(a) => with_settings(&cli.global, a.root.as_deref(), &env, |s| {
            done::run(s, a, &mut out)
        }),
        Command::Check(a) => with_settings(&cli.global, a.root.root.as_deref(), &env, |s| {
            check::run(s, a, &mut out)
        }),
        Command::Brief(a) => with_settings(&cli.global, a.root.root.as_deref(), &env, |s| {
            brief::run(s, a, &mut out)
        }),
        Command::Query(a) => {
            let root = query::root_arg(a);
            with_settings(&cli.global, root.as_deref(), &env, |s| {
                query::run(s, a, &mut out)
            })
        }
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "ike", &mut buf);
            out.write_bytes(&buf).map(|()| ExitCode::Success)
        }
        Command::Man(a) => match &a.dir {
            Some(dir) => man::write_all(dir).map(|written| {
                eprintln!(
                    "ike: wrote {} man pages into {}",
                    written.len(),
                    dir.display()
                );
                ExitCode::Success
            }),
            None => man::pages().map_err(anyhow::Error::from).and_then(|pages| {
                let top = pages
                    .into_iter()
                    .next()
                    .map(|(_, text)| text)
                    .unwrap_or_default();
                out.write_bytes(&top).map(|()| ExitCode::Success)
            }),
        },
    };
    match result.and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => code,
        Err(err) if sink::is_broken_pipe(&err) => ExitCode::Success,
        Err(err) => {
            eprintln!(
                "ike: error: {}",
                crate::escape::display(&format!("{err:#}"))
            );
            ExitCode::Error
        }
    }
}

/// Drop the entries of files ike rewrote from the cache. Rewritten files have a new mtime,
/// so the cache would re-read them anyway; dropping them also covers a rewrite within the
/// same clock tick. A cache that cannot be updated is a warning, never a failure.
pub(crate) fn forget_rewritten(settings: &Settings, changes: &[crate::fix::FileChange]) {
    if !settings.cache || changes.is_empty() {
        return;
    }
    let rels: Vec<&str> = changes.iter().map(|c| c.rel.as_str()).collect();
    if let Err(err) = crate::vault::drop_entries(&settings.cache_store(), &settings.parse, &rels) {
        eprintln!(
            "ike: warning: cannot update the cache ({})",
            crate::escape::display(&err.to_string())
        );
    }
}

/// The dependency index of the whole vault, from a scan that keeps only the links.
pub(crate) fn scan_dependencies(
    settings: &Settings,
    discover: &crate::vault::DiscoverOptions,
) -> crate::classify::Dependencies {
    let (today, cs) = (settings.today, &settings.classify);
    let (links, _) = Load::new(settings, discover).map(&|doc| {
        doc.tasks
            .iter()
            .filter_map(|t| crate::classify::Link::of(t, &doc.path, today, cs))
            .collect::<Vec<_>>()
    });
    crate::classify::Dependencies::build(links.into_iter().flatten())
}

/// Scan into the digest's slim [`crate::digest::Sheet`]s (classified on `settings.today`)
/// and report the first problems met, sorted, on stderr ([`report_first`]: a digest is
/// not a lint).
fn scan_sheets(
    settings: &Settings,
    discover: &crate::vault::DiscoverOptions,
    json_output: bool,
    max_items: usize,
) -> Vec<crate::digest::Sheet> {
    let (today, classify) = (settings.today, &settings.classify);
    // Blocked tasks need every note's ids: one scan makes the sheets and gathers the
    // dependency facts; the few tasks that have any are classified again once the index
    // is built (decisions/0020).
    // Each sheet keeps the entries of only the tasks a digest with lists of `max_items`
    // may still show (0: all of them): trimmed once kept in the cache (which needs them
    // all), or, without the cache, as it is made.
    let trim =
        crate::digest::SheetTrim::new(crate::digest::SheetMemo { today, classify }, max_items)
            .after_rows(crate::digest::SheetTrim::UNTRIMMED_ROWS);
    let (scanned, mut problems) = Load::new(settings, discover)
        .with_progress(json_output)
        .with_detail(load::Detail::Digest)
        .map_memo(Some(&trim), &|doc| {
            if settings.cache {
                crate::digest::Sheet::unlinked(doc, today, classify)
            } else {
                trim.unlinked(doc, today, classify)
            }
        });
    let mut links = Vec::new();
    let mut sheets: Vec<crate::digest::Sheet> = scanned
        .into_iter()
        .map(|(sheet, mut l)| {
            links.append(&mut l);
            sheet
        })
        .collect();
    link_sheets(&mut sheets, links, &mut problems, settings);
    sheets
}

/// Classify again, by the dependency index built from `links`, the tasks of `sheets` that
/// wait for it, and report the problems of the scan; the index is returned.
fn link_sheets(
    sheets: &mut [crate::digest::Sheet],
    links: Vec<crate::classify::Link>,
    problems: &mut Vec<crate::problem::Problem>,
    settings: &Settings,
) -> crate::classify::Dependencies {
    let deps = crate::classify::Dependencies::build(links);
    for sheet in sheets.iter_mut() {
        sheet.link(settings.today, &settings.classify, &deps);
    }
    report_sheet_problems(problems, sheets, settings);
    deps
}

/// Report the first of `problems` (discovery's and the settings') and of the sheets'
/// problems on stderr, with the count of all. Each sheet keeps its note's first problems
/// and counts the rest: the vault's first few are among them.
fn report_sheet_problems(
    problems: &mut Vec<crate::problem::Problem>,
    sheets: &[crate::digest::Sheet],
    settings: &Settings,
) {
    let count = problems.len()
        + sheets
            .iter()
            .map(crate::digest::EntrySource::problems)
            .sum::<usize>();
    problems.extend(
        sheets
            .iter()
            .flat_map(|s| s.first_problems().iter().cloned()),
    );
    problems.sort();
    report_first(problems, count, settings);
}

/// A scan into sheets.
struct Scan<'s> {
    settings: &'s Settings,
    discover: &'s crate::vault::DiscoverOptions,
    json_output: bool,
    /// What the documents are decoded to (at least [`load::Detail::Digest`]).
    detail: load::Detail,
}

impl Scan<'_> {
    /// [`scan_sheets`], with `side` made of each document as it is read, and the
    /// dependency index.
    fn sheets_with<T: Send>(
        &self,
        side: &(dyn Fn(&crate::model::Document) -> T + Sync),
    ) -> (
        Vec<crate::digest::Sheet>,
        Vec<T>,
        crate::classify::Dependencies,
    ) {
        let settings = self.settings;
        let (today, classify) = (settings.today, &settings.classify);
        // Blocked tasks need every note's ids: one scan makes the sheets and gathers the
        // dependency facts; the few tasks that have any are classified again once the
        // index is built (decisions/0020).
        let (scanned, mut problems) = Load::new(settings, self.discover)
            .with_progress(self.json_output)
            .with_detail(self.detail)
            .map(&|doc| {
                let side = side(&doc);
                (crate::digest::Sheet::unlinked(doc, today, classify), side)
            });
        let mut links = Vec::new();
        let mut sides = Vec::new();
        let mut sheets: Vec<crate::digest::Sheet> = scanned
            .into_iter()
            .map(|((sheet, mut l), side)| {
                links.append(&mut l);
                sides.push(side);
                sheet
            })
            .collect();
        let deps = link_sheets(&mut sheets, links, &mut problems, settings);
        (sheets, sides, deps)
    }
}

/// Problems printed on stderr by the commands that are not lints (`ike digest`, `ike
/// matrix`); a large vault may have tens of thousands, which `ike check` lists. (A digest
/// sheet keeps as many of its note's.)
const FIRST_PROBLEMS: usize = crate::digest::Sheet::FIRST_PROBLEMS;

/// Print the first [`FIRST_PROBLEMS`] of `problems` (sorted; `total` problems in all),
/// then how many more there are and the command that lists them all.
fn report_first(problems: &[crate::problem::Problem], total: usize, settings: &Settings) {
    let shown = problems.len().min(FIRST_PROBLEMS);
    list::report(&problems[..shown], settings.color);
    if total > shown {
        let root = settings.root.to_string_lossy();
        let check = if root == "." {
            "ike check".to_owned()
        } else {
            format!("ike check {}", root)
        };
        eprintln!(
            "ike: … and {} more problems; `{check}` lists them all",
            total - shown
        );
    }
}

/// Let the scanned vault go without freeing it: a 100,000-note vault is millions of small
/// allocations, and freeing them one by one takes a noticeable part of a run that is
/// about to exit anyway. The operating system reclaims the memory at exit.
fn forget<T>(vault: T) {
    std::mem::forget(vault);
}

fn with_settings(
    global: &GlobalArgs,
    root: Option<&Path>,
    env: &Environment,
    f: impl FnOnce(&Settings) -> anyhow::Result<ExitCode>,
) -> anyhow::Result<ExitCode> {
    match resolve::resolve(global, root, env) {
        Ok(settings) => f(&settings),
        Err(err) => {
            eprintln!("ike: error: {}", crate::escape::display(&err.to_string()));
            Ok(ExitCode::Error)
        }
    }
}
