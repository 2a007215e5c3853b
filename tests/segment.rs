//! The segmenter's contract, from outside the crate: tokens and sentences are
//! ordered, non-overlapping slices on char boundaries; every non-blank character is
//! in a token and every token in exactly one sentence; no input panics; time stays
//! linear on pathological input.

use std::time::{Duration, Instant};

use aussage::segment::{Segmentation, Segmenter, TokenKind};
use proptest::prelude::*;

fn segmenter() -> Segmenter {
    Segmenter::new(&Default::default()).expect("built-in lexicons load")
}

fn is_blank(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{FEFF}' | '\u{00AD}' | '\u{200E}' | '\u{200F}' | '\u{2060}'
        )
}

/// Checks every invariant of a segmentation; the message names the broken one.
fn check_invariants(text: &str, seg: &Segmentation) -> Result<(), String> {
    let mut prev_end = 0;
    for (k, t) in seg.tokens.iter().enumerate() {
        if t.start < prev_end || t.end <= t.start || t.end > text.len() {
            return Err(format!("token {k} {t:?} overlaps or is empty"));
        }
        if !text.is_char_boundary(t.start) || !text.is_char_boundary(t.end) {
            return Err(format!("token {k} {t:?} cuts a char"));
        }
        if let Some(c) = text[prev_end..t.start].chars().find(|&c| !is_blank(c)) {
            return Err(format!("non-blank {c:?} before token {k} is in no token"));
        }
        prev_end = t.end;
    }
    if let Some(c) = text[prev_end..].chars().find(|&c| !is_blank(c)) {
        return Err(format!(
            "non-blank {c:?} after the last token is in no token"
        ));
    }
    let mut next_token = 0;
    for (k, s) in seg.sentences.iter().enumerate() {
        if s.tokens.start != next_token || s.tokens.is_empty() {
            return Err(format!(
                "sentence {k} does not continue at token {next_token}"
            ));
        }
        let toks = seg.sentence_tokens(k);
        if s.start != toks[0].start || s.end != toks[toks.len() - 1].end {
            return Err(format!("sentence {k} offsets differ from its tokens"));
        }
        next_token = s.tokens.end;
    }
    if next_token != seg.tokens.len() {
        return Err(format!("tokens from {next_token} are in no sentence"));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn random_text_keeps_the_invariants(
        text in r"([a-zA-ZäöüÄÖÜß0-9]{0,6}|[ .,;:!?…„“”‚‘»«()\[\]\-–'@#%/\n\r\t]|\u{a0}|\u{308}|\u{2009}|¹|😀|z\. B\.|Dr\.|usw\.|www\.|https://|[0-9]{1,3}\.){0,60}"
    ) {
        let seg = segmenter().segment(&text);
        if let Err(e) = check_invariants(&text, &seg) {
            prop_assert!(false, "{} in {:?}\nhelp: see the rule named in the message", e, text);
        }
    }

    #[test]
    fn any_string_keeps_the_invariants(text in any::<String>()) {
        let seg = segmenter().segment(&text);
        if let Err(e) = check_invariants(&text, &seg) {
            prop_assert!(false, "{} in {:?}", e, text);
        }
    }
}

#[test]
fn library_helpers() {
    let text = "Der US-Präsident kam am 3. Oktober. Er blieb.";
    let seg = segmenter().segment(text);
    check_invariants(text, &seg).unwrap();
    assert_eq!(seg.sentences.len(), 2, "help: ordinal before a month");
    let second = text.find("Er").unwrap();
    assert_eq!(seg.sentence_at(second), 1);
    assert_eq!(seg.sentence_at(0), 0);
    let compound = seg.tokens[1];
    assert_eq!(compound.text(text), "US-Präsident");
    let parts: Vec<&str> = compound.parts(text).map(|r| &text[r]).collect();
    assert_eq!(parts, ["US", "Präsident"]);
    let plain: Vec<&str> = seg.tokens[0].parts(text).map(|r| &text[r]).collect();
    assert_eq!(
        plain,
        ["Der"],
        "help: a word without hyphen is its own part"
    );
}

#[test]
fn token_kinds_table() {
    let rows: &[(&str, TokenKind)] = &[
        ("Kreml-Nähe", TokenKind::Word),
        ("1.000", TokenKind::Number),
        ("3,5", TokenKind::Number),
        ("14.30", TokenKind::Number),
        ("3.10.2000", TokenKind::Number),
        ("z. B.", TokenKind::Abbrev),
        ("Mio.", TokenKind::Abbrev),
        ("https://www.example.org/a", TokenKind::Url),
        ("redaktion@example.de", TokenKind::Url),
        ("%", TokenKind::Punct),
        ("…", TokenKind::Punct),
    ];
    let seg = segmenter();
    for (text, kind) in rows {
        let s = seg.segment(text);
        assert_eq!(s.tokens.len(), 1, "help: {text:?} should be one token");
        assert_eq!(s.tokens[0].kind, *kind, "help: kind of {text:?}");
    }
}

#[test]
fn user_lexicon_adds_an_abbreviation() {
    let mut lex = aussage::lexicon::Lexicons::default();
    lex.add("abbreviations.tsv", "Bsp.\t-\tBeispiel\n");
    let seg = Segmenter::new(&lex).unwrap();
    let text = "Ein Bsp. Müller zeigt es.";
    assert_eq!(
        seg.segment(text).sentences.len(),
        1,
        "help: user abbreviations are read"
    );
    let mut bad = aussage::lexicon::Lexicons::default();
    bad.add("abbreviations.tsv", "Bsp.\tmaybe\n");
    assert!(
        Segmenter::new(&bad).is_err(),
        "help: an unknown flag is an error"
    );
}

/// Segments `text`, checks the invariants and returns the time it took.
fn timed(text: &str) -> Duration {
    let seg = segmenter();
    let t = Instant::now();
    let s = seg.segment(text);
    let took = t.elapsed();
    check_invariants(text, &s).unwrap();
    took
}

#[test]
fn pathological_input_stays_linear() {
    // Generous bounds: the test runs unoptimised on a shared machine; a quadratic
    // pass over these inputs would take minutes.
    let limit = Duration::from_secs(20);
    let sentence = "Die Regierung hat am 3. Oktober z. B. 1.000 Euro (rund 3,5 %) gezahlt. ";
    let long_line = sentence.repeat(4_000_000 / sentence.len());
    assert!(timed(&long_line) < limit, "help: a 4 MB single line");
    let nested = format!("{}Wort{}", "„(»[".repeat(5_000), "]«)“".repeat(5_000));
    assert!(
        timed(&nested) < limit,
        "help: 20,000-deep quotes and brackets"
    );
    let dots = format!("{} Ende.", "a.".repeat(500_000));
    assert!(
        timed(&dots) < limit,
        "help: a 1 MB token of letters and dots"
    );
    let token = "x".repeat(1 << 20);
    assert!(timed(&token) < limit, "help: a 1 MB word");
    let closers = format!("Er kam.{} Dann", "“".repeat(200_000));
    assert!(
        timed(&closers) < limit,
        "help: a long run of closing quotes"
    );
    let newlines = "Zeile\n".repeat(200_000);
    assert!(timed(&newlines) < limit, "help: many short lines");
    let numbers = "1. ".repeat(300_000);
    assert!(timed(&numbers) < limit, "help: many ordinal-shaped numbers");
}
