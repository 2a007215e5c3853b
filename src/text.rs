//! Byte ↔ character offsets, and the case folding that keeps them.
//!
//! Stages work on byte offsets into the decoded `&str` (cheap slicing, no
//! allocation); the record contract counts Unicode scalar values (Python `str`
//! indices). [`CharIndex`] converts byte offsets to char offsets in O(1) amortised
//! time with a sparse checkpoint table (one `u32` per 64 bytes), so even a 20 MB
//! document needs only about 1.3 MB of index. For pure-ASCII text it is the identity.
//!
//! ```
//! use aussage::text::CharIndex;
//! let text = "Größe: 3 m";
//! let idx = CharIndex::new(text);
//! assert_eq!(idx.char_of(text.find("3").unwrap()), 7);
//! ```

const STRIDE: usize = 64;

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
    /// `checkpoints[i]` = number of chars in `text[..i * STRIDE]` (rounded down to a
    /// char boundary, see [`CharIndex::char_of`]); empty when the text is ASCII.
    checkpoints: Vec<u32>,
    ascii: bool,
}

impl<'t> CharIndex<'t> {
    /// Builds the index in one pass over the text.
    pub fn new(text: &'t str) -> Self {
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        if !ascii {
            checkpoints.reserve(text.len() / STRIDE + 1);
            let bytes = text.as_bytes();
            let mut chars: u32 = 0;
            // Count every byte that starts a char (not a continuation byte), a
            // stride at a time so that the count vectorises.
            let starts = |chunk: &[u8]| -> u32 {
                chunk.iter().map(|&b| u32::from((b & 0xC0) != 0x80)).sum()
            };
            let mut strides = bytes.chunks_exact(STRIDE);
            for chunk in &mut strides {
                checkpoints.push(chars);
                chars += starts(chunk);
            }
            // A partial last stride gets its checkpoint; so does the end of the
            // text when it falls on a stride boundary.
            checkpoints.push(chars);
        }
        CharIndex {
            text,
            checkpoints,
            ascii,
        }
    }

    /// The character offset of byte offset `byte` (which should be a char
    /// boundary; a byte inside a char maps to the char's index + 1).
    pub fn char_of(&self, byte: usize) -> usize {
        if self.ascii {
            return byte.min(self.text.len());
        }
        let byte = byte.min(self.text.len());
        let slot = byte / STRIDE;
        let base = slot * STRIDE;
        let counted = self.checkpoints.get(slot).copied().unwrap_or(0) as usize;
        counted + char_starts(&self.text.as_bytes()[base..], byte - base)
    }

    /// The character offsets of the byte span `start..end` (`start <= end`,
    /// both as for [`CharIndex::char_of`]). A span shorter than the way from
    /// its end's checkpoint (most names and figures) counts its end from its
    /// start.
    pub fn span(&self, start: usize, end: usize) -> (usize, usize) {
        let first = self.char_of(start);
        let end = end.min(self.text.len());
        let from_checkpoint = end % STRIDE;
        if self.ascii || start > end || end - start >= from_checkpoint {
            return (first, self.char_of(end));
        }
        let bytes = &self.text.as_bytes()[start..];
        (first, first + char_starts(bytes, end - start))
    }

    /// Number of characters in the whole text.
    pub fn char_len(&self) -> usize {
        self.char_of(self.text.len())
    }
}

/// The number of the first `n` bytes of `bytes` (`n` below 256) that start a
/// char (that are not UTF-8 continuation bytes `10xxxxxx`), eight bytes at a
/// time: every span's two offsets count up to 63 bytes after their checkpoint.
/// A last partial word is read whole and masked when the text goes on.
fn char_starts(bytes: &[u8], n: usize) -> usize {
    // One counter a byte lane (each stays below 32, the total below 256).
    let mut lanes = 0u64;
    let mut words = bytes[..n].chunks_exact(8);
    for word in &mut words {
        lanes += continuation_flags(u64::from_le_bytes(word.try_into().unwrap_or([0; 8])));
    }
    let rest = words.remainder().len();
    if rest > 0 {
        let at = n - rest;
        match bytes.get(at..at + 8) {
            Some(word) => {
                let word = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
                let inside = (1u64 << (8 * rest)) - 1;
                lanes += continuation_flags(word) & inside;
            }
            None => lanes += bytes[at..n].iter().filter(|&&b| b & 0xC0 == 0x80).count() as u64,
        }
    }
    // The sum of the lanes collects in the top byte of the product.
    let continuations = (lanes.wrapping_mul(ONES) >> 56) as usize;
    n - continuations
}

const ONES: u64 = 0x0101_0101_0101_0101;

/// `1` in each byte of `x` that is a UTF-8 continuation byte, `0` elsewhere:
/// bit 7 set and bit 6 clear (bit 6 shifted up into bit 7's place; a byte's
/// bit 7 shifts into the next byte's bit 0, which is masked off).
#[inline]
fn continuation_flags(x: u64) -> u64 {
    (x & !(x << 1) & (ONES << 7)) >> 7
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
        let base = "Ärger über 3,5 % — „Zitat“ 😀 und mehr Text, der länger als vierundsechzig Bytes ist, ößü.";
        // Every length around the checkpoint stride, so the end falls on and off it.
        for cut in 0..base.len() {
            if !base.is_char_boundary(cut) {
                continue;
            }
            let text = &base[..cut];
            let idx = CharIndex::new(text);
            for (b, _) in text.char_indices() {
                assert_eq!(idx.char_of(b), text[..b].chars().count(), "byte {b}");
            }
            assert_eq!(idx.char_len(), text.chars().count(), "length {cut}");
            // Spans count their end from their start or from a checkpoint.
            let bounds: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([cut]).collect();
            for &s in &bounds {
                for &e in bounds.iter().filter(|&&e| e >= s) {
                    assert_eq!(idx.span(s, e), (idx.char_of(s), idx.char_of(e)), "{s}..{e}");
                }
            }
        }
    }

    #[test]
    fn char_starts_counts_every_byte_value() {
        // Every byte value in every position of a chunk and of the remainder.
        for b in 0..=255u8 {
            for len in [1usize, 7, 8, 9, 16, 17] {
                for pos in 0..len {
                    let mut bytes = vec![b'a'; len];
                    bytes[pos] = b;
                    let naive = bytes.iter().filter(|&&x| x & 0xC0 != 0x80).count();
                    assert_eq!(
                        char_starts(&bytes, len),
                        naive,
                        "byte {b:#x} at {pos} of {len}"
                    );
                    // Counting a prefix reads (and masks) the bytes after it.
                    let prefix = bytes[..pos].iter().filter(|&&x| x & 0xC0 != 0x80).count();
                    assert_eq!(char_starts(&bytes, pos), prefix, "{pos} of {bytes:?}");
                }
            }
        }
        let odd = "Größe – 😀ß";
        assert_eq!(char_starts(odd.as_bytes(), odd.len()), odd.chars().count());
        // The most continuation bytes a count can meet: 63 bytes of 4-byte chars.
        let wide = "😀".repeat(16);
        assert_eq!(char_starts(wide.as_bytes(), 63), 16);
    }

    #[test]
    fn ascii_is_identity() {
        let idx = CharIndex::new("plain text");
        assert_eq!(idx.char_of(5), 5);
        assert_eq!(idx.char_len(), 10);
    }
}
