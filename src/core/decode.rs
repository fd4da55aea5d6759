//! Decoding answers: a parsed JSON value (the output of `JSON.parse` in the
//! wasm build) checked against its descriptor and turned into what the
//! caller receives: camelCase members, `Date`s for date-times, absent
//! members left out. Strings, numbers and booleans are handed on as they
//! are, without a copy.
//!
//! Forward compatible by rule: members the SDK does not know are ignored,
//! enum values it does not know pass through, and an object of a kind it
//! does not know (or cannot read) in a union is kept as `type: "unknown"`
//! with its `raw` value. In a list, one bad item never fails the answer:
//! see [`list`].

use crate::core::schema::{Model, Ty, Union, UNKNOWN};
use crate::core::time::Timestamp;
use crate::core::value::Value;

/// Why an answer could not be decoded: where, and what was expected there.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodeError {
    /// Dotted path of the offending member, in wire names (`events[2].created_at`).
    pub path: String,
    /// What the contract expects there (`"a string"`, `"an RFC 3339 date-time"`).
    pub expected: &'static str,
    /// The JSON type that was found (`"absent"` for a missing member).
    pub found: &'static str,
}

impl DecodeError {
    /// An error at the current value.
    pub fn here<V: Value>(expected: &'static str, found: &V) -> Self {
        DecodeError { path: String::new(), expected, found: found.type_name() }
    }

    fn prefixed(mut self, prefix: String) -> Self {
        let mut p = prefix;
        if !self.path.is_empty() && !self.path.starts_with('[') {
            p.push('.');
        }
        p.push_str(&self.path);
        self.path = p;
        self
    }

    /// Prefixes the path with an object member name.
    pub fn within(self, key: &str) -> Self {
        self.prefixed(key.to_owned())
    }

    /// Prefixes the path with an array index.
    pub fn at(self, index: usize) -> Self {
        let mut p = String::from("[");
        p.push_str(&crate::core::text::uint(index as u64));
        p.push(']');
        self.prefixed(p)
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

/// Decodes `v` as a `ty`.
///
/// # Errors
/// The first value that does not fit, with its path.
pub fn decode<V: Value>(ty: &'static Ty, v: &V) -> Result<V, DecodeError> {
    match ty {
        Ty::Str(_) | Ty::Ip { .. } | Ty::Enum(_) => {
            if v.is_text() {
                Ok(v.clone())
            } else {
                Err(DecodeError::here("a string", v))
            }
        }
        Ty::Bool => v.as_boolean().map(|_| v.clone()).ok_or_else(|| DecodeError::here("a boolean", v)),
        Ty::Number => match v.as_number() {
            Some(n) if n.is_finite() => Ok(v.clone()),
            _ => Err(DecodeError::here("a number", v)),
        },
        Ty::Int { .. } => {
            const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
            match v.as_number() {
                Some(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE => Ok(v.clone()),
                _ => Err(DecodeError::here("an integer", v)),
            }
        }
        Ty::Date => v
            .as_text()
            .and_then(|s| Timestamp::parse(&s))
            .map(|t| V::date(t.millis))
            .ok_or_else(|| DecodeError::here("an RFC 3339 date-time", v)),
        Ty::Obj(m) => object(m, None, v),
        Ty::Union(u) => union(u, v),
        Ty::List { item, .. } => list(item, v),
        Ty::Map(_) => match v.entries() {
            Some(e) if e.iter().all(|(_, x)| x.is_text()) => Ok(v.clone()),
            _ => Err(DecodeError::here("an object of strings", v)),
        },
    }
}

/// Decodes an object: its known members, renamed; `tag` is put first as
/// `type` (the variant of a union).
fn object<V: Value>(m: &'static Model, tag: Option<&'static str>, v: &V) -> Result<V, DecodeError> {
    if !v.is_object() {
        return Err(DecodeError::here("an object", v));
    }
    let mut members = Vec::with_capacity(m.fields.len() + 1);
    if let Some(tag) = tag {
        members.push(("type", V::text(tag)));
    }
    for f in m.fields {
        match v.get(f.wire) {
            None if f.required => {
                return Err(DecodeError { path: f.wire.to_owned(), expected: "a value", found: "absent" })
            }
            None => {}
            Some(x) => members.push((f.js, decode(&f.ty, &x).map_err(|e| e.within(f.wire))?)),
        }
    }
    Ok(V::object(members))
}

/// An object with the members of `m` that can be read; `None` when a
/// required one cannot.
fn lenient<V: Value>(m: &'static Model, v: &V) -> Option<V> {
    if !v.is_object() {
        return None;
    }
    let mut members = Vec::with_capacity(m.fields.len());
    for f in m.fields {
        match v.get(f.wire).map(|x| decode(&f.ty, &x)) {
            Some(Ok(x)) => members.push((f.js, x)),
            None | Some(Err(_)) if f.required => return None,
            _ => {}
        }
    }
    Some(V::object(members))
}

fn union<V: Value>(u: &'static Union, v: &V) -> Result<V, DecodeError> {
    if !v.is_object() {
        return Err(DecodeError::here("an object", v));
    }
    let tag = v.get("type").and_then(|t| t.as_text());
    let variant = u.variants.iter().find(|(t, _)| Some(*t) == tag.as_deref());
    let decoded = match variant {
        Some((t, m)) => object(m, Some(t), v),
        None => Err(DecodeError { path: "type".into(), expected: "a known kind", found: "another" }),
    };
    match (decoded, u.unknown) {
        (Ok(x), _) => Ok(x),
        (Err(_), Some(keep)) => Ok(unknown(keep, v)),
        (Err(e), None) => Err(e),
    }
}

/// `{ type: "unknown", rawType, <the members of keep that can be read>, raw }`.
fn unknown<V: Value>(keep: &'static Model, v: &V) -> V {
    let mut members = vec![("type", V::text(UNKNOWN))];
    if let Some(t) = v.get("type").filter(Value::is_text) {
        members.push(("rawType", t));
    }
    for f in keep.fields {
        if let Some(Ok(x)) = v.get(f.wire).map(|x| decode(&f.ty, &x)) {
            members.push((f.js, x));
        }
    }
    members.push(("raw", v.clone()));
    V::object(members)
}

/// Decodes a list. One bad item does not fail the answer: in a union with
/// an unknown variant it comes through as that variant, with its `raw`
/// value; in a list of objects its unreadable members are left out (it is
/// skipped when a required one is unreadable); in a list of strings a
/// non-string is skipped, as is `null` anywhere but in a union.
fn list<V: Value>(item: &'static Ty, v: &V) -> Result<V, DecodeError> {
    let items = v.items().ok_or_else(|| DecodeError::here("an array", v))?;
    let mut out = Vec::with_capacity(items.len());
    for x in &items {
        match (decode(item, x), item) {
            (Ok(d), _) => out.push(d),
            (Err(_), Ty::Union(Union { unknown: Some(keep), .. })) => out.push(unknown(keep, x)),
            (Err(_), Ty::Obj(m)) => out.extend(lenient(m, x)),
            (Err(_), _) => {}
        }
    }
    Ok(V::array(out))
}
