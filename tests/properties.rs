//! Property tests: any text, every stage, no panic, and the span invariants hold.

mod common;

use aussage::chunked::ChunkRecords;
use aussage::{Document, Pipeline, Stages};
use proptest::prelude::*;

/// Text that looks German-ish: words, umlauts, numbers, quotes, abbreviations,
/// newlines, and some arbitrary characters.
fn german_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Die".to_string()),
        Just("Bundesregierung".to_string()),
        Just("sagte".to_string()),
        Just("„".to_string()),
        Just("“".to_string()),
        Just("»".to_string()),
        Just(".".to_string()),
        Just(",".to_string()),
        Just("z. B.".to_string()),
        Just("Dr.".to_string()),
        Just("3.".to_string()),
        Just("1.000".to_string()),
        Just("3,5 %".to_string()),
        Just("40 Milliarden Euro".to_string()),
        Just("Ukraine-Krieg".to_string()),
        Just("Größe".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("…".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("\u{200B}".to_string()),
        Just("\u{00AD}".to_string()),
        Just("a\u{0308}".to_string()),
        "[a-zA-ZäöüÄÖÜß0-9]{1,8}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec((piece, prop_oneof![Just(" "), Just(""), Just("  ")]), 0..60)
        .prop_map(|v| v.into_iter().map(|(p, s)| format!("{p}{s}")).collect())
}

fn check(pipeline: &Pipeline, text: &str) {
    let doc = Document::from_text("p", text);
    let mut stages = Stages::ALL;
    stages.tokens = true;
    let record = pipeline.process(&doc, stages);
    let value = serde_json::to_value(&record).expect("record serialises");
    common::check_spans(&value, text);
    assert_eq!(record.source.unwrap().chars, text.chars().count());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn spans_are_exact_slices_for_german_like_text(text in german_like()) {
        let pipeline = Pipeline::new().unwrap();
        check(&pipeline, &text);
    }

    #[test]
    fn spans_are_exact_slices_for_any_string(text in any::<String>()) {
        let pipeline = Pipeline::new().unwrap();
        check(&pipeline, &text);
    }

    #[test]
    fn decoding_owned_bytes_equals_decoding_borrowed_ones(
        head in prop_oneof![Just(vec![]), Just(b"\xEF\xBB\xBF".to_vec()), Just(b"\xFF\xFE".to_vec()), Just(b"\xFE\xFF".to_vec())],
        body in prop::collection::vec(any::<u8>(), 0..256),
        text in german_like(),
    ) {
        for bytes in [[head.clone(), body.clone()].concat(), [head.clone(), text.clone().into_bytes()].concat()] {
            let owned = aussage::input::decode::decode_owned(bytes.clone()).map_err(|e| e.to_string());
            let borrowed = aussage::input::decode::decode(&bytes).map_err(|e| e.to_string());
            prop_assert_eq!(owned, borrowed);
        }
    }

    #[test]
    fn decoding_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(doc) = Document::from_bytes("b", &bytes) {
            let pipeline = Pipeline::new().unwrap();
            check(&pipeline, &doc.text);
        }
    }
}

proptest! {
    // Each case runs the pipeline over several chunks: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn chunked_records_keep_the_span_invariants(
        parts in prop::collection::vec(german_like(), 1..6),
        chunk in 520usize..1500,
    ) {
        // Long enough to be cut several times at the small chunk size.
        let text = parts.concat().repeat(3);
        let pipeline = Pipeline::new().unwrap();
        let doc = Document::from_text("c", text.as_str());
        let mut stages = Stages::ALL;
        stages.tokens = true;
        let joined = ChunkRecords::new(&pipeline, &doc, stages, None, chunk)
            .join()
            .expect("chunks processed");
        let value = serde_json::to_value(&joined).expect("record serialises");
        common::check_spans(&value, &text);
        prop_assert_eq!(joined.source.as_ref().unwrap().chars, text.chars().count());
        for (key, prefix) in [("entities", "e"), ("quantities", "q"), ("claims", "c")] {
            for (n, item) in value[key].as_array().into_iter().flatten().enumerate() {
                prop_assert_eq!(item["id"].as_str().unwrap(), format!("{prefix}{}", n + 1));
            }
        }
    }
}

/// Inputs the fuzzers found, kept as regression tests.
#[test]
fn fuzz_regressions() {
    let pipeline = Pipeline::new().unwrap();
    // UTF-16BE with BOM ending in a word joiner (U+2060) after the last sentence:
    // blank, so no sentence must cover it (found by fuzz target decode_bytes).
    let bytes = include_bytes!("../fixtures/fuzz/decode_bytes-word-joiner.bin");
    let doc = Document::from_bytes("f", bytes).expect("decodes as UTF-16BE");
    assert!(doc.text.contains('\u{2060}'));
    check(&pipeline, &doc.text);
    check(&pipeline, "Er kam.\u{2060}\u{2060} Sie ging.\u{2060}");
}
