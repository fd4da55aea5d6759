//! The binding to the error factory of `js/errors.js` (the transport's
//! bindings are in `transport.rs`).

use js_sys::Object;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    /// Builds an instance of the error class `name` (see `js/errors.js`).
    #[wasm_bindgen(js_name = makeError)]
    pub fn make_error(name: &str, message: &str, props: &Object) -> JsValue;
}
