//! Compiles the built-in entity gazetteer into the binary.
//!
//! Why: building it from the lexicon files at every start-up was two thirds of
//! the time one short article takes through the CLI. This script runs the
//! library's own builder (`Gazetteer::new`, included below from `src/`) on the
//! built-in lexicons and writes its tables to `$OUT_DIR/gazetteer.bin`, which
//! `src/entities/mod.rs` includes and reads in place (`src/entities/compiled.rs`).
//! For a target of another byte order it writes an empty file: the library then
//! builds the gazetteer at run time, as it does when a user adds lexicons.

// The included modules are the library's; the script uses a part of them.
#![allow(dead_code)]

#[path = "build/entities.rs"]
mod entities;
#[path = "src/error.rs"]
mod error;
#[path = "src/hash.rs"]
mod hash;
#[path = "src/lexicon.rs"]
mod lexicon;
#[path = "src/swar.rs"]
mod swar;
#[path = "src/text.rs"]
mod text;

use std::path::PathBuf;

fn main() {
    for input in [
        "build/entities.rs",
        "lexicons/entities",
        "src/entities/compiled.rs",
        "src/entities/gazetteer.rs",
        "src/entities/word_filter.rs",
        "src/error.rs",
        "src/hash.rs",
        "src/lexicon.rs",
        "src/swar.rs",
        "src/text.rs",
    ] {
        println!("cargo:rerun-if-changed={input}");
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let target_endian = std::env::var("CARGO_CFG_TARGET_ENDIAN").unwrap_or_default();
    let host_endian = if cfg!(target_endian = "little") {
        "little"
    } else {
        "big"
    };
    let bytes = if target_endian == host_endian {
        let lex = lexicon::Lexicons::default();
        let not_names = entities::gazetteer::not_names(&lex);
        let gaz = entities::gazetteer::Gazetteer::new(&lex, &not_names)
            .unwrap_or_else(|e| panic!("the built-in entity lexicons do not load: {e}"));
        entities::compiled::encode(&gaz).unwrap_or_default()
    } else {
        Vec::new()
    };
    std::fs::write(out.join("gazetteer.bin"), bytes).expect("writing $OUT_DIR/gazetteer.bin");
}
