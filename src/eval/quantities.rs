//! Quantities: exact and overlap span matches, value accuracy, per kind.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{context, items, off, prf, EvalOptions, Report};

/// (dimension, factor to the dimension's base unit)
fn conversion(unit: &str) -> Option<(&'static str, f64)> {
    Some(match unit {
        "second" => ("t", 1.0),
        "minute" => ("t", 60.0),
        "hour" => ("t", 3600.0),
        "day" => ("t", 86400.0),
        "week" => ("t", 604800.0),
        "month" => ("y", 1.0 / 12.0),
        "year" => ("y", 1.0),
        "decade" => ("y", 10.0),
        "century" => ("y", 100.0),
        "mm" => ("len", 0.001),
        "cm" => ("len", 0.01),
        "m" => ("len", 1.0),
        "km" => ("len", 1000.0),
        "mg" => ("mass", 0.001),
        "g" => ("mass", 1.0),
        "kg" => ("mass", 1000.0),
        "t" => ("mass", 1e6),
        "ml" => ("vol", 0.001),
        "cl" => ("vol", 0.01),
        "l" => ("vol", 1.0),
        "hl" => ("vol", 100.0),
        "m³" => ("vol", 1000.0),
        "m²" => ("area", 1.0),
        "ha" => ("area", 1e4),
        "km²" => ("area", 1e6),
        _ => return None,
    })
}

/// Units that are symbols, not counted nouns: they never match by inflection.
fn is_canonical(u: &str) -> bool {
    conversion(u).is_some()
        || matches!(
            u,
            "percent"
                | "percentage_point"
                | "times"
                | "degree"
                | "°c"
                | "°f"
                | "k"
                | "km/h"
                | "m/s"
                | "mile"
                | "inch"
                | "teaspoon"
                | "bit"
                | "gb"
                | "mb"
                | "tb"
                | "µm"
                | "nm"
                | "rad"
        )
}

fn unit(v: &Value) -> Option<String> {
    v.get("unit")
        .and_then(Value::as_str)
        .map(|u| u.trim().to_lowercase())
}

/// Inflection-tolerant forms of a counted noun ("staaten" ~ "staat").
fn stems(u: &str) -> Vec<String> {
    let mut out = vec![u.to_string()];
    let mut frontier = vec![u.to_string()];
    for _ in 0..2 {
        let mut next = Vec::new();
        for w in &frontier {
            for suffix in ["en", "er", "e", "n", "s"] {
                if let Some(stem) = w.strip_suffix(suffix) {
                    if stem.chars().count() >= 3 {
                        next.push(stem.to_string());
                    }
                }
            }
        }
        out.extend(next.iter().cloned());
        frontier = next;
    }
    out
}

fn unit_eq(g: &Option<String>, p: &Option<String>) -> bool {
    match (g, p) {
        _ if g == p => true,
        (Some(g), Some(p)) => {
            if is_canonical(g) || is_canonical(p) || g.chars().count() < 4 || p.chars().count() < 4
            {
                return false;
            }
            let ps = stems(p);
            stems(g).iter().any(|s| ps.contains(s))
        }
        _ => false,
    }
}

fn num_eq(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()),
        _ => false,
    }
}

fn value_match(g: &Value, p: &Value) -> bool {
    let (gu, pu) = (unit(g), unit(p));
    let same_unit = unit_eq(&gu, &pu);
    let factor = |u: &Option<String>| u.as_deref().and_then(conversion);
    for key in ["value", "min", "max", "part", "whole"] {
        if g.get(key).is_none() {
            continue;
        }
        let gv = g[key].as_f64();
        let pv = p.get(key).and_then(Value::as_f64);
        if same_unit {
            if !num_eq(gv, pv) {
                return false;
            }
        } else {
            if gv.is_none() && pv.is_none() {
                continue;
            }
            let converted = match (pv, factor(&pu), factor(&gu)) {
                (Some(v), Some(a), Some(b)) if a.0 == b.0 => Some(v * a.1 / b.1),
                _ => None,
            };
            if converted.is_none() || !num_eq(gv, converted) {
                return false;
            }
        }
    }
    if !same_unit {
        match (factor(&gu), factor(&pu)) {
            (Some(a), Some(b)) if a.0 == b.0 => {}
            _ => return false,
        }
    }
    for key in ["relation", "iso"] {
        if let Some(gv) = g.get(key).and_then(Value::as_str) {
            let pv = p.get(key).and_then(Value::as_str).unwrap_or("");
            if pv.trim().to_lowercase() != gv.trim().to_lowercase() {
                return false;
            }
        }
    }
    true
}

fn span(v: &Value) -> (usize, usize) {
    (off(v, "start"), off(v, "end"))
}

fn overlap(a: &Value, b: &Value) -> usize {
    let (a, b) = (span(a), span(b));
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

fn kind(v: &Value) -> &str {
    v["kind"].as_str().unwrap_or("")
}

fn match_exact(gold: &[&Value], pred: &[&Value], typed: bool) -> Vec<(usize, usize)> {
    let mut used = vec![false; pred.len()];
    let mut pairs = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        if let Some(j) = (0..pred.len())
            .find(|&j| !used[j] && span(g) == span(pred[j]) && (!typed || kind(g) == kind(pred[j])))
        {
            used[j] = true;
            pairs.push((i, j));
        }
    }
    pairs
}

fn match_overlap(gold: &[&Value], pred: &[&Value], typed: bool) -> Vec<(usize, usize)> {
    let mut cands = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        for (j, p) in pred.iter().enumerate() {
            let o = overlap(g, p);
            if o > 0 && (!typed || kind(g) == kind(p)) {
                cands.push((std::cmp::Reverse(o), i, j));
            }
        }
    }
    cands.sort();
    let (mut ug, mut up) = (vec![false; gold.len()], vec![false; pred.len()]);
    let mut pairs = Vec::new();
    for (_, i, j) in cands {
        if !ug[i] && !up[j] {
            ug[i] = true;
            up[j] = true;
            pairs.push((i, j));
        }
    }
    pairs
}

#[derive(Default)]
struct Counts {
    gold: f64,
    pred: f64,
    exact: f64,
    overlap: f64,
    value_ok: f64,
}

pub(super) fn score(pairs: &[(&Value, Value)], opts: &EvalOptions) -> Report {
    let mut all = Counts::default();
    let mut per_kind: BTreeMap<String, Counts> = BTreeMap::new();
    let mut report = Report::default();
    for (gold_doc, pred_doc) in pairs {
        let gold: Vec<&Value> = items(gold_doc, "quantities").iter().collect();
        let mut pred: Vec<&Value> = items(pred_doc, "quantities").iter().collect();
        if let Some(scope) = gold_doc.get("scope").and_then(Value::as_array) {
            let in_scope = |k: &str| scope.iter().any(|s| s.as_str() == Some(k));
            pred.retain(|p| in_scope(kind(p)) || gold.iter().any(|g| overlap(p, g) > 0));
        }
        let exact = match_exact(&gold, &pred, false);
        all.gold += gold.len() as f64;
        all.pred += pred.len() as f64;
        all.exact += exact.len() as f64;
        all.overlap += match_overlap(&gold, &pred, false).len() as f64;
        for &(i, j) in &exact {
            all.value_ok += f64::from(u8::from(value_match(gold[i], pred[j])));
        }
        let text = gold_doc["text"].as_str().unwrap_or("");
        if report.errors.len() < opts.errors {
            let id = gold_doc["id"].as_str().unwrap_or("");
            let matched_g: Vec<usize> = exact.iter().map(|p| p.0).collect();
            let matched_p: Vec<usize> = exact.iter().map(|p| p.1).collect();
            for (what, list, matched) in
                [("missed", &gold, &matched_g), ("false", &pred, &matched_p)]
            {
                for (k, q) in list.iter().enumerate() {
                    if !matched.contains(&k) && report.errors.len() < opts.errors {
                        let (s, e) = span(q);
                        report.errors.push(format!(
                            "{id} {what} {}: {}",
                            kind(q),
                            context(text, s, e)
                        ));
                    }
                }
            }
        }
        for &(i, j) in &exact {
            if !value_match(gold[i], pred[j]) && report.errors.len() < opts.errors {
                report.errors.push(format!(
                    "{} wrong value: gold {} {} / predicted {} {}",
                    gold_doc["id"].as_str().unwrap_or(""),
                    gold[i]["value"],
                    gold[i]["unit"],
                    pred[j]["value"],
                    pred[j]["unit"]
                ));
            }
        }
        let mut kinds: Vec<&str> = gold.iter().chain(&pred).map(|q| kind(q)).collect();
        kinds.sort();
        kinds.dedup();
        for k in kinds {
            let gk: Vec<&Value> = gold.iter().copied().filter(|q| kind(q) == k).collect();
            let pk: Vec<&Value> = pred.iter().copied().filter(|q| kind(q) == k).collect();
            let c = per_kind.entry(k.to_string()).or_default();
            let ex = match_exact(&gk, &pk, true);
            c.gold += gk.len() as f64;
            c.pred += pk.len() as f64;
            c.exact += ex.len() as f64;
            c.overlap += match_overlap(&gk, &pk, true).len() as f64;
            for &(i, j) in &ex {
                c.value_ok += f64::from(u8::from(value_match(gk[i], pk[j])));
            }
        }
    }
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    for (k, c) in &per_kind {
        let (_, _, f) = prf(c.exact, c.pred, c.gold);
        let (_, _, of) = prf(c.overlap, c.pred, c.gold);
        report.lines.push(format!(
            "{k:<14} gold={:<4} pred={:<4} span_F1={f:.3} ovl_F1={of:.3} value_acc={:.3}",
            c.gold,
            c.pred,
            ratio(c.value_ok, c.exact)
        ));
    }
    let (p, r, f) = prf(all.exact, all.pred, all.gold);
    let (_, _, of) = prf(all.overlap, all.pred, all.gold);
    report.summary = vec![
        ("span_F1".into(), f),
        ("span_P".into(), p),
        ("span_R".into(), r),
        ("ovl_F1".into(), of),
        ("value_acc".into(), ratio(all.value_ok, all.exact)),
        ("n_gold".into(), all.gold),
    ];
    report
}
