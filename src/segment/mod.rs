//! Segmentation: tokens and sentences with byte offsets, in one pass.
//!
//! Every later stage works on the [`Segmentation`] of a document: a flat list of
//! [`Token`]s and a list of [`SentenceSpan`]s that each know their token range.
//! Offsets are **byte** offsets into the decoded text (the record converts them).
//!
//! The rules are data where they can be: `lexicons/abbreviations.tsv` (with a flag
//! for those that may end a sentence, like `usw.`), `lexicons/months.tsv` and
//! `lexicons/ordinal_nouns.tsv` (a number with a dot before them is an ordinal:
//! `am 3. Oktober`, `im 19. Jahrhundert`) and `lexicons/function_words.tsv`
//! (articles and prepositions that cannot end a line, capitalised words that start a
//! sentence). This module does not tag parts of speech or normalise tokens.
//!
//! Speed: one pass to tokenize, one over the tokens to split, no allocation per
//! token; about 150–200 MB/s on one thread for news text
//! (`cargo run --profile eval --example segment_speed -- DIR`).
//!
//! ```
//! use aussage::segment::Segmenter;
//! let seg = Segmenter::new(&Default::default()).unwrap();
//! let text = "Dr. Müller kam um 14.30 Uhr. Dann ging er.";
//! let s = seg.segment(text);
//! let sents: Vec<&str> = s.sentences.iter().map(|x| &text[x.start..x.end]).collect();
//! assert_eq!(sents, ["Dr. Müller kam um 14.30 Uhr.", "Dann ging er."]);
//! ```

mod sentences;
mod tokenize;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::error::Error;
use crate::lexicon::Lexicons;

pub use tokenize::TokenKind;

/// True for characters a sentence need not cover: Unicode whitespace and the
/// invisible format characters news text carries (zero-width space, BOM, soft
/// hyphen, LRM/RLM, word joiner). "Sentences cover every non-blank character"
/// means every character for which this is false.
pub fn is_blank(c: char) -> bool {
    tokenize::is_space(c)
}

const ABBREVIATIONS: &str = include_str!("../../lexicons/abbreviations.tsv");
const MONTHS: &str = include_str!("../../lexicons/months.tsv");
const ORDINAL_NOUNS: &str = include_str!("../../lexicons/ordinal_nouns.tsv");
const FUNCTION_WORDS: &str = include_str!("../../lexicons/function_words.tsv");

/// A token: a slice of the text with its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// What kind of token it is.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// The parts of a hyphenated compound (`Ukraine-Krieg` → `Ukraine`, `Krieg`) as
    /// byte ranges; a token without a hyphen is its own single part.
    ///
    /// ```
    /// use aussage::segment::Segmenter;
    /// let seg = Segmenter::new(&Default::default()).unwrap();
    /// let text = "Der US-Präsident kam.";
    /// let s = seg.segment(text);
    /// let parts: Vec<&str> = s.tokens[1].parts(text).map(|r| &text[r]).collect();
    /// assert_eq!(parts, ["US", "Präsident"]);
    /// ```
    pub fn parts<'t>(&self, text: &'t str) -> impl Iterator<Item = Range<usize>> + 't {
        let start = self.start;
        let own = self.text(text);
        let word = matches!(self.kind, TokenKind::Word);
        let mut pos = 0;
        let mut done = own.is_empty();
        std::iter::from_fn(move || {
            if done {
                return None;
            }
            let rest = &own[pos..];
            let cut = if word {
                rest.find(['-', '\u{2011}'])
            } else {
                None
            };
            match cut {
                Some(k) => {
                    let part = start + pos..start + pos + k;
                    pos += k + rest[k..].chars().next().map_or(1, char::len_utf8);
                    Some(part)
                }
                None => {
                    done = true;
                    Some(start + pos..start + own.len())
                }
            }
        })
    }
}

/// A sentence (or heading line) with its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceSpan {
    /// Byte offset of the first non-blank character.
    pub start: usize,
    /// Byte offset after the last non-blank character.
    pub end: usize,
    /// A title or sub-heading line.
    pub heading: bool,
    /// Indices into [`Segmentation::tokens`].
    pub tokens: Range<usize>,
}

/// Tokens and sentences of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// All tokens in order.
    pub tokens: Vec<Token>,
    /// All sentences in order, non-overlapping, covering every token.
    pub sentences: Vec<SentenceSpan>,
}

impl Segmentation {
    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        &self.tokens[self.sentences[i].tokens.clone()]
    }

    /// The index of the sentence holding byte offset `byte` (the last one that
    /// starts at or before it).
    pub fn sentence_at(&self, byte: usize) -> usize {
        self.sentences
            .partition_point(|s| s.start <= byte)
            .saturating_sub(1)
    }
}

/// When an abbreviation may end a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AbbrevEnd {
    /// Never (`Dr.`, `z. B.`, initials); flag `-`.
    Never,
    /// Before a clear sentence starter (`… 2:1 n. V. Die Fans`), not before a noun
    /// (`5 Mio. Euro`); flag `end`.
    BeforeStarter,
    /// Before any capitalised word (`usw.`, `etc.`); flag `final`.
    BeforeCapital,
}

/// An abbreviation's entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Abbreviation {
    /// May end a sentence (`usw.`, `Mio.`).
    pub can_end: bool,
    /// When it may end a sentence.
    pub end: AbbrevEnd,
    /// Normalised form (`Mrd.` → `Milliarde`), if given.
    pub norm: Option<String>,
}

/// Classes of a function word (bits), see `lexicons/function_words.tsv`.
pub(crate) const FW_OPEN: u8 = 1;
pub(crate) const FW_DET: u8 = 2;
pub(crate) const FW_START: u8 = 4;
pub(crate) const FW_RUNIN: u8 = 8;

/// The segmenter: lexicons plus the rules of the submodules.
#[derive(Debug, Clone)]
pub struct Segmenter {
    /// Single-token abbreviations, without their final dot, keyed as written (and
    /// with a capital first letter for those written in lower case).
    single: WordMap<Abbreviation>,
    /// Multi-piece abbreviations ("z. B."), keyed by their first piece, as the
    /// sequence of their pieces without dots: ["z", "B"].
    multi: WordMap<Vec<(Vec<String>, AbbrevEnd)>>,
    /// Month names and abbreviations as written.
    months: WordSet,
    /// Heads of nouns taking an ordinal, in lower case.
    ordinal_nouns: Vec<String>,
    /// Function words (lower case and capitalised) → class bits.
    function_words: WordMap<u8>,
    /// A quick filter in front of `single` and `multi`, asked at every word before
    /// a dot (every sentence end): which keys they hold, see [`KeyFilter`].
    abbrev_keys: KeyFilter,
}

/// The byte lengths and first bytes of a set of keys: a word whose length or
/// first byte no key has is no key (two bit tests instead of a hash look-up).
#[derive(Debug, Clone, Copy, Default)]
struct KeyFilter {
    /// Bit `n` for a key of `n` bytes (bit 63: 63 or more).
    lens: u64,
    /// Bit `b` for a key starting with the ASCII byte `b`; keys that start with a
    /// non-ASCII byte set all bits from 128 up, so the filter passes such words.
    first: [u64; 4],
}

impl KeyFilter {
    fn add(&mut self, key: &str) {
        self.lens |= 1 << key.len().min(63);
        match key.as_bytes().first() {
            Some(&b) if b < 0x80 => self.first[usize::from(b >> 6)] |= 1 << (b & 63),
            _ => {
                self.first[2] = u64::MAX;
                self.first[3] = u64::MAX;
            }
        }
    }

    /// False if `word` is surely no key.
    fn may_hold(&self, word: &str) -> bool {
        let b = word.as_bytes().first().copied().unwrap_or(0);
        self.lens >> word.len().min(63) & 1 == 1
            && self.first[usize::from(b >> 6)] >> (b & 63) & 1 == 1
    }
}

use crate::hash::WordHasher;
use crate::text::capitalised;

type WordMap<V> = HashMap<String, V, std::hash::BuildHasherDefault<WordHasher>>;
type WordSet = HashSet<String, std::hash::BuildHasherDefault<WordHasher>>;

impl Segmenter {
    /// Builds the segmenter from the built-in lexicons plus `lex`'s additions.
    pub fn new(lex: &Lexicons) -> Result<Self, Error> {
        let mut single = WordMap::default();
        let mut multi: WordMap<Vec<(Vec<String>, AbbrevEnd)>> = WordMap::default();
        for row in lex.rows("abbreviations.tsv", ABBREVIATIONS) {
            let written = row.get(0);
            if !written.ends_with('.') || written.len() < 2 {
                return Err(row.error("an abbreviation must end with '.'"));
            }
            let end = match row.get(1) {
                "-" | "" => AbbrevEnd::Never,
                "end" => AbbrevEnd::BeforeStarter,
                "final" => AbbrevEnd::BeforeCapital,
                other => {
                    return Err(
                        row.error(format!("unknown flag {other:?} (expected -, end or final)"))
                    )
                }
            };
            let entry = Abbreviation {
                can_end: end != AbbrevEnd::Never,
                end,
                norm: Some(row.get(2)).filter(|s| !s.is_empty()).map(String::from),
            };
            let pieces: Vec<String> = written
                .split(['.', ' '])
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect();
            if pieces.is_empty() || pieces.iter().any(|p| p.chars().any(char::is_whitespace)) {
                return Err(row.error("an abbreviation needs letters"));
            }
            let lower_first = pieces[0].chars().next().is_some_and(char::is_lowercase);
            if pieces.len() == 1 {
                if lower_first {
                    single
                        .entry(capitalised(&pieces[0]))
                        .or_insert_with(|| entry.clone());
                }
                single.insert(pieces[0].clone(), entry);
            } else {
                let mut keys = vec![pieces[0].clone()];
                if lower_first {
                    keys.push(capitalised(&pieces[0]));
                }
                for key in keys {
                    let list = multi.entry(key.clone()).or_default();
                    let mut own = pieces.clone();
                    own[0] = key;
                    if !list.iter().any(|(p, _)| *p == own) {
                        list.push((own, end));
                    }
                }
            }
        }
        let months = lex
            .rows("months.tsv", MONTHS)
            .iter()
            .map(|r| r.get(0).to_string())
            .collect();
        let ordinal_nouns = lex
            .rows("ordinal_nouns.tsv", ORDINAL_NOUNS)
            .iter()
            .map(|r| r.get(0).to_lowercase())
            .collect();
        let mut function_words = WordMap::default();
        for row in lex.rows("function_words.tsv", FUNCTION_WORDS) {
            let mut bits = 0;
            for class in row.get(1).split(',').map(str::trim) {
                bits |= match class {
                    "open" => FW_OPEN,
                    "det" => FW_DET,
                    "start" => FW_START,
                    "runin" => FW_RUNIN,
                    other => {
                        return Err(row.error(format!(
                            "unknown class {other:?} (expected open, det, start, runin)"
                        )))
                    }
                };
            }
            let word = row.get(0).to_lowercase();
            *function_words.entry(capitalised(&word)).or_insert(0) |= bits;
            *function_words.entry(word).or_insert(0) |= bits;
        }
        let mut abbrev_keys = KeyFilter::default();
        for key in single.keys().chain(multi.keys()) {
            abbrev_keys.add(key);
        }
        Ok(Segmenter {
            abbrev_keys,
            single,
            multi,
            months,
            ordinal_nouns,
            function_words,
        })
    }

    /// The abbreviation entry for a word written before a dot (`"Dr"`), if any.
    pub fn abbreviation(&self, word: &str) -> Option<&Abbreviation> {
        self.single.get(word)
    }

    /// If a multi-piece abbreviation ("z. B.", "u.a.") whose first piece is `word`
    /// starts at `start`, its end and class (the longest one).
    fn multi_abbrev(&self, text: &str, start: usize, word: &str) -> Option<(usize, AbbrevEnd)> {
        let entries = self.multi.get(word)?;
        let bytes = text.as_bytes();
        let mut best: Option<(usize, AbbrevEnd)> = None;
        'entries: for (pieces, class) in entries {
            let mut i = start;
            for (k, piece) in pieces.iter().enumerate() {
                if k > 0 {
                    // At most two blanks between pieces ("z. B.", "z.B.", "z.  B.").
                    for _ in 0..2 {
                        if bytes.get(i) == Some(&b' ') {
                            i += 1;
                        } else if text.get(i..).is_some_and(|r| r.starts_with('\u{a0}')) {
                            i += '\u{a0}'.len_utf8();
                        }
                    }
                }
                if !text.get(i..).is_some_and(|r| r.starts_with(piece.as_str())) {
                    continue 'entries;
                }
                i += piece.len();
                if bytes.get(i) != Some(&b'.') {
                    continue 'entries;
                }
                i += 1;
            }
            if !matches!(best, Some((e, _)) if e >= i) {
                best = Some((i, *class));
            }
        }
        best
    }

    /// The function-word classes of `word` (0 if it is none).
    pub(crate) fn function_word(&self, word: &str) -> u8 {
        self.function_words.get(word).copied().unwrap_or(0)
    }

    /// Is `word` a month name or abbreviation?
    pub(crate) fn is_month(&self, word: &str) -> bool {
        self.months.contains(word)
    }

    /// Does `word` end in a noun that takes an ordinal (`Jahrhundert`, `Bundesliga`)?
    pub(crate) fn takes_ordinal(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.ordinal_nouns
            .iter()
            .any(|n| lower.ends_with(n.as_str()))
    }

    /// Tokens and sentences of `text`.
    pub fn segment(&self, text: &str) -> Segmentation {
        let (tokens, classes) = tokenize::tokenize(self, text);
        let sentences = sentences::split(self, text, &tokens, &classes);
        Segmentation { tokens, sentences }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every abbreviation key passes the quick filter (so it never hides one), and
    /// common sentence-final words mostly do not.
    #[test]
    fn key_filter_passes_every_key() {
        let seg = Segmenter::new(&Default::default()).unwrap();
        for key in seg.single.keys().chain(seg.multi.keys()) {
            assert!(seg.abbrev_keys.may_hold(key), "help: key {key:?} filtered");
        }
        let mut filter = KeyFilter::default();
        filter.add("Mio");
        filter.add("Äbt");
        assert!(filter.may_hold("Mrd") && filter.may_hold("Öst"));
        assert!(!filter.may_hold("gegangen") && !filter.may_hold("und") && !filter.may_hold(""));
    }
}
