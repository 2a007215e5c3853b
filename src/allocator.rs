//! The binary's global allocator: mimalloc, asked the way its plain `malloc`
//! is fastest.
//!
//! Why: the `mimalloc` crate's allocator calls `mi_malloc_aligned` for every
//! allocation, whatever its alignment; that entry point checks and rounds for
//! alignment first and costs about twice as many instructions as `mi_malloc`
//! (15 M of the 870 M a run over 1,350 articles took, for some 300,000
//! allocations). Rust asks for 8 bytes of alignment or less nearly always,
//! and `mi_malloc` gives every block at least a word's alignment, so those
//! requests go to the plain functions; the rare larger alignments still go to
//! the aligned ones. The library leaves the choice of allocator to its user.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// mimalloc behind `GlobalAlloc` (see the module docs).
pub struct MiMalloc;

/// The alignment every mimalloc block has: a machine word.
const WORD: usize = std::mem::size_of::<usize>();

// SAFETY: every function hands the request to the mimalloc function made for
// it: blocks of `mi_malloc`/`mi_zalloc`/`mi_realloc` are aligned to at least a
// word, so they serve layouts of word alignment or less; larger alignments go
// to the `_aligned` functions. `mi_free` frees blocks of either kind.
unsafe impl GlobalAlloc for MiMalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            mi::mi_malloc(layout.size()).cast()
        } else {
            mi::mi_malloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            mi::mi_zalloc(layout.size()).cast()
        } else {
            mi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        mi::mi_free(ptr.cast::<c_void>());
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= WORD {
            mi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
        } else {
            mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_have_the_alignment_asked_for_and_keep_their_bytes() {
        let a = MiMalloc;
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 3, 8, 15, 16, 17, 100, 1000, 70_000] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: a non-zero size; the block is written within its size,
                // grown by realloc with the same layout, then freed once.
                unsafe {
                    let p = a.alloc(layout);
                    assert!(!p.is_null() && p as usize % align == 0, "{size}/{align}");
                    p.write_bytes(0xA5, size);
                    let q = a.realloc(p, layout, size * 2);
                    assert!(!q.is_null() && q as usize % align == 0, "{size}/{align}");
                    assert!((0..size).all(|i| *q.add(i) == 0xA5), "{size}/{align}");
                    a.dealloc(q, Layout::from_size_align(size * 2, align).unwrap());
                    let z = a.alloc_zeroed(layout);
                    assert!(!z.is_null() && z as usize % align == 0);
                    assert!((0..size).all(|i| *z.add(i) == 0));
                    a.dealloc(z, layout);
                }
            }
        }
    }
}
