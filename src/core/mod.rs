//! The machinery both APIs share, written once: the type descriptors and
//! the one reader, decoder and TypeScript writer over them; input checks;
//! the client options; the call state machine with its retry policy; the
//! transport boundary; errors and the redaction of the key.
//!
//! Only `js`, `transport` and `call` need a JS host; everything else is
//! plain Rust, tested natively with `cargo test`.

pub mod alloc;
pub mod call;
pub mod checks;
pub mod decode;
pub mod error;
pub mod formats;
pub mod js;
pub mod json;
pub mod options;
pub mod read;
pub mod redact;
pub mod retry;
pub mod schema;
pub mod server;
pub mod text;
pub mod time;
pub mod transport;
pub mod typescript;
pub mod value;
