//! Request bodies of the v1 API and their checks, which give the contract's
//! error codes.
//!
//! Unknown JSON fields are accepted and ignored, and `null` counts as absent,
//! as the contract asks of tolerant readers.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::validate::{has_control_char, is_bcp47, is_e164, is_http_url, is_ipv4, is_uuid};

/// Numbers of this country code are refused with `unsupported_region`.
const UNSUPPORTED_REGION: &str = "+999";

/// The nil UUID, which no account has.
const NIL_UUID: &str = "00000000-0000-0000-0000-000000000000";

/// Decodes a JSON body; any syntax, missing-field or type error is a
/// `bad_request`.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| ApiError::bad_request("bad_request", format!("invalid request body: {e}")))
}

/// Checks a customer UUID (`account_invalid` when malformed or nil) and
/// returns it lowercased.
pub fn customer(uuid: &str) -> Result<String, ApiError> {
    if is_uuid(uuid) && uuid != NIL_UUID {
        Ok(uuid.to_ascii_lowercase())
    } else {
        Err(ApiError::bad_request("account_invalid", "the customer UUID is not valid"))
    }
}

/// Checks an authentication UUID (`invalid_auth_uuid`) and returns it
/// lowercased, the form the store keys on.
pub fn auth_uuid(uuid: &str) -> Result<String, ApiError> {
    if is_uuid(uuid) {
        Ok(uuid.to_ascii_lowercase())
    } else {
        Err(ApiError::unknown_auth())
    }
}

/// Checks the customer and authentication UUIDs of a check or retry body, in
/// that order, and returns both lowercased.
pub fn target(customer_uuid: &str, authentication_uuid: &str) -> Result<(String, String), ApiError> {
    Ok((customer(customer_uuid)?, auth_uuid(authentication_uuid)?))
}

/// Checks an E.164 number (`invalid_phone_number`).
pub fn phone(number: &str) -> Result<(), ApiError> {
    ensure(is_e164(number), "invalid_phone_number", &format!("{number:?} is not a valid E.164 phone number"))
}

/// `Ok` when `ok`, else a 400 with `code` and `message`.
fn ensure(ok: bool, code: &'static str, message: &str) -> Result<(), ApiError> {
    if ok {
        Ok(())
    } else {
        Err(ApiError::bad_request(code, message))
    }
}

/// Checks an optional field with `valid`; absent fields pass.
fn optional(value: Option<&String>, valid: fn(&str) -> bool, code: &'static str, field: &str) -> Result<(), ApiError> {
    let ok = value.is_none_or(|v| valid(v));
    ensure(ok, code, &format!("{field} is not valid"))
}

/// Non-empty text without control characters.
fn plain_text(s: &str) -> bool {
    !s.is_empty() && !has_control_char(s)
}

/// Body of `POST /authentication`.
#[derive(Debug, Deserialize)]
pub struct CreateAuthentication {
    /// Account of the caller.
    pub customer_uuid: String,
    /// Number to send the code to.
    pub phone_number: String,
    /// Fraud signals, kept and shown again in the status answer.
    #[serde(flatten)]
    pub signals: Signals,
    /// BCP-47 tag of the message language (checked, not used).
    pub locale: Option<String>,
    /// Message template; must start with `tpl_`.
    pub template_id: Option<String>,
    /// Sender shown on the message (`Ding` when absent).
    pub sender_id: Option<String>,
    /// Free text echoed in the status answer.
    pub correlation_id: Option<String>,
    /// Webhook URL (checked, never called).
    pub callback_url: Option<String>,
}

impl CreateAuthentication {
    /// Applies the contract's checks in a fixed order, so a request with
    /// several faults always gets the same code.
    pub fn validate(&self) -> Result<(), ApiError> {
        customer(&self.customer_uuid)?;
        phone(&self.phone_number)?;
        ensure(!self.phone_number.starts_with(UNSUPPORTED_REGION), "unsupported_region", "this country is not served")?;
        self.signals.validate()?;
        let template = self.template_id.as_ref();
        optional(template, valid_template, "invalid_template_id", "template_id")?;
        let sender = self.sender_id.as_ref();
        optional(sender, plain_text, "invalid_sender_id", "sender_id")?;
        optional(self.locale.as_ref(), is_bcp47, "bad_request", "locale")?;
        optional(self.callback_url.as_ref(), is_http_url, "bad_request", "callback_url")
    }
}

/// A template id the mock knows: `tpl_` and at least one more character.
fn valid_template(id: &str) -> bool {
    id.len() > 4 && id.starts_with("tpl_") && !has_control_char(id)
}

/// Fraud signals of an authentication: read from the create body and
/// written back, absent ones left out, in the status answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct Signals {
    /// IPv4 address of the user's device.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// Device identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
    /// `IOS`, `ANDROID` or `WEB`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_type: Option<String>,
    /// Hardware model.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_model: Option<String>,
    /// Operating-system version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub os_version: Option<String>,
    /// Version of the calling app.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_version: Option<String>,
    /// Android SMS Retriever hash; needs `device_type` `ANDROID`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_realm: Option<String>,
    /// Whether the caller trusts this user already.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_returning_user: Option<bool>,
}

impl Signals {
    fn validate(&self) -> Result<(), ApiError> {
        optional(self.ip.as_ref(), is_ipv4, "bad_request", "ip")?;
        let device_type = self.device_type.as_deref();
        ensure(
            matches!(device_type, None | Some("IOS" | "ANDROID" | "WEB")),
            "bad_request",
            "device_type must be IOS, ANDROID or WEB",
        )?;
        optional(self.device_id.as_ref(), plain_text, "invalid_device_id", "device_id")?;
        let model = self.device_model.as_ref();
        optional(model, plain_text, "invalid_device_model", "device_model")?;
        let os = self.os_version.as_ref();
        optional(os, plain_text, "invalid_os_version", "os_version")?;
        let app = self.app_version.as_ref();
        optional(app, plain_text, "invalid_app_version", "app_version")?;
        let Some(realm) = &self.app_realm else {
            return Ok(());
        };
        ensure(plain_text(realm), "invalid_app_realm", "app_realm is not valid")?;
        ensure(device_type.is_some(), "app_realm_require_device_type", "app_realm needs device_type")?;
        ensure(
            device_type == Some("ANDROID"),
            "unsupported_app_realm_device_type",
            "app_realm is only supported with device_type ANDROID",
        )
    }
}

/// Body of `POST /check`.
#[derive(Debug, Deserialize)]
pub struct Check {
    /// Account of the caller.
    pub customer_uuid: String,
    /// Authentication being checked.
    pub authentication_uuid: String,
    /// The code the user typed.
    pub check_code: String,
}

/// Body of `POST /retry`.
#[derive(Debug, Deserialize)]
pub struct Retry {
    /// Account of the caller.
    pub customer_uuid: String,
    /// Authentication to resend.
    pub authentication_uuid: String,
}

/// Body of `POST /authentication/feedback`.
#[derive(Debug, Deserialize)]
pub struct Feedback {
    /// Account of the caller.
    pub customer_uuid: String,
    /// Number the feedback is about.
    pub phone_number: String,
    /// `onboarded` or `not_onboarded`.
    pub status: String,
}

impl Feedback {
    /// Checks the customer, the number and the status
    /// (`invalid_feedback_status`); returns the customer lowercased.
    pub fn validate(&self) -> Result<String, ApiError> {
        let customer = customer(&self.customer_uuid)?;
        phone(&self.phone_number)?;
        ensure(
            matches!(self.status.as_str(), "onboarded" | "not_onboarded"),
            "invalid_feedback_status",
            "status must be onboarded or not_onboarded",
        )?;
        Ok(customer)
    }
}
