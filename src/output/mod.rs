//! Output: records → bytes → stdout or one file per document.
//!
//! Records are serialised on the worker threads ([`serialize`]); the writer on the
//! main thread only moves bytes, in input order. `--format jsonl` writes one
//! object a line; `--format json` one pretty object, or an array when there are
//! several documents; `--format html` the review page of [`html`] (one page, with a
//! table of contents when there are several documents). `--output DIR` writes `DIR/<id>.json` per document
//! atomically (a temporary file in the same folder, then a rename), so a killed run
//! never leaves a partial record; an error record goes to `DIR/<id>.error.json`.

mod compact;
pub mod html;
mod spill;

pub use spill::SpillWriter;

use std::fs;
use std::io::{self, IoSlice, Write};
use std::path::{Component, Path, PathBuf};

use crate::record::Record;

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One pretty object (or an array of them).
    Json,
    /// One compact object a line.
    Jsonl,
    /// The HTML review page.
    Html,
}

impl Format {
    /// The file extension of a record file under `--output`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json | Format::Jsonl => "json",
            Format::Html => "html",
        }
    }
}

/// A record ready to be written.
#[derive(Debug, Clone)]
pub struct Serialized {
    /// The record's id.
    pub id: String,
    /// Whether it is an error record.
    pub is_error: bool,
    /// For an error record: "message (kind)", for stderr.
    pub error: Option<String>,
    /// The serialised JSON (without a trailing newline).
    pub bytes: Vec<u8>,
    /// A very large record's pieces, written after `bytes` (see [`SpillWriter`]).
    pub(crate) parts: Vec<spill::Part>,
}

impl Serialized {
    /// Writes the whole serialised record (without a trailing newline).
    pub fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&self.bytes)?;
        for part in &self.parts {
            part.write_to(out)?;
        }
        Ok(())
    }
}

/// Serialises a record in a JSON format (for HTML, see [`serialize_with_text`]).
pub fn serialize(record: &Record, format: Format) -> Serialized {
    serialize_with_text(record, None, format, false)
}

/// Serialises a record; HTML needs the document `text` the offsets point into, and
/// `standalone` makes it a whole page (one file per document) rather than an
/// `<article>` for a page of several.
pub fn serialize_with_text(
    record: &Record,
    text: Option<&str>,
    format: Format,
    standalone: bool,
) -> Serialized {
    let bytes = match format {
        Format::Json => serde_json::to_vec_pretty(record),
        Format::Jsonl => {
            // One allocation of about the JSON's size.
            let mut bytes = Vec::with_capacity(compact::estimated_len(record));
            compact::write_record(&mut bytes, record);
            Ok(bytes)
        }
        Format::Html if standalone => Ok(html::render_page(record, text).into_bytes()),
        Format::Html => Ok(html::render_document(record, text).into_bytes()),
    }
    // Serialising our own types to a Vec cannot fail (no maps with non-string
    // keys, no I/O); fall back to an error record rather than panic.
    .unwrap_or_else(|e| {
        serde_json::to_vec(&Record::error(
            &record.id,
            "io",
            format!("serialisation failed: {e}"),
        ))
        .unwrap_or_default()
    });
    Serialized {
        id: record.id.clone(),
        is_error: record.is_error(),
        error: record
            .error
            .as_ref()
            .map(|e| format!("{} ({})", e.message, e.kind)),
        bytes,
        parts: Vec::new(),
    }
}

/// Writes serialised records to a stream in order.
///
/// JSONL records handed over by value ([`StreamWriter::write_owned`]) are not
/// copied into a buffer: they wait, as they are, until some 64 KB are together,
/// and then go out in one vectored write (each record and its newline a slice).
/// Copying each record's bytes into the stream's buffer had cost as many
/// instructions as writing its JSON strings (an 11 MB output over the news corpus).
pub struct StreamWriter<W: Write> {
    out: W,
    format: Format,
    array: bool,
    written: usize,
    ids: Vec<String>,
    /// JSONL records not yet written (each is followed by a newline).
    pending: Vec<Vec<u8>>,
    /// Their bytes, newlines included.
    pending_len: usize,
}

/// How many bytes of JSONL records [`StreamWriter`] gathers before it writes
/// them: as much as the stream's buffer holds, so that a vectored write of
/// them goes past that buffer (a `BufWriter` of this capacity or less).
const PENDING_BYTES: usize = 1 << 16;

/// `out.write_vectored` until every byte of `slices` is written (the stable
/// counterpart of `Write::write_all_vectored`).
fn write_all_vectored(out: &mut impl Write, mut slices: &mut [IoSlice<'_>]) -> io::Result<()> {
    IoSlice::advance_slices(&mut slices, 0);
    while !slices.is_empty() {
        match out.write_vectored(slices) {
            Ok(0) => {
                return Err(io::Error::new(
                    io::ErrorKind::WriteZero,
                    "failed to write whole buffer",
                ))
            }
            Ok(n) => IoSlice::advance_slices(&mut slices, n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

impl<W: Write> StreamWriter<W> {
    /// A writer; with `array` (json format, several documents) the records are
    /// wrapped in `[` … `]`.
    pub fn new(out: W, format: Format, array: bool) -> Self {
        StreamWriter {
            out,
            format,
            array: array && format == Format::Json,
            written: 0,
            ids: Vec::new(),
            pending: Vec::new(),
            pending_len: 0,
        }
    }

    /// Writes one record taken by value: a JSONL record's bytes are written
    /// without a copy, together with the records before and after it (see
    /// [`StreamWriter`]); the same bytes as [`StreamWriter::write`].
    pub fn write_owned(&mut self, rec: Serialized) -> io::Result<()> {
        if self.format != Format::Jsonl || self.array || !rec.parts.is_empty() {
            return self.write(&rec);
        }
        self.pending_len += rec.bytes.len() + 1;
        self.pending.push(rec.bytes);
        self.written += 1;
        if self.pending_len >= PENDING_BYTES {
            self.write_pending()?;
        }
        Ok(())
    }

    /// Writes the records that [`StreamWriter::write_owned`] kept, each with
    /// its newline.
    fn write_pending(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let mut slices = Vec::with_capacity(2 * self.pending.len());
        for bytes in &self.pending {
            slices.push(IoSlice::new(bytes));
            slices.push(IoSlice::new(b"\n"));
        }
        let written = write_all_vectored(&mut self.out, &mut slices);
        drop(slices);
        self.pending.clear();
        self.pending_len = 0;
        written
    }

    /// Writes one record.
    pub fn write(&mut self, rec: &Serialized) -> io::Result<()> {
        self.write_pending()?;
        if self.format == Format::Html {
            if self.written == 0 {
                self.out.write_all(html::page_start("aussage").as_bytes())?;
            }
            self.ids.push(rec.id.clone());
            self.written += 1;
            return rec.write_to(&mut self.out);
        }
        if self.array {
            self.out
                .write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
        }
        rec.write_to(&mut self.out)?;
        if !self.array {
            self.out.write_all(b"\n")?;
        }
        self.written += 1;
        Ok(())
    }

    /// Closes the array (if any) and flushes.
    pub fn finish(mut self) -> io::Result<()> {
        self.write_pending()?;
        if self.format == Format::Html {
            if self.written == 0 {
                self.out.write_all(html::page_start("aussage").as_bytes())?;
            }
            self.out.write_all(html::page_end(&self.ids).as_bytes())?;
        }
        if self.array {
            self.out
                .write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()
    }
}

/// The file a record goes to under `--output DIR`: the id made into a safe
/// relative path (no root, no `..`), plus `.json` or `.error.json`.
pub fn record_path(dir: &Path, id: &str, is_error: bool) -> PathBuf {
    record_path_with(dir, id, is_error, "json")
}

/// [`record_path`] with another extension (`html`).
pub fn record_path_with(dir: &Path, id: &str, is_error: bool, ext: &str) -> PathBuf {
    let mut rel = PathBuf::new();
    for comp in Path::new(id).components() {
        if let Component::Normal(part) = comp {
            rel.push(part);
        }
    }
    let mut name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "stdin".to_string());
    if id == "-" {
        name = "stdin".to_string();
    }
    name.push_str(if is_error { ".error." } else { "." });
    name.push_str(ext);
    rel.set_file_name(name);
    dir.join(rel)
}

/// Writes a record to `path` atomically: a temporary file beside it, then a rename.
/// On failure the temporary file is removed and nothing is left at `path`.
pub fn write_atomic(path: &Path, record: &Serialized) -> io::Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = parent.join(format!(".{file_name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = io::BufWriter::with_capacity(1 << 16, fs::File::create(&tmp)?);
        record.write_to(&mut f)?;
        f.write_all(b"\n")?;
        f.flush()?;
        drop(f);
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_paths_stay_inside_the_output_dir() {
        let d = Path::new("out");
        let cases = [
            ("seeds/a.txt", false, "out/seeds/a.txt.json"),
            ("/abs/b.txt", false, "out/abs/b.txt.json"),
            ("../../etc/passwd", true, "out/etc/passwd.error.json"),
            ("-", false, "out/stdin.json"),
            ("doc-7", false, "out/doc-7.json"),
        ];
        for (id, err, want) in cases {
            assert_eq!(
                record_path(d, id, err),
                PathBuf::from(want),
                "help: id {id:?}"
            );
        }
    }

    /// A stream that takes at most seven bytes a call, vectored or not.
    struct Trickle(Vec<u8>);

    impl Write for Trickle {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let n = buf.len().min(7);
            self.0.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Records handed over by value come out as those written one by one do,
    /// however the stream cuts the vectored writes and wherever the 64 KB fall.
    #[test]
    fn owned_jsonl_records_write_like_borrowed_ones() {
        let records: Vec<Serialized> = (0..40usize)
            .map(|i| Serialized {
                id: format!("d{i}"),
                is_error: false,
                error: None,
                bytes: format!(
                    "{{\"id\":\"d{i}\",\"x\":\"{}\"}}",
                    "ä".repeat(i * 997 % 9000)
                )
                .into_bytes(),
                parts: Vec::new(),
            })
            .collect();
        let mut plain = Vec::new();
        let mut w = StreamWriter::new(&mut plain, Format::Jsonl, true);
        for rec in &records {
            w.write(rec).unwrap();
        }
        w.finish().unwrap();
        for buffered in [false, true] {
            let mut trickle = Trickle(Vec::new());
            {
                let out: Box<dyn Write> = if buffered {
                    Box::new(io::BufWriter::with_capacity(PENDING_BYTES, &mut trickle))
                } else {
                    Box::new(&mut trickle)
                };
                let mut w = StreamWriter::new(out, Format::Jsonl, true);
                for (i, rec) in records.iter().enumerate() {
                    // A borrowed write between owned ones keeps the order.
                    if i % 13 == 5 {
                        w.write(rec).unwrap();
                    } else {
                        w.write_owned(rec.clone()).unwrap();
                    }
                }
                w.finish().unwrap();
            }
            assert_eq!(trickle.0, plain, "buffered {buffered}");
        }
    }

    #[test]
    fn json_array_wraps_several_records() {
        let mut buf = Vec::new();
        let mut w = StreamWriter::new(&mut buf, Format::Json, true);
        for id in ["a", "b"] {
            w.write(&Serialized {
                id: id.into(),
                is_error: false,
                error: None,
                bytes: b"{}".to_vec(),
                parts: Vec::new(),
            })
            .unwrap();
        }
        w.finish().unwrap();
        assert_eq!(String::from_utf8(buf).unwrap(), "[\n{},\n{}\n]\n");
    }
}
