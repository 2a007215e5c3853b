//! The library's one error type.
//!
//! Every failure that concerns a single document (unreadable file, binary bytes,
//! too large, a JSONL line that is not an object with `text`) is an [`Error`] with a
//! [`ErrorKind`] that becomes the record's `error.kind`. Errors of the tool itself
//! (a lexicon that does not parse) use the same enum so that `Pipeline::new()`
//! returns `Result<_, Error>`.

use std::fmt;

/// What went wrong with one document, as written in the record's `error.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file could not be read (missing, permissions, a directory loop, ...).
    Io,
    /// The bytes could not be turned into text.
    Decode,
    /// The bytes look like binary data (NUL-heavy, control characters, a known magic number).
    Binary,
    /// The document is larger than `--max-bytes`.
    TooLarge,
    /// A JSONL input line is not a JSON object with a string `text`.
    Json,
    /// Processing took longer than `--timeout-ms`.
    Timeout,
    /// A bug in aussage stopped this document (the batch goes on).
    Internal,
}

impl ErrorKind {
    /// The name written in `error.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::Decode => "decode",
            ErrorKind::Binary => "binary",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Json => "json",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error of the library: a document that cannot be processed, or a lexicon that
/// cannot be loaded.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A document-level failure; `message` is one line, without the document id.
    #[error("{message}")]
    Document {
        /// The category, as written in the error record.
        kind: ErrorKind,
        /// A one-line human-readable explanation.
        message: String,
    },
    /// A lexicon file is malformed.
    #[error("lexicon {file}, line {line}: {message}")]
    Lexicon {
        /// The lexicon's file name (built-in) or path (from `--lexicon-dir`).
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        message: String,
    },
    /// An I/O error outside a document (a lexicon directory, an output folder).
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl Error {
    /// A document-level error of the given kind.
    pub fn document(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error::Document {
            kind,
            message: message.into(),
        }
    }

    /// The error-record kind of this error (`io` for non-document errors).
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Document { kind, .. } => *kind,
            Error::Lexicon { .. } => ErrorKind::Decode,
            Error::Io(_) => ErrorKind::Io,
        }
    }
}
