//! Fault injection through the `x-ding-mock-fault` header and `--fault`.

#[macro_use]
mod common;

use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use common::{create_body, Mock, Reply, CODE, CUSTOMER, PHONE};
use ding_mock::{Config, FaultSpec};
use serde_json::{json, Value};

const FAULT: &str = "x-ding-mock-fault";

/// Creates an authentication for [`PHONE`] under the fault `spec`.
async fn create_with_fault(mock: &Mock, spec: &str) -> Reply {
    mock.post_with("/v1/authentication", &create_body(PHONE), &[(FAULT, spec)]).await
}

host_tests! {
    async fn injected_status_does_not_touch_state() {
        let mock = Mock::new();
        let reply = create_with_fault(&mock, "status=503;retry-after=2;retry-after-ms=1500").await;
        assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(reply.header("content-type"), "application/json");
        assert_eq!(reply.header("retry-after"), "2");
        assert_eq!(reply.header("retry-after-ms"), "1500");
        let injected = json!({"code": "internal_server_error", "message": "injected"});
        assert_eq!(reply.json(), injected);
        assert!(mock.inbox().await.is_empty());

        let date = "Wed, 21 Oct 2015 07:28:00 GMT";
        let reply = create_with_fault(&mock, &format!("status=429;retry-after={date}")).await;
        assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(reply.header("retry-after"), date);
        assert!(mock.inbox().await.is_empty());
    }

    async fn injected_status_comes_before_the_api_key_check() {
        let mock = Mock::new();
        let headers = [(FAULT, "status=502")];
        let reply = mock.call(Method::GET, "/v1/authentication/x", &headers, "").await;
        assert_eq!(reply.status, StatusCode::BAD_GATEWAY);
    }

    async fn retry_after_on_a_real_answer() {
        let mock = Mock::new();
        let reply = create_with_fault(&mock, "retry-after=7").await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.header("retry-after"), "7");
        assert_eq!(reply.json()["status"], "pending");
        assert_eq!(mock.inbox().await.len(), 1);
    }

    async fn delay_sleeps_then_answers_for_real() {
        let mock = Mock::new();
        let start = Instant::now();
        let reply = create_with_fault(&mock, "delay=200").await;
        assert!(start.elapsed() >= Duration::from_millis(200));
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(mock.inbox().await.len(), 1);
    }

    async fn body_empty_and_html() {
        let mock = Mock::new();
        let reply = create_with_fault(&mock, "body=empty").await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(reply.body.is_empty());
        assert_eq!(mock.inbox().await.len(), 1, "body faults run the handler");

        let reply = create_with_fault(&mock, "body=html").await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.header("content-type"), "text/html; charset=utf-8");
        assert_eq!(&reply.body[..], b"<html><body><h1>502 Bad Gateway</h1></body></html>");

        let reply = create_with_fault(&mock, "status=502;body=html").await;
        assert_eq!(reply.status, StatusCode::BAD_GATEWAY);
        assert!(reply.body.starts_with(b"<html>"));
    }

    async fn body_truncated_is_half_of_the_real_json() {
        let mock = Mock::new();
        let reply = create_with_fault(&mock, "body=truncated").await;
        let text = String::from_utf8(reply.body.to_vec()).unwrap();
        assert!(text.starts_with("{\"authentication_uuid\":\""), "{text}");
        assert!(serde_json::from_str::<Value>(&text).is_err());
        let whole = mock.create(PHONE).await.to_string();
        assert_eq!(text.len(), whole.len() / 2);
    }

    async fn body_wrong_types() {
        let mock = Mock::new();
        let json = create_with_fault(&mock, "body=wrong-types").await.json();
        assert_eq!(json["authentication_uuid"], 36);
        assert_eq!(json["status"], 7);
        assert_eq!(json["created_at"], 24);
    }

    async fn body_unknown_enum() {
        let mock = Mock::new();
        let json = create_with_fault(&mock, "body=unknown-enum").await.json();
        assert_eq!(json["status"], "brand_new_status");
        assert_eq!(json["authentication_uuid"].as_str().map(str::len), Some(36));

        let headers = [("customer-uuid", CUSTOMER), (FAULT, "body=unknown-enum")];
        let lookup = mock.get_with("/v1/lookup/%2B14155550123", &headers).await.json();
        assert_eq!(lookup["line_type"], "brand_new_line_type");
        assert_eq!(lookup["country_code"], "US");
    }

    async fn body_unknown_event() {
        let mock = Mock::new();
        let auth = mock.create_uuid().await;
        let path = format!("/v1/authentication/{auth}");
        let json = mock.get_with(&path, &[(FAULT, "body=unknown-event")]).await.json();
        let events = json["events"].as_array().unwrap();
        assert_eq!(events.len(), 4);
        assert_eq!(events[0]["type"], "attempt");
        assert_eq!(events[0]["status"], "delivered");
        assert_eq!(events[3]["type"], "carrier_lookup");
        assert_eq!(events[3]["foo"], 1);
        assert!(common::is_rfc3339_millis(&events[3]["created_at"]));

        let check = json!({"customer_uuid": CUSTOMER, "authentication_uuid": auth, "check_code": CODE});
        let reply = mock.post_with("/v1/check", &check, &[(FAULT, "body=unknown-event")]).await;
        assert_eq!(reply.json()["status"], "brand_new_status");
        assert_eq!(mock.check(&auth, CODE).await, "already_validated");
    }

    async fn body_huge() {
        let mock = Mock::new();
        let reply = create_with_fault(&mock, "body=huge").await;
        assert!(reply.body.len() > 8 << 20);
        let json = reply.json();
        assert_eq!(json["status"], "pending");
        assert_eq!(json["mock_padding"].as_str().map(str::len), Some(8 << 20));
    }

    async fn body_faults_leave_error_answers_alone() {
        let mock = Mock::new();
        let bad = json!({"customer_uuid": "x", "phone_number": PHONE});
        let reply = mock.post_with("/v1/authentication", &bad, &[(FAULT, "body=html")]).await;
        assert_eq!(reply.error_code(), "account_invalid");
    }

    async fn drop_aborts_the_body_before_the_handler() {
        let mock = Mock::with(Config::default());
        let headers = [("x-api-key", "k"), (FAULT, "drop;status=201")];
        let reply = mock.call(Method::POST, "/v1/authentication", &headers, &create_body(PHONE).to_string()).await;
        assert_eq!(reply.status, StatusCode::CREATED);
        assert_eq!(reply.header("content-length"), "53");
        assert!(reply.aborted, "the body never completes");
        assert_eq!(&reply.body[..], &br#"{"code":"internal_server_error","message":"injected"}"#[..26]);
        let inbox = mock.call(Method::GET, "/v1/_mock/messages", &[], "").await;
        assert_eq!(&inbox.body[..], b"{\"messages\":[]}");
    }

    async fn times_limits_a_keyed_fault_and_counts_requests() {
        let mock = Mock::new();
        let spec = "status=503;key=flaky;times=2";
        for expected in [503, 503, 200, 200] {
            let reply = create_with_fault(&mock, spec).await;
            assert_eq!(reply.status.as_u16(), expected);
        }
        assert_eq!(mock.key_count("flaky").await, 4);
        assert_eq!(mock.inbox().await.len(), 2);

        assert_eq!(create_with_fault(&mock, "key=other").await.status, StatusCode::OK);
        assert_eq!(mock.key_count("other").await, 1);
        assert_eq!(mock.key_count("flaky").await, 4);
        assert_eq!(mock.key_count("never").await, 0);
    }

    async fn global_fault_with_header_override() {
        let mock =
            Mock::with(Config { fault: FaultSpec::parse("status=500;key=all;times=1").unwrap(), ..Config::default() });
        let reply = mock.post("/v1/authentication", &create_body(PHONE)).await;
        assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(mock.post("/v1/authentication", &create_body(PHONE)).await.status, StatusCode::OK);
        let reply = create_with_fault(&mock, "status=504;key=mine").await;
        assert_eq!(reply.status, StatusCode::GATEWAY_TIMEOUT);
        assert_eq!(mock.key_count("all").await, 2);
        assert_eq!(mock.key_count("mine").await, 1);
        let health = mock.call(Method::GET, "/v1/_mock/health", &[], "").await;
        assert_eq!(health.status, StatusCode::OK, "mock endpoints ignore faults");
    }

    async fn invalid_fault_header_is_a_bad_request() {
        let mock = Mock::new();
        let reply = create_with_fault(&mock, "status=abc").await;
        assert_eq!(reply.error_code(), "bad_request");
        let message = reply.json()["message"].as_str().unwrap().to_owned();
        assert!(message.contains("x-ding-mock-fault"), "{message}");
        assert!(mock.inbox().await.is_empty());
    }

    async fn a_redirect_with_its_location() {
        let mock = Mock::new();
        let reply = create_with_fault(&mock, "status=307;location=http://127.0.0.1:9/elsewhere").await;
        assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT);
        assert_eq!(reply.header("location"), "http://127.0.0.1:9/elsewhere");
        assert!(mock.inbox().await.is_empty(), "nothing was done");
    }

    async fn late_answers_after_acting() {
        let mock = Mock::new();
        let started = Instant::now();
        let reply = create_with_fault(&mock, "late=150").await;
        assert!(started.elapsed() >= Duration::from_millis(150));
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(mock.inbox().await.len(), 1, "the code was sent before the wait");
    }

    async fn echo_key_repeats_the_key_in_every_spelling() {
        let mock = Mock::new();
        let reply = create_with_fault(&mock, "echo-key").await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert_eq!(reply.header("x-echo-key"), "sk_test");
        let text = String::from_utf8_lossy(&reply.body).into_owned();
        for spelling in ["sk_test", "%73%6B%5F%74%65%73%74", "\\u0073\\u006b\\u005f"] {
            assert!(text.contains(spelling), "{spelling} in {text}");
        }
        assert_eq!(reply.json()["request_id"], "req-sk_test", "still JSON");
        let bearer = [("authorization", "Bearer tok_1"), (FAULT, "echo-key;status=400")];
        let reply = mock.call(Method::GET, "/v1/authentication/x", &bearer, "").await;
        assert_eq!((reply.status, reply.header("x-echo-key")), (StatusCode::BAD_REQUEST, "tok_1"));
    }

    async fn bad_event_adds_unreadable_items_to_the_history() {
        let mock = Mock::new();
        let auth = mock.create_uuid().await;
        let reply = mock.get_with(&format!("/v1/authentication/{auth}"), &[(FAULT, "body=bad-event")]).await;
        let events = reply.json()["events"].as_array().unwrap().clone();
        let n = events.len();
        assert_eq!(events[n - 2]["attempt_number"], "one");
        assert!(events[n - 1].is_null());
    }
}
