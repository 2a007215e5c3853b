//! Buffers a stage keeps per thread from one document to the next.
//!
//! Why: a short document would otherwise spend as much on allocating and growing
//! its working vectors as on its rules. A stage keeps them in a `thread_local!`
//! `Cell`, takes them out for one document and puts them back after it. A
//! thread whose buffers are out (or that is being torn down) simply gets fresh,
//! empty ones, so results never depend on what a thread did before.

use std::cell::Cell;
use std::thread::LocalKey;

/// This thread's buffers from `slot` (empty ones on first use or while out).
pub(crate) fn take<T: Default>(slot: &'static LocalKey<Cell<T>>) -> T {
    slot.try_with(Cell::take).unwrap_or_default()
}

/// Puts `buffers` back into `slot` for this thread's next document.
pub(crate) fn keep<T>(slot: &'static LocalKey<Cell<T>>, buffers: T) {
    let _ = slot.try_with(|s| s.set(buffers));
}
