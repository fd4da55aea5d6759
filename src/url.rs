//! Building request URLs: the server base, percent-encoded path segments and
//! the lookup query.

use crate::validate;

/// The server every request goes to unless `serverURL` says otherwise.
pub const DEFAULT_SERVER_URL: &str = "https://api.ding.live/v1";

/// Checks `serverURL` and returns it without trailing slashes. Plain `http`
/// is accepted only for loopback hosts (a local mock), so an API key never
/// travels unencrypted over a network.
pub fn server_base(url: &str) -> Result<String, String> {
    if url.len() > 2048 || !validate::is_http_url(url) {
        return Err("must be an absolute http(s) URL like https://api.ding.live/v1".into());
    }
    if url.contains(['?', '#']) {
        return Err("must not have a query or a fragment".into());
    }
    let is_http = url.as_bytes().get(..7).is_some_and(|p| p.eq_ignore_ascii_case(b"http://"));
    if is_http && !validate::url_host(url).is_some_and(|h| validate::is_loopback_host(&h)) {
        return Err("must use https (plain http is allowed only for localhost and 127.0.0.1)".into());
    }
    Ok(url.trim_end_matches('/').to_owned())
}

/// Appends `segment` percent-encoded so that it stays one path segment:
/// everything but ASCII letters, digits, `-`, `_` and `~` is escaped
/// (`+` becomes `%2B`, `/` becomes `%2F`, `.` becomes `%2E`).
pub fn push_segment(out: &mut String, segment: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0xf)] as char);
        }
    }
}

/// `{base}{path}` for the fixed OTP paths.
pub fn join(base: &str, path: &str) -> String {
    let mut u = String::with_capacity(base.len() + path.len());
    u.push_str(base);
    u.push_str(path);
    u
}

/// `{base}/authentication/{auth_uuid}`.
pub fn authentication_status(base: &str, auth_uuid: &str) -> String {
    let mut u = join(base, "/authentication/");
    push_segment(&mut u, auth_uuid);
    u
}

/// `{base}/lookup/{phone_number}?type=..&type=..`; without a number, the
/// URL as logged: `{base}/lookup/[redacted]?type=..`.
pub fn lookup(base: &str, phone_number: Option<&str>, types: &[&str]) -> String {
    let mut u = join(base, "/lookup/");
    match phone_number {
        Some(p) => push_segment(&mut u, p),
        None => u.push_str("[redacted]"),
    }
    for (i, t) in types.iter().enumerate() {
        u.push_str(if i == 0 { "?type=" } else { "&type=" });
        push_segment(&mut u, t);
    }
    u
}
