//! The attribution rules over one document's tokens (see the module doc of
//! `claims` for the order). Everything here works on token indices into the
//! segmentation and byte offsets into the text; no rule looks further than its
//! sentence except the quotation finder (a quotation may run over sentences) and
//! the continuation rule (one sentence back).
//!
//! Example: in „Wir bleiben“, sagte sie. „Das ist sicher.“ the first quotation is
//! attributed by its frame after it (`quote.frame_after`), the second continues it
//! (`quote.continuation`).

use std::ops::Range;

use super::lexicon::{
    ClaimLexicon, FormKind, Func, Konj, Particle, WordClass, CLAUSE, INFINITIVE, LOWER_PAD,
    NO_FORMS, PASSIVE, REPORTED, TAG_FRAME, TAG_HEDGE, TAG_NEG, TAG_SO, TAG_SOLL, TAG_SOLL_FORM,
    TAG_WOLLEN, VON,
};
use crate::record::{numbered_id, Claim, Cue, Entity, Quantity, Span, Speaker};
use crate::segment::{Segmentation, Token, TokenKind};
use crate::text::fold_char;

/// A quotation: token indices of its opening and closing marks.
#[derive(Debug, Clone, Copy)]
struct Quote {
    open: usize,
    close: usize,
}

/// A cue verb found in a sentence.
#[derive(Debug, Clone)]
struct CueHit {
    /// Token of the verb form.
    tok: usize,
    verb: usize,
    kind: FormKind,
    /// Token range of the particle, if written apart.
    particle: Option<Range<usize>>,
}

/// A cue as byte span, lemma and discontinuous parts.
type CueSpan = (usize, usize, String, Option<Vec<[usize; 2]>>);

/// An attribution frame: its tokens, its source's tokens and the cue lemma.
type Frame = (Range<usize>, Option<Range<usize>>, &'static str);

/// A claim under construction (byte offsets).
#[derive(Debug, Clone)]
struct Draft {
    kind: &'static str,
    sentence: usize,
    speaker: Option<(usize, usize)>,
    cue: Option<CueSpan>,
    content: (usize, usize),
    parts: Option<Vec<[usize; 2]>>,
    rule: &'static str,
}

impl Draft {
    fn new(
        rule: &'static str,
        kind: &'static str,
        sentence: usize,
        speaker: Option<(usize, usize)>,
        cue: Option<CueSpan>,
        content: (usize, usize),
    ) -> Self {
        Draft {
            kind,
            sentence,
            speaker,
            cue,
            content,
            parts: None,
            rule,
        }
    }

    /// The content's parts, when it is discontinuous.
    fn with_parts(mut self, parts: Option<Vec<[usize; 2]>>) -> Self {
        self.parts = parts;
        self
    }
}

/// Number words that make a sentence a figure statement without the
/// quantities stage, also as the start of a compound adjective.
const FIGURE_WORDS: &[&str] = &[
    "zwei",
    "drei",
    "vier",
    "fünf",
    "sechs",
    "sieben",
    "acht",
    "neun",
    "zehn",
    "elf",
    "zwölf",
    "zwanzig",
    "dreißig",
    "vierzig",
    "fünfzig",
    "hundert",
    "tausend",
    "anderthalb",
    "eineinhalb",
    "dutzend",
    "million",
    "millionen",
    "milliarde",
    "milliarden",
];

/// The ends of those compound adjectives ("anderthalbstündig").
const FIGURE_SUFFIXES: &[&str] = &[
    "stündig",
    "tägig",
    "jährig",
    "wöchig",
    "monatig",
    "fach",
    "prozentig",
];

/// The byte length of the shortest compound of the two lists.
const FIGURE_COMPOUND_MIN: usize = 7;

/// Whether lowercase `l` is a number word followed by one of
/// [`FIGURE_SUFFIXES`] ("anderthalbstündig").
fn is_figure_compound(l: &str) -> bool {
    // The shortest such compound, "elffach", has seven bytes (a test checks):
    // shorter words need no search. A first-byte test before each prefix
    // compare keeps most of the 24 number words from a `memcmp` call.
    let first = l.as_bytes().first();
    l.len() >= FIGURE_COMPOUND_MIN
        && FIGURE_WORDS.iter().any(|w| {
            w.as_bytes().first() == first
                && l.strip_prefix(w)
                    .is_some_and(|rest| FIGURE_SUFFIXES.iter().any(|s| rest.starts_with(s)))
        })
}

const OPENERS: &[char] = &['„', '»', '"', '“', '«'];

/// The quotation marks `find_quotes` pairs.
fn is_quote_char(c: char) -> bool {
    matches!(c, '„' | '“' | '”' | '»' | '«' | '"')
}

fn closer_of(c: char) -> char {
    match c {
        '„' => '“',
        '»' => '«',
        '«' => '»',
        '“' => '”',
        _ => '"',
    }
}

/// The buffers a document needs in proportion to its length, kept per thread
/// from one document to the next: allocating them afresh for every document cost
/// about a tenth of the stage (large blocks are slow to get from malloc) and
/// handed the token pass cold memory.
#[derive(Default)]
struct Scratch {
    classes: Vec<WordClass>,
    in_quote: Vec<bool>,
    lower: String,
    quote_marks: Vec<usize>,
    marked: Vec<usize>,
    ent_order: Vec<usize>,
    q_order: Vec<usize>,
    drafts: Vec<Draft>,
    draft_spans: Vec<(usize, usize)>,
}

/// Buffers grown for a text longer than this (bytes) are freed, not kept, so a
/// thread does not hold on to a huge document's memory.
const SCRATCH_MAX_TEXT: usize = 1 << 20;

thread_local! {
    static SCRATCH: std::cell::Cell<Scratch> = std::cell::Cell::new(Scratch::default());
}

impl Scratch {
    /// This thread's buffers (empty ones on first use or while in use).
    fn take() -> Scratch {
        crate::scratch::take(&SCRATCH)
    }

    /// Leaves the buffers for this thread's next document.
    fn keep(self, text_len: usize) {
        if text_len <= SCRATCH_MAX_TEXT {
            crate::scratch::keep(&SCRATCH, self);
        }
    }
}

/// The rules' working state for one document.
pub(crate) struct Doc<'a> {
    lex: &'a ClaimLexicon,
    text: &'a str,
    seg: &'a Segmentation,
    ents: &'a [Entity],
    qs: &'a [Quantity],
    /// The segmenter's tokens; what the rules ask of a token beyond its kind
    /// and offsets (capital, punctuation mark) is read from the text when
    /// asked (see [`Doc::cap`], [`Doc::punct`]): the rules look at a few tokens
    /// around each cue, while a record made ahead cost every token of the
    /// document about as much as its lexicon lookup.
    toks: &'a [Token],
    /// What the claims lexicon knows about each token ([`WordClass::NONE`]
    /// for all but words).
    classes: Vec<WordClass>,
    /// Whether each token lies inside a quotation (its marks included).
    in_quote: Vec<bool>,
    /// The text lower-cased char by char with every char's byte length kept, so
    /// a token's lowercase form is `lower[start..end]`.
    lower: String,
    /// Token indices of the quotation marks, in order.
    quote_marks: Vec<usize>,
    /// Token indices, in order, of the words with a cue-verb form, a Konjunktiv
    /// form or a tag: the only tokens the sentence gate, the cue finder, the
    /// tag-driven rules and the mood/hedge/negation pass of `finish` look at.
    /// About one word in twenty, so those scan this list instead of every token.
    marked: Vec<usize>,
    /// The quotations in text order (they do not nest).
    quotes: Vec<Quote>,
    /// The buffer `sentence_claims` finds a sentence's cue verbs into.
    hits: Vec<CueHit>,
    drafts: Vec<Draft>,
    /// Content spans of `drafts` as (start, end), sorted and without
    /// duplicates, for overlap checks in logarithmic rather than linear time (a
    /// long document has thousands). A sorted vector rather than a `BTreeSet`:
    /// drafts come mostly in text order, so an insert is mostly an append, with
    /// no node to allocate.
    draft_spans: Vec<(usize, usize)>,
    /// The longest draft content so far, bounding the overlap search.
    longest_draft: usize,
    /// Indices of `ents` / `qs` sorted by start, and their longest span, so that
    /// finding what lies inside a claim is a binary search, not a scan.
    ent_order: Vec<usize>,
    q_order: Vec<usize>,
    longest_annotation: usize,
    /// Where in `q_order` the figure test of `statement` stopped last (see
    /// [`crate::sorted::range_from`]).
    statement_q_cursor: usize,
}

/// `text` lower-cased with the same byte offsets: ASCII in bulk, then each
/// non-ASCII char whose lowercase is one char of the same UTF-8 length ("Ä" →
/// "ä"); others ("ẞ", "İ") stay as written.
#[cfg(test)]
pub(crate) fn lowercase_aligned(text: &str) -> String {
    let mut out = String::new();
    lowercase_aligned_into(text, &mut out);
    out
}

/// [`lowercase_aligned`] into a reused buffer.
fn lowercase_aligned_into(text: &str, out: &mut String) {
    // A copy lowercased in bulk (vectorised), then a scan that only stops at the
    // non-ASCII chars, found sixteen bytes at a time (German runs of ASCII between
    // umlauts are long enough that eight at a time took twice the steps).
    out.clear();
    out.push_str(text);
    out.make_ascii_lowercase();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Jump to the next non-ASCII byte: whole chunks first, in a loop of a
        // load, a mask and a compare each, then the bytes after the last chunk.
        let rest = bytes.get(i..).unwrap_or(&[]);
        let mut chunks = rest.chunks_exact(16);
        match chunks.position(|c| ascii_high(c) != 0) {
            Some(k) => {
                let high = rest.get(k * 16..).map_or(0, ascii_high);
                i += k * 16 + (high.trailing_zeros() / 8) as usize;
            }
            None => {
                let tail = chunks.remainder();
                match tail.iter().position(|&b| b >= 0x80) {
                    Some(p) => i += rest.len() - tail.len() + p,
                    None => break,
                }
            }
        }
        let lead = bytes[i];
        if lead < 0xC0 {
            i += 1;
            continue;
        }
        // Latin-1 letters (C3 80..C3 BF): À..Þ except × lowercase by adding 0x20
        // to the second byte, the same as `char::to_lowercase` does for them.
        if lead == 0xC3 {
            if let Some(&b) = bytes.get(i + 1) {
                if (0x80..=0x9E).contains(&b) && b != 0x97 {
                    let lower = [0xC3, b + 0x20];
                    if let Ok(l) = std::str::from_utf8(&lower) {
                        out.replace_range(i..i + 2, l);
                    }
                }
            }
            i += 2;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else {
            i += 1;
            continue;
        };
        let n = c.len_utf8();
        // Capitals whose small letter has the same length (as the gazetteer folds).
        if is_uppercase(c) {
            let l = fold_char(c);
            if l != c {
                let mut buf = [0u8; 4];
                out.replace_range(i..i + n, l.encode_utf8(&mut buf));
            }
        }
        i += n;
    }
}

/// The high bits of the first sixteen bytes of `chunk` (at least sixteen): 0
/// when they are all ASCII.
#[inline]
fn ascii_high(chunk: &[u8]) -> u128 {
    chunk.first_chunk::<16>().map_or(0, |w| {
        u128::from_le_bytes(*w) & 0x8080_8080_8080_8080_8080_8080_8080_8080
    })
}

/// `char::is_uppercase` with answers for the chars German news text is full of
/// (Latin-1 letters, the quotation marks and dashes of General Punctuation)
/// before the Unicode table search.
pub(crate) fn is_uppercase(c: char) -> bool {
    match c {
        '\0'..='\u{7F}' => c.is_ascii_uppercase(),
        '\u{80}'..='\u{FF}' => matches!(c, '\u{C0}'..='\u{DE}') && c != '\u{D7}',
        // General Punctuation and Superscripts: no letters but the lowercase ⁱ, ⁿ.
        '\u{2000}'..='\u{207F}' => false,
        _ => c.is_uppercase(),
    }
}

/// The first char of token `t`, as `text.get(t.start..t.end)` gives it, without
/// the slice's boundary checks and decoding when the token starts with ASCII.
#[inline]
fn first_char(text: &str, t: &Token) -> Option<char> {
    match text.as_bytes().get(t.start) {
        Some(&b) if b < 0x80 && t.start < t.end && text.is_char_boundary(t.end) => {
            Some(char::from(b))
        }
        _ => text.get(t.start..t.end)?.chars().next(),
    }
}

/// Looks every word up in the claims lexicon into `classes` (one entry per
/// token, [`WordClass::NONE`] for the others) and notes the quotation marks'
/// indices in `quote_marks` and the marked words' (see `Doc::marked`) in
/// `marked`. `lower` is the lowercase text with [`LOWER_PAD`] bytes of padding
/// after it (see [`ClaimLexicon::class_at`]). A function of its own so that its
/// loop, run for every token, gets the registers to itself.
#[inline(never)]
fn classify_tokens(
    lex: &ClaimLexicon,
    text: &str,
    lower: &str,
    tokens: &[Token],
    classes: &mut Vec<WordClass>,
    quote_marks: &mut Vec<usize>,
    marked: &mut Vec<usize>,
) {
    quote_marks.clear();
    marked.clear();
    classes.clear();
    // `extend` over the slice's exact length writes each entry without a
    // capacity check.
    classes.extend(tokens.iter().enumerate().map(|(i, t)| match t.kind {
        TokenKind::Word => {
            let class = lex.class_at(lower, t.start, t.end);
            if class.marked {
                marked.push(i);
            }
            class
        }
        TokenKind::Punct => {
            if may_be_quote(text, t) && punct_char(text, t).is_some_and(is_quote_char) {
                quote_marks.push(i);
            }
            WordClass::NONE
        }
        _ => WordClass::NONE,
    }));
}

/// Whether token `t` starts with the lead byte of a quotation mark: `"`, 0xC2
/// (`«`, `»`) or 0xE2 (`„`, `“`, `”`). A token's first char starts at its first
/// byte, so a token that fails this is no quotation mark, and the common marks
/// (`,` `.` `-` `:`) are turned away by one load and compare, before the
/// decode of [`punct_char`].
#[inline]
fn may_be_quote(text: &str, t: &Token) -> bool {
    matches!(text.as_bytes().get(t.start), Some(b'"' | 0xC2 | 0xE2))
}

/// The char of a punctuation token, `None` for other tokens: an ASCII mark is
/// its lead byte (as [`first_char`] answers), others are decoded out of line.
#[inline]
fn punct_char(text: &str, t: &Token) -> Option<char> {
    if t.kind != TokenKind::Punct {
        return None;
    }
    match text.as_bytes().get(t.start) {
        Some(&lead) if lead < 0x80 && t.start < t.end && text.is_char_boundary(t.end) => {
            Some(char::from(lead))
        }
        _ => punct_of(text, t),
    }
}

/// Whether token `t` starts with a capital: ASCII answers from its lead byte,
/// others are decoded out of line.
#[inline]
fn starts_upper(text: &str, t: &Token) -> bool {
    match text.as_bytes().get(t.start) {
        Some(&lead) if lead < 0x80 => lead.is_ascii_uppercase(),
        Some(_) => non_ascii_cap(text, t),
        None => false,
    }
}

/// Whether a token starting with a non-ASCII byte starts with a capital: out of
/// line, so that [`starts_upper`] inlines only its ASCII answer.
#[inline(never)]
fn non_ascii_cap(text: &str, t: &Token) -> bool {
    first_char(text, t).is_some_and(is_uppercase)
}

/// The char of a punctuation token that does not start with ASCII, out of line
/// (see [`punct_char`]).
#[inline(never)]
fn punct_of(text: &str, t: &Token) -> Option<char> {
    first_char(text, t)
}

/// Indices into a list sorted by start offset (`order`) of the items whose start is
/// in `from..to`.
fn starting_in(
    order: &[usize],
    start_of: impl Fn(usize) -> usize,
    from: usize,
    to: usize,
) -> &[usize] {
    let lo = order.partition_point(|&i| start_of(i) < from);
    let hi = order.partition_point(|&i| start_of(i) < to);
    &order[lo..hi.max(lo)]
}

/// [`starting_in`] for ranges that mostly come in text order: the search steps
/// forward from `cursor` (the previous call's first index) instead of two
/// binary searches, and falls back to one when `from` lies before the item
/// there.
fn starting_in_from<'o>(
    order: &'o [usize],
    start_of: impl Fn(usize) -> usize,
    from: usize,
    to: usize,
    cursor: &mut usize,
) -> &'o [usize] {
    let r = crate::sorted::range_from(order, |&i| start_of(i), from, to, *cursor);
    *cursor = r.start;
    &order[r]
}

impl<'a> Doc<'a> {
    pub(crate) fn new(
        lex: &'a ClaimLexicon,
        text: &'a str,
        seg: &'a Segmentation,
        ents: &'a [Entity],
        qs: &'a [Quantity],
    ) -> Self {
        let Scratch {
            mut classes,
            in_quote,
            mut lower,
            mut quote_marks,
            mut marked,
            mut ent_order,
            mut q_order,
            mut drafts,
            mut draft_spans,
        } = Scratch::take();
        drafts.clear();
        draft_spans.clear();
        lowercase_aligned_into(text, &mut lower);
        // NULs: no token reaches into them, and `lo` slices only tokens.
        lower.extend(std::iter::repeat_n('\0', LOWER_PAD));
        classify_tokens(
            lex,
            text,
            &lower,
            &seg.tokens,
            &mut classes,
            &mut quote_marks,
            &mut marked,
        );
        ent_order.clear();
        ent_order.extend(0..ents.len());
        ent_order.sort_by_key(|&i| ents[i].start);
        q_order.clear();
        q_order.extend(0..qs.len());
        q_order.sort_by_key(|&i| qs[i].start);
        let mut doc = Doc {
            lex,
            text,
            seg,
            ents,
            qs,
            toks: &seg.tokens,
            classes,
            in_quote,
            lower,
            quote_marks,
            marked,
            quotes: Vec::new(),
            hits: Vec::new(),
            drafts,
            draft_spans,
            longest_draft: 0,
            ent_order,
            q_order,
            longest_annotation: ents
                .iter()
                .map(|e| e.end.saturating_sub(e.start))
                .chain(qs.iter().map(|q| q.end.saturating_sub(q.start)))
                .max()
                .unwrap_or(0),
            statement_q_cursor: 0,
        };
        doc.find_quotes();
        doc
    }

    fn lo(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .and_then(|t| self.lower.get(t.start..t.end))
            .unwrap_or("")
    }

    /// `self.lo(i) == word` for a non-empty `word`, by bytes: the scans that
    /// test every token of a clause for one word skip the char-boundary checks
    /// of slicing a `str` (bytes equal to a whole `str` start and end on char
    /// boundaries anyway).
    fn lo_is(&self, i: usize, word: &str) -> bool {
        self.toks
            .get(i)
            .and_then(|t| self.lower.as_bytes().get(t.start..t.end))
            == Some(word.as_bytes())
    }

    fn raw(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    fn punct(&self, i: usize) -> Option<char> {
        self.toks.get(i).and_then(|t| punct_char(self.text, t))
    }

    fn is_quote_mark(&self, i: usize) -> bool {
        matches!(self.punct(i), Some('„' | '“' | '”' | '»' | '«' | '"'))
    }

    fn func(&self, i: usize) -> Option<Func> {
        self.classes.get(i).and_then(|c| c.func)
    }

    /// Whether token `i` is a word (letters).
    fn word(&self, i: usize) -> bool {
        is_word(&self.toks[i])
    }

    /// Whether token `i` starts with a capital.
    fn cap(&self, i: usize) -> bool {
        starts_upper(self.text, &self.toks[i])
    }

    /// Whether word `i` is a form of a cue verb.
    fn has_forms(&self, i: usize) -> bool {
        self.classes[i].forms != NO_FORMS
    }

    fn sent_range(&self, s: usize) -> Range<usize> {
        self.seg.sentences[s].tokens.clone()
    }

    /// The sentence's tokens without final punctuation (. ! ?) at the end.
    fn sent_core_end(&self, r: &Range<usize>) -> usize {
        let mut e = r.end;
        while e > r.start && matches!(self.punct(e - 1), Some('.' | '!' | '?' | ':' | ';')) {
            e -= 1;
        }
        e
    }

    /// Pairs the quotation marks over the whole text (a quotation stops at a
    /// blank line).
    fn find_quotes(&mut self) {
        let mut open: Option<(usize, char)> = None;
        for &i in &self.quote_marks {
            let Some(c) = self.punct(i) else {
                continue;
            };
            if let Some((o, want)) = open {
                let para = self
                    .text
                    .get(self.toks[o].end..self.toks[i].start)
                    .is_some_and(|gap| gap.contains("\n\n"));
                if para || self.toks[i].start - self.toks[o].start > 4000 {
                    open = None;
                } else if c == want || (want == '“' && c == '”') {
                    self.quotes.push(Quote { open: o, close: i });
                    open = None;
                    continue;
                } else {
                    continue;
                }
            }
            if OPENERS.contains(&c) {
                open = Some((i, closer_of(c)));
            }
        }
        self.in_quote.clear();
        self.in_quote.resize(self.toks.len(), false);
        for q in &self.quotes {
            if let Some(inside) = self.in_quote.get_mut(q.open..=q.close) {
                inside.fill(true);
            }
        }
    }

    /// The closing token of the quotation that opens at token `open`, if any.
    fn quote_closing(&self, open: usize) -> Option<usize> {
        // `quotes` is in text order and quotations do not nest.
        let k = self.quotes.binary_search_by_key(&open, |q| q.open).ok()?;
        self.quotes.get(k).map(|q| q.close)
    }

    /// Cue verbs of a token range (outside quotations), with particles resolved.
    fn cues(&self, r: Range<usize>, sent: &Range<usize>) -> Vec<CueHit> {
        self.cues_among(r, sent)
    }

    /// Cue verbs among the tokens `candidates` (in order) of sentence `sent`: any
    /// superset of its cue-verb forms in order gives the same hits, so a whole
    /// sentence is searched through its marked words alone.
    fn cues_among(
        &self,
        candidates: impl IntoIterator<Item = usize>,
        sent: &Range<usize>,
    ) -> Vec<CueHit> {
        let mut out = Vec::new();
        self.cues_among_into(candidates, sent, &mut out);
        out
    }

    /// [`Self::cues_among`] appended to `out`, a buffer the caller reuses.
    fn cues_among_into(
        &self,
        candidates: impl IntoIterator<Item = usize>,
        sent: &Range<usize>,
        out: &mut Vec<CueHit>,
    ) {
        let sent_start = sent.start;
        for i in candidates {
            if !self.word(i) || self.in_quote[i] {
                continue;
            }
            let Some(forms) = self.lex.forms_of(self.classes[i].forms) else {
                continue;
            };
            let first = i == sent_start || self.is_quote_mark(i.wrapping_sub(1));
            let cap = self.cap(i);
            if cap && !first {
                continue;
            }
            // "die gut informierten Kreise": an adjective, not a verb of saying.
            if !cap && self.is_participle_adjective(i) {
                continue;
            }
            for f in forms {
                let verb = &self.lex.verbs[f.verb];
                let particle = match f.particle {
                    Particle::None => None,
                    Particle::After => {
                        let ce = self.clause_end(i + 1, sent.end);
                        match self.match_words(ce, &verb.particle, true) {
                            Some(p) if p.start > i => Some(p),
                            // Verb-final clause: "wie X bekannt gab".
                            _ => match self.match_words(i, &verb.particle, true) {
                                Some(p) if p.start >= sent.start && i + 1 >= ce => Some(p),
                                _ => continue,
                            },
                        }
                    }
                    Particle::Before => match self.match_words(i, &verb.particle, true) {
                        Some(p) if p.start >= sent.start => Some(p),
                        _ => continue,
                    },
                };
                out.push(CueHit {
                    tok: i,
                    verb: f.verb,
                    kind: f.kind,
                    particle,
                });
                break;
            }
        }
    }

    /// Whether the words end right before token `end`; their token range.
    fn match_words(&self, end: usize, words: &[String], _: bool) -> Option<Range<usize>> {
        let n = words.len();
        if n == 0 || end < n {
            return None;
        }
        let start = end - n;
        for (k, w) in words.iter().enumerate() {
            if self.lo(start + k) != w {
                return None;
            }
        }
        Some(start..end)
    }

    /// First clause boundary (, ; : – or a quotation mark or final punctuation)
    /// at or after `from`, or `limit`.
    fn clause_end(&self, from: usize, limit: usize) -> usize {
        // Each token's mark is read once for all the marks that end a clause.
        (from..limit)
            .find(|&j| self.punct(j).is_some_and(ends_clause))
            .unwrap_or(limit)
    }

    /// Start of the clause holding token `i` (after the last boundary before it,
    /// parentheses skipped).
    fn clause_start(&self, i: usize, sent_start: usize) -> usize {
        let mut depth = 0i32;
        let mut j = i;
        while j > sent_start {
            match self.punct(j - 1) {
                Some(')') => depth += 1,
                Some('(') => depth -= 1,
                Some(',' | ';' | ':' | '–' | '—') if depth <= 0 => return j,
                Some('„' | '“' | '»' | '«' | '"') if depth <= 0 => return j,
                _ => {}
            }
            j -= 1;
        }
        sent_start
    }

    fn is_adjective(&self, i: usize) -> bool {
        let c = self.classes[i];
        if !self.word(i) || self.cap(i) || c.func.is_some() || c.konj.is_some() {
            return false;
        }
        let l = self.lo(i);
        if c.forms != NO_FORMS {
            return self.is_participle_adjective(i);
        }
        ["e", "en", "er", "es", "em"].iter().any(|s| l.ends_with(s)) && l.chars().count() > 3
    }

    /// When the clause starting at `cs` is a relative clause ("…, Trump, *der*
    /// ein stärkeres Engagement gefordert hatte"), the names or nouns right before
    /// its comma (its antecedent), if they hold a person or an organisation. A
    /// relative pronoun here is a nominative `der`/`die`/`das`/`welche…` after a
    /// comma that is not the article of a noun phrase (the next word is no noun or
    /// adjective).
    fn relative_antecedent(&self, cs: usize, r: &Range<usize>) -> Option<Range<usize>> {
        if cs < r.start + 2 || self.punct(cs - 1) != Some(',') {
            return None;
        }
        // Nominative forms only: "den"/"dem"/"denen" make the antecedent the
        // object ("…, den er als Urheber bezeichnete").
        if !matches!(
            self.lo(cs),
            "der" | "die" | "das" | "welcher" | "welche" | "welches"
        ) {
            return None;
        }
        let next = cs + 1;
        if next >= r.end || self.is_noun(next) || self.is_adjective(next) {
            return None;
        }
        // The antecedent: capitalised words (names, nouns) right before the comma.
        let end = cs - 1;
        let mut start = end;
        while start > r.start && self.is_noun(start - 1) && !self.in_quote[start - 1] {
            start -= 1;
        }
        if start >= end {
            return None;
        }
        // Only a person or an organisation speaks ("die Pipeline, die …" does not).
        let (a, b) = self.span_of(&(start..end))?;
        self.speaker_entity_at(a, b).map(|_| start..end)
    }

    /// An adverb of degree before an adjective: "*gut* unterrichtete Kreise".
    fn is_degree_adverb(&self, i: usize) -> bool {
        matches!(
            self.lo(i),
            "gut" | "sehr" | "bestens" | "besonders" | "meist" | "gewöhnlich" | "äußerst"
        )
    }

    /// A cue verb's form used as an attributive adjective: "laut *informierten*
    /// Kreisen", "aus gut *unterrichteten* Quellen", "die *genannten* Zahlen":
    /// inflected (-en/-em/-er/-es), before a noun, after a determiner, a
    /// preposition or an adverb of degree.
    fn is_participle_adjective(&self, i: usize) -> bool {
        let l = self.lo(i);
        if i == 0 || !["en", "em", "er", "es"].iter().any(|s| l.ends_with(s)) {
            return false;
        }
        let before = self.func(i - 1);
        let opens = matches!(before, Some(Func::Det) | Some(Func::Prep))
            || self.lo(i - 1) == "laut"
            || self.is_degree_adverb(i - 1);
        opens && i + 1 < self.toks.len() && self.is_noun(i + 1)
    }

    /// A capitalised word that can be part of a name or noun phrase.
    fn is_noun(&self, i: usize) -> bool {
        let t = &self.toks[i];
        (is_word(t) || t.kind_abbrev_like(self.raw(i)))
            && starts_upper(self.text, t)
            && self.classes[i].func.is_none()
    }

    /// A noun phrase starting at `i` (not past `limit`): determiner, adjectives,
    /// nouns/names, a genitive or a parenthesis. Returns its token range.
    fn np_at(&self, i: usize, limit: usize, coord: bool) -> Option<Range<usize>> {
        if i >= limit {
            return None;
        }
        if self.func(i) == Some(Func::Pron) {
            return Some(i..i + 1);
        }
        let mut j = i;
        if self.func(j) == Some(Func::Det) {
            j += 1;
        }
        let mut adj = 0;
        while j < limit
            && adj < 4
            && (self.is_adjective(j)
                || self.punct(j) == Some('-')
                || (self.is_degree_adverb(j) && j + 1 < limit && self.is_adjective(j + 1)))
        {
            j += 1;
            adj += 1;
        }
        let head = j;
        while j < limit && (self.is_noun(j) || (j > head && self.is_name_glue(j, limit))) {
            j += 1;
        }
        if j == head {
            return None;
        }
        // Genitive or von-phrase: "des Ministeriums", "der Partei", "von der Polizei".
        for _ in 0..2 {
            if j < limit && matches!(self.lo(j), "des" | "der" | "von" | "vom") {
                let mut k = j + 1;
                if k < limit && self.func(k) == Some(Func::Det) {
                    k += 1;
                }
                while k < limit && self.is_adjective(k) {
                    k += 1;
                }
                let h = k;
                while k < limit && self.is_noun(k) {
                    k += 1;
                }
                if k > h {
                    j = k;
                    continue;
                }
            }
            break;
        }
        // A party or acronym in parentheses: "Kurt Beck (SPD)".
        if j + 2 < limit
            && self.punct(j) == Some('(')
            && self.punct(j + 2) == Some(')')
            && self.is_noun(j + 1)
        {
            j += 3;
        }
        if coord && j + 1 < limit && self.lo(j) == "und" {
            if let Some(r) = self.np_at(j + 1, limit, false) {
                j = r.end;
            }
        }
        Some(i..j)
    }

    /// Lowercase name particles inside names ("von der Leyen", "de Maizière").
    fn is_name_glue(&self, j: usize, limit: usize) -> bool {
        matches!(
            self.lo(j),
            "von" | "van" | "de" | "da" | "del" | "bin" | "al"
        ) && !self.cap(j)
            && j + 1 < limit
            && self.is_noun(j + 1)
            && self
                .toks
                .get(j - 1)
                .is_some_and(|t| starts_upper(self.text, t))
    }

    /// The subject after an inverted verb: skips a few adverbs and prepositional
    /// phrases ("sagte am Montag der Sprecher").
    fn np_after(&self, i: usize, limit: usize) -> Option<Range<usize>> {
        let mut j = i;
        let mut steps = 0;
        while j < limit && steps < 5 {
            steps += 1;
            match self.func(j) {
                Some(Func::Pron) | Some(Func::Det) => return self.np_at(j, limit, true),
                Some(Func::Prep) => {
                    j += 1;
                    if j < limit && self.func(j) == Some(Func::Det) {
                        j += 1;
                    }
                    while j < limit && (self.is_adjective(j) || self.punct(j) == Some('-')) {
                        j += 1;
                    }
                    if j < limit && self.is_noun(j) {
                        j += 1;
                    }
                }
                Some(Func::Adv) | Some(Func::Conj) => j += 1,
                _ => {
                    if self.is_noun(j) {
                        return self.np_at(j, limit, true);
                    }
                    if self.word(j) && !self.cap(j) && !self.has_forms(j) {
                        j += 1;
                    } else {
                        return None;
                    }
                }
            }
        }
        None
    }

    /// The subject standing before the verb from `cs`: up to the first comma or
    /// parenthesis, without leading focus particles.
    fn np_prefield(&self, cs: usize, anchor: usize) -> Option<Range<usize>> {
        let mut s = cs;
        while s < anchor
            && matches!(
                self.lo(s),
                "auch" | "selbst" | "sogar" | "nur" | "und" | "aber" | "doch"
            )
        {
            s += 1;
        }
        if s >= anchor {
            return None;
        }
        if self.func(s) == Some(Func::Pron) {
            return Some(s..s + 1);
        }
        let ok =
            self.func(s) == Some(Func::Det) || self.func(s) == Some(Func::Pron) || self.is_noun(s);
        if !ok {
            return None;
        }
        let mut e = s;
        while e < anchor
            && !matches!(self.punct(e), Some(',' | '(' | '–' | ':' | ';'))
            && self.func(e) != Some(Func::Aux)
        {
            e += 1;
        }
        if e - s > 14 {
            return self.np_at(s, anchor, true);
        }
        Some(s..e)
    }

    /// The speaker of a cue verb at `c` in sentence range `r`.
    fn subject(&self, c: &CueHit, r: &Range<usize>) -> Option<Range<usize>> {
        let mut anchor = c.tok;
        let cs0 = self.clause_start(c.tok, r.start);
        let participle_like = self
            .lex
            .forms_of(self.classes[c.tok].forms)
            .is_some_and(|f| {
                f.iter()
                    .any(|x| x.kind == FormKind::NonFinite && x.verb == c.verb)
            });
        if c.kind == FormKind::NonFinite || participle_like {
            if let Some(a) = (cs0..c.tok).find(|&j| self.func(j) == Some(Func::Aux)) {
                anchor = a;
            }
        }
        let cs = self.clause_start(anchor, r.start);
        let sub = if cs == anchor {
            self.np_after(
                anchor + 1,
                self.clause_end(anchor + 1, r.end).max(anchor + 1),
            )
            .filter(|np| np.start < c.tok || c.tok == anchor)
            .or_else(|| {
                if cs > r.start {
                    self.np_prefield(r.start, cs)
                } else {
                    None
                }
            })
        } else if self.relative_antecedent(cs, r).is_some() {
            // "…, Donald Trump, der mehr Engagement gefordert hatte": the speaker
            // is the relative pronoun (a pronoun stays a pronoun); `finish` gives
            // it the name of the person or organisation it hangs on.
            Some(cs..cs + 1)
        } else {
            let mut s = cs;
            while s < anchor && self.func(s) == Some(Func::Conj) {
                s += 1;
            }
            match self.func(s) {
                Some(Func::Subord) => self.np_at(s + 1, anchor, true),
                // `verlauten` has no agent: "Aus Regierungskreisen verlautete, …",
                // "Von der Polizei verlautete …" name the source in the PP.
                Some(Func::Prep)
                    if matches!(self.lo(s), "aus" | "von" | "vom")
                        && self
                            .lex
                            .verbs
                            .get(c.verb)
                            .is_some_and(|v| v.lemma == "verlauten") =>
                {
                    self.np_at(s + 1, anchor, true)
                }
                Some(Func::Prep) | Some(Func::Adv) => {
                    let lim = self.clause_end(anchor + 1, r.end).max(anchor + 1);
                    self.np_after(anchor + 1, lim)
                }
                _ => {
                    let next = self.lo(anchor + 1);
                    if matches!(next, "er" | "ich" | "wir" | "man")
                        || (matches!(self.lo(s), "das" | "dies" | "dieses") && s + 1 == anchor)
                    {
                        self.np_at(anchor + 1, r.end, false)
                    } else {
                        self.np_prefield(s, anchor)
                    }
                }
            }
        };
        sub.filter(|np| {
            (!matches!(self.lo(np.start), "es" | "man") || np.len() > 1)
                && !matches!(
                    self.lo(np.start),
                    "dem"
                        | "den"
                        | "einem"
                        | "einen"
                        | "ihm"
                        | "ihnen"
                        | "des"
                        | "eines"
                        | "deren"
                        | "dessen"
                )
        })
    }

    fn span_of(&self, r: &Range<usize>) -> Option<(usize, usize)> {
        if r.is_empty() {
            return None;
        }
        Some((self.toks[r.start].start, self.toks[r.end - 1].end))
    }

    fn cue_of(&self, c: &CueHit) -> CueSpan {
        let t = &self.toks[c.tok];
        let lemma = self.lex.verbs[c.verb].lemma.clone();
        match &c.particle {
            Some(p) if !p.is_empty() => {
                let (ps, pe) = (self.toks[p.start].start, self.toks[p.end - 1].end);
                if ps < t.start {
                    (ps, t.end, lemma, None)
                } else {
                    (t.start, pe, lemma, Some(vec![[t.start, t.end], [ps, pe]]))
                }
            }
            _ => (t.start, t.end, lemma, None),
        }
    }

    /// True if `a` shares at least half of the smaller span with a draft. Only
    /// drafts starting within `longest_draft` before `a` can overlap it.
    fn overlaps(&self, a: (usize, usize)) -> bool {
        let from = (a.0.saturating_sub(self.longest_draft), 0);
        let lo = self.spans_from(from);
        let spans = self.draft_spans.get(lo..).unwrap_or(&[]);
        spans
            .iter()
            .take_while(|s| **s < (a.1, 0))
            .any(|&(ds, de)| {
                let (s, e) = (a.0.max(ds), a.1.min(de));
                let inter = e.saturating_sub(s);
                let small = (a.1 - a.0).min(de - ds).max(1);
                inter * 2 >= small
            })
    }

    /// The position of the first span at or after `key` in `draft_spans`, as
    /// `partition_point` finds it. Drafts come mostly in text order, so the
    /// answer mostly lies at the end or a few spans before it: a few steps
    /// back from the end, then the binary search.
    fn spans_from(&self, key: (usize, usize)) -> usize {
        let spans = &self.draft_spans;
        let mut k = spans.len();
        for _ in 0..4 {
            match k.checked_sub(1).and_then(|j| spans.get(j)) {
                // All spans before it are smaller too, all after it are not.
                Some(s) if *s >= key => k -= 1,
                _ => return k,
            }
        }
        spans.partition_point(|s| *s < key)
    }

    fn push(&mut self, d: Draft) -> bool {
        if d.content.1 <= d.content.0 || self.overlaps(d.content) {
            return false;
        }
        let k = self.spans_from(d.content);
        if self.draft_spans.get(k) != Some(&d.content) {
            self.draft_spans.insert(k, d.content);
        }
        self.longest_draft = self.longest_draft.max(d.content.1 - d.content.0);
        self.drafts.push(d);
        true
    }

    /// Runs every rule and returns the finished claims.
    pub(crate) fn run(mut self) -> Vec<Claim> {
        self.quote_claims();
        // Sentences come in token order, so one cursor walks `marked` along them.
        let mut cursor = 0;
        for s in 0..self.seg.sentences.len() {
            if self.seg.sentences[s].heading {
                continue;
            }
            let m = self.marked_in(&self.sent_range(s), &mut cursor);
            if m.is_empty() {
                // No cue, frame, tag or Konjunktiv: of all the rules only the
                // figure statement can fire (a test checks the two paths agree).
                self.statement_only(s);
            } else {
                self.sentence_claims(s, m);
            }
        }
        self.finish()
    }

    /// The positions in `marked` of the marked words in token range `r`. `cursor`
    /// is where the search starts (moved to the range's end): a walk from the
    /// previous range, or a binary search when `r` starts before the cursor.
    fn marked_in(&self, r: &Range<usize>, cursor: &mut usize) -> Range<usize> {
        let m = crate::sorted::range_from(&self.marked, |&j| j, r.start, r.end, *cursor);
        *cursor = m.end;
        m
    }

    /// The marked words (token indices) starting at a byte offset in `a..b`: a
    /// binary search by offset, as tokens and so marked words are in text order
    /// (`finish` walks a cursor instead; tests check the two agree).
    #[cfg(test)]
    fn marked_starting_in(&self, a: usize, b: usize) -> &[usize] {
        starting_in(&self.marked, |j| self.toks[j].start, a, b)
    }

    /// The marked words (token indices) at positions `m` of `marked`.
    fn marked_at(&self, m: &Range<usize>) -> &[usize] {
        self.marked.get(m.clone()).unwrap_or(&[])
    }

    // ----- quotations -------------------------------------------------------

    fn quote_claims(&mut self) {
        let quotes = self.quotes.clone();
        let mut used = vec![false; quotes.len()];
        let mut last: Option<(usize, Option<(usize, usize)>)> = None; // (sentence of end, speaker)
        for qi in 0..quotes.len() {
            if used[qi] {
                continue;
            }
            let q = quotes[qi];
            let s0 = self.seg.sentence_at(self.toks[q.open].start);
            let s1 = self.seg.sentence_at(self.toks[q.close].start);
            let r0 = self.sent_range(s0);
            let r1 = self.sent_range(s1);
            let inner = q.close - q.open - 1;
            let qspan = (self.toks[q.open].start, self.toks[q.close].end);
            let at_start = q.open == r0.start
                || (q.open > r0.start && self.punct(q.open - 1) == Some(':'))
                || (q.open > r0.start && matches!(self.punct(q.open - 1), Some('–' | '-')));
            // Frame after: „…“, sagte X. / „…“, so X.
            let mut after = q.close + 1;
            if self.punct(after) == Some(',') {
                after += 1;
            }
            let frame_after =
                if after < r1.end && (after > q.close + 1 || self.punct(q.close - 1).is_some()) {
                    self.frame_after(after, &r1)
                } else {
                    None
                };
            if let Some((cue, speaker, frame_end)) = frame_after {
                let (content, kind, parts) = if at_start || q.open == r0.start {
                    let mut parts = None;
                    let mut content = qspan;
                    // „…“, sagte er, „…“
                    if let Some(nq) = quotes.get(qi + 1) {
                        if self.punct(frame_end) == Some(',') && nq.open == frame_end + 1 {
                            used[qi + 1] = true;
                            content = (qspan.0, self.toks[nq.close].end);
                            parts = Some(vec![
                                [qspan.0, qspan.1],
                                [self.toks[nq.open].start, self.toks[nq.close].end],
                            ]);
                        }
                    }
                    (content, "direct_quote", parts)
                } else {
                    (
                        (self.toks[r0.start].start, qspan.1),
                        "indirect_speech",
                        None,
                    )
                };
                let spk = speaker.as_ref().and_then(|r| self.span_of(r));
                if self.push(
                    Draft::new("quote.frame_after", kind, s1, spk, Some(cue), content)
                        .with_parts(parts),
                ) {
                    last = Some((s1, spk));
                }
                continue;
            }
            // Frame before: X sagte: „…“ / mit den Worten „…“
            if q.open > r0.start && inner >= 2 {
                if let Some((cue, spk)) = self.frame_before(q.open, &r0) {
                    if self.push(Draft::new(
                        "quote.frame_before",
                        "direct_quote",
                        s0,
                        spk,
                        Some(cue),
                        qspan,
                    )) {
                        last = Some((s1, spk));
                    }
                    continue;
                }
            }
            // Continuation: a quotation opening a sentence right after a quoted claim.
            if q.open == r0.start && inner >= 3 {
                if let Some((ls, spk)) = last {
                    if ls + 1 == s0 || ls == s0 {
                        if self.push(Draft::new(
                            "quote.continuation",
                            "direct_quote",
                            s0,
                            spk,
                            None,
                            qspan,
                        )) {
                            last = Some((s1, spk));
                        }
                        continue;
                    }
                }
            }
        }
    }

    /// A frame after a quotation or content, starting at token `i` (after the
    /// comma): `sagte er`, `teilte X mit`, `so X`, `hieß es`. Returns the cue,
    /// the speaker and the token after the frame.
    #[allow(clippy::type_complexity)]
    fn frame_after(
        &self,
        i: usize,
        r: &Range<usize>,
    ) -> Option<(CueSpan, Option<Range<usize>>, usize)> {
        let lim = self.clause_end(i + 1, r.end).max(i + 1);
        if self.lo(i) == "so" {
            let np = self.np_at(i + 1, lim, true)?;
            if np.end != lim {
                return None;
            }
            let t = &self.toks[i];
            return Some((
                (t.start, t.end, "so".to_string(), None),
                Some(np.clone()),
                np.end,
            ));
        }
        let hits = self.cues(i..i + 1, r);
        let c = hits.first()?;
        if c.kind != FormKind::Finite {
            return None;
        }
        let cue = self.cue_of(c);
        if self.lo(i + 1) == "es" {
            return Some((cue, None, i + 2));
        }
        let np = self.np_after(i + 1, lim)?;
        let end = c.particle.as_ref().map_or(np.end, |p| p.end.max(np.end));
        Some((cue, Some(np), end))
    }

    /// A frame before a quotation opening at `open`: a cue verb (or "Worten")
    /// in the same sentence before a colon.
    #[allow(clippy::type_complexity)]
    fn frame_before(
        &self,
        open: usize,
        r: &Range<usize>,
    ) -> Option<(CueSpan, Option<(usize, usize)>)> {
        let colon = open.checked_sub(1)?;
        let worten = self.lo(colon) == "worten" || self.lo(open - 1) == "worten";
        if self.punct(colon) != Some(':') && !worten {
            return None;
        }
        let from = self.clause_start(colon, r.start);
        let hits = self.cues(from..colon, r);
        if let Some(c) = hits.last() {
            let spk = self.subject(c, r).and_then(|x| self.span_of(&x));
            return Some((self.cue_of(c), spk));
        }
        if worten {
            let w = if self.lo(colon) == "worten" {
                colon
            } else {
                open - 1
            };
            let t = &self.toks[w];
            let spk = self.np_prefield(r.start, w).and_then(|x| self.span_of(&x));
            return Some(((t.start, t.end, "Wort".to_string(), None), spk));
        }
        None
    }

    // ----- per sentence -----------------------------------------------------

    /// [`Self::sentence_claims`] for a sentence without marked words: its
    /// gate finds no tag, no cue and no Konjunktiv there, which leaves the
    /// statement rule alone.
    fn statement_only(&mut self, s: usize) {
        let r = self.sent_range(s);
        if r.is_empty() {
            return;
        }
        let core_span = self.core_span(&r, self.sent_core_end(&r));
        self.statement(s, &r, core_span);
    }

    /// The byte span of the tokens `r` (not empty) up to `core_end`, and at
    /// least its first token.
    fn core_span(&self, r: &Range<usize>, core_end: usize) -> (usize, usize) {
        (
            self.toks[r.start].start,
            self.toks[core_end.max(r.start + 1) - 1].end,
        )
    }

    /// The rules of sentence `s`, whose marked words are `marked[m]`.
    fn sentence_claims(&mut self, s: usize, m: Range<usize>) {
        let r = self.sent_range(s);
        if r.is_empty() {
            return;
        }
        let core_end = self.sent_core_end(&r);
        let sent_span = (self.toks[r.start].start, self.toks[r.end - 1].end);
        let core_span = self.core_span(&r, core_end);
        // One pass for a gate: which rules can fire here at all (most sentences
        // of a news text have no cue word, no frame word and no Konjunktiv).
        let (mut tags, mut has_forms, mut k1) = (0u8, false, false);
        for &j in self.marked_at(&m) {
            let c = &self.classes[j];
            tags |= c.tag;
            has_forms |= c.forms != NO_FORMS;
            k1 |= c.konj == Some(Konj::One);
        }
        // The hits go to a buffer kept from sentence to sentence (put back below).
        let mut hits = std::mem::take(&mut self.hits);
        hits.clear();
        if has_forms {
            self.cues_among_into(self.marked_at(&m).iter().copied(), &r, &mut hits);
        }
        let before = self.drafts.len();
        for c in &hits {
            if self.wie_clause(s, c, &r, core_end) {
                continue;
            }
            if self.inverted(s, c, &r) {
                continue;
            }
            self.cue_then_content(s, c, &r, core_end);
        }
        if tags & TAG_SO != 0 {
            self.so_frame(s, &r, &m);
        }
        if tags & TAG_FRAME != 0 {
            self.according_to(s, &r, &m, core_end);
        }
        if self.drafts.len() == before {
            for c in &hits {
                let Some(spk) = self.reported_speaker(c, &r) else {
                    continue;
                };
                let cue = self.cue_of(c);
                if self.push(Draft::new(
                    "reported.speech_act",
                    "reported",
                    s,
                    spk,
                    Some(cue),
                    sent_span,
                )) {
                    break;
                }
            }
        }
        self.hits = hits;
        if self.drafts.len() == before && tags & TAG_WOLLEN != 0 {
            self.wollen(s, &r, &m, sent_span);
        }
        if self.drafts.len() == before && (k1 || tags & TAG_SOLL != 0) {
            self.continuation(s, &r, &m, sent_span);
        }
        if self.drafts.len() == before {
            self.statement(s, &r, core_span);
        }
    }

    /// Whether cue `c` summarises a speech act here, and its speaker (`Some(None)`:
    /// an agentless passive).
    fn reported_speaker(&self, c: &CueHit, r: &Range<usize>) -> Option<Option<(usize, usize)>> {
        let verb = &self.lex.verbs[c.verb];
        if verb.flags & REPORTED == 0 || self.punct(c.tok + 1) == Some(')') {
            return None;
        }
        let ce = self.clause_end(c.tok + 1, r.end);
        if verb.flags & VON != 0
            && !(c.tok + 1..ce).any(|j| matches!(self.lo(j), "von" | "vom" | "über"))
        {
            return None;
        }
        if verb.lemma == "fordern"
            && r.clone().any(|j| {
                matches!(
                    self.lo(j),
                    "todesopfer" | "opfer" | "tote" | "toten" | "menschenleben" | "verletzte"
                )
            })
        {
            return None;
        }
        let cs = self.clause_start(c.tok, r.start);
        let passive = c.kind == FormKind::NonFinite
            && (cs..ce.max(c.tok + 1)).any(|j| {
                matches!(
                    self.lo(j),
                    "wird" | "werden" | "wurde" | "wurden" | "worden"
                )
            });
        if passive {
            if verb.flags & PASSIVE == 0 {
                return None;
            }
            let agent = (r.start..r.end)
                .find(|&j| self.lo_is(j, "von") && self.func(j + 1) == Some(Func::Det))
                .and_then(|j| self.np_at(j + 1, r.end, true));
            return Some(agent.and_then(|a| self.span_of(&a)));
        }
        let sp = self.subject(c, r)?;
        Some(self.span_of(&sp))
    }

    /// `Wie X mitteilte, …` / `…, wie X mitteilte.`
    fn wie_clause(&mut self, s: usize, c: &CueHit, r: &Range<usize>, core_end: usize) -> bool {
        let cs = self.clause_start(c.tok, r.start);
        if self.lo(cs) != "wie" || cs + 1 >= c.tok {
            return false;
        }
        let mut e = c
            .particle
            .as_ref()
            .map_or(c.tok + 1, |p| p.end.max(c.tok + 1));
        while e < r.end && self.func(e) == Some(Func::Aux) {
            e += 1;
        }
        let at_end = e >= core_end;
        if !(at_end || self.punct(e) == Some(',')) {
            return false;
        }
        let content = if cs == r.start && !at_end {
            self.tok_span(e + 1, core_end)
        } else if cs > r.start + 1 && self.punct(cs - 1) == Some(',') {
            self.tok_span(r.start, cs - 1)
        } else {
            None
        };
        let Some(content) = content else { return false };
        let spk = self
            .np_at(cs + 1, c.tok, true)
            .and_then(|x| self.span_of(&x));
        let cue = self.cue_of(c);
        self.push(Draft::new(
            "indirect.wie",
            "indirect_speech",
            s,
            spk,
            Some(cue),
            content,
        ))
    }

    fn tok_span(&self, a: usize, b: usize) -> Option<(usize, usize)> {
        if a >= b || b > self.toks.len() {
            return None;
        }
        Some((self.toks[a].start, self.toks[b - 1].end))
    }

    /// `…, sagte der Sprecher.` / `…, teilte X mit.` / `…, hieß es.`
    fn inverted(&mut self, s: usize, c: &CueHit, r: &Range<usize>) -> bool {
        if c.kind != FormKind::Finite || c.tok < r.start + 3 || self.punct(c.tok - 1) != Some(',') {
            return false;
        }
        if self.in_quote[c.tok - 2] && self.is_quote_mark(c.tok - 2) {
            return false; // handled with the quotation
        }
        if self.punct(c.tok + 1) == Some(',') || self.punct(c.tok + 1) == Some(':') {
            return false;
        }
        let Some((cue, np, _)) = self.frame_after(c.tok, r) else {
            return false;
        };
        // The part before the comma must be a clause of its own: Konjunktiv or a
        // sentence start that is not a subordinate clause.
        let pre = r.start..c.tok - 1;
        // The comma closes an embedded relative or subordinate clause ("Die Firma,
        // die … wurde, sagte …"): not a content.
        let last = self.clause_start(c.tok - 1, r.start);
        if last > r.start
            && !self.cap(last)
            && matches!(self.func(last), Some(Func::Det) | Some(Func::Subord))
        {
            return false;
        }
        let has_k = pre.clone().any(|j| self.classes[j].konj.is_some());
        let sub = self.func(r.start) == Some(Func::Subord);
        let verb = pre
            .clone()
            .any(|j| self.func(j) == Some(Func::Aux) || self.in_quote[j]);
        // A lexical verb alone ("Die Besucher kamen nach Bremen, sagte Keller")
        // counts only in the plain inversion: the speaker right after the cue.
        let lexical = !verb
            && np.as_ref().is_some_and(|n| n.start == c.tok + 1)
            && pre.clone().any(|j| self.lexical_verb_at(j));
        if !has_k && (sub || !(verb || lexical)) {
            return false;
        }
        let Some(content) = self.tok_span(pre.start, pre.end) else {
            return false;
        };
        let spk = np.and_then(|x| self.span_of(&x));
        self.push(Draft::new(
            "indirect.frame_after",
            "indirect_speech",
            s,
            spk,
            Some(cue),
            content,
        ))
    }

    /// Whether token `j` looks like a finite lexical verb after the clause's first
    /// constituent ("Die Besucher *kamen* nach Bremen"): a lower-case word the
    /// lexicons do not know, not first in the clause, and not followed by a
    /// capitalised word or a number (attributive adjectives are: "neue Besucher").
    fn lexical_verb_at(&self, j: usize) -> bool {
        let c = self.classes[j];
        if !self.word(j) || self.cap(j) || c.func.is_some() || c.konj.is_some() || j == 0 {
            return false;
        }
        let Some(next) = self.toks.get(j + 1) else {
            return false;
        };
        let lo = self.lo(j);
        let verb_ending = lo.len() > 3
            && (lo.ends_with('t') || lo.ends_with("en") || lo.ends_with("te"))
            && !lo.ends_with("ig");
        verb_ending
            && !(is_word(next) && starts_upper(self.text, next))
            && !self.raw(j + 1).starts_with(|c: char| c.is_ascii_digit())
            && self.word(j - 1)
            && self.lo(j - 1) != "zu"
    }

    /// `…, so der Sprecher.` anywhere in the sentence (whose marked words are
    /// `marked[m]`).
    fn so_frame(&mut self, s: usize, r: &Range<usize>, m: &Range<usize>) {
        for k in m.clone() {
            let Some(&i) = self.marked.get(k) else { break };
            if i < r.start + 3
                || self.classes[i].tag & TAG_SO == 0
                || self.lo(i) != "so"
                || self.punct(i - 1) != Some(',')
                || self.in_quote[i]
            {
                continue;
            }
            let Some((cue, np, _)) = self.frame_after(i, r) else {
                continue;
            };
            let Some(content) = self.tok_span(r.start, i - 1) else {
                continue;
            };
            let spk = np.and_then(|x| self.span_of(&x));
            self.push(Draft::new(
                "indirect.so",
                "indirect_speech",
                s,
                spk,
                Some(cue),
                content,
            ));
            return;
        }
    }

    /// A cue verb followed by its content clause.
    fn cue_then_content(
        &mut self,
        s: usize,
        c: &CueHit,
        r: &Range<usize>,
        core_end: usize,
    ) -> bool {
        let flags = self.lex.verbs[c.verb].flags;
        if flags & (CLAUSE | INFINITIVE) == 0 {
            return false;
        }
        let from = c
            .particle
            .as_ref()
            .map_or(c.tok + 1, |p| p.end.max(c.tok + 1));
        let lim = (from + 16).min(core_end);
        let Some(b) = (from..lim).find(|&j| matches!(self.punct(j), Some(',' | ':'))) else {
            return false;
        };
        if (from..b)
            .any(|j| self.is_quote_mark(j) || matches!(self.punct(j), Some('.' | '?' | '!')))
        {
            return false;
        }
        let cstart = b + 1;
        if cstart >= core_end {
            return false;
        }
        if self.is_quote_mark(cstart) {
            // A quotation right after the frame is the quote rule's.
            if self
                .quote_closing(cstart)
                .is_some_and(|cl| cl + 2 >= core_end)
            {
                return false;
            }
        }
        // Another cue verb right after the comma owns the content ("…, die X
        // angegeben hatte, sagte, dass …").
        let next_b = self.clause_end(cstart, core_end);
        if (cstart..next_b).any(|j| {
            self.lex
                .forms_of(self.classes[j].forms)
                .is_some_and(|f| f.iter().any(|x| x.kind == FormKind::Finite))
                && !self.cap(j)
                && !self.cues(j..j + 1, r).is_empty()
        }) {
            return false;
        }
        let first = self.lo(cstart);
        let ok_clause = flags & CLAUSE != 0
            && (matches!(first, "dass" | "daß" | "ob")
                || (matches!(
                    first,
                    "wie"
                        | "warum"
                        | "wer"
                        | "was"
                        | "wann"
                        | "wo"
                        | "weshalb"
                        | "wieso"
                        | "inwieweit"
                ) && self.punct(b) == Some(','))
                || (cstart..core_end)
                    .take(30)
                    .any(|j| self.classes[j].konj.is_some() && !self.in_quote[j])
                || (self.punct(b) == Some(':') && core_end - cstart >= 4));
        // Right after the verb ("sagte, er kommt morgen"), an indicative clause
        // with a subject of its own is reported too.
        let direct_comma = b == from
            && flags & CLAUSE != 0
            && (self.func(cstart) == Some(Func::Det)
                || self.func(cstart) == Some(Func::Pron)
                || self.is_noun(cstart))
            && (cstart..core_end).any(|j| {
                self.func(j) == Some(Func::Aux) || matches!(self.lo(j), "soll" | "sollen")
            });
        let ok_clause = ok_clause || direct_comma;
        let ok_inf = flags & INFINITIVE != 0 && self.has_zu_infinitive(cstart, core_end);
        if !(ok_clause || ok_inf) {
            return false;
        }
        let Some(content) = self.tok_span(cstart, core_end) else {
            return false;
        };
        let spk = self.subject(c, r).and_then(|x| self.span_of(&x));
        let cue = self.cue_of(c);
        self.push(Draft::new(
            if ok_clause {
                "indirect.clause"
            } else {
                "indirect.infinitive"
            },
            "indirect_speech",
            s,
            spk,
            Some(cue),
            content,
        ))
    }

    fn has_zu_infinitive(&self, a: usize, b: usize) -> bool {
        (a..b).any(|j| {
            let l = self.lo(j);
            (l == "zu" && j + 1 < b && self.word(j + 1) && !self.cap(j + 1))
                || (!self.cap(j)
                    && l.len() > 7
                    && l.ends_with("en")
                    && l.get(2..).is_some_and(|rest| rest.contains("zu"))
                    && self
                        .lex
                        .forms
                        .get(l)
                        .is_some_and(|f| f.iter().any(|x| x.kind == FormKind::NonFinite)))
        })
    }

    /// `laut X`, `X zufolge`, `nach Angaben X`, `gemäß X`, `seiner Ansicht nach`, `demnach`.
    /// The sentence's marked words are `marked[m]`.
    fn according_to(&mut self, s: usize, r: &Range<usize>, m: &Range<usize>, core_end: usize) {
        for k in m.clone() {
            let Some(&i) = self.marked.get(k) else { break };
            if self.classes[i].tag & TAG_FRAME == 0 || self.in_quote[i] {
                continue;
            }
            let l = self.lo(i);
            let frame: Option<Frame> = match l {
                "laut" | "gemäß" => {
                    let np = if self.is_quote_mark(i + 1) {
                        self.quote_closing(i + 1).map(|close| i + 1..close + 1)
                    } else {
                        self.np_at(i + 1, r.end, true)
                    };
                    np.map(|np| {
                        (
                            i..np.end,
                            Some(np),
                            if l == "laut" { "laut" } else { "gemäß" },
                        )
                    })
                }
                "zufolge" => self
                    .np_before(i, r.start)
                    .map(|np| (np.start..i + 1, Some(np), "zufolge")),
                "nach" => self.nach_frame(i, r),
                "demnach" if i == r.start || self.func(i - 1) == Some(Func::Aux) => {
                    Some((i..i + 1, Some(i..i + 1), "demnach"))
                }
                _ => None,
            };
            let Some((fr, np, lemma)) = frame else {
                continue;
            };
            let cue_tok = if lemma == "zufolge" {
                fr.end - 1
            } else {
                fr.start
            };
            let cs = self.clause_start(fr.start, r.start);
            let left = self.tok_span(cs, fr.start);
            let right = self.tok_span(fr.end, core_end);
            let (content, parts) = match (left, right) {
                (Some(a), Some(b)) => ((a.0, b.1), Some(vec![[a.0, a.1], [b.0, b.1]])),
                (None, Some(b)) => (b, None),
                (Some(a), None) => (a, None),
                (None, None) => continue,
            };
            let t = &self.toks[cue_tok];
            let cue = (t.start, t.end, lemma.to_string(), None);
            let spk = np.and_then(|x| self.span_of(&x));
            self.push(
                Draft::new(
                    "according_to.frame",
                    "according_to",
                    s,
                    spk,
                    Some(cue),
                    content,
                )
                .with_parts(parts),
            );
        }
    }

    /// `nach (Det) (Adj) Angaben (X)` or `(Poss) Meinung nach`.
    fn nach_frame(&self, i: usize, r: &Range<usize>) -> Option<Frame> {
        // Postposed: "seiner Meinung nach".
        if i > r.start {
            let n = i - 1;
            if self.cap(n) && self.cue_noun(n).is_some() {
                let mut s = n;
                while s > r.start
                    && (self.func(s - 1) == Some(Func::Det) || self.is_adjective(s - 1))
                {
                    s -= 1;
                }
                if s < n {
                    return Some((s..i + 1, Some(s..n + 1), "nach"));
                }
            }
        }
        let mut j = i + 1;
        while j < r.end && (self.func(j) == Some(Func::Det) || self.is_adjective(j)) && j < i + 4 {
            j += 1;
        }
        if j >= r.end || !self.cap(j) || self.cue_noun(j).is_none() {
            return None;
        }
        let noun = j;
        let mut end = noun + 1;
        if let Some(np) = self.np_at(noun, r.end, false) {
            end = np.end.max(end);
        }
        if end < r.end && matches!(self.lo(end), "von" | "vom" | "des" | "der") {
            if let Some(np) = self
                .np_at(end + 1, r.end, true)
                .or_else(|| self.np_at(end, r.end, true))
            {
                end = np.end;
            }
        }
        Some((i..end, Some(i + 1..end), "nach"))
    }

    fn cue_noun(&self, i: usize) -> Option<&str> {
        self.lex.cue_noun(self.raw(i), self.lo(i))
    }

    /// The noun phrase ending right before token `i` ("Medienberichten zufolge").
    fn np_before(&self, i: usize, floor: usize) -> Option<Range<usize>> {
        let mut s = i;
        let mut n = 0;
        while s > floor && n < 9 {
            let j = s - 1;
            let ok = self.is_noun(j)
                || self.func(j) == Some(Func::Det)
                || self.is_adjective(j)
                || self.punct(j) == Some('-');
            if !ok {
                break;
            }
            s = j;
            n += 1;
        }
        while s < i && !(self.func(s) == Some(Func::Det) || self.is_adjective(s) || self.is_noun(s))
        {
            s += 1;
        }
        if s >= i || !(s..i).any(|j| self.is_noun(j)) {
            return None;
        }
        Some(s..i)
    }

    /// `X will … Infinitiv`: a stated intention of a named subject.
    /// The sentence's marked words are `marked[m]`.
    fn wollen(&mut self, s: usize, r: &Range<usize>, m: &Range<usize>, sent_span: (usize, usize)) {
        let Some(w) = self
            .marked_at(m)
            .iter()
            .copied()
            .find(|&j| self.classes[j].tag & TAG_WOLLEN != 0 && !self.in_quote[j])
        else {
            return;
        };
        let cs = self.clause_start(w, r.start);
        if cs != r.start && self.func(cs) == Some(Func::Subord) {
            return;
        }
        if matches!(self.punct(r.end - 1), Some('?')) {
            return;
        }
        let hit = CueHit {
            tok: w,
            verb: usize::MAX,
            kind: FormKind::Finite,
            particle: None,
        };
        let Some(sp) = self.subject(&hit, r) else {
            return;
        };
        let t = &self.toks[w];
        let cue = (t.start, t.end, "wollen".to_string(), None);
        let spk = self.span_of(&sp);
        self.push(Draft::new(
            "reported.wollen",
            "reported",
            s,
            spk,
            Some(cue),
            sent_span,
        ));
    }

    /// A Konjunktiv-I sentence (or hearsay `soll … haben/sein`) right after a
    /// claim: reported speech of the same speaker, without a cue.
    /// The sentence's marked words are `marked[m]`.
    fn continuation(
        &mut self,
        s: usize,
        r: &Range<usize>,
        m: &Range<usize>,
        sent_span: (usize, usize),
    ) {
        let Some(prev) = self.drafts.last() else {
            return;
        };
        if prev.sentence + 1 != s || prev.kind == "statement" {
            return;
        }
        if self.func(r.start) == Some(Func::Subord)
            && self.lo(r.start) != "da"
            && !self.cap(r.start)
        {
            return;
        }
        let marked = self.marked_at(m);
        let k1 = marked
            .iter()
            .any(|&j| self.classes[j].konj == Some(Konj::One) && !self.in_quote[j]);
        let core = self.sent_core_end(r);
        let hearsay = marked.iter().any(|&j| self.classes[j].tag & TAG_SOLL != 0)
            && core > r.start
            && matches!(self.lo(core - 1), "haben" | "sein");
        if !(k1 || hearsay) || self.is_quote_mark(r.start) {
            return;
        }
        let spk = prev.speaker;
        self.push(Draft::new(
            "indirect.continuation",
            "indirect_speech",
            s,
            spk,
            None,
            sent_span,
        ));
    }

    /// An unattributed sentence carrying a figure.
    fn statement(&mut self, s: usize, r: &Range<usize>, core_span: (usize, usize)) {
        if matches!(self.punct(r.end - 1), Some('?' | ':')) || self.in_quote[r.start] {
            return;
        }
        let figure = if self.qs.is_empty() {
            r.clone().any(|j| self.is_figure_token(j))
        } else {
            // Sentences come in order and do not overlap: a cursor steps through
            // the quantities, left at the end of this sentence's (any starting
            // point gives the same answer; this one mostly needs no step to
            // the next sentence's first).
            let qs = self.qs;
            let found = crate::sorted::range_from(
                &self.q_order,
                |&i| qs[i].start,
                core_span.0,
                core_span.1,
                self.statement_q_cursor,
            );
            self.statement_q_cursor = found.end;
            self.q_order[found].iter().map(|&i| &qs[i]).any(|q| {
                q.end <= core_span.1 && !matches!(&*q.kind, "date" | "time" | "year" | "ordinal")
            })
        };
        if !figure {
            return;
        }
        self.push(Draft::new(
            "statement.figure",
            "statement",
            s,
            None,
            None,
            core_span,
        ));
    }

    /// A figure without the quantities stage: digits (not a lone year) or a number
    /// word, also at the start of a compound adjective ("anderthalbstündig").
    fn is_figure_token(&self, j: usize) -> bool {
        let word = self.word(j);
        let raw = self.raw(j);
        if self.in_quote[j] {
            return false;
        }
        if self.lo(j + 1) == "uhr" {
            return false;
        }
        if raw.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            let year = raw.len() == 4 && (raw.starts_with("19") || raw.starts_with("20"));
            let ordinal = self.punct(j + 1) == Some('.');
            return !year && !ordinal;
        }
        if !word {
            return false;
        }
        let l = self.lo(j);
        if FIGURE_WORDS.contains(&l) {
            return true;
        }
        is_figure_compound(l)
    }

    // ----- finishing --------------------------------------------------------

    /// The entities overlapping bytes `a..b`, in text order.
    fn entities_at(&self, a: usize, b: usize) -> impl Iterator<Item = &Entity> + '_ {
        starting_in(
            &self.ent_order,
            |i| self.ents[i].start,
            a.saturating_sub(self.longest_annotation),
            b,
        )
        .iter()
        .map(|&i| &self.ents[i])
        .filter(move |e| e.start < b && a < e.end)
    }

    /// The first entity overlapping bytes `a..b`, if any.
    fn entity_at(&self, a: usize, b: usize) -> Option<&Entity> {
        self.entities_at(a, b).next()
    }

    /// The last person or organisation overlapping bytes `a..b` (the one nearest
    /// to what follows: "US-Präsident Donald Trump" → Donald Trump).
    fn speaker_entity_at(&self, a: usize, b: usize) -> Option<&Entity> {
        self.entities_at(a, b)
            .filter(|e| matches!(&*e.label, "PER" | "ORG"))
            .last()
    }

    /// Whom a claim is addressed to, from its frame clause (outside the content
    /// and the speaker):
    /// - `gegenüber` + NP: "erklärte gegenüber Journalisten" → Journalisten;
    /// - `auffordern` + accusative: "forderte die Regierung auf" → die Regierung;
    /// - `appellieren`/`schreiben`/`wenden` + `an` + NP: "appellierte an die Länder";
    /// - a verb of telling + an unambiguous dative right after the verb (or right
    ///   after a speaker that follows it): "sagte dem Sender", "sagte Keller dem
    ///   Sender", "sagte ihm"; `der` + noun only when the speaker stands before the
    ///   verb ("warf der Regierung vor") or is a pronoun right after it ("sagte sie
    ///   der Zeitung"), since otherwise it is the subject.
    fn addressee(&self, d: &Draft) -> Option<(usize, usize)> {
        let (cue_start, _, lemma, _) = d.cue.as_ref()?;
        let ct = self.toks.partition_point(|t| t.start < *cue_start);
        if ct >= self.toks.len() || !self.word(ct) {
            return None;
        }
        let r = self.sent_range(d.sentence);
        if !r.contains(&ct) {
            return None;
        }
        let (cs, ce) = (
            self.clause_start(ct, r.start),
            self.clause_end(ct + 1, r.end),
        );
        let whole = [[d.content.0, d.content.1]];
        let pieces: &[[usize; 2]] = d.parts.as_deref().unwrap_or(&whole);
        let free = |np: &Range<usize>| -> Option<(usize, usize)> {
            let (a, b) = self.span_of(np)?;
            let overlaps = |x: usize, y: usize| a < y && x < b;
            if pieces.iter().any(|p| overlaps(p[0], p[1]))
                || d.speaker.is_some_and(|(x, y)| overlaps(x, y))
            {
                return None;
            }
            Some((a, b))
        };
        // gegenüber + NP anywhere in the frame clause.
        for j in cs..ce {
            if self.lo_is(j, "gegenüber") {
                if let Some(span) = self.np_at(j + 1, ce, true).and_then(|np| free(&np)) {
                    return Some(span);
                }
            }
        }
        let speaker_before = d.speaker.is_some_and(|(_, b)| b <= *cue_start);
        // The first word after the verb, past a speaker right after it.
        let mut k = ct + 1;
        let pronoun_after = self.toks.get(k).is_some_and(|t| {
            d.speaker.is_some_and(|(a, b)| a == t.start && b == t.end)
                && self.func(k) == Some(Func::Pron)
        });
        if let Some((_, b)) = d.speaker.filter(|_| !speaker_before) {
            if self.toks.get(k).is_some_and(|t| t.start < b) {
                while k < ce && self.toks[k].start < b {
                    k += 1;
                }
            }
        }
        if k >= ce {
            return None;
        }
        match lemma.as_str() {
            "auffordern" if self.has_forms(ct) && self.lo(ct).starts_with("forder") => {
                let np = self.np_at(k, ce, true)?;
                if matches!(
                    self.lo(np.start),
                    "er" | "sie" | "es" | "wir" | "ich" | "man"
                ) {
                    return None;
                }
                (np.end < ce && self.lo(np.end) == "auf").then(|| free(&np))?
            }
            "appellieren" | "schreiben" | "wenden" => (self.lo(k) == "an")
                .then(|| self.np_at(k + 1, ce, true))
                .flatten()
                .and_then(|np| free(&np)),
            "sagen" | "erklären" | "mitteilen" | "berichten" | "versichern" | "versprechen"
            | "zusagen" | "vorwerfen" | "bestätigen" | "drohen" | "raten" | "empfehlen"
            | "erzählen" | "zusichern" => {
                let first = self.lo(k);
                let dative = matches!(
                    first,
                    "dem" | "einem" | "ihm" | "ihnen" | "mir" | "uns" | "dir"
                ) || ((speaker_before || pronoun_after)
                    && matches!(first, "der" | "einer"));
                if !dative {
                    return None;
                }
                self.np_at(k, ce, false).and_then(|np| free(&np))
            }
            _ => None,
        }
    }

    fn finish(mut self) -> Vec<Claim> {
        self.drafts.sort_by_key(|d| (d.content.0, d.content.1));
        let mut drafts = std::mem::take(&mut self.drafts);
        let mut out = Vec::with_capacity(drafts.len());
        // The sentence and name of the last speaker that is no pronoun, borrowed
        // (it is copied only when a later "er"/"sie" takes it over).
        let mut last_named: Option<(usize, &str)> = None;
        // The drafts come sorted by start: cursors step through the marked
        // words, entities and quantities that start inside each.
        let (mut marked_cursor, mut ent_cursor, mut q_cursor) = (0, 0, 0);
        // Walked in place (the list is cleared after) rather than drained: a
        // draft is large, and draining moved each one twice.
        for (n, d) in drafts.iter_mut().enumerate() {
            let whole = [[d.content.0, d.content.1]];
            let pieces: &[[usize; 2]] = d.parts.as_deref().unwrap_or(&whole);
            let inside = |a: usize, b: usize| pieces.iter().any(|p| a >= p[0] && b <= p[1]);
            let mut konj = false;
            let mut hedged = false;
            let mut negated = false;
            let mut soll = false;
            // Only marked words carry a Konjunktiv, a hedge, `soll` or a negation.
            let toks = &self.toks;
            for &j in starting_in_from(
                &self.marked,
                |j| toks[j].start,
                d.content.0,
                d.content.1,
                &mut marked_cursor,
            ) {
                let t = &self.toks[j];
                if !inside(t.start, t.end) || !is_word(t) {
                    continue;
                }
                let c = &self.classes[j];
                konj |= c.konj.is_some();
                hedged |= c.tag & TAG_HEDGE != 0;
                soll |= c.tag & TAG_SOLL_FORM != 0;
                if c.tag & TAG_NEG != 0
                    && !(self.lo(j) == "nicht" && matches!(self.lo(j + 1), "zuletzt" | "nur"))
                {
                    negated = true;
                }
            }
            if soll {
                // The content's token range, needed only after a `soll`.
                let ti = self.toks.partition_point(|t| t.start < d.content.0);
                let tj = self.toks.partition_point(|t| t.start < d.content.1);
                if tj > ti && matches!(self.lo(tj - 1), "haben" | "sein") {
                    hedged = true;
                }
            }
            let mood = if konj {
                Some("subjunctive".into())
            } else if d.kind == "reported" {
                None
            } else {
                Some("indicative".into())
            };
            let mut named: Option<&str> = None;
            let speaker = d.speaker.map(|(a, b)| {
                // A relative pronoun speaks for its antecedent.
                let ent = self.entity_at(a, b).or_else(|| {
                    let t = self.toks.partition_point(|t| t.start < a);
                    let r = self.sent_range(d.sentence);
                    let antecedent = self.relative_antecedent(t, &r)?;
                    let (x, y) = self.span_of(&antecedent)?;
                    self.speaker_entity_at(x, y)
                });
                let stext = self.text.get(a..b).unwrap_or("");
                let pron = matches!(stext, "er" | "Er" | "sie" | "Sie" | "ihr" | "Ihr");
                let mut name = ent.and_then(|e| e.name.clone());
                if pron && name.is_none() {
                    name = last_named
                        .filter(|(s, _)| d.sentence <= s + 4)
                        .map(|(_, n)| n.to_string());
                }
                if !pron {
                    named = Some(ent.and_then(|e| e.name.as_deref()).unwrap_or(stext));
                }
                Speaker {
                    start: a,
                    end: b,
                    text: String::new(),
                    entity: ent.map(|e| e.id.clone()),
                    name,
                }
            });
            if let Some(name) = named {
                last_named = Some((d.sentence, name));
            }
            let addressee = self.addressee(d).map(|(a, b)| {
                let ent = self.entity_at(a, b);
                Speaker {
                    start: a,
                    end: b,
                    text: String::new(),
                    entity: ent.map(|e| e.id.clone()),
                    name: ent.and_then(|e| e.name.clone()),
                }
            });
            let (c0, c1) = d.content;
            let ents = self.ents;
            let entities =
                starting_in_from(&self.ent_order, |i| ents[i].start, c0, c1, &mut ent_cursor)
                    .iter()
                    .map(|&i| &self.ents[i])
                    .filter(|e| inside(e.start, e.end))
                    .map(|e| e.id.clone())
                    .collect();
            let qs = self.qs;
            let quantities =
                starting_in_from(&self.q_order, |i| qs[i].start, c0, c1, &mut q_cursor)
                    .iter()
                    .map(|&i| &self.qs[i])
                    .filter(|q| inside(q.start, q.end))
                    .map(|q| q.id.clone())
                    .collect();
            out.push(Claim {
                id: numbered_id('c', n + 1),
                sentence: d.sentence,
                kind: d.kind.into(),
                speaker,
                cue: d.cue.take().map(|(a, b, lemma, parts)| Cue {
                    start: a,
                    end: b,
                    text: String::new(),
                    lemma,
                    parts,
                }),
                content: Span {
                    start: d.content.0,
                    end: d.content.1,
                    text: String::new(),
                    parts: d.parts.take(),
                },
                addressee,
                mood,
                hedged,
                negated,
                entities,
                quantities,
                rule: Some(d.rule.into()),
            });
        }
        drafts.clear();
        Scratch {
            classes: std::mem::take(&mut self.classes),
            in_quote: std::mem::take(&mut self.in_quote),
            lower: std::mem::take(&mut self.lower),
            quote_marks: std::mem::take(&mut self.quote_marks),
            marked: std::mem::take(&mut self.marked),
            ent_order: std::mem::take(&mut self.ent_order),
            q_order: std::mem::take(&mut self.q_order),
            drafts,
            draft_spans: std::mem::take(&mut self.draft_spans),
        }
        .keep(self.text.len());
        out
    }
}

trait AbbrevLike {
    fn kind_abbrev_like(&self, raw: &str) -> bool;
}

impl AbbrevLike for Token {
    /// Abbreviations and initials ("Dr.", "J.") inside names.
    fn kind_abbrev_like(&self, raw: &str) -> bool {
        !is_word(self) && self.kind != TokenKind::Punct && raw.ends_with('.')
    }
}

/// The marks [`Doc::clause_end`] stops at: clause boundaries (`,;:–—`), the
/// marks of `is_quote_mark`, end marks and parentheses.
fn ends_clause(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '–' | '—' | '.' | '!' | '?' | '(' | ')')
        || matches!(c, '„' | '“' | '”' | '»' | '«' | '"')
}

/// Whether a token is a word (letters).
fn is_word(t: &Token) -> bool {
    t.kind == TokenKind::Word
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicons;
    use crate::segment::Segmenter;

    /// The plain definition of [`is_figure_compound`]: some number word, then
    /// some suffix, with no length gate or first-byte test.
    fn figure_compound_plain(l: &str) -> bool {
        FIGURE_WORDS.iter().any(|w| {
            l.strip_prefix(w)
                .is_some_and(|rest| FIGURE_SUFFIXES.iter().any(|s| rest.starts_with(s)))
        })
    }

    #[test]
    fn statement_only_agrees_with_the_full_rule_pass() {
        let lexicons = Lexicons::default();
        let lex = ClaimLexicon::new(&lexicons).expect("built-in lexicons load");
        let seg = Segmenter::new(&lexicons).expect("segmenter builds");
        let text = "Im Hafen lagen gestern 14 Schiffe. Das Wetter war schön. \
                    Der Kanal ist zwölf Kilometer lang? Es kamen dreißig Gäste: \
                    „Neun Boote fuhren aus.“ Die Fähre braucht anderthalbstündige \
                    Pausen. Um 8 Uhr öffnet das Museum. Im Jahr 2019 schloss es.";
        let seg = seg.segment(text);
        let probe = Doc::new(&lex, text, &seg, &[], &[]);
        let mut cursor = 0;
        let mut fired = 0;
        for s in 0..seg.sentences.len() {
            let m = probe.marked_in(&probe.sent_range(s), &mut cursor);
            if !m.is_empty() {
                continue;
            }
            let mut fast = Doc::new(&lex, text, &seg, &[], &[]);
            fast.statement_only(s);
            let mut full = Doc::new(&lex, text, &seg, &[], &[]);
            full.sentence_claims(s, m);
            let key = |d: &Draft| (d.rule, d.kind, d.sentence, d.speaker, d.content);
            let got: Vec<_> = fast.drafts.iter().map(key).collect();
            let want: Vec<_> = full.drafts.iter().map(key).collect();
            assert_eq!(got, want, "help: sentence {s}");
            fired += got.len();
        }
        assert!(fired >= 2, "help: the sample should hold figure statements");
    }

    #[test]
    fn draft_spans_overlap_as_a_linear_scan_does() {
        let lexicons = Lexicons::default();
        let lex = ClaimLexicon::new(&lexicons).expect("built-in lexicons load");
        let seg = Segmenter::new(&lexicons).expect("segmenter builds");
        let text = "Ein kurzer Satz.";
        let seg = seg.segment(text);
        let mut doc = Doc::new(&lex, text, &seg, &[], &[]);
        // Spans out of order, nested, touching, repeated and empty.
        let spans = [
            (40, 60),
            (10, 20),
            (15, 18),
            (20, 30),
            (0, 5),
            (100, 400),
            (120, 130),
            (58, 90),
            (10, 20),
            (7, 7),
            (300, 500),
            (6, 9),
        ];
        let mut kept: Vec<(usize, usize)> = Vec::new();
        for (k, &span) in spans.iter().enumerate() {
            let plain = kept.iter().any(|&(ds, de)| {
                let (s, e) = (span.0.max(ds), span.1.min(de));
                let small = (span.1 - span.0).min(de - ds).max(1);
                e.saturating_sub(s) * 2 >= small
            });
            let pushed = doc.push(Draft::new("test", "statement", 0, None, None, span));
            assert_eq!(pushed, span.1 > span.0 && !plain, "help: span {k} {span:?}");
            if pushed {
                kept.push(span);
            }
            let mut sorted = kept.clone();
            sorted.sort_unstable();
            assert_eq!(doc.draft_spans, sorted, "help: after span {k}");
            for a in 0..510 {
                for b in [0, a, a + 1, a + 20, 600] {
                    assert_eq!(
                        doc.spans_from((a, b)),
                        sorted.partition_point(|s| *s < (a, b)),
                        "help: spans_from(({a}, {b})) after span {k}"
                    );
                }
            }
        }
    }

    #[test]
    fn figure_compound_agrees_with_the_plain_definition() {
        let mut words = vec![
            String::new(),
            "z".to_string(),
            "zweifach".to_string(),
            "zweifacher".to_string(),
            "dreitägige".to_string(),
            "fünfjährig".to_string(),
            "elffach".to_string(),
            "elffac".to_string(),
            "dreiecke".to_string(),
            "zahlreich".to_string(),
            "ächzend".to_string(),
            "milliardenfach".to_string(),
        ];
        for w in FIGURE_WORDS {
            for s in FIGURE_SUFFIXES {
                words.push(format!("{w}{s}"));
                words.push(format!("{w}{s}e"));
                words.push(format!("x{w}{s}"));
                words.push(format!("{w}-{s}"));
                words.push(format!("{w}{}", &s[..s.len() - 1]));
            }
            words.push(w.to_string());
        }
        let mut hits = 0;
        for w in &words {
            assert_eq!(
                is_figure_compound(w),
                figure_compound_plain(w),
                "help: {w:?}"
            );
            hits += usize::from(figure_compound_plain(w));
        }
        // Both answers occur, so the comparison tests something.
        assert!(hits > 100 && hits < words.len());
    }

    /// The cursor search gives what the binary search gives, for ranges in
    /// order, out of order, empty, reversed and past either end.
    #[test]
    fn starting_in_from_agrees_with_starting_in() {
        // Starts 0, 3, 3, 7, 10, … (repeats included), listed by a shuffled index.
        let starts: Vec<usize> = (0..40).map(|k| k * 5 / 2 + k % 3).collect();
        let mut order: Vec<usize> = (0..starts.len()).rev().collect();
        order.sort_by_key(|&i| starts[i]);
        let start_of = |i: usize| starts[i];
        let mut ranges: Vec<(usize, usize)> = (0..120).map(|a| (a, a + a % 7)).collect();
        ranges.extend([
            (50, 20),
            (0, 0),
            (200, 300),
            (30, 31),
            (0, 200),
            (5, 6),
            (99, 100),
        ]);
        ranges.extend((0..60).map(|k| ((k * 37) % 110, (k * 37) % 110 + k % 11)));
        let mut cursor = 0;
        let mut nonempty = 0;
        for &(from, to) in &ranges {
            let want = starting_in(&order, start_of, from, to);
            let got = starting_in_from(&order, start_of, from, to, &mut cursor);
            assert_eq!(got, want, "help: range {from}..{to}");
            nonempty += usize::from(!want.is_empty());
        }
        assert!(nonempty > 50);
    }

    /// `lo_is` answers as comparing `lo` does, for every token of a text with
    /// non-ASCII words, past the last token, and for words that are only a
    /// token's prefix, suffix or a longer form.
    #[test]
    fn lo_is_agrees_with_lo() {
        let lexicons = Lexicons::default();
        let lex = ClaimLexicon::new(&lexicons).expect("built-in lexicons load");
        let seg = Segmenter::new(&lexicons).expect("segmenter builds");
        let text = "Gegenüber der Presse sagte ÄRZTIN Özlem von Bülow: „Über 3,5 % \
                    gegenüber VON vom Vorjahr.“ Straße, Maß, gegenüberliegend.";
        let s = seg.segment(text);
        let doc = Doc::new(&lex, text, &s, &[], &[]);
        let words = [
            "gegenüber",
            "von",
            "vom",
            "über",
            "straße",
            "maß",
            "„",
            "3,5",
            "ärztin",
            "özlem",
            "gegen",
            "ber",
            "gegenüberliegend",
            "bülow:",
            "%",
        ];
        let mut hits = 0;
        for j in 0..doc.toks.len() + 2 {
            for w in words {
                assert_eq!(doc.lo_is(j, w), doc.lo(j) == w, "help: token {j}, {w:?}");
                hits += usize::from(doc.lo_is(j, w));
            }
        }
        assert!(hits >= 10, "help: only {hits} hits");
    }

    /// What the rules read of a token on demand (word, capital, punctuation
    /// mark, lexicon class, inside a quotation) equals its plain definition
    /// from the token's text, for every token of a text with ASCII, Latin-1
    /// and other capitals, quotation marks of each kind, dashes and symbols.
    #[test]
    fn token_facts_agree_with_their_plain_definitions() {
        let lexicons = Lexicons::default();
        let lex = ClaimLexicon::new(&lexicons).expect("built-in lexicons load");
        let seg = Segmenter::new(&lexicons).expect("segmenter builds");
        let text = "„Österreich bleibt“, sagte Ärztin Ülkü Şahin – ohne »Zögern« … \
                    Die ΔΣ-Gruppe (35 %) wolle 2,5 Mio. € zahlen; so äußerte sich \
                    „ẞ“-Fan Émile. \"Ja\", meinte er — «genau» & ‚nein‘! Ǆ? soll";
        let s = seg.segment(text);
        let doc = Doc::new(&lex, text, &s, &[], &[]);
        let mut lower = lowercase_aligned(text);
        lower.extend(std::iter::repeat_n('\0', LOWER_PAD));
        let (mut caps, mut quotes) = (0, 0);
        for (i, t) in s.tokens.iter().enumerate() {
            let first = text.get(t.start..t.end).and_then(|w| w.chars().next());
            assert_eq!(doc.word(i), t.kind == TokenKind::Word, "help: token {i}");
            assert_eq!(
                doc.cap(i),
                first.is_some_and(char::is_uppercase),
                "help: token {i}"
            );
            let punct = first.filter(|_| t.kind == TokenKind::Punct);
            assert_eq!(doc.punct(i), punct, "help: token {i}");
            let class = if t.kind == TokenKind::Word {
                lex.word_at(&lower, t.start, t.end)
                    .unwrap_or(WordClass::NONE)
            } else {
                WordClass::NONE
            };
            assert_eq!(doc.classes[i], class, "help: token {i}");
            let quoted = doc.quotes.iter().any(|q| (q.open..=q.close).contains(&i));
            assert_eq!(doc.in_quote[i], quoted, "help: token {i}");
            assert_eq!(
                doc.quote_marks.contains(&i),
                punct.is_some_and(is_quote_char),
                "help: token {i}"
            );
            caps += usize::from(doc.cap(i));
            quotes += usize::from(quoted);
        }
        assert!(caps >= 12 && quotes >= 8, "help: {caps} capitals, {quotes}");
        assert!(doc.marked.len() >= 3, "help: sagte, wolle, soll are marked");
    }

    /// [`may_be_quote`] turns away no token that [`punct_char`] decodes to a
    /// quotation mark.
    #[test]
    fn quote_lead_test_agrees_with_the_decoded_mark() {
        // Every char of the quotation-mark and punctuation blocks, alone and
        // between words, as the tokenizer cuts them.
        let seg = crate::segment::Segmenter::new(&Default::default()).expect("segmenter");
        let mut text = String::from("Er sagte: „Ja“, »nein« und \"vielleicht\" – ‚so‘ … ");
        for c in (0x20u32..0x250)
            .chain(0x2000..0x2070)
            .filter_map(char::from_u32)
        {
            text.push(c);
            text.push_str(" x");
            text.push(c);
            text.push(' ');
        }
        let s = seg.segment(&text);
        let mut marks = 0;
        for t in &s.tokens {
            let plain = punct_char(&text, t).is_some_and(is_quote_char);
            assert_eq!(
                may_be_quote(&text, t) && plain,
                plain,
                "help: token {:?}",
                t.text(&text)
            );
            marks += usize::from(plain);
        }
        assert!(marks >= 12, "help: only {marks} quotation marks");
    }

    /// [`Doc::clause_end`]'s one test per mark stops where its three tests
    /// did: a boundary, a quotation mark, or one of `.!?()`.
    #[test]
    fn ends_clause_is_boundary_or_quote_or_end_mark() {
        let plain = |c: char| {
            matches!(c, ',' | ';' | ':' | '–' | '—')
                || matches!(c, '„' | '“' | '”' | '»' | '«' | '"')
                || matches!(c, '.' | '!' | '?' | '(' | ')')
        };
        for c in ('\0'..='\u{3000}').chain(['‚', '‘', '’', '…', '-', '«']) {
            assert_eq!(ends_clause(c), plain(c), "help: {c:?}");
        }
    }

    /// [`punct_char`] and [`starts_upper`] equal the plain reading of the
    /// token's first char for every token range of a text with chars of one
    /// to four bytes, for every token kind.
    #[test]
    fn punct_and_capital_agree_with_the_first_char() {
        let text = "A„b»Ö ẞ€😀x\"É.";
        let kinds = [
            TokenKind::Word,
            TokenKind::Number,
            TokenKind::Abbrev,
            TokenKind::Url,
            TokenKind::Punct,
        ];
        for start in 0..text.len() {
            for end in start + 1..=text.len() {
                let Some(first) = text.get(start..end).and_then(|w| w.chars().next()) else {
                    continue;
                };
                for kind in kinds {
                    let t = Token { start, end, kind };
                    let want = (kind == TokenKind::Punct).then_some(first);
                    assert_eq!(punct_char(text, &t), want, "help: {start}..{end}");
                    assert_eq!(starts_upper(text, &t), is_uppercase(first));
                    assert_eq!(is_uppercase(first), first.is_uppercase(), "{first:?}");
                }
            }
        }
    }

    #[test]
    fn no_figure_compound_is_shorter_than_the_length_gate() {
        let shortest = FIGURE_WORDS
            .iter()
            .flat_map(|w| FIGURE_SUFFIXES.iter().map(move |s| w.len() + s.len()))
            .min();
        assert_eq!(shortest, Some(FIGURE_COMPOUND_MIN));
    }

    /// The marked words of every sentence, by the cursor walk (in order, from a
    /// stale cursor, and from a cursor past the range), equal a scan of all tokens.
    #[test]
    fn marked_words_by_cursor_equal_a_full_scan() {
        let lexicons = Lexicons::default();
        let lex = ClaimLexicon::new(&lexicons).expect("built-in lexicons load");
        let seg = Segmenter::new(&lexicons).expect("segmenter builds");
        let text = "Die Ministerin sagte, die Lage sei ernst. Das Wetter war schön. \
                    Laut Polizei wurden zwei Menschen verletzt. Er will nicht kommen, \
                    so der Sprecher. Vielleicht soll er es gewusst haben.";
        let seg = seg.segment(text);
        let doc = Doc::new(&lex, text, &seg, &[], &[]);
        assert!(!doc.marked.is_empty(), "help: the text has cue words");
        let full = |r: &Range<usize>| -> Vec<usize> {
            r.clone()
                .filter(|&j| {
                    let c = &doc.classes[j];
                    let marked = doc.has_forms(j) || c.konj.is_some() || c.tag != 0;
                    assert_eq!(marked, c.marked, "help: WordClass::marked of token {j}");
                    marked
                })
                .collect()
        };
        let mut walked = 0;
        let mut by_offset_cursor = 0;
        for s in 0..seg.sentences.len() {
            let r = doc.sent_range(s);
            let want = full(&r);
            let by_walk = doc.marked_in(&r, &mut walked);
            assert_eq!(
                doc.marked_at(&by_walk),
                want.as_slice(),
                "help: sentence {s}"
            );
            let mut past = doc.marked.len();
            let by_search = doc.marked_in(&r, &mut past);
            assert_eq!(by_search, by_walk, "help: a cursor past the range");
            let mut fresh = 0;
            assert_eq!(doc.marked_in(&r, &mut fresh), by_walk, "help: from 0");
            if let Some((a, b)) = doc.tok_span(r.start, r.end) {
                assert_eq!(
                    doc.marked_starting_in(a, b),
                    want.as_slice(),
                    "help: by offsets, sentence {s}"
                );
                let toks = &doc.toks;
                assert_eq!(
                    starting_in_from(&doc.marked, |j| toks[j].start, a, b, &mut by_offset_cursor),
                    want.as_slice(),
                    "help: by offsets with a cursor, sentence {s}"
                );
            }
        }
    }
}
