//! ding-otp: clients for the Ding OTP API (v1) and its successor, the
//! Prelude API (v2), built for WebAssembly and used from JavaScript in
//! browsers, Node.js, Deno, Bun and Cloudflare Workers.
//!
//! - [`core`]: the machinery both share (descriptors of the API types and
//!   the one reader, decoder and TypeScript writer over them, checks,
//!   options, the call state machine and its retry policy, transport,
//!   errors, redaction).
//! - [`ding`] (feature `ding`): the v1 models and the `Ding` JS classes.
//! - [`prelude`] (feature `prelude`): the v2 models, the `Prelude` JS
//!   classes and webhook verification.
//!
//! Each API is its own wasm module (`scripts/build.sh` builds the crate
//! once per feature), so an app that imports one never downloads the other.

#![deny(missing_docs, missing_debug_implementations)]

pub mod core;
#[cfg(feature = "ding")]
pub mod ding;
#[cfg(feature = "prelude")]
pub mod prelude;

use wasm_bindgen::prelude::*;

/// The module's allocator: power-of-two free lists over `memory.grow`
/// (`core::alloc`), in place of the larger default (kept with the feature
/// `default-allocator`, for the benchmark's side-by-side figures).
#[cfg(all(target_arch = "wasm32", not(feature = "default-allocator")))]
#[global_allocator]
static ALLOCATOR: crate::core::alloc::Allocator<crate::core::alloc::WasmPages> =
    crate::core::alloc::Allocator::new(crate::core::alloc::WasmPages);

#[wasm_bindgen(typescript_custom_section)]
const TS_ERRORS: &str = include_str!("../js/errors.d.ts");

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "../tests/native/mod.rs"]
mod native_tests;

#[cfg(all(test, target_arch = "wasm32"))]
#[path = "../tests/wasm/mod.rs"]
mod wasm_tests;
