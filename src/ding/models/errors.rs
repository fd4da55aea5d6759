//! The body of an error answer (`ErrorResponse`): a 400 always, other
//! statuses often. The SDK reads it leniently (`core::error::ErrorBody`);
//! these declarations give its TypeScript and are checked against the contract.

use crate::core::checks;
use crate::core::schema::{enumeration, model, Ty};

enumeration! {
    /// Machine-readable reason of a refused request (`err.code` of a `DingApiError`).
    pub static ERROR_CODE = open "ErrorCode" {
        /// The customer UUID is unknown or not valid.
        "account_invalid",
        /// `appRealm` was sent without `deviceType`.
        "app_realm_require_device_type",
        /// The request is malformed (bad JSON, missing or mistyped field).
        "bad_request",
        /// The number is on a block list.
        "blocked_number",
        /// This feedback status was already recorded.
        "duplicated_feedback_status",
        /// An unexpected server-side failure.
        "internal_server_error",
        /// `appRealm` is not valid.
        "invalid_app_realm",
        /// `appVersion` is not valid.
        "invalid_app_version",
        /// The authentication UUID is unknown or malformed.
        "invalid_auth_uuid",
        /// `deviceId` is not valid.
        "invalid_device_id",
        /// `deviceModel` is not valid.
        "invalid_device_model",
        /// The feedback `status` is not accepted.
        "invalid_feedback_status",
        /// This kind of phone line is not supported.
        "invalid_line",
        /// `osVersion` is not valid.
        "invalid_os_version",
        /// The number is not a valid E.164 number.
        "invalid_phone_number",
        /// `senderId` is not valid.
        "invalid_sender_id",
        /// `templateId` does not exist.
        "invalid_template_id",
        /// The account balance is negative: nothing is sent.
        "negative_balance",
        /// No authentication matches (feedback).
        "no_associated_auth_found",
        /// The account is suspended.
        "suspended_account",
        /// `senderId` is not allowed for this account.
        "unauthorized_sender_id",
        /// `appRealm` cannot be used with that `deviceType`.
        "unsupported_app_realm_device_type",
        /// The number's country is not served.
        "unsupported_region",
    }
}

model! {
    /// Body of an error answer; every member is optional.
    pub static ERROR_RESPONSE = "ErrorResponse" {
        /// Machine-readable reason.
        "code" "code": opt Ty::Enum(&ERROR_CODE),
        /// Human-readable explanation.
        "message" "message": opt Ty::Str(checks::any),
        /// Link to the vendor documentation of this code.
        "doc_url" "docUrl": opt Ty::Str(checks::any),
    }
}
