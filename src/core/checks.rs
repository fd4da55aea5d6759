//! Field checks run on the caller's input before any request is sent. Each
//! returns the problem as a phrase that follows the field name in the error
//! message (`phoneNumber must be in E.164 form...`).

use crate::core::formats;
use crate::core::text::quoted;

/// The longest free-text field accepted (identifiers, versions, models...).
pub const MAX_TEXT: usize = 256;
/// The longest URL accepted.
pub const MAX_URL: usize = 2048;

fn fail(what: &str, got: &str) -> Result<(), String> {
    let mut s = String::from(what);
    s.push_str(", got ");
    s.push_str(&quoted(got, 40));
    Err(s)
}

/// Any string (answers, and request text the contract leaves free).
pub fn any(_: &str) -> Result<(), String> {
    Ok(())
}

/// A UUID in 8-4-4-4-12 hex form.
pub fn uuid(s: &str) -> Result<(), String> {
    if formats::is_uuid(s) {
        Ok(())
    } else {
        fail("must be a UUID like 0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84", s)
    }
}

/// An E.164 phone number, with a hint for the usual mistakes.
pub fn e164(s: &str) -> Result<(), String> {
    if formats::is_e164(s) {
        return Ok(());
    }
    let what = if s.is_empty() {
        "must not be empty"
    } else if !s.starts_with('+') {
        "must be in E.164 form, starting with + and the country code (like +14155550123)"
    } else if s.chars().any(|c| matches!(c, ' ' | '-' | '(' | ')' | '.')) {
        "must be in E.164 form without spaces, dashes, dots or brackets (like +14155550123)"
    } else if !s.bytes().skip(1).all(|c| c.is_ascii_digit()) || s.len() < 3 || s.as_bytes().get(1) == Some(&b'0') {
        "must be in E.164 form: + then the country code and number, digits only (like +14155550123)"
    } else {
        "must have at most 15 digits in E.164 form (like +14155550123)"
    };
    fail(what, s)
}

/// An e-mail address.
pub fn email(s: &str) -> Result<(), String> {
    if formats::is_email(s) {
        Ok(())
    } else {
        fail("must be an e-mail address like jane.doe@example.com", s)
    }
}

/// An absolute http(s) URL.
pub fn url(s: &str) -> Result<(), String> {
    if s.len() <= MAX_URL && formats::is_http_url(s) {
        Ok(())
    } else {
        fail("must be an absolute http(s) URL of at most 2048 characters", s)
    }
}

/// A BCP-47 language tag.
pub fn locale(s: &str) -> Result<(), String> {
    if formats::is_bcp47(s) {
        Ok(())
    } else {
        fail("must be a BCP-47 language tag like fr-FR", s)
    }
}

/// Non-empty text of at most `max` characters without control characters.
fn bounded_text(s: &str, max: usize, too_long: &str) -> Result<(), String> {
    if s.is_empty() {
        Err("must not be empty".into())
    } else if s.chars().count() > max {
        Err(too_long.into())
    } else if formats::has_control_char(s) {
        fail("must not contain control characters (such as line breaks)", s)
    } else {
        Ok(())
    }
}

/// Non-empty text of at most [`MAX_TEXT`] characters without control characters.
pub fn text(s: &str) -> Result<(), String> {
    bounded_text(s, MAX_TEXT, "must be at most 256 characters long")
}

/// A correlation id: text of at most 64 characters (the v2 API's limit).
pub fn correlation_id(s: &str) -> Result<(), String> {
    bounded_text(s, 64, "must be at most 64 characters long")
}

/// A dispatch id from a Prelude front-end SDK: exactly 36 characters.
pub fn dispatch_id(s: &str) -> Result<(), String> {
    if s.chars().count() == 36 && !formats::has_control_char(s) {
        Ok(())
    } else {
        fail("must be the 36-character id a Prelude front-end SDK gave", s)
    }
}

/// The code a user typed: 1 to 32 letters or digits.
pub fn code(s: &str) -> Result<(), String> {
    if s.is_empty() {
        Err("must not be empty".into())
    } else if s.len() > 32 || !s.bytes().all(|c| c.is_ascii_alphanumeric()) {
        fail("must be the code as typed: 1 to 32 letters or digits", s)
    } else {
        Ok(())
    }
}

/// A code of your own to send: 4 to 8 letters or digits.
pub fn custom_code(s: &str) -> Result<(), String> {
    if (4..=8).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_alphanumeric()) {
        Ok(())
    } else {
        fail("must be 4 to 8 letters or digits", s)
    }
}

/// An ISO 4217 currency code: three capital letters.
pub fn currency(s: &str) -> Result<(), String> {
    if s.len() == 3 && s.bytes().all(|c| c.is_ascii_uppercase()) {
        Ok(())
    } else {
        fail("must be an ISO 4217 currency code like EUR", s)
    }
}

/// An amount as a decimal string (`149.90`).
pub fn amount(s: &str) -> Result<(), String> {
    let (int, frac) = s.split_once('.').unwrap_or((s, "0"));
    let digits = |t: &str| !t.is_empty() && t.len() <= 18 && t.bytes().all(|c| c.is_ascii_digit());
    if digits(int) && digits(frac) {
        Ok(())
    } else {
        fail("must be an amount as a decimal string like 149.90", s)
    }
}

/// The problem with an IP address the API does not take.
pub fn ip_problem(v6: bool, s: &str) -> String {
    let what = if v6 {
        "must be an IPv4 or IPv6 address like 203.0.113.42 or 2001:db8::42"
    } else if formats::parse_ipv6(s).is_some() {
        "must be an IPv4 address: the Ding v1 API takes IPv4 only (an IPv4-mapped address like ::ffff:203.0.113.42 \
         is converted); leave ip out for a user on IPv6, or use the Prelude v2 client, which takes both"
    } else {
        "must be an IPv4 address like 203.0.113.42"
    };
    fail(what, s).err().unwrap_or_default()
}

/// The type of a check: the problem as a phrase, or `Ok`.
pub type CheckFn = crate::core::schema::Check;

/// Non-empty text of at most 1024 characters without control characters
/// (user agents, template variables).
pub fn long_text(s: &str) -> Result<(), String> {
    bounded_text(s, 1024, "must be at most 1024 characters long")
}
