//! One fast hasher for the word tables of every stage.
//!
//! The lexicon tables are keyed by short words the project itself ships (or a user
//! adds), so SipHash's protection against hash flooding buys nothing and costs
//! time on every look-up; this multiply-rotate hasher (FxHash style) is what the
//! stages' maps and sets use instead.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

/// A multiply-rotate hasher (FxHash style) for the short words the lexicon
/// tables are keyed by: SipHash's flooding protection buys nothing for built-in
/// keys and costs time on every look-up.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Hash maps keyed by short words, with [`WordHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;
/// Hash sets of short words, with [`WordHasher`].
pub type FastSet<K> = HashSet<K, BuildHasherDefault<WordHasher>>;
