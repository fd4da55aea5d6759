//! The JS classes: `Ding` (the client), and its `otp` and `lookup` resources,
//! whose methods return Promises.

use std::rc::Rc;

use js_sys::{Function, Object, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::error::Error;
use crate::model::{check_field, read_optional, read_required, Decode, FieldError, RequestBody, ToJs};
use crate::models::{
    AuthenticationStatusResponse, CreateAuthenticationRequest, CreateAuthenticationResponse, CreateCheckRequest,
    CreateCheckResponse, ErrorResponse, FeedbackRequest, FeedbackResponse, LookupFeature, LookupResponse,
    RetryAuthenticationRequest, RetryAuthenticationResponse,
};
use crate::transport::{send, HttpRequest};
use crate::{checks, url};

/// State shared by a client and its resources. Immutable after construction.
struct Client {
    api_key: String,
    base_url: String,
    fetch: Option<Function>,
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

fn server_url_check(s: &str) -> Result<(), String> {
    url::server_base(s).map(|_| ())
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
            Some(s) => {
                check_field("serverURL", &s, server_url_check)?;
                url::server_base(&s).unwrap_or_default()
            }
            None => url::DEFAULT_SERVER_URL.to_owned(),
        };
        let fetch = match crate::value::Value::get(options, "fetch") {
            None => None,
            Some(f) => Some(
                f.dyn_into::<Function>()
                    .map_err(|v| FieldError { field: "fetch", problem: crate::model::expected("a function", &v) })?,
            ),
        };
        Ok(Client { api_key, base_url, fetch })
    }

    /// Sends one request and turns the answer into `T`'s JS form or an error.
    async fn call<T: Decode + ToJs>(
        &self,
        method: &'static str,
        url: String,
        body: Option<String>,
        customer_uuid_header: Option<&str>,
    ) -> Result<JsValue, Error> {
        let mut headers: [(&'static str, &str); 4] = [
            ("accept", "application/json"),
            ("x-api-key", &self.api_key),
            ("content-type", "application/json"),
            ("customer-uuid", ""),
        ];
        let count = match (body.is_some(), customer_uuid_header) {
            (_, Some(c)) => {
                headers[2] = ("customer-uuid", c);
                3
            }
            (true, None) => 3,
            (false, None) => 2,
        };
        let req = HttpRequest { method, url, headers: &headers[..count], body };
        let res = send(self.fetch.as_ref(), req).await.map_err(|e| e.redact(&self.api_key))?;
        let parsed = js_sys::JSON::parse(&res.text).ok();
        let err = match (res.status, parsed) {
            (200..=299, Some(v)) => match T::decode(&v) {
                Ok(out) => return Ok(out.to_js()),
                Err(problem) => Error::decode(res.status, Some(problem), res.text),
            },
            (200..=299, None) => Error::decode(res.status, None, res.text),
            (status, parsed) => {
                let body = parsed.map(|v| ErrorResponse::decode_lenient(&v)).unwrap_or_default();
                if status == 400 {
                    Error::api(status, body, res.text)
                } else {
                    Error::http(status, body, res.text)
                }
            }
        };
        Err(err.redact(&self.api_key))
    }

    async fn post<B: RequestBody, T: Decode + ToJs>(
        &self,
        operation: &'static str,
        path: &'static str,
        input: JsValue,
    ) -> Result<JsValue, JsValue> {
        let body = B::read(&input).map_err(|e| Error::validation(operation, e))?;
        let url = url::join(&self.base_url, path);
        Ok(self.call::<T>("POST", url, Some(body.to_json()), None).await?)
    }
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
}

#[wasm_bindgen]
impl Ding {
    /// Creates a client.
    ///
    /// @throws {DingValidationError} when `apiKey` is missing or malformed, or
    /// `serverURL` is not an https URL (http is accepted for localhost only).
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "DingOptions")] options: JsValue) -> Result<Ding, JsValue> {
        let client = Client::from_options(&options).map_err(|e| Error::validation("Ding options", e))?;
        Ok(Ding { client: Rc::new(client) })
    }

    /// Send, check and resend codes; report onboarding; read an authentication's history.
    #[wasm_bindgen(getter)]
    pub fn otp(&self) -> Otp {
        Otp { client: self.client.clone() }
    }

    /// Look up phone numbers.
    #[wasm_bindgen(getter)]
    pub fn lookup(&self) -> Lookup {
        Lookup { client: self.client.clone() }
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

/// The OTP operations of a [`Ding`] client (`ding.otp`).
#[wasm_bindgen]
#[derive(Debug)]
pub struct Otp {
    client: Rc<Client>,
}

fn spawn<F>(f: F) -> Promise
where
    F: std::future::Future<Output = Result<JsValue, JsValue>> + 'static,
{
    future_to_promise(f)
}

#[wasm_bindgen]
impl Otp {
    /// Starts an authentication and sends a one-time code to `phoneNumber`.
    ///
    /// Look at `status` of the result: `"pending"` means a code is on its
    /// way; `"rate_limited"` and `"spam_detected"` mean nothing was sent.
    ///
    /// @throws {DingValidationError} before sending, on bad input.
    /// @throws {DingApiError} when the API refuses the request (`code` says why).
    /// @throws {DingHttpError | DingNetworkError | DingDecodeError} see the README.
    #[wasm_bindgen(js_name = createAuthentication, unchecked_return_type = "Promise<CreateAuthenticationResponse>")]
    pub fn create_authentication(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateAuthenticationRequest")] request: JsValue,
    ) -> Promise {
        let c = self.client.clone();
        spawn(async move {
            c.post::<CreateAuthenticationRequest, CreateAuthenticationResponse>(
                "createAuthentication",
                "/authentication",
                request,
            )
            .await
        })
    }

    /// Checks the code the user typed. A wrong code resolves with
    /// `status: "invalid"`; it does not throw.
    ///
    /// @throws {DingValidationError} before sending, on bad input.
    /// @throws {DingApiError} when the API refuses the request (`code` says why).
    #[wasm_bindgen(unchecked_return_type = "Promise<CreateCheckResponse>")]
    pub fn check(&self, #[wasm_bindgen(unchecked_param_type = "CreateCheckRequest")] request: JsValue) -> Promise {
        let c = self.client.clone();
        spawn(async move { c.post::<CreateCheckRequest, CreateCheckResponse>("check", "/check", request).await })
    }

    /// Sends a new code for an existing authentication. `status: "approved"`
    /// means it was sent; otherwise `nextRetryAt` and `remainingRetry` say
    /// when and how often it can be asked again.
    ///
    /// @throws {DingValidationError} before sending, on bad input.
    /// @throws {DingApiError} when the API refuses the request (`code` says why).
    #[wasm_bindgen(unchecked_return_type = "Promise<RetryAuthenticationResponse>")]
    pub fn retry(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RetryAuthenticationRequest")] request: JsValue,
    ) -> Promise {
        let c = self.client.clone();
        spawn(async move {
            c.post::<RetryAuthenticationRequest, RetryAuthenticationResponse>("retry", "/retry", request).await
        })
    }

    /// Reports whether the user behind `phoneNumber` finished onboarding.
    ///
    /// @throws {DingValidationError} before sending, on bad input.
    /// @throws {DingApiError} with `code` `"duplicated_feedback_status"` or
    /// `"no_associated_auth_found"` when the API refuses it.
    #[wasm_bindgen(unchecked_return_type = "Promise<FeedbackResponse>")]
    pub fn feedback(&self, #[wasm_bindgen(unchecked_param_type = "FeedbackRequest")] request: JsValue) -> Promise {
        let c = self.client.clone();
        spawn(async move {
            c.post::<FeedbackRequest, FeedbackResponse>("feedback", "/authentication/feedback", request).await
        })
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
    ) -> Promise {
        let c = self.client.clone();
        spawn(async move {
            let id = read_arg(&auth_uuid, "authUuid", checks::uuid)
                .map_err(|e| Error::validation("getAuthenticationStatus", e))?;
            let url = url::authentication_status(&c.base_url, &id);
            Ok(c.call::<AuthenticationStatusResponse>("GET", url, None, None).await?)
        })
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
    ) -> Promise {
        let c = self.client.clone();
        spawn(async move {
            let fail = |e| Error::validation("lookup", e);
            let customer = read_arg(&customer_uuid, "customerUuid", checks::uuid).map_err(fail)?;
            let phone = read_arg(&phone_number, "phoneNumber", checks::e164).map_err(fail)?;
            let holder = Object::new();
            crate::model::set(&holder, "types", &types.unwrap_or(JsValue::UNDEFINED));
            let features: Vec<LookupFeature> =
                read_optional(&JsValue::from(holder), "types").map_err(fail)?.unwrap_or_default();
            let names: Vec<&str> = features.iter().map(|f| f.as_str()).collect();
            let url = url::lookup(&c.base_url, &phone, &names);
            Ok(c.call::<LookupResponse>("GET", url, None, Some(&customer)).await?)
        })
    }
}
