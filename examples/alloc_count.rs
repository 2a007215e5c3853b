//! Heap allocations per stage over a folder of articles: how many, and how many
//! bytes, for one pass of each stage and of the whole pipeline (with JSON).
//!
//! Why: after the stages' own work, malloc and free were the next cost of a run;
//! this counts them without a profiler, to find the stage to mend and to check a
//! change (the counts are exact, unlike timings on a busy machine).
//! `cargo run --release --example alloc_count -- target/corpus-articles`

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use aussage::output::{serialize, Format};
use aussage::{Document, Pipeline, Stages};

#[path = "common/corpus.rs"]
mod corpus;

/// The system allocator, counting calls and requested bytes.
struct Counting;
static CALLS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on unchanged to the system allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        CALLS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size(), Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        CALLS.fetch_add(1, Relaxed);
        BYTES.fetch_add(new_size, Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn count(name: &str, pass: impl FnOnce()) {
    let (calls, bytes) = (CALLS.load(Relaxed), BYTES.load(Relaxed));
    pass();
    println!(
        "{name:<14} {:>8} allocations {:>8} KB",
        CALLS.load(Relaxed) - calls,
        (BYTES.load(Relaxed) - bytes) / 1024
    );
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/corpus-articles".into());
    let texts = corpus::texts(std::path::Path::new(&dir));
    if texts.is_empty() {
        eprintln!("no texts under {dir}");
        return;
    }
    let p = Pipeline::new().expect("built-in lexicons load");
    let segs: Vec<_> = texts.iter().map(|t| p.segmenter().segment(t)).collect();
    let ents: Vec<_> = texts
        .iter()
        .zip(&segs)
        .map(|(t, s)| p.entities().recognise(t, s))
        .collect();
    let qs: Vec<_> = texts
        .iter()
        .zip(&segs)
        .map(|(t, s)| p.numbers().recognise(t, s))
        .collect();
    let docs: Vec<Document> = texts
        .iter()
        .map(|t| Document::from_text("d", t.clone()))
        .collect();
    println!("{} texts", texts.len());
    count("segment", || {
        texts.iter().for_each(|t| drop(p.segmenter().segment(t)))
    });
    count("quantities", || {
        for (t, s) in texts.iter().zip(&segs) {
            drop(p.numbers().recognise(t, s));
        }
    });
    count("entities", || {
        for (t, s) in texts.iter().zip(&segs) {
            drop(p.entities().recognise(t, s));
        }
    });
    count("claims", || {
        for i in 0..texts.len() {
            drop(p.claims().attribute(&texts[i], &segs[i], &ents[i], &qs[i]));
        }
    });
    count("pipeline", || {
        docs.iter().for_each(|d| drop(p.process(d, Stages::ALL)))
    });
    count("pipeline_json", || {
        for d in &docs {
            drop(serialize(&p.process(d, Stages::ALL), Format::Jsonl));
        }
    });
}
