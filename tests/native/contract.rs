//! The models against the contract: every field and enum value is covered,
//! every request example reads, checks and round-trips to the same wire
//! JSON, what the SDK sends validates against the schema, and every response
//! example decodes without losing a field.

use super::support::{check, contract, examples_of, schema, to_camel};
use crate::model::Decode;
use crate::models::*;
use serde_json::Value as J;

#[test]
fn vendored_contract_matches_shared_copy() {
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/ding-openapi.yaml");
    let vendored = concat!(env!("CARGO_MANIFEST_DIR"), "/spec/ding-openapi.yaml");
    match std::fs::read_to_string(shared) {
        Ok(s) => assert_eq!(
            s,
            std::fs::read_to_string(vendored).unwrap(),
            "spec/ is out of date: copy ../shared/ding-openapi.yaml"
        ),
        Err(_) => eprintln!("no ../shared/ding-openapi.yaml beside the checkout; using spec/ as is"),
    }
}

fn property_names(spec: &J, name: &str) -> Vec<String> {
    let mut v: Vec<String> = schema(spec, name)["properties"].as_object().unwrap().keys().cloned().collect();
    v.sort();
    v
}

fn sorted(fields: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = fields.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

#[test]
fn every_contract_field_is_modelled() {
    let spec = contract();
    let events_minus_type = |n: &str| {
        let mut v = property_names(&spec, n);
        v.retain(|k| k != "type");
        v
    };
    let cases: Vec<(&str, Vec<String>)> = vec![
        ("CreateAuthenticationRequest", sorted(CreateAuthenticationRequest::WIRE_FIELDS)),
        ("CreateAuthenticationResponse", sorted(CreateAuthenticationResponse::WIRE_FIELDS)),
        ("CreateCheckRequest", sorted(CreateCheckRequest::WIRE_FIELDS)),
        ("CreateCheckResponse", sorted(CreateCheckResponse::WIRE_FIELDS)),
        ("RetryAuthenticationRequest", sorted(RetryAuthenticationRequest::WIRE_FIELDS)),
        ("RetryAuthenticationResponse", sorted(RetryAuthenticationResponse::WIRE_FIELDS)),
        ("FeedbackRequest", sorted(FeedbackRequest::WIRE_FIELDS)),
        ("FeedbackResponse", sorted(FeedbackResponse::WIRE_FIELDS)),
        ("Signals", sorted(Signals::WIRE_FIELDS)),
        ("AuthenticationStatusResponse", sorted(AuthenticationStatusResponse::WIRE_FIELDS)),
        ("LookupResponse", sorted(LookupResponse::WIRE_FIELDS)),
        ("ErrorResponse", sorted(ErrorResponse::WIRE_FIELDS)),
    ];
    for (name, ours) in cases {
        assert_eq!(ours, property_names(&spec, name), "fields of {name}");
    }
    for (name, ours) in [
        ("AttemptEvent", sorted(AttemptEvent::WIRE_FIELDS)),
        ("DeliveryStatusEvent", sorted(DeliveryStatusEvent::WIRE_FIELDS)),
        ("CheckEvent", sorted(CheckEvent::WIRE_FIELDS)),
        ("BalanceUpdateEvent", sorted(BalanceUpdateEvent::WIRE_FIELDS)),
    ] {
        assert_eq!(ours, events_minus_type(name), "fields of {name}");
    }
}

#[test]
fn every_contract_enum_value_is_known() {
    let spec = contract();
    let values = |n: &str| -> Vec<String> {
        schema(&spec, n)["enum"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect()
    };
    let cases: [(&str, &[&str]); 13] = [
        ("DeviceType", DeviceType::KNOWN),
        ("SignalsDeviceType", SignalsDeviceType::KNOWN),
        ("AuthenticationStatus", AuthenticationStatus::KNOWN),
        ("CheckStatus", CheckStatus::KNOWN),
        ("RetryStatus", RetryStatus::KNOWN),
        ("FeedbackStatus", FeedbackStatus::KNOWN),
        ("AttemptStatus", AttemptStatus::KNOWN),
        ("Capability", Capability::KNOWN),
        ("DeliveryStatusValue", DeliveryStatusValue::KNOWN),
        ("BalanceUpdateType", BalanceUpdateType::KNOWN),
        ("LookupFeature", LookupFeature::KNOWN),
        ("LineType", LineType::KNOWN),
        ("ErrorCode", ErrorCode::KNOWN),
    ];
    for (name, known) in cases {
        let mut a = values(name);
        let mut b: Vec<String> = known.iter().map(|s| s.to_string()).collect();
        a.sort();
        b.sort();
        assert_eq!(a, b, "values of {name}");
    }
}

/// Reads a wire example as the caller's camelCase object, checks it, writes
/// it back, and asserts the result equals the example and fits the schema.
fn request_round_trip<R: crate::model::RequestBody>(name: &str) -> usize {
    let spec = contract();
    let examples = examples_of(&spec, name);
    assert!(!examples.is_empty(), "{name} has examples");
    for ex in &examples {
        let input = to_camel(ex);
        let req = R::read(&input).unwrap_or_else(|e| panic!("{name} example {ex} is refused: {e:?}"));
        let wire: J = serde_json::from_str(&req.to_json()).expect("the SDK writes valid JSON");
        assert_eq!(&wire, ex, "{name} round trip");
        let mut problems = Vec::new();
        check(&spec, schema(&spec, name), &wire, name, true, &mut problems);
        assert!(problems.is_empty(), "{name}: {problems:?}");
    }
    examples.len()
}

#[test]
fn request_examples_read_check_and_round_trip() {
    let n = request_round_trip::<CreateAuthenticationRequest>("CreateAuthenticationRequest")
        + request_round_trip::<CreateCheckRequest>("CreateCheckRequest")
        + request_round_trip::<RetryAuthenticationRequest>("RetryAuthenticationRequest")
        + request_round_trip::<FeedbackRequest>("FeedbackRequest");
    assert!(n >= 8, "only {n} request examples");
}

#[test]
fn a_request_with_every_field_validates_against_the_schema() {
    let spec = contract();
    let input = serde_json::json!({
        "customerUuid": "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84",
        "phoneNumber": "+33612345678",
        "ip": "203.0.113.42",
        "deviceId": "8E7A1C52-3F0B-4D6E-9A21-5B4C3D2E1F00",
        "deviceType": "ANDROID",
        "deviceModel": "Pixel 8",
        "osVersion": "14",
        "appVersion": "3.2.1",
        "appRealm": "FA+9qCX9VSu",
        "isReturningUser": true,
        "callbackUrl": "https://hooks.example.com/ding?x=1",
        "templateId": "tpl_01hw3k9s2x",
        "senderId": "MyBrand",
        "correlationId": "signup \"7f3c2a\" ünïcødé",
        "locale": "fr-FR",
    });
    let req = CreateAuthenticationRequest::read(&input).unwrap();
    let wire: J = serde_json::from_str(&req.to_json()).unwrap();
    assert_eq!(wire.as_object().unwrap().len(), CreateAuthenticationRequest::WIRE_FIELDS.len());
    assert_eq!(wire["correlation_id"], "signup \"7f3c2a\" ünïcødé");
    assert_eq!(wire["is_returning_user"], true);
    let mut problems = Vec::new();
    check(&spec, schema(&spec, "CreateAuthenticationRequest"), &wire, "create", true, &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
}

fn decode_examples<T: Decode + std::fmt::Debug>(name: &str, present: fn(&T) -> Vec<&'static str>) -> usize {
    let spec = contract();
    let examples = examples_of(&spec, name);
    assert!(!examples.is_empty(), "{name} has examples");
    for ex in &examples {
        let mut problems = Vec::new();
        check(&spec, schema(&spec, name), ex, name, false, &mut problems);
        assert!(problems.is_empty(), "the contract's own example fails its schema: {problems:?}");
        let v = T::decode(ex).unwrap_or_else(|e| panic!("{name} example does not decode: {e:?}"));
        let mut got = present(&v);
        let mut want: Vec<&str> = ex.as_object().unwrap().keys().map(String::as_str).collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{name}: a field was lost decoding {ex}");
    }
    examples.len()
}

#[test]
fn response_examples_decode_without_losing_fields() {
    let n = decode_examples::<CreateAuthenticationResponse>("CreateAuthenticationResponse", |v| v.present_fields())
        + decode_examples::<CreateCheckResponse>("CreateCheckResponse", |v| v.present_fields())
        + decode_examples::<RetryAuthenticationResponse>("RetryAuthenticationResponse", |v| v.present_fields())
        + decode_examples::<FeedbackResponse>("FeedbackResponse", |v| v.present_fields())
        + decode_examples::<AuthenticationStatusResponse>("AuthenticationStatusResponse", |v| v.present_fields())
        + decode_examples::<Signals>("Signals", |v| v.present_fields())
        + decode_examples::<LookupResponse>("LookupResponse", |v| v.present_fields())
        + decode_examples::<ErrorResponse>("ErrorResponse", |v| v.present_fields());
    assert!(n >= 20, "only {n} response examples");
}

#[test]
fn event_examples_decode_to_their_variant() {
    let spec = contract();
    let cases = [
        ("AttemptEvent", "attempt"),
        ("DeliveryStatusEvent", "delivery_status"),
        ("CheckEvent", "check"),
        ("BalanceUpdateEvent", "balance_update"),
    ];
    for (name, tag) in cases {
        for ex in examples_of(&spec, name) {
            let e = AuthenticationEvent::decode(&ex).unwrap();
            let (got, mut fields) = match &e {
                AuthenticationEvent::Attempt(x) => ("attempt", x.present_fields()),
                AuthenticationEvent::DeliveryStatus(x) => ("delivery_status", x.present_fields()),
                AuthenticationEvent::Check(x) => ("check", x.present_fields()),
                AuthenticationEvent::BalanceUpdate(x) => ("balance_update", x.present_fields()),
                AuthenticationEvent::Unknown(_) => ("unknown", vec![]),
            };
            assert_eq!(got, tag);
            fields.push("type");
            fields.sort();
            let mut want: Vec<&str> = ex.as_object().unwrap().keys().map(String::as_str).collect();
            want.sort();
            assert_eq!(fields, want, "{name}");
        }
    }
}
