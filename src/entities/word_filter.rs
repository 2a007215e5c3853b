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
//! (the gazetteer's) can be asked with the text as written. A filter made by
//! [`WordFilter::exact`] buckets the bytes as they are instead, for a table
//! asked with words as written: `die` then does not pass because `Die` is in
//! the table (which would cost a vain look-up for most function words).

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

    /// The bits, the shift and whether whole words are exact, for the compiled
    /// tables (see `compiled.rs`).
    pub(super) fn parts(&self) -> (&[u64], u32, bool) {
        (&self.bits, self.shift, self.exact)
    }

    /// The filter of [`WordFilter::parts`]; `None` for a shift no filter has.
    pub(super) fn from_parts(bits: &[u64], shift: u32, exact: bool) -> Option<Self> {
        let log2 = 32u32.checked_sub(shift).filter(|l| (6..=24).contains(l))?;
        (bits.len() == 1 << (log2 - 6)).then(|| WordFilter {
            bits: bits.to_vec(),
            shift,
            exact,
        })
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

    /// A filter that lets everything pass (for tests of the callers).
    #[cfg(test)]
    pub fn full() -> Self {
        let mut f = WordFilter::default();
        f.bits.fill(u64::MAX);
        f
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
