//! The error answers of the mock: contract-style 400s and gateway-style
//! 401/403/404s.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// Where the contract's `doc_url` values point; the code is the fragment.
const DOC_URL: &str = "https://docs.prelude.so/verify/v1/documentation/errors#";

/// An error answer: a status and an `ErrorResponse` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    status: StatusCode,
    code: Option<&'static str>,
    message: String,
}

impl ApiError {
    /// A 400 with one of the contract's error codes; `doc_url` is derived
    /// from the code.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self { status: StatusCode::BAD_REQUEST, code: Some(code), message: message.into() }
    }

    /// A gateway-style answer that carries only `message` (401, 403, 404).
    pub fn gateway(status: StatusCode, message: &str) -> Self {
        Self { status, code: None, message: message.to_owned() }
    }

    /// The 400 for an authentication UUID that is malformed or unknown to
    /// this customer.
    pub fn unknown_auth() -> Self {
        Self::bad_request("invalid_auth_uuid", "the authentication UUID is malformed or unknown")
    }
}

/// Wire shape of an error body; absent parts are left out.
#[derive(Serialize)]
struct ErrorBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    doc_url: Option<String>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            code: self.code,
            message: &self.message,
            doc_url: self.code.map(|code| format!("{DOC_URL}{code}")),
        };
        (self.status, Json(body)).into_response()
    }
}
