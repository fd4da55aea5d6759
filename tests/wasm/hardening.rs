//! The shared call machinery against what a careless or hostile setup does:
//! the platform's own `fetch` passed unbound, redirects, server URLs that a
//! hand-written check would misread, hooks that never settle, a server that
//! echoes the key, state-changing calls after an ambiguous failure, broken
//! list items, fake signals, IPv4-mapped addresses, old `Retry-After` dates
//! and the support data on errors. Run in Node and in the browsers.

use super::*;

fn global(name: &str) -> JsValue {
    Reflect::get(&js_sys::global(), &name.into()).unwrap()
}

fn key(name: &str) -> String {
    format!("{name}-{}", (js_sys::Math::random() * 1e12) as u64)
}

async fn sent(key: &str) -> f64 {
    get(&mock_json(&format!("/_mock/requests?key={key}")).await, "count").as_f64().unwrap()
}

/// A fetch that adds the fault `spec` to every request.
fn fault_fetch(spec: &str) -> Function {
    Function::new_with_args(
        "url, init",
        &format!(
            "const headers = Object.assign({{}}, init.headers, {{ 'x-ding-mock-fault': {} }});
             return fetch(url, Object.assign({{}}, init, {{ headers }}));",
            js_sys::JSON::stringify(&spec.into()).unwrap().as_string().unwrap()
        ),
    )
}

fn fast(extra: &[(&str, JsValue)]) -> JsValue {
    let mut pairs = vec![("initialDelayMs", JsValue::from(5)), ("maxRetries", JsValue::from(3))];
    pairs.extend(extra.iter().cloned());
    obj(&pairs)
}

#[wasm_bindgen_test]
async fn the_platform_fetch_works_passed_as_it_is() {
    // In browsers and workerd the platform's fetch throws "Illegal
    // invocation" when called as a method of another object.
    let ding = client_with(KEY, Some(global("fetch").unchecked_into()), &[]);
    let info = ok(ding.lookup_api().lookup(CUSTOMER.into(), "+14155550123".into(), None, None)).await;
    assert_eq!(text(&info, "phoneNumber"), "+14155550123");
    // And any fetch is called with no `this` at all.
    let strict = Function::new_with_args(
        "url, init",
        "'use strict'; if (this !== undefined) throw new TypeError('called as a method'); return fetch(url, init);",
    );
    let ding = client_with(KEY, Some(strict), &[("retries", 0.into())]);
    ok(ding.lookup_api().lookup(CUSTOMER.into(), "+14155550123".into(), None, None)).await;
}

#[wasm_bindgen_test]
async fn redirects_are_never_followed_and_the_key_stays_home() {
    for status in [301, 302, 303, 307, 308] {
        let k = key("redirect");
        // A number of its own: a browser keeps a 301 in its cache for the URL.
        let number = fresh_number();
        // The target is the mock again, so a followed redirect would count twice.
        let target = format!("{}/lookup/%2B{}", mock(), &number[1..]);
        let spec = format!("status={status};location={target};key={k}");
        let ding = client_with(KEY, Some(fault_fetch(&spec)), &[("retries", fast(&[]))]);
        let e = fails(ding.lookup_api().lookup(CUSTOMER.into(), number.into(), None, None), "DingHttpError").await;
        let got = get(&e, "status").as_f64().unwrap();
        // Node, Deno and workerd read the redirect; a browser sees an opaque one.
        assert!(got == f64::from(status) || got == 0.0, "{status}: status {got}");
        if got != 0.0 {
            assert_eq!(text(&e, "location"), target);
        }
        assert!(text(&e, "message").contains("not followed"));
        assert_eq!(get(&e, "attempts").as_f64(), Some(1.0), "a redirect is not retried");
        assert_eq!(sent(&k).await, 1.0, "{status} was followed");
    }
    // A fetch that follows redirects anyway: its answer is not used.
    let following = Function::new_with_args(
        "url, init",
        "return fetch(url, init).then(r => ({ status: 200, redirected: true, headers: r.headers, text: () => r.text() }));",
    );
    let ding = client_with(KEY, Some(following), &[]);
    let e = fails(ding.lookup_api().lookup(CUSTOMER.into(), "+14155550123".into(), None, None), "DingHttpError").await;
    assert!(text(&e, "message").contains("redirected"), "{}", text(&e, "message"));
}

/// What the platform's `URL` reads: `[protocol, hostname, username, password, href]`, or none.
fn platform_url(s: &str) -> Option<[String; 5]> {
    let f = Function::new_with_args(
        "s",
        "try { const u = new URL(s); return [u.protocol, u.hostname, u.username, u.password, u.href]; } catch { return null; }",
    );
    let v = f.call1(&JsValue::NULL, &s.into()).unwrap();
    let a: Array = v.dyn_into().ok()?;
    Some([0, 1, 2, 3, 4].map(|i| a.get(i).as_string().unwrap()))
}

/// Loopback as the test sees it: `localhost`, `[::1]` or a dotted quad in 127/8.
fn is_loopback(host: &str) -> bool {
    let quad: Vec<&str> = host.split('.').collect();
    host == "localhost"
        || host == "[::1]"
        || (quad.len() == 4 && quad[0] == "127" && quad.iter().all(|p| p.parse::<u8>().is_ok()))
}

#[wasm_bindgen_test]
fn server_urls_are_read_by_the_platforms_own_parser() {
    let tricky = [
        "http://evil.example\\@localhost/v1",
        "http://evil.example\\@127.0.0.1/v1",
        "http://localhost\\@evil.example/v1",
        "http://evil.example#@localhost/v1",
        "http://evil.example?@localhost/v1",
        "http://evil.example/@localhost/v1",
        "http://user:pw@localhost/v1",
        "http://localhost:pw@evil.example/v1",
        "http://localhost%40evil.example/v1",
        "http://localhost./v1",
        "http://sub.localhost/v1",
        "http://0x7f.0.0.1/v1",
        "http://2130706433/v1",
        "http://127.0.0.1:80@evil.example/v1",
        "http://[::1]@evil.example/v1",
        "http://[::1]:8787/v1",
        "http:/\\localhost/v1",
        "http:localhost/v1",
        "HTTP://LOCALHOST:1/v1",
        "https://evil.example\\@localhost/v1",
        "https://api.ding.live/v1",
        "https://api.ding.live/v1?x",
        "javascript:alert(1)//localhost",
        "http://127.0.0.1.evil.example/v1",
        "http://[::ffff:127.0.0.1]/v1",
    ];
    for input in tricky {
        let made = Ding::new(obj(&[("apiKey", KEY.into()), ("serverURL", input.into())]));
        let parsed = platform_url(input);
        match made {
            Ok(ding) => {
                let [protocol, host, user, password, _] = parsed.expect("accepted, so the platform parses it");
                let [p2, h2, ..] = platform_url(&ding.server_url()).unwrap();
                assert_eq!((&p2, &h2), (&protocol, &host), "{input}: the base keeps the host fetch will use");
                assert!(user.is_empty() && password.is_empty(), "{input}: credentials accepted");
                let loopback = is_loopback(&host);
                assert!(
                    protocol == "https:" || (protocol == "http:" && loopback),
                    "{input}: the key would go to {host}"
                );
            }
            Err(e) => {
                assert_eq!(text(&e, "field"), "serverURL", "{input}");
                if let Some([protocol, host, user, password, href]) = parsed {
                    let loopback = is_loopback(&host);
                    let fine = (protocol == "https:" || (protocol == "http:" && loopback))
                        && user.is_empty()
                        && password.is_empty()
                        && !href.contains(['?', '#']);
                    assert!(!fine, "{input} was refused although the platform reads a safe URL: {href}");
                }
            }
        }
    }
}

#[wasm_bindgen_test]
async fn hooks_that_never_settle_are_bound_by_the_timeout_the_deadline_and_the_signal() {
    let never = Function::new_no_args("return new Promise(() => {})");
    for hook in ["beforeRequest", "afterResponse"] {
        let ding = client_with(KEY, None, &[(hook, never.clone().into()), ("retries", 0.into())]);
        let t0 = Date::now();
        let opts = obj(&[("timeoutMs", 200.into())]);
        fails(ding.lookup_api().lookup(CUSTOMER.into(), "+14155550123".into(), None, Some(opts)), "DingTimeoutError")
            .await;
        assert!(Date::now() - t0 < 3000.0, "{hook}: past the timeout");

        let opts = obj(&[("deadlineMs", 250.into())]);
        let e = fails(
            ding.lookup_api().lookup(CUSTOMER.into(), "+14155550123".into(), None, Some(opts)),
            "DingTimeoutError",
        )
        .await;
        assert!(text(&e, "message").contains("deadline"), "{hook}");

        let c = Function::new_no_args("return new AbortController()").call0(&JsValue::NULL).unwrap();
        Function::new_with_args("c", "setTimeout(() => c.abort(new Error('gone')), 100)")
            .call1(&JsValue::NULL, &c)
            .unwrap();
        let opts = obj(&[("signal", get(&c, "signal")), ("timeoutMs", 60_000.into())]);
        let t0 = Date::now();
        let e =
            fails(ding.lookup_api().lookup(CUSTOMER.into(), "+14155550123".into(), None, Some(opts)), "DingAbortError")
                .await;
        assert!(Date::now() - t0 < 3000.0, "{hook}: past the abort");
        assert_eq!(text(&get(&e, "cause"), "message"), "gone");
    }
    // A fetch that never settles, and a body that never ends, likewise.
    let hanging = Function::new_no_args("return new Promise(() => {})");
    let ding = client_with(KEY, Some(hanging), &[("retries", 0.into()), ("timeoutMs", 150.into())]);
    fails(ding.lookup_api().lookup(CUSTOMER.into(), "+14155550123".into(), None, None), "DingTimeoutError").await;
    let slow_body = Function::new_no_args(
        "return Promise.resolve({ status: 200, headers: new Headers(), text: () => new Promise(() => {}) })",
    );
    let ding = client_with(KEY, Some(slow_body), &[("retries", 0.into()), ("timeoutMs", 150.into())]);
    fails(ding.lookup_api().lookup(CUSTOMER.into(), "+14155550123".into(), None, None), "DingTimeoutError").await;
}

/// Every spelling of `secret` the SDK must keep out of an error.
fn spellings(secret: &str) -> Vec<String> {
    let percent: String = secret.bytes().map(|b| format!("%{b:02X}")).collect();
    let escaped: String = secret.chars().map(|c| format!("\\u{:04x}", c as u32)).collect();
    vec![secret.to_owned(), percent.to_lowercase(), percent, escaped, secret[..secret.len() - 2].to_owned()]
}

fn assert_clean(e: &JsValue, secret: &str) {
    let inspect = Function::new_with_args(
        "e",
        "const seen = new Set(); const out = [];
         const walk = (v, d) => { if (d > 5 || v === null || v === undefined || seen.has(v)) return; if (typeof v === 'object') seen.add(v);
           if (typeof v === 'string') { out.push(v); return; }
           if (typeof v !== 'object') return;
           for (const k of Object.getOwnPropertyNames(v)) { try { walk(v[k], d + 1); } catch {} } };
         walk(e, 0); out.push(String(e), JSON.stringify(e)); return out.join('\\n');",
    );
    let all = inspect.call1(&JsValue::NULL, e).unwrap().as_string().unwrap();
    for s in spellings(secret) {
        assert!(!all.contains(&s), "{s} leaked in {all}");
    }
}

#[wasm_bindgen_test]
async fn an_echoed_key_never_reaches_an_error_in_any_spelling() {
    let secret = "sk_live_e5c4a0d7b3f1_9e8d";
    for status in ["401", "400", "500"] {
        let spec = format!("echo-key;status={status}");
        let ding = client_with(secret, Some(fault_fetch(&spec)), &[("retries", 0.into())]);
        let p = ding.lookup_api().lookup(CUSTOMER.into(), "+14155550123".into(), None, None);
        let e = match JsFuture::from(p).await {
            Ok(v) => panic!("{status}: resolved {:?}", js_sys::JSON::stringify(&v)),
            Err(e) => e,
        };
        assert_clean(&e, secret);
        assert!(text(&e, "body").contains("[redacted]"), "{status}: the body is kept, cleaned");
        assert!(text(&get(&e, "headers"), "x-echo-key").contains("[redacted]"), "{status}: headers cleaned");
    }
    // A 2xx that is not JSON, quoting the key: a decode error, cleaned.
    let html = Function::new_with_args(
        "url, init",
        "return Promise.resolve(new Response('<html>' + init.headers['x-api-key'] + '</html>', { status: 200 }));",
    );
    let ding = client_with(secret, Some(html), &[("retries", 0.into())]);
    let e =
        fails(ding.lookup_api().lookup(CUSTOMER.into(), "+14155550123".into(), None, None), "DingDecodeError").await;
    assert_eq!(text(&e, "body"), "<html>[redacted]</html>");
    assert_clean(&e, secret);
    // A fetch whose error quotes the key, and a cause chain that does.
    let leaky = Function::new_with_args(
        "url, init",
        "const inner = new Error('header x-api-key: ' + init.headers['x-api-key']); inner.code = 'E_' + init.headers['x-api-key'];
         return Promise.reject(new TypeError('fetch failed', { cause: inner }));",
    );
    let ding = client_with(secret, Some(leaky), &[("retries", 0.into())]);
    let e =
        fails(ding.lookup_api().lookup(CUSTOMER.into(), "+14155550123".into(), None, None), "DingNetworkError").await;
    assert_clean(&e, secret);
    assert_eq!(text(&get(&e, "cause"), "message"), "fetch failed", "the outer message is kept");
    assert!(text(&get(&get(&e, "cause"), "cause"), "message").contains("[redacted]"));
}

#[wasm_bindgen_test]
async fn check_and_feedback_are_repeated_only_where_the_server_did_not_act() {
    let ding = client_with(KEY, Some(faulty_fetch()), &[("retries", fast(&[]))]);
    let number = fresh_number();
    let auth = start(&ding, &number).await;
    let id = text(&auth, "authenticationUuid");
    let mut faults = vec![
        ("status=500", 1.0),
        ("status=502", 1.0),
        ("status=503", 1.0),
        ("status=504", 1.0),
        ("drop", 1.0),
        ("status=429", 2.0),
        ("status=503;retry-after=0", 2.0),
    ];
    // Chromium's network stack itself resends a request that got a 408 on
    // a kept-alive connection, below any fetch caller: not testable there.
    if cfg!(not(feature = "browser-test")) {
        faults.push(("status=408", 1.0));
    }
    for (fault, want) in faults {
        let k = key("check");
        set_fault(Some(&format!("{fault};key={k};times=1")));
        let _ = JsFuture::from(ding.otp_api().check(check_req(&id, "000000"), None)).await;
        assert_eq!(sent(&k).await, want, "check after {fault}");
        let k = key("feedback");
        set_fault(Some(&format!("{fault};key={k};times=1")));
        let fb = obj(&[
            ("customerUuid", CUSTOMER.into()),
            ("phoneNumber", number.as_str().into()),
            ("status", "not_onboarded".into()),
        ]);
        let _ = JsFuture::from(ding.otp_api().feedback(fb, None)).await;
        assert_eq!(sent(&k).await, want, "feedback after {fault}");
    }
    // A timed-out check may have been processed: not repeated. (A fresh
    // authentication: the wrong codes above used up the first one's checks.)
    let id = text(&start(&ding, &fresh_number()).await, "authenticationUuid");
    let k = key("slow-check");
    set_fault(Some(&format!("late=1500;key={k};times=1")));
    let opts = obj(&[("timeoutMs", 300.into())]);
    fails(ding.otp_api().check(check_req(&id, CODE), Some(opts)), "DingTimeoutError").await;
    assert_eq!(sent(&k).await, 1.0);
    set_fault(None);
    // The mock did process the timed-out check: a repeat of the right code
    // would have answered this to a user who typed it right.
    let again = ok(ding.otp_api().check(check_req(&id, CODE), None)).await;
    assert_eq!(text(&again, "status"), "already_validated");
    // A wrong code after validation is wrong, not "already_validated".
    let wrong = ok(ding.otp_api().check(check_req(&id, "999999"), None)).await;
    assert_eq!(text(&wrong, "status"), "invalid");
    // The caller may opt in.
    let k = key("unsafe-check");
    set_fault(Some(&format!("status=500;key={k};times=1")));
    let opts = obj(&[("retries", fast(&[("retryUnsafe", true.into())]))]);
    let _ = JsFuture::from(ding.otp_api().check(check_req(&id, "000000"), Some(opts))).await;
    assert_eq!(sent(&k).await, 2.0);
    // A refused connection never reached the server: retried for every call
    // where the runtime says so (a browser cannot tell, so it is not).
    set_fault(None);
    let calls = Function::new_with_args(
        "url, init",
        "globalThis.__refused = (globalThis.__refused || 0) + 1;
         if (globalThis.__refused === 1) { const e = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) }); return Promise.reject(e); }
         return fetch(url, init);",
    );
    Reflect::set(&js_sys::global(), &"__refused".into(), &0.into()).unwrap();
    let ding = client_with(KEY, Some(calls), &[("retries", fast(&[]))]);
    let r = ok(ding.otp_api().check(check_req(&id, "000000"), None)).await;
    assert_eq!(text(&r, "status"), "invalid");
    assert_eq!(global("__refused").as_f64(), Some(2.0));
}

#[wasm_bindgen_test]
async fn one_malformed_event_does_not_sink_the_status() {
    let ding = faulty_client();
    let id = text(&start(&ding, &fresh_number()).await, "authenticationUuid");
    set_fault(Some("body=bad-event"));
    let st = ok(ding.otp_api().get_authentication_status(id.as_str().into(), None)).await;
    set_fault(None);
    let events: Array = get(&st, "events").unchecked_into();
    let kinds: Vec<String> = events.iter().map(|e| text(&e, "type")).collect();
    assert!(kinds.iter().any(|k| k == "attempt"), "the good events are kept: {kinds:?}");
    let unknown: Vec<JsValue> = events.iter().filter(|e| text(e, "type") == "unknown").collect();
    assert_eq!(unknown.len(), 2, "{kinds:?}");
    assert_eq!(text(&unknown[0], "rawType"), "attempt");
    assert_eq!(text(&get(&unknown[0], "raw"), "attempt_number"), "one");
    assert!(get(&unknown[1], "raw").is_null());
}

#[wasm_bindgen_test]
async fn a_signal_that_is_not_an_abort_signal_is_a_validation_error() {
    let ding = faulty_client();
    let before = calls();
    for fake in [obj(&[("aborted", false.into())]), obj(&[("aborted", true.into())]), JsValue::from(true)] {
        let opts = obj(&[("signal", fake)]);
        let e = fails(
            ding.lookup_api().lookup(CUSTOMER.into(), "+14155550123".into(), None, Some(opts)),
            "DingValidationError",
        )
        .await;
        assert_eq!(text(&e, "field"), "signal");
        assert!(text(&e, "message").contains("AbortSignal"));
    }
    assert_eq!(calls(), before, "nothing was sent");
}

#[wasm_bindgen_test]
async fn the_ip_node_hands_over_is_sent_as_ipv4() {
    let ding = client();
    let req = obj(&[
        ("customerUuid", CUSTOMER.into()),
        ("phoneNumber", fresh_number().into()),
        ("ip", "::ffff:203.0.113.42".into()),
    ]);
    let auth = ok(ding.otp_api().create_authentication(req, None)).await;
    let st = ok(ding.otp_api().get_authentication_status(get(&auth, "authenticationUuid"), None)).await;
    assert_eq!(text(&get(&st, "signals"), "ip"), "203.0.113.42");
    let req = obj(&[
        ("customerUuid", CUSTOMER.into()),
        ("phoneNumber", fresh_number().into()),
        ("ip", "2001:db8::42".into()),
    ]);
    let e = fails(ding.otp_api().create_authentication(req, None), "DingValidationError").await;
    assert_eq!(text(&e, "field"), "ip");
    assert!(text(&e, "message").contains("IPv4 only"), "{}", text(&e, "message"));
}

#[wasm_bindgen_test]
async fn obsolete_retry_after_dates_are_honoured() {
    let ding = client_with(KEY, Some(faulty_fetch()), &[("retries", fast(&[]))]);
    // A 503 with a readable Retry-After is retried even for a call that
    // sends an SMS: both obsolete forms (a past date: retry at once).
    for date in ["Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Sun, 06 Nov 1994 08:49:37 GMT"] {
        let k = key("date");
        set_fault(Some(&format!("status=503;retry-after={date};key={k};times=1")));
        let req = obj(&[("customerUuid", CUSTOMER.into()), ("phoneNumber", fresh_number().into())]);
        ok(ding.otp_api().create_authentication(req, None)).await;
        assert_eq!(sent(&k).await, 2.0, "{date}");
    }
    set_fault(None);
}

#[wasm_bindgen_test]
async fn errors_and_hooks_carry_the_answers_headers_and_request_id() {
    let seen = Array::new();
    let after =
        Function::new_with_args("seen", "return (info) => { seen.push(info); }").call1(&JsValue::NULL, &seen).unwrap();
    let ding = client_with(KEY, Some(faulty_fetch()), &[("retries", 0.into()), ("afterResponse", after)]);
    set_fault(Some("status=500"));
    let e = fails(ding.lookup_api().lookup(CUSTOMER.into(), "+14155550123".into(), None, None), "DingHttpError").await;
    set_fault(None);
    let id = text(&e, "requestId");
    assert!(is_uuid(&id), "{id}");
    assert_eq!(text(&get(&e, "headers"), "x-request-id"), id);
    let info = seen.get(0);
    assert_eq!(get(&info, "status").as_f64(), Some(500.0));
    assert_eq!(text(&info, "requestId"), id);
    assert_eq!(text(&get(&info, "headers"), "x-request-id"), id);
    let e = fails(
        ding.otp_api().get_authentication_status("00000000-0000-4000-8000-000000000000".into(), None),
        "DingApiError",
    )
    .await;
    assert!(is_uuid(&text(&e, "requestId")));
}

#[wasm_bindgen_test]
async fn a_fetch_that_gives_no_response_is_a_network_error_not_retried() {
    for bad in
        ["return Promise.resolve(undefined)", "return Promise.resolve({ status: 70000, text: () => '' })", "return 5"]
    {
        let f = Function::new_with_args("url, init", bad);
        let ding = client_with(KEY, Some(f), &[("retries", fast(&[]))]);
        let e = fails(ding.lookup_api().lookup(CUSTOMER.into(), "+14155550123".into(), None, None), "DingNetworkError")
            .await;
        assert_eq!(get(&e, "attempts").as_f64(), Some(1.0), "{bad}");
    }
}

use crate::core::formats::is_uuid;

#[wasm_bindgen_test]
async fn a_fetcher_object_is_called_on_itself_and_a_refused_invocation_is_explained() {
    // A Workers service binding is an object whose `fetch` runs only on it.
    let binding = Function::new_no_args(
        "const b = { calls: 0, fetch(url, init) { if (this !== b) throw new TypeError('Illegal invocation'); b.calls++; return fetch(url, init); } }; return b;",
    )
    .call0(&JsValue::NULL)
    .unwrap();
    let ding = client_with(KEY, None, &[("fetch", binding.clone())]);
    ok(ding.lookup_api().lookup(CUSTOMER.into(), "+14155550123".into(), None, None)).await;
    assert_eq!(get(&binding, "calls").as_f64(), Some(1.0));
    // Its method alone cannot run: a validation error naming `fetch`, not a retried network error.
    let alone = get(&binding, "fetch");
    let ding = client_with(KEY, Some(alone.unchecked_into()), &[("retries", fast(&[]))]);
    let e = fails(ding.lookup_api().lookup(CUSTOMER.into(), "+14155550123".into(), None, None), "DingValidationError")
        .await;
    assert_eq!(text(&e, "field"), "fetch");
    assert!(text(&e, "message").contains("env.SERVICE"), "{}", text(&e, "message"));
    assert_eq!(get(&e, "attempts").as_f64(), Some(1.0));
    let e = Ding::new(obj(&[("apiKey", KEY.into()), ("fetch", obj(&[("fetch", 5.into())]))])).unwrap_err();
    assert_eq!(text(&e, "field"), "fetch");
}
