//! Byte ↔ character offsets, and the case folding that keeps them.
//!
//! Stages work on byte offsets into the decoded `&str` (cheap slicing, no
//! allocation); the record contract counts Unicode scalar values (Python `str`
//! indices). [`CharIndex`] converts byte offsets to char offsets in O(1) time
//! with a table of the chars before every eight-byte word (one `u32` per 8
//! bytes), so a 2 MB document (larger ones are cut into chunks) needs 1 MB of
//! index; a lookup is one table load and the count within one word. For
//! pure-ASCII text it is the identity.
//!
//! ```
//! use aussage::text::CharIndex;
//! let text = "Größe: 3 m";
//! let idx = CharIndex::new(text);
//! assert_eq!(idx.char_of(text.find("3").unwrap()), 7);
//! ```

use crate::swar::{HIGH, ONES};

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
    /// `before[k]` = number of chars starting in `text[..8 * k]`, for every
    /// eight-byte word up to the one holding the end of the text; empty when
    /// the text is ASCII.
    before: Vec<u32>,
    ascii: bool,
}

impl<'t> CharIndex<'t> {
    /// Builds the index in one pass over the text.
    pub fn new(text: &'t str) -> Self {
        let ascii = text.is_ascii();
        let mut before = Vec::new();
        if !ascii {
            let bytes = text.as_bytes();
            before.reserve(bytes.len() / 8 + 1);
            let mut chars: u32 = 0;
            // `extend` over the words' exact count writes without a capacity
            // check per word.
            before.extend(bytes.chunks_exact(8).map(|word| {
                let word = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
                let at = chars;
                // At most eight, so the lane sum is exact in the top byte.
                let continuations = (continuation_flags(word).wrapping_mul(ONES) >> 56) as u32;
                chars += 8 - continuations;
                at
            }));
            // The word at the end of the text, partial or empty.
            before.push(chars);
        }
        CharIndex {
            text,
            before,
            ascii,
        }
    }

    /// The character offset of byte offset `byte` (which should be a char
    /// boundary; a byte inside a char maps to the char's index + 1).
    /// Inlined: asked twice for every span of a record (146,000 times over
    /// the news corpus), and its body is a few loads.
    #[inline]
    pub fn char_of(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.ascii {
            return byte;
        }
        let word = byte / 8;
        self.before.get(word).copied().unwrap_or(0) as usize
            + char_starts_in_word(&self.text.as_bytes()[word * 8..], byte % 8)
    }

    /// Number of characters in the whole text.
    pub fn char_len(&self) -> usize {
        self.char_of(self.text.len())
    }
}

/// The number of the first `n` bytes of `bytes` (`n` below 8: the bytes of
/// an offset's eight-byte word before it) that start a char (that are not
/// UTF-8 continuation bytes `10xxxxxx`): the word is read whole and masked
/// where the text goes on that far.
fn char_starts_in_word(bytes: &[u8], n: usize) -> usize {
    let continuations = match bytes.first_chunk::<8>() {
        Some(word) => {
            let inside = (1u64 << (8 * n)) - 1;
            let flags = continuation_flags(u64::from_le_bytes(*word)) & inside;
            // The sum of the lanes collects in the top byte of the product.
            (flags.wrapping_mul(ONES) >> 56) as usize
        }
        None => bytes[..n].iter().filter(|&&b| b & 0xC0 == 0x80).count(),
    };
    n - continuations
}

/// `1` in each byte of `x` that is a UTF-8 continuation byte, `0` elsewhere:
/// bit 7 set and bit 6 clear (bit 6 shifted up into bit 7's place; a byte's
/// bit 7 shifts into the next byte's bit 0, which is masked off).
#[inline]
fn continuation_flags(x: u64) -> u64 {
    (x & !(x << 1) & HIGH) >> 7
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
    fn char_starts_in_word_counts_every_byte_value() {
        // Every byte value in every position of a word, counted up to every
        // length below eight, read whole (the text goes on) or byte by byte.
        for b in 0..=255u8 {
            for len in [1usize, 7, 8, 9, 16] {
                for pos in 0..len {
                    let mut bytes = vec![b'a'; len];
                    bytes[pos] = b;
                    for n in 0..len.min(8) {
                        let naive = bytes[..n].iter().filter(|&&x| x & 0xC0 != 0x80).count();
                        assert_eq!(char_starts_in_word(&bytes, n), naive, "{n} of {bytes:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn ascii_is_identity() {
        let idx = CharIndex::new("plain text");
        assert_eq!(idx.char_of(5), 5);
        assert_eq!(idx.char_len(), 10);
    }
}
