//! Any bytes as an answer: decoding must give a value or a typed error,
//! never a panic, for every answer type of both APIs, webhook events
//! included; dates, Retry-After headers and the key's redaction likewise.
#![no_main]

use ding_otp_fuzz::core::decode::decode;
use ding_otp_fuzz::core::error::ErrorBody;
use ding_otp_fuzz::core::schema::Ty;
use ding_otp_fuzz::core::typescript::Decl;
use ding_otp_fuzz::core::{options, redact, retry, time};
use ding_otp_fuzz::{ding, prelude};
use libfuzzer_sys::fuzz_target;

/// Every declared type of both APIs, made once (the decoder takes
/// `&'static Ty`): made per input, they would fill the fuzzer's memory.
fn types() -> &'static [Ty] {
    static TYPES: std::sync::OnceLock<Vec<Ty>> = std::sync::OnceLock::new();
    TYPES.get_or_init(|| {
        ding::models::DECLARATIONS
            .iter()
            .chain(prelude::models::DECLARATIONS)
            .map(|d| match d {
                Decl::Model(m) => Ty::Obj(m),
                Decl::Union(u) => Ty::Union(u),
                Decl::Enum(e) => Ty::Enum(e),
            })
            .collect()
    })
}

fn all(v: &serde_json::Value) {
    for ty in types() {
        if let Err(e) = decode(ty, v) {
            let _ = e.describe();
        }
    }
    let _ = ErrorBody::read(v);
}

fuzz_target!(|data: &[u8]| {
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) {
        all(&v);
        // The same value where the decoders expect nested shapes and lists.
        all(
            &serde_json::json!({ "events": [v.clone(), null], "signals": v.clone(), "payload": v.clone(), "phone_numbers": [v] }),
        );
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = time::Timestamp::parse(s);
        let _ = retry::parse_retry_after(Some(s), Some(s), 1.7e12);
        let _ = time::http_date_ms(s, 1.7e12);
        // The key is the first line (an accepted API key), the hay the rest.
        if let Some((key, hay)) = s.split_once('\n').filter(|(k, _)| options::api_key(k).is_ok()) {
            let cleaned = redact::clean(hay, key, 300);
            assert!(cleaned.len() <= 300 + '…'.len_utf8());
            // The mark may share characters with the key: read it as a space,
            // which no key has.
            let seen = cleaned.replace(redact::MARK, " ");
            assert!(!redact::contains(&seen, key), "the key survived cleaning: {cleaned:?}");
        }
    }
});
