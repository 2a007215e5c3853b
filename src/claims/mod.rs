//! Claims: who says, demands, promises or threatens what; which figures are
//! asserted, and how firmly.
//!
//! (First slice: the stage is wired into the pipeline and returns nothing yet; the
//! attribution rules land with their own issue.)

use crate::error::Error;
use crate::lexicon::Lexicons;
use crate::record::{Claim, Entity, Quantity};
use crate::segment::Segmentation;

/// The claim attributor, built once and shared across threads.
#[derive(Debug, Clone)]
pub struct Attributor {}

impl Attributor {
    /// Builds the attributor from the built-in lexicons plus `lex`'s additions.
    pub fn new(_lex: &Lexicons) -> Result<Self, Error> {
        Ok(Attributor {})
    }

    /// The claims of `text` (byte offsets, ids `c1…`), given the earlier stages'
    /// output (entities and quantities still in byte offsets).
    pub fn attribute(
        &self,
        _text: &str,
        _seg: &Segmentation,
        _entities: &[Entity],
        _quantities: &[Quantity],
    ) -> Vec<Claim> {
        Vec::new()
    }
}
