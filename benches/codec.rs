//! The cache's hand-written document codec side by side with serde derives + postcard
//! (`codec/derived.rs`), on the documents of whole vaults: encode, full decode, the
//! digest's reduced decode, and the bytes each writes. The derived codec has no reduced
//! decode; `decode-digest-bound/postcard` decodes documents that already lack what the
//! digest leaves out, a floor that a reduced postcard decode could not beat. The figures and the decision they
//! led to are in docs/decisions/0041-cache-codec.md.
//!
//! ```text
//! cargo run --release --example gen-vault -- /tmp/codec-d10k --files 10000 --seed 1
//! cargo run --release --example gen-vault -- /tmp/codec-r10k --files 10000 --seed 1 --profile real
//! IKE_CODEC_VAULTS=/tmp/codec-d10k:/tmp/codec-r10k cargo bench --bench codec
//! ```
//!
//! Without `IKE_CODEC_VAULTS` it measures the demo vault of `fixtures/demo`. Each vault's
//! document count, bytes and every document's round trip through both codecs are checked
//! and printed before the timings.

#[path = "codec/derived.rs"]
mod derived;

use criterion::{Criterion, criterion_group, criterion_main};
use ike::model::Document;
use ike::parse::ParseOptions;
use ike::vault::{Detail, DiscoverOptions, Request, decode_document, encode_document};
use std::hint::black_box;
use std::path::{Path, PathBuf};

/// One vault's documents, encoded both ways.
struct Corpus {
    name: String,
    docs: Vec<Document>,
    hand: Vec<Vec<u8>>,
    derived: Vec<Vec<u8>>,
    /// postcard's encoding of each document without what the digest's decode leaves
    /// out: decoding it bounds from below what a reduced postcard decode could cost.
    derived_light: Vec<Vec<u8>>,
}

impl Corpus {
    fn load(dir: &Path) -> Corpus {
        let discover = DiscoverOptions::default();
        let parse = ParseOptions::default();
        let docs = Request::new(dir, &discover, &parse).all().items;
        let encoded = |docs: &[Document], encode: fn(&Document, &mut Vec<u8>) -> bool| {
            docs.iter()
                .map(|doc| {
                    let mut out = Vec::new();
                    assert!(encode(doc, &mut out), "{} is encoded", doc.path);
                    out
                })
                .collect::<Vec<_>>()
        };
        let hand = encoded(&docs, encode_document);
        let derived = encoded(&docs, derived::encode);
        let light: Vec<Document> = docs.iter().map(digest_view).collect();
        let derived_light = encoded(&light, derived::encode);
        for ((doc, hand), derived) in docs.iter().zip(&hand).zip(&derived) {
            let back = decode_document(&doc.path, hand, Detail::Full);
            assert_eq!(back.as_ref(), Some(doc), "{}: hand-written", doc.path);
            let back = derived::decode(&doc.path, derived);
            assert_eq!(back.as_ref(), Some(doc), "{}: postcard", doc.path);
            let back = decode_document(&doc.path, hand, Detail::Digest);
            assert_eq!(back, Some(digest_view(doc)), "{}: digest detail", doc.path);
        }
        let name = dir
            .file_name()
            .map_or_else(|| dir.display().to_string(), |n| n.to_string_lossy().into());
        Corpus {
            name,
            docs,
            hand,
            derived,
            derived_light,
        }
    }

    fn report(&self) {
        let bytes = |v: &[Vec<u8>]| v.iter().map(Vec::len).sum::<usize>();
        let (hand, derived) = (bytes(&self.hand), bytes(&self.derived));
        let tasks: usize = self.docs.iter().map(|d| d.tasks.len()).sum();
        eprintln!(
            "{}: {} documents, {tasks} tasks; encoded bytes: hand-written {hand}, \
             postcard {derived} ({:.2}×)",
            self.name,
            self.docs.len(),
            derived as f64 / hand.max(1) as f64,
        );
    }
}

/// `doc` as the digest's reduced decode gives it: no metadata tokens, and no recurrence,
/// on-completion or project values.
fn digest_view(doc: &Document) -> Document {
    let mut light = doc.clone();
    for task in &mut light.tasks {
        task.fields = Box::default();
        let m = std::sync::Arc::make_mut(&mut task.meta);
        (m.recurrence, m.on_completion, m.project) = (None, None, None);
    }
    let m = &mut light.defaults;
    (m.recurrence, m.on_completion, m.project) = (None, None, None);
    light
}

fn corpora() -> Vec<Corpus> {
    let dirs: Vec<PathBuf> = match std::env::var_os("IKE_CODEC_VAULTS") {
        Some(list) => std::env::split_paths(&list).collect(),
        None => vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo")],
    };
    dirs.iter().map(|d| Corpus::load(d)).collect()
}

fn codec(c: &mut Criterion) {
    for corpus in corpora() {
        corpus.report();
        let mut group = c.benchmark_group(format!("codec/{}", corpus.name));
        group.sample_size(30);
        group.bench_function("encode/hand", |b| {
            let mut out = Vec::new();
            b.iter(|| {
                for doc in &corpus.docs {
                    out.clear();
                    black_box(encode_document(doc, &mut out));
                }
            });
        });
        group.bench_function("encode/postcard", |b| {
            let mut out = Vec::new();
            b.iter(|| {
                for doc in &corpus.docs {
                    out.clear();
                    black_box(derived::encode(doc, &mut out));
                }
            });
        });
        let paths: Vec<&str> = corpus.docs.iter().map(|d| d.path.as_str()).collect();
        for (what, detail) in [("full", Detail::Full), ("digest", Detail::Digest)] {
            group.bench_function(format!("decode-{what}/hand"), |b| {
                b.iter(|| {
                    for (path, bytes) in paths.iter().zip(&corpus.hand) {
                        black_box(decode_document(path, bytes, detail));
                    }
                });
            });
        }
        group.bench_function("decode-full/postcard", |b| {
            b.iter(|| {
                for (path, bytes) in paths.iter().zip(&corpus.derived) {
                    black_box(derived::decode(path, bytes));
                }
            });
        });
        // No reduced decode: the bound is a full decode of bytes that hold less.
        group.bench_function("decode-digest-bound/postcard", |b| {
            b.iter(|| {
                for (path, bytes) in paths.iter().zip(&corpus.derived_light) {
                    black_box(derived::decode(path, bytes));
                }
            });
        });
        group.finish();
    }
}

criterion_group!(benches, codec);
criterion_main!(benches);
