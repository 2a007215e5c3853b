//! Quick per-stage throughput on one thread, for working on a stage's speed
//! (the criterion bench in `benches/pipeline.rs` is the measurement of record).
//!
//! Reads every `*.txt` below the folder given as argument, runs each stage over all
//! texts `ROUNDS` times (default 5) and prints MB/s by CPU time (fair on a shared
//! machine) and by wall time, plus the counts a fast wrong answer would change.
//! `cargo run --profile eval --example stage_speed -- target/corpus-articles [ROUNDS] [STAGES]`
//! (STAGES: a comma list such as `segment,quantities` to measure only those, e.g. under perf)
//! (build the folder with `python3 ../shared/corpus/build.py --mirror
//! ../shared/corpus --out target/corpus-articles`).

use std::path::Path;
use std::time::Instant;

use aussage::output::{serialize, Format};
use aussage::{Document, Pipeline, Stages};

#[path = "common/corpus.rs"]
mod corpus;

/// CPU time of this process in seconds (user + system, from `/proc/self/stat`).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn measure(name: &str, bytes: usize, rounds: usize, mut f: impl FnMut() -> usize) {
    // an optional third argument names the stages to measure ("quantities,segment")
    if let Some(only) = std::env::args().nth(3) {
        if !only.split(',').any(|s| s == name) {
            return;
        }
    }
    let count = f(); // warm-up
    let (cpu0, wall0) = (cpu_seconds(), Instant::now());
    for _ in 0..rounds {
        std::hint::black_box(f());
    }
    let wall = wall0.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu0).map(|(a, b)| a - b).unwrap_or(wall);
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "{name:<14} {:>8.1} MB/s cpu {:>8.1} MB/s wall  {:>7.1} ms/pass  count {count}",
        mb / cpu.max(1e-9),
        mb / wall.max(1e-9),
        cpu / rounds as f64 * 1000.0
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .unwrap_or_else(|| "target/corpus-articles".into());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let texts = corpus::texts(Path::new(&dir));
    if texts.is_empty() {
        eprintln!("no *.txt under {dir}");
        return;
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    println!("{} texts, {bytes} bytes, {rounds} rounds", texts.len());
    let t = Instant::now();
    let pipeline = Pipeline::new().expect("built-in lexicons load");
    println!(
        "Pipeline::new  {:.1} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let segs: Vec<_> = texts
        .iter()
        .map(|t| pipeline.segmenter().segment(t))
        .collect();
    let ents: Vec<_> = texts
        .iter()
        .zip(&segs)
        .map(|(t, s)| pipeline.entities().recognise(t, s))
        .collect();
    let qs: Vec<_> = texts
        .iter()
        .zip(&segs)
        .map(|(t, s)| pipeline.numbers().recognise(t, s))
        .collect();
    let docs: Vec<Document> = texts
        .iter()
        .map(|t| Document::from_text("d", t.clone()))
        .collect();

    measure("segment", bytes, rounds, || {
        texts
            .iter()
            .map(|t| pipeline.segmenter().segment(t).tokens.len())
            .sum()
    });
    measure("quantities", bytes, rounds, || {
        texts
            .iter()
            .zip(&segs)
            .map(|(t, s)| pipeline.numbers().recognise(t, s).len())
            .sum()
    });
    measure("entities", bytes, rounds, || {
        texts
            .iter()
            .zip(&segs)
            .map(|(t, s)| pipeline.entities().recognise(t, s).len())
            .sum()
    });
    measure("claims", bytes, rounds, || {
        let mut n = 0;
        for (i, t) in texts.iter().enumerate() {
            n += pipeline
                .claims()
                .attribute(t, &segs[i], &ents[i], &qs[i])
                .len();
        }
        n
    });
    measure("pipeline", bytes, rounds, || {
        docs.iter()
            .map(|d| {
                pipeline
                    .process(d, Stages::ALL)
                    .claims
                    .map_or(0, |c| c.len())
            })
            .sum()
    });
    measure("pipeline_json", bytes, rounds, || {
        docs.iter()
            .map(|d| {
                serialize(&pipeline.process(d, Stages::ALL), Format::Jsonl)
                    .bytes
                    .len()
            })
            .sum()
    });
}
