//! wasm-bindgen tests: every operation through the JS-facing classes,
//! against the mock server whose URL `scripts/test.sh` passes at compile time
//! in `DING_MOCK_URL`. The same tests run in Node and, built with the
//! `browser-test` feature, in headless Chrome.
//!
//! The mock runs with `--code 123456 --api-key test-key --retry-window-secs 1`.

use js_sys::{Array, Date, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

use crate::ding::Ding;

mod hardening;
mod prelude;
mod reliability;

#[cfg(feature = "browser-test")]
wasm_bindgen_test_configure!(run_in_browser);

const KEY: &str = "test-key";
const CODE: &str = "123456";
const CUSTOMER: &str = "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84";

fn mock() -> &'static str {
    match option_env!("DING_MOCK_URL") {
        Some(url) => url,
        None => panic!("build the wasm tests with DING_MOCK_URL set (scripts/test.sh does)"),
    }
}

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn text(v: &JsValue, key: &str) -> String {
    get(v, key).as_string().unwrap_or_else(|| panic!("{key} is not a string in {:?}", js_sys::JSON::stringify(v)))
}

fn client_with(key: &str, fetch: Option<Function>, extra: &[(&str, JsValue)]) -> Ding {
    let mut pairs = vec![("apiKey", JsValue::from_str(key)), ("serverURL", JsValue::from_str(mock()))];
    if let Some(f) = fetch {
        pairs.push(("fetch", f.into()));
    }
    pairs.extend(extra.iter().cloned());
    Ding::new(obj(&pairs)).unwrap()
}

fn client() -> Ding {
    client_with(KEY, None, &[])
}

/// A client whose requests carry the fault in `globalThis.__dingFault`, without retries.
fn faulty_client() -> Ding {
    client_with(KEY, Some(faulty_fetch()), &[("retries", 0.into())])
}

/// A fresh US number per test, so tests do not share state on the mock.
/// Its last four digits run from 1000 to 9999, so it is never one of the
/// mock's magic numbers (last four digits 0666 to 0669).
fn fresh_number() -> String {
    let exchange = (js_sys::Math::random() * 800.0) as u32 + 200;
    let line = (js_sys::Math::random() * 9_000.0) as u32 + 1_000;
    format!("+1415{exchange}{line}")
}

async fn ok(p: Promise) -> JsValue {
    match JsFuture::from(p).await {
        Ok(v) => v,
        Err(e) => panic!("expected success, got {}: {}", text(&e, "name"), text(&e, "message")),
    }
}

async fn fails(p: Promise, class: &str) -> JsValue {
    match JsFuture::from(p).await {
        Ok(v) => panic!("expected {class}, got {:?}", js_sys::JSON::stringify(&v)),
        Err(e) => {
            assert!(e.is_instance_of::<js_sys::Error>(), "errors are JS Errors");
            assert_eq!(text(&e, "name"), class, "{}", text(&e, "message"));
            e
        }
    }
}

async fn sleep(ms: i32) {
    let p = Promise::new(&mut |resolve, _| {
        let set_timeout = Reflect::get(&js_sys::global(), &"setTimeout".into()).unwrap();
        let set_timeout: Function = set_timeout.unchecked_into();
        set_timeout.call2(&JsValue::NULL, &resolve, &ms.into()).unwrap();
    });
    JsFuture::from(p).await.unwrap();
}

/// GETs a mock-only endpoint and returns its JSON.
async fn mock_json(path: &str) -> JsValue {
    let f = Function::new_with_args("url", "return fetch(url).then(r => r.json())");
    let url = format!("{}{path}", mock());
    ok(f.call1(&JsValue::NULL, &url.into()).unwrap().unchecked_into()).await
}

async fn start(ding: &Ding, number: &str) -> JsValue {
    let req = obj(&[("customerUuid", CUSTOMER.into()), ("phoneNumber", number.into())]);
    ok(ding.otp_api().create_authentication(req, None)).await
}

fn check_req(auth: &str, code: &str) -> JsValue {
    obj(&[("customerUuid", CUSTOMER.into()), ("authenticationUuid", auth.into()), ("checkCode", code.into())])
}

fn assert_date(v: &JsValue, key: &str) {
    let d = get(v, key);
    assert!(d.is_instance_of::<Date>(), "{key} is a Date");
    assert!(!d.unchecked_ref::<Date>().get_time().is_nan(), "{key} is a valid Date");
}

#[wasm_bindgen_test]
async fn full_otp_flow_with_the_code_from_the_inbox() {
    let ding = client();
    let number = fresh_number();
    let auth = start(&ding, &number).await;
    assert_eq!(text(&auth, "status"), "pending");
    assert_date(&auth, "createdAt");
    assert_date(&auth, "expiresAt");
    let id = text(&auth, "authenticationUuid");
    assert!(crate::core::formats::is_uuid(&id));

    let inbox = mock_json(&format!("/_mock/messages?phone_number=%2B{}", &number[1..])).await;
    let messages: Array = get(&inbox, "messages").unchecked_into();
    assert_eq!(messages.length(), 1);
    let code = text(&messages.get(0), "code");
    assert_eq!(code, CODE);

    let wrong = ok(ding.otp_api().check(check_req(&id, "000000"), None)).await;
    assert_eq!(text(&wrong, "status"), "invalid");
    assert_eq!(text(&wrong, "authenticationUuid"), id);
    let right = ok(ding.otp_api().check(check_req(&id, &code), None)).await;
    assert_eq!(text(&right, "status"), "valid");
    let again = ok(ding.otp_api().check(check_req(&id, &code), None)).await;
    assert_eq!(text(&again, "status"), "already_validated");
}

#[wasm_bindgen_test]
async fn retry_is_denied_inside_the_window_then_approved() {
    let ding = client();
    let auth = start(&ding, &fresh_number()).await;
    let id = text(&auth, "authenticationUuid");
    let req = || obj(&[("customerUuid", CUSTOMER.into()), ("authenticationUuid", id.as_str().into())]);
    let early = ok(ding.otp_api().retry(req(), None)).await;
    assert_eq!(text(&early, "status"), "denied");
    assert_date(&early, "nextRetryAt");
    let before = get(&early, "remainingRetry").as_f64().unwrap();
    sleep(1100).await;
    let later = ok(ding.otp_api().retry(req(), None)).await;
    assert_eq!(text(&later, "status"), "approved");
    assert_eq!(get(&later, "remainingRetry").as_f64().unwrap(), before - 1.0);
    assert_date(&later, "createdAt");
    let next = get(&later, "nextRetryAt").unchecked_into::<Date>().get_time();
    assert!(next > get(&early, "nextRetryAt").unchecked_into::<Date>().get_time());
}

#[wasm_bindgen_test]
async fn feedback_is_recorded_once_per_status() {
    let ding = client();
    let number = fresh_number();
    start(&ding, &number).await;
    let req =
        |n: &str, s: &str| obj(&[("customerUuid", CUSTOMER.into()), ("phoneNumber", n.into()), ("status", s.into())]);
    let fb = ok(ding.otp_api().feedback(req(&number, "onboarded"), None)).await;
    assert!(!text(&fb, "uuid").is_empty());
    let dup = fails(ding.otp_api().feedback(req(&number, "onboarded"), None), "DingApiError").await;
    assert_eq!(text(&dup, "code"), "duplicated_feedback_status");
    assert_eq!(get(&dup, "status").as_f64(), Some(400.0));
    assert!(text(&dup, "docUrl").ends_with("#duplicated_feedback_status"));
    assert!(text(&dup, "body").contains("duplicated_feedback_status"));
    let other = ok(ding.otp_api().feedback(req(&number, "not_onboarded"), None)).await;
    assert_ne!(text(&other, "uuid"), text(&fb, "uuid"));
    let none = fails(ding.otp_api().feedback(req(&fresh_number(), "onboarded"), None), "DingApiError").await;
    assert_eq!(text(&none, "code"), "no_associated_auth_found");
}

#[wasm_bindgen_test]
async fn status_has_signals_and_the_whole_history() {
    let ding = client();
    let number = fresh_number();
    let req = obj(&[
        ("customerUuid", CUSTOMER.into()),
        ("phoneNumber", number.as_str().into()),
        ("correlationId", "signup-42".into()),
        ("deviceType", "IOS".into()),
        ("ip", "203.0.113.42".into()),
        ("isReturningUser", true.into()),
    ]);
    let auth = ok(ding.otp_api().create_authentication(req, None)).await;
    let id = text(&auth, "authenticationUuid");
    ok(ding.otp_api().check(check_req(&id, "999999"), None)).await;
    ok(ding.otp_api().check(check_req(&id, CODE), None)).await;

    let st = ok(ding.otp_api().get_authentication_status(id.as_str().into(), None)).await;
    assert_eq!(text(&st, "uuid"), id);
    assert_eq!(text(&st, "phoneNumber"), number);
    assert_eq!(text(&st, "correlationId"), "signup-42");
    assert_date(&st, "createdAt");
    let signals = get(&st, "signals");
    assert_eq!(text(&signals, "deviceType"), "IOS");
    assert_eq!(text(&signals, "ip"), "203.0.113.42");
    assert_eq!(get(&signals, "isReturningUser"), JsValue::TRUE);

    let events: Array = get(&st, "events").unchecked_into();
    let kinds: Vec<String> = events.iter().map(|e| text(&e, "type")).collect();
    for k in ["attempt", "delivery_status", "balance_update", "check"] {
        assert!(kinds.iter().any(|x| x == k), "{k} in {kinds:?}");
    }
    let checks: Vec<String> =
        events.iter().filter(|e| text(e, "type") == "check").map(|e| text(&e, "status")).collect();
    assert_eq!(checks, ["invalid", "valid"]);
    for e in events.iter() {
        assert_date(&e, "createdAt");
    }
    let attempt = events.iter().find(|e| text(e, "type") == "attempt").unwrap();
    assert_eq!(get(&attempt, "attemptNumber").as_f64(), Some(1.0));
    assert!(text(&attempt, "content").contains(CODE));
    let delivery = events.iter().find(|e| text(e, "type") == "delivery_status").unwrap();
    assert_eq!(text(&delivery, "attemptId"), text(&attempt, "id"));
    let balance = events.iter().find(|e| text(e, "type") == "balance_update").unwrap();
    assert!(get(&balance, "amount").as_f64().is_some());
}

#[wasm_bindgen_test]
async fn lookup_with_and_without_cnam() {
    let ding = client();
    let info = ok(ding.lookup_api().lookup(CUSTOMER.into(), "+14155550123".into(), None, None)).await;
    assert_eq!(text(&info, "phoneNumber"), "+14155550123");
    assert_eq!(text(&info, "countryCode"), "US");
    assert!(!text(&info, "lineType").is_empty());
    assert!(get(&info, "numberPorted").as_bool().is_some());
    assert!(get(&info, "callerName").is_undefined());
    let types: JsValue = Array::of1(&"cnam".into()).into();
    let named = ok(ding.lookup_api().lookup(CUSTOMER.into(), "+33612345678".into(), Some(types), None)).await;
    assert_eq!(text(&named, "countryCode"), "FR");
    assert!(!text(&named, "callerName").is_empty());
}

#[wasm_bindgen_test]
async fn unknown_authentication_is_an_api_error() {
    let ding = client();
    let e = fails(
        ding.otp_api().get_authentication_status("00000000-0000-4000-8000-000000000000".into(), None),
        "DingApiError",
    )
    .await;
    assert_eq!(text(&e, "code"), "invalid_auth_uuid");
    assert_eq!(get(&e, "status").as_f64(), Some(400.0));
    assert!(text(&e, "message").contains("invalid_auth_uuid"));
}

#[wasm_bindgen_test]
async fn a_wrong_key_is_an_http_error_that_never_shows_the_key() {
    let secret = "sk_live_wrong_0123456789";
    let ding = client_with(secret, None, &[]);
    let e = fails(ding.lookup_api().lookup(CUSTOMER.into(), "+14155550123".into(), None, None), "DingHttpError").await;
    assert_eq!(get(&e, "status").as_f64(), Some(403.0));
    let shown = [
        js_sys::JSON::stringify(&e).unwrap().as_string().unwrap(),
        e.unchecked_ref::<js_sys::Error>().to_string().as_string().unwrap(),
        text(&e, "message"),
        text(&e, "body"),
        text(&e, "stack"),
        ding.to_display_string(),
        js_sys::JSON::stringify(&ding.to_json()).unwrap().as_string().unwrap(),
    ];
    for s in shown {
        assert!(!s.contains(secret), "key leaked in {s}");
    }
}

#[wasm_bindgen_test]
async fn an_unreachable_server_is_a_network_error() {
    let ding = Ding::new(obj(&[("apiKey", KEY.into()), ("serverURL", "http://127.0.0.1:9/v1".into())])).unwrap();
    let e = fails(ding.otp_api().get_authentication_status(CUSTOMER.into(), None), "DingNetworkError").await;
    assert!(!get(&e, "cause").is_undefined(), "the platform's error is kept as cause");
}

/// A fetch that adds the mock's fault header from `globalThis.__dingFault`
/// and counts its calls in `globalThis.__dingCalls`.
fn faulty_fetch() -> Function {
    Function::new_with_args(
        "url, init",
        "globalThis.__dingCalls = (globalThis.__dingCalls || 0) + 1;
         const f = globalThis.__dingFault;
         const headers = Object.assign({}, init.headers, f ? { 'x-ding-mock-fault': f } : {});
         return fetch(url, Object.assign({}, init, { headers }));",
    )
}

fn set_fault(spec: Option<&str>) {
    let v = spec.map(JsValue::from_str).unwrap_or(JsValue::UNDEFINED);
    Reflect::set(&js_sys::global(), &"__dingFault".into(), &v).unwrap();
}

fn calls() -> f64 {
    Reflect::get(&js_sys::global(), &"__dingCalls".into()).unwrap().as_f64().unwrap_or(0.0)
}

#[wasm_bindgen_test]
async fn broken_answers_are_typed_errors_and_the_client_keeps_working() {
    let ding = faulty_client();
    let auth = start(&ding, &fresh_number()).await;
    let id = text(&auth, "authenticationUuid");
    let cases = [
        ("body=html", "DingDecodeError"),
        ("body=truncated", "DingDecodeError"),
        ("body=wrong-types", "DingDecodeError"),
        ("body=empty", "DingDecodeError"),
        ("status=500", "DingHttpError"),
        ("status=503;retry-after=1", "DingHttpError"),
        ("status=401", "DingHttpError"),
        ("drop", "DingNetworkError"),
    ];
    for (fault, class) in cases {
        set_fault(Some(fault));
        let e = fails(ding.otp_api().get_authentication_status(id.as_str().into(), None), class).await;
        if class == "DingDecodeError" {
            assert_eq!(get(&e, "status").as_f64(), Some(200.0), "{fault}");
            assert!(get(&e, "body").is_string(), "{fault}: the raw body is kept");
        }
        set_fault(None);
        let st = ok(ding.otp_api().get_authentication_status(id.as_str().into(), None)).await;
        assert_eq!(text(&st, "uuid"), id, "the client works after {fault}");
    }
    set_fault(Some("body=html"));
    let e = fails(ding.otp_api().check(check_req(&id, CODE), None), "DingDecodeError").await;
    assert!(text(&e, "body").contains("<html>"));
    set_fault(None);
}

#[wasm_bindgen_test]
async fn unknown_values_from_the_server_come_through() {
    let ding = faulty_client();
    let auth = start(&ding, &fresh_number()).await;
    let id = text(&auth, "authenticationUuid");
    set_fault(Some("body=unknown-enum"));
    let r = ok(ding.otp_api().check(check_req(&id, "000000"), None)).await;
    set_fault(Some("body=unknown-event"));
    let st = ok(ding.otp_api().get_authentication_status(id.as_str().into(), None)).await;
    set_fault(None);
    let status = text(&r, "status");
    assert!(!CHECK_STATUSES.contains(&status.as_str()), "an unknown status is passed through: {status}");
    let events: Array = get(&st, "events").unchecked_into();
    let unknown = events.iter().find(|e| text(e, "type") == "unknown").expect("the unknown event is kept");
    assert_eq!(text(&unknown, "rawType"), "carrier_lookup");
    assert_eq!(text(&get(&unknown, "raw"), "type"), "carrier_lookup");
    assert!(events.iter().any(|e| text(&e, "type") == "attempt"), "known events are still decoded");
}

const CHECK_STATUSES: [&str; 7] =
    ["unknown", "valid", "invalid", "without_attempt", "rate_limited", "already_validated", "expired_auth"];

#[wasm_bindgen_test]
async fn bad_input_is_refused_before_sending() {
    let ding = faulty_client();
    let before = calls();
    let create = |pairs: &[(&str, JsValue)]| ding.otp_api().create_authentication(obj(pairs), None);
    let cases: Vec<(Promise, &str)> = vec![
        (create(&[("customerUuid", CUSTOMER.into())]), "phoneNumber"),
        (create(&[("customerUuid", CUSTOMER.into()), ("phoneNumber", 14155550123.0.into())]), "phoneNumber"),
        (create(&[("customerUuid", CUSTOMER.into()), ("phoneNumber", "+1 415 555 0123".into())]), "phoneNumber"),
        (create(&[("customerUuid", "not-a-uuid".into()), ("phoneNumber", "+14155550123".into())]), "customerUuid"),
        (
            create(&[
                ("customerUuid", CUSTOMER.into()),
                ("phoneNumber", "+14155550123".into()),
                ("deviceType", "PLAYSTATION".into()),
            ]),
            "deviceType",
        ),
        (
            create(&[
                ("customerUuid", CUSTOMER.into()),
                ("phoneNumber", "+14155550123".into()),
                ("correlationId", "a\r\nx-api-key: stolen".into()),
            ]),
            "correlationId",
        ),
        (ding.otp_api().create_authentication(JsValue::UNDEFINED, None), "request"),
        (ding.otp_api().check(check_req(CUSTOMER, ""), None), "checkCode"),
        (ding.otp_api().retry(obj(&[("customerUuid", CUSTOMER.into())]), None), "authenticationUuid"),
        (
            ding.otp_api().feedback(
                obj(&[
                    ("customerUuid", CUSTOMER.into()),
                    ("phoneNumber", "+14155550123".into()),
                    ("status", "done".into()),
                ]),
                None,
            ),
            "status",
        ),
        (ding.otp_api().get_authentication_status("../../lookup/x".into(), None), "authUuid"),
        (ding.otp_api().get_authentication_status(JsValue::from(42), None), "authUuid"),
        (ding.lookup_api().lookup(CUSTOMER.into(), "14155550123".into(), None, None), "phoneNumber"),
        (ding.lookup_api().lookup("x\r\ny".into(), "+14155550123".into(), None, None), "customerUuid"),
        (
            ding.lookup_api().lookup(
                CUSTOMER.into(),
                "+14155550123".into(),
                Some(Array::of1(&"caller".into()).into()),
                None,
            ),
            "types[0]",
        ),
    ];
    let n = cases.len();
    for (p, field) in cases {
        let e = fails(p, "DingValidationError").await;
        assert_eq!(text(&e, "field"), field, "{}", text(&e, "message"));
        assert!(text(&e, "message").contains(field));
    }
    assert_eq!(calls(), before, "none of the {n} bad inputs was sent");
}

#[wasm_bindgen_test]
fn bad_options_throw_from_the_constructor() {
    let cases = [
        (obj(&[]), "apiKey"),
        (obj(&[("apiKey", "".into())]), "apiKey"),
        (obj(&[("apiKey", "a\nb".into())]), "apiKey"),
        (obj(&[("apiKey", 5.into())]), "apiKey"),
        (obj(&[("apiKey", "k".into()), ("serverURL", "http://api.ding.live/v1".into())]), "serverURL"),
        (obj(&[("apiKey", "k".into()), ("serverURL", "not a url".into())]), "serverURL"),
        (obj(&[("apiKey", "k".into()), ("fetch", "fetch".into())]), "fetch"),
        (JsValue::from("k"), "options"),
    ];
    for (options, field) in cases {
        let e = Ding::new(options).unwrap_err();
        assert_eq!(text(&e, "name"), "DingValidationError");
        assert_eq!(text(&e, "field"), field);
    }
    let ding = Ding::new(obj(&[("apiKey", "k".into())])).unwrap();
    assert_eq!(ding.server_url(), "https://api.ding.live/v1");
}
