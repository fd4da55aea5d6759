//! The body of an error answer (`ErrorResponse`): a 400 always, other
//! statuses often.

use crate::model::{decode_field, response, string_enum};
use crate::value::Value;

string_enum! {
    /// Machine-readable reason of a refused request (`err.code` of a `DingApiError`).
    open enum ErrorCode {
        /// The customer UUID is unknown or not valid.
        AccountInvalid = "account_invalid",
        /// `appRealm` was sent without `deviceType`.
        AppRealmRequireDeviceType = "app_realm_require_device_type",
        /// The request is malformed (bad JSON, missing or mistyped field).
        BadRequest = "bad_request",
        /// The number is on a block list.
        BlockedNumber = "blocked_number",
        /// This feedback status was already recorded.
        DuplicatedFeedbackStatus = "duplicated_feedback_status",
        /// An unexpected server-side failure.
        InternalServerError = "internal_server_error",
        /// `appRealm` is not valid.
        InvalidAppRealm = "invalid_app_realm",
        /// `appVersion` is not valid.
        InvalidAppVersion = "invalid_app_version",
        /// The authentication UUID is unknown or malformed.
        InvalidAuthUuid = "invalid_auth_uuid",
        /// `deviceId` is not valid.
        InvalidDeviceId = "invalid_device_id",
        /// `deviceModel` is not valid.
        InvalidDeviceModel = "invalid_device_model",
        /// The feedback `status` is not accepted.
        InvalidFeedbackStatus = "invalid_feedback_status",
        /// This kind of phone line is not supported.
        InvalidLine = "invalid_line",
        /// `osVersion` is not valid.
        InvalidOsVersion = "invalid_os_version",
        /// The number is not a valid E.164 number.
        InvalidPhoneNumber = "invalid_phone_number",
        /// `senderId` is not valid.
        InvalidSenderId = "invalid_sender_id",
        /// `templateId` does not exist.
        InvalidTemplateId = "invalid_template_id",
        /// The account balance is negative: nothing is sent.
        NegativeBalance = "negative_balance",
        /// No authentication matches (feedback).
        NoAssociatedAuthFound = "no_associated_auth_found",
        /// The account is suspended.
        SuspendedAccount = "suspended_account",
        /// `senderId` is not allowed for this account.
        UnauthorizedSenderId = "unauthorized_sender_id",
        /// `appRealm` cannot be used with that `deviceType`.
        UnsupportedAppRealmDeviceType = "unsupported_app_realm_device_type",
        /// The number's country is not served.
        UnsupportedRegion = "unsupported_region",
    }
}

response! {
    /// Body of an error answer; every member is optional.
    pub struct ErrorResponse {
        /// Machine-readable reason.
        code as "code": ErrorCode,
        /// Human-readable explanation.
        message as "message": String,
        /// Link to the vendor documentation of this code.
        doc_url as "docUrl": String,
    }
}

impl ErrorResponse {
    /// Reads what it can and ignores members of the wrong type: an error
    /// body is evidence, not a contract, and must never hide the status.
    pub fn decode_lenient<V: Value>(v: &V) -> ErrorResponse {
        ErrorResponse {
            code: decode_field(v, "code").ok().flatten(),
            message: decode_field(v, "message").ok().flatten(),
            doc_url: decode_field(v, "doc_url").ok().flatten(),
        }
    }
}
