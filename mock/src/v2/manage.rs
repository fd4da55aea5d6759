//! Verification management: the allow and block lists of phone numbers,
//! and the account's sender ids.

use serde::Serialize;

use super::json::Obj;
use super::magic;
use crate::clock::rfc3339;
use crate::error::V2Error;
use crate::http::Reply;
use crate::machine::{ok, Mock};
use crate::validate::is_e164;

/// One list entry.
#[derive(Debug, Clone, Serialize)]
struct Listed {
    phone_number: String,
    created_at: String,
    #[serde(skip)]
    list: &'static str,
}

/// Both lists, in the order numbers were added.
#[derive(Debug, Default)]
pub struct Lists {
    entries: Vec<Listed>,
}

impl Lists {
    /// True when `phone` is on `list` (`allow` or `block`).
    pub fn contains(&self, list: &str, phone: &str) -> bool {
        self.entries.iter().any(|e| e.list == list && e.phone_number == phone)
    }
}

/// The list a path names, or the 400 for another name.
fn list_name(action: &str) -> Result<&'static str, V2Error> {
    match action {
        "allow" => Ok("allow"),
        "block" => Ok("block"),
        _ => Err(V2Error::new("invalid_request", "action", "the list must be allow or block")),
    }
}

/// `GET /v2/verification/management/phone-numbers/{action}`.
pub fn list(mock: &Mock, action: &str) -> Result<Reply, V2Error> {
    let list = list_name(action)?;
    let phone_numbers: Vec<&Listed> = mock.v2.lists.entries.iter().filter(|e| e.list == list).collect();
    #[derive(Serialize)]
    struct Answer<'a> {
        phone_numbers: Vec<&'a Listed>,
    }
    Ok(ok(&Answer { phone_numbers }))
}

/// The number of an add or remove body.
fn number(body: &[u8]) -> Result<String, V2Error> {
    let body = super::json::parse(body)?;
    let phone = Obj::root(&body).req_str("phone_number")?;
    if is_e164(phone) {
        Ok(phone.to_owned())
    } else {
        Err(V2Error::new(
            "invalid_phone_number",
            "phone_number",
            format!("{phone:?} is not a valid E.164 phone number"),
        ))
    }
}

/// Answer of add and remove.
#[derive(Serialize)]
struct Number<'a> {
    phone_number: &'a str,
}

/// `POST .../phone-numbers/{action}`: adds a number (idempotent: an entry
/// keeps its first `created_at`).
pub fn add(mock: &mut Mock, action: &str, body: &[u8], now: u64) -> Result<Reply, V2Error> {
    let list = list_name(action)?;
    let phone = number(body)?;
    if !mock.v2.lists.contains(list, &phone) {
        let entry = Listed { phone_number: phone.clone(), created_at: rfc3339(now), list };
        mock.v2.lists.entries.push(entry);
    }
    Ok(ok(&Number { phone_number: &phone }))
}

/// `DELETE .../phone-numbers/{action}` with a JSON body: removes a number
/// (idempotent).
pub fn remove(mock: &mut Mock, action: &str, body: &[u8]) -> Result<Reply, V2Error> {
    let list = list_name(action)?;
    let phone = number(body)?;
    mock.v2.lists.entries.retain(|e| !(e.list == list && e.phone_number == phone));
    Ok(ok(&Number { phone_number: &phone }))
}

/// One sender id and its review state.
#[derive(Debug, Clone, Serialize)]
pub struct SenderId {
    sender_id: String,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
}

impl SenderId {
    /// An approved sender id.
    pub fn approved(id: &str) -> Self {
        Self { sender_id: id.to_owned(), status: "approved", reason: None }
    }
}

/// `GET /v2/verification/management/sender-id`.
pub fn senders(mock: &Mock) -> Reply {
    #[derive(Serialize)]
    struct Listed<'a> {
        sender_id: &'a str,
        status: &'a str,
    }
    #[derive(Serialize)]
    struct Answer<'a> {
        sender_ids: Vec<Listed<'a>>,
    }
    let sender_ids = mock.v2.senders.iter().map(|s| Listed { sender_id: &s.sender_id, status: s.status }).collect();
    ok(&Answer { sender_ids })
}

/// A sender id the mock accepts for review: 1 to 11 letters, digits,
/// spaces, `-`, `.` or `_`, with at least one letter.
fn valid_sender(id: &str) -> bool {
    (1..=11).contains(&id.len())
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b' ' | b'-' | b'.' | b'_'))
        && id.bytes().any(|b| b.is_ascii_alphabetic())
}

/// `POST /v2/verification/management/sender-id`: a new submission is
/// `pending`, or `rejected` when its name contains `FREE`; submitting a
/// known name answers its current state.
pub fn submit(mock: &mut Mock, body: &[u8]) -> Result<Reply, V2Error> {
    let body = super::json::parse(body)?;
    let id = Obj::root(&body).req_str("sender_id")?;
    if !valid_sender(id) {
        let message = "sender_id must be 1 to 11 letters, digits, spaces, '-', '.' or '_'";
        return Err(V2Error::new("invalid_sender_id", "sender_id", message));
    }
    if let Some(known) = mock.v2.senders.iter().find(|s| s.sender_id == id) {
        return Ok(ok(known));
    }
    let rejected = id.to_ascii_uppercase().contains(magic::REJECTED_SENDER_WORD);
    let sender = SenderId {
        sender_id: id.to_owned(),
        status: if rejected { "rejected" } else { "pending" },
        reason: rejected.then_some(magic::REJECTED_SENDER_REASON),
    };
    let reply = ok(&sender);
    mock.v2.senders.push(sender);
    Ok(reply)
}
