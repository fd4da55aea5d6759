//! The v1 models against the v1 contract: every field and enum value is
//! covered, every request example reads, checks and round-trips to the same
//! wire JSON, what the SDK sends validates against the schema, and every
//! response example decodes without losing a field.

use super::support::*;
use crate::core::schema::{Enum, Model, Ty};
use crate::ding::models::*;
use serde_json::Value as J;

#[test]
fn vendored_contracts_match_the_shared_copies() {
    for file in ["ding-openapi.yaml", "prelude-openapi.yaml"] {
        let shared = format!("{}/../shared/{file}", env!("CARGO_MANIFEST_DIR"));
        let vendored = format!("{}/spec/{file}", env!("CARGO_MANIFEST_DIR"));
        match std::fs::read_to_string(&shared) {
            Ok(s) => assert_eq!(
                s,
                std::fs::read_to_string(&vendored).unwrap(),
                "spec/{file} is out of date: copy ../shared/{file}"
            ),
            Err(_) => eprintln!("no ../shared/{file} beside the checkout; using spec/ as is"),
        }
    }
}

#[test]
fn every_contract_field_is_modelled() {
    let spec = contract();
    let cases: [(&str, &Model); 12] = [
        ("CreateAuthenticationRequest", &CREATE_AUTHENTICATION_REQUEST),
        ("CreateAuthenticationResponse", &CREATE_AUTHENTICATION_RESPONSE),
        ("CreateCheckRequest", &CREATE_CHECK_REQUEST),
        ("CreateCheckResponse", &CREATE_CHECK_RESPONSE),
        ("RetryAuthenticationRequest", &RETRY_AUTHENTICATION_REQUEST),
        ("RetryAuthenticationResponse", &RETRY_AUTHENTICATION_RESPONSE),
        ("FeedbackRequest", &FEEDBACK_REQUEST),
        ("FeedbackResponse", &FEEDBACK_RESPONSE),
        ("Signals", &SIGNALS),
        ("AuthenticationStatusResponse", &AUTHENTICATION_STATUS_RESPONSE),
        ("LookupResponse", &LOOKUP_RESPONSE),
        ("ErrorResponse", &ERROR_RESPONSE),
    ];
    for (name, model) in cases {
        assert_eq!(wire_names(model), property_names(&spec, name), "fields of {name}");
    }
    for (name, model) in [
        ("AttemptEvent", &ATTEMPT_EVENT),
        ("DeliveryStatusEvent", &DELIVERY_STATUS_EVENT),
        ("CheckEvent", &CHECK_EVENT),
        ("BalanceUpdateEvent", &BALANCE_UPDATE_EVENT),
    ] {
        let mut want = property_names(&spec, name);
        want.retain(|k| k != "type");
        assert_eq!(wire_names(model), want, "fields of {name}");
        let tag = AUTHENTICATION_EVENT.variants.iter().find(|(_, m)| std::ptr::eq(*m, model)).unwrap().0;
        assert_eq!(schema(&spec, name)["properties"]["type"]["enum"][0], tag, "tag of {name}");
    }
}

#[test]
fn every_contract_enum_value_is_known() {
    let spec = contract();
    let cases: [(&str, &Enum); 13] = [
        ("DeviceType", &DEVICE_TYPE),
        ("SignalsDeviceType", &SIGNALS_DEVICE_TYPE),
        ("AuthenticationStatus", &AUTHENTICATION_STATUS),
        ("CheckStatus", &CHECK_STATUS),
        ("RetryStatus", &RETRY_STATUS),
        ("FeedbackStatus", &FEEDBACK_STATUS),
        ("AttemptStatus", &ATTEMPT_STATUS),
        ("Capability", &CAPABILITY),
        ("DeliveryStatusValue", &DELIVERY_STATUS_VALUE),
        ("BalanceUpdateType", &BALANCE_UPDATE_TYPE),
        ("LookupFeature", &LOOKUP_FEATURE),
        ("LineType", &LINE_TYPE),
        ("ErrorCode", &ERROR_CODE),
    ];
    for (name, e) in cases {
        let mut ours: Vec<String> = e.names().map(str::to_owned).collect();
        ours.sort();
        assert_eq!(ours, enum_values(&spec, name), "values of {name}");
    }
}

/// Reads a wire example as the caller's camelCase object, checks it, writes
/// it back, and asserts the result equals the example and fits the schema.
pub fn request_round_trip(spec: &J, name: &str, model: &'static Model) -> usize {
    let examples = examples_of(spec, name);
    assert!(!examples.is_empty(), "{name} has examples");
    for ex in &examples {
        let wire = send(model, &to_camel(ex)).unwrap_or_else(|e| panic!("{name} example {ex} is refused: {e:?}"));
        assert_eq!(&wire, ex, "{name} round trip");
        let p = problems(spec, name, &wire, true);
        assert!(p.is_empty(), "{name}: {p:?}");
    }
    examples.len()
}

#[test]
fn request_examples_read_check_and_round_trip() {
    let spec = contract();
    let n = request_round_trip(&spec, "CreateAuthenticationRequest", &CREATE_AUTHENTICATION_REQUEST)
        + request_round_trip(&spec, "CreateCheckRequest", &CREATE_CHECK_REQUEST)
        + request_round_trip(&spec, "RetryAuthenticationRequest", &RETRY_AUTHENTICATION_REQUEST)
        + request_round_trip(&spec, "FeedbackRequest", &FEEDBACK_REQUEST);
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
    let wire = send(&CREATE_AUTHENTICATION_REQUEST, &input).unwrap();
    assert_eq!(wire.as_object().unwrap().len(), CREATE_AUTHENTICATION_REQUEST.fields.len());
    assert_eq!(wire["correlation_id"], "signup \"7f3c2a\" ünïcødé");
    assert_eq!(wire["is_returning_user"], true);
    let p = problems(&spec, "CreateAuthenticationRequest", &wire, true);
    assert!(p.is_empty(), "{p:?}");
}

/// The wire names present in a decoded object (dates and nested objects count once).
fn present(model: &Model, got: &J) -> Vec<String> {
    let mut v: Vec<String> =
        model.fields.iter().filter(|f| got.get(f.js).is_some()).map(|f| f.wire.to_owned()).collect();
    if got.get("type").is_some() {
        v.push("type".into());
    }
    v.sort();
    v
}

/// Decodes every example of the schema `name` and checks no member is lost.
pub fn decode_examples(spec: &J, name: &str, model: &'static Model) -> usize {
    let examples = examples_of(spec, name);
    assert!(!examples.is_empty(), "{name} has examples");
    for ex in &examples {
        let p = problems(spec, name, ex, false);
        assert!(p.is_empty(), "the contract's own example fails its schema: {p:?}");
        let got = receive_obj(model, ex).unwrap_or_else(|e| panic!("{name} example does not decode: {e:?}"));
        let mut want: Vec<String> = ex.as_object().unwrap().keys().cloned().collect();
        want.sort();
        assert_eq!(present(model, &got), want, "{name}: a field was lost decoding {ex}");
    }
    examples.len()
}

#[test]
fn response_examples_decode_without_losing_fields() {
    let spec = contract();
    let n = decode_examples(&spec, "CreateAuthenticationResponse", &CREATE_AUTHENTICATION_RESPONSE)
        + decode_examples(&spec, "CreateCheckResponse", &CREATE_CHECK_RESPONSE)
        + decode_examples(&spec, "RetryAuthenticationResponse", &RETRY_AUTHENTICATION_RESPONSE)
        + decode_examples(&spec, "FeedbackResponse", &FEEDBACK_RESPONSE)
        + decode_examples(&spec, "AuthenticationStatusResponse", &AUTHENTICATION_STATUS_RESPONSE)
        + decode_examples(&spec, "Signals", &SIGNALS)
        + decode_examples(&spec, "LookupResponse", &LOOKUP_RESPONSE)
        + decode_examples(&spec, "ErrorResponse", &ERROR_RESPONSE);
    assert!(n >= 20, "only {n} response examples");
}

#[test]
fn event_examples_decode_to_their_variant() {
    let spec = contract();
    static EVENT: Ty = Ty::Union(&AUTHENTICATION_EVENT);
    let event: &'static Ty = &EVENT;
    for (tag, model) in AUTHENTICATION_EVENT.variants {
        let name = model.name;
        for ex in examples_of(&spec, name) {
            let got = receive(event, &ex).unwrap();
            assert_eq!(got["type"], *tag, "{name}");
            let mut want: Vec<String> = ex.as_object().unwrap().keys().cloned().collect();
            want.sort();
            assert_eq!(present(model, &got), want, "{name}");
        }
    }
}
