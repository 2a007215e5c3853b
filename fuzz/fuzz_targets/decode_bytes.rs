//! Arbitrary bytes → decode → whole pipeline: no panic, every invariant holds.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

include!("check.rs");

static PIPELINE: OnceLock<aussage::Pipeline> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let pipeline = PIPELINE.get_or_init(|| aussage::Pipeline::new().expect("pipeline"));
    if let Ok(doc) = aussage::Document::from_vec("fuzz", data.to_vec()) {
        check_record(pipeline, &doc);
    }
});
