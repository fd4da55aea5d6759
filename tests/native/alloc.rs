//! The wasm module's allocator (`core::alloc`), run natively over a buffer
//! that stands in for wasm memory: random allocations, frees and resizes
//! checked for alignment, overlap and kept contents, then a steady load
//! that must not take more memory.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::collections::BTreeMap;

use crate::core::alloc::{Allocator, Pages, PAGE};

/// Pages from one buffer, with a page left out every `gap_every` grows, as
/// when something else grows the memory in between.
struct Arena {
    base: usize,
    pages: usize,
    used: Cell<usize>,
    grows: Cell<usize>,
    gap_every: usize,
}

impl Arena {
    fn new(pages: usize, gap_every: usize) -> Arena {
        let layout = Layout::from_size_align(pages * PAGE, PAGE).unwrap();
        // SAFETY: a non-zero size; the buffer is leaked on purpose (tests only).
        let base = unsafe { std::alloc::alloc(layout) } as usize;
        assert_ne!(base, 0);
        Arena { base, pages, used: Cell::new(0), grows: Cell::new(0), gap_every }
    }
    fn contains(&self, at: usize, len: usize) -> bool {
        at >= self.base && at + len <= self.base + self.used.get() * PAGE
    }
}

impl Pages for &Arena {
    fn grow(&self, n: usize) -> Option<usize> {
        self.grows.set(self.grows.get() + 1);
        if self.gap_every > 0 && self.grows.get() % self.gap_every == 0 {
            self.used.set(self.used.get() + 1);
        }
        let start = self.used.get();
        if start + n > self.pages {
            return None;
        }
        self.used.set(start + n);
        Some(self.base + start * PAGE)
    }
}

/// SplitMix64: the same sequence on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn random_layout(rng: &mut Rng) -> Layout {
    let size = match rng.below(100) {
        0..=79 => 1 + rng.below(256),
        80..=94 => 1 + rng.below(8192),
        95..=98 => 1 + rng.below(80_000),
        _ => 1 + rng.below(400_000),
    } as usize;
    let align = match rng.below(20) {
        0 => 4096,
        1..=2 => 64,
        _ => 1 << rng.below(5),
    };
    Layout::from_size_align(size, align).unwrap()
}

struct Live {
    ptr: usize,
    layout: Layout,
    fill: u8,
}

fn fill(b: &Live) {
    // SAFETY: the block is live and `layout.size()` bytes long.
    unsafe { std::ptr::write_bytes(b.ptr as *mut u8, b.fill, b.layout.size()) }
}

fn intact(b: &Live, len: usize) -> bool {
    // SAFETY: as in `fill`, for the first `len <= size` bytes.
    let bytes = unsafe { std::slice::from_raw_parts(b.ptr as *const u8, len) };
    bytes.iter().all(|&x| x == b.fill)
}

/// Checks that `b` is aligned, inside the arena, and overlaps no live block.
fn place(arena: &Arena, spans: &mut BTreeMap<usize, usize>, b: &Live) {
    let (at, len) = (b.ptr, b.layout.size());
    assert_eq!(at % b.layout.align(), 0, "{:?} at {at:#x} is misaligned", b.layout);
    assert!(arena.contains(at, len), "{:?} at {at:#x} is outside the pages grown", b.layout);
    if let Some((&s, &l)) = spans.range(..=at).next_back() {
        assert!(s + l <= at, "{at:#x}+{len} overlaps the block at {s:#x}+{l}");
    }
    if let Some((&s, _)) = spans.range(at..).next() {
        assert!(at + len <= s, "{at:#x}+{len} overlaps the block at {s:#x}");
    }
    spans.insert(at, len);
}

fn random_run(seed: u64, gap_every: usize, ops: usize) {
    let arena = Arena::new(4096, gap_every);
    let heap = Allocator::new(&arena);
    let mut rng = Rng(seed);
    let mut live: Vec<Live> = Vec::new();
    let mut spans = BTreeMap::new();
    for step in 0..ops {
        let op = rng.below(10);
        if op < 5 || live.is_empty() {
            let layout = random_layout(&mut rng);
            // SAFETY: a non-zero size.
            let ptr = unsafe { heap.alloc(layout) } as usize;
            assert_ne!(ptr, 0, "step {step}: {layout:?} failed");
            let b = Live { ptr, layout, fill: rng.next() as u8 };
            place(&arena, &mut spans, &b);
            fill(&b);
            live.push(b);
        } else if op < 8 {
            let b = live.swap_remove(rng.below(live.len() as u64) as usize);
            assert!(intact(&b, b.layout.size()), "step {step}: a block's contents changed");
            spans.remove(&b.ptr);
            // SAFETY: allocated by `heap` with this layout.
            unsafe { heap.dealloc(b.ptr as *mut u8, b.layout) };
        } else {
            let i = rng.below(live.len() as u64) as usize;
            let old = &live[i];
            let new_size = random_layout(&mut rng).size();
            spans.remove(&old.ptr);
            // SAFETY: allocated by `heap` with this layout; a non-zero size.
            let ptr = unsafe { heap.realloc(old.ptr as *mut u8, old.layout, new_size) } as usize;
            assert_ne!(ptr, 0, "step {step}: realloc to {new_size} failed");
            let b =
                Live { ptr, layout: Layout::from_size_align(new_size, old.layout.align()).unwrap(), fill: old.fill };
            assert!(intact(&b, old.layout.size().min(new_size)), "step {step}: realloc lost the contents");
            place(&arena, &mut spans, &b);
            fill(&b);
            live[i] = b;
        }
    }
    for b in live {
        assert!(intact(&b, b.layout.size()));
        // SAFETY: as above.
        unsafe { heap.dealloc(b.ptr as *mut u8, b.layout) };
    }
}

#[test]
fn random_allocations_are_aligned_apart_and_keep_their_contents() {
    for seed in 1..=4 {
        random_run(seed, 0, 40_000);
    }
}

#[test]
fn memory_grown_with_gaps_is_used_as_well() {
    for seed in 5..=6 {
        random_run(seed, 3, 20_000);
    }
}

#[test]
fn a_steady_load_takes_no_more_memory_after_its_first_round() {
    let arena = Arena::new(1024, 0);
    let heap = Allocator::new(&arena);
    let round = |heap: &Allocator<&Arena>| {
        let mut rng = Rng(42);
        let mut held = Vec::new();
        for _ in 0..2_000 {
            let layout = random_layout(&mut rng);
            // SAFETY: a non-zero size.
            let p = unsafe { heap.alloc(layout) };
            assert!(!p.is_null());
            held.push((p, layout));
            if held.len() > 50 {
                let (p, l) = held.remove(0);
                // SAFETY: allocated by `heap` with `l`.
                unsafe { heap.dealloc(p, l) };
            }
        }
        for (p, l) in held {
            // SAFETY: as above.
            unsafe { heap.dealloc(p, l) };
        }
    };
    let mut used = Vec::new();
    for _ in 0..24 {
        round(&heap);
        used.push(arena.used.get());
    }
    assert!(used.iter().all(|&u| u == used[0]), "the same load grew the memory again: {used:?}");
}

#[test]
fn out_of_memory_is_a_null_pointer_and_the_allocator_still_works() {
    let arena = Arena::new(4, 0);
    let heap = Allocator::new(&arena);
    let big = Layout::from_size_align(5 * PAGE, 8).unwrap();
    let huge_align = Layout::from_size_align(8, 2 * PAGE).unwrap();
    // SAFETY: non-zero sizes.
    unsafe {
        assert!(heap.alloc(big).is_null());
        assert!(heap.alloc(huge_align).is_null());
        let small = Layout::from_size_align(24, 8).unwrap();
        let p = heap.alloc(small);
        assert!(!p.is_null());
        heap.dealloc(p, small);
        assert_eq!(heap.alloc(small), p, "a freed block is reused first");
    }
}

#[test]
fn a_longer_free_run_is_split_and_its_rest_reused() {
    let arena = Arena::new(16, 0);
    let heap = Allocator::new(&arena);
    let run = |pages: usize| Layout::from_size_align(pages * PAGE - 100, 8).unwrap();
    // SAFETY: non-zero sizes; each block freed with its own layout.
    unsafe {
        let a = heap.alloc(run(6));
        assert!(!a.is_null());
        heap.dealloc(a, run(6));
        let b = heap.alloc(run(2));
        let c = heap.alloc(run(4));
        assert_eq!(b, a, "first fit takes the freed run");
        assert_eq!(c as usize, a as usize + 2 * PAGE, "and its rest serves the next");
        assert_eq!(arena.used.get(), 6, "without growing");
    }
}

#[test]
fn runs_freed_side_by_side_merge_into_a_longer_one() {
    let arena = Arena::new(16, 0);
    let heap = Allocator::new(&arena);
    let run = |pages: usize| Layout::from_size_align(pages * PAGE, 8).unwrap();
    // SAFETY: non-zero sizes; each block freed with its own layout.
    unsafe {
        let a = heap.alloc(run(2));
        let b = heap.alloc(run(3));
        let c = heap.alloc(run(2));
        assert_eq!((b as usize - a as usize, c as usize - b as usize), (2 * PAGE, 3 * PAGE));
        // Freed out of order: c, a, then b between them.
        heap.dealloc(c, run(2));
        heap.dealloc(a, run(2));
        heap.dealloc(b, run(3));
        assert_eq!(heap.alloc(run(7)), a, "the three became one run of 7 pages");
        assert_eq!(arena.used.get(), 7);
    }
}
