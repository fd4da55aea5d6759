//! One attempt as the call state machine sees it: what goes out
//! ([`send`]), what came back ([`Answer`]) or why nothing did
//! ([`Failure`]). The sending itself is `js/transport.js` (timers,
//! `AbortSignal` listeners and promises are native there); this file only
//! converts at that boundary, and cleans what an error keeps of an answer.

use crate::core::js;
use crate::core::redact;
use js_sys::{Object, Promise};
use wasm_bindgen::prelude::*;

pub use crate::core::js::make_error;

/// One attempt, ready to send. Built anew for every attempt.
#[derive(Debug)]
pub struct Attempt<'a> {
    /// `GET`, `POST` or `DELETE`.
    pub method: &'static str,
    /// Absolute URL.
    pub url: &'a str,
    /// Header names and values (already checked: no CR/LF).
    pub headers: &'a [(&'static str, &'a str)],
    /// JSON body.
    pub body: Option<&'a str>,
    /// Timeout of this attempt in ms.
    pub timeout_ms: f64,
    /// 1 for the first attempt, 2 for the first retry...
    pub number: u32,
}

/// Starts one attempt; the promise resolves to the answer's parts (handed
/// to `PendingCall.settle`) or rejects with `{ kind, cause }` (handed to
/// `PendingCall.fail`).
pub fn send(env: &JsValue, signal: &JsValue, a: Attempt<'_>) -> Promise {
    let headers = Object::new();
    for (name, value) in a.headers {
        js::put(&headers, &crate::core::value::js_key(name), &JsValue::from_str(value));
    }
    js::attempt(env, signal, a.method, a.url, &headers, a.body, a.timeout_ms, a.number)
}

/// Flags of an answer, as `js/transport.js` sets them.
pub mod flags {
    /// `res.redirected`: the `fetch` function followed a redirect.
    pub const REDIRECTED: u32 = 1;
    /// `res.type === "opaqueredirect"`: a browser's unreadable redirect.
    pub const OPAQUE_REDIRECT: u32 = 2;
}

/// What came back. The body stays a JS string (and its parsed value): it
/// is copied into Rust only when an error needs it.
#[derive(Debug)]
pub struct Answer {
    /// HTTP status (0 for an opaque redirect).
    pub status: u16,
    /// See [`flags`].
    pub flags: u32,
    /// Time from sending to the end of the body, in ms.
    pub ms: f64,
    /// The body text (a JS string).
    pub text: JsValue,
    /// The body, parsed, when it is JSON (`undefined` otherwise).
    pub json: JsValue,
    /// The platform's `Headers` object (or what the `fetch` function gave).
    pub headers: JsValue,
    /// `Retry-After`, when present and readable.
    pub retry_after: Option<String>,
    /// `retry-after-ms`, when present.
    pub retry_after_ms: Option<String>,
    /// `Location`, when present and readable.
    pub location: Option<String>,
}

impl Answer {
    /// The body text, copied into Rust.
    pub fn body_text(&self) -> String {
        self.text.as_string().unwrap_or_default()
    }

    /// The parsed body, when it was JSON.
    pub fn json(&self) -> Option<&JsValue> {
        (!self.json.is_undefined()).then_some(&self.json)
    }

    /// The headers as a plain object, and the request id among them.
    pub fn headers_and_id(&self) -> (Option<JsValue>, Option<String>) {
        let info = js::answer_info(&self.headers);
        let member = |k: &'static str| Some(js::member(&info, &crate::core::value::js_key(k)));
        (member("headers").filter(|h| h.is_object()), member("requestId").and_then(|v| v.as_string()))
    }
}

/// Why an attempt got no answer.
#[derive(Debug)]
pub enum Failure {
    /// The attempt's timer fired.
    Timeout(JsValue),
    /// The caller's signal aborted.
    Abort(JsValue),
    /// The connection could not be made: the request never left.
    Refused(JsValue),
    /// `fetch` failed before an answer, maybe after sending.
    Network(JsValue),
    /// The answer broke off while its body was read.
    Body(JsValue),
    /// A hook threw this value.
    Hook(JsValue),
    /// The `fetch` function gave something that is not a response.
    NotAResponse(JsValue),
    /// The runtime refused to run the `fetch` function on its own (a
    /// Workers service binding's `fetch`, passed without its binding).
    Invocation(JsValue),
}

impl Failure {
    /// Reads what `attempt` rejected with (`kind`, `cause`).
    pub fn read(kind: &str, cause: JsValue) -> Failure {
        match kind {
            "timeout" => Failure::Timeout(cause),
            "abort" => Failure::Abort(cause),
            "body" => Failure::Body(cause),
            "hook" => Failure::Hook(cause),
            "response" => Failure::NotAResponse(cause),
            "refused" => Failure::Refused(cause),
            "invocation" => Failure::Invocation(cause),
            _ => Failure::Network(cause),
        }
    }
}

/// `headers` (a plain object) with every value cleaned of `secret` and cut
/// to `max` bytes; the same object when nothing needed it.
pub fn clean_headers(headers: &JsValue, secret: &str, max: usize) -> JsValue {
    let Some(entries) = crate::core::value::Value::entries(headers) else { return headers.clone() };
    let dirty = |v: &JsValue| v.as_string().is_some_and(|s| s.len() > max || redact::contains(&s, secret));
    if !entries.iter().any(|(_, v)| dirty(v)) {
        return headers.clone();
    }
    let o = Object::new();
    for (k, v) in entries {
        let v = match v.as_string() {
            Some(s) => JsValue::from_str(&redact::clean(&s, secret, max)),
            None => v,
        };
        js::put(&o, &JsValue::from_str(&k), &v);
    }
    o.into()
}

fn text_member(v: &JsValue, key: &str) -> Option<String> {
    js::member(v, &JsValue::from_str(key)).as_string()
}

/// A platform error (and its `cause` chain, four deep) with the key
/// cleaned out of its `message`, `stack` and `code`. An error that holds no
/// spelling of the key is handed on as it is; one that does is replaced by
/// a plain `Error` with the same name and the cleaned text.
pub fn clean_cause(cause: JsValue, secret: &str) -> JsValue {
    clean_cause_at(cause, secret, 4)
}

fn clean_cause_at(cause: JsValue, secret: &str, depth: u32) -> JsValue {
    if let Some(s) = cause.as_string() {
        return if redact::contains(&s, secret) { JsValue::from_str(&redact::redact(&s, secret)) } else { cause };
    }
    if !cause.is_object() || depth == 0 || secret.is_empty() {
        return cause;
    }
    let inner = js::member(&cause, &JsValue::from_str("cause"));
    let cleaned_inner = clean_cause_at(inner.clone(), secret, depth - 1);
    let texts = ["message", "stack", "code"].map(|k| text_member(&cause, k));
    let leaks = texts.iter().flatten().any(|t| redact::contains(t, secret));
    if !leaks && cleaned_inner == inner {
        return cause;
    }
    let [message, stack, code] = texts.map(|t| t.map(|t| redact::redact(&t, secret)));
    let e = js_sys::Error::new(message.as_deref().unwrap_or_default());
    if let Some(name) = text_member(&cause, "name") {
        e.set_name(&name);
    }
    for (k, v) in [("stack", stack), ("code", code)] {
        if let Some(v) = v {
            js::put(&e, &JsValue::from_str(k), &JsValue::from_str(&v));
        }
    }
    if !cleaned_inner.is_undefined() {
        js::put(&e, &JsValue::from_str("cause"), &cleaned_inner);
    }
    e.into()
}

/// Milliseconds since the epoch, from the platform clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}
