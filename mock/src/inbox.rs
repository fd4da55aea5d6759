//! The mock inbox that v1 and v2 share: every message "sent", oldest first,
//! so a demo or a test can read the code.

use serde::Serialize;

/// A message the mock "sent": what a demo shows so a person can type the code.
///
/// v1 entries carry `authentication_uuid`; v2 entries carry
/// `verification_id`, `channel` and, for an e-mail target, `email_address`
/// instead of `phone_number`. Absent members are left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    /// Recipient number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Recipient address (v2 e-mail targets).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_address: Option<String>,
    /// v1 authentication the code belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authentication_uuid: Option<String>,
    /// v2 verification the code belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verification_id: Option<String>,
    /// The code.
    pub code: String,
    /// Full message text.
    pub content: String,
    /// v2: channel it went over (`sms`, `whatsapp`, `voice`, `email`...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// When it was sent.
    pub created_at: String,
}

impl Message {
    /// True for messages of the v1 API.
    pub fn is_v1(&self) -> bool {
        self.authentication_uuid.is_some()
    }
}

/// Reads a `phone_number` filter of a mock-only query. A raw `+` in a query
/// string decodes as a space, so a number given as `?phone_number=+33...`
/// still matches: a leading space or no sign at all is read as `+`.
pub fn phone_filter(value: &str) -> String {
    let digits = value.trim().trim_start_matches('+');
    format!("+{digits}")
}
