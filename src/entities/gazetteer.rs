//! The gazetteer: every lexicon name, alias, adjective and demonym in one
//! byte trie over case-folded forms, searched once per document: the text's
//! words are found 64 bytes at a time, a filter of the patterns' first words
//! keeps the few that can start a match, and the trie is walked only there.
//!
//! Why: German names come in many surface forms (`Deutschland`, `deutschen`,
//! `Deutschlands`, `Franzose`, `Pariser`, `TOKIO`); generating the forms at load
//! time and matching them in one pass keeps the stage linear and fast.
//!
//! What it does not do: decide about compounds, roles or names that are in no
//! lexicon (see `rules.rs`); it only reports matches that start and end at a
//! word boundary (a hyphen counts as a boundary, so `US-Präsident` yields `US`).
//!
//! Case: the text is folded to lower case char by char as the trie is walked (no
//! folded copy; folding keeps byte offsets, see [`fold_char`]), then each
//! match is checked against the entry as written: a capitalised entry needs a
//! capital first letter (`Berlin`, `BERLIN`, not `berlin`), a short acronym the
//! exact case (`US`, not `us`), a lower-case entry (`deutsch`, `dpa`) may also be
//! capitalised (`Deutsche` at the start of a sentence or as a noun).
//!
//! ```text
//! "Die Deutschen reisten nach TOKIO." → Deutschen (LOC deriv, Deutschland), TOKIO (LOC)
//! ```

use std::borrow::Cow;

use bytemuck::{Pod, Zeroable};

use super::word_filter::{Blocks, SetsFilter};
use crate::error::Error;
use crate::lexicon::Lexicons;
use crate::swar;

/// The four labels of SCHEMA.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    /// Persons.
    Per,
    /// Organisations.
    Org,
    /// Places.
    Loc,
    /// Other names (events, products, currencies, works).
    Misc,
}

impl Label {
    /// The wire label.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
        }
    }

    fn parse(s: &str) -> Option<Label> {
        match s {
            "PER" => Some(Label::Per),
            "ORG" => Some(Label::Org),
            "LOC" => Some(Label::Loc),
            "MISC" | "OTH" => Some(Label::Misc),
            _ => None,
        }
    }
}

/// What a surface form of an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Form {
    /// The name itself or an alias (`Deutschland`, `BRD`).
    Name,
    /// An adjective or demonym derived from it (`deutschen`, `Franzose`).
    Deriv,
    /// A person's surname alone (`Putin`): needs a capital letter and is not a
    /// word of `not_names.txt`.
    Surname,
}

impl Form {
    /// The form of [`Pattern::form`]'s code (`Form as u32`).
    fn from_code(code: u32) -> Form {
        match code {
            1 => Form::Deriv,
            2 => Form::Surname,
            _ => Form::Name,
        }
    }
}

/// The rule names of the lexicon files (an [`Entry::rule`] is one of them).
pub(super) const RULES: [&str; 5] = [
    "lexicon:entities/countries.tsv",
    "lexicon:entities/places.tsv",
    "lexicon:entities/organisations.tsv",
    "lexicon:entities/misc.tsv",
    "lexicon:entities/persons.tsv",
];

/// A lexicon referent.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Label of the referent.
    pub label: Label,
    /// Canonical name.
    pub name: String,
    /// Wikidata id.
    pub kb: Option<String>,
    /// Office of a person in the news.
    pub role: Option<String>,
    /// The lexicon file it comes from (the rule name is `lexicon:<file>`).
    pub rule: &'static str,
}

/// One pattern: a surface form of an entry. Plain numbers (its surface is a
/// range of [`Gazetteer::surfaces`]), so the compiled table is used in place.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Pod, Zeroable)]
pub(super) struct Pattern {
    surface_start: u32,
    surface_end: u32,
    entry: u32,
    /// `Form as u32`.
    form: u32,
}

impl Pattern {
    fn form(&self) -> Form {
        Form::from_code(self.form)
    }

    /// The index of its referent in [`Gazetteer::entries`].
    pub(super) fn entry(&self) -> usize {
        self.entry as usize
    }

    /// Its surface as written: a range of [`Gazetteer::surfaces`].
    pub(super) fn surface_range(&self) -> std::ops::Range<usize> {
        self.surface_start as usize..self.surface_end as usize
    }
}

/// A match in the text (byte offsets into the original text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Start byte.
    pub start: usize,
    /// End byte (a genitive `s` included).
    pub end: usize,
    /// Index into [`Gazetteer::entries`].
    pub entry: usize,
    /// What the surface form is.
    pub form: Form,
}

/// The compiled gazetteer.
///
/// Its tables are built from the lexicon files by [`Gazetteer::new`]; for the
/// built-in files that happens at compile time (`build.rs`, see
/// [`super::compiled`]) and the tables are then read in place from the binary.
#[derive(Debug, Clone, PartialEq)]
pub struct Gazetteer {
    /// All referents.
    pub entries: Vec<Entry>,
    pub(super) patterns: Cow<'static, [Pattern]>,
    /// The patterns' surfaces as written, one after another.
    pub(super) surfaces: Cow<'static, str>,
    /// All patterns (for words that start with a capital or a digit).
    pub(super) trie: Trie,
    /// Only the patterns written in lower case (`deutsch`, `dpa`): a word that
    /// starts in lower case can match nothing else (see `case_ok`).
    pub(super) lower_trie: Trie,
    /// The first words of the patterns (see [`first_word`]): a text word
    /// that is none of them (without a genitive `s`/`es`) starts no match, so
    /// the tries are walked only for the few words that pass. Set
    /// [`ANY_CASE`]: those of all patterns, for words that start with a
    /// capital or a digit; set [`LOWER_CASE`]: those of `lower_trie`'s
    /// patterns (so `der`, `die` in lower case do not pass although
    /// `Der Spiegel` is a pattern). Its start bits (`Blocks::may_begin`) hold
    /// the starts of the words that may start a match of `lower_trie`.
    pub(super) first_words: SetsFilter,
}

/// The set of [`Gazetteer::first_words`] for words that start with a capital or
/// a digit.
const ANY_CASE: u32 = 0;
/// The set of [`Gazetteer::first_words`] for words that start in lower case.
const LOWER_CASE: u32 = 1;
/// The set of [`Gazetteer::first_words`] that a lower-case word without its
/// genitive `s`/`es` is asked of (see [`genitive_set`]): the lower-case
/// patterns of one word that may take one (no adjective form). Most lower-case
/// first words start only adjective forms (`deutsch…`) or names of several
/// words (`al-…`), so `als` is no walk for `al`.
const LOWER_GENITIVE: u32 = 2;

/// The set a word of set `set` is asked of without a genitive ending.
///
/// Why that may be a smaller set: a walk from a word finds a match of a
/// pattern of several words only where the word is the pattern's first word
/// itself (its next char must be the pattern's next char, which is no word
/// char); it ends a match after a genitive only for a pattern of one word
/// that is no adjective form (see `end_with_suffix`, `written_hit`).
#[inline(always)]
fn genitive_set(set: u32) -> u32 {
    if set == LOWER_CASE {
        LOWER_GENITIVE
    } else {
        set
    }
}

// The names of the lexicon files the gazetteer reads, each spelled once: for
// `Lexicons::rows` and in `FILES`.
const COUNTRIES_FILE: &str = "entities/countries.tsv";
const PLACES_FILE: &str = "entities/places.tsv";
const ORGS_FILE: &str = "entities/organisations.tsv";
const MISC_FILE: &str = "entities/misc.tsv";
const PERSONS_FILE: &str = "entities/persons.tsv";
const NOT_NAMES_FILE: &str = "entities/not_names.txt";

/// The lexicon files the gazetteer reads: a user file of one of these names
/// (`--lexicon-dir`) means the built-in compiled tables cannot be used.
pub const FILES: [&str; 6] = [
    COUNTRIES_FILE,
    PLACES_FILE,
    ORGS_FILE,
    MISC_FILE,
    PERSONS_FILE,
    NOT_NAMES_FILE,
];

const NOT_NAMES: &str = include_str!("../../lexicons/entities/not_names.txt");

/// The words of `not_names.txt` (plus the user's): never a name on their own.
pub fn not_names(lex: &Lexicons) -> super::FastSet<String> {
    lex.rows(NOT_NAMES_FILE, NOT_NAMES)
        .iter()
        .map(|r| r.get(0).to_string())
        .collect()
}

const COUNTRIES: &str = include_str!("../../lexicons/entities/countries.tsv");
const PLACES: &str = include_str!("../../lexicons/entities/places.tsv");
const ORGS: &str = include_str!("../../lexicons/entities/organisations.tsv");
const PERSONS: &str = include_str!("../../lexicons/entities/persons.tsv");
const MISC: &str = include_str!("../../lexicons/entities/misc.tsv");

/// Builder state: dedupes folded patterns (the first registration wins).
#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    patterns: Vec<Pattern>,
    surfaces: String,
    /// Folded surface → pattern number (the folded surfaces are what the trie
    /// holds; [`Builder::folded`] lists them in pattern order at the end).
    seen: super::FastMap<String, usize>,
}

impl Builder {
    fn entry(&mut self, e: Entry) -> usize {
        self.entries.push(e);
        self.entries.len() - 1
    }

    /// The folded surface of each pattern, in pattern order (empties the map).
    fn folded(&mut self) -> Vec<String> {
        let mut folded = vec![String::new(); self.patterns.len()];
        for (f, i) in self.seen.drain() {
            folded[i] = f;
        }
        folded
    }

    fn add(&mut self, surface: &str, entry: usize, form: Form) {
        let surface = surface.trim();
        if surface.is_empty() {
            return;
        }
        match self.seen.entry(fold_str(surface)) {
            std::collections::hash_map::Entry::Occupied(_) => return,
            std::collections::hash_map::Entry::Vacant(slot) => slot.insert(self.patterns.len()),
        };
        let surface_start = self.surfaces.len() as u32;
        self.surfaces.push_str(surface);
        self.patterns.push(Pattern {
            surface_start,
            surface_end: self.surfaces.len() as u32,
            entry: entry as u32,
            form: form as u32,
        });
    }
}

fn opt(s: &str) -> Option<String> {
    Some(s.trim()).filter(|s| !s.is_empty()).map(String::from)
}

fn list(s: &str) -> impl Iterator<Item = &str> {
    s.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// Forms of an adjective stem: `deutsch` → deutsch, deutsche, deutschen, ...
fn adjective_forms(stem: &str) -> Vec<String> {
    ["", "e", "en", "er", "es", "em"]
        .iter()
        .map(|e| [stem, e].concat())
        .collect()
}

/// Forms of a demonym: `Franzose` → Franzose, Franzosen; `Kanadier` → Kanadier,
/// Kanadiern, Kanadiers, Kanadierin, Kanadierinnen; `Französin` → Französinnen.
fn demonym_forms(word: &str) -> Vec<String> {
    let mut v = vec![word.to_string()];
    if word.ends_with("in") && !word.ends_with("ein") {
        v.push([word, "nen"].concat());
    } else if word.ends_with("er") {
        for e in ["n", "s", "in", "innen"] {
            v.push([word, e].concat());
        }
    } else if word.ends_with('e') {
        v.push([word, "n"].concat());
    } else {
        v.push([word, "en"].concat());
    }
    v
}

/// The adjective of a city when the lexicon leaves it empty: `Kiel` → `Kieler`.
fn city_adjective(name: &str) -> Option<String> {
    if name.contains(' ') || name.ends_with("er") {
        return None;
    }
    if name.ends_with('e') {
        return Some([name, "r"].concat());
    }
    Some([name, "er"].concat())
}

impl Gazetteer {
    /// Loads the built-in lexicon files plus the user's additions.
    pub fn new(lex: &Lexicons, not_names: &super::FastSet<String>) -> Result<Self, Error> {
        // Sized for the built-in lexicons (about 7,000 patterns): no rehashing.
        let mut b = Builder {
            seen: super::FastMap::with_capacity_and_hasher(8192, Default::default()),
            patterns: Vec::with_capacity(8192),
            surfaces: String::with_capacity(1 << 17),
            ..Builder::default()
        };
        // Names first (they win over derived forms spelled the same: `Polen`).
        let mut derivs: Vec<(String, usize)> = Vec::new();
        let mut demonyms: Vec<(String, usize)> = Vec::new();
        let mut surnames: Vec<(String, usize)> = Vec::new();

        // countries.tsv: name, kb, aliases, adjective stems, demonyms
        for row in lex.rows(COUNTRIES_FILE, COUNTRIES) {
            let name = row.get(0);
            if name.is_empty() {
                return Err(row.error("empty country name"));
            }
            let id = b.entry(Entry {
                label: Label::Loc,
                name: name.to_string(),
                kb: opt(row.get(1)),
                role: None,
                rule: RULES[0],
            });
            b.add(name, id, Form::Name);
            for a in list(row.get(2)) {
                b.add(a, id, Form::Name);
            }
            for s in list(row.get(3)) {
                derivs.extend(adjective_forms(s).into_iter().map(|f| (f, id)));
            }
            for d in list(row.get(4)) {
                demonyms.extend(demonym_forms(d).into_iter().map(|f| (f, id)));
            }
        }
        // places.tsv: name, label, kb, aliases, adjective (empty: automatic for
        // cities, `-`: none), kind (city, region, continent, landmark, water)
        for row in lex.rows(PLACES_FILE, PLACES) {
            let name = row.get(0);
            let label = Label::parse(row.get(1)).unwrap_or(Label::Loc);
            let id = b.entry(Entry {
                label,
                name: name.to_string(),
                kb: opt(row.get(2)),
                role: None,
                rule: RULES[1],
            });
            b.add(name, id, Form::Name);
            for a in list(row.get(3)) {
                b.add(a, id, Form::Name);
            }
            let adj = row.get(4);
            if adj == "-" {
                continue;
            }
            if adj.is_empty() {
                if row.get(5) == "city" {
                    if let Some(a) = city_adjective(name) {
                        derivs.push((a, id));
                    }
                }
            } else {
                for a in list(adj) {
                    if a.chars().next().is_some_and(char::is_lowercase) {
                        derivs.extend(adjective_forms(a).into_iter().map(|f| (f, id)));
                    } else if a.ends_with("er") && !a.ends_with("ner") && row.get(5) != "city" {
                        demonyms.extend(demonym_forms(a).into_iter().map(|f| (f, id)));
                    } else {
                        derivs.push((a.to_string(), id));
                    }
                }
            }
        }
        // organisations.tsv / misc.tsv: name, kb, aliases, label (default ORG / MISC)
        for (file, content, default) in [
            (ORGS_FILE, ORGS, Label::Org),
            (MISC_FILE, MISC, Label::Misc),
        ] {
            let rule = if default == Label::Org {
                RULES[2]
            } else {
                RULES[3]
            };
            for row in lex.rows(file, content) {
                let name = row.get(0);
                let id = b.entry(Entry {
                    label: Label::parse(row.get(3)).unwrap_or(default),
                    name: name.to_string(),
                    kb: opt(row.get(1)),
                    role: None,
                    rule,
                });
                b.add(name, id, Form::Name);
                for a in list(row.get(2)) {
                    b.add(a, id, Form::Name);
                }
            }
        }
        // persons.tsv: name, kb, role, aliases. The surname alone is added too.
        for row in lex.rows(PERSONS_FILE, PERSONS) {
            let name = row.get(0);
            let id = b.entry(Entry {
                label: Label::Per,
                name: name.to_string(),
                kb: opt(row.get(1)),
                role: opt(row.get(2)),
                rule: RULES[4],
            });
            b.add(name, id, Form::Name);
            for a in list(row.get(3)) {
                b.add(a, id, Form::Name);
            }
            if let Some(last) = name.rsplit(' ').next() {
                if last != name && last.chars().count() > 2 && !not_names.contains(last) {
                    surnames.push((last.to_string(), id));
                }
            }
        }
        for (s, id) in surnames {
            b.add(&s, id, Form::Surname);
        }
        for (s, id) in derivs.into_iter().chain(demonyms) {
            b.add(&s, id, Form::Deriv);
        }
        let folded = b.folded();
        let trie = Trie::new(&folded);
        let lower_only: Vec<&str> = folded
            .iter()
            .zip(&b.patterns)
            .map(|(f, p)| {
                let surface = &b.surfaces[p.surface_range()];
                if surface.starts_with(char::is_lowercase) {
                    f.as_str()
                } else {
                    ""
                }
            })
            .collect();
        let lower_trie = Trie::new(&lower_only);
        let mut first_words = SetsFilter::default();
        for f in &folded {
            first_words.insert(first_word(f).as_bytes(), ANY_CASE);
        }
        for (f, p) in lower_only.iter().zip(&b.patterns) {
            if f.is_empty() {
                continue;
            }
            let w = first_word(f).as_bytes();
            first_words.insert(w, LOWER_CASE);
            if w.len() == f.len() && p.form() != Form::Deriv {
                first_words.insert(w, LOWER_GENITIVE);
            }
            // The starts of the words `may_start` lets pass for it.
            for genitive in [&b""[..], b"s", b"es"] {
                first_words.insert_begin(&[w, genitive].concat());
            }
        }
        Ok(Gazetteer {
            entries: b.entries,
            patterns: Cow::Owned(b.patterns),
            surfaces: Cow::Owned(b.surfaces),
            trie,
            lower_trie,
            first_words,
        })
    }

    /// All matches at word boundaries, leftmost-longest, non-overlapping.
    ///
    /// The trie is walked once from every word start (a letter or digit after a
    /// non-word char); every pattern ending on the way is a candidate, and the
    /// longest one that passes the end-boundary and case checks wins. Word
    /// starts inside an accepted match are skipped. Linear: each walk stops at
    /// the first byte no pattern continues with.
    ///
    /// Two passes: the first finds the text's runs of word bytes 64 bytes at a
    /// time (see `for_each_run`) and keeps those worth a look: a run of ASCII
    /// letters and digits is one word, kept when the first-word filter lets it
    /// pass; so is a run that also has Latin-1 letters (`Köln`); any other run
    /// (`„Bonn“`) is kept. The second walks the tries at the kept words and
    /// splits the other runs into words char by char (`Gazetteer::find_in_run`).
    /// (Most words are rejected by the filter: the first pass is a tight loop
    /// with nothing else to do.)
    #[inline(never)]
    pub fn find(&self, text: &str) -> Vec<Hit> {
        // About one hit in 150 bytes (German news): room for all at once for
        // an article (not more than 32 KB reserved for a long text).
        let mut out: Vec<Hit> = Vec::with_capacity((text.len() / 64).min(1 << 10));
        let Some(first_words) = self.first_words.as_blocks() else {
            return out;
        };
        let bytes = text.as_bytes();
        // About one run in fifty bytes is kept (German news): room for all
        // at once for an article (not more than 96 KB reserved).
        let mut looks: Vec<Run> = Vec::with_capacity((bytes.len() / 32).min(1 << 12));
        for_each_run(bytes, |run, high| {
            let Some(word) = bytes.get(run.start..run.end) else {
                return;
            };
            // Whether to walk the tries at the run, and whether it is one
            // word (or must be split into words char by char).
            let (worth_a_look, one_word) = if !run.not_ascii {
                // A run starts after a byte that is no word char; a lower-case
                // ASCII letter is the only ASCII word byte from `a` on. Most
                // words of a text are in lower case and begin as no word of
                // `LOWER_CASE` does: the start bits reject them before the
                // blocks are probed.
                let worth = if word.first() >= Some(&b'a') {
                    first_words.may_begin(word)
                        && may_start(
                            word,
                            |w| first_words.may_hold_ascii(w, LOWER_CASE),
                            |w| first_words.may_hold_ascii(w, LOWER_GENITIVE),
                        )
                } else {
                    let any = |w: &[u8]| first_words.may_hold_ascii(w, ANY_CASE);
                    may_start(word, any, any)
                };
                (worth, true)
            } else if let Some(lower) = match high.of(run.start) {
                Some(high) => latin1_word_starts_lower_by_mask(word, high),
                None => latin1_word_starts_lower(word),
            } {
                // One word too (`Köln`, `Ärger`): asked as `hit_at` would,
                // one in lower case (`für`, `über`) first of the start bits.
                // (They hold for it too: folding a Latin-1 word changes
                // bit 5 of some bytes, which the start bits do not read.)
                let set = if lower { LOWER_CASE } else { ANY_CASE };
                let worth = (!lower || first_words.may_begin(word))
                    && may_start(
                        word,
                        |w| first_words.may_hold(w, set),
                        |w| first_words.may_hold(w, genitive_set(set)),
                    );
                (worth, true)
            } else {
                (true, false)
            };
            if worth_a_look {
                // (In `looks`, `not_ascii` marks the runs to split char by
                // char: a Latin-1 word is walked as an ASCII one is, its
                // umlauts stepped over by `Trie::step_char`.)
                looks.push(Run {
                    not_ascii: !one_word,
                    ..run
                });
            }
        });
        // (A walk passes a handful of pattern ends at most.)
        let mut ends: Vec<(usize, u32)> = Vec::with_capacity(8);
        // The end of the last hit: words before it are inside it.
        let mut done = 0;
        for run in looks {
            if run.end <= done {
                continue;
            }
            if run.not_ascii {
                let from = run.start.max(done);
                done = self.find_in_run(text, from, run.end, first_words, &mut out, &mut ends);
                continue;
            }
            // A word of ASCII or Latin-1 letters and digits. (None starts
            // before `done` and ends after it: `done` is followed by a char
            // that is no word char.) Its first char's case picks the trie, as
            // `hit_at` does for a word found char by char; the filter has
            // passed it as `hit_at` would.
            let lower = bytes
                .get(run.start..run.end)
                .and_then(starts_lower)
                .unwrap_or(false);
            let trie = if lower { &self.lower_trie } else { &self.trie };
            if let Some(h) = self.longest_at(trie, text, run.start, &mut ends) {
                out.push(h);
                done = h.end;
            }
        }
        out
    }

    /// The hits in `start..end`, a run with chars that are not ASCII (which
    /// may or may not be word chars: `Köln`, `„Bonn`), char by char; returns
    /// where the search goes on (`end`, or the end of a hit past it). The
    /// char before `start` is no word char.
    fn find_in_run(
        &self,
        text: &str,
        start: usize,
        end: usize,
        first_words: Blocks,
        out: &mut Vec<Hit>,
        ends: &mut Vec<(usize, u32)>,
    ) -> usize {
        let bytes = text.as_bytes();
        let mut i = start;
        while i < end {
            // Here the previous char (if any) is not a word char.
            let (class, len) = char_class(text, i);
            if class == NON_WORD {
                i += len;
                continue;
            }
            // The end of the word (its run of word chars).
            let word_start = i;
            i += len;
            loop {
                i = ascii_word_end(bytes, i);
                if i >= end || bytes[i] < 0x80 {
                    break;
                }
                let (class, len) = char_class(text, i);
                if class == NON_WORD {
                    break;
                }
                i += len;
            }
            if let Some(h) = self.hit_at(text, word_start, i, class == LOWER, first_words, ends) {
                out.push(h);
                // The match ends at a word boundary (or after a trailing dot
                // or apostrophe): the next char starts afresh.
                i = h.end;
            }
        }
        i
    }

    /// The hit that starts at the word `start..end`, if any.
    #[inline(always)]
    fn hit_at(
        &self,
        text: &str,
        start: usize,
        end: usize,
        lower: bool,
        first_words: Blocks,
        ends: &mut Vec<(usize, u32)>,
    ) -> Option<Hit> {
        // A match starting here begins with a pattern's first word, with at
        // most a genitive ending (see `first_word`).
        let (trie, set) = if lower {
            (&self.lower_trie, LOWER_CASE)
        } else {
            (&self.trie, ANY_CASE)
        };
        let word = text.as_bytes().get(start..end)?;
        if !may_start(
            word,
            |w| first_words.may_hold(w, set),
            |w| first_words.may_hold(w, genitive_set(set)),
        ) {
            return None;
        }
        self.longest_at(trie, text, start, ends)
    }

    /// The longest valid match starting at byte `s` (a word start).
    fn longest_at(
        &self,
        trie: &Trie,
        text: &str,
        s: usize,
        ends: &mut Vec<(usize, u32)>,
    ) -> Option<Hit> {
        trie.ends_at(text, s, ends);
        let bytes = text.as_bytes();
        ends.iter().rev().find_map(|&(e, p)| {
            self.written_hit(bytes, s, e, p)
                .or_else(|| self.hit(text, s, e, p))
        })
    }

    /// The hit of pattern `p` found at `s..e` of `text`, if the end and case
    /// checks let it be one. (Out of line: most hits are told by
    /// [`Gazetteer::written_hit`], and inlined it made every walk save more
    /// registers.)
    #[inline(never)]
    fn hit(&self, text: &str, s: usize, e: usize, p: u32) -> Option<Hit> {
        let pat = self.patterns.get(p as usize)?;
        let surface = self.surfaces.get(pat.surface_range()).unwrap_or("");
        let form = pat.form();
        let end = end_with_suffix(text, e, surface, form)?;
        case_ok(&text[s..e], surface, form).then_some(Hit {
            start: s,
            end,
            entry: pat.entry(),
            form,
        })
    }

    /// The most common hit, told from bytes alone (no char boundaries, no
    /// calls): the text as the entry is written, then the end of the text or
    /// an ASCII byte that is no word char. `end_with_suffix` then ends the
    /// match at `e` and `case_ok` accepts it; `None` leaves the case to
    /// [`Gazetteer::hit`].
    #[inline(always)]
    fn written_hit(&self, bytes: &[u8], s: usize, e: usize, p: u32) -> Option<Hit> {
        let pat = self.patterns.get(p as usize)?;
        let written = self.surfaces.as_bytes().get(pat.surface_range())?;
        let ends_word = bytes
            .get(e)
            .is_none_or(|&b| ASCII_CLASS[usize::from(b)] == NON_WORD);
        (ends_word && bytes.get(s..e)? == written).then_some(Hit {
            start: s,
            end: e,
            entry: pat.entry(),
            form: pat.form(),
        })
    }
}

/// A byte trie over the folded patterns: dense tables (one entry per byte
/// class) for nodes with many children (the root, the first letters), sorted
/// edge labels inside the node for the rest (most nodes have one or two
/// children). A node's children have consecutive numbers (see `Trie::new`):
/// a step reads one node and no edge array. The arrays are plain numbers, so
/// the compiled tables are used in place (see [`super::compiled`]).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Trie {
    /// Byte → class for the dense tables (0: a byte no pattern uses).
    pub(super) class: Box<[u8; 256]>,
    pub(super) nclasses: usize,
    /// The node after two bytes, by their classes (`NONE`: no pattern starts
    /// so; `FALLBACK`: a one-byte pattern exists, walk step by step): node and
    /// the pattern ending there.
    pub(super) pairs: Cow<'static, [[u32; 2]]>,
    pub(super) nodes: Cow<'static, [Node]>,
    /// Dense tables, one target per class (`NONE`: no child).
    pub(super) dense: Cow<'static, [u32]>,
}

/// One trie node (16 bytes).
///
/// A chain node (`count` is [`Trie::CHAIN`] plus its length, two to
/// [`Trie::WIDE`]) stands for a path of nodes with one child each, no pattern
/// and ASCII labels (most of a name after its first letters: `…ndesverfassung…`):
/// `labels` are the path's bytes, `first` the node at its end. A walk reads one
/// node for up to six bytes, and the trie has half as many nodes (fewer cache
/// lines touched, most of them for the first time in a run). No pattern ends
/// inside a chain, so a walk that leaves one halfway ends with the same
/// matches as the step-by-step walk. Chains start two bytes deep or deeper:
/// [`Trie::pairs`] holds real nodes.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Pod, Zeroable)]
pub(super) struct Node {
    /// The first child's number (the others follow in label order), the
    /// dense table's offset when `count == DENSE`, the node after the chain
    /// for a chain node.
    first: u32,
    /// The pattern ending here, `NONE` for none.
    pattern: u32,
    count: u8,
    /// The children's bytes, sorted (`count` of them), or a chain's bytes;
    /// then [`Trie::NO_LABEL`].
    labels: [u8; Trie::WIDE],
    /// Zero: makes the size a multiple of the alignment (no padding bytes).
    spare: u8,
}

impl Trie {
    const ROOT: u32 = 0;
    const NONE: u32 = u32::MAX;
    const FALLBACK: u32 = u32::MAX - 1;
    const DENSE: u8 = u8::MAX;
    /// `count` of a chain node: this plus the chain's length (see [`Node`]).
    const CHAIN: u8 = 0x80;
    /// Nodes with more children than this get a dense table.
    const WIDE: usize = 6;
    /// The label of a node's unused slots: a byte that is in no UTF-8 text,
    /// so a step compares the slots without asking how many are used.
    const NO_LABEL: u8 = 0xFF;

    fn new<S: AsRef<str>>(patterns: &[S]) -> Trie {
        // Build with sibling lists (no allocation per node: construction is
        // part of every start-up), then flatten.
        // At most one node a pattern byte: room for all at once, so the arrays
        // never grow by copying (they are dropped after the build).
        let most = 1 + patterns.iter().map(|p| p.as_ref().len()).sum::<usize>();
        fn with_root<T>(most: usize, root: T) -> Vec<T> {
            let mut v = Vec::with_capacity(most);
            v.push(root);
            v
        }
        let mut first_child = with_root(most, Self::NONE);
        let mut next_sibling = with_root(most, Self::NONE);
        let mut label = with_root(most, 0u8);
        let mut pattern = with_root(most, Self::NONE);
        // The root's and its children's children by byte (the longest lists:
        // walking them was most of the build); deeper nodes have few children.
        let mut root = [Self::NONE; 256];
        let mut second: Vec<[u32; 256]> = Vec::with_capacity(64);
        let mut second_of = with_root(most, Self::NONE);
        // The previous pattern's path: a pattern sharing its prefix (the forms of
        // one name follow each other) starts where that prefix ends.
        let mut path: Vec<u32> = vec![0];
        let mut prev: &[u8] = &[];
        for (pi, p) in patterns.iter().enumerate() {
            let bytes = p.as_ref().as_bytes();
            if bytes.is_empty() {
                continue;
            }
            let shared = bytes.iter().zip(prev).take_while(|(a, b)| a == b).count();
            path.truncate(shared + 1);
            let mut node = path[shared] as usize;
            for (depth, &b) in bytes.iter().enumerate().skip(shared) {
                let mut c = match depth {
                    0 => root[usize::from(b)],
                    1 => second[second_of[node] as usize][usize::from(b)],
                    _ => first_child[node],
                };
                while depth > 1 && c != Self::NONE && label[c as usize] != b {
                    c = next_sibling[c as usize];
                }
                if c == Self::NONE {
                    c = label.len() as u32;
                    label.push(b);
                    first_child.push(Self::NONE);
                    next_sibling.push(first_child[node]);
                    pattern.push(Self::NONE);
                    first_child[node] = c;
                    match depth {
                        0 => {
                            root[usize::from(b)] = c;
                            second_of.push(second.len() as u32);
                            second.push([Self::NONE; 256]);
                        }
                        1 => {
                            second[second_of[node] as usize][usize::from(b)] = c;
                            second_of.push(Self::NONE);
                        }
                        _ => second_of.push(Self::NONE),
                    }
                }
                node = c as usize;
                path.push(c);
            }
            if pattern[node] == Self::NONE {
                pattern[node] = pi as u32;
            }
            prev = bytes;
        }
        drop((second, second_of, path));
        // Each node's (byte, child) edges, sorted by byte, in one array.
        // (Compact on purpose: these temporaries are touched once per start-up,
        // and every fresh page costs a fault.)
        let mut edges: Vec<(u8, u32)> = Vec::with_capacity(label.len());
        let mut ranges: Vec<(u32, u32)> = Vec::with_capacity(label.len());
        for &first in &first_child {
            let from = edges.len();
            let mut c = first;
            while c != Self::NONE {
                edges.push((label[c as usize], c));
                c = next_sibling[c as usize];
            }
            edges[from..].sort_unstable_by_key(|e| e.0);
            ranges.push((from as u32, edges.len() as u32));
        }
        drop((first_child, next_sibling, label));
        let children = |node: usize| -> &[(u8, u32)] {
            let (a, b) = ranges[node];
            &edges[a as usize..b as usize]
        };
        // Byte classes: the bytes patterns use (class 0: any other byte).
        let mut class = [0u8; 256];
        let mut nclasses = 1usize;
        for p in patterns {
            for &b in p.as_ref().as_bytes() {
                if class[usize::from(b)] == 0 && nclasses < 256 {
                    class[usize::from(b)] = nclasses as u8;
                    nclasses += 1;
                }
            }
        }
        // Number the nodes block by block, depth first: a node's children get
        // consecutive numbers (one block), and each child's block follows its
        // parent's block at once. A walk down a name (mostly nodes with one
        // child) then reads consecutive nodes, four to a cache line, instead of
        // jumping across the trie level by level.
        // A node two bytes deep or deeper with one child by an ASCII byte and
        // no pattern starts a chain (see [`Node`]) when its child is such a
        // node too: the chain's bytes and the node at its end.
        let pure = |node: usize| match children(node) {
            &[(l, t)] if l < 0x80 && pattern[node] == Self::NONE => Some((l, t)),
            _ => None,
        };
        let chain = |node: usize, depth: usize| -> Option<([u8; Self::WIDE], usize, u32)> {
            if depth < 2 {
                return None;
            }
            let mut labels = [Self::NO_LABEL; Self::WIDE];
            let mut len = 0;
            let mut at = node;
            while len < Self::WIDE {
                let Some((l, t)) = pure(at) else {
                    break;
                };
                labels[len] = l;
                len += 1;
                at = t as usize;
            }
            (len >= 2).then_some((labels, len, at as u32))
        };
        // (Each node with its depth.)
        let mut order = vec![(0u32, 0usize)];
        let mut new_id = vec![Self::NONE; ranges.len()];
        new_id[0] = 0;
        let mut stack = vec![(0u32, 0usize)];
        while let Some((old, depth)) = stack.pop() {
            if let Some((_, len, end)) = chain(old as usize, depth) {
                new_id[end as usize] = order.len() as u32;
                order.push((end, depth + len));
                stack.push((end, depth + len));
                continue;
            }
            let block = children(old as usize);
            for &(_, t) in block {
                new_id[t as usize] = order.len() as u32;
                order.push((t, depth + 1));
            }
            stack.extend(block.iter().rev().map(|&(_, t)| (t, depth + 1)));
        }
        let mut nodes = Vec::with_capacity(order.len());
        let mut dense = Vec::new();
        for &(old, depth) in &order {
            let old = old as usize;
            if let Some((labels, len, end)) = chain(old, depth) {
                nodes.push(Node {
                    first: new_id[end as usize],
                    pattern: Self::NONE,
                    count: Self::CHAIN + len as u8,
                    labels,
                    spare: 0,
                });
                continue;
            }
            let c = children(old);
            if old == 0 || c.len() > Self::WIDE {
                let off = dense.len();
                dense.resize(off + nclasses, Self::NONE);
                for &(l, t) in c {
                    dense[off + usize::from(class[usize::from(l)])] = new_id[t as usize];
                }
                nodes.push(Node {
                    first: off as u32,
                    pattern: pattern[old],
                    count: Self::DENSE,
                    labels: [Self::NO_LABEL; Self::WIDE],
                    spare: 0,
                });
                continue;
            }
            let mut labels = [Self::NO_LABEL; Self::WIDE];
            for (slot, &(l, _)) in labels.iter_mut().zip(c) {
                *slot = l;
            }
            nodes.push(Node {
                // The numbering gave the children consecutive numbers.
                first: c.first().map_or(Self::NONE, |&(_, t)| new_id[t as usize]),
                pattern: pattern[old],
                count: c.len() as u8,
                labels,
                spare: 0,
            });
        }
        let mut trie = Trie {
            class: Box::new(class),
            nclasses,
            pairs: Cow::Borrowed(&[]),
            nodes: Cow::Owned(nodes),
            dense: Cow::Owned(dense),
        };
        // Representative byte of each class.
        let mut rep = vec![0u8; nclasses];
        for b in 0..=255u8 {
            let c = usize::from(trie.class[usize::from(b)]);
            if c != 0 && rep[c] == 0 {
                rep[c] = b;
            }
        }
        let mut pairs = vec![[Self::NONE, Self::NONE]; nclasses * nclasses];
        for c0 in 1..nclasses {
            let Some(n1) = trie.step(Self::ROOT, rep[c0]) else {
                continue;
            };
            for c1 in 0..nclasses {
                pairs[c0 * nclasses + c1] = if trie.pattern(n1).is_some() {
                    [Self::FALLBACK, Self::NONE]
                } else if c1 == 0 {
                    [Self::NONE, Self::NONE]
                } else {
                    match trie.step(n1, rep[c1]) {
                        Some(n2) => [n2, trie.pattern(n2).unwrap_or(Self::NONE)],
                        None => [Self::NONE, Self::NONE],
                    }
                };
            }
        }
        trie.pairs = Cow::Owned(pairs);
        trie
    }

    #[inline]
    fn class_of(&self, b: u8) -> usize {
        usize::from(self.class[usize::from(ASCII_LOWER[usize::from(b)])])
    }

    /// The pattern ends of a walk from the word start `s` of `text` into
    /// `ends` (where the match would end, the pattern), shortest first.
    #[inline(always)]
    fn ends_at(&self, text: &str, s: usize, ends: &mut Vec<(usize, u32)>) {
        ends.clear();
        let bytes = text.as_bytes();
        let mut node = Trie::ROOT;
        let mut i = s;
        // The first two ASCII bytes in one look-up: most walks end here.
        if let (Some(&b0), Some(&b1)) = (bytes.get(s), bytes.get(s + 1)) {
            if b0 < 0x80 && b1 < 0x80 {
                let (c0, c1) = (self.class_of(b0), self.class_of(b1));
                match self.pair(c0, c1) {
                    (Trie::NONE, _) => return,
                    (Trie::FALLBACK, _) => {}
                    (n, _) => {
                        node = n;
                        i = s + 2;
                    }
                }
            }
        }
        // At each node reached (at `i`, after a whole char): its pattern is a
        // candidate, then a step with the next char. (The node is read once
        // for both; the root has no pattern.)
        while let Some(n) = self.nodes.get(node as usize) {
            if n.pattern != Trie::NONE {
                ends.push((i, n.pattern));
            }
            let Some(&b) = bytes.get(i) else {
                break;
            };
            if b < 0x80 {
                match self.ascii_step(n, bytes, i, b) {
                    Some((c, next)) => {
                        node = c;
                        i = next;
                    }
                    None => break,
                }
            } else {
                match self.step_char(text, i, node) {
                    Some((n, len)) => {
                        node = n;
                        i += len;
                    }
                    None => break,
                }
            }
        }
    }

    /// See [`Trie::pairs`]: (node, pattern ending there) after two bytes.
    #[inline]
    fn pair(&self, c0: usize, c1: usize) -> (u32, u32) {
        self.pairs
            .get(c0 * self.nclasses + c1)
            .map_or((Self::FALLBACK, Self::NONE), |&[n, p]| (n, p))
    }

    /// The node after the folded char at byte `i` of `text` (not ASCII) from
    /// `node`, and the char's length. Out of line: it is rare (one step in
    /// fifty), and inlined its folding took registers from the ASCII steps.
    #[inline(never)]
    fn step_char(&self, text: &str, i: usize, mut node: u32) -> Option<(u32, usize)> {
        let c = text.get(i..)?.chars().next()?;
        let mut buf = [0u8; 4];
        for &fb in fold_char(c).encode_utf8(&mut buf).as_bytes() {
            node = self.step(node, fb)?;
        }
        Some((node, c.len_utf8()))
    }

    #[inline]
    fn step(&self, node: u32, b: u8) -> Option<u32> {
        self.child(self.nodes.get(node as usize)?, b)
    }

    /// The child of node `n` by the byte `b`; `None` for a chain node (whose
    /// bytes [`Trie::ascii_step`] reads: a chain is of ASCII bytes, and
    /// `step` is asked for the bytes of folded chars that are not ASCII,
    /// and for the first two bytes, above any chain).
    #[inline(always)]
    fn child(&self, n: &Node, b: u8) -> Option<u32> {
        let f = n.first as usize;
        if n.count >= Self::CHAIN {
            if n.count != Self::DENSE {
                return None;
            }
            let t = *self
                .dense
                .get(f + usize::from(self.class[usize::from(b)]))?;
            return (t != Self::NONE).then_some(t);
        }
        // (A step's byte `b` is a byte of UTF-8: never `NO_LABEL`.)
        let k = n.labels.iter().position(|&l| l == b)?;
        Some(n.first + k as u32)
    }

    /// The node after the ASCII byte `b` at `i` of the text `bytes` from node
    /// `n` (and the bytes after `b` that `n`'s chain takes, if it is one), and
    /// where the walk goes on.
    #[inline(always)]
    fn ascii_step(&self, n: &Node, bytes: &[u8], i: usize, b: u8) -> Option<(u32, usize)> {
        if n.count > Self::CHAIN && n.count != Self::DENSE {
            let len = usize::from(n.count - Self::CHAIN);
            let text = bytes.get(i..i + len)?;
            return text
                .iter()
                .zip(&n.labels)
                .all(|(&t, &l)| ASCII_LOWER[usize::from(t)] == l)
                .then_some((n.first, i + len));
        }
        Some((self.child(n, ASCII_LOWER[usize::from(b)])?, i + 1))
    }

    #[inline]
    fn pattern(&self, node: u32) -> Option<u32> {
        let p = self.nodes.get(node as usize)?.pattern;
        (p != Self::NONE).then_some(p)
    }
}

/// `u8::to_ascii_lowercase` as a table: one load in the trie walk instead of
/// a range test and a select per byte.
static ASCII_LOWER: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).to_ascii_lowercase();
        b += 1;
    }
    t
};

const NON_WORD: u8 = 0;
const NON_ASCII: u8 = 1;
/// Word chars from here on.
const LOWER: u8 = 2;
const OTHER_WORD: u8 = 3;

/// ASCII bytes: letters, digits, other; bytes ≥ 0x80 are `NON_ASCII`.
static ASCII_CLASS: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = if (b as u8).is_ascii_lowercase() {
            LOWER
        } else if (b as u8).is_ascii_alphanumeric() {
            OTHER_WORD
        } else {
            NON_WORD
        };
        b += 1;
    }
    t
};

/// The first byte at or after `i` that is not an ASCII letter or digit,
/// eight bytes at a time (see [`alnum_prefix_len`]).
#[inline]
fn ascii_word_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(x) = swar::word_at(bytes, i) {
        let k = alnum_prefix_len(x);
        i += k;
        if k < 8 {
            return i;
        }
    }
    while i < bytes.len() && ASCII_CLASS[usize::from(bytes[i])] >= LOWER {
        i += 1;
    }
    i
}

/// How many of the eight bytes of `x` (first byte lowest) are ASCII letters or
/// digits before the first that is not (capitals folded by setting bit 5).
#[inline]
fn alnum_prefix_len(x: u64) -> usize {
    swar::bytes_before(!ascii_alnum(x) & swar::HIGH)
}

/// `0x80` in each byte of `x` that is an ASCII letter or digit (capitals
/// folded by setting bit 5), `0` in every other byte.
#[inline(always)]
fn ascii_alnum(x: u64) -> u64 {
    swar::in_range(x | (0x20 * swar::ONES), b'a', b'z') | swar::in_range(x, b'0', b'9')
}

/// The class of the char at byte `i` (a char boundary) and its length. The
/// ASCII case is forced inline (it runs at every word start); other chars
/// are decoded out of line.
#[inline(always)]
fn char_class(text: &str, i: usize) -> (u8, usize) {
    let bytes = text.as_bytes();
    let b = bytes[i];
    if b < 0x80 {
        return (ASCII_CLASS[usize::from(b)], 1);
    }
    non_ascii_class(text, i)
}

/// [`char_class`] of a char that is not ASCII.
#[inline(never)]
fn non_ascii_class(text: &str, i: usize) -> (u8, usize) {
    match text.get(i..).and_then(|r| r.chars().next()) {
        Some(c) if is_word_char(c) => {
            let lower = matches!(c, 'ä' | 'ö' | 'ü' | 'ß' | 'é') || c.is_lowercase();
            let class = if lower { LOWER } else { OTHER_WORD };
            (class, c.len_utf8())
        }
        Some(c) => (NON_WORD, c.len_utf8()),
        None => (NON_WORD, 1),
    }
}

/// A letter or digit (`char::is_alphanumeric`), with the non-ASCII chars of
/// German news answered without the Unicode tables.
#[inline]
fn is_word_char(c: char) -> bool {
    match c {
        'ä' | 'ö' | 'ü' | 'ß' | 'Ä' | 'Ö' | 'Ü' | 'é' => true,
        '–' | '—' | '„' | '“' | '”' | '‚' | '‘' | '’' | '«' | '»' | '…' | '\u{a0}' => {
            false
        }
        _ => c.is_alphanumeric(),
    }
}

/// Whether a match may start with the word `w` (see [`first_word`]): `w` is
/// a first word (as `is_first_word` may tell), or it is one that may take a
/// genitive (as `takes_genitive` may tell, see [`genitive_set`]) with a
/// genitive `s` or `es`.
#[inline(always)]
fn may_start(
    w: &[u8],
    is_first_word: impl Fn(&[u8]) -> bool,
    takes_genitive: impl Fn(&[u8]) -> bool,
) -> bool {
    is_first_word(w)
        || match w {
            [rest @ .., b'e', b's'] => takes_genitive(rest) || takes_genitive(&w[..w.len() - 1]),
            [rest @ .., b's'] => takes_genitive(rest),
            _ => false,
        }
}

/// For a run (see [`for_each_run`]) whose chars are all word chars of ASCII or
/// of Latin-1 (`ä`, `ß`, `É`: two bytes `C3 xx`, all letters but `×` and `÷`),
/// so that it is one word: whether its first char is lower case (as
/// [`char_class`] tells); `None` for any other run (`„Bonn`, `Łódź`).
///
/// Why: words with umlauts are a tenth of a German text; so they need not be
/// split char by char to learn that most of them start no match.
fn latin1_word_starts_lower(run: &[u8]) -> Option<bool> {
    let mut i = 0;
    while let Some(&b) = run.get(i) {
        // The ASCII bytes of a run are letters and digits.
        if b >= 0x80 {
            let second = run.get(i + 1).copied();
            if b != 0xC3 || matches!(second, Some(0x97 | 0xB7) | None) {
                return None;
            }
            i += 1;
        }
        i += 1;
    }
    starts_lower(run)
}

/// Whether a word of ASCII and Latin-1 letters and digits starts in lower
/// case (`über`, `köln`, not `Ärger`), `None` for an empty one: its first
/// byte, or for a Latin-1 letter (`C3` and its second byte) the second byte,
/// which is from `9F` (`ß`, `à` … `ÿ`) for a small letter.
#[inline(always)]
fn starts_lower(word: &[u8]) -> Option<bool> {
    match *word {
        [0xC3, second, ..] => Some(second >= 0x9F),
        [b, ..] => Some(b.is_ascii_lowercase()),
        [] => None,
    }
}

/// [`latin1_word_starts_lower`] of a run given the bits of its bytes that
/// are not ASCII (bit `i` for `run[i]`, bits past its end ignored): only those
/// bytes are read, a pair at a time.
///
/// Why: a word with an umlaut has one or two of them; the byte loop read all
/// of its bytes, and its end was mispredicted at every length.
#[inline(always)]
fn latin1_word_starts_lower_by_mask(run: &[u8], high: u64) -> Option<bool> {
    let mut high = match run.len() {
        n @ 0..64 => high & !(u64::MAX << n),
        _ => high,
    };
    while high != 0 {
        let i = high.trailing_zeros() as usize;
        // (In UTF-8 the byte after `C3` is a continuation byte, not ASCII.)
        if run[i] != 0xC3 || matches!(run.get(i + 1), Some(0x97 | 0xB7) | None) {
            return None;
        }
        // (`i` < 63: the byte after it is in the run, so at most the 64th.)
        high &= !(3 << i);
    }
    starts_lower(run)
}

/// The bytes of a block that are not ASCII (see [`for_each_run`]), passed
/// with each run that starts in it or goes on into it (they cost nothing
/// there; most runs never ask).
#[derive(Clone, Copy)]
struct HighBits {
    /// The block's first byte.
    base: usize,
    /// Bit `k` for byte `base + k`.
    bits: u64,
}

impl HighBits {
    /// The bits from byte `start` on (bit 0 for `start`), for a run that
    /// starts in the block; `None` for one begun in a block before.
    #[inline(always)]
    fn of(self, start: usize) -> Option<u64> {
        let k = start.wrapping_sub(self.base);
        (k < BLOCK).then(|| self.bits >> k)
    }
}

/// A run of bytes that may be word chars (see [`for_each_run`]).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Run {
    start: usize,
    end: usize,
    /// Some byte of the run is not ASCII.
    not_ascii: bool,
}

/// Calls `f` with each run of the text in order: a run is a stretch of bytes
/// that are ASCII letters or digits or not ASCII, between bytes that are
/// neither (or the ends of the text). Found 64 bytes at a time: the bytes of
/// a block are classified eight at a time into one bit each (see
/// [`block_masks`]); the runs that start in the block are its set bits after
/// an unset one, and a run ends at the next unset bit.
///
/// Why: finding each word's end and the next word's start byte by byte was
/// most of the search (most words start no match and cost only that).
#[inline(always)]
fn for_each_run(bytes: &[u8], mut f: impl FnMut(Run, HighBits)) {
    // A run that goes on past the block before: its start, and whether it
    // has a byte that is not ASCII so far. (One call of `f` below, so that it
    // is inlined: a run that goes on is taken up at bit 0 of the next block,
    // and the text is followed by an empty block while a run is open.)
    let mut open: Option<(usize, bool)> = None;
    let mut base = 0;
    while base < bytes.len() || open.is_some() {
        let (in_run, not_ascii) = block_masks(bytes, base);
        let carried = open.take();
        let mut starts = in_run & !(in_run << 1) | u64::from(carried.is_some());
        // The start of the run at bit 0 and whether it had a byte that is
        // not ASCII before the block.
        let (first_start, first_seen) = carried.unwrap_or((base, false));
        while starts != 0 {
            let k = starts.trailing_zeros();
            starts &= starts - 1;
            let (start, seen) = if k == 0 {
                (first_start, first_seen)
            } else {
                (base + k as usize, false)
            };
            let from_start = u64::MAX << k;
            let after = !in_run & from_start;
            if after == 0 {
                // It goes on in the next block (and is the block's last run).
                open = Some((start, seen || not_ascii & from_start != 0));
                break;
            }
            let end = after.trailing_zeros();
            let run = Run {
                start,
                end: base + end as usize,
                // (The first byte from the start on that is not ASCII is
                // before the run's end: 64 when there is none.)
                not_ascii: seen || (not_ascii & from_start).trailing_zeros() < end,
            };
            f(
                run,
                HighBits {
                    base,
                    bits: not_ascii,
                },
            );
        }
        base += BLOCK;
    }
}

/// The bytes [`for_each_run`] classifies at a time.
const BLOCK: usize = 64;

/// The masks of [`for_each_run`] for the 64 bytes from `base`: bit `k` of the
/// first for byte `base + k` in a run, of the second for one that is not
/// ASCII (bytes past the end of `bytes` count as neither).
#[inline(always)]
fn block_masks(bytes: &[u8], base: usize) -> (u64, u64) {
    match bytes.get(base..).and_then(|b| b.first_chunk::<{ BLOCK }>()) {
        Some(block) => classify_block(block),
        None => last_block_masks(bytes.get(base..).unwrap_or_default()),
    }
}

/// [`block_masks`] of the last bytes (fewer than 64).
#[inline(never)]
fn last_block_masks(rest: &[u8]) -> (u64, u64) {
    let mut padded = [0u8; BLOCK];
    let n = rest.len().min(BLOCK);
    padded[..n].copy_from_slice(&rest[..n]);
    classify_block(&padded)
}

/// The masks of [`block_masks`] for one block.
///
/// Two steps: first a flag byte per byte (`0x80`: in a run, `0x40`: not
/// ASCII), by a plain loop with no branch and no carry between bytes, which
/// the compiler turns into 16-byte vector operations (SSE2 is part of every
/// x86-64; other targets have their own); then the flags' bits eight bytes at
/// a time into the masks ([`swar::high_bits`]). (The range tests of
/// [`ascii_alnum`] on eight bytes in a `u64` cost twice as many instructions.)
#[inline(always)]
fn classify_block(block: &[u8; BLOCK]) -> (u64, u64) {
    let mut flags = [0u8; BLOCK];
    for (f, &b) in flags.iter_mut().zip(block) {
        let letter = (b | 0x20).wrapping_sub(b'a') < 26;
        let digit = b.wrapping_sub(b'0') < 10;
        *f = (b | u8::from(letter | digit) << 7) & 0x80 | (b >> 1 & 0x40);
    }
    let (mut in_run, mut not_ascii) = (0, 0);
    for (k, chunk) in flags.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        in_run |= u64::from(swar::high_bits(x & swar::HIGH)) << (8 * k);
        not_ascii |= u64::from(swar::high_bits(x << 1 & swar::HIGH)) << (8 * k);
    }
    (in_run, not_ascii)
}

/// The first word of a folded pattern: its run of word chars from the start.
///
/// A match at a word start covers this run exactly and then a non-word char
/// (`angela merkel`, `u.s.`) — or, for a one-word pattern, ends at the word's
/// end, perhaps after a genitive `s`/`es` (`’s` starts with a non-word char).
/// So the text word at a match start is always the pattern's first word, alone
/// or with `s`/`es` added; [`Gazetteer::find`] walks the tries only for such
/// words. (Folding keeps a char a word char or not, see `fold_keeps_word_chars`.)
fn first_word(folded: &str) -> &str {
    // ASCII letters and digits byte by byte (most patterns), the rest by char.
    let ascii = folded
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(folded.len());
    if folded.as_bytes().get(ascii).is_none_or(|&b| b < 0x80) {
        return &folded[..ascii];
    }
    let end = folded[ascii..]
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(folded.len(), |(i, _)| ascii + i);
    &folded[..end]
}

/// The end of a match: at a word boundary, or after a genitive `s`/`es`/`'s`.
fn end_with_suffix(text: &str, e: usize, surface: &str, form: Form) -> Option<usize> {
    let rest = &text[e..];
    let at_boundary = |r: &str| !starts_with_word_char(r);
    if at_boundary(rest) {
        // `Bush'` / `Bush’s`: the apostrophe stays outside; fine.
        return Some(e);
    }
    if form == Form::Deriv {
        return None;
    }
    for suf in ["s", "es", "’s", "'s"] {
        if let Some(r) = rest.strip_prefix(suf) {
            if at_boundary(r) && (suf != "es" || surface.ends_with(|c: char| "tdk".contains(c))) {
                return Some(e + suf.len());
            }
        }
    }
    None
}

/// Whether `r` starts with a word char (`is_word_char`), an ASCII one told by
/// [`ASCII_CLASS`] without decoding (every candidate end of a walk asks).
#[inline]
fn starts_with_word_char(r: &str) -> bool {
    match r.as_bytes().first() {
        Some(&b) if b < 0x80 => ASCII_CLASS[usize::from(b)] >= LOWER,
        _ => r.chars().next().is_some_and(is_word_char),
    }
}

/// Does the text as written agree with the entry as written (see module docs)?
fn case_ok(found: &str, surface: &str, form: Form) -> bool {
    if found == surface {
        return true;
    }
    let mut fc = found.chars();
    let mut sc = surface.chars();
    let (Some(f0), Some(s0)) = (fc.next(), sc.next()) else {
        return false;
    };
    if s0.is_lowercase() {
        // `deutsche` → `Deutsche`, `dpa` → `Dpa`
        return f0.is_uppercase()
            && fc.as_str() == sc.as_str()
            && f0.to_lowercase().eq(s0.to_lowercase());
    }
    if form == Form::Surname {
        return false;
    }
    // A capitalised entry: same first letter; the rest may differ in case
    // (`BERLIN`, `TecDAX`) for entries of four letters or more.
    f0 == s0 && surface.chars().count() >= 4
}

pub use crate::text::{fold_char, fold_str};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_keeps_offsets() {
        // (text, folded): folding never changes a byte offset.
        let table = [
            ("ÄRGER in Köln", "ärger in köln"),
            ("STRAẞE", "straẞe"),
            ("İstanbul", "İstanbul"),
        ];
        for (text, want) in table {
            let f = fold_str(text);
            assert_eq!(f, want, "help: fold_char lowers only same-length chars");
            assert_eq!(f.len(), text.len(), "help: offsets must stay the same");
        }
    }

    #[test]
    fn word_chars_are_alphanumeric() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric(),
                "{c:?}\nhelp: the fast path must agree with char::is_alphanumeric"
            );
        }
        for c in ['ä', 'ö', 'ü', 'ß', 'é'] {
            assert!(
                c.is_lowercase(),
                "{c:?}\nhelp: char_class treats it as lower case"
            );
        }
    }

    #[test]
    fn word_char_starts_by_the_plain_definition() {
        let plain = |r: &str| r.chars().next().is_some_and(is_word_char);
        let mut texts: Vec<String> = (0..128u8).map(|b| format!("{}x", b as char)).collect();
        texts.extend(["", "ä", "Ärger", "„x", "–", "\u{a0}", "’s", "é"].map(String::from));
        for t in texts {
            assert_eq!(starts_with_word_char(&t), plain(&t), "{t:?}");
        }
    }

    #[test]
    fn fold_keeps_word_chars() {
        // `first_word` relies on it: the text's word ends where the folded
        // pattern's does.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(fold_char(c)),
                is_word_char(c),
                "{c:?}\nhelp: fold_char must not turn a word char into a non-word char"
            );
        }
    }

    #[test]
    fn first_word_is_the_run_of_word_chars() {
        let by_chars = |f: &str| -> usize {
            f.char_indices()
                .find(|&(_, c)| !is_word_char(c))
                .map_or(f.len(), |(i, _)| i)
        };
        for f in [
            "",
            "angela merkel",
            "u.s.",
            "köln",
            "straße 7",
            "abc–def",
            "x",
            "1. fc köln",
            "münchen/hamburg",
            "école",
            "αθήνα x",
            "a\u{a0}b",
            "bär's",
            "dpa",
        ] {
            assert_eq!(first_word(f).len(), by_chars(f), "{f:?}");
        }
    }

    #[test]
    fn lower_case_genitives_find_the_same() {
        // A lower-case word with a genitive ending is asked of `LOWER_GENITIVE`
        // without it: every lower-case pattern's text with `s`/`es` (and the
        // next word), and words such as `als`, `alles`, `dpas`, find what a
        // filter that lets every word pass finds.
        let (gaz, all) = built_in_and_unfiltered();
        let mut texts: Vec<String> = [
            "Er kam als Letzter, alles blieb still; die dpas Meldung kam als erste.",
            "deutsches Recht, des deutschen Volkes, dpas, dpaes und als Zeuge.",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        for p in gaz.patterns.iter() {
            let surface = &gaz.surfaces[p.surface_range()];
            if surface.starts_with(char::is_lowercase) {
                for genitive in ["", "s", "es"] {
                    texts.push(format!("Wir sahen {surface}{genitive} gestern."));
                }
            }
        }
        let found = finds_alike(
            &gaz,
            &all,
            texts.iter().map(String::as_str),
            "a genitive must not lose a hit",
        );
        assert!(found > 300, "help: the texts should have hits ({found})");
    }

    /// The built-in gazetteer, and the same with filters that let every word
    /// pass: the plain definition its first-word filters must agree with.
    fn built_in_and_unfiltered() -> (Gazetteer, Gazetteer) {
        let gaz = Gazetteer::new(&Lexicons::default(), &Default::default()).unwrap();
        let mut all = gaz.clone();
        all.first_words = SetsFilter::full();
        (gaz, all)
    }

    /// Asserts that `gaz` finds in each of `texts` what `all` finds (`help`
    /// says why it must); returns the number of hits.
    fn finds_alike<'t>(
        gaz: &Gazetteer,
        all: &Gazetteer,
        texts: impl IntoIterator<Item = &'t str>,
        help: &str,
    ) -> usize {
        let mut found = 0;
        for t in texts {
            let hits = gaz.find(t);
            assert_eq!(hits, all.find(t), "{t}\nhelp: {help}");
            found += hits.len();
        }
        found
    }

    #[test]
    fn first_word_filter_finds_the_same() {
        let (gaz, all) = built_in_and_unfiltered();
        let texts = [
            "Die Deutschen reisten nach TOKIO; Putins Berater trafen Bundeskanzler Scholz.",
            "Angela Merkels Nachfolger, die US-Präsidentin und der Franzose sprachen in Berlin-Mitte.",
            "Deutschlands Wirtschaft: Die Bundesrepublik Deutschland und die EU, dpa meldet.",
            "ÖSTERREICH, Österreichs Kanzler, Wiener Schnitzel und Münchner Bier.",
            "Aus Frankreich’s Sicht sagte Macron's Sprecher nichts; Bushs Reise.",
            "der deutsche Botschafter, die französischen Truppen, des russischen Präsidenten",
            "Der Spiegel und die Linke; deutsch-französische Freundschaft, dpa-Meldung.",
            "die österreichischen, türkischen und dänischen Truppen; für größere Ämter über Zürich.",
            "öSTERREICHISCHE tÜRKISCHE dÄNISCHEs ärger übers güns",
        ];
        let found = finds_alike(
            &gaz,
            &all,
            texts,
            "the first-word filter may only skip words that start no match",
        );
        assert!(found > 20, "help: the texts should have hits ({found})");
        // The start bits answer for a word in lower case as for the folded
        // word (folding changes only bit 5 of ASCII and Latin-1 letters):
        // every lower-case first word, with or without a genitive, written
        // with capitals after its first char, passes.
        let blocks = gaz.first_words.as_blocks().unwrap();
        let mut asked = 0;
        for p in gaz.patterns.iter() {
            let surface = &gaz.surfaces[p.surface_range()];
            if !surface.starts_with(char::is_lowercase) {
                continue;
            }
            let folded = fold_str(surface);
            let w = first_word(&folded);
            for genitive in ["", "s", "es"] {
                let mut chars = w.chars();
                let first = chars.next().map(String::from).unwrap_or_default();
                let written = [first, chars.as_str().to_uppercase(), genitive.into()].concat();
                if written.len() != w.len() + genitive.len() {
                    continue;
                }
                asked += 1;
                assert!(
                    blocks.may_begin(written.as_bytes()),
                    "{written}\nhelp: the start bits must not read case"
                );
            }
        }
        assert!(asked > 300, "help: the lexicon has such words ({asked})");
    }

    /// Texts whose words fall on every offset of the 64-byte blocks of
    /// [`for_each_run`]: a few sentences, each after 0 to 70 spaces or letters.
    fn shifted_texts() -> Vec<String> {
        let sentences = [
            "Die Deutschen reisten nach TOKIO; Putins Berater trafen Bundeskanzler Scholz in Köln.",
            "„Österreichs Kanzler“ sprach – wie Wiener Zeitungen meldeten – über Frankreich’s Pläne.",
            "Bundesverkehrswegeplanungsbeschleunigungsgesetz2030 in Düsseldorf-Benrath, dpa-Meldung.",
            "Ärger über die US-Zölle: BERLIN, Paris und Rom; Merkels Nachfolger sagte nichts.",
            "x",
            "",
        ];
        let mut texts = Vec::new();
        for pad in 0..70 {
            for filler in [" ", "a", "ä", "1"] {
                let mut t = filler.repeat(pad);
                for s in sentences {
                    texts.push(format!("{t}{s}"));
                    t.push_str(s);
                    t.push(' ');
                }
                texts.push(t);
            }
        }
        texts
    }

    #[test]
    fn runs_are_the_runs_of_the_plain_definition() {
        let plain = |b: &[u8]| -> Vec<Run> {
            let in_run = |x: u8| x.is_ascii_alphanumeric() || x >= 0x80;
            let mut runs = Vec::new();
            let mut i = 0;
            while i < b.len() {
                if !in_run(b[i]) {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < b.len() && in_run(b[i]) {
                    i += 1;
                }
                let not_ascii = b[start..i].iter().any(|&x| x >= 0x80);
                runs.push(Run {
                    start,
                    end: i,
                    not_ascii,
                });
            }
            runs
        };
        for t in shifted_texts() {
            let b = t.as_bytes();
            let mut got = Vec::new();
            for_each_run(b, |r, high| {
                if let Some(high) = high.of(r.start) {
                    // Its bits for the run's bytes are the bytes not ASCII.
                    for (i, &x) in b[r.start..r.end].iter().enumerate().take(64) {
                        assert_eq!(high >> i & 1 == 1, x >= 0x80, "{t:?} at {}", r.start + i);
                    }
                }
                got.push(r);
            });
            assert_eq!(
                got,
                plain(b),
                "{t:?}\nhelp: for_each_run must find every run"
            );
        }
    }

    #[test]
    fn latin1_words_are_classed_as_char_class_does() {
        // Every char of two bytes `C3 xx`, alone, after an ASCII letter and
        // before one.
        for second in 0x80..=0xBFu8 {
            let c = [0xC3, second];
            let c = std::str::from_utf8(&c).unwrap();
            let (class, _) = char_class(c, 0);
            for (t, first_char) in [
                (c.to_string(), true),
                (format!("a{c}"), false),
                (format!("{c}Z"), true),
            ] {
                let want = if class == NON_WORD {
                    None
                } else if first_char {
                    Some(class == LOWER)
                } else {
                    Some(true)
                };
                assert_eq!(latin1_word_starts_lower(t.as_bytes()), want, "{t:?}");
            }
        }
        // Other chars that are not ASCII: not a Latin-1 word.
        for t in ["„Bonn", "Łódź", "Bonn“", "a\u{a0}b", "x–y", "Ærø"] {
            let want = t.starts_with('Æ').then_some(false);
            assert_eq!(latin1_word_starts_lower(t.as_bytes()), want, "{t:?}");
        }
    }

    #[test]
    fn latin1_test_by_mask_is_the_byte_loop() {
        let mut words: Vec<String> = [
            "Köln",
            "über",
            "Ärger",
            "straße",
            "Zürich×",
            "a÷b",
            "„Bonn",
            "Bonn“",
            "Łódź",
            "Ærø",
            "é",
            "É",
            "abc",
            "x",
            "",
            "Müller-Lüdenscheidt",
            "ÖÖÖÖ",
        ]
        .map(String::from)
        .to_vec();
        // Long words: the mask covers 64 bytes.
        words.push(format!("{}ä", "b".repeat(62)));
        words.push(format!("{}ä", "b".repeat(63)));
        words.push("ü".repeat(40));
        for w in &words {
            let b = w.as_bytes();
            let plain = latin1_word_starts_lower(b);
            let mask = b
                .iter()
                .take(64)
                .enumerate()
                .fold(0u64, |m, (i, &x)| m | u64::from(x >= 0x80) << i);
            // (A run inside one block: at most 64 bytes.)
            if b.len() > 64 {
                continue;
            }
            // Bits past the end are ignored.
            let past = u64::MAX.checked_shl(b.len() as u32).unwrap_or(0);
            for junk in [0, u64::MAX, 0xA5A5_A5A5_A5A5_A5A5] {
                let high = mask | junk & past;
                assert_eq!(
                    latin1_word_starts_lower_by_mask(b, high),
                    plain,
                    "{w:?} {junk:#x}"
                );
            }
        }
    }

    #[test]
    fn find_by_runs_finds_what_the_char_by_char_search_finds() {
        let lex = Lexicons::default();
        let gaz = Gazetteer::new(&lex, &not_names(&lex)).unwrap();
        let first_words = gaz.first_words.as_blocks().unwrap();
        let mut found = 0;
        for t in shifted_texts() {
            let mut plain = Vec::new();
            gaz.find_in_run(&t, 0, t.len(), first_words, &mut plain, &mut Vec::new());
            let hits = gaz.find(&t);
            assert_eq!(hits, plain, "{t:?}\nhelp: the runs must not change a hit");
            found += hits.len();
        }
        assert!(found > 1000, "help: the texts should have hits");
    }

    #[test]
    fn word_end_eight_bytes_at_a_time() {
        let scalar = |b: &[u8], mut i: usize| {
            while i < b.len() && ASCII_CLASS[usize::from(b[i])] >= LOWER {
                i += 1;
            }
            i
        };
        // Every byte value at every position of a word of letters and digits.
        let base = *b"Bundesrat2025abc";
        for pos in 0..base.len() {
            for v in 0..=255u8 {
                let mut b = base;
                b[pos] = v;
                for start in 0..4 {
                    assert_eq!(
                        ascii_word_end(&b, start),
                        scalar(&b, start),
                        "byte {v:#x} at {pos}\nhelp: the u64 range checks must agree with ASCII_CLASS"
                    );
                }
            }
        }
        for t in [
            "Köln-Deutz",
            "US-Präsident",
            "a",
            "",
            "Straße 12a",
            "x@y.de",
        ] {
            for start in 0..t.len() {
                assert_eq!(
                    ascii_word_end(t.as_bytes(), start),
                    scalar(t.as_bytes(), start)
                );
            }
        }
    }

    #[test]
    fn trie_walk_with_chains_ends_where_patterns_end() {
        // Long single paths (chains of up to `WIDE` bytes, one after another),
        // a pattern inside a would-be chain (`bundesverfassung`), chains that
        // start two bytes deep, umlauts, digits, spaces and capitals in the text.
        let patterns: Vec<String> = [
            "bundesverfassungsgericht",
            "bundesverfassung",
            "bundesrat",
            "bundesregierung",
            "frankfurter allgemeine zeitung",
            "frankfurt am main",
            "frankfurt",
            "ab",
            "abcdefghijklmnopqrstuvwxyz",
            "müllerstraße",
            "1. fc köln",
            "tschechien",
            "zz",
        ]
        .iter()
        .map(|p| p.to_string())
        .collect();
        let trie = Trie::new(&patterns);
        assert!(
            trie.nodes
                .iter()
                .any(|n| n.count > Trie::CHAIN && n.count != Trie::DENSE),
            "help: the test needs chain nodes"
        );
        for text in [
            "Bundesverfassungsgericht",
            "BUNDESVERFASSUNGSGERICHTSHOF",
            "Bundesverfassungsgerich",
            "Bundesverfassun",
            "Bundesverfassungs",
            "bundesregierungen",
            "Bundesreg",
            "Frankfurter Allgemeine Zeitung.",
            "Frankfurter Allgemeine Zeit",
            "Frankfurt am Mainz",
            "Frankfurt an",
            "abcdefghijklmnopqrstuvwxyZ",
            "abcdefghijklmnopqrstuvwxy",
            "abcdefgh1jklm",
            "Müllerstraße 4",
            "Müllerstrasse",
            "MÜLLERSTRASSE",
            "1. FC Köln",
            "1. FC Kö",
            "Tschechien",
            "Tschechi",
            "Tschech\u{e9}n",
            "Zz",
            "",
        ] {
            let folded = fold_str(text);
            // The plain definition: every pattern the folded text starts with.
            let mut plain: Vec<(usize, u32)> = patterns
                .iter()
                .enumerate()
                .filter(|(_, p)| folded.starts_with(p.as_str()))
                .map(|(i, p)| (p.len(), i as u32))
                .collect();
            plain.sort_unstable();
            let mut ends = Vec::new();
            trie.ends_at(text, 0, &mut ends);
            assert_eq!(ends, plain, "{text:?}");
        }
    }

    #[test]
    fn trie_finds_exactly_its_patterns() {
        // Wide nodes (more than `WIDE` children: `b…`), narrow ones, shared
        // prefixes, umlauts, a one-byte pattern and an empty one.
        let patterns: Vec<String> = [
            "berlin",
            "bern",
            "bonn",
            "bremen",
            "basel",
            "bayern",
            "bamberg",
            "bielefeld",
            "bochum",
            "köln",
            "kiel",
            "kassel",
            "münchen",
            "münster",
            "x",
            "",
            "new york",
            "new york city",
            "neuss",
        ]
        .iter()
        .map(|p| p.to_string())
        .collect();
        let trie = Trie::new(&patterns);
        // The pattern that ends just at the end of `w` (a walk over `w`).
        let walk = |w: &str| {
            let mut ends = Vec::new();
            trie.ends_at(w, 0, &mut ends);
            ends.iter().find(|&&(e, _)| e == w.len()).map(|&(_, p)| p)
        };
        for (i, p) in patterns.iter().enumerate().filter(|(_, p)| !p.is_empty()) {
            assert_eq!(
                walk(p),
                Some(i as u32),
                "{p}\nhelp: every pattern must be found"
            );
        }
        for w in [
            "ber",
            "berlinx",
            "new",
            "new york c",
            "münch",
            "kö",
            "y",
            "bremerhaven",
        ] {
            assert_eq!(
                walk(w),
                None,
                "{w}\nhelp: a prefix or other word is no pattern"
            );
        }
    }

    #[test]
    fn walks_find_every_pattern_that_the_folded_text_starts_with() {
        let lex = Lexicons::default();
        let gaz = Gazetteer::new(&lex, &not_names(&lex)).unwrap();
        // The plain definition: the patterns equal to the folded text from
        // the start up to a char boundary (the first pattern of a folded
        // surface is the trie's, as the builder dedupes).
        let mut all: FastMapForTest = Default::default();
        let mut lower: FastMapForTest = Default::default();
        for (i, p) in gaz.patterns.iter().enumerate() {
            let surface = &gaz.surfaces[p.surface_range()];
            all.entry(fold_str(surface)).or_insert(i as u32);
            if surface.starts_with(char::is_lowercase) {
                lower.entry(fold_str(surface)).or_insert(i as u32);
            }
        }
        let plain = |map: &FastMapForTest, t: &str| -> Vec<(usize, u32)> {
            let mut ends: Vec<(usize, u32)> = (1..=t.len())
                .filter(|&e| t.is_char_boundary(e))
                .filter_map(|e| Some((e, *map.get(&fold_str(&t[..e]))?)))
                .collect();
            // The walk stops where no pattern goes on: the same list as long
            // as every shorter prefix of a pattern is walked; compare as sets.
            ends.sort_unstable();
            ends
        };
        let texts = [
            "Deutschlands Kanzler",
            "DEUTSCHE Bank",
            "deutsche Bank",
            "Die Linke",
            "New York City",
            "Österreich",
            "ÖSTERREICHISCHEN",
            "US-Präsident",
            "U.S. Army",
            "Frankreich’s",
            "dpa-AFX",
            "1. FC Köln",
            "Berliner",
        ];
        let mut found = 0;
        for t in texts {
            for (trie, map) in [(&gaz.trie, &all), (&gaz.lower_trie, &lower)] {
                let mut ends = Vec::new();
                gaz.longest_at(trie, t, 0, &mut ends);
                ends.sort_unstable();
                assert_eq!(
                    ends,
                    plain(map, t),
                    "{t:?}\nhelp: the walk must see every pattern"
                );
                found += ends.len();
            }
        }
        assert!(
            found >= 20,
            "help: the texts should hold patterns ({found})"
        );
        for b in 0..=255u8 {
            assert_eq!(ASCII_LOWER[usize::from(b)], b.to_ascii_lowercase());
        }
    }

    type FastMapForTest = std::collections::HashMap<String, u32>;

    #[test]
    fn written_hits_are_hits() {
        let lex = Lexicons::default();
        let gaz = Gazetteer::new(&lex, &not_names(&lex)).unwrap();
        let mut fast = 0;
        for t in shifted_texts().into_iter().chain(
            [
                "Berlin",
                "Berlins",
                "BERLIN.",
                "berlin ",
                "Merkel’s",
                "Köln-Deutz",
            ]
            .map(String::from),
        ) {
            let b = t.as_bytes();
            for s in (0..t.len()).filter(|&s| t.is_char_boundary(s)) {
                for trie in [&gaz.trie, &gaz.lower_trie] {
                    let mut ends = Vec::new();
                    gaz.longest_at(trie, &t, s, &mut ends);
                    for &(e, p) in &ends {
                        if let Some(h) = gaz.written_hit(b, s, e, p) {
                            assert_eq!(
                                Some(h),
                                gaz.hit(&t, s, e, p),
                                "{t:?} at {s}..{e}\nhelp: the byte check must agree with the end and case checks"
                            );
                            fast += 1;
                        }
                    }
                }
            }
        }
        assert!(
            fast > 1000,
            "help: the texts should have such hits ({fast})"
        );
    }

    #[test]
    fn case_rules() {
        // (found, entry, form, accepted)
        let table = [
            ("Berlin", "Berlin", Form::Name, true),
            ("BERLIN", "Berlin", Form::Name, true),
            ("berlin", "Berlin", Form::Name, false),
            ("us", "US", Form::Name, false),
            ("Us", "US", Form::Name, false),
            ("Deutsche", "deutsche", Form::Deriv, true),
            ("DEUTSCHE", "deutsche", Form::Deriv, false),
            ("merkel", "Merkel", Form::Surname, false),
            ("MERKEL", "Merkel", Form::Surname, false),
        ];
        for (found, entry, form, want) in table {
            assert_eq!(
                case_ok(found, entry, form),
                want,
                "{found} vs {entry}\nhelp: see the case rules in the module docs"
            );
        }
    }

    #[test]
    fn forms() {
        assert!(adjective_forms("russisch").contains(&"russischen".to_string()));
        assert!(demonym_forms("Amerikaner").contains(&"Amerikanerinnen".to_string()));
        assert!(demonym_forms("Franzose").contains(&"Franzosen".to_string()));
        assert!(demonym_forms("Französin").contains(&"Französinnen".to_string()));
        assert_eq!(city_adjective("Kiel").as_deref(), Some("Kieler"));
        assert_eq!(city_adjective("Halle").as_deref(), Some("Haller"));
    }
}
