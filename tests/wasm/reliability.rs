//! Retries, timeouts, deadlines and cancellation against the mock's fault
//! injection. Each test uses its own fault keys, so the mock's per-key
//! request counts (`/_mock/requests?key=`) say how many requests the SDK
//! really sent.

use super::*;

/// A key unique to this run of this test.
fn key(name: &str) -> String {
    format!("{name}-{}", (js_sys::Math::random() * 1e12) as u64)
}

async fn sent(key: &str) -> f64 {
    get(&mock_json(&format!("/_mock/requests?key={key}")).await, "count").as_f64().unwrap()
}

fn options(pairs: &[(&str, JsValue)]) -> Option<JsValue> {
    Some(obj(pairs))
}

fn fast_retries(extra: &[(&str, JsValue)]) -> JsValue {
    let mut pairs = vec![("initialDelayMs", JsValue::from(5)), ("maxRetries", JsValue::from(3))];
    pairs.extend(extra.iter().cloned());
    obj(&pairs)
}

fn retrying_client() -> Ding {
    client_with(KEY, Some(faulty_fetch()), &[("retries", fast_retries(&[]))])
}

fn new_abort_controller() -> JsValue {
    Function::new_no_args("return new AbortController()").call0(&JsValue::NULL).unwrap()
}

fn abort_later(controller: &JsValue, ms: i32) {
    let f = Function::new_with_args("c, ms", "setTimeout(() => c.abort(new Error('user left')), ms)");
    f.call2(&JsValue::NULL, controller, &ms.into()).unwrap();
}

#[wasm_bindgen_test]
async fn reads_are_retried_until_the_server_recovers() {
    let ding = retrying_client();
    let auth = start(&ding, &fresh_number()).await;
    let id = text(&auth, "authenticationUuid");
    for fault in ["status=503", "status=500", "status=502", "status=504", "status=408", "status=429", "drop"] {
        let k = key("read");
        set_fault(Some(&format!("{fault};key={k};times=2")));
        let st = ok(ding.otp_api().get_authentication_status(id.as_str().into(), None)).await;
        assert_eq!(text(&st, "uuid"), id);
        assert_eq!(sent(&k).await, 3.0, "{fault}: two failures, then the answer");
    }
    let k = key("gone");
    set_fault(Some(&format!("status=503;key={k};times=10")));
    let e = fails(ding.otp_api().get_authentication_status(id.as_str().into(), None), "DingHttpError").await;
    assert_eq!(get(&e, "attempts").as_f64(), Some(4.0), "1 attempt + maxRetries 3");
    assert_eq!(sent(&k).await, 4.0);
    let k = key("final");
    set_fault(Some(&format!("status=404;key={k};times=1")));
    fails(ding.otp_api().get_authentication_status(id.as_str().into(), None), "DingHttpError").await;
    assert_eq!(sent(&k).await, 1.0, "a 404 is not retried");
    set_fault(None);
}

#[wasm_bindgen_test]
async fn sms_calls_are_retried_only_where_the_server_did_not_act() {
    let ding = retrying_client();
    let number = fresh_number();
    let create = || obj(&[("customerUuid", CUSTOMER.into()), ("phoneNumber", number.as_str().into())]);
    for (fault, want_sent, ok_in_the_end) in [
        ("status=500", 1.0, false),
        ("status=502", 1.0, false),
        ("status=503", 1.0, false),
        ("drop", 1.0, false),
        ("status=429", 2.0, true),
        ("status=503;retry-after=0", 2.0, true),
        ("status=503;retry-after-ms=20", 2.0, true),
    ] {
        let k = key("sms");
        set_fault(Some(&format!("{fault};key={k};times=1")));
        let p = ding.otp_api().create_authentication(create(), None);
        if ok_in_the_end {
            assert_eq!(text(&ok(p).await, "status"), "pending");
        } else {
            JsFuture::from(p).await.expect_err(fault);
        }
        assert_eq!(sent(&k).await, want_sent, "{fault}");
    }
    // The caller may opt in to retrying ambiguous failures.
    let k = key("unsafe");
    set_fault(Some(&format!("status=500;key={k};times=1")));
    let opt = options(&[("retries", fast_retries(&[("retryUnsafe", true.into())]))]);
    ok(ding.otp_api().create_authentication(create(), opt)).await;
    assert_eq!(sent(&k).await, 2.0);
    // retry() sends an SMS too.
    let auth = start(&ding, &fresh_number()).await;
    let k = key("resend");
    set_fault(Some(&format!("status=500;key={k};times=1")));
    let req = obj(&[("customerUuid", CUSTOMER.into()), ("authenticationUuid", get(&auth, "authenticationUuid"))]);
    fails(ding.otp_api().retry(req, None), "DingHttpError").await;
    assert_eq!(sent(&k).await, 1.0);
    set_fault(None);
}

#[wasm_bindgen_test]
async fn retry_after_is_honoured() {
    let ding = retrying_client();
    let k = key("after");
    set_fault(Some(&format!("status=429;retry-after=1;key={k};times=1")));
    let t0 = Date::now();
    ok(ding.lookup_api().lookup(CUSTOMER.into(), "+14155550123".into(), None, None)).await;
    let waited = Date::now() - t0;
    assert_eq!(sent(&k).await, 2.0);
    assert!(waited >= 900.0, "waited {waited} ms for Retry-After: 1");
    let k = key("toolong");
    set_fault(Some(&format!("status=429;retry-after=120;key={k};times=1")));
    let e = fails(ding.lookup_api().lookup(CUSTOMER.into(), "+14155550123".into(), None, None), "DingHttpError").await;
    assert_eq!(get(&e, "status").as_f64(), Some(429.0));
    assert_eq!(sent(&k).await, 1.0, "a Retry-After beyond 60 s ends the retries");
    set_fault(None);
}

#[wasm_bindgen_test]
async fn timeouts_are_their_own_error_and_only_reads_retry_them() {
    let ding = retrying_client();
    let id = text(&start(&ding, &fresh_number()).await, "authenticationUuid");
    let short = || options(&[("timeoutMs", 300.into())]);
    let k = key("slow-read");
    set_fault(Some(&format!("delay=1500;key={k};times=1")));
    let st = ok(ding.otp_api().get_authentication_status(id.as_str().into(), short())).await;
    assert_eq!(text(&st, "uuid"), id);
    // At least once more: on a loaded machine a retry can itself time out.
    assert!(sent(&k).await >= 2.0, "the timed-out read was sent again");

    let k = key("slow-sms");
    set_fault(Some(&format!("delay=1500;key={k};times=1")));
    let req = obj(&[("customerUuid", CUSTOMER.into()), ("phoneNumber", fresh_number().into())]);
    let e = fails(ding.otp_api().create_authentication(req, short()), "DingTimeoutError").await;
    assert_eq!(get(&e, "attempts").as_f64(), Some(1.0));
    assert_eq!(sent(&k).await, 1.0, "a timed-out SMS may have been sent: not retried");

    let k = key("deadline");
    set_fault(Some(&format!("delay=1500;key={k};times=10")));
    let e = fails(
        ding.otp_api().get_authentication_status(id.as_str().into(), options(&[("deadlineMs", 250.into())])),
        "DingTimeoutError",
    )
    .await;
    assert!(text(&e, "message").contains("deadline"), "{}", text(&e, "message"));
    set_fault(None);
    let st = ok(ding.otp_api().get_authentication_status(id.as_str().into(), None)).await;
    assert_eq!(text(&st, "uuid"), id, "the client works after timeouts");
}

#[wasm_bindgen_test]
async fn an_abort_signal_stops_the_call_at_any_point() {
    let ding = retrying_client();
    let id = text(&start(&ding, &fresh_number()).await, "authenticationUuid");
    let with_signal = |c: &JsValue| options(&[("signal", get(c, "signal"))]);

    // Already aborted: nothing is sent.
    let c = new_abort_controller();
    Function::new_with_args("c", "c.abort()").call1(&JsValue::NULL, &c).unwrap();
    let k = key("pre");
    set_fault(Some(&format!("key={k}")));
    fails(ding.otp_api().get_authentication_status(id.as_str().into(), with_signal(&c)), "DingAbortError").await;
    assert_eq!(sent(&k).await, 0.0);

    // While the request is in flight.
    let c = new_abort_controller();
    let k = key("mid");
    set_fault(Some(&format!("delay=2000;key={k}")));
    abort_later(&c, 100);
    let e =
        fails(ding.otp_api().get_authentication_status(id.as_str().into(), with_signal(&c)), "DingAbortError").await;
    assert_eq!(text(&get(&e, "cause"), "message"), "user left", "the signal's reason is the cause");

    // While waiting to retry.
    let c = new_abort_controller();
    let k = key("wait");
    set_fault(Some(&format!("status=503;key={k};times=5")));
    let opt = options(&[("signal", get(&c, "signal")), ("retries", obj(&[("initialDelayMs", 5000.into())]))]);
    abort_later(&c, 200);
    let t0 = Date::now();
    let e = fails(ding.otp_api().get_authentication_status(id.as_str().into(), opt), "DingAbortError").await;
    assert!(Date::now() - t0 < 4000.0, "the 5 s wait was cut short");
    assert_eq!(get(&e, "attempts").as_f64(), Some(1.0));
    assert_eq!(sent(&k).await, 1.0);
    set_fault(None);
    ok(ding.otp_api().get_authentication_status(id.as_str().into(), None)).await;
}

#[wasm_bindgen_test]
async fn bad_per_call_options_are_refused_before_sending() {
    let ding = retrying_client();
    let id = JsValue::from_str(CUSTOMER);
    for (opt, field) in [
        (obj(&[("timeoutMs", (-1).into())]), "timeoutMs"),
        (obj(&[("retries", "many".into())]), "retries"),
        (obj(&[("signal", "stop".into())]), "signal"),
        (JsValue::from(5), "options"),
    ] {
        let e = fails(ding.otp_api().get_authentication_status(id.clone(), Some(opt)), "DingValidationError").await;
        assert_eq!(text(&e, "field"), field);
    }
}

#[wasm_bindgen_test]
async fn a_huge_answer_is_read_and_the_client_keeps_working() {
    let ding = faulty_client();
    let id = text(&start(&ding, &fresh_number()).await, "authenticationUuid");
    set_fault(Some("body=huge"));
    let st = ok(ding.otp_api().get_authentication_status(id.as_str().into(), None)).await;
    set_fault(None);
    assert_eq!(text(&st, "uuid"), id, "an 8 MiB unknown field is ignored");
    ok(ding.otp_api().get_authentication_status(id.as_str().into(), None)).await;
}
