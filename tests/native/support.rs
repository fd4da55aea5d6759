//! Loading the contract and a small JSON Schema checker for the subset of
//! JSON Schema the contract uses.

use serde_json::Value as J;

/// The contract, as JSON.
pub fn contract() -> J {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/spec/ding-openapi.yaml"))
        .expect("spec/ding-openapi.yaml is readable");
    serde_yaml::from_str(&text).expect("the contract is valid YAML")
}

/// `#/components/schemas/NAME`.
pub fn schema<'a>(spec: &'a J, name: &str) -> &'a J {
    &spec["components"]["schemas"][name]
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

/// Checks `v` against `s`; `closed` refuses properties the schema does not
/// declare (used for what the SDK sends). Returns the problems found.
pub fn check(spec: &J, s: &J, v: &J, path: &str, closed: bool, problems: &mut Vec<String>) {
    let s = resolve(spec, s);
    if let Some(one_of) = s.get("oneOf").and_then(J::as_array) {
        let prop = s["discriminator"]["propertyName"].as_str().unwrap();
        let tag = v.get(prop).and_then(J::as_str).unwrap_or("");
        let target = s["discriminator"]["mapping"].get(tag).and_then(J::as_str);
        match target {
            Some(t) => {
                let r = serde_json::json!({ "$ref": t });
                check(spec, &r, v, path, closed, problems);
            }
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
    if let Some(min) = s.get("minimum").and_then(J::as_f64) {
        if v.as_f64().is_some_and(|n| n < min) {
            problems.push(format!("{path}: {v} below minimum {min}"));
        }
    }
    if let Some(text) = v.as_str() {
        if let Some(p) = s.get("pattern").and_then(J::as_str) {
            assert_eq!(p, r"^\+[1-9][0-9]{1,14}$", "the checker knows only the E.164 pattern");
            if !crate::validate::is_e164(text) {
                problems.push(format!("{path}: {text:?} does not match {p}"));
            }
        }
        let ok = match s.get("format").and_then(J::as_str) {
            Some("uuid") => crate::validate::is_uuid(text),
            Some("ipv4") => crate::validate::is_ipv4(text),
            Some("uri") => crate::validate::is_http_url(text),
            Some("date-time") => crate::Timestamp::parse(text).is_some(),
            _ => true,
        };
        if !ok {
            problems.push(format!("{path}: {text:?} is not a valid {}", s["format"]));
        }
    }
    if let (Some(obj), true) = (v.as_object(), ty == "object") {
        let props = s.get("properties").and_then(J::as_object);
        for req in s.get("required").and_then(J::as_array).into_iter().flatten() {
            if !obj.contains_key(req.as_str().unwrap()) {
                problems.push(format!("{path}: missing required {req}"));
            }
        }
        for (k, x) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(ps) => check(spec, ps, x, &format!("{path}.{k}"), closed, problems),
                None if closed => problems.push(format!("{path}: undeclared property {k}")),
                None => {}
            }
        }
    }
    if let (Some(items), Some(is)) = (v.as_array(), s.get("items")) {
        for (i, x) in items.iter().enumerate() {
            check(spec, is, x, &format!("{path}[{i}]"), closed, problems);
        }
    }
}

/// Every example of a schema: `examples` of the schema and of each response
/// or request body that refers to it.
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

/// The snake_case wire keys of a camelCase JS object, recursively.
pub fn to_camel(v: &J) -> J {
    match v {
        J::Object(m) => J::Object(m.iter().map(|(k, v)| (camel(k), to_camel(v))).collect()),
        J::Array(a) => J::Array(a.iter().map(to_camel).collect()),
        other => other.clone(),
    }
}

fn camel(k: &str) -> String {
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
