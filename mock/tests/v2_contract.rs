//! The v2 mock against `spec/prelude-openapi.yaml`, read with a small
//! schema checker of this file's own (`$ref`, `allOf`, `oneOf`/`anyOf` with
//! discriminators, `type`, `enum`, `required`, `properties`, `items`,
//! `pattern`, lengths and bounds): every request example is accepted, and
//! every answer, error and webhook event matches its schema, `required`
//! members included. Runs against every host.

#[macro_use]
mod common;

use axum::http::{Method, StatusCode};
use common::{next_received, phone_target, receiver, Mock, CODE};
use ding_mock::{magic, Config};
use serde_json::{json, Value};

fn contract() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/prelude-openapi.yaml");
    serde_yaml::from_str(&std::fs::read_to_string(path).expect("the contract")).expect("YAML")
}

/// Follows a `$ref`.
fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str().and_then(|r| r.strip_prefix("#/components/schemas/")) {
        Some(name) => resolve(spec, &spec["components"]["schemas"][name]),
        None => schema,
    }
}

/// Every way `value` breaks `schema`, each with its path.
fn problems(spec: &Value, schema: &Value, value: &Value, at: &str) -> Vec<String> {
    let schema = resolve(spec, schema);
    let mut out = Vec::new();
    for part in schema["allOf"].as_array().into_iter().flatten() {
        out.extend(problems(spec, part, value, at));
    }
    let choices = schema["oneOf"].as_array().or(schema["anyOf"].as_array());
    if let Some(choices) = choices {
        let tag = schema["discriminator"]["propertyName"].as_str();
        let mapped = tag.and_then(|t| value[t].as_str()).and_then(|v| schema["discriminator"]["mapping"][v].as_str());
        match mapped {
            Some(reference) => out.extend(problems(spec, &json!({ "$ref": reference }), value, at)),
            None if tag.is_some() => out.push(format!("{at}: no discriminator match in {value}")),
            None => {
                if !choices.iter().any(|c| problems(spec, c, value, at).is_empty()) {
                    out.push(format!("{at}: matches none of the choices: {value}"));
                }
            }
        }
    }
    if let Some(kind) = schema["type"].as_str() {
        let ok = match kind {
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "array" => value.is_array(),
            "object" => value.is_object(),
            "null" => value.is_null(),
            _ => true,
        };
        if !ok {
            out.push(format!("{at}: {value} is not of type {kind}"));
            return out;
        }
    }
    if let Some(allowed) = schema["enum"].as_array() {
        if !allowed.contains(value) {
            out.push(format!("{at}: {value} is not one of {allowed:?}"));
        }
    }
    if let Some(text) = value.as_str() {
        if let Some(pattern) = schema["pattern"].as_str() {
            if !regex::Regex::new(pattern).unwrap().is_match(text) {
                out.push(format!("{at}: {text:?} does not match {pattern}"));
            }
        }
        let len = text.chars().count() as u64;
        if schema["minLength"].as_u64().is_some_and(|m| len < m)
            || schema["maxLength"].as_u64().is_some_and(|m| len > m)
        {
            out.push(format!("{at}: {text:?} has a bad length"));
        }
        if schema["format"] == "date-time" && !is_date_time(text) {
            out.push(format!("{at}: {text:?} is not an RFC 3339 date-time"));
        }
    }
    if let Some(n) = value.as_f64() {
        if schema["minimum"].as_f64().is_some_and(|m| n < m) || schema["maximum"].as_f64().is_some_and(|m| n > m) {
            out.push(format!("{at}: {n} is out of bounds"));
        }
    }
    if let Some(object) = value.as_object() {
        for name in schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            if !object.contains_key(name) {
                out.push(format!("{at}: the required member {name} is missing"));
            }
        }
        for (name, member) in schema["properties"].as_object().into_iter().flatten() {
            if let Some(v) = object.get(name) {
                assert!(!v.is_null(), "{at}.{name}: the mock sends no nulls");
                out.extend(problems(spec, member, v, &format!("{at}.{name}")));
            }
        }
    }
    if let Some(items) = value.as_array() {
        if schema["maxItems"].as_u64().is_some_and(|m| items.len() as u64 > m) {
            out.push(format!("{at}: too many items"));
        }
        for (i, item) in items.iter().enumerate() {
            out.extend(problems(spec, &schema["items"], item, &format!("{at}[{i}]")));
        }
    }
    out
}

fn is_date_time(text: &str) -> bool {
    regex::Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$").unwrap().is_match(text)
}

/// Asserts that `value` matches `schema`.
fn assert_matches(spec: &Value, schema: &Value, value: &Value, what: &str) {
    let found = problems(spec, schema, value, "$");
    assert!(found.is_empty(), "{what}: {found:#?}\n{value}");
}

/// The schema of an operation's 200 answer.
fn answer_schema<'a>(spec: &'a Value, path: &str, method: &str) -> &'a Value {
    let schema = &spec["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"];
    assert!(schema.is_object(), "{method} {path} has a 200 schema");
    schema
}

/// The request examples of an operation: its named ones, then those of its
/// body schema (`schema#0`, ...).
fn request_examples(spec: &Value, path: &str, method: &str) -> Vec<(String, Value)> {
    let media = &spec["paths"][path][method]["requestBody"]["content"]["application/json"];
    let named = media["examples"].as_object().into_iter().flatten().map(|(name, e)| (name.clone(), e["value"].clone()));
    let schema = resolve(spec, &media["schema"])["examples"].as_array().cloned().unwrap_or_default();
    named.chain(schema.into_iter().enumerate().map(|(i, e)| (format!("schema#{i}"), e))).collect()
}

/// Every operation of the contract as `(path, method)`.
fn operations(spec: &Value) -> Vec<(String, String)> {
    let mut ops = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in ["get", "post", "delete"] {
            if item.get(method).is_some() {
                ops.push((path.clone(), method.to_owned()));
            }
        }
    }
    ops
}

/// Sends `body` (or none) and checks a 200 answer against the operation's
/// schema; answers the JSON.
async fn call_checked(
    mock: &Mock,
    spec: &Value,
    template: &str,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> Value {
    let verb = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
    let reply = mock.v2(verb, path, body, &[]).await;
    assert_eq!(reply.status, StatusCode::OK, "{method} {path} {body:?}: {}", String::from_utf8_lossy(&reply.body));
    let json = reply.json();
    assert_matches(spec, answer_schema(spec, template, method), &json, &format!("{method} {path}"));
    json
}

/// A mock whose key is the one the other tests use (made once).
fn new_mock() -> Mock {
    Mock::with(Config { code: Some(CODE.to_owned()), seed: Some(10), ..Config::default() })
}

host_tests! {
    async fn every_request_example_of_the_contract_is_accepted() {
        let spec = contract();
        let mut seen = std::collections::BTreeSet::new();
        for (template, method) in operations(&spec) {
            for (name, example) in request_examples(&spec, &template, &method) {
                let mock = new_mock();
                let path = template.replace("{action}", "block");
                if template == "/v2/verification/check" {
                    // Give the example's target an open window with its code.
                    let mut create = json!({"target": example["target"], "options": {"custom_code": example["code"]}});
                    if let Some(psd2) = example.get("psd2") {
                        create["options"]["template_id"] = json!("prelude:psd2");
                        create["options"]["variables"] = psd2.clone();
                    }
                    mock.verify(&create).await;
                }
                let answer = call_checked(&mock, &spec, &template, &method, &path, Some(&example)).await;
                if template == "/v2/verification/check" {
                    assert_eq!(answer["status"], "success", "{name}");
                }
                if template == "/v2/verification" {
                    assert_eq!(answer["status"], "success", "{name}");
                }
                seen.insert(format!("{method} {template} {name}"));
            }
        }
        // The lookup's parameter example, with its `type` example.
        let lookup = &spec["paths"]["/v2/lookup/{phone_number}"]["get"]["parameters"];
        let number = lookup[0]["example"].as_str().unwrap();
        let types: Vec<&str> = lookup[1]["example"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        let path = format!("/v2/lookup/{number}?type={}", types.join(","));
        let answer = call_checked(&new_mock(), &spec, "/v2/lookup/{phone_number}", "get", &path, None).await;
        assert!(answer["caller_name"].is_string());
        assert!(seen.len() >= 19, "only {} examples: {seen:?}", seen.len());
        for op in ["post /v2/verification customCode", "post /v2/watch/event events", "delete /v2/verification/management/phone-numbers/{action} remove"] {
            assert!(seen.contains(op), "{op} in {seen:?}");
        }
    }

    async fn every_answer_matches_its_schema() {
        let spec = contract();
        let mock = new_mock();
        let create = "/v2/verification";
        let check = "/v2/verification/check";
        let mut statuses = std::collections::BTreeSet::new();
        let phone = "+33612345678";
        for body in [
            json!({"target": phone_target(phone), "metadata": {"correlation_id": "c-1"}, "options": {"preferred_channel": "whatsapp"}}),
            json!({"target": phone_target(phone)}),
            json!({"target": phone_target("+14155550666")}),
            json!({"target": phone_target("+14155550667")}),
            json!({"target": phone_target("+14155550124"), "options": {"force_challenge": true}}),
            json!({"target": phone_target("+14155550125"), "dispatch_id": magic::INVALID_SIGNATURE_DISPATCH}),
            json!({"target": phone_target("+14155550126"), "options": {"method": "voice"}}),
            json!({"target": {"type": "email_address", "value": "jane.doe@example.com"}}),
            json!({"target": phone_target("+14155550127"), "options": {"template_id": "prelude:psd2", "variables": {"amount": "1", "currency": "EUR", "recipient": "R"}}}),
        ] {
            let answer = call_checked(&mock, &spec, create, "post", create, Some(&body)).await;
            statuses.insert(answer["status"].as_str().unwrap().to_owned());
        }
        assert_eq!(statuses.len(), 5, "every create status was checked: {statuses:?}");

        let mut outcomes = std::collections::BTreeSet::new();
        for body in [
            json!({"target": phone_target(phone), "code": "000000"}),
            json!({"target": phone_target(phone), "code": CODE}),
            json!({"target": phone_target(phone), "code": CODE}),
            json!({"target": phone_target("+14155550127"), "code": CODE}),
            json!({"target": phone_target("+14155550127"), "code": CODE, "psd2": {"amount": "2", "currency": "EUR", "recipient": "R"}}),
        ] {
            let answer = call_checked(&mock, &spec, check, "post", check, Some(&body)).await;
            outcomes.insert(answer["status"].as_str().unwrap().to_owned());
        }
        assert_eq!(outcomes.len(), 5, "every check status was checked: {outcomes:?}");

        for number in ["+14155550123", "%2B14155550669?type=cnam", "+14155550668", "+18005550123", "+2250700000000"] {
            call_checked(&mock, &spec, "/v2/lookup/{phone_number}", "get", &format!("/v2/lookup/{number}"), None).await;
        }
        for phone in ["+14155550123", "+14155550666", "+14155550668"] {
            let body = json!({"target": phone_target(phone)});
            call_checked(&mock, &spec, "/v2/watch/predict", "post", "/v2/watch/predict", Some(&body)).await;
        }
        let feedback = json!({"feedbacks": [{"target": phone_target(phone), "type": "verification.completed"}]});
        call_checked(&mock, &spec, "/v2/watch/feedback", "post", "/v2/watch/feedback", Some(&feedback)).await;
        let event = json!({"events": [{"target": phone_target(phone), "label": "x", "confidence": "high"}]});
        call_checked(&mock, &spec, "/v2/watch/event", "post", "/v2/watch/event", Some(&event)).await;
        let numbers = "/v2/verification/management/phone-numbers/{action}";
        for action in ["allow", "block"] {
            let path = numbers.replace("{action}", action);
            let body = json!({"phone_number": "+447700900123"});
            call_checked(&mock, &spec, numbers, "post", &path, Some(&body)).await;
            let list = call_checked(&mock, &spec, numbers, "get", &path, None).await;
            assert_eq!(list["phone_numbers"].as_array().map(Vec::len), Some(1));
            call_checked(&mock, &spec, numbers, "delete", &path, Some(&body)).await;
        }
        let senders = "/v2/verification/management/sender-id";
        for name in ["MyBrandOTP", "FREE-CASH"] {
            call_checked(&mock, &spec, senders, "post", senders, Some(&json!({"sender_id": name}))).await;
        }
        call_checked(&mock, &spec, senders, "get", senders, None).await;

        // Errors: 400s and 401s are ErrorResponse bodies.
        let error_schema = json!({"$ref": "#/components/schemas/ErrorResponse"});
        for (path, body, headers) in [
            (create, json!({}), vec![]),
            (create, json!({"target": phone_target("+0")}), vec![]),
            (create, json!({"target": phone_target(phone), "options": {"code_size": 5, "custom_code": "1234"}}), vec![]),
            (check, json!({"target": phone_target(phone)}), vec![]),
            ("/v2/watch/event", json!({"events": [{}]}), vec![]),
        ] {
            let reply = mock.v2(Method::POST, path, Some(&body), &headers).await;
            assert_eq!(reply.status, StatusCode::BAD_REQUEST);
            assert_matches(&spec, &error_schema, &reply.json(), path);
        }
        let reply = mock.call(Method::POST, create, &[], "{}").await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert_matches(&spec, &error_schema, &reply.json(), "401");
    }

    async fn webhook_events_match_the_contract() {
        let spec = contract();
        let mock = new_mock();
        let body = json!({"target": phone_target("+33612345678"), "metadata": {"correlation_id": "c"}, "options": {"callback_url": "https://hooks.example.com/prelude/verify"}});
        mock.verify(&body).await;
        mock.verify(&body).await;
        let log = mock.mock2("webhooks").await;
        let entries = log["deliveries"].as_array().unwrap();
        assert_eq!(entries.len(), 5);
        let schema = json!({"$ref": "#/components/schemas/VerifyWebhookEvent"});
        for entry in entries {
            assert_matches(&spec, &schema, &entry["event"], "webhook event");
        }
        // The signature header's pattern, on the deliveries the core hands
        // over (core host) or on those a loopback listener receives (the
        // hosts that send them).
        let signed = new_mock();
        let pattern = spec["webhooks"]["verifyEvent"]["post"]["parameters"][0]["schema"]["pattern"].as_str().unwrap();
        let re = regex::Regex::new(pattern).unwrap();
        let sent: Vec<(Vec<u8>, String)> = if signed.host().delivers_webhooks() {
            let (port, rx) = receiver(3, 200);
            let url = format!("http://127.0.0.1:{port}/x");
            let body = json!({"target": phone_target("+33612345678"), "options": {"callback_url": url}});
            signed.verify(&body).await;
            let mut sent = Vec::new();
            for _ in 0..3 {
                let got = next_received(&rx).await;
                sent.push((got.body.clone(), got.header("x-webhook-signature").to_owned()));
            }
            sent
        } else {
            let body = json!({"target": phone_target("+33612345678"), "options": {"callback_url": "http://127.0.0.1:9/x"}});
            signed.verify(&body).await;
            let signature = |d: &ding_mock::Delivery| d.headers.iter().find(|(n, _)| n == "x-webhook-signature").unwrap().1.clone();
            signed.deliveries().iter().map(|d| (d.body.clone(), signature(d))).collect()
        };
        assert_eq!(sent.len(), 3, "three events for a new window");
        for (body, signature) in sent {
            let event: Value = serde_json::from_slice(&body).unwrap();
            assert_matches(&spec, &schema, &event, "delivered event");
            assert!(re.is_match(&signature), "{signature}");
        }
    }
}

#[test]
fn the_checker_catches_problems() {
    let spec = contract();
    let schema = json!({"$ref": "#/components/schemas/VerificationCreateResponse"});
    assert!(problems(&spec, &schema, &json!({"id": "vrf_x", "status": "success", "method": "message"}), "$").is_empty());
    let missing = problems(&spec, &schema, &json!({"id": "vrf_x", "status": "success"}), "$");
    assert_eq!(missing, ["$: the required member method is missing"]);
    let wrong = problems(
        &spec,
        &schema,
        &json!({"id": "vrf_x", "status": "great", "method": "message", "channels": ["fax"]}),
        "$",
    );
    assert_eq!(wrong.len(), 2, "{wrong:?}");
    let event = json!({"$ref": "#/components/schemas/VerifyWebhookEvent"});
    let bad =
        json!({"id": "evt_1", "type": "verify.delivery_status", "created_at": "2026-01-01T00:00:00Z", "payload": {}});
    assert_eq!(problems(&spec, &event, &bad, "$"), ["$.payload: the required member status is missing"]);
    let unknown = json!({"id": "evt_1", "type": "verify.nothing", "created_at": "x", "payload": {}});
    assert!(!problems(&spec, &event, &unknown, "$").is_empty());
}
