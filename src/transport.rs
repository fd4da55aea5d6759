//! The only code that sends requests: one attempt through `js/transport.js`
//! (fetch with a timeout and the caller's AbortSignal), and the wait
//! between attempts.

use crate::error::Error;
use crate::model::set;
use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/js/transport.js")]
extern "C" {
    #[wasm_bindgen(js_name = attempt)]
    fn js_attempt(options: &Object) -> Promise;

    #[wasm_bindgen(js_name = sleep)]
    fn js_sleep(ms: f64, signal: &JsValue) -> Promise;
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

/// What came back.
#[derive(Debug)]
pub struct HttpResponse {
    /// HTTP status.
    pub status: u16,
    /// Body text (may be empty).
    pub text: String,
    /// `Retry-After`, when present and readable by this runtime.
    pub retry_after: Option<String>,
    /// `retry-after-ms`, when present.
    pub retry_after_ms: Option<String>,
    /// Time from sending to the end of the body, in ms.
    pub ms: f64,
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

/// The JS values an attempt passes through untouched.
#[derive(Debug, Default, Clone)]
pub struct Env {
    /// The caller's fetch, or undefined for the global one.
    pub fetch: JsValue,
    /// The caller's `AbortSignal`, or undefined.
    pub signal: JsValue,
    /// `beforeRequest` hook, or undefined.
    pub before_request: JsValue,
    /// `afterResponse` hook, or undefined.
    pub after_response: JsValue,
}

fn text_of(v: &JsValue, key: &'static str) -> Option<String> {
    Reflect::get(v, &crate::value::js_key(key)).ok().and_then(|x| x.as_string())
}

/// Sends one attempt and reads the whole body.
pub async fn send(env: &Env, a: Attempt<'_>) -> Result<HttpResponse, Failure> {
    let headers = Object::new();
    for (name, value) in a.headers {
        set(&headers, name, &JsValue::from_str(value));
    }
    let o = Object::new();
    set(&o, "method", &JsValue::from_str(a.method));
    set(&o, "url", &JsValue::from_str(a.url));
    set(&o, "headers", &headers);
    if let Some(body) = a.body {
        set(&o, "body", &JsValue::from_str(body));
    }
    set(&o, "timeoutMs", &JsValue::from_f64(a.timeout_ms));
    set(&o, "attempt", &JsValue::from_f64(a.number.into()));
    for (key, v) in [
        ("fetch", &env.fetch),
        ("signal", &env.signal),
        ("beforeRequest", &env.before_request),
        ("afterResponse", &env.after_response),
    ] {
        if !v.is_undefined() {
            set(&o, key, v);
        }
    }
    match JsFuture::from(js_attempt(&o)).await {
        Ok(r) => Ok(HttpResponse {
            status: Reflect::get(&r, &"status".into()).ok().and_then(|s| s.as_f64()).unwrap_or(0.0) as u16,
            text: text_of(&r, "text").unwrap_or_default(),
            retry_after: text_of(&r, "retryAfter"),
            retry_after_ms: text_of(&r, "retryAfterMs"),
            ms: Reflect::get(&r, &"ms".into()).ok().and_then(|s| s.as_f64()).unwrap_or(0.0),
        }),
        Err(e) => {
            let cause = Reflect::get(&e, &"cause".into()).unwrap_or(JsValue::UNDEFINED);
            Err(match text_of(&e, "kind").as_deref() {
                Some("timeout") => Failure::Timeout(cause),
                Some("abort") => Failure::Abort(cause),
                Some("body") => Failure::Body(cause),
                Some("hook") => Failure::Hook(cause),
                Some(_) => Failure::Network(cause),
                // Not one of ours: keep the value itself as the cause.
                None => Failure::Network(e),
            })
        }
    }
}

/// Waits `ms` before the next attempt; aborted by the caller's signal.
pub async fn sleep(ms: f64, signal: &JsValue) -> Result<(), Error> {
    JsFuture::from(js_sleep(ms, signal))
        .await
        .map(|_| ())
        .map_err(|e| Error::abort(Reflect::get(&e, &"cause".into()).ok().filter(|c| !c.is_undefined())))
}

/// Milliseconds since the epoch, from the platform clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}
