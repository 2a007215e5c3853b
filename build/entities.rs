//! The part of `src/entities/` that `build.rs` compiles into itself: the
//! gazetteer builder and its byte format (see `src/entities/compiled.rs`).
//! The paths are the library's own files, so build time and run time share one
//! implementation.

#[path = "../src/entities/compiled.rs"]
pub mod compiled;
#[path = "../src/entities/gazetteer.rs"]
pub mod gazetteer;
#[path = "../src/entities/word_filter.rs"]
pub mod word_filter;

pub use crate::hash::{FastMap, FastSet};
