//! Where start-up time goes: builds each stage's tables on its own and prints the
//! time (issue 7 wants one 3 KB article through the CLI in under 10 ms).
//! `cargo run --profile eval --example startup_parts`
use std::time::Instant;

use aussage::lexicon::Lexicons;

fn time<T>(name: &str, f: impl Fn() -> T) {
    let mut best = f64::MAX;
    for _ in 0..20 {
        let t = Instant::now();
        std::hint::black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!("{name:<12} {:>6.2} ms (best of 20)", best * 1000.0);
}

fn main() {
    let lex = Lexicons::default();
    time("segmenter", || {
        aussage::segment::Segmenter::new(&lex).unwrap()
    });
    time("numbers", || {
        aussage::numbers::Recogniser::new(&lex).unwrap()
    });
    time("entities", || {
        aussage::entities::Recogniser::new(&lex).unwrap()
    });
    time("claims", || aussage::claims::Attributor::new(&lex).unwrap());
    time("pipeline", || aussage::Pipeline::new().unwrap());
}
