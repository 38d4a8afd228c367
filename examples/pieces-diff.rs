//! `pieces-diff`: the differential check of parsing a note in pieces. Random notes built
//! from lines that may be cut at (`- [ ] …` at column 0) and from everything that may run
//! across such a line or change what it is (fenced code, HTML blocks, tables, block
//! quotes and callouts, Obsidian comments, headings of both kinds, indented code, loose
//! and tight lists, ordered lists, link reference definitions, front matter, CRLF and
//! lone CR) are parsed with the smallest piece size (a cut wherever one is allowed) and
//! whole; the two documents must be equal, whole.
//!
//! ```text
//! cargo run --release --example pieces-diff -- [COUNT] [SEED]
//! ```
//!
//! Prints the inputs run, how many of a sample of one in eight were cut at least once,
//! and the differences (0, or the first input that differs, which then exits 1). Runs on
//! all cores; input `i` depends only on `(SEED, i)`.

use ike::parse::{ParseOptions, parse_document_in_pieces, piece_count};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The pieces inputs are made of.
const PIECES: &[&str] = &[
    "\n- [ ] a",
    "\n- [ ] a",
    "\n- [ ] a",
    "\n- [x] b 📅 2026-11-30",
    "\n* [ ] c",
    "\n+ [/] d",
    "\n- [ ] ",
    "\n- [",
    "\n- [ ] e %%",
    "\n- [ ] f [due:: 2026-11-30] ^id",
    "\n- [ ] ```",
    "\n- [ ] <div>",
    "\n- [ ] | x |",
    "\n  - [ ] child",
    "\n    - [ ] grandchild",
    "\n\t- [ ] tab child",
    "\n- plain",
    "\n* 1 star",
    "\n+ x",
    "\n- é",
    "\n1. [ ] one",
    "\n2. [ ] two",
    "\n\n",
    "\n\n",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "\n  ",
    "\n    code",
    "\n> ",
    "\n> [!todo] Callout",
    "\n>",
    "\n# Head",
    "\n## Sub",
    "\n### Third",
    "\nSetext\n===",
    "\nSetext\n---",
    "\n---",
    "\n***",
    "\n```",
    "\n```",
    "\n~~~",
    "\n  ```",
    "\n<div>",
    "\n</div>",
    "\n<pre>",
    "\n</pre>",
    "\n<!--",
    "-->",
    "\n<custom-tag>",
    "\n<?php",
    "?>",
    "\n| a | b |\n|---|---|",
    "\n| c | d |",
    "\na | b\n--|--",
    "\n%%",
    "%%",
    "\n[ref]: http://example.com",
    "[ref]",
    "[x]:",
    "\nparagraph text",
    "\nlazy",
    " word",
    " `code",
    "`",
    " *em",
    "*",
    " [link](u)",
    " <span>",
    " \\",
    " &amp;",
    " é😀",
    " #tag",
    " @me",
    "\n- - -",
    "\n-",
    "\n*",
];

// The generator's splitmix64 (no `rand` crate); only a few of its methods are used here,
// and the integration tests, which include this file, load it a second time.
#[allow(dead_code, clippy::duplicate_mod)]
#[path = "gen_vault/rng.rs"]
mod rng;
use rng::Rng;

/// Random note `index` of stream `seed`.
pub(crate) fn input(seed: u64, index: u64) -> String {
    let mut rng = Rng::for_input(seed, index, 0x2545_F491_4F6C_DD1D);
    let mut s = String::new();
    match rng.below(12) {
        0 => s.push_str("---\ndue: 2026-11-30\ntags: [a]\n---\n"),
        1 => s.push('\u{feff}'),
        2 => s.push_str("- [ ] first"),
        _ => {}
    }
    for _ in 0..1 + rng.below(40) {
        s.push_str(PIECES[rng.below(PIECES.len())]);
    }
    s
}

/// Parse `src` in the smallest pieces and whole: `Some(cut)` when equal (`cut`: it was
/// cut at least once, asked only when `ask`), `None` when the documents differ.
pub(crate) fn compare(src: &str, ask: bool) -> Option<bool> {
    let opts = ParseOptions::default();
    let whole = parse_document_in_pieces("fuzz.md", src.as_bytes(), &opts, usize::MAX);
    let cut = parse_document_in_pieces("fuzz.md", src.as_bytes(), &opts, 0);
    (whole == cut).then(|| ask && piece_count(src.as_bytes(), 0) > 1)
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
    let cut = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    std::thread::scope(|scope| {
        for t in 0..threads {
            let (cut, failed) = (&cut, &failed);
            scope.spawn(move || {
                let mut mine = 0;
                let mut i = t;
                while i < count && !failed.load(Ordering::Relaxed) {
                    let src = input(seed, i);
                    match compare(&src, i % 8 == 0) {
                        Some(c) => mine += usize::from(c),
                        None => {
                            failed.store(true, Ordering::Relaxed);
                            eprintln!("input {i} differs: {src:?}");
                        }
                    }
                    i += threads;
                }
                cut.fetch_add(mine, Ordering::Relaxed);
            });
        }
    });
    println!(
        "inputs: {count}\nseed: {seed}\ncut at least once (of {} sampled): {}\ndifferences: {}",
        count.div_ceil(8),
        cut.load(Ordering::Relaxed),
        usize::from(failed.load(Ordering::Relaxed))
    );
    if failed.load(Ordering::Relaxed) {
        std::process::exit(1);
    }
}
