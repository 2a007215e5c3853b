//! Bytes → text, once, with the encoding rules of `SCHEMA.md`.
//!
//! 1. A UTF-8 BOM is dropped; UTF-16 LE/BE with a BOM is decoded as such.
//! 2. Bytes that look binary (a known magic number such as PNG, gzip, zip, PDF
//!    streams or ELF; at least 1 % NUL bytes; or more than 10 % control
//!    characters) are refused with [`ErrorKind::Binary`].
//! 3. Valid UTF-8 is taken as it is.
//! 4. Mostly-valid UTF-8 with a few broken sequences (at least one well-formed
//!    multi-byte sequence, and at least half as many as broken ones) is decoded
//!    lossily (U+FFFD) with a warning: reading such a file as Windows-1252 would
//!    garble every umlaut, and Windows-1252 text almost never forms valid UTF-8.
//! 5. Anything else is Windows-1252 (a superset of Latin-1 for text), with a warning.
//!
//! Line endings, NFD umlauts and invisible characters are kept: offsets must match
//! the text a user opens. A few NUL bytes in otherwise clean text are kept, with a
//! warning.

use crate::error::{Error, ErrorKind};
use crate::swar;

/// The result of decoding: the text and how it was obtained.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The decoded text.
    pub text: String,
    /// `utf-8`, `utf-8-lossy`, `utf-16le`, `utf-16be` or `windows-1252`.
    pub encoding: &'static str,
    /// Non-fatal remarks for the record's `warnings`.
    pub warnings: Vec<String>,
}

/// How much of the input the binary check looks at.
const SNIFF_LEN: usize = 64 * 1024;

/// Decodes `bytes` according to the module rules.
///
/// ```
/// use aussage::input::decode::decode;
/// let d = decode(b"\xef\xbb\xbfGr\xc3\xbc\xc3\x9fe").unwrap();
/// assert_eq!((d.text.as_str(), d.encoding), ("Grüße", "utf-8"));
/// let d = decode(b"\x84Zitat\x93").unwrap();
/// assert_eq!((d.text.as_str(), d.encoding), ("„Zitat“", "windows-1252"));
/// ```
pub fn decode(bytes: &[u8]) -> Result<Decoded, Error> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_unmarked(rest);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return Ok(decode_utf16(&bytes[2..], encoding_rs::UTF_16LE, "utf-16le"));
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Ok(decode_utf16(&bytes[2..], encoding_rs::UTF_16BE, "utf-16be"));
    }
    decode_unmarked(bytes)
}

/// Like [`decode`], but takes the bytes by value so that valid UTF-8 (the common
/// case) becomes the text without a copy.
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<Decoded, Error> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return decode(&bytes);
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // One validation: the bytes become the text, or go back for the fallbacks
    // (after a BOM or without one, `decode` would read them as unmarked too).
    match String::from_utf8(bytes) {
        Ok(text) => {
            let sample_nuls = sniff(text.as_bytes()).map_err(binary_error)?;
            let warnings = nul_warning(text.as_bytes(), sample_nuls)
                .into_iter()
                .collect();
            Ok(Decoded {
                text,
                encoding: "utf-8",
                warnings,
            })
        }
        Err(e) => decode_unmarked(e.as_bytes()),
    }
}

fn binary_error(what: &str) -> Error {
    Error::document(
        ErrorKind::Binary,
        format!("looks like binary data ({what}), not text"),
    )
}

/// The warning for NUL bytes kept in `bytes`, of which the sniffed sample (the
/// first [`SNIFF_LEN`] bytes) holds `sample_nuls`: only the rest is scanned again.
fn nul_warning(bytes: &[u8], sample_nuls: usize) -> Option<String> {
    let rest = bytes.get(SNIFF_LEN..).unwrap_or(&[]);
    let nuls = sample_nuls + memchr_count(rest, 0);
    (nuls > 0).then(|| format!("{nuls} NUL byte(s) kept as U+0000"))
}

fn decode_utf16(
    body: &[u8],
    encoding: &'static encoding_rs::Encoding,
    name: &'static str,
) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    let mut warnings = Vec::new();
    if had_errors {
        warnings.push(format!("malformed {name} sequences replaced with U+FFFD"));
    }
    Decoded {
        text: text.into_owned(),
        encoding: name,
        warnings,
    }
}

fn decode_unmarked(bytes: &[u8]) -> Result<Decoded, Error> {
    let sample_nuls = sniff(bytes).map_err(binary_error)?;
    let mut warnings: Vec<String> = nul_warning(bytes, sample_nuls).into_iter().collect();
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_string(),
            encoding: "utf-8",
            warnings,
        }),
        Err(_) => {
            let (valid_multibyte, invalid) = utf8_quality(bytes);
            if valid_multibyte > 0 && 2 * valid_multibyte >= invalid {
                warnings.push(format!(
                    "invalid UTF-8: {invalid} malformed sequence(s) replaced with U+FFFD"
                ));
                Ok(Decoded {
                    text: String::from_utf8_lossy(bytes).into_owned(),
                    encoding: "utf-8-lossy",
                    warnings,
                })
            } else {
                warnings.push("not valid UTF-8: decoded as Windows-1252".to_string());
                let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                Ok(Decoded {
                    text: text.into_owned(),
                    encoding: "windows-1252",
                    warnings,
                })
            }
        }
    }
}

/// The binary check: `Err` with why the bytes look binary, if they do, else the
/// number of NUL bytes in the sample (the first [`SNIFF_LEN`] bytes).
fn sniff(bytes: &[u8]) -> Result<usize, &'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\x1f\x8b", "gzip data"),
        (b"PK\x03\x04", "zip archive"),
        (b"\x7fELF", "ELF executable"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"%PDF-", "PDF document"),
        (b"BZh", "bzip2 data"),
        (b"\xfd7zXZ\x00", "xz data"),
        (b"(\xb5/\xfd", "zstd data"),
    ];
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            // "BZh" and "GIF8" are also plausible text openings; require a
            // control byte soon after to call them binary.
            let sure = magic.len() >= 4 || bytes.iter().take(64).any(|&b| is_control(b));
            if sure {
                return Err(what);
            }
        }
    }
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    if sample.is_empty() {
        return Ok(0);
    }
    // Text holds few bytes below 0x20 (line breaks, tabs) and hardly any DEL: a
    // word-at-a-time test per 16 bytes finds the chunks that hold one, and only
    // those are counted byte by byte (every input file goes through here).
    // A chunk's two words are its first and last eight bytes (no bounds test).
    let (mut nuls, mut controls) = (0usize, 0usize);
    let mut count = |chunk: &[u8]| {
        for &b in chunk {
            nuls += usize::from(b == 0);
            controls += usize::from(is_control(b));
        }
    };
    let mut chunks = sample.chunks_exact(16);
    for chunk in &mut chunks {
        let word = |w: Option<&[u8; 8]>| w.map_or(0, |w| low_or_del_mask(u64::from_le_bytes(*w)));
        if word(chunk.first_chunk()) | word(chunk.last_chunk()) != 0 {
            count(chunk);
        }
    }
    count(chunks.remainder());
    if nuls * 100 >= sample.len() {
        return Err("NUL bytes");
    }
    if controls * 10 > sample.len() {
        return Err("control characters");
    }
    Ok(nuls)
}

/// The high bit of every byte of `w` that is below 0x20 or DEL (0x7F): a superset
/// of the NUL and control bytes.
///
/// One sum answers each question, on the low seven bits of every byte (where
/// no sum carries into the next byte): `b + 0x60` stays below 0x80 exactly
/// for `b` below 0x20, and `b + 1` reaches 0x80 exactly for 0x7F; bytes with
/// their own high bit set (not ASCII) are masked out. Half the operations of
/// two range tests, on every word of every input's sample.
#[inline]
fn low_or_del_mask(w: u64) -> u64 {
    let low7 = w & !swar::HIGH;
    let below_space = !(low7 + 0x60 * swar::ONES);
    let del = low7 + swar::ONES;
    (below_space | del) & !w & swar::HIGH
}

/// C0 controls other than tab, newline, carriage return, form feed, plus DEL.
#[inline]
fn is_control(b: u8) -> bool {
    // Branch-free (`&`, `|` on bools), so that the counting loop vectorises.
    let layout = (b == b'\t') | (b == b'\n') | (b == b'\r') | (b == 0x0c);
    ((b < 0x20) & !layout) | (b == 0x7f)
}

fn memchr_count(bytes: &[u8], needle: u8) -> usize {
    // Most texts hold no such byte: `contains` answers that a word at a time.
    if !bytes.contains(&needle) {
        return 0;
    }
    bytes.iter().filter(|&&b| b == needle).count()
}

/// Counts well-formed multi-byte UTF-8 sequences and malformed ones.
fn utf8_quality(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid_multibyte, mut invalid) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                valid_multibyte += s.chars().filter(|c| c.len_utf8() > 1).count();
                return (valid_multibyte, invalid);
            }
            Err(e) => {
                let good = e.valid_up_to();
                // SAFETY-free: the prefix was just validated.
                if let Ok(s) = std::str::from_utf8(&bytes[..good]) {
                    valid_multibyte += s.chars().filter(|c| c.len_utf8() > 1).count();
                }
                invalid += 1;
                let skip = e.error_len().unwrap_or(bytes.len() - good).max(1);
                bytes = &bytes[(good + skip).min(bytes.len())..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(bytes: &[u8]) -> Decoded {
        decode(bytes).expect("decodes")
    }

    #[test]
    fn encodings() {
        // (input, text, encoding, has warning)
        let cases: &[(&[u8], &str, &str, bool)] = &[
            (b"Hallo Welt", "Hallo Welt", "utf-8", false),
            (b"\xef\xbb\xbfHallo", "Hallo", "utf-8", false),
            (b"\xff\xfeH\x00\xe4\x00", "Hä", "utf-16le", false),
            (b"\xfe\xff\x00H\x00\xe4", "Hä", "utf-16be", false),
            (b"Gr\xfc\xdfe", "Grüße", "windows-1252", true),
            (b"\x84Ja\x93 \x96 nein", "„Ja“ – nein", "windows-1252", true),
            (
                b"Zeile\r\nZeile\rZeile",
                "Zeile\r\nZeile\rZeile",
                "utf-8",
                false,
            ),
            (b"", "", "utf-8", false),
            (
                "Grüße aus Köln \u{00e4}\u{00f6}".as_bytes(),
                "Grüße aus Köln äö",
                "utf-8",
                false,
            ),
        ];
        for (input, text, enc, warn) in cases {
            let d = ok(input);
            assert_eq!(d.text, *text, "help: input {input:?}");
            assert_eq!(d.encoding, *enc, "help: input {input:?}");
            assert_eq!(!d.warnings.is_empty(), *warn, "help: input {input:?}");
        }
    }

    #[test]
    fn owned_decoding_agrees_with_borrowed() {
        let inputs: &[&[u8]] = &[
            b"Hallo",
            b"\xef\xbb\xbfGr\xc3\xbc\xc3\x9fe",
            b"\xff\xfeH\x00",
            b"Gr\xfc\xdfe",
            b"\x89PNG\r\n\x1a\n\x00",
            b"",
        ];
        for input in inputs {
            let owned = decode_owned(input.to_vec()).map_err(|e| e.kind());
            let borrowed = decode(input).map_err(|e| e.kind());
            assert_eq!(owned, borrowed, "help: input {input:?}");
        }
    }

    #[test]
    fn mostly_utf8_with_a_broken_byte_stays_utf8() {
        let mut bytes = "Grüße aus Köln, München und Düsseldorf. "
            .as_bytes()
            .to_vec();
        bytes.push(0xff);
        bytes.extend_from_slice("Weiter geht’s.".as_bytes());
        let d = ok(&bytes);
        assert_eq!(d.encoding, "utf-8-lossy");
        assert!(d.text.contains("München"));
        assert!(d.text.contains('\u{FFFD}'));
    }

    #[test]
    fn binary_is_refused() {
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
        let gzip = b"\x1f\x8b\x08\x00\x00\x00\x00\x00";
        let nul_heavy = [b'a', 0, b'b', 0, b'c', 0];
        let controls: Vec<u8> = (0u8..32).cycle().take(400).collect();
        for input in [&png[..], &gzip[..], &nul_heavy[..], &controls[..]] {
            let err = decode(input).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Binary, "help: input {input:?}");
        }
    }

    /// The word-at-a-time mask marks exactly the bytes below 0x20 and DEL, for
    /// every byte value at every position, among neighbours of any kind.
    #[test]
    fn low_or_del_mask_is_exact() {
        for b in 0u8..=255 {
            for pos in 0..8 {
                for fill in [b'a', 0x00, 0x1f, 0x20, 0x7f, 0x80, 0xc3, 0xff] {
                    let mut bytes = [fill; 8];
                    bytes[pos] = b;
                    let mask = low_or_del_mask(u64::from_le_bytes(bytes));
                    for (k, &x) in bytes.iter().enumerate() {
                        let want = x < 0x20 || x == 0x7f;
                        let got = mask >> (8 * k + 7) & 1 == 1;
                        assert_eq!(got, want, "help: byte {x:#x} at {k} in {bytes:?}");
                    }
                    assert_eq!(mask & !0x8080_8080_8080_8080, 0);
                }
            }
        }
    }

    /// The sniff's counts equal a plain count, for a NUL or control byte at any
    /// place of a text longer than the sample.
    #[test]
    fn sniff_counts_every_byte() {
        let base = "Ein Satz über die Lage.\n".repeat(SNIFF_LEN / 24 + 40);
        for b in 0u8..=0x7f {
            for at in [
                0,
                1,
                63,
                64,
                65,
                4000,
                SNIFF_LEN - 1,
                SNIFF_LEN,
                SNIFF_LEN + 7,
            ] {
                let mut bytes = base.clone().into_bytes();
                bytes[at] = b;
                let sample = &bytes[..SNIFF_LEN];
                let nuls = sample.iter().filter(|&&x| x == 0).count();
                assert_eq!(sniff(&bytes), Ok(nuls), "help: byte {b:#x} at {at}");
                let all = bytes.iter().filter(|&&x| x == 0).count();
                assert_eq!(
                    nul_warning(&bytes, nuls).is_some(),
                    all > 0,
                    "help: byte {b:#x} at {at}"
                );
            }
        }
        let controls: Vec<u8> = (1u8..32).chain([0x7f]).cycle().take(400).collect();
        assert_eq!(sniff(&controls), Err("control characters"));
    }

    #[test]
    fn a_few_nul_bytes_in_long_text_are_kept_with_a_warning() {
        let mut text = "Ein langer deutscher Satz über nichts Besonderes. ".repeat(10);
        text.insert(100, '\0');
        let d = ok(text.as_bytes());
        assert_eq!(d.text, text);
        assert_eq!(d.warnings.len(), 1);
    }
}
