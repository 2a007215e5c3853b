//! Segmentation: tokens and sentences with byte offsets, in one pass.
//!
//! Every later stage works on the [`Segmentation`] of a document: a flat list of
//! [`Token`]s and a list of [`SentenceSpan`]s that each know their token range.
//! Offsets are **byte** offsets into the decoded text (the record converts them).
//!
//! Abbreviations come from `lexicons/abbreviations.tsv` (with a flag for those
//! that may end a sentence, like `usw.`).
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

use std::collections::HashMap;
use std::ops::Range;

use crate::error::Error;
use crate::lexicon::Lexicons;

pub use tokenize::TokenKind;

const ABBREVIATIONS: &str = include_str!("../../lexicons/abbreviations.tsv");

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
        &text[self.start..self.end]
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

/// An abbreviation's entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Abbreviation {
    /// May end a sentence (`usw.`, `Mio.`).
    pub can_end: bool,
    /// Normalised form (`Mrd.` → `Milliarde`), if given.
    pub norm: Option<String>,
}

/// The segmenter: abbreviation lexicon plus the rules of the submodules.
#[derive(Debug, Clone)]
pub struct Segmenter {
    /// Single-token abbreviations, without their final dot, keyed as written.
    single: HashMap<String, Abbreviation>,
    /// Multi-piece abbreviations ("z. B."), as the sequence of their pieces
    /// without dots: ["z", "B"].
    multi: Vec<(Vec<String>, Abbreviation)>,
}

impl Segmenter {
    /// Builds the segmenter from the built-in lexicons plus `lex`'s additions.
    pub fn new(lex: &Lexicons) -> Result<Self, Error> {
        let mut single = HashMap::new();
        let mut multi = Vec::new();
        for row in lex.rows("abbreviations.tsv", ABBREVIATIONS) {
            let written = row.get(0);
            if !written.ends_with('.') || written.len() < 2 {
                return Err(row.error("an abbreviation must end with '.'"));
            }
            let entry = Abbreviation {
                can_end: row.get(1) == "end",
                norm: Some(row.get(2)).filter(|s| !s.is_empty()).map(String::from),
            };
            let pieces: Vec<String> = written
                .split(['.', ' '])
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect();
            if pieces.is_empty() {
                return Err(row.error("an abbreviation needs letters"));
            }
            if pieces.len() == 1 {
                single.insert(pieces[0].clone(), entry);
            } else {
                multi.push((pieces, entry));
            }
        }
        Ok(Segmenter { single, multi })
    }

    /// The abbreviation entry for a word written before a dot (`"Dr"`), if any.
    pub fn abbreviation(&self, word: &str) -> Option<&Abbreviation> {
        self.single.get(word)
    }

    /// Tokens and sentences of `text`.
    pub fn segment(&self, text: &str) -> Segmentation {
        let tokens = tokenize::tokenize(self, text);
        let sentences = sentences::split(self, text, &tokens);
        Segmentation { tokens, sentences }
    }
}
