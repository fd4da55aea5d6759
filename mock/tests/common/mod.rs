//! Helpers shared by the integration tests: one mock per test, driven
//! either through the axum router in-process (`tower::ServiceExt::oneshot`)
//! or straight through the core's `Mock::handle` with a small host of the
//! test's own, and small wrappers for the usual calls.
//!
//! `host_tests! { async fn name() { ... } ... }` makes each test twice, in
//! the modules `router` and `core_host`; `Mock::new` and `Mock::with` build
//! the mock of the host the test runs on.
#![allow(dead_code)]

use std::cell::Cell;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, Request, StatusCode};
use axum::Router;
use ding_mock::{app, now_ms, os_seed, Config, Delivery};
use futures_util::StreamExt;
use serde_json::{json, Value};
use tower::ServiceExt;

/// A valid customer UUID.
pub const CUSTOMER: &str = "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84";

/// Another valid customer UUID.
pub const OTHER_CUSTOMER: &str = "9a41c7d2-6e0f-4b3a-8c15-2d7e9f0b1a63";

/// The fixed code of [`Mock::new`].
pub const CODE: &str = "123456";

/// A phone number that gets codes.
pub const PHONE: &str = "+14155550123";

/// The bearer token the v2 helpers send.
pub const TOKEN: &str = "sk_test";

/// Makes each test twice: against the axum router and against the core.
#[macro_export]
macro_rules! host_tests {
    ($($(#[$meta:meta])* async fn $name:ident() $body:block)*) => {
        mod router {
            #[allow(unused_imports)]
            use super::*;
            $(
                $(#[$meta])*
                #[tokio::test]
                async fn $name() {
                    $crate::common::on_host($crate::common::Host::Router, async $body).await
                }
            )*
        }
        mod core_host {
            #[allow(unused_imports)]
            use super::*;
            $(
                $(#[$meta])*
                #[tokio::test]
                async fn $name() {
                    $crate::common::on_host($crate::common::Host::Core, async $body).await
                }
            )*
        }
    };
}

/// Which host a test drives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    /// The axum router of `ding_mock::app`, in-process.
    Router,
    /// `ding_mock::Mock::handle` with this file's own small host.
    Core,
}

thread_local! {
    static HOST: Cell<Host> = const { Cell::new(Host::Router) };
}

/// The host of the running test.
pub fn host() -> Host {
    HOST.with(Cell::get)
}

/// Runs a test body on `host` (tokio's test runtime is single-threaded, so
/// the body runs on this thread).
pub async fn on_host<F: Future>(host: Host, body: F) -> F::Output {
    HOST.with(|h| h.set(host));
    body.await
}

/// An answer, fully read (or read up to the abort of `drop`).
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// The connection broke before the whole body came.
    pub aborted: bool,
}

impl Reply {
    /// The body as JSON (panics with the raw text when it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {:?}", String::from_utf8_lossy(&self.body)))
    }

    /// A header as text, or "" when absent.
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    /// Asserts a 400 and returns its error code after checking `doc_url`.
    pub fn error_code(&self) -> String {
        assert_eq!(self.status, StatusCode::BAD_REQUEST, "{:?}", self.body);
        let json = self.json();
        let code = json["code"].as_str().expect("code").to_owned();
        let doc = format!("https://docs.prelude.so/verify/v1/documentation/errors#{code}");
        assert_eq!(json["doc_url"], doc);
        assert!(json["message"].as_str().is_some_and(|m| !m.is_empty()));
        code
    }

    /// Asserts a v2 error of `status` and returns its `(code, param)`
    /// (`param` "" when absent) after checking the body has nothing else
    /// than `code`, `message` and `param`.
    pub fn v2_error_of(&self, status: u16) -> (String, String) {
        assert_eq!(self.status.as_u16(), status, "{:?}", self.body);
        let json = self.json();
        let object = json.as_object().expect("an object");
        assert!(object.keys().all(|k| ["code", "message", "param"].contains(&k.as_str())), "{json}");
        assert!(json["message"].as_str().is_some_and(|m| !m.is_empty()), "{json}");
        let code = json["code"].as_str().expect("code").to_owned();
        let param = json.get("param").map(|p| p.as_str().expect("param is text").to_owned()).unwrap_or_default();
        (code, param)
    }

    /// [`Reply::v2_error_of`] for a 400.
    pub fn v2_error(&self) -> (String, String) {
        self.v2_error_of(400)
    }
}

/// What a mock is reached through.
enum Backend {
    Router(Router),
    Core(Arc<Mutex<ding_mock::Mock>>),
}

/// One mock server, reached without a socket.
pub struct Mock {
    backend: Backend,
    /// Webhooks the core asked for (core host only: this host never sends them).
    deliveries: Mutex<Vec<Delivery>>,
}

impl Mock {
    /// A mock with the default settings and the fixed code [`CODE`].
    pub fn new() -> Self {
        Self::with(Config { code: Some(CODE.to_owned()), ..Config::default() })
    }

    /// A mock with these settings, on the test's host.
    pub fn with(config: Config) -> Self {
        let backend = match host() {
            Host::Router => Backend::Router(app(config)),
            Host::Core => {
                let seed = config.seed.unwrap_or_else(os_seed);
                Backend::Core(Arc::new(Mutex::new(ding_mock::Mock::new(config, seed))))
            }
        };
        Self { backend, deliveries: Mutex::default() }
    }

    /// The host this mock runs on.
    pub fn host(&self) -> Host {
        match self.backend {
            Backend::Router(_) => Host::Router,
            Backend::Core(_) => Host::Core,
        }
    }

    /// Webhook deliveries the core handed to this host so far (core host).
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.deliveries.lock().unwrap().clone()
    }

    /// Sends one request as given (no header added).
    pub async fn call(&self, method: Method, path: &str, headers: &[(&str, &str)], body: &str) -> Reply {
        self.call_bytes(method, path, headers, body.as_bytes().to_vec()).await
    }

    /// Sends one request with a body of bytes.
    pub async fn call_bytes(&self, method: Method, path: &str, headers: &[(&str, &str)], body: Vec<u8>) -> Reply {
        match &self.backend {
            Backend::Router(router) => {
                let mut req = Request::builder().method(method).uri(path);
                for (name, value) in headers {
                    req = req.header(*name, *value);
                }
                let req = req.body(Body::from(body)).expect("request");
                let res = router.clone().oneshot(req).await.expect("infallible");
                let status = res.status();
                let headers = res.headers().clone();
                let mut frames = res.into_body().into_data_stream();
                let (mut body, mut aborted) = (Vec::new(), false);
                while let Some(frame) = frames.next().await {
                    match frame {
                        Ok(bytes) => body.extend_from_slice(&bytes),
                        Err(_) => {
                            aborted = true;
                            break;
                        }
                    }
                }
                Reply { status, headers, body: Bytes::from(body), aborted }
            }
            Backend::Core(core) => {
                let (path, query) = path.split_once('?').unwrap_or((path, ""));
                let request = ding_mock::Request {
                    method: method.as_str().to_owned(),
                    path: path.to_owned(),
                    query: query.to_owned(),
                    headers: headers.iter().map(|(n, v)| (n.to_ascii_lowercase(), (*v).to_owned())).collect(),
                    body,
                };
                let mut reply = core.lock().unwrap().handle(request, now_ms());
                while let Some(delay) = reply.delay.take() {
                    tokio::time::sleep(Duration::from_millis(delay.ms)).await;
                    reply = core.lock().unwrap().resume(delay, now_ms());
                }
                self.deliveries.lock().unwrap().append(&mut reply.deliveries);
                if reply.late_ms > 0 {
                    tokio::time::sleep(Duration::from_millis(reply.late_ms)).await;
                }
                let mut headers = HeaderMap::new();
                for (name, value) in &reply.headers {
                    let name = HeaderName::try_from(name.as_str()).expect("header name");
                    headers.append(name, HeaderValue::from_str(value).expect("header value"));
                }
                headers.insert("content-length", HeaderValue::from(reply.body.len()));
                let mut body = reply.body;
                let aborted = reply.drop_after.is_some();
                if let Some(n) = reply.drop_after {
                    body.truncate(n);
                }
                let status = StatusCode::from_u16(reply.status).expect("status");
                Reply { status, headers, body: Bytes::from(body), aborted }
            }
        }
    }

    /// POST with an API key, a JSON body and extra headers.
    pub async fn post_with(&self, path: &str, body: &Value, headers: &[(&str, &str)]) -> Reply {
        let mut all = vec![("x-api-key", "sk_test"), ("content-type", "application/json")];
        all.extend_from_slice(headers);
        self.call(Method::POST, path, &all, &body.to_string()).await
    }

    /// POST with an API key and a JSON body.
    pub async fn post(&self, path: &str, body: &Value) -> Reply {
        self.post_with(path, body, &[]).await
    }

    /// GET with an API key and extra headers.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut all = vec![("x-api-key", "sk_test")];
        all.extend_from_slice(headers);
        self.call(Method::GET, path, &all, "").await
    }

    /// GET with an API key.
    pub async fn get(&self, path: &str) -> Reply {
        self.get_with(path, &[]).await
    }

    /// Creates an authentication for `phone` and returns the 200 answer.
    pub async fn create(&self, phone: &str) -> Value {
        let reply = self.post("/v1/authentication", &create_body(phone)).await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
        reply.json()
    }

    /// Creates an authentication for [`PHONE`] and returns its UUID.
    pub async fn create_uuid(&self) -> String {
        self.create(PHONE).await["authentication_uuid"].as_str().expect("authentication_uuid").to_owned()
    }

    /// Checks a code for `auth` and returns the status.
    pub async fn check(&self, auth: &str, code: &str) -> String {
        let body = json!({"customer_uuid": CUSTOMER, "authentication_uuid": auth, "check_code": code});
        let reply = self.post("/v1/check", &body).await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
        let json = reply.json();
        assert_eq!(json["authentication_uuid"], auth);
        json["status"].as_str().expect("status").to_owned()
    }

    /// Asks for a retry of `auth` and returns the 200 answer.
    pub async fn retry(&self, auth: &str) -> Value {
        let body = json!({"customer_uuid": CUSTOMER, "authentication_uuid": auth});
        let reply = self.post("/v1/retry", &body).await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
        reply.json()
    }

    /// The status answer of `auth`.
    pub async fn status(&self, auth: &str) -> Value {
        let reply = self.get(&format!("/v1/authentication/{auth}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
        reply.json()
    }

    /// The v1 inbox, all numbers.
    pub async fn inbox(&self) -> Vec<Value> {
        let reply = self.call(Method::GET, "/v1/_mock/messages", &[], "").await;
        assert_eq!(reply.status, StatusCode::OK);
        reply.json()["messages"].as_array().expect("messages").clone()
    }

    /// How many requests carried fault key `key`.
    pub async fn key_count(&self, key: &str) -> u64 {
        let path = format!("/v1/_mock/requests?key={key}");
        let reply = self.call(Method::GET, &path, &[], "").await;
        reply.json()["count"].as_u64().expect("count")
    }

    // v2

    /// A v2 request with the bearer token [`TOKEN`], a JSON body (unless
    /// `None`) and extra headers.
    pub async fn v2(&self, method: Method, path: &str, body: Option<&Value>, headers: &[(&str, &str)]) -> Reply {
        let bearer = format!("Bearer {TOKEN}");
        let mut all = vec![("authorization", bearer.as_str()), ("accept", "application/json")];
        if body.is_some() {
            all.push(("content-type", "application/json"));
        }
        all.extend_from_slice(headers);
        let text = body.map(Value::to_string).unwrap_or_default();
        self.call(method, path, &all, &text).await
    }

    /// A v2 POST.
    pub async fn post2(&self, path: &str, body: &Value) -> Reply {
        self.v2(Method::POST, path, Some(body), &[]).await
    }

    /// A v2 GET.
    pub async fn get2(&self, path: &str) -> Reply {
        self.v2(Method::GET, path, None, &[]).await
    }

    /// Creates a v2 verification with `body` and returns the 200 answer.
    pub async fn verify(&self, body: &Value) -> Value {
        let reply = self.post2("/v2/verification", body).await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", String::from_utf8_lossy(&reply.body));
        let json = reply.json();
        assert_eq!(json["request_id"], reply.header("x-request-id"), "the body's request_id is the header's");
        json
    }

    /// Creates a v2 verification for the phone number `phone`.
    pub async fn verify_phone(&self, phone: &str) -> Value {
        self.verify(&json!({"target": {"type": "phone_number", "value": phone}})).await
    }

    /// Checks `code` for the phone number `phone` and returns the answer.
    pub async fn check2(&self, phone: &str, code: &str) -> Value {
        let body = json!({"target": {"type": "phone_number", "value": phone}, "code": code});
        let reply = self.post2("/v2/verification/check", &body).await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", String::from_utf8_lossy(&reply.body));
        reply.json()
    }

    /// The shared inbox as `/v2/_mock/messages` shows it (query may be "").
    pub async fn inbox2(&self, query: &str) -> Vec<Value> {
        let reply = self.call(Method::GET, &format!("/v2/_mock/messages{query}"), &[], "").await;
        assert_eq!(reply.status, StatusCode::OK);
        reply.json()["messages"].as_array().expect("messages").clone()
    }

    /// A mock-only GET below `/v2/_mock/`.
    pub async fn mock2(&self, path: &str) -> Value {
        let reply = self.call(Method::GET, &format!("/v2/_mock/{path}"), &[], "").await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        reply.json()
    }
}

/// A minimal valid create body for `phone`.
pub fn create_body(phone: &str) -> Value {
    json!({"customer_uuid": CUSTOMER, "phone_number": phone})
}

/// A v2 phone target.
pub fn phone_target(phone: &str) -> Value {
    json!({"type": "phone_number", "value": phone})
}

/// True for an RFC 3339 UTC time with milliseconds (`2025-04-28T09:15:27.412Z`).
pub fn is_rfc3339_millis(value: &Value) -> bool {
    let Some(text) = value.as_str() else {
        return false;
    };
    let b = text.as_bytes();
    b.len() == 24
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'.',
            23 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

/// True for `vrf_` and 26 lowercase Crockford base32 characters.
pub fn is_verification_id(value: &Value) -> bool {
    value
        .as_str()
        .and_then(|s| s.strip_prefix("vrf_"))
        .is_some_and(|rest| rest.len() == 26 && rest.bytes().all(|c| b"0123456789abcdefghjkmnpqrstvwxyz".contains(&c)))
}
