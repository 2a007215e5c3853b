//! Input: what one document is, where documents come from, and how bytes become text.
//!
//! - [`decode`]: bytes → text with the encoding rules of `SCHEMA.md`.
//! - [`sources`]: the command line's paths → a lazy, ordered stream of [`Job`]s
//!   (files, directories walked in sorted order, stdin, JSONL lines).
//! - [`Job::load`]: one job → a [`Document`] (reading and decoding happen here, so
//!   they run in parallel on the worker threads).

pub mod decode;
pub mod jsonl;
pub mod sources;

use std::fs::File;
use std::io::Read;
use std::path::PathBuf;

use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind};

/// One decoded document, ready for the pipeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The record id.
    pub id: String,
    /// The decoded text; every offset in the record points into it.
    pub text: String,
    /// Extra fields of a JSONL line.
    pub meta: Map<String, Value>,
    /// How the bytes were decoded.
    pub encoding: &'static str,
    /// Size of the input in bytes before decoding.
    pub bytes: usize,
    /// Non-fatal remarks (legacy encoding guessed, NUL bytes kept).
    pub warnings: Vec<String>,
}

impl Document {
    /// A document from text that is already decoded.
    ///
    /// ```
    /// let doc = aussage::Document::from_text("a", "Der Kanzler sprach.");
    /// assert_eq!(doc.bytes, 19);
    /// ```
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        Document {
            id: id.into(),
            bytes: text.len(),
            text,
            meta: Map::new(),
            encoding: "utf-8",
            warnings: Vec::new(),
        }
    }

    /// A document from raw bytes, decoded with [`decode::decode`].
    pub fn from_bytes(id: impl Into<String>, bytes: &[u8]) -> Result<Self, Error> {
        Ok(Self::from_decoded(
            id.into(),
            bytes.len(),
            decode::decode(bytes)?,
        ))
    }

    /// A document from raw bytes taken by value: valid UTF-8 becomes the text
    /// without a copy (a 20 MB file costs 20 MB, not 40).
    pub fn from_vec(id: impl Into<String>, bytes: Vec<u8>) -> Result<Self, Error> {
        let len = bytes.len();
        Ok(Self::from_decoded(
            id.into(),
            len,
            decode::decode_owned(bytes)?,
        ))
    }

    fn from_decoded(id: String, bytes: usize, decoded: decode::Decoded) -> Self {
        Document {
            id,
            text: decoded.text,
            meta: Map::new(),
            encoding: decoded.encoding,
            bytes,
            warnings: decoded.warnings,
        }
    }
}

/// One unit of work: something that becomes a document (or an error record).
#[derive(Debug)]
pub enum Job {
    /// A file to read.
    File {
        /// The record id (the path as given or found).
        id: String,
        /// Where to read it.
        path: PathBuf,
    },
    /// Bytes already read (stdin in text mode).
    Bytes {
        /// The record id.
        id: String,
        /// The raw bytes.
        bytes: Vec<u8>,
    },
    /// One line of JSONL input.
    JsonlLine {
        /// The id to use when the line has none (`FILE:LINE`).
        fallback_id: String,
        /// The line without its line ending.
        line: Vec<u8>,
    },
    /// A failure found while discovering inputs (missing path, directory loop,
    /// over-long line); it still gets an error record in its place.
    Failed {
        /// The record id.
        id: String,
        /// What went wrong.
        error: Error,
    },
}

impl Job {
    /// The id the record will have (for a JSONL line, the fallback id until the
    /// line is parsed).
    pub fn id(&self) -> &str {
        match self {
            Job::File { id, .. } | Job::Bytes { id, .. } | Job::Failed { id, .. } => id,
            Job::JsonlLine { fallback_id, .. } => fallback_id,
        }
    }

    /// Reads and decodes the job. On failure returns the id the error record
    /// gets and the error.
    pub fn load(self, max_bytes: u64) -> Result<Document, (String, Error)> {
        match self {
            Job::File { id, path } => match read_capped(&path, max_bytes) {
                Ok(bytes) => Document::from_vec(id.clone(), bytes).map_err(|e| (id, e)),
                Err(e) => Err((id, e)),
            },
            Job::Bytes { id, bytes } => {
                if bytes.len() as u64 > max_bytes {
                    return Err((id, too_large(bytes.len() as u64, max_bytes)));
                }
                Document::from_vec(id.clone(), bytes).map_err(|e| (id, e))
            }
            Job::JsonlLine { fallback_id, line } => jsonl::parse_line(&fallback_id, &line),
            Job::Failed { id, error } => Err((id, error)),
        }
    }
}

/// The error for a document over `--max-bytes`.
pub fn too_large(size: u64, max_bytes: u64) -> Error {
    Error::document(
        ErrorKind::TooLarge,
        format!("{size} bytes is more than --max-bytes {max_bytes}"),
    )
}

/// Reads a whole file, refusing (without reading it all) one over `max_bytes`.
fn read_capped(path: &std::path::Path, max_bytes: u64) -> Result<Vec<u8>, Error> {
    let io = |e: std::io::Error| Error::document(ErrorKind::Io, e.to_string());
    let file = File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(Error::document(ErrorKind::Io, "is a directory"));
    }
    if meta.len() > max_bytes {
        return Err(too_large(meta.len(), max_bytes));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64, max_bytes));
    }
    Ok(bytes)
}
