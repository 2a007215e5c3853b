//! The tokenizer: words, numbers in German notation, abbreviations, URLs, e-mail
//! addresses and punctuation, in one left-to-right pass over the bytes, without
//! allocation per token.
//!
//! - Words run over letters, digits, combining marks and inner hyphens/apostrophes:
//!   `Ukraine-Krieg`, `US-Präsident`, `geht’s` are one token each
//!   ([`Token::parts`](super::Token::parts) gives the parts of a compound).
//! - Numbers keep German separators between digits: `1.000`, `3,5`, `14.30`,
//!   `3.10.2000`; a trailing dot is punctuation (`am 3. Oktober` → `3`, `.`), and so
//!   is a sign after a space (`40 %` → `40`, `%`).
//! - A word followed by `.` that is a known abbreviation (`Dr.`, `Mio.`, sentence-initial
//!   `Ca.`), a street name (`Hauptstr.`) or a single capital letter (an initial, `J.`)
//!   takes the dot; multi-piece abbreviations (`z. B.`, `u.a.`) become one token.
//! - URLs (`https://…`, `www.…`) and e-mail addresses are one token.
//! - Runs of `.`, `!`, `?`, `…` are one token (`...`, `?!`); so are runs of
//!   superscript digits (footnote marks, `¹`). Every other non-space character is a
//!   one-character punctuation token.
//!
//! It does not decide sentence ends; `sentences.rs` does, with the abbreviation
//! classes this pass records beside the tokens.

use super::{AbbrevEnd, Segmenter, Token};
use crate::swar;

/// The kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (possibly with digits, inner hyphens or apostrophes).
    Word,
    /// Digits with German separators.
    Number,
    /// An abbreviation including its dot(s).
    Abbrev,
    /// A URL or e-mail address.
    Url,
    /// Punctuation or a symbol (one char, or a run of `.!?…`, or of superscript digits).
    Punct,
}

/// Per-token flags beside the tokens: bits 0–1 the abbreviation class (see
/// [`class_of`]), bits 2–3 the line breaks before the token (0, 1, 2 = two or more),
/// bit 4 ([`UPPER`]) a capital first letter, bit 5 ([`STOP`]) a token the sentence
/// splitter's fast path must look at, bit 6 ([`MINOR`]) a mark that ends nothing.
const NL_SHIFT: u8 = 2;

/// Flag bits of the line breaks before a token.
pub(crate) const NL_MASK: u8 = 3 << NL_SHIFT;

/// Flag bit: the token starts with an upper-case letter.
pub(crate) const UPPER: u8 = 0x10;

/// Flag bit: the token is no word or number, or it is `Ich` or `Wir` (which may
/// start a sentence without punctuation); the splitter skips other tokens inside
/// a line by their flags alone.
pub(crate) const STOP: u8 = 0x20;

/// Flag bit: a punctuation token that is no run of sentence-final marks (`,`, `„`,
/// `–`, `(`): inside a line it only tells the splitter that the sentence holds
/// more than words.
pub(crate) const MINOR: u8 = 0x40;

/// Line breaks (0, 1, or 2 for two or more) before the token with these flags.
pub(crate) fn newlines_before(flags: u8) -> usize {
    usize::from((flags >> NL_SHIFT) & 3)
}

fn class_code(c: AbbrevEnd) -> u8 {
    match c {
        AbbrevEnd::Never => 1,
        AbbrevEnd::BeforeStarter => 2,
        AbbrevEnd::BeforeCapital => 3,
    }
}

/// Decodes the code of [`class_code`].
pub(crate) fn class_of(flags: u8) -> Option<AbbrevEnd> {
    match flags & 3 {
        1 => Some(AbbrevEnd::Never),
        2 => Some(AbbrevEnd::BeforeStarter),
        3 => Some(AbbrevEnd::BeforeCapital),
        _ => None,
    }
}

/// Splits `text` into tokens; the second vector holds each token's flags (its
/// abbreviation class, see [`class_of`], and the line breaks before it, see
/// [`newlines_before`]).
pub(crate) fn tokenize(seg: &Segmenter, text: &str) -> (Vec<Token>, Vec<u8>) {
    let bytes = text.as_bytes();
    let mut out = Out {
        tokens: Vec::with_capacity(text.len() / 5 + 1),
        flags: Vec::with_capacity(text.len() / 5 + 1),
        mail_fail_until: 0,
    };
    // Line breaks in the blank run before the next token (`\r\n` counts once), as
    // the flag bits of the token (0, 1, 2 = two or more; see [`newlines_before`]).
    let mut nl: u8 = 0;
    let line_break = |nl: u8| (nl + (1 << NL_SHIFT)).min(2 << NL_SHIFT);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Most tokens start with an ASCII letter or digit after one space: these
        // two tests come first, and such a token needs no char decoding.
        if b == b' ' {
            i += 1;
            continue;
        }
        let start = TOKEN_START[usize::from(b)];
        if start != 0 {
            let before = nl | (start & UPPER);
            nl = 0;
            i = out.word(seg, text, i, b as char, before);
            continue;
        }
        // The other ASCII bytes: blanks, line breaks, punctuation.
        match b {
            b'\t' | 0x0B | 0x0C => {
                i += 1;
                continue;
            }
            b'\n' => {
                nl = line_break(nl);
                i += 1;
                continue;
            }
            b'\r' => {
                if bytes.get(i + 1) != Some(&b'\n') {
                    nl = line_break(nl);
                }
                i += 1;
                continue;
            }
            // Other ASCII: punctuation, one byte or a run of `.!?` (and `…`).
            0..=0x7F => {
                let mut end = i + 1;
                let mut minor = MINOR;
                if matches!(b, b'.' | b'!' | b'?') {
                    end = final_run_end(text, end);
                    minor = 0;
                }
                out.push(i, end, TokenKind::Punct, nl | minor);
                nl = 0;
                i = end;
                continue;
            }
            _ => {}
        }
        // A non-ASCII char: a blank, a letter (`Ä`, NFD marks) or a symbol.
        let c = char_at(text, i);
        let len = c.len_utf8();
        if is_space(c) {
            if matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') {
                nl = line_break(nl);
            }
            i += len;
            continue;
        }
        // The flags of the token that starts here: line breaks before it.
        let mut before = nl;
        if is_upper(c) {
            before |= UPPER;
        }
        nl = 0;
        if is_word_char(c) {
            i = out.word(seg, text, i, c, before);
            continue;
        }
        // Punctuation: runs of sentence-final marks and of superscript digits stay together.
        let mut end = i + len;
        let mut minor = MINOR;
        if c == '…' {
            end = final_run_end(text, end);
            minor = 0;
        } else if is_superscript_digit(c) {
            while end < bytes.len() && is_superscript_digit(char_at(text, end)) {
                end += char_at(text, end).len_utf8();
            }
        }
        out.push(i, end, TokenKind::Punct, before | minor);
        i = end;
    }
    (out.tokens, out.flags)
}

/// The tokenizer's output so far.
struct Out {
    tokens: Vec<Token>,
    flags: Vec<u8>,
    /// No e-mail address starts before this offset (see `mail_end`): keeps the
    /// look-ahead linear on long runs such as "a.a.a.a…".
    mail_fail_until: usize,
}

impl Out {
    #[inline]
    fn push(&mut self, start: usize, end: usize, kind: TokenKind, flags: u8) {
        let word = matches!(kind, TokenKind::Word | TokenKind::Number);
        self.tokens.push(Token { start, end, kind });
        self.flags.push(flags | if word { 0 } else { STOP });
    }

    /// Adds the token that starts at `i` with the word char `first` (flags
    /// `before`): a URL, a word or number, an e-mail address or an abbreviation.
    /// Returns its end.
    #[inline]
    fn word(&mut self, seg: &Segmenter, text: &str, i: usize, first: char, before: u8) -> usize {
        let bytes = text.as_bytes();
        let letters = letters_end(bytes, i);
        // Most words are ASCII letters before a blank, a comma or a quote: such a
        // word ends there (as `word_end` would end it), and no URL, address or
        // abbreviation goes on past that byte. (The run holds a letter: with
        // none, `letters` is `i`, whose word char is no `PLAIN_END` byte.)
        if bytes
            .get(letters)
            .is_some_and(|&b| PLAIN_END[usize::from(b)])
        {
            let stop = if is_pronoun(bytes, i, letters, first) {
                STOP
            } else {
                0
            };
            self.push(i, letters, TokenKind::Word, before | stop);
            return letters;
        }
        self.other_word(seg, text, i, letters, first, before)
    }

    /// [`Out::word`] for the token at `i` whose first letter run ends at
    /// `letters` when its fast path does not apply: out of line, so the fast
    /// path's loop keeps its values in registers.
    #[inline(never)]
    fn other_word(
        &mut self,
        seg: &Segmenter,
        text: &str,
        i: usize,
        letters: usize,
        first: char,
        before: u8,
    ) -> usize {
        let bytes = text.as_bytes();
        let (end, kind) = word_end_from(text, i, letters, true);
        // A word ends before a blank or punctuation; only these bytes may go on
        // into a URL, an e-mail address or an abbreviation's dot.
        // (The end of the text reads as 0, which goes on with nothing.)
        let next = bytes.get(end).copied().unwrap_or(0);
        if goes_on_after_word(next) {
            // A URL is asked for here, not at every word that starts with h or
            // w (a mispredicted test at one word in four): its scheme or `www`
            // is a word of three to five letters before `:` or `.`, see
            // [`may_start_url`].
            if may_start_url(next, end - i) {
                if let Some(url) = url_end(text, i) {
                    self.push(i, url, TokenKind::Url, before);
                    return url;
                }
            }
            // Before `.` `_` `+` `-`, an address goes on only with a byte of its
            // own after them: "ging. Dann" needs no scan (which would fail and
            // record no more than `mail_end` itself would skip). Before `:` it
            // cannot go on.
            let may_mail = match next {
                b'@' => true,
                b':' => false,
                _ => bytes
                    .get(end + 1)
                    .is_some_and(|&b| b == b'@' || is_mail_local(b)),
            };
            if may_mail && i >= self.mail_fail_until {
                if let Some(mail) = mail_end(bytes, i, &mut self.mail_fail_until) {
                    self.push(i, mail, TokenKind::Url, before);
                    return mail;
                }
            }
            if kind == TokenKind::Word && next == b'.' {
                if let Some((abbr_end, class)) = abbreviation(seg, text, i, end, first) {
                    self.push(i, abbr_end, TokenKind::Abbrev, class_code(class) | before);
                    return abbr_end;
                }
            }
        }
        let stop = if is_pronoun(bytes, i, end, first) {
            STOP
        } else {
            0
        };
        self.push(i, end, kind, before | stop);
        end
    }
}

/// Whether the word at `start..end` (first char `first`) is `Ich` or `Wir`,
/// which may start a sentence without punctuation (flag [`STOP`]).
/// The first letter is tested first: a capital `I` or `W` is rare, so that
/// branch is well predicted, where the length test (three letters: common, and
/// mixed with other lengths) was mispredicted at one word in four.
#[inline(always)]
fn is_pronoun(bytes: &[u8], start: usize, end: usize, first: char) -> bool {
    matches!(first, 'I' | 'W')
        && end - start == 3
        && matches!(bytes.get(start..end), Some(b"Ich" | b"Wir"))
}

/// The end of a run of sentence-final marks (`.`, `!`, `?`, `…`) that goes on at
/// `end`.
fn final_run_end(text: &str, mut end: usize) -> usize {
    while end < text.len() {
        let n = char_at(text, end);
        if matches!(n, '.' | '!' | '?' | '…') {
            end += n.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// The abbreviation starting at `start` whose first piece is the word
/// `text[start..word_end]` (followed by a dot): its end and class.
fn abbreviation(
    seg: &Segmenter,
    text: &str,
    start: usize,
    word_end: usize,
    first: char,
) -> Option<(usize, AbbrevEnd)> {
    let word = text.get(start..word_end)?;
    if seg.abbrev_keys.may_hold(word) {
        if let Some(found) = seg.multi_abbrev(text, start, word) {
            return Some(found);
        }
        if let Some(a) = seg.single.get(word) {
            return Some((word_end + 1, a.end));
        }
    }
    // Street names: "Hauptstr.", "Bahnhofstr." (the lexicon has "Str.").
    if word.len() > 4 && word.ends_with("str") && is_upper(first) {
        return Some((word_end + 1, AbbrevEnd::BeforeStarter));
    }
    // An initial: one capital letter.
    if is_upper(first) && first.len_utf8() == word.len() {
        return Some((word_end + 1, AbbrevEnd::Never));
    }
    None
}

/// Whitespace, including the invisible separators news text carries.
pub(crate) fn is_space(c: char) -> bool {
    match c as u32 {
        // General Punctuation (dashes, quotes, the invisible separators): answered
        // without the Unicode table; `fast_paths_agree_with_unicode` checks it.
        0x2000..=0x206F => matches!(
            c,
            '\u{2000}'
                ..='\u{200B}'
                    | '\u{200E}'
                    | '\u{200F}'
                    | '\u{2028}'
                    | '\u{2029}'
                    | '\u{202F}'
                    | '\u{205F}'
                    | '\u{2060}'
        ),
        _ => c.is_whitespace() || matches!(c, '\u{FEFF}' | '\u{00AD}'),
    }
}

/// `c.is_uppercase()`, without the Unicode table for the chars most tokens of
/// German news start with: ASCII, Latin-1 (`Ä`, `Ö`, `Ü`; `ß` is lower case) and
/// General Punctuation (`„`, `“`, `–`, which have no case).
pub(crate) fn is_upper(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_uppercase(),
        0x80..=0xBF | 0xDF..=0xFF | 0x2000..=0x206F => false,
        0xC0..=0xDE => c != '×',
        _ => c.is_uppercase(),
    }
}

fn is_superscript_digit(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '\u{2070}' | '\u{2074}'..='\u{2079}')
}

/// Letters, digits and combining marks (NFD umlauts), but not superscript digits.
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        // Latin-1 letters (ä, ö, ü, ß, é …), and the few letters and fractions of
        // the upper half's symbols (ª, µ, º, ¼, ½, ¾), without the Unicode table.
        0xC0..=0xFF => c != '×' && c != '÷',
        0x80..=0xBF => matches!(c, 'ª' | 'µ' | 'º' | '¼' | '½' | '¾'),
        // General Punctuation holds no letter or digit.
        0x2000..=0x206F => false,
        0x0300..=0x036F => true,
        _ => c.is_alphanumeric() && !is_superscript_digit(c),
    }
}

/// ASCII letters and digits by table: one load instead of two range tests, on
/// every token start and word end.
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// For an ASCII letter or digit, [`UPPER`] for a capital and 1 otherwise; 0
/// for every other byte: whether a word starts here and its capital flag in
/// one load (a test asks `is_ascii_alphanumeric` and `is_ascii_uppercase`).
static TOKEN_START: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 256 {
        if ALNUM[b] {
            t[b] = if (b as u8).is_ascii_uppercase() {
                UPPER
            } else {
                1
            };
        }
        b += 1;
    }
    t
};

/// The ASCII bytes that end a run of letters in [`word_end_with`]'s shortcut:
/// all but letters, digits, `-` and `'` (which may join what follows).
static ENDS_LETTERS: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = !ALNUM[b] && b != b'-' as usize && b != b'\'' as usize;
        b += 1;
    }
    t
};

/// The bytes after a word that a URL, an e-mail address or an abbreviation
/// may go on with (`@`, `.`, `_`, `+`, `-`, `:`): [`Out::other_word`] asks
/// for those only before them.
const fn goes_on_after_word(b: u8) -> bool {
    matches!(b, b'@' | b'.' | b'_' | b'+' | b'-' | b':')
}

/// The bytes that end a run of ASCII letters where [`Out::word`] needs to ask
/// nothing more: [`ENDS_LETTERS`] but for those of [`goes_on_after_word`].
static PLAIN_END: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = ENDS_LETTERS[b] && !goes_on_after_word(b as u8);
        b += 1;
    }
    t
};

/// `b.is_ascii_alphanumeric()`, by table.
#[inline]
fn is_alnum(b: u8) -> bool {
    ALNUM[usize::from(b)]
}

/// The char at byte offset `i` (`'\0'` at the end or off a char boundary).
pub(crate) fn char_at(text: &str, i: usize) -> char {
    text.get(i..)
        .and_then(|rest| rest.chars().next())
        .unwrap_or('\0')
}

/// End of a word or number starting at `start`, and its kind (the tests' plain
/// definition; [`Out::word`] takes the same steps with a fast path in front).
#[cfg(test)]
fn word_end(text: &str, start: usize) -> (usize, TokenKind) {
    word_end_with(text, start, true)
}

/// [`word_end`], with or without its `shortcut`.
#[cfg(test)]
fn word_end_with(text: &str, start: usize, shortcut: bool) -> (usize, TokenKind) {
    word_end_from(text, start, letters_end(text.as_bytes(), start), shortcut)
}

/// The end of the run of ASCII letters from `i` on, found eight bytes at a
/// time: the first byte that is no ASCII letter, or the first of the last
/// seven or fewer bytes of the text (which the caller steps over one by one).
#[inline(always)]
fn letters_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(w) = swar::word_at(bytes, i) {
        let bad = non_letter_mask(w);
        if bad != 0 {
            return i + swar::bytes_before(bad);
        }
        i += 8;
    }
    i
}

/// [`word_end`] from `start`, whose first letter run [`letters_end`] ends at
/// `i`, with or without its `shortcut`: eight-byte steps over ASCII letters
/// that stop at an ASCII blank or punctuation byte other than `-` and `'` end
/// the word there, as the steps after them would (no such byte joins a run that
/// holds a letter: `.` and `,` join digits only, and the run is a word). Most
/// words of news text end so.
#[inline(always)]
fn word_end_from(text: &str, start: usize, mut i: usize, shortcut: bool) -> (usize, TokenKind) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // The current run of ASCII letters and digits starts at `run`, and its
    // eight-byte steps reached `i`; whether the runs were all digits is checked
    // per run, not per byte.
    let mut run = start;
    let mut all_digits = true;
    loop {
        'step: {
            // The eight-byte steps pass letters only: a run they advanced holds one.
            let letters = i > run;
            if shortcut && letters && bytes.get(i).is_some_and(|&b| ENDS_LETTERS[usize::from(b)]) {
                return (i, TokenKind::Word);
            }
            // Byte by byte on (digits, the end of the text).
            while i < n && is_alnum(bytes[i]) {
                i += 1;
            }
            if all_digits && (letters || !bytes[run..i].iter().all(u8::is_ascii_digit)) {
                all_digits = false;
            }
            if i >= n {
                return (i, kind_of(all_digits));
            }
            let b = bytes[i];
            if b < 0x80 {
                let joins = match b {
                    // Compounds and elisions: a letter or digit on both sides.
                    b'-' | b'\'' => is_word_char(char_at(text, i + 1)),
                    // German digit grouping and decimals: a digit on both sides.
                    b'.' | b',' => {
                        all_digits
                            && i > start
                            && bytes[i - 1].is_ascii_digit()
                            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                    }
                    _ => false,
                };
                if !joins {
                    return (i, kind_of(all_digits));
                }
                if b == b'-' || b == b'\'' {
                    all_digits = false;
                }
                i += 1;
                break 'step;
            }
            // Latin-1 letters (`ä`, `ß`: 0xC3, then 0x80–0xBF but for `×` and `÷`),
            // the most common non-ASCII bytes in a word, without decoding the char.
            if b == 0xC3
                && bytes
                    .get(i + 1)
                    .is_some_and(|&x| (0x80..=0xBF).contains(&x) && x != 0x97 && x != 0xB7)
            {
                all_digits = false;
                i += 2;
                break 'step;
            }
            let c = char_at(text, i);
            let len = c.len_utf8();
            // Letters, and a non-breaking hyphen or typographic apostrophe inside a word.
            if is_word_char(c)
                || (matches!(c, '\u{2011}' | '’') && is_word_char(char_at(text, i + len)))
            {
                all_digits = false;
                i += len;
                break 'step;
            }
            return (i, kind_of(all_digits));
        }
        // The next run.
        run = i;
        i = letters_end(bytes, i);
    }
}

fn kind_of(all_digits: bool) -> TokenKind {
    if all_digits {
        TokenKind::Number
    } else {
        TokenKind::Word
    }
}

/// The high bit of every byte of `w` (eight bytes, the first lowest) that is no
/// ASCII letter (capitals folded by setting bit 5).
#[inline]
fn non_letter_mask(w: u64) -> u64 {
    !swar::in_range(w | (0x20 * swar::ONES), b'a', b'z') & swar::HIGH
}

#[cfg(test)]
fn all_ascii_letters(chunk: &[u8]) -> bool {
    swar::word_at(chunk, 0).is_some_and(|w| non_letter_mask(w) == 0)
}

fn is_mail_local(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// If an e-mail address starts at `start`, its end. A failed scan records in
/// `fail_until` the offset up to which no address can start, so each byte is
/// scanned a bounded number of times.
fn mail_end(bytes: &[u8], start: usize, fail_until: &mut usize) -> Option<usize> {
    let mut j = start;
    while j < bytes.len() && is_mail_local(bytes[j]) {
        j += 1;
    }
    if j == start || bytes.get(j) != Some(&b'@') {
        *fail_until = j.max(start + 1);
        return None;
    }
    let mut k = j + 1;
    let mut dots = 0;
    while k < bytes.len() && (bytes[k].is_ascii_alphanumeric() || matches!(bytes[k], b'.' | b'-')) {
        dots += usize::from(bytes[k] == b'.');
        k += 1;
    }
    // Trailing dots and hyphens belong to the sentence.
    while k > j + 1 && matches!(bytes[k - 1], b'.' | b'-') {
        dots -= usize::from(bytes[k - 1] == b'.');
        k -= 1;
    }
    if dots == 0 || bytes[j + 1] == b'.' || !bytes[k - 1].is_ascii_alphanumeric() {
        *fail_until = j + 1;
        return None;
    }
    Some(k)
}

/// Whether a URL may start with the word of `len` bytes before the byte
/// `next`: [`url_end`] finds one only after `http:`, `https:` or `www.`, each a
/// word of ASCII letters that [`word_end`] ends at its `:` or `.`.
#[inline]
fn may_start_url(next: u8, len: usize) -> bool {
    matches!(next, b':' | b'.') && (3..=5).contains(&len)
}

/// End of a URL starting at `start` (`http://`, `https://`, `www.`).
fn url_end(text: &str, start: usize) -> Option<usize> {
    let rest = text.as_bytes().get(start..)?;
    let prefix =
        |p: &str| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    if !(prefix("http://") || prefix("https://") || prefix("www.")) {
        return None;
    }
    let mut end = start;
    for (k, c) in text[start..].char_indices() {
        if is_space(c) || matches!(c, '"' | '„' | '“' | '”' | '<' | '>' | '«' | '»') {
            break;
        }
        end = start + k + c.len_utf8();
    }
    // Trailing punctuation belongs to the sentence, not the address.
    let trimmed =
        text[start..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '\'', '…']);
    Some(start + trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        let seg = Segmenter::new(&Default::default()).unwrap();
        tokenize(&seg, text)
            .0
            .iter()
            .map(|t| t.text(text))
            .collect()
    }

    #[test]
    fn token_table() {
        let cases: &[(&str, &[&str])] = &[
            // compounds and elisions
            (
                "Ukraine-Krieg und US-Präsident",
                &["Ukraine-Krieg", "und", "US-Präsident"],
            ),
            ("in Kreml-Nähe", &["in", "Kreml-Nähe"]),
            (
                "Staats- und Regierungschefs",
                &["Staats", "-", "und", "Regierungschefs"],
            ),
            ("geht’s los", &["geht’s", "los"]),
            ("3-Zimmer-Wohnung", &["3-Zimmer-Wohnung"]),
            // numbers in German notation
            ("1.000 Euro, 3,5 %", &["1.000", "Euro", ",", "3,5", "%"]),
            ("40%", &["40", "%"]),
            ("am 3. Oktober", &["am", "3", ".", "Oktober"]),
            ("um 14.30 Uhr.", &["um", "14.30", "Uhr", "."]),
            ("am 3.10.2000 nicht", &["am", "3.10.2000", "nicht"]),
            ("bis 31.12. dann", &["bis", "31.12", ".", "dann"]),
            ("gegen 17:00", &["gegen", "17", ":", "00"]),
            // abbreviations
            ("Dr. Müller", &["Dr.", "Müller"]),
            ("z. B. hier", &["z. B.", "hier"]),
            ("z.B. hier", &["z.B.", "hier"]),
            ("Z. B. hier", &["Z. B.", "hier"]),
            ("Ca. 300 Leute", &["Ca.", "300", "Leute"]),
            ("in der Bahnhofstr. 7", &["in", "der", "Bahnhofstr.", "7"]),
            (
                "die Fa. Kurz & Co. KG",
                &["die", "Fa.", "Kurz", "&", "Co.", "KG"],
            ),
            ("J. R. Tolkien", &["J.", "R.", "Tolkien"]),
            ("Ludwig XIV. regierte", &["Ludwig", "XIV", ".", "regierte"]),
            ("Er ging.", &["Er", "ging", "."]),
            // URLs and e-mail
            ("siehe www.example.de.", &["siehe", "www.example.de", "."]),
            (
                "auf https://example.org/a?b=1, dann",
                &["auf", "https://example.org/a?b=1", ",", "dann"],
            ),
            (
                "an info@example.de schreiben",
                &["an", "info@example.de", "schreiben"],
            ),
            ("Er ging.@home", &["Er", "ging", ".", "@", "home"]),
            ("per a.b@example.de!", &["per", "a.b@example.de", "!"]),
            ("per a-@example.de", &["per", "a-@example.de"]),
            (
                "an max.muster@post.example.com.",
                &["an", "max.muster@post.example.com", "."],
            ),
            (
                "ein @ und a@b nicht",
                &["ein", "@", "und", "a", "@", "b", "nicht"],
            ),
            // punctuation
            (
                "„Ja“, sagte er...",
                &["„", "Ja", "“", ",", "sagte", "er", "..."],
            ),
            ("Wirklich?! Nein", &["Wirklich", "?!", "Nein"]),
            ("so ….", &["so", "…."]),
            ("Ende.¹ Neu", &["Ende", ".", "¹", "Neu"]),
            ("Ende.[3] Neu", &["Ende", ".", "[", "3", "]", "Neu"]),
            // NFD umlaut: base letter + combining diaeresis stays one word
            ("Mu\u{308}ller kam", &["Mu\u{308}ller", "kam"]),
        ];
        for (input, expected) in cases {
            assert_eq!(
                toks(input),
                *expected,
                "help: tokenizing {input:?}; check word_end, abbreviation or url_end"
            );
        }
    }

    #[test]
    fn eight_letters_at_a_time() {
        let letters = b"abcdXYZw";
        assert!(all_ascii_letters(letters));
        for bad in [
            *b"abcd1YZw",
            *b"abcd@YZw",
            *b"abcd[YZw",
            *b"abcd`YZw",
            *b"abcd{YZw",
            *b"abc\xc3\xa4YZw",
        ] {
            assert!(
                !all_ascii_letters(&bad),
                "help: {bad:?} is not eight letters"
            );
        }
    }

    /// The table-free answers of `is_space`, `is_upper` and `is_word_char` equal
    /// their plain Unicode definitions on every char.
    #[test]
    fn fast_paths_agree_with_unicode() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let space = c.is_whitespace()
                || matches!(
                    c,
                    '\u{200B}' | '\u{FEFF}' | '\u{00AD}' | '\u{200E}' | '\u{200F}' | '\u{2060}'
                );
            assert_eq!(is_space(c), space, "help: is_space({c:?})");
            assert_eq!(is_upper(c), c.is_uppercase(), "help: is_upper({c:?})");
            let word = (c.is_alphanumeric() && !is_superscript_digit(c))
                || ('\u{0300}'..='\u{036F}').contains(&c);
            assert_eq!(is_word_char(c), word, "help: is_word_char({c:?})");
        }
    }

    #[test]
    fn line_breaks_before_tokens() {
        let seg = Segmenter::new(&Default::default()).unwrap();
        let text = "a\nB \n\n„c\r\nd\r\re\n\n\n\u{2028}f g";
        let nls: Vec<usize> = tokenize(&seg, text)
            .1
            .iter()
            .map(|&f| newlines_before(f))
            .collect();
        assert_eq!(nls, [0, 1, 2, 0, 1, 2, 2, 0]);
    }

    /// Inside a word, every Latin-1 char (the two-byte shortcut of `word_end`)
    /// joins or splits as `is_word_char` says.
    #[test]
    fn latin1_inside_words() {
        let seg = Segmenter::new(&Default::default()).unwrap();
        for c in ('\u{80}'..='\u{FF}').filter(|&c| !is_space(c)) {
            let text = format!("ab{c}cd");
            let n = tokenize(&seg, &text).0.len();
            let want = if is_word_char(c) { 1 } else { 3 };
            assert_eq!(n, want, "help: {text:?}");
        }
    }

    /// The shortcut of `word_end` ends every word where the full steps do:
    /// letter runs of every length around the eight-byte steps, before every
    /// ASCII byte and a few others, after digits, hyphens and umlauts.
    #[test]
    fn word_end_shortcut_agrees_with_the_full_steps() {
        let heads = ["", "3", "Öl", "US-", "x'", "4,5", "ab1"];
        let tails = [
            " ",
            ",",
            ".",
            "\n",
            "-",
            "'",
            "1",
            ".5",
            ",5",
            "ä",
            "’s",
            "-Krieg",
            "\u{2011}a",
            "",
        ];
        for head in heads {
            for n in 0..=20 {
                let letters = &"abcdefghijklmnopqrstuvwxyz"[..n];
                let mut ends: Vec<String> = tails.iter().map(|t| t.to_string()).collect();
                ends.extend((0..128u8).map(|b| format!("{}z", b as char)));
                for tail in &ends {
                    let text = format!("{head}{letters}{tail} und mehr");
                    let text = text.as_str();
                    assert_eq!(
                        word_end_with(text, 0, true),
                        word_end_with(text, 0, false),
                        "help: {text:?}"
                    );
                    // The fast path of `Out::word`: a word that ends there
                    // before a byte nothing goes on past.
                    let letters = letters_end(text.as_bytes(), 0);
                    let next = text.as_bytes().get(letters);
                    if letters > 0 && next.is_some_and(|&b| PLAIN_END[usize::from(b)]) {
                        assert_eq!(
                            word_end_with(text, 0, false),
                            (letters, TokenKind::Word),
                            "help: {text:?}"
                        );
                        assert!(!next.is_some_and(|&b| goes_on_after_word(b)));
                    }
                    let short = format!("{head}{letters}{tail}");
                    assert_eq!(
                        word_end_with(&short, 0, true),
                        word_end_with(&short, 0, false),
                        "help: {short:?}"
                    );
                }
            }
        }
    }

    /// `url_end` finds a URL only where `may_start_url` lets it be asked: at
    /// every prefix in every case, with every tail, and on look-alikes.
    #[test]
    fn urls_start_where_may_start_url_says() {
        let mut heads: Vec<String> = Vec::new();
        for prefix in ["http://", "https://", "www.", "ftp://", "wwww.", "htt://"] {
            // Every mix of capitals of the prefix's letters.
            let letters = prefix.bytes().filter(u8::is_ascii_alphabetic).count();
            for mask in 0..1u32 << letters {
                let mut k = 0;
                let head: String = prefix
                    .chars()
                    .map(|c| {
                        if !c.is_ascii_alphabetic() {
                            return c;
                        }
                        k += 1;
                        if mask >> (k - 1) & 1 == 1 {
                            c.to_ascii_uppercase()
                        } else {
                            c
                        }
                    })
                    .collect();
                heads.push(head);
            }
        }
        heads
            .extend(["Wir:", "Haus.", "Ähh:", "h:", "www", "http:", "wirklich."].map(String::from));
        let mut found = 0;
        for head in &heads {
            for tail in ["", "a", "x.de", "beispiel.de/a?b=1.", " x", "„"] {
                let text = format!("{head}{tail}");
                let (end, _) = word_end(&text, 0);
                let asked = text
                    .as_bytes()
                    .get(end)
                    .is_some_and(|&next| may_start_url(next, end));
                if url_end(&text, 0).is_some() {
                    found += 1;
                    assert!(asked, "help: {text:?} is a URL that is never asked for");
                }
            }
        }
        assert!(found > 100);
    }

    /// Exactly the words `Ich` and `Wir` carry the stop flag among words (the
    /// first-letter test before the length only orders the tests).
    #[test]
    fn only_ich_and_wir_words_stop() {
        let seg = Segmenter::new(&Default::default()).unwrap();
        let text = "Ich weiß. Wir Wirt Ichs ich wir IWir Wi Ic W I Iah Wxr Wir. Wir: Ich";
        let (tokens, flags) = tokenize(&seg, text);
        for (t, f) in tokens.iter().zip(&flags) {
            if matches!(t.kind, TokenKind::Word | TokenKind::Number) {
                let plain = matches!(t.text(text), "Ich" | "Wir");
                assert_eq!(f & STOP != 0, plain, "{:?}", t.text(text));
            }
        }
    }

    #[test]
    fn alnum_table() {
        for b in 0..=255u8 {
            assert_eq!(is_alnum(b), b.is_ascii_alphanumeric(), "help: byte {b:#x}");
            let start = TOKEN_START[usize::from(b)];
            assert_eq!(start != 0, b.is_ascii_alphanumeric(), "help: byte {b:#x}");
            // No word starts with a byte that ends the fast path's letters.
            if b.is_ascii_alphanumeric() || !b.is_ascii() {
                assert!(!PLAIN_END[usize::from(b)], "help: byte {b:#x}");
            }
            assert_eq!(
                start & UPPER != 0,
                b.is_ascii_uppercase(),
                "help: byte {b:#x}"
            );
        }
    }

    #[test]
    fn kinds() {
        let seg = Segmenter::new(&Default::default()).unwrap();
        let text = "Am 3,5 z. B. www.a.de x@y.de !";
        let kinds: Vec<TokenKind> = tokenize(&seg, text).0.iter().map(|t| t.kind).collect();
        use TokenKind::*;
        assert_eq!(kinds, [Word, Number, Abbrev, Url, Url, Punct]);
    }

    #[test]
    fn long_runs_stay_linear() {
        let seg = Segmenter::new(&Default::default()).unwrap();
        let text = "a.".repeat(200_000);
        let t = std::time::Instant::now();
        let (tokens, _) = tokenize(&seg, &text);
        assert_eq!(tokens.len(), 400_000);
        assert!(
            t.elapsed().as_secs_f64() < 2.0,
            "help: the e-mail look-ahead rescans the run"
        );
    }
}
