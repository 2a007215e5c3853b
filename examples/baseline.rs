//! The floor the whole pipeline is measured against (issue: "a minimal Rust split +
//! JSON pass over the same articles"): reads every `*.txt` under a folder, splits
//! each text into sentences at `. `/`! `/`? `, and writes one JSON line per article
//! with the sentences' char offsets and text, through one buffered writer.
//! `cargo run --release --example baseline -- target/corpus-articles > /dev/null`
//! (scripts/bench.sh times it beside `aussage extract` on the same folder).

use std::io::{BufWriter, Write};
use std::path::Path;

use serde::Serialize;

#[path = "common/corpus.rs"]
mod corpus;

#[derive(Serialize)]
struct Sentence<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct Line<'a> {
    id: String,
    sentences: Vec<Sentence<'a>>,
}

fn main() -> std::io::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/corpus-articles".into());
    let paths = corpus::paths(Path::new(&dir));
    let stdout = std::io::stdout().lock();
    let mut out = BufWriter::with_capacity(1 << 16, stdout);
    let mut buf = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(&p)?;
        let mut sentences = Vec::new();
        let (mut start, mut chars, mut char_start) = (0, 0, 0);
        let mut it = text.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            chars += 1;
            if matches!(c, '.' | '!' | '?') && it.peek().is_some_and(|&(_, n)| n == ' ') {
                let end = i + c.len_utf8();
                sentences.push(Sentence {
                    start: char_start,
                    end: chars,
                    text: &text[start..end],
                });
                start = end + 1;
                char_start = chars + 1;
            }
        }
        if start < text.len() {
            sentences.push(Sentence {
                start: char_start,
                end: chars,
                text: &text[start..],
            });
        }
        buf.clear();
        serde_json::to_writer(
            &mut buf,
            &Line {
                id: p.display().to_string(),
                sentences,
            },
        )?;
        buf.push(b'\n');
        out.write_all(&buf)?;
    }
    out.flush()
}
