//! The v1 requests and answers as serde structs. Requests are read from the
//! caller's camelCase object and written in the wire's snake_case; answers
//! are read from the parsed snake_case JSON and written back in camelCase,
//! with dates as JS `Date`s. Enumerations the server may extend are plain
//! strings, the ones the caller sends are Rust enums.

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

use crate::checks;

/// An instant read from an RFC 3339 string, written to JS as a `Date`.
#[derive(Debug, Clone, Copy)]
pub struct Date(pub f64);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        checks::rfc3339_millis(&s).map(Date).ok_or_else(|| de::Error::custom("not an RFC 3339 date-time"))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(self.0));
        serde_wasm_bindgen::preserve::serialize(&date, s)
    }
}

// ---- requests ----------------------------------------------------------

/// Platform of the user's device, as sent.
#[derive(Debug, Serialize, Deserialize)]
pub enum DeviceType {
    #[allow(clippy::upper_case_acronyms)]
    IOS,
    #[allow(clippy::upper_case_acronyms)]
    ANDROID,
    #[allow(clippy::upper_case_acronyms)]
    WEB,
}

/// `createAuthentication`'s input.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "snake_case"))]
pub struct CreateAuthenticationRequest {
    pub customer_uuid: String,
    pub phone_number: String,
    pub ip: Option<String>,
    pub device_id: Option<String>,
    pub device_type: Option<DeviceType>,
    pub device_model: Option<String>,
    pub os_version: Option<String>,
    pub app_version: Option<String>,
    pub app_realm: Option<String>,
    pub is_returning_user: Option<bool>,
    pub callback_url: Option<String>,
    pub template_id: Option<String>,
    pub sender_id: Option<String>,
    pub correlation_id: Option<String>,
    pub locale: Option<String>,
}

/// `check`'s input.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "snake_case"))]
pub struct CreateCheckRequest {
    pub customer_uuid: String,
    pub authentication_uuid: String,
    pub check_code: String,
}

/// `retry`'s input.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "snake_case"))]
pub struct RetryAuthenticationRequest {
    pub customer_uuid: String,
    pub authentication_uuid: String,
}

/// Onboarding outcome.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackStatus {
    Onboarded,
    NotOnboarded,
}

/// `feedback`'s input.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase", serialize = "snake_case"))]
pub struct FeedbackRequest {
    pub customer_uuid: String,
    pub phone_number: String,
    pub status: FeedbackStatus,
}

/// An extra a lookup can ask for.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LookupType {
    Cnam,
}

// ---- answers -----------------------------------------------------------

/// `createAuthentication`'s answer.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all(serialize = "camelCase", deserialize = "snake_case"))]
pub struct CreateAuthenticationResponse {
    pub authentication_uuid: Option<String>,
    pub status: Option<String>,
    pub created_at: Option<Date>,
    pub expires_at: Option<Date>,
}

/// `check`'s answer.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all(serialize = "camelCase", deserialize = "snake_case"))]
pub struct CreateCheckResponse {
    pub authentication_uuid: Option<String>,
    pub status: Option<String>,
}

/// `retry`'s answer.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all(serialize = "camelCase", deserialize = "snake_case"))]
pub struct RetryAuthenticationResponse {
    pub authentication_uuid: Option<String>,
    pub status: Option<String>,
    pub created_at: Option<Date>,
    pub next_retry_at: Option<Date>,
    pub remaining_retry: Option<u32>,
}

/// `feedback`'s answer.
#[derive(Debug, Serialize, Deserialize)]
pub struct FeedbackResponse {
    pub uuid: Option<String>,
}

/// The signals given when the authentication was created.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all(serialize = "camelCase", deserialize = "snake_case"))]
pub struct Signals {
    pub ip: Option<String>,
    pub device_id: Option<String>,
    pub device_type: Option<String>,
    pub device_model: Option<String>,
    pub os_version: Option<String>,
    pub app_version: Option<String>,
    pub app_realm: Option<String>,
    pub is_returning_user: Option<bool>,
}

/// A message that carried a code.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all(serialize = "camelCase", deserialize = "snake_case"))]
pub struct AttemptEvent {
    pub created_at: Option<Date>,
    pub id: Option<String>,
    pub attempt_number: Option<u32>,
    pub capability: Option<String>,
    pub content: Option<String>,
    pub sender_id: Option<String>,
    pub status: Option<String>,
}

/// A delivery report about one attempt.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all(serialize = "camelCase", deserialize = "snake_case"))]
pub struct DeliveryStatusEvent {
    pub created_at: Option<Date>,
    pub attempt_id: Option<String>,
    pub attempt_number: Option<u32>,
    pub status: Option<String>,
    pub originated_at: Option<Date>,
}

/// A code check.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all(serialize = "camelCase", deserialize = "snake_case"))]
pub struct CheckEvent {
    pub created_at: Option<Date>,
    pub id: Option<String>,
    pub code: Option<String>,
    pub status: Option<String>,
}

/// A balance movement.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all(serialize = "camelCase", deserialize = "snake_case"))]
pub struct BalanceUpdateEvent {
    pub created_at: Option<Date>,
    pub amount: Option<f64>,
    pub balance_update_type: Option<String>,
}

/// One entry of the history, tagged by `type` on the wire and in JS.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AuthenticationEvent {
    Attempt(AttemptEvent),
    DeliveryStatus(DeliveryStatusEvent),
    Check(CheckEvent),
    BalanceUpdate(BalanceUpdateEvent),
    /// A kind this client does not know (its members are not kept).
    #[serde(other)]
    Unknown,
}

/// `getAuthenticationStatus`'s answer.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all(serialize = "camelCase", deserialize = "snake_case"))]
pub struct AuthenticationStatusResponse {
    pub uuid: Option<String>,
    pub phone_number: Option<String>,
    pub template_id: Option<String>,
    pub correlation_id: Option<String>,
    pub created_at: Option<Date>,
    pub signals: Option<Signals>,
    pub events: Option<Vec<AuthenticationEvent>>,
}

/// `lookup`'s answer.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all(serialize = "camelCase", deserialize = "snake_case"))]
pub struct LookupResponse {
    pub phone_number: Option<String>,
    pub country_code: Option<String>,
    pub line_type: Option<String>,
    pub carrier: Option<String>,
    pub mcc: Option<String>,
    pub mnc: Option<String>,
    pub number_ported: Option<bool>,
    pub temporary_phone_number: Option<bool>,
    pub caller_name: Option<String>,
}

/// The body of an error answer; every member is optional.
#[derive(Debug, Deserialize)]
pub struct ErrorBody {
    pub code: Option<String>,
    pub message: Option<String>,
    pub doc_url: Option<String>,
}
