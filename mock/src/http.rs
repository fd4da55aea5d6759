//! The plain data a host hands to the core and gets back: no sockets, no
//! futures, no HTTP library types, so the same core runs under axum, in a
//! test, or compiled to wasm32 behind a JavaScript `fetch`.

use serde::Serialize;

/// One HTTP request as the host received it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    /// Method in upper case (`GET`, `POST`, ...).
    pub method: String,
    /// Path as sent, still percent-encoded (`/v2/lookup/%2B14155550123`).
    pub path: String,
    /// Query string as sent, without the `?`, still encoded; empty if none.
    pub query: String,
    /// Header pairs with lower-case names, in the order received.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl Request {
    /// A request with no headers and no body.
    pub fn new(method: &str, target: &str) -> Self {
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        Self { method: method.to_ascii_uppercase(), path: path.to_owned(), query: query.to_owned(), ..Self::default() }
    }

    /// This request with one more header (the name is lower-cased).
    #[must_use]
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_ascii_lowercase(), value.to_owned()));
        self
    }

    /// This request with a body.
    #[must_use]
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// The first value of a header (`name` in lower case).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The decoded query pairs, in order (`+` is a space, `%XX` a byte).
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        form_pairs(&self.query)
    }
}

/// The core's answer to one request, and what the host must do with it.
///
/// Hosts follow these steps, in order:
/// 1. `delay`: when set, the state has NOT been touched yet. Wait
///    `delay.ms`, then call [`crate::Mock::resume`] with it to get the real
///    reply (which may carry every other item below). A client that gives up
///    during the wait just leaves the `Delay` unused: nothing changes. The
///    other fields of a reply with a `delay` are empty.
/// 2. `deliveries`: webhook requests to send, each `after_ms` after now,
///    whatever becomes of the answer; report each outcome with
///    [`crate::Mock::delivered`].
/// 3. `late_ms`: the state already changed; wait this long before answering.
/// 4. Send `status`, `headers` and `body`. With `drop_after`, announce the
///    whole body's length (`content-length: body.len()`), send only its
///    first `drop_after` bytes, then abort the connection.
#[derive(Debug, Default)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// Header pairs, lower-case names; hosts add `content-length` themselves.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// Wait, then call [`crate::Mock::resume`]: see the type's doc.
    pub delay: Option<Delay>,
    /// Wait this many milliseconds after the state change, before answering.
    pub late_ms: u64,
    /// Send only this many bytes of the body, then abort the connection.
    pub drop_after: Option<usize>,
    /// Webhook requests the host should make.
    pub deliveries: Vec<Delivery>,
}

impl Reply {
    /// A reply with a status, a `content-type` and a body.
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: vec![("content-type".to_owned(), content_type.to_owned())],
            body: body.into(),
            ..Self::default()
        }
    }

    /// A JSON reply.
    pub fn json(status: u16, value: &impl Serialize) -> Self {
        let body = serde_json::to_vec(value).unwrap_or_else(|_| b"{}".to_vec());
        Self::new(status, "application/json", body)
    }

    /// A reply without a body (a preflight's 204).
    pub fn empty(status: u16) -> Self {
        Self { status, ..Self::default() }
    }

    /// The first value of a header (`name` in lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Sets a header, replacing any value it had.
    pub fn set_header(&mut self, name: &str, value: impl Into<String>) {
        self.headers.retain(|(n, _)| n != name);
        self.headers.push((name.to_owned(), value.into()));
    }

    /// True for 2xx statuses.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// A pause the host must make before the core acts; see [`Reply`].
#[derive(Debug)]
pub struct Delay {
    /// How long to wait, in milliseconds.
    pub ms: u64,
    pub(crate) resume: Box<crate::machine::Resume>,
}

/// One webhook request to make: a POST of `body` with `headers` to `url`
/// (always `http://` on loopback: `host` and `port` are where to connect,
/// `path` is the request target).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// Tells [`crate::Mock::delivered`] which delivery an outcome is for.
    pub id: u64,
    /// The callback URL as given.
    pub url: String,
    /// Host to connect to (`127.0.0.1`, `localhost`, `::1`...).
    pub host: String,
    /// Port to connect to.
    pub port: u16,
    /// Request target: path and query.
    pub path: String,
    /// Send this long after the request that caused it.
    pub after_ms: u64,
    /// Header pairs (`content-type`, `x-webhook-signature`).
    pub headers: Vec<(String, String)>,
    /// The exact bytes the signature covers.
    pub body: Vec<u8>,
}

/// Decodes `%XX` escapes (bytes that are not valid UTF-8 give `None`);
/// with `plus_is_space`, `+` decodes to a space as in forms.
pub fn percent_decode(text: &str, plus_is_space: bool) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(byte) => {
                        out.push(byte);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' if plus_is_space => out.push(b' '),
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// The pairs of an `application/x-www-form-urlencoded` string; undecodable
/// bytes become U+FFFD, as browsers and `serde_urlencoded` do.
pub fn form_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (lossy_decode(name), lossy_decode(value))
        })
        .collect()
}

fn lossy_decode(text: &str) -> String {
    percent_decode(text, true).unwrap_or_else(|| {
        let spaced = text.replace('+', " ");
        let mut out = Vec::new();
        let bytes = spaced.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
            match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
                (b'%', Some(byte)) => {
                    out.push(byte);
                    i += 3;
                }
                (byte, _) => {
                    out.push(byte);
                    i += 1;
                }
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    })
}

/// True when a text can be sent as a header value: visible ASCII, spaces
/// and tabs only.
pub fn is_header_value(text: &str) -> bool {
    text.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("%2B1415", false).as_deref(), Some("+1415"));
        assert_eq!(percent_decode("+1415", false).as_deref(), Some("+1415"));
        assert_eq!(percent_decode("+1415", true).as_deref(), Some(" 1415"));
        assert_eq!(percent_decode("%FF", false), None);
        assert_eq!(percent_decode("100%", false).as_deref(), Some("100%"));
        assert_eq!(percent_decode("%zz%4", false).as_deref(), Some("%zz%4"));
        assert_eq!(percent_decode("%e2%82%ac", false).as_deref(), Some("€"));
        let pairs = form_pairs("a=1&b=%2B2&&c&d=x+y&e=%FF");
        let expected = [("a", "1"), ("b", "+2"), ("c", ""), ("d", "x y"), ("e", "\u{fffd}")];
        let expected: Vec<(String, String)> =
            expected.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect();
        assert_eq!(pairs, expected);
    }

    #[test]
    fn header_values() {
        assert!(is_header_value("Wed, 21 Oct 2015 07:28:00 GMT"));
        assert!(!is_header_value("a\u{1}b"));
        assert!(!is_header_value("é"));
        assert!(!is_header_value("a\r\nb"));
    }
}
