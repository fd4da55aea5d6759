//! The Prelude v2 client against the mock's `/v2`: the verification
//! window, checks, lookup, Watch, the management lists, errors with
//! `param`, the retry rule for create and check, and webhooks signed by the
//! mock and checked with `verifyWebhook`. Run in Node and in the browsers.

use super::*;
use crate::prelude::{verify_webhook, Prelude};

/// The mock's origin: the v2 client's `serverURL` (its paths start with `/v2`).
fn origin() -> String {
    mock().trim_end_matches("/v1").to_owned()
}

fn prelude_with(fetch: Option<Function>, extra: &[(&str, JsValue)]) -> Prelude {
    let mut pairs = vec![("apiKey", JsValue::from_str(KEY)), ("serverURL", JsValue::from_str(&origin()))];
    if let Some(f) = fetch {
        pairs.push(("fetch", f.into()));
    }
    pairs.extend(extra.iter().cloned());
    Prelude::new(obj(&pairs)).unwrap()
}

fn target(number: &str) -> JsValue {
    obj(&[("type", "phone_number".into()), ("value", number.into())])
}

async fn v2_json(path: &str) -> JsValue {
    let f = Function::new_with_args("url", "return fetch(url).then(r => r.json())");
    let url = format!("{}/v2/_mock{path}", origin());
    ok(f.call1(&JsValue::NULL, &url.into()).unwrap().unchecked_into()).await
}

async fn inbox(number: &str) -> Vec<JsValue> {
    let m = v2_json(&format!("/messages?phone_number=%2B{}", &number[1..])).await;
    get(&m, "messages").unchecked_into::<Array>().iter().collect()
}

async fn sent(key: &str) -> f64 {
    get(&v2_json(&format!("/requests?key={key}")).await, "count").as_f64().unwrap()
}

fn key(name: &str) -> String {
    format!("{name}-{}", (js_sys::Math::random() * 1e12) as u64)
}

#[wasm_bindgen_test]
async fn the_verification_window_create_retry_check() {
    let prelude = prelude_with(None, &[]);
    let (verification, ..) = prelude.resources();
    let number = fresh_number();
    let create = || obj(&[("target", target(&number)), ("metadata", obj(&[("correlationId", "c-1".into())]))]);
    let v = ok(verification.create(create(), None)).await;
    assert_eq!(text(&v, "status"), "success");
    let id = text(&v, "id");
    assert!(id.starts_with("vrf_"), "{id}");
    assert!(!text(&v, "requestId").is_empty());
    assert_eq!(text(&get(&v, "metadata"), "correlationId"), "c-1");
    let messages = inbox(&number).await;
    assert_eq!(messages.len(), 1);
    let code = text(&messages[0], "code");

    let check = |code: &str| obj(&[("target", target(&number)), ("code", code.into())]);
    let wrong = ok(verification.check(check("000000"), None)).await;
    assert_eq!(text(&wrong, "status"), "failure");

    // Inside the window, create is the resend: same id, another message.
    let again = ok(verification.create(create(), None)).await;
    assert_eq!(text(&again, "status"), "retry");
    assert_eq!(text(&again, "id"), id);
    assert_eq!(inbox(&number).await.len(), 2);

    let right = ok(verification.check(check(&code), None)).await;
    assert_eq!(text(&right, "status"), "success");
    assert_eq!(text(&right, "id"), id);
    let used = ok(verification.check(check(&code), None)).await;
    assert_eq!(text(&used, "status"), "expired_or_not_found", "a used code opens nothing");
    let fresh = ok(verification.create(create(), None)).await;
    assert_eq!(text(&fresh, "status"), "success");
    assert_ne!(text(&fresh, "id"), id, "a new window after the success");
}

#[wasm_bindgen_test]
async fn bad_v2_input_is_refused_before_sending() {
    let counting = Function::new_with_args(
        "url, init",
        "globalThis.__v2calls = (globalThis.__v2calls || 0) + 1; return fetch(url, init);",
    );
    let prelude = prelude_with(Some(counting), &[]);
    let (verification, lookup, watch, management) = prelude.resources();
    let before = Reflect::get(&js_sys::global(), &"__v2calls".into()).unwrap().as_f64().unwrap_or(0.0);
    let t = target("+33612345678");
    let with_options = |o: JsValue| obj(&[("target", t.clone()), ("options", o)]);
    let cases: Vec<(Promise, &str)> = vec![
        (verification.create(obj(&[]), None), "target"),
        (verification.create(obj(&[("target", target("06 12 34 56 78"))]), None), "target.value"),
        (verification.create(with_options(obj(&[("codeSize", 9.into())])), None), "options.codeSize"),
        (
            verification.create(with_options(obj(&[("customCode", "1234".into()), ("codeSize", 4.into())])), None),
            "options.customCode",
        ),
        (
            verification.create(
                with_options(obj(&[
                    ("channels", Array::of1(&"sms".into()).into()),
                    ("preferredChannel", "sms".into()),
                ])),
                None,
            ),
            "options.channels",
        ),
        (verification.check(obj(&[("target", t.clone())]), None), "code"),
        (lookup.lookup("+1 415".into(), None, None), "phoneNumber"),
        (
            lookup.lookup("+14155550123".into(), Some(obj(&[("type", Array::of1(&"carrier".into()).into())])), None),
            "params.type[0]",
        ),
        (
            watch.send_events(obj(&[("events", Array::of1(&obj(&[("target", t.clone())])).into())]), None),
            "events[0].label",
        ),
        (management.list_phone_numbers("deny".into(), None), "action"),
        (management.set_phone_number("block".into(), obj(&[("phoneNumber", "12".into())]), None), "phoneNumber"),
    ];
    for (p, field) in cases {
        let e = fails(p, "DingValidationError").await;
        assert_eq!(text(&e, "field"), field, "{}", text(&e, "message"));
    }
    let after = Reflect::get(&js_sys::global(), &"__v2calls".into()).unwrap().as_f64().unwrap_or(0.0);
    assert_eq!(after, before, "nothing was sent");
}

#[wasm_bindgen_test]
async fn create_is_never_repeated_after_an_ambiguous_failure() {
    let retries = obj(&[("initialDelayMs", 5.into()), ("maxRetries", 3.into())]);
    let prelude = prelude_with(Some(faulty_fetch()), &[("retries", retries)]);
    let (verification, ..) = prelude.resources();
    for (fault, want) in [
        ("status=500", 1.0),
        ("status=502", 1.0),
        ("status=503", 1.0),
        ("status=504", 1.0),
        ("drop", 1.0),
        ("late=1500", 1.0),
        ("status=429", 2.0),
        ("status=503;retry-after=0", 2.0),
    ] {
        let k = key("v2create");
        set_fault(Some(&format!("{fault};key={k};times=1")));
        let opts = obj(&[("timeoutMs", 400.into())]);
        let _ = JsFuture::from(verification.create(obj(&[("target", target(&fresh_number()))]), Some(opts))).await;
        assert_eq!(sent(&k).await, want, "create after {fault}");
        let k = key("v2check");
        set_fault(Some(&format!("{fault};key={k};times=1")));
        let opts = obj(&[("timeoutMs", 400.into())]);
        let check = obj(&[("target", target(&fresh_number())), ("code", "123456".into())]);
        let _ = JsFuture::from(verification.check(check, Some(opts))).await;
        assert_eq!(sent(&k).await, want, "check after {fault}");
    }
    set_fault(None);
}

#[wasm_bindgen_test]
async fn errors_carry_code_param_and_request_id() {
    let prelude = Prelude::new(obj(&[("apiKey", "wrong-key".into()), ("serverURL", origin().into())])).unwrap();
    let (verification, ..) = prelude.resources();
    let e = fails(verification.create(obj(&[("target", target(&fresh_number()))]), None), "DingHttpError").await;
    assert_eq!(get(&e, "status").as_f64(), Some(401.0));
    assert_eq!(text(&e, "code"), "invalid_api_key");
    assert!(text(&e, "message").contains("Prelude API"));
    assert!(!text(&e, "requestId").is_empty());
    // A refusal of the request's content: DingApiError, with `param`.
    let refusing = Function::new_with_args(
        "url, init",
        "return Promise.resolve(new Response(JSON.stringify({ code: 'unsupported_country', message: 'not served', param: 'target.value', request_id: 'req-9' }),
           { status: 400, headers: { 'content-type': 'application/json' } }));",
    );
    let prelude = prelude_with(Some(refusing), &[]);
    let (verification, ..) = prelude.resources();
    let e = fails(verification.create(obj(&[("target", target("+99912345678"))]), None), "DingApiError").await;
    assert_eq!(text(&e, "code"), "unsupported_country");
    assert_eq!(text(&e, "param"), "target.value");
    assert_eq!(text(&e, "requestId"), "req-9");
    assert!(text(&e, "message").contains("unsupported_country - not served"), "{}", text(&e, "message"));
}

#[wasm_bindgen_test]
async fn lookup_watch_and_the_lists() {
    let prelude = prelude_with(None, &[]);
    let (verification, lookup, watch, management) = prelude.resources();
    let info =
        ok(lookup.lookup("+14155550123".into(), Some(obj(&[("type", Array::of1(&"cnam".into()).into())])), None)).await;
    assert_eq!(text(&info, "countryCode"), "US");
    assert!(!text(&info, "lineType").is_empty());
    assert!(get(&info, "flags").is_instance_of::<Array>());
    assert!(!text(&get(&info, "networkInfo"), "carrierName").is_empty());
    assert!(!text(&info, "callerName").is_empty());

    let number = fresh_number();
    let p = ok(watch.predict(obj(&[("target", target(&number))]), None)).await;
    assert!(!text(&p, "id").is_empty() && !text(&p, "prediction").is_empty() && !text(&p, "requestId").is_empty());
    let fb = obj(&[("target", target(&number)), ("type", "verification.completed".into())]);
    let r = ok(watch.send_feedbacks(obj(&[("feedbacks", Array::of1(&fb).into())]), None)).await;
    assert_eq!(text(&r, "status"), "success");
    let ev =
        obj(&[("target", target(&number)), ("label", "onboarding.start".into()), ("confidence", "neutral".into())]);
    let r = ok(watch.send_events(obj(&[("events", Array::of1(&ev).into())]), None)).await;
    assert_eq!(text(&r, "status"), "success");

    let entry = obj(&[("phoneNumber", number.as_str().into())]);
    let set = ok(management.set_phone_number("block".into(), entry.clone(), None)).await;
    assert_eq!(text(&set, "phoneNumber"), number);
    let list = ok(management.list_phone_numbers("block".into(), None)).await;
    let numbers: Array = get(&list, "phoneNumbers").unchecked_into();
    let mine = numbers.iter().find(|n| text(n, "phoneNumber") == number).expect("the number is listed");
    assert_date(&mine, "createdAt");
    let blocked = ok(verification.create(obj(&[("target", target(&number))]), None)).await;
    assert_eq!(text(&blocked, "status"), "blocked");
    assert_eq!(text(&blocked, "reason"), "in_block_list");
    assert!(inbox(&number).await.is_empty(), "a blocked number gets nothing");
    ok(management.delete_phone_number("block".into(), entry, None)).await;
    let open = ok(verification.create(obj(&[("target", target(&number))]), None)).await;
    assert_eq!(text(&open, "status"), "success");
    let senders = ok(management.list_sender_ids(None)).await;
    assert!(get(&senders, "senderIds").is_instance_of::<Array>());
    let submitted = ok(management.submit_sender_id(obj(&[("senderId", "MyBrand".into())]), None)).await;
    assert_eq!(text(&submitted, "senderId"), "MyBrand");
    assert!(!text(&submitted, "status").is_empty());
}

/// The last webhook the mock delivered (or tried to) for `id`: `(body, signature)`.
async fn delivered(id: &str, kind: &str) -> (String, String) {
    for _ in 0..50 {
        let log = v2_json(&format!("/webhooks?verification_id={id}")).await;
        let all: Array = get(&log, "deliveries").unchecked_into();
        if let Some(d) = all.iter().find(|d| text(&get(d, "event"), "type") == kind) {
            return (text(&d, "body"), text(&d, "signature"));
        }
        sleep(100).await;
    }
    panic!("no {kind} webhook for {id}");
}

fn verify(body: &str, signature: JsValue, key: JsValue) -> Promise {
    verify_webhook(obj(&[("body", body.into()), ("signature", signature), ("publicKey", key)]))
}

#[wasm_bindgen_test]
async fn webhooks_signed_by_the_mock_are_verified_and_typed() {
    let prelude = prelude_with(None, &[]);
    let (verification, ..) = prelude.resources();
    let options = obj(&[("callbackUrl", "http://127.0.0.1:9/prelude-hook".into())]);
    let req = obj(&[
        ("target", target(&fresh_number())),
        ("options", options),
        ("metadata", obj(&[("correlationId", "w-1".into())])),
    ]);
    let v = ok(verification.create(req, None)).await;
    let id = text(&v, "id");
    let keys = v2_json("/webhook-key").await;
    let (pem, jwk) = (get(&keys, "pem"), get(&keys, "jwk"));
    for kind in ["verify.authentication", "verify.attempt", "verify.delivery_status"] {
        let (body, signature) = delivered(&id, kind).await;
        for key in [pem.clone(), jwk.clone()] {
            let event = ok(verify(&body, signature.as_str().into(), key)).await;
            assert_eq!(text(&event, "type"), kind);
            assert!(text(&event, "id").starts_with("evt_"));
            assert_date(&event, "createdAt");
            let payload = get(&event, "payload");
            assert_eq!(text(&payload, "verificationId"), id, "camelCased like every answer");
            assert_eq!(text(&get(&payload, "metadata"), "correlationId"), "w-1");
        }
        let bytes = js_sys::Uint8Array::from(body.as_bytes());
        let event = ok(verify_webhook(obj(&[
            ("body", bytes.into()),
            ("signature", signature.as_str().into()),
            ("publicKey", pem.clone()),
        ])))
        .await;
        assert_eq!(text(&event, "type"), kind, "the raw bytes do as well as the text");
    }
    let (body, signature) = delivered(&id, "verify.authentication").await;
    // Re-serialised JSON has other bytes: refused, and said why.
    let reserialised = js_sys::JSON::stringify(&js_sys::JSON::parse(&body).unwrap()).unwrap().as_string().unwrap();
    let tampered = body.replacen("w-1", "w-2", 1);
    let cases: [(String, JsValue, &str); 6] = [
        (tampered, signature.as_str().into(), "bad_signature"),
        (format!("{body} "), signature.as_str().into(), "bad_signature"),
        (body.clone(), JsValue::NULL, "missing_signature"),
        (body.clone(), "".into(), "missing_signature"),
        (body.clone(), "sha256=abc".into(), "malformed_signature"),
        (body.clone(), "rsassa-pss-sha256=!!!".into(), "malformed_signature"),
    ];
    if reserialised != body {
        let e = fails(verify(&reserialised, signature.as_str().into(), pem.clone()), "DingWebhookError").await;
        assert_eq!(text(&e, "code"), "bad_signature");
    }
    for (b, sig, code) in cases {
        let e = fails(verify(&b, sig, pem.clone()), "DingWebhookError").await;
        assert_eq!(text(&e, "code"), code, "{}", text(&e, "message"));
    }
    for bad_key in [
        JsValue::from("not a key"),
        JsValue::from("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"),
        obj(&[("kty", "EC".into())]),
    ] {
        let e = fails(verify(&body, signature.as_str().into(), bad_key), "DingWebhookError").await;
        assert_eq!(text(&e, "code"), "invalid_key");
    }
    let e = fails(
        verify_webhook(obj(&[("body", obj(&[])), ("signature", JsValue::NULL), ("publicKey", pem.clone())])),
        "DingValidationError",
    )
    .await;
    assert_eq!(text(&e, "field"), "body");
    fails(verify_webhook(JsValue::from(5)), "DingValidationError").await;
}

#[wasm_bindgen_test]
async fn both_salt_lengths_verify_and_unknown_events_are_kept() {
    // A key pair of the test's own: PSS with a 32-byte salt and with the
    // largest salt the key allows, over an event of a kind this SDK does not know.
    let sign = Function::new_with_args(
        "body, salt",
        "return (async () => {
           const pair = await crypto.subtle.generateKey({ name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);
           const saltLength = salt === 'max' ? 256 - 32 - 2 : 32;
           const sig = new Uint8Array(await crypto.subtle.sign({ name: 'RSA-PSS', saltLength }, pair.privateKey, new TextEncoder().encode(body)));
           let b = ''; for (const x of sig) b += String.fromCharCode(x);
           const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
           return { signature: 'rsassa-pss-sha256=' + btoa(b).replace(/[+]/g, '-').replace(/[/]/g, '_').replace(/=+$/, ''), jwk, key: pair.publicKey };
         })();",
    );
    let body = r#"{"id":"evt_x1","type":"verify.brand_new","created_at":"2026-08-20T09:15:29.163Z","payload":{"a":1}}"#;
    for salt in ["32", "max"] {
        let signed = ok(sign.call2(&JsValue::NULL, &body.into(), &salt.into()).unwrap().unchecked_into()).await;
        let jwk_text: JsValue = js_sys::JSON::stringify(&get(&signed, "jwk")).unwrap().into();
        for key in [get(&signed, "jwk"), get(&signed, "key"), jwk_text] {
            let event = ok(verify(body, get(&signed, "signature"), key)).await;
            assert_eq!(text(&event, "type"), "unknown", "salt {salt}");
            assert_eq!(text(&event, "rawType"), "verify.brand_new");
            assert_eq!(text(&event, "id"), "evt_x1");
            let raw = js_sys::JSON::stringify(&get(&event, "raw")).unwrap().as_string().unwrap();
            assert_eq!(raw, body, "the event is kept whole");
        }
    }
}

#[wasm_bindgen_test]
fn a_server_url_that_ends_in_v2_is_refused_since_every_path_adds_it() {
    for url in ["https://api.prelude.dev/v2", "https://api.prelude.dev/v2/", "http://localhost:8787/v2"] {
        let e = Prelude::new(obj(&[("apiKey", "k".into()), ("serverURL", url.into())])).unwrap_err();
        assert_eq!(text(&e, "name"), "DingValidationError", "{url}");
        assert_eq!(text(&e, "field"), "serverURL", "{url}");
        assert!(text(&e, "message").contains("https://api.prelude.dev"), "{}", text(&e, "message"));
    }
    // A root below a proxy's own path is kept as it is.
    for (url, base) in [
        ("https://api.prelude.dev/", "https://api.prelude.dev"),
        ("https://proxy.example/prelude", "https://proxy.example/prelude"),
        ("https://proxy.example/v2x", "https://proxy.example/v2x"),
    ] {
        let prelude = Prelude::new(obj(&[("apiKey", "k".into()), ("serverURL", url.into())])).unwrap();
        assert_eq!(prelude.server_url(), base);
    }
}
