//! Rules for names that are in no lexicon, roles, and coreference of persons.
//!
//! Why: no gazetteer knows every coach, mayor or start-up; but German news
//! introduces them in a few fixed shapes. Each rule below names the shape it
//! trusts, with its examples in `tests.rs`:
//! - `rule.given_name_surname`: a given name (`given_names.txt`) + a capitalised
//!   word: `Steve Witkoff`, `Hans Peter Krause`, `Ludwig van Beethoven`, `Nico G.`
//! - `rule.role_name`: a role word (`roles.txt`, also inside compounds:
//!   `Bundesinnenminister`, `Ex-Trainer`) + a capitalised word: `Trainer Rangnick`.
//! - `rule.org_legal_form`: capitalised words + legal form: `Kaufhof Warenhaus AG`.
//! - `rule.org_head`: `Institut für Weltwirtschaft`, `Bundesamt für Migration`,
//!   `Universität Hamburg`, `FC Schalke 04`.
//! - `rule.acronym`: an unknown acronym of 2–6 capitals: `IKB` (ORG), and as the
//!   first part of a compound: `DLR-Forscher` (ORG part).
//! - `rule.place_after_preposition`: `in Pfaffenhofen` when the word ends like a
//!   German place name (`-hofen`, `-burg`, `-ingen`, ...).
//! - `rule.coreference`: a surname met again: `Witkoff` after `Steve Witkoff`.
//!
//! What it does not do: guess at any capitalised word. German capitalises every
//! noun, so a bare capitalised word is never a name here without one of the
//! shapes above. Sentence-initial capitals are harmless for the same reason;
//! function words that open sentences are in `not_names.txt`.
//!
//! ```text
//! "Der Verein trennte sich von Trainer Rangnick." → Rangnick (PER, role Trainer)
//! ```

use std::collections::HashSet;
use std::ops::Range;

use super::gazetteer::Label;
use super::{is_cap_word, token_at, Cand, SurnameIndex};
use crate::error::Error;
use crate::lexicon::Lexicons;
use crate::segment::{Token, TokenKind};

const GIVEN: &str = include_str!("../../lexicons/entities/given_names.txt");
const ROLES: &str = include_str!("../../lexicons/entities/roles.txt");
const ORG_WORDS: &str = include_str!("../../lexicons/entities/org_words.tsv");
const CUES: &str = include_str!("../../lexicons/entities/person_cues.txt");

/// Speech verbs after which a lone capitalised word before punctuation is a
/// person: `, sagte Eymer .`, `so Ketterer .`
const SPEECH_VERBS: &[&str] = &[
    "sagte",
    "sagt",
    "sagten",
    "erklärte",
    "erklärt",
    "betonte",
    "betont",
    "erzählte",
    "erzählt",
    "meinte",
    "meint",
    "so",
    "ergänzte",
    "ergänzt",
    "warnte",
    "warnt",
    "kritisierte",
    "kritisiert",
    "räumte",
    "glaubt",
    "glaubte",
    "schreibt",
    "schrieb",
    "fordert",
    "forderte",
    "berichtete",
];

/// Place-name endings that common nouns rarely have.
const PLACE_ENDINGS: &[&str] = &[
    "hofen", "burg", "dorf", "hausen", "heim", "stadt", "ingen", "kirchen", "hagen", "rode",
    "furt", "born", "brück", "brücken", "walde", "leben", "roda", "witz", "itz", "ow", "au",
    "stedt", "weiler", "bach", "beck", "büttel", "zell", "reuth", "markt", "mund", "see",
];

/// Prepositions before a place.
const PLACE_PREPS: &[&str] = &[
    "in", "aus", "nach", "bei", "von", "In", "Aus", "Nach", "Bei", "Von",
];

/// Particles inside personal names.
const PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "di", "da", "du", "le", "la", "zu", "ter", "ten", "bin",
    "al", "el", "dos", "del", "vom", "zur",
];

/// The compiled rules.
#[derive(Debug, Clone)]
pub struct Rules {
    given: HashSet<String>,
    /// Role words: (lower-case suffix, capitalised whole word).
    roles: WordSet,
    /// Words that cue a following name without being a role (`Bruder`).
    cues: WordSet,
    not_names: HashSet<String>,
    legal: HashSet<String>,
    heads: WordSet,
    clubs: HashSet<String>,
}

impl Rules {
    /// Loads the rule lexicons.
    pub fn new(lex: &Lexicons, not_names: HashSet<String>) -> Result<Self, Error> {
        let given = lex
            .rows("entities/given_names.txt", GIVEN)
            .iter()
            .flat_map(|r| r.fields.clone())
            .flat_map(|f| f.split(' ').map(String::from).collect::<Vec<_>>())
            .filter(|s| !s.is_empty())
            .collect();
        let roles = word_list(lex, "entities/roles.txt", ROLES);
        let cues = word_list(lex, "entities/person_cues.txt", CUES);
        let (mut legal, mut heads, mut clubs) =
            (HashSet::new(), WordSet::default(), HashSet::new());
        for r in lex.rows("entities/org_words.tsv", ORG_WORDS) {
            let w = r.get(0).to_string();
            match r.get(1) {
                "legal" => {
                    legal.insert(w);
                }
                "head" => {
                    let lower = w.to_lowercase();
                    let mut cap = String::new();
                    let mut cs = lower.chars();
                    if let Some(c0) = cs.next() {
                        cap.extend(c0.to_uppercase());
                        cap.push_str(cs.as_str());
                    }
                    heads.insert(lower, cap);
                }
                "club" => {
                    clubs.insert(w);
                }
                other => return Err(r.error(format!("unknown kind '{other}' (legal, head, club)"))),
            }
        }
        Ok(Rules {
            given,
            roles,
            cues,
            not_names,
            legal,
            heads,
            clubs,
        })
    }

    /// Whether `w` is (or ends with) a role word, possibly inflected; returns the
    /// uninflected form's length in bytes.
    pub fn role_len(&self, w: &str) -> Option<usize> {
        suffix_len(&self.roles, w)
    }

    fn is_cue(&self, w: &str) -> bool {
        w.starts_with(char::is_uppercase) && self.role_len(w).is_some()
            || suffix_len(&self.cues, w).is_some()
    }
}

/// A set of words for suffix look-up: lower-case forms (ends of compounds:
/// `Bundeskanzler`) and capitalised forms (whole words or after a hyphen:
/// `Kanzler`, `US-Präsident`).
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    lower: HashSet<String>,
    cap: HashSet<String>,
    /// Shortest and longest entry in bytes (suffixes outside are not looked up).
    min: usize,
    max: usize,
    /// Bitmap of the last two bytes of every entry: a cheap first test.
    tails: Vec<u64>,
}

fn tail_key(w: &str) -> Option<usize> {
    let b = w.as_bytes();
    let n = b.len();
    (n >= 2).then(|| (usize::from(b[n - 2]) << 8) | usize::from(b[n - 1]))
}

impl WordSet {
    fn insert(&mut self, lower: String, cap: String) {
        if self.lower.is_empty() {
            self.min = usize::MAX;
        }
        self.min = self.min.min(lower.len().min(cap.len()));
        self.max = self.max.max(lower.len().max(cap.len()));
        if self.tails.is_empty() {
            self.tails = vec![0; 1024];
        }
        if let Some(k) = tail_key(&lower) {
            self.tails[k / 64] |= 1 << (k % 64);
        }
        self.lower.insert(lower);
        self.cap.insert(cap);
    }

    /// The length of `stem` if one of its suffixes (at a char boundary, more
    /// than the whole word when lower case) is in the set.
    fn ends(&self, stem: &str) -> bool {
        match tail_key(stem) {
            Some(k)
                if self
                    .tails
                    .get(k / 64)
                    .is_some_and(|b| b & (1 << (k % 64)) != 0) => {}
            _ => return false,
        }
        for (i, _) in stem.char_indices() {
            let tail = &stem[i..];
            if tail.len() > self.max {
                continue;
            }
            if tail.len() < self.min {
                break;
            }
            let after_hyphen = i == 0 || stem[..i].ends_with('-');
            if after_hyphen {
                if self.cap.contains(tail) {
                    return true;
                }
            } else if self.lower.contains(tail) {
                return true;
            }
        }
        false
    }
}

/// `w` or `w` minus an inflection ending (-en, -n, -s) ends with a word of `set`:
/// the uninflected length.
fn suffix_len(set: &WordSet, w: &str) -> Option<usize> {
    for suf in ["", "en", "n", "s"] {
        let Some(stem) = w.strip_suffix(suf) else {
            continue;
        };
        if set.ends(stem) {
            return Some(stem.len());
        }
    }
    None
}

/// A word list (words separated by spaces) as (lower case, capitalised), longest first.
fn word_list(lex: &Lexicons, name: &str, builtin: &str) -> WordSet {
    let mut v = WordSet::default();
    for r in lex.rows(name, builtin) {
        for f in &r.fields {
            for w in f.split(' ').filter(|w| !w.is_empty()) {
                let lower = w.to_lowercase();
                let mut cap = String::with_capacity(w.len());
                let mut cs = lower.chars();
                if let Some(c0) = cs.next() {
                    cap.extend(c0.to_uppercase());
                    cap.push_str(cs.as_str());
                }
                v.insert(lower, cap);
            }
        }
    }
    v
}

impl Rules {
    fn is_name_word(&self, text: &str, t: &Token) -> bool {
        if !is_cap_word(text, t) {
            return false;
        }
        let w = t.text(text);
        !self.not_names.contains(w)
            && self.role_len(w).is_none()
            && w.chars().any(char::is_lowercase)
    }

    /// A role word just before byte `start` (`US-Präsident Donald Trump`).
    pub fn role_before(&self, text: &str, tokens: &[Token], start: usize) -> Option<String> {
        let k = token_at(tokens, start)?.checked_sub(1)?;
        let t = &tokens[k];
        if t.kind != TokenKind::Word {
            return None;
        }
        let w = t.text(text);
        let n = self.role_len(w)?;
        w.get(..n).map(String::from)
    }

    /// Applies the rules to the tokens `range` of one sentence.
    pub fn apply(
        &self,
        text: &str,
        tokens: &[Token],
        range: Range<usize>,
        covered: &[bool],
        out: &mut Vec<Cand>,
    ) {
        let end = range.end;
        let word = |k: usize| tokens.get(k).filter(|_| k < end).map(|t| t.text(text));
        for k in range.clone() {
            let t = &tokens[k];
            let w = t.text(text);
            // Given name + surname.
            if is_cap_word(text, t) && self.given.contains(w) {
                let mut m = k + 1;
                while m < end && m < k + 3 && self.given.contains(tokens[m].text(text)) {
                    m += 1;
                }
                let mut p = m;
                while p < end && p < m + 2 && PARTICLES.contains(&tokens[p].text(text)) {
                    p += 1;
                }
                let last = if p < end
                    && (self.is_name_word(text, &tokens[p]) || is_initial(text, &tokens[p]))
                {
                    Some(p)
                } else if m > k + 1 && p == m {
                    Some(m - 1)
                } else {
                    None
                };
                if let Some(l) = last {
                    let s = t.start;
                    let e = tokens[l].end;
                    out.push(per(s, e, &text[s..e], "rule.given_name_surname", 1));
                }
            }
            // Role + one or two capitalised words.
            if t.kind == TokenKind::Word && self.is_cue(w) {
                if let Some(n) = tokens.get(k + 1).filter(|_| k + 1 < end) {
                    let nw = n.text(text);
                    if self.is_name_word(text, n) && !covered[k + 1] && !self.given.contains(nw) {
                        let mut last = k + 1;
                        if k + 2 < end && self.is_name_word(text, &tokens[k + 2]) && !covered[k + 2]
                        {
                            last = k + 2;
                        }
                        let nn = word(last + 1);
                        // Not the first noun of a longer phrase: `Trainer Nachwuchs-...`
                        let ok = nn.is_none_or(|x| {
                            !x.chars().next().is_some_and(char::is_uppercase)
                                || self.not_names.contains(x)
                        });
                        if ok {
                            let (s, e) = (n.start, tokens[last].end);
                            out.push(per(s, e, &text[s..e], "rule.role_name", 2));
                        }
                    }
                }
            }
            // Speech verb + a lone capitalised word before punctuation.
            if SPEECH_VERBS.contains(&w) && k + 1 < end && !covered[k + 1] {
                let n = &tokens[k + 1];
                let after = tokens.get(k + 2).filter(|_| k + 2 < end);
                if self.is_name_word(text, n)
                    && after.is_none_or(|a| a.kind == TokenKind::Punct && a.text(text) != "-")
                {
                    out.push(per(
                        n.start,
                        n.end,
                        n.text(text),
                        "rule.speech_verb_name",
                        2,
                    ));
                }
            }
            if covered[k] {
                continue;
            }
            // Acronyms.
            if t.kind == TokenKind::Word {
                let first = w.split('-').next().unwrap_or("");
                if is_acronym(first)
                    && !self.not_names.contains(first)
                    && !self.clubs.contains(first)
                {
                    let sub = (first.len() < w.len()).then_some("part");
                    let mut e = t.end;
                    if sub.is_none() {
                        // `PKN Orlen`, `BNP Paribas`: the acronym heads a longer name.
                        let mut m = k + 1;
                        while m < end
                            && m < k + 3
                            && !covered[m]
                            && self.is_name_word(text, &tokens[m])
                        {
                            e = tokens[m].end;
                            m += 1;
                        }
                    }
                    let name = Some(text[t.start..e].to_string());
                    out.push(Cand {
                        start: t.start,
                        end: e,
                        label: Label::Org,
                        name,
                        kb: None,
                        subtype: sub,
                        rule: "rule.acronym",
                        prio: 3,
                        surname: false,
                    });
                }
            }
            // Legal form after capitalised words.
            if self.legal.contains(w) && k > range.start {
                let mut b = k;
                while b > range.start && b + 4 > k {
                    let p = &tokens[b - 1];
                    let pw = p.text(text);
                    let joins = pw == "&" || pw == "und" && b < k;
                    if (is_cap_word(text, p) && !self.not_names.contains(pw))
                        || (joins && b > range.start + 1)
                    {
                        b -= 1;
                    } else {
                        break;
                    }
                }
                if b < k && is_cap_word(text, &tokens[b]) {
                    out.push(org(tokens[b].start, t.end, text, "rule.org_legal_form"));
                }
            }
            // Club prefixes: `FC Schalke 04`, `VfB Stuttgart`.
            if self.clubs.contains(w) {
                let mut m = k + 1;
                while m < end && m < k + 4 {
                    let n = &tokens[m];
                    if is_cap_word(text, n) && !self.not_names.contains(n.text(text))
                        || n.kind == TokenKind::Number
                    {
                        m += 1;
                    } else {
                        break;
                    }
                }
                if m > k + 1 {
                    out.push(org(t.start, tokens[m - 1].end, text, "rule.org_head"));
                }
            }
            // Head words: `Institut für …`, `Universität Hamburg`.
            if is_cap_word(text, t) && self.heads.ends(w) {
                if let Some(e) = self.head_tail(text, tokens, k, end) {
                    let mut b = k;
                    if b > range.start {
                        let p = &tokens[b - 1];
                        let pw = p.text(text);
                        if is_cap_word(text, p)
                            && !self.not_names.contains(pw)
                            && (pw.ends_with("er") || pw.ends_with("es") || pw.ends_with('e'))
                        {
                            b -= 1;
                        }
                    }
                    out.push(org(tokens[b].start, e, text, "rule.org_head"));
                }
            }
            // Places after a preposition, by their ending.
            if k > range.start
                && PLACE_PREPS.contains(&tokens[k - 1].text(text))
                && self.is_name_word(text, t)
                && !w.contains('-')
                && w.chars().count() > 5
                && PLACE_ENDINGS.iter().any(|e| w.ends_with(e))
            {
                out.push(Cand {
                    start: t.start,
                    end: t.end,
                    label: Label::Loc,
                    name: Some(w.to_string()),
                    kb: None,
                    subtype: None,
                    rule: "rule.place_after_preposition",
                    prio: 3,
                    surname: false,
                });
            }
        }
    }

    /// After a head word at `k`: `für`/`zu` + capitalised words, or a capitalised
    /// word directly (`Universität Hamburg`). Returns the end byte.
    fn head_tail(&self, text: &str, tokens: &[Token], k: usize, end: usize) -> Option<usize> {
        let next = tokens.get(k + 1).filter(|_| k + 1 < end)?;
        let nw = next.text(text);
        let mut m = if nw == "für" || nw == "zu" || nw == "der" {
            k + 2
        } else if self.is_name_word(text, next)
            && tokens[k].text(text).to_lowercase().ends_with("universität")
        {
            k + 1
        } else {
            return None;
        };
        let mut last = None;
        while m < end {
            let t = &tokens[m];
            let tw = t.text(text);
            if is_cap_word(text, t) && !self.not_names.contains(tw) {
                last = Some(t.end);
                m += 1;
            } else if (tw == "und" || tw == ",")
                && last.is_some()
                && m + 1 < end
                && is_cap_word(text, &tokens[m + 1])
            {
                m += 1;
            } else {
                break;
            }
        }
        last
    }

    /// Persons met again by surname get the full name; unknown tokens equal to a
    /// known surname become persons too.
    pub fn coreference(&self, text: &str, tokens: &[Token], mut chosen: Vec<Cand>) -> Vec<Cand> {
        let mut index: SurnameIndex = SurnameIndex::new();
        for c in &chosen {
            if c.label != Label::Per || c.subtype.is_some() {
                continue;
            }
            let span = &text[c.start..c.end];
            if let Some((_, last)) = span.rsplit_once(' ') {
                let name = c.name.clone().unwrap_or_else(|| span.to_string());
                index
                    .entry(last.to_string())
                    .or_insert((name, c.kb.clone()));
            }
        }
        if index.is_empty() {
            return chosen;
        }
        for c in chosen.iter_mut() {
            if c.label != Label::Per || c.subtype.is_some() || c.surname {
                continue;
            }
            let span = &text[c.start..c.end];
            if span.contains(' ') {
                continue;
            }
            let stem = span
                .strip_suffix('s')
                .filter(|s| index.contains_key(*s))
                .unwrap_or(span);
            if let Some((name, kb)) = index.get(stem) {
                c.name = Some(name.clone());
                c.kb = kb.clone();
                c.rule = "rule.coreference";
            }
        }
        let covered = super::covered_tokens(tokens, &chosen);
        for (k, t) in tokens.iter().enumerate() {
            if covered[k] || !is_cap_word(text, t) {
                continue;
            }
            let w = t.text(text);
            let stem = w
                .strip_suffix('s')
                .filter(|s| index.contains_key(*s))
                .unwrap_or(w);
            if let Some((name, kb)) = index.get(stem) {
                chosen.push(Cand {
                    start: t.start,
                    end: t.end,
                    label: Label::Per,
                    name: Some(name.clone()),
                    kb: kb.clone(),
                    subtype: None,
                    rule: "rule.coreference",
                    prio: 2,
                    surname: false,
                });
            }
        }
        chosen
    }
}

fn per(start: usize, end: usize, name: &str, rule: &'static str, prio: u8) -> Cand {
    Cand {
        start,
        end,
        label: Label::Per,
        name: Some(name.to_string()),
        kb: None,
        subtype: None,
        rule,
        prio,
        surname: false,
    }
}

fn org(start: usize, end: usize, text: &str, rule: &'static str) -> Cand {
    Cand {
        start,
        end,
        label: Label::Org,
        name: text.get(start..end).map(String::from),
        kb: None,
        subtype: None,
        rule,
        prio: 1,
        surname: false,
    }
}

/// `G.` as the surname of an anonymised person (`Nico G.`).
fn is_initial(text: &str, t: &Token) -> bool {
    let w = t.text(text);
    t.kind == TokenKind::Abbrev && w.len() == 2 && w.starts_with(|c: char| c.is_ascii_uppercase())
}

/// Two to six capitals (digits allowed after the first two letters): `IKB`, `BASF`.
pub(crate) fn is_acronym(w: &str) -> bool {
    let n = w.chars().count();
    (2..=6).contains(&n)
        && w.chars().take(2).all(char::is_uppercase)
        && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}
