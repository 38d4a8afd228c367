//! Criterion micro-benchmarks of the parse stage: `ike::parse::parse_document` over notes
//! made by the gen-vault example (same generator, same seed, so the inputs are stable),
//! next to a bare pulldown-cmark pass over the same bytes, the floor the parser stands on.
//!
//! Run: `cargo bench --bench parse` (add `-- --quick` for a fast look).

// Built as a test (`cargo clippy --tests`), this harness-less bench still sees the
// generator's `#[cfg(test)]` modules, whose tests only run with the example.
#![cfg_attr(test, allow(dead_code, unused_imports))]

// The bench uses only the bytes of the generated notes, not the generator's counts.
#[allow(dead_code)]
#[path = "../examples/gen_vault/doc.rs"]
mod doc;
#[path = "../examples/gen_vault/rng.rs"]
mod rng;
#[path = "../examples/gen_vault/words.rs"]
mod words;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ike::parse::{ParseOptions, parse_document};
use pulldown_cmark::{Options, Parser};
use std::hint::black_box;

const SEED: u64 = 1;

/// A named set of generated notes.
struct Corpus {
    name: &'static str,
    docs: Vec<(String, Vec<u8>)>,
}

impl Corpus {
    fn new(name: &'static str, indices: impl Iterator<Item = u64>) -> Self {
        let docs = indices
            .map(|i| (format!("note-{i}.md"), doc::generate(SEED, i).bytes))
            .collect();
        Self { name, docs }
    }

    fn bytes(&self) -> u64 {
        self.docs.iter().map(|(_, b)| b.len() as u64).sum()
    }
}

fn corpora() -> Vec<Corpus> {
    vec![
        // The first 200 notes of a vault: the real mix of sizes, syntaxes, CRLF and BOM.
        Corpus::new(
            "mix-200",
            (0..200).filter(|i| i % doc::HUGE_EVERY != doc::HUGE_PHASE),
        ),
        // One ~10,000-line note.
        Corpus::new("huge", std::iter::once(doc::HUGE_PHASE)),
    ]
}

fn parse(c: &mut Criterion) {
    let opts = ParseOptions::default();
    let mut group = c.benchmark_group("parse");
    for corpus in corpora() {
        group.throughput(Throughput::Bytes(corpus.bytes()));
        group.bench_with_input(
            BenchmarkId::new("parse_document", corpus.name),
            &corpus,
            |b, corpus| {
                b.iter(|| {
                    for (path, bytes) in &corpus.docs {
                        black_box(parse_document(path, black_box(bytes), &opts));
                    }
                });
            },
        );
        group.bench_with_input(
            BenchmarkId::new("pulldown_cmark_events", corpus.name),
            &corpus,
            |b, corpus| {
                let mut md = Options::empty();
                md.insert(Options::ENABLE_TABLES);
                md.insert(Options::ENABLE_STRIKETHROUGH);
                let texts: Vec<&str> = corpus
                    .docs
                    .iter()
                    .map(|(_, bytes)| std::str::from_utf8(bytes).unwrap_or_default())
                    .collect();
                b.iter(|| {
                    for text in &texts {
                        black_box(
                            Parser::new_ext(black_box(text), md)
                                .into_offset_iter()
                                .count(),
                        );
                    }
                });
            },
        );
    }
    group.finish();
}

/// 8 MiB of one pattern: `prefix` then `unit` repeated.
fn hostile(prefix: &str, unit: &str) -> Vec<u8> {
    let mut text = String::from(prefix);
    while text.len() + unit.len() <= 8 << 20 {
        text.push_str(unit);
    }
    text.into_bytes()
}

/// `prefix`, then `unit(0)`, `unit(1)`, … up to 8 MiB: every unit different.
fn hostile_numbered(prefix: &str, unit: impl Fn(usize) -> String) -> Vec<u8> {
    let mut text = String::from(prefix);
    for i in 0.. {
        let next = unit(i);
        if text.len() + next.len() > 8 << 20 {
            break;
        }
        text.push_str(&next);
    }
    text.into_bytes()
}

/// Whole files built to be slow: each must parse in well under a second (release).
fn hostile_files(c: &mut Criterion) {
    let opts = ParseOptions::default();
    let mut group = c.benchmark_group("hostile-8mib");
    group.sample_size(10);
    let files = [
        // One task line of fields, each a duplicate to report.
        (
            "one-line-of-fields",
            hostile("- [ ] ", "w [due:: 2026-11-20] #t "),
        ),
        // One task line of Dataview fields that never close.
        ("one-line-unclosed-fields", hostile("- [ ] ", "[due:: [x ")),
        // One task line of code spans between signifiers.
        ("one-line-code-spans", hostile("- [ ] ", "`a` 📅 x ")),
        // One task line of different tags, then of different people: each kept once.
        (
            "one-line-of-tags",
            hostile_numbered("- [ ] ", |i| format!("#t{i} ")),
        ),
        (
            "one-line-of-people",
            hostile_numbered("- [ ] ", |i| format!("@p{i} ")),
        ),
        // One task line of invalid values, each its own error.
        (
            "one-line-of-invalid-values",
            hostile_numbered("- [ ] ", |i| format!("[due:: x{i}] ")),
        ),
        // A million and more empty tasks.
        ("empty-tasks", hostile("", "- [ ]\n")),
        // Lone CR line endings (parsed through an LF copy).
        ("lone-cr-tasks", hostile("", "- [ ] a 📅 2026-11-20\r")),
    ];
    for (name, bytes) in &files {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("parse_document", name),
            bytes,
            |b, bytes| {
                b.iter(|| black_box(parse_document("hostile.md", black_box(bytes), &opts)));
            },
        );
    }
    group.finish();
}

criterion_group!(benches, parse, hostile_files);
criterion_main!(benches);
