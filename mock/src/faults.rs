//! Fault injection for API requests, driven by the `x-ding-mock-fault`
//! request header or by `--fault` for every request.
//!
//! A spec is a `;`-separated list of `name=value` items and flags, for
//! example `status=503;retry-after=2;key=t1;times=1`. `status` and `drop`
//! answer before the handler runs, so the mock's state does not change;
//! `body` faults run the handler and then spoil its 2xx answer.

use std::io;
use std::time::{Duration, SystemTime};

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use axum::http::response::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::{stream, StreamExt};
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::state::{rfc3339, App};

/// Request header that carries a per-request fault spec.
pub const HEADER: &str = "x-ding-mock-fault";

/// Body of an injected error status (unless `body=` says otherwise).
const INJECTED: &str = r#"{"code":"internal_server_error","message":"injected"}"#;

/// Body of `body=html`, as a proxy in front of an API might answer.
const HTML: &str = "<html><body><h1>502 Bad Gateway</h1></body></html>";

/// Size of the extra string field added by `body=huge`.
const HUGE_PADDING: usize = 8 << 20;

/// Pause between the partial body and the abort of `drop`, so the client
/// surely receives the first bytes before the connection goes.
const DROP_PAUSE: Duration = Duration::from_millis(50);

/// Fields whose string values `body=unknown-enum` replaces.
const ENUM_FIELDS: &[&str] = &["status", "line_type", "capability", "balance_update_type", "device_type"];

/// How `body=` spoils an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFault {
    /// Zero bytes.
    Empty,
    /// An HTML error page with `content-type: text/html`.
    Html,
    /// The first half of the real JSON.
    Truncated,
    /// The real JSON with strings turned into numbers, numbers into strings
    /// and booleans into objects.
    WrongTypes,
    /// The real JSON with enum fields set to `brand_new_<field>`.
    UnknownEnum,
    /// The real JSON with an extra `carrier_lookup` event (like
    /// `UnknownEnum` when the answer has no `events`).
    UnknownEvent,
    /// The real JSON plus a `mock_padding` string of 8 MiB.
    Huge,
    /// The real JSON with two unreadable items added to `events`: an
    /// `attempt` whose `attempt_number` is a string, and a `null`.
    BadEvent,
}

impl BodyFault {
    fn parse(name: &str) -> Result<Self, String> {
        Ok(match name {
            "empty" => Self::Empty,
            "html" => Self::Html,
            "truncated" => Self::Truncated,
            "wrong-types" => Self::WrongTypes,
            "unknown-enum" => Self::UnknownEnum,
            "unknown-event" => Self::UnknownEvent,
            "huge" => Self::Huge,
            "bad-event" => Self::BadEvent,
            _ => return Err(format!("unknown body fault {name:?}")),
        })
    }

    /// Builds the spoiled answer from the real one's head and body.
    fn apply(self, mut parts: Parts, body: Bytes) -> Response {
        parts.headers.remove(CONTENT_LENGTH);
        let body = match self {
            Self::Empty => Bytes::new(),
            Self::Html => {
                let html = HeaderValue::from_static("text/html; charset=utf-8");
                parts.headers.insert(CONTENT_TYPE, html);
                Bytes::from_static(HTML.as_bytes())
            }
            Self::Truncated => body.slice(..body.len() / 2),
            Self::WrongTypes | Self::UnknownEnum | Self::UnknownEvent | Self::Huge | Self::BadEvent => {
                match serde_json::from_slice::<Value>(&body) {
                    Ok(mut json) => {
                        self.edit(&mut json);
                        Bytes::from(json.to_string())
                    }
                    Err(_) => body,
                }
            }
        };
        Response::from_parts(parts, Body::from(body))
    }

    /// Changes a decoded JSON answer for the faults that keep it JSON.
    fn edit(self, json: &mut Value) {
        match self {
            Self::WrongTypes => wrong_types(json),
            Self::UnknownEnum => unknown_enums(json),
            Self::UnknownEvent => match json.get_mut("events").and_then(Value::as_array_mut) {
                Some(events) => events.push(json!({
                    "type": "carrier_lookup",
                    "created_at": rfc3339(SystemTime::now()),
                    "foo": 1,
                })),
                None => unknown_enums(json),
            },
            Self::BadEvent => {
                if let Some(events) = json.get_mut("events").and_then(Value::as_array_mut) {
                    let bad =
                        json!({"type": "attempt", "attempt_number": "one", "created_at": rfc3339(SystemTime::now())});
                    events.push(bad);
                    events.push(Value::Null);
                }
            }
            Self::Huge => {
                if let Some(object) = json.as_object_mut() {
                    let padding = Value::String("x".repeat(HUGE_PADDING));
                    object.insert("mock_padding".to_owned(), padding);
                }
            }
            Self::Empty | Self::Html | Self::Truncated => {}
        }
    }
}

/// Turns every leaf of a JSON value into another type.
fn wrong_types(value: &mut Value) {
    match value {
        Value::String(text) => *value = Value::from(text.len()),
        Value::Number(number) => *value = Value::String(number.to_string()),
        Value::Bool(flag) => *value = json!({ "value": *flag }),
        Value::Array(items) => items.iter_mut().for_each(wrong_types),
        Value::Object(fields) => fields.values_mut().for_each(wrong_types),
        Value::Null => {}
    }
}

/// Gives every enum field (see [`ENUM_FIELDS`]) a value no client knows.
fn unknown_enums(value: &mut Value) {
    match value {
        Value::Object(fields) => {
            for (name, field) in fields.iter_mut() {
                if field.is_string() && ENUM_FIELDS.contains(&name.as_str()) {
                    *field = Value::String(format!("brand_new_{name}"));
                } else {
                    unknown_enums(field);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(unknown_enums),
        _ => {}
    }
}

/// A parsed fault spec; [`FaultSpec::default`] injects nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FaultSpec {
    /// `delay=MS`: wait before handling (a client that gives up first leaves
    /// the state unchanged).
    delay: Option<Duration>,
    /// `late=MS`: handle the request, then wait before answering: a client
    /// that gives up meanwhile loses an answer the server acted on.
    late: Option<Duration>,
    /// `status=CODE`: answer this status without running the handler.
    status: Option<StatusCode>,
    /// `retry-after=VALUE`: `Retry-After` header, verbatim.
    retry_after: Option<HeaderValue>,
    /// `retry-after-ms=N`: `retry-after-ms` header.
    retry_after_ms: Option<u64>,
    /// `body=KIND`: spoil the body.
    body: Option<BodyFault>,
    /// `drop`: send the head and part of the body, then abort.
    drop: bool,
    /// `location=URL`: a `Location` header (with `status=3xx`, a redirect).
    location: Option<HeaderValue>,
    /// `echo-key`: answer with the request's API key in the body (as is,
    /// JSON-escaped and percent-encoded) and in an `x-echo-key` header, the
    /// way a careless server or proxy might; status 401 unless `status=`.
    echo_key: bool,
    /// `key=K`: count requests under K.
    key: Option<String>,
    /// `times=N`: only the first N requests with this key get the fault.
    times: Option<u64>,
}

impl FaultSpec {
    /// Parses a spec such as `status=503;retry-after=2;key=t1;times=1`.
    ///
    /// # Errors
    /// A message naming the item that is unknown or has a bad value.
    pub fn parse(spec: &str) -> Result<Self, String> {
        let mut fault = Self::default();
        for item in spec.split(';').map(str::trim).filter(|i| !i.is_empty()) {
            let (name, value) = match item.split_once('=') {
                Some((name, value)) => (name.trim(), Some(value.trim())),
                None => (item, None),
            };
            match (name, value) {
                ("drop", None) => fault.drop = true,
                ("echo-key", None) => fault.echo_key = true,
                ("location", Some(url)) => {
                    let value =
                        HeaderValue::from_str(url).map_err(|_| format!("location {url:?} cannot be a header value"))?;
                    fault.location = Some(value);
                }
                ("delay", Some(ms)) => fault.delay = Some(Duration::from_millis(whole(name, ms)?)),
                ("late", Some(ms)) => fault.late = Some(Duration::from_millis(whole(name, ms)?)),
                ("status", Some(code)) => fault.status = Some(status(code)?),
                ("retry-after", Some(text)) => {
                    let value = HeaderValue::from_str(text)
                        .map_err(|_| format!("retry-after {text:?} cannot be a header value"))?;
                    fault.retry_after = Some(value);
                }
                ("retry-after-ms", Some(ms)) => fault.retry_after_ms = Some(whole(name, ms)?),
                ("body", Some(kind)) => fault.body = Some(BodyFault::parse(kind)?),
                ("key", Some(key)) if !key.is_empty() => fault.key = Some(key.to_owned()),
                ("times", Some(n)) => fault.times = Some(whole(name, n)?),
                _ => return Err(format!("unknown fault item {item:?}")),
            }
        }
        Ok(fault)
    }

    /// This spec with the items it lacks taken from `base` (the `--fault`
    /// spec under a request's header spec).
    fn or(self, base: &Self) -> Self {
        Self {
            delay: self.delay.or(base.delay),
            late: self.late.or(base.late),
            status: self.status.or(base.status),
            retry_after: self.retry_after.or_else(|| base.retry_after.clone()),
            retry_after_ms: self.retry_after_ms.or(base.retry_after_ms),
            body: self.body.or(base.body),
            drop: self.drop || base.drop,
            location: self.location.or_else(|| base.location.clone()),
            echo_key: self.echo_key || base.echo_key,
            key: self.key.or_else(|| base.key.clone()),
            times: self.times.or(base.times),
        }
    }

    /// Counts this request under its key (when it has `key` or `times`) and
    /// tells whether the fault applies to it.
    fn applies(&self, app: &App) -> bool {
        if self.key.is_none() && self.times.is_none() {
            return true;
        }
        let count = app.store().count_fault_key(self.key.as_deref().unwrap_or_default());
        self.times.is_none_or(|limit| count <= limit)
    }

    /// The injected error answer for `status`.
    fn injected(&self, status: StatusCode) -> Response {
        let (mut parts, ()) = Response::new(()).into_parts();
        parts.status = status;
        let json = HeaderValue::from_static("application/json");
        parts.headers.insert(CONTENT_TYPE, json);
        let body = Bytes::from_static(INJECTED.as_bytes());
        match self.body {
            Some(fault) => fault.apply(parts, body),
            None => Response::from_parts(parts, Body::from(body)),
        }
    }

    /// Spoils the handler's answer when it is a 2xx and `body` is set.
    async fn spoil(&self, res: Response) -> Response {
        let Some(fault) = self.body.filter(|_| res.status().is_success()) else {
            return res;
        };
        let (parts, body) = res.into_parts();
        match to_bytes(body, usize::MAX).await {
            Ok(body) => fault.apply(parts, body),
            Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }

    /// Adds the `retry-after` and `retry-after-ms` headers asked for.
    fn add_retry_headers(&self, mut res: Response) -> Response {
        let headers = res.headers_mut();
        if let Some(value) = &self.retry_after {
            headers.insert(RETRY_AFTER, value.clone());
        }
        if let Some(ms) = self.retry_after_ms {
            headers.insert("retry-after-ms", HeaderValue::from(ms));
        }
        if let Some(location) = &self.location {
            headers.insert(axum::http::header::LOCATION, location.clone());
        }
        res
    }
}

fn whole(name: &str, value: &str) -> Result<u64, String> {
    value.parse().map_err(|_| format!("{name} expects a whole number, got {value:?}"))
}

fn status(code: &str) -> Result<StatusCode, String> {
    code.parse::<u16>()
        .ok()
        .filter(|c| (200..=599).contains(c))
        .and_then(|c| StatusCode::from_u16(c).ok())
        .ok_or_else(|| format!("status expects a code from 200 to 599, got {code:?}"))
}

/// A response that sends its head and half of its body, then aborts the
/// connection (the announced `content-length` is never reached).
fn dropped(status: StatusCode) -> Response {
    let full = INJECTED.as_bytes();
    let half = Bytes::from_static(&full[..full.len() / 2]);
    let head = stream::iter([Ok(half)]);
    let abort = stream::once(async {
        tokio::time::sleep(DROP_PAUSE).await;
        Err(io::Error::other("ding-mock fault: connection dropped"))
    });
    let headers =
        [(CONTENT_TYPE, HeaderValue::from_static("application/json")), (CONTENT_LENGTH, HeaderValue::from(full.len()))];
    (status, headers, Body::from_stream(head.chain(abort))).into_response()
}

/// The `echo-key` answer: the request's key (from `x-api-key`, or the
/// bearer token) in every spelling a careless server might use.
fn echo_key(req: &Request, status: StatusCode) -> Response {
    let key = req
        .headers()
        .get("x-api-key")
        .or_else(|| req.headers().get("authorization"))
        .and_then(|v| v.to_str().ok())
        .map(|v| v.strip_prefix("Bearer ").unwrap_or(v).to_owned())
        .unwrap_or_default();
    let percent: String = key.bytes().map(|b| format!("%{b:02X}")).collect();
    let escaped: String = key.chars().map(|c| format!("\\u{:04x}", c as u32)).collect();
    let body = format!(
        r#"{{"code":"invalid_key_{key}","message":"the key {key} is not valid","doc_url":"https://docs.example/keys?key={percent}","param":"{escaped}","request_id":"req-{key}"}}"#,
        key = serde_json::to_string(&key).unwrap_or_default().trim_matches('"'),
    );
    let mut res = (status, [(CONTENT_TYPE, HeaderValue::from_static("application/json"))], body).into_response();
    if let Ok(v) = HeaderValue::from_str(&key) {
        res.headers_mut().insert("x-echo-key", v);
    }
    res
}

/// Middleware on the API routes: reads the fault spec, counts its key, and
/// delays, replaces, cuts off or spoils the answer as it says.
pub async fn inject(State(app): State<App>, req: Request, next: Next) -> Response {
    let header = match req.headers().get(HEADER).map(HeaderValue::to_str) {
        None => Ok(FaultSpec::default()),
        Some(Ok(text)) => FaultSpec::parse(text),
        Some(Err(_)) => Err("not visible ASCII".to_owned()),
    };
    let spec = match header {
        Ok(spec) => spec.or(&app.config.fault),
        Err(e) => {
            let message = format!("invalid {HEADER} header: {e}");
            return ApiError::bad_request("bad_request", message).into_response();
        }
    };
    if spec == FaultSpec::default() || !spec.applies(&app) {
        return next.run(req).await;
    }
    if let Some(delay) = spec.delay {
        tokio::time::sleep(delay).await;
    }
    let res = if spec.echo_key {
        echo_key(&req, spec.status.unwrap_or(StatusCode::UNAUTHORIZED))
    } else if spec.drop {
        dropped(spec.status.unwrap_or(StatusCode::OK))
    } else if let Some(status) = spec.status {
        spec.injected(status)
    } else {
        spec.spoil(next.run(req).await).await
    };
    if let Some(late) = spec.late {
        tokio::time::sleep(late).await;
    }
    spec.add_retry_headers(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_item() {
        let spec = FaultSpec::parse(
            " delay=250; status=503;retry-after=Wed, 21 Oct 2015 07:28:00 GMT;\
             retry-after-ms=1500;body=unknown-event;drop;key=k1;times=2;",
        )
        .unwrap();
        assert_eq!(spec.delay, Some(Duration::from_millis(250)));
        assert_eq!(spec.status, Some(StatusCode::SERVICE_UNAVAILABLE));
        let date = HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT");
        assert_eq!(spec.retry_after, Some(date));
        assert_eq!(spec.retry_after_ms, Some(1500));
        assert_eq!(spec.body, Some(BodyFault::UnknownEvent));
        assert!(spec.drop);
        assert_eq!(spec.key.as_deref(), Some("k1"));
        assert_eq!(spec.times, Some(2));
        assert_eq!(FaultSpec::parse("").unwrap(), FaultSpec::default());
    }

    #[test]
    fn rejects_bad_items() {
        for bad in [
            "explode",
            "delay",
            "delay=soon",
            "status=99",
            "status=600",
            "body=purple",
            "drop=yes",
            "key=",
            "times=-1",
            "retry-after=a\u{1}b",
        ] {
            assert!(FaultSpec::parse(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn header_items_win_over_global_ones() {
        let global = FaultSpec::parse("delay=5;status=500;key=g").unwrap();
        let merged = FaultSpec::parse("status=429").unwrap().or(&global);
        assert_eq!(merged.status, Some(StatusCode::TOO_MANY_REQUESTS));
        assert_eq!(merged.delay, Some(Duration::from_millis(5)));
        assert_eq!(merged.key.as_deref(), Some("g"));
    }

    #[test]
    fn json_edits() {
        let mut value = json!({"status": "valid", "n": 2, "ok": true, "list": ["a"]});
        wrong_types(&mut value);
        let wrong = json!({"status": 5, "n": "2", "ok": {"value": true}, "list": [1]});
        assert_eq!(value, wrong);

        let mut value = json!({"status": "valid", "events": [{"capability": "text", "id": "x"}]});
        unknown_enums(&mut value);
        let expected = json!({
            "status": "brand_new_status",
            "events": [{"capability": "brand_new_capability", "id": "x"}],
        });
        assert_eq!(value, expected);
    }
}
