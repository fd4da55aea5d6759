//! Mock-only endpoints under `/v1/_mock/`: the inbox, fault-key counters,
//! reset and health. They need no API key and ignore fault injection.

use axum::extract::{Query, State};
use axum::Json;
use serde::{Deserialize, Serialize};

use crate::state::{App, Message};

/// Query of `GET /v1/_mock/messages`.
#[derive(Debug, Deserialize)]
pub struct MessagesQuery {
    phone_number: Option<String>,
}

/// Answer of `GET /v1/_mock/messages`.
#[derive(Debug, Serialize)]
pub struct Inbox {
    messages: Vec<Message>,
}

/// `GET /v1/_mock/messages[?phone_number=...]`: the messages "sent" so far,
/// oldest first.
///
/// A raw `+` in a query string decodes as a space, so a number given as
/// `?phone_number=+33...` still matches: a leading space or no sign at all is
/// read as `+`.
pub async fn messages(State(app): State<App>, Query(query): Query<MessagesQuery>) -> Json<Inbox> {
    let phone = query.phone_number.map(|p| {
        let digits = p.trim().trim_start_matches('+');
        format!("+{digits}")
    });
    let messages = app.store().messages(phone.as_deref());
    Json(Inbox { messages })
}

/// Query of `GET /v1/_mock/requests`.
#[derive(Debug, Deserialize)]
pub struct KeyQuery {
    #[serde(default)]
    key: String,
}

/// Answer of `GET /v1/_mock/requests`.
#[derive(Debug, Serialize)]
pub struct KeyCount {
    count: u64,
}

/// `GET /v1/_mock/requests?key=K`: how many API requests carried fault key K.
pub async fn requests(State(app): State<App>, Query(query): Query<KeyQuery>) -> Json<KeyCount> {
    let count = app.store().fault_key_count(&query.key);
    Json(KeyCount { count })
}

/// Answer of the reset and health endpoints.
#[derive(Debug, Serialize)]
pub struct Done {
    ok: bool,
}

/// `POST /v1/_mock/reset`: forgets every authentication, message, feedback
/// and fault-key count.
pub async fn reset(State(app): State<App>) -> Json<Done> {
    app.store().reset();
    Json(Done { ok: true })
}

/// `GET /v1/_mock/health`: tells that the server is up.
pub async fn health() -> Json<Done> {
    Json(Done { ok: true })
}
