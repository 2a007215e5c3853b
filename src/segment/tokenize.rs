//! The tokenizer: words, numbers in German notation, abbreviations, URLs and
//! punctuation, in one left-to-right pass without allocation per token.
//!
//! - Words run over letters, digits and inner hyphens/apostrophes:
//!   `Ukraine-Krieg`, `US-Präsident`, `geht’s` are one token each.
//! - Numbers keep German separators between digits: `1.000`, `3,5`, `14.30`,
//!   `3.10.2000`; a trailing dot is punctuation (`am 3. Oktober` → `3`, `.`).
//! - A word followed by `.` that is a known abbreviation (`Dr.`, `Mio.`) or a
//!   single capital letter (an initial, `J.`) takes the dot; multi-piece
//!   abbreviations (`z. B.`, `u. a.`) become one token.
//! - URLs (`https://…`, `www.…`) and e-mail addresses are one token.
//! - Every other non-space character is a one-character punctuation token, except
//!   runs of dots (`...`).

use super::{Segmenter, Token};

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
    /// Punctuation or a symbol (one char, or a run of dots).
    Punct,
}

/// Splits `text` into tokens.
pub fn tokenize(seg: &Segmenter, text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 6 + 1);
    let mut i = 0;
    while i < bytes.len() {
        let c = char_at(text, i);
        let len = c.len_utf8();
        if is_space(c) {
            i += len;
            continue;
        }
        if let Some(end) = url_end(text, i) {
            tokens.push(Token {
                start: i,
                end,
                kind: TokenKind::Url,
            });
            i = end;
            continue;
        }
        if c.is_alphanumeric() {
            let (end, kind) = word_end(text, i);
            let word = &text[i..end];
            // Abbreviation or initial: take the following dot.
            if bytes.get(end) == Some(&b'.') && kind == TokenKind::Word {
                let initial = word.chars().count() == 1 && c.is_uppercase();
                if initial || seg.single.contains_key(word) {
                    tokens.push(Token {
                        start: i,
                        end: end + 1,
                        kind: TokenKind::Abbrev,
                    });
                    i = end + 1;
                    continue;
                }
                if let Some(multi_end) = multi_abbrev_end(seg, text, i) {
                    tokens.push(Token {
                        start: i,
                        end: multi_end,
                        kind: TokenKind::Abbrev,
                    });
                    i = multi_end;
                    continue;
                }
            }
            tokens.push(Token {
                start: i,
                end,
                kind,
            });
            i = end;
            continue;
        }
        // Punctuation: runs of dots stay together.
        let mut end = i + len;
        if c == '.' {
            while bytes.get(end) == Some(&b'.') {
                end += 1;
            }
        }
        tokens.push(Token {
            start: i,
            end,
            kind: TokenKind::Punct,
        });
        i = end;
    }
    tokens
}

/// Whitespace, including the invisible separators news text carries.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{FEFF}' | '\u{00AD}' | '\u{200E}' | '\u{200F}'
        )
}

pub(crate) fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or('\0')
}

/// End of a word or number starting at `start`, and its kind.
fn word_end(text: &str, start: usize) -> (usize, TokenKind) {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut all_digits = true;
    let mut prev_digit = false;
    while i < bytes.len() {
        let c = char_at(text, i);
        if c.is_alphanumeric() {
            all_digits &= c.is_ascii_digit();
            prev_digit = c.is_ascii_digit();
            i += c.len_utf8();
            continue;
        }
        let next = text[i + c.len_utf8()..].chars().next();
        let joins = match c {
            // Compounds and elisions: a letter or digit on both sides.
            '-' | '‑' | '\'' | '’' => next.is_some_and(char::is_alphanumeric),
            // German digit grouping and decimals: a digit on both sides.
            '.' | ',' => prev_digit && all_digits && next.is_some_and(|n| n.is_ascii_digit()),
            _ => false,
        };
        if !joins {
            break;
        }
        if c != '.' && c != ',' {
            all_digits = false;
        }
        i += c.len_utf8();
    }
    let kind = if all_digits {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    (i, kind)
}

/// If a multi-piece abbreviation ("z. B.", "u.a.") starts at `start`, its end.
fn multi_abbrev_end(seg: &Segmenter, text: &str, start: usize) -> Option<usize> {
    'entries: for (pieces, _) in &seg.multi {
        let mut i = start;
        for (k, piece) in pieces.iter().enumerate() {
            if k > 0 {
                while text[i..].starts_with(' ') || text[i..].starts_with('\u{a0}') {
                    i += text[i..].chars().next().map_or(1, char::len_utf8);
                }
            }
            if !text[i..].starts_with(piece.as_str()) {
                continue 'entries;
            }
            i += piece.len();
            if !text[i..].starts_with('.') {
                continue 'entries;
            }
            i += 1;
        }
        return Some(i);
    }
    None
}

/// End of a URL or e-mail address starting at `start`.
fn url_end(text: &str, start: usize) -> Option<usize> {
    let rest = &text[start..];
    let lower_prefix = |p: &str| {
        rest.len() >= p.len() && rest.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    };
    let is_url = lower_prefix("http://") || lower_prefix("https://") || lower_prefix("www.");
    let end_of_run = rest
        .find(|c: char| is_space(c) || matches!(c, '"' | '„' | '“' | '”' | '<' | '>' | '«' | '»'))
        .unwrap_or(rest.len());
    let run = &rest[..end_of_run];
    let is_mail = !is_url && {
        let at = run.find('@');
        at.is_some_and(|a| {
            a > 0
                && run[a + 1..].contains('.')
                && run[..a]
                    .chars()
                    .all(|c| c.is_alphanumeric() || "._-+".contains(c))
        })
    };
    if !is_url && !is_mail {
        return None;
    }
    // Trailing punctuation belongs to the sentence, not the address.
    let trimmed = run.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '\'']);
    Some(start + trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        let seg = Segmenter::new(&Default::default()).unwrap();
        tokenize(&seg, text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn token_table() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Ukraine-Krieg und US-Präsident",
                &["Ukraine-Krieg", "und", "US-Präsident"],
            ),
            ("1.000 Euro, 3,5 %", &["1.000", "Euro", ",", "3,5", "%"]),
            ("am 3. Oktober", &["am", "3", ".", "Oktober"]),
            ("um 14.30 Uhr.", &["um", "14.30", "Uhr", "."]),
            ("Dr. Müller", &["Dr.", "Müller"]),
            ("z. B. hier", &["z. B.", "hier"]),
            ("J. R. Tolkien", &["J.", "R.", "Tolkien"]),
            ("siehe www.example.de.", &["siehe", "www.example.de", "."]),
            (
                "an info@example.de schreiben",
                &["an", "info@example.de", "schreiben"],
            ),
            (
                "„Ja“, sagte er...",
                &["„", "Ja", "“", ",", "sagte", "er", "..."],
            ),
            ("geht’s", &["geht’s"]),
            ("Staats- und", &["Staats", "-", "und"]),
        ];
        for (input, expected) in cases {
            assert_eq!(toks(input), *expected, "help: tokenizing {input:?}");
        }
    }
}
