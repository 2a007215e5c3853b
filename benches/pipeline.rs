//! Throughput of every stage and of the whole pipeline on real German news.
//!
//! Input: the per-article folder written by `../shared/corpus/build.py` (1,350
//! articles, about 2.7 MB). Set `AUSSAGE_CORPUS=DIR` or build it into
//! `target/corpus-articles` (`scripts/bench.sh` does both); without it the bench
//! says so and measures nothing.
//!
//! Groups (throughput in bytes of text, one thread, in-process):
//! - `baseline_split_json`: a minimal split on ". " plus JSON of the sentences, the
//!   floor the whole pipeline is compared with;
//! - `segment`: tokens and sentences;
//! - `quantities`, `entities`, `claims`: each stage alone on a ready segmentation;
//! - `pipeline_json`: every stage plus the record as JSONL bytes;
//! - `startup`: building the pipeline (`Pipeline::new()`).

use std::path::PathBuf;

use aussage::output::{serialize, Format};
use aussage::{Document, Pipeline, Stages};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

#[path = "../examples/common/corpus.rs"]
mod corpus;

fn corpus() -> Option<Vec<String>> {
    let dir = std::env::var_os("AUSSAGE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/corpus-articles"));
    let texts = corpus::texts(&dir);
    (!texts.is_empty()).then_some(texts)
}

fn benches(c: &mut Criterion) {
    let Some(texts) = corpus() else {
        eprintln!(
            "no corpus: set AUSSAGE_CORPUS or run `python3 ../shared/corpus/build.py --mirror ../shared/corpus --out target/corpus-articles` (scripts/bench.sh does it); nothing measured"
        );
        return;
    };
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let pipeline = Pipeline::new().expect("pipeline builds");
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Document::from_text(format!("doc{i}"), t.clone()))
        .collect();
    // Warm-up outside the timings (lazy tables, page cache).
    for d in &docs {
        black_box(pipeline.process(d, Stages::ALL));
    }
    let segs: Vec<_> = texts
        .iter()
        .map(|t| pipeline.segmenter().segment(t))
        .collect();

    let mut g = c.benchmark_group("news");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);

    g.bench_function("baseline_split_json", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(1 << 16);
            for t in &texts {
                let sentences: Vec<&str> = t.split_inclusive(". ").collect();
                serde_json::to_writer(&mut out, &sentences).unwrap();
                out.push(b'\n');
            }
            black_box(out.len())
        })
    });
    g.bench_function("segment", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| pipeline.segmenter().segment(t).tokens.len())
                .sum::<usize>()
        })
    });
    g.bench_function("quantities", |b| {
        b.iter(|| {
            texts
                .iter()
                .zip(&segs)
                .map(|(t, s)| pipeline.numbers().recognise(t, s).len())
                .sum::<usize>()
        })
    });
    g.bench_function("entities", |b| {
        b.iter(|| {
            texts
                .iter()
                .zip(&segs)
                .map(|(t, s)| pipeline.entities().recognise(t, s).len())
                .sum::<usize>()
        })
    });
    let stage_outputs: Vec<_> = texts
        .iter()
        .zip(&segs)
        .map(|(t, s)| {
            (
                pipeline.entities().recognise(t, s),
                pipeline.numbers().recognise(t, s),
            )
        })
        .collect();
    g.bench_function("claims", |b| {
        b.iter(|| {
            texts
                .iter()
                .zip(&segs)
                .zip(&stage_outputs)
                .map(|((t, s), (e, q))| pipeline.claims().attribute(t, s, e, q).len())
                .sum::<usize>()
        })
    });
    g.bench_function("pipeline_json", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| {
                    serialize(&pipeline.process(d, Stages::ALL), Format::Jsonl)
                        .bytes
                        .len()
                })
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("startup");
    g.sample_size(20);
    g.bench_function("pipeline_new", |b| b.iter(|| Pipeline::new().unwrap()));
    g.finish();
}

criterion_group!(all, benches);
criterion_main!(all);
