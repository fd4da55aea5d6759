//! The Prelude v2 API under `/v2`: verification (create, which is also
//! retry, and check), lookup, Watch and verification management, with
//! bearer-token auth and `{code, message, param}` errors.

mod input;
mod json;
mod lookup;
pub mod magic;
mod manage;
mod verify;
mod watch;

use serde_json::{json, Value};

use crate::error::V2Error;
use crate::http::{percent_decode, Reply, Request};
use crate::machine::Mock;

/// The sender id every account starts with, already approved.
pub const DEFAULT_SENDER: &str = "Prelude";

/// Everything v2 remembers.
#[derive(Debug)]
pub struct Store {
    windows: verify::Windows,
    lists: manage::Lists,
    senders: Vec<manage::SenderId>,
    watch: watch::Records,
}

impl Default for Store {
    fn default() -> Self {
        let submitted = manage::SenderId::approved(DEFAULT_SENDER);
        Self {
            windows: verify::Windows::default(),
            lists: manage::Lists::default(),
            senders: vec![submitted],
            watch: watch::Records::default(),
        }
    }
}

impl Store {
    /// `GET /v2/_mock/watch`: what Watch recorded.
    pub fn watch_log(&self) -> Value {
        serde_json::to_value(&self.watch).unwrap_or_else(|_| json!({}))
    }
}

/// The v2 operations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// `POST /verification`
    Create,
    /// `POST /verification/check`
    Check,
    /// `GET /lookup/{phone_number}` with the decoded number.
    Lookup(String),
    /// `POST /watch/predict`
    Predict,
    /// `POST /watch/feedback`
    Feedback,
    /// `POST /watch/event`
    Event,
    /// `GET /verification/management/phone-numbers/{action}`
    ListNumbers(String),
    /// `POST /verification/management/phone-numbers/{action}`
    AddNumber(String),
    /// `DELETE /verification/management/phone-numbers/{action}`
    RemoveNumber(String),
    /// `GET /verification/management/sender-id`
    ListSenders,
    /// `POST /verification/management/sender-id`
    SubmitSender,
}

/// Finds the operation of a path below `/v2` (raw segments; parameters are
/// percent-decoded, a raw `+` stays a `+`); `Err(allowed)` for a known
/// path with another method, `Ok(None)` for an unknown path.
pub fn route(method: &str, seg: &[&str]) -> Result<Option<Op>, &'static str> {
    let decode = |s: &str| percent_decode(s, false).unwrap_or_default();
    let get = method == "GET" || method == "HEAD";
    let op = match (seg, method) {
        (["verification"], "POST") => Op::Create,
        (["verification"], _) => return Err("POST"),
        (["verification", "check"], "POST") => Op::Check,
        (["verification", "check"], _) => return Err("POST"),
        (["lookup", number], _) if !number.is_empty() && get => Op::Lookup(decode(number)),
        (["lookup", number], _) if !number.is_empty() => return Err("GET"),
        (["watch", "predict"], "POST") => Op::Predict,
        (["watch", "feedback"], "POST") => Op::Feedback,
        (["watch", "event"], "POST") => Op::Event,
        (["watch", "predict" | "feedback" | "event"], _) => return Err("POST"),
        (["verification", "management", "phone-numbers", action], _) if !action.is_empty() => match method {
            "GET" | "HEAD" => Op::ListNumbers(decode(action)),
            "POST" => Op::AddNumber(decode(action)),
            "DELETE" => Op::RemoveNumber(decode(action)),
            _ => return Err("GET, POST, DELETE"),
        },
        (["verification", "management", "sender-id"], _) => match method {
            "GET" | "HEAD" => Op::ListSenders,
            "POST" => Op::SubmitSender,
            _ => return Err("GET, POST"),
        },
        _ => return Ok(None),
    };
    Ok(Some(op))
}

/// The bearer-token check: `missing_api_token` without an `Authorization`
/// header, `invalid_api_key` when it is not `Bearer <token>` or, with
/// `--api-key`, names another token. Both 401.
pub fn check_key(mock: &Mock, authorization: Option<&str>) -> Result<(), V2Error> {
    let Some(value) = authorization.map(str::trim).filter(|v| !v.is_empty()) else {
        return Err(V2Error::unauthorized("missing_api_token", "the Authorization header is missing"));
    };
    let token = value
        .split_once(' ')
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .filter(|token| !token.is_empty() && !token.contains(char::is_whitespace));
    let Some(token) = token else {
        return Err(V2Error::unauthorized("invalid_api_key", "the Authorization header must be Bearer <API key>"));
    };
    if mock.config.api_key.as_deref().is_some_and(|key| key != token) {
        return Err(V2Error::unauthorized("invalid_api_key", "the API key is not valid"));
    }
    Ok(())
}

/// Runs one operation.
pub fn handle(mock: &mut Mock, op: &Op, req: &Request, now: u64, request_id: &str) -> Reply {
    let body = &req.body;
    let result = match op {
        Op::Create => verify::create(mock, body, now, request_id),
        Op::Check => verify::check(mock, body, now, request_id),
        Op::Lookup(number) => lookup::lookup(number, &req.query_pairs()),
        Op::Predict => watch::predict(mock, body, now, request_id),
        Op::Feedback => watch::feedback(mock, body, request_id),
        Op::Event => watch::event(mock, body, request_id),
        Op::ListNumbers(action) => manage::list(mock, action),
        Op::AddNumber(action) => manage::add(mock, action, body, now),
        Op::RemoveNumber(action) => manage::remove(mock, action, body),
        Op::ListSenders => Ok(manage::senders(mock)),
        Op::SubmitSender => manage::submit(mock, body),
    };
    result.unwrap_or_else(|e| e.reply())
}
