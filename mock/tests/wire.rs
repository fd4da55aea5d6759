//! The mock's validation against the wire contract on its own: the SDK has
//! separate checks, so a parser bug on either side shows up as a
//! disagreement. Every request example of the contract is accepted; the
//! contract's patterns, read by a regex engine, agree with the mock's
//! checks on a table of tricky inputs; and each broken example gets the
//! contract's error code.

#[macro_use]
mod common;

use axum::http::StatusCode;
use common::*;
use ding_mock::validate;
use serde_json::Value;

fn contract() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/ding-openapi.yaml");
    serde_yaml::from_str(&std::fs::read_to_string(path).expect("the contract")).expect("YAML")
}

fn schema<'a>(spec: &'a Value, name: &str) -> &'a Value {
    &spec["components"]["schemas"][name]
}

/// A schema with its `$ref` (if any) followed.
fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str().and_then(|r| r.strip_prefix("#/components/schemas/")) {
        Some(name) => resolve(spec, &spec["components"]["schemas"][name]),
        None => schema,
    }
}

/// The request examples of an operation's body, from the contract: the
/// operation's named examples, then those of its body schema.
fn examples(spec: &Value, path: &str) -> Vec<Value> {
    let media = &spec["paths"][path]["post"]["requestBody"]["content"]["application/json"];
    let named = media["examples"].as_object().into_iter().flat_map(|m| m.values().map(|e| e["value"].clone()));
    let schema = resolve(spec, &media["schema"])["examples"].as_array().cloned().unwrap_or_default();
    named.chain(schema).collect()
}

#[test]
fn the_e164_check_agrees_with_the_contracts_pattern() {
    let spec = contract();
    let phone = &schema(&spec, "CreateAuthenticationRequest")["properties"]["phone_number"];
    let pattern = resolve(&spec, phone)["pattern"].as_str().expect("phone_number has a pattern");
    let re = regex::Regex::new(pattern).unwrap();
    for s in [
        "+14155550123",
        "+12",
        "+1",
        "+123456789012345",
        "+1234567890123456",
        "+01234",
        "14155550123",
        "+1 415",
        "+1415555012a",
        "++1415",
        "+١٤١٥",
        "+14155550123\n",
        "",
        "+",
        "+99912345678",
        "+1-415",
    ] {
        assert_eq!(validate::is_e164(s), re.is_match(s), "{s:?}");
    }
}

#[test]
fn uuid_and_ip_checks_agree_with_their_formats() {
    let uuid =
        regex::Regex::new(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$").unwrap();
    for s in [
        "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84",
        "0B6F2A4E-5D1C-4E8A-9F3B-7C2D1E0A9B84",
        "0b6f2a4e5d1c4e8a9f3b7c2d1e0a9b84",
        "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b8",
        "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b8g",
        "{0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84}",
        "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84-",
        "",
    ] {
        assert_eq!(validate::is_uuid(s), uuid.is_match(s), "{s:?}");
    }
    let dotted =
        regex::Regex::new(r"^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$").unwrap();
    for s in
        ["203.0.113.42", "0.0.0.0", "255.255.255.255", "256.1.1.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "::1", " 1.2.3.4"]
    {
        assert_eq!(validate::is_ipv4(s), dotted.is_match(s), "{s:?}");
    }
}

#[test]
fn webhook_targets_are_loopback_http_only() {
    assert_eq!(validate::loopback_http("http://127.0.0.1:8080/hook"), Some(("127.0.0.1".into(), 8080, "/hook".into())));
    assert_eq!(validate::loopback_http("http://localhost/x?y=1"), Some(("localhost".into(), 80, "/x?y=1".into())));
    assert_eq!(validate::loopback_http("http://[::1]:9/"), Some(("::1".into(), 9, "/".into())));
    for remote in [
        "https://127.0.0.1/x",
        "http://example.com/x",
        "http://127.0.0.1.example/x",
        "http://user@127.0.0.1/x",
        "http://10.0.0.1/x",
        "http://localhost:99999/x",
    ] {
        assert_eq!(validate::loopback_http(remote), None, "{remote}");
    }
}

host_tests! {
    async fn every_request_example_of_the_contract_is_accepted() {
        let spec = contract();
        let mut n = 0;
        for path in ["/authentication", "/authentication/feedback", "/check", "/retry"] {
            for mut ex in examples(&spec, path) {
                // A mock of its own for each example: two feedback examples
                // may name the same number and status.
                let mock = Mock::new();
                // Examples name authentications the mock never made: give them one.
                if ex.get("authentication_uuid").is_some() {
                    ex["authentication_uuid"] = mock.create_uuid().await.into();
                }
                if path == "/authentication/feedback" {
                    mock.create(ex["phone_number"].as_str().unwrap()).await;
                }
                let reply = mock.post(&format!("/v1{path}"), &ex).await;
                assert_eq!(reply.status, StatusCode::OK, "{path} {ex}: {:?}", String::from_utf8_lossy(&reply.body));
                n += 1;
            }
        }
        assert!(n >= 6, "only {n} examples");
    }

    async fn broken_examples_get_the_contracts_codes() {
        let spec = contract();
        let mock = Mock::new();
        let base = examples(&spec, "/authentication").into_iter().next().expect("an example");
        for (member, value, code) in [
            ("phone_number", "+0123", "invalid_phone_number"),
            ("phone_number", "0612345678", "invalid_phone_number"),
            ("customer_uuid", "not-a-uuid", "account_invalid"),
            ("ip", "::ffff:203.0.113.42", "bad_request"),
            ("device_type", "ios", "bad_request"),
            ("locale", "fr_FR", "bad_request"),
            ("callback_url", "ftp://x", "bad_request"),
        ] {
            let mut ex = base.clone();
            ex[member] = value.into();
            let reply = mock.post("/v1/authentication", &ex).await;
            assert_eq!(reply.error_code(), code, "{member} = {value:?}");
        }
    }
}
