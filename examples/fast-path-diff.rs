//! `fast-path-diff`: the differential check of the exact fast path. Random notes built
//! from the pieces that make or break a task (list markers of every kind, checkboxes with
//! ASCII and multi-byte statuses, near-miss brackets, block quotes, fences, HTML comments,
//! Obsidian comments, indentation, CRLF and lone CR line endings, front matter holding
//! checkboxes) are parsed with the fast path and with `exact_parser` (the full Markdown
//! parse of every note); the two documents must be equal, whole.
//!
//! ```text
//! cargo run --release --example fast-path-diff -- [COUNT] [SEED]
//! ```
//!
//! Prints the inputs run, how many the fast path decided without the Markdown parser,
//! and the differences (0, or the first input that differs, which then exits 1).
//! Runs on all cores; input `i` depends only on `(SEED, i)`.

use ike::parse::{ParseOptions, may_hold_task, parse_document};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The pieces inputs are made of.
const PIECES: &[&str] = &[
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "10. ",
    "1234567890. ",
    "-",
    "*",
    "+",
    ".",
    ")",
    "  ",
    " ",
    "\t",
    "    ",
    "> ",
    ">",
    "[ ]",
    "[x]",
    "[X]",
    "[/]",
    "[-]",
    "[?]",
    "[é]",
    "[✓]",
    "[😀]",
    "[]",
    "[ab]",
    "[",
    "]",
    "[[link]]",
    "[[",
    "]]",
    "[x]y",
    "[ ]\t",
    "word",
    "text ",
    "é",
    "😀",
    "\n",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "%%",
    "```",
    "~~~",
    "`",
    "<!--",
    "-->",
    "<div>",
    "</div>",
    "---",
    "***",
    "___",
    "#",
    "## ",
    "|",
    "| - [ ] |",
    "\\",
    "[!todo]",
    "📅 2026-11-30",
    "[due:: 2026-11-30]",
    "^id",
    "&nbsp;",
    "=",
    "1",
    "0",
];

// The generator's splitmix64 (no `rand` crate); only a few of its methods are used here,
// and the integration tests, which include this file, load it a second time.
#[allow(dead_code, clippy::duplicate_mod)]
#[path = "gen_vault/rng.rs"]
mod rng;
use rng::Rng;

/// Random note `index` of stream `seed`.
pub(crate) fn input(seed: u64, index: u64) -> String {
    let mut rng = Rng::for_input(seed, index, 0xD1B5_4A32_D192_ED03);
    let mut s = String::new();
    match rng.below(10) {
        0 => s.push_str("---\ntags: [a]\ntemplate: |\n  - [ ] not a task\n---\n"),
        1 => s.push('\u{feff}'),
        _ => {}
    }
    for _ in 0..1 + rng.below(24) {
        s.push_str(PIECES[rng.below(PIECES.len())]);
    }
    s
}

/// Parse `src` both ways: `Some(decided)` when equal (`decided`: the fast path skipped
/// the Markdown parse), `None` when the documents differ.
pub(crate) fn compare(src: &str) -> Option<bool> {
    let exact = ParseOptions {
        exact_parser: true,
        ..ParseOptions::default()
    };
    let full = parse_document("fuzz.md", src.as_bytes(), &exact);
    let fast = parse_document("fuzz.md", src.as_bytes(), &ParseOptions::default());
    (full == fast).then(|| !may_hold_task(src.as_bytes()))
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let count: u64 = args
        .get(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let seed: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()) as u64;
    let decided = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    std::thread::scope(|scope| {
        for t in 0..threads {
            let (decided, failed) = (&decided, &failed);
            scope.spawn(move || {
                let mut mine = 0;
                let mut i = t;
                while i < count && !failed.load(Ordering::Relaxed) {
                    let src = input(seed, i);
                    match compare(&src) {
                        Some(d) => mine += usize::from(d),
                        None => {
                            failed.store(true, Ordering::Relaxed);
                            eprintln!("input {i} differs: {src:?}");
                        }
                    }
                    i += threads;
                }
                decided.fetch_add(mine, Ordering::Relaxed);
            });
        }
    });
    println!(
        "inputs: {count}\nseed: {seed}\ndecided by the fast path: {}\ndifferences: {}",
        decided.load(Ordering::Relaxed),
        usize::from(failed.load(Ordering::Relaxed))
    );
    if failed.load(Ordering::Relaxed) {
        std::process::exit(1);
    }
}
