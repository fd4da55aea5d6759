//! Every JS binding of the crate, in one place: the global `fetch`, the
//! duck-typed `Response` it gives back, and the error factory of
//! `js/errors.js`.

use js_sys::{Object, Promise};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    /// Builds an instance of the error class `name` (see `js/errors.js`).
    #[wasm_bindgen(js_name = makeError)]
    pub fn make_error(name: &str, message: &str, props: &Object) -> JsValue;
}

#[wasm_bindgen]
extern "C" {
    /// The platform's global `fetch` (browsers, Node 18+, Deno, Bun, workers).
    #[wasm_bindgen(js_name = fetch, catch)]
    pub fn global_fetch(url: &str, init: &Object) -> Result<Promise, JsValue>;

    /// What `fetch` resolves to; only the members used here are bound, so any
    /// object shaped like a `Response` works (an injected fetch, a polyfill).
    pub type FetchResponse;

    /// The HTTP status.
    #[wasm_bindgen(method, getter)]
    pub fn status(this: &FetchResponse) -> u16;

    /// Reads the body as text.
    #[wasm_bindgen(method, catch)]
    pub fn text(this: &FetchResponse) -> Result<Promise, JsValue>;
}
