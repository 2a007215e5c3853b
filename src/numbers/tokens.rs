//! The quantity stage's own view of a sentence: small tokens that keep digits, letters
//! and signs apart, so that "3km", "77-jährige", "US-Dollar", "m²" and "2:1" can be read.
//!
//! Why its own: the shared tokenizer keeps `77-Jährige` or `Staats-` as one word, which is
//! right for entities and claims but hides the pieces a figure is made of. This one is a
//! single linear pass over one sentence; it allocates only the token vector and one
//! lower-case buffer per sentence. It does not decide anything about numbers.
//!
//! Example: `"rund 9,5 Mio. Euro"` → `rund` `9,5` `Mio` `.` `Euro`.

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
    lo: (u32, u32),
}

/// The tokens of one sentence, with their lower-case forms.
#[derive(Debug, Default)]
pub struct Toks<'a> {
    /// The whole document text.
    pub text: &'a str,
    /// Tokens in order.
    pub v: Vec<Tok>,
    lower: String,
    /// The first word after the sentence on the same line, if any (to read "107." when a
    /// segmenter cut the sentence after an ordinal's dot).
    pub after: &'a str,
}

pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}')
}

impl<'a> Toks<'a> {
    /// Tokenizes `text[start..end]`.
    pub fn new(text: &'a str, start: usize, end: usize) -> Self {
        let mut t = Toks {
            text,
            v: Vec::with_capacity((end - start) / 5 + 1),
            lower: String::with_capacity(end - start + 8),
            after: "",
        };
        let rest = &text[end..];
        let trimmed = rest.trim_start_matches([' ', '\t', '\u{a0}']);
        let wlen = trimmed
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '-'))
            .map_or(trimmed.len(), |(k, _)| k);
        t.after = &trimmed[..wlen];
        let sent = &text[start..end];
        let mut it = sent.char_indices().peekable();
        let mut sp = true;
        while let Some((i, c)) = it.next() {
            let s = start + i;
            if is_space(c) {
                sp = true;
                continue;
            }
            if c.is_ascii_digit()
                || (c == ',' && sp && it.peek().is_some_and(|p| p.1.is_ascii_digit()))
            {
                // digits with inner separators
                let mut e = s + c.len_utf8();
                let mut prev_digit = c.is_ascii_digit();
                while let Some(&(j, d)) = it.peek() {
                    if d.is_ascii_digit() {
                        prev_digit = true;
                    } else if matches!(d, '.' | ',' | ':') && prev_digit {
                        let next = sent[j + 1..].chars().next();
                        if !next.is_some_and(|n| n.is_ascii_digit()) {
                            break;
                        }
                        prev_digit = false;
                    } else {
                        break;
                    }
                    e = start + j + d.len_utf8();
                    it.next();
                }
                // digits followed by letters followed by digits: an identifier
                let rest = &sent[e - start..];
                let letters = rest
                    .char_indices()
                    .find(|(_, x)| !x.is_alphabetic())
                    .map_or(rest.len(), |(k, _)| k);
                if letters > 0 && rest[letters..].starts_with(|x: char| x.is_ascii_digit()) {
                    let mut me = e;
                    while let Some(&(j, d)) = it.peek() {
                        if !d.is_alphanumeric() {
                            break;
                        }
                        me = start + j + d.len_utf8();
                        it.next();
                    }
                    t.push(s, me, Kind::Mixed, sp);
                } else {
                    t.push(s, e, Kind::Num, sp);
                }
                sp = false;
                continue;
            }
            if c.is_alphabetic() {
                let rest = &sent[i..];
                let url = ["http://", "https://", "www."].iter().any(|p| {
                    rest.len() >= p.len()
                        && rest.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
                });
                if url {
                    let mut e = s + c.len_utf8();
                    while let Some(&(j, d)) = it.peek() {
                        if is_space(d) {
                            break;
                        }
                        e = start + j + d.len_utf8();
                        it.next();
                    }
                    t.push(s, e, Kind::Mixed, sp);
                    sp = false;
                    continue;
                }
                let mut e = s + c.len_utf8();
                let mut kind = Kind::Word;
                while let Some(&(j, d)) = it.peek() {
                    if d.is_alphabetic() {
                    } else if d.is_ascii_digit() {
                        kind = Kind::Mixed;
                    } else {
                        break;
                    }
                    e = start + j + d.len_utf8();
                    it.next();
                }
                if kind == Kind::Mixed {
                    // take the rest of the alphanumeric run
                    while let Some(&(j, d)) = it.peek() {
                        if !d.is_alphanumeric() {
                            break;
                        }
                        e = start + j + d.len_utf8();
                        it.next();
                    }
                }
                t.push(s, e, kind, sp);
                sp = false;
                continue;
            }
            t.push(s, s + c.len_utf8(), Kind::Punct, sp);
            sp = false;
        }
        t
    }

    fn push(&mut self, s: usize, e: usize, kind: Kind, sp: bool) {
        let a = self.lower.len() as u32;
        let piece = &self.text[s..e];
        if piece.is_ascii() {
            for &b in piece.as_bytes() {
                self.lower.push(char::from(b.to_ascii_lowercase()));
            }
            let b = self.lower.len() as u32;
            self.v.push(Tok {
                s,
                e,
                kind,
                sp,
                lo: (a, b),
            });
            return;
        }
        for c in piece.chars() {
            // keep one char per char so lengths stay comparable
            match c {
                'ẞ' => self.lower.push('ß'),
                _ => self.lower.extend(c.to_lowercase()),
            }
        }
        let b = self.lower.len() as u32;
        self.v.push(Tok {
            s,
            e,
            kind,
            sp,
            lo: (a, b),
        });
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.v.len()
    }

    /// The token's text as written ("" past the end).
    pub fn raw(&self, i: usize) -> &'a str {
        self.v.get(i).map_or("", |t| &self.text[t.s..t.e])
    }

    /// The token's lower-case text ("" past the end).
    pub fn low(&self, i: usize) -> &str {
        self.v
            .get(i)
            .map_or("", |t| &self.lower[t.lo.0 as usize..t.lo.1 as usize])
    }

    /// The token's kind (Punct past the end).
    pub fn kind(&self, i: usize) -> Kind {
        self.v.get(i).map_or(Kind::Punct, |t| t.kind)
    }

    /// Token `i` is glued to the one before it (no space between).
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
            (",77 und 1 234", &[",77", "und", "1", "234"]),
        ];
        for (input, expected) in cases {
            let t = Toks::new(input, 0, input.len());
            let got: Vec<&str> = (0..t.len()).map(|i| t.raw(i)).collect();
            assert_eq!(&got, expected, "help: tokenizing {input:?}");
        }
    }
}
