//! The SDK's pure modules (models, decoding, input checks, retry policy,
//! URLs), compiled natively for the fuzzer. The SDK crate is a cdylib only,
//! so its source files are included here rather than linked.
#![allow(dead_code)]

#[path = "../../src/checks.rs"]
pub mod checks;
#[path = "../../src/model.rs"]
pub mod model;
#[path = "../../src/models/mod.rs"]
pub mod models;
#[path = "../../src/retry.rs"]
pub mod retry;
#[path = "../../src/time.rs"]
pub mod time;
#[path = "../../src/url.rs"]
pub mod url;
#[path = "../../src/validate.rs"]
pub mod validate;
#[path = "../../src/value.rs"]
pub mod value;

pub use time::Timestamp;
