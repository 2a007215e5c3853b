//! Byte tests on eight bytes at once, in one `u64` ("SIMD within a register").
//!
//! Why: the hot loops of several stages ask the same question of every byte of a
//! text (is it a letter, a digit, a control byte, a hyphen?) and stop at the first
//! byte that answers differently. One range test on a word of eight bytes answers
//! it for all eight without a branch per byte; every stage uses the one here, so
//! the carry argument is made once and tested once.

/// `0x01` in every byte.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// `0x80` in every byte: where the tests leave their answers.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `bytes` from `i` on as one word, the first byte lowest;
/// `None` when fewer than eight are left.
#[inline(always)]
pub(crate) fn word_at(bytes: &[u8], i: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(i..i.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// `0x80` in each byte of `x` that is an ASCII byte from `lo` to `hi` (both
/// included; `hi` below `0x80`), `0` in every other byte; exact for every byte.
///
/// On the low seven bits of a byte, adding `0x80 - lo` reaches the high bit from
/// `lo` up and adding `0x7F - hi` from past `hi` up; neither sum exceeds `0xFF`,
/// so no byte carries into the next, and a byte whose own high bit is set (not
/// ASCII) is masked out.
#[inline(always)]
pub(crate) fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let low7 = x & !HIGH;
    let from_lo = low7 + u64::from(0x80 - lo) * ONES;
    let past_hi = low7 + u64::from(0x7F - hi) * ONES;
    from_lo & !past_hi & !x & HIGH
}

/// The number of leading bytes of `x` (first byte lowest) before the first byte
/// whose high bit is set in `mask` (8 when none is).
#[inline(always)]
pub(crate) fn bytes_before(mask: u64) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

/// The high bits of the eight bytes of `mask` as eight bits: bit `k` for byte
/// `k` (first byte lowest). Only the high bits of `mask` may be set, as
/// [`in_range`] leaves them.
///
/// The product moves byte `k`'s bit (at `8k + 7`) to `56 + k`; no two of the
/// 64 partial products fall on the same bit, so nothing carries.
#[inline(always)]
pub(crate) fn high_bits(mask: u64) -> u8 {
    (mask.wrapping_mul(0x0002_0408_1020_4081) >> 56) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_range_answers_every_byte_at_every_position() {
        let ranges = [
            (0x00, 0x1F),
            (b'"', b'"'),
            (b'\\', b'\\'),
            (b'-', b'-'),
            (b'0', b'9'),
            (b'a', b'z'),
            (b'A', b'Z'),
            (0x7F, 0x7F),
            (0x00, 0x7F),
        ];
        // Neighbours that would show a carry or a borrow across bytes.
        let fillers = [0x00u8, 0x1F, 0x20, 0x7F, 0x80, 0xFF, b'a', b'9'];
        for (lo, hi) in ranges {
            for b in 0..=255u8 {
                for pos in 0..8 {
                    for fill in fillers {
                        let mut bytes = [fill; 8];
                        bytes[pos] = b;
                        let got = in_range(u64::from_le_bytes(bytes), lo, hi);
                        for (k, &v) in bytes.iter().enumerate() {
                            let want = v < 0x80 && (lo..=hi).contains(&v);
                            let bit = got >> (8 * k) & 0xFF;
                            assert_eq!(
                                bit,
                                if want { 0x80 } else { 0 },
                                "{v:#x} in {lo:#x}..={hi:#x}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn high_bits_gathers_one_bit_per_byte() {
        for bits in 0..=255u8 {
            let mask = (0..8)
                .filter(|k| bits >> k & 1 == 1)
                .fold(0u64, |m, k| m | 0x80 << (8 * k));
            assert_eq!(high_bits(mask), bits, "{mask:#018x}");
        }
    }

    #[test]
    fn word_at_reads_little_endian_and_refuses_short_rests() {
        let bytes = *b"abcdefghij";
        assert_eq!(word_at(&bytes, 0), Some(u64::from_le_bytes(*b"abcdefgh")));
        assert_eq!(word_at(&bytes, 2), Some(u64::from_le_bytes(*b"cdefghij")));
        assert_eq!(word_at(&bytes, 3), None);
        assert_eq!(word_at(&bytes, usize::MAX), None);
        assert_eq!(bytes_before(0), 8);
        assert_eq!(bytes_before(0x80 << 24), 3);
    }
}
