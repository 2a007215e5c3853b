//! `aussage eval`: measure the pipeline on your own annotated articles.
//!
//! Gold is our own record format, one JSON object a line, with the document's
//! `text` added: `{"id", "text", "sentences": [...], "quantities": [...],
//! "entities": [...], "claims": [...]}` (only the arrays of the task being scored
//! are needed; `sentences` may be spans or plain strings). The pipeline runs on
//! `text` and its record is compared with the gold by the same rules as the
//! project's reference scorers:
//!
//! - sentences: boundary precision/recall/F1 (a boundary is where a sentence ends
//!   after trailing whitespace; the document end does not count) and the share of
//!   documents whose boundaries are all right;
//! - quantities: exact-span and overlap P/R/F1, value accuracy among exact matches
//!   (value, unit, and whichever of min/max/part/whole/relation/iso the gold has;
//!   time, length, mass, volume and area units converted; counted nouns match up
//!   to inflection endings), per kind;
//! - entities: exact (start, end, label) P/R/F1 per label (MISC = OTH), with
//!   `--labels` and `--ignore-subtypes`;
//! - claims: one-to-one greedy matching of contents sharing at least half of the
//!   gold content's characters, P/R/F1, speaker/cue/kind accuracy among matches.
//!   Gold claims with `"optional": true` are neither hits nor misses; a gold
//!   document's `annotated_kinds` drops predictions of other kinds.

mod claims;
mod entities;
mod quantities;
mod sentences;

use std::fmt::Write as _;

use serde_json::Value;

use crate::{Document, Pipeline, Stages};

/// What to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Task {
    /// Sentence boundaries.
    Sentences,
    /// Quantities.
    Quantities,
    /// Named entities.
    Entities,
    /// Claims.
    Claims,
}

impl Task {
    /// Parses a task name.
    pub fn parse(name: &str) -> Option<Task> {
        match name {
            "sentences" => Some(Task::Sentences),
            "quantities" | "numbers" => Some(Task::Quantities),
            "entities" => Some(Task::Entities),
            "claims" => Some(Task::Claims),
            _ => None,
        }
    }

    /// The gold array this task reads.
    pub fn key(self) -> &'static str {
        match self {
            Task::Sentences => "sentences",
            Task::Quantities => "quantities",
            Task::Entities => "entities",
            Task::Claims => "claims",
        }
    }
}

/// Options of an evaluation.
#[derive(Debug, Clone, Default)]
pub struct EvalOptions {
    /// Entities: keep only these labels.
    pub labels: Option<Vec<String>>,
    /// Entities: leave out deriv/part entities.
    pub ignore_subtypes: bool,
    /// List up to this many errors with context.
    pub errors: usize,
}

/// The result of an evaluation: printable lines, a summary line and the errors.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Per-label or per-kind table lines.
    pub lines: Vec<String>,
    /// The headline numbers, `name=value` pairs in order.
    pub summary: Vec<(String, f64)>,
    /// Misses and false hits with context (up to `errors`).
    pub errors: Vec<String>,
}

impl Report {
    /// The summary as one line: `F1=0.912 P=… R=…`.
    pub fn summary_line(&self) -> String {
        let mut s = String::new();
        for (k, v) in &self.summary {
            if !s.is_empty() {
                s.push(' ');
            }
            if v.fract() == 0.0 && *v >= 1.0 {
                let _ = write!(s, "{k}={v}");
            } else {
                let _ = write!(s, "{k}={v:.3}");
            }
        }
        s
    }

    /// A named summary value.
    pub fn get(&self, name: &str) -> Option<f64> {
        self.summary
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| *v)
    }
}

/// Runs the pipeline on every gold document and scores `task`.
pub fn evaluate(pipeline: &Pipeline, gold: &[Value], task: Task, opts: &EvalOptions) -> Report {
    let stages = match task {
        Task::Sentences => Stages::SENTENCES,
        _ => Stages::ALL,
    };
    let pairs: Vec<(&Value, Value)> = gold
        .iter()
        .map(|g| {
            let id = g["id"].as_str().unwrap_or("").to_string();
            let text = g["text"].as_str().unwrap_or("");
            let record = pipeline.process(&Document::from_text(id, text), stages);
            (g, serde_json::to_value(record).unwrap_or(Value::Null))
        })
        .collect();
    score(&pairs, task, opts)
}

/// Scores predicted records against gold documents (pairs in gold order).
pub fn score(pairs: &[(&Value, Value)], task: Task, opts: &EvalOptions) -> Report {
    match task {
        Task::Sentences => sentences::score(pairs, opts),
        Task::Quantities => quantities::score(pairs, opts),
        Task::Entities => entities::score(pairs, opts),
        Task::Claims => claims::score(pairs, opts),
    }
}

/// Precision, recall, F1.
pub(crate) fn prf(tp: f64, n_pred: f64, n_gold: f64) -> (f64, f64, f64) {
    let p = if n_pred > 0.0 { tp / n_pred } else { 0.0 };
    let r = if n_gold > 0.0 { tp / n_gold } else { 0.0 };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// The items of an array field (empty when absent).
pub(crate) fn items<'v>(v: &'v Value, key: &str) -> &'v [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// An offset field.
pub(crate) fn off(v: &Value, key: &str) -> usize {
    v.get(key).and_then(Value::as_u64).unwrap_or(0) as usize
}

/// `text[start..end]` in characters, with `‖` marking the place, for error lists.
pub(crate) fn context(text: &str, start: usize, end: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let a = start.saturating_sub(30).min(chars.len());
    let s = start.min(chars.len());
    let e = end.min(chars.len()).max(s);
    let b = (end + 30).min(chars.len());
    let piece = |x: usize, y: usize| -> String {
        chars[x..y]
            .iter()
            .map(|&c| if c == '\n' { '⏎' } else { c })
            .collect()
    };
    format!("…{}[{}]{}…", piece(a, s), piece(s, e), piece(e, b))
}
