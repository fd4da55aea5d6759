//! The JS classes: `Ding` (the client), and its `otp` and `lookup` resources,
//! whose methods return Promises.

use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::model::{
    check_field, read_optional, read_required, Decode, DecodeError, FieldError, Input, RequestBody, ToJs,
};
use crate::models::{
    AuthenticationStatusResponse, CreateAuthenticationRequest, CreateAuthenticationResponse, CreateCheckRequest,
    CreateCheckResponse, ErrorResponse, FeedbackRequest, FeedbackResponse, LookupFeature, LookupResponse,
    RetryAuthenticationRequest, RetryAuthenticationResponse,
};
use crate::options::{read_timing, Timing};
use crate::retry::{next_wait, parse_retry_after, Outcome, Safety};
use crate::transport::{drive, env_object, now_ms, read_failure, read_response, send, Attempt, Failure, HttpResponse};
use crate::{checks, url};

/// State shared by a client and its resources. Immutable after construction.
struct Client {
    api_key: String,
    base_url: String,
    timing: Timing,
    /// `fetch` and the hooks, as one object for `js/transport.js`.
    env: JsValue,
    logger: Option<(JsValue, Function)>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("base_url", &self.base_url).finish_non_exhaustive()
    }
}

fn api_key_check(key: &str) -> Result<(), String> {
    if key.is_empty() {
        Err("must not be empty".into())
    } else if key.len() > 1024 {
        Err("must be at most 1024 characters long".into())
    } else if !key.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        // Never echo the key itself.
        Err("must be printable ASCII without spaces or line breaks".into())
    } else {
        Ok(())
    }
}

/// An optional function member of an options object.
fn read_function(options: &JsValue, key: &'static str) -> Result<JsValue, FieldError> {
    match crate::value::Value::get(options, key) {
        None => Ok(JsValue::UNDEFINED),
        Some(f) if f.is_function() => Ok(f),
        Some(f) => Err(FieldError { field: key, problem: crate::model::expected("a function", &f) }),
    }
}

/// `logger`: an object with a `debug` (or else `log`) method, like `console`.
fn read_logger(options: &JsValue) -> Result<Option<(JsValue, Function)>, FieldError> {
    let Some(logger) = crate::value::Value::get(options, "logger") else { return Ok(None) };
    for method in ["debug", "log"] {
        if let Some(f) = crate::value::Value::get(&logger, method).and_then(|f| f.dyn_into::<Function>().ok()) {
            return Ok(Some((logger, f)));
        }
    }
    Err(FieldError { field: "logger", problem: "must be an object with a debug or log method, like console".into() })
}

/// Per-call settings: the client's, overridden by the call's options object.
#[derive(Debug)]
struct Call {
    timing: Timing,
    signal: JsValue,
}

/// Decodes a parsed answer and builds its JS form.
type Decoder = fn(&JsValue) -> Result<JsValue, DecodeError>;

fn decode_to_js<T: Decode + ToJs>(v: &JsValue) -> Result<JsValue, DecodeError> {
    T::decode(v).map(|t| t.to_js())
}

/// A checked request, ready for a `PendingCall`.
#[derive(Debug)]
struct Prepared {
    op: Op,
    url: String,
    /// The URL as logged, when it differs (a lookup's number is hidden).
    log_url: Option<String>,
    body: Option<String>,
    customer_uuid: Option<String>,
    call: Call,
    decode: Decoder,
}

/// The shape of one operation's request, besides its URL and body.
#[derive(Debug)]
struct Op {
    name: &'static str,
    method: &'static str,
    safety: Safety,
}

impl Client {
    fn from_options(options: &JsValue) -> Result<Client, FieldError> {
        if !crate::value::Value::is_object(options) {
            return Err(FieldError { field: "options", problem: crate::model::expected("an object", options) });
        }
        let api_key: String = read_required(options, "apiKey")?;
        check_field("apiKey", &api_key, api_key_check)?;
        let server: Option<String> = read_optional(options, "serverURL")?;
        let base_url = match server {
            Some(s) => url::server_base(&s).map_err(|problem| FieldError { field: "serverURL", problem })?,
            None => url::DEFAULT_SERVER_URL.to_owned(),
        };
        let timing = read_timing(options, Timing::default())?;
        let env = env_object(
            &read_function(options, "fetch")?,
            &read_function(options, "beforeRequest")?,
            &read_function(options, "afterResponse")?,
        );
        Ok(Client { api_key, base_url, timing, env, logger: read_logger(options)? })
    }

    /// Reads the optional per-call options object (`retries`, `timeoutMs`, `deadlineMs`, `signal`).
    fn call_options(&self, operation: &str, options: Option<JsValue>) -> Result<Call, Error> {
        let Some(o) = options.filter(|o| !o.is_undefined() && !o.is_null()) else {
            return Ok(Call { timing: self.timing, signal: JsValue::UNDEFINED });
        };
        let fail = |e| Error::validation(operation, e);
        if !crate::value::Value::is_object(&o) {
            return Err(fail(FieldError { field: "options", problem: crate::model::expected("an object", &o) }));
        }
        let timing = read_timing(&o, self.timing).map_err(fail)?;
        let signal = match crate::value::Value::get(&o, "signal") {
            None => JsValue::UNDEFINED,
            Some(s) if s.is_object() && Reflect::has(&s, &"aborted".into()).unwrap_or(false) => s,
            Some(s) => {
                return Err(fail(FieldError { field: "signal", problem: crate::model::expected("an AbortSignal", &s) }))
            }
        };
        Ok(Call { timing, signal })
    }

    /// Sends the line `line()` builds to the logger; builds nothing without one.
    fn log(&self, line: impl FnOnce() -> String) {
        if let Some((logger, debug)) = &self.logger {
            // A logger that throws must not break the call.
            let _ = debug.call1(logger, &JsValue::from_str(&line()));
        }
    }

    /// Turns a complete answer into its JS form or the matching error.
    fn answer(&self, res: HttpResponse, decode: Decoder) -> Result<JsValue, Error> {
        let err = match (res.status, &res.json) {
            (200..=299, Some(v)) => match decode(v) {
                Ok(out) => return Ok(out),
                Err(problem) => Error::decode(res.status, Some(problem), res.body_text()),
            },
            (200..=299, None) => Error::decode(res.status, None, res.body_text()),
            (status, parsed) => {
                let body = parsed.as_ref().map(ErrorResponse::decode_lenient).unwrap_or_default();
                if status == 400 {
                    Error::api(status, body, res.body_text())
                } else {
                    Error::http(status, body, res.body_text())
                }
            }
        };
        Err(err)
    }

    /// Reads and checks a POST body and the call's options.
    fn prepare_post<B: RequestBody, T: Decode + ToJs>(
        &self,
        op: Op,
        path: &'static str,
        input: &JsValue,
        options: Option<JsValue>,
    ) -> Result<Prepared, Error> {
        let body = B::read(input).map_err(|e| Error::validation(op.name, e))?;
        let call = self.call_options(op.name, options)?;
        Ok(Prepared {
            op,
            url: url::join(&self.base_url, path),
            log_url: None,
            body: Some(body.to_json()),
            customer_uuid: None,
            call,
            decode: decode_to_js::<T>,
        })
    }
}

fn status_text(status: u16) -> String {
    let mut s = String::from("HTTP ");
    crate::model::push_uint(&mut s, status.into());
    s
}

fn ms_text(ms: f64) -> String {
    let mut s = String::new();
    crate::model::push_uint(&mut s, ms.max(0.0).round() as u64);
    s.push_str(" ms");
    s
}

fn count_text(n: u32) -> String {
    let mut s = String::new();
    crate::model::push_uint(&mut s, n.into());
    s
}

/// A Ding API client. Create one per API key and reuse it: it is cheap to
/// keep and safe to share between concurrent calls.
///
/// ```js
/// const ding = new Ding({ apiKey: process.env.DING_API_KEY });
/// const auth = await ding.otp.createAuthentication({ customerUuid, phoneNumber: "+14155550123" });
/// ```
///
/// The API key is kept inside the WebAssembly module: it does not appear in
/// `toString()`, `JSON.stringify(ding)`, `console.log(ding)` or any error.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Ding {
    client: Rc<Client>,
    /// The `Otp` and `Lookup` JS objects, made once: a getter that built a
    /// new one per access would cost an allocation per call.
    otp: JsValue,
    lookup: JsValue,
}

#[wasm_bindgen]
impl Ding {
    /// Creates a client.
    ///
    /// @throws {DingValidationError} when `apiKey` is missing or malformed, or
    /// `serverURL` is not an https URL (http is accepted for localhost only).
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "DingOptions")] options: JsValue) -> Result<Ding, JsValue> {
        let client = Rc::new(Client::from_options(&options).map_err(|e| Error::validation("Ding options", e))?);
        Ok(Ding {
            otp: Otp { client: client.clone() }.into(),
            lookup: Lookup { client: client.clone() }.into(),
            client,
        })
    }

    /// Send, check and resend codes; report onboarding; read an authentication's history.
    #[wasm_bindgen(getter, unchecked_return_type = "Otp")]
    pub fn otp(&self) -> JsValue {
        self.otp.clone()
    }

    /// Look up phone numbers.
    #[wasm_bindgen(getter, unchecked_return_type = "Lookup")]
    pub fn lookup(&self) -> JsValue {
        self.lookup.clone()
    }

    /// The server this client talks to, without a trailing slash.
    #[wasm_bindgen(getter = serverURL)]
    pub fn server_url(&self) -> String {
        self.client.base_url.clone()
    }

    /// `Ding { serverURL: "…" }`: the API key is never shown.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_display_string(&self) -> String {
        let mut s = String::from("Ding { serverURL: \"");
        s.push_str(&self.client.base_url);
        s.push_str("\" }");
        s
    }

    /// What `JSON.stringify(ding)` shows: `{ "serverURL": "…" }`, never the key.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "{ serverURL: string }")]
    pub fn to_json(&self) -> JsValue {
        let o = Object::new();
        crate::model::set(&o, "serverURL", &JsValue::from_str(&self.client.base_url));
        o.into()
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
impl Ding {
    /// The OTP resource as a Rust value, for the wasm tests.
    pub(crate) fn otp_api(&self) -> Otp {
        Otp { client: self.client.clone() }
    }

    /// The lookup resource as a Rust value, for the wasm tests.
    pub(crate) fn lookup_api(&self) -> Lookup {
        Lookup { client: self.client.clone() }
    }
}

/// The OTP operations of a [`Ding`] client (`ding.otp`).
#[wasm_bindgen]
#[derive(Debug)]
pub struct Otp {
    client: Rc<Client>,
}

/// Starts a prepared call, driven by `js/transport.js`, or returns a
/// promise already rejected with the validation error (nothing is sent).
fn start(client: &Rc<Client>, prepared: Result<Prepared, Error>) -> Promise {
    match prepared {
        Ok(p) => {
            let signal = p.call.signal.clone();
            drive(
                PendingCall {
                    client: client.clone(),
                    p,
                    number: 0,
                    started: now_ms(),
                    deadline_bound: false,
                    wait: 0.0,
                },
                &signal,
            )
        }
        Err(e) => Promise::reject(&e.into_js()),
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
    p: Prepared,
    number: u32,
    started: f64,
    deadline_bound: bool,
    wait: f64,
}

impl PendingCall {
    fn log_url(&self) -> &str {
        self.p.log_url.as_deref().unwrap_or(&self.p.url)
    }
}

#[wasm_bindgen]
impl PendingCall {
    /// Starts the next attempt; throws `DingTimeoutError` when the deadline has passed.
    pub fn next(&mut self) -> Result<Promise, JsValue> {
        self.number += 1;
        let timing = &self.p.call.timing;
        let left = timing.deadline_ms.map(|d| d - (now_ms() - self.started));
        self.deadline_bound = left.is_some_and(|l| l < timing.timeout_ms);
        let timeout_ms = left.map_or(timing.timeout_ms, |l| l.min(timing.timeout_ms));
        if timeout_ms <= 0.0 {
            return Err(Error::timeout(true, None).with_attempts(self.number - 1).into_js());
        }
        let c = &self.client;
        let mut headers: [(&'static str, &str); 3] =
            [("accept", "application/json"), ("x-api-key", &c.api_key), ("content-type", "application/json")];
        if let Some(id) = self.p.customer_uuid.as_deref() {
            headers[2] = ("customer-uuid", id);
        }
        let n = if self.p.body.is_some() || self.p.customer_uuid.is_some() { 3 } else { 2 };
        let attempt = Attempt {
            method: self.p.op.method,
            url: &self.p.url,
            headers: &headers[..n],
            body: self.p.body.as_deref(),
            timeout_ms,
            number: self.number,
        };
        Ok(send(&c.env, &self.p.call.signal, attempt))
    }

    /// Reads an answer: resolves to the call's result, or `undefined` to
    /// retry after `wait` ms; throws the call's error.
    pub fn settle(&mut self, response: JsValue) -> Result<JsValue, JsValue> {
        let res = read_response(&response);
        self.client.log(|| {
            [self.p.op.method, " ", self.log_url(), " -> ", &status_text(res.status), " in ", &ms_text(res.ms)].concat()
        });
        let retry_after = parse_retry_after(res.retry_after.as_deref(), res.retry_after_ms.as_deref(), now_ms());
        let outcome = Outcome::Status { status: res.status, retry_after_ms: retry_after };
        match self.client.answer(res, self.p.decode) {
            Ok(v) => Ok(v),
            Err(e) => self.retry_or(e, Some(outcome)),
        }
    }

    /// Reads a failed attempt (`{ kind, cause }` from `attempt`): `undefined`
    /// to retry after `wait` ms; throws the call's error.
    pub fn fail(&mut self, failure: JsValue) -> Result<JsValue, JsValue> {
        let (err, outcome) = match read_failure(failure) {
            Failure::Abort(cause) => return Err(self.aborted(cause)),
            Failure::Hook(value) => return Err(Error::passthrough(value).into_js()),
            // A timeout cut short by the deadline is final.
            Failure::Timeout(cause) => {
                (Error::timeout(self.deadline_bound, Some(cause)), (!self.deadline_bound).then_some(Outcome::Timeout))
            }
            Failure::Network(cause) => (
                Error::network("Could not reach the Ding API (the request failed before an answer)", Some(cause)),
                Some(Outcome::Connection),
            ),
            Failure::Body(cause) => (
                Error::network("The connection broke while the answer was read", Some(cause)),
                Some(Outcome::BrokenBody),
            ),
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
        let cause = (!cause.is_undefined()).then_some(cause);
        Error::abort(cause).with_attempts(self.number).into_js()
    }
}

impl PendingCall {
    /// After a failed attempt: `undefined` with `wait` set when the policy
    /// allows another attempt, else the call's error.
    fn retry_or(&mut self, err: Error, outcome: Option<Outcome>) -> Result<JsValue, JsValue> {
        let c = &self.client;
        let err = err.redact(&c.api_key).with_attempts(self.number);
        if err.status().is_none() {
            c.log(|| [self.p.op.method, " ", self.log_url(), " failed: ", err.message()].concat());
        }
        let timing = &self.p.call.timing;
        let elapsed = now_ms() - self.started;
        let deadline_left = timing.deadline_ms.map(|d| d - elapsed);
        let random = js_sys::Math::random();
        let wait = outcome.and_then(|o| {
            next_wait(&timing.policy, self.p.op.safety, o, self.number - 1, elapsed, deadline_left, random)
        });
        let Some(wait) = wait else { return Err(err.into_js()) };
        c.log(|| {
            [self.p.op.name, ": retrying in ", &ms_text(wait), " (attempt ", &count_text(self.number + 1), ")"].concat()
        });
        self.wait = wait;
        Ok(JsValue::UNDEFINED)
    }
}

const CREATE: Op = Op { name: "createAuthentication", method: "POST", safety: Safety::SendsMessage };
const CHECK: Op = Op { name: "check", method: "POST", safety: Safety::Repeatable };
const RETRY: Op = Op { name: "retry", method: "POST", safety: Safety::SendsMessage };
const FEEDBACK: Op = Op { name: "feedback", method: "POST", safety: Safety::Repeatable };
const STATUS: Op = Op { name: "getAuthenticationStatus", method: "GET", safety: Safety::Repeatable };
const LOOKUP: Op = Op { name: "lookup", method: "GET", safety: Safety::Repeatable };

#[wasm_bindgen]
impl Otp {
    /// Starts an authentication and sends a one-time code to `phoneNumber`.
    ///
    /// Look at `status` of the result: `"pending"` means a code is on its
    /// way; `"rate_limited"` and `"spam_detected"` mean nothing was sent.
    /// By default this call is retried only when the server certainly did not
    /// act (429, or 503 with `Retry-After`), so a user never gets two codes
    /// for one call; `retries: { retryUnsafe: true }` widens that.
    ///
    /// @throws {DingValidationError} before sending, on bad input.
    /// @throws {DingApiError} when the API refuses the request (`code` says why).
    /// @throws {DingHttpError | DingNetworkError | DingTimeoutError | DingAbortError | DingDecodeError} see the README.
    #[wasm_bindgen(js_name = createAuthentication, unchecked_return_type = "Promise<CreateAuthenticationResponse>")]
    pub fn create_authentication(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateAuthenticationRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let p = self.client.prepare_post::<CreateAuthenticationRequest, CreateAuthenticationResponse>(
            CREATE,
            "/authentication",
            &request,
            options,
        );
        start(&self.client, p)
    }

    /// Checks the code the user typed. A wrong code resolves with
    /// `status: "invalid"`; it does not throw.
    ///
    /// @throws {DingValidationError} before sending, on bad input.
    /// @throws {DingApiError} when the API refuses the request (`code` says why).
    #[wasm_bindgen(unchecked_return_type = "Promise<CreateCheckResponse>")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateCheckRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let p = self.client.prepare_post::<CreateCheckRequest, CreateCheckResponse>(CHECK, "/check", &request, options);
        start(&self.client, p)
    }

    /// Sends a new code for an existing authentication. `status: "approved"`
    /// means it was sent; otherwise `nextRetryAt` and `remainingRetry` say
    /// when and how often it can be asked again. Retried like
    /// `createAuthentication`, since it sends an SMS.
    ///
    /// @throws {DingValidationError} before sending, on bad input.
    /// @throws {DingApiError} when the API refuses the request (`code` says why).
    #[wasm_bindgen(unchecked_return_type = "Promise<RetryAuthenticationResponse>")]
    pub fn retry(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RetryAuthenticationRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let p = self.client.prepare_post::<RetryAuthenticationRequest, RetryAuthenticationResponse>(
            RETRY, "/retry", &request, options,
        );
        start(&self.client, p)
    }

    /// Reports whether the user behind `phoneNumber` finished onboarding.
    ///
    /// @throws {DingValidationError} before sending, on bad input.
    /// @throws {DingApiError} with `code` `"duplicated_feedback_status"` or
    /// `"no_associated_auth_found"` when the API refuses it.
    #[wasm_bindgen(unchecked_return_type = "Promise<FeedbackResponse>")]
    pub fn feedback(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FeedbackRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let p = self.client.prepare_post::<FeedbackRequest, FeedbackResponse>(
            FEEDBACK,
            "/authentication/feedback",
            &request,
            options,
        );
        start(&self.client, p)
    }

    /// Reads an authentication: its number, signals and event history
    /// (attempts, delivery reports, checks, balance updates).
    ///
    /// @throws {DingValidationError} when `authUuid` is not a UUID (nothing is sent).
    /// @throws {DingApiError} with `code` `"invalid_auth_uuid"` for an unknown one.
    #[wasm_bindgen(
        js_name = getAuthenticationStatus,
        unchecked_return_type = "Promise<AuthenticationStatusResponse>"
    )]
    pub fn get_authentication_status(
        &self,
        #[wasm_bindgen(js_name = authUuid, unchecked_param_type = "string")] auth_uuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let c = &self.client;
        let p = read_arg(&auth_uuid, "authUuid", checks::uuid).map_err(|e| Error::validation(STATUS.name, e)).and_then(
            |id| {
                Ok(Prepared {
                    op: STATUS,
                    url: url::authentication_status(&c.base_url, &id),
                    log_url: None,
                    body: None,
                    customer_uuid: None,
                    call: c.call_options(STATUS.name, options)?,
                    decode: decode_to_js::<AuthenticationStatusResponse>,
                })
            },
        );
        start(c, p)
    }
}

/// Reads a required string argument and applies `check`.
fn read_arg(v: &JsValue, name: &'static str, check: fn(&str) -> Result<(), String>) -> Result<String, FieldError> {
    let s = v.as_string().ok_or_else(|| FieldError {
        field: name,
        problem: if v.is_undefined() || v.is_null() {
            "is required".into()
        } else {
            crate::model::expected("a string", v)
        },
    })?;
    check_field(name, &s, check)?;
    Ok(s)
}

/// The lookup operation of a [`Ding`] client (`ding.lookup`).
#[wasm_bindgen]
#[derive(Debug)]
pub struct Lookup {
    client: Rc<Client>,
}

#[wasm_bindgen]
impl Lookup {
    /// Returns carrier and numbering-plan data about `phoneNumber`.
    /// Pass `["cnam"]` as `types` to also get the caller name (it must be
    /// enabled for your account).
    ///
    /// @throws {DingValidationError} before sending, on bad input.
    /// @throws {DingApiError} when the API refuses the request (`code` says why).
    #[wasm_bindgen(unchecked_return_type = "Promise<LookupResponse>")]
    pub fn lookup(
        &self,
        #[wasm_bindgen(js_name = customerUuid, unchecked_param_type = "string")] customer_uuid: JsValue,
        #[wasm_bindgen(js_name = phoneNumber, unchecked_param_type = "string")] phone_number: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "LookupFeature[]")] types: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let c = &self.client;
        let prepare = || -> Result<Prepared, Error> {
            let fail = |e| Error::validation(LOOKUP.name, e);
            let customer = read_arg(&customer_uuid, "customerUuid", checks::uuid).map_err(fail)?;
            let phone = read_arg(&phone_number, "phoneNumber", checks::e164).map_err(fail)?;
            let features: Vec<LookupFeature> = match types.filter(|t| !t.is_undefined() && !t.is_null()) {
                None => Vec::new(),
                Some(t) => Input::read(&t).map_err(|problem| fail(FieldError { field: "types", problem }))?,
            };
            let names: Vec<&str> = features.iter().map(|f| f.as_str()).collect();
            Ok(Prepared {
                op: LOOKUP,
                url: url::lookup(&c.base_url, Some(&phone), &names),
                // Phone numbers stay out of log lines.
                log_url: Some(url::lookup(&c.base_url, None, &names)),
                body: None,
                customer_uuid: Some(customer),
                call: c.call_options(LOOKUP.name, options)?,
                decode: decode_to_js::<LookupResponse>,
            })
        };
        start(c, prepare())
    }
}
