//! A read-only view of a JSON-shaped value, so that decoding and input
//! reading are written once and run on two backends: `JsValue` in the wasm
//! build (the output of `JSON.parse`, or the caller's request object), and
//! `serde_json::Value` in the native tests.
//!
//! `null` and absent are the same thing here: both read as `None`.

/// A JSON-shaped value that models can be read from.
pub trait Value: Sized {
    /// The member `key` of an object; `None` when absent, `null` or `undefined`,
    /// or when `self` is not an object.
    fn get(&self, key: &'static str) -> Option<Self>;
    /// The text of a string value.
    fn as_text(&self) -> Option<String>;
    /// The number of a number value.
    fn as_number(&self) -> Option<f64>;
    /// The boolean of a boolean value.
    fn as_boolean(&self) -> Option<bool>;
    /// The items of an array value.
    fn items(&self) -> Option<Vec<Self>>;
    /// True for a plain object (not an array, not null).
    fn is_object(&self) -> bool;
    /// The JSON text of this value (used to keep unknown events whole).
    fn to_json_text(&self) -> String;
    /// A short name of the value's type for error messages (`"number"`, `"array"`...).
    fn type_name(&self) -> &'static str;
}

mod js {
    use super::Value;
    use js_sys::{Array, Reflect, JSON};
    use wasm_bindgen::{JsCast, JsValue};

    impl Value for JsValue {
        fn get(&self, key: &'static str) -> Option<Self> {
            if !self.is_object() {
                return None;
            }
            let v = Reflect::get(self, &super::js_key(key)).ok()?;
            if v.is_undefined() || v.is_null() {
                None
            } else {
                Some(v)
            }
        }
        fn as_text(&self) -> Option<String> {
            self.as_string()
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
        fn is_object(&self) -> bool {
            JsValue::is_object(self) && !Array::is_array(self)
        }
        fn to_json_text(&self) -> String {
            JSON::stringify(self).ok().and_then(|s| s.as_string()).unwrap_or_default()
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
        fn as_number(&self) -> Option<f64> {
            self.as_f64()
        }
        fn as_boolean(&self) -> Option<bool> {
            self.as_bool()
        }
        fn items(&self) -> Option<Vec<Self>> {
            self.as_array().cloned()
        }
        fn is_object(&self) -> bool {
            J::is_object(self)
        }
        fn to_json_text(&self) -> String {
            self.to_string()
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
    }
}

/// The JS string of a static key. Turning a Rust string into a JS string
/// costs an encode and a decode at the boundary; the model code reads and
/// writes the same few dozen keys on every call, so each is converted once
/// and kept, found again by the address and length of its literal.
pub fn js_key(key: &'static str) -> wasm_bindgen::JsValue {
    use std::cell::RefCell;
    use wasm_bindgen::JsValue;
    const SLOTS: usize = 256;
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

/// Appends `s` to `out` as a JSON string literal (quotes included).
pub fn write_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let n = c as u32;
                out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    out.push(HEX[((n >> shift) & 0xf) as usize] as char);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Builds a JSON object member by member, skipping absent optional members.
#[derive(Debug)]
pub struct JsonObjectWriter {
    out: String,
    first: bool,
}

impl JsonObjectWriter {
    /// Starts an object.
    pub fn new() -> Self {
        let mut out = String::with_capacity(256);
        out.push('{');
        JsonObjectWriter { out, first: true }
    }

    fn key(&mut self, key: &str) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_json_string(&mut self.out, key);
        self.out.push(':');
    }

    /// Adds a string member.
    pub fn string(&mut self, key: &str, value: &str) {
        self.key(key);
        write_json_string(&mut self.out, value);
    }

    /// Adds a boolean member.
    pub fn boolean(&mut self, key: &str, value: bool) {
        self.key(key);
        self.out.push_str(if value { "true" } else { "false" });
    }

    /// Closes the object and returns its text.
    pub fn finish(mut self) -> String {
        self.out.push('}');
        self.out
    }
}

impl Default for JsonObjectWriter {
    fn default() -> Self {
        Self::new()
    }
}
