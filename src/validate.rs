//! Pure checks on the text formats the Ding contract uses (E.164 numbers,
//! UUIDs, IPv4 addresses, URLs, BCP-47 tags, header-safe text).
//!
//! This file depends on `core` only: the mock server includes it with
//! `#[path]` so the SDK and the mock agree on what is valid.

/// The longest E.164 number: `+` and 15 digits.
pub const E164_MAX_DIGITS: usize = 15;

/// True for an E.164 number as the contract's pattern `^\+[1-9][0-9]{1,14}$` says.
pub fn is_e164(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 3
        && b.len() <= E164_MAX_DIGITS + 1
        && b[0] == b'+'
        && (b'1'..=b'9').contains(&b[1])
        && b[2..].iter().all(u8::is_ascii_digit)
}

/// True for a UUID in its hyphenated 8-4-4-4-12 hex form (any case, any version).
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// True for a dotted-quad IPv4 address without leading zeros (`203.0.113.42`).
pub fn is_ipv4(s: &str) -> bool {
    let mut parts = 0;
    for part in s.split('.') {
        parts += 1;
        let ok = !part.is_empty()
            && part.len() <= 3
            && part.bytes().all(|c| c.is_ascii_digit())
            && !(part.len() > 1 && part.starts_with('0'))
            && part.bytes().fold(0u16, |n, c| n * 10 + u16::from(c - b'0')) <= 255;
        if !ok {
            return false;
        }
    }
    parts == 4
}

/// True for an absolute `http` or `https` URL with a host and no whitespace
/// or control characters (enough to catch typos before the server does).
pub fn is_http_url(s: &str) -> bool {
    let rest = if let Some(r) = strip_prefix_ignore_case(s, "https://") {
        r
    } else if let Some(r) = strip_prefix_ignore_case(s, "http://") {
        r
    } else {
        return false;
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..host_end).unwrap_or(rest);
    let host = authority.rsplit('@').next().unwrap_or(authority);
    !host.is_empty() && !host.starts_with(':') && s.bytes().all(|c| c > b' ' && c != 0x7f)
}

/// The host part (without port or brackets) of an `http(s)` URL, lowercased.
pub fn url_host(s: &str) -> Option<String> {
    let rest = strip_prefix_ignore_case(s, "https://").or_else(|| strip_prefix_ignore_case(s, "http://"))?;
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..host_end).unwrap_or(rest);
    let host_port = authority.rsplit('@').next().unwrap_or(authority);
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.get(..v6.find(']')?)?
    } else {
        host_port.split(':').next().unwrap_or(host_port)
    };
    Some(host.to_ascii_lowercase())
}

/// True when `host` names this machine: `localhost`, 127.0.0.0/8 or `::1`.
pub fn is_loopback_host(host: &str) -> bool {
    host == "localhost" || host.ends_with(".localhost") || host == "::1" || (host.starts_with("127.") && is_ipv4(host))
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    if s.as_bytes().get(..prefix.len())?.eq_ignore_ascii_case(prefix.as_bytes()) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

/// True for a plausible BCP-47 language tag: ASCII letters and digits in
/// subtags of 1 to 8 characters separated by `-`, starting with a 2 to 8
/// letter language subtag (`fr`, `fr-FR`, `zh-Hant-TW`, `en-US-x-twain`).
pub fn is_bcp47(s: &str) -> bool {
    let mut subtags = s.split('-');
    let first = subtags.next().unwrap_or("");
    (2..=8).contains(&first.len())
        && first.bytes().all(|c| c.is_ascii_alphabetic())
        && subtags.all(|t| (1..=8).contains(&t.len()) && t.bytes().all(|c| c.is_ascii_alphanumeric()))
}

/// True when `s` has a control character (C0, DEL or C1), which covers CR
/// and LF: such text could split a header or hide content in a log line.
pub fn has_control_char(s: &str) -> bool {
    s.chars().any(char::is_control)
}
