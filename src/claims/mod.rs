//! Claims: who says, demands, promises or threatens what; which figures are
//! asserted, and how firmly.
//!
//! The attributor works sentence by sentence over the segmenter's tokens, with the
//! cue lexicons of [`lexicon`] (built once). The rules, in the order they claim a
//! sentence (a later rule never takes content an earlier one already took):
//! 1. `quote.*`: quotations „…“ »…« "…" with their frame after (`„…“, sagte er.`),
//!    before (`Sie sagte: „…“`), around (`„…“, sagte er, „…“`), or none when a
//!    quotation continues the previous speaker's quotation.
//! 2. `according_to.*`: `laut X`, `X zufolge`, `nach Angaben von X`, `gemäß X`,
//!    `seiner Ansicht nach`, `demnach`: the content is the clause minus the frame.
//! 3. `indirect.*`: `wie X mitteilte, …`; `…, sagte X` / `…, so X`; and a cue verb
//!    followed by a dass/ob-clause, a Konjunktiv clause or (for verbs that take
//!    one) a zu-infinitive.
//! 4. `reported.*`: a speech-act verb with a noun object (`forderte den Rücktritt`,
//!    `stellte Sanktionen in Aussicht`), or `wollen` + infinitive of a named
//!    subject: the content is the whole sentence (as in the SpkAtt data).
//! 5. `indirect.continuation`: a sentence in Konjunktiv I (or with hearsay `soll …
//!    haben`) right after a claim takes over its speaker, with no cue.
//! 6. `statement.figure`: an unattributed sentence carrying a figure.
//!
//! It does not parse: subjects are found by position (prefield, or the noun phrase
//! after an inverted verb), so a fronted object can be mistaken for a speaker.
//!
//! ```
//! use aussage::{Document, Pipeline, Stages};
//! let p = Pipeline::new().unwrap();
//! let doc = Document::from_text("a", "Die Ministerin sagte, die Lage sei ernst.");
//! let claims = p.process(&doc, Stages::ALL).claims.unwrap();
//! assert_eq!(claims[0].kind, "indirect_speech");
//! assert_eq!(claims[0].speaker.as_ref().unwrap().text, "Die Ministerin");
//! assert_eq!(claims[0].content.text, "die Lage sei ernst");
//! ```

pub mod lexicon;
pub(crate) mod rules;
#[cfg(test)]
mod tests;

use crate::error::Error;
use crate::lexicon::Lexicons;
use crate::record::{Claim, Entity, Quantity};
use crate::segment::Segmentation;

use lexicon::ClaimLexicon;

/// The claim attributor, built once and shared across threads.
#[derive(Debug, Clone)]
pub struct Attributor {
    lex: ClaimLexicon,
}

impl Attributor {
    /// Builds the attributor from the built-in lexicons plus `lex`'s additions.
    pub fn new(lex: &Lexicons) -> Result<Self, Error> {
        Ok(Attributor {
            lex: ClaimLexicon::new(lex)?,
        })
    }

    /// The claims of `text` (byte offsets, ids `c1…`), given the earlier stages'
    /// output (entities and quantities still in byte offsets).
    pub fn attribute(
        &self,
        text: &str,
        seg: &Segmentation,
        entities: &[Entity],
        quantities: &[Quantity],
    ) -> Vec<Claim> {
        rules::Doc::new(&self.lex, text, seg, entities, quantities).run()
    }
}
