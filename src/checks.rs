//! Field checks run on the caller's input before any request is sent. Each
//! returns the problem as a phrase that follows the field name in the error
//! message (`phoneNumber must be an E.164 number...`).

use crate::model::truncate;
use crate::validate;

/// The longest free-text field accepted (identifiers, versions, models...).
pub const MAX_TEXT: usize = 256;
/// The longest URL accepted.
pub const MAX_URL: usize = 2048;

fn fail(what: &str, got: &str) -> Result<(), String> {
    let mut s = String::from(what);
    s.push_str(", got ");
    crate::value::write_json_string(&mut s, &truncate(got, 40));
    Err(s)
}

/// A UUID in 8-4-4-4-12 hex form.
pub fn uuid(s: &str) -> Result<(), String> {
    if validate::is_uuid(s) {
        Ok(())
    } else {
        fail("must be a UUID like 0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84", s)
    }
}

/// An E.164 phone number, with a hint for the usual mistakes.
pub fn e164(s: &str) -> Result<(), String> {
    if validate::is_e164(s) {
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

/// A dotted-quad IPv4 address.
pub fn ipv4(s: &str) -> Result<(), String> {
    if validate::is_ipv4(s) {
        Ok(())
    } else {
        fail("must be an IPv4 address like 203.0.113.42", s)
    }
}

/// An absolute http(s) URL.
pub fn url(s: &str) -> Result<(), String> {
    if s.len() <= MAX_URL && validate::is_http_url(s) {
        Ok(())
    } else {
        fail("must be an absolute http(s) URL of at most 2048 characters", s)
    }
}

/// A BCP-47 language tag.
pub fn locale(s: &str) -> Result<(), String> {
    if validate::is_bcp47(s) {
        Ok(())
    } else {
        fail("must be a BCP-47 language tag like fr-FR", s)
    }
}

/// Non-empty text of at most [`MAX_TEXT`] characters without control characters.
pub fn text(s: &str) -> Result<(), String> {
    if s.is_empty() {
        Err("must not be empty".into())
    } else if s.chars().count() > MAX_TEXT {
        Err("must be at most 256 characters long".into())
    } else if validate::has_control_char(s) {
        fail("must not contain control characters (such as line breaks)", s)
    } else {
        Ok(())
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
