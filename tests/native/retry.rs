//! The retry policy and the timing options, with an injected random source.

use crate::core::options::{read_timing, Timing, DEFAULT_TIMEOUT_MS};
use crate::core::retry::*;
use crate::core::time::{http_date_ms, Timestamp};
use serde_json::json;

const P: RetryPolicy = RetryPolicy {
    max_retries: 2,
    initial_delay_ms: 500.0,
    max_delay_ms: 8_000.0,
    budget_ms: 30_000.0,
    retry_unsafe: false,
};

fn status(status: u16) -> Outcome {
    Outcome::Status { status, retry_after_ms: None }
}

#[test]
fn idempotent_calls_retry_transient_failures_only() {
    for o in [
        Outcome::Refused,
        Outcome::Connection,
        Outcome::Timeout,
        Outcome::BrokenBody,
        status(408),
        status(429),
        status(500),
        status(502),
        status(503),
        status(504),
    ] {
        assert!(is_retryable(&P, Safety::Idempotent, o), "{o:?}");
    }
    for s in [200, 201, 400, 401, 403, 404, 409, 422, 501, 505] {
        assert!(!is_retryable(&P, Safety::Idempotent, status(s)), "{s}");
    }
}

#[test]
fn state_changing_calls_retry_only_where_the_server_did_not_act() {
    // Sending a code, checking one, recording feedback: a repeat after an
    // ambiguous failure could send a second SMS, answer "already validated"
    // to a right code, count a wrong one twice, or record feedback twice.
    assert!(is_retryable(&P, Safety::ChangesState, Outcome::Refused));
    assert!(is_retryable(&P, Safety::ChangesState, status(429)));
    assert!(is_retryable(&P, Safety::ChangesState, Outcome::Status { status: 503, retry_after_ms: Some(1000.0) }));
    for o in [
        Outcome::Connection,
        Outcome::Timeout,
        Outcome::BrokenBody,
        status(408),
        status(500),
        status(502),
        status(503),
        status(504),
    ] {
        assert!(!is_retryable(&P, Safety::ChangesState, o), "{o:?} may have been acted on");
    }
    let unsafe_ok = RetryPolicy { retry_unsafe: true, ..P };
    for o in [Outcome::Connection, Outcome::Timeout, status(500), status(503)] {
        assert!(is_retryable(&unsafe_ok, Safety::ChangesState, o), "{o:?} with retryUnsafe");
    }
    assert!(!is_retryable(&unsafe_ok, Safety::ChangesState, status(400)));
}

#[test]
fn backoff_doubles_is_capped_and_jittered_down_by_at_most_a_quarter() {
    assert_eq!(delay_ms(&P, 1, None, 0.0), 500.0);
    assert_eq!(delay_ms(&P, 2, None, 0.0), 1000.0);
    assert_eq!(delay_ms(&P, 3, None, 0.0), 2000.0);
    assert_eq!(delay_ms(&P, 5, None, 0.0), 8000.0);
    assert_eq!(delay_ms(&P, 30, None, 0.0), 8000.0);
    assert_eq!(delay_ms(&P, 1000, None, 0.0), 8000.0, "no overflow");
    assert_eq!(delay_ms(&P, 1, None, 0.999_999), 500.0 * (1.0 - 0.25 * 0.999_999));
    assert_eq!(delay_ms(&P, 2, None, 0.5), 875.0);
    for i in 0..100 {
        let r = f64::from(i) / 100.0;
        let d = delay_ms(&P, 2, None, r);
        assert!((750.0..=1000.0).contains(&d), "{d}");
    }
    assert_eq!(delay_ms(&P, 1, Some(2500.0), 0.9), 2500.0, "Retry-After wins over backoff");
}

#[test]
fn next_wait_respects_count_budget_deadline_and_retry_after_bound() {
    let w = |o, done, elapsed, left| next_wait(&P, Safety::Idempotent, o, done, elapsed, left, 0.0);
    assert_eq!(w(status(503), 0, 0.0, None), Some(500.0));
    assert_eq!(w(status(503), 1, 600.0, None), Some(1000.0));
    assert_eq!(w(status(503), 2, 2000.0, None), None, "max_retries reached");
    assert_eq!(w(status(400), 0, 0.0, None), None);
    assert_eq!(w(status(503), 0, 29_800.0, None), None, "the wait would end past the budget");
    assert_eq!(w(status(503), 0, 0.0, Some(400.0)), None, "the wait would end past the deadline");
    assert_eq!(w(status(503), 0, 0.0, Some(600.0)), Some(500.0));
    let ra = |ms| Outcome::Status { status: 429, retry_after_ms: Some(ms) };
    assert_eq!(w(ra(3000.0), 0, 0.0, None), Some(3000.0));
    assert_eq!(w(ra(0.0), 0, 0.0, None), Some(0.0));
    assert_eq!(w(ra(60_000.0), 0, 0.0, None), None, "past the budget");
    assert_eq!(w(ra(61_000.0), 0, 0.0, None), None, "beyond the sane bound");
    let off = RetryPolicy { max_retries: 0, ..P };
    assert_eq!(next_wait(&off, Safety::Idempotent, status(503), 0, 0.0, None, 0.0), None);
}

#[test]
fn retry_after_headers() {
    let now = Timestamp::parse("2025-04-28T09:00:00Z").unwrap().millis;
    assert_eq!(parse_retry_after(Some("3"), None, now), Some(3000.0));
    assert_eq!(parse_retry_after(Some(" 1.5 "), None, now), Some(1500.0));
    assert_eq!(parse_retry_after(Some("3"), Some("250"), now), Some(250.0), "retry-after-ms first");
    assert_eq!(parse_retry_after(Some("Mon, 28 Apr 2025 09:00:05 GMT"), None, now), Some(5000.0));
    assert_eq!(parse_retry_after(Some("Mon, 28 Apr 2025 08:59:00 GMT"), None, now), Some(0.0), "a past date: now");
    for bad in ["-1", "soon", "NaN", "inf", "Mon, 28 Apr 2025 09:00:05 UTC", "Mon, 31 Apr 2025 09:00:05 GMT", ""] {
        assert_eq!(parse_retry_after(Some(bad), None, now), None, "{bad:?}");
    }
    assert_eq!(parse_retry_after(None, Some("-5"), now), None);
    assert_eq!(parse_retry_after(None, None, now), None);
    assert_eq!(http_date_ms("Sun, 06 Nov 1994 08:49:37 GMT", now), Some(784_111_777_000.0));
    for (text, value) in [
        ("0", Some(0.0)),
        ("12", Some(12.0)),
        ("0.25", Some(0.25)),
        ("1.", None),
        (".5", None),
        ("1.2.3", None),
        ("+1", None),
        ("1e3", None),
        ("", None),
    ] {
        assert_eq!(parse_decimal(text), value, "{text:?}");
    }
}

#[test]
fn timing_options_read_and_merge() {
    let d = Timing::default();
    assert_eq!(d.timeout_ms, DEFAULT_TIMEOUT_MS);
    assert_eq!(read_timing(&json!({}), d).unwrap(), d);
    let t = read_timing(&json!({"retries": 5, "timeoutMs": 250, "deadlineMs": 2000}), d).unwrap();
    assert_eq!((t.policy.max_retries, t.timeout_ms, t.deadline_ms), (5, 250.0, Some(2000.0)));
    assert_eq!(read_timing(&json!({"retries": false}), t).unwrap().policy.max_retries, 0);
    assert_eq!(read_timing(&json!({"retries": true}), t).unwrap().policy.max_retries, 2);
    let per_call = read_timing(&json!({"retries": {"retryUnsafe": true, "initialDelayMs": 10}}), t).unwrap();
    assert_eq!(per_call.policy.max_retries, 5, "unset members keep the client's value");
    assert!(per_call.policy.retry_unsafe);
    assert_eq!(per_call.policy.initial_delay_ms, 10.0);
    assert_eq!(per_call.timeout_ms, 250.0);
    for (bad, field) in [
        (json!({"retries": 11}), "retries"),
        (json!({"retries": -1}), "retries"),
        (json!({"retries": 1.5}), "retries"),
        (json!({"retries": "3"}), "retries"),
        (json!({"retries": {"maxRetries": 99}}), "maxRetries"),
        (json!({"retries": {"retryUnsafe": 1}}), "retryUnsafe"),
        (json!({"retries": {"budgetMs": 0}}), "budgetMs"),
        (json!({"timeoutMs": 0}), "timeoutMs"),
        (json!({"timeoutMs": "100"}), "timeoutMs"),
        (json!({"timeoutMs": 1e12}), "timeoutMs"),
        (json!({"deadlineMs": -5}), "deadlineMs"),
    ] {
        assert_eq!(read_timing(&bad, d).unwrap_err().field, field, "{bad}");
    }
}

#[test]
fn all_three_http_date_forms_are_read() {
    let now = Timestamp::parse("2025-04-28T09:00:00Z").unwrap().millis;
    let want = Some(784_111_777_000.0);
    // RFC 9110 5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms.
    assert_eq!(http_date_ms("Sun, 06 Nov 1994 08:49:37 GMT", now), want);
    assert_eq!(http_date_ms("Sunday, 06-Nov-94 08:49:37 GMT", now), want);
    assert_eq!(http_date_ms("Sun Nov  6 08:49:37 1994", now), want);
    assert_eq!(http_date_ms("Sun Nov 16 08:49:37 1994", now), Some(784_111_777_000.0 + 10.0 * 86_400_000.0));
    // A two-digit year more than 50 years ahead is in the past century.
    let y2030 = Timestamp::parse("2030-01-01T00:00:00Z").unwrap().millis;
    assert_eq!(http_date_ms("Tuesday, 01-Jan-30 00:00:00 GMT", now), Some(y2030));
    let y1980 = Timestamp::parse("1980-01-01T00:00:00Z").unwrap().millis;
    assert_eq!(http_date_ms("Tuesday, 01-Jan-80 00:00:00 GMT", now), Some(y1980));
    assert_eq!(
        parse_retry_after(Some("Monday, 28-Apr-25 09:00:05 GMT"), None, now),
        Some(5000.0),
        "an RFC 850 Retry-After"
    );
    assert_eq!(parse_retry_after(Some("Mon Apr 28 09:00:07 2025"), None, now), Some(7000.0), "an asctime Retry-After");
    for bad in [
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 UTC",
        "Sun Nov 6 08:49:37 1994",
        "Sun Nov  6 08:49:37 94",
        "Sun Nov  6 8:49:37 1994",
        "Sun Nov 31 08:49:37 1994",
        "Sun Nov  6 08:61:37 1994",
        "Sun Xyz  6 08:49:37 1994",
    ] {
        assert_eq!(http_date_ms(bad, now), None, "{bad:?}");
    }
}
