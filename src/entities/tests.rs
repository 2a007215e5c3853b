//! Example tables per rule family: one German sentence a row with what must (or
//! must not) be found.

use super::Recogniser;
use crate::lexicon::Lexicons;
use crate::segment::Segmenter;

/// (text, label, subtype, name) of every entity found.
fn run(text: &str) -> Vec<(String, String, Option<String>, Option<String>)> {
    let lex = Lexicons::default();
    let seg = Segmenter::new(&lex).unwrap().segment(text);
    Recogniser::new(&lex)
        .unwrap()
        .recognise(text, &seg)
        .into_iter()
        .map(|e| {
            (
                text[e.start..e.end].to_string(),
                e.label.into_owned(),
                e.subtype.map(|s| s.into_owned()),
                e.name,
            )
        })
        .collect()
}

/// Checks that `span` is found with `label` (and `subtype`, `name` when given).
fn expect(
    text: &str,
    span: &str,
    label: &str,
    subtype: Option<&str>,
    name: Option<&str>,
    help: &str,
) {
    let got = run(text);
    let hit = got.iter().find(|g| g.0 == span);
    match hit {
        Some(g) => {
            assert_eq!(g.1, label, "{text:?}: label of {span:?}\nhelp: {help}");
            assert_eq!(
                g.2.as_deref(),
                subtype,
                "{text:?}: subtype of {span:?}\nhelp: {help}"
            );
            if let Some(n) = name {
                assert_eq!(
                    g.3.as_deref(),
                    Some(n),
                    "{text:?}: name of {span:?}\nhelp: {help}"
                );
            }
        }
        None => panic!("{text:?}: expected {span:?} as {label}, got {got:?}\nhelp: {help}"),
    }
}

/// Checks that no entity covers exactly `span`.
fn reject(text: &str, span: &str, help: &str) {
    let got = run(text);
    assert!(
        !got.iter().any(|g| g.0 == span),
        "{text:?}: {span:?} must not be an entity, got {got:?}\nhelp: {help}"
    );
}

#[test]
fn gazetteer_names() {
    let help = "lexicon entries in lexicons/entities/*.tsv, matched at word boundaries";
    let rows = [
        (
            "Die Kanzlerin reiste nach Frankreich.",
            "Frankreich",
            "LOC",
            None,
            Some("Frankreich"),
        ),
        (
            "Das Wachstum Deutschlands bleibt schwach.",
            "Deutschlands",
            "LOC",
            None,
            Some("Deutschland"),
        ),
        (
            "Die Nato tagt in Brüssel.",
            "Nato",
            "ORG",
            None,
            Some("Nato"),
        ),
        (
            "Die NATO tagt in Brüssel.",
            "NATO",
            "ORG",
            None,
            Some("Nato"),
        ),
        (
            "Ankunft in TOKIO erwartet.",
            "TOKIO",
            "LOC",
            None,
            Some("Tokio"),
        ),
        ("Das kostet 40 Milliarden Euro.", "Euro", "MISC", None, None),
        ("Der Kreml wies das zurück.", "Kreml", "ORG", None, None),
        (
            "Putins Sprecher schwieg.",
            "Putins",
            "PER",
            None,
            Some("Wladimir Putin"),
        ),
    ];
    for (text, span, label, sub, name) in rows {
        expect(text, span, label, sub, name, help);
    }
    reject("Wir sind in Berlinern verliebt.", "Berlin", help);
    reject("Das Land ist berlin-nah.", "berlin", help);
    reject("Die Firma stellt Pkw her.", "Pkw", help);
}

#[test]
fn derivations() {
    let help = "adjective stems and demonyms of countries.tsv / places.tsv";
    let rows = [
        (
            "Die russischen Truppen rückten vor.",
            "russischen",
            "Russland",
        ),
        (
            "Die Deutschen wählen im Herbst.",
            "Deutschen",
            "Deutschland",
        ),
        (
            "Deutsche Firmen exportieren viel.",
            "Deutsche",
            "Deutschland",
        ),
        ("Der Franzose lächelte.", "Franzose", "Frankreich"),
        ("Viele Europäer zögern.", "Europäer", "Europa"),
        ("Ein Treffen im Pariser Vorort.", "Pariser", "Paris"),
        ("Forscher des Kieler Hafens.", "Kieler", "Kiel"),
        (
            "Die amerikanisch-ukrainischen Gespräche.",
            "amerikanisch",
            "Vereinigte Staaten",
        ),
        (
            "Die amerikanisch-ukrainischen Gespräche.",
            "ukrainischen",
            "Ukraine",
        ),
    ];
    for (text, span, name) in rows {
        expect(text, span, "LOC", Some("deriv"), Some(name), help);
    }
    reject("Das ist eine deutschsprachige Zeitung.", "deutsch", help);
}

#[test]
fn compounds() {
    let help = "a name inside a hyphenated token makes the token a part entity";
    let rows = [
        ("Der US-Präsident sprach.", "US-Präsident", "LOC"),
        ("Im Ukraine-Krieg starben viele.", "Ukraine-Krieg", "LOC"),
        (
            "Die Kreml-Sprecherin widersprach.",
            "Kreml-Sprecherin",
            "ORG",
        ),
        (
            "Der Nato-Generalsekretär warnte.",
            "Nato-Generalsekretär",
            "ORG",
        ),
        ("Die EU-Kommission prüft das.", "EU-Kommission", "ORG"),
    ];
    for (text, span, label) in rows {
        expect(text, span, label, Some("part"), None, help);
    }
    reject(
        "Der Anti-Terror-Kampf geht weiter.",
        "Anti-Terror-Kampf",
        help,
    );
}

#[test]
fn persons_by_rule() {
    let help = "given_names.txt + capitalised word, or roles.txt + capitalised word";
    let rows = [
        (
            "Gestern sprach Gennadij Chalepo vor Gericht.",
            "Gennadij Chalepo",
        ),
        (
            "Das sagte Hans Peter Krause am Montag.",
            "Hans Peter Krause",
        ),
        (
            "Die Rede hielt Ludwig van Beethoven nicht.",
            "Ludwig van Beethoven",
        ),
        ("Der Verein trennte sich von Trainer Rangnick.", "Rangnick"),
        ("Bundesinnenminister Dobrindt kündigte das an.", "Dobrindt"),
        ("Zeuge war Nico G. aus der Nachbarschaft.", "Nico G."),
    ];
    for (text, span) in rows {
        expect(text, span, "PER", None, None, help);
    }
    reject(
        "Am Montag trafen sich Minister und Abgeordnete.",
        "Abgeordnete",
        help,
    );
    reject(
        "Am Montag sagte der Sprecher, dass alles gut sei.",
        "Montag",
        help,
    );
    // A lone given name is a person too (rule.given_name_alone, see below).
    expect("Thomas kam allein.", "Thomas", "PER", None, None, help);
    // Speech verb + name before punctuation or before the one spoken to.
    for (text, span) in [
        ("\"Das reicht nicht\", sagt Kowalczyk.", "Kowalczyk"),
        ("Das sei falsch, sagte Kowalczyk der Zeitung.", "Kowalczyk"),
        (
            "Das sei falsch, erklärte Kowalczyk dem Sender.",
            "Kowalczyk",
        ),
        (
            "Das sei falsch, sagte Kowalczyk gegenüber Reportern.",
            "Kowalczyk",
        ),
    ] {
        expect(text, span, "PER", None, None, "rule.speech_verb_name");
    }
    reject(
        "Das sei falsch, sagte Bundesinnenminister der Zeitung.",
        "Bundesinnenminister",
        "a role word is no name",
    );
    reject(
        "Nicht erklärte Streiks der Fluglotsen sind verboten.",
        "Streiks",
        "`der` + a newspaper or agency only",
    );
    reject(
        "Ein Präsident, so Van der Bellen, müsse handeln.",
        "Van",
        "`der` + a newspaper or agency only",
    );
    reject(
        "Das Gericht sagte Verfahren zu.",
        "Verfahren",
        "after the name comes punctuation or an addressee",
    );
    // A role, a comma, two or three unknown capitalised words, a comma.
    expect(
        "Der Polizeichef der Provinz, Abdul Karim Rahimi, sagte das.",
        "Abdul Karim Rahimi",
        "PER",
        None,
        None,
        "rule.role_apposition",
    );
    reject(
        "Der Polizeichef der Provinz, Deutsche Bahn Netz, sagte das.",
        "Deutsche Bahn Netz",
        "rule.role_apposition: words of not_names.txt or lexicon names break it",
    );
    reject(
        "Der Chef der Partei, Thai Rak Thai, sagte das.",
        "Thai Rak Thai",
        "rule.role_apposition: a repeated word is no person's name",
    );
    expect(
        "Der Parteichef, Nationalrat Roland Borer, sagte das.",
        "Roland Borer",
        "PER",
        None,
        None,
        "rule.role_apposition leaves names with a given name inside to rule.given_name_surname",
    );
    reject(
        "Der Trainer lobte, Kampf und Einsatz stimmten.",
        "Kampf",
        "rule.role_apposition: two or three capitalised words, then a comma",
    );
    // A role or cue is a noun: a lower-case word ending like one (`herbe`,
    // `privater`) cues nothing.
    reject(
        "Das war eine herbe Niederlage, sagte er.",
        "Niederlage",
        "only capitalised words are roles or cues",
    );
    reject(
        "Sie fürchten privater Konkurrenten wegen nichts.",
        "Konkurrenten",
        "only capitalised words are roles or cues",
    );
    expect(
        "Sein Bruder Krause kam auch.",
        "Krause",
        "PER",
        None,
        None,
        "person_cues.txt words cue a name",
    );
}

#[test]
fn roles_and_coreference() {
    let text = "US-Präsident Donald Trump traf Steve Witkoff. Später lobte Trump Witkoffs Arbeit.";
    let lex = Lexicons::default();
    let seg = Segmenter::new(&lex).unwrap().segment(text);
    let ents = Recogniser::new(&lex).unwrap().recognise(text, &seg);
    let trump: Vec<_> = ents
        .iter()
        .filter(|e| e.name.as_deref() == Some("Donald Trump"))
        .collect();
    assert_eq!(
        trump.len(),
        2,
        "help: a surname alone shares the full name: {ents:?}"
    );
    assert_eq!(
        trump[0].role.as_deref(),
        Some("US-Präsident"),
        "help: role word before the name"
    );
    let wit: Vec<_> = ents
        .iter()
        .filter(|e| e.name.as_deref() == Some("Steve Witkoff"))
        .collect();
    assert_eq!(
        wit.len(),
        2,
        "help: genitive surname after a full name: {ents:?}"
    );
}

#[test]
fn organisations_by_rule() {
    let help = "org_words.tsv: legal forms, heads with für/zu, club prefixes, acronyms";
    let rows = [
        (
            "Die Kaufhof Warenhaus AG meldete Verluste.",
            "Kaufhof Warenhaus AG",
        ),
        (
            "Laut dem Institut für Weltraumrecht ist das erlaubt.",
            "Institut für Weltraumrecht",
        ),
        (
            "Sie studiert an der Universität Göttingen.",
            "Universität Göttingen",
        ),
        ("Der VfB Stuttgart gewann.", "VfB Stuttgart"),
        ("Die Bank XKB meldete Verluste.", "XKB"),
        ("Die XKB-Chefin trat zurück.", "XKB-Chefin"),
    ];
    for (text, span) in rows {
        let sub = span.contains('-').then_some("part");
        expect(text, span, "ORG", sub, None, help);
    }
    reject("Er kaufte eine DVD.", "DVD", help);
    reject("Der Anteil von FCKW in der Luft sank.", "FCKW", help);
    reject("Das Programm steht unter der GPL.", "GPL", help);
    expect(
        "Er floh 1988 aus der DDR.",
        "DDR",
        "LOC",
        None,
        Some("Deutsche Demokratische Republik"),
        help,
    );
    reject("Das Institut wurde geschlossen.", "Institut", help);
}

#[test]
fn places_by_rule() {
    let help = "a preposition + a word with a place-name ending";
    expect(
        "Der Unfall geschah in Großwaltersdorf.",
        "Großwaltersdorf",
        "LOC",
        None,
        None,
        help,
    );
    reject("Das geschah in Wirklichkeit anders.", "Wirklichkeit", help);
}

#[test]
fn given_name_alone() {
    let help = "rules.rs rule.given_name_alone: a given name with no capitalised word after it";
    for (text, span) in [
        ("Am Abend rief Tobias noch einmal an.", "Tobias"),
        ("Judith fährt morgen wieder nach Hause.", "Judith"),
        ("Der Trainer lobte Mario nach dem Spiel.", "Mario"),
    ] {
        expect(text, span, "PER", None, None, help);
    }
    reject("Seit August ist die Brücke gesperrt.", "August", help);
    reject("Anders als erwartet stieg der Kurs.", "Anders", help);
    reject("Der Umzug nach St. Martin ist geplant.", "Martin", help);
    reject("Ölminister Ali al-Khalifa sprach zuerst.", "Ali", help);
    reject("Der erste Roman erschien 1930.", "Roman", help);
    reject(
        "Sie besuchten die Kirche St . Peter am Markt.",
        "Peter",
        help,
    );
    reject("Die Hagia Sophia wurde saniert.", "Sophia", help);
}

#[test]
fn more_roles() {
    let help = "roles.txt: professions, sports positions and titles before a name";
    for (text, span) in [
        ("Der Psychologe Hartwinkel untersuchte ihn.", "Hartwinkel"),
        ("FDP-Fraktionsvize Ebelmann forderte Neuwahlen.", "Ebelmann"),
        ("Das sagte Herzog Ottokar vor der Presse.", "Ottokar"),
        ("Angreifer Okonkwo traf zum 2:0.", "Okonkwo"),
    ] {
        expect(text, span, "PER", None, None, help);
    }
    reject(
        "Die Creative Commons Public License gilt hier.",
        "Public License",
        help,
    );
}

#[test]
fn subject_name() {
    let help = "rules.rs rule.subject_name: a bare capitalised word opening the sentence before a person's verb";
    expect(
        "Brockmeyer warnte am Dienstag vor neuen Schulden.",
        "Brockmeyer",
        "PER",
        None,
        None,
        help,
    );
    expect(
        "Oberhuber will im Herbst antreten.",
        "Oberhuber",
        "PER",
        None,
        None,
        help,
    );
    reject(
        "Gleichzeitig forderte die Partei mehr Geld.",
        "Gleichzeitig",
        help,
    );
    reject("Ursprünglich wollte die Stadt bauen.", "Ursprünglich", help);
    reject("Dennoch gewann die Mannschaft.", "Dennoch", help);
    reject("Betriebsrat forderte Aufklärung.", "Betriebsrat", help);
    reject("Gegründet wurde die Firma 1990.", "Gegründet", help);
}

#[test]
fn schools_and_named_compounds() {
    let help = "rules.rs rule.school, rule.named_compound, heads with zur/zum";
    for (text, span) in [
        (
            "Die Klasse 8b der Realschule Wehingen sammelte Geld.",
            "Realschule Wehingen",
        ),
        (
            "Der Chor des Lise-Meitner-Gymnasium singt.",
            "Lise-Meitner-Gymnasium",
        ),
        (
            "Die Konrad-Adenauer-Stiftung lädt ein.",
            "Konrad-Adenauer-Stiftung",
        ),
        (
            "Die Stiftung zur Förderung der Künste hilft.",
            "Stiftung zur Förderung der Künste",
        ),
    ] {
        expect(text, span, "ORG", None, None, help);
    }
    expect(
        "Der Laden an der Karl-Marx-Straße schließt.",
        "Karl-Marx-Straße",
        "LOC",
        None,
        None,
        help,
    );
    expect(
        "Die US-Universität wirbt um Studenten.",
        "US-Universität",
        "LOC",
        Some("part"),
        None,
        help,
    );
    reject(
        "Er wechselte an die Spitzen-Universität.",
        "Spitzen-Universität",
        help,
    );
    reject(
        "Dass die Grundschule Kinder aufnimmt, ist klar.",
        "Grundschule Kinder",
        help,
    );
}

#[test]
fn name_with_bracket() {
    let help = "rules.rs rule.name_bracket: a name + goal minute or known party in brackets";
    for (text, span) in [
        ("Das Tor erzielte Kowalczyk ( 34. ) per Kopf.", "Kowalczyk"),
        ("Den Ausgleich schoss Oberndorfer (78.).", "Oberndorfer"),
        (
            "Das kritisierte Landrat Bernstädter ( SPD ) scharf.",
            "Bernstädter",
        ),
    ] {
        expect(text, span, "PER", None, None, help);
    }
    reject("Siehe Kapitel ( 3 ) im Anhang.", "Kapitel", help);
    reject(
        "Der Chef der Atomenergieagentur ( Rosatom ) reiste ab.",
        "Atomenergieagentur",
        help,
    );
    reject("Das Haus ( Baujahr 1900 ) steht leer.", "Haus", help);
}

#[test]
fn name_with_age() {
    let help = "rules.rs rule.name_age: two capitalised words + an age in brackets";
    for (text, span) in [
        (
            "Gewonnen haben Ulvar Brönstad ( 26 ) und seine Frau.",
            "Ulvar Brönstad",
        ),
        (
            "Biobauer Lorenzo Gatterer (30) kam auch.",
            "Lorenzo Gatterer",
        ),
    ] {
        expect(text, span, "PER", None, None, help);
    }
    reject(
        "Gesucht werden ErzieherInnen ( 3 ) für die Kita.",
        "ErzieherInnen",
        help,
    );
    reject(
        "Das regelt Artikel Fünf (3) der Satzung.",
        "Artikel Fünf",
        help,
    );
}

#[test]
fn club_acronym_alone() {
    let help = "rules.rs rule.club_acronym: a club prefix that is an acronym, standing alone";
    expect(
        "Der TSV kam nach der Pause besser ins Spiel.",
        "TSV",
        "ORG",
        None,
        None,
        help,
    );
    expect("Beim SSV wächst die Sorge.", "SSV", "ORG", None, None, help);
    reject("Die Eintracht hielt zusammen.", "Eintracht", help);
}

#[test]
fn places_by_head_spa_and_street() {
    let help = "rules.rs: place head + name, Bad + name, X bei <known place>, streets, landmarks, districts";
    for (text, span) in [
        ("Die Stadt Ebersfeld lud zum Empfang.", "Ebersfeld"),
        ("Im Kanton Waldau steigen die Prämien.", "Waldau"),
        ("Die Partnerstadt Trelleborg schickte Grüße.", "Trelleborg"),
        ("Er ist Leiter der Klinik in Bad Wurzach.", "Bad Wurzach"),
        (
            "Im Landkreis Bad Tölz-Wolfratshausen regnet es.",
            "Bad Tölz-Wolfratshausen",
        ),
        ("Die Feier fand in Mölkau bei Leipzig statt.", "Mölkau"),
        (
            "Die Wache an der Lindenstraße wird geschlossen.",
            "Lindenstraße",
        ),
        (
            "Der Unfall geschah auf der Lübecker Straße.",
            "Lübecker Straße",
        ),
        (
            "Die Demonstration zog über die Frankfurter Allee.",
            "Frankfurter Allee",
        ),
    ] {
        expect(text, span, "LOC", None, None, help);
    }
    for (text, span) in [
        ("Der Chor singt im Kölner Dom.", "Kölner Dom"),
        (
            "Die Polizei räumte den Frankfurter Hauptbahnhof.",
            "Frankfurter Hauptbahnhof",
        ),
        (
            "Ziel war die Klinik in Berlin-Charlottenburg.",
            "Berlin-Charlottenburg",
        ),
        ("Sie wohnt in Hamburg-Mitte.", "Hamburg-Mitte"),
    ] {
        expect(text, span, "LOC", None, None, help);
    }
    expect(
        "Das bestätigte der Hamburger Mieterverein.",
        "Hamburger Mieterverein",
        "ORG",
        None,
        None,
        help,
    );
    expect(
        "Der Berlin-Besuch war kurz.",
        "Berlin-Besuch",
        "LOC",
        Some("part"),
        None,
        help,
    );
    reject("Neuer Bahnhof eröffnet.", "Neuer Bahnhof", help);
    reject(
        "In der Stadt Bildung zu fördern ist teuer.",
        "Bildung",
        help,
    );
    reject("Er schwamm im Bad Runden.", "Bad Runden", help);
    reject("Die Bundesstraße ist gesperrt.", "Bundesstraße", help);
    reject("Die Seitenstraße ist gesperrt.", "Seitenstraße", help);
    reject("Verluste bei Siemens drücken den Kurs.", "Verluste", help);
    reject("Dieser Weg ist lang.", "Dieser Weg", help);
}

#[test]
fn never_panics_and_offsets_hold() {
    let lex = Lexicons::default();
    let segr = Segmenter::new(&lex).unwrap();
    let rec = Recogniser::new(&lex).unwrap();
    for text in [
        "",
        "İİİ Berlin",
        "ẞ-Ä",
        "US-",
        "-US",
        "Putin’s",
        "Nico G.",
        "e.V. AG GmbH",
        "ı̇Paris",
    ] {
        let seg = segr.segment(text);
        for e in rec.recognise(text, &seg) {
            assert!(
                text.get(e.start..e.end).is_some(),
                "help: byte offsets must be char boundaries"
            );
        }
    }
}
