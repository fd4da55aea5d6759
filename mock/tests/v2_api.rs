//! Prelude v2 lookup, Watch, management, bearer auth, every v2 error code
//! with its `param`, CORS, faults and the mock-only endpoints. Each test
//! runs against every host.

#[macro_use]
mod common;

use axum::http::{Method, StatusCode};
use common::{phone_target, Mock, CODE, PHONE, TOKEN};
use ding_mock::{magic, Config, FaultSpec};
use serde_json::{json, Value};

const NUMBERS: &str = "/v2/verification/management/phone-numbers";
const SENDERS: &str = "/v2/verification/management/sender-id";
const FAULT: &str = "x-ding-mock-fault";

/// A create body with `options`.
fn options(options: Value) -> Value {
    json!({"target": phone_target(PHONE), "options": options})
}

/// Posts each body to `path` and asserts the `(code, param)` it gets.
async fn expect_errors(mock: &Mock, path: &str, cases: Vec<(Value, &str, &str)>) {
    for (body, code, param) in cases {
        let reply = mock.post2(path, &body).await;
        assert_eq!(reply.v2_error(), (code.to_owned(), param.to_owned()), "{path} {body}");
    }
}

/// `n` watch events.
fn events(n: usize) -> Value {
    let event = json!({"target": phone_target(PHONE), "label": "account.banned", "confidence": "minimum"});
    json!({ "events": vec![event; n] })
}

/// `n` watch feedbacks.
fn feedbacks(n: usize) -> Value {
    let feedback = json!({"target": phone_target(PHONE), "type": "verification.started"});
    json!({ "feedbacks": vec![feedback; n] })
}

host_tests! {
    async fn lookup_with_both_spellings_cnam_and_flags() {
        let mock = Mock::new();
        let expected = json!({
            "phone_number": "+14155550123",
            "country_code": "US",
            "line_type": "mobile",
            "flags": [],
            "network_info": {"carrier_name": "AT&T", "mcc": "310", "mnc": "410"},
            "original_network_info": {"carrier_name": "AT&T", "mcc": "310", "mnc": "410"},
        });
        for path in ["/v2/lookup/+14155550123", "/v2/lookup/%2B14155550123", "/v2/lookup/%2b14155550123"] {
            let reply = mock.get2(path).await;
            assert_eq!(reply.status, StatusCode::OK, "{path}");
            assert_eq!(reply.json(), expected, "{path}");
        }
        let mut with_name = expected.clone();
        with_name["caller_name"] = json!("JANE DOE");
        for query in ["?type=cnam", "?type=cnam,cnam", "?type=cnam&type=cnam"] {
            assert_eq!(mock.get2(&format!("/v2/lookup/+14155550123{query}")).await.json(), with_name, "{query}");
        }

        let ported = mock.get2("/v2/lookup/+14155550669").await.json();
        assert_eq!(ported["flags"], json!(["ported"]));
        assert_eq!(ported["network_info"], json!({"carrier_name": "T-Mobile USA", "mcc": "310", "mnc": "260"}));
        assert_eq!(ported["original_network_info"]["carrier_name"], "AT&T");
        let ported_fr = mock.get2("/v2/lookup/+33612340669").await.json();
        assert_ne!(ported_fr["network_info"], ported_fr["original_network_info"]);
        let temporary = mock.get2("/v2/lookup/%2B14155550668").await.json();
        assert_eq!(temporary["flags"], json!(["temporary"]));
        for (number, line) in [("+18005550123", "toll_free"), ("+33142345678", "fixed_line"), ("+2250700000000", "unknown")] {
            assert_eq!(mock.get2(&format!("/v2/lookup/{number}")).await.json()["line_type"], line, "{number}");
        }
    }

    async fn lookup_errors() {
        let mock = Mock::new();
        for path in ["/v2/lookup/14155550123", "/v2/lookup/%2B1415555abcd", "/v2/lookup/%FF", "/v2/lookup/+0123"] {
            let error = mock.get2(path).await.v2_error();
            assert_eq!(error, ("invalid_phone_number".to_owned(), "phone_number".to_owned()), "{path}");
        }
        let error = mock.get2("/v2/lookup/+14155550123?type=cnam,sms").await.v2_error();
        assert_eq!(error, ("invalid_request".to_owned(), "type".to_owned()));
    }

    async fn watch_predict_scores_by_magic_numbers() {
        let mock = Mock::new();
        let predict = |phone: &str| json!({"target": phone_target(phone)});
        let ok = mock.post2("/v2/watch/predict", &predict(PHONE)).await;
        assert_eq!(ok.status, StatusCode::OK);
        let ok = ok.json();
        assert_eq!(ok["prediction"], "legitimate");
        assert!(ok.get("risk_factors").is_none());
        assert_eq!(ok["id"].as_str().map(str::len), Some(26));
        assert!(ok["request_id"].is_string());
        let bad = mock.post2("/v2/watch/predict", &predict("+14155550666")).await.json();
        assert_eq!((bad["prediction"].clone(), bad["risk_factors"].clone()), (json!("suspicious"), json!(magic::SUSPICIOUS_FACTORS)));
        let temp = mock.post2("/v2/watch/predict", &predict("+14155550668")).await.json();
        assert_eq!(temp["risk_factors"], json!(["temporary_phone_number"]));
        let forged = json!({"target": phone_target(PHONE), "dispatch_id": magic::INVALID_SIGNATURE_DISPATCH});
        assert_eq!(mock.post2("/v2/watch/predict", &forged).await.json()["risk_factors"], json!(["suspected_request_tampering"]));
        let email = json!({"target": {"type": "email_address", "value": "jane.doe@example.com"}});
        assert_eq!(mock.post2("/v2/watch/predict", &email).await.json()["prediction"], "legitimate");
        mock.v2(Method::POST, &format!("{NUMBERS}/allow"), Some(&json!({"phone_number": "+14155550666"})), &[]).await;
        assert_eq!(mock.post2("/v2/watch/predict", &predict("+14155550666")).await.json()["prediction"], "legitimate");
        assert_eq!(mock.mock2("watch").await["predictions"].as_array().map(Vec::len), Some(6));
    }

    async fn watch_feedback_and_event_take_at_most_100_items() {
        let mock = Mock::new();
        for (path, body) in [("/v2/watch/feedback", feedbacks(100)), ("/v2/watch/event", events(100))] {
            let reply = mock.post2(path, &body).await;
            assert_eq!(reply.status, StatusCode::OK, "{path}");
            let json = reply.json();
            assert_eq!(json["status"], "success");
            assert_eq!(json["request_id"], reply.header("x-request-id"));
        }
        assert_eq!(mock.post2("/v2/watch/event", &events(0)).await.status, StatusCode::OK, "an empty batch");
        let error = mock.post2("/v2/watch/feedback", &feedbacks(101)).await.v2_error();
        assert_eq!(error, ("invalid_request".to_owned(), "feedbacks".to_owned()));
        let error = mock.post2("/v2/watch/event", &events(101)).await.v2_error();
        assert_eq!(error, ("invalid_request".to_owned(), "events".to_owned()));
        let log = mock.mock2("watch").await;
        assert_eq!(log["feedbacks"].as_array().map(Vec::len), Some(100), "refused batches are not recorded");
        assert_eq!(log["events"].as_array().map(Vec::len), Some(100));
        assert_eq!(log["events"][0]["label"], "account.banned");
    }

    async fn watch_items_are_checked_one_by_one() {
        let mock = Mock::new();
        let feedback = |item: Value| json!({"feedbacks": [{"target": phone_target(PHONE), "type": "verification.started"}, item]});
        let event = |item: Value| json!({"events": [item]});
        let target = phone_target(PHONE);
        expect_errors(&mock, "/v2/watch/feedback", vec![
            (json!({}), "invalid_request", "feedbacks"),
            (json!({"feedbacks": {}}), "invalid_request", "feedbacks"),
            (feedback(json!("x")), "invalid_request", "feedbacks[1]"),
            (feedback(json!({"type": "verification.started"})), "invalid_request", "feedbacks[1].target"),
            (feedback(json!({"target": target, "type": "verification.failed"})), "invalid_request", "feedbacks[1].type"),
            (feedback(json!({"target": phone_target("+1"), "type": "verification.started"})), "invalid_phone_number", "feedbacks[1].target.value"),
            (feedback(json!({"target": target, "type": "verification.completed", "metadata": {"correlation_id": "x".repeat(65)}})), "invalid_correlation_id", "feedbacks[1].metadata.correlation_id"),
            (feedback(json!({"target": target, "type": "verification.completed", "dispatch_id": "short"})), "invalid_request", "feedbacks[1].dispatch_id"),
        ]).await;
        expect_errors(&mock, "/v2/watch/event", vec![
            (json!({"events": null}), "invalid_request", "events"),
            (event(json!({"target": target, "confidence": "low"})), "invalid_request", "events[0].label"),
            (event(json!({"target": target, "label": "", "confidence": "low"})), "invalid_request", "events[0].label"),
            (event(json!({"target": target, "label": "x", "confidence": "certain"})), "invalid_request", "events[0].confidence"),
            (event(json!({"target": {"type": "fax", "value": "1"}, "label": "x", "confidence": "low"})), "invalid_request", "events[0].target.type"),
        ]).await;
        expect_errors(&mock, "/v2/watch/predict", vec![
            (json!({}), "invalid_request", "target"),
            (json!({"target": phone_target(PHONE), "signals": {"ip": "300.1.1.1"}}), "invalid_request", "signals.ip"),
        ]).await;
    }

    async fn block_and_allow_lists() {
        let mock = Mock::new();
        let body = json!({"phone_number": "+447700900123"});
        for _ in 0..2 {
            let added = mock.v2(Method::POST, &format!("{NUMBERS}/block"), Some(&body), &[]).await;
            assert_eq!(added.status, StatusCode::OK);
            assert_eq!(added.json(), body, "idempotent");
        }
        let list = mock.get2(&format!("{NUMBERS}/block")).await.json();
        let entries = list["phone_numbers"].as_array().unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0]["phone_number"], "+447700900123");
        assert!(common::is_rfc3339_millis(&entries[0]["created_at"]));
        assert_eq!(mock.get2(&format!("{NUMBERS}/allow")).await.json(), json!({"phone_numbers": []}));
        let blocked = mock.verify_phone("+447700900123").await;
        assert_eq!((blocked["status"].as_str(), blocked["reason"].as_str()), (Some("blocked"), Some("in_block_list")));

        for _ in 0..2 {
            let removed = mock.v2(Method::DELETE, &format!("{NUMBERS}/block"), Some(&body), &[]).await;
            assert_eq!(removed.status, StatusCode::OK);
            assert_eq!(removed.json(), body, "idempotent");
        }
        assert_eq!(mock.get2(&format!("{NUMBERS}/block")).await.json(), json!({"phone_numbers": []}));
        assert_eq!(mock.verify_phone("+447700900123").await["status"], "success");

        let error = mock.v2(Method::POST, &format!("{NUMBERS}/deny"), Some(&body), &[]).await.v2_error();
        assert_eq!(error, ("invalid_request".to_owned(), "action".to_owned()));
        let error = mock.v2(Method::DELETE, &format!("{NUMBERS}/block"), Some(&json!({"phone_number": "0612"})), &[]).await.v2_error();
        assert_eq!(error, ("invalid_phone_number".to_owned(), "phone_number".to_owned()));
        let error = mock.v2(Method::DELETE, &format!("{NUMBERS}/block"), None, &[]).await.v2_error();
        assert_eq!(error.0, "invalid_request", "DELETE needs its body");
        let error = mock.v2(Method::POST, &format!("{NUMBERS}/allow"), Some(&json!({})), &[]).await.v2_error();
        assert_eq!(error, ("invalid_request".to_owned(), "phone_number".to_owned()));
    }

    async fn sender_ids() {
        let mock = Mock::new();
        let list = mock.get2(SENDERS).await.json();
        assert_eq!(list, json!({"sender_ids": [{"sender_id": "Prelude", "status": "approved"}]}));
        let pending = mock.post2(SENDERS, &json!({"sender_id": "MyBrandOTP"})).await.json();
        assert_eq!(pending, json!({"sender_id": "MyBrandOTP", "status": "pending"}));
        let rejected = mock.post2(SENDERS, &json!({"sender_id": "FREE-CASH"})).await.json();
        assert_eq!(rejected["status"], "rejected");
        assert_eq!(rejected["reason"], magic::REJECTED_SENDER_REASON);
        let again = mock.post2(SENDERS, &json!({"sender_id": "MyBrandOTP"})).await.json();
        assert_eq!(again, pending, "a known name answers its state");
        let list = mock.get2(SENDERS).await.json();
        let names: Vec<&str> = list["sender_ids"].as_array().unwrap().iter().map(|s| s["sender_id"].as_str().unwrap()).collect();
        assert_eq!(names, ["Prelude", "MyBrandOTP", "FREE-CASH"]);
        expect_errors(&mock, SENDERS, vec![
            (json!({}), "invalid_request", "sender_id"),
            (json!({"sender_id": 5}), "invalid_request", "sender_id"),
            (json!({"sender_id": "TwelveLetter"}), "invalid_sender_id", "sender_id"),
            (json!({"sender_id": "a\u{0}b"}), "invalid_sender_id", "sender_id"),
            (json!({"sender_id": "123"}), "invalid_sender_id", "sender_id"),
        ]).await;
    }

    async fn every_create_error_code_names_its_param() {
        let mock = Mock::new();
        let cases = vec![
            (json!({}), "invalid_request", "target"),
            (json!({"target": "+14155550123"}), "invalid_request", "target"),
            (json!({"target": {"value": PHONE}}), "invalid_request", "target.type"),
            (json!({"target": {"type": "phone_number"}}), "invalid_request", "target.value"),
            (json!({"target": {"type": "phone_number", "value": 14155550123_u64}}), "invalid_request", "target.value"),
            (json!({"target": {"type": "fax", "value": PHONE}}), "invalid_request", "target.type"),
            (json!({"target": phone_target("+0123")}), "invalid_phone_number", "target.value"),
            (json!({"target": phone_target("14155550123")}), "invalid_phone_number", "target.value"),
            (json!({"target": {"type": "email_address", "value": "jane"}}), "invalid_request", "target.value"),
            (json!({"target": phone_target("+99912345678")}), "unsupported_country", "target.value"),
            (json!({"target": phone_target(PHONE), "dispatch_id": "abc"}), "invalid_request", "dispatch_id"),
            (json!({"target": phone_target(PHONE), "metadata": []}), "invalid_request", "metadata"),
            (json!({"target": phone_target(PHONE), "metadata": {"correlation_id": "x".repeat(65)}}), "invalid_correlation_id", "metadata.correlation_id"),
            (json!({"target": phone_target(PHONE), "metadata": {"correlation_id": 7}}), "invalid_request", "metadata.correlation_id"),
            (json!({"target": phone_target(PHONE), "signals": {"ip": "::ffff:1.2.3.4.5"}}), "invalid_request", "signals.ip"),
            (json!({"target": phone_target(PHONE), "signals": {"device_platform": "IOS"}}), "invalid_request", "signals.device_platform"),
            (json!({"target": phone_target(PHONE), "signals": {"device_id": ""}}), "invalid_device_id", "signals.device_id"),
            (json!({"target": phone_target(PHONE), "signals": {"os_version": "1\n"}}), "invalid_os_version", "signals.os_version"),
            (json!({"target": phone_target(PHONE), "signals": {"is_trusted_user": "yes"}}), "invalid_request", "signals.is_trusted_user"),
            (json!({"target": phone_target(PHONE), "options": "fast"}), "invalid_request", "options"),
            (options(json!({"template_id": ""})), "invalid_template_id", "options.template_id"),
            (options(json!({"template_id": "prelude:other"})), "template_not_found", "options.template_id"),
            (options(json!({"template_id": "prelude:psd2"})), "invalid_template_variables", "options.variables"),
            (options(json!({"variables": {"amount": 5}})), "invalid_template_variables", "options.variables.amount"),
            (options(json!({"locale": "fr_FR"})), "invalid_locale", "options.locale"),
            (options(json!({"sender_id": ""})), "invalid_sender_id", "options.sender_id"),
            (options(json!({"callback_url": "callback_url"})), "invalid_callback_url", "options.callback_url"),
            (options(json!({"callback_url": "ftp://127.0.0.1/x"})), "invalid_callback_url", "options.callback_url"),
            (options(json!({"method": "sms"})), "invalid_request", "options.method"),
            (options(json!({"preferred_channel": "pigeon"})), "invalid_request", "options.preferred_channel"),
            (options(json!({"channels": ["sms", "fax"]})), "invalid_request", "options.channels[1]"),
            (options(json!({"channels": []})), "invalid_request", "options.channels"),
            (options(json!({"channels": ["sms"], "preferred_channel": "sms"})), "invalid_request", "options.channels"),
            (options(json!({"channels": ["zalo"]})), "channel_not_enabled_in_region", "options.channels"),
            (options(json!({"code_size": 6, "custom_code": "123456"})), "custom_size_conflict", "options.custom_code"),
            (options(json!({"code_size": 3})), "invalid_code_size", "options.code_size"),
            (options(json!({"code_size": 9})), "invalid_code_size", "options.code_size"),
            (options(json!({"code_size": "6"})), "invalid_request", "options.code_size"),
            (options(json!({"custom_code": "123"})), "invalid_custom_code", "options.custom_code"),
            (options(json!({"custom_code": "12 34"})), "invalid_custom_code", "options.custom_code"),
            (options(json!({"app_realm": {"platform": "android"}})), "invalid_app_realm", "options.app_realm"),
            (options(json!({"app_realm": {"platform": "ios", "value": "x"}})), "invalid_app_realm_platform", "options.app_realm.platform"),
            (options(json!({"app_realm": {"platform": "android", "value": "short"}})), "invalid_app_realm_value", "options.app_realm.value"),
            (options(json!({"app_realm": {"platform": "web", "value": "not a domain"}})), "invalid_app_realm_value", "options.app_realm.value"),
            (options(json!({"force_challenge": 1})), "invalid_request", "options.force_challenge"),
            (options(json!({"max_auto_fallbacks": -1})), "invalid_request", "options.max_auto_fallbacks"),
            (json!({"target": {"type": "email_address", "value": "a@b.co"}, "options": {"method": "voice"}}), "invalid_request", "options.method"),
        ];
        expect_errors(&mock, "/v2/verification", cases).await;
        assert!(mock.inbox2("").await.is_empty(), "nothing sent for a refused request");
        let fine = options(json!({"app_realm": {"platform": "web", "value": "example.com"}, "max_auto_fallbacks": 0, "locale": "el-GR"}));
        assert_eq!(mock.verify(&fine).await["status"], "success");
    }

    async fn check_error_codes() {
        let mock = Mock::new();
        let cases = vec![
            (json!({"code": CODE}), "invalid_request", "target"),
            (json!({"target": phone_target(PHONE)}), "invalid_request", "code"),
            (json!({"target": phone_target(PHONE), "code": 123456}), "invalid_request", "code"),
            (json!({"target": phone_target("+1"), "code": CODE}), "invalid_phone_number", "target.value"),
            (json!({"target": phone_target(PHONE), "code": CODE, "psd2": {"amount": "1"}}), "invalid_request", "psd2.currency"),
            (json!({"target": phone_target(PHONE), "code": CODE, "psd2": "x"}), "invalid_request", "psd2"),
        ];
        expect_errors(&mock, "/v2/verification/check", cases).await;
    }

    async fn malformed_bodies_are_invalid_requests() {
        let mock = Mock::new();
        let auth = format!("Bearer {TOKEN}");
        for path in ["/v2/verification", "/v2/verification/check", "/v2/watch/predict", "/v2/watch/feedback", "/v2/watch/event", SENDERS] {
            for body in ["", "{", "[]", "\"text\"", "null", "{\"target\": 5}"] {
                let reply = mock.call(Method::POST, path, &[("authorization", auth.as_str())], body).await;
                assert_eq!(reply.v2_error().0, "invalid_request", "{path} {body}");
            }
        }
        let too_big = vec![b' '; ding_mock::MAX_BODY_BYTES + 1];
        let reply = mock.call_bytes(Method::POST, "/v2/verification", &[("authorization", auth.as_str())], too_big).await;
        assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    }

    async fn bearer_auth() {
        let mock = Mock::with(Config { api_key: Some("sk_right".to_owned()), ..Config::default() });
        let body = json!({"target": phone_target(PHONE)}).to_string();
        let cases: [(&[(&str, &str)], &str); 7] = [
            (&[], "missing_api_token"),
            (&[("authorization", "")], "missing_api_token"),
            (&[("authorization", "sk_right")], "invalid_api_key"),
            (&[("authorization", "Bearer")], "invalid_api_key"),
            (&[("authorization", "Basic c2tfcmlnaHQ=")], "invalid_api_key"),
            (&[("authorization", "Bearer sk_wrong")], "invalid_api_key"),
            (&[("x-api-key", "sk_right")], "missing_api_token"),
        ];
        for (headers, code) in cases {
            let reply = mock.call(Method::POST, "/v2/verification", headers, &body).await;
            assert_eq!(reply.v2_error_of(401), (code.to_owned(), String::new()), "{headers:?}");
        }
        assert_eq!(mock.call(Method::GET, "/v2/lookup/+14155550123", &[], "").await.status, StatusCode::UNAUTHORIZED);
        assert!(mock.inbox2("").await.is_empty());
        for scheme in ["Bearer", "bearer"] {
            let header = format!("{scheme} sk_right");
            let reply = mock.call(Method::POST, "/v2/verification", &[("authorization", header.as_str())], &body).await;
            assert_eq!(reply.status, StatusCode::OK, "{scheme}");
        }
        // Without --api-key any well-formed token does.
        let open = Mock::new();
        let reply = open.call(Method::POST, "/v2/verification", &[("authorization", "Bearer anything")], &body).await;
        assert_eq!(reply.status, StatusCode::OK);
    }

    async fn cors_allows_delete_and_the_bearer_header() {
        let mock = Mock::new();
        let preflight = [
            ("origin", "http://127.0.0.1:5173"),
            ("access-control-request-method", "DELETE"),
            ("access-control-request-headers", "authorization, content-type, x-ding-mock-fault"),
        ];
        for path in [format!("{NUMBERS}/block"), "/v2/verification".to_owned(), "/v2/_mock/webhooks".to_owned()] {
            let reply = mock.call(Method::OPTIONS, &path, &preflight, "").await;
            assert_eq!(reply.status, StatusCode::NO_CONTENT, "{path}");
            assert_eq!(reply.header("access-control-allow-origin"), "*");
            assert_eq!(reply.header("access-control-allow-methods"), "GET, POST, DELETE, OPTIONS");
            let allowed = reply.header("access-control-allow-headers");
            for name in ["authorization", "content-type", "x-ding-mock-fault"] {
                assert!(allowed.contains(name), "{name} missing from {allowed}");
            }
        }
        let body = json!({"phone_number": PHONE});
        let reply = mock.v2(Method::DELETE, &format!("{NUMBERS}/block"), Some(&body), &[("origin", "http://localhost:8080")]).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.header("access-control-allow-origin"), "*");
        assert_eq!(reply.header("x-request-id").len(), 36);
    }

    async fn unknown_paths_and_methods() {
        let mock = Mock::new();
        let reply = mock.get2("/v2/nothing").await;
        assert_eq!((reply.status, reply.json()), (StatusCode::NOT_FOUND, json!({"message": "Not Found"})));
        let reply = mock.get2("/v2/verification").await;
        assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(reply.header("allow"), "POST");
        let reply = mock.v2(Method::DELETE, SENDERS, None, &[]).await;
        assert_eq!((reply.status, reply.header("allow")), (StatusCode::METHOD_NOT_ALLOWED, "GET, POST"));
        let reply = mock.call(Method::GET, "/v2/_mock/nothing", &[], "").await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
        assert_eq!(mock.call(Method::GET, "/v1/_mock/webhooks", &[], "").await.status, StatusCode::NOT_FOUND, "v2 only");
    }

    async fn faults_apply_to_v2_as_to_v1() {
        let mock = Mock::new();
        let create = json!({"target": phone_target(PHONE)});
        let reply = mock.v2(Method::POST, "/v2/verification", Some(&create), &[(FAULT, "status=503;retry-after=2;key=v2;times=1")]).await;
        assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(reply.header("retry-after"), "2");
        assert_eq!(reply.json(), json!({"code": "internal", "message": "injected"}));
        assert!(mock.inbox2("").await.is_empty(), "the injected status did nothing");
        let reply = mock.v2(Method::POST, "/v2/verification", Some(&create), &[(FAULT, "status=503;retry-after=2;key=v2;times=1")]).await;
        assert_eq!(reply.status, StatusCode::OK, "times=1");
        assert_eq!(mock.mock2("requests?key=v2").await, json!({"count": 2}));
        assert_eq!(mock.key_count("v2").await, 2, "the same counters as /v1");

        let started = std::time::Instant::now();
        let reply = mock.v2(Method::POST, "/v2/verification", Some(&create), &[(FAULT, "delay=150")]).await;
        assert!(started.elapsed() >= std::time::Duration::from_millis(150));
        assert_eq!(reply.json()["status"], "retry");

        let reply = mock.v2(Method::POST, "/v2/verification", Some(&create), &[(FAULT, "body=unknown-enum")]).await;
        let json = reply.json();
        assert_eq!(json["status"], "brand_new_status");
        assert_eq!(json["method"], "brand_new_method");
        assert_eq!(json["channels"], json!(["sms", "brand_new_channels"]));
        let reply = mock.v2(Method::GET, "/v2/lookup/+14155550123", None, &[(FAULT, "body=truncated")]).await;
        assert!(serde_json::from_slice::<Value>(&reply.body).is_err());
        let reply = mock.v2(Method::GET, "/v2/lookup/+14155550123", None, &[(FAULT, "drop")]).await;
        assert!(reply.aborted);
        assert_eq!(reply.header("content-length"), r#"{"code":"internal","message":"injected"}"#.len().to_string());
        let reply = mock.v2(Method::GET, "/v2/lookup/+14155550123", None, &[(FAULT, "echo-key")]).await;
        assert_eq!((reply.status, reply.header("x-echo-key")), (StatusCode::UNAUTHORIZED, TOKEN));
        let reply = mock.v2(Method::GET, "/v2/lookup/+14155550123", None, &[(FAULT, "status=301;location=http://127.0.0.1:9/x")]).await;
        assert_eq!((reply.status.as_u16(), reply.header("location")), (301, "http://127.0.0.1:9/x"));
        let reply = mock.v2(Method::GET, "/v2/lookup/+14155550123", None, &[(FAULT, "explode")]).await;
        assert_eq!(reply.v2_error(), ("invalid_request".to_owned(), FAULT.to_owned()));
        let reply = mock.call(Method::GET, "/v2/lookup/+14155550123", &[(FAULT, "status=502")], "").await;
        assert_eq!(reply.status, StatusCode::BAD_GATEWAY, "faults come before the key check");
        let reply = mock.call(Method::GET, "/v2/_mock/health", &[(FAULT, "status=500")], "").await;
        assert_eq!((reply.status, reply.json()), (StatusCode::OK, json!({"ok": true})), "mock endpoints ignore faults");
    }

    async fn a_global_fault_covers_v2_too() {
        let mock = Mock::with(Config { fault: FaultSpec::parse("status=500;key=all;times=1").unwrap(), ..Config::default() });
        assert_eq!(mock.get2("/v2/lookup/+14155550123").await.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(mock.get2("/v2/lookup/+14155550123").await.status, StatusCode::OK);
    }

    async fn late_acts_before_answering() {
        let mock = Mock::new();
        let started = std::time::Instant::now();
        let reply = mock.v2(Method::POST, "/v2/verification", Some(&json!({"target": phone_target(PHONE)})), &[(FAULT, "late=150")]).await;
        assert!(started.elapsed() >= std::time::Duration::from_millis(150));
        assert_eq!(reply.json()["status"], "success");
        assert_eq!(mock.inbox2("").await.len(), 1);
    }

    async fn reset_forgets_v2_state() {
        let mock = Mock::new();
        mock.verify_phone(PHONE).await;
        mock.v2(Method::POST, &format!("{NUMBERS}/block"), Some(&json!({"phone_number": "+33612345678"})), &[]).await;
        mock.post2(SENDERS, &json!({"sender_id": "MyBrand"})).await;
        mock.post2("/v2/watch/event", &events(1)).await;
        let reply = mock.call(Method::POST, "/v2/_mock/reset", &[], "").await;
        assert_eq!(reply.json(), json!({"ok": true}));
        assert!(mock.inbox2("").await.is_empty());
        assert_eq!(mock.check2(PHONE, CODE).await["status"], "expired_or_not_found");
        assert_eq!(mock.get2(&format!("{NUMBERS}/block")).await.json(), json!({"phone_numbers": []}));
        assert_eq!(mock.get2(SENDERS).await.json()["sender_ids"].as_array().map(Vec::len), Some(1));
        assert_eq!(mock.mock2("watch").await, json!({"predictions": [], "feedbacks": [], "events": []}));
        assert_eq!(mock.mock2("webhooks").await, json!({"deliveries": []}));
        assert_eq!(mock.mock2("health").await, json!({"ok": true}));
        // /v1/_mock/reset forgets v2 too: one state.
        mock.verify_phone(PHONE).await;
        mock.call(Method::POST, "/v1/_mock/reset", &[], "").await;
        assert!(mock.inbox2("").await.is_empty());
    }
}
