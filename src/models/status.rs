//! An authentication's details and history (`GET /authentication/{auth_uuid}`).

use crate::model::{decode_field, response, set, string_enum, Decode, DecodeError, ToJs, Ts};
use crate::time::Timestamp;
use crate::value::Value;
use wasm_bindgen::JsValue;

use super::otp::CheckStatus;

string_enum! {
    /// Platform of the end user's device as reported back (wider than `DeviceType`).
    open enum SignalsDeviceType {
        /// Android.
        Android = "ANDROID",
        /// iOS.
        Ios = "IOS",
        /// iPadOS.
        Ipados = "IPADOS",
        /// tvOS.
        Tvos = "TVOS",
        /// A web browser.
        Web = "WEB",
    }
}

response! {
    /// Fraud signals that were given when the authentication was created.
    pub struct Signals {
        /// IP address of the end user's device.
        ip as "ip": String,
        /// Device identifier (`ANDROID_ID` or `identifierForVendor`).
        device_id as "deviceId": String,
        /// Platform of the device.
        device_type as "deviceType": SignalsDeviceType,
        /// Hardware model of the device.
        device_model as "deviceModel": String,
        /// Operating-system version of the device.
        os_version as "osVersion": String,
        /// Version of your app.
        app_version as "appVersion": String,
        /// Android SMS Retriever hash of your app.
        app_realm as "appRealm": String,
        /// Whether you flagged the user as a trusted returning user.
        is_returning_user as "isReturningUser": bool,
    }
}

string_enum! {
    /// Channel an attempt used.
    open enum Capability {
        /// RCS message.
        Rcs = "rcs",
        /// SMS.
        Text = "text",
        /// WhatsApp message.
        Whatsapp = "whatsapp",
        /// Viber message.
        Viber = "viber",
    }
}

string_enum! {
    /// State of one sending attempt.
    open enum AttemptStatus {
        /// Not yet confirmed as delivered.
        Pending = "pending",
        /// Reached the handset.
        Delivered = "delivered",
        /// Could not be sent or delivered.
        Failed = "failed",
        /// Blocked by rate limiting.
        RateLimited = "rate_limited",
        /// The authentication expired.
        Expired = "expired",
    }
}

response! {
    /// A message (first send or a retry) that carried a code. `type` is `"attempt"`.
    pub struct AttemptEvent {
        /// When the event was recorded.
        created_at as "createdAt": Timestamp,
        /// Identifier of the attempt; delivery reports point to it with `attemptId`.
        id as "id": String,
        /// Position of the attempt: 1 for the first send, then one more per retry.
        attempt_number as "attemptNumber": i64,
        /// Channel used.
        capability as "capability": Capability,
        /// Text of the message.
        content as "content": String,
        /// Sender ID the message was sent from.
        sender_id as "senderId": String,
        /// State of the attempt.
        status as "status": AttemptStatus,
    }
}

string_enum! {
    /// Carrier-side delivery state of an attempt.
    open enum DeliveryStatusValue {
        /// No information.
        Unknown = "unknown",
        /// Handed over to the carrier.
        Submitted = "submitted",
        /// On its way to the handset.
        InTransit = "in_transit",
        /// The handset received it.
        Delivered = "delivered",
        /// It cannot be delivered.
        Undeliverable = "undeliverable",
    }
}

response! {
    /// A delivery report about one attempt. `type` is `"delivery_status"`.
    pub struct DeliveryStatusEvent {
        /// When Ding recorded the report.
        created_at as "createdAt": Timestamp,
        /// The `id` of the attempt this report is about.
        attempt_id as "attemptId": String,
        /// The number of that attempt.
        attempt_number as "attemptNumber": i64,
        /// Delivery state.
        status as "status": DeliveryStatusValue,
        /// Timestamp given by the provider for this report.
        originated_at as "originatedAt": Timestamp,
    }
}

response! {
    /// A code check made with `check`. `type` is `"check"`.
    pub struct CheckEvent {
        /// When the event was recorded.
        created_at as "createdAt": Timestamp,
        /// Identifier of the check.
        id as "id": String,
        /// The code that was submitted.
        code as "code": String,
        /// Outcome of the check.
        status as "status": CheckStatus,
    }
}

string_enum! {
    /// What a balance movement was for.
    open enum BalanceUpdateType {
        /// Not known.
        Unknown = "unknown",
        /// An authentication.
        Authentication = "authentication",
        /// An attempt.
        Attempt = "attempt",
        /// An attempt, not settled yet.
        AttemptPending = "attempt_pending",
        /// A successful attempt.
        AttemptSuccess = "attempt_success",
        /// An authentication, not settled yet.
        AuthenticationPending = "authentication_pending",
        /// A successful authentication.
        AuthenticationSuccess = "authentication_success",
    }
}

response! {
    /// A change of your balance caused by this authentication. `type` is `"balance_update"`.
    pub struct BalanceUpdateEvent {
        /// When the event was recorded.
        created_at as "createdAt": Timestamp,
        /// Amount of the movement (currency and sign convention are not documented).
        amount as "amount": f64,
        /// What the movement was for.
        balance_update_type as "balanceUpdateType": BalanceUpdateType,
    }
}

/// An event whose `type` this SDK does not know, kept whole.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownEvent {
    /// The `type` the server sent, if it sent a string.
    pub raw_type: Option<String>,
    /// `created_at`, when present and well formed.
    pub created_at: Option<Timestamp>,
    /// The event as received (snake_case JSON text).
    pub raw: String,
}

/// One entry of an authentication's history, told apart by its `type`.
#[derive(Debug, Clone, PartialEq)]
pub enum AuthenticationEvent {
    /// `type: "attempt"`.
    Attempt(AttemptEvent),
    /// `type: "delivery_status"`.
    DeliveryStatus(DeliveryStatusEvent),
    /// `type: "check"`.
    Check(CheckEvent),
    /// `type: "balance_update"`.
    BalanceUpdate(BalanceUpdateEvent),
    /// Any other `type` (kept, not dropped: the vendor may add event kinds).
    Unknown(UnknownEvent),
}

impl Decode for AuthenticationEvent {
    fn decode<V: Value>(v: &V) -> Result<Self, DecodeError> {
        if !v.is_object() {
            return Err(DecodeError::here("an event object", v));
        }
        let kind = v.get("type").and_then(|t| t.as_text());
        Ok(match kind.as_deref() {
            Some("attempt") => AuthenticationEvent::Attempt(AttemptEvent::decode(v)?),
            Some("delivery_status") => AuthenticationEvent::DeliveryStatus(DeliveryStatusEvent::decode(v)?),
            Some("check") => AuthenticationEvent::Check(CheckEvent::decode(v)?),
            Some("balance_update") => AuthenticationEvent::BalanceUpdate(BalanceUpdateEvent::decode(v)?),
            _ => AuthenticationEvent::Unknown(UnknownEvent {
                raw_type: kind,
                created_at: decode_field(v, "created_at").ok().flatten(),
                raw: v.to_json_text(),
            }),
        })
    }
}

impl ToJs for AuthenticationEvent {
    fn to_js(&self) -> JsValue {
        let o = js_sys::Object::new();
        let kind = match self {
            AuthenticationEvent::Attempt(_) => "attempt",
            AuthenticationEvent::DeliveryStatus(_) => "delivery_status",
            AuthenticationEvent::Check(_) => "check",
            AuthenticationEvent::BalanceUpdate(_) => "balance_update",
            AuthenticationEvent::Unknown(_) => "unknown",
        };
        set(&o, "type", &JsValue::from_str(kind));
        match self {
            AuthenticationEvent::Attempt(e) => e.fill_js(&o),
            AuthenticationEvent::DeliveryStatus(e) => e.fill_js(&o),
            AuthenticationEvent::Check(e) => e.fill_js(&o),
            AuthenticationEvent::BalanceUpdate(e) => e.fill_js(&o),
            AuthenticationEvent::Unknown(e) => {
                if let Some(t) = &e.raw_type {
                    set(&o, "rawType", &JsValue::from_str(t));
                }
                if let Some(t) = &e.created_at {
                    set(&o, "createdAt", &t.to_js());
                }
                let raw = js_sys::JSON::parse(&e.raw).unwrap_or_else(|_| js_sys::Object::new().into());
                set(&o, "raw", &raw);
            }
        }
        o.into()
    }
}

impl Ts for AuthenticationEvent {
    fn ts() -> String {
        "AuthenticationEvent".into()
    }
}

impl AuthenticationEvent {
    /// The TypeScript declarations of the union and its members.
    pub fn ts_decl() -> String {
        let mut s = String::new();
        s.push_str(&AttemptEvent::ts_decl_with("  type: \"attempt\";\n"));
        s.push_str(&DeliveryStatusEvent::ts_decl_with("  type: \"delivery_status\";\n"));
        s.push_str(&CheckEvent::ts_decl_with("  type: \"check\";\n"));
        s.push_str(&BalanceUpdateEvent::ts_decl_with("  type: \"balance_update\";\n"));
        s.push_str(concat!(
            "/**\n * An event of a kind this SDK does not know yet, kept whole.\n */\n",
            "export interface UnknownEvent {\n",
            "  type: \"unknown\";\n",
            "  /** The `type` the server sent. */\n  rawType?: string;\n",
            "  /** `created_at`, when present and well formed. */\n  createdAt?: Date;\n",
            "  /** The event as received, with its snake_case keys. */\n  raw: Record<string, unknown>;\n",
            "}\n",
            "/**\n * One entry of an authentication's history; narrow it on `type`.\n */\n",
            "export type AuthenticationEvent =\n",
            "  | AttemptEvent\n  | DeliveryStatusEvent\n  | CheckEvent\n  | BalanceUpdateEvent\n  | UnknownEvent;\n",
        ));
        s
    }
}

response! {
    /// Answer of `getAuthenticationStatus`: the authentication, its signals and its history.
    pub struct AuthenticationStatusResponse {
        /// Identifier of the authentication.
        uuid as "uuid": String,
        /// The number the authentication is for, in E.164 form.
        phone_number as "phoneNumber": String,
        /// Template (content variant) used for the messages.
        template_id as "templateId": String,
        /// The `correlationId` given at creation, if any.
        correlation_id as "correlationId": String,
        /// When the authentication was created.
        created_at as "createdAt": Timestamp,
        /// Fraud signals given at creation.
        signals as "signals": Signals,
        /// History: attempts, delivery reports, checks and balance movements (order not guaranteed).
        events as "events": Vec<AuthenticationEvent>,
    }
}
