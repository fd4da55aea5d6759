//! The Ding v1 API: its models and its JS classes, `Ding` with the `otp`
//! and `lookup` resources. Everything else (options, the call state
//! machine, retries, transport, errors) is the shared [`crate::core`].

pub mod models;

use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use crate::core::call::{Api, Auth, Client, Operation, Request};
use crate::core::checks;
use crate::core::read::{self, FieldError};
use crate::core::retry::Safety::{ChangesState, Idempotent};
use crate::core::schema::Ty;
use crate::core::server;
use models::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_OPTIONS: &str = include_str!("../../ts/options.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TS_MODELS: &str = include_str!("../../ts/ding.d.ts");

/// The v1 API as the shared machinery sees it.
pub static API: Api = Api {
    label: "Ding API",
    class: "Ding",
    default_server: "https://api.ding.live/v1",
    // The contract's server URL ends in /v1 and the paths start below it.
    path_prefix: "",
    auth: Auth::Header("x-api-key"),
    refusals: &[400],
};

static CREATE: Operation = Operation {
    name: "createAuthentication",
    method: "POST",
    safety: ChangesState,
    answer: &Ty::Obj(&CREATE_AUTHENTICATION_RESPONSE),
};
static CHECK: Operation =
    Operation { name: "check", method: "POST", safety: ChangesState, answer: &Ty::Obj(&CREATE_CHECK_RESPONSE) };
static RETRY: Operation =
    Operation { name: "retry", method: "POST", safety: ChangesState, answer: &Ty::Obj(&RETRY_AUTHENTICATION_RESPONSE) };
static FEEDBACK: Operation =
    Operation { name: "feedback", method: "POST", safety: ChangesState, answer: &Ty::Obj(&FEEDBACK_RESPONSE) };
static STATUS: Operation = Operation {
    name: "getAuthenticationStatus",
    method: "GET",
    safety: Idempotent,
    answer: &Ty::Obj(&AUTHENTICATION_STATUS_RESPONSE),
};
static LOOKUP: Operation =
    Operation { name: "lookup", method: "GET", safety: Idempotent, answer: &Ty::Obj(&LOOKUP_RESPONSE) };

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
    /// `serverURL` is not an https URL (http is accepted for loopback only).
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "DingOptions")] options: JsValue) -> Result<Ding, JsValue> {
        let client = Rc::new(Client::new(&API, &options)?);
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
        self.client.base().to_owned()
    }

    /// `Ding { serverURL: "…" }`: the API key is never shown.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_display_string(&self) -> String {
        self.client.describe()
    }

    /// What `JSON.stringify(ding)` shows: `{ "serverURL": "…" }`, never the key.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "{ serverURL: string }")]
    pub fn to_json(&self) -> JsValue {
        self.client.to_json()
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

#[wasm_bindgen]
impl Otp {
    /// Starts an authentication and sends a one-time code to `phoneNumber`.
    ///
    /// Look at `status` of the result: `"pending"` means a code is on its
    /// way; `"rate_limited"` and `"spam_detected"` mean nothing was sent.
    /// By default this call is retried only when the server certainly did not
    /// act (the connection was refused, 429, or 503 with `Retry-After`), so a
    /// user never gets two codes for one call; `retries: { retryUnsafe: true }`
    /// widens that.
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
        let req = self.client.with_body("/authentication", &CREATE_AUTHENTICATION_REQUEST, &request);
        self.client.call(&CREATE, req, options)
    }

    /// Checks the code the user typed. A wrong code resolves with
    /// `status: "invalid"`; it does not throw. `"already_validated"` means
    /// this authentication was already used: it is not a sign-in, so ask
    /// the user to start again. Retried by default only where the server
    /// certainly did not act, as `createAuthentication`.
    ///
    /// @throws {DingValidationError} before sending, on bad input.
    /// @throws {DingApiError} when the API refuses the request (`code` says why).
    #[wasm_bindgen(unchecked_return_type = "Promise<CreateCheckResponse>")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateCheckRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let req = self.client.with_body("/check", &CREATE_CHECK_REQUEST, &request);
        self.client.call(&CHECK, req, options)
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
        let req = self.client.with_body("/retry", &RETRY_AUTHENTICATION_REQUEST, &request);
        self.client.call(&RETRY, req, options)
    }

    /// Reports whether the user behind `phoneNumber` finished onboarding.
    /// Retried by default only where the server certainly did not act: a
    /// repeat of a recorded feedback answers `duplicated_feedback_status`.
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
        let req = self.client.with_body("/authentication/feedback", &FEEDBACK_REQUEST, &request);
        self.client.call(&FEEDBACK, req, options)
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
        let req = read::text_arg(&auth_uuid, "authUuid", checks::uuid).map(|id| Request {
            url: server::with_segment(c.base(), "/authentication/", Some(&id)),
            log_url: None,
            body: None,
            header: None,
        });
        c.call(&STATUS, req, options)
    }
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
        let prepare = || -> Result<Request, FieldError> {
            let customer = read::text_arg(&customer_uuid, "customerUuid", checks::uuid)?;
            let phone = read::text_arg(&phone_number, "phoneNumber", checks::e164)?;
            let features = read::strings(&LOOKUP_FEATURES, "types", types.as_ref())?;
            let mut url = server::with_segment(c.base(), "/lookup/", Some(&phone));
            // Phone numbers stay out of log lines.
            let mut log_url = server::with_segment(c.base(), "/lookup/", None);
            for f in &features {
                server::push_query(&mut url, "type", f);
                server::push_query(&mut log_url, "type", f);
            }
            Ok(Request { url, log_url: Some(log_url), body: None, header: Some(("customer-uuid", customer)) })
        };
        c.call(&LOOKUP, prepare(), options)
    }
}
