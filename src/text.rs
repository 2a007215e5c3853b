//! Byte ↔ character offsets, and the case folding that keeps them.
//!
//! Stages work on byte offsets into the decoded `&str` (cheap slicing, no
//! allocation); the record contract counts Unicode scalar values (Python `str`
//! indices). [`CharIndex`] converts byte offsets to char offsets in O(1) time
//! with one `u64` per eight-byte word (the chars before the word and which of
//! its bytes continue a char), so a 2 MB document (larger ones are cut into
//! chunks) needs 2 MB of index; a lookup reads one entry and counts bits in a
//! table. For pure-ASCII text it is the identity.
//!
//! ```
//! use aussage::text::CharIndex;
//! let text = "Größe: 3 m";
//! let idx = CharIndex::new(text);
//! assert_eq!(idx.char_of(text.find("3").unwrap()), 7);
//! ```

use crate::swar::{self, HIGH};

/// The nearest char boundary of `text` at or below byte `i` (at most `text.len()`).
pub fn floor_char_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest char boundary of `text` at or above byte `i` (at most `text.len()`).
pub fn ceil_char_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Converts byte offsets of one text into character offsets.
#[derive(Debug, Clone)]
pub struct CharIndex<'t> {
    text: &'t str,
    /// One entry for every eight-byte word up to the one holding the end of
    /// the text (empty when the text is ASCII): the number of chars starting
    /// before word `k` (`text[..8 * k]`), shifted up a byte, and in the low
    /// byte bit `j` set when byte `8 * k + j` is a UTF-8 continuation byte
    /// (`10xxxxxx`). A lookup reads the one entry.
    words: Vec<u64>,
    ascii: bool,
}

impl<'t> CharIndex<'t> {
    /// Builds the index in one pass over the text.
    pub fn new(text: &'t str) -> Self {
        let ascii = text.is_ascii();
        let mut words = Vec::new();
        if !ascii {
            let bytes = text.as_bytes();
            let whole = bytes.chunks_exact(8);
            // The word at the end of the text, partial or empty, padded with
            // zeros (no continuation bytes).
            let mut padded = [0u8; 8];
            padded[..whole.remainder().len()].copy_from_slice(whole.remainder());
            let last = swar::high_bits(continuation_bytes(u64::from_le_bytes(padded)));
            let mut chars: u64 = 0;
            let mut entry = |continuations: u8| {
                let at = chars << 8 | u64::from(continuations);
                chars += 8 - u64::from(ONES_IN[usize::from(continuations)]);
                at
            };
            words.reserve(whole.len() + 1);
            // `extend` over the words' exact count writes without a capacity
            // check per word.
            words.extend(whole.map(|word| {
                let word = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
                entry(swar::high_bits(continuation_bytes(word)))
            }));
            words.push(entry(last));
        }
        CharIndex { text, words, ascii }
    }

    /// The character offset of byte offset `byte` (which should be a char
    /// boundary; a byte inside a char maps to the char's index + 1): the
    /// chars before its word, and the bytes of its word before it that are
    /// no continuation bytes. Inlined: asked twice for every span of a record
    /// (146,000 times over the news corpus), and its body is a few loads.
    #[inline]
    pub fn char_of(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.ascii {
            return byte;
        }
        let n = byte % 8;
        let entry = self.words.get(byte / 8).copied().unwrap_or(0);
        // `n` is below 8: the mask keeps the bits of the bytes before it.
        let continuations = entry as u8 & ((1 << n) - 1);
        (entry >> 8) as usize + n - usize::from(ONES_IN[usize::from(continuations)])
    }

    /// Number of characters in the whole text.
    pub fn char_len(&self) -> usize {
        self.char_of(self.text.len())
    }
}

/// `ONES_IN[b]` is the number of bits set in `b` (`u8::count_ones`, which
/// without the `popcnt` instruction of newer CPUs is a dozen steps).
const ONES_IN: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).count_ones() as u8;
        b += 1;
    }
    table
};

/// The high bit set in each byte of `x` that is a UTF-8 continuation byte,
/// clear elsewhere: bit 7 set and bit 6 clear (bit 6 shifted up into bit 7's
/// place; a byte's bit 7 shifts into the next byte's bit 0, which is masked
/// off).
#[inline]
fn continuation_bytes(x: u64) -> u64 {
    x & !(x << 1) & HIGH
}

/// `word` with its first letter upper-cased.
pub fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Lower case of one char when it keeps its UTF-8 length (`Ä` → `ä`); other
/// chars (`ẞ`, `İ`) stay as they are, so folded offsets equal original ones.
#[inline]
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
        _ => c,
    }
}

/// The folded copy of `s` (same byte length, see [`fold_char`]).
pub fn fold_str(s: &str) -> String {
    // Folding keeps every char's length: the result has exactly `s.len()` bytes.
    let mut folded = String::with_capacity(s.len());
    folded.extend(s.chars().map(fold_char));
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_naive_count_at_every_boundary() {
        let base = "Ärger über 3,5 % — „Zitat“ 😀 und mehr Text, der länger als vierundsechzig Bytes ist, ößü. \
                    Noch ein Satz über zwei Strides: Größenordnung, Maßstab, Übergröße, €.";
        // Every length over several words, so the end falls on and off a word.
        for cut in 0..base.len() {
            if !base.is_char_boundary(cut) {
                continue;
            }
            let text = &base[..cut];
            let idx = CharIndex::new(text);
            for b in 0..=cut {
                // A byte inside a char counts that char.
                let starts = text.as_bytes()[..b].iter().filter(|&&x| x & 0xC0 != 0x80);
                assert_eq!(idx.char_of(b), starts.count(), "byte {b} of {cut}");
            }
            assert_eq!(idx.char_len(), text.chars().count(), "length {cut}");
        }
    }

    #[test]
    fn continuation_bits_flag_every_byte_value_in_every_position() {
        // Every byte value in every position of a word, beside neighbours
        // whose bits would leak into it (a continuation byte, a lead byte,
        // ASCII), gives its own bit and no other.
        for fill in [b'a', 0x80, 0xBF, 0xC3, 0xFF, 0x40] {
            for b in 0..=255u8 {
                for pos in 0..8 {
                    let mut bytes = [fill; 8];
                    bytes[pos] = b;
                    let naive = bytes
                        .iter()
                        .enumerate()
                        .fold(0u8, |bits, (j, &x)| bits | u8::from(x & 0xC0 == 0x80) << j);
                    let word = u64::from_le_bytes(bytes);
                    assert_eq!(
                        swar::high_bits(continuation_bytes(word)),
                        naive,
                        "{bytes:?}"
                    );
                }
            }
        }
        for b in 0..=255u8 {
            assert_eq!(u32::from(ONES_IN[usize::from(b)]), b.count_ones(), "{b}");
        }
    }

    #[test]
    fn ascii_is_identity() {
        let idx = CharIndex::new("plain text");
        assert_eq!(idx.char_of(5), 5);
        assert_eq!(idx.char_len(), 10);
    }
}
