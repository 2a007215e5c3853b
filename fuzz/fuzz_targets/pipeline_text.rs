//! German-like text → whole pipeline. The fuzzer's bytes choose words from a
//! vocabulary of news German (numbers, quotes, abbreviations, names, cue verbs),
//! so it reaches deep into the rules faster than random characters would.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

include!("check.rs");

static PIPELINE: OnceLock<aussage::Pipeline> = OnceLock::new();

const VOCAB: &[&str] = &[
    "Die", "der", "Bundesregierung", "sagte", "erklärte", ",", ".", "„", "“", "»", "«", "\"", ":", "–",
    "z. B.", "Dr.", "Mio.", "Mrd.", "3.", "1.000", "3,5", "%", "Prozent", "Euro", "US-Dollar",
    "40", "Milliarden", "rund", "mehr als", "bis zu", "zwischen", "und", "bis", "26 der 35 Staaten",
    "Emmanuel Macron", "Putin", "Putins", "Ukraine-Krieg", "US-Präsident", "russischen", "Europäer",
    "laut", "zufolge", "nach Angaben", "habe", "sei", "werde", "dass", "ob", "nicht", "möglicherweise",
    "soll", "\n", "\n\n", "(", ")", "…", "14.30 Uhr", "3. Oktober 2025", "vor sechzehn Tagen",
    "zweieinhalb", "Hälfte", "77-Jährige", "km", "Tonnen", "Kanzler", "Sprecherin", "er", "sie",
    "forderte", "drohte", "kündigte", "an", "Berlin", "Paris", "Nato", "EU", "Taurus", "?", "!",
];

fuzz_target!(|data: &[u8]| {
    let pipeline = PIPELINE.get_or_init(|| aussage::Pipeline::new().expect("pipeline"));
    let mut text = String::new();
    for pair in data.chunks(2) {
        let word = VOCAB[pair[0] as usize % VOCAB.len()];
        text.push_str(word);
        match pair.get(1).map(|b| b % 8) {
            Some(0) => {}
            Some(1) => text.push('\u{a0}'),
            Some(2) => text.push_str(std::str::from_utf8(&pair[1..2]).unwrap_or("x")),
            _ => text.push(' '),
        }
    }
    let doc = aussage::Document::from_text("fuzz", text);
    check_record(pipeline, &doc);
    // Long inputs also go through the chunked path, cut small.
    if doc.text.len() > 600 {
        let chunk = 520 + usize::from(data[0]) * 4;
        check_chunked(pipeline, &doc, chunk);
    }
});
