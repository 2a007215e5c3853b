//! The quantity stage's own view of a sentence: small tokens that keep digits, letters
//! and signs apart, so that "3km", "77-jährige", "US-Dollar", "m²" and "2:1" can be read.
//!
//! Why its own: the shared tokenizer keeps `77-Jährige` or `Staats-` as one word, which is
//! right for entities and claims but hides the pieces a figure is made of. This one is a
//! single linear pass over the bytes of one sentence (ASCII without decoding); the token
//! vector and the lower-case buffer are reused from sentence to sentence. It does not
//! decide anything about numbers.
//!
//! Example: `"rund 9,5 Mio. Euro"` → `rund` `9,5` `Mio` `.` `Euro`.

use crate::swar;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters only.
    Word,
    /// Digits with inner `.`, `,` or `:` between digits (`1.000`, `3,5`, `14.30`, `2:1`).
    Num,
    /// Letters and digits mixed (`DE000HSH5WH0`, `6P5`): an identifier, never a figure.
    Mixed,
    /// Any other single character.
    Punct,
}

/// One token: byte offsets into the document text.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    /// Start byte.
    pub s: usize,
    /// End byte.
    pub e: usize,
    /// What it is.
    pub kind: Kind,
    /// Whitespace (or the sentence start) directly before it.
    pub sp: bool,
    /// The lower-case form: a byte range of `Toks::lower`. Every token has one, so that
    /// [`Toks::low`] reads one buffer without a branch on how the token was written (which
    /// of the two a token took was a coin toss to the branch predictor, on every call).
    lo: (u32, u32),
}

/// The allocations of a [`Toks`], without the text (kept between documents).
#[derive(Debug, Default)]
pub struct Buffers {
    toks: Vec<Tok>,
    lower: String,
}

/// The tokens of one sentence, with their lower-case forms.
#[derive(Debug, Default)]
pub struct Toks<'a> {
    /// The whole document text.
    pub text: &'a str,
    /// Tokens in order.
    pub v: Vec<Tok>,
    lower: String,
    /// Where the sentence ends: [`Toks::after`] reads on from here (`None` until a
    /// sentence is read, or when its range was no char range of the text).
    end: Option<usize>,
}

/// Byte classes for `fill`: ASCII bytes are classified by one table load.
const HIGH: u8 = 0;
const SPACE: u8 = 1;
const DIGIT: u8 = 2;
const LOWER: u8 = 3;
const UPPER: u8 = 4;
const SIGN: u8 = 5;

/// How a word's lower case is made (bits): it has an ASCII capital…
const ASCII_CAPITAL: u8 = 1;
/// …or a Latin-1 capital or a letter beyond Latin-1 (lower-cased char by char).
const OTHER_CASE: u8 = 2;

/// The class of every byte; `HIGH` for the bytes of non-ASCII chars.
static CLASS: [u8; 256] = {
    let mut t = [HIGH; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'\t'..=b'\r' | b' ' => SPACE,
            b'0'..=b'9' => DIGIT,
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' => UPPER,
            _ => SIGN,
        };
        b += 1;
    }
    t
};

pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}')
}

/// The char at byte `i` of `text` (a char boundary) and its length; ASCII without decoding.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (char::from(b), 1);
    }
    match text.get(i..).and_then(|r| r.chars().next()) {
        Some(c) => (c, c.len_utf8()),
        None => ('\u{FFFD}', 1),
    }
}

/// Where the run of chars from byte `from` that `keep` holds for ends (at `end` at most).
#[inline(always)]
fn run_end(text: &str, from: usize, end: usize, keep: impl Fn(char) -> bool) -> usize {
    let mut e = from;
    while e < end {
        let (c, len) = char_at(text, e);
        if !keep(c) {
            break;
        }
        e += len;
    }
    e
}

/// The number of ASCII lower-case letters `b` starts with, tested eight bytes at a time
/// (the inner loop of every word: most of a German word is such letters).
#[inline]
fn lower_run(b: &[u8]) -> usize {
    let mut n = 0;
    while let Some(x) = swar::word_at(b, n) {
        let stop = !swar::in_range(x, b'a', b'z') & swar::HIGH;
        if stop != 0 {
            return n + swar::bytes_before(stop);
        }
        n += 8;
    }
    while b.get(n).is_some_and(u8::is_ascii_lowercase) {
        n += 1;
    }
    n
}

#[inline]
fn alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if ('\u{C0}'..='\u{FF}').contains(&c) {
        // Latin-1 letters (Ä Ö Ü ä ö ü ß é …), all but × and ÷
        !matches!(c, '\u{D7}' | '\u{F7}')
    } else if ('\u{2000}'..='\u{206F}').contains(&c) {
        // general punctuation (– „ “ …), frequent in news, has no letters
        false
    } else {
        c.is_alphabetic()
    }
}

#[inline]
fn alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

#[inline]
fn space(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, '\t'..='\r' | ' ')
    } else {
        is_space(c)
    }
}

impl<'a> Toks<'a> {
    /// Tokenizes `text[start..end]`.
    pub fn new(text: &'a str, start: usize, end: usize) -> Self {
        let mut t = Toks::empty(text);
        t.fill(start, end);
        t
    }

    /// No tokens yet; `fill` reads a sentence of `text` into the reused buffers.
    pub fn empty(text: &'a str) -> Self {
        Self::with_buffers(text, Buffers::default())
    }

    /// As [`Toks::empty`], reusing the buffers of an earlier document.
    pub fn with_buffers(text: &'a str, buffers: Buffers) -> Self {
        Toks {
            text,
            v: buffers.toks,
            lower: buffers.lower,
            end: None,
        }
    }

    /// The buffers, to be reused for the next document.
    pub fn into_buffers(self) -> Buffers {
        Buffers {
            toks: self.v,
            lower: self.lower,
        }
    }

    /// Tokenizes `text[start..end]` (char boundaries), replacing the previous sentence.
    /// One pass over the bytes: ASCII is classified by a table, and the Latin-1 letters
    /// (`Ä` … `ÿ`, two bytes after 0xC3) inside words without decoding.
    pub fn fill(&mut self, start: usize, end: usize) {
        self.v.clear();
        self.lower.clear();
        self.end = None;
        let text = self.text;
        if start > end
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            return;
        }
        self.end = Some(end);
        self.v.reserve((end - start) / 5 + 1);
        self.lower.reserve(end - start + 8);
        // the sentence in ASCII lower case, at the start of `lower`: the lower case of a
        // word whose only capitals are ASCII is its range in it (one copy per sentence
        // instead of one per capitalised word; offsets are `s - start`)
        self.lower.push_str(text.get(start..end).unwrap_or(""));
        self.lower.make_ascii_lowercase();
        // a token's range in that copy
        let copied = |s: usize, e: usize| ((s - start) as u32, (e - start) as u32);
        let b = &text.as_bytes()[..end];
        let digit_at = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
        let mut i = start;
        let mut sp = true;
        while let Some(&x) = b.get(i) {
            let s = i;
            let class = CLASS[usize::from(x)];
            let (c, cl) = if class == HIGH {
                char_at(text, i)
            } else {
                (char::from(x), 1)
            };
            // words first: they are most tokens (exact: a word's class, or a char that is
            // alphabetic, is no space, digit or comma)
            if class == LOWER || class == UPPER || class == HIGH && alphabetic(c) {
                // (words starting with h or w only; their first four bytes with the 0x20
                // bit set are "http" or "www." for any case of those: one compare before
                // the three prefix tests)
                let url = matches!(x, b'h' | b'H' | b'w' | b'W')
                    && b.get(i..i + 4)
                        .and_then(|h| h.try_into().ok())
                        .is_some_and(|h: [u8; 4]| {
                            matches!(
                                &(u32::from_le_bytes(h) | 0x2020_2020).to_le_bytes(),
                                b"http" | b"www."
                            )
                        })
                    && ["http://", "https://", "www."].iter().any(|p| {
                        b.get(i..i + p.len())
                            .is_some_and(|w| w.eq_ignore_ascii_case(p.as_bytes()))
                    });
                let mut e = i + cl;
                if url {
                    e = run_end(text, e, end, |c| !space(c));
                    self.push(start, s, e, Kind::Mixed, sp);
                    i = e;
                    sp = false;
                    continue;
                }
                let mut kind = Kind::Word;
                // what the word's lower case takes: nothing (lower case already, which
                // includes ä ö ü ß), ASCII folding only, or the char-wise `push`; an ASCII
                // first letter without a branch on its case (a capital is a coin toss in
                // German text)
                let mut case = if class == HIGH {
                    if ('\u{DF}'..='\u{FF}').contains(&c) {
                        0
                    } else {
                        OTHER_CASE
                    }
                } else {
                    ASCII_CAPITAL * u8::from(class == UPPER)
                };
                loop {
                    e += b.get(e..).map_or(0, lower_run);
                    let Some(&x) = b.get(e) else {
                        break;
                    };
                    match CLASS[usize::from(x)] {
                        UPPER => {
                            case |= ASCII_CAPITAL;
                            e += 1;
                        }
                        DIGIT => {
                            kind = Kind::Mixed;
                            e += 1;
                        }
                        HIGH => {
                            // Latin-1 letters (Ä Ö Ü ä ö ü ß é …, not × ÷) without decoding
                            if x == 0xC3 {
                                if let Some(&y) = b.get(e + 1) {
                                    if (0x80..=0xBF).contains(&y) && y != 0x97 && y != 0xB7 {
                                        if y < 0x9F {
                                            // a capital (À … Þ)
                                            case |= OTHER_CASE;
                                        }
                                        e += 2;
                                        continue;
                                    }
                                }
                            }
                            let (d, dl) = char_at(text, e);
                            if !alphabetic(d) {
                                break;
                            }
                            case |= OTHER_CASE;
                            e += dl;
                        }
                        _ => break,
                    }
                }
                if kind == Kind::Mixed {
                    // take the rest of the alphanumeric run
                    e = run_end(text, e, end, alphanumeric);
                }
                if case & OTHER_CASE != 0 || kind == Kind::Mixed {
                    self.push(start, s, e, kind, sp);
                } else {
                    // lower case as written, or with ASCII capitals only: the char-wise
                    // lower case of such a word is its ASCII lower case, which the
                    // sentence's copy at the start of `lower` holds
                    self.v.push(Tok {
                        s,
                        e,
                        kind,
                        sp,
                        lo: copied(s, e),
                    });
                }
                // the one space after most words is taken here, not by a turn of the loop
                if b.get(e) == Some(&b' ') {
                    i = e + 1;
                    sp = true;
                } else {
                    i = e;
                    sp = false;
                }
                continue;
            }
            if class == SPACE || class == HIGH && is_space(c) {
                sp = true;
                i += cl;
                continue;
            }
            if class == DIGIT || (x == b',' && sp && digit_at(i + 1)) {
                // digits with inner separators
                let mut e = i + 1;
                let mut prev_digit = class == DIGIT;
                while let Some(&d) = b.get(e) {
                    if d.is_ascii_digit() {
                        prev_digit = true;
                    } else if matches!(d, b'.' | b',' | b':') && prev_digit {
                        if !digit_at(e + 1) {
                            break;
                        }
                        prev_digit = false;
                    } else {
                        break;
                    }
                    e += 1;
                }
                // digits followed by letters followed by digits: an identifier
                let l = run_end(text, e, end, alphabetic);
                if l > e && digit_at(l) {
                    let me = run_end(text, e, end, alphanumeric);
                    self.push(start, s, me, Kind::Mixed, sp);
                    i = me;
                } else {
                    // digits and separators are their own lower case: their range in
                    // the sentence's copy
                    self.v.push(Tok {
                        s,
                        e,
                        kind: Kind::Num,
                        sp,
                        lo: copied(s, e),
                    });
                    i = e;
                }
                sp = false;
                continue;
            }
            if class != HIGH {
                // ASCII signs are their own lower case
                self.v.push(Tok {
                    s,
                    e: s + 1,
                    kind: Kind::Punct,
                    sp,
                    lo: copied(s, s + 1),
                });
                i += 1;
                sp = false;
                continue;
            }
            if ('\u{2000}'..='\u{206F}').contains(&c) {
                // general punctuation (– „ “ …) is its own lower case (and ASCII
                // lowering leaves its bytes alone)
                self.v.push(Tok {
                    s,
                    e: s + cl,
                    kind: Kind::Punct,
                    sp,
                    lo: copied(s, s + cl),
                });
            } else {
                self.push(start, s, s + cl, Kind::Punct, sp);
            }
            i += cl;
            sp = false;
        }
    }

    /// Pushes a token whose lower case may need more than ASCII folding; `start` is the
    /// sentence's first byte (where the copy in `lower` begins).
    fn push(&mut self, start: usize, s: usize, e: usize, kind: Kind, sp: bool) {
        let piece = &self.text[s..e];
        // most tokens (digits, signs, small words) are their own lower case, which the
        // sentence's copy holds
        let lo = if piece.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
            let a = self.lower.len() as u32;
            super::push_lowercase(piece, &mut self.lower);
            (a, self.lower.len() as u32)
        } else {
            ((s - start) as u32, (e - start) as u32)
        };
        self.v.push(Tok { s, e, kind, sp, lo });
    }

    /// The first word after the sentence on the same line, if any (to read "107." when a
    /// segmenter cut the sentence after an ordinal's dot). Found when asked: few sentences
    /// end that way.
    pub fn after(&self) -> &'a str {
        let Some(rest) = self.end.and_then(|e| self.text.get(e..)) else {
            return "";
        };
        let trimmed = rest.trim_start_matches([' ', '\t', '\u{a0}']);
        let wlen = trimmed
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '-'))
            .map_or(trimmed.len(), |(k, _)| k);
        trimmed.get(..wlen).unwrap_or("")
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.v.len()
    }

    /// The token's text as written ("" past the end). Out of line, as [`Toks::low`].
    #[inline(never)]
    pub fn raw(&self, i: usize) -> &'a str {
        self.v.get(i).map_or("", |t| &self.text[t.s..t.e])
    }

    /// The token's lower-case text ("" past the end). Out of line: the rules ask for it
    /// at some two hundred places, and each inlined copy (bounds and char boundary tests)
    /// made the large rule functions larger than the instruction cache.
    #[inline(never)]
    pub fn low(&self, i: usize) -> &str {
        self.v.get(i).map_or("", |t| self.lower_of(t))
    }

    /// The lower case of every token in order (each as [`Toks::low`] gives it), to be
    /// sliced once per sentence.
    pub fn lower_forms(&self) -> impl Iterator<Item = &str> + '_ {
        self.v.iter().map(|t| self.lower_of(t))
    }

    /// Where token `t`'s lower case lies in `lower`.
    #[inline(always)]
    fn lower_range(t: &Tok) -> std::ops::Range<usize> {
        t.lo.0 as usize..t.lo.1 as usize
    }

    /// Token `t`'s lower case ("" if its range were no char range of `lower`).
    #[inline(always)]
    fn lower_of(&self, t: &Tok) -> &str {
        self.lower.get(Self::lower_range(t)).unwrap_or("")
    }

    /// The token's kind (Punct past the end).
    #[inline]
    pub fn kind(&self, i: usize) -> Kind {
        self.v.get(i).map_or(Kind::Punct, |t| t.kind)
    }

    /// Token `i` is glued to the one before it (no space between).
    #[inline]
    pub fn glued(&self, i: usize) -> bool {
        self.v.get(i).is_some_and(|t| !t.sp)
    }

    /// The token is a word starting with an upper-case letter.
    pub fn capital(&self, i: usize) -> bool {
        self.kind(i) == Kind::Word && self.raw(i).starts_with(char::is_uppercase)
    }

    /// The token is a word in lower case.
    pub fn lowercase_word(&self, i: usize) -> bool {
        self.kind(i) == Kind::Word && self.raw(i).starts_with(char::is_lowercase)
    }

    /// Every letter of the word is upper case and it has at least two ("FC", "SPD").
    pub fn all_caps(&self, i: usize) -> bool {
        let r = self.raw(i);
        self.kind(i) == Kind::Word && r.chars().count() >= 2 && r.chars().all(char::is_uppercase)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_table() {
        let cases: &[(&str, &[&str])] = &[
            ("rund 9,5 Mio. Euro", &["rund", "9,5", "Mio", ".", "Euro"]),
            ("der 77-jährige", &["der", "77", "-", "jährige"]),
            (
                "3km und 4,18m^2",
                &["3", "km", "und", "4,18", "m", "^", "2"],
            ),
            (
                "ISIN DE000HSH5WH0 und 6P5",
                &["ISIN", "DE000HSH5WH0", "und", "6P5"],
            ),
            ("mit 2:6,6:2 verloren", &["mit", "2:6,6:2", "verloren"]),
            ("am 3. Oktober", &["am", "3", ".", "Oktober"]),
            ("US-Dollar", &["US", "-", "Dollar"]),
            ("ÜBER Straße ẞ", &["ÜBER", "Straße", "ẞ"]),
            (",77 und 1 234", &[",77", "und", "1", "234"]),
        ];
        for (input, expected) in cases {
            let t = Toks::new(input, 0, input.len());
            let got: Vec<&str> = (0..t.len()).map(|i| t.raw(i)).collect();
            assert_eq!(&got, expected, "help: tokenizing {input:?}");
        }
    }

    #[test]
    fn every_token_reads_its_lower_case_from_one_buffer() {
        // sentences that start past the text's first byte, with every way of writing a
        // token: lower case, ASCII capitals, Latin-1 and other capitals, digits, signs,
        // general punctuation, identifiers and links
        let text = "Vorweg. Die GmbH zahlte 3,5 Mio. Euro – „ÄRGER“ über Straße ẞ und Œuvre! \
                    ID A7b9 bei HTTP://Beispiel.DE, Www.Test.de httpx Hth: 4km² oder ,5 Prozent; ÖL-Preis 12:30 Uhr…";
        let mut t = Toks::empty(text);
        let starts: Vec<usize> = (0..text.len())
            .filter(|&k| text.is_char_boundary(k))
            .collect();
        for &a in &starts {
            for e in [text.len(), a + 9, a + 31] {
                if e > text.len() || !text.is_char_boundary(e) {
                    continue;
                }
                t.fill(a, e);
                for i in 0..t.len() {
                    let expected: String = t.raw(i).chars().flat_map(char::to_lowercase).collect();
                    assert_eq!(t.low(i), expected, "help: token {i} of {:?}", &text[a..e]);
                }
            }
        }
    }

    #[test]
    fn lower_run_counts_leading_small_letters() {
        for w in [
            "",
            "a",
            "wort",
            "abcdefgh",
            "abcdefghijklmnopq",
            "abcdefghZ",
            "abcdefgh`",
            "abcdefgh{",
            "zahlenwörter",
            "a b",
            "@[`{",
            "ü",
        ] {
            let expected = w.bytes().take_while(u8::is_ascii_lowercase).count();
            assert_eq!(lower_run(w.as_bytes()), expected, "help: lower_run({w:?})");
        }
        // every byte, inside the eight-byte steps and in the tail after them
        for b in 0..=255u8 {
            for at in [5, 9] {
                let mut v = b"abcdefghijk".to_vec();
                v[at] = b;
                let expected = v.iter().take_while(|x| x.is_ascii_lowercase()).count();
                assert_eq!(
                    lower_run(&v),
                    expected,
                    "help: lower_run with byte {b} at {at}"
                );
            }
        }
    }

    #[test]
    fn no_letter_is_a_space() {
        // `fill` tests for a word before a space (words are most tokens): exact only if
        // no char is both
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert!(
                !(alphabetic(c) && is_space(c)),
                "help: {c:?} is a letter and a space"
            );
        }
    }

    #[test]
    fn fast_paths_agree_with_unicode() {
        for u in 0..0x3000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            assert_eq!(
                alphabetic(c),
                c.is_alphabetic(),
                "help: alphabetic({c:?}) must agree with char::is_alphabetic"
            );
            assert_eq!(
                alphanumeric(c),
                c.is_alphanumeric(),
                "help: alphanumeric({c:?})"
            );
            assert_eq!(space(c), is_space(c), "help: space({c:?})");
            if c == 'ẞ' {
                continue;
            }
            let w = c.to_string();
            let t = Toks::new(&w, 0, w.len());
            if t.len() == 1 {
                let expected: String = c.to_lowercase().collect();
                assert_eq!(t.low(0), expected, "help: lower case of {c:?}");
            }
        }
    }
}
