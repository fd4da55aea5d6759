//! Any bytes as a response body: decoding must give a value or a typed
//! error, never a panic; dates and Retry-After headers likewise.
#![no_main]

use ding_otp_fuzz::model::Decode;
use ding_otp_fuzz::models::*;
use ding_otp_fuzz::{retry, Timestamp};
use libfuzzer_sys::fuzz_target;

fn all<V: ding_otp_fuzz::value::Value>(v: &V) {
    let _ = CreateAuthenticationResponse::decode(v);
    let _ = CreateCheckResponse::decode(v);
    let _ = RetryAuthenticationResponse::decode(v);
    let _ = FeedbackResponse::decode(v);
    let _ = LookupResponse::decode(v);
    let _ = ErrorResponse::decode_lenient(v);
    if let Err(e) = AuthenticationStatusResponse::decode(v) {
        let _ = e.describe();
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) {
        all(&v);
        // The same value wrapped where the decoder expects nested shapes.
        all(&serde_json::json!({ "events": [v.clone()], "signals": v.clone() }));
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = Timestamp::parse(s);
        let _ = retry::parse_retry_after(Some(s), Some(s), 1.7e12);
        let _ = retry::http_date_ms(s);
    }
});
