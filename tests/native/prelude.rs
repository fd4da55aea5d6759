//! The v2 models against the v2 contract: every member and enum value is
//! modelled, request examples round-trip and validate, answers and webhook
//! events decode without losing a member, and the input checks the
//! contract implies (E.164 targets, the never-both pairs, ranges, lengths).

use super::contract::{decode_examples, request_round_trip};
use super::support::*;
use crate::core::schema::{Enum, Model, Ty};
use crate::prelude::models::*;
use serde_json::{json, Value as J};

fn spec() -> J {
    load("prelude-openapi.yaml")
}

#[test]
fn every_contract_member_is_modelled() {
    let spec = spec();
    let cases: [(&str, &Model); 29] = [
        ("PhoneNumberTarget", &PHONE_NUMBER_TARGET),
        ("EmailAddressTarget", &EMAIL_ADDRESS_TARGET),
        ("Metadata", &METADATA),
        ("Signals", &SIGNALS),
        ("AppRealm", &APP_REALM),
        ("VerificationOptions", &VERIFICATION_OPTIONS),
        ("VerificationCreateRequest", &VERIFICATION_CREATE_REQUEST),
        ("SilentInfo", &SILENT_INFO),
        ("VerificationCreateResponse", &VERIFICATION_CREATE_RESPONSE),
        ("Psd2Transaction", &PSD2_TRANSACTION),
        ("VerificationCheckRequest", &VERIFICATION_CHECK_REQUEST),
        ("VerificationCheckResponse", &VERIFICATION_CHECK_RESPONSE),
        ("NetworkInfo", &NETWORK_INFO),
        ("LookupResponse", &LOOKUP_RESPONSE),
        ("WatchPredictRequest", &WATCH_PREDICT_REQUEST),
        ("WatchPredictResponse", &WATCH_PREDICT_RESPONSE),
        ("WatchFeedback", &WATCH_FEEDBACK),
        ("WatchFeedbacksRequest", &WATCH_FEEDBACKS_REQUEST),
        ("WatchEvent", &WATCH_EVENT),
        ("WatchEventsRequest", &WATCH_EVENTS_REQUEST),
        ("WatchAcceptedResponse", &WATCH_ACCEPTED_RESPONSE),
        ("ManagedPhoneNumberRequest", &MANAGED_PHONE_NUMBER_REQUEST),
        ("ManagedPhoneNumberResponse", &MANAGED_PHONE_NUMBER_RESPONSE),
        ("ManagedPhoneNumber", &MANAGED_PHONE_NUMBER),
        ("ManagedPhoneNumberList", &MANAGED_PHONE_NUMBER_LIST),
        ("SenderId", &SENDER_ID),
        ("SenderIdList", &SENDER_ID_LIST),
        ("SenderIdSubmitRequest", &SENDER_ID_SUBMIT_REQUEST),
        ("SenderIdSubmitResponse", &SENDER_ID_SUBMIT_RESPONSE),
    ];
    for (name, model) in cases {
        let mut want = property_names(&spec, name);
        // A union variant's `type` is its tag, not a member.
        if name.ends_with("Target") {
            want.retain(|k| k != "type");
        }
        assert_eq!(wire_names(model), want, "members of {name}");
        // Required in the contract is required here, and the other way round.
        let mut required: Vec<String> = schema(&spec, name)["required"]
            .as_array()
            .map(|a| a.iter().map(|v| v.as_str().unwrap().to_owned()).collect())
            .unwrap_or_default();
        required.retain(|k| k != "type" || !name.ends_with("Target"));
        required.sort();
        let mut ours: Vec<String> = model.fields.iter().filter(|f| f.required).map(|f| f.wire.to_owned()).collect();
        ours.sort();
        assert_eq!(ours, required, "required members of {name}");
    }
    for (name, model) in [
        ("WebhookPrice", &WEBHOOK_PRICE),
        ("VerifyAuthenticationPayload", &VERIFY_AUTHENTICATION_PAYLOAD),
        ("VerifyAttemptPayload", &VERIFY_ATTEMPT_PAYLOAD),
        ("VerifyDeliveryStatusPayload", &VERIFY_DELIVERY_STATUS_PAYLOAD),
        ("ErrorResponse", &ERROR_RESPONSE),
    ] {
        assert_eq!(wire_names(model), property_names(&spec, name), "members of {name}");
    }
    // Each webhook event: the envelope's members, but `type` (the tag).
    for (tag, model) in VERIFY_WEBHOOK_EVENT.variants {
        let mut want = property_names(&spec, "WebhookEventBase");
        want.push("payload".into());
        want.retain(|k| k != "type");
        want.sort();
        assert_eq!(wire_names(model), want, "members of {tag}");
    }
    let tags: Vec<&str> = TARGET.variants.iter().map(|(t, _)| *t).collect();
    let mapping = &schema(&spec, "Target")["discriminator"]["mapping"];
    assert_eq!(tags.len(), mapping.as_object().unwrap().len());
    for t in tags {
        assert!(mapping.get(t).is_some(), "target type {t}");
    }
    let mapping = &schema(&spec, "VerifyWebhookEvent")["discriminator"]["mapping"];
    for (t, _) in VERIFY_WEBHOOK_EVENT.variants {
        assert!(mapping.get(*t).is_some(), "event type {t}");
    }
}

#[test]
fn every_contract_enum_value_is_known() {
    let spec = spec();
    let cases: [(&str, &Enum); 16] = [
        ("DevicePlatform", &DEVICE_PLATFORM),
        ("RequestChannel", &REQUEST_CHANNEL),
        ("VerificationStatus", &VERIFICATION_STATUS),
        ("VerificationMethod", &VERIFICATION_METHOD),
        ("ResponseChannel", &RESPONSE_CHANNEL),
        ("BlockReason", &BLOCK_REASON),
        ("RiskFactor", &RISK_FACTOR),
        ("CheckStatus", &CHECK_STATUS),
        ("LookupFeature", &LOOKUP_FEATURE),
        ("LookupFlag", &LOOKUP_FLAG),
        ("LineType", &LINE_TYPE),
        ("FeedbackType", &FEEDBACK_TYPE),
        ("EventConfidence", &EVENT_CONFIDENCE),
        ("ListAction", &LIST_ACTION),
        ("SenderIdStatus", &SENDER_ID_STATUS),
        ("ErrorCode", &ERROR_CODE),
    ];
    for (name, e) in cases {
        let mut ours: Vec<String> = e.names().map(str::to_owned).collect();
        ours.sort();
        assert_eq!(ours, enum_values(&spec, name), "values of {name}");
    }
    let s = schema(&spec, "DeliveryStatus")["enum"].as_array().unwrap().len();
    assert_eq!(DELIVERY_STATUS.values.len(), s);
    let inline = |path: &[&str]| -> Vec<String> {
        let mut v = &spec;
        for p in path {
            v = &v[*p];
        }
        let mut out: Vec<String> =
            v["enum"].as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_owned()).collect();
        out.sort();
        out
    };
    let mut method: Vec<String> = METHOD.names().map(str::to_owned).collect();
    method.sort();
    assert_eq!(method, inline(&["components", "schemas", "VerificationOptions", "properties", "method"]));
    let mut platform: Vec<String> = APP_REALM_PLATFORM.names().map(str::to_owned).collect();
    platform.sort();
    assert_eq!(platform, inline(&["components", "schemas", "AppRealm", "properties", "platform"]));
    assert_eq!(
        PREDICTION.names().collect::<Vec<_>>(),
        inline(&["components", "schemas", "WatchPredictResponse", "properties", "prediction"])
    );
}

#[test]
fn request_examples_round_trip_and_validate() {
    let spec = spec();
    let n = request_round_trip(&spec, "VerificationCreateRequest", &VERIFICATION_CREATE_REQUEST)
        + request_round_trip(&spec, "VerificationCheckRequest", &VERIFICATION_CHECK_REQUEST)
        + request_round_trip(&spec, "WatchPredictRequest", &WATCH_PREDICT_REQUEST)
        + request_round_trip(&spec, "WatchFeedbacksRequest", &WATCH_FEEDBACKS_REQUEST)
        + request_round_trip(&spec, "WatchEventsRequest", &WATCH_EVENTS_REQUEST)
        + request_round_trip(&spec, "ManagedPhoneNumberRequest", &MANAGED_PHONE_NUMBER_REQUEST)
        + request_round_trip(&spec, "SenderIdSubmitRequest", &SENDER_ID_SUBMIT_REQUEST);
    assert!(n >= 14, "only {n} request examples");
}

#[test]
fn a_create_with_every_member_validates_against_the_schema() {
    let spec = spec();
    let input = json!({
        "target": {"type": "phone_number", "value": "+33612345678"},
        "dispatchId": "2c6b1f0e-7d3a-4e9b-8a51-0f4d2c9e7b13",
        "metadata": {"correlationId": "signup-7f3c2a"},
        "options": {
            "templateId": "prelude:psd2",
            "variables": {"amount": "149.90", "currency": "EUR"},
            "locale": "fr-FR",
            "senderId": "MyBrand",
            "callbackUrl": "https://hooks.example.com/prelude",
            "method": "message",
            "channels": ["whatsapp", "sms"],
            "customCode": "482913",
            "appRealm": {"platform": "web", "value": "example.com"},
            "forceChallenge": false,
            "maxAutoFallbacks": 1
        },
        "signals": {
            "ip": "2001:db8::42", "deviceId": "d-1", "devicePlatform": "ipados", "deviceModel": "iPad14,1",
            "osVersion": "18.0", "appVersion": "1.2.3", "userAgent": "Mozilla/5.0", "ja4Fingerprint": "t13d",
            "isTrustedUser": true
        }
    });
    let wire = send(&VERIFICATION_CREATE_REQUEST, &input).unwrap();
    assert_eq!(wire["options"]["custom_code"], "482913");
    assert_eq!(wire["options"]["max_auto_fallbacks"], 1);
    assert_eq!(wire["signals"]["device_platform"], "ipados");
    assert_eq!(wire["target"], json!({"type": "phone_number", "value": "+33612345678"}), "the tag first");
    let p = problems(&spec, "VerificationCreateRequest", &wire, true);
    assert!(p.is_empty(), "{p:?}");
    let fb = json!({"feedbacks": [{"target": {"type": "email_address", "value": "jane@example.com"}, "type": "verification.started",
        "metadata": {"correlationId": "c"}, "dispatchId": "2c6b1f0e-7d3a-4e9b-8a51-0f4d2c9e7b13", "signals": {"ip": "::ffff:1.2.3.4"}}]});
    let wire = send(&WATCH_FEEDBACKS_REQUEST, &fb).unwrap();
    assert_eq!(wire["feedbacks"][0]["signals"]["ip"], "1.2.3.4", "an IPv4-mapped address goes as IPv4");
    let p = problems(&spec, "WatchFeedbacksRequest", &wire, true);
    assert!(p.is_empty(), "{p:?}");
}

fn refused(model: &'static Model, input: J) -> (String, String) {
    let e = send(model, &input).expect_err(&format!("{input} should be refused"));
    (e.field, e.problem)
}

#[test]
fn bad_inputs_are_named_by_their_path() {
    let target = json!({"type": "phone_number", "value": "+33612345678"});
    let create = |options: J| json!({"target": target, "options": options});
    let cases = [
        (json!({}), "target", "is required"),
        (json!({"target": {"type": "phone_number", "value": "06 12 34 56 78"}}), "target.value", "E.164"),
        (
            json!({"target": {"type": "phone", "value": "+33612345678"}}),
            "target.type",
            r#"must be one of "phone_number", "email_address""#,
        ),
        (json!({"target": {"value": "+33612345678"}}), "target.type", "is required"),
        (json!({"target": {"type": "email_address", "value": "jane"}}), "target.value", "e-mail"),
        (json!({"target": "+33612345678"}), "target", "must be an object"),
        (create(json!({"codeSize": 9})), "options.codeSize", "from 4 to 8"),
        (create(json!({"codeSize": 5.5})), "options.codeSize", "whole number"),
        (create(json!({"customCode": "12"})), "options.customCode", "4 to 8"),
        (
            create(json!({"customCode": "1234", "codeSize": 4})),
            "options.customCode",
            "cannot be set together with codeSize",
        ),
        (
            create(json!({"channels": ["sms"], "preferredChannel": "sms"})),
            "options.channels",
            "together with preferredChannel",
        ),
        (create(json!({"channels": ["sms", "fax"]})), "options.channels[1]", "must be one of"),
        (create(json!({"method": "sms"})), "options.method", "must be one of"),
        (create(json!({"appRealm": {"platform": "ios", "value": "x"}})), "options.appRealm.platform", "must be one of"),
        (create(json!({"appRealm": {"platform": "web"}})), "options.appRealm.value", "is required"),
        (create(json!({"variables": {"a": 1}})), "options.variables.a", "must be a string"),
        (create(json!({"variables": {"a": "x\ny"}})), "options.variables.a", "control characters"),
        (create(json!({"callbackUrl": "hooks.example.com"})), "options.callbackUrl", "http(s) URL"),
        (create(json!({"maxAutoFallbacks": -1})), "options.maxAutoFallbacks", "from 0"),
        (json!({"target": target, "metadata": {"correlationId": "x".repeat(65)}}), "metadata.correlationId", "64"),
        (json!({"target": target, "dispatchId": "short"}), "dispatchId", "36-character"),
        (json!({"target": target, "signals": {"ip": "203.0.113"}}), "signals.ip", "IPv4 or IPv6"),
        (json!({"target": target, "signals": {"devicePlatform": "IOS"}}), "signals.devicePlatform", "must be one of"),
        (json!({"target": target, "signals": {"isTrustedUser": "yes"}}), "signals.isTrustedUser", "boolean"),
    ];
    for (input, field, hint) in cases {
        let (f, problem) = refused(&VERIFICATION_CREATE_REQUEST, input.clone());
        assert_eq!(f, field, "{input}: {problem}");
        assert!(problem.contains(hint), "{input}: {problem}");
    }
    let check = |psd2: J| json!({"target": target, "code": "482913", "psd2": psd2});
    assert_eq!(refused(&VERIFICATION_CHECK_REQUEST, json!({"target": target})).0, "code");
    assert_eq!(
        refused(&VERIFICATION_CHECK_REQUEST, check(json!({"amount": "1", "currency": "EUR"}))).0,
        "psd2.recipient"
    );
    assert_eq!(
        refused(&VERIFICATION_CHECK_REQUEST, check(json!({"amount": "1,50", "currency": "EUR", "recipient": "x"}))).0,
        "psd2.amount"
    );
    assert_eq!(
        refused(&VERIFICATION_CHECK_REQUEST, check(json!({"amount": "1", "currency": "eur", "recipient": "x"}))).0,
        "psd2.currency"
    );
    let many: Vec<J> = (0..101).map(|_| json!({"target": target, "type": "verification.completed"})).collect();
    let (f, p) = refused(&WATCH_FEEDBACKS_REQUEST, json!({ "feedbacks": many }));
    assert_eq!((f.as_str(), p.as_str()), ("feedbacks", "must have at most 100 items"));
    let (f, _) =
        refused(&WATCH_FEEDBACKS_REQUEST, json!({"feedbacks": [{"target": target, "type": "verification.done"}]}));
    assert_eq!(f, "feedbacks[0].type");
    let (f, _) =
        refused(&WATCH_EVENTS_REQUEST, json!({"events": [{"target": target, "label": "x", "confidence": "sure"}]}));
    assert_eq!(f, "events[0].confidence");
    let (f, _) = refused(
        &WATCH_EVENTS_REQUEST,
        json!({"events": [{"target": {"type": "phone_number", "value": "+1"}, "label": "x", "confidence": "low"}]}),
    );
    assert_eq!(f, "events[0].target.value");
    assert_eq!(refused(&MANAGED_PHONE_NUMBER_REQUEST, json!({"phoneNumber": "+1 415"})).0, "phoneNumber");
    assert_eq!(refused(&SENDER_ID_SUBMIT_REQUEST, json!({"senderId": ""})).0, "senderId");
    // What the official SDK's fixtures send together is refused by the contract.
    let fixture =
        create(json!({"channels": ["sms"], "preferredChannel": "sms", "codeSize": 5, "customCode": "123456"}));
    assert!(send(&VERIFICATION_CREATE_REQUEST, &fixture).is_err());
}

#[test]
fn answers_decode_without_losing_members() {
    let spec = spec();
    let n = decode_examples(&spec, "VerificationCreateResponse", &VERIFICATION_CREATE_RESPONSE)
        + decode_examples(&spec, "VerificationCheckResponse", &VERIFICATION_CHECK_RESPONSE)
        + decode_examples(&spec, "LookupResponse", &LOOKUP_RESPONSE)
        + decode_examples(&spec, "WatchPredictResponse", &WATCH_PREDICT_RESPONSE)
        + decode_examples(&spec, "WatchAcceptedResponse", &WATCH_ACCEPTED_RESPONSE)
        + decode_examples(&spec, "ManagedPhoneNumberResponse", &MANAGED_PHONE_NUMBER_RESPONSE)
        + decode_examples(&spec, "ManagedPhoneNumberList", &MANAGED_PHONE_NUMBER_LIST)
        + decode_examples(&spec, "SenderIdList", &SENDER_ID_LIST)
        + decode_examples(&spec, "SenderIdSubmitResponse", &SENDER_ID_SUBMIT_RESPONSE)
        + decode_examples(&spec, "ErrorResponse", &ERROR_RESPONSE);
    assert!(n >= 20, "only {n} answer examples");
    let got = receive_obj(
        &VERIFICATION_CREATE_RESPONSE,
        &json!({
            "id": "vrf_1", "status": "shadow_blocked", "method": "message", "reason": "brand_new_reason",
            "risk_factors": ["temporary_phone_number", "new_factor", 7], "channels": ["sms", "carrier_pigeon"],
            "silent": {"request_url": "https://s.example/x"}, "metadata": {"correlation_id": "c"}, "request_id": "r"
        }),
    )
    .unwrap();
    assert_eq!(got["reason"], "brand_new_reason", "open enums pass new values");
    assert_eq!(got["riskFactors"], json!(["temporary_phone_number", "new_factor"]), "a non-string item is skipped");
    assert_eq!(got["silent"], json!({"requestUrl": "https://s.example/x"}));
    assert_eq!(got["metadata"], json!({"correlationId": "c"}));
    assert_eq!(got["requestId"], "r");
    for missing in ["id", "status", "method"] {
        let mut v = json!({"id": "vrf_1", "status": "success", "method": "message"});
        v.as_object_mut().unwrap().remove(missing);
        let e = receive_obj(&VERIFICATION_CREATE_RESPONSE, &v).unwrap_err();
        assert_eq!((e.path.as_str(), e.found), (missing, "absent"), "a required member is missing");
    }
    let list = receive_obj(
        &MANAGED_PHONE_NUMBER_LIST,
        &json!({"phone_numbers": [
            {"phone_number": "+1", "created_at": "2026-06-02T08:14:55Z"},
            {"phone_number": "+2", "created_at": "yesterday"},
            null,
            {"phone_number": "+3", "created_at": "2026-06-02T08:14:55Z", "note": 1}
        ]}),
    )
    .unwrap();
    let numbers: Vec<&str> =
        list["phoneNumbers"].as_array().unwrap().iter().map(|n| n["phoneNumber"].as_str().unwrap()).collect();
    assert_eq!(numbers, ["+1", "+3"], "an entry without a readable required member is left out, the rest kept");
}

#[test]
fn webhook_events_decode_by_type_and_unknown_kinds_are_kept() {
    static EVENT: Ty = Ty::Union(&VERIFY_WEBHOOK_EVENT);
    let spec = spec();
    let examples = spec["webhooks"]["verifyEvent"]["post"]["requestBody"]["content"]["application/json"]["examples"]
        .as_object()
        .unwrap()
        .clone();
    assert_eq!(examples.len(), 3);
    for (_, ex) in examples {
        let v = &ex["value"];
        let p = problems(&spec, "VerifyWebhookEvent", v, false);
        assert!(p.is_empty(), "{p:?}");
        let got = receive(&EVENT, v).unwrap();
        assert_eq!(got["type"], v["type"]);
        assert_eq!(got["id"], v["id"]);
        assert!(got["createdAt"]["$date"].is_number());
        assert_eq!(got["payload"]["verificationId"], v["payload"]["verification_id"]);
        if let Some(corr) = v["payload"]["metadata"]["correlation_id"].as_str() {
            assert_eq!(got["payload"]["metadata"]["correlationId"], corr);
        }
    }
    let future =
        json!({"id": "evt_9", "type": "verify.refund", "created_at": "2026-08-20T09:15:29.163Z", "payload": {"x": 1}});
    let got = receive(&EVENT, &future).unwrap();
    assert_eq!(got["type"], "unknown");
    assert_eq!(got["rawType"], "verify.refund");
    assert_eq!(got["id"], "evt_9");
    assert_eq!(got["raw"], future);
    let broken = json!({"id": "evt_1", "type": "verify.delivery_status", "created_at": "2026-08-20T09:15:29Z", "payload": {"verification_id": "vrf_1"}});
    assert_eq!(receive(&EVENT, &broken).unwrap()["type"], "unknown", "a required status is missing: kept whole");
    assert!(receive(&EVENT, &json!([1])).is_err(), "not an event at all");
}
