//! Loading the contracts, a JSON Schema checker for the subset of JSON
//! Schema they use, and helpers to run the SDK's reader and decoder on JSON.
//!
//! The checker's formats and patterns use parsers of their own (`regex`,
//! `url`, the standard library's IP parsers), never the SDK's predicates,
//! so a bug in those cannot hide here.

use crate::core::decode::{decode, DecodeError};
use crate::core::read::{self, FieldError};
use crate::core::schema::{Model, Ty};
use serde_json::Value as J;

/// A contract of `spec/`, as JSON.
pub fn load(file: &str) -> J {
    let path = format!("{}/spec/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_yaml::from_str(&text).expect("the contract is valid YAML")
}

/// The v1 contract.
pub fn contract() -> J {
    load("ding-openapi.yaml")
}

/// `#/components/schemas/NAME`.
pub fn schema<'a>(spec: &'a J, name: &str) -> &'a J {
    let s = &spec["components"]["schemas"][name];
    assert!(!s.is_null(), "no schema {name}");
    s
}

fn resolve<'a>(spec: &'a J, s: &'a J) -> &'a J {
    match s.get("$ref").and_then(J::as_str) {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap();
            resolve(spec, schema(spec, name))
        }
        None => s,
    }
}

fn format_ok(format: &str, text: &str) -> bool {
    let re = |p: &str| regex::Regex::new(p).unwrap().is_match(text);
    match format {
        "uuid" => re(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"),
        "ipv4" => text.parse::<std::net::Ipv4Addr>().is_ok(),
        "ipv6" => text.parse::<std::net::Ipv6Addr>().is_ok(),
        "uri" => url::Url::parse(text).is_ok(),
        "email" => re(r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
        "date-time" => re(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"),
        _ => true,
    }
}

/// Checks `v` against `s`; `closed` refuses properties the schema does not
/// declare (used for what the SDK sends). Adds the problems found.
pub fn check(spec: &J, s: &J, v: &J, path: &str, closed: bool, problems: &mut Vec<String>) {
    let s = resolve(spec, s);
    if let Some(all) = s.get("allOf").and_then(J::as_array) {
        for part in all {
            check(spec, part, v, path, closed, problems);
        }
    }
    if let Some(any) = s.get("anyOf").and_then(J::as_array) {
        let fits = any.iter().any(|part| {
            let mut p = Vec::new();
            check(spec, part, v, path, closed, &mut p);
            p.is_empty()
        });
        if !fits {
            problems.push(format!("{path}: {v} fits no anyOf member"));
        }
    }
    if let Some(one_of) = s.get("oneOf").and_then(J::as_array) {
        let prop = s["discriminator"]["propertyName"].as_str().unwrap();
        let tag = v.get(prop).and_then(J::as_str).unwrap_or("");
        match s["discriminator"]["mapping"].get(tag).and_then(J::as_str) {
            Some(t) => check(spec, &serde_json::json!({ "$ref": t }), v, path, closed, problems),
            None => problems.push(format!("{path}: no oneOf member for {prop}={tag:?} (of {})", one_of.len())),
        }
        return;
    }
    let ty = s.get("type").and_then(J::as_str).unwrap_or("any");
    let ok_type = match ty {
        "object" => v.is_object(),
        "string" => v.is_string(),
        "integer" => v.as_f64().is_some_and(|n| n.fract() == 0.0),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "array" => v.is_array(),
        _ => true,
    };
    if !ok_type {
        problems.push(format!("{path}: expected {ty}, got {v}"));
        return;
    }
    if let Some(e) = s.get("enum").and_then(J::as_array) {
        if !e.contains(v) {
            problems.push(format!("{path}: {v} not in enum {e:?}"));
        }
    }
    if let Some(n) = v.as_f64() {
        if s.get("minimum").and_then(J::as_f64).is_some_and(|min| n < min) {
            problems.push(format!("{path}: {v} below the minimum"));
        }
        if s.get("maximum").and_then(J::as_f64).is_some_and(|max| n > max) {
            problems.push(format!("{path}: {v} above the maximum"));
        }
    }
    if let Some(text) = v.as_str() {
        let chars = text.chars().count() as u64;
        if s.get("minLength").and_then(J::as_u64).is_some_and(|m| chars < m) {
            problems.push(format!("{path}: {text:?} is shorter than minLength"));
        }
        if s.get("maxLength").and_then(J::as_u64).is_some_and(|m| chars > m) {
            problems.push(format!("{path}: {text:?} is longer than maxLength"));
        }
        if let Some(p) = s.get("pattern").and_then(J::as_str) {
            if !regex::Regex::new(p).unwrap().is_match(text) {
                problems.push(format!("{path}: {text:?} does not match {p}"));
            }
        }
        if let Some(f) = s.get("format").and_then(J::as_str) {
            if !format_ok(f, text) {
                problems.push(format!("{path}: {text:?} is not a valid {f}"));
            }
        }
    }
    if let (Some(obj), true) = (v.as_object(), ty == "object") {
        let props = s.get("properties").and_then(J::as_object);
        for req in s.get("required").and_then(J::as_array).into_iter().flatten() {
            if !obj.contains_key(req.as_str().unwrap()) {
                problems.push(format!("{path}: missing required {req}"));
            }
        }
        let extra = s.get("additionalProperties");
        for (k, x) in obj {
            match (props.and_then(|p| p.get(k)), extra) {
                (Some(ps), _) => check(spec, ps, x, &format!("{path}.{k}"), closed, problems),
                (None, Some(es)) if es.is_object() => check(spec, es, x, &format!("{path}.{k}"), closed, problems),
                (None, _) if closed => problems.push(format!("{path}: undeclared property {k}")),
                (None, _) => {}
            }
        }
    }
    if let Some(items) = v.as_array() {
        if s.get("maxItems").and_then(J::as_u64).is_some_and(|m| items.len() as u64 > m) {
            problems.push(format!("{path}: more than maxItems items"));
        }
        if let Some(is) = s.get("items") {
            for (i, x) in items.iter().enumerate() {
                check(spec, is, x, &format!("{path}[{i}]"), closed, problems);
            }
        }
    }
}

/// The problems of `v` against the schema `name`.
pub fn problems(spec: &J, name: &str, v: &J, closed: bool) -> Vec<String> {
    let mut p = Vec::new();
    check(spec, schema(spec, name), v, name, closed, &mut p);
    p
}

/// Every example of a schema: `examples` of the schema and of each request
/// body, response or webhook that refers to it.
pub fn examples_of(spec: &J, schema_name: &str) -> Vec<J> {
    let target = format!("#/components/schemas/{schema_name}");
    let mut out: Vec<J> = schema(spec, schema_name).get("examples").and_then(J::as_array).cloned().unwrap_or_default();
    collect_media_examples(spec, &target, &mut out);
    out
}

fn collect_media_examples(node: &J, target: &str, out: &mut Vec<J>) {
    match node {
        J::Object(m) => {
            if m.get("schema").and_then(|s| s.get("$ref")).and_then(J::as_str) == Some(target) {
                if let Some(ex) = m.get("examples").and_then(J::as_object) {
                    out.extend(ex.values().map(|e| e["value"].clone()));
                }
            }
            for v in m.values() {
                collect_media_examples(v, target, out);
            }
        }
        J::Array(a) => a.iter().for_each(|v| collect_media_examples(v, target, out)),
        _ => {}
    }
}

/// The declared property names of a schema, sorted.
pub fn property_names(spec: &J, name: &str) -> Vec<String> {
    let s = schema(spec, name);
    let mut v: Vec<String> = s["properties"].as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
    for part in s.get("allOf").and_then(J::as_array).into_iter().flatten() {
        let part = resolve(spec, part);
        v.extend(part["properties"].as_object().into_iter().flat_map(|o| o.keys().cloned()));
    }
    v.sort();
    v.dedup();
    v
}

/// The values of an enum schema (the string member of an `anyOf`, for open ones).
pub fn enum_values(spec: &J, name: &str) -> Vec<String> {
    let s = schema(spec, name);
    let e = s
        .get("enum")
        .or_else(|| s.get("anyOf").and_then(J::as_array).and_then(|a| a.iter().find_map(|p| p.get("enum"))));
    let mut v: Vec<String> = e
        .and_then(J::as_array)
        .unwrap_or_else(|| panic!("{name} has no enum"))
        .iter()
        .map(|x| x.as_str().unwrap().to_owned())
        .collect();
    v.sort();
    v
}

/// The wire names of a model, sorted.
pub fn wire_names(m: &Model) -> Vec<String> {
    let mut v: Vec<String> = m.fields.iter().map(|f| f.wire.to_owned()).collect();
    v.sort();
    v
}

/// The camelCase JS object a caller would pass for a snake_case wire object, recursively.
pub fn to_camel(v: &J) -> J {
    match v {
        J::Object(m) => J::Object(m.iter().map(|(k, v)| (camel(k), to_camel(v))).collect()),
        J::Array(a) => J::Array(a.iter().map(to_camel).collect()),
        other => other.clone(),
    }
}

/// `phone_number` → `phoneNumber`.
pub fn camel(k: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in k.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.push(c.to_ascii_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// What the SDK sends for the caller's object `input`, parsed back.
pub fn send(model: &'static Model, input: &J) -> Result<J, FieldError> {
    let text = read::body(model, input)?;
    Ok(serde_json::from_str(&text).unwrap_or_else(|e| panic!("the SDK wrote invalid JSON {text}: {e}")))
}

/// What the caller receives for the answer `v` (dates as `{"$date": ms}`).
pub fn receive(ty: &'static Ty, v: &J) -> Result<J, DecodeError> {
    decode(ty, v)
}

/// What the caller receives for an answer that is an object of `model`.
pub fn receive_obj(model: &'static Model, v: &J) -> Result<J, DecodeError> {
    // A Ty made for the call: decode takes a type, and a model is an object type.
    let ty: &'static Ty = Box::leak(Box::new(Ty::Obj(model)));
    decode(ty, v)
}
