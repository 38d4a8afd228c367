//! The floors ike's benchmark rows stand on, measured on the same vault by
//! `bench/compare.sh` (docs/performance.md, "Floors"):
//!
//! - `floor walk DIR`: discovery alone, exactly as ike walks (gitignore rules, hidden
//!   files, a `stat` of every note): what every run, cached or not, pays first;
//! - `floor parse DIR`: discovery, then every note read and run through a bare
//!   pulldown-cmark event pass with ike's options, on all cores, and nothing else: what an
//!   uncached run pays at the least for parsing CommonMark exactly.
//!
//! Each prints one count, so that the work cannot be optimised away.

use ike::vault::{DiscoverOptions, discover};
use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(mode), Some(dir)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: floor walk|parse DIR");
        std::process::exit(2);
    };
    let mut opts = DiscoverOptions::default();
    opts.own_outputs.push(Path::new(dir).join(".ike"));
    let found = discover(Path::new(dir), &opts);
    match mode.as_str() {
        "walk" => println!("files: {}", found.files.len()),
        "parse" => {
            let mut md = Options::empty();
            md.insert(Options::ENABLE_TABLES);
            md.insert(Options::ENABLE_STRIKETHROUGH);
            let events: usize = found
                .files
                .par_iter()
                .map_init(Vec::new, |buf, file| {
                    if ike::vault::read_into(&file.path, found.read_limit, buf).is_err() {
                        return 0;
                    }
                    let text = String::from_utf8_lossy(buf);
                    Parser::new_ext(&text, md).count()
                })
                .sum();
            println!("events: {events}");
        }
        other => {
            eprintln!("floor: unknown mode {other}");
            std::process::exit(2);
        }
    }
}
