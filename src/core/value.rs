//! A view of a JSON-shaped value, so that reading requests and decoding
//! answers are written once and run on two backends: `JsValue` in the wasm
//! build (the caller's objects and the output of `JSON.parse`), and
//! `serde_json::Value` in the native tests and the fuzzer.
//!
//! `null` and absent are the same thing here: both read as `None`. The
//! constructors (`object`, `array`, `text`, `date`) build what decoding
//! hands back: in the wasm build, the JS objects the caller receives.

/// A JSON-shaped value that models are read from and built into.
pub trait Value: Sized + Clone {
    /// The member `key` of an object; `None` when absent, `null` or
    /// `undefined`, or when `self` is not an object.
    fn get(&self, key: &'static str) -> Option<Self>;
    /// The text of a string value.
    fn as_text(&self) -> Option<String>;
    /// True for a string value.
    fn is_text(&self) -> bool;
    /// The number of a number value.
    fn as_number(&self) -> Option<f64>;
    /// The boolean of a boolean value.
    fn as_boolean(&self) -> Option<bool>;
    /// The items of an array value.
    fn items(&self) -> Option<Vec<Self>>;
    /// The own enumerable members of a plain object, in order.
    fn entries(&self) -> Option<Vec<(String, Self)>>;
    /// True for a plain object (not an array, not null).
    fn is_object(&self) -> bool;
    /// True for `null` or `undefined`.
    fn is_nullish(&self) -> bool;
    /// A short name of the value's type for messages (`"number"`, `"array"`...).
    fn type_name(&self) -> &'static str;

    /// A new plain object with these members, in this order.
    fn object(members: Vec<(&'static str, Self)>) -> Self;
    /// A new array.
    fn array(items: Vec<Self>) -> Self;
    /// A string.
    fn text(s: &str) -> Self;
    /// A point in time (a JS `Date`), from milliseconds since the epoch.
    fn date(millis: f64) -> Self;
}

mod js {
    use super::Value;
    use crate::core::js::{member, put};
    use js_sys::{Array, Object};
    use wasm_bindgen::{JsCast, JsValue};

    impl Value for JsValue {
        fn get(&self, key: &'static str) -> Option<Self> {
            if !self.is_object() {
                return None;
            }
            let v = member(self, &super::js_key(key));
            if v.is_undefined() || v.is_null() {
                None
            } else {
                Some(v)
            }
        }
        fn as_text(&self) -> Option<String> {
            self.as_string()
        }
        fn is_text(&self) -> bool {
            self.is_string()
        }
        fn as_number(&self) -> Option<f64> {
            self.as_f64()
        }
        fn as_boolean(&self) -> Option<bool> {
            self.as_bool()
        }
        fn items(&self) -> Option<Vec<Self>> {
            self.dyn_ref::<Array>().map(|a| a.iter().collect())
        }
        fn entries(&self) -> Option<Vec<(String, Self)>> {
            if !Value::is_object(self) {
                return None;
            }
            let pairs = Object::entries(self.unchecked_ref());
            Some(
                pairs
                    .iter()
                    .filter_map(|p| {
                        let p: Array = p.unchecked_into();
                        Some((p.get(0).as_string()?, p.get(1)))
                    })
                    .collect(),
            )
        }
        fn is_object(&self) -> bool {
            JsValue::is_object(self) && !Array::is_array(self)
        }
        fn is_nullish(&self) -> bool {
            self.is_null() || self.is_undefined()
        }
        fn type_name(&self) -> &'static str {
            if self.is_null() {
                "null"
            } else if Array::is_array(self) {
                "array"
            } else if self.is_string() {
                "string"
            } else if self.as_f64().is_some() {
                "number"
            } else if self.as_bool().is_some() {
                "boolean"
            } else if self.is_undefined() {
                "undefined"
            } else if self.is_function() {
                "function"
            } else if self.is_bigint() {
                "bigint"
            } else if self.is_symbol() {
                "symbol"
            } else {
                "object"
            }
        }
        fn object(members: Vec<(&'static str, Self)>) -> Self {
            let o: JsValue = Object::new().into();
            for (key, value) in members {
                put(&o, &super::js_key(key), &value);
            }
            o
        }
        fn array(items: Vec<Self>) -> Self {
            items.into_iter().collect::<Array>().into()
        }
        fn text(s: &str) -> Self {
            JsValue::from_str(s)
        }
        fn date(millis: f64) -> Self {
            js_sys::Date::new(&JsValue::from_f64(millis)).into()
        }
    }
}

#[cfg(all(any(test, fuzzing), not(target_arch = "wasm32")))]
mod native {
    use super::Value;
    use serde_json::Value as J;

    impl Value for J {
        fn get(&self, key: &'static str) -> Option<Self> {
            match self.as_object()?.get(key)? {
                J::Null => None,
                v => Some(v.clone()),
            }
        }
        fn as_text(&self) -> Option<String> {
            self.as_str().map(str::to_owned)
        }
        fn is_text(&self) -> bool {
            self.is_string()
        }
        fn as_number(&self) -> Option<f64> {
            self.as_f64()
        }
        fn as_boolean(&self) -> Option<bool> {
            self.as_bool()
        }
        fn items(&self) -> Option<Vec<Self>> {
            self.as_array().cloned()
        }
        fn entries(&self) -> Option<Vec<(String, Self)>> {
            self.as_object().map(|o| o.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        }
        fn is_object(&self) -> bool {
            J::is_object(self)
        }
        fn is_nullish(&self) -> bool {
            self.is_null()
        }
        fn type_name(&self) -> &'static str {
            match self {
                J::Null => "null",
                J::Bool(_) => "boolean",
                J::Number(_) => "number",
                J::String(_) => "string",
                J::Array(_) => "array",
                J::Object(_) => "object",
            }
        }
        fn object(members: Vec<(&'static str, Self)>) -> Self {
            J::Object(members.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
        }
        fn array(items: Vec<Self>) -> Self {
            J::Array(items)
        }
        fn text(s: &str) -> Self {
            J::String(s.to_owned())
        }
        fn date(millis: f64) -> Self {
            serde_json::json!({ "$date": millis })
        }
    }
}

/// The JS string of a static key. Turning a Rust string into a JS string
/// costs an encode and a decode at the boundary; the model code reads and
/// writes the same few dozen keys on every call, so each is converted once
/// and kept, found again by the address and length of its literal.
pub fn js_key(key: &'static str) -> wasm_bindgen::JsValue {
    use std::cell::RefCell;
    use wasm_bindgen::JsValue;
    const SLOTS: usize = 512;
    thread_local! {
        static KEYS: RefCell<Vec<Option<(usize, usize, JsValue)>>> = const { RefCell::new(Vec::new()) };
    }
    let id = (key.as_ptr() as usize, key.len());
    KEYS.with(|cell| {
        // The borrow ends before the caller touches JS again (a getter on
        // the caller's object may call back into this module).
        let mut keys = cell.borrow_mut();
        if keys.is_empty() {
            keys.resize(SLOTS, None);
        }
        let mut i = ((id.0 >> 2) ^ id.1) % SLOTS;
        for _ in 0..SLOTS {
            match keys.get_mut(i) {
                Some(Some((p, l, v))) if (*p, *l) == id => return v.clone(),
                Some(slot @ None) => {
                    let v = JsValue::from_str(key);
                    *slot = Some((id.0, id.1, v.clone()));
                    return v;
                }
                _ => i = (i + 1) % SLOTS,
            }
        }
        JsValue::from_str(key)
    })
}
