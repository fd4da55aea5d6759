//! The OTP flow end to end: create, inbox, check, retry, expiry, feedback,
//! status history, magic numbers and reset.

#[macro_use]
mod common;

use std::time::Duration;

use axum::http::{Method, StatusCode};
use common::{is_rfc3339_millis, Mock, CODE, CUSTOMER, OTHER_CUSTOMER, PHONE};
use ding_mock::Config;
use serde_json::{json, Value};

/// A mock with the fixed code and its other settings changed by `change`.
fn mock_with(change: impl FnOnce(&mut Config)) -> Mock {
    let mut config = Config { code: Some(CODE.to_owned()), ..Config::default() };
    change(&mut config);
    Mock::with(config)
}

host_tests! {
    async fn full_flow_create_inbox_check() {
        let mock = Mock::new();
        let created = mock.create(PHONE).await;
        assert_eq!(created["status"], "pending");
        assert!(is_rfc3339_millis(&created["created_at"]), "{created}");
        assert!(is_rfc3339_millis(&created["expires_at"]), "{created}");
        assert!(created["expires_at"].as_str() > created["created_at"].as_str());
        let auth = created["authentication_uuid"].as_str().unwrap();
        assert_eq!(auth.len(), 36);

        let inbox = mock.inbox().await;
        assert_eq!(inbox.len(), 1);
        assert_eq!(inbox[0]["phone_number"], PHONE);
        assert_eq!(inbox[0]["authentication_uuid"], auth);
        assert_eq!(inbox[0]["code"], CODE);
        assert_eq!(inbox[0]["content"], "Your verification code is 123456");

        assert_eq!(mock.check(auth, "000000").await, "invalid");
        assert_eq!(mock.check(auth, CODE).await, "valid");
        assert_eq!(mock.check(auth, CODE).await, "already_validated");
        // Holding the id is not enough: a wrong code after the success is wrong.
        assert_eq!(mock.check(auth, "999999").await, "invalid");
        assert_eq!(mock.check(auth, "").await, "invalid");
        assert_eq!(mock.retry(auth).await["status"], "already_validated");
    }

    async fn random_code_without_fixed_one() {
        let mock = Mock::with(Config::default());
        let auth = mock.create_uuid().await;
        let inbox = mock.inbox().await;
        let code = inbox[0]["code"].as_str().unwrap().to_owned();
        assert_eq!(code.len(), 6);
        assert!(code.bytes().all(|c| c.is_ascii_digit()));
        let wrong = if code == "999999" { "000000" } else { "999999" };
        assert_eq!(mock.check(&auth, wrong).await, "invalid");
        assert_eq!(mock.check(&auth, &code).await, "valid");
    }

    async fn inbox_filters_by_number_with_plus_or_space() {
        let mock = Mock::new();
        mock.create(PHONE).await;
        mock.create("+33612345678").await;
        for query in ["%2B33612345678", "+33612345678", "33612345678"] {
            let path = format!("/v1/_mock/messages?phone_number={query}");
            let reply = mock.call(Method::GET, &path, &[], "").await;
            let messages = reply.json()["messages"].as_array().unwrap().clone();
            assert_eq!(messages.len(), 1, "{query}");
            assert_eq!(messages[0]["phone_number"], "+33612345678");
        }
        assert_eq!(mock.inbox().await.len(), 2);
    }

    async fn retry_denied_then_approved_then_out_of_retries() {
        let mock = mock_with(|c| {
            c.retry_window = Duration::from_millis(300);
            c.max_retries = 1;
        });
        let auth = mock.create_uuid().await;
        let denied = mock.retry(&auth).await;
        assert_eq!(denied["status"], "denied");
        assert_eq!(denied["remaining_retry"], 1);
        assert_eq!(denied["authentication_uuid"], auth.as_str());
        assert!(is_rfc3339_millis(&denied["created_at"]));
        assert!(denied["next_retry_at"].as_str() > denied["created_at"].as_str());

        tokio::time::sleep(Duration::from_millis(350)).await;
        let approved = mock.retry(&auth).await;
        assert_eq!(approved["status"], "approved");
        assert_eq!(approved["remaining_retry"], 0);
        assert!(approved["next_retry_at"].as_str() > denied["next_retry_at"].as_str());
        let inbox = mock.inbox().await;
        assert_eq!(inbox.len(), 2);
        assert_eq!(inbox[1]["code"], CODE);

        let events = mock.status(&auth).await["events"].clone();
        let attempts: Vec<&Value> = events.as_array().unwrap().iter().filter(|e| e["type"] == "attempt").collect();
        assert_eq!(attempts.len(), 2);
        assert_eq!(attempts[1]["attempt_number"], 2);

        tokio::time::sleep(Duration::from_millis(350)).await;
        let limited = mock.retry(&auth).await;
        assert_eq!(limited["status"], "rate_limited");
        assert_eq!(limited["remaining_retry"], 0);
        assert_eq!(mock.check(&auth, CODE).await, "valid");
    }

    async fn zero_window_approves_at_once() {
        let mock = mock_with(|c| c.retry_window = Duration::ZERO);
        let auth = mock.create_uuid().await;
        let approved = mock.retry(&auth).await;
        assert_eq!(approved["status"], "approved");
        assert_eq!(approved["remaining_retry"], 2);
    }

    async fn expired_authentication() {
        let mock = mock_with(|c| {
            c.expiry = Duration::from_millis(200);
            c.retry_window = Duration::ZERO;
        });
        let auth = mock.create_uuid().await;
        tokio::time::sleep(Duration::from_millis(250)).await;
        assert_eq!(mock.check(&auth, CODE).await, "expired_auth");
        assert_eq!(mock.retry(&auth).await["status"], "expired_auth");
        assert_eq!(mock.inbox().await.len(), 1);
    }

    async fn too_many_wrong_codes_rate_limit_checks() {
        let mock = mock_with(|c| c.max_check_attempts = 2);
        let auth = mock.create_uuid().await;
        assert_eq!(mock.check(&auth, "1").await, "invalid");
        assert_eq!(mock.check(&auth, "2").await, "invalid");
        assert_eq!(mock.check(&auth, CODE).await, "rate_limited");
    }

    async fn spam_number_sends_nothing() {
        let mock = Mock::new();
        let created = mock.create("+14155550666").await;
        assert_eq!(created["status"], "spam_detected");
        let auth = created["authentication_uuid"].as_str().unwrap();
        assert!(mock.inbox().await.is_empty());
        assert_eq!(mock.check(auth, CODE).await, "without_attempt");
        assert_eq!(mock.retry(auth).await["status"], "no_attempt");
        let events = mock.status(auth).await["events"].clone();
        assert_eq!(events.as_array().unwrap().len(), 1);
        assert_eq!(events[0]["type"], "check");
        assert_eq!(events[0]["status"], "without_attempt");
    }

    async fn eleventh_authentication_in_an_hour_is_rate_limited() {
        let mock = Mock::new();
        for _ in 0..10 {
            assert_eq!(mock.create(PHONE).await["status"], "pending");
        }
        let limited = mock.create(PHONE).await;
        assert_eq!(limited["status"], "rate_limited");
        let auth = limited["authentication_uuid"].as_str().unwrap();
        assert_eq!(mock.check(auth, CODE).await, "without_attempt");
        assert_eq!(mock.inbox().await.len(), 10);
        assert_eq!(mock.create("+14155550124").await["status"], "pending");
    }

    async fn another_customer_cannot_use_the_authentication() {
        let mock = Mock::new();
        let auth = mock.create_uuid().await;
        for (path, body) in [
            ("/v1/check", json!({"customer_uuid": OTHER_CUSTOMER, "authentication_uuid": auth, "check_code": CODE})),
            ("/v1/retry", json!({"customer_uuid": OTHER_CUSTOMER, "authentication_uuid": auth})),
        ] {
            let reply = mock.post(path, &body).await;
            assert_eq!(reply.error_code(), "invalid_auth_uuid", "{path}");
        }
        assert_eq!(mock.check(&auth, CODE).await, "valid");
    }

    async fn unknown_authentication() {
        let mock = Mock::new();
        let unknown = "5d137d2c-bff8-4d8b-a5a7-56912aefa916";
        let check = json!({"customer_uuid": CUSTOMER, "authentication_uuid": unknown, "check_code": "1"});
        assert_eq!(mock.post("/v1/check", &check).await.error_code(), "invalid_auth_uuid");
        let retry = json!({"customer_uuid": CUSTOMER, "authentication_uuid": unknown});
        assert_eq!(mock.post("/v1/retry", &retry).await.error_code(), "invalid_auth_uuid");
        for path in [format!("/v1/authentication/{unknown}"), "/v1/authentication/nope".to_owned()] {
            assert_eq!(mock.get(&path).await.error_code(), "invalid_auth_uuid", "{path}");
        }
    }

    async fn feedback_rules() {
        let mock = Mock::new();
        let feedback = |status: &str| json!({"customer_uuid": CUSTOMER, "phone_number": PHONE, "status": status});
        let path = "/v1/authentication/feedback";
        let none = mock.post(path, &feedback("onboarded")).await;
        assert_eq!(none.error_code(), "no_associated_auth_found");

        mock.create(PHONE).await;
        let first = mock.post(path, &feedback("onboarded")).await;
        assert_eq!(first.status, StatusCode::OK);
        assert_eq!(first.json()["uuid"].as_str().map(str::len), Some(36));
        let again = mock.post(path, &feedback("onboarded")).await;
        assert_eq!(again.error_code(), "duplicated_feedback_status");
        let other = mock.post(path, &feedback("not_onboarded")).await;
        assert_eq!(other.status, StatusCode::OK);
        assert_ne!(other.json()["uuid"], first.json()["uuid"]);

        let stranger = json!({"customer_uuid": OTHER_CUSTOMER, "phone_number": PHONE, "status": "onboarded"});
        let reply = mock.post(path, &stranger).await;
        assert_eq!(reply.error_code(), "no_associated_auth_found");
    }

    async fn status_has_signals_and_all_event_kinds() {
        let mock = Mock::new();
        let body = json!({
            "customer_uuid": CUSTOMER,
            "phone_number": PHONE,
            "template_id": "tpl_01hw3k9s2x",
            "correlation_id": "signup-7f3c2a",
            "sender_id": "MyBrand",
            "ip": "203.0.113.42",
            "device_type": "ANDROID",
            "app_realm": "FA+9qCX9VSu",
            "is_returning_user": false,
        });
        let reply = mock.post("/v1/authentication", &body).await;
        let auth = reply.json()["authentication_uuid"].as_str().unwrap().to_owned();
        assert_eq!(mock.check(&auth, "111111").await, "invalid");
        assert_eq!(mock.check(&auth, CODE).await, "valid");

        let status = mock.status(&auth).await;
        assert_eq!(status["uuid"], auth.as_str());
        assert_eq!(status["phone_number"], PHONE);
        assert_eq!(status["template_id"], "tpl_01hw3k9s2x");
        assert_eq!(status["correlation_id"], "signup-7f3c2a");
        assert!(is_rfc3339_millis(&status["created_at"]));
        let signals = json!({
            "ip": "203.0.113.42",
            "device_type": "ANDROID",
            "app_realm": "FA+9qCX9VSu",
            "is_returning_user": false,
        });
        assert_eq!(status["signals"], signals);

        let events = status["events"].as_array().unwrap();
        let kinds: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["attempt", "delivery_status", "balance_update", "check", "check"]);
        assert!(events.iter().all(|e| is_rfc3339_millis(&e["created_at"])));
        let attempt = &events[0];
        assert_eq!(attempt["attempt_number"], 1);
        assert_eq!(attempt["capability"], "text");
        assert_eq!(attempt["content"], "Your verification code is 123456");
        assert_eq!(attempt["sender_id"], "MyBrand");
        assert_eq!(attempt["status"], "delivered");
        let delivery = &events[1];
        assert_eq!(delivery["attempt_id"], attempt["id"]);
        assert_eq!(delivery["attempt_number"], 1);
        assert_eq!(delivery["status"], "delivered");
        assert!(is_rfc3339_millis(&delivery["originated_at"]));
        assert_eq!(events[2]["amount"], -0.045);
        assert_eq!(events[2]["balance_update_type"], "attempt_success");
        assert_eq!(events[3]["code"], "111111");
        assert_eq!(events[3]["status"], "invalid");
        assert_eq!(events[4]["code"], CODE);
        assert_eq!(events[4]["status"], "valid");
        assert_ne!(events[3]["id"], events[4]["id"]);
    }

    async fn status_leaves_out_absent_fields() {
        let mock = Mock::new();
        let auth = mock.create_uuid().await;
        let status = mock.status(&auth).await;
        let object = status.as_object().unwrap();
        assert!(!object.contains_key("template_id"));
        assert!(!object.contains_key("correlation_id"));
        assert_eq!(status["signals"], json!({}));
        assert_eq!(status["events"][0]["sender_id"], "Ding");
        assert!(!status.to_string().contains("null"));
    }

    async fn uppercase_uuids_find_the_same_authentication() {
        let mock = Mock::new();
        let auth = mock.create_uuid().await.to_uppercase();
        let body = json!({"customer_uuid": CUSTOMER.to_uppercase(), "authentication_uuid": auth, "check_code": CODE});
        let reply = mock.post("/v1/check", &body).await;
        assert_eq!(reply.json()["status"], "valid");
        assert_eq!(mock.status(&auth).await["uuid"], auth.to_lowercase());
    }

    async fn reset_forgets_everything() {
        let mock = Mock::new();
        let auth = mock.create_uuid().await;
        let faulted = json!({"x": 1});
        mock.post_with("/v1/check", &faulted, &[("x-ding-mock-fault", "key=r")]).await;
        assert_eq!(mock.key_count("r").await, 1);
        let reply = mock.call(Method::POST, "/v1/_mock/reset", &[], "").await;
        assert_eq!(reply.json(), json!({"ok": true}));
        assert!(mock.inbox().await.is_empty());
        assert_eq!(mock.key_count("r").await, 0);
        let reply = mock.get(&format!("/v1/authentication/{auth}")).await;
        assert_eq!(reply.error_code(), "invalid_auth_uuid");
        let feedback = json!({"customer_uuid": CUSTOMER, "phone_number": PHONE, "status": "onboarded"});
        let reply = mock.post("/v1/authentication/feedback", &feedback).await;
        assert_eq!(reply.error_code(), "no_associated_auth_found");
        assert_eq!(mock.create(PHONE).await["status"], "pending");
    }
}
