//! Timing of the quantity stage against segmentation (run by hand:
//! `cargo test --profile eval --test numbers_speed -- --ignored --nocapture`).
//! The brief: recognising quantities adds at most ~30% to sentence splitting + tokens.

use std::time::Instant;

use aussage::lexicon::Lexicons;
use aussage::numbers::Recogniser;
use aussage::segment::Segmenter;

const TEXT: &str = include_str!("../seeds/000_4700e5317d1ffa80.txt");

#[test]
#[ignore]
fn quantities_cost_against_segmentation() {
    let seg = Segmenter::new(&Lexicons::default()).unwrap();
    let rec = Recogniser::new(&Lexicons::default()).unwrap();
    // AUSSAGE_BENCH_TEXT=file.txt measures on other text (e.g. a news sample)
    let text = match std::env::var("AUSSAGE_BENCH_TEXT") {
        Ok(p) => std::fs::read_to_string(p).unwrap(),
        Err(_) => TEXT.repeat(200),
    };
    // warm-up
    let s = seg.segment(&text);
    let _ = rec.recognise(&text, &s);
    // interleaved rounds, best of each, against noise on a shared machine
    let (mut t_seg, mut t_num) = (std::time::Duration::MAX, std::time::Duration::MAX);
    let (mut n, mut q) = (0, 0);
    for _ in 0..7 {
        let t0 = Instant::now();
        let segs = seg.segment(&text);
        t_seg = t_seg.min(t0.elapsed());
        n = segs.tokens.len();
        let t1 = Instant::now();
        q = rec.recognise(&text, &segs).len();
        t_num = t_num.min(t1.elapsed());
    }
    let ratio = t_num.as_secs_f64() / t_seg.as_secs_f64();
    println!(
        "segment: {t_seg:?} ({n} tokens), quantities: {t_num:?} ({q} found), ratio {ratio:.2}"
    );
}
