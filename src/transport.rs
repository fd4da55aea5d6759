//! The bindings to `js/transport.js`, the only code that sends requests:
//! one attempt (fetch with a timeout and the caller's AbortSignal), and the
//! loop that drives a call through its attempts and waits.

use crate::model::set;
use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/transport.js")]
extern "C" {
    #[wasm_bindgen(js_name = attempt)]
    #[allow(clippy::too_many_arguments)]
    fn js_attempt(
        env: &JsValue,
        signal: &JsValue,
        method: &str,
        url: &str,
        headers: &Object,
        body: Option<&str>,
        timeout_ms: f64,
        number: u32,
    ) -> Promise;

    /// Runs a call to its end: attempts, waits, and the result or error.
    pub fn drive(call: crate::client::PendingCall, signal: &JsValue) -> Promise;
}

/// One attempt, ready to send. Built anew for every attempt.
#[derive(Debug)]
pub struct Attempt<'a> {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// Absolute URL.
    pub url: &'a str,
    /// Header names and values (already checked: no CR/LF).
    pub headers: &'a [(&'static str, &'a str)],
    /// JSON body of a POST.
    pub body: Option<&'a str>,
    /// Timeout of this attempt in ms.
    pub timeout_ms: f64,
    /// 1 for the first attempt, 2 for the first retry...
    pub number: u32,
}

/// What came back. The body stays a JS string (and its parsed value): it
/// is copied into Rust only when an error needs it.
#[derive(Debug)]
pub struct HttpResponse {
    /// HTTP status.
    pub status: u16,
    /// The body, parsed, when it is JSON.
    pub json: Option<JsValue>,
    /// The body text (a JS string).
    pub text: JsValue,
    /// `Retry-After`, when present and readable by this runtime.
    pub retry_after: Option<String>,
    /// `retry-after-ms`, when present.
    pub retry_after_ms: Option<String>,
    /// Time from sending to the end of the body, in ms.
    pub ms: f64,
}

impl HttpResponse {
    /// The body text, copied into Rust.
    pub fn body_text(&self) -> String {
        self.text.as_string().unwrap_or_default()
    }
}

/// Why an attempt got no answer.
#[derive(Debug)]
pub enum Failure {
    /// The attempt's timer fired.
    Timeout(JsValue),
    /// The caller's signal aborted.
    Abort(JsValue),
    /// fetch failed before an answer.
    Network(JsValue),
    /// The answer broke off while its body was read.
    Body(JsValue),
    /// A hook threw this value.
    Hook(JsValue),
}

/// The client's `fetch` and hooks, as the object `js/transport.js` reads.
pub fn env_object(fetch: &JsValue, before_request: &JsValue, after_response: &JsValue) -> JsValue {
    let o = Object::new();
    for (key, v) in [("fetch", fetch), ("beforeRequest", before_request), ("afterResponse", after_response)] {
        if !v.is_undefined() {
            set(&o, key, v);
        }
    }
    o.into()
}

fn member(v: &JsValue, key: &'static str) -> JsValue {
    Reflect::get(v, &crate::value::js_key(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Starts one attempt; the promise resolves to the answer (see
/// [`read_response`]) or rejects with a failure (see [`read_failure`]).
pub fn send(env: &JsValue, signal: &JsValue, a: Attempt<'_>) -> Promise {
    let headers = Object::new();
    for (name, value) in a.headers {
        set(&headers, name, &JsValue::from_str(value));
    }
    js_attempt(env, signal, a.method, a.url, &headers, a.body, a.timeout_ms, a.number)
}

/// Reads what `attempt` resolved to.
pub fn read_response(r: &JsValue) -> HttpResponse {
    let json = member(r, "json");
    HttpResponse {
        status: member(r, "status").as_f64().unwrap_or(0.0) as u16,
        json: (!json.is_undefined()).then_some(json),
        text: member(r, "text"),
        retry_after: member(r, "retryAfter").as_string(),
        retry_after_ms: member(r, "retryAfterMs").as_string(),
        ms: member(r, "ms").as_f64().unwrap_or(0.0),
    }
}

/// Reads what `attempt` rejected with.
pub fn read_failure(e: JsValue) -> Failure {
    let cause = member(&e, "cause");
    match member(&e, "kind").as_string().as_deref() {
        Some("timeout") => Failure::Timeout(cause),
        Some("abort") => Failure::Abort(cause),
        Some("body") => Failure::Body(cause),
        Some("hook") => Failure::Hook(cause),
        Some(_) => Failure::Network(cause),
        // Not one of ours: keep the value itself as the cause.
        None => Failure::Network(e),
    }
}

/// Milliseconds since the epoch, from the platform clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}
