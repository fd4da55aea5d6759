//! Reading and checking the caller's input: every bad value is refused
//! with the field's JS name and a readable reason, before anything is sent.

use super::support::send;
use crate::core::read::FieldError;
use crate::ding::models::*;
use serde_json::{json, Value as J};

const CUSTOMER: &str = "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84";
const AUTH: &str = "5d137d2c-bff8-4d8b-a5a7-56912aefa916";

fn create(extra: J) -> Result<J, FieldError> {
    let mut v = json!({"customerUuid": CUSTOMER, "phoneNumber": "+14155550123"});
    for (k, x) in extra.as_object().unwrap() {
        if x.is_null() && k.starts_with('-') {
            v.as_object_mut().unwrap().remove(&k[1..]);
        } else {
            v[k] = x.clone();
        }
    }
    send(&CREATE_AUTHENTICATION_REQUEST, &v)
}

fn refused(extra: J) -> FieldError {
    create(extra.clone()).expect_err(&format!("{extra} should be refused"))
}

#[test]
fn minimal_request_leaves_optional_fields_out() {
    let text = crate::core::read::body(
        &CREATE_AUTHENTICATION_REQUEST,
        &json!({"customerUuid": CUSTOMER, "phoneNumber": "+14155550123"}),
    )
    .unwrap();
    assert_eq!(text, format!(r#"{{"customer_uuid":"{CUSTOMER}","phone_number":"+14155550123"}}"#));
    let r = create(json!({"locale": null, "ip": null})).unwrap();
    assert_eq!(r, json!({"customer_uuid": CUSTOMER, "phone_number": "+14155550123"}), "null is absent");
}

#[test]
fn missing_fields_are_named() {
    let e = refused(json!({"-phoneNumber": null}));
    assert_eq!((e.field.as_str(), e.problem.as_str()), ("phoneNumber", "is required"));
    let e = refused(json!({"-customerUuid": null}));
    assert_eq!(e.field, "customerUuid");
    let e = send(&CREATE_CHECK_REQUEST, &json!({"customerUuid": CUSTOMER, "authenticationUuid": AUTH})).unwrap_err();
    assert_eq!((e.field.as_str(), e.problem.as_str()), ("checkCode", "is required"));
    let e = send(&FEEDBACK_REQUEST, &json!({"customerUuid": CUSTOMER, "phoneNumber": "+14155550123"})).unwrap_err();
    assert_eq!(e.field, "status");
    let e = send(&RETRY_AUTHENTICATION_REQUEST, &json!({"customer_uuid": CUSTOMER, "authentication_uuid": AUTH}))
        .unwrap_err();
    assert_eq!(e.field, "customerUuid", "snake_case keys are not the JS names");
}

#[test]
fn wrong_types_are_named() {
    let cases = [
        (json!({"phoneNumber": 14155550123u64}), "phoneNumber", "must be a string, got number"),
        (json!({"customerUuid": {"id": 1}}), "customerUuid", "must be a string, got object"),
        (json!({"locale": ["fr"]}), "locale", "must be a string, got array"),
        (json!({"isReturningUser": "yes"}), "isReturningUser", "must be a boolean, got string"),
        (json!({"deviceType": 1}), "deviceType", "must be a string, got number"),
    ];
    for (extra, field, problem) in cases {
        let e = refused(extra);
        assert_eq!((e.field.as_str(), e.problem.as_str()), (field, problem));
    }
    for bad in [json!(null), json!("x"), json!([1]), json!(5)] {
        let e = send(&CREATE_CHECK_REQUEST, &bad).unwrap_err();
        assert_eq!(e.field, "request");
        assert!(e.problem.starts_with("must be an object, got "), "{}", e.problem);
    }
}

#[test]
fn phone_numbers_must_be_e164() {
    let bad = [
        ("", "must not be empty"),
        ("14155550123", "starting with +"),
        ("+1 415 555 0123", "without spaces"),
        ("+1-415-555-0123", "without spaces"),
        ("+1(415)5550123", "without spaces"),
        ("+0123456789", "digits only"),
        ("+1", "digits only"),
        ("+1234567890123456", "at most 15 digits"),
        ("+1415555012a", "digits only"),
        ("+١٤١٥٥٥٥٠١٢٣", "digits only"),
        ("+14155550123\n", "digits only"),
    ];
    for (number, hint) in bad {
        let e = refused(json!({"phoneNumber": number}));
        assert_eq!(e.field, "phoneNumber");
        assert!(e.problem.contains(hint), "{number:?}: {}", e.problem);
    }
    for good in ["+14155550123", "+33612345678", "+12", "+123456789012345"] {
        assert!(create(json!({"phoneNumber": good})).is_ok(), "{good}");
    }
}

#[test]
fn uuids_enums_urls_and_text_are_checked() {
    let cases = [
        (json!({"customerUuid": "0b6f2a4e5d1c4e8a9f3b7c2d1e0a9b84"}), "customerUuid", "must be a UUID"),
        (json!({"customerUuid": "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b8"}), "customerUuid", "must be a UUID"),
        (json!({"customerUuid": "../../etc/passwd"}), "customerUuid", "must be a UUID"),
        (json!({"deviceType": "ios"}), "deviceType", r#"must be one of "IOS", "ANDROID", "WEB", got "ios""#),
        (json!({"deviceType": "IPADOS"}), "deviceType", "must be one of"),
        (json!({"ip": "203.0.113.256"}), "ip", "IPv4"),
        (json!({"ip": "::1"}), "ip", "the Ding v1 API takes IPv4 only"),
        (json!({"ip": "2001:db8::42"}), "ip", "use the Prelude v2 client"),
        (json!({"ip": "::ffff:203.0.113.256"}), "ip", "must be an IPv4 address like"),
        (json!({"callbackUrl": "ftp://x.example"}), "callbackUrl", "http(s) URL"),
        (json!({"callbackUrl": "https://"}), "callbackUrl", "http(s) URL"),
        (json!({"callbackUrl": "https://a.example/\r\nx: y"}), "callbackUrl", "http(s) URL"),
        (json!({"locale": "fr_FR"}), "locale", "BCP-47"),
        (json!({"locale": "x"}), "locale", "BCP-47"),
        (json!({"correlationId": ""}), "correlationId", "must not be empty"),
        (json!({"correlationId": "a\r\nb"}), "correlationId", "control characters"),
        (json!({"deviceModel": "x\u{0}"}), "deviceModel", "control characters"),
        (json!({"senderId": "x".repeat(257)}), "senderId", "at most 256"),
        (json!({"templateId": "\u{85}"}), "templateId", "control characters"),
    ];
    for (extra, field, hint) in cases {
        let e = refused(extra.clone());
        assert_eq!(e.field, field, "{extra}");
        assert!(e.problem.contains(hint), "{extra}: {}", e.problem);
    }
    assert!(create(json!({"senderId": "x".repeat(256), "locale": "zh-Hant-TW", "ip": "0.0.0.0"})).is_ok());
}

#[test]
fn codes_and_feedback_status_are_checked() {
    let check = |code: J| {
        send(&CREATE_CHECK_REQUEST, &json!({"customerUuid": CUSTOMER, "authenticationUuid": AUTH, "checkCode": code}))
    };
    assert_eq!(check(json!("012345")).unwrap()["check_code"], "012345", "leading zeros survive");
    for bad in ["", "12 34", "1234\n", &"1".repeat(33)] {
        assert_eq!(check(json!(bad)).unwrap_err().field, "checkCode", "{bad:?}");
    }
    let e = check(json!(123456)).unwrap_err();
    assert_eq!(e.problem, "must be a string, got number");
    let fb = |s: &str| {
        send(&FEEDBACK_REQUEST, &json!({"customerUuid": CUSTOMER, "phoneNumber": "+14155550123", "status": s}))
    };
    assert_eq!(fb("not_onboarded").unwrap()["status"], "not_onboarded");
    let e = fb("ONBOARDED").unwrap_err();
    assert_eq!(e.problem, r#"must be one of "onboarded", "not_onboarded", got "ONBOARDED""#);
}

#[test]
fn messages_never_echo_more_than_a_short_excerpt() {
    let long = format!("+{}", "9".repeat(5000));
    let e = refused(json!({"phoneNumber": long}));
    assert!(e.problem.len() < 200, "{}", e.problem.len());
    assert!(e.problem.ends_with("…\""));
}

#[test]
fn lookup_features_are_a_closed_list() {
    use crate::core::read::value;
    assert_eq!(value(&LOOKUP_FEATURES, "types", &json!(["cnam"])).unwrap(), r#"["cnam"]"#);
    let e = value(&LOOKUP_FEATURES, "types", &json!(["CNAM"])).unwrap_err();
    assert_eq!((e.field.as_str(), e.problem.as_str()), ("types[0]", r#"must be one of "cnam", got "CNAM""#));
    assert_eq!(value(&LOOKUP_FEATURES, "types", &json!("cnam")).unwrap_err().field, "types");
}

#[test]
fn an_ipv4_mapped_address_is_sent_as_ipv4() {
    for (given, sent) in [
        ("::ffff:203.0.113.42", "203.0.113.42"),
        ("::FFFF:203.0.113.42", "203.0.113.42"),
        ("0:0:0:0:0:ffff:203.0.113.42", "203.0.113.42"),
        ("::ffff:cb00:712a", "203.0.113.42"),
        ("203.0.113.42", "203.0.113.42"),
    ] {
        assert_eq!(create(json!({ "ip": given })).unwrap()["ip"], sent, "{given}");
    }
    for bad in ["::ffff:1.2.3", "::ffff", "1::ffff:1.2.3.4:5", ":::1", "::ffff:1.2.3.4%eth0", "[::1]"] {
        assert_eq!(refused(json!({ "ip": bad })).field, "ip", "{bad}");
    }
}
