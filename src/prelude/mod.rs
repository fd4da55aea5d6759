//! The Prelude v2 API, successor of Ding v1: its models, its JS classes
//! (`Prelude` with the `verification`, `lookup`, `watch` and
//! `verificationManagement` resources) and `verifyWebhook`. Everything else
//! (options, the call state machine, retries, transport, errors) is the
//! shared [`crate::core`].

pub mod models;

use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use crate::core::call::{Api, Auth, Client, Operation, Request};
use crate::core::checks;
use crate::core::decode::decode;
use crate::core::error::Error;
use crate::core::read::{self, FieldError};
use crate::core::retry::Safety::{ChangesState, Idempotent};
use crate::core::schema::Ty;
use crate::core::server;
use crate::core::value::Value;
use models::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_OPTIONS: &str = include_str!("../../ts/options.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TS_MODELS: &str = include_str!("../../ts/prelude.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TS_WEBHOOK: &str = include_str!("../../ts/webhook.d.ts");

/// The v2 API as the shared machinery sees it.
pub static API: Api = Api {
    label: "Prelude API",
    class: "Prelude",
    default_server: "https://api.prelude.dev",
    path_prefix: "/v2",
    auth: Auth::Bearer,
    // The docs place every client error in 4xx without a table; these two
    // are the ones that mean "this request's content was refused".
    refusals: &[400, 422],
};

static CREATE: Operation = Operation {
    name: "verification.create",
    method: "POST",
    safety: ChangesState,
    answer: &Ty::Obj(&VERIFICATION_CREATE_RESPONSE),
};
static CHECK: Operation = Operation {
    name: "verification.check",
    method: "POST",
    safety: ChangesState,
    answer: &Ty::Obj(&VERIFICATION_CHECK_RESPONSE),
};
static LOOKUP: Operation =
    Operation { name: "lookup.lookup", method: "GET", safety: Idempotent, answer: &Ty::Obj(&LOOKUP_RESPONSE) };
static PREDICT: Operation = Operation {
    name: "watch.predict",
    method: "POST",
    safety: ChangesState,
    answer: &Ty::Obj(&WATCH_PREDICT_RESPONSE),
};
static FEEDBACKS: Operation = Operation {
    name: "watch.sendFeedbacks",
    method: "POST",
    safety: ChangesState,
    answer: &Ty::Obj(&WATCH_ACCEPTED_RESPONSE),
};
static EVENTS: Operation = Operation {
    name: "watch.sendEvents",
    method: "POST",
    safety: ChangesState,
    answer: &Ty::Obj(&WATCH_ACCEPTED_RESPONSE),
};
static LIST_NUMBERS: Operation = Operation {
    name: "verificationManagement.listPhoneNumbers",
    method: "GET",
    safety: Idempotent,
    answer: &Ty::Obj(&MANAGED_PHONE_NUMBER_LIST),
};
// Adding and removing are idempotent by the contract: a repeat changes nothing.
static SET_NUMBER: Operation = Operation {
    name: "verificationManagement.setPhoneNumber",
    method: "POST",
    safety: Idempotent,
    answer: &Ty::Obj(&MANAGED_PHONE_NUMBER_RESPONSE),
};
static DELETE_NUMBER: Operation = Operation {
    name: "verificationManagement.deletePhoneNumber",
    method: "DELETE",
    safety: Idempotent,
    answer: &Ty::Obj(&MANAGED_PHONE_NUMBER_RESPONSE),
};
static LIST_SENDERS: Operation = Operation {
    name: "verificationManagement.listSenderIds",
    method: "GET",
    safety: Idempotent,
    answer: &Ty::Obj(&SENDER_ID_LIST),
};
static SUBMIT_SENDER: Operation = Operation {
    name: "verificationManagement.submitSenderId",
    method: "POST",
    safety: ChangesState,
    answer: &Ty::Obj(&SENDER_ID_SUBMIT_RESPONSE),
};

/// A Prelude v2 API client. Create one per API key and reuse it: it is
/// cheap to keep and safe to share between concurrent calls.
///
/// ```js
/// const prelude = new Prelude({ apiKey: process.env.PRELUDE_API_KEY });
/// const v = await prelude.verification.create({ target: { type: "phone_number", value: "+33612345678" } });
/// ```
///
/// The API key is kept inside the WebAssembly module: it does not appear in
/// `toString()`, `JSON.stringify(prelude)`, `console.log(prelude)` or any error.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Prelude {
    client: Rc<Client>,
    /// The resource objects, made once.
    verification: JsValue,
    lookup: JsValue,
    watch: JsValue,
    management: JsValue,
}

#[wasm_bindgen]
impl Prelude {
    /// Creates a client.
    ///
    /// @throws {DingValidationError} when `apiKey` is missing or malformed, or
    /// `serverURL` is not an https URL (http is accepted for loopback only).
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "PreludeOptions")] options: JsValue) -> Result<Prelude, JsValue> {
        let client = Rc::new(Client::new(&API, &options)?);
        Ok(Prelude {
            verification: Verification { client: client.clone() }.into(),
            lookup: PhoneLookup { client: client.clone() }.into(),
            watch: Watch { client: client.clone() }.into(),
            management: VerificationManagement { client: client.clone() }.into(),
            client,
        })
    }

    /// Send a code (or resend it) and check the code the user typed.
    #[wasm_bindgen(getter, unchecked_return_type = "Verification")]
    pub fn verification(&self) -> JsValue {
        self.verification.clone()
    }

    /// Look up phone numbers.
    #[wasm_bindgen(getter, unchecked_return_type = "PhoneLookup")]
    pub fn lookup(&self) -> JsValue {
        self.lookup.clone()
    }

    /// Score a target, report your own verification funnel and events.
    #[wasm_bindgen(getter, unchecked_return_type = "Watch")]
    pub fn watch(&self) -> JsValue {
        self.watch.clone()
    }

    /// The allow and block lists and the sender IDs (optional endpoints
    /// Prelude support must enable for the account).
    #[wasm_bindgen(getter = verificationManagement, unchecked_return_type = "VerificationManagement")]
    pub fn verification_management(&self) -> JsValue {
        self.management.clone()
    }

    /// The server this client talks to, without a trailing slash.
    #[wasm_bindgen(getter = serverURL)]
    pub fn server_url(&self) -> String {
        self.client.base().to_owned()
    }

    /// `Prelude { serverURL: "…" }`: the API key is never shown.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_display_string(&self) -> String {
        self.client.describe()
    }

    /// What `JSON.stringify(prelude)` shows: `{ "serverURL": "…" }`, never the key.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "{ serverURL: string }")]
    pub fn to_json(&self) -> JsValue {
        self.client.to_json()
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
impl Prelude {
    /// The resources as Rust values, for the wasm tests.
    pub(crate) fn resources(&self) -> (Verification, PhoneLookup, Watch, VerificationManagement) {
        let c = &self.client;
        (
            Verification { client: c.clone() },
            PhoneLookup { client: c.clone() },
            Watch { client: c.clone() },
            VerificationManagement { client: c.clone() },
        )
    }
}

/// Sending and checking codes (`prelude.verification`).
#[wasm_bindgen]
#[derive(Debug)]
pub struct Verification {
    client: Rc<Client>,
}

#[wasm_bindgen]
impl Verification {
    /// Sends a code to `target`, or, while a verification of that target is
    /// open, sends another one in it (`status: "retry"`, same `id`): there is
    /// no separate resend. Read `status`: `"blocked"` sent nothing (see
    /// `reason`).
    ///
    /// Since a repeat sends another message, this call is retried only when
    /// the server certainly did not act (the connection was refused, 429, or
    /// 503 with `Retry-After`), never after a timeout, a 5xx or a broken
    /// connection; `retries: { retryUnsafe: true }` widens that.
    ///
    /// @throws {DingValidationError} before sending, on bad input (an E.164
    /// target, never both `channels` and `preferredChannel` nor `customCode`
    /// and `codeSize`, `codeSize` 4 to 8...).
    /// @throws {DingApiError} when the API refuses the request (`code`, `param`).
    /// @throws {DingHttpError | DingNetworkError | DingTimeoutError | DingAbortError | DingDecodeError} see the README.
    #[wasm_bindgen(unchecked_return_type = "Promise<VerificationCreateResponse>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "VerificationCreateRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let req = self.client.with_body("/v2/verification", &VERIFICATION_CREATE_REQUEST, &request);
        self.client.call(&CREATE, req, options)
    }

    /// Checks the code the user typed for `target`. A wrong code resolves
    /// with `status: "failure"`; `"expired_or_not_found"` means the user must
    /// ask for a new code. Retried like `create`: a repeat counts as another
    /// try of the code.
    ///
    /// @throws {DingValidationError} before sending, on bad input.
    /// @throws {DingApiError} when the API refuses the request (`code`, `param`).
    #[wasm_bindgen(unchecked_return_type = "Promise<VerificationCheckResponse>")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "VerificationCheckRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let req = self.client.with_body("/v2/verification/check", &VERIFICATION_CHECK_REQUEST, &request);
        self.client.call(&CHECK, req, options)
    }
}

/// Looking numbers up (`prelude.lookup`).
#[wasm_bindgen]
#[derive(Debug)]
pub struct PhoneLookup {
    client: Rc<Client>,
}

static LOOKUP_TYPES: Ty = Ty::List { item: &Ty::Enum(&LOOKUP_FEATURE), max: 8 };

#[wasm_bindgen]
impl PhoneLookup {
    /// Returns carrier, line-type and porting data about `phoneNumber`
    /// (E.164). `{ type: ["cnam"] }` adds the caller name (it must be
    /// enabled for your account).
    ///
    /// @throws {DingValidationError} before sending, on bad input.
    /// @throws {DingApiError} when the API refuses the request (`code`, `param`).
    #[wasm_bindgen(unchecked_return_type = "Promise<LookupResponse>")]
    pub fn lookup(
        &self,
        #[wasm_bindgen(js_name = phoneNumber, unchecked_param_type = "string")] phone_number: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "LookupParams")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let c = &self.client;
        let prepare = || -> Result<Request, FieldError> {
            let phone = read::text_arg(&phone_number, "phoneNumber", checks::e164)?;
            let params = params.filter(|p| !p.is_nullish());
            if let Some(p) = &params {
                read::body(&LOOKUP_PARAMS, p)
                    .map_err(|e| FieldError::new(&["params.", &e.field].concat(), e.problem))?;
            }
            let features = read::strings(&LOOKUP_TYPES, "params.type", params.and_then(|p| p.get("type")).as_ref())?;
            let mut url = server::with_segment(c.base(), "/v2/lookup/", Some(&phone));
            // Phone numbers stay out of log lines.
            let mut log_url = server::with_segment(c.base(), "/v2/lookup/", None);
            if !features.is_empty() {
                // One parameter with the values joined by commas, as the
                // contract says (`explode: false`).
                let joined = features.join(",");
                for u in [&mut url, &mut log_url] {
                    u.push_str("?type=");
                    u.push_str(&joined);
                }
            }
            Ok(Request { url, log_url: Some(log_url), body: None, header: None })
        };
        c.call(&LOOKUP, prepare(), options)
    }
}

/// Anti-fraud scoring and reporting (`prelude.watch`).
#[wasm_bindgen]
#[derive(Debug)]
pub struct Watch {
    client: Rc<Client>,
}

#[wasm_bindgen]
impl Watch {
    /// Asks whether `target` looks legitimate, before or instead of sending
    /// a code; nothing is sent to the user.
    ///
    /// @throws {DingValidationError} before sending, on bad input.
    /// @throws {DingApiError} when the API refuses the request (`code`, `param`).
    #[wasm_bindgen(unchecked_return_type = "Promise<WatchPredictResponse>")]
    pub fn predict(
        &self,
        #[wasm_bindgen(unchecked_param_type = "WatchPredictRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let req = self.client.with_body("/v2/watch/predict", &WATCH_PREDICT_REQUEST, &request);
        self.client.call(&PREDICT, req, options)
    }

    /// Reports steps of a verification you run outside Prelude Verify (at
    /// most 100 per call). Not needed for traffic that goes through
    /// `verification.create`.
    ///
    /// @throws {DingValidationError} before sending, on bad input.
    /// @throws {DingApiError} when the API refuses the request (`code`, `param`).
    #[wasm_bindgen(js_name = sendFeedbacks, unchecked_return_type = "Promise<WatchAcceptedResponse>")]
    pub fn send_feedbacks(
        &self,
        #[wasm_bindgen(unchecked_param_type = "WatchFeedbacksRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let req = self.client.with_body("/v2/watch/feedback", &WATCH_FEEDBACKS_REQUEST, &request);
        self.client.call(&FEEDBACKS, req, options)
    }

    /// Reports events of your application about targets, each with how much
    /// it speaks for the user (at most 100 per call).
    ///
    /// @throws {DingValidationError} before sending, on bad input.
    /// @throws {DingApiError} when the API refuses the request (`code`, `param`).
    #[wasm_bindgen(js_name = sendEvents, unchecked_return_type = "Promise<WatchAcceptedResponse>")]
    pub fn send_events(
        &self,
        #[wasm_bindgen(unchecked_param_type = "WatchEventsRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let req = self.client.with_body("/v2/watch/event", &WATCH_EVENTS_REQUEST, &request);
        self.client.call(&EVENTS, req, options)
    }
}

/// The allow and block lists and the sender IDs
/// (`prelude.verificationManagement`): optional endpoints Prelude support
/// must enable for the account.
#[wasm_bindgen]
#[derive(Debug)]
pub struct VerificationManagement {
    client: Rc<Client>,
}

static ACTION: Ty = Ty::Enum(&LIST_ACTION);

impl VerificationManagement {
    fn list_path(&self, action: &JsValue) -> Result<String, FieldError> {
        read::value(&ACTION, "action", action)?;
        let action = action.as_string().unwrap_or_default();
        Ok(self.client.url(&["/v2/verification/management/phone-numbers/", &action].concat()))
    }

    fn number_request(&self, action: &JsValue, request: &JsValue) -> Result<Request, FieldError> {
        let url = self.list_path(action)?;
        Ok(Request {
            url,
            log_url: None,
            body: Some(read::body(&MANAGED_PHONE_NUMBER_REQUEST, request)?),
            header: None,
        })
    }
}

#[wasm_bindgen]
impl VerificationManagement {
    /// Lists the numbers on the allow list (`"allow"`) or the block list (`"block"`).
    ///
    /// @throws {DingValidationError} when `action` is neither.
    #[wasm_bindgen(js_name = listPhoneNumbers, unchecked_return_type = "Promise<ManagedPhoneNumberList>")]
    pub fn list_phone_numbers(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListAction")] action: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let req = self.list_path(&action).map(|url| Request { url, log_url: None, body: None, header: None });
        self.client.call(&LIST_NUMBERS, req, options)
    }

    /// Puts a number on the allow or the block list (a number already there
    /// stays, so this is retried like a read). A blocked number gets
    /// `status: "blocked"`, `reason: "in_block_list"` on create.
    ///
    /// @throws {DingValidationError} before sending, on bad input.
    #[wasm_bindgen(js_name = setPhoneNumber, unchecked_return_type = "Promise<ManagedPhoneNumberResponse>")]
    pub fn set_phone_number(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListAction")] action: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ManagedPhoneNumberRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.client.call(&SET_NUMBER, self.number_request(&action, &request), options)
    }

    /// Takes a number off the allow or the block list (a number not there is
    /// no error).
    ///
    /// @throws {DingValidationError} before sending, on bad input.
    #[wasm_bindgen(js_name = deletePhoneNumber, unchecked_return_type = "Promise<ManagedPhoneNumberResponse>")]
    pub fn delete_phone_number(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListAction")] action: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ManagedPhoneNumberRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.client.call(&DELETE_NUMBER, self.number_request(&action, &request), options)
    }

    /// Lists the account's sender IDs with their review state.
    #[wasm_bindgen(js_name = listSenderIds, unchecked_return_type = "Promise<SenderIdList>")]
    pub fn list_sender_ids(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let url = self.client.url("/v2/verification/management/sender-id");
        self.client.call(&LIST_SENDERS, Ok(Request { url, log_url: None, body: None, header: None }), options)
    }

    /// Submits a new sender ID for review.
    ///
    /// @throws {DingValidationError} before sending, on bad input.
    #[wasm_bindgen(js_name = submitSenderId, unchecked_return_type = "Promise<SenderIdSubmitResponse>")]
    pub fn submit_sender_id(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SenderIdSubmitRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let req = self.client.with_body("/v2/verification/management/sender-id", &SENDER_ID_SUBMIT_REQUEST, &request);
        self.client.call(&SUBMIT_SENDER, req, options)
    }
}

static EVENT: Ty = Ty::Union(&VERIFY_WEBHOOK_EVENT);

/// Reads a verified webhook body into its typed event; driven by `js/webhook.js`.
#[wasm_bindgen(skip_typescript)]
#[derive(Debug)]
pub struct WebhookDecoder;

#[wasm_bindgen]
impl WebhookDecoder {
    /// The typed event of a signed body; throws `DingWebhookError` when it
    /// is not a JSON event object.
    pub fn decode(&self, text: String) -> Result<JsValue, JsValue> {
        let malformed =
            |why: &str| Error::webhook("malformed_body", ["the signed body is not a webhook event: ", why].concat());
        let v = js_sys::JSON::parse(&text).map_err(|_| malformed("it is not JSON").into_js())?;
        decode(&EVENT, &v).map_err(|e| malformed(&e.describe()).into_js())
    }
}

/// Checks the signature of a Prelude webhook and returns its typed event.
///
/// Pass the body exactly as received, as text or bytes (`await
/// request.text()`, or the raw buffer your framework keeps): never
/// re-serialised JSON, whose bytes differ. `signature` is the value of the
/// `X-Webhook-Signature` header; `publicKey` the public part of the webhook
/// signing key from the Prelude dashboard, as a PEM block, a JWK or a
/// WebCrypto `CryptoKey`.
///
/// ```js
/// const event = await verifyWebhook({ body: await request.text(), signature: request.headers.get("x-webhook-signature"), publicKey });
/// if (event.type === "verify.delivery_status") console.log(event.payload.status);
/// ```
///
/// Prelude may deliver an event more than once: drop duplicates by `event.id`.
///
/// @throws {DingWebhookError} (the promise rejects) when the signature is
/// missing (`code` `"missing_signature"`), malformed (`"malformed_signature"`),
/// does not match (`"bad_signature"`), the key is unusable (`"invalid_key"`)
/// or the signed body is not an event (`"malformed_body"`).
/// @throws {DingValidationError} (the promise rejects) when an argument has the wrong type.
#[wasm_bindgen(js_name = verifyWebhook, unchecked_return_type = "Promise<VerifyWebhookEvent>")]
pub fn verify_webhook(#[wasm_bindgen(unchecked_param_type = "VerifyWebhookInput")] input: JsValue) -> Promise {
    match webhook_input(&input) {
        Ok((body, signature, key)) => crate::core::js::verify_webhook(WebhookDecoder.into(), &body, &signature, &key),
        Err(e) => Promise::reject(&Error::validation("verifyWebhook", e).into_js()),
    }
}

/// `body`, `signature` and `publicKey` of `verifyWebhook`'s argument, each of an accepted type.
fn webhook_input(input: &JsValue) -> Result<(JsValue, JsValue, JsValue), FieldError> {
    if !Value::is_object(input) {
        return Err(FieldError::new("input", crate::core::text::expected("an object", input)));
    }
    let body = input.get("body").ok_or_else(|| FieldError::new("body", "is required"))?;
    let bytes = body.is_instance_of::<js_sys::Uint8Array>() || body.is_instance_of::<js_sys::ArrayBuffer>();
    if !body.is_string() && !bytes {
        return Err(FieldError::new(
            "body",
            crate::core::text::expected("the raw body as a string, a Uint8Array or an ArrayBuffer", &body),
        ));
    }
    let signature = input.get("signature").unwrap_or(JsValue::NULL);
    if !signature.is_null() && !signature.is_string() {
        return Err(FieldError::new(
            "signature",
            crate::core::text::expected("the header's value (a string) or null", &signature),
        ));
    }
    let key = input.get("publicKey").ok_or_else(|| FieldError::new("publicKey", "is required"))?;
    if !key.is_string() && !Value::is_object(&key) {
        return Err(FieldError::new(
            "publicKey",
            crate::core::text::expected("a PEM string, a JWK or a CryptoKey", &key),
        ));
    }
    Ok((body, signature, key))
}
