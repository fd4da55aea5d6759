//! The error answers of the mock: v1 contract-style 400s, v2 `{code,
//! message, param}` errors, and gateway-style 401/403/404s.

use serde::Serialize;

use crate::http::Reply;

/// Where the v1 contract's `doc_url` values point; the code is the fragment.
const DOC_URL: &str = "https://docs.prelude.so/verify/v1/documentation/errors#";

/// A v1 error answer: a status and an `ErrorResponse` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    status: u16,
    code: Option<&'static str>,
    message: String,
}

impl ApiError {
    /// A 400 with one of the contract's error codes; `doc_url` is derived
    /// from the code.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self { status: 400, code: Some(code), message: message.into() }
    }

    /// A gateway-style answer that carries only `message` (401, 403, 404).
    pub fn gateway(status: u16, message: &str) -> Self {
        Self { status, code: None, message: message.to_owned() }
    }

    /// The 400 for an authentication UUID that is malformed or unknown to
    /// this customer.
    pub fn unknown_auth() -> Self {
        Self::bad_request("invalid_auth_uuid", "the authentication UUID is malformed or unknown")
    }

    /// The answer.
    pub fn reply(&self) -> Reply {
        #[derive(Serialize)]
        struct Body<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            code: Option<&'a str>,
            message: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            doc_url: Option<String>,
        }
        let body =
            Body { code: self.code, message: &self.message, doc_url: self.code.map(|code| format!("{DOC_URL}{code}")) };
        Reply::json(self.status, &body)
    }
}

/// A v2 error answer: `{code, message, param}` (`param` left out when no
/// single input is at fault).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct V2Error {
    /// HTTP status (400 for bad input, 401 for keys).
    pub status: u16,
    /// One of the contract's `ErrorCode` values.
    pub code: &'static str,
    /// Readable explanation.
    pub message: String,
    /// The input at fault, as a dotted path (`target.value`,
    /// `feedbacks[3].type`).
    pub param: Option<String>,
}

impl V2Error {
    /// A 400 about the input `param`.
    pub fn new(code: &'static str, param: &str, message: impl Into<String>) -> Self {
        Self { status: 400, code, message: message.into(), param: Some(param.to_owned()) }
    }

    /// A 400 about no single input.
    pub fn general(code: &'static str, message: impl Into<String>) -> Self {
        Self { status: 400, code, message: message.into(), param: None }
    }

    /// A 401 (`missing_api_token`, `invalid_api_key`).
    pub fn unauthorized(code: &'static str, message: &str) -> Self {
        Self { status: 401, code, message: message.to_owned(), param: None }
    }

    /// The answer.
    pub fn reply(&self) -> Reply {
        #[derive(Serialize)]
        struct Body<'a> {
            code: &'a str,
            message: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            param: Option<&'a str>,
        }
        Reply::json(self.status, &Body { code: self.code, message: &self.message, param: self.param.as_deref() })
    }
}
