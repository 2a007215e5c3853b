//! Sentence boundaries over the token stream.
//!
//! A sentence ends after `.`, `!`, `?`, `…` (plus closing quotes and brackets) when
//! the next token can start a sentence, after an abbreviation flagged `end` when
//! the next word is capitalised and not a noun-like continuation, at a blank line,
//! and after a line without final punctuation that is followed by a line break
//! (a heading, `heading: true`). A dot after a number followed by a month or a
//! capitalised word is an ordinal, not an end (`am 3. Oktober`).

use super::tokenize::{char_at, TokenKind};
use super::{Segmenter, SentenceSpan, Token};

const MONTHS: &[&str] = &[
    "Januar",
    "Jänner",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

fn is_closing(s: &str) -> bool {
    matches!(
        s,
        "“" | "”" | "\"" | "«" | "»" | "‘" | "’" | "'" | ")" | "]" | "›" | "‹"
    )
}

fn is_final(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "…" | "..." | "?!" | "!?")
        || (s.len() > 1 && s.bytes().all(|b| b == b'.'))
}

/// Can this token start a sentence?
fn can_start(text: &str, t: &Token) -> bool {
    let c = char_at(text, t.start);
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(
            c,
            '„' | '"' | '»' | '«' | '(' | '[' | '‚' | '‹' | '›' | '“' | '-' | '–'
        )
}

/// Splits the token stream into sentences.
pub fn split(seg: &Segmenter, text: &str, tokens: &[Token]) -> Vec<SentenceSpan> {
    let mut out = Vec::new();
    let mut first = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let s = t.text(text);
        let mut boundary_after: Option<usize> = None;
        let mut heading = false;
        let next = tokens.get(i + 1);
        let gap = next.map(|n| &text[t.end..n.start]).unwrap_or("");
        let newlines =
            gap.matches('\n').count() + gap.matches('\r').count() - gap.matches("\r\n").count();
        if next.is_none() {
            boundary_after = Some(i);
        } else if is_final(s) && t.kind == TokenKind::Punct {
            // Take closing quotes/brackets with the sentence.
            let mut j = i;
            while let Some(n) = tokens.get(j + 1) {
                if is_closing(n.text(text)) && n.start == tokens[j].end {
                    j += 1;
                } else {
                    break;
                }
            }
            match tokens.get(j + 1) {
                None => boundary_after = Some(j),
                Some(n) => {
                    let ordinal = s == "." && j == i && i > first && {
                        let prev = &tokens[i - 1];
                        prev.kind == TokenKind::Number
                            && prev.end == t.start
                            && prev.end - prev.start <= 2
                            && MONTHS.contains(&n.text(text))
                    };
                    if !ordinal && can_start(text, n) {
                        boundary_after = Some(j);
                    }
                }
            }
        } else if t.kind == TokenKind::Abbrev && newlines >= 2 {
            boundary_after = Some(i);
        } else if newlines >= 2 {
            boundary_after = Some(i);
            heading = !is_final(s);
        } else if newlines == 1 && !is_final(s) && !matches!(s, "," | ";" | ":" | "-") {
            // A line without final punctuation followed by a capitalised line: heading.
            if next.is_some_and(|n| can_start(text, n)) && i + 1 - first <= 15 {
                boundary_after = Some(i);
                heading = true;
            }
        }
        if let Some(j) = boundary_after {
            if j + 1 - first > 0 {
                let last = &tokens[j];
                let heading = heading && !is_final(last.text(text));
                out.push(SentenceSpan {
                    start: tokens[first].start,
                    end: last.end,
                    heading,
                    tokens: first..j + 1,
                });
            }
            first = j + 1;
            i = j + 1;
        } else {
            i += 1;
        }
    }
    // A trailing heading: the last line without final punctuation.
    if let Some(last) = out.last_mut() {
        let tok = &tokens[last.tokens.end - 1];
        if !is_final(tok.text(text)) && !is_closing(tok.text(text)) && last.tokens.len() <= 15 {
            last.heading = last.start == 0 || text[..last.start].ends_with('\n');
        }
    }
    let _ = seg;
    out
}

#[cfg(test)]
mod tests {
    use crate::segment::Segmenter;

    fn split(text: &str) -> Vec<(String, bool)> {
        let seg = Segmenter::new(&Default::default()).unwrap();
        seg.segment(text)
            .sentences
            .iter()
            .map(|s| (text[s.start..s.end].to_string(), s.heading))
            .collect()
    }

    #[test]
    fn sentence_table() {
        let cases: &[(&str, &[&str])] = &[
            ("Er kam. Sie ging.", &["Er kam.", "Sie ging."]),
            (
                "Am 3. Oktober war Feiertag. Alle frei.",
                &["Am 3. Oktober war Feiertag.", "Alle frei."],
            ),
            (
                "„Wir liefern“, sagte er. „Sofort.“ Dann ging er.",
                &["„Wir liefern“, sagte er.", "„Sofort.“", "Dann ging er."],
            ),
            ("Dr. Meier kam. Er blieb.", &["Dr. Meier kam.", "Er blieb."]),
            ("Die Lage\n\nEs brennt.", &["Die Lage", "Es brennt."]),
            (
                "Das kostet 5 Mio. Euro. Zu viel.",
                &["Das kostet 5 Mio. Euro.", "Zu viel."],
            ),
        ];
        for (input, expected) in cases {
            let got: Vec<String> = split(input).into_iter().map(|(s, _)| s).collect();
            assert_eq!(got, *expected, "help: splitting {input:?}");
        }
    }

    #[test]
    fn headings_are_flagged() {
        let got = split("Die Rolle der USA\n\nOffen bleibt sie.");
        assert_eq!(
            got,
            vec![
                ("Die Rolle der USA".into(), true),
                ("Offen bleibt sie.".into(), false)
            ]
        );
    }
}
