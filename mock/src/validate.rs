//! The mock's own checks of the wire formats the contracts name: written
//! apart from the SDK's on purpose, so that a parser bug on one side shows
//! up as a disagreement with the other, and tested on their own against the
//! contracts' patterns and examples (`tests/wire.rs`).

/// `^\+[1-9][0-9]{1,14}$`: the E.164 pattern of both contracts.
pub fn is_e164(s: &str) -> bool {
    match s.strip_prefix('+') {
        Some(digits) => {
            (2..=15).contains(&digits.len()) && !digits.starts_with('0') && digits.chars().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// A hyphenated UUID (`format: uuid`), any case.
pub fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// `format: ipv4`: what the standard library's parser accepts (dotted
/// quad, no leading zeros).
pub fn is_ipv4(s: &str) -> bool {
    s.parse::<std::net::Ipv4Addr>().is_ok()
}

/// `format: ipv6`, by the standard library's parser.
pub fn is_ipv6(s: &str) -> bool {
    s.parse::<std::net::Ipv6Addr>().is_ok()
}

/// `format: uri` as far as a webhook goes: `http` or `https`, then a host.
pub fn is_http_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !s.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

/// The host and port of an `http://` URL on loopback, where the mock may
/// deliver webhooks: `127.x.x.x`, `localhost` or `[::1]`.
pub fn loopback_http(url: &str) -> Option<(String, u16, String)> {
    let rest = url.strip_prefix("http://")?;
    let (authority, path) = match rest.find(['/', '?']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if authority.contains('@') {
        return None;
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => (h, p.parse().ok()?),
        _ => (authority, 80),
    };
    let loopback =
        host == "localhost" || host == "[::1]" || host.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback());
    loopback.then(|| (host.trim_matches(['[', ']']).to_owned(), port, path.to_owned()))
}

/// A BCP-47 tag as far as the mock checks it: subtags of letters and digits.
pub fn is_bcp47(s: &str) -> bool {
    let mut parts = s.split('-');
    let lang = parts.next().unwrap_or("");
    (2..=8).contains(&lang.len())
        && lang.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// True when the text has a control character (C0, DEL, C1).
pub fn has_control_char(s: &str) -> bool {
    s.chars().any(char::is_control)
}

/// An e-mail address as far as the mock checks it.
pub fn is_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && domain.contains('.') && !domain.contains('@') && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}
