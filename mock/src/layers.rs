//! Middleware shared by all routes: CORS, the API-key gate and the 404
//! fallback.

use axum::extract::{Request, State};
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE,
};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::state::App;

/// Request headers a page may send.
const ALLOW_HEADERS: &str = "content-type, accept, x-api-key, customer-uuid, authorization, x-ding-mock-fault";

/// Response headers a page may read.
const EXPOSE_HEADERS: &str = "retry-after, retry-after-ms, x-request-id, location, x-echo-key";

/// Lets a page on any origin call the mock: answers every preflight
/// (`OPTIONS`) with 204 itself, before routing and without an API key, and
/// marks every other answer readable from any origin.
pub async fn cors(req: Request, next: Next) -> Response {
    let preflight = req.method() == Method::OPTIONS;
    // Chrome asks before a public page calls a loopback server.
    let private_network = req.headers().contains_key("access-control-request-private-network");
    let mut res = if preflight { StatusCode::NO_CONTENT.into_response() } else { next.run(req).await };
    let headers = res.headers_mut();
    headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    if preflight {
        let methods = HeaderValue::from_static("GET, POST, OPTIONS");
        headers.insert(ACCESS_CONTROL_ALLOW_METHODS, methods);
        let allowed = HeaderValue::from_static(ALLOW_HEADERS);
        headers.insert(ACCESS_CONTROL_ALLOW_HEADERS, allowed);
        headers.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
        if private_network {
            let yes = HeaderValue::from_static("true");
            headers.insert("access-control-allow-private-network", yes);
        }
    } else {
        let exposed = HeaderValue::from_static(EXPOSE_HEADERS);
        headers.insert(ACCESS_CONTROL_EXPOSE_HEADERS, exposed);
        // An id per answer, as a real API gives one to quote to support.
        if let Ok(id) = HeaderValue::from_str(&crate::state::new_id()) {
            headers.entry("x-request-id").or_insert(id);
        }
    }
    res
}

/// Refuses API requests without a usable `x-api-key`: 401 when it is
/// missing or empty, 403 when `--api-key` names another key.
pub async fn require_api_key(State(app): State<App>, req: Request, next: Next) -> Response {
    let given = req.headers().get("x-api-key").map(HeaderValue::as_bytes).unwrap_or_default();
    let expected = app.config.api_key.as_deref().map(str::as_bytes);
    if given.is_empty() {
        ApiError::gateway(StatusCode::UNAUTHORIZED, "Unauthorized").into_response()
    } else if expected.is_some_and(|key| key != given) {
        ApiError::gateway(StatusCode::FORBIDDEN, "Forbidden").into_response()
    } else {
        next.run(req).await
    }
}

/// Answer for paths the mock does not serve.
pub async fn not_found() -> ApiError {
    ApiError::gateway(StatusCode::NOT_FOUND, "Not Found")
}
