//! `aussage` turns German news text into structured records: sentences, named
//! entities, quantities and claims (who says what, which figures are asserted).
//!
//! Rule-based and lexicon-driven: no model download, deterministic, explainable.
//!
//! # Overview
//! - [`Document`]: one decoded input text with its id.
//! - [`Pipeline`]: the compiled lexicons and rules of every stage, built once and
//!   shared read-only across threads; [`Pipeline::process`] turns a document into a
//!   [`Record`].
//! - [`Record`]: the output contract (`SCHEMA.md`, schema `aussage.v1`).
//!
//! ```
//! use aussage::{Document, Pipeline, Stages};
//! let pipeline = Pipeline::new().unwrap();
//! let doc = Document::from_text("a", "Die Lage ist ernst. Der Kanzler schweigt.");
//! let record = pipeline.process(&doc, Stages::ALL);
//! let sentences = record.sentences.unwrap();
//! assert_eq!(sentences[1].text, "Der Kanzler schweigt.");
//! assert_eq!((sentences[1].start, sentences[1].end), (20, 41));
//! ```
#![warn(missing_docs)]

pub mod batch;
pub mod chunked;
pub mod claims;
pub mod entities;
pub mod error;
pub mod eval;
pub mod hash;
pub mod input;
pub mod lexicon;
pub mod numbers;
pub mod output;
pub mod record;
mod scratch;
pub mod segment;
mod sorted;
mod swar;
pub mod text;

pub use error::{Error, ErrorKind};
pub use input::Document;
pub use record::Record;

use lexicon::Lexicons;
use record::{Sentence, Source, TokenSpan, SCHEMA_NAME};

/// Which stages to run and what to put in the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stages {
    /// Named entities.
    pub entities: bool,
    /// Quantities.
    pub quantities: bool,
    /// Claims (needs entities and quantities, which then run too).
    pub claims: bool,
    /// Emit the tokens (`--tokens`).
    pub tokens: bool,
    /// Keep each annotation's `rule` (`--explain`).
    pub explain: bool,
}

impl Stages {
    /// Every stage, no tokens.
    pub const ALL: Stages = Stages {
        entities: true,
        quantities: true,
        claims: true,
        tokens: false,
        explain: false,
    };
    /// Sentences only.
    pub const SENTENCES: Stages = Stages {
        entities: false,
        quantities: false,
        claims: false,
        tokens: false,
        explain: false,
    };

    /// Parses a `--only` list (`sentences,quantities,entities,claims`); stages that
    /// a listed stage needs are added (claims needs entities and quantities).
    pub fn parse_only(list: &str) -> Result<Stages, String> {
        let mut s = Stages::SENTENCES;
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match name {
                "sentences" => {}
                "quantities" | "numbers" => s.quantities = true,
                "entities" => s.entities = true,
                "claims" => {
                    s.claims = true;
                    s.entities = true;
                    s.quantities = true;
                }
                other => {
                    return Err(format!(
                        "unknown stage '{other}' (expected sentences, quantities, entities, claims)"
                    ))
                }
            }
        }
        Ok(s)
    }
}

/// Options for building a [`Pipeline`].
#[derive(Debug, Clone, Default)]
pub struct PipelineOptions {
    /// Extra lexicon files (`--lexicon-dir`).
    pub lexicons: Lexicons,
}

/// The whole pipeline: every stage's compiled rules and lexicons.
#[derive(Debug, Clone)]
pub struct Pipeline {
    segmenter: segment::Segmenter,
    numbers: numbers::Recogniser,
    entities: entities::Recogniser,
    claims: claims::Attributor,
}

impl Pipeline {
    /// The pipeline with the built-in lexicons.
    pub fn new() -> Result<Self, Error> {
        Self::with_options(&PipelineOptions::default())
    }

    /// The pipeline with options (user lexicons).
    pub fn with_options(opts: &PipelineOptions) -> Result<Self, Error> {
        Ok(Pipeline {
            segmenter: segment::Segmenter::new(&opts.lexicons)?,
            numbers: numbers::Recogniser::new(&opts.lexicons)?,
            entities: entities::Recogniser::new(&opts.lexicons)?,
            claims: claims::Attributor::new(&opts.lexicons)?,
        })
    }

    /// The segmenter (tokens and sentences).
    pub fn segmenter(&self) -> &segment::Segmenter {
        &self.segmenter
    }

    /// The quantity recogniser.
    pub fn numbers(&self) -> &numbers::Recogniser {
        &self.numbers
    }

    /// The entity recogniser.
    pub fn entities(&self) -> &entities::Recogniser {
        &self.entities
    }

    /// The claim attributor.
    pub fn claims(&self) -> &claims::Attributor {
        &self.claims
    }

    /// Runs the stages on one document and returns its record.
    pub fn process(&self, doc: &Document, stages: Stages) -> Record {
        match self.process_until(doc, stages, None) {
            Ok(record) => record,
            // Without a deadline there is no error to report.
            Err(e) => Record::error(doc.id.clone(), e.kind().as_str(), e.to_string()),
        }
    }

    /// Like [`Pipeline::process`], but gives up with an [`ErrorKind::Timeout`]
    /// error when `deadline` has passed. The clock is checked between stages (every
    /// stage is linear in the text, so a stage cannot run away on its own).
    pub fn process_until(
        &self,
        doc: &Document,
        stages: Stages,
        deadline: Option<std::time::Instant>,
    ) -> Result<Record, Error> {
        if !chunked::is_large(&doc.text) {
            return self.process_whole(doc, stages, deadline);
        }
        self.chunks(doc, stages, deadline).join()
    }

    /// The records of `doc`'s chunks, one at a time (see [`chunked`]): how the CLI
    /// writes a very large document without holding its whole record. Documents up
    /// to [`chunked::CHUNK_THRESHOLD`] bytes are one chunk.
    pub fn chunks<'a>(
        &'a self,
        doc: &'a Document,
        stages: Stages,
        deadline: Option<std::time::Instant>,
    ) -> chunked::ChunkRecords<'a> {
        let size = if chunked::is_large(&doc.text) {
            chunked::CHUNK_BYTES
        } else {
            usize::MAX
        };
        chunked::ChunkRecords::new(self, doc, stages, deadline, size)
    }

    /// The whole document through every stage at once.
    pub(crate) fn process_whole(
        &self,
        doc: &Document,
        stages: Stages,
        deadline: Option<std::time::Instant>,
    ) -> Result<Record, Error> {
        let check = |stage: &str| match deadline {
            Some(d) if std::time::Instant::now() > d => Err(Error::document(
                ErrorKind::Timeout,
                format!("took longer than the time limit (stopped after {stage})"),
            )),
            _ => Ok(()),
        };
        let text = doc.text.as_str();
        let seg = self.segmenter.segment(text);
        check("segmentation")?;
        let mut record = Record {
            schema: SCHEMA_NAME.to_string(),
            id: doc.id.clone(),
            meta: Some(doc.meta.clone()),
            source: Some(Source {
                encoding: doc.encoding.to_string(),
                bytes: doc.bytes,
                chars: 0,
            }),
            warnings: Some(doc.warnings.clone()),
            ..Record::default()
        };
        record.sentences = Some(
            seg.sentences
                .iter()
                .map(|s| Sentence {
                    start: s.start,
                    end: s.end,
                    text: String::new(),
                    heading: s.heading,
                })
                .collect(),
        );
        if stages.tokens {
            record.tokens = Some(
                seg.tokens
                    .iter()
                    .map(|t| TokenSpan {
                        start: t.start,
                        end: t.end,
                        text: String::new(),
                    })
                    .collect(),
            );
        }
        let quantities = stages
            .quantities
            .then(|| self.numbers.recognise(text, &seg));
        check("quantities")?;
        let entities = stages.entities.then(|| self.entities.recognise(text, &seg));
        check("entities")?;
        if stages.claims {
            let claims = self.claims.attribute(
                text,
                &seg,
                entities.as_deref().unwrap_or(&[]),
                quantities.as_deref().unwrap_or(&[]),
            );
            record.claims = Some(claims);
        }
        record.quantities = quantities;
        record.entities = entities;
        if !stages.explain {
            record.drop_rules();
        }
        let chars = record.finish_offsets(text);
        if let Some(src) = record.source.as_mut() {
            src.chars = chars;
        }
        Ok(record)
    }
}
