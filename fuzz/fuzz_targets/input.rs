//! Any JSON as the caller's request: reading must give a body or a field
//! error, never a panic, and an accepted body must be JSON whose members
//! are the caller's values under their wire names. Any text as a format:
//! the IP parsers agree with the standard library's, and a path segment
//! stays one segment.
#![no_main]

use ding_otp_fuzz::core::read::body;
use ding_otp_fuzz::core::typescript::Decl;
use ding_otp_fuzz::core::{formats, server};
use ding_otp_fuzz::{ding, prelude};
use libfuzzer_sys::fuzz_target;
use serde_json::Value as J;

fn camel(k: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in k.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// True when the wire value `w` carries the caller's value `c` (maps keep their keys).
fn same(w: &J, c: &J) -> bool {
    match (w, c) {
        (J::Object(wm), J::Object(cm)) => {
            wm.iter().all(|(k, x)| cm.get(&camel(k)).or_else(|| cm.get(k)).is_some_and(|y| same(x, y)))
        }
        (J::Array(wa), J::Array(ca)) => wa.len() == ca.len() && wa.iter().zip(ca).all(|(x, y)| same(x, y)),
        (J::String(a), J::String(b)) => a == b || formats::ipv4_mapped(b).as_deref() == Some(a.as_str()),
        (J::Number(a), J::Number(b)) => a.as_f64() == b.as_f64(),
        (a, b) => a == b,
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(v) = serde_json::from_slice::<J>(data) {
        for d in ding::models::DECLARATIONS.iter().chain(prelude::models::DECLARATIONS) {
            let Decl::Model(m) = d else { continue };
            if !m.name.ends_with("Request") {
                continue;
            }
            if let Ok(text) = body(m, &v) {
                let back: J = serde_json::from_str(&text).expect("the SDK writes valid JSON");
                assert!(same(&back, &v), "{} changed a value on the way out: {text}", m.name);
            }
        }
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let std6 = s.parse::<std::net::Ipv6Addr>().ok().map(|a| a.segments());
        assert_eq!(formats::parse_ipv6(s), std6, "IPv6 {s:?}");
        let std4 = s.parse::<std::net::Ipv4Addr>().ok().map(|a| a.octets());
        assert_eq!(formats::parse_ipv4(s), std4, "IPv4 {s:?}");
        let url = server::with_segment("https://h/v1", "/authentication/", Some(s));
        assert!(!url["https://h/v1/authentication/".len()..].contains(['/', '?', '#', '.', '\\']), "one segment");
        let _ = (formats::is_e164(s), formats::is_uuid(s), formats::is_bcp47(s), formats::is_email(s));
    }
});
