//! Every binding to JavaScript in one place: the transport and error
//! modules shipped with the package (`js/`), and the platform's `URL`
//! parser. The rest of the crate calls these through plain Rust functions.

use js_sys::{Object, Promise};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/transport.js")]
extern "C" {
    /// Sends one attempt; see `js/transport.js`.
    #[wasm_bindgen(js_name = attempt)]
    #[allow(clippy::too_many_arguments)]
    pub fn attempt(
        env: &JsValue,
        signal: &JsValue,
        method: &str,
        url: &str,
        headers: &Object,
        body: Option<&str>,
        timeout_ms: f64,
        number: u32,
    ) -> Promise;

    /// Runs a call (a `PendingCall`) to its end: attempts, waits, and the result or error.
    pub fn drive(call: JsValue, signal: &JsValue) -> Promise;

    /// `{ headers, requestId }`: an answer's headers as a plain object
    /// (names in lower case) and the request id among them.
    #[wasm_bindgen(js_name = answerInfo)]
    pub fn answer_info(headers: &JsValue) -> JsValue;
}

#[wasm_bindgen(module = "/js/value.js")]
extern "C" {
    /// `o[k]`, or `undefined` when the getter throws; see `js/value.js`.
    pub fn member(o: &JsValue, k: &JsValue) -> JsValue;

    /// `o[k] = v` on an object the module made; never throws.
    pub fn put(o: &JsValue, k: &JsValue, v: &JsValue);
}

#[wasm_bindgen(module = "/js/webhook.js")]
extern "C" {
    /// Checks a webhook's signature, then decodes its body with `decoder`
    /// (a `WebhookDecoder`); see `js/webhook.js`.
    #[wasm_bindgen(js_name = verifyWebhook)]
    pub fn verify_webhook(decoder: JsValue, body: &JsValue, signature: &JsValue, public_key: &JsValue) -> Promise;
}

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    /// Builds an instance of the error class `name` (see `js/errors.js`).
    #[wasm_bindgen(js_name = makeError)]
    pub fn make_error(name: &str, message: &str, props: &JsValue) -> JsValue;
}

#[wasm_bindgen]
extern "C" {
    /// The platform's WHATWG URL parser, the one its `fetch` uses.
    #[wasm_bindgen(js_name = URL)]
    pub type Url;

    /// Parses an absolute URL; throws a `TypeError` when it is not one.
    #[wasm_bindgen(constructor, catch, js_class = "URL")]
    pub fn new(input: &str) -> Result<Url, JsValue>;

    /// The serialised URL.
    #[wasm_bindgen(method, getter)]
    pub fn href(this: &Url) -> String;
    /// `https:`, `http:`...
    #[wasm_bindgen(method, getter)]
    pub fn protocol(this: &Url) -> String;
    /// The user name part of the URL.
    #[wasm_bindgen(method, getter)]
    pub fn username(this: &Url) -> String;
    /// The password part of the URL.
    #[wasm_bindgen(method, getter)]
    pub fn password(this: &Url) -> String;
    /// The host without the port (IPv6 in brackets).
    #[wasm_bindgen(method, getter)]
    pub fn hostname(this: &Url) -> String;
}
