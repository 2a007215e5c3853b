//! The gazetteer: every lexicon name, alias, adjective and demonym in one
//! Aho-Corasick automaton over case-folded text, searched once per document.
//!
//! Why: German names come in many surface forms (`Deutschland`, `deutschen`,
//! `Deutschlands`, `Franzose`, `Pariser`, `TOKIO`); generating the forms at load
//! time and matching them in one pass keeps the stage linear and fast.
//!
//! What it does not do: decide about compounds, roles or names that are in no
//! lexicon (see `rules.rs`); it only reports matches that start and end at a
//! word boundary (a hyphen counts as a boundary, so `US-Präsident` yields `US`).
//!
//! Case: the text is folded to lower case here (offsets mapped back), then each
//! match is checked against the entry as written: a capitalised entry needs a
//! capital first letter (`Berlin`, `BERLIN`, not `berlin`), a short acronym the
//! exact case (`US`, not `us`), a lower-case entry (`deutsch`, `dpa`) may also be
//! capitalised (`Deutsche` at the start of a sentence or as a noun).
//!
//! ```text
//! "Die Deutschen reisten nach TOKIO." → Deutschen (LOC deriv, Deutschland), TOKIO (LOC)
//! ```

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::error::Error;
use crate::lexicon::Lexicons;

/// The four labels of SCHEMA.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    /// Persons.
    Per,
    /// Organisations.
    Org,
    /// Places.
    Loc,
    /// Other names (events, products, currencies, works).
    Misc,
}

impl Label {
    /// The wire label.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
        }
    }

    fn parse(s: &str) -> Option<Label> {
        match s {
            "PER" => Some(Label::Per),
            "ORG" => Some(Label::Org),
            "LOC" => Some(Label::Loc),
            "MISC" | "OTH" => Some(Label::Misc),
            _ => None,
        }
    }
}

/// What a surface form of an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The name itself or an alias (`Deutschland`, `BRD`).
    Name,
    /// An adjective or demonym derived from it (`deutschen`, `Franzose`).
    Deriv,
    /// A person's surname alone (`Putin`): needs a capital letter and is not a
    /// word of `not_names.txt`.
    Surname,
}

/// A lexicon referent.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Label of the referent.
    pub label: Label,
    /// Canonical name.
    pub name: String,
    /// Wikidata id.
    pub kb: Option<String>,
    /// Office of a person in the news.
    pub role: Option<String>,
    /// The lexicon file it comes from (the rule name is `lexicon:<file>`).
    pub rule: &'static str,
}

/// One pattern: a surface form of an entry.
#[derive(Debug, Clone)]
struct Pattern {
    surface: String,
    entry: usize,
    form: Form,
}

/// A match in the text (byte offsets into the original text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Start byte.
    pub start: usize,
    /// End byte (a genitive `s` included).
    pub end: usize,
    /// Index into [`Gazetteer::entries`].
    pub entry: usize,
    /// What the surface form is.
    pub form: Form,
}

/// The compiled gazetteer.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    /// All referents.
    pub entries: Vec<Entry>,
    patterns: Vec<Pattern>,
    automaton: AhoCorasick,
}

const COUNTRIES: &str = include_str!("../../lexicons/entities/countries.tsv");
const PLACES: &str = include_str!("../../lexicons/entities/places.tsv");
const ORGS: &str = include_str!("../../lexicons/entities/organisations.tsv");
const PERSONS: &str = include_str!("../../lexicons/entities/persons.tsv");
const MISC: &str = include_str!("../../lexicons/entities/misc.tsv");

/// Builder state: dedupes folded patterns (the first registration wins).
#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    patterns: Vec<Pattern>,
    seen: HashMap<String, usize>,
}

impl Builder {
    fn entry(&mut self, e: Entry) -> usize {
        self.entries.push(e);
        self.entries.len() - 1
    }

    fn add(&mut self, surface: &str, entry: usize, form: Form) {
        let surface = surface.trim();
        if surface.is_empty() {
            return;
        }
        let folded = fold_str(surface);
        if self.seen.contains_key(&folded) {
            return;
        }
        self.seen.insert(folded, self.patterns.len());
        self.patterns.push(Pattern {
            surface: surface.to_string(),
            entry,
            form,
        });
    }
}

fn opt(s: &str) -> Option<String> {
    Some(s.trim()).filter(|s| !s.is_empty()).map(String::from)
}

fn list(s: &str) -> impl Iterator<Item = &str> {
    s.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// Forms of an adjective stem: `deutsch` → deutsch, deutsche, deutschen, ...
fn adjective_forms(stem: &str) -> Vec<String> {
    ["", "e", "en", "er", "es", "em"]
        .iter()
        .map(|e| format!("{stem}{e}"))
        .collect()
}

/// Forms of a demonym: `Franzose` → Franzose, Franzosen; `Kanadier` → Kanadier,
/// Kanadiern, Kanadiers, Kanadierin, Kanadierinnen; `Französin` → Französinnen.
fn demonym_forms(word: &str) -> Vec<String> {
    let mut v = vec![word.to_string()];
    if word.ends_with("in") && !word.ends_with("ein") {
        v.push(format!("{word}nen"));
    } else if word.ends_with("er") {
        for e in ["n", "s", "in", "innen"] {
            v.push(format!("{word}{e}"));
        }
    } else if word.ends_with('e') {
        v.push(format!("{word}n"));
    } else {
        v.push(format!("{word}en"));
    }
    v
}

/// The adjective of a city when the lexicon leaves it empty: `Kiel` → `Kieler`.
fn city_adjective(name: &str) -> Option<String> {
    if name.contains(' ') || name.ends_with("er") {
        return None;
    }
    if name.ends_with('e') {
        return Some(format!("{name}r"));
    }
    Some(format!("{name}er"))
}

impl Gazetteer {
    /// Loads the built-in lexicon files plus the user's additions.
    pub fn new(
        lex: &Lexicons,
        not_names: &std::collections::HashSet<String>,
    ) -> Result<Self, Error> {
        let mut b = Builder::default();
        // Names first (they win over derived forms spelled the same: `Polen`).
        let mut derivs: Vec<(String, usize)> = Vec::new();
        let mut demonyms: Vec<(String, usize)> = Vec::new();
        let mut surnames: Vec<(String, usize)> = Vec::new();

        // countries.tsv: name, kb, aliases, adjective stems, demonyms
        for row in lex.rows("entities/countries.tsv", COUNTRIES) {
            let name = row.get(0);
            if name.is_empty() {
                return Err(row.error("empty country name"));
            }
            let id = b.entry(Entry {
                label: Label::Loc,
                name: name.to_string(),
                kb: opt(row.get(1)),
                role: None,
                rule: "lexicon:entities/countries.tsv",
            });
            b.add(name, id, Form::Name);
            for a in list(row.get(2)) {
                b.add(a, id, Form::Name);
            }
            for s in list(row.get(3)) {
                derivs.extend(adjective_forms(s).into_iter().map(|f| (f, id)));
            }
            for d in list(row.get(4)) {
                demonyms.extend(demonym_forms(d).into_iter().map(|f| (f, id)));
            }
        }
        // places.tsv: name, label, kb, aliases, adjective (empty: automatic for
        // cities, `-`: none), kind (city, region, continent, landmark, water)
        for row in lex.rows("entities/places.tsv", PLACES) {
            let name = row.get(0);
            let label = Label::parse(row.get(1)).unwrap_or(Label::Loc);
            let id = b.entry(Entry {
                label,
                name: name.to_string(),
                kb: opt(row.get(2)),
                role: None,
                rule: "lexicon:entities/places.tsv",
            });
            b.add(name, id, Form::Name);
            for a in list(row.get(3)) {
                b.add(a, id, Form::Name);
            }
            let adj = row.get(4);
            if adj == "-" {
                continue;
            }
            if adj.is_empty() {
                if row.get(5) == "city" {
                    if let Some(a) = city_adjective(name) {
                        derivs.push((a, id));
                    }
                }
            } else {
                for a in list(adj) {
                    if a.chars().next().is_some_and(char::is_lowercase) {
                        derivs.extend(adjective_forms(a).into_iter().map(|f| (f, id)));
                    } else if a.ends_with("er") && !a.ends_with("ner") && row.get(5) != "city" {
                        demonyms.extend(demonym_forms(a).into_iter().map(|f| (f, id)));
                    } else {
                        derivs.push((a.to_string(), id));
                    }
                }
            }
        }
        // organisations.tsv / misc.tsv: name, kb, aliases, label (default ORG / MISC)
        for (file, content, default) in [
            ("entities/organisations.tsv", ORGS, Label::Org),
            ("entities/misc.tsv", MISC, Label::Misc),
        ] {
            let rule = if default == Label::Org {
                "lexicon:entities/organisations.tsv"
            } else {
                "lexicon:entities/misc.tsv"
            };
            for row in lex.rows(file, content) {
                let name = row.get(0);
                let id = b.entry(Entry {
                    label: Label::parse(row.get(3)).unwrap_or(default),
                    name: name.to_string(),
                    kb: opt(row.get(1)),
                    role: None,
                    rule,
                });
                b.add(name, id, Form::Name);
                for a in list(row.get(2)) {
                    b.add(a, id, Form::Name);
                }
            }
        }
        // persons.tsv: name, kb, role, aliases. The surname alone is added too.
        for row in lex.rows("entities/persons.tsv", PERSONS) {
            let name = row.get(0);
            let id = b.entry(Entry {
                label: Label::Per,
                name: name.to_string(),
                kb: opt(row.get(1)),
                role: opt(row.get(2)),
                rule: "lexicon:entities/persons.tsv",
            });
            b.add(name, id, Form::Name);
            for a in list(row.get(3)) {
                b.add(a, id, Form::Name);
            }
            if let Some(last) = name.rsplit(' ').next() {
                if last != name && last.chars().count() > 2 && !not_names.contains(last) {
                    surnames.push((last.to_string(), id));
                }
            }
        }
        for (s, id) in surnames {
            b.add(&s, id, Form::Surname);
        }
        for (s, id) in derivs.into_iter().chain(demonyms) {
            b.add(&s, id, Form::Deriv);
        }
        let folded: Vec<String> = b.patterns.iter().map(|p| fold_str(&p.surface)).collect();
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&folded)
            .map_err(|e| Error::Lexicon {
                file: "entities/*.tsv".into(),
                line: 0,
                message: e.to_string(),
            })?;
        Ok(Gazetteer {
            entries: b.entries,
            patterns: b.patterns,
            automaton,
        })
    }

    /// All matches at word boundaries, leftmost-longest, non-overlapping.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let (folded, map) = fold(text);
        let mut cands: Vec<Hit> = Vec::new();
        for m in self.automaton.find_overlapping_iter(&folded) {
            let (Some(&s), Some(&e)) = (map.get(m.start()), map.get(m.end())) else {
                continue;
            };
            if s >= e || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            if !boundary_before(text, s) {
                continue;
            }
            let pat = &self.patterns[m.pattern().as_usize()];
            let Some(end) = end_with_suffix(text, e, pat) else {
                continue;
            };
            if !case_ok(&text[s..e], &pat.surface, pat.form) {
                continue;
            }
            cands.push(Hit {
                start: s,
                end,
                entry: pat.entry,
                form: pat.form,
            });
        }
        // Leftmost-longest among the valid matches.
        cands.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut out: Vec<Hit> = Vec::with_capacity(cands.len());
        let mut last_end = 0;
        for c in cands {
            if c.start >= last_end {
                last_end = c.end;
                out.push(c);
            }
        }
        out
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn boundary_before(text: &str, s: usize) -> bool {
    !text[..s].chars().next_back().is_some_and(is_word_char)
}

/// The end of a match: at a word boundary, or after a genitive `s`/`es`/`'s`.
fn end_with_suffix(text: &str, e: usize, pat: &Pattern) -> Option<usize> {
    let rest = &text[e..];
    let at_boundary = |r: &str| !r.chars().next().is_some_and(is_word_char);
    if at_boundary(rest) {
        // `Bush'` / `Bush’s`: the apostrophe stays outside; fine.
        return Some(e);
    }
    if pat.form == Form::Deriv {
        return None;
    }
    for suf in ["s", "es", "’s", "'s"] {
        if let Some(r) = rest.strip_prefix(suf) {
            if at_boundary(r) && (suf != "es" || pat.surface.ends_with(|c: char| "tdk".contains(c)))
            {
                return Some(e + suf.len());
            }
        }
    }
    None
}

/// Does the text as written agree with the entry as written (see module docs)?
fn case_ok(found: &str, surface: &str, form: Form) -> bool {
    if found == surface {
        return true;
    }
    let mut fc = found.chars();
    let mut sc = surface.chars();
    let (Some(f0), Some(s0)) = (fc.next(), sc.next()) else {
        return false;
    };
    if s0.is_lowercase() {
        // `deutsche` → `Deutsche`, `dpa` → `Dpa`
        return f0.is_uppercase()
            && fc.as_str() == sc.as_str()
            && f0.to_lowercase().eq(s0.to_lowercase());
    }
    if form == Form::Surname {
        return false;
    }
    // A capitalised entry: same first letter; the rest may differ in case
    // (`BERLIN`, `TecDAX`) for entries of four letters or more.
    f0 == s0 && surface.chars().count() >= 4
}

/// Case folding (lower case) with a map from each folded byte to the original
/// byte offset of the char it came from (one extra entry for the end).
pub fn fold(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
            map.push(i);
            continue;
        }
        let before = folded.len();
        for l in c.to_lowercase() {
            folded.push(l);
        }
        map.extend(std::iter::repeat_n(i, folded.len() - before));
    }
    map.push(text.len());
    (folded, map)
}

fn fold_str(s: &str) -> String {
    fold(s).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_maps_offsets_back() {
        let (f, map) = fold("ÄRGER in Köln");
        assert_eq!(f, "ärger in köln");
        let s = f.find("köln").unwrap();
        assert_eq!(
            map[s],
            "ÄRGER in ".len(),
            "help: offsets of folded text must map to original bytes"
        );
        assert_eq!(map[f.len()], "ÄRGER in Köln".len());
    }

    #[test]
    fn case_rules() {
        // (found, entry, form, accepted)
        let table = [
            ("Berlin", "Berlin", Form::Name, true),
            ("BERLIN", "Berlin", Form::Name, true),
            ("berlin", "Berlin", Form::Name, false),
            ("us", "US", Form::Name, false),
            ("Us", "US", Form::Name, false),
            ("Deutsche", "deutsche", Form::Deriv, true),
            ("DEUTSCHE", "deutsche", Form::Deriv, false),
            ("merkel", "Merkel", Form::Surname, false),
            ("MERKEL", "Merkel", Form::Surname, false),
        ];
        for (found, entry, form, want) in table {
            assert_eq!(
                case_ok(found, entry, form),
                want,
                "{found} vs {entry}\nhelp: see the case rules in the module docs"
            );
        }
    }

    #[test]
    fn forms() {
        assert!(adjective_forms("russisch").contains(&"russischen".to_string()));
        assert!(demonym_forms("Amerikaner").contains(&"Amerikanerinnen".to_string()));
        assert!(demonym_forms("Franzose").contains(&"Franzosen".to_string()));
        assert!(demonym_forms("Französin").contains(&"Französinnen".to_string()));
        assert_eq!(city_adjective("Kiel").as_deref(), Some("Kieler"));
        assert_eq!(city_adjective("Halle").as_deref(), Some("Haller"));
    }
}
