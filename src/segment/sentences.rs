//! Sentence boundaries over the token stream, in one left-to-right pass.
//!
//! - After `.`, `!`, `?`, `…` (with the closing quotes, brackets, footnote marks and
//!   emoji that follow): a boundary when a blank follows and the next token can start
//!   a sentence (capital, digit, opening quote or bracket). Not inside `ein(!) Satz`.
//! - A dot after a number is an ordinal, not an end, before a month (`am 3. Oktober`),
//!   before a noun that takes an ordinal (`im 19. Jahrhundert`, `der 1. FC`), after an
//!   article unless a clear sentence starter follows (`der 35. Tagung` but
//!   `bis zum 31.12. Danach`), and at the start of a sentence (`2. Die Lage …`, a list);
//!   the same for Roman numerals (`des III. Korps`). `Platz 3. Die Siegerin` ends.
//! - After an abbreviation: flagged `final` (`usw.`) before any capital, flagged `end`
//!   (`Mio.`, `n. V.`) before a clear sentence starter only, never otherwise.
//! - Lines: a blank line always ends a sentence; a single line break ends a line
//!   without final punctuation when the next line starts a list item, or when it is a
//!   whole line (a heading, `heading: true`) followed by a capitalised line, unless it
//!   ends in an article, preposition or attributive adjective (`während der⏎ersten`,
//!   a wrapped line). Short lines of one to three words in a row are each a sentence.
//! - A heading run into the text on one line is split before a capitalised function
//!   word that cannot continue it (`Deutschland liefert Waffen Aus Berliner Kreisen …`).
//!
//! Colons never end a sentence (`Fest steht: Die Kosten steigen.`).

use super::tokenize::{
    char_at, class_of, is_upper, newlines_before, TokenKind, MINOR, NL_MASK, STOP, UPPER,
};
use super::{AbbrevEnd, Segmenter, SentenceSpan, Token, FW_DET, FW_OPEN, FW_RUNIN, FW_START};
use crate::swar::{self, ONES};

fn is_closing(s: &str) -> bool {
    matches!(
        s,
        "“" | "”" | "\"" | "«" | "»" | "‘" | "’" | "'" | ")" | "]" | "›" | "‹" | "}"
    )
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '„' | '"' | '»' | '«' | '(' | '[' | '‚' | '‹' | '›' | '“' | '‘' | '\'' | '¿' | '¡'
    )
}

fn is_final(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| matches!(c, '.' | '!' | '?' | '…'))
}

fn is_bullet(s: &str) -> bool {
    matches!(
        s,
        "•" | "·"
            | "▪"
            | "‣"
            | "◦"
            | "*"
            | "-"
            | "–"
            | "—"
            | "►"
            | "■"
            | "□"
            | "▸"
            | "✓"
            | "➢"
    )
}

fn is_emoji(c: char) -> bool {
    matches!(c, '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{FE0F}' | '\u{200D}')
}

fn is_superscript(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '\u{2070}' | '\u{2074}'..='\u{2079}')
}

/// `Weltranglisten-12`: a word whose last part is a number of one to three digits.
fn ends_in_hyphen_number(s: &str) -> bool {
    let digits = s.bytes().rev().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && s.len()
            .checked_sub(digits + 1)
            .is_some_and(|k| s.as_bytes()[k] == b'-')
}

fn is_roman(s: &str) -> bool {
    s.len() >= 2 && s.len() <= 7 && s.bytes().all(|b| b"IVXLCDM".contains(&b))
}

/// `is_roman(s) || ends_in_hyphen_number(s)`: both shapes end in a digit or a
/// Roman numeral letter, so the last byte answers for most words before a dot.
fn word_ordinal_shaped(s: &str) -> bool {
    may_end_ordinal(s.as_bytes().last()) && (is_roman(s) || ends_in_hyphen_number(s))
}

/// Whether a word whose last byte is `last` may be [`word_ordinal_shaped`].
fn may_end_ordinal(last: Option<&u8>) -> bool {
    last.is_some_and(|b| b.is_ascii_digit() || b"IVXLCDM".contains(b))
}

/// The first token from `i` on that has the [`STOP`] flag or a line break after
/// it, or the last token: what the splitter's fast path skips to. Eight tokens at
/// a time: token `k`'s flags and token `k + 1`'s are the bytes of two words.
///
/// With `pass_minor`, a token with the [`MINOR`] flag (a comma, quote or dash)
/// does not stop it: `run` passes such a token where no heading can start.
#[inline]
fn skip_plain(flags: &[u8], mut i: usize, pass_minor: bool) -> usize {
    // MINOR is the bit above STOP: `own >> 1` puts a token's MINOR bit on its
    // own STOP bit, which clears it from the stops.
    const _: () = assert!(MINOR == STOP << 1);
    let pass = if pass_minor {
        u64::from(STOP) * ONES
    } else {
        0
    };
    while let (Some(own), Some(next)) = (swar::word_at(flags, i), swar::word_at(flags, i + 1)) {
        let stops = own & !((own >> 1) & pass) & (u64::from(STOP) * ONES);
        let hit = stops | (next & (u64::from(NL_MASK) * ONES));
        if hit != 0 {
            return i + (hit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    let stops = |f: u8| f & STOP != 0 && !(pass_minor && f & MINOR != 0);
    while i + 1 < flags.len() && !stops(flags[i]) && flags[i + 1] & NL_MASK == 0 {
        i += 1;
    }
    i
}

struct Splitter<'a> {
    seg: &'a Segmenter,
    text: &'a str,
    tokens: &'a [Token],
    classes: &'a [u8],
    out: Vec<SentenceSpan>,
    /// First token of the current sentence.
    first: usize,
    /// First token of the current line.
    line_first: usize,
    /// The current sentence started at the start of a line.
    first_at_line_start: bool,
    /// Every token of the current sentence so far is a word or number.
    words_only: bool,
}

/// Splits the token stream into sentences (`classes` from the tokenizer).
pub(crate) fn split(
    seg: &Segmenter,
    text: &str,
    tokens: &[Token],
    classes: &[u8],
) -> Vec<SentenceSpan> {
    let mut s = Splitter {
        seg,
        text,
        tokens,
        classes,
        out: Vec::with_capacity(tokens.len() / 12 + 1),
        first: 0,
        line_first: 0,
        first_at_line_start: true,
        words_only: true,
    };
    s.run();
    s.out
}

impl Splitter<'_> {
    fn tok(&self, i: usize) -> &str {
        self.tokens[i].text(self.text)
    }

    fn first_char(&self, i: usize) -> char {
        char_at(self.text, self.tokens[i].start)
    }

    fn fw(&self, i: usize) -> u8 {
        self.seg.function_word(self.tok(i))
    }

    fn can_start(&self, i: usize) -> bool {
        let c = self.first_char(i);
        if matches!(c, '-' | '–') {
            // A dash glued to the next sentence: "-Wie reimt sich das?", "–„Nein.“"
            let after = char_at(self.text, self.tokens[i].end);
            return self
                .tokens
                .get(i + 1)
                .is_some_and(|n| n.start == self.tokens[i].end)
                && (is_upper(after) || is_opening(after));
        }
        is_upper(c) || c.is_ascii_digit() || is_opening(c) || matches!(c, '@' | '#' | '•')
    }

    fn gap(&self, i: usize) -> bool {
        self.tokens
            .get(i + 1)
            .is_some_and(|n| n.start > self.tokens[i].end)
    }

    fn nl_after(&self, i: usize) -> usize {
        self.classes.get(i + 1).map_or(0, |&f| newlines_before(f))
    }

    fn push(&mut self, last: usize, heading: bool) {
        if last >= self.first && last < self.tokens.len() {
            self.out.push(SentenceSpan {
                start: self.tokens[self.first].start,
                end: self.tokens[last].end,
                heading,
                tokens: self.first..last + 1,
            });
        }
        self.first = last + 1;
        self.words_only = true;
    }

    /// Heading flag for a sentence `first..=last` that ends at a line break or text end.
    fn heading_of(&self, last: usize) -> bool {
        let s = self.tok(last);
        let closed_quote = is_closing(s) && last > self.first && is_final(self.tok(last - 1));
        let unpunctuated = !is_final(s) && !closed_quote;
        self.first_at_line_start
            && unpunctuated
            && !self.is_list_item(self.first)
            && last + 1 - self.first <= 40
    }

    fn run(&mut self) {
        let n = self.tokens.len();
        let mut i = 0;
        while i < n {
            // Fast path: words inside a line decide nothing, except a capitalised one
            // that may start a run-in sentence (checked below). The flags tell
            // without the token: a word or number ([`STOP`] clear) with no line break
            // after it, and no capital letter where a heading may run into the text
            // (the tokens this passes over are a subset of the ones the checks below
            // would pass over).
            let heading_possible =
                self.first_at_line_start && self.line_first == self.first && self.words_only;
            let flags = self.classes.get(..n).unwrap_or(self.classes);
            let mut stopped = false;
            if heading_possible {
                // The second to twelfth token may start a sentence run into a heading.
                while i <= self.first + 12 {
                    let (Some(&f), Some(&next)) = (flags.get(i), flags.get(i + 1)) else {
                        break;
                    };
                    let stop = if i >= self.first + 2 {
                        STOP | UPPER
                    } else {
                        STOP
                    };
                    if f & stop != 0 || next & NL_MASK != 0 {
                        stopped = true;
                        break;
                    }
                    i += 1;
                }
            }
            if !stopped {
                // Where no heading can start, the sentence's run of plain words
                // (below) is asked for no more until the next sentence (which
                // starts it again), so commas and quotes are passed over too.
                i = skip_plain(flags, i, !heading_possible);
            }
            // A comma, quote or dash inside a line (not the last token) decides
            // nothing either; it only ends the sentence's run of plain words.
            if flags.get(i).is_some_and(|&f| f & MINOR != 0)
                && flags.get(i + 1).is_some_and(|&f| f & NL_MASK == 0)
            {
                self.words_only = false;
                i += 1;
                continue;
            }
            let t = self.tokens[i];
            let is_word = matches!(t.kind, TokenKind::Word | TokenKind::Number);
            if i > self.first && self.classes[i] & UPPER != 0 && t.kind == TokenKind::Word {
                if let Some(heading) = self.run_in_before(i) {
                    self.push(i - 1, heading);
                    self.first_at_line_start = false;
                }
            }
            // Fast path: a word inside a line decides nothing.
            if is_word && i + 1 < n && self.nl_after(i) == 0 {
                i += 1;
                continue;
            }
            // A punctuation token without the MINOR flag is a run of `.!?…`
            // (`is_final`, which a test checks against the flag).
            let (j, boundary, heading) =
                if t.kind == TokenKind::Punct && self.classes[i] & MINOR == 0 {
                    let j = self.absorb(i);
                    (j, j + 1 < n && self.final_ends(i, j), false)
                } else if t.kind == TokenKind::Abbrev {
                    let j = self.absorb(i);
                    (j, j + 1 < n && self.abbrev_ends(i, j), false)
                } else if i + 1 < n && self.nl_after(i) == 1 {
                    match self.line_ends(i) {
                        Some(h) => (i, true, h),
                        None => (i, false, false),
                    }
                } else {
                    (i, false, false)
                };
            for k in i..=j {
                if !matches!(self.tokens[k].kind, TokenKind::Word | TokenKind::Number) {
                    self.words_only = false;
                }
            }
            if j + 1 >= n {
                let heading = self.heading_of(n - 1);
                self.push(n - 1, heading);
                break;
            }
            let nl = self.nl_after(j);
            if boundary {
                self.push(j, heading);
            } else if nl >= 2 {
                let heading = self.heading_of(j);
                self.push(j, heading);
            }
            if nl >= 1 {
                self.line_first = j + 1;
            }
            if self.first == j + 1 {
                self.first_at_line_start = nl >= 1;
            }
            i = j + 1;
        }
    }

    /// The last token that still belongs to a sentence ending at token `i`: closing
    /// quotes and brackets, footnote marks (`¹`, `[6]`) and emoji on the same line.
    fn absorb(&self, i: usize) -> usize {
        let mut j = i;
        while let Some(nx) = self.tokens.get(j + 1) {
            let adjacent = nx.start == self.tokens[j].end;
            // Most sentence ends are followed by a blank and an ASCII letter or
            // digit: of the tests below, only ASCII closers and `[` right after the
            // mark can take an ASCII-led token.
            let b = self.text.as_bytes().get(nx.start).copied().unwrap_or(0);
            if b < 0x80 && !(adjacent && matches!(b, b'"' | b'\'' | b')' | b']' | b'}' | b'[')) {
                break;
            }
            let s = nx.text(self.text);
            let c = char_at(self.text, nx.start);
            if adjacent && (is_closing(s) || is_superscript(c)) {
                j += 1;
            } else if adjacent
                && s == "["
                && self
                    .tokens
                    .get(j + 2)
                    .is_some_and(|d| d.kind == TokenKind::Number && d.start == nx.end)
                && self
                    .tokens
                    .get(j + 3)
                    .is_some_and(|b| b.text(self.text) == "]" && b.start == self.tokens[j + 2].end)
            {
                j += 3;
            } else if is_emoji(c)
                && self.nl_after(j) == 0
                && self.tokens[i].kind == TokenKind::Punct
            {
                j += 1;
            } else {
                break;
            }
        }
        j
    }

    /// Is the number or Roman numeral at `p` shaped like an ordinal (`3`, `19`, `31.12`,
    /// `XVI`)?
    fn ordinal_shaped(&self, p: usize) -> bool {
        let t = self.tokens[p];
        match t.kind {
            TokenKind::Number => {
                let s = self.tok(p);
                let mut parts = s.split('.');
                let a = parts.next().unwrap_or("");
                match (parts.next(), parts.next()) {
                    (None, _) => a.len() <= 3 && a.bytes().all(|b| b.is_ascii_digit()),
                    (Some(b), None) => a.len() <= 2 && b.len() <= 2 && !s.contains(','),
                    _ => false,
                }
            }
            // "XVI", and a compound ending in a number: "der Weltranglisten-12."
            // The last byte, which `word_ordinal_shaped` asks first, is read
            // without slicing the token's text (most words before a dot).
            TokenKind::Word => {
                let last = t
                    .end
                    .checked_sub(1)
                    .and_then(|k| self.text.as_bytes().get(k));
                may_end_ordinal(last) && word_ordinal_shaped(self.tok(p))
            }
            _ => false,
        }
    }

    /// Does the sentence end after the final punctuation at `i` (closers up to `j`)?
    fn final_ends(&self, i: usize, j: usize) -> bool {
        let nx = j + 1;
        if !self.gap(j) {
            return false;
        }
        let t = self.tokens[i];
        // "ein(!) Satz": a mark inside brackets right after the opening one.
        if i > self.first
            && self.tokens[i - 1].end == t.start
            && matches!(self.tok(i - 1), "(" | "[")
        {
            return false;
        }
        let nl = self.nl_after(j) >= 1;
        let ordinal_before = i > self.first
            && self.tokens[i - 1].end == t.start
            && self.tok(i) == "."
            && self.ordinal_shaped(i - 1);
        let starts = self.can_start(nx) || (nl && self.is_list_item(nx));
        if !starts {
            // A line that ends in "." or "!" or "?" followed by a lower-case line (a
            // list of words) still ends; an ellipsis or an ordinal may go on.
            return nl
                && !ordinal_before
                && self.tokens[nx].kind == TokenKind::Word
                && self.tok(i).chars().any(|c| c != '…');
        }
        if ordinal_before && j == i {
            let p = i - 1;
            // A list number at the start of a sentence: "2. Die Lage …", "• 3. Essen …",
            // or after a colon, dash or comma inside one: "Endstand: 1. Meier – 2. Roth".
            if p == self.first
                || (p == self.first + 1 && is_bullet(self.tok(self.first)))
                || (matches!(self.tok(p - 1), ":" | "–" | "-" | ";" | ",")
                    && self.tokens[p - 1].end < self.tokens[p].start)
                // A minute or number opening a bracket: "Roth (71. Meier)".
                || self.tok(p - 1) == "("
            {
                return false;
            }
            let next = self.tokens[nx];
            let w = self.tok(nx);
            let prev_kind = self.tokens[p].kind;
            // A date written with blanks: "16. 5. 2016" (day, then month).
            let day_month = prev_kind == TokenKind::Number
                && next.kind == TokenKind::Number
                && self.tok(p).len() <= 2
                && w.len() <= 2
                && self
                    .tokens
                    .get(nx + 1)
                    .is_some_and(|d| d.start == next.end && d.text(self.text) == ".");
            let month_year = prev_kind == TokenKind::Number
                && next.kind == TokenKind::Number
                && self.tok(p).len() <= 2
                && w.len() == 4
                && p >= self.first + 2
                && self.tok(p - 1) == "."
                && self.tokens[p - 2].kind == TokenKind::Number
                && self.tok(p - 2).len() <= 2;
            if day_month || month_year {
                return false;
            }
            // After a Roman numeral only a clear sentence starter begins a sentence:
            // "Ludwig XIV. Er …" but "Elisabeth II. (89)", "Friedrich II. König von …".
            if prev_kind == TokenKind::Word
                && is_roman(self.tok(p))
                && !(next.kind == TokenKind::Word && self.fw(nx) & FW_START != 0)
            {
                return false;
            }
            if self.tokens[p].kind == TokenKind::Number && self.seg.is_month(w) {
                return false;
            }
            if matches!(next.kind, TokenKind::Word | TokenKind::Abbrev) && self.seg.takes_ordinal(w)
            {
                return false;
            }
            if p > self.first && self.fw(p - 1) & FW_DET != 0 && self.fw(nx) & FW_START == 0 {
                return false;
            }
        }
        true
    }

    /// Does the sentence end after the abbreviation at `i` (closers up to `j`)?
    fn abbrev_ends(&self, i: usize, j: usize) -> bool {
        let nx = j + 1;
        if !self.gap(j) {
            return false;
        }
        let c = self.first_char(nx);
        match class_of(self.classes[i]) {
            Some(AbbrevEnd::BeforeStarter) => is_upper(c) && self.fw(nx) & FW_START != 0,
            Some(AbbrevEnd::BeforeCapital) => is_upper(c) || is_opening(c),
            _ => false,
        }
    }

    /// Does a list item start at token `k` (a bullet, or `3.`/`3)` then a blank)?
    fn is_list_item(&self, k: usize) -> bool {
        let Some(t) = self.tokens.get(k) else {
            return false;
        };
        if t.kind == TokenKind::Punct && is_bullet(self.tok(k)) {
            return self.gap(k);
        }
        t.kind == TokenKind::Number
            && t.end - t.start <= 3
            && self
                .tokens
                .get(k + 1)
                .is_some_and(|d| d.start == t.end && matches!(d.text(self.text), "." | ")"))
            && self.gap(k + 1)
    }

    /// Is token `k` a whole line on its own?
    fn single_token_line(&self, k: usize) -> bool {
        k + 1 >= self.tokens.len() || self.nl_after(k) >= 1
    }

    /// Token `i` ends a line (one line break follows) and is no final punctuation:
    /// does the sentence end here, and is it a heading?
    fn line_ends(&self, i: usize) -> Option<bool> {
        let t = self.tokens[i];
        let s = self.tok(i);
        let nx = i + 1;
        if matches!(
            s,
            "," | ";" | "-" | "–" | "(" | "/" | "&" | "+" | "„" | "‚" | "[" | "="
        ) || (t.kind == TokenKind::Word && self.fw(i) & FW_OPEN != 0)
        {
            return None;
        }
        let line_heading = !self.is_list_item(self.line_first);
        if self.is_list_item(nx) {
            return Some(line_heading && self.first_at_line_start && self.line_first == self.first);
        }
        if s == ":" || self.line_first != self.first {
            return None;
        }
        if !self.can_start(nx) {
            // Lists of single words ("spielen⏎spielt⏎spiele").
            let short = i == self.line_first
                && t.kind == TokenKind::Word
                && self.tokens[nx].kind == TokenKind::Word
                && self.single_token_line(nx);
            return short.then_some(false);
        }
        // "eine möglichst problemlose⏎Schwangerschaft": an attributive adjective.
        let c = self.first_char(i);
        if t.kind == TokenKind::Word && c.is_lowercase() && s.ends_with('e') {
            return None;
        }
        if i + 1 - self.line_first > 40 {
            return None;
        }
        Some(line_heading)
    }

    /// A sentence starting at token `i` inside the current one, without punctuation:
    /// a heading run into the text, or a capitalised pronoun (`… teuer Wir sind …`).
    /// Returns the heading flag of the part before.
    fn run_in_before(&self, i: usize) -> Option<bool> {
        let t = self.tokens[i];
        let prev = self.tokens[i - 1];
        if t.kind != TokenKind::Word || prev.kind != TokenKind::Word {
            return None;
        }
        let heading_start = self.first_at_line_start
            && self.line_first == self.first
            && self.words_only
            && (2..=12).contains(&(i - self.first));
        let pronoun =
            t.end - t.start == 3 && matches!(self.tok(i), "Ich" | "Wir") && i >= self.first + 2;
        // Cheap tests first: the lexicon look-ups below run on few tokens.
        if !pronoun && !heading_start {
            return None;
        }
        let next_is_word = self
            .tokens
            .get(i + 1)
            .is_some_and(|n| n.kind == TokenKind::Word && self.gap(i));
        if !next_is_word || self.fw(i - 1) & (FW_OPEN | FW_DET) != 0 {
            return None;
        }
        if pronoun && self.first_char(i + 1).is_lowercase() {
            return Some(false);
        }
        if heading_start && self.fw(i) & FW_RUNIN != 0 {
            return Some(true);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    /// The last-byte test of `word_ordinal_shaped` changes no answer: every
    /// string of up to four pieces from letters, Roman numerals, digits,
    /// hyphens and umlauts.
    #[test]
    fn word_ordinal_shape_agrees_with_the_plain_tests() {
        let pieces = ["I", "V", "X", "M", "i", "a", "Ä", "-", "1", "23", "ß", "C"];
        let mut words = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = words
                .iter()
                .flat_map(|w| pieces.iter().map(move |p| format!("{w}{p}")))
                .collect();
            words.extend(longer);
        }
        words
            .extend(["Weltranglisten-12", "XVIII", "MMMMMMMM", "Mai", "US-1234"].map(String::from));
        let mut shaped = 0;
        for w in &words {
            let plain = super::is_roman(w) || super::ends_in_hyphen_number(w);
            assert_eq!(super::word_ordinal_shaped(w), plain, "help: {w:?}");
            shaped += usize::from(plain);
        }
        assert!(shaped > 100 && shaped < words.len() / 2);
    }

    use super::{skip_plain, MINOR, NL_MASK, STOP};
    use crate::segment::Segmenter;

    /// The eight-at-a-time skip stops where the token-by-token definition stops,
    /// for a stop flag, a minor mark or a line break at every position of runs
    /// of every length, with and without passing minor marks.
    #[test]
    fn skip_plain_is_the_plain_loop() {
        let plain = |flags: &[u8], mut i: usize, pass_minor: bool| {
            let stops = |f: u8| f & STOP != 0 && !(pass_minor && f & MINOR != 0);
            while i + 1 < flags.len() && !stops(flags[i]) && flags[i + 1] & NL_MASK == 0 {
                i += 1;
            }
            i
        };
        // Flags that must not stop it (abbreviation class, capital), ones that
        // must, and minor marks (with a line break or not).
        let quiet = [0u8, 0x01, 0x10, 0x13, 0xC0, STOP | MINOR];
        let loud = [
            STOP,
            0x04,
            0x08,
            NL_MASK,
            STOP | 0x04,
            STOP | MINOR,
            STOP | MINOR | 0x04,
            STOP | 0x10,
        ];
        let mut passed = 0;
        for len in 0..24 {
            for &q in &quiet {
                for at in 0..len {
                    for &l in &loud {
                        let mut flags = vec![q; len];
                        flags[at] = l;
                        for start in 0..len {
                            for pass_minor in [false, true] {
                                let want = plain(&flags, start, pass_minor);
                                assert_eq!(
                                    skip_plain(&flags, start, pass_minor),
                                    want,
                                    "help: {flags:?} from {start}, {pass_minor}"
                                );
                                passed +=
                                    usize::from(pass_minor && want != plain(&flags, start, false));
                            }
                        }
                    }
                }
            }
        }
        assert!(passed > 1000);
    }

    /// The splitter tells a run of final marks by the MINOR flag the tokenizer
    /// leaves off exactly such runs: the same answer as `is_final`.
    #[test]
    fn minor_flag_is_not_final() {
        let seg = Segmenter::new(&Default::default()).unwrap();
        let text =
            "Ja. Nein! Wie? So… Na?! Ach... „Er“ (sagt) – x, y; z: ¹² § 3 % a/b « » ‚ ‘ ’ * • … .";
        let (tokens, flags) = crate::segment::tokenize::tokenize(&seg, text);
        let mut finals = 0;
        for (t, f) in tokens.iter().zip(&flags) {
            if t.kind == crate::segment::TokenKind::Punct {
                let plain = super::is_final(t.text(text));
                assert_eq!(f & MINOR == 0, plain, "help: {:?}", t.text(text));
                finals += usize::from(plain);
            }
        }
        assert_eq!(finals, 8);
    }

    fn split(text: &str) -> Vec<(String, bool)> {
        let seg = Segmenter::new(&Default::default()).unwrap();
        seg.segment(text)
            .sentences
            .iter()
            .map(|s| (text[s.start..s.end].to_string(), s.heading))
            .collect()
    }

    /// One row: input, expected sentences (joined by " | "), the rule it shows.
    fn check(rows: &[(&str, &str)], rule: &str) {
        for (input, expected) in rows {
            let got: Vec<String> = split(input).into_iter().map(|(s, _)| s).collect();
            let got = got.join(" | ");
            assert_eq!(
                &got, expected,
                "help: rule `{rule}` on {input:?}; see sentences.rs"
            );
        }
    }

    #[test]
    fn plain_ends() {
        check(
            &[
                ("Er kam. Sie ging.", "Er kam. | Sie ging."),
                (
                    "Wer weiß das? Keiner! Gut so.",
                    "Wer weiß das? | Keiner! | Gut so.",
                ),
                ("Wirklich?! Ja.", "Wirklich?! | Ja."),
                (
                    "Das kam überraschend.Niemand",
                    "Das kam überraschend.Niemand",
                ),
                (
                    "Er sagte nein. 2019 war das anders.",
                    "Er sagte nein. | 2019 war das anders.",
                ),
                (
                    "Er zählte bis drei. 14 Leute kamen.",
                    "Er zählte bis drei. | 14 Leute kamen.",
                ),
                ("Er kam. 9.45 Uhr war es.", "Er kam. | 9.45 Uhr war es."),
                ("Hier ein(!) Beispiel.", "Hier ein(!) Beispiel."),
                ("Das ist ja ein(???) Test.", "Das ist ja ein(???) Test."),
                (
                    "Fest steht: Der Etat wächst.",
                    "Fest steht: Der Etat wächst.",
                ),
                ("Er schwieg. \u{a0}Sie lachte.", "Er schwieg. | Sie lachte."),
                ("Er zahlte. -Warum nur?", "Er zahlte. | -Warum nur?"),
                ("Es kostet 14.-- Euro.", "Es kostet 14.-- Euro."),
                ("Es war das 1. - 3. Mal.", "Es war das 1. - 3. Mal."),
            ],
            "final punctuation",
        );
    }

    #[test]
    fn ordinals_and_dates() {
        check(
            &[
                (
                    "Am 3. Oktober war Feiertag. Alle frei.",
                    "Am 3. Oktober war Feiertag. | Alle frei.",
                ),
                ("Der 2. FC Union verlor.", "Der 2. FC Union verlor."),
                (
                    "Das war im 17. Jahrhundert so.",
                    "Das war im 17. Jahrhundert so.",
                ),
                (
                    "Sie wohnt im 4. Stock links.",
                    "Sie wohnt im 4. Stock links.",
                ),
                (
                    "Das war auf der 12. Sitzung.",
                    "Das war auf der 12. Sitzung.",
                ),
                (
                    "Zur 40. Jubiläumsfeier kamen alle.",
                    "Zur 40. Jubiläumsfeier kamen alle.",
                ),
                (
                    "Er wurde Zweiter in der 3. Liga.",
                    "Er wurde Zweiter in der 3. Liga.",
                ),
                (
                    "Er wurde Vierter. Dann kam Paul.",
                    "Er wurde Vierter. | Dann kam Paul.",
                ),
                (
                    "Er landete auf Rang 7. Die Zweite war Eva.",
                    "Er landete auf Rang 7. | Die Zweite war Eva.",
                ),
                (
                    "Gültig bis zum 30.6. Dann endet es.",
                    "Gültig bis zum 30.6. | Dann endet es.",
                ),
                ("Er kam am 2.5. nach Hause.", "Er kam am 2.5. nach Hause."),
                (
                    "Es gilt seit 1.7.2021. Das ist neu.",
                    "Es gilt seit 1.7.2021. | Das ist neu.",
                ),
                ("Im Jahr 2004. Damals noch.", "Im Jahr 2004. | Damals noch."),
                (
                    "Das war am 5. Nov. ein Thema.",
                    "Das war am 5. Nov. ein Thema.",
                ),
                ("Vom 2. bis 4. Mai ist zu.", "Vom 2. bis 4. Mai ist zu."),
                ("Erst das 3. Mal. Dann nie.", "Erst das 3. Mal. | Dann nie."),
                (
                    "Heinrich VIII. heiratete oft.",
                    "Heinrich VIII. heiratete oft.",
                ),
                (
                    "Die Soldaten des IV. Korps zogen ab.",
                    "Die Soldaten des IV. Korps zogen ab.",
                ),
                (
                    "Es sprach Ludwig XIV. Er war König.",
                    "Es sprach Ludwig XIV. | Er war König.",
                ),
                ("3. Die Kosten sinken.", "3. Die Kosten sinken."),
                ("Ergebnis: 1. Roth, 2. Meier", "Ergebnis: 1. Roth, 2. Meier"),
                (
                    "Ergebnis – 1. Roth – 2. Meier",
                    "Ergebnis – 1. Roth – 2. Meier",
                ),
                (
                    "Es endete 3:1. Die Gäste jubelten.",
                    "Es endete 3:1. | Die Gäste jubelten.",
                ),
                ("(dpa, 16. 5. 2016) Die Lage", "(dpa, 16. 5. 2016) Die Lage"),
                (
                    "Er wurde 7. 12 Läufer kamen nach.",
                    "Er wurde 7. | 12 Läufer kamen nach.",
                ),
                ("König Karl III. (76) kam.", "König Karl III. (76) kam."),
                (
                    "Es kam Karl III. Er winkte.",
                    "Es kam Karl III. | Er winkte.",
                ),
                (
                    "Der Weltranglisten-12. Hans Roth siegte.",
                    "Der Weltranglisten-12. Hans Roth siegte.",
                ),
                ("Er gewann den 9. Lauf.", "Er gewann den 9. Lauf."),
                (
                    "Er rief an. 4. Die Lage ist klar.",
                    "Er rief an. | 4. Die Lage ist klar.",
                ),
            ],
            "ordinal dot",
        );
    }

    #[test]
    fn abbreviations() {
        check(
            &[
                ("Dr. Meier kam. Er blieb.", "Dr. Meier kam. | Er blieb."),
                (
                    "Das kostet 5 Mio. Euro. Zu viel.",
                    "Das kostet 5 Mio. Euro. | Zu viel.",
                ),
                (
                    "Es fehlen 2 Mrd. Die Lücke wächst.",
                    "Es fehlen 2 Mrd. | Die Lücke wächst.",
                ),
                (
                    "Sie isst Äpfel, Birnen usw. Dann schläft sie.",
                    "Sie isst Äpfel, Birnen usw. | Dann schläft sie.",
                ),
                (
                    "Obst, Gemüse usw. stehen bereit.",
                    "Obst, Gemüse usw. stehen bereit.",
                ),
                (
                    "Viel (Obst, Brot usw.) Danach Ruhe.",
                    "Viel (Obst, Brot usw.) | Danach Ruhe.",
                ),
                (
                    "Es steht 3:2 n. V. Der Jubel ist groß.",
                    "Es steht 3:2 n. V. | Der Jubel ist groß.",
                ),
                (
                    "Viele Städte, z. B. Ulm, sparen.",
                    "Viele Städte, z. B. Ulm, sparen.",
                ),
                ("Viele, z.B. Ulm, sparen.", "Viele, z.B. Ulm, sparen."),
                (
                    "Ca. 40 Gäste kamen. Es war voll.",
                    "Ca. 40 Gäste kamen. | Es war voll.",
                ),
                (
                    "Er wohnt in der Gartenstr. 12 in Ulm.",
                    "Er wohnt in der Gartenstr. 12 in Ulm.",
                ),
                (
                    "Die Fa. Klein & Co. KG zahlt.",
                    "Die Fa. Klein & Co. KG zahlt.",
                ),
                ("Sie fuhr 2 Std. Umweg.", "Sie fuhr 2 Std. Umweg."),
                ("Im 18. Jh. wuchs die Stadt.", "Im 18. Jh. wuchs die Stadt."),
                (
                    "Sie traf Prof. Dr. med. Roth.",
                    "Sie traf Prof. Dr. med. Roth.",
                ),
                ("Er ist z. Z. verreist.", "Er ist z. Z. verreist."),
                ("Hefte, Stifte u. Ä. fehlen.", "Hefte, Stifte u. Ä. fehlen."),
                ("Das war J. K. Rowling.", "Das war J. K. Rowling."),
            ],
            "abbreviations",
        );
    }

    #[test]
    fn quotes_brackets_footnotes() {
        check(
            &[
                (
                    "„Wir liefern“, sagte er. „Sofort.“ Dann ging er.",
                    "„Wir liefern“, sagte er. | „Sofort.“ | Dann ging er.",
                ),
                (
                    "Sie rief: »Halt!« Keiner hörte.",
                    "Sie rief: »Halt!« | Keiner hörte.",
                ),
                (
                    "Er fragte: „Wer?“, und ging.",
                    "Er fragte: „Wer?“, und ging.",
                ),
                ("„Gut!“ rief sie.", "„Gut!“ rief sie."),
                (
                    "Er las ‚Faust.‘ Dann schlief er.",
                    "Er las ‚Faust.‘ | Dann schlief er.",
                ),
                (
                    "Sie kam (zu spät.) Er ging.",
                    "Sie kam (zu spät.) | Er ging.",
                ),
                (
                    "Das ist belegt.[12] Neue Zahlen fehlen.",
                    "Das ist belegt.[12] | Neue Zahlen fehlen.",
                ),
                (
                    "Das ist belegt.² Neue Zahlen fehlen.",
                    "Das ist belegt.² | Neue Zahlen fehlen.",
                ),
                ("Klasse! 🎉 Weiter so.", "Klasse! 🎉 | Weiter so."),
                (
                    "Es war still... Dann knallte es.",
                    "Es war still... | Dann knallte es.",
                ),
                ("Er wartete … und ging.", "Er wartete … und ging."),
            ],
            "quotes and brackets",
        );
    }

    #[test]
    fn urls_and_mail() {
        check(
            &[
                (
                    "Mehr auf www.beispiel.de. Dort steht es.",
                    "Mehr auf www.beispiel.de. | Dort steht es.",
                ),
                (
                    "Schreiben Sie an presse@beispiel.de. Danke.",
                    "Schreiben Sie an presse@beispiel.de. | Danke.",
                ),
                (
                    "Siehe https://beispiel.de/a.html zum Thema.",
                    "Siehe https://beispiel.de/a.html zum Thema.",
                ),
            ],
            "urls",
        );
    }

    #[test]
    fn lines() {
        check(
            &[
                ("Die Lage\n\nEs brennt.", "Die Lage | Es brennt."),
                (
                    "Streik bei der Bahn\nDie Züge stehen still.",
                    "Streik bei der Bahn | Die Züge stehen still.",
                ),
                (
                    "Der Zug hielt in der\nNähe von Ulm an.",
                    "Der Zug hielt in der\nNähe von Ulm an.",
                ),
                (
                    "Sie kaufte eine neue\nWaschmaschine.",
                    "Sie kaufte eine neue\nWaschmaschine.",
                ),
                (
                    "Er kam spät am\nAbend nach Hause.",
                    "Er kam spät am\nAbend nach Hause.",
                ),
                (
                    "Die Regierung hat\nbeschlossen.",
                    "Die Regierung hat\nbeschlossen.",
                ),
                ("Einkauf:\n• Brot\n• Milch", "Einkauf: | • Brot | • Milch"),
                (
                    "1. Brot kaufen.\n2. Milch holen.",
                    "1. Brot kaufen. | 2. Milch holen.",
                ),
                ("gehen\ngeht\ngehst\n", "gehen | geht | gehst"),
                ("Er kommt.\nlaufen\nläuft", "Er kommt. | laufen | läuft"),
                (
                    "Ulm – Köln 1:0 (0:0)\nUlm siegt.",
                    "Ulm – Köln 1:0 (0:0) | Ulm siegt.",
                ),
                ("Er sagt: Das\nist gut.", "Er sagt: Das\nist gut."),
            ],
            "line breaks",
        );
    }

    #[test]
    fn run_in_headings() {
        check(
            &[
                (
                    "Neue Brücke eröffnet Nach drei Jahren Bauzeit rollt der Verkehr.",
                    "Neue Brücke eröffnet | Nach drei Jahren Bauzeit rollt der Verkehr.",
                ),
                (
                    "Streit um Schulen Seit Wochen streiten Land und Städte.",
                    "Streit um Schulen | Seit Wochen streiten Land und Städte.",
                ),
                (
                    "Das Essen war gut Wir kommen wieder.",
                    "Das Essen war gut | Wir kommen wieder.",
                ),
                // Negatives: a capitalised function word after a preposition or article,
                // after punctuation, or too far into the line.
                (
                    "Der Film „Im Westen nichts Neues“ lief.",
                    "Der Film „Im Westen nichts Neues“ lief.",
                ),
                ("Das Aus für Opel kam.", "Das Aus für Opel kam."),
                (
                    "Können Sie das bitte wiederholen?",
                    "Können Sie das bitte wiederholen?",
                ),
            ],
            "run-in heading",
        );
    }

    #[test]
    fn headings_are_flagged() {
        let got = split("Die Rolle der USA\n\nOffen bleibt sie.\nStreik in Ulm\nEs regnet.");
        assert_eq!(
            got,
            vec![
                ("Die Rolle der USA".into(), true),
                ("Offen bleibt sie.".into(), false),
                ("Streik in Ulm".into(), true),
                ("Es regnet.".into(), false),
            ],
            "help: a line without final punctuation is a heading"
        );
        let got = split("Sturm legt Bahn lahm Nach dem Orkan fahren keine Züge.");
        assert_eq!(got[0], ("Sturm legt Bahn lahm".into(), true));
    }
}
