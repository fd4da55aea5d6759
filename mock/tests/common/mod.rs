//! Helpers shared by the integration tests: one router per test, driven
//! in-process with `tower::ServiceExt::oneshot`, and small wrappers for the
//! usual calls.
#![allow(dead_code)]

use axum::body::{to_bytes, Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use ding_mock::{app, Config};
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

/// An answer, fully read.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
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
}

/// One mock server, reached without a socket.
pub struct Mock {
    router: Router,
}

impl Mock {
    /// A mock with the default settings and the fixed code [`CODE`].
    pub fn new() -> Self {
        Self::with(Config { code: Some(CODE.to_owned()), ..Config::default() })
    }

    /// A mock with these settings.
    pub fn with(config: Config) -> Self {
        Self { router: app(config) }
    }

    /// Sends one request as given (no header added).
    pub async fn call(&self, method: Method, path: &str, headers: &[(&str, &str)], body: &str) -> Reply {
        let mut req = Request::builder().method(method).uri(path);
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        let req = req.body(Body::from(body.to_owned())).expect("request");
        let res = self.router.clone().oneshot(req).await.expect("infallible");
        let status = res.status();
        let headers = res.headers().clone();
        let body = to_bytes(res.into_body(), usize::MAX).await.expect("body");
        Reply { status, headers, body }
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

    /// The inbox, all numbers.
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
}

/// A minimal valid create body for `phone`.
pub fn create_body(phone: &str) -> Value {
    json!({"customer_uuid": CUSTOMER, "phone_number": phone})
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
