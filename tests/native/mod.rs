//! Native tests (plain `cargo test`): models against the contract, input
//! checks, URLs, dates and the generated TypeScript.

mod alloc;
mod contract;
mod decode;
mod inputs;
mod prelude;
mod retry;
mod support;
mod typescript;
mod units;
