//! Decoding answers: lenient where the contract allows (null, unknown
//! fields, unknown enum values and event kinds), strict on types.

use crate::model::Decode;
use crate::models::*;
use crate::Timestamp;
use serde_json::json;

#[test]
fn null_is_absent_and_unknown_fields_are_ignored() {
    let v = json!({"authentication_uuid": null, "status": "valid", "brand_new_field": {"x": 1}});
    let r = CreateCheckResponse::decode(&v).unwrap();
    assert_eq!(r.authentication_uuid, None);
    assert_eq!(r.status, Some(CheckStatus::Valid));
}

#[test]
fn unknown_enum_values_are_kept() {
    let v = json!({"status": "brand_new_status", "line_type": "Hologram"});
    assert_eq!(
        CreateCheckResponse::decode(&v).unwrap().status,
        Some(CheckStatus::Unrecognized("brand_new_status".into()))
    );
    let l = LookupResponse::decode(&v).unwrap();
    assert_eq!(l.line_type.as_ref().map(|t| t.as_str()), Some("Hologram"));
    assert_eq!(LookupResponse::decode(&json!({"line_type": "Other"})).unwrap().line_type, Some(LineType::OtherService));
    assert_eq!(LookupResponse::decode(&json!({"line_type": "VPN"})).unwrap().line_type, Some(LineType::Vpn));
}

#[test]
fn events_are_told_apart_by_type_and_unknown_kinds_are_kept() {
    let v = json!({
        "uuid": "5d137d2c-bff8-4d8b-a5a7-56912aefa916",
        "events": [
            {"type": "attempt", "id": "a1", "attempt_number": 1, "capability": "text", "status": "pending", "created_at": "2025-04-28T09:15:27.655Z"},
            {"type": "balance_update", "amount": -0.045, "balance_update_type": "attempt_success"},
            {"type": "carrier_lookup", "created_at": "2025-04-28T09:15:30Z", "foo": [1, 2]},
            {"created_at": "2025-04-28T09:15:31Z", "amount": 1.0},
            {"type": "check", "id": "c1", "code": "482913", "status": "valid"},
            {"type": "delivery_status", "attempt_id": "a1", "attempt_number": 1, "status": "in_transit", "originated_at": "2025-04-28T09:15:29+02:00"}
        ]
    });
    let r = AuthenticationStatusResponse::decode(&v).unwrap();
    let events = r.events.unwrap();
    assert_eq!(events.len(), 6);
    match &events[0] {
        AuthenticationEvent::Attempt(a) => {
            assert_eq!(a.attempt_number, Some(1));
            assert_eq!(a.capability, Some(Capability::Text));
            assert_eq!(a.created_at, Timestamp::parse("2025-04-28T09:15:27.655Z"));
        }
        e => panic!("not an attempt: {e:?}"),
    }
    match &events[1] {
        AuthenticationEvent::BalanceUpdate(b) => {
            assert_eq!(b.amount, Some(-0.045));
            assert_eq!(b.balance_update_type, Some(BalanceUpdateType::AttemptSuccess));
        }
        e => panic!("not a balance update: {e:?}"),
    }
    match &events[2] {
        AuthenticationEvent::Unknown(u) => {
            assert_eq!(u.raw_type.as_deref(), Some("carrier_lookup"));
            assert_eq!(u.created_at, Timestamp::parse("2025-04-28T09:15:30Z"));
            let raw: serde_json::Value = serde_json::from_str(&u.raw).unwrap();
            assert_eq!(raw["foo"], json!([1, 2]));
        }
        e => panic!("not kept as unknown: {e:?}"),
    }
    assert!(matches!(&events[3], AuthenticationEvent::Unknown(u) if u.raw_type.is_none()));
    assert!(matches!(&events[4], AuthenticationEvent::Check(c) if c.status == Some(CheckStatus::Valid)));
    match &events[5] {
        AuthenticationEvent::DeliveryStatus(d) => {
            assert_eq!(d.status, Some(DeliveryStatusValue::InTransit));
            assert_eq!(d.originated_at.unwrap().millis, Timestamp::parse("2025-04-28T07:15:29Z").unwrap().millis);
        }
        e => panic!("not a delivery status: {e:?}"),
    }
}

#[test]
fn wrong_types_are_errors_that_name_the_path() {
    let cases = [
        (json!({"status": 5}), "status", "a string", "number"),
        (json!({"remaining_retry": "2"}), "remaining_retry", "an integer", "string"),
        (json!({"remaining_retry": 2.5}), "remaining_retry", "an integer", "number"),
        (json!({"created_at": "yesterday"}), "created_at", "an RFC 3339 date-time", "string"),
        (json!({"created_at": 1714295727}), "created_at", "an RFC 3339 date-time", "number"),
        (json!({"authentication_uuid": {"a": 1}}), "authentication_uuid", "a string", "object"),
    ];
    for (v, path, expected, found) in cases {
        let e = RetryAuthenticationResponse::decode(&v).unwrap_err();
        assert_eq!((e.path.as_str(), e.expected, e.found), (path, expected, found), "{v}");
    }
    let e = RetryAuthenticationResponse::decode(&json!([1])).unwrap_err();
    assert_eq!((e.path.as_str(), e.expected, e.found), ("", "an object", "array"));
    let e = RetryAuthenticationResponse::decode(&json!("<html>")).unwrap_err();
    assert_eq!(e.found, "string");

    let status = json!({"events": [{"type": "check"}, {"type": "attempt", "attempt_number": "one"}]});
    let e = AuthenticationStatusResponse::decode(&status).unwrap_err();
    assert_eq!(e.path, "events[1].attempt_number");
    assert_eq!(e.describe(), "`events[1].attempt_number`: expected an integer, found string");
    let e = AuthenticationStatusResponse::decode(&json!({"signals": {"is_returning_user": "yes"}})).unwrap_err();
    assert_eq!(e.path, "signals.is_returning_user");
    let e = AuthenticationStatusResponse::decode(&json!({"events": {"type": "check"}})).unwrap_err();
    assert_eq!((e.path.as_str(), e.expected), ("events", "an array"));
    let e = AuthenticationStatusResponse::decode(&json!({"events": [3]})).unwrap_err();
    assert_eq!((e.path.as_str(), e.expected), ("events[0]", "an event object"));
}

#[test]
fn error_bodies_are_read_leniently() {
    let e = ErrorResponse::decode_lenient(&json!({"code": 7, "message": "Forbidden", "doc_url": ["x"]}));
    assert_eq!(e, ErrorResponse { code: None, message: Some("Forbidden".into()), doc_url: None });
    let e = ErrorResponse::decode_lenient(&json!({"code": "invalid_phone_number", "message": "+0 is not valid"}));
    assert_eq!(e.code, Some(ErrorCode::InvalidPhoneNumber));
    let e = ErrorResponse::decode_lenient(&json!({"code": "new_code"}));
    assert_eq!(e.code.map(|c| c.as_str().to_owned()).as_deref(), Some("new_code"));
    assert_eq!(ErrorResponse::decode_lenient(&json!("text")), ErrorResponse::default());
}

#[test]
fn numbers_keep_their_meaning() {
    let v = json!({"amount": -0.045});
    assert_eq!(BalanceUpdateEvent::decode(&v).unwrap().amount, Some(-0.045));
    let big = json!({"remaining_retry": 9_007_199_254_740_993u64});
    assert!(RetryAuthenticationResponse::decode(&big).is_err(), "beyond 2^53 an integer is not exact");
}
