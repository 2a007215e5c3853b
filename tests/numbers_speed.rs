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
    let text = TEXT.repeat(200);
    // warm-up
    let s = seg.segment(&text);
    let _ = rec.recognise(&text, &s);
    let t0 = Instant::now();
    let mut n = 0;
    for _ in 0..5 {
        n += seg.segment(&text).tokens.len();
    }
    let t_seg = t0.elapsed();
    let segs = seg.segment(&text);
    let t1 = Instant::now();
    let mut q = 0;
    for _ in 0..5 {
        q += rec.recognise(&text, &segs).len();
    }
    let t_num = t1.elapsed();
    let ratio = t_num.as_secs_f64() / t_seg.as_secs_f64();
    println!(
        "segment: {t_seg:?} ({n} tokens), quantities: {t_num:?} ({q} found), ratio {ratio:.2}"
    );
}
