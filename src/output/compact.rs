//! The compact JSON of a record (`--format jsonl`), written by hand.
//!
//! Why: after the stages, serialising was the largest single cost of a run (about
//! a seventh of it): a record's JSON is four times the size of its text, and
//! serde_json escapes strings one byte at a time through generic serializer
//! calls. This writer knows the record's shape, so it writes each field as one
//! byte copy, and it escapes strings eight bytes at a time (a whole sentence
//! usually needs no escape at all and is copied in one go).
//!
//! The bytes are exactly those of `serde_json::to_vec(record)` — same field order,
//! same omitted fields, same escapes (`\"`, `\\`, `\n`, `\u001f`, …), numbers by
//! serde_json itself where their format is not trivial (floats, `meta`) — and
//! tests compare the two on real and on odd records. The pretty format
//! (`--format json`) still goes through serde_json.

use serde::Serialize;

use crate::record::{
    json_number, Claim, Cue, Entity, ErrorInfo, JsonNumber, Quantity, Record, Sentence, Source,
    Span, Speaker, TokenSpan,
};
use crate::swar;

/// Appends `record` as compact JSON.
pub(crate) fn write_record(out: &mut Vec<u8>, r: &Record) {
    out.extend_from_slice(b"{\"schema\":");
    string(out, &r.schema);
    out.extend_from_slice(b",\"id\":");
    string(out, &r.id);
    if let Some(meta) = &r.meta {
        out.extend_from_slice(b",\"meta\":");
        by_serde(out, meta);
    }
    if let Some(source) = &r.source {
        out.extend_from_slice(b",\"source\":");
        self::source(out, source);
    }
    section(out, b",\"sentences\":", r.sentences.as_deref(), sentence);
    section(out, b",\"tokens\":", r.tokens.as_deref(), token);
    section(out, b",\"entities\":", r.entities.as_deref(), entity);
    section(out, b",\"quantities\":", r.quantities.as_deref(), quantity);
    section(out, b",\"claims\":", r.claims.as_deref(), claim);
    if let Some(warnings) = &r.warnings {
        out.extend_from_slice(b",\"warnings\":");
        list(out, warnings, |out, w| string(out, w));
    }
    if let Some(error) = &r.error {
        out.extend_from_slice(b",\"error\":");
        error_info(out, error);
    }
    out.push(b'}');
}

/// About the length of `r`'s compact JSON, a little more as a rule: the
/// texts of its spans and a fixed allowance for every item's keys, numbers
/// and short fields. The JSON goes into a buffer of this size: sized by the
/// text alone (four to eleven times it), one record in five outgrew it and
/// was copied to a larger one.
pub(crate) fn estimated_len(r: &Record) -> usize {
    fn sum<T>(items: &Option<Vec<T>>, each: impl Fn(&T) -> usize) -> usize {
        items.iter().flatten().map(each).sum()
    }
    let rule = |rule: &Option<crate::record::Text>| rule.as_ref().map_or(0, |r| r.len() + 10);
    let span = |s: &Option<Speaker>| s.as_ref().map_or(0, |s| s.text.len() + 110);
    512 + r.id.len()
        + sum(&r.sentences, |s| s.text.len() + 56)
        + sum(&r.tokens, |t| t.text.len() + 40)
        + sum(&r.entities, |e| 2 * e.text.len() + 140 + rule(&e.rule))
        + sum(&r.quantities, |q| q.text.len() + 150 + rule(&q.rule))
        + sum(&r.claims, |c| {
            c.content.text.len()
                + span(&c.speaker)
                + span(&c.addressee)
                + c.cue.as_ref().map_or(0, |c| c.text.len() + 120)
                + 8 * (c.entities.len() + c.quantities.len())
                + 200
                + rule(&c.rule)
        })
}

/// Appends one element of a record section (as in the record's array).
pub(crate) trait CompactJson {
    /// Appends `self` as compact JSON.
    fn write_compact(&self, out: &mut Vec<u8>);
}

macro_rules! compact_json {
    ($($t:ty => $f:ident),* $(,)?) => {
        $(impl CompactJson for $t {
            fn write_compact(&self, out: &mut Vec<u8>) {
                $f(out, self)
            }
        })*
    };
}

compact_json!(Sentence => sentence, TokenSpan => token, Entity => entity, Quantity => quantity, Claim => claim);

/// `,"name":[…]` when the section is there.
fn section<T>(out: &mut Vec<u8>, key: &[u8], items: Option<&[T]>, f: fn(&mut Vec<u8>, &T)) {
    if let Some(items) = items {
        out.extend_from_slice(key);
        list(out, items, f);
    }
}

fn list<T>(out: &mut Vec<u8>, items: &[T], mut f: impl FnMut(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        f(out, item);
    }
    out.push(b']');
}

fn source(out: &mut Vec<u8>, s: &Source) {
    out.extend_from_slice(b"{\"encoding\":");
    string(out, &s.encoding);
    out.extend_from_slice(b",\"bytes\":");
    size(out, s.bytes);
    out.extend_from_slice(b",\"chars\":");
    size(out, s.chars);
    out.push(b'}');
}

fn error_info(out: &mut Vec<u8>, e: &ErrorInfo) {
    out.extend_from_slice(b"{\"kind\":");
    string(out, &e.kind);
    out.extend_from_slice(b",\"message\":");
    string(out, &e.message);
    out.push(b'}');
}

/// `"start":…,"end":…,"text":…` (every span opens so). Inlined into its few
/// callers: it runs for every span (73,000 over the news corpus).
#[inline(always)]
fn span_fields(out: &mut Vec<u8>, start: usize, end: usize, text: &str) {
    out.extend_from_slice(b"\"start\":");
    size(out, start);
    out.extend_from_slice(b",\"end\":");
    size(out, end);
    out.extend_from_slice(b",\"text\":");
    string(out, text);
}

fn sentence(out: &mut Vec<u8>, s: &Sentence) {
    out.push(b'{');
    span_fields(out, s.start, s.end, &s.text);
    out.extend_from_slice(if s.heading {
        b",\"heading\":true}"
    } else {
        b",\"heading\":false}"
    });
}

fn token(out: &mut Vec<u8>, t: &TokenSpan) {
    out.push(b'{');
    span_fields(out, t.start, t.end, &t.text);
    out.push(b'}');
}

/// `{"id":…,"start":…,"end":…,"text":…` (an entity or quantity opens so).
fn annotation_head(out: &mut Vec<u8>, id: &str, start: usize, end: usize, text: &str) {
    out.extend_from_slice(b"{\"id\":");
    string(out, id);
    out.push(b',');
    span_fields(out, start, end, text);
}

fn entity(out: &mut Vec<u8>, e: &Entity) {
    annotation_head(out, &e.id, e.start, e.end, &e.text);
    out.extend_from_slice(b",\"label\":");
    string(out, &e.label);
    opt_string(out, b",\"name\":", e.name.as_deref());
    opt_string(out, b",\"kb\":", e.kb.as_deref());
    opt_string(out, b",\"role\":", e.role.as_deref());
    opt_string(out, b",\"subtype\":", e.subtype.as_deref());
    out.extend_from_slice(b",\"sentence\":");
    size(out, e.sentence);
    opt_string(out, b",\"rule\":", e.rule.as_deref());
    out.push(b'}');
}

fn quantity(out: &mut Vec<u8>, q: &Quantity) {
    annotation_head(out, &q.id, q.start, q.end, &q.text);
    out.extend_from_slice(b",\"kind\":");
    string(out, &q.kind);
    out.extend_from_slice(b",\"value\":");
    number_or_null(out, q.value);
    out.extend_from_slice(b",\"unit\":");
    string_or_null(out, q.unit.as_deref());
    if let Some(approx) = q.approx {
        out.extend_from_slice(if approx {
            b",\"approx\":true"
        } else {
            b",\"approx\":false"
        });
    }
    for (key, v) in [
        (&b",\"min\":"[..], q.min),
        (b",\"max\":", q.max),
        (b",\"part\":", q.part),
        (b",\"whole\":", q.whole),
    ] {
        if v.is_some() {
            out.extend_from_slice(key);
            number_or_null(out, v);
        }
    }
    opt_string(out, b",\"bound\":", q.bound.as_deref());
    opt_string(out, b",\"relation\":", q.relation.as_deref());
    opt_string(out, b",\"iso\":", q.iso.as_deref());
    out.extend_from_slice(b",\"sentence\":");
    size(out, q.sentence);
    opt_string(out, b",\"rule\":", q.rule.as_deref());
    out.push(b'}');
}

fn parts(out: &mut Vec<u8>, parts: Option<&[[usize; 2]]>) {
    if let Some(parts) = parts {
        out.extend_from_slice(b",\"parts\":");
        list(out, parts, |out, &[a, b]| {
            out.push(b'[');
            size(out, a);
            out.push(b',');
            size(out, b);
            out.push(b']');
        });
    }
}

fn plain_span(out: &mut Vec<u8>, s: &Span) {
    out.push(b'{');
    span_fields(out, s.start, s.end, &s.text);
    parts(out, s.parts.as_deref());
    out.push(b'}');
}

fn speaker(out: &mut Vec<u8>, s: &Speaker) {
    out.push(b'{');
    span_fields(out, s.start, s.end, &s.text);
    opt_string(out, b",\"entity\":", s.entity.as_deref());
    opt_string(out, b",\"name\":", s.name.as_deref());
    out.push(b'}');
}

fn cue(out: &mut Vec<u8>, c: &Cue) {
    out.push(b'{');
    span_fields(out, c.start, c.end, &c.text);
    out.extend_from_slice(b",\"lemma\":");
    string(out, &c.lemma);
    parts(out, c.parts.as_deref());
    out.push(b'}');
}

fn claim(out: &mut Vec<u8>, c: &Claim) {
    out.extend_from_slice(b"{\"id\":");
    string(out, &c.id);
    out.extend_from_slice(b",\"sentence\":");
    size(out, c.sentence);
    out.extend_from_slice(b",\"kind\":");
    string(out, &c.kind);
    out.extend_from_slice(b",\"speaker\":");
    match &c.speaker {
        Some(s) => speaker(out, s),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"cue\":");
    match &c.cue {
        Some(cu) => cue(out, cu),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"content\":");
    plain_span(out, &c.content);
    if let Some(a) = &c.addressee {
        out.extend_from_slice(b",\"addressee\":");
        speaker(out, a);
    }
    out.extend_from_slice(b",\"mood\":");
    string_or_null(out, c.mood.as_deref());
    out.extend_from_slice(if c.hedged {
        b",\"hedged\":true"
    } else {
        b",\"hedged\":false"
    });
    out.extend_from_slice(if c.negated {
        b",\"negated\":true"
    } else {
        b",\"negated\":false"
    });
    out.extend_from_slice(b",\"entities\":");
    list(out, &c.entities, |out, id| string(out, id));
    out.extend_from_slice(b",\"quantities\":");
    list(out, &c.quantities, |out, id| string(out, id));
    opt_string(out, b",\"rule\":", c.rule.as_deref());
    out.push(b'}');
}

/// `key` and the string when there is one (a field serde skips when absent).
fn opt_string(out: &mut Vec<u8>, key: &[u8], s: Option<&str>) {
    if let Some(s) = s {
        out.extend_from_slice(key);
        string(out, s);
    }
}

fn string_or_null(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// A quantity's number as the record's own serializer writes it: integral
/// values as integers, others by serde_json, non-finite ones as null.
fn number_or_null(out: &mut Vec<u8>, v: Option<f64>) {
    match json_number(v) {
        JsonNumber::Int(i) => {
            if i < 0 {
                out.push(b'-');
            }
            uint(out, i.unsigned_abs());
        }
        JsonNumber::Float(v) => by_serde(out, &v),
        JsonNumber::Null => out.extend_from_slice(b"null"),
    }
}

/// Values whose JSON is not trivial (floats, `meta`'s free-form values).
fn by_serde<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    // Writing to a Vec cannot fail, and these values have string keys only.
    if serde_json::to_writer(&mut *out, value).is_err() {
        out.extend_from_slice(b"null");
    }
}

/// An offset, count or index in decimal.
#[inline(always)]
fn size(out: &mut Vec<u8>, n: usize) {
    uint(out, n as u64);
}

/// An unsigned integer in decimal (as serde_json writes it, by `itoa`).
///
/// Nearly every number of a record (offsets, indexes) has one to four digits:
/// those are written from a table of digit pairs as one fixed-size copy, where
/// `itoa`'s variable-length one calls `memcpy`. Inlined into its callers
/// (with [`size`]): a call cost a third of its own work, for 260,000 numbers.
#[inline(always)]
fn uint(out: &mut Vec<u8>, n: u64) {
    if n < 100 {
        let [tens, ones] = DIGIT_PAIRS[n as usize];
        if n < 10 {
            out.push(ones);
        } else {
            out.extend_from_slice(&[tens, ones]);
        }
    } else if n < 10_000 {
        let [a, b] = DIGIT_PAIRS[(n / 100) as usize];
        let [c, d] = DIGIT_PAIRS[(n % 100) as usize];
        if n < 1000 {
            out.extend_from_slice(&[b, c, d]);
        } else {
            out.extend_from_slice(&[a, b, c, d]);
        }
    } else {
        wide_uint(out, n);
    }
}

#[inline(never)]
fn wide_uint(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// `DIGIT_PAIRS[n]` is `n` (below 100) as two ASCII digits.
const DIGIT_PAIRS: [[u8; 2]; 100] = {
    let mut pairs = [[0; 2]; 100];
    let mut n = 0;
    while n < 100 {
        pairs[n] = [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
        n += 1;
    }
    pairs
};

/// A JSON string with serde_json's escapes: `"` and `\` and control chars
/// (below 0x20) are escaped, everything else (all of Unicode) is copied.
#[inline]
pub(crate) fn string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    if let (Some(head), Some(tail)) = (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        // Eight to sixteen bytes (names, units, rules: 53,000 strings): two
        // overlapping words, the second written over the first's excess.
        let (head, tail) = (u64::from_le_bytes(*head), u64::from_le_bytes(*tail));
        if bytes.len() <= 16 && escapes_in(head) | escapes_in(tail) == 0 {
            let start = out.len();
            out.push(b'"');
            out.extend_from_slice(&head.to_le_bytes());
            out.truncate(start + 1 + bytes.len() - 8);
            out.extend_from_slice(&tail.to_le_bytes());
            out.push(b'"');
        } else {
            long_string(out, bytes);
        }
        return;
    }
    // Most strings of a record are ids, labels and kinds (146,000 of 245,000
    // over the news corpus have fewer than eight bytes): those are tested and
    // written as one word, without a call.
    match short_words(bytes) {
        Some((in_order, all)) if escapes_in(all) == 0 => {
            let end = out.len() + bytes.len() + 2;
            // The opening quote and the bytes as eight bytes, cut back to
            // those of the string.
            out.extend_from_slice(&(u64::from(b'"') | in_order << 8).to_le_bytes());
            out.truncate(end - 1);
            out.push(b'"');
        }
        _ => long_string(out, bytes),
    }
}

/// A string of fewer than eight bytes as two words: its bytes in order from
/// the lowest byte up (the bytes past them are not the string's), and a word
/// that holds every byte of it and no other byte that needs an escape.
/// `None` for a longer string.
#[inline]
fn short_words(bytes: &[u8]) -> Option<(u64, u64)> {
    let len = bytes.len();
    if let (Some(head), Some(tail)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        if len >= 8 {
            return None;
        }
        // Four to seven bytes: two overlapping halves; in order, the head and
        // then the tail's bytes past the head.
        let head = u64::from(u32::from_le_bytes(*head));
        let tail = u64::from(u32::from_le_bytes(*tail));
        Some((head | (tail >> (8 * (8 - len))) << 32, head | tail << 32))
    } else if let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) {
        // One to three bytes: first, middle and last cover them in order; the
        // other five are spaces, which need no escape.
        let middle = bytes[len / 2];
        let word = u64::from_le_bytes([first, middle, last, b' ', b' ', b' ', b' ', b' ']);
        Some((word, word))
    } else {
        let spaces = u64::from_le_bytes([b' '; 8]);
        Some((spaces, spaces))
    }
}

/// [`string`] for a string of more than sixteen bytes, or one with an escape.
#[inline(never)]
fn long_string(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // Hardly any string of a record needs an escape (180 of 245,000 over the
    // news corpus): one test of the whole string, then one copy.
    if needs_no_escape(bytes) {
        out.extend_from_slice(bytes);
    } else {
        escaped(out, bytes);
    }
    out.push(b'"');
}

/// The bytes of a string that has at least one byte to escape.
#[cold]
fn escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut run = 0; // start of the bytes not yet copied
    for (i, &b) in bytes.iter().enumerate() {
        if needs_escape(b) {
            out.extend_from_slice(&bytes[run..i]);
            escape(out, b);
            run = i + 1;
        }
    }
    out.extend_from_slice(&bytes[run..]);
}

#[inline]
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Whether no byte of `bytes` needs an escape (see [`needs_escape`]), eight
/// bytes at a time: whole words, then the last eight bytes (again in part);
/// a string shorter than eight by its [`short_words`]. No branch per word: a
/// string with an escape is rare and then escaped byte by byte.
#[inline]
fn needs_no_escape(bytes: &[u8]) -> bool {
    let found = if let Some(last) = bytes.last_chunk::<8>() {
        let mut words = bytes.chunks_exact(8);
        let mut found = escapes_in(u64::from_le_bytes(*last));
        for word in &mut words {
            found |= escapes_in(u64::from_le_bytes(word.try_into().unwrap_or([0; 8])));
        }
        found
    } else {
        short_words(bytes).map_or(0, |(_, all)| escapes_in(all))
    };
    found == 0
}

/// Not zero when some byte of `x` needs an escape (see [`needs_escape`]).
///
/// Classic "has a zero byte" tests: `b - c` sets a byte's high bit when
/// `b < c`, and `(b ^ c) - 1` when `b == c`; a byte with its own high bit set
/// (not ASCII) is masked out. Flipping bit 1 first (`b ^ 0x02`) maps the
/// control chars (below 0x20) onto themselves and `"` (0x22) onto 0x20, and
/// every other byte to 0x21 or above, so one subtraction of 0x21 finds both.
/// A borrow runs into the next byte only from a byte that needs an escape, so
/// the word's answer is exact (the bits above the first such byte may be
/// wrong, but are never asked).
#[inline(always)]
fn escapes_in(x: u64) -> u64 {
    let control_or_quote = (x ^ (0x02 * swar::ONES)).wrapping_sub(0x21 * swar::ONES);
    let backslash = (x ^ (u64::from(b'\\') * swar::ONES)).wrapping_sub(swar::ONES);
    (control_or_quote | backslash) & !x & swar::HIGH
}

fn escape(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match b {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        b'\n' => out.extend_from_slice(b"\\n"),
        b'\r' => out.extend_from_slice(b"\\r"),
        b'\t' => out.extend_from_slice(b"\\t"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x0c => out.extend_from_slice(b"\\f"),
        _ => out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(b >> 4)],
            HEX[usize::from(b & 0xf)],
        ]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ours(s: &str) -> String {
        let mut out = Vec::new();
        string(&mut out, s);
        String::from_utf8(out).expect("escaping keeps UTF-8")
    }

    #[test]
    fn strings_escape_like_serde_json() {
        for s in [
            "",
            "Die Lage ist ernst.",
            "„Wir sagen \"Nein\"“, sagte sie.",
            "a\\b",
            "Zeile\nZeile\r\n\tTab",
            "\u{0}\u{1}\u{8}\u{b}\u{c}\u{1f}\u{7f} Steuer",
            "exactly8",
            "seven\"8",
            "0123456789abcdef\"",
            "ÄÖÜäöüß – €, 😀 und \u{2028}",
        ] {
            assert_eq!(ours(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn integers_at_every_digit_count_write_like_itoa() {
        // Every number the table writes, and around every power of ten above.
        let mut edges: Vec<u64> = (0..=10_001).chain([u64::MAX]).collect();
        for p in 1..20 {
            let ten = 10u64.pow(p);
            edges.extend([ten - 1, ten, ten + 1, ten + ten / 2 + 7]);
        }
        for n in edges {
            let mut out = b"x".to_vec();
            uint(&mut out, n);
            assert_eq!(out, format!("x{n}").into_bytes(), "{n}");
        }
    }

    #[test]
    fn escapes_in_answers_every_byte_in_every_position() {
        // Neighbours that would show a carry or borrow across bytes.
        for fill in [b' ', b'a', 0x7F, 0x80, 0xFF, 0x21, 0x23, 0x5B, 0x5D] {
            for b in 0..=255u8 {
                for pos in 0..8 {
                    let mut word = [fill; 8];
                    word[pos] = b;
                    let want = word.iter().any(|&x| needs_escape(x));
                    assert_eq!(escapes_in(u64::from_le_bytes(word)) != 0, want, "{word:?}");
                    // A second byte to escape, before or after, keeps the answer.
                    word[7 - pos] = b'"';
                    assert_ne!(escapes_in(u64::from_le_bytes(word)), 0, "{word:?}");
                }
            }
        }
    }

    #[test]
    fn short_strings_escape_like_serde_json_at_every_position() {
        for len in 0..=18 {
            let clean = &"abcdefghijklmnopqr"[..len];
            assert_eq!(ours(clean), serde_json::to_string(clean).unwrap());
            let umlauts = &"äöüßäöüßäöü"[..len / 2 * 2];
            assert_eq!(ours(umlauts), serde_json::to_string(umlauts).unwrap());
            for pos in 0..len {
                for bad in ['\0', '\u{1f}', '"', '\\', '\n'] {
                    let mut s: Vec<char> = "abcdefghijklmnopqr"[..len].chars().collect();
                    s[pos] = bad;
                    let s: String = s.into_iter().collect();
                    assert_eq!(ours(&s), serde_json::to_string(&s).unwrap(), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn needs_no_escape_sees_every_byte_of_every_length() {
        for len in 0..=40 {
            let clean = vec![b'a'; len];
            assert!(needs_no_escape(&clean), "{len}");
            for pos in 0..len {
                for bad in [0u8, 0x1F, b'"', b'\\'] {
                    let mut bytes = clean.clone();
                    bytes[pos] = bad;
                    assert!(!needs_no_escape(&bytes), "{bad:#x} at {pos} of {len}");
                }
            }
        }
    }

    fn same_as_serde(record: &Record) {
        let mut out = Vec::new();
        write_record(&mut out, record);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string(record).unwrap(),
            "help: the hand-written JSON must equal serde_json's byte for byte"
        );
    }

    #[test]
    fn records_with_every_field_or_none_write_like_serde_json() {
        use crate::record::*;
        let speaker = Speaker {
            start: 1,
            end: 2,
            text: "er".into(),
            entity: Some("e1".into()),
            name: Some("Olaf \"O\" Beispiel".into()),
        };
        let full = Record {
            schema: "aussage.v1".into(),
            id: "a/b\tc.txt".into(),
            meta: serde_json::from_str(r#"{"quelle":"dpa","n":[1,2.5,null,true],"o":{"k":"ü"}}"#)
                .unwrap(),
            source: Some(Source {
                encoding: "utf-8".into(),
                bytes: 10,
                chars: 9,
            }),
            sentences: Some(vec![Sentence {
                start: 0,
                end: 5,
                text: "Titel\n".into(),
                heading: true,
            }]),
            tokens: Some(vec![TokenSpan {
                start: 0,
                end: 5,
                text: "Titel".into(),
            }]),
            entities: Some(vec![Entity {
                id: "e1".into(),
                start: 3,
                end: 9,
                text: "Müller".into(),
                label: "PER".into(),
                name: Some("Anna Müller".into()),
                kb: Some("Q1".into()),
                role: Some("Ministerin".into()),
                subtype: Some("part".into()),
                sentence: 0,
                rule: Some("rule.x".into()),
            }]),
            quantities: Some(vec![Quantity {
                id: "q1".into(),
                start: 0,
                end: 3,
                text: "1,5".into(),
                kind: "range".into(),
                value: None,
                unit: Some("EUR".into()),
                approx: Some(false),
                min: Some(1.5),
                max: Some(-2e20),
                part: Some(3.0),
                whole: Some(f64::NAN),
                bound: Some("ge".into()),
                relation: Some("ago".into()),
                iso: Some("XXXX-12-31".into()),
                sentence: 2,
                rule: Some("numbers.range".into()),
            }]),
            claims: Some(vec![Claim {
                id: "c1".into(),
                sentence: 0,
                kind: "direct_quote".into(),
                speaker: Some(speaker.clone()),
                cue: Some(Cue {
                    start: 4,
                    end: 9,
                    text: "wies".into(),
                    lemma: "zurückweisen".into(),
                    parts: Some(vec![[4, 8], [12, 18]]),
                }),
                content: Span {
                    start: 0,
                    end: 3,
                    text: "\u{1}x".into(),
                    parts: Some(vec![]),
                },
                addressee: Some(speaker),
                mood: Some("subjunctive".into()),
                hedged: true,
                negated: true,
                entities: vec!["e1".into(), "e2".into()],
                quantities: vec!["q1".into()],
                rule: Some("claims.colon".into()),
            }]),
            warnings: Some(vec!["legacy \"cp1252\"".into()]),
            error: Some(ErrorInfo {
                kind: "io".into(),
                message: "kaputt".into(),
            }),
        };
        same_as_serde(&full);
        same_as_serde(&Record::default());
        same_as_serde(&Record::error("x", "binary", "not text"));
        let bare = Record {
            sentences: Some(vec![]),
            quantities: Some(vec![Quantity::default()]),
            claims: Some(vec![Claim::default()]),
            entities: Some(vec![Entity::default()]),
            ..Record::default()
        };
        same_as_serde(&bare);
    }

    #[test]
    fn pipeline_records_write_like_serde_json() {
        let pipeline = crate::Pipeline::new().unwrap();
        let text = "Berlin (dpa) – „Wir geben 40 Milliarden Euro aus“, sagte Kanzler Olaf \
                    Beispiel am 3. Oktober 2025.\n\nRund 200.000 Soldaten stehen bereit.\t\u{7}";
        let doc = crate::Document::from_text("t", text);
        for stages in [
            crate::Stages::ALL,
            crate::Stages {
                tokens: true,
                explain: true,
                ..crate::Stages::ALL
            },
        ] {
            let record = pipeline.process(&doc, stages);
            assert!(!record.claims.as_deref().unwrap_or(&[]).is_empty());
            same_as_serde(&record);
            // The buffer's size is enough for the whole JSON.
            let mut out = Vec::new();
            write_record(&mut out, &record);
            assert!(estimated_len(&record) >= out.len(), "{stages:?}");
        }
    }

    proptest! {
        #[test]
        fn any_string_escapes_like_serde_json(s in any::<String>()) {
            prop_assert_eq!(ours(&s), serde_json::to_string(&s).unwrap());
        }

        #[test]
        fn ascii_with_escapes_like_serde_json(s in "[ -~\\x00-\\x1f\"\\\\ä€]{0,40}") {
            prop_assert_eq!(ours(&s), serde_json::to_string(&s).unwrap());
        }

        #[test]
        fn numbers_write_like_the_record_serializer(v in any::<f64>(), i in -1e16f64..1e16, n in any::<u64>()) {
            for v in [v, i, i.trunc(), -0.0, 0.5, 1e300] {
                let q = Quantity { value: Some(v), ..Quantity::default() };
                let mut out = Vec::new();
                quantity(&mut out, &q);
                prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&q).unwrap());
            }
            let mut out = Vec::new();
            uint(&mut out, n);
            prop_assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }
}
