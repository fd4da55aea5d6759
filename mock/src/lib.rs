//! `ding-mock`: a local, stateful mock of the Ding OTP v1 API.
//!
//! It lets tests, the demo page and users run a whole OTP flow (send a code,
//! read it from a mock inbox, check it, retry, give feedback, read the
//! history, look a number up) with no API key and no network. Faults can be
//! injected per request to exercise a client's error handling.
//!
//! [`app`] builds the router; the `ding-mock` binary parses its command line
//! with [`parse_args`] and serves that router.

mod config;
mod error;
mod faults;
mod handlers;
mod layers;
mod lookup;
mod mock_routes;
mod requests;
mod state;

pub mod validate;

use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};
use axum::Router;

pub use config::{parse_args, Command, Config, USAGE};
pub use faults::FaultSpec;

use state::App;

/// Builds the whole mock: the Ding v1 API and the mock-only endpoints under
/// `/v1`, with CORS on every answer.
///
/// API requests go through fault injection first, then the API-key check,
/// then their handler; the mock-only endpoints (`/v1/_mock/...`) skip both.
pub fn app(config: Config) -> Router {
    let state = App::new(config);
    let api = Router::new()
        .route("/authentication", post(handlers::create_authentication))
        .route("/authentication/feedback", post(handlers::feedback))
        .route("/authentication/{auth_uuid}", get(handlers::status))
        .route("/check", post(handlers::check))
        .route("/retry", post(handlers::retry))
        .route("/lookup/{phone_number}", get(lookup::lookup))
        .route_layer(from_fn_with_state(state.clone(), layers::require_api_key))
        .route_layer(from_fn_with_state(state.clone(), faults::inject));
    let mock = Router::new()
        .route("/_mock/messages", get(mock_routes::messages))
        .route("/_mock/requests", get(mock_routes::requests))
        .route("/_mock/reset", post(mock_routes::reset))
        .route("/_mock/health", get(mock_routes::health));
    Router::new()
        .nest("/v1", api.merge(mock))
        .fallback(layers::not_found)
        .layer(from_fn(layers::cors))
        .with_state(state)
}
