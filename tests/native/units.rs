//! Dates, server URLs, format checks, redaction and small helpers.

use crate::core::decode::DecodeError;
use crate::core::error::{Error, ErrorBody, ErrorKind, MAX_KEPT_BODY};
use crate::core::formats::*;
use crate::core::json::{push_uint, Writer};
use crate::core::redact::{clean, contains, redact, MARK};
use crate::core::server::{self, ParsedUrl};
use crate::core::time::Timestamp;

fn ms(s: &str) -> Option<f64> {
    Timestamp::parse(s).map(|t| t.millis)
}

#[test]
fn rfc3339_dates_read_to_epoch_milliseconds() {
    assert_eq!(ms("1970-01-01T00:00:00Z"), Some(0.0));
    assert_eq!(ms("2025-04-28T09:15:27.412Z"), Some(1_745_831_727_412.0));
    assert_eq!(ms("2025-04-28T09:15:27.4Z"), Some(1_745_831_727_400.0));
    assert_eq!(ms("2025-04-28T09:15:27.412987654Z"), Some(1_745_831_727_412.0));
    assert_eq!(ms("2025-04-28T11:15:27.412+02:00"), Some(1_745_831_727_412.0));
    assert_eq!(ms("2025-04-28T04:45:27.412-04:30"), Some(1_745_831_727_412.0));
    assert_eq!(ms("2025-04-28t09:15:27.412z"), Some(1_745_831_727_412.0));
    assert_eq!(ms("2024-02-29T00:00:00Z"), Some(1_709_164_800_000.0));
    assert_eq!(ms("1969-12-31T23:59:59Z"), Some(-1000.0));
    for bad in [
        "",
        "2025-04-28",
        "2025-04-28T09:15:27",
        "2025-04-28T09:15:27.Z",
        "2025-13-28T09:15:27Z",
        "2025-02-29T09:15:27Z",
        "2025-04-31T09:15:27Z",
        "2025-04-28T24:00:00Z",
        "2025-04-28T09:15:27+0200",
        "2025-04-28T09:15:27Z ",
        "2025-04-28T09:15:27+24:00",
        "Mon, 28 Apr 2025 09:15:27 GMT",
    ] {
        assert_eq!(ms(bad), None, "{bad:?}");
    }
}

/// What the WHATWG parser (the `url` crate, a faithful port of it) reads.
fn whatwg(input: &str) -> Option<ParsedUrl> {
    let u = url::Url::parse(input).ok()?;
    Some(ParsedUrl {
        href: u.as_str().to_owned(),
        protocol: format!("{}:", u.scheme()),
        username: u.username().to_owned(),
        password: u.password().unwrap_or_default().to_owned(),
        hostname: u.host_str().unwrap_or_default().to_owned(),
    })
}

fn base(input: &str) -> Result<String, String> {
    server::base(input, whatwg(input), "https://api.ding.live/v1", "")
}

/// The v2 client's rule: its paths add `/v2`, so a base ending in it is refused.
#[test]
fn a_base_that_ends_in_the_api_path_is_refused() {
    let v2 = |input: &str| server::base(input, whatwg(input), "https://api.prelude.dev", "/v2");
    for bad in [
        "https://api.prelude.dev/v2",
        "https://api.prelude.dev/v2/",
        "https://proxy.example/prelude/v2",
        "http://[::1]:8787/v2",
    ] {
        let e = v2(bad).unwrap_err();
        assert!(e.starts_with("must not end in /v2") && e.contains("https://api.prelude.dev"), "{bad:?}: {e}");
    }
    for (good, b) in [
        ("https://api.prelude.dev/", "https://api.prelude.dev"),
        ("https://proxy.example/v2x", "https://proxy.example/v2x"),
        ("https://proxy.example/v2/prelude", "https://proxy.example/v2/prelude"),
        ("https://api.prelude.dev/V2", "https://api.prelude.dev/V2"),
    ] {
        assert_eq!(v2(good).as_deref(), Ok(b), "{good:?}");
    }
    // v1's server URL ends in /v1 and its paths start below it.
    assert_eq!(base("https://api.ding.live/v1").as_deref(), Ok("https://api.ding.live/v1"));
}

#[test]
fn server_urls() {
    assert_eq!(base("https://api.ding.live/v1/").unwrap(), "https://api.ding.live/v1");
    assert_eq!(base("http://127.0.0.1:8787/v1").unwrap(), "http://127.0.0.1:8787/v1");
    assert_eq!(base("http://localhost:3000").unwrap(), "http://localhost:3000");
    assert_eq!(base("HTTP://[::1]:3000/v1").unwrap(), "http://[::1]:3000/v1", "the parser's spelling");
    assert_eq!(base("https://api.prelude.dev").unwrap(), "https://api.prelude.dev");
    assert_eq!(base("http://127.1:8787/v1").unwrap(), "http://127.0.0.1:8787/v1", "the host as fetch reads it");
    assert_eq!(base("https://API.Ding.LIVE/v1/../v1").unwrap(), "https://api.ding.live/v1");
    for bad in [
        "http://api.ding.live/v1",
        "http://127.0.0.1.evil.example/v1",
        "http://localhost@evil.example/",
        "api.ding.live/v1",
        "ftp://api.ding.live",
        "https://api.ding.live/v1?x=1",
        "https://api.ding.live/v1?",
        "https://api.ding.live/v1#x",
        "https://api.ding.live/v 1",
        "https://api.ding.live/v1\r\n",
        "",
    ] {
        assert!(base(bad).is_err(), "{bad:?}");
    }
}

/// Strings that a hand-written authority scan and the WHATWG parser read
/// differently. Whatever the parser reads as the host decides: http is
/// accepted only when that host is loopback, and never with credentials.
#[test]
fn tricky_server_urls_are_decided_by_the_host_the_url_parser_reads() {
    let cases = [
        ("http://evil.example\\@localhost/v1", false),
        ("http://evil.example\\@127.0.0.1/v1", false),
        ("http://localhost\\@evil.example/v1", true),
        ("http://evil.example#@localhost/v1", false),
        ("http://evil.example?@localhost/v1", false),
        ("http://evil.example/@localhost/v1", false),
        ("http://user:pw@localhost/v1", false),
        ("http://localhost:pw@evil.example/v1", false),
        ("http://localhost%40evil.example/v1", false),
        ("http://localhost./v1", false),
        ("http://localhost.evil.example/v1", false),
        ("http://sub.localhost/v1", false),
        ("http://0x7f.0.0.1/v1", true),
        ("http://2130706433/v1", true),
        ("http://0177.0.0.1/v1", true),
        ("http://127.0.0.1:80@evil.example/v1", false),
        ("http://[::1]@evil.example/v1", false),
        ("http://[::ffff:127.0.0.1]/v1", false),
        ("http:/\\localhost/v1", true),
        ("http:localhost/v1", true),
        ("https://evil.example\\@localhost/v1", true),
    ];
    for (input, accepted) in cases {
        let got = base(input);
        assert_eq!(got.is_ok(), accepted, "{input:?}: {got:?}");
        if let Ok(b) = got {
            let u = url::Url::parse(&b).unwrap();
            let host = u.host_str().unwrap().to_owned();
            let https = b.starts_with("https://");
            assert!(https || server::is_loopback(&host), "{input:?} goes over http to {host}");
            assert!(u.username().is_empty() && u.password().is_none(), "{input:?}: credentials in {b}");
        }
    }
}

#[test]
fn paths_are_percent_encoded_one_segment() {
    let base = "https://api.ding.live/v1";
    assert_eq!(
        server::with_segment(base, "/authentication/", Some("5d137d2c-bff8-4d8b-a5a7-56912aefa916")),
        "https://api.ding.live/v1/authentication/5d137d2c-bff8-4d8b-a5a7-56912aefa916"
    );
    assert_eq!(
        server::with_segment(base, "/authentication/", Some("../../x")),
        "https://api.ding.live/v1/authentication/%2E%2E%2F%2E%2E%2Fx"
    );
    let mut u = server::with_segment(base, "/lookup/", Some("+14155550123"));
    assert_eq!(u, "https://api.ding.live/v1/lookup/%2B14155550123");
    server::push_query(&mut u, "type", "cnam");
    server::push_query(&mut u, "type", "x y");
    assert_eq!(u, "https://api.ding.live/v1/lookup/%2B14155550123?type=cnam&type=x%20y");
    assert_eq!(server::with_segment(base, "/lookup/", None), "https://api.ding.live/v1/lookup/[redacted]");
    let mut s = String::new();
    server::push_segment(&mut s, "é?#%");
    assert_eq!(s, "%C3%A9%3F%23%25");
}

#[test]
fn format_checks() {
    assert!(is_uuid("0B6F2A4E-5d1c-4e8a-9f3b-7c2d1e0a9b84"));
    assert!(!is_uuid("0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b8g"));
    assert!(!is_uuid("{0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84}"));
    assert!(is_ipv4("255.255.255.255") && is_ipv4("0.0.0.0"));
    assert!(!is_ipv4("1.2.3") && !is_ipv4("01.2.3.4") && !is_ipv4("1.2.3.4.5") && !is_ipv4("1..3.4"));
    assert!(server::is_loopback("127.0.0.1") && server::is_loopback("127.5.6.7") && server::is_loopback("[::1]"));
    assert!(!server::is_loopback("128.0.0.1") && !server::is_loopback("localhost.example"));
    assert!(has_control_char("a\u{7f}") && has_control_char("\u{9f}") && !has_control_char("é ü"));
    assert!(is_bcp47("en") && is_bcp47("en-US") && !is_bcp47("en-") && !is_bcp47("-US") && !is_bcp47("e"));
    assert!(is_email("jane.doe@example.com") && !is_email("jane@example") && !is_email("a b@c.d") && !is_email("@x.y"));
}

#[test]
fn ipv6_parsing_agrees_with_the_standard_library() {
    for text in [
        "::",
        "::1",
        "1::",
        "2001:db8::42",
        "::ffff:203.0.113.42",
        "0:0:0:0:0:ffff:cb00:712a",
        "1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:1.2.3.4",
        "1::1.2.3.4",
        "fe80::1:2",
        "1:2:3:4:5:6:7::",
        "::2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7:8:9",
        "1:::2",
        "1:2",
        "12345::",
        "::1.2.3",
        ":1::",
        "1::2::3",
        "g::1",
        "::ffff:01.2.3.4",
        "",
        ":",
        "1:2:3:4:5:6:7",
        "::1.2.3.4.5",
        "1.2.3.4",
        "1:2:3:4:5:6:7:1.2.3.4",
    ] {
        let ours = parse_ipv6(text);
        let std = text.parse::<std::net::Ipv6Addr>().ok().map(|a| a.segments());
        assert_eq!(ours, std, "{text:?}");
    }
    assert_eq!(ipv4_mapped("::ffff:203.0.113.42").as_deref(), Some("203.0.113.42"));
    assert_eq!(ipv4_mapped("::ffff:0:0").as_deref(), Some("0.0.0.0"));
    assert_eq!(ipv4_mapped("::1"), None);
    assert_eq!(ipv4_mapped("64:ff9b::203.0.113.42"), None);
}

#[test]
fn small_helpers() {
    let mut s = String::new();
    for n in [0u64, 7, 10, 400, u64::MAX] {
        s.clear();
        push_uint(&mut s, n);
        assert_eq!(s, n.to_string());
    }
    let e = DecodeError { path: String::new(), expected: "a string", found: "number" }.within("b").at(2).within("a");
    assert_eq!(e.path, "a[2].b");
    let mut w = Writer::new();
    w.open('{');
    w.key("k");
    w.string("\"\\\n\u{1}\u{2028}é");
    w.key("n");
    w.open('[');
    for i in [-3i64, 0, 7] {
        w.item();
        w.int(i);
    }
    w.item();
    w.open('{');
    w.close('}');
    w.close(']');
    w.key("b");
    w.boolean(false);
    w.close('}');
    let v: serde_json::Value = serde_json::from_str(&w.finish()).unwrap();
    assert_eq!(v, serde_json::json!({"k": "\"\\\n\u{1}\u{2028}é", "n": [-3, 0, 7, {}], "b": false}));
}

const KEY: &str = "sk_live_0123/\"abc%";

#[test]
fn the_key_is_found_in_any_spelling() {
    let spellings = [
        KEY.to_owned(),
        // JSON-escaped the way JSON.stringify does, and with \/ and \uXXXX.
        serde_json::to_string(KEY).unwrap().trim_matches('"').to_owned(),
        "sk_live_0123\\/\\\"abc%".to_owned(),
        "\\u0073\\u006B_live_0123\\u002f\\u0022abc\\u0025".to_owned(),
        // Percent-encoded, both hex cases, in part or in whole.
        "sk_live_0123%2F%22abc%25".to_owned(),
        "%73%6b%5f%6C%69%76%65%5F%30%31%32%33%2f%22%61%62%63%25".to_owned(),
        "sk_live_0123%2f\\\"abc\\u0025".to_owned(),
    ];
    for s in &spellings {
        let hay = format!("before {s} after");
        assert!(contains(&hay, KEY), "{s}");
        assert_eq!(redact(&hay, KEY), "before [redacted] after", "{s}");
    }
    assert!(!contains("sk_live_0123/\"abc", KEY), "a part of the key is not the key");
    assert_eq!(redact("%%%", "%%"), "[redacted]%");
    assert_eq!(redact("%25%", "%%"), "[redacted]");
    let many = "\\".repeat(40);
    let started = std::time::Instant::now();
    assert!(contains(&format!("{}x", "\\\\".repeat(2000)), &many));
    assert!(started.elapsed().as_secs() < 5, "a key of escapes is found without a search tree");
}

#[test]
fn a_short_test_key_is_removed_only_where_it_stands_alone() {
    assert_eq!(redact("blocked_number", "k"), "blocked_number");
    assert_eq!(redact(r#"{"key":"k","x":"%6B"}"#, "k"), r#"{"key":"[redacted]","x":"[redacted]"}"#);
    assert_eq!(redact("x-echo-key: abc", "abc"), "x-echo-key: [redacted]");
    assert!(!contains("invalid_api_key", "key"));
    assert!(contains("the key is key.", "key"));
    // From 8 characters on, anywhere.
    assert_eq!(redact("xxtest-key1yy", "test-key1"), "xx[redacted]yy");
    // A cut that ends a word never leaves a short key standing alone at
    // the end (found by the fuzzer, with the key `{`).
    assert_eq!(clean("ok kx and more", "k", 4), "ok …");
    assert_eq!(clean("x}uuuuu more", "uuu", 7), "x}…", "a cut moved back may expose another");
    assert_eq!(clean("a {b", "{", 3), "a …");
    // A short key next to another spelling of itself (found by the fuzzer).
    assert_eq!(redact("[%7A[z[\n[", "z["), "[[redacted][redacted]\n[");
    assert_eq!(redact("z[z[z[ end", "z["), "[redacted][redacted][redacted] end");
    for max in 0..20 {
        let out = clean("the keys key_ kx {{ key", "key", max);
        assert!(!contains(&out.replace(MARK, " "), "key"), "{max}: {out}");
    }
}

#[test]
fn a_cut_never_leaves_the_start_of_the_key() {
    let body = format!("{}{KEY}{}", "a".repeat(90), "z".repeat(50));
    for max in 80..=160 {
        let out = clean(&body, KEY, max);
        assert!(out.len() <= max + '…'.len_utf8(), "{max}: {}", out.len());
        assert!(!out.contains("sk_"), "{max}: {out}");
        assert_eq!(out.matches('[').count(), out.matches("[redacted]").count(), "{max}: a mark is never split: {out}");
    }
    let percent = format!("{}{}", "a".repeat(10), "%73%6B%5F%6C%69%76%65");
    let out = clean(&format!("{percent}%5F%30%31%32%33%2F%22%61%62%63%25 and more"), KEY, 20);
    assert!(out.starts_with("aaaaaaaaaa") && !out.contains('%'), "{out}");
    assert_eq!(clean("short", KEY, 100), "short");
    let huge = format!("{KEY}{}", "x".repeat(10 << 20));
    let out = clean(&huge, KEY, MAX_KEPT_BODY);
    assert!(out.starts_with("[redacted]xxx") && out.len() <= MAX_KEPT_BODY + 3);
}

#[test]
fn errors_scrub_an_echoed_api_key_everywhere() {
    let secret = "sk_live_secret_42";
    let body = ErrorBody {
        code: Some(format!("bad_{secret}")),
        message: Some(format!("bad key {secret}!")),
        doc_url: Some(format!("https://docs.example/?k={secret}")),
        param: Some(secret.replace('_', "%5F")),
        request_id: Some(format!("req-{secret}")),
    };
    let raw = format!(r#"{{"message":"bad key {secret}!","again":"{secret}{secret}"}}"#);
    let e = Error::refused("Ding API", ErrorKind::Http, 403, body, raw).cleaned(secret);
    assert_eq!(e.message(), "Ding API answered HTTP 403 (is the API key right?): bad key [redacted]!");
    assert_eq!(e.body().unwrap(), r#"{"message":"bad key [redacted]!","again":"[redacted][redacted]"}"#);
    assert_eq!(e.code(), Some("bad_[redacted]"));
    assert_eq!(e.status(), Some(403));
    let e = Error::refused("Ding API", ErrorKind::Http, 500, ErrorBody::default(), "sk_live".into()).cleaned(secret);
    assert_eq!(e.body(), Some("sk_live"), "a partial match is not a key");
    let straddling = format!("{}{secret}", "x".repeat(MAX_KEPT_BODY - 4));
    let e = Error::refused("Ding API", ErrorKind::Http, 500, ErrorBody::default(), straddling).cleaned(secret);
    assert!(!e.body().unwrap().contains("sk_l"), "no prefix of the key is left at the cut");
    let e = Error::refused("Ding API", ErrorKind::Http, 500, ErrorBody::default(), "x".repeat(100_000)).cleaned("");
    assert!(e.body().unwrap().len() <= MAX_KEPT_BODY + 3, "bodies kept on errors are capped");
    let long = ErrorBody { message: Some(format!("{}{secret}", "m".repeat(1015))), ..ErrorBody::default() };
    let e = Error::refused("Ding API", ErrorKind::Http, 500, long, String::new()).cleaned(secret);
    assert!(!e.message().contains("sk_"), "{}", e.message());
}
