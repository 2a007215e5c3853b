//! Numerals: German digit notation and written-out numbers, cardinal and ordinal.
//!
//! Written-out numbers get a small parser of their own (as Duckling's `NumParser`), not a
//! regex: the word is cut into morphemes from `lexicons/numbers_words.tsv` by longest match
//! ("siebenhunderteinundzwanzigtausendzwölf" → sieben·hundert·ein·und·zwanzig·tausend·zwölf)
//! and a small state machine checks their order and sums them. It reads one word only;
//! scale words after it ("zwei Milliarden") and articles are the rules' business.
//!
//! Digits: `1.000`, `3,5`, `2.000,352`, `0033`, `,77`; a dot group that is not three digits
//! (`14.30`, `3.10.2000`) is not a plain number (dates and times read those).

use super::{FxMap, WordGate};

/// The class of a number morpheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// `null`
    Zero,
    /// 1–9
    Unit,
    /// 10–19
    Teen,
    /// 20, 30, … 90
    Tens,
    /// `hundert`
    Hundred,
    /// `tausend`
    Thousand,
    /// `und`
    Und,
    /// `einhalb`, `dreiviertel`: a fraction added to what precedes
    Half,
    /// `anderthalb`: a value on its own
    Whole,
    /// A scale word after a numeral (`Milliarden`, `Mio`)
    Scale,
    /// `Dutzend`
    Dozen,
    /// A fraction noun (`Drittel`: value is the denominator)
    Fraction,
}

/// Number words, compiled from the lexicon.
#[derive(Debug, Clone, Default)]
pub struct Words {
    /// In-word morphemes, longest first.
    morphs: Vec<(String, f64, Class)>,
    /// The morphemes by first byte (longest first), so a word that starts with no
    /// morpheme is rejected at once.
    by_first: Vec<Vec<Head>>,
    /// Lower-case first two bytes of every word that may start a figure (morphemes, ordinal
    /// stems, articles, "halb", "Hälfte", "Viertel…"): 65536 bits.
    pairs: Vec<u64>,
    /// `pairs` as written: the bit of every two bytes whose lower case (as
    /// [`Words::may_pair_bytes`] folds them) is in `pairs`, so the gate asked for every
    /// word is one load without folding.
    written_pairs: PairBits,
    /// The same words by their lower-case first four bytes (first three for three-byte
    /// words such as "ein", "elf"), hashed into 65536 bits: a second gate that turns away
    /// "für", "sie", "viele", "neue" which share their first letters with a number word.
    /// All bits set when some such word is shorter than three bytes.
    prefixes: PairBits,
    /// The first three bytes of the words of four bytes or more, hashed as in `prefixes`:
    /// only a word starting like one of them has its fourth byte folded and hashed.
    longer_heads: PairBits,
    /// Whole words: scale words, dozen, fraction nouns.
    whole: FxMap<String, (f64, Class)>,
    /// The whole words as a gate in front of their hash lookup (asked after every numeral).
    whole_gate: WordGate,
    /// What follows "ein" in the morphemes that start with it ("s" of "eins", "halb" of
    /// "einhalb"): see [`Words::may_follow_ein`].
    ein_tails: Vec<String>,
    /// False when some morpheme is shorter than two bytes or a start of "ein" shorter than
    /// it, which [`Words::may_follow_ein`] cannot rule out by the pair gate.
    ein_gate: bool,
}

/// 65536 bits, one for every two bytes, in an array of fixed size: a pair's word index
/// (below 1024) needs no bounds test.
#[derive(Debug, Clone)]
struct PairBits(Box<[u64; 1024]>);

impl Default for PairBits {
    fn default() -> Self {
        PairBits(Box::new([0; 1024]))
    }
}

impl PairBits {
    /// The bits of `words` (missing ones clear).
    fn from_words(words: &[u64]) -> Self {
        let mut bits = PairBits::default();
        for (b, w) in bits.0.iter_mut().zip(words) {
            *b = *w;
        }
        bits
    }

    /// The bit of the pair `x y`.
    #[inline(always)]
    fn get(&self, x: u8, y: u8) -> bool {
        self.has(usize::from(x) << 8 | usize::from(y))
    }

    /// Bit `k` (a 16-bit key; larger keys wrap).
    #[inline(always)]
    fn has(&self, k: usize) -> bool {
        let k = k & 0xFFFF;
        self.0[k >> 6] >> (k & 63) & 1 == 1
    }

    /// Sets bit `k` (a 16-bit key; larger keys wrap).
    fn set(&mut self, k: usize) {
        let k = k & 0xFFFF;
        self.0[k >> 6] |= 1 << (k & 63);
    }
}

/// A morpheme's first eight bytes as one word, to test "starts with" by a masked
/// compare instead of a `memcmp` call (the test runs for every morpheme sharing a first
/// byte with the rest of the word, at every position of every word parsed).
#[derive(Debug, Clone, Copy)]
struct Head {
    /// The first (up to) eight bytes, little-endian, zero-padded.
    bits: u64,
    /// Ones over the bytes the morpheme has among its first eight.
    mask: u64,
    /// Longer than eight bytes: the rest is compared as bytes.
    long: bool,
    /// Index into `morphs`.
    k: u16,
}

/// The first (up to) eight bytes of `b`, little-endian, zero-padded.
#[inline]
fn head8(b: &[u8]) -> u64 {
    match b.first_chunk::<8>() {
        Some(c) => u64::from_le_bytes(*c),
        // (a shorter word byte by byte: a copy of variable length is a `memcpy` call)
        None => b.iter().rev().fold(0, |acc, &x| acc << 8 | u64::from(x)),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Start,
    Unit,
    Teen,
    Tens,
    Hundred,
    Thousand,
    UndAfterUnit,
    UndAfterHT,
    Done,
}

impl Words {
    /// Adds a lexicon row.
    pub fn add(&mut self, word: &str, value: f64, class: Class) {
        match class {
            Class::Scale | Class::Dozen | Class::Fraction => {
                self.whole.insert(word.to_string(), (value, class));
                if class == Class::Scale && word == "tausend" {
                    self.morphs.push((word.to_string(), value, Class::Thousand));
                }
            }
            _ => self.morphs.push((word.to_string(), value, class)),
        }
    }

    /// Sorts the morphemes for longest-first matching (call once after adding).
    pub fn finish(&mut self) {
        self.morphs
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        self.morphs.dedup_by(|a, b| a.0 == b.0);
        self.pairs = vec![0; 1 << 10];
        let extra = [
            "erst",
            "dritt",
            "siebt",
            "zweit",
            "viert",
            "fünft",
            "ein",
            "halb",
            "hälfte",
            "viertel",
            "dreiviertel",
            "gut",
        ];
        let words: Vec<String> = self.morphs.iter().map(|m| m.0.clone()).collect();
        self.prefixes = PairBits::default();
        self.longer_heads = PairBits::default();
        for w in words.iter().map(String::as_str).chain(extra) {
            let b = w.as_bytes();
            if b.len() >= 2 {
                let k = usize::from(b[0]) << 8 | usize::from(b[1]);
                self.pairs[k >> 6] |= 1 << (k & 63);
            }
            match *b {
                [x, y, z] => self.set_prefix(prefix_key(x, y, z, None)),
                [x, y, z, q, ..] => {
                    self.set_prefix(prefix_key(x, y, z, Some(q)));
                    self.longer_heads.set(prefix_key(x, y, z, None));
                }
                _ => self.prefixes.0.fill(u64::MAX),
            }
        }
        self.written_pairs = PairBits::from_words(&self.written_pairs_by_rows());
        self.ein_tails = self
            .morphs
            .iter()
            .filter_map(|m| m.0.strip_prefix("ein"))
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect();
        self.ein_gate = self
            .morphs
            .iter()
            .all(|m| m.0.len() >= 2 && !(m.0.len() < 3 && "ein".starts_with(m.0.as_str())));
        self.whole_gate = WordGate::default();
        for w in self.whole.keys() {
            self.whole_gate.insert(w);
        }
        self.by_first = vec![Vec::new(); 256];
        for (k, (w, _, _)) in self.morphs.iter().enumerate() {
            let b = w.as_bytes();
            if let Some(&first) = b.first() {
                let n = b.len().min(8);
                self.by_first[usize::from(first)].push(Head {
                    bits: head8(b),
                    mask: if n == 8 {
                        u64::MAX
                    } else {
                        (1u64 << (8 * n)) - 1
                    },
                    long: b.len() > 8,
                    k: k as u16,
                });
            }
        }
    }

    /// `written_pairs`: every two bytes `x y` for which [`Words::pair_folded`] holds. The
    /// folded first byte picks one row of 256 bits of `pairs`, and most rows are empty (few
    /// letters start a number word): those rows are skipped, not tested pair by pair (the
    /// 65536 tests were the largest part of building the tables, once per process).
    fn written_pairs_by_rows(&self) -> Vec<u64> {
        let mut written = vec![0u64; 1 << 10];
        for x in 0..=255u8 {
            let mut folded = x.to_ascii_lowercase();
            if folded == 0 {
                folded = 1;
            }
            let row = usize::from(folded) << 8;
            let empty = self
                .pairs
                .get(row >> 6..(row >> 6) + 4)
                .is_none_or(|r| r.iter().all(|&w| w == 0));
            if empty {
                continue;
            }
            for y in 0..=255u8 {
                if self.pair_folded(usize::from(x), usize::from(y)) {
                    let k = usize::from(x) << 8 | usize::from(y);
                    written[k >> 6] |= 1 << (k & 63);
                }
            }
        }
        written
    }

    fn set_prefix(&mut self, k: usize) {
        self.prefixes.set(k);
    }

    /// A first gate on the bytes of a word as written: its first two bytes, lower-cased
    /// (ASCII and the German capitals Ä Ö Ü), are those of a word that may start a figure.
    #[inline]
    pub fn may_pair_bytes(&self, b: &[u8]) -> bool {
        let [x, y, ..] = *b else {
            return false;
        };
        self.written_pairs.get(x, y)
    }

    /// The pair gate on two bytes as written: their lower case (ASCII, and the Latin-1
    /// capitals after 0xC3) is in `pairs` (builds `written_pairs`).
    fn pair_folded(&self, first: usize, second: usize) -> bool {
        let (Ok(x), Ok(y)) = (u8::try_from(first), u8::try_from(second)) else {
            return false;
        };
        let (mut x, mut y) = (x.to_ascii_lowercase(), y);
        if x == 0xC3 {
            if (0x80..=0x9E).contains(&y) {
                y += 0x20;
            }
        } else {
            y = y.to_ascii_lowercase();
        }
        if x == 0 {
            x = 1;
        }
        let k = usize::from(x) << 8 | usize::from(y);
        self.pairs
            .get(k >> 6)
            .is_some_and(|s| s >> (k & 63) & 1 == 1)
    }

    /// The second gate after [`Words::may_pair_bytes`]: the word as written, lower-cased
    /// like the pairs (ASCII, and the Latin-1 capitals after 0xC3), starts with the first
    /// three bytes of a three-byte word that may start a figure ("ein") or the first four
    /// of a longer one ("vier", "fünf" = `f` `ü` `n`). A word of fewer bytes starts none.
    /// Always inlined: asked for some 60,000 words in a corpus by the sentence gate and the
    /// rules' per-token gate, the call alone cost a fifth of the test.
    #[inline(always)]
    pub fn may_prefix_bytes(&self, b: &[u8]) -> bool {
        let [x, y, z, ..] = *b else {
            return self.prefixes.0[0] == u64::MAX;
        };
        let fold = |lead: u8, c: u8| {
            if lead == 0xC3 && (0x80..=0x9E).contains(&c) {
                c + 0x20
            } else {
                c.to_ascii_lowercase()
            }
        };
        let (x, y2, z2) = (x.to_ascii_lowercase(), fold(x, y), fold(y, z));
        let head = prefix_key(x, y2, z2, None);
        // (the fourth byte is folded and hashed only after a longer word's first three
        // bytes: most words that reach this gate start like no number word)
        self.prefixes.has(head)
            || b.get(3).is_some_and(|&q| {
                self.longer_heads.has(head)
                    && self.prefixes.has(prefix_key(x, y2, z2, Some(fold(z, q))))
            })
    }

    /// False when "ein" followed by the lower-case word `n` is certainly no cardinal
    /// ("ein hundert" is read as "einhundert"), before the two are joined and parsed.
    /// Exact: the parse of "ein…" starts with a morpheme that is "ein" itself, and then
    /// another starts `n` (whose first two bytes are in the pair gate, as those of every
    /// morpheme), or one longer than "ein", and `n` starts with the rest of it.
    #[inline]
    pub fn may_follow_ein(&self, n: &str) -> bool {
        !self.ein_gate
            || n.len() < 2
            || self.may_pair_bytes(n.as_bytes())
            || self.ein_tails.iter().any(|t| n.starts_with(t.as_str()))
    }

    /// The value and class of a whole word (scale word, dozen, fraction noun; lower case).
    #[inline]
    pub fn whole(&self, w: &str) -> Option<(f64, Class)> {
        if !self.whole_gate.may_contain(w) {
            return None;
        }
        self.whole.get(w).copied()
    }

    /// The morphemes `rest` starts with, longest first.
    #[inline]
    fn morphs_at<'w>(&'w self, rest: &'w str) -> impl Iterator<Item = &'w (String, f64, Class)> {
        let b = rest.as_bytes();
        let bucket = b
            .first()
            .and_then(|&x| self.by_first.get(usize::from(x)))
            .map_or(&[][..], Vec::as_slice);
        let h = head8(b);
        bucket
            .iter()
            .filter(move |m| h & m.mask == m.bits)
            .filter_map(|m| self.morphs.get(usize::from(m.k)).map(|w| (m, w)))
            .filter(move |(m, w)| !m.long || rest.starts_with(w.0.as_str()))
            .map(|(_, w)| w)
    }

    /// True when `s` starts with a number morpheme (a cheap gate before parsing).
    pub fn may_start(&self, s: &str) -> bool {
        self.morphs_at(s).next().is_some()
    }

    /// The value of a written-out cardinal (lower case, one word), e.g.
    /// "dreiundzwanzig" → 23, "zweieinhalb" → 2.5.
    pub fn cardinal(&self, s: &str) -> Option<f64> {
        // (a word that starts with no morpheme fails at the first step of the loop)
        if s.is_empty() || s.len() > 160 {
            return None;
        }
        let (mut total, mut group, mut sub, mut frac) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
        let mut hundred_in_group = false;
        let mut last = Last::Start;
        let mut pos = 0;
        while pos < s.len() {
            let rest = &s[pos..];
            let m = self.morphs_at(rest).find(|(w, _, c)| {
                // "eins" only at the end
                (w != "eins" || rest.len() == 4)
                    // "halb" after "und" is read below
                    && !(*c == Class::Und && rest.len() == 3)
            });
            let (w, v, c) = match m {
                Some(m) => (m.0.as_str(), m.1, m.2),
                None => {
                    // "einundhalb"
                    if rest == "halb" && last == Last::UndAfterUnit {
                        frac = 0.5;
                        last = Last::Done;
                        pos = s.len();
                        continue;
                    }
                    return None;
                }
            };
            last = match (c, last) {
                (Class::Zero, Last::Start) if s == "null" => Last::Done,
                (Class::Whole, Last::Start) if rest.len() == w.len() => {
                    sub = v;
                    Last::Done
                }
                (Class::Unit, Last::Start | Last::Hundred | Last::Thousand | Last::UndAfterHT) => {
                    sub = v;
                    Last::Unit
                }
                (Class::Teen, Last::Start | Last::Hundred | Last::Thousand | Last::UndAfterHT) => {
                    sub = v;
                    Last::Teen
                }
                (
                    Class::Tens,
                    Last::Start
                    | Last::Hundred
                    | Last::Thousand
                    | Last::UndAfterHT
                    | Last::UndAfterUnit,
                ) => {
                    sub = if last == Last::UndAfterUnit {
                        sub + v
                    } else {
                        v
                    };
                    Last::Tens
                }
                (Class::Und, Last::Unit) => Last::UndAfterUnit,
                (Class::Und, Last::Hundred | Last::Thousand) => Last::UndAfterHT,
                (Class::Hundred, Last::Start | Last::Unit | Last::Teen) if !hundred_in_group => {
                    if last == Last::Teen && total > 0.0 {
                        return None;
                    }
                    group = if last == Last::Start {
                        100.0
                    } else {
                        sub * 100.0
                    };
                    sub = 0.0;
                    hundred_in_group = true;
                    Last::Hundred
                }
                (
                    Class::Thousand,
                    Last::Start | Last::Unit | Last::Teen | Last::Tens | Last::Hundred,
                ) if total == 0.0 => {
                    let g = group + sub;
                    total = if g == 0.0 { 1000.0 } else { g * 1000.0 };
                    group = 0.0;
                    sub = 0.0;
                    hundred_in_group = false;
                    Last::Thousand
                }
                (Class::Half, Last::Unit | Last::Teen | Last::Tens) => {
                    frac = v;
                    Last::Done
                }
                (Class::Half, Last::Start) if w == "dreiviertel" => {
                    frac = v;
                    Last::Done
                }
                _ => return None,
            };
            pos += w.len();
        }
        match last {
            Last::Start | Last::UndAfterHT | Last::UndAfterUnit => None,
            _ => Some(total + group + sub + frac),
        }
    }

    /// The value of a written-out ordinal with its ending ("dritte", "einundsechzigsten",
    /// "tausendste"), or None.
    pub fn ordinal(&self, s: &str) -> Option<f64> {
        if !(self.may_start(s)
            || s.starts_with("erst")
            || s.starts_with("dritt")
            || s.starts_with("siebt"))
        {
            return None;
        }
        let stem = ["en", "er", "es", "em", "e"]
            .iter()
            .find_map(|e| s.strip_suffix(e))?;
        if let Some(base) = stem.strip_suffix("st") {
            if let Some(v) = self.cardinal(base) {
                let r = v % 100.0;
                if v >= 20.0 && (r == 0.0 || r >= 20.0) && v.fract() == 0.0 {
                    return Some(v);
                }
            }
        }
        let base = stem.strip_suffix('t')?;
        // the cardinal of an irregular stem, spelled out in a stack buffer (no allocation;
        // longer than any number word `cardinal` reads means no number)
        let mut buf = [0u8; 168];
        let mut respell = |p: &str, cardinal: &str| -> Option<usize> {
            let n = p.len() + cardinal.len();
            buf.get_mut(..p.len())?.copy_from_slice(p.as_bytes());
            buf.get_mut(p.len()..n)?
                .copy_from_slice(cardinal.as_bytes());
            Some(n)
        };
        let fixed = if let Some(p) = base.strip_suffix("ers") {
            Some(respell(p, "eins")?)
        } else if let Some(p) = base.strip_suffix("drit") {
            Some(respell(p, "drei")?)
        } else if let Some(p) = base.strip_suffix("sieb") {
            Some(respell(p, "sieben")?)
        } else if let Some(p) = base.strip_suffix("ach") {
            Some(respell(p, "acht")?)
        } else if base.ends_with("ein") || base.ends_with("eins") {
            // "einte" is a verb; the first is "erste"
            return None;
        } else {
            None
        };
        let base = match fixed {
            Some(n) => std::str::from_utf8(buf.get(..n)?).ok()?,
            None => base,
        };
        let v = self.cardinal(base)?;
        let r = v % 100.0;
        (v.fract() == 0.0 && (1.0..20.0).contains(&r)).then_some(v)
    }
}

/// Three or four bytes hashed to one of 65536 bits.
#[inline]
fn prefix_key(x: u8, y: u8, z: u8, q: Option<u8>) -> usize {
    let v = u64::from(x) << 32
        | u64::from(y) << 24
        | u64::from(z) << 16
        | q.map_or(1, |q| u64::from(q) << 8 | 2);
    (v.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}

/// `s` holds the ASCII byte `b` (as `str::contains` with that char, by a plain loop: the
/// strings asked are short digit groups, shorter than the searcher's setup).
#[inline]
pub fn has_byte(s: &str, b: u8) -> bool {
    s.bytes().any(|x| x == b)
}

/// The value of German digit notation: `1.000`, `3,5`, `2.000,352`, `0033`, `,77`.
/// None for dot groups that are not thousands (`14.30`, `3.10.2000`) and for `:`.
pub fn digits(s: &str) -> Option<f64> {
    // plain digits (most figures: "2014", "30", "0033") in one pass; up to 15 of them the
    // value is below 2^53, exact in both ways of summing, and whole, which `round` keeps
    plain_digits(s).or_else(|| digits_general(s))
}

/// [`digits`] for any notation (the definition the fast path agrees with).
fn digits_general(s: &str) -> Option<f64> {
    if has_byte(s, b':') {
        return None;
    }
    let (int, dec) = match s.split_once(',') {
        Some((a, b)) => {
            if has_byte(b, b',') || has_byte(b, b'.') {
                return None;
            }
            (a, Some(b))
        }
        None => (s, None),
    };
    let mut v = 0.0f64;
    if has_byte(int, b'.') {
        for (k, g) in int.split('.').enumerate() {
            let ok = if k == 0 {
                (1..=3).contains(&g.len())
            } else {
                g.len() == 3
            };
            if !ok {
                return None;
            }
        }
    }
    for c in int.chars().filter(char::is_ascii_digit) {
        v = v * 10.0 + f64::from(c as u8 - b'0');
    }
    if let Some(d) = dec {
        let mut scale = 0.1;
        for c in d.chars() {
            v += f64::from(c as u8 - b'0') * scale;
            scale /= 10.0;
        }
    }
    Some(round(v))
}

/// The value of 1 to 15 ASCII digits and nothing else (None for anything else).
#[inline]
fn plain_digits(s: &str) -> Option<f64> {
    if s.is_empty() || s.len() > 15 {
        return None;
    }
    let mut v = 0u64;
    for b in s.bytes() {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        v = v * 10 + u64::from(d);
    }
    Some(v as f64)
}

/// Rounds away binary noise (2.3 stays 2.3 after scaling).
pub fn round(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    // a whole number has no noise: below 10^13 times the scale is exact and rounds back
    // to itself, and from 10^12 up the scale is 1 (most figures; saves log10 and powi)
    if v.fract() == 0.0 {
        return v;
    }
    let mag = v.abs().log10().floor() as i32;
    let p = 10f64.powi(12 - mag.clamp(-12, 12));
    let r = (v * p).round() / p;
    // only binary noise is removed: 2.3000000000000003 → 2.3, but 2/3 stays
    let q = 10f64.powi(8 - mag.clamp(-8, 8));
    if ((v * q).round() - v * q).abs() < 1e-4 {
        r
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicons;

    fn words() -> Words {
        super::super::Tables::new(&Lexicons::default())
            .unwrap()
            .words
    }

    #[test]
    fn written_pairs_by_rows_match_every_pair_tested() {
        let w = words();
        let mut plain = vec![0u64; 1 << 10];
        for k in 0..1usize << 16 {
            if w.pair_folded(k >> 8, k & 0xFF) {
                plain[k >> 6] |= 1 << (k & 63);
            }
        }
        assert!(plain.iter().any(|&x| x != 0));
        assert_eq!(w.written_pairs_by_rows(), plain);
        assert_eq!(w.written_pairs.0[..], plain[..]);
    }

    /// `PairBits` (a fixed-size array) answers as a bit vector of 65536 bits: every key
    /// set from a spread of keys reads back set, every other clear, and a pair's bit is
    /// the key of its two bytes.
    #[test]
    fn pair_bits_read_as_a_bit_vector() {
        let mut bits = PairBits::default();
        let mut plain = vec![false; 1 << 16];
        for k in (0..1usize << 16).step_by(97).chain([0, 63, 64, 65535]) {
            bits.set(k);
            plain[k] = true;
        }
        for (k, &set) in plain.iter().enumerate() {
            assert_eq!(bits.has(k), set, "help: bit {k}");
            assert_eq!(bits.get((k >> 8) as u8, k as u8), set, "help: pair {k}");
        }
        let words: Vec<u64> = bits.0.to_vec();
        assert_eq!(PairBits::from_words(&words).0, bits.0);
    }

    #[test]
    fn prefix_gate_lets_every_number_word_through() {
        let w = words();
        let mut checked = 0;
        let extra = [
            "erst", "dritt", "siebt", "zweit", "viert", "fünft", "ein", "halb",
        ];
        let stems = w.morphs.iter().map(|m| m.0.as_str()).chain(extra);
        for stem in stems {
            let mut capital = stem.chars();
            let capital: String = capital
                .next()
                .map(|c| c.to_uppercase().chain(capital).collect())
                .unwrap_or_default();
            for form in [stem.to_string(), capital, stem.to_uppercase()] {
                for ending in ["", "e", "en", "zig", "hundert"] {
                    let word = [form.as_str(), ending].concat();
                    if word.len() < 3 {
                        continue;
                    }
                    assert!(w.may_prefix_bytes(word.as_bytes()), "help: {word:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 300);
        // and it still turns words away
        assert!(!w.may_prefix_bytes(b"Zeitung") && !w.may_prefix_bytes(b"sie"));
    }

    /// `may_follow_ein` turns away no word that makes a cardinal after "ein": every
    /// morpheme and morpheme pair, the rest of each morpheme after its first bytes, number
    /// words and plain words, each tested against the parse of "ein" + word.
    #[test]
    fn may_follow_ein_passes_every_cardinal_after_ein() {
        let w = words();
        assert!(
            w.ein_gate,
            "help: the gate would pass everything (test is vacuous)"
        );
        let morphs: Vec<&str> = w.morphs.iter().map(|m| m.0.as_str()).collect();
        let mut words: Vec<String> = [
            "",
            "s",
            "halb",
            "hundert",
            "hundertzwanzig",
            "tausend",
            "tausendfünfhundert",
            "undzwanzig",
            "undzwanzigtausend",
            "einhalb",
            "Frau",
            "neue",
            "stündige",
            "mal",
            "zig",
            "h",
            "x",
        ]
        .iter()
        .map(|x| x.to_string())
        .collect();
        for a in &morphs {
            for k in 0..=a.len() {
                if let Some(rest) = a.get(k..) {
                    words.push(rest.to_string());
                }
            }
            for b in &morphs {
                words.push([*a, *b].concat());
            }
        }
        let (mut cardinals, mut turned_away) = (0, 0);
        for n in &words {
            let joined = ["ein", n.as_str()].concat();
            if w.cardinal(&joined).is_some() {
                cardinals += 1;
                assert!(w.may_follow_ein(n), "help: {joined:?} is a cardinal");
            } else if !w.may_follow_ein(n) {
                turned_away += 1;
            }
        }
        assert!(
            cardinals > 50 && turned_away > 50,
            "help: {cardinals} {turned_away}"
        );
        for n in ["frau", "kinder", "leute", "berlin", "woche"] {
            assert!(!w.may_follow_ein(n), "help: {n:?} is turned away");
        }
    }

    #[test]
    fn plain_digits_agree_with_the_general_reading() {
        let mut cases: Vec<String> = [
            "0", "7", "30", "0033", "2014", "9a", "1/", "", "١٢", "12 ", "1.000", "3,5", "14:30",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for len in 1..=17 {
            cases.push("9".repeat(len));
            cases.push("7".repeat(len));
            cases.push(format!("1{}", "0".repeat(len - 1)));
        }
        let mut read = 0;
        for c in &cases {
            if let Some(v) = plain_digits(c) {
                assert_eq!(Some(v), digits_general(c), "help: plain_digits({c:?})");
                read += 1;
            } else {
                // only what is no plain run of up to 15 digits is left to the general path
                assert!(
                    c.len() > 15 || !c.bytes().all(|b| b.is_ascii_digit()) || c.is_empty(),
                    "help: plain_digits({c:?}) must read it"
                );
            }
            assert_eq!(digits(c), digits_general(c), "help: digits({c:?})");
        }
        assert!(read > 40);
    }

    #[test]
    fn cardinal_table() {
        let w = words();
        let cases: &[(&str, Option<f64>)] = &[
            ("eins", Some(1.0)),
            ("dreiundzwanzig", Some(23.0)),
            ("dreiunddreissig", Some(33.0)),
            ("hundertzwei", Some(102.0)),
            ("einhunderttausend", Some(100000.0)),
            ("eintausendachthundertzweiundfünfzig", Some(1852.0)),
            ("siebenhunderteinundzwanzigtausendundzwölf", Some(721012.0)),
            ("neunzehnhundertdreiundsiebzig", Some(1973.0)),
            (
                "dreihundertneunundneunzigtausendfuenfhundertneunundvierzig",
                Some(399549.0),
            ),
            ("zweieinhalb", Some(2.5)),
            ("eineinhalb", Some(1.5)),
            ("einundhalb", Some(1.5)),
            ("anderthalb", Some(1.5)),
            ("dreiviertel", Some(0.75)),
            ("eindreiviertel", Some(1.75)),
            ("null", Some(0.0)),
            // negatives
            ("zweidrei", None),
            ("undzwanzig", None),
            ("einsundzwanzig", None),
            ("zwanzigundeins", None),
            ("hunderte", None),
            ("einmal", None),
            ("achtung", None),
            ("neunziger", None),
        ];
        for (s, v) in cases {
            assert_eq!(w.cardinal(s), *v, "help: cardinal({s:?})");
        }
    }

    #[test]
    fn ordinal_table() {
        let w = words();
        let cases: &[(&str, Option<f64>)] = &[
            ("erste", Some(1.0)),
            ("ersten", Some(1.0)),
            ("zweiter", Some(2.0)),
            ("dritten", Some(3.0)),
            ("siebte", Some(7.0)),
            ("achter", Some(8.0)),
            ("elfte", Some(11.0)),
            ("neunzehnten", Some(19.0)),
            ("fünfundzwanzigster", Some(25.0)),
            ("einundsechzigsten", Some(61.0)),
            ("einhunderteinunddreißigste", Some(131.0)),
            ("tausendste", Some(1000.0)),
            ("einhunderttausendste", Some(100000.0)),
            // negatives
            ("einte", None),
            ("zwanzigte", None),
            ("hunderte", None),
            ("erstmals", None),
            ("konzerte", None),
            ("drittel", None),
        ];
        for (s, v) in cases {
            assert_eq!(w.ordinal(s), *v, "help: ordinal({s:?})");
        }
    }

    #[test]
    fn round_removes_binary_noise_only() {
        let cases: &[(f64, f64)] = &[
            (2.3000000000000003, 2.3),
            (0.1 + 0.2, 0.3),
            (3.72e9, 3.72e9),
            (40.0, 40.0),
            (-17.0, -17.0),
            (1e15 + 1.0, 1e15 + 1.0),
            (9_007_199_254_740_993.0, 9_007_199_254_740_993.0),
            (2.0 / 3.0, 2.0 / 3.0),
            (0.0, 0.0),
        ];
        for (v, expected) in cases {
            assert_eq!(
                round(*v).to_bits(),
                expected.to_bits(),
                "help: round({v:?})"
            );
        }
    }

    #[test]
    fn digits_table() {
        let cases: &[(&str, Option<f64>)] = &[
            ("1.000", Some(1000.0)),
            ("3,5", Some(3.5)),
            ("2.000,352", Some(2000.352)),
            ("4,800", Some(4.8)),
            ("0033", Some(33.0)),
            ("01,10", Some(1.1)),
            (",77", Some(0.77)),
            ("1.000.000,00", Some(1e6)),
            ("14.30", None),
            ("3.10.2000", None),
            ("2:1", None),
        ];
        for (s, v) in cases {
            assert_eq!(digits(s), *v, "help: digits({s:?})");
        }
    }
}
