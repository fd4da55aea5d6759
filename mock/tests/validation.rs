//! Request checks and their error codes, the API-key gate, lookup and CORS.

#[macro_use]
mod common;

use axum::http::{Method, StatusCode};
use common::{create_body, Mock, CODE, CUSTOMER, PHONE};
use ding_mock::Config;
use serde_json::{json, Value};

/// A valid create body with `changes` merged in (`null` removes a field).
fn create_with(changes: Value) -> Value {
    let mut body = create_body(PHONE);
    for (name, value) in changes.as_object().unwrap() {
        if value.is_null() {
            body.as_object_mut().unwrap().remove(name);
        } else {
            body[name] = value.clone();
        }
    }
    body
}

/// Posts each body to `path` and asserts the error code it gets.
async fn expect_codes(mock: &Mock, path: &str, cases: Vec<(Value, &str)>) {
    for (body, code) in cases {
        let reply = mock.post(path, &body).await;
        assert_eq!(reply.error_code(), code, "{body}");
    }
}

/// A lookup path, its headers and the error code it should get.
type LookupCase<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str);

host_tests! {
    async fn create_error_codes() {
        let nil = "00000000-0000-0000-0000-000000000000";
        let cases = vec![
            (create_with(json!({"customer_uuid": null})), "bad_request"),
            (create_with(json!({"phone_number": null})), "bad_request"),
            (create_with(json!({"phone_number": 14155550123_u64})), "bad_request"),
            (create_with(json!({"is_returning_user": "yes"})), "bad_request"),
            (create_with(json!({"customer_uuid": "not-a-uuid"})), "account_invalid"),
            (create_with(json!({"customer_uuid": nil})), "account_invalid"),
            (create_with(json!({"phone_number": "4155550123"})), "invalid_phone_number"),
            (create_with(json!({"phone_number": "+0155550123"})), "invalid_phone_number"),
            (create_with(json!({"phone_number": "+1415555012345678"})), "invalid_phone_number"),
            (create_with(json!({"phone_number": "+99912345678"})), "unsupported_region"),
            (create_with(json!({"ip": "300.1.1.1"})), "bad_request"),
            (create_with(json!({"device_type": "PALM"})), "bad_request"),
            (create_with(json!({"locale": "not a tag"})), "bad_request"),
            (create_with(json!({"callback_url": "ftp://x"})), "bad_request"),
            (create_with(json!({"device_id": ""})), "invalid_device_id"),
            (create_with(json!({"device_id": "a\nb"})), "invalid_device_id"),
            (create_with(json!({"device_model": ""})), "invalid_device_model"),
            (create_with(json!({"os_version": "1\u{0}"})), "invalid_os_version"),
            (create_with(json!({"app_version": ""})), "invalid_app_version"),
            (create_with(json!({"app_realm": ""})), "invalid_app_realm"),
            (create_with(json!({"app_realm": "FA+9qCX9VSu"})), "app_realm_require_device_type"),
            (create_with(json!({"app_realm": "FA+9qCX9VSu", "device_type": "IOS"})), "unsupported_app_realm_device_type"),
            (create_with(json!({"template_id": "welcome"})), "invalid_template_id"),
            (create_with(json!({"sender_id": ""})), "invalid_sender_id"),
        ];
        let mock = Mock::new();
        expect_codes(&mock, "/v1/authentication", cases).await;
        assert!(mock.inbox().await.is_empty());
    }

    async fn malformed_bodies_are_bad_requests() {
        let mock = Mock::new();
        for path in ["/v1/authentication", "/v1/check", "/v1/retry", "/v1/authentication/feedback"] {
            for body in ["", "{", "[]", "\"text\"", "{\"customer_uuid\": 5}"] {
                let headers = [("x-api-key", "k")];
                let reply = mock.call(Method::POST, path, &headers, body).await;
                assert_eq!(reply.error_code(), "bad_request", "{path} {body}");
            }
        }
    }

    async fn unknown_fields_and_nulls_are_accepted() {
        let mock = Mock::new();
        let body = create_with(json!({"brand_new_field": {"a": 1}, "ip": null, "locale": "fr-FR"}));
        let reply = mock.post("/v1/authentication", &body).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.json()["status"], "pending");
    }

    async fn check_retry_and_feedback_error_codes() {
        let mock = Mock::new();
        let auth = mock.create_uuid().await;
        let check = |customer: &str, auth: &str| json!({"customer_uuid": customer, "authentication_uuid": auth, "check_code": CODE});
        let cases = vec![
            (check("nope", &auth), "account_invalid"),
            (check(CUSTOMER, "nope"), "invalid_auth_uuid"),
            (json!({"customer_uuid": CUSTOMER, "authentication_uuid": auth}), "bad_request"),
            (json!({"customer_uuid": CUSTOMER, "authentication_uuid": auth, "check_code": 123456}), "bad_request"),
        ];
        expect_codes(&mock, "/v1/check", cases).await;

        let cases = vec![
            (json!({"customer_uuid": "nope", "authentication_uuid": auth}), "account_invalid"),
            (json!({"customer_uuid": CUSTOMER, "authentication_uuid": "123"}), "invalid_auth_uuid"),
            (json!({"customer_uuid": CUSTOMER}), "bad_request"),
        ];
        expect_codes(&mock, "/v1/retry", cases).await;

        let feedback = |customer: &str, phone: &str, status: &str| json!({"customer_uuid": customer, "phone_number": phone, "status": status});
        let cases = vec![
            (feedback("nope", PHONE, "onboarded"), "account_invalid"),
            (feedback(CUSTOMER, "+1", "onboarded"), "invalid_phone_number"),
            (feedback(CUSTOMER, PHONE, "signed_up"), "invalid_feedback_status"),
            (json!({"customer_uuid": CUSTOMER, "phone_number": PHONE}), "bad_request"),
        ];
        expect_codes(&mock, "/v1/authentication/feedback", cases).await;
        assert_eq!(mock.check(&auth, CODE).await, "valid");
    }

    async fn api_key_missing_empty_or_wrong() {
        let mock = Mock::with(Config { api_key: Some("sk_right".to_owned()), ..Config::default() });
        let body = create_body(PHONE).to_string();
        let path = "/v1/authentication";
        let cases = [
            (vec![], StatusCode::UNAUTHORIZED, "Unauthorized"),
            (vec![("x-api-key", "")], StatusCode::UNAUTHORIZED, "Unauthorized"),
            (vec![("x-api-key", "sk_wrong")], StatusCode::FORBIDDEN, "Forbidden"),
        ];
        for (headers, status, message) in cases {
            let reply = mock.call(Method::POST, path, &headers, &body).await;
            assert_eq!(reply.status, status);
            assert_eq!(reply.json(), json!({"message": message}));
        }
        let reply = mock.call(Method::GET, "/v1/lookup/%2B14155550123", &[], "").await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert!(mock.inbox().await.is_empty());

        let right = [("x-api-key", "sk_right")];
        let reply = mock.call(Method::POST, path, &right, &body).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(mock.inbox().await.len(), 1);
    }

    async fn any_key_is_accepted_without_api_key_option() {
        let mock = Mock::new();
        let reply = mock.call(Method::POST, "/v1/authentication", &[], &create_body(PHONE).to_string()).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        let headers = [("x-api-key", "anything")];
        let reply = mock.call(Method::POST, "/v1/authentication", &headers, &create_body(PHONE).to_string()).await;
        assert_eq!(reply.status, StatusCode::OK);
    }

    async fn mock_endpoints_need_no_key() {
        let mock = Mock::with(Config { api_key: Some("sk_right".to_owned()), ..Config::default() });
        let reply = mock.call(Method::GET, "/v1/_mock/health", &[], "").await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.json(), json!({"ok": true}));
        let reply = mock.call(Method::GET, "/v1/_mock/requests?key=x", &[], "").await;
        assert_eq!(reply.json(), json!({"count": 0}));
    }

    async fn lookup_answers() {
        let mock = Mock::new();
        let customer = [("customer-uuid", CUSTOMER)];
        let reply = mock.get_with("/v1/lookup/%2B14155550123", &customer).await;
        assert_eq!(reply.status, StatusCode::OK);
        let expected = json!({
            "phone_number": "+14155550123",
            "country_code": "US",
            "line_type": "Mobile",
            "carrier": "AT&T",
            "mcc": "310",
            "mnc": "410",
            "number_ported": false,
            "temporary_phone_number": false,
        });
        assert_eq!(reply.json(), expected);

        let reply = mock.get_with("/v1/lookup/%2b14155550123?type=cnam&type=cnam", &customer).await;
        let mut with_name = expected.clone();
        with_name["caller_name"] = json!("JANE DOE");
        assert_eq!(reply.json(), with_name);

        let reply = mock.get_with("/v1/lookup/+33612345678", &customer).await;
        let json = reply.json();
        assert_eq!((json["country_code"].as_str(), json["line_type"].as_str()), (Some("FR"), Some("Mobile")));
        assert_eq!(json["mcc"], "208");
        let reply = mock.get_with("/v1/lookup/%2B18005550199", &customer).await;
        assert_eq!(reply.json()["line_type"], "TollFree");
    }

    async fn lookup_error_codes() {
        let mock = Mock::new();
        let good = [("customer-uuid", CUSTOMER)];
        let cases: [LookupCase; 6] = [
            ("/v1/lookup/%2B14155550123", &[], "account_invalid"),
            ("/v1/lookup/%2B14155550123", &[("customer-uuid", "x")], "account_invalid"),
            ("/v1/lookup/14155550123", &good, "invalid_phone_number"),
            ("/v1/lookup/%2B1415555abcd", &good, "invalid_phone_number"),
            ("/v1/lookup/%FF", &good, "invalid_phone_number"),
            ("/v1/lookup/%2B14155550123?type=cnam&type=sms", &good, "bad_request"),
        ];
        for (path, headers, code) in cases {
            assert_eq!(mock.get_with(path, headers).await.error_code(), code, "{path}");
        }
    }

    async fn unknown_path_is_a_json_404() {
        let mock = Mock::new();
        let reply = mock.get("/v1/nothing").await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
        assert_eq!(reply.json(), json!({"message": "Not Found"}));
    }

    async fn cors_preflight_and_answers() {
        let mock = Mock::new();
        let preflight = [
            ("origin", "http://127.0.0.1:5173"),
            ("access-control-request-method", "POST"),
            ("access-control-request-headers", "content-type, x-api-key, x-ding-mock-fault"),
        ];
        for path in ["/v1/check", "/v1/lookup/%2B14155550123", "/v1/_mock/reset"] {
            let reply = mock.call(Method::OPTIONS, path, &preflight, "").await;
            assert_eq!(reply.status, StatusCode::NO_CONTENT, "{path}");
            assert!(reply.body.is_empty());
            assert_eq!(reply.header("access-control-allow-origin"), "*");
            assert_eq!(reply.header("access-control-allow-methods"), "GET, POST, DELETE, OPTIONS");
            let allowed = reply.header("access-control-allow-headers");
            for name in ["content-type", "accept", "x-api-key", "customer-uuid", "x-ding-mock-fault"] {
                assert!(allowed.contains(name), "{name} missing from {allowed}");
            }
            assert_eq!(reply.header("access-control-allow-private-network"), "");
        }
        let private = [("access-control-request-private-network", "true")];
        let reply = mock.call(Method::OPTIONS, "/v1/check", &private, "").await;
        assert_eq!(reply.header("access-control-allow-private-network"), "true");

        let origin = [("origin", "http://localhost:8080")];
        let unauthorized = mock.call(Method::GET, "/v1/authentication/x", &origin, "").await;
        assert_eq!(unauthorized.status, StatusCode::UNAUTHORIZED);
        let ok = mock.post_with("/v1/authentication", &create_body(PHONE), &origin).await;
        for reply in [unauthorized, ok] {
            assert_eq!(reply.header("access-control-allow-origin"), "*");
            let exposed = reply.header("access-control-expose-headers");
            for name in ["retry-after", "retry-after-ms", "x-request-id", "location"] {
                assert!(exposed.contains(name), "{name} missing from {exposed}");
            }
            assert_eq!(reply.header("x-request-id").len(), 36, "an id to quote to support");
        }
    }
}
