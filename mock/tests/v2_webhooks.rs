//! Signed webhooks: what the core hands to its host, what the hosts that
//! deliver (the axum router, the axum app on a socket, the sandbox's
//! command) send to a loopback listener, the signature checked here with
//! the `rsa` crate against the key of `/v2/_mock/webhook-key` (PEM and
//! JWK), and callback URLs off loopback, which are never called.

#[macro_use]
mod common;

use std::net::TcpListener;
use std::time::{Duration, Instant};

use axum::http::Method;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::{is_rfc3339_millis, next_received, phone_target, receiver, Host, Mock, CODE, PHONE};
use ding_mock::Config;
use rsa::pkcs8::DecodePublicKey;
use rsa::{BigUint, Pss, RsaPublicKey};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// The webhook key of `mock`, parsed from its PEM and from its JWK, after
/// checking the answer's shape.
async fn keys(mock: &Mock) -> (RsaPublicKey, RsaPublicKey) {
    let answer = mock.mock2("webhook-key").await;
    let pem = answer["pem"].as_str().expect("pem");
    assert!(pem.starts_with("-----BEGIN PUBLIC KEY-----\n"), "{pem}");
    assert!(pem.trim_end().ends_with("-----END PUBLIC KEY-----"), "{pem}");
    let jwk = &answer["jwk"];
    let mut members: Vec<&String> = jwk.as_object().expect("jwk").keys().collect();
    members.sort();
    assert_eq!(members, ["e", "kty", "n"]);
    assert_eq!(jwk["kty"], "RSA");
    assert_eq!(jwk["e"], "AQAB");
    let from_pem = RsaPublicKey::from_public_key_pem(pem).expect("PEM");
    let n = URL_SAFE_NO_PAD.decode(jwk["n"].as_str().unwrap()).expect("n is base64url without padding");
    let e = URL_SAFE_NO_PAD.decode(jwk["e"].as_str().unwrap()).expect("e");
    assert_eq!(n.len(), 256, "a 2048-bit modulus");
    let from_jwk = RsaPublicKey::new(BigUint::from_bytes_be(&n), BigUint::from_bytes_be(&e)).expect("JWK");
    assert_eq!(from_pem, from_jwk, "PEM and JWK are the same key");
    (from_pem, from_jwk)
}

/// Checks `signature` (the header value) over `body` with `key`.
fn verify(key: &RsaPublicKey, signature: &str, body: &[u8]) {
    let encoded = signature.strip_prefix("rsassa-pss-sha256=").expect("the scheme prefix");
    assert!(!encoded.contains('='), "no padding: {encoded}");
    let raw = URL_SAFE_NO_PAD.decode(encoded).expect("base64url");
    assert_eq!(raw.len(), 256);
    let digest = Sha256::digest(body);
    key.verify(Pss::new_with_salt::<Sha256>(32), &digest, &raw).expect("a valid RSASSA-PSS SHA-256 signature, salt 32");
    let mut tampered = body.to_vec();
    tampered.push(b' ');
    let other = Sha256::digest(&tampered);
    assert!(
        key.verify(Pss::new_with_salt::<Sha256>(32), &other, &raw).is_err(),
        "the signature covers the exact bytes"
    );
}

/// A mock with a fixed code and a fixed seed (so its key is made once per
/// test run's seed, and the same in every host).
fn mock() -> Mock {
    Mock::with(Config { code: Some(CODE.to_owned()), seed: Some(10), ..Config::default() })
}

/// Creates then retries a verification whose callback is `url`; answers
/// the verification id.
async fn create_and_retry(mock: &Mock, url: &str) -> String {
    let body = json!({
        "target": phone_target(PHONE),
        "metadata": {"correlation_id": "signup-7f3c2a"},
        "options": {"callback_url": url},
    });
    let created = mock.verify(&body).await;
    assert_eq!(mock.verify(&body).await["status"], "retry");
    created["id"].as_str().unwrap().to_owned()
}

/// Checks one event body and answers it parsed.
fn check_event(body: &[u8], id: &str) -> Value {
    let event: Value = serde_json::from_slice(body).expect("JSON");
    assert!(event["id"].as_str().is_some_and(|e| e.starts_with("evt_") && e.len() == 30), "{event}");
    assert!(is_rfc3339_millis(&event["created_at"]), "{event}");
    let payload = &event["payload"];
    assert_eq!(payload["verification_id"], id);
    assert_eq!(payload["target"], phone_target(PHONE));
    assert_eq!(payload["metadata"], json!({"correlation_id": "signup-7f3c2a"}));
    assert!(is_rfc3339_millis(&payload["time"]));
    match event["type"].as_str() {
        Some("verify.authentication") => assert_eq!(payload["price"], json!({"amount": 0.009, "currency": "EUR"})),
        Some("verify.attempt") => assert_eq!(payload["channel"], "sms"),
        Some("verify.delivery_status") => assert_eq!(payload["status"], "delivered"),
        other => panic!("unexpected type {other:?}"),
    }
    event
}

/// The kinds of `events`, sorted.
fn kinds(events: &[Value]) -> Vec<String> {
    let mut kinds: Vec<String> = events.iter().map(|e| e["type"].as_str().unwrap().to_owned()).collect();
    kinds.sort();
    kinds
}

const EXPECTED: [&str; 5] =
    ["verify.attempt", "verify.attempt", "verify.authentication", "verify.delivery_status", "verify.delivery_status"];

/// Waits until the log has `n` deliveries of `id` and none is pending.
async fn settled_log(mock: &Mock, id: &str, n: usize) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let log = mock.mock2(&format!("webhooks?verification_id={id}")).await;
        let entries = log["deliveries"].as_array().unwrap().clone();
        if entries.len() == n && entries.iter().all(|e| e["status_or_error"] != "pending") {
            return entries;
        }
        assert!(Instant::now() < deadline, "deliveries still pending: {log}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

// The hosts that send the webhooks themselves; the core host of the tests
// only collects them (see `the_core_hands_signed_deliveries_to_its_host`).
host_tests!(mod delivering on [router http sandbox] {
    async fn the_host_delivers_signed_events_to_a_loopback_listener() {
        let mock = mock();
        let (port, rx) = receiver(5, 200);
        let url = format!("http://127.0.0.1:{port}/hooks/prelude?x=1");
        let id = create_and_retry(&mock, &url).await;
        let (pem, jwk) = keys(&mock).await;
        let mut events = Vec::new();
        for _ in 0..5 {
            let got = next_received(&rx).await;
            assert_eq!(got.path, "/hooks/prelude?x=1");
            assert_eq!(got.header("content-type"), "application/json");
            assert_eq!(got.header("host"), format!("127.0.0.1:{port}"));
            let signature = got.header("x-webhook-signature");
            verify(&pem, signature, &got.body);
            verify(&jwk, signature, &got.body);
            events.push(check_event(&got.body, &id));
        }
        assert_eq!(kinds(&events), EXPECTED);
        let first_report = events.iter().position(|e| e["type"] == "verify.delivery_status").unwrap();
        let first_auth = events.iter().position(|e| e["type"] == "verify.authentication").unwrap();
        assert_eq!(first_auth, 0, "verify.authentication comes first");
        assert!(first_report > 1, "a delivery report follows its attempt");

        let log = settled_log(&mock, &id, 5).await;
        for entry in &log {
            assert_eq!(entry["url"], url);
            assert_eq!(entry["status_or_error"], 200, "{entry}");
            // The log keeps the exact body and its signature: a receiver
            // under test can be fed from it without a socket.
            let body = entry["body"].as_str().unwrap();
            assert_eq!(serde_json::from_str::<Value>(body).unwrap(), entry["event"]);
            verify(&pem, entry["signature"].as_str().unwrap(), body.as_bytes());
        }
        let logged: Vec<Value> = log.iter().map(|e| e["event"].clone()).collect();
        assert_eq!(kinds(&logged), EXPECTED);
        assert_eq!(mock.mock2("webhooks?verification_id=vrf_other").await, json!({"deliveries": []}));
    }

    async fn failed_deliveries_are_logged() {
        let mock = mock();
        let (port, _rx) = receiver(3, 500);
        let body = json!({"target": phone_target(PHONE), "options": {"callback_url": format!("http://localhost:{port}/")}});
        let id = mock.verify(&body).await["id"].as_str().unwrap().to_owned();
        for entry in settled_log(&mock, &id, 3).await {
            assert_eq!(entry["status_or_error"], 500, "{entry}");
        }

        let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let body = json!({"target": phone_target("+33612345678"), "options": {"callback_url": format!("http://127.0.0.1:{closed}/x")}});
        let id = mock.verify(&body).await["id"].as_str().unwrap().to_owned();
        for entry in settled_log(&mock, &id, 3).await {
            let error = entry["status_or_error"].as_str().expect("an error text");
            assert!(!error.is_empty() && error != "pending", "{entry}");
        }
    }
});

// The core host only: it checks the deliveries the core hands to its host,
// which the other hosts send at once (see `delivering` above).
host_tests!(mod handed_over on [core_host] {
    async fn the_core_hands_signed_deliveries_to_its_host() {
        let mock = mock();
        assert_eq!(mock.host(), Host::Core);
        let id = create_and_retry(&mock, "http://[::1]:4321/verify").await;
        let (pem, _) = keys(&mock).await;
        let deliveries = mock.deliveries();
        assert_eq!(deliveries.len(), 5);
        let mut events = Vec::new();
        for d in &deliveries {
            assert_eq!((d.host.as_str(), d.port, d.path.as_str(), d.url.as_str()), ("::1", 4321, "/verify", "http://[::1]:4321/verify"));
            let header = |name: &str| d.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).unwrap_or("");
            assert_eq!(header("content-type"), "application/json");
            verify(&pem, header("x-webhook-signature"), &d.body);
            let event = check_event(&d.body, &id);
            let expected_wait = if event["type"] == "verify.delivery_status" { 100 } else { 0 };
            assert_eq!(d.after_ms, expected_wait, "{event}");
            events.push(event);
        }
        let types: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
        assert_eq!(types, ["verify.authentication", "verify.attempt", "verify.delivery_status", "verify.attempt", "verify.delivery_status"]);
        assert_eq!(events[1]["payload"]["attempt_number"], 1);
        assert_eq!(events[3]["payload"]["attempt_number"], 2);
        let ids: std::collections::BTreeSet<&str> = events.iter().map(|e| e["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), 5, "every event has its own id");
        let log = mock.mock2("webhooks").await;
        assert!(log["deliveries"].as_array().unwrap().iter().all(|e| e["status_or_error"] == "pending"), "{log}");
    }
});

host_tests! {
    async fn callbacks_off_loopback_are_never_called() {
        let mock = Mock::new();
        for (i, url) in [
            "https://hooks.example.com/prelude/verify",
            "https://127.0.0.1/x",
            "http://10.0.0.1:8080/x",
            "http://192.168.1.1/x",
            "http://example.com/x",
            "http://127.0.0.1.example.com/x",
            "http://user@127.0.0.1:9/x",
        ]
        .iter()
        .enumerate()
        {
            let phone = format!("+1415555{:04}", 1000 + i);
            let body = json!({"target": phone_target(&phone), "options": {"callback_url": url}});
            let id = mock.verify(&body).await["id"].as_str().unwrap().to_owned();
            let log = mock.mock2(&format!("webhooks?verification_id={id}")).await;
            let entries = log["deliveries"].as_array().unwrap();
            assert_eq!(entries.len(), 3, "{url}: logged");
            for entry in entries {
                assert_eq!(entry["url"], *url);
                assert!(entry.get("signature").is_none(), "nothing signed for a URL never called");
                assert!(entry["body"].is_string());
                let status = entry["status_or_error"].as_str().unwrap();
                assert!(status.starts_with("not sent"), "{url}: {status}");
            }
        }
        assert!(mock.deliveries().is_empty(), "the core handed no delivery to its host");
        // Without a callback_url nothing is logged at all.
        mock.verify_phone("+33612345678").await;
        assert_eq!(mock.mock2("webhooks").await["deliveries"].as_array().map(Vec::len), Some(21));
    }

    async fn the_webhook_key_is_stable_and_the_same_in_every_host() {
        let a = mock();
        let first = a.mock2("webhook-key").await;
        assert_eq!(a.mock2("webhook-key").await, first, "one key per mock");
        a.call(Method::POST, "/v2/_mock/reset", &[], "").await;
        assert_eq!(a.mock2("webhook-key").await, first, "reset keeps the key");
        keys(&a).await;
        // Seed 10 in every host: the core alone decides the key.
        let n = first["jwk"]["n"].as_str().unwrap();
        assert_eq!(&n[..8], expected_prefix_of_seed_10());
    }
}

/// The start of the JWK modulus of seed 10, as the core makes it in any host.
fn expected_prefix_of_seed_10() -> &'static str {
    "mnhZSDMP"
}
