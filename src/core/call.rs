//! The call machinery both APIs share: a [`Client`] (the checked options:
//! key, server, timing, `fetch`, hooks, logger) and the state machine of one
//! call ([`PendingCall`]), which `js/transport.js` drives through its
//! attempts and waits while every decision (what to send, how to read the
//! answer, whether to retry and when) is taken here.
//!
//! An API declares what differs ([`Api`]: its name, server, how the key is
//! sent, which statuses mean "the request itself was refused") and each
//! operation ([`Operation`]: method, whether repeating it is harmless, the
//! type of its answer); its JS classes build a [`Request`] and call
//! [`Client::call`].

use std::rc::Rc;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;

use crate::core::decode::decode;
use crate::core::error::{Error, ErrorBody, ErrorKind};
use crate::core::options::{self, read_timing, Timing};
use crate::core::read::{self, FieldError};
use crate::core::retry::{next_wait, parse_retry_after, Outcome, Safety};
use crate::core::schema::{Model, Ty};
use crate::core::server;
use crate::core::text::uint;
use crate::core::transport::{flags, now_ms, send, Answer, Attempt, Failure};
use crate::core::value::Value;

/// How an API takes its key.
#[derive(Debug, Clone, Copy)]
pub enum Auth {
    /// In a header of its own (`x-api-key: <key>`).
    Header(&'static str),
    /// `Authorization: Bearer <key>`.
    Bearer,
}

/// What one API makes of the shared machinery.
#[derive(Debug)]
pub struct Api {
    /// How messages name it (`Ding API`).
    pub label: &'static str,
    /// The name of its client class (`Ding`), for `toString()` and messages.
    pub class: &'static str,
    /// The server used without `serverURL`.
    pub default_server: &'static str,
    /// The path every operation adds below `serverURL` (`/v2`), or empty.
    /// A `serverURL` that already ends in it is refused
    /// ([`server::base`]): every path would carry it twice and every call
    /// end in a 404.
    pub path_prefix: &'static str,
    /// How the key is sent.
    pub auth: Auth,
    /// Statuses whose error body says what was wrong with the request
    /// (`DingApiError`); other non-2xx answers are `DingHttpError`s.
    pub refusals: &'static [u16],
}

/// One operation of an API.
#[derive(Debug)]
pub struct Operation {
    /// Its JS method name, for messages and log lines.
    pub name: &'static str,
    /// `GET`, `POST` or `DELETE`.
    pub method: &'static str,
    /// Whether repeating it after an ambiguous failure is harmless.
    pub safety: Safety,
    /// The type of a 2xx answer's body.
    pub answer: &'static Ty,
}

/// A checked request, ready for its attempts.
#[derive(Debug)]
pub struct Request {
    /// The absolute URL.
    pub url: String,
    /// The URL as logged, when it differs (a phone number in the path is hidden).
    pub log_url: Option<String>,
    /// The JSON body.
    pub body: Option<String>,
    /// One more header (v1 lookup's `customer-uuid`).
    pub header: Option<(&'static str, String)>,
}

/// The state shared by a client and its resources. Immutable after construction.
pub struct Client {
    api: &'static Api,
    key: String,
    /// The value of the header that carries the key.
    auth_value: String,
    base: String,
    timing: Timing,
    /// `fetch` and the hooks, as one object for `js/transport.js`.
    env: JsValue,
    logger: Option<(JsValue, Function)>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("api", &self.api.label).field("base", &self.base).finish_non_exhaustive()
    }
}

fn validation(api: &Api, e: FieldError) -> Error {
    let mut what = String::from(api.class);
    what.push_str(" options");
    Error::validation(&what, e)
}

impl Client {
    /// Reads and checks the options of `new Ding(options)` (or `new Prelude`).
    ///
    /// # Errors
    /// A `DingValidationError` naming the first bad option.
    pub fn new(api: &'static Api, options: &JsValue) -> Result<Client, Error> {
        Self::read(api, options).map_err(|e| validation(api, e))
    }

    fn read(api: &'static Api, options: &JsValue) -> Result<Client, FieldError> {
        if !Value::is_object(options) {
            return Err(FieldError::new("options", crate::core::text::expected("an object", options)));
        }
        let key = match Value::get(options, "apiKey") {
            None => return Err(FieldError::new("apiKey", "is required")),
            Some(k) => {
                k.as_string().ok_or_else(|| FieldError::new("apiKey", crate::core::text::expected("a string", &k)))?
            }
        };
        options::api_key(&key).map_err(|p| FieldError::new("apiKey", p))?;
        let base = match Value::get(options, "serverURL") {
            None => api.default_server.to_owned(),
            Some(s) => {
                let s = s
                    .as_string()
                    .ok_or_else(|| FieldError::new("serverURL", crate::core::text::expected("a string", &s)))?;
                server::base(&s, server::parse(&s), api.default_server, api.path_prefix)
                    .map_err(|p| FieldError::new("serverURL", p))?
            }
        };
        let timing = read_timing(options, Timing::default())?;
        let env = <JsValue as Value>::object(
            [
                ("fetch", options::fetch(options)?),
                ("beforeRequest", options::function(options, "beforeRequest")?),
                ("afterResponse", options::function(options, "afterResponse")?),
            ]
            .into_iter()
            .filter(|(_, f)| !f.is_undefined())
            .collect(),
        );
        let auth_value = match api.auth {
            Auth::Header(_) => key.clone(),
            Auth::Bearer => ["Bearer ", &key].concat(),
        };
        Ok(Client { api, key, auth_value, base, timing, env, logger: options::logger(options)? })
    }

    /// The server this client talks to, without a trailing slash.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// `Name { serverURL: "…" }`: what `toString()` shows; never the key.
    pub fn describe(&self) -> String {
        [self.api.class, " { serverURL: \"", &self.base, "\" }"].concat()
    }

    /// `{ serverURL }`: what `JSON.stringify(client)` shows; never the key.
    pub fn to_json(&self) -> JsValue {
        <JsValue as Value>::object(vec![("serverURL", JsValue::from_str(&self.base))])
    }

    /// `{base}{path}`.
    pub fn url(&self, path: &str) -> String {
        server::join(&self.base, path)
    }

    /// A POST (or DELETE) whose body is `input` read as `model`.
    pub fn with_body(&self, path: &str, model: &'static Model, input: &JsValue) -> Result<Request, FieldError> {
        Ok(Request { url: self.url(path), log_url: None, body: Some(read::body(model, input)?), header: None })
    }

    /// Reads the optional per-call options (`retries`, `timeoutMs`, `deadlineMs`, `signal`).
    fn call_options(&self, options: Option<JsValue>) -> Result<(Timing, JsValue), FieldError> {
        let Some(o) = options.filter(|o| !o.is_nullish()) else { return Ok((self.timing, JsValue::UNDEFINED)) };
        if !Value::is_object(&o) {
            return Err(FieldError::new("options", crate::core::text::expected("an object", &o)));
        }
        Ok((read_timing(&o, self.timing)?, options::signal(&o)?))
    }

    /// Starts `op`: a promise of its result, or one already rejected with
    /// the validation error of `request` or of `options` (nothing is sent).
    pub fn call(
        self: &Rc<Self>,
        op: &'static Operation,
        request: Result<Request, FieldError>,
        options: Option<JsValue>,
    ) -> Promise {
        let prepared = request.and_then(|r| self.call_options(options).map(|o| (r, o)));
        match prepared {
            Ok((request, (timing, signal))) => {
                let call = PendingCall {
                    client: self.clone(),
                    op,
                    request,
                    timing,
                    signal: signal.clone(),
                    number: 0,
                    started: now_ms(),
                    deadline_bound: false,
                    wait: 0.0,
                };
                crate::core::js::drive(call.into(), &signal)
            }
            Err(e) => Promise::reject(&Error::validation(op.name, e).into_js()),
        }
    }

    /// Sends the line `line()` builds to the logger; builds nothing without one.
    fn log(&self, line: impl FnOnce() -> String) {
        if let Some((logger, debug)) = &self.logger {
            // A logger that throws must not break the call.
            let _ = debug.call1(logger, &JsValue::from_str(&line()));
        }
    }
}

/// One call in progress. `js/transport.js` drives it: `next()` starts an
/// attempt, `settle()` or `fail()` reads how it ended and either finishes
/// the call or leaves the wait before the next attempt in `wait`. Keeping
/// the loop in JS keeps every wasm export synchronous: no futures machinery
/// in the module, and one crossing per step rather than per await.
#[wasm_bindgen(skip_typescript)]
#[derive(Debug)]
pub struct PendingCall {
    client: Rc<Client>,
    op: &'static Operation,
    request: Request,
    timing: Timing,
    signal: JsValue,
    number: u32,
    started: f64,
    deadline_bound: bool,
    wait: f64,
}

impl PendingCall {
    fn log_url(&self) -> &str {
        self.request.log_url.as_deref().unwrap_or(&self.request.url)
    }

    /// Turns a complete answer into the call's result, or the error it means.
    fn answer(&self, res: &Answer) -> Result<JsValue, Error> {
        let api = self.client.api;
        let err = if res.flags & flags::REDIRECTED != 0 {
            Error::followed_redirect(api.label, res.status)
        } else if res.flags & flags::OPAQUE_REDIRECT != 0 || (300..=399).contains(&res.status) {
            Error::redirect(api.label, res.status, res.location.clone())
        } else if (200..=299).contains(&res.status) {
            match res.json() {
                Some(v) => match decode(self.op.answer, v) {
                    Ok(out) => return Ok(out),
                    Err(problem) => Error::decode(api.label, res.status, Some(problem), res.body_text()),
                },
                None => Error::decode(api.label, res.status, None, res.body_text()),
            }
        } else {
            let body = res.json().map(ErrorBody::read).unwrap_or_default();
            let kind = if api.refusals.contains(&res.status) { ErrorKind::Api } else { ErrorKind::Http };
            Error::refused(api.label, kind, res.status, body, res.body_text())
        };
        let (headers, id) = res.headers_and_id();
        Err(err.with_answer(headers, id))
    }

    /// After a failed attempt: `undefined` with `wait` set when the policy
    /// allows another attempt, else the call's error.
    fn retry_or(&mut self, err: Error, outcome: Option<Outcome>) -> Result<JsValue, JsValue> {
        let c = self.client.clone();
        let err = err.cleaned(&c.key).with_attempts(self.number);
        if err.status().is_none() {
            c.log(|| [self.op.method, " ", self.log_url(), " failed: ", err.message()].concat());
        }
        let elapsed = now_ms() - self.started;
        let deadline_left = self.timing.deadline_ms.map(|d| d - elapsed);
        let random = js_sys::Math::random();
        let wait = outcome.and_then(|o| {
            next_wait(&self.timing.policy, self.op.safety, o, self.number - 1, elapsed, deadline_left, random)
        });
        let Some(wait) = wait else { return Err(err.into_js()) };
        c.log(|| {
            [self.op.name, ": retrying in ", &ms_text(wait), " (attempt ", &uint((self.number + 1).into()), ")"]
                .concat()
        });
        self.wait = wait;
        Ok(JsValue::UNDEFINED)
    }
}

fn ms_text(ms: f64) -> String {
    let mut s = uint(ms.max(0.0).round() as u64);
    s.push_str(" ms");
    s
}

#[wasm_bindgen]
impl PendingCall {
    /// Starts the next attempt; throws `DingTimeoutError` when the deadline has passed.
    #[wasm_bindgen(js_name = next)]
    pub fn next_attempt(&mut self) -> Result<Promise, JsValue> {
        self.number += 1;
        let timing = &self.timing;
        let left = timing.deadline_ms.map(|d| d - (now_ms() - self.started));
        self.deadline_bound = left.is_some_and(|l| l < timing.timeout_ms);
        let timeout_ms = left.map_or(timing.timeout_ms, |l| l.min(timing.timeout_ms));
        if timeout_ms <= 0.0 {
            return Err(Error::timeout(self.client.api.label, true, None).with_attempts(self.number - 1).into_js());
        }
        let c = &self.client;
        let auth_header = match c.api.auth {
            Auth::Header(name) => name,
            Auth::Bearer => "authorization",
        };
        let mut headers: [(&'static str, &str); 4] =
            [("accept", "application/json"), (auth_header, &c.auth_value), ("", ""), ("", "")];
        let mut n = 2;
        if self.request.body.is_some() {
            headers[n] = ("content-type", "application/json");
            n += 1;
        }
        if let Some((name, value)) = &self.request.header {
            headers[n] = (name, value);
            n += 1;
        }
        let attempt = Attempt {
            method: self.op.method,
            url: &self.request.url,
            headers: headers.get(..n).unwrap_or_default(),
            body: self.request.body.as_deref(),
            timeout_ms,
            number: self.number,
        };
        Ok(send(&c.env, &self.signal, attempt))
    }

    /// Reads an answer: resolves to the call's result, or `undefined` to
    /// retry after `wait` ms; throws the call's error.
    #[allow(clippy::too_many_arguments)]
    pub fn settle(
        &mut self,
        status: u16,
        flags: u32,
        ms: f64,
        text: JsValue,
        json: JsValue,
        headers: JsValue,
        retry_after: Option<String>,
        retry_after_ms: Option<String>,
        location: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let res = Answer { status, flags, ms, text, json, headers, retry_after, retry_after_ms, location };
        self.client.log(|| {
            let status = ["HTTP ", &uint(res.status.into())].concat();
            [self.op.method, " ", self.log_url(), " -> ", &status, " in ", &ms_text(res.ms)].concat()
        });
        let retry_after = parse_retry_after(res.retry_after.as_deref(), res.retry_after_ms.as_deref(), now_ms());
        let outcome = Outcome::Status { status: res.status, retry_after_ms: retry_after };
        // Redirects, and answers that came through one, are never retried.
        let redirect = res.flags != 0 || (300..=399).contains(&res.status);
        match self.answer(&res) {
            Ok(v) => Ok(v),
            Err(e) => self.retry_or(e, (!redirect).then_some(outcome)),
        }
    }

    /// Reads a failed attempt (`kind` and `cause` from `attempt`):
    /// `undefined` to retry after `wait` ms; throws the call's error.
    pub fn fail(&mut self, kind: String, cause: JsValue) -> Result<JsValue, JsValue> {
        let label = self.client.api.label;
        let (err, outcome) = match Failure::read(&kind, cause) {
            Failure::Abort(cause) => return Err(self.aborted(cause)),
            Failure::Hook(value) => return Err(Error::passthrough(value).into_js()),
            // A timeout cut short by the deadline is final.
            Failure::Timeout(cause) => (
                Error::timeout(label, self.deadline_bound, Some(cause)),
                (!self.deadline_bound).then_some(Outcome::Timeout),
            ),
            Failure::Refused(cause) => (
                Error::network(&[label, " could not be reached (the connection was refused)"].concat(), Some(cause)),
                Some(Outcome::Refused),
            ),
            Failure::Network(cause) => (
                Error::network(
                    &["Could not reach the ", label, " (the request failed before an answer)"].concat(),
                    Some(cause),
                ),
                Some(Outcome::Connection),
            ),
            Failure::Body(cause) => (
                Error::network("The connection broke while the answer was read", Some(cause)),
                Some(Outcome::BrokenBody),
            ),
            Failure::NotAResponse(cause) => {
                (Error::network("The fetch function did not resolve to a Response", Some(cause)), None)
            }
            // A setting, not the network: nothing was sent, and a retry cannot help.
            Failure::Invocation(cause) => {
                let e = FieldError::new(
                    "fetch",
                    "cannot be called on its own in this runtime: pass a Workers service binding itself \
                     (fetch: env.SERVICE) or bind it (env.SERVICE.fetch.bind(env.SERVICE))",
                );
                let err = Error::validation(self.op.name, e).with_cause(cause).with_attempts(self.number);
                return Err(err.cleaned(&self.client.key).into_js());
            }
        };
        self.retry_or(err, outcome)
    }

    /// The wait before the next attempt, in ms.
    #[wasm_bindgen(getter)]
    pub fn wait(&self) -> f64 {
        self.wait
    }

    /// The error for an abort by the caller's signal (`cause` is its reason).
    pub fn aborted(&self, cause: JsValue) -> JsValue {
        Error::abort(Some(cause)).with_attempts(self.number).into_js()
    }
}
