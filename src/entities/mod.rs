//! Named entities: people, organisations, places and other names, with roles,
//! one canonical name per referent and Wikidata ids.
//!
//! Why: fact-checkers need to know who and what a text talks about. German makes
//! this hard for rules (every noun is capitalised, names hide in compounds and
//! derivations), so the stage leans on lexicons first and adds a few careful
//! context rules for names that are in no lexicon.
//!
//! How, in one pass per document:
//! 1. [`gazetteer`]: one trie pass over the text (case-folded) finds every
//!    lexicon name, alias, surname, adjective and demonym (`Deutschland`,
//!    `Putins`, `russischen`, `Franzose`, `Pariser`).
//! 2. Compounds: a name inside a hyphenated token makes the whole token a
//!    `subtype: "part"` entity (`US-Präsident`, `Ukraine-Krieg`); adjectives joined
//!    by hyphens stay separate `deriv` spans (`amerikanisch-ukrainischen`).
//! 3. [`rules`]: names in no lexicon: given name + surname (`Steve Witkoff`), a role
//!    before a capitalised word (`Trainer Klopp`), organisation patterns
//!    (`… GmbH`, `Institut für …`, `Universität …`, `FC …`), acronyms (`IKB`).
//! 4. Roles and coreference: a role word before a person (`Nato-Generalsekretär
//!    Mark Rutte`) fills `role`; `Macron` and `Macrons` after `Emmanuel Macron`
//!    share its `name` and `kb`.
//!
//! What it does not do: no nested entities, no disambiguation beyond the lexicon
//! (a `Schröder` is whoever the lexicon says), no names inside closed compounds
//! (`Europaminister`).
//!
//! Lexicon files (`lexicons/entities/`, TAB-separated, `#` comments, `|` between
//! alternatives; a user file of the same name in `--lexicon-dir` is appended):
//! - `countries.tsv`: name, Wikidata id, aliases, adjective stems, demonyms
//!   (`Frankreich⇥Q142⇥⇥französisch⇥Franzose|Französin`, ⇥ = TAB).
//! - `places.tsv`: name, label, Wikidata id, aliases, adjective (empty: automatic
//!   `Kieler` for a city, `-`: none), kind (`city`, `region`, ...).
//! - `organisations.tsv`, `misc.tsv`: name, Wikidata id, aliases, label (default
//!   ORG resp. MISC).
//! - `persons.tsv`: name, Wikidata id, role, aliases; the surname alone matches too
//!   unless it is in `not_names.txt`.
//! - `given_names.txt`, `roles.txt`, `not_names.txt`, `org_words.tsv`: one entry a
//!   line, see each file's header.
//!
//! ```
//! use aussage::entities::Recogniser;
//! use aussage::segment::Segmenter;
//! let lex = Default::default();
//! let text = "Nato-Generalsekretär Mark Rutte sprach mit Macrons Beratern in Paris.";
//! let seg = Segmenter::new(&lex).unwrap().segment(text);
//! let ents = Recogniser::new(&lex).unwrap().recognise(text, &seg);
//! let got: Vec<(&str, &str)> = ents.iter().map(|e| (&text[e.start..e.end], &*e.label)).collect();
//! assert_eq!(got, [("Nato-Generalsekretär", "ORG"), ("Mark Rutte", "PER"), ("Macrons", "PER"), ("Paris", "LOC")]);
//! ```

pub mod compiled;
pub mod gazetteer;
pub mod rules;
pub mod word_filter;

use crate::error::Error;
use crate::lexicon::Lexicons;
use crate::record::Entity;
use crate::segment::{Segmentation, Token};
use std::ops::Range;

use gazetteer::{Form, Gazetteer, Hit, Label};

/// The built-in gazetteer's tables, compiled by `build.rs` (see [`compiled`]).
static BUILT_IN_GAZETTEER: &compiled::Aligned<[u8]> =
    &compiled::Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin")));

/// The gazetteer of the built-in lexicons, read in place from the binary;
/// `None` when `build.rs` compiled none (a target of another byte order).
pub fn built_in_gazetteer() -> Option<Gazetteer> {
    compiled::decode(&BUILT_IN_GAZETTEER.0)
}

/// A candidate entity before overlaps are resolved (byte offsets).
///
/// Its name and id are borrowed (from a gazetteer entry or the text): most
/// candidates are dropped by [`resolve`] or renamed by coreference, so they
/// are copied into owned strings only for the entities chosen.
#[derive(Debug, Clone)]
pub struct Cand<'a> {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// Label.
    pub label: Label,
    /// Canonical name.
    pub name: Option<&'a str>,
    /// Wikidata id.
    pub kb: Option<&'a str>,
    /// `deriv` or `part`.
    pub subtype: Option<&'static str>,
    /// Rule name.
    pub rule: &'static str,
    /// Lower wins among candidates with the same span.
    pub prio: u8,
    /// The candidate is a person's surname from the lexicon.
    pub surname: bool,
}

/// The entity recogniser, built once and shared across threads.
#[derive(Debug, Clone)]
pub struct Recogniser {
    gaz: Gazetteer,
    rules: rules::Rules,
}

impl Recogniser {
    /// Builds the recogniser from the built-in lexicons plus `lex`'s additions.
    pub fn new(lex: &Lexicons) -> Result<Self, Error> {
        let not_names = gazetteer::not_names(lex);
        // The compiled tables unless the user adds to the gazetteer's files.
        let user_names = gazetteer::FILES.iter().any(|f| lex.adds_to(f));
        let gaz = match built_in_gazetteer().filter(|_| !user_names) {
            Some(gaz) => gaz,
            None => Gazetteer::new(lex, &not_names)?,
        };
        let rules = rules::Rules::new(lex, not_names)?;
        Ok(Recogniser { gaz, rules })
    }

    /// The entities of `text`, with byte offsets, ids `e1…` and sentence indices.
    pub fn recognise(&self, text: &str, seg: &Segmentation) -> Vec<Entity> {
        // The token flags first: one pass in order over the tokens, which
        // then stay in the cache for the look-ups of the hits below.
        let (flags, starts) = self.rules.classify(text, &seg.tokens);
        let hits = self.gaz.find(text);
        let (mut cands, covered) = self.compounds(text, &seg.tokens, &hits);
        let mut to = 0;
        for si in 0..seg.sentences.len() {
            let range = seg.sentences[si].tokens.clone();
            // The rules' start tokens in this sentence.
            let from;
            (from, to) = starts_within(&starts, &range, to);
            let roles = self.rules.apply(
                text,
                &seg.tokens,
                range.clone(),
                &starts[from..to],
                &covered,
                &flags,
                &mut cands,
            );
            // (Without a role word the apposition rule starts nowhere.)
            if !roles {
                continue;
            }
            self.rules.apposition(
                text,
                &seg.tokens,
                range,
                &starts[from..to],
                &covered,
                &flags,
                &mut cands,
            );
        }
        let chosen = merge_adjacent(text, resolve(cands));
        let mut chosen = self
            .rules
            .coreference(text, &seg.tokens, &flags, &starts, chosen);
        chosen.sort_by_key(|c| c.start);
        let mut out = Vec::with_capacity(chosen.len());
        // (The candidates are sorted: the cursor steps forward. A person's
        // token by a binary search: persons lie far apart, a cursor's
        // gallop between them cost three times as much.)
        let mut sentence = SentenceCursor::new(seg);
        for c in chosen {
            let role = if c.label == Label::Per {
                let at = token_at(&seg.tokens, c.start);
                self.rules.role_before_token(text, &seg.tokens, at, &flags)
            } else {
                None
            };
            let id = crate::record::numbered_id('e', out.len() + 1);
            out.push(Entity {
                id,
                start: c.start,
                end: c.end,
                text: String::new(),
                label: c.label.as_str().into(),
                name: c.name.map(String::from),
                kb: c.kb.map(String::from),
                role,
                subtype: c.subtype.map(Into::into),
                sentence: sentence.find(c.start),
                rule: Some(c.rule.into()),
            });
        }
        out
    }

    /// Turns gazetteer hits into candidates, deciding compounds per token;
    /// with them [`covered_tokens`] of the candidates, marked from the token
    /// each candidate starts in, which is found here anyway (instead of a
    /// second search per candidate).
    fn compounds<'a>(
        &'a self,
        text: &'a str,
        tokens: &[Token],
        hits: &[Hit],
    ) -> (Vec<Cand<'a>>, Vec<bool>) {
        let mut out = Vec::with_capacity(hits.len());
        let mut covered = vec![false; tokens.len()];
        let mut at = TokenCursor::new(tokens);
        // The tokens from `t` (holding the candidate's start) on that start
        // before the candidate's end.
        let mut cover = |t: usize, end: usize| {
            for (k, tok) in tokens.iter().enumerate().skip(t) {
                if tok.start >= end {
                    break;
                }
                covered[k] = true;
            }
        };
        let mut i = 0;
        while i < hits.len() {
            let h = hits[i];
            let ti = at.find(h.start);
            let Some((t, tok)) = ti.map(|t| (t, tokens[t])) else {
                i += 1;
                continue;
            };
            // All hits inside this token.
            let mut j = i + 1;
            while j < hits.len() && hits[j].start < tok.end {
                j += 1;
            }
            let group = &hits[i..j];
            i = j;
            let whole = group.len() == 1 && h.start == tok.start && h.end >= tok.end;
            let word = &text[tok.start..tok.end];
            // (The hyphen by bytes: `str::contains` runs a char searcher.)
            if whole || !rules::has_hyphen_bytes(word.as_bytes()) || h.end > tok.end {
                for g in group {
                    out.push(self.cand(g, g.start, g.end, None));
                    cover(t, g.end);
                }
                continue;
            }
            // Adjectives joined by hyphens: `deutsch-französische` → two derivs.
            let pieces = word.split('-').filter(|p| !p.is_empty()).count();
            let all_deriv = group.iter().all(|g| g.form == Form::Deriv)
                && group.len() == pieces
                && group.iter().all(|g| {
                    let g_word = &text[g.start..g.end];
                    g_word.chars().next().is_some_and(char::is_lowercase) || g.start == tok.start
                });
            if all_deriv {
                for g in group {
                    out.push(self.cand(g, g.start, g.end, None));
                    cover(t, g.end);
                }
                continue;
            }
            let last = group[group.len() - 1];
            let (head, subtype) = if last.form == Form::Deriv && last.end == tok.end {
                (last, "deriv")
            } else {
                (group[0], "part")
            };
            out.push(self.cand(&head, tok.start, tok.end, Some(subtype)));
            cover(t, tok.end);
        }
        (out, covered)
    }

    fn cand(&self, h: &Hit, start: usize, end: usize, subtype: Option<&'static str>) -> Cand<'_> {
        let e = &self.gaz.entries[h.entry];
        let subtype = subtype.or((h.form == Form::Deriv).then_some("deriv"));
        Cand {
            start,
            end,
            label: e.label,
            name: Some(&e.name),
            kb: e.kb.as_deref(),
            subtype,
            rule: e.rule,
            prio: 0,
            surname: h.form == Form::Surname,
        }
    }
}

/// The index of the token holding byte `b`.
pub(crate) fn token_at(tokens: &[Token], b: usize) -> Option<usize> {
    let i = tokens.partition_point(|t| t.start <= b).checked_sub(1)?;
    (tokens[i].end > b).then_some(i)
}

/// [`token_at`] for bytes asked in ascending order (gazetteer hits, sorted
/// candidates): walks forward from the last answer instead of a binary search
/// per byte (galloping, so a near byte costs a step or two and touches the
/// token array in order). A byte before the last
/// one asked falls back to the binary search, so any order gives the same
/// answers as [`token_at`].
pub(crate) struct TokenCursor<'t> {
    tokens: &'t [Token],
    /// The number of tokens starting at or before the last byte asked.
    next: usize,
}

impl<'t> TokenCursor<'t> {
    pub(crate) fn new(tokens: &'t [Token]) -> Self {
        TokenCursor { tokens, next: 0 }
    }

    /// The tokens stepped over one at a time before galloping.
    const NEAR: usize = 3;

    /// The index of the token holding byte `b`.
    pub(crate) fn find(&mut self, b: usize) -> Option<usize> {
        let tokens = self.tokens;
        let behind = self
            .next
            .checked_sub(1)
            .and_then(|i| tokens.get(i))
            .is_some_and(|t| t.start > b);
        if behind {
            self.next = tokens.partition_point(|t| t.start <= b);
        }
        // A few tokens one at a time first: most bytes asked are a few tokens
        // on from the last (the candidates of a text, a token or two long).
        for _ in 0..Self::NEAR {
            match tokens.get(self.next) {
                Some(t) if t.start <= b => self.next += 1,
                _ => {
                    let i = self.next.checked_sub(1)?;
                    return (tokens[i].end > b).then_some(i);
                }
            }
        }
        // Galloping: steps of 1, 2, 4, … then a binary search in the last step,
        // so a long jump costs a logarithm, not a walk.
        let mut step = 1;
        while tokens
            .get(self.next + step - 1)
            .is_some_and(|t| t.start <= b)
        {
            self.next += step;
            step *= 2;
        }
        let rest = tokens.get(self.next..(self.next + step - 1).min(tokens.len()));
        self.next += rest.map_or(0, |r| r.partition_point(|t| t.start <= b));
        let i = self.next.checked_sub(1)?;
        (tokens[i].end > b).then_some(i)
    }
}

/// [`Segmentation::sentence_at`] for bytes asked in ascending order (the
/// sorted entities): steps forward from the last answer instead of a binary
/// search per entity; a byte before the last one asked falls back to the
/// search, so any order gives the same answers.
struct SentenceCursor<'s> {
    seg: &'s Segmentation,
    /// The last answer and the byte asked for it.
    at: usize,
    last: usize,
}

impl<'s> SentenceCursor<'s> {
    fn new(seg: &'s Segmentation) -> Self {
        SentenceCursor {
            seg,
            at: 0,
            last: 0,
        }
    }

    fn find(&mut self, byte: usize) -> usize {
        let sentences = &self.seg.sentences;
        if byte < self.last {
            self.at = self.seg.sentence_at(byte);
        } else {
            while sentences.get(self.at + 1).is_some_and(|s| s.start <= byte) {
                self.at += 1;
            }
        }
        self.last = byte;
        self.at
    }
}

/// The part of `starts` (ascending token indices) within the token `range`,
/// as `from..to`. Sentences come in order, so the search steps forward from
/// `after`, the end of the last sentence's part (instead of two binary
/// searches a sentence).
fn starts_within(starts: &[usize], range: &Range<usize>, after: usize) -> (usize, usize) {
    let r = crate::sorted::range_from(starts, |&k| k, range.start, range.end, after);
    (r.start, r.end)
}

/// Which tokens a candidate already covers (by token index): a token is
/// covered by a candidate that starts in it or in a token before it and ends
/// after its start.
#[cfg(test)]
fn covered_tokens(tokens: &[Token], cands: &[Cand<'_>]) -> Vec<bool> {
    let mut v = vec![false; tokens.len()];
    let mut at = TokenCursor::new(tokens);
    for c in cands {
        if let Some(t) = at.find(c.start) {
            let mut k = t;
            while k < tokens.len() && tokens[k].start < c.end {
                v[k] = true;
                k += 1;
            }
        }
    }
    v
}

/// [`covered_tokens`] asked token by token in ascending order, for candidates
/// sorted by start that do not overlap (the chosen ones, whose ends then
/// ascend too): steps forward through the candidates instead of searching
/// the token of every candidate and marking its tokens first. A token asked
/// before the last one starts the walk afresh, so any order answers alike.
pub(crate) struct CoverCursor<'a> {
    tokens: &'a [Token],
    cands: &'a [Cand<'a>],
    /// The first candidate that ends after the start of the last token asked.
    next: usize,
    last: usize,
}

impl<'a> CoverCursor<'a> {
    pub(crate) fn new(tokens: &'a [Token], cands: &'a [Cand<'a>]) -> Self {
        debug_assert!(cands.windows(2).all(|w| w[0].end <= w[1].start));
        CoverCursor {
            tokens,
            cands,
            next: 0,
            last: 0,
        }
    }

    /// Whether a candidate covers token `k`.
    pub(crate) fn covers(&mut self, k: usize) -> bool {
        if k < self.last {
            self.next = 0;
        }
        self.last = k;
        let Some(tok) = self.tokens.get(k) else {
            return false;
        };
        while self
            .cands
            .get(self.next)
            .is_some_and(|c| c.end <= tok.start)
        {
            self.next += 1;
        }
        // The candidates from `next` on end after the token's start; those
        // starting before its end overlap it, and cover it if they start in
        // it or in a token before it (not between tokens).
        self.cands[self.next..]
            .iter()
            .take_while(|c| c.start < tok.end)
            .any(|c| c.start >= tok.start || token_at(self.tokens, c.start).is_some())
    }
}

/// The order [`resolve`] chooses in: leftmost, then longest, then by priority.
fn sort_for_choice(cands: &mut [Cand<'_>]) {
    cands.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.prio.cmp(&b.prio))
    });
}

/// Greedy choice: leftmost, then longest, then by priority; no overlaps.
///
/// (In place: `retain` keeps the candidates chosen where they are, without a
/// second vector and a move of each; nearly all are chosen.)
fn resolve(mut cands: Vec<Cand<'_>>) -> Vec<Cand<'_>> {
    sort_for_choice(&mut cands);
    let mut last_end = None;
    cands.retain(|c| {
        let keep = last_end.is_none_or(|e| c.start >= e);
        if keep {
            last_end = Some(c.end);
        }
        keep
    });
    cands
}

/// [`resolve`] as first written, into a second vector (for the test).
#[cfg(test)]
fn resolve_plain(mut cands: Vec<Cand<'_>>) -> Vec<Cand<'_>> {
    sort_for_choice(&mut cands);
    let mut out: Vec<Cand<'_>> = Vec::with_capacity(cands.len());
    let mut last_end = 0;
    for c in cands {
        if c.start >= last_end || out.is_empty() {
            last_end = c.end;
            out.push(c);
        }
    }
    out
}

/// The byte of `text[end..start]` when that is one byte (the gaps asked
/// for, `/` and a space, are ASCII and so whole chars): no `str` slice and
/// its char boundary checks for every pair of neighbours.
#[inline]
fn one_byte_gap(text: &str, end: usize, start: usize) -> Option<u8> {
    if start == end.wrapping_add(1) {
        text.as_bytes().get(end).copied()
    } else {
        None
    }
}

/// Joins neighbours that make one name: `München/Hamburg` (a dateline, one LOC),
/// `THW Kiel`, `ADAC GT` (an acronym with a name next to it, one ORG).
///
/// In place: `dedup_by` hands each candidate to [`merge_into`] with the last
/// one kept, which takes it in or not; no second vector, and the candidates
/// stay where they are until one is taken in (rarely).
fn merge_adjacent<'a>(text: &'a str, mut chosen: Vec<Cand<'a>>) -> Vec<Cand<'a>> {
    chosen.dedup_by(|c, p| merge_into(text, p, c));
    chosen
}

/// Whether the candidate `c` right after `p` joins it ([`merge_adjacent`]);
/// if so, `p` is widened to cover both.
#[inline]
fn merge_into<'a>(text: &'a str, p: &mut Cand<'a>, c: &Cand<'a>) -> bool {
    let gap = one_byte_gap(text, p.end, c.start);
    let plain = p.subtype.is_none() && c.subtype.is_none();
    if plain && gap == Some(b'/') && p.label == Label::Loc && c.label == Label::Loc {
        p.end = c.end;
        p.name = text.get(p.start..p.end);
        p.kb = None;
        p.rule = "rule.place_list";
        return true;
    }
    let acronym = p.rule == "rule.acronym" || c.rule == "rule.acronym";
    if plain
        && gap == Some(b' ')
        && acronym
        && matches!(p.label, Label::Org | Label::Misc)
        && matches!(c.label, Label::Org | Label::Loc)
    {
        p.end = c.end;
        p.label = Label::Org;
        p.name = text.get(p.start..p.end);
        p.kb = None;
        p.rule = "rule.org_compound";
        return true;
    }
    false
}

/// [`merge_adjacent`] as first written, with a second vector (for the test:
/// the joining rule is [`merge_into`]'s; the test checks the in-place walk,
/// and `one_byte_gap_agrees_with_the_slice` the gap).
#[cfg(test)]
fn merge_adjacent_plain<'a>(text: &'a str, chosen: Vec<Cand<'a>>) -> Vec<Cand<'a>> {
    let mut out: Vec<Cand<'a>> = Vec::with_capacity(chosen.len());
    for c in chosen {
        if let Some(p) = out.last_mut() {
            if merge_into(text, p, &c) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

pub use crate::hash::{FastMap, FastSet, WordHasher};

/// The names of persons mentioned, by surname, for coreference.
pub(crate) type SurnameIndex<'a> = FastMap<&'a str, (&'a str, Option<&'a str>)>;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod cursor_tests {
    use super::{starts_within, token_at, SentenceCursor, TokenCursor};

    #[test]
    fn starts_within_agrees_with_binary_search() {
        let starts = [0, 2, 3, 7, 8, 9, 15, 20, 21];
        let plain = |r: &std::ops::Range<usize>| {
            let from = starts.partition_point(|&k| k < r.start);
            (from, from + starts[from..].partition_point(|&k| k < r.end))
        };
        // Sentences in order, with gaps, out of order, empty and reversed
        // (`start` after `end`).
        let reversed = |start, end| std::ops::Range { start, end };
        let ranges = [
            0..3,
            3..8,
            8..8,
            8..16,
            18..30,
            5..9,
            9..12,
            0..1,
            25..40,
            40..50,
            reversed(12, 4),
            reversed(3, 2),
        ];
        let mut after = 0;
        for r in &ranges {
            let got = starts_within(&starts, r, after);
            assert_eq!(got, plain(r), "{r:?} after {after}");
            after = got.1;
        }
        assert_eq!(starts_within(&[], &(0..5), 0), (0, 0));
    }
    use crate::lexicon::Lexicons;
    use crate::segment::Segmenter;

    #[test]
    fn cursor_agrees_with_token_at_in_any_order() {
        let text = "Am Montag reiste Außenministerin Baerbock (Grüne) nach Kyjiw – \
                    dort traf sie US-Präsident Biden.  Danach: Pressekonferenz.";
        let seg = Segmenter::new(&Lexicons::default()).unwrap().segment(text);
        let forward: Vec<usize> = (0..=text.len() + 2).collect();
        let backward: Vec<usize> = forward.iter().rev().copied().collect();
        // Jumps back and forth, with repeats.
        let mixed: Vec<usize> = (0..forward.len())
            .map(|i| (i * 37 + 11) % forward.len())
            .chain([5, 5, 90, 3, 3, 120, 0])
            .collect();
        // Long jumps forward (past the tokens stepped one at a time).
        let jumps: Vec<usize> = (0..4)
            .flat_map(|i| [i, 60 + i, 61 + i, 140 + i, 141 + i])
            .collect();
        for order in [forward, backward, mixed, jumps] {
            let mut at = TokenCursor::new(&seg.tokens);
            for &b in &order {
                assert_eq!(
                    at.find(b),
                    token_at(&seg.tokens, b),
                    "byte {b}\nhelp: the cursor must answer like the binary search"
                );
            }
        }
        assert_eq!(TokenCursor::new(&[]).find(0), None);
    }

    /// A candidate over `start..end` (only the span matters here).
    fn span(start: usize, end: usize) -> super::Cand<'static> {
        super::Cand {
            start,
            end,
            label: super::Label::Loc,
            name: None,
            kb: None,
            subtype: None,
            rule: "test",
            prio: 0,
            surname: false,
        }
    }

    #[test]
    fn compounds_cover_like_covered_tokens() {
        let lex = Lexicons::default();
        let rec = super::Recogniser::new(&lex).unwrap();
        let texts = [
            "Die deutsch-französische Freundschaft feierten Berliner und Pariser in Köln.",
            "Der Ex-Bayern-Profi wechselt vom Hamburger SV zur Frankfurter Eintracht.",
            "In Nordrhein-Westfalen und Baden-Württemberg regnet es, sagt der DWD-Sprecher.",
            "Die Berlin-Wahl, ein EU-Gipfel in Brüssel und die NATO-Runde – alles am Montag.",
        ];
        let mut marked = 0;
        for text in texts {
            let seg = Segmenter::new(&lex).unwrap().segment(text);
            let hits = rec.gaz.find(text);
            let (cands, covered) = rec.compounds(text, &seg.tokens, &hits);
            assert_eq!(
                covered,
                super::covered_tokens(&seg.tokens, &cands),
                "{text:?}\nhelp: compounds must mark the tokens covered_tokens marks"
            );
            marked += covered.iter().filter(|&&c| c).count();
        }
        assert!(marked > 10, "help: the texts must hold gazetteer names");
    }

    #[test]
    fn cover_cursor_agrees_with_covered_tokens() {
        let text = "Am Montag sprach  Bundeskanzler Friedrich Merz in Berlin-Mitte \
                    mit der EU-Kommission über Zölle.";
        let seg = Segmenter::new(&Lexicons::default()).unwrap().segment(text);
        let t = |k: usize| seg.tokens[k];
        assert!(seg.tokens.len() > 12, "help: the test needs a dozen tokens");
        // in the double space before `Bundeskanzler`
        let between = t(2).end + 1;
        // Sorted candidates that do not overlap: whole tokens, several tokens,
        // inside a token, empty, starting between tokens, and none.
        let sets: Vec<Vec<super::Cand>> = vec![
            vec![],
            vec![span(t(0).start, t(1).end), span(t(4).start, t(5).end)],
            vec![span(t(3).start + 2, t(3).end), span(t(7).start, t(9).end)],
            vec![
                span(between, t(3).end),
                span(t(6).start + 1, t(6).start + 1),
            ],
            vec![span(t(1).start, t(1).start), span(t(2).end, t(4).start)],
            vec![span(0, text.len())],
        ];
        let n = seg.tokens.len();
        let forward: Vec<usize> = (0..n + 2).collect();
        let mixed: Vec<usize> = (0..n + 2).map(|i| (i * 7 + 3) % (n + 2)).collect();
        // Ascending with gaps, as coreference asks only the words its filter passes.
        let sparse: Vec<usize> = (1..n + 2).step_by(3).chain(n + 1..n + 2).collect();
        for cands in &sets {
            let plain = super::covered_tokens(&seg.tokens, cands);
            for order in [&forward, &mixed, &sparse] {
                let mut cursor = super::CoverCursor::new(&seg.tokens, cands);
                for &k in order {
                    assert_eq!(
                        cursor.covers(k),
                        plain.get(k).copied().unwrap_or(false),
                        "token {k} of {:?}",
                        cands.iter().map(|c| c.start..c.end).collect::<Vec<_>>()
                    );
                }
            }
        }
    }

    #[test]
    fn resolve_in_place_agrees_with_the_plain_choice() {
        let c = |start, end, prio, rule| super::Cand {
            prio,
            rule,
            ..span(start, end)
        };
        // Overlaps, nesting, equal spans by priority, empty spans (a first
        // candidate that ends at 0 too), touching spans and gaps.
        let sets = vec![
            vec![],
            vec![c(0, 0, 1, "a"), c(0, 4, 2, "b"), c(0, 0, 0, "c")],
            vec![
                c(5, 9, 2, "a"),
                c(0, 6, 1, "b"),
                c(6, 8, 0, "c"),
                c(9, 12, 3, "d"),
            ],
            vec![
                c(3, 7, 2, "a"),
                c(3, 7, 1, "b"),
                c(3, 9, 3, "c"),
                c(7, 7, 0, "d"),
            ],
            vec![
                c(10, 20, 0, "a"),
                c(12, 14, 0, "b"),
                c(20, 25, 1, "c"),
                c(19, 21, 0, "d"),
            ],
            vec![c(4, 2, 0, "a"), c(2, 3, 1, "b"), c(0, 1, 2, "c")],
        ];
        for cands in sets {
            let key = |v: &[super::Cand]| {
                v.iter()
                    .map(|c| (c.start, c.end, c.prio, c.rule))
                    .collect::<Vec<_>>()
            };
            let plain = super::resolve_plain(cands.clone());
            assert_eq!(
                key(&super::resolve(cands.clone())),
                key(&plain),
                "{:?}",
                key(&cands)
            );
        }
    }

    #[test]
    fn merge_in_place_agrees_with_the_plain_merge() {
        use super::Label::{Loc, Misc, Org, Per};
        let text =
            "In München/Hamburg/Kiel trafen ADAC GT und THW Kiel auf BASF Berlin, Köln /Bonn.";
        let at = |w: &str| text.find(w).unwrap();
        let c = |w: &'static str, label, rule: &'static str, subtype| super::Cand {
            start: at(w),
            end: at(w) + w.len(),
            label,
            name: Some(w),
            kb: Some("Q1"),
            subtype,
            rule,
            prio: 0,
            surname: false,
        };
        let lex = "lexicon:places";
        // Chains of places, acronyms before names, names before acronyms,
        // subtypes and gaps of the wrong kind or width.
        let sets = vec![
            vec![
                c("München", Loc, lex, None),
                c("Hamburg", Loc, lex, None),
                c("Kiel", Loc, lex, None),
            ],
            vec![
                c("München", Loc, lex, Some("part")),
                c("Hamburg", Loc, lex, None),
            ],
            vec![c("Hamburg", Loc, lex, None), c("Kiel", Per, lex, None)],
            vec![
                c("ADAC", Misc, "rule.acronym", None),
                c("GT", Org, lex, None),
            ],
            vec![
                c("THW", Org, lex, None),
                c("Kiel auf", Loc, "rule.acronym", None),
            ],
            vec![
                c("BASF", Org, "rule.acronym", None),
                c("Berlin", Loc, lex, None),
            ],
            vec![
                c("BASF", Per, "rule.acronym", None),
                c("Berlin", Loc, lex, None),
            ],
            vec![c("Köln", Loc, lex, None), c("Bonn", Loc, lex, None)],
            vec![c("In", Loc, lex, None)],
            vec![],
        ];
        for cands in sets {
            let key = |v: &[super::Cand<'static>]| {
                v.iter()
                    .map(|c| (c.start, c.end, c.label, c.name, c.kb, c.subtype, c.rule))
                    .collect::<Vec<_>>()
            };
            let plain = super::merge_adjacent_plain(text, cands.clone());
            let fast = super::merge_adjacent(text, cands.clone());
            assert_eq!(key(&fast), key(&plain), "{:?}", key(&cands));
        }
    }

    #[test]
    fn one_byte_gap_agrees_with_the_slice() {
        let text = "Köln/Bonn, Ulm – Neu-Ulm;ÄÖ/ß x";
        for end in 0..=text.len() + 1 {
            for start in 0..=text.len() + 1 {
                for b in [b'/', b' '] {
                    let plain = text.get(end..start) == Some(char::from(b).to_string().as_str());
                    assert_eq!(
                        super::one_byte_gap(text, end, start) == Some(b),
                        plain,
                        "{end}..{start}"
                    );
                }
            }
        }
    }

    #[test]
    fn sentence_cursor_agrees_with_sentence_at_in_any_order() {
        let text = "  Erster Satz. Zweiter Satz!  Dritter? Vierter Satz … und Schluss.  ";
        let seg = Segmenter::new(&Lexicons::default()).unwrap().segment(text);
        assert!(
            seg.sentences.len() >= 4,
            "help: the test needs several sentences"
        );
        let forward: Vec<usize> = (0..=text.len() + 2).collect();
        let backward: Vec<usize> = forward.iter().rev().copied().collect();
        let mixed: Vec<usize> = (0..forward.len())
            .map(|i| (i * 29 + 7) % forward.len())
            .chain([40, 40, 3, 60, 0, 0])
            .collect();
        for order in [forward, backward, mixed] {
            let mut at = SentenceCursor::new(&seg);
            for &b in &order {
                assert_eq!(at.find(b), seg.sentence_at(b), "byte {b}");
            }
        }
        let none = Segmenter::new(&Lexicons::default()).unwrap().segment("");
        assert_eq!(SentenceCursor::new(&none).find(5), none.sentence_at(5));
    }
}
