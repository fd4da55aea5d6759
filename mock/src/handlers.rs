//! Handlers of the OTP operations: create, check, retry, feedback and status.

use std::time::SystemTime;

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::Json;
use serde::Serialize;

use crate::error::ApiError;
use crate::requests::{self, parse_json, CreateAuthentication, Signals};
use crate::state::{rfc3339, App, AuthStatus, CheckStatus, Event, RetryStatus};

/// Answer of `POST /authentication`.
#[derive(Serialize)]
pub struct Created {
    authentication_uuid: String,
    status: AuthStatus,
    created_at: String,
    expires_at: String,
}

/// `POST /authentication`: starts an authentication and, unless the number
/// is spam or rate limited, sends its code to the inbox.
pub async fn create_authentication(State(app): State<App>, body: Bytes) -> Result<Json<Created>, ApiError> {
    let req: CreateAuthentication = parse_json(&body)?;
    req.validate()?;
    let mut store = app.store();
    let auth = store.create(req, &app.config, SystemTime::now());
    Ok(Json(Created {
        authentication_uuid: auth.uuid.clone(),
        status: auth.status,
        created_at: rfc3339(auth.created_at),
        expires_at: rfc3339(auth.expires_at),
    }))
}

/// Answer of `POST /check`.
#[derive(Serialize)]
pub struct Checked {
    authentication_uuid: String,
    status: CheckStatus,
}

/// `POST /check`: compares a code with the one sent.
pub async fn check(State(app): State<App>, body: Bytes) -> Result<Json<Checked>, ApiError> {
    let req: requests::Check = parse_json(&body)?;
    let (customer, uuid) = requests::target(&req.customer_uuid, &req.authentication_uuid)?;
    let now = SystemTime::now();
    let status =
        app.store().check(&customer, &uuid, &req.check_code, &app.config, now).ok_or_else(ApiError::unknown_auth)?;
    Ok(Json(Checked { authentication_uuid: uuid, status }))
}

/// Answer of `POST /retry`.
#[derive(Serialize)]
pub struct Retried {
    authentication_uuid: String,
    status: RetryStatus,
    created_at: String,
    next_retry_at: String,
    remaining_retry: u32,
}

/// `POST /retry`: resends the code when the rules allow it.
pub async fn retry(State(app): State<App>, body: Bytes) -> Result<Json<Retried>, ApiError> {
    let req: requests::Retry = parse_json(&body)?;
    let (customer, uuid) = requests::target(&req.customer_uuid, &req.authentication_uuid)?;
    let now = SystemTime::now();
    let outcome = app.store().retry(&customer, &uuid, &app.config, now).ok_or_else(ApiError::unknown_auth)?;
    Ok(Json(Retried {
        authentication_uuid: uuid,
        status: outcome.status,
        created_at: rfc3339(now),
        next_retry_at: rfc3339(outcome.next_retry_at),
        remaining_retry: outcome.remaining_retry,
    }))
}

/// Answer of `POST /authentication/feedback`.
#[derive(Serialize)]
pub struct FeedbackRecorded {
    uuid: String,
}

/// `POST /authentication/feedback`: records an onboarding outcome once per
/// status and number.
pub async fn feedback(State(app): State<App>, body: Bytes) -> Result<Json<FeedbackRecorded>, ApiError> {
    let req: requests::Feedback = parse_json(&body)?;
    let customer = req.validate()?;
    let uuid = app.store().feedback(&customer, &req.phone_number, &req.status)?;
    Ok(Json(FeedbackRecorded { uuid }))
}

/// Answer of `GET /authentication/{auth_uuid}`; absent optional fields are
/// left out, never `null`.
#[derive(Serialize)]
pub struct StatusReport {
    uuid: String,
    phone_number: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    template_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    correlation_id: Option<String>,
    created_at: String,
    signals: Signals,
    events: Vec<Event>,
}

/// `GET /authentication/{auth_uuid}`: an authentication, its signals and its
/// history in time order.
pub async fn status(
    State(app): State<App>,
    auth_uuid: Result<Path<String>, PathRejection>,
) -> Result<Json<StatusReport>, ApiError> {
    let uuid = requests::auth_uuid(&requests::path_text(auth_uuid))?;
    let store = app.store();
    let auth = store.get(&uuid).ok_or_else(ApiError::unknown_auth)?;
    Ok(Json(StatusReport {
        uuid: auth.uuid.clone(),
        phone_number: auth.phone_number.clone(),
        template_id: auth.template_id.clone(),
        correlation_id: auth.correlation_id.clone(),
        created_at: rfc3339(auth.created_at),
        signals: auth.signals.clone(),
        events: auth.events.clone(),
    }))
}
