//! The sans-IO core on its own: the same inputs give the same answers, the
//! host protocol of `delay` / `late` / `drop` / deliveries, and no panic on
//! any input.

use ding_mock::{Config, Mock, Reply, Request};
use serde_json::{json, Value};

const T0: u64 = 1_767_225_600_000; // 2026-01-01T00:00:00.000Z

fn json(reply: &Reply) -> Value {
    serde_json::from_slice(&reply.body).unwrap_or_else(|e| panic!("{e}: {:?}", String::from_utf8_lossy(&reply.body)))
}

fn v2(method: &str, path: &str, body: &Value) -> Request {
    Request::new(method, path).header("authorization", "Bearer k").body(body.to_string())
}

fn inbox_len(mock: &mut Mock) -> usize {
    let reply = mock.handle(Request::new("GET", "/v2/_mock/messages"), T0);
    json(&reply)["messages"].as_array().unwrap().len()
}

/// A scripted session: creates, retries, checks, lookups, v1 calls,
/// faults and a webhook, each at its own instant.
/// What one answer of [`session`] was: status, headers, body, and the
/// bodies and signatures of its deliveries.
type Seen = (u16, Vec<(String, String)>, Vec<u8>, Vec<Vec<u8>>);

fn session(mock: &mut Mock) -> Vec<Seen> {
    let target = json!({"type": "phone_number", "value": "+33612345678"});
    let requests = vec![
        v2("POST", "/v2/verification", &json!({"target": target, "options": {"callback_url": "http://127.0.0.1:9/h"}})),
        v2("POST", "/v2/verification", &json!({"target": target})),
        v2("POST", "/v2/verification/check", &json!({"target": target, "code": "000000"})),
        v2("GET", "/v2/lookup/+14155550669?type=cnam", &Value::Null),
        v2("POST", "/v2/watch/predict", &json!({"target": target})),
        Request::new("POST", "/v1/authentication").header("x-api-key", "k").body(
            json!({"customer_uuid": "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84", "phone_number": "+14155550123"})
                .to_string(),
        ),
        v2("GET", "/v2/lookup/+14155550123", &Value::Null).header("x-ding-mock-fault", "body=wrong-types"),
        Request::new("GET", "/v2/_mock/messages"),
        Request::new("GET", "/v2/_mock/webhooks"),
    ];
    requests
        .into_iter()
        .enumerate()
        .map(|(i, req)| {
            let r = mock.handle(req, T0 + 1000 * i as u64);
            let bodies = r
                .deliveries
                .iter()
                .map(|d| d.body.clone())
                .chain(r.deliveries.iter().map(|d| d.headers[1].1.clone().into_bytes()))
                .collect();
            (r.status, r.headers, r.body, bodies)
        })
        .collect()
}

#[test]
fn the_same_seed_and_inputs_give_the_same_answers() {
    let config = Config::default();
    let a = session(&mut Mock::new(config.clone(), 10));
    let b = session(&mut Mock::new(config.clone(), 10));
    assert_eq!(a, b, "byte for byte, signatures included");
    let c = session(&mut Mock::new(config, 11));
    assert_ne!(a, c);
    let first = serde_json::from_slice::<Value>(&a[0].2).unwrap();
    assert_eq!(&first["id"].as_str().unwrap()[..14], "vrf_01kdvdna00", "ids start with the time");
    assert_eq!(a[0].3.len(), 6, "three deliveries with their signatures");
}

#[test]
fn delay_waits_before_any_change_and_resume_goes_on() {
    let mut mock = Mock::new(Config::default(), 1);
    let create = v2("POST", "/v2/verification", &json!({"target": {"type": "phone_number", "value": "+33612345678"}}))
        .header("x-ding-mock-fault", "delay=250;late=40;key=d");
    let reply = mock.handle(create.clone(), T0);
    let delay = reply.delay.expect("a delay");
    assert_eq!(delay.ms, 250);
    assert_eq!((reply.status, reply.body.len(), reply.headers.len()), (0, 0, 0), "nothing else in a delayed reply");
    assert_eq!(inbox_len(&mut mock), 0, "nothing happened yet");
    let count = json(&mock.handle(Request::new("GET", "/v2/_mock/requests?key=d"), T0));
    assert_eq!(count, json!({"count": 1}), "counted once, when it came");

    let real = mock.resume(delay, T0 + 250);
    assert_eq!(real.status, 200);
    assert_eq!(real.late_ms, 40, "late comes with the real reply");
    assert_eq!(json(&real)["status"], "success");
    assert_eq!(real.header("x-request-id").map(str::len), Some(36));
    assert_eq!(inbox_len(&mut mock), 1);

    // A client that gives up: the host drops the delay and nothing changes.
    let again = mock.handle(create, T0 + 300);
    drop(again.delay.expect("a delay"));
    assert_eq!(inbox_len(&mut mock), 1);
    let count = json(&mock.handle(Request::new("GET", "/v2/_mock/requests?key=d"), T0));
    assert_eq!(count, json!({"count": 2}));
}

#[test]
fn drop_says_how_much_to_send() {
    let mut mock = Mock::new(Config::default(), 1);
    let reply = mock.handle(Request::new("GET", "/v1/lookup/%2B1").header("x-ding-mock-fault", "drop;status=202"), T0);
    assert_eq!(reply.status, 202);
    assert_eq!(reply.body, br#"{"code":"internal_server_error","message":"injected"}"#);
    assert_eq!(reply.drop_after, Some(26));
    assert!(reply.delay.is_none() && reply.deliveries.is_empty() && reply.late_ms == 0);
}

#[test]
fn deliveries_are_only_for_loopback_http() {
    let mut mock = Mock::new(Config::default(), 10);
    let body = |url: &str, phone: &str| json!({"target": {"type": "phone_number", "value": phone}, "options": {"callback_url": url}});
    let local = mock.handle(v2("POST", "/v2/verification", &body("http://localhost:8080/h", "+33612345678")), T0);
    assert_eq!(local.deliveries.len(), 3);
    assert_eq!(local.deliveries.iter().map(|d| d.after_ms).collect::<Vec<_>>(), [0, 0, 100]);
    let ids: Vec<u64> = local.deliveries.iter().map(|d| d.id).collect();
    let remote = mock.handle(v2("POST", "/v2/verification", &body("https://example.com/h", "+33612345679")), T0);
    assert!(remote.deliveries.is_empty());
    mock.delivered(ids[0], Ok(204));
    mock.delivered(ids[1], Err("connection refused".to_owned()));
    mock.delivered(999, Ok(200));
    let log = json(&mock.handle(Request::new("GET", "/v2/_mock/webhooks"), T0));
    let states: Vec<Value> =
        log["deliveries"].as_array().unwrap().iter().map(|e| e["status_or_error"].clone()).collect();
    assert_eq!(states[..3], [json!(204), json!("connection refused"), json!("pending")]);
    assert!(states[3..].iter().all(|s| s.as_str().is_some_and(|s| s.starts_with("not sent"))));
}

#[test]
fn preflights_answer_before_routing() {
    let mut mock = Mock::new(Config::default(), 1);
    let reply = mock.handle(
        Request::new("OPTIONS", "/anything/at/all").header("access-control-request-private-network", "true"),
        T0,
    );
    assert_eq!(reply.status, 204);
    assert_eq!(reply.header("access-control-allow-methods"), Some("GET, POST, DELETE, OPTIONS"));
    assert_eq!(reply.header("access-control-allow-private-network"), Some("true"));
    assert!(reply.header("x-request-id").is_none());
}

/// A tiny generator of hostile inputs (not the mock's own).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }
}

/// Replaces values deep in a JSON body by odd ones.
fn mutate(value: &mut Value, rng: &mut Lcg) {
    let odd = [
        json!(null),
        json!(""),
        json!(-1),
        json!(1e308),
        json!(u64::MAX),
        json!([]),
        json!({}),
        json!("\u{0}\u{7f}é𝄞"),
        json!("+"),
        json!("x".repeat(300)),
        json!(true),
    ];
    match value {
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            for key in keys {
                if rng.next().is_multiple_of(3) {
                    map.insert(key, odd[(rng.next() as usize) % odd.len()].clone());
                } else if let Some(v) = map.get_mut(&key) {
                    mutate(v, rng);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| mutate(v, rng)),
        _ => {}
    }
}

#[test]
fn no_input_makes_it_panic() {
    let mut mock = Mock::new(Config { code: Some("123456".to_owned()), ..Config::default() }, 5);
    let mut rng = Lcg(7);
    let paths = [
        "/v2/verification",
        "/v2/verification/check",
        "/v2/lookup/+14155550123",
        "/v2/lookup/%2B1%FF",
        "/v2/lookup/",
        "/v2/watch/predict",
        "/v2/watch/feedback",
        "/v2/watch/event",
        "/v2/verification/management/phone-numbers/block",
        "/v2/verification/management/phone-numbers/%ZZ",
        "/v2/verification/management/sender-id",
        "/v2/_mock/messages?phone_number=%",
        "/v2/_mock/webhooks?verification_id=%FF",
        "/v1/authentication",
        "/v1/authentication/%E2%82",
        "/v1/check",
        "/v1/retry",
        "/v1/lookup/+1?type=%",
        "/v1/_mock/requests?key=%FF%FE",
        "//",
        "",
        "/v2",
        "/v2/",
    ];
    let bodies = [
        json!({"target": {"type": "phone_number", "value": "+33612345678"}, "code": "123456", "dispatch_id": "2c6b1f0e-7d3a-4e9b-8a51-0f4d2c9e7b13",
               "metadata": {"correlation_id": "c"}, "signals": {"ip": "::1", "device_id": "d", "device_platform": "ios"},
               "options": {"template_id": "prelude:psd2", "variables": {"amount": "1", "currency": "EUR", "recipient": "R"}, "locale": "fr-FR",
                           "sender_id": "S", "callback_url": "http://127.0.0.1:1/", "method": "voice", "channels": ["sms"], "code_size": 6,
                           "app_realm": {"platform": "android", "value": "FA+9qCX9VSu"}, "force_challenge": true, "max_auto_fallbacks": 2},
               "psd2": {"amount": "1", "currency": "EUR", "recipient": "R"}}),
        json!({"feedbacks": [{"target": {"type": "email_address", "value": "a@b.c"}, "type": "verification.started"}],
               "events": [{"target": {"type": "phone_number", "value": "+1"}, "label": "l", "confidence": "low"}]}),
        json!({"phone_number": "+447700900123", "sender_id": "MyBrand", "customer_uuid": "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84",
               "authentication_uuid": "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84", "check_code": "1", "status": "onboarded", "app_realm": "x"}),
    ];
    let faults = [
        "",
        "body=huge",
        "body=truncated",
        "status=599;body=html",
        "echo-key",
        "drop",
        "late=0",
        "delay=0",
        "times=99999999999999999999",
        "key=é",
        "body=unknown-event",
    ];
    for i in 0..3000u64 {
        let method = rng.pick(&["GET", "POST", "DELETE", "PUT", "HEAD", "OPTIONS", "PATCH", "get"]);
        let path = rng.pick(&paths);
        let mut body = bodies[(rng.next() as usize) % bodies.len()].clone();
        mutate(&mut body, &mut rng);
        let mut bytes = body.to_string().into_bytes();
        if rng.next().is_multiple_of(10) {
            let cut = (rng.next() as usize) % (bytes.len() + 1);
            bytes.truncate(cut);
            bytes.push(0xff);
        }
        let mut req = Request::new(method, path).body(bytes);
        req = req.header("authorization", rng.pick(&["Bearer k", "Bearer", "", "bearer  x y", "Bearer \u{fffd}"]));
        req = req.header("x-api-key", rng.pick(&["k", "", "\u{0}"]));
        req = req.header("customer-uuid", "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84");
        let fault = rng.pick(&faults);
        if !fault.is_empty() {
            req = req.header("x-ding-mock-fault", fault);
        }
        let now = if rng.next().is_multiple_of(50) { u64::MAX - rng.next() } else { T0 + i * 100 };
        let mut reply = mock.handle(req, now);
        if let Some(delay) = reply.delay.take() {
            reply = mock.resume(delay, now);
        }
        assert!((100..600).contains(&reply.status) || reply.status == 0, "{path}: {}", reply.status);
        for d in reply.deliveries {
            assert!(
                matches!(d.host.as_str(), "127.0.0.1" | "localhost" | "::1") || d.host.starts_with("127."),
                "{}",
                d.url
            );
        }
    }
}
