//! The Watch endpoints: `predict` scores a target by the magic numbers,
//! `feedback` and `event` check and record up to 100 items each.

use serde::Serialize;
use serde_json::{json, Value};

use super::input::{self, plain_text};
use super::json::{invalid, Obj};
use super::magic;
use crate::error::V2Error;
use crate::http::Reply;
use crate::machine::{ok, Mock};

/// Most items in one feedback or event request.
const MAX_ITEMS: usize = 100;

/// What Watch recorded, as `GET /v2/_mock/watch` shows it.
#[derive(Debug, Default, Serialize)]
pub struct Records {
    predictions: Vec<Value>,
    feedbacks: Vec<Value>,
    events: Vec<Value>,
}

/// Answer of predict.
#[derive(Serialize)]
struct Prediction<'a> {
    id: &'a str,
    prediction: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    risk_factors: &'a [&'a str],
    request_id: &'a str,
}

/// `POST /v2/watch/predict`.
pub fn predict(mock: &mut Mock, body: &[u8], now: u64, request_id: &str) -> Result<Reply, V2Error> {
    let body = super::json::parse(body)?;
    let root = Obj::root(&body);
    let target = input::target(&root)?;
    let dispatch_id = input::dispatch_id(&root)?;
    input::metadata(&root)?;
    input::signals(&root)?;
    let phone = target.phone();
    let factors: &[&str] = if phone.is_some_and(|p| mock.v2.lists.contains("allow", p)) {
        &[]
    } else if dispatch_id.as_deref() == Some(magic::INVALID_SIGNATURE_DISPATCH) {
        &["suspected_request_tampering"]
    } else if phone.is_some_and(|p| mock.v2.lists.contains("block", p)) {
        &["fraud_database"]
    } else {
        match phone.map(magic::suffix) {
            Some(magic::SUSPICIOUS_SUFFIX) => magic::SUSPICIOUS_FACTORS,
            Some(magic::TEMPORARY_SUFFIX) => &["temporary_phone_number"],
            _ => &[],
        }
    };
    let id = mock.rng.ulid(now);
    let prediction = if factors.is_empty() { "legitimate" } else { "suspicious" };
    mock.v2.watch.predictions.push(json!({"id": id, "prediction": prediction, "request": body}));
    Ok(ok(&Prediction { id: &id, prediction, risk_factors: factors, request_id }))
}

/// Answer of feedback and event.
#[derive(Serialize)]
struct Accepted<'a> {
    status: &'a str,
    request_id: &'a str,
}

/// The items of the required array `name`: at most [`MAX_ITEMS`], each an
/// object checked by `check`.
fn items(body: &Value, name: &str, check: fn(&Obj) -> Result<(), V2Error>) -> Result<Vec<Value>, V2Error> {
    let root = Obj::root(body);
    let field = root.required(name)?;
    let items = field.items()?;
    if items.len() > MAX_ITEMS {
        return Err(invalid(name, format!("{name} holds at most {MAX_ITEMS} items, got {}", items.len())));
    }
    for item in &items {
        check(&item.obj()?)?;
    }
    Ok(items.iter().map(|item| item.value.clone()).collect())
}

fn check_feedback(item: &Obj) -> Result<(), V2Error> {
    input::target(item)?;
    let kind = item.req_str("type")?;
    if !matches!(kind, "verification.started" | "verification.completed") {
        return Err(invalid(&item.param("type"), "type must be verification.started or verification.completed"));
    }
    input::metadata(item)?;
    input::dispatch_id(item)?;
    input::signals(item)
}

fn check_event(item: &Obj) -> Result<(), V2Error> {
    input::target(item)?;
    let label = item.req_str("label")?;
    if !plain_text(label) {
        return Err(invalid(&item.param("label"), "label must be non-empty text"));
    }
    let confidence = item.req_str("confidence")?;
    if !matches!(confidence, "maximum" | "high" | "neutral" | "low" | "minimum") {
        return Err(invalid(&item.param("confidence"), "confidence must be maximum, high, neutral, low or minimum"));
    }
    Ok(())
}

/// `POST /v2/watch/feedback`.
pub fn feedback(mock: &mut Mock, body: &[u8], request_id: &str) -> Result<Reply, V2Error> {
    let body = super::json::parse(body)?;
    let recorded = items(&body, "feedbacks", check_feedback)?;
    mock.v2.watch.feedbacks.extend(recorded);
    Ok(ok(&Accepted { status: "success", request_id }))
}

/// `POST /v2/watch/event`.
pub fn event(mock: &mut Mock, body: &[u8], request_id: &str) -> Result<Reply, V2Error> {
    let body = super::json::parse(body)?;
    let recorded = items(&body, "events", check_event)?;
    mock.v2.watch.events.extend(recorded);
    Ok(ok(&Accepted { status: "success", request_id }))
}
