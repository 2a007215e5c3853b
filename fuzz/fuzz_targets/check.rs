// The invariants every record must keep, shared by the fuzz targets (included with
// `include!` so each target stays one file for cargo-fuzz).

fn check_record(pipeline: &aussage::Pipeline, doc: &aussage::Document) {
    let mut stages = aussage::Stages::ALL;
    stages.tokens = true;
    check_spans(&pipeline.process(doc, stages), doc);
}

/// The same document cut into chunks of `chunk_bytes` (see `aussage::chunked`),
/// their records joined: the same invariants must hold.
#[allow(dead_code)] // not every target that includes this file uses it
fn check_chunked(pipeline: &aussage::Pipeline, doc: &aussage::Document, chunk_bytes: usize) {
    let mut stages = aussage::Stages::ALL;
    stages.tokens = true;
    let joined = aussage::chunked::ChunkRecords::new(pipeline, doc, stages, None, chunk_bytes)
        .join()
        .expect("chunks processed");
    check_spans(&joined, doc);
}

fn check_spans(record: &aussage::Record, doc: &aussage::Document) {
    let text = &doc.text;
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let slice = |s: usize, e: usize| -> String { chars[s..e].iter().collect() };
    let check = |s: usize, e: usize, t: &str, what: &str| {
        assert!(s <= e && e <= n, "{what}: span {s}..{e} outside text of {n} chars");
        assert_eq!(slice(s, e), t, "{what}: text is not its slice");
    };
    let mut covered = vec![false; n];
    let mut last = 0;
    for s in record.sentences.iter().flatten() {
        check(s.start, s.end, &s.text, "sentence");
        assert!(s.start >= last, "sentences overlap or are out of order");
        last = s.end;
        for c in covered.iter_mut().take(s.end).skip(s.start) {
            *c = true;
        }
    }
    for (i, c) in chars.iter().enumerate() {
        let blank = aussage::segment::is_blank(*c);
        assert!(blank || covered[i], "non-blank {c:?} at {i} outside every sentence");
    }
    for t in record.tokens.iter().flatten() {
        check(t.start, t.end, &t.text, "token");
    }
    for e in record.entities.iter().flatten() {
        check(e.start, e.end, &e.text, "entity");
    }
    for q in record.quantities.iter().flatten() {
        check(q.start, q.end, &q.text, "quantity");
        for v in [q.value, q.min, q.max, q.part, q.whole].into_iter().flatten() {
            assert!(v.is_finite(), "quantity value must be finite");
        }
    }
    for c in record.claims.iter().flatten() {
        check(c.content.start, c.content.end, &c.content.text, "claim content");
        if let Some(s) = &c.speaker {
            check(s.start, s.end, &s.text, "speaker");
        }
        if let Some(s) = &c.cue {
            check(s.start, s.end, &s.text, "cue");
        }
        if let Some(s) = &c.addressee {
            check(s.start, s.end, &s.text, "addressee");
        }
    }
    let json = serde_json::to_string(record).expect("record serialises");
    let back: serde_json::Value = serde_json::from_str(&json).expect("output is valid JSON");
    assert_eq!(back["schema"], "aussage.v1");
    // The hand-written JSONL writer gives serde_json's bytes.
    let compact = aussage::output::serialize(record, aussage::output::Format::Jsonl);
    assert_eq!(
        std::str::from_utf8(&compact.bytes).expect("UTF-8"),
        json,
        "compact JSON differs from serde_json"
    );
}
