//! Claims: contents matched one-to-one by character overlap.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{context, items, off, prf, EvalOptions, Report};

/// The characters a span covers (its parts when it has them).
fn chars(v: &Value) -> BTreeSet<usize> {
    if !v.is_object() {
        return BTreeSet::new();
    }
    if let Some(parts) = v
        .get("parts")
        .and_then(Value::as_array)
        .filter(|p| !p.is_empty())
    {
        return parts
            .iter()
            .flat_map(|p| {
                let a = p[0].as_u64().unwrap_or(0) as usize;
                let b = p[1].as_u64().unwrap_or(0) as usize;
                a..b
            })
            .collect();
    }
    (off(v, "start")..off(v, "end")).collect()
}

fn head_word(name: &str) -> String {
    name.split_whitespace()
        .map(|w| w.trim_matches(|c: char| ".,;:()„“\"'".contains(c)))
        .rfind(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase()
}

fn speaker_ok(gold: &Value, pred: &Value, pred_doc: &Value) -> bool {
    let (gs, ps) = (&gold["speaker"], &pred["speaker"]);
    match (gs.is_object(), ps.is_object()) {
        (false, false) => return true,
        (true, true) => {}
        _ => return false,
    }
    if !chars(gs).is_disjoint(&chars(ps)) {
        return true;
    }
    let key = head_word(gold["speaker_resolved"].as_str().unwrap_or(""));
    if key.is_empty() {
        return false;
    }
    let mut candidates: Vec<String> = [&ps["text"], &pred["speaker_resolved"], &ps["name"]]
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    if let Some(id) = ps["entity"].as_str() {
        if let Some(e) = items(pred_doc, "entities").iter().find(|e| e["id"] == id) {
            candidates.extend(
                ["name", "text"]
                    .iter()
                    .filter_map(|k| e[*k].as_str().map(str::to_string)),
            );
        }
    }
    candidates.iter().any(|c| c.to_lowercase().contains(&key))
}

fn span_ok(g: &Value, p: &Value) -> bool {
    match (g.is_object(), p.is_object()) {
        (false, false) => true,
        (true, true) => !chars(g).is_disjoint(&chars(p)),
        _ => false,
    }
}

pub(super) fn score(pairs: &[(&Value, Value)], opts: &EvalOptions) -> Report {
    let (mut tp, mut fp, mut fn_) = (0f64, 0f64, 0f64);
    let (mut speaker, mut cue, mut kind, mut matched) = (0f64, 0f64, 0f64, 0f64);
    let mut report = Report::default();
    for (gold_doc, pred_doc) in pairs {
        let annotated: Option<Vec<&str>> = gold_doc
            .get("annotated_kinds")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect());
        let gold = items(gold_doc, "claims");
        let pred: Vec<&Value> = items(pred_doc, "claims")
            .iter()
            .filter(|c| {
                annotated
                    .as_ref()
                    .is_none_or(|a| a.contains(&c["kind"].as_str().unwrap_or("")))
            })
            .collect();
        let gold_chars: Vec<BTreeSet<usize>> = gold.iter().map(|g| chars(&g["content"])).collect();
        let pred_chars: Vec<BTreeSet<usize>> = pred.iter().map(|p| chars(&p["content"])).collect();
        let mut cands = Vec::new();
        for (i, gc) in gold_chars.iter().enumerate() {
            for (j, pc) in pred_chars.iter().enumerate() {
                let shared = gc.intersection(pc).count();
                if !gc.is_empty() && shared as f64 >= 0.5 * gc.len() as f64 && shared > 0 {
                    cands.push((std::cmp::Reverse(shared), i, j));
                }
            }
        }
        cands.sort();
        let (mut ug, mut up) = (vec![false; gold.len()], vec![false; pred.len()]);
        for (_, i, j) in cands {
            if ug[i] || up[j] {
                continue;
            }
            ug[i] = true;
            up[j] = true;
            let optional = gold[i]["optional"].as_bool().unwrap_or(false);
            if optional {
                continue;
            }
            tp += 1.0;
            matched += 1.0;
            speaker += f64::from(u8::from(speaker_ok(&gold[i], pred[j], pred_doc)));
            cue += f64::from(u8::from(span_ok(&gold[i]["cue"], &pred[j]["cue"])));
            kind += f64::from(u8::from(gold[i]["kind"] == pred[j]["kind"]));
        }
        let text = gold_doc["text"].as_str().unwrap_or("");
        for (i, g) in gold.iter().enumerate() {
            if !ug[i] && !g["optional"].as_bool().unwrap_or(false) {
                fn_ += 1.0;
                if report.errors.len() < opts.errors {
                    let c = &g["content"];
                    report.errors.push(format!(
                        "{} missed {}: {}",
                        gold_doc["id"].as_str().unwrap_or(""),
                        g["kind"].as_str().unwrap_or(""),
                        context(text, off(c, "start"), off(c, "end"))
                    ));
                }
            }
        }
        for (j, p) in pred.iter().enumerate() {
            if !up[j] {
                fp += 1.0;
                if report.errors.len() < opts.errors {
                    let c = &p["content"];
                    report.errors.push(format!(
                        "{} false {}: {}",
                        gold_doc["id"].as_str().unwrap_or(""),
                        p["kind"].as_str().unwrap_or(""),
                        context(text, off(c, "start"), off(c, "end"))
                    ));
                }
            }
        }
    }
    let (p, r, f) = prf(tp, tp + fp, tp + fn_);
    let ratio = |a: f64| if matched > 0.0 { a / matched } else { 0.0 };
    report.summary = vec![
        ("claim_P".into(), p),
        ("claim_R".into(), r),
        ("claim_F1".into(), f),
        ("speaker_acc".into(), ratio(speaker)),
        ("cue_acc".into(), ratio(cue)),
        ("kind_acc".into(), ratio(kind)),
        ("n_gold".into(), tp + fn_),
        ("n_pred".into(), tp + fp),
        ("n_match".into(), matched),
    ];
    report
}
