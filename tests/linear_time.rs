//! Linear time on adversarial text: processing 4n bytes must not take much more
//! than 4 times as long as n bytes (a quadratic stage would take 16 times).
//! Sizes are small so the suite stays fast; the benchmark measures real sizes.

use std::time::{Duration, Instant};

use aussage::{Document, Pipeline, Stages};

/// The adversarial shapes: (name, a unit that is repeated to reach a size).
const SHAPES: &[(&str, &str)] = &[
    (
        "one long line of news",
        "Der Minister sagte am 3. Oktober, die Kosten lägen bei 40 Milliarden Euro. ",
    ),
    ("no spaces at all", "abcdefghijklmnopqrstuvwxyzäöü"),
    ("nested quotes and brackets", "„(»‚[\"«"),
    ("unbalanced closers", "“)«‘]\"»"),
    ("numbers in a row", "1.234 56,7 89 3. 4, "),
    ("newlines only", "\n"),
    ("dots and abbreviations", "z. B. Dr. ... . . 1. u. a. "),
    (
        "quote marks around speech verbs",
        "„Ja“, sagte er. „Nein“, sagte sie, ",
    ),
];

fn best_time(pipeline: &Pipeline, text: &str) -> Duration {
    let doc = Document::from_text("t", text);
    (0..3)
        .map(|_| {
            let t = Instant::now();
            let rec = pipeline.process(&doc, Stages::ALL);
            std::hint::black_box(rec);
            t.elapsed()
        })
        .min()
        .unwrap()
}

fn sized(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len() + 1)
}

#[test]
fn four_times_the_text_takes_about_four_times_as_long() {
    let pipeline = Pipeline::new().unwrap();
    let n = 100_000;
    for (name, unit) in SHAPES {
        // On a busy machine one measurement can be off by a lot; a quadratic stage
        // (×16) stays above the limit on every attempt, noise does not.
        let (mut small, mut large, mut ratio) = (Duration::ZERO, Duration::ZERO, f64::MAX);
        for _ in 0..3 {
            small = best_time(&pipeline, &sized(unit, n));
            large = best_time(&pipeline, &sized(unit, 4 * n));
            // Floor the small time so that timer noise on a very fast shape cannot fail it.
            let floor = small.max(Duration::from_millis(2));
            ratio = large.as_secs_f64() / floor.as_secs_f64();
            eprintln!("{name}: ×{ratio:.1}");
            if ratio < 9.0 {
                break;
            }
        }
        assert!(
            ratio < 9.0,
            "help: '{name}' looks superlinear: {n} bytes {small:?}, {} bytes {large:?} (×{ratio:.1})",
            4 * n
        );
    }
}
