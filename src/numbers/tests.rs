//! Example tables of the rule families (Duckling style): one German sentence a line with
//! the quantity expected in it, negatives beside positives. Our own sentences.

use super::Recogniser;
use crate::lexicon::Lexicons;
use crate::record::Quantity;
use crate::segment::{Segmentation, SentenceSpan};

/// Expected: span text, kind, value, unit, extra "key=value" fields (approx, bound, min,
/// max, part, whole, relation, iso).
type Row = (
    &'static str,
    &'static str,
    &'static str,
    Option<f64>,
    Option<&'static str>,
    &'static str,
);

/// The quantities of `text` read as one sentence (independent of the segmenter), with
/// `text` filled from the byte offsets.
fn run(text: &str) -> Vec<Quantity> {
    let r = Recogniser::new(&Lexicons::default()).expect("recogniser");
    let seg = Segmentation {
        tokens: Vec::new(),
        sentences: vec![SentenceSpan {
            start: 0,
            end: text.trim_end().len(),
            heading: false,
            tokens: 0..0,
        }],
    };
    let mut qs = r.recognise(text, &seg);
    for q in &mut qs {
        q.text = text[q.start..q.end].to_string();
    }
    qs
}

fn check(rows: &[Row]) {
    let mut failures = Vec::new();
    for (sentence, span, kind, value, unit, extra) in rows {
        let qs = run(sentence);
        let Some(q) = qs.iter().find(|q| q.text == *span) else {
            let got: Vec<_> = qs
                .iter()
                .map(|q| format!("{:?}:{}", q.text, q.kind))
                .collect();
            failures.push(format!(
                "{sentence:?}: expected span {span:?}, got {got:?}\n  help: the rule family of kind {kind} did not fire or took a different span"
            ));
            continue;
        };
        let mut bad = Vec::new();
        if q.kind != *kind {
            bad.push(format!("kind {} != {kind}", q.kind));
        }
        if let (Some(a), Some(b)) = (q.value, value) {
            if (a - b).abs() > 1e-9 * b.abs().max(1.0) {
                bad.push(format!("value {a} != {b}"));
            }
        } else if q.value.is_some() != value.is_some() {
            bad.push(format!("value {:?} != {value:?}", q.value));
        }
        if q.unit.as_deref() != *unit {
            bad.push(format!("unit {:?} != {unit:?}", q.unit));
        }
        for kv in extra.split_whitespace() {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            let got = match k {
                "approx" => q.approx.map(|a| a.to_string()),
                "bound" => q.bound.as_deref().map(str::to_string),
                "relation" => q.relation.as_deref().map(str::to_string),
                "iso" => q.iso.clone(),
                "min" => q.min.map(|x| x.to_string()),
                "max" => q.max.map(|x| x.to_string()),
                "part" => q.part.map(|x| x.to_string()),
                "whole" => q.whole.map(|x| x.to_string()),
                _ => Some("?".into()),
            };
            if got.as_deref() != Some(v) {
                bad.push(format!("{k}={got:?} != {v}"));
            }
        }
        if !bad.is_empty() {
            failures.push(format!(
                "{sentence:?} → {span:?}: {}\n  help: rule {:?} fired with the wrong reading",
                bad.join(", "),
                q.rule
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Sentences that must yield no quantity at all (or none covering `span`).
fn check_none(rows: &[(&str, &str)]) {
    let mut failures = Vec::new();
    for (sentence, span) in rows {
        let qs = run(sentence);
        if let Some(q) = qs
            .iter()
            .find(|q| span.is_empty() || q.text.contains(span) || span.contains(q.text.as_str()))
        {
            failures.push(format!(
                "{sentence:?}: unexpected {:?} ({}, rule {:?})\n  help: a negative example fired; tighten the rule",
                q.text, q.kind, q.rule
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn money() {
    check(&[
        (
            "Der Bund zahlt 40 Milliarden Euro.",
            "40 Milliarden Euro",
            "money",
            Some(4e10),
            Some("EUR"),
            "",
        ),
        (
            "Das Paket kostet rund 3,72 Mrd. Euro im Jahr.",
            "rund 3,72 Mrd. Euro",
            "money",
            Some(3.72e9),
            Some("EUR"),
            "approx=true",
        ),
        (
            "Die Firma erhielt 5 Mio. US-Dollar.",
            "5 Mio. US-Dollar",
            "money",
            Some(5e6),
            Some("USD"),
            "",
        ),
        (
            "Er spendete mindestens eine Million Franken.",
            "mindestens eine Million Franken",
            "money",
            Some(1e6),
            Some("CHF"),
            "bound=ge",
        ),
        (
            "Ein Ticket kostet 12,50 €.",
            "12,50 €",
            "money",
            Some(12.5),
            Some("EUR"),
            "",
        ),
        (
            "Der Preis lag bei $ 15 pro Stück.",
            "$ 15",
            "money",
            Some(15.0),
            Some("USD"),
            "",
        ),
        (
            "Sie zahlte 300 Schweizer Franken Strafe.",
            "300 Schweizer Franken",
            "money",
            Some(300.0),
            Some("CHF"),
            "",
        ),
        (
            "Das Brot kostet zwei Euro fünfzig.",
            "zwei Euro fünfzig",
            "money",
            Some(2.5),
            Some("EUR"),
            "",
        ),
        (
            "Die Aktie stieg um 21 Cent.",
            "21 Cent",
            "money",
            Some(0.21),
            Some("EUR"),
            "",
        ),
        (
            "Moskau zahlt 700 Millionen Rubel.",
            "700 Millionen Rubel",
            "money",
            Some(7e8),
            Some("RUB"),
            "",
        ),
        (
            "Der Zuschuss beträgt 16,4 Millionen kanadische Dollar.",
            "16,4 Millionen kanadische Dollar",
            "money",
            Some(1.64e7),
            Some("CAD"),
            "",
        ),
        (
            "Die Zwanzig-Euro-Scheine sind knapp.",
            "Zwanzig-Euro",
            "money",
            Some(20.0),
            Some("EUR"),
            "",
        ),
    ]);
}

#[test]
fn percent() {
    check(&[
        (
            "Die Arbeitslosigkeit sank auf 5,3 Prozent.",
            "5,3 Prozent",
            "percent",
            Some(5.3),
            Some("percent"),
            "",
        ),
        (
            "Die Partei verlor 2,4 Prozentpunkte.",
            "2,4 Prozentpunkte",
            "percent",
            Some(2.4),
            Some("percentage_point"),
            "",
        ),
        (
            "Der Umsatz wuchs um 12% im Jahr.",
            "12%",
            "percent",
            Some(12.0),
            Some("percent"),
            "",
        ),
        (
            "Fast dreißig Prozent stimmten dagegen.",
            "Fast dreißig Prozent",
            "percent",
            Some(30.0),
            Some("percent"),
            "approx=true",
        ),
        (
            "Die Rate stieg von 1,8 auf 2,1 Prozent.",
            "1,8",
            "percent",
            Some(1.8),
            Some("percent"),
            "",
        ),
        (
            "Die Rate stieg von 1,8 auf 2,1 Prozent.",
            "2,1 Prozent",
            "percent",
            Some(2.1),
            Some("percent"),
            "",
        ),
    ]);
}

#[test]
fn counts_and_parts() {
    check(&[
        (
            "Rund 200.000 Soldaten stehen bereit.",
            "Rund 200.000 Soldaten",
            "count",
            Some(200000.0),
            Some("Soldat"),
            "approx=true",
        ),
        (
            "Es kamen 12 neue Mitglieder dazu.",
            "12 neue Mitglieder",
            "count",
            Some(12.0),
            Some("Mitglied"),
            "",
        ),
        (
            "Es sprachen 20 Ärztinnen und Ärzte.",
            "20 Ärztinnen und Ärzte",
            "count",
            Some(20.0),
            Some("Ärztin und Arzt"),
            "",
        ),
        (
            "Drei Kinder wurden verletzt.",
            "Drei Kinder",
            "count",
            Some(3.0),
            Some("Kind"),
            "",
        ),
        (
            "12 der 27 Länder stimmten zu.",
            "12 der 27 Länder",
            "part_of_whole",
            Some(12.0),
            Some("Land"),
            "part=12 whole=27",
        ),
        (
            "Nur drei von zehn Befragten waren zufrieden.",
            "drei von zehn Befragten",
            "part_of_whole",
            Some(3.0),
            Some("Befragten"),
            "part=3 whole=10",
        ),
        (
            "Es kamen 40 Staats- und Regierungschefs.",
            "40 Staats- und Regierungschefs",
            "count",
            Some(40.0),
            Some("Staats- und Regierungschefs"),
            "",
        ),
        (
            "Ein halbes Dutzend Häuser brannte.",
            "Ein halbes Dutzend Häuser",
            "count",
            Some(6.0),
            Some("Haus"),
            "",
        ),
    ]);
}

#[test]
fn measures() {
    check(&[
        (
            "Die Strecke ist 42,195 Kilometer lang.",
            "42,195 Kilometer",
            "measure",
            Some(42.195),
            Some("km"),
            "",
        ),
        (
            "Er fuhr 180 km/h auf der Autobahn.",
            "180 km/h",
            "measure",
            Some(180.0),
            Some("km/h"),
            "",
        ),
        (
            "Es wurden 35 Grad Celsius gemessen.",
            "35 Grad Celsius",
            "measure",
            Some(35.0),
            Some("°C"),
            "",
        ),
        (
            "Der Wal wiegt über 30 Tonnen.",
            "über 30 Tonnen",
            "measure",
            Some(30.0),
            Some("t"),
            "bound=gt",
        ),
        (
            "Die Fläche umfasst 120 Hektar Wald.",
            "120 Hektar",
            "measure",
            Some(120.0),
            Some("ha"),
            "",
        ),
        (
            "Die Wohnung hat 75 m² Fläche.",
            "75 m²",
            "measure",
            Some(75.0),
            Some("m²"),
            "",
        ),
    ]);
}

#[test]
fn durations_and_ages() {
    check(&[
        (
            "Der Streik dauerte zwei Wochen.",
            "zwei Wochen",
            "duration",
            Some(2.0),
            Some("week"),
            "",
        ),
        (
            "Er kam vor sechzehn Tagen an.",
            "vor sechzehn Tagen",
            "duration",
            Some(16.0),
            Some("day"),
            "relation=ago",
        ),
        (
            "In 25 Jahren ist das vorbei.",
            "In 25 Jahren",
            "duration",
            Some(25.0),
            Some("year"),
            "relation=in",
        ),
        (
            "Sie führten ein anderthalbstündiges Gespräch.",
            "anderthalbstündiges",
            "duration",
            Some(1.5),
            Some("hour"),
            "",
        ),
        (
            "Der zweitägige Gipfel endet heute.",
            "zweitägige",
            "duration",
            Some(2.0),
            Some("day"),
            "",
        ),
        (
            "Das dauerte eine halbe Stunde.",
            "eine halbe Stunde",
            "duration",
            Some(0.5),
            Some("hour"),
            "",
        ),
        (
            "Er lief drei Stunden und zwanzig Minuten.",
            "drei Stunden und zwanzig Minuten",
            "duration",
            Some(200.0),
            Some("minute"),
            "",
        ),
        (
            "Der 77-Jährige trat zurück.",
            "77-Jährige",
            "age",
            Some(77.0),
            Some("year"),
            "",
        ),
        (
            "Die Brücke ist 120 Jahre alt.",
            "120 Jahre alt",
            "age",
            Some(120.0),
            Some("year"),
            "",
        ),
        (
            "Nach der 20-jährigen Haft kam er frei.",
            "20-jährigen",
            "duration",
            Some(20.0),
            Some("year"),
            "",
        ),
        (
            "Ein vierjähriger Junge wurde gefunden.",
            "vierjähriger",
            "age",
            Some(4.0),
            Some("year"),
            "",
        ),
    ]);
}

#[test]
fn dates_times_years() {
    check(&[
        (
            "Am 3. Oktober 2025 wird gefeiert.",
            "3. Oktober 2025",
            "date",
            None,
            None,
            "iso=2025-10-03",
        ),
        (
            "Bis zum 31.12. muss es fertig sein.",
            "31.12.",
            "date",
            None,
            None,
            "iso=XXXX-12-31",
        ),
        (
            "Das Gesetz gilt seit Oktober 2014.",
            "Oktober 2014",
            "date",
            None,
            None,
            "iso=2014-10",
        ),
        (
            "Der Vertrag vom 01.02.2019 gilt.",
            "01.02.2019",
            "date",
            None,
            None,
            "iso=2019-02-01",
        ),
        (
            "Sie treffen sich am 11. und 12. März.",
            "11.",
            "date",
            None,
            None,
            "iso=XXXX-03-11",
        ),
        (
            "Der Zug fährt um 9.30 Uhr ab.",
            "9.30 Uhr",
            "time",
            None,
            None,
            "iso=T09:30",
        ),
        (
            "Er kam gegen 14 Uhr an.",
            "14 Uhr",
            "time",
            None,
            None,
            "iso=T14:00",
        ),
        (
            "Das war im Jahr 1995 anders.",
            "1995",
            "year",
            Some(1995.0),
            None,
            "",
        ),
        (
            "In den 1970er-Jahren war das anders.",
            "1970er-Jahren",
            "year",
            Some(1970.0),
            Some("decade"),
            "",
        ),
    ]);
}

#[test]
fn ranges() {
    check(&[
        (
            "Es kosten 30 bis 60 Millionen Euro.",
            "30 bis 60 Millionen Euro",
            "range",
            None,
            Some("EUR"),
            "min=30000000 max=60000000",
        ),
        (
            "Er wartete zwischen 10 und 20 Minuten.",
            "zwischen 10 und 20 Minuten",
            "range",
            None,
            Some("minute"),
            "min=10 max=20",
        ),
        (
            "Die Zinsen lagen bei 3–5 % jährlich.",
            "3–5 %",
            "range",
            None,
            Some("percent"),
            "min=3 max=5",
        ),
        (
            "Er ist etwa 40 bis 50 Jahre alt.",
            "etwa 40 bis 50 Jahre alt",
            "range",
            None,
            Some("year"),
            "approx=true min=40 max=50",
        ),
    ]);
}

#[test]
fn numbers_ordinals_fractions() {
    check(&[
        (
            "Die Zahl lautet 1 234 567.",
            "1 234 567",
            "number",
            Some(1234567.0),
            None,
            "",
        ),
        (
            "Er nannte dreiundzwanzig.",
            "dreiundzwanzig",
            "number",
            Some(23.0),
            None,
            "",
        ),
        (
            "Am Ende blieben 44 Millionen übrig.",
            "44 Millionen",
            "number",
            Some(4.4e7),
            None,
            "",
        ),
        (
            "Das ist die 107. Ausgabe.",
            "107.",
            "ordinal",
            Some(107.0),
            None,
            "",
        ),
        (
            "Es ist das zweitgrößte Netz.",
            "zweitgrößte",
            "ordinal",
            Some(2.0),
            None,
            "",
        ),
        (
            "Sie kam als dritte ins Ziel.",
            "dritte",
            "ordinal",
            Some(3.0),
            None,
            "",
        ),
        (
            "Im 19. Jahrhundert war das anders.",
            "19. Jahrhundert",
            "ordinal",
            Some(19.0),
            Some("century"),
            "",
        ),
        (
            "Er verlor mehr als zwei Drittel.",
            "mehr als zwei Drittel",
            "number",
            Some(2.0 / 3.0),
            None,
            "bound=gt",
        ),
        (
            "Die Hälfte davon kam nie an.",
            "Hälfte",
            "number",
            Some(0.5),
            None,
            "",
        ),
        (
            "Knapp die Hälfte stimmte zu.",
            "Knapp die Hälfte",
            "number",
            Some(0.5),
            None,
            "approx=true",
        ),
        (
            "Der Preis stieg zwanzigmal.",
            "zwanzigmal",
            "number",
            Some(20.0),
            Some("times"),
            "",
        ),
    ]);
}

#[test]
fn negatives() {
    check_none(&[
        ("Sie führten ein Gespräch.", ""),
        ("Der 1. FC Köln gewann.", ""),
        ("Das Spiel endete 2:1.", ""),
        ("Sie siegten mit 3:0 gegen Rom.", ""),
        ("Tausende Menschen kamen.", ""),
        ("Einmal im Leben.", ""),
        ("Er fuhr auf der A 45 nach Norden.", ""),
        ("Eines der Konten war leer.", ""),
        ("Die Anleihe mit der ISIN DE000ABC1234 läuft.", ""),
        ("Sie telefonierte mit +49-30-1234567 lange.", ""),
        ("Das neue Nexus 6P ist da.", ""),
        ("Wir achten darauf.", ""),
        ("Dutzende Häuser brannten.", ""),
    ]);
}

#[test]
fn ids_table() {
    for (n, expected) in [
        (1, "q1"),
        (9, "q9"),
        (10, "q10"),
        (123, "q123"),
        (usize::MAX, "q18446744073709551615"),
    ] {
        assert_eq!(
            crate::record::numbered_id('q', n),
            expected,
            "help: quantity ids are q1, q2, … in text order"
        );
    }
}

/// The sentence gate (`Recogniser::candidate`, and the digit test before it) lets through
/// every kind of figure the rules read, also without digits: with the real segmenter, each
/// sentence here must pass the gate and yield the same quantities as read without a gate.
#[test]
fn sentence_gate_positives() {
    let r = Recogniser::new(&Lexicons::default()).expect("recogniser");
    let seg = crate::segment::Segmenter::new(&Lexicons::default()).expect("segmenter");
    let sentences = [
        // digits, signs
        "Der Preis stieg auf 12 Euro.",
        "Es fehlte ¾ Liter Milch.",
        "Der Eintritt kostet € 5.",
        // number words, compounds, scale words
        "Es kamen dreiundzwanzig Menschen.",
        "Zwölf Schüler fehlten am Morgen.",
        "Das kostet zwei Millionen Euro.",
        "Es kamen einhundert Gäste.",
        "Die Inflation lag bei null Prozent.",
        "Sie ist einundzwanzig.",
        // articles before units and scale words
        "Das dauerte einen Tag.",
        "Sie spendete eine Million Euro.",
        "Wir warteten eine halbe Stunde.",
        "Eine halbe Million Menschen demonstrierte.",
        "Es kamen ein gutes Dutzend Gäste.",
        "Ein Dutzend Eier kostet mehr.",
        "Ein Vierteljahrhundert verging seitdem.",
        // an article before "Uhr" or a range dash, and in a compound of its own
        "Der Zug kam um ein Uhr an.",
        "Das dauert ein – zwei Monate.",
        "Das ein-jährige Fohlen schlief im Stall.",
        // fractions
        "Die Reise dauerte anderthalb Stunden.",
        "Zwei Drittel der Mitglieder stimmten zu.",
        "Die Hälfte der Stimmen fehlte.",
        "Er wartete eine Dreiviertelstunde.",
        "Nach einer Viertelstunde ging er.",
        // ordinals, superlatives, multiplicatives, adjectival durations
        "Der zweite Versuch scheiterte.",
        "Sie wurde Dritte im Rennen.",
        "Es ist die zweitgrößte Stadt im Land.",
        "Am dritten Mai begann der Streik.",
        "Das geschah im neunzehnten Jahrhundert.",
        "Er klingelte dreimal an der Tür.",
        "Nach dreijähriger Pause kehrte er zurück.",
        "Der Zehnjährige lief davon.",
        "Die Frist endet in zwei Wochen.",
    ];
    let (mut low, mut buf) = (String::new(), String::new());
    for s in sentences {
        let segmentation = seg.segment(s);
        let gated: Vec<_> = r
            .recognise(s, &segmentation)
            .into_iter()
            .map(|q| (q.start, q.end, q.kind, q.value))
            .collect();
        let ungated: Vec<_> = run(s)
            .into_iter()
            .map(|q| (q.start, q.end, q.kind, q.value))
            .collect();
        assert!(
            !ungated.is_empty(),
            "help: {s:?} must hold a figure for this table"
        );
        assert_eq!(
            gated, ungated,
            "help: the sentence gate lost the figure of {s:?}"
        );
        for si in 0..segmentation.sentences.len() {
            let toks = segmentation.sentence_tokens(si);
            let digit = s.bytes().any(|b| b.is_ascii_digit());
            assert!(
                digit || r.candidate(s, toks, &mut low, &mut buf),
                "help: the token gate must pass {s:?}"
            );
        }
    }
    // and it turns away sentences without any figure, also those full of words that
    // share their first letters with number words ("für", "sich", "haben", "und")
    for s in [
        "Sie haben sich für und gegen ihn entschieden.",
        "Er hatte nur sehr selten Zeit für seine Familie.",
        "Sie sind neu an der Schule und sehr engagiert.",
    ] {
        let segmentation = seg.segment(s);
        let toks = segmentation.sentence_tokens(0);
        assert!(
            !r.candidate(s, toks, &mut low, &mut buf),
            "help: {s:?} has no figure; the gate should not let it through"
        );
    }
}

/// The unit of a count is the counted noun's singular: listed plurals and endings (also at
/// the end of compounds), the safe "-ungen" → "-ung", whole-word exceptions, "-innen"; an
/// unlisted noun keeps its written form rather than a guessed stem.
#[test]
fn count_unit_lemmas() {
    let r = Recogniser::new(&Lexicons::default()).expect("recogniser");
    let cases = [
        ("Es kamen 26 Staaten zusammen.", "Staat"),
        ("Rund 200.000 Soldaten stehen bereit.", "Soldat"),
        ("Dort leben 300 Menschen.", "Mensch"),
        ("Drei Kinder spielten.", "Kind"),
        ("Der Sturm zerstörte 40 Häuser.", "Haus"),
        ("Zehn Kinderärzten fehlte Zeit.", "Kinderarzt"),
        ("Die 27 Mitgliedstaaten stimmten ab.", "Mitgliedstaat"),
        ("Es gab zwölf Sitzungen im Jahr.", "Sitzung"),
        ("Fünf Jungen liefen weg.", "Junge"),
        ("Acht Journalisten wurden festgenommen.", "Journalist"),
        ("Sie holte 23 Stimmen.", "Stimme"),
        ("Er verkaufte 14 Autos.", "Auto"),
        ("Die Polizei stellte 30 Fahrzeuge sicher.", "Fahrzeug"),
        ("Es gab vier Explosionen.", "Explosion"),
        ("Zwei Mannschaften stiegen ab.", "Mannschaft"),
        ("Es sprachen 20 Ärztinnen.", "Ärztin"),
        // not listed: as written
        ("Es kamen 50 Lehrer.", "Lehrer"),
        ("Sie pflanzten 200 Bäume.", "Baum"),
        ("Es kamen 70 Gäste.", "Gast"),
        ("Sie fanden 12 Waffen.", "Waffen"),
    ];
    for (sentence, unit) in cases {
        let seg = Segmentation {
            tokens: Vec::new(),
            sentences: vec![SentenceSpan {
                start: 0,
                end: sentence.len(),
                heading: false,
                tokens: 0..0,
            }],
        };
        let qs = r.recognise(sentence, &seg);
        let got: Vec<_> = qs
            .iter()
            .filter(|q| q.kind == "count")
            .map(|q| q.unit.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(
            got,
            [unit],
            "help: the counted noun of {sentence:?} should have the lemma {unit:?}"
        );
    }
}

#[test]
fn digit_test_on_bytes() {
    for (s, expected) in [
        ("", false),
        ("ohne Ziffer", false),
        ("ohne Ziffer, aber mit Zeichen: / : ; ? @ ~ € ü ß", false),
        ("Nummer 7", true),
        ("0", true),
        ("achtzehn Zeichen 9", true),
        ("exakt acht9", true),
        (
            "Zeichen:;<=>?/ und äöü und 5 in der Mitte von vielen Wörtern",
            true,
        ),
    ] {
        assert_eq!(
            super::has_digit(s.as_bytes()),
            expected,
            "help: has_digit({s:?})"
        );
    }
    // every byte value, at every position, inside the 32-byte steps, the 8-byte steps
    // after them and the last bytes, with neighbours just outside the digits
    for len in [1, 7, 8, 9, 31, 40, 47, 71] {
        for b in 0..=255u8 {
            for pos in 0..len {
                for fill in [b'x', b'/', b':', 0xC3] {
                    let mut v = vec![fill; len];
                    v[pos] = b;
                    assert_eq!(
                        super::has_digit(&v),
                        b.is_ascii_digit(),
                        "help: byte {b:#x} at {pos} of {len}"
                    );
                }
            }
        }
    }
}

#[test]
fn lower_case_as_unicode_writes_it() {
    let mut all = String::new();
    for u in 0..0x3000u32 {
        let Some(c) = char::from_u32(u) else { continue };
        let mut low = String::new();
        super::push_lowercase(&c.to_string(), &mut low);
        let expected: String = c.to_lowercase().collect();
        assert_eq!(low, expected, "help: lower case of {c:?}");
        all.push(c);
    }
    for w in [
        "Österreich",
        "ÜBER",
        "Straße",
        "ẞ",
        "Ærø",
        "Σίσυφος",
        "MÄRZ",
        "ascii",
    ] {
        let mut low = String::from("x");
        super::push_lowercase(w, &mut low);
        assert_eq!(low, format!("x{}", w.to_lowercase()), "help: {w:?}");
    }
    let mut low = String::new();
    super::push_lowercase(&all, &mut low);
    assert_eq!(
        low,
        all.chars().flat_map(char::to_lowercase).collect::<String>()
    );
}

/// `lower_case` (which hands back a word without capitals as it is) gives what
/// `push_lowercase` writes, for words in every case and script, and the hyphen and
/// digit forms the sentence gate meets.
#[test]
fn lower_case_agrees_with_push_lowercase() {
    let mut low = String::from("stale");
    for w in [
        "",
        "ein",
        "Ein",
        "EINE",
        "einen",
        "halbe",
        "Hälfte",
        "hälfte",
        "fünf",
        "Fünf",
        "ein-jährige",
        "Ein-Jährige",
        "zwei",
        "ÜBER",
        "Straße",
        "ẞ",
        "Σίσυφος",
        "Œuvre",
        "3",
        "½",
        "x-7",
        "aZ",
        "za",
        "@[`{",
        "Uhr",
        "uhr",
    ] {
        let mut expected = String::new();
        super::push_lowercase(w, &mut expected);
        assert_eq!(super::lower_case(w, &mut low), expected, "help: {w:?}");
    }
}

/// The pattern sets' gates turn away no first word of a pattern: `PatternSet::at` and
/// `may_follow_article` ask a unit or modifier word's gate before its hash lookup.
#[test]
fn pattern_gates_pass_every_first_word() {
    let tb = super::Tables::new(&Lexicons::default()).expect("tables");
    assert!(tb.units.map.len() > 50, "help: too few units to test");
    for w in tb.units.map.keys() {
        assert!(tb.units.gate.may_contain(w), "help: unit {w:?}");
    }
    for w in tb.modifiers.map.keys() {
        assert!(tb.modifiers.gate.may_contain(w), "help: modifier {w:?}");
    }
    for w in [
        "euro",
        "prozent",
        "millionen",
        "-",
        "uhr",
        "gutes",
        "millionste",
    ] {
        assert!(tb.may_follow_article(w), "help: {w:?} after an article");
    }
    for w in ["frau", "neue", "der", "und", "berlin"] {
        assert!(!tb.may_follow_article(w), "help: {w:?} after an article");
    }
}

/// The byte gates in front of the trigger set turn away no trigger: every trigger the
/// lexicons make (words, signs, months, units, modifiers) passes `trigger_gate_bytes`, as
/// written in lower case, which is how the per-token gate asks.
#[test]
fn trigger_byte_gate_passes_every_trigger() {
    let tb = super::Tables::new(&Lexicons::default()).expect("tables");
    assert!(tb.triggers.len() > 50, "help: too few triggers to test");
    for w in &tb.triggers {
        assert!(
            tb.trigger_gate_bytes(w.as_bytes()) && tb.trigger(w),
            "help: the trigger {w:?} must pass Tables::trigger_gate_bytes"
        );
    }
}

/// The sentence gate loses no figure the rules read after an article or a half: every
/// article form and "halbe"… before every word of a text of units, scale and fraction
/// words, ranges, times and plain words, in sentences without digits (those pass at once).
#[test]
fn sentence_gate_keeps_every_reading_after_an_article() {
    let r = Recogniser::new(&Lexicons::default()).expect("recogniser");
    let seg = crate::segment::Segmenter::new(&Lexicons::default()).expect("segmenter");
    let next_words = "halbe halb halbes dreiviertel gutes Dutzend guten zwei hundert tausend \
                      hundertfünfzig dritten zweitgrößte dreimal Hälfte Viertel Drittel \
                      Viertelstunde Million Milliarden Millionste Tausendstel Mai Euro Cent \
                      Dollar Franken Prozent Stunde Tag Jahr Jahren Kilometer Tonnen Uhr - – — \
                      der Frau Berlin Zeit und oder erst Mal Jahrhundert -jährige -mal";
    let leads: Vec<&str> = super::rules::EIN
        .iter()
        .copied()
        .chain(["Ein", "halbe", "halben", "halbem", "halber", "halbes"])
        .collect();
    let mut lost = Vec::new();
    for lead in &leads {
        for next in next_words.split_whitespace() {
            let glue = if next.starts_with('-') { "" } else { " " };
            let s = format!("Sie kam damals mit {lead}{glue}{next} an.");
            let gated: Vec<_> = r
                .recognise(&s, &seg.segment(&s))
                .into_iter()
                .map(|q| (q.start, q.end, q.kind, q.value))
                .collect();
            let ungated: Vec<_> = run(&s)
                .into_iter()
                .map(|q| (q.start, q.end, q.kind, q.value))
                .collect();
            if gated != ungated {
                lost.push(s);
            }
        }
    }
    assert!(lost.is_empty(), "help: the gate lost figures in {lost:#?}");
}

/// The gate reads every sentence of a document before the rules read those it let
/// through: the rules still see them in order, with the currency of an earlier figure
/// ("Cent" of Franken) carried over the sentences the gate turned away between them.
#[test]
fn rules_read_the_gated_sentences_in_order() {
    let r = Recogniser::new(&Lexicons::default()).expect("recogniser");
    let seg = crate::segment::Segmenter::new(&Lexicons::default()).expect("segmenter");
    let text = "Der Kaffee kostete dort 3 Franken. Niemand beschwerte sich darüber. \
                Am Abend kamen noch 50 Cent dazu. Danach war es still. Sie zahlte 20 Cent.";
    let segmentation = seg.segment(text);
    let qs = r.recognise(text, &segmentation);
    let got: Vec<_> = qs
        .iter()
        .map(|q| {
            (
                &text[q.start..q.end],
                q.sentence,
                q.unit.as_deref(),
                q.id.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("3 Franken", 0, Some("CHF"), "q1"),
            ("50 Cent", 2, Some("CHF"), "q2"),
            ("20 Cent", 4, Some("CHF"), "q3"),
        ]
    );
    // the same as each sentence read on its own, one after the other
    let mut one_by_one = Vec::new();
    for si in 0..segmentation.sentences.len() {
        let single = Segmentation {
            tokens: segmentation.tokens.clone(),
            sentences: segmentation
                .sentences
                .iter()
                .enumerate()
                .map(|(k, x)| SentenceSpan {
                    // every other sentence empty: only sentence `si` is read
                    start: if k == si { x.start } else { 0 },
                    end: if k == si { x.end } else { 0 },
                    heading: x.heading,
                    tokens: x.tokens.clone(),
                })
                .collect(),
        };
        for q in r.recognise(text, &single) {
            one_by_one.push((q.start, q.end, q.sentence));
        }
    }
    let together: Vec<_> = qs.iter().map(|q| (q.start, q.end, q.sentence)).collect();
    assert_eq!(together, one_by_one);
}
