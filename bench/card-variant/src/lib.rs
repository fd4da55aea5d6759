//! The Ding v1 client the design card's way, for the side-by-side
//! measurement in docs/perf.md ("The card's crates, measured"): serde derive
//! models read from and written to JS with serde-wasm-bindgen, `async`
//! exports (wasm-bindgen-futures), and the request sent through the given
//! `fetch` (feature `fetch`) or gloo-net (feature `gloo`); the feature
//! `js-loop` keeps the serde models but lets JS await the fetch.
//!
//! It covers the six operations the benchmark drives with the input checks
//! of the real client (UUID, E.164, non-empty text, the closed enums) and
//! one error class per failure; no retries, timeouts, hooks, logging,
//! redaction, abort signals, IPv4 or URL checks, and unknown event kinds
//! lose their members.

use std::rc::Rc;

use js_sys::Function;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

mod checks;
mod models;

use models::*;

#[cfg(not(any(feature = "fetch", feature = "gloo", feature = "js-loop")))]
compile_error!("build with one of the features fetch, gloo, js-loop");

// The same allocator as the real client (the file is included, not
// copied), so that it is not part of the difference being measured.
#[path = "../../../src/core/alloc.rs"]
#[allow(dead_code, missing_docs, missing_debug_implementations, clippy::unnecessary_map_or)]
mod alloc;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: alloc::Allocator<alloc::WasmPages> = alloc::Allocator::new(alloc::WasmPages);

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(name: &str, message: &str, props: &JsValue) -> JsValue;
}

/// What an error carries besides its message.
#[derive(Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct ErrorProps<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    doc_url: Option<String>,
    #[serde(skip_serializing_if = "JsValue::is_undefined", serialize_with = "serde_wasm_bindgen::preserve::serialize")]
    cause: JsValue,
}

fn error(name: &str, message: &str, props: ErrorProps) -> JsValue {
    make_error(name, message, &serde_wasm_bindgen::to_value(&props).unwrap_or(JsValue::UNDEFINED))
}

fn invalid(field: &str, problem: &str) -> JsValue {
    error("DingValidationError", &format!("{field} {problem}"), ErrorProps { field: Some(field), ..Default::default() })
}

/// `check(value)` as a validation error of `field`.
fn check(field: &str, value: &str, check: fn(&str) -> Result<(), &'static str>) -> Result<(), JsValue> {
    check(value).map_err(|p| invalid(field, p))
}

/// Reads the caller's `value` as a `T` (serde-wasm-bindgen); `what` names it in errors.
fn read<T: DeserializeOwned>(what: &str, value: JsValue) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| invalid(what, &format!("is not valid: {e}")))
}

/// A checked request.
struct Call {
    method: &'static str,
    /// The path under the server, with its segment encoded.
    path: String,
    /// Values of repeated `type` query parameters.
    types: Vec<&'static str>,
    /// The JSON body as a JS string, or undefined.
    body: JsValue,
    customer: Option<String>,
}

impl Call {
    fn post<T: Serialize>(path: &str, request: &T) -> Result<Call, JsValue> {
        let js = serde_wasm_bindgen::to_value(request).map_err(|e| invalid("request", &e.to_string()))?;
        let body = js_sys::JSON::stringify(&js)?;
        Ok(Call { method: "POST", path: path.into(), types: Vec::new(), body: body.into(), customer: None })
    }

    fn get(path: String) -> Call {
        Call { method: "GET", path, types: Vec::new(), body: JsValue::UNDEFINED, customer: None }
    }

    /// The absolute URL with its query (the gloo build adds the query itself).
    #[cfg(not(feature = "gloo"))]
    fn url(&self, base: &str) -> String {
        let mut url = format!("{base}{}", self.path);
        for (i, t) in self.types.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str("type=");
            url.push_str(t);
        }
        url
    }
}

/// The `fetch` init object, written with serde-wasm-bindgen.
#[cfg(not(feature = "gloo"))]
#[derive(Serialize)]
struct Init<'a> {
    method: &'a str,
    headers: Headers<'a>,
    #[serde(skip_serializing_if = "is_undefined", serialize_with = "preserve_ref")]
    body: &'a JsValue,
}

#[cfg(not(feature = "gloo"))]
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_undefined(v: &&JsValue) -> bool {
    v.is_undefined()
}

#[cfg(not(feature = "gloo"))]
fn preserve_ref<S: serde::Serializer>(v: &&JsValue, s: S) -> Result<S::Ok, S::Error> {
    serde_wasm_bindgen::preserve::serialize(*v, s)
}

#[cfg(not(feature = "gloo"))]
#[derive(Serialize)]
struct Headers<'a> {
    accept: &'a str,
    #[serde(rename = "x-api-key")]
    api_key: &'a str,
    #[serde(rename = "content-type", skip_serializing_if = "Option::is_none")]
    content_type: Option<&'a str>,
    #[serde(rename = "customer-uuid", skip_serializing_if = "Option::is_none")]
    customer_uuid: Option<&'a str>,
}

#[cfg(not(feature = "gloo"))]
impl Call {
    fn init(&self, key: &str) -> Result<JsValue, JsValue> {
        let init = Init {
            method: self.method,
            headers: Headers {
                accept: "application/json",
                api_key: key,
                content_type: (!self.body.is_undefined()).then_some("application/json"),
                customer_uuid: self.customer.as_deref(),
            },
            body: &self.body,
        };
        serde_wasm_bindgen::to_value(&init).map_err(|e| JsValue::from_str(&e.to_string()))
    }
}

/// The options of `new Ding(...)`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Options {
    api_key: String,
    #[serde(rename = "serverURL")]
    server_url: Option<String>,
    #[serde(default, deserialize_with = "serde_wasm_bindgen::preserve::deserialize")]
    fetch: JsValue,
}

/// The checked options, shared by a client and its resources.
struct Client {
    key: String,
    base: String,
    #[cfg_attr(feature = "gloo", allow(dead_code))]
    fetch: Option<Function>,
}

impl Client {
    fn new(options: JsValue) -> Result<Client, JsValue> {
        let o: Options = read("options", options)?;
        check("apiKey", &o.api_key, checks::non_empty)?;
        let mut base = o.server_url.unwrap_or_else(|| "https://api.ding.live/v1".into());
        let loopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"].iter().any(|p| base.starts_with(p));
        if !(base.starts_with("https://") || loopback) {
            return Err(invalid("serverURL", "must be an https URL (http only for loopback)"));
        }
        while base.ends_with('/') {
            base.pop();
        }
        let fetch = if o.fetch.is_undefined() {
            None
        } else {
            Some(o.fetch.dyn_into::<Function>().map_err(|_| invalid("fetch", "must be a function"))?)
        };
        Ok(Client { key: o.api_key, base, fetch })
    }
}

/// Turns a status and a parsed body into the result: a `T` in camelCase
/// with `Date`s, or a `DingApiError` for a non-2xx answer.
fn finish<T: DeserializeOwned + Serialize>(status: u16, json: JsValue) -> Result<JsValue, JsValue> {
    if !(200..300).contains(&status) {
        let body: Option<ErrorBody> = serde_wasm_bindgen::from_value(json).ok();
        let (code, message, doc_url) = body.map_or((None, None, None), |b| (b.code, b.message, b.doc_url));
        let message = message.unwrap_or_else(|| format!("the Ding API answered {status}"));
        return Err(error(
            "DingApiError",
            &message,
            ErrorProps { status: Some(status), code, doc_url, ..Default::default() },
        ));
    }
    let decode = |e: serde_wasm_bindgen::Error| {
        error("DingDecodeError", &format!("the answer does not match the API: {e}"), ErrorProps::default())
    };
    let value: T = serde_wasm_bindgen::from_value(json).map_err(decode)?;
    serde_wasm_bindgen::to_value(&value).map_err(decode)
}

#[cfg(not(feature = "js-loop"))]
fn network(cause: JsValue) -> JsValue {
    error("DingNetworkError", "the request failed", ErrorProps { cause, ..Default::default() })
}

// ---- the requests of the six operations ---------------------------------

fn create_call(request: JsValue) -> Result<Call, JsValue> {
    let r: CreateAuthenticationRequest = read("request", request)?;
    check("customerUuid", &r.customer_uuid, checks::uuid)?;
    check("phoneNumber", &r.phone_number, checks::e164)?;
    for (field, value) in [
        ("ip", &r.ip),
        ("deviceId", &r.device_id),
        ("deviceModel", &r.device_model),
        ("osVersion", &r.os_version),
        ("appVersion", &r.app_version),
        ("appRealm", &r.app_realm),
        ("callbackUrl", &r.callback_url),
        ("templateId", &r.template_id),
        ("senderId", &r.sender_id),
        ("correlationId", &r.correlation_id),
        ("locale", &r.locale),
    ] {
        checks::opt_text(value).map_err(|p| invalid(field, p))?;
    }
    Call::post("/authentication", &r)
}

fn check_call(request: JsValue) -> Result<Call, JsValue> {
    let r: CreateCheckRequest = read("request", request)?;
    check("customerUuid", &r.customer_uuid, checks::uuid)?;
    check("authenticationUuid", &r.authentication_uuid, checks::uuid)?;
    check("checkCode", &r.check_code, checks::non_empty)?;
    Call::post("/check", &r)
}

fn retry_call(request: JsValue) -> Result<Call, JsValue> {
    let r: RetryAuthenticationRequest = read("request", request)?;
    check("customerUuid", &r.customer_uuid, checks::uuid)?;
    check("authenticationUuid", &r.authentication_uuid, checks::uuid)?;
    Call::post("/retry", &r)
}

fn feedback_call(request: JsValue) -> Result<Call, JsValue> {
    let r: FeedbackRequest = read("request", request)?;
    check("customerUuid", &r.customer_uuid, checks::uuid)?;
    check("phoneNumber", &r.phone_number, checks::e164)?;
    Call::post("/authentication/feedback", &r)
}

fn status_call(auth_uuid: JsValue) -> Result<Call, JsValue> {
    let id: String = read("authUuid", auth_uuid)?;
    check("authUuid", &id, checks::uuid)?;
    Ok(Call::get(format!("/authentication/{id}")))
}

fn lookup_call(customer_uuid: JsValue, phone_number: JsValue, types: JsValue) -> Result<Call, JsValue> {
    let customer: String = read("customerUuid", customer_uuid)?;
    let phone: String = read("phoneNumber", phone_number)?;
    let types: Option<Vec<LookupType>> = read("types", types)?;
    check("customerUuid", &customer, checks::uuid)?;
    check("phoneNumber", &phone, checks::e164)?;
    let mut call = Call::get(format!("/lookup/{}", String::from(js_sys::encode_uri_component(&phone))));
    call.types = types.unwrap_or_default().iter().map(|LookupType::Cnam| "cnam").collect();
    call.customer = Some(customer);
    Ok(call)
}

// ---- the JS classes ------------------------------------------------------

/// A Ding API client.
#[wasm_bindgen]
pub struct Ding {
    otp: JsValue,
    lookup: JsValue,
}

#[wasm_bindgen]
impl Ding {
    /// `new Ding({ apiKey, serverURL?, fetch? })`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Ding, JsValue> {
        let client = Rc::new(Client::new(options)?);
        Ok(Ding { otp: Otp { client: client.clone() }.into(), lookup: Lookup { client }.into() })
    }

    /// The OTP operations.
    #[wasm_bindgen(getter)]
    pub fn otp(&self) -> JsValue {
        self.otp.clone()
    }

    /// The lookup operation.
    #[wasm_bindgen(getter)]
    pub fn lookup(&self) -> JsValue {
        self.lookup.clone()
    }
}

/// `ding.otp`.
#[wasm_bindgen]
pub struct Otp {
    client: Rc<Client>,
}

/// `ding.lookup`.
#[wasm_bindgen]
pub struct Lookup {
    client: Rc<Client>,
}

// The async builds: each export is an `async fn`; wasm-bindgen-futures turns
// it into a Promise.
#[cfg(not(feature = "js-loop"))]
mod exports {
    use super::*;

    async fn run<T: DeserializeOwned + Serialize>(
        client: Rc<Client>,
        call: Result<Call, JsValue>,
    ) -> Result<JsValue, JsValue> {
        let call = call?;
        let (status, json) = transport::send(&client, &call).await?;
        finish::<T>(status, json)
    }

    #[wasm_bindgen]
    impl Otp {
        /// Sends a code.
        #[wasm_bindgen(js_name = createAuthentication)]
        pub async fn create_authentication(&self, request: JsValue) -> Result<JsValue, JsValue> {
            run::<CreateAuthenticationResponse>(self.client.clone(), create_call(request)).await
        }

        /// Checks a code.
        pub async fn check(&self, request: JsValue) -> Result<JsValue, JsValue> {
            run::<CreateCheckResponse>(self.client.clone(), check_call(request)).await
        }

        /// Sends a new code.
        pub async fn retry(&self, request: JsValue) -> Result<JsValue, JsValue> {
            run::<RetryAuthenticationResponse>(self.client.clone(), retry_call(request)).await
        }

        /// Reports onboarding.
        pub async fn feedback(&self, request: JsValue) -> Result<JsValue, JsValue> {
            run::<FeedbackResponse>(self.client.clone(), feedback_call(request)).await
        }

        /// Reads an authentication and its history.
        #[wasm_bindgen(js_name = getAuthenticationStatus)]
        pub async fn get_authentication_status(&self, auth_uuid: JsValue) -> Result<JsValue, JsValue> {
            run::<AuthenticationStatusResponse>(self.client.clone(), status_call(auth_uuid)).await
        }
    }

    #[wasm_bindgen]
    impl Lookup {
        /// Looks a number up.
        pub async fn lookup(
            &self,
            customer_uuid: JsValue,
            phone_number: JsValue,
            types: JsValue,
        ) -> Result<JsValue, JsValue> {
            run::<LookupResponse>(self.client.clone(), lookup_call(customer_uuid, phone_number, types)).await
        }
    }
}

// `fetch`: the given fetch (or the global one), awaited with JsFuture.
#[cfg(all(feature = "fetch", not(feature = "gloo"), not(feature = "js-loop")))]
mod transport {
    use super::*;
    use js_sys::Promise;
    use wasm_bindgen_futures::JsFuture;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(catch, js_name = fetch)]
        fn global_fetch(url: &str, init: &JsValue) -> Result<JsValue, JsValue>;

        /// What a fetch resolves to, read structurally.
        type FetchResponse;
        #[wasm_bindgen(method, getter)]
        fn status(this: &FetchResponse) -> u16;
        #[wasm_bindgen(method, catch)]
        fn json(this: &FetchResponse) -> Result<Promise, JsValue>;
    }

    pub(super) async fn send(c: &Client, call: &Call) -> Result<(u16, JsValue), JsValue> {
        let url = call.url(&c.base);
        let init = call.init(&c.key)?;
        let sent = match &c.fetch {
            Some(f) => f.call2(&JsValue::UNDEFINED, &JsValue::from_str(&url), &init),
            None => global_fetch(&url, &init),
        };
        let res = JsFuture::from(Promise::resolve(&sent.map_err(network)?)).await.map_err(network)?;
        let res: FetchResponse = res.unchecked_into();
        let json = match res.json() {
            Ok(p) => JsFuture::from(p).await.unwrap_or(JsValue::UNDEFINED),
            Err(_) => JsValue::UNDEFINED,
        };
        Ok((res.status(), json))
    }
}

// `gloo`: a gloo_net::http::Request, sent with the global fetch.
#[cfg(feature = "gloo")]
mod transport {
    use super::*;
    use gloo_net::http::Request;
    use wasm_bindgen_futures::JsFuture;

    fn failed(e: gloo_net::Error) -> JsValue {
        network(JsValue::from_str(&e.to_string()))
    }

    pub(super) async fn send(c: &Client, call: &Call) -> Result<(u16, JsValue), JsValue> {
        let url = format!("{}{}", c.base, call.path);
        let mut b = if call.method == "POST" { Request::post(&url) } else { Request::get(&url) };
        b = b.header("accept", "application/json").header("x-api-key", &c.key);
        if let Some(customer) = &call.customer {
            b = b.header("customer-uuid", customer);
        }
        if !call.types.is_empty() {
            b = b.query(call.types.iter().map(|t| ("type", *t)));
        }
        let request = if call.body.is_undefined() {
            b.build()
        } else {
            b.header("content-type", "application/json").body(call.body.clone())
        }
        .map_err(failed)?;
        let res: web_sys::Response = request.send().await.map_err(failed)?.into();
        let json = match res.json() {
            Ok(p) => JsFuture::from(p).await.unwrap_or(JsValue::UNDEFINED),
            Err(_) => JsValue::UNDEFINED,
        };
        Ok((res.status(), json))
    }
}

// `js-loop`: synchronous exports; js/loop.js awaits the fetch and calls
// `Decoder::finish` with the status and the parsed body.
#[cfg(feature = "js-loop")]
mod exports {
    use super::*;
    use js_sys::Promise;

    #[wasm_bindgen(module = "/js/loop.js")]
    extern "C" {
        fn drive(fetch: &JsValue, url: &str, init: &JsValue, decoder: &JsValue, op: u8) -> Promise;
    }

    /// Decodes the answers of the calls `drive` runs.
    #[wasm_bindgen]
    pub struct Decoder;

    #[wasm_bindgen]
    impl Decoder {
        /// The result of operation `op` from its answer.
        pub fn finish(&self, op: u8, status: u16, json: JsValue) -> Result<JsValue, JsValue> {
            match op {
                0 => finish::<CreateAuthenticationResponse>(status, json),
                1 => finish::<CreateCheckResponse>(status, json),
                2 => finish::<RetryAuthenticationResponse>(status, json),
                3 => finish::<FeedbackResponse>(status, json),
                4 => finish::<AuthenticationStatusResponse>(status, json),
                _ => finish::<LookupResponse>(status, json),
            }
        }
    }

    thread_local! {
        static DECODER: JsValue = Decoder.into();
    }

    fn start(c: &Client, call: Result<Call, JsValue>, op: u8) -> Promise {
        let call = match call {
            Ok(call) => call,
            Err(e) => return Promise::reject(&e),
        };
        let init = match call.init(&c.key) {
            Ok(init) => init,
            Err(e) => return Promise::reject(&e),
        };
        let fetch = c.fetch.as_ref().map_or(JsValue::UNDEFINED, |f| f.into());
        DECODER.with(|d| drive(&fetch, &call.url(&c.base), &init, d, op))
    }

    #[wasm_bindgen]
    impl Otp {
        /// Sends a code.
        #[wasm_bindgen(js_name = createAuthentication)]
        pub fn create_authentication(&self, request: JsValue) -> Promise {
            start(&self.client, create_call(request), 0)
        }

        /// Checks a code.
        pub fn check(&self, request: JsValue) -> Promise {
            start(&self.client, check_call(request), 1)
        }

        /// Sends a new code.
        pub fn retry(&self, request: JsValue) -> Promise {
            start(&self.client, retry_call(request), 2)
        }

        /// Reports onboarding.
        pub fn feedback(&self, request: JsValue) -> Promise {
            start(&self.client, feedback_call(request), 3)
        }

        /// Reads an authentication and its history.
        #[wasm_bindgen(js_name = getAuthenticationStatus)]
        pub fn get_authentication_status(&self, auth_uuid: JsValue) -> Promise {
            start(&self.client, status_call(auth_uuid), 4)
        }
    }

    #[wasm_bindgen]
    impl Lookup {
        /// Looks a number up.
        pub fn lookup(&self, customer_uuid: JsValue, phone_number: JsValue, types: JsValue) -> Promise {
            start(&self.client, lookup_call(customer_uuid, phone_number, types), 5)
        }
    }
}
