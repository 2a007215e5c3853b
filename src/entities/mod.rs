//! Named entities: people, organisations, places and other names, with roles,
//! one canonical name per referent and Wikidata ids.
//!
//! (First slice: the stage is wired into the pipeline and returns nothing yet; the
//! recogniser lands with its own issue.)

use crate::error::Error;
use crate::lexicon::Lexicons;
use crate::record::Entity;
use crate::segment::Segmentation;

/// The entity recogniser, built once and shared across threads.
#[derive(Debug, Clone)]
pub struct Recogniser {}

impl Recogniser {
    /// Builds the recogniser from the built-in lexicons plus `lex`'s additions.
    pub fn new(_lex: &Lexicons) -> Result<Self, Error> {
        Ok(Recogniser {})
    }

    /// The entities of `text`, with byte offsets, ids `e1…` and sentence indices.
    pub fn recognise(&self, _text: &str, _seg: &Segmentation) -> Vec<Entity> {
        Vec::new()
    }
}
