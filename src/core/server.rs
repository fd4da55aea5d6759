//! Where requests go: the `serverURL` check and the request URLs built on
//! it. The decision uses the platform's own WHATWG URL parser (the one its
//! `fetch` will use), so the host that is checked is the host the request
//! and the API key go to; the base is that parser's serialisation.

use crate::core::formats;

/// What the WHATWG URL parser reads from a URL, as far as the check needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedUrl {
    /// The serialised URL (`href`).
    pub href: String,
    /// `https:` or `http:` (with the colon).
    pub protocol: String,
    /// The user name, empty when none.
    pub username: String,
    /// The password, empty when none.
    pub password: String,
    /// The host without port; IPv6 in brackets.
    pub hostname: String,
}

/// Parses `input` with the platform's `URL`.
pub fn parse(input: &str) -> Option<ParsedUrl> {
    let u = crate::core::js::Url::new(input).ok()?;
    Some(ParsedUrl {
        href: u.href(),
        protocol: u.protocol(),
        username: u.username(),
        password: u.password(),
        hostname: u.hostname(),
    })
}

/// True when `hostname` (as the URL parser serialises it) names this
/// machine: `localhost`, 127.0.0.0/8 or `[::1]`.
pub fn is_loopback(hostname: &str) -> bool {
    hostname == "localhost" || hostname == "[::1]" || (hostname.starts_with("127.") && formats::is_ipv4(hostname))
}

/// Checks `serverURL` (`input`, and `parsed`, what the platform's URL
/// parser read from it) and returns the base for request URLs: the
/// parser's serialisation without a trailing slash. Plain `http` is
/// accepted only for loopback hosts (a local mock), so an API key never
/// travels unencrypted over a network. `prefix` is the path the client adds
/// to every request (`/v2`, or empty): a base that already ends in it is
/// refused, since every path would carry it twice. `example` is the API's
/// own server, shown in the messages.
///
/// # Errors
/// A phrase that follows `serverURL` in the message.
pub fn base(input: &str, parsed: Option<ParsedUrl>, example: &str, prefix: &str) -> Result<String, String> {
    let must_be = || {
        let mut s = String::from("must be an absolute https URL like ");
        s.push_str(example);
        s
    };
    if input.len() > 2048 || input.chars().any(|c| c.is_whitespace() || c.is_control()) {
        let mut s = must_be();
        s.push_str(", without spaces or control characters");
        return Err(s);
    }
    let u = parsed.ok_or_else(must_be)?;
    let https = match u.protocol.as_str() {
        "https:" => true,
        "http:" => false,
        _ => return Err(must_be()),
    };
    if u.hostname.is_empty() {
        return Err(must_be());
    }
    if !u.username.is_empty() || !u.password.is_empty() {
        return Err("must not contain a user name or password".into());
    }
    if u.href.contains(['?', '#']) {
        return Err("must not have a query or a fragment".into());
    }
    if !https && !is_loopback(&u.hostname) {
        return Err("must use https (plain http is allowed only for localhost, 127.0.0.1 and [::1])".into());
    }
    let base = u.href.trim_end_matches('/');
    if !prefix.is_empty() && base.ends_with(prefix) {
        let mut s = String::from("must not end in ");
        s.push_str(prefix);
        s.push_str(": the client adds it to every path, so give the API's root, like ");
        s.push_str(example);
        return Err(s);
    }
    Ok(base.to_owned())
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

/// `{base}{path}`.
pub fn join(base: &str, path: &str) -> String {
    let mut u = String::with_capacity(base.len() + path.len() + 24);
    u.push_str(base);
    u.push_str(path);
    u
}

/// `{base}{path}{segment}`, the segment percent-encoded, or `[redacted]`
/// in place of it for the URL as logged.
pub fn with_segment(base: &str, path: &str, segment: Option<&str>) -> String {
    let mut u = join(base, path);
    match segment {
        Some(s) => push_segment(&mut u, s),
        None => u.push_str("[redacted]"),
    }
    u
}

/// Appends a query parameter, `?` for the first and `&` after.
pub fn push_query(url: &mut String, name: &str, value: &str) {
    url.push(if url.contains('?') { '&' } else { '?' });
    url.push_str(name);
    url.push('=');
    push_segment(url, value);
}
