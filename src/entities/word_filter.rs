//! A one-look-up "certainly not in the set" test for short byte strings, put in
//! front of the hash maps and tries that most words of a text miss.
//!
//! Why: the entity rules ask for every capitalised word (and its neighbours)
//! whether it is a given name, a function word, a role ending and so on; nearly
//! all answers are "no", and hashing the word to learn that costs more than the
//! rest of the rule. The filter keeps one bit per bucket of (length, first two
//! and last two bytes) — or of the last three or four bytes for suffix sets —
//! so a word whose bucket is empty is rejected with one load. A set bit proves
//! nothing: the caller then asks the real table, so answers never change.
//!
//! Whole words are bucketed case-blind (ASCII letters lowered, every byte of a
//! non-ASCII char counted as the same byte), so a set of case-folded entries
//! can be asked with the text as written (the gazetteer's first words are in a
//! [`SetsFilter`], which folds alike but keys by four bytes at each end). A filter made by
//! [`WordFilter::exact`] buckets the bytes as they are instead, for a table
//! asked with words as written: `die` then does not pass because `Die` is in
//! the table (which would cost a vain look-up for most function words).

use std::borrow::Cow;

/// One bit per bucket; see the module docs.
#[derive(Debug, Clone, PartialEq)]
pub struct WordFilter {
    bits: Vec<u64>,
    /// A bucket is the top `32 - shift` bits of a 32-bit hash.
    shift: u32,
    /// Whole words by their bytes as written, not case-blind.
    exact: bool,
}

impl Default for WordFilter {
    /// A filter for a few hundred words (2 KB: stays in the L1 cache).
    fn default() -> Self {
        WordFilter::with_bits(14)
    }
}

/// A byte as the whole-word buckets see it (see the module docs).
#[inline]
fn blind(b: u8) -> u32 {
    u32::from(BLIND[usize::from(b)])
}

/// [`blind`] as a table: one load per byte instead of a branch and a case
/// test (the filter is asked for nearly every word of a text).
static BLIND: [u8; 256] = {
    let mut t = [0x80u8; 256];
    let mut b = 0;
    while b < 0x80 {
        t[b] = (b as u8).to_ascii_lowercase();
        b += 1;
    }
    t
};

impl WordFilter {
    /// A filter of 2^`log2` bits (at least 64, at most 2^24); about ten bits
    /// per word keep false passes rare.
    pub fn with_bits(log2: u32) -> Self {
        let log2 = log2.clamp(6, 24);
        WordFilter {
            bits: vec![0; 1 << (log2 - 6)],
            shift: 32 - log2,
            exact: false,
        }
    }

    /// A filter of 2^`log2` bits whose whole words tell case and every byte
    /// apart (see the module docs).
    pub fn exact(log2: u32) -> Self {
        WordFilter {
            exact: true,
            ..WordFilter::with_bits(log2)
        }
    }

    /// The bytes a whole word is bucketed by: the first two and the last two
    /// (overlapping for short words; a one-byte word repeats its byte).
    /// (Not a match on every length: that compiles to a jump table whose
    /// indirect jump mispredicts whenever the word length changes; words
    /// under two bytes are rare.)
    #[inline(always)]
    fn ends(w: &[u8]) -> Option<[u8; 4]> {
        match (w.first_chunk::<2>(), w.last_chunk::<2>()) {
            (Some(&[b0, b1]), Some(&[z1, z0])) => Some([b0, b1, z1, z0]),
            _ => w.first().map(|&a| [a; 4]),
        }
    }

    /// The bucket of a whole word in this filter. (The look-up path is forced
    /// inline: with the choice of bucket the optimiser left it out of line,
    /// a call per word of the text.)
    #[inline(always)]
    fn word_bucket(&self, w: &[u8]) -> u32 {
        if self.exact {
            Self::exact_bucket(w)
        } else {
            Self::whole_bucket(w)
        }
    }

    /// The hash of a whole word as written: its length, first two and last
    /// two bytes.
    #[inline(always)]
    fn exact_bucket(w: &[u8]) -> u32 {
        let Some(ends) = Self::ends(w) else {
            return 0;
        };
        let h = u32::from_le_bytes(ends) ^ (w.len() as u32).wrapping_mul(0x9E37_79B9);
        h.wrapping_mul(0x85EB_CA6B)
    }

    /// The hash of a whole word: its length, first two and last two bytes
    /// (a one-byte word repeats its byte).
    #[inline(always)]
    fn whole_bucket(w: &[u8]) -> u32 {
        let n = w.len();
        let Some([b0, b1, z1, z0]) = Self::ends(w) else {
            return 0;
        };
        let head = blind(b0) | blind(b1) << 8;
        let tail = blind(z1) | blind(z0) << 8;
        let h = (head << 16 | tail) ^ (n as u32).wrapping_mul(0x9E37_79B9);
        h.wrapping_mul(0x85EB_CA6B)
    }

    /// The hash of a word's last `N` bytes (`N` ≤ 4; a filter holds tails of
    /// one length).
    #[inline]
    fn tail_bucket<const N: usize>(t: [u8; N]) -> u32 {
        let mut x = [0u8; 4];
        for (d, s) in x.iter_mut().zip(t) {
            *d = s;
        }
        Self::packed_tail_bucket(u32::from_le_bytes(x))
    }

    /// [`WordFilter::tail_bucket`] of a tail packed into a `u32` (first byte
    /// lowest, zero bytes above a shorter tail).
    #[inline(always)]
    fn packed_tail_bucket(t: u32) -> u32 {
        t.wrapping_mul(0x85EB_CA6B)
    }

    #[inline]
    fn set(&mut self, bucket: u32) {
        let b = (bucket >> self.shift) as usize;
        if let Some(w) = self.bits.get_mut(b / 64) {
            *w |= 1 << (b % 64);
        }
    }

    #[inline(always)]
    fn get(&self, bucket: u32) -> bool {
        let b = (bucket >> self.shift) as usize;
        self.bits
            .get(b / 64)
            .is_none_or(|w| w & (1 << (b % 64)) != 0)
    }

    /// Adds a whole word (see [`WordFilter::may_hold`]).
    pub fn insert(&mut self, w: &str) {
        self.set(self.word_bucket(w.as_bytes()));
    }

    /// False when `w` was certainly never [`inserted`](WordFilter::insert)
    /// (in any ASCII case, unless the filter is [exact](WordFilter::exact)).
    #[inline(always)]
    pub fn may_hold(&self, w: &str) -> bool {
        self.may_hold_bytes(w.as_bytes())
    }

    /// [`WordFilter::may_hold`] for the bytes of a word.
    #[inline(always)]
    pub fn may_hold_bytes(&self, w: &[u8]) -> bool {
        self.get(self.word_bucket(w))
    }

    /// Adds a word's last `N` bytes (at most four; see `tail_bucket`).
    pub fn insert_tail<const N: usize>(&mut self, tail: [u8; N]) {
        self.set(Self::tail_bucket(tail));
    }

    /// False when no inserted tail equals `tail`.
    #[inline]
    pub fn may_end<const N: usize>(&self, tail: [u8; N]) -> bool {
        self.get(Self::tail_bucket(tail))
    }

    /// [`WordFilter::may_end`] of a tail packed into a `u32`: first byte
    /// lowest, zero bytes above a tail under four bytes.
    #[inline(always)]
    pub fn may_end_packed(&self, tail: u32) -> bool {
        self.get(Self::packed_tail_bucket(tail))
    }
}

/// A case-blind filter of words in a few sets (a word is inserted into and asked
/// of one set, by its number), for a text's every word: the gazetteer's first
/// words, one set for words that start in lower case and one for the rest.
///
/// Why not [`WordFilter`]: a word here sets two bits of one 64-bit block, so
/// a probe is still one load, but a word that was never inserted passes only
/// when both of its bits are set by others (about 1% of the words of a text
/// instead of 5 to 9% with one bit and one filter per set), and its bucket
/// comes from the ends of the word loaded four bytes at a time and lowered
/// at once (no table look-up per byte).
///
/// The key of a word: its length, its first four and last four bytes (all
/// of a word of up to eight bytes; the first two and last two of a shorter
/// one than four), ASCII bytes with bit 5 set (letters lowered; two other
/// bytes may share a key, which costs a vain walk, never a word), bytes of
/// non-ASCII chars as `0x80` (so any case folding that keeps char lengths,
/// `Ä`/`ä`, keeps the key).
///
/// Why four bytes and not two at each end (as in [`WordFilter`]): German
/// words share their first two and last two bytes with others of the same
/// length far more often than a hash collides (`Kinder`/`Kieler`,
/// `Unternehmen`/`ungarischen`); with two bytes one capitalised word of
/// a text in ten passed the filter without being a first word, each then
/// a vain walk.
///
/// After the blocks it keeps one bit per three-byte start of a word (see
/// [`Blocks::may_begin`]), for a set whose words begin with few of them (the
/// gazetteer's lower-case first words: `deutsch…`, `französisch…`, `dpa`):
/// most words of a text are rejected by the first three bytes, with one
/// load and no hashing.
#[derive(Debug, Clone, PartialEq)]
pub struct SetsFilter {
    /// [`SetsFilter::BLOCKS`] blocks, then [`SetsFilter::BEGIN_WORDS`] words of
    /// start bits; used in place from the compiled tables.
    blocks: Cow<'static, [u64]>,
}

impl Default for SetsFilter {
    fn default() -> Self {
        SetsFilter {
            blocks: Cow::Owned(vec![0; Self::LEN]),
        }
    }
}

impl SetsFilter {
    /// 2^11 blocks of 64 bits (16 KB): for some 7,000 words.
    pub const BLOCKS: usize = 1 << 11;
    /// The start bits: one per key of [`begin_key`] (4 KB).
    pub const BEGIN_WORDS: usize = 1 << (3 * 5 - 6);
    /// The length of [`SetsFilter::blocks`].
    const LEN: usize = Self::BLOCKS + Self::BEGIN_WORDS;

    /// The blocks, for the compiled tables (see `compiled.rs`).
    pub(super) fn blocks(&self) -> &[u64] {
        &self.blocks
    }

    /// The filter of [`SetsFilter::blocks`]; `None` for another number.
    pub(super) fn from_blocks(blocks: &'static [u64]) -> Option<Self> {
        (blocks.len() == Self::LEN).then_some(SetsFilter {
            blocks: Cow::Borrowed(blocks),
        })
    }

    /// A filter that lets everything pass (for tests of the callers).
    #[cfg(test)]
    pub fn full() -> Self {
        SetsFilter {
            blocks: Cow::Owned(vec![u64::MAX; Self::LEN]),
        }
    }

    /// Adds the word `w` to set number `set`.
    pub fn insert(&mut self, w: &[u8], set: u32) {
        let (block, bits) = Self::probe(fold_ends(pack_ends(w)), w.len(), set);
        if let Some(b) = self.blocks.to_mut().get_mut(block) {
            *b |= bits;
        }
    }

    /// Records the start of the word `w` (its first three bytes, see
    /// [`Blocks::may_begin`]).
    pub fn insert_begin(&mut self, w: &[u8]) {
        let key = begin_key(w);
        if let Some(b) = self.blocks.to_mut().get_mut(Self::BLOCKS + key / 64) {
            *b |= 1 << (key % 64);
        }
    }

    /// The blocks as an array: asked once per text, so that the probes of
    /// [`Blocks::may_hold`] need no bounds check (`None`: never, see
    /// `SetsFilter::from_blocks`).
    #[inline]
    pub fn as_blocks(&self) -> Option<Blocks<'_>> {
        self.blocks.as_ref().try_into().ok().map(Blocks)
    }

    /// The block of a word and its two bits in it, by its folded ends, its
    /// length and its set, from one product: its top bits (the block) depend
    /// on every byte of the key; the two bits' positions, taken below them,
    /// not on the top ones, where the length and the set are put in (so they
    /// choose the block). That costs no more vain walks than folding the
    /// key's halves together first and spreading the length with a product
    /// did (31,561 walks for the test corpus, before 31,725).
    #[inline(always)]
    fn probe(ends: u64, len: usize, set: u32) -> (usize, u64) {
        let key = ends ^ (len as u64) << 56 ^ u64::from(set) << 52;
        let h = key.wrapping_mul(0xD6E8_FEB8_6659_FD93);
        // The top bits of a product are the best mixed.
        let block = (h >> (64 - Self::BLOCKS.trailing_zeros())) as usize;
        let bits = 1 << (h >> 46 & 63) | 1 << (h >> 40 & 63);
        (block, bits)
    }
}

/// The blocks of a [`SetsFilter`] as an array (see [`SetsFilter::as_blocks`]).
#[derive(Clone, Copy)]
pub struct Blocks<'a>(&'a [u64; SetsFilter::LEN]);

impl Blocks<'_> {
    /// False when `w` was certainly never inserted into set `set` (in any
    /// ASCII case).
    #[inline(always)]
    pub fn may_hold(self, w: &[u8], set: u32) -> bool {
        self.may_hold_ends(fold_ends(pack_ends(w)), w.len(), set)
    }

    /// [`Blocks::may_hold`] for a word of ASCII bytes: their folding is
    /// setting bit 5, all eight at once.
    #[inline(always)]
    pub fn may_hold_ascii(self, w: &[u8], set: u32) -> bool {
        self.may_hold_ends(pack_ends(w) | 0x2020_2020_2020_2020, w.len(), set)
    }

    /// False when no word given to [`SetsFilter::insert_begin`] starts as
    /// `w` does (its first three bytes, ASCII letters in any case).
    #[inline(always)]
    pub fn may_begin(self, w: &[u8]) -> bool {
        let key = begin_key(w);
        // `key` < 2^15: the bounds check folds away.
        self.0
            .get(SetsFilter::BLOCKS + key / 64)
            .is_none_or(|&b| b >> (key % 64) & 1 != 0)
    }

    #[inline(always)]
    fn may_hold_ends(self, ends: u64, len: usize, set: u32) -> bool {
        let (block, bits) = SetsFilter::probe(ends, len, set);
        // `block` < BLOCKS by the shift: the bounds check folds away.
        self.0.get(block).is_none_or(|&b| b & bits == bits)
    }
}

/// The key of a word's start for [`Blocks::may_begin`]: its first three bytes
/// (zero for bytes a shorter word lacks), five bits of each (`& 31`: an
/// ASCII letter in either case gives the same bits; two other bytes may share
/// them, which costs a vain probe of the blocks, never a word).
#[inline(always)]
fn begin_key(w: &[u8]) -> usize {
    let five = |b: u8| usize::from(b & 31);
    match *w {
        [a, b, c, ..] => five(a) | five(b) << 5 | five(c) << 10,
        [a, b] => five(a) | five(b) << 5,
        [a] => five(a),
        [] => 0,
    }
}

/// The first four and the last four bytes of `w`, first byte lowest
/// (overlapping for words under eight bytes); for a word of two or three
/// bytes its first two and last two, twice; a one-byte word repeats its
/// byte, an empty one is eight zero bytes.
#[inline(always)]
fn pack_ends(w: &[u8]) -> u64 {
    if let (Some(a), Some(z)) = (w.first_chunk::<4>(), w.last_chunk::<4>()) {
        return u64::from(u32::from_le_bytes(*a)) | u64::from(u32::from_le_bytes(*z)) << 32;
    }
    let short = match (w.first_chunk::<2>(), w.last_chunk::<2>()) {
        (Some(&[b0, b1]), Some(&[z1, z0])) => u32::from_le_bytes([b0, b1, z1, z0]),
        _ => w.first().map_or(0, |&b| u32::from(b) * 0x0101_0101),
    };
    u64::from(short) * 0x1_0000_0001
}

/// Each byte of `x` with bit 5 set if ASCII, `0x80` if not (see [`SetsFilter`]).
#[inline(always)]
fn fold_ends(x: u64) -> u64 {
    let high = x & 0x8080_8080_8080_8080;
    let not_ascii = (high >> 7) * 0xFF;
    (x | 0x2020_2020_2020_2020) & !not_ascii | high
}

#[cfg(test)]
mod tests {
    use super::WordFilter;

    #[test]
    fn never_rejects_an_inserted_word() {
        let words = ["Hans", "von", "GmbH", "sagte", "Jürgen", "in", "ß", ""];
        let mut f = WordFilter::default();
        words.iter().for_each(|w| f.insert(w));
        for w in words {
            assert!(f.may_hold(w), "{w:?}\nhelp: an inserted word must pass");
        }
        // Case-blind: ASCII case and the bytes of umlauts do not count.
        for w in ["HANS", "VON", "gmbh", "JÜRGEN", "Jörgen"] {
            assert!(f.may_hold(w), "{w:?}\nhelp: buckets ignore case");
        }
        // A filter this empty rejects most other words.
        let others = ["Haus", "Regierung", "und", "Bundestag", "Wahl", "gestern"];
        let passed = others.iter().filter(|w| f.may_hold(w)).count();
        assert!(passed <= 1, "help: the buckets should spread words apart");
    }

    #[test]
    fn buckets_by_first_and_last_two_bytes() {
        // The plain definition: length, bytes 0 and 1, n-2 and n-1 (clamped),
        // ASCII lowered, any non-ASCII byte as 0x80.
        let plain = |w: &[u8]| {
            let n = w.len();
            let at = |i: usize| {
                let b = w[i];
                u32::from(if b < 0x80 {
                    b.to_ascii_lowercase()
                } else {
                    0x80
                })
            };
            let head = at(0) | at(1.min(n - 1)) << 8;
            let tail = at(n.saturating_sub(2)) | at(n - 1) << 8;
            ((head << 16 | tail) ^ (n as u32).wrapping_mul(0x9E37_79B9)).wrapping_mul(0x85EB_CA6B)
        };
        for w in [
            "a",
            "In",
            "von",
            "Haus",
            "Jürgen",
            "ß",
            "Ä",
            "Straße",
            "GmbH",
            "Nato-Gipfel",
        ] {
            assert_eq!(
                WordFilter::whole_bucket(w.as_bytes()),
                plain(w.as_bytes()),
                "{w:?}\nhelp: the bucket must not depend on how it is computed"
            );
        }
        assert_eq!(WordFilter::whole_bucket(b""), 0);
    }

    #[test]
    fn exact_filters_tell_case_apart() {
        let words = ["Die", "Der", "von", "Jürgen", "ß", "In"];
        let mut f = WordFilter::exact(14);
        words.iter().for_each(|w| f.insert(w));
        for w in words {
            assert!(f.may_hold(w), "{w:?}\nhelp: an inserted word must pass");
        }
        let others = ["die", "der", "Von", "Jörgen", "in", "IN"];
        let passed = others.iter().filter(|w| f.may_hold(w)).count();
        assert!(passed <= 1, "help: other cases are other buckets");
    }

    #[test]
    fn tails() {
        let mut f = WordFilter::default();
        for form in ["minister", "ministers", "chef", "chefin"] {
            let b = form.as_bytes();
            f.insert_tail(*b.last_chunk::<4>().unwrap());
        }
        assert!(f.may_end(*b"ster"));
        assert!(f.may_end(*b"efin"));
        assert!(!f.may_end(*b"rung"), "help: Regierung ends in no entry");
        assert!(!f.may_end(*b"lter"), "help: Verwalter ends in no entry");
        // Three-byte tails hash as before.
        let mut g = WordFilter::default();
        g.insert_tail(*b"zar");
        assert!(g.may_end(*b"zar"));
        assert!(!g.may_end(*b"ung"));
        // Packed: first byte lowest.
        assert!(g.may_end_packed(u32::from_le_bytes(*b"zar\0")));
        assert!(f.may_end_packed(u32::from_le_bytes(*b"ster")));
        assert!(!f.may_end_packed(u32::from_le_bytes(*b"rung")));
    }
}

#[cfg(test)]
mod sets_tests {
    use super::{begin_key, fold_ends, pack_ends, SetsFilter};

    #[test]
    fn keys_by_the_plain_definition() {
        // Bytes 0 to 3 and n-4 to n-1 from four bytes on; below, bytes 0,
        // 1, n-2, n-1 (clamped) twice; ASCII with bit 5 set, others 0x80.
        let plain = |w: &[u8]| -> u64 {
            let n = w.len();
            if n == 0 {
                // Eight zero bytes, ASCII.
                return 0x2020_2020_2020_2020;
            }
            let at = |i: usize| -> u8 {
                let b = w[i];
                if b < 0x80 {
                    b | 0x20
                } else {
                    0x80
                }
            };
            let picks = if n >= 4 {
                [0, 1, 2, 3, n - 4, n - 3, n - 2, n - 1]
            } else {
                let (a, b, c, d) = (0, 1.min(n - 1), n.saturating_sub(2), n - 1);
                [a, b, c, d, a, b, c, d]
            };
            u64::from_le_bytes(picks.map(at))
        };
        for w in [
            "",
            "a",
            "In",
            "von",
            "Haus",
            "Jürgen",
            "ß",
            "Ä",
            "Straße",
            "GmbH",
            "2024",
            "Kinder",
            "Kieler",
            "Bundesrepublik",
        ] {
            assert_eq!(
                fold_ends(pack_ends(w.as_bytes())),
                plain(w.as_bytes()),
                "{w:?}\nhelp: the key must not depend on how it is computed"
            );
        }
        // Every byte value in every position.
        for b in 0..=255u8 {
            for pos in 0..4 {
                let mut w = *b"Kiel";
                w[pos] = b;
                assert_eq!(fold_ends(pack_ends(&w)), plain(&w), "{b:#x} at {pos}");
            }
            for pos in 0..9 {
                let mut w = *b"Kielerin9";
                w[pos] = b;
                assert_eq!(fold_ends(pack_ends(&w)), plain(&w), "{b:#x} at {pos}");
            }
        }
    }

    #[test]
    fn never_rejects_an_inserted_word() {
        let mut f = SetsFilter::default();
        let words = [
            "berlin",
            "deutsche",
            "köln",
            "us",
            "1",
            "x",
            "österreich",
            "",
        ];
        for w in words {
            f.insert(w.as_bytes(), 1);
        }
        let blocks = f.as_blocks().unwrap();
        for w in words
            .iter()
            .chain(&["BERLIN", "Deutsche", "KÖLN", "Köln", "US", "Us"])
        {
            assert!(
                blocks.may_hold(w.as_bytes(), 1),
                "{w:?}\nhelp: an inserted word must pass in any ASCII case"
            );
        }
        // The other set and other words mostly do not pass.
        let others = [
            "und",
            "Regierung",
            "gestern",
            "Haus",
            "die",
            "Wahl",
            "berlins",
        ];
        let passed = others
            .iter()
            .filter(|w| blocks.may_hold(w.as_bytes(), 1))
            .count()
            + words
                .iter()
                .filter(|w| blocks.may_hold(w.as_bytes(), 0))
                .count();
        assert!(passed <= 1, "help: sets and words should fall apart");
    }

    #[test]
    fn ascii_words_probe_alike() {
        let mut f = SetsFilter::default();
        for w in ["berlin", "us", "1", "x", "dpa", "bundesrepublik"] {
            f.insert(w.as_bytes(), 0);
        }
        let blocks = f.as_blocks().unwrap();
        let words = [
            "", "x", "X", "US", "Us", "dpa", "DPA", "Berlin", "BERLIN", "berlins",
        ];
        let more = [
            "1",
            "12",
            "Bundesrepublik",
            "Haus",
            "und",
            "Z9",
            "a-b",
            "@[",
        ];
        for w in words.iter().chain(&more) {
            for set in [0, 1] {
                assert_eq!(
                    blocks.may_hold_ascii(w.as_bytes(), set),
                    blocks.may_hold(w.as_bytes(), set),
                    "{w:?}\nhelp: ASCII words must get the same key either way"
                );
            }
        }
    }

    #[test]
    fn begins_by_the_plain_definition() {
        let mut f = SetsFilter::default();
        let inserted = ["deutsch", "dpa", "eu", "x", "französisch"];
        for w in inserted {
            f.insert_begin(w.as_bytes());
        }
        let blocks = f.as_blocks().unwrap();
        // The plain definition: the first three bytes (or fewer) of an
        // inserted word, ASCII letters in any case, equal the word's.
        let plain = |w: &str| {
            let start = |s: &str| -> Vec<u8> {
                s.bytes().take(3).map(|b| b.to_ascii_lowercase()).collect()
            };
            inserted.iter().any(|i| start(i) == start(w))
        };
        let words = [
            "deutsche",
            "Deutsche",
            "DEUTSCHEN",
            "dpa",
            "DPA",
            "dp",
            "d",
            "eu",
            "EU",
            "eus",
            "x",
            "xy",
            "fra",
            "frankreich",
            "franz",
            "der",
            "die",
            "und",
            "ein",
            "",
            "ab",
        ];
        for w in words {
            if plain(w) {
                assert!(
                    blocks.may_begin(w.as_bytes()),
                    "{w:?}\nhelp: a word that starts as an inserted one must pass"
                );
            }
        }
        let passed = words
            .iter()
            .filter(|w| !plain(w) && blocks.may_begin(w.as_bytes()));
        assert_eq!(
            passed.count(),
            0,
            "help: these starts differ in the low five bits of some byte"
        );
        // Digits share bits with letters (`0` with `p`): a vain pass only.
        assert_eq!(begin_key(b"d0a"), begin_key(b"dpa"));
    }

    #[test]
    fn compiled_blocks_round_trip() {
        let mut f = SetsFilter::default();
        f.insert(b"hamburg", 0);
        let leaked: &'static [u64] = Vec::leak(f.blocks().to_vec());
        assert_eq!(SetsFilter::from_blocks(leaked), Some(f));
        assert_eq!(SetsFilter::from_blocks(&leaked[1..]), None);
    }
}
