//! Dates, URLs, format checks and small helpers.

use crate::model::{push_uint, DecodeError};
use crate::url;
use crate::validate::*;
use crate::Timestamp;

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

#[test]
fn server_urls() {
    assert_eq!(url::server_base("https://api.ding.live/v1/").unwrap(), "https://api.ding.live/v1");
    assert_eq!(url::server_base("http://127.0.0.1:8787/v1").unwrap(), "http://127.0.0.1:8787/v1");
    assert_eq!(url::server_base("http://localhost:3000").unwrap(), "http://localhost:3000");
    assert_eq!(url::server_base("HTTP://[::1]:3000/v1").unwrap(), "HTTP://[::1]:3000/v1");
    for bad in [
        "http://api.ding.live/v1",
        "http://127.0.0.1.evil.example/v1",
        "http://localhost@evil.example/",
        "api.ding.live/v1",
        "ftp://api.ding.live",
        "https://api.ding.live/v1?x=1",
        "https://api.ding.live/v1#x",
        "https://api.ding.live/v 1",
        "https://api.ding.live/v1\r\n",
        "",
    ] {
        assert!(url::server_base(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn paths_are_percent_encoded_one_segment() {
    let base = "https://api.ding.live/v1";
    assert_eq!(
        url::authentication_status(base, "5d137d2c-bff8-4d8b-a5a7-56912aefa916"),
        "https://api.ding.live/v1/authentication/5d137d2c-bff8-4d8b-a5a7-56912aefa916"
    );
    assert_eq!(
        url::authentication_status(base, "../../x"),
        "https://api.ding.live/v1/authentication/%2E%2E%2F%2E%2E%2Fx"
    );
    assert_eq!(url::lookup(base, Some("+14155550123"), &[]), "https://api.ding.live/v1/lookup/%2B14155550123");
    assert_eq!(
        url::lookup(base, Some("+14155550123"), &["cnam"]),
        "https://api.ding.live/v1/lookup/%2B14155550123?type=cnam"
    );
    assert_eq!(
        url::lookup(base, Some("+1"), &["cnam", "x y"]),
        "https://api.ding.live/v1/lookup/%2B1?type=cnam&type=x%20y"
    );
    assert_eq!(url::lookup(base, None, &["cnam"]), "https://api.ding.live/v1/lookup/[redacted]?type=cnam");
    let mut s = String::new();
    url::push_segment(&mut s, "é?#%");
    assert_eq!(s, "%C3%A9%3F%23%25");
}

#[test]
fn format_checks() {
    assert!(is_uuid("0B6F2A4E-5d1c-4e8a-9f3b-7c2d1e0a9b84"));
    assert!(!is_uuid("0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b8g"));
    assert!(!is_uuid("{0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84}"));
    assert!(is_ipv4("255.255.255.255") && is_ipv4("0.0.0.0"));
    assert!(!is_ipv4("1.2.3") && !is_ipv4("01.2.3.4") && !is_ipv4("1.2.3.4.5") && !is_ipv4("1..3.4"));
    assert!(is_loopback_host("127.0.0.1") && is_loopback_host("127.5.6.7") && is_loopback_host("::1"));
    assert!(!is_loopback_host("128.0.0.1") && !is_loopback_host("localhost.example"));
    assert_eq!(url_host("https://user:pw@Example.COM:443/x").as_deref(), Some("example.com"));
    assert!(has_control_char("a\u{7f}") && has_control_char("\u{9f}") && !has_control_char("é ü"));
    assert!(is_bcp47("en") && is_bcp47("en-US") && !is_bcp47("en-") && !is_bcp47("-US") && !is_bcp47("e"));
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
    let mut w = crate::value::JsonObjectWriter::new();
    w.string("k", "\"\\\n\u{1}\u{2028}é");
    let text = w.finish();
    assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap()["k"], "\"\\\n\u{1}\u{2028}é");
}

#[test]
fn errors_scrub_an_echoed_api_key() {
    use crate::models::ErrorResponse;
    let secret = "sk_live_ÿ_secret";
    let body = ErrorResponse { code: None, message: Some(format!("bad key {secret}!")), doc_url: None };
    let raw = format!(r#"{{"message":"bad key {secret}!","again":"{secret}{secret}"}}"#);
    let e = crate::Error::http(403, body, raw).redact(secret);
    assert_eq!(e.message(), "Ding API answered HTTP 403 (is the API key right?): bad key [redacted]!");
    assert_eq!(e.body().unwrap(), r#"{"message":"bad key [redacted]!","again":"[redacted][redacted]"}"#);
    assert_eq!(e.status(), Some(403));
    let e = crate::Error::http(500, ErrorResponse::default(), "sk_live".into()).redact(secret);
    assert_eq!(e.body(), Some("sk_live"), "a partial match is not a key");
    let e = crate::Error::http(500, ErrorResponse::default(), "x".repeat(100_000)).redact("");
    assert_eq!(e.body().unwrap().len(), crate::error::MAX_KEPT_BODY, "bodies kept on errors are capped");
}
