//! Any JSON as the caller's request: reading must give a request or a
//! field error, never a panic, and an accepted request must serialise to
//! JSON that parses back with the same values.
#![no_main]

use ding_otp_fuzz::model::RequestBody;
use ding_otp_fuzz::models::*;
use ding_otp_fuzz::{url, validate};
use libfuzzer_sys::fuzz_target;

fn round_trip<B: RequestBody>(v: &serde_json::Value) {
    if let Ok(req) = B::read(v) {
        let text = req.to_json();
        let back: serde_json::Value = serde_json::from_str(&text).expect("the SDK writes valid JSON");
        for (k, x) in back.as_object().expect("an object") {
            let camel = k.split('_').enumerate().map(|(i, p)| {
                if i == 0 { p.to_owned() } else { p[..1].to_uppercase() + &p[1..] }
            }).collect::<String>();
            assert_eq!(Some(x), v.get(&camel), "{k} changed on the way out");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) {
        round_trip::<CreateAuthenticationRequest>(&v);
        round_trip::<CreateCheckRequest>(&v);
        round_trip::<RetryAuthenticationRequest>(&v);
        round_trip::<FeedbackRequest>(&v);
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let e164 = validate::is_e164(s);
        let _ = (validate::is_uuid(s), validate::is_ipv4(s), validate::is_bcp47(s), validate::url_host(s));
        if let Ok(base) = url::server_base(s) {
            assert!(!base.ends_with('/'));
            assert!(!base.contains(['\r', '\n', ' ']));
        }
        let path = url::authentication_status("https://h/v1", s);
        assert!(!path["https://h/v1/authentication/".len()..].contains(['/', '?', '#', '.']), "one segment");
        if e164 {
            assert!(url::lookup("https://h/v1", Some(s), &["cnam"]).ends_with("?type=cnam"));
        }
    }
});
