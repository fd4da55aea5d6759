//! Decoding answers: lenient where the contract allows (null, unknown
//! fields, unknown enum values and event kinds, one bad item in a list),
//! strict on types.

use super::support::{receive, receive_obj};
use crate::core::error::ErrorBody;
use crate::core::schema::Ty;
use crate::ding::models::*;
use serde_json::json;

fn date(s: &str) -> serde_json::Value {
    json!({ "$date": crate::core::time::Timestamp::parse(s).unwrap().millis })
}

#[test]
fn null_is_absent_and_unknown_fields_are_ignored() {
    let v = json!({"authentication_uuid": null, "status": "valid", "brand_new_field": {"x": 1}});
    assert_eq!(receive_obj(&CREATE_CHECK_RESPONSE, &v).unwrap(), json!({"status": "valid"}));
}

#[test]
fn unknown_enum_values_are_kept() {
    let v = json!({"status": "brand_new_status", "line_type": "Hologram"});
    assert_eq!(receive_obj(&CREATE_CHECK_RESPONSE, &v).unwrap()["status"], "brand_new_status");
    assert_eq!(receive_obj(&LOOKUP_RESPONSE, &v).unwrap()["lineType"], "Hologram");
    assert_eq!(receive_obj(&LOOKUP_RESPONSE, &json!({"line_type": "VPN"})).unwrap()["lineType"], "VPN");
}

#[test]
fn members_are_renamed_and_dates_become_dates() {
    let v = json!({
        "authentication_uuid": "5d137d2c-bff8-4d8b-a5a7-56912aefa916",
        "status": "approved",
        "created_at": "2025-04-28T09:15:27.412Z",
        "next_retry_at": "2025-04-28T09:15:57+00:00",
        "remaining_retry": 2
    });
    let got = receive_obj(&RETRY_AUTHENTICATION_RESPONSE, &v).unwrap();
    assert_eq!(
        got,
        json!({
            "authenticationUuid": "5d137d2c-bff8-4d8b-a5a7-56912aefa916",
            "status": "approved",
            "createdAt": date("2025-04-28T09:15:27.412Z"),
            "nextRetryAt": date("2025-04-28T09:15:57Z"),
            "remainingRetry": 2
        })
    );
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
    let r = receive_obj(&AUTHENTICATION_STATUS_RESPONSE, &v).unwrap();
    let events = r["events"].as_array().unwrap();
    assert_eq!(events.len(), 6);
    assert_eq!(
        events[0],
        json!({"type": "attempt", "createdAt": date("2025-04-28T09:15:27.655Z"), "id": "a1", "attemptNumber": 1, "capability": "text", "status": "pending"})
    );
    assert_eq!(events[1], json!({"type": "balance_update", "amount": -0.045, "balanceUpdateType": "attempt_success"}));
    assert_eq!(
        events[2],
        json!({"type": "unknown", "rawType": "carrier_lookup", "createdAt": date("2025-04-28T09:15:30Z"), "raw": v["events"][2]})
    );
    assert_eq!(events[3], json!({"type": "unknown", "createdAt": date("2025-04-28T09:15:31Z"), "raw": v["events"][3]}));
    assert_eq!(events[4]["type"], "check");
    assert_eq!(events[4]["status"], "valid");
    assert_eq!(events[5]["type"], "delivery_status");
    assert_eq!(events[5]["originatedAt"], date("2025-04-28T07:15:29Z"));
}

#[test]
fn one_bad_event_never_sinks_the_others() {
    let v = json!({
        "uuid": "u",
        "events": [
            {"type": "attempt", "id": "a1", "attempt_number": "one", "created_at": "2025-04-28T09:15:27Z"},
            null,
            7,
            {"type": "check", "id": "c1", "status": "valid", "created_at": "yesterday"},
            {"type": "check", "id": "c2", "status": "invalid"}
        ]
    });
    let r = receive_obj(&AUTHENTICATION_STATUS_RESPONSE, &v).unwrap();
    let events = r["events"].as_array().unwrap();
    assert_eq!(events.len(), 5, "every item is kept");
    assert_eq!(
        events[0],
        json!({"type": "unknown", "rawType": "attempt", "createdAt": date("2025-04-28T09:15:27Z"), "raw": v["events"][0]}),
        "a known kind with a bad member is kept whole as unknown"
    );
    assert_eq!(events[1], json!({"type": "unknown", "raw": null}));
    assert_eq!(events[2], json!({"type": "unknown", "raw": 7}));
    assert_eq!(events[3], json!({"type": "unknown", "rawType": "check", "raw": v["events"][3]}));
    assert_eq!(events[4], json!({"type": "check", "id": "c2", "status": "invalid"}));
}

#[test]
fn lists_of_strings_and_objects_skip_what_they_cannot_read() {
    static STRINGS: Ty = Ty::List { item: &Ty::Enum(&CHECK_STATUS), max: u32::MAX };
    assert_eq!(
        receive(&STRINGS, &json!(["valid", 5, null, "new_value", {"a": 1}])).unwrap(),
        json!(["valid", "new_value"])
    );
    static OBJECTS: Ty = Ty::List { item: &Ty::Obj(&SIGNALS), max: u32::MAX };
    let got = receive(&OBJECTS, &json!([{"ip": "1.2.3.4", "device_type": 3}, null, {"device_id": "d"}])).unwrap();
    assert_eq!(got, json!([{"ip": "1.2.3.4"}, {"deviceId": "d"}]), "unreadable members are left out");
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
        let e = receive_obj(&RETRY_AUTHENTICATION_RESPONSE, &v).unwrap_err();
        assert_eq!((e.path.as_str(), e.expected, e.found), (path, expected, found), "{v}");
    }
    let e = receive_obj(&RETRY_AUTHENTICATION_RESPONSE, &json!([1])).unwrap_err();
    assert_eq!((e.path.as_str(), e.expected, e.found), ("", "an object", "array"));
    let e = receive_obj(&RETRY_AUTHENTICATION_RESPONSE, &json!("<html>")).unwrap_err();
    assert_eq!(e.found, "string");

    let e =
        receive_obj(&AUTHENTICATION_STATUS_RESPONSE, &json!({"signals": {"is_returning_user": "yes"}})).unwrap_err();
    assert_eq!(e.path, "signals.is_returning_user");
    assert_eq!(e.describe(), "`signals.is_returning_user`: expected a boolean, found string");
    let e = receive_obj(&AUTHENTICATION_STATUS_RESPONSE, &json!({"events": {"type": "check"}})).unwrap_err();
    assert_eq!((e.path.as_str(), e.expected), ("events", "an array"));
}

#[test]
fn error_bodies_are_read_leniently() {
    let e = ErrorBody::read(&json!({"code": 7, "message": "Forbidden", "doc_url": ["x"], "param": "target.value"}));
    assert_eq!(
        e,
        ErrorBody { message: Some("Forbidden".into()), param: Some("target.value".into()), ..ErrorBody::default() }
    );
    let e = ErrorBody::read(&json!({"code": "new_code", "request_id": "r-1"}));
    assert_eq!((e.code.as_deref(), e.request_id.as_deref()), (Some("new_code"), Some("r-1")));
    assert_eq!(ErrorBody::read(&json!("text")), ErrorBody::default());
}

#[test]
fn numbers_keep_their_meaning() {
    let v = json!({"amount": -0.045});
    assert_eq!(receive_obj(&BALANCE_UPDATE_EVENT, &v).unwrap()["amount"], -0.045);
    let big = json!({"remaining_retry": 9_007_199_254_740_993u64});
    assert!(receive_obj(&RETRY_AUTHENTICATION_RESPONSE, &big).is_err(), "beyond 2^53 an integer is not exact");
}
