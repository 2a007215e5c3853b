//! Writing a very large document's record without holding it.
//!
//! Why: the JSON of a record is about four times the size of its text (every span
//! repeats its text), so a 20 MB document's record is some 90 MB of bytes, and
//! more as Rust values. [`SpillWriter`] takes the record chunk by chunk (see
//! [`crate::chunked`]), serialises each chunk's sentences, tokens, entities,
//! quantities and claims at once into one temporary file per section, and drops
//! the chunk. The finished [`Serialized`] is the record's head in memory, then the
//! section files; writing it copies them out in order. The bytes are exactly those
//! [`super::serialize`] would give for the joined record (a test checks it), in
//! both JSON formats.
//!
//! The temporary files are unlinked as soon as they are created (they live on as
//! open handles), so a killed run leaves nothing behind. Where no temporary file
//! can be created, the section stays in memory.

use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use serde::Serialize;

use super::compact::CompactJson;
use super::{Format, Serialized};
use crate::record::Record;

/// The record's sections in their order in the JSON.
const SECTIONS: [&str; 5] = ["sentences", "tokens", "entities", "quantities", "claims"];

/// Collects a record's chunks; see the module docs.
pub struct SpillWriter {
    pretty: bool,
    head: Option<Record>,
    /// One for each name in [`SECTIONS`], in that order.
    sections: [Section; 5],
}

/// One section's serialised elements so far.
struct Section {
    /// Whether any chunk had this section (present but empty is `[]`).
    present: bool,
    count: usize,
    sink: Sink,
}

enum Sink {
    Memory(Vec<u8>),
    File(BufWriter<File>),
}

impl Section {
    /// Appends a chunk's elements (if the chunk has this section), each written
    /// straight into the sink; pretty ones indented for their depth in the record
    /// (inside the object, inside the array: four spaces).
    fn append<T: Serialize + CompactJson>(
        &mut self,
        list: Option<Vec<T>>,
        pretty: bool,
    ) -> io::Result<()> {
        let Some(list) = list else { return Ok(()) };
        self.present = true;
        let mut plain = Vec::new();
        let mut indented = Vec::new();
        for element in &list {
            if self.count > 0 {
                self.sink.write_all(if pretty { b",\n" } else { b"," })?;
            }
            if pretty {
                plain.clear();
                serde_json::to_writer_pretty(&mut plain, element).map_err(io::Error::other)?;
                indented.clear();
                indented.extend_from_slice(b"    ");
                indent_into(&mut indented, &plain, b"\n    ");
                self.sink.write_all(&indented)?;
            } else {
                plain.clear();
                element.write_compact(&mut plain);
                self.sink.write_all(&plain)?;
            }
            self.count += 1;
        }
        Ok(())
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Memory(v) => v.write(buf),
            Sink::File(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Memory(_) => Ok(()),
            Sink::File(f) => f.flush(),
        }
    }
}

/// A piece of a spilled record.
#[derive(Debug, Clone)]
pub(crate) enum Part {
    Bytes(Vec<u8>),
    File(Arc<File>),
}

impl SpillWriter {
    /// A writer for `format` (`json` or `jsonl`; HTML needs the whole record).
    pub fn new(format: Format) -> Self {
        SpillWriter {
            pretty: format == Format::Json,
            head: None,
            sections: SECTIONS.map(|_| Section {
                present: false,
                count: 0,
                sink: spill_file().map_or_else(|| Sink::Memory(Vec::new()), Sink::File),
            }),
        }
    }

    /// Adds the next chunk's record (the first one carries the head: schema, id,
    /// meta, source, warnings).
    pub fn push(&mut self, mut chunk: Record) -> io::Result<()> {
        let pretty = self.pretty;
        let [sentences, tokens, entities, quantities, claims] = &mut self.sections;
        sentences.append(chunk.sentences.take(), pretty)?;
        tokens.append(chunk.tokens.take(), pretty)?;
        entities.append(chunk.entities.take(), pretty)?;
        quantities.append(chunk.quantities.take(), pretty)?;
        claims.append(chunk.claims.take(), pretty)?;
        if self.head.is_none() {
            self.head = Some(chunk);
        }
        Ok(())
    }

    /// The whole record, ready for [`super::StreamWriter`] or
    /// [`super::write_atomic`].
    pub fn finish(self) -> io::Result<Serialized> {
        let mut head = self.head.unwrap_or_default();
        let warnings = head.warnings.take();
        let error = head.error.take();
        let mut parts = Vec::new();
        let mut bytes = if self.pretty {
            serde_json::to_vec_pretty(&head)
        } else {
            serde_json::to_vec(&head)
        }
        .map_err(io::Error::other)?;
        // Reopen the object: drop its closing brace (pretty: "\n}").
        bytes.truncate(bytes.len() - if self.pretty { 2 } else { 1 });
        for (name, section) in SECTIONS.iter().zip(self.sections) {
            if !section.present {
                continue;
            }
            if self.pretty {
                write!(bytes, ",\n  \"{name}\": [")?;
                if section.count > 0 {
                    bytes.push(b'\n');
                }
            } else {
                write!(bytes, ",\"{name}\":[")?;
            }
            match section.sink {
                Sink::Memory(v) => bytes.extend_from_slice(&v),
                Sink::File(f) => {
                    let mut file = f.into_inner().map_err(|e| e.into_error())?;
                    file.seek(SeekFrom::Start(0))?;
                    parts.push(Part::Bytes(std::mem::take(&mut bytes)));
                    parts.push(Part::File(Arc::new(file)));
                }
            }
            if self.pretty && section.count > 0 {
                bytes.extend_from_slice(b"\n  ");
            }
            bytes.push(b']');
        }
        for (name, value) in [
            ("warnings", warnings.map(serde_json::to_value)),
            ("error", error.map(serde_json::to_value)),
        ] {
            let Some(value) = value else { continue };
            let value = value.map_err(io::Error::other)?;
            if self.pretty {
                write!(bytes, ",\n  \"{name}\": ")?;
                let nested = serde_json::to_vec_pretty(&value).map_err(io::Error::other)?;
                indent_into(&mut bytes, &nested, b"\n  ");
            } else {
                write!(bytes, ",\"{name}\":")?;
                serde_json::to_writer(&mut bytes, &value).map_err(io::Error::other)?;
            }
        }
        bytes.extend_from_slice(if self.pretty { b"\n}" } else { b"}" });
        parts.push(Part::Bytes(bytes));
        let is_error = head.error.is_some();
        Ok(Serialized {
            id: head.id.clone(),
            is_error,
            error: None,
            bytes: Vec::new(),
            parts,
        })
    }
}

/// Copies `json` into `out`, every line break followed by `indent` (a JSON string
/// never holds a raw line break, so every one is the pretty printer's).
fn indent_into(out: &mut Vec<u8>, json: &[u8], newline_indent: &[u8]) {
    for (i, line) in json.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.extend_from_slice(newline_indent);
        }
        out.extend_from_slice(line);
    }
}

/// A new, already unlinked temporary file, or `None` where none can be made.
fn spill_file() -> Option<BufWriter<File>> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir();
    for _ in 0..4 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!(".aussage-spill-{}-{n}", std::process::id()));
        if let Ok(file) = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
        {
            // The handle keeps the data; the name goes at once.
            let _ = fs::remove_file(&path);
            return Some(BufWriter::with_capacity(1 << 16, file));
        }
    }
    None
}

impl Part {
    pub(crate) fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Part::Bytes(b) => out.write_all(b),
            Part::File(f) => {
                let mut f: &File = f;
                f.seek(SeekFrom::Start(0))?;
                let mut buf = vec![0u8; 1 << 16];
                loop {
                    let n = f.read(&mut buf)?;
                    if n == 0 {
                        return Ok(());
                    }
                    out.write_all(&buf[..n])?;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, Pipeline, Stages};

    fn spilled_bytes(s: &Serialized) -> Vec<u8> {
        let mut out = Vec::new();
        s.write_to(&mut out).unwrap();
        out
    }

    #[test]
    fn spilled_records_are_byte_identical_to_whole_ones() {
        let p = Pipeline::new().expect("built-in lexicons load");
        let text = "Über 40 Milliarden Euro will die EU zahlen, sagte Ursula von der Leyen. \
                    In Kiew fordern 26 der 35 Staaten mehr Hilfe.\n\n"
            .repeat(40);
        let mut doc = Document::from_text("big", text);
        doc.warnings.push("a warning".into());
        for stages in [
            Stages::ALL,
            Stages {
                tokens: true,
                ..Stages::SENTENCES
            },
        ] {
            let whole = p.process(&doc, stages);
            for format in [Format::Jsonl, Format::Json] {
                let mut w = SpillWriter::new(format);
                let mut chunks = 0;
                for chunk in crate::chunked::ChunkRecords::new(&p, &doc, stages, None, 1200) {
                    w.push(chunk.unwrap()).unwrap();
                    chunks += 1;
                }
                assert!(chunks > 3);
                let spilled = w.finish().unwrap();
                let joined = crate::chunked::ChunkRecords::new(&p, &doc, stages, None, 1200)
                    .join()
                    .unwrap();
                let want = super::super::serialize(&joined, format).bytes;
                assert_eq!(
                    String::from_utf8(spilled_bytes(&spilled)).unwrap(),
                    String::from_utf8(want).unwrap(),
                    "{format:?}"
                );
                // And the joined chunks are the whole record (no cross-chunk links here).
                assert_eq!(joined.sentences, whole.sentences);
            }
        }
    }

    #[test]
    fn an_empty_record_spills_as_its_head() {
        let mut w = SpillWriter::new(Format::Jsonl);
        w.push(Record {
            schema: "aussage.v1".into(),
            id: "x".into(),
            sentences: Some(Vec::new()),
            ..Record::default()
        })
        .unwrap();
        let s = w.finish().unwrap();
        assert_eq!(
            String::from_utf8(spilled_bytes(&s)).unwrap(),
            r#"{"schema":"aussage.v1","id":"x","sentences":[]}"#
        );
    }
}
