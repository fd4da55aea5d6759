//! The machinery behind the models: how a field is read from the caller's
//! object (and checked), written to the wire, decoded from a response, turned
//! into a JS value and described in TypeScript. The `request!`, `response!`
//! and `string_enum!` macros generate all of that from one declaration per
//! type, so the Rust types are the single source of the wire format, the JS
//! shape and the `.d.ts`.

use crate::time::Timestamp;
use crate::value::{JsonObjectWriter, Value};
use wasm_bindgen::JsValue;

/// Why a response could not be decoded: where, and what was expected there.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodeError {
    /// Dotted path of the offending member, in wire names (`events[2].created_at`).
    pub path: String,
    /// What the contract expects there (`"a string"`, `"an RFC 3339 date-time"`).
    pub expected: &'static str,
    /// The JSON type that was found.
    pub found: &'static str,
}

impl DecodeError {
    /// An error at the current value.
    pub fn here<V: Value>(expected: &'static str, found: &V) -> Self {
        DecodeError { path: String::new(), expected, found: found.type_name() }
    }

    /// Prefixes the path with an object member name.
    pub fn within(mut self, key: &str) -> Self {
        let mut p = String::with_capacity(key.len() + 1 + self.path.len());
        p.push_str(key);
        if !self.path.is_empty() && !self.path.starts_with('[') {
            p.push('.');
        }
        p.push_str(&self.path);
        self.path = p;
        self
    }

    /// Prefixes the path with an array index.
    pub fn at(mut self, index: usize) -> Self {
        let mut p = String::from("[");
        push_uint(&mut p, index as u64);
        p.push(']');
        if !self.path.is_empty() && !self.path.starts_with('[') {
            p.push('.');
        }
        p.push_str(&self.path);
        self.path = p;
        self
    }

    /// A one-line description (`` `created_at`: expected an RFC 3339 date-time, found number ``).
    pub fn describe(&self) -> String {
        let mut s = String::new();
        if !self.path.is_empty() {
            s.push('`');
            s.push_str(&self.path);
            s.push_str("`: ");
        }
        s.push_str("expected ");
        s.push_str(self.expected);
        s.push_str(", found ");
        s.push_str(self.found);
        s
    }
}

/// Appends the decimal digits of `n` (avoids pulling `core::fmt` into the wasm).
pub fn push_uint(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &c in &buf[i..] {
        out.push(c as char);
    }
}

/// A type that can be decoded from a response value.
pub trait Decode: Sized {
    /// Decodes `v`; errors carry the path below `v`.
    fn decode<V: Value>(v: &V) -> Result<Self, DecodeError>;
}

/// Decodes the optional member `key` of the object `v` (`null` counts as absent).
pub fn decode_field<V: Value, T: Decode>(v: &V, key: &'static str) -> Result<Option<T>, DecodeError> {
    match v.get(key) {
        None => Ok(None),
        Some(x) => T::decode(&x).map(Some).map_err(|e| e.within(key)),
    }
}

impl Decode for String {
    fn decode<V: Value>(v: &V) -> Result<Self, DecodeError> {
        v.as_text().ok_or_else(|| DecodeError::here("a string", v))
    }
}

impl Decode for bool {
    fn decode<V: Value>(v: &V) -> Result<Self, DecodeError> {
        v.as_boolean().ok_or_else(|| DecodeError::here("a boolean", v))
    }
}

impl Decode for f64 {
    fn decode<V: Value>(v: &V) -> Result<Self, DecodeError> {
        v.as_number().filter(|n| n.is_finite()).ok_or_else(|| DecodeError::here("a number", v))
    }
}

impl Decode for i64 {
    fn decode<V: Value>(v: &V) -> Result<Self, DecodeError> {
        const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
        v.as_number()
            .filter(|n| n.fract() == 0.0 && n.abs() <= MAX_SAFE)
            .map(|n| n as i64)
            .ok_or_else(|| DecodeError::here("an integer", v))
    }
}

impl Decode for Timestamp {
    fn decode<V: Value>(v: &V) -> Result<Self, DecodeError> {
        v.as_text().and_then(|s| Timestamp::parse(&s)).ok_or_else(|| DecodeError::here("an RFC 3339 date-time", v))
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode<V: Value>(v: &V) -> Result<Self, DecodeError> {
        let items = v.items().ok_or_else(|| DecodeError::here("an array", v))?;
        items.iter().enumerate().map(|(i, x)| T::decode(x).map_err(|e| e.at(i))).collect()
    }
}

/// A value that becomes a JS value in the results handed to the caller.
pub trait ToJs {
    /// The JS form: strings, numbers, booleans, `Date`s, arrays and plain objects.
    fn to_js(&self) -> JsValue;
}

impl ToJs for String {
    fn to_js(&self) -> JsValue {
        JsValue::from_str(self)
    }
}
impl ToJs for bool {
    fn to_js(&self) -> JsValue {
        JsValue::from_bool(*self)
    }
}
impl ToJs for f64 {
    fn to_js(&self) -> JsValue {
        JsValue::from_f64(*self)
    }
}
impl ToJs for i64 {
    fn to_js(&self) -> JsValue {
        JsValue::from_f64(*self as f64)
    }
}
impl ToJs for Timestamp {
    fn to_js(&self) -> JsValue {
        js_sys::Date::new(&JsValue::from_f64(self.millis)).into()
    }
}
impl<T: ToJs> ToJs for Vec<T> {
    fn to_js(&self) -> JsValue {
        self.iter().map(ToJs::to_js).collect::<js_sys::Array>().into()
    }
}

/// Sets `obj[key] = value` on a plain object built by this crate.
pub fn set(obj: &js_sys::Object, key: &'static str, value: &JsValue) {
    // Cannot fail on a plain extensible object.
    let _ = js_sys::Reflect::set(obj, &crate::value::js_key(key), value);
}

/// A type the caller passes in, read from a JS value before any check.
pub trait Input: Sized {
    /// Reads `v`, or says what was expected (`"a string"`).
    fn read<V: Value>(v: &V) -> Result<Self, String>;
}

impl Input for String {
    fn read<V: Value>(v: &V) -> Result<Self, String> {
        v.as_text().ok_or_else(|| expected("a string", v))
    }
}

impl Input for bool {
    fn read<V: Value>(v: &V) -> Result<Self, String> {
        v.as_boolean().ok_or_else(|| expected("a boolean", v))
    }
}

impl<T: Input> Input for Vec<T> {
    fn read<V: Value>(v: &V) -> Result<Self, String> {
        let items = v.items().ok_or_else(|| expected("an array", v))?;
        items.iter().map(T::read).collect()
    }
}

/// `must be WHAT, got TYPE`.
pub fn expected<V: Value>(what: &str, got: &V) -> String {
    let mut s = String::from("must be ");
    s.push_str(what);
    s.push_str(", got ");
    s.push_str(got.type_name());
    s
}

/// A field of a request that failed to read or to pass its check.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// The JS (camelCase) name of the field.
    pub field: &'static str,
    /// What is wrong, as a phrase that follows the field name.
    pub problem: String,
}

/// Reads the required member `key` of the caller's object.
pub fn read_required<V: Value, T: Input>(v: &V, key: &'static str) -> Result<T, FieldError> {
    match v.get(key) {
        None => Err(FieldError { field: key, problem: "is required".into() }),
        Some(x) => T::read(&x).map_err(|problem| FieldError { field: key, problem }),
    }
}

/// Reads the optional member `key` of the caller's object.
pub fn read_optional<V: Value, T: Input>(v: &V, key: &'static str) -> Result<Option<T>, FieldError> {
    match v.get(key) {
        None => Ok(None),
        Some(x) => T::read(&x).map(Some).map_err(|problem| FieldError { field: key, problem }),
    }
}

/// Applies a field check, naming the field on failure.
pub fn check_field(key: &'static str, value: &str, check: fn(&str) -> Result<(), String>) -> Result<(), FieldError> {
    check(value).map_err(|problem| FieldError { field: key, problem })
}

/// A request body: read and checked from the caller's object, sent as JSON.
pub trait RequestBody: Sized {
    /// Reads and checks the caller's object.
    fn read<V: Value>(v: &V) -> Result<Self, FieldError>;
    /// The JSON text sent on the wire.
    fn to_json(&self) -> String;
}

/// A value that is written into a request body.
pub trait Wire {
    /// Writes `key: self` into the object (nothing for an absent option).
    fn write(&self, w: &mut JsonObjectWriter, key: &str);
}

impl Wire for String {
    fn write(&self, w: &mut JsonObjectWriter, key: &str) {
        w.string(key, self);
    }
}
impl Wire for bool {
    fn write(&self, w: &mut JsonObjectWriter, key: &str) {
        w.boolean(key, *self);
    }
}
impl<T: Wire> Wire for Option<T> {
    fn write(&self, w: &mut JsonObjectWriter, key: &str) {
        if let Some(v) = self {
            v.write(w, key);
        }
    }
}

/// The TypeScript type of a field.
pub trait Ts {
    /// The type expression (`string`, `Date`, `CheckStatus`, `AuthenticationEvent[]`).
    fn ts() -> String;
}
macro_rules! ts_named {
    ($($ty:ty => $name:literal),*) => {
        $(impl Ts for $ty {
            fn ts() -> String {
                $name.into()
            }
        })*
    };
}
ts_named!(String => "string", bool => "boolean", f64 => "number", i64 => "number", Timestamp => "Date");

impl<T: Ts> Ts for Vec<T> {
    fn ts() -> String {
        let mut s = T::ts();
        s.push_str("[]");
        s
    }
}

/// Writes a JSDoc block from doc-comment lines, indented by `indent`.
pub fn jsdoc(out: &mut String, indent: &str, lines: &[&str]) {
    if lines.is_empty() {
        return;
    }
    if let [line] = lines {
        out.push_str(indent);
        out.push_str("/**");
        out.push_str(line.trim_end());
        out.push_str(" */\n");
        return;
    }
    out.push_str(indent);
    out.push_str("/**\n");
    for line in lines {
        out.push_str(indent);
        out.push_str(" *");
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push_str(indent);
    out.push_str(" */\n");
}

/// Declares a request body: a struct with required (`req`) and optional
/// (`opt`) fields, read from the caller's camelCase object with a check per
/// field, and written to the wire as snake_case JSON without absent fields.
macro_rules! request {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            $(
                $(#[doc = $fdoc:literal])*
                $field:ident as $js:literal : $presence:ident $ty:ty $(=> $check:expr)?,
            )*
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            $(
                $(#[doc = $fdoc])*
                pub $field: request!(@ty $presence $ty),
            )*
        }

        impl $crate::model::RequestBody for $name {
            fn read<V: $crate::value::Value>(v: &V) -> Result<Self, $crate::model::FieldError> {
                $name::read(v)
            }
            fn to_json(&self) -> String {
                $name::to_json(self)
            }
        }

        impl $name {
            /// The wire (snake_case) names of every field.
            pub const WIRE_FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];

            /// Reads and checks the caller's object; the error names the first bad field.
            pub fn read<V: $crate::value::Value>(v: &V) -> Result<Self, $crate::model::FieldError> {
                if !v.is_object() {
                    return Err($crate::model::FieldError {
                        field: "request",
                        problem: $crate::model::expected("an object", v),
                    });
                }
                Ok(Self { $( $field: request!(@read $presence v $js $ty $(, $check)?), )* })
            }

            /// The snake_case JSON body sent on the wire.
            pub fn to_json(&self) -> String {
                let mut w = $crate::value::JsonObjectWriter::new();
                $( $crate::model::Wire::write(&self.$field, &mut w, stringify!($field)); )*
                w.finish()
            }

            /// The TypeScript interface of the caller's object.
            pub fn ts_decl() -> String {
                let mut s = String::new();
                $crate::model::jsdoc(&mut s, "", &[$($doc),*]);
                s.push_str(concat!("export interface ", stringify!($name), " {\n"));
                $(
                    $crate::model::jsdoc(&mut s, "  ", &[$($fdoc),*]);
                    s.push_str(concat!("  ", $js, request!(@opt $presence), ": "));
                    s.push_str(&<$ty as $crate::model::Ts>::ts());
                    s.push_str(";\n");
                )*
                s.push_str("}\n");
                s
            }
        }
    };
    (@ty req $ty:ty) => { $ty };
    (@ty opt $ty:ty) => { Option<$ty> };
    (@opt req) => { "" };
    (@opt opt) => { "?" };
    (@read req $v:ident $js:literal $ty:ty $(, $check:expr)?) => {{
        let x: $ty = $crate::model::read_required($v, $js)?;
        $( $crate::model::check_field($js, &x, $check)?; )?
        x
    }};
    (@read opt $v:ident $js:literal $ty:ty $(, $check:expr)?) => {{
        let x: Option<$ty> = $crate::model::read_optional($v, $js)?;
        $(
            if let Some(x) = &x {
                $crate::model::check_field($js, x, $check)?;
            }
        )?
        x
    }};
}

/// Declares a response body: every field optional (the contract promises
/// none), decoded from snake_case JSON, handed to JS as a camelCase object
/// with absent fields left out.
macro_rules! response {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            $(
                $(#[doc = $fdoc:literal])*
                $field:ident as $js:literal : $ty:ty,
            )*
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct $name {
            $(
                $(#[doc = $fdoc])*
                pub $field: Option<$ty>,
            )*
        }

        impl $crate::model::Decode for $name {
            fn decode<V: $crate::value::Value>(v: &V) -> Result<Self, $crate::model::DecodeError> {
                if !v.is_object() {
                    return Err($crate::model::DecodeError::here("an object", v));
                }
                Ok(Self { $( $field: $crate::model::decode_field(v, stringify!($field))?, )* })
            }
        }

        impl $crate::model::ToJs for $name {
            fn to_js(&self) -> wasm_bindgen::JsValue {
                let o = js_sys::Object::new();
                self.fill_js(&o);
                o.into()
            }
        }

        impl $crate::model::Ts for $name {
            fn ts() -> String {
                stringify!($name).into()
            }
        }

        impl $name {
            /// The wire (snake_case) names of every field.
            pub const WIRE_FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];

            /// The wire names of the fields that are present.
            pub fn present_fields(&self) -> Vec<&'static str> {
                let mut v = Vec::new();
                $( if self.$field.is_some() { v.push(stringify!($field)); } )*
                v
            }

            /// Sets the present fields, camelCased, on `o`.
            pub fn fill_js(&self, o: &js_sys::Object) {
                $(
                    if let Some(x) = &self.$field {
                        $crate::model::set(o, $js, &$crate::model::ToJs::to_js(x));
                    }
                )*
            }

            /// The TypeScript interface of the JS object; `extra` is put first in the body.
            pub fn ts_decl_with(extra: &str) -> String {
                let mut s = String::new();
                $crate::model::jsdoc(&mut s, "", &[$($doc),*]);
                s.push_str(concat!("export interface ", stringify!($name), " {\n"));
                s.push_str(extra);
                $(
                    $crate::model::jsdoc(&mut s, "  ", &[$($fdoc),*]);
                    s.push_str(concat!("  ", $js, "?: "));
                    s.push_str(&<$ty as $crate::model::Ts>::ts());
                    s.push_str(";\n");
                )*
                s.push_str("}\n");
                s
            }

            /// The TypeScript interface of the JS object.
            pub fn ts_decl() -> String {
                Self::ts_decl_with("")
            }
        }
    };
}

/// Declares a string enum. `open` enums (responses) keep values this SDK does
/// not know as `Unrecognized(text)`, typed `| (string & {})`; `closed` enums
/// (requests) refuse them before anything is sent.
macro_rules! string_enum {
    (
        $(#[doc = $doc:literal])*
        $kind:ident enum $name:ident {
            $( $(#[doc = $vdoc:literal])* $variant:ident = $wire:literal, )*
        }
    ) => {
        string_enum!(@def $kind $(#[doc = $doc])* $name { $( $(#[doc = $vdoc])* $variant = $wire, )* });

        impl $name {
            /// Every value this SDK knows, as sent on the wire.
            pub const KNOWN: &'static [&'static str] = &[$($wire),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )*
                    #[allow(unreachable_patterns)]
                    _ => string_enum!(@other_str $kind self),
                }
            }

            /// The TypeScript union of the values.
            pub fn ts_decl() -> String {
                let mut s = String::new();
                $crate::model::jsdoc(&mut s, "", &[$($doc),*]);
                s.push_str(concat!("export type ", stringify!($name), " ="));
                $( s.push_str(concat!("\n  | \"", $wire, "\"")); )*
                s.push_str(string_enum!(@ts_tail $kind));
                s.push_str(";\n");
                s
            }
        }

        impl $crate::model::Ts for $name {
            fn ts() -> String {
                stringify!($name).into()
            }
        }

        impl $crate::model::ToJs for $name {
            fn to_js(&self) -> wasm_bindgen::JsValue {
                wasm_bindgen::JsValue::from_str(self.as_str())
            }
        }

        impl $crate::model::Wire for $name {
            fn write(&self, w: &mut $crate::value::JsonObjectWriter, key: &str) {
                w.string(key, self.as_str());
            }
        }
    };
    (@def open $(#[doc = $doc:literal])* $name:ident { $( $(#[doc = $vdoc:literal])* $variant:ident = $wire:literal, )* }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[doc = $vdoc])* $variant, )*
            /// A value this SDK does not know yet, kept as sent.
            Unrecognized(String),
        }

        impl $crate::model::Decode for $name {
            fn decode<V: $crate::value::Value>(v: &V) -> Result<Self, $crate::model::DecodeError> {
                let s = v.as_text().ok_or_else(|| $crate::model::DecodeError::here("a string", v))?;
                Ok(match s.as_str() {
                    $( $wire => $name::$variant, )*
                    _ => $name::Unrecognized(s),
                })
            }
        }
    };
    (@def closed $(#[doc = $doc:literal])* $name:ident { $( $(#[doc = $vdoc:literal])* $variant:ident = $wire:literal, )* }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[doc = $vdoc])* $variant, )*
        }

        impl $crate::model::Input for $name {
            fn read<V: $crate::value::Value>(v: &V) -> Result<Self, String> {
                let s = v.as_text().ok_or_else(|| $crate::model::expected("a string", v))?;
                match s.as_str() {
                    $( $wire => Ok($name::$variant), )*
                    _ => Err($crate::model::one_of(Self::KNOWN, &s)),
                }
            }
        }
    };
    (@other_str open $self:ident) => {
        match $self {
            Self::Unrecognized(s) => s.as_str(),
            _ => "",
        }
    };
    (@other_str closed $self:ident) => { "" };
    (@ts_tail open) => { "\n  | (string & {})" };
    (@ts_tail closed) => { "" };
}

/// `must be one of "a", "b", got "c"`.
pub fn one_of(known: &[&str], got: &str) -> String {
    let mut s = String::from("must be one of ");
    for (i, k) in known.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push('"');
        s.push_str(k);
        s.push('"');
    }
    s.push_str(", got ");
    crate::value::write_json_string(&mut s, &truncate(got, 40));
    s
}

/// The first `max` characters of `s`, with `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => {
            let mut t = s.get(..i).unwrap_or(s).to_owned();
            t.push('…');
            t
        }
        None => s.to_owned(),
    }
}

pub(crate) use {request, response, string_enum};
