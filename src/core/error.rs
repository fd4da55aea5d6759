//! The SDK's error: one boxed value with a kind, built by one constructor per
//! kind, and turned into a JS `Error` subclass in exactly one place
//! ([`Error::into_js`]), which is also where every string from a server is
//! cleaned of the API key and cut to length.

use crate::core::decode::DecodeError;
use crate::core::read::FieldError;
use crate::core::redact;
use crate::core::text::uint;
use wasm_bindgen::JsValue;

/// What went wrong, from the caller's point of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The caller's input failed a check; nothing was sent (`DingValidationError`).
    Validation,
    /// The API refused the request's content, with an error body (`DingApiError`).
    Api,
    /// Any other non-2xx answer, redirects included (`DingHttpError`).
    Http,
    /// No answer: the request could not be sent or the connection broke (`DingNetworkError`).
    Network,
    /// A 2xx answer that does not match the contract (`DingDecodeError`).
    Decode,
    /// An attempt outlived its timeout, or the call its deadline (`DingTimeoutError`).
    Timeout,
    /// The caller's `AbortSignal` aborted the call (`DingAbortError`).
    Abort,
    /// A webhook whose signature or body does not check out (`DingWebhookError`).
    Webhook,
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
            ErrorKind::Webhook => "DingWebhookError",
        }
    }
}

/// The members of an error body that the SDK reads, each one optional.
/// Read leniently: an error body is evidence, not a contract, and must
/// never hide the status.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ErrorBody {
    /// `code`.
    pub code: Option<String>,
    /// `message`.
    pub message: Option<String>,
    /// `doc_url` (v1).
    pub doc_url: Option<String>,
    /// `param` (v2): the input at fault.
    pub param: Option<String>,
    /// `request_id`.
    pub request_id: Option<String>,
}

impl ErrorBody {
    /// Reads the string members of a parsed body; others are ignored.
    pub fn read<V: crate::core::value::Value>(v: &V) -> ErrorBody {
        let s = |k| v.get(k).and_then(|x| x.as_text());
        ErrorBody {
            code: s("code"),
            message: s("message"),
            doc_url: s("doc_url"),
            param: s("param"),
            request_id: s("request_id"),
        }
    }
}

/// An SDK error. Cheap to move: the details live behind one box.
#[derive(Debug)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    kind: Option<ErrorKind>,
    message: String,
    field: Option<String>,
    status: Option<u16>,
    code: Option<String>,
    doc_url: Option<String>,
    param: Option<String>,
    body: Option<String>,
    location: Option<String>,
    request_id: Option<String>,
    /// The answer's headers, a plain JS object.
    headers: Option<JsValue>,
    cause: Option<JsValue>,
    passthrough: bool,
    attempts: u32,
}

/// Raw bodies kept on errors are cut to this many bytes.
pub const MAX_KEPT_BODY: usize = 64 * 1024;
/// Messages are cut to this many bytes.
const MAX_MESSAGE: usize = 1024;
/// Codes, links, `param`, locations, request ids and header values are cut
/// to this many bytes.
const MAX_SHORT: usize = 2048;

fn cause_of(cause: Option<JsValue>) -> Option<JsValue> {
    cause.filter(|c| !c.is_undefined())
}

impl Error {
    fn new(kind: ErrorKind, message: String) -> Self {
        Error { inner: Box::new(Inner { kind: Some(kind), message, ..Inner::default() }) }
    }

    /// Bad input for `operation`, found before sending.
    pub fn validation(operation: &str, e: FieldError) -> Self {
        let mut m = String::from("Invalid ");
        m.push_str(operation);
        m.push_str(" input: ");
        m.push_str(&e.field);
        m.push(' ');
        m.push_str(&e.problem);
        let mut err = Error::new(ErrorKind::Validation, m);
        err.inner.field = Some(e.field);
        err
    }

    /// An answer the API gave to refuse the request: `Api` for the
    /// statuses where the body says what was wrong with the request, else
    /// `Http`. `api` names the API in the message (`Ding API`).
    pub fn refused(api: &str, kind: ErrorKind, status: u16, body: ErrorBody, raw: String) -> Self {
        let mut m = String::from(api);
        if kind == ErrorKind::Api {
            m.push_str(" refused the request (HTTP ");
            m.push_str(&uint(status.into()));
            m.push(')');
            if let Some(code) = &body.code {
                m.push_str(": ");
                m.push_str(code);
            }
        } else {
            m.push_str(" answered HTTP ");
            m.push_str(&uint(status.into()));
            m.push_str(match status {
                401 | 403 => " (is the API key right?)",
                429 => " (too many requests)",
                500..=599 => " (server error)",
                _ => "",
            });
        }
        if let Some(msg) = &body.message {
            m.push_str(if kind == ErrorKind::Api && body.code.is_some() { " - " } else { ": " });
            m.push_str(msg);
        }
        let mut err = Error::new(kind, m);
        let i = &mut err.inner;
        i.status = Some(status);
        i.code = body.code;
        i.doc_url = body.doc_url;
        i.param = body.param;
        i.request_id = body.request_id;
        i.body = Some(raw);
        err
    }

    /// A redirect, which the SDK never follows: `status` 0 is a browser's
    /// opaque redirect, whose status and target a page cannot read.
    pub fn redirect(api: &str, status: u16, location: Option<String>) -> Self {
        let mut m = String::from(api);
        if status == 0 {
            m.push_str(" answered with a redirect, which is not followed (serverURL may be wrong)");
        } else {
            m.push_str(" answered HTTP ");
            m.push_str(&uint(status.into()));
            m.push_str(", a redirect, which is not followed (serverURL may be wrong)");
        }
        let mut err = Error::new(ErrorKind::Http, m);
        err.inner.status = Some(status);
        err.inner.location = location;
        err
    }

    /// A `fetch` that followed a redirect although it was asked not to: the
    /// answer may come from another server, so it is not used.
    pub fn followed_redirect(api: &str, status: u16) -> Self {
        let mut m = String::from(api);
        m.push_str(" call was redirected by the fetch function, which must not follow redirects");
        let mut err = Error::new(ErrorKind::Http, m);
        err.inner.status = Some(status);
        err
    }

    /// The request could not be sent, or the answer could not be read to its end.
    pub fn network(what: &str, cause: Option<JsValue>) -> Self {
        let mut err = Error::new(ErrorKind::Network, what.to_owned());
        err.inner.cause = cause_of(cause);
        err
    }

    /// The attempt timed out (`deadline`: the call's overall deadline ran out).
    pub fn timeout(api: &str, deadline: bool, cause: Option<JsValue>) -> Self {
        let mut m = String::from(if deadline { "The call's deadline passed before the " } else { "The " });
        m.push_str(api);
        m.push_str(if deadline { " answered" } else { " did not answer within the timeout" });
        let mut err = Error::new(ErrorKind::Timeout, m);
        err.inner.cause = cause_of(cause);
        err
    }

    /// The caller aborted the call with its `AbortSignal`; `cause` is the signal's reason.
    pub fn abort(cause: Option<JsValue>) -> Self {
        let mut err = Error::new(ErrorKind::Abort, "The call was aborted".to_owned());
        err.inner.cause = cause_of(cause);
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
    pub fn decode(api: &str, status: u16, problem: Option<DecodeError>, raw: String) -> Self {
        let mut m = String::from("Could not read the ");
        m.push_str(api);
        m.push_str(" answer (HTTP ");
        m.push_str(&uint(status.into()));
        m.push_str("): ");
        match problem {
            Some(p) => m.push_str(&p.describe()),
            None if raw.is_empty() => m.push_str("the body is empty"),
            None => m.push_str("the body is not valid JSON"),
        }
        let mut err = Error::new(ErrorKind::Decode, m);
        err.inner.status = Some(status);
        err.inner.body = Some(raw);
        err
    }

    /// A webhook that does not check out: `code` names why
    /// (`malformed_body`...), `message` says it.
    pub fn webhook(code: &str, message: String) -> Self {
        let mut err = Error::new(ErrorKind::Webhook, message);
        err.inner.code = Some(code.to_owned());
        err
    }

    /// Adds what the answer said besides its body: its headers (a plain JS
    /// object) and a request id for support, when the body gave none.
    pub fn with_answer(mut self, headers: Option<JsValue>, request_id: Option<String>) -> Self {
        self.inner.headers = headers;
        if self.inner.request_id.is_none() {
            self.inner.request_id = request_id;
        }
        self
    }

    /// Keeps `cause` (a platform error) on the error.
    pub fn with_cause(mut self, cause: JsValue) -> Self {
        self.inner.cause = cause_of(Some(cause));
        self
    }

    /// The attempts made, on errors that end a call.
    pub fn with_attempts(mut self, attempts: u32) -> Self {
        self.inner.attempts = attempts;
        self
    }

    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind.unwrap_or(ErrorKind::Network)
    }

    /// The message shown to people (before the key is cleaned out).
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The HTTP status, for errors that got an answer.
    pub fn status(&self) -> Option<u16> {
        self.inner.status
    }

    /// The error code of the body, when it had one.
    pub fn code(&self) -> Option<&str> {
        self.inner.code.as_deref()
    }

    /// The JS path of the offending input field, for validation errors.
    pub fn field(&self) -> Option<&str> {
        self.inner.field.as_deref()
    }

    /// The raw body of the answer, when there was one.
    pub fn body(&self) -> Option<&str> {
        self.inner.body.as_deref()
    }

    /// Every string member cleaned of `secret` and cut to its length, in
    /// that order, so that no cut can leave part of the key behind.
    pub fn cleaned(mut self, secret: &str) -> Self {
        let i = &mut *self.inner;
        i.message = redact::clean(&i.message, secret, MAX_MESSAGE);
        for s in [&mut i.code, &mut i.doc_url, &mut i.param, &mut i.location, &mut i.request_id].into_iter().flatten() {
            *s = redact::clean(s, secret, MAX_SHORT);
        }
        if let Some(b) = &mut i.body {
            *b = redact::clean(b, secret, MAX_KEPT_BODY);
        }
        i.headers = i.headers.take().map(|h| crate::core::transport::clean_headers(&h, secret, MAX_SHORT));
        if !i.passthrough {
            i.cause = i.cause.take().map(|c| crate::core::transport::clean_cause(c, secret));
        }
        self
    }

    /// The JS `Error` handed to the caller: an instance of the exported class
    /// of this kind, with `status`, `code`, `docUrl`, `param`, `body`,
    /// `location`, `requestId`, `headers`, `field`, `attempts` and `cause`
    /// set when known. Errors that may carry a server's strings must have
    /// gone through [`Error::cleaned`] first.
    pub fn into_js(self) -> JsValue {
        let i = *self.inner;
        if i.passthrough {
            return i.cause.unwrap_or(JsValue::UNDEFINED);
        }
        let text = |s: Option<String>| s.map(|s| JsValue::from_str(&s));
        let props: [(&'static str, Option<JsValue>); 11] = [
            ("status", i.status.map(|s| JsValue::from_f64(s.into()))),
            ("code", text(i.code)),
            ("docUrl", text(i.doc_url)),
            ("param", text(i.param)),
            ("body", text(i.body)),
            ("location", text(i.location)),
            ("requestId", text(i.request_id)),
            ("headers", i.headers),
            ("field", text(i.field)),
            ("attempts", (i.attempts > 0).then(|| JsValue::from_f64(i.attempts.into()))),
            ("cause", i.cause),
        ];
        let members: Vec<(&'static str, JsValue)> = props.into_iter().filter_map(|(k, v)| Some((k, v?))).collect();
        let props = <JsValue as crate::core::value::Value>::object(members);
        crate::core::transport::make_error(i.kind.unwrap_or(ErrorKind::Network).js_name(), &i.message, &props)
    }
}

impl From<Error> for JsValue {
    fn from(e: Error) -> JsValue {
        e.into_js()
    }
}
