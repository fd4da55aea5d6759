//! Pure predicates on the text formats the contracts use: E.164 numbers,
//! UUIDs, IP addresses, BCP-47 tags, e-mail addresses, URLs and header-safe
//! text. No JS here: all of it is tested natively.

use crate::core::text::find;

/// The longest E.164 number: `+` and 15 digits.
pub const E164_MAX_DIGITS: usize = 15;

/// True for an E.164 number as the contracts' pattern `^\+[1-9][0-9]{1,14}$` says.
pub fn is_e164(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 3
        && b.len() <= E164_MAX_DIGITS + 1
        && b.first() == Some(&b'+')
        && b.get(1).is_some_and(|c| (b'1'..=b'9').contains(c))
        && b.iter().skip(2).all(u8::is_ascii_digit)
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

/// The four bytes of a dotted-quad IPv4 address without leading zeros (`203.0.113.42`).
pub fn parse_ipv4(s: &str) -> Option<[u8; 4]> {
    let mut out = [0u8; 4];
    let mut parts = s.split('.');
    for byte in out.iter_mut() {
        let part = parts.next()?;
        let ok = !part.is_empty()
            && part.len() <= 3
            && part.bytes().all(|c| c.is_ascii_digit())
            && !(part.len() > 1 && part.starts_with('0'));
        if !ok {
            return None;
        }
        let n = part.bytes().fold(0u16, |n, c| n * 10 + u16::from(c - b'0'));
        if n > 255 {
            return None;
        }
        *byte = n as u8;
    }
    parts.next().is_none().then_some(out)
}

/// True for a dotted-quad IPv4 address.
pub fn is_ipv4(s: &str) -> bool {
    parse_ipv4(s).is_some()
}

/// The eight groups of an IPv6 address in any RFC 4291 text form: full,
/// `::`-compressed, with an embedded IPv4 tail (`::ffff:203.0.113.42`),
/// any case. No zone (`%eth0`), no brackets.
pub fn parse_ipv6(s: &str) -> Option<[u16; 8]> {
    if s.is_empty() || s.len() > 45 {
        return None;
    }
    let (head, tail, compressed) = match find(s, "::") {
        Some(i) => (s.get(..i)?, s.get(i + 2..)?, true),
        None => (s, "", false),
    };
    if find(tail, "::").is_some() {
        return None;
    }
    let groups = |text: &str, allow_v4: bool| -> Option<Vec<u16>> {
        let mut out = Vec::new();
        if text.is_empty() {
            return Some(out);
        }
        let parts: Vec<&str> = text.split(':').collect();
        for (i, part) in parts.iter().enumerate() {
            if allow_v4 && i + 1 == parts.len() && part.contains('.') {
                let [a, b, c, d] = parse_ipv4(part)?;
                out.push(u16::from_be_bytes([a, b]));
                out.push(u16::from_be_bytes([c, d]));
            } else if (1..=4).contains(&part.len()) && part.bytes().all(|c| c.is_ascii_hexdigit()) {
                out.push(part.bytes().fold(0u16, |n, c| (n << 4) | hex_value(c)));
            } else {
                return None;
            }
        }
        Some(out)
    };
    let front = groups(head, !compressed)?;
    let back = if compressed { groups(tail, true)? } else { Vec::new() };
    let n = front.len() + back.len();
    if (compressed && n > 7) || (!compressed && n != 8) {
        return None;
    }
    let mut out = [0u16; 8];
    for (slot, g) in out.iter_mut().zip(front.iter()) {
        *slot = *g;
    }
    for (slot, g) in out.iter_mut().skip(8 - back.len()).zip(back.iter()) {
        *slot = *g;
    }
    Some(out)
}

fn hex_value(c: u8) -> u16 {
    u16::from(match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => c.wrapping_sub(b'A').wrapping_add(10),
    })
}

/// The IPv4 form of an IPv4-mapped IPv6 address (`::ffff:203.0.113.42`,
/// as Node's `req.socket.remoteAddress` gives it), or `None`.
pub fn ipv4_mapped(s: &str) -> Option<String> {
    let g = parse_ipv6(s)?;
    if g.get(..5) != Some(&[0u16; 5]) || g.get(5) != Some(&0xffff) {
        return None;
    }
    let mut out = String::with_capacity(15);
    for (i, byte) in g.get(6..)?.iter().flat_map(|w| w.to_be_bytes()).enumerate() {
        if i > 0 {
            out.push('.');
        }
        crate::core::json::push_uint(&mut out, byte.into());
    }
    Some(out)
}

/// True for an absolute `http` or `https` URL with a host and no whitespace
/// or control characters: enough to catch typos in a URL the server will
/// call (a webhook). Where the SDK itself sends a request, the platform's
/// own URL parser decides (see `server.rs`).
pub fn is_http_url(s: &str) -> bool {
    let rest = if let Some(r) = strip_prefix_ignore_case(s, "https://") {
        r
    } else if let Some(r) = strip_prefix_ignore_case(s, "http://") {
        r
    } else {
        return false;
    };
    let host_end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    let authority = rest.get(..host_end).unwrap_or(rest);
    let host = match authority.bytes().rposition(|b| b == b'@') {
        Some(i) => authority.get(i + 1..).unwrap_or_default(),
        None => authority,
    };
    !host.is_empty() && !host.starts_with(':') && s.bytes().all(|c| c > b' ' && c != 0x7f)
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

/// True for a plausible e-mail address: one `@` with text on both sides, a
/// dot in the domain, at most 254 characters, no spaces or control characters.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    s.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && find(domain, "..").is_none()
        && s.chars().all(|c| !c.is_whitespace() && !c.is_control())
}

/// True when `s` has a control character (C0, DEL or C1), which covers CR
/// and LF: such text could split a header or hide content in a log line.
pub fn has_control_char(s: &str) -> bool {
    s.chars().any(char::is_control)
}
