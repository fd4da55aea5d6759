//! Any bytes as a sequence of allocations, frees and resizes for the wasm
//! module's allocator (`core::alloc`), run over a buffer standing in for
//! wasm memory: every block must be aligned, inside the pages grown, apart
//! from every other live block, and keep its contents until freed.
#![no_main]

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::collections::BTreeMap;

use ding_otp_fuzz::core::alloc::{Allocator, Pages, PAGE};
use libfuzzer_sys::fuzz_target;

const ARENA_PAGES: usize = 512;

struct Arena {
    base: usize,
    used: Cell<usize>,
    grows: Cell<usize>,
    gap_every: usize,
}

impl Pages for &Arena {
    fn grow(&self, n: usize) -> Option<usize> {
        self.grows.set(self.grows.get() + 1);
        if self.gap_every > 0 && self.grows.get() % self.gap_every == 0 {
            self.used.set(self.used.get() + 1);
        }
        let start = self.used.get();
        if start + n > ARENA_PAGES {
            return None;
        }
        self.used.set(start + n);
        Some(self.base + start * PAGE)
    }
}

thread_local! {
    static BASE: usize = {
        let layout = Layout::from_size_align(ARENA_PAGES * PAGE, PAGE).unwrap();
        // SAFETY: a non-zero size; kept for the whole run.
        unsafe { std::alloc::alloc(layout) as usize }
    };
}

struct Live {
    layout: Layout,
    fill: u8,
}

fn layout_of(b: &[u8]) -> Layout {
    let size = match b[0] >> 6 {
        0 | 1 => 1 + b[1] as usize,
        2 => 1 + u16::from_le_bytes([b[1], b[2]]) as usize,
        _ => 1 + (u16::from_le_bytes([b[1], b[2]]) as usize) * 5,
    };
    let align = 1usize << (b[3] % 13);
    Layout::from_size_align(size, align).unwrap()
}

fn check_place(spans: &BTreeMap<usize, Live>, base: usize, used: usize, at: usize, layout: Layout) {
    assert_eq!(at % layout.align(), 0, "{layout:?} misaligned at {at:#x}");
    assert!(at >= base && at + layout.size() <= base + used * PAGE, "{layout:?} outside the pages grown");
    if let Some((&s, l)) = spans.range(..=at).next_back() {
        assert!(s + l.layout.size() <= at, "overlap with the block below");
    }
    if let Some((&s, _)) = spans.range(at..).next() {
        assert!(at + layout.size() <= s, "overlap with the block above");
    }
}

fn intact(at: usize, len: usize, fill: u8) -> bool {
    // SAFETY: a live block of at least `len` bytes.
    unsafe { std::slice::from_raw_parts(at as *const u8, len) }.iter().all(|&x| x == fill)
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, ops)) = data.split_first() else { return };
    let base = BASE.with(|b| *b);
    let arena = Arena { base, used: Cell::new(0), grows: Cell::new(0), gap_every: (first % 4) as usize };
    let heap = Allocator::new(&arena);
    let mut live: BTreeMap<usize, Live> = BTreeMap::new();
    for (n, op) in ops.chunks_exact(4).enumerate() {
        let fill = n as u8;
        match op[0] & 3 {
            0 | 1 => {
                let layout = layout_of(op);
                // SAFETY: a non-zero size.
                let at = unsafe { heap.alloc(layout) } as usize;
                if at == 0 {
                    continue; // the arena is full: a null pointer, as on wasm
                }
                check_place(&live, base, arena.used.get(), at, layout);
                // SAFETY: a fresh block of this size.
                unsafe { std::ptr::write_bytes(at as *mut u8, fill, layout.size()) };
                live.insert(at, Live { layout, fill });
            }
            2 => {
                let Some(&at) = live.keys().nth(op[1] as usize % live.len().max(1)) else { continue };
                let b = live.remove(&at).unwrap();
                assert!(intact(at, b.layout.size(), b.fill), "a block changed before its free");
                // SAFETY: allocated by `heap` with this layout.
                unsafe { heap.dealloc(at as *mut u8, b.layout) };
            }
            _ => {
                let Some(&at) = live.keys().nth(op[1] as usize % live.len().max(1)) else { continue };
                let b = live.remove(&at).unwrap();
                let new_size = layout_of(&[op[2], op[3], op[1], 0]).size();
                // SAFETY: allocated by `heap` with this layout; a non-zero size.
                let moved = unsafe { heap.realloc(at as *mut u8, b.layout, new_size) } as usize;
                if moved == 0 {
                    live.insert(at, b); // the old block stays valid
                    continue;
                }
                let layout = Layout::from_size_align(new_size, b.layout.align()).unwrap();
                assert!(intact(moved, b.layout.size().min(new_size), b.fill), "realloc lost the contents");
                check_place(&live, base, arena.used.get(), moved, layout);
                // SAFETY: a live block of this size.
                unsafe { std::ptr::write_bytes(moved as *mut u8, fill, new_size) };
                live.insert(moved, Live { layout, fill });
            }
        }
    }
    for (at, b) in live {
        assert!(intact(at, b.layout.size(), b.fill));
    }
});
