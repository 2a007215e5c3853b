//! Quantities: every figure in German news with its kind, value, unit and scale.
//!
//! Why: figures are what fact-checkers check first, and German writes them in ways
//! general tools misread ("40 Milliarden Euro", "26 der 35 Staaten", "vor sechzehn Tagen",
//! "der 77-Jährige", "3,72 Mrd."). This stage reads each sentence once, left to right, with
//! named rule families (`rules.rs`) on top of a numeral reader (`words.rs`), and fills
//! `quantities` as `eval/numbers/README.md` defines them: approximators, comparators and the
//! counted noun inside the span; prepositions outside, except `vor`/`in` of relative times
//! and `zwischen` of ranges.
//!
//! What it does not do: guess. Articles ("ein Gespräch"), vague plurals ("Tausende"),
//! names and identifiers ("1. FC Köln", "A 45"), scores ("2:1") yield nothing; a figure
//! whose unit stands only in an earlier clause stays a plain `number`.
//!
//! Lexicons (embedded, extendable with `--lexicon-dir`): `numbers_words.tsv` (number words,
//! scale words, fractions), `numbers_units.tsv` (currencies, units, time units),
//! `numbers_modifiers.tsv` (approximators, comparators), `numbers_months.tsv`,
//! `numbers_lemmas.tsv` (plural → singular endings of counted nouns: the unit of "26 Staaten"
//! is `Staat`).
//!
//! ```
//! use aussage::{Document, Pipeline, Stages};
//! let p = Pipeline::new().unwrap();
//! let doc = Document::from_text("a", "Deutschland gab rund 40 Milliarden Euro.");
//! let q = p.process(&doc, Stages::ALL).quantities.unwrap();
//! assert_eq!(q[0].text, "rund 40 Milliarden Euro");
//! assert_eq!((&*q[0].kind, q[0].value, q[0].unit.as_deref()), ("money", Some(4e10), Some("EUR")));
//! ```

mod rules;
mod tokens;
mod words;

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::error::Error;
use crate::lexicon::{Lexicons, Row};
use crate::record::Quantity;
use crate::segment::{Segmentation, Token};
use crate::swar;

use tokens::Toks;
use words::{Class, Words};

const WORDS: &str = include_str!("../../lexicons/numbers_words.tsv");
const UNITS: &str = include_str!("../../lexicons/numbers_units.tsv");
const MODIFIERS: &str = include_str!("../../lexicons/numbers_modifiers.tsv");
const MONTHS: &str = include_str!("../../lexicons/numbers_months.tsv");
const LEMMAS: &str = include_str!("../../lexicons/numbers_lemmas.tsv");

/// A small multiplicative hasher for short lexicon keys (the default SipHash costs more
/// than the rest of a lookup; keys are our own lexicon words, not attacker-chosen).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        self.0 = h;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// HashMap with [`Fx`].
pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;
/// HashSet with [`Fx`].
pub(crate) type FxSet<K> = HashSet<K, BuildHasherDefault<Fx>>;

/// What a unit word makes of a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Money,
    Cent,
    Percent,
    Measure,
    Duration,
}

/// A unit or currency from `numbers_units.tsv`.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub kind: UnitKind,
    pub code: String,
    pub factor: f64,
    pub pre: bool,
    pub post: bool,
}

/// A multi-token surface form (lower case tokens, and as written for case-sensitive ones).
#[derive(Debug, Clone)]
pub(crate) struct Pattern<T> {
    pub low: Vec<String>,
    pub raw: Vec<String>,
    pub cs: bool,
    pub val: T,
}

/// Surface forms keyed by their first lower-case token, longest first.
#[derive(Debug, Clone)]
pub(crate) struct PatternSet<T> {
    pub(crate) map: FxMap<String, Vec<Pattern<T>>>,
    pub(crate) gate: WordGate,
}

impl<T> Default for PatternSet<T> {
    fn default() -> Self {
        PatternSet {
            map: FxMap::default(),
            gate: WordGate::default(),
        }
    }
}

impl<T: Clone> PatternSet<T> {
    fn add(&mut self, surface: &str, cs: bool, val: T) {
        let t = Toks::new(surface, 0, surface.len());
        if t.len() == 0 {
            return;
        }
        let low: Vec<String> = (0..t.len()).map(|i| t.low(i).to_string()).collect();
        let raw: Vec<String> = (0..t.len()).map(|i| t.raw(i).to_string()).collect();
        self.gate.insert(&low[0]);
        let list = self.map.entry(low[0].clone()).or_default();
        list.push(Pattern { low, raw, cs, val });
        list.sort_by_key(|b| std::cmp::Reverse(b.low.len()));
    }

    /// The longest pattern starting at token `i` whose tokens after the first are glued
    /// or spaced as in `t` (any spacing), ending before `limit`; returns it and its end.
    /// `lows` are the lower-case forms of `t`'s tokens ([`Toks::lower_forms`]).
    pub fn at<'s>(
        &'s self,
        t: &Toks,
        lows: &[&str],
        i: usize,
        limit: usize,
    ) -> Option<(&'s Pattern<T>, usize)> {
        let low = |k: usize| lows.get(k).copied().unwrap_or("");
        let w = low(i);
        if !self.gate.may_contain(w) {
            return None;
        }
        let list = self.map.get(w)?;
        'p: for p in list {
            let end = i + p.low.len();
            if end > limit {
                continue;
            }
            for (k, w) in p.low.iter().enumerate() {
                let ok = if p.cs {
                    t.raw(i + k) == p.raw[k]
                } else {
                    low(i + k) == w
                };
                if !ok {
                    continue 'p;
                }
            }
            // a word pattern must not run on into letters ("Euro" in "Euroländer" is one token
            // anyway); a trailing "." must not be the sentence's final stop
            if p.low.last().is_some_and(|l| l == ".") && end == limit {
                continue;
            }
            return Some((p, end));
        }
        None
    }
}

/// The compiled tables of the stage.
#[derive(Debug, Clone)]
pub(crate) struct Tables {
    // (see `triggers` for the per-token gate)
    pub words: Words,
    pub units: PatternSet<Unit>,
    pub modifiers: PatternSet<&'static str>,
    pub months: FxMap<String, u32>,
    /// The month names as a [`WordGate`] in front of the hash lookup.
    month_gate: WordGate,
    /// Words that may start a quantity other than number words (modifiers, months,
    /// "vor", "ein", units that are figures themselves, …): the per-token gate.
    pub triggers: FxSet<String>,
    /// The triggers as a [`WordGate`] in front of the hash lookup.
    trigger_gate: WordGate,
    /// plural endings of counted nouns → singular endings
    pub lemmas: Lemmas,
    /// "und" and "erst" start nothing (see [`Tables::inert`]); computed from the tables
    /// so that a lexicon addition making them a number word or trigger is still read.
    inert_und: bool,
    inert_erst: bool,
    /// "in" and "vor" are read only as the relation before a figure ("in zwei Wochen",
    /// "vor drei Jahren"): no lexicon makes them a number, unit, month or modifier (see
    /// [`Tables::relation_only`]).
    relation_only_in: bool,
    relation_only_vor: bool,
    /// The article forms ("ein", "eine", …) are read only as the numeral one (see
    /// [`Tables::article_only`]).
    articles_only: bool,
    /// First words of modifiers ("um", "über", "nicht", "bis") that no rule reads as
    /// anything but the start of a modifier (see [`Tables::modifier_only`]).
    modifier_only: WordList,
    /// Function words that are no adjective before a counted noun ([`rules::FUNCTION`]).
    pub function_words: WordList,
    /// Capitalised words that are no counted noun ([`rules::NOT_NOUN`]).
    pub not_nouns: WordList,
    /// Words before a number that make it an identifier ([`rules::ID_HEADS`]).
    pub id_heads: WordList,
}

fn parse_f64(row: &Row, i: usize) -> Result<f64, Error> {
    row.get(i)
        .parse::<f64>()
        .map_err(|_| row.error(format!("column {} must be a number", i + 1)))
}

const ADJ_ENDINGS: [&str; 6] = ["", "e", "en", "er", "es", "em"];

impl Tables {
    pub fn new(lex: &Lexicons) -> Result<Self, Error> {
        let mut words = Words::default();
        for row in lex.rows("numbers_words.tsv", WORDS) {
            let class = match row.get(2) {
                "zero" => Class::Zero,
                "unit" => Class::Unit,
                "teen" => Class::Teen,
                "tens" => Class::Tens,
                "hundred" => Class::Hundred,
                "thousand" => Class::Thousand,
                "und" => Class::Und,
                "half" => Class::Half,
                "whole" => Class::Whole,
                "scale" => Class::Scale,
                "dozen" => Class::Dozen,
                "fraction" => Class::Fraction,
                other => return Err(row.error(format!("unknown class '{other}'"))),
            };
            words.add(&row.get(0).to_lowercase(), parse_f64(&row, 1)?, class);
        }
        words.finish();

        let mut units = PatternSet::default();
        for row in lex.rows("numbers_units.tsv", UNITS) {
            let kind = match row.get(1) {
                "money" => UnitKind::Money,
                "cent" => UnitKind::Cent,
                "percent" => UnitKind::Percent,
                "measure" => UnitKind::Measure,
                "duration" => UnitKind::Duration,
                other => return Err(row.error(format!("unknown kind '{other}'"))),
            };
            let flags = row.get(4);
            let cs = flags.split(',').any(|f| f.trim() == "cs");
            let pre = flags
                .split(',')
                .any(|f| matches!(f.trim(), "pre" | "preonly"));
            let post = !flags.split(',').any(|f| f.trim() == "preonly");
            let unit = Unit {
                kind,
                code: row.get(2).to_string(),
                factor: parse_f64(&row, 3)?,
                pre,
                post,
            };
            for alt in row.get(0).split('|').filter(|a| !a.is_empty()) {
                // codes and symbols in capitals ("SEK", "GB") keep their case
                let cs =
                    cs || alt.chars().count() >= 2 && alt.chars().all(|c| c.is_ascii_uppercase());
                // "kanadisch* Dollar": the adjective with every ending
                if let Some((adj, rest)) = alt.split_once("* ") {
                    for e in ADJ_ENDINGS {
                        units.add(&[adj, e, " ", rest].concat(), cs, unit.clone());
                    }
                } else {
                    units.add(alt, cs, unit.clone());
                }
            }
        }

        let mut modifiers = PatternSet::default();
        for row in lex.rows("numbers_modifiers.tsv", MODIFIERS) {
            let m: &'static str = match row.get(1) {
                "approx" => "approx",
                "gt" => "gt",
                "ge" => "ge",
                "lt" => "lt",
                "le" => "le",
                "exact" => "exact",
                other => return Err(row.error(format!("unknown modifier '{other}'"))),
            };
            modifiers.add(row.get(0), false, m);
        }

        let mut months = FxMap::default();
        for row in lex.rows("numbers_months.tsv", MONTHS) {
            let m = row
                .get(1)
                .parse::<u32>()
                .ok()
                .filter(|m| (1..=12).contains(m))
                .ok_or_else(|| row.error("month must be 1-12"))?;
            months.insert(row.get(0).trim_end_matches('.').to_lowercase(), m);
        }

        let mut lemmas = Lemmas::default();
        for r in lex.rows("numbers_lemmas.tsv", LEMMAS) {
            lemmas.add(r.get(0).to_lowercase(), r.get(1).to_lowercase());
        }

        let mut triggers: FxSet<String> = FxSet::default();
        for w in [
            "vor",
            "in",
            "zwischen",
            "minus",
            "plus",
            "negativ",
            "hälfte",
            "dreiviertel",
            "halb",
            "halbe",
            "halben",
            "halber",
            "halbes",
            "halbem",
            "ein",
            "eine",
            "einen",
            "einem",
            "einer",
            "eines",
        ] {
            triggers.insert(w.to_string());
        }
        triggers.extend(modifiers.map.keys().cloned());
        triggers.extend(months.keys().cloned());
        for (k, list) in &units.map {
            if list
                .iter()
                .any(|p| p.val.pre || p.val.kind == UnitKind::Duration && p.val.factor != 1.0)
            {
                triggers.insert(k.clone());
            }
        }
        let mut trigger_gate = WordGate::default();
        for w in &triggers {
            trigger_gate.insert(w);
        }
        let mut month_gate = WordGate::default();
        for w in months.keys() {
            month_gate.insert(w);
        }
        let mut tables = Tables {
            words,
            units,
            modifiers,
            months,
            month_gate,
            triggers,
            trigger_gate,
            lemmas,
            inert_und: false,
            inert_erst: false,
            relation_only_in: false,
            relation_only_vor: false,
            articles_only: false,
            modifier_only: WordList::default(),
            function_words: WordList::new(rules::FUNCTION),
            not_nouns: WordList::new(rules::NOT_NOUN),
            id_heads: WordList::new(rules::ID_HEADS),
        };
        tables.inert_und = tables.starts_nothing("und");
        tables.inert_erst = tables.starts_nothing("erst");
        tables.relation_only_in = tables.no_reading_of_its_own("in");
        tables.relation_only_vor = tables.no_reading_of_its_own("vor");
        tables.articles_only = rules::EIN
            .iter()
            .all(|w| tables.no_reading_but_a_numeral(w));
        tables.modifier_only = WordList::new(
            tables
                .modifiers
                .map
                .keys()
                .filter(|w| tables.only_a_modifier(w)),
        );
        Ok(tables)
    }

    /// `w` starts a modifier and nothing else: no unit, month, cardinal, ordinal,
    /// multiplicative, adjectival duration, superlative ordinal stem or "Hälfte", and none
    /// of the words `figure` and `numeral` read before a numeral of their own ("vor", "in",
    /// "zwischen", "minus", "plus", "negativ", the article and "halb" forms, "dreiviertel").
    fn only_a_modifier(&self, w: &str) -> bool {
        self.modifiers.map.contains_key(w)
            && self.no_reading_but_a_modifier_or_numeral(w)
            && self.words.cardinal(w).is_none()
            && !matches!(
                w,
                "vor"
                    | "in"
                    | "zwischen"
                    | "minus"
                    | "plus"
                    | "negativ"
                    | "dreiviertel"
                    | "komma"
                    | "-"
                    | "−"
            )
            && !rules::EIN.contains(&w)
            && !rules::HALB.contains(&w)
    }

    /// `w` (lower case) starts a modifier and nothing else ([`Tables::only_a_modifier`]):
    /// at such a word a figure starts only if one can start after the modifier.
    #[inline]
    pub fn modifier_only(&self, w: &str) -> bool {
        self.modifier_only.contains(w)
    }

    /// A word no rule can start a figure at: no trigger, unit, month, cardinal, ordinal,
    /// multiplicative ("…mal"), adjectival duration ("…ig…") or superlative ordinal stem.
    fn starts_nothing(&self, w: &str) -> bool {
        !self.trigger(w) && self.no_reading_of_its_own(w)
    }

    /// A word that no rule reads as (or as the start of) a figure by itself: no unit,
    /// modifier, month, cardinal, ordinal, multiplicative, adjectival duration,
    /// superlative ordinal stem or "Hälfte". It may still be a trigger ("in", "vor").
    fn no_reading_of_its_own(&self, w: &str) -> bool {
        self.no_reading_but_a_numeral(w) && self.words.cardinal(w).is_none()
    }

    /// As [`Tables::no_reading_of_its_own`], but `w` may be a cardinal (the articles).
    fn no_reading_but_a_numeral(&self, w: &str) -> bool {
        !self.modifiers.map.contains_key(w) && self.no_reading_but_a_modifier_or_numeral(w)
    }

    /// No unit, month, ordinal, multiplicative, adjectival duration, superlative ordinal
    /// stem or "Hälfte": what [`Tables::no_reading_but_a_numeral`] and
    /// [`Tables::only_a_modifier`] both ask of a word besides its modifier entry.
    fn no_reading_but_a_modifier_or_numeral(&self, w: &str) -> bool {
        !self.units.map.contains_key(w)
            && !self.months.contains_key(w)
            && self.words.ordinal(w).is_none()
            && !w.ends_with("mal")
            && !w.contains("ig")
            && !["zweit", "dritt", "viert", "fünft"]
                .iter()
                .any(|p| w.starts_with(p))
            && w != "hälfte"
    }

    /// Two frequent words the per-token gate would otherwise let through ("und" is a
    /// number morpheme, "erst" an ordinal stem) and that start nothing.
    #[inline]
    pub fn inert(&self, w: &str) -> bool {
        match w {
            "und" => self.inert_und,
            "erst" => self.inert_erst,
            _ => false,
        }
    }

    /// `w` is "in" or "vor" and read only as the relation before a figure: at such a
    /// word a figure starts only if one can start at the next token.
    #[inline]
    pub fn relation_only(&self, w: &str) -> bool {
        match w {
            "in" => self.relation_only_in,
            "vor" => self.relation_only_vor,
            _ => false,
        }
    }

    /// `w` is an article form ("ein", "eine", …) and read only as the numeral one, which
    /// makes a figure only with what follows (a unit, scale or fraction word, a range).
    #[inline]
    pub fn article_only(&self, w: &str) -> bool {
        self.articles_only && rules::EIN.contains(&w)
    }

    /// After an article form ("ein", "eine", …), the next word in lower case `next` can
    /// make the article the numeral one of a figure: a unit, scale or fraction word
    /// ("ein Euro", "eine Million"), a range dash ("ein – zwei Tage"), "Uhr" ("um ein
    /// Uhr"), "gutes Dutzend" or "Millionste". Both the sentence gate and the rules'
    /// article shortcut ask this, so that they agree on what an article can start.
    pub fn may_follow_article(&self, next: &str) -> bool {
        matches!(next, "-" | "–" | "—" | "uhr" | "gutes" | "guten")
            || self.units.gate.may_contain(next) && self.units.map.contains_key(next)
            || self.words.whole(next).is_some()
            || ["millionst", "milliardst", "tausendst"]
                .iter()
                .any(|p| next.starts_with(p))
    }

    /// The month `w` (lower case) names, 1–12.
    #[inline]
    pub fn month(&self, w: &str) -> Option<u32> {
        if !self.month_gate.may_contain(w) {
            return None;
        }
        self.months.get(w).copied()
    }

    /// False when the word of lower-case bytes `b` is certainly no trigger (the gate of
    /// [`Tables::trigger`], before the word is sliced as a `str`). No filter on the first
    /// two bytes in front of it: half the words of a sentence passed one ("in", "ein",
    /// "ab", "über" share their first letters with many), a coin toss to the branch
    /// predictor for every word.
    #[inline]
    pub fn trigger_gate_bytes(&self, b: &[u8]) -> bool {
        self.trigger_gate.may_contain_bytes(b)
    }

    /// `w` (lower case) is in `triggers`.
    #[inline]
    pub fn trigger(&self, w: &str) -> bool {
        self.trigger_gate.may_contain(w) && self.triggers.contains(w)
    }
}

/// Plural endings of counted nouns and their singular endings (`numbers_lemmas.tsv`),
/// looked up by every ending of a word, longest first.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lemmas {
    /// endings of four bytes or more by their last four bytes, longest first
    by_tail: FxMap<[u8; 4], Vec<(String, String)>>,
    /// shorter endings, longest first
    short: Vec<(String, String)>,
    /// whole words ("^jungen"), before any ending
    words: FxMap<String, String>,
}

/// The last four bytes of `w`, if it has them.
fn tail4(w: &str) -> Option<[u8; 4]> {
    let b = w.as_bytes();
    b.get(b.len().checked_sub(4)?..)?.try_into().ok()
}

impl Lemmas {
    /// Adds a row; the first row of an ending wins.
    fn add(&mut self, plural: String, singular: String) {
        if let Some(word) = plural.strip_prefix('^') {
            if !word.is_empty() {
                self.words.entry(word.to_string()).or_insert(singular);
            }
            return;
        }
        if plural.is_empty() {
            return;
        }
        let list = match tail4(&plural) {
            Some(t) => self.by_tail.entry(t).or_default(),
            None => &mut self.short,
        };
        if list.iter().any(|(p, _)| *p == plural) {
            return;
        }
        // longest first; among equals the first added
        let at = list.partition_point(|(p, _)| p.len() >= plural.len());
        list.insert(at, (plural, singular));
    }

    /// The singular of the noun written `raw` (lower case `low`): a listed whole word, or
    /// the longest listed ending replaced, the written form kept before it ("Mitgliedstaaten" →
    /// "Mitgliedstaat"); a noun that is all ending gets a capital ("Soldaten" → "Soldat");
    /// "-innen" → "-in"; any other noun as written (no guessing from bare endings).
    pub fn lemma(&self, raw: &str, low: &str) -> String {
        // the lower case must line up byte for byte with the written form
        if low.len() == raw.len() {
            let whole = self.words.get(low).map(|sg| (0, sg.as_str()));
            let long = tail4(low)
                .and_then(|t| self.by_tail.get(&t))
                .map_or(&[][..], Vec::as_slice);
            let endings = long
                .iter()
                .chain(&self.short)
                .filter(|(pl, _)| low.ends_with(pl.as_str()))
                .map(|(pl, sg)| (low.len() - pl.len(), sg.as_str()));
            for (cut, sg) in whole.into_iter().chain(endings) {
                let Some(prefix) = raw.get(..cut) else {
                    continue;
                };
                let mut s = String::with_capacity(cut + sg.len());
                s.push_str(prefix);
                if s.is_empty() {
                    let mut c = sg.chars();
                    if let Some(f) = c.next() {
                        s.extend(f.to_uppercase());
                        s.push_str(c.as_str());
                    }
                } else {
                    s.push_str(sg);
                }
                return s;
            }
        }
        if let Some(p) = raw.strip_suffix("innen") {
            return [p, "in"].concat();
        }
        raw.to_string()
    }
}

/// A set of words as 65536 bits, keyed by each word's length and its first and last two
/// bytes: a gate in front of a hash lookup. Most words of a sentence fail it at the cost of
/// a few loads; length and ending also turn away the frequent words that merely share a
/// start with a member ("der", "den" with "Dezember", "auch" with "August").
#[derive(Debug, Clone)]
pub(crate) struct WordGate(Box<[u64; 1024]>);

impl Default for WordGate {
    fn default() -> Self {
        // (a fixed size: a key's word index, below 1024, needs no bounds test)
        WordGate(Box::new([0; 1024]))
    }
}

impl WordGate {
    /// Length, first two and last two bytes (overlapping in short words), mixed into a
    /// 16-bit index.
    #[inline]
    fn key(w: &str) -> usize {
        Self::key_bytes(w.as_bytes())
    }

    /// [`WordGate::key`] on a word's bytes.
    #[inline]
    fn key_bytes(b: &[u8]) -> usize {
        let pair = |x: u8, y: u8| u64::from(x) | u64::from(y) << 8;
        let (head, tail) = match (b, b.len().checked_sub(2).and_then(|k| b.get(k..))) {
            ([x, y, ..], Some([z1, z0])) => (pair(*x, *y), pair(*z1, *z0)),
            ([x], _) => (u64::from(*x), 0),
            _ => (0, 0),
        };
        let v = head | tail << 16 | (b.len() as u64) << 32;
        (v.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
    }

    pub(crate) fn insert(&mut self, w: &str) {
        let k = Self::key(w);
        if let Some(slot) = self.0.get_mut(k >> 6) {
            *slot |= 1 << (k & 63);
        }
    }

    /// False when `w` is certainly not in the set.
    #[inline]
    pub fn may_contain(&self, w: &str) -> bool {
        self.may_contain_bytes(w.as_bytes())
    }

    /// [`WordGate::may_contain`] on a word's bytes.
    #[inline]
    pub fn may_contain_bytes(&self, b: &[u8]) -> bool {
        let k = Self::key_bytes(b);
        self.0.get(k >> 6).is_some_and(|s| s >> (k & 63) & 1 == 1)
    }
}

/// A fixed list of words as a gated hash set: asked for most words near a figure, where a
/// scan of the list would compare the word with every entry of its length.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordList {
    set: FxSet<String>,
    gate: WordGate,
}

impl WordList {
    fn new(words: impl IntoIterator<Item = impl AsRef<str>>) -> Self {
        let mut list = WordList::default();
        for w in words {
            list.gate.insert(w.as_ref());
            list.set.insert(w.as_ref().to_owned());
        }
        list
    }

    /// `w` is in the list.
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        self.gate.may_contain(w) && self.set.contains(w)
    }
}

/// The quantity recogniser, built once and shared across threads.
#[derive(Debug, Clone)]
pub struct Recogniser {
    tables: Tables,
}

impl Recogniser {
    /// Builds the recogniser from the built-in lexicons plus `lex`'s additions.
    pub fn new(lex: &Lexicons) -> Result<Self, Error> {
        Ok(Recogniser {
            tables: Tables::new(lex)?,
        })
    }

    /// The quantities of `text`, with byte offsets, ids `q1…` and sentence indices.
    pub fn recognise(&self, text: &str, seg: &Segmentation) -> Vec<Quantity> {
        let mut out = Vec::new();
        let mut currency = String::from("EUR");
        let Buffers {
            toks,
            mut low,
            mut buf,
            mut scratch,
            mut passed,
        } = Buffers::take();
        let mut t = Toks::with_buffers(text, toks);
        // the gate over every sentence first, then the rules over those it let through: the
        // gate's code stays in the instruction cache from one sentence to the next, instead
        // of being evicted by the rules' (larger than the cache) at every sentence that
        // holds a figure
        passed.clear();
        for (si, s) in seg.sentences.iter().enumerate() {
            if s.start >= s.end || s.end > text.len() {
                continue;
            }
            if !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
                continue;
            }
            // a digit anywhere decides at once (every non-space char is in some token)
            let digit = text.as_bytes().get(s.start..s.end).is_some_and(has_digit);
            if digit || self.candidate(text, seg.sentence_tokens(si), &mut low, &mut buf) {
                passed.push(si);
            }
        }
        for &si in &passed {
            let s = &seg.sentences[si];
            t.fill(s.start, s.end);
            rules::sentence(&self.tables, &t, si, &mut currency, &mut scratch, &mut out);
        }
        for (k, q) in out.iter_mut().enumerate() {
            q.id = crate::record::numbered_id('q', k + 1);
        }
        Buffers {
            toks: t.into_buffers(),
            low,
            buf,
            scratch,
            passed,
        }
        .give_back();
        out
    }
}

/// The buffers `recognise` works in, kept per thread from one document to the next: a
/// short document would otherwise spend as much on allocating and growing them as on
/// reading its sentences.
#[derive(Default)]
struct Buffers {
    toks: tokens::Buffers,
    low: String,
    buf: String,
    scratch: rules::Scratch,
    /// The indices of the sentences the gate let through.
    passed: Vec<usize>,
}

thread_local! {
    static BUFFERS: Cell<Buffers> = Cell::new(Buffers::default());
}

impl Buffers {
    /// This thread's buffers (fresh ones if they are lent out already).
    fn take() -> Self {
        crate::scratch::take(&BUFFERS)
    }

    /// Keeps the buffers for this thread's next document.
    fn give_back(self) {
        crate::scratch::keep(&BUFFERS, self);
    }
}

impl Recogniser {
    /// The cheap gate of a sentence without digits (`recognise` asks for those on the
    /// sentence's bytes first), on the segmenter's tokens: can it hold a figure at all?
    /// True for a fraction sign, or a word that reads as a number, an
    /// ordinal, a multiplicative or an adjectival duration, "Hälfte", "Viertelstunde",
    /// and an article before a unit or scale word ("einen Tag", "eine Million").
    /// Out of line: its loop over every token gets registers of its own instead of
    /// reloading the tables from the stack of `recognise`.
    #[inline(never)]
    fn candidate(&self, text: &str, toks: &[Token], low: &mut String, buf: &mut String) -> bool {
        let tb = &self.tables;
        if toks.is_empty() {
            // no tokens from the segmenter: read the sentence rather than guess
            return true;
        }
        // (a digit anywhere in the sentence was asked by `recognise` before)
        let bytes = text.as_bytes();
        for (k, tok) in toks.iter().enumerate() {
            // the first two bytes decide for most words: one branch on the pair gate and
            // the lead byte of a fraction sign, both read without branching (the length
            // of a token and its pair were each a coin toss to the branch predictor)
            let b = bytes.get(tok.start..tok.start + 2).unwrap_or(&[]);
            let two = tok.end >= tok.start + 2;
            let pair = two & tb.words.may_pair_bytes(b);
            let fraction_lead = two & matches!(b.first(), Some(0xC2 | 0xE2));
            if !(pair | fraction_lead) {
                continue;
            }
            if !pair {
                if matches!(
                    text.get(tok.start..tok.end),
                    Some("½" | "⅓" | "⅔" | "¼" | "¾" | "⅕" | "⅙" | "⅛")
                ) {
                    return true;
                }
                continue;
            }
            let Some(w) = text.get(tok.start..tok.end) else {
                continue;
            };
            // the first three letters turn away most words that passed the first two
            if !tb.words.may_prefix_bytes(w.as_bytes()) {
                continue;
            }
            // "und" (a number morpheme) is the most frequent word past the pair gate
            if w == "und" && tb.inert("und") {
                continue;
            }
            let lw = lower_case(w, low);
            let first = match lw.bytes().position(|x| x == b'-') {
                Some(h) => &lw[..h],
                None => lw,
            };
            if matches!(
                first,
                "ein"
                    | "eine"
                    | "einen"
                    | "einem"
                    | "einer"
                    | "eines"
                    | "halbe"
                    | "halben"
                    | "halbem"
                    | "halber"
                    | "halbes"
            ) {
                // "ein-jährige": the rules read the compound, not the article
                if first.len() < lw.len() {
                    return true;
                }
                if let Some(next) = toks.get(k + 1).and_then(|t| text.get(t.start..t.end)) {
                    let n = lower_case(next, low);
                    if tb.may_follow_article(n)
                        || matches!(
                            n,
                            "halb"
                                | "halbe"
                                | "halben"
                                | "halbem"
                                | "halber"
                                | "halbes"
                                | "dreiviertel"
                        )
                        || tb.words.may_follow_ein(n) && {
                            buf.clear();
                            buf.push_str("ein");
                            buf.push_str(n);
                            tb.words.cardinal(buf).is_some_and(|v| v >= 100.0)
                        }
                    {
                        return true;
                    }
                }
                continue;
            }
            if matches!(
                first,
                "hälfte"
                    | "viertelstunde"
                    | "viertelstunden"
                    | "dreiviertelstunde"
                    | "vierteljahrhundert"
                    | "vierteljahr"
            ) {
                return true;
            }
            let ordinal_stem = ["erst", "dritt", "siebt", "zweit", "viert", "fünft"]
                .iter()
                .any(|p| first.starts_with(p));
            if !(tb.words.may_start(first) || ordinal_stem) {
                continue;
            }
            if tb.words.cardinal(first).is_some()
                || tb.words.ordinal(first).is_some()
                || ordinal_stem
                || first.ends_with("mal")
                || first.as_bytes().windows(2).any(|x| x == b"ig")
                || first.as_bytes().windows(7).any(|x| x == b"viertel")
            {
                return true;
            }
        }
        false
    }
}

/// `w` in lower case (as [`push_lowercase`] writes it): `w` itself when it is ASCII without
/// capitals (most words the sentence gate lowers), else written into `low`.
fn lower_case<'w>(w: &'w str, low: &'w mut String) -> &'w str {
    if !w.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        return w;
    }
    low.clear();
    push_lowercase(w, low);
    low
}

/// Appends `w` in lower case (as `char::to_lowercase`), with Latin-1 mapped directly: the
/// general conversion searches Unicode tables for every char.
fn push_lowercase(w: &str, low: &mut String) {
    if w.is_ascii() {
        let a = low.len();
        low.push_str(w);
        if let Some(tail) = low.get_mut(a..) {
            tail.make_ascii_lowercase();
        }
        return;
    }
    for c in w.chars() {
        match c {
            // no capitals among them but ASCII's (µ, ß, ÿ and the signs are their own)
            '\0'..='\u{BF}' | '\u{D7}' | '\u{DF}'..='\u{FF}' => low.push(c.to_ascii_lowercase()),
            // À … Þ: the small letter is 0x20 further
            '\u{C0}'..='\u{DE}' => low.push(char::from_u32(u32::from(c) + 0x20).unwrap_or(c)),
            _ => low.extend(c.to_lowercase()),
        }
    }
}

/// `v` in decimal, zero-padded to `width` digits (as `{v:0width}`), without the
/// formatting machinery (ids, ISO dates and times).
pub(crate) fn push_padded(s: &mut String, v: u64, width: usize) {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(v);
    for _ in digits.len()..width {
        s.push('0');
    }
    s.push_str(digits);
}

/// Any ASCII digit in `b`. Runs over every sentence's bytes, so it tests 32 bytes at a
/// time without branching inside a chunk (a form the compiler turns into vector code).
fn has_digit(b: &[u8]) -> bool {
    let mut chunks = b.chunks_exact(32);
    for c in &mut chunks {
        if c.iter()
            .fold(false, |acc, &x| acc | (x.wrapping_sub(b'0') < 10))
        {
            return true;
        }
    }
    // the rest (a sentence's last 0–31 bytes) eight bytes at a time, without branching
    // per byte
    let rest = chunks.remainder();
    let mut i = 0;
    while let Some(x) = swar::word_at(rest, i) {
        if swar::in_range(x, b'0', b'9') != 0 {
            return true;
        }
        i += 8;
    }
    rest.get(i..)
        .is_some_and(|r| r.iter().any(u8::is_ascii_digit))
}

#[cfg(test)]
mod tests;
