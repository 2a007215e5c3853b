//! Entities: exact (start, end, label) matches per label.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{context, items, off, prf, EvalOptions, Report};

fn label(v: &Value) -> String {
    let l = v["label"].as_str().unwrap_or("").trim().to_uppercase();
    match l.as_str() {
        "OTH" => "MISC".into(),
        "GPE" | "LOCATION" => "LOC".into(),
        "PERSON" => "PER".into(),
        "ORGANIZATION" => "ORG".into(),
        _ => l,
    }
}

type Ent = (usize, usize, String);

pub(super) fn score(pairs: &[(&Value, Value)], opts: &EvalOptions) -> Report {
    let keep: Option<BTreeSet<String>> = opts.labels.as_ref().map(|ls| {
        ls.iter()
            .map(|l| label(&serde_json::json!({ "label": l })))
            .collect()
    });
    let kept = |l: &str| keep.as_ref().is_none_or(|k| k.contains(l));
    let mut counts: BTreeMap<String, [usize; 3]> = BTreeMap::new(); // tp, gold, pred
    let mut report = Report::default();
    for (gold, pred) in pairs {
        let mut dropped: BTreeSet<(usize, usize)> = BTreeSet::new();
        let mut g: BTreeSet<Ent> = BTreeSet::new();
        for e in items(gold, "entities") {
            let span = (off(e, "start"), off(e, "end"));
            let l = label(e);
            if (opts.ignore_subtypes && e.get("subtype").is_some_and(|s| !s.is_null())) || !kept(&l)
            {
                dropped.insert(span);
                continue;
            }
            g.insert((span.0, span.1, l));
        }
        let mut p: BTreeSet<Ent> = BTreeSet::new();
        for e in items(pred, "entities") {
            let span = (off(e, "start"), off(e, "end"));
            let l = label(e);
            let has_subtype = e.get("subtype").is_some_and(|s| !s.is_null());
            if (opts.ignore_subtypes && (has_subtype || dropped.contains(&span))) || !kept(&l) {
                continue;
            }
            p.insert((span.0, span.1, l));
        }
        for e in &g {
            counts.entry(e.2.clone()).or_default()[1] += 1;
        }
        for e in &p {
            counts.entry(e.2.clone()).or_default()[2] += 1;
        }
        for e in g.intersection(&p) {
            counts.entry(e.2.clone()).or_default()[0] += 1;
        }
        let text = gold["text"].as_str().unwrap_or("");
        for (what, a, b) in [("missed", &g, &p), ("false", &p, &g)] {
            for e in a.difference(b) {
                if report.errors.len() < opts.errors {
                    report.errors.push(format!(
                        "{} {what} {}: {}",
                        gold["id"].as_str().unwrap_or(""),
                        e.2,
                        context(text, e.0, e.1)
                    ));
                }
            }
        }
    }
    let mut total = [0usize; 3];
    for (l, c) in &counts {
        let (p, r, f) = prf(c[0] as f64, c[2] as f64, c[1] as f64);
        report.lines.push(format!(
            "{l:<6} P={p:.3} R={r:.3} F1={f:.3} gold={} pred={} tp={}",
            c[1], c[2], c[0]
        ));
        for k in 0..3 {
            total[k] += c[k];
        }
    }
    let (p, r, f) = prf(total[0] as f64, total[2] as f64, total[1] as f64);
    report.summary = vec![
        ("F1".into(), f),
        ("P".into(), p),
        ("R".into(), r),
        ("n_gold".into(), total[1] as f64),
        ("n_pred".into(), total[2] as f64),
        ("tp".into(), total[0] as f64),
    ];
    report
}
