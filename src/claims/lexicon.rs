//! The claims lexicons, compiled once: cue verbs with every inflected form we look
//! for, Konjunktiv forms, cue nouns of attribution frames, hedges, negations, and
//! the small closed classes (articles, pronouns, prepositions, subordinators,
//! auxiliaries) the speaker finder needs.
//!
//! It does not decide anything about a sentence; `mod.rs` does. Forms are derived
//! from one row per verb: `mitteilen  SR  teilt  teilte  mitgeteilt  mit` gives
//! "teilt"/"teilte"/"teilen"/"teilten" (particle needed at the clause end),
//! "mitteilt"/"mitteilte"/"mitteilten"/"mitteilen"/"mitgeteilt"/"mitzuteilen"
//! (particle inside).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::error::Error;
use crate::lexicon::Lexicons;

const CUE_VERBS: &str = include_str!("../../lexicons/claims_cue_verbs.tsv");
const KONJUNKTIV: &str = include_str!("../../lexicons/claims_konjunktiv.tsv");
const CUE_NOUNS: &str = include_str!("../../lexicons/claims_cue_nouns.tsv");
const HEDGES: &str = include_str!("../../lexicons/claims_hedges.tsv");
const NEGATIONS: &str = include_str!("../../lexicons/claims_negations.tsv");

/// Takes a content clause (Konjunktiv, dass/ob).
pub const CLAUSE: u8 = 1;
/// Takes a zu-infinitive clause.
pub const INFINITIVE: u8 = 2;
/// Summarises a speech act with a noun object.
pub const REPORTED: u8 = 4;
/// [`REPORTED`] also in the agentless passive.
pub const PASSIVE: u8 = 8;
/// [`REPORTED`] only with a von/über complement.
pub const VON: u8 = 16;

/// A cue verb.
#[derive(Debug, Clone)]
pub struct Verb {
    /// Dictionary form ("mitteilen", "in Aussicht stellen").
    pub lemma: String,
    /// [`CLAUSE`] | [`INFINITIVE`] | [`REPORTED`].
    pub flags: u8,
    /// The separable particle's words, lowercase (`["in", "aussicht"]`), or empty.
    pub particle: Vec<String>,
}

/// How a form relates to its verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// A finite form ("sagte", "teilte" + particle later, "mitteilte").
    Finite,
    /// A participle or infinitive inside a verbal complex ("gesagt", "mitteilen").
    NonFinite,
}

/// Where the separable particle must stand for a form to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Particle {
    /// No particle needed (none, or already inside the form).
    None,
    /// Last word(s) of the clause ("teilte ... mit,").
    After,
    /// Directly before the form ("bekannt gegeben", "in Aussicht gestellt").
    Before,
}

/// One reading of a written form.
#[derive(Debug, Clone, Copy)]
pub struct Form {
    /// Index into [`ClaimLexicon::verbs`].
    pub verb: usize,
    /// Finite or not.
    pub kind: FormKind,
    /// Particle requirement.
    pub particle: Particle,
}

/// Konjunktiv I or II.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Konj {
    /// Konjunktiv I ("sei", "habe", "werde").
    One,
    /// Konjunktiv II ("wäre", "hätte", "würde").
    Two,
}

/// Closed word classes for the speaker finder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    /// Article, possessive or quantifier opening a noun phrase.
    Det,
    /// Personal pronoun that can be a speaker.
    Pron,
    /// Preposition.
    Prep,
    /// Subordinating conjunction or relative/interrogative word.
    Subord,
    /// Auxiliary or modal verb.
    Aux,
    /// Adverb or demonstrative that fills the prefield without being a subject.
    Adv,
    /// Coordinating conjunction.
    Conj,
}

const DETS: &[&str] = &[
    "der",
    "die",
    "das",
    "des",
    "dem",
    "den",
    "ein",
    "eine",
    "einer",
    "eines",
    "einem",
    "einen",
    "sein",
    "seine",
    "seiner",
    "seines",
    "seinem",
    "seinen",
    "ihr",
    "ihre",
    "ihrer",
    "ihres",
    "ihrem",
    "ihren",
    "unser",
    "unsere",
    "unserer",
    "unseren",
    "mehrere",
    "viele",
    "einige",
    "beide",
    "alle",
    "zahlreiche",
    "dieser",
    "diese",
    "dieses",
    "diesem",
    "diesen",
    "jener",
    "jene",
    "manche",
    "andere",
    "weitere",
    "verschiedene",
    "zwei",
    "drei",
    "vier",
];
const PRONS: &[&str] = &["er", "sie", "ich", "wir", "man", "es"];
const PREPS: &[&str] = &[
    "am",
    "an",
    "auf",
    "aus",
    "bei",
    "beim",
    "in",
    "im",
    "mit",
    "nach",
    "seit",
    "vor",
    "vom",
    "von",
    "zu",
    "zum",
    "zur",
    "über",
    "unter",
    "gegenüber",
    "für",
    "gegen",
    "ohne",
    "um",
    "durch",
    "während",
    "wegen",
    "trotz",
    "angesichts",
    "hinsichtlich",
    "bis",
    "ab",
    "laut",
    "neben",
    "hinter",
    "zwischen",
    "innerhalb",
    "außerhalb",
    "anlässlich",
    "aufgrund",
];
const SUBORDS: &[&str] = &[
    "dass",
    "daß",
    "da",
    "weil",
    "wie",
    "als",
    "nachdem",
    "ob",
    "obwohl",
    "obgleich",
    "während",
    "wenn",
    "falls",
    "sobald",
    "bevor",
    "indem",
    "damit",
    "sodass",
    "seitdem",
    "wo",
    "was",
    "wer",
    "warum",
    "weshalb",
    "wieso",
    "wann",
    "inwieweit",
    "welche",
    "welcher",
    "welches",
    "dessen",
    "deren",
    "worin",
    "wonach",
    "womit",
    "wodurch",
];
const AUXS: &[&str] = &[
    "hat", "haben", "hatte", "hatten", "habe", "hätte", "hätten", "ist", "sind", "war", "waren",
    "sei", "seien", "wäre", "wären", "wird", "werden", "wurde", "wurden", "werde", "würde",
    "würden", "will", "wollen", "wollte", "wollten", "soll", "sollen", "sollte", "sollten", "kann",
    "können", "konnte", "konnten", "könne", "könnte", "könnten", "muss", "müssen", "musste",
    "mussten", "müsse", "darf", "dürfen", "durfte", "dürfe", "dürfte", "mag", "möchte", "ließ",
    "lässt", "ließen",
];
const ADVS: &[&str] = &[
    "dazu",
    "darüber",
    "daraufhin",
    "außerdem",
    "zudem",
    "ebenfalls",
    "gestern",
    "heute",
    "morgen",
    "bereits",
    "nun",
    "jetzt",
    "damit",
    "dabei",
    "daher",
    "deshalb",
    "deswegen",
    "zuvor",
    "später",
    "danach",
    "zuletzt",
    "inzwischen",
    "allerdings",
    "jedoch",
    "zugleich",
    "gleichzeitig",
    "weiter",
    "ferner",
    "erst",
    "schon",
    "so",
    "dies",
    "das",
    "dieses",
    "diesmal",
    "darauf",
    "hierzu",
    "hierbei",
    "zunächst",
    "schließlich",
    "anschließend",
    "vorher",
    "zuerst",
    "immerhin",
    "stattdessen",
    "trotzdem",
    "dennoch",
    "mittlerweile",
    "unterdessen",
    "indessen",
    "hingegen",
    "dagegen",
    "demnach",
    "demzufolge",
    "offiziell",
    "ebenso",
    "gestrigen",
    "gleichfalls",
    "wörtlich",
    "weiterhin",
    "noch",
    "auch",
    "aber",
    "dort",
    "hier",
    "damals",
    "kürzlich",
    "jüngst",
    "wiederum",
    "darin",
    "davon",
    "dafür",
    "dagegen",
    "vergangene",
    "vergangenen",
    "letzte",
    "letzten",
    "am",
    "diese",
    "diesen",
    "bisher",
    "bislang",
    "erstmals",
    "insgesamt",
    "besonders",
    "ganz",
    "ende",
    "anfang",
    "mitte",
    "einerseits",
    "andererseits",
    "international",
    "namentlich",
    "allein",
    "vielmehr",
    "ebenso",
    "zusätzlich",
    "überdies",
    "darüber",
    "hinterher",
    "nachher",
    "heuer",
    "abends",
    "morgens",
    "erneut",
    "wieder",
    "zumindest",
    "mindestens",
    "lediglich",
    "eigentlich",
    "tatsächlich",
    "offenbar",
    "vermutlich",
    "möglicherweise",
    "angeblich",
    "wohl",
    "derzeit",
    "aktuell",
    "momentan",
    "seither",
    "künftig",
    "zukünftig",
    "bald",
    "sofort",
    "ähnlich",
    "weltweit",
    "bundesweit",
    "landesweit",
    "europaweit",
    "gemeinsam",
    "ausdrücklich",
];
const CONJS: &[&str] = &["und", "oder", "aber", "sondern", "denn", "doch", "sowie"];

/// An Fx-style hash (rotate, xor, multiply) over eight bytes at a time: one or
/// two rounds for a typical word, for the lookup of every token.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordHash(u64);

impl WordHash {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for WordHash {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let w = rest
                .iter()
                .rev()
                .fold(0u64, |w, b| (w << 8) | u64::from(*b));
            self.add(w ^ ((rest.len() as u64) << 59));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
}

/// A packed word as a table key: never 0 (its length is in its top byte).
trait Key: Copy + Eq + Default {
    /// The hash both the slot and the filter bit are taken from: one multiply
    /// (after folding a wide key).
    fn hash(self) -> u64;
}

impl Key for u128 {
    #[inline]
    fn hash(self) -> u64 {
        ((self as u64) ^ ((self >> 64) as u64).rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

impl Key for u64 {
    #[inline]
    fn hash(self) -> u64 {
        self.wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

/// The per-token table: packed words ([`pack`], [`pack_short`]) → [`WordClass`]
/// by open addressing with linear probing, at most half full. A lookup is a
/// multiply, a shift and usually one or two key compares; this is the one
/// lookup made for every word of every text, where a general hash map costs
/// several times more.
#[derive(Debug, Clone)]
struct PackedTable<K> {
    /// Packed keys with their classes, side by side so that a hit reads one
    /// cache line; key 0 marks an empty slot.
    slots: Box<[(K, WordClass)]>,
    /// 64 minus the number of index bits.
    shift: u32,
    /// One bit per value of the keys' [`filter_bit`]: most words of a text
    /// (nouns, names, content words) miss it and skip the probe, whose loads
    /// miss the cache. Over the news corpus a bit of the whole word turns
    /// away 94 in 100 of the words not in the table; one of (length, first
    /// byte, last byte) turned away 58 in 100.
    filter: Box<[u64; FILTER_WORDS]>,
}

const FILTER_WORDS: usize = 256;

/// The filter bit of a key's [`Key::hash`]: bits 36..50 of the product, below
/// the top bits the slot is taken from (for a table of up to 2^14 slots), so
/// that keys sharing a slot need not share a bit, without a second multiply.
#[inline]
fn filter_bit(hash: u64) -> usize {
    (hash >> 36) as usize % (FILTER_WORDS * 64)
}

impl<K: Key> PackedTable<K> {
    /// A table at most half full.
    fn new(entries: &[(K, WordClass)]) -> Self {
        Self::with_room(entries, 2)
    }

    /// A table with at least `room` slots per entry.
    fn with_room(entries: &[(K, WordClass)], room: usize) -> Self {
        let bits = (entries.len().max(1) * room)
            .next_power_of_two()
            .trailing_zeros();
        let size = 1usize << bits;
        let empty = WordClass::NONE;
        let mut table = PackedTable {
            slots: vec![(K::default(), empty); size].into_boxed_slice(),
            shift: 64 - bits,
            filter: Box::new([0; FILTER_WORDS]),
        };
        for &(key, class) in entries {
            let bit = filter_bit(key.hash());
            table.filter[bit / 64] |= 1 << (bit % 64);
            let mut i = table.slot(key.hash());
            while table.slots[i].0 != K::default() && table.slots[i].0 != key {
                i = (i + 1) & (size - 1);
            }
            table.slots[i] = (key, class);
        }
        table
    }

    /// The home slot of a key by its [`Key::hash`]: the top bits of the
    /// product.
    #[inline]
    fn slot(&self, hash: u64) -> usize {
        (hash >> self.shift) as usize
    }

    /// [`Self::get`] with [`WordClass::NONE`] for a miss: the per-token loop
    /// copies the answer as it is, with no `Option` to unwrap.
    #[inline]
    fn class(&self, key: K) -> WordClass {
        let hash = key.hash();
        if !self.may_hold(hash) {
            return WordClass::NONE;
        }
        self.probe(hash, key)
            .map_or(WordClass::NONE, |&(_, class)| class)
    }

    /// [`Self::class`] without the filter: for a table with room enough that
    /// a missing key mostly finds its home slot empty, where one compare with
    /// the slot's key answers for the filter's several steps.
    #[inline]
    fn class_sparse(&self, key: K) -> WordClass {
        self.probe(key.hash(), key)
            .map_or(WordClass::NONE, |&(_, class)| class)
    }

    #[inline]
    fn get(&self, key: K) -> Option<WordClass> {
        let hash = key.hash();
        if !self.may_hold(hash) {
            return None;
        }
        self.probe(hash, key).map(|&(_, class)| class)
    }

    /// The filter's answer for a key of this `hash`: false when it is certainly
    /// not in the table.
    #[inline(always)]
    fn may_hold(&self, hash: u64) -> bool {
        let bit = filter_bit(hash);
        self.filter[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The slot of `key` (of this `hash`), by linear probing from its home slot.
    #[inline(always)]
    fn probe(&self, hash: u64, key: K) -> Option<&(K, WordClass)> {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(hash);
        loop {
            let slot = self.slots.get(i)?;
            let k = slot.0;
            if k == key {
                return Some(slot);
            }
            if k == K::default() {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

/// The longest word (in bytes) that [`pack_short`] packs.
pub const SHORT_MAX: usize = 7;

/// A word of at most [`SHORT_MAX`] bytes as one `u64`, as [`pack`] does for
/// longer ones: its bytes, then its length in the top byte. Most words a text
/// looks up (articles, pronouns, prepositions, auxiliaries) are this short,
/// and a one-word key is loaded, hashed and compared in half the steps.
#[inline]
pub fn pack_short(word: &[u8]) -> Option<u64> {
    packed_bytes::<8>(word).map(u64::from_le_bytes)
}

/// The bytes of [`pack`] and [`pack_short`]: the word's bytes, zeros, and its
/// length in the last of the `N` bytes. `None` if it does not fit before that.
#[inline]
fn packed_bytes<const N: usize>(word: &[u8]) -> Option<[u8; N]> {
    if word.len() >= N {
        return None;
    }
    let mut b = [0u8; N];
    for (d, s) in b.iter_mut().zip(word) {
        *d = *s;
    }
    b[N - 1] = word.len() as u8;
    Some(b)
}

/// Slots per entry of the short-word table: at most a quarter full, so that the
/// lookup needs no filter in front.
const SHORT_ROOM: usize = 4;

/// `KEEP_SHORT[n]` keeps the first `n` bytes of a little-endian 8-byte load.
const KEEP_SHORT: [u64; SHORT_MAX + 1] = {
    let mut keep = [0u64; SHORT_MAX + 1];
    let mut n = 1;
    while n <= SHORT_MAX {
        keep[n] = (1u64 << (8 * n)) - 1;
        n += 1;
    }
    keep
};

/// The longest word (in bytes) that [`pack`] packs.
pub const PACKED_MAX: usize = 15;

/// A word of at most [`PACKED_MAX`] bytes as one integer: its bytes, then its
/// length in the top byte (so "ab" and "ab\0" differ). `None` if longer.
#[inline]
pub fn pack(word: &[u8]) -> Option<u128> {
    packed_bytes::<16>(word).map(u128::from_le_bytes)
}

/// A word of more than [`PACKED_MAX`] and at most 255 bytes by its last
/// [`PACKED_MAX`] bytes and its length (in the top byte): the key of the
/// filter in front of the long words (see [`ClaimLexicon::class_at`]).
fn long_tail(word: &[u8]) -> Option<u128> {
    let n = u8::try_from(word.len()).ok()?;
    let tail = word.get(word.len().checked_sub(PACKED_MAX)?..)?;
    let key = pack(tail)? & KEEP[PACKED_MAX];
    Some(key | u128::from(n) << 120)
}

/// The last four bytes of a word as one integer, if it has four.
#[inline]
fn tail4(word: &[u8]) -> Option<u32> {
    word.last_chunk::<4>().map(|t| u32::from_le_bytes(*t))
}

/// One of 64 bits for a [`tail4`]: the top six bits of a multiplicative hash.
#[inline]
fn tail_bit(tail: u32) -> u64 {
    1 << (tail.wrapping_mul(0x9e37_79b1) >> 26)
}

/// `KEEP[n]` keeps the first `n` bytes of a little-endian 16-byte load: a table,
/// because a 128-bit shift by a variable count is a dozen instructions.
const KEEP: [u128; PACKED_MAX + 1] = {
    let mut keep = [0u128; PACKED_MAX + 1];
    let mut n = 1;
    while n <= PACKED_MAX {
        keep[n] = (1u128 << (8 * n)) - 1;
        n += 1;
    }
    keep
};

/// The word of `len` bytes at `start` in `bytes`, packed as [`pack`] does, with
/// one 16-byte load where the text allows.
#[inline]
pub fn pack_at(bytes: &[u8], start: usize, len: usize) -> Option<u128> {
    if len > PACKED_MAX {
        return None;
    }
    let rest = bytes.get(start..)?;
    match rest.first_chunk::<16>() {
        Some(w) => {
            let v = u128::from_le_bytes(*w) & *KEEP.get(len)?;
            Some(v | (len as u128) << 120)
        }
        None => pack(rest.get(..len)?),
    }
}

/// The padding [`ClaimLexicon::class_at`] needs after the text: a 16-byte load
/// at any byte of the text stays inside.
pub const LOWER_PAD: usize = 16;

/// A map keyed by lowercase words with the [`WordHash`] hash.
pub type WordMap<V> = HashMap<String, V, BuildHasherDefault<WordHash>>;

/// What the lexicons know about one lowercase word.
#[derive(Debug, Clone, Default)]
pub struct WordInfo {
    /// Closed class.
    pub func: Option<Func>,
    /// Konjunktiv form.
    pub konj: Option<Konj>,
    /// Cue-verb readings.
    pub forms: Vec<Form>,
    /// `TAG_*` bits: words some rules scan every token for.
    pub tag: u8,
}

/// What the per-token lookup returns: a [`WordInfo`] in eight bytes, held inline
/// in the table (one probe and no second load for every token).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordClass {
    /// Closed class.
    pub func: Option<Func>,
    /// Konjunktiv form.
    pub konj: Option<Konj>,
    /// `TAG_*` bits.
    pub tag: u8,
    /// The cue-verb readings for [`ClaimLexicon::forms_of`], or [`NO_FORMS`].
    pub forms: u32,
    /// Any of the above but `func`: a word the rules look for (they keep a list
    /// of these), answered by one byte of the lookup.
    pub marked: bool,
}

impl WordClass {
    /// Nothing known: the class of every word the lexicons do not hold.
    pub const NONE: WordClass = WordClass {
        func: None,
        konj: None,
        tag: 0,
        forms: NO_FORMS,
        marked: false,
    };
}

/// [`WordClass::forms`] of a word that is no cue-verb form.
pub const NO_FORMS: u32 = u32::MAX;

/// laut, gemäß, zufolge, nach, demnach.
pub const TAG_FRAME: u8 = 1;
/// so (", so der Sprecher").
pub const TAG_SO: u8 = 2;
/// will, wollen, wollte, wollten.
pub const TAG_WOLLEN: u8 = 4;
/// soll, sollen (hearsay).
pub const TAG_SOLL: u8 = 8;
/// A hedge of `claims_hedges.tsv`.
pub const TAG_HEDGE: u8 = 16;
/// A negation of `claims_negations.tsv`.
pub const TAG_NEG: u8 = 32;
/// soll, sollen, solle, sollten: with `haben`/`sein` at the end, hearsay.
pub const TAG_SOLL_FORM: u8 = 64;

/// All claims lexicons.
#[derive(Debug, Clone)]
pub struct ClaimLexicon {
    /// Cue verbs.
    pub verbs: Vec<Verb>,
    /// Lowercase form → readings (particle verbs first).
    pub forms: HashMap<String, Vec<Form>>,
    /// Lowercase Konjunktiv forms.
    pub konj: HashMap<String, Konj>,
    /// Cue nouns (as written) → lemma.
    pub nouns: HashMap<String, String>,
    /// Cue nouns usable as the end of a compound ("angaben" in "Polizeiangaben").
    pub noun_suffixes: Vec<(String, String)>,
    /// The [`tail4`] of every key of `nouns` that has one.
    noun_tails: Vec<u32>,
    /// The [`tail4`] of each of `noun_suffixes`.
    suffix_tails: Vec<Option<u32>>,
    /// The [`tail_bit`]s of `noun_tails`.
    noun_bloom: u64,
    /// The [`tail_bit`]s of `suffix_tails`, or all bits if one has none.
    suffix_bloom: u64,
    /// Lowercase hedges.
    pub hedges: HashSet<String>,
    /// Lowercase negations.
    pub negations: HashSet<String>,
    /// Lowercase closed-class words.
    pub func: HashMap<&'static str, Func>,
    /// Every word above in one table: one lookup per token.
    pub words: WordMap<WordInfo>,
    /// The byte length of the longest key of `words`: longer tokens need no lookup.
    pub max_word_len: usize,
    /// The entries of `words` of at most [`PACKED_MAX`] bytes keyed by [`pack`]:
    /// the per-token lookup, with no string compare.
    packed: PackedTable<u128>,
    /// The entries of `words` of at most [`SHORT_MAX`] bytes keyed by
    /// [`pack_short`] (they are in `packed` too).
    short: PackedTable<u64>,
    /// The entries of `words` longer than [`PACKED_MAX`] bytes.
    long: WordMap<WordClass>,
    /// The keys of `long` (of at most 255 bytes) by [`long_tail`]: a filter in
    /// front of `long`.
    long_tails: PackedTable<u128>,
    /// The non-empty cue-verb readings of `words`, indexed by [`WordClass::forms`].
    form_lists: Vec<Vec<Form>>,
}

impl ClaimLexicon {
    /// Loads and compiles the lexicons.
    pub fn new(lex: &Lexicons) -> Result<Self, Error> {
        let mut verbs: Vec<Verb> = Vec::new();
        let mut forms: HashMap<String, Vec<Form>> = HashMap::new();
        for row in lex.rows("claims_cue_verbs.tsv", CUE_VERBS) {
            let lemma = row.get(0);
            if lemma.is_empty() || row.get(4).is_empty() {
                return Err(row.error("a cue verb needs lemma, flags, present, past, participle"));
            }
            if verbs.iter().any(|v| v.lemma == lemma) {
                continue;
            }
            let mut flags = 0;
            for c in row.get(1).chars() {
                flags |= match c {
                    'S' => CLAUSE,
                    'I' => INFINITIVE,
                    'R' => REPORTED,
                    'P' => PASSIVE,
                    'V' => VON,
                    _ => return Err(row.error("flags are S, I, R, P, V")),
                };
            }
            let particle: Vec<String> = row
                .get(5)
                .split_whitespace()
                .map(|w| w.to_lowercase())
                .collect();
            let idx = verbs.len();
            let (pres, past) = (row.get(2).to_lowercase(), row.get(3).to_lowercase());
            let part_full = row.get(4).to_lowercase();
            let lemma_l = lemma.to_lowercase();
            let base_inf = lemma_l
                .rsplit(' ')
                .next()
                .map(str::to_string)
                .unwrap_or_default();
            let past_pl = if past.ends_with('e') {
                [past.as_str(), "n"].concat()
            } else {
                [past.as_str(), "en"].concat()
            };
            let mut add = |form: &str, kind: FormKind, particle: Particle| {
                if form.is_empty() {
                    return;
                }
                let list = forms.entry(form.to_string()).or_default();
                let f = Form {
                    verb: idx,
                    kind,
                    particle,
                };
                if particle == Particle::None {
                    list.push(f);
                } else {
                    list.insert(0, f);
                }
            };
            if particle.is_empty() {
                for f in [&pres, &past, &past_pl] {
                    add(f, FormKind::Finite, Particle::None);
                }
                add(&base_inf, FormKind::Finite, Particle::None);
                add(&part_full, FormKind::NonFinite, Particle::None);
            } else {
                let stem_inf = if particle.len() == 1 {
                    base_inf
                        .strip_prefix(particle[0].as_str())
                        .unwrap_or(&base_inf)
                        .to_string()
                } else {
                    base_inf.clone()
                };
                for f in [&pres, &past, &past_pl, &stem_inf] {
                    add(f, FormKind::Finite, Particle::After);
                }
                let part_last = part_full.rsplit(' ').next().unwrap_or(&part_full);
                if particle.len() == 1 && !part_full.contains(' ') {
                    let p = &particle[0];
                    for f in [&pres, &past, &past_pl] {
                        add(
                            &[p.as_str(), f.as_str()].concat(),
                            FormKind::Finite,
                            Particle::None,
                        );
                    }
                    add(&base_inf, FormKind::NonFinite, Particle::None);
                    add(&part_full, FormKind::NonFinite, Particle::None);
                    add(
                        &[p.as_str(), "zu", stem_inf.as_str()].concat(),
                        FormKind::NonFinite,
                        Particle::None,
                    );
                    if let Some(bare) = part_full.strip_prefix(p.as_str()) {
                        add(bare, FormKind::NonFinite, Particle::Before);
                    }
                } else {
                    add(part_last, FormKind::NonFinite, Particle::Before);
                    add(&stem_inf, FormKind::NonFinite, Particle::Before);
                }
            }
            verbs.push(Verb {
                lemma: lemma.to_string(),
                flags,
                particle,
            });
        }
        let mut konj = HashMap::new();
        for row in lex.rows("claims_konjunktiv.tsv", KONJUNKTIV) {
            let k = match row.get(1) {
                "K1" => Konj::One,
                "K2" => Konj::Two,
                _ => return Err(row.error("mood must be K1 or K2")),
            };
            konj.insert(row.get(0).to_lowercase(), k);
        }
        let mut nouns = HashMap::new();
        let mut noun_suffixes = Vec::new();
        for row in lex.rows("claims_cue_nouns.tsv", CUE_NOUNS) {
            let (n, l) = (row.get(0), row.get(1));
            nouns.insert(n.to_string(), l.to_string());
            if n.chars().count() >= 6 {
                noun_suffixes.push((n.to_lowercase(), l.to_string()));
            }
        }
        let words = |name: &str, builtin: &'static str| -> HashSet<String> {
            lex.rows(name, builtin)
                .iter()
                .map(|r| r.get(0).to_lowercase())
                .collect()
        };
        let hedges = words("claims_hedges.tsv", HEDGES);
        let negations = words("claims_negations.tsv", NEGATIONS);
        let mut func = HashMap::new();
        for (list, f) in [
            (ADVS, Func::Adv),
            (CONJS, Func::Conj),
            (AUXS, Func::Aux),
            (SUBORDS, Func::Subord),
            (PREPS, Func::Prep),
            (PRONS, Func::Pron),
            (DETS, Func::Det),
        ] {
            for w in list {
                func.insert(*w, f);
            }
        }
        let mut words: WordMap<WordInfo> = WordMap::default();
        for (w, f) in &forms {
            words.entry(w.clone()).or_default().forms = f.clone();
        }
        for (w, k) in &konj {
            words.entry(w.clone()).or_default().konj = Some(*k);
        }
        for (w, f) in &func {
            words.entry((*w).to_string()).or_default().func = Some(*f);
        }
        for (list, tag) in [
            (
                &["laut", "gemäß", "zufolge", "nach", "demnach"][..],
                TAG_FRAME,
            ),
            (&["so"][..], TAG_SO),
            (&["will", "wollen", "wollte", "wollten"][..], TAG_WOLLEN),
            (&["soll", "sollen"][..], TAG_SOLL),
            (&["soll", "sollen", "solle", "sollten"][..], TAG_SOLL_FORM),
        ] {
            for w in list {
                words.entry((*w).to_string()).or_default().tag |= tag;
            }
        }
        for (set, tag) in [(&hedges, TAG_HEDGE), (&negations, TAG_NEG)] {
            for w in set {
                words.entry(w.clone()).or_default().tag |= tag;
            }
        }
        let max_word_len = words.keys().map(String::len).max().unwrap_or(0);
        let mut packed = Vec::new();
        let mut short = Vec::new();
        let mut long = WordMap::default();
        let mut tails = Vec::new();
        let mut form_lists = Vec::new();
        let mut keys: Vec<&String> = words.keys().collect();
        keys.sort();
        for k in keys {
            let info = &words[k];
            let class = WordClass {
                func: info.func,
                konj: info.konj,
                tag: info.tag,
                forms: if info.forms.is_empty() {
                    NO_FORMS
                } else {
                    form_lists.push(info.forms.clone());
                    (form_lists.len() - 1) as u32
                },
                marked: !info.forms.is_empty() || info.konj.is_some() || info.tag != 0,
            };
            match pack(k.as_bytes()) {
                Some(p) => {
                    packed.push((p, class));
                    if let Some(q) = pack_short(k.as_bytes()) {
                        short.push((q, class));
                    }
                }
                None => {
                    if let Some(t) = long_tail(k.as_bytes()) {
                        tails.push((t, class));
                    }
                    long.insert(k.clone(), class);
                }
            }
        }
        let noun_tails: Vec<u32> = nouns.keys().filter_map(|n| tail4(n.as_bytes())).collect();
        let suffix_tails: Vec<Option<u32>> = noun_suffixes
            .iter()
            .map(|(n, _)| tail4(n.as_bytes()))
            .collect();
        let noun_bloom = noun_tails.iter().fold(0, |b, &t| b | tail_bit(t));
        let suffix_bloom = suffix_tails
            .iter()
            .fold(0, |b, t| t.map_or(u64::MAX, |t| b | tail_bit(t)));
        Ok(ClaimLexicon {
            words,
            max_word_len,
            packed: PackedTable::new(&packed),
            short: PackedTable::with_room(&short, SHORT_ROOM),
            long,
            long_tails: PackedTable::new(&tails),
            form_lists,
            verbs,
            forms,
            konj,
            nouns,
            noun_tails,
            suffix_tails,
            noun_bloom,
            suffix_bloom,
            noun_suffixes,
            hedges,
            negations,
            func,
        })
    }

    /// What the lexicons know about the lowercase word `lower[start..end]` (the
    /// same as `words.get`, faster).
    #[inline]
    pub fn word_at(&self, lower: &str, start: usize, end: usize) -> Option<WordClass> {
        let len = end.checked_sub(start)?;
        if len == 0 {
            return None;
        }
        match pack_at(lower.as_bytes(), start, len) {
            Some(p) => self.packed.get(p),
            None if len > self.max_word_len => None,
            None => self.long.get(lower.get(start..end)?).copied(),
        }
    }

    /// [`Self::word_at`] for the per-token loop, with [`WordClass::NONE`] for
    /// a miss, over `lower` followed by at least [`LOWER_PAD`] bytes of padding:
    /// every word of at most [`PACKED_MAX`] bytes is then packed from one
    /// 16-byte load with one bounds check, never by the byte-wise fallback
    /// that `word_at` needs at the end of a text.
    #[inline]
    pub fn class_at(&self, padded: &str, start: usize, end: usize) -> WordClass {
        let len = end.wrapping_sub(start);
        // An empty or reversed range wraps to a huge length.
        if (1..=SHORT_MAX).contains(&len) {
            if let Some(w) = padded
                .as_bytes()
                .get(start..start.wrapping_add(8))
                .and_then(|r| r.first_chunk::<8>())
            {
                let key = (u64::from_le_bytes(*w) & KEEP_SHORT[len]) | (len as u64) << 56;
                return self.short.class_sparse(key);
            }
        }
        if (1..=PACKED_MAX).contains(&len) {
            if let Some(w) = padded
                .as_bytes()
                .get(start..start.wrapping_add(16))
                .and_then(|r| r.first_chunk::<16>())
            {
                let key = (u128::from_le_bytes(*w) & KEEP[len]) | (len as u128) << 120;
                return self.packed.class(key);
            }
        }
        self.class_slow(padded, start, end)
    }

    /// [`Self::class_at`] for long words and a text without its padding.
    #[inline(never)]
    fn class_slow(&self, padded: &str, start: usize, end: usize) -> WordClass {
        let len = end.wrapping_sub(start);
        if len > self.max_word_len {
            return WordClass::NONE;
        }
        // A long word is looked up in `long` (a string hash) only when its last
        // bytes and length are a long key's: most long words are compounds the
        // lexicons do not hold.
        if len > PACKED_MAX {
            let key = padded.as_bytes().get(start..end).and_then(long_tail);
            if key.is_some_and(|key| self.long_tails.get(key).is_none()) {
                return WordClass::NONE;
            }
        }
        self.word_at(padded, start, end).unwrap_or(WordClass::NONE)
    }

    /// The cue-verb readings of a word by its [`WordClass::forms`].
    #[inline]
    pub fn forms_of(&self, forms: u32) -> Option<&[Form]> {
        self.form_lists.get(forms as usize).map(Vec::as_slice)
    }

    /// The cue-noun lemma of a written noun, also as the end of a compound.
    pub fn cue_noun(&self, word: &str, lower: &str) -> Option<&str> {
        // Last four bytes first: a word whose tail is no noun's cannot be one
        // (and skips the string hash), a suffix whose tail differs cannot end
        // the word (and skips the compare).
        // A bit per tail (of 64) answers for most words before either list.
        let tail = tail4(word.as_bytes());
        if tail.is_none_or(|t| self.noun_bloom & tail_bit(t) != 0 && self.noun_tails.contains(&t)) {
            if let Some(l) = self.nouns.get(word) {
                return Some(l);
            }
        }
        let lt = tail4(lower.as_bytes());
        // (All 64 bits set: some suffix may have no tail; search them all.)
        if self.suffix_bloom != u64::MAX && lt.is_none_or(|t| self.suffix_bloom & tail_bit(t) == 0)
        {
            return None;
        }
        self.noun_suffixes
            .iter()
            .zip(&self.suffix_tails)
            .find(|((suffix, _), t)| {
                t.is_none_or(|t| lt == Some(t))
                    && lower.len() > suffix.len() + 2
                    && lower.ends_with(suffix.as_str())
            })
            .map(|((_, l), _)| l.as_str())
    }
}
