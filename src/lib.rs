//! ding-otp: a client for the Ding OTP API, built for WebAssembly and used
//! from JavaScript in browsers, Node.js, Deno, Bun and Cloudflare Workers.
//!
//! The JS surface is [`Ding`] with its `otp` and `lookup` resources. The
//! models are declared once in [`models`] and give the wire format (snake_case
//! JSON), the JS shape (camelCase objects, `Date`s) and the TypeScript
//! declarations. Everything but `client`, `transport` and `js` is plain Rust,
//! tested natively with `cargo test`.

#![deny(missing_docs, missing_debug_implementations)]

mod checks;
mod client;
pub mod error;
mod js;
pub mod model;
pub mod models;
mod options;
pub mod retry;
mod time;
mod transport;
mod url;
pub mod validate;
pub mod value;

pub use client::{Ding, Lookup, Otp};
pub use error::{Error, ErrorKind};
pub use time::Timestamp;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_OPTIONS: &str = include_str!("../ts/options.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TS_MODELS: &str = include_str!("../ts/models.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TS_ERRORS: &str = include_str!("../js/errors.d.ts");

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "../tests/native/mod.rs"]
mod native_tests;

#[cfg(all(test, target_arch = "wasm32"))]
#[path = "../tests/wasm/mod.rs"]
mod wasm_tests;
