//! Quantities: every figure in German news with its kind, value, unit and scale.
//!
//! (First slice: the stage is wired into the pipeline and returns nothing yet; the
//! recogniser lands with its own issue.)

use crate::error::Error;
use crate::lexicon::Lexicons;
use crate::record::Quantity;
use crate::segment::Segmentation;

/// The quantity recogniser, built once and shared across threads.
#[derive(Debug, Clone)]
pub struct Recogniser {}

impl Recogniser {
    /// Builds the recogniser from the built-in lexicons plus `lex`'s additions.
    pub fn new(_lex: &Lexicons) -> Result<Self, Error> {
        Ok(Recogniser {})
    }

    /// The quantities of `text`, with byte offsets, ids `q1…` and sentence indices.
    pub fn recognise(&self, _text: &str, _seg: &Segmentation) -> Vec<Quantity> {
        Vec::new()
    }
}
