//! Rules for names that are in no lexicon, roles, and coreference of persons.
//!
//! Why: no gazetteer knows every coach, mayor or start-up; but German news
//! introduces them in a few fixed shapes. Each rule below names the shape it
//! trusts, with its examples in `tests.rs`:
//! - `rule.given_name_surname`: a given name (`given_names.txt`) + a capitalised
//!   word: `Steve Witkoff`, `Hans Peter Krause`, `Ludwig van Beethoven`, `Nico G.`
//! - `rule.role_name`: a role word (`roles.txt`, also inside compounds:
//!   `Bundesinnenminister`, `Ex-Trainer`) + a capitalised word: `Trainer Rangnick`.
//! - `rule.org_legal_form`: capitalised words + legal form: `Kaufhof Warenhaus AG`.
//! - `rule.org_head`: `Institut für Weltwirtschaft`, `Bundesamt für Migration`,
//!   `Universität Hamburg`, `FC Schalke 04`.
//! - `rule.acronym`: an unknown acronym of 2–6 capitals: `IKB` (ORG), and as the
//!   first part of a compound: `DLR-Forscher` (ORG part).
//! - `rule.place_after_preposition`: `in Pfaffenhofen` when the word ends like a
//!   German place name (`-hofen`, `-burg`, `-ingen`, ...).
//! - `rule.coreference`: a surname met again: `Witkoff` after `Steve Witkoff`.
//! - `rule.given_name_alone`: a given name standing alone (`Tobias`, `Judith`),
//!   not followed by a capitalised word.
//! - `rule.club_acronym`: a club prefix that is an acronym, alone: `der TSV`.
//! - `rule.place_after_head`: a word for a kind of place + a name: `Stadt
//!   Gedern`, `Kanton Baselland`, `Partnerstadt Xanten`, `Landkreis Bad Kreuznach`.
//! - `rule.spa_town`: `Bad` + a name: `Bad Schussenried`.
//! - `rule.place_near_place`: after a preposition, an unknown name + `bei` or
//!   `nahe` + a known place: `in Kreischa bei Dresden`.
//! - `rule.landmark`, `rule.org_after_place_adjective`: a place adjective + a
//!   landmark (`Kölner Dom`) or an organisation word (`Hamburger Mieterverein`).
//! - `rule.district`: `Berlin-Mitte`, `München-Schwabing` are places, not parts.
//! - `rule.subject_name`: a bare capitalised word opening the sentence before a
//!   person's verb (`Brockmeyer warnte …`; German needs an article before a
//!   singular common noun there). Adverbs and adjectives are filtered by
//!   `not_names.txt` and by their endings.
//! - `rule.school`, `rule.named_compound`: `Realschule Spaichingen`;
//!   `Otto-Schott-Gymnasium`, `Karl-Marx-Straße`, `Adenauer-Stiftung`.
//! - `rule.name_bracket`: a name + goal minute or party in brackets: `Okonkwo
//!   (78.)`, `Keller (SPD)`.
//! - `rule.name_age`: two capitalised words + an age in brackets: `Lena Vogt (26)`.
//! - `rule.street`: a compound street name (`Lindenstraße`) or a place adjective
//!   + a street word (`Lübecker Straße`, `Frankfurter Allee`).
//!
//! What it does not do: guess at any capitalised word. German capitalises every
//! noun, so a bare capitalised word is never a name here without one of the
//! shapes above. Sentence-initial capitals are harmless for the same reason;
//! function words that open sentences are in `not_names.txt`.
//!
//! ```text
//! "Der Verein trennte sich von Trainer Rangnick." → Rangnick (PER, role Trainer)
//! ```

use std::ops::Range;

use super::gazetteer::{fold_char, Label};
use super::word_filter::WordFilter;
use super::{token_at, Cand, FastMap, FastSet, SurnameIndex};
use crate::error::Error;
use crate::lexicon::Lexicons;
use crate::segment::{Token, TokenKind};
use crate::swar;

/// Per-token facts, computed once per document by [`Rules::classify`] so that
/// no rule hashes or decodes a token twice.
pub mod flag {
    /// A word token starting with a capital letter.
    pub const CAP: u16 = 1;
    /// A given name (`given_names.txt`).
    pub const GIVEN: u16 = 1 << 1;
    /// A word of `not_names.txt`.
    pub const NOT_NAME: u16 = 1 << 2;
    /// A capitalised role word or compound ending in one (`Bundeskanzlerin`).
    pub const ROLE: u16 = 1 << 3;
    /// A word that cues a following name (a role or `person_cues.txt`).
    pub const CUE: u16 = 1 << 4;
    /// A legal form (`GmbH`).
    pub const LEGAL: u16 = 1 << 5;
    /// A club prefix (`FC`).
    pub const CLUB: u16 = 1 << 6;
    /// A speech verb (`sagte`).
    pub const SPEECH: u16 = 1 << 7;
    /// A preposition before places (`in`).
    pub const PREP: u16 = 1 << 8;
    /// A particle inside personal names (`von`).
    pub const PARTICLE: u16 = 1 << 9;
    /// A capitalised organisation head word (`Bundesamt`).
    pub const HEAD: u16 = 1 << 10;
    /// A capitalised word that may be (part of) a name: not a role, not in
    /// `not_names.txt`, with at least one lower-case letter.
    pub const NAME: u16 = 1 << 11;
    /// A word for a kind of place before its name (`Stadt`, `Kanton`).
    pub const PLACE_HEAD: u16 = 1 << 12;
    /// A street word after a place adjective (`Straße`, `Allee`).
    pub const STREET: u16 = 1 << 13;
    /// A landmark word after a place adjective (`Dom`, `Hauptbahnhof`).
    pub const LANDMARK: u16 = 1 << 14;
    /// A verb a person does, after a sentence-opening name (`plädierte`).
    pub const PERSON_VERB: u16 = 1 << 15;
}
use flag::*;

/// Every rule of [`Rules::apply`] starts at a capitalised word, a cue, a
/// speech verb, a legal form or a club prefix.
pub const RULE_START: u16 = CAP | CUE | SPEECH | LEGAL | CLUB;

const GIVEN_NAMES: &str = include_str!("../../lexicons/entities/given_names.txt");
const ROLES: &str = include_str!("../../lexicons/entities/roles.txt");
const ORG_WORDS: &str = include_str!("../../lexicons/entities/org_words.tsv");
const CUES: &str = include_str!("../../lexicons/entities/person_cues.txt");

/// Speech verbs after which a lone capitalised word before punctuation is a
/// person: `, sagte Brockmeyer .`, `so Okonkwo .`
const SPEECH_VERBS: &[&str] = &[
    "sagte",
    "sagt",
    "sagten",
    "erklärte",
    "erklärt",
    "betonte",
    "betont",
    "erzählte",
    "erzählt",
    "meinte",
    "meint",
    "so",
    "ergänzte",
    "ergänzt",
    "warnte",
    "warnt",
    "kritisierte",
    "kritisiert",
    "räumte",
    "glaubt",
    "glaubte",
    "schreibt",
    "schrieb",
    "fordert",
    "forderte",
    "berichtete",
];

/// A newspaper or agency as the one spoken to: `(sagte Name der) Zeitung`,
/// `Nachrichtenagentur`, `Zeitschrift`. (`der` alone is too often a genitive:
/// `so Van der Bellen`, `erklärte Streiks der Fluglotsen`.)
fn is_medium(w: &str) -> bool {
    [
        "zeitung",
        "agentur",
        "zeitschrift",
        "Zeitung",
        "Agentur",
        "Zeitschrift",
    ]
    .iter()
    .any(|e| w.ends_with(e))
        || w == "dpa"
}

/// Place-name endings that common nouns rarely have.
const PLACE_ENDINGS: &[&str] = &[
    "hofen", "burg", "dorf", "hausen", "heim", "stadt", "ingen", "kirchen", "hagen", "rode",
    "furt", "born", "brück", "brücken", "walde", "leben", "roda", "witz", "itz", "ow", "au",
    "stedt", "weiler", "bach", "beck", "büttel", "zell", "reuth", "markt", "mund", "see",
];

/// Given names that alone are more often a common word (`im August`,
/// `Anders als …`) or a product (`Fritz!Box`).
const GIVEN_NOT_ALONE: &[&str] = &[
    "August", "Anders", "Maxi", "Fritz", "Wolfram", "Iris", "Horst", "Will", "Mercedes", "Roman",
    "Brett", "Earl",
];

/// Verbs in the third person singular that a person does (`Brockmeyer
/// warnte`), for `rule.subject_name`.
const PERSON_VERBS: &[&str] = &[
    "sagte",
    "sagt",
    "erklärte",
    "betonte",
    "meinte",
    "kritisierte",
    "forderte",
    "plädierte",
    "warnte",
    "räumte",
    "kündigte",
    "bestätigte",
    "dementierte",
    "ergänzte",
    "erzählte",
    "gewann",
    "verlor",
    "schoss",
    "traf",
    "erzielte",
    "wechselte",
    "unterschrieb",
    "lebt",
    "lebte",
    "starb",
    "agierte",
    "will",
    "wollte",
    "hofft",
    "hoffte",
    "glaubt",
    "glaubte",
    "weiß",
    "wusste",
    "bekam",
    "erhielt",
    "gehört",
    "gehörte",
    "trat",
    "tritt",
];

/// Endings of words that open sentences but are no names: adverbs and
/// adjectives (`Ursprünglich`, `Gleichzeitig`, `Grafisch`) and abstract nouns.
const NOT_SUBJECT_ENDINGS: &[&str] = &[
    "lich", "ig", "isch", "weise", "mals", "dem", "falls", "ens", "wärts", "her", "hin", "lang",
    "bar", "los", "sam", "haft", "ung", "heit", "keit", "schaft", "tion", "ität", "nis", "ismus",
    "rat", "amt", "kraft", "ziel", "steiger", "et",
];

/// Words for a kind of place that stand before its name: `Stadt Gedern`.
/// Words ending in `stadt` or `gemeinde` count too (`Partnerstadt`).
const PLACE_HEADS: &[&str] = &[
    "Stadt",
    "Gemeinde",
    "Ortsteil",
    "Stadtteil",
    "Ortschaft",
    "Kanton",
    "Landkreis",
    "Bezirk",
    "Stadtbezirk",
    "Insel",
    "Provinz",
    "Bundesland",
    "Bundesstaat",
    "Kurort",
    "Dorf",
    "Departement",
    "Distrikt",
    "Grafschaft",
    "Kommune",
];

/// Endings of common nouns: such a word after a place head is no name
/// (`in der Stadt Bildung fördern`).
const NOUN_ENDINGS: &[&str] = &[
    "ung", "heit", "keit", "schaft", "tion", "ismus", "ität", "nis", "chen",
];

/// Street words after a place adjective: `Lübecker Straße`, `Berliner Allee`.
const STREET_WORDS: &[&str] = &[
    "Straße", "Strasse", "Allee", "Platz", "Weg", "Ring", "Damm", "Chaussee", "Gasse", "Ufer",
];

/// Endings of one-word street names: `Lindenstraße`, `Lindenallee`. Generic
/// compounds (`Bundesstraße`, `Seitenstraße`) are in `not_names.txt`.
const STREET_ENDINGS: &[&str] = &["straße", "strasse", "allee", "gasse", "chaussee"];

/// Landmarks after a place adjective: `Kölner Dom`, `Frankfurter Hauptbahnhof`.
const LANDMARK_WORDS: &[&str] = &[
    "Hauptbahnhof",
    "Bahnhof",
    "See",
    "Dom",
    "Schloss",
    "Tor",
    "Brücke",
    "Hafen",
    "Stadtwald",
];

/// Organisation words after a place adjective: `Hamburger Mieterverein`,
/// `Kieler Nachrichten`, `Stuttgarter Volksbank` (as word endings).
const ORG_ENDINGS: &[&str] = &[
    "verein",
    "verband",
    "zeitung",
    "nachrichten",
    "anzeiger",
    "rundschau",
    "kurier",
    "tagblatt",
    "morgenpost",
    "volksbank",
    "sparkasse",
    "stadtwerke",
    "verkehrsbetriebe",
    "philharmoniker",
    "symphoniker",
    "universität",
    "hochschule",
];

/// Capitalised words in `-er` that are no place adjectives (`Neuer Weg`,
/// `Dieser Bahnhof`).
const NOT_PLACE_ADJECTIVES: &[&str] = &[
    "Neuer",
    "Alter",
    "Großer",
    "Kleiner",
    "Erster",
    "Zweiter",
    "Dritter",
    "Letzter",
    "Anderer",
    "Jeder",
    "Dieser",
    "Jener",
    "Mancher",
    "Welcher",
    "Unser",
    "Euer",
    "Ihrer",
    "Seiner",
    "Einer",
    "Keiner",
    "Weiter",
    "Langer",
    "Kurzer",
    "Schöner",
    "Guter",
    "Voller",
    "Ganzer",
    "Oberer",
    "Unterer",
    "Äußerer",
    "Innerer",
    "Hoher",
    "Später",
    "Sicherer",
];

/// Kinds of school that stand before the school's name (as word endings;
/// not the bare `Schule`: `dass die Schule Kinder aufnimmt`).
const SCHOOL_WORDS: &[&str] = &[
    "realschule",
    "hauptschule",
    "gesamtschule",
    "grundschule",
    "gymnasium",
    "berufsschule",
    "oberschule",
    "förderschule",
    "mittelschule",
    "musikschule",
    "volkshochschule",
];

/// Last parts of hyphenated names (`Otto-Schott-Gymnasium`,
/// `Karl-Marx-Straße`) with the label of the whole.
const COMPOUND_HEADS: &[(&str, Label)] = &[
    ("Gymnasium", Label::Org),
    ("Schule", Label::Org),
    ("Realschule", Label::Org),
    ("Gesamtschule", Label::Org),
    ("Grundschule", Label::Org),
    ("Hauptschule", Label::Org),
    ("Universität", Label::Org),
    ("Institut", Label::Org),
    ("Stiftung", Label::Org),
    ("Krankenhaus", Label::Org),
    ("Klinik", Label::Org),
    ("Klinikum", Label::Org),
    ("Museum", Label::Org),
    ("Straße", Label::Loc),
    ("Strasse", Label::Loc),
    ("Allee", Label::Loc),
    ("Platz", Label::Loc),
    ("Weg", Label::Loc),
    ("Ring", Label::Loc),
    ("Damm", Label::Loc),
    ("Ufer", Label::Loc),
    ("Brücke", Label::Loc),
    ("Stadion", Label::Loc),
    ("Arena", Label::Loc),
];

/// Second parts of a city compound that make it a district: `Berlin-Mitte`.
const DISTRICT_WORDS: &[&str] = &[
    "Mitte",
    "Nord",
    "Süd",
    "Ost",
    "West",
    "Zentrum",
    "Innenstadt",
    "Altstadt",
    "Neustadt",
];

/// Prepositions before a place.
const PLACE_PREPS: &[&str] = &[
    "in", "aus", "nach", "bei", "von", "In", "Aus", "Nach", "Bei", "Von",
];

/// Particles inside personal names.
const PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "di", "da", "du", "le", "la", "zu", "ter", "ten", "bin",
    "al", "el", "dos", "del", "vom", "zur", "della", "dei", "degli",
];

/// The compiled rules.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Exact words → flags (given names, not-names, legal forms, clubs, speech
    /// verbs, prepositions, particles).
    words: WordTable,
    /// Rejects most words not in `words` before hashing them.
    word_filter: WordFilter,
    /// Role words: (lower-case suffix, capitalised whole word).
    /// Role words, cues and head words, by suffix.
    suffixes: WordSet,
    not_names: FastSet<String>,
    clubs: FastSet<String>,
}

impl Rules {
    /// Loads the rule lexicons.
    pub fn new(lex: &Lexicons, not_names: FastSet<String>) -> Result<Self, Error> {
        // (Borrowed words: the table below copies each once.)
        let given_rows = lex.rows("entities/given_names.txt", GIVEN_NAMES);
        let given = given_rows
            .iter()
            .flat_map(|r| r.fields.iter().flat_map(|f| f.split(' ')))
            .filter(|s| !s.is_empty());
        let mut suffixes = WordSet::default();
        word_list(&mut suffixes, lex, "entities/roles.txt", ROLES, Kind::Role);
        word_list(
            &mut suffixes,
            lex,
            "entities/person_cues.txt",
            CUES,
            Kind::Cue,
        );
        let (mut legal, mut clubs) = (Vec::new(), FastSet::default());
        for r in lex.rows("entities/org_words.tsv", ORG_WORDS) {
            let w = r.get(0).to_string();
            match r.get(1) {
                "legal" => {
                    legal.push(w);
                }
                "head" => suffixes.insert(&w.to_lowercase(), Kind::Head),
                "club" => {
                    clubs.insert(w);
                }
                other => return Err(r.error(format!("unknown kind '{other}' (legal, head, club)"))),
            }
        }
        suffixes.freeze();
        let given: Vec<&str> = given.collect();
        // Each list with its flag: the table is sized for all of them first.
        let lists: [(&[&str], u16); 8] = [
            (&given, GIVEN),
            (SPEECH_VERBS, SPEECH),
            (PLACE_PREPS, PREP),
            (PARTICLES, PARTICLE),
            (PLACE_HEADS, PLACE_HEAD),
            (STREET_WORDS, STREET),
            (LANDMARK_WORDS, LANDMARK),
            (PERSON_VERBS, PERSON_VERB),
        ];
        let n = lists.iter().map(|(l, _)| l.len()).sum::<usize>()
            + not_names.len()
            + legal.len()
            + clubs.len();
        let mut words = WordTable::with_room(n);
        // Exact: the table is asked with words as written, and most lower-case
        // function words (`die`) would pass a case-blind filter with `Die`.
        let mut word_filter = WordFilter::exact(16);
        let mut add = |w: &str, f: u16| {
            words.add(w.as_bytes(), f);
            word_filter.insert(w);
        };
        not_names.iter().for_each(|w| add(w, NOT_NAME));
        legal.iter().for_each(|w| add(w, LEGAL));
        clubs.iter().for_each(|w| add(w, CLUB));
        for (list, f) in lists {
            list.iter().for_each(|w| add(w, f));
        }
        Ok(Rules {
            words,
            word_filter,
            suffixes,
            not_names,
            clubs,
        })
    }

    /// Whether `w` is (or ends with) a role word, possibly inflected; returns the
    /// uninflected form's length in bytes.
    pub fn role_len(&self, w: &str) -> Option<usize> {
        self.suffixes.stem_len(w, Kind::Role)
    }

    /// The flags of every token of a document (see [`flag`]), and the tokens
    /// a rule of [`Rules::apply`] may start at ([`RULE_START`]), ascending:
    /// a third of the tokens, which the rules then walk instead of all.
    ///
    /// Two passes: the first reads each token's kind and first byte into a
    /// code byte ([`token_code`]); the codes of 64 tokens at a time become
    /// bit masks ([`TokenMasks`]: capitalised words, tokens that may be
    /// looked up), which tell with a few shifts which tokens are worth a
    /// look-up (a capitalised word, or a word next to one), and the second
    /// pass visits only those, the capitalised words and the others in two
    /// loops of their own. Why: most tokens need nothing but their first
    /// byte, and a test per token whether to look (and whether it is
    /// capitalised) was mispredicted for one token in three. (Out of line:
    /// inlined into `Recogniser::recognise` it cost more.)
    #[inline(never)]
    pub fn classify(&self, text: &str, tokens: &[Token]) -> (Vec<u16>, Vec<usize>) {
        // (Some 36 % of the tokens of news text: room for half of them.)
        let mut starts = Vec::with_capacity(tokens.len() / 2);
        let mut fl = vec![0u16; tokens.len()];
        let codes = token_codes(text, tokens);
        let mut before = 0;
        for (c, chunk) in codes.chunks_exact(64).enumerate() {
            let base = 64 * c;
            if base >= tokens.len() {
                break;
            }
            let m = TokenMasks::of(chunk);
            // The capitalised words of the chunk before and the first of the
            // chunk after.
            let after = codes.get(base + 64..).map_or(0, TokenMasks::first_caps);
            // A word next to a capitalised one: one before it, one or two
            // after it.
            let near =
                m.cap << 1 | before >> 63 | m.cap >> 1 | after << 63 | m.cap >> 2 | after << 62;
            before = m.cap;
            let others = (m.lookable & near | m.upper_other) & !m.cap;
            let mut rule_starts = 0u64;
            let mut upper_other = m.upper_other;
            while upper_other != 0 {
                let t = &tokens[base + upper_other.trailing_zeros() as usize];
                upper_other &= upper_other - 1;
                if !text.is_char_boundary(t.end) {
                    // (See `TokenMasks::cap`.)
                    return self.classify_token_by_token(text, tokens);
                }
            }
            let mut caps = m.cap;
            while caps != 0 {
                let i = caps.trailing_zeros() as usize;
                caps &= caps - 1;
                let t = &tokens[base + i];
                if !text.is_char_boundary(t.end) {
                    // Not `CAP` after all (see `TokenMasks::cap`); never so
                    // for the segmenter's tokens.
                    return self.classify_token_by_token(text, tokens);
                }
                fl[base + i] = self.capitalised_flags(text, t);
            }
            // (A capitalised word is a rule start by its flag `CAP`.)
            rule_starts |= m.cap;
            let mut others = others;
            while others != 0 {
                let i = others.trailing_zeros() as usize;
                others &= others - 1;
                let f = self.word_flags(text, &tokens[base + i]);
                fl[base + i] = f;
                rule_starts |= u64::from(f & RULE_START != 0) << i;
            }
            while rule_starts != 0 {
                starts.push(base + rule_starts.trailing_zeros() as usize);
                rule_starts &= rule_starts - 1;
            }
        }
        (fl, starts)
    }

    /// The flags of the words table for the token `t` (see [`Rules::classify`]).
    #[inline(always)]
    fn word_flags(&self, text: &str, t: &Token) -> u16 {
        // The filter reads bytes: the word as `str` (its char boundaries
        // checked) only for the few that pass and for capitalised words.
        let bytes = text.as_bytes().get(t.start..t.end).unwrap_or_default();
        if self.word_filter.may_hold_bytes(bytes) {
            self.words.get(bytes)
        } else {
            0
        }
    }

    /// The flags of a capitalised word `t` (see [`Rules::classify`]).
    #[inline(always)]
    fn capitalised_flags(&self, text: &str, t: &Token) -> u16 {
        self.noun_flags(CAP | self.word_flags(text, t), text, t)
    }

    /// `f`, the flags of a capitalised word `t` so far, with those of its
    /// ending and case: names, roles, cues and head words are nouns.
    #[inline(always)]
    fn noun_flags(&self, mut f: u16, text: &str, t: &Token) -> u16 {
        let bytes = text.as_bytes().get(t.start..t.end).unwrap_or_default();
        // The word as `str` (its char boundaries checked) only for a walk of
        // the suffix trie or a second byte that is no lower-case ASCII
        // letter.
        let word = || t.text(text);
        let m = self.suffixes.matches_bytes(bytes, word);
        // (Nine words in ten end with no entry: one test for them.)
        if m != 0 {
            if m & Kind::Role.mask() != 0 {
                f |= ROLE | CUE;
            }
            if m & Kind::Cue.mask() != 0 {
                f |= CUE;
            }
            if m & Kind::Head.mask() != 0 {
                f |= HEAD;
            }
        }
        if f & (NOT_NAME | ROLE) == 0 && has_lower_bytes(bytes, word) {
            f |= NAME;
        }
        f
    }

    /// [`Rules::classify`] token by token, as it was defined: the plain
    /// definition the masks must agree with, and the answer for tokens that
    /// do not end on a char boundary.
    #[cold]
    #[inline(never)]
    fn classify_token_by_token(&self, text: &str, tokens: &[Token]) -> (Vec<u16>, Vec<usize>) {
        let mut starts = Vec::new();
        let upper = |t: &Token| starts_upper(text, t);
        let mut fl: Vec<u16> = tokens
            .iter()
            .map(|t| {
                if t.kind == TokenKind::Word && upper(t) {
                    CAP
                } else {
                    0
                }
            })
            .collect();
        for (k, t) in tokens.iter().enumerate() {
            if matches!(t.kind, TokenKind::Punct | TokenKind::Number) {
                // No lexicon word is punctuation or a number.
                continue;
            }
            let cap = fl[k] & CAP != 0;
            if !cap {
                // A lower-case word matters to a rule only next to a
                // capitalised one: a speech verb, preposition or particle
                // before a name, a legal form after one.
                let near = |j: usize| fl.get(j).is_some_and(|f| f & CAP != 0);
                let near = k.checked_sub(1).is_some_and(near) || near(k + 1) || near(k + 2);
                // (A word that is not `CAP` starts in lower case.)
                if !near && (t.kind == TokenKind::Word || !upper(t)) {
                    continue;
                }
            }
            let mut f = fl[k];
            let bytes = text.as_bytes().get(t.start..t.end).unwrap_or_default();
            if self.word_filter.may_hold_bytes(bytes) {
                f |= self.words.get(bytes);
            }
            if cap {
                f = self.noun_flags(f, text, t);
            }
            fl[k] = f;
            if f & RULE_START != 0 {
                starts.push(k);
            }
        }
        (fl, starts)
    }
}

/// The bit masks of [`Rules::classify`] for 64 tokens (bit `i` for the
/// chunk's token `i`), from their codes (see [`token_code`]).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct TokenMasks {
    /// Words that start with a capital (flag `CAP`), as far as their first
    /// byte tells: an ASCII capital is a capital letter only when the token
    /// ends on a char boundary, which [`Rules::classify`] checks before it
    /// takes the masks' word.
    cap: u64,
    /// Tokens that are no punctuation or number: looked up next to a
    /// capitalised word.
    lookable: u64,
    /// Abbreviations and URLs that start with a capital: always looked up.
    upper_other: u64,
}

/// The bits of a token's code (see [`token_code`]); each is the high bit of
/// its byte after a shift left by its `SHIFT`.
const CODE_CAP: u8 = 0x80;
const CODE_LOOKABLE: u8 = 0x40;
const CODE_UPPER_OTHER: u8 = 0x20;

/// The code of a token by its kind (its number) and whether it starts with
/// a capital (the index's bit 0).
const CODES: [u8; 10] = {
    let mut t = [0u8; 10];
    let w = TokenKind::Word as usize;
    t[2 * w] = CODE_LOOKABLE;
    t[2 * w + 1] = CODE_LOOKABLE | CODE_CAP;
    let (a, u) = (TokenKind::Abbrev as usize, TokenKind::Url as usize);
    t[2 * a] = CODE_LOOKABLE;
    t[2 * a + 1] = CODE_LOOKABLE | CODE_UPPER_OTHER;
    t[2 * u] = CODE_LOOKABLE;
    t[2 * u + 1] = CODE_LOOKABLE | CODE_UPPER_OTHER;
    t
};

/// A token's bits of [`TokenMasks`] as a byte: one table look-up by its kind
/// and whether its first byte is an ASCII capital; no branch but the rare
/// first byte that is not ASCII, so the loop over the tokens runs without
/// mispredictions.
#[inline(always)]
fn token_code(text: &str, t: &Token) -> u8 {
    let first = text.as_bytes().get(t.start).copied().unwrap_or(0);
    let up = first.wrapping_sub(b'A') < 26;
    let code = CODES[2 * t.kind as usize + usize::from(up)];
    if first < 0x80 {
        return code;
    }
    // Decoded, and only for tokens that are looked up (`„` starts many
    // punctuation tokens).
    if code & CODE_LOOKABLE != 0 && starts_upper(text, t) {
        CODES[2 * t.kind as usize + 1]
    } else {
        code
    }
}

/// The codes of the tokens (see [`token_code`]), then zeros to the end of
/// the last chunk of 64 and one chunk more (the chunk after the last holds
/// no capital). Out of line: the loop then has the registers to itself.
#[inline(never)]
fn token_codes(text: &str, tokens: &[Token]) -> Vec<u8> {
    let mut codes = vec![0u8; tokens.len().next_multiple_of(64) + 64];
    for (code, t) in codes.iter_mut().zip(tokens) {
        *code = token_code(text, t);
    }
    codes
}

impl TokenMasks {
    /// The masks of 64 tokens' codes (eight at a time: a code bit moved to
    /// the high bit of its byte, the eight high bits gathered by one
    /// multiply).
    #[inline(always)]
    fn of(codes: &[u8]) -> TokenMasks {
        let mut m = TokenMasks::default();
        for (j, eight) in codes.chunks_exact(8).take(8).enumerate() {
            let x = u64::from_le_bytes(eight.try_into().unwrap_or_default());
            let bits = |shift: u32| u64::from(swar::high_bits(x << shift & swar::HIGH)) << (8 * j);
            m.cap |= bits(CODE_CAP.leading_zeros());
            m.lookable |= bits(CODE_LOOKABLE.leading_zeros());
            m.upper_other |= bits(CODE_UPPER_OTHER.leading_zeros());
        }
        m
    }

    /// The capitals among the first eight tokens' codes (bit `i` for token
    /// `i`).
    #[inline(always)]
    fn first_caps(codes: &[u8]) -> u64 {
        let x = codes
            .first_chunk::<8>()
            .map_or(0, |e| u64::from_le_bytes(*e));
        u64::from(swar::high_bits(x & swar::HIGH))
    }
}

/// Words → flags for exact look-ups of a token's bytes, asked for some 74,000
/// words of the 1,350 test articles that pass the word filter, most of them
/// in the table (`der`, `die`, `in`). A word of up to 16 bytes is kept as its
/// length and two integers that hold all its bytes ([`word_key`]), so a
/// look-up compares three integers instead of hashing the word byte by byte
/// and calling `memcmp` (a `FastMap<String, _>` spent some 130 instructions a
/// look-up). Longer words go to a map.
#[derive(Debug, Clone)]
struct WordTable {
    /// Open addressing, linear probing; a power of two, at most half full.
    /// An empty slot has length 0.
    slots: Vec<WordSlot>,
    /// Words of more than 16 bytes (and the empty word, which no token is).
    long: FastMap<Vec<u8>, u16>,
}

#[derive(Debug, Clone, Copy, Default)]
struct WordSlot {
    len: u32,
    flags: u16,
    key: (u64, u64),
}

/// All bytes of a word of 1 to 16 bytes in two integers (with its length, the
/// two determine the word): two overlapping eight-byte halves from 8 bytes on,
/// the first and last four from 4 on, the first, middle and last byte below.
/// `None` for other lengths.
#[inline(always)]
fn word_key(w: &[u8]) -> Option<(u64, u64)> {
    if let (Some(a), Some(b)) = (w.first_chunk::<8>(), w.last_chunk::<8>()) {
        return (w.len() <= 16).then(|| (u64::from_le_bytes(*a), u64::from_le_bytes(*b)));
    }
    if let (Some(a), Some(b)) = (w.first_chunk::<4>(), w.last_chunk::<4>()) {
        let x = u64::from(u32::from_le_bytes(*a)) | u64::from(u32::from_le_bytes(*b)) << 32;
        return Some((x, 0));
    }
    let (&a, &z) = (w.first()?, w.last()?);
    let m = w[w.len() / 2];
    Some((u64::from(a) | u64::from(m) << 8 | u64::from(z) << 16, 0))
}

impl WordTable {
    /// The table of a map of words (for the tests: [`Rules::new`] adds its
    /// words one by one).
    #[cfg(test)]
    fn new(words: &FastMap<String, u16>) -> Self {
        let mut table = WordTable::with_room(words.len());
        for (w, &flags) in words {
            table.add(w.as_bytes(), flags);
        }
        table
    }

    /// An empty table for up to `n` words (at most half full then).
    fn with_room(n: usize) -> Self {
        let n = (n * 2).next_power_of_two().max(16);
        WordTable {
            slots: vec![WordSlot::default(); n],
            long: FastMap::default(),
        }
    }

    /// Adds `flags` to the word `w`'s, the word first if it is new. Why
    /// here: the lists name some words twice (`Union`: a club and a
    /// not-name), and merging their flags in the table itself spares a map
    /// of owned words built and dropped at every start-up. (The table must
    /// have room: see [`WordTable::with_room`].)
    fn add(&mut self, w: &[u8], flags: u16) {
        let Some(key) = word_key(w) else {
            match self.long.get_mut(w) {
                Some(f) => *f |= flags,
                None => {
                    self.long.insert(w.to_vec(), flags);
                }
            }
            return;
        };
        let mask = self.slots.len() - 1;
        let mut i = Self::slot(w.len(), key, mask);
        loop {
            let s = &mut self.slots[i];
            if s.len == 0 {
                *s = WordSlot {
                    len: w.len() as u32,
                    flags,
                    key,
                };
                return;
            }
            if s.len as usize == w.len() && s.key == key {
                s.flags |= flags;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    #[inline(always)]
    fn slot(len: usize, key: (u64, u64), mask: usize) -> usize {
        let h = (key.0 ^ key.1.rotate_left(29) ^ (len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .wrapping_mul(0x517C_C1B7_2722_0A95);
        (h >> 40) as usize & mask
    }

    /// The flags of the word `w` (0 if it is not in the table).
    #[inline(always)]
    fn get(&self, w: &[u8]) -> u16 {
        let Some(key) = word_key(w) else {
            return self.long.get(w).copied().unwrap_or(0);
        };
        let mask = self.slots.len() - 1;
        let mut i = Self::slot(w.len(), key, mask);
        loop {
            let Some(s) = self.slots.get(i) else {
                return 0;
            };
            if s.len as usize == w.len() && s.key == key {
                return s.flags;
            }
            if s.len == 0 {
                return 0;
            }
            i = (i + 1) & mask;
        }
    }
}

/// Inflection endings a role or cue may carry (`Präsidenten`, `Kanzlers`).
const INFLECTIONS: [&str; 4] = ["", "en", "n", "s"];

/// The kinds of word a [`WordSet`] holds; each kind has one bit per inflection
/// ending in a match mask.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// `roles.txt` (inflected).
    Role = 0,
    /// `person_cues.txt` (inflected).
    Cue = 4,
    /// Organisation head words of `org_words.tsv` (not inflected).
    Head = 8,
}

impl Kind {
    /// The bits of this kind in a match mask.
    fn mask(self) -> u16 {
        0xF << (self as u16)
    }
}

/// A set of words for suffix look-up: a word ends with an entry in lower case
/// (the end of a compound: `Bundeskanzler`) or is, from its start or from a
/// hyphen on, the capitalised entry (`Kanzler`, `US-Präsident`); inflected
/// kinds may add one of [`INFLECTIONS`].
///
/// Stored as a trie of the reversed lower-case entries (with their inflected
/// forms), walked backwards from the end of the word once for all kinds.
#[derive(Debug, Clone)]
pub struct WordSet {
    /// The root's children by byte.
    root: Box<[u32; 256]>,
    /// While building: per node its first child and next sibling (`u32::MAX`:
    /// none) and the byte leading to it; flattened by `freeze`. (Sibling lists,
    /// not a vector per node: building is part of every start-up.)
    first_child: Vec<u32>,
    next_sibling: Vec<u32>,
    label: Vec<u8>,
    /// Per node (by `freeze`): its edges and what ends there, in one
    /// eight-byte entry (see [`Node`]).
    nodes: Vec<Node>,
    /// The label lists' edges, each its child's node `<< 8 | ` its byte: a
    /// step reads the byte and the child from one word, and one node's
    /// edges lie side by side.
    edges: Vec<u32>,
    /// Rows of children by byte class (`u32::MAX`: none) for the wide nodes
    /// near the end of words (`-er`, `-in`, `-s` have dozens of children each,
    /// too many to search a label list on every walk).
    dense: Vec<u32>,
    /// Byte → class for the rows of `dense` (0: a byte no entry has).
    class: Box<[u8; 256]>,
    nclasses: usize,
    /// See [`WordSet::WIDE`] (tests turn the rows off with `usize::MAX`).
    wide: usize,
    /// While building: per node, bit `kind + k` set when an entry of
    /// `kind` followed by `INFLECTIONS[k]` ends here (moved into `nodes`
    /// by `freeze`).
    term: Vec<u16>,
    /// The forms' last bytes, to reject most words before the walk.
    ends: FormEnds,
    /// Some form is shorter than three bytes: `ends` is not used.
    short_forms: bool,
}

/// A [`WordSet`] node as a walk reads it: its first edge in `edges` and
/// their count, or for a node with more than `wide` children (`count` =
/// [`WordSet::DENSE`]) the offset of its row in `dense`; and its `term`
/// bits. Why one entry: the set's arrays are cold at most walks (the
/// gazetteer's tables pass through the cache between two documents), and
/// a step that read the edge list, the labels, the targets and the end bits
/// from four arrays waited for up to four cache lines; now it reads the
/// node and its edges, and the nodes of a word's path lie side by side.
#[derive(Debug, Clone, Copy, Default)]
struct Node {
    first: u32,
    count: u16,
    term: u16,
}

impl Default for WordSet {
    fn default() -> Self {
        WordSet {
            root: Box::new([u32::MAX; 256]),
            first_child: vec![u32::MAX],
            next_sibling: vec![u32::MAX],
            label: vec![0],
            nodes: Vec::new(),
            edges: Vec::new(),
            dense: Vec::new(),
            class: Box::new([0; 256]),
            nclasses: 1,
            wide: Self::WIDE,
            term: vec![0],
            ends: FormEnds::default(),
            short_forms: false,
        }
    }
}

impl WordSet {
    /// Adds an entry given in lower case (its capitalised form is implied).
    fn insert(&mut self, lower: &str, kind: Kind) {
        let n = if matches!(kind, Kind::Head) {
            1
        } else {
            INFLECTIONS.len()
        };
        for (k, infl) in INFLECTIONS.iter().enumerate().take(n) {
            // The form `lower + infl`, read backwards without building it.
            let backwards = || infl.bytes().rev().chain(lower.bytes().rev());
            // The form's length and last eight bytes, as the pre-test reads
            // a word's.
            let len = lower.len() + infl.len();
            let last = infl.bytes().fold(last_eight(lower.as_bytes()), |x, b| {
                x >> 8 | u64::from(b) << 56
            });
            if len < 3 {
                self.short_forms = true;
            }
            self.ends.insert_form(len, last);
            let mut node = 0usize;
            for b in backwards() {
                let mut child = self.first_child[node];
                while child != u32::MAX && self.label[child as usize] != b {
                    child = self.next_sibling[child as usize];
                }
                if child == u32::MAX {
                    child = self.label.len() as u32;
                    self.label.push(b);
                    self.first_child.push(u32::MAX);
                    self.next_sibling.push(self.first_child[node]);
                    self.term.push(0);
                    self.first_child[node] = child;
                    if node == 0 {
                        self.root[usize::from(b)] = child;
                    }
                }
                node = child as usize;
            }
            self.term[node] |= 1 << (kind as u16 + k as u16);
        }
    }

    /// Nodes with more children than this get a row in `dense` (the
    /// default of `wide`).
    const WIDE: usize = 4;
    /// The edge count that marks a dense row.
    const DENSE: u16 = u16::MAX;

    /// Flattens the edge lists into two arrays and the rows of the wide nodes
    /// (call after the last insert).
    fn freeze(&mut self) {
        self.nodes.clear();
        self.edges.clear();
        self.dense.clear();
        // (Edge lists as labels and targets first, packed below.)
        let (mut labels, mut targets) = (Vec::new(), Vec::new());
        let mut class = [0u8; 256];
        let mut nclasses = 1usize;
        for &b in &self.label[1..] {
            if class[usize::from(b)] == 0 && nclasses < 256 {
                class[usize::from(b)] = nclasses as u8;
                nclasses += 1;
            }
        }
        for node in 0..self.first_child.len() {
            let from = labels.len();
            let mut child = self.first_child[node];
            while child != u32::MAX {
                labels.push(self.label[child as usize]);
                targets.push(child);
                child = self.next_sibling[child as usize];
            }
            let count = labels.len() - from;
            // (Every byte has a class in UTF-8 text; the test is for safety.)
            let classed = labels[from..].iter().all(|&l| class[usize::from(l)] != 0);
            let term = self.term[node];
            if node != 0 && count > self.wide && classed {
                let row = self.dense.len();
                self.dense.resize(row + nclasses, u32::MAX);
                for (&l, &t) in labels[from..].iter().zip(&targets[from..]) {
                    self.dense[row + usize::from(class[usize::from(l)])] = t;
                }
                labels.truncate(from);
                targets.truncate(from);
                self.nodes.push(Node {
                    first: row as u32,
                    count: Self::DENSE,
                    term,
                });
            } else {
                // (A node has at most 256 children: one per byte.)
                self.nodes.push(Node {
                    first: from as u32,
                    count: count as u16,
                    term,
                });
            }
        }
        // A child's number fits in 24 bits (16 million nodes; the built-in
        // lexicons make some thousands).
        assert!(self.first_child.len() < 1 << 24, "suffix set too large");
        self.edges = labels
            .iter()
            .zip(&targets)
            .map(|(&l, &t)| t << 8 | u32::from(l))
            .collect();
        *self.class = class;
        self.nclasses = nclasses;
        for v in [&mut self.first_child, &mut self.next_sibling] {
            *v = Vec::new();
        }
        self.label = Vec::new();
        self.term = Vec::new();
    }

    #[inline]
    fn step(&self, node: usize, b: u8) -> Option<usize> {
        if node == 0 {
            let t = self.root[usize::from(b)];
            return (t != u32::MAX).then_some(t as usize);
        }
        let n = self.nodes.get(node)?;
        if n.count == Self::DENSE {
            let t = *self
                .dense
                .get(n.first as usize + usize::from(self.class[usize::from(b)]))?;
            return (t != u32::MAX).then_some(t as usize);
        }
        let (f, c) = (n.first as usize, usize::from(n.count));
        let e = self.edges.get(f..f + c)?.iter().find(|&&e| e as u8 == b)?;
        Some((e >> 8) as usize)
    }

    /// The match mask of `w`: which kinds it ends with, and with which
    /// inflection ending (see the type's docs for the case rules).
    ///
    /// The pre-test inline (it rejects nine in ten capitalised words), the
    /// walk out of line.
    #[inline(always)]
    fn matches(&self, w: &str) -> u16 {
        self.matches_bytes(w.as_bytes(), || w)
    }

    /// [`WordSet::matches`] of a word given by its bytes, the word as `str`
    /// asked only for the walk.
    #[inline(always)]
    fn matches_bytes<'w>(&self, bytes: &[u8], word: impl FnOnce() -> &'w str) -> u16 {
        if !self.short_forms && !self.ends.may_end(bytes) {
            return 0;
        }
        self.walk(word())
    }

    /// [`WordSet::matches`] by walking the trie.
    #[inline(never)]
    fn walk(&self, w: &str) -> u16 {
        let bytes = w.as_bytes();
        let mut node = 0usize;
        let mut mask = 0u16;
        let mut j = bytes.len();
        let mut buf = [0u8; 4];
        'walk: while j > 0 {
            // The char ending at `j`.
            let b = bytes[j - 1];
            let (i, upper) = if b < 0x80 {
                match self.step(node, b.to_ascii_lowercase()) {
                    Some(t) => node = t,
                    None => break,
                }
                (j - 1, b.is_ascii_uppercase())
            } else {
                let Some(i) = (0..j).rev().find(|&i| w.is_char_boundary(i)) else {
                    break;
                };
                let Some(c) = w.get(i..j).and_then(|r| r.chars().next()) else {
                    break;
                };
                let f = fold_char(c);
                for &fb in f.encode_utf8(&mut buf).as_bytes().iter().rev() {
                    match self.step(node, fb) {
                        Some(t) => node = t,
                        None => break 'walk,
                    }
                }
                (i, f != c)
            };
            let term = self.nodes[node].term;
            if term != 0 {
                let after_hyphen = i == 0 || bytes[i - 1] == b'-';
                // Capitalised form from the start or after a hyphen, lower case
                // inside a compound.
                if upper == after_hyphen {
                    mask |= term;
                }
            }
            if upper {
                // Every longer suffix holds a capital after its first letter.
                break;
            }
            j = i;
        }
        mask
    }

    /// The length of `w` without its inflection ending if `w` ends with an
    /// entry of `kind`; the first ending of [`INFLECTIONS`] that fits wins.
    fn stem_len(&self, w: &str, kind: Kind) -> Option<usize> {
        stem_len_of(w, self.matches(w), kind)
    }
}

/// The pre-test before a [`WordSet`] walk: whether a word may end with a
/// form, by up to its last eight bytes.
///
/// Why: a walk costs some 300 instructions, and the last four bytes alone let
/// three in ten capitalised words of news text through to a walk that finds
/// nothing (`Prozent`, `Menschen`, `Millionen` end like `Dozent`, `Mädchen`,
/// `Personen`); with up to eight bytes one in sixteen walks.
///
/// How: the test reads the word's last `t` bytes: ASCII only (Latin-1
/// letters too when the ASCII ones are too few, see
/// [`FormEnds::may_end_latin1`]), at most eight, none before the last capital
/// (the walk stops after a capital, and at the word's start; it reads an
/// ASCII byte lowered, one trie byte per byte). A
/// form of `l` ≤ `t` bytes fits if it is those last `l` bytes lowered; a
/// longer form, if it ends with the `t` bytes and the word goes on before
/// them. Sets of (length, bytes) with two bits per entry in one `u64` answer
/// both; a clear bit proves an entry absent, so no answer changes.
#[derive(Debug, Clone)]
struct FormEnds {
    /// By a hash of the last three bytes: bit `l - 3` set when a form of `l`
    /// bytes (3 to 8) ends with them, so that few of the six lengths are
    /// asked of `forms`.
    lengths: Box<[u8; 1 << FormEnds::LENGTHS_LOG2]>,
    /// Forms of 3 to 8 bytes.
    forms: Vec<u64>,
    /// The last 3 to 8 bytes of the forms longer than that.
    tails: Vec<u64>,
    /// The quick test before the others (see [`FormEnds::quick_rejects`]):
    /// by a hash of four bytes, a bit set when a form of four bytes or more
    /// ends with them; by a hash of three, when a form is those three.
    last4: Box<[u64; 1 << (FormEnds::LAST4_LOG2 - 6)]>,
    last3: Box<[u64; 1 << (FormEnds::LAST3_LOG2 - 6)]>,
}

impl Default for FormEnds {
    fn default() -> Self {
        FormEnds {
            lengths: Box::new([0; 1 << FormEnds::LENGTHS_LOG2]),
            // Some 500 forms (2 KB), some 4,400 tails (16 KB) of the
            // built-in roles, cues and head words.
            forms: vec![0; 1 << 8],
            tails: vec![0; 1 << 11],
            last4: Box::new([0; 1 << (FormEnds::LAST4_LOG2 - 6)]),
            last3: Box::new([0; 1 << (FormEnds::LAST3_LOG2 - 6)]),
        }
    }
}

impl FormEnds {
    const LENGTHS_LOG2: u32 = 12;
    /// Some 1,500 distinct last four bytes of the built-in forms: one bit in
    /// twenty set.
    const LAST4_LOG2: u32 = 15;
    const LAST3_LOG2: u32 = 10;

    /// Adds a form (in lower case) of `n` bytes, given its last eight as
    /// [`last_eight`] reads them.
    fn insert_form(&mut self, n: usize, last_eight: u64) {
        let last = |l: usize| last_eight >> (64 - 8 * l);
        if n < 3 {
            return;
        }
        if n == 3 {
            Self::set_bit(&mut self.last3[..], Self::LAST3_LOG2, last(3) as u32);
        } else {
            Self::set_bit(&mut self.last4[..], Self::LAST4_LOG2, last(4) as u32);
        }
        if n <= 8 {
            self.lengths[Self::bucket3(last(3))] |= 1 << (n - 3);
            Self::set(&mut self.forms, n, last(n));
        }
        for l in 3..n.min(9) {
            Self::set(&mut self.tails, l, last(l));
        }
    }

    /// The `lengths` bucket of three bytes (first byte lowest).
    #[inline(always)]
    fn bucket3(last3: u64) -> usize {
        ((last3 as u32).wrapping_mul(0x9E37_79B1) >> (32 - Self::LENGTHS_LOG2)) as usize
    }

    /// The word of `set` and its two bits for the `l` bytes `last`.
    #[inline(always)]
    fn bits(set: &[u64], l: usize, last: u64) -> (usize, u64) {
        let h = (last.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ l as u64)
            .wrapping_mul(0x517C_C1B7_2722_0A95);
        let word = (h >> 32) as usize & (set.len() - 1);
        (word, 1 << (h & 63) | 1 << (h >> 6 & 63))
    }

    fn set(set: &mut [u64], l: usize, last: u64) {
        let (word, bits) = Self::bits(set, l, last);
        set[word] |= bits;
    }

    #[inline(always)]
    fn has(set: &[u64], l: usize, last: u64) -> bool {
        let (word, bits) = Self::bits(set, l, last);
        set.get(word).is_none_or(|w| w & bits == bits)
    }

    /// The bit of `bits` (of `2^log2` bits) for the packed bytes `x`.
    #[inline(always)]
    fn bit_of(log2: u32, x: u32) -> (usize, u64) {
        let h = x.wrapping_mul(0x9E37_79B1) >> (32 - log2);
        ((h >> 6) as usize, 1 << (h & 63))
    }

    fn set_bit(bits: &mut [u64], log2: u32, x: u32) {
        let (word, bit) = Self::bit_of(log2, x);
        bits[word] |= bit;
    }

    #[inline(always)]
    fn has_bit(bits: &[u64], log2: u32, x: u32) -> bool {
        let (word, bit) = Self::bit_of(log2, x);
        bits.get(word).is_none_or(|w| w & bit != 0)
    }

    /// Whether the quick test proves that no form ends the word `bytes`.
    ///
    /// Why: the test of [`FormEnds::may_end`] costs some 90 instructions, and
    /// most capitalised words end in four lower-case ASCII letters, which no
    /// form of the roles, cues and head words ends with (`-zent`, `-chen`,
    /// `-ung`); one bit for those four bytes answers for seven in ten words.
    ///
    /// How: a walk reads an ASCII letter lowered, so a form of four bytes or
    /// more that ends the word ends with the word's last four bytes lowered,
    /// and a form of three bytes is the word's last three. With neither bit
    /// set no form ends the word. The test takes words whose last four bytes
    /// are lower-case ASCII letters, the first of them also a capital (`Jahr`,
    /// `Euro`); words whose last four bytes are anything else (a capital
    /// later, a digit, a hyphen, a byte of a longer char) are left to the
    /// other tests.
    #[inline(always)]
    fn quick_rejects(&self, bytes: &[u8]) -> bool {
        let Some(&z) = bytes.last_chunk::<4>() else {
            return false;
        };
        // (`| 0x20` lowers a capital and keeps a lower-case letter; it makes
        // no letter of any other byte.)
        let x = u32::from_le_bytes(z) | 0x20;
        swar::in_range(u64::from(x), b'a', b'z') == 0x8080_8080
            && !Self::has_bit(&self.last4[..], Self::LAST4_LOG2, x)
            && !Self::has_bit(&self.last3[..], Self::LAST3_LOG2, x >> 8)
    }

    /// Whether the word `bytes` may end with a form (see the type's docs).
    #[inline(always)]
    fn may_end(&self, bytes: &[u8]) -> bool {
        !self.quick_rejects(bytes) && self.may_end_slow(bytes)
    }

    /// [`FormEnds::may_end`] without the quick test.
    #[inline(always)]
    fn may_end_slow(&self, bytes: &[u8]) -> bool {
        let n = bytes.len();
        let x = last_eight(bytes);
        let capitals = swar::in_range(x, b'A', b'Z');
        let ascii = (x & swar::HIGH).leading_zeros() as usize / 8;
        // Bytes from the last capital on (9: none among the eight).
        let from_capital = capitals.leading_zeros() as usize / 8 + 1;
        let t = n.min(8).min(ascii).min(from_capital);
        let whole = t == from_capital || t == n;
        if t < 3 {
            if !whole && t == ascii {
                // Cut short by a byte that is not ASCII (`März`).
                return self.may_end_latin1(bytes);
            }
            // (No form is shorter than three bytes.)
            return !whole;
        }
        self.forms_fit(x | capitals >> 2, t, whole)
    }

    /// [`FormEnds::may_end_slow`] for a word whose last bytes that are ASCII
    /// are too few for its test: the bytes read may also be Latin-1 letters
    /// (`ä`, `Ö`: two bytes `C3 xx`), which a walk reads like ASCII ones: a
    /// lower-case one as its two bytes, a capital (`C3 80` to `C3 9E` but
    /// `×`, `C3 97`) lowered by bit 5 of its second byte, and as a capital.
    ///
    /// Why: two vain walks in five were for a word ending in such a letter
    /// (`Für`, `März`, `Höhe`, `SPÖ`). Out of line: about one capitalised word
    /// in forty gets here, and inlined its tests took registers from the rest.
    #[inline(never)]
    fn may_end_latin1(&self, bytes: &[u8]) -> bool {
        let n = bytes.len();
        let x = last_eight(bytes);
        let high = x & swar::HIGH;
        // `C3`, and the bytes from `80` to `BF` that follow one (the second
        // bytes of Latin-1 chars; one whose `C3` is below the eight is left
        // out, as any other byte that is not ASCII). (A byte of `y` is zero
        // where `x` holds `C3`; on the low seven bits plus `7F` no byte
        // carries into the next.)
        let y = x ^ (0xC3 * swar::ONES);
        let c3 = !(((y & !swar::HIGH) + 0x7F * swar::ONES) | y) & swar::HIGH;
        let second = high & !(x << 1) & (c3 << 8);
        let readable = !high | (c3 & (second >> 8)) | second;
        // Second bytes of Latin-1 capitals: `80` to `9E` but `97`, as `00`
        // to `1E` but `17` with the high bit flipped.
        let flipped = x ^ swar::HIGH;
        let latin1_capitals =
            second & swar::in_range(flipped, 0x00, 0x1E) & !swar::in_range(flipped, 0x17, 0x17);
        let ascii_capitals = swar::in_range(x, b'A', b'Z');
        // (A Latin-1 capital counts from its `C3` on.)
        let capitals = ascii_capitals | latin1_capitals >> 8;
        let latin1 = (!readable & swar::HIGH).leading_zeros() as usize / 8;
        let from_capital = capitals.leading_zeros() as usize / 8 + 1;
        let t = n.min(8).min(latin1).min(from_capital);
        let whole = t == from_capital || t == n;
        if t < 3 {
            return !whole;
        }
        self.forms_fit(x | (ascii_capitals | latin1_capitals) >> 2, t, whole)
    }

    /// Whether a form may end a word whose last `t` bytes (3 to 8, the top
    /// bytes of `lower`, lowered as a walk reads them) are read; `whole`: the
    /// walk stops after them (see the type's docs).
    #[inline(always)]
    fn forms_fit(&self, lower: u64, t: usize, whole: bool) -> bool {
        let last = |l: usize| lower >> (64 - 8 * l);
        let mut lengths = u32::from(self.lengths[Self::bucket3(last(3))]) & ((1 << (t - 2)) - 1);
        while lengths != 0 {
            let l = lengths.trailing_zeros() as usize + 3;
            if Self::has(&self.forms, l, last(l)) {
                return true;
            }
            lengths &= lengths - 1;
        }
        !whole && Self::has(&self.tails, t, last(t))
    }
}

/// The last eight bytes of `bytes` as one word, the last byte highest; a
/// shorter word fills the top bytes, zeros below. (Words of four to seven
/// bytes from two overlapping four-byte reads, whose common bytes agree.)
#[inline(always)]
fn last_eight(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    match (
        bytes.last_chunk::<8>(),
        bytes.first_chunk::<4>(),
        bytes.last_chunk::<4>(),
    ) {
        (Some(c), _, _) => u64::from_le_bytes(*c),
        (None, Some(a), Some(z)) => {
            u64::from(u32::from_le_bytes(*z)) << 32
                | u64::from(u32::from_le_bytes(*a)) << (8 * (8 - n))
        }
        _ => bytes.iter().fold(0, |x, &b| x >> 8 | u64::from(b) << 56),
    }
}

/// See [`WordSet::stem_len`], from a match mask.
fn stem_len_of(w: &str, mask: u16, kind: Kind) -> Option<usize> {
    let bits = (mask & kind.mask()) >> (kind as u16);
    (bits != 0).then(|| w.len() - INFLECTIONS[bits.trailing_zeros() as usize].len())
}

/// Adds a word list (words separated by spaces) to a suffix set.
fn word_list(set: &mut WordSet, lex: &Lexicons, name: &str, builtin: &str, kind: Kind) {
    for r in lex.rows(name, builtin) {
        for f in &r.fields {
            for w in f.split(' ').filter(|w| !w.is_empty()) {
                set.insert(&w.to_lowercase(), kind);
            }
        }
    }
}

impl Rules {
    /// A role word just before byte `start` (`US-Präsident Donald Trump`).
    pub fn role_before(&self, text: &str, tokens: &[Token], start: usize) -> Option<String> {
        self.role_before_token(text, tokens, token_at(tokens, start), &[])
    }

    /// [`Rules::role_before`] the token `at` (the one holding the start byte);
    /// `fl`: the document's token flags from [`Rules::classify`], or none.
    ///
    /// Why the flags: a capitalised word's `ROLE` flag tells already whether
    /// it ends with a role (classify asked the suffix set for every
    /// capitalised word), so only a role word's stem is looked up again, and
    /// most persons' words before them (`sagte`, `Kanzler`, `Regierung`) are
    /// not walked a second time.
    pub(crate) fn role_before_token(
        &self,
        text: &str,
        tokens: &[Token],
        at: Option<usize>,
        fl: &[u16],
    ) -> Option<String> {
        let k = at?.checked_sub(1)?;
        let t = &tokens[k];
        if t.kind != TokenKind::Word {
            return None;
        }
        if fl.get(k).is_some_and(|f| f & (CAP | ROLE) == CAP) {
            // (`CAP`: classify set `ROLE` exactly when `role_len` is some.)
            return None;
        }
        let w = t.text(text);
        let n = self.role_len(w)?;
        w.get(..n).map(String::from)
    }

    /// Applies the rules to the tokens `range` of one sentence (`fl`: the
    /// document's token flags from [`Rules::classify`]; `starts`: its tokens
    /// in `range` with a flag of [`RULE_START`], ascending). Returns whether
    /// a start token is a role word: [`Rules::apposition`] starts at none
    /// other, and most sentences have none (noted here, where a role is a
    /// cue that the rules ask about anyway).
    #[allow(clippy::too_many_arguments)]
    pub fn apply<'a>(
        &self,
        text: &'a str,
        tokens: &[Token],
        range: Range<usize>,
        starts: &[usize],
        covered: &[bool],
        fl: &[u16],
        out: &mut Vec<Cand<'a>>,
    ) -> bool {
        let end = range.end;
        let has = |k: usize, f: u16| fl.get(k).is_some_and(|x| x & f != 0);
        let mut roles = false;
        for &k in starts {
            let f = fl[k];
            let t = &tokens[k];
            // The word's bytes for the tests most words get; the word as
            // `str` (its char boundaries checked) only where a rule needs it.
            let wb = text.as_bytes().get(t.start..t.end).unwrap_or_default();
            let word = || t.text(text);
            // (Each group of rules below behind the flags they all need: one
            // test for most words instead of one per rule. A role is a cue.)
            if f & (GIVEN | CUE | SPEECH) != 0 {
                // Given name + surname.
                if f & CAP != 0 && f & GIVEN != 0 {
                    let mut m = k + 1;
                    while m < end && m < k + 3 && has(m, GIVEN) {
                        m += 1;
                    }
                    let mut p = m;
                    while p < end && p < m + 2 && has(p, PARTICLE) {
                        p += 1;
                    }
                    let last = if p < end && (has(p, NAME) || is_initial(text, &tokens[p])) {
                        Some(p)
                    } else if m > k + 1 && p == m {
                        Some(m - 1)
                    } else {
                        None
                    };
                    if let Some(l) = last {
                        let s = t.start;
                        let e = tokens[l].end;
                        out.push(per(s, e, &text[s..e], "rule.given_name_surname", 1));
                    } else if m == k + 1
                        && !covered[k]
                        && self.lone_given_name(text, tokens, k, &range, fl)
                    {
                        out.push(per(t.start, t.end, word(), "rule.given_name_alone", 3));
                    }
                }
                // Role + one or two capitalised words.
                roles |= f & ROLE != 0;
                if f & CUE != 0 && k + 1 < end {
                    let n = &tokens[k + 1];
                    if has(k + 1, NAME) && !covered[k + 1] && !has(k + 1, GIVEN) {
                        let mut last = k + 1;
                        if k + 2 < end && has(k + 2, NAME) && !covered[k + 2] {
                            last = k + 2;
                        }
                        // Not the first noun of a longer phrase: `Trainer Nachwuchs-...`
                        let nn = last + 1;
                        let ok = nn >= end
                            || !tokens[nn]
                                .text(text)
                                .chars()
                                .next()
                                .is_some_and(char::is_uppercase)
                            || has(nn, NOT_NAME);
                        if ok {
                            let (s, e) = (n.start, tokens[last].end);
                            out.push(per(s, e, &text[s..e], "rule.role_name", 2));
                        }
                    }
                }
                // Speech verb + a lone capitalised word before punctuation, or
                // before the one spoken to (`sagte Kowalczyk dem Sender`,
                // `gegenüber …`, `der Zeitung`).
                if f & SPEECH != 0 && k + 1 < end && !covered[k + 1] {
                    let n = &tokens[k + 1];
                    let after = tokens.get(k + 2).filter(|_| k + 2 < end);
                    let medium = || {
                        tokens
                            .get(k + 3)
                            .filter(|_| k + 3 < end)
                            .is_some_and(|m| is_medium(m.text(text)))
                    };
                    if has(k + 1, NAME)
                        && after.is_none_or(|a| {
                            let at = a.text(text);
                            a.kind == TokenKind::Punct && at != "-"
                                || at == "dem"
                                || at == "gegenüber"
                                || at == "der" && medium()
                        })
                    {
                        out.push(per(
                            n.start,
                            n.end,
                            n.text(text),
                            "rule.speech_verb_name",
                            2,
                        ));
                    }
                }
            }
            if f & NAME != 0 && !covered[k] {
                // A bare name opening the sentence before a person's verb:
                // `Brockmeyer warnte …`.
                if k == range.start
                    && f & NAME != 0
                    && !covered[k]
                    && k + 1 < end
                    && has(k + 1, PERSON_VERB)
                    && word().chars().count() >= 3
                    && !has_hyphen(word())
                    && !ends_lower_any(word(), NOT_SUBJECT_ENDINGS)
                {
                    out.push(per(t.start, t.end, word(), "rule.subject_name", 3));
                }
                // Name + goal minute or party in brackets: `Okonkwo ( 78. )`,
                // `Keller ( SPD )`.
                if f & NAME != 0
                    && !covered[k]
                    && tokens.get(k + 1).is_some_and(|b| is_word(text, b, "("))
                    && bracket_after_name(text, tokens, k + 1, end)
                {
                    let s = if k > range.start
                        && has(k - 1, NAME)
                        && !covered[k - 1]
                        && !has_hyphen(tokens[k - 1].text(text))
                    {
                        tokens[k - 1].start
                    } else {
                        t.start
                    };
                    out.push(per(s, t.end, &text[s..t.end], "rule.name_bracket", 2));
                }
                // Name + age in brackets: `Lena Vogt ( 26 )`.
                if f & NAME != 0 && !covered[k] {
                    if let Some(e) = name_with_age(text, tokens, k, end, covered, fl) {
                        let (s, e) = (t.start, tokens[e].end);
                        out.push(per(s, e, &text[s..e], "rule.name_age", 2));
                    }
                }
            }
            // (Asked once: most capitalised words have no hyphen.)
            let hyphenated = f & CAP != 0 && has_hyphen_bytes(wb);
            if hyphenated {
                named_compound(word(), t.start, t.end, covered[k], out);
            }
            if covered[k] {
                if hyphenated {
                    district(word(), t.start, t.end, out);
                }
                continue;
            }
            // Schools: `Realschule Spaichingen`, `Gymnasium Nonnenwerth`.
            // (The word's ending first: rare, so seldom mispredicted, where
            // the next word's flags went either way.)
            if (wb.ends_with(b"schule") || wb.ends_with(b"ium"))
                && f & CAP != 0
                && k + 1 < end
                && !covered[k + 1]
                && has(k + 1, NAME)
                && !has(k + 1, GIVEN)
            {
                // The name ends like a place or closes the phrase (not `dass
                // die Grundschule Kinder aufnimmt`).
                let n = tokens[k + 1].text(text);
                let closed = tokens
                    .get(k + 2)
                    .filter(|_| k + 2 < end)
                    .is_none_or(|a| a.kind == TokenKind::Punct);
                if ends_lower_any(word(), SCHOOL_WORDS)
                    && !has(k + 2, NAME)
                    && (closed || ends_with_any(n, PLACE_ENDINGS))
                {
                    out.push(org(t.start, tokens[k + 1].end, text, "rule.school"));
                }
            }
            // Acronyms.
            // (An acronym has two capitals first.)
            if f & CAP != 0 && second_upper_bytes(wb, word) {
                let w = word();
                let first = w.split('-').next().unwrap_or("");
                if is_acronym(first)
                    && !self.not_names.contains(first)
                    && !self.clubs.contains(first)
                {
                    let sub = (first.len() < w.len()).then_some("part");
                    let mut e = t.end;
                    if sub.is_none() {
                        // `PKN Orlen`, `BNP Paribas`: the acronym heads a longer name.
                        let mut m = k + 1;
                        while m < end && m < k + 3 && !covered[m] && has(m, NAME) {
                            e = tokens[m].end;
                            m += 1;
                        }
                    }
                    let name = Some(&text[t.start..e]);
                    out.push(Cand {
                        start: t.start,
                        end: e,
                        label: Label::Org,
                        name,
                        kb: None,
                        subtype: sub,
                        rule: "rule.acronym",
                        prio: 3,
                        surname: false,
                    });
                }
            }
            if f & (LEGAL | CLUB | HEAD) != 0 {
                // Legal form after capitalised words.
                if f & LEGAL != 0 && k > range.start {
                    let mut b = k;
                    while b > range.start && b + 4 > k {
                        let pw = tokens[b - 1].text(text);
                        let joins = pw == "&" || pw == "und" && b < k;
                        if (has(b - 1, CAP) && !has(b - 1, NOT_NAME))
                            || (joins && b > range.start + 1)
                        {
                            b -= 1;
                        } else {
                            break;
                        }
                    }
                    if b < k && has(b, CAP) {
                        out.push(org(tokens[b].start, t.end, text, "rule.org_legal_form"));
                    }
                }
                // Club prefixes: `FC Schalke 04`, `VfB Stuttgart`.
                if f & CLUB != 0 {
                    let mut m = k + 1;
                    while m < end && m < k + 4 {
                        if has(m, CAP) && !has(m, NOT_NAME) || tokens[m].kind == TokenKind::Number {
                            m += 1;
                        } else {
                            break;
                        }
                    }
                    if m > k + 1 {
                        out.push(org(t.start, tokens[m - 1].end, text, "rule.org_head"));
                    } else if is_acronym(word()) && (m >= end || !has(m, CAP)) {
                        // `Der TSV kam zurück`, `beim KSC`.
                        out.push(org(t.start, t.end, text, "rule.club_acronym"));
                    }
                }
                // Head words: `Institut für …`, `Universität Hamburg`.
                if f & HEAD != 0 {
                    if let Some(e) = self.head_tail(text, tokens, k, end, fl) {
                        let mut b = k;
                        if b > range.start {
                            let pw = tokens[b - 1].text(text);
                            if has(b - 1, CAP)
                                && !has(b - 1, NOT_NAME)
                                && (pw.ends_with("er") || pw.ends_with("es") || pw.ends_with('e'))
                            {
                                b -= 1;
                            }
                        }
                        out.push(org(tokens[b].start, e, text, "rule.org_head"));
                    }
                }
            }
            // Places after a place head, `Bad …`, near a known place; streets.
            if f & CAP != 0 {
                self.places(text, tokens, k, wb, &range, covered, fl, out);
            }
            // Places after a preposition, by their ending.
            // (The preposition first: rare, where the name flag is not.)
            if k > range.start
                && fl[k - 1] & PREP != 0
                && f & NAME != 0
                && !has_hyphen_bytes(wb)
                && word().chars().count() > 5
                && ends_with_any(word(), PLACE_ENDINGS)
            {
                out.push(Cand {
                    start: t.start,
                    end: t.end,
                    label: Label::Loc,
                    name: Some(word()),
                    kb: None,
                    subtype: None,
                    rule: "rule.place_after_preposition",
                    prio: 3,
                    surname: false,
                });
            }
        }
        roles
    }

    /// `rule.given_name_alone`: the given name at `k` stands alone: no
    /// capitalised word follows, no given name or saint's title comes before
    /// (`St. Martin`, `San Marino`).
    fn lone_given_name(
        &self,
        text: &str,
        tokens: &[Token],
        k: usize,
        range: &Range<usize>,
        fl: &[u16],
    ) -> bool {
        let has = |j: usize, f: u16| fl.get(j).is_some_and(|x| x & f != 0);
        if GIVEN_NOT_ALONE.contains(&tokens[k].text(text)) {
            return false;
        }
        // Not before a particle or a hyphenated word (`Ali al-Nuaimi`).
        let next_ok = k + 1 >= range.end
            || !has(k + 1, CAP | PARTICLE) && !has_hyphen(tokens[k + 1].text(text));
        // Not after an unknown capitalised word (`Jodie Henry`, `Hagia
        // Sophia`: a surname or part of a longer name) or an abbreviation's
        // dot (`St . Peter`).
        let prev_ok = k == range.start
            || !has(k - 1, GIVEN | NAME)
                && !matches!(
                    tokens[k - 1].text(text),
                    "St." | "St" | "." | "Sankt" | "San" | "Santa" | "Bad" | "Fort" | "Port"
                );
        // `St . Peter` may be split into two sentences at the dot.
        let saint = k >= 2
            && tokens[k - 1].text(text) == "."
            && matches!(tokens[k - 2].text(text), "St" | "Hl" | "Dr" | "Prof");
        next_ok && prev_ok && !saint
    }

    /// Place rules starting at the capitalised word `k`, `wb` its bytes (see the module docs):
    /// `rule.place_after_head`, `rule.spa_town`, `rule.place_near_place`,
    /// `rule.street`.
    #[allow(clippy::too_many_arguments)]
    fn places<'a>(
        &self,
        text: &'a str,
        tokens: &[Token],
        k: usize,
        wb: &[u8],
        range: &Range<usize>,
        covered: &[bool],
        fl: &[u16],
        out: &mut Vec<Cand<'a>>,
    ) {
        // Asked of every capitalised word, and most fit none of the rules:
        // one test of what each needs before the rules' own tests.
        if may_start_place(wb, k, range, fl) {
            self.all_places(text, tokens, k, wb, range, covered, fl, out);
        }
    }

    /// [`Rules::places`] without its first test.
    #[allow(clippy::too_many_arguments)]
    fn all_places<'a>(
        &self,
        text: &'a str,
        tokens: &[Token],
        k: usize,
        wb: &[u8],
        range: &Range<usize>,
        covered: &[bool],
        fl: &[u16],
        out: &mut Vec<Cand<'a>>,
    ) {
        let end = range.end;
        // The word as `str` only for the rarer tests.
        let word = || tokens[k].text(text);
        let has = |j: usize, f: u16| j < end && fl.get(j).is_some_and(|x| x & f != 0);
        let free_name = |j: usize| has(j, NAME) && !covered[j] && !has(j, GIVEN);
        // This word's flags (`k` is in the sentence).
        let fk = fl[k];
        let free = fk & NAME != 0 && !covered[k] && fk & GIVEN == 0;
        let loc = |s: usize, e: usize, rule: &'static str| Cand {
            start: tokens[s].start,
            end: tokens[e].end,
            label: Label::Loc,
            name: text.get(tokens[s].start..tokens[e].end),
            kb: None,
            subtype: None,
            rule,
            prio: 3,
            surname: false,
        };
        // `Bad Schussenried` (also after a head: `Landkreis Bad Kreuznach`).
        // (Not `im Bad`, `das Bad`: the bath.)
        let spa = |j: usize| -> Option<usize> {
            // The word first: it is rarely `Bad`.
            if !is_word(text, tokens.get(j)?, "Bad") {
                return None;
            }
            let bath = j > range.start
                && matches!(
                    tokens[j - 1].text(text),
                    "im" | "ins"
                        | "vom"
                        | "zum"
                        | "das"
                        | "dem"
                        | "des"
                        | "ein"
                        | "einem"
                        | "eines"
                );
            (!bath && free_name(j + 1) && !has(j + 2, NAME)).then_some(j + 1)
        };
        // (The word is asked here first: `spa` is no inline closure.)
        if !covered[k] && is_word(text, &tokens[k], "Bad") {
            if let Some(e) = spa(k) {
                out.push(loc(k, e, "rule.spa_town"));
            }
        }
        // A kind of place + its name: `Stadt Gedern`, `Partnerstadt Xanten`.
        let head = fk & PLACE_HEAD != 0 || place_head_ending(wb);
        if head && k + 1 < end {
            if let Some(e) = spa(k + 1) {
                out.push(loc(k + 1, e, "rule.place_after_head"));
            } else {
                let n = tokens[k + 1].text(text);
                if free_name(k + 1)
                    && !has(k + 2, NAME)
                    && !has_hyphen(n)
                    && !ends_lower_any(n, NOUN_ENDINGS)
                {
                    out.push(loc(k + 1, k + 1, "rule.place_after_head"));
                }
            }
        }
        // `in Kreischa bei Dresden`: an unknown name between a preposition and
        // `bei`/`nahe` + a place the lexicon knows.
        if free
            && k > range.start
            && has(k - 1, PREP)
            && k + 2 < end
            && matches!(tokens[k + 1].text(text), "bei" | "nahe")
            && !ends_lower_any(word(), NOUN_ENDINGS)
        {
            let at = tokens[k + 2].start;
            let known = out.iter().any(|c| {
                c.start == at && c.label == Label::Loc && c.subtype.is_none() && c.prio == 0
            });
            if known {
                out.push(loc(k, k, "rule.place_near_place"));
            }
        }
        // Streets: `Lindenstraße`, `Lübecker Straße`.
        // (The endings before the hyphen: few words ending in `e` pass them.)
        if free
            && wb.ends_with(b"e")
            && STREET_ENDINGS
                .iter()
                .any(|e| wb.len() >= e.len() + 3 && ends_with_fast(wb, e))
            && !has_hyphen_bytes(wb)
        {
            out.push(loc(k, k, "rule.street"));
        }
        // After a place adjective: a street, a landmark, an organisation.
        // (The cheap tests first: the word's kind and the adjective's `-er`;
        // the organisation endings only then.)
        if k == range.start || fl[k - 1] & CAP == 0 || fl[k - 1] & NOT_NAME != 0 {
            return;
        }
        let org_word = || !covered[k] && fk & NAME != 0 && !has(k + 1, NAME);
        if fk & (STREET | LANDMARK) == 0 && !org_word() {
            return;
        }
        let p = tokens[k - 1].text(text);
        if !p.ends_with("er") {
            return;
        }
        let rule = if fk & STREET != 0 {
            "rule.street"
        } else if fk & LANDMARK != 0 {
            "rule.landmark"
        } else if ends_lower_any(word(), ORG_ENDINGS) {
            "rule.org_after_place_adjective"
        } else {
            return;
        };
        if p.chars().count() < 5 || NOT_PLACE_ADJECTIVES.contains(&p) {
            return;
        }
        if rule == "rule.org_after_place_adjective" {
            out.push(org(tokens[k - 1].start, tokens[k].end, text, rule));
        } else {
            out.push(loc(k - 1, k, rule));
        }
    }

    /// `rule.role_apposition`: a role, a comma, then two or three unknown
    /// capitalised words closed by a comma or the sentence end: `Der
    /// Polizeichef der Provinz, Abdul Karim Rahimi, sagte …`.
    ///
    /// (`starts`: as for [`Rules::apply`]; every role word is among them.)
    #[allow(clippy::too_many_arguments)]
    pub fn apposition<'a>(
        &self,
        text: &'a str,
        tokens: &[Token],
        range: Range<usize>,
        starts: &[usize],
        covered: &[bool],
        fl: &[u16],
        out: &mut Vec<Cand<'a>>,
    ) {
        let end = range.end;
        let has = |k: usize, f: u16| fl.get(k).is_some_and(|x| x & f != 0);
        if fl.get(range.clone()).is_none() {
            return;
        }
        for &k in starts {
            if fl[k] & ROLE == 0 {
                continue;
            }
            // The comma within four tokens after the role.
            let Some(c) = (k + 1..(k + 5).min(end)).find(|&j| is_word(text, &tokens[j], ","))
            else {
                continue;
            };
            let mut m = c + 1;
            while m < end
                && m < c + 4
                && has(m, NAME)
                && !covered[m]
                && !has_hyphen(tokens[m].text(text))
            {
                m += 1;
            }
            let closed = m == end
                || matches!(tokens[m].text(text), "," | "." | "(")
                    && tokens[m].kind == TokenKind::Punct;
            // A given name inside (`Nationalrat Roland Borer`) is left to
            // rule.given_name_surname; a repeated word (`Thai Rak Thai`) is
            // no person's name.
            let inner_given = (c + 2..m).any(|j| has(j, GIVEN));
            let repeated = (c + 2..m).any(|j| tokens[j].text(text) == tokens[c + 1].text(text));
            if m >= c + 3 && closed && !inner_given && !repeated {
                let (s, e) = (tokens[c + 1].start, tokens[m - 1].end);
                out.push(per(s, e, &text[s..e], "rule.role_apposition", 2));
            }
        }
    }

    /// After a head word at `k`: `für`/`zu` + capitalised words, or a capitalised
    /// word directly (`Universität Hamburg`). Returns the end byte.
    fn head_tail(
        &self,
        text: &str,
        tokens: &[Token],
        k: usize,
        end: usize,
        fl: &[u16],
    ) -> Option<usize> {
        let has = |k: usize, f: u16| fl.get(k).is_some_and(|x| x & f != 0);
        let next = tokens.get(k + 1).filter(|_| k + 1 < end)?;
        let nw = next.text(text);
        let mut m = if matches!(nw, "für" | "zu" | "zur" | "zum" | "der") {
            k + 2
        } else if has(k + 1, NAME) && ends_with_ci(tokens[k].text(text), "universität") {
            k + 1
        } else {
            return None;
        };
        let purpose = nw == "zur" || nw == "zum";
        let mut last = None;
        while m < end {
            let t = &tokens[m];
            let tw = t.text(text);
            if has(m, CAP) && !has(m, NOT_NAME) {
                last = Some(t.end);
                m += 1;
            } else if (tw == "und" || tw == "," || purpose && (tw == "der" || tw == "des"))
                && last.is_some()
                && m + 1 < end
                && has(m + 1, CAP)
            {
                // `Stiftung zur Aufarbeitung der SED-Diktatur`.
                m += 1;
            } else {
                break;
            }
        }
        last
    }

    /// Persons met again by surname get the full name; unknown tokens equal to a
    /// known surname become persons too.
    /// (`starts`: the tokens with a flag of [`RULE_START`], among them every
    /// capitalised word, ascending.)
    pub fn coreference<'a>(
        &self,
        text: &'a str,
        tokens: &[Token],
        fl: &[u16],
        starts: &[usize],
        mut chosen: Vec<Cand<'a>>,
    ) -> Vec<Cand<'a>> {
        let mut index: SurnameIndex = SurnameIndex::default();
        for c in &chosen {
            if c.label != Label::Per || c.subtype.is_some() {
                continue;
            }
            let span = &text[c.start..c.end];
            if let Some(last) = after_last_space(span) {
                if index.is_empty() {
                    // Room for a text's persons at once, not grown step by step.
                    index.reserve(16);
                }
                let name = c.name.unwrap_or(span);
                index.entry(last).or_insert((name, c.kb));
            }
        }
        if index.is_empty() {
            return chosen;
        }
        // The surnames, alone and with a genitive `s`: most capitalised words
        // below are rejected without hashing them.
        let known = SurnameFilter::new(index.keys().copied());
        for c in chosen.iter_mut() {
            if c.label != Label::Per || c.subtype.is_some() || c.surname {
                continue;
            }
            let span = &text[c.start..c.end];
            if span.bytes().any(|b| b == b' ') {
                continue;
            }
            let stem = span
                .strip_suffix('s')
                .filter(|s| index.contains_key(*s))
                .unwrap_or(span);
            if let Some(&(name, kb)) = index.get(stem) {
                c.name = Some(name);
                c.kb = kb;
                c.rule = "rule.coreference";
            }
        }
        // (The chosen candidates are sorted and do not overlap; the mentions
        // found go after them, as pushed one by one.)
        let mut covered = super::CoverCursor::new(tokens, &chosen);
        let mut mentions = Vec::new();
        for &k in starts {
            if fl[k] & CAP == 0 {
                continue;
            }
            let t = &tokens[k];
            // The filters read bytes; the word as `str` only if they pass.
            // (The filter first: it turns away nearly every word, and the
            // cursor answers tokens asked in any ascending order alike.)
            if !known.may_hold(text.as_bytes().get(t.start..t.end).unwrap_or_default())
                || covered.covers(k)
            {
                continue;
            }
            let w = t.text(text);
            let stem = w
                .strip_suffix('s')
                .filter(|s| index.contains_key(*s))
                .unwrap_or(w);
            if let Some(&(name, kb)) = index.get(stem) {
                mentions.push(Cand {
                    start: t.start,
                    end: t.end,
                    label: Label::Per,
                    name: Some(name),
                    kb,
                    subtype: None,
                    rule: "rule.coreference",
                    prio: 2,
                    surname: false,
                });
            }
        }
        chosen.extend(mentions);
        chosen
    }
}

/// A pre-test for the surnames of a text, alone and with a genitive `s`
/// (`Witkoff`, `Witkoffs`): false only for words that are none of them. Most
/// capitalised words are turned away by their length or first byte alone (a
/// bit each), most of the rest by a word filter, before any hashing.
struct SurnameFilter {
    words: WordFilter,
    /// Bit `n` (63: 63 or more) set for a word of `n` bytes.
    lengths: u64,
    /// Bit `b` set for a word's first byte `b`.
    firsts: [u64; 4],
}

impl SurnameFilter {
    fn new<'a>(surnames: impl Iterator<Item = &'a str>) -> Self {
        let mut f = SurnameFilter {
            words: WordFilter::exact(10),
            lengths: 0,
            firsts: [0; 4],
        };
        // (One buffer for the genitives, not a string each.)
        let mut with_s = String::new();
        for k in surnames {
            with_s.clear();
            with_s.push_str(k);
            with_s.push('s');
            for w in [k, &with_s] {
                f.words.insert(w);
                f.lengths |= 1 << w.len().min(63);
                if let Some(&b) = w.as_bytes().first() {
                    f.firsts[usize::from(b >> 6)] |= 1 << (b & 63);
                }
            }
        }
        f
    }

    #[inline]
    fn may_hold(&self, w: &[u8]) -> bool {
        // The length's bit and the first byte's in one test (`&`, not `&&`):
        // about half the words have a surname's length, so a test of the
        // length alone went either way; both together pass few.
        let length = self.lengths >> w.len().min(63);
        let first = w
            .first()
            .map_or(1, |&b| self.firsts[usize::from(b >> 6)] >> (b & 63));
        length & first & 1 != 0 && self.words.may_hold_bytes(w)
    }

    /// [`SurnameFilter::may_hold`] with a test after the other (for the test).
    #[cfg(test)]
    fn may_hold_plain(&self, w: &[u8]) -> bool {
        self.lengths & 1 << w.len().min(63) != 0
            && w.first()
                .is_none_or(|&b| self.firsts[usize::from(b >> 6)] & 1 << (b & 63) != 0)
            && self.words.may_hold_bytes(w)
    }
}

/// `s.rsplit_once(' ')`'s second part, by a byte search: a space is one
/// byte, never part of another char (`rsplit_once` runs a char searcher).
fn after_last_space(s: &str) -> Option<&str> {
    let i = s.bytes().rposition(|b| b == b' ')?;
    s.get(i + 1..)
}

fn per<'a>(start: usize, end: usize, name: &'a str, rule: &'static str, prio: u8) -> Cand<'a> {
    Cand {
        start,
        end,
        label: Label::Per,
        name: Some(name),
        kb: None,
        subtype: None,
        rule,
        prio,
        surname: false,
    }
}

fn org<'a>(start: usize, end: usize, text: &'a str, rule: &'static str) -> Cand<'a> {
    Cand {
        start,
        end,
        label: Label::Org,
        name: text.get(start..end),
        kb: None,
        subtype: None,
        rule,
        prio: 1,
        surname: false,
    }
}

/// `w` ends with the lower-case `suffix`, ignoring the case of `w`'s letters.
fn ends_with_ci(w: &str, suffix: &str) -> bool {
    let n = suffix.chars().count();
    let tail = w.chars().rev().take(n).collect::<Vec<_>>();
    tail.len() == n
        && tail
            .into_iter()
            .rev()
            .flat_map(char::to_lowercase)
            .eq(suffix.chars())
}

/// `G.` as the surname of an anonymised person (`Nico G.`).
fn is_initial(text: &str, t: &Token) -> bool {
    let w = t.text(text);
    t.kind == TokenKind::Abbrev && w.len() == 2 && w.starts_with(|c: char| c.is_ascii_uppercase())
}

/// Two to six capitals (digits allowed after the first two letters): `IKB`, `BASF`.
pub(crate) fn is_acronym(w: &str) -> bool {
    let n = w.chars().count();
    (2..=6).contains(&n)
        && w.chars().take(2).all(char::is_uppercase)
        && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// `rule.district`: a city compound whose second part names a district
/// (`Berlin-Mitte`) or ends like a place (`Berlin-Charlottenburg`,
/// `München-Schwabing`) is the place itself, not a `part` (`Berlin-Besuch`).
fn district<'a>(w: &'a str, start: usize, end: usize, out: &mut [Cand<'a>]) {
    let Some((_, second)) = split_at_hyphen(w, false) else {
        return;
    };
    let placeish = second.chars().next().is_some_and(char::is_uppercase)
        && !has_hyphen(second)
        && (DISTRICT_WORDS.contains(&second)
            || second.chars().count() > 5 && ends_with_any(second, PLACE_ENDINGS));
    if !placeish {
        return;
    }
    if let Some(c) = out.iter_mut().find(|c| {
        c.start == start && c.end == end && c.label == Label::Loc && c.subtype == Some("part")
    }) {
        c.subtype = None;
        c.name = Some(w);
        c.kb = None;
        c.rule = "rule.district";
    }
}

/// `rule.name_age`: two capitalised words (three when the first is a given
/// name) followed by an age in brackets: `Lena Vogt ( 26 )`, `Anna Maria
/// Kowalski (31)`. Returns the last name token.
fn name_with_age(
    text: &str,
    tokens: &[Token],
    k: usize,
    end: usize,
    covered: &[bool],
    fl: &[u16],
) -> Option<usize> {
    let free = |j: usize| j < end && fl.get(j).is_some_and(|x| x & NAME != 0) && !covered[j];
    let age = |j: usize| {
        // The bracket first, by its length: most words are followed by none.
        if !tokens
            .get(j)
            .is_some_and(|t| j < end && is_word(text, t, "("))
        {
            return None;
        }
        let tx = |i: usize| tokens.get(i).filter(|_| i < end).map(|t| t.text(text));
        let n = tx(j + 1)?;
        (tx(j)? == "("
            && (1..=3).contains(&n.len())
            && n.bytes().all(|b| b.is_ascii_digit())
            && tx(j + 2)? == ")")
            .then_some(())
    };
    if !free(k + 1) {
        return None;
    }
    if age(k + 2).is_some() {
        return Some(k + 1);
    }
    let given = fl.get(k).is_some_and(|x| x & GIVEN != 0);
    (given && free(k + 2) && age(k + 3).is_some()).then_some(k + 2)
}

/// `rule.named_compound`: a hyphenated name whose last part is a kind of
/// institution or street and whose other parts are capitalised: two or more
/// (`Otto-Schott-Gymnasium`, `Karl-Marx-Straße`), or one person's name that
/// the lexicon knows (`Adenauer-Stiftung`: the `part` candidate becomes the
/// whole).
fn named_compound<'a>(
    w: &'a str,
    start: usize,
    end: usize,
    covered: bool,
    out: &mut Vec<Cand<'a>>,
) {
    // (The last hyphen by a byte search: `rsplit_once` runs a reverse
    // searcher for every hyphenated word.)
    let Some((prefix, last)) = split_at_hyphen(w, true) else {
        return;
    };
    let Some(&(_, label)) = COMPOUND_HEADS.iter().find(|(h, _)| *h == last) else {
        return;
    };
    let parts: Vec<&str> = prefix.split('-').collect();
    if !parts
        .iter()
        .all(|p| p.chars().next().is_some_and(char::is_uppercase) && p.chars().count() >= 2)
    {
        return;
    }
    // With one part only a person's name (`Adenauer-Stiftung`), not a place
    // (`US-Universität` stays a part).
    let part = out.iter_mut().find(|c| {
        c.start == start
            && c.end == end
            && c.subtype == Some("part")
            && (parts.len() >= 2 || c.label == Label::Per)
    });
    if let Some(c) = part {
        c.label = label;
        c.subtype = None;
        c.name = Some(w);
        c.kb = None;
        c.rule = "rule.named_compound";
    } else if !covered && parts.len() >= 2 {
        out.push(Cand {
            start,
            end,
            label,
            name: Some(w),
            kb: None,
            subtype: None,
            rule: "rule.named_compound",
            prio: 2,
            surname: false,
        });
    }
}

/// `w.split_once('-')` (`w.rsplit_once('-')` if `last`), by a byte search
/// (a hyphen is one byte, never part of another char).
#[inline]
fn split_at_hyphen(w: &str, last: bool) -> Option<(&str, &str)> {
    let mut hyphens = w.bytes().enumerate().filter(|&(_, b)| b == b'-');
    let (i, _) = if last {
        hyphens.next_back()?
    } else {
        hyphens.next()?
    };
    Some((w.get(..i)?, w.get(i + 1..)?))
}

/// Whether token `t` starts with a capital letter; an ASCII first byte
/// answers without decoding. (Forced inline: it runs for every token.)
#[inline(always)]
fn starts_upper(text: &str, t: &Token) -> bool {
    match text.as_bytes().get(t.start) {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase() && text.is_char_boundary(t.end),
        _ => t.text(text).chars().next().is_some_and(char::is_uppercase),
    }
}

/// Whether a rule of [`Rules::places`] may start at the capitalised word `k`
/// (its bytes `wb`): each needs one of these, and most words have none.
///
/// A pre-test, looser than the rules (they test again): from the word's
/// length, its last two bytes and the flags of the word and the one before,
/// each part made and joined by `|` (not `||`) into one branch. Tested one
/// after the other, the word's length over eight, its last `e` and the
/// word before went either way, each a branch of its own.
#[inline(always)]
fn may_start_place(wb: &[u8], k: usize, range: &Range<usize>, fl: &[u16]) -> bool {
    let fk = fl[k];
    // The word before's flags, 0 for the sentence's first word.
    let before = fl[k.saturating_sub(1)] * u16::from(k > range.start);
    let n = wb.len();
    // The last two bytes (zeros for a shorter word, which none of the
    // tests of the word's ending below asks about).
    let [a, z] = wb.last_chunk::<2>().copied().unwrap_or_default();
    // The endings as bits of two tables (see `PAIR_LAST`), kept where the
    // word's length fits: `Bad` is three bytes, a place head more than eight.
    let lengths = u8::from(n == 3) | u8::from(n > 8) << 1 | 4;
    let ending = PAIR_LAST[usize::from(z)] & PAIR_FIRST[usize::from(a)] & lengths != 0;
    ending
        // `rule.place_after_head`: a place head (`Stadt`, `Partnerstadt`).
        | (fk & PLACE_HEAD != 0)
        // `rule.place_near_place`: after a preposition.
        | (before & PREP != 0)
        // A street, landmark or organisation after a place adjective: after
        // a capitalised word that is no not-name.
        | (before & (CAP | NOT_NAME) == CAP)
}

/// The word endings that [`may_start_place`] lets through, by their last
/// two bytes: bit 0 `ad` (`rule.spa_town`: `Bad`), bit 1 `dt`, `de`
/// (`rule.place_after_head`: `-stadt`, `-gemeinde`), bit 2 `ße`, `se`, `ee`
/// (`rule.street`: the [`STREET_ENDINGS`], see the test
/// `street_endings_pass`). An ending's bit is set in `PAIR_LAST` at its last
/// byte and in `PAIR_FIRST` at the one before; a word has it if both have.
const PAIR_LAST: [u8; 256] = pair_table(&[(b'd', 1), (b't', 2), (b'e', 2 | 4)]);
/// See [`PAIR_LAST`]. (`ß` is 0xC3 0x9F.)
const PAIR_FIRST: [u8; 256] = pair_table(&[(b'a', 1), (b'd', 2), (0x9F, 4), (b's', 4), (b'e', 4)]);

const fn pair_table(bits: &[(u8, u8)]) -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < bits.len() {
        t[bits[i].0 as usize] |= bits[i].1;
        i += 1;
    }
    t
}

/// A word of more than eight bytes ending like a kind of place
/// (`Partnerstadt`, `Nachbargemeinde`). (The endings first: rarely there,
/// so seldom mispredicted; the length went either way.)
#[inline(always)]
fn place_head_ending(wb: &[u8]) -> bool {
    (wb.ends_with(b"stadt") || wb.ends_with(b"gemeinde")) && wb.len() > 8
}

/// Whether token `t` is the word `word`, compared as bytes: equal bytes of a
/// whole char sequence are equal chars, without `Token::text`'s boundary
/// checks (asked of many tokens that are not the word).
#[inline]
fn is_word(text: &str, t: &Token, word: &str) -> bool {
    if let [b] = word.as_bytes() {
        // A one-byte word (`(`, `,`): its length and byte in one test, as
        // one token in two after a word is one byte long (a comma, a dot)
        // and a test of the length alone went either way.
        return (t.end.wrapping_sub(t.start) == 1) & (text.as_bytes().get(t.start) == Some(b));
    }
    // The length first: most tokens asked are longer or shorter.
    t.end.wrapping_sub(t.start) == word.len()
        && text.as_bytes().get(t.start..t.end) == Some(word.as_bytes())
}

/// Whether `w` has a lower-case letter (`Merkel`, not `NATO`); mostly its
/// second byte answers, without decoding chars.
#[cfg(test)]
fn has_lower(w: &str) -> bool {
    has_lower_bytes(w.as_bytes(), || w)
}

/// [`has_lower`] of a word given by its bytes, the word as `str` asked only
/// when the second byte is no lower-case ASCII letter.
#[inline]
fn has_lower_bytes<'w>(bytes: &[u8], word: impl FnOnce() -> &'w str) -> bool {
    // An ASCII second byte is the second char (the first is then ASCII too).
    bytes.get(1).is_some_and(u8::is_ascii_lowercase) || word().chars().any(char::is_lowercase)
}

/// Whether the second char of `w` is a capital (`IKB`, not `Ikea`); an
/// ASCII second byte answers without decoding (it is then the second char).
#[inline]
fn second_upper(w: &str) -> bool {
    match w.as_bytes().get(1) {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => w.chars().nth(1).is_some_and(char::is_uppercase),
    }
}

/// [`second_upper`] of a word given by its bytes, the word as `str` asked
/// only when the second byte is not ASCII.
#[inline]
fn second_upper_bytes<'w>(wb: &[u8], word: impl FnOnce() -> &'w str) -> bool {
    match wb.get(1) {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => second_upper(word()),
    }
}

/// Whether the word `w` has a hyphen (a compound: `Karl-Marx-Straße`):
/// eight bytes at a time (a byte equal to `-` becomes zero, and the classic
/// zero-byte test finds it): the first and the last eight bytes (which
/// overlap in a word under 16 bytes, most words), then the bytes between
/// them the same way; a word under eight bytes as one word. Words are short,
/// and `str::contains` calls out to `memchr` for each of them.
#[inline]
fn has_hyphen(w: &str) -> bool {
    has_hyphen_bytes(w.as_bytes())
}

/// [`has_hyphen`] of a word's bytes.
#[inline]
pub(super) fn has_hyphen_bytes(mut bytes: &[u8]) -> bool {
    // (Exact as a yes or no: a false mark only ever sits above a true one.
    // The zeros below a short word's bytes become `-` ^ 0, no zero.)
    let hyphen = |x: u64| {
        let y = x ^ (u64::from(b'-') * swar::ONES);
        y.wrapping_sub(swar::ONES) & !y & swar::HIGH != 0
    };
    loop {
        let (Some(&a), Some(&z)) = (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) else {
            return hyphen(last_eight(bytes));
        };
        if hyphen(u64::from_le_bytes(a)) || hyphen(u64::from_le_bytes(z)) {
            return true;
        }
        // The bytes between the two (none in a word of up to 16 bytes).
        match bytes.get(8..bytes.len() - 8) {
            Some(between) if !between.is_empty() => bytes = between,
            _ => return false,
        }
    }
}

/// Whether `w` ends with one of `endings`; see [`ends_with_fast`].
#[inline(always)]
fn ends_with_any(w: &str, endings: &[&str]) -> bool {
    endings.iter().any(|e| ends_with_fast(w.as_bytes(), e))
}

/// `w.ends_with(e)`, the last two bytes first: `ends_with` calls `memcmp`,
/// and the lists of endings asked of most capitalised words have up to
/// thirty entries.
/// (Of a word's bytes: a `str` ends with a `str` when its bytes end with its
/// bytes.)
#[inline(always)]
fn ends_with_fast(w: &[u8], e: &str) -> bool {
    let e = e.as_bytes();
    (e.len() < 2 || w.last_chunk::<2>() == e.last_chunk::<2>()) && w.ends_with(e)
}

/// [`ends_lower`] for any of `suffixes`, the last byte first (a suffix of
/// two chars or more has the same last byte as the capitalised whole word;
/// see the test `ending_lists`).
#[inline(always)]
fn ends_lower_any(w: &str, suffixes: &[&str]) -> bool {
    let last = w.as_bytes().last();
    suffixes
        .iter()
        .any(|s| s.as_bytes().last() == last && ends_lower(w, s))
}

/// `w` ends with the lower-case `suffix` (`Lindenstraße`), or is the whole
/// `suffix` capitalised (`Gymnasium`); no allocation (runs for every
/// capitalised token).
fn ends_lower(w: &str, suffix: &str) -> bool {
    if w.ends_with(suffix) {
        return true;
    }
    if w.len() != suffix.len() {
        return false;
    }
    let (mut wc, mut sc) = (w.chars(), suffix.chars());
    match (wc.next(), sc.next()) {
        (Some(a), Some(b)) => a.to_lowercase().eq(std::iter::once(b)) && wc.as_str() == sc.as_str(),
        _ => false,
    }
}

/// `rule.name_bracket`: after a name, `(` + a goal minute (`34.`) or a party
/// (`SPD`, see [`PARTIES`]) + `)`, starting at the bracket `b`.
fn bracket_after_name(text: &str, tokens: &[Token], b: usize, end: usize) -> bool {
    let tx = |i: usize| tokens.get(i).filter(|_| i < end).map(|t| t.text(text));
    let Some(inner) = tx(b + 1) else {
        return false;
    };
    let digits = |w: &str| (1..=3).contains(&w.len()) && w.bytes().all(|c| c.is_ascii_digit());
    // `( 34. )` as one token `34.` or as `34` `.`
    if let Some(n) = inner.strip_suffix('.') {
        return digits(n) && tx(b + 2) == Some(")");
    }
    if digits(inner) {
        return tx(b + 2) == Some(".") && tx(b + 3) == Some(")");
    }
    tx(b + 2) == Some(")") && PARTIES.contains(&inner)
}

/// Parties written in brackets after a politician's name (`Keller ( SPD )`).
/// A list, not any organisation: `Atomenergieagentur ( Rosatom )`.
const PARTIES: &[&str] = &[
    "CDU",
    "CSU",
    "SPD",
    "FDP",
    "AfD",
    "BSW",
    "Grüne",
    "Grünen",
    "Linke",
    "Linkspartei",
    "PDS",
    "NPD",
    "ÖVP",
    "SPÖ",
    "FPÖ",
    "BZÖ",
    "NEOS",
    "SVP",
    "CVP",
    "parteilos",
    "Piraten",
    "FW",
    "ÖDP",
    "Tories",
    "Labour",
    "UMP",
    "PS",
];

#[cfg(test)]
mod word_tests {
    use super::{ends_lower, ends_lower_any, ends_with_any, has_hyphen, second_upper};

    /// The lists asked by [`ends_with_any`] and [`ends_lower_any`].
    const LISTS: [&[&str]; 6] = [
        super::PLACE_ENDINGS,
        super::NOT_SUBJECT_ENDINGS,
        super::NOUN_ENDINGS,
        super::STREET_ENDINGS,
        super::ORG_ENDINGS,
        super::SCHOOL_WORDS,
    ];

    #[test]
    fn ending_lists() {
        for list in LISTS {
            for e in list {
                assert!(
                    e.chars().count() >= 2,
                    "{e:?}\nhelp: the last-byte test needs two chars"
                );
            }
        }
        // Each entry as a word, capitalised, inside a compound, with a
        // letter after it, and cut short: the fast tests answer as the plain ones.
        for list in LISTS {
            for e in list {
                let cap = crate::text::capitalised(e);
                for w in [
                    e.to_string(),
                    cap.clone(),
                    format!("Zell{e}"),
                    format!("{cap}s"),
                    format!("{e}e"),
                    e.to_uppercase(),
                    "Ü".to_string(),
                    String::new(),
                ] {
                    for (i, _) in w.char_indices().chain([(w.len(), ' ')]) {
                        let w = &w[i..];
                        assert_eq!(
                            ends_with_any(w, list),
                            list.iter().any(|e| w.ends_with(e)),
                            "{w:?}"
                        );
                        assert_eq!(
                            ends_lower_any(w, list),
                            list.iter().any(|e| ends_lower(w, e)),
                            "{w:?}"
                        );
                    }
                }
            }
        }
        assert!(ends_with_any("Pfaffenhofen", super::PLACE_ENDINGS));
        assert!(ends_lower_any("Grundschule", super::SCHOOL_WORDS));
        assert!(!ends_lower_any("Schule", super::SCHOOL_WORDS));
    }

    #[test]
    fn hyphens_at_every_place() {
        // Every position in and after the eight-byte chunks, with umlauts.
        for n in 0..40 {
            let plain: String = "Ärzteschaftsverbände".repeat(2).chars().take(n).collect();
            assert!(!has_hyphen(&plain), "{plain:?}");
            for i in 0..=plain.chars().count() {
                let mut w: Vec<char> = plain.chars().collect();
                w.insert(i, '-');
                let w: String = w.into_iter().collect();
                assert!(has_hyphen(&w), "{w:?}\nhelp: the hyphen must be found");
            }
        }
        // Bytes near `-` (0x2D) are no hyphen: `,` `.` and the en dash's bytes.
        assert!(!has_hyphen("Nord,Süd.Ost–West—Mitte"));
    }

    #[test]
    fn first_and_last_hyphen() {
        for w in [
            "Otto-Schott-Gymnasium",
            "Karl-Marx-Straße",
            "Ä-Ö",
            "-Süd",
            "Nord-",
            "ohne",
            "",
            "-",
            "--",
        ] {
            assert_eq!(super::split_at_hyphen(w, true), w.rsplit_once('-'), "{w:?}");
            assert_eq!(super::split_at_hyphen(w, false), w.split_once('-'), "{w:?}");
        }
    }

    #[test]
    fn lower_case_letters() {
        for (w, want) in [
            ("Merkel", true),
            ("NATO", false),
            ("ÖVP", false),
            ("Öl", true),
            ("Übergang", true),
            ("USA-Präsidentin", true),
            ("A", false),
            ("", false),
        ] {
            assert_eq!(super::has_lower(w), want, "{w:?}");
            assert_eq!(w.chars().any(char::is_lowercase), want, "{w:?}");
        }
    }

    #[test]
    fn second_capital() {
        for (w, want) in [
            ("IKB", true),
            ("Ikea", false),
            ("ÖVP", true),
            ("Öl", false),
            ("AÖ", true),
            ("A", false),
            ("", false),
        ] {
            assert_eq!(second_upper(w), want, "{w:?}");
            assert_eq!(super::second_upper_bytes(w.as_bytes(), || w), want, "{w:?}");
        }
    }
}

#[cfg(test)]
mod classify_tests {
    use super::{Rules, RULE_START};
    use crate::lexicon::Lexicons;
    use crate::segment::Segmenter;
    use crate::segment::{Token, TokenKind};

    #[test]
    fn rule_starts_are_the_flagged_tokens() {
        let text = "Laut Bürgermeisterin Petra Hölzl, sagte die Sprecherin der Stadtwerke \
                    Neuhausen GmbH, wurde in Unterfelden bei Kassel gebaut; so Hölzl. \
                    FC Oberdorf 09 und der e.V. Lindenstraße ( 31 ) – 5,3 Prozent!";
        let lex = Lexicons::default();
        let seg = Segmenter::new(&lex).unwrap().segment(text);
        let rules = Rules::new(&lex, super::super::gazetteer::not_names(&lex)).unwrap();
        let (flags, starts) = rules.classify(text, &seg.tokens);
        let want: Vec<usize> = (0..flags.len())
            .filter(|&k| flags[k] & RULE_START != 0)
            .collect();
        assert_eq!(
            starts, want,
            "help: every token a rule may start at, in order"
        );
        assert!(starts.len() > 10 && starts.len() < flags.len());
    }

    #[test]
    fn role_before_with_flags_agrees_with_the_walk() {
        let text = "Bundeskanzlerin Angela Merkel traf US-Präsident Biden, Ex-Trainer \
                    Klopp und den Präsidenten Macron; Kanzleramt Schmidt, die Regierung \
                    Scholz, sagte Vogt, Parteichefs Lindner und bundesinnenminister \
                    Faeser, Herrn Müller, Frau Dr. Weber sowie Ministerpräsidentin Dreyer.";
        let lex = Lexicons::default();
        let seg = Segmenter::new(&lex).unwrap().segment(text);
        let rules = Rules::new(&lex, super::super::gazetteer::not_names(&lex)).unwrap();
        let (flags, _) = rules.classify(text, &seg.tokens);
        let mut roles = 0;
        for at in (0..seg.tokens.len()).map(Some).chain([None]) {
            let plain = rules.role_before_token(text, &seg.tokens, at, &[]);
            let fast = rules.role_before_token(text, &seg.tokens, at, &flags);
            assert_eq!(fast, plain, "token {at:?}");
            roles += usize::from(plain.is_some());
        }
        assert!(roles >= 8, "help: the text must hold role words ({roles})");
    }

    #[test]
    fn masks_flag_every_token_as_the_token_by_token_pass_does() {
        let lex = Lexicons::default();
        let seg = Segmenter::new(&lex).unwrap();
        let rules = Rules::new(&lex, super::super::gazetteer::not_names(&lex)).unwrap();
        let sentences = [
            "Laut Dr. Helga Sommerfeld von der Stadtverwaltung, sagte der Sprecher, \
             wurde die Brücke in Unterfelden bei Kassel gesperrt.",
            "„Österreichs Kanzler“ traf Ärztevertreter der Müller & Söhne GmbH; so Sommerfeld.",
            "Mehr unter WWW.Beispiel-Verlag.de oder www.beispiel.de – 12,5 Prozent, 3. Mai.",
            "der FC Hinterdorf 04 und St. Georgen e.V. spielten in der Lindenstraße 7 gegen Ulm",
            "Und dann: ÄRGER bei Übersee-Werften, Trainer Kowalczyk (SPD) und Ex-Minister Bode!",
            "x",
        ];
        let mut texts = Vec::new();
        // Every sentence after 0 to 70 short words, so that capitals fall on
        // every place of the chunks of 64 tokens and at their borders.
        for pad in 0..70 {
            let mut t = "ab ".repeat(pad);
            for s in sentences {
                t.push_str(s);
                t.push(' ');
                texts.push(t.clone());
            }
            texts.push(format!("{}Ende", "Wort ".repeat(pad)));
        }
        let mut flagged = 0;
        for t in &texts {
            let tokens = seg.segment(t).tokens;
            let got = rules.classify(t, &tokens);
            assert_eq!(
                got,
                rules.classify_token_by_token(t, &tokens),
                "{t:?}\nhelp: the masks must choose the tokens the plain pass looks at"
            );
            flagged += got.1.len();
        }
        assert!(flagged > 1000, "help: the texts must have rule starts");
        // Tokens that end inside a char (never the segmenter's): the
        // capital is not `CAP`, as the plain pass finds.
        let text = "Ab\u{e4}x Cd \u{c4}b Ef";
        let token = |start, end, kind| Token { start, end, kind };
        for bad in [3, 9] {
            let tokens = [
                token(0, if bad == 3 { 3 } else { 5 }, TokenKind::Word),
                token(6, 8, TokenKind::Abbrev),
                token(9, if bad == 9 { 10 } else { 12 }, TokenKind::Word),
                token(13, 15, TokenKind::Word),
            ];
            assert_eq!(
                rules.classify(text, &tokens),
                rules.classify_token_by_token(text, &tokens)
            );
        }
    }

    #[test]
    fn apply_reports_the_sentences_the_apposition_rule_needs() {
        let text = "Der Vorsitzende der Kammer, Jonas Brehmer Quast, sagte das. \
                    Im Ort regnete es. Die Landrätin, Mara Tessendorf, lud ein. \
                    Das Team gewann. Trainer Ulbrich jubelte.";
        let lex = Lexicons::default();
        let seg = Segmenter::new(&lex).unwrap().segment(text);
        let rules = Rules::new(&lex, super::super::gazetteer::not_names(&lex)).unwrap();
        let (fl, starts) = rules.classify(text, &seg.tokens);
        let covered = vec![false; fl.len()];
        let (mut with_roles, mut appositions) = (0, 0);
        for s in &seg.sentences {
            let r = s.tokens.clone();
            let st: Vec<usize> = starts.iter().copied().filter(|k| r.contains(k)).collect();
            let mut out = Vec::new();
            let roles = rules.apply(text, &seg.tokens, r.clone(), &st, &covered, &fl, &mut out);
            // The plain definition: a start token with the role flag.
            assert_eq!(roles, st.iter().any(|&k| fl[k] & super::ROLE != 0));
            let mut app = Vec::new();
            rules.apposition(text, &seg.tokens, r, &st, &covered, &fl, &mut app);
            assert!(roles || app.is_empty(), "help: no role, no apposition");
            with_roles += usize::from(roles);
            appositions += app.len();
        }
        assert!(with_roles >= 3 && with_roles < seg.sentences.len());
        assert!(appositions >= 2, "help: the texts hold appositions");
    }
}

#[cfg(test)]
mod place_tests {
    use super::{Rules, CAP};
    use crate::lexicon::Lexicons;
    use crate::segment::Segmenter;

    /// Own sentences with a match of every place rule.
    const TEXTS: [&str; 7] = [
        "Die Kur in Bad Waldbronn half; im Bad selbst war es kalt.",
        "In der Woche sind Kastaniengasse und Lindenstrasse gesperrt, Seite Drei.",
        "Die Partnerstadt Ostrauen und die Gemeinde Kirchbrunn feiern.",
        "Gebaut wurde in Tannwiesen bei Kassel, sagte Anna Lehnert.",
        "Er wohnt in der Birkenallee, nahe der Frankfurter Straße.",
        "Vor dem Kölner Dom stand die Freiburger Stadtwerke AG ohne Strom.",
        "Die Landesgemeinde Hohenfeld und der Münchner Hauptbahnhof.",
    ];

    #[test]
    fn one_byte_words_are_told_like_the_slice() {
        let text = "Keller ( SPD ) sagte, Okonkwo (78.) traf; ( ,, ((.) Bad ß(";
        let seg = Segmenter::new(&Lexicons::default()).unwrap().segment(text);
        let mut tokens = seg.tokens.clone();
        // Also ranges that are no token: empty, reversed, past the end.
        let odd = |start, end| crate::segment::Token {
            start,
            end,
            ..tokens[0]
        };
        tokens.extend([odd(3, 3), odd(5, 4), odd(text.len(), text.len() + 1)]);
        let mut found = 0;
        for t in &tokens {
            for w in ["(", ",", ")", ".", "Bad", "ß"] {
                let plain = text.get(t.start..t.end) == Some(w);
                assert_eq!(super::is_word(text, t, w), plain, "{w:?} at {t:?}");
                found += usize::from(plain);
            }
        }
        assert!(found > 8, "help: the text must hold the words asked");
    }

    #[test]
    fn street_endings_pass() {
        // `may_start_place` lets through a word whose last two bytes are
        // `ße`, `se` or `ee`, for `rule.street`; and `Bad`, `-stadt`,
        // `-gemeinde`.
        let pair = |w: &str, bit: u8| {
            let [a, z] = *w.as_bytes().last_chunk::<2>().unwrap();
            super::PAIR_LAST[usize::from(z)] & super::PAIR_FIRST[usize::from(a)] & bit != 0
        };
        for e in super::STREET_ENDINGS {
            assert!(
                pair(e, 4),
                "{e:?}\nhelp: may_start_place must let this street ending through"
            );
        }
        assert!(pair("Bad", 1) && pair("stadt", 2) && pair("gemeinde", 2));
        for w in ["Woche", "Frage", "Straßen", "Seite", "Rat", "Stand"] {
            assert!(!pair(w, 7), "{w:?}");
        }
    }

    #[test]
    fn place_head_ending_agrees_with_the_plain_test() {
        for w in [
            "Partnerstadt",
            "Hauptstadt",
            "Landstadt",
            "Heimatstadt",
            "Stadt",
            "Gemeinde",
            "Xgemeinde",
            "Nachbargemeinde",
            "Ortsgemeinden",
            "stadt",
            "",
        ] {
            let wb = w.as_bytes();
            let plain = wb.len() > 8 && (wb.ends_with(b"stadt") || wb.ends_with(b"gemeinde"));
            assert_eq!(super::place_head_ending(wb), plain, "{w:?}");
        }
    }

    #[test]
    fn first_test_changes_no_place() {
        let lex = Lexicons::default();
        let segmenter = Segmenter::new(&lex).unwrap();
        let rules = Rules::new(&lex, super::super::gazetteer::not_names(&lex)).unwrap();
        let mut found = Vec::new();
        for text in TEXTS {
            let seg = segmenter.segment(text);
            let tokens = &seg.tokens;
            let (fl, _) = rules.classify(text, tokens);
            let covered = vec![false; tokens.len()];
            for s in &seg.sentences {
                let range = s.tokens.clone();
                for k in range.clone().filter(|&k| fl[k] & CAP != 0) {
                    let wb = text.as_bytes()[tokens[k].start..tokens[k].end].as_ref();
                    // A known place two tokens on, as the gazetteer gives
                    // (`rule.place_near_place` asks for one).
                    let known = tokens.get(k + 2).map(|t| super::Cand {
                        start: t.start,
                        end: t.end,
                        label: super::Label::Loc,
                        name: None,
                        kb: None,
                        subtype: None,
                        rule: "gazetteer",
                        prio: 0,
                        surname: false,
                    });
                    let mut fast: Vec<super::Cand> = known.into_iter().collect();
                    let mut plain = fast.clone();
                    rules.places(text, tokens, k, wb, &range, &covered, &fl, &mut fast);
                    rules.all_places(text, tokens, k, wb, &range, &covered, &fl, &mut plain);
                    let spans = |v: &[super::Cand]| {
                        v.iter()
                            .map(|c| (c.start, c.end, c.rule))
                            .collect::<Vec<_>>()
                    };
                    assert_eq!(spans(&fast), spans(&plain), "{text:?} at token {k}");
                    found.extend(plain.iter().map(|c| c.rule).filter(|&r| r != "gazetteer"));
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        assert_eq!(
            found,
            [
                "rule.landmark",
                "rule.org_after_place_adjective",
                "rule.place_after_head",
                "rule.place_near_place",
                "rule.spa_town",
                "rule.street"
            ],
            "help: the texts must match every place rule"
        );
    }
}

#[cfg(test)]
mod surname_filter_tests {
    use super::SurnameFilter;

    #[test]
    fn every_surname_passes() {
        let long = "Ä".repeat(40);
        let names = [
            "Witkoff",
            "Özdemir",
            "Li",
            "",
            "X",
            "ßmann",
            "Müller-Lüdenscheidt",
            &long,
        ];
        let f = SurnameFilter::new(names.iter().copied());
        for n in names {
            for w in [n.to_string(), format!("{n}s")] {
                assert!(f.may_hold(w.as_bytes()), "{w:?}\nhelp: a surname must pass");
            }
        }
        // Other lengths and first bytes are turned away.
        for w in ["Ministerpräsident", "Berlin", "Aber", "Zwei"] {
            assert!(!f.may_hold(w.as_bytes()), "{w:?}");
        }
        let none = SurnameFilter::new(std::iter::empty());
        assert!(!none.may_hold(b"Witkoff"));
    }

    #[test]
    fn one_test_of_length_and_first_byte_changes_no_answer() {
        let text = "Witkoffs Gespräch mit Özdemir, Li und Frau Müller-Lüdenscheidt \
                    über ßmann-Preise: Wittes Wirt sagt Ölpreis. X";
        let f = SurnameFilter::new(["Witkoff", "Özdemir", "Li", "Wirt", "ßmann"].into_iter());
        let none = SurnameFilter::new(std::iter::empty());
        let bytes = text.as_bytes();
        let mut passed = 0;
        // Every byte range of the text, words and odd pieces alike.
        for a in 0..=bytes.len() {
            for z in a..=bytes.len().min(a + 70) {
                let w = &bytes[a..z];
                assert_eq!(f.may_hold(w), f.may_hold_plain(w), "{w:?}");
                assert_eq!(none.may_hold(w), none.may_hold_plain(w), "{w:?}");
                passed += usize::from(f.may_hold(w));
            }
        }
        assert!(passed >= 6, "help: the surnames in the text must pass");
    }

    #[test]
    fn after_last_space_agrees_with_rsplit_once() {
        for s in [
            "Steve Witkoff",
            "Hans Peter Krause",
            "Witkoff",
            "",
            " ",
            "Ende ",
            " Anfang",
            "Ölaf  Süß",
            "Ä Ö Ü ß",
        ] {
            let plain = s.rsplit_once(' ').map(|(_, last)| last);
            assert_eq!(super::after_last_space(s), plain, "{s:?}");
        }
    }
}

#[cfg(test)]
mod word_table_tests {
    use super::{word_key, FastMap, WordTable};

    #[test]
    fn keys_tell_every_word_apart() {
        // Words of every length up to 18 bytes that differ in one byte only:
        // equal keys and lengths must mean equal words.
        let base: Vec<u8> = "Müllerstraßeabcdefg".bytes().collect();
        let mut seen: FastMap<(usize, (u64, u64)), Vec<u8>> = FastMap::default();
        for n in 0..=18 {
            for i in 0..n.max(1) {
                for b in [b'a', b'b', 0xC3, 0] {
                    let mut w = base[..n].to_vec();
                    if let Some(x) = w.get_mut(i) {
                        *x = b;
                    }
                    match word_key(&w) {
                        Some(k) => {
                            assert!((1..=16).contains(&n), "{w:?}");
                            let old = seen.entry((n, k)).or_insert_with(|| w.clone());
                            assert_eq!(*old, w, "help: two words share a key");
                        }
                        None => assert!(n == 0 || n > 16, "{w:?}"),
                    }
                }
            }
        }
    }

    #[test]
    fn words_added_twice_get_both_flags_like_the_map() {
        // Short, eight-byte, sixteen-byte and long words, each added twice
        // or three times with other flags (as `Rules::new` adds its lists).
        let adds = [
            ("Union", 1),
            ("in", 2),
            ("Union", 4),
            ("Bundesstaat", 8),
            ("in", 2),
            ("Ärztekammerpräsidentin", 16),
            ("Sechzehnbuchstab", 32),
            ("Bundesstaat", 64),
            ("Ärztekammerpräsidentin", 128),
            ("Sechzehnbuchstab", 256),
            ("", 512),
            ("", 1024),
            ("Union", 2048),
        ];
        let mut map: FastMap<String, u16> = FastMap::default();
        let mut table = WordTable::with_room(adds.len());
        for (w, f) in adds {
            *map.entry(w.to_string()).or_insert(0) |= f;
            table.add(w.as_bytes(), f);
        }
        for w in [
            "Union",
            "in",
            "Bundesstaat",
            "Ärztekammerpräsidentin",
            "Sechzehnbuchstab",
        ]
        .into_iter()
        .chain(["", "Unio", "ins", "union"])
        {
            let want = map.get(w).copied().unwrap_or(0);
            assert_eq!(table.get(w.as_bytes()), want, "{w:?}");
        }
        assert_eq!(table.get(b"Union"), 1 | 4 | 2048);
    }

    #[test]
    fn answers_like_the_map() {
        let mut map: FastMap<String, u16> = FastMap::default();
        let words = [
            "a",
            "in",
            "von",
            "der",
            "Der",
            "GmbH",
            "e.V.",
            "sagte",
            "Stadt",
            "Ortschaft",
            "Hauptbahnhof",
            "Departement",
            "Bundesstaat",
            "Grafschaft",
            "Verkehrsbetriebe",
            "Sechzehnbuchstab",
            "Siebzehnbuchstabe",
            "Ärztekammerpräsidentin",
            "Ö",
        ];
        for (i, w) in words.iter().enumerate() {
            map.insert(w.to_string(), 1 << (i % 16));
        }
        let table = WordTable::new(&map);
        let mut asked: Vec<String> = Vec::new();
        for w in words {
            asked.push(w.to_string());
            asked.push(w.to_lowercase());
            asked.push(w.to_uppercase());
            asked.push(format!("{w}s"));
            for (i, _) in w.char_indices() {
                asked.push(w[i..].to_string());
                asked.push(w[..i].to_string());
            }
        }
        asked.extend(["", "x", "vom", "dem", "Hauptbahnhöfe", "Stadtx"].map(String::from));
        for w in &asked {
            let want = map.get(w).copied().unwrap_or(0);
            assert_eq!(table.get(w.as_bytes()), want, "{w:?}");
        }
        // A nearly full table of many words still finds each one.
        let many: FastMap<String, u16> = (0..3000).map(|i| (format!("w{i}x"), 7)).collect();
        let table = WordTable::new(&many);
        for i in 0..3100 {
            let w = format!("w{i}x");
            assert_eq!(table.get(w.as_bytes()), if i < 3000 { 7 } else { 0 }, "{w}");
        }
    }
}

#[cfg(test)]
mod word_set_tests {
    use super::{Kind, WordSet};

    /// Asserts that two builds of a set answer alike for every word.
    fn same_answers(set: &WordSet, plain: &WordSet, words: &[&str], help: &str) {
        for w in words {
            assert_eq!(set.matches(w), plain.matches(w), "{w}\nhelp: {help}");
        }
    }

    #[test]
    fn tail_filter_changes_no_answer() {
        let mut with = WordSet::default();
        for w in ["minister", "chef", "präsident", "trainer"] {
            with.insert(w, Kind::Role);
        }
        with.insert("institut", Kind::Head);
        with.freeze();
        let mut without = with.clone();
        without.short_forms = true; // switches the filter off
        let words = [
            "Bundesinnenminister",
            "Ministern",
            "MINISTER",
            "Ex-Minister",
            "Parteichefs",
            "US-Präsidenten",
            "PRÄSIDENT",
            "Trainers",
            "Forschungsinstitut",
            "Regierung",
            "Chefarzt",
            "ab",
            "Kanzleramt",
            // Shorter than every form, exactly a form, ends not in ASCII.
            "Che",
            "Chef",
            "CHEF",
            "Chefs",
            "Ex-Chef",
            "Präsidentä",
            "Räte",
            "Vizepräsidentin",
            "Übungsleiter",
            "März",
            "Für",
            "SPÖ",
            "Gespräch",
            "PRÄSIDENTÄ",
            "Chefÿ",
            "CHEFÀ",
            "",
        ];
        same_answers(
            &with,
            &without,
            &words,
            "the tail filter may only skip walks that find nothing",
        );
        assert_ne!(with.matches("Bundesinnenminister"), 0);
        assert_ne!(with.matches("Chef"), 0);
        assert_eq!(with.matches("Regierung"), 0);
        // Three-byte forms as whole forms of the pre-test: `Zar`, `Dr.`,
        // `Landesamt` end with no longer form but are found.
        let mut three = WordSet::default();
        for w in ["zar", "dr.", "minister"] {
            three.insert(w, Kind::Cue);
        }
        three.insert("amt", Kind::Head);
        three.freeze();
        assert!(!three.short_forms);
        let mut three_off = three.clone();
        three_off.short_forms = true;
        for w in [
            "Zar",
            "Zaren",
            "Dr.",
            "Landesamt",
            "Amt",
            "Ministers",
            "Ex-Zar",
        ] {
            assert_ne!(three.matches(w), 0, "{w}");
        }
        for w in words
            .iter()
            .chain(&["Zar", "Zarin", "Dr.", "Amt", "Amts", "Landesamt", "Samt"])
        {
            assert_eq!(three.matches(w), three_off.matches(w), "{w}");
        }
        // A form under three bytes switches the filters off: `Ex` is found.
        let mut short = WordSet::default();
        short.insert("ex", Kind::Head);
        short.insert("institut", Kind::Head);
        short.freeze();
        assert!(short.short_forms);
        assert_ne!(short.matches("Ex"), 0);
        assert_ne!(short.matches("Institut"), 0);
        // Every end of every word above, filter on and off.
        for w in words {
            for (i, _) in w.char_indices() {
                let end = &w[i..];
                assert_eq!(with.matches(end), without.matches(end), "{end}");
            }
        }
    }

    #[test]
    fn last_eight_bytes_of_every_length() {
        let word: Vec<u8> = "Grüneköpfe".bytes().collect();
        for n in 0..=word.len() {
            let w = &word[..n];
            let mut want = [0u8; 8];
            let k = n.min(8);
            want[8 - k..].copy_from_slice(&w[n - k..]);
            assert_eq!(super::last_eight(w), u64::from_le_bytes(want), "{n}");
        }
    }

    #[test]
    fn form_ends_of_the_built_in_lexicon_change_no_answer() {
        let lex = crate::lexicon::Lexicons::default();
        let rules = super::Rules::new(&lex, super::super::gazetteer::not_names(&lex)).unwrap();
        let on = rules.suffixes.clone();
        assert!(!on.short_forms, "help: the test needs the pre-test on");
        let mut off = on.clone();
        off.short_forms = true;
        let mut entries: Vec<String> = [super::ROLES, super::CUES]
            .iter()
            .flat_map(|t| t.lines())
            .filter(|l| !l.starts_with('#'))
            .flat_map(|l| l.split([' ', '\t']))
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect();
        entries.extend(["Institut", "Amt", "Zar", "Dr.", "Opa"].map(String::from));
        let mut asked = 0;
        let mut rejected = 0;
        for e in &entries {
            let lower = e.to_lowercase();
            let cap = crate::text::capitalised(&lower);
            for w in [
                e.clone(),
                lower.clone(),
                cap.clone(),
                e.to_uppercase(),
                format!("Bundes{lower}"),
                format!("Ex-{cap}"),
                format!("Ärzte{lower}n"),
                format!("{cap}s"),
                format!("{cap}en"),
                format!("{cap}e"),
                format!("{lower}ä"),
                format!("Über{lower}x"),
                // Latin-1 letters at the end, capitals among them, and the
                // two Latin-1 chars that are no letters.
                format!("{cap}Ä"),
                format!("{lower}ßö"),
                format!("ÄRZTE{}", e.to_uppercase()),
                format!("{lower}×{lower}"),
                format!("{cap}÷"),
                format!("Ö{lower}ü"),
                format!("{lower}é-{cap}"),
                format!(
                    "X{}",
                    &lower[lower.char_indices().nth(1).map_or(0, |(i, _)| i)..]
                ),
                format!(
                    "Mü{}",
                    &lower[lower.char_indices().nth(2).map_or(0, |(i, _)| i)..]
                ),
            ] {
                for (i, _) in w.char_indices() {
                    let end = &w[i..];
                    asked += 1;
                    let got = on.matches(end);
                    if got == 0 && !on.ends.may_end(end.as_bytes()) {
                        rejected += 1;
                    }
                    assert_eq!(
                        got,
                        off.matches(end),
                        "{end:?}\nhelp: the pre-test may only skip walks that find nothing"
                    );
                }
            }
        }
        assert!(
            rejected * 4 > asked,
            "{rejected} of {asked}\nhelp: the pre-test should reject most"
        );
        for w in [
            "Prozent",
            "Menschen",
            "Millionen",
            "Regierung",
            "Ende",
            "Mann",
            // Ending in Latin-1 letters (see `may_end_latin1`).
            "März",
            "Für",
            "Höhe",
            "SPÖ",
        ] {
            assert!(!on.ends.may_end(w.as_bytes()), "{w}\nhelp: no form ends it");
        }
        for w in [
            "Bundesinnenminister",
            "Präsidentin",
            "Chef",
            "Zaren",
            "US-Präsident",
        ] {
            assert_ne!(on.matches(w), 0, "{w}");
        }
    }

    #[test]
    fn quick_form_end_test_rejects_only_words_no_form_ends() {
        let lex = crate::lexicon::Lexicons::default();
        let rules = super::Rules::new(&lex, super::super::gazetteer::not_names(&lex)).unwrap();
        let set = &rules.suffixes;
        let mut off = set.clone();
        off.short_forms = true;
        // Words of news text, and ends of roles and cues with other letters
        // before them; the plain definition: a walk of the whole trie.
        let words = [
            "Prozent",
            "Regierung",
            "Menschen",
            "Zeitpunkt",
            "Ministerium",
            "Innenminister",
            "Landrätin",
            "Parteichefs",
            "Pressesprecherin",
            "Geschäftsführern",
            "Bundesamt",
            "Zaren",
            "Amt",
            "Mannschaft",
            "Uhr",
            "Ab",
            "Schulz",
            "Kanzleramts",
            "Jahr",
            "Euro",
            "Chef",
            "Boss",
        ];
        let mut rejected = 0;
        for w in words {
            for (i, _) in w.char_indices() {
                let end = &w[i..];
                if set.ends.quick_rejects(end.as_bytes()) {
                    rejected += 1;
                    assert_eq!(off.matches(end), 0, "{end}\nhelp: a form ends it");
                    assert!(!set.ends.may_end(end.as_bytes()), "{end}");
                }
            }
        }
        assert!(
            rejected > 20,
            "help: the quick test should reject most ends"
        );
        // Four-letter words: `Jahr` and `Euro` end with no form, `Chef` is one.
        assert!(set.ends.quick_rejects(b"Jahr"));
        assert!(set.ends.quick_rejects(b"Euro"));
        // Not four lower-case ASCII letters: left to the other tests.
        for w in [
            "Chef",
            "Ärztin",
            "Dr.",
            "BMW",
            "Boeing-747",
            "Präsidentä",
            "EUro",
            "@uro",
        ] {
            assert!(!set.ends.quick_rejects(w.as_bytes()), "{w}");
        }
    }

    /// [`WordSet::matches`] as the type's docs define it, from the entries'
    /// forms (lower case, with their bits): each end of the word from a char
    /// on, with no capital after its first char, that is a form when
    /// folded, capitalised exactly when it starts the word or follows a
    /// hyphen.
    fn matches_plain(forms: &[(String, u16)], w: &str) -> u16 {
        let upper = |c: char| super::fold_char(c) != c;
        let mut mask = 0;
        for (i, c) in w.char_indices() {
            let rest = &w[i + c.len_utf8()..];
            if rest.chars().any(upper) {
                continue;
            }
            let folded: String = w[i..].chars().map(super::fold_char).collect();
            let after_hyphen = i == 0 || w.as_bytes()[i - 1] == b'-';
            for (form, bit) in forms {
                if *form == folded && upper(c) == after_hyphen {
                    mask |= bit;
                }
            }
        }
        mask
    }

    #[test]
    fn walk_of_the_built_in_lists_agrees_with_the_plain_match() {
        // The built-in roles, cues and head words, as `Rules::new` adds them.
        let mut set = WordSet::default();
        let mut forms = Vec::new();
        let mut add = |w: &str, kind: Kind| {
            let n = if matches!(kind, Kind::Head) { 1 } else { 4 };
            for (k, infl) in super::INFLECTIONS.iter().enumerate().take(n) {
                forms.push((format!("{w}{infl}"), 1u16 << (kind as u16 + k as u16)));
            }
            set.insert(w, kind);
        };
        let words = |list: &'static str| {
            list.lines()
                .filter(|l| !l.starts_with('#'))
                .flat_map(|l| l.split(['\t', ' ']))
                .filter(|w| !w.is_empty())
        };
        for w in words(super::ROLES) {
            add(&w.to_lowercase(), Kind::Role);
        }
        for w in words(super::CUES) {
            add(&w.to_lowercase(), Kind::Cue);
        }
        for l in super::ORG_WORDS.lines().filter(|l| l.ends_with("\thead")) {
            add(&l.split('\t').next().unwrap().to_lowercase(), Kind::Head);
        }
        set.freeze();
        assert!(forms.len() > 100, "help: the lists must be read");
        let mut plain = set.clone();
        plain.short_forms = true; // every word walked
        let texts = [
            "Bundesinnenminister Ministerpräsidentin US-Präsidenten Ex-Kanzlerin \
             Regierungssprecherin Trainers Chefinnen Oberbürgermeister Bürgermeisterin \
             Landesamt Bundesamts Forschungsinstitut Universität Hochschule Stiftung \
             Herr Frau Herrn Dr. Prof. Papst Zar Zaren Königin Abgeordneten \
             Regierung Prozent Menschen Millionen Mädchen März Für Höhe SPÖ ÄRZTIN \
             Ärztin Übungsleiter MINISTER Präsidentä Chefÿ CHEFÀ Vize-Präsident \
             Außenminister-Treffen Ministerin-Rede a - ß Ö",
        ];
        let mut found = 0;
        for w in texts
            .iter()
            .flat_map(|t| t.split(' '))
            .filter(|w| !w.is_empty())
        {
            // Every end of every word too.
            for (i, _) in w.char_indices() {
                let end = &w[i..];
                let want = matches_plain(&forms, end);
                assert_eq!(set.matches(end), want, "{end}");
                assert_eq!(plain.matches(end), want, "{end} (walked)");
                found += usize::from(want != 0);
            }
        }
        assert!(found > 30, "help: the words must hold roles and heads");
    }

    #[test]
    fn dense_rows_change_no_answer() {
        // Many entries ending alike make wide nodes near the root (`-er`,
        // `-in`, and the inflection `s` before every last letter).
        let entries = [
            "minister",
            "ministerin",
            "kanzler",
            "kanzlerin",
            "trainer",
            "trainerin",
            "sprecher",
            "sprecherin",
            "leiter",
            "leiterin",
            "präsident",
            "präsidentin",
            "chef",
            "chefin",
            "vorsitzende",
            "direktor",
            "direktorin",
            "richter",
            "bürgermeister",
            "abgeordneter",
            "senator",
            "pfarrer",
            "arzt",
            "ärztin",
            "zar",
            "dr.",
        ];
        let build = |wide: usize| {
            let mut set = WordSet {
                wide,
                ..WordSet::default()
            };
            for w in entries {
                set.insert(w, Kind::Role);
            }
            set.insert("amt", Kind::Head);
            set.freeze();
            set
        };
        let (dense, lists) = (build(WordSet::WIDE), build(usize::MAX));
        assert!(
            !dense.dense.is_empty(),
            "help: these entries make wide nodes"
        );
        let words = [
            "Bundesinnenminister",
            "Ministerpräsidentin",
            "Kanzlers",
            "Trainern",
            "Regierungssprecherin",
            "Abteilungsleitern",
            "US-Präsidenten",
            "Chefinnen",
            "Oberbürgermeister",
            "Zar",
            "Zaren",
            "Dr.",
            "Kanzleramt",
            "Wasser",
            "Fischer",
            "Lehrerin",
            "Ärztin",
            "ÄRZTIN",
            "Bauer",
            "Müller",
            "Straße",
            "s",
            "",
        ];
        same_answers(
            &dense,
            &lists,
            &words,
            "a dense row must answer like the label list",
        );
        assert_ne!(dense.matches("Bundesinnenminister"), 0);
    }
}
