//! Fault injection for API requests, driven by the `x-ding-mock-fault`
//! request header or by `--fault` for every request.
//!
//! A spec is a `;`-separated list of `name=value` items and flags, for
//! example `status=503;retry-after=2;key=t1;times=1`. `status`, `drop` and
//! `echo-key` answer before the handler runs, so the mock's state does not
//! change; `body` faults run the handler and then spoil its 2xx answer.
//! The core decides everything here; the host only sleeps and cuts
//! connections (see [`crate::Reply`]).

use serde_json::{json, Value};

use crate::clock::rfc3339;
use crate::http::{is_header_value, Reply};

/// Request header that carries a per-request fault spec.
pub const HEADER: &str = "x-ding-mock-fault";

/// Body of an injected error status on `/v1` (unless `body=` says otherwise).
pub const INJECTED_V1: &str = r#"{"code":"internal_server_error","message":"injected"}"#;

/// Body of an injected error status on `/v2`, in the v2 error vocabulary.
pub const INJECTED_V2: &str = r#"{"code":"internal","message":"injected"}"#;

/// Body of `body=html`, as a proxy in front of an API might answer.
const HTML: &str = "<html><body><h1>502 Bad Gateway</h1></body></html>";

/// Size of the extra string field added by `body=huge`.
const HUGE_PADDING: usize = 8 << 20;

/// Fields whose string values `body=unknown-enum` replaces.
const ENUM_FIELDS: &[&str] = &[
    "status",
    "line_type",
    "capability",
    "balance_update_type",
    "device_type",
    "method",
    "reason",
    "prediction",
    "confidence",
];

/// Fields holding arrays of enum values, to which `body=unknown-enum` adds
/// one value no client knows.
const ENUM_ARRAY_FIELDS: &[&str] = &["channels", "risk_factors", "flags"];

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

    /// The kind's name in a spec (`body=NAME`), as [`BodyFault::parse`] reads it.
    fn name(self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::Html => "html",
            Self::Truncated => "truncated",
            Self::WrongTypes => "wrong-types",
            Self::UnknownEnum => "unknown-enum",
            Self::UnknownEvent => "unknown-event",
            Self::Huge => "huge",
            Self::BadEvent => "bad-event",
        }
    }

    /// Spoils a reply's body (and content type, for `html`).
    pub fn apply(self, reply: &mut Reply, now_ms: u64) {
        match self {
            Self::Empty => reply.body.clear(),
            Self::Html => {
                reply.set_header("content-type", "text/html; charset=utf-8");
                reply.body = HTML.as_bytes().to_vec();
            }
            Self::Truncated => {
                let half = reply.body.len() / 2;
                reply.body.truncate(half);
            }
            Self::WrongTypes | Self::UnknownEnum | Self::UnknownEvent | Self::Huge | Self::BadEvent => {
                if let Ok(mut json) = serde_json::from_slice::<Value>(&reply.body) {
                    self.edit(&mut json, now_ms);
                    reply.body = json.to_string().into_bytes();
                }
            }
        }
    }

    /// Changes a decoded JSON answer for the faults that keep it JSON.
    fn edit(self, json: &mut Value, now_ms: u64) {
        match self {
            Self::WrongTypes => wrong_types(json),
            Self::UnknownEnum => unknown_enums(json),
            Self::UnknownEvent => match json.get_mut("events").and_then(Value::as_array_mut) {
                Some(events) => events.push(json!({
                    "type": "carrier_lookup",
                    "created_at": rfc3339(now_ms),
                    "foo": 1,
                })),
                None => unknown_enums(json),
            },
            Self::BadEvent => {
                if let Some(events) = json.get_mut("events").and_then(Value::as_array_mut) {
                    events.push(json!({"type": "attempt", "attempt_number": "one", "created_at": rfc3339(now_ms)}));
                    events.push(Value::Null);
                }
            }
            Self::Huge => {
                if let Some(object) = json.as_object_mut() {
                    object.insert("mock_padding".to_owned(), Value::String("x".repeat(HUGE_PADDING)));
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

/// Gives every enum field (see [`ENUM_FIELDS`]) a value no client knows,
/// and adds one to every enum array (see [`ENUM_ARRAY_FIELDS`]).
fn unknown_enums(value: &mut Value) {
    match value {
        Value::Object(fields) => {
            for (name, field) in fields.iter_mut() {
                if field.is_string() && ENUM_FIELDS.contains(&name.as_str()) {
                    *field = Value::String(format!("brand_new_{name}"));
                } else if let (Some(items), true) = (field.as_array_mut(), ENUM_ARRAY_FIELDS.contains(&name.as_str())) {
                    items.push(Value::String(format!("brand_new_{name}")));
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
    pub(crate) delay: Option<u64>,
    /// `late=MS`: handle the request, then wait before answering: a client
    /// that gives up meanwhile loses an answer the server acted on.
    pub(crate) late: Option<u64>,
    /// `status=CODE`: answer this status without running the handler.
    pub(crate) status: Option<u16>,
    /// `retry-after=VALUE`: `Retry-After` header, verbatim.
    retry_after: Option<String>,
    /// `retry-after-ms=N`: `retry-after-ms` header.
    retry_after_ms: Option<u64>,
    /// `body=KIND`: spoil the body.
    pub(crate) body: Option<BodyFault>,
    /// `drop`: send the head and part of the body, then abort.
    pub(crate) drop: bool,
    /// `location=URL`: a `Location` header (with `status=3xx`, a redirect).
    location: Option<String>,
    /// `echo-key`: answer with the request's API key in the body (as is,
    /// JSON-escaped and percent-encoded) and in an `x-echo-key` header, the
    /// way a careless server or proxy might; status 401 unless `status=`.
    pub(crate) echo_key: bool,
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
                ("location", Some(url)) => fault.location = Some(header_value(name, url)?),
                ("delay", Some(ms)) => fault.delay = Some(whole(name, ms)?),
                ("late", Some(ms)) => fault.late = Some(whole(name, ms)?),
                ("status", Some(code)) => fault.status = Some(status(code)?),
                ("retry-after", Some(text)) => fault.retry_after = Some(header_value(name, text)?),
                ("retry-after-ms", Some(ms)) => fault.retry_after_ms = Some(whole(name, ms)?),
                ("body", Some(kind)) => fault.body = Some(BodyFault::parse(kind)?),
                ("key", Some(key)) if !key.is_empty() => fault.key = Some(key.to_owned()),
                ("times", Some(n)) => fault.times = Some(whole(name, n)?),
                _ => return Err(format!("unknown fault item {item:?}")),
            }
        }
        Ok(fault)
    }

    /// The spec text of this fault, the inverse of [`FaultSpec::parse`]:
    /// `FaultSpec::parse(&spec.to_spec())` gives `spec` back, and the
    /// default (no fault) gives `""`. Items come in a fixed order.
    pub fn to_spec(&self) -> String {
        let mut items = Vec::new();
        let mut item = |name: &str, value: Option<String>| {
            if let Some(value) = value {
                items.push(format!("{name}={value}"));
            }
        };
        item("delay", self.delay.map(|ms| ms.to_string()));
        item("late", self.late.map(|ms| ms.to_string()));
        item("status", self.status.map(|code| code.to_string()));
        item("retry-after", self.retry_after.clone());
        item("retry-after-ms", self.retry_after_ms.map(|ms| ms.to_string()));
        item("body", self.body.map(|kind| kind.name().to_owned()));
        item("location", self.location.clone());
        item("key", self.key.clone());
        item("times", self.times.map(|n| n.to_string()));
        if self.drop {
            items.push("drop".to_owned());
        }
        if self.echo_key {
            items.push("echo-key".to_owned());
        }
        items.join(";")
    }

    /// Reads the spec of a request header value: not visible ASCII is an
    /// error too, as an HTTP library would refuse to read it as text.
    ///
    /// # Errors
    /// As [`FaultSpec::parse`].
    pub fn parse_header(value: &str) -> Result<Self, String> {
        if is_header_value(value) {
            Self::parse(value)
        } else {
            Err("not visible ASCII".to_owned())
        }
    }

    /// This spec with the items it lacks taken from `base` (the `--fault`
    /// spec under a request's header spec).
    #[must_use]
    pub fn or(self, base: &Self) -> Self {
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

    /// Counts this request under its key (when it has `key` or `times`)
    /// with `count`, which returns the new count, and tells whether the
    /// fault applies to it.
    pub fn applies(&self, count: impl FnOnce(&str) -> u64) -> bool {
        if self.key.is_none() && self.times.is_none() {
            return true;
        }
        let n = count(self.key.as_deref().unwrap_or_default());
        self.times.is_none_or(|limit| n <= limit)
    }

    /// The injected error answer for `status`, with `injected` as its body.
    pub fn injected(&self, status: u16, injected: &str, now_ms: u64) -> Reply {
        let mut reply = Reply::new(status, "application/json", injected.as_bytes().to_vec());
        if let Some(fault) = self.body {
            fault.apply(&mut reply, now_ms);
        }
        reply
    }

    /// The `drop` answer: the head and half of `injected`, then an abort.
    pub fn dropped(&self, injected: &str) -> Reply {
        let mut reply = Reply::new(self.status.unwrap_or(200), "application/json", injected.as_bytes().to_vec());
        reply.drop_after = Some(injected.len() / 2);
        reply
    }

    /// Spoils the handler's answer when it is a 2xx and `body` is set.
    pub fn spoil(&self, reply: &mut Reply, now_ms: u64) {
        if let Some(fault) = self.body.filter(|_| reply.is_success()) {
            fault.apply(reply, now_ms);
        }
    }

    /// Adds the `retry-after`, `retry-after-ms` and `location` headers asked for.
    pub fn add_headers(&self, reply: &mut Reply) {
        if let Some(value) = &self.retry_after {
            reply.set_header("retry-after", value.clone());
        }
        if let Some(ms) = self.retry_after_ms {
            reply.set_header("retry-after-ms", ms.to_string());
        }
        if let Some(location) = &self.location {
            reply.set_header("location", location.clone());
        }
    }
}

fn header_value(name: &str, value: &str) -> Result<String, String> {
    if is_header_value(value) {
        Ok(value.to_owned())
    } else {
        Err(format!("{name} {value:?} cannot be a header value"))
    }
}

fn whole(name: &str, value: &str) -> Result<u64, String> {
    value.parse().map_err(|_| format!("{name} expects a whole number, got {value:?}"))
}

fn status(code: &str) -> Result<u16, String> {
    code.parse::<u16>()
        .ok()
        .filter(|c| (200..=599).contains(c))
        .ok_or_else(|| format!("status expects a code from 200 to 599, got {code:?}"))
}

/// The `echo-key` answer: the request's key (from `x-api-key`, or the
/// bearer token) in every spelling a careless server might use.
pub fn echo_key(api_key: Option<&str>, authorization: Option<&str>, status: u16) -> Reply {
    let key = api_key.or(authorization).map(|v| v.strip_prefix("Bearer ").unwrap_or(v)).unwrap_or_default();
    let percent: String = key.bytes().map(|b| format!("%{b:02X}")).collect();
    let escaped: String = key.encode_utf16().map(|c| format!("\\u{c:04x}")).collect();
    let body = format!(
        r#"{{"code":"invalid_key_{key}","message":"the key {key} is not valid","doc_url":"https://docs.example/keys?key={percent}","param":"{escaped}","request_id":"req-{key}"}}"#,
        key = serde_json::to_string(key).unwrap_or_default().trim_matches('"'),
    );
    let mut reply = Reply::new(status, "application/json", body.into_bytes());
    if !key.is_empty() && is_header_value(key) {
        reply.set_header("x-echo-key", key);
    }
    reply
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_item() {
        let spec = FaultSpec::parse(
            " delay=250; status=503;retry-after=Wed, 21 Oct 2015 07:28:00 GMT;\
             retry-after-ms=1500;body=unknown-event;drop;key=k1;times=2;late=9;\
             location=http://127.0.0.1:9/x;echo-key",
        )
        .unwrap();
        assert_eq!(spec.delay, Some(250));
        assert_eq!(spec.late, Some(9));
        assert_eq!(spec.status, Some(503));
        assert_eq!(spec.retry_after.as_deref(), Some("Wed, 21 Oct 2015 07:28:00 GMT"));
        assert_eq!(spec.retry_after_ms, Some(1500));
        assert_eq!(spec.body, Some(BodyFault::UnknownEvent));
        assert!(spec.drop);
        assert!(spec.echo_key);
        assert_eq!(spec.location.as_deref(), Some("http://127.0.0.1:9/x"));
        assert_eq!(spec.key.as_deref(), Some("k1"));
        assert_eq!(spec.times, Some(2));
        assert_eq!(FaultSpec::parse("").unwrap(), FaultSpec::default());
        assert_eq!(FaultSpec::parse("body=bad-event").unwrap().body, Some(BodyFault::BadEvent));
    }

    #[test]
    fn to_spec_is_the_inverse_of_parse() {
        assert_eq!(FaultSpec::default().to_spec(), "");
        let every = "delay=250;late=9;status=503;retry-after=Wed, 21 Oct 2015 07:28:00 GMT;retry-after-ms=1500;\
                     body=unknown-event;location=http://127.0.0.1:9/x;key=k1;times=2;drop;echo-key";
        assert_eq!(FaultSpec::parse(every).unwrap().to_spec(), every);
        for spec in [
            every,
            "",
            "drop",
            "echo-key;status=400",
            " delay = 5 ; key=a b ",
            "retry-after=;location=",
            "times=0",
            "body=empty",
            "body=html",
            "body=truncated",
            "body=wrong-types",
            "body=unknown-enum",
            "body=unknown-event",
            "body=huge",
            "body=bad-event",
        ] {
            let parsed = FaultSpec::parse(spec).unwrap();
            assert_eq!(FaultSpec::parse(&parsed.to_spec()).unwrap(), parsed, "{spec:?} -> {:?}", parsed.to_spec());
        }
    }

    #[test]
    fn rejects_bad_items() {
        for bad in [
            "explode",
            "delay",
            "delay=soon",
            "late=-1",
            "status=99",
            "status=600",
            "body=purple",
            "drop=yes",
            "echo-key=1",
            "key=",
            "times=-1",
            "retry-after=a\u{1}b",
            "location=http://x/\u{7f}",
        ] {
            assert!(FaultSpec::parse(bad).is_err(), "{bad} was accepted");
        }
        assert!(FaultSpec::parse_header("status=503;key=é").is_err());
    }

    #[test]
    fn header_items_win_over_global_ones() {
        let global = FaultSpec::parse("delay=5;status=500;key=g").unwrap();
        let merged = FaultSpec::parse("status=429").unwrap().or(&global);
        assert_eq!(merged.status, Some(429));
        assert_eq!(merged.delay, Some(5));
        assert_eq!(merged.key.as_deref(), Some("g"));
    }

    #[test]
    fn json_edits() {
        let mut value = json!({"status": "valid", "n": 2, "ok": true, "list": ["a"]});
        wrong_types(&mut value);
        let wrong = json!({"status": 5, "n": "2", "ok": {"value": true}, "list": [1]});
        assert_eq!(value, wrong);

        let mut value = json!({"status": "valid", "events": [{"capability": "text", "id": "x"}], "flags": []});
        unknown_enums(&mut value);
        let expected = json!({
            "status": "brand_new_status",
            "events": [{"capability": "brand_new_capability", "id": "x"}],
            "flags": ["brand_new_flags"],
        });
        assert_eq!(value, expected);
    }

    #[test]
    fn echo_key_escapes_quotes() {
        let reply = echo_key(None, Some("Bearer a\"b"), 401);
        let json: Value = serde_json::from_slice(&reply.body).unwrap();
        assert_eq!(json["request_id"], "req-a\"b");
        assert_eq!(reply.header("x-echo-key"), Some("a\"b"));
    }
}
