//! Throughput of `Segmenter::segment` (sentences plus tokens) on one thread.
//!
//! Reads every `*.txt` below the folder given as argument, segments each text five
//! times and prints MB/s. Build the article folder first:
//! `python3 ../shared/corpus/build.py --mirror ../shared/corpus --out /tmp/corpus-articles`,
//! then `cargo run --profile eval --example segment_speed -- /tmp/corpus-articles`.

use std::path::Path;
use std::time::Instant;

use aussage::segment::Segmenter;

fn collect(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt") {
            if let Ok(text) = std::fs::read_to_string(&p) {
                out.push(text);
            }
        }
    }
}

/// CPU time of this process in seconds (user + system, from `/proc/self/stat`;
/// `None` off Linux). On a shared machine this is fairer than wall time.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0) // USER_HZ is 100 on Linux
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/corpus-articles".into());
    let mut texts = Vec::new();
    collect(Path::new(&dir), &mut texts);
    let bytes: usize = texts.iter().map(String::len).sum();
    let seg = Segmenter::new(&Default::default()).expect("built-in lexicons load");
    // Warm-up pass, also the counts a fast wrong answer would change.
    let (mut sentences, mut tokens) = (0, 0);
    for t in &texts {
        let s = seg.segment(t);
        sentences += s.sentences.len();
        tokens += s.tokens.len();
    }
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let cpu_start = cpu_seconds();
    let start = Instant::now();
    for _ in 0..rounds {
        for t in &texts {
            std::hint::black_box(seg.segment(t));
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu_start).map(|(b, a)| b - a);
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "{} texts, {:.2} MB, {sentences} sentences, {tokens} tokens: {:.1} MB/s wall ({:.3} s for {rounds} rounds)",
        texts.len(),
        bytes as f64 / 1e6,
        mb / secs,
        secs
    );
    if let Some(cpu) = cpu.filter(|&c| c > 0.0) {
        println!("{:.1} MB/s of CPU time ({cpu:.2} s)", mb / cpu);
    }
}
