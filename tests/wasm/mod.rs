//! wasm tests
