//! The Ding v1 API under `/v1`: create, check, retry, feedback, status and
//! lookup, with `x-api-key` auth and the v1 error shapes.

mod lookup;
mod requests;
mod state;

use serde::Serialize;

use crate::clock::rfc3339;
use crate::error::ApiError;
use crate::http::{percent_decode, Reply};
use crate::machine::Mock;
use requests::{parse_json, CreateAuthentication, Signals};
use state::{AuthStatus, CheckStatus, Event, RetryStatus};

pub use state::Store;

/// The v1 operations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// `POST /authentication`
    Create,
    /// `POST /authentication/feedback`
    Feedback,
    /// `GET /authentication/{auth_uuid}` with the decoded id.
    Status(String),
    /// `POST /check`
    Check,
    /// `POST /retry`
    Retry,
    /// `GET /lookup/{phone_number}` with the decoded number.
    Lookup(String),
}

/// Finds the operation of a path below `/v1` (`seg`: its raw segments;
/// literal segments match as sent, parameters are percent-decoded, to ""
/// when undecodable); `Err(allowed)` for a known path with another method,
/// `Ok(None)` for an unknown path.
pub fn route(method: &str, seg: &[&str]) -> Result<Option<Op>, &'static str> {
    let decode = |s: &str| percent_decode(s, false).unwrap_or_default();
    let (op, allowed) = match seg {
        ["authentication"] => (Op::Create, "POST"),
        ["authentication", "feedback"] => (Op::Feedback, "POST"),
        ["authentication", id] if !id.is_empty() => (Op::Status(decode(id)), "GET"),
        ["check"] => (Op::Check, "POST"),
        ["retry"] => (Op::Retry, "POST"),
        ["lookup", number] if !number.is_empty() => (Op::Lookup(decode(number)), "GET"),
        _ => return Ok(None),
    };
    if method == allowed || (allowed == "GET" && method == "HEAD") {
        Ok(Some(op))
    } else {
        Err(allowed)
    }
}

/// Refuses API requests without a usable `x-api-key`: 401 when it is
/// missing or empty, 403 when `--api-key` names another key.
pub fn check_key(mock: &Mock, api_key: Option<&str>) -> Result<(), ApiError> {
    let given = api_key.unwrap_or_default();
    if given.is_empty() {
        Err(ApiError::gateway(401, "Unauthorized"))
    } else if mock.config.api_key.as_deref().is_some_and(|key| key != given) {
        Err(ApiError::gateway(403, "Forbidden"))
    } else {
        Ok(())
    }
}

/// Runs one operation.
pub fn handle(mock: &mut Mock, op: &Op, req: &crate::http::Request, now: u64) -> Reply {
    let body = &req.body;
    let result = match op {
        Op::Create => create(mock, body, now),
        Op::Feedback => feedback(mock, body),
        Op::Status(id) => status(mock, id),
        Op::Check => check(mock, body, now),
        Op::Retry => retry(mock, body, now),
        Op::Lookup(number) => lookup::lookup(req.get("customer-uuid").unwrap_or_default(), number, &req.query_pairs()),
    };
    result.unwrap_or_else(|e| e.reply())
}

/// Answer of `POST /authentication`.
#[derive(Serialize)]
struct Created {
    authentication_uuid: String,
    status: AuthStatus,
    created_at: String,
    expires_at: String,
}

/// `POST /authentication`: starts an authentication and, unless the number
/// is spam or rate limited, sends its code to the inbox.
fn create(mock: &mut Mock, body: &[u8], now: u64) -> Result<Reply, ApiError> {
    let req: CreateAuthentication = parse_json(body)?;
    req.validate()?;
    let auth = mock.v1.create(req, &mock.config, &mut mock.inbox, &mut mock.rng, now);
    Ok(Reply::json(
        200,
        &Created {
            authentication_uuid: auth.uuid.clone(),
            status: auth.status,
            created_at: rfc3339(auth.created_at),
            expires_at: rfc3339(auth.expires_at),
        },
    ))
}

/// Answer of `POST /check`.
#[derive(Serialize)]
struct Checked {
    authentication_uuid: String,
    status: CheckStatus,
}

/// `POST /check`: compares a code with the one sent.
fn check(mock: &mut Mock, body: &[u8], now: u64) -> Result<Reply, ApiError> {
    let req: requests::Check = parse_json(body)?;
    let (customer, uuid) = requests::target(&req.customer_uuid, &req.authentication_uuid)?;
    let status = mock
        .v1
        .check(&customer, &uuid, &req.check_code, &mock.config, &mut mock.rng, now)
        .ok_or_else(ApiError::unknown_auth)?;
    Ok(Reply::json(200, &Checked { authentication_uuid: uuid, status }))
}

/// Answer of `POST /retry`.
#[derive(Serialize)]
struct Retried {
    authentication_uuid: String,
    status: RetryStatus,
    created_at: String,
    next_retry_at: String,
    remaining_retry: u32,
}

/// `POST /retry`: resends the code when the rules allow it.
fn retry(mock: &mut Mock, body: &[u8], now: u64) -> Result<Reply, ApiError> {
    let req: requests::Retry = parse_json(body)?;
    let (customer, uuid) = requests::target(&req.customer_uuid, &req.authentication_uuid)?;
    let outcome = mock
        .v1
        .retry(&customer, &uuid, &mock.config, &mut mock.inbox, &mut mock.rng, now)
        .ok_or_else(ApiError::unknown_auth)?;
    Ok(Reply::json(
        200,
        &Retried {
            authentication_uuid: uuid,
            status: outcome.status,
            created_at: rfc3339(now),
            next_retry_at: rfc3339(outcome.next_retry_at),
            remaining_retry: outcome.remaining_retry,
        },
    ))
}

/// Answer of `POST /authentication/feedback`.
#[derive(Serialize)]
struct FeedbackRecorded {
    uuid: String,
}

/// `POST /authentication/feedback`: records an onboarding outcome once per
/// status and number.
fn feedback(mock: &mut Mock, body: &[u8]) -> Result<Reply, ApiError> {
    let req: requests::Feedback = parse_json(body)?;
    let customer = req.validate()?;
    let uuid = mock.v1.feedback(&customer, &req.phone_number, &req.status, &mut mock.rng)?;
    Ok(Reply::json(200, &FeedbackRecorded { uuid }))
}

/// Answer of `GET /authentication/{auth_uuid}`; absent optional fields are
/// left out, never `null`.
#[derive(Serialize)]
struct StatusReport<'a> {
    uuid: &'a str,
    phone_number: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    template_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    correlation_id: Option<&'a str>,
    created_at: String,
    signals: &'a Signals,
    events: &'a [Event],
}

/// `GET /authentication/{auth_uuid}`: an authentication, its signals and its
/// history in time order.
fn status(mock: &Mock, id: &str) -> Result<Reply, ApiError> {
    let uuid = requests::auth_uuid(id)?;
    let auth = mock.v1.get(&uuid).ok_or_else(ApiError::unknown_auth)?;
    Ok(Reply::json(
        200,
        &StatusReport {
            uuid: &auth.uuid,
            phone_number: &auth.phone_number,
            template_id: auth.template_id.as_deref(),
            correlation_id: auth.correlation_id.as_deref(),
            created_at: rfc3339(auth.created_at),
            signals: &auth.signals,
            events: &auth.events,
        },
    ))
}

pub(crate) use lookup::{caller_name, classify, Country, LineKind};
