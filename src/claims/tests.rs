//! Example tables for the claim rules: our own German sentences, one a line, with
//! the expected kind, speaker text and content text (negatives beside positives).

use crate::record::Claim;
use crate::{Document, Pipeline, Stages};

fn claims(text: &str) -> Vec<Claim> {
    let p = Pipeline::new().expect("built-in lexicons load");
    let doc = Document::from_text("t", text);
    p.process(&doc, Stages::ALL).claims.unwrap_or_default()
}

/// (text, kind, speaker or "", content). Each text must give exactly one claim of
/// that kind whose speaker and content are as written.
fn check(table: &[(&str, &str, &str, &str)]) {
    for (text, kind, speaker, content) in table {
        let got = claims(text);
        let summary: Vec<_> = got
            .iter()
            .map(|c| {
                (
                    &*c.kind,
                    c.speaker.as_ref().map_or("", |s| s.text.as_str()),
                    c.content.text.as_str(),
                    c.rule.as_deref().unwrap_or(""),
                )
            })
            .collect();
        let hit = got.iter().any(|c| {
            c.kind == *kind
                && c.speaker.as_ref().map_or("", |s| s.text.as_str()) == *speaker
                && c.content.text == *content
        });
        assert!(
            hit,
            "\n  text: {text}\n  want: {kind} / {speaker:?} / {content:?}\n  got:  {summary:?}\n  help: see the rule order in src/claims/mod.rs; cue verbs live in lexicons/claims_cue_verbs.tsv"
        );
    }
}

fn check_none(table: &[&str]) {
    for text in table {
        let got = claims(text);
        let summary: Vec<_> = got
            .iter()
            .map(|c| {
                (
                    &*c.kind,
                    c.content.text.as_str(),
                    c.rule.as_deref().unwrap_or(""),
                )
            })
            .collect();
        assert!(
            got.is_empty(),
            "\n  text: {text}\n  want: no claim\n  got:  {summary:?}\n  help: a rule fired on a sentence that attributes nothing; tighten it or its lexicon entry"
        );
    }
}

#[test]
fn indirect_speech_after_cue() {
    check(&[
        (
            "Die Ministerin sagte, die Lage sei ernst.",
            "indirect_speech",
            "Die Ministerin",
            "die Lage sei ernst",
        ),
        (
            "Der Bürgermeister erklärte am Montag, dass die Brücke gesperrt bleibe.",
            "indirect_speech",
            "Der Bürgermeister",
            "dass die Brücke gesperrt bleibe",
        ),
        (
            "Am Dienstag betonte der Sprecher, man habe nichts zu verbergen.",
            "indirect_speech",
            "der Sprecher",
            "man habe nichts zu verbergen",
        ),
        (
            "Anna Berger von der Stadtverwaltung meinte, die Kosten würden steigen.",
            "indirect_speech",
            "Anna Berger von der Stadtverwaltung",
            "die Kosten würden steigen",
        ),
        (
            "Die Gewerkschaft teilte mit, der Streik werde fortgesetzt.",
            "indirect_speech",
            "Die Gewerkschaft",
            "der Streik werde fortgesetzt",
        ),
        (
            "Er hat angekündigt, die Steuern senken zu wollen.",
            "indirect_speech",
            "Er",
            "die Steuern senken zu wollen",
        ),
        (
            "Der Verband forderte die Regierung auf, die Hilfen zu verlängern.",
            "indirect_speech",
            "Der Verband",
            "die Hilfen zu verlängern",
        ),
        (
            "Die Polizei gab an, der Fahrer sei betrunken gewesen.",
            "indirect_speech",
            "Die Polizei",
            "der Fahrer sei betrunken gewesen",
        ),
        (
            "Der Trainer, der seit Jahren im Amt ist, sagte, die Mannschaft sei bereit.",
            "indirect_speech",
            "Der Trainer",
            "die Mannschaft sei bereit",
        ),
        (
            "Sie erklärte: Die Verhandlungen seien gescheitert.",
            "indirect_speech",
            "Sie",
            "Die Verhandlungen seien gescheitert",
        ),
    ]);
}

#[test]
fn indirect_speech_frame_after_and_wie() {
    check(&[
        (
            "Die Preise seien stark gestiegen, sagte ein Händler.",
            "indirect_speech",
            "ein Händler",
            "Die Preise seien stark gestiegen",
        ),
        (
            "Zwei Menschen seien verletzt worden, teilte die Feuerwehr mit.",
            "indirect_speech",
            "die Feuerwehr",
            "Zwei Menschen seien verletzt worden",
        ),
        (
            "Der Zug hat Verspätung, so die Bahn.",
            "indirect_speech",
            "die Bahn",
            "Der Zug hat Verspätung",
        ),
        (
            "Wie die Stadt mitteilte, wird die Straße ab Montag gesperrt.",
            "indirect_speech",
            "die Stadt",
            "wird die Straße ab Montag gesperrt",
        ),
        (
            "Die Messe fällt aus, wie der Veranstalter bekannt gab.",
            "indirect_speech",
            "der Veranstalter",
            "Die Messe fällt aus",
        ),
    ]);
}

#[test]
fn according_to_frames() {
    check(&[
        (
            "Laut Polizei wurden drei Menschen festgenommen.",
            "according_to",
            "Polizei",
            "wurden drei Menschen festgenommen",
        ),
        (
            "Nach Angaben der Feuerwehr brach das Feuer in der Küche aus.",
            "according_to",
            "Angaben der Feuerwehr",
            "brach das Feuer in der Küche aus",
        ),
        (
            "Medienberichten zufolge tritt der Minister zurück.",
            "according_to",
            "Medienberichten",
            "tritt der Minister zurück",
        ),
        (
            "Der Schaden beträgt laut Versicherung rund eine Million Euro.",
            "according_to",
            "Versicherung",
            "Der Schaden beträgt laut Versicherung rund eine Million Euro",
        ),
        (
            "Nach Polizeiangaben war der Wagen zu schnell.",
            "according_to",
            "Polizeiangaben",
            "war der Wagen zu schnell",
        ),
        (
            "Gemäß einer Umfrage lehnen die meisten Bürger den Plan ab.",
            "according_to",
            "einer Umfrage",
            "lehnen die meisten Bürger den Plan ab",
        ),
        (
            "Demnach hat der Konzern im Vorjahr Verluste gemacht.",
            "according_to",
            "Demnach",
            "hat der Konzern im Vorjahr Verluste gemacht",
        ),
    ]);
}

#[test]
fn direct_quotes() {
    check(&[
        (
            "„Wir geben nicht auf“, sagte die Kapitänin.",
            "direct_quote",
            "die Kapitänin",
            "„Wir geben nicht auf“",
        ),
        (
            "Der Minister sagte: „Die Lage ist unter Kontrolle.“",
            "direct_quote",
            "Der Minister",
            "„Die Lage ist unter Kontrolle.“",
        ),
        (
            "»Das ist ein guter Tag«, erklärte der Rektor.",
            "direct_quote",
            "der Rektor",
            "»Das ist ein guter Tag«",
        ),
        (
            "Die Sängerin sagte: „Ich freue mich. Wir kommen wieder.“",
            "direct_quote",
            "Die Sängerin",
            "„Ich freue mich. Wir kommen wieder.“",
        ),
        (
            "Er wird mit den Worten zitiert: „Ich trete nicht an.“",
            "direct_quote",
            "Er",
            "„Ich trete nicht an.“",
        ),
        // A continuation keeps the speaker of the quotation before it.
        (
            "„Wir bleiben“, sagte sie. „Das ist sicher.“",
            "direct_quote",
            "sie",
            "„Das ist sicher.“",
        ),
        // A partial quotation inside indirect speech belongs to the indirect claim.
        (
            "Das sei „ein großer Fehler“, meinte der Abgeordnete.",
            "indirect_speech",
            "der Abgeordnete",
            "Das sei „ein großer Fehler“",
        ),
    ]);
}

#[test]
fn reported_speech_acts() {
    check(&[
        (
            "Die Opposition forderte den Rücktritt des Ministers.",
            "reported",
            "Die Opposition",
            "Die Opposition forderte den Rücktritt des Ministers.",
        ),
        (
            "Der Konzern kündigte neue Stellenstreichungen an.",
            "reported",
            "Der Konzern",
            "Der Konzern kündigte neue Stellenstreichungen an.",
        ),
        (
            "Die Regierung stellte weitere Hilfen in Aussicht.",
            "reported",
            "Die Regierung",
            "Die Regierung stellte weitere Hilfen in Aussicht.",
        ),
        (
            "Die Stadt will im nächsten Jahr eine neue Schule bauen.",
            "reported",
            "Die Stadt",
            "Die Stadt will im nächsten Jahr eine neue Schule bauen.",
        ),
        (
            "Der Vorstand wies die Vorwürfe zurück.",
            "reported",
            "Der Vorstand",
            "Der Vorstand wies die Vorwürfe zurück.",
        ),
        (
            "Die Anwohner wurden vor Hochwasser gewarnt.",
            "reported",
            "",
            "Die Anwohner wurden vor Hochwasser gewarnt.",
        ),
    ]);
}

#[test]
fn continuation_in_konjunktiv() {
    check(&[
        (
            "Der Sprecher sagte, das Werk bleibe offen. Man werde keine Stellen abbauen.",
            "indirect_speech",
            "Der Sprecher",
            "Man werde keine Stellen abbauen.",
        ),
        (
            "Die Polizei berichtete, ein Mann sei festgenommen worden. Er soll die Tat gestanden haben.",
            "indirect_speech",
            "Die Polizei",
            "Er soll die Tat gestanden haben.",
        ),
    ]);
}

#[test]
fn statements_carry_a_figure() {
    check(&[
        (
            "Im Jahr kamen 120 Besucher in das Museum.",
            "statement",
            "",
            "Im Jahr kamen 120 Besucher in das Museum",
        ),
        (
            "Am Abend führten beide ein zweistündiges Gespräch.",
            "statement",
            "",
            "Am Abend führten beide ein zweistündiges Gespräch",
        ),
    ]);
}

#[test]
fn no_claim_here() {
    check_none(&[
        "Die Sonne scheint über dem Tal.",
        "Der Zug fuhr um acht Uhr ab.",
        "Die „Initiative der Vernünftigen“ trifft sich im Rathaus.",
        "Er sprach mit seiner Schwester.",
        "Die Überschwemmungen haben viele Todesopfer gefordert.",
        "Ihnen drohen hohe Strafen.",
        "Die Fans waren laut und fröhlich.",
        "Nach dem Spiel gingen alle nach Hause.",
        "Die Firma, die im Jahr gegründet wurde, sagte ihren Kunden ab.",
        "Ob die Brücke gebaut werden soll, blieb offen.",
    ]);
}

#[test]
fn hedged_negated_mood() {
    let c = claims("Der Experte sagte, die Preise könnten möglicherweise sinken.");
    assert_eq!(c.len(), 1, "help: one indirect claim expected, got {c:?}");
    assert!(
        c[0].hedged,
        "help: 'möglicherweise'/'könnten' hedge the content"
    );
    assert_eq!(c[0].mood.as_deref(), Some("subjunctive"));
    let c = claims("Die Ministerin sagte, sie werde nicht zurücktreten.");
    assert!(
        c[0].negated && !c[0].hedged,
        "help: 'nicht' negates, nothing hedges: {c:?}"
    );
    let c = claims("Der Sprecher sagte, das sei nicht zuletzt eine Frage des Geldes.");
    assert!(!c[0].negated, "help: 'nicht zuletzt' is not a negation");
    let c = claims("Der Sprecher sagte, der Täter soll geflohen sein.");
    assert!(c[0].hedged, "help: hearsay 'soll … sein' hedges");
}

#[test]
fn pronoun_speaker_gets_the_last_name() {
    let c = claims(
        "Der Minister Karl Brandt sagte, die Reform komme. Später meinte er, sie sei nötig.",
    );
    let last = c.last().expect("two claims");
    let sp = last.speaker.as_ref().expect("a speaker");
    assert_eq!(sp.text, "er");
    assert_eq!(
        sp.name.as_deref(),
        Some("Karl Brandt"),
        "help: pronouns resolve to the last named speaker (the entity's name when one covers it)"
    );
}

#[test]
fn never_panics_on_odd_input() {
    for text in [
        "„",
        "“, sagte er.",
        ", so",
        "laut",
        "zufolge",
        "Er sagte:",
        "„a“ „b“ „c",
        "nach Angaben",
    ] {
        let _ = claims(text);
    }
}

#[test]
fn lowercase_keeps_byte_offsets() {
    use super::rules::lowercase_aligned;
    // (input, expected): same byte length, so token offsets index both.
    let table = [
        ("Der Außenminister SAGTE", "der außenminister sagte"),
        ("ÄRGER über Öl", "ärger über öl"),
        ("Straẞe", "straẞe"),     // ẞ lowercases to a shorter ß: kept as written
        ("İstanbul", "İstanbul"), // İ lowercases to two chars: kept
        ("", ""),
        ("ΑΘΉΝΑ", "αθήνα"),
    ];
    for (input, want) in table {
        let got = lowercase_aligned(input);
        assert_eq!(got, want, "help: lowercase_aligned({input:?})");
        assert_eq!(got.len(), input.len(), "help: byte length must not change");
    }
}

#[test]
fn lowercase_finds_non_ascii_at_every_position_of_a_long_text() {
    use super::rules::lowercase_aligned;
    // The scan steps over ASCII sixteen bytes at a time: put a capital umlaut
    // (and a Greek capital) at every offset of a text longer than two steps.
    for c in ['Ä', 'Ü', 'Σ'] {
        for at in 0..40 {
            let input: String = (0..48)
                .map(|k| {
                    if k == at {
                        c
                    } else {
                        b"ABCxyz "[k % 7] as char
                    }
                })
                .collect();
            let want: String = input
                .chars()
                .map(|ch| ch.to_lowercase().next().unwrap_or(ch))
                .collect();
            assert_eq!(lowercase_aligned(&input), want, "help: {c:?} at {at}");
        }
    }
}

#[test]
fn uppercase_shortcuts_agree_with_unicode() {
    // The ranges answered without the Unicode tables, and some beyond.
    for c in (0..0x3000u32).filter_map(char::from_u32) {
        assert_eq!(
            super::rules::is_uppercase(c),
            c.is_uppercase(),
            "help: is_uppercase({c:?})"
        );
    }
}

#[test]
fn packed_lookup_equals_the_word_table() {
    let lex = super::lexicon::ClaimLexicon::new(&crate::lexicon::Lexicons::default())
        .expect("built-in lexicons load");
    // Every word of the table is found at any position of a text, also at its end
    // (where the 16-byte load is not possible) and after non-ASCII text.
    for (w, info) in &lex.words {
        for text in [w.to_string(), format!("über {w} und so weiter und so fort")] {
            let start = text.find(w.as_str()).unwrap_or(0);
            let got = lex.word_at(&text, start, start + w.len());
            assert!(
                got.is_some_and(|g| g.tag == info.tag && g.func == info.func),
                "help: word_at misses {w:?} in {text:?}"
            );
        }
    }
    // Every word of a text, in the table or not, is found exactly when the
    // table holds it (the filter in front of the probe turns none away).
    let text = "die bürgermeisterin der kleinen stadt erklärte am dienstag, sie habe \
                nicht gewusst, dass der haushalt um zwölf prozent steigen solle; \
                laut einer sprecherin wollen die verkehrsbetriebe bahnsteige verlängern, \
                vermutlich ab märz. außerdem kündigte er an, er werde zurücktreten";
    let mut seen = 0;
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let start = w.as_ptr() as usize - text.as_ptr() as usize;
        let got = lex.word_at(text, start, start + w.len());
        assert_eq!(
            got.is_some(),
            lex.words.contains_key(w),
            "help: word_at({w:?}) disagrees with the word table"
        );
        seen += usize::from(got.is_some());
    }
    assert!(seen > 10, "help: the sample should hold table words");
    // Negatives: prefixes, extensions, NUL-padded forms.
    for (text, a, b) in [
        ("sagtex", 0, 6),
        ("sag", 0, 3),
        ("sagte\0", 0, 6),
        ("xsagte", 0, 6),
    ] {
        assert!(
            lex.word_at(text, a, b).is_none(),
            "help: word_at({text:?}) must miss"
        );
    }
}

#[test]
fn verlauten_takes_its_source_from_the_aus_phrase() {
    check(&[
        (
            "Aus Kreisen der Koalition verlautete gestern, man sei sich einig.",
            "indirect_speech",
            "Kreisen der Koalition",
            "man sei sich einig",
        ),
        (
            "Aus Brüsseler Diplomatenkreisen verlautete am Abend, die Gespräche würden fortgesetzt.",
            "indirect_speech",
            "Brüsseler Diplomatenkreisen",
            "die Gespräche würden fortgesetzt",
        ),
    ]);
}

#[test]
fn a_fronted_von_phrase_before_wollen_is_not_a_verlauten_source() {
    // The `wollen` frame has no cue verb of its own; the `verlauten` check on the
    // fronted PP once indexed the verb table with its "no verb" marker and panicked.
    for text in [
        "Vom kommenden Montag an will die Stadt keine Gebühren mehr erheben.",
        "Aus Kostengründen will der Verein das Stadion nicht ausbauen.",
    ] {
        let got = claims(text);
        assert!(
            got.iter().all(|c| c
                .speaker
                .as_ref()
                .is_none_or(|s| !s.text.starts_with("kommenden"))),
            "{text}: {got:?}"
        );
    }
}

#[test]
fn inverted_frame_after_a_clause_with_a_lexical_verb() {
    check(&[
        (
            "Viele Besucher kamen nach Bremen, sagte Keller.",
            "indirect_speech",
            "Keller",
            "Viele Besucher kamen nach Bremen",
        ),
        (
            "Die Preise stiegen im Herbst deutlich, teilte das Amt mit.",
            "indirect_speech",
            "das Amt",
            "Die Preise stiegen im Herbst deutlich",
        ),
    ]);
    // Not a clause (adjective before a noun, infinitive), or the "speaker" is not
    // right after the verb (a coordinated clause with its own object).
    check_none(&[
        "Mit großer Mehrheit, sagte Keller.",
        "Um die Kosten zu senken, sagte Keller.",
    ]);
    let got = claims(
        "Der Ingenieur befasste sich mit dem Projekt, fand mit seinen Plänen aber wenig Interesse.",
    );
    assert!(
        got.iter().all(|c| c
            .speaker
            .as_ref()
            .is_none_or(|s| s.text != "wenig Interesse")),
        "{got:?}"
    );
}

#[test]
fn addressee_from_the_frame_clause() {
    let table = [
        (
            "Die Opposition forderte die Regierung auf, die Pläne zu stoppen.",
            Some("die Regierung"),
        ),
        (
            "Der Minister sagte dem Sender, die Lage sei ernst.",
            Some("dem Sender"),
        ),
        (
            "Gegenüber Journalisten erklärte der Minister, die Lage sei ernst.",
            Some("Journalisten"),
        ),
        (
            "Die Ministerin warf der Regierung vor, die Lage zu verharmlosen.",
            Some("der Regierung"),
        ),
        (
            "Die Lage sei ernst, sagte Keller dem Sender.",
            Some("dem Sender"),
        ),
        ("„Wir bleiben“, sagte sie der Zeitung.", Some("der Zeitung")),
        (
            "Der Bürgermeister appellierte an die Bürger, Wasser zu sparen.",
            Some("die Bürger"),
        ),
        // No addressee: `der` right after the verb is the subject; none named.
        ("Die Lage sei ernst, sagte der Minister.", None),
        ("Der Minister sagte, die Lage sei ernst.", None),
        ("Die Kommission forderte, die Pläne zu stoppen.", None),
    ];
    for (text, want) in table {
        let got = claims(text);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        let addressee = got[0].addressee.as_ref().map(|a| a.text.as_str());
        assert_eq!(addressee, want, "{text}");
    }
}

#[test]
fn participles_of_cue_verbs_used_as_adjectives() {
    check(&[
        (
            "Laut informierten Kreisen soll der Minister zurücktreten.",
            "according_to",
            "informierten Kreisen",
            "soll der Minister zurücktreten",
        ),
        (
            "Laut gut unterrichteten Quellen soll der Minister zurücktreten.",
            "according_to",
            "gut unterrichteten Quellen",
            "soll der Minister zurücktreten",
        ),
        (
            "Die sehr gut informierten Beobachter sagten, die Wahl sei offen.",
            "indirect_speech",
            "Die sehr gut informierten Beobachter",
            "die Wahl sei offen",
        ),
        (
            "Die genannten Zahlen seien falsch, sagte Keller.",
            "indirect_speech",
            "Keller",
            "Die genannten Zahlen seien falsch",
        ),
    ]);
}

#[test]
fn a_relative_pronoun_speaks_for_its_antecedent() {
    // The speaker is the pronoun as written; `name` and `entity` are its antecedent's.
    for (text, name) in [
        (
            "Der Plan stammt von Olaf Scholz, der eine Reform forderte.",
            "Olaf Scholz",
        ),
        (
            "Sie traf US-Präsident Donald Trump, der mehr Geld für die Nato gefordert hatte.",
            "Donald Trump",
        ),
    ] {
        let got = claims(text);
        let speaker = got.iter().find_map(|c| c.speaker.as_ref()).expect(text);
        assert_eq!(speaker.text, "der", "{text}");
        assert_eq!(speaker.name.as_deref(), Some(name), "{text}");
        assert!(speaker.entity.is_some(), "{text}");
    }
    // Not a relative clause ("der" is an article), or no person before the comma.
    let got = claims("Nach dem Treffen, der Minister sagte es, sei alles klar.");
    assert!(
        got.iter()
            .all(|c| c.speaker.as_ref().is_none_or(|s| s.text != "der")),
        "{got:?}"
    );
    let got = claims("Die Pipeline, die mehr Gas liefern soll, forderte neue Verträge.");
    assert!(
        got.iter()
            .all(|c| c.speaker.as_ref().is_none_or(|s| s.name.is_none())),
        "{got:?}"
    );
}

#[test]
fn class_at_over_padded_text_equals_word_at() {
    let lex = super::lexicon::ClaimLexicon::new(&crate::lexicon::Lexicons::default())
        .expect("built-in lexicons load");
    let pad = "\0".repeat(super::lexicon::LOWER_PAD);
    let none = super::lexicon::WordClass::NONE;
    // Every table word (short, mid-length and long ones) at the start, in the
    // middle and at the end of a text, and its neighbours one byte shorter or
    // longer: the short table, the 16-byte key and the long-word tail filter
    // must answer as the plain lookup does.
    let mut words: Vec<String> = lex.words.keys().cloned().collect();
    words.extend(lex.words.keys().map(|w| format!("{w}e")));
    words.extend(lex.words.keys().map(|w| format!("x{w}")));
    words.extend(
        lex.words
            .keys()
            .filter_map(|w| w.get(1..).map(str::to_string)),
    );
    words.extend(
        [
            "bundesverfassungsgerichtspräsidentin",
            "mitzuteilenden",
            "bekanntzugebende",
            "verhandlungsführer",
        ]
        .map(str::to_string),
    );
    for w in &words {
        for text in [
            format!("{w}{pad}"),
            format!("über {w} und so weiter{pad}"),
            format!("am ende {w}{pad}"),
        ] {
            let start = text.find(w.as_str()).unwrap_or(0);
            let end = start + w.len();
            let plain = text
                .get(..text.len() - pad.len())
                .and_then(|t| lex.word_at(t, start, end))
                .unwrap_or(none);
            assert_eq!(
                lex.class_at(&text, start, end),
                plain,
                "help: class_at({w:?}) in {text:?}"
            );
        }
    }
    // Empty and reversed ranges.
    let text = format!("sagte{pad}");
    assert_eq!(lex.class_at(&text, 2, 2), none, "help: empty range");
    assert_eq!(lex.class_at(&text, 3, 1), none, "help: reversed range");
}

#[test]
fn cue_noun_tail_tests_agree_with_the_plain_definition() {
    let lex = super::lexicon::ClaimLexicon::new(&crate::lexicon::Lexicons::default())
        .expect("built-in lexicons load");
    let plain = |word: &str, lower: &str| -> Option<String> {
        if let Some(l) = lex.nouns.get(word) {
            return Some(l.clone());
        }
        lex.noun_suffixes
            .iter()
            .find(|(s, _)| lower.len() > s.len() + 2 && lower.ends_with(s.as_str()))
            .map(|(_, l)| l.clone())
    };
    let mut words: Vec<String> = lex.nouns.keys().cloned().collect();
    for (s, _) in &lex.noun_suffixes {
        words.push(format!("Polizei{s}"));
        words.push(format!("Ab{s}"));
        words.push(format!("Abc{s}"));
        words.push(s.clone());
    }
    words.extend(
        [
            "",
            "a",
            "Ab",
            "Abc",
            "Haus",
            "Regierung",
            "Meldungen",
            "Verkehrsangabe",
            "über",
        ]
        .map(str::to_string),
    );
    for w in &words {
        let lower = w.to_lowercase();
        assert_eq!(
            lex.cue_noun(w, &lower).map(str::to_string),
            plain(w, &lower),
            "help: cue_noun({w:?})"
        );
    }
}
