//! The review page: one self-contained HTML page that shows a record the way a
//! person reads it (like displaCy for spaCy, but for all four stages).
//!
//! The text is shown with headings as headings; entities are coloured by label
//! (name, role and Wikidata id on hover, linked to wikidata.org), quantities are
//! underlined with their value and unit on hover, claim contents are highlighted
//! with their speaker and cue marked, and a side list gives every claim (speaker →
//! content, kind, hedged/negated badges, the figures inside). Inline CSS only: no
//! script, no font, no request to anywhere.
//!
//! Overlapping annotations (a quantity inside a claim, "Euro" inside "40
//! Milliarden Euro") are rendered by cutting the text at every annotation boundary
//! and giving each piece the classes of everything that covers it: one sweep, so a
//! long document costs linear time.

use std::fmt::Write as _;

use crate::record::{Claim, Record};

/// The page's opening: doctype, inline style, the heading of the page.
pub fn page_start(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        escape(title),
        STYLE
    )
}

/// The page's end; with several documents, a table of contents first.
pub fn page_end(ids: &[String]) -> String {
    let mut out = String::new();
    if ids.len() > 1 {
        out.push_str("<nav id=\"inhalt\"><h2>Dokumente</h2><ol>");
        for id in ids {
            let _ = write!(
                out,
                "<li><a href=\"#{}\">{}</a></li>",
                escape(&anchor(id)),
                escape(id)
            );
        }
        out.push_str("</ol></nav>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The anchor of a document on a page with several: `doc-` + its id without spaces.
pub fn anchor(id: &str) -> String {
    let mut a = String::from("doc-");
    a.extend(id.chars().map(|c| if c.is_whitespace() { '_' } else { c }));
    a
}

/// One document as an `<article>` (anchor from [`anchor`]); `text` is the decoded
/// document text the record's offsets point into (`None` for an error record).
pub fn render_document(record: &Record, text: Option<&str>) -> String {
    let mut out = String::with_capacity(text.map_or(256, |t| t.len() * 3));
    let _ = write!(
        out,
        "<article id=\"{}\">\n<header class=\"doc\"><span class=\"docid\">{}</span>{}</header>\n",
        escape(&anchor(&record.id)),
        escape(&record.id),
        legend()
    );
    if let Some(err) = &record.error {
        let _ = write!(
            out,
            "<p class=\"error\">Nicht verarbeitet ({}): {}</p>\n</article>\n",
            escape(&err.kind),
            escape(&err.message)
        );
        return out;
    }
    let text = text.unwrap_or("");
    out.push_str("<div class=\"cols\">\n<div class=\"text\">\n");
    render_text(&mut out, record, text);
    out.push_str("</div>\n");
    render_claim_list(&mut out, record);
    out.push_str("</div>\n</article>\n");
    out
}

/// A whole page for one record.
pub fn render_page(record: &Record, text: Option<&str>) -> String {
    let mut page = page_start(&format!("aussage: {}", record.id));
    page.push_str(&render_document(record, text));
    page.push_str(&page_end(&[]));
    page
}

fn legend() -> &'static str {
    "<span class=\"legend\"><span class=\"e e-PER\">Person</span> <span class=\"e e-ORG\">Organisation</span> \
     <span class=\"e e-LOC\">Ort</span> <span class=\"e e-MISC\">Sonstiges</span> \
     <span class=\"q\">Zahl</span> <span class=\"c\">Aussage</span> \
     <span class=\"spk\">Sprecher</span> <span class=\"cue\">Redeverb</span></span>"
}

/// What covers a piece of text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Entity(usize),
    Quantity(usize),
    Content(usize),
    Speaker(usize),
    Cue(usize),
}

fn render_text(out: &mut String, record: &Record, text: &str) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_of = |c: usize| chars.get(c).map_or(text.len(), |&(b, _)| b);
    // Events: (char offset, is_start, mark); ends sort before starts at one offset.
    let mut events: Vec<(usize, bool, Mark)> = Vec::new();
    let mut add = |s: usize, e: usize, m: Mark| {
        if s < e {
            events.push((s, true, m));
            events.push((e, false, m));
        }
    };
    for (i, e) in record.entities.iter().flatten().enumerate() {
        add(e.start, e.end, Mark::Entity(i));
    }
    for (i, q) in record.quantities.iter().flatten().enumerate() {
        add(q.start, q.end, Mark::Quantity(i));
    }
    for (i, c) in record.claims.iter().flatten().enumerate() {
        match &c.content.parts {
            Some(parts) => parts.iter().for_each(|p| add(p[0], p[1], Mark::Content(i))),
            None => add(c.content.start, c.content.end, Mark::Content(i)),
        }
        if let Some(s) = &c.speaker {
            add(s.start, s.end, Mark::Speaker(i));
        }
        if let Some(cue) = &c.cue {
            match &cue.parts {
                Some(parts) => parts.iter().for_each(|p| add(p[0], p[1], Mark::Cue(i))),
                None => add(cue.start, cue.end, Mark::Cue(i)),
            }
        }
    }
    events.sort_by_key(|&(pos, is_start, _)| (pos, is_start));

    let sentences = record.sentences.as_deref().unwrap_or(&[]);
    let mut active: Vec<Mark> = Vec::new();
    let mut ev = 0;
    let mut prev_end = 0usize;
    let mut in_paragraph = false;
    for s in sentences {
        let gap = &text[byte_of(prev_end)..byte_of(s.start)];
        let new_block = prev_end == 0 || gap.contains('\n') || s.heading;
        if new_block && in_paragraph {
            out.push_str("</p>\n");
            in_paragraph = false;
        }
        if s.heading {
            out.push_str("<h2>");
        } else if !in_paragraph {
            out.push_str("<p>");
            in_paragraph = true;
        } else {
            out.push(' ');
        }
        // Pieces of the sentence between annotation boundaries.
        let mut pos = s.start;
        while pos < s.end {
            while ev < events.len() && events[ev].0 <= pos {
                let (_, is_start, m) = events[ev];
                if is_start {
                    active.push(m);
                } else if let Some(k) = active.iter().position(|&a| a == m) {
                    active.remove(k);
                }
                ev += 1;
            }
            let next = events.get(ev).map_or(s.end, |e| e.0).min(s.end);
            let piece = &text[byte_of(pos)..byte_of(next)];
            render_piece(out, record, &active, piece);
            pos = next;
        }
        out.push_str(if s.heading { "</h2>\n" } else { "" });
        prev_end = s.end;
    }
    if in_paragraph {
        out.push_str("</p>\n");
    }
}

fn render_piece(out: &mut String, record: &Record, active: &[Mark], piece: &str) {
    if active.is_empty() {
        out.push_str(&escape(piece));
        return;
    }
    let mut classes = String::new();
    let mut title = String::new();
    let mut link = None;
    for m in active {
        match *m {
            Mark::Entity(i) => {
                let e = &record.entities.as_deref().unwrap_or(&[])[i];
                let _ = write!(classes, " e e-{}", e.label);
                let _ = write!(
                    title,
                    "{} {}",
                    e.label,
                    e.name.as_deref().unwrap_or(&e.text)
                );
                if let Some(st) = &e.subtype {
                    let _ = write!(title, " ({st})");
                }
                if let Some(role) = &e.role {
                    let _ = write!(title, " · {role}");
                }
                if let Some(kb) = &e.kb {
                    let _ = write!(title, " · {kb}");
                    link = Some(kb.clone());
                }
                title.push('\n');
            }
            Mark::Quantity(i) => {
                let q = &record.quantities.as_deref().unwrap_or(&[])[i];
                classes.push_str(" q");
                let _ = writeln!(title, "{}", describe_quantity(q));
            }
            Mark::Content(i) => {
                let _ = write!(classes, " c c{}", i % 6);
                let c = &record.claims.as_deref().unwrap_or(&[])[i];
                let _ = writeln!(title, "{}: {}", c.id, c.kind);
            }
            Mark::Speaker(_) => classes.push_str(" spk"),
            Mark::Cue(_) => classes.push_str(" cue"),
        }
    }
    let inner = format!(
        "<span class=\"{}\" title=\"{}\">{}</span>",
        classes.trim(),
        escape(title.trim_end()),
        escape(piece)
    );
    match link {
        Some(kb) => {
            let _ = write!(
                out,
                "<a href=\"https://www.wikidata.org/wiki/{}\">{inner}</a>",
                escape(&kb)
            );
        }
        None => out.push_str(&inner),
    }
}

/// "money: 40000000000 EUR (approx)" and the like.
pub fn describe_quantity(q: &crate::record::Quantity) -> String {
    let num = |v: f64| {
        if v.fract() == 0.0 && v.abs() < 1e15 {
            format!("{}", v as i64)
        } else {
            format!("{v}")
        }
    };
    let mut s = format!("{}:", q.kind);
    match (q.value, q.min, q.max) {
        (Some(v), _, _) => {
            let _ = write!(s, " {}", num(v));
        }
        (None, Some(a), Some(b)) => {
            let _ = write!(s, " {}–{}", num(a), num(b));
        }
        _ => {}
    }
    if let Some(u) = &q.unit {
        let _ = write!(s, " {u}");
    }
    if let (Some(p), Some(w)) = (q.part, q.whole) {
        let _ = write!(s, " ({} von {})", num(p), num(w));
    }
    if let Some(iso) = &q.iso {
        let _ = write!(s, " [{iso}]");
    }
    if q.approx == Some(true) {
        s.push_str(" ~");
    }
    if let Some(b) = &q.bound {
        let _ = write!(s, " {b}");
    }
    if let Some(r) = &q.relation {
        let _ = write!(s, " {r}");
    }
    s
}

fn render_claim_list(out: &mut String, record: &Record) {
    let claims = record.claims.as_deref().unwrap_or(&[]);
    out.push_str("<aside class=\"claims\">\n");
    let _ = writeln!(out, "<h3>Aussagen ({})</h3>", claims.len());
    if claims.is_empty() {
        out.push_str("<p class=\"none\">keine</p>\n");
    }
    out.push_str("<ol>\n");
    for (i, c) in claims.iter().enumerate() {
        render_claim(out, record, c, i);
    }
    out.push_str("</ol>\n</aside>\n");
}

fn render_claim(out: &mut String, record: &Record, c: &Claim, i: usize) {
    let speaker = match &c.speaker {
        Some(s) => {
            let name = s
                .name
                .clone()
                .or_else(|| {
                    let id = s.entity.as_deref()?;
                    record
                        .entities
                        .iter()
                        .flatten()
                        .find(|e| e.id == id)
                        .and_then(|e| e.name.clone())
                })
                .filter(|n| n != &s.text);
            match name {
                Some(n) => format!("{} ({})", escape(&s.text), escape(&n)),
                None => escape(&s.text),
            }
        }
        None => "<i>ohne Quelle</i>".to_string(),
    };
    let _ = write!(
        out,
        "<li class=\"claim c{}\"><span class=\"who\">{speaker}</span> → <q>{}</q><br>\
         <span class=\"badge kind\">{}</span>",
        i % 6,
        escape(&c.content.text),
        escape(&c.kind)
    );
    if let Some(cue) = &c.cue {
        let _ = write!(out, "<span class=\"badge\">{}</span>", escape(&cue.lemma));
    }
    if c.hedged {
        out.push_str("<span class=\"badge hedged\">eingeschränkt</span>");
    }
    if c.negated {
        out.push_str("<span class=\"badge negated\">verneint</span>");
    }
    let figures: Vec<String> = c
        .quantities
        .iter()
        .filter_map(|id| record.quantities.iter().flatten().find(|q| &q.id == id))
        .map(|q| format!("{} = {}", escape(&q.text), escape(&describe_quantity(q))))
        .collect();
    if !figures.is_empty() {
        let _ = write!(
            out,
            "<br><span class=\"figs\">Zahlen: {}</span>",
            figures.join("; ")
        );
    }
    out.push_str("</li>\n");
}

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body{font-family:Georgia,'Times New Roman',serif;margin:0;padding:1.5rem 2rem;background:#fbfaf7;color:#1d1d1d;line-height:1.7}
article{max-width:80rem;margin:0 auto 3rem}
header.doc{font-family:system-ui,sans-serif;font-size:.85rem;color:#555;border-bottom:1px solid #ddd;margin-bottom:1rem;padding-bottom:.4rem;display:flex;flex-wrap:wrap;gap:1rem;justify-content:space-between}
.docid{font-weight:bold;color:#222}
.cols{display:flex;gap:2rem;align-items:flex-start}
.text{flex:3;font-size:1.05rem}
aside.claims{flex:2;font-family:system-ui,sans-serif;font-size:.85rem;position:sticky;top:1rem;max-height:95vh;overflow:auto;background:#fff;border:1px solid #e3e0d8;border-radius:6px;padding:.5rem 1rem}
aside ol{padding-left:1.2rem}
aside li{margin:.6rem 0;padding:.3rem .4rem;border-radius:4px}
h2{font-size:1.3rem;margin:1.4rem 0 .4rem}
a{color:inherit;text-decoration:none}
.e{border-radius:3px;padding:0 2px}
.e-PER{background:#f9d9a8}.e-ORG{background:#b9dcf5}.e-LOC{background:#c8ecc0}.e-MISC{background:#e6d2f2}
.q{border-bottom:3px double #c0392b;font-weight:600}
.c{background-image:linear-gradient(#fff3b0,#fff3b0)}
.c1{background-image:linear-gradient(#e2f0cb,#e2f0cb)}.c2{background-image:linear-gradient(#ffdfd3,#ffdfd3)}
.c3{background-image:linear-gradient(#d4e4ff,#d4e4ff)}.c4{background-image:linear-gradient(#f1e0ff,#f1e0ff)}.c5{background-image:linear-gradient(#d9f5ef,#d9f5ef)}
.spk{outline:2px solid #8e44ad;border-radius:3px}
.cue{text-decoration:underline wavy #2c3e50;font-style:italic}
.legend span{margin-right:.3rem;padding:0 3px}
.badge{display:inline-block;font-size:.75rem;border:1px solid #999;border-radius:8px;padding:0 .4rem;margin:.15rem .3rem 0 0;background:#f4f4f4}
.badge.kind{background:#2c3e50;color:#fff;border-color:#2c3e50}
.badge.hedged{background:#fdebd0}.badge.negated{background:#fadbd8}
.who{font-weight:bold}
.figs{color:#c0392b}
.error{color:#a00;font-family:system-ui,sans-serif}
nav#inhalt{max-width:80rem;margin:0 auto;font-family:system-ui,sans-serif;border-top:1px solid #ccc}
@media (max-width:60rem){.cols{flex-direction:column}aside.claims{position:static;max-height:none}}
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Entity, Quantity, Sentence, Span};

    fn record() -> (Record, String) {
        let text = "Gipfel in Paris\n\nMacron sagte, es gehe um 40 Milliarden Euro.".to_string();
        let rec = Record {
            id: "t<1>".into(),
            sentences: Some(vec![
                Sentence {
                    start: 0,
                    end: 15,
                    text: "Gipfel in Paris".into(),
                    heading: true,
                },
                Sentence {
                    start: 17,
                    end: 61,
                    text: String::new(),
                    heading: false,
                },
            ]),
            entities: Some(vec![Entity {
                id: "e1".into(),
                start: 17,
                end: 23,
                label: "PER".into(),
                name: Some("Emmanuel Macron".into()),
                kb: Some("Q3052772".into()),
                ..Entity::default()
            }]),
            quantities: Some(vec![Quantity {
                id: "q1".into(),
                start: 41,
                end: 60,
                text: "40 Milliarden Euro".into(),
                kind: "money".into(),
                value: Some(4e10),
                unit: Some("EUR".into()),
                ..Quantity::default()
            }]),
            claims: Some(vec![Claim {
                id: "c1".into(),
                kind: "indirect_speech".into(),
                content: Span {
                    start: 31,
                    end: 60,
                    text: "es gehe um 40 Milliarden Euro".into(),
                    parts: None,
                },
                quantities: vec!["q1".into()],
                ..Claim::default()
            }]),
            ..Record::default()
        };
        (rec, text)
    }

    #[test]
    fn page_shows_every_annotation_and_escapes_text() {
        let (rec, text) = record();
        let page = render_page(&rec, Some(&text));
        assert!(
            page.contains("<h2>Gipfel in Paris</h2>"),
            "help: headings as headings"
        );
        assert!(page.contains("href=\"https://www.wikidata.org/wiki/Q3052772\""));
        assert!(page.contains("PER Emmanuel Macron"));
        assert!(page.contains("money: 40000000000 EUR"));
        assert!(page.contains("t&lt;1&gt;"), "help: ids are escaped");
        assert!(page.contains("indirect_speech"));
        assert!(!page.contains("<script"), "help: no scripts");
        // Every character of the text is on the page, in order.
        let visible: String = strip_tags(&page);
        assert!(
            visible.contains("Macron sagte, es gehe um 40 Milliarden Euro."),
            "{visible}"
        );
    }

    fn strip_tags(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn error_record_page() {
        let rec = Record::error("x.bin", "binary", "looks like binary data");
        let page = render_page(&rec, None);
        assert!(page.contains("Nicht verarbeitet (binary)"));
    }
}
