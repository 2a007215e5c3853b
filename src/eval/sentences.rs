//! Sentence boundaries: where a sentence ends after its trailing whitespace.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{context, items, prf, EvalOptions, Report};

/// The boundaries of a sentence list (spans or strings) in `text`.
fn boundaries(text: &[char], sentences: &[Value]) -> BTreeSet<usize> {
    let countable =
        |b: usize| b > 0 && b < text.len() && text[b..].iter().any(|c| !c.is_whitespace());
    let mut out = BTreeSet::new();
    let mut pos = 0;
    for s in sentences {
        let end = if let Some(str_) = s.as_str() {
            let core: Vec<char> = str_.trim().chars().collect();
            if core.is_empty() {
                continue;
            }
            match find(text, &core, pos) {
                Some(i) => i + core.len(),
                None => continue,
            }
        } else {
            let start = super::off(s, "start").min(text.len());
            let mut end = super::off(s, "end").min(text.len()).max(start);
            while end > start && text[end - 1].is_whitespace() {
                end -= 1;
            }
            if end == start {
                continue;
            }
            end
        };
        if countable(end) {
            out.insert(end);
        }
        pos = end;
    }
    out
}

fn find(text: &[char], needle: &[char], from: usize) -> Option<usize> {
    (from..=text.len().saturating_sub(needle.len())).find(|&i| text[i..].starts_with(needle))
}

pub(super) fn score(pairs: &[(&Value, Value)], opts: &EvalOptions) -> Report {
    let (mut tp, mut n_gold, mut n_pred, mut exact) = (0usize, 0usize, 0usize, 0usize);
    let mut report = Report::default();
    for (gold, pred) in pairs {
        let text_str = gold["text"].as_str().unwrap_or("");
        let text: Vec<char> = text_str.chars().collect();
        let g = boundaries(&text, items(gold, "sentences"));
        let p = boundaries(&text, items(pred, "sentences"));
        tp += g.intersection(&p).count();
        n_gold += g.len();
        n_pred += p.len();
        exact += usize::from(g == p);
        for (what, set, other) in [("missed", &g, &p), ("spurious", &p, &g)] {
            for &b in set.difference(other) {
                if report.errors.len() < opts.errors {
                    report.errors.push(format!(
                        "{} {what} boundary: {}",
                        gold["id"].as_str().unwrap_or(""),
                        context(text_str, b, b)
                    ));
                }
            }
        }
    }
    let (p, r, f) = prf(tp as f64, n_pred as f64, n_gold as f64);
    report.lines.push(format!(
        "boundaries: gold={n_gold} predicted={n_pred} correct={tp}"
    ));
    report.summary = vec![
        ("F1".into(), f),
        ("P".into(), p),
        ("R".into(), r),
        (
            "exact".into(),
            if pairs.is_empty() {
                0.0
            } else {
                exact as f64 / pairs.len() as f64
            },
        ),
        ("docs".into(), pairs.len() as f64),
    ];
    report
}
