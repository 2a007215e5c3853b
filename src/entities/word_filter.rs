//! A one-look-up "certainly not in the set" test for short byte strings, put in
//! front of the hash maps and tries that most words of a text miss.
//!
//! Why: the entity rules ask for every capitalised word (and its neighbours)
//! whether it is a given name, a function word, a role ending and so on; nearly
//! all answers are "no", and hashing the word to learn that costs more than the
//! rest of the rule. The filter keeps one bit per bucket of (length, first byte,
//! last byte) — or of the last three bytes for suffix sets — so a word whose
//! bucket is empty is rejected with one load. A set bit proves nothing: the
//! caller then asks the real table, so answers never change.

/// One bit per bucket; see the module docs.
#[derive(Debug, Clone)]
pub struct WordFilter {
    bits: Box<[u64; WordFilter::WORDS]>,
}

impl Default for WordFilter {
    fn default() -> Self {
        WordFilter {
            bits: Box::new([0; WordFilter::WORDS]),
        }
    }
}

impl WordFilter {
    const WORDS: usize = 1024;
    const MASK: u32 = (Self::WORDS as u32 * 64) - 1;

    /// The bucket of a whole word: its length, first and last byte.
    #[inline]
    fn whole_bucket(w: &[u8]) -> u32 {
        let (Some(&first), Some(&last)) = (w.first(), w.last()) else {
            return 0;
        };
        let len = w.len().min(63) as u32;
        (u32::from(first) | u32::from(last) << 8) ^ len.wrapping_mul(0x9E5)
    }

    /// The bucket of three bytes (a word's end).
    #[inline]
    fn tail_bucket(t: [u8; 3]) -> u32 {
        (u32::from(t[0]) | u32::from(t[1]) << 8).wrapping_mul(31) ^ u32::from(t[2]) << 7
    }

    #[inline]
    fn set(&mut self, bucket: u32) {
        let b = (bucket & Self::MASK) as usize;
        self.bits[b / 64] |= 1 << (b % 64);
    }

    #[inline]
    fn get(&self, bucket: u32) -> bool {
        let b = (bucket & Self::MASK) as usize;
        self.bits[b / 64] & (1 << (b % 64)) != 0
    }

    /// Adds a whole word (see [`WordFilter::may_hold`]).
    pub fn insert(&mut self, w: &str) {
        self.set(Self::whole_bucket(w.as_bytes()));
    }

    /// False when `w` was certainly never [`inserted`](WordFilter::insert).
    #[inline]
    pub fn may_hold(&self, w: &str) -> bool {
        self.get(Self::whole_bucket(w.as_bytes()))
    }

    /// Adds the last three bytes of `tail` (at least three bytes long).
    pub fn insert_tail(&mut self, tail: [u8; 3]) {
        self.set(Self::tail_bucket(tail));
    }

    /// False when no inserted tail equals `tail`.
    #[inline]
    pub fn may_end(&self, tail: [u8; 3]) -> bool {
        self.get(Self::tail_bucket(tail))
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
        // A filter this empty rejects most other words.
        let others = ["Haus", "Regierung", "und", "Bundestag", "Wahl", "gestern"];
        let passed = others.iter().filter(|w| f.may_hold(w)).count();
        assert!(passed <= 1, "help: the buckets should spread words apart");
    }

    #[test]
    fn tails() {
        let mut f = WordFilter::default();
        for form in ["minister", "ministers", "chef", "chefin"] {
            let b = form.as_bytes();
            f.insert_tail([b[b.len() - 3], b[b.len() - 2], b[b.len() - 1]]);
        }
        assert!(f.may_end(*b"ter"));
        assert!(f.may_end(*b"fin"));
        assert!(!f.may_end(*b"ung"), "help: Regierung ends in no entry");
    }
}
