//! The SDK's pure modules (the core, and each API's models), compiled
//! natively for the fuzzer. The SDK crate is a cdylib only, so its source
//! files are included here rather than linked.
#![allow(dead_code)]

#[path = "../../src/core/mod.rs"]
pub mod core;

/// The v1 models.
#[path = "../../src/ding"]
pub mod ding {
    pub mod models;
}

/// The v2 models.
#[path = "../../src/prelude"]
pub mod prelude {
    pub mod models;
}
