//! An authentication's details and history (`GET /authentication/{auth_uuid}`).

use super::otp::CHECK_STATUS;
use crate::core::checks;
use crate::core::schema::{enumeration, model, union, Ty};

enumeration! {
    /// Platform of the end user's device as reported back (wider than `DeviceType`).
    pub static SIGNALS_DEVICE_TYPE = open "SignalsDeviceType" {
        /// Android.
        "ANDROID",
        /// iOS.
        "IOS",
        /// iPadOS.
        "IPADOS",
        /// tvOS.
        "TVOS",
        /// A web browser.
        "WEB",
    }
}

model! {
    /// Fraud signals that were given when the authentication was created.
    pub static SIGNALS = "Signals" {
        /// IP address of the end user's device.
        "ip" "ip": opt Ty::Str(checks::any),
        /// Device identifier (`ANDROID_ID` or `identifierForVendor`).
        "device_id" "deviceId": opt Ty::Str(checks::any),
        /// Platform of the device.
        "device_type" "deviceType": opt Ty::Enum(&SIGNALS_DEVICE_TYPE),
        /// Hardware model of the device.
        "device_model" "deviceModel": opt Ty::Str(checks::any),
        /// Operating-system version of the device.
        "os_version" "osVersion": opt Ty::Str(checks::any),
        /// Version of your app.
        "app_version" "appVersion": opt Ty::Str(checks::any),
        /// Android SMS Retriever hash of your app.
        "app_realm" "appRealm": opt Ty::Str(checks::any),
        /// Whether you flagged the user as a trusted returning user.
        "is_returning_user" "isReturningUser": opt Ty::Bool,
    }
}

enumeration! {
    /// Channel an attempt used.
    pub static CAPABILITY = open "Capability" {
        /// RCS message.
        "rcs",
        /// SMS.
        "text",
        /// WhatsApp message.
        "whatsapp",
        /// Viber message.
        "viber",
    }
}

enumeration! {
    /// State of one sending attempt.
    pub static ATTEMPT_STATUS = open "AttemptStatus" {
        /// Not yet confirmed as delivered.
        "pending",
        /// Reached the handset.
        "delivered",
        /// Could not be sent or delivered.
        "failed",
        /// Blocked by rate limiting.
        "rate_limited",
        /// The authentication expired.
        "expired",
    }
}

model! {
    /// A message (first send or a retry) that carried a code. `type` is `"attempt"`.
    pub static ATTEMPT_EVENT = "AttemptEvent" {
        /// When the event was recorded.
        "created_at" "createdAt": opt Ty::Date,
        /// Identifier of the attempt; delivery reports point to it with `attemptId`.
        "id" "id": opt Ty::Str(checks::any),
        /// Position of the attempt: 1 for the first send, then one more per retry.
        "attempt_number" "attemptNumber": opt Ty::Int { min: 0, max: i64::MAX },
        /// Channel used.
        "capability" "capability": opt Ty::Enum(&CAPABILITY),
        /// Text of the message.
        "content" "content": opt Ty::Str(checks::any),
        /// Sender ID the message was sent from.
        "sender_id" "senderId": opt Ty::Str(checks::any),
        /// State of the attempt.
        "status" "status": opt Ty::Enum(&ATTEMPT_STATUS),
    }
}

enumeration! {
    /// Carrier-side delivery state of an attempt.
    pub static DELIVERY_STATUS_VALUE = open "DeliveryStatusValue" {
        /// No information.
        "unknown",
        /// Handed over to the carrier.
        "submitted",
        /// On its way to the handset.
        "in_transit",
        /// The handset received it.
        "delivered",
        /// It cannot be delivered.
        "undeliverable",
    }
}

model! {
    /// A delivery report about one attempt. `type` is `"delivery_status"`.
    pub static DELIVERY_STATUS_EVENT = "DeliveryStatusEvent" {
        /// When Ding recorded the report.
        "created_at" "createdAt": opt Ty::Date,
        /// The `id` of the attempt this report is about.
        "attempt_id" "attemptId": opt Ty::Str(checks::any),
        /// The number of that attempt.
        "attempt_number" "attemptNumber": opt Ty::Int { min: 0, max: i64::MAX },
        /// Delivery state.
        "status" "status": opt Ty::Enum(&DELIVERY_STATUS_VALUE),
        /// Timestamp given by the provider for this report.
        "originated_at" "originatedAt": opt Ty::Date,
    }
}

model! {
    /// A code check made with `check`. `type` is `"check"`.
    pub static CHECK_EVENT = "CheckEvent" {
        /// When the event was recorded.
        "created_at" "createdAt": opt Ty::Date,
        /// Identifier of the check.
        "id" "id": opt Ty::Str(checks::any),
        /// The code that was submitted.
        "code" "code": opt Ty::Str(checks::any),
        /// Outcome of the check.
        "status" "status": opt Ty::Enum(&CHECK_STATUS),
    }
}

enumeration! {
    /// What a balance movement was for.
    pub static BALANCE_UPDATE_TYPE = open "BalanceUpdateType" {
        /// Not known.
        "unknown",
        /// An authentication.
        "authentication",
        /// An attempt.
        "attempt",
        /// An attempt, not settled yet.
        "attempt_pending",
        /// A successful attempt.
        "attempt_success",
        /// An authentication, not settled yet.
        "authentication_pending",
        /// A successful authentication.
        "authentication_success",
    }
}

model! {
    /// A change of your balance caused by this authentication. `type` is `"balance_update"`.
    pub static BALANCE_UPDATE_EVENT = "BalanceUpdateEvent" {
        /// When the event was recorded.
        "created_at" "createdAt": opt Ty::Date,
        /// Amount of the movement (currency and sign convention are not documented).
        "amount" "amount": opt Ty::Number,
        /// What the movement was for.
        "balance_update_type" "balanceUpdateType": opt Ty::Enum(&BALANCE_UPDATE_TYPE),
    }
}

model! {
    /// An event of a kind this SDK does not know, or one it could not read
    /// (a member of the wrong type, or not an object at all), kept whole.
    pub static UNKNOWN_EVENT = "UnknownEvent" {
        /// `created_at`, when present and well formed.
        "created_at" "createdAt": opt Ty::Date,
    }
}

union! {
    /// One entry of an authentication's history; narrow it on `type`.
    pub static AUTHENTICATION_EVENT = "AuthenticationEvent" {
        "attempt" => &ATTEMPT_EVENT,
        "delivery_status" => &DELIVERY_STATUS_EVENT,
        "check" => &CHECK_EVENT,
        "balance_update" => &BALANCE_UPDATE_EVENT,
    }
    unknown: &UNKNOWN_EVENT
}

model! {
    /// Answer of `getAuthenticationStatus`: the authentication, its signals and its history.
    pub static AUTHENTICATION_STATUS_RESPONSE = "AuthenticationStatusResponse" {
        /// Identifier of the authentication.
        "uuid" "uuid": opt Ty::Str(checks::any),
        /// The number the authentication is for, in E.164 form.
        "phone_number" "phoneNumber": opt Ty::Str(checks::any),
        /// Template (content variant) used for the messages.
        "template_id" "templateId": opt Ty::Str(checks::any),
        /// The `correlationId` given at creation, if any.
        "correlation_id" "correlationId": opt Ty::Str(checks::any),
        /// When the authentication was created.
        "created_at" "createdAt": opt Ty::Date,
        /// Fraud signals given at creation.
        "signals" "signals": opt Ty::Obj(&SIGNALS),
        /// History: attempts, delivery reports, checks and balance movements
        /// (order not guaranteed). An event that cannot be read comes through
        /// as `type: "unknown"` with its `raw` value; it never fails the call.
        "events" "events": opt Ty::List { item: &Ty::Union(&AUTHENTICATION_EVENT), max: u32::MAX },
    }
}
