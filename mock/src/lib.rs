//! `ding-mock`: a local, stateful mock of the Ding OTP v1 API (`/v1`) and
//! of its successor, the Prelude v2 API (`/v2`).
//!
//! It lets tests, the demo page and users run a whole OTP flow (send a code,
//! read it from a mock inbox, check it, retry, look a number up, get signed
//! webhooks) with no API key and no network. Faults can be injected per
//! request to exercise a client's error handling.
//!
//! The crate is a sans-IO core and hosts around it:
//! * the core, [`Mock`]: [`Mock::handle`] takes a plain [`Request`] and the
//!   time, and gives a plain [`Reply`] that also says what the host must do
//!   (wait, cut the connection, deliver webhooks). It reads no clock and no
//!   OS randomness, so it builds for `wasm32-unknown-unknown` without the
//!   default `server` feature;
//! * the axum host (feature `server`): [`app`] builds the router, and the
//!   `ding-mock` binary parses its command line with [`parse_args`] and
//!   serves that router.

mod clock;
mod config;
mod error;
mod faults;
mod http;
mod inbox;
mod machine;
mod rng;
mod v1;
mod v2;
mod webhook;

#[cfg(feature = "server")]
mod host;

pub mod validate;

pub use config::{parse_args, Command, Config, USAGE};
pub use faults::FaultSpec;
pub use http::{form_pairs, percent_decode, Delay, Delivery, Reply, Request};
pub use machine::{Mock, MAX_BODY_BYTES};
pub use v2::magic;
pub use webhook::base64url;

#[cfg(feature = "server")]
pub use host::{app, app_with, now_ms, os_seed};
