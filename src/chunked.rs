//! Very large documents in bounded memory.
//!
//! Why: the stages keep working data for the whole document they are given (tokens,
//! the number and claim parsers' token tables): about twenty bytes per byte of text.
//! A 20 MB document would need some 400 MB, and its record, serialised in one piece,
//! another 90 MB. Documents above [`CHUNK_THRESHOLD`] bytes are therefore cut into
//! chunks of about [`CHUNK_BYTES`] at sentence boundaries; each chunk goes through the
//! pipeline on its own, and its record is shifted into the document's coordinates
//! (character offsets, sentence numbers, `e`/`q`/`c` ids) so that the caller can write
//! it out ([`crate::output::SpillWriter`]) and drop it before the next chunk.
//!
//! What a cut loses: nothing inside a sentence (cuts are at sentence ends, found by
//! the segmenter itself). A later mention's link to an earlier full name (`Macron` →
//! `Emmanuel Macron`) and a claim's look back to the previous sentence do not cross
//! a cut. News articles are far below the threshold and never cut.
//!
//! ```text
//! 20 MB text → cuts at ≈1 MiB, 2 MiB, … (sentence starts) → 20 chunk records
//!   chunk k: offsets + chars before it, sentence + sentences before it, e7 → e(7 + entities before it)
//! ```

use crate::error::{Error, ErrorKind};
use crate::record::Record;
use crate::segment::Segmenter;
use crate::text::{ceil_char_boundary, floor_char_boundary};
use crate::{Document, Pipeline, Stages};

/// Documents longer than this (in bytes) are processed in chunks.
pub const CHUNK_THRESHOLD: usize = 2 << 20;
/// The size a chunk aims at (in bytes); a chunk ends at the last sentence start
/// before this size.
pub const CHUNK_BYTES: usize = 1 << 20;
/// How far back from a chunk's aimed end the cut is looked for.
const CUT_WINDOW: usize = 64 << 10;
/// A sentence start this close to the window's end is not trusted as a cut: the
/// segmenter may need the words after it to decide.
const CUT_MARGIN: usize = 256;

/// Whether a text is processed in chunks (it is longer than [`CHUNK_THRESHOLD`]).
pub fn is_large(text: &str) -> bool {
    text.len() > CHUNK_THRESHOLD
}

/// The byte positions where chunks end, in order; the last is `text.len()`.
///
/// Each cut is the start of a sentence (so the sentence before it is whole), or a
/// paragraph break; in text with no sentence end in the last [`CUT_WINDOW`] bytes
/// before the aimed end, a whitespace; in text without whitespace, a char boundary.
pub fn cuts(segmenter: &Segmenter, text: &str, chunk_bytes: usize) -> Vec<usize> {
    let chunk_bytes = chunk_bytes.max(CUT_MARGIN * 2);
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > chunk_bytes {
        let aim = floor_char_boundary(text, start + chunk_bytes);
        let cut = cut_before(segmenter, text, start, aim);
        out.push(cut);
        start = cut;
    }
    out.push(text.len());
    out
}

/// The best cut in `text[from..aim]`, greater than `from`.
fn cut_before(segmenter: &Segmenter, text: &str, from: usize, aim: usize) -> usize {
    let window_start = floor_char_boundary(text, aim.saturating_sub(CUT_WINDOW).max(from));
    let window = &text[window_start..aim];
    // A paragraph break ends a sentence whatever comes after it.
    if let Some(p) = window.rfind("\n\n") {
        if window_start + p + 2 > from {
            return window_start + p + 2;
        }
    }
    // The start of a sentence the segmenter found well inside the window (its first
    // sentence may be the tail of a longer one: never cut there).
    let seg = segmenter.segment(window);
    if let Some(s) = seg
        .sentences
        .iter()
        .skip(1)
        .rev()
        .find(|s| s.start + CUT_MARGIN <= window.len())
    {
        return window_start + s.start;
    }
    if let Some(w) = window.rfind(char::is_whitespace) {
        let after = window_start + w + window[w..].chars().next().map_or(1, char::len_utf8);
        if after > from {
            return after;
        }
    }
    if aim > from {
        aim
    } else {
        // `aim` fell back onto `from` (a char longer than the chunk size cannot
        // happen, but never loop): take the next char boundary.
        ceil_char_boundary(text, from + 1)
    }
}

/// The records of a document's chunks, one at a time, in the document's
/// coordinates. The first carries the document's header (schema, id, meta,
/// source with the whole text's length in chars, warnings); the others only their
/// sections. Created by [`Pipeline::chunks`].
pub struct ChunkRecords<'a> {
    pipeline: &'a Pipeline,
    doc: &'a Document,
    stages: Stages,
    deadline: Option<std::time::Instant>,
    cuts: std::vec::IntoIter<usize>,
    start: usize,
    shift: Shift,
}

/// What the chunks before the current one contributed.
#[derive(Debug, Default, Clone, Copy)]
struct Shift {
    chars: usize,
    sentences: usize,
    entities: usize,
    quantities: usize,
    claims: usize,
}

impl<'a> ChunkRecords<'a> {
    /// The chunk records of `doc` cut at about `chunk_bytes` ([`Pipeline::chunks`]
    /// chooses [`CHUNK_BYTES`] for documents above [`CHUNK_THRESHOLD`]).
    pub fn new(
        pipeline: &'a Pipeline,
        doc: &'a Document,
        stages: Stages,
        deadline: Option<std::time::Instant>,
        chunk_bytes: usize,
    ) -> Self {
        let cuts = cuts(pipeline.segmenter(), &doc.text, chunk_bytes);
        ChunkRecords {
            pipeline,
            doc,
            stages,
            deadline,
            cuts: cuts.into_iter(),
            start: 0,
            shift: Shift::default(),
        }
    }
}

impl ChunkRecords<'_> {
    /// All chunk records joined into the document's one record (the first error
    /// stops it). Holds the whole record: for writing it out piece by piece, take
    /// the chunks one at a time instead.
    pub fn join(self) -> Result<Record, Error> {
        let mut joined: Option<Record> = None;
        for chunk in self {
            let chunk = chunk?;
            match joined.as_mut() {
                None => joined = Some(chunk),
                Some(all) => all.append_sections(chunk),
            }
        }
        joined.ok_or_else(|| Error::document(ErrorKind::Internal, "no chunk was processed"))
    }
}

impl Iterator for ChunkRecords<'_> {
    type Item = Result<Record, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let end = self.cuts.next()?;
        let first = self.start == 0;
        let chunk = Document::from_text(self.doc.id.clone(), &self.doc.text[self.start..end]);
        self.start = end;
        let mut record = match self
            .pipeline
            .process_whole(&chunk, self.stages, self.deadline)
        {
            Ok(r) => r,
            Err(e) => {
                // Stop after the first failure: the caller turns it into the
                // document's error record.
                self.cuts = Vec::new().into_iter();
                return Some(Err(e));
            }
        };
        let chunk_chars = record.source.as_ref().map_or(0, |s| s.chars);
        shift_record(&mut record, self.shift);
        if first {
            record.meta = Some(self.doc.meta.clone());
            record.warnings = Some(self.doc.warnings.clone());
            if let Some(src) = record.source.as_mut() {
                src.encoding = self.doc.encoding.to_string();
                src.bytes = self.doc.bytes;
                src.chars = self.doc.text.chars().count();
            }
        } else {
            record.meta = None;
            record.source = None;
            record.warnings = None;
        }
        fn len<T>(v: &Option<Vec<T>>) -> usize {
            v.as_ref().map_or(0, Vec::len)
        }
        self.shift.chars += chunk_chars;
        self.shift.sentences += len(&record.sentences);
        self.shift.entities += len(&record.entities);
        self.shift.quantities += len(&record.quantities);
        self.shift.claims += len(&record.claims);
        Some(Ok(record))
    }
}

/// Moves a chunk's record into the document's coordinates.
fn shift_record(r: &mut Record, by: Shift) {
    let span = |start: &mut usize, end: &mut usize| {
        *start += by.chars;
        *end += by.chars;
    };
    let parts = |parts: &mut Option<Vec<[usize; 2]>>| {
        for p in parts.iter_mut().flatten() {
            p[0] += by.chars;
            p[1] += by.chars;
        }
    };
    for s in r.sentences.iter_mut().flatten() {
        span(&mut s.start, &mut s.end);
    }
    for t in r.tokens.iter_mut().flatten() {
        span(&mut t.start, &mut t.end);
    }
    for e in r.entities.iter_mut().flatten() {
        span(&mut e.start, &mut e.end);
        e.sentence += by.sentences;
        shift_id(&mut e.id, by.entities);
    }
    for q in r.quantities.iter_mut().flatten() {
        span(&mut q.start, &mut q.end);
        q.sentence += by.sentences;
        shift_id(&mut q.id, by.quantities);
    }
    for c in r.claims.iter_mut().flatten() {
        c.sentence += by.sentences;
        shift_id(&mut c.id, by.claims);
        for who in [c.speaker.as_mut(), c.addressee.as_mut()]
            .into_iter()
            .flatten()
        {
            span(&mut who.start, &mut who.end);
            if let Some(id) = who.entity.as_mut() {
                shift_id(id, by.entities);
            }
        }
        if let Some(cue) = c.cue.as_mut() {
            span(&mut cue.start, &mut cue.end);
            parts(&mut cue.parts);
        }
        span(&mut c.content.start, &mut c.content.end);
        parts(&mut c.content.parts);
        for id in &mut c.entities {
            shift_id(id, by.entities);
        }
        for id in &mut c.quantities {
            shift_id(id, by.quantities);
        }
    }
}

/// `e7` shifted by 10 → `e17` (ids are a letter and a 1-based number).
fn shift_id(id: &mut String, by: usize) {
    if by == 0 {
        return;
    }
    let digits = id.trim_start_matches(|c: char| !c.is_ascii_digit());
    let prefix_len = id.len() - digits.len();
    if let Ok(n) = digits.parse::<usize>() {
        let shifted = format!("{}{}", &id[..prefix_len], n.saturating_add(by));
        *id = shifted;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pipeline() -> Pipeline {
        Pipeline::new().expect("built-in lexicons load")
    }

    #[test]
    fn cuts_fall_on_sentence_starts() {
        let p = pipeline();
        let sentence = "Der Minister sagte am 3. Okt. in Berlin, die Lage sei ernst. ";
        let text = sentence.repeat(200);
        let cuts = cuts(p.segmenter(), &text, 1000);
        assert_eq!(cuts.last(), Some(&text.len()));
        for &c in &cuts[..cuts.len() - 1] {
            assert!(
                text[c..].starts_with("Der Minister"),
                "cut at {c}: {:?}",
                &text[c.saturating_sub(20)..c + 20]
            );
        }
        assert!(cuts.windows(2).all(|w| w[0] < w[1]));
        assert!(cuts.len() >= 12, "{cuts:?}");
    }

    #[test]
    fn text_without_sentences_or_spaces_is_still_cut() {
        let p = pipeline();
        for text in ["ä".repeat(5000), "a b".repeat(2000), "x".repeat(4097)] {
            let cuts = cuts(p.segmenter(), &text, 1000);
            assert_eq!(cuts.last(), Some(&text.len()));
            assert!(cuts.iter().all(|&c| text.is_char_boundary(c)));
            assert!(cuts.windows(2).all(|w| w[0] < w[1]));
            assert!(cuts.len() > 1);
        }
    }

    #[test]
    fn chunk_records_equal_the_whole_record_shifted() {
        // Sentences with no cross-sentence links: the chunked records, joined,
        // must equal the record of the whole document.
        let p = pipeline();
        let text = "In Berlin kostet das Ticket 49 Euro, sagte die Sprecherin der BVG. \
                    Rund 200.000 Menschen fahren täglich mit der U-Bahn. "
            .repeat(60);
        let doc = Document::from_text("big", text.clone());
        let whole = p.process(&doc, Stages::ALL);
        let n = cuts(p.segmenter(), &text, 1500).len();
        assert!(n > 3, "{n} chunks");
        let joined = ChunkRecords::new(&p, &doc, Stages::ALL, None, 1500)
            .join()
            .expect("chunks processed");
        assert_eq!(joined.sentences, whole.sentences);
        assert_eq!(joined.quantities, whole.quantities);
        assert_eq!(joined.claims, whole.claims);
        assert_eq!(joined.entities, whole.entities);
        assert_eq!(joined.source, whole.source);
    }

    #[test]
    fn ids_shift_by_their_number() {
        for (id, by, want) in [("e7", 10, "e17"), ("q1", 0, "q1"), ("c9", 1, "c10")] {
            let mut s = id.to_string();
            shift_id(&mut s, by);
            assert_eq!(s, want);
        }
    }
}
