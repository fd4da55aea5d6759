//! The wasm module's memory allocator, smaller than the default (dlmalloc,
//! about 9 KB of code) for what this module does: every call's
//! allocations are short-lived and mostly small.
//!
//! - Blocks of up to 64 KiB are powers of two from 16 bytes, each size with
//!   its own free list. A block is aligned to its size, so any alignment up
//!   to its size holds. Fresh blocks are cut from memory that only grows.
//! - Larger blocks are runs of whole 64 KiB pages, kept when freed in one
//!   list in address order, where neighbours merge; a request takes the
//!   lowest run long enough, and the rest of it stays in the list.
//! - Nothing is ever given back to the host (wasm memory cannot shrink),
//!   and small blocks never merge: a steady load reuses the same blocks,
//!   which the benchmark's memory rows check (no growth over 100,000 calls).
//!
//! The allocator is generic over where pages come from ([`Pages`]), so the
//! native tests run it over a plain buffer; the wasm module uses
//! [`WasmPages`] (the `memory.grow` instruction) as its global allocator.

use ::core::alloc::{GlobalAlloc, Layout};
use ::core::cell::UnsafeCell;
use ::core::ptr::null_mut;

/// The smallest block: 16 bytes (room for the free list's link, and the
/// alignment wasm values need).
const MIN_SHIFT: u32 = 4;
/// The largest power-of-two block: 64 KiB, one page.
const MAX_SHIFT: u32 = 16;
const CLASSES: usize = (MAX_SHIFT - MIN_SHIFT + 1) as usize;
/// The size of a wasm page, the unit of larger blocks.
pub const PAGE: usize = 1 << 16;

/// Where fresh memory comes from.
pub trait Pages {
    /// Adds `n` pages and returns the address of the first, page-aligned,
    /// or `None` when no more memory can be had.
    fn grow(&self, n: usize) -> Option<usize>;
}

/// Pages of the wasm module's own memory.
#[derive(Debug, Clone, Copy)]
pub struct WasmPages;

#[cfg(target_arch = "wasm32")]
impl Pages for WasmPages {
    fn grow(&self, n: usize) -> Option<usize> {
        let old = ::core::arch::wasm32::memory_grow(0, n);
        (old != usize::MAX).then(|| old * PAGE)
    }
}

struct State {
    /// Heads of the free lists of each power-of-two size (0: none).
    small: [usize; CLASSES],
    /// Head of the list of free page runs; each holds `[next, pages]`.
    runs: usize,
    /// The part of the last pages grown not yet cut into blocks.
    next: usize,
    end: usize,
}

/// The allocator over a source of pages.
#[derive(Debug)]
pub struct Allocator<P> {
    pages: P,
    state: UnsafeCell<State>,
}

impl ::core::fmt::Debug for State {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("State").field("next", &self.next).field("end", &self.end).finish()
    }
}

// SAFETY: wasm32-unknown-unknown without the atomics feature runs one
// thread, so the state is never touched by two at once.
#[cfg(target_arch = "wasm32")]
unsafe impl Sync for Allocator<WasmPages> {}

/// What a layout asks for: a power-of-two block (its size class) or a run
/// of pages.
enum Kind {
    Small(usize),
    Run(usize),
}

fn kind(layout: Layout) -> Option<Kind> {
    let size = layout.size().max(layout.align());
    if size <= 1 << MAX_SHIFT {
        let shift = (usize::BITS - (size - 1).leading_zeros()).max(MIN_SHIFT);
        Some(Kind::Small((shift - MIN_SHIFT) as usize))
    } else if layout.align() <= PAGE {
        Some(Kind::Run(size.div_ceil(PAGE)))
    } else {
        None
    }
}

impl<P: Pages> Allocator<P> {
    /// An allocator that has taken no memory yet.
    pub const fn new(pages: P) -> Self {
        Allocator { pages, state: UnsafeCell::new(State { small: [0; CLASSES], runs: 0, next: 0, end: 0 }) }
    }

    /// A block of `1 << (class + MIN_SHIFT)` bytes, from its free list or
    /// cut from fresh memory.
    ///
    /// # Safety
    /// No other call on this allocator may be running.
    unsafe fn small(&self, class: usize) -> *mut u8 {
        let s = &mut *self.state.get();
        let head = s.small[class];
        if head != 0 {
            s.small[class] = *(head as *const usize);
            return head as *mut u8;
        }
        let size = 1usize << (class as u32 + MIN_SHIFT);
        let mut at = s.next.next_multiple_of(size);
        if at.checked_add(size).map_or(true, |e| e > s.end) {
            // One page holds any small block; a page right after the current
            // end extends it, any other starts afresh.
            // (A page ending at the top of a 4 GiB memory has no address past
            // it: that page is not used.)
            let Some((start, end)) = self.pages.grow(1).and_then(|p| Some((p, p.checked_add(PAGE)?))) else {
                return null_mut();
            };
            if start != s.end {
                s.next = start;
            }
            s.end = end;
            at = s.next.next_multiple_of(size);
        }
        s.next = at + size;
        at as *mut u8
    }

    /// A run of `pages` pages, from the free runs (the lowest that is long
    /// enough) or grown.
    ///
    /// # Safety
    /// No other call on this allocator may be running.
    unsafe fn run(&self, pages: usize) -> *mut u8 {
        let s = &mut *self.state.get();
        let mut link: *mut usize = &mut s.runs;
        while *link != 0 {
            let node = *link as *mut usize;
            let have = *node.add(1);
            if have >= pages {
                if have > pages {
                    // The rest stays in the list, in the same place.
                    let rest = (node as usize + pages * PAGE) as *mut usize;
                    *rest = *node;
                    *rest.add(1) = have - pages;
                    *link = rest as usize;
                } else {
                    *link = *node;
                }
                return node as *mut u8;
            }
            link = node;
        }
        self.pages.grow(pages).map_or(null_mut(), |start| start as *mut u8)
    }

    /// Puts a block back on its free list.
    ///
    /// # Safety
    /// `ptr` came from this allocator with a layout of the same `kind`.
    unsafe fn release(&self, ptr: *mut u8, kind: Kind) {
        let s = &mut *self.state.get();
        match kind {
            Kind::Small(class) => {
                *(ptr as *mut usize) = s.small[class];
                s.small[class] = ptr as usize;
            }
            Kind::Run(mut pages) => {
                // The list is kept in address order, and a run that touches
                // its neighbour is merged with it, so runs freed side by side
                // serve a longer one later.
                let at = ptr as usize;
                let (mut prev, mut next) = (0usize, s.runs);
                while next != 0 && next < at {
                    prev = next;
                    next = *(next as *const usize);
                }
                if next != 0 && at + pages * PAGE == next {
                    pages += *(next as *const usize).add(1);
                    next = *(next as *const usize);
                }
                if prev != 0 && prev + *(prev as *const usize).add(1) * PAGE == at {
                    *(prev as *mut usize).add(1) += pages;
                    *(prev as *mut usize) = next;
                } else {
                    *(at as *mut usize) = next;
                    *(at as *mut usize).add(1) = pages;
                    if prev == 0 {
                        s.runs = at;
                    } else {
                        *(prev as *mut usize) = at;
                    }
                }
            }
        }
    }
}

unsafe impl<P: Pages> GlobalAlloc for Allocator<P> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match kind(layout) {
            Some(Kind::Small(class)) => self.small(class),
            Some(Kind::Run(pages)) => self.run(pages),
            None => null_mut(),
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if let Some(k) = kind(layout) {
            self.release(ptr, k);
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees a valid new size for this alignment.
        let new = Layout::from_size_align_unchecked(new_size, layout.align());
        match (kind(layout), kind(new)) {
            (Some(Kind::Small(a)), Some(Kind::Small(b))) if a == b => return ptr,
            (Some(Kind::Run(a)), Some(Kind::Run(b))) if a == b => return ptr,
            _ => {}
        }
        let moved = self.alloc(new);
        if !moved.is_null() {
            ::core::ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        moved
    }
}
