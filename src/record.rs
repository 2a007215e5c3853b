//! The record: one JSON object per document, the contract of `SCHEMA.md`
//! (schema name [`SCHEMA_NAME`]).
//!
//! These types are the wire format. Stages fill them with **byte** offsets into the
//! decoded text and leave every `text` empty; [`Record::finish_offsets`] then turns
//! every span into **character** offsets and fills its `text` from the document, once,
//! so that the invariant "a span's `text` is exactly its slice" holds by construction.
//! Optional fields are left out of the JSON when absent; the JSON Schema in
//! `schema/record.schema.json` describes the same shape and a test checks real
//! output against it.

use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::text::{floor_char_boundary, CharIndex};

/// The `schema` field of every record.
pub const SCHEMA_NAME: &str = "aussage.v1";

/// A string field whose values are mostly fixed words of the contract (`kind`,
/// `label`, `rule`, …): the stages hand out `&'static str` without allocating; a
/// record read back from JSON owns its strings. Compares with `&str` and derefs
/// to `str`.
pub type Text = std::borrow::Cow<'static, str>;

/// One document's record, or its error record (then only `schema`, `id`, `error`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Record {
    /// Always [`SCHEMA_NAME`].
    pub schema: String,
    /// The document id (path as given, `-` for stdin, or the JSONL line's `id`).
    pub id: String,
    /// Fields of a JSONL input line other than `id` and `text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Map<String, Value>>,
    /// How the input bytes were decoded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Sentences in order, covering every non-blank character.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentences: Option<Vec<Sentence>>,
    /// Tokens in order (only with `--tokens`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<TokenSpan>>,
    /// Named entities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entities: Option<Vec<Entity>>,
    /// Quantities (numbers with kind, value, unit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantities: Option<Vec<Quantity>>,
    /// Attributed statements and unattributed figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claims: Option<Vec<Claim>>,
    /// Non-fatal problems (a legacy encoding guessed, NUL bytes kept, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warnings: Option<Vec<String>>,
    /// Present only in an error record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorInfo>,
}

/// The decoding of the input.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Source {
    /// `utf-8`, `utf-8-lossy`, `utf-16le`, `utf-16be` or `windows-1252`.
    pub encoding: String,
    /// Size of the input in bytes (before decoding).
    pub bytes: usize,
    /// Length of the decoded text in characters.
    pub chars: usize,
}

/// The `error` object of an error record.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ErrorInfo {
    /// `io`, `decode`, `binary`, `too_large`, `json` or `timeout`.
    pub kind: String,
    /// One line, human readable.
    pub message: String,
}

/// A sentence (or heading line).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Sentence {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The covered text.
    pub text: String,
    /// True for a title or sub-heading line.
    pub heading: bool,
}

/// A token (`--tokens`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct TokenSpan {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The covered text.
    pub text: String,
}

/// A named entity mention.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Entity {
    /// `e1`, `e2`, ... in text order.
    pub id: String,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The covered text.
    pub text: String,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub label: Text,
    /// Canonical name, the same for every mention of one referent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Wikidata id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kb: Option<String>,
    /// Title or function standing with the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// `deriv` or `part`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtype: Option<Text>,
    /// Index of the sentence.
    pub sentence: usize,
    /// The rule or lexicon entry that produced it (`--explain`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Text>,
}

/// A quantity: a figure with its kind, normalised value and unit.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Quantity {
    /// `q1`, `q2`, ... in text order.
    pub id: String,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The covered text.
    pub text: String,
    /// `number`, `ordinal`, `money`, `percent`, `part_of_whole`, `count`, `measure`,
    /// `duration`, `age`, `range`, `date`, `time` or `year`.
    pub kind: Text,
    /// The value in base units (null for ranges).
    #[serde(serialize_with = "serialize_opt_number")]
    pub value: Option<f64>,
    /// ISO 4217 code, `percent`, a time unit, an SI symbol or the counted noun's lemma.
    pub unit: Option<String>,
    /// True after an approximator ("rund", "etwa", "knapp").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approx: Option<bool>,
    /// Lower end of a range.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_opt_number"
    )]
    pub min: Option<f64>,
    /// Upper end of a range.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_opt_number"
    )]
    pub max: Option<f64>,
    /// The part of a part_of_whole ("26" of "26 der 35 Staaten").
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_opt_number"
    )]
    pub part: Option<f64>,
    /// The whole of a part_of_whole ("35").
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_opt_number"
    )]
    pub whole: Option<f64>,
    /// `gt`, `ge`, `lt` or `le`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<Text>,
    /// `ago` or `in` for relative times.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<Text>,
    /// ISO 8601 for dates and times (`2025-10-03`, `XXXX-12-31`, `T09:30`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso: Option<String>,
    /// Index of the sentence.
    pub sentence: usize,
    /// The rule that produced it (`--explain`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Text>,
}

/// A plain span with optional discontinuous parts.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Span {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The covered text.
    pub text: String,
    /// Pieces of a discontinuous span, each `[start, end]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<Vec<[usize; 2]>>,
}

/// Who makes a claim (or whom it addresses).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Speaker {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The covered text.
    pub text: String,
    /// Id of the entity that covers the mention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// The referent's name when the mention is a pronoun or description resolved
    /// to an earlier named person ("er" → "Wladimir Putin").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The verb, noun or preposition that marks an attribution.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Cue {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The covered text.
    pub text: String,
    /// The dictionary form ("erklärte" → "erklären").
    pub lemma: String,
    /// Pieces of a discontinuous cue ("wies … zurück").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<Vec<[usize; 2]>>,
}

/// An attributed statement, or an unattributed assertion carrying a figure.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Claim {
    /// `c1`, `c2`, ... in text order.
    pub id: String,
    /// Index of the sentence holding the cue (or the content's first sentence).
    pub sentence: usize,
    /// `direct_quote`, `indirect_speech`, `according_to`, `reported` or `statement`.
    pub kind: Text,
    /// Who says it; null when the text does not say.
    pub speaker: Option<Speaker>,
    /// The attribution marker; null for a continuation without its own cue.
    pub cue: Option<Cue>,
    /// What is claimed.
    pub content: Span,
    /// Whom the claim is addressed to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addressee: Option<Speaker>,
    /// `indicative` or `subjunctive` (of the content's first finite verb), or null.
    pub mood: Option<Text>,
    /// A hedge qualifies the content.
    pub hedged: bool,
    /// The content is negated.
    pub negated: bool,
    /// Ids of the entities inside the content.
    pub entities: Vec<String>,
    /// Ids of the quantities inside the content.
    pub quantities: Vec<String>,
    /// The rule that produced it (`--explain`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Text>,
}

/// An annotation id: `prefix` and the number `n` (`e12`), without the
/// formatting machinery (which costs more than the rest of making an entity).
pub fn numbered_id(prefix: char, n: usize) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(n);
    let mut id = String::with_capacity(prefix.len_utf8() + digits.len());
    id.push(prefix);
    id.push_str(digits);
    id
}

/// How a quantity's number appears in JSON: integral values as integers
/// (`40000000000`, not `40000000000.0`), others as floats; JSON has no NaN or
/// infinity, so a stage that made one (it must not) gets null, never invalid
/// JSON. Both JSON writers (serde's and `output::compact`) ask this.
pub(crate) enum JsonNumber {
    Int(i64),
    Float(f64),
    Null,
}

pub(crate) fn json_number(value: Option<f64>) -> JsonNumber {
    match value {
        Some(v) if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.007_199_254_740_992e15 => {
            JsonNumber::Int(v as i64)
        }
        Some(v) if v.is_finite() => JsonNumber::Float(v),
        _ => JsonNumber::Null,
    }
}

/// Writes a quantity's number as [`json_number`] says.
fn serialize_opt_number<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match json_number(*value) {
        JsonNumber::Int(i) => s.serialize_i64(i),
        JsonNumber::Float(v) => s.serialize_f64(v),
        JsonNumber::Null => s.serialize_none(),
    }
}

impl Record {
    /// An error record: only `schema`, `id` and `error`.
    pub fn error(id: impl Into<String>, kind: &str, message: impl Into<String>) -> Self {
        Record {
            schema: SCHEMA_NAME.to_string(),
            id: id.into(),
            error: Some(ErrorInfo {
                kind: kind.to_string(),
                message: message.into(),
            }),
            ..Record::default()
        }
    }

    /// Removes every annotation's `rule` (they are shown only with `--explain`).
    pub fn drop_rules(&mut self) {
        for e in self.entities.iter_mut().flatten() {
            e.rule = None;
        }
        for q in self.quantities.iter_mut().flatten() {
            q.rule = None;
        }
        for c in self.claims.iter_mut().flatten() {
            c.rule = None;
        }
    }

    /// Appends another record's sections (sentences, tokens, entities, quantities,
    /// claims) to this one's: joins the chunks of a very large document.
    pub fn append_sections(&mut self, other: Record) {
        fn append<T>(into: &mut Option<Vec<T>>, from: Option<Vec<T>>) {
            if let Some(from) = from {
                into.get_or_insert_with(Vec::new).extend(from);
            }
        }
        append(&mut self.sentences, other.sentences);
        append(&mut self.tokens, other.tokens);
        append(&mut self.entities, other.entities);
        append(&mut self.quantities, other.quantities);
        append(&mut self.claims, other.claims);
    }

    /// True for an error record.
    pub fn is_error(&self) -> bool {
        self.error.is_some()
    }

    /// Converts every span from byte offsets into `text` to character offsets and
    /// fills its `text` field. Called once, after all stages ran.
    ///
    /// Offsets that are out of range or not on a char boundary are clamped to the
    /// nearest boundary below, so a faulty stage cannot make the record lie.
    /// Returns the length of `text` in characters.
    pub fn finish_offsets(&mut self, text: &str) -> usize {
        let index = CharIndex::new(text);
        let fix = |start: &mut usize, end: &mut usize, out: &mut String| {
            finish_span(text, &index, start, end, out)
        };
        let fix_parts = |parts: &mut Option<Vec<[usize; 2]>>| {
            if let Some(parts) = parts {
                for p in parts.iter_mut() {
                    let (s, e) = clamp_span(text, p[0], p[1]);
                    *p = [index.char_of(s), index.char_of(e)];
                }
            }
        };
        for s in self.sentences.iter_mut().flatten() {
            fix(&mut s.start, &mut s.end, &mut s.text);
        }
        for t in self.tokens.iter_mut().flatten() {
            fix(&mut t.start, &mut t.end, &mut t.text);
        }
        for e in self.entities.iter_mut().flatten() {
            fix(&mut e.start, &mut e.end, &mut e.text);
        }
        for q in self.quantities.iter_mut().flatten() {
            fix(&mut q.start, &mut q.end, &mut q.text);
        }
        for c in self.claims.iter_mut().flatten() {
            if let Some(sp) = c.speaker.as_mut() {
                fix(&mut sp.start, &mut sp.end, &mut sp.text);
            }
            if let Some(a) = c.addressee.as_mut() {
                fix(&mut a.start, &mut a.end, &mut a.text);
            }
            if let Some(cue) = c.cue.as_mut() {
                fix(&mut cue.start, &mut cue.end, &mut cue.text);
                fix_parts(&mut cue.parts);
            }
            fix(
                &mut c.content.start,
                &mut c.content.end,
                &mut c.content.text,
            );
            fix_parts(&mut c.content.parts);
        }
        index.char_len()
    }
}

/// One span of [`Record::finish_offsets`]: its `text` from the document, its
/// offsets in chars. Inlined into each of the few loops that call it (73,000
/// spans over the news corpus): a call cost a tenth of a span's work.
#[inline(always)]
fn finish_span(
    text: &str,
    index: &CharIndex<'_>,
    start: &mut usize,
    end: &mut usize,
    out: &mut String,
) {
    // A stage's span is nearly always in range and on char boundaries,
    // which `get` tests on the way: only the others are clamped.
    let (s, e, slice) = match text.get(*start..*end) {
        Some(slice) => (*start, *end, slice),
        None => {
            let (s, e) = clamp_span(text, *start, *end);
            (s, e, &text[s..e])
        }
    };
    *out = slice.to_owned();
    *start = index.char_of(s);
    *end = index.char_of(e);
}

/// Clamps a byte span to the text and to char boundaries (start ≤ end).
fn clamp_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = floor_char_boundary(text, start);
    let e = floor_char_boundary(text, end).max(s);
    (s, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_ids_read_like_format() {
        for n in [0, 1, 9, 10, 99, 100, 12345, usize::MAX] {
            assert_eq!(numbered_id('e', n), format!("e{n}"));
        }
        assert_eq!(numbered_id('ä', 7), "ä7");
    }

    #[test]
    fn integral_values_are_written_as_integers() {
        let q = Quantity {
            value: Some(4e10),
            min: Some(3.5),
            ..Quantity::default()
        };
        let json = serde_json::to_string(&q).unwrap();
        assert!(json.contains("\"value\":40000000000"), "{json}");
        assert!(json.contains("\"min\":3.5"), "{json}");
        assert!(!json.contains("\"max\""), "{json}");
    }

    #[test]
    fn offsets_become_char_offsets_with_text() {
        let text = "Über 40 Milliarden Euro.";
        let b = text.find("40").unwrap();
        let mut rec = Record {
            quantities: Some(vec![Quantity {
                start: b,
                end: text.find('.').unwrap(),
                ..Quantity::default()
            }]),
            ..Record::default()
        };
        rec.finish_offsets(text);
        let q = &rec.quantities.unwrap()[0];
        assert_eq!((q.start, q.end), (5, 23));
        assert_eq!(q.text, "40 Milliarden Euro");
    }

    /// Every span, good or faulty (past the end, inside a char, reversed),
    /// gets the text and char offsets of its plain definition: clamped down to
    /// char boundaries, the end not before the start, chars counted.
    #[test]
    fn every_span_is_fixed_as_clamping_says() {
        let text = "Größe: 3 € — „ja“ 😀.";
        let chars = |b: usize| text[..b].chars().count();
        for start in 0..text.len() + 3 {
            for end in 0..text.len() + 3 {
                let mut rec = Record {
                    entities: Some(vec![Entity {
                        start,
                        end,
                        ..Entity::default()
                    }]),
                    ..Record::default()
                };
                rec.finish_offsets(text);
                let e = &rec.entities.unwrap()[0];
                let s = floor_char_boundary(text, start);
                let t = floor_char_boundary(text, end).max(s);
                assert_eq!((e.start, e.end), (chars(s), chars(t)), "{start}..{end}");
                assert_eq!(e.text, &text[s..t], "{start}..{end}");
            }
        }
    }

    #[test]
    fn error_record_has_only_three_fields() {
        let rec = Record::error("a.txt", "binary", "looks like binary data");
        let v: Value = serde_json::to_value(&rec).unwrap();
        let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, vec!["schema", "id", "error"]);
    }
}
