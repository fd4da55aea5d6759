//! The SDK's error: one boxed value with a kind, built by one constructor per
//! kind, and turned into a JS `Error` subclass in exactly one place
//! ([`Error::into_js`]).

use crate::model::{push_uint, DecodeError, FieldError};
use crate::models::ErrorResponse;
use wasm_bindgen::JsValue;

/// What went wrong, from the caller's point of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The caller's input failed a check; nothing was sent (`DingValidationError`).
    Validation,
    /// The API refused the request with a 400 and an error body (`DingApiError`).
    Api,
    /// The API answered another non-2xx status (`DingHttpError`).
    Http,
    /// No answer: the request could not be sent or the connection broke (`DingNetworkError`).
    Network,
    /// A 2xx answer that does not match the contract (`DingDecodeError`).
    Decode,
    /// An attempt outlived its timeout, or the call its deadline (`DingTimeoutError`).
    Timeout,
    /// The caller's `AbortSignal` aborted the call (`DingAbortError`).
    Abort,
}

impl ErrorKind {
    /// The JS class name of this kind.
    pub fn js_name(self) -> &'static str {
        match self {
            ErrorKind::Validation => "DingValidationError",
            ErrorKind::Api => "DingApiError",
            ErrorKind::Http => "DingHttpError",
            ErrorKind::Network => "DingNetworkError",
            ErrorKind::Decode => "DingDecodeError",
            ErrorKind::Timeout => "DingTimeoutError",
            ErrorKind::Abort => "DingAbortError",
        }
    }
}

/// An SDK error. Cheap to move: the details live behind one box.
#[derive(Debug)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Debug)]
struct Inner {
    kind: ErrorKind,
    message: String,
    field: Option<&'static str>,
    status: Option<u16>,
    code: Option<String>,
    doc_url: Option<String>,
    body: Option<String>,
    cause: Option<JsValue>,
    passthrough: bool,
    attempts: u32,
}

/// Raw bodies kept on errors are cut to this many bytes.
pub const MAX_KEPT_BODY: usize = 64 * 1024;

impl Error {
    fn new(kind: ErrorKind, message: String) -> Self {
        Error {
            inner: Box::new(Inner {
                kind,
                message,
                field: None,
                status: None,
                code: None,
                doc_url: None,
                body: None,
                cause: None,
                passthrough: false,
                attempts: 0,
            }),
        }
    }

    /// Bad input for `operation`, found before sending.
    pub fn validation(operation: &str, e: FieldError) -> Self {
        let mut m = String::from("Invalid ");
        m.push_str(operation);
        m.push_str(" input: ");
        m.push_str(e.field);
        m.push(' ');
        m.push_str(&e.problem);
        let mut err = Error::new(ErrorKind::Validation, m);
        err.inner.field = Some(e.field);
        err
    }

    /// A 400 answer with its (leniently read) error body.
    pub fn api(status: u16, body: ErrorResponse, raw: String) -> Self {
        let mut m = String::from("Ding API refused the request (HTTP ");
        push_uint(&mut m, status.into());
        m.push(')');
        if let Some(code) = &body.code {
            m.push_str(": ");
            m.push_str(code.as_str());
        }
        if let Some(msg) = &body.message {
            m.push_str(if body.code.is_some() { " - " } else { ": " });
            m.push_str(&crate::model::truncate(msg, 300));
        }
        let mut err = Error::new(ErrorKind::Api, m);
        err.inner.status = Some(status);
        err.inner.code = body.code.map(|c| c.as_str().to_owned());
        err.inner.doc_url = body.doc_url;
        err.set_body(raw);
        err
    }

    /// Any other non-2xx answer; `body` is what could be read of an error body.
    pub fn http(status: u16, body: ErrorResponse, raw: String) -> Self {
        let mut m = String::from("Ding API answered HTTP ");
        push_uint(&mut m, status.into());
        m.push_str(match status {
            401 | 403 => " (is the API key right?)",
            429 => " (too many requests)",
            500..=599 => " (server error)",
            _ => "",
        });
        if let Some(msg) = &body.message {
            m.push_str(": ");
            m.push_str(&crate::model::truncate(msg, 300));
        }
        let mut err = Error::new(ErrorKind::Http, m);
        err.inner.status = Some(status);
        err.inner.code = body.code.map(|c| c.as_str().to_owned());
        err.inner.doc_url = body.doc_url;
        err.set_body(raw);
        err
    }

    /// The request could not be sent, or the answer could not be read to its end.
    pub fn network(what: &str, cause: Option<JsValue>) -> Self {
        let mut err = Error::new(ErrorKind::Network, what.to_owned());
        err.inner.cause = cause;
        err
    }

    /// The attempt timed out (`deadline`: the call's overall deadline ran out).
    pub fn timeout(deadline: bool, cause: Option<JsValue>) -> Self {
        let what = if deadline {
            "The call's deadline passed before the Ding API answered"
        } else {
            "The Ding API did not answer within the timeout"
        };
        let mut err = Error::new(ErrorKind::Timeout, what.to_owned());
        err.inner.cause = cause;
        err
    }

    /// The caller aborted the call with its `AbortSignal`; `cause` is the signal's reason.
    pub fn abort(cause: Option<JsValue>) -> Self {
        let mut err = Error::new(ErrorKind::Abort, "The call was aborted".to_owned());
        err.inner.cause = cause;
        err
    }

    /// A value thrown by the caller's own hook, handed back unchanged.
    pub fn passthrough(value: JsValue) -> Self {
        let mut err = Error::new(ErrorKind::Network, String::new());
        err.inner.passthrough = true;
        err.inner.cause = Some(value);
        err
    }

    /// A 2xx answer that is not the JSON the contract describes.
    pub fn decode(status: u16, problem: Option<DecodeError>, raw: String) -> Self {
        let mut m = String::from("Could not read the Ding API answer (HTTP ");
        push_uint(&mut m, status.into());
        m.push_str("): ");
        match problem {
            Some(p) => m.push_str(&p.describe()),
            None if raw.is_empty() => m.push_str("the body is empty"),
            None => m.push_str("the body is not valid JSON"),
        }
        let mut err = Error::new(ErrorKind::Decode, m);
        err.inner.status = Some(status);
        err.set_body(raw);
        err
    }

    fn set_body(&mut self, mut raw: String) {
        if raw.len() > MAX_KEPT_BODY {
            let mut cut = MAX_KEPT_BODY;
            while !raw.is_char_boundary(cut) {
                cut -= 1;
            }
            raw.truncate(cut);
        }
        self.inner.body = Some(raw);
    }

    /// Replaces every occurrence of `secret` in the message and body, so a
    /// server that echoes the API key cannot leak it through an error.
    pub fn redact(mut self, secret: &str) -> Self {
        if secret.is_empty() {
            return self;
        }
        if let Some(m) = replace_all(&self.inner.message, secret) {
            self.inner.message = m;
        }
        if let Some(b) = self.inner.body.as_deref().and_then(|b| replace_all(b, secret)) {
            self.inner.body = Some(b);
        }
        self
    }

    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The message shown to people.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The attempts made, on errors that end a call.
    pub fn with_attempts(mut self, attempts: u32) -> Self {
        self.inner.attempts = attempts;
        self
    }

    /// The HTTP status, for errors that got an answer.
    pub fn status(&self) -> Option<u16> {
        self.inner.status
    }

    /// The error code of the body, when it had one.
    pub fn code(&self) -> Option<&str> {
        self.inner.code.as_deref()
    }

    /// The JS name of the offending input field, for validation errors.
    pub fn field(&self) -> Option<&'static str> {
        self.inner.field
    }

    /// The raw body of the answer, when there was one.
    pub fn body(&self) -> Option<&str> {
        self.inner.body.as_deref()
    }

    /// The JS `Error` handed to the caller: an instance of the exported class
    /// of this kind, with `status`, `code`, `docUrl`, `body`, `field` and
    /// `cause` set when known.
    pub fn into_js(self) -> JsValue {
        let i = *self.inner;
        if i.passthrough {
            return i.cause.unwrap_or(JsValue::UNDEFINED);
        }
        let props = js_sys::Object::new();
        let put = |k: &'static str, v: JsValue| crate::model::set(&props, k, &v);
        if let Some(s) = i.status {
            put("status", JsValue::from_f64(s.into()));
        }
        if let Some(c) = i.code {
            put("code", JsValue::from_str(&c));
        }
        if let Some(u) = i.doc_url {
            put("docUrl", JsValue::from_str(&u));
        }
        if let Some(b) = i.body {
            put("body", JsValue::from_str(&b));
        }
        if let Some(f) = i.field {
            put("field", JsValue::from_str(f));
        }
        if i.attempts > 0 {
            put("attempts", JsValue::from_f64(i.attempts.into()));
        }
        if let Some(c) = i.cause {
            put("cause", c);
        }
        crate::js::make_error(i.kind.js_name(), &i.message, &props)
    }
}

/// `hay` with every `needle` replaced by `[redacted]`, or `None` when it has
/// none. A plain scan: smaller in the wasm than the standard library's
/// two-way searcher, and errors are not a hot path.
fn replace_all(hay: &str, needle: &str) -> Option<String> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let mut out: Option<Vec<u8>> = None;
    let mut i = 0;
    let mut copied = 0;
    while i + n.len() <= h.len() {
        if h.get(i..i + n.len()) == Some(n) {
            let o = out.get_or_insert_with(Vec::new);
            o.extend_from_slice(h.get(copied..i).unwrap_or_default());
            o.extend_from_slice(b"[redacted]");
            i += n.len();
            copied = i;
        } else {
            i += 1;
        }
    }
    let mut o = out?;
    o.extend_from_slice(h.get(copied..).unwrap_or_default());
    // Whole UTF-8 sequences were replaced by ASCII, so this cannot fail.
    String::from_utf8(o).ok()
}

impl From<Error> for JsValue {
    fn from(e: Error) -> JsValue {
        e.into_js()
    }
}
